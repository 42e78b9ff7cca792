//! The `fengong` command line: argument parsing and the commands.
//!
//! Exit codes, as ruff's: 0 success (no errors), 1 the documents have
//! errors (or are not canonical, for `fmt --check`), 2 the command could not
//! do its job (usage, I/O).

//!
//! One file per command (`parse`, `fmt`, `render`, `check`, `units`,
//! `explain`, `completions`, `man`); `input` reads documents, `report`
//! prints a document's errors, `output`, `sarif`, `summary` and `progress`
//! hold `check`'s output, `color` when and how to colour, `term` the
//! standard streams; `write` rewrites files without losing data.

mod check;
mod color;
mod config;
mod diff;
mod explain;
mod fmt;
mod input;
mod output;
mod parse;
mod progress;
mod render;
mod report;
mod sarif;
mod summary;
mod term;
mod units;
mod walk;
mod write;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU64, Ordering};

use clap::{CommandFactory, Parser, Subcommand};
use fengong::diagnostic::plural;

use color::{ColorChoice, Styles};

/// Parse, check and format 重点任务清单和责任分工表 (key task lists with
/// responsibility tables) extracted from Word.
#[derive(Debug, Parser)]
#[command(name = "fengong", version, about, long_about = None)]
#[command(
    after_help = "Examples:\n  fengong parse seeds/000_ecc403549f0e7389.txt > tasks.json\n  fengong check docs/\n  fengong explain E010"
)]
struct Cli {
    /// When to use colours: auto (on a terminal, unless NO_COLOR or
    /// CLICOLOR=0 is set or TERM=dumb outside CI; CLICOLOR_FORCE forces them), always
    /// or never.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    color: ColorChoice,

    /// Refuse an input (a document, standard input, JSON for `render`)
    /// larger than this, without reading it whole (error E016): bytes, or a
    /// number with a unit: KiB, MiB, GiB, TiB (or K, M, G, T) count in
    /// 1024s, KB, MB, GB, TB in 1000s.
    #[arg(long, global = true, value_name = "SIZE", default_value = "1GiB", value_parser = parse_size)]
    max_size: u64,

    #[command(subcommand)]
    command: Command,
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
        /// line endings, keeping its links, owner, mode and attributes
        /// (refuses read-only files, files changed meanwhile and bytes the
        /// encoding would not write back the same).
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
        /// Output format (`--output-format` is the same flag). The table
        /// fits its widest column to a terminal's width.
        #[arg(long, value_enum, default_value_t = units::UnitsFormat::Table, visible_alias = "output-format")]
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
    /// Print a shell completion script.
    #[command(
        after_help = "Examples:\n  fengong completions bash > ~/.local/share/bash-completion/completions/fengong\n  fengong completions zsh > ~/.zfunc/_fengong\n  fengong completions fish > ~/.config/fish/completions/fengong.fish"
    )]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), of fengong or of one command.
    #[command(
        after_help = "Examples:\n  fengong man | man -l -\n  fengong man check > fengong-check.1\n  fengong man > /usr/local/share/man/man1/fengong.1"
    )]
    Man {
        /// The command whose page to print (`check` for fengong-check(1));
        /// none: fengong(1).
        command: Option<String>,
    },
}

/// The default of `--max-size`: 1 GiB.
const DEFAULT_MAX_SIZE: u64 = 1 << 30;

/// The largest input read (`--max-size`), set once by [`main`].
static MAX_SIZE: AtomicU64 = AtomicU64::new(DEFAULT_MAX_SIZE);

/// The largest input any command reads, in bytes (`--max-size`).
pub(crate) fn max_size() -> u64 {
    MAX_SIZE.load(Ordering::Relaxed)
}

