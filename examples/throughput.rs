//! Throughput of `parse`, `decode + parse`, the lint pass and
//! `serde_json::from_str`, each next to the floor of its own work, measured
//! in turns: each round times every operation once, one after the other,
//! and the best of the rounds is kept for each. Taking them in turns keeps
//! the ratios meaningful on a machine whose speed drifts while it runs
//! (criterion runs one benchmark after the other).
//!
//! The floors: `fengong::parse` takes a `&str`, so UTF-8 validation is not
//! its work; its floor is one `memchr` pass over the lines of the `&str`.
//! `decode + parse` (what `fengong check` does with a file's bytes) is set
//! against `simdutf8` validation plus that pass. The lint pass and
//! `serde_json::from_str` (reading the same document from its JSON) are
//! given as multiples of `parse`'s time, and so is the floor of a rule that
//! compares task texts letter by letter (one reading of every text's letters
//! and digits; W008 `duplicate-task` reads each text twice), and `check
//! (process)`: the `fengong check --output-format concise` command, end to
//! end, on the same document written to a temporary file (the binary next
//! to this example's directory, `target/release/fengong`: build it first
//! with `cargo build --release`; the row is left out without it).
//!
//! ```sh
//! cargo run --release --example throughput                  # 20 MB, 8 rounds
//! cargo run --release --example throughput -- 100 5         # 100 MB, 5 rounds
//! cargo run --release --example throughput -- 20 8 seed-characters clause-list
//! cargo run --release --example throughput -- write doc.txt 20 seed-characters
//! cargo run --release --example throughput -- rules 20 seed-characters
//! ```
//!
//! The optional third and fourth arguments name the text distribution and
//! the form (`fengong::generate::TextKind::name`, `Form::name`). `write
//! PATH MB [KIND] [FORM]` writes a generated document instead, to time the
//! command line on it; `rules MB [KIND] [FORM]` times each lint rule alone
//! (best of 3; with `THROUGHPUT_RULE=W008`, that rule only). Each document
//! is freed outside the timing, as in `benches/parse.rs`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use fengong::generate::{generate, Form, GenerateOptions, TextKind};

fn options(mb: usize, kind: Option<&str>, form: Option<&str>) -> GenerateOptions {
    let text = kind.map_or(TextKind::Clauses, |k| {
        TextKind::from_name(k).unwrap_or_else(|| panic!("no text kind {k}"))
    });
    let form = form.map_or(Form::SeedTable, |f| {
        Form::from_name(f).unwrap_or_else(|| panic!("no form {f}"))
    });
    GenerateOptions {
        text,
        form,
        ..GenerateOptions::with_min_len(mb * 1_000_000, 11)
    }
}

/// The floor of `parse`'s own work: finding every line of a `&str`.
fn lines(text: &str) -> usize {
    memchr::memchr_iter(b'\n', text.as_bytes()).count()
}

