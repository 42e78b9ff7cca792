//! Rewriting a document's file without losing data: the one way that
//! `fmt --write` and `check --fix` write, [`rewrite`].
//!
//! What a rewrite keeps and what it refuses:
//!
//! - A symbolic link is followed to its final target, which is rewritten;
//!   the link stays as it is. What is not a regular file (a directory, a
//!   FIFO, a device such as `/dev/stdin`) is refused, and checked before it
//!   is opened, since opening a FIFO to read it waits for a writer.
//! - A file with one name is written to a temporary file in its directory,
//!   flushed to disk and renamed over it: a crash leaves the old text or the
//!   new, never half of one. A file with several names (hard links) is
//!   rewritten in place, so that every name sees the new text; so is a file
//!   whose owner, mode or extended attributes the temporary file cannot be
//!   given (another user's file that we may write).
//! - The owner, group, mode and extended attributes (ACLs among them) are
//!   kept.
//! - A read-only file (no write permission bit) is refused, even for root.
//! - A file that changed since it was read (its identity, size, modification
//!   time or content) is not written: another program's edit would be lost.
//! - Lines that no edit touched keep their bytes. In GB18030 and Big5 some
//!   bytes do not come back the same through decoding and encoding (`80` is
//!   read as `€`, which GB18030 writes `A2 E3`); when such bytes sit on a
//!   line that changes, nothing is written and the error names the byte.
//! - If the process is told to stop (SIGTERM, SIGINT, SIGHUP) while a
//!   temporary file exists, the file is deleted before it exits with
//!   128 + the signal's number; an in-place write is finished first.
//!
//! Every refusal and failure is an [`RewriteError`], reported as `E015
//! unwritable-file`.

use std::ffi::OsString;
use std::fs::{File, Metadata, OpenOptions};
use std::hash::Hasher as _;
use std::io::{self, Read};
use std::os::unix::fs::PermissionsExt as _;
use std::os::unix::fs::{FileExt as _, FileTypeExt as _, MetadataExt as _, OpenOptionsExt as _};
use std::path::Path;
use std::time::{Duration, Instant, SystemTime};

use fengong::source::{self, Encoding};
use fengong::{Code, Diagnostic, Span};
use xattr::FileExt as _;

use super::input::{Loaded, Origin};

mod temporary;

use temporary::{install_cleanup, pause_for_tests, registry, Temporary};

/// Why a file was not rewritten; the message follows `cannot rewrite FILE: `.
#[derive(Debug, thiserror::Error)]
pub(crate) enum WriteError {
    /// The path is not a regular file (after following symbolic links).
    #[error("not a regular file ({0})")]
    NotRegular(&'static str),
    /// The file has no write permission bit.
    #[error("it is read-only (mode {mode:o})")]
    ReadOnly {
        /// The file's permission bits.
        mode: u32,
    },
    /// The file is not what was read any more.
    #[error("it changed since it was read; nothing written")]
    Changed,
    /// Bytes on a line that changes would not be written back the same.
    #[error(
        "byte {offset}{shown} does not come back the same in {encoding}; nothing written",
        shown = byte.map(|b| format!(" (0x{b:02X})")).unwrap_or_default()
    )]
    RoundTrip {
        /// Where the bytes start, from the start of the file.
        offset: usize,
        /// The byte there (none if the file ends there).
        byte: Option<u8>,
        /// The file's encoding.
        encoding: Encoding,
    },
    /// The new text has a character that the file's encoding cannot write.
    #[error(
        "the new text's `{character}` (U+{code:04X}, at byte {offset} of the text) cannot be written in {encoding}; nothing written",
        code = u32::from(*character)
    )]
    Unencodable {
        /// The character.
        character: char,
        /// Where it is in the new text (UTF-8 bytes).
        offset: usize,
        /// The file's encoding.
        encoding: Encoding,
    },
    /// The document was not read from a file to be rewritten.
    #[error("it was not read to be rewritten")]
    NotLoaded,
    /// An operating system call failed.
    #[error("{doing}: {source}")]
    Io {
        /// What was being done, as a clause: `cannot open it for writing`.
        doing: String,
        /// The failure.
        source: io::Error,
    },
}

impl WriteError {
    /// Makes an [`WriteError::Io`] of an `io::Error`, saying what was being
    /// done: `.map_err(WriteError::io("cannot open it for writing"))`.
    fn io(doing: impl Into<String>) -> impl FnOnce(io::Error) -> WriteError {
        let doing = doing.into();
        move |source| WriteError::Io { doing, source }
    }

