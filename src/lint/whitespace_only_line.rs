//! W009 `whitespace-only-line`: a line holding nothing but white space: a
//! blank line with spaces in it, or the stray spaces after the last cell at
//! the end of the document. A lone tab is an empty cell, not such a line;
//! white space beside text on a line is W006's (the two never flag the same
//! bytes).
//!
//! The fix is safe: it deletes the white space, which the parser ignores.
//!
//! Tables only: in a list document, blank lines (with or without spaces)
//! are how its paragraphs are laid out.

use crate::diagnostic::{Code, Diagnostic};
use crate::lex::Lines;
use crate::span::Span;

use super::fix_safety::delete;
use super::message::{all_space, describe_space};
use super::Context;

/// W009.
pub(crate) fn check(cx: &Context<'_, '_>, out: &mut Vec<Diagnostic>) {
    if cx.doc.layout() != crate::Layout::Table {
        return;
    }
    let text = cx.source;
    let trailer_start = text.len() - cx.doc.trailer().len().min(text.len());
    // A cell of one line that starts with its tab holds no such line: only
    // the text around those cells is read (lines before the table, blank
    // and stray lines between rows, cells of several lines, the end).
    let mut from = 0;
    for cell in cx.cells() {
        if cell.tabbed && cell.one_line && cell.span.start >= from {
            lines(cx, from, cell.span.start, trailer_start, out);
            from = cell.span.end;
        }
    }
    lines(cx, from, text.len(), trailer_start, out);
}

/// W009 on the lines of `text[from..to]` (`from` and `to` at line starts).
fn lines(
    cx: &Context<'_, '_>,
    from: usize,
    to: usize,
    trailer_start: usize,
    out: &mut Vec<Diagnostic>,
) {
    let text = cx.source;
    let Some(upto) = text.get(..to) else {
        return;
    };
    for line in Lines::new(upto, from) {
        let start = if line.start == 0 && text.starts_with('\u{feff}') {
            '\u{feff}'.len_utf8()
        } else {
            line.start
        };
        let Some(content) = text.get(start..line.content_end) else {
            continue;
        };
        if content.starts_with('\t') || !all_space(content) {
            continue;
        }
        let span = Span::new(start, line.content_end);
        let desc = describe_space(content);
        let at_end = line.end == text.len() && start >= trailer_start;
        let d = if at_end && line.content_end == line.end {
            Diagnostic::expected(
                Code::WhitespaceOnlyLine,
                span,
                "the document to end after its last line",
                &format!(
                    "{desc} on a line of {}",
                    if desc.starts_with("a ") {
                        "its own"
                    } else {
                        "their own"
                    }
                ),
            )
            .with_static_label("stray white space at the end of the document")
        } else {
            Diagnostic::expected(
                Code::WhitespaceOnlyLine,
                span,
                "an empty line",
                &format!("a line holding {desc}"),
            )
            .with_static_label("a blank line with white space in it")
        };
        out.push(
            d.with_static_help("delete the white space; blank lines end table rows, and spaces on them are clutter")
                .with_fix(delete(&[span], "delete the white space")),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn blank_lines_with_spaces() {
        let text = format!("\u{feff}\n{HEAD}\t（一）类\n \n\t1\n\t文\n\t区甲\n\t甲\n\u{3000}\n ");
        let found = only(&text, Code::WhitespaceOnlyLine);
        assert_eq!(
            found.iter().map(|d| d.message()).collect::<Vec<_>>(),
            [
                "expected an empty line, found a line holding a space",
                "expected an empty line, found a line holding a full-width space",
                "expected the document to end after its last line, found a space on a line of its own",
            ]
        );
        let fixed = apply(&text, &found);
        assert!(fixed.ends_with("\t甲\n\n"));
        assert!(fixed.starts_with("\u{feff}\n"));
        assert_eq!(
            crate::parse_tolerant(&fixed).document,
            crate::parse_tolerant(&text).document
        );
        // Inside a cell of several lines (an empty cell continued after a
        // blank line), and between rows after one.
        let text = format!(
            "{HEAD}\t（一）类\n\t1\n\t\n \n续文\n\t区甲\n\t甲\n\u{3000}\n\t2\n\t文\n\t区乙\n\t乙\n"
        );
        let found = only(&text, Code::WhitespaceOnlyLine);
        let at = |needle: &str| text.find(needle).map(|i| i + 1);
        assert_eq!(
            found
                .iter()
                .map(|d| Some(d.span().start))
                .collect::<Vec<_>>(),
            [
                at("\t\n \n").map(|i| i + 1),
                at("甲\n\u{3000}").map(|i| i + 3)
            ]
        );
        assert!(
            crate::parse_tolerant(&text)
                .document
                .tasks()
                .any(|t| t.text() == "续文"),
            "the cell continued"
        );
        // A lone tab is an empty cell, not a blank line.
        assert!(only(&format!("{HEAD}\t\n"), Code::WhitespaceOnlyLine).is_empty());
    }
}
