//! Unit tests of the edits.
use super::*;

const DOC: &str = "附件：\r\n标题\r\n\t序号\r\n\t工作任务\r\n\t甲责任单位\r\n\t乙责任单位\r\n\r\n\t（一）类别\r\n\t1\r\n\t文本一\r\n\t 区甲 、区乙\r\n\t乙\r\n\r\n\t\r\n\t2\r\n\t文本二\r\n\t区甲\r\n\t乙、丙\r\n\r\n\t（二）类别二\r\n\t3\r\n\t文本三\r\n\t区丙\r\n\t丙\r\n";

#[test]
fn rename_changes_only_the_name() {
    let mut doc = crate::parse(DOC).unwrap();
    assert_eq!(doc.rename_unit("区甲", "区甲局"), 2);
    let out = doc.to_string();
    assert_eq!(out, DOC.replace("区甲", "区甲局"));
    assert_eq!(crate::parse(&out).unwrap(), doc);
}

#[test]
fn set_text_rewrites_one_cell_with_the_documents_line_endings() {
    let mut doc = crate::parse(DOC).unwrap();
    doc.categories_mut()[0].tasks_mut()[1].set_text("新文本\n第二行");
    let out = doc.to_string();
    assert_eq!(out, DOC.replace("\t文本二\r\n", "\t新文本\r\n第二行\r\n"));
    // A text is one line: the wrap reads back joined, which `validate`
    // says before anything is written.
    let again = crate::parse(&out).unwrap();
    assert_eq!(again.task(2).unwrap().text(), "新文本第二行");
    let invalid = doc.validate();
    assert_eq!(invalid.len(), 1, "{invalid:?}");
    assert!(invalid[0].to_string().contains("line break"), "{invalid:?}");
    doc.categories_mut()[0].tasks_mut()[1].set_text("新文本第二行");
    assert_eq!(
        doc.to_string(),
        DOC.replace("\t文本二\r\n", "\t新文本第二行\r\n")
    );
    assert_eq!(crate::parse(&doc.to_string()).unwrap(), doc);
}

#[test]
fn add_and_remove_units() {
    let mut doc = crate::parse(DOC).unwrap();
    let task = &mut doc.categories_mut()[0].tasks_mut()[0];
    task.add_unit(Level::District, "区丁");
    assert!(task.remove_unit(Level::District, "区甲"));
    assert!(!task.remove_unit(Level::District, "无"));
    let out = doc.to_string();
    assert_eq!(out, DOC.replace("\t 区甲 、区乙\r\n", "\t 区乙、区丁\r\n"));
    let again = crate::parse(&out).unwrap();
    assert_eq!(again, doc);
    assert_eq!(
        again
            .task(1)
            .unwrap()
            .units()
            .district_names()
            .collect::<Vec<_>>(),
        ["区乙", "区丁"]
    );
}

#[test]
fn insert_remove_and_renumber() {
    let mut doc = crate::parse(DOC).unwrap();
    let task = Task::new(9, "插入的任务", UnitMapping::new(["区甲"], ["乙"]));
    doc.insert_task(0, 1, task).unwrap();
    assert_eq!(doc.renumber(), 3);
    let out = doc.to_string();
    let expected = DOC
        .replace("\t1\r\n\t文本一\r\n\t 区甲 、区乙\r\n\t乙\r\n", "\t1\r\n\t文本一\r\n\t 区甲 、区乙\r\n\t乙\r\n\r\n\t\r\n\t2\r\n\t插入的任务\r\n\t区甲\r\n\t乙\r\n")
        .replace("\t2\r\n\t文本二", "\t3\r\n\t文本二")
        .replace("\t3\r\n\t文本三", "\t4\r\n\t文本三");
    assert_eq!(out, expected);
    let again = crate::parse(&out).unwrap();
    assert_eq!(again, doc);
    assert_eq!(
        again.tasks().map(Task::number).collect::<Vec<_>>(),
        [1, 2, 3, 4]
    );

    doc.remove_task(1).unwrap();
    let mut category = Category::new(7, "新类别");
    category.push_task(Task::new(5, "新任务", UnitMapping::new(["区甲"], ["乙"])));
    doc.insert_category(1, category).unwrap();
    doc.renumber();
    let out = doc.to_string();
    let again = crate::parse(&out).unwrap();
    assert_eq!(again, doc);
    assert_eq!(
        again
            .categories()
            .iter()
            .map(|c| c.numeral().to_string())
            .collect::<Vec<_>>(),
        ["一", "二", "三"]
    );
    assert!(
        out.contains("\r\n\t（二）新类别\r\n\r\n\t\r\n\t3\r\n\t新任务\r\n"),
        "{out}"
    );
    assert!(out.starts_with("附件：\r\n标题\r\n\t序号"));
    assert!(!out.contains("\t文本一"));
    assert_eq!(
        doc.insert_task(9, 0, Task::new(1, "x", UnitMapping::default())),
        Err(EditError::OutOfRange { index: 9, len: 3 })
    );
}

