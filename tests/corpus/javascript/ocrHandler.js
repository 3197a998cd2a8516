'use strict';

/** Explains an OCR failure to the person who uploaded the image. */
function explain(err) {
  switch (err.error_code) {
    case 'AIS.0101':
      return 'The request was malformed.';
    case 'AIS.0102':
      return 'Upload a JPG, PNG, BMP or TIFF image.';
    case 'AIS.0103':
      return 'The image must be under 10 MB.';
    case 'AIS.0104':
      return 'The image is too blurry.';
    case 'AIS.0105':
      return 'The text could not be recognised.';
    default:
      return `Unexpected error ${err.error_code}`;
  }
}

module.exports = { explain };
