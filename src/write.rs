//! Documents to text: the lossless `Display` and the canonical writer.
//!
//! `Display` writes every node from the text it was parsed from, so a parsed
//! document prints back its input byte for byte; a node built in code or
//! changed through a setter has no such text and is written in the canonical
//! layout, with the document's line ending.
//!
//! [`to_canonical_string`] ignores the source text and writes the whole
//! document in one regular layout, a table in its own columns:
//!
//! ```text
//! 附件：
//! 东疆重点任务清单和责任分工表
//! →序号
//! →工作任务
//! →滨海新区责任单位
//! →东疆责任单位
//!
//! →（一）加大援企稳岗力度
//!
//! →1
//! →继续阶段性降低本市失业保险缴费费率至2021年7月31日。
//! →区人社局
//! →人社局
//! ```
//!
//! (`→` stands for a tab.) A heading is a row of one cell (`一、…` for the
//! upper level, `（一）…` for the lower); units are joined with `、`; units of
//! a role that has no column of its own go into the first unit column with
//! their role word (`甲牵头，乙配合`); lines of a task text each go on their
//! own line; the text ends with one line feed. A list document is written
//! as a list:
//!
//! ```text
//! 2023年重点工作任务分工方案
//!
//! 一、经济社会发展的主要预期目标
//! 1.努力实现地区生产总值增长6.2%左右。（牵头单位：区发改局；责任单位：立山经济开发区）
//! ```
//!
//! Parsing the canonical text gives back an equal document, and writing it
//! again gives the same bytes, for every document whose values the layout
//! can hold (see [`Document::validate`](crate::Document::validate)).
//!
//! ```
//! let text = std::fs::read_to_string("seeds/000_ecc403549f0e7389.txt").unwrap();
//! let doc = fengong::parse(&text).unwrap();
//! let canonical = fengong::to_canonical_string(&doc);
//! let again = fengong::parse(&canonical).unwrap();
//! assert_eq!(again, doc);
//! assert_eq!(fengong::to_canonical_string(&again), canonical);
//! ```

use std::fmt::{self, Write};

use crate::column::{Columns, Role, UnitRole};
use crate::model::{Category, Document, HeadingStyle, Layout, LineEnding, Task, Unit};

/// Writes `doc` in the canonical layout, with `\n` line endings.
pub fn to_canonical_string(doc: &Document<'_>) -> String {
    to_canonical_string_with(doc, LineEnding::Lf)
}

/// Writes `doc` in the canonical layout with `line_ending`.
///
/// ```
/// let doc = fengong::parse("附件：\r\n标题\r\n\t序号\r\n\t工作任务\r\n\t甲责任单位\r\n\t乙责任单位\r\n").unwrap();
/// let text = fengong::to_canonical_string_with(&doc, doc.line_ending());
/// assert!(text.ends_with("\t乙责任单位\r\n"));
/// ```
pub fn to_canonical_string_with(doc: &Document<'_>, line_ending: LineEnding) -> String {
    let mut out = String::with_capacity(estimate(doc));
    let writer = Writer {
        canonical: true,
        eol: line_ending.as_str(),
        columns: &doc.header.columns,
        layout: doc.layout,
    };
    // Writing to a String cannot fail.
    let _ = writer.document(&mut out, doc);
    out
}

fn estimate(doc: &Document<'_>) -> usize {
    doc.tasks()
        .map(|t| t.text.len() + 16 * t.units.all().len() + 16)
        .sum::<usize>()
        + 256
}

impl fmt::Display for Document<'_> {
    /// Writes the document: parsed parts exactly as they were read, new or
    /// changed parts in the canonical layout.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Writer {
            canonical: false,
            eol: self.line_ending.as_str(),
            columns: &self.header.columns,
            layout: self.layout,
        }
        .document(f, self)
    }
}

impl fmt::Display for Task<'_> {
    /// Writes the task's own text (without what comes before it): as read,
    /// or else as the cells of the seed's four columns.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let columns = Columns::two_levels("", "");
        Writer {
            canonical: false,
            eol: "\n",
            columns: &columns,
            layout: Layout::Table,
        }
        .task_body(f, self)
    }
}

