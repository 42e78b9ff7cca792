//! `fengong check` on directories: which files are documents (extension,
//! `--include`, `--exclude`, `.gitignore`, `.ignore`, hidden files), what is
//! never opened (named pipes) or followed (links to directories), going on
//! after an entry that cannot be read, one document per file however often
//! it is named, and no silent pass when nothing is found.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod common;
use common::*;

/// The seed's findings (all warnings) and its safe fixes.
const SEED_WARNINGS: usize = 8;
const SEED_SAFE_FIXES: usize = 6;

/// Writes the seed at each of `names` under `root`, making directories.
fn seeds(root: &Path, names: &[&str]) {
    for name in names {
        write(&root.join(name), SEED_TEXT.as_bytes());
    }
}

/// Runs `fengong check --output-format concise ARGS` in `dir`, failing the
/// test if it has not finished after 30 seconds (a file that hangs the run).
fn check(dir: &Path, args: &[&str]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_fengong"))
        .args(["check", "--output-format", "concise"])
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cannot run fengong");
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(30) {
            child.kill().unwrap();
            let _ = child.wait();
            panic!("fengong check {args:?} hangs");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().expect("killed by a signal"),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// The files that have findings, in order, once each, and the summary.
fn files(r: &Run) -> (Vec<String>, String) {
    let mut lines: Vec<&str> = r.stdout.lines().collect();
    let summary = lines.pop().unwrap_or_default().to_string();
    let mut files: Vec<String> = Vec::new();
    for line in lines {
        let (location, _) = line.split_once(": ").expect("not a finding");
        let file = location.rsplitn(3, ':').nth(2).unwrap().to_string();
        if files.last() != Some(&file) {
            files.push(file);
        }
    }
    (files, summary)
}

/// The summary of `n` seeds checked, with `errors` errors.
fn summary(errors: usize, n: usize) -> String {
    format!(
        "{errors} error{}, {} warnings in {n} file{}",
        if errors == 1 { "" } else { "s" },
        n * SEED_WARNINGS,
        if n == 1 { "" } else { "s" }
    )
}

// ---------------------------------------------------------------- ignore files

#[test]
fn gitignore_in_a_repository_and_ignore_files_anywhere_are_honoured() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    seeds(
        &repo,
        &[
            "a.txt",
            "drafts/b.txt",
            "sub/c.txt",
            "sub/old.txt",
            "tmp.txt",
        ],
    );
    // A git repository: `.git` is enough for git's rules to apply.
    std::fs::create_dir_all(repo.join(".git/info")).unwrap();
    write(&repo.join(".gitignore"), b"drafts/\n");
    write(&repo.join("sub/.gitignore"), b"old.txt\n");
    write(&repo.join(".git/info/exclude"), b"/tmp.txt\n");
    let r = check(dir.path(), &["repo"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        files(&r),
        (
            vec!["repo/a.txt".to_string(), "repo/sub/c.txt".to_string()],
            summary(0, 2)
        )
    );
    // A subdirectory given alone still sees the rules above it.
    let r = check(dir.path(), &["repo/sub"]);
    assert_eq!(files(&r).0, ["repo/sub/c.txt"]);

    // Outside a repository, as for git, `.gitignore` means nothing, but
    // `.ignore` applies.
    let plain = dir.path().join("plain");
    seeds(&plain, &["a.txt", "drafts/b.txt", "scratch/c.txt"]);
    write(&plain.join(".gitignore"), b"drafts/\n");
    write(&plain.join(".ignore"), b"scratch/\n");
    let r = check(dir.path(), &["plain"]);
    assert_eq!(files(&r).0, ["plain/a.txt", "plain/drafts/b.txt"]);
}

#[test]
fn hidden_files_and_directories_and_target_are_skipped() {
    let dir = tempfile::tempdir().unwrap();
    seeds(
        dir.path(),
        &["a.txt", ".b.txt", ".hidden/c.txt", "target/d.txt", "e.md"],
    );
    let r = check(dir.path(), &["."]);
    assert_eq!(files(&r), (vec!["./a.txt".to_string()], summary(0, 1)));
}

// ---------------------------------------------------------------- filters

#[test]
fn exclude_and_include_choose_among_the_files_of_directories() {
    let dir = tempfile::tempdir().unwrap();
    seeds(
        dir.path(),
        &[
            "docs/2023/a.txt",
            "docs/2024/b.txt",
            "docs/2024/drafts/c.txt",
            "docs/2024/d_old.txt",
            "docs/e.txt",
        ],
    );
    let base = dir.path();
    // --exclude is repeatable; a directory glob skips the whole directory.
    let r = check(
        base,
        &["--exclude", "drafts/", "--exclude", "*_old.txt", "docs"],
    );
    assert_eq!(
        files(&r).0,
        ["docs/2023/a.txt", "docs/2024/b.txt", "docs/e.txt"]
    );
    // Globs are relative to the directory given.
    let r = check(base, &["--exclude", "/2024", "docs"]);
    assert_eq!(files(&r).0, ["docs/2023/a.txt", "docs/e.txt"]);
    // --include keeps only what matches (a directory takes its files).
    let r = check(base, &["--include", "2024", "--exclude", "drafts", "docs"]);
    assert_eq!(files(&r).0, ["docs/2024/b.txt", "docs/2024/d_old.txt"]);
    let r = check(base, &["--include", "/e.txt", "--include", "a.*", "docs"]);
    assert_eq!(files(&r).0, ["docs/2023/a.txt", "docs/e.txt"]);
    // An invalid glob is a usage error.
    let r = check(base, &["--exclude", "{", "docs"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.starts_with("error: invalid --exclude glob"),
        "{}",
        r.stderr
    );
    assert_eq!(r.stdout, "");
}

#[test]
fn paths_given_explicitly_are_checked_even_if_ignored_or_of_another_extension() {
    let dir = tempfile::tempdir().unwrap();
    seeds(dir.path(), &["docs/a.txt", "docs/b.txt", "docs/notes.md"]);
    write(&dir.path().join("docs/.ignore"), b"b.txt\n");
    let r = check(
        dir.path(),
        &[
            "--exclude",
            "a.txt",
            "docs/a.txt",
            "docs/b.txt",
            "docs/notes.md",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        files(&r),
        (
            vec![
                "docs/a.txt".to_string(),
                "docs/b.txt".to_string(),
                "docs/notes.md".to_string()
            ],
            summary(0, 3)
        )
    );
    // In the directory, the filters apply.
    let r = check(dir.path(), &["--exclude", "a.txt", "docs"]);
    assert_eq!(r.code, 2);
    assert_eq!(files(&r).0, Vec::<String>::new());
}

// ---------------------------------------------------------------- odd entries

#[cfg(unix)]
#[test]
fn a_named_pipe_is_never_opened() {
    let dir = tempfile::tempdir().unwrap();
    seeds(dir.path(), &["a.txt", "z.txt"]);
    let made = Command::new("mkfifo")
        .arg(dir.path().join("pipe.txt"))
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let r = check(dir.path(), &["."]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        files(&r),
        (
            vec!["./a.txt".to_string(), "./z.txt".to_string()],
            summary(0, 2)
        )
    );
}

#[cfg(unix)]
#[test]
fn links_to_files_are_followed_links_to_directories_are_not() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path();
    seeds(base, &["docs/a.txt", "shared/s.txt"]);
    symlink(base.join("shared/s.txt"), base.join("docs/linked.txt")).unwrap();
    // A link to a directory, and a loop through one: not followed.
    symlink(base.join("shared"), base.join("docs/shared")).unwrap();
    symlink("..", base.join("docs/up")).unwrap();
    // A link to itself and one to nothing look like documents and cannot
    // be read: reported where they are, and the rest is checked.
    symlink("self.txt", base.join("docs/self.txt")).unwrap();
    symlink("missing", base.join("docs/broken.txt")).unwrap();
    let r = check(base, &["docs"]);
    assert_eq!(r.code, 2);
    let (found, shown) = files(&r);
    assert_eq!(
        found,
        [
            "docs/a.txt",
            "docs/broken.txt",
            "docs/linked.txt",
            "docs/self.txt"
        ]
    );
    assert_eq!(shown, "2 errors, 16 warnings in 4 files");
    assert!(r
        .stdout
        .contains("docs/broken.txt:1:1: error[E003] cannot read docs/broken.txt: "));
    assert!(r
        .stdout
        .contains("docs/self.txt:1:1: error[E003] cannot read docs/self.txt: "));
}

/// Moves a directory holding a document 22 levels of 200-character names
/// down, under `parent`, without ever naming a path longer than the system
/// allows: the result is a directory that no one, not even root, can list
/// by its path (`File name too long`).
fn too_deep(parent: &Path, name: &str) {
    let long = "深".repeat(66); // 198 bytes
    let work = parent.join("work");
    let mut inner = work.join("0");
    write(&inner.join("lost.txt"), SEED_TEXT.as_bytes());
    for i in 1..=22 {
        let outer = work.join(i.to_string());
        std::fs::create_dir(&outer).unwrap();
        std::fs::rename(&inner, outer.join(&long)).unwrap();
        inner = outer;
    }
    std::fs::rename(&inner, parent.join(name)).unwrap();
    std::fs::remove_dir(work).unwrap();
}

#[test]
fn an_unreadable_subdirectory_is_reported_and_the_rest_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    let mut names = Vec::new();
    for dir in ["a", "k", "m", "q", "z"] {
        for file in ["1", "2", "3"] {
            names.push(format!("{dir}/{file}.txt"));
        }
    }
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    seeds(&docs, &names);
    too_deep(&docs, "m/deep");
    let r = check(dir.path(), &["docs"]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    let (found, shown) = files(&r);
    let mut expected: Vec<String> = names.iter().map(|n| format!("docs/{n}")).collect();
    // Sorted by path: the deep directory comes after `m/3.txt`.
    let deep_at = expected.iter().position(|f| f == "docs/m/3.txt").unwrap() + 1;
    let deep = found.get(deep_at).cloned().unwrap_or_default();
    assert!(
        deep.starts_with("docs/m/deep/") && deep.len() > 4096,
        "{deep:.80}"
    );
    expected.insert(deep_at, deep.clone());
    assert_eq!(found, expected);
    assert_eq!(shown, "1 error, 120 warnings in 16 files");
    let line = r.stdout.lines().find(|l| l.starts_with(&deep)).unwrap();
    assert!(
        line.starts_with(&format!("{deep}:1:1: error[E003] cannot read {deep}: ")),
        "{line:.200}"
    );
}

// ---------------------------------------------------------------- once each

#[test]
fn a_path_given_twice_is_one_document() {
    let dir = tempfile::tempdir().unwrap();
    seeds(dir.path(), &["a.txt", "sub/b.txt"]);
    let r = check(
        dir.path(),
        &["--fix", "a.txt", "a.txt", "./a.txt", "sub/../a.txt"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let (found, shown) = files(&r);
    assert_eq!(found, ["a.txt"]);
    assert_eq!(
        shown,
        format!(
            "0 errors, {} warnings in 1 file ({SEED_SAFE_FIXES} fixed)",
            SEED_WARNINGS - SEED_SAFE_FIXES
        )
    );
    // A file named and also found in a directory: the first way wins.
    let r = check(dir.path(), &["sub/b.txt", "."]);
    assert_eq!(files(&r).0, ["sub/b.txt", "./a.txt"]);
    // Standard input given twice is read once.
    let r = run_in(
        dir.path(),
        &["check", "--output-format", "concise", "-", "-"],
        Some(SEED_TEXT.as_bytes()),
    );
    assert_eq!(r.code, 0);
    assert_eq!(r.stdout.lines().last(), Some(summary(0, 1).as_str()));
}

// ---------------------------------------------------------------- no files

#[test]
fn finding_no_document_is_not_a_silent_pass() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    seeds(dir.path(), &["docs/a.txt"]);
    for args in [
        &["empty"][..],
        &["--extension", "text", "docs"],
        &["--include", "nothing*", "docs"],
        &["--exclude", "*.txt", "docs"],
    ] {
        let r = check(dir.path(), args);
        assert_eq!(r.code, 2, "{args:?}");
        assert_eq!(r.stdout, "0 errors, 0 warnings in 0 files\n", "{args:?}");
        assert!(
            r.stderr.starts_with("warning: no documents found in "),
            "{args:?}: {}",
            r.stderr
        );
        assert!(r.stderr.contains("--allow-no-files"), "{}", r.stderr);
        // Unless it is expected.
        let mut allowed = vec!["--allow-no-files"];
        allowed.extend_from_slice(args);
        let r = check(dir.path(), &allowed);
        assert_eq!((r.code, r.stderr.as_str()), (0, ""), "{args:?}");
        assert_eq!(r.stdout, "0 errors, 0 warnings in 0 files\n");
    }
    // --exit-zero does not hide it: nothing was checked.
    let r = check(dir.path(), &["--exit-zero", "empty"]);
    assert_eq!(r.code, 2);
    // The warning names what was looked for.
    let r = check(dir.path(), &["--include", "2024/**", "empty"]);
    assert!(
        r.stderr.starts_with(
            "warning: no documents found in empty (looked for `*.txt` files matching 2024/**"
        ),
        "{}",
        r.stderr
    );
}
