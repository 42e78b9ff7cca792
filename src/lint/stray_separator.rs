//! W004 `stray-separator`: a `、` (or `，`, `；`) in a unit cell with no unit
//! on one side: before the first unit, after the last, or doubled between
//! two. The safe fix deletes the stray separators' bytes, nothing else (or
//! their line, if nothing else is on it; see `keep_lines`); white space next
//! to them is W006's.
//!
//! The cell is read as the parser reads it: its clean segments (artifacts cut
//! out, lines trimmed), split at separators outside parentheses.

use std::ops::Range;

use crate::diagnostic::{quote, Code, Diagnostic};
use crate::grammar;
use crate::lex::{is_space, Cell};
use crate::scan::Scanner;
use crate::span::Span;

use super::cells::{CellRule, CellView};
use super::fix_safety::{delete, keep_lines, LineCache, Reach};
use super::Context;

/// A piece of a unit cell between separators.
#[derive(Debug, Clone, Copy, Default)]
struct Piece {
    /// From its first to its last character that is not white space.
    content: Option<(usize, usize)>,
}

impl Piece {
    /// Takes in the characters of `text[from..to]` that are not white space.
    fn extend(&mut self, text: &str, from: usize, to: usize) {
        let Some(slice) = text.get(from..to) else {
            return;
        };
        let kept = slice.trim_end_matches(is_space);
        let Some(first) = kept.find(|c: char| !is_space(c)) else {
            return;
        };
        let (start, end) = (from + first, from + kept.len());
        self.content = Some(self.content.map_or((start, end), |(s, _)| (s, end)));
    }
}

/// W004, read cell by cell in the walk it shares with W005 and W006 (see
/// [`super::cells`]).
pub(crate) fn start(_: &Context<'_, '_>, _: &mut Vec<Diagnostic>) -> Option<Box<dyn CellRule>> {
    Some(Box::new(StraySeparator::default()))
}

/// W004's buffers along the walk: the pieces and separators of the cell
/// read.
#[derive(Default)]
struct StraySeparator {
    split: (Vec<Piece>, Vec<(Span, char)>),
}

impl CellRule for StraySeparator {
    fn reads_unit_cells(&self) -> bool {
        true
    }

    fn cell(&mut self, cx: &Context<'_, '_>, view: &CellView<'_>, out: &mut Vec<Diagnostic>) {
        if view.unit {
            let mut cache = LineCache::default();
            let at = (cx, view.cell, view.segs, &mut cache);
            check_cell(at, view.values, &mut self.split, out);
        }
    }
}

/// Splits a unit cell's segments as the parser does, into `pieces` and
/// `seps` (cleared first): the pieces between its separators outside
/// brackets, and the separators. There is one more piece than separators.
/// A separator inside one of `values` (a deadline or remarks read from
/// the cell, [`CellView::values`]) is not one: it is their text.
fn split(
    text: &str,
    segs: &[grammar::Seg],
    values: &[Span],
    pieces: &mut Vec<Piece>,
    seps: &mut Vec<(Span, char)>,
) {
    pieces.clear();
    seps.clear();
    let mut piece = Piece::default();
    let mut scan = Scanner::for_list(segs);
    for seg in segs {
        let mut from = seg.start;
        for sep in scan.separators(text, seg.start, seg.end) {
            if values.iter().any(|v| v.start <= sep.at && sep.at < v.end) {
                continue;
            }
            piece.extend(text, from, sep.at);
            pieces.push(std::mem::take(&mut piece));
            seps.push((sep.span(), sep.c));
            from = sep.end();
        }
        piece.extend(text, from, seg.end);
    }
    pieces.push(piece);
}

/// Where a run of stray separators sits in a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stray {
    /// The cell holds separators and no unit.
    Only,
    /// Before the first unit, that of piece `first`.
    Leading { first: usize },
    /// Between the units of pieces `a` and `b`: one separator too many or
    /// more.
    Doubled { a: usize, b: usize },
    /// After the last unit, that of piece `last`.
    Trailing { last: usize },
}

/// The runs of stray separators of a cell split into `pieces` at `seps`
/// separators (separator `k` sits between pieces `k` and `k + 1`), as
/// ranges of the separators.
fn strays(pieces: &[Piece], seps: usize) -> Vec<(Stray, Range<usize>)> {
    // Nearly every cell: no separator, or a unit between every two.
    if seps == 0 || pieces.iter().all(|p| p.content.is_some()) {
        return Vec::new();
    }
    let units: Vec<usize> = (0..pieces.len())
        .filter(|&k| pieces[k].content.is_some())
        .collect();
    let (Some(&first), Some(&last)) = (units.first(), units.last()) else {
        return vec![(Stray::Only, 0..seps)];
    };
    let mut found = Vec::new();
    if first > 0 {
        found.push((Stray::Leading { first }, 0..first));
    }
    for pair in units.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if b - a > 1 {
            found.push((Stray::Doubled { a, b }, a..b));
        }
    }
    if last < seps {
        found.push((Stray::Trailing { last }, last..seps));
    }
    found
}