    /// What to do about it, for the diagnostic's help line.
    fn help(&self) -> String {
        match self {
            WriteError::NotRegular(_) | WriteError::NotLoaded => {
                "only regular files are rewritten (a symbolic link is followed to its target)"
                    .to_string()
            }
            WriteError::ReadOnly { .. } => {
                "make the file writable (`chmod u+w`) if it is meant to be rewritten".to_string()
            }
            WriteError::Changed => {
                "run again once the other program is done with the file".to_string()
            }
            WriteError::RoundTrip { encoding, .. } | WriteError::Unencodable { encoding, .. } => {
                format!(
                    "convert the file to UTF-8 first (`iconv -f {encoding} -t UTF-8`), or edit that line by hand"
                )
            }
            WriteError::Io { .. } => {
                "check the disk space and the permissions of the file and its directory".to_string()
            }
        }
    }
}

/// A file that was not rewritten, and why.
#[derive(Debug, thiserror::Error)]
#[error("cannot rewrite {path}: {error}")]
pub(crate) struct RewriteError {
    /// The path as given.
    pub path: String,
    /// Why.
    pub error: WriteError,
}

impl RewriteError {
    /// The `E015 unwritable-file` diagnostic for the failure.
    pub(crate) fn to_diagnostic(&self) -> Diagnostic {
        Diagnostic::new(Code::UnwritableFile, Span::empty(0), self.to_string())
            .with_help(self.error.help())
    }
}

/// What a file was when it was read to be rewritten: enough to tell whether
/// it changed since, and to write back the bytes of lines no edit touched.
#[derive(Debug, Clone)]
pub(crate) struct Snapshot {
    dev: u64,
    ino: u64,
    len: u64,
    modified: Option<SystemTime>,
    hash: u64,
    /// The bytes as read, kept when the encoding may not write them back
    /// the same (GB18030, Big5); UTF-8 and UTF-16 always do.
    bytes: Option<Vec<u8>>,
}

impl Snapshot {
    /// The snapshot of `bytes`, read from a file whose metadata (taken from
    /// the open file) is `meta`; the bytes are kept if `encoding` needs them.
    pub(crate) fn new(meta: &Metadata, bytes: Vec<u8>, encoding: Encoding) -> Snapshot {
        Snapshot {
            dev: meta.dev(),
            ino: meta.ino(),
            len: bytes.len() as u64,
            modified: meta.modified().ok(),
            hash: hash(&bytes),
            bytes: (!matches!(
                encoding,
                Encoding::Utf8 | Encoding::Utf16Le | Encoding::Utf16Be
            ))
            .then_some(bytes),
        }
    }
}

/// A 64-bit hash of `bytes` (SipHash with fixed keys: the same in every run).
fn hash(bytes: &[u8]) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    hasher.write(bytes);
    hasher.finish()
}

/// What a path is, for a message: `a FIFO`.
fn kind(meta: &Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        "a directory"
    } else if t.is_fifo() {
        "a FIFO"
    } else if t.is_char_device() {
        "a character device"
    } else if t.is_block_device() {
        "a block device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "not a file"
    }
}

/// Refuses what is not a regular file.
pub(crate) fn regular(meta: &Metadata) -> Result<(), WriteError> {
    if meta.is_file() {
        Ok(())
    } else {
        Err(WriteError::NotRegular(kind(meta)))
    }
}

/// Opens `path` (following symbolic links) to read it before rewriting it.
/// What is not a regular file is refused before it is opened, and opened
/// without blocking in case it was swapped for a FIFO in between; the
/// metadata returned is the open file's.
///
/// # Errors
///
/// `Ok(Err(…))` for a path that is not a regular file (E015), `Err` when it
/// cannot be read (E003).
pub(crate) fn open_to_read(path: &Path) -> io::Result<Result<(File, Metadata), WriteError>> {
    if let Err(e) = regular(&std::fs::metadata(path)?) {
        return Ok(Err(e));
    }
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)?;
    let meta = file.metadata()?;
    Ok(regular(&meta).map(|()| (file, meta)))
}

