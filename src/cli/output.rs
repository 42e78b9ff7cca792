//! Output formats for diagnostics: one writer per format.
//!
//! Every format is written finding by finding to a [`Write`] (standard
//! output, buffered): no format builds its whole output in memory (the JSON
//! array and the SARIF log are serialized as they are written, without a
//! `serde_json::Value` tree). The human formats (`full`, `concise`) escape
//! control characters from documents and quote odd file names
//! ([`escape_control`], [`quote_path`]); `github` escapes them too, then
//! applies the Actions toolkit's escaping, so that nothing a document or a
//! file name holds can start a workflow command; JSON and SARIF escape them
//! as JSON does.

use std::io::{self, Write};

use fengong::render::{self, escape_control, quote_path, Record, Report, Style};
use fengong::{Code, Diagnostic, Position, Severity};
use serde::ser::{Serialize, Serializer};

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
    /// print file by file, unless they come out longer than the text (a
    /// file with a finding every few bytes): such a file keeps its text and
    /// is written at the end, straight to the output, so that no file's
    /// findings are ever held in memory as text larger than the file.
    pub fn prerender(self, checked: &mut Checked, style: Style) {
        if !self.is_per_file() {
            return;
        }
        let limit = checked
            .text
            .as_ref()
            .map_or(0, String::len)
            .max(PRERENDER_MIN);
        let mut buffer = Capped {
            bytes: Vec::new(),
            limit,
        };
        if write(self, std::slice::from_ref(checked), style, &mut buffer).is_ok() {
            // Rendered text is valid UTF-8: every piece written is a `str`.
            if let Ok(rendered) = String::from_utf8(buffer.bytes) {
                checked.rendered = Some(rendered);
                checked.text = None;
            }
        }
    }

    /// Whether the output is for machines (the summary then goes to stderr).
    pub fn is_machine(self) -> bool {
        matches!(self, Format::Json | Format::Github | Format::Sarif)
    }
}

/// Findings of a file are always prerendered up to this many bytes, however
/// short the file.
const PRERENDER_MIN: usize = 64 * 1024;

/// A buffer that refuses to grow past `limit` bytes.
struct Capped {
    bytes: Vec<u8>,
    limit: usize,
}

impl Write for Capped {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.bytes.len() + buf.len() > self.limit {
            return Err(io::Error::other("longer than the file"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
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
    /// The report of the file's text, if it was decoded.
    fn report(&self) -> Option<Report<'_>> {
        self.text
            .as_deref()
            .map(|t| Report::new(self.display.as_str(), t))
    }

    /// Where `d` starts and ends: in the text, or at the position of the
    /// bytes that are not text.
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

/// Writes every finding of every file in `format` to `out`, stopping at the
/// first failure to write.
pub fn write(
    format: Format,
    files: &[Checked],
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Json => json_array(files, out),
        Format::Sarif => sarif(files, out),
        _ => {
            for file in files {
                match &file.rendered {
                    Some(rendered) => out.write_all(rendered.as_bytes())?,
                    None => match format {
                        Format::Full => full(file, style, out)?,
                        Format::Concise => concise(file, out)?,
                        _ => github(file, out)?,
                    },
                }
            }
            Ok(())
        }
    }
}

/// `full`: each finding drawn under its source lines (rustc style).
fn full(file: &Checked, style: Style, out: &mut dyn Write) -> io::Result<()> {
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
        out.write_all(shown.as_bytes())?;
        out.write_all(b"\n\n")?;
    }
    Ok(())
}

/// `concise`: one line a finding, the message escaped and the name quoted
/// if odd.
fn concise(file: &Checked, out: &mut dyn Write) -> io::Result<()> {
    let report = file.report();
    let display = quote_path(&file.display);
    for d in &file.diagnostics {
        let (start, _) = file.positions(report.as_ref(), d);
        writeln!(
            out,
            "{display}:{}:{}: {}[{}] {}",
            start.line,
            start.column,
            d.severity(),
            d.code(),
            escape_control(d.message())
        )?;
    }
    Ok(())
}

/// The records of one file, located one at a time.
fn records(file: &Checked) -> impl Iterator<Item = Record<'_>> {
    let report = file.report();
    file.diagnostics.iter().map(move |d| {
        let (start, end) = file.positions(report.as_ref(), d);
        Record::new(&file.display, start, end, d)
    })
}

