//! Traps of documents in the wild, each in a short document and the values
//! it must read into: forms that public documents use beyond the fixtures'.

fn json(text: &str) -> serde_json::Value {
    let doc = fengong::parse(text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(doc.to_string(), text);
    serde_json::to_value(&doc).unwrap()
}

fn task(v: &serde_json::Value, path: &[usize]) -> serde_json::Value {
    // categories[path[0]]…tasks[last]
    let (last, heads) = path.split_last().unwrap();
    let mut node = v;
    for &k in heads {
        node = &node["categories"][k];
    }
    node["tasks"][*last].clone()
}

#[test]
fn a_deadline_in_a_group_of_its_own_after_the_clause() {
    let v = json("2023年工作要点分工方案\n\n一、目标\n1.推进项目建设。（牵头单位：市发改委；配合单位：市财政局）（2023年底前完成）\n");
    let t = task(&v, &[0, 0]);
    assert_eq!(t["text"], "推进项目建设。");
    assert_eq!(t["units"]["lead"][0], "市发改委");
    assert_eq!(t["deadline"], "2023年底前完成");
}

#[test]
fn a_clause_without_brackets_after_the_last_sentence() {
    let v = json("2023年工作要点分工方案\n\n一、目标\n1.推进城市更新。牵头单位：市住建局；配合单位：各区政府\n");
    let t = task(&v, &[0, 0]);
    assert_eq!(t["text"], "推进城市更新。");
    assert_eq!(t["units"]["support"][0], "各区政府");
}

#[test]
fn tasks_numbered_in_parentheses_with_their_units() {
    let v = json("监管工作分工方案\n\n一、优化环境\n（1）深化改革。（牵头单位：市市场监管局）\n（2）推进“证照分离”。（责任单位：市市场监管局）\n");
    assert_eq!(task(&v, &[0, 1])["number"], 2);
    assert_eq!(task(&v, &[0, 1])["text"], "推进“证照分离”。");
}

#[test]
fn sub_points_in_parentheses_without_units_stay_in_their_task() {
    let v = json("工作分工方案\n\n一、目标\n1.推进以下工作：\n（1）建设平台；\n（2）完善制度。\n牵头单位：市发改委\n");
    let t = task(&v, &[0, 0]);
    assert_eq!(t["text"], "推进以下工作：（1）建设平台；（2）完善制度。");
    assert_eq!(t["units"]["lead"][0], "市发改委");
}

#[test]
fn a_title_row_inside_the_table_above_its_header() {
    let v = json("附件\n\t2023年重点任务分工表\n\n\t序号\n\t重点任务\n\t牵头单位\n\n\t1\n\t推进项目。\n\t市发改委\n");
    assert_eq!(v["title"], "2023年重点任务分工表");
    assert_eq!(v["columns"][1], "重点任务");
    assert_eq!(v["tasks"][0]["units"]["lead"][0], "市发改委");
}

#[test]
fn heading_rows_with_the_numeral_in_the_number_cell() {
    let v = json("标题\n\t序号\n\t工作任务\n\t牵头单位\n\t配合单位\n\n\t一\n\t扩大有效投资\n\t\n\t\n\n\t1\n\t推进项目。\n\t市发改委\n\t市财政局\n\n\t二、\n\t提振消费\n\t\n\t\n\n\t2\n\t举办活动。\n\t市商务局\n\t\n");
    assert_eq!(v["categories"][0]["title"], "扩大有效投资");
    assert_eq!(v["categories"][1]["number"], 2);
    assert_eq!(task(&v, &[1, 0])["text"], "举办活动。");
}

#[test]
fn number_cells_lost_to_word_numbering() {
    let text = "标题\n\t序号\n\t工作任务\n\t牵头单位\n\n\t一、项目\n\n\t\n\t推进项目。\n\t市发改委\n\n\t\n\t推进更新。\n\t市住建局\n";
    let parsed = fengong::parse_tolerant(text);
    assert!(!parsed.has_errors());
    let numbers: Vec<u32> = parsed.document.tasks().map(|t| t.number()).collect();
    assert_eq!(numbers, [1, 2]);
}

#[test]
fn one_unit_per_line_of_a_cell() {
    let v = json("标题\n\t序号\n\t工作任务\n\t牵头单位\n\t配合单位\n\n\t1\n\t推进。\n\t市发改委\n\t市财政局\n市人社局\n市统计\n局\n");
    assert_eq!(
        v["tasks"][0]["units"]["support"],
        serde_json::json!(["市财政局", "市人社局", "市统计局"])
    );
}

#[test]
fn full_width_numbers_and_punctuation_in_number_cells() {
    let text = "标题\n\t序号\n\t工作任务\n\t牵头单位\n\n\t１\n\t推进。\n\t市发改委\n\n\t2.\n\t更新。\n\t市住建局\n";
    let parsed = fengong::parse_tolerant(text);
    assert!(!parsed.has_errors());
    let numbers: Vec<u32> = parsed.document.tasks().map(|t| t.number()).collect();
    assert_eq!(numbers, [1, 2]);
}

#[test]
fn a_box_drawing_table_is_an_error_not_a_wrong_document() {
    let text = "┌──┬────┐\n│序号│任务│\n├──┼────┤\n│1 │推进│\n└──┴────┘\n";
    let parsed = fengong::parse_tolerant(text);
    assert!(parsed.has_errors());
    assert_eq!(parsed.document.to_string(), text);
    // A table flattened onto one line, cells between spaces.
    let text = "附件 地震灾区来皖就业任务分解表 市 灾区劳动者来皖就业人数 合 肥 70 芜 湖 70\n";
    assert!(fengong::parse_tolerant(text).has_errors());
}

/// The one diagnostic of `text`, which prints back as it is: E004, for a
/// table that cannot be read row by row, with the help to convert it again.
fn unreadable_table(text: &str) -> fengong::Diagnostic {
    let parsed = fengong::parse_tolerant(text);
    assert_eq!(parsed.document.to_string(), text);
    let [error] = &parsed.diagnostics[..] else {
        panic!("{:#?}", parsed.diagnostics);
    };
    assert_eq!(error.code().as_str(), "E004");
    assert!(error
        .help()
        .is_some_and(|h| h.contains("starts a line with a tab")));
    error.clone()
}

/// A table flattened one cell per paragraph (as a web page's table is
/// copied): without tabs and blank lines its rows and empty cells cannot be
/// told apart, so it is an error that points at the header cell.
#[test]
fn a_table_whose_cells_lost_their_tabs_is_an_error_that_says_so() {
    for (text, label) in [
        (
            "重点任务分工表\n\n序号\n\n重点任务\n\n牵头单位\n\n1\n\n推进项目建设。\n\n市发改委\n",
            "序号",
        ),
        (
            "政务公开标准目录\n　　序 號\n公開事項\n1\n社會保險登記\n",
            "序 號",
        ),
        // Any label of the number column, as the header would read it.
        ("任务分工表\n\n编号\n\n工作任务\n\n责任单位\n", "编号"),
    ] {
        let error = unreadable_table(text);
        assert_eq!(&text[error.span().range()], label);
        assert!(error.message().contains("lost their tabs"), "{error:?}");
    }
    // Not when the label starts a cell: that is a table's header.
    assert!(!fengong::parse_tolerant(
        "表\n\t序号\n\t重点任务\n\t牵头单位\n\n\t1\n\t推进\n\t市发改委\n"
    )
    .has_errors());
}

/// A table drawn with box characters or pipes, or with a row's cells run
/// together on one line, is out of the family's scope: an error that
/// points at its header row and names its labels, not a wrong document.
#[test]
fn a_header_row_on_one_line_is_an_error_that_says_so() {
    for (text, header) in [
        (
            "附件\n\n重点任务分工表\n┌──┬────┐\n│序号│重点任务  │牵头单位│配合单位│\n├──┼────┤\n│1 │推进项目│市发改委│市财政局│\n└──┴────┘\n",
            "序号│重点任务  │牵头单位│配合单位",
        ),
        (
            "分工表\n\n| 序号 | 工作任务 | 责任单位 |\n|---|---|---|\n| 1 | 推进 | 市发改委 |\n",
            "序号 | 工作任务 | 责任单位",
        ),
        (
            "分工表\n序号　重点任务　牵头单位　配合单位　1　推进产业升级　市发改委　市财政局\n",
            "序号　重点任务　牵头单位　配合单位",
        ),
    ] {
        let error = unreadable_table(text);
        assert_eq!(&text[error.span().range()], header);
        assert!(error.message().contains("on one line"), "{error:?}");
        assert!(error.message().contains("`序号`, "), "{error:?}");
    }
    // A long header row lists its first labels and counts the others.
    let text = "表\n序号 工作任务 牵头单位 配合单位 责任领导 完成时限 备注 责任单位 1 推进\n";
    let error = unreadable_table(text);
    assert!(
        error
            .message()
            .contains("`完成时限`, … (2 more) on one line"),
        "{error:?}"
    );
    // A table without `序号`: the task column's label, then a units column.
    let text = "分工表\n|重点任务|牵头单位|配合单位|\n|推进|市发改委|市财政局|\n";
    let error = unreadable_table(text);
    assert_eq!(&text[error.span().range()], "重点任务|牵头单位|配合单位");
    // A line that starts with a label but names no other column, or the
    // task column followed by no units column, is not taken for a header
    // row.
    for text in ["说明\n序号 一 二\n", "说明\n工作任务 完成时限\n"] {
        let parsed = fengong::parse_tolerant(text);
        let [error] = &parsed.diagnostics[..] else {
            panic!("{:#?}", parsed.diagnostics);
        };
        assert!(!error.message().contains("on one line"), "{error:?}");
    }
}

/// `市商务局（牵头）`: a role word in brackets after a unit's name is its
/// role, in a cell and in a clause; a bracket that names a body
/// (`市交通委（市道运局）`) stays part of the name.
#[test]
fn a_role_in_brackets_after_a_name() {
    let table = "重点任务分工表\n\n\t序号\n\t重点任务\n\t责任单位\n\n\t1\n\t建设园区\n\t市商务局（牵头）、市自然资源局\n\n\t2\n\t推进交通\n\t市交通委（市道运局）、市公安局(配合)\n";
    let v = json(table);
    assert_eq!(
        v["tasks"][0]["units"]["lead"],
        serde_json::json!(["市商务局"])
    );
    assert_eq!(
        v["tasks"][0]["units"]["responsible"],
        serde_json::json!(["市自然资源局"])
    );
    assert_eq!(
        v["tasks"][1]["units"]["responsible"],
        serde_json::json!(["市交通委（市道运局）"])
    );
    assert_eq!(
        v["tasks"][1]["units"]["support"],
        serde_json::json!(["市公安局"])
    );
    // The name's span is the name's: a rename keeps the role word.
    let mut doc = fengong::parse(table).unwrap();
    assert_eq!(doc.rename_unit("市商务局", "市商务厅"), 1);
    assert!(doc
        .to_string()
        .contains("\t市商务厅（牵头）、市自然资源局\n"));
    // The canonical text reads back the same.
    let doc = fengong::parse(table).unwrap();
    let canonical = fengong::to_canonical_string(&doc);
    assert_eq!(fengong::parse(&canonical).unwrap(), doc);
    // A name set with a role in brackets would read back as that role:
    // `validate` says so.
    let mut doc = fengong::parse(table).unwrap();
    let named = vec![fengong::Unit::new("市公安局（配合）")];
    doc.task_mut(2)
        .unwrap()
        .set_role_units(fengong::UnitRole::Responsible, named);
    let invalid = doc.validate();
    assert_eq!(invalid.len(), 1, "{invalid:?}");
    assert!(invalid[0].reason.contains("role word"), "{invalid:?}");
    let list = "方案\n一、目标\n1.推进项目。（市商务局（牵头）、市财政局负责）\n";
    let t = task(&json(list), &[0, 0]);
    assert_eq!(t["units"]["lead"], serde_json::json!(["市商务局"]));
    assert_eq!(t["units"]["responsible"], serde_json::json!(["市财政局"]));
}

/// A task number in parentheses in a table's number cell (`（1）`) is the
/// task's number written loosely (W021, with a safe fix), not a heading
/// without a title.
#[test]
fn a_task_number_in_parentheses_in_the_number_cell() {
    let table = "重点任务分工表\n\n\t序号\n\t重点任务\n\t牵头单位\n\n\t（一）产业\n\n\t（1）\n\t推进项目\n\t市发改委\n\n\t(2)\n\t扩大投资\n\t市发改委\n";
    let v = json(table);
    let numbers: Vec<_> = (0..2)
        .map(|k| task(&v, &[0, k])["number"].clone())
        .collect();
    assert_eq!(numbers, [1, 2]);
    assert_eq!(task(&v, &[0, 1])["text"], "扩大投资");
    let fixed = fengong::lint::fix(table, &fengong::lint::LintConfig::default(), false);
    assert_eq!(fixed.applied, 2);
    assert!(
        fixed.text.contains("\n\t1\n\t推进项目\n") && fixed.text.contains("\n\t2\n\t扩大投资\n")
    );
    assert_eq!(
        fengong::parse(&fixed.text).unwrap(),
        fengong::parse(table).unwrap()
    );
    // A heading in digits with a title is still a heading (E007).
    let heading = table.replace("\t（1）\n", "\t（1）产业\n");
    let codes: Vec<&str> = fengong::parse_tolerant(&heading)
        .diagnostics
        .iter()
        .map(|d| d.code().as_str())
        .collect();
    assert!(codes.contains(&"E007"), "{codes:?}");
}

/// A role clause on a line of its own, after its task's text, is the
/// task's clause (it was read as part of the text, and the task had no
/// units: W015).
#[test]
fn a_role_clause_on_the_line_after_the_text() {
    let list = "方案\n一、目标\n1.推进改革，\n全面深化放管服改革。\n（牵头单位：市发改委；配合单位：市财政局，2023年底前完成）\n2.推进开放。\n　　（市商务局负责）\n";
    let v = json(list);
    let t = task(&v, &[0, 0]);
    assert_eq!(t["text"], "推进改革，全面深化放管服改革。");
    assert_eq!(t["units"]["lead"], serde_json::json!(["市发改委"]));
    assert_eq!(t["units"]["support"], serde_json::json!(["市财政局"]));
    assert_eq!(t["deadline"], "2023年底前完成");
    let t = task(&v, &[0, 1]);
    assert_eq!(t["text"], "推进开放。");
    assert_eq!(t["units"]["responsible"], serde_json::json!(["市商务局"]));
    let doc = fengong::parse(list).unwrap();
    assert!(fengong::lint::lint(&doc, list, &fengong::lint::LintConfig::default()).is_empty());
    // An edit of the units rewrites the clause where it is.
    let mut doc = doc;
    doc.task_mut(2).unwrap().set_role_units(
        fengong::UnitRole::Responsible,
        vec![fengong::Unit::new("市商务厅")],
    );
    assert_eq!(
        doc.to_string(),
        list.replace("（市商务局负责）", "（市商务厅负责）")
    );
    assert_eq!(fengong::parse(&doc.to_string()).unwrap(), doc);
}

/// A role clause wrapped over lines (`（牵头单位：…，` then `配合单位：…、`
/// then `…）`) is read whole: its last line was taken for an unnumbered
/// heading, and its units were lost. A clause never closed is still W017.
#[test]
fn a_role_clause_wrapped_over_lines() {
    let list = "方案\n一、目标\n1.推进项目建设。（牵头单位：市发改委，\n配合单位：市财政局、\n市自然资源局）\n2.强化考核。（市委督查室负责，\n长期坚持）。\n3.推进开放。（牵头单位：甲局，\n配合单位：乙局\n";
    let v = json(list);
    let t = task(&v, &[0, 0]);
    assert_eq!(t["text"], "推进项目建设。");
    assert_eq!(t["units"]["lead"], serde_json::json!(["市发改委"]));
    assert_eq!(
        t["units"]["support"],
        serde_json::json!(["市财政局", "市自然资源局"])
    );
    let t = task(&v, &[0, 1]);
    assert_eq!(t["text"], "强化考核。");
    assert_eq!(t["units"]["responsible"], serde_json::json!(["市委督查室"]));
    assert_eq!(t["deadline"], "长期坚持");
    assert_eq!(v["categories"][0]["categories"], serde_json::Value::Null);
    let parsed = fengong::parse_tolerant(list);
    let codes: Vec<&str> = parsed
        .diagnostics
        .iter()
        .map(|d| d.code().as_str())
        .collect();
    assert_eq!(codes, ["W017"]);
    assert_eq!(
        parsed.diagnostics[0].span().start,
        list.find("（牵头单位：甲局").unwrap()
    );
    // An edit of the units rewrites the clause, and reads back.
    let mut doc = fengong::parse(list).unwrap();
    doc.task_mut(1).unwrap().set_role_units(
        fengong::UnitRole::Support,
        vec![fengong::Unit::new("市商务局")],
    );
    let out = doc.to_string();
    assert!(out.starts_with("方案\n一、目标\n1.推进项目建设。（牵头单位：市发改委，"));
    assert!(out.contains("市商务局"), "{out}");
    assert_eq!(fengong::parse(&out).unwrap(), doc);
    assert!(out.ends_with("\n2.强化考核。（市委督查室负责，\n长期坚持）。\n3.推进开放。（牵头单位：甲局，\n配合单位：乙局\n"));
}

/// A label line whose value wraps (it ends with `、`, or is empty with the
/// names below): the next lines of text are its value (the last one was
/// read as an unnumbered heading, and its unit lost).
#[test]
fn a_label_line_wrapped_over_lines() {
    let list = "方案\n一、目标\n1.推进项目建设。\n牵头单位：市发改委\n配合单位：市财政局、市住建局、\n市自然资源局\n2.推进改革。\n责任单位：\n市商务局、\n市海关\n完成时限：年内\n";
    let v = json(list);
    let t = task(&v, &[0, 0]);
    assert_eq!(
        t["units"]["support"],
        serde_json::json!(["市财政局", "市住建局", "市自然资源局"])
    );
    let t = task(&v, &[0, 1]);
    assert_eq!(t["text"], "推进改革。");
    assert_eq!(
        t["units"]["responsible"],
        serde_json::json!(["市商务局", "市海关"])
    );
    assert_eq!(t["deadline"], "年内");
    assert_eq!(v["categories"][0]["categories"], serde_json::Value::Null);
    let doc = fengong::parse(list).unwrap();
    assert!(fengong::lint::lint(&doc, list, &fengong::lint::LintConfig::default()).is_empty());
    // An edit of the wrapped value rewrites it on its label's line.
    let mut doc = doc;
    doc.task_mut(1).unwrap().set_role_units(
        fengong::UnitRole::Support,
        vec![fengong::Unit::new("市商务局")],
    );
    let out = doc.to_string();
    assert_eq!(
        out,
        list.replace(
            "配合单位：市财政局、市住建局、\n市自然资源局\n",
            "配合单位：市商务局\n"
        )
    );
    assert_eq!(fengong::parse(&out).unwrap(), doc);
    // A value that does not end with a separator ends on its line.
    let apart = "方案\n一、目标\n1.推进项目建设。\n牵头单位：市发改委\n加强基础设施建设\n2.推进改革。\n责任单位：市商务局\n";
    let v = json(apart);
    assert_eq!(
        v["categories"][0]["categories"][0]["title"],
        "加强基础设施建设"
    );
}

#[test]
fn pinyin_glosses_are_left_out_of_every_value() {
    use fengong::diagnostic::Code;
    use fengong::lint::{check, fix, LintConfig};
    // A list copied from a page that glosses some characters, in the text,
    // the units and the heading.
    let list = "实施意见\n\n一、推进农(nóng)业现代化\n1.推進農(nóng)業現(xiàn)代化,鼓勵城鄉(xiāng)勞動者就業。(責任單位:市發(fā)改委、市農(nóng)委、市統(tǒng)計局)\n2.推进(试点)工作(a)。(牵头单位:市商务局)\n";
    let v = json(list);
    assert_eq!(v["categories"][0]["title"], "推进农业现代化");
    let t = task(&v, &[0, 0]);
    assert_eq!(t["text"], "推進農業現代化,鼓勵城鄉勞動者就業。");
    assert_eq!(
        t["units"]["responsible"],
        serde_json::json!(["市發改委", "市農委", "市統計局"])
    );
    // Parentheses that hold no syllable with a tone mark stay text.
    assert_eq!(task(&v, &[0, 1])["text"], "推进(试点)工作(a)。");
    let found = check(list, &LintConfig::default());
    let glosses: Vec<_> = found
        .iter()
        .filter(|d| d.code() == Code::ExtractionArtifact)
        .map(|d| &list[d.span().range()])
        .collect();
    assert_eq!(
        glosses,
        ["(nóng)", "(nóng)", "(xiàn)", "(xiāng)", "(fā)", "(nóng)", "(tǒng)"]
    );
    assert!(found[0].message().contains("pinyin gloss"), "{found:#?}");

    // In a table, the safe fix deletes them, and the values stay the same.
    let table = "附件\n重点任务分工表\n\t序号\n\t重点任务\n\t牵头单位\n\n\t1\n\t推進農(nóng)業現代化\n\t市發(fā)改委、市農(nóng)委\n";
    let doc = fengong::parse(table).unwrap();
    let t = doc.task(1).unwrap();
    assert_eq!(t.text(), "推進農業現代化");
    let fixed = fix(table, &LintConfig::default(), false);
    assert_eq!(
        fixed.text,
        "附件\n重点任务分工表\n\t序号\n\t重点任务\n\t牵头单位\n\n\t1\n\t推進農業現代化\n\t市發改委、市農委\n"
    );
    assert_eq!(fengong::parse(&fixed.text).unwrap(), doc);
    // A value set to hold one would not read back: `validate` says so.
    let mut doc = doc.into_owned();
    doc.task_mut(1).unwrap().set_text("推進農(nóng)業");
    let invalid = doc.validate();
    assert_eq!(invalid.len(), 1, "{invalid:?}");
    assert!(invalid[0].reason.contains("pinyin gloss"), "{invalid:?}");
    // Nor would a conversion's marker: each is told for what it is.
    doc.task_mut(1).unwrap().set_text("推進農[bookmark: x]業");
    let invalid = doc.validate();
    assert_eq!(invalid.len(), 1, "{invalid:?}");
    assert!(invalid[0].reason.contains("`[bookmark:`"), "{invalid:?}");
    doc.task_mut(1).unwrap().set_text("推進農(nong)業");
    assert!(doc.validate().is_empty());
}

/// A header of two rows: a label spanning two columns in a merged cell
/// (`责任单位` over `牵头单位` and `配合单位`), the labels of those columns
/// in the row below, with an empty cell under each label spanning both rows
/// (as Word writes a merged cell's lower part), or without them.
#[test]
fn a_header_of_two_rows_under_a_merged_label() {
    use fengong::lint::{check, LintConfig};
    let body = "\t一、稳增长\n\n\t1\n\t推动消费回升\n\t市商务局\n\t市发改委、市财政局\n\t12月底\n";
    let head = "附件\n重点任务分工表\n\t序号\n\t重点任务\n\t责任单位\n\t完成时限\n\n";
    for below in [
        "\t\n\t\n\t牵头单位\n\t配合单位\n\t\n\n",
        "\t牵头单位\n\t配合单位\n\n",
    ] {
        let text = format!("{head}{below}{body}");
        let v = json(&text);
        assert_eq!(
            v["columns"],
            serde_json::json!(["序号", "重点任务", "牵头单位", "配合单位", "完成时限"])
        );
        let t = task(&v, &[0, 0]);
        assert_eq!(t["units"]["lead"], serde_json::json!(["市商务局"]));
        assert_eq!(
            t["units"]["support"],
            serde_json::json!(["市发改委", "市财政局"])
        );
        assert_eq!(t["deadline"], "12月底");
        assert!(check(&text, &LintConfig::default()).is_empty());
        // An edit keeps both header rows as they were.
        let mut doc = fengong::parse(&text).unwrap();
        doc.task_mut(1).unwrap().set_text("推动消费");
        assert_eq!(doc.to_string(), text.replace("推动消费回升", "推动消费"));
        // The canonical text writes the header in one row, read the same.
        let canonical = fengong::to_canonical_string(&doc);
        assert_eq!(fengong::parse(&canonical).unwrap(), doc);
    }
    // A second row that names no role is the table's first row.
    let text = format!("{head}\t\n\t\n\t牵头单位\n\t其他\n\t\n\n{body}");
    assert!(fengong::parse(&text).is_err());

    // Two places under `责任单位`: the seed's two levels.
    let levels = "附件：\n东疆重点任务清单和责任分工表\n\t序号\n\t工作任务\n\t责任单位\n\n\t\n\t\n\t滨海新区\n\t东疆\n\n\t（一）加大援企稳岗力度\n\t1\n\t降低失业保险缴费费率。\n\t区人社局\n\t人社局\n";
    let v = json(levels);
    assert_eq!(
        v["columns"],
        serde_json::json!(["序号", "工作任务", "滨海新区责任单位", "东疆责任单位"])
    );
    let t = task(&v, &[0, 0]);
    assert_eq!(t["units"]["district"], serde_json::json!(["区人社局"]));
    assert_eq!(t["units"]["local"], serde_json::json!(["人社局"]));
    let doc = fengong::parse(levels).unwrap();
    assert_eq!(
        doc.header().place(fengong::UnitRole::District),
        Some("滨海新区")
    );
    assert_eq!(
        fengong::parse(&fengong::to_canonical_string(&doc)).unwrap(),
        doc
    );
    // Bodies under `责任单位` are a task row's units, not places, in the
    // traditional forms too.
    for (one, two) in [("市发改委", "市财政局"), ("市政府辦", "市財政廳")] {
        let bodies = format!(
            "附件\n表\n\t序号\n\t重点任务\n\t责任单位\n\n\t\n\t\n\t{one}\n\t{two}\n\n\t1\n\t推进\n\t甲\n"
        );
        let parsed = fengong::parse_tolerant(&bodies);
        assert_eq!(parsed.document.columns(), ["序号", "重点任务", "责任单位"]);
    }
}

/// Units separated by white space instead of `、` (`市发改委 市财政局`):
/// a space or an ideographic space after a whole name and before another
/// separates them, in a cell and in a clause; white space inside a name
/// (`合 肥`), or before a role word, stays as it was.
#[test]
fn units_separated_by_white_space() {
    use fengong::lint::{check, fix, LintConfig};
    let table = "附件\n重点任务分工表\n\t序号\n\t重点任务\n\t牵头单位\n\t配合单位\n\n\t1\n\t推进项目建设。\n\t市发改委 市财政局\n\t市统计局　市商务局、合 肥市 配合\n";
    let v = json(table);
    let t = task(&v, &[0]);
    assert_eq!(
        t["units"]["lead"],
        serde_json::json!(["市发改委", "市财政局"])
    );
    assert_eq!(
        t["units"]["support"],
        serde_json::json!(["市统计局", "市商务局", "合 肥市"])
    );
    // W018 reports each such run, and its safe fix writes the `、`: the
    // document reads the same. No fix deletes the white space.
    let found = check(table, &LintConfig::default());
    let runs: Vec<_> = found
        .iter()
        .map(|d| (d.code().as_str(), &table[d.span().range()]))
        .collect();
    assert_eq!(runs, [("W018", " "), ("W018", "　")]);
    assert_eq!(
        found[0].message(),
        "expected `、` between two unit names, found a space"
    );
    let fixed = fix(table, &LintConfig::default(), false);
    assert_eq!(
        fengong::parse(&fixed.text).unwrap(),
        fengong::parse(table).unwrap()
    );
    assert!(
        fixed.text.contains("\t市发改委、市财政局\n"),
        "{}",
        fixed.text
    );
    assert!(
        fixed.text.contains("\t市统计局、市商务局、合 肥市 配合\n"),
        "{}",
        fixed.text
    );
    // The canonical text writes `、`, and reads back the same.
    let doc = fengong::parse(table).unwrap();
    let canonical = fengong::to_canonical_string(&doc);
    assert!(canonical.contains("\t市发改委、市财政局\n"), "{canonical}");
    assert_eq!(fengong::parse(&canonical).unwrap(), doc);

    // The seed's two levels, and a list's clause.
    let levels = "附件：\n东疆重点任务清单和责任分工表\n\t序号\n\t工作任务\n\t滨海新区责任单位\n\t东疆责任单位\n\n\t（一）加大援企稳岗力度\n\t1\n\t降低失业保险缴费费率。\n\t区人社局 区财政局\n\t人社局\n";
    let t = task(&json(levels), &[0, 0]);
    assert_eq!(
        t["units"]["district"],
        serde_json::json!(["区人社局", "区财政局"])
    );
    let found = check(levels, &LintConfig::default());
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].code().as_str(), "W018");
    let list = "实施方案\n\n一、总体要求\n1.推进项目建设。（牵头单位：市发改委 市财政局；配合单位：市统计局）\n";
    let t = task(&json(list), &[0, 0]);
    assert_eq!(
        t["units"]["lead"],
        serde_json::json!(["市发改委", "市财政局"])
    );
    assert_eq!(t["text"], "推进项目建设。");

    // A name set to hold such white space would not read back as one:
    // `validate` says so.
    let mut doc = doc.into_owned();
    let units = doc.task(1).unwrap().units().clone();
    let units = units.with(fengong::UnitRole::Lead, ["市发改委 市财政局"]);
    doc.task_mut(1).unwrap().set_units(units);
    let invalid = doc.validate();
    assert_eq!(invalid.len(), 1, "{invalid:?}");
    assert!(invalid[0].reason.contains("separates units"), "{invalid:?}");
}

/// A task of a list whose clause names its units alone, without a label or
/// a role word (`（市发展改革委、市财政局）`): a task, not a heading; a
/// heading's own note in brackets stays part of its title.
#[test]
fn a_clause_of_unit_names_alone_closes_a_task() {
    let text = "实施意见\n\n一、总体要求\n（一）建立联动机制。优先安排。（市发展改革委、市财政局）\n（二）发展产业。（市商务局等负责）\n二、推进试点（试点单位）\n（三）深化改革。（市工商局）\n";
    let v = json(text);
    let t = task(&v, &[0, 0]);
    assert_eq!(t["number"], 1);
    assert_eq!(t["text"], "建立联动机制。优先安排。");
    assert_eq!(
        t["units"]["responsible"],
        serde_json::json!(["市发展改革委", "市财政局"])
    );
    assert_eq!(task(&v, &[0, 1])["number"], 2);
    assert_eq!(v["categories"][1]["title"], "推进试点（试点单位）");
    assert_eq!(
        task(&v, &[1, 0])["units"]["responsible"],
        serde_json::json!(["市工商局"])
    );
    let found = fengong::lint::check(text, &fengong::lint::LintConfig::default());
    assert!(found.is_empty(), "{found:#?}");
}