/// Rewrites the file that `loaded` was read from (with
/// [`super::input::load_to_rewrite`]) with `new_text`, in the encoding and
/// byte order mark it came with, keeping its identity, owner, group, mode
/// and extended attributes; see the module's documentation.
///
/// # Errors
///
/// A [`RewriteError`] when nothing was written or the write failed (the
/// file then holds its old text, unless putting it back failed too, which
/// the message says).
pub(crate) fn rewrite(loaded: &Loaded, new_text: &str) -> Result<(), RewriteError> {
    let fail = |error| RewriteError {
        path: loaded.origin.display(),
        error,
    };
    let (Origin::File(path), Some(snapshot)) = (&loaded.origin, &loaded.snapshot) else {
        return Err(fail(WriteError::NotLoaded));
    };
    let bytes = encode_keeping(
        snapshot.bytes.as_deref(),
        &loaded.text,
        new_text,
        loaded.encoding,
        loaded.bom,
    )
    .map_err(fail)?;
    replace(path, snapshot, &bytes).map_err(fail)
}

/// How long the search for unchanged lines may take before it settles for
/// a coarser answer (still correct, but more lines count as changed).
const DIFF_DEADLINE: Duration = Duration::from_secs(5);

/// Encodes `new_text`, the edit of `old_text`, which was decoded from
/// `original` (kept only for encodings that may not write bytes back the
/// same): unchanged lines keep their original bytes, and the bytes of every
/// line that changes or goes must come back the same.
fn encode_keeping(
    original: Option<&[u8]>,
    old_text: &str,
    new_text: &str,
    encoding: Encoding,
    bom: bool,
) -> Result<Vec<u8>, WriteError> {
    let encode = |text: &str, base: usize| {
        source::encode(text, encoding, bom).map_err(|e| WriteError::Unencodable {
            character: e.character(),
            offset: base + e.offset(),
            encoding,
        })
    };
    let round_trip = |offset: usize, bytes: &[u8]| WriteError::RoundTrip {
        offset,
        byte: bytes.get(offset).copied(),
        encoding,
    };
    let Some(original) = original else {
        return encode(new_text, 0);
    };
    // Lines pair up by their `0A` bytes only in encodings where that byte is
    // never part of a character and that keep no state from line to line.
    let by_lines = matches!(encoding, Encoding::Gb18030 | Encoding::Big5);
    let old_bytes: Vec<&[u8]> = original.split_inclusive(|&b| b == b'\n').collect();
    let old_lines: Vec<&str> = old_text.split_inclusive('\n').collect();
    if !by_lines || bom || old_bytes.len() != old_lines.len() {
        // The lines do not pair up: the whole document must come back.
        if let Some(at) = source::first_difference(original, old_text, encoding) {
            return Err(round_trip(at, original));
        }
        return encode(new_text, 0);
    }
    let new_lines: Vec<&str> = new_text.split_inclusive('\n').collect();
    let mut old_starts = Vec::with_capacity(old_bytes.len());
    let mut at = 0;
    for line in &old_bytes {
        old_starts.push(at);
        at += line.len();
    }
    let mut new_starts = Vec::with_capacity(new_lines.len());
    let mut at = 0;
    for line in &new_lines {
        new_starts.push(at);
        at += line.len();
    }
    let ops = similar::capture_diff_slices_deadline(
        similar::Algorithm::Myers,
        &old_lines,
        &new_lines,
        Some(Instant::now() + DIFF_DEADLINE),
    );
    let mut out = Vec::with_capacity(original.len() + 16);
    for op in ops {
        let (old_range, new_range) = match op {
            similar::DiffOp::Equal { old_index, len, .. } => {
                for line in old_bytes
                    .get(old_index..old_index + len)
                    .unwrap_or_default()
                {
                    out.extend_from_slice(line);
                }
                continue;
            }
            similar::DiffOp::Delete {
                old_index, old_len, ..
            } => (old_index..old_index + old_len, 0..0),
            similar::DiffOp::Insert {
                new_index, new_len, ..
            } => (0..0, new_index..new_index + new_len),
            similar::DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => (
                old_index..old_index + old_len,
                new_index..new_index + new_len,
            ),
        };
        for i in old_range {
            let (Some(bytes), Some(text), Some(start)) =
                (old_bytes.get(i), old_lines.get(i), old_starts.get(i))
            else {
                continue;
            };
            if let Some(at) = source::first_difference(bytes, text, encoding) {
                return Err(round_trip(start + at, original));
            }
        }
        if let (Some(lines), Some(&base)) = (
            new_lines.get(new_range.clone()),
            new_starts.get(new_range.start),
        ) {
            out.extend_from_slice(&encode(&lines.concat(), base)?);
        }
    }
    Ok(out)
}

