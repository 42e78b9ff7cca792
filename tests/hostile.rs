//! Hostile inputs at sizes CI can afford: huge lines, floods of blank lines
//! and empty cells, absurd numbers and numerals, deep parentheses, NUL bytes,
//! broken encodings, unclosed artifacts, CR-only line endings.
//!
//! Each test checks that there is no panic, that the result makes sense (a
//! document, or the expected diagnostic code), that the tolerant document
//! prints its input back byte for byte, and that every message stays short
//! however long the input is. There are no timing asserts: the sizes are
//! chosen so that anything quadratic in them would not finish (a million
//! bytes on one line, a hundred thousand lines), while a linear pass takes a
//! fraction of a second even in a debug build. `scaling` and
//! `rendering_scaling` (ignored by default) compare the time for n and 4n
//! for a manual run: `cargo test --release --test hostile -- --ignored`.

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

use fengong::lint::{lint, LintConfig};
use fengong::render::{Report, Style};
use fengong::source::{decode, encode, Encoding};
use fengong::{parse, parse_tolerant, Code, Diagnostic};

/// A header every document here starts with.
const HEAD: &str = "附件：\n东疆重点任务清单和责任分工表\n\t序号\n\t工作任务\n\t滨海新区\n责任单位\n\t东疆\n责任单位\n\n";

/// The most characters any message, label, help or note may hold, whatever
/// the input.
const MAX_MESSAGE: usize = 400;

fn assert_bounded(d: &Diagnostic) {
    let fields = [d.message(), d.label(), d.help().unwrap_or("")];
    for field in fields
        .into_iter()
        .chain(d.notes().iter().map(String::as_str))
    {
        assert!(
            field.chars().count() <= MAX_MESSAGE,
            "{} has a field of {} characters: {}…",
            d.code(),
            field.chars().count(),
            field.chars().take(80).collect::<String>()
        );
    }
    for label in d.secondary() {
        assert!(label.message.chars().count() <= MAX_MESSAGE);
    }
    if let Some(fix) = d.fix() {
        assert!(fix.message.chars().count() <= MAX_MESSAGE);
    }
}

/// Parses `text` tolerantly and strictly, checks the print back, the
/// diagnostics' spans and lengths, lints it when it has no errors, and
/// returns the parse diagnostics' codes.
fn check(text: &str) -> Vec<&'static str> {
    let parsed = parse_tolerant(text);
    assert!(
        parsed.document.to_string() == text,
        "the document does not print back its input"
    );
    assert_eq!(parsed.has_errors(), parse(text).is_err());
    for d in &parsed.diagnostics {
        assert!(d.span().start <= d.span().end && d.span().end <= text.len());
        assert_bounded(d);
    }
    let findings = lint(&parsed.document, text, &LintConfig::default());
    for d in &findings {
        assert!(d.span().end <= text.len());
        assert_bounded(d);
    }
    parsed
        .diagnostics
        .iter()
        .map(|d| d.code().as_str())
        .collect()
}

/// One category with one task whose four cells are given.
fn one_task(number: &str, text: &str, district: &str, local: &str) -> String {
    format!("{HEAD}\t（一）加大援企稳岗力度\n\t{number}\n\t{text}\n\t{district}\n\t{local}\n")
}

#[test]
fn a_megabyte_on_one_line() {
    let line = "甲".repeat(350_000); // 1 050 000 bytes, no line ending
    assert_eq!(check(&line), ["E004"]);
    // The same line as a cell: a header of one cell.
    let cell = format!("\t{line}");
    assert_eq!(check(&cell), ["E005"]);
    // As the title of a document.
    let titled = format!(
        "{line}\n{}",
        &HEAD["附件：\n东疆重点任务清单和责任分工表\n".len()..]
    );
    let doc = parse(&titled).unwrap();
    assert_eq!(doc.title().len(), line.len());
    check(&titled);
    // ASCII without any break at all.
    let ascii = "a".repeat(1 << 20);
    assert_eq!(check(&ascii), ["E004"]);
}

