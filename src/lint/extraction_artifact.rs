//! W005 `extraction-artifact`: text such as `[bookmark: RANGE!C44]` that the
//! conversion from Word left in a cell. The parser already leaves it out of
//! the values, so the safe fix deletes its bytes.

use crate::diagnostic::{quote, Code, Diagnostic};

use super::cells::{CellRule, CellView};
use super::fix_safety::{delete, keep_lines, LineCache, Reach};
use super::Context;

/// W005, read cell by cell in the walk it shares with W004 and W006 (see
/// [`super::cells`]).
pub(crate) fn start(_: &Context<'_, '_>, _: &mut Vec<Diagnostic>) -> Option<Box<dyn CellRule>> {
    Some(Box::new(ExtractionArtifact))
}

struct ExtractionArtifact;

impl CellRule for ExtractionArtifact {
    fn cell(&mut self, cx: &Context<'_, '_>, view: &CellView<'_>, out: &mut Vec<Diagnostic>) {
        if !view.bracketed {
            return;
        }
        let mut cache = LineCache::default();
        for artifact in view.artifacts {
            let span = artifact.span;
            let raw = cx.text(span);
            let d = Diagnostic::expected(
                Code::ExtractionArtifact,
                span,
                "the cell's text",
                &format!("{}, left by the conversion from Word", quote(raw, 40)),
            )
            .with_label("not part of the text")
            .with_help("delete it; fengong already leaves it out of the text");
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
        let fixed = apply(&text, &found);
        assert!(fixed.contains("\t落实首台（套）\n"));
        assert_eq!(
            crate::parse_tolerant(&fixed).document,
            crate::parse_tolerant(&text).document
        );
        assert!(only(&fixed, Code::ExtractionArtifact).is_empty());
    }
}
