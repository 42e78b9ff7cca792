//! [`Error`]: why a document could not be read.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Code, Diagnostic};
use crate::span::{LineIndex, Position, Span};

/// The error of [`parse`](crate::parse) and [`decode`](crate::source::decode):
/// every error found in the input, the first (in source order) being the
/// primary one that `Display` shows.
///
/// `Display` writes `LINE:COLUMN: MESSAGE (bytes START..END)`, plus a count of
/// further errors; the message says what was expected and what was found.
/// The column counts characters, so it lines up with what an editor shows
/// for Chinese text.
///
/// ```
/// let err = fengong::parse("附件：\n标题\n\t序号\n\t工作任务\n\t甲责任单位\n\t乙责任单位\n\n\t（一）类\n\t二十\n\t文\n\t甲\n\t乙\n").unwrap_err();
/// assert_eq!(err.code(), fengong::Code::InvalidTaskNumber);
/// assert_eq!((err.line(), err.column()), (9, 2));
/// assert_eq!(
///     err.to_string(),
///     "9:2: expected a task number such as 12, found `二十` (bytes 89..95)"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    diagnostics: Vec<Diagnostic>,
    position: Position,
    end_position: Position,
    /// The file the input came from, for [`crate::parse_file`].
    path: Option<PathBuf>,
    /// What kind of I/O failure, when the input could not be read.
    io: Option<std::io::ErrorKind>,
}

impl Error {
    /// An error from diagnostics about `input` (only the errors among them
    /// are kept; there must be at least one).
    pub(crate) fn from_diagnostics(input: &str, diagnostics: Vec<Diagnostic>) -> Error {
        let mut errors: Vec<Diagnostic> = diagnostics
            .into_iter()
            .filter(Diagnostic::is_error)
            .collect();
        errors.sort_by_key(|d| d.span().start);
        let index = LineIndex::new(input);
        let span = errors.first().map_or(Span::empty(0), Diagnostic::span);
        Error {
            position: index.position(span.start),
            end_position: index.position(span.end),
            diagnostics: errors,
            path: None,
            io: None,
        }
    }

    /// An error reading `path` (code `E003`).
    pub(crate) fn io(path: &Path, error: &std::io::Error) -> Error {
        let diagnostic = Diagnostic::new(
            Code::UnreadableFile,
            Span::empty(0),
            format!("cannot read {}: {error}", path.display()),
        )
        .with_static_help("check the path and its permissions");
        let mut e = Error::at(diagnostic, Position { line: 1, column: 1 });
        e.path = Some(path.to_path_buf());
        e.io = Some(error.kind());
        e
    }

    /// This error, about the file at `path`.
    pub(crate) fn in_file(mut self, path: &Path) -> Error {
        self.path = Some(path.to_path_buf());
        self
    }

    /// The file the input came from, if it was read by
    /// [`parse_file`](crate::parse_file).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The kind of I/O failure, if the input could not be read at all.
    pub fn io_error_kind(&self) -> Option<std::io::ErrorKind> {
        self.io
    }

    /// An error located by a position computed by the caller (for input that
    /// is not text yet).
    pub(crate) fn at(diagnostic: Diagnostic, position: Position) -> Error {
        Error {
            diagnostics: vec![diagnostic],
            position,
            end_position: position,
            path: None,
            io: None,
        }
    }

    /// The primary error.
    pub fn primary(&self) -> &Diagnostic {
        &self.diagnostics[0]
    }

    /// Every error, in source order; the first is [`Error::primary`].
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// Takes the errors out.
    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics
    }

    /// The primary error's code.
    pub fn code(&self) -> Code {
        self.primary().code()
    }

    /// The primary error's message.
    pub fn message(&self) -> &str {
        self.primary().message()
    }

    /// The primary error's byte span.
    pub fn span(&self) -> Span {
        self.primary().span()
    }

    /// Where the primary error starts.
    pub fn position(&self) -> Position {
        self.position
    }

    /// Where the primary error ends.
    pub fn end_position(&self) -> Position {
        self.end_position
    }

    /// 1-based line of the primary error.
    pub fn line(&self) -> usize {
        self.position.line
    }

    /// 1-based column of the primary error, counted in characters.
    pub fn column(&self) -> usize {
        self.position.column
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.primary();
        if self.io.is_some() {
            return f.write_str(d.message());
        }
        if let Some(path) = &self.path {
            write!(f, "{}:", path.display())?;
        }
        write!(f, "{}: {} (bytes {})", self.position, d.message(), d.span())?;
        match self.diagnostics.len() {
            1 => Ok(()),
            2 => write!(f, "; and 1 more error"),
            n => write!(f, "; and {} more errors", n - 1),
        }
    }
}

impl std::error::Error for Error {}
