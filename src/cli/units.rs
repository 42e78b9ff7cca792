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
    let fit = if format == UnitsFormat::Table {
        terminal_width()
    } else {
        None
    };
    with_document(file, style, |_, doc| {
        term::print_with(|out| write(&doc, format, fit, out))
    })
}

/// Writes each unit's tasks in `format` to `out`: by role, and for a
/// two-level table the unit map of its two levels; a table fitted to `fit`
/// display columns if given (see [`write_table`]).
pub fn write(
    doc: &Document<'_>,
    format: UnitsFormat,
    fit: Option<usize>,
    out: &mut dyn Write,
) -> io::Result<()> {
    if !doc.header().has_levels() {
        return by_role(doc, format, fit, out);
    }
    let map = doc.unit_map();
    match format {
        UnitsFormat::Table => out.write_all(table(doc, &map, fit).as_bytes()),
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
fn by_role(
    doc: &Document<'_>,
    format: UnitsFormat,
    fit: Option<usize>,
    out: &mut dyn Write,
) -> io::Result<()> {
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
            write_table(&mut text, &header, &rows, fit);
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

/// An aligned table: a header, a rule of dashes, the rows. With `fit`, the
/// widest column is narrowed so that lines fit in `fit` display columns
/// (down to [`MIN_FIT`]), its cells wrapped onto lines of their own (at
/// `, `, `、` or a space when there is one, else anywhere).
fn write_table(out: &mut String, header: &[&str], rows: &[Vec<String>], fit: Option<usize>) {
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(cell.width());
            }
        }
    }
    let total = widths.iter().sum::<usize>() + 2 * widths.len().saturating_sub(1);
    // The column to wrap, and its narrowed width.
    let wrapped = fit.filter(|&fit| total > fit).and_then(|fit| {
        let (i, &w) = widths.iter().enumerate().max_by_key(|&(i, w)| (*w, i))?;
        let narrowed = w.saturating_sub(total - fit).max(MIN_FIT.min(w));
        Some((i, narrowed))
    });
    if let Some((i, narrowed)) = wrapped {
        widths[i] = narrowed;
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
    let row_lines = |cells: Vec<&str>| -> Vec<String> {
        let Some((i, narrowed)) = wrapped else {
            return vec![line(cells)];
        };
        let pieces = cells.get(i).map_or_else(Vec::new, |c| wrap(c, narrowed));
        (0..pieces.len().max(1))
            .map(|k| {
                let shown: Vec<&str> = cells
                    .iter()
                    .enumerate()
                    .map(|(j, c)| match (j == i, k) {
                        (true, _) => pieces.get(k).copied().unwrap_or(""),
                        (false, 0) => c,
                        (false, _) => "",
                    })
                    .collect();
                line(shown)
            })
            .collect()
    };
    for text in row_lines(header.to_vec()) {
        let _ = writeln!(out, "{text}");
    }
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
        for text in row_lines(row.iter().map(String::as_str).collect()) {
            let _ = writeln!(out, "{text}");
        }
    }
}

/// A column is never narrowed below this many display columns to fit.
const MIN_FIT: usize = 12;

/// `text` cut into pieces of at most `width` display columns: after the
/// last `, `, `、` or space that fits, else after the last character that
/// fits (a character wider than `width` alone on its piece).
fn wrap(text: &str, width: usize) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while rest.width() > width {
        let (mut fits, mut used, mut breaks) = (0, 0, None);
        for (at, c) in rest.char_indices() {
            let w = c.to_string().width();
            if used + w > width {
                break;
            }
            used += w;
            fits = at + c.len_utf8();
            if matches!(c, ' ' | '、' | ',') {
                breaks = Some(fits);
            }
        }
        let cut = match breaks.filter(|&b| b < rest.len()) {
            Some(b) => b,
            None => fits.max(rest.chars().next().map_or(rest.len(), char::len_utf8)),
        };
        let (piece, tail) = rest.split_at(cut);
        pieces.push(piece.trim_end());
        rest = tail.trim_start();
    }
    if !rest.is_empty() || pieces.is_empty() {
        pieces.push(rest);
    }
    pieces
}

/// The width to fit the table to: standard output's, when it is a
/// terminal (`COLUMNS` if set, else the terminal's own); none otherwise.
fn terminal_width() -> Option<usize> {
    use std::io::IsTerminal;
    let stdout = std::io::stdout();
    if !stdout.is_terminal() {
        return None;
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&c| c > 0)
        .or_else(|| terminal_size::terminal_size_of(&stdout).map(|(w, _)| usize::from(w.0)))
}

/// The table: every name and text escaped (see [`escape_control`]).
fn table(doc: &Document<'_>, map: &UnitMap, fit: Option<usize>) -> String {
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
        fit,
    );
    for (name, duties) in [(&district, &map.district), (&local, &map.local)] {
        let _ = writeln!(out, "\n{name}单位的任务\n");
        let rows: Vec<Vec<String>> = duties
            .iter()
            .map(|d| vec![shown(&d.unit), d.tasks.len().to_string(), numbers(&d.tasks)])
            .collect();
        write_table(&mut out, &["unit", "tasks", "task numbers"], &rows, fit);
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
    fn tables_fit_their_widest_column_to_the_width() {
        let header = ["unit", "task numbers"];
        let rows = vec![
            vec![
                "区人社局".to_string(),
                "1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12".to_string(),
            ],
            vec!["区财政局".to_string(), "2".to_string()],
        ];
        let mut wide = String::new();
        write_table(&mut wide, &header, &rows, None);
        assert_eq!(
            wide,
            "unit      task numbers\n--------  -------------------------------------\n区人社局  1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12\n区财政局  2\n"
        );
        let mut fitted = String::new();
        write_table(&mut fitted, &header, &rows, Some(30));
        assert_eq!(
            fitted,
            "unit      task numbers\n--------  --------------------\n区人社局  1, 2, 3, 4, 5, 6, 7,\n          8, 9, 10, 11, 12\n区财政局  2\n"
        );
        assert!(fitted.lines().all(|l| l.width() <= 30), "{fitted}");
        // Wide enough already: unchanged.
        let mut same = String::new();
        write_table(&mut same, &header, &rows, Some(200));
        assert_eq!(same, wide);
    }

    #[test]
    fn wrapping_breaks_at_separators_or_anywhere() {
        assert_eq!(wrap("1, 2, 3", 4), ["1,", "2, 3"]);
        assert_eq!(wrap("人社局、财政局", 8), ["人社局、", "财政局"]);
        assert_eq!(wrap("人社局财政局", 5), ["人社", "局财", "政局"]);
        assert_eq!(wrap("", 5), [""]);
        assert_eq!(wrap("甲", 1), ["甲"]);
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
