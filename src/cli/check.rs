//! `fengong check`: every problem in every document, in the format CI reads.
//!
//! The documents are checked on every core and their findings written as
//! they come, in the order of the paths (sorted within a directory): a
//! file's part is written as soon as it and every file before it are done
//! (a reorder buffer), so that a long run shows its findings from the start.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

use fengong::lint::LintConfig;
use fengong::render::escape_control;
use fengong::{Code, Diagnostic};

use super::color::Styles;
use super::config::{Problems, Settings};
use super::input::{self, LoadError, Origin};
use super::output::{Checked, Emit, Format, Options, Stream};
use super::progress::Progress;
use super::summary::{FixAction, Tally};
use super::term;
use super::walk::{self, Entry, Filters};

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Documents or directories (searched recursively for `*.txt`, skipping
    /// hidden, .gitignore'd and .ignore'd files); `-` reads standard input
    /// (the default with --stdin-filename). Files named here are checked
    /// whatever their name.
    #[arg(required_unless_present = "stdin_filename")]
    paths: Vec<PathBuf>,
    /// How to print findings (`--format` is the same flag).
    #[arg(long, value_enum, default_value_t = Format::Full, visible_alias = "format")]
    output_format: Format,
    /// Findings only, no summary line; twice (-qq), nothing at all (as
    /// --silent): only the exit code tells.
    #[arg(short, long, action = clap::ArgAction::Count)]
    quiet: u8,
    /// Write nothing (as -qq): only the exit code tells. The fixed text of
    /// standard input with --fix is still written.
    #[arg(long)]
    silent: bool,
    /// Instead of the findings, how many there are of each code (a JSON
    /// array with --output-format json, else one line a code).
    #[arg(long)]
    statistics: bool,
    /// After the findings, list the fixes applied (--fix), that would be
    /// (--diff), or available, by file and code.
    #[arg(long)]
    show_fixes: bool,
    /// The name of standard input (`-`), shown in reports and used to find
    /// its fengong.toml.
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<PathBuf>,
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
    /// Run only these lint rules, comma-separated: codes (W007), names
    /// (near-miss-unit), code prefixes (W00: W001-W009; W01: W010-W019; W: every rule) or
    /// ALL; overrides `select` in fengong.toml.
    #[arg(long, value_delimiter = ',', value_name = "CODE", value_parser = parse_select)]
    select: Vec<Selected>,
    /// Do not run these lint rules (as --select reads them; parse errors,
    /// E..., are always reported); added to `ignore` in fengong.toml.
    #[arg(long, value_delimiter = ',', value_name = "CODE", value_parser = parse_ignore)]
    ignore: Vec<Selected>,
    /// Read lint settings from this file instead of finding `fengong.toml`
    /// next to each document or above it.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Apply the safe fixes in place (atomically, in each file's encoding and
    /// line endings), then report what is left. For `-`, the fixed text goes
    /// to standard output and the report to standard error.
    #[arg(long)]
    fix: bool,
    /// Print a unified diff of what --fix would change, and exit 1 if there
    /// is any; write nothing (also with --fix). Standard output holds only
    /// the diffs; the summary goes to standard error.
    #[arg(long)]
    diff: bool,
    /// With --fix or --diff, also apply fixes that change meaning (a
    /// near-miss unit name replaced by the likely one, a renumbering).
    #[arg(long)]
    unsafe_fixes: bool,
}

/// The codes one `--select` or `--ignore` value names.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Selected(Vec<Code>);

/// Reads a `--select` value (see [`fengong::select`]).
fn parse_select(arg: &str) -> Result<Selected, String> {
    fengong::select::selected(arg)
        .map(Selected)
        .map_err(|e| e.to_string())
}

/// Reads an `--ignore` value (see [`fengong::select`]).
fn parse_ignore(arg: &str) -> Result<Selected, String> {
    fengong::select::ignored(arg)
        .map(Selected)
        .map_err(|e| e.to_string())
}

/// The codes of `selected`, each once.
fn codes(selected: &[Selected]) -> Vec<Code> {
    let mut codes: Vec<Code> = Vec::new();
    for code in selected.iter().flat_map(|s| &s.0) {
        if !codes.contains(code) {
            codes.push(*code);
        }
    }
    codes
}

/// What to do with fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FixMode {
    apply: bool,
    diff: bool,
    include_unsafe: bool,
}

