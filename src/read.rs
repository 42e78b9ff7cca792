//! Documents from files and readers, owned: [`parse_file`] and
//! [`Document::from_reader`].
//!
//! [`parse`](crate::parse) borrows from its text, which suits a caller that
//! keeps the text; a function that reads a file and returns its document
//! cannot return one that borrows from a local `String` (error E0515).
//! These functions decode the bytes (UTF-8, UTF-16 with a byte order mark,
//! GB18030, Big5), parse strictly and return a `Document<'static>` that owns
//! its strings:
//!
//! ```
//! fn load(path: &str) -> Result<fengong::Document<'static>, fengong::Error> {
//!     fengong::parse_file(path)
//! }
//! let doc = load("seeds/000_ecc403549f0e7389.txt")?;
//! assert_eq!(doc.tasks().count(), 72);
//! # Ok::<(), fengong::Error>(())
//! ```

use std::io::Read;
use std::path::Path;

use crate::error::Error;
use crate::model::Document;
use crate::source::Decoded;

/// Reads the document at `path`: decodes its bytes, parses them strictly,
/// and returns a document that owns its strings. Errors name the path.
///
/// ```
/// let err = fengong::parse_file("no/such/file.txt").unwrap_err();
/// assert_eq!(err.code(), fengong::Code::UnreadableFile);
/// assert_eq!(err.io_error_kind(), Some(std::io::ErrorKind::NotFound));
/// ```
///
/// # Errors
///
/// `E003` if the file cannot be read, `E002` if its bytes are not text in a
/// supported encoding, else the document's parse errors, each with
/// [`Error::path`] set.
pub fn parse_file(path: impl AsRef<Path>) -> Result<Document<'static>, Error> {
    let path = path.as_ref();
    let read = std::fs::File::open(path).and_then(|file| {
        let size = file.metadata().map_or(0, |m| m.len());
        crate::source::decode_reader(file, usize::try_from(size).unwrap_or(0))
    });
    let decoded = read.map_err(|e| Error::io(path, &e))?.decoded;
    document(decoded).map_err(|e| e.in_file(path))
}

impl Document<'static> {
    /// Reads a document from `reader` to its end: decodes the bytes, parses
    /// them strictly, and returns a document that owns its strings.
    ///
    /// ```
    /// let file = std::fs::File::open("seeds/000_ecc403549f0e7389.txt").unwrap();
    /// let doc = fengong::Document::from_reader(file).unwrap();
    /// assert_eq!(doc.categories().len(), 28);
    /// ```
    ///
    /// # Errors
    ///
    /// As [`parse_file`].
    pub fn from_reader(reader: impl Read) -> Result<Document<'static>, Error> {
        let read = crate::source::decode_reader(reader, 0)
            .map_err(|e| Error::io(Path::new("the reader"), &e))?;
        document(read.decoded)
    }
}

fn document(decoded: Result<Decoded<'static>, Error>) -> Result<Document<'static>, Error> {
    let decoded = decoded?;
    let text = decoded.text();
    Ok(crate::parse(text)?.into_owned())
}
