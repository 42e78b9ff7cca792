//! Exact values from the seed document, `seeds/000_ecc403549f0e7389.txt`:
//! the 东疆 task table of 28 categories and 72 tasks.

use std::collections::BTreeSet;

use fengong::{numeral, Document, LineEnding, LineIndex, Position, Task, UnitMapping};
use serde_json::{json, Value};

const SEED: &str = include_str!("../seeds/000_ecc403549f0e7389.txt");

fn seed() -> Document<'static> {
    fengong::parse(SEED).unwrap()
}

const NUMERALS: [&str; 28] = [
    "一",
    "二",
    "三",
    "四",
    "五",
    "六",
    "七",
    "八",
    "九",
    "十",
    "十一",
    "十二",
    "十三",
    "十四",
    "十五",
    "十六",
    "十七",
    "十八",
    "十九",
    "二十",
    "二十一",
    "二十二",
    "二十三",
    "二十四",
    "二十五",
    "二十六",
    "二十七",
    "二十八",
];

const TITLES: [&str; 28] = [
    "加大援企稳岗力度",
    "加强对企业金融支持",
    "引导企业开拓国内市场",
    "规范企业裁员行为",
    "挖掘内需带动就业",
    "加大投资创造就业",
    "加大项目引进建设力度",
    "培育壮大新动能拓展就业空间",
    "鼓励青年群体基层就业",
    "鼓励企业吸纳就业",
    "支持灵活就业和新就业形态",
    "加强托底安置就业",
    "加大创业培训力度",
    "给予首次创业补贴",
    "给予创业房租补贴",
    "支持创业孵化载体建设",
    "加大创业担保贷款支持力度",
    "大力推进职业技能提升行动",
    "加强职业培训基础能力建设",
    "推进就业服务全覆盖",
    "建立重点企业用工输送奖励机制",
    "强化常态化智慧化服务管理",
    "充分发挥失业保险作用",
    "做好困难人员生活保障",
    "完善工作组织协调机制",
    "完善就业形势监测机制",
    "完善突发事件处置机制",
    "完善舆论宣传引导机制",
];

/// How many tasks each category has, in order.
const TASK_COUNTS: [usize; 28] = [
    2, 4, 5, 3, 6, 1, 2, 3, 6, 2, 2, 3, 2, 2, 1, 2, 4, 5, 3, 3, 1, 2, 1, 3, 1, 1, 1, 1,
];

fn names<'a>(units: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    units.collect()
}

/// Whether `value` is a slice of `input` (borrowed, not copied).
fn inside(value: &str, input: &str) -> bool {
    let outer = input.as_bytes().as_ptr_range();
    let inner = value.as_bytes().as_ptr_range();
    outer.start <= inner.start && inner.end <= outer.end
}

#[test]
fn preamble_and_header() {
    let doc = seed();
    assert_eq!(doc.title(), "东疆重点任务清单和责任分工表");
    assert_eq!(doc.label(), Some("附件："));
    assert_eq!(
        doc.columns(),
        ["序号", "工作任务", "滨海新区责任单位", "东疆责任单位"]
    );
    assert_eq!(doc.district_name(), "滨海新区");
    assert_eq!(doc.local_name(), "东疆");
    assert_eq!(doc.line_ending(), LineEnding::Lf);
    // The last line is a single space without a line ending.
    assert_eq!(doc.trailer(), " ");
}

#[test]
fn categories_numbered_one_to_twenty_eight() {
    let doc = seed();
    let categories = doc.categories();
    assert_eq!(categories.len(), 28);
    let numbers: Vec<u32> = categories.iter().map(|c| c.number()).collect();
    assert_eq!(numbers, (1..=28).collect::<Vec<_>>());
    let numerals: Vec<&str> = categories.iter().map(|c| c.numeral()).collect();
    assert_eq!(numerals, NUMERALS);
    for category in categories {
        assert_eq!(numeral::parse(category.numeral()), Some(category.number()));
    }
    let titles: Vec<&str> = categories.iter().map(|c| c.title()).collect();
    assert_eq!(titles, TITLES);
    let counts: Vec<usize> = categories.iter().map(|c| c.tasks().len()).collect();
    assert_eq!(counts, TASK_COUNTS);
}

