//! Diagnostics: every problem fengong finds, with a stable code, a severity,
//! a message that says what was expected and what was found, byte spans with
//! labels, notes, a help line and, where the repair is mechanical, a [`Fix`].
//!
//! Parse errors have codes `E…`; lint findings have codes `W…`. Every code
//! has an explanation ([`Code::explanation`]) that `fengong explain CODE`
//! prints.
//!
//! ```
//! let parsed = fengong::parse_tolerant("附件：\n标题\n\t序号\n\t工作任务\n\t甲责任单位\n\t乙责任单位\n\n\t（一）类\n\t二十\n\t文本\n\t区甲\n\t乙\n");
//! let d = &parsed.diagnostics[0];
//! assert_eq!(d.code().as_str(), "E010");
//! assert_eq!(d.message(), "expected a task number such as 12, found `二十`");
//! ```

use std::fmt;

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

use crate::span::Span;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// The document may be wrong, but it can be read.
    Warning,
    /// The document cannot be read as written.
    Error,
}

impl Severity {
    /// `"error"` or `"warning"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl fmt::Display for Severity {
    /// `error` or `warning`, padded and aligned as the format asks
    /// (`{:<8}`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl Serialize for Severity {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

macro_rules! codes {
    ($(
        $(#[$doc:meta])*
        $variant:ident = $code:literal, $name:literal, $severity:ident, $summary:literal;
    )*) => {
        /// A stable diagnostic code. `E…` codes are parse errors, `W…` codes
        /// lint findings. Codes never change meaning; new ones are added.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Code {
            $(
                $(#[$doc])*
                $variant,
            )*
        }

        impl Code {
            /// Every code, in order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The code as written in reports: `E010`.
            pub const fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code,)* }
            }

            /// A short kebab-case name: `invalid-task-number`.
            pub const fn name(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            /// The severity findings of this code have unless configured
            /// otherwise.
            pub const fn default_severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }

            /// One line saying what the code is about.
            pub const fn summary(self) -> &'static str {
                match self { $(Code::$variant => $summary,)* }
            }

            /// The full explanation: what it means, an example of a document
            /// with the problem, and the fix.
            pub fn explanation(self) -> &'static str {
                match self {
                    $(Code::$variant => include_str!(concat!("explain/", $code, ".md")),)*
                }
            }
        }
    };
}

