//! `fengong check`: every problem in every document, in the format CI reads.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use fengong::render::Style;
use fengong::Severity;

use super::input::{self, LoadError, Origin};
use super::output::{self, Checked, Format};

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Documents or directories (searched recursively for `*.txt`); `-` reads
    /// standard input.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// How to print findings.
    #[arg(long, value_enum, default_value_t = Format::Full)]
    output_format: Format,
    /// Exit 0 even when errors are found (I/O failures still exit 2).
    #[arg(long)]
    exit_zero: bool,
    /// Treat warnings as errors for the exit status: `--deny warnings`.
    #[arg(long, value_name = "warnings")]
    deny: Option<Deny>,
    /// File extension searched for in directories.
    #[arg(long, default_value = "txt")]
    extension: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Deny {
    Warnings,
}

/// What checking one path produced.
struct Outcome {
    checked: Checked,
    io_failure: bool,
}

pub fn run(args: CheckArgs, stdout_style: Style, stderr_style: Style) -> u8 {
    let _ = stderr_style;
    let (paths, mut failures) = collect(&args.paths, &args.extension);
    let outcomes = check_all(&paths);
    let mut files = Vec::with_capacity(outcomes.len());
    let mut io_failure = !failures.is_empty();
    for outcome in outcomes {
        io_failure |= outcome.io_failure;
        files.push(outcome.checked);
    }
    files.append(&mut failures);
    let printed = output::write(args.output_format, &files, stdout_style);
    let status = super::print_out(&printed);

    let errors: usize = files
        .iter()
        .flat_map(|f| &f.diagnostics)
        .filter(|d| d.severity() == Severity::Error)
        .count();
    let warnings: usize = files
        .iter()
        .flat_map(|f| &f.diagnostics)
        .filter(|d| d.severity() == Severity::Warning)
        .count();
    let summary = format!(
        "{errors} error{}, {warnings} warning{} in {} file{}",
        if errors == 1 { "" } else { "s" },
        if warnings == 1 { "" } else { "s" },
        files.len(),
        if files.len() == 1 { "" } else { "s" },
    );
    if args.output_format.is_machine() {
        eprintln!("{summary}");
    } else if super::print_out(&format!("{summary}\n")) != 0 {
        return 2;
    }
    if status != 0 || io_failure {
        return 2;
    }
    let failing = errors > 0 || (args.deny == Some(Deny::Warnings) && warnings > 0);
    u8::from(failing && !args.exit_zero)
}

/// Expands directories into the files under them (sorted), keeping the
/// order of the arguments. Paths that cannot be listed become failures.
fn collect(args: &[PathBuf], extension: &str) -> (Vec<Origin>, Vec<Checked>) {
    let mut origins = Vec::new();
    let mut failures = Vec::new();
    for arg in args {
        let origin = Origin::from_arg(arg);
        match &origin {
            Origin::File(path) if path.is_dir() => {
                let mut found = Vec::new();
                if let Err(e) = walk(path, extension, &mut found) {
                    failures.push(io_checked(path.display().to_string(), e));
                }
                found.sort();
                origins.extend(found.into_iter().map(Origin::File));
            }
            _ => origins.push(origin),
        }
    }
    (origins, failures)
}

fn walk(dir: &Path, extension: &str, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
        let path = entry.path();
        let kind = entry
            .file_type()
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        if kind.is_dir() {
            // Hidden directories (.git) and build output are not documents.
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if !name.starts_with('.') && name != "target" {
                walk(&path, extension, out)?;
            }
        } else if path.extension().is_some_and(|e| e == extension) {
            out.push(path);
        }
    }
    Ok(())
}

fn io_checked(display: String, message: String) -> Checked {
    Checked {
        display,
        text: None,
        position: None,
        diagnostics: vec![fengong::Diagnostic::new(
            fengong::Code::UnreadableFile,
            fengong::Span::empty(0),
            message,
        )],
    }
}

/// Checks the files on all cores, keeping their order.
fn check_all(origins: &[Origin]) -> Vec<Outcome> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(origins.len().max(1));
    if threads <= 1 {
        return origins.iter().map(check_one).collect();
    }
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<(usize, Outcome)>> = Mutex::new(Vec::with_capacity(origins.len()));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                let mut mine = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(origin) = origins.get(i) else { break };
                    mine.push((i, check_one(origin)));
                }
                if let Ok(mut all) = results.lock() {
                    all.extend(mine);
                }
            });
        }
    });
    let mut all = results.into_inner().unwrap_or_default();
    all.sort_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, o)| o).collect()
}

fn check_one(origin: &Origin) -> Outcome {
    let display = origin.display();
    match input::load(origin) {
        Err(LoadError::Io(d)) => Outcome {
            checked: Checked {
                display,
                text: None,
                position: None,
                diagnostics: vec![*d],
            },
            io_failure: true,
        },
        Err(LoadError::Decode(d, position)) => Outcome {
            checked: Checked {
                display,
                text: None,
                position: Some(position),
                diagnostics: vec![*d],
            },
            io_failure: false,
        },
        Ok(loaded) => {
            let mut diagnostics = fengong::parse_tolerant(&loaded.text).diagnostics;
            diagnostics.sort_by_key(|d| d.span().start);
            Outcome {
                checked: Checked {
                    display,
                    text: Some(loaded.text),
                    position: None,
                    diagnostics,
                },
                io_failure: false,
            }
        }
    }
}
