//! Text to [`Document`]: the strict [`parse`] and the tolerant
//! [`parse_tolerant`].
//!
//! The parser first tells the layout: a document whose first tab-led line
//! is a column label (or whose lines are mostly tab-led cells) is a
//! [table](table), any other a [list](list) of numbered paragraphs. Both
//! read into the same model; whatever cannot be read becomes a
//! [`Diagnostic`] and its text stays in the document as trivia, so the
//! document still prints back its input byte for byte.

use std::borrow::Cow;

use crate::column::{Role, UnitRole};
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::lex::{is_blank, is_space, KeptCell, Lines};
use crate::model::{Category, Document, Layout, LineEnding, Task};
use crate::numeral;

mod error;
pub(crate) mod list;
pub(crate) mod table;
mod tree;

/// A document read by [`parse_tolerant`], with every problem found.
#[derive(Debug, Clone)]
pub struct Parsed<'a> {
    /// The best-effort document. It always prints back the input exactly;
    /// parts that could not be read are kept as trivia.
    pub document: Document<'a>,
    /// Every problem, in source order: errors, and the warnings the parser
    /// itself finds (such as an unnumbered heading).
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> Parsed<'a> {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The document if there were no errors, else an [`Error`] holding them.
    pub fn into_result(self, input: &str) -> Result<Document<'a>, Error> {
        if self.has_errors() {
            Err(Error::from_diagnostics(input, self.diagnostics))
        } else {
            Ok(self.document)
        }
    }
}

/// Parses a document strictly: any error makes it fail (warnings do not).
/// The returned [`Error`] holds every error of the document, the first in
/// source order as its primary one.
///
/// Zero-copy (values borrow from `input` wherever they are one piece of it)
/// and linear in the input's length.
///
/// ```
/// let text = std::fs::read_to_string("seeds/000_ecc403549f0e7389.txt").unwrap();
/// let doc = fengong::parse(&text).unwrap();
/// assert_eq!(doc.title(), "东疆重点任务清单和责任分工表");
/// assert_eq!(doc.categories().len(), 28);
/// assert_eq!(doc.to_string(), text);
///
/// let err = fengong::parse("附件：\n标题\n\t序号\n").unwrap_err();
/// assert_eq!(err.code().as_str(), "E005");
/// assert_eq!((err.line(), err.column()), (3, 1));
/// ```
pub fn parse(input: &str) -> Result<Document<'_>, Error> {
    parse_tolerant(input).into_result(input)
}

/// Parses a document and reports every problem, never stopping at the first.
///
/// The document is the best reading of the input; what could not be read
/// stays in it as trivia, so `document.to_string() == input` always holds.
///
/// ```
/// let broken = "附件：\n标题\n\t序号\n\t工作任务\n\t甲责任单位\n\t乙责任单位\n\n\t（一）类\n\t1\n\t文本\n\n\t（二十十）类\n";
/// let parsed = fengong::parse_tolerant(broken);
/// let codes: Vec<_> = parsed.diagnostics.iter().map(|d| d.code().as_str()).collect();
/// assert_eq!(codes, ["E012", "E007"]);
/// assert_eq!(parsed.document.to_string(), broken);
/// ```
pub fn parse_tolerant(input: &str) -> Parsed<'_> {
    read(input, false).0
}

/// [`parse_tolerant`], also keeping the table's cells as the lexer read
/// them, for the lint rules ([`crate::lint::check`]); `None` for a list, a
/// text without a table, or a text of 2 GiB or more.
pub(crate) fn parse_keeping_cells(input: &str) -> (Parsed<'_>, Option<Vec<KeptCell>>) {
    read(input, true)
}

