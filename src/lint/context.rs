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

    /// The unit cells of a task read from a table, with the role of their
    /// column, in column order (none for a task of a list).
    pub(crate) fn unit_cells(&self, task: &crate::Task<'_>) -> Vec<(crate::UnitRole, Span)> {
        let Some(cells) = task.cell_spans() else {
            return Vec::new();
        };
        let columns = self.doc.header();
        if cells.len() != columns.len() {
            return Vec::new();
        }
        cells
            .into_iter()
            .zip(columns.iter())
            .filter_map(|(cell, column)| match column.role() {
                crate::Role::Units(role) => Some((role, cell)),
                _ => None,
            })
            .collect()
    }
}
