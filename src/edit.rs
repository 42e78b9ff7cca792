//! Format-preserving edits.
//!
//! Every edit changes only the cells it touches: renaming a unit replaces the
//! bytes of that name and nothing else; setting a task's text rewrites its
//! text cell and keeps the other three cells, the blank lines and filler
//! cells around them, and the document's line endings. New tasks and
//! categories are written in the layout of their neighbours.
//!
//! ```
//! let text = std::fs::read_to_string("seeds/000_ecc403549f0e7389.txt").unwrap();
//! let mut doc = fengong::parse(&text).unwrap();
//!
//! // Rename a unit across the whole document.
//! let renamed = doc.rename_unit("区工业信局", "区工信局");
//! assert_eq!(renamed, 1);
//! let after = doc.to_string();
//! assert_eq!(after.len(), text.len() - "业".len());
//! assert_eq!(after, text.replacen("区工业信局", "区工信局", 1));
//! assert_eq!(fengong::parse(&after).unwrap(), doc);
//! ```
//!
//! [`apply`] applies byte-span [`Edit`]s (such as the [`Fix`]es of lint
//! findings) to a text; [`apply_fixes`] picks the fixes of a list of
//! diagnostics that do not overlap and applies them.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::ops::Range;

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::grammar::{self, RawUnit};
use crate::lex::{Cell, Item, Lexer};
use crate::model::{Category, Document, Task, Unit, UnitMapping};
use crate::numeral;
use crate::span::{Span, SpanSlot};

/// Which of a task's two unit cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    /// The district-level units (third column, e.g. 滨海新区责任单位).
    District,
    /// The local-level units (fourth column, e.g. 东疆责任单位).
    Local,
}

impl Level {
    fn cell(self) -> usize {
        match self {
            Level::District => 2,
            Level::Local => 3,
        }
    }
}

/// Why an edit could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EditError {
    /// An index past the end of the categories or tasks.
    #[error("index {index} is out of range (there are {len})")]
    OutOfRange {
        /// The index asked for.
        index: usize,
        /// How many there are.
        len: usize,
    },
    /// Two edits change overlapping bytes.
    #[error("edits at {first} and {second} overlap")]
    Overlap {
        /// The earlier edit's span.
        first: Span,
        /// The later edit's span.
        second: Span,
    },
    /// An edit's span is outside the text or splits a character.
    #[error("edit span {0} is not within the text on character boundaries")]
    BadSpan(Span),
}

/// The line ending at the end of a cell's text (`""` for a last line
/// without one).
fn ending(raw: &str) -> &'static str {
    if raw.ends_with("\r\n") {
        "\r\n"
    } else if raw.ends_with('\n') {
        "\n"
    } else if raw.ends_with('\r') {
        "\r"
    } else {
        ""
    }
}

/// The byte ranges of the cells of a node's text.
fn cell_ranges(body: &str) -> Option<Vec<Range<usize>>> {
    let mut cells = Vec::with_capacity(4);
    for item in Lexer::new(body, 0) {
        match item {
            Item::Cell(cell) => cells.push(cell.span.range()),
            Item::Break(_) | Item::Stray(_) => return None,
        }
    }
    Some(cells)
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

/// The units written in one cell's text, with ranges into it.
fn cell_units(raw: &str) -> Vec<RawUnit<'_>> {
    let segs = cell_segments(raw);
    let mut units = Vec::new();
    grammar::units(raw, &segs, &mut Vec::new(), |name, span| {
        units.push((name, span));
    });
    units
}

fn owned_units(raw: &str) -> Vec<Unit<'static>> {
    cell_units(raw)
        .into_iter()
        .map(|(name, _)| Unit::new(name.into_owned()))
        .collect()
}

/// A cell holding `lines` joined by `eol`, ending as `old` ended.
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

fn pure_trivia(text: &str) -> bool {
    text.bytes()
        .all(|b| matches!(b, b'\t' | b'\n' | b'\r' | b' '))
}

