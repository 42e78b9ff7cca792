//! `check`'s progress line: how many documents are done, on standard error,
//! redrawn in place, for long runs on a terminal only.
//!
//! The line is shown when standard error is a terminal (not `TERM=dumb`)
//! and the run is long: more than [`MANY`] documents, or longer than
//! [`LONG`]. It is redrawn at most every [`EVERY`], cleared before any
//! finding is written (standard output is often the same terminal) and
//! at the end, so that nothing of it stays on the screen or reaches a
//! file or a pipe.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

use fengong::diagnostic::plural;

/// More documents than this make a run long from the start.
pub(crate) const MANY: usize = 100;
/// A run that lasts longer than this is long, however few its documents.
pub(crate) const LONG: Duration = Duration::from_secs(1);
/// The line is redrawn at most this often.
pub(crate) const EVERY: Duration = Duration::from_millis(100);

/// Carriage return, then erase the line.
const ERASE: &str = "\r\u{1b}[2K";

/// The progress line of one run.
#[derive(Debug)]
pub(crate) struct Progress {
    /// Whether the line may be shown at all (standard error is a terminal,
    /// and not quiet).
    enabled: bool,
    /// How many documents the run checks.
    total: usize,
    started: Instant,
    /// When the line was last drawn, if it is on the screen now.
    drawn: Option<Instant>,
}

impl Progress {
    /// The progress line of a run over `total` documents: shown only if
    /// `wanted` (not quiet) and standard error is a terminal.
    pub(crate) fn new(total: usize, wanted: bool) -> Progress {
        let terminal =
            std::io::stderr().is_terminal() && std::env::var_os("TERM").is_none_or(|t| t != "dumb");
        Progress {
            enabled: wanted && terminal,
            total,
            started: Instant::now(),
            drawn: None,
        }
    }

    /// Erases the line if it is on the screen, before other output.
    pub(crate) fn clear(&mut self) {
        if self.drawn.take().is_some() {
            let _ = write_err(ERASE);
        }
    }

    /// Draws the line with `done` documents checked and the findings so
    /// far, if the run is long and the line was not drawn in the last
    /// [`EVERY`].
    pub(crate) fn update(&mut self, done: usize, errors: usize, warnings: usize) {
        if !self.enabled {
            return;
        }
        let now = Instant::now();
        let long = self.total > MANY || now.duration_since(self.started) > LONG;
        let due = self.drawn.is_none_or(|at| now.duration_since(at) >= EVERY);
        if !long || !due {
            return;
        }
        let line = format!(
            "{ERASE}checking: {done}/{} documents, {}, {}",
            self.total,
            plural(errors, "error", "errors"),
            plural(warnings, "warning", "warnings"),
        );
        if write_err(&line).is_ok() {
            self.drawn = Some(now);
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.clear();
    }
}

/// Writes `text` to standard error unbuffered.
fn write_err(text: &str) -> std::io::Result<()> {
    let mut err = std::io::stderr().lock();
    err.write_all(text.as_bytes()).and_then(|()| err.flush())
}
