//! Lint rules: findings about documents that parse but may still be wrong.
//!
//! [`lint`] runs every enabled rule over a parsed [`Document`] and the text
//! it was parsed from, and returns [`Diagnostic`]s with `W…` codes, sorted by
//! where they start. [`LintConfig`] chooses the rules, their severities and
//! the unit names the near-miss rule trusts; the `fengong` tool reads it from
//! a `fengong.toml`:
//!
//! ```toml
//! select = ["W001", "near-miss-unit"]   # empty or absent: every rule
//! ignore = ["W006"]
//! known_units = ["区工信局"]
//!
//! [severity]
//! W003 = "error"
//! ```
//!
//! | code | name | fix |
//! |------|------|-----|
//! | W001 | `task-number-sequence` | unsafe renumber, when both neighbours pin the number |
//! | W002 | `category-number-sequence` | unsafe renumber, likewise |
//! | W003 | `empty-unit-cell` | none |
//! | W004 | `stray-separator` | safe: delete the stray `、` |
//! | W005 | `extraction-artifact` | safe: delete the artifact |
//! | W006 | `stray-whitespace` | safe: delete the white space |
//! | W007 | `near-miss-unit` | unsafe: use the likely name |
//! | W008 | `duplicate-task` | none |
//! | W009 | `whitespace-only-line` | safe: delete the spaces |
//! | W010 | `heading-without-tab` | safe: put a tab before the heading |
//! | W011 | `unexpected-column-label` | none |
//! | W012 | `missing-title` | none |
//! | W013 | `unit-mapping-mismatch` | none |
//!
//! A safe fix changes only layout and clutter: the document read back from
//! the fixed text equals (`==`) the one read from the original. An unsafe
//! fix changes a value (a number, a unit name) and wants review.
//!
//! Every rule is linear in the size of the document: one pass over the text
//! and the parsed values, with hash maps whose buckets are bounded (see
//! `near_miss` and `duplicates` for the two rules that compare texts).
//!
//! ```
//! let text = std::fs::read_to_string("seeds/000_ecc403549f0e7389.txt")?;
//! let doc = fengong::parse(&text)?;
//! let findings = fengong::lint::lint(&doc, &text, &fengong::lint::LintConfig::default());
//! assert!(findings.iter().any(|d| d.code().name() == "near-miss-unit"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::diagnostic::{Code, Diagnostic, Severity};
pub(crate) use crate::lex::Cell;
use crate::lex::{is_space, table_start, Item, Lexer, Lines};
use crate::model::Document;
use crate::span::Span;

mod artifacts;
mod document;
mod duplicates;
mod empty_cell;
mod inconsistent_separators;
mod layout;
mod mapping;
mod near_miss;
mod numbering;
mod separators;
mod whitespace;

/// Which lint rules run, how severe their findings are, and the unit names
/// the near-miss rule trusts. The default runs every rule at its default
/// severity.
///
/// Codes are written as codes (`"W003"`) or names (`"empty-unit-cell"`).
///
/// ```
/// use fengong::lint::LintConfig;
/// use fengong::{Code, Severity};
///
/// let config: LintConfig = serde_json::from_str(
///     r#"{"ignore": ["near-miss-unit"], "severity": {"W003": "error"}}"#,
/// ).unwrap();
/// assert!(!config.is_enabled(Code::NearMissUnit));
/// assert!(config.is_enabled(Code::EmptyUnitCell));
/// assert_eq!(config.severity_of(Code::EmptyUnitCell), Severity::Error);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LintConfig {
    /// The rules to run. Empty: every rule.
    #[serde(deserialize_with = "crate::select::deserialize_select")]
    pub select: Vec<Code>,
    /// Rules not to run, even if selected.
    #[serde(deserialize_with = "crate::select::deserialize_ignore")]
    pub ignore: Vec<Code>,
    /// Severity overrides, such as `W003 = "error"`.
    pub severity: BTreeMap<Code, Severity>,
    /// Unit names to trust: the near-miss rule never flags them, and
    /// suggests them for names one or two characters away.
    pub known_units: Vec<String>,
}

