use crate::error_enum::OcrError;

/// What to tell the user about a failed recognition.
pub fn advice(error: &OcrError) -> &'static str {
    match error {
        OcrError::InvalidParameter => "Check the request parameters.",
        OcrError::UnsupportedFormat | OcrError::BadSize => "Send a JPG or PNG under 10 MB.",
        _ => "Try again later.",
    }
}
