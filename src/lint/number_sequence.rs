//! W001 `task-number-sequence` and W002 `category-number-sequence`: numbers
//! that do not run 1, 2, 3, … (一, 二, 三, …) through the document.
//!
//! The sequence is read in four steps:
//!
//! 1. **Typos.** A number whose neighbours pin it down (the previous one is
//!    `m - 1`, the next `m + 1`, and `m` is used nowhere) should be `m`. This
//!    is the only case with a fix: replace the number with `m`. The fix is
//!    *unsafe* because it changes a value of the document (a task's number
//!    may be cited elsewhere), though the neighbours leave no doubt.
//! 2. **Repeats.** A number already used is reported, pointing at its first
//!    use.
//! 3. **Out of order.** The longest increasing run of first uses (patience
//!    sorting) is taken to be the intended order; every other number is out
//!    of order. A swapped pair or a moved task gives one finding, not a
//!    cascade.
//! 4. **Gaps.** Between two neighbours of that run, numbers that appear
//!    nowhere in the document are missing.
//!
//! Cost: O(n log n) for n numbers (the patience sort and one sort of the
//! distinct numbers), far below the linear cost of reading the text.

use std::collections::{HashMap, HashSet};

use crate::diagnostic::{Applicability, Code, Diagnostic, Edit, Fix};
use crate::numeral;
use crate::span::Span;

use super::Context;

/// How a finding of the sequence reads.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    /// Should be `to`, between `to - 1` and `to + 1`. `fixable`: the
    /// renumbering leaves every other finding as it is (see `analyse`).
    Typo {
        to: u32,
        first: Option<usize>,
        fixable: bool,
    },
    /// A second use of a number first used at `first`.
    Repeat { first: usize },
    /// Not in the increasing run; `expected` is what the run would have
    /// next; the number belongs after `after` or before `before`.
    OutOfOrder {
        expected: u32,
        after: Option<usize>,
        before: Option<usize>,
    },
    /// Numbers missing before this one.
    Gap { expected: u32, missing: Missing },
}

/// Numbers missing from a range `lo..=hi`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Missing {
    lo: u32,
    hi: u32,
    count: u64,
    /// The first few missing numbers.
    first: Vec<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Finding {
    at: usize,
    kind: Kind,
}

