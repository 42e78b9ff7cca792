//! `fengong parse`: a document as JSON.

use std::io::{self, Write};
use std::path::Path;

use fengong::render::Style;

use super::report::with_document;
use super::term;

/// Runs `parse` on `file`; returns the exit code.
pub(crate) fn run(file: &Path, compact: bool, style: Style) -> u8 {
    with_document(file, style, |_, doc| print_json(&doc, compact))
}

/// Writes the document's JSON to standard output as it is serialized (no
/// copy of the whole JSON in memory); returns the exit code.
pub(crate) fn print_json(doc: &fengong::Document<'_>, compact: bool) -> u8 {
    // An error of serialization itself (not of writing) is kept apart to
    // be reported as such.
    let mut failed: Option<serde_json::Error> = None;
    let status = term::print_with(|out| {
        let result = if compact {
            serde_json::to_writer(&mut *out, doc)
        } else {
            serde_json::to_writer_pretty(&mut *out, doc)
        };
        match result {
            Ok(()) => out.write_all(b"\n"),
            Err(e) if e.is_io() => Err(io::Error::from(e)),
            Err(e) => {
                failed = Some(e);
                Ok(())
            }
        }
    });
    match failed {
        Some(e) => {
            term::eprint_line(&format!("error: cannot write JSON: {e}"));
            2
        }
        None => status,
    }
}
