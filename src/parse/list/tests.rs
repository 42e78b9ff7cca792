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

/// The clause search as it read characters before it read bytes: the
/// unclosed clause after the last opening bracket with no closing one after
/// it, the unbracketed one after the first sentence end that a role label
/// follows.
fn find_clause_by_chars(content: &str) -> Option<(usize, usize, bool)> {
    use crate::clause;
    use crate::column::Role;
    use crate::lex::is_space;
    let trimmed =
        content.trim_end_matches(|c: char| is_space(c) || matches!(c, '。' | '；' | ';' | '.'));
    if last_group(trimmed).is_some() {
        return find_clause(content, 0).map(|c| (c.inner_start, c.inner_end, c.closed));
    }
    if let Some((i, c)) = content
        .char_indices()
        .rev()
        .find(|&(_, c)| OPENERS.contains(&c))
    {
        let inner = &content[i + c.len_utf8()..];
        if i > 0
            && (clause::starts_with_label(inner).is_some() || names_role(inner))
            && !inner.chars().any(|c| CLOSERS.contains(&c))
        {
            let end = i + c.len_utf8() + inner.trim_end_matches(is_space).len();
            return Some((i + c.len_utf8(), end, false));
        }
    }
    for (i, c) in trimmed.char_indices() {
        if !matches!(c, '。' | '；' | ';') {
            continue;
        }
        let after = &trimmed[i + c.len_utf8()..];
        let at = i + c.len_utf8() + (after.len() - after.trim_start_matches(is_space).len());
        if clause::starts_with_label(&trimmed[at..])
            .is_some_and(|(r, _)| matches!(r, Role::Units(_) | Role::Leaders))
        {
            return Some((at, trimmed.len(), true));
        }
    }
    None
}

proptest::proptest! {
    #[test]
    fn the_byte_search_finds_what_the_char_search_found(
        pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "文", "（", "）", "(", ")", "[", "]", "〔", "〕", "【", "】", "［", "］",
                "。", "；", ";", "、", "，", "：", " ", "　", "牵头单位：", "配合单位:",
                "责任领导：", "甲", "乙局", "6月底前", "负责", "ａ", "é",
            ]),
            0..24,
        )
    ) {
        let line: String = pieces.concat();
        let found = find_clause(&line, 0).map(|c| (c.inner_start, c.inner_end, c.closed));
        proptest::prop_assert_eq!(found, find_clause_by_chars(&line), "{:?}", line);
    }
}
