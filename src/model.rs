//! The typed document: [`Document`], [`Category`], [`Task`], [`UnitMapping`]
//! and [`Unit`].
//!
//! Every value borrows from the parsed text where it can (`Cow<'a, str>`), and
//! every parsed node keeps the exact text it came from, so that
//! [`Document`]'s `Display` writes the input back byte for byte. A node built
//! in code, or changed through a setter, has no source text for its changed
//! part and is written in the canonical layout instead (see [`crate::write`]).
//!
//! Equality (`==`) compares meaning only: titles, labels, numbers, texts and
//! unit names. Spans, trivia and layout are ignored, so a document equals its
//! canonical rewrite.

use std::borrow::Cow;

use crate::edit::Level;
use crate::numeral;
use crate::span::{Span, SpanSlot};

/// The line ending a document uses (the first one found in its text).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum LineEnding {
    /// `\n`
    #[default]
    Lf,
    /// `\r\n`, as written by Windows tools.
    CrLf,
    /// A lone `\r`, as written by classic Mac tools.
    Cr,
}

impl LineEnding {
    /// The line ending's characters.
    pub const fn as_str(self) -> &'static str {
        match self {
            LineEnding::Lf => "\n",
            LineEnding::CrLf => "\r\n",
            LineEnding::Cr => "\r",
        }
    }

    /// The first line ending in `text`, or `Lf` if it has none.
    pub fn detect(text: &str) -> LineEnding {
        let bytes = text.as_bytes();
        match memchr::memchr2(b'\n', b'\r', bytes) {
            Some(i) if bytes[i] == b'\r' => {
                if bytes.get(i + 1) == Some(&b'\n') {
                    LineEnding::CrLf
                } else {
                    LineEnding::Cr
                }
            }
            _ => LineEnding::Lf,
        }
    }
}

/// The text a parsed node was read from: the trivia before it (blank lines,
/// filler cells, anything skipped in a broken document), its *lead*, and its
/// own cells, its *body*. A missing part is written in the canonical layout.
///
/// A parsed node's lead and body lie side by side in the source, so they are
/// kept as one borrowed slice and the offset between them (24 bytes); only a
/// node whose text was edited keeps its two parts separately, boxed.
#[derive(Debug, Clone, Default)]
pub(crate) enum Repr<'a> {
    /// No text of its own: written canonically from the node's values.
    #[default]
    Canonical,
    /// Lead `raw[..split]` and body `raw[split..]`, as parsed.
    Parsed { raw: &'a str, split: u32 },
    /// Either part replaced (or dropped) by an edit.
    Edited(Box<Parts<'a>>),
}

/// A [`Repr`]'s two parts, once edited.
#[derive(Debug, Clone, Default)]
pub(crate) struct Parts<'a> {
    lead: Option<Cow<'a, str>>,
    body: Option<Cow<'a, str>>,
}

impl<'a> Repr<'a> {
    /// The text of a parsed node: lead `text[lead..body]`, body
    /// `text[body..end]` (offsets in order, on character boundaries).
    pub(crate) fn parsed(text: &'a str, lead: usize, body: usize, end: usize) -> Repr<'a> {
        let raw = text.get(lead..end).unwrap_or("");
        match body.checked_sub(lead).map(u32::try_from) {
            Some(Ok(split)) if raw.is_char_boundary(split as usize) => Repr::Parsed { raw, split },
            _ => Repr::separate(
                text.get(lead..body).unwrap_or(""),
                text.get(body..end).unwrap_or(""),
            ),
        }
    }

    fn separate(lead: &'a str, body: &'a str) -> Repr<'a> {
        Repr::Edited(Box::new(Parts {
            lead: Some(Cow::Borrowed(lead)),
            body: Some(Cow::Borrowed(body)),
        }))
    }

    /// The trivia before the node, if it has its own.
    pub(crate) fn lead(&self) -> Option<&str> {
        match self {
            Repr::Canonical => None,
            Repr::Parsed { raw, split } => raw.get(..*split as usize),
            Repr::Edited(parts) => parts.lead.as_deref(),
        }
    }