impl LintConfig {
    /// Whether the rule `code` runs.
    pub fn is_enabled(&self, code: Code) -> bool {
        (self.select.is_empty() || self.select.contains(&code)) && !self.ignore.contains(&code)
    }

    /// The severity findings of `code` get: the override, or the code's
    /// default.
    pub fn severity_of(&self, code: Code) -> Severity {
        self.severity
            .get(&code)
            .copied()
            .unwrap_or(code.default_severity())
    }
}

/// Every lint code, in order.
pub fn rules() -> impl Iterator<Item = Code> {
    Code::ALL
        .iter()
        .copied()
        .filter(|c| c.as_str().starts_with('W'))
}

/// Runs the enabled lint rules over `doc`, which was parsed from `source`
/// (the spans of `doc` index into it), and returns the findings sorted by
/// where they start.
///
/// A document built or edited in code may lack spans; rules that need a
/// span skip the parts without one. Spans that do not fit `source` are
/// ignored, never a panic.
pub fn lint(doc: &Document<'_>, source: &str, config: &LintConfig) -> Vec<Diagnostic> {
    let cx = Context::new(doc, source, config);
    let mut out = Vec::new();
    type Rule = fn(&Context<'_, '_>, &mut Vec<Diagnostic>);
    let rules: [(Code, Rule); 14] = [
        (Code::TaskNumberSequence, numbering::tasks),
        (Code::CategoryNumberSequence, numbering::categories),
        (Code::EmptyUnitCell, empty_cell::check),
        (Code::StraySeparator, separators::check),
        (Code::ExtractionArtifact, artifacts::check),
        (Code::StrayWhitespace, whitespace::cells),
        (Code::NearMissUnit, near_miss::check),
        (Code::DuplicateTask, duplicates::check),
        (Code::WhitespaceOnlyLine, whitespace::blank_lines),
        (Code::HeadingWithoutTab, layout::headings),
        (Code::UnexpectedColumnLabel, layout::columns),
        (Code::MissingTitle, layout::title),
        (Code::UnitMappingMismatch, mapping::check),
        (Code::InconsistentSeparators, inconsistent_separators::check),
    ];
    for (code, rule) in rules {
        if config.is_enabled(code) {
            rule(&cx, &mut out);
        }
    }
    let mut out: Vec<Diagnostic> = out
        .into_iter()
        .filter(|d| config.is_enabled(d.code()))
        .map(|d| {
            let severity = config.severity_of(d.code());
            d.with_severity(severity)
        })
        .collect();
    out.sort_by_key(|d| (d.span().start, d.code()));
    out
}

/// Checks a document's text as `fengong check` does: the parse errors if it
/// has any (lint rules read only documents that parse), else the parse
/// warnings and every enabled lint finding; sorted by where they start.
///
/// ```
/// let text = std::fs::read_to_string("seeds/000_ecc403549f0e7389.txt")?;
/// let findings = fengong::lint::check(&text, &Default::default());
/// assert!(findings.iter().all(|d| !d.is_error()));
/// assert!(findings.iter().any(|d| d.code() == fengong::Code::NearMissUnit));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn check(text: &str, config: &LintConfig) -> Vec<Diagnostic> {
    let parsed = crate::parse_tolerant(text);
    let mut diagnostics = if parsed.has_errors() {
        parsed.diagnostics
    } else {
        // The parser's own warnings (an unnumbered heading, a task without
        // units, …) are rules like the others: selected and ranked by the
        // configuration.
        let mut all: Vec<Diagnostic> = parsed
            .diagnostics
            .into_iter()
            .filter(|d| d.is_error() || config.is_enabled(d.code()))
            .map(|d| {
                let severity = config.severity_of(d.code());
                if d.is_error() {
                    d
                } else {
                    d.with_severity(severity)
                }
            })
            .collect();
        all.extend(lint(&parsed.document, text, config));
        all
    };
    diagnostics.sort_by_key(|d| d.span().start);
    diagnostics
}

/// How many times [`fix`] checks and fixes a text at most: a fix can reveal
/// another (a space left between two separators, one of them deleted), so
/// one pass is not always enough, and a bound keeps the loop finite.
pub const MAX_FIX_PASSES: usize = 4;

