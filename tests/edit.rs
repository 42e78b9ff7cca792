//! Format-preserving edits (`fengong::edit`) on the seed document and on a
//! CRLF copy of it: each edit changes exactly the bytes it should (the whole
//! output is compared with a text made by hand from the input), the result
//! parses strictly back to the edited document, and every task the edit did
//! not touch keeps its exact text. A property test then runs random
//! sequences of edits on the seed and on generated documents.

use std::collections::HashSet;

use fengong::edit::{EditError, Level};
use fengong::generate::{generate, GenerateOptions};
use fengong::lint::{lint, LintConfig};
use fengong::{numeral, Category, Code, Document, LineEnding, Task, Unit, UnitMapping};
use proptest::collection::vec;
use proptest::prelude::*;

const SEED: &str = include_str!("../seeds/000_ecc403549f0e7389.txt");

fn seed() -> Document<'static> {
    fengong::parse(SEED).unwrap()
}

fn crlf(text: &str) -> String {
    text.replace('\n', "\r\n")
}

/// `text` with its one occurrence of `old` replaced by `new` (an edit made by
/// hand at exactly one place).
#[track_caller]
fn splice(text: &str, old: &str, new: &str) -> String {
    let found = text.matches(old).count();
    assert_eq!(found, 1, "{old:?} occurs {found} times, not once");
    text.replacen(old, new, 1)
}

/// The text of task `number` of the (LF) seed: its four cells.
fn body(number: u32) -> String {
    seed().task(number).unwrap().to_string()
}

/// `text` with `old` replaced by `new` inside task `number`'s cells only.
#[track_caller]
fn in_task(text: &str, number: u32, old: &str, new: &str) -> String {
    let body = body(number);
    splice(text, &body, &splice(&body, old, new))
}

/// The number cell of task `old` rewritten to `new` (anchored on the start
/// of the task's text, so the place is unambiguous).
#[track_caller]
fn renumbered(text: &str, old: u32, new: u32) -> String {
    let body = body(old);
    let head = format!("\t{old}\n");
    let rest: String = body[head.len()..].chars().take(12).collect();
    splice(text, &format!("{head}{rest}"), &format!("\t{new}\n{rest}"))
}

/// The cells of the task most tests insert, written as its neighbours are.
const NEW_TASK: &str = "\t99\n\t新任务\n\t区甲局\n\t甲局\n";
/// The lead of most tasks of the seed: a blank line and a filler cell.
const TASK_LEAD: &str = "\n\t\n";

fn new_task() -> Task<'static> {
    Task::new(99, "新任务", UnitMapping::new(["区甲局"], ["甲局"]))
}

fn task_mut<'d, 'a>(doc: &'d mut Document<'a>, number: u32) -> &'d mut Task<'a> {
    doc.categories_mut()
        .iter_mut()
        .flat_map(|c| c.tasks_mut().iter_mut())
        .find(|t| t.number() == number)
        .unwrap_or_else(|| panic!("no task {number}"))
}

fn names<'u>(units: impl Iterator<Item = &'u str>) -> Vec<String> {
    units.map(str::to_string).collect()
}

fn district(doc: &Document<'_>, number: u32) -> Vec<String> {
    names(doc.task(number).unwrap().units().district_names())
}

fn local(doc: &Document<'_>, number: u32) -> Vec<String> {
    names(doc.task(number).unwrap().units().local_names())
}

fn numbers(category: &Category<'_>) -> Vec<u32> {
    category.tasks().iter().map(Task::number).collect()
}

/// Compares two long texts, showing where they first differ.
#[track_caller]
fn assert_text_eq(actual: &str, expected: &str, what: &str) {
    if actual == expected {
        return;
    }
    let at = actual
        .bytes()
        .zip(expected.bytes())
        .position(|(a, b)| a != b)
        .unwrap_or(actual.len().min(expected.len()));
    let window = |text: &str| {
        let mut from = at.saturating_sub(150);
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        let mut to = (at + 150).min(text.len());
        while !text.is_char_boundary(to) {
            to -= 1;
        }
        format!("{:?}", &text[from..to])
    };
    panic!(
        "{what}: the texts differ at byte {at} (lengths {} and {}):\n  actual:   {}\n  expected: {}",
        actual.len(),
        expected.len(),
        window(actual),
        window(expected)
    );
}

