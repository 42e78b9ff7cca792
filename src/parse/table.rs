//! Tables extracted from Word: the preamble, the header row (whose labels
//! give the [`Columns`](crate::Columns)), then rows of cells through the
//! [lexer](crate::lex).
//!
//! Rows are read by what their cells hold: a heading cell (`一、…`,
//! `（一）…`) opens a heading, a row of as many cells as the header is a
//! task (the header says which cell holds what), an empty cell is filler
//! (the merged first column of a heading's later rows). A row of one cell
//! that is none of these is an unnumbered heading. Whatever cannot be read
//! becomes a [`Diagnostic`] and its text stays in the document as trivia,
//! so the document still prints back its input byte for byte.
//!
//! This file walks the rows; `header` reads the preamble and the header
//! row, `rows` what a row's cells become.

use std::borrow::Cow;

use super::error;
use super::tree::Tree;
use crate::clause;
use crate::column::{Role, UnitRole};
use crate::diagnostic::Diagnostic;
use crate::grammar::{self, Artifact, Seg};
use crate::lex::{self, is_space, Cell, Item, KeptCell, Lexer};
use crate::model::{Category, Document, HeadingStyle, Repr, Unit};
use crate::numeral;
use crate::span::Span;

mod header;
mod rows;

/// Fewest and most columns a table's header may have.
pub(crate) const COLUMNS: std::ops::RangeInclusive<usize> = 3..=8;

pub(super) struct TableParser<'a> {
    text: &'a str,
    pub(super) doc: Document<'a>,
    pub(super) diagnostics: Vec<Diagnostic>,
    segs: Vec<Seg>,
    artifacts: Vec<Artifact>,
    row: Vec<Cell>,
    tree: Tree<'a>,
    /// The units of the task being read, with their roles.
    task_units: Vec<(UnitRole, Unit<'a>)>,
    scratch: clause::Scratch,
    /// The next `[` ahead: cells are read in order.
    brackets: grammar::Brackets,
    last_end: usize,
    header_pending: bool,
    /// Whether the row just read was the header: the next one may be its
    /// second row ([`TableParser::second_header_row`]).
    header_just_read: bool,
    /// Whether a task was read (the first one checks the header's width).
    seen_task: bool,
    last_task_number: u32,
    /// The columns' roles and how their cells are read, by column.
    roles: Vec<Role>,
    contexts: Vec<clause::Context>,
    /// Whether the first column holds the task numbers (`序号`); a table
    /// whose header has no number column numbers its tasks 1, 2, 3… in
    /// order.
    number_first: bool,
    levels: bool,
    first_root: Option<(Span, u32)>,
    /// Every cell lexed, kept for the lint rules when asked for
    /// ([`super::parse_keeping_cells`]); `None` when not.
    pub(super) kept: Option<Vec<KeptCell>>,
}

