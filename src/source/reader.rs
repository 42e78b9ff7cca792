//! [`decode_reader`]: a document read and decoded in one pass, UTF-8
//! validated chunk by chunk as it arrives.

use std::borrow::Cow;
use std::io::{self, Read};

use crate::error::Error;

use super::{decode_vec, Decoded, Encoding};

/// How many bytes are read and validated at a time.
const CHUNK: usize = 256 * 1024;

/// What [`decode_reader`] read: how many bytes, and what they decode to.
#[derive(Debug)]
pub struct ReadText {
    /// How many bytes were read (the byte order mark included).
    pub bytes: u64,
    /// The bytes decoded as [`decode_vec`] decodes them.
    pub decoded: Result<Decoded<'static>, Error>,
}

/// Reads `reader` to its end and decodes what it read exactly as
/// [`decode_vec`] decodes the same bytes, holding the document once: UTF-8
/// is validated a chunk at a time as it arrives (with SIMD) and appended to
/// one `String`, instead of read whole into bytes and validated again by
/// the standard library (several times slower on Chinese text). Bytes that
/// are not UTF-8 go on as bytes to [`decode_vec`]. `capacity` is the size
/// expected (a file's length), reserved at once.
///
/// ```
/// use fengong::source::{decode_reader, Encoding};
///
/// let read = decode_reader(&b"\xEF\xBB\xBF\xE9\x99\x84\xE4\xBB\xB6"[..], 9)?;
/// assert_eq!(read.bytes, 9);
/// let decoded = read.decoded?;
/// assert_eq!((decoded.text(), decoded.encoding(), decoded.has_bom()), ("附件", Encoding::Utf8, true));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// The reader's errors (an interrupted read is tried again). The decoding's
/// errors are in [`ReadText::decoded`].
pub fn decode_reader(mut reader: impl Read, capacity: usize) -> io::Result<ReadText> {
    let mut text = String::with_capacity(capacity);
    let mut bom = false;
    let mut chunk = vec![0u8; CHUNK];
    // The bytes at the start of `chunk` left from the last read: the start
    // of a character that the read cut.
    let mut carried = 0;
    let mut total = 0u64;
    loop {
        let n = match reader.read(&mut chunk[carried..]) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        total += n as u64;
        let filled = &chunk[..carried + n];
        if n == 0 {
            if carried == 0 {
                break;
            }
            // The text ends inside a character: not UTF-8.
            return not_utf8(text, bom, filled, reader, total);
        }
        let valid = match simdutf8::compat::from_utf8(filled) {
            Ok(s) => s,
            // Cut inside a character by the read: the rest comes next.
            Err(e) if e.error_len().is_none() => {
                match simdutf8::basic::from_utf8(&filled[..e.valid_up_to()]) {
                    Ok(s) => s,
                    Err(_) => return not_utf8(text, bom, filled, reader, total),
                }
            }
            Err(_) => return not_utf8(text, bom, filled, reader, total),
        };
        let mut piece = valid;
        if text.is_empty() && !bom {
            if let Some(rest) = piece.strip_prefix('\u{feff}') {
                bom = true;
                piece = rest;
            }
        }
        text.push_str(piece);
        let used = valid.len();
        chunk.copy_within(used..carried + n, 0);
        carried = carried + n - used;
    }
    Ok(ReadText {
        bytes: total,
        decoded: Ok(Decoded::certain(Cow::Owned(text), Encoding::Utf8, bom)),
    })
}

/// The rest of [`decode_reader`] once the bytes are known not to be UTF-8:
/// the text read so far turned back into bytes, the bytes not yet taken,
/// the rest of the reader, all decoded by [`decode_vec`].
fn not_utf8(
    text: String,
    bom: bool,
    pending: &[u8],
    mut reader: impl Read,
    mut total: u64,
) -> io::Result<ReadText> {
    let mut bytes = text.into_bytes();
    bytes.extend_from_slice(pending);
    total += reader.read_to_end(&mut bytes)? as u64;
    if bom {
        bytes.splice(0..0, *b"\xEF\xBB\xBF");
    }
    Ok(ReadText {
        bytes: total,
        decoded: decode_vec(bytes),
    })
}
