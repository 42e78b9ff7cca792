//! `check`'s lint settings: `--config FILE`, or the `fengong.toml` nearest
//! each document (in its directory or above it, as ruff finds `ruff.toml`),
//! and the problems of such a file, reported once under `E014`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use fengong::diagnostic::plural;
use fengong::lint::LintConfig;
use fengong::{Code, Diagnostic, LineIndex, Position, Span};

use super::input::Origin;
use super::output::Checked;

/// The name of the file found next to documents or above them.
pub(crate) const CONFIG_NAME: &str = "fengong.toml";

/// A configuration file that cannot be used: which, where in it, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ConfigError {
    /// The file as shown: as given with `--config`; found ones relative to
    /// the working directory when they are under it.
    pub(crate) path: PathBuf,
    /// The file's text, when it could be read as UTF-8.
    text: Option<String>,
    /// Where in `text` the problem is.
    span: Option<Span>,
    /// Where the problem is when there is no text (bytes that are not
    /// UTF-8).
    position: Option<Position>,
    /// What is wrong, on one line.
    pub(crate) message: String,
}

impl ConfigError {
    /// A problem of the file as a whole (it cannot be read).
    fn whole(path: PathBuf, message: String) -> ConfigError {
        ConfigError {
            path,
            text: None,
            span: None,
            position: None,
            message,
        }
    }

    /// Where the problem is: 1-based line and column (in characters), when
    /// known.
    pub(crate) fn position(&self) -> Option<Position> {
        match (&self.text, self.span) {
            (Some(text), Some(span)) => Some(LineIndex::new(text).position(span.start)),
            _ => self.position,
        }
    }

    /// `PATH:LINE:COLUMN: message`, or `PATH: message` for a file that
    /// cannot be read, on one line.
    pub(crate) fn one_line(&self) -> String {
        match self.position() {
            Some(at) => format!(
                "{}:{}:{}: {}",
                self.path.display(),
                at.line,
                at.column,
                self.message
            ),
            None => format!("{}: {}", self.path.display(), self.message),
        }
    }

    /// The problem as a finding about the configuration file itself, for
    /// `check`'s report; `skipped` documents were not checked because of it.
    pub(crate) fn into_checked(self, skipped: usize) -> Checked {
        let position = self.position();
        let span = self.span.unwrap_or(Span::empty(0));
        let mut diagnostic = Diagnostic::new(Code::InvalidConfig, span, self.message)
            .with_help("correct the file, or name another with --config; `fengong explain E014` lists the keys");
        if self.span.is_some() {
            diagnostic = diagnostic.with_label("here");
        }
        if skipped > 0 {
            diagnostic = diagnostic.with_note(format!(
                "{} under it {} not checked",
                plural(skipped, "document", "documents"),
                if skipped == 1 { "was" } else { "were" }
            ));
        }
        Checked {
            text: self.text,
            position,
            ..Checked::failed(self.path.display().to_string(), diagnostic)
        }
    }
}

/// Reads and checks a configuration file at `path`, shown as `shown`.
///
/// A name that exists but is not a regular file (a directory, a link that
/// cannot be followed, a named pipe) is an error, not "no configuration":
/// it is never opened, so a pipe cannot hang the run.
pub(crate) fn read_config(path: &Path, shown: &Path) -> Result<LintConfig, ConfigError> {
    let fail = |message: String| ConfigError::whole(shown.to_path_buf(), message);
    let meta = std::fs::metadata(path).map_err(|e| {
        let link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        if link {
            fail(format!("is a symbolic link that cannot be followed: {e}"))
        } else {
            fail(format!("cannot read it: {e}"))
        }
    })?;
    if meta.is_dir() {
        return Err(fail("is a directory, not a file".to_string()));
    }
    if !meta.is_file() {
        return Err(fail("is not a regular file".to_string()));
    }
    let bytes = std::fs::read(path).map_err(|e| fail(format!("cannot read it: {e}")))?;
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let prefix = String::from_utf8_lossy(valid);
            let at = LineIndex::new(&prefix).position(prefix.len());
            return Err(ConfigError {
                position: Some(at),
                ..fail(format!(
                    "is not UTF-8 text: byte {} is not",
                    e.utf8_error().valid_up_to()
                ))
            });
        }
    };
    match toml::from_str::<LintConfig>(&text) {
        Ok(config) => Ok(config),
        Err(e) => {
            // toml's own message draws the line under a caret, which breaks
            // one-line output formats: keep its first part, on one line.
            let message = e.message().trim().replace('\n', " ");
            let span = e.span().map(|s| Span::new(s.start, s.end.max(s.start)));
            Err(ConfigError {
                path: shown.to_path_buf(),
                text: Some(text),
                span,
                position: span.is_none().then_some(Position { line: 1, column: 1 }),
                message,
            })
        }
    }
}