/// A text after [`fix`]: the new text, and how many fixes were applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    /// The fixed text (the input itself when nothing applied).
    pub text: String,
    /// How many fixes were applied over all passes.
    pub applied: usize,
}

/// Applies the fixes of [`check`]'s findings until none applies, at most
/// [`MAX_FIX_PASSES`] times: the safe fixes, and the unsafe ones too if
/// `include_unsafe`. A text with parse errors is not touched, and a pass
/// whose result would not parse is dropped. This is the loop `fengong check
/// --fix` runs.
///
/// ```
/// let text = std::fs::read_to_string("seeds/000_ecc403549f0e7389.txt")?;
/// let fixed = fengong::lint::fix(&text, &Default::default(), false);
/// assert_eq!(fixed.applied, 6);
/// assert!(!fixed.text.contains("[bookmark:"));
/// assert_eq!(fengong::parse(&fixed.text)?, fengong::parse(&text)?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn fix(text: &str, config: &LintConfig, include_unsafe: bool) -> Fixed {
    let mut current: Option<String> = None;
    let mut applied = 0;
    for _ in 0..MAX_FIX_PASSES {
        let now = current.as_deref().unwrap_or(text);
        let diagnostics = check(now, config);
        if diagnostics.iter().any(Diagnostic::is_error) {
            break;
        }
        let (next, done) = crate::edit::apply_fixes(now, &diagnostics, include_unsafe);
        if done.is_empty() || crate::parse(&next).is_err() {
            break;
        }
        applied += done.len();
        current = Some(next);
    }
    Fixed {
        text: current.unwrap_or_else(|| text.to_string()),
        applied,
    }
}

/// What every rule needs: the document, its text, the configuration and
/// where the table starts.
pub(crate) struct Context<'d, 'a> {
    pub(crate) doc: &'d Document<'a>,
    pub(crate) source: &'d str,
    pub(crate) config: &'d LintConfig,
    /// The start of the first line that starts with a tab, as for the
    /// parser (the text's length if there is none).
    pub(crate) table_start: usize,
}

impl<'d, 'a> Context<'d, 'a> {
    fn new(doc: &'d Document<'a>, source: &'d str, config: &'d LintConfig) -> Context<'d, 'a> {
        Context {
            doc,
            source,
            config,
            table_start: table_start(source),
        }
    }

    /// The table's cells as the lexer reads them, lexed again on each call:
    /// a second lexing costs less than keeping every cell of a large
    /// document in memory for the whole lint pass.
    pub(crate) fn cells(&self) -> impl Iterator<Item = Cell> + 'd {
        Lexer::new(self.source, self.table_start).filter_map(|item| match item {
            Item::Cell(cell) => Some(cell),
            _ => None,
        })
    }

    /// Reads the clean segments and the artifacts of the cell at `span` (a
    /// checked span) as the parser does; returns the cell.
    pub(crate) fn segments(
        &self,
        span: Span,
        segs: &mut Vec<crate::grammar::Seg>,
        artifacts: &mut Vec<crate::grammar::Artifact>,
        brackets: &mut crate::grammar::Brackets,
    ) -> Cell {
        let cell = Cell::at(self.source, span);
        crate::grammar::segments(self.source, cell, segs, artifacts, brackets);
        cell
    }

    /// The span if it fits the source (in bounds, on character
    /// boundaries).
    pub(crate) fn checked(&self, span: Option<Span>) -> Option<Span> {
        let span = span?;
        (span.start <= span.end
            && span.end <= self.source.len()
            && self.source.is_char_boundary(span.start)
            && self.source.is_char_boundary(span.end))
        .then_some(span)
    }

    /// The text at a checked span.
    pub(crate) fn text(&self, span: Span) -> &'d str {
        self.source.get(span.range()).unwrap_or("")
    }

    /// The unit cells of a task read from a table, with the role of their
    /// column, in column order (none for a task of a list).
    pub(crate) fn unit_cells(&self, task: &crate::Task<'_>) -> Vec<(crate::UnitRole, Span)> {
        let Some(cells) = task.cell_spans() else {
            return Vec::new();
        };
        let columns = self.doc.header();
        if cells.len() != columns.len() {
            return Vec::new();
        }
        cells
            .into_iter()
            .zip(columns.iter())
            .filter_map(|(cell, column)| match column.role() {
                crate::Role::Units(role) => Some((role, cell)),
                _ => None,
            })
            .collect()
    }

    /// How messages name the units of `role`: `district` and `local` by
    /// their places (`滨海新区`), the others by their role.
    pub(crate) fn role_name(&self, role: crate::UnitRole) -> &str {
        match role {
            crate::UnitRole::District => self.district(),
            crate::UnitRole::Local => self.local(),
            crate::UnitRole::Lead => "lead",
            crate::UnitRole::Support => "supporting",
            crate::UnitRole::Responsible => "responsible",
        }
    }

    /// The name of the district level (`滨海新区`), or a description.
    pub(crate) fn district(&self) -> &str {
        zone_or(self.doc.district_name(), "district")
    }

    /// The name of the local level (`东疆`), or a description.
    pub(crate) fn local(&self) -> &str {
        zone_or(self.doc.local_name(), "local")
    }
}

