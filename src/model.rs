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

use crate::numeral;
use crate::span::Span;

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
/// filler cells, anything skipped in a broken document) and its own cells.
/// `None` parts are written in the canonical layout.
#[derive(Debug, Clone, Default)]
pub(crate) struct Repr<'a> {
    pub(crate) lead: Option<Cow<'a, str>>,
    pub(crate) body: Option<Cow<'a, str>>,
}

impl<'a> Repr<'a> {
    pub(crate) fn parsed(lead: &'a str, body: &'a str) -> Repr<'a> {
        Repr {
            lead: Some(Cow::Borrowed(lead)),
            body: Some(Cow::Borrowed(body)),
        }
    }

    fn into_owned(self) -> Repr<'static> {
        Repr {
            lead: self.lead.map(owned),
            body: self.body.map(owned),
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
    pub(crate) repr: Option<Repr<'a>>,
    pub(crate) span: Option<Span>,
    pub(crate) number: u32,
    pub(crate) numeral: Cow<'a, str>,
    pub(crate) numeral_span: Option<Span>,
    pub(crate) title: Cow<'a, str>,
    pub(crate) title_span: Option<Span>,
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
            repr: None,
            span: None,
            number,
            numeral: Cow::Owned(numeral::to_chinese(number)),
            numeral_span: None,
            title: title.into(),
            title_span: None,
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
        self.span
    }

    /// Where the numeral was read from.
    pub fn numeral_span(&self) -> Option<Span> {
        self.numeral_span
    }

    /// Where the title was read from (first to last character).
    pub fn title_span(&self) -> Option<Span> {
        self.title_span
    }

    /// Copies every borrowed string.
    pub fn into_owned(self) -> Category<'static> {
        Category {
            repr: self.repr.map(Repr::into_owned),
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
    pub(crate) repr: Option<Repr<'a>>,
    pub(crate) cells: Option<[Span; 4]>,
    pub(crate) number: u32,
    pub(crate) text: Cow<'a, str>,
    pub(crate) text_span: Option<Span>,
    pub(crate) units: UnitMapping<'a>,
}

impl<'a> Task<'a> {
    /// A task with a number, a text and its units.
    pub fn new(number: u32, text: impl Into<Cow<'a, str>>, units: UnitMapping<'a>) -> Task<'a> {
        Task {
            repr: None,
            cells: None,
            number,
            text: text.into(),
            text_span: None,
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
        self.cells.map(|c| Span::new(c[0].start, c[3].end))
    }

    /// Where each of the four cells (number, text, district units, local
    /// units) was read from, each including its leading tab and line endings.
    pub fn cell_spans(&self) -> Option<[Span; 4]> {
        self.cells
    }

    /// Where the text was read from (first to last character).
    pub fn text_span(&self) -> Option<Span> {
        self.text_span
    }

    /// Copies every borrowed string.
    pub fn into_owned(self) -> Task<'static> {
        Task {
            repr: self.repr.map(Repr::into_owned),
            cells: self.cells,
            number: self.number,
            text: owned(self.text),
            text_span: self.text_span,
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
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnitMapping<'a> {
    pub(crate) district: Vec<Unit<'a>>,
    pub(crate) local: Vec<Unit<'a>>,
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
        UnitMapping {
            district: district.into_iter().map(Unit::new).collect(),
            local: local.into_iter().map(Unit::new).collect(),
        }
    }

    /// The district-level units, in the order written.
    pub fn district(&self) -> &[Unit<'a>] {
        &self.district
    }

    /// The local-level units, in the order written.
    pub fn local(&self) -> &[Unit<'a>] {
        &self.local
    }

    /// The district-level unit names.
    pub fn district_names(&self) -> impl Iterator<Item = &str> + '_ {
        self.district.iter().map(Unit::name)
    }

    /// The local-level unit names.
    pub fn local_names(&self) -> impl Iterator<Item = &str> + '_ {
        self.local.iter().map(Unit::name)
    }

    /// Copies every borrowed string.
    pub fn into_owned(self) -> UnitMapping<'static> {
        UnitMapping {
            district: self.district.into_iter().map(Unit::into_owned).collect(),
            local: self.local.into_iter().map(Unit::into_owned).collect(),
        }
    }
}

/// One responsible unit's name, e.g. `区人社局` or `各街镇（开发区、园区）`, and
/// where it was read from.
///
/// Units compare equal by name; a `Unit` also compares with `str`.
#[derive(Debug, Clone)]
pub struct Unit<'a> {
    pub(crate) name: Cow<'a, str>,
    pub(crate) span: Option<Span>,
}

impl<'a> Unit<'a> {
    /// A unit with a name and no source position.
    pub fn new(name: impl Into<Cow<'a, str>>) -> Unit<'a> {
        Unit {
            name: name.into(),
            span: None,
        }
    }

    /// The unit's name, without separators or surrounding spaces.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Where the name was read from.
    pub fn span(&self) -> Option<Span> {
        self.span
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
