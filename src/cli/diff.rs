//! Unified diffs of what a rewrite would change.

/// A unified diff with `a/` and `b/` headers; empty if the texts are equal.
pub(crate) fn unified_diff(old: &str, new: &str, name: &str) -> String {
    if old == new {
        return String::new();
    }
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}