/// Longest zone name (in characters) that messages name; a longer one
/// (a column label gone wrong) is described instead.
const MAX_ZONE_CHARS: usize = 24;

/// `name` if it is fit for a message, else `description`.
fn zone_or<'s>(name: &'s str, description: &'s str) -> &'s str {
    if name.is_empty() || name.chars().nth(MAX_ZONE_CHARS).is_some() {
        description
    } else {
        name
    }
}

/// What [`keep_lines`] learns about one cell, kept between the fixes of
/// that cell so that each costs about the size of its own edits.
#[derive(Debug, Default)]
pub(crate) struct LineCache {
    /// Whether text comes after the blank lines that follow the cell.
    follows: Option<bool>,
    /// A line start, and whether the line before it is a blank line of the
    /// cell.
    after_blank: Option<(usize, bool)>,
    /// The last line looked up: its start, the end of its text and its end.
    line: Option<(usize, usize, usize)>,
}

/// The deletions `delete` in `cell` (whose clean segments are `segs`), made
/// safe for the table's lines.
///
/// W004 and W005 delete text that reads as nothing (stray separators,
/// artifacts), but to the lexer any line that is not blank is text: a
/// continuation line left blank would end the row there (`→文⏎[bookmark:
/// x]⏎→甲`), and a cell left without text would take in a line that comes
/// after blank lines. So a continuation line that the deletions would leave
/// reading as nothing (white space and artifacts) is deleted whole, with
/// its line ending (every fix on that line asks for the same edit, so one
/// pass applies one of them). Where even that would change the reading (the
/// line comes after a blank line of its cell, or the cell is left reading
/// as nothing while text follows the blank lines after it), there is no
/// safe fix: `None`.
///
/// Nor may a continuation line come to start with a tab, which would make it
/// a cell of its own (`→文⏎[bookmark: x]→甲`): when the deletions reach into
/// what comes before a continuation line's first character of text, and a
/// tab is there, the whole of it goes (artifacts and white space, which the
/// values leave out anyway; other fixes could delete the rest of it in the
/// same pass).
pub(crate) fn keep_lines(
    cx: &Context<'_, '_>,
    cell: Cell,
    segs: &[crate::grammar::Seg],
    delete: &[Span],
    cache: &mut LineCache,
) -> Option<(Vec<Span>, Reach)> {
    let text = cx.source;
    let bytes = text.as_bytes();
    let mut delete = delete.to_vec();
    delete.sort_by_key(|d| d.start);
    let deleted = |at: usize| {
        let k = delete.partition_point(|d| d.start <= at);
        k > 0 && at < delete[k - 1].end
    };
    // Whether `range` holds clean text outside the deletions (stops at the
    // first such character).
    let has_text = |from: usize, to: usize| {
        let first = segs.partition_point(|s| s.end <= from);
        for seg in &segs[first..] {
            if seg.start >= to {
                break;
            }
            let (a, b) = (seg.start.max(from), seg.end.min(to));
            for (i, c) in text[a..b].char_indices() {
                if !crate::lex::is_space(c) && !deleted(a + i) {
                    return true;
                }
            }
        }
        false
    };
    let in_seg = |at: usize| {
        let k = segs.partition_point(|s| s.end <= at);
        segs.get(k).is_some_and(|s| s.start <= at)
    };
    // Where the text of a continuation line starts, if the deletions reach
    // into what comes before it and a tab is there.
    let exposes_tab = |line_start: usize, content_end: usize| {
        let (mut touched, mut tab) = (false, false);
        for (i, c) in text[line_start..content_end].char_indices() {
            let at = line_start + i;
            if deleted(at) {
                touched = true;
            } else if c == '\t' {
                tab = true;
            } else if in_seg(at) && !crate::lex::is_space(c) {
                return (touched && tab).then_some(at);
            }
        }
        None
    };
    let mut reach = Reach::Exact;
    let mut out = Vec::with_capacity(delete.len());
    let mut k = 0;
    while k < delete.len() {
        // The line of this deletion, and the deletions on it.
        let at = delete[k].start;
        let (line_start, content_end, line_end) = match cache.line {
            // Fixes on one line look it up once.
            Some(line) if line.0 <= at && at <= line.1 => line,
            _ => {
                let line_start = memchr::memrchr2(b'\n', b'\r', &bytes[cell.span.start..at])
                    .map_or(cell.span.start, |i| cell.span.start + i + 1);
                let content_end = memchr::memchr2(b'\n', b'\r', &bytes[at..cell.span.end])
                    .map_or(cell.span.end, |i| at + i);
                let line_end = match bytes.get(content_end) {
                    Some(b'\r') if bytes.get(content_end + 1) == Some(&b'\n') => content_end + 2,
                    Some(b'\r' | b'\n') => content_end + 1,
                    _ => content_end,
                };
                cache.line = Some((line_start, content_end, line_end));
                (line_start, content_end, line_end)
            }
        };
        let on_line = delete[k..].partition_point(|d| d.start < content_end);
        if line_start != cell.span.start && !has_text(line_start, content_end) {
            if after_blank_line(text, cell, line_start, cache) {
                return None;
            }
            out.push(Span::new(line_start, line_end));
            reach = Reach::Line;
        } else if let Some(text_start) = (line_start != cell.span.start)
            .then(|| exposes_tab(line_start, content_end))
            .flatten()
        {
            out.push(Span::new(line_start, text_start));
            out.extend(
                delete[k..k + on_line]
                    .iter()
                    .filter(|d| d.start >= text_start),
            );
            if reach == Reach::Exact {
                reach = Reach::LineStart;
            }
        } else {
            out.extend_from_slice(&delete[k..k + on_line]);
        }
        k += on_line.max(1);
    }
    if !has_text(cell.span.start, cell.span.end) {
        let end = cell.span.end;
        if *cache
            .follows
            .get_or_insert_with(|| text_after_blank_lines(text, end))
        {
            return None;
        }
    }
    Some((out, reach))
}

