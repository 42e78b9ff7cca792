//! Text to [`Document`]: the strict [`parse`] and the tolerant
//! [`parse_tolerant`].
//!
//! The parser reads the preamble (label and title), then the table through
//! the [lexer](crate::lex), one row at a time. Rows are interpreted by what
//! their cells hold: a heading cell starts a category, a number cell starts a
//! task of four cells, an empty cell is filler. Whatever cannot be read
//! becomes a [`Diagnostic`] and its text stays in the document as trivia, so
//! the document still prints back its input byte for byte.

use std::borrow::Cow;

use crate::diagnostic::{quote, Code, Diagnostic};
use crate::error::Error;
use crate::grammar::{self, Artifact, NumberError, Seg};
use crate::lex::{self, is_blank, is_space, Cell, Item, Lexer, Lines};
use crate::model::{
    Category, Document, Header, LineEnding, Preamble, Repr, Task, Unit, UnitMapping, NUMBER_LABEL,
    TASK_LABEL,
};
use crate::numeral;
use crate::span::Span;

/// A document read by [`parse_tolerant`], with every problem found.
#[derive(Debug, Clone)]
pub struct Parsed<'a> {
    /// The best-effort document. It always prints back the input exactly;
    /// parts that could not be read are kept as trivia.
    pub document: Document<'a>,
    /// Every problem, in source order.
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> Parsed<'a> {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The document if there were no errors, else an [`Error`] holding them.
    pub fn into_result(self, input: &str) -> Result<Document<'a>, Error> {
        if self.has_errors() {
            Err(Error::from_diagnostics(input, self.diagnostics))
        } else {
            Ok(self.document)
        }
    }
}

/// Parses a document strictly: any error makes it fail. The returned
/// [`Error`] holds every error of the document, the first in source order as
/// its primary one.
///
/// Zero-copy (values borrow from `input` wherever they are one piece of it)
/// and linear in the input's length.
///
/// ```
/// let text = std::fs::read_to_string("seeds/000_ecc403549f0e7389.txt").unwrap();
/// let doc = fengong::parse(&text).unwrap();
/// assert_eq!(doc.title(), "东疆重点任务清单和责任分工表");
/// assert_eq!(doc.categories().len(), 28);
/// assert_eq!(doc.to_string(), text);
///
/// let err = fengong::parse("附件：\n标题\n\t序号\n").unwrap_err();
/// assert_eq!(err.code().as_str(), "E005");
/// assert_eq!((err.line(), err.column()), (3, 1));
/// ```
pub fn parse(input: &str) -> Result<Document<'_>, Error> {
    parse_tolerant(input).into_result(input)
}

/// Parses a document and reports every problem, never stopping at the first.
///
/// The document is the best reading of the input; what could not be read
/// stays in it as trivia, so `document.to_string() == input` always holds.
///
/// ```
/// let broken = "附件：\n标题\n\t序号\n\t工作任务\n\t甲责任单位\n\t乙责任单位\n\n\t（一）类\n\t1\n\t文本\n\n\t（二十十）类\n";
/// let parsed = fengong::parse_tolerant(broken);
/// let codes: Vec<_> = parsed.diagnostics.iter().map(|d| d.code().as_str()).collect();
/// assert_eq!(codes, ["E012", "E007"]);
/// assert_eq!(parsed.document.to_string(), broken);
/// ```
pub fn parse_tolerant(input: &str) -> Parsed<'_> {
    let mut parser = Parser::new(input);
    parser.run();
    let Parser {
        doc, diagnostics, ..
    } = parser;
    Parsed {
        document: doc,
        diagnostics,
    }
}

