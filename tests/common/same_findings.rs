//! One check shared by `tests/fuzz_corpus.rs` and the `fix` fuzz target
//! (`fuzz/fuzz_targets/fix.rs`, which includes this file by its path).

use fengong::lint::LintConfig;
use fengong::{Diagnostic, Parsed};

/// `lint::check` hands the lint pass the cells the parser kept; `lint`
/// lexes them again: the same findings either way (with the parser's own
/// warnings, which `check` adds). `findings` are `lint`'s on `parsed`, the
/// reading of `text` without errors, with the default configuration.
pub fn assert_check_finds_what_lint_finds(
    text: &str,
    parsed: &Parsed<'_>,
    findings: &[Diagnostic],
    name: &str,
) {
    let config = LintConfig::default();
    let key = |d: &Diagnostic| {
        (
            d.span().start,
            d.span().end,
            d.code(),
            d.message().to_string(),
        )
    };
    let mut via_check: Vec<_> = fengong::lint::check(text, &config)
        .iter()
        .map(key)
        .collect();
    let mut expected: Vec<_> = findings
        .iter()
        .chain(
            parsed
                .diagnostics
                .iter()
                .filter(|d| config.is_enabled(d.code())),
        )
        .map(key)
        .collect();
    via_check.sort();
    expected.sort();
    assert_eq!(via_check, expected, "{name}: lint::check and lint disagree");
}
