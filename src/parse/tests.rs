//! Unit tests of the parser: error kinds, spans and messages.
use super::*;
use crate::diagnostic::Code;
use crate::span::Span;
use error::shorten;

const HEAD: &str = "附件：\n标题\n\t序号\n\t工作任务\n\t甲\n责任单位\n\t乙\n责任单位\n\n";

fn codes(text: &str) -> Vec<&'static str> {
    parse_tolerant(text)
        .diagnostics
        .iter()
        .map(|d| d.code().as_str())
        .collect()
}

#[test]
fn minimal_document() {
    let text = format!("{HEAD}\t（一）类别\n\t1\n\t文本\n\t区甲、\n\t乙\n");
    let doc = parse(&text).unwrap();
    assert_eq!(doc.label(), Some("附件："));
    assert_eq!(doc.title(), "标题");
    assert_eq!(
        doc.columns(),
        ["序号", "工作任务", "甲责任单位", "乙责任单位"]
    );
    assert_eq!((doc.district_name(), doc.local_name()), ("甲", "乙"));
    let task = &doc.categories()[0].tasks()[0];
    assert_eq!(task.units().district_names().collect::<Vec<_>>(), ["区甲"]);
    assert_eq!(doc.to_string(), text);
}

#[test]
fn label_detection() {
    assert!(is_label("附件："));
    assert!(is_label("附件2"));
    assert!(is_label("附件 3:"));
    assert!(!is_label("附件清单和责任分工表"));
}

#[test]
fn each_error_kind() {
    assert_eq!(codes(""), ["E001"]);
    assert_eq!(codes(" \n\u{3000}\n"), ["E001"]);
    assert_eq!(codes("标题\n"), ["E004"]);
    assert_eq!(codes("标题\n\t（一）类\n"), ["E004"]);
    assert_eq!(codes("标题\n\t序号\n\t工作任务\n"), ["E005"]);
    assert_eq!(codes(&format!("{HEAD}\t（一）类\n\n第3页\n")), ["E006"]);
    assert_eq!(codes(&format!("{HEAD}\t（十十）类\n")), ["E007"]);
    assert_eq!(codes(&format!("{HEAD}\t（3）类\n")), ["E007"]);
    assert_eq!(codes(&format!("{HEAD}\t（一类\n")), ["E008"]);
    assert_eq!(codes(&format!("{HEAD}\t（一）\n")), ["E009"]);
    assert_eq!(
        codes(&format!("{HEAD}\t（一）类\n\t二十\n\t文\n\t甲\n\t乙\n")),
        ["E010"]
    );
    assert_eq!(
        codes(&format!(
            "{HEAD}\t（一）类\n\t99999999999\n\t文\n\t甲\n\t乙\n"
        )),
        ["E011"]
    );
    assert_eq!(
        codes(&format!("{HEAD}\t（一）类\n\t1\n\t文\n\t甲\n")),
        ["E012"]
    );
    // A task before the first heading of a table with headings; a table
    // without headings has its tasks at the top.
    assert_eq!(
        codes(&format!("{HEAD}\t1\n\t文\n\t甲\n\t乙\n\n\t（一）类\n")),
        ["E013"]
    );
    assert!(codes(&format!("{HEAD}\t1\n\t文\n\t甲\n\t乙\n")).is_empty());
    // A header one cell short of its task rows (three rows agree); one
    // short row is the row's error.
    let row = |n: u32| format!("\t{n}\n\t文\n\t甲\n\t乙\n\n");
    assert_eq!(
        codes(&format!(
            "标题\n\t序号\n\t工作任务\n\t甲责任单位\n\n\t（一）类\n{}{}{}",
            row(1),
            row(2),
            row(3)
        )),
        ["E005"]
    );
    assert_eq!(
        codes(&format!(
            "{HEAD}\t（一）类\n\t1\n\t文\n\t甲\n\n{}{}",
            row(2),
            row(3)
        )),
        ["E012"]
    );
}

