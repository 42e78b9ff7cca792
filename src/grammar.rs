//! What is inside a cell: its clean text segments, and the small grammars of
//! category headings, task numbers and unit lists (written with nom).
//!
//! A cell's text is read as a list of [`Seg`]ments: each line trimmed of
//! white space, blank lines dropped, extraction artifacts such as
//! `[bookmark: RANGE!C44]` cut out. Values are joined from the segments, and
//! borrowed from the source whenever a value is one segment, which is the
//! common case.

use std::borrow::Cow;

use nom::bytes::complete::{take_while, take_while1};
use nom::character::complete::{digit1, one_of};
use nom::combinator::{eof, opt, rest};
use nom::sequence::terminated;
use nom::{IResult, Parser};

use crate::lex::{is_space, surely_not_space, Cell, CellLines};
use crate::model::HeadingStyle;
use crate::scan::Scanner;
use crate::span::Span;

/// The table builder of [`crate::scan::SKIP`], for `clause.rs`, which reads
/// its own set of brackets and separators the same way.
pub(crate) use crate::scan::skip_table;

/// Prefixes of the artifacts that Word-to-text extraction leaves in cells; an
/// artifact runs from its prefix to the next `]` on the same line.
pub(crate) const ARTIFACT_PREFIXES: [&str; 1] = ["[bookmark:"];

/// The bytes an artifact starts with: the `[` of a prefix of
/// [`ARTIFACT_PREFIXES`], and the `(` of a pinyin gloss ([`gloss_len`]).
const ARTIFACT_STARTS: (u8, u8) = (b'[', b'(');

/// Where the next byte that may start an artifact is in `hay`.
#[inline]
fn next_artifact_start(hay: &[u8]) -> Option<usize> {
    memchr::memchr2(ARTIFACT_STARTS.0, ARTIFACT_STARTS.1, hay)
}

/// Whether `c` may start an artifact: a cheap test before
/// [`artifact_at`].
#[inline]
pub(crate) fn may_start_artifact(c: char) -> bool {
    c == char::from(ARTIFACT_STARTS.0) || c == char::from(ARTIFACT_STARTS.1)
}

/// Whether `text` holds a byte that may start an artifact: a cheap test
/// before [`find_artifact`].
#[inline]
pub(crate) fn may_hold_artifact(text: &str) -> bool {
    next_artifact_start(text.as_bytes()).is_some()
}

/// The byte length of the pinyin gloss `rest` starts with, if it starts with
/// one: `(` + one syllable of at most six lowercase letters, at least one of
/// them a vowel with its tone mark + `)`, as some web pages insert after a
/// character (`農(nóng)業`, `市發(fā)改委`). Only a tone mark tells a gloss from
/// a letter or a word in parentheses (`(a)`, `(new)`), so a syllable of the
/// neutral tone, which has none, is left as text.
pub(crate) fn gloss_len(rest: &[u8]) -> Option<usize> {
    let body = rest.strip_prefix(b"(")?;
    let mut at = 0;
    let mut letters = 0;
    let mut marked = false;
    loop {
        match *body.get(at..)? {
            [b')', ..] if marked => return Some(at + 2),
            [b'a'..=b'z', ..] => at += 1,
            [lead @ (0xC3 | 0xC4 | 0xC5 | 0xC7), next, ..] => {
                let tone = tone_mark(u16::from_be_bytes([lead, next]))?;
                marked |= tone;
                at += 2;
            }
            _ => return None,
        }
        letters += 1;
        if letters > 6 {
            return None;
        }
    }
}

/// Whether the two-byte UTF-8 character `pair` is a pinyin vowel with a
/// tone mark (`Some(true)`), `ü` (`Some(false)`), or no pinyin letter.
fn tone_mark(pair: u16) -> Option<bool> {
    // ā á ǎ à, ē é ě è, ī í ǐ ì, ō ó ǒ ò, ū ú ǔ ù, ǖ ǘ ǚ ǜ, in UTF-8.
    const MARKED: [u16; 24] = [
        0xC481, 0xC3A1, 0xC78E, 0xC3A0, 0xC493, 0xC3A9, 0xC49B, 0xC3A8, 0xC4AB, 0xC3AD, 0xC790,
        0xC3AC, 0xC58D, 0xC3B3, 0xC792, 0xC3B2, 0xC5AB, 0xC3BA, 0xC794, 0xC3B9, 0xC796, 0xC798,
        0xC79A, 0xC79C,
    ];
    if MARKED.contains(&pair) {
        Some(true)
    } else if pair == 0xC3BC {
        Some(false)
    } else {
        None
    }
}