    /// The node's own text, if it has its own.
    pub(crate) fn body(&self) -> Option<&str> {
        match self {
            Repr::Canonical => None,
            Repr::Parsed { raw, split } => raw.get(*split as usize..),
            Repr::Edited(parts) => parts.body.as_deref(),
        }
    }

    /// Changes the parts with `edit`, splitting a parsed text in two first.
    fn edit(&mut self, edit: impl FnOnce(&mut Parts<'a>)) {
        let mut parts = match std::mem::take(self) {
            Repr::Edited(parts) => parts,
            Repr::Parsed { raw, split } => {
                let (lead, body) = raw.split_at_checked(split as usize).unwrap_or((raw, ""));
                Box::new(Parts {
                    lead: Some(Cow::Borrowed(lead)),
                    body: Some(Cow::Borrowed(body)),
                })
            }
            Repr::Canonical => Box::default(),
        };
        edit(&mut parts);
        *self = Repr::Edited(parts);
    }

    /// Replaces the lead (`None`: the canonical separator).
    pub(crate) fn set_lead(&mut self, lead: Option<Cow<'a, str>>) {
        self.edit(|parts| parts.lead = lead);
    }

    /// Replaces the body (`None`: written canonically).
    pub(crate) fn set_body(&mut self, body: Option<Cow<'a, str>>) {
        self.edit(|parts| parts.body = body);
    }

    fn into_owned(self) -> Repr<'static> {
        match self {
            Repr::Canonical => Repr::Canonical,
            repr => Repr::Edited(Box::new(Parts {
                lead: repr.lead().map(|l| Cow::Owned(l.to_string())),
                body: repr.body().map(|b| Cow::Owned(b.to_string())),
            })),
        }
    }
}

pub(crate) fn owned(text: Cow<'_, str>) -> Cow<'static, str> {
    Cow::Owned(text.into_owned())
}

/// A whole 重点任务清单和责任分工表: its title, the table's column labels and
/// the numbered categories of numbered tasks.
///
/// Get one from [`crate::parse`] (borrowing from the text), from JSON through
/// serde, or build one in code:
///
/// ```
/// use fengong::{Category, Document, Task, UnitMapping};
///
/// let mut doc = Document::new("东疆重点任务清单和责任分工表", "滨海新区", "东疆");
/// let mut category = Category::new(1, "加大援企稳岗力度");
/// category.push_task(Task::new(
///     1,
///     "继续阶段性降低本市失业保险缴费费率。",
///     UnitMapping::new(["区人社局"], ["人社局"]),
/// ));
/// doc.push_category(category);
///
/// let text = doc.to_string();
/// assert!(text.contains("\t（一）加大援企稳岗力度\n"));
/// assert_eq!(fengong::parse(&text).unwrap(), doc);
/// ```
#[derive(Debug, Clone)]
pub struct Document<'a> {
    pub(crate) preamble: Preamble<'a>,
    pub(crate) header: Header<'a>,
    pub(crate) categories: Vec<Category<'a>>,
    pub(crate) trailer: Cow<'a, str>,
    pub(crate) line_ending: LineEnding,
}

/// The lines before the table: an optional label such as `附件：` and the
/// title.
#[derive(Debug, Clone, Default)]
pub(crate) struct Preamble<'a> {
    pub(crate) raw: Option<Cow<'a, str>>,
    pub(crate) label: Option<Cow<'a, str>>,
    pub(crate) label_span: Option<Span>,
    pub(crate) title: Cow<'a, str>,
    pub(crate) title_span: Option<Span>,
}

/// The table's header row: four column labels.
#[derive(Debug, Clone)]
pub(crate) struct Header<'a> {
    pub(crate) raw: Option<Cow<'a, str>>,
    pub(crate) span: Option<Span>,
    pub(crate) columns: [Cow<'a, str>; 4],
    pub(crate) column_spans: [Option<Span>; 4],
}

/// The label of the number column in every document of the family.
pub const NUMBER_LABEL: &str = "序号";
/// The usual label of the task column.
pub const TASK_LABEL: &str = "工作任务";
/// What the two responsibility column labels end with.
pub const UNITS_SUFFIX: &str = "责任单位";

