//! The library as a dependency: owned documents from files and readers,
//! with the path in errors, and findings of a document as it stands.

use fengong::{Code, Document};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// A function that reads a file and returns its document: the pattern that
/// borrowing from a local `String` cannot give (E0515).
fn load(path: &str) -> Result<Document<'static>, fengong::Error> {
    fengong::parse_file(format!("{ROOT}/{path}"))
}

#[test]
fn owned_documents_from_files_of_every_encoding() {
    let seed = load("seeds/000_ecc403549f0e7389.txt").unwrap();
    assert_eq!(seed.tasks().count(), 72);
    let gb = load("fixtures/family/table_lead_responsible_gb18030.txt").unwrap();
    assert_eq!(gb.title(), "区政府2023年重点工作任务分解和责任分工表");
    let utf16 = load("fixtures/utf16le_bom.txt").unwrap();
    assert!(utf16.tasks().count() > 0);
}

#[test]
fn errors_name_the_file() {
    let err = load("fixtures/invalid/chinese_task_number.txt").unwrap_err();
    assert_eq!(err.code(), Code::InvalidTaskNumber);
    assert!(err
        .path()
        .unwrap()
        .ends_with("fixtures/invalid/chinese_task_number.txt"));
    let shown = err.to_string();
    assert!(
        shown.contains("fixtures/invalid/chinese_task_number.txt:25:2: expected a task number"),
        "{shown}"
    );
    let err = load("fixtures/invalid/not_text.bin").unwrap_err();
    assert_eq!(err.code(), Code::UndecodableInput);
    assert!(err.path().is_some());
    let err = load("no/such/file.txt").unwrap_err();
    assert_eq!(err.code(), Code::UnreadableFile);
    assert_eq!(err.io_error_kind(), Some(std::io::ErrorKind::NotFound));
    assert!(err.to_string().starts_with("cannot read "), "{err}");
}

#[test]
fn documents_from_readers() {
    let bytes = std::fs::read(format!("{ROOT}/fixtures/family/list_clause_notice.txt")).unwrap();
    let doc = Document::from_reader(bytes.as_slice()).unwrap();
    assert_eq!(doc.layout(), fengong::Layout::List);
    assert_eq!(doc.to_string().as_bytes(), bytes.as_slice());
    let err = Document::from_reader(&b"\xff\xfe\x00"[..]).unwrap_err();
    assert_eq!(err.code(), Code::UndecodableInput);
}

#[test]
fn findings_of_an_edited_document() {
    let mut doc = load("seeds/000_ecc403549f0e7389.txt").unwrap();
    let config = fengong::lint::LintConfig::default();
    let before = doc.check(&config);
    assert!(before.iter().any(|d| d.code() == Code::NearMissUnit));
    doc.rename_unit("区工业信局", "区工信局");
    doc.task_mut(26)
        .unwrap()
        .set_text("落实首台（套）重大技术装备保险补偿政策。");
    let after = doc.check(&config);
    assert!(!after.iter().any(|d| d.code() == Code::NearMissUnit));
    assert!(!after.iter().any(|d| d.code() == Code::ExtractionArtifact));
    // The spans index into the text the document prints.
    let text = doc.to_string();
    for d in &after {
        assert!(d.span().end <= text.len());
    }
}
