//! W005 `extraction-artifact`: text such as `[bookmark: RANGE!C44]` that the
//! conversion from Word left in a cell or a line, or a pinyin gloss
//! (`農(nóng)業`) that a web page added. The parser already leaves it out of
//! the values.
//!
//! In a table, the safe fix deletes its bytes (keeping the table's rows and
//! cells where they were, see [`keep_lines`]). In a list there is no fix:
//! what a line is (a task, a heading, a label line, a line closed by a role
//! clause) is read from its text, which deleting can change
//! (`分管[bookmark: x]领导：…` becomes a label line; an artifact before a
//! line's text is passed over already, see `parse::list::line::classify`).

use crate::diagnostic::{quote, Code, Diagnostic};
use crate::grammar::{find_artifact, forms_artifact, Brackets};
use crate::lex::Lines;
use crate::span::Span;
use crate::Layout;

use super::cells::{CellRule, CellView};
use super::fix_safety::{delete, keep_lines, LineCache, Reach};
use super::Context;

/// W005: in a table, read cell by cell in the walk it shares with W004 and
/// W006 (see [`super::cells`]); in a list, every line at once, here.
pub(crate) fn start(cx: &Context<'_, '_>, out: &mut Vec<Diagnostic>) -> Option<Box<dyn CellRule>> {
    if cx.doc.layout() == Layout::List {
        for span in line_artifacts(cx.source) {
            out.push(finding(cx, span, "the line's text"));
        }
        return None;
    }
    Some(Box::new(ExtractionArtifact))
}

/// The artifacts of `text` read line by line, as the parser cuts them from
/// a list's values ([`crate::grammar::segment_line`], through the same
/// [`find_artifact`]); one cursor finds the `[` of the whole text.
fn line_artifacts(text: &str) -> Vec<Span> {
    let mut found = Vec::new();
    let mut brackets = Brackets::default();
    for line in Lines::new(text, 0) {
        if !brackets.any(text.as_bytes(), line.start, line.content_end) {
            continue;
        }
        let mut at = line.start;
        while let Some((start, end)) = find_artifact(text, at, line.content_end) {
            found.push(Span::new(start, end));
            at = end;
        }
    }
    found
}

/// The finding of the artifact at `span`, without a fix; `expected` names
/// what should be there.
fn finding(cx: &Context<'_, '_>, span: Span, expected: &str) -> Diagnostic {
    Diagnostic::expected(
        Code::ExtractionArtifact,
        span,
        expected,
        &what(cx.text(span)),
    )
    .with_static_label("not part of the text")
    .with_static_help("delete it; fengong already leaves it out of the text")
}

/// What the artifact `found` is, for the message.
fn what(found: &str) -> String {
    if crate::grammar::is_gloss(found) {
        format!(
            "the pinyin gloss {}, added to the text by the page it was copied from",
            quote(found, 40)
        )
    } else {
        format!("{}, left by the conversion from Word", quote(found, 40))
    }
}

struct ExtractionArtifact;

