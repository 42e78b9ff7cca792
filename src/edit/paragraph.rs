//! Edits of a task read from a list paragraph: the number, the text, a
//! field of the role clause or a label line, each in the paragraph's own
//! punctuation and clause style.

use super::splice;
use crate::clause::{self, Item as ClauseItem};
use crate::column::{Role, UnitRole};
use crate::lex::is_space;
use crate::model::Task;
use crate::parse::list::{read_body, ParagraphRead};
use crate::span::Span;

/// Every unit of the paragraph with its role, name and span in `body`.
pub(super) fn unit_spans(body: &str) -> Vec<(UnitRole, String, Span)> {
    read_body(body)
        .items
        .into_iter()
        .filter_map(|item| match item {
            ClauseItem::Unit(role, name, span) => Some((role, name.into_owned(), span)),
            _ => None,
        })
        .collect()
}

pub(super) fn set_number(body: &str, number: u32) -> Option<String> {
    let read = read_body(body);
    let span = read.number_span;
    let digits = &body[span.range()];
    if digits.is_empty() || !digits.chars().all(crate::grammar::is_digit) {
        return None;
    }
    Some(splice(body, span.range(), &number.to_string()))
}

pub(super) fn set_text(body: &str, text: &str) -> Option<String> {
    let read = read_body(body);
    let range = match (read.segs.first(), read.segs.last()) {
        (Some(first), Some(last)) => first.start..last.end,
        _ => {
            let at = read.text_at;
            at..at
        }
    };
    Some(splice(body, range, text))
}

/// Names joined as a value of the paragraph's style: with `、`, unless the
/// value being replaced separated its names with commas only.
fn joined(task: &Task<'_>, role: UnitRole, old: Option<&str>) -> String {
    let sep = match old {
        Some(old) if !old.contains('、') && old.contains(',') => ",",
        Some(old) if !old.contains('、') && old.contains('，') => "，",
        _ => "、",
    };
    task.units.names(role).collect::<Vec<_>>().join(sep)
}

/// Rewrites what holds the units of `role`: its label line, else the role
/// clause, else a new label line or a new clause.
pub(super) fn set_units(task: &Task<'_>, body: &str, role: UnitRole) -> Option<String> {
    let read = read_body(body);
    let empty = task.units.get(role).is_empty();
    // A label line of the role: its value, or the line if it is left empty.
    if let Some((_, line, value)) = read
        .labels
        .iter()
        .find(|(r, _, _)| *r == Role::Units(role))
        .copied()
    {
        if empty {
            // The line goes, with the blank lines between it and what
            // came before it in the paragraph.
            let before = body[..line.start].trim_end_matches(['\r', '\n', ' ', '\t', '\u{3000}']);
            let keep = before.len() + newline_len(&body[before.len()..line.start]);
            return Some(splice(body, keep..line.end, ""));
        }
        let old = &body[value.range()];
        return Some(splice(body, value.range(), &joined(task, role, Some(old))));
    }
    if let Some(clause) = read.clauses.last().copied() {
        let inner = rewrite_clause(task, body, &read, clause.inner_start..clause.inner_end);
        if inner.trim_matches(is_space).is_empty() {
            // Nothing left: the clause goes.
            let before = body[..clause.open].trim_end_matches(is_space).len();
            return Some(splice(body, before..clause.close, ""));
        }
        return Some(splice(body, clause.inner_start..clause.inner_end, &inner));
    }
    if empty {
        return Some(body.to_string());
    }
    let names = joined(task, role, None);
    if let Some(&(_, line, value)) = read.labels.last() {
        // A new label line after the last one, in its format.
        let raw = &body[line.range()];
        let label_start = line.start + (raw.len() - raw.trim_start_matches(is_space).len());
        let indent = &body[line.start..label_start];
        let colon = body[label_start..value.start]
            .chars()
            .rev()
            .find(|c| matches!(c, '：' | ':'))
            .unwrap_or('：');
        let eol = super::ending(raw);
        let gap = if read.labels.len() >= 2 {
            let (_, first, _) = read.labels[read.labels.len() - 2];
            let between = &body[first.end..line.start];
            if between.trim_matches(is_space).is_empty() {
                between.to_string()
            } else {
                String::new()
            }
        } else {
            String::new()
        };
        let eol_or_default = if eol.is_empty() { "\n" } else { eol };
        let mut insert = String::new();
        if eol.is_empty() {
            insert.push_str(eol_or_default);
        }
        insert.push_str(&gap);
        insert.push_str(indent);
        insert.push_str(role.label());
        insert.push(colon);
        insert.push_str(&names);
        insert.push_str(eol);
        return Some(splice(body, line.end..line.end, &insert));
    }
    // A new clause at the end of the text.
    let at = read.segs.last().map_or(read.text_at, |s| s.end);
    Some(splice(
        body,
        at..at,
        &format!("（{}：{names}）", role.label()),
    ))
}

/// A field of a clause as written.
struct FieldStyle {
    role: Role,
    label: String,
}

