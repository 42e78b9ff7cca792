//! The lines of a list document, classified one by one: blank, a heading,
//! a task, a label line, a line that is only a role clause, other text; and
//! the role clause that closes a line.

use crate::clause;
use crate::column::{fold, Role};
use crate::grammar::{self, digits_value, paren_number};
use crate::lex::{is_space, Lines};
use crate::model::HeadingStyle;
use crate::numeral;

/// What a line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Blank,
    /// A numbered heading (the numeral is valid).
    Heading(HeadingStyle),
    /// A numbered task: its number (`None` if too large), and whether a
    /// digit follows its `.` right away (`1.5亿元…` may be text).
    Task(Option<u32>, bool),
    /// A label line: `牵头单位：…`, its role and the byte length of its
    /// label and colon.
    Label(Role, usize),
    /// A line that is only a role clause.
    Clause,
    Text,
}

/// One classified line. `text` is where its content starts after
/// indentation.
#[derive(Debug, Clone, Copy)]
pub(super) struct Line {
    pub(super) start: usize,
    pub(super) text: usize,
    pub(super) content_end: usize,
    pub(super) end: usize,
    pub(super) kind: Kind,
    /// The role clause closing the line: from its opening bracket to after
    /// its closing one (or to the end of the line, if it is not closed).
    pub(super) clause: Option<Clause>,
}

impl Line {
    /// One line of the text as the list parser reads it: its kind, where
    /// its text starts (after the indentation), and its closing clause.
    pub(super) fn read(text: &str, line: &crate::lex::Line) -> Line {
        let (kind, at, clause) = classify(text, line.start, line.content_end);
        Line {
            start: line.start,
            text: at,
            content_end: line.content_end,
            end: line.end,
            kind,
            clause,
        }
    }
}

/// A role clause's place in its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Clause {
    /// The opening bracket.
    pub(crate) open: usize,
    /// After the closing bracket (`inner_end` if unclosed).
    pub(crate) close: usize,
    pub(crate) inner_start: usize,
    pub(crate) inner_end: usize,
    pub(crate) closed: bool,
    /// A deadline in a bracket group of its own right after the clause.
    pub(crate) deadline: Option<(usize, usize)>,
}

pub(super) const OPENERS: [char; 6] = ['（', '(', '[', '〔', '【', '［'];
pub(super) const CLOSERS: [char; 6] = ['）', ')', ']', '〕', '】', '］'];

/// Whether `content` (a line's text) reads as a list's task: numbered
/// (`1.`), or closed by a role clause. A heading (`一、`) does not tell: a
/// table's heading rows read the same, and moving a tab onto a heading's
/// line (W010's fix) must not change what the text is.
pub(crate) fn looks_like_task(content: &str) -> bool {
    task_number(content).is_some() || find_clause(content, 0).is_some()
}

/// A task number at the start of `content`: the number (`None` if it is too
/// large), the byte length up to after its separator, and whether a digit
/// follows.
pub(super) fn task_number(content: &str) -> Option<(Option<u32>, usize, bool)> {
    let digits = grammar::digits_len(content);
    if digits == 0 || digits > 30 {
        return None;
    }
    let sep = content[digits..].chars().next()?;
    if !matches!(sep, '.' | '．' | '、' | '。') {
        return None;
    }
    let after = digits + sep.len_utf8();
    let number = digits_value(&content[..digits]);
    let rest = &content[after..];
    if rest.trim_matches(is_space).is_empty() {
        return None;
    }
    let digit_after =
        matches!(sep, '.' | '．') && rest.chars().next().is_some_and(grammar::is_digit);
    Some((number, after, digit_after))
}

/// `content` without the white space and the sentence end (`。` `；` `;` `.`)
/// closing it: where a clause or a label line's value ends.
pub(super) fn trim_closing(content: &str) -> &str {
    content.trim_end_matches(|c: char| is_space(c) || matches!(c, '。' | '；' | ';' | '.'))
}

