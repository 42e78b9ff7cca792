//! `fengong units` (the inferred unit mapping and each unit's tasks, as a
//! table, JSON or CSV) on the seed, and `Document::unit_map` on a small
//! document whose every link is known by hand.

use fengong::mapping::{Basis, Duties, Link};
use fengong::{Category, Document, Task, UnitMapping};
use serde_json::{json, Value};
use unicode_width::UnicodeWidthStr;

const SEED: &str = "seeds/000_ecc403549f0e7389.txt";
const SEED_TEXT: &str = include_str!("../seeds/000_ecc403549f0e7389.txt");

mod common;
use common::*;

fn seed() -> Document<'static> {
    fengong::parse(SEED_TEXT).unwrap()
}

/// The numbers of the tasks of `doc` that name `unit` at one level.
fn tasks_naming(doc: &Document<'_>, unit: &str, district: bool) -> Vec<u32> {
    doc.tasks()
        .filter(|t| {
            let units = t.units();
            if district {
                units.district_names().any(|n| n == unit)
            } else {
                units.local_names().any(|n| n == unit)
            }
        })
        .map(Task::number)
        .collect()
}

/// The display columns (CJK characters count two) at which the cells of a
/// table line start: after each run of two or more spaces.
fn column_starts(line: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let mut spaces = 0;
    for (i, c) in line.char_indices() {
        if c == ' ' {
            spaces += 1;
        } else {
            if spaces >= 2 {
                starts.push(line[..i].width());
            }
            spaces = 0;
        }
    }
    starts
}

/// The lines of the table that starts with the line `header`, up to the
/// next blank line.
fn table<'t>(text: &'t str, header: &str) -> Vec<&'t str> {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.starts_with(header))
        .unwrap_or_else(|| panic!("no table {header:?} in\n{text}"));
    lines[start..]
        .iter()
        .take_while(|l| !l.is_empty())
        .copied()
        .collect()
}

/// Checks that every line of `lines` starts its cells at the header's
/// columns (a line may end early: an empty last cell is not written).
#[track_caller]
fn assert_aligned(lines: &[&str], columns: usize) {
    let header = column_starts(lines[0]);
    assert_eq!(header.len(), columns, "{}", lines[0]);
    assert!(header.windows(2).all(|w| w[0] < w[1]));
    for line in lines {
        let starts = column_starts(line);
        assert!(starts.len() >= columns - 1, "{line}");
        assert_eq!(starts[..], header[..starts.len()], "{line}");
        assert_eq!(line.trim_end(), *line, "trailing spaces: {line:?}");
    }
}

// ---------------------------------------------------------------- table