impl<'a> Document<'a> {
    /// An empty document with a title and the two zones' names, for example
    /// `("东疆重点任务清单和责任分工表", "滨海新区", "东疆")`. The columns are
    /// `序号`, `工作任务`, `{district}责任单位` and `{local}责任单位`, and the
    /// label line is `附件：`.
    pub fn new(title: impl Into<Cow<'a, str>>, district: &str, local: &str) -> Document<'a> {
        Document::with_columns(
            title,
            [
                Cow::Borrowed(NUMBER_LABEL),
                Cow::Borrowed(TASK_LABEL),
                Cow::Owned(format!("{district}{UNITS_SUFFIX}")),
                Cow::Owned(format!("{local}{UNITS_SUFFIX}")),
            ],
        )
    }

    /// An empty document with a title and four explicit column labels.
    pub fn with_columns(
        title: impl Into<Cow<'a, str>>,
        columns: [Cow<'a, str>; 4],
    ) -> Document<'a> {
        Document {
            preamble: Preamble {
                raw: None,
                label: Some(Cow::Borrowed("附件：")),
                label_span: None,
                title: title.into(),
                title_span: None,
            },
            header: Header {
                raw: None,
                span: None,
                columns,
                column_spans: [None; 4],
            },
            categories: Vec::new(),
            trailer: Cow::Borrowed(""),
            line_ending: LineEnding::Lf,
        }
    }

    /// The title, e.g. `东疆重点任务清单和责任分工表`; a title split over
    /// several lines is joined with nothing.
    pub fn title(&self) -> &str {
        &self.preamble.title
    }

    /// Where the title was read from.
    pub fn title_span(&self) -> Option<Span> {
        self.preamble.title_span
    }

    /// The label line before the title, e.g. `附件：`, if there is one.
    pub fn label(&self) -> Option<&str> {
        self.preamble.label.as_deref()
    }

    /// Where the label was read from.
    pub fn label_span(&self) -> Option<Span> {
        self.preamble.label_span
    }

    /// The four column labels, wrapped labels joined with nothing:
    /// `["序号", "工作任务", "滨海新区责任单位", "东疆责任单位"]`.
    pub fn columns(&self) -> [&str; 4] {
        let c = &self.header.columns;
        [&c[0], &c[1], &c[2], &c[3]]
    }

    /// Where each column label was read from.
    pub fn column_spans(&self) -> [Option<Span>; 4] {
        self.header.column_spans
    }

    /// Where the header row was read from (all four cells).
    pub fn header_span(&self) -> Option<Span> {
        self.header.span
    }

    /// The name of the district level, from the third column label without
    /// its `责任单位` suffix: `滨海新区`.
    pub fn district_name(&self) -> &str {
        zone_name(&self.header.columns[2])
    }

    /// The name of the local level, from the fourth column label without its
    /// `责任单位` suffix: `东疆`.
    pub fn local_name(&self) -> &str {
        zone_name(&self.header.columns[3])
    }

    /// The categories, in document order.
    pub fn categories(&self) -> &[Category<'a>] {
        &self.categories
    }

    /// Mutable access to the categories, to edit them in place. Removing or
    /// reordering categories keeps each one's text; see [`crate::write`].
    pub fn categories_mut(&mut self) -> &mut Vec<Category<'a>> {
        &mut self.categories
    }

    /// Appends a category at the end of the document.
    pub fn push_category(&mut self, category: Category<'a>) {
        self.categories.push(category);
    }

    /// Every task of every category, in document order.
    pub fn tasks(&self) -> impl Iterator<Item = &Task<'a>> + '_ {
        self.categories.iter().flat_map(|c| c.tasks.iter())
    }

