//! W018 `inconsistent-separators`: one list of units separating its groups
//! with both ASCII (`,` `;`) and full-width (`，` `；`) punctuation. The safe
//! fix writes the ASCII ones full-width: the units read the same. And two
//! unit names with white space where a `、` belongs (`市发改委 市财政局`):
//! the safe fix writes the `、`.
//!
//! The lists are a table's unit cells and a list document's role clauses
//! and label lines, read as the parser reads them.

use crate::diagnostic::{Applicability, Code, Diagnostic, Edit, Fix};
use crate::scan::Scanner;
use crate::span::Span;

use super::Context;

/// The ASCII and full-width group separators of `text[span]`, outside
/// brackets (found as the parser finds them, [`Scanner`]) and outside the
/// `values` (a deadline or remarks read from the list as it is written,
/// whose separators are part of its text): where the ASCII ones are, and
/// whether there is a full-width one.
fn separators(text: &str, span: Span, values: &[Span]) -> (Vec<(usize, char)>, bool) {
    let mut ascii = Vec::new();
    let mut full = false;
    for sep in Scanner::default().separators(text, span.start, span.end) {
        if values.iter().any(|v| v.start <= sep.at && sep.at < v.end) {
            continue;
        }
        match sep.c {
            ',' | ';' => ascii.push((sep.at, sep.c)),
            '，' | '；' => full = true,
            _ => {} // `、` separates names, not groups
        }
    }
    (ascii, full)
}

/// The white space between two of `task`'s unit names where a `、`
/// belongs (`市发改委 市财政局`): two names of one role read apart with
/// nothing but spaces and ideographic spaces between them, as the parser
/// reads white space after a whole name ([`crate::clause::space_breaks`]).
/// Found from the names the parser read, so each is a separator it saw
/// (the names it separates are of one group, so of one role).
fn spaces_between_names(cx: &Context<'_, '_>, task: &crate::Task<'_>, out: &mut Vec<Diagnostic>) {
    let text = cx.source;
    for (_, names) in task.units().roles() {
        for pair in names.windows(2) {
            let (Some(a), Some(b)) = (pair[0].span(), pair[1].span()) else {
                continue;
            };
            // Nearly every pair: a `、` between them.
            if !matches!(text.as_bytes().get(a.end), Some(b' ' | 0xE3)) || b.start <= a.end {
                continue;
            }
            let gap = Span::new(a.end, b.start);
            let between = text.get(gap.range()).unwrap_or("");
            if !between.chars().all(|c| matches!(c, ' ' | '\u{3000}')) {
                continue;
            }
            out.push(
                Diagnostic::expected(
                    Code::InconsistentSeparators,
                    gap,
                    "`、` between two unit names",
                    &crate::lint::message::describe_space(between),
                )
                .with_static_label("white space where a `、` belongs")
                .with_static_help(
                    "write `、` between unit names: fengong reads white space after a whole \
                     name as a separator, a reader may not",
                )
                .with_fix(Fix {
                    message: "write `、` for the white space".to_string(),
                    applicability: Applicability::Safe,
                    edits: vec![Edit {
                        span: gap,
                        replacement: "、".to_string(),
                    }],
                }),
            );
        }
    }
}

