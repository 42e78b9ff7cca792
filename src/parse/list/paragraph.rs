//! One list task read from its lines: number, text, role clauses and label
//! lines; the reading the parser, the edits and the lint rules share.

use std::borrow::Cow;

use crate::clause::{self, Item as ClauseItem};
use crate::column::{Role, UnitRole};
use crate::grammar::{self, Seg};
use crate::lex::is_space;
use crate::numeral;
use crate::span::Span;

use super::line::{task_number, trim_closing, Clause, Kind, Line};
use crate::grammar::paren_number;
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
                Some((_, after, _)) => (0..grammar::digits_len(content), after),
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
    // A clause opened and not closed on its line, or a label line whose
    // value goes on (it ends with a separator, or is empty), read once it
    // ends on a later line (or at the paragraph's end): what it is, and its
    // value's segments so far.
    let mut open: Option<(Open, Vec<Seg>)> = None;
    for (k, line) in lines.iter().enumerate() {
        let from = if k == 0 { text_start } else { line.text };
        if line.kind == Kind::Blank {
            continue;
        }
        if let Some((what, mut segs)) = open.take() {
            // A clause goes on up to its closing bracket; a label line's
            // value, over lines of text.
            if matches!(what, Open::Clause(_)) || line.kind == Kind::Text {
                let (end, close, more) = match what {
                    Open::Clause(_) => {
                        let (end, close) = clause_line_end(text, line);
                        (end, close, close.is_none())
                    }
                    Open::Label(..) => {
                        let end = value_end(text, line.text, line.content_end);
                        (end, None, goes_on(&text[line.text..end]))
                    }
                };
                grammar::segment_line(
                    text,
                    line.text,
                    end,
                    &mut segs,
                    &mut Vec::new(),
                    &mut brackets,
                );
                match what {
                    Open::Clause(at) => {
                        if let Some(c) = read.clauses.get_mut(at) {
                            c.inner_end = end;
                            c.close = close.unwrap_or(end);
                            c.closed = close.is_some();
                        }
                    }
                    Open::Label(at, _) => {
                        if let Some((_, whole, value)) = read.labels.get_mut(at) {
                            whole.end = line.end;
                            value.end = end;
                        }
                    }
                }
                if more {
                    open = Some((what, segs));
                } else {
                    read_clause(text, &segs, what.role(), scratch, &mut emit);
                }
                continue;
            }
            read_clause(text, &segs, what.role(), scratch, &mut emit);
        }
        if let Kind::Label(role, len) = line.kind {
            let value_end = value_end(text, line.text, line.content_end);
            let value_start = (line.text + len).min(value_end);
            read.labels.push((
                role,
                Span::new(line.start, line.end),
                Span::new(value_start, value_end),
            ));
            let segs = ValueSegs::of(text, value_start, value_end, &mut brackets);
            if goes_on(&text[value_start..value_end]) {
                // Its value may go on on the line below (read after the
                // last line, if none does).
                open = Some((
                    Open::Label(read.labels.len() - 1, role),
                    segs.as_slice().to_vec(),
                ));
                continue;
            }
            read_clause(text, segs.as_slice(), role, scratch, &mut emit);
            continue;
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
            if !c.closed {
                // It may close on a line below.
                open = Some((
                    Open::Clause(read.clauses.len() - 1),
                    segs.as_slice().to_vec(),
                ));
                continue;
            }
            read_clause(
                text,
                segs.as_slice(),
                Role::Units(UnitRole::Responsible),
                scratch,
                &mut emit,
            );
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
    if let Some((what, segs)) = open {
        read_clause(text, &segs, what.role(), scratch, &mut emit);
    }
    read
}

/// What a paragraph's value that goes on over lines is.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Open {
    /// A role clause (its place in the clauses read).
    Clause(usize),
    /// A label line's value (its place in the labels read, and its role).
    Label(usize, Role),
}

impl Open {
    /// The role of the value's fields that do not say their own.
    fn role(self) -> Role {
        match self {
            Open::Clause(_) => Role::Units(UnitRole::Responsible),
            Open::Label(_, role) => role,
        }
    }
}

/// Reads a clause's or a label line's value from its segments, its fields
/// of `role` unless they say their own.
fn read_clause<'a>(
    text: &'a str,
    segs: &[Seg],
    role: Role,
    scratch: &mut clause::Scratch,
    emit: &mut impl FnMut(ClauseItem<'a>),
) {
    clause::read(text, segs, clause::Context::clause(role), scratch, emit);
}

/// Where the value of a label line (or of a line continuing one) ends: before
/// white space and a closing `。`/`；` at the end of `text[start..end]`.
fn value_end(text: &str, start: usize, end: usize) -> usize {
    start + trim_closing(&text[start..end]).len()
}

/// Whether a label line's value goes on on the next line: it is empty
/// (`配合单位：` with the names below) or ends with a separator between
/// units (`、`, `，`, `,`).
fn goes_on(value: &str) -> bool {
    let value = value.trim_end_matches(is_space);
    value.is_empty() || value.ends_with(['、', '，', ','])
}

/// Where a line that continues an open clause ends its part of the
/// clause's value: before a closing bracket ending the line (then after
/// that bracket, where the clause closes), else at the line's end.
fn clause_line_end(text: &str, line: &Line) -> (usize, Option<usize>) {
    let content = &text[line.text..line.content_end];
    let trimmed = trim_closing(content);
    match trimmed.chars().next_back() {
        Some(c) if super::line::CLOSERS.contains(&c) => {
            let at = line.text + trimmed.len() - c.len_utf8();
            (at, Some(line.text + trimmed.len()))
        }
        _ => (line.text + content.trim_end_matches(is_space).len(), None),
    }
}

/// Whether a paragraph's value goes on after `line` (the next line of text
/// continues it), given whether it went on before it: a clause opened and
/// not closed (a line ending with a closing bracket closes it), or a label
/// line's value that ends with a separator or is empty.
pub(super) fn goes_on_after(text: &str, before: Option<OpenKind>, line: &Line) -> Option<OpenKind> {
    match (before, line.kind) {
        (_, Kind::Blank) => before,
        (Some(OpenKind::Clause), _) => clause_line_end(text, line)
            .1
            .is_none()
            .then_some(OpenKind::Clause),
        (Some(OpenKind::Label), Kind::Text) => {
            let end = value_end(text, line.text, line.content_end);
            goes_on(&text[line.text..end]).then_some(OpenKind::Label)
        }
        (_, Kind::Label(_, len)) => {
            let end = value_end(text, line.text, line.content_end);
            let start = (line.text + len).min(end);
            goes_on(&text[start..end]).then_some(OpenKind::Label)
        }
        _ => line
            .clause
            .is_some_and(|c| !c.closed)
            .then_some(OpenKind::Clause),
    }
}

/// What goes on over lines: a clause, or a label line's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum OpenKind {
    Clause,
    Label,
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
