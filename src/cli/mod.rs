//! The `fengong` command line: argument parsing and the commands.
//!
//! Exit codes, as ruff's: 0 success (no errors), 1 the documents have
//! errors (or are not canonical, for `fmt --check`), 2 the command could not
//! do its job (usage, I/O).

mod check;
mod input;
mod output;
mod units;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use fengong::render::{self, Report, Style};
use fengong::{Code, Diagnostic};

use input::{LoadError, Loaded, Origin};

/// Parse, check and format 重点任务清单和责任分工表 (key task lists with
/// responsibility tables) extracted from Word.
#[derive(Debug, Parser)]
#[command(name = "fengong", version, about, long_about = None)]
#[command(
    after_help = "Examples:\n  fengong parse seeds/000_ecc403549f0e7389.txt > tasks.json\n  fengong check docs/\n  fengong explain E010"
)]
struct Cli {
    /// When to use colours: auto (on a terminal, unless NO_COLOR is set),
    /// always or never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    color: ColorChoice,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    fn style(self, terminal: bool) -> Style {
        let on = match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        };
        if on {
            Style::Color
        } else {
            Style::Plain
        }
    }
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Parse a document and print it as JSON.
    #[command(
        after_help = "Example:\n  fengong parse seeds/000_ecc403549f0e7389.txt | jq '.categories[0].tasks[0]'\n\nExit status: 0 parsed, 1 the document has errors (shown on stderr), 2 usage or I/O error."
    )]
    Parse {
        /// The document (UTF-8, UTF-16 with BOM, or GB18030), or `-` for
        /// standard input.
        file: PathBuf,
        /// Print the JSON on one line instead of indented.
        #[arg(long)]
        compact: bool,
    },
    /// Print a document in the canonical layout, check it, or rewrite it.
    #[command(
        after_help = "Examples:\n  fengong fmt tasks.txt            print the canonical text\n  fengong fmt --check tasks.txt    exit 1 if it is not canonical\n  fengong fmt --write tasks.txt    rewrite it in place (same encoding and line endings)\n  fengong fmt --diff tasks.txt     show what --write would change"
    )]
    Fmt {
        /// The documents, or `-` for standard input (not with --write).
        /// Without --check, --write or --diff, exactly one.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Exit 1 if the document is not in the canonical layout; print
        /// nothing else.
        #[arg(long, conflicts_with_all = ["write", "diff"])]
        check: bool,
        /// Rewrite the file in place, atomically, in its own encoding and
        /// line endings.
        #[arg(long, conflicts_with = "diff")]
        write: bool,
        /// Print a unified diff of what --write would change and exit 1 if
        /// there is any; write nothing.
        #[arg(long)]
        diff: bool,
    },
    /// Write the canonical text of a document given as JSON (the form
    /// `fengong parse` prints).
    #[command(
        after_help = "Example:\n  fengong parse tasks.txt > tasks.json && fengong render tasks.json > tasks.canonical.txt"
    )]
    Render {
        /// The JSON file, or `-` for standard input.
        file: PathBuf,
    },
    /// Check documents and report every problem.
    #[command(
        after_help = "Examples:\n  fengong check tasks.txt\n  fengong check --output-format github docs/\n  fengong check --output-format sarif docs/ > fengong.sarif\n\nExit status: 0 no errors, 1 errors found, 2 usage or I/O error."
    )]
    Check(check::CheckArgs),
    /// Show which local units answer for which district units, and each
    /// unit's tasks.
    #[command(
        after_help = "Examples:\n  fengong units seeds/000_ecc403549f0e7389.txt\n  fengong units --format csv tasks.txt > units.csv   (UTF-8 with BOM, opens in Excel/WPS)\n  fengong units --format json tasks.txt"
    )]
    Units {
        /// The document, or `-` for standard input.
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = units::UnitsFormat::Table)]
        format: units::UnitsFormat,
    },
    /// Explain a diagnostic code: what it means, an example, and the fix.
    #[command(
        after_help = "Examples:\n  fengong explain E010\n  fengong explain invalid-task-number\n  fengong explain --list"
    )]
    Explain {
        /// A code (`E010`) or a name (`invalid-task-number`).
        #[arg(required_unless_present = "list")]
        code: Option<String>,
        /// List every code with its name and summary.
        #[arg(long)]
        list: bool,
    },
}