codes! {
    /// The document holds no text, or only white space.
    EmptyDocument = "E001", "empty-document", Error, "the document is empty";
    /// The bytes are not text in any supported encoding.
    UndecodableInput = "E002", "undecodable-input", Error, "the bytes are not text in a supported encoding";
    /// The file could not be read.
    UnreadableFile = "E003", "unreadable-file", Error, "the file could not be read";
    /// No header row (`序号`, `工作任务`, two responsibility columns).
    MissingHeader = "E004", "missing-header", Error, "the table has no header row";
    /// The header row has fewer than 3 or more than 8 cells, or not as many
    /// as the task rows.
    HeaderCellCount = "E005", "header-cell-count", Error, "the header row does not have a cell for each column";
    /// A line of text outside any cell.
    StrayLine = "E006", "stray-line", Error, "a line of text is outside any table cell";
    /// A category heading whose numeral is not a Chinese numeral.
    InvalidNumeral = "E007", "invalid-numeral", Error, "a category numeral is not a Chinese numeral";
    /// A category heading without its closing parenthesis.
    UnclosedHeading = "E008", "unclosed-heading", Error, "a category heading lacks its closing parenthesis";
    /// A category heading with no title.
    MissingCategoryTitle = "E009", "missing-category-title", Error, "a category heading has no title";
    /// A task's first cell is not a number.
    InvalidTaskNumber = "E010", "invalid-task-number", Error, "a task number is not a number";
    /// A task number too large to be one.
    TaskNumberTooLarge = "E011", "task-number-too-large", Error, "a task number is too large";
    /// A task row with fewer cells than the header.
    IncompleteTask = "E012", "incomplete-task", Error, "a task row does not have a cell for each column";
    /// A task before the first heading of a table that has headings.
    TaskOutsideCategory = "E013", "task-outside-category", Error, "a task comes before the first heading of a table with headings";
    /// A configuration file (`fengong.toml` or `--config`) that cannot be
    /// used: unreadable, not TOML, or holding a key or value fengong does not
    /// know.
    InvalidConfig = "E014", "invalid-config", Error, "a configuration file cannot be used";
    /// A file that fengong was asked to rewrite and did not: not a regular
    /// file, read-only, changed since it was read, or holding bytes that its
    /// encoding would not write back the same.
    UnwritableFile = "E015", "unwritable-file", Error, "a file could not be rewritten safely";
    /// An input larger than the size limit (`--max-size`).
    InputTooLarge = "E016", "input-too-large", Error, "an input is larger than the size limit";
    /// Task numbers that do not run 1, 2, 3, … through the document: a gap,
    /// a repeat or a task out of order.
    TaskNumberSequence = "W001", "task-number-sequence", Warning, "task numbers do not run 1, 2, 3, … through the document";
    /// Category numerals that do not run 一, 二, 三, ….
    CategoryNumberSequence = "W002", "category-number-sequence", Warning, "category numerals do not run 一, 二, 三, …";
    /// A task whose cell of lead, responsible, district or local units names
    /// no unit.
    EmptyUnitCell = "W003", "empty-unit-cell", Warning, "a task's cell of lead or responsible units names no unit";
    /// A `、` with no unit name on one side: leading, trailing or doubled.
    StraySeparator = "W004", "stray-separator", Warning, "a separator `、` leaves an empty unit";
    /// Text such as `[bookmark: RANGE!C44]` left in a cell by the conversion
    /// from Word.
    ExtractionArtifact = "W005", "extraction-artifact", Warning, "a cell or a line holds an extraction artifact such as `[bookmark: …]` or a pinyin gloss `(nóng)`";
    /// White space before or after the text of a cell line, or around a unit
    /// name.
    StrayWhitespace = "W006", "stray-whitespace", Warning, "a cell has white space around its text";
    /// A unit name used once that is one or two characters away from a name
    /// used elsewhere (a likely typo).
    NearMissUnit = "W007", "near-miss-unit", Warning, "a unit name is one or two characters from a name used elsewhere";
    /// Two tasks with the same or nearly the same text.
    DuplicateTask = "W008", "duplicate-task", Warning, "two tasks have the same or nearly the same text";
    /// A blank line, or the end of the document, holding spaces.
    WhitespaceOnlyLine = "W009", "whitespace-only-line", Warning, "a blank line holds spaces";
    /// A category heading whose line does not start with a tab.
    HeadingWithoutTab = "W010", "heading-without-tab", Warning, "a category heading does not start its line with a tab";
    /// A column label fengong does not know (or a second column of a role).
    UnexpectedColumnLabel = "W011", "unexpected-column-label", Warning, "a column label names no known column";
    /// No title line before the table.
    MissingTitle = "W012", "missing-title", Warning, "the document has no title";
    /// A task whose local units leave out the ones that answer for its
    /// district units everywhere else in the document.
    UnitMappingMismatch = "W013", "unit-mapping-mismatch", Warning, "a task's local units disagree with the document-wide unit mapping";
    /// A heading without a numeral (`加强基础设施建设` where its neighbours
    /// read `一、…`).
    UnnumberedHeading = "W014", "unnumbered-heading", Warning, "a heading has no numeral";
    /// A task of a list document that names no unit: no role clause and no
    /// label lines.
    TaskWithoutUnits = "W015", "task-without-units", Warning, "a task names no unit";
    /// A field of a role clause whose label names no role (`联系人：…`).
    UnknownClauseLabel = "W016", "unknown-clause-label", Warning, "a clause field's label names no role";
    /// A role clause opened and not closed: `（牵头单位：…` without `）`.
    UnclosedClause = "W017", "unclosed-clause", Warning, "a role clause is not closed";
    /// Units separated with ASCII and full-width punctuation in one list.
    InconsistentSeparators = "W018", "inconsistent-separators", Warning, "units are separated inconsistently, or by white space";
    /// A paragraph between the tasks of a list document that belongs to no
    /// task or heading.
    StrayParagraph = "W019", "stray-paragraph", Warning, "a paragraph belongs to no task or heading";
    /// A task row whose number cell is empty (a numbering Word kept outside
    /// the text): the task is numbered by its place.
    MissingTaskNumber = "W020", "missing-task-number", Warning, "a task's number cell is empty";
    /// A task number written with full-width digits or followed by
    /// punctuation (`１８`, `3.`): it reads, but not as the others do.
    TaskNumberFormat = "W021", "task-number-format", Warning, "a task number is written with full-width digits or punctuation";
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Code {
    type Err = UnknownCode;

    /// Reads a code (`E010`, any case) or a name (`invalid-task-number`).
    fn from_str(s: &str) -> Result<Code, UnknownCode> {
        Code::ALL
            .iter()
            .copied()
            .find(|c| c.as_str().eq_ignore_ascii_case(s) || c.name() == s)
            .ok_or_else(|| UnknownCode(s.to_string()))
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Code {
    /// Reads a code (`"W003"`) or a name (`"near-miss-unit"`), as in a
    /// `fengong.toml`.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Code, D::Error> {
        struct Visitor;
        impl de::Visitor<'_> for Visitor {
            type Value = Code;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "a diagnostic code such as \"W003\" or a name such as \"near-miss-unit\"",
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Code, E> {
                v.parse().map_err(E::custom)
            }
        }
        d.deserialize_str(Visitor)
    }
}

impl std::str::FromStr for Severity {
    type Err = UnknownSeverity;

    /// Reads `error` or `warning` (any case).
    fn from_str(s: &str) -> Result<Severity, UnknownSeverity> {
        [Severity::Error, Severity::Warning]
            .into_iter()
            .find(|v| v.as_str().eq_ignore_ascii_case(s))
            .ok_or_else(|| UnknownSeverity(s.to_string()))
    }
}

impl<'de> Deserialize<'de> for Severity {
    /// Reads `"error"` or `"warning"`.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Severity, D::Error> {
        struct Visitor;
        impl de::Visitor<'_> for Visitor {
            type Value = Severity;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("\"error\" or \"warning\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Severity, E> {
                v.parse().map_err(E::custom)
            }
        }
        d.deserialize_str(Visitor)
    }
}

