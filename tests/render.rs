//! Carets under the right characters: the rendered report is measured in
//! display columns (CJK characters are two columns wide, a tab is drawn as
//! four spaces by annotate-snippets 0.12) and compared with the span.

use std::path::Path;

use fengong::render::{Report, Style};
use fengong::{Code, Diagnostic, Span};
use unicode_width::UnicodeWidthChar;

/// How wide annotate-snippets draws a tab: it replaces each with four
/// spaces, whatever the column.
const TAB_WIDTH: usize = 4;

const HEAD: &str = "附件：\n东疆重点任务清单和责任分工表\n\t序号\n\t工作任务\n\t滨海新区\n责任单位\n\t东疆\n责任单位\n\n";

/// Display width of `text` as the renderer draws it.
fn width(text: &str) -> usize {
    text.chars()
        .map(|c| match c {
            '\t' => TAB_WIDTH,
            c => c.width().unwrap_or(0),
        })
        .sum()
}

/// Where a span is drawn: the line of markers under a source line, from
/// the column where the source text starts (after `NN | `) on.
struct Drawn<'r> {
    markers: &'r str,
}

/// Finds the source line `line` (1-based) in a rendered report and the
/// marker line right under it.
fn drawn(rendered: &str, line: usize) -> Drawn<'_> {
    let lines: Vec<&str> = rendered.lines().collect();
    let prefix = format!("{line} |");
    let at = lines
        .iter()
        .position(|l| l.trim_start().starts_with(&prefix))
        .unwrap_or_else(|| panic!("line {line} is not shown in\n{rendered}"));
    let source = lines[at];
    // The gutter is ASCII: `  12 | `.
    let gutter = source.find('|').unwrap() + 2;
    let markers = lines[at + 1];
    assert!(
        markers.len() > gutter && markers[..gutter].trim_end().ends_with('|'),
        "no marker line under line {line}:\n{rendered}"
    );
    Drawn {
        markers: &markers[gutter..],
    }
}

/// The markers `c` (such as `^`) under a line: the display column of the
/// first and how many there are in that run.
fn run_of(markers: &str, c: char) -> (usize, usize) {
    // The marker line is ASCII, so bytes are columns.
    let first = markers
        .find(c)
        .unwrap_or_else(|| panic!("no `{c}` in {markers:?}"));
    let count = markers[first..].chars().take_while(|&m| m == c).count();
    (first, count)
}

/// Checks that the primary span of `d`, which lies on one line, is drawn
/// with its first `^` under its first character and as many `^` as it is
/// wide (one for an empty span). Returns the report.
fn assert_carets(path: &str, text: &str, d: &Diagnostic) -> String {
    let report = Report::new(path, text);
    let rendered = report.render(d, Style::Plain);
    let (start, end) = report.locate(d.span());
    assert_eq!(start.line, end.line, "not a one-line span:\n{rendered}");
    let line_start = report.index().line_span(start.line - 1).start;
    let before = width(&text[line_start..d.span().start]);
    let spanned = width(&text[d.span().range()]).max(1);
    let shown = drawn(&rendered, start.line);
    let (first, count) = run_of(shown.markers, '^');
    assert_eq!(
        (first, count),
        (before, spanned),
        "carets of {} at {}:{} misplaced:\n{rendered}",
        d.code(),
        start.line,
        start.column
    );
    rendered
}

fn only(text: &str, code: &str) -> Diagnostic {
    let parsed = fengong::parse_tolerant(text);
    let codes: Vec<_> = parsed
        .diagnostics
        .iter()
        .map(|d| d.code().as_str())
        .collect();
    assert_eq!(codes, [code], "{text:?}");
    parsed.diagnostics.into_iter().next().unwrap()
}

#[test]
fn caret_under_a_numeral_after_a_tab_and_chinese_text() {
    let text = format!(
        "{HEAD}\t（一）加大援企稳岗力度\n\t1\n\t继续阶段性降低本市失业保险缴费费率。\n\t区人社局\n\t人社局\n\n\t （二十十）推进就业服务全覆盖\n"
    );
    let d = only(&text, "E007");
    assert_eq!(&text[d.span().range()], "二十十");
    let rendered = assert_carets("tasks.txt", &text, &d);
    // Tab (4) + space (1) + `（` (2): the carets start at column 7 and
    // cover three characters of width 2.
    let shown = drawn(&rendered, 16);
    assert_eq!(run_of(shown.markers, '^'), (7, 6));
    assert!(rendered.contains("--> tasks.txt:16:4\n"), "{rendered}");
    assert!(
        rendered.contains("16 |      （二十十）推进就业服务全覆盖\n"),
        "{rendered}"
    );
    assert!(
        rendered.contains("   |        ^^^^^^ this is not a Chinese numeral\n"),
        "{rendered}"
    );
}