/// Reads `input`, keeping the table's cells if `keep_cells`.
fn read(input: &str, keep_cells: bool) -> (Parsed<'_>, Option<Vec<KeptCell>>) {
    let mut doc = Document::with_columns("", Default::default());
    doc.preamble.raw = Some(Cow::Borrowed(""));
    doc.preamble.label = None;
    doc.header.raw = Some(Cow::Borrowed(""));
    doc.line_ending = LineEnding::detect(input);
    if input.chars().all(is_space) {
        doc.trailer = Cow::Borrowed(input);
        let found = if input.is_empty() {
            "an empty document"
        } else {
            "only white space"
        };
        let parsed = Parsed {
            document: doc,
            diagnostics: vec![error::empty_document(input.len(), found)],
        };
        return (parsed, None);
    }
    let (document, mut diagnostics, cells) = match detect(input) {
        Layout::List => {
            doc.layout = Layout::List;
            let mut parser = list::ListParser::new(input, doc);
            parser.run();
            (parser.doc, parser.diagnostics, None)
        }
        _ => {
            let mut parser = table::TableParser::new(input, doc);
            if keep_cells && input.len() <= KeptCell::MAX {
                parser.kept = Some(Vec::new());
            }
            parser.run();
            (parser.doc, parser.diagnostics, parser.kept)
        }
    };
    // Cells that hold nothing but artifacts (`\t[bookmark: x]`) read as
    // empty: a document with no value at all, and no error, is white space
    // and artifacts only, as empty as white space alone.
    if diagnostics.iter().all(|d| !d.is_error())
        && document.preamble.label.is_none()
        && document.preamble.title.is_empty()
        && document.header.columns.labels().all(str::is_empty)
        && document.categories.is_empty()
        && document.tasks.is_empty()
    {
        diagnostics.insert(
            0,
            error::empty_document(input.len(), "only white space and extraction artifacts"),
        );
    }
    let parsed = Parsed {
        document,
        diagnostics,
    };
    (parsed, cells)
}

/// Adds a diagnostic found late (after the ones after it in the text)
/// where it belongs in source order.
pub(super) fn insert_in_order(diagnostics: &mut Vec<Diagnostic>, diagnostic: Diagnostic) {
    let at = diagnostics.partition_point(|d| d.span().start <= diagnostic.span().start);
    diagnostics.insert(at, diagnostic);
}

/// How many lines after the first tab-led one [`detect`] looks at.
const SAMPLE: usize = 200;

/// Tells a table from a list: a table's first tab-led line is a column
/// label (`→序号`), or its lines are mostly tab-led cells that do not read
/// as numbered paragraphs. Looks at a bounded number of lines.
///
/// Lines are read with their extraction artifacts cut, as the parsers read
/// them: deleting an artifact (W005's fix) never changes the layout.
fn detect(text: &str) -> Layout {
    let mut lines = Lines::new(text, 0);
    let Some(first) = lines.find(|l| text.as_bytes().get(l.start) == Some(&b'\t')) else {
        return Layout::List;
    };
    let first_content = without_artifacts(&text[first.start..first.content_end]);
    let content = first_content.trim_matches(is_space);
    if content.is_empty() || !matches!(Role::of_label(content), Role::Other | Role::Text) {
        return Layout::Table;
    }
    // A `一、` heading tells neither: tables and lists both have them, and
    // W010's fix puts a tab before one that lost it.
    let upper_heading = |content: &str| {
        crate::grammar::heading(content)
            .is_some_and(|h| h.style == crate::model::HeadingStyle::Enumerated)
    };
    let (mut tabbed, mut listed) = if upper_heading(content) {
        (0, 0)
    } else {
        (1usize, usize::from(list::looks_like_task(content)))
    };
    for line in std::iter::once(first).chain(lines).take(SAMPLE) {
        let content = without_artifacts(&text[line.start..line.content_end]);
        if is_blank(&content) {
            continue;
        }
        let trimmed = content.trim_matches(is_space);
        if content.starts_with('\t') && !upper_heading(trimmed) {
            tabbed += 1;
            // A task, or a label line after one (`→牵头单位：…`).
            let item = list::looks_like_task(trimmed)
                || crate::clause::starts_with_label(trimmed).is_some();
            listed += usize::from(item);
        }
    }
    if listed * 2 > tabbed {
        Layout::List
    } else {
        Layout::Table
    }
}

/// `line` with its extraction artifacts cut (borrowed when it has none).
fn without_artifacts(line: &str) -> std::borrow::Cow<'_, str> {
    if crate::grammar::find_artifact(line, 0, line.len()).is_none() {
        return std::borrow::Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    let mut at = 0;
    while let Some((start, end)) = crate::grammar::find_artifact(line, at, line.len()) {
        out.push_str(&line[at..start]);
        at = end;
    }
    out.push_str(&line[at..]);
    std::borrow::Cow::Owned(out)
}

