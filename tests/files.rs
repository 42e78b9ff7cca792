//! Rewriting files without losing data (`fmt --write`, `check --fix`):
//! symbolic and hard links, what is not a regular file, owner, mode and
//! extended attributes, read-only files, files changed during the run, bytes
//! that do not come back the same through GB18030, signals during a write
//! and failing writes. Every case runs the real binary. The tests run as
//! root (they change owners).

use std::fs;
use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fengong::source::{encode, Encoding};

mod common;
use common::*;

/// A small document with one safe fix (the trailing `、` of `区人社局、`);
/// it is not in the canonical layout either.
const DOC: &str = "附件：\n标题\n\t序号\n\t工作任务\n\t滨海新区责任单位\n\t东疆责任单位\n\t（一）类别\n\t1\n\t任务文本。\n\t区人社局、\n\t人社局\n";

/// [`DOC`] fixed.
fn fixed() -> String {
    DOC.replace("区人社局、", "区人社局")
}

/// [`DOC`] in the canonical layout.
fn canonical() -> String {
    fengong::to_canonical_string(&fengong::parse(DOC).unwrap())
}

fn check_fix(dir: &Path, path: &str) -> Run {
    run_in(
        dir,
        &["check", "--output-format", "concise", "--fix", path],
        None,
    )
}

fn fmt_write(dir: &Path, path: &str) -> Run {
    run_in(dir, &["fmt", "--write", path], None)
}

/// The temporary files left in `dir`.
fn temporaries(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".fengong-"))
        .collect()
}

/// Asserts that a run refused with E015 and `message`, exit code 2.
fn assert_refused(r: &Run, message: &str) {
    assert_eq!(r.code, 2, "stdout: {}\nstderr: {}", r.stdout, r.stderr);
    let all = format!("{}{}", r.stdout, r.stderr);
    assert!(all.contains("E015"), "{all}");
    assert!(all.contains(message), "expected {message:?} in:\n{all}");
}

// ------------------------------------------------------------ links

#[test]
fn symbolic_links_are_written_through_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path();
    fs::create_dir(base.join("real")).unwrap();
    fs::write(base.join("real/a.txt"), DOC).unwrap();
    std::os::unix::fs::symlink("real/a.txt", base.join("link.txt")).unwrap();
    // A chain of two links, the first in another directory.
    fs::create_dir(base.join("docs")).unwrap();
    std::os::unix::fs::symlink("../link.txt", base.join("docs/chain.txt")).unwrap();

    let r = check_fix(base, "link.txt");
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.ends_with("(1 fixed)\n"), "{}", r.stdout);
    assert_eq!(
        fs::read_to_string(base.join("real/a.txt")).unwrap(),
        fixed()
    );
    assert_eq!(
        fs::read_link(base.join("link.txt")).unwrap(),
        Path::new("real/a.txt")
    );

    fs::write(base.join("real/a.txt"), DOC).unwrap();
    let r = fmt_write(base, "docs/chain.txt");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        fs::read_to_string(base.join("real/a.txt")).unwrap(),
        canonical()
    );
    assert_eq!(
        fs::read_link(base.join("docs/chain.txt")).unwrap(),
        Path::new("../link.txt")
    );
    assert!(fs::symlink_metadata(base.join("link.txt"))
        .unwrap()
        .is_symlink());
    for sub in ["", "real", "docs"] {
        assert!(temporaries(&base.join(sub)).is_empty());
    }
}

#[test]
fn symbolic_links_found_in_a_directory_are_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path();
    fs::create_dir_all(base.join("outside")).unwrap();
    fs::create_dir_all(base.join("docs")).unwrap();
    fs::write(base.join("outside/real.txt"), DOC).unwrap();
    std::os::unix::fs::symlink("../outside/real.txt", base.join("docs/a.txt")).unwrap();
    fs::write(base.join("docs/b.txt"), DOC).unwrap();

    let r = check_fix(base, "docs");
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.ends_with("in 2 files (2 fixed)\n"), "{}", r.stdout);
    assert_eq!(
        fs::read_to_string(base.join("outside/real.txt")).unwrap(),
        fixed()
    );
    assert!(fs::symlink_metadata(base.join("docs/a.txt"))
        .unwrap()
        .is_symlink());
    assert_eq!(
        fs::read_to_string(base.join("docs/b.txt")).unwrap(),
        fixed()
    );
}

