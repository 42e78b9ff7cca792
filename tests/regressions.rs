//! Inputs that once broke something, found by the fuzz targets (`fuzz/`)
//! and the hostile-input tests (`tests/hostile.rs`), inlined and named after
//! what they broke. Each is fixed in the library, with a unit test beside the
//! fix; these keep the exact inputs.

use fengong::edit::apply_fixes;
use fengong::lint::{lint, LintConfig};
use fengong::{parse, parse_tolerant, to_canonical_string, Category, Code, Diagnostic, Document};

const HEAD: &str = "附件：\n标题\n\t序号\n\t工作任务\n\t甲责任单位\n\t乙责任单位\n\n";

fn lint_text(text: &str) -> Vec<Diagnostic> {
    let parsed = parse_tolerant(text);
    assert!(!parsed.has_errors(), "{text:?}");
    lint(&parsed.document, text, &LintConfig::default())
}

/// The codes of what parsing `text` reports.
fn codes(text: &str) -> Vec<Code> {
    parse_tolerant(text)
        .diagnostics
        .iter()
        .map(|d| d.code())
        .collect()
}

/// fuzz `fix`: a heading whose lone tab sits in the header's row. The
/// safe W010 fix put a second tab before the heading, the lone tab stayed
/// an empty cell, and the header row grew a fifth cell (E005).
#[test]
fn w010_fix_in_the_header_row_kept_a_fifth_header_cell() {
    let text = "\t\n\t\n\t\n\t\n\t\n（一）心";
    let findings = lint_text(text);
    let (fixed, applied) = apply_fixes(text, &findings, false);
    assert!(applied.iter().any(|d| d.code() == Code::HeadingWithoutTab));
    assert_eq!(fixed, "\t\n\t\n\t\n\t\n\n\t（一）心");
    let doc = parse(&fixed).unwrap();
    assert_eq!(doc, parse(text).unwrap());
    assert!(lint_text(&fixed)
        .iter()
        .all(|d| d.code() != Code::HeadingWithoutTab));
}

/// fuzz `fix`: two task numbers pinned by their neighbours to the same
/// unused number (`63, 32, 65` and `62, 63, 63, 65`: both 32 and the
/// second 63 "should be 64"). Applying both unsafe fixes made two tasks 64.
/// The task numbers of the fuzz input, with short texts.
#[test]
fn w001_fixes_pinned_two_tasks_to_one_number() {
    let mut text = format!("{HEAD}\t（一）类\n");
    for n in [1, 2, 3, 63, 32, 65, 66, 47, 62, 63, 63, 65, 66] {
        text.push_str(&format!("\n\t{n}\n\t任务{n}\n\t区甲\n\t甲\n"));
    }
    let findings = lint_text(&text);
    let (fixed, applied) = apply_fixes(&text, &findings, true);
    assert_eq!(applied.len(), 1, "{applied:?}");
    let numbers: Vec<u32> = parse(&fixed).unwrap().tasks().map(|t| t.number()).collect();
    assert_eq!(numbers, [1, 2, 3, 63, 64, 65, 66, 47, 62, 63, 63, 65, 66]);
    assert_eq!(numbers.iter().filter(|&&n| n == 64).count(), 1);
}

/// fuzz `fix`: a header of four cells holding only an artifact read as a
/// document without errors; the safe W005 fix cut the artifact and left
/// white space only (E001). Such a text is now empty (E001) itself.
#[test]
fn w005_fix_left_only_white_space() {
    let text = "\t[bookmark:\n\t\n\t\n\t";
    let parsed = parse_tolerant(text);
    let codes: Vec<_> = parsed.diagnostics.iter().map(|d| d.code()).collect();
    assert_eq!(codes, [Code::EmptyDocument]);
    assert_eq!(parsed.document.to_string(), text);
}

/// fuzz `fix`: a category title after an artifact on the heading's line
/// kept the white space between them (` 囉`); the safe W005 fix cut the
/// artifact, the title then read `囉`, and the document changed.
#[test]
fn category_title_after_an_artifact_kept_its_leading_space() {
    let text = "\t\n\t\n\t\n\t\n\t（一）[bookmark:] 囉";
    let doc = parse(text).unwrap();
    assert_eq!(doc.categories()[0].title(), "囉");
    let findings = lint_text(text);
    let (fixed, _) = apply_fixes(text, &findings, false);
    assert_eq!(fixed, "\t\n\t\n\t\n\t\n\t（一） 囉");
    assert_eq!(parse(&fixed).unwrap(), doc);
}

