//! `fengong render`: the canonical text of a document given as JSON (the
//! form `fengong parse` prints).
//!
//! Every problem is reported as `FILE:LINE:COLUMN: message`, 1-based, the
//! column in characters, a UTF-8 byte order mark taking none; input that is
//! not JSON at all (a task table given by mistake) gets a `help:` line that
//! says what render reads.

use std::path::Path;

use fengong::render::{escape_control, quote_path};
use fengong::LineIndex;

use super::input::{self, Origin};
use super::term::{self, print_out};

/// Prints the canonical text of the document in the JSON `file` (`-`:
/// standard input); returns the exit code: 0, 1 when it is not a
/// document's JSON, 2 when it cannot be read.
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
    let shown = quote_path(&display);
    match read_document(&bytes) {
        Ok(doc) => {
            // Values the text cannot hold would come back changed: refuse
            // them, each with its path, instead of writing them.
            let problems = doc.validate();
            if problems.is_empty() {
                return print_out(&fengong::to_canonical_string(&doc));
            }
            let mut status = 1;
            for p in &problems {
                status = status.max(term::eprint_line(&escape_control(&format!("{shown}: {p}"))));
            }
            let what = if problems.len() == 1 {
                "this value"
            } else {
                "these values"
            };
            term::eprint_line(&format!(
                "{shown}: {what} cannot be written as text; nothing written"
            ))
            .max(status)
        }
        Err(problem) => {
            // The message and its help line, each escaped.
            let mut status = 1;
            for line in problem.show(&shown).lines() {
                status = status.max(term::eprint_line(&escape_control(line)));
            }
            status
        }
    }
}

/// Why the input is not a document, and where.
#[derive(Debug, PartialEq, Eq)]
struct Problem {
    /// 1-based line.
    line: usize,
    /// 1-based column, in characters.
    column: usize,
    /// What is wrong, on one line.
    message: String,
    /// Whether the input does not even look like JSON.
    not_json: bool,
}

impl Problem {
    /// `FILE:LINE:COLUMN: message`, and a `help:` line for input that is
    /// not JSON.
    fn show(&self, display: &str) -> String {
        let mut out = format!("{display}:{}:{}: {}", self.line, self.column, self.message);
        if self.not_json {
            let fmt = if display == "-" {
                "fengong fmt -".to_string()
            } else {
                format!("fengong fmt {display}")
            };
            out.push_str(&format!(
                "\nhelp: `fengong render` reads a document as JSON, the form `fengong parse` prints; for the canonical text of a task table, run `{fmt}`"
            ));
        }
        out
    }
}

/// Reads the JSON form of a document from `bytes`.
fn read_document(bytes: &[u8]) -> Result<fengong::Document<'static>, Problem> {
    // A byte order mark is not part of the JSON and takes no column.
    let (bom, body) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (3, rest),
        None => (0, bytes),
    };
    // The JSON form of a document is an object; an array is JSON too, but
    // something else (serde would read it as the fields in order).
    let first = body.iter().position(|b| !b.is_ascii_whitespace());
    let first_byte = first.and_then(|i| body.get(i));
    let not_json = !matches!(first_byte, Some(b'{' | b'['));
    let text = match std::str::from_utf8(body) {
        Ok(text) => text,
        Err(e) => {
            let valid = e.valid_up_to();
            let prefix = String::from_utf8_lossy(&body[..valid]);
            let at = LineIndex::new(&prefix).position(prefix.len());
            return Err(Problem {
                line: at.line,
                column: at.column,
                message: format!("JSON must be UTF-8; byte {} is not", bom + valid),
                not_json,
            });
        }
    };
    if let (Some(i), Some(b'[')) = (first, first_byte) {
        let at = LineIndex::new(text).position(i);
        return Err(Problem {
            line: at.line,
            column: at.column,
            message: "expected a document (a JSON object), found an array".to_string(),
            not_json: false,
        });
    }
    serde_json::from_str::<fengong::Document<'static>>(text).map_err(|e| {
        let (line, column) = json_position(text, &e);
        Problem {
            line,
            column,
            message: json_message(&e),
            not_json,
        }
    })
}