#[test]
fn wrapped_and_indented_headings() {
    let doc = seed();
    // （五）: a cell holding blank lines, then the numeral, the title on the
    // next line.
    let five = doc.category(5).unwrap();
    assert_eq!((five.numeral(), five.title()), ("五", "挖掘内需带动就业"));
    assert_eq!(
        &SEED[five.span().unwrap().range()],
        "\t\n\n\n\n（五）\n挖掘内需带动就业\n"
    );
    // （十）: the title on the next line.
    let ten = doc.category(10).unwrap();
    assert_eq!((ten.numeral(), ten.title()), ("十", "鼓励企业吸纳就业"));
    assert_eq!(
        &SEED[ten.span().unwrap().range()],
        "\t（十）\n鼓励企业吸纳就业\n"
    );
    // （十一）: a space before the heading.
    let eleven = doc.category(11).unwrap();
    assert_eq!(
        (eleven.numeral(), eleven.title()),
        ("十一", "支持灵活就业和新就业形态")
    );
    assert_eq!(
        &SEED[eleven.span().unwrap().range()],
        "\t （十一）支持灵活就业和新就业形态\n"
    );
    assert_eq!(eleven.to_string(), "\t （十一）支持灵活就业和新就业形态\n");
    let twenty_eight = doc.category(28).unwrap();
    assert_eq!(
        (twenty_eight.numeral(), twenty_eight.title()),
        ("二十八", "完善舆论宣传引导机制")
    );
}

#[test]
fn tasks_numbered_one_to_seventy_two_in_order() {
    let doc = seed();
    let numbers: Vec<u32> = doc.tasks().map(|t| t.number()).collect();
    assert_eq!(numbers, (1..=72).collect::<Vec<_>>());
    // The first task of each category.
    let firsts: Vec<u32> = doc
        .categories()
        .iter()
        .map(|c| c.tasks()[0].number())
        .collect();
    assert_eq!(
        firsts,
        [
            1, 3, 7, 12, 15, 21, 22, 24, 27, 33, 35, 37, 40, 42, 44, 45, 47, 51, 56, 59, 62, 63,
            65, 66, 69, 70, 71, 72
        ]
    );
    for task in doc.tasks() {
        assert!(!task.text().is_empty(), "task {}", task.number());
        assert!(!task.text().contains('\n'), "task {}", task.number());
        assert!(
            !task.units().district().is_empty(),
            "task {}",
            task.number()
        );
        assert!(!task.units().local().is_empty(), "task {}", task.number());
    }
}

#[test]
fn task_texts() {
    let doc = seed();
    assert_eq!(
        doc.task(1).unwrap().text(),
        "继续阶段性降低本市失业保险缴费费率至2021年7月31日。"
    );
    // The bookmark artifact is not part of the text.
    assert_eq!(
        doc.task(26).unwrap().text(),
        "落实首台（套）重大技术装备示范应用相关政策，支持科技型企业到海外投资。"
    );
    assert_eq!(doc.task(32).unwrap().text(), "支持应届高校毕业生入伍。");
    assert!(doc
        .task(72)
        .unwrap()
        .text()
        .starts_with("充分利用媒体媒介宣传党中央、国务院关于稳就业的决策部署"));
    assert!(doc
        .task(72)
        .unwrap()
        .text()
        .ends_with("形成有利于稳定就业的社会氛围。"));
    for task in doc.tasks() {
        assert!(!task.text().contains("bookmark"));
        assert!(!task.text().contains(['[', ']', '\t']));
    }
}

