//! Headings and tasks into a tree: `一、` headings at the top, `（一）` and
//! unnumbered headings under the open `一、` heading (or at the top if there
//! is none), each task in the innermost heading open above it.

use crate::model::{Category, HeadingStyle, Task};

/// The tree being built, in text order.
#[derive(Debug, Default)]
pub(super) struct Tree<'a> {
    /// Tasks before any heading.
    roots: Vec<Task<'a>>,
    /// Closed top-level headings.
    done: Vec<Category<'a>>,
    /// The open top-level heading.
    top: Option<Category<'a>>,
    /// The open heading under `top`.
    sub: Option<Category<'a>>,
    /// The tasks read since the last heading: the innermost open heading's.
    tasks: Vec<Task<'a>>,
    /// How many headings were opened.
    headings: usize,
}

impl<'a> Tree<'a> {
    /// Moves the tasks read since the last heading into the innermost open
    /// heading (or the roots), in a vector of exactly their number.
    fn flush_tasks(&mut self) {
        if self.tasks.is_empty() {
            return;
        }
        let tasks = exact_copy(&mut self.tasks);
        match (&mut self.sub, &mut self.top) {
            (Some(sub), _) => sub.tasks = tasks,
            (None, Some(top)) => top.tasks = tasks,
            (None, None) => self.roots.extend(tasks),
        }
    }

    fn close_sub(&mut self) {
        if let Some(sub) = self.sub.take() {
            match &mut self.top {
                Some(top) => top.categories.push(sub),
                None => self.done.push(sub),
            }
        }
    }

    fn close_top(&mut self) {
        self.close_sub();
        if let Some(top) = self.top.take() {
            self.done.push(top);
        }
    }

    /// Whether a heading of `style` would go under the open top-level one.
    pub(super) fn nests(&self, style: HeadingStyle) -> bool {
        style != HeadingStyle::Enumerated
            && self
                .top
                .as_ref()
                .is_some_and(|t| t.style == HeadingStyle::Enumerated)
    }

    /// The number a heading of `style` would have after its previous
    /// sibling.
    pub(super) fn next_number(&self, style: HeadingStyle) -> u32 {
        let previous = if self.nests(style) {
            match &self.sub {
                Some(sub) => Some(sub.number),
                None => self
                    .top
                    .as_ref()
                    .and_then(|t| t.categories.last())
                    .map(|c| c.number),
            }
        } else {
            self.top
                .as_ref()
                .or_else(|| self.done.last())
                .map(|c| c.number)
        };
        previous.map_or(1, |n| n.saturating_add(1))
    }

    /// Opens a heading.
    pub(super) fn open(&mut self, category: Category<'a>) {
        self.flush_tasks();
        self.headings += 1;
        if self.nests(category.style) {
            self.close_sub();
            self.sub = Some(category);
        } else {
            self.close_top();
            self.top = Some(category);
        }
    }

    /// Adds a task to the innermost open heading.
    pub(super) fn push_task(&mut self, task: Task<'a>) {
        self.tasks.push(task);
    }

    /// Whether any heading was opened.
    pub(super) fn has_headings(&self) -> bool {
        self.headings > 0
    }

    /// The tasks before any heading and the top-level headings.
    pub(super) fn finish(mut self) -> (Vec<Task<'a>>, Vec<Category<'a>>) {
        self.flush_tasks();
        self.close_top();
        (self.roots, self.done)
    }
}

/// Moves the items of a reused buffer into a vector of exactly their
/// number (one allocation and one copy), leaving the buffer empty with its
/// capacity.
pub(super) fn exact_copy<T>(buffer: &mut Vec<T>) -> Vec<T> {
    let mut items = Vec::with_capacity(buffer.len());
    items.append(buffer);
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::UnitMapping;

    fn task(n: u32) -> Task<'static> {
        Task::new(n, "文", UnitMapping::default())
    }

    #[test]
    fn headings_nest_by_style() {
        let mut tree = Tree::default();
        tree.push_task(task(1));
        tree.open(Category::with_style(HeadingStyle::Enumerated, 1, "甲"));
        tree.push_task(task(2));
        assert_eq!(tree.next_number(HeadingStyle::Parenthesized), 1);
        tree.open(Category::new(1, "乙"));
        tree.push_task(task(3));
        tree.open(Category::new(2, "丙"));
        assert_eq!(tree.next_number(HeadingStyle::Parenthesized), 3);
        assert_eq!(tree.next_number(HeadingStyle::Enumerated), 2);
        tree.open(Category::with_style(HeadingStyle::Enumerated, 2, "丁"));
        tree.push_task(task(4));
        let (roots, top) = tree.finish();
        assert_eq!(roots.len(), 1);
        assert_eq!(top.len(), 2);
        assert_eq!(top[0].tasks()[0].number(), 2);
        assert_eq!(top[0].categories().len(), 2);
        assert_eq!(top[0].categories()[0].tasks()[0].number(), 3);
        assert_eq!(top[1].tasks()[0].number(), 4);
        // Without `一、` headings, `（一）` headings are the top level.
        let mut tree = Tree::default();
        tree.open(Category::new(1, "甲"));
        tree.open(Category::new(2, "乙"));
        assert_eq!(tree.finish().1.len(), 2);
    }
}
