//! Running the `fengong` binary from the integration tests.

#![allow(dead_code)] // each test binary uses its own part of this

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

/// The seed document's text.
pub const SEED_TEXT: &str = include_str!("../../seeds/000_ecc403549f0e7389.txt");

/// Writes `bytes` at `path`, making its directories as needed.
pub fn write(path: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// A temporary directory holding copies of the seed at `names` (relative
/// paths; directories are made as needed).
pub fn with_seeds(names: &[&str]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in names {
        write(&dir.path().join(name), SEED_TEXT.as_bytes());
    }
    dir
}

/// What one run of the binary gave.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// The crate's root, where `seeds/` and `fixtures/` are.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the binary in `dir` with `args`, feeding `stdin` if given.
pub fn run_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_fengong"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        // Exact texts are compared: no colours forced by the environment.
        .env_remove("CLICOLOR_FORCE")
        .env_remove("CI")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cannot run fengong");
    if let Some(bytes) = stdin {
        child.stdin.take().unwrap().write_all(bytes).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().expect("killed by a signal"),
        stdout: String::from_utf8(out.stdout).expect("stdout is not UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is not UTF-8"),
    }
}

/// Runs the binary from the crate root, feeding `stdin` if given.
pub fn run_with(args: &[&str], stdin: Option<&[u8]>) -> Run {
    run_in(root(), args, stdin)
}

/// Runs the binary from the crate root.
pub fn run(args: &[&str]) -> Run {
    run_with(args, None)
}

/// What a run on a terminal gave: the exit code and everything the
/// terminal received (standard output and standard error, interleaved as
/// written, with the terminal's `\r\n` line ends turned back into `\n`).
#[derive(Debug)]
pub struct TerminalRun {
    pub code: i32,
    pub screen: String,
}

/// Runs the binary in `dir` with standard output and standard error on a
/// pseudo-terminal `columns` wide (`TERM=xterm`, no colour variables but
/// those in `env`), standard input empty.
pub fn run_on_terminal(
    dir: &Path,
    args: &[&str],
    env: &[(&str, &str)],
    columns: u16,
) -> TerminalRun {
    use std::fs::File;
    use std::io::Read as _;
    use std::os::fd::{FromRawFd as _, OwnedFd};

    let (mut master, mut slave) = (0, 0);
    let size = libc::winsize {
        ws_row: 50,
        ws_col: columns,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: openpty writes two new descriptors, which we then own.
    let made = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(
        made,
        0,
        "openpty failed: {}",
        std::io::Error::last_os_error()
    );
    // SAFETY: both descriptors are open and owned by nobody else.
    let (master, slave) = unsafe { (File::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
    let mut child = {
        let mut command = Command::new(env!("CARGO_BIN_EXE_fengong"));
        command
            .args(args)
            .current_dir(dir)
            .env("TERM", "xterm")
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR")
            .env_remove("CLICOLOR_FORCE")
            .env_remove("CI")
            .env_remove("COLUMNS")
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::from(slave.try_clone().unwrap()))
            .stderr(Stdio::from(slave));
        command.spawn().expect("cannot run fengong")
        // The command, holding our copies of the terminal's side, is
        // dropped here: reading ends when the child's copies close.
    };
    let mut master = master;
    let mut bytes = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        match master.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => bytes.extend_from_slice(&buffer[..n]),
            // Linux reports the closed terminal as EIO.
            Err(e) if e.raw_os_error() == Some(libc::EIO) => break,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => panic!("cannot read the terminal: {e}"),
        }
    }
    let status = child.wait().unwrap();
    TerminalRun {
        code: status.code().expect("killed by a signal"),
        screen: String::from_utf8(bytes)
            .expect("the terminal got bytes that are not UTF-8")
            .replace("\r\n", "\n"),
    }
}

/// `text` without its ANSI escape sequences (`ESC [ … letter`).
pub fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('\u{1b}') {
        out.push_str(&rest[..at]);
        rest = &rest[at + 1..];
        if let Some(tail) = rest.strip_prefix('[') {
            let end = tail
                .find(|c: char| c.is_ascii_alphabetic())
                .map_or(tail.len(), |i| i + 1);
            rest = &tail[end..];
        }
    }
    out.push_str(rest);
    out
}