#[test]
fn error_spans_and_messages() {
    let first = |text: &str| parse_tolerant(text).diagnostics.remove(0);
    // E004 points at the first cell's text, not its tab or line ending.
    let text = "附件：\n标题\n\t（一）类\n\t1\n";
    assert_eq!(&text[first(text).span().range()], "（一）类");
    // E005 runs from the first cell's tab to the last cell's text.
    let text = "附件：\n标题\n\t序号\n\t工作\n任务\n\n\t（一）类\n";
    let d = first(text);
    assert_eq!(&text[d.span().range()], "\t序号\n\t工作\n任务");
    assert_eq!(d.label(), "this header row has 2 cells");
    assert_eq!(
        first("附件：\n标题\n\t序号\r\n").label(),
        "this header row has 1 cell"
    );
    let d = first("附件：\n标题\n\t序号\r\n");
    assert_eq!(d.span(), Span::new(17, 24));
    // E007 quotes the heading's number as written.
    let d = first(&format!("{HEAD}\t(3)类\n"));
    assert_eq!(d.help(), Some("write （三） instead of (3)"));
    let d = first(&format!("{HEAD}\t（３）类\n"));
    assert_eq!(d.help(), Some("write （三） instead of （３）"));
    // E011 for a number of ten digits names the largest number.
    let d = first(&format!(
        "{HEAD}\t（一）类\n\t4294967296\n\t文\n\t甲\n\t乙\n"
    ));
    assert_eq!(
        d.message(),
        "expected a task number of at most 4294967295, found `4294967296`"
    );
    let d = first(&format!(
        "{HEAD}\t（一）类\n\t{}\n\t文\n\t甲\n\t乙\n",
        "1".repeat(11)
    ));
    assert_eq!(
        d.message(),
        "expected a task number of at most 10 digits, found a number of 11 digits"
    );
}

#[test]
fn a_heading_without_numeral_points_at_its_parenthesis() {
    // An ASCII `(` is one byte: the span ends after it, within the text
    // and on a character boundary.
    for (text, paren) in [("\t(", "("), ("\t（", "（"), ("\t (甲类", "(")] {
        let d = parse_tolerant(text)
            .diagnostics
            .into_iter()
            .find(|d| d.code() == Code::InvalidNumeral)
            .unwrap();
        assert_eq!(&text[d.span().range()], paren, "{text:?}");
    }
    let text = format!("{HEAD}\t(甲类\n");
    let d = &parse_tolerant(&text).diagnostics[0];
    assert_eq!(&text[d.span().range()], "(");
}

#[test]
fn a_title_after_an_artifact_is_trimmed() {
    for heading in [
        "（一）[bookmark:] 类",
        "（一）[bookmark: a] [bookmark: b]\u{3000}类",
        "（一） [bookmark: a] 类 [bookmark: b] ",
    ] {
        let text = format!("{HEAD}\t{heading}\n");
        let doc = parse(&text).unwrap();
        let category = &doc.categories()[0];
        assert_eq!(category.title(), "类", "{heading}");
        assert_eq!(&text[category.title_span().unwrap().range()], "类");
    }
}

#[test]
fn artifacts_and_white_space_only_is_empty() {
    // Four header cells that hold only an artifact or nothing: no value
    // at all, like the same text without the artifact.
    for text in [
        "\t[bookmark:\n\t\n\t\n\t",
        "\n\t[bookmark: a]\n\t [bookmark: b]\n\t\n\t\n\n\t[bookmark: c]\n",
    ] {
        let parsed = parse_tolerant(text);
        assert_eq!(codes(text), ["E001"], "{text:?}");
        assert_eq!(
            parsed.diagnostics[0].message(),
            "expected a task table or list, found only white space and extraction artifacts"
        );
        assert_eq!(parsed.diagnostics[0].span(), Span::new(0, text.len()));
        assert_eq!(parsed.document.to_string(), text);
    }
    assert_eq!(codes("\t\n\t\n\t\n\t"), ["E001"]);
    // Any value makes it a document: a title, a label, a column label.
    assert!(codes("标题\n\t[bookmark:\n\t\n\t\n\t").is_empty());
    assert!(codes("附件：\n\t[bookmark:\n\t\n\t\n\t").is_empty());
    assert!(codes("\t[bookmark:\n\t\n\t\n\t乙").is_empty());
}

