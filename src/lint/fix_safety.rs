//! Safe deletions that keep the table's lines: [`keep_lines`] turns the
//! deletions a fix of W004 or W005 asks for into ones that leave every row
//! and cell of the table where it was, or gives up.

use crate::diagnostic::{Applicability, Edit, Fix};
use crate::grammar::Seg;
use crate::lex::{is_space, Cell, Lines};
use crate::span::Span;

use super::context::Context;

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
    segs: &[Seg],
    delete: &[Span],
    cache: &mut LineCache,
) -> Option<(Vec<Span>, Reach)> {
    let text = cx.source;
    let deletions = Deletions::new(text, segs, delete);
    let spans = &deletions.spans;
    let mut reach = Reach::Exact;
    let mut out = Vec::with_capacity(spans.len());
    let mut k = 0;
    while k < spans.len() {
        // The line of this deletion, and the deletions on it.
        let (line_start, content_end, line_end) = line_of(text, cell, spans[k].start, cache);
        let on_line = &spans[k..k + spans[k..].partition_point(|d| d.start < content_end)];
        let continuation = line_start != cell.span.start;
        if continuation && !deletions.has_text(line_start, content_end) {
            // Left reading as nothing: the line goes whole.
            if after_blank_line(text, cell, line_start, cache) {
                return None;
            }
            out.push(Span::new(line_start, line_end));
            reach = Reach::Line;
        } else if let Some(text_start) = continuation
            .then(|| deletions.exposes_tab(line_start, content_end))
            .flatten()
        {
            // A tab would start the line: all before its text goes.
            out.push(Span::new(line_start, text_start));
            out.extend(on_line.iter().filter(|d| d.start >= text_start));
            if reach == Reach::Exact {
                reach = Reach::LineStart;
            }
        } else {
            out.extend_from_slice(on_line);
        }
        k += on_line.len().max(1);
    }
    // A cell left reading as nothing would take in the text after the blank
    // lines that follow it, and can change what its row reads as (see
    // `empty_cell_changes_row`).
    if !deletions.has_text(cell.span.start, cell.span.end)
        && (*cache
            .follows
            .get_or_insert_with(|| text_after_blank_lines(text, cell.span.end))
            || empty_cell_changes_row(cx, cell))
    {
        return None;
    }
    if row_would_repeat_header(cx, cell, &deletions) || first_row_would_change(cx, cell, &out) {
        return None;
    }
    Some((out, reach))
}

/// Whether the deletions `out`, in a cell of the row right after the
/// header, would change what the document reads as. That row may be read
/// as the header's second row ([`crate::parse`] looks at its cells as they
/// are written, separators included): deleting a stray `、` can make a
/// cell read as a label (`、牵头` under `牵头`). Found by reading the
/// document to the end of that row again, with and without the deletions:
/// the header and one row, at most [`Context::try_reread`]'s budget of
/// times a document (past it, no fix there).
fn first_row_would_change(cx: &Context<'_, '_>, cell: Cell, out: &[Span]) -> bool {
    let text = cx.source;
    // The document's first task, if the cell is in its row.
    let (Some(header), Some(row)) = (
        cx.doc.header_span(),
        cx.doc.tasks().next().and_then(|t| t.span()),
    ) else {
        return false;
    };
    if !(row.start <= cell.span.start && cell.span.start < row.end) {
        return false;
    }
    let between = text
        .get(header.end..row.start.max(header.end))
        .unwrap_or("x");
    if !between.chars().all(is_space) {
        return false; // a heading's row or a task's comes first
    }
    if !cx.try_reread() {
        return true;
    }
    let Some(prefix) = text.get(..row.end) else {
        return true;
    };
    let deletions: Vec<crate::Edit> = out
        .iter()
        .filter(|s| s.end <= row.end)
        .map(|&span| crate::Edit {
            span,
            replacement: String::new(),
        })
        .collect();
    let Ok(edited) = crate::edit::apply(prefix, &deletions) else {
        return true;
    };
    crate::parse_tolerant(&edited).document != crate::parse_tolerant(prefix).document
}

/// Whether `cell`'s row, with the deletions made, would read as the header
/// row written again (a table cut in two), which is no task: every cell
/// reads as its column's label (`→、牵头` under the label `牵头`, once its
/// `、` goes).
fn row_would_repeat_header(cx: &Context<'_, '_>, cell: Cell, deletions: &Deletions<'_>) -> bool {
    let columns = cx.doc.header();
    // Nearly every fix: the cell reads as no label at all.
    if columns.len() < 2 || !columns.iter().any(|c| deletions.reads_as(c.label())) {
        return false;
    }
    let Some(spans) = cx.task_at(cell.span.start).and_then(|t| t.cell_spans()) else {
        return false;
    };
    if spans.len() != columns.len() {
        return false;
    }
    let label = |k: usize| columns.iter().nth(k).map_or("", |c| c.label());
    let Some(k) = spans.iter().position(|s| s.start == cell.span.start) else {
        return false;
    };
    if !deletions.reads_as(label(k)) {
        return false; // nearly every fix: the cell reads as something else
    }
    if !cx.try_reread() {
        return true;
    }
    let text = cx.source;
    let mut other = OtherCell::default();
    spans.iter().enumerate().all(|(j, &span)| {
        j == k || crate::grammar::join(text, other.segments(text, span)) == label(j)
    })
}

/// Reads the other cells of a row on their own, with buffers for all.
#[derive(Default)]
struct OtherCell {
    segs: Vec<Seg>,
    artifacts: Vec<crate::grammar::Artifact>,
}

