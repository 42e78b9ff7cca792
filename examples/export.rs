//! Converts a document to JSON (the form `fengong parse` prints, which
//! `fengong render` reads back) or to CSV (one row per task, role and
//! unit, for a spreadsheet).
//!
//! ```sh
//! cargo run --example export -- json fixtures/family/table_lead_support.txt > tasks.json
//! cargo run --example export -- csv fixtures/family/table_lead_support.txt > tasks.csv
//! ```

use std::error::Error;
use std::io::Write;

use fengong::{Category, Document, Task};

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [format, file] = args.as_slice() else {
        return Err("usage: export json|csv FILE".into());
    };
    let doc = fengong::parse_file(file)?;
    let mut out = std::io::stdout().lock();
    match format.as_str() {
        "json" => {
            serde_json::to_writer_pretty(&mut out, &doc)?;
            writeln!(out)?;
        }
        "csv" => write_csv(&doc, &mut out)?,
        other => return Err(format!("unknown format {other} (json or csv)").into()),
    }
    Ok(())
}

/// One row per task, role and unit: the task's number, its innermost
/// heading, the role (`lead`, `support`, `district`, …), the unit and the
/// task's text.
fn write_csv(doc: &Document<'_>, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "task,heading,role,unit,text")?;
    for task in doc.root_tasks() {
        write_rows(task, "", out)?;
    }
    fn walk(category: &Category<'_>, out: &mut dyn Write) -> std::io::Result<()> {
        for task in category.tasks() {
            write_rows(task, category.title(), out)?;
        }
        category.categories().iter().try_for_each(|c| walk(c, out))
    }
    doc.categories().iter().try_for_each(|c| walk(c, out))
}

fn write_rows(task: &Task<'_>, heading: &str, out: &mut dyn Write) -> std::io::Result<()> {
    for (role, units) in task.units().roles() {
        for unit in units {
            writeln!(
                out,
                "{},{},{},{},{}",
                task.number(),
                field(heading),
                role.key(),
                field(unit.name()),
                field(task.text())
            )?;
        }
    }
    Ok(())
}

/// A CSV field, quoted when it holds a comma, a quote or a line break.
fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}
