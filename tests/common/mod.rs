//! Running the `fengong` binary from the integration tests.

#![allow(dead_code)] // each test binary uses its own part of this

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

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
