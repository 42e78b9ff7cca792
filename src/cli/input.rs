//! Reading documents from files or standard input (writing them back is
//! `write`'s).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use fengong::source::{self, Decoded, Encoding};
use fengong::{Code, Diagnostic, LineEnding, Position, Span};

use super::write::{self, Snapshot};

/// Where a document comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Standard input, shown as `-` or as `--stdin-filename`.
    Stdin,
    /// A file.
    File(PathBuf),
}

impl Origin {
    /// The origin named by a command-line argument: `-` is standard input.
    pub fn from_arg(arg: &Path) -> Origin {
        if arg.as_os_str() == "-" {
            Origin::Stdin
        } else {
            Origin::File(arg.to_path_buf())
        }
    }

    /// The name shown in reports: standard input's is `-`, or the name
    /// given with `--stdin-filename`.
    pub fn display(&self) -> String {
        match self {
            Origin::Stdin => {
                stdin_name().map_or_else(|| "-".to_string(), |p| p.display().to_string())
            }
            Origin::File(path) => path.display().to_string(),
        }
    }
}

/// The name of standard input (`--stdin-filename`), set once by `check`.
static STDIN_NAME: OnceLock<PathBuf> = OnceLock::new();

/// Names standard input: shown in reports as `name`, and checked with the
/// settings of `name`'s directory.
pub(crate) fn set_stdin_name(name: PathBuf) {
    let _ = STDIN_NAME.set(name);
}

/// The name of standard input, if `--stdin-filename` gave one.
pub(crate) fn stdin_name() -> Option<&'static Path> {
    STDIN_NAME.get().map(PathBuf::as_path)
}

/// A read and decoded document, ready to parse.
#[derive(Debug)]
pub struct Loaded {
    pub origin: Origin,
    pub text: String,
    pub encoding: Encoding,
    pub bom: bool,
    /// What the file was when read, for [`super::write::rewrite`]: only
    /// when loaded with [`load_to_rewrite`] from a file.
    pub snapshot: Option<Snapshot>,
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
/// more than the limit. Any other failure is an `E003` diagnostic.
pub fn read_bytes(origin: &Origin) -> Result<Vec<u8>, Box<Diagnostic>> {
    read_with(origin, |reader, hint| {
        let mut bytes = Vec::with_capacity(hint);
        reader.read_to_end(&mut bytes)?;
        Ok((bytes.len() as u64, bytes))
    })
}

/// Reads `origin` whole with `read`, which is given the reader (at most one
/// byte more than the limit) and the size expected, and returns how many
/// bytes it read with what it made of them; refuses an input larger than
/// `--max-size` as [`read_bytes`] does.
fn read_with<T>(
    origin: &Origin,
    read: impl FnOnce(&mut dyn Read, usize) -> std::io::Result<(u64, T)>,
) -> Result<T, Box<Diagnostic>> {
    let limit = super::max_size();
    // `None`: more than `limit` bytes.
    let read = |reader: &mut dyn Read, hint: u64| -> std::io::Result<Option<T>> {
        let hint = usize::try_from(hint.min(limit)).unwrap_or(0);
        let (n, made) = read(&mut reader.take(limit.saturating_add(1)), hint)?;
        Ok((n <= limit).then_some(made))
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
        Ok(Some(made)) => Ok(made),
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

/// Reads and decodes a document (UTF-8 validated as it is read, the text
/// held once: [`source::decode_reader`]).
pub fn load(origin: &Origin) -> Result<Loaded, LoadError> {
    let decoded = read_with(origin, |reader, hint| {
        let read = source::decode_reader(reader, hint)?;
        Ok((read.bytes, read.decoded))
    })
    .map_err(LoadError::Io)?;
    match decoded {
        Ok(decoded) => Ok(from_decoded(origin.clone(), decoded)),
        Err(err) => Err(decode_error(err)),
    }
}

/// The load error of bytes that are not text.
fn decode_error(err: fengong::Error) -> LoadError {
    let position = err.position();
    let diagnostic = err.into_diagnostics().into_iter().next();
    match diagnostic {
        Some(d) => LoadError::Decode(Box::new(d), position),
        None => LoadError::Io(Box::new(Diagnostic::new(
            Code::UndecodableInput,
            Span::empty(0),
            "the bytes are not text",
        ))),
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
        snapshot: None,
    }
}

/// [`load`] for a document that may be rewritten: a file is refused (E015)
/// unless it is a regular file, checked before it is opened (a FIFO would
/// block), and the result keeps a [`Snapshot`] of it. Standard input is
/// loaded as by [`load`].
pub fn load_to_rewrite(origin: &Origin) -> Result<Loaded, LoadError> {
    let Origin::File(path) = origin else {
        return load(origin);
    };
    let unreadable = |e: std::io::Error| {
        LoadError::Io(Box::new(
            Diagnostic::new(
                Code::UnreadableFile,
                Span::empty(0),
                format!("cannot read {}: {e}", origin.display()),
            )
            .with_help("check the path and its permissions"),
        ))
    };
    let (mut file, meta) = match write::open_to_read(path).map_err(unreadable)? {
        Ok(open) => open,
        Err(error) => {
            let error = write::RewriteError {
                path: origin.display(),
                error,
            };
            return Err(LoadError::Io(Box::new(error.to_diagnostic())));
        }
    };
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).map_err(unreadable)?;
    let (text, encoding, bom) = match source::decode(&bytes) {
        Ok(decoded) => (
            decoded.text().to_owned(),
            decoded.encoding(),
            decoded.has_bom(),
        ),
        Err(err) => return Err(decode_error(err)),
    };
    Ok(Loaded {
        origin: origin.clone(),
        text,
        encoding,
        bom,
        snapshot: Some(Snapshot::new(&meta, bytes, encoding)),
    })
}

/// Converts text written with `\n` to `line_ending`.
pub fn with_line_ending(text: &str, line_ending: LineEnding) -> String {
    match line_ending {
        LineEnding::Lf => text.to_string(),
        other => text.replace('\n', other.as_str()),
    }
}
