//! `fengong check`: every problem in every document, in the format CI reads.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use fengong::render::{escape_control, Style};
use fengong::{Code, Diagnostic, Severity};

use super::config::{Problems, Settings};
use super::input::{self, LoadError, Origin};
use super::output::{self, Checked, Format};
use super::walk::{self, Entry, Filters};

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Documents or directories (searched recursively for `*.txt`, skipping
    /// hidden, .gitignore'd and .ignore'd files); `-` reads standard input.
    /// Files named here are checked whatever their name.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// How to print findings.
    #[arg(long, value_enum, default_value_t = Format::Full, alias = "format")]
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
    /// In directories, check only the files matching this glob (.gitignore
    /// syntax, relative to the directory given); repeatable.
    #[arg(long, value_name = "GLOB")]
    include: Vec<String>,
    /// In directories, skip the files and directories matching this glob
    /// (.gitignore syntax, relative to the directory given); repeatable.
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// Exit 0 when no document is found, instead of warning and exiting 2.
    #[arg(long)]
    allow_no_files: bool,
    /// Run only these lint rules (codes or names, comma-separated);
    /// overrides `select` in fengong.toml.
    #[arg(long, value_delimiter = ',', value_name = "CODE")]
    select: Vec<Code>,
    /// Do not run these lint rules (codes or names, comma-separated); added
    /// to `ignore` in fengong.toml.
    #[arg(long, value_delimiter = ',', value_name = "CODE")]
    ignore: Vec<Code>,
    /// Read lint settings from this file instead of finding `fengong.toml`
    /// next to each document or above it.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Apply the safe fixes in place (atomically, in each file's encoding and
    /// line endings), then report what is left. For `-`, the fixed text goes
    /// to standard output and the report to standard error.
    #[arg(long, conflicts_with = "diff")]
    fix: bool,
    /// Print a unified diff of what --fix would change, and exit 1 if there
    /// is any; write nothing.
    #[arg(long)]
    diff: bool,
    /// With --fix or --diff, also apply fixes that change meaning (a
    /// near-miss unit name replaced by the likely one, a renumbering).
    #[arg(long)]
    unsafe_fixes: bool,
}

/// What to do with fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FixMode {
    apply: bool,
    diff: bool,
    include_unsafe: bool,
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