    /// The first task numbered `number`, if any.
    pub fn task(&self, number: u32) -> Option<&Task<'a>> {
        self.tasks().find(|t| t.number == number)
    }

    /// The first category numbered `number`, if any.
    pub fn category(&self, number: u32) -> Option<&Category<'a>> {
        self.categories.iter().find(|c| c.number == number)
    }

    /// The line ending the document's text uses (new parts are written with
    /// it).
    pub fn line_ending(&self) -> LineEnding {
        self.line_ending
    }

    /// Sets the line ending used for parts written anew.
    pub fn set_line_ending(&mut self, line_ending: LineEnding) {
        self.line_ending = line_ending;
    }

    /// Sets the title. The title line is rewritten; the rest of the preamble
    /// keeps its text only when the document is written canonically.
    pub fn set_title(&mut self, title: impl Into<Cow<'a, str>>) {
        self.preamble.title = title.into();
        self.preamble.raw = None;
        self.preamble.title_span = None;
    }

    /// Sets the label line before the title (`附件：`), or removes it.
    pub fn set_label(&mut self, label: Option<Cow<'a, str>>) {
        self.preamble.label = label;
        self.preamble.raw = None;
        self.preamble.label_span = None;
    }

    /// Sets the four column labels.
    pub fn set_columns(&mut self, columns: [Cow<'a, str>; 4]) {
        self.header.columns = columns;
        self.header.raw = None;
        self.header.column_spans = [None; 4];
    }

    /// The trivia after the last cell: stray spaces, blank lines, or (in a
    /// broken document) whatever could not be read.
    pub fn trailer(&self) -> &str {
        &self.trailer
    }

    /// Copies every borrowed string, so the document no longer borrows from
    /// the text it was parsed from.
    ///
    /// ```
    /// let text = std::fs::read_to_string("seeds/000_ecc403549f0e7389.txt").unwrap();
    /// let doc: fengong::Document<'static> = fengong::parse(&text).unwrap().into_owned();
    /// drop(text);
    /// assert_eq!(doc.tasks().count(), 72);
    /// ```
    pub fn into_owned(self) -> Document<'static> {
        Document {
            preamble: Preamble {
                raw: self.preamble.raw.map(owned),
                label: self.preamble.label.map(owned),
                label_span: self.preamble.label_span,
                title: owned(self.preamble.title),
                title_span: self.preamble.title_span,
            },
            header: Header {
                raw: self.header.raw.map(owned),
                span: self.header.span,
                columns: self.header.columns.map(owned),
                column_spans: self.header.column_spans,
            },
            categories: self
                .categories
                .into_iter()
                .map(Category::into_owned)
                .collect(),
            trailer: owned(self.trailer),
            line_ending: self.line_ending,
        }
    }
}

fn zone_name(label: &str) -> &str {
    label.strip_suffix(UNITS_SUFFIX).unwrap_or(label)
}

impl PartialEq for Document<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.preamble.title == other.preamble.title
            && self.preamble.label == other.preamble.label
            && self.header.columns == other.header.columns
            && self.categories == other.categories
    }
}

impl Eq for Document<'_> {}

/// A numbered group of tasks, headed by a cell such as `（一）加大援企稳岗力度`.
#[derive(Debug, Clone)]
pub struct Category<'a> {
    pub(crate) repr: Repr<'a>,
    pub(crate) span: SpanSlot,
    pub(crate) number: u32,
    pub(crate) numeral: Cow<'a, str>,
    pub(crate) numeral_span: SpanSlot,
    pub(crate) title: Cow<'a, str>,
    pub(crate) title_span: SpanSlot,
    pub(crate) tasks: Vec<Task<'a>>,
}

impl<'a> Category<'a> {
    /// A category numbered `number` (its numeral is the standard Chinese one:
    /// `二十八` for 28) with a title and no tasks.
    ///
    /// ```
    /// let category = fengong::Category::new(11, "支持灵活就业和新就业形态");
    /// assert_eq!(category.numeral(), "十一");
    /// ```
    pub fn new(number: u32, title: impl Into<Cow<'a, str>>) -> Category<'a> {
        Category {
            repr: Repr::Canonical,
            span: SpanSlot::NONE,
            number,
            numeral: Cow::Owned(numeral::to_chinese(number)),
            numeral_span: SpanSlot::NONE,
            title: title.into(),
            title_span: SpanSlot::NONE,
            tasks: Vec::new(),
        }
    }

    /// The category's number, the value of its numeral: 11 for `（十一）`.
    pub fn number(&self) -> u32 {
        self.number
    }

    /// The numeral as written, without parentheses: `十一`.
    pub fn numeral(&self) -> &str {
        &self.numeral
    }

    /// The title, lines of a wrapped heading joined with nothing:
    /// `挖掘内需带动就业`.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The tasks of this category, in document order.
    pub fn tasks(&self) -> &[Task<'a>] {
        &self.tasks
    }

    /// Mutable access to the tasks.
    pub fn tasks_mut(&mut self) -> &mut Vec<Task<'a>> {
        &mut self.tasks
    }

