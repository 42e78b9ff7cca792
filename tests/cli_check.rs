//! `fengong check` as a CI tool is used, ruff's conventions: findings as
//! they come (in order, before the last file is done) with a progress line
//! on a terminal, `-q`/`-qq`/`--silent`, `--statistics`, `--show-fixes` and
//! the `[*]` of fixable findings, `--stdin-filename`, `--fix --diff`, and
//! rules chosen by code, name, prefix or `ALL` with a did-you-mean.

use std::io::{BufRead as _, BufReader, Write as _};
use std::process::{Command, Stdio};
use std::time::Duration;

mod common;
use common::*;

const SEED: &str = "seeds/000_ecc403549f0e7389.txt";
/// A document with one parse error (E010 on line 25).
const BROKEN: &str = "fixtures/invalid/chinese_task_number.txt";

/// The seed's findings in concise form, for the file shown as `file`:
/// `(code, line, column, fixable by --fix)`.
const FINDINGS: [(&str, usize, usize, bool); 8] = [
    ("W008", 44, 2, false),
    ("W007", 64, 12, false),
    ("W010", 101, 1, true),
    ("W005", 171, 2, true),
    ("W006", 224, 2, true),
    ("W004", 289, 11, true),
    ("W004", 290, 9, true),
    ("W009", 455, 1, true),
];

/// `(code, line, column, marked [*])` of each concise finding line.
fn concise_findings(stdout: &str, file: &str) -> Vec<(String, usize, usize, bool)> {
    stdout
        .lines()
        .map(|line| {
            let rest = line
                .strip_prefix(&format!("{file}:"))
                .unwrap_or_else(|| panic!("not a finding of {file}: {line:?}"));
            let (row, rest) = rest.split_once(':').unwrap();
            let (column, rest) = rest.split_once(": warning[").unwrap();
            let (code, message) = rest.split_once("] ").unwrap();
            let marked = message.starts_with("[*] ");
            assert!(
                message.trim_start_matches("[*] ").starts_with("expected "),
                "{line}"
            );
            (
                code.to_string(),
                row.parse().unwrap(),
                column.parse().unwrap(),
                marked,
            )
        })
        .collect()
}

fn expected(unsafe_fixes: bool) -> Vec<(String, usize, usize, bool)> {
    FINDINGS
        .iter()
        .map(|&(code, line, column, safe)| {
            (
                code.to_string(),
                line,
                column,
                safe || (unsafe_fixes && code == "W007"),
            )
        })
        .collect()
}

// ---------------------------------------------------------------- [*], -q, -qq

#[test]
fn fixable_findings_are_marked_in_concise_and_full() {
    let r = run(&["check", "--output-format", "concise", SEED]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stderr, "");
    let (findings, summary) = r.stdout.rsplit_once("\n0 errors").unwrap();
    assert_eq!(summary, ", 8 warnings in 1 file\n");
    assert_eq!(
        concise_findings(&format!("{findings}\n"), SEED),
        expected(false)
    );
    assert!(r.stdout.contains(&format!(
        "{SEED}:171:2: warning[W005] [*] expected the cell's text, found `[bookmark: RANGE!C44]`"
    )));

    // With --unsafe-fixes the near-miss name's rename counts as fixable too.
    let r = run(&[
        "check",
        "--output-format",
        "concise",
        "--unsafe-fixes",
        SEED,
    ]);
    let findings = r.stdout.rsplit_once("\n0 errors").unwrap().0;
    assert_eq!(
        concise_findings(&format!("{findings}\n"), SEED),
        expected(true)
    );

    // In full, after the code, before the message; once per fixable finding.
    let r = run(&["check", SEED]);
    assert_eq!(r.code, 0);
    let titles: Vec<&str> = r
        .stdout
        .lines()
        .filter(|l| l.starts_with("warning["))
        .collect();
    assert_eq!(titles.len(), 8);
    let marked: Vec<bool> = titles
        .iter()
        .map(|t| t.contains("]: [*] expected "))
        .collect();
    assert_eq!(
        marked,
        FINDINGS.iter().map(|f| f.3).collect::<Vec<_>>(),
        "{titles:#?}"
    );
    // Other formats are unchanged: no marker in github or JSON.
    let r = run(&["check", "--output-format", "github", SEED]);
    assert!(!r.stdout.contains("[*]"));
}

