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

use std::borrow::Cow;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

use crate::diagnostic::{Code, Diagnostic, Fix, Severity};
use crate::span::{LineIndex, Position, Span};

/// Colours or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Style {
    /// No escape codes.
    #[default]
    Plain,
    /// ANSI colours, for a terminal.
    Color,
}

/// One source file's text and line index, for rendering and locating its
/// diagnostics. Build it once per file: the index is built once.
#[derive(Debug, Clone)]
pub struct Report<'a> {
    path: Cow<'a, str>,
    index: LineIndex<'a>,
}

impl<'a> Report<'a> {
    /// A report for `text`, read from `path` (shown in headers).
    pub fn new(path: impl Into<Cow<'a, str>>, text: &'a str) -> Report<'a> {
        Report {
            path: path.into(),
            index: LineIndex::new(text),
        }
    }

    /// The path shown in headers.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The line index of the text.
    pub fn index(&self) -> &LineIndex<'a> {
        &self.index
    }

    /// Where `span` starts and ends (the end is the position just after its
    /// last character).
    pub fn locate(&self, span: Span) -> (Position, Position) {
        (
            self.index.position(span.start),
            self.index.position(span.end),
        )
    }

    /// The diagnostic as a flat record with 1-based positions, the shape of
    /// `fengong check --output-format json`.
    pub fn record<'d>(&'d self, diagnostic: &'d Diagnostic) -> Record<'d> {
        let (start, end) = self.locate(diagnostic.span());
        Record::new(&self.path, start, end, diagnostic)
    }

    /// Renders one diagnostic: the header with its code, the source lines
    /// with the primary span underlined with `^` and secondary spans with
    /// `-`, then notes and help.
    pub fn render(&self, diagnostic: &Diagnostic, style: Style) -> String {
        let text = self.index.text();
        // Only the lines the labels touch are handed to the renderer, so that
        // rendering costs the size of the excerpt, not of the document.
        let spans = std::iter::once(diagnostic.span())
            .chain(diagnostic.secondary().iter().map(|l| l.span))
            .map(|s| clamp(s, text));
        let (lo, hi) = spans.fold((usize::MAX, 0), |(lo, hi), s| {
            (lo.min(s.start), hi.max(s.end))
        });
        let first_line = self.index.line_of(lo);
        let last_line = self.index.line_of(hi);
        let start = self.index.line_span(first_line).start;
        let end = self.index.line_span(last_line).end.max(start);
        let excerpt = &text[start..end];
        let local = |s: Span| {
            let s = clamp(s, text);
            let a = s.start.clamp(start, end) - start;
            let b = s.end.clamp(start, end) - start;
            a..b.max(a)
        };

        let level = match diagnostic.severity() {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let mut snippet = Snippet::source(excerpt)
            .line_start(first_line + 1)
            .path(self.path.as_ref())
            .fold(true);
        let label = diagnostic.label();
        let primary = AnnotationKind::Primary.span(local(diagnostic.span()));
        snippet = snippet.annotation(if label.is_empty() {
            primary
        } else {
            primary.label(label)
        });
        for secondary in diagnostic.secondary() {
            snippet = snippet.annotation(
                AnnotationKind::Context
                    .span(local(secondary.span))
                    .label(secondary.message.as_str()),
            );
        }
        let mut group = level
            .primary_title(diagnostic.message())
            .id(diagnostic.code().as_str())
            .element(snippet);
        for note in diagnostic.notes() {
            group = group.element(Level::NOTE.message(note.as_str()));
        }
        if let Some(help) = diagnostic.help() {
            group = group.element(Level::HELP.message(help));
        }
        let report: [Group<'_>; 1] = [group];
        let renderer = match style {
            Style::Plain => Renderer::plain(),
            Style::Color => Renderer::styled(),
        };
        renderer.render(&report)
    }
}

fn clamp(span: Span, text: &str) -> Span {
    let mut start = span.start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = span.end.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
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
        "{} ({path}:{position}, byte {})",
        diagnostic.message(),
        diagnostic.span().start
    );
    let mut group = Group::with_title(level.primary_title(title).id(diagnostic.code().as_str()));
    for note in diagnostic.notes() {
        group = group.element(Level::NOTE.message(note.as_str()));
    }
    if let Some(help) = diagnostic.help() {
        group = group.element(Level::HELP.message(help));
    }
    let renderer = match style {
        Style::Plain => Renderer::plain(),
        Style::Color => Renderer::styled(),
    };
    renderer.render(&[group])
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
