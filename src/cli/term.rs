//! Writing to standard output and standard error without panicking.
//!
//! `println!` and `eprintln!` panic when their stream fails (a full disk,
//! `2>/dev/full`, a pipe whose reader is gone), so the binary denies them
//! (`clippy::print_stdout`, `clippy::print_stderr` in `main.rs`) and writes
//! through here instead. Every function returns an exit status: 0 when the
//! text was written, 0 as well when the reader closed the pipe (`| head`
//! is not our failure, as `head`-friendly tools do), and 2 when the stream
//! failed otherwise.

use std::io::{self, BufWriter, Write};

/// Which standard stream a failure happened on, for its message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stream {
    /// Standard output.
    Out,
    /// Standard error.
    Err,
}

/// The exit status of a write to `stream`: 0 when it succeeded or the
/// reader closed the pipe, else 2 (after saying so on standard error when
/// standard output failed; a failing standard error cannot say anything).
pub(crate) fn status(result: io::Result<()>, stream: Stream) -> u8 {
    match result {
        Ok(()) => 0,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            if stream == Stream::Out {
                // Best effort: standard error may be failing too.
                let _ = write_all_err(format!("error: cannot write to standard output: {e}\n"));
            }
            2
        }
    }
}

/// Standard output, buffered, for writing a long output piece by piece.
pub(crate) fn stdout() -> BufWriter<io::StdoutLock<'static>> {
    BufWriter::with_capacity(64 * 1024, io::stdout().lock())
}

/// Standard error, buffered, for writing a long output piece by piece.
pub(crate) fn stderr() -> BufWriter<io::StderrLock<'static>> {
    BufWriter::with_capacity(64 * 1024, io::stderr().lock())
}

/// Writes `text` to standard output; returns the exit status (see
/// [`status`]).
pub(crate) fn print_out(text: &str) -> u8 {
    print_bytes(text.as_bytes())
}

/// Writes `bytes` to standard output, as [`print_out`].
pub(crate) fn print_bytes(bytes: &[u8]) -> u8 {
    let mut out = io::stdout().lock();
    status(out.write_all(bytes).and_then(|()| out.flush()), Stream::Out)
}

/// Writes everything `write` writes to buffered standard output, then
/// flushes it; returns the exit status. `write` should stop at its first
/// error (`?`), so that a closed pipe ends the work too.
///
/// The writer is the buffer's own type, not `dyn Write`: a writer of many
/// small pieces (`serde_json` writes each quote and comma on its own)
/// copies them into the buffer inline instead of through a virtual call.
pub(crate) fn print_with(
    write: impl FnOnce(&mut BufWriter<io::StdoutLock<'static>>) -> io::Result<()>,
) -> u8 {
    let mut out = stdout();
    let result = write(&mut out).and_then(|()| out.flush());
    status(result, Stream::Out)
}

/// Writes everything `write` writes to buffered standard error, then
/// flushes it; returns the exit status, as [`print_with`].
pub(crate) fn eprint_with(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> u8 {
    let mut err = stderr();
    let result = write(&mut err).and_then(|()| err.flush());
    status(result, Stream::Err)
}

/// Writes `text` to standard error and flushes it.
fn write_all_err(text: impl AsRef<[u8]>) -> io::Result<()> {
    let mut err = io::stderr().lock();
    err.write_all(text.as_ref()).and_then(|()| err.flush())
}

/// Writes `text` to standard error; returns the exit status (see
/// [`status`]).
pub(crate) fn print_err(text: &str) -> u8 {
    status(write_all_err(text), Stream::Err)
}

/// Writes `line` and a line break to standard error; returns the exit
/// status (see [`status`]).
pub(crate) fn eprint_line(line: &str) -> u8 {
    let mut text = String::with_capacity(line.len() + 1);
    text.push_str(line);
    text.push('\n');
    print_err(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_pipe_is_not_a_failure_but_a_full_disk_is() {
        let pipe = io::Error::from(io::ErrorKind::BrokenPipe);
        assert_eq!(status(Err(pipe), Stream::Err), 0);
        assert_eq!(status(Ok(()), Stream::Out), 0);
        let full = io::Error::from(io::ErrorKind::StorageFull);
        assert_eq!(status(Err(full), Stream::Err), 2);
    }
}
