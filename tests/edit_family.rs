//! Edits of documents of other layouts than the seed's (`fixtures/family`):
//! tables whose columns are lead, support, responsible, and list documents
//! with role clauses, unlabeled clauses and label lines. Each edit changes
//! exactly the bytes it should, in the paragraph's own style, and the
//! edited text reads back as the edited document.

use fengong::{Document, Unit, UnitRole};

fn read(name: &str) -> String {
    let path = format!("{}/fixtures/family/{name}.txt", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap();
    fengong::source::decode(&bytes).unwrap().text().to_string()
}

/// Applies `edit` to the parsed `text`; checks the output reads back as the
/// edited document and returns it.
fn edited(text: &str, edit: impl FnOnce(&mut Document<'_>)) -> String {
    let mut doc = fengong::parse(text).unwrap();
    edit(&mut doc);
    let out = doc.to_string();
    let again = fengong::parse(&out).unwrap_or_else(|e| panic!("{e}\n{out}"));
    assert_eq!(again, doc, "{out}");
    out
}

fn units(names: &[&str]) -> Vec<Unit<'static>> {
    names.iter().map(|n| Unit::new(n.to_string())).collect()
}

#[test]
fn a_lead_and_support_table() {
    let text = read("table_lead_support");
    let out = edited(&text, |doc| {
        assert_eq!(doc.rename_unit("市商务局", "市商务委"), 2);
    });
    assert_eq!(out, text.replace("市商务局", "市商务委"));
    // The empty support cell of task 3 gets its unit; task 1 gains one and
    // loses one with its separator; task 2's text cell alone changes.
    let out = edited(&text, |doc| {
        doc.task_mut(3)
            .unwrap()
            .set_role_units(UnitRole::Support, units(&["市财政局"]));
        let task = doc.task_mut(1).unwrap();
        task.add_unit(UnitRole::Support, "市统计局");
        assert!(task.remove_unit(UnitRole::Support, "市自然资源局"));
        assert!(!task.remove_unit(UnitRole::Lead, "市自然资源局"));
        doc.task_mut(2).unwrap().set_text("推进城市更新。");
    });
    let expected = text
        .replace(
            "\t市发展改革委\n\t市财政局、市自然资源局、各区政府\n",
            "\t市发展改革委\n\t市财政局、各区政府、市统计局\n",
        )
        .replace(
            "\t推进城市更新，启动老旧小区改造120个。\n",
            "\t推进城市更新。\n",
        )
        .replace(
            "50场以上。\n\t市商务局\n\t\n",
            "50场以上。\n\t市商务局\n\t市财政局\n",
        );
    assert_eq!(out, expected);
}

#[test]
fn role_words_in_a_cell_keep_their_groups() {
    let text = read("table_roles_in_cells");
    let out = edited(&text, |doc| {
        doc.task_mut(2)
            .unwrap()
            .add_unit(UnitRole::Support, "市税务局");
    });
    assert_eq!(out, text.replace("市财政局配合", "市财政局、市税务局配合"));
    // A role without a column of its own goes into the unit cell with its
    // role word.
    let out = edited(&text, |doc| {
        doc.task_mut(2)
            .unwrap()
            .set_role_units(UnitRole::Responsible, units(&["团市委"]));
    });
    assert_eq!(
        out,
        text.replace(
            "\t市人力资源社会保障局牵头，市财政局配合\n",
            "\t市人力资源社会保障局牵头，团市委，市财政局配合\n"
        )
    );
}

#[test]
fn role_clauses_of_a_list() {
    let text = read("list_clause_notice");
    let out = edited(&text, |doc| {
        assert_eq!(doc.rename_unit("市发展改革委", "市发改委"), 2);
        assert!(doc
            .task_mut(1)
            .unwrap()
            .remove_unit(UnitRole::Support, "市统计局"));
        doc.task_mut(3)
            .unwrap()
            .set_role_units(UnitRole::Support, Vec::new());
        doc.task_mut(4)
            .unwrap()
            .set_role_units(UnitRole::Support, units(&["市财政局"]));
        let task = doc.task_mut(2).unwrap();
        task.set_text("新开工项目300个。");
        task.set_number(9);
    });
    let expected = text
        .replace("市发展改革委", "市发改委")
        .replace("配合单位：市统计局、各区人民政府", "配合单位：各区人民政府")
        .replace(
            "2.实施“项目建设年”行动，新开工项目200个以上（含续建项目）。",
            "9.新开工项目300个。",
        )
        .replace(
            "（牵头单位：市人力资源社会保障局，配合单位：各区人民政府）",
            "（牵头单位：市人力资源社会保障局）",
        )
        .replace(
            "（牵头单位：市教育局）",
            "（牵头单位：市教育局；配合单位：市财政局）",
        );
    assert_eq!(out, expected);
}

#[test]
fn label_lines_of_a_list() {
    let text = read("list_label_lines_gb18030");
    let out = edited(&text, |doc| {
        // A new label line after the last one, in its format; a label line
        // left empty goes, with the blank line before it.
        doc.task_mut(3)
            .unwrap()
            .set_role_units(UnitRole::Responsible, units(&["各乡镇"]));
        doc.task_mut(1)
            .unwrap()
            .set_role_units(UnitRole::Responsible, Vec::new());
        doc.task_mut(2)
            .unwrap()
            .set_role_units(UnitRole::Lead, units(&["县统计局", "县发改局"]));
    });
    let expected = text
        .replace(
            "完成时限:2023年12月\n",
            "完成时限:2023年12月\n\n责任单位:各乡镇\n",
        )
        .replace("\n\n责任单位:各乡镇,县直有关部门\n", "\n")
        .replace("牵头单位：县统计局", "牵头单位：县统计局、县发改局");
    assert_eq!(out, expected);
}

#[test]
fn unlabeled_clauses_keep_their_role_words() {
    let text = read("list_unlabeled_traditional");
    let out = edited(&text, |doc| {
        doc.task_mut(1)
            .unwrap()
            .set_role_units(UnitRole::Support, units(&["市統計局"]));
        assert!(doc
            .task_mut(3)
            .unwrap()
            .remove_unit(UnitRole::Responsible, "市住房城鄉建設委"));
    });
    let expected = text
        .replace(
            "(市發展改革委、市統計局負責,年內持續推進)",
            "(市發展改革委、市統計局負責,市統計局配合,年內持續推進)",
        )
        .replace("(市交通委、市住房城鄉建設委分別負責", "(市交通委分別負責");
    assert_eq!(out, expected);
}

#[test]
fn inserting_and_renumbering_in_a_list() {
    let text = read("list_brackets_crlf");
    let out = edited(&text, |doc| {
        let task = fengong::Task::new(
            0,
            "开展营商环境评价。",
            fengong::UnitMapping::default().with(UnitRole::Lead, ["区发改局"]),
        );
        doc.insert_task(0, 1, task).unwrap();
        assert_eq!(doc.renumber(), 3);
    });
    let expected = text
        .replace(
            "2、开展“万人助万企”活动。",
            "2.开展营商环境评价。（牵头单位：区发改局）\r\n3、开展“万人助万企”活动。",
        )
        .replace("3、完成主干道", "4、完成主干道");
    assert_eq!(out, expected);
}
