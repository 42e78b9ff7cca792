//! W003 `empty-unit-cell`: a task whose cell of lead, responsible, district
//! or local units names no unit (a supporting cell may be empty). There is
//! no fix: only the author knows who is responsible.

use crate::column::UnitRole;
use crate::diagnostic::{Code, Diagnostic};
use crate::span::Span;

use super::message::all_space;
use super::Context;

/// W003.
pub(crate) fn check(cx: &Context<'_, '_>, out: &mut Vec<Diagnostic>) {
    for (task, cells) in cx.tasks() {
        for unit_cell in cells.unwrap_or_default() {
            let (role, cell) = (unit_cell.role, unit_cell.span());
            // A cell names no unit if no unit of the task was read from it
            // (a cell of responsible units may name lead and supporting
            // ones with role words).
            let holds_units = task
                .units()
                .all()
                .iter()
                .filter_map(|u| u.span())
                .any(|s| cell.start <= s.start && s.end <= cell.end);
            if holds_units || !role.is_expected() {
                continue;
            }
            let level = cx.role_name(role);
            let Some(cell) = cx.checked(Some(cell)) else {
                continue;
            };
            // The cell without its line ending(s), at least its tab.
            let raw = cx.text(cell);
            let body = raw.trim_end_matches(['\r', '\n']);
            let span = Span::new(cell.start, cell.start + body.len());
            let content = body.strip_prefix('\t').unwrap_or(body);
            let found = if content.is_empty() || all_space(content) {
                "an empty cell"
            } else {
                "a cell with no unit name in it"
            };
            let n = task.number();
            // A level is a place (`滨海新区`); a role is a kind of unit.
            let (expected, help) = if matches!(role, UnitRole::District | UnitRole::Local) {
                (
                    format!("at least one {level} unit responsible for task {n}"),
                    format!("write the units responsible at the {level} level in this cell, separated by `、`"),
                )
            } else {
                (
                    format!("at least one {level} unit for task {n}"),
                    format!("write the task's {level} units in this cell, separated by `、`"),
                )
            };
            out.push(
                Diagnostic::expected(Code::EmptyUnitCell, span, &expected, found)
                    .with_label(format!("task {n} names no {level} unit"))
                    .with_help(help),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn empty_cells_on_either_side() {
        let text = format!(
            "{HEAD}\t（一）类\n{}",
            rows(&[
                ("1", "甲", "", "甲"),
                ("2", "乙", "区乙", " "),
                ("3", "丙", "、", "丙"),
                ("4", "丁", "区丁", "丁"),
            ])
        );
        let found = only(&text, Code::EmptyUnitCell);
        let messages: Vec<_> = found.iter().map(|d| d.message()).collect();
        assert_eq!(
            messages,
            [
                "expected at least one 滨海新区 unit responsible for task 1, found an empty cell",
                "expected at least one 东疆 unit responsible for task 2, found an empty cell",
                "expected at least one 滨海新区 unit responsible for task 3, found a cell with no unit name in it",
            ]
        );
        assert_eq!(&text[found[0].span().range()], "\t");
        assert!(found.iter().all(|d| d.fix().is_none()));
    }

    #[test]
    fn roles_lead_and_responsible_but_not_support() {
        let cells = |c: &[&str]| c.iter().map(|c| format!("\t{c}\n")).collect::<String>();
        let text = format!(
            "分工表\n{}\n{}\n{}\n{}",
            cells(&["序号", "重点任务", "牵头单位", "配合单位", "责任单位"]),
            cells(&["1", "甲", "", "", "县乙局"]),
            cells(&["2", "乙", "县甲局", "", ""]),
            cells(&["3", "丙", "县甲局", "", "县乙局"]),
        );
        let found = only(&text, Code::EmptyUnitCell);
        let said: Vec<_> = found
            .iter()
            .map(|d| (d.message(), d.help().unwrap_or_default()))
            .collect();
        assert_eq!(
            said,
            [
                (
                    "expected at least one lead unit for task 1, found an empty cell",
                    "write the task's lead units in this cell, separated by `、`"
                ),
                (
                    "expected at least one responsible unit for task 2, found an empty cell",
                    "write the task's responsible units in this cell, separated by `、`"
                ),
            ]
        );
    }
}