impl OtherCell {
    /// The clean segments of the cell at `span`.
    fn segments(&mut self, text: &str, span: Span) -> &[Seg] {
        crate::grammar::segments(
            text,
            Cell::at(text, span),
            &mut self.segs,
            &mut self.artifacts,
            &mut crate::grammar::Brackets::bounded(),
        );
        &self.segs
    }
}

/// Whether `cell`, left reading as nothing, would change what its task's
/// row reads as: a row of empty cells is filler, not a task, and so is an
/// empty first cell in a table whose first column is not the number (the
/// row would be read from its second cell on).
fn empty_cell_changes_row(cx: &Context<'_, '_>, cell: Cell) -> bool {
    let Some(spans) = cx.task_at(cell.span.start).and_then(|t| t.cell_spans()) else {
        return false;
    };
    let number_first = cx.doc.header().role(0) == Some(crate::Role::Number);
    if !number_first && spans.first().is_some_and(|s| s.start == cell.span.start) {
        return true;
    }
    let text = cx.source;
    let mut other = OtherCell::default();
    !spans
        .iter()
        .filter(|span| span.start != cell.span.start)
        .any(|&span| !other.segments(text, span).is_empty())
}

/// The deletions a fix asks for in one cell, sorted, and what the cell's
/// text is once they are made.
struct Deletions<'t> {
    text: &'t str,
    /// The clean segments of the cell.
    segs: &'t [Seg],
    /// The deletions, by where they start.
    spans: Vec<Span>,
}

impl<'t> Deletions<'t> {
    fn new(text: &'t str, segs: &'t [Seg], delete: &[Span]) -> Deletions<'t> {
        let mut spans = delete.to_vec();
        spans.sort_by_key(|d| d.start);
        Deletions { text, segs, spans }
    }

    /// Whether the byte at `at` is deleted.
    fn deleted(&self, at: usize) -> bool {
        let k = self.spans.partition_point(|d| d.start <= at);
        k > 0 && at < self.spans[k - 1].end
    }

    /// Whether `from..to` holds clean text outside the deletions (stops at
    /// the first such character).
    fn has_text(&self, from: usize, to: usize) -> bool {
        let first = self.segs.partition_point(|s| s.end <= from);
        for seg in &self.segs[first..] {
            if seg.start >= to {
                break;
            }
            let (a, b) = (seg.start.max(from), seg.end.min(to));
            for (i, c) in self.text[a..b].char_indices() {
                if !is_space(c) && !self.deleted(a + i) {
                    return true;
                }
            }
        }
        false
    }

    /// Whether the cell's clean text, once the deletions are made and
    /// white space trimmed, is `label`: compared character by character,
    /// stopping at the first that differs (a cell is seldom its label), so
    /// that each fix of a long cell costs little.
    fn reads_as(&self, label: &str) -> bool {
        let mut want = label.chars().peekable();
        let mut started = false;
        for seg in self.segs {
            for (i, c) in self
                .text
                .get(seg.start..seg.end)
                .unwrap_or("")
                .char_indices()
            {
                if self.deleted(seg.start + i) || (!started && is_space(c)) {
                    continue;
                }
                started = true;
                match want.next() {
                    Some(w) if w == c => {}
                    // Past the label: only white space may follow.
                    None if is_space(c) => {}
                    _ => return false,
                }
            }
        }
        want.peek().is_none() && !label.is_empty()
    }

    /// Whether `at` is inside a clean segment.
    fn in_seg(&self, at: usize) -> bool {
        let k = self.segs.partition_point(|s| s.end <= at);
        self.segs.get(k).is_some_and(|s| s.start <= at)
    }

    /// Where the text of a continuation line starts, if the deletions reach
    /// into what comes before it and a tab is there.
    fn exposes_tab(&self, line_start: usize, content_end: usize) -> Option<usize> {
        let (mut touched, mut tab) = (false, false);
        for (i, c) in self.text[line_start..content_end].char_indices() {
            let at = line_start + i;
            if self.deleted(at) {
                touched = true;
            } else if c == '\t' {
                tab = true;
            } else if self.in_seg(at) && !is_space(c) {
                return (touched && tab).then_some(at);
            }
        }
        None
    }
}

/// The line of `cell` that holds `at`: its start, the end of its text and
/// its end (after its line ending). Fixes on one line look it up once.
fn line_of(text: &str, cell: Cell, at: usize, cache: &mut LineCache) -> (usize, usize, usize) {
    if let Some(line) = cache.line.filter(|line| line.0 <= at && at <= line.1) {
        return line;
    }
    let bytes = text.as_bytes();
    let line_start = memchr::memrchr2(b'\n', b'\r', &bytes[cell.span.start..at])
        .map_or(cell.span.start, |i| cell.span.start + i + 1);
    let content_end =
        memchr::memchr2(b'\n', b'\r', &bytes[at..cell.span.end]).map_or(cell.span.end, |i| at + i);
    let line_end = match bytes.get(content_end) {
        Some(b'\r') if bytes.get(content_end + 1) == Some(&b'\n') => content_end + 2,
        Some(b'\r' | b'\n') => content_end + 1,
        _ => content_end,
    };
    let line = (line_start, content_end, line_end);
    cache.line = Some(line);
    line
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
    let rest = content.trim_end_matches(|c: char| is_space(c) && c != '\n' && c != '\r');
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

/// A safe fix that deletes `spans`, described by `message`.
pub(crate) fn delete(spans: &[Span], message: &str) -> Fix {
    Fix {
        message: message.to_string(),
        applicability: Applicability::Safe,
        edits: spans
            .iter()
            .map(|&span| Edit {
                span,
                replacement: String::new(),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::super::{lint, LintConfig};
    use crate::diagnostic::Code;

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
}
