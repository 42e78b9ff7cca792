//! The rules that read the cells of the table (W004 `stray-separator`, W005
//! `extraction-artifact`, W006 `stray-whitespace`) share one walk over the
//! cells: a cell's segments and artifacts are read once when any of them
//! needs them.

use crate::diagnostic::Diagnostic;
use crate::grammar::{self, Artifact, Seg};
use crate::lex::Cell;
use crate::span::Span;

use super::Context;

/// A cell as the walk hands it to each rule.
pub(crate) struct CellView<'v> {
    /// The cell.
    pub(crate) cell: Cell,
    /// Whether a `[` in the cell may start an artifact: only then does the
    /// cell hold one.
    pub(crate) bracketed: bool,
    /// Whether it is a unit cell of a task (known when a rule reads unit
    /// cells, [`CellRule::reads_unit_cells`]; else `false`).
    pub(crate) unit: bool,
    /// The cell's clean segments, read when it is bracketed or a unit cell;
    /// else empty.
    pub(crate) segs: &'v [Seg],
    /// The cell's artifacts, read with the segments; else empty.
    pub(crate) artifacts: &'v [Artifact],
    /// In a unit cell, the spans of the deadlines and remarks read from it
    /// (`市交通局；完成时限：2023年，底前`), by start: read as written, so
    /// their separators and white space are their text, not a unit list's.
    pub(crate) values: &'v [Span],
}

/// A rule that reads the table cell by cell, in order.
pub(crate) trait CellRule {
    /// Whether the rule reads the unit cells (the walk then tells them
    /// apart and reads their segments).
    fn reads_unit_cells(&self) -> bool {
        false
    }

    /// Reads one cell, pushing its findings.
    fn cell(&mut self, cx: &Context<'_, '_>, view: &CellView<'_>, out: &mut Vec<Diagnostic>);
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
    // The unit cells' starts, and the values read from them, if a rule
    // reads them.
    let reads_units = rules.iter().any(|r| r.reads_unit_cells());
    let mut starts: Vec<usize> = Vec::new();
    let mut values: Vec<Span> = Vec::new();
    if reads_units {
        for (task, cells) in cx.tasks() {
            let Some(cells) = cells else { continue };
            starts.extend(cells.iter().map(|cell| cell.span().start));
            if let Some(e) = task.extras.as_deref() {
                values.extend(
                    [e.deadline.as_ref(), e.remarks.as_ref()]
                        .into_iter()
                        .filter_map(|field| field.and_then(|f| f.span.get()))
                        .filter(|span| !span.is_empty()),
                );
            }
        }
        values.sort_unstable_by_key(|span| span.start);
    }
    let mut units = reads_units.then(|| Ordered::new(starts));
    // The first of `values` not before the cells read so far.
    let mut next_value = 0;
    for cell in cx.cells() {
        let bracketed = brackets.any(text.as_bytes(), cell.span.start, cell.span.end);
        let unit = units.as_mut().is_some_and(|u| u.contains(cell.span.start));
        let mut inside: &[Span] = &[];
        if unit && next_value < values.len() {
            while values
                .get(next_value)
                .is_some_and(|v| v.end <= cell.span.start)
            {
                next_value += 1;
            }
            let ahead = values.get(next_value..).unwrap_or_default();
            inside = &ahead[..ahead.partition_point(|v| v.start < cell.span.end)];
        }
        if bracketed || unit {
            grammar::segments(text, cell, &mut segs, &mut artifacts, &mut brackets);
        } else {
            segs.clear();
            artifacts.clear();
        }
        let view = CellView {
            cell,
            bracketed,
            unit,
            segs: &segs,
            artifacts: &artifacts,
            values: inside,
        };
        for rule in rules.iter_mut() {
            rule.cell(cx, &view, out);
        }
    }
}

/// A sorted set of offsets asked about in increasing order, as the cells
/// and their lines come: a cursor moves on through it, and an offset asked
/// out of order is answered by a search.
pub(crate) struct Ordered {
    items: Vec<usize>,
    /// The first item not before the offset last asked about.
    next: usize,
}

impl Ordered {
    /// The set of `items`, in any order.
    pub(crate) fn new(mut items: Vec<usize>) -> Ordered {
        items.sort_unstable();
        Ordered { items, next: 0 }
    }

    /// Whether `at` is in the set.
    pub(crate) fn contains(&mut self, at: usize) -> bool {
        if self.next > 0 && self.items[self.next - 1] >= at {
            return self.items.binary_search(&at).is_ok();
        }
        // A few steps on (the usual move), then a search.
        let mut steps = 0;
        while self.items.get(self.next).is_some_and(|&s| s < at) {
            if steps == 4 {
                let rest = self.items.get(self.next..).unwrap_or_default();
                self.next += rest.partition_point(|&s| s < at);
                break;
            }
            self.next += 1;
            steps += 1;
        }
        self.items.get(self.next) == Some(&at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ordered_set_answers_in_order_and_out_of_order() {
        let mut set = Ordered::new(vec![20, 5, 10]);
        let asked = [0, 5, 5, 7, 10, 11, 20, 25, 10, 3, 5, 20, 21];
        let found: Vec<bool> = asked.iter().map(|&at| set.contains(at)).collect();
        let expected: Vec<bool> = asked.iter().map(|at| [5, 10, 20].contains(at)).collect();
        assert_eq!(found, expected);
        assert!(!Ordered::new(Vec::new()).contains(0));
        // Moves of every size through a long set.
        let items: Vec<usize> = (0..500).map(|i| i * 3).collect();
        let mut set = Ordered::new(items);
        let mut at = 0;
        for step in 0..100 {
            at += step % 23;
            assert_eq!(set.contains(at), at % 3 == 0 && at < 1500, "{at}");
        }
    }
}
