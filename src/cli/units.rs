//! `fengong units`: the inferred unit mapping, and each unit's tasks.

use std::fmt::Write as _;
use std::path::Path;

use fengong::render::Style;

use fengong::mapping::{Basis, UnitMap};
use fengong::Document;
use unicode_width::UnicodeWidthStr;

use super::report::with_document;
use super::term::print_out;

/// How `units` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum UnitsFormat {
    /// Aligned columns for reading in a terminal.
    Table,
    /// The mapping and duties as JSON.
    Json,
    /// One row per unit and task, UTF-8 with a byte order mark (opens in
    /// Excel and WPS).
    Csv,
}

pub(crate) fn run(file: &Path, format: UnitsFormat, style: Style) -> u8 {
    with_document(file, style, |_, doc| print_out(&render(&doc, format)))
}

pub fn render(doc: &Document<'_>, format: UnitsFormat) -> String {
    let map = doc.unit_map();
    match format {
        UnitsFormat::Table => table(doc, &map),
        UnitsFormat::Json => {
            let mut out = serde_json::to_string_pretty(&map).unwrap_or_default();
            out.push('\n');
            out
        }
        UnitsFormat::Csv => csv(doc, &map),
    }
}

fn basis_name(basis: Option<Basis>) -> &'static str {
    match basis {
        Some(Basis::SingleTask) => "single-task",
        Some(Basis::SameName) => "same-name",
        Some(Basis::Elimination) => "elimination",
        Some(Basis::CoOccurrence) => "co-occurrence",
        None => "-",
    }
}

fn numbers(tasks: &[u32]) -> String {
    tasks
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Pads `text` with spaces to `width` display columns (CJK characters count
/// two).
fn pad(text: &str, width: usize) -> String {
    let w = text.width();
    format!("{text}{}", " ".repeat(width.saturating_sub(w)))
}

fn write_table(out: &mut String, header: &[&str], rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(cell.width());
            }
        }
    }
    let line = |cells: Vec<&str>| -> String {
        let last = cells.len().saturating_sub(1);
        let mut s = String::new();
        for (i, cell) in cells.into_iter().enumerate() {
            if i == last {
                s.push_str(cell);
            } else {
                s.push_str(&pad(cell, widths[i]));
                s.push_str("  ");
            }
        }
        s.trim_end().to_string()
    };
    let _ = writeln!(out, "{}", line(header.to_vec()));
    let _ = writeln!(
        out,
        "{}",
        widths
            .iter()
            .map(|w| "-".repeat(*w))
            .collect::<Vec<_>>()
            .join("  ")
    );
    for row in rows {
        let _ = writeln!(out, "{}", line(row.iter().map(String::as_str).collect()));
    }
}

fn table(doc: &Document<'_>, map: &UnitMap) -> String {
    let mut out = String::new();
    let district = map.district_name.as_str();
    let local = map.local_name.as_str();
    let _ = writeln!(out, "{}: {district} → {local}\n", doc.title());
    let rows: Vec<Vec<String>> = map
        .links
        .iter()
        .map(|l| {
            let local = if l.local.is_empty() {
                format!("? ({})", l.candidates.join("、"))
            } else {
                l.local.join("、")
            };
            vec![
                l.district.clone(),
                local,
                if l.ambiguous {
                    "ambiguous".to_string()
                } else {
                    basis_name(l.basis).to_string()
                },
                numbers(&l.evidence),
            ]
        })
        .collect();
    write_table(
        &mut out,
        &[
            &format!("{district}单位"),
            &format!("{local}单位"),
            "basis",
            "evidence (tasks)",
        ],
        &rows,
    );
    for (name, duties) in [(district, &map.district), (local, &map.local)] {
        let _ = writeln!(out, "\n{name}单位的任务\n");
        let rows: Vec<Vec<String>> = duties
            .iter()
            .map(|d| vec![d.unit.clone(), d.tasks.len().to_string(), numbers(&d.tasks)])
            .collect();
        write_table(&mut out, &["unit", "tasks", "task numbers"], &rows);
    }
    out
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

fn csv(doc: &Document<'_>, map: &UnitMap) -> String {
    let mut out = String::from("\u{feff}level,unit,counterpart,task,category,text\r\n");
    let counterpart_of_local = |unit: &str| -> String {
        map.links
            .iter()
            .filter(|l| l.local.iter().any(|x| x == unit))
            .map(|l| l.district.as_str())
            .collect::<Vec<_>>()
            .join("、")
    };
    let mut by_number: std::collections::HashMap<u32, (&str, &str)> =
        std::collections::HashMap::new();
    for category in doc.categories() {
        for task in category.tasks() {
            by_number
                .entry(task.number())
                .or_insert((category.title(), task.text()));
        }
    }
    for (level, duties, district_side) in [
        (map.district_name.as_str(), &map.district, true),
        (map.local_name.as_str(), &map.local, false),
    ] {
        for d in duties {
            let counterpart = if district_side {
                map.link(&d.unit)
                    .map(|l| l.local.join("、"))
                    .unwrap_or_default()
            } else {
                counterpart_of_local(&d.unit)
            };
            for number in &d.tasks {
                let (category, text) = by_number.get(number).copied().unwrap_or(("", ""));
                let _ = write!(
                    out,
                    "{},{},{},{number},{},{}\r\n",
                    csv_field(level),
                    csv_field(&d.unit),
                    csv_field(&counterpart),
                    csv_field(category),
                    csv_field(text)
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pad_counts_display_width() {
        assert_eq!(pad("人社局", 8), "人社局  ");
        assert_eq!(pad("ab", 4), "ab  ");
    }

    #[test]
    fn csv_quotes() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("说\"明\""), "\"说\"\"明\"\"\"");
        assert_eq!(csv_field("区人社局"), "区人社局");
    }
}
