//! W001 `task-number-sequence` and W002 `category-number-sequence`: numbers
//! that do not run 1, 2, 3, … (一, 二, 三, …) through the document: typos,
//! repeats, numbers out of order, and gaps, read as [`analysis`] says.
//!
//! A typo pinned by its neighbours (between 2 and 4, a 30 that should be 3)
//! is the only finding with a fix: replace the number. The fix is *unsafe*
//! because it changes a value of the document (a task's number may be cited
//! elsewhere), though the neighbours leave no doubt.
//!
//! W001 reads the task numbers through the whole document, or under each
//! heading anew where the document numbers them so; W002 reads the heading
//! numerals at each level. The two share the reading of a sequence and the
//! wording of its findings, so they share this file.

use crate::diagnostic::{plural, Applicability, Code, Diagnostic, Edit, Fix};
use crate::numeral;
use crate::span::Span;

use super::Context;

mod analysis;

use analysis::{analyse, Kind, Missing};

/// How numbers of one kind are named in messages.
trait Noun {
    const ONE: &'static str;
    const MANY: &'static str;
    /// The number as written: `4`, `（四）`.
    fn show(n: u32) -> String;
    /// The replacement text for a fix.
    fn write(n: u32) -> String;
    fn the(n: u32) -> String {
        format!("{} {}", Self::ONE, Self::show(n))
    }
}

struct TaskNoun;
impl Noun for TaskNoun {
    const ONE: &'static str = "task";
    const MANY: &'static str = "tasks";
    fn show(n: u32) -> String {
        n.to_string()
    }
    fn write(n: u32) -> String {
        n.to_string()
    }
}

struct CategoryNoun;
impl Noun for CategoryNoun {
    const ONE: &'static str = "category";
    const MANY: &'static str = "categories";
    fn show(n: u32) -> String {
        format!("（{}）", numeral::to_chinese(n))
    }
    fn write(n: u32) -> String {
        numeral::to_chinese(n)
    }
}

fn describe_missing<N: Noun>(m: &Missing) -> String {
    let whole = m.count == u64::from(m.hi - m.lo) + 1;
    let list = |xs: &[u32]| -> String {
        let shown: Vec<String> = xs.iter().map(|&x| N::show(x)).collect();
        match shown.as_slice() {
            [] => String::new(),
            [one] => one.clone(),
            [init @ .., last] => format!("{} and {last}", init.join(", ")),
        }
    };
    if m.count == 1 {
        format!(
            "{} is missing",
            N::the(m.first.first().copied().unwrap_or(m.lo))
        )
    } else if whole && m.count == 2 {
        format!("{} {} are missing", N::MANY, list(&[m.lo, m.hi]))
    } else if whole {
        format!(
            "{} {}–{} are missing",
            N::MANY,
            N::show(m.lo),
            N::show(m.hi)
        )
    } else if m.count <= 3 {
        format!("{} {} are missing", N::MANY, list(&m.first))
    } else {
        format!(
            "{} numbers between {} and {} are missing, such as {}",
            m.count,
            N::show(m.lo),
            N::show(m.hi),
            list(&m.first)
        )
    }
}

/// Builds the diagnostics of the findings for items numbered `numbers` at
/// `spans` (checked spans of the numbers; items without one are skipped).
fn report<N: Noun>(code: Code, numbers: &[u32], spans: &[Option<Span>], out: &mut Vec<Diagnostic>) {
    let items = Items {
        code,
        numbers,
        spans,
    };
    for f in analyse(numbers) {
        let Some(span) = spans[f.at] else { continue };
        let n = numbers[f.at];
        out.push(match f.kind {
            Kind::Typo { to, first, fixable } => items.typo::<N>(span, n, to, first, fixable),
            Kind::Repeat { first } => items.repeat::<N>(span, n, first),
            Kind::OutOfOrder {
                expected,
                after,
                before,
            } => items.out_of_order::<N>(span, n, expected, (after, before)),
            Kind::Gap { expected, missing } => items.gap::<N>(span, n, expected, &missing),
        });
    }
}

/// The items of one sequence, as the messages about its findings name them:
/// each finding is about the item numbered `n` at `span`.
struct Items<'s> {
    code: Code,
    numbers: &'s [u32],
    spans: &'s [Option<Span>],
}

