//! The language-neutral model of a construct that branches on string literals: what analysis
//! reads and what the arm templates need to write new branches.
//!
//! **Invariant:** plain data with byte ranges into the parsed text; no tree-sitter types leak out,
//! so analysis never depends on a grammar's node names.

use std::ops::Range;

use super::Language;

/// What kind of construct branches on a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConstructKind {
    /// Rust `match`, Python `match`, Kotlin `when`.
    Match,
    /// `switch` statements (Go, JavaScript, TypeScript, Java, C#, PHP).
    Switch,
    /// Java `switch` with arrow rules, C# `switch` expressions, PHP `match`.
    SwitchExpression,
    /// `if`/`else if` chains (`elif`, `elseif`) comparing one expression with literals.
    IfChain,
    /// A map, dict or object literal keyed by string literals: one branch per entry.
    Table,
    /// A string enum or a block of string constants: one branch per member, its value the label.
    Enum,
}

/// How a new branch is written; chosen from the construct's own branches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ArmForm {
    /// Rust `"X" => { … }`.
    RustArm,
    /// Python `case "X":` with an indented block.
    PythonCase,
    /// Python `elif subject == "X":` with an indented block.
    PythonElif,
    /// Go `case "X":` (no fall-through by default).
    GoCase,
    /// C-family `case "X":` followed by statements (JavaScript, TypeScript, Java, C#).
    ColonCase,
    /// Java `case "X" -> …;`.
    JavaRule,
    /// C# switch-expression arm `"X" => …,`.
    CSharpArm,
    /// Java `else if (subject.equals("X")) { … }` appended after a block.
    JavaElseIf,
    /// JavaScript/TypeScript `else if (subject === "X") { … }`.
    JsElseIf,
    /// C# `else if (subject == "X") { … }`.
    CSharpElseIf,
    /// Kotlin `else if (subject == "X") { … }`.
    KotlinElseIf,
    /// Kotlin entry `subject == "X" -> …` of a `when` without a subject.
    KotlinWhenCondition,
    /// PHP `elseif ($subject === 'X') { … }`.
    PhpElseIf,
    /// Go `else if subject == "X" { … }`.
    GoElseIf,
    /// Rust `else if subject == "X" { … }`.
    RustElseIf,
    /// Python dict entry `"X": value,`.
    PythonDictEntry,
    /// JavaScript/TypeScript object entry `"X": value,`.
    JsObjectEntry,
    /// JavaScript/TypeScript `new Map([...])` entry `["X", value],`.
    JsMapEntry,
    /// Go map literal entry `"X": value,`.
    GoMapEntry,
    /// Kotlin `mapOf` entry `"X" to value,`.
    KotlinPairEntry,
    /// PHP array entry `'X' => value,`.
    PhpArrayEntry,
    /// Rust `HashMap::from([...])` entry `("X", value),`.
    RustTupleEntry,
    /// C# collection initialiser entry `{ "X", value },`.
    CSharpDictEntry,
    /// Java `Map.of("X", value, …)` pair or `Map.ofEntries(Map.entry("X", value), …)` entry.
    JavaMapEntry,
    /// Java statement `MAP.put("X", value);` in a block of them.
    JavaPutStatement,
    /// TypeScript enum member `NAME = "X",`.
    TsEnumMember,
    /// Python `Enum` member `NAME = "X"`.
    PythonEnumMember,
    /// Go constant in a `const ( … )` block, `NAME = "X"`.
    GoConst,
    /// C# constant `public const string NAME = "X";`.
    CSharpConst,
    /// Kotlin enum entry `NAME("X"),`.
    KotlinEnumEntry,
    /// Java enum constant `NAME("X", …),` with the code among its arguments.
    JavaEnumConstant,
    /// Rust enum variant `#[serde(rename = "X")] Name,`.
    RustSerdeVariant,
    /// Kotlin `when` entry `"X" -> …`.
    KotlinEntry,
    /// PHP `match` arm `'X' => …,`.
    PhpMatchArm,
}

