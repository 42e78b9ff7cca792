//! What the command line writes, when its streams fail and when documents
//! and file names hold what a terminal or a CI log would act on.
//!
//! - A full disk (`/dev/full`) or a pipe closed by its reader never makes
//!   the binary panic (exit 101): a closed pipe ends the output quietly (as
//!   `head`-friendly tools do), any other failure exits 2.
//! - Control characters from a document (ESC starts terminal escape
//!   sequences) never reach the output raw in the human formats, the
//!   `units` table or its CSV; odd file names are quoted; the github format
//!   cannot be made to start a workflow command of its own.
//! - Each finding of `check`'s full format takes a bounded number of bytes
//!   however far back it points.

use std::fs::File;
use std::io::Read as _;
use std::path::Path;
use std::process::{Child, Command, Stdio};

mod common;
use common::*;

const SEED: &str = "seeds/000_ecc403549f0e7389.txt";
/// A document with one error (E010 on line 25).
const BROKEN: &str = "fixtures/invalid/chinese_task_number.txt";
const HEAD: &str = "附件：\n东疆重点任务清单和责任分工表\n\t序号\n\t工作任务\n\t滨海新区\n责任单位\n\t东疆\n责任单位\n\n";
/// ESC `[2J`: clears the screen.
const CLEAR: &str = "\u{1b}[2J";

/// `/dev/full`, where every write fails with "no space left on device", if
/// this system has it.
fn dev_full() -> Option<File> {
    File::options().write(true).open("/dev/full").ok()
}

fn fengong() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_fengong"));
    command.current_dir(root()).env("NO_COLOR", "1");
    command
}

/// Runs `args` with standard error (or standard output) on `/dev/full` and
/// returns the exit code and what the other stream got.
fn with_full(args: &[&str], full_stderr: bool) -> Option<(i32, String)> {
    let full = dev_full()?;
    let mut command = fengong();
    command.args(args).stdin(Stdio::null());
    if full_stderr {
        command.stdout(Stdio::piped()).stderr(full);
    } else {
        command.stdout(full).stderr(Stdio::piped());
    }
    let out = command.output().expect("cannot run fengong");
    let other = if full_stderr { out.stdout } else { out.stderr };
    Some((
        out.status.code().expect("killed by a signal"),
        String::from_utf8_lossy(&other).into_owned(),
    ))
}

/// A document with `n` repeated category headings after a valid header:
/// `n - 1` findings (W002), each pointing back at the first heading.
fn headings(n: usize) -> String {
    format!("{HEAD}{}", "\t（一）类\n\n".repeat(n))
}

/// A document with `n` errors (a stray line each, E006).
fn strays(n: usize) -> String {
    format!("{HEAD}\t（一）类\n{}", "\n第3页\n".repeat(n))
}

