//! Lines to table cells.
//!
//! Text extracted from a Word table puts one cell per line that starts with a
//! tab. The lexer turns lines into [`Item`]s:
//!
//! - a line that starts with a tab opens a **cell**;
//! - a non-blank line without a tab right after a cell line **continues** that
//!   cell (a wrapped cell, such as `滨海新区` / `责任单位`);
//! - a run of blank lines followed by a tab line, or by the end, is a **row
//!   break**;
//! - a run of blank lines followed by a line without a tab continues the
//!   current cell if that cell has no text yet (a cell holding blank lines
//!   before its text); otherwise, if the line is a category heading, it opens
//!   an **implicit cell** (a heading that lost its tab); otherwise it is a
//!   **stray line**.
//!
//! Every byte after the preamble belongs to exactly one item, and the items
//! come in text order. One pass, no backtracking: each line is read once.

use crate::span::Span;

/// One line: `start..content_end` is its text, `content_end..end` its line
/// ending (empty on a last line without one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Line {
    pub(crate) start: usize,
    pub(crate) content_end: usize,
    pub(crate) end: usize,
}

/// Splits `text[from..]` into lines, recognising `\n`, `\r\n` and `\r`.
#[derive(Debug, Clone)]
pub(crate) struct Lines<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Lines<'a> {
    pub(crate) fn new(text: &'a str, from: usize) -> Lines<'a> {
        Lines {
            bytes: text.as_bytes(),
            pos: from,
        }
    }
}

impl Iterator for Lines<'_> {
    type Item = Line;

    #[inline]
    fn next(&mut self) -> Option<Line> {
        let start = self.pos;
        if start >= self.bytes.len() {
            return None;
        }
        let line = match memchr::memchr2(b'\n', b'\r', &self.bytes[start..]) {
            Some(i) => {
                let content_end = start + i;
                let end = if self.bytes[content_end] == b'\r'
                    && self.bytes.get(content_end + 1) == Some(&b'\n')
                {
                    content_end + 2
                } else {
                    content_end + 1
                };
                Line {
                    start,
                    content_end,
                    end,
                }
            }
            None => Line {
                start,
                content_end: self.bytes.len(),
                end: self.bytes.len(),
            },
        };
        self.pos = line.end;
        Some(line)
    }
}

/// Whether `c` counts as white space inside a cell: ASCII space and tab, the
/// ideographic space `　`, no-break spaces and the rest of Unicode's white
/// space, and a stray byte order mark.
#[inline]
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// Whether `text` holds nothing but white space.
#[inline]
pub(crate) fn is_blank(text: &str) -> bool {
    if surely_not_space(text.as_bytes(), 0) {
        return false; // the usual line: text from its first character
    }
    text.bytes().all(|b| b == b' ') || text.chars().all(is_space)
}

/// Whether the character at `bytes[i]` is surely not white space (see
/// [`is_space`]), from its bytes alone: ASCII other than white space, CJK
/// ideographs (lead bytes `E4`–`EE`), and the blocks of lead bytes `E3` and
/// `EF` except U+3000 (`E3 80 80`) and U+FEFF (`EF BB BF`). `false` means
/// "look closer".
#[inline]
pub(crate) fn surely_not_space(bytes: &[u8], i: usize) -> bool {
    match bytes.get(i) {
        Some(&b) if b < 0x80 => !matches!(b, b'\t'..=b'\r' | b' '),
        Some(0xE4..=0xEE) => true,
        Some(0xE3) => bytes.get(i + 1..i + 3) != Some(&[0x80, 0x80]),
        Some(0xEF) => bytes.get(i + 1..i + 3) != Some(&[0xBB, 0xBF]),
        _ => false,
    }
}

