//! Bytes to text and back: UTF-8 (with or without a byte order mark),
//! UTF-16 with a byte order mark, and the legacy Chinese encodings GB18030
//! (GBK, GB2312) and Big5 (detected with `chardetng`, decoded with
//! `encoding_rs`).
//!
//! [`decode`] reports the [`Encoding`] it found, so that a writer can save a
//! changed document the way it came with [`encode`], and how sure it is
//! ([`Decoded::confidence`]): legacy encodings carry no marker, and the same
//! bytes are often valid both as GB18030 and as Big5.
//!
//! ```
//! use fengong::source::{decode, encode, Encoding};
//!
//! // "附件：东疆" in GB18030, as many government files are saved.
//! let bytes = [0xB8, 0xBD, 0xBC, 0xFE, 0xA3, 0xBA, 0xB6, 0xAB, 0xBD, 0xAE];
//! let decoded = decode(&bytes).unwrap();
//! assert_eq!(decoded.text(), "附件：东疆");
//! assert_eq!(decoded.encoding(), Encoding::Gb18030);
//! assert_eq!(encode(decoded.text(), decoded.encoding(), decoded.has_bom()).unwrap(), bytes);
//! ```

use std::borrow::Cow;
use std::fmt;

use encoding_rs::DecoderResult;

use crate::diagnostic::{Code, Diagnostic};
use crate::error::Error;
use crate::span::{LineIndex, Position, Span};

mod encoder;
mod reader;

pub use encoder::{encode, first_difference, round_trip_error, EncodeError};
pub use reader::{decode_reader, ReadText};

/// A text encoding fengong reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Encoding {
    /// UTF-8.
    Utf8,
    /// UTF-16, little-endian (read only with a byte order mark).
    Utf16Le,
    /// UTF-16, big-endian (read only with a byte order mark).
    Utf16Be,
    /// GB18030, the superset of GBK and GB2312 that Chinese Windows saves.
    Gb18030,
    /// Big5, for traditional Chinese documents.
    Big5,
}

impl Encoding {
    /// The encoding's usual name: `UTF-8`, `GB18030`.
    pub const fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Gb18030 => "GB18030",
            Encoding::Big5 => "Big5",
        }
    }

    fn rs(self) -> &'static encoding_rs::Encoding {
        match self {
            Encoding::Utf8 => encoding_rs::UTF_8,
            Encoding::Utf16Le => encoding_rs::UTF_16LE,
            Encoding::Utf16Be => encoding_rs::UTF_16BE,
            Encoding::Gb18030 => encoding_rs::GB18030,
            Encoding::Big5 => encoding_rs::BIG5,
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// How sure [`decode`] is of the encoding it found.
///
/// A byte order mark or valid UTF-8 leaves no doubt. Legacy encodings carry
/// no marker: the bytes of a Big5 document are nearly always valid GB18030
/// too (and often the other way round), read as other, garbled characters.
/// `decode` then takes the encoding in which the text reads most like
/// Chinese (`chardetng`'s statistical guess), and says it guessed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Confidence {
    /// Nothing else reads the bytes: a byte order mark, valid UTF-8, or
    /// the only legacy encoding in which the bytes are valid.
    Certain,
    /// The bytes are valid in another encoding too
    /// ([`Decoded::alternative`]); the text reads most like Chinese in the
    /// one taken.
    Guessed,
    /// The bytes are valid in another encoding too, and there is too little
    /// text to tell which reads better: GB18030 is assumed, as most of these
    /// documents are simplified Chinese.
    Assumed,
}

/// Decoded text, with the encoding it came in, whether it began with a
/// byte order mark (which is not part of the text), and how sure the
/// encoding is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded<'b> {
    text: Cow<'b, str>,
    encoding: Encoding,
    bom: bool,
    confidence: Confidence,
    alternative: Option<Encoding>,
}

