use super::*;
use crate::lex::Lines;

fn segs_of(text: &str) -> (Vec<Seg>, Vec<Artifact>) {
    let mut segs = Vec::new();
    let mut artifacts = Vec::new();
    let cell = Cell {
        span: Span::new(0, text.len()),
        tabbed: true,
        one_line: false,
    };
    segments(
        text,
        cell,
        &mut segs,
        &mut artifacts,
        &mut Brackets::bounded(),
    );
    (segs, artifacts)
}

fn joined(text: &str) -> String {
    let (segs, _) = segs_of(text);
    join(text, &segs).into_owned()
}

#[test]
fn segments_trim_and_drop_artifacts() {
    let text = "\t[bookmark: RANGE!C44]落实首台（套）\n";
    let (segs, artifacts) = segs_of(text);
    assert_eq!(segs.len(), 1);
    assert_eq!(&text[segs[0].start..segs[0].end], "落实首台（套）");
    assert_eq!(&text[artifacts[0].span.range()], "[bookmark: RANGE!C44]");
    assert_eq!(joined("\t\n\n（五）\n挖掘\n"), "（五）挖掘");
    assert_eq!(joined("\t 第一行 \n　第二行\n"), "第一行第二行");
    assert_eq!(joined("\t甲 [bookmark: x] 乙\n"), "甲  乙");
    assert_eq!(joined("\t[bookmark: x]\n"), "");
    assert_eq!(joined("\t[bookmark: a]  [bookmark: b] 乙\n"), "乙");
    assert_eq!(joined("\t甲 [bookmark: a] \n"), "甲");
    assert_eq!(joined("\t甲\n [bookmark: a] \n乙\n"), "甲乙");
}

#[test]
fn segments_of_a_cell_of_many_lines() {
    // One pass over the lines: a hundred thousand lines, some of them
    // left empty by an artifact, each read once.
    let text = format!("\t甲\n{}", " 乙 \n[bookmark: x]\n".repeat(100_000));
    let (segs, artifacts) = segs_of(&text);
    assert_eq!(segs.len(), 100_001);
    assert_eq!(artifacts.len(), 100_000);
    assert!(segs.iter().all(|s| s.new_line));
    assert!(segs[1..].iter().all(|s| &text[s.start..s.end] == "乙"));
}

#[test]
fn headings() {
    let h = heading(" （十一）支持").unwrap();
    assert_eq!((h.numeral, h.close, h.title), ("十一", Some('）'), "支持"));
    assert_eq!(h.open_at, 1);
    let h = heading("(一)加大").unwrap();
    assert_eq!((h.numeral, h.close, h.title), ("一", Some(')'), "加大"));
    let h = heading("（十一支持").unwrap();
    assert_eq!((h.numeral, h.close, h.title), ("十一", None, "支持"));
    let text = "\u{3000}（二十十）类别";
    let h = heading(text).unwrap();
    assert_eq!(
        &text[h.numeral_at..h.numeral_at + h.numeral.len()],
        "二十十"
    );
    assert_eq!(&text[h.title_at..], "类别");
    assert_eq!(&text[h.open_at..h.open_at + 3], "（");
    assert!(heading("加大").is_none());
    let h = heading("十一、总体目标").unwrap();
    assert_eq!(
        (h.style, h.numeral, h.close, h.title),
        (HeadingStyle::Enumerated, "十一", Some('、'), "总体目标")
    );
    assert!(heading("一二三").is_none());
}

#[test]
fn numbers() {
    assert_eq!(task_number("72"), Ok(72));
    assert_eq!(task_number("0007"), Ok(7));
    assert_eq!(task_number("12345"), Ok(12_345));
    assert_eq!(task_number("4294967295"), Ok(u32::MAX));
    assert_eq!(task_number("4294967296"), Err(NumberError::TooLarge));
    assert_eq!(task_number("7 "), Err(NumberError::NotANumber));
    assert_eq!(task_number(""), Err(NumberError::NotANumber));
    assert_eq!(task_number("二十"), Err(NumberError::NotANumber));
    assert_eq!(task_number("12a"), Err(NumberError::NotANumber));
    assert_eq!(task_number(&"9".repeat(10_000)), Err(NumberError::TooLarge));
}

fn unit_names(text: &str) -> Vec<String> {
    let (segs, _) = segs_of(text);
    let mut out = Vec::new();
    units(text, &segs, &mut Vec::new(), |name, span| {
        out.push((name, span))
    });
    for (name, span) in &out {
        assert_eq!(&text[span.range()], name.as_ref());
    }
    out.into_iter().map(|(n, _)| n.into_owned()).collect()
}

