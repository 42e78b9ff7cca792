//! Helpers for the rules' unit tests.

use crate::diagnostic::{Code, Diagnostic};

use super::{lint, LintConfig};

/// The header every small test document starts with.
pub(crate) const HEAD: &str =
    "附件：\n东疆重点任务清单和责任分工表\n\t序号\n\t工作任务\n\t滨海新区\n责任单位\n\t东疆\n责任单位\n\n";

/// Lints `text` (parsed tolerantly) with only `code` enabled.
pub(crate) fn only(text: &str, code: Code) -> Vec<Diagnostic> {
    only_with(text, code, LintConfig::default())
}

/// The one finding of `code` in `text`, which must offer no fix (a fix
/// that would change what the document reads as).
#[track_caller]
pub(crate) fn one_without_fix(text: &str, code: Code) -> Diagnostic {
    let found = only(text, code);
    let [one] = &found[..] else {
        panic!("expected one {code:?} finding: {found:#?}");
    };
    assert!(one.fix().is_none(), "expected no fix: {one:#?}");
    one.clone()
}

/// Lints `text` with only `code` enabled on top of `config`.
pub(crate) fn only_with(text: &str, code: Code, mut config: LintConfig) -> Vec<Diagnostic> {
    let parsed = crate::parse_tolerant(text);
    config.select = vec![code];
    lint(&parsed.document, text, &config)
}

/// Applies the fixes of `findings` to `text` ([`apply`]) and checks that
/// the document reads the same; the fixed text.
#[track_caller]
pub(crate) fn apply_same(text: &str, findings: &[Diagnostic]) -> String {
    let fixed = apply(text, findings);
    assert_eq!(
        crate::parse_tolerant(&fixed).document,
        crate::parse_tolerant(text).document,
        "the fixes changed the document: {fixed:?}"
    );
    fixed
}

/// Applies the edits of every fix of `findings` to `text`.
pub(crate) fn apply(text: &str, findings: &[Diagnostic]) -> String {
    let mut edits: Vec<_> = findings
        .iter()
        .filter_map(|d| d.fix())
        .flat_map(|f| f.edits.iter())
        .collect();
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = text.to_string();
    for e in edits.iter().rev() {
        out.replace_range(e.span.range(), &e.replacement);
    }
    out
}

/// The task rows of a document: `(number, text, district, local)`.
pub(crate) fn rows(rows: &[(&str, &str, &str, &str)]) -> String {
    let mut out = String::new();
    for (n, t, d, l) in rows {
        out.push_str(&format!("\t{n}\n\t{t}\n\t{d}\n\t{l}\n\n"));
    }
    out
}
