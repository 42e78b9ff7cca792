//! List documents: numbered paragraphs under numbered headings, each task's
//! units in a role clause closing its paragraph (`（牵头单位：…，配合单位：…）`)
//! or in label lines after it (`牵头单位：…`), often after a notice.
//!
//! Reading is two linear passes. The first classifies every line: blank, a
//! heading (`一、`, `（一）`), a task (`1.` `1．` `1、` `1。`), a label line,
//! a line that is only a role clause, or other text. The second finds where
//! the plan starts (the headings right above its first task with units: a
//! notice's own numbered points, its title and its opening paragraph come
//! before and are kept as the preamble), the plan's title in the preamble,
//! and builds the tree: each task takes the label lines, clause lines and
//! continuation paragraphs after it; a short line followed by a task is an
//! unnumbered heading; any other paragraph is trivia (reported between
//! tasks, kept quietly after the last one: a web page's footer).

use std::borrow::Cow;

use super::error;
use super::tree::Tree;
use crate::clause::{self, Item as ClauseItem};
use crate::column::{fold, Role, UnitRole};
use crate::diagnostic::{quote, Diagnostic};
use crate::grammar::{self, Seg};
use crate::lex::{is_space, Lines};
use crate::model::{
    Category, Document, Extras, HeadingStyle, Preamble, Repr, Shape, Task, Unit, UnitMapping,
};
use crate::numeral;
use crate::span::Span;

/// What a line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Blank,
    /// A numbered heading (the numeral is valid).
    Heading(HeadingStyle),
    /// A numbered task: its number (`None` if too large), and whether a
    /// digit follows its `.` right away (`1.5亿元…` may be text).
    Task(Option<u32>, bool),
    /// A label line: `牵头单位：…`.
    Label(Role),
    /// A line that is only a role clause.
    Clause,
    Text,
}

/// One classified line. `text` is where its content starts after
/// indentation.
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    text: usize,
    content_end: usize,
    end: usize,
    kind: Kind,
    /// The role clause closing the line: from its opening bracket to after
    /// its closing one (or to the end of the line, if it is not closed).
    clause: Option<Clause>,
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

const OPENERS: [char; 6] = ['（', '(', '[', '〔', '【', '［'];
const CLOSERS: [char; 6] = ['）', ')', ']', '〕', '】', '］'];

/// Whether `content` (a line's text) reads as a numbered item of a list: a
/// task (`1.`) or an upper heading (`一、`), or a line closed by a role
/// clause.
pub(crate) fn looks_like_item(content: &str) -> bool {
    task_number(content).is_some()
        || grammar::heading(content).is_some_and(|h| h.style == HeadingStyle::Enumerated)
        || find_clause(content, 0).is_some()
}

/// A task number at the start of `content`: the number (`None` if it is too
/// large), the byte length up to after its separator, and whether a digit
/// follows.
fn task_number(content: &str) -> Option<(Option<u32>, usize, bool)> {
    let digits = content
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || ('０'..='９').contains(&c)))
        .map_or(content.len(), |(i, _)| i);
    if digits == 0 || digits > 30 {
        return None;
    }
    let sep = content[digits..].chars().next()?;
    if !matches!(sep, '.' | '．' | '、' | '。') {
        return None;
    }
    let after = digits + sep.len_utf8();
    let ascii: String = content[..digits].chars().map(error::ascii_digit).collect();
    let number = ascii.parse::<u32>().ok();
    let rest = &content[after..];
    if rest.trim_matches(is_space).is_empty() {
        return None;
    }
    let digit_after = matches!(sep, '.' | '．')
        && rest
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    Some((number, after, digit_after))
}

/// A task number in parentheses at the start of `content` (`（12）`,
/// `(12)`): the number (`None` if too large), where its digits are, and the
/// byte length up to after the closing parenthesis.
fn paren_number(content: &str) -> Option<(Option<u32>, std::ops::Range<usize>, usize)> {
    let open = content.chars().next().filter(|c| matches!(c, '（' | '('))?;
    let from = open.len_utf8();
    let rest = &content[from..];
    let digits = rest
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || ('０'..='９').contains(&c)))
        .map_or(rest.len(), |(i, _)| i);
    if digits == 0 || digits > 30 {
        return None;
    }
    let close = rest[digits..]
        .chars()
        .next()
        .filter(|c| matches!(c, '）' | ')'))?;
    let ascii: String = rest[..digits].chars().map(error::ascii_digit).collect();
    Some((
        ascii.parse().ok(),
        from..from + digits,
        from + digits + close.len_utf8(),
    ))
}

