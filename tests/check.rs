//! `fengong check` on the seed: the lint findings and their exit codes,
//! rule selection on the command line and in `fengong.toml` (found next to
//! the documents or above them), directories and standard input, `--fix`
//! and `--diff`, and every output format.

use fengong::source::{decode, encode, Encoding};
use serde_json::Value;

const SEED: &str = "seeds/000_ecc403549f0e7389.txt";
const TASK_THREE: &str = "fixtures/invalid/chinese_task_number.txt";

/// The seed's findings: code, line and column, in order.
const FINDINGS: [(&str, usize, usize); 8] = [
    ("W008", 44, 2),
    ("W007", 64, 12),
    ("W010", 101, 1),
    ("W005", 171, 2),
    ("W006", 224, 2),
    ("W004", 289, 11),
    ("W004", 290, 9),
    ("W009", 455, 1),
];

mod common;
use common::*;

/// One concise finding: `(file, severity, code, line, column)`.
type Finding = (String, String, String, usize, usize);

/// Reads the concise output: every line but the summary is a finding
/// `file:line:column: severity[code] message`. Returns the findings and the
/// summary line.
fn concise(stdout: &str) -> (Vec<Finding>, String) {
    let mut lines: Vec<&str> = stdout.lines().collect();
    let summary = lines.pop().expect("no summary line").to_string();
    let findings = lines
        .into_iter()
        .map(|line| {
            let (location, rest) = line
                .split_once(": ")
                .unwrap_or_else(|| panic!("not a finding: {line:?}"));
            let mut parts = location.rsplitn(3, ':');
            let column = parts.next().unwrap().parse().unwrap();
            let row = parts.next().unwrap().parse().unwrap();
            let file = parts.next().unwrap().to_string();
            let (severity, rest) = rest.split_once('[').unwrap();
            let (code, message) = rest.split_once("] ").unwrap();
            assert!(!message.is_empty(), "{line}");
            (file, severity.to_string(), code.to_string(), row, column)
        })
        .collect();
    (findings, summary)
}

/// The seed's findings as concise output reads them, for the file shown as
/// `file`, keeping those whose code is in `codes` (all if empty).
fn seed_findings(file: &str, severity: &str, codes: &[&str]) -> Vec<Finding> {
    FINDINGS
        .iter()
        .filter(|(code, _, _)| codes.is_empty() || codes.contains(code))
        .map(|&(code, line, column)| {
            (
                file.to_string(),
                severity.to_string(),
                code.to_string(),
                line,
                column,
            )
        })
        .collect()
}