#[test]
fn a_hundred_thousand_blank_lines() {
    let blank = "\n".repeat(100_000);
    assert_eq!(check(&blank), ["E001"]);
    assert_eq!(check(&"\r\n".repeat(100_000)), ["E001"]);
    // Before, inside and after a document.
    let doc = one_task("1", "文本", "区甲", "甲");
    let text = format!("{blank}{doc}{blank}");
    assert_eq!(check(&text), Vec::<&str>::new());
    assert_eq!(parse(&text).unwrap().tasks().count(), 1);
    let inside = format!("{HEAD}\t（一）类\n{blank}\t1\n\t文本\n\t区甲\n\t甲\n");
    assert_eq!(check(&inside), Vec::<&str>::new());
}

#[test]
fn a_hundred_thousand_lone_tabs() {
    let tabs = "\t\n".repeat(100_000);
    // Tabs and line breaks are white space: an empty document.
    assert_eq!(check(&tabs), ["E001"]);
    // One row of 100 000 cells where the header should be: the message
    // lists a few of them.
    let cells = format!("标题\n{}", "\t甲\n".repeat(100_000));
    assert_eq!(check(&cells), ["E005"]);
    let d = &parse_tolerant(&cells).diagnostics[0];
    assert!(d.message().ends_with("… (99994 more)"), "{}", d.message());
    // After a heading: filler cells, nothing else.
    let text = format!("{HEAD}\t（一）类\n{tabs}");
    assert_eq!(check(&text), Vec::<&str>::new());
    let doc = parse(&text).unwrap();
    assert_eq!(doc.categories().len(), 1);
    assert_eq!(doc.tasks().count(), 0);
    // Tabs without line endings: white space too; with text, one cell.
    assert_eq!(check(&"\t".repeat(100_000)), ["E001"]);
    assert_eq!(check(&format!("{}甲", "\t".repeat(100_000))), ["E005"]);
}

#[test]
fn a_task_number_of_ten_thousand_digits() {
    let digits = "9".repeat(10_000);
    let text = one_task(&digits, "文本", "区甲", "甲");
    assert_eq!(check(&text), ["E011"]);
    let d = &parse_tolerant(&text).diagnostics[0];
    assert_eq!(
        d.message(),
        "expected a task number of at most 10 digits, found a number of 10000 digits"
    );
    assert_eq!(&text[d.span().range()], digits);
    // Full-width digits: not a number, and the help stays short.
    let wide = "９".repeat(10_000);
    assert_eq!(check(&one_task(&wide, "文本", "区甲", "甲")), ["E010"]);
    // Leading zeros: no overflow, the value is what the digits say.
    let zeros = format!("{}7", "0".repeat(10_000));
    let text = one_task(&zeros, "文本", "区甲", "甲");
    assert_eq!(check(&text), Vec::<&str>::new());
    assert_eq!(parse(&text).unwrap().task(7).unwrap().number(), 7);
}

#[test]
fn a_category_numeral_of_ten_thousand_characters() {
    let numeral = "一".repeat(10_000);
    let text = format!("{HEAD}\t（{numeral}）类\n");
    assert_eq!(check(&text), ["E007"]);
    let d = &parse_tolerant(&text).diagnostics[0];
    assert_eq!(&text[d.span().range()], numeral);
    assert!(d.message().contains('…'), "{}", d.message());
    // Digits, with leading zeros so that they still read as a number.
    let digits = format!("{}3", "0".repeat(10_000));
    let text = format!("{HEAD}\t（{digits}）类\n");
    assert_eq!(check(&text), ["E007"]);
    // Unclosed, without a title, in full-width digits.
    assert_eq!(check(&format!("{HEAD}\t（{numeral}类\n")), ["E007", "E008"]);
    assert_eq!(check(&format!("{HEAD}\t（{numeral}）\n")), ["E007", "E009"]);
    let wide = "１".repeat(10_000);
    assert_eq!(check(&format!("{HEAD}\t（{wide}）类\n")), ["E007"]);
}

#[test]
fn ten_thousand_nested_parentheses_in_a_unit_cell() {
    let deep = format!(
        "各街镇{}开发区、园区{}",
        "（".repeat(10_000),
        "）".repeat(10_000)
    );
    let text = one_task("1", "文本", &format!("{deep}、区甲"), "甲");
    assert_eq!(check(&text), Vec::<&str>::new());
    let doc = parse(&text).unwrap();
    let names: Vec<&str> = doc.task(1).unwrap().units().district_names().collect();
    assert_eq!(names, [deep.as_str(), "区甲"]);
    // Never closed: the rest of the cell is one unit.
    let open = format!("甲{}、乙、丙", "(".repeat(10_000));
    let text = one_task("1", "文本", &open, "甲");
    assert_eq!(check(&text), Vec::<&str>::new());
    let doc = parse(&text).unwrap();
    assert_eq!(doc.task(1).unwrap().units().district().len(), 1);
    // Closed more often than opened: the depth never goes below zero.
    let closed = format!("甲{}、乙", "）".repeat(10_000));
    let text = one_task("1", "文本", &closed, "甲");
    let doc = parse(&text).unwrap();
    assert_eq!(doc.task(1).unwrap().units().district().len(), 2);
}