#[test]
fn quiet_prints_the_findings_only_and_silent_nothing() {
    let normal = run(&["check", "--output-format", "concise", SEED]);
    let findings = normal
        .stdout
        .strip_suffix("0 errors, 8 warnings in 1 file\n")
        .unwrap();
    for quiet in ["-q", "--quiet"] {
        let r = run(&["check", quiet, "--output-format", "concise", SEED]);
        assert_eq!(
            (r.code, r.stdout.as_str(), r.stderr.as_str()),
            (0, findings, "")
        );
    }
    // Machine formats put the summary on standard error: -q drops it there.
    let r = run(&["check", "-q", "--output-format", "json", SEED]);
    assert_eq!(r.code, 0);
    assert_eq!(r.stderr, "");
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&r.stdout).unwrap()[7]["code"],
        "W009"
    );
    // Errors are findings: still shown, and the exit code says so.
    let r = run(&["check", "-q", "--output-format", "concise", BROKEN]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout
            .starts_with(&format!("{BROKEN}:25:2: error[E010] ")),
        "{}",
        r.stdout
    );
    assert_eq!(r.stdout.lines().count(), 1);

    for silent in [&["-qq"][..], &["-q", "-q"], &["--silent"]] {
        for (path, code) in [(SEED, 0), (BROKEN, 1), ("no/such/file.txt", 2)] {
            let mut args = vec!["check"];
            args.extend_from_slice(silent);
            args.push(path);
            let r = run(&args);
            assert_eq!(
                (r.code, r.stdout.as_str(), r.stderr.as_str()),
                (code, "", ""),
                "{args:?}"
            );
        }
        // No documents found: exit 2 without the warning.
        let dir = tempfile::tempdir().unwrap();
        let mut args = vec!["check"];
        args.extend_from_slice(silent);
        args.push(".");
        let r = run_in(dir.path(), &args, None);
        assert_eq!((r.code, r.stdout.as_str(), r.stderr.as_str()), (2, "", ""));
    }
    // The fixed text of standard input is the output, not a report: kept.
    let r = run_with(
        &["check", "--silent", "--fix", "-"],
        Some(SEED_TEXT.as_bytes()),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stderr, "");
    assert_eq!(
        r.stdout,
        fengong::lint::fix(SEED_TEXT, &Default::default(), false).text
    );
}

// ---------------------------------------------------------------- --statistics

#[test]
fn statistics_count_each_code_instead_of_the_findings() {
    let table = "2\tW004\t[*] stray-separator\n\
                 1\tW005\t[*] extraction-artifact\n\
                 1\tW006\t[*] stray-whitespace\n\
                 1\tW007\t[ ] near-miss-unit\n\
                 1\tW008\t[ ] duplicate-task\n\
                 1\tW009\t[*] whitespace-only-line\n\
                 1\tW010\t[*] heading-without-tab\n";
    let r = run(&["check", "--statistics", SEED]);
    assert_eq!(r.code, 0);
    assert_eq!(r.stderr, "");
    assert_eq!(r.stdout, format!("{table}0 errors, 8 warnings in 1 file\n"));
    let r = run(&[
        "check",
        "--statistics",
        "-q",
        "--output-format",
        "concise",
        SEED,
    ]);
    assert_eq!(r.stdout, table);

    // Counts over every file, errors too; the widest count sets the width.
    let dir = with_seeds(&["a.txt", "b.txt"]);
    std::fs::copy(root().join(BROKEN), dir.path().join("c.txt")).unwrap();
    let r = run_in(
        dir.path(),
        &["check", "--statistics", "--select", "W004", "."],
        None,
    );
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stdout,
        "4\tW004\t[*] stray-separator\n1\tE010\t[ ] invalid-task-number\n1 error, 4 warnings in 3 files\n"
    );

    // JSON: an array, the summary on standard error.
    let r = run(&["check", "--statistics", "--output-format", "json", SEED]);
    assert_eq!(r.stderr, "0 errors, 8 warnings in 1 file\n");
    let rows: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        rows[0],
        serde_json::json!({"code": "W004", "name": "stray-separator", "count": 2, "fixable": true})
    );
    assert_eq!(rows.as_array().unwrap().len(), 7);
    assert_eq!(rows[3]["fixable"], false);

    // Nothing found: nothing but the summary.
    let r = run(&["check", "--statistics", "--select", "W003", SEED]);
    assert_eq!(r.stdout, "0 errors, 0 warnings in 1 file\n");
}

