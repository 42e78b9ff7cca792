//! One numbered task.

use std::borrow::Cow;

use super::{owned, Repr, Unit, UnitMapping};
use crate::column::Role;
use crate::span::{Span, SpanSlot};

/// One numbered task: its text, the units by role, and where the document
/// says so, the leaders in charge, a deadline and remarks.
///
/// ```
/// use fengong::{Task, UnitMapping, UnitRole};
///
/// let task = Task::new(2, "战略性主导产业紧缺人才开发项目。", UnitMapping::default()
///     .with(UnitRole::Lead, ["市发展改革委"]))
///     .with_leaders(["张三"])
///     .with_deadline("2023年底前");
/// assert_eq!(task.deadline(), Some("2023年底前"));
/// assert_eq!(task.leader_names().collect::<Vec<_>>(), ["张三"]);
/// ```
#[derive(Debug, Clone)]
pub struct Task<'a> {
    pub(crate) repr: Repr<'a>,
    /// From the start of the task's first cell (or its paragraph) to the
    /// end of its last.
    pub(crate) span: SpanSlot,
    pub(crate) number: u32,
    pub(crate) number_span: SpanSlot,
    pub(crate) text_span: SpanSlot,
    pub(crate) text: Cow<'a, str>,
    pub(crate) units: UnitMapping<'a>,
    /// What few tasks have: kept apart so that a task of the seed's layout
    /// stays small.
    pub(crate) extras: Option<Box<Extras<'a>>>,
    /// How the task's text is laid out, for edits of parsed tasks.
    pub(crate) shape: Shape,
}

/// How a parsed task's own text is laid out: a list paragraph, or a table
/// row with the role of each cell (up to eight), so that an edit finds the
/// cell it changes without the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Shape {
    pub(crate) kind: ShapeKind,
    /// The role of each cell of a table row, in column order.
    roles: [Option<Role>; MAX_CELLS],
}

/// Which layout a parsed task comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum ShapeKind {
    /// Built in code, or a table of more columns than a shape holds.
    #[default]
    Unknown,
    /// A row of a table.
    Row,
    /// A paragraph of a list.
    Paragraph,
}

/// The most cells a [`Shape`] describes.
const MAX_CELLS: usize = 8;

impl Shape {
    /// The shape of a table's rows with these column roles.
    pub(crate) fn row(roles: &[Role]) -> Shape {
        if roles.len() > MAX_CELLS {
            return Shape::default();
        }
        let mut shape = Shape {
            kind: ShapeKind::Row,
            roles: [None; MAX_CELLS],
        };
        for (slot, role) in shape.roles.iter_mut().zip(roles) {
            *slot = Some(*role);
        }
        shape
    }

    /// The shape of a list's paragraphs.
    pub(crate) fn paragraph() -> Shape {
        Shape {
            kind: ShapeKind::Paragraph,
            roles: [None; MAX_CELLS],
        }
    }

    /// The roles of a row's cells.
    pub(crate) fn roles(&self) -> impl Iterator<Item = Role> + '_ {
        self.roles.iter().map_while(|r| *r)
    }

    /// The cell holding `role`.
    pub(crate) fn cell_of(&self, role: Role) -> Option<usize> {
        self.roles().position(|r| r == role)
    }
}

/// A task's leaders, deadline, remarks and cells of unknown columns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Extras<'a> {
    pub(crate) leaders: Vec<Unit<'a>>,
    pub(crate) deadline: Option<Field<'a>>,
    pub(crate) remarks: Option<Field<'a>>,
    /// The text of each column of unknown role: its index and label.
    pub(crate) other: Vec<(usize, Cow<'a, str>, Field<'a>)>,
}

/// A text value and where it was read from.
#[derive(Debug, Clone)]
pub(crate) struct Field<'a> {
    pub(crate) text: Cow<'a, str>,
    pub(crate) span: SpanSlot,
}

impl<'a> Field<'a> {
    pub(crate) fn new(text: impl Into<Cow<'a, str>>) -> Field<'a> {
        Field {
            text: text.into(),
            span: SpanSlot::NONE,
        }
    }

    fn into_owned(self) -> Field<'static> {
        Field {
            text: owned(self.text),
            span: self.span,
        }
    }
}

impl PartialEq for Field<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl Eq for Field<'_> {}

impl<'a> Extras<'a> {
    fn is_empty(&self) -> bool {
        self.leaders.is_empty()
            && self.deadline.is_none()
            && self.remarks.is_none()
            && self.other.is_empty()
    }

    fn into_owned(self) -> Extras<'static> {
        Extras {
            leaders: self.leaders.into_iter().map(Unit::into_owned).collect(),
            deadline: self.deadline.map(Field::into_owned),
            remarks: self.remarks.map(Field::into_owned),
            other: self
                .other
                .into_iter()
                .map(|(i, label, f)| (i, owned(label), f.into_owned()))
                .collect(),
        }
    }
}

