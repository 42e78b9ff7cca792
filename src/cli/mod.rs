//! The `fengong` command line: argument parsing and the commands.
//!
//! Exit codes, as ruff's: 0 success (no errors), 1 the documents have
//! errors (or are not canonical, for `fmt --check`), 2 the command could not
//! do its job (usage, I/O).

//!
//! One file per command (`parse`, `fmt`, `render`, `check`, `units`,
//! `explain`); `input` reads documents, `report` prints a document's errors,
//! `output` holds `check`'s formats and `term` the standard streams.

mod check;
mod diff;
mod explain;
mod fmt;
mod input;
mod output;
mod parse;
mod render;
mod report;
mod term;
mod units;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use fengong::render::Style;

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
            // Help and version go to standard output, usage errors to
            // standard error; neither may panic if the stream fails.
            let stream = if e.use_stderr() {
                term::Stream::Err
            } else {
                term::Stream::Out
            };
            let written = term::status(e.print(), stream);
            return ExitCode::from(if e.use_stderr() { 2 } else { written });
        }
    };
    let stdout_style = cli.color.style(std::io::stdout().is_terminal());
    let stderr_style = cli.color.style(std::io::stderr().is_terminal());
    let code = match cli.command {
        Command::Parse { file, compact } => parse::run(&file, compact, stderr_style),
        Command::Fmt {
            files,
            check,
            write,
            diff,
        } => fmt::run(&files, check, write, diff, stderr_style),
        Command::Render { file } => render::run(&file),
        Command::Check(args) => check::run(args, stdout_style, stderr_style),
        Command::Explain { code, list } => explain::run(code.as_deref(), list),
        Command::Units { file, format } => units::run(&file, format, stderr_style),
    };
    ExitCode::from(code)
}