/// fuzz `fix`: W006 did not see white space next to a separator behind an
/// artifact (`区城管委 、[bookmark: x] 区发改委`): the fixes of W005 and
/// W006 left `区城管委、 区发改委`, a new W006 at the same separator. From
/// the fuzz input's unit cell.
#[test]
fn w006_missed_white_space_behind_an_artifact() {
    let text = format!(
        "{HEAD}\t（一）类\n\t1\n\t文本\n\t 区城管委 、[bookmark: x] 区发改委、区商促局\n\t环城局、 经改局 、商促局\n"
    );
    let findings = lint_text(&text);
    let (fixed, _) = apply_fixes(&text, &findings, false);
    assert!(fixed.contains("\t区城管委、区发改委、区商促局\n\t环城局、经改局、商促局\n"));
    assert_eq!(parse(&fixed).unwrap(), parse(&text).unwrap());
    assert!(lint_text(&fixed)
        .iter()
        .all(|d| d.code() != Code::StrayWhitespace));
}

/// fuzz `fix`: a continuation line holding only an artifact (or a stray
/// separator) is text to the lexer; the safe W005 (W004) fix deleted just
/// its bytes, the line went blank, and a blank line ends a row: the header
/// lost three cells (E005), a task its unit cells (E012). The fix now
/// deletes such a line whole. The minimized fuzz input, then the same in a
/// task row.
#[test]
fn w005_and_w004_fixes_left_a_blank_line_that_ended_the_row() {
    let text = "\t\n[bookmark:\n\t\n\t、\n\t";
    let findings = lint_text(text);
    let (fixed, applied) = apply_fixes(text, &findings, false);
    assert_eq!(applied.len(), 1);
    assert_eq!(fixed, "\t\n\t\n\t、\n\t");
    assert_eq!(parse(&fixed).unwrap(), parse(text).unwrap());
    for cells in [
        "\t文\n[bookmark: x]\n\t区甲\n\t甲\n",
        "\t文\n\t区甲\n、\n\t甲\n",
    ] {
        let text = format!("{HEAD}\t（一）类\n\t1\n{cells}");
        let findings = lint_text(&text);
        let (fixed, applied) = apply_fixes(&text, &findings, false);
        assert_eq!(applied.len(), 1);
        assert!(fixed.ends_with("\t1\n\t文\n\t区甲\n\t甲\n"), "{fixed:?}");
        assert_eq!(parse(&fixed).unwrap(), parse(&text).unwrap());
    }
}

/// fuzz `fix`: an artifact at the start of a wrapped line, before a tab
/// (`推动冷\t1⏎[bookmark: x]\t继续…`). Deleting the artifact alone left the
/// line starting with its tab, a cell of its own: the text lost its second
/// line and the units moved one cell up. The fix now deletes the white space
/// up to the text as well; the same for a stray separator there. The fuzz
/// input (the task's rows as found), then the two cases in a plain task.
#[test]
fn w005_and_w004_fixes_put_a_tab_at_the_start_of_a_wrapped_line() {
    let text = "〇\n附任务清单和责任分工表\n\t序厷\n\t工作任务\n\t滨区\n责任单位\n\t츜疆\n责任单位\n\n\t（一）加大援企稳岗力度\n\r\r\t\r\t1\r\t推动冷\t1\n[bookmark: x]\t继续阶\u{ebb5}性陕。\n\t区金融局\n\t\n\n";
    let findings = lint_text(text);
    let (fixed, applied) = apply_fixes(text, &findings, false);
    assert!(!applied.is_empty());
    assert!(fixed.contains("\t推动冷\t1\n继续阶"), "{fixed:?}");
    assert_eq!(
        parse_tolerant(&fixed).document,
        parse_tolerant(text).document
    );
    for (cells, message) in [
        (
            "\t文\n[bookmark: x]\t续\n\t区甲\n\t甲\n",
            "delete the artifact and the white space up to the text",
        ),
        (
            "\t文\n\t区甲、\n、\t区乙\n\t甲\n",
            "delete the stray `、` and the white space up to the text",
        ),
    ] {
        let text = format!("{HEAD}\t（一）类\n\t1\n{cells}");
        let findings = lint_text(&text);
        let fix = findings
            .iter()
            .find_map(|d| d.fix().filter(|f| f.message == message));
        assert!(fix.is_some(), "{findings:#?}");
        let (fixed, _) = apply_fixes(&text, &findings, false);
        assert!(
            !fixed.contains("\n\t续") && !fixed.contains("\n\t区乙"),
            "{fixed:?}"
        );
        assert_eq!(parse(&fixed).unwrap(), parse(&text).unwrap());
    }
}

