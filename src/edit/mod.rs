//! Format-preserving edits.
//!
//! Every edit changes only what it touches: renaming a unit replaces the
//! bytes of that name and nothing else; setting a task's text rewrites its
//! text cell (or the text of its paragraph) and keeps the rest, the blank
//! lines and filler cells around it, and the document's line endings. New
//! tasks and headings are written in the layout of their neighbours. Edits
//! read a task's own text with the parser's reader, so they see what the
//! parser saw.
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

use crate::column::UnitRole;
use crate::diagnostic::{Applicability, Code, Diagnostic, Edit, Fix};
use crate::model::{Category, Document, ShapeKind, Task, Unit, UnitMapping};
use crate::numeral;
use crate::span::{Span, SpanSlot};

mod paragraph;
mod row;

pub use crate::column::Level;

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

/// The line ending at the end of a piece of text (`""` for a last line
/// without one).
pub(crate) fn ending(raw: &str) -> &'static str {
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

/// Replaces `range` of `text`.
pub(crate) fn splice(text: &str, range: std::ops::Range<usize>, with: &str) -> String {
    let mut out = String::with_capacity(text.len() + with.len());
    out.push_str(&text[..range.start]);
    out.push_str(with);
    out.push_str(&text[range.end..]);
    out
}

fn pure_trivia(text: &str) -> bool {
    text.bytes()
        .all(|b| matches!(b, b'\t' | b'\n' | b'\r' | b' '))
}

impl<'a> Task<'a> {
    /// Forgets the spans: they no longer point into the source once the
    /// task's text changes.
    pub(crate) fn despan(&mut self) {
        self.span = SpanSlot::NONE;
        self.number_span = SpanSlot::NONE;
        self.text_span = SpanSlot::NONE;
        for unit in self.units.all_mut() {
            unit.span = SpanSlot::NONE;
        }
        if let Some(extras) = &mut self.extras {
            for leader in &mut extras.leaders {
                leader.span = SpanSlot::NONE;
            }
            for field in [&mut extras.deadline, &mut extras.remarks]
                .into_iter()
                .flatten()
            {
                field.span = SpanSlot::NONE;
            }
        }
    }