/// The role clause closing `content` (which starts at `base` in the text):
/// the last bracket group at its end (before a closing `。`) that names a
/// role, or an opened group naming a role that is never closed.
pub(super) fn find_clause(content: &str, base: usize) -> Option<Clause> {
    let trimmed = trim_closing(content);
    if let Some((open, inner, close)) = last_group(trimmed) {
        let text = &trimmed[inner.clone()];
        if names_role(text) && open > 0 {
            return Some(Clause {
                open: base + open,
                close: base + close,
                inner_start: base + inner.start,
                inner_end: base + inner.end,
                closed: true,
                deadline: None,
            });
        }
        // A deadline of its own after the clause:
        // `…（牵头单位：X）（2023年底前完成）`.
        if clause::looks_like_deadline(text) {
            let before = trimmed[..open].trim_end_matches(is_space);
            if let Some((p_open, p_inner, p_close)) = last_group(before) {
                if names_role(&before[p_inner.clone()]) && p_open > 0 {
                    return Some(Clause {
                        open: base + p_open,
                        close: base + close,
                        inner_start: base + p_inner.start,
                        inner_end: base + p_inner.end,
                        closed: true,
                        deadline: Some((base + inner.start, base + inner.end)),
                    });
                }
                let _ = p_close;
            }
        }
        return None;
    }
    let (last, labeled) = scan_marks(trimmed);
    // An opened clause not closed on its line: `…（牵头单位：X，配合单位：Y`,
    // `…（X负责，`: the last bracket of the line opens (it may close on a
    // line below).
    if let Some((i, c)) = last.filter(|&(_, c)| OPENERS.contains(&c)) {
        let inner = &content[i + c.len_utf8()..];
        let inner_trimmed = inner.trim_end_matches(is_space);
        if i > 0 && (clause::starts_with_label(inner).is_some() || names_role(inner)) {
            let end = base + i + c.len_utf8() + inner_trimmed.len();
            return Some(Clause {
                open: base + i,
                close: end,
                inner_start: base + i + c.len_utf8(),
                inner_end: end,
                closed: false,
                deadline: None,
            });
        }
    }

    // A clause without brackets after the text's last sentence:
    // `…。牵头单位：X；配合单位：Y`.
    labeled.map(|at| Clause {
        open: base + at,
        close: base + trimmed.len(),
        inner_start: base + at,
        inner_end: base + trimmed.len(),
        closed: true,
        deadline: None,
    })
}

/// A bracket or sentence end the clause search looks for, read from its
/// bytes: `(` `)` `[` `]` `;`, the full-width `（` `）` `［` `］` `；` (0xEF
/// 0xBC …) and `〔` `〕` `【` `】` `。` (0xE3 0x80 …). Other characters,
/// ideographs above all, are passed over byte by byte without decoding.
fn mark_at(bytes: &[u8], i: usize) -> Option<char> {
    let c = match *bytes.get(i)? {
        b'(' => '(',
        b')' => ')',
        b'[' => '[',
        b']' => ']',
        b';' => ';',
        0xE3 if bytes.get(i + 1) == Some(&0x80) => match *bytes.get(i + 2)? {
            0x82 => '。',
            0x94 => '〔',
            0x95 => '〕',
            0x90 => '【',
            0x91 => '】',
            _ => return None,
        },
        0xEF if bytes.get(i + 1) == Some(&0xBC) => match *bytes.get(i + 2)? {
            0x9B => '；',
            0x88 => '（',
            0x89 => '）',
            0xBB => '［',
            0xBD => '］',
            _ => return None,
        },
        _ => return None,
    };
    Some(c)
}

/// How far to step from a byte that cannot start a mark: the length of the
/// character it leads (an ideograph is passed over in one step). `0` for the
/// bytes [`mark_at`] may read a mark at.
const MARK_STEP: [u8; 256] = {
    let mut t = [1u8; 256];
    let mut b = 0xC0;
    while b < 0x100 {
        t[b] = if b < 0xE0 {
            2
        } else if b < 0xF0 {
            3
        } else {
            4
        };
        b += 1;
    }
    let marks = [b'(', b')', b'[', b']', b';', 0xE3, 0xEF];
    let mut k = 0;
    while k < marks.len() {
        t[marks[k] as usize] = 0;
        k += 1;
    }
    t
};

