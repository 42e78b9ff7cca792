//! Properties over documents of every layout, built in code: tables of
//! random column sets (lead, support, responsible, the two levels, leaders,
//! deadline, remarks, in any order after 序号 and the task column) and list
//! documents, with headings at zero, one or two levels, some unnumbered.
//!
//! - Built from clean values, a document validates, and reads back equal
//!   from its canonical text, from its `Display`, and from its JSON; the
//!   canonical text is a fixed point.
//! - Whatever values it holds, a document that validates reads back equal
//!   (what `fengong render` writes parses back to the JSON it was given),
//!   and validating never panics.

use fengong::{
    parse, to_canonical_string, Category, Columns, Document, HeadingStyle, Layout, Task,
    UnitMapping, UnitRole,
};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{select, subsequence};

/// Characters of task texts: no tabs, line breaks, `[` or `附`.
const TEXT_CHARS: &[char] = &[
    '区', '人', '社', '局', '财', '政', '发', '改', '委', '加', '大', '援', '企', '稳', '岗', '就',
    '业', '创', '培', '训', '一', '二', '九', '十', '万', '技', '术', '的', '支', '持', '建', '设',
    '推', '进', '。', '，', '、', '；', '“', '”', '%', 'a', 'B', '0', '1', '7', '.', '-',
];

/// Characters of names and titles: no separators, brackets or role words.
const NAME_CHARS: &[char] = &[
    '区', '人', '社', '局', '财', '政', '东', '疆', '新', '发', '改', '委', '各', '街', '镇', '园',
    '金', '融', '保', '税', '生', '态', '城', '中', '心', '银', '监', 'A', 'b', '0', '5',
];

/// Characters of headings: names without digits (a heading cell starting
/// with a digit would be a task's number).
const HEADING_CHARS: &[char] = &[
    '区', '人', '社', '局', '财', '政', '东', '疆', '新', '发', '改', '委', '各', '街', '镇', '园',
    '金', '融', '保', '税', '生', '态', '城', '中', '心', '银', '监',
];

const DEADLINES: &[&str] = &["2023年底前", "长期坚持", "2024年6月底前完成", "每月推进"];

fn word(chars: &'static [char], min: usize, max: usize) -> impl Strategy<Value = String> {
    vec(select(chars), min..=max).prop_map(|cs| cs.into_iter().collect())
}

fn names(max: usize) -> impl Strategy<Value = Vec<String>> {
    vec(word(NAME_CHARS, 2, 6), 0..=max)
}

/// The optional columns of a table, by label.
const OPTIONAL: &[&str] = &[
    "牵头单位",
    "配合单位",
    "责任单位",
    "责任领导",
    "完成时限",
    "备注",
];

#[derive(Debug, Clone)]
struct Shape {
    layout: Layout,
    /// The labels of a table's columns.
    columns: Vec<String>,
    /// Heading levels: 0 (no headings), 1 or 2.
    depth: usize,
}

fn shape() -> impl Strategy<Value = Shape> {
    let table = (
        subsequence(OPTIONAL.to_vec(), 1..=4),
        any::<bool>(),
        0..=2usize,
        any::<prop::sample::Index>(),
    )
        .prop_filter_map(
            "a table has a unit column",
            |(mut optional, levels, depth, seed)| {
                if levels {
                    optional.retain(|l| !l.ends_with("单位"));
                    optional.insert(0, "市级责任单位");
                    optional.insert(1, "区级责任单位");
                }
                if !optional.iter().any(|l| l.ends_with("单位")) {
                    return None;
                }
                // Any order after 序号 and the task column.
                let k = seed.index(optional.len());
                optional.rotate_left(k);
                let mut columns = vec!["序号".to_string(), "重点任务".to_string()];
                columns.extend(optional.into_iter().map(str::to_string));
                Some(Shape {
                    layout: Layout::Table,
                    columns,
                    depth,
                })
            },
        );
    let list = (0..=2usize).prop_map(|depth| Shape {
        layout: Layout::List,
        columns: Vec::new(),
        depth,
    });
    prop_oneof![2 => table, 1 => list]
}

/// One task of `shape`: values for its columns (or, in a list, for any
/// role but the levels).
fn task(shape: Shape) -> impl Strategy<Value = Task<'static>> {
    let list = shape.layout == Layout::List;
    let text = if list {
        word(TEXT_CHARS, 1, 20).prop_map(|t| vec![t]).boxed()
    } else {
        vec(word(TEXT_CHARS, 1, 12), 1..=3).boxed()
    };
    (
        0u32..10_000,
        text,
        [names(3), names(3), names(3)],
        names(2),
        proptest::option::of(select(DEADLINES)),
        proptest::option::of(word(NAME_CHARS, 1, 8)),
    )
        .prop_map(
            move |(number, text, [a, b, c], leaders, deadline, remarks)| {
                let has = |label: &str| list || shape.columns.iter().any(|c| c == label);
                let mut units = UnitMapping::default();
                if shape.columns.iter().any(|c| c == "市级责任单位") {
                    units = UnitMapping::new(a, b);
                } else {
                    for (role, label, names) in [
                        (UnitRole::Lead, "牵头单位", a),
                        (UnitRole::Support, "配合单位", b),
                        (UnitRole::Responsible, "责任单位", c),
                    ] {
                        if has(label) {
                            units = units.with(role, names);
                        }
                    }
                }
                let mut task = Task::new(number, text.concat(), units);
                if has("责任领导") && !leaders.is_empty() {
                    task = task.with_leaders(leaders);
                }
                if let (true, Some(d)) = (has("完成时限"), deadline) {
                    task = task.with_deadline(d);
                }
                if let (true, Some(r)) = (has("备注"), remarks) {
                    task = task.with_remarks(r);
                }
                task
            },
        )
}