/// W018.
pub(crate) fn check(cx: &Context<'_, '_>, out: &mut Vec<Diagnostic>) {
    let text = cx.source;
    let mut lists: Vec<Span> = Vec::new();
    for (task, cells) in cx.tasks() {
        spaces_between_names(cx, task, out);
        lists.clear();
        // A deadline or remarks read from a clause or a cell keeps its
        // separators: writing them full-width would change its text.
        // (An empty span for a field the task lacks: it holds no separator.)
        let extras = task.extras.as_deref();
        let values = [
            extras.and_then(|e| e.deadline.as_ref()),
            extras.and_then(|e| e.remarks.as_ref()),
        ]
        .map(|field| field.and_then(|f| f.span.get()).unwrap_or(Span::empty(0)));
        if let Some(cells) = cells {
            lists.extend(cells.iter().map(|cell| cell.span()));
        } else {
            let Some(span) = cx.checked(task.span()) else {
                continue;
            };
            let line_start = text[..span.start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
            let read = crate::parse::list::read_at(text, line_start, span.end);
            lists.extend(
                read.clauses
                    .iter()
                    .map(|c| Span::new(c.inner_start, c.inner_end)),
            );
            lists.extend(read.labels.iter().map(|&(_, _, value)| value));
        }
        for &list in &lists {
            // Nearly every list: no ASCII separator at all, in one search.
            let bytes = text.as_bytes().get(list.range()).unwrap_or_default();
            if memchr::memchr2(b',', b';', bytes).is_none() {
                continue;
            }
            let (ascii, full) = separators(text, list, &values);
            let Some(&(first, _)) = ascii.first() else {
                continue;
            };
            if !full {
                continue;
            }
            let edits = ascii
                .iter()
                .map(|&(at, c)| Edit {
                    span: Span::new(at, at + 1),
                    replacement: if c == ',' { "，" } else { "；" }.to_string(),
                })
                .collect();
            out.push(
                Diagnostic::expected(
                    Code::InconsistentSeparators,
                    Span::new(first, first + 1),
                    "the full-width separators `，` and `；` the rest of this list uses",
                    &format!("`{}`", &text[first..first + 1]),
                )
                .with_static_label("an ASCII separator among full-width ones")
                .with_static_help(
                    "write the separators of one list in one kind, full-width in Chinese text",
                )
                .with_fix(Fix {
                    message: "write the ASCII separators full-width".to_string(),
                    applicability: Applicability::Safe,
                    edits,
                }),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn white_space_where_a_separator_belongs() {
        let text = format!(
            "{HEAD}\t（一）类\n{}",
            rows(&[("1", "甲", "区甲局 区乙局", "人社局")])
        );
        let found = only(&text, Code::InconsistentSeparators);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(&text[found[0].span().range()], " ");
        let fixed = apply_same(&text, &found);
        assert!(fixed.contains("\t区甲局、区乙局\n"), "{fixed}");
        // One name per line, and white space inside a name: nothing.
        for cell in ["区甲局\n区乙局", "区 甲局", "区甲局、 区乙局"] {
            let text = format!("{HEAD}\t（一）类\n{}", rows(&[("1", "甲", cell, "人社局")]));
            let found = only(&text, Code::InconsistentSeparators);
            assert!(found.is_empty(), "{cell}: {found:#?}");
        }
    }

    #[test]
    fn mixed_separators_in_a_clause_and_a_cell() {
        let text = "方案\n一、目标\n1.推进。（牵头单位：甲，配合单位：乙,丙）\n2.推进。（牵头单位：甲；配合单位：乙）\n";
        let found = only(text, Code::InconsistentSeparators);
        assert_eq!(found.len(), 1);
        let fixed = apply(text, &found);
        assert!(fixed.contains("配合单位：乙，丙"), "{fixed}");
        assert_eq!(crate::parse(&fixed).unwrap(), crate::parse(text).unwrap());
        let text =
            "附件：\n标题\n\t序号\n\t工作任务\n\t责任单位\n\n\t（一）类\n\t1\n\t文\n\t甲牵头，乙,丙配合\n";
        assert_eq!(only(text, Code::InconsistentSeparators).len(), 1);
        let _ = HEAD;
    }

    #[test]
    fn a_deadline_keeps_its_separators() {
        // The clause's deadline, read as written, holds `;` and `，`: they
        // are its text, not the list's (a fuzzer's find: the fix wrote
        // them full-width and changed the deadline).
        let text = "方案\n一、目标\n1.推进。（牵头单位：甲,乙，完成时限：6月;年底，前）\n";
        let doc = crate::parse(text).unwrap();
        let deadline = doc.tasks().next().unwrap().deadline();
        assert_eq!(deadline, Some("6月;年底，前"));
        let found = only(text, Code::InconsistentSeparators);
        assert_eq!(found.len(), 1, "{found:?}");
        let fixed = apply(text, &found);
        assert!(fixed.contains("甲，乙，完成时限：6月;年底，前"), "{fixed}");
        assert_eq!(crate::parse(&fixed).unwrap(), doc);
        // Only the deadline mixes them: nothing to report.
        let text = "方案\n一、目标\n1.推进。（牵头单位：甲、乙，完成时限：6月;年底）\n";
        assert_eq!(only(text, Code::InconsistentSeparators).len(), 0);
    }

    #[test]
    fn separators_outside_brackets_as_the_parser_reads_them() {
        let read = |text: &str| separators(text, Span::new(0, text.len()), &[]);
        assert_eq!(read("甲,乙，丙"), (vec![(3, ',')], true));
        assert_eq!(read("甲（乙,丙）、丁"), (vec![], false));
        // A closing bracket with none open does not hide what follows
        // (the parser's depth never goes below 0).
        assert_eq!(read("甲）,乙，丙"), (vec![(6, ',')], true));
    }
}