impl FixMode {
    fn action(self) -> FixAction {
        if self.diff {
            FixAction::Diff
        } else if self.apply {
            FixAction::Apply
        } else {
            FixAction::Count
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Deny {
    Warnings,
}

/// How much `check` writes: `-q`, `-qq`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Verbosity {
    /// Findings, the summary line and warnings.
    Normal,
    /// Findings only (and what --statistics or --show-fixes asks for).
    Quiet,
    /// Nothing.
    Silent,
}

/// What checking one path produced.
struct Outcome {
    checked: Checked,
    io_failure: bool,
}

/// One thing to write, in the order of the output.
enum Slot {
    /// An entry that could not be read, known before checking.
    Failure(Checked),
    /// The document of this index in the list checked.
    Document(usize),
}

/// Runs `check`; returns the exit code: 0 no errors, 1 errors (or warnings
/// with `--deny warnings`, fixes with `--diff`), 2 a failure: a file or a
/// configuration that cannot be used, or no document found.
pub fn run(args: CheckArgs, styles: Styles) -> u8 {
    let verbosity = match (args.silent, args.quiet) {
        (true, _) | (_, 2..) => Verbosity::Silent,
        (false, 1) => Verbosity::Quiet,
        (false, 0) => Verbosity::Normal,
    };
    let say = |line: &str| -> u8 {
        if verbosity < Verbosity::Silent {
            super::term::eprint_line(line)
        } else {
            0
        }
    };
    let mut paths = args.paths.clone();
    if let Some(name) = &args.stdin_filename {
        input::set_stdin_name(name.clone());
        if paths.is_empty() {
            paths.push(PathBuf::from("-"));
        }
    }
    let settings = match Settings::new(
        args.config.as_deref(),
        codes(&args.select),
        codes(&args.ignore),
    ) {
        Ok(s) => s,
        Err(e) => {
            say(&format!(
                "error[{}]: {}",
                Code::InvalidConfig,
                escape_control(&e.one_line())
            ));
            return 2;
        }
    };
    // With --diff nothing is written, even with --fix: the diff wins.
    let mode = FixMode {
        apply: args.fix && !args.diff,
        diff: args.diff,
        include_unsafe: args.unsafe_fixes,
    };
    let filters = Filters {
        extension: args.extension.clone(),
        include: args.include.clone(),
        exclude: args.exclude.clone(),
    };
    let entries = match walk::collect(&paths, &filters) {
        Ok(entries) => entries,
        Err(e) => {
            say(&format!("error: {}", escape_control(&e.to_string())));
            return 2;
        }
    };
    let found_documents = entries.iter().any(|e| matches!(e, Entry::Document(_)));
    // Each configuration problem is reported once, first, and the documents
    // it governs are not checked with settings other than those written.
    let mut problems = Problems::default();
    let mut origins = Vec::with_capacity(entries.len());
    let mut slots = Vec::with_capacity(entries.len());
    for entry in entries {
        match entry {
            Entry::Document(origin) => match settings.for_origin(&origin) {
                Ok(_) => {
                    slots.push(Slot::Document(origins.len()));
                    origins.push(origin);
                }
                Err(e) => problems.add(e),
            },
            Entry::Unreadable { path, message } => {
                slots.push(Slot::Failure(Checked::failed(
                    path.display().to_string(),
                    Diagnostic::new(Code::UnreadableFile, fengong::Span::empty(0), message),
                )));
            }
        }
    }
    let skipped = problems.skipped();
    let config_problems = problems.into_checked();

    // With --fix, standard input's text is the output: the report goes to
    // standard error. With --diff, standard output holds only the diffs.
    let stdin_fix = mode.apply && origins.contains(&Origin::Stdin);
    let emit = if verbosity == Verbosity::Silent || args.statistics {
        Emit::Nothing
    } else if mode.diff {
        Emit::Diff
    } else {
        Emit::Findings(args.output_format)
    };
    let options = Options {
        emit,
        style: if stdin_fix {
            styles.stderr
        } else {
            styles.stdout
        },
        include_unsafe: mode.include_unsafe,
    };
    let mut stdout = super::term::stdout();
    let mut stderr = super::term::stderr();
    let (out, out_stream): (&mut dyn Write, _) = if stdin_fix {
        (&mut stderr, term::Stream::Err)
    } else {
        (&mut stdout, term::Stream::Out)
    };
    let mut writer = Writer {
        stream: None,
        options,
        slots: slots.into_iter().peekable(),
        ready: HashMap::new(),
        done: 0,
        progress: Progress::new(origins.len(), verbosity == Verbosity::Normal),
        tally: Tally::default(),
        io_failure: !config_problems.is_empty(),
        stdin_text: None,
        failed: None,
    };
    match Stream::begin(options, out) {
        Ok(stream) => writer.stream = Some(stream),
        Err(e) => writer.failed = Some(e),
    }
    for problem in config_problems {
        writer.release(
            Outcome {
                checked: problem,
                io_failure: true,
            },
            false,
        );
    }
    writer.release_ready();
    check_all(&origins, &settings, mode, &mut writer);
    let Writer {
        stream,
        tally,
        io_failure,
        stdin_text,
        mut failed,
        mut progress,
        ..
    } = writer;
    progress.clear();
    if let Some(stream) = stream {
        if let Err(e) = stream.finish() {
            failed.get_or_insert(e);
        }
    }
    let written = term::status(failed.map_or(Ok(()), Err), out_stream);
    drop(stdout);
    drop(stderr);
    if written != 0 {
        // The findings were not all written: the summary would mislead.
        return 2;
    }
    let action = mode.action();
    let mut status = 0;
    // What follows the findings goes where the summary goes: standard
    // output after human-readable findings, else standard error.
    let summary_to_stderr = args.output_format.is_machine() || stdin_fix || mode.diff;
    let after = |text: &str| -> u8 {
        if summary_to_stderr {
            term::print_err(text)
        } else {
            term::print_out(text)
        }
    };
    if verbosity < Verbosity::Silent {
        if args.statistics {
            let json = args.output_format == Format::Json;
            status = status.max(if stdin_fix {
                term::eprint_with(|err| tally.write_statistics(json, err))
            } else {
                term::print_with(|out| tally.write_statistics(json, out))
            });
        }
        if args.show_fixes {
            status = status.max(after(&tally.fixes_text(action, mode.include_unsafe)));
        }
        if verbosity == Verbosity::Normal {
            status = status.max(after(&format!("{}\n", tally.summary(skipped, action))));
        }
    }
    if let Some(text) = &stdin_text {
        status = status.max(term::print_bytes(text));
    }
    if status != 0 {
        return 2;
    }
    if !found_documents && !args.allow_no_files {
        say(&escape_control(&no_documents(&paths, &filters)));
        return 2;
    }
    if io_failure {
        return 2;
    }
    // With --diff, changes that --fix would make fail the run, as in ruff.
    let failing = tally.has_errors()
        || (args.deny == Some(Deny::Warnings) && tally.warnings > 0)
        || (mode.diff && tally.fixed > 0);
    u8::from(failing && !args.exit_zero)
}

/// The writing side of a run: the files' outcomes as they come from the
/// workers, each written once every file before it is (a reorder buffer).
struct Writer<'w> {
    /// The output; none if it could not be started.
    stream: Option<Stream<'w>>,
    options: Options,
    /// What is left to write, in order.
    slots: std::iter::Peekable<std::vec::IntoIter<Slot>>,
    /// Outcomes checked ahead of their turn, by document index.
    ready: HashMap<usize, Outcome>,
    /// How many documents are checked.
    done: usize,
    progress: Progress,
    tally: Tally,
    io_failure: bool,
    /// Standard input's text with --fix, written last.
    stdin_text: Option<Vec<u8>>,
    /// The first failure to write: nothing more is written, but the files
    /// are still counted (the exit code is the same as if the output had
    /// been read to its end).
    failed: Option<std::io::Error>,
}

impl Writer<'_> {
    /// Takes the outcome of document `i`, and writes what it completes.
    fn receive(&mut self, i: usize, outcome: Outcome) {
        self.done += 1;
        self.ready.insert(i, outcome);
        self.release_ready();
    }

