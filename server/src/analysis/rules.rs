//! The rules errcode-ls reports, and how severe each is.

use std::fmt;

/// A diagnostic rule; its name is the diagnostic `code` and the key under `[rules]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    /// A code-shaped token of a known family that the catalog does not list.
    UnknownCode,
    /// A `match`/`switch` on codes that leaves catalog codes unhandled.
    UnhandledCodes,
    /// The same code handled twice in one `match`/`switch`.
    DuplicateCode,
    /// An `errcode:` comment directive that cannot be read.
    MalformedDirective,
    /// A file `errcode-ls gen` wrote from a catalog that has changed since.
    StaleGenerated,
}

impl Rule {
    pub const ALL: [Rule; 5] = [
        Rule::UnknownCode,
        Rule::UnhandledCodes,
        Rule::DuplicateCode,
        Rule::MalformedDirective,
        Rule::StaleGenerated,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Rule::UnknownCode => "unknown-code",
            Rule::UnhandledCodes => "unhandled-codes",
            Rule::DuplicateCode => "duplicate-code",
            Rule::MalformedDirective => "malformed-directive",
            Rule::StaleGenerated => "stale-generated",
        }
    }

    pub fn from_name(name: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.name() == name)
    }

    fn default_severity(self) -> Option<Severity> {
        Some(Severity::Warning)
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How severe a finding is, as editors show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Information,
    Hint,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Information => "information",
            Severity::Hint => "hint",
        }
    }

    /// Reads a configured severity; `Ok(None)` is `"off"`.
    pub fn parse(text: &str) -> Result<Option<Severity>, String> {
        match text.to_ascii_lowercase().as_str() {
            "error" => Ok(Some(Severity::Error)),
            "warning" | "warn" => Ok(Some(Severity::Warning)),
            "information" | "info" => Ok(Some(Severity::Information)),
            "hint" => Ok(Some(Severity::Hint)),
            "off" | "none" => Ok(None),
            _ => Err(format!(
                "unknown severity `{text}` (expected \"error\", \"warning\", \"information\", \"hint\" or \"off\")"
            )),
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The severity of every rule; `None` turns a rule off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleSeverities([Option<Severity>; Rule::ALL.len()]);

impl Default for RuleSeverities {
    fn default() -> Self {
        RuleSeverities(Rule::ALL.map(Rule::default_severity))
    }
}

impl RuleSeverities {
    pub fn get(&self, rule: Rule) -> Option<Severity> {
        self.0[rule as usize]
    }

    pub fn set(&mut self, rule: Rule, severity: Option<Severity>) {
        self.0[rule as usize] = severity;
    }
}
