//! Output formats for diagnostics: one renderer per format.

use std::fmt::Write as _;

use fengong::render::{self, Record, Report, Style};
use fengong::{Code, Diagnostic, Position, Severity};
use serde_json::json;

/// How `check` prints its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Source snippets with carets, help and notes (rustc style).
    Full,
    /// One line per finding: `file:line:col: severity[code] message`.
    Concise,
    /// A JSON array of findings.
    Json,
    /// GitHub Actions workflow commands, for inline annotations.
    Github,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF readers.
    Sarif,
}

impl Format {
    /// Whether the output is one file's findings after another's, so that
    /// each file can be written on its own.
    pub fn is_per_file(self) -> bool {
        matches!(self, Format::Full | Format::Concise | Format::Github)
    }

    /// Writes `checked`'s findings now and drops its text, for formats that
    /// print file by file; others need the whole run and keep it.
    pub fn prerender(self, checked: &mut Checked, style: Style) {
        if self.is_per_file() {
            checked.rendered = Some(write(self, std::slice::from_ref(checked), style));
            checked.text = None;
        }
    }

    /// Whether the output is for machines (the summary then goes to stderr).
    pub fn is_machine(self) -> bool {
        matches!(self, Format::Json | Format::Github | Format::Sarif)
    }
}

/// One checked file: its name, its text when it could be decoded, and its
/// findings.
pub struct Checked {
    pub display: String,
    pub text: Option<String>,
    /// For findings about bytes that are not text: where they are.
    pub position: Option<Position>,
    pub diagnostics: Vec<Diagnostic>,
    /// How many fixes were applied (or would be, with --diff).
    pub fixed: usize,
    /// The unified diff of the fixes, with --diff.
    pub diff: String,
    /// Standard input with --fix: its text, fixed or as it was, encoded as
    /// it came, for standard output.
    pub stdout: Option<Vec<u8>>,
    /// The file's findings already written out by the worker that checked
    /// it (formats that print file by file), so that the text can be
    /// dropped early and the writing runs on every core.
    pub rendered: Option<String>,
}

impl Checked {
    fn report(&self) -> Option<Report<'_>> {
        self.text
            .as_deref()
            .map(|t| Report::new(self.display.as_str(), t))
    }

    fn positions(&self, report: Option<&Report<'_>>, d: &Diagnostic) -> (Position, Position) {
        match report {
            Some(r) => r.locate(d.span()),
            None => {
                let p = self.position.unwrap_or(Position { line: 1, column: 1 });
                (p, p)
            }
        }
    }
}

fn record<'a>(file: &'a Checked, report: Option<&'a Report<'a>>, d: &'a Diagnostic) -> Record<'a> {
    match report {
        Some(r) => r.record(d),
        None => {
            let (start, end) = file.positions(None, d);
            Record::new(&file.display, start, end, d)
        }
    }
}

/// Writes every finding of every file in `format`.
pub fn write(format: Format, files: &[Checked], style: Style) -> String {
    if format.is_per_file() && files.iter().all(|f| f.rendered.is_some()) {
        return files.iter().filter_map(|f| f.rendered.as_deref()).collect();
    }
    match format {
        Format::Full => full(files, style),
        Format::Concise => concise(files),
        Format::Json => json_array(files),
        Format::Github => github(files),
        Format::Sarif => sarif(files),
    }
}

fn full(files: &[Checked], style: Style) -> String {
    let mut out = String::new();
    for file in files {
        let report = file.report();
        for d in &file.diagnostics {
            let shown = match &report {
                Some(r) => r.render(d, style),
                None => render::render_without_source(
                    d,
                    &file.display,
                    file.position.unwrap_or(Position { line: 1, column: 1 }),
                    style,
                ),
            };
            out.push_str(&shown);
            out.push_str("\n\n");
        }
    }
    out
}

fn concise(files: &[Checked]) -> String {
    let mut out = String::new();
    for file in files {
        let report = file.report();
        for d in &file.diagnostics {
            let (start, _) = file.positions(report.as_ref(), d);
            let _ = writeln!(
                out,
                "{}:{}:{}: {}[{}] {}",
                file.display,
                start.line,
                start.column,
                d.severity(),
                d.code(),
                d.message()
            );
        }
    }
    out
}

fn json_array(files: &[Checked]) -> String {
    let reports: Vec<Option<Report<'_>>> = files.iter().map(Checked::report).collect();
    let records: Vec<Record<'_>> = files
        .iter()
        .zip(&reports)
        .flat_map(|(file, report)| {
            file.diagnostics
                .iter()
                .map(move |d| record(file, report.as_ref(), d))
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&records).unwrap_or_else(|_| "[]".to_string());
    out.push('\n');
    out
}

/// Escapes a workflow command's message as the Actions toolkit does.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value as the Actions toolkit does.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

fn github(files: &[Checked]) -> String {
    let mut out = String::new();
    for file in files {
        let report = file.report();
        for d in &file.diagnostics {
            let (start, end) = file.positions(report.as_ref(), d);
            let command = match d.severity() {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let mut message = d.message().to_string();
            if let Some(help) = d.help() {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            let _ = writeln!(
                out,
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                escape_property(&file.display),
                start.line,
                start.column,
                end.line,
                end.column,
                escape_property(&format!("{} {}", d.code(), d.code().name())),
                escape_data(&message)
            );
        }
    }
    out
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn sarif(files: &[Checked]) -> String {
    let rules: Vec<serde_json::Value> = Code::ALL
        .iter()
        .map(|code| {
            json!({
                "id": code.as_str(),
                "name": code.name(),
                "shortDescription": {"text": code.summary()},
                "fullDescription": {"text": code.summary()},
                "help": {"text": code.explanation(), "markdown": code.explanation()},
                "defaultConfiguration": {"level": level(code.default_severity())},
                "properties": {"tags": [if code.as_str().starts_with('E') { "syntax" } else { "lint" }]},
            })
        })
        .collect();
    let mut results = Vec::new();
    for file in files {
        let report = file.report();
        for d in &file.diagnostics {
            let (start, end) = file.positions(report.as_ref(), d);
            let rule_index = Code::ALL.iter().position(|c| *c == d.code()).unwrap_or(0);
            let mut message = d.message().to_string();
            if let Some(help) = d.help() {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            let uri = file.display.replace('\\', "/");
            let mut result = json!({
                "ruleId": d.code().as_str(),
                "ruleIndex": rule_index,
                "level": level(d.severity()),
                "message": {"text": message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri},
                        "region": {
                            "startLine": start.line,
                            "startColumn": start.column,
                            "endLine": end.line,
                            "endColumn": end.column,
                            "byteOffset": d.span().start,
                            "byteLength": d.span().len(),
                        }
                    }
                }],
            });
            let related: Vec<serde_json::Value> = d
                .secondary()
                .iter()
                .enumerate()
                .map(|(i, label)| {
                    let (s, e) = match &report {
                        Some(r) => r.locate(label.span),
                        None => (start, end),
                    };
                    json!({
                        "id": i,
                        "message": {"text": label.message},
                        "physicalLocation": {
                            "artifactLocation": {"uri": uri},
                            "region": {"startLine": s.line, "startColumn": s.column, "endLine": e.line, "endColumn": e.column}
                        }
                    })
                })
                .collect();
            if !related.is_empty() {
                result["relatedLocations"] = serde_json::Value::Array(related);
            }
            results.push(result);
        }
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "fengong",
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    let mut out = serde_json::to_string_pretty(&log).unwrap_or_default();
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_escaping_matches_the_toolkit() {
        assert_eq!(escape_data("a%b\r\nc"), "a%25b%0D%0Ac");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
