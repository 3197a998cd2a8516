use serde::Deserialize;

/// The OCR service's own errors, as the JSON body spells them.
#[derive(Debug, Deserialize, PartialEq, Eq)]
pub enum OcrError {
    #[serde(rename = "AIS.0101")]
    InvalidParameter,
    #[serde(rename = "AIS.0102")]
    UnsupportedFormat,
    #[serde(rename = "AIS.0103")]
    BadSize,
    #[serde(rename = "AIS.0104")]
    PoorQuality,
    #[serde(rename = "AIS.0105")]
    RecognitionFailed,
    #[serde(rename = "AIS.0106")]
    Deprecated,
}
