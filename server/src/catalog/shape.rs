//! The shape of a code: a prefix, an optional separator, then digits (`AIS` `.` `0101`).
//!
//! Shapes are learnt from whatever codes a catalog lists; nothing assumes the seed's form. A
//! family's [`DigitLengths`] — how many digits its codes have — say which tokens can be codes of
//! it at all: `AIS.99` is not an `AIS` code when every `AIS` code has four digits.

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

/// The digit counts a family's codes have, as a set (`AIS.0101`, `AIS.0102` → {4}).
///
/// Counts above [`DigitLengths::MAX`] are not kept: no token that long is searched for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct DigitLengths(u64);

impl DigitLengths {
    /// The largest digit count a set can hold.
    pub const MAX: usize = 63;

    /// The set holding one count.
    pub fn of(count: usize) -> Self {
        let mut lengths = DigitLengths::default();
        lengths.insert(count);
        lengths
    }

    pub fn insert(&mut self, count: usize) {
        if count <= Self::MAX {
            self.0 |= 1 << count;
        }
    }

    pub fn contains(self, count: usize) -> bool {
        count <= Self::MAX && self.0 & (1 << count) != 0
    }

    /// Each count, and one digit fewer or more: the counts a mistyped code of the family may
    /// have (`ModelArts.81011` beside four-digit codes), never zero.
    pub fn widened(self) -> Self {
        DigitLengths((self.0 | self.0 << 1 | self.0 >> 1) & !1)
    }

    /// The counts in increasing order.
    pub fn iter(self) -> impl Iterator<Item = usize> {
        (0..=Self::MAX).filter(move |&count| self.contains(count))
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

    fn lengths(counts: &[usize]) -> DigitLengths {
        let mut set = DigitLengths::default();
        for &count in counts {
            set.insert(count);
        }
        set
    }

    #[test]
    fn digit_lengths_hold_each_count_once() {
        let set = lengths(&[4, 4, 5]);
        assert_eq!(set.iter().collect::<Vec<_>>(), vec![4, 5]);
        assert!(!set.contains(3));
    }

    #[test]
    fn widened_lengths_add_one_digit_either_side() {
        assert_eq!(DigitLengths::of(4).widened().iter().collect::<Vec<_>>(), vec![3, 4, 5]);
        assert_eq!(lengths(&[2, 6]).widened().iter().collect::<Vec<_>>(), vec![1, 2, 3, 5, 6, 7]);
    }

    #[test]
    fn widened_lengths_never_allow_zero_digits() {
        assert_eq!(DigitLengths::of(1).widened().iter().collect::<Vec<_>>(), vec![1, 2]);
    }

    #[test]
    fn counts_past_the_maximum_are_not_kept() {
        let set = lengths(&[DigitLengths::MAX, DigitLengths::MAX + 1]);
        assert_eq!(set.iter().collect::<Vec<_>>(), vec![DigitLengths::MAX]);
        assert!(!set.contains(200));
    }

    #[test]
    fn codes_without_digits_or_letters_have_no_shape() {
        assert_eq!(shape("InvalidParameter"), None);
        assert_eq!(shape("1001"), None);
        assert_eq!(shape("-1001"), None);
    }
}