fn temp_file(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

// ---------------------------------------------------------------- item 9

#[test]
fn a_full_standard_error_is_an_exit_2_not_a_panic() {
    let Some(_) = dev_full() else { return };
    let dir = tempfile::tempdir().unwrap();
    let noncanonical = temp_file(
        dir.path(),
        "a.txt",
        &std::fs::read_to_string(root().join(SEED))
            .unwrap()
            .replace("\t（一）", "\t （一）"),
    );
    let cases: [&[&str]; 6] = [
        // The summary of a machine format goes to standard error.
        &["check", "--output-format", "json", SEED],
        &["check", "--output-format", "sarif", SEED],
        &["parse", BROKEN],
        &["units", BROKEN],
        &["fmt", "--check", &noncanonical],
        &["explain", "E999"],
    ];
    for args in cases {
        let (code, stdout) = with_full(args, true).unwrap();
        assert_eq!(code, 2, "{args:?}: exit {code}");
        assert!(!stdout.contains("panicked"), "{args:?}: {stdout}");
    }
}

#[test]
fn a_full_standard_output_is_an_exit_2_with_a_message() {
    let Some(_) = dev_full() else { return };
    let cases: [&[&str]; 6] = [
        &["check", SEED],
        &["check", "--output-format", "sarif", SEED],
        &["parse", SEED],
        &["units", "--format", "csv", SEED],
        &["explain", "E010"],
        &["--help"],
    ];
    for args in cases {
        let (code, stderr) = with_full(args, false).unwrap();
        assert_eq!(code, 2, "{args:?}: exit {code}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        if args[0] != "--help" {
            assert!(
                stderr.contains("error: cannot write to standard output"),
                "{args:?}: {stderr}"
            );
        }
    }
}

/// Spawns `args` with `stdin` fed, both outputs piped; reads a few bytes of
/// the chosen output and closes it, then reads the other to the end and
/// returns the exit code and the other output.
fn close_early(args: &[&str], stdin: &str, close_stderr: bool) -> (i32, String) {
    let mut child: Child = fengong()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cannot run fengong");
    let input = stdin.as_bytes().to_vec();
    let mut pipe_in = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        use std::io::Write as _;
        let _ = pipe_in.write_all(&input);
    });
    let (mut closed, mut other): (Box<dyn std::io::Read + Send>, Box<dyn std::io::Read + Send>) =
        if close_stderr {
            (
                Box::new(child.stderr.take().unwrap()),
                Box::new(child.stdout.take().unwrap()),
            )
        } else {
            (
                Box::new(child.stdout.take().unwrap()),
                Box::new(child.stderr.take().unwrap()),
            )
        };
    // The output is far larger than a pipe's buffer: the writer is blocked
    // when the reader goes.
    let mut first = [0u8; 64];
    closed.read_exact(&mut first).unwrap();
    drop(closed);
    let mut rest = Vec::new();
    other.read_to_end(&mut rest).unwrap();
    let status = child.wait().unwrap();
    feeder.join().unwrap();
    (
        status.code().expect("killed by a signal"),
        String::from_utf8_lossy(&rest).into_owned(),
    )
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    // `fengong check … | head`: 3,000 findings (about 1 MB), standard
    // output closed after 64 bytes. The exit code stays the run's (0, as
    // there are only warnings), nothing is said.
    let text = headings(3_000);
    let (code, stderr) = close_early(&["check", "-"], &text, false);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr, "");
    for format in ["concise", "json", "github", "sarif"] {
        let (code, stderr) = close_early(&["check", "--output-format", format, "-"], &text, false);
        assert_eq!(code, 0, "{format}: {stderr}");
        assert!(!stderr.contains("panicked"), "{format}: {stderr}");
    }
    // `fengong parse … 2>&1 | head`: 20,000 errors on standard error.
    let broken = strays(20_000);
    for args in [
        &["parse", "-"][..],
        &["units", "-"],
        &["fmt", "-"],
        &["fmt", "--check", "-"],
    ] {
        let (code, stdout) = close_early(args, &broken, true);
        assert_eq!(code, 1, "{args:?}");
        assert_eq!(stdout, "", "{args:?}");
    }
    // A long JSON on standard output (20,000 categories, 2 MB), a long
    // units table.
    for args in [
        &["parse", "-"][..],
        &["parse", "--compact", "-"],
        &["fmt", "-"],
    ] {
        let (code, stderr) = close_early(args, &headings(20_000), false);
        assert_eq!(code, 0, "{args:?}: {stderr}");
        assert_eq!(stderr, "", "{args:?}");
    }
}

// ---------------------------------------------------------------- item 10

/// One category with three tasks; the third's number cell is `二十` and ESC
/// `[2J` (an error, E010, that quotes it), a unit name holds ESC `[31m`.
fn escaping_document() -> String {
    format!(
        "{HEAD}\t（一）类\n\t1\n\t文本\n\t区甲\u{1b}[31m局\n\t甲\n\n\t\n\t2\n\t文本二\n\t区乙局\n\t甲\n\n\t\n\t二十{CLEAR}\n\t文\n\t区乙局\n\t甲\n"
    )
}

/// Asserts `text` holds no ESC and no other C0 control but tab and line
/// feed.
fn assert_no_controls(what: &str, text: &str) {
    if let Some(c) = text
        .chars()
        .find(|&c| c.is_control() && c != '\n' && c != '\t')
    {
        panic!("{what}: a raw {c:?} in\n{text}");
    }
}

#[test]
fn document_text_reaches_no_terminal_raw() {
    let dir = tempfile::tempdir().unwrap();
    let path = temp_file(dir.path(), "esc.txt", &escaping_document());
    for format in ["full", "concise", "github"] {
        let r = run(&[
            "check",
            "--color",
            "never",
            "--output-format",
            format,
            &path,
        ]);
        assert_eq!(r.code, 1, "{format}: {}", r.stderr);
        assert_no_controls(format, &r.stdout);
        assert!(r.stdout.contains("二十␛[2J"), "{format}:\n{}", r.stdout);
    }
    for format in ["json", "sarif"] {
        let r = run(&["check", "--output-format", format, &path]);
        assert_no_controls(format, &r.stdout);
        assert!(r.stdout.contains("\\u001b[2J"), "{format}");
    }
    // The reports of parse, fmt and units, down to their last line.
    for command in ["parse", "fmt", "units"] {
        let r = run(&[command, &path]);
        assert_eq!(r.code, 1, "{command}");
        assert_no_controls(command, &r.stderr);
        let last = r.stderr.lines().last().unwrap();
        assert_eq!(
            last,
            format!("{path}:23:2: expected a task number such as 12, found `二十␛[2J`"),
            "{command}"
        );
    }
    // Colours stay: only the document's own escape codes are shown.
    let r = run(&["check", "--color", "always", &path]);
    assert!(r.stdout.contains("\u{1b}[1m"));
    assert!(!r.stdout.contains(CLEAR));
    assert!(!r.stdout.contains("\u{1b}[31m"));
}

