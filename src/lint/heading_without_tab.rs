//! W010 `heading-without-tab`: a category heading on a line that does not
//! start with a tab. Either the heading lost its tab (the lexer reads it as
//! an implicit cell), or its tab sits alone on a line above, blank lines
//! between (`→⏎⏎⏎⏎（五）⏎`).
//!
//! The safe fix puts a tab at the start of the heading's line (in place of
//! any white space there): the heading then opens its own cell and reads
//! the same. A lone tab in the header's row (no blank line after the header
//! cells) would then be a fifth header cell, so there the fix moves the tab
//! down instead; a tab with more on its line (`→→[bookmark: x]`) is not
//! moved, since its line would still start a cell: no fix. Nor is there one
//! for a heading that reads like a list's task (closed by a role clause),
//! which a tab would count toward a list when the layout is told.
//!
//! A heading whose title wraps onto the next line (`→（十）⏎鼓励企业吸纳就业⏎`)
//! is not reported: wrapped cells are how Word tables come out, the header's
//! own labels wrap the same way, and the title reads joined.

use crate::diagnostic::{plural, quote, Applicability, Code, Diagnostic, Edit, Fix};
use crate::span::Span;

use super::Context;

/// A heading whose line has no tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct UntabbedHeading {
    /// Where the heading's line starts.
    pub(crate) line_start: usize,
    /// Where its opening parenthesis is.
    pub(crate) open_at: usize,
    /// Where the line's text ends.
    pub(crate) line_end: usize,
    /// The tab of its cell, alone on a line above, if there is one.
    pub(crate) tab: Option<usize>,
    /// Whether its cell follows the header's cells in their row (no blank
    /// line between): a lone tab there would count as a fifth header cell.
    pub(crate) in_header_row: bool,
}

/// Every category heading whose line does not start with a tab.
pub(crate) fn untabbed_headings(cx: &Context<'_, '_>) -> Vec<UntabbedHeading> {
    let text = cx.source;
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    if cx.doc.layout() != crate::Layout::Table {
        return found;
    }
    for category in cx.doc.all_categories() {
        let (Some(cell), Some(numeral)) = (
            cx.checked(category.span()),
            cx.checked(category.numeral_span()),
        ) else {
            continue;
        };
        // The opening parenthesis is the character before the numeral; a
        // `一、` heading starts with its numeral.
        let open_at = if category.style() == crate::HeadingStyle::Enumerated {
            numeral.start
        } else {
            let Some(open) = text[..numeral.start].chars().next_back() else {
                continue;
            };
            numeral.start - open.len_utf8()
        };
        if open_at < cell.start || open_at > cell.end {
            continue;
        }
        let line_start = bytes[cell.start..open_at]
            .iter()
            .rposition(|&b| b == b'\n' || b == b'\r')
            .map_or(cell.start, |i| cell.start + i + 1);
        let tabbed = bytes.get(cell.start) == Some(&b'\t');
        if tabbed && line_start == cell.start {
            continue;
        }
        let line_end = memchr::memchr2(b'\n', b'\r', &bytes[open_at..cell.end])
            .map_or(cell.end, |i| open_at + i);
        let in_header_row = cx
            .checked(cx.doc.header_span())
            .is_some_and(|header| header.end == cell.start);
        found.push(UntabbedHeading {
            line_start,
            open_at,
            line_end,
            tab: tabbed.then_some(cell.start),
            in_header_row,
        });
    }
    found
}

