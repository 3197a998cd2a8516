//! `unhandled-codes`, `duplicate-code` and `malformed-directive`: what a `match`/`switch`/if-chain
//! on error codes leaves out or repeats, with fixes that write the missing branches.
//!
//! A construct counts when one of its branches tests a code (a catalog code, or a code-shaped
//! token of a known family). The codes it must handle are those of the namespaces (or
//! categories, or the whole catalog: [`Expected`]) its branches mention, narrowed by
//! `errcode: expect` directives and `ignore-codes`. A default branch does not make the check
//! pass: it lowers the finding to information, unless `default-signifies-exhaustive` is set.
//!
//! Completeness is checked where the code means to be complete ([`Completeness::Intent`]). A
//! *classifier* picks a few codes out on purpose and is not checked: a predicate (every branch
//! yields a boolean literal), a construct whose literals are mostly not codes of the catalog
//! (`"DNS.0005"`, `"APIGW.0301"` beside one `"APIG.0301"`), one that handles one or two codes
//! beside a fallback (a default branch, or, for an if-chain, whatever follows the chain), and an
//! enum or constant block that names only some codes of each of its namespaces (constants for
//! the codes a program checks by name). A table keyed by codes stays checked: a message table is
//! meant to cover its codes. A construct that already
//! handles more than half of a namespace's codes is a *handler* whatever its shape, and so is
//! one marked `errcode: exhaustive`.
//!
//! A label may name a constant (`case ErrCodes.INVALID:`): it stands for the code the file or
//! the workspace declares for it ([`Scope`]). A construct with a name that resolves to no code
//! is never told it misses codes, which the name might handle, unless marked
//! `errcode: exhaustive`. New branches name the missing codes' constants the way the
//! construct's other labels do, where such constants are declared; a construct whose every
//! label is a name gets no literal branch (its subject may be an enum, not a string).
//!
//! **Invariant:** pure: constructs, directives and catalog in, findings out. It never parses
//! (that is [`crate::syntax`]) and never sees editor positions.

use std::collections::{BTreeSet, HashMap};

use super::arms::{NewArm, add_arms};
use super::constants::{Resolved, Scope, exact_code};
use super::directives::{Directive, Directives};
use super::{Completeness, Context, Expected, Finding, Fix, Rule, Severity};
use crate::catalog::EntryId;
use crate::recognize::Recognized;
use crate::syntax::{Construct, ConstructKind};

/// How many codes a message lists before "and N more".
const LISTED: usize = 12;
/// How many single-code fixes ("Add arm for X") are offered next to the one that adds all.
const SINGLE_FIXES: usize = 10;

/// Findings of the three rules for the constructs of one text.
pub fn exhaustiveness(
    text: &str,
    constructs: &[Construct],
    directives: &Directives,
    cx: Context<'_>,
    scope: Scope<'_>,
) -> Vec<Finding> {
    let mut findings = malformed_directives(directives, cx);
    if directives.file.iter().any(|d| matches!(d, Directive::Ignore)) {
        return findings;
    }
    let lines = LineStarts::new(text);
    for construct in constructs {
        let (codes, unresolved) = codes_of(construct, cx, scope);
        if codes.is_empty() {
            continue;
        }
        let local: Vec<&Directive> = directives.for_construct(lines.line_of(construct.range.start)).collect();
        if local.iter().any(|d| matches!(d, Directive::Ignore)) {
            continue;
        }
        let expect: Vec<&Directive> = directives.file.iter().chain(local.iter().copied()).collect();
        let exhaustive = expect.iter().any(|d| matches!(d, Directive::Exhaustive));
        let meant_complete = exhaustive
            || (!unresolved
                && (cx.options.completeness == Completeness::Always
                    || classify(construct, &codes, cx).is_none()));
        if meant_complete {
            findings.extend(unhandled(text, construct, &codes, &expect, cx, scope));
        }
        findings.extend(duplicates(construct, &codes, &lines, cx));
    }
    findings
}

/// A label that is a code, or names a constant holding one.
struct CodeLabel {
    branch: usize,
    code: String,
    range: std::ops::Range<usize>,
    kind: Recognized,
    /// The path as written and the constant it resolved to, for a named label.
    named: Option<(String, crate::analysis::Declared)>,
}

