//! Lint rules end to end: every document in `fixtures/lint/` (the codes it
//! gives, and a snapshot of the rendered findings with their fixes), the
//! seed's findings one by one, and safe fixes: applied to the seed and to
//! every fixture, they remove their findings and keep the document equal.

use std::path::Path;

use fengong::lint::{lint, LintConfig};
use fengong::render::{Report, Style};
use fengong::{Applicability, Code, Diagnostic, Document, Edit};

const DIR: &str = "fixtures/lint";
const SEED: &str = "seeds/000_ecc403549f0e7389.txt";

fn read(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    let bytes = std::fs::read(&full).unwrap_or_else(|e| panic!("{path}: {e}"));
    fengong::source::decode(&bytes)
        .unwrap_or_else(|e| panic!("{path}: {e}"))
        .text()
        .to_string()
}

/// The document and every finding `fengong check` reports on it: the
/// parser's own warnings and the lint rules'.
fn lint_text(text: &str) -> (Document<'_>, Vec<Diagnostic>) {
    let doc = fengong::parse(text).unwrap_or_else(|e| panic!("{e}"));
    let found = fengong::lint::check(text, &LintConfig::default());
    assert!(
        lint(&doc, text, &LintConfig::default())
            .iter()
            .all(|d| found.contains(d)),
        "check holds every finding of lint"
    );
    (doc, found)
}

/// The plain rendering of every finding, each followed by its fix.
fn shown(path: &str, text: &str, found: &[Diagnostic]) -> String {
    let report = Report::new(path, text);
    let mut out = Vec::new();
    for d in found {
        let mut s = report.render(d, Style::Plain);
        if !s.ends_with('\n') {
            s.push('\n');
        }
        if let Some(fix) = d.fix() {
            let kind = match fix.applicability {
                Applicability::Safe => "safe",
                Applicability::Unsafe => "unsafe",
            };
            s.push_str(&format!("fix ({kind}): {}\n", fix.message));
            for e in &fix.edits {
                let (a, b) = report.locate(e.span);
                s.push_str(&format!(
                    "  {a}..{b}: {:?} -> {:?}\n",
                    &text[e.span.range()],
                    e.replacement
                ));
            }
        }
        out.push(s);
    }
    if out.is_empty() {
        "no findings\n".to_string()
    } else {
        out.join("\n")
    }
}

/// Applies `edits` (which must not overlap) to `text`, last first.
fn apply(text: &str, edits: &[&Edit]) -> String {
    let mut edits = edits.to_vec();
    edits.sort_by_key(|e| (e.span.start, e.span.end));
    for pair in edits.windows(2) {
        assert!(
            pair[0].span.end <= pair[1].span.start,
            "overlapping edits {:?} and {:?}",
            pair[0],
            pair[1]
        );
    }
    let mut out = text.to_string();
    for e in edits.iter().rev() {
        out.replace_range(e.span.range(), &e.replacement);
    }
    out
}

fn edits_of(found: &[Diagnostic], applicability: Applicability) -> Vec<&Edit> {
    found
        .iter()
        .filter_map(Diagnostic::fix)
        .filter(|f| f.applicability == applicability)
        .flat_map(|f| f.edits.iter())
        .collect()
}

/// One test per fixture: `name: "file" => ["W001", …]` checks the codes (in
/// source order) and the snapshot `lint__<name>.snap`.
macro_rules! fixtures {
    ($($test:ident: $file:literal => [$($code:literal),* $(,)?],)*) => {
        const FIXTURES: &[(&str, &[&str])] = &[$(($file, &[$($code),*])),*];

        $(
            #[test]
            fn $test() {
                let path = format!("{DIR}/{}", $file);
                let text = read(&path);
                let (_, found) = lint_text(&text);
                let codes: Vec<&str> = found.iter().map(|d| d.code().as_str()).collect();
                let expected: &[&str] = &[$($code),*];
                assert_eq!(codes, expected, "{}", $file);
                insta::assert_snapshot!(stringify!($test), shown(&path, &text, &found));
            }
        )*
    };
}

fixtures! {
    clean: "clean.txt" => [],
    task_number_sequence: "task_number_sequence.txt" => ["W001", "W001", "W001", "W001"],
    category_number_sequence: "category_number_sequence.txt" => ["W002", "W002"],
    empty_unit_cell: "empty_unit_cell.txt" => ["W003", "W003"],
    stray_separator: "stray_separator.txt" => ["W004", "W004", "W004", "W004"],
    extraction_artifact: "extraction_artifact.txt" => ["W005", "W005"],
    stray_whitespace: "stray_whitespace.txt" => ["W006", "W006", "W006", "W006", "W006", "W006"],
    near_miss_unit: "near_miss_unit.txt" => ["W007"],
    unit_mapping_mismatch: "unit_mapping_mismatch.txt" => ["W013"],
    duplicate_task: "duplicate_task.txt" => ["W008", "W008"],
    whitespace_only_line: "whitespace_only_line.txt" => ["W009", "W009"],
    heading_without_tab: "heading_without_tab.txt" => ["W010", "W010"],
    unexpected_column_label: "unexpected_column_label.txt" => ["W011", "W011"],
    missing_title: "missing_title.txt" => ["W012"],
    unnumbered_heading: "unnumbered_heading.txt" => ["W014"],
    task_without_units: "task_without_units.txt" => ["W015"],
    unknown_clause_label: "unknown_clause_label.txt" => ["W016"],
    unclosed_clause: "unclosed_clause.txt" => ["W017"],
    inconsistent_separators: "inconsistent_separators.txt" => ["W018"],
    stray_paragraph: "stray_paragraph.txt" => ["W019"],
    missing_task_number: "missing_task_number.txt" => ["W020"],
    task_number_format: "task_number_format.txt" => ["W021"],
    task_number_format_gb18030: "task_number_format_gb18030.txt" => ["W021"],
}

