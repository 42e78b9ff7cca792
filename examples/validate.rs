//! Checks documents as `fengong check` does in CI, with the library alone:
//! every file given, and every `*.txt` file under a directory given, gets
//! its parse errors or, if it parses, its lint findings, one line each;
//! the exit code is 0 without errors, 1 with errors, 2 if a file cannot be
//! read.
//!
//! ```sh
//! cargo run --example validate -- fixtures/family seeds
//! ```

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use fengong::lint::LintConfig;
use fengong::render::Report;

fn main() -> ExitCode {
    let mut files = Vec::new();
    for arg in std::env::args().skip(1) {
        collect(Path::new(&arg), &mut files);
    }
    // Every rule at its default severity; a `fengong.toml` reads into the
    // same type (`toml::from_str::<LintConfig>`).
    let config = LintConfig::default();
    let (mut errors, mut warnings, mut unreadable) = (0, 0, false);
    for path in &files {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) => {
                eprintln!("{}: cannot read it: {e}", path.display());
                unreadable = true;
                continue;
            }
        };
        // UTF-8, UTF-16, GB18030 or Big5; bytes that are not text are an
        // error of the document.
        let decoded = match fengong::source::decode(&bytes) {
            Ok(decoded) => decoded,
            Err(e) => {
                println!("{}: {e}", path.display());
                errors += 1;
                continue;
            }
        };
        let text = decoded.text();
        let findings = fengong::lint::check(text, &config);
        let report = Report::new(path.display().to_string(), text);
        for finding in &findings {
            let (start, _) = report.locate(finding.span());
            // `warning[W007]: expected …`
            println!(
                "{}:{}:{}: {finding}",
                path.display(),
                start.line,
                start.column
            );
            if finding.is_error() {
                errors += 1;
            } else {
                warnings += 1;
            }
        }
    }
    println!(
        "{errors} errors, {warnings} warnings in {} files",
        files.len()
    );
    if unreadable {
        ExitCode::from(2)
    } else if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `path` if it is a file, else the `*.txt` files under it, sorted.
fn collect(path: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(path) else {
        files.push(path.to_path_buf());
        return;
    };
    let mut found: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    found.sort();
    for entry in found {
        if entry.is_dir() {
            collect(&entry, files);
        } else if entry.extension().is_some_and(|e| e == "txt") {
            files.push(entry);
        }
    }
}