#[test]
fn a_shared_bracket_cursor_finds_every_artifact() {
    let text = "\t甲[bookmark: a]\n\t乙\n\t丙 [bookmark: b] 丁\n\t戊\n";
    let cells: Vec<Span> = Lines::new(text, 0)
        .map(|l| Span::new(l.start, l.end))
        .collect();
    let read = |order: &[usize], brackets: &mut Brackets| {
        let mut found = Vec::new();
        for &i in order {
            let (mut segs, mut artifacts) = (Vec::new(), Vec::new());
            let cell = Cell {
                span: cells[i],
                tabbed: true,
                one_line: true,
            };
            segments(text, cell, &mut segs, &mut artifacts, brackets);
            // The one-line shortcut reads as the general path does.
            let (mut general, mut _artifacts) = (Vec::new(), Vec::new());
            let unknown = Cell {
                one_line: false,
                ..cell
            };
            segments(
                text,
                unknown,
                &mut general,
                &mut _artifacts,
                &mut Brackets::bounded(),
            );
            assert_eq!(segs, general);
            let pieces: Vec<&str> = segs.iter().map(|s| &text[s.start..s.end]).collect();
            found.push((pieces, artifacts.len()));
        }
        found
    };
    let expected = vec![
        (vec!["甲"], 1),
        (vec!["乙"], 0),
        (vec!["丙 ", " 丁"], 1),
        (vec!["戊"], 0),
    ];
    // In order, with the cursor cached ahead; out of order (searches
    // behind the cache stay on their line); and bounded.
    assert_eq!(read(&[0, 1, 2, 3], &mut Brackets::default()), expected);
    let mut cursor = Brackets::default();
    assert_eq!(read(&[3, 0, 2, 1], &mut cursor)[1], expected[0]);
    assert_eq!(
        read(&[2, 1, 0, 3], &mut cursor),
        read(&[2, 1, 0, 3], &mut Brackets::bounded())
    );
}

#[test]
fn unit_lists_skip_characters_of_every_length() {
    assert_eq!(
        unit_names("\tA·B、Ωα（x、y）、😀局,é;ü\n"),
        ["A·B", "Ωα（x、y）", "😀局", "é", "ü"]
    );
    assert_eq!(
        unit_names("\t〔甲、乙〕、《丙》\n"),
        ["〔甲、乙〕", "《丙》"]
    );
}

#[test]
fn unit_lists() {
    assert_eq!(
        unit_names("\t区人社局、区财政局、\n"),
        ["区人社局", "区财政局"]
    );
    assert_eq!(
        unit_names("\t各街镇（开发区、园区）、 区财政局 \n"),
        ["各街镇（开发区、园区）", "区财政局"]
    );
    assert_eq!(unit_names("\t、、甲、\u{3000}、乙"), ["甲", "乙"]);
    assert_eq!(unit_names("\t\n"), Vec::<String>::new());
    let deep = format!("\t{}甲{}", "（".repeat(10_000), "）".repeat(10_000));
    assert_eq!(unit_names(&deep).len(), 1);
}

#[test]
fn artifacts_formed_by_joining_are_cut() {
    // An artifact split over two lines, and one formed around an
    // artifact already cut: neither stays in the value.
    assert_eq!(joined("\t类[\nbookmark: x]\n"), "类");
    assert_eq!(joined("\t文[bookm[bookmark: z]ark: x]本\n"), "文本");
    assert_eq!(joined("\t [bookm[bookmark: z]ark: x] \n第二行\n"), "第二行");
    assert_eq!(joined("\t甲[bookm[bookmark: z]ark: x\n乙\n"), "甲乙");
    assert_eq!(
        joined("\t[bookm[bookm[bookmark: a]ark: b]ark: c]丙\n"),
        "丙"
    );
    for (text, want) in [
        ("\t甲[\nbookmark: x]、丙\n", &["甲", "丙"][..]),
        ("\t甲、[\nbookmark: x]\n", &["甲"][..]),
    ] {
        let (segs, _) = segs_of(text);
        let mut out = Vec::new();
        units(text, &segs, &mut Vec::new(), |name, span| {
            out.push((name, span))
        });
        assert_eq!(
            out.iter().map(|(n, _)| n.as_ref()).collect::<Vec<_>>(),
            want
        );
    }
    // Nothing else changes: a joined value without a prefix is as joined.
    assert_eq!(
        clean_joined(" 甲[bookmark \n".to_string()),
        " 甲[bookmark \n"
    );
}

#[test]
fn wrapped_units_join() {
    let text = "\t区人社局、区财\n政局\n";
    let (segs, _) = segs_of(text);
    let mut out = Vec::new();
    units(text, &segs, &mut Vec::new(), |name, span| {
        out.push((name, span))
    });
    assert_eq!(out[1].0, "区财政局");
    assert!(matches!(out[1].0, Cow::Owned(_)));
    assert_eq!(out[0].0, "区人社局");
}