/// Whether the character that ends at `bytes[end]` is surely not white
/// space, from its bytes alone (ASCII, or three bytes read by
/// [`surely_not_space`]); `false` means "look closer".
pub(crate) fn surely_not_space_before(bytes: &[u8], end: usize) -> bool {
    match end.checked_sub(1).and_then(|i| bytes.get(i)) {
        Some(&b) if b < 0x80 => surely_not_space(bytes, end - 1),
        Some(_) => end
            .checked_sub(3)
            .filter(|&i| bytes.get(i).is_some_and(|&b| b & 0xF0 == 0xE0))
            .is_some_and(|i| surely_not_space(bytes, i)),
        None => false,
    }
}

/// Whether a line is blank: no tab (a lone tab is an empty cell) and nothing
/// but white space.
#[inline]
fn is_blank_line(text: &str) -> bool {
    text.as_bytes().first() != Some(&b'\t') && is_blank(text)
}

/// Whether a line's text (without its tab) starts like a category heading:
/// optional spaces, then `（` or `(` and a Chinese numeral character (or a
/// digit), or a Chinese numeral and `、`.
pub(crate) fn looks_like_heading(text: &str) -> bool {
    let text = text.trim_start_matches(is_space);
    let mut chars = text.chars();
    match chars.next() {
        Some('（' | '(') => chars
            .next()
            .is_some_and(|c| crate::numeral::is_numeral_char(c) || c.is_ascii_digit()),
        Some(c) if crate::numeral::is_numeral_char(c) => {
            let numeral = text
                .char_indices()
                .find(|&(_, c)| !crate::numeral::is_numeral_char(c));
            matches!(numeral, Some((i, '、')) if i <= crate::numeral::MAX_LEN * 3)
        }
        _ => false,
    }
}

/// Where the table starts: the first line that starts with a tab, a byte
/// order mark before it aside (the text's length if there is none).
pub(crate) fn table_start(text: &str) -> usize {
    let bom = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let tabbed = |l: &Line| text.as_bytes().get(l.start) == Some(&b'\t');
    let mut lines = Lines::new(text, bom);
    let Some(first) = lines.find(tabbed) else {
        return text.len();
    };
    // A title in a merged row of the table itself (`→2023年重点任务分工表`)
    // comes before the header: the table starts at the `→序号` a few lines
    // below, if the lines between are blank or single cells.
    let is_number_label = |l: &Line| {
        let content = text[l.start..l.content_end].trim_matches(is_space);
        matches!(crate::column::Role::of_label(content), crate::Role::Number)
    };
    if is_number_label(&first) {
        return first.start;
    }
    // Whether the line before was a cell (no blank line since).
    let mut after_cell = true;
    for line in Lines::new(text, first.end).take(12) {
        let content = &text[line.start..line.content_end];
        if tabbed(&line) {
            if after_cell {
                // Two cells in a row: a header or a task, not a title.
                break;
            }
            if is_number_label(&line) {
                return line.start;
            }
            after_cell = true;
        } else if is_blank(content) {
            after_cell = false;
        } else if !after_cell {
            // Text after a blank line: not a table's row.
            break;
        }
    }
    first.start
}

/// A cell of the table as the lexer reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cell {
    /// From its tab (or first character) to the end of its last line, line
    /// ending included.
    pub(crate) span: Span,
    /// Whether it starts with its tab (an untabbed cell is a heading line
    /// that lost its tab).
    pub(crate) tabbed: bool,
    /// Whether it is one line (no continuation or blank lines): its
    /// segments need no second search for line ends. `false` when unknown.
    pub(crate) one_line: bool,
}