/// fuzz `fix` (with unsafe fixes): 57 sat between 50 and 52 and was to be
/// renumbered 51, but freeing 57 let the first of two 58s after 56 read as
/// a 57, and the whole sequence read differently: the renumbered task was
/// out of order after all. A renumbering that frees a number another task
/// wants is no longer offered. The fuzz input's task numbers, with short
/// texts.
#[test]
fn w001_fix_freed_a_number_that_changed_the_sequence() {
    let numbers = [
        1, 2, 28, 52, 53, 54, 55, 56, 58, 58, 46, 47, 48, 49, 50, 57, 52, 53, 54, 55, 56, 58, 58,
        59, 60, 61, 62, 63, 82, 42, 43, 44, 45, 46,
    ];
    let mut text = format!("{HEAD}\t（一）类\n");
    for (k, n) in numbers.iter().enumerate() {
        text.push_str(&format!("\t{n}\n\t第{k}项工作\n\t区甲\n\t甲\n\n"));
    }
    let findings = lint_text(&text);
    let at_57 = text.find("\t57\n").map(|i| i + 1);
    let w001_at_57: Vec<_> = findings
        .iter()
        .filter(|d| d.code() == Code::TaskNumberSequence && Some(d.span().start) == at_57)
        .collect();
    assert_eq!(w001_at_57.len(), 1);
    assert_eq!(
        w001_at_57[0].message(),
        "expected task 51 between 50 and 52, found task 57"
    );
    assert!(w001_at_57[0].fix().is_none());
    // The fixes still offered each remove their finding.
    let (fixed, applied) = apply_fixes(&text, &findings, true);
    let again = lint_text(&fixed);
    for d in applied
        .iter()
        .filter(|d| d.code() == Code::TaskNumberSequence)
    {
        let to = &d.fix().unwrap().edits[0].replacement;
        let line = format!("\t{to}\n");
        assert!(fixed.contains(&line));
        assert!(!again.iter().any(|a| a.code() == Code::TaskNumberSequence
            && a.message().contains(&format!("found task {to},"))));
    }
}

/// fuzz `decode_parse`: an E007 heading without a numeral pointed at three
/// bytes from its parenthesis, the width of `（`; after an ASCII `(` that ran
/// past the end of the text (`\t(`, the fuzz input) or into the middle of
/// the next character (`(甲类`).
#[test]
fn e007_span_assumed_a_full_width_parenthesis() {
    for (text, paren) in [("\t(", "("), ("\t(甲类", "(")] {
        let parsed = parse_tolerant(text);
        let d = parsed
            .diagnostics
            .iter()
            .find(|d| d.code() == Code::InvalidNumeral)
            .unwrap();
        assert_eq!(text.get(d.span().range()), Some(paren));
    }
}

/// hostile: a cell of many lines was split into segments in quadratic time
/// (every line swept all the segments before it), in the parser and in
/// every lint rule that reads cells. Eighty thousand lines took seconds.
#[test]
fn segments_of_a_long_cell_were_quadratic() {
    let lines = "续行文本\n".repeat(80_000);
    let text = format!("{HEAD}\t（一）类\n\t1\n\t文本\n{lines}\t区甲\n\t甲\n");
    let doc = parse(&text).unwrap();
    let joined = format!("文本{}", "续行文本".repeat(80_000));
    assert_eq!(doc.task(1).unwrap().text(), joined);
    assert!(lint(&doc, &text, &LintConfig::default()).is_empty());
}

/// hostile: W006 looked through all the artifacts of a cell for each of
/// its lines: quadratic in a cell with an artifact on every line.
#[test]
fn w006_over_a_cell_of_artifact_lines_was_quadratic() {
    let lines = " [bookmark: x] 续 \n".repeat(40_000);
    let text = format!("{HEAD}\t（一）类\n\t1\n\t文本\n{lines}\t区甲\n\t甲\n");
    let findings = lint_text(&text);
    let count = |code: Code| findings.iter().filter(|d| d.code() == code).count();
    assert_eq!(count(Code::StrayWhitespace), 80_000);
    assert_eq!(count(Code::ExtractionArtifact), 40_000);
}

/// hostile: a hundred thousand artifacts on one line: W005 looked up the
/// line of each from scratch, and `apply_fixes` checked each fix against
/// every fix taken before it; both were quadratic (seconds for 1.3 MB).
#[test]
fn many_fixes_on_one_line_were_quadratic() {
    let closed = "[bookmark: x]".repeat(100_000);
    let text = format!("{HEAD}\t（一）类\n\t1\n\t文{closed}本\n\t区甲\n\t甲\n");
    let findings = lint_text(&text);
    assert_eq!(findings.len(), 100_000);
    let (fixed, applied) = apply_fixes(&text, &findings, false);
    assert_eq!(applied.len(), 100_000);
    assert!(fixed.contains("\t文本\n"));
}

fn longest_field(diagnostics: &[Diagnostic]) -> usize {
    diagnostics
        .iter()
        .flat_map(|d| [d.message(), d.label(), d.help().unwrap_or("")])
        .map(|f| f.chars().count())
        .max()
        .unwrap_or(0)
}