#[test]
fn a_cursor_asked_of_whole_cells_then_segments_them() {
    // W005 and W006 ask the cursor whether a cell may hold an artifact,
    // then segment the cells that may with the same cursor.
    let text = "\t甲\n\t乙[bookmark: a]丙\n\t丁[x]\n\t戊\n";
    let cells: Vec<Span> = Lines::new(text, 0)
        .map(|l| Span::new(l.start, l.end))
        .collect();
    let mut cursor = Brackets::default();
    let mut found = Vec::new();
    for &span in &cells {
        let may = cursor.any(text.as_bytes(), span.start, span.end);
        let (mut segs, mut artifacts) = (Vec::new(), Vec::new());
        if may {
            let cell = Cell {
                span,
                tabbed: true,
                one_line: true,
            };
            segments(text, cell, &mut segs, &mut artifacts, &mut cursor);
        }
        found.push((may, artifacts.len()));
    }
    // A `[` that starts no artifact may hold one; only the second cell has.
    assert_eq!(found, [(false, 0), (true, 1), (true, 0), (false, 0)]);
}

#[test]
fn an_artifact_formed_on_a_line_goes_as_one_written_there() {
    // `[b` + `ookmark: x]` forms an artifact once `[bookmark: y]` is cut:
    // it goes, with the white space it leaves at the start of the line, as
    // it would if written whole (which is what deleting `[bookmark: y]`
    // leaves).
    let formed = "\t甲\n[b[bookmark: y]ookmark: x]\t乙\n";
    let written = "\t甲\n[bookmark: x]\t乙\n";
    let value = |text: &str| join(text, &segs_of(text).0).into_owned();
    assert_eq!(value(formed), "甲乙");
    assert_eq!(value(formed), value(written));
}

/// A cell's value does not change when one of its artifacts is deleted
/// (W005's fix), whatever the pieces around it form: every cell of one or
/// two lines, each line some text, an artifact written or formed (or a
/// piece of one), white space and more text.
#[test]
fn deleting_an_artifact_keeps_the_value() {
    let leads = ["", "甲"];
    let cores = ["[b[bookmark: y]ookmark: x]", "[bookmark: y]", "[b", ""];
    let spaces = ["", " ", "\t"];
    let tails = ["", "乙", "ookmark: z]"];
    let mut lines = Vec::new();
    for lead in leads {
        for core in cores {
            for space in spaces {
                for tail in tails {
                    lines.push(format!("{lead}{core}{space}{tail}"));
                }
            }
        }
    }
    let mut cells: Vec<String> = lines.iter().map(|l| format!("\t{l}")).collect();
    for first in &lines {
        for second in &lines {
            cells.push(format!("\t{first}\n{second}"));
        }
    }
    for text in &cells {
        let (segs, artifacts) = segs_of(text);
        let value = join(text, &segs);
        for a in &artifacts {
            let mut deleted = text.clone();
            deleted.replace_range(a.span.range(), "");
            let (segs, _) = segs_of(&deleted);
            assert_eq!(
                join(&deleted, &segs),
                value,
                "{text:?} without {:?}",
                a.span
            );
        }
    }
}

#[test]
fn a_pinyin_gloss_is_one_syllable_with_its_tone_mark() {
    for (text, len) in [
        ("(nóng)", Some(7)),
        ("(fā)業", Some(5)),
        ("(chuàng))", Some(9)),
        ("(lǜ)", Some(5)),
        ("(nǚ)", Some(5)),
        ("(zhuāng)", Some(9)),
        // No tone mark: a letter or a word in parentheses, or the neutral
        // tone, stays text.
        ("(a)", None),
        ("(de)", None),
        ("(lü)", None),
        // Longer than a syllable, capitals, spaces, digits, or unclosed.
        ("(zhuāngg)", None),
        ("(Nóng)", None),
        ("(nóng yè)", None),
        ("(nóng1)", None),
        ("(nóng", None),
        ("（nóng）", None),
        ("()", None),
    ] {
        assert_eq!(gloss_len(text.as_bytes()), len, "{text}");
    }
    assert_eq!(find_artifact("農(nóng)業", 0, 13), Some((3, 10)));
    // Glosses formed once another is cut go too, as a value is cleaned.
    assert_eq!(clean_written("甲(n(nóng)óng)乙"), "甲乙");
    assert_eq!(clean_written("甲(nó[bookmark: x]ng)乙"), "甲乙");
    assert_eq!(clean_written("甲(试点)乙"), "甲(试点)乙");
}
