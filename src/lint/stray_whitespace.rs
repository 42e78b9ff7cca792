//! W006 `stray-whitespace`: white space the parser trims away from a line
//! that has text: in a cell, after the tab (`\t （十一）…`), at the end of a
//! line, around a `、` between unit names; and around the label and title
//! lines before the table. It never flags a lone tab (an empty cell),
//! interior spaces of a text, or a line of white space only (W009's).
//!
//! The fix is safe: it deletes only white space the parser ignores.
//!
//! Tables only: in a list document, indentation is how its paragraphs are
//! laid out.

use crate::diagnostic::{quote, Code, Diagnostic};
use crate::grammar::{self, Artifact};
use crate::lex::{is_blank, is_space, surely_not_space, surely_not_space_before, Lines};
use crate::scan::Scanner;
use crate::span::Span;

use super::cells::{CellRule, CellView, Ordered};
use super::fix_safety::delete;
use super::message::describe_space;
use super::{heading_without_tab, Context};

/// Where a run of white space sits, for the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// At the start of a cell's first line, after the tab.
    AfterTab,
    /// At the start of a line without a tab.
    LineStart,
    /// At the end of a line.
    LineEnd,
    /// All there is after the tab.
    Only,
}

/// W006, read cell by cell in the walk it shares with W005 (see
/// [`super::cells`]): the label and title lines before the table now.
pub(crate) fn start(cx: &Context<'_, '_>, out: &mut Vec<Diagnostic>) -> Option<Box<dyn CellRule>> {
    if cx.doc.layout() != crate::Layout::Table {
        return None;
    }
    let text = cx.source;
    // Lines whose leading white space W010 replaces with a tab.
    let skip: Vec<usize> = if cx.config.is_enabled(Code::HeadingWithoutTab) {
        heading_without_tab::untabbed_headings(cx)
            .into_iter()
            .map(|h| h.line_start)
            .collect()
    } else {
        Vec::new()
    };
    // The label and title lines.
    let table_start = cx.cells().next().map_or(text.len(), |c| c.span.start);
    for line in Lines::new(&text[..table_start], 0) {
        let start = if line.start == 0 && text.starts_with('\u{feff}') {
            '\u{feff}'.len_utf8()
        } else {
            line.start
        };
        // A title in a merged row above the header (`→2024年…分工表`) is a
        // cell: its tab is the cell's, not stray white space.
        let tabbed = text.as_bytes().get(start) == Some(&b'\t');
        let start = start + usize::from(tabbed);
        if start < line.content_end && !is_blank(&text[start..line.content_end]) {
            edges(cx, start, line.content_end, tabbed, true, &[], out);
        }
    }
    Some(Box::new(StrayWhitespace {
        skip: Ordered::new(skip),
    }))
}

/// W006's state along the walk.
struct StrayWhitespace {
    /// The starts of the lines W010 fixes.
    skip: Ordered,
}

impl CellRule for StrayWhitespace {
    /// The segments of a unit cell are for the white space around its
    /// separators.
    fn reads_unit_cells(&self) -> bool {
        true
    }

    fn cell(&mut self, cx: &Context<'_, '_>, view: &CellView<'_>, out: &mut Vec<Diagnostic>) {
        let text = cx.source;
        let cell = view.cell;
        let artifacts = view.artifacts;
        for (i, line) in cell.lines(text).enumerate() {
            let first = i == 0 && cell.tabbed;
            let start = if first { line.start + 1 } else { line.start };
            let end = line.content_end;
            if start >= end || (!first && is_blank(&text[line.start..end])) {
                continue; // nothing, or a blank line: W009's
            }
            // W010 puts a tab in place of a heading line's leading white
            // space.
            let lead = !self.skip.contains(line.start);
            // Only the artifacts that start on this line (they come in
            // source order): a cell of many lines, each with an artifact,
            // is not read once per line.
            let from = artifacts.partition_point(|a| a.span.start < start);
            let to = from + artifacts[from..].partition_point(|a| a.span.start < end);
            edges(cx, start, end, first, lead, &artifacts[from..to], out);
        }
        if view.unit {
            around_separators(cx, view.segs, view.values, out);
        }
    }
}