/// Runs `check`; returns the exit code: 0 no errors, 1 errors (or warnings
/// with `--deny warnings`, fixes with `--diff`), 2 a failure: a file or a
/// configuration that cannot be used, or no document found.
pub fn run(args: CheckArgs, stdout_style: Style, stderr_style: Style) -> u8 {
    let settings = match Settings::new(
        args.config.as_deref(),
        args.select.clone(),
        args.ignore.clone(),
    ) {
        Ok(s) => s,
        Err(e) => {
            super::term::eprint_line(&format!(
                "error[{}]: {}",
                Code::InvalidConfig,
                escape_control(&e.one_line())
            ));
            return 2;
        }
    };
    let mode = FixMode {
        apply: args.fix,
        diff: args.diff,
        include_unsafe: args.unsafe_fixes,
    };
    let filters = Filters {
        extension: args.extension.clone(),
        include: args.include.clone(),
        exclude: args.exclude.clone(),
    };
    let entries = match walk::collect(&args.paths, &filters) {
        Ok(entries) => entries,
        Err(e) => {
            super::term::eprint_line(&format!("error: {}", escape_control(&e.to_string())));
            return 2;
        }
    };
    let found_documents = entries.iter().any(|e| matches!(e, Entry::Document(_)));
    // Each configuration problem is reported once, and the documents it
    // governs are not checked with settings other than those written.
    let mut problems = Problems::default();
    let mut paths = Vec::with_capacity(entries.len());
    let mut order = Vec::with_capacity(entries.len());
    for entry in entries {
        match entry {
            Entry::Document(origin) => match settings.for_origin(&origin) {
                Ok(_) => {
                    order.push(None);
                    paths.push(origin);
                }
                Err(e) => problems.add(e),
            },
            Entry::Unreadable { path, message } => {
                order.push(Some(io_checked(path.display().to_string(), message)));
            }
        }
    }
    let skipped = problems.skipped();
    let mut files = problems.into_checked();
    let config_files = files.len();
    // Findings are written by the workers unless standard input's fixed text
    // takes standard output (the report then goes to standard error).
    let stdin_fix = mode.apply && paths.contains(&Origin::Stdin);
    let prerender = (!stdin_fix).then_some((args.output_format, stdout_style));
    let mut outcomes = check_all(&paths, &settings, mode, prerender).into_iter();
    let mut io_failure = config_files > 0;
    files.reserve(order.len());
    for slot in order {
        match slot {
            Some(mut failure) => {
                if let Some((format, style)) = prerender {
                    format.prerender(&mut failure, style);
                }
                io_failure = true;
                files.push(failure);
            }
            None => {
                if let Some(outcome) = outcomes.next() {
                    io_failure |= outcome.io_failure;
                    files.push(outcome.checked);
                }
            }
        }
    }
    if let Some((format, style)) = prerender {
        for file in &mut files[..config_files] {
            format.prerender(file, style);
        }
    }
    let fixed: usize = files.iter().map(|f| f.fixed).sum();
    // With --fix, standard input's text is the output; the report then goes
    // to standard error. Findings are written as they are rendered.
    let stdin_text = stdin_output(mode, &files);
    let status = match &stdin_text {
        Some(text) => {
            let report = super::term::eprint_with(|err| {
                output::write(args.output_format, &files, stderr_style, err)
            });
            report.max(super::term::print_bytes(text))
        }
        None => super::term::print_with(|out| {
            if mode.diff {
                for file in &files {
                    out.write_all(file.diff.as_bytes())?;
                }
            }
            output::write(args.output_format, &files, stdout_style, out)
        }),
    };
    if status != 0 {
        // The findings were not all written: the summary would mislead.
        return 2;
    }
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
    // Configuration files are not counted among the files checked.
    let checked = files.len() - config_files;
    let mut summary = format!(
        "{errors} error{}, {warnings} warning{} in {checked} file{}",
        if errors == 1 { "" } else { "s" },
        if warnings == 1 { "" } else { "s" },
        if checked == 1 { "" } else { "s" },
    );
    if skipped > 0 {
        summary.push_str(&format!(
            " ({skipped} not checked for an invalid {})",
            super::config::CONFIG_NAME
        ));
    }
    if mode.apply || mode.diff {
        let verb = if mode.apply { "fixed" } else { "fixable" };
        summary.push_str(&format!(" ({fixed} {verb})"));
    }
    let written = if args.output_format.is_machine() || stdin_text.is_some() {
        super::term::eprint_line(&summary)
    } else {
        super::term::print_out(&format!("{summary}\n"))
    };
    if written != 0 {
        return 2;
    }
    if !found_documents && !args.allow_no_files {
        super::term::eprint_line(&escape_control(&no_documents(&args.paths, &filters)));
        return 2;
    }
    if io_failure {
        return 2;
    }
    // With --diff, changes that --fix would make fail the run, as in ruff.
    let failing = errors > 0
        || (args.deny == Some(Deny::Warnings) && warnings > 0)
        || (mode.diff && fixed > 0);
    u8::from(failing && !args.exit_zero)
}

/// With --fix, the text read from standard input (fixed, or as it was): the
/// output of the run.
fn stdin_output(mode: FixMode, files: &[Checked]) -> Option<Vec<u8>> {
    if !mode.apply {
        return None;
    }
    let texts: Vec<&[u8]> = files.iter().filter_map(|f| f.stdout.as_deref()).collect();
    (!texts.is_empty()).then(|| texts.concat())
}

/// The warning when the paths given hold no document: a run that checks
/// nothing must not pass silently (a mistyped directory, a filter that
/// matches nothing).
fn no_documents(paths: &[PathBuf], filters: &Filters) -> String {
    let shown: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    let mut what = format!("`*.{}` files", filters.extension);
    if !filters.include.is_empty() {
        what.push_str(&format!(" matching {}", filters.include.join(", ")));
    }
    format!(
        "warning: no documents found in {} (looked for {what} that are not hidden, ignored or excluded)\nhelp: pass --allow-no-files if that is expected",
        shown.join(", ")
    )
}

