//! Tests of `check`'s count of fixes against the library's fix loop.

use super::*;

#[test]
fn fixes_are_counted_as_the_library_applies_them() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts =
        vec![std::fs::read_to_string(root.join("seeds/000_ecc403549f0e7389.txt")).unwrap()];
    for entry in std::fs::read_dir(root.join("fixtures/family")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            if let Ok(text) = std::fs::read_to_string(&path) {
                texts.push(text);
            }
        }
    }
    let config = LintConfig::default();
    for text in &texts {
        for include_unsafe in [false, true] {
            let library = fengong::lint::fix(text, &config, include_unsafe);
            let (fixed, counts) = fix_counting(text, &config, include_unsafe);
            assert_eq!(fixed.as_deref().unwrap_or(text), library.text);
            assert_eq!(
                counts.iter().map(|(_, n)| n).sum::<usize>(),
                library.applied
            );
        }
    }
    let (_, seed) = fix_counting(&texts[0], &config, false);
    assert_eq!(
        seed,
        [
            (Code::StraySeparator, 2),
            (Code::ExtractionArtifact, 1),
            (Code::StrayWhitespace, 1),
            (Code::WhitespaceOnlyLine, 1),
            (Code::HeadingWithoutTab, 1)
        ]
    );
}