/// Replaces the contents of the file at `path` (followed to its final
/// target) with `bytes`, if it is still what `snapshot` saw.
fn replace(path: &Path, snapshot: &Snapshot, bytes: &[u8]) -> Result<(), WriteError> {
    let target = std::fs::canonicalize(path).map_err(WriteError::io("cannot find it"))?;
    let meta = std::fs::metadata(&target).map_err(WriteError::io("cannot find it"))?;
    regular(&meta)?;
    if meta.mode() & 0o222 == 0 {
        return Err(WriteError::ReadOnly {
            mode: meta.mode() & 0o7777,
        });
    }
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(&target)
        .map_err(WriteError::io("cannot open it for writing"))?;
    let meta = file
        .metadata()
        .map_err(WriteError::io("cannot read its metadata"))?;
    regular(&meta)?;
    if (meta.dev(), meta.ino()) != (snapshot.dev, snapshot.ino) {
        return Err(WriteError::Changed);
    }
    install_cleanup();
    if meta.nlink() > 1 {
        return in_place(&file, snapshot, bytes);
    }
    match through_temporary(&target, &file, &meta, snapshot, bytes)? {
        Written::Done => Ok(()),
        Written::InPlaceInstead => in_place(&file, snapshot, bytes),
    }
}

/// What [`through_temporary`] did.
enum Written {
    /// The file was replaced.
    Done,
    /// Nothing: the temporary file cannot be given the file's owner, mode or
    /// extended attributes, or cannot be renamed over it (a file mounted on
    /// its own), so the file must be rewritten in place instead.
    InPlaceInstead,
}

/// Writes `bytes` to a temporary file in `target`'s directory, gives it the
/// file's owner, group, mode and extended attributes, flushes it, checks
/// that the file is still what `snapshot` saw, and renames it over `target`.
fn through_temporary(
    target: &Path,
    file: &File,
    meta: &Metadata,
    snapshot: &Snapshot,
    bytes: &[u8],
) -> Result<Written, WriteError> {
    let dir = target.parent().unwrap_or(Path::new("/"));
    let temp = Temporary::create(dir)?;
    let temp_file = temp.file()?;
    io::Write::write_all(&mut &*temp_file, bytes)
        .map_err(WriteError::io("cannot write the new text"))?;
    // After the text: writing clears the set-user-ID bit of a file.
    if keep_metadata(file, meta, temp_file).is_err() {
        return Ok(Written::InPlaceInstead);
    }
    temp_file
        .sync_all()
        .map_err(WriteError::io("cannot flush the new text to disk"))?;
    pause_for_tests();
    verify(file, snapshot)?;
    {
        // Under the lock, so that a signal's cleanup either runs before the
        // rename (and deletes the temporary file) or after it.
        let mut registry = registry();
        // The path must still name the file checked.
        let now = std::fs::metadata(target).map_err(WriteError::io("cannot find it"))?;
        if (now.dev(), now.ino()) != (snapshot.dev, snapshot.ino) {
            return Err(WriteError::Changed);
        }
        match temp.persist(target, &mut registry) {
            Err(WriteError::Io { source, .. })
                if matches!(
                    source.kind(),
                    io::ErrorKind::ResourceBusy | io::ErrorKind::CrossesDevices
                ) =>
            {
                return Ok(Written::InPlaceInstead)
            }
            result => result?,
        }
    }
    // Make the rename itself durable (best effort: not every file system
    // can sync a directory).
    if let Ok(dir) = File::open(dir) {
        let _ = dir.sync_all();
    }
    Ok(Written::Done)
}