impl<'a> Task<'a> {
    /// The task's own text, if it has one (parsed, or edited before); a task
    /// without one is written in the canonical layout.
    fn body(&self) -> Option<&str> {
        self.repr.body()
    }

    /// Replaces cell `k` with what `make` returns for its old text; returns
    /// the new cell text. A task without text of its own has nothing to
    /// splice: it is written canonically from its values. A text that does
    /// not hold four cells falls back to the canonical layout.
    fn replace_cell(&mut self, k: usize, make: impl FnOnce(&str) -> String) -> Option<String> {
        self.despan();
        let body = self.body()?.to_string();
        let new_body = cell_ranges(&body)
            .filter(|cells| cells.len() == 4)
            .map(|cells| {
                let range = cells[k].clone();
                let cell = make(&body[range.clone()]);
                let mut out = String::with_capacity(body.len() + cell.len());
                out.push_str(&body[..range.start]);
                out.push_str(&cell);
                out.push_str(&body[range.end..]);
                (out, cell)
            });
        match new_body {
            Some((body, cell)) => {
                self.repr.set_body(Some(Cow::Owned(body)));
                Some(cell)
            }
            None => {
                self.repr.set_body(None);
                None
            }
        }
    }

    fn despan(&mut self) {
        self.cells = [SpanSlot::NONE; 4];
        self.text_span = SpanSlot::NONE;
        for unit in self.units.all_mut() {
            unit.span = SpanSlot::NONE;
        }
    }

    /// Sets the number, rewriting only the number cell.
    pub fn set_number(&mut self, number: u32) {
        self.number = number;
        self.replace_cell(0, |old| format!("\t{number}{}", ending(old)));
    }

    /// Sets the text, rewriting only the text cell (lines of a multi-line
    /// text go on lines of their own, without a tab).
    pub fn set_text(&mut self, text: impl Into<Cow<'a, str>>) {
        self.text = text.into();
        let text = self.text.to_string();
        self.replace_cell(1, |old| cell_text(&text, old));
    }

    /// Sets both unit lists, rewriting the two unit cells.
    pub fn set_units(&mut self, units: UnitMapping<'a>) {
        let mut all = units.units;
        let local = all.split_off(units.split.min(all.len()));
        self.set_level_units(Level::District, all);
        self.set_level_units(Level::Local, local);
    }

    /// Sets the units of one level, rewriting only that cell.
    pub fn set_level_units(&mut self, level: Level, units: Vec<Unit<'a>>) {
        let joined = units.iter().map(Unit::name).collect::<Vec<_>>().join("、");
        self.units.set_level(level, units);
        self.replace_cell(level.cell(), |old| format!("\t{joined}{}", ending(old)));
    }