    /// Writes every slot whose turn has come.
    fn release_ready(&mut self) {
        while let Some(slot) = self.slots.peek() {
            let ready = match slot {
                Slot::Failure(_) => true,
                Slot::Document(i) => self.ready.contains_key(i),
            };
            if !ready {
                break;
            }
            let outcome = match self.slots.next() {
                Some(Slot::Failure(failure)) => Outcome {
                    checked: failure,
                    io_failure: true,
                },
                Some(Slot::Document(i)) => match self.ready.remove(&i) {
                    Some(outcome) => outcome,
                    None => break,
                },
                None => break,
            };
            self.release(outcome, true);
        }
    }

    /// Counts and writes one file (`counted` unless it is a configuration
    /// file's problem).
    fn release(&mut self, outcome: Outcome, counted: bool) {
        self.io_failure |= outcome.io_failure;
        let mut checked = outcome.checked;
        self.tally.add(&checked, counted, &self.options);
        if let Some(text) = checked.stdout.take() {
            self.stdin_text = Some(text);
        }
        if self.failed.is_some() {
            return;
        }
        if let Some(stream) = &mut self.stream {
            if stream.writes(&checked) {
                self.progress.clear();
            }
            if let Err(e) = stream.file(&checked) {
                self.failed = Some(e);
            }
        }
    }