impl Cell {
    /// The cell's lines in `text` (the text it was lexed from): a cell
    /// known to be one line is that line, found without a search.
    pub(crate) fn lines(self, text: &str) -> CellLines<'_> {
        let bytes = text.as_bytes();
        let (start, end) = (self.span.start, self.span.end.min(bytes.len()));
        if !self.one_line || start > end {
            return CellLines::Many(Lines::new(text.get(..end).unwrap_or(""), start));
        }
        let mut content_end = end;
        if content_end > start && bytes[content_end - 1] == b'\n' {
            content_end -= 1;
        }
        if content_end > start && bytes[content_end - 1] == b'\r' {
            content_end -= 1;
        }
        CellLines::One(Some(Line {
            start,
            content_end,
            end,
        }))
    }

    /// A cell read on its own, of unknown shape: tabbed if its first byte
    /// is a tab.
    pub(crate) fn at(text: &str, span: Span) -> Cell {
        Cell {
            span,
            tabbed: text.as_bytes().get(span.start) == Some(&b'\t'),
            one_line: false,
        }
    }
}

/// A cell of the table in 8 bytes: its span, whether it starts with its
/// tab (the top bit of `start`) and whether it is one line (that of `end`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct KeptCell {
    start: u32,
    end: u32,
}

impl KeptCell {
    /// The longest text whose cells are kept.
    pub(crate) const MAX: usize = (1 << 31) - 1;
    const FLAG: u32 = 1 << 31;

    /// `None` for a cell that ends at 2 GiB or later.
    pub(crate) fn new(cell: Cell) -> Option<KeptCell> {
        let start = u32::try_from(cell.span.start)
            .ok()
            .filter(|&s| s < Self::FLAG)?;
        let end = u32::try_from(cell.span.end)
            .ok()
            .filter(|&e| e < Self::FLAG)?;
        Some(KeptCell {
            start: start | if cell.tabbed { Self::FLAG } else { 0 },
            end: end | if cell.one_line { Self::FLAG } else { 0 },
        })
    }

    /// Where the cell starts.
    pub(crate) fn start(self) -> usize {
        (self.start & !Self::FLAG) as usize
    }

    /// Where the cell ends.
    pub(crate) fn end(self) -> usize {
        (self.end & !Self::FLAG) as usize
    }

    /// The cell.
    pub(crate) fn cell(self) -> Cell {
        Cell {
            span: Span::new(self.start(), self.end()),
            tabbed: self.start & Self::FLAG != 0,
            one_line: self.end & Self::FLAG != 0,
        }
    }
}

/// The lines of a cell ([`Cell::lines`]).
pub(crate) enum CellLines<'a> {
    One(Option<Line>),
    Many(Lines<'a>),
}

impl Iterator for CellLines<'_> {
    type Item = Line;

    #[inline]
    fn next(&mut self) -> Option<Line> {
        match self {
            CellLines::One(line) => line.take(),
            CellLines::Many(lines) => lines.next(),
        }
    }
}

/// One lexed piece of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Item {
    /// A cell.
    Cell(Cell),
    /// Blank lines that end a row.
    Break(Span),
    /// Lines of text outside any cell.
    Stray(Span),
}

#[derive(Debug, Clone, Copy)]
enum Open {
    Cell {
        start: usize,
        end: usize,
        implicit: bool,
        has_text: bool,
        one_line: bool,
    },
    Stray {
        start: usize,
        end: usize,
    },
}

/// The lexer: an iterator of [`Item`]s over the table part of a document.
pub(crate) struct Lexer<'a> {
    text: &'a str,
    lines: Lines<'a>,
    pending: Option<Line>,
    open: Option<Open>,
    out: Queue,
    done: bool,
}

impl<'a> Lexer<'a> {
    /// Lexes `text[from..]`; `from` must be the start of a line.
    pub(crate) fn new(text: &'a str, from: usize) -> Lexer<'a> {
        Lexer {
            text,
            lines: Lines::new(text, from),
            pending: None,
            open: None,
            out: Queue::default(),
            done: false,
        }
    }

    fn content(&self, line: Line) -> &'a str {
        &self.text[line.start..line.content_end]
    }

    fn next_line(&mut self) -> Option<Line> {
        self.pending.take().or_else(|| self.lines.next())
    }