    /// Rewrites the task's own text with `edit`; `None` from `edit` (or a
    /// task without text of its own) leaves it to be written canonically.
    fn rewrite(&mut self, edit: impl FnOnce(&Task<'a>, &str) -> Option<String>) {
        let new = self.repr.body().and_then(|body| edit(self, body));
        self.despan();
        if self.repr.body().is_some() {
            self.repr.set_body(new.map(Cow::Owned));
        }
    }

    /// Sets the number, rewriting only the number.
    pub fn set_number(&mut self, number: u32) {
        self.number = number;
        self.rewrite(|task, body| match task.shape.kind {
            ShapeKind::Row => row::set_number(task, body, number),
            ShapeKind::Paragraph => paragraph::set_number(body, number),
            ShapeKind::Unknown => None,
        });
    }

    /// Sets the text, rewriting only the text.
    ///
    /// A text is one line. A line break in `text` is written as a wrap (in
    /// a table, a line of its own without a tab), and so reads back joined
    /// with nothing; [`Document::validate`](crate::Document::validate)
    /// reports it.
    pub fn set_text(&mut self, text: impl Into<Cow<'a, str>>) {
        self.text = text.into();
        self.rewrite(|task, body| match task.shape.kind {
            ShapeKind::Row => row::set_text(task, body),
            ShapeKind::Paragraph => paragraph::set_text(body, &task.text),
            ShapeKind::Unknown => None,
        });
    }

    /// Sets every role's units, rewriting what holds them.
    pub fn set_units(&mut self, units: UnitMapping<'a>) {
        for role in UnitRole::ALL {
            let new = units.get(role).to_vec();
            if new != self.units.get(role) {
                self.set_role_units(role, new);
            }
        }
        self.units.levels = units.levels || self.units.levels;
    }

    /// Sets the units of one level of a two-level table.
    pub fn set_level_units(&mut self, level: Level, units: Vec<Unit<'a>>) {
        self.set_role_units(level.into(), units);
    }

    /// Sets the units of one role, rewriting only what holds them: their
    /// cell, their field of the role clause or their label line.
    ///
    /// ```
    /// use fengong::{Unit, UnitRole};
    /// let text = "2023年分工方案\n一、目标\n1.增长6%。（牵头单位：区发改局；责任单位：各街道）\n";
    /// let mut doc = fengong::parse(text).unwrap();
    /// doc.task_mut(1).unwrap().set_role_units(UnitRole::Support, vec![Unit::new("区财政局")]);
    /// assert_eq!(
    ///     doc.to_string(),
    ///     "2023年分工方案\n一、目标\n1.增长6%。（牵头单位：区发改局；责任单位：各街道；配合单位：区财政局）\n"
    /// );
    /// ```
    pub fn set_role_units(&mut self, role: UnitRole, units: Vec<Unit<'a>>) {
        self.units.set(role, units);
        self.rewrite(|task, body| match task.shape.kind {
            ShapeKind::Row => row::set_units(task, body, role),
            ShapeKind::Paragraph => paragraph::set_units(task, body, role),
            ShapeKind::Unknown => None,
        });
    }

    /// Renames every unit called `old` in this task (any role) to `new`,
    /// replacing only the bytes of those names. Returns how many were
    /// renamed.
    pub fn rename_unit(&mut self, old: &str, new: &str) -> usize {
        let count = self.units.all().iter().filter(|u| u.name() == old).count();
        if count == 0 {
            return 0;
        }
        let mut spliced = false;
        self.rewrite(|task, body| {
            let spans: Vec<Span> = match task.shape.kind {
                ShapeKind::Row => row::unit_spans(task, body)?,
                ShapeKind::Paragraph => paragraph::unit_spans(body),
                ShapeKind::Unknown => return None,
            }
            .into_iter()
            .filter(|(_, name, _)| name == old)
            .map(|(_, _, span)| span)
            .collect();
            if spans.len() != count {
                return None;
            }
            let mut out = body.to_string();
            for span in spans.iter().rev() {
                out.replace_range(span.range(), new);
            }
            spliced = true;
            Some(out)
        });
        let _ = spliced;
        for unit in self.units.all_mut().iter_mut().filter(|u| u.name() == old) {
            unit.name = Cow::Owned(new.to_string());
        }
        count
    }

    /// Adds a unit at the end of one role's list, after a `、`.
    pub fn add_unit(&mut self, role: impl Into<UnitRole>, name: &str) {
        let role = role.into();
        if self.units.get(role).is_empty() {
            self.set_role_units(role, vec![Unit::new(name.to_string())]);
            return;
        }
        self.units.push(role, Unit::new(name.to_string()));
        self.rewrite(|task, body| {
            let spans = match task.shape.kind {
                ShapeKind::Row => row::unit_spans(task, body)?,
                ShapeKind::Paragraph => paragraph::unit_spans(body),
                ShapeKind::Unknown => return None,
            };
            let (_, _, last) = spans.iter().rev().find(|(r, _, _)| *r == role)?;
            Some(splice(body, last.end..last.end, &format!("、{name}")))
        });
    }

    /// Removes the unit called `name` from one role's list, with one of the
    /// separators next to it. Returns whether it was there.
    pub fn remove_unit(&mut self, role: impl Into<UnitRole>, name: &str) -> bool {
        let role = role.into();
        let units = self.units.get(role);
        let Some(i) = units.iter().position(|u| u.name() == name) else {
            return false;
        };
        if units.len() == 1 {
            self.set_role_units(role, Vec::new());
            return true;
        }
        let mut rest = units.to_vec();
        rest.remove(i);
        self.units.set(role, rest);
        self.rewrite(|task, body| {
            let spans: Vec<(UnitRole, String, Span)> = match task.shape.kind {
                ShapeKind::Row => row::unit_spans(task, body)?,
                ShapeKind::Paragraph => paragraph::unit_spans(body),
                ShapeKind::Unknown => return None,
            };
            let mine: Vec<Span> = spans
                .iter()
                .filter(|(r, _, _)| *r == role)
                .map(|(_, _, s)| *s)
                .collect();
            let k = spans
                .iter()
                .filter(|(r, _, _)| *r == role)
                .position(|(_, n, _)| n == name)?;
            // The separator after it, or else the one before it, if it is
            // between two names of the role and nothing else.
            let between = |a: Span, b: Span| {
                let gap = &body[a.end..b.start];
                gap.trim_matches(|c: char| crate::lex::is_space(c)) == "、"
            };
            let cut = match (k.checked_sub(1).map(|p| mine[p]), mine.get(k + 1)) {
                (_, Some(&next)) if between(mine[k], next) => mine[k].start..next.start,
                (Some(prev), _) if between(prev, mine[k]) => prev.end..mine[k].end,
                _ => return None,
            };
            Some(splice(body, cut, ""))
        });
        true
    }
}

impl<'a> Category<'a> {
    /// Rewrites the heading's text with `edit`, if the heading has text of
    /// its own; otherwise it is written canonically from its values.
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
        if !self.is_numbered() {
            self.style = crate::model::HeadingStyle::Parenthesized;
            self.edit_heading(|_| None);
        }
        self.edit_heading(|raw| {
            row::heading_parts(raw).map(|(range, _)| splice(raw, range, &numeral))
        });
        self.numeral = Cow::Owned(numeral);
    }