/// hostile: messages quoted a category numeral, a task number's digits or
/// the header labels in full, however long: a ten-thousand-character
/// numeral made a message of ten thousand characters (E005, E007, E008,
/// E009, E010).
#[test]
fn parse_messages_quoted_huge_cells_in_full() {
    let long = |c: &str| c.repeat(10_000);
    for (text, codes) in [
        (format!("{HEAD}\t（{}）类\n", long("一")), vec!["E007"]),
        (format!("{HEAD}\t（{}1）类\n", long("0")), vec!["E007"]),
        (
            format!("{HEAD}\t（{}类\n", long("一")),
            vec!["E007", "E008"],
        ),
        (format!("{HEAD}\t（一{}\n", long("类")), vec!["E008"]),
        (
            format!("{HEAD}\t（{}）\n", long("一")),
            vec!["E007", "E009"],
        ),
        (
            format!("{HEAD}\t（一）类\n\t{}\n\t文\n\t甲\n\t乙\n", long("９")),
            vec!["E010"],
        ),
        (
            format!("{HEAD}\t（一）类\n\t{}x\n\t文\n\t甲\n\t乙\n", long("9")),
            vec!["E010"],
        ),
        (format!("标题\n{}", long("\t甲\n")), vec!["E005"]),
    ] {
        let parsed = parse_tolerant(&text);
        let found: Vec<_> = parsed
            .diagnostics
            .iter()
            .map(|d| d.code().as_str())
            .collect();
        assert_eq!(found, codes);
        assert!(longest_field(&parsed.diagnostics) < 300, "{codes:?}");
    }
}

/// hostile: lint messages named the zone from a column label of any length
/// (W003) and unit names of few graphemes but many characters (W007).
#[test]
fn lint_messages_quoted_huge_zone_and_unit_names() {
    let zone = "甲".repeat(100_000);
    let text = format!(
        "附件：\n标题\n\t序号\n\t工作任务\n\t{zone}责任单位\n\t乙责任单位\n\n\t（一）类\n\t1\n\t文\n\t\n\t乙\n"
    );
    let findings = lint_text(&text);
    assert!(findings.iter().any(|d| d.code() == Code::EmptyUnitCell));
    assert!(longest_field(&findings) < 300);

    let marks = "\u{301}".repeat(10_000);
    let mut text = format!("{HEAD}\t（一）类\n");
    for (n, name) in [(1, "工信局"), (2, "工信局"), (3, "工业信局")] {
        text.push_str(&format!("\n\t{n}\n\t任务{n}\n\t区{marks}{name}\n\t乙\n"));
    }
    let findings = lint_text(&text);
    assert!(findings.iter().all(|d| d.code() != Code::NearMissUnit));
    assert!(longest_field(&findings) < 300);
}

/// hostile: with CR line endings a stray line's span ran over every line
/// of the stray text (`str::lines` splits at `\n` only).
#[test]
fn e006_span_ran_past_a_lone_cr() {
    let text =
        "附件：\r标题\r\t序号\r\t工作任务\r\t甲责任单位\r\t乙责任单位\r\r\t（一）类\r\r第3页\r续\r";
    let d = &parse_tolerant(text).diagnostics[0];
    assert_eq!(d.code(), Code::StrayLine);
    assert_eq!(&text[d.span().range()], "第3页");
}

/// fuzz `canonical`: two limits of the canonical round trip, now written
/// down with the definition of clean values in `fengong::write`: a column
/// label that starts with a parenthesis ends the header row, and category
/// 0 is written `（零）`, which the parser does not take.
#[test]
fn canonical_limits_found_by_fuzzing() {
    let mut doc = Document::new("", "(", "");
    doc.set_label(Some("附件 3:".into()));
    let canonical = to_canonical_string(&doc);
    assert_eq!(
        canonical,
        "附件 3:\n\n\t序号\n\t工作任务\n\t(责任单位\n\t责任单位\n"
    );
    assert_eq!(parse(&canonical).unwrap_err().code(), Code::HeaderCellCount);

    let mut doc = Document::new("疆", "区区", "");
    doc.set_label(None);
    doc.push_category(Category::new(0, "区"));
    let canonical = to_canonical_string(&doc);
    assert!(canonical.contains("\t（零）区\n"));
    assert_eq!(parse(&canonical).unwrap_err().code(), Code::InvalidNumeral);
}

/// Found by fuzzing `canonical` (its raw documents): a table of the seed's
/// layout built with empty place names has two bare `责任单位` columns, which
/// were read back as two columns of responsible units, so the district
/// units were not written at all. Two `责任单位` columns, placed or bare, are
/// the two levels.
#[test]
fn two_bare_responsibility_columns_are_the_levels() {
    let mut doc = fengong::Document::new("", "", "");
    let mut category = fengong::Category::new(1, "区序");
    category.push_task(fengong::Task::new(
        7,
        "东",
        fengong::UnitMapping::new(["区甲"], Vec::<String>::new()),
    ));
    doc.push_category(category);
    assert!(doc.header().has_levels());
    assert!(doc.validate().is_empty());
    let canonical = fengong::to_canonical_string(&doc);
    assert_eq!(fengong::parse(&canonical).unwrap(), doc);
}

