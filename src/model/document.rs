//! The whole document.

use std::borrow::Cow;

use super::{owned, Category, LineEnding, Task};
use crate::column::{Columns, UnitRole};
use crate::span::Span;

/// How a document lays out its tasks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Layout {
    /// A table extracted from Word: one cell per tab-led line, rows ended by
    /// blank lines, a header row naming the columns (the seed's form).
    #[default]
    Table,
    /// Numbered paragraphs under numbered headings, each task's units in a
    /// role clause (`（牵头单位：…，配合单位：…）`) or in label lines after it
    /// (`牵头单位：…`), often after a notice.
    List,
}

/// A whole document of the family: its title, for a table the columns read
/// from its header, and the numbered headings ([`Category`]) and tasks.
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
    pub(crate) layout: Layout,
    pub(crate) preamble: Preamble<'a>,
    pub(crate) header: Header<'a>,
    /// Tasks before the first heading (a document without headings).
    pub(crate) tasks: Vec<Task<'a>>,
    pub(crate) categories: Vec<Category<'a>>,
    pub(crate) trailer: Cow<'a, str>,
    pub(crate) line_ending: LineEnding,
    /// Whether the document says the first unit listed leads
    /// (`列第一位者为牵头单位`).
    pub(crate) first_listed_leads: bool,
}

/// What comes before the tasks: an optional label such as `附件：`, the title,
/// and in a list document the notice before the plan.
#[derive(Debug, Clone, Default)]
pub(crate) struct Preamble<'a> {
    pub(crate) raw: Option<Cow<'a, str>>,
    pub(crate) label: Option<Cow<'a, str>>,
    pub(crate) label_span: Option<Span>,
    pub(crate) title: Cow<'a, str>,
    pub(crate) title_span: Option<Span>,
}

/// A table's header row: the columns.
#[derive(Debug, Clone, Default)]
pub(crate) struct Header<'a> {
    pub(crate) raw: Option<Cow<'a, str>>,
    pub(crate) span: Option<Span>,
    pub(crate) columns: Columns<'a>,
}

