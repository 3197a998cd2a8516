//! Turns an OCR error body into an action for the caller.

use crate::api::{Action, ErrorBody};

pub fn action_for(body: &ErrorBody) -> Action {
    match body.error_code.as_str() {
        "AIS.0101" => Action::FixRequest("check the request parameters"),
        "AIS.0102" => Action::FixRequest("send a JPG, PNG, BMP or TIFF image"),
        "AIS.0103" => Action::FixRequest("shrink the image below 10 MB"),
        "AIS.0104" => Action::FixRequest("send a sharper image"),
        "AIS.0105" => Action::GiveUp,
        other => Action::Unknown(other.to_owned()),
    }
}