/// Whether the artifact `found` (as [`find_artifact`] gives it) is a
/// pinyin gloss rather than a conversion's marker such as `[bookmark: …]`.
pub(crate) fn is_gloss(found: &str) -> bool {
    found.starts_with('(')
}

/// Whether `value` holds an artifact ([`artifact_at`]) anywhere, closed or
/// not.
pub(crate) fn holds_artifact(value: &str) -> bool {
    find_artifact(value, 0, value.len()).is_some()
}

/// A piece of clean cell text at `start..end` in the source. `new_line` says
/// whether it begins a new line of the cell (rather than continuing the line
/// after an artifact).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Seg {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) new_line: bool,
}

/// An artifact found in a cell, for diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Artifact {
    pub(crate) span: Span,
}

/// The start of `text[start..end]` with leading white space skipped (`end`
/// if it is all white space).
#[inline]
fn trim_start_at(text: &str, start: usize, end: usize) -> usize {
    if start < end && surely_not_space(text.as_bytes(), start) {
        return start;
    }
    end - text[start..end].trim_start_matches(is_space).len()
}

/// The end of `text[start..end]` with trailing white space dropped (`start`
/// if it is all white space).
#[inline]
fn trim_end_at(text: &str, start: usize, end: usize) -> usize {
    let bytes = text.as_bytes();
    if end > start {
        let clean = if bytes[end - 1] < 0x80 {
            surely_not_space(bytes, end - 1)
        } else {
            // The last character's lead byte, if it is three bytes long.
            end - start >= 3
                && matches!(bytes[end - 3], 0xE3..=0xEF)
                && surely_not_space(bytes, end - 3)
        };
        if clean {
            return end;
        }
    }
    start + text[start..end].trim_end_matches(is_space).len()
}

/// The first artifact ([`artifact_at`]) of `text[from..to]`, as its start
/// and end in `text`.
pub(crate) fn find_artifact(text: &str, from: usize, to: usize) -> Option<(usize, usize)> {
    let hay = text.as_bytes().get(from..to)?;
    // Cheap reject: no byte that starts one.
    let mut at = next_artifact_start(hay)?;
    loop {
        if let Some((len, _)) = hay.get(at..).and_then(artifact_at) {
            return Some((from + at, from + at + len));
        }
        at += 1 + next_artifact_start(hay.get(at + 1..)?)?;
    }
}

/// The byte length of the artifact `rest` starts with, if it starts with
/// one, and whether it is closed: a prefix of [`ARTIFACT_PREFIXES`] to its
/// `]` (or all of `rest`, unclosed), or a pinyin gloss ([`gloss_len`]).
pub(crate) fn artifact_at(rest: &[u8]) -> Option<(usize, bool)> {
    if rest.first() == Some(&b'(') {
        return gloss_len(rest).map(|len| (len, true));
    }
    if !ARTIFACT_PREFIXES
        .iter()
        .any(|p| rest.starts_with(p.as_bytes()))
    {
        return None;
    }
    Some(memchr::memchr(b']', rest).map_or((rest.len(), false), |i| (i + 1, true)))
}

/// Reads the clean segments of `cell` into `out` and its artifacts into
/// `artifacts` (both cleared first). `brackets` finds the `[` of artifacts: one
/// cursor ([`Brackets::default`]) for a reader that goes through the cells
/// in order, [`Brackets::bounded`] for a cell read on its own.
pub(crate) fn segments(
    text: &str,
    cell: Cell,
    out: &mut Vec<Seg>,
    artifacts: &mut Vec<Artifact>,
    brackets: &mut Brackets,
) {
    out.clear();
    artifacts.clear();
    let tab = usize::from(cell.tabbed);
    match cell.lines(text) {
        // The lexer saw one line: no search for line ends, and no loop.
        CellLines::One(line) => {
            if let Some(line) = line {
                let start = line.start + tab;
                segment_line(text, start, line.content_end, out, artifacts, brackets);
            }
        }
        CellLines::Many(lines) => {
            for (i, line) in lines.enumerate() {
                let start = if i == 0 { line.start + tab } else { line.start };
                segment_line(text, start, line.content_end, out, artifacts, brackets);
            }
        }
    }
}

