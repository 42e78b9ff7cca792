//! The table's preamble and header row: the label and title above the
//! table, the header's labels (which give the [`Columns`] and each column's
//! role), and the check of the header's width against the first task rows.

use std::borrow::Cow;

use super::{TableParser, COLUMNS};
use crate::clause;
use crate::column::{Columns, Role};
use crate::diagnostic::quote;
use crate::grammar::{self, Seg};
use crate::lex::{is_blank, is_space, Cell, Item, Lexer, Lines};
use crate::model::Header;
use crate::parse::error;
use crate::span::Span;

impl<'a> TableParser<'a> {
    pub(super) fn preamble(&mut self, end: usize) {
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
            if label.is_none() && title_segs.is_empty() && crate::parse::is_label(trimmed) {
                label = Some((trimmed, span));
            } else if crate::parse::is_note(trimmed) {
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
        crate::parse::preamble(&mut self.doc, text, end, label, &title_segs);
    }

    /// Whether the next two task rows after `from` are `width` cells wide
    /// too (a few rows are read ahead, on their own).
    pub(super) fn rows_agree(&self, width: usize, from: usize) -> bool {
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
    pub(super) fn check_width(&mut self, row_width: usize) {
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
        crate::parse::insert_in_order(&mut self.diagnostics, d);
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

    pub(super) fn set_columns(&mut self, columns: Columns<'a>) {
        self.roles = columns.iter().map(|c| c.role()).collect();
        self.number_first = self.roles.first() == Some(&Role::Number);
        self.contexts = self
            .roles
            .iter()
            .map(|&r| clause::Context::column(r))
            .collect();
        self.levels = columns.has_levels();
        self.doc.header.columns = columns;
    }

    /// Reads the header from the first row; returns how many cells it took.
    pub(super) fn header(&mut self, row: &[Cell]) -> usize {
        self.header_pending = false;
        let text = self.text;
        let mut labels: Vec<(Cow<'a, str>, Option<Span>)> = Vec::new();
        for &cell in row {
            self.load_segments(cell);
            // The cell's value, as the label would read: what a heading or
            // a task's number is told by (its first segment alone would
            // differ where cutting an artifact formed another, which
            // deleting the first then writes whole: W005's fix).
            let value = grammar::join(text, &self.segs);
            if !value.is_empty()
                && (grammar::heading(&value).is_some()
                    || (labels.is_empty() && grammar::starts_like_number(&value)))
            {
                break;
            }
            labels.push((value, grammar::segs_span(&self.segs)));
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

    /// Reads `row` as the header's second row, if it is one: under a label
    /// that a merged cell spans over several columns (`责任单位` over
    /// `牵头单位` and `配合单位`), the labels of those columns. Either the
    /// row has a cell a column, empty under the labels that span both rows
    /// (as Word writes a merged cell's lower part), or it holds only the
    /// labels under the one label of units that spans them. Every label it
    /// holds names a role (units, leaders, a deadline, remarks), or it is
    /// one of two places under a `责任单位` (`滨海新区` and `东疆`: the two
    /// levels, `滨海新区责任单位` and `东疆责任单位`); the columns become
    /// the first row's labels with the spanning ones replaced.
    pub(super) fn second_header_row(&mut self, row: &[Cell]) -> bool {
        let text = self.text;
        let first: Vec<(Cow<'a, str>, Option<Span>)> = self
            .doc
            .header
            .columns
            .iter()
            .map(|c| (c.label_cow(), c.span()))
            .collect();
        // The row's labels, `None` for an empty cell.
        let mut below: Vec<Option<(Cow<'a, str>, Option<Span>)>> = Vec::with_capacity(row.len());
        for &cell in row {
            self.load_segments(cell);
            let value = grammar::join(text, &self.segs);
            if value.is_empty() {
                below.push(None);
                continue;
            }
            if matches!(Role::of_label(&value), Role::Number | Role::Text) {
                return false;
            }
            below.push(Some((value, grammar::segs_span(&self.segs))));
        }
        let runs = below
            .iter()
            .enumerate()
            .filter(|&(k, b)| b.is_some() && (k == 0 || below[k - 1].is_none()))
            .count();
        let empty = below.iter().filter(|b| b.is_none()).count();
        let mut labels: Vec<(Cow<'a, str>, Option<Span>)> = Vec::new();
        if runs == 0 {
            return false;
        } else if empty + runs == first.len() {
            // A cell a column: an empty one under a label spanning both
            // rows, a run of labels under a label spanning them.
            let mut above = first.into_iter();
            let mut run: Vec<(Cow<'a, str>, Option<Span>)> = Vec::new();
            let mut spanning: Option<Cow<'a, str>> = None;
            for b in below {
                match b {
                    None => {
                        if let Some(over) = spanning.take() {
                            if !under(&over, &mut run) {
                                return false;
                            }
                            labels.append(&mut run);
                        }
                        labels.extend(above.next());
                    }
                    Some(label) => {
                        if spanning.is_none() {
                            let Some((over, _)) = above.next() else {
                                return false;
                            };
                            spanning = Some(over);
                        }
                        run.push(label);
                    }
                }
            }
            if let Some(over) = spanning.take() {
                if !under(&over, &mut run) {
                    return false;
                }
                labels.append(&mut run);
            }
        } else if empty == 0 {
            // The labels only: under the one label of units.
            let mut spanning = first.iter().enumerate().filter(|(_, (label, _))| {
                matches!(Role::of_label(label), Role::Units(_) | Role::Other)
            });
            let (Some((at, _)), None) = (spanning.next(), spanning.next()) else {
                return false;
            };
            let mut first = first;
            let after = first.split_off(at + 1);
            let Some((over, _)) = first.pop() else {
                return false;
            };
            let mut run: Vec<_> = below.into_iter().flatten().collect();
            if !under(&over, &mut run) {
                return false;
            }
            labels = first;
            labels.extend(run);
            labels.extend(after);
        } else {
            return false;
        }
        if !COLUMNS.contains(&labels.len()) {
            return false;
        }
        let Some(last) = row.last() else {
            return false;
        };
        let end = last.span.end;
        let (start, span) = match (&self.doc.header.raw, self.doc.header.span) {
            (Some(raw), Some(span)) => (span.end - raw.len(), span),
            _ => return false,
        };
        self.set_columns(Columns::from_columns(labels));
        self.doc.header.raw = Some(Cow::Borrowed(&text[start..end]));
        self.doc.header.span = Some(Span::new(span.start, end));
        self.last_end = end;
        true
    }
}

/// Whether `run`, the labels under the label `over` in a header's second
/// row, are its columns' labels: each names a role, or the run is two
/// places under a label of the two levels (`责任单位` over `滨海新区` and
/// `东疆`), which then read as `滨海新区责任单位` and `东疆责任单位`.
fn under<'a>(over: &str, run: &mut [(Cow<'a, str>, Option<Span>)]) -> bool {
    let places = run
        .iter()
        .filter(|(label, _)| Role::of_label(label) == Role::Other)
        .count();
    if places == 0 {
        return true;
    }
    // A place, not a body: short, one name, not ending as a body's name
    // does (`市发改委` under `责任单位` is a unit of a task row, not a level).
    let place_like = |label: &str| {
        let n = label.chars().count();
        (1..=8).contains(&n)
            && !label.contains(['、', '，', ',', '；', ';'])
            && !grammar::starts_like_number(label)
            && !crate::clause::ends_like_body(label)
    };
    if places != 2 || run.len() != 2 || !crate::column::names_level(over) {
        return false;
    }
    if !run.iter().all(|(label, _)| place_like(label)) {
        return false;
    }
    for (label, _) in run.iter_mut() {
        *label = Cow::Owned(format!("{label}{over}"));
    }
    true
}
