//! Unit tests of the columns: labels read into roles, levels, folding.

use super::*;

#[test]
fn labels_of_the_family() {
    for (label, role) in [
        ("序号", Role::Number),
        ("序號", Role::Number),
        ("工作任务", Role::Text),
        ("重点项目", Role::Text),
        ("具體措施", Role::Text),
        ("牵头单位", Role::Units(UnitRole::Lead)),
        ("牵头组织实施单位", Role::Units(UnitRole::Lead)),
        ("协办单位", Role::Units(UnitRole::Support)),
        ("參與單位", Role::Units(UnitRole::Support)),
        ("责任部门", Role::Units(UnitRole::Responsible)),
        ("滨海新区责任单位", Role::Units(UnitRole::Responsible)),
        ("责任领导", Role::Leaders),
        ("分管市领导", Role::Leaders),
        ("完成时限", Role::Deadline),
        ("時限要求", Role::Deadline),
        ("备注", Role::Remarks),
        ("经费", Role::Other),
    ] {
        assert_eq!(Role::of_label(label), role, "{label}");
    }
}

#[test]
fn a_role_held_twice_is_a_column_of_its_own() {
    let c = Columns::from_labels(["序号", "工作任务", "责任部门", "责任部门", "备注", "说明"]);
    let roles: Vec<Role> = c.iter().map(Column::role).collect();
    assert_eq!(
        roles,
        [
            Role::Number,
            Role::Text,
            Role::Units(UnitRole::Responsible),
            Role::Other,
            Role::Remarks,
            Role::Other
        ]
    );
    // A wrapped label (a tab inside) is read as its role is.
    let c = Columns::from_labels(["序号", "工作任务", "区区区责\t任单位", "区区责任单位"]);
    assert!(c.has_levels());
}

#[test]
fn two_place_columns_are_the_levels() {
    let c = Columns::from_labels(["序号", "工作任务", "市级责任单位", "区级责任单位"]);
    assert!(c.has_levels());
    assert_eq!(c.place(UnitRole::Local), Some("区级"));
    let one = Columns::from_labels(["序号", "工作任务", "市级责任单位"]);
    assert_eq!(one.role(2), Some(Role::Units(UnitRole::Responsible)));
    assert!(!one.has_levels());
}

/// The classification as it was written before the quick reject and
/// the buffer on the stack: a folded `String`.
fn classify_by_string(label: &str) -> (Role, bool) {
    let folded: String = label
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(fold)
        .collect();
    let l = folded.trim_end_matches([':', '：']);
    let role = match l {
        "序号" | "编号" | "序" | "号" => Role::Number,
        "备注" | "说明" => Role::Remarks,
        "完成时限" | "完成时间" | "时间节点" | "时限要求" | "时限" | "完成期限" | "办结时限"
        | "时间安排" | "进度安排" | "完成时间节点" => Role::Deadline,
        _ if l.ends_with("领导") => Role::Leaders,
        "牵头单位" | "牵头部门" | "牵头组织实施单位" | "主责单位" | "牵头责任单位" => {
            Role::Units(UnitRole::Lead)
        }
        "配合单位" | "协办单位" | "协助单位" | "参与单位" | "配合部门" | "协办部门"
        | "参与部门" | "协同单位" => Role::Units(UnitRole::Support),
        "责任单位" => return (Role::Units(UnitRole::Responsible), true),
        "责任部门" | "责任主体" | "承办单位" | "实施单位" => {
            Role::Units(UnitRole::Responsible)
        }
        _ if l.ends_with("责任单位") => return (Role::Units(UnitRole::Responsible), true),
        _ if TEXT_LABELS.contains(&l) => Role::Text,
        _ => Role::Other,
    };
    (role, false)
}

#[test]
fn classify_agrees_with_the_folded_string() {
    let labels = [
        "序号",
        "编 号",
        "序",
        "號：",
        "备注",
        "說明",
        "完成时限",
        "完成時間",
        "时间节点",
        "时限要求",
        "时限",
        "完成期限",
        "办结时限",
        "时间安排",
        "进度安排",
        "完成时间节点",
        "领导",
        "分管市领导",
        "一个很长很长很长的名字的分管市领导",
        "牵头单位",
        "牵頭部門",
        "牵头组织实施单位",
        "主责单位",
        "牵头责任单位",
        "配合单位",
        "协办单位",
        "协助单位",
        "参与单位",
        "配合部门",
        "协办部门",
        "参与部门",
        "协同单位",
        "责任单位",
        "责任部门",
        "责任主体",
        "承办单位",
        "实施单位",
        "滨海新区责任单位",
        "一个很长很长很长很长很长的地方的责任单位：",
        "经费",
        "",
        "：",
        " : ：",
        "单位",
        "位",
        "联系人",
        "部门分工",
        "一二三四五六七八九十一二三四五六七八九十任务",
        "十二个字的标签名称完成时限",
    ];
    // The task column's labels, as the classifier knows them.
    for label in labels.into_iter().chain(TEXT_LABELS) {
        assert_eq!(classify(label), classify_by_string(label), "{label:?}");
    }
}

#[test]
fn fold_into_a_buffer() {
    let mut buf = [0u8; 12];
    assert_eq!(fold_into("牽頭單位", &mut buf), Some("牵头单位"));
    assert_eq!(fold_into("牽頭單位甲", &mut buf), None);
    assert_eq!(fold_into("", &mut buf), Some(""));
}

#[test]
fn folded_affixes() {
    assert_eq!(ends_with_folded("甲負責", "负责"), Some(6));
    assert_eq!(ends_with_folded("头", "牵头"), None);
}