/// Whether a preamble line is the attachment label: `附件`, optionally a
/// number, optionally a colon.
pub(crate) fn is_label(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("附件") else {
        return false;
    };
    rest.chars().count() <= 6
        && rest.chars().all(|c| {
            c.is_ascii_digit()
                || numeral::is_numeral_char(c)
                || is_space(c)
                || matches!(c, '：' | ':')
        })
}

/// Puts what a unit list holds into the task being read: units with their
/// roles, leaders, the deadline and remarks (the last one read wins). The
/// other items are the reader's to report.
pub(crate) fn task_item<'a>(
    item: crate::clause::Item<'a>,
    units: &mut Vec<(UnitRole, crate::Unit<'a>)>,
    extras: &mut Option<Box<crate::model::Extras<'a>>>,
) {
    use crate::clause::Item;
    use crate::model::Field;
    match item {
        Item::Unit(role, name, span) => units.push((role, crate::Unit::at(name, span))),
        Item::Leader(name, span) => extras
            .get_or_insert_with(Box::default)
            .leaders
            .push(crate::Unit::at(name, span)),
        Item::Deadline(text, span) => {
            extras.get_or_insert_with(Box::default).deadline = Some(Field {
                text,
                span: span.into(),
            });
        }
        Item::Remarks(text, span) => {
            extras.get_or_insert_with(Box::default).remarks = Some(Field {
                text,
                span: span.into(),
            });
        }
        Item::FirstListedLeads(_) | Item::UnknownLabel(_) => {}
    }
}

/// Whether a preamble line is a note rather than part of the title:
/// `（注：…）`, `注：…`, `说明：…`.
pub(crate) fn is_note(line: &str) -> bool {
    let inner = line.trim_start_matches(['（', '(']);
    ["注：", "注:", "说明：", "说明:", "備註", "备注："]
        .iter()
        .any(|p| inner.starts_with(p))
}

/// The start of either parser: the text before the table or the plan,
/// `text[..end]`, as the preamble, with its label line and the segments of
/// its title lines; and whether it says the first-listed units lead.
fn preamble<'a>(
    doc: &mut Document<'a>,
    text: &'a str,
    end: usize,
    label: Option<(&'a str, crate::span::Span)>,
    title: &[crate::grammar::Seg],
) {
    doc.first_listed_leads |= crate::clause::states_first_listed_leads(&text[..end]);
    doc.preamble = crate::model::Preamble {
        raw: Some(Cow::Borrowed(&text[..end])),
        label: label.map(|(l, _)| Cow::Borrowed(l)),
        label_span: label.map(|(_, s)| s),
        title: crate::grammar::join(text, title),
        title_span: crate::grammar::segs_span(title),
    };
}

/// The end of either parser: the tree's tasks and categories into the
/// document, the text after the last node as its trailer, and the roles of
/// a document that says its first-listed units lead.
fn finish<'a>(doc: &mut Document<'a>, tree: tree::Tree<'a>, trailer: &'a str) {
    let (roots, categories) = tree.finish();
    doc.tasks = roots;
    doc.categories = categories;
    doc.trailer = Cow::Borrowed(trailer);
    if doc.first_listed_leads {
        first_listed_leads(doc);
    }
}

/// Where a document says the first unit listed leads: in every task that
/// names no lead unit, the first responsible unit leads.
fn first_listed_leads(doc: &mut Document<'_>) {
    fn task(task: &mut Task<'_>) {
        let units = &mut task.units;
        if units.lead().is_empty() && !units.responsible().is_empty() {
            let mut responsible = units.responsible().to_vec();
            let first = responsible.remove(0);
            units.set(UnitRole::Responsible, responsible);
            units.set(UnitRole::Lead, vec![first]);
        }
    }
    fn walk(categories: &mut [Category<'_>]) {
        for c in categories {
            c.tasks.iter_mut().for_each(task);
            walk(&mut c.categories);
        }
    }
    doc.tasks.iter_mut().for_each(task);
    walk(&mut doc.categories);
}

#[cfg(test)]
mod tests;