#[test]
fn nul_bytes_in_cells() {
    let text = "附件：\0\n标题\0\n\t序号\n\t工作任务\n\t甲\0责任单位\n\t乙责任单位\n\n\t（一）类\0\n\t1\n\t\0文\0本\0\n\t\0\n\t乙\n";
    assert_eq!(check(text), Vec::<&str>::new());
    let doc = parse(text).unwrap();
    let task = doc.task(1).unwrap();
    assert_eq!(task.text(), "\0文\0本\0");
    assert_eq!(task.units().district_names().collect::<Vec<_>>(), ["\0"]);
    // A NUL where the number should be.
    assert_eq!(check(&one_task("\0", "文本", "区甲", "甲")), ["E010"]);
    // Valid UTF-8 with NULs decodes as UTF-8.
    let decoded = decode(text.as_bytes()).unwrap();
    assert_eq!(decoded.encoding(), Encoding::Utf8);
    // NUL everywhere.
    let nuls = "\0".repeat(100_000);
    assert_eq!(check(&nuls), ["E004"]);
}

#[test]
fn lone_surrogates_in_utf16() {
    for encoding in [Encoding::Utf16Le, Encoding::Utf16Be] {
        let le = encoding == Encoding::Utf16Le;
        let unit = |u: u16| if le { u.to_le_bytes() } else { u.to_be_bytes() };
        let good = encode("附件：\n标题\n", encoding, true).unwrap();
        // A high surrogate followed by a letter, a lone low surrogate, a
        // high surrogate at the very end, an odd last byte.
        let cases: [(&[u16], bool); 4] = [
            (&[0xD800, u16::from(b'A')], false),
            (&[0xDC00, u16::from(b'A')], false),
            (&[0xDBFF], false),
            (&[], true),
        ];
        for (units, odd) in cases {
            let mut bytes = good.clone();
            for &u in units {
                bytes.extend_from_slice(&unit(u));
            }
            if odd {
                bytes.push(0x41);
            }
            let err = decode(&bytes).unwrap_err();
            assert_eq!(err.code(), Code::UndecodableInput);
            // The offset of the first bad byte: right after the good text.
            assert_eq!(err.span().start, good.len(), "{encoding:?} {units:?}");
            assert_eq!((err.line(), err.column()), (3, 1));
            assert!(err.primary().message().contains("UTF-16"));
            assert_bounded(err.primary());
        }
    }
    // Many surrogates: the first is reported.
    let mut bytes = vec![0xFF, 0xFE];
    for _ in 0..100_000 {
        bytes.extend_from_slice(&0xD800u16.to_le_bytes());
        bytes.extend_from_slice(&0x41u16.to_le_bytes());
    }
    let err = decode(&bytes).unwrap_err();
    assert_eq!(err.span().start, 2);
}

#[test]
fn invalid_gb18030() {
    let good = encode("附件：\n东疆\n", Encoding::Gb18030, false).unwrap();
    // A lead byte followed by a byte that ends no sequence, and a lead byte
    // at the very end. The primary offset is where UTF-8 fails (the first
    // byte of 附); the note names where GB18030 fails.
    for tail in [&[0x81, 0x20][..], &[0xFF, 0xFF], &[0x81]] {
        let mut bytes = good.clone();
        bytes.extend_from_slice(tail);
        let err = decode(&bytes).unwrap_err();
        assert_eq!(err.code(), Code::UndecodableInput, "{tail:?}");
        assert_eq!(err.span().start, 0, "{tail:?}");
        let note = &err.primary().notes()[0];
        let want = format!("GB18030 fails at byte {}", good.len());
        assert!(note.contains(&want), "{note}");
        assert_bounded(err.primary());
    }
    // A megabyte of garbage.
    let garbage: Vec<u8> = (0..1_000_000u32).map(|i| 0x80 | (i % 0x7F) as u8).collect();
    if let Err(err) = decode(&garbage) {
        assert_eq!(err.code(), Code::UndecodableInput);
        assert!(err.span().end <= garbage.len());
    }
}