#[test]
fn messages_stay_short_for_huge_cells() {
    let long = |c: &str| c.repeat(10_000);
    let texts = [
        // E007, as a numeral and as digits; E008; E009.
        format!("{HEAD}\t（{}）类\n", long("一")),
        format!("{HEAD}\t（{}3）类\n", long("0")),
        format!("{HEAD}\t（{}类\n", long("一")),
        format!("{HEAD}\t（一{}\n", long("类")),
        format!("{HEAD}\t（{}）\n", long("一")),
        // E010 in full-width digits and digits with a tail.
        format!("{HEAD}\t（一）类\n\t{}\n\t文\n\t甲\n\t乙\n", long("９")),
        format!("{HEAD}\t（一）类\n\t{}x\n\t文\n\t甲\n\t乙\n", long("9")),
        // E005 with ten thousand cells.
        format!("标题\n{}", long("\t甲\n")),
    ];
    for text in &texts {
        let parsed = parse_tolerant(text);
        assert!(!parsed.diagnostics.is_empty());
        for d in &parsed.diagnostics {
            for field in [d.message(), d.label(), d.help().unwrap_or("")] {
                let n = field.chars().count();
                assert!(n < 300, "{}: {n} characters", d.code());
            }
        }
    }
    let d = &parse_tolerant(&texts[0]).diagnostics[0];
    assert_eq!(
        d.message(),
        format!(
            "expected a Chinese numeral such as 一, found `{}…`",
            "一".repeat(20)
        )
    );
    let d = &parse_tolerant(&texts[7]).diagnostics[0];
    assert_eq!(
        d.message(),
        "expected a header row of 3 to 8 cells (序号, the task column and at least one responsibility column), \
         found 10000 cells: `甲`, `甲`, `甲`, `甲`, `甲`, `甲`, … (9994 more)"
    );
    // Short ones read as before.
    assert_eq!(shorten("（3）", 24), "（3）");
    assert_eq!(shorten("一二三", 2), "一二…");
}

#[test]
fn a_stray_line_ends_at_a_lone_cr() {
    let text = format!("{HEAD}\t（一）类\n\n第3页\n续\n").replace('\n', "\r");
    let d = &parse_tolerant(&text).diagnostics[0];
    assert_eq!(d.code(), Code::StrayLine);
    assert_eq!(&text[d.span().range()], "第3页");
    let text = format!("{HEAD}\t（一）类\n\n第3页\r\n续\n");
    assert_eq!(
        &text[parse_tolerant(&text).diagnostics[0].span().range()],
        "第3页"
    );
}

#[test]
fn preamble_cuts_artifacts() {
    // Title lines lose their artifacts as cells do, also one formed by
    // joining two lines, and the title reads back the same from canonical
    // text.
    let rest = "\t序号\n\t工作任务\n\t甲责任单位\n\t乙责任单位\n";
    for (preamble, title) in [
        ("附件[bookmark:：\n区 区\n", "附件区 区"),
        ("标题[bookmark: x]\n", "标题"),
        ("标题[\nbookmark: x]尾\n", "标题尾"),
    ] {
        let text = format!("{preamble}{rest}");
        let doc = parse(&text).unwrap();
        assert_eq!((doc.label(), doc.title()), (None, title));
        let canonical = crate::to_canonical_string(&doc);
        assert_eq!(parse(&canonical).unwrap(), doc);
    }
}

#[test]
fn byte_order_mark_before_the_header() {
    let body =
        "\t序号\n\t工作任务\n\t甲责任单位\n\t乙责任单位\n\n\t（一）类\n\t1\n\t文\n\t甲\n\t乙\n";
    let with_bom = format!("\u{feff}{body}");
    let doc = parse(&with_bom).unwrap();
    assert_eq!(doc, parse(body).unwrap());
    assert_eq!(doc.columns()[0], "序号");
    assert_eq!(doc.title(), "");
    assert_eq!(doc.to_string(), with_bom);
}

#[test]
fn broken_documents_still_print_back() {
    for text in [
        "",
        "\u{feff}",
        " x\n\ty\n\n z",
        "附件：\n\t（一\n\n\n\t\t\n\r\n1\r\n\t2\n",
        &format!("{HEAD}\t1\n\t文\n\t甲\n\t乙\n\n第3页\n\t（一类\n"),
    ] {
        assert_eq!(parse_tolerant(text).document.to_string(), text);
    }
}