#[test]
fn task_units() {
    let doc = seed();
    let units = |n: u32| {
        let task = doc.task(n).unwrap();
        (
            names(task.units().district_names()),
            names(task.units().local_names()),
        )
    };
    assert_eq!(units(1), (vec!["区人社局"], vec!["人社局"]));
    assert_eq!(
        units(2),
        (vec!["区人社局", "区财政局"], vec!["人社局", "财政局"])
    );
    assert_eq!(
        units(4),
        (
            vec![
                "区金融局",
                "区发改委",
                "人民银行滨海新区中心支行",
                "滨海银保监分局"
            ],
            vec!["金融局", "经改局"]
        )
    );
    assert_eq!(
        units(22),
        (vec!["区科技局", "各开发区", "各街镇"], vec!["各招商部门"])
    );
    // Written `区人社局、区财政局、`: the trailing 、 leaves no empty unit.
    assert_eq!(
        units(45),
        (vec!["区人社局", "区财政局"], vec!["人社局", "财政局"])
    );
    assert_eq!(
        doc.task(45).unwrap().units(),
        &UnitMapping::new(["区人社局", "区财政局"], ["人社局", "财政局"])
    );
    assert_eq!(
        units(71),
        (
            vec!["区人社局", "各开发区管委会", "各街镇"],
            vec!["党委办", "人社局"]
        )
    );
    let total: usize = doc
        .tasks()
        .map(|t| t.units().district().len() + t.units().local().len())
        .sum();
    let district: usize = doc.tasks().map(|t| t.units().district().len()).sum();
    assert_eq!((district, total - district), (159, 129));
}

#[test]
fn round_trip_byte_for_byte() {
    let doc = seed();
    assert_eq!(doc.to_string(), SEED);
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/000_ecc403549f0e7389.txt"),
    )
    .unwrap();
    assert_eq!(fengong::parse(&text).unwrap().to_string(), text);
    // Each node prints its own cells.
    assert_eq!(
        doc.task(1).unwrap().to_string(),
        "\t1\n\t继续阶段性降低本市失业保险缴费费率至2021年7月31日。\n\t区人社局\n\t人社局\n"
    );
    assert_eq!(
        doc.task(45).unwrap().to_string(),
        format!(
            "\t45\n\t{}\n\t区人社局、区财政局、\n\t人社局、财政局、\n",
            doc.task(45).unwrap().text()
        )
    );
}

#[test]
fn spans_point_at_the_values() {
    let doc = seed();
    assert_eq!(&SEED[doc.label_span().unwrap().range()], "附件：");
    assert_eq!(
        &SEED[doc.title_span().unwrap().range()],
        "东疆重点任务清单和责任分工表"
    );
    let columns: Vec<&str> = doc
        .column_spans()
        .iter()
        .map(|s| &SEED[s.unwrap().range()])
        .collect();
    assert_eq!(
        columns,
        ["序号", "工作任务", "滨海新区\n责任单位", "东疆\n责任单位"]
    );
    assert_eq!(
        &SEED[doc.header_span().unwrap().range()],
        "\t序号\n\t工作任务\n\t滨海新区\n责任单位\n\t东疆\n责任单位\n"
    );
    for category in doc.categories() {
        assert_eq!(
            &SEED[category.numeral_span().unwrap().range()],
            category.numeral()
        );
        assert_eq!(
            &SEED[category.title_span().unwrap().range()],
            category.title()
        );
    }
    for task in doc.tasks() {
        // Every text of the seed is on one line.
        assert_eq!(&SEED[task.text_span().unwrap().range()], task.text());
        let cells = task.cell_spans().unwrap();
        assert_eq!(&SEED[cells[0].range()], format!("\t{}\n", task.number()));
        let artifact = if task.number() == 26 {
            "[bookmark: RANGE!C44]"
        } else {
            ""
        };
        assert_eq!(
            &SEED[cells[1].range()],
            format!("\t{artifact}{}\n", task.text())
        );
        assert_eq!(task.span().unwrap().start, cells[0].start);
        assert_eq!(task.span().unwrap().end, cells[3].end);
        for unit in task.units().district().iter().chain(task.units().local()) {
            assert_eq!(&SEED[unit.span().unwrap().range()], unit.name());
        }
    }
    let task4 = doc.task(4).unwrap();
    assert_eq!(
        &SEED[task4.cell_spans().unwrap()[2].range()],
        "\t区金融局、区发改委、人民银行滨海新区中心支行、滨海银保监分局\n"
    );
    // Lines and columns count characters: the text of task 26 starts after
    // the tab and the 21 characters of the bookmark.
    let index = LineIndex::new(SEED);
    let start = doc.task(26).unwrap().text_span().unwrap().start;
    assert_eq!(
        index.position(start),
        Position {
            line: 171,
            column: 23
        }
    );
    let eleven = doc.category(11).unwrap().numeral_span().unwrap().start;
    assert_eq!(
        index.position(eleven),
        Position {
            line: 224,
            column: 4
        }
    );
}