/// One forward pass over `text`: its last bracket (opening or closing) and
/// where it is, and the first sentence end (`。`, `；`, `;`) followed by a
/// role label (after spaces), with where that label starts.
fn scan_marks(text: &str) -> (Option<(usize, char)>, Option<usize>) {
    let bytes = text.as_bytes();
    let (mut last, mut labeled) = (None, None);
    let mut i = 0;
    while i < bytes.len() {
        let step = MARK_STEP[usize::from(bytes[i])];
        if step != 0 {
            i += usize::from(step);
            continue;
        }
        let Some(c) = mark_at(bytes, i) else {
            // Another character led by 0xE3 or 0xEF (three bytes), or an
            // ASCII byte.
            i += if bytes[i] < 0x80 { 1 } else { 3 };
            continue;
        };
        let end = i + c.len_utf8();
        if OPENERS.contains(&c) || CLOSERS.contains(&c) {
            last = Some((i, c));
        } else if labeled.is_none() {
            let after = &text[end..];
            let at = end + (after.len() - after.trim_start_matches(is_space).len());
            if clause::starts_with_label(&text[at..])
                .is_some_and(|(r, _)| matches!(r, Role::Units(_) | Role::Leaders))
            {
                labeled = Some(at);
            }
        }
        i = end;
    }
    (last, labeled)
}

/// The bracket group that ends `text` (which ends with its closing
/// bracket): where it opens, its inner range, and where it closes.
pub(super) fn last_group(text: &str) -> Option<(usize, std::ops::Range<usize>, usize)> {
    let last = text.chars().next_back()?;
    if !CLOSERS.contains(&last) {
        return None;
    }
    let mut depth = 0u32;
    for (i, c) in text.char_indices().rev() {
        if CLOSERS.contains(&c) {
            depth += 1;
        } else if OPENERS.contains(&c) {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                let inner = i + c.len_utf8()..text.len() - last.len_utf8();
                return Some((i, inner, text.len()));
            }
        }
    }
    None
}

/// Whether a bracket group's text names a role: it starts with a known
/// label (`牵头单位：`), or its first group ends with a role word (`…负责`,
/// `…牵头`).
pub(super) fn names_role(inner: &str) -> bool {
    let inner = inner.trim_matches(is_space);
    if clause::starts_with_label(inner).is_some() {
        return true;
    }
    let first = inner.split(['，', ',', '；', ';']).next().unwrap_or(inner);
    clause::ends_with_role_word(first)
        || (first.len() < inner.len() && clause::ends_with_role_word(inner))
        || clause::names_units(inner)
}

/// Classifies the line `text[start..content_end]`.
pub(super) fn classify(
    text: &str,
    start: usize,
    content_end: usize,
) -> (Kind, usize, Option<Clause>) {
    let content = &text[start..content_end];
    let mut body = content.trim_start_matches(is_space);
    if body.trim_end_matches(is_space).is_empty() {
        return (Kind::Blank, content_end - body.len(), None);
    }
    // Artifacts before a line's text (Word anchors its headings with
    // `[bookmark: _Toc…]`) are passed over like its indentation: the line
    // reads as what follows them. A line of artifacts only stays text.
    let mut rest = body;
    while let Some((end, _)) = grammar::artifact_at(rest.as_bytes()) {
        rest = rest.get(end..).unwrap_or("").trim_start_matches(is_space);
    }
    if !rest.trim_end_matches(is_space).is_empty() {
        body = rest;
    }
    let at = content_end - body.len();
    if let Some((number, _, digit_after)) = task_number(body) {
        return (Kind::Task(number, digit_after), at, find_clause(body, at));
    }
    // `（1）…（牵头单位：…）`: a task numbered in parentheses, when it names
    // its units (without them, a sub-point of the task above).
    if let Some((number, _, _)) = paren_number(body) {
        if let Some(clause) = find_clause(body, at) {
            return (Kind::Task(number, false), at, Some(clause));
        }
    }
    if let Some(h) = grammar::heading(body) {
        let valid = h.close.is_some()
            && numeral::parse(h.numeral).is_some_and(|n| n > 0)
            && !h.title.trim_matches(is_space).is_empty();
        if valid {
            return (Kind::Heading(h.style), at, find_clause(body, at));
        }
    }
    // A label line keeps no clause (it starts with its label, not with a
    // bracket): the search is left out.
    if let Some((role, len)) = clause::starts_with_label(body) {
        return (Kind::Label(role, len), at, None);
    }
    let clause = find_clause(body, at).or_else(|| line_clause(body, at));
    if let Some(c) = clause {
        if c.open == at {
            return (Kind::Clause, at, Some(c));
        }
    }
    (Kind::Text, at, clause)
}