#[test]
fn unclosed_artifacts_over_and_over() {
    let many = "[bookmark:".repeat(100_000); // one artifact to the end of the line
    let text = one_task("1", &format!("文本{many}"), "区甲", "甲");
    assert_eq!(check(&text), Vec::<&str>::new());
    let doc = parse(&text).unwrap();
    assert_eq!(doc.task(1).unwrap().text(), "文本");
    // One per line, over twenty thousand lines of one cell, with white
    // space around each: every line is read once.
    let lines = " [bookmark: x\n 续 [bookmark:\n".repeat(10_000);
    let text = one_task("1", &format!("文本\n{}", lines.trim_end()), "区甲", "甲");
    assert_eq!(check(&text), Vec::<&str>::new());
    let doc = parse(&text).unwrap();
    let joined = format!("文本{}", "续".repeat(10_000));
    assert_eq!(doc.task(1).unwrap().text(), joined);
    let findings = lint(&doc, &text, &LintConfig::default());
    let count = |code: Code| findings.iter().filter(|d| d.code() == code).count();
    assert_eq!(count(Code::ExtractionArtifact), 20_000);
    // A hundred thousand closed artifacts on a line of their own, and on a
    // line with text: each finding's fix costs about its own size.
    let closed = "[bookmark: x]".repeat(100_000);
    for cell in [format!("文本\n{closed}"), format!("文{closed}本")] {
        let text = one_task("1", &cell, "区甲", "甲");
        assert_eq!(check(&text), Vec::<&str>::new());
        let doc = parse(&text).unwrap();
        assert_eq!(doc.task(1).unwrap().text(), "文本");
        let findings = lint(&doc, &text, &LintConfig::default());
        assert_eq!(findings.len(), 100_000);
        let (fixed, _) = fengong::edit::apply_fixes(&text, &findings, false);
        assert_eq!(parse(&fixed).unwrap(), doc);
    }
    // Prefixes that never complete, and prefixes split over lines.
    let partial = "[bookmar[bookm[[b".repeat(50_000);
    assert_eq!(
        check(&one_task("1", &partial, "区甲", "甲")),
        Vec::<&str>::new()
    );
    let split = "[\nbookmark: x]".repeat(20_000);
    assert_eq!(
        check(&one_task("1", &format!("甲{split}"), "区甲", "甲")),
        Vec::<&str>::new()
    );
}

#[test]
fn huge_column_labels_and_unit_names() {
    // Zone names of a hundred thousand characters: lint messages that name
    // the level stay short.
    let zone = "甲".repeat(100_000);
    let text = format!(
        "附件：\n标题\n\t序号\n\t工作任务\n\t{zone}责任单位\n\t{zone}乙责任单位\n\n\t（一）类\n\t1\n\t文\n\t\n\t\n"
    );
    assert_eq!(check(&text), Vec::<&str>::new());
    let doc = parse(&text).unwrap();
    let findings = lint(&doc, &text, &LintConfig::default());
    assert_eq!(
        findings
            .iter()
            .filter(|d| d.code() == Code::EmptyUnitCell)
            .count(),
        2
    );
    // A unit name of few graphemes but many characters (combining marks),
    // one edit away from a name used twice.
    let marks = "\u{301}".repeat(10_000);
    let common = format!("区{marks}工信局");
    let typo = format!("区{marks}工业信局");
    let mut text = format!("{HEAD}\t（一）类\n");
    for (n, name) in [(1, &common), (2, &common), (3, &typo)] {
        text.push_str(&format!("\n\t{n}\n\t任务{n}\n\t{name}\n\t甲\n"));
    }
    assert_eq!(check(&text), Vec::<&str>::new());
}

