// Texts for the OCR errors; recognition failures use the generic text for now.
export const OCR_MESSAGES = {
  'AIS.0101': 'The input parameter is invalid.',
  'AIS.0102': 'The image format is not supported.',
  'AIS.0103': 'The image size does not meet the requirements.',
  'AIS.0104': 'The image quality is poor.',
};

export function ocrMessage(code) {
  return OCR_MESSAGES[code] ?? 'Something went wrong.';
}