#[test]
fn category_edits_touch_only_the_heading() {
    let mut doc = crate::parse(DOC).unwrap();
    doc.categories_mut()[1].set_title("新标题");
    doc.categories_mut()[0].set_number(5);
    let out = doc.to_string();
    assert_eq!(
        out,
        DOC.replace("（二）类别二", "（二）新标题")
            .replace("（一）类别", "（五）类别")
    );
    assert_eq!(crate::parse(&out).unwrap(), doc);
}

#[test]
fn fixes_that_overlap_wait_for_a_later_pass() {
    let fix = |spans: &[(usize, usize)]| Fix {
        message: String::new(),
        applicability: Applicability::Safe,
        edits: spans
            .iter()
            .map(|&(s, e)| Edit {
                span: Span::new(s, e),
                replacement: String::new(),
            })
            .collect(),
    };
    let text = "0123456789";
    let taken: BTreeSet<(usize, usize)> = [(0, 3), (5, 5), (7, 9)].into();
    for (spans, free) in [
        (&[(2, 4)][..], false),
        (&[(3, 5)], true),
        (&[(3, 3)], true),
        (&[(1, 1)], false),
        (&[(4, 6)], false),
        (&[(5, 7)], true),
        (&[(5, 5)], true),
        (&[(6, 8)], false),
        (&[(9, 10)], true),
        (&[(3, 4), (8, 8)], false),
        (&[(0, 11)], false),
    ] {
        assert_eq!(fits(&fix(spans), &taken, text), free, "{spans:?}");
    }
    // A hundred thousand fixes on one line: one look-up each.
    let text = "[bookmark: x]".repeat(100_000);
    let diagnostics: Vec<Diagnostic> = (0..100_000)
        .map(|k| {
            Diagnostic::new(
                crate::Code::ExtractionArtifact,
                Span::new(13 * k, 13 * k + 13),
                "",
            )
            .with_fix(fix(&[(13 * k, 13 * k + 13)]))
        })
        .collect();
    let (fixed, applied) = apply_fixes(&text, &diagnostics, false);
    assert_eq!((fixed.as_str(), applied.len()), ("", 100_000));
}

#[test]
fn apply_rejects_overlaps_and_bad_spans() {
    let e = |s, t, r: &str| Edit {
        span: Span::new(s, t),
        replacement: r.to_string(),
    };
    assert_eq!(
        apply("abcdef", &[e(4, 5, "X"), e(0, 1, "Y")]).unwrap(),
        "YbcdXf"
    );
    assert!(matches!(
        apply("abcdef", &[e(0, 3, ""), e(2, 4, "")]),
        Err(EditError::Overlap { .. })
    ));
    assert!(matches!(
        apply("甲", &[e(0, 1, "")]),
        Err(EditError::BadSpan(_))
    ));
    assert!(matches!(
        apply("a", &[e(0, 5, "")]),
        Err(EditError::BadSpan(_))
    ));
}