// ---------------------------------------------------------------- --show-fixes

#[test]
fn show_fixes_lists_the_fixes_available_applied_or_shown() {
    let by_code = "    2 × W004 (stray-separator)\n\
                   \x20   1 × W005 (extraction-artifact)\n\
                   \x20   1 × W006 (stray-whitespace)\n\
                   \x20   1 × W009 (whitespace-only-line)\n\
                   \x20   1 × W010 (heading-without-tab)\n";
    let r = run(&[
        "check",
        "--show-fixes",
        "-q",
        "--output-format",
        "concise",
        SEED,
    ]);
    assert_eq!(r.code, 0);
    let (_, listing) = r
        .stdout
        .split_once("whitespace-only line\n")
        .unwrap_or_else(|| {
            let at = r.stdout.find("6 findings").unwrap();
            r.stdout.split_at(at)
        });
    assert_eq!(
        listing,
        format!(
            "6 findings fixable with --fix:\n- {SEED}:\n{by_code}(1 more fixable with --unsafe-fixes)\n"
        )
    );

    // Applied: in place, listed before the summary.
    let dir = with_seeds(&["seed.txt"]);
    let r = run_in(
        dir.path(),
        &[
            "check",
            "--fix",
            "--show-fixes",
            "--output-format",
            "concise",
            "seed.txt",
        ],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let tail = &r.stdout[r.stdout.find("Fixed").unwrap()..];
    assert_eq!(
        tail,
        format!(
            "Fixed 6 findings:\n- seed.txt:\n{by_code}(1 more fixable with --unsafe-fixes)\n0 errors, 2 warnings in 1 file (6 fixed)\n"
        )
    );
    // Nothing left to fix.
    let r = run_in(
        dir.path(),
        &["check", "--fix", "--show-fixes", "-q", "seed.txt"],
        None,
    );
    assert!(
        r.stdout
            .ends_with("No fixes applied.\n(1 more fixable with --unsafe-fixes)\n"),
        "{}",
        r.stdout
    );
    let r = run_in(
        dir.path(),
        &[
            "check",
            "--fix",
            "--unsafe-fixes",
            "--show-fixes",
            "-q",
            "--output-format",
            "concise",
            "seed.txt",
        ],
        None,
    );
    assert!(
        r.stdout
            .ends_with("Fixed 1 finding:\n- seed.txt:\n    1 × W007 (near-miss-unit)\n"),
        "{}",
        r.stdout
    );

    // With --diff: on standard error, with the summary.
    let dir = with_seeds(&["seed.txt"]);
    let r = run_in(
        dir.path(),
        &["check", "--diff", "--show-fixes", "seed.txt"],
        None,
    );
    assert_eq!(r.code, 1);
    assert!(r.stdout.starts_with("--- a/seed.txt\n"));
    assert_eq!(
        r.stderr,
        format!(
            "Would fix 6 findings:\n- seed.txt:\n{by_code}(1 more fixable with --unsafe-fixes)\n0 errors, 8 warnings in 1 file (6 fixable)\n"
        )
    );
}

// ---------------------------------------------------------------- --fix --diff, --diff alone

#[test]
fn fix_with_diff_writes_nothing_and_the_diff_alone_goes_to_standard_output() {
    let dir = with_seeds(&["seed.txt"]);
    let path = dir.path().join("seed.txt");
    let alone = run_in(dir.path(), &["check", "--diff", "seed.txt"], None);
    let both = run_in(dir.path(), &["check", "--fix", "--diff", "seed.txt"], None);
    for r in [&alone, &both] {
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), SEED_TEXT);
        assert!(r
            .stdout
            .starts_with("--- a/seed.txt\n+++ b/seed.txt\n@@ -98,7 +98,7 @@\n"));
        // Only the diff: every line belongs to it.
        assert!(
            r.stdout
                .lines()
                .all(|l| l.starts_with([' ', '-', '+', '@', '\\'])),
            "{}",
            r.stdout
        );
        assert_eq!(r.stderr, "0 errors, 8 warnings in 1 file (6 fixable)\n");
    }
    assert_eq!(alone.stdout, both.stdout);
    // Nothing to change: no diff, exit 0.
    let fixed = fengong::lint::fix(SEED_TEXT, &Default::default(), false).text;
    std::fs::write(&path, &fixed).unwrap();
    let r = run_in(dir.path(), &["check", "--fix", "--diff", "seed.txt"], None);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""));
    assert_eq!(r.stderr, "0 errors, 2 warnings in 1 file (0 fixable)\n");
}

