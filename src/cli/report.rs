//! Loading and parsing one document for a command, and reporting what went
//! wrong on standard error.

use std::path::Path;

use fengong::render::{self, Report, Style};
use fengong::Diagnostic;

use super::input::{self, LoadError, Loaded, Origin};

/// Prints diagnostics about one document to stderr, then the primary error
/// as `FILE:LINE:COLUMN: message`.
pub(crate) fn report_errors(display: &str, text: &str, diagnostics: &[Diagnostic], style: Style) {
    let report = Report::new(display, text);
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&report.render(d, style));
        out.push_str("\n\n");
    }
    if let Some(first) = diagnostics.iter().find(|d| d.is_error()) {
        let (start, _) = report.locate(first.span());
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        out.push_str(&format!(
            "{display}:{}:{}: {}",
            start.line,
            start.column,
            first.message()
        ));
        if errors > 1 {
            out.push_str(&format!(
                " (and {} more error{})",
                errors - 1,
                if errors == 2 { "" } else { "s" }
            ));
        }
        out.push('\n');
    }
    eprint!("{out}");
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
            eprintln!("error[{}]: {}", d.code(), d.message());
            Err(2)
        }
        Err(LoadError::Decode(d, position)) => {
            let display = origin.display();
            eprintln!(
                "{}",
                render::render_without_source(&d, &display, position, style)
            );
            eprintln!("{display}:{position}: {}", d.message());
            Err(1)
        }
    }
}

/// Parses strictly; on errors prints them and returns exit code 1.
pub(crate) fn parse_reporting<'t>(
    loaded: &'t Loaded,
    style: Style,
) -> Result<fengong::Document<'t>, u8> {
    let parsed = fengong::parse_tolerant(&loaded.text);
    if parsed.has_errors() {
        report_errors(
            &loaded.origin.display(),
            &loaded.text,
            &parsed.diagnostics,
            style,
        );
        Err(1)
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