/// The new text inside a role clause: its fields in their order and
/// labels, with the task's units, and the new roles after them.
fn rewrite_clause(
    task: &Task<'_>,
    body: &str,
    read: &ParagraphRead<'_>,
    inner: std::ops::Range<usize>,
) -> String {
    let text = &body[inner.clone()];
    let depth_zero_separators: Vec<(usize, char)> = {
        let mut depth = 0i32;
        let mut out = Vec::new();
        for (i, c) in text.char_indices() {
            match c {
                '（' | '(' | '【' | '[' | '〔' | '［' | '《' => depth += 1,
                '）' | ')' | '】' | ']' | '〕' | '］' | '》' => depth -= 1,
                '，' | ',' | '；' | ';' if depth == 0 => out.push((i, c)),
                _ => {}
            }
        }
        out
    };
    // The groups and the labels they start with.
    let mut bounds = vec![0];
    bounds.extend(depth_zero_separators.iter().map(|&(i, c)| i + c.len_utf8()));
    let mut fields: Vec<FieldStyle> = Vec::new();
    let mut colon = None;
    let mut field_sep = None;
    for (k, &start) in bounds.iter().enumerate() {
        let group = text[start..].trim_start_matches(is_space);
        if let Some((role, len)) = clause::starts_with_label(group) {
            let label_text = group[..len]
                .trim_end_matches(['：', ':'])
                .trim_matches(is_space);
            colon = colon.or_else(|| group[..len].chars().last());
            if k > 0 && field_sep.is_none() {
                field_sep = Some(depth_zero_separators[k - 1].1);
            }
            fields.push(FieldStyle {
                role,
                label: label_text.to_string(),
            });
        }
    }
    let labeled = !fields.is_empty();
    let group_sep = depth_zero_separators.first().map_or('，', |&(_, c)| c);
    let colon = colon.unwrap_or('：');
    let field_sep = field_sep.unwrap_or(if colon == ':' { ';' } else { '；' });
    // A deadline written without a label, after the units.
    let unlabeled_deadline = read.items.iter().find_map(|item| match item {
        ClauseItem::Deadline(_, span) if span.start >= inner.start && span.end <= inner.end => {
            let before = &body[inner.start..span.start];
            let labeled_here = fields.iter().any(|f| f.role == Role::Deadline);
            (!labeled_here).then(|| (body[span.range()].to_string(), before.len()))
        }
        _ => None,
    });
    let names = |role: UnitRole| task.units.names(role).collect::<Vec<_>>().join("、");
    let mut parts: Vec<String> = Vec::new();
    if labeled {
        let mut written: Vec<Role> = Vec::new();
        for field in &fields {
            if written.contains(&field.role) {
                continue;
            }
            written.push(field.role);
            let value = match field.role {
                Role::Units(r) => names(r),
                Role::Leaders => task.leader_names().collect::<Vec<_>>().join("、"),
                Role::Deadline => task.deadline().unwrap_or("").to_string(),
                Role::Remarks => task.remarks().unwrap_or("").to_string(),
                _ => continue,
            };
            if value.is_empty() {
                continue;
            }
            parts.push(format!("{}{colon}{value}", field.label));
        }
        for role in UnitRole::ALL {
            if !written.contains(&Role::Units(role)) && !task.units.get(role).is_empty() {
                parts.push(format!("{}{colon}{}", role.label(), names(role)));
            }
        }
        let mut out = parts.join(&field_sep.to_string());
        if let Some((deadline, _)) = unlabeled_deadline {
            out.push(group_sep);
            out.push_str(&deadline);
        }
        out
    } else {
        // Each group as written: the roles in their order, each with its
        // role word (`負責`, `等负责`, `分别负责`); new roles after them.
        let mut order: Vec<(UnitRole, String)> = Vec::new();
        for item in &read.items {
            let ClauseItem::Unit(role, _, span) = item else {
                continue;
            };
            if span.start < inner.start || span.end > inner.end {
                continue;
            }
            let rest = &body[span.end..inner.end];
            let word_end = rest
                .find(['，', ',', '；', ';', '、'])
                .unwrap_or(rest.len());
            let word = rest[..word_end].trim_matches(is_space).to_string();
            match order.iter_mut().find(|(r, _)| r == role) {
                Some((_, w)) => *w = word,
                None => order.push((*role, word)),
            }
        }
        for role in UnitRole::ALL {
            if !order.iter().any(|(r, _)| *r == role) {
                order.push((role, crate::write::role_word(role).to_string()));
            }
        }
        for (role, word) in order {
            let n = names(role);
            if n.is_empty() {
                continue;
            }
            let word = if word.is_empty() {
                crate::write::role_word(role).to_string()
            } else {
                word
            };
            parts.push(format!("{n}{word}"));
        }
        if let Some((deadline, _)) = unlabeled_deadline {
            parts.push(deadline);
        }
        parts.join(&group_sep.to_string())
    }
}

/// The length of the first line ending in `text` (0 if it has none).
fn newline_len(text: &str) -> usize {
    if text.starts_with("\r\n") {
        2
    } else if text.starts_with(['\n', '\r']) {
        1
    } else {
        0
    }
}