fn analyse(numbers: &[u32]) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut count: HashMap<u32, u32> = HashMap::with_capacity(numbers.len());
    for &n in numbers {
        *count.entry(n).or_insert(0) += 1;
    }
    // 1. Typos pinned by their neighbours.
    let mut eff = Vec::with_capacity(numbers.len());
    let mut typo = vec![false; numbers.len()];
    for (i, &n) in numbers.iter().enumerate() {
        let prev = if i == 0 { 0 } else { eff[i - 1] };
        let m = u32::saturating_add(prev, 1);
        let pinned = n != m
            && m != u32::MAX
            && numbers.get(i + 1) == Some(&m.saturating_add(1))
            && !count.contains_key(&m);
        if pinned {
            typo[i] = true;
            eff.push(m);
            // `m` is taken now: another typo pinned to it would make two
            // tasks `m` once both fixes are applied.
            count.insert(m, 1);
        } else {
            eff.push(n);
        }
    }
    // A typo's fix frees its wrong number when no other task keeps it, and
    // a freed number can pin another task that it blocked (`56, 58, 58`:
    // the first 58 would be pinned to a free 57), which changes how the
    // whole sequence reads, the fixed task's place included. Such a typo
    // gets no fix. Otherwise the fixed numbers read exactly as `eff` does,
    // with this finding gone: a fix removes its own finding and no other.
    let mut typo_uses: HashMap<u32, u32> = HashMap::new();
    for (i, &n) in numbers.iter().enumerate() {
        if typo[i] {
            *typo_uses.entry(n).or_insert(0) += 1;
        }
    }
    let mut blocked: HashSet<u32> = HashSet::new();
    if !typo_uses.is_empty() {
        for j in 0..numbers.len() {
            let v = if j == 0 { 0 } else { eff[j - 1] }.saturating_add(1);
            if !typo[j]
                && numbers[j] != v
                && v != u32::MAX
                && numbers.get(j + 1) == Some(&v.saturating_add(1))
            {
                blocked.insert(v);
            }
        }
    }
    let fixable = |n: u32| {
        let kept = count.get(&n).copied().unwrap_or(0) - typo_uses.get(&n).copied().unwrap_or(0);
        kept > 0 || !blocked.contains(&n)
    };
    // 2. Repeats; the first uses go on.
    let mut first_at: HashMap<u32, usize> = HashMap::with_capacity(numbers.len());
    let mut firsts: Vec<usize> = Vec::with_capacity(numbers.len());
    for (i, &n) in eff.iter().enumerate() {
        if typo[i] {
            findings.push(Finding {
                at: i,
                kind: Kind::Typo {
                    to: n,
                    first: first_at.get(&numbers[i]).copied(),
                    fixable: fixable(numbers[i]),
                },
            });
        }
        match first_at.get(&n) {
            Some(&first) if !typo[i] => findings.push(Finding {
                at: i,
                kind: Kind::Repeat { first },
            }),
            Some(_) => {}
            None => {
                first_at.insert(n, i);
                firsts.push(i);
            }
        }
    }
    // 3. The longest strictly increasing run of first uses.
    let mut tails: Vec<usize> = Vec::new(); // positions in `firsts`
    let mut back: Vec<Option<usize>> = vec![None; firsts.len()];
    for (k, &i) in firsts.iter().enumerate() {
        let n = eff[i];
        let at = tails.partition_point(|&t| eff[firsts[t]] < n);
        back[k] = at.checked_sub(1).map(|p| tails[p]);
        if at == tails.len() {
            tails.push(k);
        } else {
            tails[at] = k;
        }
    }
    let mut in_run = vec![false; numbers.len()];
    let mut run: Vec<usize> = Vec::new(); // task indices, increasing numbers
    let mut cursor = tails.last().copied();
    while let Some(k) = cursor {
        in_run[firsts[k]] = true;
        run.push(firsts[k]);
        cursor = back[k];
    }
    run.reverse();
    // 4. Out of order, and gaps along the run.
    let mut distinct: Vec<u32> = first_at.keys().copied().collect();
    distinct.sort_unstable();
    let present: HashSet<u32> = distinct.iter().copied().collect();
    let mut last_in_run: u32 = 0;
    for &i in &firsts {
        let n = eff[i];
        if !in_run[i] {
            let k = run.partition_point(|&r| eff[r] < n);
            findings.push(Finding {
                at: i,
                kind: Kind::OutOfOrder {
                    expected: last_in_run.saturating_add(1),
                    after: k.checked_sub(1).map(|k| run[k]),
                    before: run.get(k).copied(),
                },
            });
            continue;
        }
        if n > last_in_run.saturating_add(1) {
            let lo = last_in_run + 1;
            let hi = n - 1;
            let inside =
                distinct.partition_point(|&x| x <= hi) - distinct.partition_point(|&x| x < lo);
            let count = u64::from(hi - lo) + 1 - inside as u64;
            if count > 0 {
                let mut first = Vec::new();
                let mut x = lo;
                while first.len() < 3 && x <= hi {
                    if !present.contains(&x) {
                        first.push(x);
                    }
                    x += 1;
                }
                findings.push(Finding {
                    at: i,
                    kind: Kind::Gap {
                        expected: lo,
                        missing: Missing {
                            lo,
                            hi,
                            count,
                            first,
                        },
                    },
                });
            }
        }
        last_in_run = n;
    }
    findings.sort_by_key(|f| f.at);
    findings
}

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