impl fmt::Display for Category<'_> {
    /// Writes the heading's own text (without its tasks).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let columns = Columns::default();
        Writer {
            canonical: false,
            eol: "\n",
            columns: &columns,
            layout: Layout::Table,
        }
        .category_body(f, self)
    }
}

struct Writer<'c, 'a> {
    canonical: bool,
    eol: &'static str,
    columns: &'c Columns<'a>,
    layout: Layout,
}

impl Writer<'_, '_> {
    fn document(&self, out: &mut impl Write, doc: &Document<'_>) -> fmt::Result {
        match (&doc.preamble.raw, self.canonical) {
            (Some(raw), false) => out.write_str(raw)?,
            _ => {
                if let Some(label) = &doc.preamble.label {
                    self.line(out, label)?;
                }
                self.line(out, &doc.preamble.title)?;
                if self.layout == Layout::List {
                    out.write_str(self.eol)?;
                }
            }
        }
        match (&doc.header.raw, self.canonical) {
            (Some(raw), false) => out.write_str(raw)?,
            _ if self.layout == Layout::List => {}
            _ => {
                for column in self.columns {
                    self.cell(out, column.label())?;
                }
            }
        }
        for task in &doc.tasks {
            self.task(out, task)?;
        }
        for category in &doc.categories {
            self.category(out, category)?;
        }
        if !self.canonical {
            out.write_str(&doc.trailer)?;
        }
        Ok(())
    }

    fn category(&self, out: &mut impl Write, category: &Category<'_>) -> fmt::Result {
        self.lead(out, category.repr.lead())?;
        self.category_body(out, category)?;
        for task in &category.tasks {
            self.task(out, task)?;
        }
        for sub in &category.categories {
            self.category(out, sub)?;
        }
        Ok(())
    }

    fn task(&self, out: &mut impl Write, task: &Task<'_>) -> fmt::Result {
        self.lead(out, task.repr.lead())?;
        self.task_body(out, task)
    }

    /// What comes before a node: its own trivia, or in the canonical
    /// layout a blank line before each row of a table (nothing in a list).
    fn lead(&self, out: &mut impl Write, lead: Option<&str>) -> fmt::Result {
        match lead {
            Some(lead) if !self.canonical => out.write_str(lead),
            _ if self.layout == Layout::List => Ok(()),
            _ => out.write_str(self.eol),
        }
    }

    fn line(&self, out: &mut impl Write, text: &str) -> fmt::Result {
        out.write_str(text)?;
        out.write_str(self.eol)
    }

    /// A cell: a tab, then the text, each further line on its own line.
    fn cell(&self, out: &mut impl Write, text: &str) -> fmt::Result {
        out.write_char('\t')?;
        let mut first = true;
        for line in text.split('\n') {
            let line = line.strip_suffix('\r').unwrap_or(line);
            if line.trim().is_empty() && !first {
                continue;
            }
            if !first {
                out.write_str(self.eol)?;
            }
            out.write_str(line)?;
            first = false;
        }
        out.write_str(self.eol)
    }

