//! `check`'s output: each file's part in the format asked for, written
//! as the files are checked, in their order.
//!
//! Every format is written finding by finding to a [`Write`] (standard
//! output, buffered): no format builds its whole output in memory. When
//! there are several files, each file's part is rendered by the worker that
//! checked it ([`Options::prepare`]), which then drops the file's text (one
//! file's part is written as it is rendered), and [`Stream`] writes the parts in
//! order: the human formats and `github` one file after the other, the JSON
//! array and the SARIF log as one document whose elements are each file's
//! records (serialized as located, without a `serde_json::Value` tree). The
//! human formats (`full`, `concise`) escape control characters from
//! documents and quote odd file names ([`escape_control`], [`quote_path`]);
//! `github` escapes them too, then applies the Actions toolkit's escaping,
//! so that nothing a document or a file name holds can start a workflow
//! command of its own; JSON and SARIF escape them as JSON does.

use std::io::{self, Write};

use fengong::render::{self, escape_control, quote_path, Locator, Record, Report, Style};
use fengong::{Applicability, Code, Diagnostic, Position, Severity};

use super::color::Palette;
use super::sarif;

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
    /// Whether the output is for machines (the summary then goes to stderr).
    pub fn is_machine(self) -> bool {
        matches!(self, Format::Json | Format::Github | Format::Sarif)
    }
}

/// A file's part is always rendered ahead up to this many bytes, however
/// short the file.
const PRERENDER_MIN: usize = 64 * 1024;

/// How much output the formats of many small pieces (`json`, `sarif`,
/// `github`) put together before handing it to the writer.
const CHUNK: usize = 64 * 1024;

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

/// Appends `text` to `out` with `indent` at the start of every line:
/// pretty-printed JSON nested deeper than it was serialized (JSON strings
/// hold no raw line breaks, so every line break is between tokens).
fn push_indented(out: &mut Vec<u8>, text: &[u8], indent: &[u8]) {
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', text) {
        out.extend_from_slice(indent);
        out.extend_from_slice(&text[start..=end]);
        start = end + 1;
    }
    if start < text.len() {
        out.extend_from_slice(indent);
        out.extend_from_slice(&text[start..]);
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
    /// The fixes applied with --fix (or that would be, with --diff), each
    /// code once with how many; without either, the fixes available.
    pub fixes: Vec<(Code, usize)>,
    /// The unified diff of the fixes, with --diff.
    pub diff: String,
    /// Standard input with --fix: its text, fixed or as it was, encoded as
    /// it came, for standard output.
    pub stdout: Option<Vec<u8>>,
    /// The file's part of the output, already rendered by the worker that
    /// checked it, so that the text can be dropped early and the rendering
    /// runs on every core.
    pub rendered: Option<String>,
}

impl Checked {
    /// A file named `display`, with nothing found yet.
    pub(crate) fn new(display: String) -> Checked {
        Checked {
            display,
            text: None,
            position: None,
            diagnostics: Vec::new(),
            fixes: Vec::new(),
            diff: String::new(),
            stdout: None,
            rendered: None,
        }
    }

    /// A file with one finding and nothing else.
    pub(crate) fn failed(display: String, diagnostic: Diagnostic) -> Checked {
        Checked {
            diagnostics: vec![diagnostic],
            ..Checked::new(display)
        }
    }

    /// How many fixes were applied (or would be, or are available).
    pub(crate) fn fixed(&self) -> usize {
        self.fixes.iter().map(|(_, n)| n).sum()
    }

    /// The report of the file's text, if it was decoded.
    pub(crate) fn report(&self) -> Option<Report<'_>> {
        self.text
            .as_deref()
            .map(|t| Report::new(self.display.as_str(), t))
    }

    /// The report of the file's text as a locator, for its diagnostics in
    /// order.
    pub(crate) fn locator(&self) -> Option<Locator<'_>> {
        self.report().map(Report::into_locator)
    }

    /// Where `d` starts and ends: in the text, or at the position of the
    /// bytes that are not text.
    pub(crate) fn positions(
        &self,
        locator: Option<&mut Locator<'_>>,
        d: &Diagnostic,
    ) -> (Position, Position) {
        match locator {
            Some(l) => l.locate(d.span()),
            None => {
                let p = self.position.unwrap_or(Position { line: 1, column: 1 });
                (p, p)
            }
        }
    }
}

