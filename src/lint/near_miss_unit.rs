//! W007 `near-miss-unit`: a unit name used once that is one or two
//! characters away from a name used elsewhere in the document (or from a
//! trusted name in `known_units`), such as `区工业信局` beside `区工信局`.
//!
//! Names are compared within one level (district names with district
//! names): `区工信局` and `工信局` differ by one character but are the same
//! office at two levels. Distance is counted in grapheme clusters, with
//! insertions, deletions, substitutions and swaps of neighbours (optimal
//! string alignment). How far a name may be depends on the shorter name's
//! length `g`:
//!
//! - `g` < 3: never (too short to tell a typo from another unit);
//! - 3 ≤ `g` ≤ 5: one character added, dropped or swapped with its
//!   neighbour, but not replaced: `区民政局` and `区财政局` are two offices;
//! - 6 ≤ `g` ≤ 9: one edit of any kind;
//! - `g` ≥ 10: two edits.
//!
//! A name is only suspected if it is used once and the name it is near is
//! used at least twice or is known; names in `known_units` are never
//! suspected.
//!
//! **Bound.** Candidates are found through a deletion index (as in
//! SymSpell): every trusted name of `L` graphemes is filed under itself and
//! every string made by deleting up to `k` graphemes (`k` = 1, or 2 for
//! names of 10 or more); a suspect is looked up under its own deletions. Two
//! names within distance `k` always share a key. Names longer than
//! [`MAX_GRAPHEMES`] (or [`MAX_CHARS`] characters) are skipped and each key
//! holds at most [`BUCKET`] names, so each distinct name costs a bounded
//! number of keys and distance checks: the rule is linear in the number of
//! unit names, never quadratic in the distinct names.
//!
//! **Known names.** `known_units` may be long (a register of every office):
//! a known name is kept, with its keys, only if it is used in the document
//! or one of its deletion keys is a key of a suspect (a name used once),
//! which it must be to be suggested. The others are read once, keys built
//! in one reused buffer and only of the lengths the suspects' keys have, and
//! dropped: two million known names cost no memory beyond the
//! configuration itself and about a second (two million names of eleven
//! characters, each filed under 67 keys, took 5.4 GB and 415 s).

use unicode_segmentation::UnicodeSegmentation;

use crate::diagnostic::{Applicability, Code, Diagnostic, Edit, Fix};
use crate::model::Unit;
use crate::span::Span;
use crate::UnitRole;

use super::Context;

/// Names longer than this (in graphemes) are not compared.
pub(crate) const MAX_GRAPHEMES: usize = 24;
/// Names of more characters than this are not compared either: a grapheme
/// can hold any number of combining marks, and such a name is no unit's.
pub(crate) const MAX_CHARS: usize = 4 * MAX_GRAPHEMES;
/// At most this many names are filed under one deletion key.
pub(crate) const BUCKET: usize = 16;

/// Hash maps and sets with foldhash: SipHash (the standard library's
/// default) cost most of the rule's time on a document of many units.
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
type HashSet<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;

/// A distinct name of one level.
struct Name<'n> {
    name: &'n str,
    graphemes: Vec<&'n str>,
    count: usize,
    /// Where it is first used, if it is used.
    first: Option<Span>,
    known: bool,
}

/// W007.
pub(crate) fn check(cx: &Context<'_, '_>, out: &mut Vec<Diagnostic>) {
    let known = cx.config.known_units.as_slice();
    // The two levels of a two-level table are compared apart (a district
    // name and a local name may well be one character apart); lead,
    // supporting and responsible units are the same offices in other
    // roles, compared together.
    let district: Vec<&Unit<'_>> = cx.doc.tasks().flat_map(|t| t.units().district()).collect();
    let local: Vec<&Unit<'_>> = cx.doc.tasks().flat_map(|t| t.units().local()).collect();
    let roles: Vec<&Unit<'_>> = cx
        .doc
        .tasks()
        .flat_map(|t| {
            [UnitRole::Lead, UnitRole::Support, UnitRole::Responsible]
                .into_iter()
                .flat_map(move |r| t.units().get(r))
        })
        .collect();
    for (units, level) in [
        (district, cx.district()),
        (local, cx.local()),
        (roles, "unit"),
    ] {
        if !units.is_empty() {
            level_check(cx, &units, known, level, out);
        }
    }
}

