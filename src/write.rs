//! Documents to text: the lossless `Display` and the canonical writer.
//!
//! `Display` writes every node from the text it was parsed from, so a parsed
//! document prints back its input byte for byte; a node built in code or
//! changed through a setter has no such text and is written in the canonical
//! layout, with the document's line ending.
//!
//! [`to_canonical_string`] ignores the source text and writes the whole
//! document in one regular layout:
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
//! (`→` stands for a tab.) Units are joined with `、`, lines of a task text
//! each on their own line, and the text ends with one line feed. Parsing the
//! canonical text gives back an equal document, and writing it again gives
//! the same bytes, for every document whose values are clean:
//!
//! - titles, labels, column labels and unit names are one line each, and
//!   each line of a task text is one: no tabs or line breaks, no white space
//!   at either end, no extraction artifact (`[bookmark:`); task texts have no
//!   blank lines, and category titles and unit names are not empty;
//! - unit names have their separators (`、`, and `，` `；` `,` `;`, which read
//!   the same) only inside parentheses, and close the parentheses they open;
//! - categories are numbered from 1 (`（零）` is not a numeral the parser
//!   takes);
//! - the label is one (`附件：`, `附件2`), and without one the title does not
//!   read as one; no column label starts with an opening parenthesis (the
//!   header row would end there, at what reads as a category heading).
//!
//! The `canonical` fuzz target (`fuzz/`) checks this on documents built from
//! arbitrary values.
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

use crate::model::{Category, Document, Task, Unit};

/// Writes `doc` in the canonical layout, with `\n` line endings.
pub fn to_canonical_string(doc: &Document<'_>) -> String {
    let mut out = String::with_capacity(estimate(doc));
    let writer = Writer {
        canonical: true,
        eol: "\n",
    };
    // Writing to a String cannot fail.
    let _ = writer.document(&mut out, doc);
    out
}

fn estimate(doc: &Document<'_>) -> usize {
    doc.tasks()
        .map(|t| t.text.len() + 16 * (t.units.units.len()) + 16)
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
        }
        .document(f, self)
    }
}

impl fmt::Display for Task<'_> {
    /// Writes the task's four cells (without the blank line before them).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Writer {
            canonical: false,
            eol: "\n",
        }
        .task_body(f, self)
    }
}

impl fmt::Display for Category<'_> {
    /// Writes the category's heading cell (without its tasks).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Writer {
            canonical: false,
            eol: "\n",
        }
        .category_body(f, self)
    }
}

struct Writer {
    canonical: bool,
    eol: &'static str,
}

impl Writer {
    fn document(&self, out: &mut impl Write, doc: &Document<'_>) -> fmt::Result {
        match (&doc.preamble.raw, self.canonical) {
            (Some(raw), false) => out.write_str(raw)?,
            _ => {
                if let Some(label) = &doc.preamble.label {
                    self.line(out, label)?;
                }
                self.line(out, &doc.preamble.title)?;
            }
        }
        match (&doc.header.raw, self.canonical) {
            (Some(raw), false) => out.write_str(raw)?,
            _ => {
                for column in &doc.header.columns {
                    self.cell(out, column)?;
                }
            }
        }
        for category in &doc.categories {
            self.lead(out, category.repr.lead())?;
            self.category_body(out, category)?;
            for task in &category.tasks {
                self.lead(out, task.repr.lead())?;
                self.task_body(out, task)?;
            }
        }
        if !self.canonical {
            out.write_str(&doc.trailer)?;
        }
        Ok(())
    }

    fn lead(&self, out: &mut impl Write, lead: Option<&str>) -> fmt::Result {
        match lead {
            Some(lead) if !self.canonical => out.write_str(lead),
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

    fn units(&self, out: &mut impl Write, units: &[Unit<'_>]) -> fmt::Result {
        out.write_char('\t')?;
        for (i, unit) in units.iter().enumerate() {
            if i > 0 {
                out.write_char('、')?;
            }
            out.write_str(&unit.name)?;
        }
        out.write_str(self.eol)
    }

    fn category_body(&self, out: &mut impl Write, category: &Category<'_>) -> fmt::Result {
        match category.repr.body() {
            Some(body) if !self.canonical => out.write_str(body),
            _ => {
                out.write_str("\t（")?;
                out.write_str(&category.numeral)?;
                out.write_char('）')?;
                out.write_str(&category.title)?;
                out.write_str(self.eol)
            }
        }
    }

    fn task_body(&self, out: &mut impl Write, task: &Task<'_>) -> fmt::Result {
        match task.repr.body() {
            Some(body) if !self.canonical => out.write_str(body),
            _ => {
                write!(out, "\t{}{}", task.number, self.eol)?;
                self.cell(out, &task.text)?;
                self.units(out, task.units.district())?;
                self.units(out, task.units.local())
            }
        }
    }
}