/// Runs `edit` on the seed and on its CRLF copy and checks that
///
/// - the output is exactly `expected(SEED)` (in CRLF for the copy);
/// - it parses strictly, to a document equal to the edited one, with the
///   copy's line ending, for which `verify` holds;
/// - the same edit on the seed's canonical rewrite gives an equal document;
/// - every task not numbered in `touched` keeps its exact text, once.
#[track_caller]
fn check_edit(
    edit: impl Fn(&mut Document<'_>),
    expected: impl Fn(&str) -> String,
    touched: &[u32],
    verify: impl Fn(&Document<'_>),
) {
    let expected_lf = expected(SEED);
    for line_ending in [LineEnding::Lf, LineEnding::CrLf] {
        let (input, want) = match line_ending {
            LineEnding::Lf => (SEED.to_string(), expected_lf.clone()),
            _ => (crlf(SEED), crlf(&expected_lf)),
        };
        let original = fengong::parse(&input).unwrap();
        let mut doc = original.clone();
        edit(&mut doc);
        let out = doc.to_string();
        assert_text_eq(&out, &want, &format!("{line_ending:?}"));

        let again = fengong::parse(&out)
            .unwrap_or_else(|e| panic!("{line_ending:?}: the edited text does not parse: {e}"));
        assert_eq!(again, doc, "{line_ending:?}: re-parsed document");
        assert_eq!(again.line_ending(), line_ending);
        assert_eq!(again.to_string(), out);
        verify(&again);

        let mut canonical = fengong::parse(&fengong::to_canonical_string(&original))
            .unwrap()
            .into_owned();
        edit(&mut canonical);
        assert_eq!(
            canonical, doc,
            "{line_ending:?}: edit of the canonical text"
        );

        for task in original.tasks() {
            if touched.contains(&task.number()) {
                continue;
            }
            let cells = task.to_string();
            assert_eq!(
                out.matches(&cells).count(),
                1,
                "{line_ending:?}: task {} lost its text",
                task.number()
            );
        }
    }
}

// ---------------------------------------------------------------- units

#[test]
fn renaming_a_unit_changes_exactly_one_name() {
    check_edit(
        |doc| {
            assert_eq!(doc.rename_unit("区工业信局", "区工信局"), 1);
            assert_eq!(doc.rename_unit("区工业信局", "区甲局"), 0);
        },
        |s| splice(s, "区工业信局", "区工信局"),
        &[9],
        |doc| {
            assert_eq!(district(doc, 9), ["区商促局", "区发改委", "区工信局"]);
            assert_eq!(local(doc, 9), ["商促局", "经改局"]);
            let map = doc.unit_map();
            assert_eq!(
                map.tasks_of_district("区工信局"),
                [7, 8, 9, 10, 11, 18, 24, 25, 26]
            );
            assert!(map.tasks_of_district("区工业信局").is_empty());
        },
    );
}

#[test]
fn renaming_a_local_unit_leaves_longer_names_alone() {
    let touched: Vec<u32> = seed()
        .tasks()
        .filter(|t| t.units().local_names().any(|n| n == "人社局"))
        .map(Task::number)
        .collect();
    assert_eq!(touched.len(), 50);
    check_edit(
        |doc| assert_eq!(doc.rename_unit("人社局", "人力社保局"), 50),
        |s| {
            s.replace("\t人社局", "\t人力社保局")
                .replace("、人社局", "、人力社保局")
        },
        &touched,
        |doc| {
            assert_eq!(district(doc, 1), ["区人社局"]);
            assert_eq!(local(doc, 1), ["人力社保局"]);
            assert_eq!(local(doc, 57), ["社发局", "人力社保局"]);
            assert_eq!(local(doc, 71), ["党委办", "人力社保局"]);
            assert!(doc
                .tasks()
                .all(|t| t.units().local_names().all(|n| n != "人社局")));
            assert_eq!(doc.unit_map().tasks_of_district("区人社局").len(), 50);
        },
    );
}

#[test]
fn renaming_a_unit_of_one_task() {
    check_edit(
        |doc| assert_eq!(task_mut(doc, 7).rename_unit("区工信局", "区甲局"), 1),
        |s| in_task(s, 7, "、区工信局、", "、区甲局、"),
        &[7],
        |doc| {
            assert_eq!(district(doc, 7), ["区商促局", "区甲局", "区发改委"]);
            assert_eq!(district(doc, 8), ["区商促局", "区工信局", "区发改委"]);
        },
    );
}

#[test]
fn adding_units_at_both_levels() {
    check_edit(
        |doc| {
            let task = task_mut(doc, 2);
            task.add_unit(Level::District, "区甲局");
            task.add_unit(Level::Local, "甲局");
        },
        |s| {
            in_task(
                s,
                2,
                "\t区人社局、区财政局\n\t人社局、财政局\n",
                "\t区人社局、区财政局、区甲局\n\t人社局、财政局、甲局\n",
            )
        },
        &[2],
        |doc| {
            assert_eq!(district(doc, 2), ["区人社局", "区财政局", "区甲局"]);
            assert_eq!(local(doc, 2), ["人社局", "财政局", "甲局"]);
        },
    );
}

#[test]
fn removing_the_first_and_the_last_unit_of_a_cell() {
    check_edit(
        |doc| {
            let task = task_mut(doc, 2);
            assert!(task.remove_unit(Level::District, "区人社局"));
            assert!(task.remove_unit(Level::Local, "财政局"));
        },
        |s| {
            in_task(
                s,
                2,
                "\t区人社局、区财政局\n\t人社局、财政局\n",
                "\t区财政局\n\t人社局\n",
            )
        },
        &[2],
        |doc| {
            assert_eq!(district(doc, 2), ["区财政局"]);
            assert_eq!(local(doc, 2), ["人社局"]);
        },
    );
}

#[test]
fn removing_a_unit_between_two_others() {
    check_edit(
        |doc| assert!(task_mut(doc, 4).remove_unit(Level::District, "区发改委")),
        |s| {
            in_task(
                s,
                4,
                "\t区金融局、区发改委、人民银行",
                "\t区金融局、人民银行",
            )
        },
        &[4],
        |doc| {
            assert_eq!(
                district(doc, 4),
                ["区金融局", "人民银行滨海新区中心支行", "滨海银保监分局"]
            );
            assert_eq!(local(doc, 4), ["金融局", "经改局"]);
        },
    );
}

#[test]
fn removing_the_only_unit_leaves_an_empty_cell() {
    check_edit(
        |doc| {
            let task = task_mut(doc, 10);
            assert!(task.remove_unit(Level::District, "区工信局"));
            assert!(task.remove_unit(Level::Local, "经改局"));
            assert!(!task.remove_unit(Level::Local, "经改局"));
        },
        |s| in_task(s, 10, "\t区工信局\n\t经改局\n", "\t\n\t\n"),
        &[10],
        |doc| {
            assert!(district(doc, 10).is_empty());
            assert!(local(doc, 10).is_empty());
            assert_eq!(doc.task(11).unwrap().number(), 11);
        },
    );
    // And a unit added to the empty cell fills it.
    check_edit(
        |doc| {
            let task = task_mut(doc, 10);
            task.remove_unit(Level::District, "区工信局");
            task.remove_unit(Level::Local, "经改局");
            task.add_unit(Level::Local, "甲局");
        },
        |s| in_task(s, 10, "\t区工信局\n\t经改局\n", "\t\n\t甲局\n"),
        &[10],
        |doc| {
            assert!(district(doc, 10).is_empty());
            assert_eq!(local(doc, 10), ["甲局"]);
        },
    );
}

#[test]
fn units_beside_a_trailing_separator() {
    check_edit(
        |doc| {
            let task = task_mut(doc, 45);
            assert!(task.remove_unit(Level::District, "区财政局"));
            task.add_unit(Level::Local, "甲局");
        },
        |s| {
            in_task(
                s,
                45,
                "\t区人社局、区财政局、\n\t人社局、财政局、\n",
                "\t区人社局、\n\t人社局、财政局、甲局、\n",
            )
        },
        &[45],
        |doc| {
            assert_eq!(district(doc, 45), ["区人社局"]);
            assert_eq!(local(doc, 45), ["人社局", "财政局", "甲局"]);
        },
    );
}

#[test]
fn removing_a_unit_that_is_not_there_changes_nothing() {
    check_edit(
        |doc| {
            let task = task_mut(doc, 2);
            assert!(!task.remove_unit(Level::District, "人社局"));
            assert!(!task.remove_unit(Level::Local, "区人社局"));
            assert_eq!(task.rename_unit("区甲局", "区乙办"), 0);
        },
        str::to_string,
        &[],
        |doc| assert_eq!(district(doc, 2), ["区人社局", "区财政局"]),
    );
}

#[test]
fn setting_the_units_rewrites_only_the_unit_cells() {
    check_edit(
        |doc| {
            task_mut(doc, 3).set_units(UnitMapping::new(["区甲局", "区乙办"], ["甲局"]));
            task_mut(doc, 4).set_level_units(Level::Local, Vec::new());
            task_mut(doc, 5).set_level_units(Level::District, vec![Unit::new("区乙办")]);
        },
        |s| {
            let s = in_task(
                s,
                3,
                "\t区金融局、人民银行滨海新区中心支行\n\t金融局\n",
                "\t区甲局、区乙办\n\t甲局\n",
            );
            let s = in_task(&s, 4, "\t金融局、经改局\n", "\t\n");
            in_task(
                &s,
                5,
                "\t区金融局、滨海银保监分局、人民银行滨海新区中心支行\n",
                "\t区乙办\n",
            )
        },
        &[3, 4, 5],
        |doc| {
            assert_eq!(district(doc, 3), ["区甲局", "区乙办"]);
            assert_eq!(local(doc, 3), ["甲局"]);
            assert_eq!(district(doc, 4).len(), 4);
            assert!(local(doc, 4).is_empty());
            assert_eq!(district(doc, 5), ["区乙办"]);
            assert_eq!(local(doc, 5), ["金融局"]);
        },
    );
}

// ---------------------------------------------------------------- texts and numbers

const TEXT_10: &str =
    "支持工业电子商务平台建设，提供在线交易、支付结算、物流配送、信息技术等服务，打造一批试点示范项目。";

#[test]
fn setting_a_text_of_one_line() {
    check_edit(
        |doc| task_mut(doc, 10).set_text("新的任务文本。"),
        |s| in_task(s, 10, &format!("\t{TEXT_10}\n"), "\t新的任务文本。\n"),
        &[10],
        |doc| {
            let task = doc.task(10).unwrap();
            assert_eq!(task.text(), "新的任务文本。");
            assert_eq!(local(doc, 10), ["经改局"]);
        },
    );
}

/// A text is one line: one set or inserted with a line break is written
/// as a wrap (with the document's line endings), reads back joined with
/// nothing, and `validate` says so before anything is written.
#[test]
fn a_text_of_two_lines_is_written_as_a_wrap_and_reads_back_joined() {
    for line_ending in [LineEnding::Lf, LineEnding::CrLf] {
        let eol = line_ending.as_str();
        let input = SEED.replace('\n', eol);
        let mut doc = fengong::parse(&input).unwrap();
        task_mut(&mut doc, 10).set_text("第一行\n第二行");
        let task = Task::new(99, "新任务\n第二行", UnitMapping::new(["区甲局"], ["甲局"]));
        doc.insert_task(0, 1, task).unwrap();
        let out = doc.to_string();
        assert!(
            out.contains(&format!("\t第一行{eol}第二行{eol}")),
            "{line_ending:?}"
        );
        assert!(
            out.contains(&format!("\t新任务{eol}第二行{eol}")),
            "{line_ending:?}"
        );
        let invalid = doc.validate();
        assert_eq!(invalid.len(), 2, "{line_ending:?}: {invalid:?}");
        assert!(invalid.iter().all(|i| i.to_string().contains("line break")));
        let again = fengong::parse(&out).unwrap();
        assert_eq!(again.task(10).unwrap().text(), "第一行第二行");
        assert_eq!(again.task(99).unwrap().text(), "新任务第二行");
        assert_eq!(again.to_string(), out);
    }
}

#[test]
fn setting_the_text_of_the_first_and_the_last_task() {
    let first = seed().task(1).unwrap().text().to_string();
    let last = seed().task(72).unwrap().text().to_string();
    check_edit(
        |doc| {
            task_mut(doc, 1).set_text("甲");
            task_mut(doc, 72).set_text("乙丙");
        },
        |s| {
            let s = in_task(s, 1, &format!("\t{first}\n"), "\t甲\n");
            in_task(&s, 72, &format!("\t{last}\n"), "\t乙丙\n")
        },
        &[1, 72],
        |doc| {
            assert_eq!(doc.task(1).unwrap().text(), "甲");
            assert_eq!(doc.task(72).unwrap().text(), "乙丙");
            assert_eq!(doc.trailer(), " ");
        },
    );
}

#[test]
fn setting_a_text_drops_the_artifact_of_the_cell() {
    // The artifact is not part of the text: writing the same text back
    // rewrites the cell without it, and the document keeps its meaning.
    check_edit(
        |doc| {
            let task = task_mut(doc, 26);
            let text = task.text().to_string();
            assert!(text.starts_with("落实首台（套）"));
            task.set_text(text);
        },
        |s| splice(s, "[bookmark: RANGE!C44]", ""),
        &[26],
        |doc| assert_eq!(*doc, seed()),
    );
}

#[test]
fn setting_task_numbers() {
    check_edit(
        |doc| {
            task_mut(doc, 10).set_number(100);
            task_mut(doc, 1).set_number(7);
        },
        |s| {
            let s = splice(s, "\t10\n\t支持工业", "\t100\n\t支持工业");
            splice(
                &s,
                "\t（一）加大援企稳岗力度\n\t1\n",
                "\t（一）加大援企稳岗力度\n\t7\n",
            )
        },
        &[1, 10],
        |doc| {
            assert_eq!(doc.task(100).unwrap().text(), TEXT_10);
            assert!(doc.task(10).is_none());
            assert_eq!(numbers(&doc.categories()[0]), [7, 2]);
            assert_eq!(numbers(&doc.categories()[2]), [7, 8, 9, 100, 11]);
        },
    );
}

// ---------------------------------------------------------------- headings

#[test]
fn setting_category_titles() {
    check_edit(
        |doc| {
            let categories = doc.categories_mut();
            categories[0].set_title("新标题一");
            categories[4].set_title("新标题五");
            categories[9].set_title("新标题十");
            categories[10].set_title("新标题十一");
        },
        |s| {
            let s = splice(s, "\t（一）加大援企稳岗力度\n", "\t（一）新标题一\n");
            // A heading that lost its tab, below a lone tab and blank lines.
            let s = splice(&s, "\n（五）\n挖掘内需带动就业\n", "\n（五）新标题五\n");
            // A title wrapped onto the next line comes back to the numeral.
            let s = splice(&s, "\t（十）\n鼓励企业吸纳就业\n", "\t（十）新标题十\n");
            // The stray space before the numeral stays.
            splice(
                &s,
                "\t （十一）支持灵活就业和新就业形态\n",
                "\t （十一）新标题十一\n",
            )
        },
        &[],
        |doc| {
            let titles: Vec<&str> = doc.categories().iter().map(Category::title).collect();
            assert_eq!(titles[0], "新标题一");
            assert_eq!(titles[1], "加强对企业金融支持");
            assert_eq!(titles[4], "新标题五");
            assert_eq!(titles[9], "新标题十");
            assert_eq!(titles[10], "新标题十一");
            assert_eq!(numbers(&doc.categories()[4]), [15, 16, 17, 18, 19, 20]);
        },
    );
}

#[test]
fn setting_category_numbers() {
    check_edit(
        |doc| {
            let categories = doc.categories_mut();
            categories[2].set_number(30);
            categories[4].set_number(9);
            categories[10].set_number(12);
        },
        |s| {
            let s = splice(s, "\t（三）引导", "\t（三十）引导");
            let s = splice(&s, "\n（五）\n", "\n（九）\n");
            splice(&s, "\t （十一）支持", "\t （十二）支持")
        },
        &[],
        |doc| {
            let categories = doc.categories();
            assert_eq!(
                (categories[2].number(), categories[2].numeral()),
                (30, "三十")
            );
            assert_eq!((categories[4].number(), categories[4].numeral()), (9, "九"));
            assert_eq!(categories[4].title(), "挖掘内需带动就业");
            assert_eq!(
                (categories[10].number(), categories[10].numeral()),
                (12, "十二")
            );
            assert_eq!(categories[10].title(), "支持灵活就业和新就业形态");
        },
    );
}

// ---------------------------------------------------------------- tasks

#[test]
fn inserting_a_task_between_two_others() {
    check_edit(
        |doc| doc.insert_task(0, 1, new_task()).unwrap(),
        |s| {
            let first = body(1);
            splice(s, &first, &format!("{first}{TASK_LEAD}{NEW_TASK}"))
        },
        &[],
        |doc| {
            assert_eq!(numbers(&doc.categories()[0]), [1, 99, 2]);
            assert_eq!(doc.task(99).unwrap().text(), "新任务");
            assert_eq!(district(doc, 99), ["区甲局"]);
            assert_eq!(local(doc, 99), ["甲局"]);
        },
    );
}

#[test]
fn inserting_a_task_before_one_in_the_headings_row() {
    // Task 12 shares its heading's row: the new task takes that place, and
    // task 12 starts a row of its own, as the tasks around it do.
    check_edit(
        |doc| doc.insert_task(3, 0, new_task()).unwrap(),
        |s| {
            splice(
                s,
                "\t（四）规范企业裁员行为\n\t12\n",
                &format!("\t（四）规范企业裁员行为\n{NEW_TASK}{TASK_LEAD}\t12\n"),
            )
        },
        &[],
        |doc| assert_eq!(numbers(&doc.categories()[3]), [99, 12, 13, 14]),
    );
}

#[test]
fn inserting_a_task_first_in_a_category_whose_first_task_has_a_row_of_its_own() {
    check_edit(
        |doc| doc.insert_task(1, 0, new_task()).unwrap(),
        |s| {
            splice(
                s,
                "\t（二）加强对企业金融支持\n\n\t3\n",
                &format!("\t（二）加强对企业金融支持\n{TASK_LEAD}{NEW_TASK}\n\t3\n"),
            )
        },
        &[],
        |doc| assert_eq!(numbers(&doc.categories()[1]), [99, 3, 4, 5, 6]),
    );
}

#[test]
fn inserting_a_task_at_the_end() {
    // At the end of the document: before the stray last line.
    check_edit(
        |doc| doc.insert_task(27, 1, new_task()).unwrap(),
        |s| {
            splice(
                s,
                "\t人社局\n ",
                &format!("\t人社局\n{TASK_LEAD}{NEW_TASK} "),
            )
        },
        &[],
        |doc| {
            assert_eq!(numbers(&doc.categories()[27]), [72, 99]);
            assert_eq!(doc.trailer(), " ");
        },
    );
    // At the end of a category: before the next heading.
    check_edit(
        |doc| doc.insert_task(0, 2, new_task()).unwrap(),
        |s| {
            splice(
                s,
                "\t人社局、财政局\n\n\t（二）",
                &format!("\t人社局、财政局\n{TASK_LEAD}{NEW_TASK}\n\t（二）"),
            )
        },
        &[],
        |doc| {
            assert_eq!(numbers(&doc.categories()[0]), [1, 2, 99]);
            assert_eq!(numbers(&doc.categories()[1]), [3, 4, 5, 6]);
        },
    );
}

#[test]
fn inserting_a_task_out_of_range_changes_nothing() {
    let mut doc = seed();
    assert_eq!(
        doc.insert_task(28, 0, new_task()),
        Err(EditError::OutOfRange { index: 28, len: 28 })
    );
    assert_eq!(
        doc.insert_task(0, 3, new_task()),
        Err(EditError::OutOfRange { index: 3, len: 2 })
    );
    assert_eq!(doc.to_string(), SEED);
}

#[test]
fn removing_the_last_task_of_a_category() {
    check_edit(
        |doc| {
            let removed = doc.remove_task(2).unwrap();
            assert_eq!(removed, *seed().task(2).unwrap());
            assert_eq!(
                removed.units().local_names().collect::<Vec<_>>(),
                ["人社局", "财政局"]
            );
        },
        |s| splice(s, &format!("{TASK_LEAD}{}", body(2)), ""),
        &[2],
        |doc| {
            assert_eq!(numbers(&doc.categories()[0]), [1]);
            assert!(doc.task(2).is_none());
        },
    );
}

#[test]
fn removing_the_first_task_of_a_category() {
    // Task 3 has a row of its own after a blank line: it goes with that
    // line, and task 4 keeps its blank line and filler cell.
    check_edit(
        |doc| assert_eq!(doc.remove_task(3).unwrap().number(), 3),
        |s| {
            splice(
                s,
                &format!("\t（二）加强对企业金融支持\n\n{}", body(3)),
                "\t（二）加强对企业金融支持\n",
            )
        },
        &[3],
        |doc| assert_eq!(numbers(&doc.categories()[1]), [4, 5, 6]),
    );
    // Task 12 shares its heading's row: task 13 moves into it.
    check_edit(
        |doc| assert_eq!(doc.remove_task(12).unwrap().number(), 12),
        |s| {
            splice(
                s,
                &format!("\t（四）规范企业裁员行为\n{}{TASK_LEAD}", body(12)),
                "\t（四）规范企业裁员行为\n",
            )
        },
        &[12],
        |doc| assert_eq!(numbers(&doc.categories()[3]), [13, 14]),
    );
    // So does task 1, the first of the document.
    check_edit(
        |doc| assert_eq!(doc.remove_task(1).unwrap().number(), 1),
        |s| splice(s, &format!("{}{TASK_LEAD}", body(1)), ""),
        &[1],
        |doc| {
            assert_eq!(numbers(&doc.categories()[0]), [2]);
            assert_eq!(doc.categories()[0].title(), "加大援企稳岗力度");
        },
    );
}

#[test]
fn removing_the_last_task_of_the_document_leaves_an_empty_category() {
    check_edit(
        |doc| assert_eq!(doc.remove_task(72).unwrap().number(), 72),
        |s| splice(s, &body(72), ""),
        &[72],
        |doc| {
            assert_eq!(doc.categories().len(), 28);
            assert!(doc.categories()[27].tasks().is_empty());
            assert_eq!(doc.categories()[27].title(), "完善舆论宣传引导机制");
            assert_eq!(doc.tasks().count(), 71);
        },
    );
}

#[test]
fn removing_a_task_that_is_not_there_changes_nothing() {
    let mut doc = seed();
    assert!(doc.remove_task(999).is_none());
    assert!(doc.remove_category(99).is_none());
    assert_eq!(doc.to_string(), SEED);
}

// ---------------------------------------------------------------- categories

fn new_category(with_task: bool) -> Category<'static> {
    let mut category = Category::new(99, "新类别");
    if with_task {
        category.push_task(new_task());
    }
    category
}

#[test]
fn inserting_a_category_between_two_others() {
    check_edit(
        |doc| doc.insert_category(1, new_category(true)).unwrap(),
        |s| {
            splice(
                s,
                "\t人社局、财政局\n\n\t（二）",
                &format!("\t人社局、财政局\n\n\t（九十九）新类别\n{TASK_LEAD}{NEW_TASK}\n\t（二）"),
            )
        },
        &[],
        |doc| {
            let categories = doc.categories();
            assert_eq!(categories.len(), 29);
            assert_eq!(
                (
                    categories[1].number(),
                    categories[1].numeral(),
                    categories[1].title()
                ),
                (99, "九十九", "新类别")
            );
            assert_eq!(numbers(&categories[1]), [99]);
            assert_eq!(categories[2].title(), "加强对企业金融支持");
        },
    );
    // Without tasks: the heading alone.
    check_edit(
        |doc| doc.insert_category(1, new_category(false)).unwrap(),
        |s| {
            splice(
                s,
                "\t人社局、财政局\n\n\t（二）",
                "\t人社局、财政局\n\n\t（九十九）新类别\n\n\t（二）",
            )
        },
        &[],
        |doc| assert!(doc.categories()[1].tasks().is_empty()),
    );
}

#[test]
fn inserting_a_category_first_and_last() {
    check_edit(
        |doc| doc.insert_category(0, new_category(true)).unwrap(),
        |s| {
            splice(
                s,
                "责任单位\n\n\t（一）",
                &format!("责任单位\n\n\t（九十九）新类别\n{TASK_LEAD}{NEW_TASK}\n\t（一）"),
            )
        },
        &[],
        |doc| {
            assert_eq!(doc.categories()[0].title(), "新类别");
            assert_eq!(doc.categories()[1].title(), "加大援企稳岗力度");
        },
    );
    check_edit(
        |doc| doc.insert_category(28, new_category(true)).unwrap(),
        |s| {
            splice(
                s,
                "\t人社局\n ",
                &format!("\t人社局\n\n\t（九十九）新类别\n{TASK_LEAD}{NEW_TASK} "),
            )
        },
        &[],
        |doc| {
            assert_eq!(doc.categories()[28].title(), "新类别");
            assert_eq!(doc.trailer(), " ");
        },
    );
    let mut doc = seed();
    assert_eq!(
        doc.insert_category(29, new_category(true)),
        Err(EditError::OutOfRange { index: 29, len: 28 })
    );
    assert_eq!(doc.to_string(), SEED);
}

/// The text without the category headed `（from）`, up to the next one (or
/// to the stray last line).
fn without_category(text: &str, from: &str, to: Option<&str>) -> String {
    let start = text.find(&format!("\n\t（{from}）")).unwrap();
    let end = match to {
        Some(to) => text.find(&format!("\n\t（{to}）")).unwrap(),
        None => text.len() - 1,
    };
    assert!(start < end);
    format!("{}{}", &text[..start], &text[end..])
}

#[test]
fn removing_categories() {
    check_edit(
        |doc| {
            let removed = doc.remove_category(2).unwrap();
            assert_eq!(removed.title(), "加强对企业金融支持");
            assert_eq!(numbers(&removed), [3, 4, 5, 6]);
        },
        |s| without_category(s, "二", Some("三")),
        &[3, 4, 5, 6],
        |doc| {
            assert_eq!(doc.categories().len(), 27);
            assert_eq!(doc.categories()[1].title(), "引导企业开拓国内市场");
            assert_eq!(doc.tasks().count(), 68);
        },
    );
    check_edit(
        |doc| assert_eq!(doc.remove_category(1).unwrap().tasks().len(), 2),
        |s| without_category(s, "一", Some("二")),
        &[1, 2],
        |doc| assert_eq!(doc.categories()[0].title(), "加强对企业金融支持"),
    );
    check_edit(
        |doc| assert_eq!(doc.remove_category(28).unwrap().tasks().len(), 1),
        |s| {
            let out = without_category(s, "二十八", None);
            assert!(out.ends_with("\t党委办、人社局\n "));
            out
        },
        &[72],
        |doc| {
            assert_eq!(doc.categories().len(), 27);
            assert_eq!(doc.trailer(), " ");
        },
    );
}

// ---------------------------------------------------------------- renumbering

#[test]
fn renumbering_a_numbered_document_changes_nothing() {
    check_edit(
        |doc| assert_eq!(doc.renumber(), 0),
        str::to_string,
        &[],
        |_| {},
    );
}

#[test]
fn renumbering_after_removing_a_task_rewrites_the_numbers_after_it() {
    check_edit(
        |doc| {
            doc.remove_task(66).unwrap();
            assert_eq!(doc.renumber(), 6);
        },
        |s| {
            let mut s = splice(
                s,
                &format!("\t（二十四）做好困难人员生活保障\n{}{TASK_LEAD}", body(66)),
                "\t（二十四）做好困难人员生活保障\n",
            );
            for n in 67..=72 {
                s = renumbered(&s, n, n - 1);
            }
            s
        },
        &[66, 67, 68, 69, 70, 71, 72],
        |doc| {
            let all: Vec<u32> = doc.tasks().map(Task::number).collect();
            assert_eq!(all, (1..=71).collect::<Vec<_>>());
            assert_eq!(numbers(&doc.categories()[23]), [66, 67]);
            assert!(doc.task(66).unwrap().text().starts_with("对最低生活保障"));
        },
    );
}

#[test]
fn renumbering_after_inserting_a_task() {
    let shifted: Vec<u32> = (2..=72).collect();
    check_edit(
        |doc| {
            doc.insert_task(0, 1, new_task()).unwrap();
            assert_eq!(doc.renumber(), 72);
        },
        |s| {
            let first = body(1);
            let mut s = splice(s, &first, &format!("{first}{TASK_LEAD}{NEW_TASK}"));
            for n in (2..=72).rev() {
                s = renumbered(&s, n, n + 1);
            }
            splice(&s, "\t99\n\t新任务\n", "\t2\n\t新任务\n")
        },
        &shifted,
        |doc| {
            let all: Vec<u32> = doc.tasks().map(Task::number).collect();
            assert_eq!(all, (1..=73).collect::<Vec<_>>());
            assert_eq!(doc.task(2).unwrap().text(), "新任务");
            assert_eq!(
                doc.task(73).unwrap().text(),
                seed().task(72).unwrap().text()
            );
        },
    );
}

#[test]
fn renumbering_after_inserting_a_category() {
    let shifted: Vec<u32> = (3..=72).collect();
    check_edit(
        |doc| {
            doc.insert_category(1, new_category(true)).unwrap();
            // 1 + 27 categories, 1 + 70 tasks.
            assert_eq!(doc.renumber(), 99);
        },
        |s| {
            let mut s = splice(
                s,
                "\t人社局、财政局\n\n\t（二）",
                &format!("\t人社局、财政局\n\n\t（九十九）新类别\n{TASK_LEAD}{NEW_TASK}\n\t（二）"),
            );
            for n in (2..=28).rev() {
                s = splice(
                    &s,
                    &format!("（{}）", numeral::to_chinese(n)),
                    &format!("（{}）", numeral::to_chinese(n + 1)),
                );
            }
            s = splice(&s, "\t（九十九）新类别\n", "\t（二）新类别\n");
            for n in (3..=72).rev() {
                s = renumbered(&s, n, n + 1);
            }
            splice(&s, "\t99\n\t新任务\n", "\t3\n\t新任务\n")
        },
        &shifted,
        |doc| {
            let numerals: Vec<String> = doc
                .categories()
                .iter()
                .map(|c| c.numeral().to_string())
                .collect();
            let standard: Vec<String> = (1..=29).map(numeral::to_chinese).collect();
            assert_eq!(numerals, standard);
            assert_eq!(doc.categories()[5].title(), "挖掘内需带动就业");
            assert_eq!(doc.categories()[11].title(), "支持灵活就业和新就业形态");
            assert_eq!(doc.task(3).unwrap().text(), "新任务");
        },
    );
}

#[test]
fn renumbering_after_removing_a_category() {
    let shifted: Vec<u32> = (3..=72).collect();
    check_edit(
        |doc| {
            doc.remove_category(2).unwrap();
            // 26 categories, 66 tasks.
            assert_eq!(doc.renumber(), 92);
        },
        |s| {
            let mut s = without_category(s, "二", Some("三"));
            for n in 3..=28 {
                s = splice(
                    &s,
                    &format!("（{}）", numeral::to_chinese(n)),
                    &format!("（{}）", numeral::to_chinese(n - 1)),
                );
            }
            for n in 7..=72 {
                s = renumbered(&s, n, n - 4);
            }
            s
        },
        &shifted,
        |doc| {
            let all: Vec<u32> = doc.tasks().map(Task::number).collect();
            assert_eq!(all, (1..=68).collect::<Vec<_>>());
            assert_eq!(doc.categories()[26].numeral(), "二十七");
            assert_eq!(doc.categories()[26].title(), "完善舆论宣传引导机制");
        },
    );
}

// ---------------------------------------------------------------- fixes

/// The seed with its six safe fixes made by hand.
fn seed_fixed_by_hand() -> String {
    let s = splice(SEED, "\n（五）\n", "\n\t（五）\n");
    let s = splice(&s, "[bookmark: RANGE!C44]", "");
    let s = splice(&s, "\t （十一）", "\t（十一）");
    let s = splice(
        &s,
        "\t区人社局、区财政局、\n\t人社局、财政局、\n",
        "\t区人社局、区财政局\n\t人社局、财政局\n",
    );
    let s = s.strip_suffix(" ").unwrap().to_string();
    assert!(s.ends_with("\t人社局\n"));
    s
}

#[test]
fn apply_fixes_makes_the_safe_fixes_of_the_seed() {
    for line_ending in [LineEnding::Lf, LineEnding::CrLf] {
        let (input, want) = match line_ending {
            LineEnding::Lf => (SEED.to_string(), seed_fixed_by_hand()),
            _ => (crlf(SEED), crlf(&seed_fixed_by_hand())),
        };
        let doc = fengong::parse(&input).unwrap();
        let findings = lint(&doc, &input, &LintConfig::default());
        let (fixed, applied) = fengong::edit::apply_fixes(&input, &findings, false);
        let codes: Vec<Code> = applied.iter().map(|d| d.code()).collect();
        assert_eq!(
            codes,
            [
                Code::HeadingWithoutTab,
                Code::ExtractionArtifact,
                Code::StrayWhitespace,
                Code::StraySeparator,
                Code::StraySeparator,
                Code::WhitespaceOnlyLine,
            ]
        );
        assert_text_eq(&fixed, &want, &format!("{line_ending:?}"));
        assert_eq!(fengong::parse(&fixed).unwrap(), doc);

        // Unsafe fixes too: the near-miss unit name is replaced.
        let (fixed, applied) = fengong::edit::apply_fixes(&input, &findings, true);
        assert_eq!(applied.len(), 7);
        assert_eq!(applied[0].code(), Code::NearMissUnit);
        assert_text_eq(
            &fixed,
            &splice(&want, "区工业信局", "区工信局"),
            &format!("{line_ending:?} unsafe"),
        );
        let mut renamed = doc.clone();
        renamed.rename_unit("区工业信局", "区工信局");
        assert_eq!(fengong::parse(&fixed).unwrap(), renamed);
    }
}

// ---------------------------------------------------------------- random edits

/// Unit names the random edits use: new ones, the seed's, a near miss, and
/// one with a `、` inside parentheses.
const UNIT_NAMES: &[&str] = &[
    "区甲局",
    "甲局",
    "区乙办",
    "乙办",
    "区人社局",
    "人社局",
    "区财政局",
    "财政局",
    "区工信局",
    "经改局",
    "区工业信局",
    "各街镇（开发区、园区）",
];

const TEXTS: &[&str] = &[
    "新任务。",
    "支持2/3的企业（含民办非企业单位）吸纳就业",
    "落实（一）项政策，支持、鼓励就业。",
    "三、四，五；六：七",
];

const TITLES: &[&str] = &["新类别", "加大援企稳岗力度", "鼓励企业吸纳就业"];

/// One edit, with indices taken modulo what the document has when it runs.
#[derive(Debug, Clone)]
enum Op {
    RenameAll(usize, usize),
    RenameInTask(usize, usize, usize),
    SetText(usize, usize),
    SetNumber(usize, u32),
    SetUnits(usize, Vec<usize>, Vec<usize>),
    SetLevelUnits(usize, bool, Vec<usize>),
    AddUnit(usize, bool, usize),
    RemoveUnit(usize, bool, usize),
    SetTitle(usize, usize),
    SetCategoryNumber(usize, u32),
    InsertTask(usize, usize, u32, usize, Vec<usize>, Vec<usize>),
    RemoveTask(usize),
    InsertCategory(usize, u32, usize, Vec<(u32, usize)>),
    RemoveCategory(usize),
    Renumber,
}

fn op() -> impl Strategy<Value = Op> {
    let i = || 0..1000usize;
    let name = || 0..UNIT_NAMES.len();
    let names = move || vec(name(), 0..3);
    prop_oneof![
        (name(), name()).prop_map(|(a, b)| Op::RenameAll(a, b)),
        (i(), name(), name()).prop_map(|(t, a, b)| Op::RenameInTask(t, a, b)),
        (i(), 0..TEXTS.len()).prop_map(|(t, x)| Op::SetText(t, x)),
        (i(), 1..200u32).prop_map(|(t, n)| Op::SetNumber(t, n)),
        (i(), names(), names()).prop_map(|(t, d, l)| Op::SetUnits(t, d, l)),
        (i(), any::<bool>(), names()).prop_map(|(t, d, n)| Op::SetLevelUnits(t, d, n)),
        (i(), any::<bool>(), name()).prop_map(|(t, d, n)| Op::AddUnit(t, d, n)),
        (i(), any::<bool>(), i()).prop_map(|(t, d, n)| Op::RemoveUnit(t, d, n)),
        (i(), 0..TITLES.len()).prop_map(|(c, x)| Op::SetTitle(c, x)),
        (i(), 1..60u32).prop_map(|(c, n)| Op::SetCategoryNumber(c, n)),
        (i(), i(), 1..200u32, 0..TEXTS.len(), names(), names())
            .prop_map(|(c, p, n, x, d, l)| Op::InsertTask(c, p, n, x, d, l)),
        i().prop_map(Op::RemoveTask),
        (
            i(),
            1..60u32,
            0..TITLES.len(),
            vec((1..200u32, 0..TEXTS.len()), 0..3)
        )
            .prop_map(|(c, n, x, t)| Op::InsertCategory(c, n, x, t)),
        i().prop_map(Op::RemoveCategory),
        Just(Op::Renumber),
    ]
}

fn units(picks: &[usize]) -> Vec<Unit<'static>> {
    picks.iter().map(|&i| Unit::new(UNIT_NAMES[i])).collect()
}