#[test]
fn hard_links_keep_their_identity() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path();
    let a = base.join("a.txt");
    fs::write(&a, DOC).unwrap();
    fs::hard_link(&a, base.join("b.txt")).unwrap();
    let inode = fs::metadata(&a).unwrap().ino();

    let r = check_fix(base, "a.txt");
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(fs::read_to_string(base.join("b.txt")).unwrap(), fixed());
    assert_eq!(fs::metadata(&a).unwrap().ino(), inode);
    assert_eq!(fs::metadata(&a).unwrap().nlink(), 2);

    // Growing (fmt adds blank lines) and shrinking in place.
    fs::write(&a, DOC).unwrap();
    let r = fmt_write(base, "b.txt");
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(fs::read_to_string(&a).unwrap(), canonical());
    let longer = DOC.replace("区人社局、", "区人社局、、、、、、、、");
    fs::write(&a, &longer).unwrap();
    let r = check_fix(base, "b.txt");
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(fs::read_to_string(&a).unwrap(), fixed());
    assert_eq!(fs::metadata(base.join("b.txt")).unwrap().ino(), inode);
    assert!(temporaries(base).is_empty());
}

// ------------------------------------------------------------ not files

/// Runs the binary with `args` in `dir` (standard input empty), failing
/// the test instead of waiting forever if it does not end in 20 seconds.
fn run_bounded(dir: &Path, args: &[&str]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_fengong"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    wait_bounded(&mut child, Duration::from_secs(20));
    finish(child)
}

