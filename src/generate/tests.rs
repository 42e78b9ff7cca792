//! Tests of the generated documents: they parse into what was generated,
//! print back their bytes, and their distributions are as documented.

use super::vocab::PAREN_UNIT;
use super::*;
use crate::model::{Category, Task};

fn check(options: &GenerateOptions) -> String {
    let (text, expected) = generate_with_document(options);
    let doc = match crate::parse(&text) {
        Ok(doc) => doc,
        Err(e) => panic!("{options:?} does not parse: {e}"),
    };
    assert_eq!(doc.to_string(), text, "{options:?} does not print back");
    assert_eq!(doc, expected, "{options:?} parses to other values");
    assert_eq!(
        generate(options),
        text,
        "{options:?} differs without a model"
    );
    let numbers: Vec<u32> = doc.tasks().map(Task::number).collect();
    assert!(numbers.iter().copied().eq(1..=numbers.len() as u32));
    if !options.quirks {
        assert_eq!(
            crate::to_canonical_string_with(&doc, options.line_ending),
            text.strip_prefix('\u{feff}').unwrap_or(&text),
            "{options:?} is not canonical"
        );
    }
    let categories: Vec<u32> = doc.categories().iter().map(Category::number).collect();
    assert!(categories.iter().copied().eq(1..=categories.len() as u32));
    assert!(categories.len() >= options.categories);
    assert!(text.len() >= options.min_len);
    text
}

#[test]
fn small_documents_parse_and_print_back() {
    for seed in 0..8 {
        for categories in [0, 1, 3, 28] {
            for line_ending in [LineEnding::Lf, LineEnding::CrLf, LineEnding::Cr] {
                for quirks in [true, false] {
                    check(&GenerateOptions {
                        seed,
                        categories,
                        quirks,
                        line_ending,
                        bom: seed % 3 == 0,
                        ..GenerateOptions::default()
                    });
                }
            }
        }
    }
}

#[test]
fn task_counts_follow_the_options() {
    for (min_tasks, max_tasks) in [(0, 0), (0, 3), (2, 2), (5, 1)] {
        let options = GenerateOptions {
            seed: 5,
            categories: 40,
            min_tasks,
            max_tasks,
            ..GenerateOptions::default()
        };
        let text = check(&options);
        let Ok(doc) = crate::parse(&text) else {
            panic!("does not parse")
        };
        for category in doc.categories() {
            let n = category.tasks().len();
            assert!(n >= min_tasks && n <= max_tasks.max(min_tasks), "{n}");
        }
    }
}

#[test]
fn thousands_of_categories() {
    let options = GenerateOptions {
        seed: 11,
        categories: 1_050,
        min_tasks: 1,
        max_tasks: 1,
        ..GenerateOptions::default()
    };
    let text = check(&options);
    let Ok(doc) = crate::parse(&text) else {
        panic!("does not parse")
    };
    assert_eq!(doc.categories().len(), 1_050);
    assert_eq!(doc.category(1_000).map(Category::numeral), Some("一千"));
    assert_eq!(doc.category(1_001).map(Category::numeral), Some("一千零一"));
    assert_eq!(
        doc.category(1_050).map(Category::numeral),
        Some("一千零五十")
    );
}

#[test]
fn documents_of_a_length() {
    for (target, seed) in [(0, 1), (1, 2), (1_000, 3), (50_000, 4), (400_000, 5)] {
        let text = generate_bytes_at_least(target, seed);
        assert!(text.len() >= target);
        check(&GenerateOptions::with_min_len(target, seed));
    }
    for line_ending in [LineEnding::CrLf, LineEnding::Cr] {
        check(&GenerateOptions {
            line_ending,
            bom: true,
            ..GenerateOptions::with_min_len(200_000, 6)
        });
    }
}

#[test]
fn same_seed_same_bytes() {
    for seed in [0, 1, u64::MAX] {
        let a = generate_bytes_at_least(30_000, seed);
        assert_eq!(a, generate_bytes_at_least(30_000, seed));
        assert_ne!(a, generate_bytes_at_least(30_000, seed ^ 1));
    }
    // Pinned: the same bytes on every platform and release.
    let text = generate(&GenerateOptions::default());
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    assert_eq!((text.len(), hash), PINNED, "the generator's output changed");
}

/// Length and FNV-1a hash of `generate(&GenerateOptions::default())`.
const PINNED: (usize, u64) = (28_316, 332_375_033_013_885_710);

#[test]
fn plain_documents_are_canonical() {
    for seed in 0..4 {
        let text = generate(&GenerateOptions {
            seed,
            categories: 60,
            quirks: false,
            ..GenerateOptions::default()
        });
        let Ok(doc) = crate::parse(&text) else {
            panic!("does not parse")
        };
        assert_eq!(crate::to_canonical_string(&doc), text);
    }
}

#[test]
fn quirks_show_up() {
    let text = generate(&GenerateOptions {
        seed: 2,
        categories: 1_500,
        ..GenerateOptions::default()
    });
    for quirk in [
        "\n\t\n\t",               // a filler cell before a task
        "\t\n\n\n（",             // blank lines in a heading cell
        "）\n",                   // a title on the next line
        "\t （",                  // a space before a heading
        "\t\u{3000}（",           // an ideographic one
        "[bookmark: RANGE!C",     // an artifact
        "、\n\n",                 // a trailing 、
        "、\n区",                 // a unit cell wrapped after a 、
        "各街镇（开发区、园区）", // a 、 inside parentheses
        "\t滨海新区\n责任单位\n", // a wrapped column label
        "\n\n\n\t（",             // two blank lines before a heading
        "\n\t（一千零一）",       // numerals past 一千
    ] {
        assert!(text.contains(quirk), "no {quirk:?}");
    }
    assert!(text.ends_with("人社局\n ") || text.ends_with("\n "));
    let Ok(doc) = crate::parse(&text) else {
        panic!("does not parse")
    };
    // A text over two lines, read joined.
    assert!(doc.tasks().any(|t| {
        t.text_span()
            .is_some_and(|s| text[s.range()].contains('\n') && !t.text().contains('\n'))
    }));
    assert!(doc.tasks().all(|t| !t.text().contains("bookmark")));
    assert!(doc
        .tasks()
        .any(|t| t.units().district_names().any(|n| n == PAREN_UNIT)));
    let same_row = doc.categories().iter().filter(|c| {
        let (Some(heading), Some(task)) = (c.span(), c.tasks().first().and_then(Task::span)) else {
            return false;
        };
        !text[heading.end..task.start].contains('\n')
    });
    assert!(same_row.count() > 100);
}
