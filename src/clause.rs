//! Unit lists and role clauses: who leads, supports and answers for a task.
//!
//! A unit list is read in groups and names. Groups are separated by `，`,
//! `,`, `；` and `;` outside brackets; within a group, names are separated by
//! `、` (and by the connectors `及`, `以及`, `和` before `各`, `有关`, `相关`,
//! `其他`). Brackets belong to the name (`各县(市、区)政府(管委会)`).
//!
//! A group can say its role itself:
//!
//! - with a label: `牵头单位：X`, `配合单位:Y`, `责任领导：A`, `完成时限：6月底`;
//! - with a role word at its end: `X牵头`, `Y、Z配合`, `…按职责分工负责`,
//!   `(A、B负责)`, or in brackets after a name: `X（牵头）`;
//!
//! and a group that says nothing takes the role of what came before it in
//! the same field, or the list's own role (a table column's, or
//! `responsible` for a clause). A trailing `等` leaves the name (it stays in
//! the text). In a role clause of a list document, a last group that reads
//! as a date or a period (`6月底完成`, `年内持续推进`) is the deadline, and
//! `列第一位者为牵头单位` states that the first unit listed leads.
//!
//! Reading is one pass over the characters that matter (brackets and
//! separators); every other character is skipped whole.

use std::borrow::Cow;

use crate::column::{ends_with_folded, fold, fold_into, Role, UnitRole};
use crate::grammar::{clean_joined, Seg};
use crate::lex::is_space;
// The one set of brackets of the crate, which the unit lists of every
// layout and the lint rules share.
use crate::scan::paren_delta;
use crate::span::Span;

