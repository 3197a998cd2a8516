use std::time::Duration;

#[derive(Debug)]
pub enum GatewayError {
    NotPublished,
    Auth,
    Throttled(Duration),
    Other(String),
}

/// Maps the API gateway's codes to typed errors; the backend timeout is not mapped yet.
pub fn gateway_error(code: &str, retry_after: Option<u64>) -> GatewayError {
    match code {
        "APIG.0101" => GatewayError::NotPublished,
        "APIG.0301" => GatewayError::Auth,
        "APIG.0308" => GatewayError::Throttled(Duration::from_secs(retry_after.unwrap_or(2))),
        _ => GatewayError::Other(code.to_owned()),
    }
}
