//! What a row's cells become: a category heading (numbered or not), a task
//! read cell by cell by its columns' roles, or the error of a row too short
//! to be a task.

use std::borrow::Cow;

use super::TableParser;
use crate::clause;
use crate::column::Role;
use crate::grammar::{self, Seg};
use crate::lex::{is_space, Cell};
use crate::model::{Category, Extras, Field, HeadingStyle, Repr, Shape, Task, UnitMapping};
use crate::numeral;
use crate::parse::error;
use crate::span::Span;

impl<'a> TableParser<'a> {
    pub(super) fn category(&mut self, cell: Cell, h: grammar::RawHeading<'a>, first: Seg) {
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
        let title = grammar::join(text, &title_segs);
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
    pub(super) fn unnumbered(&mut self, cell: Cell) {
        let text = self.text;
        let title = grammar::join(text, &self.segs);
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
    pub(super) fn task(&mut self, cells: &[Cell]) {
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
                    let found = grammar::join(text, &self.segs);
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
                    task_text = grammar::join(text, &self.segs);
                    text_span = grammar::segs_span(&self.segs);
                }
                Role::Units(_) | Role::Leaders => {
                    let cx = self.contexts[k];
                    let units = &mut self.task_units;
                    let extras = &mut extras;
                    clause::read(text, &self.segs, cx, &mut self.scratch, |item| {
                        crate::parse::task_item(item, units, extras);
                    });
                }
                Role::Deadline | Role::Remarks | Role::Other => {
                    let value = grammar::join(text, &self.segs);
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

    pub(super) fn incomplete_task(&mut self, cells: &[Cell], at_end: bool) {
        let text = self.text;
        let Some(last) = cells.last() else { return };
        let row_span = Span::new(cells[0].span.start, last.span.end);
        self.load_segments(cells[0]);
        let first = grammar::join(text, &self.segs);
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
            error::short_row(row_span, k, width, &first, self.number_first)
        };
        self.report(diagnostic);
    }
}
