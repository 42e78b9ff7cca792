//! The seed's table: `序号`, `工作任务`, `滨海新区责任单位` and a local
//! zone's `责任单位`, under `（一）` headings, with the seed's quirks.

use std::fmt::Write as _;

use super::vocab::{DISTRICT, PAREN_UNIT, TITLE_SUFFIX, UNIT_PAIRS};
use super::Generator;
use crate::model::{Category, Task, UnitMapping};
use crate::numeral;

impl Generator<'_> {
    /// The whole document.
    pub(super) fn seed_table(&mut self) {
        self.preamble();
        self.header();
        let mut count = 0usize;
        while self.more(count) {
            count += 1;
            self.category(u32::try_from(count).unwrap_or(u32::MAX));
        }
        if self.quirks {
            // The seed's last line: a stray space without a line ending.
            self.push(" ");
        }
    }

    fn preamble(&mut self) {
        if self.options.bom {
            self.push("\u{feff}");
        }
        if self.quirks {
            self.eol();
        }
        self.line("附件：");
        let local = self.local;
        if self.quirk(30) {
            // A title wrapped over two lines.
            self.push(local);
            self.line("重点任务清单");
            self.line("和责任分工表");
        } else {
            self.push(local);
            self.line(TITLE_SUFFIX);
        }
    }

    fn header(&mut self) {
        self.line("\t序号");
        self.line("\t工作任务");
        for zone in [DISTRICT, self.local] {
            self.push("\t");
            self.push(zone);
            if self.quirks {
                // Wrapped as in the seed: `滨海新区` / `责任单位`.
                self.eol();
            }
            self.line("责任单位");
        }
    }

    fn category(&mut self, number: u32) {
        let (title, wrap) = self.category_title();
        let numeral = numeral::to_chinese(number);
        // The row break before the heading, sometimes two blank lines.
        self.eol();
        if self.quirk(4) {
            self.eol();
        }
        let roll = if self.quirks {
            self.rng.below(100)
        } else {
            100
        };
        match roll {
            0..=4 => {
                // A heading cell holding blank lines before its text, its
                // title on the next line: `\t\n\n\n\n（五）\n挖掘…`.
                self.line("\t");
                for _ in 0..self.rng.between(1, 3) {
                    self.eol();
                }
                self.push("（");
                self.push(&numeral);
                self.line("）");
                self.line(&title);
            }
            5..=14 => {
                // The title on the next line: `\t（十）\n鼓励…`.
                self.push("\t（");
                self.push(&numeral);
                self.line("）");
                self.line(&title);
            }
            15..=20 => {
                // Spaces before the heading: `\t （十一）…`.
                let space = self.rng.pick(&[" ", "  ", "\u{3000}"]);
                self.push("\t");
                self.push(space);
                self.push("（");
                self.push(&numeral);
                self.push("）");
                self.line(&title);
            }
            21..=24 if wrap > 0 && wrap < title.len() => {
                // A title wrapped within.
                self.push("\t（");
                self.push(&numeral);
                self.push("）");
                self.line(&title[..wrap]);
                self.line(&title[wrap..]);
            }
            _ => {
                self.push("\t（");
                self.push(&numeral);
                self.push("）");
                self.line(&title);
            }
        }
        let mut category = self.keep.then(|| Category::new(number, title));
        let tasks = self
            .rng
            .between(self.options.min_tasks, self.options.max_tasks);
        for k in 0..tasks {
            if k == 0 {
                // The first task in its own row, or (with quirks, often) in
                // the heading's row.
                if !self.quirk(60) {
                    self.eol();
                }
            } else {
                self.eol();
                if self.quirk(85) {
                    // A filler cell: a lone tab.
                    self.line("\t");
                }
            }
            let task = self.task();
            if let (Some(category), Some(task)) = (&mut category, task) {
                category.push_task(task);
            }
        }
        if let Some(category) = category {
            self.doc.push_category(category);
        }
    }

    fn task(&mut self) -> Option<Task<'static>> {
        self.task_number = self.task_number.saturating_add(1);
        let number = self.task_number;
        let _ = write!(self.out, "\t{number}");
        self.eol();
        // The text, sometimes after an artifact, sometimes over two lines.
        let first = self.text();
        self.push("\t");
        if self.quirk(3) {
            let row = u64::from(number) + 2;
            let _ = write!(self.out, "[bookmark: RANGE!C{row}]");
        }
        self.line(&first);
        let text = if self.may_wrap_text() && self.quirk(5) {
            let second = self.text();
            self.line(&second);
            format!("{first}{second}")
        } else {
            first
        };
        // The units.
        let count = match self.rng.below(100) {
            0..=39 => 1,
            40..=74 => 2,
            75..=91 => 3,
            _ => 4,
        };
        let mut district: Vec<&'static str> = Vec::with_capacity(count + 1);
        let mut local: Vec<&'static str> = Vec::with_capacity(count);
        for _ in 0..count {
            // Most tasks fall to the 人社局 and the 财政局, as in the seed.
            let (d, l) = if self.rng.chance(45) {
                UNIT_PAIRS[self.rng.below(2)]
            } else {
                self.rng.pick(&UNIT_PAIRS)
            };
            if !district.contains(&d) {
                district.push(d);
                if !local.contains(&l) {
                    local.push(l);
                }
            }
        }
        if self.quirk(3) {
            district.push(PAREN_UNIT);
        }
        self.unit_cell(&district);
        self.unit_cell(&local);
        self.keep
            .then(|| Task::new(number, text, UnitMapping::new(district, local)))
    }

    /// A unit cell: names joined with `、`; with quirks sometimes wrapped
    /// after a `、`, sometimes with a trailing `、`.
    fn unit_cell(&mut self, names: &[&str]) {
        let wrap_after = if names.len() >= 2 && self.quirk(3) {
            self.rng.between(1, names.len() - 1)
        } else {
            0
        };
        self.push("\t");
        for (i, name) in names.iter().enumerate() {
            if i > 0 {
                self.push("、");
                if i == wrap_after {
                    self.eol();
                }
            }
            self.push(name);
        }
        if self.quirk(4) {
            self.push("、");
        }
        self.eol();
    }
}