// ---------------------------------------------------------------- --stdin-filename

#[test]
fn stdin_filename_names_standard_input_and_finds_its_settings() {
    let dir = tempfile::tempdir().unwrap();
    write(
        &dir.path().join("docs/fengong.toml"),
        b"ignore = [\"W00\"]\n",
    );
    for args in [
        &[
            "check",
            "--output-format",
            "concise",
            "--stdin-filename",
            "docs/任务.txt",
        ][..],
        &[
            "check",
            "--output-format",
            "concise",
            "--stdin-filename",
            "docs/任务.txt",
            "-",
        ],
    ] {
        let r = run_in(dir.path(), args, Some(SEED_TEXT.as_bytes()));
        assert_eq!(r.code, 0, "{}", r.stderr);
        // The settings of docs/ apply: only W010 is left.
        assert_eq!(
            r.stdout,
            "docs/任务.txt:101:1: warning[W010] [*] expected the heading on the line of its tab, found `（五）` 4 lines below a lone tab\n0 errors, 1 warning in 1 file\n",
        );
    }
    // Without a name, `-` and the working directory's settings.
    let r = run_in(
        dir.path(),
        &["check", "--output-format", "concise", "-q", "-"],
        Some(SEED_TEXT.as_bytes()),
    );
    assert_eq!(r.stdout.lines().count(), 8);
    assert!(r.stdout.starts_with("-:44:2: "));
    // In SARIF the name is the URI.
    let r = run_in(
        dir.path(),
        &[
            "check",
            "--output-format",
            "sarif",
            "--stdin-filename",
            "docs/任务 一.txt",
        ],
        Some(SEED_TEXT.as_bytes()),
    );
    let log: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "docs/%E4%BB%BB%E5%8A%A1%20%E4%B8%80.txt"
    );
}

// ---------------------------------------------------------------- --select and --ignore

fn codes_of(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .filter_map(|l| {
            l.split_once("warning[")
                .map(|(_, rest)| rest[..4].to_string())
        })
        .collect()
}

#[test]
fn selectors_take_prefixes_and_all() {
    let concise = |extra: &[&str]| {
        let mut args = vec!["check", "--output-format", "concise", "-q"];
        args.extend_from_slice(extra);
        args.push(SEED);
        let r = run(&args);
        assert_eq!(r.code, 0, "{extra:?}: {}", r.stderr);
        codes_of(&r.stdout)
    };
    let all: Vec<String> = FINDINGS.iter().map(|f| f.0.to_string()).collect();
    assert_eq!(concise(&["--select", "ALL"]), all);
    assert_eq!(concise(&["--select", "W"]), all);
    assert_eq!(
        concise(&["--select", "W00"]),
        ["W008", "W007", "W005", "W006", "W004", "W004", "W009"]
    );
    // Every warning code is W0NN.
    assert_eq!(concise(&["--select", "W0"]), all);
    assert_eq!(concise(&["--select", "w01"]), ["W010"]);
    assert_eq!(
        concise(&["--select", "W00", "--ignore", "W004,near-miss-unit"]),
        ["W008", "W005", "W006", "W009"]
    );
    assert!(concise(&["--ignore", "ALL"]).is_empty());
    assert!(concise(&["--ignore", "W"]).is_empty());
    // Parse errors are always reported, whatever is selected.
    let r = run(&[
        "check",
        "--output-format",
        "concise",
        "--select",
        "W001",
        BROKEN,
    ]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("error[E010]"));
}