/// A found configuration (or its problem), shared by the documents under it.
type Found = Result<Option<Arc<LintConfig>>, Arc<ConfigError>>;

/// Finds the lint settings of each document: `--config`, or the nearest
/// `fengong.toml` in the document's directory or above it (cached per
/// directory), with `--select` and `--ignore` on top.
pub(crate) struct Settings {
    /// The settings of `--config`, which replace discovery.
    explicit: Option<LintConfig>,
    /// `--select`: replaces the file's `select` when not empty.
    select: Vec<Code>,
    /// `--ignore`: added to the file's `ignore`.
    ignore: Vec<Code>,
    /// The working directory, resolved, to show found files relative to it.
    cwd: Option<PathBuf>,
    /// What was found for each directory (resolved) looked in.
    found: Mutex<HashMap<PathBuf, Found>>,
}

impl Settings {
    /// Reads `--config` if given.
    ///
    /// # Errors
    ///
    /// The problem of the `--config` file: the run stops before checking.
    pub(crate) fn new(
        config: Option<&Path>,
        select: Vec<Code>,
        ignore: Vec<Code>,
    ) -> Result<Settings, ConfigError> {
        Ok(Settings {
            explicit: config.map(|path| read_config(path, path)).transpose()?,
            select,
            ignore,
            cwd: std::env::current_dir()
                .ok()
                .and_then(|d| std::fs::canonicalize(d).ok()),
            found: Mutex::new(HashMap::new()),
        })
    }

    /// How a found file is shown: relative to the working directory when
    /// it is under it (as documents are given), else in full.
    fn shown(&self, path: &Path) -> PathBuf {
        self.cwd
            .as_deref()
            .and_then(|cwd| path.strip_prefix(cwd).ok())
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| path.to_path_buf(), Path::to_path_buf)
    }

    /// The configuration for documents in `dir` (a resolved path).
    fn discover(&self, dir: &Path) -> Found {
        if let Ok(found) = self.found.lock() {
            if let Some(hit) = found.get(dir) {
                return hit.clone();
            }
        }
        let candidate = dir.join(CONFIG_NAME);
        // Anything by that name counts, even a directory or a broken link:
        // it was meant as the configuration, and is reported if unusable.
        let result = match std::fs::symlink_metadata(&candidate) {
            Ok(_) => read_config(&candidate, &self.shown(&candidate))
                .map(|c| Some(Arc::new(c)))
                .map_err(Arc::new),
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Arc::new(
                ConfigError::whole(self.shown(&candidate), format!("cannot read it: {e}")),
            )),
            Err(_) => match dir.parent() {
                Some(parent) if parent != dir => self.discover(parent),
                _ => Ok(None),
            },
        };
        if let Ok(mut found) = self.found.lock() {
            found.insert(dir.to_path_buf(), result.clone());
        }
        result
    }

    /// The settings for a document at `origin` (standard input takes those
    /// of the directory of its `--stdin-filename`, or of the working
    /// directory).
    ///
    /// # Errors
    ///
    /// The problem of the configuration file that governs the document.
    pub(crate) fn for_origin(&self, origin: &Origin) -> Result<LintConfig, Arc<ConfigError>> {
        let mut config = match &self.explicit {
            Some(config) => config.clone(),
            None => {
                let path = match origin {
                    Origin::File(path) => Some(path.as_path()),
                    Origin::Stdin => super::input::stdin_name(),
                };
                let dir = path
                    .and_then(Path::parent)
                    .filter(|p| !p.as_os_str().is_empty())
                    .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
                let dir = std::fs::canonicalize(&dir).unwrap_or(dir);
                self.discover(&dir)?
                    .map(|c| LintConfig::clone(&c))
                    .unwrap_or_default()
            }
        };
        if !self.select.is_empty() {
            config.select = self.select.clone();
        }
        config.ignore.extend(self.ignore.iter().copied());
        Ok(config)
    }
}

