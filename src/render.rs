//! Drawing diagnostics under the source text, in the style of rustc, with
//! `annotate-snippets` (which measures display width, so carets line up under
//! Chinese characters and tabs).
//!
//! ```
//! use fengong::render::{Report, Style};
//!
//! let text = "附件：\n标题\n\t序号\n\t工作任务\n\t甲责任单位\n\t乙责任单位\n\n\t（一）类\n\t二十\n\t文\n\t甲\n\t乙\n";
//! let parsed = fengong::parse_tolerant(text);
//! let report = Report::new("tasks.txt", text);
//! let shown = report.render(&parsed.diagnostics[0], Style::Plain);
//! assert!(shown.starts_with("error[E010]: expected a task number such as 12, found `二十`\n"));
//! assert!(shown.contains("--> tasks.txt:9:2"));
//! ```
//!
//! **Cost.** Rendering one diagnostic costs the lines it shows, never the
//! distance between its labels or the length of its spans: only the lines
//! annotate-snippets would draw are handed to it (a label's line, the first
//! four and the last two lines of a span over many lines, with `...` for
//! the lines between), and a line longer than 4 KiB is cut to the 512
//! bytes around each mark, with `…` where it was cut. The line numbers and
//! the `-->` position are the source's.
//!
//! **Terminal safety.** Text from a document never reaches the terminal as
//! control characters: [`escape_control`] shows them as visible stand-ins
//! (`␛` for ESC, `␊` for a line feed, `\u{202e}` for a bidirectional
//! override), and [`quote_path`] quotes a file name that holds any, or
//! starts or ends with white space.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::sync::OnceLock;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

use crate::diagnostic::{Code, Diagnostic, Fix, Severity};
use crate::span::{LineIndex, Position, Span};

mod escape;
mod lines;

use escape::push_escaped_str;
pub use escape::{escape_control, quote_path};
use lines::Lines;

/// Colours or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Style {
    /// No escape codes.
    #[default]
    Plain,
    /// ANSI colours, for a terminal.
    Color,
}

/// A line longer than this (in bytes) is drawn in windows around its marks.
const LONG_LINE: usize = 4096;
/// How many bytes of a long line are drawn on either side of a mark.
const RADIUS: usize = 512;
/// How many lines of a span annotate-snippets draws from its start (its
/// end is drawn with the line before it).
const HEAD_LINES: usize = 4;

/// One source file's text and line index, for rendering and locating its
/// diagnostics. Build it once per file: the index is built once.
#[derive(Debug, Clone)]
pub struct Report<'a> {
    path: Cow<'a, str>,
    text: &'a str,
    /// The sparse line index, built on first use (a [`Locator`] going
    /// forward needs none).
    lines: OnceLock<Lines>,
    /// The full line index, built on first use of [`Report::index`].
    index: OnceLock<LineIndex<'a>>,
}

/// A [`Report`] that remembers where the last span it located started:
/// spans asked in the order of their starts cost one pass over the text
/// between them, instead of a scan from the nearest checkpoint of the
/// report's sparse line index each (made by [`Report::into_locator`]).
#[derive(Debug, Clone)]
pub struct Locator<'a> {
    report: Report<'a>,
    /// Where the last span located started (the start of the text at
    /// first).
    place: lines::Place,
}

impl<'a> Locator<'a> {
    /// Where `span` starts and ends, as [`Report::locate`].
    pub fn locate(&mut self, span: Span) -> (Position, Position) {
        let text = self.report.text;
        // Forward from the last place without the sparse index; back
        // through it.
        let (start, place) = if self.place.offset() <= span.start {
            lines::position_after(text, span.start, self.place)
        } else {
            self.report.lines().place_of(text, span.start)
        };
        let (end, _) = lines::position_after(text, span.end.max(span.start), place);
        self.place = place;
        (start, end)
    }

