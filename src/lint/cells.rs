//! The rules that read every cell of the table (W005 `extraction-artifact`,
//! W006 `stray-whitespace`) share one walk over the cells: the table is
//! lexed once for all of them, and a cell's segments and artifacts are read
//! once when any of them needs them.

use crate::diagnostic::Diagnostic;
use crate::grammar::{self, Artifact, Seg};
use crate::lex::Cell;

use super::Context;

/// A cell as the walk hands it to each rule.
pub(crate) struct CellView<'v> {
    /// The cell.
    pub(crate) cell: Cell,
    /// Whether a `[` in the cell may start an artifact: only then does the
    /// cell hold one.
    pub(crate) bracketed: bool,
    /// The cell's clean segments, read when it is bracketed or a rule asked
    /// for them ([`CellRule::wants_segments`]); else empty.
    pub(crate) segs: &'v [Seg],
    /// The cell's artifacts, read with the segments; else empty.
    pub(crate) artifacts: &'v [Artifact],
}

/// A rule that reads the table cell by cell, in order.
pub(crate) trait CellRule {
    /// Whether the rule needs the segments of `cell` even if it is not
    /// bracketed; asked once for each cell, in order.
    fn wants_segments(&mut self, _cell: Cell) -> bool {
        false
    }

    /// Reads one cell, pushing its findings; `wanted` is the rule's own
    /// answer to [`CellRule::wants_segments`] for it.
    fn cell(
        &mut self,
        cx: &Context<'_, '_>,
        view: &CellView<'_>,
        wanted: bool,
        out: &mut Vec<Diagnostic>,
    );
}

/// Starts a cell rule: pushes what it finds before the cells (if anything),
/// and returns it, or `None` when it has nothing to read in this document.
pub(crate) type StartCellRule =
    fn(&Context<'_, '_>, &mut Vec<Diagnostic>) -> Option<Box<dyn CellRule>>;

/// Hands every cell of the table to each of `rules`, in order.
pub(crate) fn walk(
    cx: &Context<'_, '_>,
    rules: &mut [Box<dyn CellRule>],
    out: &mut Vec<Diagnostic>,
) {
    if rules.is_empty() {
        return;
    }
    let text = cx.source;
    let mut segs = Vec::new();
    let mut artifacts = Vec::new();
    // The next `[` ahead: the cells come in order.
    let mut brackets = grammar::Brackets::default();
    // Each rule's answer to `wants_segments` for the cell.
    let mut wants = vec![false; rules.len()];
    for cell in cx.cells() {
        let bracketed = brackets.any(text.as_bytes(), cell.span.start, cell.span.end);
        for (want, rule) in wants.iter_mut().zip(rules.iter_mut()) {
            *want = rule.wants_segments(cell);
        }
        if bracketed || wants.contains(&true) {
            grammar::segments(text, cell, &mut segs, &mut artifacts, &mut brackets);
        } else {
            segs.clear();
            artifacts.clear();
        }
        let view = CellView {
            cell,
            bracketed,
            segs: &segs,
            artifacts: &artifacts,
        };
        for (&wanted, rule) in wants.iter().zip(rules.iter_mut()) {
            rule.cell(cx, &view, wanted, out);
        }
    }
}