struct Parser<'a> {
    text: &'a str,
    doc: Document<'a>,
    diagnostics: Vec<Diagnostic>,
    segs: Vec<Seg>,
    artifacts: Vec<Artifact>,
    pieces: Vec<(usize, usize)>,
    row: Vec<Cell>,
    /// The tasks of the category being read (see `close_category`).
    tasks: Vec<Task<'a>>,
    /// The units of the task being read, both cells.
    task_units: Vec<Unit<'a>>,
    /// The next `[` ahead: cells are read in order.
    brackets: grammar::Brackets,
    last_end: usize,
    header_pending: bool,
    last_task_number: u32,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Parser<'a> {
        let mut doc = Document::with_columns(
            "",
            [
                Cow::Borrowed(NUMBER_LABEL),
                Cow::Borrowed(TASK_LABEL),
                Cow::Borrowed(""),
                Cow::Borrowed(""),
            ],
        );
        doc.preamble = Preamble {
            raw: Some(Cow::Borrowed("")),
            ..Preamble::default()
        };
        doc.header.raw = Some(Cow::Borrowed(""));
        doc.line_ending = LineEnding::detect(text);
        Parser {
            text,
            doc,
            diagnostics: Vec::new(),
            segs: Vec::new(),
            artifacts: Vec::new(),
            pieces: Vec::new(),
            row: Vec::new(),
            tasks: Vec::new(),
            task_units: Vec::new(),
            brackets: grammar::Brackets::default(),
            last_end: 0,
            header_pending: true,
            last_task_number: 0,
        }
    }

    fn report(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    fn run(&mut self) {
        let text = self.text;
        if text.chars().all(is_space) {
            self.empty_document(if text.is_empty() {
                "an empty document"
            } else {
                "only white space"
            });
            self.doc.trailer = Cow::Borrowed(text);
            return;
        }
        // A byte order mark is trivia: a table may start right after it.
        let table_start = lex::table_start(text);
        self.preamble(table_start);
        self.last_end = table_start;
        let mut lexer = Lexer::new(text, table_start);
        loop {
            match lexer.next() {
                Some(Item::Cell(cell)) => self.row.push(cell),
                Some(Item::Break(_)) => self.end_row(false),
                Some(Item::Stray(span)) => {
                    self.end_row(false);
                    self.stray(span);
                }
                None => {
                    self.end_row(true);
                    break;
                }
            }
        }
        self.close_category();
        if self.header_pending {
            self.missing_header(Span::empty(text.len()), "the end of the document");
        }
        self.doc.trailer = Cow::Borrowed(&text[self.last_end..]);
        // Cells that hold nothing but artifacts (`\t[bookmark: x]`) read as
        // empty: a document with no value at all, and no error, is white
        // space and artifacts only, as empty as white space alone (and it
        // would be white space alone once W005 cut the artifacts).
        let doc = &self.doc;
        if self.diagnostics.is_empty()
            && doc.preamble.label.is_none()
            && doc.preamble.title.is_empty()
            && doc.header.columns.iter().all(|c| c.is_empty())
            && doc.categories.is_empty()
        {
            self.empty_document("only white space and extraction artifacts");
        }
    }

    fn empty_document(&mut self, found: &str) {
        self.report(
            Diagnostic::expected(
                Code::EmptyDocument,
                Span::new(0, self.text.len()),
                "a task table",
                found,
            )
            .with_label("nothing to read here")
            .with_help("a document starts with its title, then the header row: a tab and 序号 on the first line, then the other three cells"),
        );
    }

    fn load_segments(&mut self, cell: Cell) {
        grammar::segments(
            self.text,
            cell,
            &mut self.segs,
            &mut self.artifacts,
            &mut self.brackets,
        );
    }

    fn preamble(&mut self, end: usize) {
        let text = self.text;
        let mut label = None;
        let mut title_segs: Vec<Seg> = Vec::new();
        for line in Lines::new(&text[..end], 0) {
            let mut start = line.start;
            if start == 0 && text.starts_with('\u{feff}') {
                start = '\u{feff}'.len_utf8();
            }
            let content = &text[start..line.content_end];
            if is_blank(content) {
                continue;
            }
            let trimmed = content.trim_matches(is_space);
            let at = start + (content.len() - content.trim_start_matches(is_space).len());
            let span = Span::new(at, at + trimmed.len());
            if label.is_none() && title_segs.is_empty() && is_label(trimmed) {
                label = Some((trimmed, span));
            } else {
                // A title line is read like a cell's line: trimmed, with
                // extraction artifacts cut out.
                let line = Cell {
                    span,
                    tabbed: false,
                    one_line: true,
                };
                grammar::segments(
                    text,
                    line,
                    &mut self.segs,
                    &mut self.artifacts,
                    &mut self.brackets,
                );
                title_segs.extend_from_slice(&self.segs);
            }
        }
        self.doc.preamble = Preamble {
            raw: Some(Cow::Borrowed(&text[..end])),
            label: label.map(|(l, _)| Cow::Borrowed(l)),
            label_span: label.map(|(_, s)| s),
            title: grammar::join(text, &title_segs, ""),
            title_span: grammar::segs_span(&title_segs),
        };
    }

    fn end_row(&mut self, at_end: bool) {
        if self.row.is_empty() {
            return;
        }
        let row = std::mem::take(&mut self.row);
        let mut i = 0;
        if self.header_pending {
            i = self.header(&row);
        }
        while i < row.len() {
            let cell = row[i];
            self.load_segments(cell);
            let Some(first) = self.segs.first().copied() else {
                i += 1; // an empty filler cell: trivia
                continue;
            };
            if let Some(heading) = grammar::heading(&self.text[first.start..first.end]) {
                self.category(cell, heading, first);
                i += 1;
                continue;
            }
            let rest = &row[i..];
            if rest.len() >= 4 {
                self.task([rest[0], rest[1], rest[2], rest[3]]);
                i += 4;
            } else {
                self.incomplete_task(rest, at_end);
                i = row.len();
            }
        }
        self.row = row;
        self.row.clear();
    }

    /// Reads the header from the first row; returns how many cells it took.
    fn header(&mut self, row: &[Cell]) -> usize {
        self.header_pending = false;
        let text = self.text;
        let mut count = 0;
        let mut labels: Vec<(Cow<'a, str>, Option<Span>)> = Vec::new();
        for &cell in row {
            self.load_segments(cell);
            let first = self.segs.first().map(|s| &text[s.start..s.end]);
            if let Some(first) = first {
                if grammar::heading(first).is_some()
                    || (count == 0 && grammar::starts_like_number(first))
                {
                    break;
                }
            }
            labels.push((
                grammar::join(text, &self.segs, ""),
                grammar::segs_span(&self.segs),
            ));
            count += 1;
        }
        if count == 0 {
            let first = row[0].span;
            let found = quote(text[first.range()].trim_matches(is_space), 20);
            // Point at the cell's text (`self.segs` still holds it), not at
            // its tab and line ending, which would reach into the next line.
            self.missing_header(grammar::segs_span(&self.segs).unwrap_or(first), &found);
            return 0;
        }
        let start = self.last_end;
        let end = row[count - 1].span.end;
        let span = Span::new(row[0].span.start, end);
        if count != 4 {
            // The diagnostic ends with the text of the last cell, before its
            // line ending.
            let last = &text[row[count - 1].span.range()];
            let text_end = row[count - 1].span.start + last.trim_end_matches(['\r', '\n']).len();
            let span = Span::new(span.start, text_end);
            // A few labels: a row of a hundred thousand cells is not listed.
            let mut found = labels
                .iter()
                .take(MAX_LISTED)
                .map(|(l, _)| quote(l, 12))
                .collect::<Vec<_>>()
                .join(", ");
            if labels.len() > MAX_LISTED {
                found.push_str(&format!(", … ({} more)", labels.len() - MAX_LISTED));
            }
            self.report(
                Diagnostic::expected(
                    Code::HeaderCellCount,
                    span,
                    "a header row of 4 cells (序号, 工作任务 and the two responsibility columns)",
                    &format!("{count} cell{}: {found}", if count == 1 { "" } else { "s" }),
                )
                .with_label(format!(
                    "this header row has {count} cell{}",
                    if count == 1 { "" } else { "s" }
                ))
                .with_help(
                    "write the header as four cells, each on a line that starts with a tab: \
                     序号, 工作任务, then the two columns such as 滨海新区责任单位 and 东疆责任单位",
                ),
            );
        }
        let mut columns: [Cow<'a, str>; 4] = Default::default();
        let mut spans = [None; 4];
        for (k, (label, span)) in labels.into_iter().take(4).enumerate() {
            columns[k] = label;
            spans[k] = span;
        }
        self.doc.header = Header {
            raw: Some(Cow::Borrowed(&text[start..end])),
            span: Some(span),
            columns,
            column_spans: spans,
        };
        self.last_end = end;
        count
    }

    fn missing_header(&mut self, span: Span, found: &str) {
        self.report(
            Diagnostic::expected(
                Code::MissingHeader,
                span,
                "the header row (序号, 工作任务 and the two responsibility columns)",
                found,
            )
            .with_label("the header row should come before this")
            .with_help(
                "after the title, write four cells, each on a line that starts with a tab: \
                 序号, 工作任务, 滨海新区责任单位, 东疆责任单位 (with your document's zones)",
            ),
        );
    }

    fn stray(&mut self, span: Span) {
        let text = &self.text[span.range()];
        // The first line, ended by any line ending (a lone CR too).
        let first_line = text.split(['\r', '\n']).next().unwrap_or("");
        let line_span = Span::new(span.start, span.start + first_line.len());
        self.report(
            Diagnostic::expected(
                Code::StrayLine,
                line_span,
                "a cell (a line starting with a tab) or a blank line",
                &format!(
                    "text outside any cell: {}",
                    quote(first_line.trim_matches(is_space), 30)
                ),
            )
            .with_label("this line belongs to no cell")
            .with_help(
                "if the line continues the cell above, remove the blank lines before it; \
                 if it is a cell of its own, start it with a tab; otherwise delete it",
            ),
        );
    }

    fn category(&mut self, cell: Cell, h: grammar::RawHeading<'a>, first: Seg) {
        let text = self.text;
        let base = first.start;
        let numeral_span = Span::new(base + h.numeral_at, base + h.numeral_at + h.numeral.len());
        let guess = self
            .doc
            .categories
            .last()
            .map_or(1, |c| c.number.saturating_add(1));
        let number = match numeral::parse(h.numeral) {
            Some(n) if n > 0 => n,
            _ => {
                // The heading's number as written, parentheses included.
                let written_end = numeral_span.end + h.close.map_or(0, char::len_utf8);
                let written = &text[base + h.open_at..written_end];
                self.invalid_numeral(h.numeral, written, numeral_span, base + h.open_at, guess);
                guess
            }
        };
        if h.close.is_none() && !h.numeral.is_empty() {
            let next = h.title.chars().next();
            let found =
                next.map_or_else(|| "the end of the line".to_string(), |c| format!("`{c}`"));
            let at = Span::new(
                numeral_span.end,
                numeral_span.end + next.map_or(0, char::len_utf8),
            );
            self.report(
                Diagnostic::expected(
                    Code::UnclosedHeading,
                    at,
                    &format!("`）` after the numeral {}", quote(h.numeral, 20)),
                    &found,
                )
                .with_label("the numeral should be closed here")
                .with_help(format!(
                    "write the heading as （{}）{}",
                    shorten(h.numeral, 20),
                    shorten(h.title.trim_matches(is_space), 30)
                )),
            );
        }
        // The title: the rest of the first line, then the following lines.
        let mut title_segs: Vec<Seg> = Vec::with_capacity(self.segs.len());
        let rest = &text[base + h.title_at..first.end];
        let lead = rest.len() - rest.trim_start_matches(is_space).len();
        if lead < rest.len() {
            title_segs.push(Seg {
                start: base + h.title_at + lead,
                end: first.end,
                new_line: true,
            });
        }
        title_segs.extend_from_slice(&self.segs[1..]);
        // The title starts mid-line, after the numeral: trim the white space
        // there across what an artifact left (`（一）[bookmark: x] 类`).
        while let Some(seg) = title_segs.first_mut() {
            let piece = &text[seg.start..seg.end];
            seg.start = seg.end - piece.trim_start_matches(is_space).len();
            if seg.start < seg.end {
                break;
            }
            title_segs.remove(0);
        }
        let title = grammar::join(text, &title_segs, "");
        let heading_span = Span::new(base + h.open_at, first.end);
        if title.is_empty() {
            self.report(
                Diagnostic::expected(
                    Code::MissingCategoryTitle,
                    heading_span,
                    &format!("a title after {}", quote(&text[heading_span.range()], 30)),
                    "nothing",
                )
                .with_label("this heading has no title")
                .with_help(
                    "write the category's title after the numeral, on the same line or the next",
                ),
            );
        }
        let category = Category {
            repr: Repr::parsed(text, self.last_end, cell.span.start, cell.span.end),
            span: cell.span.into(),
            number,
            numeral: Cow::Borrowed(h.numeral),
            numeral_span: numeral_span.into(),
            title,
            title_span: grammar::segs_span(&title_segs).into(),
            tasks: Vec::new(),
        };
        self.last_end = cell.span.end;
        self.close_category();
        self.doc.categories.push(category);
    }

    fn invalid_numeral(
        &mut self,
        numeral: &str,
        written: &str,
        span: Span,
        open_at: usize,
        guess: u32,
    ) {
        let suggestion = numeral::to_chinese(guess);
        let digits: Option<u32> = {
            let ascii: String = numeral
                .chars()
                .map(|c| match c {
                    '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
                    c => c,
                })
                .collect();
            ascii.parse().ok()
        };
        let diagnostic = if numeral.is_empty() {
            Diagnostic::expected(
                Code::InvalidNumeral,
                // The opening parenthesis, `（` or `(`: the empty numeral
                // span starts right after it.
                Span::new(open_at, span.end.max(open_at)),
                &format!("a Chinese numeral such as {suggestion} after the parenthesis"),
                "no numeral",
            )
            .with_label("the numeral is missing")
            .with_help(format!("number the category: （{suggestion}）"))
        } else if let Some(n) = digits.filter(|&n| n > 0) {
            let chinese = numeral::to_chinese(n);
            Diagnostic::expected(
                Code::InvalidNumeral,
                span,
                &format!("a Chinese numeral such as {chinese}"),
                &format!("the digits {}", quote(numeral, 20)),
            )
            .with_label("categories are numbered in Chinese numerals")
            .with_help(format!(
                "write （{chinese}） instead of {}",
                shorten(written, 24)
            ))
        } else {
            Diagnostic::expected(
                Code::InvalidNumeral,
                span,
                &format!("a Chinese numeral such as {suggestion}"),
                &quote(numeral, 20),
            )
            .with_label("this is not a Chinese numeral")
            .with_help(format!(
                "numerals are written 一 … 十, 十一 … 二十八, 一百零一; after the previous category this would be {suggestion}"
            ))
        };
        self.report(diagnostic);
    }

    /// Reads a task; `self.segs` holds the segments of `cells[0]` (loaded by
    /// `end_row`).
    fn task(&mut self, cells: [Cell; 4]) {
        let text = self.text;
        // Number.
        let number_text = grammar::join(text, &self.segs, "");
        let number_span =
            grammar::segs_span(&self.segs).unwrap_or(Span::empty(cells[0].span.start + 1));
        let guess = self.last_task_number.saturating_add(1);
        let number = match grammar::task_number(&number_text) {
            Ok(n) => n,
            Err(e) => {
                self.invalid_task_number(&number_text, number_span, e, guess);
                guess
            }
        };
        self.last_task_number = number;
        // Text.
        self.load_segments(cells[1]);
        let task_text = grammar::join(text, &self.segs, "\n");
        let text_span = grammar::segs_span(&self.segs);
        // Units.
        self.task_units.clear();
        self.unit_cell(cells[2]);
        let split = self.task_units.len();
        self.unit_cell(cells[3]);
        let span = Span::new(cells[0].span.start, cells[3].span.end);
        if self.doc.categories.is_empty() {
            self.report(
                Diagnostic::expected(
                    Code::TaskOutsideCategory,
                    number_span,
                    "a category heading such as （一）… before the first task",
                    &format!("task {number}"),
                )
                .with_label("this task belongs to no category")
                .with_help(
                    "add a category heading cell before it: a line with a tab, then a heading such as （一）加大援企稳岗力度",
                ),
            );
            return;
        }
        let task = Task {
            repr: Repr::parsed(text, self.last_end, span.start, span.end),
            cells: cells.map(|c| c.span.into()),
            number,
            text_span: text_span.into(),
            text: task_text,
            units: UnitMapping {
                units: exact_copy(&mut self.task_units),
                split,
            },
        };
        self.last_end = span.end;
        self.tasks.push(task);
    }

    /// Moves the tasks read since the last heading into the last category,
    /// in a vector of exactly their number.
    fn close_category(&mut self) {
        if let Some(category) = self.doc.categories.last_mut() {
            category.tasks = exact_copy(&mut self.tasks);
        }
    }

    /// Reads a unit cell's units onto `self.task_units`.
    fn unit_cell(&mut self, cell: Cell) {
        self.load_segments(cell);
        let units = &mut self.task_units;
        grammar::units(self.text, &self.segs, &mut self.pieces, |name, span| {
            units.push(Unit {
                name,
                span: span.into(),
            });
        });
    }

    fn invalid_task_number(&mut self, found: &str, span: Span, error: NumberError, guess: u32) {
        let diagnostic = match error {
            NumberError::TooLarge => {
                let max_digits = u32::MAX.to_string().len();
                let d = if found.len() > max_digits {
                    Diagnostic::expected(
                        Code::TaskNumberTooLarge,
                        span,
                        &format!("a task number of at most {max_digits} digits"),
                        &format!("a number of {} digits", found.len()),
                    )
                } else {
                    // As many digits as the largest number: too large by its
                    // value, not its length.
                    Diagnostic::expected(
                        Code::TaskNumberTooLarge,
                        span,
                        &format!("a task number of at most {}", u32::MAX),
                        &quote(found, 20),
                    )
                };
                d.with_label("too large for a task number")
                    .with_help(format!(
                        "number the tasks in order; after the previous task this would be {guess}"
                    ))
            }
            NumberError::NotANumber => {
                let shown = if found.is_empty() {
                    "an empty cell".to_string()
                } else {
                    quote(found, 20)
                };
                let d = Diagnostic::expected(
                    Code::InvalidTaskNumber,
                    span,
                    "a task number such as 12",
                    &shown,
                )
                .with_label("a task row starts with its number");
                let ascii: String = found
                    .chars()
                    .filter_map(|c| match c {
                        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
                        c if c.is_ascii_digit() => Some(c),
                        _ => None,
                    })
                    .collect();
                if let Some(n) = numeral::parse(found) {
                    d.with_help(format!("write the number in digits: {n}"))
                } else if !ascii.is_empty() && ascii.len() == found.chars().count() {
                    d.with_help(format!(
                        "write the number with ASCII digits: {}",
                        shorten(&ascii, 20)
                    ))
                } else if !ascii.is_empty() && found.starts_with(|c: char| c.is_ascii_digit()) {
                    d.with_help(format!(
                        "remove what follows the digits: {}",
                        shorten(&ascii, 20)
                    ))
                } else {
                    d.with_help(format!(
                        "each task row is four cells: number, task, then the two unit cells; \
                         after the previous task this would be {guess}"
                    ))
                }
            }
        };
        self.report(diagnostic);
    }

    fn incomplete_task(&mut self, cells: &[Cell], at_end: bool) {
        let text = self.text;
        let Some(last) = cells.last() else { return };
        let row_span = Span::new(cells[0].span.start, last.span.end);
        self.load_segments(cells[0]);
        let first = grammar::join(text, &self.segs, "");
        let first_span = grammar::segs_span(&self.segs).unwrap_or(row_span);
        let columns = self.doc.columns().map(str::to_string);
        let column_name = |k: usize| -> String {
            let label = columns.get(k).map(String::as_str).unwrap_or("");
            if label.is_empty() {
                ["序号", "工作任务", "district units", "local units"][k].to_string()
            } else {
                label.to_string()
            }
        };
        let k = cells.len();
        // Point just after the last character of the row.
        let last_text_end = {
            let raw = &text[last.span.range()];
            last.span.start + raw.trim_end_matches(['\r', '\n']).len()
        };
        let end_of = if at_end {
            "the end of the document"
        } else {
            "the end of the row"
        };
        let diagnostic = if let Ok(n) = grammar::task_number(&first) {
            let missing: Vec<String> = (k..4).map(column_name).collect();
            Diagnostic::expected(
                Code::IncompleteTask,
                Span::empty(last_text_end),
                &format!("the {} cell of task {n}", column_name(k)),
                end_of,
            )
            .with_label(format!("task {n} has {k} of its 4 cells"))
            .with_secondary(first_span, format!("task {n} starts here"))
            .with_help(format!(
                "add the missing cell{} ({}), each on a line that starts with a tab; an empty cell is a line holding just a tab",
                if missing.len() == 1 { "" } else { "s" },
                missing.join(", ")
            ))
        } else {
            let d = Diagnostic::expected(
                Code::IncompleteTask,
                row_span,
                "a task row of 4 cells (number, task, and the two unit cells) or a category heading",
                &format!(
                    "{k} cell{} starting with {}",
                    if k == 1 { "" } else { "s" },
                    quote(&first, 16)
                ),
            )
            .with_label(format!("a row of {k} cell{}", if k == 1 { "" } else { "s" }));
            if k == 3 {
                d.with_help("the row seems to lack its number: add a cell with the task number before the task text")
            } else {
                d.with_help(
                    "a row holds a category heading such as （一）…, or a task of four cells",
                )
            }
        };
        self.report(diagnostic);
    }
}

/// How many header labels an E005 message lists.
const MAX_LISTED: usize = 6;

/// `text` cut after `max` characters, with `…` if anything was cut: what
/// goes into a message stays short however long the input.
/// Moves the items of a reused buffer into a vector of exactly their
/// number (one allocation and one copy), leaving the buffer empty with its
/// capacity.
fn exact_copy<T>(buffer: &mut Vec<T>) -> Vec<T> {
    let mut items = Vec::with_capacity(buffer.len());
    items.append(buffer);
    items
}

fn shorten(text: &str, max: usize) -> Cow<'_, str> {
    match text.char_indices().nth(max) {
        Some((at, _)) => Cow::Owned(format!("{}…", &text[..at])),
        None => Cow::Borrowed(text),
    }
}

/// Whether a preamble line is the attachment label: `附件`, optionally a
/// number, optionally a colon.
fn is_label(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("附件") else {
        return false;
    };
    rest.chars().count() <= 6
        && rest.chars().all(|c| {
            c.is_ascii_digit()
                || numeral::is_numeral_char(c)
                || is_space(c)
                || matches!(c, '：' | ':')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "附件：\n标题\n\t序号\n\t工作任务\n\t甲\n责任单位\n\t乙\n责任单位\n\n";

    fn codes(text: &str) -> Vec<&'static str> {
        parse_tolerant(text)
            .diagnostics
            .iter()
            .map(|d| d.code().as_str())
            .collect()
    }

    #[test]
    fn minimal_document() {
        let text = format!("{HEAD}\t（一）类别\n\t1\n\t文本\n\t区甲、\n\t乙\n");
        let doc = parse(&text).unwrap();
        assert_eq!(doc.label(), Some("附件："));
        assert_eq!(doc.title(), "标题");
        assert_eq!(
            doc.columns(),
            ["序号", "工作任务", "甲责任单位", "乙责任单位"]
        );
        assert_eq!((doc.district_name(), doc.local_name()), ("甲", "乙"));
        let task = &doc.categories()[0].tasks()[0];
        assert_eq!(task.units().district_names().collect::<Vec<_>>(), ["区甲"]);
        assert_eq!(doc.to_string(), text);
    }

    #[test]
    fn label_detection() {
        assert!(is_label("附件："));
        assert!(is_label("附件2"));
        assert!(is_label("附件 3:"));
        assert!(!is_label("附件清单和责任分工表"));
    }

    #[test]
    fn each_error_kind() {
        assert_eq!(codes(""), ["E001"]);
        assert_eq!(codes(" \n\u{3000}\n"), ["E001"]);
        assert_eq!(codes("标题\n"), ["E004"]);
        assert_eq!(codes("标题\n\t（一）类\n"), ["E004"]);
        assert_eq!(codes("标题\n\t序号\n\t工作任务\n"), ["E005"]);
        assert_eq!(codes(&format!("{HEAD}\t（一）类\n\n第3页\n")), ["E006"]);
        assert_eq!(codes(&format!("{HEAD}\t（十十）类\n")), ["E007"]);
        assert_eq!(codes(&format!("{HEAD}\t（3）类\n")), ["E007"]);
        assert_eq!(codes(&format!("{HEAD}\t（一类\n")), ["E008"]);
        assert_eq!(codes(&format!("{HEAD}\t（一）\n")), ["E009"]);
        assert_eq!(
            codes(&format!("{HEAD}\t（一）类\n\t二十\n\t文\n\t甲\n\t乙\n")),
            ["E010"]
        );
        assert_eq!(
            codes(&format!(
                "{HEAD}\t（一）类\n\t99999999999\n\t文\n\t甲\n\t乙\n"
            )),
            ["E011"]
        );
        assert_eq!(
            codes(&format!("{HEAD}\t（一）类\n\t1\n\t文\n\t甲\n")),
            ["E012"]
        );
        assert_eq!(codes(&format!("{HEAD}\t1\n\t文\n\t甲\n\t乙\n")), ["E013"]);
    }

    #[test]
    fn error_spans_and_messages() {
        let first = |text: &str| parse_tolerant(text).diagnostics.remove(0);
        // E004 points at the first cell's text, not its tab or line ending.
        let text = "附件：\n标题\n\t（一）类\n\t1\n";
        assert_eq!(&text[first(text).span().range()], "（一）类");
        // E005 runs from the first cell's tab to the last cell's text.
        let text = "附件：\n标题\n\t序号\n\t工作任务\n\t甲\n责任单位\n\n\t（一）类\n";
        let d = first(text);
        assert_eq!(
            &text[d.span().range()],
            "\t序号\n\t工作任务\n\t甲\n责任单位"
        );
        assert_eq!(d.label(), "this header row has 3 cells");
        assert_eq!(
            first("附件：\n标题\n\t序号\r\n").label(),
            "this header row has 1 cell"
        );
        let d = first("附件：\n标题\n\t序号\r\n");
        assert_eq!(d.span(), Span::new(17, 24));
        // E007 quotes the heading's number as written.
        let d = first(&format!("{HEAD}\t(3)类\n"));
        assert_eq!(d.help(), Some("write （三） instead of (3)"));
        let d = first(&format!("{HEAD}\t（３）类\n"));
        assert_eq!(d.help(), Some("write （三） instead of （３）"));
        // E011 for a number of ten digits names the largest number.
        let d = first(&format!(
            "{HEAD}\t（一）类\n\t4294967296\n\t文\n\t甲\n\t乙\n"
        ));
        assert_eq!(
            d.message(),
            "expected a task number of at most 4294967295, found `4294967296`"
        );
        let d = first(&format!(
            "{HEAD}\t（一）类\n\t{}\n\t文\n\t甲\n\t乙\n",
            "1".repeat(11)
        ));
        assert_eq!(
            d.message(),
            "expected a task number of at most 10 digits, found a number of 11 digits"
        );
    }

    #[test]
    fn a_heading_without_numeral_points_at_its_parenthesis() {
        // An ASCII `(` is one byte: the span ends after it, within the text
        // and on a character boundary.
        for (text, paren) in [("\t(", "("), ("\t（", "（"), ("\t (甲类", "(")] {
            let d = parse_tolerant(text)
                .diagnostics
                .into_iter()
                .find(|d| d.code() == Code::InvalidNumeral)
                .unwrap();
            assert_eq!(&text[d.span().range()], paren, "{text:?}");
        }
        let text = format!("{HEAD}\t(甲类\n");
        let d = &parse_tolerant(&text).diagnostics[0];
        assert_eq!(&text[d.span().range()], "(");
    }

    #[test]
    fn a_title_after_an_artifact_is_trimmed() {
        for heading in [
            "（一）[bookmark:] 类",
            "（一）[bookmark: a] [bookmark: b]\u{3000}类",
            "（一） [bookmark: a] 类 [bookmark: b] ",
        ] {
            let text = format!("{HEAD}\t{heading}\n");
            let doc = parse(&text).unwrap();
            let category = &doc.categories()[0];
            assert_eq!(category.title(), "类", "{heading}");
            assert_eq!(&text[category.title_span().unwrap().range()], "类");
        }
    }

    #[test]
    fn artifacts_and_white_space_only_is_empty() {
        // Four header cells that hold only an artifact or nothing: no value
        // at all, like the same text without the artifact.
        for text in [
            "\t[bookmark:\n\t\n\t\n\t",
            "\n\t[bookmark: a]\n\t [bookmark: b]\n\t\n\t\n\n\t[bookmark: c]\n",
        ] {
            let parsed = parse_tolerant(text);
            assert_eq!(codes(text), ["E001"], "{text:?}");
            assert_eq!(
                parsed.diagnostics[0].message(),
                "expected a task table, found only white space and extraction artifacts"
            );
            assert_eq!(parsed.diagnostics[0].span(), Span::new(0, text.len()));
            assert_eq!(parsed.document.to_string(), text);
        }
        assert_eq!(codes("\t\n\t\n\t\n\t"), ["E001"]);
        // Any value makes it a document: a title, a label, a column label.
        assert!(codes("标题\n\t[bookmark:\n\t\n\t\n\t").is_empty());
        assert!(codes("附件：\n\t[bookmark:\n\t\n\t\n\t").is_empty());
        assert!(codes("\t[bookmark:\n\t\n\t\n\t乙").is_empty());
    }

    #[test]
    fn messages_stay_short_for_huge_cells() {
        let long = |c: &str| c.repeat(10_000);
        let texts = [
            // E007, as a numeral and as digits; E008; E009.
            format!("{HEAD}\t（{}）类\n", long("一")),
            format!("{HEAD}\t（{}3）类\n", long("0")),
            format!("{HEAD}\t（{}类\n", long("一")),
            format!("{HEAD}\t（一{}\n", long("类")),
            format!("{HEAD}\t（{}）\n", long("一")),
            // E010 in full-width digits and digits with a tail.
            format!("{HEAD}\t（一）类\n\t{}\n\t文\n\t甲\n\t乙\n", long("９")),
            format!("{HEAD}\t（一）类\n\t{}x\n\t文\n\t甲\n\t乙\n", long("9")),
            // E005 with ten thousand cells.
            format!("标题\n{}", long("\t甲\n")),
        ];
        for text in &texts {
            let parsed = parse_tolerant(text);
            assert!(!parsed.diagnostics.is_empty());
            for d in &parsed.diagnostics {
                for field in [d.message(), d.label(), d.help().unwrap_or("")] {
                    let n = field.chars().count();
                    assert!(n < 300, "{}: {n} characters", d.code());
                }
            }
        }
        let d = &parse_tolerant(&texts[0]).diagnostics[0];
        assert_eq!(
            d.message(),
            format!(
                "expected a Chinese numeral such as 一, found `{}…`",
                "一".repeat(20)
            )
        );
        let d = &parse_tolerant(&texts[7]).diagnostics[0];
        assert_eq!(
            d.message(),
            "expected a header row of 4 cells (序号, 工作任务 and the two responsibility columns), \
             found 10000 cells: `甲`, `甲`, `甲`, `甲`, `甲`, `甲`, … (9994 more)"
        );
        // Short ones read as before.
        assert_eq!(shorten("（3）", 24), "（3）");
        assert_eq!(shorten("一二三", 2), "一二…");
    }

    #[test]
    fn a_stray_line_ends_at_a_lone_cr() {
        let text = format!("{HEAD}\t（一）类\n\n第3页\n续\n").replace('\n', "\r");
        let d = &parse_tolerant(&text).diagnostics[0];
        assert_eq!(d.code(), Code::StrayLine);
        assert_eq!(&text[d.span().range()], "第3页");
        let text = format!("{HEAD}\t（一）类\n\n第3页\r\n续\n");
        assert_eq!(
            &text[parse_tolerant(&text).diagnostics[0].span().range()],
            "第3页"
        );
    }

    #[test]
    fn preamble_cuts_artifacts() {
        // Title lines lose their artifacts as cells do, also one formed by
        // joining two lines, and the title reads back the same from canonical
        // text.
        let rest = "\t序号\n\t工作任务\n\t甲责任单位\n\t乙责任单位\n";
        for (preamble, title) in [
            ("附件[bookmark:：\n区 区\n", "附件区 区"),
            ("标题[bookmark: x]\n", "标题"),
            ("标题[\nbookmark: x]尾\n", "标题尾"),
        ] {
            let text = format!("{preamble}{rest}");
            let doc = parse(&text).unwrap();
            assert_eq!((doc.label(), doc.title()), (None, title));
            let canonical = crate::to_canonical_string(&doc);
            assert_eq!(parse(&canonical).unwrap(), doc);
        }
    }

    #[test]
    fn byte_order_mark_before_the_header() {
        let body =
            "\t序号\n\t工作任务\n\t甲责任单位\n\t乙责任单位\n\n\t（一）类\n\t1\n\t文\n\t甲\n\t乙\n";
        let with_bom = format!("\u{feff}{body}");
        let doc = parse(&with_bom).unwrap();
        assert_eq!(doc, parse(body).unwrap());
        assert_eq!(doc.columns()[0], "序号");
        assert_eq!(doc.title(), "");
        assert_eq!(doc.to_string(), with_bom);
    }

    #[test]
    fn broken_documents_still_print_back() {
        for text in [
            "",
            "\u{feff}",
            " x\n\ty\n\n z",
            "附件：\n\t（一\n\n\n\t\t\n\r\n1\r\n\t2\n",
            &format!("{HEAD}\t1\n\t文\n\t甲\n\t乙\n\n第3页\n\t（一类\n"),
        ] {
            assert_eq!(parse_tolerant(text).document.to_string(), text);
        }
    }
}