/// fuzz `fix`: a unit name with unclosed braces in a cell of responsible
/// units (`市场监管局 {{{{` then a line `,`). The units reader of cells that
/// may hold role words counted `{` as a bracket, so the `,` stayed in the
/// name; the lint rules' scanner did not, so W004 called the `,` a stray
/// separator and its safe fix deleted it, changing the name. Both now read
/// one set of brackets (`scan::paren_delta`).
#[test]
fn braces_are_brackets_for_the_parser_and_the_rules_alike() {
    let head = "附件：\n标题\n\t序号\n\t工作任务\n\t责任单位\n\n";
    for cell in ["市场监管局 {{{{\n,", "甲 ｛乙，丙", "甲{乙、丙}"] {
        let text = format!("{head}\t（一）类\n\t1\n\t文本\n\t{cell}\n");
        let findings = lint_text(&text);
        assert!(
            findings.iter().all(|d| d.code() != Code::StraySeparator),
            "{cell:?}: {findings:#?}"
        );
        let (fixed, _) = apply_fixes(&text, &findings, false);
        assert_eq!(parse(&fixed).unwrap(), parse(&text).unwrap(), "{cell:?}");
    }
    // The same in the two-level layout, whose cells hold names only.
    let text = format!("{HEAD}\t（一）类\n\t1\n\t文本\n\t区甲\n\t甲 {{{{\n,\n");
    let doc = parse(&text).unwrap();
    let task = doc.tasks().next().unwrap();
    assert_eq!(task.units().local_names().collect::<Vec<_>>(), ["甲 {{,"]);
    assert!(lint_text(&text)
        .iter()
        .all(|d| d.code() != Code::StraySeparator));
}

/// fuzz `fix`: W002 renumbered the first `二、` heading to `一、` and W001,
/// in the same pass, renumbered the task under it from 3 to 2, counting the
/// task `1.(` before it. With the heading `一、`, the plan starts there and
/// `1.(` is the preamble's: the fixed text read "expected task 1, found
/// task 2" at the task just renumbered. Task renumberings now wait for the
/// pass after a heading renumbering.
#[test]
fn w001_fix_counted_a_task_that_the_w002_fix_moved_into_the_preamble() {
    let text = "2023年区政府重批时限30%。[牵头单位:2023年区政府重点工企\0\0\0\0\0\0\0\0\0\0\n1.(\r]3、完\n二、推进城市建设\r\n3、完提升改造5条区行政审批局;责各街道]\r\n二、推进城市建设\r\n3、完成主干道提升改造5条。[牵头单位:区住建局1责任单位'区交通局、区城管局]\r\n";
    let findings = lint_text(text);
    let has = |code| {
        findings
            .iter()
            .any(|d| d.code() == code && d.fix().is_some())
    };
    assert!(has(Code::CategoryNumberSequence) && has(Code::TaskNumberSequence));
    let (fixed, applied) = apply_fixes(text, &findings, true);
    let codes: Vec<Code> = applied.iter().map(|d| d.code()).collect();
    assert_eq!(codes, [Code::CategoryNumberSequence]);
    assert_eq!(fixed, text.replacen("二、", "一、", 1));
    // The next pass reads the task numbers of the renumbered plan: no fix
    // makes a task "2" under a plan that starts at task 3.
    let fixed = fengong::lint::fix(text, &LintConfig::default(), true).text;
    assert_eq!(fixed, text.replacen("二、", "一、", 1));
}

/// fuzz `fix`: an artifact left open at the end of a tab-led list line. The
/// list reader kept `[bookmark:` in the task's text, while W005 read the
/// line as a table cell and its safe fix deleted the artifact: the fixed
/// text read another task. A list's values now leave artifacts out, as a
/// table's do, and W005 finds a list's artifacts line by line, without a
/// fix.
#[test]
fn w005_fix_changed_a_list_task_that_kept_its_artifact() {
    let text = "\t\u{a0}1、\u{5}\u{4}牵头[bookmark:";
    let doc = parse(text).unwrap();
    assert_eq!(doc.root_tasks()[0].text(), "\u{5}\u{4}牵头");
    let findings = lint_text(text);
    let artifacts: Vec<&Diagnostic> = findings
        .iter()
        .filter(|d| d.code() == Code::ExtractionArtifact)
        .collect();
    assert_eq!(artifacts.len(), 1);
    assert!(artifacts[0].fix().is_none());
    let fixed = fengong::lint::fix(text, &LintConfig::default(), false).text;
    assert_eq!(parse(&fixed).unwrap(), doc);
}

