//! `fengong.toml` mistakes: unknown keys, files that are not files, reported
//! once each under `E014 invalid-config` at their position, with exit
//! code 2; the documents under a broken file are not checked with settings
//! other than those written, the others are.

use std::path::Path;

use serde_json::Value;

mod common;
use common::*;

/// What serde says after an unknown key: every key fengong.toml takes.
const EXPECTED_KEYS: &str = "expected one of `select`, `ignore`, `severity`, `known_units`";

/// A directory with three seeds under `bad/` and one under `good/`.
fn tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in ["bad/a.txt", "bad/b.txt", "bad/deeper/c.txt", "good/d.txt"] {
        write(&dir.path().join(name), SEED_TEXT.as_bytes());
    }
    dir
}

fn concise(dir: &Path, args: &[&str]) -> Run {
    let mut all = vec!["check", "--output-format", "concise"];
    all.extend_from_slice(args);
    run_in(dir, &all, None)
}

/// The lines of `stdout` that are errors.
fn errors(stdout: &str) -> Vec<&str> {
    stdout.lines().filter(|l| l.contains(": error[")).collect()
}

#[test]
fn an_unknown_key_is_reported_once_at_its_place_naming_the_keys() {
    let dir = tree();
    let base = dir.path();
    write(
        &base.join("bad/fengong.toml"),
        b"select = [\"W004\"]\nignor = [\"W006\"]\n",
    );
    let r = concise(base, &["."]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(
        errors(&r.stdout),
        [format!(
            "bad/fengong.toml:2:1: error[E014] unknown field `ignor`, {EXPECTED_KEYS}"
        )]
    );
    // Its documents are not checked with the wrong settings; the others are.
    assert!(!r.stdout.contains("./bad/"), "{}", r.stdout);
    assert_eq!(
        r.stdout
            .lines()
            .filter(|l| l.starts_with("./good/d.txt:"))
            .count(),
        8
    );
    assert_eq!(
        r.stdout.lines().last(),
        Some("1 error, 8 warnings in 1 file (3 not checked for an invalid fengong.toml)")
    );
}

#[test]
fn a_lint_table_is_an_unknown_key() {
    let dir = tree();
    let base = dir.path();
    write(
        &base.join("bad/fengong.toml"),
        b"# settings\n[lint]\nignore = [\"W006\"]\n",
    );
    let r = concise(base, &["bad"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        errors(&r.stdout),
        [format!(
            "bad/fengong.toml:2:2: error[E014] unknown field `lint`, {EXPECTED_KEYS}"
        )]
    );
    // The full report shows the line, with the note and the help.
    let r = run_in(base, &["check", "bad"], None);
    assert_eq!(r.code, 2);
    assert!(
        r.stdout.starts_with(&format!(
            "error[E014]: unknown field `lint`, {EXPECTED_KEYS}\n --> bad/fengong.toml:2:2\n"
        )),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("2 | [lint]\n"), "{}", r.stdout);
    assert!(
        r.stdout
            .contains("= note: 3 documents under it were not checked"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_fengong_toml_that_is_not_a_file_is_reported() {
    let dir = tree();
    let base = dir.path();
    let config = base.join("bad/fengong.toml");
    std::fs::create_dir(&config).unwrap();
    let r = concise(base, &["bad"]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert_eq!(
        errors(&r.stdout),
        ["bad/fengong.toml:1:1: error[E014] is a directory, not a file"]
    );
    #[cfg(unix)]
    {
        std::fs::remove_dir(&config).unwrap();
        std::os::unix::fs::symlink("fengong.toml", &config).unwrap();
        let r = concise(base, &["bad"]);
        assert_eq!(r.code, 2, "{}", r.stdout);
        let errors = errors(&r.stdout);
        assert_eq!(errors.len(), 1, "{}", r.stdout);
        assert!(
            errors[0].starts_with(
                "bad/fengong.toml:1:1: error[E014] is a symbolic link that cannot be followed: "
            ),
            "{}",
            errors[0]
        );
    }
}

#[test]
fn machine_formats_point_at_the_config_file() {
    let dir = tree();
    let base = dir.path();
    write(&base.join("bad/fengong.toml"), b"ignor = []\n");
    let r = run_in(base, &["check", "--output-format", "json", "bad"], None);
    assert_eq!(r.code, 2);
    let records: Value = serde_json::from_str(&r.stdout).unwrap();
    let records = records.as_array().unwrap();
    assert_eq!(records.len(), 1, "{}", r.stdout);
    assert_eq!(records[0]["code"], "E014");
    assert_eq!(records[0]["file"], "bad/fengong.toml");
    let r = run_in(base, &["check", "--output-format", "github", "bad"], None);
    assert!(
        r.stdout.starts_with(
            "::error file=bad/fengong.toml,line=1,col=1,endLine=1,endColumn=6,title=E014 invalid-config::unknown field `ignor`"
        ),
        "{}",
        r.stdout
    );
}

#[test]
fn an_unknown_key_in_an_explicit_config_stops_the_run() {
    let dir = tree();
    let base = dir.path();
    write(&base.join("lint.toml"), b"[lint]\nselect = []\n");
    let r = run_in(base, &["check", "--config", "lint.toml", "good"], None);
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout, "");
    assert_eq!(
        r.stderr,
        format!("error[E014]: lint.toml:1:2: unknown field `lint`, {EXPECTED_KEYS}\n")
    );
    std::fs::create_dir(base.join("dir.toml")).unwrap();
    let r = run_in(base, &["check", "--config", "dir.toml", "good"], None);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error[E014]: dir.toml: is a directory, not a file\n"
    );
}