#[test]
fn the_units_table_and_csv_escape_names_and_defuse_formulas() {
    let text = format!(
        "{HEAD}\t（一）类\u{1b}[31m\n\t1\n\t=HYPERLINK(\"http://example.com\")\u{7}\n\t区甲{CLEAR}局\n\t甲\n\n\t\n\t2\n\t-文本二\n\t区乙局\n\t@乙\n"
    );
    let r = run_with(&["units", "-"], Some(text.as_bytes()));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_no_controls("table", &r.stdout);
    assert!(r.stdout.contains("区甲␛[2J局"), "{}", r.stdout);
    let r = run_with(&["units", "--format", "csv", "-"], Some(text.as_bytes()));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_no_controls("csv", &r.stdout.replace("\r\n", "\n"));
    let rows: Vec<&str> = r.stdout.split("\r\n").collect();
    assert_eq!(
        rows[1],
        "滨海新区,区甲␛[2J局,甲,1,类␛[31m,\"'=HYPERLINK(\"\"http://example.com\"\")␇\""
    );
    assert_eq!(rows[2], "滨海新区,区乙局,'@乙,2,类␛[31m,'-文本二");
}

#[test]
fn odd_file_names_are_quoted() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join(BROKEN)).unwrap();
    for name in [
        "a\nb.txt",
        " lead.txt",
        "trail.txt ",
        "esc\u{1b}[2J.txt",
        "tab\t.txt",
    ] {
        let path = temp_file(dir.path(), name, &text);
        let quoted = format!("{path:?}");
        let r = run(&["check", "--output-format", "concise", &path]);
        assert_eq!(r.code, 1);
        assert_no_controls(name, &r.stdout);
        // One finding, one line (and the summary), starting with the name.
        let lines: Vec<&str> = r.stdout.lines().collect();
        assert_eq!(lines.len(), 2, "{name:?}:\n{}", r.stdout);
        assert!(
            lines[0].starts_with(&format!("{quoted}:25:2: error[E010]")),
            "{}",
            lines[0]
        );
        let r = run(&["check", "--color", "never", &path]);
        assert!(
            r.stdout.contains(&format!(" --> {quoted}:25:2\n")),
            "{}",
            r.stdout
        );
        assert_no_controls(name, &r.stdout);
        let r = run(&["parse", &path]);
        assert!(
            r.stderr.ends_with(&format!(
                "\n{quoted}:25:2: expected a task number such as 12, found `三`\n"
            )),
            "{}",
            r.stderr
        );
    }
    // A plain name is shown as it is.
    let r = run(&["check", "--output-format", "concise", BROKEN]);
    assert!(r.stdout.starts_with(&format!("{BROKEN}:25:2:")));
}

#[test]
fn no_workflow_command_can_be_injected() {
    let dir = tempfile::tempdir().unwrap();
    let text = escaping_document().replace(
        "\t文本二\n",
        "\t文本二\r\n::error file=evil::pwned\u{85}::warning::x\n",
    );
    let path = temp_file(dir.path(), "x\n::error file=evil.txt::pwned\r::x", &text);
    let r = run(&["check", "--output-format", "github", &path]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_no_controls("github", &r.stdout);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert!(!lines.is_empty());
    for line in &lines {
        // Every line is one of ours: a command, its properties up to the
        // first `::` (the file's among them), then the message.
        let (command, _message) = line
            .strip_prefix("::")
            .and_then(|rest| rest.split_once("::"))
            .unwrap_or_else(|| panic!("not a workflow command: {line}"));
        assert!(
            command.starts_with("error file=") || command.starts_with("warning file="),
            "{line}"
        );
        assert!(
            command.contains(",line=") && command.contains(",title="),
            "{line}"
        );
        // No line break of any kind inside the line (NEL, U+2028).
        assert!(!line.contains(['\u{85}', '\u{2028}', '\u{2029}']), "{line}");
    }
    let escaped = format!(
        "{}/x␊%3A%3Aerror file=evil.txt%3A%3Apwned␍%3A%3Ax",
        dir.path().display()
    );
    assert!(
        lines[0].contains(&format!("file={escaped},line=")),
        "{}",
        lines[0]
    );
}

// ---------------------------------------------------------------- item 11

#[test]
fn full_output_stays_bounded_per_finding() {
    // 3,000 headings, every finding pointing back at the first: each is
    // drawn with two lines and `...`, not the lines between.
    let r = run_with(
        &["check", "--color", "never", "-"],
        Some(headings(3_000).as_bytes()),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let findings = r.stdout.matches("warning[W002]").count();
    assert_eq!(findings, 2_999);
    assert!(r.stdout.len() < findings * 600, "{} bytes", r.stdout.len());
    let last = r.stdout.rfind("warning[W002]").unwrap();
    let shown = &r.stdout[last..];
    assert!(shown.contains("\n  10 |     （一）类\n"), "{shown}");
    assert!(shown.contains("\n...\n"), "{shown}");
    assert!(shown.contains("\n6008 |     （一）类\n"), "{shown}");
}