fn level(district: bool) -> Level {
    if district {
        Level::District
    } else {
        Level::Local
    }
}

/// Which tasks and categories of the document are the original ones (by
/// id), and which of those an edit has touched.
struct Tracker {
    /// Per category of the edited document: its id and its tasks' ids
    /// (`None` for new ones).
    layout: Vec<(Option<usize>, Vec<Option<usize>>)>,
    category_text: Vec<String>,
    task_text: Vec<String>,
    touched_categories: HashSet<usize>,
    touched_tasks: HashSet<usize>,
}

impl Tracker {
    fn new(doc: &Document<'_>) -> Tracker {
        let mut task_text = Vec::new();
        let mut category_text = Vec::new();
        let mut layout = Vec::new();
        for category in doc.categories() {
            category_text.push(category.to_string());
            let mut ids = Vec::new();
            for task in category.tasks() {
                ids.push(Some(task_text.len()));
                task_text.push(task.to_string());
            }
            layout.push((Some(category_text.len() - 1), ids));
        }
        Tracker {
            layout,
            category_text,
            task_text,
            touched_categories: HashSet::new(),
            touched_tasks: HashSet::new(),
        }
    }

    fn touch_task(&mut self, at: (usize, usize)) {
        if let Some(id) = self.layout[at.0].1[at.1] {
            self.touched_tasks.insert(id);
        }
    }