#[test]
fn caret_under_a_task_number_cell() {
    let text = format!(
        "{HEAD}\t（一）加大援企稳岗力度\n\t　１２\n\t继续阶段性降低本市失业保险缴费费率。\n\t区人社局\n\t人社局\n"
    );
    let d = only(&text, "W021");
    // The span is the cell's text without its tab and ideographic space.
    assert_eq!(&text[d.span().range()], "１２");
    let rendered = assert_carets("tasks.txt", &text, &d);
    // Tab (4) + `　` (2), then two full-width digits of width 2.
    assert_eq!(run_of(drawn(&rendered, 11).markers, '^'), (6, 4));
}

#[test]
fn number_of_carets_is_the_display_width_of_the_span() {
    // Spans of ASCII, CJK and mixed text, each checked by `assert_carets`
    // against the widths computed here.
    let cases = [
        (
            format!("{HEAD}\t（一）类\n\t12a\n\t文本\n\t甲\n\t乙\n"),
            "E010",
            3,
        ),
        (
            format!("{HEAD}\t（一）类\n\t第十二\n\t文本\n\t甲\n\t乙\n"),
            "E010",
            6,
        ),
        (
            format!("{HEAD}\t（一）类\n\t12号a\n\t文本\n\t甲\n\t乙\n"),
            "E010",
            5,
        ),
        (
            format!("{HEAD}\t（一）类\n\t99999999999\n\t文本\n\t甲\n\t乙\n"),
            "E011",
            11,
        ),
        (format!("{HEAD}\t（一）类\n\n第 3 页\n"), "E006", 7),
        (format!("{HEAD}\t（一）类\n\t（二）\n"), "E009", 6),
    ];
    for (text, code, expected) in &cases {
        let d = only(text, code);
        assert_eq!(width(&text[d.span().range()]), *expected, "{text:?}");
        let rendered = assert_carets("t.txt", text, &d);
        let (start, _) = Report::new("t.txt", text).locate(d.span());
        assert_eq!(
            run_of(drawn(&rendered, start.line).markers, '^').1,
            *expected,
            "{rendered}"
        );
    }
}

#[test]
fn empty_span_gets_one_caret_just_after_the_text() {
    // A task row without its local units: the span is empty, at the end of
    // the last cell's text.
    let text = format!("{HEAD}\t（一）类\n\t7\n\t文本\n\t区人社局、区财政局\n\n");
    let d = only(&text, "E012");
    assert!(d.span().is_empty());
    let rendered = assert_carets("t.txt", &text, &d);
    // Tab (4) + nine characters of width 2.
    assert_eq!(run_of(drawn(&rendered, 13).markers, '^'), (22, 1));
}

#[test]
fn secondary_label_is_drawn_with_dashes_under_its_span() {
    let text = format!("{HEAD}\t（一）类\n\t17\n\t支持社会力量发展普惠托育服务。\n\t区卫健委\n\n");
    let d = only(&text, "E012");
    let [secondary] = d.secondary() else {
        panic!("{d:?}")
    };
    assert_eq!(&text[secondary.span.range()], "17");
    assert_eq!(secondary.message, "task 17 starts here");
    let rendered = assert_carets("t.txt", &text, &d);
    // `17` on line 11 after the tab: two dashes at column 4, with the label.
    let shown = drawn(&rendered, 11);
    assert_eq!(run_of(shown.markers, '-'), (4, 2));
    assert!(
        shown.markers.ends_with("-- task 17 starts here"),
        "{rendered}"
    );
    // The primary label under line 13, just after `区卫健委`.
    let shown = drawn(&rendered, 13);
    assert_eq!(run_of(shown.markers, '^'), (12, 1));
    assert!(shown.markers.ends_with("^ task 17 has 3 of its 4 cells"));
    // Line 12 lies between them and is shown too.
    assert!(rendered.contains("12 |     支持社会力量发展普惠托育服务。\n"));
}

