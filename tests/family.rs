//! Documents of the family in every layout fengong reads (`fixtures/family`):
//! tables of other column sets than the seed's, and list documents with
//! role clauses or label lines, in UTF-8, GB18030 and with CRLF line
//! endings. Each one's JSON (`*.json`, reviewed by hand) is what
//! `fengong parse` prints; each prints back byte for byte, reads back the
//! same from its canonical text and from its JSON, and `check` finds what
//! the fixture's README says.

use std::path::Path;

use fengong::lint::LintConfig;
use fengong::source::Encoding;
use fengong::{Document, Layout, LineEnding};

const DIR: &str = "fixtures/family";

/// Every fixture, with the codes `check` gives on it.
const FIXTURES: &[(&str, &[&str])] = &[
    ("table_lead_support", &[]),
    ("table_lead_responsible_gb18030", &[]),
    ("table_responsible_only_crlf", &[]),
    ("table_leaders_deadline", &[]),
    ("table_roles_in_cells", &[]),
    ("table_two_places_deadline", &[]),
    ("table_remarks_unknown_column", &["W011"]),
    ("table_no_number_column", &[]),
    ("table_two_row_header", &[]),
    ("list_clause_notice", &[]),
    ("list_brackets_crlf", &[]),
    ("list_leaders_in_clause", &[]),
    ("list_tortoise_brackets", &["W001"]),
    ("list_label_lines_gb18030", &[]),
    ("list_label_role_words", &[]),
    ("list_unlabeled_traditional", &["W014", "W014"]),
    ("list_first_listed", &[]),
    ("list_no_headings", &[]),
    ("list_unlabeled_units", &[]),
    (
        "list_pinyin_glosses",
        &["W005", "W005", "W005", "W005", "W005", "W005"],
    ),
];

