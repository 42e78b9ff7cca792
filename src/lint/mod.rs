//! Lint rules: findings about documents that parse but may still be wrong.
//!
//! [`lint`] runs every enabled rule over a parsed [`Document`] and the text
//! it was parsed from, and returns [`Diagnostic`]s with `W…` codes, sorted by
//! where they start. [`check`] adds the parser's own warnings, and [`fix`]
//! applies the fixes. [`LintConfig`] chooses the rules, their severities and
//! the unit names the near-miss rule trusts; the `fengong` tool reads it from
//! a `fengong.toml`:
//!
//! ```toml
//! select = ["W001", "near-miss-unit"]   # empty or absent: every rule
//! ignore = ["W006"]
//! known_units = ["区工信局"]
//!
//! [severity]
//! W003 = "error"
//! ```
//!
//! | code | name | fix |
//! |------|------|-----|
//! | W001 | `task-number-sequence` | unsafe renumber, when both neighbours pin the number |
//! | W002 | `category-number-sequence` | unsafe renumber, likewise |
//! | W003 | `empty-unit-cell` | none |
//! | W004 | `stray-separator` | safe: delete the stray `、` |
//! | W005 | `extraction-artifact` | safe: delete the artifact |
//! | W006 | `stray-whitespace` | safe: delete the white space |
//! | W007 | `near-miss-unit` | unsafe: use the likely name |
//! | W008 | `duplicate-task` | none |
//! | W009 | `whitespace-only-line` | safe: delete the spaces |
//! | W010 | `heading-without-tab` | safe: put a tab before the heading |
//! | W011 | `unexpected-column-label` | none |
//! | W012 | `missing-title` | none |
//! | W013 | `unit-mapping-mismatch` | none |
//! | W018 | `inconsistent-separators` | safe: write the ASCII separators full-width |
//!
//! The other warnings (W014–W017, W019–W021) come from the parser, which
//! meets them while it reads; [`check`] selects and ranks them with the
//! same configuration.
//!
//! A safe fix changes only layout and clutter: the document read back from
//! the fixed text equals (`==`) the one read from the original. An unsafe
//! fix changes a value (a number, a unit name) and wants review.
//!
//! Every rule is linear in the size of the document: one pass over the text
//! and the parsed values, with hash maps whose buckets are bounded (see
//! `near_miss_unit` and `duplicate_task` for the two rules that compare texts).
//!
//! ```
//! let text = std::fs::read_to_string("seeds/000_ecc403549f0e7389.txt")?;
//! let doc = fengong::parse(&text)?;
//! let findings = fengong::lint::lint(&doc, &text, &fengong::lint::LintConfig::default());
//! assert!(findings.iter().any(|d| d.code().name() == "near-miss-unit"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Layout
//!
//! This file holds the entry points and the registry of rules, `RULES`.
//! Each rule has a file of its own, named after its kebab-case name
//! (`stray-separator` in `stray_separator.rs`), holding module docs that
//! say what it finds and how it is fixed, the rule's function, and its unit
//! tests; the two numbering rules share `number_sequence.rs`, as they share
//! the reading of a sequence (`number_sequence/analysis.rs`). What rules
//! share sits beside them:
//!
//! - `cells.rs`: the walk over the table's cells that the rules reading
//!   cells share (W004, W005, W006: `Rule::Cells`), each cell's segments
//!   read once for all;
//! - `config.rs`: [`LintConfig`];
//! - `context.rs`: `Context`, what a rule reads (the document, its text, the
//!   cells as the parser read them, kept);
//! - `fix_safety.rs`: safe deletions that keep the table's lines
//!   (`keep_lines`), and the fix that deletes spans;
//! - `message.rs`: wording shared by messages (white space described, zone
//!   and role names);
//! - `test_support.rs`: helpers for the unit tests.
//!
//! The separators of unit lists are found by `crate::scan`, the scanner the
//! parser reads unit names with.
//!
//! # Adding a rule
//!
//! A new rule, say W0NN `some-thing`, touches exactly:
//!
//! 1. `src/lint/some_thing.rs`: its module docs (what it finds, its fix), a
//!    `pub(crate) fn check(cx: &Context<'_, '_>, out: &mut Vec<Diagnostic>)`
//!    (or, for a rule that reads every cell of the table, a `start` that
//!    returns its `cells::CellRule`) and its unit tests
//!    (`super::super::test_support` has helpers);
//! 2. here: its line in `RULES` (`Rule::Whole`, or `Rule::Cells`), with its
//!    `mod some_thing;` (and its row
//!    in the table above);
//! 3. its line in the `codes!` table of `src/diagnostic.rs`;
//! 4. its explanation, `src/explain/W0NN.md` (what it means, an example,
//!    the fix);
//! 5. a fixture `fixtures/lint/some_thing.txt` that triggers it and nothing
//!    else, with its line in `tests/lint.rs` (the `fixtures!` table) and in
//!    `fixtures/lint/README.md`, and its reviewed snapshot.
//!
//! Tests hold the steps together: a `W` code neither in `RULES` nor among
//! the parser's warnings fails this module's tests, and a rule no fixture
//! triggers fails `tests/lint.rs`.

