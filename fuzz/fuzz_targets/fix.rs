//! Lint fixes on any text that parses. All fixes at once (as one pass of
//! `check --fix`), with safe fixes only and with unsafe ones too: the fixed
//! text parses without errors and prints back, and with safe fixes only it
//! reads back the same document (safe fixes change layout and clutter
//! only); and if every fix was applied (none overlapped another and had to
//! wait for a later pass), no fixed finding is found again at its place.
//! Each fix on its own (the first 32 of an input): the same checks.
//!
//! "At its place": a fix shifts offsets, so the start of each finding of the
//! fixed text is mapped back to the original text through the fix's edits:
//! a character the edits kept maps to its own original offset, a character
//! of an edit's replacement to the whole span the edit replaced. The
//! findings of the fix's code whose start maps onto its finding's start must
//! be fewer than the findings of that code that started there before: the
//! fix removes its own finding, while another finding of the same code at
//! the same place (a repeated task number that is also out of order) may
//! stay. When some fix had to wait for a later pass, the others are not
//! checked for their places: what they leave may need that fix (a space
//! between two separators, one of them deleted), which is what the passes of
//! `check --fix` are for.

#![no_main]

use fengong::lint::{lint, LintConfig};
use fengong::{Applicability, Code, Diagnostic, Document, Edit};
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/same_findings.rs"]
mod same_findings;

/// The original offsets that `p`, the start of a finding in the fixed text,
/// stands for: `(lo, hi)`, inclusive. The character at `p` is either text
/// the edits kept, which stands for its own original offset (after edits
/// that deleted text just before it too), or part of an edit's replacement,
/// which stands for the whole span that edit replaced.
fn map_back(edits: &[&Edit], p: usize) -> (usize, usize) {
    // `delta` is (new offset) - (old offset) in the text between edits.
    let mut delta: isize = 0;
    for e in edits {
        let new_start = (e.span.start as isize + delta) as usize;
        let new_end = new_start + e.replacement.len();
        if p < new_start {
            break;
        }
        if p < new_end {
            return (e.span.start, e.span.end);
        }
        delta += e.replacement.len() as isize - (e.span.end - e.span.start) as isize;
    }
    let old = (p as isize - delta) as usize;
    (old, old)
}

/// How many fixes of one input are also checked one by one.
const ONE_BY_ONE: usize = 32;

/// Applies the fixes of `chosen` (taken from `findings`, the findings of
/// `text`) and checks the fixed text: it parses without errors and prints
/// back; with safe fixes only it reads back `doc`; and if `own` (one fix
/// applied alone) or if every fix chosen was applied, each fixed finding is
/// gone from its place.
fn check_fixes(
    text: &str,
    doc: &Document<'_>,
    findings: &[Diagnostic],
    chosen: &[Diagnostic],
    include_unsafe: bool,
    own: bool,
) {
    let (fixed, applied) = fengong::edit::apply_fixes(text, chosen, include_unsafe);
    if applied.is_empty() {
        assert_eq!(fixed, text);
        return;
    }
    let codes: Vec<Code> = applied.iter().map(|d| d.code()).collect();
    let after = match fengong::parse(&fixed) {
        Ok(after) => after,
        Err(e) => panic!(
            "fixed text does not parse: {e}\napplied: {codes:?}\nbefore: {text:?}\nafter: {fixed:?}"
        ),
    };
    assert_eq!(after.to_string(), fixed);
    if applied
        .iter()
        .all(|d| d.fix().unwrap().applicability == Applicability::Safe)
    {
        assert_eq!(
            &after, doc,
            "a safe fix changed the document\napplied: {codes:?}\nbefore: {text:?}\nafter: {fixed:?}"
        );
    }
    // When every fix was applied (none waited for a later pass), each
    // fixed finding is gone from its place.
    let wanted = chosen
        .iter()
        .filter_map(|d| d.fix())
        .filter(|f| include_unsafe || f.applicability == Applicability::Safe)
        .count();
    if !own && applied.len() < wanted {
        return;
    }
    let mut edits: Vec<&Edit> = applied
        .iter()
        .flat_map(|d| d.fix().unwrap().edits.iter())
        .collect();
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    let again = lint(&after, &fixed, &LintConfig::default());
    // At each place (code, start) of a fix, the findings of that code whose
    // start maps onto that start are fewer than before, by the number of
    // fixes applied there (another finding of the code at the same place
    // may stay: a repeated task number that is also out of order).
    let mut places: Vec<(Code, usize)> =
        applied.iter().map(|d| (d.code(), d.span().start)).collect();
    places.sort();
    places.dedup();
    for (code, start) in places {
        let fixed_here = applied
            .iter()
            .filter(|d| d.code() == code && d.span().start == start)
            .count();
        let here: Vec<&Diagnostic> = findings
            .iter()
            .filter(|n| n.code() == code && n.span().start == start)
            .collect();
        let back: Vec<&Diagnostic> = again
            .iter()
            .filter(|n| n.code() == code)
            .filter(|n| {
                let (lo, hi) = map_back(&edits, n.span().start);
                lo <= start && start <= hi
            })
            .collect();
        assert!(
            back.len() + fixed_here <= here.len(),
            "{code} fixed but found again at its place (byte {start}; {} applied)\nbefore: {here:?}\nafter: {back:?}\ntext before: {text:?}\ntext after: {fixed:?}",
            applied.len()
        );
    }
}

fn check(text: &str) {
    let parsed = fengong::parse_tolerant(text);
    if parsed.has_errors() {
        return;
    }
    // The loop `check --fix` runs: what it leaves parses, and with safe
    // fixes only reads back the same document.
    for include_unsafe in [false, true] {
        let fixed = fengong::lint::fix(text, &LintConfig::default(), include_unsafe);
        let after = match fengong::parse(&fixed.text) {
            Ok(after) => after,
            Err(e) => panic!(
                "lint::fix left text that does not parse: {e}\nbefore: {text:?}\nafter: {:?}",
                fixed.text
            ),
        };
        if !include_unsafe {
            assert_eq!(
                after, parsed.document,
                "lint::fix's safe fixes changed the document\nbefore: {text:?}\nafter: {:?}",
                fixed.text
            );
        }
    }
    let findings = lint(&parsed.document, text, &LintConfig::default());
    same_findings::assert_check_finds_what_lint_finds(
        text,
        &parsed,
        &findings,
        &format!("{text:?}"),
    );
    // All at once, as `check --fix` applies them in one pass: safe fixes
    // only, then unsafe ones too.
    for include_unsafe in [false, true] {
        check_fixes(
            text,
            &parsed.document,
            &findings,
            &findings,
            include_unsafe,
            false,
        );
    }
    // One by one: each fix on its own removes its finding. (Together, a fix
    // may wait for a later pass because it overlaps another, and what the
    // two leave can be found again.)
    for d in findings
        .iter()
        .filter(|d| d.fix().is_some())
        .take(ONE_BY_ONE)
    {
        check_fixes(
            text,
            &parsed.document,
            &findings,
            std::slice::from_ref(d),
            true,
            true,
        );
    }
}

fuzz_target!(|bytes: &[u8]| {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    check(text);
});
