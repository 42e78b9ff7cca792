//! Tests of rewriting files: what is kept, what is refused.

use super::temporary::remove_temporaries;
use super::*;
use crate::cli::input;

fn dir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn load(path: &Path) -> Loaded {
    input::load_to_rewrite(&Origin::File(path.to_path_buf())).unwrap()
}

fn temporaries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".fengong-"))
        .collect()
}

#[test]
fn rewrites_and_leaves_no_temporary_file() {
    let dir = dir();
    let path = dir.path().join("a.txt");
    std::fs::write(&path, "附件：\n旧\n").unwrap();
    let loaded = load(&path);
    rewrite(&loaded, "附件：\n新\n").unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "附件：\n新\n");
    assert!(temporaries(dir.path()).is_empty());
}

#[test]
fn a_large_file_read_in_pieces_is_seen_unchanged() {
    // Larger than the pieces `verify` reads: the hash must not depend on
    // them.
    let dir = dir();
    let path = dir.path().join("a.txt");
    let text = "附件：\n".repeat(100_000);
    std::fs::write(&path, &text).unwrap();
    let loaded = load(&path);
    rewrite(&loaded, "附件：\n").unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "附件：\n");
    // In place too.
    std::fs::write(&path, &text).unwrap();
    std::fs::hard_link(&path, dir.path().join("b.txt")).unwrap();
    let loaded = load(&path);
    rewrite(&loaded, "附件：\n").unwrap();
    let other = dir.path().join("b.txt");
    assert_eq!(std::fs::read_to_string(other).unwrap(), "附件：\n");
}

#[test]
fn a_file_changed_after_it_was_read_is_not_written() {
    let dir = dir();
    let path = dir.path().join("a.txt");
    std::fs::write(&path, "附件：\n旧\n").unwrap();

    // A line appended.
    let loaded = load(&path);
    std::fs::write(&path, "附件：\n旧\n追加\n").unwrap();
    let err = rewrite(&loaded, "附件：\n新\n").unwrap_err();
    assert!(matches!(err.error, WriteError::Changed), "{err}");
    assert_eq!(
        err.to_string(),
        format!(
            "cannot rewrite {}: it changed since it was read; nothing written",
            path.display()
        )
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "附件：\n旧\n追加\n"
    );

    // The same size and modification time, other bytes: the content
    // tells.
    let loaded = load(&path);
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    std::fs::write(&path, "附件：\n旧\n追力\n").unwrap();
    File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    let err = rewrite(&loaded, "附件：\n新\n").unwrap_err();
    assert!(matches!(err.error, WriteError::Changed), "{err}");

    // Replaced by another file with the same text.
    let loaded = load(&path);
    let other = dir.path().join("b.txt");
    std::fs::write(&other, "附件：\n旧\n追力\n").unwrap();
    std::fs::rename(&other, &path).unwrap();
    let err = rewrite(&loaded, "附件：\n新\n").unwrap_err();
    assert!(matches!(err.error, WriteError::Changed), "{err}");
    assert!(temporaries(dir.path()).is_empty());

    // In place (two names) too.
    let loaded = load(&path);
    std::fs::hard_link(&path, dir.path().join("c.txt")).unwrap();
    std::fs::write(&path, "附件：\n改\n").unwrap();
    let err = rewrite(&loaded, "附件：\n新\n").unwrap_err();
    assert!(matches!(err.error, WriteError::Changed), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "附件：\n改\n");
}

#[test]
fn the_cleanup_deletes_every_registered_temporary_file() {
    let dir = dir();
    let mut registry = Vec::new();
    for name in ["a", "b"] {
        let path = dir.path().join(format!(".fengong-{name}.tmp"));
        std::fs::write(&path, "部分").unwrap();
        registry.push(path);
    }
    registry.push(dir.path().join(".fengong-gone.tmp"));
    assert_eq!(remove_temporaries(&mut registry), 2);
    assert!(registry.is_empty());
    assert!(temporaries(dir.path()).is_empty());
}

#[test]
fn temporary_files_are_registered_while_they_exist() {
    let dir = dir();
    let temp = Temporary::create(dir.path()).unwrap();
    let path = temp.path.clone();
    assert!(registry().contains(&path));
    drop(temp);
    assert!(!registry().contains(&path));
    assert!(!path.exists());

    let temp = Temporary::create(dir.path()).unwrap();
    let path = temp.path.clone();
    let target = dir.path().join("t.txt");
    temp.persist(&target, &mut registry()).unwrap();
    assert!(!registry().contains(&path));
    assert!(target.exists() && !path.exists());
}

const GB: Encoding = Encoding::Gb18030;

fn gb(text: &str) -> Vec<u8> {
    source::encode(text, GB, false).unwrap()
}

#[test]
fn untouched_lines_keep_their_bytes() {
    // Line 2 holds `80` (read as €) and line 3 `A3 A0` (read as U+3000);
    // GB18030 would write them `A2 E3` and `A1 A1`.
    let mut original = gb("附件：\n");
    original.extend_from_slice(b"\x80\n\xA3\xA0\n");
    original.extend_from_slice(&gb("旧\n尾"));
    let old = "附件：\n€\n\u{3000}\n旧\n尾";
    let new = "附件：\n€\n\u{3000}\n新\n加\n尾";
    let bytes = encode_keeping(Some(&original), old, new, GB, false).unwrap();
    let mut expected = gb("附件：\n");
    expected.extend_from_slice(b"\x80\n\xA3\xA0\n");
    expected.extend_from_slice(&gb("新\n加\n尾"));
    assert_eq!(bytes, expected);
}

#[test]
fn changed_lines_with_bytes_that_do_not_come_back_are_refused() {
    let mut original = gb("附件：\n");
    let at = original.len() + 4;
    original.extend_from_slice(&gb("一二"));
    original.extend_from_slice(b"\x80\n");
    let old = "附件：\n一二€\n";
    for new in ["附件：\n一三€\n", "附件：\n", "附件：\n一二€\n加\n"] {
        let result = encode_keeping(Some(&original), old, new, GB, false);
        if new.ends_with("加\n") {
            // Only a line added: the line with `80` is kept.
            let mut expected = original.clone();
            expected.extend_from_slice(&gb("加\n"));
            assert_eq!(result.unwrap(), expected);
            continue;
        }
        let err = result.unwrap_err();
        assert_eq!(
            err.to_string(),
            format!("byte {at} (0x80) does not come back the same in GB18030; nothing written"),
            "{new:?}"
        );
    }
}

#[test]
fn characters_the_encoding_cannot_write_are_named() {
    let original = source::encode("附件\n", Encoding::Big5, false).unwrap();
    let err = encode_keeping(
        Some(&original),
        "附件\n",
        "附件\n东\n",
        Encoding::Big5,
        false,
    )
    .unwrap_err();
    assert_eq!(
            err.to_string(),
            "the new text's `东` (U+4E1C, at byte 7 of the text) cannot be written in Big5; nothing written"
        );
}