/// Waits for `child`; kills it and fails if it takes longer than `limit`.
fn wait_bounded(child: &mut Child, limit: Duration) {
    let until = Instant::now() + limit;
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > until {
            let _ = child.kill();
            panic!("fengong did not end within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn finish(child: Child) -> Run {
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().expect("killed by a signal"),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

#[test]
fn what_is_not_a_regular_file_is_refused_without_waiting() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path();
    mkfifo(&base.join("fifo.txt"));
    let r = run_bounded(base, &["check", "--fix", "fifo.txt"]);
    assert_refused(&r, "cannot rewrite fifo.txt: not a regular file (a FIFO)");
    let r = run_bounded(base, &["fmt", "--write", "fifo.txt"]);
    assert_refused(&r, "cannot rewrite fifo.txt: not a regular file (a FIFO)");
    assert_eq!(
        r.stderr,
        "error[E015]: cannot rewrite fifo.txt: not a regular file (a FIFO)\n"
    );

    // Found in a directory, beside a document that is fixed: the walk
    // skips what is not a regular file, as ripgrep does, and never opens
    // it.
    fs::create_dir(base.join("docs")).unwrap();
    mkfifo(&base.join("docs/pipe.txt"));
    fs::write(base.join("docs/a.txt"), DOC).unwrap();
    let r = run_bounded(
        base,
        &["check", "--output-format", "concise", "--fix", "docs"],
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.ends_with("in 1 file (1 fixed)\n"), "{}", r.stdout);
    assert_eq!(
        fs::read_to_string(base.join("docs/a.txt")).unwrap(),
        fixed()
    );

    // A device given as a path (standard input is /dev/null here), a
    // directory.
    let r = run_bounded(base, &["fmt", "--write", "/dev/stdin"]);
    assert_refused(
        &r,
        "cannot rewrite /dev/stdin: not a regular file (a character device)",
    );
    let r = run_bounded(base, &["fmt", "--write", "docs"]);
    assert_refused(&r, "cannot rewrite docs: not a regular file (a directory)");
    let r = run_bounded(base, &["check", "--fix", "/dev/null"]);
    assert_refused(&r, "not a regular file (a character device)");
}

// ------------------------------------------------------------ metadata

/// A POSIX access ACL in the kernel's xattr form: the owner rw, user 65534
/// r, the group r, the mask r, others nothing.
fn acl() -> Vec<u8> {
    let mut acl = 2u32.to_le_bytes().to_vec();
    for (tag, perm, id) in [
        (0x01u16, 6u16, u32::MAX),
        (0x02, 4, 65534),
        (0x04, 4, u32::MAX),
        (0x10, 4, u32::MAX),
        (0x20, 0, u32::MAX),
    ] {
        acl.extend_from_slice(&tag.to_le_bytes());
        acl.extend_from_slice(&perm.to_le_bytes());
        acl.extend_from_slice(&id.to_le_bytes());
    }
    acl
}

#[test]
fn owner_group_mode_and_extended_attributes_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path();
    for (name, acl_too) in [("plain.txt", false), ("acl.txt", true)] {
        let path = base.join(name);
        fs::write(&path, DOC).unwrap();
        std::os::unix::fs::chown(&path, Some(65534), Some(65534)).unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        xattr::set(&path, "user.fengong", "分工".as_bytes()).unwrap();
        if acl_too {
            xattr::set(&path, "system.posix_acl_access", &acl()).unwrap();
        }
        let before = fs::metadata(&path).unwrap();
        let attributes = |path: &Path| {
            let mut names: Vec<_> = xattr::list(path).unwrap().collect();
            names.sort();
            names
                .into_iter()
                .map(|n| {
                    let value = xattr::get(path, &n).unwrap();
                    (n, value)
                })
                .collect::<Vec<_>>()
        };
        let attributes_before = attributes(&path);

        for (fmt, expected) in [(false, fixed()), (true, canonical())] {
            let r = if fmt {
                fmt_write(base, name)
            } else {
                check_fix(base, name)
            };
            assert_eq!(r.code, 0, "{name}: {}{}", r.stdout, r.stderr);
            assert_eq!(fs::read_to_string(&path).unwrap(), expected);
            let after = fs::metadata(&path).unwrap();
            assert_eq!((after.uid(), after.gid()), (65534, 65534), "{name}");
            assert_eq!(after.mode(), before.mode(), "{name}");
            assert_eq!(after.nlink(), 1, "{name}");
            assert_eq!(attributes(&path), attributes_before, "{name}");
        }
        assert_eq!(
            xattr::get(&path, "user.fengong").unwrap().unwrap(),
            "分工".as_bytes()
        );
    }
    assert!(temporaries(base).is_empty());
}

#[test]
fn read_only_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path();
    let path = base.join("a.txt");
    fs::write(&path, DOC).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let r = check_fix(base, "a.txt");
    assert_refused(&r, "cannot rewrite a.txt: it is read-only (mode 444)");
    let r = fmt_write(base, "a.txt");
    assert_refused(&r, "cannot rewrite a.txt: it is read-only (mode 444)");
    assert_eq!(fs::read_to_string(&path).unwrap(), DOC);
    assert_eq!(fs::metadata(&path).unwrap().mode() & 0o777, 0o444);
    // A read-only file with nothing to change is fine.
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    fs::write(&path, canonical()).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    assert_eq!(fmt_write(base, "a.txt").code, 0);
    assert!(temporaries(base).is_empty());
}

// ------------------------------------------------------------ concurrency

/// The test hook of the binary: with this variable naming a directory, a
/// rewrite creates `paused` there when the new text is ready and waits for
/// `resume` before it checks the file and replaces it.
const PAUSE: &str = "FENGONG_TEST_PAUSE_BEFORE_REPLACE";