#[test]
fn a_million_character_task_text() {
    let long = "文".repeat(1_000_000);
    let text = one_task("1", &long, "区甲", "甲");
    assert_eq!(check(&text), Vec::<&str>::new());
    let doc = parse(&text).unwrap();
    assert_eq!(doc.task(1).unwrap().text().chars().count(), 1_000_000);
    // Two tasks with the same million characters: a duplicate.
    let twice = format!(
        "{HEAD}\t（一）类\n\t1\n\t{long}\n\t区甲\n\t甲\n\n\t\n\t2\n\t{long}\n\t区甲\n\t甲\n"
    );
    let doc = parse(&twice).unwrap();
    let findings = lint(&doc, &twice, &LintConfig::default());
    assert!(findings.iter().any(|d| d.code() == Code::DuplicateTask));
    for d in &findings {
        assert_bounded(d);
    }
}

#[test]
fn cr_only_line_endings_at_scale() {
    let mut text = HEAD.replace('\n', "\r");
    for c in 1..=300u32 {
        text.push_str(&format!(
            "\t（{}）类别{c}\r",
            fengong::numeral::to_chinese(c)
        ));
        for t in 1..=10u32 {
            let n = (c - 1) * 10 + t;
            text.push_str(&format!(
                "\r\t\r\t{n}\r\t任务{n}\r第二行\r\t区甲、区乙\r\t甲\r"
            ));
        }
        text.push('\r');
    }
    assert!(text.len() > 150_000);
    assert_eq!(check(&text), Vec::<&str>::new());
    let doc = parse(&text).unwrap();
    assert_eq!(doc.line_ending(), fengong::LineEnding::Cr);
    assert_eq!(doc.tasks().count(), 3000);
    assert_eq!(doc.task(3000).unwrap().text(), "任务3000第二行");
    // A stray line among CR line endings is one line, not the rest of the
    // document.
    let stray = format!("{HEAD}\t（一）类\n\n第3页\n续\n").replace('\n', "\r");
    let parsed = parse_tolerant(&stray);
    let d = &parsed.diagnostics[0];
    assert_eq!(d.code(), Code::StrayLine);
    assert_eq!(&stray[d.span().range()], "第3页");
    // A hundred thousand lone CRs.
    assert_eq!(check(&"\r".repeat(100_000)), ["E001"]);
    assert_eq!(
        check(&format!("{HEAD}\t（一）类\r{}", "\t\r".repeat(100_000))),
        Vec::<&str>::new()
    );
}

#[test]
fn many_errors_in_one_document() {
    // Ten thousand broken rows: every one reported, every message short.
    let mut text = format!("{HEAD}\t（一）类\n");
    for _ in 0..10_000 {
        text.push_str("\n第3页\n\n\t（十十）类\n\t二十\n\t文\n\t甲\n\t乙\n");
    }
    let codes = check(&text);
    assert_eq!(codes.len(), 30_000);
    assert!(codes.iter().all(|c| ["E006", "E007", "E010"].contains(c)));
}

/// Every diagnostic of `text` (parse, then lint), rendered in full with
/// one report.
fn rendered(text: &str) -> Vec<String> {
    let parsed = parse_tolerant(text);
    let mut diagnostics = parsed.diagnostics;
    diagnostics.extend(lint(&parsed.document, text, &LintConfig::default()));
    let report = Report::new("hostile.txt", text);
    diagnostics
        .iter()
        .map(|d| report.render(d, Style::Plain))
        .collect()
}

/// The most bytes one rendered diagnostic may take, whatever the input: its
/// messages (at most [`MAX_MESSAGE`] characters each), up to seven source
/// lines cut to their marks, and the gutter.
const MAX_RENDERED: usize = 8 * 1024;

