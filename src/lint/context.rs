//! [`Context`]: what every rule reads: the document, its text, the
//! configuration, where the table starts, and the cells and spans as the
//! parser reads them.

use crate::lex::{table_start, Cell, Item, Lexer};
use crate::model::Document;
use crate::span::Span;

use super::LintConfig;

/// What every rule needs: the document, its text, the configuration and
/// where the table starts.
pub(crate) struct Context<'d, 'a> {
    pub(crate) doc: &'d Document<'a>,
    pub(crate) source: &'d str,
    pub(crate) config: &'d LintConfig,
    /// The start of the first line that starts with a tab, as for the
    /// parser (the text's length if there is none).
    pub(crate) table_start: usize,
    /// The tasks' unit cells, read on first use.
    unit_cells: std::cell::OnceCell<UnitCells>,
}

impl<'d, 'a> Context<'d, 'a> {
    pub(super) fn new(
        doc: &'d Document<'a>,
        source: &'d str,
        config: &'d LintConfig,
    ) -> Context<'d, 'a> {
        Context {
            doc,
            source,
            config,
            table_start: table_start(source),
            unit_cells: std::cell::OnceCell::new(),
        }
    }

    /// The table's cells as the lexer reads them, lexed again on each call:
    /// a second lexing costs less than keeping every cell of a large
    /// document in memory for the whole lint pass.
    pub(crate) fn cells(&self) -> impl Iterator<Item = Cell> + 'd {
        Lexer::new(self.source, self.table_start).filter_map(|item| match item {
            Item::Cell(cell) => Some(cell),
            _ => None,
        })
    }

    /// Reads the clean segments and the artifacts of the cell at `span` (a
    /// checked span) as the parser does; returns the cell.
    pub(crate) fn segments(
        &self,
        span: Span,
        segs: &mut Vec<crate::grammar::Seg>,
        artifacts: &mut Vec<crate::grammar::Artifact>,
        brackets: &mut crate::grammar::Brackets,
    ) -> Cell {
        let cell = Cell::at(self.source, span);
        crate::grammar::segments(self.source, cell, segs, artifacts, brackets);
        cell
    }

    /// The span if it fits the source (in bounds, on character
    /// boundaries).
    pub(crate) fn checked(&self, span: Option<Span>) -> Option<Span> {
        let span = span?;
        (span.start <= span.end
            && span.end <= self.source.len()
            && self.source.is_char_boundary(span.start)
            && self.source.is_char_boundary(span.end))
        .then_some(span)
    }

    /// The text at a checked span.
    pub(crate) fn text(&self, span: Span) -> &'d str {
        self.source.get(span.range()).unwrap_or("")
    }

    /// Every task in document order, with its unit cells as
    /// [`UnitCells::of`] gives them (read once for all the rules that ask).
    pub(crate) fn tasks(
        &self,
    ) -> impl Iterator<Item = (&'d crate::Task<'a>, Option<&[UnitCell]>)> + '_ {
        let cells = self.unit_cells.get_or_init(|| UnitCells::read(self.doc));
        self.doc
            .tasks()
            .enumerate()
            .map(move |(i, task)| (task, cells.of(i)))
    }
}

/// A cell of a unit column: its role and where it is (12 bytes: spans
/// past 4 GiB are not kept, as in the document).
#[derive(Debug, Clone, Copy)]
pub(crate) struct UnitCell {
    pub(crate) role: crate::UnitRole,
    start: u32,
    end: u32,
}

impl UnitCell {
    /// The cell, from its tab to its line ending(s).
    pub(crate) fn span(self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }
}

/// The unit cells of every task, read once: each task's cells of unit
/// columns with their role, in column order, in one vector.
pub(crate) struct UnitCells {
    cells: Vec<UnitCell>,
    /// Where each task's cells end in `cells`, in the order of
    /// [`Document::tasks`].
    ends: Vec<usize>,
    /// Whether each task was read from a table (not a list's, nor one built
    /// or edited in code).
    from_table: Vec<bool>,
}

impl UnitCells {
    /// Reads the cells of every task of `doc`.
    fn read(doc: &Document<'_>) -> UnitCells {
        let columns = doc.header();
        let mut cells = Vec::new();
        let mut ends = Vec::new();
        let mut from_table = Vec::new();
        let mut spans = Vec::new();
        for task in doc.tasks() {
            spans.clear();
            let table = task.cell_spans_into(&mut spans);
            if table && spans.len() == columns.len() {
                cells.extend(
                    spans
                        .iter()
                        .zip(columns.iter())
                        .filter_map(|(&cell, column)| match column.role() {
                            crate::Role::Units(role) => Some(UnitCell {
                                role,
                                start: u32::try_from(cell.start).ok()?,
                                end: u32::try_from(cell.end).ok()?,
                            }),
                            _ => None,
                        }),
                );
            }
            ends.push(cells.len());
            from_table.push(table);
        }
        UnitCells {
            cells,
            ends,
            from_table,
        }
    }

    /// The unit cells of the `i`-th task, with the role of their column, in
    /// column order: empty when its cells do not match the header; `None`
    /// for a task not read from a table.
    fn of(&self, i: usize) -> Option<&[UnitCell]> {
        if !*self.from_table.get(i)? {
            return None;
        }
        let start = i.checked_sub(1).map_or(0, |p| self.ends[p]);
        self.cells.get(start..self.ends[i])
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_unit_cell_is_twelve_bytes() {
        assert_eq!(std::mem::size_of::<super::UnitCell>(), 12);
    }
}