/// Starts the binary with the pause hook in `hook`.
fn start_paused(dir: &Path, hook: &Path, args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_fengong"))
        .args(args)
        .current_dir(dir)
        .env(PAUSE, hook)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Waits until the binary has paused.
fn wait_paused(child: &mut Child, hook: &Path) {
    let until = Instant::now() + Duration::from_secs(30);
    while !hook.join("paused").exists() {
        if Instant::now() > until || child.try_wait().unwrap().is_some() {
            let _ = child.kill();
            panic!("fengong did not pause");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn resume(child: &mut Child, hook: &Path) {
    fs::write(hook.join("resume"), b"").unwrap();
    wait_bounded(child, Duration::from_secs(30));
}

#[test]
fn a_file_changed_during_the_run_is_not_overwritten() {
    for links in [1, 2] {
        for args in [
            &["check", "--fix", "a.txt"][..],
            &["fmt", "--write", "a.txt"],
        ] {
            let dir = tempfile::tempdir().unwrap();
            let hook = tempfile::tempdir().unwrap();
            let base = dir.path();
            let path = base.join("a.txt");
            fs::write(&path, DOC).unwrap();
            if links == 2 {
                fs::hard_link(&path, base.join("b.txt")).unwrap();
            }
            let mut child = start_paused(base, hook.path(), args);
            wait_paused(&mut child, hook.path());
            // Another program appends a line meanwhile.
            let appended = format!("{DOC}\t追加的一行\n");
            fs::write(&path, &appended).unwrap();
            resume(&mut child, hook.path());
            let r = finish(child);
            assert_refused(
                &r,
                "cannot rewrite a.txt: it changed since it was read; nothing written",
            );
            assert_eq!(fs::read_to_string(&path).unwrap(), appended, "{args:?}");
            assert!(temporaries(base).is_empty());
        }
    }
}

// ------------------------------------------------------------ encodings

fn gb(text: &str) -> Vec<u8> {
    encode(text, Encoding::Gb18030, false).unwrap()
}

/// Replaces the first `from` in `bytes` by `to`.
fn splice(bytes: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let at = bytes
        .windows(from.len())
        .position(|w| w == from)
        .expect("not found");
    [&bytes[..at], to, &bytes[at + from.len()..]].concat()
}

#[test]
fn gb18030_bytes_on_untouched_lines_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path();
    let path = base.join("gb.txt");
    // `80` (read as €, written A2 E3) and `A3 A0` (read as U+3000, written
    // A1 A1) in the task's text, which no fix touches.
    let text = gb("任务文本。");
    let odd = [&text[..4], b"\x80\xA3\xA0", &text[4..]].concat();
    let original = splice(&gb(DOC), &text, &odd);
    fs::write(&path, &original).unwrap();
    let r = check_fix(base, "gb.txt");
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.ends_with("(1 fixed)\n"), "{}", r.stdout);
    let expected = splice(&original, &gb("区人社局、"), &gb("区人社局"));
    assert_eq!(fs::read(&path).unwrap(), expected);

    // fmt adds blank lines and keeps them too.
    let r = fmt_write(base, "gb.txt");
    assert_eq!(r.code, 0, "{}", r.stderr);
    let canonical = splice(&gb(&canonical()), &text, &odd);
    assert_eq!(fs::read(&path).unwrap(), canonical);
}

#[test]
fn gb18030_bytes_that_would_change_on_a_changed_line_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path();
    let path = base.join("gb.txt");
    let original = splice(
        &gb(DOC),
        &gb("区人社局、"),
        &[gb("区人社局").as_slice(), b"\x80", &gb("、")].concat(),
    );
    let at = original.iter().position(|&b| b == 0x80).expect("no 0x80");
    fs::write(&path, &original).unwrap();
    let message = format!(
        "cannot rewrite gb.txt: byte {at} (0x80) does not come back the same in GB18030; nothing written"
    );
    let r = check_fix(base, "gb.txt");
    assert_refused(&r, &message);
    let r = fmt_write(base, "gb.txt");
    assert_refused(&r, &message);
    assert_eq!(fs::read(&path).unwrap(), original);
    assert!(temporaries(base).is_empty());
}

// ------------------------------------------------------------ signals

#[test]
fn a_signal_during_a_write_leaves_no_temporary_file() {
    for (signal, code) in [("TERM", 143), ("INT", 130)] {
        let dir = tempfile::tempdir().unwrap();
        let hook = tempfile::tempdir().unwrap();
        let base = dir.path();
        let path = base.join("a.txt");
        fs::write(&path, DOC).unwrap();
        let mut child = start_paused(base, hook.path(), &["check", "--fix", "a.txt"]);
        wait_paused(&mut child, hook.path());
        // The new text is in the temporary file now.
        assert_eq!(temporaries(base).len(), 1);
        let status = Command::new("kill")
            .args([format!("-{signal}"), child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        wait_bounded(&mut child, Duration::from_secs(30));
        let r = finish(child);
        assert_eq!(r.code, code, "{signal}: {}", r.stderr);
        assert!(temporaries(base).is_empty(), "SIG{signal}");
        assert_eq!(fs::read_to_string(&path).unwrap(), DOC);
    }
}

// ------------------------------------------------------------ failures

/// Runs the binary under bash with a file size limit of `blocks` KiB (and
/// SIGXFSZ ignored, so that a write past it fails with EFBIG instead of
/// killing the process).
fn run_limited(dir: &Path, blocks: u64, args: &[&str]) -> Run {
    let script = format!("trap '' XFSZ; ulimit -f {blocks}; exec \"$0\" \"$@\"",);
    let child = Command::new("bash")
        .arg("-c")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_fengong"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    finish(child)
}

/// A document of at most `limit` bytes whose canonical layout is longer.
fn growing_document(limit: usize) -> (String, String) {
    for pad in 0..limit {
        let doc = fixed().replacen("标题", &format!("标题{}", "x".repeat(pad)), 1);
        let canonical = fengong::to_canonical_string(&fengong::parse(&doc).unwrap());
        if doc.len() <= limit && canonical.len() > limit {
            return (doc, canonical);
        }
    }
    panic!("no document fits");
}

#[test]
fn failed_writes_are_reported_and_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path();
    let (doc, _) = growing_document(2048);
    assert!(doc.len() <= 2048);
    // Through a temporary file: writing it fails.
    let path = base.join("a.txt");
    fs::write(&path, &doc).unwrap();
    let r = run_limited(base, 2, &["fmt", "--write", "a.txt"]);
    assert_refused(
        &r,
        "error[E015]: cannot rewrite a.txt: cannot write the new text: File too large",
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), doc);
    assert!(temporaries(base).is_empty());

    // In place (two names): the part past the old end is written first and
    // fails; the file is as it was.
    fs::hard_link(&path, base.join("b.txt")).unwrap();
    let r = run_limited(base, 2, &["fmt", "--write", "a.txt"]);
    assert_refused(
        &r,
        "cannot rewrite a.txt: cannot write the new text (the file is as it was): File too large",
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), doc);
    assert_eq!(fs::metadata(&path).unwrap().len(), doc.len() as u64);

    // check's report of a failed write names E015, not E003 (the seed is
    // 21 KB, over a limit of 4 KiB).
    let seed = fs::read(root().join("seeds/000_ecc403549f0e7389.txt")).unwrap();
    let big = base.join("seed.txt");
    fs::write(&big, &seed).unwrap();
    let r = run_limited(
        base,
        4,
        &["check", "--output-format", "concise", "--fix", "seed.txt"],
    );
    assert_refused(
        &r,
        "seed.txt:1:1: error[E015] cannot rewrite seed.txt: cannot write the new text: File too large",
    );
    assert!(!r.stdout.contains("E003"), "{}", r.stdout);
    assert_eq!(fs::read(&big).unwrap(), seed);
    assert!(temporaries(base).is_empty());
}