/// W007 among the names of one level (`units`), with the known names.
fn level_check<'n>(
    cx: &Context<'_, '_>,
    units: &[&'n Unit<'_>],
    known: &'n [String],
    level: &str,
    out: &mut Vec<Diagnostic>,
) {
    // Distinct names in order of first use, then known names.
    let mut index: HashMap<&str, usize> = HashMap::default();
    let mut names: Vec<Name<'_>> = Vec::new();
    // Each unit's name, as its place in `names` (looked up once).
    let mut name_of: Vec<usize> = Vec::with_capacity(units.len());
    for unit in units {
        let name = unit.name();
        match index.get(name) {
            Some(&k) => {
                names[k].count += 1;
                name_of.push(k);
            }
            None => {
                name_of.push(names.len());
                index.insert(name, names.len());
                names.push(Name {
                    name,
                    graphemes: name.graphemes(true).collect(),
                    count: 1,
                    first: unit.span(),
                    known: false,
                });
            }
        }
    }
    // Known names the document uses are trusted, never suspected.
    for name in known {
        if let Some(&k) = index.get(name.as_str()) {
            names[k].known = true;
        }
    }
    // The other known names, only if they can be suggested to a suspect.
    let wanted = SuspectKeys::of(&names);
    if !wanted.keys.is_empty() {
        let mut graphemes: Vec<&str> = Vec::new();
        let mut key = String::new();
        for name in known {
            let name = name.as_str();
            if name.chars().nth(MAX_CHARS).is_some() {
                continue;
            }
            graphemes.clear();
            if name.chars().all(own_grapheme) {
                graphemes.extend(name.char_indices().map(|(i, c)| &name[i..i + c.len_utf8()]));
            } else {
                graphemes.extend(name.graphemes(true));
            }
            if (3..=MAX_GRAPHEMES).contains(&graphemes.len())
                && wanted.meets(&graphemes, &mut key)
                && !index.contains_key(name)
            {
                index.insert(name, names.len());
                names.push(Name {
                    name,
                    graphemes: graphemes.clone(),
                    count: 0,
                    first: None,
                    known: true,
                });
            }
        }
    }
    // File the trusted names under their deletions.
    let mut keys: HashMap<String, Vec<usize>> = HashMap::default();
    let mut scratch = Vec::new();
    for (k, name) in names.iter().enumerate() {
        if !(name.known || name.count >= 2) || !comparable(name) {
            continue;
        }
        deletions(&name.graphemes, reach(name.graphemes.len()), &mut scratch);
        for key in scratch.drain(..) {
            let bucket = keys.entry(key).or_default();
            if bucket.len() < BUCKET && bucket.last() != Some(&k) {
                bucket.push(k);
            }
        }
    }
    // Look the suspects up.
    let mut seen: HashSet<usize> = HashSet::default();
    for (unit, &k) in units.iter().zip(&name_of) {
        let suspect = &names[k];
        if suspect.count != 1 || suspect.known || !comparable(suspect) {
            continue;
        }
        deletions(
            &suspect.graphemes,
            reach(suspect.graphemes.len()),
            &mut scratch,
        );
        seen.clear();
        let mut best: Option<(usize, usize)> = None; // (distance, target)
        for key in scratch.drain(..) {
            for &t in keys.get(&key).map_or(&[][..], Vec::as_slice) {
                if t == k || !seen.insert(t) {
                    continue;
                }
                let target = &names[t];
                let Some(d) = near(&suspect.graphemes, &target.graphemes) else {
                    continue;
                };
                let better = match best {
                    None => true,
                    Some((bd, bt)) => {
                        let b = &names[bt];
                        (d, std::cmp::Reverse(target.count), t)
                            < (bd, std::cmp::Reverse(b.count), bt)
                    }
                };
                if better {
                    best = Some((d, t));
                }
            }
        }
        if let (Some((_, t)), Some(span)) = (best, cx.checked(unit.span())) {
            out.push(diagnostic(cx, unit, span, &names[t], level));
        }
    }
}