/// Where a JSON error is, 1-based, the column in characters.
///
/// serde_json counts columns in bytes, column 0 being the start of a line
/// (an error at the end of the input after a line break), and gives line 0
/// for errors that the document's own checks raise once all of it is read
/// (a category numeral that does not match its number): those are placed
/// at the end of the JSON, where reading stopped.
fn json_position(text: &str, e: &serde_json::Error) -> (usize, usize) {
    if e.line() == 0 {
        let end = text.trim_end();
        let last = end.char_indices().next_back().map_or(0, |(i, _)| i);
        let at = LineIndex::new(text).position(last);
        return (at.line, at.column);
    }
    let line = text.split('\n').nth(e.line() - 1).unwrap_or("");
    // The character holding the byte at `column` (1-based).
    let mut end = e.column().min(line.len());
    while !line.is_char_boundary(end) {
        end += 1;
    }
    let column = line.get(..end).map_or(0, |s| s.chars().count());
    (e.line(), column.max(1))
}

/// serde_json's message without its own ` at line L column C`, and with the
/// names of fengong's internal types replaced by what they are.
fn json_message(e: &serde_json::Error) -> String {
    let message = e.to_string();
    let position = format!(" at line {} column {}", e.line(), e.column());
    let message = message.strip_suffix(&position).unwrap_or(&message);
    message
        .replace("struct DocumentData", "a document (a JSON object)")
        .replace("struct CategoryData", "a category (a JSON object)")
        .replace("struct TaskData", "a task (a JSON object)")
        .replace("struct UnitsData", "the units of a task (a JSON object)")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(input: &[u8]) -> String {
        read_document(input).unwrap_err().show("t.json")
    }

    #[test]
    fn json_errors_are_located_once() {
        assert_eq!(
            problem(b"{\"title\": 7}"),
            "t.json:1:11: invalid type: integer `7`, expected a string"
        );
        assert_eq!(problem(b"{\n"), "t.json:2:1: EOF while parsing an object");
    }

    #[test]
    fn columns_count_characters() {
        // `7` is the 14th character of the line but its 20th byte.
        assert_eq!(
            problem("{\"title\": \"東疆\", \"label\": 7}".as_bytes()),
            "t.json:1:26: invalid type: integer `7`, expected a string"
        );
        assert_eq!(
            problem("{\"title\": \"東疆\" x".as_bytes()),
            "t.json:1:16: expected `,` or `}`"
        );
    }

    #[test]
    fn a_byte_order_mark_is_accepted() {
        let json = "\u{feff}{\"title\": \"t\", \"columns\": [\"a\", \"b\", \"c\", \"d\"]}";
        let doc = read_document(json.as_bytes()).unwrap();
        assert_eq!(doc.title(), "t");
        assert_eq!(
            problem("\u{feff}{\"title\": 7}".as_bytes()),
            "t.json:1:11: invalid type: integer `7`, expected a string"
        );
    }

    #[test]
    fn errors_found_after_reading_all_are_at_the_end() {
        let json = "{\"title\": \"t\", \"columns\": [\"a\", \"b\", \"c\", \"d\"],\n \"categories\": [{\"number\": 1, \"numeral\": \"二\", \"title\": \"x\"}]\n}\n";
        let shown = problem(json.as_bytes());
        assert!(
            shown.starts_with(
                "t.json:3:1: category numeral `二` is not the numeral of its number 1"
            ),
            "{shown}"
        );
    }

    #[test]
    fn internal_type_names_are_not_shown() {
        assert_eq!(
            problem(b"{\"title\": \"t\", \"columns\": [\"a\", \"b\", \"c\", \"d\"], \"categories\": [3]}"),
            "t.json:1:64: invalid type: integer `3`, expected a category (a JSON object)"
        );
    }

    #[test]
    fn text_that_is_not_json_says_what_render_reads() {
        let shown = problem("附件：\n东疆".as_bytes());
        assert_eq!(
            shown,
            "t.json:1:1: expected value\nhelp: `fengong render` reads a document as JSON, the form `fengong parse` prints; for the canonical text of a task table, run `fengong fmt t.json`"
        );
        // Not UTF-8 either (a GB18030 table): located, with the same help.
        let shown = problem(b"\n\xB8\xBD\xBC\xFE");
        assert!(
            shown.starts_with("t.json:2:1: JSON must be UTF-8; byte 1 is not\nhelp: "),
            "{shown}"
        );
        assert!(problem(b"").starts_with("t.json:1:1: EOF while parsing a value\nhelp: "));
    }
}