impl<'a> Task<'a> {
    /// A task with a number, a text and its units.
    pub fn new(number: u32, text: impl Into<Cow<'a, str>>, units: UnitMapping<'a>) -> Task<'a> {
        Task {
            repr: Repr::Canonical,
            span: SpanSlot::NONE,
            number,
            number_span: SpanSlot::NONE,
            text_span: SpanSlot::NONE,
            text: text.into(),
            units,
            extras: None,
            shape: Shape::default(),
        }
    }

    /// This task with the leaders in charge named `names`.
    pub fn with_leaders<I>(mut self, names: I) -> Task<'a>
    where
        I: IntoIterator,
        I::Item: Into<Cow<'a, str>>,
    {
        self.extras_mut().leaders = names.into_iter().map(Unit::new).collect();
        self.tidy_extras();
        self
    }

    /// This task with a deadline, such as `2023年底前`.
    pub fn with_deadline(mut self, deadline: impl Into<Cow<'a, str>>) -> Task<'a> {
        self.extras_mut().deadline = Some(Field::new(deadline));
        self
    }

    /// This task with remarks.
    pub fn with_remarks(mut self, remarks: impl Into<Cow<'a, str>>) -> Task<'a> {
        self.extras_mut().remarks = Some(Field::new(remarks));
        self
    }

    pub(crate) fn extras_mut(&mut self) -> &mut Extras<'a> {
        self.extras.get_or_insert_with(Box::default)
    }

    /// Drops the extras if they hold nothing.
    pub(crate) fn tidy_extras(&mut self) {
        if self.extras.as_deref().is_some_and(Extras::is_empty) {
            self.extras = None;
        }
    }

    /// The task's number, as written.
    pub fn number(&self) -> u32 {
        self.number
    }

    /// The task text: without its number, its role clause, tabs,
    /// surrounding spaces and extraction artifacts such as `[bookmark:
    /// RANGE!C44]`; the lines of a text that wraps (a table cell over
    /// several lines, a paragraph of a list) are trimmed and joined with
    /// nothing.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The units of the task, by role.
    pub fn units(&self) -> &UnitMapping<'a> {
        &self.units
    }

    /// The leaders in charge (`责任领导`, `分管省领导`, …), if the document
    /// names them.
    pub fn leaders(&self) -> &[Unit<'a>] {
        self.extras.as_ref().map_or(&[], |e| &e.leaders)
    }

    /// The names of the leaders in charge.
    pub fn leader_names(&self) -> impl Iterator<Item = &str> + '_ {
        self.leaders().iter().map(Unit::name)
    }

    /// The deadline as written (`2023年12月底前`, `长期坚持`), if any.
    pub fn deadline(&self) -> Option<&str> {
        self.extras.as_ref()?.deadline.as_ref().map(|f| &*f.text)
    }

    /// Where the deadline was read from.
    pub fn deadline_span(&self) -> Option<Span> {
        self.extras.as_ref()?.deadline.as_ref()?.span.get()
    }

    /// The remarks (`备注`), if any.
    pub fn remarks(&self) -> Option<&str> {
        self.extras.as_ref()?.remarks.as_ref().map(|f| &*f.text)
    }

    /// The texts of the columns fengong does not know: the column's index,
    /// its label and the text.
    pub fn other_columns(&self) -> impl Iterator<Item = (usize, &str, &str)> + '_ {
        self.extras
            .iter()
            .flat_map(|e| e.other.iter().map(|(i, l, f)| (*i, &**l, &*f.text)))
    }

    /// Where the task was read from: its cells, from the first cell's tab to
    /// the end of the last, or its paragraph with its label lines.
    pub fn span(&self) -> Option<Span> {
        self.span.get()
    }

    /// Where the number was read from.
    pub fn number_span(&self) -> Option<Span> {
        self.number_span.get()
    }

    /// Where each cell of a task read from a table was read from, in column
    /// order, each including its leading tab and line endings. `None` for a
    /// task of a list document or one built or edited in code.
    pub fn cell_spans(&self) -> Option<Vec<Span>> {
        let mut cells = Vec::new();
        self.cell_spans_into(&mut cells).then_some(cells)
    }

    /// [`Task::cell_spans`] appended to `out`, without a vector of its own;
    /// `false` (and `out` as it was) when the task has none.
    pub(crate) fn cell_spans_into(&self, out: &mut Vec<Span>) -> bool {
        let (Some(span), Some(body)) = (self.span.get(), self.repr.body()) else {
            return false;
        };
        if body.len() != span.len() || !body.starts_with('\t') {
            return false;
        }
        let before = out.len();
        for item in crate::lex::Lexer::new(body, 0) {
            let crate::lex::Item::Cell(cell) = item else {
                out.truncate(before);
                return false;
            };
            out.push(Span::new(
                span.start + cell.span.start,
                span.start + cell.span.end,
            ));
        }
        true
    }

    /// Where the text was read from (first to last character).
    pub fn text_span(&self) -> Option<Span> {
        self.text_span.get()
    }

    /// Copies every borrowed string.
    pub fn into_owned(self) -> Task<'static> {
        Task {
            repr: self.repr.into_owned(),
            span: self.span,
            number: self.number,
            number_span: self.number_span,
            text_span: self.text_span,
            text: owned(self.text),
            units: self.units.into_owned(),
            extras: self.extras.map(|e| Box::new(e.into_owned())),
            shape: self.shape,
        }
    }
}

impl PartialEq for Task<'_> {
    fn eq(&self, other: &Self) -> bool {
        let empty = Extras::default();
        self.number == other.number
            && self.text == other.text
            && self.units == other.units
            && self.extras.as_deref().unwrap_or(&empty) == other.extras.as_deref().unwrap_or(&empty)
    }
}

impl Eq for Task<'_> {}