/// The error of reading a severity other than `error` or `warning`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown severity `{0}` (expected `error` or `warning`)")]
pub struct UnknownSeverity(pub String);

/// The error of reading an unknown code or name. Its message suggests the
/// nearest code or name when one is near enough (`near-miss` →
/// `near-miss-unit`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCode(pub String);

impl fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown diagnostic code or name `{}`", self.0)?;
        match crate::select::suggest(&self.0) {
            Some(near) => write!(f, "; did you mean `{near}`?"),
            None => Ok(()),
        }
    }
}

impl std::error::Error for UnknownCode {}

/// A span with a message, drawn under the source text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Label {
    /// The bytes the label points at.
    pub span: Span,
    /// What it says about them.
    pub message: String,
}

/// One replacement of source bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edit {
    /// The bytes to replace.
    pub span: Span,
    /// What to put there.
    pub replacement: String,
}

/// Whether applying a fix keeps the document's meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Only layout or clutter changes; `check --fix` applies it.
    Safe,
    /// The meaning may change (a unit renamed to a likely name); applied only
    /// with `--unsafe-fixes`.
    Unsafe,
}

/// A mechanical repair: edits that do not overlap, in source order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// What the fix does, in a few words.
    pub message: String,
    /// Whether it is safe to apply without review.
    pub applicability: Applicability,
    /// The edits.
    pub edits: Vec<Edit>,
}

/// One problem in a document.
///
/// Kept small, as a document may have a finding every few bytes: 96 bytes
/// inline (texts as exact-size boxed strings, not `String`s with the spare
/// capacity `format!` leaves, and the rules' fixed labels and help lines not
/// copied at all), and the secondary labels, notes and fix, which most
/// findings lack, in one box allocated only when there are any.
#[derive(Clone)]
pub struct Diagnostic {
    code: Code,
    severity: Severity,
    span: Span,
    message: Box<str>,
    label: Text,
    help: Option<Text>,
    more: Option<Box<More>>,
}