    /// Between batches of outcomes: shows what was written, and the
    /// progress.
    fn pause(&mut self) {
        if self.failed.is_none() {
            if let Some(Err(e)) = self.stream.as_mut().map(Stream::flush) {
                self.failed = Some(e);
            }
        }
        self.progress
            .update(self.done, self.tally.errors, self.tally.warnings);
    }

    /// Whether checking more is useless: the output failed for another
    /// reason than its reader leaving (then the exit code is 2 whatever
    /// the files hold).
    fn hopeless(&self) -> bool {
        self.failed
            .as_ref()
            .is_some_and(|e| e.kind() != std::io::ErrorKind::BrokenPipe)
    }
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

/// Checks the documents on all cores (a single one on this thread, with no
/// thread to start), handing each outcome to `writer` as
/// it comes (in any order; the writer puts them back in order), and lets
/// the writer show them between batches and at least every
/// [`super::progress::EVERY`].
fn check_all(origins: &[Origin], settings: &Settings, mode: FixMode, writer: &mut Writer<'_>) {
    if let [origin] = origins {
        // One document: checked here, without a thread to start (most of
        // the time of a small one goes to starting the process), and its
        // findings written straight to the output, not rendered ahead into
        // a buffer as the workers do: the buffer, up to the file's size,
        // added to the peak (98.9 → 88.6 MiB on 20 MB of `near-copies`).
        let outcome = check_one(origin, settings, mode);
        writer.receive(0, outcome);
        writer.pause();
        return;
    }
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(origins.len());
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let options = writer.options;
    std::thread::scope(|scope| {
        let (sender, receiver) = mpsc::channel::<(usize, Outcome)>();
        for _ in 0..threads {
            let sender = sender.clone();
            let (next, stop) = (&next, &stop);
            scope.spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(origin) = origins.get(i) else { break };
                    let mut outcome = check_one(origin, settings, mode);
                    options.prepare(&mut outcome.checked);
                    if sender.send((i, outcome)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(sender);
        loop {
            match receiver.recv_timeout(super::progress::EVERY) {
                Ok((i, outcome)) => writer.receive(i, outcome),
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
            // Everything that is there already, then show it.
            while let Ok((i, outcome)) = receiver.try_recv() {
                writer.receive(i, outcome);
            }
            writer.pause();
            if writer.hopeless() {
                stop.store(true, Ordering::Relaxed);
            }
        }
    });
}

/// Applies the fixes of `text`'s findings as [`fengong::lint::fix`] does
/// (the same passes, the same stops), counting the fixes applied by code.
fn fix_counting(
    text: &str,
    config: &LintConfig,
    include_unsafe: bool,
) -> (Option<String>, Vec<(Code, usize)>) {
    let mut current: Option<String> = None;
    let mut counts: BTreeMap<Code, usize> = BTreeMap::new();
    for _ in 0..fengong::lint::MAX_FIX_PASSES {
        let now = current.as_deref().unwrap_or(text);
        let diagnostics = fengong::lint::check(now, config);
        if diagnostics.iter().any(Diagnostic::is_error) {
            break;
        }
        let (next, done) = fengong::edit::apply_fixes(now, &diagnostics, include_unsafe);
        if done.is_empty() || fengong::parse(&next).is_err() {
            break;
        }
        for d in done {
            *counts.entry(d.code()).or_default() += 1;
        }
        current = Some(next);
    }
    (current, counts.into_iter().collect())
}

fn check_one(origin: &Origin, settings: &Settings, mode: FixMode) -> Outcome {
    let display = origin.display();
    let failed = |diagnostic: Diagnostic, position, io_failure| Outcome {
        checked: Checked {
            position,
            ..Checked::failed(display.clone(), diagnostic)
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
    let mut fixes = Vec::new();
    let mut diff = String::new();
    if mode.apply || mode.diff {
        let (new_text, counts) = fix_counting(&loaded.text, &config, mode.include_unsafe);
        if let Some(new_text) = new_text {
            fixes = counts;
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
    if !(mode.apply || mode.diff) {
        // The fixes available: those --fix would apply first.
        let mut counts: BTreeMap<Code, usize> = BTreeMap::new();
        for d in &diagnostics {
            if d.fix().is_some_and(|f| {
                f.applicability == fengong::Applicability::Safe || mode.include_unsafe
            }) {
                *counts.entry(d.code()).or_default() += 1;
            }
        }
        fixes = counts.into_iter().collect();
    }
    Outcome {
        checked: Checked {
            text: Some(text),
            diagnostics,
            fixes,
            diff,
            stdout,
            ..Checked::new(display)
        },
        io_failure: false,
    }
}

#[cfg(test)]
mod tests;