/// What a unit list holds, item by item, in text order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Item<'a> {
    /// A unit of a role.
    Unit(UnitRole, Cow<'a, str>, Span),
    /// A leader in charge.
    Leader(Cow<'a, str>, Span),
    /// A deadline, as written.
    Deadline(Cow<'a, str>, Span),
    /// Remarks, as written.
    Remarks(Cow<'a, str>, Span),
    /// `列第一位者为牵头单位`: the first unit listed leads.
    FirstListedLeads(Span),
    /// A field whose label names no role fengong knows (`联系人：…`).
    UnknownLabel(Span),
}

/// How a list is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Context {
    /// The role of names that do not say theirs.
    pub(crate) role: Role,
    /// Whether role words and labels inside the list are read (not in the
    /// two-level columns, whose units keep their level).
    pub(crate) roles_inside: bool,
    /// Whether a last group may be a deadline (role clauses of lists).
    pub(crate) deadline_last: bool,
}

impl Context {
    /// A table column of `role`.
    pub(crate) fn column(role: Role) -> Context {
        Context {
            role,
            roles_inside: !matches!(role, Role::Units(UnitRole::District | UnitRole::Local)),
            deadline_last: false,
        }
    }

    /// A role clause or label line of a list document.
    pub(crate) fn clause(role: Role) -> Context {
        Context {
            role,
            roles_inside: true,
            deadline_last: true,
        }
    }
}

/// Role words at the end of a group, with the role they give (compared
/// after folding traditional characters).
const SUFFIXES: [(&str, Option<UnitRole>); 14] = [
    ("按照职责分工负责", Some(UnitRole::Responsible)),
    ("按职责分工负责", Some(UnitRole::Responsible)),
    ("按职责分工落实", Some(UnitRole::Responsible)),
    ("按职责负责", Some(UnitRole::Responsible)),
    ("分别负责", Some(UnitRole::Responsible)),
    ("共同负责", Some(UnitRole::Responsible)),
    ("负责", Some(UnitRole::Responsible)),
    ("牵头负责", Some(UnitRole::Lead)),
    ("牵头", Some(UnitRole::Lead)),
    ("配合", Some(UnitRole::Support)),
    ("协助", Some(UnitRole::Support)),
    ("参与", Some(UnitRole::Support)),
    ("协办", Some(UnitRole::Support)),
    ("落实", None),
];

/// Phrases stating that the first unit listed leads.
const FIRST_LISTED: [&str; 4] = [
    "列第一位者为牵头单位",
    "列第一位的为牵头单位",
    "列第一位的责任单位为牵头单位",
    "排在第一位的为牵头单位",
];

/// Whether `text` states that the first unit listed leads.
pub(crate) fn states_first_listed_leads(text: &str) -> bool {
    // Every phrase holds `第一位`, the same in both scripts: fold only the
    // texts that hold it.
    if !text.contains('第') || !text.contains("第一位") {
        return false;
    }
    let folded: String = text.chars().map(fold).collect();
    FIRST_LISTED.iter().any(|p| folded.contains(p)) || folded.contains("第一位的责任单位为牵头")
}

/// The role a group ends with, and the byte length of the role words.
fn role_suffix(group: &str) -> Option<(Option<UnitRole>, usize)> {
    // Quick reject: every role word ends in one of these (folded).
    let last = group.chars().next_back().map(fold)?;
    if !matches!(last, '责' | '实' | '头' | '合' | '助' | '与' | '办') {
        return None;
    }
    SUFFIXES
        .iter()
        .find_map(|(word, role)| ends_with_folded(group, word).map(|n| (*role, n)))
}

/// The label a group starts with (`牵头单位：`), its role, and the byte
/// length of the label and its colon. Only a short label followed by a
/// colon counts. Artifacts inside the label (`分管[bookmark: x]领导：`) are
/// passed over: they count in the length, not in the label's characters.
pub(crate) fn label_prefix(group: &str) -> Option<(Role, usize)> {
    // The colon among the first 12 characters (artifacts passed over). A
    // line break or a separator of units or groups ends the search: a label
    // holds none (`清单;→~→→责任单位：` is no label).
    let (mut at, mut chars, mut artifacts) = (0, 0, false);
    let colon = loop {
        let c = group.get(at..)?.chars().next()?;
        if crate::grammar::may_start_artifact(c) {
            if let Some(end) = artifact_end(group, at) {
                at = end;
                artifacts = true;
                continue;
            }
        }
        if chars == 12 || matches!(c, '\n' | '\r' | '、') || is_group_separator(c) {
            return None;
        }
        if matches!(c, ':' | '：') {
            break (at, c);
        }
        at += c.len_utf8();
        chars += 1;
    };
    // The label's characters, without its artifacts (at most 12
    // characters of at most 4 bytes).
    let mut buf = [0u8; 48];
    let label = if artifacts {
        let bytes = group.as_bytes();
        let mut n = 0;
        let mut from = 0;
        while from < colon.0 {
            if let Some(end) = artifact_end(group, from) {
                from = end;
                continue;
            }
            let len = utf8_len(bytes[from]);
            let piece = bytes.get(from..from + len)?;
            buf.get_mut(n..n + len)?.copy_from_slice(piece);
            n += len;
            from += len;
        }
        std::str::from_utf8(&buf[..n]).ok()?
    } else {
        &group[..colon.0]
    };
    let label = label.trim_matches(is_space);
    if label.is_empty() {
        return None;
    }
    let role = match Role::of_label(label) {
        Role::Other => {
            if ends_with_folded(label, "分工").is_some() {
                // `部门分工：X牵头，Y配合`: roles from role words.
                Role::Units(UnitRole::Responsible)
            } else {
                Role::Other
            }
        }
        role => role,
    };
    Some((role, colon.0 + colon.1.len_utf8()))
}

/// Where the closed artifact starting at `at` in `text` ends (after its
/// `]`), if one starts there.
fn artifact_end(text: &str, at: usize) -> Option<usize> {
    match crate::grammar::artifact_at(text.as_bytes().get(at..)?)? {
        (len, true) => Some(at + len),
        (_, false) => None,
    }
}

/// The length of the UTF-8 character that `lead` starts (1 for a byte
/// that starts none, which `&str` never holds at a character's start).
const fn utf8_len(lead: u8) -> usize {
    match lead {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

/// Whether a group reads as a deadline: a date or a period, not a unit.
pub(crate) fn looks_like_deadline(group: &str) -> bool {
    // Folding changes neither white space nor `。`, nor the number of
    // characters: trim and measure first, then fold on the stack.
    let g = group.trim_matches(|c: char| is_space(c) || c == '。');
    if g.is_empty() || g.len() > 40 * 4 || g.chars().count() > 40 {
        return false;
    }
    let mut buf = [0u8; 40 * 4];
    let Some(g) = fold_into(g, &mut buf) else {
        return false;
    };
    if ends_like_body(g) {
        return false;
    }
    const TIME_WORDS: [&str; 16] = [
        "年底",
        "年内",
        "月底",
        "月前",
        "日前",
        "年前",
        "季度",
        "长期",
        "持续",
        "常态",
        "见成效",
        "前完成",
        "每月",
        "每年",
        "每季",
        "年度",
    ];
    TIME_WORDS.iter().any(|w| g.contains(w))
        || (g.contains('月') && g.chars().any(|c| c.is_ascii_digit() || c.is_numeric()))
        || (g.contains('年') && g.chars().next().is_some_and(|c| c.is_ascii_digit()))
}

/// Separators between groups.
fn is_group_separator(c: char) -> bool {
    matches!(c, '，' | ',' | '；' | ';')
}

/// For each first byte of a character: 0 if the character may be one the
/// reader looks at (ASCII brackets, separators and white space, and the lead
/// bytes `E3` (`、【】〔〕《》`, the ideographic space), `EF` (`（）［］，；｛｝`), `E5` (`及和`) and `E4` (`以`)),
/// else the character's length in bytes, to skip it.
static SKIP: [u8; 256] = crate::grammar::skip_table(&[
    b'(', b')', b'[', b']', b'{', b'}', b',', b';', b' ', b'\t', 0xE3, 0xEF, 0xE5, 0xE4,
]);

/// The last characters of a body's name (`市发改委`, `區政府辦`), in the
/// simplified and the traditional forms.
const BODY_ENDS: &[&str] = &[
    "局", "委", "办", "厅", "部", "院", "会", "中心", "政府", "公司", "单位", "部门", "处", "室",
    "队", "所", "站", "行", "社", "团", "组", "司", "科", "馆", "校", "园", "集团", "辦", "廳",
    "會", "處", "隊", "團", "組", "館", "園", "單位", "部門", "集團",
];

/// The last characters of a place's name (`滨海新区`, `某某街道`).
const PLACE_ENDS: &[&str] = &["街道", "镇", "乡", "区", "县", "市", "鎮", "鄉", "區", "縣"];

/// Whether `name` ends as a body's name does (`局`, `委`, `中心`…): a unit,
/// not a place.
pub(crate) fn ends_like_body(name: &str) -> bool {
    BODY_ENDS.iter().any(|e| name.ends_with(e))
}

/// Whether a line break between `text[..prev_end]` and `text[next..]`
/// separates two unit names: the line before ends with what ends a name
/// (a body's, a place's, or a closing bracket), and the next does not
/// start with a bracket or separator closing it.
pub(crate) fn unit_break(text: &str, prev_end: usize, next: usize) -> bool {
    let before = text.get(..prev_end).unwrap_or("");
    let after = text.get(next..).unwrap_or("");
    (ends_like_body(before)
        || PLACE_ENDS.iter().any(|e| before.ends_with(e))
        || before.ends_with(['）', ')']))
        && !after.starts_with(['）', ')', '、', '，', ',', '；', ';', '（', '('])
}

/// The runs of white space that separate two unit names in a unit list
/// (its clean segments `segs`), as `、` would: `市发改委 市财政局`,
/// `市统计局　市商务局`. Into `out`, cleared first, in order.
///
/// A run of spaces and ideographic spaces, outside brackets and inside a
/// line, separates names when the name before it ends as a body's name
/// does ([`ends_like_body`], or with a closing bracket: `市交通委（市道运局）
/// 市公安局`) and what follows starts another: a Chinese character that
/// starts no role word (`市发改委 牵头`), connector (`和`), label (`配合单位：`),
/// `等` or deadline (`年底前`). Any other white space inside a name stays
/// part of it (`合 肥`, a name spaced out to a width). The list is read as
/// its segments joined, as its values are, so that deleting an artifact or
/// a stray separator never makes or unmakes a break.
pub(crate) fn space_breaks(text: &str, segs: &[Seg], out: &mut Vec<Span>) {
    out.clear();
    let mut depth: u32 = 0;
    // The current name's characters read so far, and its last two.
    let mut chars = 0usize;
    let mut tail = ['\0'; 2];
    // A run of white space being read: its span (the part in one segment)
    // and whether it may separate names (only spaces and ideographic
    // spaces, after a whole name).
    let mut run: Option<(Span, bool)> = None;
    for (k, seg) in segs.iter().enumerate() {
        if seg.new_line {
            run = None; // a line's end: unit_break's
        }
        let Some(piece) = text.get(seg.start..seg.end) else {
            continue;
        };
        for (i, c) in piece.char_indices() {
            let at = seg.start + i;
            if is_space(c) {
                if depth == 0 {
                    let breaks = c == ' ' || c == '\u{3000}';
                    match &mut run {
                        Some((span, ok)) => {
                            if span.end == at {
                                span.end = at + c.len_utf8();
                            }
                            *ok &= breaks;
                        }
                        None => {
                            let ok = breaks && chars >= 2 && ends_a_name(tail);
                            run = Some((Span::new(at, at + c.len_utf8()), ok));
                        }
                    }
                }
                continue;
            }
            if let Some((span, true)) = run.take() {
                if starts_a_name(text, &segs[k..], at) {
                    out.push(span);
                    chars = 0;
                    tail = ['\0'; 2];
                }
            }
            run = None;
            match paren_delta(c) {
                1 => depth = depth.saturating_add(1),
                -1 => depth = depth.saturating_sub(1),
                _ if depth == 0 && crate::scan::is_unit_separator(c) => {
                    chars = 0;
                    tail = ['\0'; 2];
                    continue;
                }
                _ => {}
            }
            chars += 1;
            tail = [tail[1], c];
        }
    }
}

/// Whether a name whose last two characters are `tail` is whole: it ends
/// as a body's name does, or with a closing bracket.
fn ends_a_name(tail: [char; 2]) -> bool {
    if matches!(tail[1], '）' | ')') {
        return true;
    }
    let mut buf = [0u8; 8];
    let len = tail[0].encode_utf8(&mut buf).len();
    let len = len + tail[1].encode_utf8(&mut buf[len..]).len();
    std::str::from_utf8(&buf[..len]).is_ok_and(ends_like_body)
}

/// Whether the line's clean text from `at` (in the first of `segs`, read on
/// through the segments of its line) starts another unit's name: a Chinese
/// character, and no role word, connector, label, `等` or deadline.
fn starts_a_name(text: &str, segs: &[Seg], at: usize) -> bool {
    // The word that starts there, to the next white space or separator
    // (16 characters at most: enough for every word looked for).
    let mut word = String::new();
    let mut from = at;
    'segs: for (n, seg) in segs.iter().enumerate() {
        if n > 0 && seg.new_line {
            break;
        }
        for c in text.get(from.max(seg.start)..seg.end).unwrap_or("").chars() {
            if is_space(c) || crate::scan::is_unit_separator(c) || word.len() >= 16 * 4 {
                break 'segs;
            }
            word.push(c);
        }
        from = seg.end;
    }
    let Some(first) = word.chars().next() else {
        return false;
    };
    if !('\u{4e00}'..='\u{9fff}').contains(&first) || first == '等' {
        return false;
    }
    let mut buf = [0u8; 16 * 4 + 4];
    let folded = fold_into(&word, &mut buf).unwrap_or("");
    let role_word = SUFFIXES.iter().any(|(w, _)| folded.starts_with(w));
    let connector = ["和", "及", "以及", "与", "并"]
        .iter()
        .any(|w| folded.starts_with(w));
    !role_word && !connector && label_prefix(&word).is_none() && !looks_like_deadline(&word)
}

/// Connectors that separate names when what follows starts a new one.
fn connector_len(rest: &str) -> Option<usize> {
    let len = if rest.starts_with("以及") {
        "以及".len()
    } else if rest.starts_with('及') || rest.starts_with('和') {
        3
    } else {
        return None;
    };
    let after = &rest[len..];
    let starts_name = ["各", "有关", "相关", "其他", "其它"]
        .iter()
        .any(|w| after.starts_with(w))
        || (rest.starts_with('及')
            && ["市", "省", "区", "县", "全"]
                .iter()
                .any(|w| after.starts_with(w)));
    starts_name.then_some(len)
}

/// Reusable buffers of a reader.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    /// Pieces of the list, then of the group being read.
    pieces: Vec<(usize, usize)>,
    /// The groups: ranges of `pieces`.
    groups: Vec<std::ops::Range<usize>>,
    /// The pieces of one group.
    group: Vec<(usize, usize)>,
    /// The pieces of the name being read.
    name: Vec<(usize, usize)>,
    /// Each group's label, read once.
    labels: Vec<Option<(Role, usize)>>,
    /// The runs of white space between names ([`space_breaks`]).
    breaks: Vec<Span>,
}

/// Reads the unit list in `segs` (pieces of `text`; a cell's lines join
/// with nothing) and calls `emit` with each item.
pub(crate) fn read<'a>(
    text: &'a str,
    segs: &[Seg],
    cx: Context,
    scratch: &mut Scratch,
    mut emit: impl FnMut(Item<'a>),
) {
    if !cx.roles_inside {
        // The two levels of the seed's layout: names only, the fast path.
        let role = match cx.role {
            Role::Units(role) => role,
            _ => UnitRole::Responsible,
        };
        crate::grammar::units(text, segs, &mut scratch.pieces, |name, span| {
            emit(Item::Unit(role, name, span));
        });
        return;
    }
    // Split into groups at group separators outside brackets. White space
    // outside them may separate names: the breaks are read if there is any.
    let mut spaced = false;
    let bytes = text.as_bytes();
    let mut depth: u32 = 0;
    let mut pieces = std::mem::take(&mut scratch.pieces);
    let mut groups = std::mem::take(&mut scratch.groups);
    pieces.clear();
    groups.clear();
    let mut group_start = 0;
    for seg in segs {
        // One name per line of the cell: each line a group of its own
        // (as if a `，` ended the line before).
        if seg.new_line && depth == 0 && pieces.len() > group_start {
            if let Some(&(_, prev)) = pieces.last() {
                if unit_break(text, prev, seg.start) {
                    groups.push(group_start..pieces.len());
                    group_start = pieces.len();
                }
            }
        }
        let mut start = seg.start;
        let mut at = seg.start;
        while at < seg.end {
            let skip = SKIP[usize::from(bytes[at])];
            if skip != 0 {
                at += usize::from(skip);
                continue;
            }
            let Some(c) = text.get(at..seg.end).and_then(|s| s.chars().next()) else {
                break;
            };
            let delta = paren_delta(c);
            if delta > 0 {
                depth = depth.saturating_add(1);
            } else if delta < 0 {
                depth = depth.saturating_sub(1);
            } else if depth == 0 && is_group_separator(c) {
                if at > start {
                    pieces.push((start, at));
                }
                groups.push(group_start..pieces.len());
                group_start = pieces.len();
                start = at + c.len_utf8();
            } else if depth == 0 && is_space(c) {
                spaced = true;
                // White space before a role's label separates its field
                // (`牵头单位：市交通局  配合单位：市公安局`).
                let rest = &text[at..seg.end];
                let after = rest.trim_start_matches(is_space);
                let labeled = starts_with_label(after).is_some();
                let run = rest.len() - after.len();
                if labeled && at > start {
                    pieces.push((start, at));
                    groups.push(group_start..pieces.len());
                    group_start = pieces.len();
                    start = at + run;
                }
                // The run read once, whatever follows it.
                at += run;
                continue;
            }
            at += c.len_utf8();
        }
        if seg.end > start {
            pieces.push((start, seg.end));
        }
    }
    groups.push(group_start..pieces.len());
    if spaced {
        space_breaks(text, segs, &mut scratch.breaks);
    } else {
        scratch.breaks.clear();
    }
    // The text of a run of groups, separators included when it is one
    // piece of the source.
    let run_value = |groups: &[std::ops::Range<usize>]| -> Option<(Cow<'a, str>, Span)> {
        let first = groups.first()?;
        let last = groups.last()?;
        let start = pieces.get(first.start)?.0;
        let end = pieces.get(last.end.checked_sub(1)?)?.1;
        let raw = text.get(start..end)?;
        let trimmed = raw.trim_matches(|c: char| is_space(c) || c == '。');
        let lead = raw.len()
            - raw
                .trim_start_matches(|c: char| is_space(c) || c == '。')
                .len();
        let span = Span::new(start + lead, start + lead + trimmed.len());
        if trimmed.is_empty() {
            None
        } else if !trimmed.contains(['\n', '\r']) {
            Some((Cow::Borrowed(trimmed), span))
        } else {
            let joined: Vec<&str> = groups
                .iter()
                .flat_map(|g| {
                    pieces[g.clone()]
                        .iter()
                        .map(|&(a, b)| text[a..b].trim_matches(is_space))
                })
                .filter(|p| !p.is_empty())
                .collect();
            Some((Cow::Owned(joined.join("，")), span))
        }
    };
    let group_text = |g: &std::ops::Range<usize>| -> String {
        pieces[g.clone()]
            .iter()
            .map(|&(a, b)| &text[a..b])
            .collect()
    };
    let label_of = |g: &std::ops::Range<usize>| -> Option<(Role, usize)> {
        // To the group's end: an artifact can split the label's pieces.
        let &(s, _) = pieces.get(g.start)?;
        let &(_, e) = pieces.get(g.end.checked_sub(1)?.max(g.start))?;
        let head = text.get(s..e)?.trim_start_matches(is_space);
        label_prefix(head).filter(|(r, _)| *r != Role::Other || cx.deadline_last)
    };
    let mut labels = std::mem::take(&mut scratch.labels);
    labels.clear();
    labels.extend(groups.iter().map(label_of));
    // A clause's trailing groups that read as dates: its deadline. Not
    // after a labeled deadline or remarks field, which takes the groups up
    // to the next label (`完成时限：6月;年底`: one deadline, not `年底`
    // alone).
    let mut deadline_from = groups.len();
    let field_to_end = labels
        .iter()
        .rev()
        .find_map(|l| l.map(|(role, _)| role))
        .is_some_and(|role| matches!(role, Role::Deadline | Role::Remarks));
    if cx.deadline_last && !field_to_end {
        while deadline_from > 1 {
            let g = &groups[deadline_from - 1];
            if labels[deadline_from - 1].is_none() && looks_like_deadline(&group_text(g)) {
                deadline_from -= 1;
            } else {
                break;
            }
        }
    }
    let mut field_role = cx.role;
    let count = groups.len();
    let mut k = 0;
    while k < count {
        if k == deadline_from {
            if let Some((v, span)) = run_value(&groups[k..]) {
                emit(Item::Deadline(v, span));
            }
            break;
        }
        // A deadline or remarks field takes the groups up to the next label.
        if let Some((role @ (Role::Deadline | Role::Remarks), len)) = labels[k] {
            let mut m = k + 1;
            while m < deadline_from.min(count) && labels[m].is_none() {
                m += 1;
            }
            let (s, _) = pieces[groups[k].start];
            let skip = text[s..].len() - text[s..].trim_start_matches(is_space).len() + len;
            let mut run = groups[k..m].to_vec();
            let mut first_pieces = pieces[run[0].clone()].to_vec();
            if let Some(p) = first_pieces.first_mut() {
                p.0 = (s + skip).min(p.1);
            }
            // Read the run with the label cut off.
            let value = {
                let start = first_pieces.first().map_or(s, |p| p.0);
                let end = pieces[run[run.len() - 1].end - 1].1;
                let raw = &text[start.min(end)..end];
                let trimmed = raw.trim_matches(|c: char| is_space(c) || c == '。');
                let lead = raw.len()
                    - raw
                        .trim_start_matches(|c: char| is_space(c) || c == '。')
                        .len();
                let value = crate::grammar::clean_written(trimmed);
                (!value.is_empty())
                    .then(|| (value, Span::new(start + lead, start + lead + trimmed.len())))
            };
            run.clear();
            if let Some((v, span)) = value {
                emit(if role == Role::Deadline {
                    Item::Deadline(v, span)
                } else {
                    Item::Remarks(v, span)
                });
            }
            field_role = role;
            k = m;
            continue;
        }
        scratch.group.clear();
        scratch.group.extend_from_slice(&pieces[groups[k].clone()]);
        read_group(text, cx, labels[k], &mut field_role, scratch, &mut emit);
        k += 1;
    }
    scratch.pieces = pieces;
    scratch.groups = groups;
    scratch.labels = labels;
}

/// Trims a list of pieces: white space at both ends, across pieces.
fn trim_pieces(text: &str, pieces: &mut Vec<(usize, usize)>) {
    let mut lo = 0;
    while let Some(&(s, e)) = pieces.get(lo) {
        let trimmed = text[s..e].trim_start_matches(is_space);
        if trimmed.is_empty() {
            lo += 1;
        } else {
            pieces[lo].0 = e - trimmed.len();
            break;
        }
    }
    pieces.drain(..lo);
    while let Some(&(s, e)) = pieces.last() {
        let trimmed = text[s..e].trim_end_matches(is_space);
        if trimmed.is_empty() {
            pieces.pop();
        } else if let Some(last) = pieces.last_mut() {
            last.1 = s + trimmed.len();
            break;
        }
    }
}

/// The value of pieces: borrowed if one piece, else joined and cleaned.
fn value<'a>(text: &'a str, pieces: &[(usize, usize)]) -> Option<(Cow<'a, str>, Span)> {
    let (&(s, _), &(_, e)) = (pieces.first()?, pieces.last()?);
    let name = if pieces.len() == 1 {
        Cow::Borrowed(&text[s..e])
    } else {
        Cow::Owned(clean_joined(
            pieces.iter().map(|&(a, b)| &text[a..b]).collect(),
        ))
    };
    (!name.is_empty()).then_some((name, Span::new(s, e)))
}

/// Reads one group (its pieces in `scratch.group`), whose first piece
/// starts with `first_label` (as [`read`] read it, `None` if none).
fn read_group<'a>(
    text: &'a str,
    cx: Context,
    first_label: Option<(Role, usize)>,
    field_role: &mut Role,
    scratch: &mut Scratch,
    emit: &mut impl FnMut(Item<'a>),
) {
    let pieces = &mut scratch.group;
    // `first_label` is the label read from the first piece: still the one
    // at the start if trimming keeps that piece.
    let first_end = pieces.first().map(|p| p.1);
    trim_pieces(text, pieces);
    let Some(&(gs, _)) = pieces.first() else {
        return;
    };
    let ge = pieces.last().map_or(gs, |p| p.1);
    let whole = Span::new(gs, ge);
    let mut role = *field_role;
    // A label at the start: `牵头单位：X`.
    let head = &text[gs..ge];
    // In a table cell, only a label of a known role counts (a name may
    // hold a colon); a clause of a list reports the others.
    let label = if pieces.first().map(|p| p.1) == first_end {
        first_label
    } else {
        label_prefix(head).filter(|(r, _)| *r != Role::Other || cx.deadline_last)
    };
    if let Some((label_role, len)) = label {
        if label_role == Role::Other {
            emit(Item::UnknownLabel(Span::new(gs, gs + len)));
        }
        role = label_role;
        *field_role = label_role;
        // The label can take pieces whole (`牵头[bookmark: x]单位：`).
        let to = gs + len;
        let taken = pieces.iter().take_while(|p| p.1 <= to).count();
        pieces.drain(..taken);
        if let Some(first) = pieces.first_mut() {
            first.0 = first.0.max(to);
        }
        trim_pieces(text, pieces);
    }
    let joined = || -> String { pieces.iter().map(|&(a, b)| &text[a..b]).collect() };
    if pieces.len() == 1 || text[gs..ge].contains('第') || text[gs..ge].contains('下') {
        // One piece is a slice of the text: no copy.
        let all: Cow<'_, str> = match pieces.as_slice() {
            [(a, b)] => Cow::Borrowed(&text[*a..*b]),
            _ => Cow::Owned(joined()),
        };
        if states_first_listed_leads(&all) {
            emit(Item::FirstListedLeads(whole));
            return;
        }
        if all == "下同" {
            return;
        }
    }
    if pieces.is_empty() {
        return;
    }
    match role {
        Role::Deadline | Role::Remarks => {
            if let Some((v, span)) = value(text, pieces) {
                emit(if role == Role::Deadline {
                    Item::Deadline(v, span)
                } else {
                    Item::Remarks(v, span)
                });
            }
            return;
        }
        Role::Other | Role::Number | Role::Text => return,
        Role::Units(_) | Role::Leaders => {}
    }
    // Role words at the end: `X、Y牵头`. Only after a name: before them,
    // more than separators and white space (`、牵头` reads as `牵头` does,
    // as it does once a fix deletes the stray `、`).
    if let Some(&(ls, le)) = pieces.last() {
        if let Some((suffix_role, len)) = role_suffix(&text[ls..le]) {
            let name_before = |piece: &str| {
                piece
                    .chars()
                    .any(|c| !is_space(c) && !crate::scan::is_unit_separator(c))
            };
            let before = &pieces[..pieces.len() - 1];
            if name_before(&text[ls..le - len])
                || before.iter().any(|&(a, b)| name_before(&text[a..b]))
            {
                if let (Some(r), Role::Units(_)) = (suffix_role, role) {
                    role = Role::Units(r);
                }
                if let Some(p) = pieces.last_mut() {
                    p.1 = le - len;
                }
                trim_pieces(text, pieces);
            }
        }
    }
    // The names of the group, at `、`, connectors and white space between
    // names, outside brackets.
    let bytes = text.as_bytes();
    let mut depth: u32 = 0;
    let breaks = &scratch.breaks;
    let current = &mut scratch.name;
    current.clear();
    let mut emit_name = |current: &mut Vec<(usize, usize)>| {
        trim_pieces(text, current);
        // A trailing `等` is not part of the name.
        if let Some(&(s, e)) = current.last() {
            if let Some(stripped) = text[s..e].strip_suffix('等') {
                if current.len() > 1 || !stripped.trim_end_matches(is_space).is_empty() {
                    if let Some(last) = current.last_mut() {
                        last.1 = s + stripped.len();
                    }
                    trim_pieces(text, current);
                }
            }
        }
        // A closing bracket the name never opened (`各街道]` of a clause
        // whose opening the extraction lost) is not part of it.
        while let Some(&(s, e)) = current.last() {
            let Some(last) = text[s..e].chars().next_back() else {
                break;
            };
            let balance: i32 = current
                .iter()
                .flat_map(|&(a, b)| text[a..b].chars())
                .map(|c| i32::from(paren_delta(c)))
                .sum();
            if paren_delta(last) >= 0 || balance >= 0 {
                break;
            }
            if let Some(p) = current.last_mut() {
                p.1 = e - last.len_utf8();
            }
            trim_pieces(text, current);
        }
        // A role in brackets after the name (`市商务局（牵头）`) is the
        // unit's role, not part of its name.
        let mut marked = None;
        if let (Role::Units(_), Some(&(s, e))) = (role, current.last()) {
            if let Some((r, len)) = bracket_role(&text[s..e]) {
                if let Some(last) = current.last_mut() {
                    last.1 = e - len;
                }
                trim_pieces(text, current);
                marked = Some(r);
            }
        }
        if let Some((name, span)) = value(text, current) {
            emit(match role {
                Role::Leaders => Item::Leader(name, span),
                Role::Units(r) => Item::Unit(marked.unwrap_or(r), name, span),
                _ => Item::Unit(UnitRole::Responsible, name, span),
            });
        }
        current.clear();
    };
    for &(ps, pe) in pieces.iter() {
        let mut start = ps;
        let mut at = ps;
        while at < pe {
            let skip = SKIP[usize::from(bytes[at])];
            if skip != 0 {
                at += usize::from(skip);
                continue;
            }
            let Some(c) = text.get(at..pe).and_then(|s| s.chars().next()) else {
                break;
            };
            let delta = paren_delta(c);
            if delta > 0 {
                depth = depth.saturating_add(1);
            } else if delta < 0 {
                depth = depth.saturating_sub(1);
            } else if depth == 0 && c == '、' {
                if at > start {
                    current.push((start, at));
                }
                emit_name(current);
                start = at + c.len_utf8();
            } else if depth == 0 && is_space(c) {
                if let Ok(k) = breaks.binary_search_by_key(&at, |b| b.start) {
                    if at > start {
                        current.push((start, at));
                    }
                    emit_name(current);
                    let end = breaks[k].end.min(pe);
                    start = end;
                    at = end;
                    continue;
                }
            } else if depth == 0 && at > start {
                if let Some(len) = connector_len(&text[at..pe]) {
                    current.push((start, at));
                    emit_name(current);
                    start = at + len;
                    at += len;
                    continue;
                }
            }
            at += c.len_utf8();
        }
        if pe > start {
            current.push((start, pe));
        }
    }
    emit_name(current);
}

