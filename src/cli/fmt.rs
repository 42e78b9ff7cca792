//! `fengong fmt`: the canonical layout, printed, checked, shown as a diff or
//! written in place.

use std::path::{Path, PathBuf};

use fengong::render::{escape_control, quote_path, Style};

use super::color::Styles;
use super::input::{self, Loaded, Origin};
use super::report::{with_document, with_document_to_rewrite};
use super::term::{self, print_out};

/// Runs `fmt` over `files`; returns the exit code.
pub(crate) fn run(files: &[PathBuf], check: bool, write: bool, diff: bool, styles: Styles) -> u8 {
    if files.len() > 1 && !(check || write || diff) {
        term::eprint_line("error: printing the canonical text takes one file; use --check, --write or --diff for several");
        return 2;
    }
    files
        .iter()
        .map(|file| fmt(file, check, write, diff, styles))
        .max()
        .unwrap_or(0)
}

fn fmt(file: &Path, check: bool, write: bool, diff: bool, styles: Styles) -> u8 {
    let then = |loaded: &Loaded, doc: fengong::Document<'_>| {
        fmt_document(loaded, &doc, check, write, diff.then_some(styles.stdout))
    };
    if write {
        with_document_to_rewrite(file, styles.stderr, then)
    } else {
        with_document(file, styles.stderr, then)
    }
}

fn fmt_document(
    loaded: &Loaded,
    doc: &fengong::Document<'_>,
    check: bool,
    write: bool,
    diff: Option<Style>,
) -> u8 {
    let canonical = input::with_line_ending(&fengong::to_canonical_string(doc), doc.line_ending());
    let display = loaded.origin.display();
    if check {
        return if canonical == loaded.text {
            0
        } else {
            let display = quote_path(&display);
            term::eprint_line(&format!(
                "{display}: not in the canonical layout (run `fengong fmt --write {display}`)"
            ))
            .max(1)
        };
    }
    if let Some(style) = diff {
        // As `ruff format --diff`: exit 1 when the file would change.
        let shown = super::diff::unified_diff(&loaded.text, &canonical, &display);
        let changed = !shown.is_empty();
        let status = print_out(&super::color::paint_diff(shown, style));
        return if status != 0 {
            status
        } else {
            u8::from(changed)
        };
    }
    if write {
        if loaded.origin == Origin::Stdin {
            term::eprint_line("error: --write needs a file, not standard input");
            return 2;
        }
        if canonical == loaded.text {
            return 0;
        }
        return match super::write::rewrite(loaded, &canonical) {
            Ok(()) => 0,
            Err(e) => {
                term::eprint_line(&format!(
                    "error[{}]: {}",
                    fengong::Code::UnwritableFile,
                    escape_control(&e.to_string())
                ));
                2
            }
        };
    }
    print_out(&fengong::to_canonical_string(doc))
}