/// One `match`/`switch`/if-chain whose branches test string literals, or a table or enum whose
/// entries are keyed by them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Construct {
    pub language: Language,
    pub kind: ConstructKind,
    pub form: ArmForm,
    /// The whole construct.
    pub range: Range<usize>,
    /// The `match`/`switch`/`if` keyword.
    pub keyword: Range<usize>,
    /// The expression being tested, without enclosing parentheses.
    pub subject: Option<Range<usize>>,
    pub branches: Vec<Branch>,
    /// Where new branches go; `None` when a branch cannot be added safely (e.g. a Java
    /// `if` whose body is not a block).
    pub insertion: Option<Insertion>,
    /// Indentation of a branch line, and one more level for a branch's body.
    pub arm_indent: String,
    pub indent_unit: String,
    /// The quote the file's literals use (`"` or `'`).
    pub quote: char,
    /// How an enum member or constant is written, copied from the first one.
    pub member_template: Option<MemberTemplate>,
    /// Every entry of a table has a string literal value (new entries get the code's message).
    pub string_values: bool,
    /// An if-chain written as separate `if`s that each return or throw: a new branch is
    /// another `if` after the last one, not an `else if`.
    pub separate_ifs: bool,
    /// Blocks open on a line of their own (Allman style): a new `else if` is written so too.
    pub brace_on_own_line: bool,
    /// The construct's lines end with `\r\n`.
    pub crlf: bool,
    /// What surrounds the literal in the branches' patterns, as `(before, after)`:
    /// `Some(` and `)` for `Some("AIS.0101") =>`, so new arms are written the same way. In
    /// if-chains the pattern is a branch's condition: `code != null && code.equals(` and `)`.
    pub pattern_wrap: Option<(String, String)>,
}

/// A member written as `{before_name}NAME{between}"CODE"{after}`: `public const string ` and
/// ` = ` and `;` for a C# constant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberTemplate {
    pub before_name: String,
    pub between: String,
    pub after: String,
    /// Where `after` holds the first member's message (a Java enum's other string argument):
    /// the range of its content, replaced by the new code's message.
    pub message: Option<Range<usize>>,
    /// The value comes before the name (`#[serde(rename = "X")]` then `Name,`): the member is
    /// `{before_name}"CODE"{between}NAME{after}`.
    pub value_first: bool,
}

/// One branch (arm, case, clause).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Branch {
    pub range: Range<usize>,
    pub labels: Vec<Label>,
    /// `_`, `default`, `else` or an irrefutable binding (without a guard).
    pub is_default: bool,
    /// The branch has a guard (`if …`, `when …`): it may not handle its labels every time.
    pub guarded: bool,
    /// The pattern the labels sit in, where the language allows nested patterns; in if-chains,
    /// the condition of a branch that tests one literal (without enclosing parentheses).
    pub pattern: Option<Range<usize>>,
    /// What the branch yields when its body is only a boolean literal (`return true;`,
    /// `=> false`, `return False`): such branches classify codes rather than handle them.
    pub verdict: Option<bool>,
}

/// A string literal a branch tests, or a name standing for one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// The literal's text without quotes or prefixes; for a name, the path as written without
    /// whitespace (`ErrCodes.INVALID`, `ErrorCode::InvalidParam`, `self::X`).
    pub value: String,
    /// The range of `value` in the text (inside the quotes; the whole path for a name).
    pub range: Range<usize>,
    /// The label is a name — a constant or an enum member — that analysis resolves through the
    /// declarations it knows; syntax cannot tell which string it holds.
    pub named: bool,
}

impl Label {
    /// The segments of a named label's path: `["ErrCodes", "INVALID"]`.
    pub fn segments(&self) -> Vec<&str> {
        path_segments(&self.value)
    }
}

/// The segments of a path written with `.`, `::`, `->` or `?.`.
pub fn path_segments(path: &str) -> Vec<&str> {
    path.split(['.', ':', '-', '>', '?']).filter(|s| !s.is_empty()).collect()
}

/// A constant or enum member declared with a string value: `static final String X = "AIS.0101"`,
/// `INVALID_PARAM("AIS.0101", "Invalid parameter")`, `#[serde(rename = "AIS.0101")] Invalid`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Constant {
    /// The class, object, enum or `impl` it belongs to; `None` for a module- or package-level one.
    pub owner: Option<String>,
    pub name: String,
    /// The name where it is declared.
    pub name_range: Range<usize>,
    /// The string literals of its value: one for a constant, every string argument of an enum
    /// member (analysis picks the one that is a code).
    pub values: Vec<Label>,
}

/// Where and how new branches are inserted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Insertion {
    pub offset: usize,
    pub mode: InsertMode,
    /// A `,` must be inserted here first (Rust and C# arms need a separator after the last one).
    pub comma_at: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InsertMode {
    /// At the start of a line: branches are written as whole lines.
    LineStart,
    /// Before a token in the middle of a line (the branch after the new ones starts there).
    BeforeToken,
    /// After the last branch, when the construct's closing delimiter follows on the same line.
    AfterToken,
    /// Right after a closing `}` (`else if` blocks).
    AfterBlock,
}

impl Construct {
    /// The default branch, if any.
    pub fn default_branch(&self) -> Option<&Branch> {
        self.branches.iter().find(|b| b.is_default)
    }

    /// Whether a branch tests a name (a constant) rather than a literal.
    pub fn has_names(&self) -> bool {
        self.labels().any(|(_, l)| l.named)
    }

    /// Every label of every branch, in order.
    pub fn labels(&self) -> impl Iterator<Item = (&Branch, &Label)> {
        self.branches.iter().flat_map(|b| b.labels.iter().map(move |l| (b, l)))
    }
}