/// The role clause closing `content` (which starts at `base` in the text):
/// the last bracket group at its end (before a closing `。`) that names a
/// role, or an opened group naming a role that is never closed.
fn find_clause(content: &str, base: usize) -> Option<Clause> {
    let trimmed =
        content.trim_end_matches(|c: char| is_space(c) || matches!(c, '。' | '；' | ';' | '.'));
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
    // An opened clause never closed: `…（牵头单位：X，配合单位：Y`.
    if let Some((i, c)) = content
        .char_indices()
        .rev()
        .find(|&(_, c)| OPENERS.contains(&c))
    {
        let inner = &content[i + c.len_utf8()..];
        let inner_trimmed = inner.trim_end_matches(is_space);
        if i > 0
            && clause::starts_with_label(inner).is_some()
            && !inner.chars().any(|c| CLOSERS.contains(&c))
        {
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
    for (i, c) in trimmed.char_indices() {
        if !matches!(c, '。' | '；' | ';') {
            continue;
        }
        let after = &trimmed[i + c.len_utf8()..];
        let lead = after.len() - after.trim_start_matches(is_space).len();
        let at = i + c.len_utf8() + lead;
        if clause::starts_with_label(&trimmed[at..])
            .is_some_and(|(r, _)| matches!(r, Role::Units(_) | Role::Leaders))
        {
            return Some(Clause {
                open: base + at,
                close: base + trimmed.len(),
                inner_start: base + at,
                inner_end: base + trimmed.len(),
                closed: true,
                deadline: None,
            });
        }
    }
    None
}

/// The bracket group that ends `text` (which ends with its closing
/// bracket): where it opens, its inner range, and where it closes.
fn last_group(text: &str) -> Option<(usize, std::ops::Range<usize>, usize)> {
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
fn names_role(inner: &str) -> bool {
    let inner = inner.trim_matches(is_space);
    if clause::starts_with_label(inner).is_some() {
        return true;
    }
    let first = inner.split(['，', ',', '；', ';']).next().unwrap_or(inner);
    clause::ends_with_role_word(first)
        || (first.len() < inner.len() && clause::ends_with_role_word(inner))
}

/// Classifies the line `text[start..content_end]`.
fn classify(text: &str, start: usize, content_end: usize) -> (Kind, usize, Option<Clause>) {
    let content = &text[start..content_end];
    let body = content.trim_start_matches(is_space);
    let at = content_end - body.len();
    if body.trim_end_matches(is_space).is_empty() {
        return (Kind::Blank, at, None);
    }
    let clause = find_clause(body, at);
    if let Some((number, _, digit_after)) = task_number(body) {
        return (Kind::Task(number, digit_after), at, clause);
    }
    // `（1）…（牵头单位：…）`: a task numbered in parentheses, when it names
    // its units (without them, a sub-point of the task above).
    if clause.is_some() {
        if let Some((number, _, _)) = paren_number(body) {
            return (Kind::Task(number, false), at, clause);
        }
    }
    if let Some(h) = grammar::heading(body) {
        let valid = h.close.is_some()
            && numeral::parse(h.numeral).is_some_and(|n| n > 0)
            && !h.title.trim_matches(is_space).is_empty();
        if valid {
            return (Kind::Heading(h.style), at, clause);
        }
    }
    if clause::starts_with_label(body).is_some() {
        return (
            Kind::Label(clause::starts_with_label(body).map_or(Role::Other, |(r, _)| r)),
            at,
            None,
        );
    }
    if let Some(c) = clause {
        if c.open == at {
            return (Kind::Clause, at, Some(c));
        }
    }
    (Kind::Text, at, clause)
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
        && !super::is_label(c)
        && title_like(c)
}

/// Words that a plan's title holds.
const TITLE_WORDS: [&str; 10] = [
    "方案", "分工", "分解", "清单", "意见", "要点", "计划", "任务", "措施", "通知",
];

/// Whether a line reads like the title of a plan (or of its notice).
fn title_like(c: &str) -> bool {
    let folded: String = c.chars().map(fold).collect();
    TITLE_WORDS.iter().any(|w| folded.contains(w))
}

/// The non-blank lines of a text from an offset, classified one by one,
/// with one line of lookahead: the list parser reads a document in a single
/// pass and keeps only what it needs, so its memory does not grow with the
/// number of lines.
struct Stream<'a> {
    text: &'a str,
    lines: Lines<'a>,
    peeked: Option<Line>,
}

impl<'a> Stream<'a> {
    fn new(text: &'a str, from: usize) -> Stream<'a> {
        Stream {
            text,
            lines: Lines::new(text, from),
            peeked: None,
        }
    }

    /// The next non-blank line, without taking it.
    fn peek(&mut self) -> Option<&Line> {
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
            let (kind, at, clause) = classify(self.text, l.start, l.content_end);
            if kind != Kind::Blank {
                return Some(Line {
                    start: l.start,
                    text: at,
                    content_end: l.content_end,
                    end: l.end,
                    kind,
                    clause,
                });
            }
        }
        None
    }
}

/// Where the plan starts, and what of the preamble its title is made of.
struct Start {
    /// The plan's first line.
    body: Line,
    /// Lines that may be the plan's title: (the line, the line before it,
    /// the last `附件` label line before it), most recent last.
    titles: Vec<(Line, Option<Line>, Option<Line>, bool)>,
    /// The last `附件` label lines, most recent last.
    labels: Vec<Line>,
}

/// How many title candidates, `一、` headings and label lines the first
/// pass keeps (the most recent): a notice has a few, a hostile text
/// millions.
const KEPT: usize = 64;

/// Keeps the most recent `KEPT` items.
fn keep<T>(items: &mut Vec<T>, item: T) {
    if items.len() == KEPT {
        items.remove(0);
    }
    items.push(item);
}

pub(crate) struct ListParser<'a> {
    text: &'a str,
    pub(super) doc: Document<'a>,
    pub(super) diagnostics: Vec<Diagnostic>,
    tree: Tree<'a>,
    scratch: clause::Scratch,
    last_end: usize,
    last_task_number: u32,
    /// The lines of the task being read.
    pending: Vec<Line>,
    /// Paragraphs that belong to nothing since the last task: reported
    /// (as one finding) if another task follows.
    strays: Option<(Span, &'a str)>,
}

impl<'a> ListParser<'a> {
    pub(super) fn new(text: &'a str, doc: Document<'a>) -> ListParser<'a> {
        ListParser {
            text,
            doc,
            diagnostics: Vec::new(),
            tree: Tree::default(),
            scratch: clause::Scratch::default(),
            last_end: 0,
            last_task_number: 0,
            pending: Vec::new(),
            strays: None,
        }
    }

    pub(super) fn run(&mut self) {
        let text = self.text;
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let start = self
            .find_start(bom, false)
            .or_else(|| self.find_start(bom, true));
        let Some(start) = start else {
            let first = Stream::new(text, bom)
                .next()
                .map_or(Span::empty(text.len()), |l| {
                    Span::new(l.text, l.content_end)
                });
            let found = quote(text[first.range()].trim_matches(is_space), 20);
            self.diagnostics.push(error::no_tasks(first, &found));
            self.doc.preamble.raw = Some(Cow::Borrowed(""));
            self.doc.trailer = Cow::Borrowed(text);
            return;
        };
        // A byte order mark belongs to the first line.
        let body_offset = if start.body.start == bom {
            0
        } else {
            start.body.start
        };
        self.preamble(&start, body_offset);
        self.last_end = body_offset;
        self.body(start.body.start);
        let tree = std::mem::take(&mut self.tree);
        let (roots, categories) = tree.finish();
        self.doc.tasks = roots;
        self.doc.categories = categories;
        self.doc.trailer = Cow::Borrowed(&text[self.last_end..]);
        if self.doc.first_listed_leads {
            super::first_listed_leads(&mut self.doc);
        }
    }

    /// The first pass: finds the plan's first task with units (with
    /// `any_task`, the first task), walks back over the headings right
    /// above it to where the plan starts, and notes the lines the plan's
    /// title may be.
    fn find_start(&self, from: usize, any_task: bool) -> Option<Start> {
        let text = self.text;
        // The structural lines since the last paragraph that would stop
        // the walk back; the `一、` headings since the last title-like line.
        let mut run: Vec<Line> = Vec::new();
        let mut enums: Vec<(u32, Line)> = Vec::new();
        let mut titles = Vec::new();
        let mut labels: Vec<Line> = Vec::new();
        let mut prev: Option<Line> = None;
        // A task without a clause whose label lines may follow, and the
        // lines seen since: the walk back from it must not see them, so
        // they reach `run` only if it turns out not to be the plan's first
        // task.
        let mut candidate: Option<(Line, usize)> = None;
        let mut held: Vec<Line> = Vec::new();
        let update = |run: &mut Vec<Line>, enums: &mut Vec<(u32, Line)>, line: Line| {
            let content = text[line.text..line.content_end].trim_matches(is_space);
            match line.kind {
                Kind::Text if !heading_like(content) => run.clear(),
                _ => run.push(line),
            }
            if let Kind::Heading(HeadingStyle::Enumerated) = line.kind {
                if let Some(n) = grammar::heading(content).and_then(|h| numeral::parse(h.numeral)) {
                    keep(enums, (n, line));
                }
            }
            if line.kind == Kind::Text && title_like(content) && content.chars().count() <= 60 {
                enums.clear();
            }
        };
        for line in Stream::new(text, from) {
            let content = text[line.text..line.content_end].trim_matches(is_space);
            if let Some((task, seen)) = candidate {
                match line.kind {
                    Kind::Label(Role::Units(_) | Role::Leaders) | Kind::Clause => {
                        return Some(self.start_at(task, &run, &enums, titles, labels));
                    }
                    Kind::Label(_) | Kind::Text if seen < 6 => candidate = Some((task, seen + 1)),
                    _ => {
                        candidate = None;
                        for l in held.drain(..) {
                            update(&mut run, &mut enums, l);
                        }
                    }
                }
            }
            let is_task = matches!(line.kind, Kind::Task(..))
                || (matches!(line.kind, Kind::Heading(_)) && line.clause.is_some());
            if is_task {
                if any_task || line.clause.is_some() {
                    return Some(self.start_at(line, &run, &enums, titles, labels));
                }
                for l in held.drain(..) {
                    update(&mut run, &mut enums, l);
                }
                candidate = Some((line, 0));
            }
            // What the preamble may hold.
            if super::is_label(content) {
                keep(&mut labels, line);
            }
            if reads_as_title(content) {
                let strong = !content.contains("印发") && !content.contains("通知");
                keep(&mut titles, (line, prev, labels.last().copied(), strong));
            }
            if candidate.is_some() {
                held.push(line);
            } else {
                update(&mut run, &mut enums, line);
            }
            prev = Some(line);
        }
        None
    }

    /// Where the plan whose first task (with units) is `anchor` starts: the
    /// headings, tasks and heading-like lines right above it, back to a
    /// `一、` numbered 1; a plan that starts at `二、` after its `一、`
    /// paragraph, back to that `一、`.
    fn start_at(
        &self,
        anchor: Line,
        run: &[Line],
        enums: &[(u32, Line)],
        titles: Vec<(Line, Option<Line>, Option<Line>, bool)>,
        labels: Vec<Line>,
    ) -> Start {
        let text = self.text;
        let number_of = |l: &Line| {
            grammar::heading(&text[l.text..l.content_end]).and_then(|h| numeral::parse(h.numeral))
        };
        let mut start = anchor;
        for line in run.iter().rev().filter(|l| l.start < anchor.start) {
            start = *line;
            if line.kind == Kind::Heading(HeadingStyle::Enumerated) && number_of(line) == Some(1) {
                break;
            }
        }
        if start.kind == Kind::Heading(HeadingStyle::Enumerated) {
            let mut want = number_of(&start).unwrap_or(1);
            let first = start.start;
            for &(n, line) in enums.iter().rev().filter(|(_, l)| l.start < first) {
                if want <= 1 || n != want - 1 {
                    break;
                }
                want -= 1;
                if want == 1 {
                    start = line;
                }
            }
        }
        Start {
            body: start,
            titles,
            labels,
        }
    }

    /// The preamble: everything before the plan; its title is the last line
    /// before the plan that reads like a plan's title (joined with the
    /// line before it when the title wraps), its label the `附件` line
    /// before that.
    fn preamble(&mut self, start: &Start, end: usize) {
        let text = self.text;
        let before = |l: &Line| l.start < start.body.start;
        let title = start
            .titles
            .iter()
            .rev()
            .find(|(l, _, _, strong)| *strong && before(l))
            .or_else(|| start.titles.iter().rev().find(|(l, _, _, _)| before(l)));
        let mut title_lines: Vec<Line> = Vec::new();
        let mut label = start.labels.iter().rev().find(|l| before(l)).copied();
        if let Some(&(line, prev, label_before, _)) = title {
            label = label_before;
            // The line before, when the title wraps onto two lines.
            if let Some(p) = prev {
                let c = text[p.text..p.content_end].trim_matches(is_space);
                let wraps = c.chars().count() <= 60
                    && !c.ends_with(['。', '：', ':', '；', '，', ','])
                    && !super::is_label(c)
                    && !c.contains("通知")
                    && !c.contains("印发")
                    && !c.starts_with(OPENERS)
                    && (c.starts_with("关于")
                        || c.starts_with("關於")
                        || c.starts_with("關于")
                        || title_like(c)
                        || c.contains("工作"))
                    && !is_date(c);
                if wraps {
                    title_lines.push(p);
                }
            }
            title_lines.push(line);
        }
        let mut segs: Vec<Seg> = Vec::new();
        for l in &title_lines {
            let c = &text[l.text..l.content_end];
            let trimmed = c.trim_end_matches(is_space);
            if !trimmed.is_empty() {
                segs.push(Seg {
                    start: l.text,
                    end: l.text + trimmed.len(),
                    new_line: true,
                });
            }
        }
        let label = label.map(|l| {
            let c = text[l.text..l.content_end].trim_matches(is_space);
            (c, Span::new(l.text, l.text + c.len()))
        });
        self.doc.first_listed_leads |= clause::states_first_listed_leads(&text[..end]);
        self.doc.preamble = Preamble {
            raw: Some(Cow::Borrowed(&text[..end])),
            label: label.map(|(l, _)| Cow::Borrowed(l)),
            label_span: label.map(|(_, s)| s),
            title: grammar::join(text, &segs, ""),
            title_span: grammar::segs_span(&segs),
        };
    }

    /// The second pass: builds the tree from the plan's first line on.
    fn body(&mut self, from: usize) {
        let mut stream = Stream::new(self.text, from);
        while let Some(line) = stream.next() {
            match line.kind {
                Kind::Blank => {}
                Kind::Heading(style) => {
                    self.finish_task();
                    if line.clause.is_some() {
                        self.start_task(line);
                    } else {
                        self.heading(line, style);
                    }
                }
                Kind::Task(number, digit_after) => {
                    let next = self.current_number().saturating_add(1);
                    if !digit_after || number == Some(next) || number == Some(1) {
                        self.finish_task();
                        self.start_task(line);
                    } else {
                        let next = stream.peek().copied();
                        self.other(line, next);
                    }
                }
                Kind::Label(_) | Kind::Clause => {
                    if self.pending.is_empty() {
                        self.stray(line);
                    } else {
                        self.pending.push(line);
                    }
                }
                Kind::Text => {
                    let next = stream.peek().copied();
                    self.other(line, next);
                }
            }
        }
        self.finish_task();
    }

    /// Starts a task at `line`; the paragraphs that belonged to nothing
    /// since the last task sit between two tasks: they are reported.
    fn start_task(&mut self, line: Line) {
        if let Some((span, first)) = self.strays.take() {
            self.diagnostics.push(error::stray_paragraph(span, first));
        }
        self.pending.push(line);
    }

    /// The number of the task being read, or else of the last one read.
    fn current_number(&self) -> u32 {
        match self.pending.first().map(|l| l.kind) {
            Some(Kind::Task(Some(n), _)) => n,
            _ => self.last_task_number,
        }
    }

    /// A line of other text in the body; `next` is the next line that is
    /// not blank.
    fn other(&mut self, line: Line, next: Option<Line>) {
        let content = &self.text[line.text..line.content_end];
        let next_is_item =
            next.is_some_and(|l| matches!(l.kind, Kind::Task(..) | Kind::Heading(_)));
        if heading_like(content) && next_is_item && line.clause.is_none() {
            self.finish_task();
            self.unnumbered(line);
            return;
        }
        // A continuation of a task that has no units yet.
        let units_seen = self
            .pending
            .iter()
            .any(|l| l.clause.is_some() || matches!(l.kind, Kind::Label(_) | Kind::Clause));
        if !self.pending.is_empty() && !units_seen {
            self.pending.push(line);
            return;
        }
        self.stray(line);
    }

    /// A paragraph that belongs to nothing: trivia, reported if a task
    /// follows (a run of them as one finding); after the last task (a web
    /// page's footer), kept quietly.
    fn stray(&mut self, line: Line) {
        let text = self.text;
        let content = text[line.text..line.content_end].trim_end_matches(is_space);
        let end = line.text + content.len();
        match &mut self.strays {
            Some((span, _)) => span.end = end,
            None => self.strays = Some((Span::new(line.text, end), content)),
        }
    }

    fn heading(&mut self, line: Line, style: HeadingStyle) {
        let text = self.text;
        let content = &text[line.text..line.content_end];
        let Some(h) = grammar::heading(content) else {
            return;
        };
        let number = numeral::parse(h.numeral).unwrap_or_else(|| self.tree.next_number(style));
        let title_start = line.text + h.title_at;
        let rest = &text[title_start..line.content_end];
        // The title: up to the first `。` when more follows it.
        let mut title = rest.trim_matches(is_space);
        if let Some(at) = title.find('。') {
            title = &title[..at];
        }
        let title = title.trim_end_matches(|c: char| is_space(c) || matches!(c, '：' | ':'));
        let lead = rest.len() - rest.trim_start_matches(is_space).len();
        let title_span = Span::new(title_start + lead, title_start + lead + title.len());
        let numeral_start = line.text + h.numeral_at;
        let category = Category {
            repr: Repr::parsed(text, self.last_end, line.start, line.end),
            span: Span::new(line.text, line.content_end).into(),
            style,
            number,
            numeral: Cow::Borrowed(h.numeral),
            numeral_span: Span::new(numeral_start, numeral_start + h.numeral.len()).into(),
            title: Cow::Borrowed(title),
            title_span: title_span.into(),
            tasks: Vec::new(),
            categories: Vec::new(),
        };
        self.last_end = line.end;
        self.tree.open(category);
    }

    fn unnumbered(&mut self, line: Line) {
        let text = self.text;
        let title = text[line.text..line.content_end].trim_end_matches(is_space);
        let span = Span::new(line.text, line.text + title.len());
        self.diagnostics
            .push(error::unnumbered_heading(span, title));
        let mut category = Category::with_style(HeadingStyle::Unnumbered, 0, title);
        category.repr = Repr::parsed(text, self.last_end, line.start, line.end);
        category.span = span.into();
        category.title_span = span.into();
        self.last_end = line.end;
        self.tree.open(category);
    }

    /// Builds the pending task from its lines.
    fn finish_task(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let lines = std::mem::take(&mut self.pending);
        let text = self.text;
        let guess = self.last_task_number.saturating_add(1);
        let read = read_paragraph(text, &lines, guess, &mut self.scratch);
        let number = read.number;
        self.last_task_number = number;
        if read.number_too_large {
            let found = &text[read.number_span.range()];
            self.diagnostics.push(error::invalid_task_number(
                found,
                read.number_span,
                grammar::NumberError::TooLarge,
                guess,
            ));
        }
        for c in &read.clauses {
            if !c.closed {
                self.diagnostics
                    .push(error::unclosed_clause(Span::new(c.open, c.inner_end)));
            }
        }
        let mut units: Vec<(UnitRole, Unit<'a>)> = Vec::new();
        let mut extras: Option<Box<Extras<'a>>> = None;
        for item in read.items {
            match item {
                ClauseItem::FirstListedLeads(_) => self.doc.first_listed_leads = true,
                ClauseItem::UnknownLabel(span) => self
                    .diagnostics
                    .push(error::unknown_clause_label(span, &text[span.range()])),
                item => super::task_item(item, &mut units, &mut extras),
            }
        }
        let (Some(&head), Some(&tail)) = (lines.first(), lines.last()) else {
            return;
        };
        if units.is_empty() {
            self.diagnostics
                .push(error::task_without_units(read.number_span, number));
        }
        let task = Task {
            repr: Repr::parsed(text, self.last_end, head.start, tail.end),
            span: Span::new(head.text, tail.content_end).into(),
            number,
            number_span: read.number_span.into(),
            text_span: grammar::segs_span(&read.segs).into(),
            text: grammar::join(text, &read.segs, "\n"),
            units: UnitMapping::collect(&mut units, false),
            extras,
            shape: Shape::paragraph(),
        };
        self.last_end = tail.end;
        self.tree.push_task(task);
    }
}

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
fn read_paragraph<'a>(
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
    let mut emit = |item| read.items.push(item);
    for (k, line) in lines.iter().enumerate() {
        let from = if k == 0 { text_start } else { line.text };
        match line.kind {
            Kind::Blank => continue,
            Kind::Label(role) => {
                let content = &text[line.text..line.content_end];
                let Some((_, len)) = clause::starts_with_label(content) else {
                    continue;
                };
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
                let seg = Seg {
                    start: value_start,
                    end: value_end,
                    new_line: true,
                };
                clause::read(
                    text,
                    &[seg],
                    clause::Context::clause(role),
                    scratch,
                    &mut emit,
                );
                continue;
            }
            _ => {}
        }
        let end = line.clause.map_or(line.content_end, |c| c.open);
        let piece = &text[from.min(end)..end];
        let trimmed = piece.trim_matches(is_space);
        if !trimmed.is_empty() && line.kind != Kind::Clause {
            let s = from + (piece.len() - piece.trim_start_matches(is_space).len());
            read.segs.push(Seg {
                start: s,
                end: s + trimmed.len(),
                new_line: true,
            });
        }
        if let Some(c) = line.clause {
            read.clauses.push(c);
            let seg = Seg {
                start: c.inner_start,
                end: c.inner_end,
                new_line: true,
            };
            clause::read(
                text,
                &[seg],
                clause::Context::clause(Role::Units(UnitRole::Responsible)),
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
    read
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
        .map(|l| {
            let (kind, at, clause) = classify(text, l.start, l.content_end);
            Line {
                start: l.start,
                text: at,
                content_end: l.content_end,
                end: l.end,
                kind,
                clause,
            }
        })
        .collect()
}

/// Whether a line is a date: `2023年3月28日`, `2021-03-29`.
fn is_date(c: &str) -> bool {
    let c = c.trim_matches(is_space);
    !c.is_empty()
        && c.chars().count() <= 16
        && c.chars().all(|ch| {
            ch.is_ascii_digit()
                || ('０'..='９').contains(&ch)
                || matches!(ch, '年' | '月' | '日' | '-' | '/' | '.' | ' ')
                || numeral::is_numeral_char(ch)
                || ch == '〇'
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn task_numbers() {
        assert_eq!(task_number("1.努力"), Some((Some(1), 2, false)));
        assert_eq!(task_number("12、文"), Some((Some(12), 5, false)));
        assert_eq!(task_number("３。文"), Some((Some(3), 6, false)));
        assert_eq!(task_number("11.121人才"), Some((Some(11), 3, true)));
        assert_eq!(task_number("2023年"), None);
        assert_eq!(task_number("1."), None);
    }

    #[test]
    fn clauses_at_the_end_of_a_line() {
        let line = "1.文（含说明）。（牵头单位：甲；配合单位：乙）";
        let c = find_clause(line, 0).unwrap();
        assert_eq!(
            &line[c.inner_start..c.inner_end],
            "牵头单位：甲；配合单位：乙"
        );
        assert!(c.closed);
        let line = "文(市政府各部门分别负责,年内持续推进)";
        let c = find_clause(line, 0).unwrap();
        assert_eq!(
            &line[c.inner_start..c.inner_end],
            "市政府各部门分别负责,年内持续推进"
        );
        assert!(find_clause("文（含说明）", 0).is_none());
        let line = "文（牵头单位：甲，配合单位：乙";
        let c = find_clause(line, 0).unwrap();
        assert!(!c.closed);
        assert_eq!(
            &line[c.inner_start..c.inner_end],
            "牵头单位：甲，配合单位：乙"
        );
        let line = "2.文。〔牵头单位:甲;责任单位:乙〕";
        assert!(find_clause(line, 0).is_some());
    }
}