/// What each file puts in the output stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Emit {
    /// Its findings, in this format.
    Findings(Format),
    /// The diff of its fixes (`--diff`).
    Diff,
    /// Nothing (`--statistics`, `--silent`).
    Nothing,
}

/// How the files' parts are rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Options {
    pub(crate) emit: Emit,
    pub(crate) style: Style,
    /// Whether unsafe fixes count as fixable (`--unsafe-fixes`): a finding
    /// with a fix that `--fix` would apply is marked `[*]`.
    pub(crate) include_unsafe: bool,
}

impl Options {
    /// Whether `d` has a fix that `--fix` applies (with these options).
    pub(crate) fn fixable(&self, d: &Diagnostic) -> bool {
        d.fix()
            .is_some_and(|f| f.applicability == Applicability::Safe || self.include_unsafe)
    }

    /// Renders `checked`'s part now and drops its text, unless the part
    /// comes out longer than the text (a file with a finding every few
    /// bytes): such a file keeps its text and its part is rendered when it
    /// is written, straight to the output, so that no file's findings are
    /// ever held in memory as text larger than the file.
    pub(crate) fn prepare(&self, checked: &mut Checked) {
        if self.emit == Emit::Nothing {
            checked.text = None;
            return;
        }
        let limit = checked
            .text
            .as_ref()
            .map_or(0, String::len)
            .max(PRERENDER_MIN);
        if self.least_part_len(checked) > limit {
            // Surely too long: not rendered up to the limit only to be
            // thrown away.
            return;
        }
        let mut buffer = Capped {
            bytes: Vec::new(),
            limit,
        };
        if self.write_part(checked, &mut buffer).is_ok() {
            // Rendered text is valid UTF-8: every piece written is a `str`.
            if let Ok(rendered) = String::from_utf8(buffer.bytes) {
                checked.rendered = Some(rendered);
                checked.text = None;
                checked.diff = String::new();
            }
        }
    }

    /// A lower bound on the length of `file`'s part: what every finding's
    /// record, line or block holds at the least (its fixed keys or
    /// punctuation, the file's name where each one repeats it, its message,
    /// and its help line in the formats that carry it; escaping and quoting
    /// only lengthen them).
    fn least_part_len(&self, file: &Checked) -> usize {
        let name = file.display.len();
        let (fixed, with_help) = match self.emit {
            // `{"file": …, "line": …, "column": …, "end_line": …, …}`,
            // pretty-printed.
            Emit::Findings(Format::Json) => (150 + name, true),
            // A result with its level, location and message.
            Emit::Findings(Format::Sarif) => (400, true),
            // `::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=…::`
            Emit::Findings(Format::Github) => (40 + name, true),
            // `name:1:1: W001 …`
            Emit::Findings(Format::Concise) => (10 + name, false),
            // `warning[W001]: …`, `--> name:1:1` (or the name in the
            // title, without the text), `= help: …`.
            Emit::Findings(Format::Full) => (20 + name, true),
            Emit::Diff | Emit::Nothing => return 0,
        };
        file.diagnostics
            .iter()
            .map(|d| {
                let help = if with_help {
                    d.help().map_or(0, str::len)
                } else {
                    0
                };
                fixed + d.message().len() + help
            })
            .fold(0, usize::saturating_add)
    }

    /// Whether `file` has anything to write.
    fn has_part(&self, file: &Checked) -> bool {
        match (&file.rendered, self.emit) {
            (Some(rendered), _) => !rendered.is_empty(),
            (None, Emit::Findings(_)) => !file.diagnostics.is_empty(),
            (None, Emit::Diff) => !file.diff.is_empty(),
            (None, Emit::Nothing) => false,
        }
    }

    /// Writes `file`'s part: as rendered ahead, or rendered now.
    fn write_part(&self, file: &Checked, out: &mut dyn Write) -> io::Result<()> {
        if let Some(rendered) = &file.rendered {
            return out.write_all(rendered.as_bytes());
        }
        match self.emit {
            Emit::Findings(Format::Full) => self.full(file, out),
            Emit::Findings(Format::Concise) => self.concise(file, out),
            Emit::Findings(Format::Github) => github(file, out),
            Emit::Findings(Format::Json) => write_elements(records(file), out, "  "),
            Emit::Findings(Format::Sarif) => {
                write_elements(sarif::file_results(file), out, sarif::RESULT_INDENT)
            }
            Emit::Diff => {
                out.write_all(super::color::paint_diff(file.diff.clone(), self.style).as_bytes())
            }
            Emit::Nothing => Ok(()),
        }
    }