impl<'a> Document<'a> {
    /// An empty table of the seed's layout, with a title and the two levels'
    /// place names, for example `("东疆重点任务清单和责任分工表", "滨海新区",
    /// "东疆")`. The columns are `序号`, `工作任务`, `{district}责任单位` and
    /// `{local}责任单位`, and the label line is `附件：`.
    pub fn new(title: impl Into<Cow<'a, str>>, district: &str, local: &str) -> Document<'a> {
        Document::with_columns(title, Columns::two_levels(district, local))
    }

    /// An empty table with a title and `columns`.
    ///
    /// ```
    /// use fengong::{Columns, Document};
    /// let doc = Document::with_columns("分工表", Columns::from_labels(["序号", "重点任务", "牵头单位", "配合单位"]));
    /// assert_eq!(doc.columns(), ["序号", "重点任务", "牵头单位", "配合单位"]);
    /// ```
    pub fn with_columns(title: impl Into<Cow<'a, str>>, columns: Columns<'a>) -> Document<'a> {
        Document {
            layout: Layout::Table,
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
            },
            tasks: Vec::new(),
            categories: Vec::new(),
            trailer: Cow::Borrowed(""),
            line_ending: LineEnding::Lf,
            first_listed_leads: false,
        }
    }

    /// An empty list document with a title and no label.
    ///
    /// ```
    /// let doc = fengong::Document::list("2023年重点工作任务分工方案");
    /// assert_eq!(doc.layout(), fengong::Layout::List);
    /// assert!(doc.columns().is_empty());
    /// ```
    pub fn list(title: impl Into<Cow<'a, str>>) -> Document<'a> {
        let mut doc = Document::with_columns(title, Columns::default());
        doc.layout = Layout::List;
        doc.preamble.label = None;
        doc
    }

    /// How the document lays out its tasks.
    pub fn layout(&self) -> Layout {
        self.layout
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

    /// The column labels of a table, in order (empty for a list document).
    pub fn columns(&self) -> Vec<&str> {
        self.header.columns.labels().collect()
    }

    /// The columns of a table, with their roles.
    pub fn header(&self) -> &Columns<'a> {
        &self.header.columns
    }

    /// Where each column label was read from.
    pub fn column_spans(&self) -> Vec<Option<Span>> {
        self.header.columns.iter().map(|c| c.span()).collect()
    }

    /// Where the header row was read from (all its cells).
    pub fn header_span(&self) -> Option<Span> {
        self.header.span
    }

    /// The place name of the district level of a two-level table, from its
    /// column label without the `责任单位` suffix: `滨海新区` (empty if the
    /// document has no levels).
    pub fn district_name(&self) -> &str {
        self.header.columns.place(UnitRole::District).unwrap_or("")
    }

    /// The place name of the local level: `东疆` (empty if the document has
    /// no levels).
    pub fn local_name(&self) -> &str {
        self.header.columns.place(UnitRole::Local).unwrap_or("")
    }

    /// Whether the document says that the first unit listed for a task
    /// leads it (`列第一位者为牵头单位`); its units are then read so.
    pub fn first_listed_leads(&self) -> bool {
        self.first_listed_leads
    }

    /// The top-level headings, in document order.
    pub fn categories(&self) -> &[Category<'a>] {
        &self.categories
    }

    /// Mutable access to the top-level headings, to edit them in place.
    /// Removing or reordering headings keeps each one's text.
    pub fn categories_mut(&mut self) -> &mut Vec<Category<'a>> {
        &mut self.categories
    }

    /// Appends a top-level heading at the end of the document.
    pub fn push_category(&mut self, category: Category<'a>) {
        self.categories.push(category);
    }

    /// The tasks before the first heading (in a document without headings,
    /// every task).
    pub fn root_tasks(&self) -> &[Task<'a>] {
        &self.tasks
    }

    /// Mutable access to the tasks before the first heading.
    pub fn root_tasks_mut(&mut self) -> &mut Vec<Task<'a>> {
        &mut self.tasks
    }

    /// Every task, in document order.
    pub fn tasks(&self) -> impl Iterator<Item = &Task<'a>> + '_ {
        self.tasks
            .iter()
            .chain(self.categories.iter().flat_map(Category::all_tasks))
    }

    /// Every heading at every level, in document order (a heading before
    /// the headings under it).
    pub fn all_categories(&self) -> Vec<&Category<'a>> {
        fn walk<'d, 'a>(categories: &'d [Category<'a>], out: &mut Vec<&'d Category<'a>>) {
            for c in categories {
                out.push(c);
                walk(&c.categories, out);
            }
        }
        let mut out = Vec::new();
        walk(&self.categories, &mut out);
        out
    }

    /// The first task numbered `number`, if any.
    pub fn task(&self, number: u32) -> Option<&Task<'a>> {
        self.tasks().find(|t| t.number == number)
    }

    /// Mutable access to the first task numbered `number`, if any.
    ///
    /// ```
    /// let text = std::fs::read_to_string("seeds/000_ecc403549f0e7389.txt").unwrap();
    /// let mut doc = fengong::parse(&text).unwrap();
    /// doc.task_mut(3).unwrap().set_text("新的任务。");
    /// assert_eq!(doc.task(3).unwrap().text(), "新的任务。");
    /// ```
    pub fn task_mut(&mut self, number: u32) -> Option<&mut Task<'a>> {
        fn find<'d, 'a>(
            categories: &'d mut [Category<'a>],
            number: u32,
        ) -> Option<&'d mut Task<'a>> {
            for c in categories {
                if let Some(i) = c.tasks.iter().position(|t| t.number == number) {
                    return c.tasks.get_mut(i);
                }
                if let Some(t) = find(&mut c.categories, number) {
                    return Some(t);
                }
            }
            None
        }
        if let Some(i) = self.tasks.iter().position(|t| t.number == number) {
            return self.tasks.get_mut(i);
        }
        find(&mut self.categories, number)
    }

    /// The first top-level heading numbered `number`, if any.
    pub fn category(&self, number: u32) -> Option<&Category<'a>> {
        self.categories
            .iter()
            .find(|c| c.is_numbered() && c.number == number)
    }

    /// Mutable access to the first top-level heading numbered `number`.
    pub fn category_mut(&mut self, number: u32) -> Option<&mut Category<'a>> {
        self.categories
            .iter_mut()
            .find(|c| c.is_numbered() && c.number == number)
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

    /// Sets the title. The preamble is then written canonically (its other
    /// lines, such as a notice, are dropped).
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

    /// Sets a table's columns; the header row is written anew.
    pub fn set_columns(&mut self, columns: Columns<'a>) {
        self.header.columns = columns;
        self.header.raw = None;
        self.header.span = None;
    }

    /// The trivia after the last task: stray spaces, blank lines, a page's
    /// footer, or (in a broken document) whatever could not be read.
    pub fn trailer(&self) -> &str {
        &self.trailer
    }

    /// The text before the tasks as it was read: label, title, and in a list
    /// document the notice before the plan (`None` once rewritten).
    pub fn preamble_text(&self) -> Option<&str> {
        self.preamble.raw.as_deref()
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
            layout: self.layout,
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
                columns: self.header.columns.into_owned(),
            },
            tasks: self.tasks.into_iter().map(Task::into_owned).collect(),
            categories: self
                .categories
                .into_iter()
                .map(Category::into_owned)
                .collect(),
            trailer: owned(self.trailer),
            line_ending: self.line_ending,
            first_listed_leads: self.first_listed_leads,
        }
    }
}

impl PartialEq for Document<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.preamble.title == other.preamble.title
            && self.preamble.label == other.preamble.label
            && self.header.columns == other.header.columns
            && self.tasks == other.tasks
            && self.categories == other.categories
    }
}

impl Eq for Document<'_> {}