impl Items<'_> {
    /// `n` should be `to`; the fix renumbers it if `fixable`.
    fn typo<N: Noun>(
        &self,
        span: Span,
        n: u32,
        to: u32,
        first: Option<usize>,
        fixable: bool,
    ) -> Diagnostic {
        let before = if to > 1 {
            format!("between {} and {}", N::show(to - 1), N::show(to + 1))
        } else {
            format!("before {}", N::show(to + 1))
        };
        let d = Diagnostic::expected(
            self.code,
            span,
            &format!("{} {before}", N::the(to)),
            &N::the(n),
        )
        .with_label(format!("this should be {}", N::show(to)))
        .with_help(format!(
            "number the {} in order: {} is used nowhere else, and the {} around this one say it is {}",
            N::MANY,
            N::show(to),
            N::MANY,
            N::show(to)
        ));
        let d = if fixable {
            d.with_fix(Fix {
                message: format!("renumber to {}", N::show(to)),
                applicability: Applicability::Unsafe,
                edits: vec![Edit {
                    span,
                    replacement: N::write(to),
                }],
            })
        } else {
            d
        };
        match first.and_then(|k| self.spans[k]) {
            Some(s) => d.with_secondary(s, format!("{} is already used here", N::the(n))),
            None => d,
        }
    }

    /// `n` again, first used by the item at `first`.
    fn repeat<N: Noun>(&self, span: Span, n: u32, first: usize) -> Diagnostic {
        let d = Diagnostic::expected(
            self.code,
            span,
            &format!("each {} number once", N::ONE),
            &format!("{} a second time", N::the(n)),
        )
        .with_label(format!("{} again", N::the(n)))
        .with_help(format!(
            "renumber the {} so that they run in order; if this one repeats {}, delete it",
            N::MANY,
            N::the(n)
        ));
        match self.spans[first] {
            Some(s) => d.with_secondary(s, format!("{} first defined here", N::the(n))),
            None => d,
        }
    }

    /// `n` where `expected` should be; it belongs after the item at `after`
    /// or before the one at `before`.
    fn out_of_order<N: Noun>(
        &self,
        span: Span,
        n: u32,
        expected: u32,
        (after, before): (Option<usize>, Option<usize>),
    ) -> Diagnostic {
        let numbers = self.numbers;
        let (place, other) = match (after, before) {
            (Some(a), _) => (format!("after {}", N::the(numbers[a])), Some(a)),
            (None, Some(b)) => (format!("before {}", N::the(numbers[b])), Some(b)),
            (None, None) => (String::new(), None),
        };
        let d = Diagnostic::expected(
            self.code,
            span,
            &N::the(expected),
            &format!("{}, which belongs {place}", N::the(n)),
        )
        .with_label(format!("{} is out of order", N::the(n)))
        .with_help(format!(
            "move {} {place}, or renumber the {} so that they run in order",
            N::the(n),
            N::MANY
        ));
        match other.and_then(|k| Some((self.spans[k]?, numbers[k]))) {
            Some((s, m)) => d.with_secondary(s, format!("{} is here", N::the(m))),
            None => d,
        }
    }

    /// `n` where `expected` should be, the numbers `missing` before it.
    fn gap<N: Noun>(&self, span: Span, n: u32, expected: u32, missing: &Missing) -> Diagnostic {
        let count = usize::try_from(missing.count).unwrap_or(usize::MAX);
        Diagnostic::expected(
            self.code,
            span,
            &N::the(expected),
            &format!("{}: {}", N::the(n), describe_missing::<N>(missing)),
        )
        .with_label(format!(
            "{} missing before this one",
            plural(count, N::ONE, N::MANY)
        ))
        .with_help(format!(
            "add the missing {}, or renumber the {} from here so that they run in order",
            N::MANY,
            N::MANY
        ))
    }
}

