//! `fengong units`: each unit's tasks by role, and for a two-level table
//! the inferred mapping of its district units to its local ones.
//!
//! Names and texts come from the document: the table escapes control
//! characters (as every human-readable output does), and the CSV escapes
//! them too (keeping line breaks, which a quoted field may hold) and
//! defuses formulas (see [`csv_field`]).

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::Path;

use fengong::render::{escape_control, Style};

use std::collections::HashMap;

use fengong::mapping::{Basis, UnitMap};
use fengong::{Document, UnitRole};
use unicode_width::UnicodeWidthStr;

use super::report::with_document;
use super::term;

/// How `units` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum UnitsFormat {
    /// Aligned columns for reading in a terminal.
    Table,
    /// The mapping and duties as JSON.
    Json,
    /// One row per unit and task, UTF-8 with a byte order mark (opens in
    /// Excel and WPS); a field that starts with =, +, -, @, a tab or a
    /// carriage return gets a leading ' so that a spreadsheet does not run
    /// it as a formula.
    Csv,
}

/// Runs `units` on `file`; returns the exit code.
pub(crate) fn run(file: &Path, format: UnitsFormat, style: Style) -> u8 {
    with_document(file, style, |_, doc| {
        term::print_with(|out| write(&doc, format, out))
    })
}

/// Writes each unit's tasks in `format` to `out`: by role, and for a
/// two-level table the unit map of its two levels.
pub fn write(doc: &Document<'_>, format: UnitsFormat, out: &mut dyn Write) -> io::Result<()> {
    if !doc.header().has_levels() {
        return by_role(doc, format, out);
    }
    let map = doc.unit_map();
    match format {
        UnitsFormat::Table => out.write_all(table(doc, &map).as_bytes()),
        UnitsFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &map).map_err(io::Error::from)?;
            out.write_all(b"\n")
        }
        UnitsFormat::Csv => csv(doc, &map, out),
    }
}

/// Each unit's tasks by role, for a document without the two levels: a
/// table of units with a column per role, `{"units": […]}` in JSON, one CSV
/// row per unit, role and task.
fn by_role(doc: &Document<'_>, format: UnitsFormat, out: &mut dyn Write) -> io::Result<()> {
    let duties = doc.duties();
    let roles: Vec<UnitRole> = UnitRole::ALL
        .into_iter()
        .filter(|&r| duties.iter().any(|d| !d.tasks(r).is_empty()))
        .collect();
    match format {
        UnitsFormat::Table => {
            let mut text = String::new();
            let _ = writeln!(text, "{}\n", escape_control(doc.title()));
            let header: Vec<String> = std::iter::once("unit".to_string())
                .chain(roles.iter().map(|r| r.key().to_string()))
                .collect();
            let rows: Vec<Vec<String>> = duties
                .iter()
                .map(|d| {
                    std::iter::once(escape_control(&d.unit).into_owned())
                        .chain(roles.iter().map(|&r| numbers(d.tasks(r))))
                        .collect()
                })
                .collect();
            let header: Vec<&str> = header.iter().map(String::as_str).collect();
            write_table(&mut text, &header, &rows);
            out.write_all(text.as_bytes())
        }
        UnitsFormat::Json => {
            #[derive(serde::Serialize)]
            struct Units<'d> {
                units: &'d [fengong::UnitDuties],
            }
            serde_json::to_writer_pretty(&mut *out, &Units { units: &duties })
                .map_err(io::Error::from)?;
            out.write_all(b"\n")
        }
        UnitsFormat::Csv => {
            out.write_all("\u{feff}role,unit,task,category,text\r\n".as_bytes())?;
            let places = task_places(doc);
            for d in &duties {
                for (role, tasks) in d.roles() {
                    for number in tasks {
                        let (category, text) = places.get(number).copied().unwrap_or(("", ""));
                        write!(
                            out,
                            "{},{},{number},{},{}\r\n",
                            role.key(),
                            csv_field(&d.unit),
                            csv_field(category),
                            csv_field(text)
                        )?;
                    }
                }
            }
            Ok(())
        }
    }
}

/// Each task number's innermost heading title and text (the first task of
/// a number, if several share it).
fn task_places<'d>(doc: &'d Document<'_>) -> HashMap<u32, (&'d str, &'d str)> {
    fn walk<'d>(
        categories: &'d [fengong::Category<'_>],
        out: &mut HashMap<u32, (&'d str, &'d str)>,
    ) {
        for c in categories {
            for t in c.tasks() {
                out.entry(t.number()).or_insert((c.title(), t.text()));
            }
            walk(c.categories(), out);
        }
    }
    let mut out = HashMap::new();
    for t in doc.root_tasks() {
        out.entry(t.number()).or_insert(("", t.text()));
    }
    walk(doc.categories(), &mut out);
    out
}

