//! The temporary files of a rewrite and the signals that stop one: every
//! temporary file is registered while it exists, and SIGTERM, SIGINT or
//! SIGHUP deletes the registered files before the process exits. Also the
//! integration tests' hook that pauses a rewrite before it replaces a file.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, Once, PoisonError};
use std::time::{Duration, Instant};

use super::WriteError;

/// The temporary files that exist now, to delete if the process is told to
/// stop. Creating one and registering it, renaming one and unregistering
/// it, and an in-place write each happen under this lock, which the
/// cleanup takes too.
static TEMPORARIES: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// The registry of temporary files, locked.
pub(super) fn registry() -> MutexGuard<'static, Vec<PathBuf>> {
    TEMPORARIES.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Deletes every temporary file in `registry` and empties it; returns how
/// many were deleted.
pub(super) fn remove_temporaries(registry: &mut Vec<PathBuf>) -> usize {
    registry
        .drain(..)
        .filter(|path| std::fs::remove_file(path).is_ok())
        .count()
}

/// Installs, once, the handler of SIGTERM, SIGINT and SIGHUP: a thread that
/// deletes the temporary files and exits with 128 + the signal's number.
/// Best effort: if it cannot be installed, writes still work.
pub(super) fn install_cleanup() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP]) else {
            return;
        };
        let _ = std::thread::Builder::new()
            .name("fengong-signals".to_string())
            .spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    // Held until the process exits: nothing is created or
                    // renamed after the cleanup.
                    let mut registry = registry();
                    remove_temporaries(&mut registry);
                    std::process::exit(128 + signal);
                }
            });
    });
}

/// A registered temporary file: deleted and unregistered when dropped,
/// unless it was renamed over its target.
pub(super) struct Temporary {
    file: Option<tempfile::NamedTempFile>,
    pub(super) path: PathBuf,
}

impl Temporary {
    /// Creates a temporary file in `dir` and registers it.
    pub(super) fn create(dir: &Path) -> Result<Temporary, WriteError> {
        let mut registry = registry();
        let file = tempfile::Builder::new()
            .prefix(".fengong-")
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(WriteError::io(format!(
                "cannot create a temporary file in {}",
                dir.display()
            )))?;
        let path = file.path().to_path_buf();
        registry.push(path.clone());
        Ok(Temporary {
            file: Some(file),
            path,
        })
    }

    /// The open file.
    pub(super) fn file(&self) -> Result<&File, WriteError> {
        self.file
            .as_ref()
            .map(tempfile::NamedTempFile::as_file)
            .ok_or(WriteError::NotLoaded)
    }

    /// Renames the file over `target` and unregisters it; the caller holds
    /// the `registry` lock.
    pub(super) fn persist(
        mut self,
        target: &Path,
        registry: &mut Vec<PathBuf>,
    ) -> Result<(), WriteError> {
        let Some(file) = self.file.take() else {
            return Err(WriteError::NotLoaded);
        };
        let result = file.persist(target);
        registry.retain(|p| *p != self.path);
        match result {
            Ok(_) => Ok(()),
            // Dropping the error deletes the temporary file.
            Err(e) => Err(WriteError::io("cannot rename the new text over it")(
                e.error,
            )),
        }
    }
}

impl Drop for Temporary {
    fn drop(&mut self) {
        if let Some(file) = self.file.take() {
            let mut registry = registry();
            drop(file);
            registry.retain(|p| *p != self.path);
        }
    }
}

/// The environment variable of the test hook, [`pause_for_tests`].
const PAUSE_VARIABLE: &str = "FENGONG_TEST_PAUSE_BEFORE_REPLACE";

/// A hook for the integration tests, not an interface: when
/// `FENGONG_TEST_PAUSE_BEFORE_REPLACE` names a directory, a rewrite creates
/// `paused` in it once the new text is ready (in the temporary file) and
/// before checking the file and replacing it, then waits (a minute at most)
/// until `resume` exists there. The tests change the file or send a signal
/// in between; without the variable nothing happens.
pub(super) fn pause_for_tests() {
    let Some(dir) = std::env::var_os(PAUSE_VARIABLE) else {
        return;
    };
    let dir = PathBuf::from(dir);
    if std::fs::write(dir.join("paused"), b"").is_err() {
        return;
    }
    let resume = dir.join("resume");
    let until = Instant::now() + Duration::from_secs(60);
    while !resume.exists() && Instant::now() < until {
        std::thread::sleep(Duration::from_millis(10));
    }
}