/// Where the next `[` (the start of any extraction artifact) is, so that a
/// reader going through the cells in order searches each byte for it once
/// instead of once per line: most documents have few or none.
///
/// A search forward of the last one caches the next `[` however far it is;
/// the regions searched never overlap, so the total is linear. A search
/// behind the cache (or by a [`Brackets::bounded`] cursor) looks at its own
/// line only.
#[derive(Debug, Default)]
pub(crate) struct Brackets {
    /// Where the last caching search started, and the `[` it found (the
    /// text's length if none).
    cached: Option<(usize, usize)>,
    bounded: bool,
}

impl Brackets {
    /// A cursor that never searches past the line it is asked about: for
    /// callers that read cells out of order or one at a time.
    pub(crate) fn bounded() -> Brackets {
        Brackets {
            cached: None,
            bounded: true,
        }
    }

    /// A cursor for the pieces of `bytes[start..end]` (a list's paragraph),
    /// asked about in any order: one search finds its first `[`, the pieces
    /// before it are answered without another, later ones search their own
    /// range only.
    pub(crate) fn within(bytes: &[u8], start: usize, end: usize) -> Brackets {
        let first = bytes
            .get(start..end)
            .and_then(next_artifact_start)
            .map_or(end, |i| start + i);
        Brackets {
            cached: Some((start, first)),
            bounded: true,
        }
    }

    /// Whether `bytes[from..end]` may hold a `[` (and so an artifact): a
    /// reader going through the cells in order asks it of a whole cell to
    /// skip the cells without one.
    pub(crate) fn any(&mut self, bytes: &[u8], from: usize, end: usize) -> bool {
        match self.cached {
            Some((start, next)) if start <= from && from <= next => next < end,
            Some((start, _)) if from < start => next_artifact_start(&bytes[from..end]).is_some(),
            _ if self.bounded => next_artifact_start(&bytes[from..end]).is_some(),
            _ => {
                let next = next_artifact_start(&bytes[from..]).map_or(bytes.len(), |i| from + i);
                self.cached = Some((from, next));
                next < end
            }
        }
    }
}

/// Appends the clean pieces of the line text `start..end` to `out` (its
/// ends trimmed, its artifacts cut and pushed to `artifacts`).
pub(crate) fn segment_line(
    text: &str,
    start: usize,
    end: usize,
    out: &mut Vec<Seg>,
    artifacts: &mut Vec<Artifact>,
    brackets: &mut Brackets,
) {
    if start >= end {
        return;
    }
    if !brackets.any(text.as_bytes(), start, end) {
        // No artifact: the line, trimmed, is the one piece.
        let start = trim_start_at(text, start, end);
        let end = trim_end_at(text, start, end);
        if start < end {
            out.push(Seg {
                start,
                end,
                new_line: true,
            });
        }
        return;
    }
    let first = out.len();
    let mut cursor = start;
    while let Some((a, b)) = find_artifact(text, cursor, end) {
        artifacts.push(Artifact {
            span: Span::new(a, b),
        });
        if a > cursor {
            out.push(Seg {
                start: cursor,
                end: a,
                new_line: false,
            });
        }
        cursor = b;
    }
    if end > cursor {
        out.push(Seg {
            start: cursor,
            end,
            new_line: false,
        });
    }
    // Trim the line's ends, across pieces that are only white space
    // (`[bookmark: a] [bookmark: b] 乙`), then drop pieces left empty.
    if out.len() > first {
        for seg in &mut out[first..] {
            seg.start = trim_start_at(text, seg.start, seg.end);
            if seg.start < seg.end {
                break;
            }
        }
        for seg in out[first..].iter_mut().rev() {
            seg.end = trim_end_at(text, seg.start, seg.end);
            if seg.start < seg.end {
                break;
            }
        }
        // Only this line's pieces: the earlier lines' are kept already,
        // and a cell of many lines is not swept once per line.
        let mut kept = first;
        for k in first..out.len() {
            if out[k].end > out[k].start {
                out[kept] = out[k];
                kept += 1;
            }
        }
        out.truncate(kept);
        if let Some(seg) = out.get_mut(first) {
            seg.new_line = true;
        }
    }
}