    /// `full`: each finding drawn under its source lines (rustc style),
    /// `[*]` before the message of a fixable one.
    fn full(&self, file: &Checked, out: &mut dyn Write) -> io::Result<()> {
        let report = file.report();
        let accent = Palette::of(self.style).accent;
        for d in &file.diagnostics {
            let shown = match &report {
                Some(r) => r.render(d, self.style),
                None => render::render_without_source(
                    d,
                    &file.display,
                    file.position.unwrap_or(Position { line: 1, column: 1 }),
                    self.style,
                ),
            };
            // The title is `severity[code]: message`, styled or not: the
            // first `: ` ends the header.
            match shown.find(": ").filter(|_| self.fixable(d)) {
                Some(at) => {
                    let (title, rest) = shown.split_at(at + 2);
                    write!(out, "{title}{accent}[*]{accent:#} {rest}")?;
                }
                None => out.write_all(shown.as_bytes())?,
            }
            out.write_all(b"\n\n")?;
        }
        Ok(())
    }

    /// `concise`: one line a finding, the message escaped and the name
    /// quoted if odd; `[*]` after the code of a fixable one.
    fn concise(&self, file: &Checked, out: &mut dyn Write) -> io::Result<()> {
        let mut locator = file.locator();
        let p = Palette::of(self.style);
        // What every line starts with, and the styles' codes (empty without
        // colour), written once: each line is then put together from
        // pieces, without going through `fmt` (a tenth of `check`'s work on
        // a file with a finding on most tasks).
        let head = format!(
            "{bold}{}{bold:#}:",
            quote_path(&file.display),
            bold = p.bold
        );
        let error = (
            p.error.render().to_string(),
            p.error.render_reset().to_string(),
        );
        let warning = (
            p.warning.render().to_string(),
            p.warning.render_reset().to_string(),
        );
        let fixable = format!("{accent}[*]{accent:#} ", accent = p.accent);
        let mut line = String::new();
        for d in &file.diagnostics {
            let (start, _) = file.positions(locator.as_mut(), d);
            let (on, off) = match d.severity() {
                Severity::Error => &error,
                Severity::Warning => &warning,
            };
            line.clear();
            line.push_str(&head);
            push_decimal(&mut line, start.line);
            line.push(':');
            push_decimal(&mut line, start.column);
            line.push_str(": ");
            line.push_str(on);
            line.push_str(d.severity().as_str());
            line.push('[');
            line.push_str(d.code().as_str());
            line.push(']');
            line.push_str(off);
            line.push(' ');
            if self.fixable(d) {
                line.push_str(&fixable);
            }
            line.push_str(&escape_control(d.message()));
            line.push('\n');
            out.write_all(line.as_bytes())?;
        }
        Ok(())
    }
}

/// Appends `n` in decimal to `out`.
fn push_decimal(out: &mut String, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[at..] {
        out.push(char::from(d));
    }
}

/// The records of one file, located one at a time: the shape of the JSON
/// output.
fn records(file: &Checked) -> impl Iterator<Item = Record<'_>> {
    let mut locator = file.locator();
    file.diagnostics.iter().map(move |d| {
        let (start, end) = file.positions(locator.as_mut(), d);
        Record::new(&file.display, start, end, d)
    })
}

/// Appends `text` to `out` escaped as the Actions toolkit escapes a
/// workflow command's message (`%`, CR and LF), and also `:` and `,` if it
/// is a `property` value; in one pass, the text pushed whole between the
/// characters it escapes.
fn push_workflow_escaped(out: &mut String, text: &str, property: bool) {
    let mut from = 0;
    for (at, b) in text.bytes().enumerate() {
        let escaped = match b {
            b'%' => "%25",
            b'\r' => "%0D",
            b'\n' => "%0A",
            b':' if property => "%3A",
            b',' if property => "%2C",
            _ => continue,
        };
        out.push_str(&text[from..at]);
        out.push_str(escaped);
        from = at + 1;
    }
    out.push_str(&text[from..]);
}

/// Escapes a workflow command's message as the Actions toolkit does.
#[cfg(test)]
fn escape_data(text: &str) -> String {
    let mut out = String::new();
    push_workflow_escaped(&mut out, text, false);
    out
}

