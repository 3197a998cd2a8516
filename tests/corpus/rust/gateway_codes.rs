//! Gateway error codes as constants.

pub const API_NOT_FOUND: &str = "APIG.0101";
pub const BACKEND_TIMEOUT: &str = "APIG.0201";
pub const AUTH_FAILED: &str = "APIG.0301";
pub const THROTTLED: &str = "APIG.0308";

pub fn status(code: &str) -> u16 {
    match code {
        API_NOT_FOUND => 404,
        BACKEND_TIMEOUT => 504,
        THROTTLED => 429,
        _ => 500,
    }
}

pub fn retryable(code: &str) -> bool {
    matches!(code, BACKEND_TIMEOUT | THROTTLED)
}