impl CellRule for ExtractionArtifact {
    fn cell(&mut self, cx: &Context<'_, '_>, view: &CellView<'_>, out: &mut Vec<Diagnostic>) {
        if !view.bracketed {
            return;
        }
        let mut cache = LineCache::default();
        // Pieces that form an artifact around one cut (`[bo[bookmark: x]o…`):
        // deleting one can move where the formed one ends, and what reads as
        // text (the formed one is text until it is written whole). No fix
        // there.
        let formed = forms_artifact(cx.source, view.segs);
        for artifact in view.artifacts {
            let span = artifact.span;
            let d = finding(cx, span, "the cell's text");
            if formed {
                out.push(d);
                continue;
            }
            // A line left with nothing is deleted whole (see `keep_lines`).
            out.push(
                match keep_lines(cx, view.cell, view.segs, &[span], &mut cache) {
                    Some((spans, reach)) => d.with_fix(delete(
                        &spans,
                        match reach {
                            Reach::Exact => "delete the artifact",
                            Reach::LineStart => {
                                "delete the artifact and the white space up to the text"
                            }
                            Reach::Line => "delete the artifact's line",
                        },
                    )),
                    None => d,
                },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn an_artifact_in_the_first_cell_after_a_byte_order_mark() {
        // The table starts right after the mark, for the lint rules as for
        // the parser (they once looked for it from byte 0 and skipped this
        // line).
        let text = "\u{feff}\t序号[bookmark: x]\n\t工作任务\n\t甲责任单位\n\t乙责任单位\n\n\t（一）类\n\t1\n\t文\n\t区甲\n\t甲\n";
        let found = only(text, Code::ExtractionArtifact);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(&text[found[0].span().range()], "[bookmark: x]");
    }

    #[test]
    fn no_fix_where_pieces_form_an_artifact() {
        // `[bo` + `okmark:` form an artifact around the first; deleting the
        // first alone would end it at the second's `]`, deleting the second
        // alone would run it to the line's end: no fix.
        let cell = "甲[bo[bookmark: x]okmark: y[bookmark: z]乙";
        let text = format!("{HEAD}\t（一）类\n\t1\n\t{cell}\n\t区甲\n\t甲\n\n");
        let found = only(&text, Code::ExtractionArtifact);
        assert_eq!(found.len(), 2);
        assert!(found.iter().all(|d| d.fix().is_none()), "{found:#?}");
        // Around one too: the formed one is text to the document until
        // it is written whole (a cell of nothing else once held text).
        let cell = "甲[bo[bookmark: x]okmark: y]乙";
        let text = format!("{HEAD}\t（一）类\n\t1\n\t{cell}\n\t区甲\n\t甲\n\n");
        one_without_fix(&text, Code::ExtractionArtifact);
        // Two artifacts that form none keep their fixes.
        let cell = "甲[bookmark: x]乙[bookmark: z]丙";
        let text = format!("{HEAD}\t（一）类\n\t1\n\t{cell}\n\t区甲\n\t甲\n\n");
        let found = only(&text, Code::ExtractionArtifact);
        assert_eq!(found.len(), 2);
        assert!(found.iter().all(|d| d.fix().is_some()));
    }

    #[test]
    fn artifacts_anywhere_in_cells() {
        let text = format!(
            "{HEAD}\t（一）类[bookmark: _Toc1]\n\t1\n\t[bookmark: RANGE!C44]落实首台（套）\n\t区甲\n\t甲[bookmark: x\n\n"
        );
        let found = only(&text, Code::ExtractionArtifact);
        let raw: Vec<_> = found.iter().map(|d| &text[d.span().range()]).collect();
        assert_eq!(
            raw,
            ["[bookmark: _Toc1]", "[bookmark: RANGE!C44]", "[bookmark: x"]
        );
        assert_eq!(
            found[1].message(),
            "expected the cell's text, found `[bookmark: RANGE!C44]`, left by the conversion from Word"
        );
        let fixed = apply_same(&text, &found);
        assert!(fixed.contains("\t落实首台（套）\n"));
        assert!(only(&fixed, Code::ExtractionArtifact).is_empty());
    }

    #[test]
    fn artifacts_of_a_list_are_found_line_by_line_without_a_fix() {
        // A title, a heading, a task, a label line, a tab-led task line
        // with an artifact left open before a CRLF: each found once (the
        // tab-led line is not also read as a cell), none with a fix, and
        // none in the values the parser read.
        let text = "标题[bookmark: t]方案\n一、推进[bookmark: h]建设\n1、牵头[bookmark: x]甲\n牵头单位：区[bookmark: y]住建局\n\t2、乙[bookmark: z\r\n牵头单位：区甲\n";
        let found = only(text, Code::ExtractionArtifact);
        let raw: Vec<_> = found.iter().map(|d| &text[d.span().range()]).collect();
        assert_eq!(
            raw,
            [
                "[bookmark: t]",
                "[bookmark: h]",
                "[bookmark: x]",
                "[bookmark: y]",
                "[bookmark: z"
            ]
        );
        assert!(found.iter().all(|d| d.fix().is_none()));
        assert_eq!(
            found[2].message(),
            "expected the line's text, found `[bookmark: x]`, left by the conversion from Word"
        );
        let doc = crate::parse(text).unwrap();
        assert_eq!(doc.title(), "标题方案");
        let category = &doc.categories()[0];
        assert_eq!(category.title(), "推进建设");
        let texts: Vec<&str> = category.tasks().iter().map(|t| t.text()).collect();
        assert_eq!(texts, ["牵头甲", "乙"]);
        assert_eq!(category.tasks()[0].units().lead(), ["区住建局"]);
    }

    proptest::proptest! {
        /// A list's artifacts, found in one search through the text, are
        /// those the parser cuts from each line's value.
        #[test]
        fn line_artifacts_are_the_parsers(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "[bookmark:", "[bookmark: x]", "[", "]", "甲", " ", "\n", "\r", "\r\n", "\t", "[book",
                ]),
                0..40,
            )
        ) {
            let text: String = pieces.concat();
            let found: Vec<Span> = line_artifacts(&text);
            let mut expected = Vec::new();
            for line in crate::lex::Lines::new(&text, 0) {
                let mut artifacts = Vec::new();
                crate::grammar::segment_line(
                    &text,
                    line.start,
                    line.content_end,
                    &mut Vec::new(),
                    &mut artifacts,
                    &mut crate::grammar::Brackets::bounded(),
                );
                expected.extend(artifacts.iter().map(|a| a.span));
            }
            proptest::prop_assert_eq!(found, expected);
        }
    }
}