    /// Edits one unit cell's text with `edit` (given the cell text and its
    /// units), then reads the units back from the new text.
    fn edit_units(
        &mut self,
        level: Level,
        edit: impl FnOnce(&str, &[RawUnit<'_>]) -> Option<String>,
    ) -> bool {
        let Some(body) = self.body().map(str::to_string) else {
            return false;
        };
        let Some(cells) = cell_ranges(&body).filter(|c| c.len() == 4) else {
            return false;
        };
        let old = &body[cells[level.cell()].clone()];
        let units = cell_units(old);
        let Some(new_cell) = edit(old, &units) else {
            return false;
        };
        let mut cell = None;
        self.replace_cell(level.cell(), |_| {
            cell = Some(new_cell.clone());
            new_cell
        });
        if let Some(cell) = cell {
            self.units.set_level(level, owned_units(&cell));
        }
        true
    }

    /// Renames every unit called `old` in this task (either level) to `new`,
    /// replacing only the bytes of those names. Returns how many were
    /// renamed.
    pub fn rename_unit(&mut self, old: &str, new: &str) -> usize {
        let mut count = 0;
        for level in [Level::District, Level::Local] {
            if !self.units.level(level).iter().any(|u| u.name() == old) {
                continue;
            }
            let mut renamed = 0;
            let spliced = self.edit_units(level, |cell, units| {
                let mut out = String::with_capacity(cell.len() + new.len());
                let mut at = 0;
                for (name, span) in units {
                    if name == old {
                        out.push_str(&cell[at..span.start]);
                        out.push_str(new);
                        at = span.end;
                        renamed += 1;
                    }
                }
                out.push_str(&cell[at..]);
                Some(out)
            });
            if !spliced {
                for unit in self
                    .units
                    .level_mut(level)
                    .iter_mut()
                    .filter(|u| u.name() == old)
                {
                    unit.name = Cow::Owned(new.to_string());
                    renamed += 1;
                }
            }
            count += renamed;
        }
        count
    }

    /// Adds a unit at the end of one level's list, after a `、`.
    pub fn add_unit(&mut self, level: Level, name: &str) {
        let done = self.edit_units(level, |cell, units| {
            Some(match units.last() {
                Some((_, span)) => format!("{}、{name}{}", &cell[..span.end], &cell[span.end..]),
                None => format!("\t{name}{}", ending(cell)),
            })
        });
        if !done {
            let mut units = self.units.level(level).to_vec();
            units.push(Unit::new(name.to_string()));
            self.set_level_units(level, units);
        }
    }

    /// Removes the unit called `name` from one level's list, with one of the
    /// separators next to it. Returns whether it was there.
    pub fn remove_unit(&mut self, level: Level, name: &str) -> bool {
        if !self.units.level(level).iter().any(|u| u.name() == name) {
            return false;
        }
        let spliced = self.edit_units(level, |cell, units| {
            let i = units.iter().position(|(n, _)| n == name)?;
            let cut = if let Some((_, next)) = units.get(i + 1) {
                units[i].1.start..next.start
            } else if i > 0 {
                units[i - 1].1.end..units[i].1.end
            } else {
                units[i].1.range()
            };
            Some(format!("{}{}", &cell[..cut.start], &cell[cut.end..]))
        });
        if !spliced {
            let mut units = self.units.level(level).to_vec();
            if let Some(i) = units.iter().position(|u| u.name() == name) {
                units.remove(i);
            }
            self.units.set_level(level, units);
        }
        true
    }
}

/// The parts of a heading cell's text: the numeral's range and where the
/// title starts.
fn heading_parts(raw: &str) -> Option<(Range<usize>, usize)> {
    let segs = cell_segments(raw);
    let first = segs.first()?;
    let h = grammar::heading(&raw[first.start..first.end])?;
    h.close?;
    let numeral = first.start + h.numeral_at..first.start + h.numeral_at + h.numeral.len();
    Some((numeral, first.start + h.title_at))
}

impl<'a> Category<'a> {
    /// Rewrites the heading cell's text with `edit`, if the category has
    /// text of its own; otherwise it is written canonically from its values.
    fn edit_heading(&mut self, edit: impl FnOnce(&str) -> Option<String>) {
        self.span = SpanSlot::NONE;
        self.numeral_span = SpanSlot::NONE;
        self.title_span = SpanSlot::NONE;
        let Some(raw) = self.repr.body() else {
            return;
        };
        let body = edit(raw).map(Cow::Owned);
        self.repr.set_body(body);
    }

    /// Sets the number; the numeral becomes the standard one for it, and
    /// only the numeral's bytes in the heading change.
    pub fn set_number(&mut self, number: u32) {
        self.number = number;
        let numeral = numeral::to_chinese(number);
        self.edit_heading(|raw| {
            heading_parts(raw)
                .map(|(range, _)| format!("{}{numeral}{}", &raw[..range.start], &raw[range.end..]))
        });
        self.numeral = Cow::Owned(numeral);
    }

    /// Sets the title: the heading keeps its tab, parentheses and numeral;
    /// the title is written after them on the same line.
    pub fn set_title(&mut self, title: impl Into<Cow<'a, str>>) {
        self.title = title.into();
        let title = self.title.to_string();
        self.edit_heading(|raw| {
            heading_parts(raw).map(|(_, at)| format!("{}{title}{}", &raw[..at], ending(raw)))
        });
    }
}

/// The most common non-empty lead among `leads` that holds only blank
/// lines and filler cells.
fn typical_lead<'l>(leads: impl Iterator<Item = Option<&'l str>>) -> Option<String> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for lead in leads.flatten() {
        if lead.is_empty() || !pure_trivia(lead) {
            continue;
        }
        if let Some((_, n)) = counts.iter_mut().find(|(l, _)| *l == lead) {
            *n += 1;
        } else if counts.len() < 16 {
            counts.push((lead, 1));
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(_, n)| n)
        .map(|(l, _)| l.to_string())
}

impl<'a> Document<'a> {
    fn typical_task_lead(&self) -> String {
        typical_lead(self.tasks().map(|t| t.repr.lead()))
            .unwrap_or_else(|| self.line_ending.as_str().to_string())
    }

