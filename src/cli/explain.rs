//! `fengong explain`: what a diagnostic code means.

use fengong::render::escape_control;
use fengong::Code;

use super::term::{eprint_line, print_out};

/// Runs `explain`: one code's explanation, or the list; returns the exit
/// code.
pub(crate) fn run(code: Option<&str>, list: bool) -> u8 {
    if list {
        let mut out = String::new();
        for c in Code::ALL {
            out.push_str(&format!(
                "{}  {:<26} {:<8} {}\n",
                c.as_str(),
                c.name(),
                c.default_severity(),
                c.summary()
            ));
        }
        return print_out(&out);
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
