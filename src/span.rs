//! Byte spans into the source text, and their line and column positions.
//!
//! Every node of a parsed [`Document`](crate::Document) and every
//! [`Diagnostic`](crate::Diagnostic) carries a [`Span`]: a half-open byte range
//! into the text it was parsed from. Lines and columns are not stored; they are
//! computed on demand by a [`LineIndex`], so the success path of the parser
//! never pays for them.
//!
//! A document's nodes keep their spans in 8 bytes each (two `u32`
//! offsets): a document past 4 GiB still parses and prints back, but its
//! nodes report no spans (`None`) beyond that point.

use std::ops::Range;

use serde::{Deserialize, Serialize};

/// A half-open range of byte offsets `start..end` into the source text.
///
/// ```
/// use fengong::Span;
/// let span = Span::new(3, 9);
/// assert_eq!(span.len(), 6);
/// assert_eq!(&"附件：东疆"[span.range()], "件：");
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
pub struct Span {
    /// Offset of the first byte.
    pub start: usize,
    /// Offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (byte offsets, `start <= end`).
    pub const fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// An empty span at `offset`, used to point between two characters.
    pub const fn empty(offset: usize) -> Span {
        Span {
            start: offset,
            end: offset,
        }
    }

    /// Number of bytes covered.
    pub const fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether the span covers no bytes.
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The span as a `Range`, for slicing the source.
    pub const fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// The smallest span covering both `self` and `other`.
    pub fn to(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// Whether `offset` lies inside the span.
    pub const fn contains(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }
}

/// An optional [`Span`] kept in 8 bytes instead of 24, for the nodes of a
/// [`Document`](crate::Document): offsets are stored as `u32`, and a span
/// that does not fit (a document past 4 GiB) is kept as no span.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct SpanSlot {
    start: u32,
    end: u32,
}

impl SpanSlot {
    /// No span: the node was built in code or edited.
    pub(crate) const NONE: SpanSlot = SpanSlot {
        start: u32::MAX,
        end: 0,
    };

    /// Stores `span` (no span if it is `None` or does not fit).
    pub(crate) fn new(span: Option<Span>) -> SpanSlot {
        span.and_then(|s| {
            let start = u32::try_from(s.start).ok().filter(|&v| v != u32::MAX)?;
            let end = u32::try_from(s.end).ok()?;
            Some(SpanSlot { start, end })
        })
        .unwrap_or(SpanSlot::NONE)
    }

    /// The span stored, if any.
    pub(crate) fn get(self) -> Option<Span> {
        (self.start != u32::MAX).then(|| Span::new(self.start as usize, self.end as usize))
    }
}

impl std::fmt::Debug for SpanSlot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.get().fmt(f)
    }
}

impl Default for SpanSlot {
    fn default() -> SpanSlot {
        SpanSlot::NONE
    }
}

impl From<Option<Span>> for SpanSlot {
    fn from(span: Option<Span>) -> SpanSlot {
        SpanSlot::new(span)
    }
}

impl From<Span> for SpanSlot {
    fn from(span: Span) -> SpanSlot {
        SpanSlot::new(Some(span))
    }
}

impl From<Range<usize>> for Span {
    fn from(range: Range<usize>) -> Span {
        Span::new(range.start, range.end)
    }
}

impl std::fmt::Display for Span {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// A 1-based line and column. The column counts characters (Unicode scalar
/// values), not bytes, so `东疆` advances it by two.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Position {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
}

impl std::fmt::Display for Position {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// The start offsets of every line of a text, for turning byte offsets into
/// [`Position`]s. Lines end at `\n`, `\r\n` or a lone `\r`.
///
/// Building the index is one linear pass; each lookup is a binary search plus
/// a character count within one line.
///
/// ```
/// use fengong::{LineIndex, Position};
/// let text = "附件：\n东疆重点任务\n";
/// let index = LineIndex::new(text);
/// let offset = text.find("重点").unwrap();
/// assert_eq!(index.position(offset), Position { line: 2, column: 3 });
/// ```
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Index the lines of `text`.
    pub fn new(text: &'a str) -> LineIndex<'a> {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut at = 0;
        while let Some(found) = memchr::memchr2(b'\n', b'\r', &bytes[at..]) {
            let i = at + found;
            let next = if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                i + 2
            } else {
                i + 1
            };
            starts.push(next);
            at = next;
        }
        LineIndex { text, starts }
    }

    /// The text this index was built from.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// Number of lines (a final line without a line ending counts; an empty
    /// text has one empty line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The 0-based line that holds byte `offset` (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        match self.starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// Byte range of 0-based line `line`, without its line ending.
    pub fn line_span(&self, line: usize) -> Span {
        let start = self.starts.get(line).copied().unwrap_or(self.text.len());
        let mut end = self
            .starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.text.len());
        let bytes = self.text.as_bytes();
        if end > start && bytes[end - 1] == b'\n' {
            end -= 1;
        }
        if end > start && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        Span::new(start, end)
    }

    /// The 1-based position of byte `offset`. An offset inside a multi-byte
    /// character, or past the end, is clamped to a character boundary.
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let start = self.starts[line];
        let column = self.text[start..offset].chars().count() + 1;
        Position {
            line: line + 1,
            column,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_and_all_line_endings() {
        let text = "ab\r\n东疆x\rz\n";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        assert_eq!(index.position(0), Position { line: 1, column: 1 });
        assert_eq!(index.position(4), Position { line: 2, column: 1 });
        assert_eq!(index.position(10), Position { line: 2, column: 3 });
        assert_eq!(index.position(12), Position { line: 3, column: 1 });
        assert_eq!(index.line_span(1), Span::new(4, 11));
        // Inside a character: clamped back to its start.
        assert_eq!(index.position(5), Position { line: 2, column: 1 });
        assert_eq!(index.position(999), Position { line: 4, column: 1 });
    }

    #[test]
    fn span_slots_keep_what_fits() {
        let span = Span::new(3, 9);
        assert_eq!(SpanSlot::new(Some(span)).get(), Some(span));
        assert_eq!(SpanSlot::new(None).get(), None);
        assert_eq!(SpanSlot::default().get(), None);
        let last = u32::MAX as usize;
        assert_eq!(
            SpanSlot::from(Span::new(0, last)).get(),
            Some(Span::new(0, last))
        );
        // Offsets past 4 GiB are not kept; neither is a start of u32::MAX,
        // which stands for no span.
        assert_eq!(SpanSlot::from(Span::new(last, last)).get(), None);
        if let Some(past) = last.checked_add(1) {
            assert_eq!(SpanSlot::from(Span::new(0, past)).get(), None);
        }
        assert_eq!(std::mem::size_of::<SpanSlot>(), 8);
    }
}
