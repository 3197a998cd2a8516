//! The built-in catalog: the OCR service's error-code page, embedded in the binary and read by
//! the same importer as any user catalog (see `server/catalogs/README.md` for its origin).

use super::{Import, rst};

/// The embedded document's text.
pub const BUILTIN_TEXT: &str = include_str!("../../catalogs/huawei-cloud-ocr.rst");
/// The name it has when written out to disk for editors to open.
pub const BUILTIN_FILE_NAME: &str = "huawei-cloud-ocr.rst";
/// The catalog's human name.
pub const BUILTIN_NAME: &str = "Huawei Cloud OCR";
/// Where the page comes from.
pub const BUILTIN_ORIGIN: &str =
    "Huawei Cloud Optical Character Recognition API Reference, \"Error Codes\" (ocr_03_0028)";

/// Imports the embedded page.
pub fn builtin_catalog() -> Import {
    rst::parse(&format!("builtin:{BUILTIN_FILE_NAME}"), BUILTIN_TEXT)
}