/// The value of `text[span]`, one line's text, with its artifacts cut
/// ([`segment_line`], then [`join`]): borrowed when it holds no `[`.
pub(crate) fn without_artifacts(text: &str, span: Span) -> Cow<'_, str> {
    let value = &text[span.range()];
    if next_artifact_start(value.as_bytes()).is_none() {
        return Cow::Borrowed(value);
    }
    let mut segs = Vec::new();
    segment_line(
        text,
        span.start,
        span.end,
        &mut segs,
        &mut Vec::new(),
        &mut Brackets::bounded(),
    );
    join(text, &segs)
}

/// The source span from the first to the last segment.
pub(crate) fn segs_span(segs: &[Seg]) -> Option<Span> {
    Some(Span::new(segs.first()?.start, segs.last()?.end))
}

/// Joins a cell's segments with nothing (pieces of one line, and the lines
/// of a wrapped value: Word wraps Chinese text anywhere), then cuts the
/// artifacts that joining formed (see [`clean_joined`]). Borrows when there
/// is one segment.
///
/// A line of several pieces (an artifact was cut from it) is cleaned and
/// trimmed on its own before it is joined: an artifact formed by its
/// pieces (`[b` + `ookmark: x]`, around `[bookmark: y]`) goes as one
/// written on the line would, with the white space it leaves at the line's
/// ends. So the value is the same whether an artifact was written whole or
/// formed: deleting one (W005's fix) changes nothing.
pub(crate) fn join<'a>(text: &'a str, segs: &[Seg]) -> Cow<'a, str> {
    match segs {
        [] => Cow::Borrowed(""),
        [one] => Cow::Borrowed(&text[one.start..one.end]),
        _ => {
            let mut out = String::new();
            let mut rest = segs;
            while let Some((_, tail)) = rest.split_first() {
                // The line: its first piece and those that continue it.
                let len = 1 + tail.iter().take_while(|s| !s.new_line).count();
                let (line, after) = rest.split_at(len);
                rest = after;
                let cleaned;
                let value = match line {
                    [one] => &text[one.start..one.end],
                    _ => {
                        let joined: String = line.iter().map(|s| &text[s.start..s.end]).collect();
                        cleaned = cut_artifacts(&joined);
                        cleaned.trim_matches(is_space)
                    }
                };
                out.push_str(value);
            }
            Cow::Owned(clean_joined(out))
        }
    }
}

/// Whether the pieces of one of the lines of `segs` (a cell's segments)
/// form an artifact once the artifacts between them are cut
/// (`[bo[bookmark: x]okmark: y]`): deleting one of those can then change
/// where the formed one ends, and so the value, and whether the cell reads
/// as holding text.
pub(crate) fn forms_artifact(text: &str, segs: &[Seg]) -> bool {
    let mut line = String::new();
    let mut pieces = 0;
    for (i, seg) in segs.iter().enumerate() {
        if seg.new_line || i == 0 {
            line.clear();
            pieces = 0;
        }
        line.push_str(&text[seg.start..seg.end]);
        pieces += 1;
        if pieces > 1 && holds_artifact(&line) {
            return true;
        }
    }
    false
}

/// A value read as it is written in the source, over line breaks and
/// artifacts (a labeled deadline: `完成时限：6月;[bookmark: x]年底`), made
/// clean as a cell's value is: artifacts cut, each line trimmed, blank
/// lines dropped, lines joined with nothing. Borrowed when it is clean
/// already.
pub(crate) fn clean_written(value: &str) -> Cow<'_, str> {
    let artifacts = holds_artifact(value);
    if !artifacts && !value.contains(['\n', '\r']) {
        return Cow::Borrowed(value);
    }
    let cut = if artifacts {
        Cow::Owned(cut_artifacts(value))
    } else {
        Cow::Borrowed(value)
    };
    let lines: Vec<&str> = cut
        .split(['\n', '\r'])
        .map(|line| line.trim_matches(is_space))
        .filter(|line| !line.is_empty())
        .collect();
    Cow::Owned(lines.concat())
}

/// Cleans a value joined from several pieces. Joining can form an artifact
/// that no line held (`[bookm` + `ark: x]` around an artifact already cut,
/// or `[` ending a line and `bookmark: x]` on the next), so such artifacts
/// are cut here too ([`cut_artifacts`]); lines are then trimmed and blank
/// ones dropped. No value holds an artifact, and the canonical text reads
/// back the same value.
pub(crate) fn clean_joined(value: String) -> String {
    if !holds_artifact(&value) {
        return value;
    }
    clean_written(&value).into_owned()
}