    /// Appends a task to this category.
    pub fn push_task(&mut self, task: Task<'a>) {
        self.tasks.push(task);
    }

    /// Where the heading cell was read from (the whole cell, wrapped lines
    /// included).
    pub fn span(&self) -> Option<Span> {
        self.span.get()
    }

    /// Where the numeral was read from.
    pub fn numeral_span(&self) -> Option<Span> {
        self.numeral_span.get()
    }

    /// Where the title was read from (first to last character).
    pub fn title_span(&self) -> Option<Span> {
        self.title_span.get()
    }

    /// Copies every borrowed string.
    pub fn into_owned(self) -> Category<'static> {
        Category {
            repr: self.repr.into_owned(),
            span: self.span,
            number: self.number,
            numeral: owned(self.numeral),
            numeral_span: self.numeral_span,
            title: owned(self.title),
            title_span: self.title_span,
            tasks: self.tasks.into_iter().map(Task::into_owned).collect(),
        }
    }
}

impl PartialEq for Category<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.number == other.number
            && self.numeral == other.numeral
            && self.title == other.title
            && self.tasks == other.tasks
    }
}

impl Eq for Category<'_> {}

/// One numbered task: its text and the units responsible for it.
#[derive(Debug, Clone)]
pub struct Task<'a> {
    pub(crate) repr: Repr<'a>,
    /// The four cells' spans; all of them, or none.
    pub(crate) cells: [SpanSlot; 4],
    pub(crate) number: u32,
    pub(crate) text_span: SpanSlot,
    pub(crate) text: Cow<'a, str>,
    pub(crate) units: UnitMapping<'a>,
}

impl<'a> Task<'a> {
    /// A task with a number, a text and its units.
    pub fn new(number: u32, text: impl Into<Cow<'a, str>>, units: UnitMapping<'a>) -> Task<'a> {
        Task {
            repr: Repr::Canonical,
            cells: [SpanSlot::NONE; 4],
            number,
            text_span: SpanSlot::NONE,
            text: text.into(),
            units,
        }
    }

    /// The task's number, as written in its first cell.
    pub fn number(&self) -> u32 {
        self.number
    }

    /// The task text: clean of tabs, surrounding spaces and extraction
    /// artifacts such as `[bookmark: RANGE!C44]`; a text that spans several
    /// lines keeps its line breaks as `\n`.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The units responsible for the task, at both levels.
    pub fn units(&self) -> &UnitMapping<'a> {
        &self.units
    }

    /// Where the task's four cells were read from (from the first cell's
    /// tab to the end of the last).
    pub fn span(&self) -> Option<Span> {
        self.cell_spans().map(|c| Span::new(c[0].start, c[3].end))
    }

    /// Where each of the four cells (number, text, district units, local
    /// units) was read from, each including its leading tab and line endings.
    pub fn cell_spans(&self) -> Option<[Span; 4]> {
        let [a, b, c, d] = self.cells.map(SpanSlot::get);
        Some([a?, b?, c?, d?])
    }

    /// Where the text was read from (first to last character).
    pub fn text_span(&self) -> Option<Span> {
        self.text_span.get()
    }

    /// Copies every borrowed string.
    pub fn into_owned(self) -> Task<'static> {
        Task {
            repr: self.repr.into_owned(),
            cells: self.cells,
            number: self.number,
            text_span: self.text_span,
            text: owned(self.text),
            units: self.units.into_owned(),
        }
    }
}

