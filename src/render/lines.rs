//! The sparse line index [`Lines`] a [`Report`](super::Report) locates
//! offsets with: a checkpoint every 64 lines and every 4 KiB.

#[cfg(doc)]
use crate::span::LineIndex;
use crate::span::{Position, Span};

/// A checkpoint of [`Lines`] every this many lines…
const CHECKPOINT_LINES: usize = 64;
/// …and every this many bytes, inside long lines too.
const CHECKPOINT_BYTES: usize = 4096;

/// Where a line starts in a [`Lines`]: the byte offset, its 0-based line
/// and the 0-based column (in characters) at that offset.
#[derive(Debug, Clone, Copy)]
struct Checkpoint {
    offset: usize,
    line: usize,
    column: usize,
}

/// A place found by [`Lines::position_from`]: the start of the line (or
/// the checkpoint inside it) that held the offset, from which a later
/// offset is found without going back to a checkpoint.
#[derive(Debug, Clone, Copy)]
pub(super) struct Place(Checkpoint);

/// A sparse line index: a checkpoint every 64 lines and every 4 KiB (also
/// inside long lines), so that an offset is located by a binary search and
/// a scan of at most a few KiB, whatever the lengths of the lines. A full
/// [`LineIndex`] keeps 8 bytes for every line (80 MB for ten million blank
/// lines); this keeps 24 bytes for every 64 lines or 4 KiB. Lines end at
/// `\n`, `\r\n` or a lone `\r`, as in [`LineIndex`].
#[derive(Debug, Clone)]
pub(super) struct Lines {
    checkpoints: Vec<Checkpoint>,
}

/// The start of the line after the line break at `i` (`\r\n` is one).
fn after_break(bytes: &[u8], i: usize) -> usize {
    if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
        i + 2
    } else {
        i + 1
    }
}

/// The first line break at or after `from`, before `to`.
fn next_break(bytes: &[u8], from: usize, to: usize) -> Option<usize> {
    memchr::memchr2(b'\n', b'\r', &bytes[from..to]).map(|i| from + i)
}

impl Lines {
    /// Indexes `text` in one pass.
    pub(super) fn new(text: &str) -> Lines {
        let bytes = text.as_bytes();
        let mut checkpoints = vec![Checkpoint {
            offset: 0,
            line: 0,
            column: 0,
        }];
        let (mut line, mut start) = (0, 0);
        loop {
            let end = next_break(bytes, start, bytes.len()).unwrap_or(bytes.len());
            // Inside a long line: a checkpoint every 4 KiB, on a character
            // boundary, with its column.
            let (mut at, mut column) = (start, 0);
            while end - at > CHECKPOINT_BYTES {
                let mut next = at + CHECKPOINT_BYTES;
                while !text.is_char_boundary(next) {
                    next += 1;
                }
                column += text[at..next].chars().count();
                checkpoints.push(Checkpoint {
                    offset: next,
                    line,
                    column,
                });
                at = next;
            }
            if end == bytes.len() {
                break;
            }
            start = after_break(bytes, end);
            line += 1;
            let last = checkpoints[checkpoints.len() - 1];
            if line - last.line >= CHECKPOINT_LINES || start - last.offset >= CHECKPOINT_BYTES {
                checkpoints.push(Checkpoint {
                    offset: start,
                    line,
                    column: 0,
                });
            }
        }
        Lines { checkpoints }
    }

    /// The last checkpoint at or before `offset`.
    fn before_offset(&self, offset: usize) -> Checkpoint {
        let i = self.checkpoints.partition_point(|c| c.offset <= offset);
        self.checkpoints[i.saturating_sub(1)]
    }

    /// The 0-based line of `offset` and the byte offset where the scan for
    /// its column may start (the line's start, or a checkpoint on it), with
    /// the column there.
    fn seek(&self, text: &str, offset: usize) -> (usize, usize, usize) {
        self.seek_from(text, offset, None)
    }

    /// [`Lines::seek`], starting from `from` instead of the checkpoint when
    /// `from` is at or before `offset` and after the checkpoint (a place
    /// found before, on the way to `offset`).
    fn seek_from(&self, text: &str, offset: usize, from: Option<Place>) -> (usize, usize, usize) {
        let bytes = text.as_bytes();
        let mut c = self.before_offset(offset);
        if let Some(from) = from {
            if from.0.offset <= offset && from.0.offset > c.offset {
                c = from.0;
            }
        }
        let (mut line, mut at, mut column) = (c.line, c.offset, c.column);
        while let Some(i) = next_break(bytes, at, offset) {
            let next = after_break(bytes, i);
            if next > offset {
                // `offset` is between the `\r` and the `\n` of a `\r\n`.
                break;
            }
            line += 1;
            at = next;
            column = 0;
        }
        (line, at, column)
    }

    /// The 0-based line that holds byte `offset` (clamped to the text).
    pub(super) fn line_of(&self, text: &str, offset: usize) -> usize {
        self.seek(text, offset.min(text.len())).0
    }

    /// The 1-based position of byte `offset`, as [`LineIndex::position`].
    pub(super) fn position(&self, text: &str, offset: usize) -> Position {
        self.position_from(text, offset, None).0
    }

    /// [`Lines::position`], scanning from `place` when it is on the way
    /// (offsets asked in increasing order are found in one pass over the
    /// text between them); returns the place of the answer too.
    pub(super) fn position_from(
        &self,
        text: &str,
        offset: usize,
        place: Option<Place>,
    ) -> (Position, Place) {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let (line, at, column) = self.seek_from(text, offset, place);
        let position = Position {
            line: line + 1,
            column: column + text[at..offset].chars().count() + 1,
        };
        let place = Place(Checkpoint {
            offset: at,
            line,
            column,
        });
        (position, place)
    }

    /// Where 0-based line `line` starts, if the text has that many lines.
    fn line_start(&self, text: &str, line: usize) -> Option<usize> {
        let bytes = text.as_bytes();
        let i = self
            .checkpoints
            .partition_point(|c| (c.line, c.column) <= (line, 0));
        let c = self.checkpoints[i.saturating_sub(1)];
        let (mut at, mut current) = (c.offset, c.line);
        while current < line {
            at = after_break(bytes, next_break(bytes, at, bytes.len())?);
            current += 1;
        }
        Some(at)
    }

    /// Byte range of 0-based line `line`, without its line ending (empty at
    /// the end of the text if there is no such line).
    pub(super) fn line_span(&self, text: &str, line: usize) -> Span {
        let bytes = text.as_bytes();
        let Some(start) = self.line_start(text, line) else {
            return Span::empty(text.len());
        };
        let end = match self.line_start(text, line + 1) {
            Some(next) => {
                let mut end = next;
                if end > start && bytes[end - 1] == b'\n' {
                    end -= 1;
                }
                if end > start && bytes[end - 1] == b'\r' {
                    end -= 1;
                }
                end
            }
            None => text.len(),
        };
        Span::new(start, end)
    }
}