fn codes(findings: &[Finding]) -> Vec<&str> {
    findings.iter().map(|f| f.2.as_str()).collect()
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

fn splice(text: &str, old: &str, new: &str) -> String {
    assert_eq!(text.matches(old).count(), 1, "{old:?}");
    text.replacen(old, new, 1)
}

/// The seed with its six safe fixes made by hand: a tab before `（五）`, the
/// artifact, the space before `（十一）` and the two trailing `、` deleted, and
/// the last line of a stray space emptied.
fn fixed_by_hand() -> String {
    let s = splice(SEED_TEXT, "\n（五）\n", "\n\t（五）\n");
    let s = splice(&s, "\t[bookmark: RANGE!C44]落实", "\t落实");
    let s = splice(&s, "\t （十一）", "\t（十一）");
    let s = splice(
        &s,
        "\t区人社局、区财政局、\n\t人社局、财政局、\n",
        "\t区人社局、区财政局\n\t人社局、财政局\n",
    );
    let s = s.strip_suffix("\t人社局\n ").unwrap();
    format!("{s}\t人社局\n")
}

/// Applies a unified diff to `old`.
fn apply_diff(old: &str, diff: &str) -> String {
    let old_lines: Vec<&str> = old.split_inclusive('\n').collect();
    let mut out = String::new();
    let mut at = 0;
    let mut last_kept = false;
    for line in diff.split_inclusive('\n') {
        if line.starts_with("--- ") || line.starts_with("+++ ") {
            continue;
        }
        if let Some(header) = line.strip_prefix("@@ -") {
            let (range, _) = header.split_once(' ').unwrap();
            let start: usize = range.split(',').next().unwrap().parse().unwrap();
            let start = start.saturating_sub(1);
            out.extend(old_lines[at..start].iter().copied());
            at = start;
            continue;
        }
        match line.as_bytes()[0] {
            b' ' => {
                out.push_str(&line[1..]);
                at += 1;
                last_kept = true;
            }
            b'-' => {
                at += 1;
                last_kept = false;
            }
            b'+' => {
                out.push_str(&line[1..]);
                last_kept = true;
            }
            b'\\' => {
                if last_kept {
                    assert_eq!(out.pop(), Some('\n'));
                }
            }
            _ => panic!("not a diff line: {line:?}"),
        }
    }
    out.extend(old_lines[at..].iter().copied());
    out
}

// ---------------------------------------------------------------- findings and exit codes

#[test]
fn the_seed_has_eight_warnings_and_passes() {
    let r = run(&["check", "--output-format", "concise", SEED]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stderr, "");
    let (findings, summary) = concise(&r.stdout);
    assert_eq!(findings, seed_findings(SEED, "warning", &[]));
    assert_eq!(summary, "0 errors, 8 warnings in 1 file");
    insta::assert_snapshot!("seed_concise", r.stdout);
}

#[test]
fn the_full_report_shows_each_warning_at_its_place() {
    let r = run(&["check", SEED]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    let headers: Vec<(&str, &str)> = lines
        .windows(2)
        .filter(|w| w[0].starts_with("warning["))
        .map(|w| (&w[0][8..12], w[1].trim_start().trim_start_matches("--> ")))
        .collect();
    let expected: Vec<(&str, String)> = FINDINGS
        .iter()
        .map(|&(code, line, column)| (code, format!("{SEED}:{line}:{column}")))
        .collect();
    assert_eq!(headers.len(), 8, "{}", r.stdout);
    for ((code, location), (want_code, want_location)) in headers.iter().zip(&expected) {
        assert_eq!((*code, *location), (*want_code, want_location.as_str()));
    }
    assert!(r
        .stdout
        .contains("   = help: delete the `、` after `区财政局`\n"));
    assert_eq!(
        r.stdout.lines().last(),
        Some("0 errors, 8 warnings in 1 file")
    );
}

#[test]
fn deny_warnings_fails_on_warnings() {
    let r = run(&[
        "check",
        "--output-format",
        "concise",
        "--deny",
        "warnings",
        SEED,
    ]);
    assert_eq!(r.code, 1);
    assert_eq!(concise(&r.stdout).0, seed_findings(SEED, "warning", &[]));
    // --exit-zero wins.
    let r = run(&["check", "--deny", "warnings", "--exit-zero", SEED]);
    assert_eq!(r.code, 0);
    // Without warnings there is nothing to deny.
    let r = run(&["check", "--deny", "warnings", "--select", "W001", SEED]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(r.stdout, "0 errors, 0 warnings in 1 file\n");
}

#[test]
fn exit_zero_passes_despite_errors() {
    let r = run(&["check", "--output-format", "concise", TASK_THREE]);
    assert_eq!(r.code, 1);
    let r = run(&[
        "check",
        "--output-format",
        "concise",
        "--exit-zero",
        TASK_THREE,
    ]);
    assert_eq!(r.code, 0);
    let (findings, summary) = concise(&r.stdout);
    assert_eq!(
        findings,
        [(
            TASK_THREE.to_string(),
            "error".to_string(),
            "E010".to_string(),
            25,
            2
        )]
    );
    assert_eq!(summary, "1 error, 0 warnings in 1 file");
    let r = run(&[
        "check",
        "--exit-zero",
        "--deny",
        "warnings",
        TASK_THREE,
        SEED,
    ]);
    assert_eq!(r.code, 0);
}

// ---------------------------------------------------------------- choosing rules

#[test]
fn select_runs_only_the_rules_named() {
    for select in ["W004", "stray-separator", "w004"] {
        let r = run(&[
            "check",
            "--output-format",
            "concise",
            "--select",
            select,
            SEED,
        ]);
        assert_eq!(r.code, 0, "{select}: {}", r.stderr);
        let (findings, summary) = concise(&r.stdout);
        assert_eq!(
            findings,
            seed_findings(SEED, "warning", &["W004"]),
            "{select}"
        );
        assert_eq!(summary, "0 errors, 2 warnings in 1 file");
    }
    let r = run(&[
        "check",
        "--output-format",
        "concise",
        "--select",
        "W004,whitespace-only-line",
        SEED,
    ]);
    assert_eq!(codes(&concise(&r.stdout).0), ["W004", "W004", "W009"]);
}

#[test]
fn ignore_leaves_out_the_rules_named() {
    let r = run(&[
        "check",
        "--output-format",
        "concise",
        "--ignore",
        "W008,near-miss-unit",
        SEED,
    ]);
    assert_eq!(r.code, 0);
    let (findings, summary) = concise(&r.stdout);
    assert_eq!(
        findings,
        seed_findings(SEED, "warning", &["W010", "W005", "W006", "W004", "W009"])
    );
    assert_eq!(summary, "0 errors, 6 warnings in 1 file");
    // Ignore wins over select.
    let r = run(&[
        "check",
        "--output-format",
        "concise",
        "--select",
        "W004,W009",
        "--ignore",
        "W004",
        SEED,
    ]);
    assert_eq!(codes(&concise(&r.stdout).0), ["W009"]);
}

#[test]
fn an_unknown_code_is_a_usage_error() {
    for args in [
        ["check", "--select", "W999", SEED],
        ["check", "--ignore", "no-such-rule", SEED],
    ] {
        let r = run(&args);
        assert_eq!(r.code, 2, "{args:?}");
        assert_eq!(r.stdout, "");
        assert!(
            r.stderr
                .contains(&format!("unknown diagnostic code or name `{}`", args[2])),
            "{}",
            r.stderr
        );
    }
}

// ---------------------------------------------------------------- fengong.toml

#[test]
fn the_nearest_fengong_toml_applies() {
    let dir = with_seeds(&[
        "top.txt",
        "plain/seed.txt",
        "own/seed.txt",
        "own/deeper/seed.txt",
        "strict/seed.txt",
        "known/seed.txt",
    ]);
    let base = dir.path();
    write(&base.join("fengong.toml"), b"ignore = [\"W008\"]\n");
    // Nearest wins, whole: W008 is back, W009 and W010 are out.
    write(
        &base.join("own/fengong.toml"),
        b"ignore = [\"whitespace-only-line\", \"W010\"]\n",
    );
    write(
        &base.join("strict/fengong.toml"),
        b"select = [\"W004\", \"W009\"]\n\n[severity]\nW004 = \"error\"\n",
    );
    write(
        &base.join("known/fengong.toml"),
        "known_units = [\"区工业信局\"]\n".as_bytes(),
    );

    let check = |path: &str, extra: &[&str]| {
        let mut args = vec!["check", "--output-format", "concise"];
        args.extend_from_slice(extra);
        args.push(path);
        run_in(base, &args, None)
    };
    let all_but = |file: &str, out: &[&str]| -> Vec<Finding> {
        let kept: Vec<&str> = FINDINGS
            .iter()
            .map(|f| f.0)
            .filter(|c| !out.contains(c))
            .collect();
        seed_findings(file, "warning", &kept)
    };

    for (file, out) in [
        ("top.txt", &["W008"][..]),
        ("plain/seed.txt", &["W008"]),
        ("own/seed.txt", &["W009", "W010"]),
        ("own/deeper/seed.txt", &["W009", "W010"]),
        ("known/seed.txt", &["W007"]),
    ] {
        let r = check(file, &[]);
        assert_eq!(r.code, 0, "{file}: {}", r.stdout);
        assert_eq!(concise(&r.stdout).0, all_but(file, out), "{file}");
    }

    // A severity raised to error fails the run.
    let r = check("strict/seed.txt", &[]);
    assert_eq!(r.code, 1);
    let (findings, summary) = concise(&r.stdout);
    let mut expected = seed_findings("strict/seed.txt", "error", &["W004"]);
    expected.extend(seed_findings("strict/seed.txt", "warning", &["W009"]));
    assert_eq!(findings, expected);
    assert_eq!(summary, "2 errors, 1 warning in 1 file");

    // The whole tree at once: each file with its own settings.
    let r = check(".", &[]);
    assert_eq!(r.code, 1);
    let (findings, summary) = concise(&r.stdout);
    assert_eq!(summary, "2 errors, 34 warnings in 6 files");
    let files: Vec<&str> = findings.iter().map(|f| f.0.as_str()).collect();
    let mut seen = files.clone();
    seen.dedup();
    assert_eq!(
        seen,
        [
            "./known/seed.txt",
            "./own/deeper/seed.txt",
            "./own/seed.txt",
            "./plain/seed.txt",
            "./strict/seed.txt",
            "./top.txt"
        ]
    );

    // The command line adds to the file's ignore list and replaces its
    // selection.
    let r = check("plain/seed.txt", &["--ignore", "W009"]);
    assert_eq!(
        concise(&r.stdout).0,
        all_but("plain/seed.txt", &["W008", "W009"])
    );
    let r = check("strict/seed.txt", &["--select", "W005"]);
    assert_eq!(r.code, 0);
    assert_eq!(
        concise(&r.stdout).0,
        seed_findings("strict/seed.txt", "warning", &["W005"])
    );
}

#[test]
fn an_explicit_config_replaces_discovery() {
    let dir = with_seeds(&["docs/seed.txt"]);
    let base = dir.path();
    write(&base.join("docs/fengong.toml"), b"select = [\"W005\"]\n");
    write(
        &base.join("elsewhere.toml"),
        b"ignore = [\"W008\", \"W007\"]\n[severity]\nstray-whitespace = \"error\"\n",
    );
    let r = run_in(
        base,
        &[
            "check",
            "--output-format",
            "concise",
            "--config",
            "elsewhere.toml",
            "docs/seed.txt",
        ],
        None,
    );
    assert_eq!(r.code, 1);
    let (findings, summary) = concise(&r.stdout);
    let severities: Vec<(&str, &str)> = findings
        .iter()
        .map(|f| (f.2.as_str(), f.1.as_str()))
        .collect();
    assert_eq!(
        severities,
        [
            ("W010", "warning"),
            ("W005", "warning"),
            ("W006", "error"),
            ("W004", "warning"),
            ("W004", "warning"),
            ("W009", "warning"),
        ]
    );
    assert_eq!(summary, "1 error, 5 warnings in 1 file");
    // Without --config, the file next to the document applies.
    let r = run_in(
        base,
        &["check", "--output-format", "concise", "docs/seed.txt"],
        None,
    );
    assert_eq!(codes(&concise(&r.stdout).0), ["W005"]);
}

#[test]
fn an_invalid_fengong_toml_is_a_failure_that_names_it() {
    let dir = with_seeds(&["bad/seed.txt", "unknown/seed.txt", "good/seed.txt"]);
    let base = dir.path();
    write(&base.join("bad/fengong.toml"), b"select = [\"W004\"\n");
    write(&base.join("unknown/fengong.toml"), b"select = [\"W999\"]\n");
    // One line per finding: the file's path, where in it, and what is wrong.
    for (name, problem) in [
        ("bad", "1:17: error[E014] unclosed array, expected `]`"),
        (
            "unknown",
            "1:11: error[E014] unknown diagnostic code or name `W999`",
        ),
    ] {
        let r = run_in(
            base,
            &[
                "check",
                "--output-format",
                "concise",
                &format!("{name}/seed.txt"),
            ],
            None,
        );
        assert_eq!(r.code, 2, "{name}: {}", r.stdout);
        // Reported once, at the file's own place, as invalid-config.
        assert_eq!(
            r.stdout,
            format!(
                "{name}/fengong.toml:{problem}\n1 error, 0 warnings in 0 files (1 not checked for an invalid fengong.toml)\n"
            )
        );
    }
    // The other documents are still checked.
    let r = run_in(
        base,
        &[
            "check",
            "--output-format",
            "concise",
            "bad/seed.txt",
            "good/seed.txt",
        ],
        None,
    );
    assert_eq!(r.code, 2);
    assert!(concise(&r.stdout)
        .0
        .iter()
        .any(|f| f.0 == "good/seed.txt" && f.2 == "W008"));

    // An invalid or missing --config stops the run before any check.
    for config in ["bad/fengong.toml", "missing.toml"] {
        let r = run_in(base, &["check", "--config", config, "good/seed.txt"], None);
        assert_eq!(r.code, 2, "{config}");
        assert_eq!(r.stdout, "", "{config}");
        assert!(r.stderr.starts_with("error[E014]: "), "{}", r.stderr);
        assert!(r.stderr.contains(config), "{}", r.stderr);
    }
}

// ---------------------------------------------------------------- inputs

#[test]
fn directories_are_searched_for_txt_files() {
    let dir = with_seeds(&["a.txt", "sub/b.txt", "sub/deeper/c.txt", "sub/notes.md"]);
    let base = dir.path();
    let r = run_in(base, &["check", "--output-format", "concise", "."], None);
    assert_eq!(r.code, 0);
    let (findings, summary) = concise(&r.stdout);
    assert_eq!(summary, "0 errors, 24 warnings in 3 files");
    let mut expected = seed_findings("./a.txt", "warning", &[]);
    expected.extend(seed_findings("./sub/b.txt", "warning", &[]));
    expected.extend(seed_findings("./sub/deeper/c.txt", "warning", &[]));
    assert_eq!(findings, expected);

    let r = run_in(
        base,
        &[
            "check",
            "--output-format",
            "concise",
            "--extension",
            "md",
            "sub",
        ],
        None,
    );
    let (findings, summary) = concise(&r.stdout);
    assert_eq!(summary, "0 errors, 8 warnings in 1 file");
    assert_eq!(findings, seed_findings("sub/notes.md", "warning", &[]));
}

#[test]
fn standard_input_is_checked_with_the_settings_of_the_working_directory() {
    let dir = tempfile::tempdir().unwrap();
    let r = run_in(
        dir.path(),
        &["check", "--output-format", "concise", "-"],
        Some(SEED_TEXT.as_bytes()),
    );
    assert_eq!(r.code, 0);
    assert_eq!(concise(&r.stdout).0, seed_findings("-", "warning", &[]));
    write(&dir.path().join("fengong.toml"), b"ignore = [\"W008\"]\n");
    let r = run_in(
        dir.path(),
        &["check", "--output-format", "concise", "-"],
        Some(SEED_TEXT.as_bytes()),
    );
    let (findings, summary) = concise(&r.stdout);
    assert_eq!(
        codes(&findings),
        ["W007", "W010", "W005", "W006", "W004", "W004", "W009"]
    );
    assert_eq!(summary, "0 errors, 7 warnings in 1 file");
}

// ---------------------------------------------------------------- fixes

#[test]
fn fix_applies_the_six_safe_fixes() {
    let dir = with_seeds(&["seed.txt"]);
    let path = dir.path().join("seed.txt");
    let r = run_in(
        dir.path(),
        &["check", "--output-format", "concise", "--fix", "seed.txt"],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let (findings, summary) = concise(&r.stdout);
    assert_eq!(
        findings,
        seed_findings("seed.txt", "warning", &["W008", "W007"])
    );
    assert_eq!(summary, "0 errors, 2 warnings in 1 file (6 fixed)");

    let fixed = std::fs::read_to_string(&path).unwrap();
    assert_eq!(fixed, fixed_by_hand());
    assert_eq!(
        fengong::parse(&fixed).unwrap(),
        fengong::parse(SEED_TEXT).unwrap()
    );
    // No temporary file is left behind.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["seed.txt"]);

    // Nothing is left to fix; the two findings without a safe fix stay.
    let r = run_in(
        dir.path(),
        &["check", "--output-format", "concise", "--fix", "seed.txt"],
        None,
    );
    assert_eq!(r.code, 0);
    let (findings, summary) = concise(&r.stdout);
    assert_eq!(codes(&findings), ["W008", "W007"]);
    assert_eq!(summary, "0 errors, 2 warnings in 1 file (0 fixed)");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), fixed);
    let r = run_in(
        dir.path(),
        &["check", "--output-format", "concise", "seed.txt"],
        None,
    );
    assert_eq!(codes(&concise(&r.stdout).0), ["W008", "W007"]);
}

#[test]
fn unsafe_fixes_also_rename_the_near_miss_unit() {
    let dir = with_seeds(&["seed.txt"]);
    let path = dir.path().join("seed.txt");
    let r = run_in(
        dir.path(),
        &[
            "check",
            "--output-format",
            "concise",
            "--fix",
            "--unsafe-fixes",
            "seed.txt",
        ],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let (findings, summary) = concise(&r.stdout);
    assert_eq!(codes(&findings), ["W008"]);
    assert_eq!(summary, "0 errors, 1 warning in 1 file (7 fixed)");
    let fixed = std::fs::read_to_string(&path).unwrap();
    assert_eq!(fixed, splice(&fixed_by_hand(), "区工业信局", "区工信局"));
    let mut renamed = fengong::parse(SEED_TEXT).unwrap();
    assert_eq!(renamed.rename_unit("区工业信局", "区工信局"), 1);
    assert_eq!(fengong::parse(&fixed).unwrap(), renamed);
}

#[test]
fn fix_keeps_the_encoding_and_the_line_endings() {
    let crlf = |text: &str| text.replace('\n', "\r\n");
    let cases = [
        ("gb18030_crlf.txt", Encoding::Gb18030, false, true),
        ("bom.txt", Encoding::Utf8, true, false),
        ("utf16.txt", Encoding::Utf16Le, true, true),
    ];
    let dir = tempfile::tempdir().unwrap();
    for &(name, encoding, bom, windows) in &cases {
        let text = if windows {
            crlf(SEED_TEXT)
        } else {
            SEED_TEXT.to_string()
        };
        write(
            &dir.path().join(name),
            &encode(&text, encoding, bom).unwrap(),
        );
    }
    for &(name, encoding, bom, windows) in &cases {
        let r = run_in(
            dir.path(),
            &["check", "--output-format", "concise", "--fix", name],
            None,
        );
        assert_eq!(r.code, 0, "{name}: {}", r.stdout);
        let (findings, summary) = concise(&r.stdout);
        assert_eq!(codes(&findings), ["W008", "W007"], "{name}");
        assert_eq!(summary, "0 errors, 2 warnings in 1 file (6 fixed)");
        let expected = if windows {
            crlf(&fixed_by_hand())
        } else {
            fixed_by_hand()
        };
        let bytes = std::fs::read(dir.path().join(name)).unwrap();
        assert_eq!(
            bytes,
            encode(&expected, encoding, bom).unwrap(),
            "{name}: bytes"
        );
        let decoded = decode(&bytes).unwrap();
        assert_eq!(
            (decoded.encoding(), decoded.has_bom()),
            (encoding, bom),
            "{name}"
        );
        assert_eq!(decoded.text(), expected);
    }
}

#[test]
fn fix_of_standard_input_prints_the_fixed_text() {
    let dir = tempfile::tempdir().unwrap();
    let r = run_in(
        dir.path(),
        &["check", "--output-format", "concise", "--fix", "-"],
        Some(SEED_TEXT.as_bytes()),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    // The text is the output; the report goes to standard error.
    assert!(r.stdout == fixed_by_hand(), "{}", r.stdout);
    let (findings, summary) = concise(&r.stderr);
    assert_eq!(findings, seed_findings("-", "warning", &["W008", "W007"]));
    assert_eq!(summary, "0 errors, 2 warnings in 1 file (6 fixed)");
    // With nothing to fix, the text comes back as it was.
    let r = run_in(
        dir.path(),
        &["check", "--fix", "-"],
        Some(fixed_by_hand().as_bytes()),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, fixed_by_hand());
    assert!(r
        .stderr
        .ends_with("0 errors, 2 warnings in 1 file (0 fixed)\n"));
}

#[test]
fn diff_shows_the_fixes_and_writes_nothing() {
    let dir = with_seeds(&["seed.txt"]);
    let path = dir.path().join("seed.txt");
    let r = run_in(
        dir.path(),
        &["check", "--output-format", "concise", "--diff", "seed.txt"],
        None,
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), SEED_TEXT);
    // Standard output holds the diff alone; the summary goes to standard
    // error.
    let diff = r.stdout.as_str();
    assert!(diff.starts_with("--- a/seed.txt\n+++ b/seed.txt\n@@ -98,7 +98,7 @@\n"));
    let hunks: Vec<&str> = diff.lines().filter(|l| l.starts_with("@@")).collect();
    assert_eq!(
        hunks,
        [
            "@@ -98,7 +98,7 @@",
            "@@ -168,7 +168,7 @@",
            "@@ -221,7 +221,7 @@",
            "@@ -286,8 +286,8 @@",
            "@@ -452,4 +452,3 @@"
        ]
    );
    assert_eq!(apply_diff(SEED_TEXT, diff), fixed_by_hand());
    assert_eq!(r.stderr, "0 errors, 8 warnings in 1 file (6 fixable)\n");

    let r = run_in(
        dir.path(),
        &[
            "check",
            "--output-format",
            "concise",
            "--diff",
            "--unsafe-fixes",
            "seed.txt",
        ],
        None,
    );
    assert_eq!(r.code, 1);
    assert_eq!(
        apply_diff(SEED_TEXT, &r.stdout),
        splice(&fixed_by_hand(), "区工业信局", "区工信局")
    );
    assert!(r.stderr.ends_with("(7 fixable)\n"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), SEED_TEXT);

    // Once fixed, there is nothing to show and the run passes.
    std::fs::write(&path, fixed_by_hand()).unwrap();
    let r = run_in(
        dir.path(),
        &["check", "--output-format", "concise", "--diff", "seed.txt"],
        None,
    );
    assert_eq!(r.code, 0);
    assert_eq!(r.stdout, "");
    assert_eq!(r.stderr, "0 errors, 2 warnings in 1 file (0 fixable)\n");
}

// ---------------------------------------------------------------- output formats

#[test]
fn json_records_every_field() {
    let r = run(&["check", "--output-format", "json", SEED]);
    assert_eq!(r.code, 0);
    assert_eq!(r.stderr, "0 errors, 8 warnings in 1 file\n");
    let value = json(&r.stdout);
    let records = value.as_array().unwrap();
    assert_eq!(records.len(), 8);
    let index = fengong::LineIndex::new(SEED_TEXT);
    for (record, &(code, line, column)) in records.iter().zip(&FINDINGS) {
        assert_eq!(record["file"], SEED);
        assert_eq!(record["code"], code);
        assert_eq!(record["severity"], "warning");
        assert_eq!(record["line"], line);
        assert_eq!(record["column"], column);
        let offset = record["offset"].as_u64().unwrap() as usize;
        let end = record["end_offset"].as_u64().unwrap() as usize;
        assert!(offset <= end && end <= SEED_TEXT.len());
        let start = index.position(offset);
        let stop = index.position(end);
        assert_eq!((start.line, start.column), (line, column), "{code}");
        assert_eq!(record["end_line"], stop.line, "{code}");
        assert_eq!(record["end_column"], stop.column, "{code}");
        let name = record["name"].as_str().unwrap();
        assert_eq!(
            name,
            code.parse::<fengong::Code>().unwrap().name(),
            "{code}"
        );
        assert!(record["message"].as_str().unwrap().starts_with("expected "));
        assert!(!record["help"].as_str().unwrap().is_empty(), "{code}");
    }
    let w007 = &records[1];
    assert_eq!(
        (&w007["offset"], &w007["end_offset"]),
        (&Value::from(2420), &Value::from(2435))
    );
    assert_eq!(&SEED_TEXT[2420..2435], "区工业信局");
    assert_eq!(
        (&w007["end_line"], &w007["end_column"]),
        (&Value::from(64), &Value::from(17))
    );
    assert_eq!(
        w007["message"],
        "expected `区工信局`, a 滨海新区 unit named 8 times in the document, found `区工业信局`, named only here"
    );
    assert_eq!(w007["fix"]["applicability"], "unsafe");
    assert_eq!(w007["fix"]["edits"][0]["replacement"], "区工信局");
    assert_eq!(records[5]["fix"]["applicability"], "safe");
    let w004 = &records[5];
    assert_eq!(
        &SEED_TEXT[w004["offset"].as_u64().unwrap() as usize
            ..w004["end_offset"].as_u64().unwrap() as usize],
        "、"
    );
    // Findings without a fix have no fix field.
    assert!(records[0].get("fix").is_none());
}

#[test]
fn github_annotations() {
    let r = run(&["check", "--output-format", "github", SEED]);
    assert_eq!(r.code, 0);
    assert_eq!(r.stderr, "0 errors, 8 warnings in 1 file\n");
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 8);
    for (line, &(code, row, column)) in lines.iter().zip(&FINDINGS) {
        let name = code.parse::<fengong::Code>().unwrap().name();
        let prefix =
            format!("::warning file={SEED},line={row},col={column},endLine={row},endColumn=");
        assert!(line.starts_with(&prefix), "{line}");
        let rest = &line[prefix.len()..];
        let (end_column, rest) = rest.split_once(",title=").unwrap();
        assert!(end_column.parse::<usize>().unwrap() > column, "{line}");
        let (title, message) = rest.split_once("::").unwrap();
        assert_eq!(title, format!("{code} {name}"));
        assert!(message.starts_with("expected "), "{line}");
        assert!(message.contains("%0Ahelp: "), "{line}");
        assert!(!message.contains('\n') && !message.contains('\r'));
    }
    // `%` in a message is escaped.
    assert!(lines[0].contains("(92%25 of task 5's wording)"));
    insta::assert_snapshot!("seed_github", r.stdout);
}

#[test]
fn sarif_has_what_github_code_scanning_needs() {
    let r = run(&["check", "--output-format", "sarif", SEED]);
    assert_eq!(r.code, 0);
    assert_eq!(r.stderr, "0 errors, 8 warnings in 1 file\n");
    let log = json(&r.stdout);
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(
        log["$schema"],
        "https://json.schemastore.org/sarif-2.1.0.json"
    );
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let run0 = &runs[0];
    assert_eq!(run0["tool"]["driver"]["name"], "fengong");
    assert_eq!(run0["columnKind"], "unicodeCodePoints");
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let all: Vec<&str> = fengong::Code::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(ids, all);
    for rule in rules {
        assert!(!rule["shortDescription"]["text"]
            .as_str()
            .unwrap()
            .is_empty());
        assert!(!rule["help"]["text"].as_str().unwrap().is_empty());
    }

    let results = run0["results"].as_array().unwrap();
    assert_eq!(results.len(), 8);
    for (result, &(code, line, column)) in results.iter().zip(&FINDINGS) {
        assert_eq!(result["ruleId"], code);
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], code);
        assert_eq!(result["level"], "warning");
        let message = result["message"]["text"].as_str().unwrap();
        assert!(message.starts_with("expected "), "{message}");
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], SEED);
        let region = &location["region"];
        assert_eq!(region["startLine"], line);
        assert_eq!(region["startColumn"], column);
        for key in ["startLine", "startColumn", "endLine", "endColumn"] {
            assert!(region[key].as_u64().unwrap() >= 1, "{key} of {code}");
        }
        assert!(region["endColumn"].as_u64().unwrap() > column as u64);
    }

    // The secondary labels of W008 and W007 are related locations.
    let related = |i: usize| {
        let related = results[i]["relatedLocations"].as_array().unwrap();
        assert_eq!(related.len(), 1);
        let region = &related[0]["physicalLocation"]["region"];
        (
            related[0]["message"]["text"].as_str().unwrap().to_string(),
            related[0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
                .to_string(),
            [
                region["startLine"].as_u64().unwrap(),
                region["startColumn"].as_u64().unwrap(),
                region["endLine"].as_u64().unwrap(),
                region["endColumn"].as_u64().unwrap(),
            ],
        )
    };
    let task_five = fengong::parse(SEED_TEXT)
        .unwrap()
        .task(5)
        .unwrap()
        .text()
        .chars()
        .count() as u64;
    assert_eq!(
        related(0),
        (
            "task 5 is here".to_string(),
            SEED.to_string(),
            [38, 2, 38, 2 + task_five]
        )
    );
    assert_eq!(
        related(1),
        (
            "`区工信局` is named here".to_string(),
            SEED.to_string(),
            [52, 7, 52, 11]
        )
    );
    // Findings without secondary labels have none.
    assert!(results[3].get("relatedLocations").is_none());

    // An error raised by configuration is an error in SARIF too.
    let dir = with_seeds(&["seed.txt"]);
    write(
        &dir.path().join("fengong.toml"),
        b"[severity]\nW005 = \"error\"\n",
    );
    let r = run_in(
        dir.path(),
        &["check", "--output-format", "sarif", "seed.txt"],
        None,
    );
    assert_eq!(r.code, 1);
    let log = json(&r.stdout);
    let levels: Vec<&str> = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["level"].as_str().unwrap())
        .collect();
    assert_eq!(
        levels,
        ["warning", "warning", "warning", "error", "warning", "warning", "warning", "warning"]
    );
}
