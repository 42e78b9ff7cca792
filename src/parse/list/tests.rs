//! Unit tests of the list reader's lines and clauses.
use super::line::*;

#[test]
fn task_numbers() {
    assert_eq!(task_number("1.努力"), Some((Some(1), 2, false)));
    assert_eq!(task_number("12、文"), Some((Some(12), 5, false)));
    assert_eq!(task_number("３。文"), Some((Some(3), 6, false)));
    assert_eq!(task_number("11.121人才"), Some((Some(11), 3, true)));
    assert_eq!(task_number("2023年"), None);
    assert_eq!(task_number("1."), None);
}

#[test]
fn clauses_at_the_end_of_a_line() {
    let line = "1.文（含说明）。（牵头单位：甲；配合单位：乙）";
    let c = find_clause(line, 0).unwrap();
    assert_eq!(
        &line[c.inner_start..c.inner_end],
        "牵头单位：甲；配合单位：乙"
    );
    assert!(c.closed);
    let line = "文(市政府各部门分别负责,年内持续推进)";
    let c = find_clause(line, 0).unwrap();
    assert_eq!(
        &line[c.inner_start..c.inner_end],
        "市政府各部门分别负责,年内持续推进"
    );
    assert!(find_clause("文（含说明）", 0).is_none());
    let line = "文（牵头单位：甲，配合单位：乙";
    let c = find_clause(line, 0).unwrap();
    assert!(!c.closed);
    assert_eq!(
        &line[c.inner_start..c.inner_end],
        "牵头单位：甲，配合单位：乙"
    );
    let line = "2.文。〔牵头单位:甲;责任单位:乙〕";
    assert!(find_clause(line, 0).is_some());
}

#[test]
fn clauses_found_by_their_bytes() {
    // Without brackets, after the last sentence; a `；` inside the clause
    // does not start another.
    let line = "3.做好工作。牵头单位：甲；配合单位：乙";
    let c = find_clause(line, 0).unwrap();
    assert_eq!(
        &line[c.inner_start..c.inner_end],
        "牵头单位：甲；配合单位：乙"
    );
    // A sentence end followed by other text is not a clause.
    assert!(find_clause("3.做好工作。加强协调；狠抓落实。", 0).is_none());
    // An unclosed clause opened by any opening bracket, ASCII or not.
    for open in ['(', '[', '〔', '【', '［'] {
        let line = format!("4.文{open}牵头单位：甲");
        let c = find_clause(&line, 0).unwrap_or_else(|| panic!("{line}"));
        assert!(!c.closed);
        assert_eq!(&line[c.inner_start..c.inner_end], "牵头单位：甲");
    }
    // A bracket closed after the opener: not an unclosed clause.
    assert!(find_clause("4.文（牵头单位：甲）文字", 0).is_none());
    // Bytes of other characters sharing a lead byte (`、` E3 80 81, `，`
    // EF BC 8C) are not marks.
    assert!(find_clause("5.甲、乙，丙", 0).is_none());
}