/// Reports the stray separators of one unit cell: all of them if no unit
/// is left, else those before the first unit, between two units and after
/// the last.
fn check_cell(
    (cx, cell, segs, cache): Where<'_, '_, '_, '_>,
    values: &[Span],
    (pieces, seps): &mut (Vec<Piece>, Vec<(Span, char)>),
    out: &mut Vec<Diagnostic>,
) {
    let text = cx.source;
    split(text, segs, values, pieces, seps);
    let name = |k: usize| -> String {
        pieces[k]
            .content
            .and_then(|(s, e)| text.get(s..e))
            .map_or_else(String::new, |t| quote(&t.replace(['\r', '\n'], ""), 12))
    };
    let mut others: Vec<(Span, char)> = Vec::new();
    for (stray, run) in strays(pieces, seps.len()) {
        let run = &seps[run];
        let span = Span::new(run[0].0.start, run[run.len() - 1].0.end);
        // Of a doubled run, the separator kept is the first that separates
        // groups (`，` `；`) if there is one: deleting it instead would join
        // two groups (`甲、；责任单位：`, whose label would then read as a
        // name).
        let keep = match stray {
            Stray::Doubled { .. } => run
                .iter()
                .position(|&(_, c)| !matches!(c, '、') && !crate::lex::is_space(c))
                .unwrap_or(0),
            _ => 0,
        };
        let c = run[keep].1;
        others.clear();
        others.extend(
            run.iter()
                .enumerate()
                .filter(|&(k, _)| k != keep)
                .map(|(_, &s)| s),
        );
        let (delete, expected, found, label, help) = match stray {
            Stray::Only => (
                run,
                "unit names separated by `、`".to_string(),
                format!("only `{c}`"),
                "a separator with no unit".to_string(),
                "delete the separators and write the units responsible".to_string(),
            ),
            Stray::Leading { first } => (
                run,
                format!("a unit name before `{c}`"),
                "the start of the cell".to_string(),
                format!("nothing before this `{c}`"),
                format!("delete the `{c}` before {}", name(first)),
            ),
            Stray::Doubled { a, b } => (
                &others[..],
                format!("one `{c}` between {} and {}", name(a), name(b)),
                format!("{} separators", run.len()),
                "an empty unit between these separators".to_string(),
                match others.first() {
                    Some(&(_, d)) if others.iter().all(|&(_, o)| o == d) => {
                        format!("delete the extra `{d}`")
                    }
                    _ => "delete the extra separators".to_string(),
                },
            ),
            Stray::Trailing { last } => (
                run,
                format!("a unit name after `{c}`"),
                "the end of the cell".to_string(),
                format!("nothing after this `{c}`"),
                format!("delete the `{c}` after {}", name(last)),
            ),
        };
        out.push(finding(
            (cx, cell, segs, &mut *cache),
            span,
            delete,
            &expected,
            &found,
            &label,
            &help,
        ));
    }
}

/// The cell a finding is in, for its fix.
type Where<'c, 'x, 'd, 'a> = (
    &'x Context<'d, 'a>,
    Cell,
    &'c [grammar::Seg],
    &'c mut LineCache,
);