/// fuzz `fix`: a header cell whose continuation line reads
/// `[b[bookmark: x]ookmark: x]\t继续阶`. Cutting `[bookmark: x]` formed a
/// second artifact, which the joined label lost without the tab after it;
/// once W005's fix deleted the first, the second was written whole and
/// went with the tab (the line's start is trimmed): the safe fix changed
/// the label. A line's formed artifacts now go as written ones do, and
/// (since the `[bo[bookmark:]okmark:` input below) an artifact whose cutting
/// forms another gets no fix.
#[test]
fn w005_fix_changed_a_label_where_cutting_an_artifact_formed_another() {
    let text = "〇\n附任务清单和责任分工表\0\0党群工\0\0\0\0\0\0\0\0\0\0\0\0\0\u{2}0\r\t推动冷\t1\n[bookmar\r\nk: x]\t继续阶\t推动冷\t1\n[b[bookmark: x]ookmark: x]\t继续阶\u{ebb5}性陕。\n\t区金融局\n\t\n\n";
    let doc = parse_tolerant(text).document;
    let formed = text.find("[bookmark: x]ookmark").unwrap();
    let findings = lint_text(text);
    assert!(findings
        .iter()
        .any(|d| d.span().start == formed && d.fix().is_none()));
    let fixed = fengong::lint::fix(text, &LintConfig::default(), false);
    assert_eq!(parse_tolerant(&fixed.text).document, doc);
}

/// fuzz `fix`: a heading under a header row whose cell line reads
/// `→→…[bookmark: x]→…` (many tabs, an artifact). W010 took the line's
/// first tab for a lone tab and moved it down to the heading, but the line
/// still started with a tab: a fifth, empty header cell. A tab moves only
/// when it is alone on its line; otherwise W010 offers no fix.
#[test]
fn w010_moved_a_tab_that_was_not_alone_and_added_a_header_cell() {
    let text = "8\n\u{c}z\t\t\t\t\t\t\t\t\t伀百零一\t\t\t\t\t\t\t\t\t\t区人社局\t\t\t\t.\t\t\t\r\t\t\t\t\t\t\t\t\t\t区体局〡区退役军人\t\t\t\t\t[bookmark: x]\t\t\t\t\t\t\t\t\t\t\t\t[\t\t\t \t~\t\t\t\t\t\t\t\t\t]\t\t\t\t\t\t\t\t\n\u{7f}\t\t\t\t\r\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t[mbokaork: x]\t\t\t\t\t\t\t\t\t\t\t\t[\t:\t \t~\t\t\t\t\t\t\t\t]\t\t\t\t\t\t\t\t:\t\t\t[bookmark: x]\t\t\t\t\t\t\t\t\t\t\t\t[\t\t\t \t~\t\t\t\t\t\t\t\t\t]\t\t\t\tI\t\t\t\n\u{7f}\t\t\t\t\r\t\t\t\t\t一\t\t\t\t\t\t\t\t\t\t区人社局\t\t\t\t.\t\t\t\r\t\t\t\t\t\t\t\t\t\t区体局〡区退役军人\t\t\t\t\t[bookmark: x]\t\t\t\t\t\t\t\t\t\t\t\t[\t\t\t \t~\t\t\t\t\t\t\t\t\t]\t\t\t\t\t\t\t\t\n\u{7f}\t\t\t\t\r\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t[mbokaork: x]\t\t\t\t\t\t\t\t\t\t\t\t[\t:\t \t~\t\t\t\t\t\t\t\t]\t\t\t\t\t\t\t\t:\t\t\t[bookmark: x]\t\t\t\t\t\t\t\t\t\t\t\t[\t\t\t \t~\t\t\t\t\t\t\t\t\t]\t\t\t\tI\t\t\t\n\u{7f}\t\t\t\t\r\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t[bookmark: x]\t\t\t\t\t\t\n\t\t\t\t\t\t\t\t\t\t[bookmark: x]\t\t\t\t\t\t\n一、\n\u{c}0.1.&`\u{4}";
    let doc = parse_tolerant(text).document;
    let findings = lint_text(text);
    assert!(findings
        .iter()
        .any(|d| d.code() == Code::HeadingWithoutTab && d.fix().is_none()));
    let fixed = fengong::lint::fix(text, &LintConfig::default(), false);
    assert_eq!(parse_tolerant(&fixed.text).document, doc);
}