impl PartialEq for Task<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.number == other.number && self.text == other.text && self.units == other.units
    }
}

impl Eq for Task<'_> {}

/// The units responsible for one task: at the district level (the third
/// column, e.g. 滨海新区) and at the local level (the fourth, e.g. 东疆).
///
/// ```
/// use fengong::UnitMapping;
/// let units = UnitMapping::new(["区人社局", "区财政局"], ["人社局"]);
/// assert_eq!(units.district_names().collect::<Vec<_>>(), ["区人社局", "区财政局"]);
/// assert_eq!(units.local()[0], "人社局");
/// ```
#[derive(Clone, Default, PartialEq, Eq)]
pub struct UnitMapping<'a> {
    /// The district-level units, then the local-level ones: one allocation
    /// per task instead of two.
    pub(crate) units: Vec<Unit<'a>>,
    /// How many of `units` are district-level.
    pub(crate) split: usize,
}

impl<'a> UnitMapping<'a> {
    /// Units from two lists of names.
    pub fn new<D, L>(district: D, local: L) -> UnitMapping<'a>
    where
        D: IntoIterator,
        D::Item: Into<Cow<'a, str>>,
        L: IntoIterator,
        L::Item: Into<Cow<'a, str>>,
    {
        let mut units: Vec<Unit<'a>> = district.into_iter().map(Unit::new).collect();
        let split = units.len();
        units.extend(local.into_iter().map(Unit::new));
        UnitMapping { units, split }
    }

    /// The district-level units, in the order written.
    pub fn district(&self) -> &[Unit<'a>] {
        self.units.get(..self.split).unwrap_or(&[])
    }

    /// The local-level units, in the order written.
    pub fn local(&self) -> &[Unit<'a>] {
        self.units.get(self.split..).unwrap_or(&[])
    }

    /// The district-level unit names.
    pub fn district_names(&self) -> impl Iterator<Item = &str> + '_ {
        self.district().iter().map(Unit::name)
    }

    /// The local-level unit names.
    pub fn local_names(&self) -> impl Iterator<Item = &str> + '_ {
        self.local().iter().map(Unit::name)
    }

    /// The units of one level.
    pub(crate) fn level(&self, level: Level) -> &[Unit<'a>] {
        match level {
            Level::District => self.district(),
            Level::Local => self.local(),
        }
    }

    /// Mutable access to the units of one level.
    pub(crate) fn level_mut(&mut self, level: Level) -> &mut [Unit<'a>] {
        let split = self.split.min(self.units.len());
        let (district, local) = self.units.split_at_mut(split);
        match level {
            Level::District => district,
            Level::Local => local,
        }
    }

    /// Replaces the units of one level.
    pub(crate) fn set_level(&mut self, level: Level, units: Vec<Unit<'a>>) {
        let split = self.split.min(self.units.len());
        match level {
            Level::District => {
                self.split = units.len();
                self.units.splice(..split, units);
            }
            Level::Local => {
                self.units.truncate(split);
                self.units.extend(units);
            }
        }
    }

    /// All units, district level first.
    pub(crate) fn all_mut(&mut self) -> &mut [Unit<'a>] {
        &mut self.units
    }

    /// Copies every borrowed string.
    pub fn into_owned(self) -> UnitMapping<'static> {
        UnitMapping {
            units: self.units.into_iter().map(Unit::into_owned).collect(),
            split: self.split,
        }
    }
}

impl std::fmt::Debug for UnitMapping<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UnitMapping")
            .field("district", &self.district())
            .field("local", &self.local())
            .finish()
    }
}

/// One responsible unit's name, e.g. `区人社局` or `各街镇（开发区、园区）`, and
/// where it was read from.
///
/// Units compare equal by name; a `Unit` also compares with `str`.
#[derive(Clone)]
pub struct Unit<'a> {
    pub(crate) name: Cow<'a, str>,
    pub(crate) span: SpanSlot,
}

