//! Tests of the drawing of diagnostics: long lines, many lines, escaping.

use super::*;

/// Texts with every kind of line ending, long lines of multi-byte
/// characters (checkpoints inside lines), many short lines
/// (checkpoints every 64 lines) and none at all.
fn texts() -> Vec<String> {
    let long = "甲a".repeat(3000); // 12,000 bytes on one line
    vec![
        String::new(),
        "\n".into(),
        "ab\r\n东疆x\rz\n".into(),
        "\r\r\n\n\r".into(),
        format!("{long}\n{long}\r\n\r{long}"),
        "x\n".repeat(300),
        format!("{}{long}", "\r\n".repeat(100)),
    ]
}

#[test]
fn the_sparse_index_agrees_with_the_full_one() {
    for text in texts() {
        let lines = Lines::new(&text);
        let full = LineIndex::new(&text);
        for offset in 0..=text.len() + 2 {
            assert_eq!(
                lines.position(&text, offset),
                full.position(offset),
                "offset {offset} of {:?}…",
                &text[..floor(&text, 40)]
            );
            assert_eq!(lines.line_of(&text, offset), full.line_of(offset));
        }
        for line in 0..full.line_count() + 2 {
            assert_eq!(
                lines.line_span(&text, line),
                full.line_span(line),
                "line {line}"
            );
        }
    }
}

#[test]
fn a_locator_agrees_with_the_full_index_in_any_order() {
    for text in texts() {
        let full = LineIndex::new(&text);
        let at = |offset: usize| (full.position(offset), full.position(offset + 3));
        let report = Report::new("t", &text);
        let mut locator = report.clone().into_locator();
        // In order (each span also ends three bytes on), as diagnostics
        // are written…
        for offset in 0..=text.len() + 2 {
            let (start, end) = locator.locate(Span::new(offset, offset + 3));
            assert_eq!((start, end), at(offset), "offset {offset}");
        }
        // …then back and forth, with steps of every size.
        let mut offset = 0usize;
        for step in 0..2_000usize {
            offset = (offset + step * 7_919) % (text.len() + 3);
            let (start, end) = locator.locate(Span::new(offset, offset + 3));
            assert_eq!((start, end), at(offset), "offset {offset}");
            assert_eq!(report.locate(Span::new(offset, offset + 3)), at(offset));
        }
    }
}

#[test]
fn escapes_show_what_they_replace() {
    assert_eq!(escape_control("\0\t\n\r\u{1b}\u{7f}"), "␀\t␊␍␛␡");
    assert_eq!(escape_control("\u{9b}2J"), "\\u{9b}2J");
    assert_eq!(escape_control("\u{2028}\u{2066}"), "\\u{2028}\\u{2066}");
    assert_eq!(quote_path("tab\t.txt"), "\"tab\\t.txt\"");
    assert_eq!(quote_path("C:\\docs\\a.txt"), "C:\\docs\\a.txt");
}

#[test]
fn far_labels_keep_their_line_numbers() {
    // The primary on line 5,001, a secondary on line 1: two rows and `...`,
    // numbered as in the text, the gutter as wide as 5001.
    let text = format!("甲乙\n{}丙丁\n", "\n".repeat(4_999));
    let end = text.len() - 1;
    let d = Diagnostic::new(Code::StrayLine, Span::new(end - 6, end), "far")
        .with_secondary(Span::new(0, 3), "here");
    let report = Report::new("t.txt", &text);
    let shown = report.render(&d, Style::Plain);
    assert_eq!(
            shown,
            "error[E006]: far\n    --> t.txt:5001:1\n     |\n   1 | 甲乙\n     | -- here\n...\n5001 | 丙丁\n     | ^^^^"
        );
    // In colour too: the same text between the escape codes.
    let coloured = report.render(&d, Style::Color);
    let mut plain = String::new();
    let mut rest = coloured.as_str();
    while let Some(at) = rest.find('\u{1b}') {
        plain.push_str(&rest[..at]);
        rest = &rest[at..];
        rest = &rest[rest.find('m').map_or(rest.len(), |m| m + 1)..];
    }
    plain.push_str(rest);
    assert_eq!(plain, shown);
}
