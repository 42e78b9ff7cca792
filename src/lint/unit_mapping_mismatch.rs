//! W013 `unit-mapping-mismatch`: a task whose local units leave out a unit
//! that answers for one of its district units everywhere else in the
//! document (see [`crate::mapping`]). No fix: the author decides whether the
//! local cell or the district cell is wrong.

use crate::diagnostic::{Code, Diagnostic};
use crate::mapping::{Basis, Link};
use crate::span::Span;

use super::Context;

/// Evidence a link needs, in tasks other than the one being checked, before
/// a task that breaks it is reported.
const MIN_OTHER_EVIDENCE: usize = 3;

/// Whether `link` is firm enough to hold `task` to it: inferred from
/// direct evidence, supported by other tasks, and holding in at least two
/// thirds of the tasks that name its district unit (a collective such as
/// 各街镇 answers to different units in different tasks and is never firm).
fn firm(link: &Link, task: u32, appearances: usize) -> bool {
    // The evidence is sorted: one lookup, not a scan per task.
    let support = link.evidence.len() - usize::from(link.evidence.binary_search(&task).is_ok());
    !link.ambiguous
        && matches!(
            link.basis,
            Some(Basis::SingleTask | Basis::SameName | Basis::Elimination)
        )
        && support >= MIN_OTHER_EVIDENCE
        && 3 * link.evidence.len() >= 2 * appearances
}

/// W013.
pub(crate) fn check(cx: &Context<'_, '_>, out: &mut Vec<Diagnostic>) {
    if !cx.doc.header().has_levels() {
        return;
    }
    let map = cx.doc.unit_map();
    // The task's local names, sorted (one buffer for every task).
    let mut locals: Vec<&str> = Vec::new();
    for (task, cells) in cx.tasks() {
        let n = task.number();
        locals.clear();
        locals.extend(task.units().local_names());
        // A task whose local cell is empty is W003's finding.
        if locals.is_empty() {
            continue;
        }
        locals.sort_unstable();
        let mut missing: Vec<(&str, &str)> = Vec::new();
        for district in task.units().district_names() {
            let Some((link, tasks)) = map.district_entry(district) else {
                continue;
            };
            if !firm(link, n, tasks.len()) {
                continue;
            }
            // A local unit shared by several district units need only be
            // named once.
            if link
                .local
                .iter()
                .all(|l| locals.binary_search(&l.as_str()).is_err())
            {
                for local in &link.local {
                    if !missing.iter().any(|(m, _)| m == local) {
                        missing.push((local, district));
                    }
                }
            }
        }
        if missing.is_empty() {
            continue;
        }
        let cell_of = |role| {
            cells
                .unwrap_or_default()
                .iter()
                .find(|c| c.role == role)
                .map(|c| c.span())
        };
        let Some(cell) = cx.checked(cell_of(crate::UnitRole::Local)) else {
            continue;
        };
        let body = cx.text(cell).trim_end_matches(['\r', '\n']);
        let content_start = cell.start + usize::from(body.starts_with('\t'));
        let span = Span::new(content_start, cell.start + body.len());
        let expected: Vec<String> = missing
            .iter()
            .map(|(l, d)| format!("{l} (for {d})"))
            .collect();
        let found = task.units().local_names().collect::<Vec<_>>().join("、");
        let mut d = Diagnostic::expected(
            Code::UnitMappingMismatch,
            span,
            &format!(
                "the {} units of task {n} to include {}",
                cx.local(),
                expected.join(", ")
            ),
            &format!("`{found}`"),
        )
        .with_label(format!(
            "no unit here answers for {}",
            missing
                .iter()
                .map(|(_, d)| *d)
                .collect::<Vec<_>>()
                .join("、")
        ));
        if let Some(district_span) = cx.checked(cell_of(crate::UnitRole::District)) {
            let text = cx.text(district_span).trim_end_matches(['\r', '\n']);
            let start = district_span.start + usize::from(text.starts_with('\t'));
            d = d.with_secondary(
                Span::new(start, district_span.start + text.len()),
                "the district units of this task",
            );
        }
        let (local, district) = missing[0];
        let others = map
            .link(district)
            .map(|l| {
                l.evidence
                    .iter()
                    .filter(|&&e| e != n)
                    .take(5)
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default();
        out.push(
            d.with_note(format!("{local} answers for {district} in tasks {others}"))
                .with_help(format!(
                    "add {local} to this task's {} units, or correct the {} units",
                    cx.local(),
                    cx.district()
                )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    fn doc(last_local: &str) -> String {
        format!(
            "{HEAD}\t（一）类\n{}",
            rows(&[
                ("1", "甲一", "区甲局", "甲局"),
                ("2", "甲二", "区甲局", "甲局"),
                ("3", "甲三", "区甲局、区乙局", "甲局、乙局"),
                ("4", "甲四", "区甲局", "甲局"),
                ("5", "乙", "区乙局", "乙局"),
                ("6", "混", "区甲局、区乙局", last_local),
            ])
        )
    }

    #[test]
    fn a_task_leaving_out_a_firm_counterpart() {
        let text = doc("乙局");
        let found = only(&text, Code::UnitMappingMismatch);
        assert_eq!(found.len(), 1, "{found:?}");
        let d = &found[0];
        assert_eq!(
            d.message(),
            "expected the 东疆 units of task 6 to include 甲局 (for 区甲局), found `乙局`"
        );
        assert_eq!(&text[d.span().range()], "乙局");
        assert_eq!(&text[d.secondary()[0].span.range()], "区甲局、区乙局");
        assert_eq!(d.notes(), ["甲局 answers for 区甲局 in tasks 1, 2, 3, 4"]);
        assert!(d.fix().is_none());
    }

    #[test]
    fn agreeing_tasks_and_weak_links_are_quiet() {
        assert!(only(&doc("甲局、乙局"), Code::UnitMappingMismatch).is_empty());
        // 区乙局 → 乙局 rests on two tasks only: not firm enough to report task 6
        // for leaving out 乙局.
        assert!(only(&doc("甲局"), Code::UnitMappingMismatch).is_empty());
        // An empty local cell is W003's finding, not this one's.
        assert!(only(&doc(""), Code::UnitMappingMismatch).is_empty());
    }
}