/// Reports the white space at the start (if `lead`) and end of `start..end`,
/// skipping `artifacts`.
fn edges(
    cx: &Context<'_, '_>,
    start: usize,
    end: usize,
    after_tab: bool,
    lead_wanted: bool,
    artifacts: &[Artifact],
    out: &mut Vec<Diagnostic>,
) {
    let text = cx.source;
    // Nearly every line: no artifact, and text at both ends (decided from
    // the bytes at each end when they tell, else from the characters).
    if artifacts.is_empty() && start < end {
        let bytes = text.as_bytes();
        let line = text.get(start..end).unwrap_or("");
        let starts =
            surely_not_space(bytes, start) || line.chars().next().is_some_and(|c| !is_space(c));
        let ends = surely_not_space_before(bytes, end)
            || line.chars().next_back().is_some_and(|c| !is_space(c));
        if starts && ends {
            return;
        }
    }
    // The line's pieces between artifacts.
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    let mut at = start;
    for a in artifacts
        .iter()
        .filter(|a| a.span.start >= start && a.span.end <= end)
    {
        if a.span.start > at {
            pieces.push((at, a.span.start));
        }
        at = at.max(a.span.end);
    }
    if end > at {
        pieces.push((at, end));
    }
    // Leading runs, up to the first character that is not white space.
    let mut lead: Vec<Span> = Vec::new();
    let mut first_text = None;
    for &(s, e) in &pieces {
        let piece = &text[s..e];
        let n = piece.len() - piece.trim_start_matches(is_space).len();
        if n > 0 {
            lead.push(Span::new(s, s + n));
        }
        if n < piece.len() {
            first_text = Some(s + n);
            break;
        }
    }
    let Some(first_text) = first_text else {
        // Only white space (and artifacts): one finding.
        if !lead.is_empty() && lead_wanted {
            let place = if after_tab {
                Place::Only
            } else {
                Place::LineStart
            };
            out.push(whitespace(cx, &lead, place, None));
        }
        return;
    };
    let mut trail: Vec<Span> = Vec::new();
    let mut last_text = end;
    for &(s, e) in pieces.iter().rev() {
        let piece = &text[s..e];
        let kept = piece.trim_end_matches(is_space).len();
        if kept < piece.len() {
            trail.push(Span::new(s + kept, e));
        }
        if kept > 0 {
            last_text = s + kept;
            break;
        }
    }
    trail.reverse();
    if !lead.is_empty() && lead_wanted {
        let next = text.get(first_text..end).unwrap_or("");
        let place = if after_tab {
            Place::AfterTab
        } else {
            Place::LineStart
        };
        out.push(whitespace(cx, &lead, place, Some(next)));
    }
    if !trail.is_empty() {
        let before = text.get(start..last_text).unwrap_or("");
        // The last few characters before the white space.
        let tail: String = {
            let chars: Vec<char> = before.chars().collect();
            let from = chars.len().saturating_sub(10);
            let mut tail: String = if from > 0 {
                "…".into()
            } else {
                String::new()
            };
            tail.extend(&chars[from..]);
            tail
        };
        out.push(whitespace(cx, &trail, Place::LineEnd, Some(&tail)));
    }
}

fn whitespace(cx: &Context<'_, '_>, runs: &[Span], place: Place, next: Option<&str>) -> Diagnostic {
    let spaces: String = runs.iter().map(|&s| cx.text(s)).collect();
    let desc = describe_space(&spaces);
    let shown = next.map(|t| quote(t, 10)).unwrap_or_default();
    let (expected, found) = match place {
        Place::AfterTab => (
            "the text right after the tab".to_string(),
            format!("{desc} before {shown}"),
        ),
        Place::LineStart => (
            "the line to start with its text".to_string(),
            format!("{desc} before {shown}"),
        ),
        Place::LineEnd => (format!("the line to end after {shown}"), desc.clone()),
        Place::Only => (
            "an empty cell to be a lone tab".to_string(),
            format!("{desc} after the tab"),
        ),
    };
    let span = Span::new(runs[0].start, runs[runs.len() - 1].end);
    let mut found = found;
    if found.is_empty() {
        found = desc;
    }
    Diagnostic::expected(Code::StrayWhitespace, span, &expected, &found)
        .with_static_label("stray white space")
        .with_static_help("delete it; fengong trims it away, and it is clutter from the conversion")
        .with_fix(delete(runs, "delete the white space"))
}