#[test]
fn list_values_leave_artifacts_out() {
    let text = "1、牵头[bookmark: x]甲（牵头单位：区[bookmark: y]住建局，配合单位：区[bookmark: z]财政局）\n";
    let doc = crate::parse(text).unwrap();
    let task = &doc.root_tasks()[0];
    assert_eq!(task.text(), "牵头甲");
    assert_eq!(task.units().lead(), ["区住建局"]);
    assert_eq!(task.units().support(), ["区财政局"]);
    // Printed back as it was.
    assert_eq!(doc.to_string(), text);
}

#[test]
fn an_artifact_before_a_list_line_is_passed_over() {
    // Word anchors headings with bookmarks: the line still reads as a
    // heading, a task or a label line; a line of an artifact only stays
    // text (not a blank line, which would end a paragraph).
    let text = "[bookmark: _Toc1]一、推进建设\n [bookmark: _Toc2] 1、甲[bookmark: x]\n[bookmark: y]\n[bookmark: _Toc3]牵头单位：区乙\n";
    let doc = crate::parse(text).unwrap();
    let category = &doc.categories()[0];
    assert_eq!(category.title(), "推进建设");
    let task = &category.tasks()[0];
    assert_eq!((task.number(), task.text()), (1, "甲"));
    assert_eq!(task.units().lead(), ["区乙"]);
    assert_eq!(doc.to_string(), text);
}

#[test]
fn the_layout_is_told_with_artifacts_cut() {
    // Deleting an artifact (W005's fix) leaves the layout as it was: a cell
    // of an artifact only is an empty cell, a lone tab, and a line whose
    // artifact hides its number reads as numbered.
    for (with, without) in [
        (
            "\tk[配合单位：\r\t[bookmark:\n\t前",
            "\tk[配合单位：\r\t\n\t前",
        ),
        (
            "\t一、甲\n\t[bookmark: x]1.乙\n\t[bookmark: y]2.丁\n",
            "\t一、甲\n\t1.乙\n\t2.丁\n",
        ),
    ] {
        assert_eq!(detect(with), detect(without), "{with:?}");
    }
    assert_eq!(
        detect("\t一、甲\n\t[bookmark: x]1.乙\n\t[bookmark: y]2.丁\n"),
        Layout::List
    );
}

#[test]
fn a_heading_line_does_not_tell_the_layout() {
    // W010's fix puts a tab before a heading that lost it: the layout stays
    // what it was (once the tab-led `一、` counted as a list's line, and
    // this table then read as a list).
    let without = "\t区[配合：\r\t]\r\t\0\n\n一、&";
    let with = "\t区[配合：\r\t]\r\t\0\n\n\t一、&";
    assert_eq!(detect(without), Layout::Table);
    assert_eq!(detect(with), Layout::Table);
    // A list indented with tabs is still one: its tasks tell.
    let list = "\t一、甲\n\t1.乙\n\t2.丙（牵头单位：丁）\n\t二、戊\n\t3.己\n";
    assert_eq!(detect(list), Layout::List);
}

#[test]
fn a_list_indented_with_tabs_has_label_lines() {
    let list = "任务分工方案\n\t一、扩大内需\n\t1.推进项目建设。\n\t牵头单位：县发改局\n\t配合单位：各镇\n\t2.促进消费升级。\n\t牵头单位：县商务局\n\t配合单位：县财政局\n";
    assert_eq!(detect(list), Layout::List);
    let doc = crate::parse(list).unwrap();
    let task = doc.task(2).unwrap();
    assert_eq!(task.units().lead(), ["县商务局"]);
    assert_eq!(task.units().support(), ["县财政局"]);
    // A table under a title row, its unit cells labeled: still a table.
    let table = "\t2024年任务分工表\n\n\t序号\n\t重点任务\n\t牵头单位\n\t配合单位\n\n\t1\n\t推进甲。\n\t牵头：市甲局\n\t配合：市乙局\n\n\t2\n\t推进乙。\n\t牵头：市丙局\n\t配合：市丁局\n\n";
    assert_eq!(detect(table), Layout::Table);
}