    /// The report, to render with or to locate spans out of order.
    pub fn report(&self) -> &Report<'a> {
        &self.report
    }
}

/// A span drawn in a snippet, and the lines it starts and ends on.
struct Mark<'d> {
    span: Span,
    primary: bool,
    label: Cow<'d, str>,
    first: usize,
    last: usize,
}

/// One line of the excerpt handed to annotate-snippets: a line of the
/// source, or one of the two blank lines that stand for the lines left out
/// between two shown ones (annotate-snippets draws them as `...`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Row {
    Line(usize),
    Gap,
}

impl<'a> Report<'a> {
    /// A report for `text`, read from `path` (shown in headers).
    pub fn new(path: impl Into<Cow<'a, str>>, text: &'a str) -> Report<'a> {
        Report {
            path: path.into(),
            text,
            lines: OnceLock::new(),
            index: OnceLock::new(),
        }
    }

    /// The sparse line index (built on the first call).
    fn lines(&self) -> &Lines {
        self.lines.get_or_init(|| Lines::new(self.text))
    }

    /// The path shown in headers.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The full line index of the text (built on the first call: locating
    /// and rendering use a sparse index of their own).
    pub fn index(&self) -> &LineIndex<'a> {
        self.index.get_or_init(|| LineIndex::new(self.text))
    }

    /// Where `span` starts and ends (the end is the position just after its
    /// last character).
    pub fn locate(&self, span: Span) -> (Position, Position) {
        (
            self.lines().position(self.text, span.start),
            self.lines().position(self.text, span.end),
        )
    }

    /// This report as a [`Locator`]: [`Report::locate`] for spans asked in
    /// the order of their starts, as a sorted list of diagnostics is
    /// written, in one pass over the text whatever the number of spans.
    ///
    /// ```
    /// use fengong::render::Report;
    /// use fengong::{Position, Span};
    ///
    /// let mut locator = Report::new("a.txt", "一\n二三\n四").into_locator();
    /// let (start, end) = locator.locate(Span::new(7, 10));
    /// assert_eq!((start.line, start.column), (2, 2));
    /// assert_eq!((end.line, end.column), (2, 3));
    /// assert_eq!(locator.locate(Span::new(11, 14)).0, Position { line: 3, column: 1 });
    /// // Going back is allowed, and answered as `Report::locate` does.
    /// let back = locator.report().locate(Span::new(0, 3));
    /// assert_eq!(locator.locate(Span::new(0, 3)), back);
    /// ```
    pub fn into_locator(self) -> Locator<'a> {
        Locator {
            report: self,
            place: lines::Place::START,
        }
    }

    /// The diagnostic as a flat record with 1-based positions, the shape of
    /// `fengong check --output-format json`.
    pub fn record<'d>(&'d self, diagnostic: &'d Diagnostic) -> Record<'d> {
        let (start, end) = self.locate(diagnostic.span());
        Record::new(&self.path, start, end, diagnostic)
    }

    /// Renders one diagnostic: the header with its code, the source lines
    /// with the primary span underlined with `^` and secondary spans with
    /// `-`, then notes and help. Costs the lines shown, not the distance
    /// between the labels or the length of the spans (see the module's
    /// documentation).
    pub fn render(&self, diagnostic: &Diagnostic, style: Style) -> String {
        let text = self.text;
        let mut marks: Vec<Mark<'_>> = Vec::with_capacity(1 + diagnostic.secondary().len());
        marks.push(self.mark(diagnostic.span(), true, diagnostic.label()));
        for secondary in diagnostic.secondary() {
            marks.push(self.mark(secondary.span, false, &secondary.message));
        }

        // The lines annotate-snippets reads: each mark's first lines and its
        // last two; between two of them, the one line that it draws when it
        // is alone, or two blank rows that it draws as `...`.
        let mut needed: Vec<usize> = Vec::new();
        for m in &marks {
            needed.extend(m.first..=m.last.min(m.first + HEAD_LINES - 1));
            needed.extend(m.last.saturating_sub(1).max(m.first)..=m.last);
        }
        needed.sort_unstable();
        needed.dedup();
        let mut rows: Vec<Row> = Vec::with_capacity(needed.len() + 4);
        let mut gaps = false;
        for (i, &line) in needed.iter().enumerate() {
            if let Some(&before) = i.checked_sub(1).and_then(|j| needed.get(j)) {
                if line == before + 2 {
                    rows.push(Row::Line(before + 1));
                } else if line > before + 2 {
                    rows.extend([Row::Gap, Row::Gap]);
                    gaps = true;
                }
            }
            rows.push(Row::Line(line));
        }

        // The excerpt, row by row, and where each mark's ends fall in it.
        let mut excerpt = String::new();
        let mut ends: Vec<(usize, usize)> = Vec::with_capacity(2 * marks.len());
        for (i, row) in rows.iter().enumerate() {
            if i > 0 {
                excerpt.push('\n');
            }
            if let Row::Line(line) = *row {
                let mut points: Vec<usize> = Vec::new();
                for m in &marks {
                    if m.first == line {
                        points.push(m.span.start);
                    }
                    if m.last == line {
                        points.push(m.span.end);
                    }
                }
                points.sort_unstable();
                points.dedup();
                let span = self.lines().line_span(text, line);
                self.push_row(&mut excerpt, span, &points, &mut ends);
            }
        }
        ends.sort_unstable();
        let at = |offset: usize| {
            ends.binary_search_by_key(&offset, |&(real, _)| real)
                .map_or(excerpt.len(), |i| ends[i].1)
        };
        let last = match rows.last() {
            Some(Row::Line(line)) => *line,
            _ => 0,
        };
        // Without gaps the rows are the source's lines in order; with gaps
        // they are numbered so that the last is the source's (which gives
        // the gutter its width), and renumbered once drawn.
        let first_number = (last + 1).saturating_sub(rows.len() - 1).max(1);

        let level = match diagnostic.severity() {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let path = quote_path(&self.path);
        let mut snippet = Snippet::source(excerpt.as_str())
            .line_start(first_number)
            .path(path.as_ref())
            .fold(true);
        for m in &marks {
            let kind = if m.primary {
                AnnotationKind::Primary
            } else {
                AnnotationKind::Context
            };
            let start = at(m.span.start);
            let annotation = kind.span(start..at(m.span.end).max(start));
            snippet = snippet.annotation(if m.label.is_empty() {
                annotation
            } else {
                annotation.label(m.label.as_ref())
            });
        }
        let message = escape_control(diagnostic.message());
        let notes: Vec<Cow<'_, str>> = diagnostic
            .notes()
            .iter()
            .map(|n| escape_control(n))
            .collect();
        let help = diagnostic.help().map(escape_control);
        let mut group = level
            .primary_title(message.as_ref())
            .id(diagnostic.code().as_str())
            .element(snippet);
        for note in &notes {
            group = group.element(Level::NOTE.message(note.as_ref()));
        }
        if let Some(help) = &help {
            group = group.element(Level::HELP.message(help.as_ref()));
        }
        let rendered = renderer(style).render(&[group]);

        let position = self.lines().position(text, marks[0].span.start);
        let mut out = String::with_capacity(rendered.len() + 16);
        for (i, line) in rendered.split('\n').enumerate() {
            if i > 0 {
                out.push('\n');
            }
            if i == 1 {
                push_header(&mut out, line, position);
            } else if gaps && i > 1 {
                push_renumbered(&mut out, line, |n| {
                    match n.checked_sub(first_number).and_then(|k| rows.get(k)) {
                        Some(Row::Line(line)) => Some(line + 1),
                        _ => None,
                    }
                });
            } else {
                out.push_str(line);
            }
        }
        out
    }

    /// A mark for `span` (clamped to the text), with its label escaped and
    /// its lines.
    fn mark<'d>(&self, span: Span, primary: bool, label: &'d str) -> Mark<'d> {
        let span = clamp(span, self.text);
        Mark {
            span,
            primary,
            label: escape_control(label),
            first: self.lines().line_of(self.text, span.start),
            last: self.lines().line_of(self.text, span.end),
        }
    }

    /// Appends the source line `span` to `excerpt`, escaped, whole or (if it
    /// is long) in windows around `points` (byte offsets, sorted), and
    /// records where each point lands in `ends`.
    fn push_row(
        &self,
        excerpt: &mut String,
        span: Span,
        points: &[usize],
        ends: &mut Vec<(usize, usize)>,
    ) {
        let text = self.text;
        let clamp_to_line = |p: usize| p.clamp(span.start, span.end);
        let mut windows: Vec<(usize, usize)> = Vec::new();
        if span.len() <= LONG_LINE {
            windows.push((span.start, span.end));
        } else if points.is_empty() {
            windows.push((span.start, floor(text, span.start + RADIUS)));
        } else {
            for &p in points {
                let p = clamp_to_line(p);
                let a = floor(text, p.saturating_sub(RADIUS).max(span.start));
                let b = ceil(text, (p + RADIUS).min(span.end));
                match windows.last_mut() {
                    Some(last) if a <= last.1 => last.1 = last.1.max(b),
                    _ => windows.push((a, b)),
                }
            }
        }
        let mut points = points.iter().copied().peekable();
        for (k, &(a, b)) in windows.iter().enumerate() {
            if k > 0 || a > span.start {
                excerpt.push('…');
            }
            let mut cursor = a;
            while let Some(&p) = points.peek() {
                let q = clamp_to_line(p);
                if q > b {
                    break;
                }
                push_escaped_str(excerpt, &text[cursor..q.max(cursor)]);
                cursor = q.max(cursor);
                ends.push((p, excerpt.len()));
                points.next();
            }
            push_escaped_str(excerpt, &text[cursor..b]);
        }
        if windows.last().is_some_and(|&(_, b)| b < span.end) {
            excerpt.push('…');
        }
        // Points past every window (none, by construction) land at the end.
        for p in points {
            ends.push((p, excerpt.len()));
        }
    }
}

