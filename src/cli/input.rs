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

/// Reads the bytes of `origin` whole, refusing an input larger than
/// `--max-size` (E016): a regular file by its length, before reading it; a
/// stream (standard input, a FIFO, `/dev/zero`) by reading at most one byte
/// more than the limit.
pub fn read_bytes(origin: &Origin) -> Result<Vec<u8>, Box<Diagnostic>> {
    let limit = super::max_size();
    // `None`: more than `limit` bytes.
    let read = |reader: &mut dyn Read, hint: u64| -> std::io::Result<Option<Vec<u8>>> {
        let mut bytes = Vec::with_capacity(usize::try_from(hint.min(limit)).unwrap_or(0));
        reader
            .take(limit.saturating_add(1))
            .read_to_end(&mut bytes)?;
        Ok((bytes.len() as u64 <= limit).then_some(bytes))
    };
    let result = match origin {
        Origin::Stdin => read(&mut std::io::stdin().lock(), 0),
        Origin::File(path) => std::fs::File::open(path).and_then(|mut file| {
            let meta = file.metadata()?;
            if meta.is_file() && meta.len() > limit {
                return Ok(None);
            }
            read(&mut file, if meta.is_file() { meta.len() } else { 0 })
        }),
    };
    match result {
        Ok(Some(bytes)) => Ok(bytes),
        Ok(None) => Err(Box::new(
            Diagnostic::new(
                Code::InputTooLarge,
                Span::empty(0),
                format!(
                    "{} is larger than the size limit of {}",
                    origin.display(),
                    super::show_size(limit)
                ),
            )
            .with_help("check that the path names a document; raise the limit with --max-size (for example --max-size 4GiB) for a larger one"),
        )),
        Err(e) => Err(Box::new(
            Diagnostic::new(
                Code::UnreadableFile,
                Span::empty(0),
                format!("cannot read {}: {e}", origin.display()),
            )
            .with_help("check the path and its permissions"),
        )),
    }
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
    let bytes = source::encode(text, encoding, bom)?;
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
