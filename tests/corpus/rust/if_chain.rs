pub enum Remedy {
    Resend,
    Reformat,
    Resize,
    Retake,
}

/// What the uploader should do next; recognition failures have no remedy yet.
pub fn remedy(code: &str) -> Option<Remedy> {
    if code == "AIS.0101" {
        Some(Remedy::Resend)
    } else if code == "AIS.0102" {
        Some(Remedy::Reformat)
    } else if code == "AIS.0103" {
        Some(Remedy::Resize)
    } else if code == "AIS.0104" {
        Some(Remedy::Retake)
    } else {
        None
    }
}