fn diagnostic(
    cx: &Context<'_, '_>,
    unit: &Unit<'_>,
    span: Span,
    target: &Name<'_>,
    level: &str,
) -> Diagnostic {
    let name = unit.name();
    let suggestion = target.name;
    let why = if target.count >= 2 {
        format!(
            "a {level} unit named {} times in the document",
            target.count
        )
    } else {
        "a known unit".to_string()
    };
    let mut d = Diagnostic::expected(
        Code::NearMissUnit,
        span,
        &format!("`{suggestion}`, {why}"),
        &format!("`{name}`, named only here"),
    )
    .with_label(format!("did you mean `{suggestion}`?"))
    .with_help(format!(
        "if this is a typo, write `{suggestion}`; if `{name}` is another unit, add it to `known_units` in fengong.toml"
    ));
    if let Some(first) = cx.checked(target.first) {
        d = d.with_secondary(first, format!("`{suggestion}` is named here"));
    }
    // Replace only a name written in one piece, exactly as read.
    if cx.text(span) == name {
        d = d.with_fix(Fix {
            message: format!("write `{suggestion}`"),
            applicability: Applicability::Unsafe,
            edits: vec![Edit {
                span,
                replacement: suggestion.to_string(),
            }],
        });
    }
    d
}

/// The deletion keys of the suspects (names used once, not known), to
/// test known names against without keeping them.
struct SuspectKeys {
    keys: HashSet<String>,
    /// `lengths[n]`: whether a key of `n` graphemes is among them.
    lengths: [bool; MAX_GRAPHEMES + 1],
    /// Every character of the keys, sorted: a name with more graphemes
    /// holding other characters than it has deletions cannot meet a key.
    chars: Vec<char>,
}

