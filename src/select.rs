//! Choosing lint rules: what `fengong check --select/--ignore` and the
//! `select`/`ignore` lists of a `fengong.toml` read, as ruff reads its
//! selectors.
//!
//! A selector is
//!
//! - a code, in any case: `W007`, `w007`;
//! - a name: `near-miss-unit`;
//! - a code prefix: `W00` is W001–W009, `W01` W010–W019, `W` (or `W0`) every lint
//!   rule, `E` every parse error;
//! - `ALL`: every lint rule (the `W` codes).
//!
//! Parse errors (`E…`) are never switched off: a document that does not
//! parse cannot be checked further, so [`ignored`] refuses them (`ALL`
//! there means every lint rule). An unknown selector is an error that
//! suggests the nearest code or name (`near-miss` → `near-miss-unit`).
//!
//! ```
//! use fengong::{select, Code};
//!
//! assert_eq!(select::selected("near-miss-unit")?, [Code::NearMissUnit]);
//! assert_eq!(select::selected("W00")?.len(), 9);
//! assert_eq!(select::selected("ALL")?, fengong::lint::rules().collect::<Vec<_>>());
//! let unknown = select::selected("near-miss").unwrap_err();
//! assert_eq!(
//!     unknown.to_string(),
//!     "unknown diagnostic code or name `near-miss`; did you mean `near-miss-unit`?"
//! );
//! assert!(select::ignored("E010").is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use serde::{de, Deserialize, Deserializer};

use crate::diagnostic::{Code, UnknownCode};

/// Why a selector of `ignore` cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IgnoreError {
    /// No code, name or prefix reads so.
    #[error(transparent)]
    Unknown(#[from] UnknownCode),
    /// The selector names parse errors, which are always reported.
    #[error("`{0}` cannot be ignored: parse errors (E…) are always reported, since a document that does not parse cannot be checked further")]
    ParseError(String),
}

/// The codes `selector` names (see the module's documentation), in order.
///
/// # Errors
///
/// An unknown selector, with the nearest code or name in its message.
pub fn selected(selector: &str) -> Result<Vec<Code>, UnknownCode> {
    let s = selector.trim();
    if s.eq_ignore_ascii_case("ALL") {
        return Ok(crate::lint::rules().collect());
    }
    if let Ok(code) = s.parse::<Code>() {
        return Ok(vec![code]);
    }
    let by_prefix: Vec<Code> = if is_code_prefix(s) {
        Code::ALL
            .iter()
            .copied()
            .filter(|c| c.as_str()[..s.len()].eq_ignore_ascii_case(s))
            .collect()
    } else {
        Vec::new()
    };
    if by_prefix.is_empty() {
        Err(UnknownCode(selector.to_string()))
    } else {
        Ok(by_prefix)
    }
}

/// The codes `selector` names for `ignore`: as [`selected`], but `ALL` is
/// every lint rule and parse errors are refused.
///
/// # Errors
///
/// An unknown selector, or one that names parse errors.
pub fn ignored(selector: &str) -> Result<Vec<Code>, IgnoreError> {
    let codes = selected(selector)?;
    if codes.iter().any(|c| c.as_str().starts_with('E')) {
        return Err(IgnoreError::ParseError(selector.to_string()));
    }
    Ok(codes)
}

/// Whether `s` has the shape of the start of a code: a letter, then at
/// most three digits.
fn is_code_prefix(s: &str) -> bool {
    let mut bytes = s.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
        && s.len() <= 4
        && bytes.all(|b| b.is_ascii_digit())
}

/// The code or name nearest `input`, if one is near enough to be what was
/// meant: a code with its digits padded (`W7` → `W007`), a name that starts
/// with or holds the input (`near-miss` → `near-miss-unit`), else the code
/// or name fewest edits away (one for a code, about a third of the length
/// for a name).
pub(crate) fn suggest(input: &str) -> Option<&'static str> {
    let s = input.trim().to_ascii_lowercase();
    if s.is_empty() {
        return None;
    }
    if is_code_prefix(&s) && s.len() > 1 {
        let padded = format!("{}{:0>3}", &s[..1], &s[1..]);
        if let Some(c) = Code::ALL
            .iter()
            .find(|c| c.as_str().eq_ignore_ascii_case(&padded))
        {
            return Some(c.as_str());
        }
    }
    let names = || Code::ALL.iter().map(|c| c.name());
    if s.len() >= 3 {
        let mut holding: Vec<&'static str> = names().filter(|n| n.contains(s.as_str())).collect();
        // Those that start with it first, then the shortest.
        holding.sort_by_key(|n| (!n.starts_with(s.as_str()), n.len()));
        if let Some(first) = holding.first() {
            return Some(first);
        }
    }
    let codes = Code::ALL.iter().map(|c| (c.as_str(), 1));
    let named = names().map(|n| (n, (n.len() / 3).max(1)));
    codes
        .chain(named)
        .map(|(candidate, limit)| {
            (
                distance(&s, &candidate.to_ascii_lowercase()),
                limit,
                candidate,
            )
        })
        .filter(|&(d, limit, _)| d <= limit)
        .min_by_key(|&(d, _, _)| d)
        .map(|(_, _, candidate)| candidate)
}

