//! List documents: numbered paragraphs under `一、` headings (some with
//! `（一）` headings under them), each task's units in a role clause closing
//! its paragraph or in label lines after it; with quirks, a notice before
//! the plan and paragraphs indented with `　　`.

use std::fmt::Write as _;

use super::vocab::DEADLINES;
use super::{Form, Generator};
use crate::column::UnitRole;
use crate::model::{Category, Document, HeadingStyle, Task, UnitMapping};
use crate::numeral;

/// The plan's title.
const TITLE: &str = "2024年重点工作任务分工方案";

/// Paragraph indentation with quirks: two ideographic spaces.
const INDENT: &str = "\u{3000}\u{3000}";

impl Generator<'_> {
    /// The whole document.
    pub(super) fn list(&mut self) {
        if self.keep {
            let mut doc = Document::list(TITLE);
            doc.set_line_ending(self.options.line_ending);
            self.doc = doc;
        }
        if self.options.bom {
            self.push("\u{feff}");
        }
        if self.quirks {
            self.notice();
        } else {
            self.line(TITLE);
            self.eol();
        }
        let mut count = 0usize;
        while self.more(count) {
            count += 1;
            self.list_category(u32::try_from(count).unwrap_or(u32::MAX));
        }
    }

    /// A notice before the plan, with numbered points of its own, then the
    /// plan's title and its opening paragraph.
    fn notice(&mut self) {
        for line in [
            "市人民政府办公室文件",
            "市政办发〔2024〕3号",
            "",
            "市人民政府办公室关于印发2024年重点工作任务分工方案的通知",
            "",
            "各区人民政府，市政府各部门：",
            "\u{3000}\u{3000}《2024年重点工作任务分工方案》已经市政府同意，现印发给你们，请认真贯彻落实。有关要求如下：",
            "\u{3000}\u{3000}一、各责任单位要高度重视，细化工作措施，确保按期完成。",
            "\u{3000}\u{3000}二、各牵头单位每季度末将进展情况报市政府办公室。",
            "",
            "市人民政府办公室",
            "2024年2月20日",
            "",
            TITLE,
            "",
            "\u{3000}\u{3000}为确保各项任务落到实处，现将重点工作任务分工如下：",
        ] {
            self.line(line);
        }
    }

    fn indent(&mut self) {
        if self.quirks {
            self.push(INDENT);
        }
    }

    /// A blank line between paragraphs, now and then, with quirks.
    fn maybe_blank(&mut self) {
        if self.quirk(3) {
            self.eol();
        }
    }

    /// `一、…`, then its tasks or (two times in five) `（一）` headings with
    /// theirs.
    fn list_category(&mut self, number: u32) {
        let (title, _) = self.category_title();
        self.maybe_blank();
        self.indent();
        self.push(&numeral::to_chinese(number));
        self.push("、");
        self.line(&title);
        let mut category = self
            .keep
            .then(|| Category::with_style(HeadingStyle::Enumerated, number, title));
        let subs = if self.rng.chance(40) {
            self.rng.between(1, 3)
        } else {
            0
        };
        if subs == 0 {
            self.list_tasks(category.as_mut());
        }
        for k in 1..=subs {
            let (title, _) = self.category_title();
            self.maybe_blank();
            self.indent();
            self.push("（");
            self.push(&numeral::to_chinese(k as u32));
            self.push("）");
            self.line(&title);
            let mut sub = self.keep.then(|| Category::new(k as u32, title));
            self.list_tasks(sub.as_mut());
            if let (Some(category), Some(sub)) = (&mut category, sub) {
                category.push_category(sub);
            }
        }
        if let Some(category) = category {
            self.doc.push_category(category);
        }
    }

    fn list_tasks(&mut self, mut category: Option<&mut Category<'static>>) {
        for _ in 0..self.task_count() {
            let task = self.list_task();
            if let (Some(category), Some(task)) = (category.as_deref_mut(), task) {
                category.push_task(task);
            }
        }
    }

    /// `1.text（牵头单位：…；配合单位：…；完成时限：…）`, or the text's line and
    /// label lines.
    fn list_task(&mut self) -> Option<Task<'static>> {
        let number = self.next_task_number();
        let text = self.text();
        let (lead, support) = self.lead_and_support();
        let deadline = self.rng.chance(25).then(|| self.rng.pick(&DEADLINES));
        let mut fields: Vec<(&str, String)> = vec![("牵头单位", lead.join("、"))];
        if !support.is_empty() {
            fields.push(("配合单位", support.join("、")));
        }
        if let Some(deadline) = deadline {
            fields.push(("完成时限", deadline.to_string()));
        }
        self.maybe_blank();
        self.indent();
        // A text that starts with a digit after `1.` could read as a decimal
        // number: `、` cannot.
        let separator = if text.starts_with(|c: char| c.is_ascii_digit()) {
            "、"
        } else {
            "."
        };
        let _ = write!(self.out, "{number}{separator}");
        self.push(&text);
        if self.options.form == Form::LabelList {
            self.eol();
            for (label, value) in &fields {
                self.indent();
                self.push(label);
                self.push("：");
                self.line(value);
            }
        } else {
            for (i, (label, value)) in fields.iter().enumerate() {
                self.push(if i == 0 { "（" } else { "；" });
                self.push(label);
                self.push("：");
                self.push(value);
            }
            self.line("）");
        }
        self.keep.then(|| {
            let units = UnitMapping::default()
                .with(UnitRole::Lead, lead)
                .with(UnitRole::Support, support);
            let task = Task::new(number, text, units);
            match deadline {
                Some(deadline) => task.with_deadline(deadline),
                None => task,
            }
        })
    }
}
