//! `fengong render`'s errors: always at a 1-based line and column (in
//! characters), JSON with a byte order mark accepted, and a task table given
//! instead of its JSON told what render reads.

mod common;
use common::*;

const SEED: &str = "seeds/000_ecc403549f0e7389.txt";
const SEED_TEXT: &str = include_str!("../seeds/000_ecc403549f0e7389.txt");

/// Writes `bytes` to `name` in a new directory and runs `render` on it there.
fn render(name: &str, bytes: &[u8]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), bytes).unwrap();
    run_in(dir.path(), &["render", name], None)
}

/// What `fengong parse` prints for the seed.
fn seed_json() -> String {
    let r = run(&["parse", SEED]);
    assert_eq!(r.code, 0);
    r.stdout
}

const HELP: &str = "help: `fengong render` reads a document as JSON, the form `fengong parse` prints; for the canonical text of a task table, run `fengong fmt";

#[test]
fn an_error_found_at_the_end_is_not_at_line_zero() {
    // The numeral of the first category does not match its number: found
    // once the whole document is read.
    let json = seed_json().replacen("\"numeral\": \"一\"", "\"numeral\": \"二\"", 1);
    let lines = json.trim_end().lines().count();
    let r = render("numeral.json", json.as_bytes());
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr,
        format!(
            "numeral.json:{lines}:1: category numeral `二` is not the numeral of its number 1 (一)\n"
        )
    );
}

#[test]
fn json_with_a_byte_order_mark_renders() {
    let json = format!("\u{feff}{}", seed_json());
    let r = render("bom.json", json.as_bytes());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        fengong::to_canonical_string(&fengong::parse(SEED_TEXT).unwrap())
    );
    // Its errors are placed as without it.
    let r = render("bom_bad.json", "\u{feff}{\"title\": 7}".as_bytes());
    assert_eq!(
        r.stderr,
        "bom_bad.json:1:11: invalid type: integer `7`, expected a string\n"
    );
}

#[test]
fn columns_are_counted_in_characters() {
    let r = render("cjk.json", "{\"title\": \"东疆\", \"label\": 7}".as_bytes());
    assert_eq!(
        r.stderr,
        "cjk.json:1:26: invalid type: integer `7`, expected a string\n"
    );
}

#[test]
fn a_task_table_given_to_render_is_told_what_render_reads() {
    let r = run(&["render", SEED]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr,
        format!("{SEED}:2:1: expected value\n{HELP} {SEED}`\n")
    );
    // Saved as GB18030, it is not UTF-8 either: located, with the same help.
    let gb = fengong::source::encode(SEED_TEXT, fengong::source::Encoding::Gb18030, false).unwrap();
    let r = render("gb.txt", &gb);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr,
        format!("gb.txt:2:1: JSON must be UTF-8; byte 1 is not\n{HELP} gb.txt`\n")
    );
    // From standard input too.
    let r = run_with(&["render", "-"], Some(SEED_TEXT.as_bytes()));
    assert_eq!(r.stderr, format!("-:2:1: expected value\n{HELP} -`\n"));
    // An empty file.
    let r = render("empty.json", b"");
    assert_eq!(
        r.stderr,
        format!("empty.json:1:1: EOF while parsing a value\n{HELP} empty.json`\n")
    );
}

#[test]
fn internal_type_names_are_not_shown() {
    let r = render("string.json", b"\"tasks\"");
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.starts_with(
            "string.json:1:7: invalid type: string \"tasks\", expected a document (a JSON object)\n"
        ),
        "{}",
        r.stderr
    );
    // An array would be read as the fields in order: it is refused whole.
    let r = render("list.json", b"\n [1, 2]");
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr,
        "list.json:2:2: expected a document (a JSON object), found an array\n"
    );
}

#[test]
fn values_the_text_cannot_hold_are_refused_with_their_paths() {
    // A unit name holding `、`, a line break in a task text, an unknown key.
    let json = seed_json()
        .replacen("\"区人社局\"", "\"区人社局、区财政局\"", 1)
        .replacen("\"继续阶段性", "\"继续\\n\\n阶段性", 1);
    let r = render("values.json", json.as_bytes());
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(r.stdout, "");
    assert_eq!(
        r.stderr,
        "values.json: categories[0].tasks[0].text: holds a line break\n\
         values.json: categories[0].tasks[0].units.district[0]: holds `、` outside brackets, which separates units: it would read as several\n\
         values.json: these values cannot be written as text; nothing written\n"
    );
    // A misspelt key is refused, not ignored.
    let json = seed_json().replacen("\"categories\"", "\"Categories\"", 1);
    let r = render("key.json", json.as_bytes());
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("unknown field `Categories`"),
        "{}",
        r.stderr
    );
    // What renders, parses back to the JSON it came from.
    let r = render("seed.json", seed_json().as_bytes());
    assert_eq!(r.code, 0);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("back.txt"), &r.stdout).unwrap();
    let back = run_in(dir.path(), &["parse", "back.txt"], None);
    assert_eq!(back.stdout, seed_json());
    let _ = SEED_TEXT;
}