/// Builds the diagnostics of `findings` for items numbered `numbers` at
/// `spans` (checked spans of the numbers; items without one are skipped).
fn report<N: Noun>(code: Code, numbers: &[u32], spans: &[Option<Span>], out: &mut Vec<Diagnostic>) {
    for f in analyse(numbers) {
        let Some(span) = spans[f.at] else { continue };
        let n = numbers[f.at];
        let d = match f.kind {
            Kind::Typo { to, first, fixable } => {
                let before = if to > 1 {
                    format!("between {} and {}", N::show(to - 1), N::show(to + 1))
                } else {
                    format!("before {}", N::show(to + 1))
                };
                let d = Diagnostic::expected(
                    code,
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
                match first.and_then(|k| spans[k]) {
                    Some(s) => d.with_secondary(s, format!("{} is already used here", N::the(n))),
                    None => d,
                }
            }
            Kind::Repeat { first } => {
                let d = Diagnostic::expected(
                    code,
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
                match spans[first] {
                    Some(s) => d.with_secondary(s, format!("{} first defined here", N::the(n))),
                    None => d,
                }
            }
            Kind::OutOfOrder {
                expected,
                after,
                before,
            } => {
                let (place, other) = match (after, before) {
                    (Some(a), _) => (format!("after {}", N::the(numbers[a])), Some(a)),
                    (None, Some(b)) => (format!("before {}", N::the(numbers[b])), Some(b)),
                    (None, None) => (String::new(), None),
                };
                let d = Diagnostic::expected(
                    code,
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
                match other.and_then(|k| Some((spans[k]?, numbers[k]))) {
                    Some((s, m)) => d.with_secondary(s, format!("{} is here", N::the(m))),
                    None => d,
                }
            }
            Kind::Gap { expected, missing } => Diagnostic::expected(
                code,
                span,
                &N::the(expected),
                &format!("{}: {}", N::the(n), describe_missing::<N>(&missing)),
            )
            .with_label(if missing.count == 1 {
                format!("1 {} missing before this one", N::ONE)
            } else {
                format!("{} {} missing before this one", missing.count, N::MANY)
            })
            .with_help(format!(
                "add the missing {}, or renumber the {} from here so that they run in order",
                N::MANY,
                N::MANY
            )),
        };
        out.push(d);
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

    fn kinds(numbers: &[u32]) -> Vec<(usize, &'static str)> {
        analyse(numbers)
            .into_iter()
            .map(|f| {
                (
                    f.at,
                    match f.kind {
                        Kind::Typo { .. } => "typo",
                        Kind::Repeat { .. } => "repeat",
                        Kind::OutOfOrder { .. } => "order",
                        Kind::Gap { .. } => "gap",
                    },
                )
            })
            .collect()
    }

    #[test]
    fn sequences() {
        assert_eq!(kinds(&[1, 2, 3, 4]), []);
        assert_eq!(kinds(&[]), []);
        // A typo pinned by its neighbours.
        assert_eq!(kinds(&[1, 2, 30, 4]), [(2, "typo")]);
        assert_eq!(kinds(&[7, 2, 3]), [(0, "typo")]);
        // A repeat pinned by its neighbours is a typo too.
        assert_eq!(kinds(&[1, 2, 2, 4]), [(2, "typo")]);
        // A repeat that is not.
        assert_eq!(kinds(&[1, 2, 2, 3]), [(2, "repeat")]);
        // A swap and a moved task: one finding each.
        assert_eq!(kinds(&[1, 2, 4, 3, 5]).len(), 1);
        assert_eq!(kinds(&[1, 2, 5, 3, 4, 6]), [(2, "order")]);
        // Gaps.
        assert_eq!(kinds(&[1, 2, 5, 6]), [(2, "gap")]);
        assert_eq!(kinds(&[3, 4]), [(0, "gap")]);
        // The last task cannot be pinned.
        assert_eq!(kinds(&[1, 2, 9]), [(2, "gap")]);
        // Huge numbers cost nothing.
        assert_eq!(kinds(&[1, u32::MAX]), [(1, "gap")]);
        assert_eq!(kinds(&[u32::MAX, u32::MAX]).len(), 2);
    }

    /// The typos that get a fix, and what they become.
    fn fixes(numbers: &[u32]) -> Vec<(usize, u32)> {
        analyse(numbers)
            .into_iter()
            .filter_map(|f| match f.kind {
                Kind::Typo {
                    to, fixable: true, ..
                } => Some((f.at, to)),
                _ => None,
            })
            .collect()
    }

    /// Whether, with `fixed` applied to `numbers`, the findings at one of
    /// their places are not fewer than before (a place can hold two: a typo
    /// and the gap before it).
    fn found_again(numbers: &[u32], fixed: &[(usize, u32)]) -> bool {
        let mut after = numbers.to_vec();
        for &(i, to) in fixed {
            after[i] = to;
        }
        let (before, again) = (analyse(numbers), analyse(&after));
        let at = |found: &[Finding], i: usize| found.iter().filter(|f| f.at == i).count();
        fixed.iter().any(|&(i, _)| at(&again, i) >= at(&before, i))
    }

    #[test]
    fn a_fix_that_frees_a_number_another_task_wants_is_not_offered() {
        // From fuzzing: 57 sits between 50 and 52, but freeing 57 would pin
        // the first 58 (after 56, before 58) to it, and the sequence would
        // read differently: 51 out of order after all.
        let numbers = [
            1, 2, 28, 52, 53, 54, 55, 56, 58, 58, 46, 47, 48, 49, 50, 57, 52, 53, 54, 55, 56, 58,
            58, 59, 60, 61, 62, 63, 82, 42, 43, 44, 45, 46,
        ];
        let typo = analyse(&numbers)
            .into_iter()
            .find(|f| f.at == 15)
            .map(|f| f.kind);
        assert!(matches!(
            typo,
            Some(Kind::Typo {
                to: 51,
                fixable: false,
                ..
            })
        ));
        assert!(found_again(&numbers, &[(15, 51)]));
        assert_eq!(fixes(&[1, 2, 30, 4, 5, 5, 7]), [(2, 3), (5, 6)]);
    }

    #[test]
    fn every_offered_fix_removes_its_finding_alone_and_with_the_others() {
        // A small deterministic generator: short sequences of small numbers
        // hit every kind of finding and their interplay.
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |bound: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % bound
        };
        for _ in 0..20_000 {
            let len = 1 + next(12) as usize;
            let numbers: Vec<u32> = (0..len)
                .map(|k| {
                    if next(3) == 0 {
                        1 + next(14) as u32
                    } else {
                        k as u32 + 1
                    }
                })
                .collect();
            let offered = fixes(&numbers);
            assert!(!found_again(&numbers, &offered), "{numbers:?} {offered:?}");
            for &fix in &offered {
                assert!(!found_again(&numbers, &[fix]), "{numbers:?} {fix:?}");
            }
        }
    }

    #[test]
    fn two_typos_are_not_pinned_to_one_number() {
        // 5 and the second 1 both sit between 1 and 3, and 2 is unused: only
        // the first becomes 2, or fixing both would make two tasks 2.
        let found = analyse(&[1, 5, 3, 1, 1, 3]);
        let typos: Vec<(usize, u32)> = found
            .iter()
            .filter_map(|f| match f.kind {
                Kind::Typo { to, .. } => Some((f.at, to)),
                _ => None,
            })
            .collect();
        assert_eq!(typos, [(1, 2)]);
        let text = format!(
            "{HEAD}\t（一）类\n{}",
            rows(&[
                ("1", "甲", "区甲", "甲"),
                ("5", "乙", "区甲", "甲"),
                ("3", "丙", "区甲", "甲"),
                ("1", "丁", "区甲", "甲"),
                ("1", "戊", "区甲", "甲"),
                ("3", "己", "区甲", "甲"),
            ])
        );
        let fixed = apply(&text, &only(&text, Code::TaskNumberSequence));
        let doc = crate::parse(&fixed).unwrap();
        let numbers: Vec<u32> = doc.tasks().map(|t| t.number()).collect();
        assert_eq!(numbers, [1, 2, 3, 1, 1, 3]);
    }

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
