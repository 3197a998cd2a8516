/// Codes worth retrying after a short pause: throttling and overloaded backends.
pub fn is_retryable(code: &str) -> bool {
    matches!(code, "APIG.0308" | "ModelArts.4401" | "ModelArts.4402" | "ModelArts.4403")
}

/// Codes after which the token must be fetched again.
pub fn needs_new_token(code: &str) -> bool {
    match code {
        "APIG.0301" | "ModelArts.0203" | "ModelArts.4102" => true,
        _ => false,
    }
}

pub fn backoff(code: &str, attempt: u32) -> Option<u64> {
    if code == "APIG.0308" {
        Some(2u64.pow(attempt).min(30))
    } else if is_retryable(code) {
        Some(1)
    } else {
        None
    }
}