/// Each configuration problem once, in the order first met, with how many
/// documents it kept from being checked.
#[derive(Debug, Default)]
pub(crate) struct Problems(Vec<(Arc<ConfigError>, usize)>);

impl Problems {
    /// Records that a document was not checked because of `error`.
    pub(crate) fn add(&mut self, error: Arc<ConfigError>) {
        match self.0.iter_mut().find(|(e, _)| e.path == error.path) {
            Some((_, count)) => *count += 1,
            None => self.0.push((error, 1)),
        }
    }

    /// How many documents were not checked.
    pub(crate) fn skipped(&self) -> usize {
        self.0.iter().map(|(_, count)| count).sum()
    }

    /// The problems as findings for the report.
    pub(crate) fn into_checked(self) -> Vec<Checked> {
        self.0
            .into_iter()
            .map(|(e, count)| Arc::unwrap_or_clone(e).into_checked(count))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<LintConfig, ConfigError> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(CONFIG_NAME);
        std::fs::write(&path, text).unwrap();
        read_config(&path, Path::new("fengong.toml"))
    }

    #[test]
    fn config_errors_are_located_on_one_line() {
        let error = read("ignore = []\nselect = [\"W004\"\n").unwrap_err();
        assert_eq!(
            error.one_line(),
            "fengong.toml:2:17: unclosed array, expected `]`"
        );
        let error = read("select = [\"W999\"]\n").unwrap_err();
        assert_eq!(
            error.one_line(),
            "fengong.toml:1:11: unknown diagnostic code or name `W999`"
        );
        assert_eq!(
            read("select = [\"W004\"]\n").unwrap().select,
            [Code::StraySeparator]
        );
    }

    #[test]
    fn unknown_keys_are_errors_at_the_key() {
        let error = read("select = []\nignor = [\"W006\"]\n").unwrap_err();
        assert_eq!(
            error.one_line(),
            "fengong.toml:2:1: unknown field `ignor`, expected one of `select`, `ignore`, `severity`, `known_units`"
        );
        let error = read("[lint]\nignore = [\"W006\"]\n").unwrap_err();
        assert!(
            error
                .one_line()
                .starts_with("fengong.toml:1:2: unknown field `lint`"),
            "{}",
            error.one_line()
        );
    }

    #[test]
    fn text_that_is_not_utf8_is_located() {
        let error = read("select = []\n# \u{e9}\n").map(|_| ());
        assert!(error.is_ok());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(CONFIG_NAME);
        std::fs::write(&path, b"select = []\n# \xE9\n").unwrap();
        let error = read_config(&path, Path::new("f.toml")).unwrap_err();
        assert_eq!(
            error.one_line(),
            "f.toml:2:3: is not UTF-8 text: byte 14 is not"
        );
    }

    #[test]
    fn a_directory_is_an_error_not_an_absence() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(CONFIG_NAME);
        std::fs::create_dir(&path).unwrap();
        let error = read_config(&path, Path::new("fengong.toml")).unwrap_err();
        assert_eq!(error.one_line(), "fengong.toml: is a directory, not a file");
        assert_eq!(error.position(), None);
    }

    #[test]
    fn problems_are_counted_once_per_file() {
        let mut problems = Problems::default();
        let a = Arc::new(ConfigError::whole("a/fengong.toml".into(), "x".into()));
        let b = Arc::new(ConfigError::whole("b/fengong.toml".into(), "y".into()));
        problems.add(a.clone());
        problems.add(b);
        problems.add(a);
        let checked = problems.into_checked();
        assert_eq!(checked.len(), 2);
        assert_eq!(checked[0].display, "a/fengong.toml");
        assert_eq!(
            checked[0].diagnostics[0].notes(),
            ["2 documents under it were not checked"]
        );
        assert_eq!(checked[0].diagnostics[0].code(), Code::InvalidConfig);
    }
}