/// A role word in brackets closing `name` (`市商务局（牵头）`, `甲(配合)`,
/// `乙（牵头单位）`): the role, and the byte length of the brackets, when
/// a name comes before them. A role's label counts when it is short (at most
/// six characters): a place's `滨海新区责任单位` in brackets names a body.
fn bracket_role(name: &str) -> Option<(UnitRole, usize)> {
    let inner = name.strip_suffix('）').or_else(|| name.strip_suffix(')'))?;
    let open = inner.rfind(['（', '('])?;
    let word = inner[open..]
        .trim_start_matches(['（', '('])
        .trim_matches(is_space);
    let role = match role_suffix(word) {
        Some((Some(role), len)) if len == word.len() => role,
        _ => match Role::of_label(word) {
            Role::Units(role) if word.chars().count() <= 6 => role,
            _ => return None,
        },
    };
    let before = inner[..open].trim_end_matches(is_space);
    (!before.is_empty()).then_some((role, name.len() - open))
}

/// Whether `name` ends with a role word in brackets (`市商务局（牵头）`),
/// which reads as the unit's role.
pub(crate) fn has_bracket_role(name: &str) -> bool {
    bracket_role(name).is_some()
}

/// Whether `group` (a group's text) ends with a role word that makes it a
/// unit group of an unlabeled clause: `…负责`, `…牵头`, `…配合`.
pub(crate) fn ends_with_role_word(group: &str) -> bool {
    let g = group.trim_end_matches(|c: char| is_space(c) || c == '。');
    role_suffix(g).is_some_and(|(role, len)| role.is_some() && g.len() > len)
}