/// A label or help line: the rules' fixed texts as they are, without a copy
/// in every finding; others in an exact-size box.
#[derive(Clone)]
enum Text {
    Static(&'static str),
    Owned(Box<str>),
}

impl Text {
    fn as_str(&self) -> &str {
        match self {
            Text::Static(text) => text,
            Text::Owned(text) => text,
        }
    }
}

/// The parts of a [`Diagnostic`] that most findings do not have (40
/// bytes: exact-size slices, the fix boxed).
#[derive(Debug, Clone, Default)]
struct More {
    secondary: Box<[Label]>,
    notes: Box<[String]>,
    fix: Option<Box<Fix>>,
}

/// `items` and `item`, in an exact-size slice.
fn pushed<T>(items: &mut Box<[T]>, item: T) {
    let mut all = std::mem::take(items).into_vec();
    all.reserve_exact(1);
    all.push(item);
    *items = all.into_boxed_slice();
}

/// A `String` without spare capacity, boxed.
fn exact(text: impl Into<String>) -> Box<str> {
    text.into().into_boxed_str()
}

impl Diagnostic {
    /// A diagnostic of `code` (at its default severity) about `span`.
    pub fn new(code: Code, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            code,
            severity: code.default_severity(),
            span,
            message: exact(message),
            label: Text::Static(""),
            help: None,
            more: None,
        }
    }

    /// An error `expected {expected}, found {found}`.
    pub fn expected(code: Code, span: Span, expected: &str, found: &str) -> Diagnostic {
        // Written into its exact size: one allocation, where `format!`
        // grows its buffer and the box then shrinks it.
        const EXPECTED: &str = "expected ";
        const FOUND: &str = ", found ";
        let mut message =
            String::with_capacity(EXPECTED.len() + expected.len() + FOUND.len() + found.len());
        for part in [EXPECTED, expected, FOUND, found] {
            message.push_str(part);
        }
        Diagnostic::new(code, span, message)
    }

    /// The rare parts, allocated on first use.
    fn more(&mut self) -> &mut More {
        self.more.get_or_insert_with(Box::default)
    }

    /// Sets the label drawn under the primary span.
    pub fn with_label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = Text::Owned(exact(label));
        self
    }

    /// [`Diagnostic::with_label`] for a fixed text, which is not copied.
    pub(crate) fn with_static_label(mut self, label: &'static str) -> Diagnostic {
        self.label = Text::Static(label);
        self
    }

    /// Adds a secondary span with its label.
    pub fn with_secondary(mut self, span: Span, message: impl Into<String>) -> Diagnostic {
        let mut message = message.into();
        message.shrink_to_fit();
        pushed(&mut self.more().secondary, Label { span, message });
        self
    }

    /// Adds a note.
    pub fn with_note(mut self, note: impl Into<String>) -> Diagnostic {
        let mut note = note.into();
        note.shrink_to_fit();
        pushed(&mut self.more().notes, note);
        self
    }

    /// Sets the help line.
    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(Text::Owned(exact(help)));
        self
    }

    /// [`Diagnostic::with_help`] for a fixed text, which is not copied.
    pub(crate) fn with_static_help(mut self, help: &'static str) -> Diagnostic {
        self.help = Some(Text::Static(help));
        self
    }

    /// Sets the mechanical fix.
    pub fn with_fix(mut self, fix: Fix) -> Diagnostic {
        self.more().fix = Some(Box::new(fix));
        self
    }

    /// Sets the severity (configuration may raise or lower a lint's).
    pub fn with_severity(mut self, severity: Severity) -> Diagnostic {
        self.severity = severity;
        self
    }

    /// The stable code.
    pub fn code(&self) -> Code {
        self.code
    }

    /// Error or warning.
    pub fn severity(&self) -> Severity {
        self.severity
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The message: what was expected and what was found.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The primary span.
    pub fn span(&self) -> Span {
        self.span
    }

    /// The label under the primary span (may be empty).
    pub fn label(&self) -> &str {
        self.label.as_str()
    }

    /// Secondary spans, such as "task 30 first defined here".
    pub fn secondary(&self) -> &[Label] {
        self.more.as_ref().map_or(&[], |m| &m.secondary)
    }

    /// Notes.
    pub fn notes(&self) -> &[String] {
        self.more.as_ref().map_or(&[], |m| &m.notes)
    }

    /// How to fix it, when known.
    pub fn help(&self) -> Option<&str> {
        self.help.as_ref().map(Text::as_str)
    }

    /// The mechanical fix, when there is one.
    pub fn fix(&self) -> Option<&Fix> {
        self.more.as_ref().and_then(|m| m.fix.as_deref())
    }
}

impl fmt::Debug for Diagnostic {
    /// The fields as they read through the accessors.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Diagnostic")
            .field("code", &self.code)
            .field("severity", &self.severity)
            .field("message", &self.message())
            .field("span", &self.span)
            .field("label", &self.label())
            .field("secondary", &self.secondary())
            .field("notes", &self.notes())
            .field("help", &self.help())
            .field("fix", &self.fix())
            .finish()
    }
}

