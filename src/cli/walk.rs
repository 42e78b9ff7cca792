//! The documents `check` reads: the paths given on the command line, with
//! directories searched (with the `ignore` crate, as ripgrep and ruff do).
//!
//! In a directory, a file is a document when
//!
//! - its name ends in `.EXTENSION` (`--extension`, `txt` by default) and
//!   matches one of the `--include` globs, if any;
//! - it is not hidden (a name starting with `.`), nor under a hidden
//!   directory or one named `target`;
//! - it is not ignored by `.ignore` files, nor by `.gitignore` files and
//!   `.git/info/exclude` inside a git repository (as git itself: outside a
//!   repository, a `.gitignore` means nothing; the user's global gitignore
//!   is not read, so that a run gives the same files on every machine), nor
//!   by an `--exclude` glob;
//! - it is a regular file, or a symbolic link to one. Links to directories
//!   are not followed (as git and ripgrep), so a walk never loops nor leaves
//!   the tree; named pipes, sockets and devices are never opened.
//!
//! Globs are written as in `.gitignore`, relative to the directory given:
//! `drafts/` is any directory named `drafts`, `/old.txt` only the one at the
//! top, `2024/**/*.txt` the files under `2024`.
//!
//! Paths given explicitly are checked whatever their name, as ruff does:
//! filters choose among the files of a directory. A path given twice (or a
//! file reached twice, through a link) is one document, shown the first way
//! it was met.
//!
//! A directory or a link that cannot be read is reported where it is, and
//! the walk goes on: one unreadable subdirectory does not hide the rest.
//! Within a directory given, entries come sorted by path, so that runs are
//! deterministic.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use ignore::overrides::{Override, OverrideBuilder};
use ignore::WalkBuilder;

use super::input::Origin;

/// Which files of a directory are documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Filters {
    /// The extension documents have, without the dot.
    pub(crate) extension: String,
    /// If not empty, only files matching one of these globs.
    pub(crate) include: Vec<String>,
    /// Files and directories matching one of these globs are skipped.
    pub(crate) exclude: Vec<String>,
}

/// One thing `check` reports on, in the order of the arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Entry {
    /// A document to check.
    Document(Origin),
    /// An entry of a directory that could not be read: reported as `E003`
    /// at `path`.
    Unreadable {
        /// The directory, ignore file or link that failed.
        path: PathBuf,
        /// What failed.
        message: String,
    },
}

impl Entry {
    /// The path the entry is about (`-` for standard input).
    fn path(&self) -> &Path {
        match self {
            Entry::Document(Origin::File(path)) | Entry::Unreadable { path, .. } => path,
            Entry::Document(Origin::Stdin) => Path::new("-"),
        }
    }
}

/// What identifies a document whatever way it is written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    /// Standard input, however often `-` is given.
    Stdin,
    /// A file, by its resolved path (or as given, if it cannot be
    /// resolved).
    Path(PathBuf),
    /// A problem, by the path it is about.
    Problem(PathBuf),
}

/// The include globs, matched against paths relative to the directory
/// walked.
struct Include(Option<Gitignore>);

impl Include {
    /// The matcher of `globs`; none when there are none (everything
    /// matches).
    fn new(globs: &[String]) -> Result<Include, String> {
        if globs.is_empty() {
            return Ok(Include(None));
        }
        let mut builder = GitignoreBuilder::new(".");
        for glob in globs {
            builder
                .add_line(None, glob)
                .map_err(|e| format!("invalid --include glob: {e}"))?;
        }
        let matcher = builder
            .build()
            .map_err(|e| format!("invalid --include glob: {e}"))?;
        Ok(Include(Some(matcher)))
    }

    /// Whether `rel`, a file's path relative to the directory walked, or a
    /// directory above it, matches.
    fn matches(&self, rel: &Path) -> bool {
        match &self.0 {
            None => true,
            Some(_) if rel.has_root() => false,
            Some(matcher) => matcher.matched_path_or_any_parents(rel, false).is_ignore(),
        }
    }
}

/// The `--exclude` globs for a walk of `root`.
fn excludes(root: &Path, globs: &[String]) -> Result<Override, String> {
    let mut builder = OverrideBuilder::new(root);
    for glob in globs {
        builder
            .add(&format!("!{glob}"))
            .map_err(|e| format!("invalid --exclude glob: {e}"))?;
    }
    builder
        .build()
        .map_err(|e| format!("invalid --exclude glob: {e}"))
}

/// Expands the arguments into documents and problems: directories are
/// searched (see the module's documentation), the rest is taken as given,
/// and each document appears once.
///
/// # Errors
///
/// A glob that cannot be read (a usage error, before anything is read).
pub(crate) fn collect(args: &[PathBuf], filters: &Filters) -> Result<Vec<Entry>, String> {
    let include = Include::new(&filters.include)?;
    excludes(Path::new("."), &filters.exclude)?;
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    let mut push = |entry: Entry| {
        let key = match &entry {
            Entry::Document(Origin::Stdin) => Key::Stdin,
            Entry::Document(Origin::File(path)) => {
                Key::Path(std::fs::canonicalize(path).unwrap_or_else(|_| path.clone()))
            }
            Entry::Unreadable { path, .. } => Key::Problem(path.clone()),
        };
        if seen.insert(key) {
            out.push(entry);
        }
    };
    for arg in args {
        let origin = Origin::from_arg(arg);
        match origin {
            Origin::File(path) if path.is_dir() => {
                for entry in walk(&path, filters, &include)? {
                    push(entry);
                }
            }
            origin => push(Entry::Document(origin)),
        }
    }
    Ok(out)
}