fn io_checked(display: String, message: String) -> Checked {
    Checked {
        display,
        text: None,
        position: None,
        diagnostics: vec![Diagnostic::new(
            Code::UnreadableFile,
            fengong::Span::empty(0),
            message,
        )],
        fixed: 0,
        diff: String::new(),
        stdout: None,
        rendered: None,
    }
}

/// Checks the files on all cores, keeping their order.
fn check_all(
    origins: &[Origin],
    settings: &Settings,
    mode: FixMode,
    prerender: Option<(Format, Style)>,
) -> Vec<Outcome> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(origins.len().max(1));
    let check_one = |origin: &Origin| {
        let mut outcome = check_one(origin, settings, mode);
        if let Some((format, style)) = prerender {
            format.prerender(&mut outcome.checked, style);
        }
        outcome
    };
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

fn check_one(origin: &Origin, settings: &Settings, mode: FixMode) -> Outcome {
    let display = origin.display();
    let failed = |diagnostic: Diagnostic, position, io_failure| Outcome {
        checked: Checked {
            display: display.clone(),
            text: None,
            position,
            diagnostics: vec![diagnostic],
            fixed: 0,
            diff: String::new(),
            stdout: None,
            rendered: None,
        },
        io_failure,
    };
    let config = match settings.for_origin(origin) {
        Ok(config) => config,
        Err(e) => {
            return failed(
                Diagnostic::new(Code::InvalidConfig, fengong::Span::empty(0), e.one_line()),
                None,
                true,
            )
        }
    };
    // Before a rewrite, a file is checked to be one before it is read.
    let load = if mode.apply {
        input::load_to_rewrite
    } else {
        input::load
    };
    let loaded = match load(origin) {
        Ok(loaded) => loaded,
        Err(LoadError::Io(d)) => return failed(*d, None, true),
        Err(LoadError::Decode(d, position)) => return failed(*d, Some(position), false),
    };
    let mut fixed_text = None;
    let mut fixed = 0;
    let mut diff = String::new();
    if mode.apply || mode.diff {
        let fengong::lint::Fixed {
            text: new_text,
            applied: count,
        } = fengong::lint::fix(&loaded.text, &config, mode.include_unsafe);
        if count > 0 {
            fixed = count;
            if mode.diff {
                diff = super::diff::unified_diff(&loaded.text, &new_text, &display);
            } else {
                if let Origin::File(_) = origin {
                    if let Err(e) = super::write::rewrite(&loaded, &new_text) {
                        return failed(e.to_diagnostic(), None, true);
                    }
                }
                fixed_text = Some(new_text);
            }
        }
    }
    let (encoding, bom) = (loaded.encoding, loaded.bom);
    let text = fixed_text.unwrap_or(loaded.text);
    // Standard input with --fix: its text, fixed or as it was, goes to
    // standard output.
    let stdout = (mode.apply && *origin == Origin::Stdin).then(|| {
        fengong::source::encode(&text, encoding, bom).unwrap_or_else(|_| text.clone().into_bytes())
    });
    let diagnostics = fengong::lint::check(&text, &config);
    Outcome {
        checked: Checked {
            display,
            text: Some(text),
            position: None,
            diagnostics,
            fixed,
            diff,
            stdout,
            rendered: None,
        },
        io_failure: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checked(display: &str, stdout: Option<&[u8]>) -> Checked {
        Checked {
            display: display.to_string(),
            text: None,
            position: None,
            diagnostics: Vec::new(),
            fixed: 0,
            diff: String::new(),
            stdout: stdout.map(<[u8]>::to_vec),
            rendered: None,
        }
    }

    #[test]
    fn fixed_standard_input_is_the_output() {
        let fix = FixMode {
            apply: true,
            diff: false,
            include_unsafe: false,
        };
        let gb =
            fengong::source::encode("修好的\n", fengong::source::Encoding::Gb18030, false).unwrap();
        let files = [checked("a.txt", None), checked("-", Some(&gb))];
        assert_eq!(stdin_output(fix, &files), Some(gb.clone()));
        assert_eq!(stdin_output(fix, &files[..1]), None);
        let diff = FixMode {
            apply: false,
            diff: true,
            ..fix
        };
        assert_eq!(stdin_output(diff, &files), None);
    }
}