use crate::diagnostic::{Code, Diagnostic};
use crate::model::Document;

mod cells;
mod config;
mod context;
mod document;
mod fix_safety;
mod message;
#[cfg(test)]
mod test_support;

mod duplicate_task;
mod empty_unit_cell;
mod extraction_artifact;
mod heading_without_tab;
mod inconsistent_separators;
mod missing_title;
mod near_miss_unit;
mod number_sequence;
mod stray_separator;
mod stray_whitespace;
mod unexpected_column_label;
mod unit_mapping_mismatch;
mod whitespace_only_line;

pub use config::LintConfig;
use context::Context;

/// A lint rule: reads the document through the context and pushes its
/// findings (which [`lint`] then filters, ranks and sorts).
#[derive(Clone, Copy)]
enum Rule {
    /// Reads what it needs of the document at once.
    Whole(fn(&Context<'_, '_>, &mut Vec<Diagnostic>)),
    /// Reads every cell of the table, in the walk the cell rules share
    /// (`cells.rs`: one lexing of the table for all of them).
    Cells(cells::StartCellRule),
}
use Rule::{Cells, Whole};

/// The registry: every lint rule's code and function, in the order [`lint`]
/// runs them.
///
/// Not here: the warnings the parser emits while it reads (`src/parse/`),
/// which [`check`] adds:
///
/// - W014 `unnumbered-heading`
/// - W015 `task-without-units`
/// - W016 `unknown-clause-label`
/// - W017 `unclosed-clause`
/// - W019 `stray-paragraph`
/// - W020 `missing-task-number`
/// - W021 `task-number-format`
const RULES: &[(Code, Rule)] = &[
    (Code::TaskNumberSequence, Whole(number_sequence::tasks)),
    (
        Code::CategoryNumberSequence,
        Whole(number_sequence::categories),
    ),
    (Code::EmptyUnitCell, Whole(empty_unit_cell::check)),
    (Code::StraySeparator, Cells(stray_separator::start)),
    (Code::ExtractionArtifact, Cells(extraction_artifact::start)),
    (Code::StrayWhitespace, Cells(stray_whitespace::start)),
    (Code::NearMissUnit, Whole(near_miss_unit::check)),
    (Code::DuplicateTask, Whole(duplicate_task::check)),
    (Code::WhitespaceOnlyLine, Whole(whitespace_only_line::check)),
    (Code::HeadingWithoutTab, Whole(heading_without_tab::check)),
    (
        Code::UnexpectedColumnLabel,
        Whole(unexpected_column_label::check),
    ),
    (Code::MissingTitle, Whole(missing_title::check)),
    (
        Code::UnitMappingMismatch,
        Whole(unit_mapping_mismatch::check),
    ),
    (
        Code::InconsistentSeparators,
        Whole(inconsistent_separators::check),
    ),
];

/// Every warning code, in order: the rules' of `RULES` and the parser's
/// warnings (W014–W017, W019–W021), which [`check`] reports.
pub fn rules() -> impl Iterator<Item = Code> {
    Code::ALL
        .iter()
        .copied()
        .filter(|c| c.as_str().starts_with('W'))
}

/// Runs the enabled lint rules over `doc`, which was parsed from `source`
/// (the spans of `doc` index into it), and returns the findings sorted by
/// where they start.
///
/// A document built or edited in code may lack spans; rules that need a
/// span skip the parts without one. Spans that do not fit `source` are
/// ignored, never a panic.
pub fn lint(doc: &Document<'_>, source: &str, config: &LintConfig) -> Vec<Diagnostic> {
    run(Context::new(doc, source, config))
}