/// The edit distance of `a` and `b` in characters: insertions, deletions,
/// substitutions and swaps of two neighbours, one each.
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Three rows of the table: two back, one back, this one.
    let mut before: Vec<usize> = Vec::new();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut row = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            row[j] = (previous[j] + 1)
                .min(row[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                row[j] = row[j].min(before[j - 2] + 1);
            }
        }
        before = std::mem::replace(&mut previous, row);
    }
    previous[b.len()]
}

/// One selector read from a configuration file, expanded.
struct Selector<const IGNORE: bool>(Vec<Code>);

impl<'de, const IGNORE: bool> Deserialize<'de> for Selector<IGNORE> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor<const IGNORE: bool>;
        impl<const IGNORE: bool> de::Visitor<'_> for Visitor<IGNORE> {
            type Value = Selector<IGNORE>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a code (\"W003\"), a name (\"near-miss-unit\"), a code prefix (\"W0\") or \"ALL\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Selector<IGNORE>, E> {
                let codes = if IGNORE {
                    ignored(v).map_err(E::custom)?
                } else {
                    selected(v).map_err(E::custom)?
                };
                Ok(Selector(codes))
            }
        }
        d.deserialize_str(Visitor::<IGNORE>)
    }
}

/// Reads a list of selectors (each located on its own in errors) into the
/// codes they name, each once, in order of first mention.
fn deserialize_list<'de, D: Deserializer<'de>, const IGNORE: bool>(
    d: D,
) -> Result<Vec<Code>, D::Error> {
    let lists = Vec::<Selector<IGNORE>>::deserialize(d)?;
    let mut codes: Vec<Code> = Vec::new();
    for code in lists.into_iter().flat_map(|s| s.0) {
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    Ok(codes)
}

/// Deserializes `LintConfig::select`: selectors, as [`selected`] reads them.
pub(crate) fn deserialize_select<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Code>, D::Error> {
    deserialize_list::<D, false>(d)
}

/// Deserializes `LintConfig::ignore`: selectors, as [`ignored`] reads them.
pub(crate) fn deserialize_ignore<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Code>, D::Error> {
    deserialize_list::<D, true>(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(codes: &[Code]) -> Vec<&'static str> {
        codes.iter().map(|c| c.as_str()).collect()
    }

    #[test]
    fn prefixes_select_the_codes_they_start() {
        let w00 = selected("W00").unwrap();
        assert_eq!(
            names(&w00),
            ["W001", "W002", "W003", "W004", "W005", "W006", "W007", "W008", "W009"]
        );
        // Every warning code is W0NN: W0 is every warning.
        assert_eq!(selected("W0").unwrap(), selected("W").unwrap());
        assert_eq!(names(&selected("w01").unwrap())[0], "W010");
        assert_eq!(selected("W").unwrap(), selected("ALL").unwrap());
        assert!(selected("E")
            .unwrap()
            .iter()
            .all(|c| c.as_str().starts_with('E')));
        assert_eq!(selected("w007").unwrap(), [Code::NearMissUnit]);
        assert_eq!(selected("near-miss-unit").unwrap(), [Code::NearMissUnit]);
        assert!(selected("W9").is_err());
        assert!(selected("W0000").is_err());
        assert!(selected("").is_err());
    }

    #[test]
    fn parse_errors_cannot_be_ignored() {
        for s in ["E", "E01", "E010", "invalid-task-number"] {
            assert_eq!(ignored(s), Err(IgnoreError::ParseError(s.to_string())));
        }
        assert_eq!(ignored("ALL").unwrap(), selected("W").unwrap());
        assert!(matches!(ignored("X1"), Err(IgnoreError::Unknown(_))));
    }

    #[test]
    fn near_names_are_suggested() {
        assert_eq!(suggest("near-miss"), Some("near-miss-unit"));
        assert_eq!(suggest("nearmiss-unit"), Some("near-miss-unit"));
        assert_eq!(suggest("near-mis-unit"), Some("near-miss-unit"));
        assert_eq!(suggest("W7"), Some("W007"));
        assert_eq!(suggest("W0077"), Some("W007"));
        assert_eq!(suggest("WOO7"), None);
        assert_eq!(suggest("W999"), None);
        assert_eq!(suggest("duplicate"), Some("duplicate-task"));
        assert_eq!(suggest("stray-whitspace"), Some("stray-whitespace"));
        assert_eq!(suggest("zzzz"), None);
    }

    #[test]
    fn distances_count_edits() {
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("abc", "abc"), 0);
        assert_eq!(distance("abc", "acb"), 1);
        assert_eq!(distance("kitten", "sitting"), 3);
    }
}