/// How far the deletions [`keep_lines`] returns reach beyond those asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reach {
    /// Only the deletions asked for.
    Exact,
    /// Also the start of a continuation line, up to its text.
    LineStart,
    /// Whole lines.
    Line,
}

/// Whether the line before the one starting at `line_start` is a blank line
/// of `cell` (not its first line).
fn after_blank_line(text: &str, cell: Cell, line_start: usize, cache: &mut LineCache) -> bool {
    if let Some((at, blank)) = cache.after_blank {
        if at == line_start {
            return blank;
        }
    }
    let before = &text[cell.span.start..line_start];
    let content = before
        .strip_suffix("\r\n")
        .or_else(|| before.strip_suffix(['\n', '\r']))
        .unwrap_or(before);
    // Back over white space: a line break first means a blank line; the
    // start of the cell means its first line.
    let rest =
        content.trim_end_matches(|c: char| crate::lex::is_space(c) && c != '\n' && c != '\r');
    let blank = rest.ends_with(['\n', '\r']);
    cache.after_blank = Some((line_start, blank));
    blank
}

/// Whether blank lines start at `at`, followed by a line of text without a
/// tab (which an open cell without text takes in).
fn text_after_blank_lines(text: &str, at: usize) -> bool {
    let mut blank = false;
    for line in Lines::new(text, at) {
        let content = &text[line.start..line.content_end];
        if content.starts_with('\t') {
            return false;
        }
        if !crate::lex::is_blank(content) {
            return blank;
        }
        blank = true;
    }
    false
}