/// Hostile documents whose findings point far back, span everything, or
/// crowd one long line: each finding is drawn in a bounded number of bytes
/// (and, which is the point, in bounded time: these took quadratic time
/// before, 4 s for 8,000 headings in release).
fn far_and_wide(n: usize) -> [(&'static str, String); 4] {
    [
        ("blank lines", "\n".repeat(n)),
        (
            "repeated headings",
            format!("{HEAD}{}", "\t（一）类\n\n".repeat(n / 14)),
        ),
        (
            "artifacts on one line",
            one_task(
                "1",
                &format!("文{}本", "[bookmark: x]".repeat(n / 13)),
                "区甲",
                "甲",
            ),
        ),
        (
            "task numbers out of order",
            format!(
                "{HEAD}\t（一）类\n{}",
                (0..n / 24)
                    .map(|k| format!("\n\t{}\n\t文{k}\n\t区甲\n\t甲\n", 5 + (k % 3)))
                    .collect::<String>()
            ),
        ),
    ]
}

#[test]
fn every_rendering_is_bounded() {
    for (name, text) in far_and_wide(200_000) {
        let shown = rendered(&text);
        assert!(!shown.is_empty(), "{name}: no finding");
        for r in &shown {
            assert!(
                r.len() <= MAX_RENDERED,
                "{name}: a rendering of {} bytes:\n{}",
                r.len(),
                r.chars().take(1000).collect::<String>()
            );
        }
    }
    // The one error over 400,000 blank lines: its first line, `...`, its
    // last line, numbered as in the file.
    let blank = "\n".repeat(400_000);
    let shown = &rendered(&blank)[0];
    assert!(shown.contains("--> hostile.txt:1:1\n"), "{shown}");
    assert!(shown.contains("\n...  "), "{shown}");
    assert!(shown.contains("\n400000 | |\n"), "{shown}");
}

// The command line on hostile files.

fn fengong(args: &[&str], stdin: &[u8]) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_fengong"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cannot run fengong");
    let mut input = child.stdin.take().unwrap();
    let bytes = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&bytes);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    (
        out.status.code().expect("killed by a signal"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn check_file(name: &str, bytes: &[u8]) -> i32 {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let path = path.to_str().unwrap();
    let mut code = None;
    for format in ["full", "concise", "json"] {
        let (c, stdout, stderr) = fengong(&["check", "--output-format", format, path], b"");
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
        assert!(!stdout.contains("panicked"), "{name}");
        assert!(c == 0 || c == 1, "{name}: exit code {c}: {stderr}");
        assert!(code.is_none_or(|k| k == c));
        code = Some(c);
    }
    code.unwrap()
}

#[test]
fn the_command_line_on_hostile_files() {
    assert!(Path::new(env!("CARGO_BIN_EXE_fengong")).exists());
    let line = "甲".repeat(100_000);
    assert_eq!(check_file("line.txt", line.as_bytes()), 1);
    assert_eq!(check_file("blank.txt", "\n".repeat(100_000).as_bytes()), 1);
    assert_eq!(check_file("tabs.txt", "\t\n".repeat(100_000).as_bytes()), 1);
    let digits = one_task(&"9".repeat(10_000), "文本", "区甲", "甲");
    assert_eq!(check_file("digits.txt", digits.as_bytes()), 1);
    let numeral = format!("{HEAD}\t（{}）类\n", "一".repeat(10_000));
    assert_eq!(check_file("numeral.txt", numeral.as_bytes()), 1);
    let deep = one_task(
        "1",
        "文本",
        &format!("甲{}乙{}", "（".repeat(10_000), "）".repeat(10_000)),
        "甲",
    );
    assert_eq!(check_file("deep.txt", deep.as_bytes()), 0);
    let nul = one_task("1", "\0文本\0", "\0", "甲");
    assert_eq!(check_file("nul.txt", nul.as_bytes()), 0);
    let mut surrogate = encode("附件：\n", Encoding::Utf16Le, true).unwrap();
    surrogate.extend_from_slice(&[0x00, 0xD8, 0x41, 0x00]);
    assert_eq!(check_file("surrogate.txt", &surrogate), 1);
    assert_eq!(check_file("gb.txt", &[0xB8, 0xBD, 0x81, 0x20]), 1);
    let artifacts = one_task("1", &"[bookmark:".repeat(100_000), "区甲", "甲");
    assert_eq!(check_file("artifacts.txt", artifacts.as_bytes()), 0);
    let cr = one_task("1", "文本", "区甲", "甲").replace('\n', "\r");
    assert_eq!(check_file("cr.txt", cr.as_bytes()), 0);
    // And through standard input, with --fix printing the fixed text.
    let (c, _, stderr) = fengong(&["check", "-"], "\t\n".repeat(50_000).as_bytes());
    assert_eq!(c, 1);
    assert!(!stderr.contains("panicked"));
}

#[test]
fn inputs_over_the_size_limit_are_refused() {
    // A stream that never ends: read up to one byte past the limit.
    if Path::new("/dev/zero").exists() {
        for command in ["parse", "fmt", "units", "render"] {
            let (code, stdout, stderr) =
                fengong(&[command, "--max-size", "1MiB", "/dev/zero"], b"");
            assert_eq!(code, 2, "{command}: {stderr}");
            assert_eq!(stdout, "");
            assert_eq!(
                stderr, "error[E016]: /dev/zero is larger than the size limit of 1 MiB\n",
                "{command}"
            );
        }
        let (code, stdout, _) = fengong(
            &[
                "check",
                "--output-format",
                "concise",
                "--max-size=64KiB",
                "/dev/zero",
            ],
            b"",
        );
        assert_eq!(code, 2);
        assert!(
            stdout.starts_with(
                "/dev/zero:1:1: error[E016] /dev/zero is larger than the size limit of 64 KiB\n"
            ),
            "{stdout}"
        );
    }
    // Standard input: the limit itself is allowed, one byte more is not.
    let blank = "\n".repeat(1 << 20);
    let (code, _, stderr) = fengong(&["parse", "--max-size", "1MiB", "-"], blank.as_bytes());
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("error[E001]"), "{stderr}");
    let more = format!("{blank}\n");
    let (code, _, stderr) = fengong(&["parse", "--max-size", "1MiB", "-"], more.as_bytes());
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error[E016]: - is larger than the size limit of 1 MiB\n"
    );
    // A regular file, by its length (a sparse file: nothing to read).
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.txt");
    std::fs::File::create(&path)
        .unwrap()
        .set_len((2 << 20) + 1)
        .unwrap();
    let shown = path.to_str().unwrap();
    let (code, _, stderr) = fengong(&["fmt", "--check", "--max-size", "2MiB", shown], b"");
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        format!("error[E016]: {shown} is larger than the size limit of 2 MiB\n")
    );
    // Sizes in decimal units and in bytes; a size that is not one.
    let (code, _, stderr) = fengong(&["parse", "--max-size", "2000000", shown], b"");
    assert_eq!(code, 2);
    assert!(
        stderr.contains("the size limit of 2000000 bytes"),
        "{stderr}"
    );
    let (code, _, stderr) = fengong(&["parse", "--max-size", "1.5GiB", shown], b"");
    assert_eq!(code, 2);
    assert!(
        stderr.contains("invalid value '1.5GiB' for '--max-size <SIZE>'"),
        "{stderr}"
    );
}