    fn typical_category_lead(&self) -> String {
        typical_lead(self.categories.iter().map(|c| c.repr.lead()))
            .unwrap_or_else(|| self.line_ending.as_str().to_string())
    }

    /// Renames the unit `old` to `new` in every task, at both levels,
    /// changing only the bytes of those names. Returns how many were renamed.
    pub fn rename_unit(&mut self, old: &str, new: &str) -> usize {
        self.categories
            .iter_mut()
            .flat_map(|c| c.tasks.iter_mut())
            .map(|t| t.rename_unit(old, new))
            .sum()
    }

    /// Inserts `task` into the category at `category` (an index), at
    /// `position` among its tasks, written in the layout of the tasks around
    /// it.
    ///
    /// # Errors
    ///
    /// [`EditError::OutOfRange`] if either index is past the end.
    pub fn insert_task(
        &mut self,
        category: usize,
        position: usize,
        mut task: Task<'a>,
    ) -> Result<(), EditError> {
        let lead = self.typical_task_lead();
        let len = self.categories.len();
        let cat = self
            .categories
            .get_mut(category)
            .ok_or(EditError::OutOfRange {
                index: category,
                len,
            })?;
        if position > cat.tasks.len() {
            return Err(EditError::OutOfRange {
                index: position,
                len: cat.tasks.len(),
            });
        }
        // A task right after its heading, in the heading's row: the new task
        // takes that place and the one it displaces starts a row of its own.
        let displaced_in_row = cat
            .tasks
            .get(position)
            .and_then(|t| t.repr.lead())
            .is_some_and(str::is_empty);
        let new_lead = if displaced_in_row {
            if let Some(task) = cat.tasks.get_mut(position) {
                task.repr.set_lead(Some(Cow::Owned(lead)));
            }
            String::new()
        } else {
            lead
        };
        task.repr.set_lead(Some(Cow::Owned(new_lead)));
        task.despan();
        cat.tasks.insert(position, task);
        Ok(())
    }

    /// Removes the first task numbered `number` (with the blank lines and
    /// filler cells before it) and returns it.
    pub fn remove_task(&mut self, number: u32) -> Option<Task<'a>> {
        for category in &mut self.categories {
            if let Some(i) = category.tasks.iter().position(|t| t.number == number) {
                let task = category.tasks.remove(i);
                // A task that sat in its heading's row leaves that place to
                // the next task, which then needs no separator before it.
                let was_in_row = task.repr.lead().is_some_and(str::is_empty);
                if was_in_row {
                    if let Some(next) = category.tasks.get_mut(i) {
                        if next.repr.lead().is_some_and(pure_trivia) {
                            next.repr.set_lead(Some(Cow::Borrowed("")));
                        }
                    }
                }
                return Some(task);
            }
        }
        None
    }

