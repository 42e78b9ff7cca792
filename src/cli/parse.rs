//! `fengong parse`: a document as JSON.

use std::path::Path;

use fengong::render::Style;

use super::report::with_document;
use super::term::print_out;

pub(crate) fn run(file: &Path, compact: bool, style: Style) -> u8 {
    with_document(file, style, |_, doc| print_json(&doc, compact))
}

pub(crate) fn print_json(doc: &fengong::Document<'_>, compact: bool) -> u8 {
    let json = if compact {
        serde_json::to_string(doc)
    } else {
        serde_json::to_string_pretty(doc)
    };
    match json {
        Ok(mut json) => {
            json.push('\n');
            print_out(&json)
        }
        Err(e) => {
            eprintln!("error: cannot write JSON: {e}");
            2
        }
    }
}