#[test]
fn task_renumberings_wait_for_a_heading_renumbering() {
    // The plan starts at its `一、`: with `二、` it starts at the task
    // `1.` above, and task 3 reads as a typo for 2; once the heading reads
    // `一、`, task 1 is the preamble's and 3 is not a typo for 2.
    let text = "关于印发重点任务的通知\n1.开展调研\n二、推进城市建设\n3、完成主干道提升改造。（牵头单位：区住建局）\n二、推进乡村振兴\n3、完成农村公路改造。（牵头单位：区农业农村委）\n";
    let doc = crate::parse(text).unwrap();
    let findings = crate::lint::lint(&doc, text, &crate::lint::LintConfig::default());
    let fixable = |code| {
        findings
            .iter()
            .any(|d| d.code() == code && d.fix().is_some())
    };
    assert!(fixable(Code::CategoryNumberSequence) && fixable(Code::TaskNumberSequence));
    let (fixed, applied) = apply_fixes(text, &findings, true);
    let codes: Vec<Code> = applied.iter().map(|d| d.code()).collect();
    assert_eq!(codes, [Code::CategoryNumberSequence]);
    assert_eq!(fixed, text.replacen("二、推进城市", "一、推进城市", 1));
    // Without the heading's fix (not wanted, or none), the task's is made.
    let tasks_only: Vec<Diagnostic> = findings
        .iter()
        .filter(|d| d.code() == Code::TaskNumberSequence)
        .cloned()
        .collect();
    let (fixed, applied) = apply_fixes(text, &tasks_only, true);
    assert_eq!(applied.len(), 1);
    assert_eq!(fixed, text.replacen("3、完成主干道", "2、完成主干道", 1));
}

#[test]
fn no_fix_joins_or_splits_a_line_ending() {
    // Each fix replaces `(start, end)` with its text.
    let finding = |edits: &[(usize, usize, &str)]| {
        let fix = Fix {
            message: String::new(),
            applicability: Applicability::Safe,
            edits: edits
                .iter()
                .map(|&(s, e, r)| Edit {
                    span: Span::new(s, e),
                    replacement: r.to_string(),
                })
                .collect(),
        };
        Diagnostic::new(crate::Code::StrayWhitespace, Span::new(0, 0), "").with_fix(fix)
    };
    let run = |text: &str, fixes: &[Diagnostic]| {
        let (fixed, applied) = apply_fixes(text, fixes, false);
        (fixed, applied.len())
    };
    // `\r`, a lone tab, `\n`: deleting the tab makes one line ending of two.
    let text = "a\r\t\nb";
    assert_eq!(run(text, &[finding(&[(2, 3, "")])]), (text.into(), 0));
    // So does a replacement that ends with `\r` or starts with `\n`.
    assert_eq!(run(text, &[finding(&[(2, 3, "\r")])]), (text.into(), 0));
    let text = "a\rx\n";
    assert_eq!(run(text, &[finding(&[(2, 3, "\n")])]), (text.into(), 0));
    // Two fixes fine alone, joining together: the later waits.
    let text = "a\rXY\nb";
    let both = [finding(&[(2, 3, "")]), finding(&[(3, 4, "")])];
    assert_eq!(run(text, &both), ("a\rY\nb".into(), 1));
    assert_eq!(run(text, &both[1..]), ("a\rX\nb".into(), 1));
    // Text put inside a `\r\n`.
    let text = "a\r\nb";
    assert_eq!(run(text, &[finding(&[(2, 2, "x")])]), (text.into(), 0));
    // Whole lines of a CRLF text, a `\r\n` written anew, edits next to
    // line endings that keep them apart: applied.
    let text = "a\r\nX\r\nb\rc\nd";
    let fine = [
        finding(&[(3, 6, "")]),
        finding(&[(6, 7, "\r\nB")]),
        finding(&[(8, 9, "C")]),
    ];
    assert_eq!(run(text, &fine), ("a\r\n\r\nB\rC\nd".into(), 3));
    // Many of them: linear, a few rounds.
    let text = "a\r\t\n".repeat(50_000);
    let many: Vec<Diagnostic> = (0..50_000)
        .map(|k| finding(&[(4 * k + 2, 4 * k + 3, "")]))
        .collect();
    assert_eq!(run(&text, &many), (text.clone(), 0));
}