/// `value` with its artifacts cut, in one pass: as soon as the output ends
/// with a prefix, up to the next `]` or line break (an artifact formed by
/// what is left once another is cut goes too).
fn cut_artifacts(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut skipping = false;
    for c in value.chars() {
        if skipping {
            skipping = !matches!(c, ']' | '\n');
            if c != '\n' {
                continue;
            }
        }
        out.push(c);
        if let Some(prefix) = ARTIFACT_PREFIXES.iter().find(|p| out.ends_with(**p)) {
            out.truncate(out.len() - prefix.len());
            skipping = true;
        } else if c == ')' {
            // A gloss is at most 15 bytes: `(`, six letters, `)`.
            let tail = out.len().saturating_sub(15);
            if let Some(open) = out.as_bytes()[tail..].iter().rposition(|&b| b == b'(') {
                let open = tail + open;
                if gloss_len(&out.as_bytes()[open..]) == Some(out.len() - open) {
                    out.truncate(open);
                }
            }
        }
    }
    out
}

/// A heading as written: `（十一）支持灵活就业` or `一、总体目标`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RawHeading<'a> {
    /// How it is numbered.
    pub(crate) style: HeadingStyle,
    /// Offset of the opening parenthesis (or of the numeral, for `一、`)
    /// within the parsed text.
    pub(crate) open_at: usize,
    pub(crate) numeral: &'a str,
    pub(crate) numeral_at: usize,
    /// The closing parenthesis (or `、`), if there is one right after the
    /// numeral.
    pub(crate) close: Option<char>,
    pub(crate) title: &'a str,
    pub(crate) title_at: usize,
}

fn is_numeral_like(c: char) -> bool {
    crate::numeral::is_numeral_char(c) || is_digit(c)
}

/// Where `part`, a sub-slice of `whole` (from `split`, a parser's output),
/// starts in it: from their addresses, without a search.
pub(crate) fn offset_in(whole: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(whole.as_ptr() as usize)
}

/// Parses the first line of a heading: `（一）…` or `(一)…` (after spaces),
/// whatever follows the parenthesis (the numeral may be missing or wrong,
/// the closing parenthesis too: the caller reports those), or `一、…`,
/// a Chinese numeral and `、`.
pub(crate) fn heading(input: &str) -> Option<RawHeading<'_>> {
    // Cheap reject, before nom: neither a space, a parenthesis nor a
    // numeral first.
    if surely_not_space(input.as_bytes(), 0)
        && !input.starts_with(['（', '('])
        && !input.starts_with(crate::numeral::is_numeral_char)
    {
        return None;
    }
    let offset = |part: &str| offset_in(input, part);
    let parenthesized: IResult<&str, _> = (
        take_while(is_space),
        one_of("（("),
        take_while(is_numeral_like),
        opt(one_of("）)")),
        rest,
    )
        .parse(input);
    if let Ok((_, (lead, _, numeral, close, title))) = parenthesized {
        return Some(RawHeading {
            style: HeadingStyle::Parenthesized,
            open_at: lead.len(),
            numeral,
            numeral_at: offset(numeral),
            close,
            title,
            title_at: offset(title),
        });
    }
    let enumerated: IResult<&str, _> = (
        take_while(is_space),
        take_while1(crate::numeral::is_numeral_char),
        one_of("、"),
        rest,
    )
        .parse(input);
    let (_, (lead, numeral, close, title)) = enumerated.ok()?;
    (numeral.chars().count() <= crate::numeral::MAX_LEN).then(|| RawHeading {
        style: HeadingStyle::Enumerated,
        open_at: lead.len(),
        numeral,
        numeral_at: offset(numeral),
        close: Some(close),
        title,
        title_at: offset(title),
    })
}

/// Why a task number cell does not hold a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NumberError {
    /// Digits, but more than a `u32` holds.
    TooLarge,
    /// Not a run of ASCII digits.
    NotANumber,
}

/// Parses a task number: ASCII digits and nothing else.
pub(crate) fn task_number(input: &str) -> Result<u32, NumberError> {
    // The usual number, one to four ASCII digits, without the parser.
    if (1..=4).contains(&input.len()) && input.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(input.bytes().fold(0, |n, b| n * 10 + u32::from(b - b'0')));
    }
    let parsed: IResult<&str, &str> = terminated(digit1, eof).parse(input);
    match parsed {
        Ok((_, digits)) => digits.parse().map_err(|_| NumberError::TooLarge),
        Err(_) => Err(NumberError::NotANumber),
    }
}

