//! Whether a document's values can be written as text and read back the
//! same: what `fengong render` checks before it writes.
//!
//! A document built in code or read from JSON can hold values that its
//! layout cannot: a unit name with a `、` in it (it would read back as two
//! units), a blank line in a task's text (it would end the row), a title on
//! two lines. [`Document::validate`] names each such value with its path and
//! the reason, and then writes the canonical text and reads it back, so that
//! whatever else the text cannot hold is caught too: a document that
//! validates reads back equal from its canonical text.

use std::fmt;

use crate::column::{Role, UnitRole};
use crate::grammar;
use crate::lex::is_space;
use crate::model::{Category, Document, HeadingStyle, Layout, Task, Unit};

/// A value of a document that its layout cannot hold as it is: where it is
/// (a JSON-like path such as `categories[2].tasks[0].units.lead[1]`) and
/// why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    /// Where the value is.
    pub path: String,
    /// What is wrong with it.
    pub reason: String,
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.reason)
        } else {
            write!(f, "{}: {}", self.path, self.reason)
        }
    }
}

impl std::error::Error for Invalid {}

/// At most this many problems are listed: a document of a million bad
/// values is not listed whole.
const MAX_LISTED: usize = 100;

impl Document<'_> {
    /// Every value that the document's layout cannot hold as it is, each
    /// with its path; empty if the canonical text reads back the same
    /// document.
    ///
    /// ```
    /// use fengong::{Category, Document, Task, UnitMapping};
    /// let mut doc = Document::new("标题", "甲", "乙");
    /// let mut category = Category::new(1, "类");
    /// category.push_task(Task::new(1, "文", UnitMapping::new(["区甲、区乙"], ["乙"])));
    /// doc.push_category(category);
    /// let problems = doc.validate();
    /// assert_eq!(problems[0].path, "categories[0].tasks[0].units.district[0]");
    /// assert!(problems[0].reason.contains("`、`"));
    /// ```
    pub fn validate(&self) -> Vec<Invalid> {
        let mut v = Validator {
            doc: self,
            out: Vec::new(),
            tasks: 0,
        };
        v.document();
        if v.out.is_empty() {
            v.round_trip();
        }
        v.out.truncate(MAX_LISTED);
        v.out
    }
}

struct Validator<'d, 'a> {
    doc: &'d Document<'a>,
    out: Vec<Invalid>,
    /// The tasks met so far, in document order.
    tasks: u32,
}

/// Why a value of one line cannot be written as it is, if it cannot.
fn line_problem(value: &str) -> Option<&'static str> {
    if value.contains(['\n', '\r']) {
        Some("holds a line break")
    } else if value.contains('\t') {
        Some("holds a tab")
    } else if value.starts_with(is_space) || value.ends_with(is_space) {
        Some("has white space at its start or end")
    } else {
        let (start, end) = crate::grammar::find_artifact(value, 0, value.len())?;
        Some(
            if value.get(start..end).is_some_and(crate::grammar::is_gloss) {
                "holds a syllable with a tone mark in `()`, which reads as a pinyin gloss"
            } else {
                "holds `[bookmark:`, which reads as an extraction artifact"
            },
        )
    }
}