/// Escapes a workflow command's property value as the Actions toolkit does.
fn escape_property(text: &str) -> String {
    let mut out = String::new();
    push_workflow_escaped(&mut out, text, true);
    out
}

/// `github`: one workflow command a finding, its message the message and
/// help of the finding, their control characters escaped (see
/// [`escape_control`]) so that none reaches the log, joined by a line break
/// (kept by the toolkit's escaping). The lines are put together in a
/// buffer and written a few dozen kilobytes at a time.
fn github(file: &Checked, out: &mut dyn Write) -> io::Result<()> {
    let mut locator = file.locator();
    // The file name as a property: control characters escaped, then `%`,
    // line breaks, `:` and `,` as the toolkit does; no `::` can remain.
    let name = escape_property(&escape_control(&file.display));
    let mut chunk = String::with_capacity(CHUNK);
    for d in &file.diagnostics {
        let (start, end) = file.positions(locator.as_mut(), d);
        // The workflow commands are named as the severities are.
        chunk.push_str("::");
        chunk.push_str(d.severity().as_str());
        chunk.push_str(" file=");
        chunk.push_str(&name);
        for (key, n) in [
            (",line=", start.line),
            (",col=", start.column),
            (",endLine=", end.line),
            (",endColumn=", end.column),
        ] {
            chunk.push_str(key);
            push_decimal(&mut chunk, n);
        }
        chunk.push_str(",title=");
        // Codes and names hold no character to escape; escaped all the
        // same, as a property.
        push_workflow_escaped(&mut chunk, d.code().as_str(), true);
        chunk.push(' ');
        push_workflow_escaped(&mut chunk, d.code().name(), true);
        chunk.push_str("::");
        push_workflow_escaped(&mut chunk, &escape_control(d.message()), false);
        if let Some(help) = d.help() {
            chunk.push_str("%0Ahelp: ");
            push_workflow_escaped(&mut chunk, &escape_control(help), false);
        }
        chunk.push('\n');
        if chunk.len() >= CHUNK {
            out.write_all(chunk.as_bytes())?;
            chunk.clear();
        }
    }
    out.write_all(chunk.as_bytes())
}

/// Writes each of `elements` pretty-printed as an element of a JSON array
/// nested so that its lines start with `indent`, separated by `,` and a
/// line break: the bytes `serde_json`'s pretty printer writes for them
/// inside the whole document.
///
/// Each element is serialized into a buffer and indented there, and `out`
/// is given the elements a few dozen kilobytes at a time: `serde_json`
/// writes every quote, colon and comma on its own, which through `dyn
/// Write` cost more than the lint pass on a file with many findings.
fn write_elements<T: serde::Serialize>(
    elements: impl Iterator<Item = T>,
    out: &mut dyn Write,
    indent: &str,
) -> io::Result<()> {
    let mut element_json = Vec::new();
    let mut chunk = Vec::with_capacity(CHUNK);
    for (i, element) in elements.enumerate() {
        if i > 0 {
            chunk.extend_from_slice(b",\n");
        }
        element_json.clear();
        serde_json::to_writer_pretty(&mut element_json, &element).map_err(io::Error::from)?;
        push_indented(&mut chunk, &element_json, indent.as_bytes());
        if chunk.len() >= CHUNK {
            out.write_all(&chunk)?;
            chunk.clear();
        }
    }
    out.write_all(&chunk)
}

/// The output of a run: each file's part written in order, inside the
/// opening and closing of the formats that are one document (the JSON
/// array, the SARIF log).
pub(crate) struct Stream<'w> {
    options: Options,
    out: &'w mut dyn Write,
    /// The SARIF log's closing, once its opening is written.
    closing: Option<String>,
    /// How many files' parts were written.
    parts: usize,
}

