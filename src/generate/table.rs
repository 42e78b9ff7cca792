//! Tables of other column sets than the seed's: lead and supporting units,
//! or leaders, lead and responsible units and a deadline, under `一、`
//! heading rows.

use std::borrow::Cow;
use std::fmt::Write as _;

use super::vocab::{DEADLINES, LEADERS, OFFICES};
use super::{Form, Generator};
use crate::column::{Columns, UnitRole};
use crate::model::{Category, Document, HeadingStyle, Task, UnitMapping};
use crate::numeral;

const LEAD_SUPPORT: [&str; 4] = ["序号", "重点任务", "牵头单位", "配合单位"];
const LEADERS_DEADLINE: [&str; 6] = [
    "序号",
    "重点工作",
    "责任领导",
    "牵头单位",
    "责任单位",
    "完成时限",
];

impl Generator<'_> {
    /// The whole document.
    pub(super) fn other_table(&mut self) {
        let (title, labels): (&str, &[&str]) = match self.options.form {
            Form::LeadersDeadlineTable => ("2024年度重点工作责任分解表", &LEADERS_DEADLINE),
            _ => ("2024年市政府工作报告重点任务分工表", &LEAD_SUPPORT),
        };
        if self.keep {
            let mut doc =
                Document::with_columns(title, Columns::from_labels(labels.iter().copied()));
            doc.set_label(Some(Cow::Borrowed("附件1")));
            doc.set_line_ending(self.options.line_ending);
            self.doc = doc;
        }
        if self.options.bom {
            self.push("\u{feff}");
        }
        if self.quirks {
            self.eol();
        }
        self.line("附件1");
        self.line(title);
        for label in labels {
            self.push("\t");
            if *label == "责任领导" && self.quirks {
                // Wrapped in its cell, as Word often leaves it.
                self.line("责任");
                self.line("领导");
            } else {
                self.line(label);
            }
        }
        let mut count = 0usize;
        while self.more(count) {
            count += 1;
            self.table_category(u32::try_from(count).unwrap_or(u32::MAX));
        }
    }

    /// A heading row `一、…`, then its tasks' rows, each after a blank line
    /// (with quirks often after a filler cell, the merged heading's).
    fn table_category(&mut self, number: u32) {
        let (title, _) = self.category_title();
        self.eol();
        self.push("\t");
        self.push(&numeral::to_chinese(number));
        self.push("、");
        self.line(&title);
        let mut category = self
            .keep
            .then(|| Category::with_style(HeadingStyle::Enumerated, number, title));
        for _ in 0..self.task_count() {
            self.eol();
            if self.quirk(80) {
                self.line("\t");
            }
            let task = self.table_task();
            if let (Some(category), Some(task)) = (&mut category, task) {
                category.push_task(task);
            }
        }
        if let Some(category) = category {
            self.doc.push_category(category);
        }
    }

    fn table_task(&mut self) -> Option<Task<'static>> {
        let number = self.next_task_number();
        let _ = write!(self.out, "\t{number}");
        self.eol();
        let first = self.text();
        self.push("\t");
        self.line(&first);
        let text = if self.may_wrap_text() && self.quirk(5) {
            let second = self.text();
            self.line(&second);
            format!("{first}{second}")
        } else {
            first
        };
        let task = if self.options.form == Form::LeadersDeadlineTable {
            let leaders = self.rng.between(1, 2);
            let leaders = self.rng.distinct(&LEADERS, leaders);
            let lead = self.rng.distinct(&OFFICES, 1);
            let responsible = self.rng.between(1, 3);
            let responsible = self.rng.distinct(&OFFICES, responsible);
            let deadline = self.rng.pick(&DEADLINES);
            self.names_cell(&leaders);
            self.names_cell(&lead);
            self.names_cell(&responsible);
            self.line_cell(deadline);
            Task::new(
                number,
                text,
                UnitMapping::default()
                    .with(UnitRole::Lead, lead)
                    .with(UnitRole::Responsible, responsible),
            )
            .with_leaders(leaders)
            .with_deadline(deadline)
        } else {
            let (lead, support) = self.lead_and_support();
            self.names_cell(&lead);
            self.names_cell(&support);
            Task::new(
                number,
                text,
                UnitMapping::default()
                    .with(UnitRole::Lead, lead)
                    .with(UnitRole::Support, support),
            )
        };
        self.keep.then_some(task)
    }

    /// One or two lead units, and none to three others supporting them.
    pub(super) fn lead_and_support(&mut self) -> (Vec<&'static str>, Vec<&'static str>) {
        let lead = self.rng.between(1, 2);
        let support = match self.rng.below(10) {
            0..=2 => 0,
            n => n / 3,
        };
        let mut units = self.rng.distinct(&OFFICES, lead + support);
        let support = units.split_off(lead.min(units.len()));
        (units, support)
    }

    /// A cell of names joined with `、`.
    fn names_cell(&mut self, names: &[&str]) {
        self.push("\t");
        for (i, name) in names.iter().enumerate() {
            if i > 0 {
                self.push("、");
            }
            self.push(name);
        }
        self.eol();
    }

    fn line_cell(&mut self, text: &str) {
        self.push("\t");
        self.line(text);
    }
}
