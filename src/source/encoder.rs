//! Text back to bytes: [`encode`] writes a text in the encoding it was read
//! in, and [`round_trip_error`] and [`first_difference`] find the bytes that
//! would not come back the same (a writer checks them before it saves).

#[cfg(doc)]
use super::decode;
use super::{Decoded, Encoding};

/// Why [`encode`] could not write a text: a character that the encoding has
/// no bytes for (only Big5 has such characters).
///
/// ```
/// use fengong::source::{encode, Encoding};
///
/// let err = encode("甲😀", Encoding::Big5, false).unwrap_err();
/// assert_eq!((err.character(), err.offset(), err.encoding()), ('😀', 3, Encoding::Big5));
/// assert_eq!(err.to_string(), "`😀` (U+1F600) at byte 3 of the text cannot be written in Big5");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{character}` (U+{code:04X}) at byte {offset} of the text cannot be written in {encoding}",
    code = u32::from(*.character)
)]
pub struct EncodeError {
    character: char,
    offset: usize,
    encoding: Encoding,
}

impl EncodeError {
    /// The character that could not be written.
    pub fn character(&self) -> char {
        self.character
    }

    /// Where the character starts in the text, in bytes (UTF-8).
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// The encoding that has no bytes for it.
    pub fn encoding(&self) -> Encoding {
        self.encoding
    }
}

/// Encodes `text` in `encoding`, with a byte order mark if `bom` (UTF-8 and
/// UTF-16 only), so that a document can be saved the way it was read.
///
/// # Errors
///
/// An [`EncodeError`] naming the first character that `encoding` cannot
/// represent and where it is (only Big5 has such characters).
pub fn encode(text: &str, encoding: Encoding, bom: bool) -> Result<Vec<u8>, EncodeError> {
    Ok(match encoding {
        Encoding::Utf8 => {
            let mut out = Vec::with_capacity(text.len() + 3);
            if bom {
                out.extend_from_slice(b"\xEF\xBB\xBF");
            }
            out.extend_from_slice(text.as_bytes());
            out
        }
        Encoding::Utf16Le | Encoding::Utf16Be => {
            let le = encoding == Encoding::Utf16Le;
            let mut out = Vec::with_capacity(text.len() * 2 + 2);
            let units = bom.then_some(0xFEFF).into_iter().chain(text.encode_utf16());
            for unit in units {
                out.extend_from_slice(&if le {
                    unit.to_le_bytes()
                } else {
                    unit.to_be_bytes()
                });
            }
            out
        }
        Encoding::Gb18030 | Encoding::Big5 => {
            let mut encoder = encoding.rs().new_encoder();
            let mut out = Vec::with_capacity(text.len() + 16);
            let mut read_total = 0;
            loop {
                out.reserve(text.len() - read_total + 16);
                let (result, read) = encoder.encode_from_utf8_to_vec_without_replacement(
                    &text[read_total..],
                    &mut out,
                    true,
                );
                read_total += read;
                match result {
                    encoding_rs::EncoderResult::InputEmpty => break out,
                    encoding_rs::EncoderResult::OutputFull => {}
                    encoding_rs::EncoderResult::Unmappable(character) => {
                        return Err(EncodeError {
                            character,
                            offset: read_total.saturating_sub(character.len_utf8()),
                            encoding,
                        })
                    }
                }
            }
        }
    })
}

/// Where a document's bytes stop coming back the same through
/// [`decode`] and then [`encode`]: the offset of the first byte (counting
/// the byte order mark) of the first character that its encoding would
/// write differently, or `None` when encoding the text gives back exactly
/// `bytes`.
///
/// UTF-8 and UTF-16 always come back the same. GB18030 and Big5 have bytes
/// that decode to a character whose own bytes are others: GB18030's `80`
/// is `€`, which is written `A2 E3`; its `A3 A0` is the ideographic space,
/// written `A1 A1`. A writer that must not change what it did not edit
/// checks this first.
///
/// ```
/// use fengong::source::{decode, round_trip_error};
///
/// // "附件：" then `80` (read as €) in GB18030.
/// let bytes = [0xB8, 0xBD, 0xBC, 0xFE, 0xA3, 0xBA, 0x80];
/// let decoded = decode(&bytes).unwrap();
/// assert_eq!(decoded.text(), "附件：€");
/// assert_eq!(round_trip_error(&bytes, &decoded), Some(6));
///
/// let good = [0xB8, 0xBD, 0xBC, 0xFE, 0xA3, 0xBA];
/// assert_eq!(round_trip_error(&good, &decode(&good).unwrap()), None);
/// ```
pub fn round_trip_error(bytes: &[u8], decoded: &Decoded<'_>) -> Option<usize> {
    let bom = if decoded.has_bom() {
        match encode("", decoded.encoding(), true) {
            Ok(bom) => bom,
            Err(_) => return Some(0),
        }
    } else {
        Vec::new()
    };
    if !bytes.starts_with(&bom) {
        return Some(0);
    }
    first_difference(&bytes[bom.len()..], decoded.text(), decoded.encoding())
        .map(|at| at + bom.len())
}

/// Where `text` written in `encoding` (without a byte order mark) stops
/// being `bytes`: the offset in `bytes` where the first character whose
/// bytes differ (or that `encoding` cannot write) starts, or where one of
/// the two ends before the other; `None` when they are the same.
///
/// [`round_trip_error`] for a whole decoded document; this one for a part of
/// it, such as one line.
///
/// ```
/// use fengong::source::{first_difference, Encoding};
///
/// // `A3 A0` reads as the ideographic space, which GB18030 writes `A1 A1`.
/// assert_eq!(first_difference(b"ab\xA3\xA0", "ab\u{3000}", Encoding::Gb18030), Some(2));
/// assert_eq!(first_difference(b"ab\xA1\xA1", "ab\u{3000}", Encoding::Gb18030), None);
/// assert_eq!(first_difference(b"ab", "abc", Encoding::Utf8), Some(2));
/// ```
pub fn first_difference(bytes: &[u8], text: &str, encoding: Encoding) -> Option<usize> {
    if encoding == Encoding::Utf8 {
        let same = bytes
            .iter()
            .zip(text.as_bytes())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| bytes.len().min(text.len()));
        if same == bytes.len() && same == text.len() {
            return None;
        }
        // Back to the start of the character that differs.
        let start = (0..=same)
            .rev()
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(0);
        return Some(start);
    }
    // Encode a piece at a time (these encodings keep no state between
    // characters), and one character at a time in a piece that differs.
    const PIECE: usize = 16 * 1024;
    let mut at = 0;
    let mut rest = text;
    while !rest.is_empty() {
        let mut end = PIECE.min(rest.len());
        while !rest.is_char_boundary(end) {
            end += 1;
        }
        let (piece, after) = rest.split_at(end);
        match encode(piece, encoding, false) {
            Ok(encoded) if bytes[at..].starts_with(&encoded) => at += encoded.len(),
            _ => {
                let mut buffer = [0; 4];
                for c in piece.chars() {
                    match encode(c.encode_utf8(&mut buffer), encoding, false) {
                        Ok(encoded) if bytes[at..].starts_with(&encoded) => at += encoded.len(),
                        _ => return Some(at),
                    }
                }
                // Unreachable: the piece as a whole differed.
                return Some(at);
            }
        }
        rest = after;
    }
    (at != bytes.len()).then_some(at)
}
