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

/// A place found by [`Lines::place_of`] or [`position_after`]: an offset
/// located, with its line and column, from which a later offset is found
/// without going back to a checkpoint.
#[derive(Debug, Clone, Copy)]
pub(super) struct Place(Checkpoint);

impl Place {
    /// The start of the text.
    pub(super) const START: Place = Place(Checkpoint {
        offset: 0,
        line: 0,
        column: 0,
    });

    /// The byte offset of the place.
    pub(super) fn offset(self) -> usize {
        self.0.offset
    }
}

/// [`Lines::position`] without an index: the position of `offset`,
/// scanning forward from `place` (at or before it; else from the start).
pub(super) fn position_after(text: &str, offset: usize, place: Place) -> (Position, Place) {
    let offset = floor_char_boundary(text, offset);
    let c = if place.0.offset <= offset {
        place.0
    } else {
        Place::START.0
    };
    let (line, at, column) = scan(text.as_bytes(), c, offset);
    position_at(text, offset, line, at, column)
}

/// `offset` clamped to the text, moved back to a character boundary.
fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The line of `offset`, scanning line breaks forward from checkpoint `c`
/// (at or before `offset`): the 0-based line, the offset the column scan
/// starts from and the column there.
fn scan(bytes: &[u8], c: Checkpoint, offset: usize) -> (usize, usize, usize) {
    let (mut line, mut at, mut column) = (c.line, c.offset, c.column);
    let between = &bytes[at..offset];
    // Nearly always no `\r`: the lines are the `\n`s, counted in one
    // vectorized pass rather than found one by one.
    if memchr::memchr(b'\r', between).is_none() {
        return match memchr::memrchr(b'\n', between) {
            Some(last) => (
                line + memchr::memchr_iter(b'\n', between).count(),
                at + last + 1,
                0,
            ),
            None => (line, at, column),
        };
    }
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

/// The 1-based position of `offset` on 0-based `line`, whose column scan
/// starts at `at` with `column`; and its place.
fn position_at(
    text: &str,
    offset: usize,
    line: usize,
    at: usize,
    column: usize,
) -> (Position, Place) {
    let column = column + text[at..offset].chars().count();
    let position = Position {
        line: line + 1,
        column: column + 1,
    };
    // The place is `offset` itself: a later offset on the same line counts
    // its characters from here, not from the line's start (the spans of
    // one long line, located in order, cost the line once, not once each).
    let place = Place(Checkpoint {
        offset,
        line,
        column,
    });
    (position, place)
}

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
        scan(text.as_bytes(), self.before_offset(offset), offset)
    }

    /// The 0-based line that holds byte `offset` (clamped to the text).
    pub(super) fn line_of(&self, text: &str, offset: usize) -> usize {
        self.seek(text, offset.min(text.len())).0
    }

    /// The 1-based position of byte `offset`, as [`LineIndex::position`].
    pub(super) fn position(&self, text: &str, offset: usize) -> Position {
        self.place_of(text, offset).0
    }

    /// [`Lines::position`], and the place it was found from (the start of
    /// its line, or a checkpoint on it).
    pub(super) fn place_of(&self, text: &str, offset: usize) -> (Position, Place) {
        let offset = floor_char_boundary(text, offset);
        let (line, at, column) = self.seek(text, offset);
        position_at(text, offset, line, at, column)
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