    fn touch_category(&mut self, at: usize) {
        if let Some(id) = self.layout[at].0 {
            self.touched_categories.insert(id);
        }
    }
}

/// The category and position of the `i`-th task (modulo the count).
fn task_at(doc: &Document<'_>, i: usize) -> Option<(usize, usize)> {
    let count = doc.tasks().count();
    if count == 0 {
        return None;
    }
    let mut i = i % count;
    for (c, category) in doc.categories().iter().enumerate() {
        if i < category.tasks().len() {
            return Some((c, i));
        }
        i -= category.tasks().len();
    }
    None
}

fn apply_op(doc: &mut Document<'_>, tracker: &mut Tracker, op: &Op) {
    let categories = doc.categories().len();
    match op {
        Op::RenameAll(old, new) => {
            let old = UNIT_NAMES[*old];
            for (c, category) in doc.categories().iter().enumerate() {
                for (t, task) in category.tasks().iter().enumerate() {
                    let units = task.units();
                    if units
                        .district_names()
                        .chain(units.local_names())
                        .any(|n| n == old)
                    {
                        tracker.touch_task((c, t));
                    }
                }
            }
            doc.rename_unit(old, UNIT_NAMES[*new]);
        }
        Op::RenameInTask(i, old, new) => {
            let Some((c, t)) = task_at(doc, *i) else {
                return;
            };
            let task = &mut doc.categories_mut()[c].tasks_mut()[t];
            if task.rename_unit(UNIT_NAMES[*old], UNIT_NAMES[*new]) > 0 {
                tracker.touch_task((c, t));
            }
        }
        Op::SetText(i, text) => {
            let Some((c, t)) = task_at(doc, *i) else {
                return;
            };
            doc.categories_mut()[c].tasks_mut()[t].set_text(TEXTS[*text]);
            tracker.touch_task((c, t));
        }
        Op::SetNumber(i, number) => {
            let Some((c, t)) = task_at(doc, *i) else {
                return;
            };
            doc.categories_mut()[c].tasks_mut()[t].set_number(*number);
            tracker.touch_task((c, t));
        }
        Op::SetUnits(i, district, local) => {
            let Some((c, t)) = task_at(doc, *i) else {
                return;
            };
            let mapping = UnitMapping::new(
                district.iter().map(|&n| UNIT_NAMES[n]),
                local.iter().map(|&n| UNIT_NAMES[n]),
            );
            doc.categories_mut()[c].tasks_mut()[t].set_units(mapping);
            tracker.touch_task((c, t));
        }
        Op::SetLevelUnits(i, district, names) => {
            let Some((c, t)) = task_at(doc, *i) else {
                return;
            };
            doc.categories_mut()[c].tasks_mut()[t].set_level_units(level(*district), units(names));
            tracker.touch_task((c, t));
        }
        Op::AddUnit(i, district, name) => {
            let Some((c, t)) = task_at(doc, *i) else {
                return;
            };
            doc.categories_mut()[c].tasks_mut()[t].add_unit(level(*district), UNIT_NAMES[*name]);
            tracker.touch_task((c, t));
        }
        Op::RemoveUnit(i, district, pick) => {
            let Some((c, t)) = task_at(doc, *i) else {
                return;
            };
            let task = &mut doc.categories_mut()[c].tasks_mut()[t];
            let present: Vec<String> = match level(*district) {
                Level::District => names(task.units().district_names()),
                Level::Local => names(task.units().local_names()),
            };
            // A name of the cell, or (when it has none) one that is not there.
            let name = present
                .get(pick % present.len().max(1))
                .map_or(UNIT_NAMES[pick % UNIT_NAMES.len()], String::as_str)
                .to_string();
            if task.remove_unit(level(*district), &name) {
                tracker.touch_task((c, t));
            }
        }
        Op::SetTitle(i, title) if categories > 0 => {
            let c = i % categories;
            doc.categories_mut()[c].set_title(TITLES[*title]);
            tracker.touch_category(c);
        }
        Op::SetCategoryNumber(i, number) if categories > 0 => {
            let c = i % categories;
            doc.categories_mut()[c].set_number(*number);
            tracker.touch_category(c);
        }
        Op::InsertTask(i, position, number, text, district, local) if categories > 0 => {
            let c = i % categories;
            let position = position % (doc.categories()[c].tasks().len() + 1);
            let mapping = UnitMapping::new(
                district.iter().map(|&n| UNIT_NAMES[n]),
                local.iter().map(|&n| UNIT_NAMES[n]),
            );
            doc.insert_task(c, position, Task::new(*number, TEXTS[*text], mapping))
                .unwrap();
            tracker.layout[c].1.insert(position, None);
        }
        Op::RemoveTask(i) => {
            let Some((c, t)) = task_at(doc, *i) else {
                return;
            };
            let number = doc.categories()[c].tasks()[t].number();
            // The first task with that number goes.
            let (c, t) = (0..doc.tasks().count())
                .filter_map(|i| task_at(doc, i))
                .find(|&(c, t)| doc.categories()[c].tasks()[t].number() == number)
                .unwrap();
            assert_eq!(doc.remove_task(number).unwrap().number(), number);
            tracker.layout[c].1.remove(t);
        }
        Op::InsertCategory(i, number, title, tasks) => {
            let index = i % (categories + 1);
            let mut category = Category::new(*number, TITLES[*title]);
            for &(n, text) in tasks {
                category.push_task(Task::new(
                    n,
                    TEXTS[text],
                    UnitMapping::new(["区甲局"], ["甲局"]),
                ));
            }
            let ids = vec![None; tasks.len()];
            doc.insert_category(index, category).unwrap();
            tracker.layout.insert(index, (None, ids));
        }
        // The last category stays: a document needs one.
        Op::RemoveCategory(i) if categories > 1 => {
            let number = doc.categories()[i % categories].number();
            let c = doc
                .categories()
                .iter()
                .position(|c| c.number() == number)
                .unwrap();
            assert_eq!(doc.remove_category(number).unwrap().number(), number);
            tracker.layout.remove(c);
        }
        Op::Renumber => {
            let mut next = 1;
            for (c, category) in doc.categories().iter().enumerate() {
                let n = u32::try_from(c + 1).unwrap();
                if category.number() != n || category.numeral() != numeral::to_chinese(n) {
                    tracker.touch_category(c);
                }
                for (t, task) in category.tasks().iter().enumerate() {
                    if task.number() != next {
                        tracker.touch_task((c, t));
                    }
                    next += 1;
                }
            }
            doc.renumber();
        }
        _ => {}
    }
}