impl<'a> TableParser<'a> {
    pub(super) fn new(text: &'a str, doc: Document<'a>) -> TableParser<'a> {
        TableParser {
            text,
            doc,
            diagnostics: Vec::new(),
            segs: Vec::new(),
            artifacts: Vec::new(),
            row: Vec::new(),
            tree: Tree::default(),
            task_units: Vec::new(),
            scratch: clause::Scratch::default(),
            brackets: grammar::Brackets::default(),
            last_end: 0,
            header_pending: true,
            header_just_read: false,
            seen_task: false,
            last_task_number: 0,
            roles: Vec::new(),
            contexts: Vec::new(),
            number_first: true,
            levels: false,
            first_root: None,
            kept: None,
        }
    }

    fn report(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    pub(super) fn run(&mut self) {
        let text = self.text;
        // A byte order mark is trivia: a table may start right after it.
        let table_start = lex::table_start(text);
        self.preamble(table_start);
        self.last_end = table_start;
        let mut lexer = Lexer::new(text, table_start);
        loop {
            match lexer.next() {
                Some(Item::Cell(cell)) => {
                    if let Some(kept) = &mut self.kept {
                        // A text of 2 GiB or more keeps none (the lint
                        // rules lex it again).
                        kept.extend(KeptCell::new(cell));
                    }
                    self.row.push(cell);
                }
                Some(Item::Break(_)) => self.end_row(false),
                Some(Item::Stray(span)) => {
                    self.end_row(false);
                    self.stray(span);
                }
                None => {
                    self.end_row(true);
                    break;
                }
            }
        }
        if self.header_pending {
            self.report(error::missing_header(
                Span::empty(text.len()),
                "the end of the document",
            ));
        }
        if let Some((span, number)) = self.first_root {
            if self.tree.has_headings() {
                let d = error::task_outside_category(span, number);
                super::insert_in_order(&mut self.diagnostics, d);
            }
        }
        let tree = std::mem::take(&mut self.tree);
        super::finish(&mut self.doc, tree, &text[self.last_end..]);
    }

    /// Whether `row` is the header row again: as many cells, each reading
    /// as the header's label (wrapped lines joined, artifacts cut).
    fn repeats_header(&mut self, row: &[Cell]) -> bool {
        let labels = self.doc.header.columns.len();
        if labels < 2 || row.len() != labels {
            return false;
        }
        for (k, &cell) in row.iter().enumerate() {
            // Nearly every row: a cell of one line, no artifact, not the
            // label, told from its text as it is.
            let raw = self.text[cell.span.range()].trim_matches(is_space);
            let label = self.doc.header.columns.get(k).map_or("", |c| c.label());
            if raw != label && !raw.contains(['\n', '\r']) && !grammar::may_hold_artifact(raw) {
                return false;
            }
            self.load_segments(cell);
            let value = grammar::join(self.text, &self.segs);
            if self.doc.header.columns.get(k).map(|c| c.label()) != Some(value.as_ref()) {
                return false;
            }
        }
        true
    }

    fn load_segments(&mut self, cell: Cell) {
        grammar::segments(
            self.text,
            cell,
            &mut self.segs,
            &mut self.artifacts,
            &mut self.brackets,
        );
    }

    fn end_row(&mut self, at_end: bool) {
        if self.row.is_empty() {
            return;
        }
        let row = std::mem::take(&mut self.row);
        let mut i = 0;
        if std::mem::take(&mut self.header_just_read) && self.second_header_row(&row) {
            // Part of the header: trivia, like the header's first row.
            self.row = row;
            self.row.clear();
            return;
        }
        if self.header_pending {
            i = self.header(&row);
            self.header_just_read = i == row.len() && i > 0;
        } else if self.repeats_header(&row) {
            // The header again (a table cut in two, each part with its
            // header): trivia, like a filler cell.
            self.row = row;
            self.row.clear();
            return;
        }
        let width = self.roles.len().max(1);
        let mut task_in_row = false;
        while i < row.len() {
            let cell = row[i];
            self.load_segments(cell);
            let Some(first) = self.segs.first().copied() else {
                // An empty cell: filler (trivia), or the empty number cell
                // of a task row exactly as wide as the table.
                let rest = &row[i..];
                if !task_in_row
                    && self.number_first
                    && width > 2
                    && rest.len() == width
                    && self.first_segment(rest[1]).is_some_and(|first| {
                        !grammar::starts_like_number(first) && grammar::heading(first).is_none()
                    })
                {
                    self.task(&rest[..width]);
                    task_in_row = true;
                    i += width;
                    continue;
                }
                i += 1;
                continue;
            };
            // A heading written as a row of the table: its numeral in the
            // number cell (`一`, `（一）`), its title in the task cell, the
            // other cells empty.
            let lead = self.text[first.start..first.end].chars().next();
            let numeral_first =
                lead.is_some_and(|c| numeral::is_numeral_char(c) || matches!(c, '（' | '('));
            if numeral_first && !task_in_row && self.number_first && row.len() - i >= width {
                if let Some(consumed) = self.heading_row(&row[i..i + width]) {
                    i += consumed;
                    continue;
                }
            }
            // A task number in parentheses alone (`（1）`) in the number
            // cell of a row as wide as the table: a task, its number written
            // loosely.
            let value = &self.text[first.start..first.end];
            if self.number_first
                && !task_in_row
                && row.len() - i >= width
                && self.segs.len() == 1
                && grammar::paren_number(value).is_some_and(|(_, _, end)| end == value.len())
            {
                self.task(&row[i..i + width]);
                task_in_row = true;
                i += width;
                continue;
            }
            if let Some(heading) = grammar::heading(&self.text[first.start..first.end]) {
                self.category(cell, heading, first);
                i += 1;
                continue;
            }
            let rest = &row[i..];
            let number_like = self.number_first
                && grammar::starts_like_number(&self.text[first.start..first.end]);
            // A heading without a numeral: a row of one cell, or the cell
            // before a task's number in a merged first column (before a
            // task's text, in a table without a number column).
            if !number_like
                && !task_in_row
                && width > 1
                && (rest.len() == 1
                    || (rest.len() == width + 1
                        && (!self.number_first || self.starts_number(rest[1]))))
            {
                self.unnumbered(cell);
                i += 1;
                continue;
            }
            if !self.seen_task && number_like {
                self.seen_task = true;
                let next = row.last().map_or(self.text.len(), |c| c.span.end);
                if rest.len() != width && self.rows_agree(rest.len(), next) {
                    self.check_width(rest.len());
                }
            }
            let width = self.roles.len().max(1);
            if rest.len() >= width {
                self.task(&rest[..width]);
                task_in_row = true;
                i += width;
            } else {
                self.incomplete_task(rest, at_end);
                i = row.len();
            }
        }
        self.row = row;
        self.row.clear();
    }

    /// Reads `cells` (a row as wide as the table) as a heading if its
    /// number cell holds a numeral alone (`一`, `一、`, `（一）`), its task cell
    /// the title, and its other cells nothing; returns how many cells it
    /// took.
    fn heading_row(&mut self, cells: &[Cell]) -> Option<usize> {
        let text = self.text;
        let text_column = self.roles.iter().position(|r| *r == Role::Text)?;
        let cell_segs = |cell: Cell| {
            let mut segs = Vec::new();
            let mut artifacts = Vec::new();
            grammar::segments(
                text,
                cell,
                &mut segs,
                &mut artifacts,
                &mut grammar::Brackets::bounded(),
            );
            segs
        };
        let number = cell_segs(cells[0]);
        let (first, last) = (number.first()?, number.last()?);
        let written = &text[first.start..last.end];
        let bare = written.trim_end_matches('、');
        let (style, numeral, numeral_at) =
            if !bare.is_empty() && bare.chars().all(numeral::is_numeral_char) {
                (HeadingStyle::Enumerated, bare, first.start)
            } else {
                let h = grammar::heading(written)?;
                if !h.title.trim_matches(is_space).is_empty() || h.close.is_none() {
                    return None;
                }
                (h.style, h.numeral, first.start + h.numeral_at)
            };
        let n = numeral::parse(numeral).filter(|&n| n > 0)?;
        let title_segs = cell_segs(*cells.get(text_column)?);
        if title_segs.is_empty() {
            return None;
        }
        let others_empty = cells
            .iter()
            .enumerate()
            .all(|(k, &c)| k == 0 || k == text_column || cell_segs(c).is_empty());
        if !others_empty {
            return None;
        }
        let (Some(head), Some(tail)) = (cells.first(), cells.last()) else {
            return None;
        };
        let span = Span::new(head.span.start, tail.span.end);
        let category = Category {
            repr: Repr::parsed(text, self.last_end, span.start, span.end),
            span: span.into(),
            style,
            number: n,
            numeral: Cow::Borrowed(numeral),
            numeral_span: Span::new(numeral_at, numeral_at + numeral.len()).into(),
            title: grammar::join(text, &title_segs),
            title_span: grammar::segs_span(&title_segs).into(),
            tasks: Vec::new(),
            categories: Vec::new(),
        };
        self.last_end = span.end;
        self.tree.open(category);
        Some(cells.len())
    }

    /// The first segment of `cell`'s clean text, read on its own (a cell
    /// ahead of the one being read: a bounded bracket cursor of its own).
    fn first_segment(&self, cell: Cell) -> Option<&'a str> {
        let (mut segs, mut artifacts) = (Vec::new(), Vec::new());
        grammar::segments(
            self.text,
            cell,
            &mut segs,
            &mut artifacts,
            &mut grammar::Brackets::bounded(),
        );
        segs.first().map(|s| &self.text[s.start..s.end])
    }

    /// Whether `cell` starts with a digit.
    fn starts_number(&self, cell: Cell) -> bool {
        self.first_segment(cell)
            .is_some_and(grammar::starts_like_number)
    }

    fn stray(&mut self, span: Span) {
        let text = &self.text[span.range()];
        // The first line, ended by any line ending (a lone CR too).
        let first_line = text.split(['\r', '\n']).next().unwrap_or("");
        let line_span = Span::new(span.start, span.start + first_line.len());
        self.report(error::stray_line(line_span, first_line));
    }
}