/// Times `f` on inputs of size `n` and `4n` (best of three) and fails if
/// the larger takes more than ten times as long: linear work takes about
/// four times as long, quadratic sixteen. Timing is noisy, so this runs
/// only on request.
#[test]
#[ignore = "timing; run with --ignored in release mode"]
fn scaling() {
    use std::time::{Duration, Instant};

    fn best(f: &dyn Fn() -> usize) -> Duration {
        (0..3)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(f());
                t.elapsed()
            })
            .min()
            .unwrap()
    }
    type Make = fn(usize) -> String;
    let inputs: [(&str, Make); 8] = [
        ("one line", |n| "甲".repeat(n)),
        ("blank lines", |n| "\n".repeat(n)),
        ("lone tabs", |n| {
            format!("{HEAD}\t（一）类\n{}", "\t\n".repeat(n))
        }),
        ("artifact lines", |n| {
            one_task(
                "1",
                &format!("文本\n{}", " [bookmark: x\n".repeat(n)),
                "区甲",
                "甲",
            )
        }),
        ("tasks", |n| {
            let mut text = format!("{HEAD}\t（一）类\n");
            for k in 1..=n / 40 {
                text.push_str(&format!("\n\t{k}\n\t任务{k}\n\t区甲、区乙\n\t甲\n"));
            }
            text
        }),
        // One task naming n / 16 district units and as many local ones,
        // each district unit its local one with a prefix (the unit
        // mapping's rows are read pair by pair nowhere).
        ("a wide task", |n| {
            let units = |prefix: &str| {
                (0..n / 16)
                    .map(|i| format!("{prefix}单位{i}"))
                    .collect::<Vec<_>>()
                    .join("、")
            };
            one_task("1", "文本", &units("区"), &units(""))
        }),
        // A first task repeating one phrase n / 60 times, then tasks that
        // each hold it twice: the long one is every later task's first
        // candidate (W008), and its set of shingles is small (the phrase's)
        // though its text is long. Read whole again for every task (c4aefea),
        // it took 0.32 s for n and 4.50 s for 4n here.
        ("a phrase repeated", |n| {
            let phrase = "落实援企稳岗政策扩大就业规模";
            let mut text = one_task("1", &phrase.repeat(n / 60), "区甲", "甲");
            for k in 2..n / 200 {
                text.push_str(&format!(
                    "\n\t{k}\n\t{phrase}{phrase}第{k}项\n\t区甲\n\t甲\n"
                ));
            }
            text
        }),
        ("stray lines", |n| {
            format!("{HEAD}\t（一）类\n{}", "\n第3页\n".repeat(n / 8))
        }),
    ];
    for (name, make) in inputs {
        let n = 200_000;
        let (small, large) = (make(n), make(4 * n));
        let run = |text: &str| {
            let parsed = parse_tolerant(text);
            parsed.diagnostics.len() + lint(&parsed.document, text, &LintConfig::default()).len()
        };
        let t1 = best(&|| run(&small));
        let t4 = best(&|| run(&large));
        eprintln!("{name}: {t1:?} for n, {t4:?} for 4n");
        assert!(
            t4 < t1 * 10 + Duration::from_millis(20),
            "{name}: {t1:?} for n, {t4:?} for 4n"
        );
    }
}

