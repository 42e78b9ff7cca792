//! Loading and parsing one document for a command, and reporting what went
//! wrong on standard error.

use std::path::Path;

use fengong::diagnostic::plural;
use fengong::render::{self, escape_control, quote_path, Report, Style};
use fengong::Diagnostic;

use super::input::{self, LoadError, Loaded, Origin};
use super::term;

/// Prints diagnostics about one document to stderr, one by one, then the
/// primary error as `FILE:LINE:COLUMN: message`; returns the exit status
/// of the writing (0, or 2 if standard error failed).
pub(crate) fn report_errors(
    display: &str,
    text: &str,
    diagnostics: &[Diagnostic],
    style: Style,
) -> u8 {
    let report = Report::new(display, text);
    term::eprint_with(|err| {
        for d in diagnostics {
            err.write_all(report.render(d, style).as_bytes())?;
            err.write_all(b"\n\n")?;
        }
        if let Some(first) = diagnostics.iter().find(|d| d.is_error()) {
            let (start, _) = report.locate(first.span());
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            write!(
                err,
                "{}:{}:{}: {}",
                quote_path(display),
                start.line,
                start.column,
                escape_control(first.message())
            )?;
            if errors > 1 {
                let more = plural(errors - 1, "more error", "more errors");
                write!(err, " (and {more})")?;
            }
            err.write_all(b"\n")?;
        }
        Ok(())
    })
}

/// Loads a document with `loader` ([`input::load`] or
/// [`input::load_to_rewrite`]), reporting failures; `Err` carries the exit
/// code.
fn load_reporting(
    file: &Path,
    style: Style,
    loader: fn(&Origin) -> Result<Loaded, LoadError>,
) -> Result<Loaded, u8> {
    let origin = Origin::from_arg(file);
    match loader(&origin) {
        Ok(loaded) => Ok(loaded),
        Err(LoadError::Io(d)) => {
            term::eprint_line(&format!(
                "error[{}]: {}",
                d.code(),
                escape_control(d.message())
            ));
            Err(2)
        }
        Err(LoadError::Decode(d, position)) => {
            let display = origin.display();
            let shown = render::render_without_source(&d, &display, position, style);
            let status = term::print_err(&format!(
                "{shown}\n{}:{position}: {}\n",
                quote_path(&display),
                escape_control(d.message())
            ));
            Err(status.max(1))
        }
    }
}

/// Parses strictly; on errors prints them and returns exit code 1 (2 if
/// they could not be printed).
pub(crate) fn parse_reporting<'t>(
    loaded: &'t Loaded,
    style: Style,
) -> Result<fengong::Document<'t>, u8> {
    let parsed = fengong::parse_tolerant(&loaded.text);
    if parsed.has_errors() {
        let status = report_errors(
            &loaded.origin.display(),
            &loaded.text,
            &parsed.diagnostics,
            style,
        );
        Err(status.max(1))
    } else {
        Ok(parsed.document)
    }
}

/// Loads and strictly parses a document, reporting failures, then runs
/// `then` on it; returns the exit code.
pub(crate) fn with_document(
    file: &Path,
    style: Style,
    then: impl FnOnce(&Loaded, fengong::Document<'_>) -> u8,
) -> u8 {
    with_document_loaded_by(file, style, input::load, then)
}

/// [`with_document`] for a document that may be rewritten: loaded with
/// [`input::load_to_rewrite`].
pub(crate) fn with_document_to_rewrite(
    file: &Path,
    style: Style,
    then: impl FnOnce(&Loaded, fengong::Document<'_>) -> u8,
) -> u8 {
    with_document_loaded_by(file, style, input::load_to_rewrite, then)
}

/// [`with_document`] with the given loader.
fn with_document_loaded_by(
    file: &Path,
    style: Style,
    loader: fn(&Origin) -> Result<Loaded, LoadError>,
    then: impl FnOnce(&Loaded, fengong::Document<'_>) -> u8,
) -> u8 {
    let loaded = match load_reporting(file, style, loader) {
        Ok(l) => l,
        Err(code) => return code,
    };
    match parse_reporting(&loaded, style) {
        Ok(doc) => then(&loaded, doc),
        Err(code) => code,
    }
}
