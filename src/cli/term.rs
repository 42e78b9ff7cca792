//! Writing to standard output and standard error.

use std::io::Write;

/// Writes `text` to standard output; returns the exit code (0, or 2 when
/// standard output fails other than by a closed pipe).
pub(crate) fn print_out(text: &str) -> u8 {
    print_bytes(text.as_bytes())
}

/// Writes `bytes` to standard output, as [`print_out`].
pub(crate) fn print_bytes(bytes: &[u8]) -> u8 {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => 0,
        // A closed pipe (`| head`) is not our failure.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            eprintln!("error: cannot write to standard output: {e}");
            2
        }
    }
}