fn finding(
    (cx, cell, segs, cache): Where<'_, '_, '_, '_>,
    span: Span,
    strays: &[(Span, char)],
    expected: &str,
    found: &str,
    label: &str,
    help: &str,
) -> Diagnostic {
    let shown = strays.first().map_or('、', |d| d.1);
    let d = Diagnostic::expected(Code::StraySeparator, span, expected, found)
        .with_label(label)
        .with_help(help);
    // A line left with nothing is deleted whole (see `keep_lines`).
    let spans: Vec<Span> = strays.iter().map(|&(span, _)| span).collect();
    let Some((edits, reach)) = keep_lines(cx, cell, segs, &spans, cache) else {
        return d;
    };
    let what = if strays.len() == 1 {
        format!("the stray `{shown}`")
    } else {
        "the stray separators".to_string()
    };
    let message = match reach {
        Reach::Exact => format!("delete {what}"),
        Reach::LineStart => format!("delete {what} and the white space up to the text"),
        Reach::Line => "delete the stray separators' line".to_string(),
    };
    d.with_fix(delete(&edits, &message))
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn leading_trailing_doubled_and_only() {
        let text = format!(
            "{HEAD}\t（一）类\n{}",
            rows(&[
                ("1", "甲", "区人社局、区财政局、", "人社局"),
                ("2", "乙", "、区人社局", "人社局、、 、财政局"),
                ("3", "丙", "、", "各街镇（开发区、园区）"),
                ("4", "丁", "区甲，区乙；", "甲"),
            ])
        );
        let found = only(&text, Code::StraySeparator);
        let messages: Vec<_> = found.iter().map(|d| d.message()).collect();
        assert_eq!(
            messages,
            [
                "expected a unit name after `、`, found the end of the cell",
                "expected a unit name before `、`, found the start of the cell",
                "expected one `、` between `人社局` and `财政局`, found 3 separators",
                "expected unit names separated by `、`, found only `、`",
                "expected a unit name after `；`, found the end of the cell",
            ]
        );
        let fixed = apply_same(&text, &found);
        assert!(fixed.contains("\t区人社局、区财政局\n"));
        assert!(fixed.contains("\t人社局、 财政局\n"));
        assert!(fixed.contains("\t区甲，区乙\n"));
        assert!(only(&fixed, Code::StraySeparator).is_empty());
    }

    #[test]
    fn no_fix_empties_the_one_cell_a_task_has_text_in() {
        // A fuzz find: the task's only text was a `、` in its lead cell;
        // deleting it left a row of empty cells, which is no task.
        let text = "\t牵头\n\t\n\t\n\r\t、\n\t\n\t";
        one_without_fix(text, Code::StraySeparator);
        // Nor the first cell of a table without a number column: the row
        // would be read from its second cell on.
        let text = "\t牵头\n\t任务\n\t\n\r\t、\n\t甲\n\t";
        one_without_fix(text, Code::StraySeparator);
        // A unit cell further on, in a task with text elsewhere: the
        // separator goes, and the document reads the same.
        let text = format!("{HEAD}\t（一）类\n{}", rows(&[("1", "甲", "、", "人社局")]));
        let found = only(&text, Code::StraySeparator);
        assert!(found[0].fix().is_some());
        apply_same(&text, &found);
    }

    #[test]
    fn of_a_doubled_run_the_group_separator_stays() {
        // A fuzz find: deleting the `；` of `、；` joined two groups, and the
        // label after it (`责任单位：`) read as a name.
        let text = format!(
            "{HEAD}\t（一）类\n{}",
            rows(&[("1", "甲", "区甲、；责任单位：", "人社局")])
        );
        let found = only(&text, Code::StraySeparator);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].help(), Some("delete the extra `、`"));
        let fixed = apply_same(&text, &found);
        assert!(fixed.contains("\t区甲；责任单位：\n"), "{fixed}");
    }

    #[test]
    fn no_fix_turns_a_row_into_the_header_again() {
        // A fuzz find: deleting the `、` left `牵头` under the label `牵头`,
        // and the row, every cell its column's label, read as the header
        // written again: the task vanished.
        let text = "\t牵头\n\t\r\t\r\r\t、牵头\n\t\r\t";
        one_without_fix(text, Code::StraySeparator);
        // Nor into the header's second row: `牵头` under `牵头`, an empty
        // cell under the other labels (a fuzz find too).
        let text = "\t牵头 \n\tSSSS\r\t\r\r\t、牵头\n\t\r\t";
        one_without_fix(text, Code::StraySeparator);
        // With a cell that reads otherwise, the fix stays.
        let text = "\t牵头\n\t\r\t\r\r\t、牵头\n\t甲\r\t";
        let found = only(text, Code::StraySeparator);
        assert!(found[0].fix().is_some(), "{found:#?}");
    }

    #[test]
    fn a_deadline_or_remarks_in_a_unit_cell_keeps_its_separators() {
        // Read as written: deleting a separator of theirs would change them.
        let text = "任务分工表\n\t序号\n\t重点任务\n\t责任单位\n\n\t（一）类\n\n\
                    \t1\n\t甲\n\t区甲、、区乙；完成时限：2023年，，底前\n\n\
                    \t2\n\t乙\n\t区丙；备注：分两批、、各半\n\n";
        let doc = crate::parse_tolerant(text).document;
        let tasks: Vec<_> = doc.tasks().collect();
        assert_eq!(tasks[0].deadline(), Some("2023年，，底前"));
        assert_eq!(tasks[1].remarks(), Some("分两批、、各半"));
        let found = only(text, Code::StraySeparator);
        let messages: Vec<_> = found.iter().map(|d| d.message()).collect();
        assert_eq!(
            messages,
            ["expected one `、` between `区甲` and `区乙`, found 2 separators"]
        );
        let fixed = apply(text, &found);
        assert!(fixed.contains("\t区甲、区乙；完成时限：2023年，，底前\n"));
        assert_eq!(crate::parse_tolerant(&fixed).document, doc);
    }

    #[test]
    fn wrapped_cells_and_artifacts() {
        let text = format!(
            "{HEAD}\t（一）类\n\t1\n\t甲\n\t区人社局、\n区财政局\n\t人社局[bookmark: x]、财政局\n\n"
        );
        assert!(only(&text, Code::StraySeparator).is_empty());
    }
}