/// Applies `ops` to the document of `text` and checks the result.
fn check_random_edits(text: &str, ops: &[Op]) -> Result<(), TestCaseError> {
    let mut doc = fengong::parse(text).unwrap();
    let mut tracker = Tracker::new(&doc);
    for op in ops {
        apply_op(&mut doc, &mut tracker, op);
    }
    let out = doc.to_string();
    let again = match fengong::parse(&out) {
        Ok(again) => again,
        Err(e) => {
            return Err(TestCaseError::fail(format!(
                "the edited text does not parse: {e}"
            )))
        }
    };
    prop_assert_eq!(&again, &doc);
    prop_assert_eq!(again.line_ending(), doc.line_ending());
    prop_assert_eq!(again.categories().len(), tracker.layout.len());
    // Every original heading and task no edit touched keeps its text, in
    // order.
    let mut from = 0;
    for (c, (id, tasks)) in tracker.layout.iter().enumerate() {
        let category = &again.categories()[c];
        prop_assert_eq!(category.tasks().len(), tasks.len());
        let mut texts = Vec::new();
        if let Some(id) = id.filter(|id| !tracker.touched_categories.contains(id)) {
            prop_assert_eq!(&category.to_string(), &tracker.category_text[id]);
            texts.push(&tracker.category_text[id]);
        }
        for (t, id) in tasks.iter().enumerate() {
            if let Some(id) = id.filter(|id| !tracker.touched_tasks.contains(id)) {
                prop_assert_eq!(&category.tasks()[t].to_string(), &tracker.task_text[id]);
                texts.push(&tracker.task_text[id]);
            }
        }
        for text in texts {
            match out[from..].find(text.as_str()) {
                Some(at) => from += at + text.len(),
                None => return Err(TestCaseError::fail(format!("{text:?} lost"))),
            }
        }
    }
    Ok(())
}