/// `n` things: `1 task`, `2 tasks`.
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// Describes a run of white space for a message: `a space`, `2 full-width
/// spaces`, `a tab`, `3 white-space characters`.
pub(crate) fn describe_space(text: &str) -> String {
    let n = text.chars().count();
    let kind = |c: char| match c {
        ' ' => Some(("space", "spaces")),
        '\u{3000}' => Some(("full-width space", "full-width spaces")),
        '\t' => Some(("tab", "tabs")),
        '\u{a0}' => Some(("no-break space", "no-break spaces")),
        _ => None,
    };
    let mut chars = text.chars();
    let first = chars.next().and_then(kind);
    let same = text.chars().all(|c| kind(c) == first);
    match (first, same) {
        (Some((one, _)), true) if n == 1 => format!("a {one}"),
        (Some((_, many)), true) => format!("{n} {many}"),
        _ if n == 1 => "a white-space character".to_string(),
        _ => format!("{n} white-space characters"),
    }
}

/// Whether the whole text is white space (and not empty).
pub(crate) fn all_space(text: &str) -> bool {
    !text.is_empty() && text.chars().all(is_space)
}

#[cfg(test)]
pub(crate) mod test_support {
    //! Helpers for the rules' unit tests.

    use super::*;

    /// The header every small test document starts with.
    pub(crate) const HEAD: &str =
        "附件：\n东疆重点任务清单和责任分工表\n\t序号\n\t工作任务\n\t滨海新区\n责任单位\n\t东疆\n责任单位\n\n";

    /// Lints `text` (parsed tolerantly) with only `code` enabled.
    pub(crate) fn only(text: &str, code: Code) -> Vec<Diagnostic> {
        only_with(text, code, LintConfig::default())
    }

    /// Lints `text` with only `code` enabled on top of `config`.
    pub(crate) fn only_with(text: &str, code: Code, mut config: LintConfig) -> Vec<Diagnostic> {
        let parsed = crate::parse_tolerant(text);
        config.select = vec![code];
        lint(&parsed.document, text, &config)
    }

    /// Applies the edits of every fix of `findings` to `text`.
    pub(crate) fn apply(text: &str, findings: &[Diagnostic]) -> String {
        let mut edits: Vec<_> = findings
            .iter()
            .filter_map(|d| d.fix())
            .flat_map(|f| f.edits.iter())
            .collect();
        edits.sort_by_key(|e| (e.span.start, e.span.end));
        let mut out = text.to_string();
        for e in edits.iter().rev() {
            out.replace_range(e.span.range(), &e.replacement);
        }
        out
    }