/// W001: task numbers, through the whole document, or under each heading
/// anew where the document numbers them so (most headings' first task is
/// 1).
pub(crate) fn tasks(cx: &Context<'_, '_>, out: &mut Vec<Diagnostic>) {
    // The tasks of each heading (the document's own first).
    let mut groups: Vec<Vec<&crate::Task<'_>>> = vec![cx.doc.root_tasks().iter().collect()];
    for category in cx.doc.all_categories() {
        groups.push(category.tasks().iter().collect());
    }
    groups.retain(|g| !g.is_empty());
    let restarts = groups.iter().filter(|g| g[0].number() == 1).count();
    let per_heading = groups.len() >= 2 && restarts >= 2 && restarts * 2 >= groups.len();
    let mut run = |tasks: &[&crate::Task<'_>]| {
        let numbers: Vec<u32> = tasks.iter().map(|t| t.number()).collect();
        let spans: Vec<Option<Span>> = tasks.iter().map(|t| cx.checked(t.number_span())).collect();
        report::<TaskNoun>(Code::TaskNumberSequence, &numbers, &spans, out);
    };
    if per_heading {
        for group in &groups {
            run(group);
        }
    } else {
        let all: Vec<&crate::Task<'_>> = cx.doc.tasks().collect();
        run(&all);
    }
}

/// W002: heading numerals, at each level: the top-level headings, and the
/// headings under each one.
pub(crate) fn categories(cx: &Context<'_, '_>, out: &mut Vec<Diagnostic>) {
    let mut run = |categories: &[crate::Category<'_>]| {
        let numbered: Vec<&crate::Category<'_>> =
            categories.iter().filter(|c| c.is_numbered()).collect();
        let numbers: Vec<u32> = numbered.iter().map(|c| c.number()).collect();
        let spans: Vec<Option<Span>> = numbered
            .iter()
            .map(|c| cx.checked(c.numeral_span()))
            .collect();
        report::<CategoryNoun>(Code::CategoryNumberSequence, &numbers, &spans, out);
    };
    run(cx.doc.categories());
    for category in cx.doc.categories() {
        run(category.categories());
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn gap_descriptions() {
        let f = analyse(&[1, 2, 6, 5, 4, 9]);
        let gaps: Vec<Missing> = f
            .iter()
            .filter_map(|f| match &f.kind {
                Kind::Gap { missing, .. } => Some(missing.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(gaps.len(), 2);
        assert_eq!((gaps[1].count, gaps[1].first.clone()), (2, vec![7, 8]));
        assert_eq!(
            describe_missing::<TaskNoun>(&gaps[1]),
            "tasks 7 and 8 are missing"
        );
        assert_eq!(describe_missing::<TaskNoun>(&gaps[0]), "task 3 is missing");
        let all = Missing {
            lo: 3,
            hi: 9,
            count: 7,
            first: vec![3, 4, 5],
        };
        assert_eq!(describe_missing::<TaskNoun>(&all), "tasks 3–9 are missing");
        assert_eq!(
            describe_missing::<CategoryNoun>(&Missing {
                lo: 3,
                hi: 3,
                count: 1,
                first: vec![3]
            }),
            "category （三） is missing"
        );
    }

    #[test]
    fn task_findings_and_fix() {
        let text = format!(
            "{HEAD}\t（一）类\n{}",
            rows(&[
                ("1", "甲", "区甲", "甲"),
                ("2", "乙", "区甲", "甲"),
                ("30", "丙", "区甲", "甲"),
                ("4", "丁", "区甲", "甲"),
                ("4", "戊", "区甲", "甲"),
            ])
        );
        let found = only(&text, Code::TaskNumberSequence);
        let messages: Vec<_> = found.iter().map(|d| d.message()).collect();
        assert_eq!(
            messages,
            [
                "expected task 3 between 2 and 4, found task 30",
                "expected each task number once, found task 4 a second time"
            ]
        );
        assert_eq!(found[1].secondary()[0].message, "task 4 first defined here");
        let fix = found[0].fix().unwrap();
        assert_eq!(fix.applicability, Applicability::Unsafe);
        let fixed = apply(&text, &found[..1]);
        assert!(fixed.contains("\t3\n\t丙"));
    }

    #[test]
    fn category_findings() {
        let text = format!(
            "{HEAD}\t（一）甲\n{}\t（三）乙\n{}",
            rows(&[("1", "甲", "区甲", "甲")]),
            rows(&[("2", "乙", "区甲", "甲")])
        );
        let found = only(&text, Code::CategoryNumberSequence);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].message(),
            "expected category （二）, found category （三）: category （二） is missing"
        );
        assert_eq!(&text[found[0].span().range()], "三");
    }
}