    /// Inserts `category` at `index` among the categories, written in the
    /// layout of the categories and tasks around it.
    ///
    /// # Errors
    ///
    /// [`EditError::OutOfRange`] if `index` is past the end.
    pub fn insert_category(
        &mut self,
        index: usize,
        mut category: Category<'a>,
    ) -> Result<(), EditError> {
        if index > self.categories.len() {
            return Err(EditError::OutOfRange {
                index,
                len: self.categories.len(),
            });
        }
        let category_lead = self.typical_category_lead();
        let task_lead = self.typical_task_lead();
        category.repr.set_lead(Some(Cow::Owned(category_lead)));
        for task in &mut category.tasks {
            if task.repr.lead().is_none() {
                task.repr.set_lead(Some(Cow::Owned(task_lead.clone())));
            }
        }
        self.categories.insert(index, category);
        Ok(())
    }

    /// Removes the first category numbered `number`, with its tasks, and
    /// returns it.
    pub fn remove_category(&mut self, number: u32) -> Option<Category<'a>> {
        let i = self.categories.iter().position(|c| c.number == number)?;
        Some(self.categories.remove(i))
    }

    /// Numbers the categories 一, 二, 三… and the tasks 1, 2, 3… in document
    /// order, rewriting only the numbers that change. Returns how many
    /// changed.
    pub fn renumber(&mut self) -> usize {
        let mut changed = 0;
        let mut next_task = 1u32;
        for (i, category) in self.categories.iter_mut().enumerate() {
            let number = u32::try_from(i + 1).unwrap_or(u32::MAX);
            if category.number != number || category.numeral != numeral::to_chinese(number) {
                category.set_number(number);
                changed += 1;
            }
            for task in &mut category.tasks {
                if task.number != next_task {
                    task.set_number(next_task);
                    changed += 1;
                }
                next_task = next_task.saturating_add(1);
            }
        }
        changed
    }
}

/// Applies `edits` to `text`. The edits must not overlap (two insertions at
/// one offset are applied in the order given).
///
/// # Errors
///
/// [`EditError::Overlap`] or [`EditError::BadSpan`]; the text is then not
/// changed.
///
/// ```
/// use fengong::{edit, Edit, Span};
/// let edits = [Edit { span: Span::new(3, 6), replacement: String::new() }];
/// assert_eq!(edit::apply("甲、、乙", &edits).unwrap(), "甲、乙");
/// ```
pub fn apply(text: &str, edits: &[Edit]) -> Result<String, EditError> {
    let mut order: Vec<&Edit> = edits.iter().collect();
    order.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let mut previous: Option<Span> = None;
    for edit in order {
        let span = edit.span;
        if span.end > text.len()
            || span.start > span.end
            || !text.is_char_boundary(span.start)
            || !text.is_char_boundary(span.end)
        {
            return Err(EditError::BadSpan(span));
        }
        if let Some(prev) = previous {
            if span.start < prev.end {
                return Err(EditError::Overlap {
                    first: prev,
                    second: span,
                });
            }
        }
        out.push_str(&text[at..span.start]);
        out.push_str(&edit.replacement);
        at = span.end;
        previous = Some(span);
    }
    out.push_str(&text[at..]);
    Ok(out)
}

/// Applies the fixes of `diagnostics` to `text`: safe fixes, and unsafe ones
/// too if `include_unsafe`. A fix whose edits overlap an earlier fix's is
/// left for a later pass. Returns the new text and the fixes applied.
pub fn apply_fixes<'d>(
    text: &str,
    diagnostics: &'d [Diagnostic],
    include_unsafe: bool,
) -> (String, Vec<&'d Diagnostic>) {
    // The spans taken so far, ordered: they do not overlap, so their ends
    // are in order too, and one look-up tells whether a span is free.
    let mut taken: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut edits: Vec<Edit> = Vec::new();
    let mut applied = Vec::new();
    for d in diagnostics {
        let Some(fix) = d.fix() else { continue };
        if fix.applicability == Applicability::Unsafe && !include_unsafe {
            continue;
        }
        if !fits(fix, &taken, text) {
            continue;
        }
        taken.extend(fix.edits.iter().map(|e| (e.span.start, e.span.end)));
        edits.extend(fix.edits.iter().cloned());
        applied.push(d);
    }
    match apply(text, &edits) {
        Ok(new) => (new, applied),
        Err(_) => (text.to_string(), Vec::new()),
    }
}

