//! One list task read from its lines: number, text, role clauses and label
//! lines; the reading the parser, the edits and the lint rules share.

use std::borrow::Cow;

use crate::clause::{self, Item as ClauseItem};
use crate::column::{Role, UnitRole};
use crate::grammar::{self, Seg};
use crate::lex::is_space;
use crate::numeral;
use crate::span::Span;

use super::line::{paren_number, task_number, Clause, Kind, Line};
use crate::lex::Lines;

/// Where the parts of a list task are, read from its lines (the task line,
/// then its continuation, label and clause lines).
pub(crate) struct ParagraphRead<'a> {
    pub(crate) number: u32,
    pub(crate) number_span: Span,
    pub(crate) number_too_large: bool,
    /// Where the text starts (after the number and its separator).
    pub(crate) text_at: usize,
    /// The text's pieces: the task line after its number, and continuation
    /// lines, each up to its clause.
    pub(crate) segs: Vec<Seg>,
    /// The role clauses, in order.
    pub(crate) clauses: Vec<Clause>,
    /// The label lines: the role, the line's start and end (line ending
    /// included), and the value's range.
    pub(crate) labels: Vec<(Role, Span, Span)>,
    /// What the clauses and label lines hold, in text order.
    pub(crate) items: Vec<ClauseItem<'a>>,
}

/// Reads a list task from its classified lines; `guess` is its number if
/// it has none of its own.
pub(super) fn read_paragraph<'a>(
    text: &'a str,
    lines: &[Line],
    guess: u32,
    scratch: &mut clause::Scratch,
) -> ParagraphRead<'a> {
    let mut read = ParagraphRead {
        number: guess,
        number_span: Span::empty(0),
        number_too_large: false,
        text_at: 0,
        segs: Vec::new(),
        clauses: Vec::new(),
        labels: Vec::new(),
        items: Vec::new(),
    };
    let Some(head) = lines.first() else {
        return read;
    };
    let content = &text[head.text..head.content_end];
    let text_start = match head.kind {
        Kind::Task(number, _) => {
            let (digits, after) = match task_number(content) {
                Some((_, after, _)) => {
                    let digits = content
                        .char_indices()
                        .find(|&(_, c)| !(c.is_ascii_digit() || ('０'..='９').contains(&c)))
                        .map_or(0, |(i, _)| i);
                    (0..digits, after)
                }
                None => {
                    paren_number(content).map_or((0..0, 0), |(_, digits, after)| (digits, after))
                }
            };
            read.number_span = Span::new(head.text + digits.start, head.text + digits.end);
            match number {
                Some(n) => read.number = n,
                None => read.number_too_large = true,
            }
            head.text + after
        }
        _ => {
            let h = grammar::heading(content);
            if let Some(n) = h.and_then(|h| numeral::parse(h.numeral)) {
                read.number = n;
            }
            read.number_span = h.map_or(Span::empty(head.text), |h| {
                Span::new(
                    head.text + h.numeral_at,
                    head.text + h.numeral_at + h.numeral.len(),
                )
            });
            head.text + h.map_or(0, |h| h.title_at)
        }
    };
    read.text_at = text_start;
    // The `[` of artifacts: one search for the whole paragraph, as nearly
    // none has any.
    let mut brackets = lines
        .last()
        .map_or_else(grammar::Brackets::bounded, |last| {
            grammar::Brackets::within(text.as_bytes(), head.start, last.end)
        });
    let mut emit = |item| read.items.push(item);
    // A clause opened and not closed on its line, read once it closes on a
    // later line (or at the paragraph's end): its place in `read.clauses`,
    // and its value's segments so far.
    let mut open: Option<(usize, Vec<Seg>)> = None;
    for (k, line) in lines.iter().enumerate() {
        let from = if k == 0 { text_start } else { line.text };
        if line.kind == Kind::Blank {
            continue;
        }
        if let Some((at, mut segs)) = open.take() {
            // A line of the clause: up to its closing bracket, if it has one.
            let (end, close) = clause_line_end(text, line);
            grammar::segment_line(
                text,
                line.text,
                end,
                &mut segs,
                &mut Vec::new(),
                &mut brackets,
            );
            if let Some(c) = read.clauses.get_mut(at) {
                c.inner_end = end;
                c.close = close.unwrap_or(end);
                c.closed = close.is_some();
            }
            if close.is_some() {
                read_clause(text, &segs, scratch, &mut emit);
            } else {
                open = Some((at, segs));
            }
            continue;
        }
        match line.kind {
            Kind::Blank => continue,
            Kind::Label(role, len) => {
                let content = &text[line.text..line.content_end];
                let value_end = line.text
                    + content
                        .trim_end_matches(|c: char| {
                            is_space(c) || matches!(c, '。' | '.' | '；' | ';')
                        })
                        .len();
                let value_start = (line.text + len).min(value_end);
                read.labels.push((
                    role,
                    Span::new(line.start, line.end),
                    Span::new(value_start, value_end),
                ));
                clause::read(
                    text,
                    ValueSegs::of(text, value_start, value_end, &mut brackets).as_slice(),
                    clause::Context::clause(role),
                    scratch,
                    &mut emit,
                );
                continue;
            }
            _ => {}
        }
        let end = line.clause.map_or(line.content_end, |c| c.open);
        if line.kind != Kind::Clause {
            grammar::segment_line(
                text,
                from.min(end),
                end,
                &mut read.segs,
                &mut Vec::new(),
                &mut brackets,
            );
        }
        if let Some(c) = line.clause {
            read.clauses.push(c);
            let segs = ValueSegs::of(text, c.inner_start, c.inner_end, &mut brackets);
            if !c.closed && k + 1 < lines.len() {
                // It may close on a line below.
                open = Some((read.clauses.len() - 1, segs.as_slice().to_vec()));
                continue;
            }
            read_clause(text, segs.as_slice(), scratch, &mut emit);
            if let Some((start, end)) = c.deadline {
                let value = text[start..end].trim_matches(is_space);
                if !value.is_empty() {
                    let at = start
                        + (text[start..end].len()
                            - text[start..end].trim_start_matches(is_space).len());
                    emit(ClauseItem::Deadline(
                        Cow::Borrowed(value),
                        Span::new(at, at + value.len()),
                    ));
                }
            }
        }
    }
    if let Some((_, segs)) = open {
        read_clause(text, &segs, scratch, &mut emit);
    }
    read
}