/// Runs every rule `cx`'s configuration enables; the findings sorted by
/// where they start, then by code.
fn run(cx: Context<'_, '_>) -> Vec<Diagnostic> {
    let mut out = run_unsorted(cx);
    sort_stably(&mut out, |_, d| sort_key(d, true));
    out
}

/// Where a finding goes in `check`'s order: by where it starts; at one
/// place, the parser's warnings first (in the order the parser gave them),
/// then the lint findings by code.
fn sort_key(d: &Diagnostic, lint: bool) -> u64 {
    let code = if lint { d.code() as u64 } else { 0 };
    (d.span().start as u64) << 17 | u64::from(lint) << 16 | code
}

/// `d` as `config` asks: `None` if its code is off, else at the
/// severity set for it.
fn configured(config: &LintConfig, d: Diagnostic) -> Option<Diagnostic> {
    let code = d.code();
    config
        .is_enabled(code)
        .then(|| d.with_severity(config.severity_of(code)))
}

/// [`run`], the findings in the order the rules gave them.
fn run_unsorted(cx: Context<'_, '_>) -> Vec<Diagnostic> {
    let config = cx.config;
    let mut out = Vec::new();
    let mut cell_rules = Vec::new();
    for &(code, rule) in RULES {
        if config.is_enabled(code) {
            match rule {
                Whole(check) => check(&cx, &mut out),
                Cells(start) => cell_rules.extend(start(&cx, &mut out)),
            }
        }
    }
    cells::walk(&cx, &mut cell_rules, &mut out);
    out.into_iter()
        .filter_map(|d| configured(config, d))
        .collect()
}

/// Sorts `findings` by `key` (given each one's place and itself), findings
/// of equal keys in the order they came (a stable sort), without the copy
/// of the findings that the standard library's stable sort takes as
/// scratch (8 MB for 83,000 findings or more, at the peak of `check` on
/// documents with a finding per task): the keys are sorted with their
/// places, then each finding is moved once to where it goes.
fn sort_stably<T>(findings: &mut [T], key: impl Fn(usize, &T) -> u64) {
    // The place a finding comes from after its key: equal keys keep their
    // order, and the sort need not be stable.
    let mut order: Vec<(u64, usize)> = findings
        .iter()
        .enumerate()
        .map(|(i, d)| (key(i, d), i))
        .collect();
    order.sort_unstable();
    // `findings[k]` is to hold what `findings[order[k].1]` holds now: each
    // cycle of places is followed once, from its first place, each place
    // marked done (its own) as it is filled.
    for first in 0..order.len() {
        let mut k = first;
        while let Some(slot) = order.get_mut(k) {
            let from = std::mem::replace(&mut slot.1, k);
            if from == first {
                break; // the cycle is closed (or `first` was done)
            }
            findings.swap(k, from);
            k = from;
        }
    }
}

/// Checks a document's text as `fengong check` does: the parse errors if it
/// has any (lint rules read only documents that parse), else the parse
/// warnings and every enabled lint finding; sorted by where they start.
///
/// ```
/// let text = std::fs::read_to_string("seeds/000_ecc403549f0e7389.txt")?;
/// let findings = fengong::lint::check(&text, &Default::default());
/// assert!(findings.iter().all(|d| !d.is_error()));
/// assert!(findings.iter().any(|d| d.code() == fengong::Code::NearMissUnit));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn check(text: &str, config: &LintConfig) -> Vec<Diagnostic> {
    // The parser's cells are the lint rules' cells: the table is lexed
    // once.
    let (parsed, cells) = crate::parse::parse_keeping_cells(text);
    if parsed.has_errors() {
        let mut errors = parsed.diagnostics;
        sort_stably(&mut errors, |_, d| d.span().start as u64);
        return errors;
    }
    let cx = match cells {
        Some(cells) => Context::with_cells(&parsed.document, text, config, cells),
        None => Context::new(&parsed.document, text, config),
    };
    // The lint findings, then the parser's own warnings (an unnumbered
    // heading, a task without units, …), which are rules like the others:
    // selected and ranked by the configuration. One sort for both, and the
    // findings are not copied into a vector of the warnings.
    let mut found = run_unsorted(cx);
    let lint = found.len();
    found.extend(
        parsed
            .diagnostics
            .into_iter()
            .filter_map(|d| configured(config, d)),
    );
    sort_stably(&mut found, |i, d| sort_key(d, i < lint));
    found
}