fn document() -> impl Strategy<Value = Document<'static>> {
    shape()
        .prop_flat_map(|shape| {
            let tasks = vec(task(shape.clone()), 1..=3).boxed();
            let groups = vec(
                (
                    any::<bool>(),
                    word(HEADING_CHARS, 2, 8),
                    tasks.clone(),
                    vec((word(HEADING_CHARS, 2, 8), tasks.clone()), 0..=2),
                ),
                1..=3,
            );
            (Just(shape), word(NAME_CHARS, 1, 8), tasks, groups)
        })
        .prop_map(|(shape, title, roots, groups)| {
            let mut doc = match shape.layout {
                Layout::List => Document::list(format!("{title}分工方案")),
                _ => Document::with_columns(
                    format!("{title}分工表"),
                    Columns::from_labels(shape.columns.clone()),
                ),
            };
            if shape.depth == 0 {
                *doc.root_tasks_mut() = roots;
                return doc;
            }
            for (i, (numbered, heading, tasks, subs)) in groups.into_iter().enumerate() {
                let n = u32::try_from(i + 1).unwrap();
                let mut category = if shape.depth == 2 {
                    Category::with_style(HeadingStyle::Enumerated, n, heading)
                } else if numbered || shape.layout == Layout::List {
                    Category::new(n, heading)
                } else {
                    Category::with_style(HeadingStyle::Unnumbered, 0, heading)
                };
                for task in tasks {
                    category.push_task(task);
                }
                if shape.depth == 2 {
                    for (j, (sub, tasks)) in subs.into_iter().enumerate() {
                        let mut sub = Category::new(u32::try_from(j + 1).unwrap(), sub);
                        for task in tasks {
                            sub.push_task(task);
                        }
                        category.push_category(sub);
                    }
                }
                doc.push_category(category);
            }
            doc
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn clean_documents_of_every_layout_round_trip(doc in document()) {
        let problems = doc.validate();
        prop_assert!(problems.is_empty(), "{problems:?}\n{}", to_canonical_string(&doc));
        let canonical = to_canonical_string(&doc);
        let back = parse(&canonical).map_err(|e| TestCaseError::fail(format!("{e}\n{canonical}")))?;
        prop_assert_eq!(&back, &doc, "{}", canonical);
        prop_assert_eq!(back.layout(), doc.layout());
        prop_assert_eq!(to_canonical_string(&back), canonical.clone());
        // Display of a document built in code is its canonical layout.
        prop_assert_eq!(doc.to_string(), canonical.clone());
        let json = serde_json::to_string(&doc).unwrap();
        let from_json: Document<'static> = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&from_json, &doc);
        prop_assert_eq!(serde_json::to_string(&back).unwrap(), json);
    }

    #[test]
    fn whatever_validates_reads_back_equal(
        doc in document(),
        noise in vec((0usize..64, select(NOISE.to_vec())), 0..4),
    ) {
        // Spoil a few values with what the text cannot hold.
        let mut json: serde_json::Value = serde_json::to_value(&doc).unwrap();
        spoil(&mut json, &noise);
        let Ok(doc) = serde_json::from_value::<Document<'static>>(json) else {
            return Ok(());
        };
        if doc.validate().is_empty() {
            let canonical = to_canonical_string(&doc);
            let back = parse(&canonical).map_err(|e| TestCaseError::fail(format!("{e}\n{canonical}")))?;
            prop_assert_eq!(&back, &doc, "{}", canonical);
        }
    }
}

/// What spoils a value: separators, white space, line breaks, brackets,
/// role words, labels, artifacts, numbers.
const NOISE: &[&str] = &[
    "、",
    " ",
    "\n",
    "\t",
    "（",
    "）",
    "等",
    "牵头",
    "：",
    "；",
    "[bookmark:",
    "。",
    "1.",
    "负责",
    "\n\n",
    "附件",
    "（一）",
    "一、",
];

/// The string values of a JSON document.
fn collect<'v>(value: &'v mut serde_json::Value, out: &mut Vec<&'v mut String>) {
    match value {
        serde_json::Value::String(s) => out.push(s),
        serde_json::Value::Array(items) => items.iter_mut().for_each(|v| collect(v, out)),
        serde_json::Value::Object(map) => map.values_mut().for_each(|v| collect(v, out)),
        _ => {}
    }
}

/// Appends each piece to the string at its index.
fn spoil(json: &mut serde_json::Value, pieces: &[(usize, &str)]) {
    let mut strings = Vec::new();
    collect(json, &mut strings);
    let len = strings.len();
    if len == 0 {
        return;
    }
    for &(at, piece) in pieces {
        let s: &mut String = strings[at % len];
        s.push_str(piece);
    }
}