    fn close(&mut self) {
        match self.open.take() {
            Some(Open::Cell {
                start,
                end,
                implicit,
                one_line,
                ..
            }) => self.out.push_back(Item::Cell(Cell {
                span: Span::new(start, end),
                tabbed: !implicit,
                one_line,
            })),
            Some(Open::Stray { start, end }) => {
                self.out.push_back(Item::Stray(Span::new(start, end)))
            }
            None => {}
        }
    }

    /// A line without a tab where no cell can continue: an implicit heading
    /// cell or a stray line.
    fn open_untabbed(&mut self, line: Line) {
        self.open = Some(if looks_like_heading(self.content(line)) {
            Open::Cell {
                start: line.start,
                end: line.end,
                implicit: true,
                has_text: true,
                one_line: true,
            }
        } else {
            Open::Stray {
                start: line.start,
                end: line.end,
            }
        });
    }

    fn step(&mut self) {
        let Some(line) = self.next_line() else {
            self.close();
            self.done = true;
            return;
        };
        let content = self.content(line);
        if content.as_bytes().first() == Some(&b'\t') {
            let has_text = !is_blank(content.get(1..).unwrap_or(""));
            self.close();
            self.open = Some(Open::Cell {
                start: line.start,
                end: line.end,
                implicit: false,
                has_text,
                one_line: true,
            });
            return;
        }
        if !is_blank(content) {
            match &mut self.open {
                Some(Open::Cell {
                    end,
                    has_text,
                    one_line,
                    ..
                }) => {
                    *end = line.end;
                    *has_text = true;
                    *one_line = false;
                }
                Some(Open::Stray { end, .. }) => *end = line.end,
                None => self.open_untabbed(line),
            }
            return;
        }
        // A run of blank lines: look at what follows it.
        let blank_start = line.start;
        let mut blank_end = line.end;
        let next = loop {
            match self.lines.next() {
                Some(l) if is_blank_line(self.content(l)) => blank_end = l.end,
                other => break other,
            }
        };
        match next {
            Some(l) if self.content(l).as_bytes().first() != Some(&b'\t') => {
                // Text without a tab after blank lines.
                if let Some(Open::Cell {
                    end,
                    has_text: has_text @ false,
                    one_line,
                    ..
                }) = &mut self.open
                {
                    *end = l.end;
                    *has_text = true;
                    *one_line = false;
                    return;
                }
                self.close();
                self.out
                    .push_back(Item::Break(Span::new(blank_start, blank_end)));
                self.open_untabbed(l);
            }
            other => {
                self.close();
                self.out
                    .push_back(Item::Break(Span::new(blank_start, blank_end)));
                self.pending = other;
            }
        }
    }
}

/// The items a step of the lexer produced and `next` has not returned yet:
/// a step closes at most one cell and adds at most one break, and the lexer
/// steps only once the queue is empty, so two places do.
#[derive(Debug, Default)]
struct Queue {
    first: Option<Item>,
    second: Option<Item>,
}

impl Queue {
    #[inline]
    fn push_back(&mut self, item: Item) {
        if self.first.is_none() {
            self.first = Some(item);
        } else {
            debug_assert!(self.second.is_none(), "a lexer step queued three items");
            self.second = Some(item);
        }
    }

    #[inline]
    fn pop_front(&mut self) -> Option<Item> {
        let item = self.first.take();
        self.first = self.second.take();
        item
    }
}