#[test]
fn the_table_lines_up_by_display_width() {
    let r = run(&["units", SEED]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stderr, "");
    assert!(r
        .stdout
        .starts_with("东疆重点任务清单和责任分工表: 滨海新区 → 东疆\n\n"));

    let links = table(&r.stdout, "滨海新区单位");
    assert_aligned(&links, 4);
    // The header, the rule, and one row per district unit.
    let map = seed().unit_map();
    assert_eq!(links.len(), 2 + map.links.len());
    assert!(links[1].chars().all(|c| c == '-' || c == ' '));
    // The second column starts two spaces after the widest first cell.
    let widest = map.links.iter().map(|l| l.district.width()).max().unwrap();
    assert_eq!(widest, "人民银行滨海新区中心支行".width());
    for line in &links {
        assert_eq!(column_starts(line)[1], widest + 2, "{line}");
    }
    let rows: Vec<Vec<&str>> = links[2..]
        .iter()
        .map(|l| {
            l.split("  ")
                .filter(|c| !c.is_empty())
                .map(str::trim)
                .collect()
        })
        .collect();
    assert_eq!(rows[0][..3], ["区人社局", "人社局", "single-task"]);
    let row = |unit: &str| rows.iter().find(|r| r[0] == unit).unwrap().clone();
    assert_eq!(
        row("区科技局"),
        ["区科技局", "新经济局", "elimination", "24, 26"]
    );
    assert_eq!(
        row("区卫健委"),
        ["区卫健委", "? (经改局、社发局)", "ambiguous"]
    );
    assert_eq!(row("区工信局")[1], "经改局");

    for (header, level) in [("滨海新区单位的任务", true), ("东疆单位的任务", false)]
    {
        let duties = table(&r.stdout[r.stdout.find(header).unwrap()..], "unit ");
        assert_aligned(&duties, 3);
        let expected = if level { &map.district } else { &map.local };
        assert_eq!(duties.len(), 2 + expected.len(), "{header}");
        for (line, duty) in duties[2..].iter().zip(expected.iter()) {
            let numbers: Vec<String> = duty.tasks.iter().map(u32::to_string).collect();
            let cells: Vec<&str> = line.split("  ").filter(|c| !c.is_empty()).collect();
            assert_eq!(
                cells.iter().map(|c| c.trim()).collect::<Vec<_>>(),
                [
                    duty.unit.as_str(),
                    &duty.tasks.len().to_string(),
                    &numbers.join(", ")
                ],
                "{line}"
            );
        }
    }
    let new_economy = table(
        &r.stdout[r.stdout.find("东疆单位的任务").unwrap()..],
        "unit ",
    )
    .into_iter()
    .find(|l| l.starts_with("新经济局"))
    .unwrap();
    assert_eq!(new_economy, "新经济局    2      24, 26");
}

// ---------------------------------------------------------------- json

fn link<'v>(value: &'v Value, district: &str) -> &'v Value {
    value["links"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["district"] == district)
        .unwrap_or_else(|| panic!("no link for {district}"))
}

fn duties(value: &Value, level: &str, unit: &str) -> Vec<u32> {
    value[level]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["unit"] == unit)
        .unwrap_or_else(|| panic!("no duties for {unit}"))["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_u64().unwrap() as u32)
        .collect()
}

#[test]
fn json_gives_the_links_and_every_units_tasks() {
    let r = run(&["units", "--format", "json", SEED]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let value: Value = serde_json::from_str(&r.stdout).unwrap();
    let doc = seed();
    assert_eq!(value, serde_json::to_value(doc.unit_map()).unwrap());
    assert_eq!(value["district_name"], "滨海新区");
    assert_eq!(value["local_name"], "东疆");

    for (district, local) in [
        ("区人社局", "人社局"),
        ("区发改委", "经改局"),
        ("区工信局", "经改局"),
        ("区科技局", "新经济局"),
    ] {
        let l = link(&value, district);
        assert_eq!(l["local"], json!([local]), "{district}");
        assert_eq!(l["ambiguous"], false, "{district}");
        assert!(l.get("candidates").is_none(), "{district}");
    }
    assert_eq!(link(&value, "区人社局")["basis"], "single-task");
    let science = link(&value, "区科技局");
    assert_eq!(science["basis"], "elimination");
    assert_eq!(science["evidence"], json!([24, 26]));
    let health = link(&value, "区卫健委");
    assert_eq!(health["ambiguous"], true);
    assert_eq!(health["local"], json!([]));
    assert_eq!(health["basis"], Value::Null);
    assert_eq!(health["evidence"], json!([]));
    assert_eq!(health["candidates"], json!(["经改局", "社发局"]));

    assert_eq!(duties(&value, "local", "新经济局"), [24, 26]);
    assert_eq!(
        duties(&value, "local", "经改局"),
        [4, 7, 8, 9, 10, 11, 15, 16, 17, 18, 19, 21, 23, 24, 25, 26]
    );
    assert_eq!(duties(&value, "district", "区卫健委"), [17]);
    // Every unit's tasks are exactly the tasks that name it, in order of
    // first appearance.
    for (level, district) in [("district", true), ("local", false)] {
        let all = value[level].as_array().unwrap();
        let mut names: Vec<&str> = Vec::new();
        for task in doc.tasks() {
            let units: Vec<&str> = if district {
                task.units().district_names().collect()
            } else {
                task.units().local_names().collect()
            };
            for unit in units {
                if !names.contains(&unit) {
                    names.push(unit);
                }
            }
        }
        let listed: Vec<&str> = all.iter().map(|d| d["unit"].as_str().unwrap()).collect();
        assert_eq!(listed, names, "{level}");
        for name in names {
            assert_eq!(
                duties(&value, level, name),
                tasks_naming(&doc, name, district),
                "{level} {name}"
            );
        }
    }
}

// ---------------------------------------------------------------- csv

/// Reads CSV as RFC 4180 writes it: fields in double quotes may hold
/// commas, doubled quotes and line breaks; records end with CRLF.
fn read_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => {
                assert!(field.is_empty(), "a quote inside an unquoted field");
                quoted = true;
            }
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "CR without LF");
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, '\n') => panic!("a record ends with a bare LF"),
            (false, c) => field.push(c),
        }
    }
    assert!(
        !quoted && field.is_empty() && record.is_empty(),
        "unfinished record"
    );
    records
}