/// The documents and problems under `root`, sorted by path.
fn walk(root: &Path, filters: &Filters, include: &Include) -> Result<Vec<Entry>, String> {
    let mut builder = WalkBuilder::new(root);
    builder
        .standard_filters(true)
        .git_global(false)
        .require_git(true)
        .follow_links(false)
        .overrides(excludes(root, &filters.exclude)?)
        .filter_entry(|entry| {
            // Build output is not documents.
            !(entry.depth() > 0
                && entry.file_name() == "target"
                && entry.file_type().is_some_and(|t| t.is_dir()))
        });
    let mut found = Vec::new();
    for result in builder.build() {
        let entry = match result {
            Ok(entry) => entry,
            Err(e) => {
                found.extend(problem(&e, root));
                continue;
            }
        };
        // An ignore file in this directory that could not be read.
        if let Some(e) = entry.error() {
            found.extend(problem(e, entry.path()));
        }
        let Some(kind) = entry.file_type() else {
            continue;
        };
        if entry.depth() == 0 || kind.is_dir() {
            continue;
        }
        let path = entry.path();
        let rel = path.strip_prefix(root).unwrap_or(path);
        let named = path
            .extension()
            .is_some_and(|e| *e == *filters.extension.as_str());
        if !named || !include.matches(rel) {
            continue;
        }
        if kind.is_file() {
            found.push(Entry::Document(Origin::File(path.to_path_buf())));
        } else if kind.is_symlink() {
            // A link to a file is followed; a link to a directory is not.
            match std::fs::metadata(path) {
                Ok(meta) if meta.is_file() => {
                    found.push(Entry::Document(Origin::File(path.to_path_buf())));
                }
                Ok(_) => {}
                Err(e) => found.push(Entry::Unreadable {
                    path: path.to_path_buf(),
                    message: format!("cannot read {}: {e}", path.display()),
                }),
            }
        }
        // Named pipes, sockets and devices are not documents: never opened.
    }
    found.sort_by(|a, b| a.path().cmp(b.path()));
    Ok(found)
}

/// The path an error of the walk is about, if it says.
fn error_path(e: &ignore::Error) -> Option<&Path> {
    match e {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        ignore::Error::Partial(errors) => errors.iter().find_map(error_path),
        _ => None,
    }
}

/// An error of the walk as a problem to report: failures to read a
/// directory or an ignore file. A line of an ignore file that is not a valid
/// glob is skipped, as git skips it.
fn problem(e: &ignore::Error, fallback: &Path) -> Option<Entry> {
    let io = e.io_error()?;
    let path = error_path(e).unwrap_or(fallback).to_path_buf();
    Some(Entry::Unreadable {
        message: format!("cannot read {}: {io}", path.display()),
        path,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filters(include: &[&str], exclude: &[&str]) -> Filters {
        Filters {
            extension: "txt".to_string(),
            include: include.iter().map(|s| s.to_string()).collect(),
            exclude: exclude.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn touch(root: &Path, names: &[&str]) {
        for name in names {
            let path = root.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
    }

    fn found(root: &Path, filters: &Filters) -> Vec<String> {
        collect(&[root.to_path_buf()], filters)
            .unwrap()
            .iter()
            .map(|e| {
                let rel = e.path().strip_prefix(root).unwrap();
                rel.to_string_lossy().replace('\\', "/")
            })
            .collect()
    }

    #[test]
    fn include_and_exclude_narrow_the_txt_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        touch(
            root,
            &[
                "a.txt",
                "b.md",
                "2024/c.txt",
                "2024/drafts/d.txt",
                "old/e.txt",
            ],
        );
        assert_eq!(
            found(root, &filters(&[], &[])),
            ["2024/c.txt", "2024/drafts/d.txt", "a.txt", "old/e.txt"]
        );
        assert_eq!(
            found(root, &filters(&["2024"], &["drafts/"])),
            ["2024/c.txt"]
        );
        assert_eq!(
            found(root, &filters(&["*.txt"], &["/old", "a.txt"])),
            ["2024/c.txt", "2024/drafts/d.txt"]
        );
    }

    #[test]
    fn invalid_globs_are_usage_errors() {
        let e = collect(&[], &filters(&[], &["a/**b{"])).unwrap_err();
        assert!(e.starts_with("invalid --exclude glob"), "{e}");
        let e = collect(&[], &filters(&["{"], &[])).unwrap_err();
        assert!(e.starts_with("invalid --include glob"), "{e}");
    }

    #[test]
    fn a_path_given_twice_is_one_document_shown_first_way() {
        let dir = tempfile::tempdir().unwrap();
        touch(dir.path(), &["a.txt"]);
        let a = dir.path().join("a.txt");
        let again = dir.path().join(".").join("a.txt");
        let entries = collect(
            &[a.clone(), again, PathBuf::from("-"), PathBuf::from("-")],
            &filters(&[], &[]),
        )
        .unwrap();
        assert_eq!(
            entries,
            [
                Entry::Document(Origin::File(a)),
                Entry::Document(Origin::Stdin)
            ]
        );
    }
}