/// The character boundary at or before `i`.
fn floor(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The character boundary at or after `i`.
fn ceil(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The annotate-snippets renderer of `style`.
fn renderer(style: Style) -> Renderer {
    match style {
        Style::Plain => Renderer::plain(),
        Style::Color => Renderer::styled(),
    }
}

/// Appends the `--> path:LINE:COLUMN` line with the source's position
/// (annotate-snippets counts in the excerpt it was given).
fn push_header(out: &mut String, line: &str, position: Position) {
    let located = line.rsplit_once(':').and_then(|(rest, column)| {
        let (rest, number) = rest.rsplit_once(':')?;
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        (line.contains("--> ") && digits(number) && digits(column)).then_some(rest)
    });
    match located {
        Some(rest) => {
            let _ = write!(out, "{rest}:{}:{}", position.line, position.column);
        }
        None => out.push_str(line),
    }
}

/// Appends a rendered line, with its gutter's line number (if it has one)
/// replaced by `real(number)`, right-aligned in the same width.
fn push_renumbered(out: &mut String, line: &str, real: impl Fn(usize) -> Option<usize>) {
    let bytes = line.as_bytes();
    // Colour codes first (`ESC [ … m`), then the padded number.
    let mut i = 0;
    while bytes[i..].starts_with(b"\x1b[") {
        match bytes[i..].iter().position(|&b| b == b'm') {
            Some(m) => i += m + 1,
            None => break,
        }
    }
    let field = i;
    while bytes.get(i) == Some(&b' ') {
        i += 1;
    }
    let digits = i;
    while bytes.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    let number = line[digits..i].parse::<usize>().ok();
    // A source line: the number, colour codes, a space, colour codes, `|`.
    let mut j = i;
    while bytes[j..].starts_with(b"\x1b[") {
        match bytes[j..].iter().position(|&b| b == b'm') {
            Some(m) => j += m + 1,
            None => break,
        }
    }
    let gutter = bytes.get(j) == Some(&b' ') && {
        let mut k = j + 1;
        while bytes[k..].starts_with(b"\x1b[") {
            match bytes[k..].iter().position(|&b| b == b'm') {
                Some(m) => k += m + 1,
                None => break,
            }
        }
        bytes.get(k) == Some(&b'|')
    };
    match number.filter(|_| gutter).and_then(real) {
        Some(real) => {
            out.push_str(&line[..field]);
            let _ = write!(out, "{real:>width$}", width = i - field);
            out.push_str(&line[i..]);
        }
        None => out.push_str(line),
    }
}

/// `span` inside `text`, on character boundaries.
fn clamp(span: Span, text: &str) -> Span {
    let start = floor(text, span.start);
    let end = ceil(text, span.end.clamp(start, text.len()));
    Span::new(start, end)
}

/// Renders a diagnostic about input that is not text (no snippet).
pub fn render_without_source(
    diagnostic: &Diagnostic,
    path: &str,
    position: Position,
    style: Style,
) -> String {
    let level = match diagnostic.severity() {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let title = format!(
        "{} ({}:{position}, byte {})",
        escape_control(diagnostic.message()),
        quote_path(path),
        diagnostic.span().start
    );
    let notes: Vec<Cow<'_, str>> = diagnostic
        .notes()
        .iter()
        .map(|n| escape_control(n))
        .collect();
    let help = diagnostic.help().map(escape_control);
    let mut group = Group::with_title(level.primary_title(title).id(diagnostic.code().as_str()));
    for note in &notes {
        group = group.element(Level::NOTE.message(note.as_ref()));
    }
    if let Some(help) = &help {
        group = group.element(Level::HELP.message(help.as_ref()));
    }
    renderer(style).render(&[group])
}

/// A diagnostic located in a file, flattened for JSON output. Columns count
/// characters; `end_line`/`end_column` is the position just after the span.
#[derive(Debug, Clone, Serialize)]
pub struct Record<'d> {
    /// The file's path as given.
    pub file: &'d str,
    /// 1-based line of the start.
    pub line: usize,
    /// 1-based column of the start, in characters.
    pub column: usize,
    /// 1-based line of the end.
    pub end_line: usize,
    /// 1-based column of the end, in characters.
    pub end_column: usize,
    /// Byte offset of the start.
    pub offset: usize,
    /// Byte offset of the end.
    pub end_offset: usize,
    /// `"error"` or `"warning"`.
    pub severity: Severity,
    /// The code, such as `"E010"`.
    pub code: Code,
    /// The code's name, such as `"invalid-task-number"`.
    pub name: &'static str,
    /// What was expected and what was found.
    pub message: &'d str,
    /// The label under the span.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<&'d str>,
    /// How to fix it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<&'d str>,
    /// The mechanical fix, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<&'d Fix>,
}

impl<'d> Record<'d> {
    /// The record of `diagnostic` in `file`, between positions the caller
    /// located (for input that is not text, where no [`Report`] exists).
    pub fn new(
        file: &'d str,
        start: Position,
        end: Position,
        diagnostic: &'d Diagnostic,
    ) -> Record<'d> {
        Record {
            file,
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            offset: diagnostic.span().start,
            end_offset: diagnostic.span().end,
            severity: diagnostic.severity(),
            code: diagnostic.code(),
            name: diagnostic.code().name(),
            message: diagnostic.message(),
            label: Some(diagnostic.label()).filter(|l| !l.is_empty()),
            help: diagnostic.help(),
            fix: diagnostic.fix(),
        }
    }
}

#[cfg(test)]
mod tests;