#[test]
fn csv_has_one_row_per_unit_and_task() {
    let r = run(&["units", "--format", "csv", SEED]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(&r.stdout.as_bytes()[..3], b"\xEF\xBB\xBF");
    let body = &r.stdout["\u{feff}".len()..];
    assert!(body.starts_with("level,unit,counterpart,task,category,text\r\n"));
    assert_eq!(
        body.matches('\n').count(),
        body.matches("\r\n").count(),
        "every line ends with CRLF"
    );
    let records = read_csv(body);
    assert_eq!(
        records[0],
        ["level", "unit", "counterpart", "task", "category", "text"]
    );
    let rows = &records[1..];
    let doc = seed();
    let map = doc.unit_map();
    let pairs: usize = map
        .district
        .iter()
        .chain(&map.local)
        .map(|d| d.tasks.len())
        .sum();
    assert_eq!(rows.len(), pairs);
    // Counted from the tasks themselves: each unit once per task.
    let named: usize = doc
        .tasks()
        .map(|t| {
            let units = t.units();
            let mut district: Vec<&str> = units.district_names().collect();
            let mut local: Vec<&str> = units.local_names().collect();
            district.sort_unstable();
            district.dedup();
            local.sort_unstable();
            local.dedup();
            district.len() + local.len()
        })
        .sum();
    assert_eq!(pairs, named);
    assert_eq!(pairs, 288);

    assert_eq!(
        rows[0],
        [
            "滨海新区",
            "区人社局",
            "人社局",
            "1",
            "加大援企稳岗力度",
            "继续阶段性降低本市失业保险缴费费率至2021年7月31日。"
        ]
    );
    // Every row names a task that names the unit at that level, with the
    // task's category and text.
    for row in rows {
        assert_eq!(row.len(), 6, "{row:?}");
        let number: u32 = row[3].parse().unwrap();
        let district = match row[0].as_str() {
            "滨海新区" => true,
            "东疆" => false,
            other => panic!("level {other}"),
        };
        assert!(
            tasks_naming(&doc, &row[1], district).contains(&number),
            "{row:?}"
        );
        let (category, task) = doc
            .categories()
            .iter()
            .find_map(|c| {
                c.tasks()
                    .iter()
                    .find(|t| t.number() == number)
                    .map(|t| (c, t))
            })
            .unwrap();
        assert_eq!(row[4], category.title());
        assert_eq!(row[5], task.text());
    }
    let counterpart = |level: &str, unit: &str| -> Vec<&str> {
        let mut all: Vec<&str> = rows
            .iter()
            .filter(|r| r[0] == level && r[1] == unit)
            .map(|r| r[2].as_str())
            .collect();
        all.dedup();
        all
    };
    assert_eq!(counterpart("滨海新区", "区科技局"), ["新经济局"]);
    assert_eq!(counterpart("滨海新区", "区卫健委"), [""]);
    assert_eq!(counterpart("东疆", "经改局"), ["区发改委、区工信局"]);
    assert_eq!(counterpart("东疆", "社发局"), ["区教体局、区民政局"]);
    assert_eq!(counterpart("东疆", "新经济局"), ["区科技局"]);
    let science: Vec<&str> = rows
        .iter()
        .filter(|r| r[0] == "东疆" && r[1] == "新经济局")
        .map(|r| r[3].as_str())
        .collect();
    assert_eq!(science, ["24", "26"]);
}

#[test]
fn csv_quotes_what_needs_quoting() {
    let mut doc = Document::new("标题", "滨海新区", "东疆");
    let mut category = Category::new(1, "类别,一");
    category.push_task(Task::new(
        1,
        "说\"明\",第一行第二行",
        UnitMapping::new(["区甲\"局\""], ["甲局"]),
    ));
    category.push_task(Task::new(
        2,
        "普通",
        UnitMapping::new(["区甲\"局\""], ["甲局"]),
    ));
    doc.push_category(category);
    let text = doc.to_string();
    assert_eq!(fengong::parse(&text).unwrap(), doc);

    let r = run_with(&["units", "--format", "csv", "-"], Some(text.as_bytes()));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let body = r.stdout.strip_prefix('\u{feff}').unwrap();
    assert_eq!(
        body,
        "level,unit,counterpart,task,category,text\r\n\
         滨海新区,\"区甲\"\"局\"\"\",甲局,1,\"类别,一\",\"说\"\"明\"\",第一行第二行\"\r\n\
         滨海新区,\"区甲\"\"局\"\"\",甲局,2,\"类别,一\",普通\r\n\
         东疆,甲局,\"区甲\"\"局\"\"\",1,\"类别,一\",\"说\"\"明\"\",第一行第二行\"\r\n\
         东疆,甲局,\"区甲\"\"局\"\"\",2,\"类别,一\",普通\r\n"
    );
    let records = read_csv(body);
    assert_eq!(records.len(), 5);
    assert_eq!(records[1][5], "说\"明\",第一行第二行");
    assert_eq!(records[3][2], "区甲\"局\"");
}

#[test]
fn units_of_a_broken_document_exit_1() {
    let r = run(&["units", "fixtures/invalid/chinese_task_number.txt"]);
    assert_eq!(r.code, 1);
    assert_eq!(r.stdout, "");
    assert!(r.stderr.contains("error[E010]"), "{}", r.stderr);
}

// ---------------------------------------------------------------- the library

/// Seven tasks whose links are known by hand:
///
/// 1. `区甲局 → 甲局` and 2. `区乙委 → 甲局`: single-task links, two
///    district units answering to one local unit;
/// 3. and 4. an elimination chain: task 4 leaves `区丙办` and `丙中心` once
///    `区甲局` is set aside, and then task 3 leaves `区丁局` and `戊处`;
/// 5. `区己办` beside units whose one local unit is already theirs: no
///    counterpart of its own;
/// 6. and 7. `庚处` in every task of `区庚局` and of `区辛局`: co-occurrence.
fn hand_made() -> Document<'static> {
    let rows: [(u32, &[&str], &[&str]); 7] = [
        (1, &["区甲局"], &["甲局"]),
        (2, &["区乙委"], &["甲局"]),
        (3, &["区丙办", "区丁局"], &["丙中心", "戊处"]),
        (4, &["区甲局", "区丙办"], &["甲局", "丙中心"]),
        (5, &["区甲局", "区乙委", "区己办"], &["甲局"]),
        (6, &["区庚局", "区辛局"], &["庚处"]),
        (7, &["区庚局"], &["庚处", "辛处"]),
    ];
    let mut doc = Document::new("测试重点任务清单和责任分工表", "滨海新区", "东疆");
    let mut category = Category::new(1, "类别");
    for (number, district, local) in rows {
        category.push_task(Task::new(
            number,
            format!("任务{number}"),
            UnitMapping::new(district.iter().copied(), local.iter().copied()),
        ));
    }
    doc.push_category(category);
    doc
}