impl<'b> Decoded<'b> {
    /// The text, borrowed from the bytes when they were UTF-8.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Takes the text out.
    pub fn into_text(self) -> Cow<'b, str> {
        self.text
    }

    /// The encoding found.
    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// Whether the bytes began with a byte order mark.
    pub fn has_bom(&self) -> bool {
        self.bom
    }

    /// How sure the encoding is: [`Confidence::Certain`] unless the bytes
    /// are valid in another encoding too.
    ///
    /// ```
    /// use fengong::source::{decode, Confidence, Encoding};
    ///
    /// // A traditional-Chinese title saved as Big5, the way Windows in
    /// // Taiwan or Hong Kong saves it. Its bytes are valid GB18030 too
    /// // (where `東疆` reads `狥忙`): the text decides.
    /// let (big5, _, _) = encoding_rs::BIG5.encode("附件：\n東疆重點任務清單和責任分工表\n");
    /// assert_eq!(encoding_rs::GB18030.decode_without_bom_handling(&big5[7..11]).0, "狥忙");
    /// let decoded = decode(&big5).unwrap();
    /// assert_eq!(decoded.text(), "附件：\n東疆重點任務清單和責任分工表\n");
    /// assert_eq!(decoded.encoding(), Encoding::Big5);
    /// assert_eq!(decoded.confidence(), Confidence::Guessed);
    /// assert_eq!(decoded.alternative(), Some(Encoding::Gb18030));
    /// assert_eq!(
    ///     decoded.note().unwrap(),
    ///     "read as Big5, in which the text reads most like Chinese; its bytes \
    ///      are valid GB18030 too: if the text looks garbled, save the document as UTF-8"
    /// );
    ///
    /// // UTF-8 leaves no doubt.
    /// let decoded = decode("東疆".as_bytes()).unwrap();
    /// assert_eq!(decoded.confidence(), Confidence::Certain);
    /// assert_eq!((decoded.alternative(), decoded.note()), (None, None));
    /// ```
    pub fn confidence(&self) -> Confidence {
        self.confidence
    }

    /// The other encoding in which the bytes are valid, when the encoding
    /// was guessed or assumed.
    pub fn alternative(&self) -> Option<Encoding> {
        self.alternative
    }

    /// For a reader, when the encoding is not certain: which encoding was
    /// taken, why, and what else the bytes could be. `None` when certain.
    pub fn note(&self) -> Option<String> {
        let alternative = self.alternative?;
        let why = match self.confidence {
            Confidence::Certain => return None,
            Confidence::Guessed => "in which the text reads most like Chinese",
            Confidence::Assumed => "assumed for lack of text to tell",
        };
        Some(format!(
            "read as {}, {why}; its bytes are valid {alternative} too: if the text looks garbled, save the document as UTF-8",
            self.encoding
        ))
    }

    /// Text that could be nothing else.
    fn certain(text: Cow<'b, str>, encoding: Encoding, bom: bool) -> Decoded<'b> {
        Decoded {
            text,
            encoding,
            bom,
            confidence: Confidence::Certain,
            alternative: None,
        }
    }
}

/// Decodes a document's bytes: a byte order mark decides; else valid UTF-8 is
/// UTF-8; else GB18030 and Big5 are tried, first the one `chardetng` finds
/// the text reads most like Chinese in (GB18030 when it guesses neither),
/// and [`Decoded::confidence`] says whether the other would have read the
/// bytes too.
///
/// `chardetng` is given no top-level-domain hint: the hint `cn` makes it
/// prefer GBK whenever the bytes are valid GBK, which Big5 bytes nearly
/// always are.
///
/// # Errors
///
/// An [`Error`] with code `E002` that names the byte offset where the bytes
/// stop being text in each encoding tried.
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, Error> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        if let Ok(text) = simdutf8::basic::from_utf8(rest) {
            return Ok(Decoded::certain(Cow::Borrowed(text), Encoding::Utf8, true));
        }
        return match std::str::from_utf8(rest) {
            Ok(text) => Ok(Decoded::certain(Cow::Borrowed(text), Encoding::Utf8, true)),
            Err(e) => Err(undecodable(
                bytes,
                &[(Encoding::Utf8, 3 + e.valid_up_to())],
                "after a UTF-8 byte order mark",
            )),
        };
    }
    for (bom, encoding) in [
        (b"\xFF\xFE", Encoding::Utf16Le),
        (b"\xFE\xFF", Encoding::Utf16Be),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            return match decode_strict(encoding, rest) {
                Ok(text) => Ok(Decoded::certain(Cow::Owned(text), encoding, true)),
                Err(at) => Err(undecodable(
                    bytes,
                    &[(encoding, 2 + at)],
                    "after a UTF-16 byte order mark",
                )),
            };
        }
    }
    // The common case, validated with SIMD; the slower standard check runs
    // only to locate an error.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Ok(Decoded::certain(Cow::Borrowed(text), Encoding::Utf8, false));
    }
    let utf8_error = std::str::from_utf8(bytes).map_or_else(|e| e.valid_up_to(), |t| t.len());
    let mut tried = vec![(Encoding::Utf8, utf8_error)];
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    let (candidates, guessed) = if guess == encoding_rs::BIG5 {
        ([Encoding::Big5, Encoding::Gb18030], true)
    } else {
        let gb = guess == encoding_rs::GBK || guess == encoding_rs::GB18030;
        ([Encoding::Gb18030, Encoding::Big5], gb)
    };
    for (i, &encoding) in candidates.iter().enumerate() {
        match decode_strict(encoding, bytes) {
            Ok(text) => {
                // The candidates before this one failed; would a later one
                // have read the bytes too?
                let alternative = candidates[i + 1..]
                    .iter()
                    .copied()
                    .find(|&other| is_valid(other, bytes));
                let confidence = match (alternative, guessed) {
                    (None, _) => Confidence::Certain,
                    (Some(_), true) => Confidence::Guessed,
                    (Some(_), false) => Confidence::Assumed,
                };
                return Ok(Decoded {
                    text: Cow::Owned(text),
                    encoding,
                    bom: false,
                    confidence,
                    alternative,
                });
            }
            Err(at) => tried.push((encoding, at)),
        }
    }
    Err(undecodable(bytes, &tried, "in any supported encoding"))
}