/// The floor of a rule that compares the task texts letter by letter (as
/// W008 `duplicate-task` does, reading each text twice): one reading of
/// every text's letters and digits, each folded into a hash, with W008's
/// fast answers for ASCII, the common CJK ideographs and the usual
/// full-width punctuation.
fn letters(doc: &fengong::Document<'_>) -> u64 {
    let mut hash = 0u64;
    for task in doc.tasks() {
        for c in task.text().chars() {
            let letter = match c {
                '\u{4e00}'..='\u{9fff}' => true,
                _ if c.is_ascii() => c.is_ascii_alphanumeric(),
                '，' | '。' | '、' | '；' | '：' | '（' | '）' | '“' | '”' | '《' | '》' => {
                    false
                }
                _ => c.is_alphanumeric(),
            };
            if letter {
                hash = (hash ^ u64::from(c)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
            }
        }
    }
    hash
}

/// The floor of `decode + parse`: validating the bytes, then the lines.
fn validate_and_lines(bytes: &[u8]) -> usize {
    simdutf8::basic::from_utf8(bytes).map_or(0, lines)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("write") {
        let path = args.get(1).expect("write PATH MB [KIND] [FORM]");
        let mb: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(20);
        let text = generate(&options(
            mb,
            args.get(3).map(String::as_str),
            args.get(4).map(String::as_str),
        ));
        std::fs::write(path, &text).unwrap_or_else(|e| panic!("{path}: {e}"));
        println!("{path}: {} bytes", text.len());
        return;
    }
    if args.first().map(String::as_str) == Some("rules") {
        let mb: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(20);
        rules(&options(
            mb,
            args.get(2).map(String::as_str),
            args.get(3).map(String::as_str),
        ));
        return;
    }
    let mb: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(20);
    let rounds: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(8);
    let options = options(
        mb,
        args.get(2).map(String::as_str),
        args.get(3).map(String::as_str),
    );
    let text = generate(&options);
    let bytes = text.as_bytes().to_vec();
    let doc = match fengong::parse(&text) {
        Ok(doc) => doc,
        Err(e) => panic!("the generated document does not parse: {e}"),
    };
    let tasks = doc.tasks().count();
    let json = match serde_json::to_string(&doc) {
        Ok(json) => json,
        Err(e) => panic!("the document does not serialize: {e}"),
    };
    let config = fengong::lint::LintConfig::default();

    let time = |best: &mut Duration, f: &mut dyn FnMut()| {
        let start = Instant::now();
        f();
        *best = (*best).min(start.elapsed());
    };
    let mut floor = Duration::MAX;
    let mut floor_decode = Duration::MAX;
    let mut parse = Duration::MAX;
    let mut decode_parse = Duration::MAX;
    let mut lint = Duration::MAX;
    let mut floor_letters = Duration::MAX;
    let mut json_from_str = Duration::MAX;
    let mut check = Duration::MAX;
    let command = CheckCommand::new(&text);
    let mut findings = 0;
    for _ in 0..rounds.max(1) {
        time(&mut floor, &mut || {
            black_box(lines(black_box(&text)));
        });
        time(&mut floor_decode, &mut || {
            black_box(validate_and_lines(black_box(&bytes)));
        });
        let mut kept = None;
        time(&mut parse, &mut || {
            kept = Some(fengong::parse(black_box(&text)));
        });
        drop(kept);
        let start = Instant::now();
        let decoded = fengong::source::decode(black_box(&bytes));
        let parsed = decoded.as_ref().map(|d| fengong::parse(d.text()));
        decode_parse = decode_parse.min(start.elapsed());
        drop(parsed);
        drop(decoded);
        time(&mut floor_letters, &mut || {
            black_box(letters(black_box(&doc)));
        });
        time(&mut lint, &mut || {
            findings = fengong::lint::lint(black_box(&doc), &text, &config).len();
        });
        let mut kept = None;
        time(&mut json_from_str, &mut || {
            kept = Some(serde_json::from_str::<fengong::Document<'static>>(
                black_box(&json),
            ));
        });
        drop(kept);
        if let Some(command) = &command {
            time(&mut check, &mut || command.run());
        }
    }
    drop(command);
    let rate = |t: Duration| text.len() as f64 / t.as_secs_f64() / 1e6;
    let ms = |t: Duration| t.as_secs_f64() * 1e3;
    let ratio = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64();
    println!(
        "{} {}: {} bytes, {tasks} tasks, {findings} findings ({} bytes of JSON); best of {rounds} rounds",
        options.form.name(),
        options.text.name(),
        text.len(),
        json.len()
    );
    let row = |name: &str, t: Duration, note: String| {
        println!("{name:<22}{:9.2} ms {:7.0} MB/s  {note}", ms(t), rate(t));
    };
    row("floor: lines", floor, String::new());
    row("floor: utf-8 + lines", floor_decode, String::new());
    row(
        "parse",
        parse,
        format!("{:.2} × its floor (lines)", ratio(parse, floor)),
    );
    row(
        "decode + parse",
        decode_parse,
        format!(
            "{:.2} × its floor (utf-8 + lines)",
            ratio(decode_parse, floor_decode)
        ),
    );
    row(
        "floor: texts' letters",
        floor_letters,
        format!(
            "{:.2} × parse (one reading; W008 reads each text twice)",
            ratio(floor_letters, parse)
        ),
    );
    row("lint", lint, format!("{:.2} × parse", ratio(lint, parse)));
    row(
        "serde_json::from_str",
        json_from_str,
        format!(
            "{:.2} × parse (MB/s of the text; {:.0} MB/s of its JSON)",
            ratio(json_from_str, parse),
            json.len() as f64 / json_from_str.as_secs_f64() / 1e6
        ),
    );
    if check != Duration::MAX {
        row(
            "check (process)",
            check,
            format!("{:.2} × parse", ratio(check, parse)),
        );
    }
}