/// White space next to the separators of a unit cell, inside its clean
/// segments (so never at a line's start or end, which [`edges`] reports).
/// Artifacts between a separator and its white space do not hide it
/// (`甲、[bookmark: x] 乙`): the parser trims that white space from the unit
/// name all the same. The separators inside `values` (a deadline or
/// remarks read from the cell) are their text, and left alone.
fn around_separators(
    cx: &Context<'_, '_>,
    segs: &[grammar::Seg],
    values: &[Span],
    out: &mut Vec<Diagnostic>,
) {
    let text = cx.source;
    let mut scan = Scanner::for_list(segs);
    for (k, seg) in segs.iter().enumerate() {
        for sep in scan.separators(text, seg.start, seg.end) {
            let (at, sep_end) = (sep.at, sep.end());
            if values.iter().any(|v| v.start <= at && at < v.end) || sep.is_space() {
                continue; // a deadline's or remarks' own text, or white space between names
            }
            let mut runs = space_before(text, segs, k, at);
            runs.extend(space_after(text, segs, k, sep_end));
            // White space before a role's label, after more of its group
            // than the white space (`、→责任单位：`), separates the label's
            // field: the parser reads it, so it stays. After `，` or `；`
            // the label starts a group of its own either way.
            if !matches!(sep.c, '，' | ',' | '；' | ';') {
                runs.retain(|run| {
                    let after = text.get(run.end..).unwrap_or("");
                    let after = after.trim_start_matches(is_space);
                    crate::clause::starts_with_label(after).is_none()
                });
            }
            let (Some(first), Some(last)) = (runs.first(), runs.last()) else {
                continue;
            };
            let span = Span::new(first.start.min(at), last.end.max(sep_end));
            let spaces: String = runs.iter().map(|&s| cx.text(s)).collect();
            out.push(
                Diagnostic::expected(
                    Code::StrayWhitespace,
                    span,
                    &format!("`{}` right between two unit names", sep.c),
                    &format!("{} around it", describe_space(&spaces)),
                )
                .with_static_label("stray white space around the separator")
                .with_static_help("delete it; unit names are separated by `、` alone")
                .with_fix(delete(&runs, "delete the white space")),
            );
        }
    }
}

/// The runs of white space that end at `at` in segment `k`, back through
/// the earlier segments of its line while they hold only white space, in
/// source order.
fn space_before(text: &str, segs: &[grammar::Seg], mut k: usize, mut end: usize) -> Vec<Span> {
    let mut runs = Vec::new();
    loop {
        let start = segs[k].start;
        let kept = text[start..end].trim_end_matches(is_space).len();
        if start + kept < end {
            runs.push(Span::new(start + kept, end));
        }
        if kept > 0 || segs[k].new_line || k == 0 {
            break;
        }
        k -= 1;
        end = segs[k].end;
    }
    runs.reverse();
    runs
}