fn expect(
    district: &str,
    local: &[&str],
    basis: Option<Basis>,
    evidence: &[u32],
    candidates: &[&str],
) -> Link {
    Link {
        district: district.to_string(),
        local: local.iter().map(|s| s.to_string()).collect(),
        basis,
        evidence: evidence.to_vec(),
        ambiguous: local.len() != 1,
        candidates: candidates.iter().map(|s| s.to_string()).collect(),
    }
}

fn duty(unit: &str, tasks: &[u32]) -> Duties {
    Duties {
        unit: unit.to_string(),
        tasks: tasks.to_vec(),
    }
}

#[test]
fn unit_map_of_a_hand_made_document() {
    let doc = hand_made();
    let map = doc.unit_map();
    assert_eq!(map.district_name, "滨海新区");
    assert_eq!(map.local_name, "东疆");
    assert_eq!(
        map.links,
        [
            // Its own task, and the tasks that name it beside 甲局.
            expect(
                "区甲局",
                &["甲局"],
                Some(Basis::SingleTask),
                &[1, 4, 5],
                &[]
            ),
            expect("区乙委", &["甲局"], Some(Basis::SingleTask), &[2, 5], &[]),
            expect(
                "区丙办",
                &["丙中心"],
                Some(Basis::Elimination),
                &[3, 4],
                &[]
            ),
            expect("区丁局", &["戊处"], Some(Basis::Elimination), &[3], &[]),
            expect("区己办", &[], None, &[], &["甲局"]),
            expect("区庚局", &["庚处"], Some(Basis::CoOccurrence), &[6, 7], &[]),
            expect("区辛局", &["庚处"], Some(Basis::CoOccurrence), &[6], &[]),
        ]
    );
    assert_eq!(
        map.district,
        [
            duty("区甲局", &[1, 4, 5]),
            duty("区乙委", &[2, 5]),
            duty("区丙办", &[3, 4]),
            duty("区丁局", &[3]),
            duty("区己办", &[5]),
            duty("区庚局", &[6, 7]),
            duty("区辛局", &[6]),
        ]
    );
    assert_eq!(
        map.local,
        [
            duty("甲局", &[1, 2, 4, 5]),
            duty("丙中心", &[3, 4]),
            duty("戊处", &[3]),
            duty("庚处", &[6, 7]),
            duty("辛处", &[7]),
        ]
    );
    assert_eq!(map.tasks_of_local("甲局"), [1, 2, 4, 5]);
    assert_eq!(map.tasks_of_district("区己办"), [5]);
    assert!(map.tasks_of_district("无此单位").is_empty());
    assert!(map.link("甲局").is_none());
    // Ambiguous links expect nothing.
    assert_eq!(
        map.expected_locals(&["区甲局", "区乙委", "区丙办", "区己办"])
            .into_iter()
            .collect::<Vec<_>>(),
        ["丙中心", "甲局"]
    );

    // The same from the document's text, and in JSON as `units` prints it.
    let text = doc.to_string();
    assert_eq!(fengong::parse(&text).unwrap().unit_map(), map);
    let r = run_with(&["units", "--format", "json", "-"], Some(text.as_bytes()));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let value: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(value["links"][1]["basis"], "single-task");
    assert_eq!(value["links"][2]["basis"], "elimination");
    assert_eq!(value["links"][5]["basis"], "co-occurrence");
    assert_eq!(value["links"][4]["candidates"], json!(["甲局"]));
    assert_eq!(value, serde_json::to_value(&map).unwrap());
}