/// Reads a size: plain bytes (`1048576`), or a number and a unit, binary
/// (`KiB`, `MiB`, `GiB`, `TiB`, or `K`, `M`, `G`, `T`: 1024s) or decimal
/// (`KB`, `MB`, `GB`, `TB`: 1000s), with or without a space, in any case.
fn parse_size(arg: &str) -> Result<u64, String> {
    let arg = arg.trim();
    let digits = arg.bytes().take_while(u8::is_ascii_digit).count();
    let (number, unit) = arg.split_at(digits);
    let number: u64 = number
        .parse()
        .map_err(|_| format!("expected a size such as 512MiB, 2GiB or 1048576, found `{arg}`"))?;
    let factor: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kib" => 1 << 10,
        "m" | "mib" => 1 << 20,
        "g" | "gib" => 1 << 30,
        "t" | "tib" => 1 << 40,
        "kb" => 1_000,
        "mb" => 1_000_000,
        "gb" => 1_000_000_000,
        "tb" => 1_000_000_000_000,
        other => {
            return Err(format!(
                "unknown unit `{other}` (expected KiB, MiB, GiB, TiB, KB, MB, GB or TB)"
            ))
        }
    };
    number
        .checked_mul(factor)
        .ok_or_else(|| format!("`{arg}` is too large"))
}

/// A size as the largest binary unit that divides it: `1 GiB`, `512 MiB`,
/// `1000 bytes`.
pub(crate) fn show_size(bytes: u64) -> String {
    for (shift, unit) in [(40, "TiB"), (30, "GiB"), (20, "MiB"), (10, "KiB")] {
        if bytes >= 1 << shift && bytes % (1 << shift) == 0 {
            return format!("{} {unit}", bytes >> shift);
        }
    }
    plural(bytes, "byte", "bytes")
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
    MAX_SIZE.store(cli.max_size, Ordering::Relaxed);
    let styles = Styles::detect(cli.color);
    let code = match cli.command {
        Command::Parse { file, compact } => parse::run(&file, compact, styles.stderr),
        Command::Fmt {
            files,
            check,
            write,
            diff,
        } => fmt::run(&files, check, write, diff, styles),
        Command::Render { file } => render::run(&file),
        Command::Check(args) => check::run(args, styles),
        Command::Explain { code, list } => explain::run(code.as_deref(), list),
        Command::Units { file, format } => units::run(&file, format, styles.stderr),
        Command::Completions { shell } => completions(shell),
        Command::Man { command } => man(command.as_deref()),
    };
    ExitCode::from(code)
}

/// `fengong completions SHELL`: the completion script of `shell`.
fn completions(shell: clap_complete::Shell) -> u8 {
    let mut command = Cli::command();
    term::print_with(|out| {
        clap_complete::generate(shell, &mut command, "fengong", out);
        Ok(())
    })
}

/// `fengong man [COMMAND]`: the manual page of fengong, or of one of its
/// commands (`fengong-check(1)`), in roff.
fn man(name: Option<&str>) -> u8 {
    let mut command = Cli::command();
    command.build();
    let page = match name {
        None => command,
        Some(name) => match command.find_subcommand(name) {
            Some(sub) => sub.clone(),
            None => {
                let names: Vec<&str> = command
                    .get_subcommands()
                    .map(|c| c.get_name())
                    .filter(|n| *n != "help")
                    .collect();
                term::eprint_line(&format!(
                    "error: no command `{}` (the commands: {})",
                    fengong::render::escape_control(name),
                    names.join(", ")
                ));
                return 2;
            }
        },
    };
    let mut roff = Vec::new();
    if let Err(e) = clap_mangen::Man::new(page).render(&mut roff) {
        term::eprint_line(&format!("error: cannot write the manual page: {e}"));
        return 2;
    }
    term::print_bytes(&roff)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_with_their_units() {
        assert_eq!(parse_size("1048576"), Ok(1 << 20));
        assert_eq!(parse_size("512MiB"), Ok(512 << 20));
        assert_eq!(parse_size("2GiB"), Ok(2 << 30));
        assert_eq!(parse_size("2 gib"), Ok(2 << 30));
        assert_eq!(parse_size("64K"), Ok(64 << 10));
        assert_eq!(parse_size("3MB"), Ok(3_000_000));
        assert_eq!(parse_size("0"), Ok(0));
        assert!(parse_size("1.5GiB").is_err());
        assert!(parse_size("GiB").is_err());
        assert!(parse_size("12 parsecs").is_err());
        assert!(parse_size("99999999999TiB").is_err());
    }

    #[test]
    fn sizes_show_in_the_largest_exact_unit() {
        assert_eq!(show_size(1 << 30), "1 GiB");
        assert_eq!(show_size(512 << 20), "512 MiB");
        assert_eq!(show_size(1536 << 10), "1536 KiB");
        assert_eq!(show_size(1000), "1000 bytes");
        assert_eq!(show_size(1), "1 byte");
    }
}
