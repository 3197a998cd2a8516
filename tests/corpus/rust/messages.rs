//! Friendly texts shown to end users for the OCR service's own errors.

pub const MESSAGES: &[(&str, &str)] = &[
    ("AIS.0101", "Something about the request is wrong."),
    ("AIS.0102", "This image format is not supported."),
    ("AIS.0103", "The image is too large or too small."),
    ("AIS.0104", "The image is too blurry to read."),
    ("AIS.0105", "We could not read this image."),
];

pub fn message(code: &str) -> &'static str {
    MESSAGES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, m)| *m)
        // Older gateways answered AIS.0160 for oversized images.
        .unwrap_or("Something went wrong.")
}