#[test]
fn a_name_with_the_district_prefix_links_by_name() {
    // Neither task alone pins 区丙办: only its name does.
    let mut doc = Document::new("标题", "滨海新区", "东疆");
    let mut category = Category::new(1, "类别");
    category.push_task(Task::new(
        1,
        "甲",
        UnitMapping::new(["区丙办", "区丁局"], ["丙办", "丁处"]),
    ));
    category.push_task(Task::new(
        2,
        "乙",
        UnitMapping::new(["区丙办", "区戊局"], ["丙办", "戊处"]),
    ));
    doc.push_category(category);
    let map = doc.unit_map();
    assert_eq!(
        map.links,
        [
            expect("区丙办", &["丙办"], Some(Basis::SameName), &[1, 2], &[]),
            expect("区丁局", &["丁处"], Some(Basis::Elimination), &[1], &[]),
            expect("区戊局", &["戊处"], Some(Basis::Elimination), &[2], &[]),
        ]
    );
}

/// A document of one category from `(number, district, local)` rows.
fn document(rows: &[(u32, &[&'static str], &[&'static str])]) -> Document<'static> {
    let mut doc = Document::new("标题", "滨海新区", "东疆");
    let mut category = Category::new(1, "类别");
    for &(number, district, local) in rows {
        category.push_task(Task::new(
            number,
            format!("任务{number}"),
            UnitMapping::new(district.iter().copied(), local.iter().copied()),
        ));
    }
    doc.push_category(category);
    doc
}