/// The runs of white space that start at `start` in segment `k`, on
/// through the later segments of its line while they hold only white
/// space.
fn space_after(text: &str, segs: &[grammar::Seg], mut k: usize, mut start: usize) -> Vec<Span> {
    let mut runs = Vec::new();
    loop {
        let piece = &text[start..segs[k].end];
        let n = piece.len() - piece.trim_start_matches(is_space).len();
        if n > 0 {
            runs.push(Span::new(start, start + n));
        }
        if n < piece.len() || segs.get(k + 1).is_none_or(|next| next.new_line) {
            break;
        }
        k += 1;
        start = segs[k].start;
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    fn messages(found: &[Diagnostic]) -> Vec<&str> {
        found.iter().map(|d| d.message()).collect()
    }

    #[test]
    fn white_space_between_two_names_is_a_separator_not_stray() {
        // `区甲局 区乙局` reads as two names; W018 reports the space, W006
        // not, even with an artifact after it.
        let text = format!(
            "{HEAD}\t（一）类\n{}",
            rows(&[("1", "甲", "区甲局 [bookmark: x] 区乙局", "人社局")])
        );
        let found = only(&text, Code::StrayWhitespace);
        assert!(found.is_empty(), "{found:#?}");
    }

    #[test]
    fn white_space_before_a_label_is_not_stray() {
        // A fuzz find: deleting the tab of `、→责任单位：` joined the label
        // to the field before it, and it read as a name.
        let text = "\t任务\n\t牵头\n\t\n\n\t推\n\t、\t责任单位：\n\t";
        assert!(only(text, Code::StrayWhitespace).is_empty());
        // White space before a name after a separator still is.
        let text = format!(
            "{HEAD}\t（一）类\n{}",
            rows(&[("1", "甲", "区甲、 区乙", "人社局")])
        );
        let found = only(&text, Code::StrayWhitespace);
        assert_eq!(found.len(), 1, "{found:#?}");
    }

    #[test]
    fn leading_trailing_and_only() {
        let text = format!(
            "{HEAD}\t （十一）支持灵活就业\n\t1\u{3000}\n\t文本 \n续行\n　第二行\n\t区甲\n\t \n\n"
        );
        let found = only(&text, Code::StrayWhitespace);
        assert_eq!(
            messages(&found),
            [
                "expected the text right after the tab, found a space before `（十一）支持灵活就业`",
                "expected the line to end after `1`, found a full-width space",
                "expected the line to end after `文本`, found a space",
                "expected the line to start with its text, found a full-width space before `第二行`",
                "expected an empty cell to be a lone tab, found a space after the tab",
            ]
        );
        let fixed = apply_same(&text, &found);
        assert!(fixed.contains("\t（十一）支持灵活就业\n\t1\n\t文本\n续行\n第二行\n\t区甲\n\t\n"));
        assert!(only(&fixed, Code::StrayWhitespace).is_empty());
    }

    #[test]
    fn around_separators_and_artifacts() {
        let text = format!(
            "{HEAD}\t（一）类\n\t1\n\t[bookmark: x] 文本\n\t区甲 、 区乙\n\t各街镇（开发区、 园区）、乙\n\n"
        );
        let found = only(&text, Code::StrayWhitespace);
        assert_eq!(
            messages(&found),
            [
                "expected the text right after the tab, found a space before `文本`",
                "expected `、` right between two unit names, found 2 spaces around it",
            ]
        );
        assert_eq!(&text[found[1].span().range()], " 、 ");
        let fixed = apply_same(&text, &found);
        assert!(fixed.contains("\t[bookmark: x]文本\n\t区甲、区乙\n"));
    }

    #[test]
    fn a_deadline_or_remarks_in_a_unit_cell_keeps_its_white_space() {
        let text = "任务分工表\n\t序号\n\t重点任务\n\t牵头单位\n\t配合单位\n\n\t（一）类\n\n\
                    \t1\n\t文本\n\t区甲 ；完成时限：2023年 、底前\n\t区乙；备注：甲 、 乙\n\n";
        let doc = crate::parse_tolerant(text).document;
        let task = doc.tasks().next().unwrap();
        assert_eq!(task.deadline(), Some("2023年 、底前"));
        assert_eq!(task.remarks(), Some("甲 、 乙"));
        let found = only(text, Code::StrayWhitespace);
        assert_eq!(
            messages(&found),
            ["expected `；` right between two unit names, found a space around it"]
        );
        let fixed = apply(text, &found);
        assert!(fixed.contains("\t区甲；完成时限：2023年 、底前\n"));
        assert_eq!(crate::parse_tolerant(&fixed).document, doc);
    }

    #[test]
    fn many_lines_with_artifacts() {
        // Each line sees its own artifacts only: white space around them is
        // found line by line, and twenty thousand lines take one pass.
        let text = format!(
            "{HEAD}\t（一）类\n\t1\n\t甲 [bookmark: a]\n [bookmark: b] 乙 \n\t区甲\n\t甲\n\n"
        );
        let found = only(&text, Code::StrayWhitespace);
        let raw: Vec<_> = found.iter().map(|d| &text[d.span().range()]).collect();
        assert_eq!(raw, [" ", " [bookmark: b] ", " "]);
        let lines = " [bookmark: x] 续 \n".repeat(20_000);
        let text = format!("{HEAD}\t（一）类\n\t1\n\t文本\n{lines}\t区甲\n\t甲\n");
        let found = only(&text, Code::StrayWhitespace);
        assert_eq!(found.len(), 40_000);
        let fixed = apply(&text, &found);
        assert!(only(&fixed, Code::StrayWhitespace).is_empty());
    }

    #[test]
    fn white_space_around_a_separator_behind_an_artifact() {
        for (cell, want) in [
            ("区甲 、[bookmark: x] 区乙", " 、[bookmark: x] "),
            ("区甲 [bookmark: x] 、区乙", " [bookmark: x] 、"),
            (
                "区甲、[bookmark: a] [bookmark: b]\u{3000}区乙",
                "、[bookmark: a] [bookmark: b]\u{3000}",
            ),
        ] {
            let text = format!("{HEAD}\t（一）类\n\t1\n\t文本\n\t{cell}\n\t甲\n\n");
            let found = only(&text, Code::StrayWhitespace);
            assert_eq!(found.len(), 1, "{cell}");
            assert_eq!(&text[found[0].span().range()], want);
            apply_same(&text, &found);
            // With the artifacts gone too, no white space is left.
            let all = crate::lint::lint(
                &crate::parse_tolerant(&text).document,
                &text,
                &crate::lint::LintConfig::default(),
            );
            let (fixed, _) = crate::edit::apply_fixes(&text, &all, false);
            assert!(fixed.contains("\t区甲、区乙\n"), "{fixed}");
        }
    }

    #[test]
    fn white_space_between_artifacts() {
        for cell in [
            "[bookmark: a]  [bookmark: b] 乙",
            "甲 [bookmark: a] ",
            "甲 [bookmark: a]",
        ] {
            let text = format!("{HEAD}\t（一）类\n\t1\n\t{cell}\n\t区甲\n\t甲\n\n");
            let found = only(&text, Code::StrayWhitespace);
            assert!(!found.is_empty());
            let fixed = apply_same(&text, &found);
            assert!(only(&fixed, Code::StrayWhitespace).is_empty(), "{fixed}");
        }
    }

    #[test]
    fn preamble_lines() {
        let text = format!(
            "附件： \n 标题\n{}",
            &HEAD["附件：\n东疆重点任务清单和责任分工表\n".len()..]
        );
        let found = only(&text, Code::StrayWhitespace);
        assert_eq!(found.len(), 2);
        let fixed = apply(&text, &found);
        assert!(fixed.starts_with("附件：\n标题\n\t序号"));
    }

    #[test]
    fn a_title_row_keeps_its_tab() {
        let body = &HEAD["附件：\n东疆重点任务清单和责任分工表\n".len()..];
        // A title in a merged row above the header: its tab is the cell's.
        let text = format!("附件：\n\t东疆重点任务清单和责任分工表\n\n{body}");
        assert_eq!(
            crate::parse(&text).map(|d| d.title().to_string()).ok(),
            Some("东疆重点任务清单和责任分工表".to_string())
        );
        assert!(only(&text, Code::StrayWhitespace).is_empty());
        // White space after that tab is stray, and its fix keeps the tab.
        let text = format!("附件：\n\t 东疆重点任务清单和责任分工表\n\n{body}");
        let found = only(&text, Code::StrayWhitespace);
        assert_eq!(found.len(), 1);
        let fixed = apply(&text, &found);
        assert!(
            fixed.starts_with("附件：\n\t东疆重点任务清单和责任分工表\n\n\t序号"),
            "{fixed}"
        );
    }
}