/// Every file's records as one flat sequence, located as serialized.
struct AllRecords<'a> {
    files: &'a [Checked],
}

impl Serialize for AllRecords<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.files.iter().flat_map(records))
    }
}

/// `json`: one array of every file's records, serialized as located.
fn json_array(files: &[Checked], out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &AllRecords { files }).map_err(io::Error::from)?;
    out.write_all(b"\n")
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

/// A workflow command's message: the message and help of `d`, their
/// control characters escaped (see [`escape_control`]) so that none reaches
/// the log, joined by a line break (kept by the toolkit's escaping).
fn github_message(d: &Diagnostic) -> String {
    let mut message = escape_control(d.message()).into_owned();
    if let Some(help) = d.help() {
        message.push_str("\nhelp: ");
        message.push_str(&escape_control(help));
    }
    escape_data(&message)
}

/// `github`: one workflow command a finding.
fn github(file: &Checked, out: &mut dyn Write) -> io::Result<()> {
    let report = file.report();
    // The file name as a property: control characters escaped, then `%`,
    // line breaks, `:` and `,` as the toolkit does; no `::` can remain.
    let name = escape_property(&escape_control(&file.display));
    for d in &file.diagnostics {
        let (start, end) = file.positions(report.as_ref(), d);
        let command = match d.severity() {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(
            out,
            "::{command} file={name},line={},col={},endLine={},endColumn={},title={}::{}",
            start.line,
            start.column,
            end.line,
            end.column,
            escape_property(&format!("{} {}", d.code(), d.code().name())),
            github_message(d)
        )?;
    }
    Ok(())
}

/// A SARIF level.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

// The SARIF log, serialized as it is written. Fields are declared in the
// alphabetical order in which a `serde_json::Value` object writes them, the
// order of earlier versions of this output.

/// `{"text": …}`.
#[derive(serde::Serialize)]
struct Text<'a> {
    text: &'a str,
}

/// A rule's help, in text and Markdown.
#[derive(serde::Serialize)]
struct RuleHelp {
    markdown: &'static str,
    text: &'static str,
}

/// `{"level": …}`.
#[derive(serde::Serialize)]
struct RuleConfiguration {
    level: &'static str,
}

/// `{"tags": […]}`.
#[derive(serde::Serialize)]
struct RuleProperties {
    tags: [&'static str; 1],
}

/// One `reportingDescriptor`: a code.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    default_configuration: RuleConfiguration,
    full_description: Text<'static>,
    help: RuleHelp,
    id: &'static str,
    name: &'static str,
    properties: RuleProperties,
    short_description: Text<'static>,
}

/// The SARIF rule of `code`.
fn rule(code: Code) -> Rule {
    Rule {
        default_configuration: RuleConfiguration {
            level: level(code.default_severity()),
        },
        full_description: Text {
            text: code.summary(),
        },
        help: RuleHelp {
            markdown: code.explanation(),
            text: code.explanation(),
        },
        id: code.as_str(),
        name: code.name(),
        properties: RuleProperties {
            tags: [if code.as_str().starts_with('E') {
                "syntax"
            } else {
                "lint"
            }],
        },
        short_description: Text {
            text: code.summary(),
        },
    }
}

/// `{"uri": …}`.
#[derive(serde::Serialize)]
struct Artifact<'a> {
    uri: &'a str,
}

/// A result's region, with its bytes.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    byte_length: usize,
    byte_offset: usize,
    end_column: usize,
    end_line: usize,
    start_column: usize,
    start_line: usize,
}

/// A related location's region.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct LineRegion {
    end_column: usize,
    end_line: usize,
    start_column: usize,
    start_line: usize,
}

/// `{"artifactLocation": …, "region": …}`.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Physical<'a, R> {
    artifact_location: Artifact<'a>,
    region: R,
}

