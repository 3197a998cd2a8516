//! The shape of a code: a prefix, an optional separator, then digits (`AIS` `.` `0101`).
//!
//! Shapes are learnt from whatever codes a catalog lists; nothing assumes the seed's form.

/// A code family's prefix and separator, e.g. (`ModelArts`, `.`), (`PAY`, `-`), (`E`, ``).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CodeShape {
    pub prefix: String,
    pub separator: String,
}

impl CodeShape {
    /// Splits a code into its shape and the number of trailing digits. Codes without trailing
    /// digits or without a prefix containing a letter have no shape (they are still valid codes,
    /// recognised only by exact spelling).
    pub fn split(code: &str) -> Option<(CodeShape, usize)> {
        let digits = code.bytes().rev().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        let head = &code[..code.len() - digits];
        let (prefix, separator) = match head.as_bytes().last() {
            Some(&b) if is_separator(b) => (&head[..head.len() - 1], &head[head.len() - 1..]),
            _ => (head, ""),
        };
        if !prefix.bytes().any(|b| b.is_ascii_alphabetic()) {
            return None;
        }
        Some((CodeShape { prefix: prefix.to_owned(), separator: separator.to_owned() }, digits))
    }

    /// The literal text every code of this family starts with.
    pub fn lead(&self) -> String {
        format!("{}{}", self.prefix, self.separator)
    }
}

/// Punctuation that may join the parts of a code.
pub fn is_separator(b: u8) -> bool {
    matches!(b, b'.' | b'-' | b'_' | b':' | b'/' | b'#')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(code: &str) -> Option<(String, String, usize)> {
        CodeShape::split(code).map(|(s, d)| (s.prefix, s.separator, d))
    }

    #[test]
    fn dotted_codes_split_at_the_last_separator() {
        assert_eq!(shape("AIS.0101"), Some(("AIS".into(), ".".into(), 4)));
        assert_eq!(shape("ModelArts.81101"), Some(("ModelArts".into(), ".".into(), 5)));
        assert_eq!(shape("SVCSTG.OBS.4001"), Some(("SVCSTG.OBS".into(), ".".into(), 4)));
    }

    #[test]
    fn dashes_and_bare_prefixes_are_shapes_too() {
        assert_eq!(shape("PAY-1001"), Some(("PAY".into(), "-".into(), 4)));
        assert_eq!(shape("E1001"), Some(("E".into(), "".into(), 4)));
    }

    #[test]
    fn codes_without_digits_or_letters_have_no_shape() {
        assert_eq!(shape("InvalidParameter"), None);
        assert_eq!(shape("1001"), None);
        assert_eq!(shape("-1001"), None);
    }
}