/// fuzz `fix`: a list clause's labeled deadline, `完成时限：\t;\0;;…市大数据局配合`,
/// its groups separated by `;` in a clause that uses `，`. W018's safe fix
/// wrote the deadline's `;` full-width and changed its text. A labeled
/// deadline or remarks field now keeps its separators out of W018's list
/// (and takes the groups after it that read as dates, which the trailing
/// deadline used to take from it).
#[test]
fn w018_fix_changed_a_deadline_read_as_written() {
    let text = "2024年深化“放管第”改革工作要点\n\n0.全面实施行政许可事4年深化“放管第”改革工作要点\n\n0.全面实施行政许可事项清单管理。（市政府办公室、市审批服务局牵头，市级各有关部门及各区政府按职责分工负责）\n2.推进政务服务“跨省通办”。（市审批服务局牵头，;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;完成时限：\t;\u{0};;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;市大数据局配合）\n3.开展营项清单管理。（市政府办公室、市审批服务=十牵头，市级各有关部门及各区政府按职责分工负责）\n2.推进政务服务“跨省通办”。（市审批服务局牵头，市大数据局配合）\n3.开展营商环境评价。（市发展改革委负责，1012年6月底前完成）\n";
    let doc = parse(text).unwrap();
    let fixed = fengong::lint::fix(text, &LintConfig::default(), false);
    assert!(fixed.applied > 0);
    assert_eq!(parse(&fixed.text).unwrap(), doc);
}

/// fuzz `fix`: a header's first cell reads `[bo[bookmark: x]okmark: x…`
/// then, on its next line, `1[bookmask:…`. Its label (artifacts cut,
/// the formed one too) starts like a task number, but the header was told
/// by the cell's first piece, `[bo`; once W005's fix deleted
/// `[bookmark: x]`, the formed artifact was written whole, the first piece
/// was `1[bookmask:…`, and the header went missing. The header is now told
/// by the cell's value, the same either way.
#[test]
fn w005_fix_made_a_header_cell_read_as_a_task_number() {
    let text = "1z\t\t\t\t\t\t\t\t\t伀百零一\t\t\t\t\t\t\t\t\t\t区1人社局\t\t\t\t.\t\t\t\r\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t[bo[bookmark: x]okmark: x\t\t\t\t\t[\t\t\t\n1[bookmask:0\u{11}\u{0})kM)kM\n\t\t\tz\t\t\t\t\t\t\t\t\t伀百零一\t\t\t\t\t\t\t\t\t\t区1人社局\t\t\t\t.\t\t\t\r\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t[bo[bookm[\t\t\t \t\t\t~\t,\t\t\t\t\u{6}\t\t]\t\t\t\t\t\t\t\t\n";
    // The artifact deleted as W005's fix deletes it: the cell's first
    // line then holds the formed artifact, written whole.
    let deleted = text.replacen("[bookmark: x]", "", 1);
    assert_eq!(codes(text), codes(&deleted));
    assert!(
        codes(text).contains(&Code::MissingHeader),
        "{:?}",
        codes(text)
    );
}

/// fuzz `fix`: a header cell `\x12[bo[bookmark:]okmark:[bookmark:]~`. Its
/// pieces form an artifact (`[bo` + `okmark:`) around the first one cut,
/// running to the line's end (`~` left out). W005's safe fix deleted the
/// first alone, and the formed artifact, now written, ended at the second
/// one's `]`: the label gained `~`. A cell whose pieces form an artifact
/// around two or more now gets no W005 fix; the finding stays.
#[test]
fn w005_fix_moved_the_end_of_a_formed_artifact() {
    assert_eq!(
        w005_without_fixes("\t\r\t\u{12}[bo[bookmark:]okmark:[bookmark:]~\n\t"),
        2
    );
}

/// How many W005 findings `text` (which parses) has, checking that none
/// has a fix and that applying every fix changes nothing.
fn w005_without_fixes(text: &str) -> usize {
    let parsed = parse_tolerant(text);
    assert!(!parsed.has_errors());
    let findings = lint(&parsed.document, text, &LintConfig::default());
    let artifacts: Vec<&Diagnostic> = findings
        .iter()
        .filter(|d| d.code() == Code::ExtractionArtifact)
        .collect();
    assert!(artifacts.iter().all(|d| d.fix().is_none()));
    let (fixed, applied) = apply_fixes(text, &findings, true);
    assert!(applied.is_empty());
    assert_eq!(fixed, text);
    artifacts.len()
}

/// fuzz `fix`: `\tx\n\t0.仡\r\t1.\0\r\t\n一、\x04`, a text of mixed line
/// endings. W010's safe fix deletes the lone tab between the `\r` and the
/// `\n` (and puts one before `一、`): they became one line ending, the
/// blank line went and the heading joined the header row. A fix that
/// would join (or split) a line ending is now not applied.
#[test]
fn w010_fix_joined_a_cr_and_an_lf_into_one_line_ending() {
    let text = "\tx\n\t0.仡\r\t1.\0\r\t\n一、\u{4}";
    let parsed = parse_tolerant(text);
    let findings = lint(&parsed.document, text, &LintConfig::default());
    assert!(findings
        .iter()
        .any(|d| d.code() == Code::HeadingWithoutTab && d.fix().is_some()));
    let (fixed, applied) = apply_fixes(text, &findings, true);
    assert!(applied.is_empty());
    assert_eq!(fixed, text);
    let fixed = fengong::lint::fix(text, &LintConfig::default(), true);
    assert_eq!((fixed.text.as_str(), fixed.applied), (text, 0));
}