/// Runs the command line; returns the process's exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let stdout_style = cli.color.style(std::io::stdout().is_terminal());
    let stderr_style = cli.color.style(std::io::stderr().is_terminal());
    let code = match cli.command {
        Command::Parse { file, compact } => parse(&file, compact, stderr_style),
        Command::Fmt {
            files,
            check,
            write,
            diff,
        } => {
            if files.len() > 1 && !(check || write || diff) {
                eprintln!("error: printing the canonical text takes one file; use --check, --write or --diff for several");
                2
            } else {
                files
                    .iter()
                    .map(|file| fmt(file, check, write, diff, stderr_style))
                    .max()
                    .unwrap_or(0)
            }
        }
        Command::Render { file } => render_json(&file),
        Command::Check(args) => check::run(args, stdout_style, stderr_style),
        Command::Explain { code, list } => explain(code.as_deref(), list),
        Command::Units { file, format } => units_command(&file, format, stderr_style),
    };
    ExitCode::from(code)
}

fn print_out(text: &str) -> u8 {
    print_bytes(text.as_bytes())
}

fn print_bytes(bytes: &[u8]) -> u8 {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => 0,
        // A closed pipe (`| head`) is not our failure.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            eprintln!("error: cannot write to standard output: {e}");
            2
        }
    }
}

/// Prints diagnostics about one document to stderr, then the primary error
/// as `FILE:LINE:COLUMN: message`.
fn report_errors(display: &str, text: &str, diagnostics: &[Diagnostic], style: Style) {
    let report = Report::new(display, text);
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&report.render(d, style));
        out.push_str("\n\n");
    }
    if let Some(first) = diagnostics.iter().find(|d| d.is_error()) {
        let (start, _) = report.locate(first.span());
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        out.push_str(&format!(
            "{display}:{}:{}: {}",
            start.line,
            start.column,
            first.message()
        ));
        if errors > 1 {
            out.push_str(&format!(
                " (and {} more error{})",
                errors - 1,
                if errors == 2 { "" } else { "s" }
            ));
        }
        out.push('\n');
    }
    eprint!("{out}");
}

/// Loads a document, reporting failures; `Err` carries the exit code.
fn load_reporting(file: &std::path::Path, style: Style) -> Result<Loaded, u8> {
    let origin = Origin::from_arg(file);
    match input::load(&origin) {
        Ok(loaded) => Ok(loaded),
        Err(LoadError::Io(d)) => {
            eprintln!("error[{}]: {}", d.code(), d.message());
            Err(2)
        }
        Err(LoadError::Decode(d, position)) => {
            let display = origin.display();
            eprintln!(
                "{}",
                render::render_without_source(&d, &display, position, style)
            );
            eprintln!("{display}:{position}: {}", d.message());
            Err(1)
        }
    }
}

/// Parses strictly; on errors prints them and returns exit code 1.
fn parse_reporting<'t>(loaded: &'t Loaded, style: Style) -> Result<fengong::Document<'t>, u8> {
    let parsed = fengong::parse_tolerant(&loaded.text);
    if parsed.has_errors() {
        report_errors(
            &loaded.origin.display(),
            &loaded.text,
            &parsed.diagnostics,
            style,
        );
        Err(1)
    } else {
        Ok(parsed.document)
    }
}