/// The labels that are codes, and whether some name resolved to none (then the construct may
/// handle codes analysis cannot see).
fn codes_of(construct: &Construct, cx: Context<'_>, scope: Scope<'_>) -> (Vec<CodeLabel>, bool) {
    let mut out = Vec::new();
    let mut unresolved = false;
    for (index, branch) in construct.branches.iter().enumerate() {
        for label in &branch.labels {
            let (code, named) = if label.named {
                match scope.resolve(&label.value) {
                    Resolved::Code(declared) => {
                        (declared.code.clone(), Some((label.value.clone(), declared.clone())))
                    }
                    Resolved::Ambiguous | Resolved::Unknown => {
                        unresolved = true;
                        continue;
                    }
                }
            } else {
                (label.value.clone(), None)
            };
            // Only a literal that is exactly one code counts: `"AIS.0101: bad image"` is a message.
            if let Some(kind) = exact_code(&code, cx.recognizer) {
                out.push(CodeLabel { branch: index, code, range: label.range.clone(), kind, named });
            }
        }
    }
    (out, unresolved)
}

/// Why a construct reads as a classifier rather than a handler.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Classifier {
    /// Every branch yields `true` or `false`: `is_retryable(code)`.
    Predicate,
    /// Most of its literals are not codes of the catalog (other strings, or codes it lacks).
    Foreign,
    /// One or two codes picked out, everything else left to the default (or, after an
    /// if-chain, to the code that follows it).
    FewBesideDefault,
    /// An enum or constant block naming a few codes of each namespace it touches.
    PartialDeclaration,
}

/// The kind of classifier `construct` is, or `None` for a handler (which is checked).
fn classify(construct: &Construct, codes: &[CodeLabel], cx: Context<'_>) -> Option<Classifier> {
    let handled: BTreeSet<EntryId> = codes.iter().filter_map(|c| known(c.kind)).collect();
    if handles_most_of_a_namespace(&handled, cx) {
        return None;
    }
    if construct.branches.iter().all(|b| b.verdict.is_some()) {
        return Some(Classifier::Predicate);
    }
    // Codes the catalog lacks count as other literals: a construct about codes the catalog does
    // not know (`APIG.0602`, `APIG.0624` beside one catalog code) is not the catalog's handler.
    let literals = construct.branches.iter().map(|b| b.labels.len()).sum::<usize>();
    let catalog_labels = codes.iter().filter(|c| known(c.kind).is_some()).count();
    if literals - catalog_labels > catalog_labels {
        return Some(Classifier::Foreign);
    }
    let distinct: BTreeSet<&str> = codes.iter().map(|c| c.code.as_str()).collect();
    let falls_back = construct.default_branch().is_some() || construct.kind == ConstructKind::IfChain;
    if falls_back && distinct.len() <= 2 {
        return Some(Classifier::FewBesideDefault);
    }
    // An enum has no default to tell intent by; one meant to be complete lists most of a
    // namespace already (checked above).
    if construct.kind == ConstructKind::Enum {
        return Some(Classifier::PartialDeclaration);
    }
    None
}

/// Whether `handled` holds more than half of the codes of one of its namespaces.
fn handles_most_of_a_namespace(handled: &BTreeSet<EntryId>, cx: Context<'_>) -> bool {
    let catalog = cx.catalog;
    let mut per_namespace: HashMap<&str, (usize, usize)> = HashMap::new();
    for &id in handled {
        let entry = catalog.entry(id);
        // The namespace's own entry list gives its size without a pass over the catalog.
        let size = catalog.namespace_of(&entry.code).map_or(1, |ns| ns.entries.len());
        per_namespace.entry(entry.namespace.as_str()).or_insert((0, size)).0 += 1;
    }
    per_namespace.into_values().any(|(count, size)| count * 2 > size)
}

fn unhandled(
    text: &str,
    construct: &Construct,
    codes: &[CodeLabel],
    expect: &[&Directive],
    cx: Context<'_>,
    scope: Scope<'_>,
) -> Option<Finding> {
    let configured = cx.options.severities.get(Rule::UnhandledCodes)?;
    let has_default = construct.default_branch().is_some();
    if has_default && cx.options.default_signifies_exhaustive {
        return None;
    }
    let handled: BTreeSet<EntryId> = codes.iter().filter_map(|c| known(c.kind)).collect();
    let missing: Vec<EntryId> = expected(codes, cx)
        .into_iter()
        .filter(|id| !handled.contains(id))
        .filter(|&id| {
            let code = &cx.catalog.entry(id).code;
            !cx.options.ignore_codes.matches(code)
                && expect.iter().all(|d| match d {
                    Directive::Expect(patterns) => patterns.matches(code),
                    Directive::Ignore | Directive::Exhaustive => true,
                    Directive::IgnoreCode(patterns) => !patterns.matches(code),
                })
        })
        .collect();
    if missing.is_empty() {
        return None;
    }
    let severity = if has_default { configured.max(Severity::Information) } else { configured };
    let mut message = format!(
        "{} error code{} not handled: {}",
        missing.len(),
        if missing.len() == 1 { "" } else { "s" },
        list_by_namespace(&missing, cx)
    );
    if has_default {
        message.push_str(" (left to the default branch)");
    }
    let range = construct.subject.clone().unwrap_or(construct.keyword.clone());
    Some(Finding {
        rule: Rule::UnhandledCodes,
        severity,
        range,
        message,
        related: missing.clone(),
        fixes: fixes(text, construct, codes, &missing, cx, scope),
    })
}