#[test]
fn every_fixture_is_tested_and_every_rule_covered() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(DIR);
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".txt"))
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = FIXTURES.iter().map(|(f, _)| f.to_string()).collect();
    listed.sort();
    assert_eq!(on_disk, listed);
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
    for name in &listed {
        assert!(
            readme.contains(&format!("`{name}`")),
            "README.md lacks {name}"
        );
    }
    for code in fengong::lint::rules() {
        assert!(
            FIXTURES
                .iter()
                .any(|(_, codes)| codes.contains(&code.as_str())),
            "no fixture triggers {code}"
        );
    }
}

#[test]
fn seed_findings() {
    let text = read(SEED);
    let (doc, found) = lint_text(&text);
    let report = Report::new(SEED, &text);
    let seen: Vec<(String, usize, String)> = found
        .iter()
        .map(|d| {
            (
                d.code().to_string(),
                report.locate(d.span()).0.line,
                text[d.span().range()].chars().take(12).collect(),
            )
        })
        .collect();
    let expected = [
        // Task 6 repeats task 5 (守信 → 授信) inside a longer text.
        ("W008", 44, "发挥金融监管机构作用，鼓"),
        // Task 9: 区工业信局 beside 区工信局, named eight times.
        ("W007", 64, "区工业信局"),
        // （五）: its tab alone on line 97, three blank lines above it.
        ("W010", 101, "（五）"),
        // Task 26's bookmark.
        ("W005", 171, "[bookmark: R"),
        // The space before （十一）.
        ("W006", 224, " "),
        // Task 45's trailing 、 on both sides.
        ("W004", 289, "、"),
        ("W004", 290, "、"),
        // The stray space after the last line.
        ("W009", 455, " "),
    ];
    let expected: Vec<(String, usize, String)> = expected
        .iter()
        .map(|(c, l, t)| (c.to_string(), *l, t.to_string()))
        .collect();
    assert_eq!(seen, expected);
    // Task 6 points back at task 5, task 9's typo at the usual name.
    assert_eq!(found[0].secondary()[0].message, "task 5 is here");
    assert_eq!(
        found[1].fix().map(|f| f.edits[0].replacement.as_str()),
        Some("区工信局")
    );
    assert_eq!(doc.tasks().count(), 72);
    insta::assert_snapshot!("seed", shown(SEED, &text, &found));
}

#[test]
fn seed_safe_fixes_remove_their_findings_and_keep_the_document() {
    let text = read(SEED);
    let (doc, found) = lint_text(&text);
    let edits = edits_of(&found, Applicability::Safe);
    assert_eq!(edits.len(), 6);
    let fixed = apply(&text, &edits);
    let removed: usize = edits.iter().map(|e| e.span.len()).sum();
    let added: usize = edits.iter().map(|e| e.replacement.len()).sum();
    assert_eq!(fixed.len() + removed, text.len() + added);
    // Outside the edits, the bytes are the same: walk the gaps.
    let mut sorted = edits.clone();
    sorted.sort_by_key(|e| e.span.start);
    let (mut old, mut new) = (0, 0);
    for e in &sorted {
        let gap = e.span.start - old;
        assert_eq!(text[old..e.span.start], fixed[new..new + gap]);
        new += gap;
        assert_eq!(fixed[new..new + e.replacement.len()], e.replacement);
        new += e.replacement.len();
        old = e.span.end;
    }
    assert_eq!(text[old..], fixed[new..]);

    let (fixed_doc, after) = lint_text(&fixed);
    assert_eq!(fixed_doc, doc, "a safe fix changed a value");
    assert_eq!(fixed_doc.to_string(), fixed);
    // What is left is what had no safe fix, unchanged.
    let left: Vec<(Code, &str)> = after.iter().map(|d| (d.code(), d.message())).collect();
    let kept: Vec<(Code, &str)> = found
        .iter()
        .filter(|d| !matches!(d.fix(), Some(f) if f.applicability == Applicability::Safe))
        .map(|d| (d.code(), d.message()))
        .collect();
    assert_eq!(left, kept);
    assert_eq!(
        left.iter().map(|(c, _)| c.as_str()).collect::<Vec<_>>(),
        ["W008", "W007"]
    );
}

