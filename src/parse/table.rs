//! Tables extracted from Word: the preamble, the header row (whose labels
//! give the [`Columns`]), then rows of cells through the
//! [lexer](crate::lex).
//!
//! Rows are read by what their cells hold: a heading cell (`一、…`,
//! `（一）…`) opens a heading, a row of as many cells as the header is a
//! task (the header says which cell holds what), an empty cell is filler
//! (the merged first column of a heading's later rows). A row of one cell
//! that is none of these is an unnumbered heading. Whatever cannot be read
//! becomes a [`Diagnostic`] and its text stays in the document as trivia,
//! so the document still prints back its input byte for byte.

use std::borrow::Cow;

use super::error;
use super::tree::Tree;
use crate::clause;
use crate::column::{Columns, Role, UnitRole};
use crate::diagnostic::{quote, Diagnostic};
use crate::grammar::{self, Artifact, Seg};
use crate::lex::{self, is_blank, is_space, Cell, Item, Lexer, Lines};
use crate::model::{
    Category, Document, Extras, Field, Header, HeadingStyle, Preamble, Repr, Shape, Task, Unit,
    UnitMapping,
};
use crate::numeral;
use crate::span::Span;

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
    /// Whether a task was read (the first one checks the header's width).
    seen_task: bool,
    last_task_number: u32,
    /// The columns' roles and how their cells are read, by column.
    roles: Vec<Role>,
    contexts: Vec<clause::Context>,
    number_column: usize,
    levels: bool,
    first_root: Option<(Span, u32)>,
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
            seen_task: false,
            last_task_number: 0,
            roles: Vec::new(),
            contexts: Vec::new(),
            number_column: 0,
            levels: false,
            first_root: None,
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
                Some(Item::Cell(cell)) => self.row.push(cell),
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
        let (roots, categories) = tree.finish();
        self.doc.tasks = roots;
        self.doc.categories = categories;
        self.doc.trailer = Cow::Borrowed(&text[self.last_end..]);
        if self.doc.first_listed_leads {
            super::first_listed_leads(&mut self.doc);
        }
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

    fn preamble(&mut self, end: usize) {
        let text = self.text;
        let mut label = None;
        let mut title_segs: Vec<Seg> = Vec::new();
        for line in Lines::new(&text[..end], 0) {
            let mut start = line.start;
            if start == 0 && text.starts_with('\u{feff}') {
                start = '\u{feff}'.len_utf8();
            }
            let content = &text[start..line.content_end];
            if is_blank(content) {
                continue;
            }
            let trimmed = content.trim_matches(is_space);
            let at = start + (content.len() - content.trim_start_matches(is_space).len());
            let span = Span::new(at, at + trimmed.len());
            if label.is_none() && title_segs.is_empty() && super::is_label(trimmed) {
                label = Some((trimmed, span));
            } else if super::is_note(trimmed) {
                // A note such as `（注：…）` is not part of the title.
            } else {
                // A title line is read like a cell's line: trimmed, with
                // extraction artifacts cut out.
                let line = Cell {
                    span,
                    tabbed: false,
                    one_line: true,
                };
                grammar::segments(
                    text,
                    line,
                    &mut self.segs,
                    &mut self.artifacts,
                    &mut self.brackets,
                );
                title_segs.extend_from_slice(&self.segs);
            }
        }
        self.doc.first_listed_leads |= clause::states_first_listed_leads(&text[..end]);
        self.doc.preamble = Preamble {
            raw: Some(Cow::Borrowed(&text[..end])),
            label: label.map(|(l, _)| Cow::Borrowed(l)),
            label_span: label.map(|(_, s)| s),
            title: grammar::join(text, &title_segs, ""),
            title_span: grammar::segs_span(&title_segs),
        };
    }

    fn end_row(&mut self, at_end: bool) {
        if self.row.is_empty() {
            return;
        }
        let row = std::mem::take(&mut self.row);
        let mut i = 0;
        if self.header_pending {
            i = self.header(&row);
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
                    && self.number_column == 0
                    && width > 2
                    && rest.len() == width
                    && !self.starts_number(rest[1])
                    && self.has_text(rest[1])
                    && !self.starts_heading(rest[1])
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
            if numeral_first && !task_in_row && self.number_column == 0 && row.len() - i >= width {
                if let Some(consumed) = self.heading_row(&row[i..i + width]) {
                    i += consumed;
                    continue;
                }
            }
            if let Some(heading) = grammar::heading(&self.text[first.start..first.end]) {
                self.category(cell, heading, first);
                i += 1;
                continue;
            }
            let rest = &row[i..];
            let number_like = grammar::starts_like_number(&self.text[first.start..first.end]);
            // A heading without a numeral: a row of one cell, or the cell
            // before a task's number in a merged first column.
            if !number_like
                && !task_in_row
                && self.number_column == 0
                && width > 1
                && (rest.len() == 1 || (rest.len() == width + 1 && self.starts_number(rest[1])))
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
            title: grammar::join(text, &title_segs, ""),
            title_span: grammar::segs_span(&title_segs).into(),
            tasks: Vec::new(),
            categories: Vec::new(),
        };
        self.last_end = span.end;
        self.tree.open(category);
        Some(cells.len())
    }

    /// Whether `cell` starts with a heading (`一、…`, `（一）…`).
    fn starts_heading(&self, cell: Cell) -> bool {
        let mut segs = Vec::new();
        let mut artifacts = Vec::new();
        grammar::segments(
            self.text,
            cell,
            &mut segs,
            &mut artifacts,
            &mut grammar::Brackets::bounded(),
        );
        segs.first()
            .is_some_and(|s| grammar::heading(&self.text[s.start..s.end]).is_some())
    }

    /// Whether `cell` holds any text.
    fn has_text(&self, cell: Cell) -> bool {
        let mut segs = Vec::new();
        let mut artifacts = Vec::new();
        grammar::segments(
            self.text,
            cell,
            &mut segs,
            &mut artifacts,
            &mut grammar::Brackets::bounded(),
        );
        !segs.is_empty()
    }

    /// Whether `cell` starts with a digit.
    fn starts_number(&mut self, cell: Cell) -> bool {
        let mut segs = Vec::new();
        let mut artifacts = Vec::new();
        grammar::segments(
            self.text,
            cell,
            &mut segs,
            &mut artifacts,
            &mut grammar::Brackets::bounded(),
        );
        segs.first()
            .is_some_and(|s| grammar::starts_like_number(&self.text[s.start..s.end]))
    }

    /// Whether the next two task rows after `from` are `width` cells wide
    /// too (a few rows are read ahead, on their own).
    fn rows_agree(&self, width: usize, from: usize) -> bool {
        let text = self.text;
        let mut segs = Vec::new();
        let mut artifacts = Vec::new();
        let mut brackets = grammar::Brackets::bounded();
        let mut widths = Vec::new();
        let mut cells = 0;
        let mut leading = true;
        for item in Lexer::new(text, from).take(64) {
            match item {
                Item::Cell(cell) => {
                    grammar::segments(text, cell, &mut segs, &mut artifacts, &mut brackets);
                    let filler = segs
                        .first()
                        .is_none_or(|s| grammar::heading(&text[s.start..s.end]).is_some());
                    if !(leading && filler) {
                        leading = false;
                        cells += 1;
                    }
                }
                Item::Break(_) | Item::Stray(_) => {
                    if cells > 0 {
                        widths.push(cells);
                    }
                    cells = 0;
                    leading = true;
                    if widths.len() == 2 {
                        break;
                    }
                }
            }
        }
        if cells > 0 && widths.len() < 2 {
            widths.push(cells);
        }
        widths.len() == 2 && widths.iter().all(|&w| w == width)
    }

    /// The first task rows say how wide the table really is: a header one
    /// cell short of its rows (or one cell over) is reported, and the rows'
    /// width is read.
    fn check_width(&mut self, row_width: usize) {
        let width = self.roles.len();
        if row_width == width || row_width + 1 < width || row_width > width + 1 || row_width < 2 {
            return;
        }
        let Some(span) = self.doc.header.span else {
            return;
        };
        // The span ends with the text of the last cell, before its line
        // ending.
        let raw = &self.text[span.range()];
        let span = Span::new(
            span.start,
            span.start + raw.trim_end_matches(['\r', '\n']).len(),
        );
        let labels: Vec<Cow<'_, str>> = self
            .doc
            .header
            .columns
            .labels()
            .map(Cow::Borrowed)
            .collect();
        let d = error::header_row_mismatch(span, &labels, row_width);
        super::insert_in_order(&mut self.diagnostics, d);
        let mut labels: Vec<(Cow<'a, str>, Option<Span>)> = self
            .doc
            .header
            .columns
            .iter()
            .map(|c| (Cow::Owned(c.label().to_string()), c.span()))
            .take(row_width)
            .collect();
        while labels.len() < row_width {
            labels.push((Cow::Borrowed(""), None));
        }
        self.set_columns(Columns::from_columns(labels));
    }

    fn set_columns(&mut self, columns: Columns<'a>) {
        self.roles = columns.iter().map(|c| c.role()).collect();
        self.number_column = self
            .roles
            .iter()
            .position(|r| *r == Role::Number)
            .unwrap_or(0);
        self.contexts = self
            .roles
            .iter()
            .map(|&r| clause::Context::column(r))
            .collect();
        self.levels = columns.has_levels();
        self.doc.header.columns = columns;
    }

    /// Reads the header from the first row; returns how many cells it took.
    fn header(&mut self, row: &[Cell]) -> usize {
        self.header_pending = false;
        let text = self.text;
        let mut labels: Vec<(Cow<'a, str>, Option<Span>)> = Vec::new();
        for &cell in row {
            self.load_segments(cell);
            let first = self.segs.first().map(|s| &text[s.start..s.end]);
            if let Some(first) = first {
                if grammar::heading(first).is_some()
                    || (labels.is_empty() && grammar::starts_like_number(first))
                {
                    break;
                }
            }
            labels.push((
                grammar::join(text, &self.segs, ""),
                grammar::segs_span(&self.segs),
            ));
        }
        let count = labels.len();
        if count == 0 {
            let first = row[0].span;
            let found = quote(text[first.range()].trim_matches(is_space), 20);
            // Point at the cell's text (`self.segs` still holds it), not at
            // its tab and line ending, which would reach into the next line.
            self.report(error::missing_header(
                grammar::segs_span(&self.segs).unwrap_or(first),
                &found,
            ));
            self.set_columns(Columns::two_levels("", ""));
            return 0;
        }
        let start = self.last_end;
        let end = row[count - 1].span.end;
        let span = Span::new(row[0].span.start, end);
        if !COLUMNS.contains(&count) {
            // The diagnostic ends with the text of the last cell, before its
            // line ending.
            let last = &text[row[count - 1].span.range()];
            let text_end = row[count - 1].span.start + last.trim_end_matches(['\r', '\n']).len();
            let names: Vec<Cow<'_, str>> = labels.iter().map(|(l, _)| l.clone()).collect();
            let why = if count < *COLUMNS.start() {
                ""
            } else {
                ", more than a task table has"
            };
            self.report(error::header_cell_count(
                Span::new(span.start, text_end),
                &names,
                why,
            ));
        }
        self.set_columns(Columns::from_columns(labels));
        self.doc.header = Header {
            raw: Some(Cow::Borrowed(&text[start..end])),
            span: Some(span),
            columns: std::mem::take(&mut self.doc.header.columns),
        };
        self.last_end = end;
        count
    }

    fn stray(&mut self, span: Span) {
        let text = &self.text[span.range()];
        // The first line, ended by any line ending (a lone CR too).
        let first_line = text.split(['\r', '\n']).next().unwrap_or("");
        let line_span = Span::new(span.start, span.start + first_line.len());
        self.report(error::stray_line(line_span, first_line));
    }

    fn category(&mut self, cell: Cell, h: grammar::RawHeading<'a>, first: Seg) {
        let text = self.text;
        let base = first.start;
        let numeral_span = Span::new(base + h.numeral_at, base + h.numeral_at + h.numeral.len());
        let guess = self.tree.next_number(h.style);
        let number = match numeral::parse(h.numeral) {
            Some(n) if n > 0 => n,
            _ => {
                // The heading's number as written, parentheses included.
                let written_end = numeral_span.end + h.close.map_or(0, char::len_utf8);
                let written = &text[base + h.open_at..written_end];
                self.report(error::invalid_numeral(
                    h.numeral,
                    written,
                    numeral_span,
                    base + h.open_at,
                    guess,
                ));
                guess
            }
        };
        if h.close.is_none() && !h.numeral.is_empty() {
            let next = h.title.chars().next();
            let at = Span::new(
                numeral_span.end,
                numeral_span.end + next.map_or(0, char::len_utf8),
            );
            self.report(error::unclosed_heading(at, next, h.numeral, h.title));
        }
        // The title: the rest of the first line, then the following lines.
        let mut title_segs: Vec<Seg> = Vec::with_capacity(self.segs.len());
        let rest = &text[base + h.title_at..first.end];
        let lead = rest.len() - rest.trim_start_matches(is_space).len();
        if lead < rest.len() {
            title_segs.push(Seg {
                start: base + h.title_at + lead,
                end: first.end,
                new_line: true,
            });
        }
        title_segs.extend_from_slice(&self.segs[1..]);
        // The title starts mid-line, after the numeral: trim the white space
        // there across what an artifact left (`（一）[bookmark: x] 类`).
        while let Some(seg) = title_segs.first_mut() {
            let piece = &text[seg.start..seg.end];
            seg.start = seg.end - piece.trim_start_matches(is_space).len();
            if seg.start < seg.end {
                break;
            }
            title_segs.remove(0);
        }
        let title = grammar::join(text, &title_segs, "");
        let heading_span = Span::new(base + h.open_at, first.end);
        if title.is_empty() {
            self.report(error::missing_category_title(
                heading_span,
                &text[heading_span.range()],
            ));
        }
        let category = Category {
            repr: Repr::parsed(text, self.last_end, cell.span.start, cell.span.end),
            span: cell.span.into(),
            style: h.style,
            number,
            numeral: Cow::Borrowed(h.numeral),
            numeral_span: numeral_span.into(),
            title,
            title_span: grammar::segs_span(&title_segs).into(),
            tasks: Vec::new(),
            categories: Vec::new(),
        };
        self.last_end = cell.span.end;
        self.tree.open(category);
    }

    /// A heading cell without a numeral; `self.segs` holds its segments.
    fn unnumbered(&mut self, cell: Cell) {
        let text = self.text;
        let title = grammar::join(text, &self.segs, "");
        let title_span = grammar::segs_span(&self.segs);
        if let Some(span) = title_span {
            self.report(error::unnumbered_heading(span, &title));
        }
        let mut category = Category::with_style(HeadingStyle::Unnumbered, 0, title);
        category.repr = Repr::parsed(text, self.last_end, cell.span.start, cell.span.end);
        category.span = cell.span.into();
        category.title_span = title_span.into();
        self.last_end = cell.span.end;
        self.tree.open(category);
    }

    /// Reads a task from its cells, one per column.
    fn task(&mut self, cells: &[Cell]) {
        let text = self.text;
        let mut number = None;
        let mut number_span = Span::empty(cells[0].span.start + 1);
        let mut task_text: Cow<'a, str> = Cow::Borrowed("");
        let mut text_span = None;
        let mut extras: Option<Box<Extras<'a>>> = None;
        self.task_units.clear();
        for (k, &cell) in cells.iter().enumerate() {
            let role = self.roles.get(k).copied().unwrap_or(Role::Other);
            self.load_segments(cell);
            match role {
                Role::Number => {
                    let found = grammar::join(text, &self.segs, "");
                    number_span =
                        grammar::segs_span(&self.segs).unwrap_or(Span::empty(cell.span.start + 1));
                    let guess = self.last_task_number.saturating_add(1);
                    number = Some(match grammar::task_number(&found) {
                        Ok(n) => n,
                        Err(_) if found.is_empty() => {
                            self.report(error::missing_task_number(cell.span, guess));
                            guess
                        }
                        Err(e) => match error::lenient_number(&found) {
                            Some(n) => {
                                self.report(error::task_number_format(&found, number_span, n));
                                n
                            }
                            None => {
                                self.report(error::invalid_task_number(
                                    &found,
                                    number_span,
                                    e,
                                    guess,
                                ));
                                guess
                            }
                        },
                    });
                }
                Role::Text => {
                    task_text = grammar::join(text, &self.segs, "\n");
                    text_span = grammar::segs_span(&self.segs);
                }
                Role::Units(_) | Role::Leaders => {
                    let cx = self.contexts[k];
                    let units = &mut self.task_units;
                    let extras = &mut extras;
                    clause::read(text, &self.segs, cx, &mut self.scratch, |item| {
                        super::task_item(item, units, extras);
                    });
                }
                Role::Deadline | Role::Remarks | Role::Other => {
                    let value = grammar::join(text, &self.segs, "\n");
                    if !value.is_empty() {
                        let field = Field {
                            text: value,
                            span: grammar::segs_span(&self.segs).into(),
                        };
                        let extras = extras.get_or_insert_with(Box::default);
                        match role {
                            Role::Deadline => extras.deadline = Some(field),
                            Role::Remarks => extras.remarks = Some(field),
                            _ => {
                                let label =
                                    self.doc.header.columns.get(k).map_or("", |c| c.label());
                                extras.other.push((k, Cow::Owned(label.to_string()), field));
                            }
                        }
                    }
                }
            }
        }
        let number = number.unwrap_or_else(|| self.last_task_number.saturating_add(1));
        self.last_task_number = number;
        let (Some(first), Some(last)) = (cells.first(), cells.last()) else {
            return;
        };
        let span = Span::new(first.span.start, last.span.end);
        if !self.tree.has_headings() && self.first_root.is_none() {
            self.first_root = Some((number_span, number));
        }
        let task = Task {
            repr: Repr::parsed(text, self.last_end, span.start, span.end),
            span: span.into(),
            number,
            number_span: number_span.into(),
            text_span: text_span.into(),
            text: task_text,
            units: UnitMapping::collect(&mut self.task_units, self.levels),
            extras,
            shape: Shape::row(&self.roles),
        };
        self.last_end = span.end;
        self.tree.push_task(task);
    }

    fn incomplete_task(&mut self, cells: &[Cell], at_end: bool) {
        let text = self.text;
        let Some(last) = cells.last() else { return };
        let row_span = Span::new(cells[0].span.start, last.span.end);
        self.load_segments(cells[0]);
        let first = grammar::join(text, &self.segs, "");
        let first_span = grammar::segs_span(&self.segs).unwrap_or(row_span);
        let width = self.roles.len();
        let column_name = |k: usize| -> String {
            let label = self.doc.header.columns.get(k).map_or("", |c| c.label());
            if label.is_empty() {
                match self.roles.get(k) {
                    Some(Role::Number) => "序号".to_string(),
                    Some(Role::Text) => "工作任务".to_string(),
                    Some(Role::Units(r)) => format!("{} units", r.key()),
                    _ => format!("column {}", k + 1),
                }
            } else {
                label.to_string()
            }
        };
        let k = cells.len();
        // Point just after the last character of the row.
        let last_text_end = {
            let raw = &text[last.span.range()];
            last.span.start + raw.trim_end_matches(['\r', '\n']).len()
        };
        let end_of = if at_end {
            "the end of the document"
        } else {
            "the end of the row"
        };
        let diagnostic = if let Ok(n) = grammar::task_number(&first) {
            let missing: Vec<String> = (k..width).map(column_name).collect();
            error::incomplete_task(error::ShortTask {
                number: n,
                at: Span::empty(last_text_end),
                first: first_span,
                have: k,
                want: width,
                missing: &missing,
                end_of,
            })
        } else {
            error::short_row(row_span, k, width, &first)
        };
        self.report(diagnostic);
    }
}
