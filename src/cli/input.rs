//! Reading documents from files or standard input, and writing them back
//! atomically in their own encoding and line endings.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use fengong::source::{self, Decoded, Encoding};
use fengong::{Code, Diagnostic, LineEnding, Position, Span};

/// Where a document comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Standard input, shown as `-`... or as `--stdin-filename`.
    Stdin,
    /// A file.
    File(PathBuf),
}

impl Origin {
    pub fn from_arg(arg: &Path) -> Origin {
        if arg.as_os_str() == "-" {
            Origin::Stdin
        } else {
            Origin::File(arg.to_path_buf())
        }
    }

    /// The name shown in reports.
    pub fn display(&self) -> String {
        match self {
            Origin::Stdin => "-".to_string(),
            Origin::File(path) => path.display().to_string(),
        }
    }
}

/// A read and decoded document, ready to parse.
#[derive(Debug)]
pub struct Loaded {
    pub origin: Origin,
    pub text: String,
    pub encoding: Encoding,
    pub bom: bool,
}

/// Why a document could not be loaded.
#[derive(Debug)]
pub enum LoadError {
    /// The bytes could not be read: an I/O failure (exit code 2).
    Io(Box<Diagnostic>),
    /// The bytes are not text (a problem of the document: exit code 1).
    Decode(Box<Diagnostic>, Position),
}

pub fn read_bytes(origin: &Origin) -> Result<Vec<u8>, Box<Diagnostic>> {
    let result = match origin {
        Origin::Stdin => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .lock()
                .read_to_end(&mut bytes)
                .map(|_| bytes)
        }
        Origin::File(path) => std::fs::read(path),
    };
    result.map_err(|e| {
        Box::new(
            Diagnostic::new(
                Code::UnreadableFile,
                Span::empty(0),
                format!("cannot read {}: {e}", origin.display()),
            )
            .with_help("check the path and its permissions"),
        )
    })
}

pub fn load(origin: &Origin) -> Result<Loaded, LoadError> {
    let bytes = read_bytes(origin).map_err(LoadError::Io)?;
    match source::decode_vec(bytes) {
        Ok(decoded) => Ok(from_decoded(origin.clone(), decoded)),
        Err(err) => {
            let position = err.position();
            let diagnostic = err.into_diagnostics().into_iter().next();
            match diagnostic {
                Some(d) => Err(LoadError::Decode(Box::new(d), position)),
                None => Err(LoadError::Io(Box::new(Diagnostic::new(
                    Code::UndecodableInput,
                    Span::empty(0),
                    "the bytes are not text",
                )))),
            }
        }
    }
}

fn from_decoded(origin: Origin, decoded: Decoded<'_>) -> Loaded {
    let encoding = decoded.encoding();
    let bom = decoded.has_bom();
    Loaded {
        origin,
        text: decoded.into_text().into_owned(),
        encoding,
        bom,
    }
}

/// Converts text written with `\n` to `line_ending`.
pub fn with_line_ending(text: &str, line_ending: LineEnding) -> String {
    match line_ending {
        LineEnding::Lf => text.to_string(),
        other => text.replace('\n', other.as_str()),
    }
}

/// Writes `text` to `path` in `encoding` (with a byte order mark if `bom`):
/// into a temporary file in the same directory, flushed to disk, then renamed
/// over the original, so that a crash or a full disk never leaves a
/// half-written document. The original file's permissions are kept.
pub fn write_atomically(
    path: &Path,
    text: &str,
    encoding: Encoding,
    bom: bool,
) -> Result<(), String> {
    let bytes = source::encode(text, encoding, bom).map_err(|e| e.to_string())?;
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let shown = path.display();
    let mut temp = tempfile::Builder::new()
        .prefix(".fengong-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(|e| format!("cannot create a temporary file in {}: {e}", dir.display()))?;
    temp.write_all(&bytes)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|e| format!("cannot write {shown}: {e}"))?;
    if let Ok(meta) = std::fs::metadata(path) {
        // Best effort: a failure to copy permissions must not lose the write.
        let _ = std::fs::set_permissions(temp.path(), meta.permissions());
    }
    temp.persist(path)
        .map_err(|e| format!("cannot replace {shown}: {}", e.error))?;
    Ok(())
}