    fn names(out: &mut impl Write, units: &[Unit<'_>]) -> fmt::Result {
        for (i, unit) in units.iter().enumerate() {
            if i > 0 {
                out.write_char('、')?;
            }
            out.write_str(&unit.name)?;
        }
        Ok(())
    }

    fn category_body(&self, out: &mut impl Write, category: &Category<'_>) -> fmt::Result {
        match category.repr.body() {
            Some(body) if !self.canonical => out.write_str(body),
            _ => {
                if self.layout == Layout::Table {
                    out.write_char('\t')?;
                }
                match category.style {
                    HeadingStyle::Enumerated => {
                        out.write_str(&category.numeral)?;
                        out.write_char('、')?;
                    }
                    HeadingStyle::Parenthesized => {
                        out.write_char('（')?;
                        out.write_str(&category.numeral)?;
                        out.write_char('）')?;
                    }
                    HeadingStyle::Unnumbered => {}
                }
                out.write_str(&category.title)?;
                out.write_str(self.eol)
            }
        }
    }

    fn task_body(&self, out: &mut impl Write, task: &Task<'_>) -> fmt::Result {
        match task.repr.body() {
            Some(body) if !self.canonical => out.write_str(body),
            _ if self.layout == Layout::List => self.list_task(out, task),
            _ => self.table_task(out, task),
        }
    }

    /// A task as a table row: one cell per column.
    fn table_task(&self, out: &mut impl Write, task: &Task<'_>) -> fmt::Result {
        let home = self.columns.unit_roles().next();
        for (k, column) in self.columns.iter().enumerate() {
            match column.role() {
                Role::Number => {
                    write!(out, "\t{}{}", task.number, self.eol)?;
                }
                Role::Text => self.cell(out, &task.text)?,
                Role::Units(role) => {
                    out.write_char('\t')?;
                    if Some(role) == home {
                        let has_column = |r| self.columns.units_column(r).is_some();
                        out.write_str(&unit_groups(task, role, has_column))?;
                    } else {
                        Self::names(out, task.units.get(role))?;
                    }
                    out.write_str(self.eol)?;
                }
                Role::Leaders => {
                    out.write_char('\t')?;
                    Self::names(out, task.leaders())?;
                    out.write_str(self.eol)?;
                }
                Role::Deadline => self.cell(out, task.deadline().unwrap_or(""))?,
                Role::Remarks => self.cell(out, task.remarks().unwrap_or(""))?,
                Role::Other => {
                    let value = task
                        .other_columns()
                        .find(|&(i, _, _)| i == k)
                        .map_or("", |(_, _, v)| v);
                    self.cell(out, value)?;
                }
            }
        }
        Ok(())
    }

    /// A task as a paragraph of a list: number, text, role clause.
    fn list_task(&self, out: &mut impl Write, task: &Task<'_>) -> fmt::Result {
        // A text that starts with a digit after `1.` could read as a
        // decimal number: `、` cannot.
        let digit_first = task.text.starts_with(crate::grammar::is_digit);
        write!(
            out,
            "{}{}",
            task.number,
            if digit_first { '、' } else { '.' }
        )?;
        out.write_str(&task.text)?;
        let names =
            |units: &[Unit<'_>]| units.iter().map(Unit::name).collect::<Vec<_>>().join("、");
        let mut fields: Vec<(&str, String)> = Vec::new();
        if !task.leaders().is_empty() {
            fields.push(("责任领导", names(task.leaders())));
        }
        for (role, units) in task.units.roles() {
            fields.push((role.label(), names(units)));
        }
        if let Some(deadline) = task.deadline() {
            fields.push(("完成时限", deadline.to_string()));
        }
        if let Some(remarks) = task.remarks() {
            fields.push(("备注", remarks.to_string()));
        }
        for (i, (label, value)) in fields.iter().enumerate() {
            out.write_str(if i == 0 { "（" } else { "；" })?;
            out.write_str(label)?;
            out.write_char('：')?;
            out.write_str(value)?;
        }
        if !fields.is_empty() {
            out.write_char('）')?;
        }
        out.write_str(self.eol)
    }
}

/// The text of a table's first unit column's cell: its own role's units,
/// and the units of roles without a column of their own (`has_column` says
/// which have one), each such group with its role word (`甲牵头，乙、丙配合`).
/// The two levels of the seed's layout hold names only.
pub(crate) fn unit_groups(
    task: &Task<'_>,
    home: UnitRole,
    has_column: impl Fn(UnitRole) -> bool,
) -> String {
    let level = matches!(home, UnitRole::District | UnitRole::Local);
    let without_column = |r: UnitRole| r != home && !has_column(r);
    let mut order = Vec::with_capacity(3);
    if !level && without_column(UnitRole::Lead) {
        order.push(UnitRole::Lead);
    }
    order.push(home);
    if !level {
        order.extend(
            [UnitRole::Support, UnitRole::Responsible]
                .into_iter()
                .filter(|&r| without_column(r)),
        );
    }
    let mut out = String::new();
    for role in order {
        let units = task.units.get(role);
        if units.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('，');
        }
        for (i, unit) in units.iter().enumerate() {
            if i > 0 {
                out.push('、');
            }
            out.push_str(unit.name());
        }
        if role != home {
            out.push_str(role_word(role));
        }
    }
    out
}

/// The word that gives a group of units its role inside a cell.
pub(crate) fn role_word(role: UnitRole) -> &'static str {
    match role {
        UnitRole::Lead => "牵头",
        UnitRole::Support => "配合",
        _ => "负责",
    }
}