/// Where a random-edit case starts: the seed in one of three line endings,
/// or a small generated document (with or without the seed's quirks).
#[derive(Debug, Clone)]
enum Source {
    Seed(LineEnding),
    Generated {
        seed: u64,
        categories: usize,
        quirks: bool,
        line_ending: LineEnding,
    },
}

impl Source {
    fn text(&self) -> String {
        match *self {
            Source::Seed(line_ending) => SEED.replace('\n', line_ending.as_str()),
            Source::Generated {
                seed,
                categories,
                quirks,
                line_ending,
            } => generate(&GenerateOptions {
                seed,
                categories,
                min_tasks: 0,
                max_tasks: 3,
                quirks,
                line_ending,
                ..GenerateOptions::default()
            }),
        }
    }
}

fn source() -> impl Strategy<Value = Source> {
    let line_ending = || {
        prop_oneof![
            Just(LineEnding::Lf),
            Just(LineEnding::CrLf),
            Just(LineEnding::Cr)
        ]
    };
    prop_oneof![
        line_ending().prop_map(Source::Seed),
        (any::<u64>(), 1..4usize, any::<bool>(), line_ending()).prop_map(
            |(seed, categories, quirks, line_ending)| Source::Generated {
                seed,
                categories,
                quirks,
                line_ending,
            }
        ),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn random_edits_keep_the_document_readable_and_the_rest_untouched(
        source in source(),
        ops in vec(op(), 1..=8),
    ) {
        check_random_edits(&source.text(), &ops)?;
    }
}