#[test]
fn values_borrow_from_the_input() {
    let doc = seed();
    assert!(inside(doc.title(), SEED));
    assert!(inside(doc.label().unwrap(), SEED));
    assert!(inside(doc.columns()[0], SEED));
    assert!(inside(doc.columns()[1], SEED));
    for category in doc.categories() {
        assert!(inside(category.numeral(), SEED));
        assert!(inside(category.title(), SEED), "{}", category.title());
    }
    // Every task text is one piece of the input, task 26's too (the bookmark
    // is before it, on the same line).
    for task in doc.tasks() {
        assert!(inside(task.text(), SEED), "task {}", task.number());
        for unit in task.units().district().iter().chain(task.units().local()) {
            assert!(inside(unit.name(), SEED), "{}", unit.name());
        }
    }
    let text = doc.task(26).unwrap().text();
    let offset = text.as_ptr() as usize - SEED.as_ptr() as usize;
    assert_eq!(
        offset,
        doc.task(26).unwrap().text_span().unwrap().start,
        "the text is the input at its span"
    );
}

#[test]
fn owned_form_outlives_the_text() {
    let text = SEED.to_string();
    let doc = fengong::parse(&text).unwrap();
    let owned: Document<'static> = doc.clone().into_owned();
    assert_eq!(owned, doc);
    drop(doc);
    let printed = owned.to_string();
    assert_eq!(printed, text);
    drop(text);
    // Nothing of the owned document points into the text that was dropped:
    // it still answers the same.
    assert_eq!(owned.tasks().count(), 72);
    assert_eq!(
        owned.task(26).unwrap().text(),
        "落实首台（套）重大技术装备示范应用相关政策，支持科技型企业到海外投资。"
    );
    assert_eq!(owned.to_string(), SEED);
    assert_eq!(owned, seed());
}

fn keys(value: &Value) -> BTreeSet<&str> {
    value
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect()
}

fn set<'a>(items: &[&'a str]) -> BTreeSet<&'a str> {
    items.iter().copied().collect()
}

#[test]
fn json_shape() {
    let doc = seed();
    let value = serde_json::to_value(&doc).unwrap();
    assert_eq!(
        keys(&value),
        set(&["title", "label", "columns", "categories"])
    );
    assert_eq!(value["title"], "东疆重点任务清单和责任分工表");
    assert_eq!(value["label"], "附件：");
    assert_eq!(
        value["columns"],
        json!(["序号", "工作任务", "滨海新区责任单位", "东疆责任单位"])
    );
    let categories = value["categories"].as_array().unwrap();
    assert_eq!(categories.len(), 28);
    for (i, category) in categories.iter().enumerate() {
        assert_eq!(
            keys(category),
            set(&["number", "numeral", "title", "tasks"])
        );
        assert_eq!(category["number"], i + 1);
        assert_eq!(category["numeral"], NUMERALS[i]);
        assert_eq!(category["title"], TITLES[i]);
        let tasks = category["tasks"].as_array().unwrap();
        assert_eq!(tasks.len(), TASK_COUNTS[i]);
        for task in tasks {
            assert_eq!(keys(task), set(&["number", "text", "units"]));
            assert!(task["number"].is_u64());
            assert!(task["text"].is_string());
            assert_eq!(keys(&task["units"]), set(&["district", "local"]));
            assert!(task["units"]["district"].is_array());
            assert!(task["units"]["local"].is_array());
        }
    }
    assert_eq!(
        categories[0]["tasks"][0],
        json!({
            "number": 1,
            "text": "继续阶段性降低本市失业保险缴费费率至2021年7月31日。",
            "units": {"district": ["区人社局"], "local": ["人社局"]}
        })
    );
    assert_eq!(categories[4]["title"], "挖掘内需带动就业");
    assert_eq!(categories[10]["numeral"], "十一");
    assert_eq!(
        categories[7]["tasks"][2],
        json!({
            "number": 26,
            "text": "落实首台（套）重大技术装备示范应用相关政策，支持科技型企业到海外投资。",
            "units": {
                "district": ["区工信局", "区科技局", "区商促局"],
                "local": ["经改局", "新经济局", "商促局"]
            }
        })
    );
    assert_eq!(categories[15]["tasks"][0]["number"], 45);
    assert_eq!(
        categories[15]["tasks"][0]["units"],
        json!({"district": ["区人社局", "区财政局"], "local": ["人社局", "财政局"]})
    );
    assert_eq!(categories[27]["tasks"][0]["number"], 72);
}