/// Gives `temp` the owner, group, mode and extended attributes of `file`
/// (whose metadata is `meta`), and removes those `file` does not have (a
/// directory's default ACL).
fn keep_metadata(file: &File, meta: &Metadata, temp: &File) -> io::Result<()> {
    let temp_meta = temp.metadata()?;
    if (temp_meta.uid(), temp_meta.gid()) != (meta.uid(), meta.gid()) {
        std::os::unix::fs::fchown(temp, Some(meta.uid()), Some(meta.gid()))?;
    }
    // After the owner: changing it clears the set-user-ID bit.
    temp.set_permissions(std::fs::Permissions::from_mode(meta.mode() & 0o7777))?;
    let names: Vec<OsString> = match file.list_xattr() {
        Ok(names) => names.collect(),
        Err(e) if e.kind() == io::ErrorKind::Unsupported => Vec::new(),
        Err(e) => return Err(e),
    };
    for name in &names {
        if let Some(value) = file.get_xattr(name)? {
            temp.set_xattr(name, &value)?;
        }
    }
    if let Ok(extra) = temp.list_xattr() {
        for name in extra {
            if !names.contains(&name) {
                temp.remove_xattr(&name)?;
            }
        }
    }
    Ok(())
}

/// Rewrites `file` in place with `bytes`, if it is still what `snapshot`
/// saw: it keeps its identity (every hard link sees the new text) and
/// metadata. The part past the old end is written first, so that a full
/// disk leaves the old text; if overwriting then fails, the old bytes are
/// put back.
fn in_place(file: &File, snapshot: &Snapshot, bytes: &[u8]) -> Result<(), WriteError> {
    pause_for_tests();
    // A signal waits for the write to finish.
    let _registry = registry();
    let old = read_all(file).map_err(WriteError::io("cannot read it again"))?;
    verify_bytes(file, snapshot, &old)?;
    let old_len = old.len() as u64;
    let as_it_was = "cannot write the new text (the file is as it was)";
    if let Some(tail) = bytes.get(old.len()..).filter(|t| !t.is_empty()) {
        if let Err(e) = file.write_all_at(tail, old_len) {
            let _ = file.set_len(old_len);
            return Err(WriteError::io(as_it_was)(e));
        }
    }
    let head = &bytes[..bytes.len().min(old.len())];
    let written = file.write_all_at(head, 0).and_then(|()| {
        if bytes.len() < old.len() {
            file.set_len(bytes.len() as u64)
        } else {
            Ok(())
        }
    });
    if let Err(e) = written {
        let restored = file
            .write_all_at(&old, 0)
            .and_then(|()| file.set_len(old_len))
            .and_then(|()| file.sync_all());
        return Err(WriteError::io(match restored {
            Ok(()) => as_it_was,
            Err(_) => "cannot write the new text, nor put back the old: the file may be damaged",
        })(e));
    }
    file.sync_all()
        .map_err(WriteError::io("cannot flush the new text to disk"))
}

/// Reads all of `file` from its start.
fn read_all(file: &File) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    At(file, 0).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Reads a file from an offset without moving its cursor.
struct At<'f>(&'f File, u64);

impl Read for At<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.0.read_at(buf, self.1)?;
        self.1 += n as u64;
        Ok(n)
    }
}

/// Checks that `file` is still what `snapshot` saw: the same file, size,
/// modification time and content.
fn verify(file: &File, snapshot: &Snapshot) -> Result<(), WriteError> {
    same_metadata(file, snapshot)?;
    let mut hasher = std::hash::DefaultHasher::new();
    let mut reader = At(file, 0);
    let mut buffer = vec![0; 1 << 16];
    let mut len = 0u64;
    loop {
        let n = match reader.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(WriteError::io("cannot read it again")(e)),
        };
        hasher.write(&buffer[..n]);
        len += n as u64;
    }
    if len != snapshot.len || hasher.finish() != snapshot.hash {
        return Err(WriteError::Changed);
    }
    Ok(())
}

/// [`verify`] for a file whose current bytes were read: `old`.
fn verify_bytes(file: &File, snapshot: &Snapshot, old: &[u8]) -> Result<(), WriteError> {
    same_metadata(file, snapshot)?;
    if old.len() as u64 != snapshot.len || hash(old) != snapshot.hash {
        return Err(WriteError::Changed);
    }
    Ok(())
}

/// Checks that `file` is the one `snapshot` saw, with the same size and
/// modification time.
fn same_metadata(file: &File, snapshot: &Snapshot) -> Result<(), WriteError> {
    let meta = file
        .metadata()
        .map_err(WriteError::io("cannot read its metadata"))?;
    if (meta.dev(), meta.ino(), meta.len(), meta.modified().ok())
        != (snapshot.dev, snapshot.ino, snapshot.len, snapshot.modified)
    {
        return Err(WriteError::Changed);
    }
    Ok(())
}

#[cfg(test)]
mod tests;
