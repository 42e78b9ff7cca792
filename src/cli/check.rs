//! `fengong check`: every problem in every document, in the format CI reads.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use fengong::lint::LintConfig;
use fengong::render::{escape_control, Style};
use fengong::{Code, Diagnostic, Severity};

use super::input::{self, LoadError, Origin};
use super::output::{self, Checked, Format};

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Documents or directories (searched recursively for `*.txt`); `-` reads
    /// standard input.
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

/// Finds the lint settings of each document: `--config`, or the nearest
/// `fengong.toml` in the document's directory or above it (cached per
/// directory).
struct Settings {
    explicit: Option<LintConfig>,
    select: Vec<Code>,
    ignore: Vec<Code>,
    found: Mutex<HashMap<PathBuf, Result<Option<LintConfig>, String>>>,
}

const CONFIG_NAME: &str = "fengong.toml";

fn read_config(path: &Path) -> Result<LintConfig, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    toml::from_str(&text).map_err(|e| config_error(path, &text, &e))
}

/// `PATH:LINE:COLUMN: message`, on one line (toml's own message draws the
/// line under a caret, which breaks one-line output formats).
fn config_error(path: &Path, text: &str, e: &toml::de::Error) -> String {
    let message = e.message().trim().replace('\n', " ");
    match e.span() {
        Some(span) => {
            let at = fengong::LineIndex::new(text).position(span.start);
            format!("{}:{}:{}: {message}", path.display(), at.line, at.column)
        }
        None => format!("{}: {message}", path.display()),
    }
}

impl Settings {
    fn new(args: &CheckArgs) -> Result<Settings, String> {
        Ok(Settings {
            explicit: args.config.as_deref().map(read_config).transpose()?,
            select: args.select.clone(),
            ignore: args.ignore.clone(),
            found: Mutex::new(HashMap::new()),
        })
    }

    fn discover(&self, dir: &Path) -> Result<Option<LintConfig>, String> {
        if let Ok(found) = self.found.lock() {
            if let Some(hit) = found.get(dir) {
                return hit.clone();
            }
        }
        let candidate = dir.join(CONFIG_NAME);
        let result = if candidate.is_file() {
            read_config(&candidate).map(Some)
        } else {
            match dir.parent() {
                Some(parent) if parent != dir => self.discover(parent),
                _ => Ok(None),
            }
        };
        if let Ok(mut found) = self.found.lock() {
            found.insert(dir.to_path_buf(), result.clone());
        }
        result
    }

    /// The settings for a document at `origin`.
    fn for_origin(&self, origin: &Origin) -> Result<LintConfig, String> {
        let mut config = match &self.explicit {
            Some(config) => config.clone(),
            None => {
                let dir = match origin {
                    Origin::File(path) => path
                        .parent()
                        .filter(|p| !p.as_os_str().is_empty())
                        .map_or_else(|| PathBuf::from("."), Path::to_path_buf),
                    Origin::Stdin => PathBuf::from("."),
                };
                let dir = std::fs::canonicalize(&dir).unwrap_or(dir);
                self.discover(&dir)?.unwrap_or_default()
            }
        };
        if !self.select.is_empty() {
            config.select = self.select.clone();
        }
        config.ignore.extend(self.ignore.iter().copied());
        Ok(config)
    }
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
    let settings = match Settings::new(&args) {
        Ok(s) => s,
        Err(e) => {
            super::term::eprint_line(&format!("error: {}", escape_control(&e)));
            return 2;
        }
    };
    let mode = FixMode {
        apply: args.fix,
        diff: args.diff,
        include_unsafe: args.unsafe_fixes,
    };
    let (paths, mut failures) = collect(&args.paths, &args.extension);
    // Findings are written by the workers unless standard input's fixed text
    // takes standard output (the report then goes to standard error).
    let stdin_fix = mode.apply && paths.contains(&Origin::Stdin);
    let prerender = (!stdin_fix).then_some((args.output_format, stdout_style));
    let outcomes = check_all(&paths, &settings, mode, prerender);
    let mut files = Vec::with_capacity(outcomes.len());
    let mut io_failure = !failures.is_empty();
    for outcome in outcomes {
        io_failure |= outcome.io_failure;
        files.push(outcome.checked);
    }
    files.append(&mut failures);
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
    let mut summary = format!(
        "{errors} error{}, {warnings} warning{} in {} file{}",
        if errors == 1 { "" } else { "s" },
        if warnings == 1 { "" } else { "s" },
        files.len(),
        if files.len() == 1 { "" } else { "s" },
    );
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
        Err(message) => {
            return failed(
                Diagnostic::new(Code::UnreadableFile, fengong::Span::empty(0), message),
                None,
                true,
            )
        }
    };
    let loaded = match input::load(origin) {
        Ok(loaded) => loaded,
        Err(LoadError::Io(d)) => return failed(*d, None, true),
        Err(LoadError::Decode(d, position)) => return failed(*d, Some(position), false),
    };
    let mut text = loaded.text;
    let mut fixed = 0;
    let mut diff = String::new();
    if mode.apply || mode.diff {
        let fengong::lint::Fixed {
            text: new_text,
            applied: count,
        } = fengong::lint::fix(&text, &config, mode.include_unsafe);
        if count > 0 {
            fixed = count;
            if mode.diff {
                diff = super::diff::unified_diff(&text, &new_text, &display);
            } else if let Origin::File(path) = origin {
                if let Err(e) =
                    input::write_atomically(path, &new_text, loaded.encoding, loaded.bom)
                {
                    return failed(
                        Diagnostic::new(Code::UnreadableFile, fengong::Span::empty(0), e),
                        None,
                        true,
                    );
                }
                text = new_text;
            } else {
                text = new_text;
            }
        }
    }
    // Standard input with --fix: its text, fixed or as it was, goes to
    // standard output.
    let stdout = (mode.apply && *origin == Origin::Stdin).then(|| {
        fengong::source::encode(&text, loaded.encoding, loaded.bom)
            .unwrap_or_else(|_| text.clone().into_bytes())
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

    #[test]
    fn config_errors_are_located_on_one_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(CONFIG_NAME);
        std::fs::write(&path, "ignore = []\nselect = [\"W004\"\n").unwrap();
        let error = read_config(&path).unwrap_err();
        assert_eq!(
            error,
            format!("{}:2:17: unclosed array, expected `]`", path.display())
        );
        std::fs::write(&path, "select = [\"W999\"]\n").unwrap();
        let error = read_config(&path).unwrap_err();
        assert_eq!(
            error,
            format!(
                "{}:1:11: unknown diagnostic code or name `W999`",
                path.display()
            )
        );
        std::fs::write(&path, "select = [\"W004\"]\n").unwrap();
        assert_eq!(read_config(&path).unwrap().select, [Code::StraySeparator]);
    }
}