impl<'w> Stream<'w> {
    /// Starts the output: the opening of a JSON array or a SARIF log.
    pub(crate) fn begin(options: Options, out: &'w mut dyn Write) -> io::Result<Stream<'w>> {
        let mut closing = None;
        match options.emit {
            Emit::Findings(Format::Json) => out.write_all(b"[")?,
            Emit::Findings(Format::Sarif) => {
                let (open, close) = sarif::envelope()?;
                out.write_all(open.as_bytes())?;
                closing = Some(close);
            }
            _ => {}
        }
        Ok(Stream {
            options,
            out,
            closing,
            parts: 0,
        })
    }

    /// Whether `file` adds anything to the output.
    pub(crate) fn writes(&self, file: &Checked) -> bool {
        self.options.has_part(file)
    }

    /// Writes `file`'s part.
    pub(crate) fn file(&mut self, file: &Checked) -> io::Result<()> {
        if !self.options.has_part(file) {
            return Ok(());
        }
        if matches!(
            self.options.emit,
            Emit::Findings(Format::Json | Format::Sarif)
        ) {
            self.out
                .write_all(if self.parts == 0 { b"\n" } else { b",\n" })?;
        }
        self.options.write_part(file, &mut *self.out)?;
        self.parts += 1;
        Ok(())
    }

    /// Flushes what was written.
    pub(crate) fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    /// Ends the output: the closing of a JSON array or a SARIF log.
    pub(crate) fn finish(self) -> io::Result<()> {
        match self.options.emit {
            Emit::Findings(Format::Json) => {
                self.out
                    .write_all(if self.parts == 0 { b"]\n" } else { b"\n]\n" })?;
            }
            Emit::Findings(Format::Sarif) => {
                if self.parts > 0 {
                    self.out.write_all(b"\n      ")?;
                }
                self.out
                    .write_all(self.closing.as_deref().unwrap_or_default().as_bytes())?;
            }
            _ => {}
        }
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_escaping_matches_the_toolkit() {
        assert_eq!(escape_data("a%b\r\nc"), "a%25b%0D%0Ac");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
        // As the toolkit's replacements one after the other, on text of
        // every character they touch, next to each other and to Chinese.
        let replaced = |text: &str, property: bool| {
            let data = text
                .replace('%', "%25")
                .replace('\r', "%0D")
                .replace('\n', "%0A");
            if property {
                data.replace(':', "%3A").replace(',', "%2C")
            } else {
                data
            }
        };
        for text in ["", "%", "甲%乙", "a:b,c\r\n%%", "：，\n\n,:", "%0A\r"] {
            assert_eq!(escape_data(text), replaced(text, false), "{text:?}");
            assert_eq!(escape_property(text), replaced(text, true), "{text:?}");
        }
    }

    #[test]
    fn indenting_starts_every_line() {
        let indented = |text: &str| {
            let mut out = b"[".to_vec();
            push_indented(&mut out, text.as_bytes(), b"  ");
            String::from_utf8(out).unwrap()
        };
        assert_eq!(indented("{\n\"a\": 1\n}"), "[  {\n  \"a\": 1\n  }");
        assert_eq!(indented("1"), "[  1");
        assert_eq!(indented(""), "[");
        // A line break at the end leaves no indent after it.
        assert_eq!(indented("{\n}\n"), "[  {\n  }\n");
    }

    #[test]
    fn the_least_part_length_is_never_more_than_the_part() {
        // The shortest findings there are: a one-letter name, a one-letter
        // message, no label or help, at the start of a one-byte file (and
        // of a file with no text); every code, so every name.
        for text in [Some("a"), None] {
            let mut file = Checked::new("a".to_string());
            file.text = text.map(str::to_string);
            // Each with a help line and without, and one whose message and
            // help escaping lengthens.
            file.diagnostics = Code::ALL
                .iter()
                .flat_map(|&code| {
                    let d = Diagnostic::new(code, fengong::Span::empty(0), "x");
                    [d.clone(), d.with_help("y")]
                })
                .chain([
                    Diagnostic::new(Code::ALL[0], fengong::Span::empty(0), "甲\u{1b}[31m\n")
                        .with_help("乙\t"),
                ])
                .collect();
            for format in [
                Format::Full,
                Format::Concise,
                Format::Github,
                Format::Json,
                Format::Sarif,
            ] {
                let options = Options {
                    emit: Emit::Findings(format),
                    style: Style::Plain,
                    include_unsafe: false,
                };
                let mut part = Vec::new();
                options.write_part(&file, &mut part).unwrap();
                assert!(
                    options.least_part_len(&file) <= part.len(),
                    "{format:?}: {} > {}",
                    options.least_part_len(&file),
                    part.len()
                );
            }
        }
    }

    #[test]
    fn decimals_as_display_writes_them() {
        for n in [0, 7, 9, 10, 99, 100, 12_345, usize::MAX] {
            let mut out = String::from("a:");
            push_decimal(&mut out, n);
            assert_eq!(out, format!("a:{n}"));
        }
    }
}