#[test]
fn a_unit_named_twice_in_a_cell_counts_once() {
    let once = document(&[
        (1, &["区甲", "区乙"], &["丙处", "丁处"]),
        (2, &["区甲"], &["丙处", "戊处"]),
    ]);
    let twice = document(&[
        (1, &["区甲", "区乙", "区甲"], &["丙处", "丁处", "丙处"]),
        (2, &["区甲"], &["丙处", "戊处"]),
    ]);
    let map = once.unit_map();
    // 丙处 is in every task of 区甲; 区乙 has two candidates.
    assert_eq!(
        map.links,
        [
            expect("区甲", &["丙处"], Some(Basis::CoOccurrence), &[1, 2], &[]),
            expect("区乙", &[], None, &[], &["丙处", "丁处"]),
        ]
    );
    assert_eq!(twice.unit_map(), map);
}

#[test]
fn units_by_role_for_documents_without_levels() {
    // A lead and support table: a column per role that has tasks.
    let r = run(&["units", "fixtures/family/table_lead_support.txt"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines[0], "2024年市政府工作报告重点任务分工表");
    assert_eq!(lines[2], "unit                lead  support");
    assert!(lines.contains(&"市商务局            3, 4"), "{}", r.stdout);
    // A list: JSON of each unit's tasks by role, CSV rows by role.
    let r = run(&[
        "units",
        "--format",
        "json",
        "fixtures/family/list_no_headings.txt",
    ]);
    let json: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        json["units"][1],
        serde_json::json!({"unit": "市审批服务局", "lead": [1, 2]})
    );
    let r = run(&[
        "units",
        "--format",
        "csv",
        "fixtures/family/list_first_listed.txt",
    ]);
    assert!(r
        .stdout
        .starts_with("\u{feff}role,unit,task,category,text\r\n"));
    assert!(
        r.stdout
            .contains("lead,市人力资源社会保障局,1,支持市场主体稳岗扩岗,加大援企稳岗力度。延续实施阶段性降低失业保险费率政策。\r\n"),
        "{}",
        r.stdout
    );
    // The seed keeps its two-level map.
    let r = run(&[
        "units",
        "--format",
        "json",
        "seeds/000_ecc403549f0e7389.txt",
    ]);
    let json: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert!(json.get("links").is_some());
}
