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
use crate::column::{Role, UnitRole};
use crate::diagnostic::{quote, Diagnostic};
use crate::grammar::{self, Seg};
use crate::lex::is_space;
use crate::model::{
    Category, Document, Extras, HeadingStyle, Repr, Shape, Task, Unit, UnitMapping,
};
use crate::numeral;
use crate::span::Span;

mod line;
mod paragraph;

pub(crate) use line::{heading_like, looks_like_task, reads_as_title};
use line::{is_date, title_like, Kind, Line, Stream, OPENERS};
use paragraph::read_paragraph;
pub(crate) use paragraph::{read_at, read_body, ParagraphRead};

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
    /// Whether the pending task's role clause, or its last label line's
    /// value, goes on (its next line of text continues it).
    goes_on: Option<paragraph::OpenKind>,
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
            goes_on: None,
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
            // A table whose cells lost their tabs (one cell per paragraph,
            // as a page's table flattens): its header label on a line of
            // its own says so.
            let untabbed = Stream::new(text, bom).find_map(|l| {
                let content = &text[l.start..l.content_end];
                let label = content.trim_matches(is_space);
                let header = !label.is_empty() && Role::of_label(label) == Role::Number;
                if header && !content.starts_with('\t') {
                    let at = l.content_end - content.trim_start_matches(is_space).len();
                    return Some(error::untabbed_table(
                        Span::new(at, at + label.len()),
                        &quote(label, 20),
                    ));
                }
                // A table drawn with lines (`│序号│重点任务│…`), or with its
                // cells run together on one line.
                let (labels, at) = header_on_one_line(content)?;
                let span = Span::new(l.start + at.start, l.start + at.end);
                Some(error::header_on_one_line(span, &labels))
            });
            if let Some(error) = untabbed {
                self.diagnostics.push(error);
                self.doc.preamble.raw = Some(Cow::Borrowed(""));
                self.doc.trailer = Cow::Borrowed(text);
                return;
            }
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
        super::finish(&mut self.doc, tree, &text[self.last_end..]);
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
                    Kind::Label(Role::Units(_) | Role::Leaders, _) | Kind::Clause => {
                        return Some(self.start_at(task, &run, &enums, titles, labels));
                    }
                    Kind::Label(..) | Kind::Text if seen < 6 => candidate = Some((task, seen + 1)),
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
            grammar::segment_line(
                text,
                l.text,
                l.content_end,
                &mut segs,
                &mut Vec::new(),
                &mut grammar::Brackets::bounded(),
            );
        }
        let label = label.map(|l| {
            let c = text[l.text..l.content_end].trim_matches(is_space);
            (c, Span::new(l.text, l.text + c.len()))
        });
        crate::parse::preamble(&mut self.doc, text, end, label, &segs);
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
                    // `1.5亿元…` may be text; `11.121人才梯队项目` is task 11
                    // if it comes next, or if a role clause closes it.
                    let next = self.current_number().saturating_add(1);
                    if !digit_after
                        || number == Some(next)
                        || number == Some(1)
                        || line.clause.is_some()
                    {
                        self.finish_task();
                        self.start_task(line);
                    } else {
                        let next = stream.peek().copied();
                        self.other(line, next);
                    }
                }
                Kind::Label(..) | Kind::Clause => {
                    if self.pending.is_empty() {
                        self.stray(line);
                    } else {
                        self.push_pending(line);
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
        self.push_pending(line);
    }

    /// Adds a line to the pending task, following whether its clause or
    /// label line goes on.
    fn push_pending(&mut self, line: Line) {
        self.goes_on = paragraph::goes_on_after(self.text, self.goes_on, &line);
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
        // A line of a clause opened above and not closed yet, or of a label
        // line's value.
        if self.goes_on.is_some() && !self.pending.is_empty() {
            self.push_pending(line);
            return;
        }
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
            .any(|l| l.clause.is_some() || matches!(l.kind, Kind::Label(..) | Kind::Clause));
        if !self.pending.is_empty() && !units_seen {
            self.push_pending(line);
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
            title: grammar::without_artifacts(text, title_span),
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
        let mut category = Category::with_style(
            HeadingStyle::Unnumbered,
            0,
            grammar::without_artifacts(text, span),
        );
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
        self.goes_on = None;
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
            text: grammar::join(text, &read.segs),
            units: UnitMapping::collect(&mut units, false),
            extras,
            shape: Shape::paragraph(),
        };
        self.last_end = tail.end;
        self.tree.push_task(task);
    }
}

/// The separators of a header row written on one line: the vertical lines
/// of a table drawn with box characters or pipes, and white space.
fn separates_labels(c: char) -> bool {
    matches!(c, '│' | '┃' | '║' | '|' | '｜' | '¦') || is_space(c)
}

/// A table's header row on one line (`│序号│重点任务│牵头单位│`, or `序号
/// 重点任务 牵头单位 …` run together): its labels, and the bytes from the
/// first to the last, when the line starts with the number column's label
/// and another column's label follows it, or (in a table without `序号`)
/// with the task column's label and a units column follows.
fn header_on_one_line(line: &str) -> Option<(Vec<&str>, std::ops::Range<usize>)> {
    let mut pieces = line
        .split(separates_labels)
        .filter(|piece| !piece.is_empty());
    let first = pieces.next()?;
    let numbered = match Role::of_label(first) {
        Role::Number => true,
        Role::Text => false,
        _ => return None,
    };
    let mut labels = vec![first];
    let mut units = false;
    for (piece, role) in pieces
        .map(|piece| (piece, Role::of_label(piece)))
        .take_while(|&(_, role)| role != Role::Other)
    {
        labels.push(piece);
        units |= matches!(role, Role::Units(_));
    }
    let last = labels.last().copied().unwrap_or(first);
    let span = grammar::offset_in(line, first)..grammar::offset_in(line, last) + last.len();
    (labels.len() >= 2 && (numbered || units)).then_some((labels, span))
}

#[cfg(test)]
mod tests;