/// A role clause that is the whole line (`（牵头单位：市发改委）` on the line
/// after its task's text): one bracket group, naming a role.
fn line_clause(body: &str, base: usize) -> Option<Clause> {
    let trimmed = trim_closing(body);
    let (open, inner, close) = last_group(trimmed)?;
    (open == 0 && names_role(&trimmed[inner.clone()])).then_some(Clause {
        open: base,
        close: base + close,
        inner_start: base + inner.start,
        inner_end: base + inner.end,
        closed: true,
        deadline: None,
    })
}

/// Whether a line of other text reads as a heading without a numeral: short,
/// not a sentence, not a plan's title.
pub(crate) fn heading_like(content: &str) -> bool {
    let c = content.trim_matches(is_space);
    let n = c.chars().count();
    (2..=30).contains(&n)
        && !c.contains(['。', '；', ';', '：', ':', '，', ','])
        && !c.starts_with(OPENERS)
        && !c.starts_with("附件")
        && !title_like(c)
        && !c
            .chars()
            .all(|ch| ch.is_ascii_digit() || matches!(ch, '年' | '月' | '日' | '-' | '/' | '.'))
}

/// Whether a line would be taken as a list document's title: short, not a
/// sentence, naming a plan.
pub(crate) fn reads_as_title(c: &str) -> bool {
    let c = c.trim_matches(is_space);
    !c.is_empty()
        && c.chars().count() <= 60
        && !c.ends_with(['。', '：', ':', '；', '，', ','])
        && !crate::parse::is_label(c)
        && title_like(c)
}

/// Words that a plan's title holds.
pub(super) const TITLE_WORDS: [&str; 10] = [
    "方案", "分工", "分解", "清单", "意见", "要点", "计划", "任务", "措施", "通知",
];

/// Whether a line reads like the title of a plan (or of its notice).
pub(super) fn title_like(c: &str) -> bool {
    let folded: String = c.chars().map(fold).collect();
    TITLE_WORDS.iter().any(|w| folded.contains(w))
}

/// The non-blank lines of a text from an offset, classified one by one,
/// with one line of lookahead: the list parser reads a document in a single
/// pass and keeps only what it needs, so its memory does not grow with the
/// number of lines.
pub(super) struct Stream<'a> {
    text: &'a str,
    lines: Lines<'a>,
    peeked: Option<Line>,
}

impl<'a> Stream<'a> {
    pub(super) fn new(text: &'a str, from: usize) -> Stream<'a> {
        Stream {
            text,
            lines: Lines::new(text, from),
            peeked: None,
        }
    }

    /// The next non-blank line, without taking it.
    pub(super) fn peek(&mut self) -> Option<&Line> {
        if self.peeked.is_none() {
            self.peeked = self.next();
        }
        self.peeked.as_ref()
    }
}

impl Iterator for Stream<'_> {
    type Item = Line;

    fn next(&mut self) -> Option<Line> {
        if let Some(line) = self.peeked.take() {
            return Some(line);
        }
        for l in self.lines.by_ref() {
            let line = Line::read(self.text, &l);
            if line.kind != Kind::Blank {
                return Some(line);
            }
        }
        None
    }
}

/// Whether a line is a date: `2023年3月28日`, `2021-03-29`.
pub(super) fn is_date(c: &str) -> bool {
    let c = c.trim_matches(is_space);
    !c.is_empty()
        && c.chars().count() <= 16
        && c.chars().all(|ch| {
            grammar::is_digit(ch)
                || matches!(ch, '年' | '月' | '日' | '-' | '/' | '.' | ' ')
                || numeral::is_numeral_char(ch)
                || ch == '〇'
        })
}