impl PartialEq for Diagnostic {
    /// Equal when every accessor gives the same.
    fn eq(&self, other: &Diagnostic) -> bool {
        self.code == other.code
            && self.severity == other.severity
            && self.span == other.span
            && self.message == other.message
            && self.label() == other.label()
            && self.help() == other.help()
            && self.secondary() == other.secondary()
            && self.notes() == other.notes()
            && self.fix() == other.fix()
    }
}

impl Eq for Diagnostic {}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}]: {}", self.severity, self.code, self.message)
    }
}

/// Shortens `text` for quoting in a message: at most `max` characters, line
/// breaks shown as `⏎`.
pub(crate) fn quote(text: &str, max: usize) -> String {
    let mut out = String::from("`");
    for (i, c) in text.chars().enumerate() {
        if i == max {
            out.push('…');
            break;
        }
        match c {
            '\n' => out.push('⏎'),
            '\r' => {}
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('`');
    out
}

/// `n` things: `1 task`, `2 tasks`.
///
/// Every message that counts says it this one way, the command line's too.
///
/// ```
/// use fengong::diagnostic::plural;
/// assert_eq!(plural(1usize, "task", "tasks"), "1 task");
/// assert_eq!(plural(0u64, "byte", "bytes"), "0 bytes");
/// ```
pub fn plural<N: fmt::Display + PartialEq + From<u8>>(n: N, one: &str, many: &str) -> String {
    if n == N::from(1) {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_explained() {
        let mut seen = std::collections::HashSet::new();
        for code in Code::ALL {
            assert!(seen.insert(code.as_str()), "duplicate {code}");
            assert!(seen.insert(code.name()), "duplicate {}", code.name());
            let text = code.explanation();
            assert!(
                text.starts_with(&format!("# {}: {}", code.as_str(), code.name())),
                "{code}"
            );
            assert!(text.contains("## Example"), "{code} has no example");
            assert!(
                text.contains("## Fix") || text.contains("## How to fix"),
                "{code} has no fix"
            );
            assert_eq!(code.as_str().parse::<Code>().unwrap(), *code);
            assert_eq!(code.name().parse::<Code>().unwrap(), *code);
        }
    }

    #[test]
    fn a_diagnostic_is_small_and_reads_back_what_it_was_given() {
        assert!(std::mem::size_of::<Diagnostic>() <= 96);
        let d = Diagnostic::new(Code::StrayLine, Span::new(1, 2), format!("found {}", 3))
            .with_static_label("here")
            .with_secondary(Span::new(0, 1), "there")
            .with_note("a note")
            .with_static_help("help");
        assert_eq!(d.message(), "found 3");
        assert_eq!(d.label(), "here");
        assert_eq!(d.secondary()[0].message, "there");
        assert_eq!(d.notes(), ["a note"]);
        assert_eq!(d.help(), Some("help"));
        assert_eq!(d.fix(), None);
        let plain = Diagnostic::new(Code::StrayLine, Span::new(1, 2), "found 3");
        assert!(plain.secondary().is_empty() && plain.notes().is_empty());
        assert_ne!(plain, d);
        assert_eq!(plain, plain.clone());
        // A fixed text and a copy of it read back alike, and compare equal.
        let copied = Diagnostic::new(Code::StrayLine, Span::new(1, 2), "found 3")
            .with_label(String::from("here"))
            .with_help(String::from("help"));
        let fixed = Diagnostic::new(Code::StrayLine, Span::new(1, 2), "found 3")
            .with_static_label("here")
            .with_static_help("help");
        assert_eq!((copied.label(), copied.help()), ("here", Some("help")));
        assert_eq!(copied, fixed);
        assert!(format!("{d:?}")
            .starts_with("Diagnostic { code: StrayLine, severity: Error, message: \"found 3\""));
    }

    #[test]
    fn quote_shortens() {
        assert_eq!(quote("ab\ncd", 10), "`ab⏎cd`");
        assert_eq!(quote("一二三四", 2), "`一二…`");
    }

    #[test]
    fn plural_counts() {
        assert_eq!(plural(1, "task", "tasks"), "1 task");
        assert_eq!(plural(0, "task", "tasks"), "0 tasks");
        assert_eq!(plural(3, "line", "lines"), "3 lines");
    }
}