/// Whether the bracket group `inner` names units alone, without a label or
/// a role word: its first group (up to `，` or `；`, a deadline may follow)
/// is a list of names each ending as a body's or a place's name does, one
/// of them at least a body's (`市发展改革委、市财政局`, `市商务局等`); a
/// single name starts as a unit's does (`市发改委`, `各区政府`), so that a
/// text's own note in brackets (`（试点单位）`, `（含开发区、保税区）`) is
/// not taken for one. Such a clause closes a task of a list as a labeled
/// one does; its units are responsible (or led by the first one, where the
/// notice says so).
pub(crate) fn names_units(inner: &str) -> bool {
    const STARTS: [&str; 16] = [
        "市",
        "区",
        "县",
        "省",
        "州",
        "镇",
        "乡",
        "街道",
        "各",
        "国",
        "自治",
        "中共",
        "共青团",
        "縣",
        "區",
        "鎮",
    ];
    let inner = inner.trim_matches(|c: char| is_space(c) || c == '。');
    if inner.is_empty() || inner.len() > 100 * 4 {
        return false;
    }
    // The first group, and its names, at `、` outside brackets (the
    // separators as every unit list is read, `scan::Scanner`).
    let mut names: Vec<&str> = Vec::new();
    let mut start = 0;
    let mut end = inner.len();
    for sep in crate::scan::Scanner::default().separators(inner, 0, inner.len()) {
        if sep.c != '、' {
            end = sep.at;
            break;
        }
        names.push(&inner[start..sep.at]);
        start = sep.end();
    }
    names.push(&inner[start..end]);
    let mut bodies = 0;
    for (k, name) in names.iter().enumerate() {
        let mut name = name.trim_matches(is_space);
        if k + 1 == names.len() {
            name = name
                .strip_suffix('等')
                .unwrap_or(name)
                .trim_end_matches(is_space);
        }
        let n = name.chars().count();
        if !(2..=30).contains(&n)
            || name.contains(['。', '：', ':', '；', ';'])
            || name.starts_with(|c: char| c.is_ascii_digit())
        {
            return false;
        }
        // A body's other name in brackets after it: `市交通委（市道运局）`.
        let bare = match name.strip_suffix(['）', ')']) {
            Some(inside) => inside.rfind(['（', '(']).map_or(name, |i| &name[..i]),
            None => name,
        };
        if ends_like_body(bare) {
            bodies += 1;
        } else if !PLACE_ENDS.iter().any(|e| bare.ends_with(e)) {
            return false;
        }
    }
    let all_each = names
        .iter()
        .all(|n| n.trim_start_matches(is_space).starts_with('各'));
    match names.as_slice() {
        [one] => {
            bodies == 1
                && STARTS
                    .iter()
                    .any(|s| one.trim_start_matches(is_space).starts_with(s))
        }
        _ => bodies > 0 || all_each,
    }
}

/// Whether `text` starts with a known label followed by a colon
/// (`牵头单位：`), and its role.
pub(crate) fn starts_with_label(text: &str) -> Option<(Role, usize)> {
    let (role, len) = label_prefix(text)?;
    (role != Role::Other).then_some((role, len))
}

#[cfg(test)]
mod tests;