/// Loads and strictly parses a document, reporting failures, then runs
/// `then` on it; returns the exit code.
fn with_document(
    file: &std::path::Path,
    style: Style,
    then: impl FnOnce(&Loaded, fengong::Document<'_>) -> u8,
) -> u8 {
    let loaded = match load_reporting(file, style) {
        Ok(l) => l,
        Err(code) => return code,
    };
    match parse_reporting(&loaded, style) {
        Ok(doc) => then(&loaded, doc),
        Err(code) => code,
    }
}

fn parse(file: &std::path::Path, compact: bool, style: Style) -> u8 {
    with_document(file, style, |_, doc| print_json(&doc, compact))
}

fn print_json(doc: &fengong::Document<'_>, compact: bool) -> u8 {
    let json = if compact {
        serde_json::to_string(doc)
    } else {
        serde_json::to_string_pretty(doc)
    };
    match json {
        Ok(mut json) => {
            json.push('\n');
            print_out(&json)
        }
        Err(e) => {
            eprintln!("error: cannot write JSON: {e}");
            2
        }
    }
}

fn fmt(file: &std::path::Path, check: bool, write: bool, diff: bool, style: Style) -> u8 {
    with_document(file, style, |loaded, doc| {
        fmt_document(loaded, &doc, check, write, diff)
    })
}

fn fmt_document(
    loaded: &Loaded,
    doc: &fengong::Document<'_>,
    check: bool,
    write: bool,
    diff: bool,
) -> u8 {
    let canonical = input::with_line_ending(&fengong::to_canonical_string(doc), doc.line_ending());
    let display = loaded.origin.display();
    if check {
        return if canonical == loaded.text {
            0
        } else {
            eprintln!(
                "{display}: not in the canonical layout (run `fengong fmt --write {display}`)"
            );
            1
        };
    }
    if diff {
        // As `ruff format --diff`: exit 1 when the file would change.
        let shown = unified_diff(&loaded.text, &canonical, &display);
        let status = print_out(&shown);
        return if status != 0 {
            status
        } else {
            u8::from(!shown.is_empty())
        };
    }
    if write {
        let Origin::File(path) = &loaded.origin else {
            eprintln!("error: --write needs a file, not standard input");
            return 2;
        };
        if canonical == loaded.text {
            return 0;
        }
        return match input::write_atomically(path, &canonical, loaded.encoding, loaded.bom) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("error: {e}");
                2
            }
        };
    }
    print_out(&fengong::to_canonical_string(doc))
}

/// A unified diff with `a/` and `b/` headers; empty if the texts are equal.
pub(crate) fn unified_diff(old: &str, new: &str, name: &str) -> String {
    if old == new {
        return String::new();
    }
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

fn render_json(file: &std::path::Path) -> u8 {
    let origin = Origin::from_arg(file);
    let bytes = match input::read_bytes(&origin) {
        Ok(b) => b,
        Err(d) => {
            eprintln!("error[{}]: {}", d.code(), d.message());
            return 2;
        }
    };
    let display = origin.display();
    let text = match std::str::from_utf8(&bytes) {
        Ok(t) => t,
        Err(e) => {
            eprintln!(
                "{display}: JSON must be UTF-8; byte {} is not",
                e.valid_up_to()
            );
            return 1;
        }
    };
    match serde_json::from_str::<fengong::Document<'static>>(text) {
        Ok(doc) => print_out(&fengong::to_canonical_string(&doc)),
        Err(e) => {
            eprintln!("{}", json_error_line(&display, &e));
            1
        }
    }
}

/// `FILE:LINE:COLUMN: message` for a JSON error: serde_json's message
/// without its own ` at line L column C`, and column 0 (the error is at the
/// start of a line, at the end of the input) shown as 1.
fn json_error_line(display: &str, e: &serde_json::Error) -> String {
    let message = e.to_string();
    let position = format!(" at line {} column {}", e.line(), e.column());
    let message = message.strip_suffix(&position).unwrap_or(&message);
    format!("{display}:{}:{}: {message}", e.line(), e.column().max(1))
}

fn units_command(file: &std::path::Path, format: units::UnitsFormat, style: Style) -> u8 {
    with_document(file, style, |_, doc| {
        print_out(&units::render(&doc, format))
    })
}

fn explain(code: Option<&str>, list: bool) -> u8 {
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
            eprintln!("error: {e}; `fengong explain --list` shows every code");
            2
        }
    }
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