#[test]
fn unknown_selectors_suggest_the_nearest_and_parse_errors_cannot_be_ignored() {
    for (flag, value, message) in [
        (
            "--select",
            "near-miss",
            "unknown diagnostic code or name `near-miss`; did you mean `near-miss-unit`?",
        ),
        (
            "--ignore",
            "stray-whitspace",
            "unknown diagnostic code or name `stray-whitspace`; did you mean `stray-whitespace`?",
        ),
        (
            "--select",
            "W7",
            "unknown diagnostic code or name `W7`; did you mean `W007`?",
        ),
        ("--select", "W999", "unknown diagnostic code or name `W999`"),
        (
            "--ignore",
            "E010",
            "`E010` cannot be ignored: parse errors (E…) are always reported",
        ),
        ("--ignore", "E", "`E` cannot be ignored"),
    ] {
        let r = run(&["check", flag, value, SEED]);
        assert_eq!(r.code, 2, "{flag} {value}");
        assert_eq!(r.stdout, "");
        assert!(r.stderr.contains(message), "{flag} {value}: {}", r.stderr);
    }
    let r = run(&["check", "--select", "W999", SEED]);
    assert!(!r.stderr.contains("did you mean"), "{}", r.stderr);
}

#[test]
fn fengong_toml_reads_the_same_selectors() {
    let dir = with_seeds(&["seed.txt"]);
    let config = dir.path().join("fengong.toml");
    let concise = |toml: &str| {
        std::fs::write(&config, toml).unwrap();
        run_in(
            dir.path(),
            &["check", "--output-format", "concise", "seed.txt"],
            None,
        )
    };
    let r = concise("select = [\"W00\"]\nignore = [\"W004\", \"near-miss-unit\", \"W00\"]\n");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "0 errors, 0 warnings in 1 file\n");
    let r = concise("select = [\"ALL\"]\nignore = [\"W00\"]\n");
    assert_eq!(codes_of(&r.stdout), ["W010"]);
    // Each bad selector is E014, at its place, with the suggestion.
    let r = concise("select = [\"W001\", \"nearmiss-unit\"]\n");
    assert_eq!(r.code, 2);
    assert!(
        r.stdout.starts_with("fengong.toml:1:19: error[E014] unknown diagnostic code or name `nearmiss-unit`; did you mean `near-miss-unit`?\n"),
        "{}",
        r.stdout
    );
    let r = concise("ignore = [\"E\"]\n");
    assert_eq!(r.code, 2);
    assert!(
        r.stdout.starts_with("fengong.toml:1:11: error[E014] `E` cannot be ignored: parse errors (E…) are always reported"),
        "{}",
        r.stdout
    );
}

// ---------------------------------------------------------------- results as they come

/// The first finding of a file is written while a file after it is still
/// being read: the run is held on a named pipe that nobody writes yet.
#[test]
fn findings_are_written_before_the_last_file_is_done() {
    let dir = with_seeds(&["a.txt"]);
    let fifo = dir.path().join("z.txt");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let mut child = Command::new(env!("CARGO_BIN_EXE_fengong"))
        .args(["check", "--output-format", "concise", "a.txt", "z.txt"])
        .current_dir(dir.path())
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CI")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (lines, received) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if lines.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    // a.txt's eight findings come while z.txt is not written.
    let mut early = Vec::new();
    while early.len() < 8 {
        match received.recv_timeout(Duration::from_secs(60)) {
            Ok(line) => early.push(line),
            Err(_) => {
                // Release the pipe so that the run ends, then fail.
                let _ = std::fs::write(&fifo, b"");
                let _ = child.kill();
                panic!(
                    "only {} findings before the last file was done: {early:?}",
                    early.len()
                );
            }
        }
    }
    assert!(early.iter().all(|l| l.starts_with("a.txt:")), "{early:?}");
    // Now the last file: its findings, then the summary.
    std::fs::OpenOptions::new()
        .write(true)
        .open(&fifo)
        .unwrap()
        .write_all(SEED_TEXT.as_bytes())
        .unwrap();
    let status = child.wait().unwrap();
    reader.join().unwrap();
    let rest: Vec<String> = received.iter().collect();
    assert_eq!(status.code(), Some(0));
    assert_eq!(rest.len(), 9, "{rest:?}");
    assert!(
        rest[..8].iter().all(|l| l.starts_with("z.txt:")),
        "{rest:?}"
    );
    assert_eq!(rest[8], "0 errors, 16 warnings in 2 files");
}

