//! Ship-tracking (AIS) frames: message types are written `AIS.<n>`, firmware `AIS.<major>.<minor>`.

use regex::Regex;

pub const EMPTY_SLOT: &str = "AIS.0";
pub const REGIONAL: &str = "AIS.99";
pub const FIRMWARE: &str = "AIS.01.01";

pub fn is_api_error(token: &str) -> bool {
    let pattern = Regex::new(r"^(AIS|APIG)\.\d{4}$").expect("valid pattern");
    pattern.is_match(token) && !token.starts_with("APIGW.") && token != "VPC.0101"
}

pub fn message_type(frame: &str) -> Option<u8> {
    frame.strip_prefix("AIS.")?.parse().ok()
}