fn fixes(
    text: &str,
    construct: &Construct,
    codes: &[CodeLabel],
    missing: &[EntryId],
    cx: Context<'_>,
    scope: Scope<'_>,
) -> Vec<Fix> {
    let names: Vec<Option<String>> =
        missing.iter().map(|&id| constant_name(codes, &cx.catalog.entry(id).code, scope)).collect();
    // Where every code is named, the subject may be the enum itself (`match error { OcrError::…
    // }`) and a literal would not compile: only codes with a constant of their own get a branch.
    let only_names = codes.iter().all(|c| c.named.is_some());
    let missing: Vec<EntryId> = missing
        .iter()
        .zip(&names)
        .filter(|(_, name)| !only_names || name.is_some())
        .map(|(&id, _)| id)
        .collect();
    let missing = missing.as_slice();
    let arm = |id: EntryId| {
        let entry = cx.catalog.entry(id);
        let name = constant_name(codes, &entry.code, scope);
        (entry, name)
    };
    let (many, one) = match construct.kind {
        ConstructKind::Table => ("entries", "entry"),
        ConstructKind::Enum => ("members", "member"),
        _ => ("arms", "arm"),
    };
    let mut fixes = Vec::new();
    fn new_arm<'a>((entry, name): &'a (&'a crate::catalog::Entry, Option<String>)) -> NewArm<'a> {
        NewArm { code: &entry.code, message: &entry.message, name: name.as_deref() }
    }
    let written: Vec<_> = missing.iter().map(|&id| arm(id)).collect();
    if missing.len() > 1 {
        let all: Vec<NewArm> = written.iter().map(new_arm).collect();
        if let Some(edits) = add_arms(text, construct, &all) {
            fixes.push(Fix {
                title: format!("Add {} missing {many}", missing.len()),
                edits,
                preferred: true,
            });
        }
    }
    for one_arm in written.iter().take(SINGLE_FIXES) {
        if let Some(edits) = add_arms(text, construct, &[new_arm(one_arm)]) {
            let title = format!("Add {one} for {}", one_arm.0.code);
            fixes.push(Fix { title, edits, preferred: missing.len() == 1 });
        }
    }
    fixes
}

/// How a new branch names `code`, written like the construct's first named label: the same path
/// with the constant's name in place of the label's, for a constant of the same owner.
/// A constant of another owner is written `Owner.NAME` (`Owner::NAME` where the construct's
/// paths use `::`).
fn constant_name(codes: &[CodeLabel], code: &str, scope: Scope<'_>) -> Option<String> {
    let (path, example) = codes.iter().find_map(|c| c.named.as_ref())?;
    let candidates = scope.for_code(code);
    if let Some(candidate) = candidates.iter().find(|d| d.owner == example.owner) {
        let at = path.rfind(example.name.as_str())?;
        return Some(format!("{}{}{}", &path[..at], candidate.name, &path[at + example.name.len()..]));
    }
    let candidate = candidates.first()?;
    let separator =
        if path.contains("::") || scope.family == "rust" || scope.family == "php" { "::" } else { "." };
    Some(match &candidate.owner {
        Some(owner) => format!("{owner}{separator}{}", candidate.name),
        None => candidate.name.clone(),
    })
}

/// The codes a construct must handle, in catalog order.
fn expected(codes: &[CodeLabel], cx: Context<'_>) -> Vec<EntryId> {
    let catalog = cx.catalog;
    let namespaces = || -> BTreeSet<&str> {
        codes
            .iter()
            .filter_map(|c| match c.kind {
                Recognized::Known(id) => Some(catalog.entry(id).namespace.as_str()),
                Recognized::Unknown { namespace } => catalog
                    .namespaces()
                    .get(namespace)
                    .and_then(|ns| ns.entries.first())
                    .map(|&id| catalog.entry(id).namespace.as_str()),
            })
            .collect()
    };
    match cx.options.expected {
        Expected::Catalog => catalog.ids().collect(),
        Expected::Category => {
            let categories: BTreeSet<&str> = codes
                .iter()
                .filter_map(|c| known(c.kind))
                .filter_map(|id| catalog.entry(id).category.as_deref())
                .collect();
            if categories.is_empty() {
                let namespaces = namespaces();
                return catalog
                    .ids()
                    .filter(|&id| namespaces.contains(catalog.entry(id).namespace.as_str()))
                    .collect();
            }
            catalog
                .ids()
                .filter(|&id| catalog.entry(id).category.as_deref().is_some_and(|c| categories.contains(c)))
                .collect()
        }
        Expected::Namespace => {
            let namespaces = namespaces();
            catalog.ids().filter(|&id| namespaces.contains(catalog.entry(id).namespace.as_str())).collect()
        }
    }
}

/// `AIS.0102, AIS.0104` for one namespace; `AIS: AIS.0102; APIG: APIG.0101, APIG.0102` for
/// several; long lists end with "and N more".
fn list_by_namespace(missing: &[EntryId], cx: Context<'_>) -> String {
    let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
    for &id in missing.iter().take(LISTED) {
        let entry = cx.catalog.entry(id);
        match groups.iter_mut().find(|(ns, _)| *ns == entry.namespace) {
            Some((_, codes)) => codes.push(&entry.code),
            None => groups.push((&entry.namespace, vec![&entry.code])),
        }
    }
    let mut listed = match groups.as_slice() {
        [(_, codes)] => codes.join(", "),
        _ => groups
            .iter()
            .map(|(ns, codes)| format!("{ns}: {}", codes.join(", ")))
            .collect::<Vec<_>>()
            .join("; "),
    };
    if missing.len() > LISTED {
        listed.push_str(&format!(" and {} more", missing.len() - LISTED));
    }
    listed
}

fn duplicates(
    construct: &Construct,
    codes: &[CodeLabel],
    lines: &LineStarts,
    cx: Context<'_>,
) -> Vec<Finding> {
    let Some(severity) = cx.options.severities.get(Rule::DuplicateCode) else { return Vec::new() };
    let mut first: HashMap<&str, &CodeLabel> = HashMap::new();
    let mut findings = Vec::new();
    for label in codes {
        // A guarded branch may decline its code, so handling it again later is deliberate.
        if construct.branches[label.branch].guarded {
            continue;
        }
        match first.get(label.code.as_str()) {
            Some(earlier) => findings.push(Finding {
                rule: Rule::DuplicateCode,
                severity,
                range: label.range.clone(),
                message: if construct.kind == ConstructKind::Table {
                    format!(
                        "`{}` already has an entry on line {}; one of the two is lost",
                        label.code,
                        lines.line_of(earlier.range.start) + 1
                    )
                } else {
                    format!(
                        "`{}` is already handled on line {}; this branch never sees it",
                        label.code,
                        lines.line_of(earlier.range.start) + 1
                    )
                },
                related: known(label.kind).into_iter().collect(),
                fixes: Vec::new(),
            }),
            None => {
                first.insert(&label.code, label);
            }
        }
    }
    findings
}

fn malformed_directives(directives: &Directives, cx: Context<'_>) -> Vec<Finding> {
    let Some(severity) = cx.options.severities.get(Rule::MalformedDirective) else { return Vec::new() };
    directives
        .malformed
        .iter()
        .map(|(range, message)| Finding {
            rule: Rule::MalformedDirective,
            severity,
            range: range.clone(),
            message: message.clone(),
            related: Vec::new(),
            fixes: Vec::new(),
        })
        .collect()
}

fn known(kind: Recognized) -> Option<EntryId> {
    match kind {
        Recognized::Known(id) => Some(id),
        Recognized::Unknown { .. } => None,
    }
}

/// Byte offsets of line starts, for line numbers in messages and directive lookup.
struct LineStarts(Vec<usize>);

impl LineStarts {
    fn new(text: &str) -> Self {
        LineStarts(
            std::iter::once(0).chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1)).collect(),
        )
    }

    /// 0-based line of `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.0.partition_point(|&start| start <= offset).saturating_sub(1)
    }
}