/// Reads a role clause's value from its segments.
fn read_clause<'a>(
    text: &'a str,
    segs: &[Seg],
    scratch: &mut clause::Scratch,
    emit: &mut impl FnMut(ClauseItem<'a>),
) {
    clause::read(
        text,
        segs,
        clause::Context::clause(Role::Units(UnitRole::Responsible)),
        scratch,
        emit,
    );
}

/// Where a line that continues an open clause ends its part of the
/// clause's value: before a closing bracket ending the line (then after
/// that bracket, where the clause closes), else at the line's end.
fn clause_line_end(text: &str, line: &Line) -> (usize, Option<usize>) {
    let content = &text[line.text..line.content_end];
    let trimmed =
        content.trim_end_matches(|c: char| is_space(c) || matches!(c, '。' | '；' | ';' | '.'));
    match trimmed.chars().next_back() {
        Some(c) if super::line::CLOSERS.contains(&c) => {
            let at = line.text + trimmed.len() - c.len_utf8();
            (at, Some(line.text + trimmed.len()))
        }
        _ => (line.text + content.trim_end_matches(is_space).len(), None),
    }
}

/// Whether the clause of a paragraph's lines is still open after `line`:
/// `open` before it, or a clause left unclosed on it; a line ending with a
/// closing bracket closes an open one.
pub(super) fn clause_open_after(text: &str, open: bool, line: &Line) -> bool {
    if open && line.kind != Kind::Blank {
        return clause_line_end(text, line).1.is_none();
    }
    open || line.clause.is_some_and(|c| !c.closed)
}

/// The segments a clause's or a label line's value is read from: the value
/// as one segment (no allocation, as for nearly every value), or, when it
/// may hold an artifact, its clean pieces.
enum ValueSegs {
    Whole(Seg),
    Cut(Vec<Seg>),
}

impl ValueSegs {
    /// The segments of the value `text[start..end]`; `brackets` finds the
    /// `[` of its paragraph.
    fn of(text: &str, start: usize, end: usize, brackets: &mut grammar::Brackets) -> ValueSegs {
        if start >= end || !brackets.any(text.as_bytes(), start, end) {
            return ValueSegs::Whole(Seg {
                start,
                end,
                new_line: true,
            });
        }
        let mut cut = Vec::new();
        grammar::segment_line(text, start, end, &mut cut, &mut Vec::new(), brackets);
        ValueSegs::Cut(cut)
    }

    fn as_slice(&self) -> &[Seg] {
        match self {
            ValueSegs::Whole(seg) => std::slice::from_ref(seg),
            ValueSegs::Cut(segs) => segs,
        }
    }
}

/// Reads the list task whose own text is `body` (from its task line to its
/// last label or clause line): for edits, the same reading as the parser's.
pub(crate) fn read_body(body: &str) -> ParagraphRead<'_> {
    read_at(body, 0, body.len())
}

/// Reads the list task whose lines are `text[start..end]` (`start` at the
/// start of its task line), with offsets into `text`: for lint rules.
pub(crate) fn read_at(text: &str, start: usize, end: usize) -> ParagraphRead<'_> {
    let body = &text[..end];
    let lines = classify_lines(body, start);
    read_paragraph(body, &lines, 0, &mut clause::Scratch::default())
}

/// The lines of `text[from..]`, classified.
fn classify_lines(text: &str, from: usize) -> Vec<Line> {
    Lines::new(text, from)
        .map(|l| Line::read(text, &l))
        .collect()
}
