//! A task table in traditional Chinese saved as Big5 is read as Big5: its
//! bytes are valid GB18030 too, and were read as garbled GB18030 text with
//! a cascade of errors.

mod common;
use common::*;

/// A small task table in traditional Chinese.
const TRADITIONAL: &str = "
附件：
東疆重點任務清單和責任分工表
\t序號
\t工作任務
\t濱海新區
責任單位
\t東疆
責任單位

\t（一）加大援企穩崗力度
\t1
\t繼續階段性降低本市失業保險繳費費率。
\t區人社局
\t人社局

\t
\t2
\t落實普惠金融定向降準政策，釋放資金支持實體經濟發展。
\t區金融局
\t金融局

\t（二）加強對企業金融支持
\t3
\t搭建銀企對接平台，增加製造業中小微企業中長期貸款和信用貸款。
\t區金融局、區發改委
\t金融局、經改局
";

fn big5_file() -> (tempfile::TempDir, Vec<u8>) {
    let (bytes, _, unmappable) = encoding_rs::BIG5.encode(TRADITIONAL);
    assert!(!unmappable);
    // The trap: the same bytes are valid GB18030.
    let (_, malformed) = encoding_rs::GB18030.decode_without_bom_handling(&bytes);
    assert!(!malformed);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("big5.txt"), &bytes).unwrap();
    (dir, bytes.into_owned())
}

#[test]
fn parse_reads_big5_as_big5() {
    let (dir, _) = big5_file();
    let r = run_in(dir.path(), &["parse", "big5.txt"], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(doc["title"], "東疆重點任務清單和責任分工表");
    assert_eq!(doc["categories"][1]["title"], "加強對企業金融支持");
    assert_eq!(
        doc["categories"][1]["tasks"][0]["units"]["district"],
        serde_json::json!(["區金融局", "區發改委"])
    );
    // The same document in UTF-8 gives the same JSON.
    std::fs::write(dir.path().join("utf8.txt"), TRADITIONAL).unwrap();
    let utf8 = run_in(dir.path(), &["parse", "utf8.txt"], None);
    assert_eq!(utf8.stdout, r.stdout);
}

#[test]
fn check_finds_no_error_in_a_big5_document() {
    let (dir, bytes) = big5_file();
    let r = run_in(
        dir.path(),
        &["check", "--output-format", "concise", "big5.txt"],
        None,
    );
    assert_eq!(r.code, 0, "{}", r.stdout);
    // The traditional column labels read as the simplified ones.
    assert_eq!(
        r.stdout.lines().last(),
        Some("0 errors, 0 warnings in 1 file"),
        "{}",
        r.stdout
    );
    // Checking writes nothing.
    assert_eq!(std::fs::read(dir.path().join("big5.txt")).unwrap(), bytes);
}
