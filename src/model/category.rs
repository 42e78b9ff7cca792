//! A numbered heading with its tasks and sub-headings.

use std::borrow::Cow;

use super::{owned, Repr, Task};
use crate::numeral;
use crate::span::{Span, SpanSlot};

/// How a heading is numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum HeadingStyle {
    /// A numeral and `、`: `一、总体目标` (the upper level).
    Enumerated,
    /// A numeral in parentheses: `（一）加大援企稳岗力度` (the lower level,
    /// or the only one, as in the seed).
    #[default]
    Parenthesized,
    /// No number: a heading line such as `加强基础设施建设`.
    Unnumbered,
}

/// A heading such as `一、总体目标` or `（一）加大援企稳岗力度`, with the tasks
/// under it and, for an upper-level heading, the headings under it.
///
/// ```
/// use fengong::{Category, HeadingStyle};
///
/// let mut upper = Category::with_style(HeadingStyle::Enumerated, 2, "实施六大人才行动计划");
/// upper.push_category(Category::new(1, "产业提升人才行动计划"));
/// assert_eq!(upper.numeral(), "二");
/// assert_eq!(upper.categories()[0].style(), HeadingStyle::Parenthesized);
/// ```
#[derive(Debug, Clone)]
pub struct Category<'a> {
    pub(crate) repr: Repr<'a>,
    pub(crate) span: SpanSlot,
    pub(crate) style: HeadingStyle,
    pub(crate) number: u32,
    pub(crate) numeral: Cow<'a, str>,
    pub(crate) numeral_span: SpanSlot,
    pub(crate) title: Cow<'a, str>,
    pub(crate) title_span: SpanSlot,
    pub(crate) tasks: Vec<Task<'a>>,
    pub(crate) categories: Vec<Category<'a>>,
}

impl<'a> Category<'a> {
    /// A heading numbered `number` in parentheses (`（二十八）`, the
    /// standard numeral) with a title and no tasks.
    ///
    /// ```
    /// let category = fengong::Category::new(11, "支持灵活就业和新就业形态");
    /// assert_eq!(category.numeral(), "十一");
    /// ```
    pub fn new(number: u32, title: impl Into<Cow<'a, str>>) -> Category<'a> {
        Category::with_style(HeadingStyle::Parenthesized, number, title)
    }

    /// A heading of `style` numbered `number` (ignored for an unnumbered
    /// heading) with a title and no tasks.
    pub fn with_style(
        style: HeadingStyle,
        number: u32,
        title: impl Into<Cow<'a, str>>,
    ) -> Category<'a> {
        let (number, numeral) = match style {
            HeadingStyle::Unnumbered => (0, String::new()),
            _ => (number, numeral::to_chinese(number)),
        };
        Category {
            repr: Repr::Canonical,
            span: SpanSlot::NONE,
            style,
            number,
            numeral: Cow::Owned(numeral),
            numeral_span: SpanSlot::NONE,
            title: title.into(),
            title_span: SpanSlot::NONE,
            tasks: Vec::new(),
            categories: Vec::new(),
        }
    }

    /// The heading's number, the value of its numeral: 11 for `（十一）`; 0
    /// for an unnumbered heading.
    pub fn number(&self) -> u32 {
        self.number
    }

    /// Whether the heading has a number.
    pub fn is_numbered(&self) -> bool {
        self.style != HeadingStyle::Unnumbered
    }

    /// How the heading is numbered.
    pub fn style(&self) -> HeadingStyle {
        self.style
    }

    /// The numeral as written, without parentheses or `、`: `十一` (empty for
    /// an unnumbered heading).
    pub fn numeral(&self) -> &str {
        &self.numeral
    }

    /// The title, lines of a wrapped heading joined with nothing:
    /// `挖掘内需带动就业`. For a heading paragraph of a list document, the
    /// text before its first `。`.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The tasks right under this heading, in document order (the tasks of
    /// the headings under it are theirs).
    pub fn tasks(&self) -> &[Task<'a>] {
        &self.tasks
    }

    /// Mutable access to the tasks.
    pub fn tasks_mut(&mut self) -> &mut Vec<Task<'a>> {
        &mut self.tasks
    }

    /// Appends a task to this heading.
    pub fn push_task(&mut self, task: Task<'a>) {
        self.tasks.push(task);
    }

    /// The headings under this one (`（一）` under `一、`), in document
    /// order.
    pub fn categories(&self) -> &[Category<'a>] {
        &self.categories
    }

    /// Mutable access to the headings under this one.
    pub fn categories_mut(&mut self) -> &mut Vec<Category<'a>> {
        &mut self.categories
    }

    /// Appends a heading under this one.
    pub fn push_category(&mut self, category: Category<'a>) {
        self.categories.push(category);
    }

    /// Every task under this heading and the headings under it, in document
    /// order.
    pub fn all_tasks(&self) -> impl Iterator<Item = &Task<'a>> + '_ {
        self.tasks.iter().chain(
            self.categories
                .iter()
                .flat_map(|c| -> Box<dyn Iterator<Item = &Task<'a>> + '_> {
                    Box::new(c.all_tasks())
                }),
        )
    }

    /// Where the heading was read from (the whole cell or line, wrapped
    /// lines included).
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
            style: self.style,
            number: self.number,
            numeral: owned(self.numeral),
            numeral_span: self.numeral_span,
            title: owned(self.title),
            title_span: self.title_span,
            tasks: self.tasks.into_iter().map(Task::into_owned).collect(),
            categories: self
                .categories
                .into_iter()
                .map(Category::into_owned)
                .collect(),
        }
    }
}

impl PartialEq for Category<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.number == other.number
            && self.numeral == other.numeral
            && self.title == other.title
            && self.tasks == other.tasks
            && self.categories == other.categories
    }
}

impl Eq for Category<'_> {}