/// How a link was inferred, as the table shows it.
fn basis_name(basis: Option<Basis>) -> &'static str {
    match basis {
        Some(Basis::SingleTask) => "single-task",
        Some(Basis::SameName) => "same-name",
        Some(Basis::Elimination) => "elimination",
        Some(Basis::CoOccurrence) => "co-occurrence",
        None => "-",
    }
}

/// Task numbers, comma-separated.
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

/// An aligned table: a header, a rule of dashes, the rows.
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

/// The table: every name and text escaped (see [`escape_control`]).
fn table(doc: &Document<'_>, map: &UnitMap) -> String {
    let mut out = String::new();
    let district = escape_control(&map.district_name);
    let local = escape_control(&map.local_name);
    let _ = writeln!(
        out,
        "{}: {district} → {local}\n",
        escape_control(doc.title())
    );
    let shown = |name: &str| escape_control(name).into_owned();
    let rows: Vec<Vec<String>> = map
        .links
        .iter()
        .map(|l| {
            let local = if l.local.is_empty() {
                format!("? ({})", shown(&l.candidates.join("、")))
            } else {
                shown(&l.local.join("、"))
            };
            vec![
                shown(&l.district),
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
    for (name, duties) in [(&district, &map.district), (&local, &map.local)] {
        let _ = writeln!(out, "\n{name}单位的任务\n");
        let rows: Vec<Vec<String>> = duties
            .iter()
            .map(|d| vec![shown(&d.unit), d.tasks.len().to_string(), numbers(&d.tasks)])
            .collect();
        write_table(&mut out, &["unit", "tasks", "task numbers"], &rows);
    }
    out
}

/// A CSV field: control characters other than line breaks escaped (see
/// [`escape_control`]); a leading `'` if it starts with `=`, `+`, `-`,
/// `@`, a tab or a carriage return, the characters that make Excel, WPS
/// and LibreOffice read a cell as a formula (the OWASP convention against
/// CSV injection: names and texts come from documents written by others);
/// quoted if it holds a comma, a quote or a line break.
fn csv_field(text: &str) -> Cow<'_, str> {
    let unsafe_line = |line: &str| matches!(escape_control(line), Cow::Owned(_));
    let mut field: Cow<'_, str> = if text.split(['\n', '\r']).any(unsafe_line) {
        // Escape each line on its own, keeping the line breaks.
        let mut escaped = String::with_capacity(text.len() + 8);
        for piece in text.split_inclusive(['\n', '\r']) {
            let line = piece.trim_end_matches(['\n', '\r']);
            escaped.push_str(&escape_control(line));
            escaped.push_str(&piece[line.len()..]);
        }
        Cow::Owned(escaped)
    } else {
        Cow::Borrowed(text)
    };
    if field.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        field = Cow::Owned(format!("'{field}"));
    }
    if field.contains([',', '"', '\n', '\r']) {
        Cow::Owned(format!("\"{}\"", field.replace('"', "\"\"")))
    } else {
        field
    }
}

/// The CSV: a byte order mark, a header, one row per unit and task, every
/// field through [`csv_field`].
fn csv(doc: &Document<'_>, map: &UnitMap, out: &mut dyn Write) -> io::Result<()> {
    out.write_all("\u{feff}level,unit,counterpart,task,category,text\r\n".as_bytes())?;
    let counterpart_of_local = |unit: &str| -> String {
        map.links
            .iter()
            .filter(|l| l.local.iter().any(|x| x == unit))
            .map(|l| l.district.as_str())
            .collect::<Vec<_>>()
            .join("、")
    };
    let by_number = task_places(doc);
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
                write!(
                    out,
                    "{},{},{},{number},{},{}\r\n",
                    csv_field(level),
                    csv_field(&d.unit),
                    csv_field(&counterpart),
                    csv_field(category),
                    csv_field(text)
                )?;
            }
        }
    }
    Ok(())
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

    #[test]
    fn csv_escapes_control_characters_but_keeps_line_breaks() {
        assert_eq!(csv_field("区\u{1b}[2J局"), "区␛[2J局");
        assert_eq!(
            csv_field("第一行\u{7}\n第二行\r\n"),
            "\"第一行␇\n第二行\r\n\""
        );
    }

    #[test]
    fn csv_defuses_formulas() {
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("+1"), "'+1");
        assert_eq!(csv_field("-1"), "'-1");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_field("\t=1"), "'\t=1");
        assert_eq!(csv_field("区=局"), "区=局");
    }
}
