//! Every broken document in `fixtures/invalid/`: the exact codes it gives,
//! that it still prints back its input byte for byte, and a snapshot of the
//! plain rendered report and the JSON records.
//!
//! Fixtures are listed in `fixtures/invalid/README.md`; the test
//! `every_fixture_is_tested` fails when a file there has no test here.

use std::path::Path;

use fengong::render::{render_without_source, Report, Style};
use fengong::source::{decode, encode};

const DIR: &str = "fixtures/invalid";

/// Reads a fixture by its path relative to the crate root.
fn read(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(DIR).join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Checks one fixture and returns the text to snapshot together with the
/// codes found, in source order.
fn check(name: &str) -> (String, Vec<&'static str>) {
    let path = format!("{DIR}/{name}");
    let bytes = read(name);
    let decoded = match decode(&bytes) {
        Ok(decoded) => decoded,
        Err(err) => {
            // Not text: the decode error is the result; there is no source
            // to draw under.
            let d = err.primary();
            assert_eq!(err.diagnostics().len(), 1, "{path}");
            let rendered = render_without_source(d, &path, err.position(), Style::Plain);
            let json = serde_json::json!({
                "file": path,
                "line": err.line(),
                "column": err.column(),
                "offset": d.span().start,
                "end_offset": d.span().end,
                "severity": d.severity(),
                "code": d.code(),
                "message": d.message(),
                "label": d.label(),
                "notes": d.notes(),
                "help": d.help(),
            });
            let shown = format!(
                "{rendered}\n\n{}\n",
                serde_json::to_string_pretty(&json).unwrap()
            );
            return (shown, vec![d.code().as_str()]);
        }
    };
    // Decoding is lossless: the text encodes back to the file's bytes.
    assert_eq!(
        encode(decoded.text(), decoded.encoding(), decoded.has_bom()).unwrap(),
        bytes,
        "{path} does not encode back to its bytes"
    );
    let text = decoded.text();
    let parsed = fengong::parse_tolerant(text);
    assert_eq!(
        parsed.document.to_string(),
        text,
        "{path} does not print back its input"
    );
    // Diagnostics come in source order.
    assert!(
        parsed
            .diagnostics
            .windows(2)
            .all(|w| w[0].span().start <= w[1].span().start),
        "{path}: diagnostics out of order"
    );
    // The strict parser agrees: an error, with every error of the tolerant one.
    let err = fengong::parse(text).expect_err(&path);
    assert_eq!(err.diagnostics().len(), parsed.diagnostics.len(), "{path}");
    assert_eq!(err.primary(), &parsed.diagnostics[0], "{path}");

    let report = Report::new(path.as_str(), text);
    let rendered: Vec<String> = parsed
        .diagnostics
        .iter()
        .map(|d| report.render(d, Style::Plain))
        .collect();
    let records: Vec<_> = parsed
        .diagnostics
        .iter()
        .map(|d| report.record(d))
        .collect();
    let shown = format!(
        "{}\n\n{}\n",
        rendered.join("\n\n"),
        serde_json::to_string_pretty(&records).unwrap()
    );
    let codes = parsed
        .diagnostics
        .iter()
        .map(|d| d.code().as_str())
        .collect();
    (shown, codes)
}

/// One test per fixture: `name: "file" => ["E001", …]` checks the codes
/// (in source order) and the snapshot `invalid__<name>.snap`; `FIXTURES`
/// lists them all.
macro_rules! fixtures {
    ($($test:ident: $file:literal => [$($code:literal),* $(,)?],)*) => {
        /// Every fixture and the codes it gives, in source order.
        const FIXTURES: &[(&str, &[&str])] = &[$(($file, &[$($code),*])),*];

        $(
            #[test]
            fn $test() {
                let (shown, codes) = check($file);
                let expected: &[&str] = &[$($code),*];
                assert_eq!(codes, expected, "{}", $file);
                insta::assert_snapshot!(stringify!($test), shown);
            }
        )*
    };
}

fixtures! {
    empty: "empty.txt" => ["E001"],
    whitespace_only: "whitespace_only.txt" => ["E001"],
    not_text: "not_text.bin" => ["E002"],
    utf16_lone_surrogate: "utf16_lone_surrogate.txt" => ["E002"],
    no_header: "no_header.txt" => ["E004"],
    box_drawn_table: "box_drawn_table.txt" => ["E004"],
    header_three_cells: "header_three_cells.txt" => ["E005"],
    stray_page_footer: "stray_page_footer.txt" => ["E006"],
    invalid_numeral: "invalid_numeral.txt" => ["E007"],
    crlf_invalid_numeral: "crlf_invalid_numeral.txt" => ["E007"],
    ascii_digits_heading: "ascii_digits_heading.txt" => ["E007"],
    unclosed_heading: "unclosed_heading.txt" => ["E008"],
    heading_without_title: "heading_without_title.txt" => ["E009"],
    chinese_task_number: "chinese_task_number.txt" => ["E010"],
    task_number_20_digits: "task_number_20_digits.txt" => ["E011"],
    task_missing_local_units: "task_missing_local_units.txt" => ["E012"],
    truncated: "truncated.txt" => ["E012"],
    task_before_category: "task_before_category.txt" => ["E013"],
    several_errors: "several_errors.txt" => ["E010", "E006", "E007", "E011"],
    several_errors_truncated: "several_errors_truncated.txt" => ["E005", "E008", "E010", "E012", "E012"],
}

#[test]
fn every_fixture_is_tested() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(DIR);
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|name| name != "README.md")
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = FIXTURES.iter().map(|(f, _)| f.to_string()).collect();
    listed.sort();
    assert_eq!(on_disk, listed);
    // The README names every fixture.
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
    for name in &listed {
        assert!(
            readme.contains(&format!("`{name}`")),
            "README.md does not list {name}"
        );
    }
    // Together they cover every parse error code (E003 and E014 to E016 are
    // failures of the command line's reading, configuration and writing,
    // tested in tests/cli.rs and tests/files.rs).
    for code in fengong::Code::ALL {
        let code = code.as_str();
        if code.starts_with('E') && !["E003", "E014", "E015", "E016"].contains(&code) {
            assert!(
                FIXTURES.iter().any(|(_, codes)| codes.contains(&code)),
                "no fixture gives {code}"
            );
        }
    }
}

#[test]
fn errors_are_far_apart_in_the_documents_with_several() {
    for name in ["several_errors.txt", "several_errors_truncated.txt"] {
        let text = String::from_utf8(read(name)).unwrap();
        let parsed = fengong::parse_tolerant(&text);
        let report = Report::new(name, &text);
        let lines: Vec<usize> = parsed
            .diagnostics
            .iter()
            .map(|d| report.locate(d.span()).0.line)
            .collect();
        assert!(
            lines.windows(2).all(|w| w[1] > w[0] + 20),
            "{name}: {lines:?}"
        );
    }
}