/// Whether `input` starts like a task number (a digit, ASCII or full-width).
pub(crate) fn starts_like_number(input: &str) -> bool {
    let parsed: IResult<&str, &str> = take_while1(is_digit).parse(input);
    parsed.is_ok()
}

/// Whether `c` is a digit, ASCII or full-width.
pub(crate) fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// The byte length of the digits (ASCII or full-width) `s` starts with.
pub(crate) fn digits_len(s: &str) -> usize {
    s.find(|c: char| !is_digit(c)).unwrap_or(s.len())
}

/// A full-width digit as its ASCII digit; any other character as it is.
pub(crate) fn ascii_digit(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        c => c,
    }
}

/// The value of a run of ASCII or full-width digits, `None` past `u32`
/// (what parsing their ASCII form gives, without building it).
pub(crate) fn digits_value(digits: &str) -> Option<u32> {
    digits.chars().try_fold(0u32, |n, c| {
        let d = ascii_digit(c).to_digit(10)?;
        n.checked_mul(10)?.checked_add(d)
    })
}

/// A task number in parentheses at the start of `content` (`（12）`,
/// `(12)`): the number (`None` if too large), where its digits are, and the
/// byte length up to after the closing parenthesis.
pub(crate) fn paren_number(content: &str) -> Option<(Option<u32>, std::ops::Range<usize>, usize)> {
    let open = content.chars().next().filter(|c| matches!(c, '（' | '('))?;
    let from = open.len_utf8();
    let rest = &content[from..];
    let digits = digits_len(rest);
    if digits == 0 || digits > 30 {
        return None;
    }
    let close = rest[digits..]
        .chars()
        .next()
        .filter(|c| matches!(c, '）' | ')'))?;
    Some((
        digits_value(&rest[..digits]),
        from..from + digits,
        from + digits + close.len_utf8(),
    ))
}

/// Splits a unit cell's segments into unit names: at separators outside
/// parentheses (`各街镇（开发区、园区）` is one unit), trimming spaces, and
/// skipping empty names (a trailing `、` leaves none). Lines of a wrapped cell
/// join with nothing.
pub(crate) fn units<'a>(
    text: &'a str,
    segs: &[Seg],
    pieces: &mut Vec<(usize, usize)>,
    mut emit: impl FnMut(Cow<'a, str>, Span),
) {
    // A unit is a list of (start, end) pieces: usually one.
    pieces.clear();
    let mut flush = |pieces: &mut Vec<(usize, usize)>| {
        // Trim the unit's ends across pieces.
        let mut lo = 0;
        while let Some(&(s, e)) = pieces.get(lo) {
            let ts = trim_start_at(text, s, e);
            if ts >= e {
                lo += 1;
            } else {
                pieces[lo].0 = ts;
                break;
            }
        }
        let mut hi = pieces.len();
        while hi > lo {
            let (s, e) = pieces[hi - 1];
            let te = trim_end_at(text, s, e);
            if te <= s {
                hi -= 1;
            } else {
                pieces[hi - 1].1 = te;
                break;
            }
        }
        let kept = &pieces[lo..hi];
        if let (Some(&(s, _)), Some(&(_, e))) = (kept.first(), kept.last()) {
            let name = if kept.len() == 1 {
                Cow::Borrowed(&text[s..e])
            } else {
                Cow::Owned(clean_joined(
                    kept.iter().map(|&(a, b)| &text[a..b]).collect(),
                ))
            };
            if !name.is_empty() {
                emit(name, Span::new(s, e));
            }
        }
        pieces.clear();
    };
    // The separators outside brackets (and the white space between
    // names), through the segments in order.
    let mut scan = Scanner::for_list(segs);
    for seg in segs {
        // A line of the cell that starts after a whole name (`市发改委⏎市财政局`:
        // one unit per line) starts a new name; a name wrapped mid-word
        // (`区财⏎政局`) joins.
        if seg.new_line && scan.depth() == 0 {
            if let Some(&(_, prev)) = pieces.last() {
                if crate::clause::unit_break(text, prev, seg.start) {
                    flush(pieces);
                }
            }
        }
        let mut start = seg.start;
        for sep in scan.separators(text, seg.start, seg.end) {
            if sep.at > start {
                pieces.push((start, sep.at));
            }
            flush(pieces);
            start = sep.end();
        }
        if seg.end > start {
            pieces.push((start, seg.end));
        }
    }
    flush(pieces);
}

#[cfg(test)]
mod tests;
