//! The fuzzers' seed corpora (`fuzz/seeds/`), replayed in CI through the
//! same properties the fuzz targets check, so that what they cover cannot
//! regress without a fuzzing run: any bytes decode or give E002; the
//! tolerant parse prints back its input; the lint rules run without a
//! panic; safe fixes leave a document that reads back the same; a valid
//! document's canonical text is a fixed point.

use std::path::Path;

use fengong::lint::{lint, LintConfig};
use fengong::{parse, parse_tolerant, source, to_canonical_string};

#[path = "common/same_findings.rs"]
mod same_findings;

fn corpus(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/seeds")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| (path.display().to_string(), std::fs::read(&path).unwrap()))
        .collect()
}

/// Replays one seed; whether its document was valid, so that its
/// canonical text was checked.
fn replay(name: &str, bytes: &[u8]) -> bool {
    let Ok(decoded) = source::decode(bytes) else {
        return false;
    };
    let text = decoded.text();
    let parsed = parse_tolerant(text);
    assert_eq!(parsed.document.to_string(), text, "{name}: print-back");
    let findings = lint(&parsed.document, text, &LintConfig::default());
    // Every span, of the parser's diagnostics and the findings, their
    // secondary labels and their fixes, is a slice of the text.
    let on_text = |span: fengong::Span| text.get(span.range()).is_some();
    for d in parsed.diagnostics.iter().chain(&findings) {
        assert!(on_text(d.span()), "{name}: {d:?}");
        assert!(
            d.secondary().iter().all(|l| on_text(l.span)),
            "{name}: {d:?}"
        );
        for e in d.fix().iter().flat_map(|f| f.edits.iter()) {
            assert!(on_text(e.span), "{name}: {d:?}");
        }
    }
    if parsed.has_errors() {
        return false;
    }
    same_findings::assert_check_finds_what_lint_finds(text, &parsed, &findings, name);
    let doc = parse(text).unwrap_or_else(|e| panic!("{name}: {e}"));
    let canonical = to_canonical_string(&doc);
    // The canonical layout holds what `validate` accepts; a document it
    // refuses (a column without a label, a task with nothing in its row)
    // may write what reads back as another document.
    let valid = doc.validate().is_empty();
    if valid {
        let again = parse(&canonical)
            .unwrap_or_else(|e| panic!("{name}: a valid document's canonical text: {e}"));
        assert_eq!(
            to_canonical_string(&again),
            canonical,
            "{name}: canonical is a fixed point"
        );
    }
    let (fixed, applied) = fengong::edit::apply_fixes(text, &findings, false);
    if !applied.is_empty() {
        let after =
            parse(&fixed).unwrap_or_else(|e| panic!("{name}: safe fixes broke the document: {e}"));
        assert_eq!(after, doc, "{name}: safe fixes changed the document");
    }
    // The loop `check --fix` runs, safe fixes only and with unsafe ones.
    let fixed = fengong::lint::fix(text, &LintConfig::default(), false);
    let after =
        parse(&fixed.text).unwrap_or_else(|e| panic!("{name}: lint::fix broke the document: {e}"));
    assert_eq!(
        after, doc,
        "{name}: lint::fix's safe fixes changed the document"
    );
    let fixed = fengong::lint::fix(text, &LintConfig::default(), true);
    parse(&fixed.text)
        .unwrap_or_else(|e| panic!("{name}: lint::fix with unsafe fixes broke the document: {e}"));
    valid
}

/// Replays a fuzz target's corpus, which must have ten seeds or more, and
/// ten valid ones whose canonical text is checked.
fn replay_corpus(target: &str) {
    let seeds = corpus(target);
    assert!(seeds.len() >= 10, "the corpus is there");
    let valid = seeds
        .iter()
        .filter(|(name, bytes)| replay(name, bytes))
        .count();
    eprintln!("{target}: {valid} of {} seeds valid", seeds.len());
    assert!(
        valid >= 10,
        "only {valid} seeds had their canonical text checked"
    );
}

#[test]
fn decode_parse_seeds() {
    replay_corpus("decode_parse");
}

#[test]
fn fix_seeds() {
    replay_corpus("fix");
}

#[test]
fn canonical_seeds_as_text() {
    for (name, bytes) in &corpus("canonical") {
        replay(name, bytes);
    }
}