/// fuzz `fix`: `\tk[配合单位：\r\t[bookmark:\n\t前`. Telling a table from a
/// list counted the cell holding only an artifact as a line of text, and
/// the lone tab W005's fix left as a blank line: the fixed text read as a
/// list and did not parse. The layout is now told with artifacts cut, so
/// both read the same (here, as neither layout).
#[test]
fn w005_fix_changed_the_layout() {
    let text = "\tk[配合单位：\r\t[bookmark:\n\t前";
    let deleted = text.replace("[bookmark:", "");
    assert_eq!(codes(text), codes(&deleted));
    assert_eq!(
        parse_tolerant(text).document.layout(),
        parse_tolerant(&deleted).document.layout()
    );
}

/// fuzz `fix`: a document whose one cell is `[bo[bookmark:]okmark:`. Its
/// pieces form an artifact around the one cut; to the document they were
/// text, so it had a table. W005's safe fix wrote the formed artifact
/// whole, and the document held only white space and artifacts (E001). A
/// cell whose pieces form an artifact gets no W005 fix now.
#[test]
fn w005_fix_left_a_document_of_artifacts_only() {
    assert_eq!(
        w005_without_fixes("\t\r\t\r\t\r\r\t[bo[bookmark:]okmark:"),
        1
    );
}

/// fuzz `fix`: `\t区[配合：\r\t]\r\t\0\n\n一、&`, a table whose first cell
/// reads like a task closed by a clause. W010's fix put a tab before `一、`,
/// and the tab-led heading counted as a list's line: the fixed text read
/// as a list and did not parse. Headings no longer tell a list from a
/// table.
#[test]
fn w010_fix_changed_the_layout() {
    let text = "\t区[配合：\r\t]\r\t\0\n\n一、&";
    let fixed = fengong::lint::fix(text, &LintConfig::default(), false);
    assert_eq!(fixed.applied, 1);
    assert_eq!(fixed.text, "\t区[配合：\r\t]\r\t\0\n\n\t一、&");
    assert_eq!(parse(&fixed.text).unwrap(), parse(text).unwrap());
}

/// fuzz `fix`: a unit cell `时限：罍\t` wrapped onto `〦`. A labeled deadline
/// is read as written (separators included, since 2c3e965), and it kept the
/// raw text between its lines: `罍\t\n〦`, with the tab W006's safe fix then
/// deleted. Such a value is now cleaned as a cell's is (artifacts cut, lines
/// trimmed and joined): `罍〦`, and an artifact inside a clause's deadline is no
/// longer part of it.
#[test]
fn a_labeled_deadline_kept_a_tab_and_an_artifact() {
    let text = "\t\n\t\n\t牵头\n\t\n\n\t\n\t〦\n\t时限：罍\t\n〦\n\t";
    let doc = parse(text).unwrap();
    assert_eq!(doc.tasks().next().unwrap().deadline(), Some("罍〦"));
    let fixed = fengong::lint::fix(text, &LintConfig::default(), false);
    assert!(fixed.applied > 0);
    assert_eq!(parse(&fixed.text).unwrap(), doc);
    let list = "任务\n一、甲\n1.推进。（牵头单位：甲局；完成时限：2023年[bookmark: x]底前）\n";
    let doc = parse(list).unwrap();
    assert_eq!(doc.task(1).unwrap().deadline(), Some("2023年底前"));
}

/// fuzz `fix`: in the unit cell `]→清单;→~→→责任单位：`, the label search
/// took `清单;→~→→责任单位` for a label (its colon within twelve
/// characters, and it ends with `责任单位`), so the white space after `]`
/// split a field there and the first name lost `]→`; W006's safe fix,
/// deleting the tab after `;`, moved the colon past twelve characters and
/// the name came back. A label holds no separator now.
#[test]
fn a_label_across_a_separator_changed_a_name() {
    let names = |text: &str| -> Vec<String> {
        let doc = parse(text).unwrap();
        let task = doc.tasks().next().unwrap();
        task.units()
            .all()
            .iter()
            .map(|u| u.name().to_string())
            .collect()
    };
    let text = "\t任务\n\t牵头\n\t\n\n\t推\n\t]\t清单;\t~\t\t\t责任单位：\n\t";
    assert_eq!(names(text), ["]\t清单", "~"]);
    let fixed = fengong::lint::fix(text, &LintConfig::default(), false);
    assert!(fixed.applied > 0);
    assert_eq!(parse(&fixed.text).unwrap(), parse(text).unwrap());
    // Two tabs fewer: the same names (the label was found, before).
    assert_eq!(
        names(&text.replace("\t\t\t责任", "\t责任")),
        ["]\t清单", "~"]
    );
}
