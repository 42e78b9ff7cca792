//! `fengong render`: the canonical text of a document given as JSON.

use std::path::Path;

use fengong::render::{escape_control, quote_path};

use super::input::{self, Origin};
use super::term::{self, print_out};

pub(crate) fn run(file: &Path) -> u8 {
    let origin = Origin::from_arg(file);
    let bytes = match input::read_bytes(&origin) {
        Ok(b) => b,
        Err(d) => {
            term::eprint_line(&format!(
                "error[{}]: {}",
                d.code(),
                escape_control(d.message())
            ));
            return 2;
        }
    };
    let display = origin.display();
    let text = match std::str::from_utf8(&bytes) {
        Ok(t) => t,
        Err(e) => {
            return term::eprint_line(&format!(
                "{}: JSON must be UTF-8; byte {} is not",
                quote_path(&display),
                e.valid_up_to()
            ))
            .max(1);
        }
    };
    match serde_json::from_str::<fengong::Document<'static>>(text) {
        Ok(doc) => print_out(&fengong::to_canonical_string(&doc)),
        Err(e) => {
            term::eprint_line(&escape_control(&json_error_line(&quote_path(&display), &e))).max(1)
        }
    }
}

/// `FILE:LINE:COLUMN: message` for a JSON error: serde_json's message
/// without its own ` at line L column C`, and column 0 (the error is at the
/// start of a line, at the end of the input) shown as 1.
pub(crate) fn json_error_line(display: &str, e: &serde_json::Error) -> String {
    let message = e.to_string();
    let position = format!(" at line {} column {}", e.line(), e.column());
    let message = message.strip_suffix(&position).unwrap_or(&message);
    format!("{display}:{}:{}: {message}", e.line(), e.column().max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_errors_are_located_once() {
        let e = serde_json::from_str::<fengong::Document<'static>>("{\"title\": 7}").unwrap_err();
        assert_eq!(
            json_error_line("t.json", &e),
            "t.json:1:11: invalid type: integer `7`, expected a string"
        );
        let e = serde_json::from_str::<serde_json::Value>("[\n").unwrap_err();
        assert_eq!(
            json_error_line("t.json", &e),
            "t.json:2:1: EOF while parsing a list"
        );
    }
}