#[test]
fn json_to_document_to_json_is_identity() {
    let doc = seed();
    let json = serde_json::to_string(&doc).unwrap();
    let back: Document<'static> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, doc);
    assert_eq!(serde_json::to_string(&back).unwrap(), json);
    let pretty = serde_json::to_string_pretty(&doc).unwrap();
    let back: Document<'static> = serde_json::from_str(&pretty).unwrap();
    assert_eq!(serde_json::to_string_pretty(&back).unwrap(), pretty);
    // A document from JSON has no source text: it prints canonically.
    assert_eq!(back.to_string(), fengong::to_canonical_string(&doc));
}

#[test]
fn canonical_text() {
    let doc = seed();
    let canonical = fengong::to_canonical_string(&doc);
    assert_ne!(canonical, SEED);
    assert!(canonical.starts_with(
        "附件：\n东疆重点任务清单和责任分工表\n\t序号\n\t工作任务\n\t滨海新区责任单位\n\t东疆责任单位\n\n\t（一）加大援企稳岗力度\n\n\t1\n\t继续阶段性降低本市失业保险缴费费率至2021年7月31日。\n\t区人社局\n\t人社局\n\n\t2\n"
    ));
    assert!(canonical.contains("\n\t（五）挖掘内需带动就业\n\n\t15\n"));
    assert!(canonical.contains("\n\t（十一）支持灵活就业和新就业形态\n"));
    assert!(canonical.contains(
        "\n\t26\n\t落实首台（套）重大技术装备示范应用相关政策，支持科技型企业到海外投资。\n"
    ));
    assert!(canonical.contains("\n\t45\n"));
    assert!(canonical.contains("\n\t区人社局、区财政局\n\t人社局、财政局\n\n\t46\n"));
    assert!(!canonical.contains("bookmark"));
    assert!(!canonical.contains("、\n"));
    assert!(canonical.ends_with("\t人社局\n"));
    let again = fengong::parse(&canonical).unwrap();
    assert_eq!(again, doc);
    assert_eq!(again.to_string(), canonical);
    let twice = fengong::to_canonical_string(&again);
    assert_eq!(twice.as_bytes(), canonical.as_bytes());
}

#[test]
fn editing_one_task_rewrites_only_its_cells() {
    let mut doc = seed();
    let old = doc.task(26).unwrap().to_string();
    let task = doc
        .categories_mut()
        .iter_mut()
        .flat_map(|c| c.tasks_mut().iter_mut())
        .find(|t| t.number() == 26)
        .unwrap();
    task.set_text("落实首台（套）重大技术装备示范应用政策。");
    let new = "\t26\n\t落实首台（套）重大技术装备示范应用政策。\n\t区工信局、区科技局、区商促局\n\t经改局、新经济局、商促局\n";
    assert_eq!(task.to_string(), new);
    assert_eq!(doc.to_string(), SEED.replacen(&old, new, 1));
    let reparsed = fengong::parse(&doc.to_string()).unwrap().into_owned();
    assert_eq!(reparsed, doc);
    let mut expected = seed();
    expected.categories_mut()[7].tasks_mut()[2] = Task::new(
        26,
        "落实首台（套）重大技术装备示范应用政策。",
        UnitMapping::new(
            ["区工信局", "区科技局", "区商促局"],
            ["经改局", "新经济局", "商促局"],
        ),
    );
    assert_eq!(reparsed, expected);
}