/// Whether brackets open and close in order.
fn balanced(value: &str) -> bool {
    let mut depth = 0i32;
    for c in value.chars() {
        match c {
            '（' | '(' | '【' | '[' | '〔' | '［' | '《' => depth += 1,
            '）' | ')' | '】' | ']' | '〕' | '］' | '》' => {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
            _ => {}
        }
    }
    depth == 0
}

/// Why a unit (or leader) name cannot be written as it is.
fn name_problem(name: &str, roles_inside: bool) -> Option<String> {
    if name.is_empty() {
        return Some("is empty".to_string());
    }
    if let Some(p) = line_problem(name) {
        return Some(p.to_string());
    }
    if !balanced(name) {
        return Some("opens or closes a bracket it does not close or open".to_string());
    }
    let mut depth = 0i32;
    for c in name.chars() {
        match c {
            '（' | '(' | '【' | '[' | '〔' | '［' | '《' => depth += 1,
            '）' | ')' | '】' | ']' | '〕' | '］' | '》' => depth -= 1,
            '、' | '，' | ',' | '；' | ';' if depth == 0 => {
                return Some(format!(
                    "holds `{c}` outside brackets, which separates units: it would read as several"
                ))
            }
            _ => {}
        }
    }
    if name.ends_with('等') {
        return Some(
            "ends with `等`, which is read as `and others`, not as part of the name".to_string(),
        );
    }
    let mut breaks = Vec::new();
    let whole = [crate::grammar::Seg {
        start: 0,
        end: name.len(),
        new_line: true,
    }];
    crate::clause::space_breaks(name, &whole, &mut breaks);
    if !breaks.is_empty() {
        return Some(
            "holds white space after a whole name and before another, which separates units: \
             it would read as several"
                .to_string(),
        );
    }
    if roles_inside {
        if crate::clause::ends_with_role_word(name) || crate::clause::has_bracket_role(name) {
            return Some(
                "ends with a role word (牵头, 配合, 负责, …), which would be read as its role"
                    .to_string(),
            );
        }
        if crate::clause::label_prefix(name).is_some() {
            return Some(
                "starts with a label and a colon (`X：`), which would be read as a field"
                    .to_string(),
            );
        }
    }
    None
}

impl Validator<'_, '_> {
    fn push(&mut self, path: impl Into<String>, reason: impl Into<String>) {
        if self.out.len() < MAX_LISTED {
            self.out.push(Invalid {
                path: path.into(),
                reason: reason.into(),
            });
        }
    }

    fn document(&mut self) {
        let doc = self.doc;
        let list = doc.layout == Layout::List;
        let title = doc.title();
        if !title.is_empty() {
            if let Some(p) = line_problem(title) {
                self.push("title", p);
            } else if crate::parse::is_label(title) || crate::parse::is_note(title) {
                self.push("title", "reads as the label line (`附件…`) or a note");
            } else if list && !crate::parse::list::reads_as_title(title) {
                self.push(
                    "title",
                    "a list document's title names the plan (方案, 分工, 分解, 清单, 意见, 要点, 计划, 任务 or 措施) on one line without closing punctuation",
                );
            }
        }
        if let Some(label) = doc.label() {
            if line_problem(label).is_some() || !crate::parse::is_label(label) {
                self.push(
                    "label",
                    "a label is `附件`, a number and a colon at most (`附件2：`)",
                );
            }
        }
        let columns = doc.header();
        if list {
            if !columns.is_empty() {
                self.push("columns", "a list document has no columns");
            }
            if doc.tasks().next().is_none() {
                self.push("", "a list document needs at least one task");
            }
        } else {
            if !crate::parse::table::COLUMNS.contains(&columns.len()) {
                self.push(
                    "columns",
                    format!("a table has 3 to 8 columns, not {}", columns.len()),
                );
            }
            if columns.index_of(Role::Number).is_some_and(|k| k > 0) {
                self.push(
                    "columns[0]",
                    "the first column of a table is its number (序号)",
                );
            }
            for (k, column) in columns.iter().enumerate() {
                let label = column.label();
                let path = format!("columns[{k}]");
                if label.is_empty() {
                    self.push(path, "a column label is not empty");
                } else if let Some(p) = line_problem(label) {
                    self.push(path, p);
                } else if grammar::heading(label).is_some()
                    || (k == 0 && grammar::starts_like_number(label))
                {
                    self.push(
                        path,
                        "reads as a heading or a task number, which would end the header row",
                    );
                }
            }
            if !doc.tasks.is_empty() && !doc.categories.is_empty() {
                self.push(
                    "tasks",
                    "a table with headings has no tasks before its first heading",
                );
            }
        }
        for (i, task) in doc.tasks.iter().enumerate() {
            self.task(&format!("tasks[{i}]"), task);
        }
        let nests = doc.categories.iter().any(|c| !c.categories.is_empty());
        for (i, category) in doc.categories.iter().enumerate() {
            let path = format!("categories[{i}]");
            if nests && category.style == HeadingStyle::Parenthesized {
                self.push(
                    &path,
                    "beside headings that hold headings, a top-level heading is numbered 一、",
                );
            }
            self.category(&path, category, 0);
        }
    }

    fn category(&mut self, path: &str, category: &Category<'_>, depth: usize) {
        let list = self.doc.layout == Layout::List;
        let title = category.title();
        if title.is_empty() {
            self.push(format!("{path}.title"), "a heading has a title");
        } else if let Some(p) = line_problem(title) {
            self.push(format!("{path}.title"), p);
        } else if list && title.contains('。') {
            self.push(
                format!("{path}.title"),
                "holds `。`: a list heading's title is the text before its first `。`",
            );
        }
        if category.is_numbered() && category.number == 0 {
            self.push(
                format!("{path}.number"),
                "headings are numbered from 1 (一)",
            );
        }
        if !category.is_numbered() {
            if !category.categories.is_empty() {
                self.push(path, "an unnumbered heading holds no headings");
            }
            if grammar::starts_like_number(title) || grammar::heading(title).is_some() {
                self.push(
                    format!("{path}.title"),
                    "an unnumbered heading's title reads as a number or a numbered heading",
                );
            }
            if list && (!crate::parse::list::heading_like(title) || category.tasks.is_empty()) {
                self.push(
                    path,
                    "an unnumbered heading of a list is a short line (2 to 30 characters, no punctuation) followed by its tasks",
                );
            }
        }
        if depth >= 1 && !category.categories.is_empty() {
            self.push(
                path,
                "headings nest two levels deep at most (一、 above （一）)",
            );
        }
        for (i, task) in category.tasks.iter().enumerate() {
            self.task(&format!("{path}.tasks[{i}]"), task);
        }
        for (i, sub) in category.categories.iter().enumerate() {
            self.category(&format!("{path}.categories[{i}]"), sub, depth + 1);
        }
    }

    fn names(&mut self, path: &str, units: &[Unit<'_>], roles_inside: bool) {
        for (i, unit) in units.iter().enumerate() {
            if let Some(p) = name_problem(unit.name(), roles_inside) {
                self.push(format!("{path}[{i}]"), p);
            }
        }
    }

    fn task(&mut self, path: &str, task: &Task<'_>) {
        let doc = self.doc;
        let list = doc.layout == Layout::List;
        let columns = doc.header();
        self.tasks = self.tasks.saturating_add(1);
        if !list && columns.index_of(Role::Number).is_none() && task.number() != self.tasks {
            // Read back, the tasks of a table without a number column are
            // numbered in order.
            let reason = format!(
                "a table without a number column (序号) numbers its tasks 1, 2, 3… in order: this one would read back as {}",
                self.tasks
            );
            self.push(format!("{path}.number"), reason);
        }
        let text = task.text();
        if let Some(p) = line_problem(text) {
            self.push(format!("{path}.text"), p);
        } else if list && text.is_empty() {
            self.push(format!("{path}.text"), "a task of a list has a text");
        }
        let levels = columns.has_levels();
        for (role, units) in task.units().roles() {
            let key = format!("{path}.units.{}", role.key());
            let level = matches!(role, UnitRole::District | UnitRole::Local);
            if list && level {
                self.push(&key, "a list document has no levels (district, local)");
            } else if !list && levels != level && columns.units_column(role).is_none() {
                self.push(
                    &key,
                    if levels {
                        "a table of two levels names units of its levels only"
                    } else {
                        "this table has no column for the units of this role"
                    },
                );
            } else if !list && columns.unit_roles().next().is_none() {
                self.push(&key, "this table has no unit column");
            }
            self.names(&key, units, !level);
        }
        let has = |role: Role| list || columns.index_of(role).is_some();
        if !task.leaders().is_empty() {
            if !has(Role::Leaders) {
                self.push(
                    format!("{path}.leaders"),
                    "this table has no column of leaders",
                );
            }
            self.names(&format!("{path}.leaders"), task.leaders(), true);
        }
        for (key, value, role) in [
            ("deadline", task.deadline(), Role::Deadline),
            ("remarks", task.remarks(), Role::Remarks),
        ] {
            let Some(value) = value else { continue };
            let path = format!("{path}.{key}");
            if !has(role) {
                self.push(path, format!("this table has no column for the {key}"));
            } else if value.is_empty() {
                self.push(path, "is empty");
            } else if let Some(p) = line_problem(value) {
                self.push(path, p);
            } else if list && (!balanced(value) || value.contains(['；', ';'])) {
                self.push(
                    path,
                    "in a role clause, a value keeps its brackets balanced and holds no `；`",
                );
            }
        }
        for (k, label, value) in task.other_columns() {
            if list || columns.get(k).is_none_or(|c| c.label() != label) {
                self.push(
                    format!("{path}.extra.{label}"),
                    "names no column of this table",
                );
            } else if let Some(p) = line_problem(value) {
                self.push(format!("{path}.extra.{label}"), p);
            }
        }
    }

    /// Writes the canonical text and reads it back: the first value that
    /// does not come back the same.
    fn round_trip(&mut self) {
        let text = crate::to_canonical_string(self.doc);
        let parsed = crate::parse_tolerant(&text);
        if let Some(e) = parsed.diagnostics.iter().find(|d| d.is_error()) {
            self.push(
                "",
                format!("its canonical text does not read: {}", e.message()),
            );
            return;
        }
        let back = &parsed.document;
        if back.title() != self.doc.title() {
            self.push("title", format!("reads back as `{}`", back.title()));
        } else if back.label() != self.doc.label() {
            self.push("label", "does not read back the same");
        } else if back.header() != self.doc.header() {
            self.push("columns", "do not read back the same");
        } else if let Some((path, what)) = diff_tasks("tasks", &self.doc.tasks, &back.tasks)
            .or_else(|| diff_categories("categories", &self.doc.categories, &back.categories))
        {
            self.push(path, what);
        }
    }
}

/// Where two lists of tasks first differ, and how.
fn diff_tasks(path: &str, want: &[Task<'_>], got: &[Task<'_>]) -> Option<(String, String)> {
    for (i, (a, b)) in want.iter().zip(got).enumerate() {
        if a == b {
            continue;
        }
        let at = format!("{path}[{i}]");
        let (field, how) = if a.number() != b.number() {
            ("number", format!("reads back as {}", b.number()))
        } else if a.text() != b.text() {
            ("text", format!("reads back as `{}`", b.text()))
        } else if a.units() != b.units() {
            (
                "units",
                "read back otherwise (a name reads as a role word, a label or a deadline)"
                    .to_string(),
            )
        } else {
            ("", "does not read back the same".to_string())
        };
        let at = if field.is_empty() {
            at
        } else {
            format!("{at}.{field}")
        };
        return Some((at, how));
    }
    (want.len() != got.len()).then(|| {
        (
            path.to_string(),
            format!("read back as {} tasks, not {}", got.len(), want.len()),
        )
    })
}

/// Where two lists of headings first differ, and how.
fn diff_categories(
    path: &str,
    want: &[Category<'_>],
    got: &[Category<'_>],
) -> Option<(String, String)> {
    for (i, (a, b)) in want.iter().zip(got).enumerate() {
        if a == b {
            continue;
        }
        let at = format!("{path}[{i}]");
        if a.title() != b.title() || a.number() != b.number() {
            return Some((at, format!("reads back as the heading `{}`", b.title())));
        }
        return diff_tasks(&format!("{at}.tasks"), &a.tasks, &b.tasks)
            .or_else(|| diff_categories(&format!("{at}.categories"), &a.categories, &b.categories))
            .or(Some((at, "does not read back the same".to_string())));
    }
    (want.len() != got.len()).then(|| {
        (
            path.to_string(),
            format!("read back as {} headings, not {}", got.len(), want.len()),
        )
    })
}