    /// The task rows of a document: `(number, text, district, local)`.
    pub(crate) fn rows(rows: &[(&str, &str, &str, &str)]) -> String {
        let mut out = String::new();
        for (n, t, d, l) in rows {
            out.push_str(&format!("\t{n}\n\t{t}\n\t{d}\n\t{l}\n\n"));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::*;
    use super::*;

    #[test]
    fn config_rejects_unknown_keys_naming_the_known_ones() {
        for (input, unknown) in [
            (r#"{"ignor": ["W006"]}"#, "ignor"),
            (r#"{"lint": {"ignore": ["W006"]}}"#, "lint"),
        ] {
            let e = serde_json::from_str::<LintConfig>(input).unwrap_err();
            assert!(
                e.to_string().starts_with(&format!(
                    "unknown field `{unknown}`, expected one of `select`, `ignore`, `severity`, `known_units`"
                )),
                "{e}"
            );
        }
        // Absent keys still take their defaults.
        let config: LintConfig = serde_json::from_str(r#"{"ignore": ["W006"]}"#).unwrap();
        assert_eq!(config.ignore, [Code::StrayWhitespace]);
        assert!(config.select.is_empty());
    }

    #[test]
    fn config_selects_ignores_and_overrides() {
        let config = LintConfig::default();
        assert!(rules().all(|c| config.is_enabled(c)));
        let config = LintConfig {
            select: vec![Code::TaskNumberSequence, Code::EmptyUnitCell],
            ignore: vec![Code::EmptyUnitCell],
            ..LintConfig::default()
        };
        assert!(config.is_enabled(Code::TaskNumberSequence));
        assert!(!config.is_enabled(Code::EmptyUnitCell));
        assert!(!config.is_enabled(Code::NearMissUnit));
        assert_eq!(rules().count(), 21);
    }

    #[test]
    fn config_reads_codes_and_names() {
        let config: LintConfig = serde_json::from_str(
            r#"{"select": ["W001", "empty-unit-cell"], "ignore": ["w004"],
                "severity": {"near-miss-unit": "error", "W003": "Warning"},
                "known_units": ["区工信局"]}"#,
        )
        .unwrap();
        assert_eq!(
            config.select,
            [Code::TaskNumberSequence, Code::EmptyUnitCell]
        );
        assert_eq!(config.ignore, [Code::StraySeparator]);
        assert_eq!(config.severity_of(Code::NearMissUnit), Severity::Error);
        assert_eq!(config.severity_of(Code::EmptyUnitCell), Severity::Warning);
        assert_eq!(config.known_units, ["区工信局"]);
        assert!(serde_json::from_str::<LintConfig>(r#"{"select": ["W999"]}"#).is_err());
        assert!(serde_json::from_str::<LintConfig>(r#"{"severity": {"W001": "fatal"}}"#).is_err());
    }

    #[test]
    fn severity_override_applies() {
        let text = format!("{HEAD}\t（一）类\n{}", rows(&[("1", "文本", "", "乙")]));
        let config = LintConfig {
            severity: [(Code::EmptyUnitCell, Severity::Error)].into(),
            ..LintConfig::default()
        };
        let found = only_with(&text, Code::EmptyUnitCell, config);
        assert_eq!(found.len(), 1);
        assert!(found[0].is_error());
    }

    #[test]
    fn findings_are_sorted_and_spans_checked() {
        let text = std::fs::read_to_string("seeds/000_ecc403549f0e7389.txt").unwrap();
        let doc = crate::parse(&text).unwrap();
        let found = lint(&doc, &text, &LintConfig::default());
        assert!(found
            .windows(2)
            .all(|w| w[0].span().start <= w[1].span().start));
        // A document whose spans do not fit the text: no panic.
        let _ = lint(&doc, "短", &LintConfig::default());
        let _ = lint(&doc, "", &LintConfig::default());
        for cut in (0..text.len()).step_by(301) {
            let cut = (cut..text.len())
                .find(|&i| text.is_char_boundary(i))
                .unwrap_or(0);
            let _ = lint(&doc, &text[cut..], &LintConfig::default());
            let _ = lint(&doc, &text[..cut], &LintConfig::default());
        }
        // A document built in code: no spans, no panic.
        let built = crate::Document::new("标题", "甲", "乙");
        assert!(lint(&built, "", &LintConfig::default())
            .iter()
            .all(|d| d.code() != Code::TaskNumberSequence));
    }

    #[test]
    fn broken_documents_lint_without_panic() {
        let text = std::fs::read_to_string("seeds/000_ecc403549f0e7389.txt").unwrap();
        let mut cuts: Vec<usize> = (0..text.len()).step_by(97).collect();
        cuts.push(text.len());
        for cut in cuts {
            let cut = (cut..=text.len())
                .find(|&i| text.is_char_boundary(i))
                .unwrap_or(0);
            for piece in [&text[..cut], &text[cut..]] {
                let parsed = crate::parse_tolerant(piece);
                let found = lint(&parsed.document, piece, &LintConfig::default());
                for d in &found {
                    assert!(d.span().end <= piece.len());
                    for e in d.fix().iter().flat_map(|f| f.edits.iter()) {
                        assert!(piece.is_char_boundary(e.span.start));
                        assert!(piece.is_char_boundary(e.span.end));
                    }
                }
            }
        }
    }

    #[test]
    fn zone_names_in_messages_stay_short() {
        assert_eq!(zone_or("东疆", "local"), "东疆");
        assert_eq!(zone_or("", "local"), "local");
        assert_eq!(zone_or(&"甲".repeat(24), "local"), "甲".repeat(24));
        assert_eq!(zone_or(&"甲".repeat(25), "local"), "local");
        let zone = "甲".repeat(10_000);
        let text = format!(
            "附件：\n标题\n\t序号\n\t工作任务\n\t{zone}责任单位\n\t乙责任单位\n\n\t（一）类\n\t1\n\t文\n\t\n\t乙\n"
        );
        let found = only(&text, Code::EmptyUnitCell);
        assert_eq!(
            found[0].message(),
            "expected at least one district unit responsible for task 1, found an empty cell"
        );
    }

    #[test]
    fn fixes_keep_the_lines_of_the_table() {
        // Safe fixes, pass after pass as `check --fix` applies them: each
        // pass reads the same document.
        let fix_all = |text: &str| {
            let parsed = crate::parse_tolerant(text);
            assert!(!parsed.has_errors(), "{text:?}");
            let found = lint(&parsed.document, text, &LintConfig::default());
            let mut fixed = text.to_string();
            for _ in 0..4 {
                let doc = crate::parse(&fixed).unwrap();
                let now = lint(&doc, &fixed, &LintConfig::default());
                let (next, applied) = crate::edit::apply_fixes(&fixed, &now, false);
                let again = crate::parse(&next).unwrap_or_else(|e| panic!("{e}\n{next:?}"));
                assert_eq!(again, parsed.document, "{next:?}");
                if applied.is_empty() {
                    break;
                }
                fixed = next;
            }
            (fixed, found)
        };
        // A line of a task's text or unit cell holding only an artifact or a
        // stray separator: deleted whole, or the row would end there.
        for (cell, want) in [
            ("\t文\n[bookmark: x]\n", "\t文\n"),
            ("\t文\n [bookmark: x] \n", "\t文\n"),
            ("\t文\n[bookmark: a][bookmark: b]\n", "\t文\n"),
        ] {
            let text = format!("{HEAD}\t（一）类\n\t1\n{cell}\t区甲\n\t甲\n");
            let (fixed, _) = fix_all(&text);
            assert!(fixed.contains(&format!("\t1\n{want}\t区甲\n")), "{fixed:?}");
        }
        for cell in [
            "\t区甲\n、\n",
            "\t区甲\n[bookmark: x]、\n",
            "\t区甲\n、[bookmark: x]\n",
        ] {
            let text = format!("{HEAD}\t（一）类\n\t1\n\t文\n{cell}\t甲\n");
            let (fixed, _) = fix_all(&text);
            assert!(fixed.contains("\t文\n\t区甲\n\t甲\n"), "{fixed:?}");
        }
        // No safe fix: the line comes after a blank line of its cell, or the
        // cell would be left without text before a line that follows blank
        // lines.
        for text in [
            format!("{HEAD}\t（一）类\n\t1\n\t文\n\t\n\n[bookmark: x]\n\t甲\n"),
            format!("{HEAD}\t（一）类\n\t1\n\t文\n\t区甲\n\t[bookmark: x]\n\n（二）类\n"),
        ] {
            let (_, found) = fix_all(&text);
            let artifact = found
                .iter()
                .find(|d| d.code() == Code::ExtractionArtifact)
                .unwrap();
            assert!(artifact.fix().is_none(), "{text:?}");
        }
        // The common case is as before: the artifact's bytes only.
        let text = format!("{HEAD}\t（一）类\n\t1\n\t[bookmark: x]文\n\t区甲、\n\t甲\n");
        let (fixed, found) = fix_all(&text);
        assert!(fixed.contains("\t1\n\t文\n\t区甲\n\t甲\n"));
        assert!(found
            .iter()
            .filter_map(|d| d.fix())
            .all(|f| f.message.starts_with("delete the artifact")
                || f.message.starts_with("delete the stray `")));
    }

    #[test]
    fn describes_white_space() {
        assert_eq!(describe_space(" "), "a space");
        assert_eq!(describe_space("  "), "2 spaces");
        assert_eq!(describe_space("\u{3000}"), "a full-width space");
        assert_eq!(describe_space(" \u{3000}"), "2 white-space characters");
        assert_eq!(plural(1, "task", "tasks"), "1 task");
    }
}