/// Whether every edit of `fix` is in the text and overlaps no taken span
/// (two spans overlap if each starts before the other ends; an empty span
/// overlaps only a span it is strictly inside).
fn fits(fix: &Fix, taken: &BTreeSet<(usize, usize)>, text: &str) -> bool {
    fix.edits.iter().all(|e| {
        let (start, end) = (e.span.start, e.span.end);
        // Of the taken spans that start before this one ends, the last
        // ends last.
        let free = taken
            .range(..(end, 0))
            .next_back()
            .is_none_or(|&(_, t_end)| t_end <= start);
        end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end) && free
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "附件：\r\n标题\r\n\t序号\r\n\t工作任务\r\n\t甲责任单位\r\n\t乙责任单位\r\n\r\n\t（一）类别\r\n\t1\r\n\t文本一\r\n\t 区甲 、区乙\r\n\t乙\r\n\r\n\t\r\n\t2\r\n\t文本二\r\n\t区甲\r\n\t乙、丙\r\n\r\n\t（二）类别二\r\n\t3\r\n\t文本三\r\n\t区丙\r\n\t丙\r\n";

    #[test]
    fn rename_changes_only_the_name() {
        let mut doc = crate::parse(DOC).unwrap();
        assert_eq!(doc.rename_unit("区甲", "区甲局"), 2);
        let out = doc.to_string();
        assert_eq!(out, DOC.replace("区甲", "区甲局"));
        assert_eq!(crate::parse(&out).unwrap(), doc);
    }

    #[test]
    fn set_text_rewrites_one_cell_with_the_documents_line_endings() {
        let mut doc = crate::parse(DOC).unwrap();
        doc.categories_mut()[0].tasks_mut()[1].set_text("新文本\n第二行");
        let out = doc.to_string();
        assert_eq!(out, DOC.replace("\t文本二\r\n", "\t新文本\r\n第二行\r\n"));
        assert_eq!(crate::parse(&out).unwrap(), doc);
    }

    #[test]
    fn add_and_remove_units() {
        let mut doc = crate::parse(DOC).unwrap();
        let task = &mut doc.categories_mut()[0].tasks_mut()[0];
        task.add_unit(Level::District, "区丁");
        assert!(task.remove_unit(Level::District, "区甲"));
        assert!(!task.remove_unit(Level::District, "无"));
        let out = doc.to_string();
        assert_eq!(out, DOC.replace("\t 区甲 、区乙\r\n", "\t 区乙、区丁\r\n"));
        let again = crate::parse(&out).unwrap();
        assert_eq!(again, doc);
        assert_eq!(
            again
                .task(1)
                .unwrap()
                .units()
                .district_names()
                .collect::<Vec<_>>(),
            ["区乙", "区丁"]
        );
    }

    #[test]
    fn insert_remove_and_renumber() {
        let mut doc = crate::parse(DOC).unwrap();
        let task = Task::new(9, "插入的任务", UnitMapping::new(["区甲"], ["乙"]));
        doc.insert_task(0, 1, task).unwrap();
        assert_eq!(doc.renumber(), 3);
        let out = doc.to_string();
        let expected = DOC
            .replace("\t1\r\n\t文本一\r\n\t 区甲 、区乙\r\n\t乙\r\n", "\t1\r\n\t文本一\r\n\t 区甲 、区乙\r\n\t乙\r\n\r\n\t\r\n\t2\r\n\t插入的任务\r\n\t区甲\r\n\t乙\r\n")
            .replace("\t2\r\n\t文本二", "\t3\r\n\t文本二")
            .replace("\t3\r\n\t文本三", "\t4\r\n\t文本三");
        assert_eq!(out, expected);
        let again = crate::parse(&out).unwrap();
        assert_eq!(again, doc);
        assert_eq!(
            again.tasks().map(Task::number).collect::<Vec<_>>(),
            [1, 2, 3, 4]
        );

        doc.remove_task(1).unwrap();
        let mut category = Category::new(7, "新类别");
        category.push_task(Task::new(5, "新任务", UnitMapping::new(["区甲"], ["乙"])));
        doc.insert_category(1, category).unwrap();
        doc.renumber();
        let out = doc.to_string();
        let again = crate::parse(&out).unwrap();
        assert_eq!(again, doc);
        assert_eq!(
            again
                .categories()
                .iter()
                .map(|c| c.numeral().to_string())
                .collect::<Vec<_>>(),
            ["一", "二", "三"]
        );
        assert!(
            out.contains("\r\n\t（二）新类别\r\n\r\n\t\r\n\t3\r\n\t新任务\r\n"),
            "{out}"
        );
        assert!(out.starts_with("附件：\r\n标题\r\n\t序号"));
        assert!(!out.contains("\t文本一"));
        assert_eq!(
            doc.insert_task(9, 0, Task::new(1, "x", UnitMapping::default())),
            Err(EditError::OutOfRange { index: 9, len: 3 })
        );
    }

    #[test]
    fn category_edits_touch_only_the_heading() {
        let mut doc = crate::parse(DOC).unwrap();
        doc.categories_mut()[1].set_title("新标题");
        doc.categories_mut()[0].set_number(5);
        let out = doc.to_string();
        assert_eq!(
            out,
            DOC.replace("（二）类别二", "（二）新标题")
                .replace("（一）类别", "（五）类别")
        );
        assert_eq!(crate::parse(&out).unwrap(), doc);
    }

    #[test]
    fn fixes_that_overlap_wait_for_a_later_pass() {
        let fix = |spans: &[(usize, usize)]| Fix {
            message: String::new(),
            applicability: Applicability::Safe,
            edits: spans
                .iter()
                .map(|&(s, e)| Edit {
                    span: Span::new(s, e),
                    replacement: String::new(),
                })
                .collect(),
        };
        let text = "0123456789";
        let taken: BTreeSet<(usize, usize)> = [(0, 3), (5, 5), (7, 9)].into();
        for (spans, free) in [
            (&[(2, 4)][..], false),
            (&[(3, 5)], true),
            (&[(3, 3)], true),
            (&[(1, 1)], false),
            (&[(4, 6)], false),
            (&[(5, 7)], true),
            (&[(5, 5)], true),
            (&[(6, 8)], false),
            (&[(9, 10)], true),
            (&[(3, 4), (8, 8)], false),
            (&[(0, 11)], false),
        ] {
            assert_eq!(fits(&fix(spans), &taken, text), free, "{spans:?}");
        }
        // A hundred thousand fixes on one line: one look-up each.
        let text = "[bookmark: x]".repeat(100_000);
        let diagnostics: Vec<Diagnostic> = (0..100_000)
            .map(|k| {
                Diagnostic::new(
                    crate::Code::ExtractionArtifact,
                    Span::new(13 * k, 13 * k + 13),
                    "",
                )
                .with_fix(fix(&[(13 * k, 13 * k + 13)]))
            })
            .collect();
        let (fixed, applied) = apply_fixes(&text, &diagnostics, false);
        assert_eq!((fixed.as_str(), applied.len()), ("", 100_000));
    }

    #[test]
    fn apply_rejects_overlaps_and_bad_spans() {
        let e = |s, t, r: &str| Edit {
            span: Span::new(s, t),
            replacement: r.to_string(),
        };
        assert_eq!(
            apply("abcdef", &[e(4, 5, "X"), e(0, 1, "Y")]).unwrap(),
            "YbcdXf"
        );
        assert!(matches!(
            apply("abcdef", &[e(0, 3, ""), e(2, 4, "")]),
            Err(EditError::Overlap { .. })
        ));
        assert!(matches!(
            apply("甲", &[e(0, 1, "")]),
            Err(EditError::BadSpan(_))
        ));
        assert!(matches!(
            apply("a", &[e(0, 5, "")]),
            Err(EditError::BadSpan(_))
        ));
    }
}
