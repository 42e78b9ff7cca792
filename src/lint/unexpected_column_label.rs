//! W011 `unexpected-column-label`: a header label that names no role
//! fengong knows (牵头单位, 配合单位, 责任单位, a place followed by
//! 责任单位, 责任领导, 完成时限, 备注, …), or that fengong reads as another
//! role than the label says (the number and task columns of a header
//! without `序号` or a known task label). No fix: only the author knows
//! what the column holds.

use crate::diagnostic::{quote, Code, Diagnostic};
use crate::model::{NUMBER_LABEL, TASK_LABEL, UNITS_SUFFIX};
use crate::{Role, UnitRole};

use super::Context;

/// W011: a column whose label names no role fengong knows (its cells are
/// kept as they are), or that fengong reads as another role than its label
/// says (the number and task columns of a header without `序号` or a known
/// task label).
pub(crate) fn check(cx: &Context<'_, '_>, out: &mut Vec<Diagnostic>) {
    for column in cx.doc.header() {
        let Some(span) = cx.checked(column.span()) else {
            continue;
        };
        let label = column.label();
        let said = Role::of_label(label);
        let agrees = match (said, column.role()) {
            (Role::Units(UnitRole::Responsible), Role::Units(_)) => true,
            (said, role) => said == role,
        };
        if agrees && said != Role::Other {
            continue;
        }
        let (expected, help) = match column.role() {
            Role::Number => (
                format!("the label {NUMBER_LABEL} for the number column"),
                format!("write {NUMBER_LABEL}; fengong reads the first column as the task numbers"),
            ),
            Role::Text => (
                format!("a task label such as {TASK_LABEL} for the task column"),
                format!(
                    "write {TASK_LABEL} (or 重点任务, 重点项目, 具体措施); fengong reads this column as the tasks' text"
                ),
            ),
            _ => (
                format!(
                    "a column label such as 牵头单位, 配合单位, 责任单位, a place followed by {UNITS_SUFFIX} (滨海新区{UNITS_SUFFIX}), 责任领导, 完成时限 or 备注"
                ),
                "name the column's role with one of these labels; fengong keeps the cells of a column it does not know as they are".to_string(),
            ),
        };
        out.push(
            Diagnostic::expected(
                Code::UnexpectedColumnLabel,
                span,
                &expected,
                &quote(label, 20),
            )
            .with_static_label("not a label fengong knows")
            .with_help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn column_labels() {
        let text = "附件：\n\t编号\n\t工作任务\n\t滨海新区\n\t东疆责任单位\n\n\t（一）类\n";
        // `编号` is a number label too; `滨海新区` names no role.
        let found = only(text, Code::UnexpectedColumnLabel);
        let messages: Vec<_> = found.iter().map(|d| d.message()).collect();
        assert_eq!(
            messages,
            [
                "expected a column label such as 牵头单位, 配合单位, 责任单位, a place followed by 责任单位 (滨海新区责任单位), 责任领导, 完成时限 or 备注, found `滨海新区`",
            ]
        );
    }
}