/// How many times [`fix`] checks and fixes a text at most: a fix can reveal
/// another (a space left between two separators, one of them deleted), so
/// one pass is not always enough, and a bound keeps the loop finite.
pub const MAX_FIX_PASSES: usize = 4;

/// A text after [`fix`]: the new text, and how many fixes were applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    /// The fixed text (the input itself when nothing applied).
    pub text: String,
    /// How many fixes were applied over all passes.
    pub applied: usize,
}

/// Applies the fixes of [`check`]'s findings until none applies, at most
/// [`MAX_FIX_PASSES`] times: the safe fixes, and the unsafe ones too if
/// `include_unsafe`. A text with parse errors is not touched, and a pass
/// whose result would not parse is dropped. This is the loop `fengong check
/// --fix` runs.
///
/// ```
/// let text = std::fs::read_to_string("seeds/000_ecc403549f0e7389.txt")?;
/// let fixed = fengong::lint::fix(&text, &Default::default(), false);
/// assert_eq!(fixed.applied, 6);
/// assert!(!fixed.text.contains("[bookmark:"));
/// assert_eq!(fengong::parse(&fixed.text)?, fengong::parse(&text)?);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn fix(text: &str, config: &LintConfig, include_unsafe: bool) -> Fixed {
    let mut current: Option<String> = None;
    let mut applied = 0;
    for _ in 0..MAX_FIX_PASSES {
        let now = current.as_deref().unwrap_or(text);
        let diagnostics = check(now, config);
        if diagnostics.iter().any(Diagnostic::is_error) {
            break;
        }
        let (next, done) = crate::edit::apply_fixes(now, &diagnostics, include_unsafe);
        if done.is_empty() || crate::parse(&next).is_err() {
            break;
        }
        applied += done.len();
        current = Some(next);
    }
    Fixed {
        text: current.unwrap_or_else(|| text.to_string()),
        applied,
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::*;
    use super::*;
    use crate::diagnostic::Severity;

    #[test]
    fn severity_override_applies() {
        let text = format!("{HEAD}\t（一）类\n{}", rows(&[("1", "文本", "", "乙")]));
        let config = LintConfig {
            severity: [(Code::EmptyUnitCell, Severity::Error)].into(),
            ..LintConfig::default()
        };
        let found = only_with(&text, Code::EmptyUnitCell, config);
        assert_eq!(found.len(), 1);
        assert!(found[0].is_error());
    }

    proptest::proptest! {
        /// The sort through the keys' places is the standard library's
        /// stable sort: equal keys (many, from a few values) keep their
        /// order.
        #[test]
        fn sort_stably_is_a_stable_sort(
            keys in proptest::collection::vec(0u64..6, 0..400),
        ) {
            let mut items: Vec<(u64, usize)> = keys.iter().copied().zip(0..).collect();
            let mut expected = items.clone();
            expected.sort_by_key(|&(k, _)| k);
            sort_stably(&mut items, |_, &(k, _)| k);
            proptest::prop_assert_eq!(&items, &expected);
            // The place given to the key is the place before the sort.
            sort_stably(&mut items, |i, _| (keys.len() - i) as u64);
            expected.reverse();
            proptest::prop_assert_eq!(items, expected);
        }
    }

    /// `check`'s order, against the standard library's stable sorts of the
    /// rules' findings as they come: by start and code, then the parser's
    /// warnings and those by start, on every fixture and seed, and on a
    /// list whose parser warnings start where lint findings do.
    #[test]
    fn check_sorts_as_the_stable_sorts_do() {
        let config = LintConfig::default();
        // Task 3 is W001's and W015's, at its number; task 4 W015's, and
        // W008's at its text.
        let list = "关于印发工作方案的通知\n\n一、总体要求\n1.推进甲项工作落实见效。（牵头单位：市财政局）\n3.推进乙项工作落实。\n4.推进甲项工作落实见效。\n";
        let found = check(list, &config);
        assert_eq!(
            found.iter().map(|d| d.code().as_str()).collect::<Vec<_>>(),
            ["W015", "W001", "W015", "W008"]
        );
        let mut texts = vec![list.to_owned()];
        for dir in [
            "fixtures",
            "fixtures/family",
            "fixtures/invalid",
            "fixtures/lint",
            "seeds",
        ] {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                if entry.path().extension().is_some_and(|e| e == "txt") {
                    texts.extend(std::fs::read_to_string(entry.path()));
                }
            }
        }
        assert!(texts.len() >= 40, "{} documents", texts.len());
        for text in &texts {
            let found = check(text, &config);
            let (parsed, cells) = crate::parse::parse_keeping_cells(text);
            let mut expected = if parsed.has_errors() {
                parsed.diagnostics.clone()
            } else {
                let cx = match cells {
                    Some(cells) => Context::with_cells(&parsed.document, text, &config, cells),
                    None => Context::new(&parsed.document, text, &config),
                };
                let mut lint = run_unsorted(cx);
                lint.sort_by_key(|d| (d.span().start, d.code()));
                let mut all = parsed.diagnostics.clone();
                all.extend(lint);
                all
            };
            expected.sort_by_key(|d| d.span().start);
            let seen = |d: &Diagnostic| (d.span(), d.code(), d.message().to_owned());
            assert_eq!(
                found.iter().map(seen).collect::<Vec<_>>(),
                expected.iter().map(seen).collect::<Vec<_>>(),
                "{}",
                text.get(..200).unwrap_or(text)
            );
        }
    }

    #[test]
    fn findings_are_sorted_and_spans_checked() {
        let text = std::fs::read_to_string("seeds/000_ecc403549f0e7389.txt").unwrap();
        let doc = crate::parse(&text).unwrap();
        let found = lint(&doc, &text, &LintConfig::default());
        assert!(found
            .windows(2)
            .all(|w| w[0].span().start <= w[1].span().start));
        // A document whose spans do not fit the text: no panic.
        let _ = lint(&doc, "短", &LintConfig::default());
        let _ = lint(&doc, "", &LintConfig::default());
        for cut in (0..text.len()).step_by(301) {
            let cut = (cut..text.len())
                .find(|&i| text.is_char_boundary(i))
                .unwrap_or(0);
            let _ = lint(&doc, &text[cut..], &LintConfig::default());
            let _ = lint(&doc, &text[..cut], &LintConfig::default());
        }
        // A document built in code: no spans, no panic.
        let built = crate::Document::new("标题", "甲", "乙");
        assert!(lint(&built, "", &LintConfig::default())
            .iter()
            .all(|d| d.code() != Code::TaskNumberSequence));
    }

    #[test]
    fn broken_documents_lint_without_panic() {
        let text = std::fs::read_to_string("seeds/000_ecc403549f0e7389.txt").unwrap();
        let mut cuts: Vec<usize> = (0..text.len()).step_by(97).collect();
        cuts.push(text.len());
        for cut in cuts {
            let cut = (cut..=text.len())
                .find(|&i| text.is_char_boundary(i))
                .unwrap_or(0);
            for piece in [&text[..cut], &text[cut..]] {
                let parsed = crate::parse_tolerant(piece);
                let found = lint(&parsed.document, piece, &LintConfig::default());
                for d in &found {
                    assert!(d.span().end <= piece.len());
                    for e in d.fix().iter().flat_map(|f| f.edits.iter()) {
                        assert!(piece.is_char_boundary(e.span.start));
                        assert!(piece.is_char_boundary(e.span.end));
                    }
                }
            }
        }
    }

    #[test]
    fn the_registry_holds_every_warning_the_parser_does_not_emit() {
        let parser = [
            Code::UnnumberedHeading,
            Code::TaskWithoutUnits,
            Code::UnknownClauseLabel,
            Code::UnclosedClause,
            Code::StrayParagraph,
            Code::MissingTaskNumber,
            Code::TaskNumberFormat,
        ];
        let registered: Vec<Code> = RULES.iter().map(|&(code, _)| code).collect();
        assert!(registered.windows(2).all(|w| w[0] < w[1]), "in code order");
        let mut all: Vec<Code> = registered.iter().chain(&parser).copied().collect();
        all.sort();
        assert_eq!(all, rules().collect::<Vec<_>>());
    }
}