#[test]
fn seed_unsafe_fix_renames_the_unit() {
    let text = read(SEED);
    let (doc, found) = lint_text(&text);
    let mut edits = edits_of(&found, Applicability::Safe);
    edits.extend(edits_of(&found, Applicability::Unsafe));
    let fixed = apply(&text, &edits);
    let (fixed_doc, after) = lint_text(&fixed);
    assert_ne!(fixed_doc, doc);
    let nine = fixed_doc.task(9).unwrap();
    assert_eq!(
        nine.units().district_names().collect::<Vec<_>>(),
        ["区商促局", "区发改委", "区工信局"]
    );
    assert_eq!(
        after.iter().map(|d| d.code().as_str()).collect::<Vec<_>>(),
        ["W008"]
    );
}

#[test]
fn safe_fixes_keep_every_fixture_equal() {
    let mut paths: Vec<String> = Vec::new();
    for dir in ["fixtures", DIR] {
        let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        for entry in std::fs::read_dir(full).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            if name.ends_with(".txt") {
                paths.push(format!("{dir}/{name}"));
            }
        }
    }
    paths.sort();
    assert!(paths.len() > 20);
    for path in paths {
        let text = read(&path);
        let parsed = fengong::parse_tolerant(&text);
        let found = lint(&parsed.document, &text, &LintConfig::default());
        let edits = edits_of(&found, Applicability::Safe);
        let fixed = apply(&text, &edits);
        let reparsed = fengong::parse_tolerant(&fixed);
        assert_eq!(reparsed.document, parsed.document, "{path}");
        assert_eq!(
            reparsed.diagnostics.len(),
            parsed.diagnostics.len(),
            "{path}"
        );
        let after = lint(&reparsed.document, &fixed, &LintConfig::default());
        assert!(
            edits_of(&after, Applicability::Safe).is_empty(),
            "{path}: safe fixes left after fixing:\n{}",
            shown(&path, &fixed, &after)
        );
    }
}

#[test]
fn config_from_toml_shape() {
    // The shape of a fengong.toml, read here through JSON (the library does
    // not depend on a TOML parser).
    let config: LintConfig = serde_json::from_str(
        r#"{"select": ["W001", "W003", "near-miss-unit"], "ignore": ["near-miss-unit"],
            "severity": {"W003": "error"}, "known_units": ["区工业信局"]}"#,
    )
    .unwrap();
    let text = read(&format!("{DIR}/empty_unit_cell.txt"));
    let (doc, _) = lint_text(&text);
    let found = lint(&doc, &text, &config);
    assert_eq!(found.len(), 2);
    assert!(found.iter().all(|d| d.is_error()));
}

/// A `fengong.toml` as the tool reads it (`toml` comes with the `cli`
/// feature).
#[cfg(feature = "cli")]
#[test]
fn config_from_toml() {
    let config: LintConfig = toml::from_str(
        r#"
select = ["W001", "W003", "near-miss-unit"]
ignore = ["near-miss-unit"]
known_units = ["区工信局"]

[severity]
W003 = "error"
"#,
    )
    .unwrap();
    assert_eq!(
        config.select,
        [
            Code::TaskNumberSequence,
            Code::EmptyUnitCell,
            Code::NearMissUnit
        ]
    );
    assert!(!config.is_enabled(Code::NearMissUnit));
    assert_eq!(
        config.severity_of(Code::EmptyUnitCell),
        fengong::Severity::Error
    );
    assert_eq!(config.known_units, ["区工信局"]);
    let err = toml::from_str::<LintConfig>("ignore = [\"W999\"]").unwrap_err();
    assert!(err.to_string().contains("unknown diagnostic code"), "{err}");
}

#[test]
fn a_large_document_lints_in_one_pass() {
    // 60 copies of the seed's body, renumbered: every task repeats one 60
    // times over, every unit name is common. Linear rules keep this quick.
    let seed = read(SEED);
    let body_start = seed.find("\t（一）").unwrap();
    let (head, body) = seed.split_at(body_start);
    let mut text = head.to_string();
    let mut n = 0;
    for _ in 0..60 {
        for line in body.split_inclusive('\n') {
            let content = line.trim_end_matches('\n');
            let number = content
                .strip_prefix('\t')
                .filter(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()));
            if number.is_some() {
                n += 1;
                text.push_str(&format!("\t{n}\n"));
            } else {
                text.push_str(line);
            }
        }
        text.push('\n');
    }
    let parsed = fengong::parse_tolerant(&text);
    let started = std::time::Instant::now();
    let found = lint(&parsed.document, &text, &LintConfig::default());
    let took = started.elapsed();
    // Every later copy of a task is a duplicate of an earlier one.
    let duplicates = found
        .iter()
        .filter(|d| d.code() == Code::DuplicateTask)
        .count();
    assert!(duplicates >= 59 * 72, "{duplicates}");
    assert!(took.as_secs() < 30, "{took:?}");
}