/// [`decode`] for bytes the caller owns: UTF-8 text takes over the buffer
/// instead of copying it, so a large document is held once, not twice.
///
/// ```
/// let decoded = fengong::source::decode_vec("附件：\n".as_bytes().to_vec()).unwrap();
/// assert_eq!(decoded.text(), "附件：\n");
/// ```
///
/// # Errors
///
/// As [`decode`].
pub fn decode_vec(mut bytes: Vec<u8>) -> Result<Decoded<'static>, Error> {
    const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
    if !bytes.starts_with(b"\xFF\xFE") && !bytes.starts_with(b"\xFE\xFF") {
        let bom = bytes.starts_with(UTF8_BOM);
        if bom {
            bytes.drain(..UTF8_BOM.len());
        }
        match String::from_utf8(bytes) {
            Ok(text) => return Ok(Decoded::certain(Cow::Owned(text), Encoding::Utf8, bom)),
            Err(e) => {
                bytes = e.into_bytes();
                if bom {
                    bytes.splice(0..0, UTF8_BOM.iter().copied());
                }
            }
        }
    }
    decode(&bytes).map(|d| Decoded {
        text: Cow::Owned(d.text.into_owned()),
        encoding: d.encoding,
        bom: d.bom,
        confidence: d.confidence,
        alternative: d.alternative,
    })
}

/// Whether all of `bytes` is valid in `encoding`, without keeping the text.
fn is_valid(encoding: Encoding, bytes: &[u8]) -> bool {
    let mut decoder = encoding.rs().new_decoder_without_bom_handling();
    let mut buffer = [0u8; 4096];
    let mut read_total = 0;
    loop {
        let rest = bytes.get(read_total..).unwrap_or_default();
        let (result, read, _) = decoder.decode_to_utf8_without_replacement(rest, &mut buffer, true);
        read_total += read;
        match result {
            DecoderResult::InputEmpty => return true,
            DecoderResult::Malformed(..) => return false,
            DecoderResult::OutputFull => {}
        }
    }
}

/// Decodes all of `bytes` or returns the offset of the first malformed
/// sequence.
fn decode_strict(encoding: Encoding, bytes: &[u8]) -> Result<String, usize> {
    let mut decoder = encoding.rs().new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len());
    let mut out = String::with_capacity(capacity);
    let mut read_total = 0;
    loop {
        let (result, read) =
            decoder.decode_to_string_without_replacement(&bytes[read_total..], &mut out, true);
        read_total += read;
        match result {
            DecoderResult::InputEmpty => return Ok(out),
            DecoderResult::Malformed(bad, after) => {
                return Err(read_total.saturating_sub(bad as usize + after as usize))
            }
            DecoderResult::OutputFull => out.reserve(bytes.len() - read_total + 16),
        }
    }
}

fn undecodable(bytes: &[u8], tried: &[(Encoding, usize)], context: &str) -> Error {
    let (first_encoding, first_at) = tried[0];
    let at = first_at.min(bytes.len());
    // Locate the offset by decoding what comes before it, leniently; a byte
    // order mark is not text and takes no column.
    let bom_len = if bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        2
    } else {
        0
    };
    let prefix = &bytes[bom_len.min(at)..at];
    let (prefix_text, _) = first_encoding.rs().decode_without_bom_handling(prefix);
    let index = LineIndex::new(&prefix_text);
    let position: Position = index.position(prefix_text.len());
    let shown: Vec<String> = bytes[at..]
        .iter()
        .take(4)
        .map(|b| format!("{b:02X}"))
        .collect();
    let details: Vec<String> = tried
        .iter()
        .map(|(e, off)| format!("{e} fails at byte {off}"))
        .collect();
    let diagnostic = Diagnostic::expected(
        Code::UndecodableInput,
        Span::new(at, (at + 1).min(bytes.len())),
        "text in UTF-8, UTF-16 (with a byte order mark) or GB18030",
        &format!("bytes {} that are not text {context}", shown.join(" ")),
    )
    .with_static_label("not text")
    .with_note(format!("tried: {}", details.join("; ")))
    .with_static_help("save the document as UTF-8 (or GB18030) text; the file may be truncated or not a text file");
    Error::at(diagnostic, position)
}

#[cfg(test)]
mod tests;