/// Many files come back in their sorted order, whatever core checked them.
#[test]
fn many_files_are_written_in_order() {
    let names: Vec<String> = (0..40).map(|i| format!("d{}/{i:02}.txt", i % 3)).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let dir = with_seeds(&refs);
    // Odd ones broken, so that files differ in their findings.
    for (i, name) in names.iter().enumerate().filter(|(i, _)| i % 2 == 1) {
        std::fs::copy(root().join(BROKEN), dir.path().join(name)).unwrap();
        let _ = i;
    }
    let r = run_in(
        dir.path(),
        &["check", "--output-format", "concise", "-q", "."],
        None,
    );
    assert_eq!(r.code, 1);
    let files: Vec<&str> = r
        .stdout
        .lines()
        .map(|l| l.split(':').next().unwrap())
        .collect();
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted);
    let mut distinct = files.clone();
    distinct.dedup();
    assert_eq!(distinct.len(), 40);
    // JSON and SARIF, written as they come too, are the same documents.
    let json = run_in(dir.path(), &["check", "--output-format", "json", "."], None);
    let records: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let from_json: Vec<&str> = records
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["file"].as_str().unwrap())
        .collect();
    assert_eq!(from_json, files);
    assert_eq!(json.stderr, "20 errors, 160 warnings in 40 files\n");
}

// ---------------------------------------------------------------- the progress line

#[test]
fn a_long_run_on_a_terminal_shows_its_progress_on_standard_error() {
    let names: Vec<String> = (0..120).map(|i| format!("{i:03}.txt")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let dir = with_seeds(&refs);
    let args = [
        "check",
        "--output-format",
        "concise",
        "--select",
        "W010",
        ".",
    ];
    let screen = run_on_terminal(dir.path(), &args, &[], 80);
    assert_eq!(screen.code, 0, "{}", screen.screen);
    assert!(
        screen.screen.contains("checking: ") && screen.screen.contains("/120 documents"),
        "{}",
        screen.screen
    );
    // Erased before the findings and at the end: what stays is the report.
    let shown = erase_progress(&strip_colour(&screen.screen));
    let piped = run_in(dir.path(), &args, None);
    assert_eq!(shown, piped.stdout);
    // Off with -q, and never when standard error is not a terminal.
    let mut quiet = args.to_vec();
    quiet.push("-q");
    let screen = run_on_terminal(dir.path(), &quiet, &[], 80);
    assert!(!screen.screen.contains("checking: "), "{}", screen.screen);
    assert!(!piped.stderr.contains("checking"));
    // A short run shows none.
    let screen = run_on_terminal(root(), &["check", SEED], &[], 80);
    assert!(!screen.screen.contains("checking: "));
}

/// `screen` with the progress line's drawings (`\r ESC[2K …` up to the next
/// erasure or line) removed.
fn erase_progress(screen: &str) -> String {
    let mut out = String::new();
    for piece in screen.split("\r\u{1b}[2K") {
        // A drawing is the text up to the end of its piece, unless the piece
        // holds a line of the report after it.
        match piece.strip_prefix("checking: ") {
            Some(rest) => {
                if let Some(at) = rest.find('\n') {
                    let _ = at;
                    panic!("a progress line was followed by text on its line: {piece:?}");
                }
            }
            None => out.push_str(piece),
        }
    }
    out
}

/// `text` without colours.
fn strip_colour(text: &str) -> String {
    // Keep the erasures, which `erase_progress` reads.
    text.split("\r\u{1b}[2K")
        .map(strip_ansi)
        .collect::<Vec<_>>()
        .join("\r\u{1b}[2K")
}