impl<'a> Unit<'a> {
    /// A unit with a name and no source position.
    pub fn new(name: impl Into<Cow<'a, str>>) -> Unit<'a> {
        Unit {
            name: name.into(),
            span: SpanSlot::NONE,
        }
    }

    /// The unit's name, without separators or surrounding spaces.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Where the name was read from.
    pub fn span(&self) -> Option<Span> {
        self.span.get()
    }

    /// Copies the name if it is borrowed.
    pub fn into_owned(self) -> Unit<'static> {
        Unit {
            name: owned(self.name),
            span: self.span,
        }
    }
}

impl PartialEq for Unit<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Eq for Unit<'_> {}

impl PartialEq<str> for Unit<'_> {
    fn eq(&self, other: &str) -> bool {
        self.name == other
    }
}

impl PartialEq<&str> for Unit<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.name == *other
    }
}

impl std::fmt::Debug for Unit<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Unit")
            .field("name", &self.name)
            .field("span", &self.span())
            .finish()
    }
}

impl std::fmt::Display for Unit<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name)
    }
}

impl AsRef<str> for Unit<'_> {
    fn as_ref(&self) -> &str {
        &self.name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_parsed_repr_keeps_its_parts_through_edits() {
        let text = "\n\n\t1\n\t任务\n";
        let mut repr = Repr::parsed(text, 0, 2, text.len());
        assert!(matches!(repr, Repr::Parsed { .. }));
        assert_eq!(repr.lead(), Some("\n\n"));
        assert_eq!(repr.body(), Some("\t1\n\t任务\n"));
        repr.set_body(Some(Cow::Borrowed("\t2\n")));
        assert_eq!(repr.lead(), Some("\n\n"));
        assert_eq!(repr.body(), Some("\t2\n"));
        let mut other = Repr::parsed(text, 0, 2, text.len());
        other.set_lead(None);
        assert_eq!((other.lead(), other.body()), (None, Some("\t1\n\t任务\n")));
        let owned = Repr::parsed(text, 1, 2, text.len()).into_owned();
        assert_eq!(
            (owned.lead(), owned.body()),
            (Some("\n"), Some("\t1\n\t任务\n"))
        );
        // Offsets out of order (never from the parser) keep the body whole.
        let odd = Repr::parsed(text, 3, 2, text.len());
        assert_eq!((odd.lead(), odd.body()), (Some(""), Some("\t1\n\t任务\n")));
        let mut canonical = Repr::Canonical;
        canonical.set_lead(Some(Cow::Borrowed("\n")));
        assert_eq!((canonical.lead(), canonical.body()), (Some("\n"), None));
    }

    #[test]
    fn unit_levels_share_one_list() {
        let mut units = UnitMapping::new(["区人社局", "区财政局"], ["人社局"]);
        units.set_level(Level::District, vec![Unit::new("区发改委")]);
        assert_eq!(units, UnitMapping::new(["区发改委"], ["人社局"]));
        units.set_level(Level::Local, vec![Unit::new("经改局"), Unit::new("财政局")]);
        assert_eq!(units.district(), ["区发改委"]);
        assert_eq!(units.local(), ["经改局", "财政局"]);
        units.level_mut(Level::Local)[1].name = Cow::Borrowed("金融局");
        assert_eq!(units.level(Level::Local), ["经改局", "金融局"]);
        // Equal lists at each level, not just the same names in a row.
        assert_ne!(
            UnitMapping::new(["a", "b"], ["c"]),
            UnitMapping::new(["a"], ["b", "c"])
        );
        assert_eq!(
            format!("{:?}", UnitMapping::new(["a"], ["b"])),
            r#"UnitMapping { district: [Unit { name: "a", span: None }], local: [Unit { name: "b", span: None }] }"#
        );
    }

    /// The model's size decides the memory a large document takes (a
    /// 100 MB document has about 320,000 tasks and 1.1 million units).
    #[test]
    #[cfg(target_pointer_width = "64")]
    fn nodes_stay_small() {
        assert_eq!(std::mem::size_of::<Repr<'_>>(), 24);
        assert_eq!(std::mem::size_of::<Unit<'_>>(), 32);
        assert_eq!(std::mem::size_of::<UnitMapping<'_>>(), 32);
        assert!(std::mem::size_of::<Task<'_>>() <= 128);
    }
}