    /// Sets the title: the heading keeps its tab, parentheses and numeral;
    /// the title is written after them on the same line (the rest of a list
    /// heading's paragraph after its title stays).
    pub fn set_title(&mut self, title: impl Into<Cow<'a, str>>) {
        let old = self.title.to_string();
        self.title = title.into();
        let title = self.title.to_string();
        self.edit_heading(|raw| {
            let (_, at) = row::heading_parts(raw)?;
            let rest = &raw[at..];
            let lead = rest.len() - rest.trim_start_matches(crate::lex::is_space).len();
            let start = at + lead;
            if !old.is_empty()
                && raw[start..].starts_with(&old)
                && !raw[start + old.len()..].trim_end().is_empty()
            {
                // A paragraph that goes on after its title.
                return Some(splice(raw, start..start + old.len(), &title));
            }
            Some(format!("{}{title}{}", &raw[..at], ending(raw)))
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
        typical_lead(self.tasks().map(|t| t.repr.lead())).unwrap_or_else(|| self.default_lead())
    }

    fn typical_category_lead(&self) -> String {
        typical_lead(self.all_categories().into_iter().map(|c| c.repr.lead()))
            .unwrap_or_else(|| self.default_lead())
    }

    fn default_lead(&self) -> String {
        match self.layout {
            crate::Layout::List => String::new(),
            _ => self.line_ending.as_str().to_string(),
        }
    }

    /// Renames the unit `old` to `new` in every task, in every role,
    /// changing only the bytes of those names. Returns how many were renamed.
    pub fn rename_unit(&mut self, old: &str, new: &str) -> usize {
        fn walk(categories: &mut [Category<'_>], old: &str, new: &str) -> usize {
            categories
                .iter_mut()
                .map(|c| {
                    c.tasks
                        .iter_mut()
                        .map(|t| t.rename_unit(old, new))
                        .sum::<usize>()
                        + walk(&mut c.categories, old, new)
                })
                .sum()
        }
        let roots: usize = self.tasks.iter_mut().map(|t| t.rename_unit(old, new)).sum();
        roots + walk(&mut self.categories, old, new)
    }

    /// Inserts `task` into the top-level heading at `category` (an index),
    /// at `position` among its own tasks, written in the layout of the tasks
    /// around it.
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
        let levels = self.header.columns.has_levels();
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
        task.units.levels |= levels;
        cat.tasks.insert(position, task);
        Ok(())
    }

    /// Removes the first task numbered `number` (with the blank lines and
    /// filler cells before it) and returns it.
    pub fn remove_task(&mut self, number: u32) -> Option<Task<'a>> {
        fn remove<'a>(tasks: &mut Vec<Task<'a>>, number: u32) -> Option<Task<'a>> {
            let i = tasks.iter().position(|t| t.number == number)?;
            let task = tasks.remove(i);
            // A task that sat in its heading's row leaves that place to the
            // next task, which then needs no separator before it.
            if task.repr.lead().is_some_and(str::is_empty) {
                if let Some(next) = tasks.get_mut(i) {
                    if next.repr.lead().is_some_and(pure_trivia) {
                        next.repr.set_lead(Some(Cow::Borrowed("")));
                    }
                }
            }
            Some(task)
        }
        fn walk<'a>(categories: &mut [Category<'a>], number: u32) -> Option<Task<'a>> {
            for c in categories {
                if let Some(t) = remove(&mut c.tasks, number) {
                    return Some(t);
                }
                if let Some(t) = walk(&mut c.categories, number) {
                    return Some(t);
                }
            }
            None
        }
        remove(&mut self.tasks, number).or_else(|| walk(&mut self.categories, number))
    }

    /// Inserts `category` at `index` among the top-level headings, written
    /// in the layout of the headings and tasks around it.
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
        let levels = self.header.columns.has_levels();
        category.repr.set_lead(Some(Cow::Owned(category_lead)));
        for task in &mut category.tasks {
            task.units.levels |= levels;
            if task.repr.lead().is_none() {
                task.repr.set_lead(Some(Cow::Owned(task_lead.clone())));
            }
        }
        self.categories.insert(index, category);
        Ok(())
    }

    /// Removes the first top-level heading numbered `number`, with its
    /// tasks and the headings under it, and returns it.
    pub fn remove_category(&mut self, number: u32) -> Option<Category<'a>> {
        let i = self
            .categories
            .iter()
            .position(|c| c.is_numbered() && c.number == number)?;
        Some(self.categories.remove(i))
    }

    /// Numbers the headings 一, 二, 三… at each level (under each upper
    /// heading anew) and the tasks 1, 2, 3… in document order, rewriting only
    /// the numbers that change. Returns how many changed.
    pub fn renumber(&mut self) -> usize {
        fn tasks(tasks: &mut [Task<'_>], next: &mut u32, changed: &mut usize) {
            for task in tasks {
                if task.number != *next {
                    task.set_number(*next);
                    *changed += 1;
                }
                *next = next.saturating_add(1);
            }
        }
        fn walk(categories: &mut [Category<'_>], next: &mut u32, changed: &mut usize) {
            let mut n = 0u32;
            for category in categories {
                if category.is_numbered() {
                    n = n.saturating_add(1);
                    if category.number != n || category.numeral != numeral::to_chinese(n) {
                        category.set_number(n);
                        *changed += 1;
                    }
                }
                tasks(&mut category.tasks, next, changed);
                walk(&mut category.categories, next, changed);
            }
        }
        let mut changed = 0;
        let mut next = 1u32;
        tasks(&mut self.tasks, &mut next, &mut changed);
        walk(&mut self.categories, &mut next, &mut changed);
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
/// too if `include_unsafe`. Returns the new text and the fixes applied.
///
/// Some fixes are left for a later pass, which reads the text again (as
/// [`lint::fix`](crate::lint::fix) and `check --fix` do):
/// - a fix whose edits overlap an earlier fix's;
/// - a task renumbering ([`Code::TaskNumberSequence`]) when a category
///   renumbering ([`Code::CategoryNumberSequence`]) is applied in the same
///   pass. A heading's numeral tells where a list's plan starts (a plan
///   starts at its `一、`), so renumbering the headings can change which
///   numbered lines are tasks at all, and the task numbers must be read
///   again.
///
/// And some are not applied at all: a fix that would join a `\r` and a
/// `\n` into one line ending (`\r\t\n` with its tab deleted, in a text
/// of mixed line endings), or split one, changes where lines end, and so
/// what the text reads as.
///
/// [`Code::TaskNumberSequence`]: crate::Code::TaskNumberSequence
/// [`Code::CategoryNumberSequence`]: crate::Code::CategoryNumberSequence
pub fn apply_fixes<'d>(
    text: &str,
    diagnostics: &'d [Diagnostic],
    include_unsafe: bool,
) -> (String, Vec<&'d Diagnostic>) {
    let wanted = |d: &Diagnostic| {
        d.fix()
            .is_some_and(|fix| include_unsafe || fix.applicability != Applicability::Unsafe)
    };
    let headings_renumbered = diagnostics
        .iter()
        .any(|d| d.code() == Code::CategoryNumberSequence && wanted(d));
    // The spans taken so far, ordered: they do not overlap, so their ends
    // are in order too, and one look-up tells whether a span is free.
    let mut taken: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut applied = Vec::new();
    for d in diagnostics {
        let Some(fix) = d.fix() else { continue };
        if !wanted(d) || (headings_renumbered && d.code() == Code::TaskNumberSequence) {
            continue;
        }
        if !fits(fix, &taken, text) {
            continue;
        }
        taken.extend(fix.edits.iter().map(|e| (e.span.start, e.span.end)));
        applied.push(d);
    }
    // The fixes that would join or split a line ending are dropped; doing
    // so can bring others next to a `\r` or a `\n`: a few rounds, then
    // nothing (only a text of mixed line endings gets here).
    let mut edits: Vec<(&Edit, usize)> = Vec::new();
    for _ in 0..4 {
        edits.clear();
        edits.extend(applied.iter().enumerate().flat_map(|(k, d)| {
            d.fix()
                .map_or(&[][..], |f| f.edits.as_slice())
                .iter()
                .map(move |e| (e, k))
        }));
        edits.sort_by_key(|(e, _)| (e.span.start, e.span.end));
        let mut drop = line_end_changes(text, &edits);
        if drop.is_empty() {
            let edits: Vec<Edit> = edits.iter().map(|(e, _)| (*e).clone()).collect();
            return match apply(text, &edits) {
                Ok(new) => (new, applied),
                Err(_) => (text.to_string(), Vec::new()),
            };
        }
        drop.sort_unstable();
        drop.dedup();
        let mut k = 0;
        applied.retain(|_| {
            k += 1;
            drop.binary_search(&(k - 1)).is_err()
        });
    }
    (text.to_string(), Vec::new())
}

/// The owners (the second of each pair) of the edits that would change
/// where lines end: join a `\r` and a `\n` that are not next to each other
/// in `text` into one line ending, or put text between the `\r` and the
/// `\n` of one. `edits` are sorted and do not overlap.
fn line_end_changes(text: &str, edits: &[(&Edit, usize)]) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    // Whether the last byte written is a `\r`, and where it is in `text`
    // (`None` if an edit wrote it).
    let mut last_cr: Option<Option<usize>> = None;
    // Writes `chunk` (from `text` at `from`, or an edit's): whether it
    // starts with a `\n` that joins a `\r` it did not follow in `text`.
    let mut joins = |chunk: &[u8], from: Option<usize>| -> bool {
        let Some((&first, &end)) = chunk.first().zip(chunk.last()) else {
            return false;
        };
        let joined = first == b'\n'
            && last_cr.is_some_and(|cr| !matches!((cr, from), (Some(p), Some(q)) if q == p + 1));
        last_cr = (end == b'\r').then(|| from.map(|q| q + chunk.len() - 1));
        joined
    };
    // The owner of the last edit met.
    let mut recent: Option<usize> = None;
    let mut at = 0;
    for &(edit, owner) in edits {
        let (start, end) = (edit.span.start, edit.span.end);
        let (Some(before), Some(_)) = (bytes.get(at..start), bytes.get(start..end)) else {
            continue;
        };
        if joins(before, Some(at)) {
            found.extend(recent);
        }
        recent = Some(owner);
        // Text put between the `\r` and the `\n` of one line ending.
        let splits = start > 0
            && bytes[start - 1] == b'\r'
            && bytes.get(start) == Some(&b'\n')
            && !edit.replacement.is_empty();
        if joins(edit.replacement.as_bytes(), None) || splits {
            found.push(owner);
        }
        at = end;
    }
    if joins(bytes.get(at..).unwrap_or_default(), Some(at)) {
        found.extend(recent);
    }
    found
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
mod tests;
