//! Tests of the other forms ([`Form`](super::Form)) and text kinds
//! ([`TextKind`](super::TextKind)).

use super::*;
use crate::Layout;

#[test]
fn every_form_and_kind_parses_into_what_was_generated() {
    for form in Form::ALL {
        for text in TextKind::ALL {
            for (seed, quirks, line_ending) in [
                (1, true, LineEnding::Lf),
                (2, false, LineEnding::Lf),
                (3, true, LineEnding::CrLf),
                (4, false, LineEnding::Cr),
            ] {
                let options = GenerateOptions {
                    seed,
                    categories: 12,
                    min_tasks: 0,
                    max_tasks: 6,
                    quirks,
                    line_ending,
                    bom: seed == 3,
                    text,
                    form,
                    ..GenerateOptions::default()
                };
                let (generated, expected) = generate_with_document(&options);
                let doc = crate::parse(&generated)
                    .unwrap_or_else(|e| panic!("{options:?} does not parse: {e}"));
                assert_eq!(doc, expected, "{options:?}");
                assert_eq!(doc.to_string(), generated, "{options:?}");
                assert_eq!(doc.layout() == Layout::List, form.is_list());
                assert_eq!(doc.categories().len(), 12);
                assert_eq!(generate(&options), generated);
                // The canonical list puts units in a clause.
                if !quirks && form != Form::LabelList {
                    let canonical = crate::to_canonical_string_with(&doc, line_ending);
                    let plain = generated.strip_prefix('\u{feff}').unwrap_or(&generated);
                    assert_eq!(canonical, plain, "{options:?} is not canonical");
                }
            }
        }
    }
}

#[test]
fn large_documents_of_every_form_parse_without_errors() {
    for form in Form::ALL {
        let options = GenerateOptions {
            form,
            ..GenerateOptions::with_min_len(300_000, 5)
        };
        let (text, expected) = generate_with_document(&options);
        let parsed = crate::parse_tolerant(&text);
        assert!(
            parsed.diagnostics.iter().all(|d| !d.is_error()),
            "{}: {:?}",
            form.name(),
            parsed.diagnostics.first()
        );
        assert_eq!(parsed.document, expected, "{}", form.name());
    }
}

#[test]
fn kinds_draw_what_they_say() {
    let texts = |text: TextKind| -> Vec<String> {
        let generated = generate(&GenerateOptions {
            text,
            quirks: false,
            ..GenerateOptions::with_min_len(100_000, 8)
        });
        let doc = crate::parse(&generated).unwrap_or_else(|e| panic!("{e}"));
        doc.tasks().map(|t| t.text().to_string()).collect()
    };
    let equal = texts(TextKind::Equal);
    assert!(equal.len() > 100 && equal.iter().all(|t| *t == equal[0]));
    let tiny = texts(TextKind::Tiny);
    assert!(tiny.iter().all(|t| (1..=4).contains(&t.chars().count())));
    let long = texts(TextKind::Long);
    assert!(long.iter().all(|t| t.chars().count() >= 2_000));
    let small = texts(TextKind::SmallAlphabet);
    let mut chars: Vec<char> = small.iter().flat_map(|t| t.chars()).collect();
    chars.sort_unstable();
    chars.dedup();
    assert_eq!(chars.len(), 16);
    // No two distinct texts share a three-character shingle (nearly:
    // the draws are random, a few may).
    let distinct = texts(TextKind::Distinct);
    let mut shingles = std::collections::HashSet::new();
    let mut repeated = 0;
    let mut total = 0;
    for t in &distinct {
        let c: Vec<char> = t.chars().collect();
        for w in c.windows(3) {
            total += 1;
            repeated += usize::from(!shingles.insert(w.to_vec()));
        }
    }
    assert!(repeated * 1000 < total, "{repeated} of {total}");
    for kind in TextKind::ALL {
        assert_eq!(TextKind::from_name(kind.name()), Some(kind));
    }
    for form in Form::ALL {
        assert_eq!(Form::from_name(form.name()), Some(form));
    }
}