/// How many line breaks `text` holds (`\r\n` counts once).
fn line_breaks(text: &str) -> usize {
    let bytes = text.as_bytes();
    (0..bytes.len())
        .filter(|&i| bytes[i] == b'\n' || (bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count()
}

/// W010.
pub(crate) fn check(cx: &Context<'_, '_>, out: &mut Vec<Diagnostic>) {
    for h in untabbed_headings(cx) {
        let span = Span::new(h.open_at, h.line_end);
        let mut edits = vec![Edit {
            span: Span::new(h.line_start, h.open_at),
            replacement: "\t".to_string(),
        }];
        // Whether the cell's tab is alone on its line (it may be followed
        // by tabs and artifacts, which read as nothing).
        let alone = h.tab.is_some_and(|tab| {
            matches!(
                cx.source.as_bytes().get(tab + 1),
                None | Some(b'\n' | b'\r')
            )
        });
        if let (Some(tab), true) = (h.tab, h.in_header_row) {
            // The lone tab would stay an empty cell of the header's row:
            // move it down instead, leaving a blank line that ends the row.
            // Only a tab alone on its line leaves a blank line: a line of
            // more (`→→[bookmark: x]`) would stay a cell of the header's
            // row, or continue its last cell, so there is no safe fix.
            if alone {
                edits.insert(
                    0,
                    Edit {
                        span: Span::new(tab, tab + 1),
                        replacement: String::new(),
                    },
                );
            } else {
                edits.clear();
            }
        }
        // A tab-led line that reads like a list's task (a heading closed by
        // a role clause: `（三）…（市商务局负责）`) counts toward a list when
        // the layout is told (`parse::detect`): the tab could turn the
        // table into a list. No fix.
        if crate::parse::list::looks_like_task(cx.text(span).trim_matches(crate::lex::is_space)) {
            edits.clear();
        }
        let heading = quote(cx.text(span), 16);
        let d = match h.tab {
            Some(tab) => {
                let lines = line_breaks(cx.text(Span::new(tab, h.line_start)));
                Diagnostic::expected(
                    Code::HeadingWithoutTab,
                    span,
                    "the heading on the line of its tab",
                    &format!(
                        "{heading} {} below {}",
                        plural(lines, "line", "lines"),
                        if alone {
                            "a lone tab"
                        } else {
                            "its cell's tab"
                        }
                    ),
                )
                .with_static_label("this heading's line has no tab")
                .with_secondary(Span::new(tab, tab + 1), "the tab of its cell")
            }
            None => Diagnostic::expected(
                Code::HeadingWithoutTab,
                span,
                "a tab at the start of the heading's line",
                &format!("{heading} without one"),
            )
            .with_static_label("this heading's line has no tab"),
        };
        let d = d.with_static_help("start the heading's line with a tab, like the other headings");
        if edits.is_empty() {
            out.push(d);
            continue;
        }
        out.push(
            d.with_fix(Fix {
                message: if edits.len() == 1 {
                    "put a tab before the heading"
                } else {
                    "move the tab down to the heading"
                }
                .to_string(),
                applicability: Applicability::Safe,
                edits,
            }),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::super::{lint, LintConfig};
    use super::*;

    #[test]
    fn no_fix_for_a_heading_that_reads_like_a_task() {
        // A fuzz find: with its tab, `（三）（…负责` counted toward a list
        // and the table read as a list.
        let text = "\tx\n\t1.ڗ\r\t係（局负责\n\n（三）（倁负责";
        one_without_fix(text, Code::HeadingWithoutTab);
        // A heading without a clause keeps its fix.
        let text = format!("{HEAD}（一）类\n\t1\n\t文\n\t区甲\n\t甲\n");
        let found = only(&text, Code::HeadingWithoutTab);
        assert!(found[0].fix().is_some(), "{found:#?}");
    }

    #[test]
    fn headings_without_tabs() {
        let text = format!(
            "{HEAD}\t（一）甲\n{}\t\n\n\n（二）\n乙\n{}（三）丙\n{}",
            rows(&[("1", "甲", "区甲", "甲")]),
            rows(&[("2", "乙", "区乙", "乙")]),
            rows(&[("3", "丙", "区丙", "丙")]),
        );
        let found = only(&text, Code::HeadingWithoutTab);
        let messages: Vec<_> = found.iter().map(|d| d.message()).collect();
        assert_eq!(
            messages,
            [
                "expected the heading on the line of its tab, found `（二）` 3 lines below a lone tab",
                "expected a tab at the start of the heading's line, found `（三）丙` without one",
            ]
        );
        let fixed = apply_same(&text, &found);
        assert!(fixed.contains("\t\n\n\n\t（二）\n乙\n"));
        assert!(fixed.contains("\n\t（三）丙\n"));
        assert!(only(&fixed, Code::HeadingWithoutTab).is_empty());
        // A wrapped heading is fine.
        assert!(only(&format!("{HEAD}\t（一）\n甲\n"), Code::HeadingWithoutTab).is_empty());
    }

    #[test]
    fn lone_tab_in_the_header_row_moves_down() {
        // The heading's cell shares the header's row: `→⏎（一）心` right after
        // the header cells. A new tab before the heading would leave the
        // lone tab as a fifth header cell, so the fix moves it.
        for head in [
            "\t\n\t\n\t\n\t\n",
            "附件：\n标题\n\t序号\n\t工作任务\n\t甲责任单位\n\t乙责任单位\n",
        ] {
            for gap in ["", "\n\n"] {
                let text = format!("{head}\t\n{gap}（一）心\n\t1\n\t文\n\t区甲\n\t甲\n");
                let parsed = crate::parse_tolerant(&text);
                assert!(!parsed.has_errors(), "{text:?}");
                let found = only(&text, Code::HeadingWithoutTab);
                assert_eq!(found.len(), 1);
                let fix = found[0].fix().unwrap();
                assert_eq!(fix.message, "move the tab down to the heading");
                let fixed = apply(&text, &found);
                assert_eq!(
                    fixed,
                    format!("{head}\n{gap}\t（一）心\n\t1\n\t文\n\t区甲\n\t甲\n")
                );
                assert_eq!(crate::parse(&fixed).unwrap(), parsed.document);
                assert!(only(&fixed, Code::HeadingWithoutTab).is_empty());
            }
        }
    }

    #[test]
    fn a_tab_not_alone_in_the_header_row_is_not_moved() {
        // `→→[bookmark: x]` reads as an empty cell, but deleting its first
        // tab leaves a line that still starts with one: a fifth header cell.
        // So there is no fix, and the message does not call it lone.
        let head = "附件：\n标题\n\t序号\n\t工作任务\n\t甲责任单位\n\t乙责任单位\n";
        let text = format!("{head}\t\t[bookmark: x]\n（一）心\n\t1\n\t文\n\t区甲\n\t甲\n");
        let found = one_without_fix(&text, Code::HeadingWithoutTab);
        assert_eq!(
            found.message(),
            "expected the heading on the line of its tab, found `（一）心` 1 line below its cell's tab"
        );
    }

    #[test]
    fn untabbed_heading_with_spaces_gets_one_fix() {
        let text = format!(
            "{HEAD}\t（一）甲\n{}  （二）乙\n{}",
            rows(&[("1", "甲", "区甲", "甲")]),
            rows(&[("2", "乙", "区乙", "乙")]),
        );
        let parsed = crate::parse_tolerant(&text);
        let found = lint(&parsed.document, &text, &LintConfig::default());
        let fixed = apply(&text, &found);
        assert!(fixed.contains("\n\t（二）乙\n"), "{fixed}");
    }
}