/// `fengong check --output-format concise` on a temporary copy of the
/// document, with the binary built beside this example; removed on drop.
struct CheckCommand {
    binary: std::path::PathBuf,
    file: std::path::PathBuf,
}

impl CheckCommand {
    fn new(text: &str) -> Option<CheckCommand> {
        let examples = std::env::current_exe().ok()?.parent()?.to_path_buf();
        let binary = examples.parent()?.join("fengong");
        if !binary.is_file() {
            eprintln!(
                "no {}: the check (process) row needs `cargo build --release`",
                binary.display()
            );
            return None;
        }
        let file =
            std::env::temp_dir().join(format!("fengong-throughput-{}.txt", std::process::id()));
        std::fs::write(&file, text).ok()?;
        Some(CheckCommand { binary, file })
    }

    fn run(&self) {
        let status = std::process::Command::new(&self.binary)
            .args(["check", "--output-format", "concise"])
            .arg(&self.file)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status();
        // 0: no findings, 1: findings; anything else is a broken run.
        match status.map(|s| s.code()) {
            Ok(Some(0 | 1)) => {}
            other => panic!("{} check failed: {other:?}", self.binary.display()),
        }
    }
}

impl Drop for CheckCommand {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.file);
    }
}

/// Times each lint rule alone on the document `options` ask for.
fn rules(options: &GenerateOptions) {
    let text = generate(options);
    let doc = match fengong::parse(&text) {
        Ok(doc) => doc,
        Err(e) => panic!("the generated document does not parse: {e}"),
    };
    let mb = text.len() as f64 / 1e6;
    let mut parse = Duration::MAX;
    for _ in 0..3 {
        let start = Instant::now();
        let parsed = fengong::parse(black_box(&text));
        parse = parse.min(start.elapsed());
        drop(parsed);
    }
    println!(
        "{} {}: {} bytes; parse {:.2} ms",
        options.form.name(),
        options.text.name(),
        text.len(),
        parse.as_secs_f64() * 1e3
    );
    // `THROUGHPUT_RULE=W008` times that rule alone.
    let only = std::env::var("THROUGHPUT_RULE").ok();
    for code in fengong::lint::rules() {
        if only.as_deref().is_some_and(|o| o != code.as_str()) {
            continue;
        }
        let config = fengong::lint::LintConfig {
            select: vec![code],
            ..Default::default()
        };
        let mut best = Duration::MAX;
        let mut found = 0;
        for _ in 0..3 {
            let start = Instant::now();
            found = fengong::lint::lint(black_box(&doc), &text, &config).len();
            best = best.min(start.elapsed());
        }
        println!(
            "{} {:<32} {:9.2} ms {:8.2} ms/MB {:6.2} × parse {found:>8} findings",
            code.as_str(),
            code.name(),
            best.as_secs_f64() * 1e3,
            best.as_secs_f64() * 1e3 / mb,
            best.as_secs_f64() / parse.as_secs_f64()
        );
    }
}