#[test]
fn secondary_label_on_the_same_line_as_the_primary() {
    let text = "\t（二十十）类别\n";
    let numeral = text.find("二十十").unwrap();
    let open = text.find('（').unwrap();
    let d = Diagnostic::new(
        Code::InvalidNumeral,
        Span::new(numeral, numeral + "二十十".len()),
        "expected a Chinese numeral, found `二十十`",
    )
    .with_label("not a numeral")
    .with_secondary(
        Span::new(open, open + '（'.len_utf8()),
        "heading opened here",
    );
    let rendered = assert_carets("x.txt", text, &d);
    let shown = drawn(&rendered, 1);
    assert_eq!(run_of(shown.markers, '-'), (4, 2));
    assert_eq!(run_of(shown.markers, '^'), (6, 6));
    assert!(rendered.contains("not a numeral"), "{rendered}");
    assert!(rendered.contains("heading opened here"), "{rendered}");
}

#[test]
fn notes_and_help_follow_the_snippet() {
    let text = "\t（二十十）类别\n";
    let d = Diagnostic::new(Code::InvalidNumeral, Span::new(4, 13), "a message")
        .with_note("a note")
        .with_help("a help");
    let rendered = Report::new("x.txt", text).render(&d, Style::Plain);
    assert_eq!(
        rendered,
        "error[E007]: a message\n --> x.txt:1:3\n  |\n1 |     （二十十）类别\n  |       ^^^^^^\n  |\n  = note: a note\n  = help: a help"
    );
}

#[test]
fn colour_only_when_asked() {
    let text = format!("{HEAD}\t（一）类\n\t二十\n\t文本\n\t甲\n\t乙\n");
    let d = only(&text, "E010");
    let report = Report::new("t.txt", &text);
    assert!(!report.render(&d, Style::Plain).contains('\u{1b}'));
    let coloured = report.render(&d, Style::Color);
    assert!(coloured.contains("\u{1b}["), "{coloured:?}");
    // Without its escape codes, the coloured report is the plain one.
    let mut stripped = String::new();
    let mut chars = coloured.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            stripped.push(c);
        }
    }
    assert_eq!(stripped, report.render(&d, Style::Plain));
}

#[test]
fn crlf_lines_render_without_carriage_returns() {
    let text = format!("{HEAD}\t（一）类\n\t1\n\t文本\n\t甲\n\t乙\n\n\t（二二）类\n")
        .replace('\n', "\r\n");
    let d = only(&text, "E007");
    let rendered = assert_carets("t.txt", &text, &d);
    assert!(
        !rendered.contains('\r') && !rendered.contains('␍'),
        "{rendered:?}"
    );
    // An excerpt of several lines (the task's number, text and units).
    let text = format!("{HEAD}\t（一）类\n\t1\n\t文本\n\t区甲\n\n").replace('\n', "\r\n");
    let d = only(&text, "E012");
    let rendered = assert_carets("t.txt", &text, &d);
    assert!(
        !rendered.contains('\r') && !rendered.contains('␍'),
        "{rendered:?}"
    );
    assert!(
        rendered.contains("\n12 |     文本\n13 |     区甲\n"),
        "{rendered}"
    );
}

#[test]
fn spans_across_lines_are_drawn_from_first_to_last_character() {
    // A header of two cells spans three lines; the report marks them all
    // and ends under the last character of `责任单位`, not on the next line.
    let text = "附件：\n标题\n\t序号\n\t滨海新区\n责任单位\n\n\t（一）类\n";
    let d = only(text, "E005");
    let report = Report::new("t.txt", text);
    let (start, end) = report.locate(d.span());
    assert_eq!((start.line, start.column), (3, 1));
    assert_eq!((end.line, end.column), (5, 5));
    let rendered = report.render(&d, Style::Plain);
    assert!(!rendered.contains("6 |"), "{rendered}");
    // The closing marker `|___^` ends under `位`: on its last column, as
    // annotate-snippets ends multi-line spans (the `| ` margin is 2 wide).
    let last = rendered
        .lines()
        .find(|l| l.contains("|_"))
        .unwrap_or_else(|| panic!("{rendered}"));
    let margin = last.find("|_").unwrap();
    let caret = last.find('^').unwrap() - margin;
    assert_eq!(caret, 2 + width("责任单位") - 1, "{rendered}");
}

#[test]
fn carets_line_up_in_every_fixture() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/invalid");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let Ok(decoded) = fengong::source::decode(&bytes) else {
            continue;
        };
        let text = decoded.text();
        let report = Report::new("f.txt", text);
        for d in fengong::parse_tolerant(text).diagnostics {
            let (start, end) = report.locate(d.span());
            if start.line == end.line {
                assert_carets("f.txt", text, &d);
                checked += 1;
            }
        }
    }
    assert!(checked >= 18, "only {checked} one-line diagnostics checked");
}
