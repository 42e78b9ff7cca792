//! `fengong explain`: what a diagnostic code means.

use fengong::render::escape_control;
use fengong::Code;

use super::term::{eprint_line, print_out};

/// Runs `explain`: one code's explanation, or the list; returns the exit
/// code.
pub(crate) fn run(code: Option<&str>, list: bool) -> u8 {
    if list {
        return print_out(&list_text());
    }
    let Some(code) = code else { return 2 };
    match code.parse::<Code>() {
        Ok(c) => print_out(c.explanation()),
        Err(e) => {
            // The code as typed may hold anything: escaped.
            eprint_line(&format!(
                "error: {}; `fengong explain --list` shows every code",
                escape_control(&e.to_string())
            ));
            2
        }
    }
}

/// Every code, one a line, in aligned columns: the code, its name, its
/// default severity and its summary.
fn list_text() -> String {
    let name_width = Code::ALL.iter().map(|c| c.name().len()).max().unwrap_or(0);
    let mut out = String::new();
    for c in Code::ALL {
        out.push_str(&format!(
            "{}  {:<name_width$}  {:<7}  {}\n",
            c.as_str(),
            c.name(),
            c.default_severity(),
            c.summary()
        ));
    }
    out
}