impl Iterator for Lexer<'_> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(item) = self.out.pop_front() {
                return Some(item);
            }
            if self.done {
                return None;
            }
            self.step();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_starts_at_the_first_tab_after_a_byte_order_mark() {
        assert_eq!(table_start("\u{feff}\t序号\n"), 3);
        assert_eq!(table_start("附件：\n\t序号\n"), 10);
        assert_eq!(table_start("标题\n"), "标题\n".len());
        assert_eq!(table_start(""), 0);
        // A title row of the table above its header.
        let text = "附件\n\t2023年重点任务分工表\n\n\t序号\n\t工作任务\n";
        assert_eq!(&text[table_start(text)..], "\t序号\n\t工作任务\n");
        // Not past a row of two cells.
        let text = "\t甲\n\t乙\n\n\t序号\n";
        assert_eq!(table_start(text), 0);
    }

    fn items(text: &str) -> Vec<(char, &str)> {
        Lexer::new(text, 0)
            .map(|item| match item {
                Item::Cell(cell) => (
                    if cell.tabbed { 'c' } else { 'i' },
                    &text[cell.span.range()],
                ),
                Item::Break(span) => ('b', &text[span.range()]),
                Item::Stray(span) => ('s', &text[span.range()]),
            })
            .collect()
    }

    #[test]
    fn cells_wraps_and_breaks() {
        assert_eq!(
            items("\t东疆\n责任单位\n\n\t1\r\n\t\n"),
            [
                ('c', "\t东疆\n责任单位\n"),
                ('b', "\n"),
                ('c', "\t1\r\n"),
                ('c', "\t\n")
            ]
        );
    }

    #[test]
    fn blank_lines_inside_an_empty_cell() {
        assert_eq!(
            items("\t人社局\n\n\t\n\n\n\n（五）\n挖掘\n\t15\n"),
            [
                ('c', "\t人社局\n"),
                ('b', "\n"),
                ('c', "\t\n\n\n\n（五）\n挖掘\n"),
                ('c', "\t15\n")
            ]
        );
    }

    #[test]
    fn untabbed_heading_and_stray_lines() {
        assert_eq!(
            items("\t人社局\n\n（五）挖掘\n\t1\n\n第3页\n续\n \n"),
            [
                ('c', "\t人社局\n"),
                ('b', "\n"),
                ('i', "（五）挖掘\n"),
                ('c', "\t1\n"),
                ('b', "\n"),
                ('s', "第3页\n续\n"),
                ('b', " \n")
            ]
        );
    }

    #[test]
    fn a_cell_of_one_line_is_that_line() {
        let texts = [
            "\t甲\n\t乙\r\n\t丙\r\t丁",
            "\t一\n续\n\n\t二\r\n\r\n\t\n\n（三）类\n\t三",
            "\t\n\t \r\n\t四",
        ];
        let mut ones = 0;
        for text in texts {
            for item in Lexer::new(text, 0) {
                let Item::Cell(cell) = item else { continue };
                let lines: Vec<Line> = cell.lines(text).collect();
                let searched: Vec<Line> =
                    Lines::new(&text[..cell.span.end], cell.span.start).collect();
                assert_eq!(lines, searched, "{text:?} {cell:?}");
                ones += usize::from(cell.one_line);
            }
        }
        assert!(ones >= 8);
    }

    #[test]
    fn the_bytes_at_a_line_end_tell_text_from_space_as_the_characters_do() {
        // Every character of the first plane and a few past it.
        let every = (0..=0xFFFF_u32).chain([0x1F600, 0x20000, 0x10FFFF]);
        for c in every.filter_map(char::from_u32) {
            for before in ["", "x", "乙"] {
                let text = format!("{before}{c}");
                if surely_not_space_before(text.as_bytes(), text.len()) {
                    assert!(!is_space(c), "{c:?} after {before:?}");
                }
            }
        }
        // The common ones are told from their bytes.
        for c in ['a', '1', '甲', '区', '。', '、'] {
            let text = format!("x{c}");
            assert!(
                surely_not_space_before(text.as_bytes(), text.len()),
                "{c:?}"
            );
        }
        assert!(!surely_not_space_before(b"", 0));
    }

    #[test]
    fn covers_every_byte() {
        let text = "\t a\n\n\n b\r\n\r\n\t\t\n  \n\tc";
        let joined: String = items(text).into_iter().map(|(_, s)| s).collect();
        assert_eq!(joined, text);
    }
}