/// `{"physicalLocation": …}`.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    physical_location: Physical<'a, Region>,
}

/// A secondary label, as a related location.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Related<'a> {
    id: usize,
    message: Text<'a>,
    physical_location: Physical<'a, LineRegion>,
}

/// One `result`: a finding.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    level: &'static str,
    locations: [Location<'a>; 1],
    message: Text<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Related<'a>>,
    rule_id: &'static str,
    rule_index: usize,
}

/// Every file's results, built one at a time as they are serialized.
struct Results<'a> {
    files: &'a [Checked],
}

impl Serialize for Results<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.files.iter().flat_map(file_results))
    }
}

/// The SARIF results of one file, built one at a time.
fn file_results(file: &Checked) -> impl Iterator<Item = SarifOwned<'_>> {
    let report = file.report();
    let uri = file.display.replace('\\', "/");
    file.diagnostics.iter().map(move |d| {
        let (start, end) = file.positions(report.as_ref(), d);
        let mut message = d.message().to_string();
        if let Some(help) = d.help() {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        let related = d
            .secondary()
            .iter()
            .enumerate()
            .map(|(i, label)| {
                let (s, e) = match &report {
                    Some(r) => r.locate(label.span),
                    None => (start, end),
                };
                (i, label.message.as_str(), s, e)
            })
            .collect();
        SarifOwned {
            uri: uri.clone(),
            message,
            d,
            start,
            end,
            related,
        }
    })
}

/// What one result needs beyond borrowed data: its message (with the help
/// line) and the file's URI.
struct SarifOwned<'a> {
    uri: String,
    message: String,
    d: &'a Diagnostic,
    start: Position,
    end: Position,
    related: Vec<(usize, &'a str, Position, Position)>,
}

impl Serialize for SarifOwned<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let d = self.d;
        let uri = self.uri.as_str();
        SarifResult {
            level: level(d.severity()),
            locations: [Location {
                physical_location: Physical {
                    artifact_location: Artifact { uri },
                    region: Region {
                        byte_length: d.span().len(),
                        byte_offset: d.span().start,
                        end_column: self.end.column,
                        end_line: self.end.line,
                        start_column: self.start.column,
                        start_line: self.start.line,
                    },
                },
            }],
            message: Text {
                text: &self.message,
            },
            related_locations: self
                .related
                .iter()
                .map(|&(id, text, start, end)| Related {
                    id,
                    message: Text { text },
                    physical_location: Physical {
                        artifact_location: Artifact { uri },
                        region: LineRegion {
                            end_column: end.column,
                            end_line: end.line,
                            start_column: start.column,
                            start_line: start.line,
                        },
                    },
                })
                .collect(),
            rule_id: d.code().as_str(),
            rule_index: Code::ALL.iter().position(|c| *c == d.code()).unwrap_or(0),
        }
        .serialize(s)
    }
}

/// `{"name": …, "rules": …, "semanticVersion": …, "version": …}`.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    rules: Vec<Rule>,
    semantic_version: &'static str,
    version: &'static str,
}

/// `{"driver": …}`.
#[derive(serde::Serialize)]
struct Tool {
    driver: Driver,
}

/// One run: the tool and its results.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    column_kind: &'static str,
    results: Results<'a>,
    tool: Tool,
}

/// The log.
#[derive(serde::Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    runs: [Run<'a>; 1],
    version: &'static str,
}

/// `sarif`: a SARIF 2.1.0 log, serialized as it is written.
fn sarif(files: &[Checked], out: &mut dyn Write) -> io::Result<()> {
    let log = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        runs: [Run {
            column_kind: "unicodeCodePoints",
            results: Results { files },
            tool: Tool {
                driver: Driver {
                    name: "fengong",
                    rules: Code::ALL.iter().copied().map(rule).collect(),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    version: env!("CARGO_PKG_VERSION"),
                },
            },
        }],
        version: "2.1.0",
    };
    serde_json::to_writer_pretty(&mut *out, &log).map_err(io::Error::from)?;
    out.write_all(b"\n")
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
