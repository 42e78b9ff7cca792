//! Edits of a task read from a table row: each edit rewrites the cell that
//! holds what it changes, found through the row's [`Shape`](crate::model::Shape).

use std::ops::Range;

use super::{ending, splice};
use crate::clause::{self, Item as ClauseItem};
use crate::column::{Role, UnitRole};
use crate::grammar;
use crate::lex::{Cell, Item, Lexer};
use crate::model::Task;
use crate::span::Span;

/// The byte ranges of the cells of a row's text, if it is as many cells as
/// the row's shape says.
fn cell_ranges(task: &Task<'_>, body: &str) -> Option<Vec<Range<usize>>> {
    let mut cells = Vec::with_capacity(8);
    for item in Lexer::new(body, 0) {
        match item {
            Item::Cell(cell) => cells.push(cell.span.range()),
            Item::Break(_) | Item::Stray(_) => return None,
        }
    }
    (cells.len() == task.shape.roles().count()).then_some(cells)
}

/// The clean text segments of one cell's text, read on its own.
fn cell_segments(raw: &str) -> Vec<grammar::Seg> {
    let mut segs = Vec::new();
    let mut artifacts = Vec::new();
    grammar::segments(
        raw,
        Cell::at(raw, Span::new(0, raw.len())),
        &mut segs,
        &mut artifacts,
        &mut grammar::Brackets::bounded(),
    );
    segs
}

/// Every unit of the row with its role, name and span in `body`.
pub(super) fn unit_spans(task: &Task<'_>, body: &str) -> Option<Vec<(UnitRole, String, Span)>> {
    let cells = cell_ranges(task, body)?;
    let mut out = Vec::new();
    let mut scratch = clause::Scratch::default();
    for (range, role) in cells.into_iter().zip(task.shape.roles()) {
        if !matches!(role, Role::Units(_)) {
            continue;
        }
        let raw = &body[range.clone()];
        let segs = cell_segments(raw);
        clause::read(
            raw,
            &segs,
            clause::Context::column(role),
            &mut scratch,
            |item| {
                if let ClauseItem::Unit(r, name, span) = item {
                    let span = Span::new(range.start + span.start, range.start + span.end);
                    out.push((r, name.into_owned(), span));
                }
            },
        );
    }
    Some(out)
}

/// A cell holding `text` (lines joined by the cell's own line ending),
/// ending as `old` ended.
fn cell_text(text: &str, old: &str) -> String {
    let end = ending(old);
    let inner = if end.is_empty() { "\n" } else { end };
    let mut out = String::from("\t");
    let mut first = true;
    for line in text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)) {
        if line.trim().is_empty() && !first {
            continue;
        }
        if !first {
            out.push_str(inner);
        }
        out.push_str(line);
        first = false;
    }
    out.push_str(end);
    out
}

/// Replaces the cell holding `role` with what `make` returns for its old
/// text.
fn replace_cell(
    task: &Task<'_>,
    body: &str,
    role: Role,
    make: impl FnOnce(&str) -> String,
) -> Option<String> {
    let cells = cell_ranges(task, body)?;
    let k = task.shape.cell_of(role)?;
    let range = cells.get(k)?.clone();
    let cell = make(&body[range.clone()]);
    Some(splice(body, range, &cell))
}

pub(super) fn set_number(task: &Task<'_>, body: &str, number: u32) -> Option<String> {
    if task.shape.cell_of(Role::Number).is_none() {
        // A table without a number column: nothing holds the number.
        return cell_ranges(task, body).map(|_| body.to_string());
    }
    replace_cell(task, body, Role::Number, |old| {
        format!("\t{number}{}", ending(old))
    })
}

pub(super) fn set_text(task: &Task<'_>, body: &str) -> Option<String> {
    replace_cell(task, body, Role::Text, |old| cell_text(&task.text, old))
}

/// Rewrites the cell that holds the units of `role`: their own column's,
/// or the first unit column's for a role without one.
pub(super) fn set_units(task: &Task<'_>, body: &str, role: UnitRole) -> Option<String> {
    let roles: Vec<Role> = task.shape.roles().collect();
    let has_column = |r: UnitRole| roles.contains(&Role::Units(r));
    let home = roles.iter().find_map(|r| match r {
        Role::Units(r) => Some(*r),
        _ => None,
    })?;
    let column = if has_column(role) { role } else { home };
    if matches!(home, UnitRole::District | UnitRole::Local) && !has_column(role) {
        return None;
    }
    replace_cell(task, body, Role::Units(column), |old| {
        let content = if column == home {
            crate::write::unit_groups(task, home, has_column)
        } else {
            task.units.names(column).collect::<Vec<_>>().join("、")
        };
        format!("\t{content}{}", ending(old))
    })
}

/// The parts of a heading's text: the numeral's range and where the title
/// starts.
pub(crate) fn heading_parts(raw: &str) -> Option<(Range<usize>, usize)> {
    let segs = cell_segments(raw);
    let first = segs.first()?;
    let h = grammar::heading(&raw[first.start..first.end])?;
    h.close?;
    let numeral = first.start + h.numeral_at..first.start + h.numeral_at + h.numeral.len();
    Some((numeral, first.start + h.title_at))
}