/// Times rendering every finding of the documents of
/// [`every_rendering_is_bounded`] at n and 4n (best of three); fails if the
/// larger takes more than ten times as long.
#[test]
#[ignore = "timing; run with --ignored in release mode"]
fn rendering_scaling() {
    use std::time::{Duration, Instant};

    let n = 400_000;
    for ((name, small), (_, large)) in far_and_wide(n).into_iter().zip(far_and_wide(4 * n)) {
        let time = |text: &str| {
            let parsed = parse_tolerant(text);
            let mut diagnostics = parsed.diagnostics;
            diagnostics.extend(lint(&parsed.document, text, &LintConfig::default()));
            let report = Report::new("hostile.txt", text);
            (0..3)
                .map(|_| {
                    let t = Instant::now();
                    for d in &diagnostics {
                        std::hint::black_box(report.render(d, Style::Plain));
                    }
                    t.elapsed()
                })
                .min()
                .unwrap()
        };
        let (t1, t4) = (time(&small), time(&large));
        eprintln!("{name}: {t1:?} for n, {t4:?} for 4n");
        assert!(
            t4 < t1 * 10 + Duration::from_millis(20),
            "{name}: {t1:?} for n, {t4:?} for 4n"
        );
    }
}

/// Stray separators over and over in the row right after the header, whose
/// safe fixes are each checked by reading that row again: a budget of such
/// readings a document keeps the work linear (each of the 20 000 findings
/// reading its 240 KB row again would not finish).
#[test]
fn stray_separators_over_and_over_in_the_first_row() {
    let district = "区甲局、、".repeat(20_000);
    let text = format!("{HEAD}\t1\n\t文本\n\t{district}\n\t甲\n");
    assert!(check(&text).is_empty());
    let fixed = fengong::lint::fix(&text, &LintConfig::default(), false);
    assert_eq!(parse(&fixed.text).unwrap(), parse(&text).unwrap());
}

/// Twenty thousand findings on one line of 240 KB, located in order as the
/// command line writes them: each counts its characters from the one
/// before, not from the line's start (which took 2 s in release for
/// 10,000 findings), and the columns are right.
#[test]
fn many_findings_on_one_long_line_are_located_in_one_pass() {
    let district = "区甲局、、".repeat(20_000);
    let text = format!("{HEAD}\t1\n\t文本\n\t{district}\n\t甲\n");
    let parsed = parse_tolerant(&text);
    let mut spans: Vec<_> = lint(&parsed.document, &text, &LintConfig::default())
        .iter()
        .map(|d| d.span())
        .collect();
    assert_eq!(spans.len(), 20_000);
    spans.sort_by_key(|s| s.start);
    let mut locator = Report::new("hostile.txt", &text).into_locator();
    let line_start = text.find("\t区甲局").unwrap();
    for (k, span) in spans.iter().enumerate() {
        let (start, end) = locator.locate(*span);
        if k % 1000 == 0 || k + 1 == spans.len() {
            let column = text[line_start..span.start].chars().count() + 1;
            assert_eq!((start.line, start.column), (12, column), "{span:?}");
            assert_eq!(end.column, column + text[span.range()].chars().count());
        }
    }
}