fn read(name: &str, ext: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(DIR)
        .join(format!("{name}.{ext}"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn decoded(name: &str) -> (String, Encoding) {
    let bytes = read(name, "txt");
    let decoded = fengong::source::decode(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
    (decoded.text().to_string(), decoded.encoding())
}

#[test]
fn every_fixture_is_listed_and_described() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(DIR);
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter_map(|n| n.strip_suffix(".txt").map(str::to_string))
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = FIXTURES.iter().map(|(n, _)| n.to_string()).collect();
    listed.sort();
    assert_eq!(on_disk, listed);
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
    for name in &listed {
        assert!(
            readme.contains(&format!("`{name}.txt`")),
            "README lacks {name}"
        );
    }
    // At least six tables of different column sets, and lists.
    let tables = listed.iter().filter(|n| n.starts_with("table_")).count();
    assert!(tables >= 6);
}

#[test]
fn json_is_the_reviewed_one() {
    for (name, _) in FIXTURES {
        let (text, _) = decoded(name);
        let doc = fengong::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut json = serde_json::to_string_pretty(&doc).unwrap();
        json.push('\n');
        let expected = String::from_utf8(read(name, "json")).unwrap();
        assert_eq!(json, expected, "{name}");
    }
}

#[test]
fn layouts_encodings_and_line_endings() {
    for (name, _) in FIXTURES {
        let (text, encoding) = decoded(name);
        let doc = fengong::parse(&text).unwrap();
        let layout = if name.starts_with("list_") {
            Layout::List
        } else {
            Layout::Table
        };
        assert_eq!(doc.layout(), layout, "{name}");
        assert_eq!(doc.columns().is_empty(), layout == Layout::List, "{name}");
        let want = if name.ends_with("_gb18030") {
            Encoding::Gb18030
        } else {
            Encoding::Utf8
        };
        assert_eq!(encoding, want, "{name}");
        let eol = if name.ends_with("_crlf") {
            LineEnding::CrLf
        } else {
            LineEnding::Lf
        };
        assert_eq!(doc.line_ending(), eol, "{name}");
    }
}

#[test]
fn every_fixture_prints_back_byte_for_byte() {
    for (name, _) in FIXTURES {
        let bytes = read(name, "txt");
        let decoded = fengong::source::decode(&bytes).unwrap();
        let doc = fengong::parse(decoded.text()).unwrap();
        let text = doc.to_string();
        assert_eq!(text, decoded.text(), "{name}");
        let again = fengong::source::encode(&text, decoded.encoding(), decoded.has_bom()).unwrap();
        assert_eq!(again, bytes, "{name}");
    }
}

#[test]
fn canonical_text_and_json_read_back_the_same() {
    for (name, _) in FIXTURES {
        let (text, _) = decoded(name);
        let doc = fengong::parse(&text).unwrap();
        let canonical = fengong::to_canonical_string(&doc);
        let reread =
            fengong::parse(&canonical).unwrap_or_else(|e| panic!("{name}: {e}\n{canonical}"));
        assert_eq!(reread, doc, "{name}:\n{canonical}");
        assert_eq!(reread.layout(), doc.layout(), "{name}");
        assert_eq!(fengong::to_canonical_string(&reread), canonical, "{name}");
        // JSON in: the same document, and its rendering reads back.
        let json = serde_json::to_string(&doc).unwrap();
        let from_json: Document<'static> = serde_json::from_str(&json).unwrap();
        assert_eq!(from_json, doc, "{name}");
        assert!(
            from_json.validate().is_empty(),
            "{name}: {:?}",
            from_json.validate()
        );
        let rendered = fengong::to_canonical_string(&from_json);
        assert_eq!(
            fengong::parse(&rendered).unwrap(),
            doc,
            "{name}:\n{rendered}"
        );
        assert_eq!(serde_json::to_string(&from_json).unwrap(), json, "{name}");
    }
}

#[test]
fn check_finds_what_the_readme_says() {
    for (name, codes) in FIXTURES {
        let (text, _) = decoded(name);
        let found = fengong::lint::check(&text, &LintConfig::default());
        let got: Vec<&str> = found.iter().map(|d| d.code().as_str()).collect();
        assert_eq!(&got, codes, "{name}");
    }
}

#[test]
fn safe_fixes_keep_every_fixture_equal() {
    for (name, _) in FIXTURES {
        let (text, _) = decoded(name);
        let fixed = fengong::lint::fix(&text, &LintConfig::default(), false);
        assert_eq!(
            fengong::parse(&fixed.text).unwrap(),
            fengong::parse(&text).unwrap(),
            "{name}"
        );
    }
}

#[test]
fn values_of_the_family() {
    // A few values read by hand from the fixtures, beyond the JSON files.
    let (text, _) = decoded("table_leaders_deadline");
    let doc = fengong::parse(&text).unwrap();
    assert_eq!(
        doc.columns(),
        [
            "序号",
            "重点工作",
            "责任领导",
            "牵头单位",
            "责任单位",
            "完成时限"
        ]
    );
    let task = doc.task(2).unwrap();
    assert_eq!(task.leader_names().collect::<Vec<_>>(), ["李华", "王强"]);
    assert_eq!(task.deadline(), Some("2023年10月底前"));
    assert_eq!(task.units().lead(), ["县农业农村局"]);

    let (text, _) = decoded("table_roles_in_cells");
    let doc = fengong::parse(&text).unwrap();
    assert!(doc.first_listed_leads());
    assert_eq!(doc.categories()[0].categories()[1].title(), "加大金融支持");
    let task = doc.task(4).unwrap();
    assert_eq!(task.units().lead(), ["市教育局"]);
    assert_eq!(
        task.units().responsible(),
        ["市人力资源社会保障局", "团市委"]
    );

    let (text, _) = decoded("list_clause_notice");
    let doc = fengong::parse(&text).unwrap();
    assert_eq!(doc.title(), "2024年市政府工作报告重点工作任务分工方案");
    // The notice's own numbered points stay in the preamble.
    assert_eq!(doc.categories().len(), 2);
    assert!(doc
        .preamble_text()
        .unwrap()
        .contains("一、各责任单位要高度重视"));
    assert_eq!(
        doc.task(2).unwrap().text(),
        "实施“项目建设年”行动，新开工项目200个以上（含续建项目）。"
    );

    let (text, _) = decoded("list_tortoise_brackets");
    let doc = fengong::parse(&text).unwrap();
    assert_eq!(
        doc.task(11).unwrap().text(),
        "121人才梯队项目。每年遴选培养青年人才121名。"
    );
    assert_eq!(
        doc.categories()[0].categories()[0].title(),
        "产业提升人才行动计划"
    );

    let (text, _) = decoded("list_unlabeled_traditional");
    let doc = fengong::parse(&text).unwrap();
    assert_eq!(doc.title(), "關於落實市政府工作報告重點工作的任務分工");
    assert_eq!(doc.task(3).unwrap().deadline(), Some("長期堅持"));
    assert!(!doc.categories()[1].is_numbered());
}

/// Word leaves `[bookmark: …]` anywhere, a role's label included: the label
/// reads through it in a label line, a role clause and a table cell, and
/// deleting the artifact (by hand, or by W005's fix in a table) changes no
/// value.
#[test]
fn an_artifact_inside_a_label_is_passed_over() {
    let list = "任务分工\n一、加强建设\n\
                1.推进道路建设。（牵头[bookmark: a]单位：市交通局；配合单位：市财政局）\n\
                2.推进桥梁建设。\n牵头单位[bookmark: b]：市住建局\n分管[bookmark: c]领导：张三\n";
    let table = "任务分工表\n\t序号\n\t重点任务\n\t责任单位\n\n\t一、总体\n\n\
                 \t1\n\t推进道路建设。\n\t牵头[bookmark: a]单位：市交通局；配合单位：市财政局\n\n";
    for text in [list, table] {
        let doc = fengong::parse(text).unwrap();
        let task = doc.task(1).unwrap();
        assert_eq!(task.units().lead(), ["市交通局"], "{text}");
        assert_eq!(task.units().support(), ["市财政局"], "{text}");
        assert!(task.units().responsible().is_empty(), "{text}");
        let found = fengong::lint::check(text, &LintConfig::default());
        let codes: Vec<&str> = found.iter().map(|d| d.code().as_str()).collect();
        assert!(codes.iter().all(|&c| c == "W005"), "{text}: {codes:?}");
        // Deleted by hand (a list's W005 has no fix: see its explanation).
        let mut clean = text.to_string();
        for a in ["[bookmark: a]", "[bookmark: b]", "[bookmark: c]"] {
            clean = clean.replace(a, "");
        }
        assert_eq!(fengong::parse(&clean).unwrap(), doc, "{text}");
    }
    // The table's safe fix deletes it.
    let found = fengong::lint::check(table, &LintConfig::default());
    let (fixed, applied) = fengong::edit::apply_fixes(table, &found, false);
    assert_eq!(applied.len(), 1);
    assert!(!fixed.contains("[bookmark"), "{fixed}");
    assert_eq!(
        fengong::parse(&fixed).unwrap(),
        fengong::parse(table).unwrap()
    );
    let doc = fengong::parse(list).unwrap();
    let task = doc.task(2).unwrap();
    assert_eq!(task.units().lead(), ["市住建局"]);
    assert_eq!(task.leader_names().collect::<Vec<_>>(), ["张三"]);
}

/// `11.121人才梯队项目`: task 11 whose text starts with digits, even out of
/// sequence when a role clause closes it; without one, a line such as
/// `7.5亿元…` out of sequence stays the text above.
#[test]
fn a_task_whose_text_starts_with_digits() {
    let text = "任务分工\n一、人才\n3.推进人才引进：7.5亿元用于人才公寓建设。\n\
                11.121人才梯队项目。每年遴选121名。(责任领导:王五;牵头单位:市人社局)\n";
    let doc = fengong::parse(text).unwrap();
    let numbers: Vec<u32> = doc.tasks().map(|t| t.number()).collect();
    assert_eq!(numbers, [3, 11]);
    let task = doc.task(11).unwrap();
    assert_eq!(task.text(), "121人才梯队项目。每年遴选121名。");
    assert_eq!(task.units().lead(), ["市人社局"]);
    assert_eq!(task.leader_names().collect::<Vec<_>>(), ["王五"]);
    assert_eq!(
        doc.task(3).unwrap().text(),
        "推进人才引进：7.5亿元用于人才公寓建设。"
    );
}

/// Short labels (`牵头：`, `配合：`, `协办：`) and fields set apart by white
/// space instead of a separator (`牵头单位：甲  配合单位：乙`), in a role
/// clause, a label line and a table cell.
#[test]
fn short_labels_and_fields_apart_by_white_space() {
    let list = "任务分工\n一、甲\n\
                1.推进甲。（牵头：市商务局；配合：市口岸办）\n\
                2.推进乙。（牵头单位：市交通局  协办：市公安局）\n\
                3.推进丙。\n牵头单位：市水务局\u{3000}协助：市城管局\n";
    let doc = fengong::parse(list).unwrap();
    for (n, lead, support) in [
        (1, "市商务局", "市口岸办"),
        (2, "市交通局", "市公安局"),
        (3, "市水务局", "市城管局"),
    ] {
        let task = doc.task(n).unwrap();
        assert_eq!(task.units().lead(), [lead], "task {n}");
        assert_eq!(task.units().support(), [support], "task {n}");
    }
    assert_eq!(doc.task(2).unwrap().text(), "推进乙。");
    let table = "任务分工表\n\t序号\n\t重点任务\n\t责任单位\n\n\
                 \t1\n\t推进道路建设。\n\t牵头：市交通局  配合：市财政局\n\n";
    let doc = fengong::parse(table).unwrap();
    let task = doc.task(1).unwrap();
    assert_eq!(task.units().lead(), ["市交通局"]);
    assert_eq!(task.units().support(), ["市财政局"]);
}

/// A table cut in two, each part under the header again: the repeated
/// header is trivia (kept, printed back, left alone by edits), not a row.
#[test]
fn a_repeated_header_row_is_trivia() {
    let header = "\t序号\n\t重点任务\n\t牵头\n单位\n\t配合单位\n\n";
    let text = format!(
        "附件\n重点任务分工表\n{header}\t一、甲\n\n\t1\n\t推进甲。\n\t市甲局\n\t市乙局\n\n\
         {header}\t2\n\t推进乙。\n\t市丙局\n\t市丁局\n\n"
    );
    let mut doc = fengong::parse(&text).unwrap();
    assert_eq!(doc.columns(), ["序号", "重点任务", "牵头单位", "配合单位"]);
    let numbers: Vec<u32> = doc.tasks().map(|t| t.number()).collect();
    assert_eq!(numbers, [1, 2]);
    assert_eq!(doc.task(2).unwrap().units().lead(), ["市丙局"]);
    assert_eq!(doc.to_string(), text);
    assert!(fengong::lint::check(&text, &LintConfig::default()).is_empty());
    doc.task_mut(2).unwrap().set_text("推进丙。");
    assert_eq!(doc.to_string(), text.replace("推进乙。", "推进丙。"));
    // A row of other labels, or of fewer cells, is not the header.
    for row in [
        "\t序号\n\t重点任务\n\t牵头单位\n\n",
        "\t序号\n\t任务\n\t牵头单位\n\t配合单位\n\n",
    ] {
        let text = format!("附件\n重点任务分工表\n{header}\t一、甲\n\n{row}");
        assert!(fengong::parse(&text).is_err(), "{row:?}");
    }
}

/// A table without a number column (`重点任务 | 牵头单位 | …`): its tasks
/// are numbered 1, 2, 3… in order, a text starting with digits stays text,
/// and edits keep that reading.
#[test]
fn a_table_without_a_number_column() {
    let (text, _) = decoded("table_no_number_column");
    let mut doc = fengong::parse(&text).unwrap();
    assert!(doc.header().index_of(fengong::Role::Number).is_none());
    let numbers: Vec<u32> = doc.tasks().map(|t| t.number()).collect();
    assert_eq!(numbers, [1, 2, 3, 4, 5]);
    assert_eq!(
        doc.task(2).unwrap().text(),
        "2024年底前实现企业开办全程网办、一日办结。"
    );
    assert!(doc.validate().is_empty());
    // The canonical text has no number cells, and reads back the same.
    let canonical = fengong::to_canonical_string(&doc);
    assert!(canonical.contains("\n\t开展涉企收费专项清理。\n\t市发展改革委\n"));
    assert_eq!(fengong::parse(&canonical).unwrap(), doc);
    // Setting a number changes nothing written: nothing holds it.
    doc.task_mut(4).unwrap().set_number(4);
    assert_eq!(doc.to_string(), text);
    // A text set is written in its cell; the rest is untouched.
    doc.task_mut(5).unwrap().set_text("推进“标准地”出让。");
    let out = doc.to_string();
    assert_eq!(
        out,
        text.replace("推进工业用地“标准地”出让。", "推进“标准地”出让。")
    );
    assert_eq!(fengong::parse(&out).unwrap(), doc);
    // Numbers out of order would not come back: `validate` says so.
    doc.task_mut(5).unwrap().set_number(9);
    let invalid = doc.validate();
    assert_eq!(invalid.len(), 1, "{invalid:?}");
    assert_eq!(invalid[0].path, "categories[1].tasks[1].number");
    assert!(
        invalid[0].reason.contains("would read back as 5"),
        "{invalid:?}"
    );
}