impl SuspectKeys {
    /// The keys of the suspects among `names`.
    fn of(names: &[Name<'_>]) -> SuspectKeys {
        let mut keys = HashSet::default();
        let mut lengths = [false; MAX_GRAPHEMES + 1];
        let mut scratch = Vec::new();
        for name in names {
            if name.count != 1 || name.known || !comparable(name) {
                continue;
            }
            let len = name.graphemes.len();
            let k = reach(len);
            for deleted in 0..=k {
                lengths[len - deleted] = true;
            }
            deletions(&name.graphemes, k, &mut scratch);
            keys.extend(scratch.drain(..));
        }
        let mut chars: Vec<char> = keys.iter().flat_map(|k| k.chars()).collect();
        chars.sort_unstable();
        chars.dedup();
        SuspectKeys {
            keys,
            lengths,
            chars,
        }
    }

    /// Whether one of the deletion keys of the name `g` (the keys it would
    /// be filed under) is a suspect's key; builds the keys one by one in
    /// `key`, and only those of a length some suspect key has.
    fn meets(&self, g: &[&str], key: &mut String) -> bool {
        let len = g.len();
        let k = reach(len);
        let foreign = g
            .iter()
            .filter(|s| s.chars().any(|c| self.chars.binary_search(&c).is_err()))
            .count();
        if foreign > k {
            return false;
        }
        let mut test = |skip_a: usize, skip_b: usize| {
            key.clear();
            for (i, s) in g.iter().enumerate() {
                if i != skip_a && i != skip_b {
                    key.push_str(s);
                }
            }
            self.keys.contains(key.as_str())
        };
        if self.lengths[len] && test(usize::MAX, usize::MAX) {
            return true;
        }
        if self.lengths[len - 1] && (0..len).any(|a| test(a, usize::MAX)) {
            return true;
        }
        k >= 2 && self.lengths[len - 2] && (0..len).any(|a| (a + 1..len).any(|b| test(a, b)))
    }
}

/// Whether `c` is always a grapheme of its own, whatever surrounds it:
/// printable ASCII, CJK ideographs and punctuation, full-width forms (not a
/// combining mark, a joiner or a line break). Most unit names are made of
/// these alone and need no segmentation.
fn own_grapheme(c: char) -> bool {
    matches!(
        c,
        ' '..='~'
            | '\u{3000}'..='\u{3029}'
            | '\u{3030}'..='\u{303f}'
            | '\u{3400}'..='\u{4dbf}'
            | '\u{4e00}'..='\u{9fff}'
            | '\u{ff01}'..='\u{ff60}'
    )
}

fn comparable(name: &Name<'_>) -> bool {
    (3..=MAX_GRAPHEMES).contains(&name.graphemes.len())
        && name.name.chars().nth(MAX_CHARS).is_none()
}

/// How many deletions the keys of a name of `len` graphemes go to.
fn reach(len: usize) -> usize {
    if len >= 10 {
        2
    } else {
        1
    }
}

/// The name itself and every string made by deleting up to `k` (1 or 2) of
/// its graphemes, into `out`.
fn deletions(g: &[&str], k: usize, out: &mut Vec<String>) {
    let join = |skip_a: usize, skip_b: usize| -> String {
        g.iter()
            .enumerate()
            .filter(|&(i, _)| i != skip_a && i != skip_b)
            .map(|(_, s)| *s)
            .collect()
    };
    out.push(g.concat());
    for a in 0..g.len() {
        out.push(join(a, usize::MAX));
        if k >= 2 {
            for b in a + 1..g.len() {
                out.push(join(a, b));
            }
        }
    }
}

/// The distance between two names if it is small enough to suspect a typo
/// (see the module's rules), else `None`.
fn near(a: &[&str], b: &[&str]) -> Option<usize> {
    let g = a.len().min(b.len());
    let d = distance(a, b);
    let ok = match g {
        0..=2 => false,
        3..=5 => d == 1 && (a.len() != b.len() || is_swap(a, b)),
        6..=9 => d == 1,
        _ => (1..=2).contains(&d),
    };
    ok.then_some(d)
}

/// Whether `b` is `a` with two neighbours swapped.
fn is_swap(a: &[&str], b: &[&str]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
    matches!(diff.as_slice(), [i, j] if *j == i + 1 && a[*i] == b[*j] && a[*j] == b[*i])
}

/// Optimal string alignment distance over graphemes.
fn distance(a: &[&str], b: &[&str]) -> usize {
    let (n, m) = (a.len(), b.len());
    let mut rows = vec![vec![0usize; m + 1]; n + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=n {
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = d;
        }
    }
    rows[n][m]
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::super::LintConfig;
    use super::*;

    fn g(s: &str) -> Vec<&str> {
        s.graphemes(true).collect()
    }

    #[test]
    fn own_graphemes_are_graphemes() {
        let text: String = ('\u{20}'..='\u{7e}')
            .chain('\u{3000}'..='\u{303f}')
            .chain('\u{4e00}'..='\u{4e80}')
            .chain('\u{ff01}'..='\u{ff60}')
            .filter(|&c| own_grapheme(c))
            .collect();
        assert_eq!(text.graphemes(true).count(), text.chars().count());
        assert!(!own_grapheme('\u{302a}') && !own_grapheme('\u{ff9e}'));
    }

    #[test]
    fn distances_and_thresholds() {
        assert_eq!(distance(&g("区工业信局"), &g("区工信局")), 1);
        assert_eq!(distance(&g("区信工局"), &g("区工信局")), 1);
        assert_eq!(near(&g("区工业信局"), &g("区工信局")), Some(1));
        assert_eq!(near(&g("区信工局"), &g("区工信局")), Some(1));
        // Same length, one character replaced: two offices.
        assert_eq!(near(&g("区民政局"), &g("区财政局")), None);
        // Levels differ by 区: never compared, and too short anyway.
        assert_eq!(near(&g("工信局"), &g("工信")), None);
        assert_eq!(
            near(&g("人民银行滨海支行"), &g("人民银行滨海之行")),
            Some(1)
        );
        assert_eq!(
            near(&g("人民银行滨海新区中心支行"), &g("人民银行滨海新区支行")),
            Some(2)
        );
        assert_eq!(
            near(&g("人民银行滨海新区中心支行"), &g("人民银行滨海支行")),
            None
        );
    }

    #[test]
    fn deletion_keys_meet() {
        let mut a = Vec::new();
        let mut b = Vec::new();
        deletions(&g("区工业信局"), 1, &mut a);
        deletions(&g("区工信局"), 1, &mut b);
        assert!(a.iter().any(|k| b.contains(k)));
        deletions(&g("一二三四五六七八九十"), 2, &mut a);
        assert_eq!(a.len() - 6, 1 + 10 + 45);
    }

    fn doc(units: &[(&str, &str)]) -> String {
        let numbered: Vec<(String, &str, &str, &str)> = units
            .iter()
            .enumerate()
            .map(|(i, (d, l))| ((i + 1).to_string(), "文本", *d, *l))
            .collect();
        let table: Vec<(&str, &str, &str, &str)> = numbered
            .iter()
            .map(|(n, t, d, l)| (n.as_str(), *t, *d, *l))
            .collect();
        format!("{HEAD}\t（一）类\n{}", rows(&table))
    }

    #[test]
    fn typo_beside_a_common_name() {
        let text = doc(&[
            ("区商促局、区工信局", "经改局"),
            ("区工信局", "经改局"),
            ("区发改委、区工业信局", "经改局"),
            ("区民政局", "社发局"),
            ("区财政局", "财政局"),
            ("区财政局", "财政局"),
        ]);
        let found = only(&text, Code::NearMissUnit);
        assert_eq!(found.len(), 1, "{found:?}");
        let d = &found[0];
        assert_eq!(&text[d.span().range()], "区工业信局");
        assert_eq!(
            d.message(),
            "expected `区工信局`, a 滨海新区 unit named 2 times in the document, found `区工业信局`, named only here"
        );
        assert_eq!(d.secondary()[0].message, "`区工信局` is named here");
        let fix = d.fix().unwrap();
        assert_eq!(fix.applicability, Applicability::Unsafe);
        assert!(apply(&text, &found).contains("\t区发改委、区工信局\n"));
    }

    #[test]
    fn known_units_are_trusted_and_suggested() {
        let text = doc(&[("区工业信局", "经改局"), ("区科技局", "新经济局")]);
        let config = LintConfig {
            known_units: vec!["区工信局".to_string()],
            ..LintConfig::default()
        };
        let found = only_with(&text, Code::NearMissUnit, config);
        assert_eq!(found.len(), 1);
        assert!(found[0].message().contains("a known unit"));
        let config = LintConfig {
            known_units: vec!["区工业信局".to_string()],
            ..LintConfig::default()
        };
        let text = doc(&[("区工业信局", "甲"), ("区工信局", "甲"), ("区工信局", "甲")]);
        assert!(only_with(&text, Code::NearMissUnit, config).is_empty());
        assert_eq!(only(&text, Code::NearMissUnit).len(), 1);
    }

    #[test]
    fn a_known_name_among_many_is_still_suggested() {
        let text = doc(&[("区工业信局", "经改局"), ("区科技局", "新经济局")]);
        let mut known: Vec<String> = (0..10_000).map(|i| format!("区单位{i:05}局")).collect();
        known.push("区工信局".to_string());
        known.push("区科技局".to_string());
        let config = LintConfig {
            known_units: known,
            ..LintConfig::default()
        };
        let found = only_with(&text, Code::NearMissUnit, config);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0]
            .message()
            .starts_with("expected `区工信局`, a known unit"));
    }

    #[test]
    fn names_of_few_graphemes_but_many_characters_are_skipped() {
        // Four graphemes, the first holding ten thousand combining marks:
        // not compared, so no message quotes it and no key copies it.
        let marks = "\u{301}".repeat(10_000);
        let common = format!("区{marks}工信局");
        let typo = format!("区{marks}工业信局");
        let text = format!(
            "{HEAD}\t（一）类\n{}",
            rows(&[
                ("1", "甲", &common, "甲"),
                ("2", "乙", &common, "甲"),
                ("3", "丙", &typo, "甲"),
            ])
        );
        assert!(only(&text, Code::NearMissUnit).is_empty());
        // The same names without the marks are a near miss.
        let text = text.replace(&marks, "");
        assert_eq!(only(&text, Code::NearMissUnit).len(), 1);
    }

    #[test]
    fn many_similar_names_stay_bounded() {
        // 2,000 distinct names all one character apart: each key's bucket is
        // capped, so this is fast.
        let mut names = Vec::new();
        for i in 0..2000u32 {
            let c = char::from_u32(0x4e00 + i).unwrap_or('甲');
            names.push((format!("区甲乙{c}局"), "甲".to_string()));
            names.push((format!("区甲乙{c}局"), "甲".to_string()));
        }
        names.push(("区甲乙局".to_string(), "甲".to_string()));
        let units: Vec<(&str, &str)> = names
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        let text = doc(&units);
        let found = only(&text, Code::NearMissUnit);
        assert_eq!(found.len(), 1);
    }
}
