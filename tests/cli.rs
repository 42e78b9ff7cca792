//! The `fengong` binary: exit codes, output formats and the commands, run
//! as a user would (from the crate root, with relative paths).

use std::path::Path;

use fengong::source::{decode, encode, Encoding};
use serde_json::Value;

const SEED: &str = "seeds/000_ecc403549f0e7389.txt";
const TASK_THREE: &str = "fixtures/invalid/chinese_task_number.txt";
const SEVERAL: &str = "fixtures/invalid/several_errors.txt";
const TRUNCATED: &str = "fixtures/invalid/several_errors_truncated.txt";

/// What a run of the binary gave.
mod common;
use common::*;

fn read(path: &str) -> Vec<u8> {
    std::fs::read(root().join(path)).unwrap()
}

fn read_text(path: &str) -> String {
    String::from_utf8(read(path)).unwrap()
}

fn seed_canonical() -> String {
    fengong::to_canonical_string(&fengong::parse(&read_text(SEED)).unwrap())
}

fn path_str(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Reads the summary line `N errors, M warnings in K files` (checking its
/// grammar: singular for one) into `(N, M, K)`.
fn summary(line: &str) -> (usize, usize, usize) {
    let count = |part: &str, noun: &str| -> usize {
        let (n, word) = part
            .split_once(' ')
            .unwrap_or_else(|| panic!("bad summary {line:?}"));
        let n: usize = n.parse().unwrap_or_else(|_| panic!("bad summary {line:?}"));
        let expected = if n == 1 {
            noun.to_string()
        } else {
            format!("{noun}s")
        };
        assert_eq!(word, expected, "bad summary {line:?}");
        n
    };
    let (counts, files) = line
        .split_once(" in ")
        .unwrap_or_else(|| panic!("bad summary {line:?}"));
    let (errors, warnings) = counts
        .split_once(", ")
        .unwrap_or_else(|| panic!("bad summary {line:?}"));
    (
        count(errors, "error"),
        count(warnings, "warning"),
        count(files, "file"),
    )
}

fn last_line(text: &str) -> &str {
    assert!(text.ends_with('\n'), "no final line ending: {text:?}");
    text.lines().last().unwrap()
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

/// The error records of `check --output-format json` output (lints may add
/// warnings; these tests are about errors).
fn error_records(stdout: &str) -> Vec<Value> {
    let value = json(stdout);
    let items = value.as_array().expect("not an array");
    items
        .iter()
        .filter(|r| r["severity"] == "error")
        .cloned()
        .collect()
}

// ---------------------------------------------------------------- parse

#[test]
fn parse_prints_the_seed_as_json() {
    let r = run(&["parse", SEED]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stderr, "");
    let value = json(&r.stdout);
    assert_eq!(value["title"], "东疆重点任务清单和责任分工表");
    assert_eq!(value["label"], "附件：");
    assert_eq!(
        value["columns"],
        serde_json::json!(["序号", "工作任务", "滨海新区责任单位", "东疆责任单位"])
    );
    let categories = value["categories"].as_array().unwrap();
    assert_eq!(categories.len(), 28);
    assert_eq!(categories[10]["numeral"], "十一");
    assert_eq!(categories[10]["title"], "支持灵活就业和新就业形态");
    assert_eq!(
        categories[0]["tasks"][1]["units"]["district"],
        serde_json::json!(["区人社局", "区财政局"])
    );
    // Exactly the library's serde form.
    let seed = read_text(SEED);
    let doc = fengong::parse(&seed).unwrap();
    assert_eq!(value, serde_json::to_value(&doc).unwrap());
    assert!(r.stdout.starts_with("{\n  \"title\""), "not indented");
}

#[test]
fn parse_compact_prints_one_line() {
    let r = run(&["parse", "--compact", SEED]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout.lines().count(), 1);
    assert_eq!(json(&r.stdout)["categories"].as_array().unwrap().len(), 28);
}

#[test]
fn parse_reads_standard_input() {
    let r = run_with(&["parse", "--compact", "-"], Some(&read(SEED)));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(json(&r.stdout)["categories"].as_array().unwrap().len(), 28);
}

#[test]
fn parse_of_a_broken_document_exits_1_with_the_error_on_stderr() {
    let r = run(&["parse", TASK_THREE]);
    assert_eq!(r.code, 1);
    assert_eq!(r.stdout, "");
    assert!(
        r.stderr
            .starts_with("error[E010]: expected a task number such as 12, found `三`\n"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("  --> fixtures/invalid/chinese_task_number.txt:25:2\n"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("= help: write the number in digits: 3\n"));
    assert_eq!(
        last_line(&r.stderr),
        "fixtures/invalid/chinese_task_number.txt:25:2: expected a task number such as 12, found `三`"
    );
}

#[test]
fn parse_reports_every_error_and_counts_the_others() {
    let r = run(&["parse", SEVERAL]);
    assert_eq!(r.code, 1);
    assert_eq!(r.stdout, "");
    assert_eq!(r.stderr.matches("error[E").count(), 4, "{}", r.stderr);
    for code in ["E010", "E006", "E007", "E011"] {
        assert!(r.stderr.contains(&format!("error[{code}]")), "{code}");
    }
    assert_eq!(
        last_line(&r.stderr),
        "fixtures/invalid/several_errors.txt:12:2: expected a task number such as 12, found `一` (and 3 more errors)"
    );
}

#[test]
fn parse_of_bytes_that_are_not_text_exits_1() {
    let r = run(&["parse", "fixtures/invalid/not_text.bin"]);
    assert_eq!(r.code, 1);
    assert_eq!(r.stdout, "");
    assert!(r.stderr.starts_with("error[E002]: "), "{}", r.stderr);
    assert!(r
        .stderr
        .contains("= note: tried: UTF-8 fails at byte 0; GB18030 fails at byte 5"));
    assert_eq!(
        last_line(&r.stderr),
        "fixtures/invalid/not_text.bin:1:1: expected text in UTF-8, UTF-16 (with a byte order mark) or GB18030, found bytes D0 CF 11 E0 that are not text in any supported encoding"
    );
}

#[test]
fn parse_of_a_missing_file_exits_2() {
    let r = run(&["parse", "fixtures/invalid/no_such_file.txt"]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout, "");
    assert!(
        r.stderr
            .starts_with("error[E003]: cannot read fixtures/invalid/no_such_file.txt: "),
        "{}",
        r.stderr
    );
}

// ---------------------------------------------------------------- usage

#[test]
fn usage_errors_exit_2() {
    for args in [
        &[][..],
        &["frobnicate"],
        &["parse"],
        &["check"],
        &["check", "--frobnicate", SEED],
        &["check", "--output-format", "xml", SEED],
        &["check", "--deny", "everything", SEED],
        &["fmt", "--check", "--write", SEED],
        &["fmt", "--write", "--diff", SEED],
        &["explain"],
        &["--color", "sometimes", "check", SEED],
    ] {
        let r = run(args);
        assert_eq!(r.code, 2, "{args:?}: {r:?}");
        assert_eq!(r.stdout, "", "{args:?}");
        assert!(
            r.stderr.starts_with("error: ") || r.stderr.starts_with("Parse, check and edit"),
            "{args:?}: {}",
            r.stderr
        );
    }
    let r = run(&["check", "--frobnicate", SEED]);
    assert!(
        r.stderr.contains("unexpected argument '--frobnicate'"),
        "{}",
        r.stderr
    );
}

#[test]
fn help_of_every_command_has_an_example() {
    // The commands the top-level help lists (other than `help`).
    let top = run(&["--help"]);
    assert_eq!(top.code, 0);
    let (_, listed) = top.stdout.split_once("Commands:\n").unwrap();
    let commands: Vec<&str> = listed
        .lines()
        .take_while(|l| !l.is_empty())
        // A command's line starts with two spaces; a wrapped description
        // continues with more.
        .filter(|l| !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|&c| c != "help")
        .collect();
    for command in ["parse", "fmt", "render", "check", "explain"] {
        assert!(commands.contains(&command), "{command} not in {commands:?}");
    }
    for &command in &commands {
        let r = run(&[command, "--help"]);
        assert_eq!(r.code, 0, "{command}: {}", r.stderr);
        assert!(
            r.stdout.contains(&format!("Usage: fengong {command}")),
            "{command}: {}",
            r.stdout
        );
        let (_, examples) = r
            .stdout
            .split_once("\nExample")
            .unwrap_or_else(|| panic!("{command} has no example: {}", r.stdout));
        assert!(
            examples.contains(&format!("fengong {command} ")),
            "{command} has no example command line: {}",
            r.stdout
        );
        // `help COMMAND` says the same.
        assert_eq!(run(&["help", command]).stdout, r.stdout, "{command}");
    }
    assert!(
        top.stdout.contains("Examples:\n  fengong parse"),
        "{}",
        top.stdout
    );
}

#[test]
fn version() {
    let r = run(&["--version"]);
    assert_eq!(r.code, 0);
    assert_eq!(r.stdout, format!("fengong {}\n", env!("CARGO_PKG_VERSION")));
}

// ---------------------------------------------------------------- check

#[test]
fn check_of_the_seed_finds_no_errors() {
    let r = run(&["check", SEED]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(!r.stdout.contains("error["), "{}", r.stdout);
    assert_eq!(r.stderr, "");
    let (errors, _warnings, files) = summary(last_line(&r.stdout));
    assert_eq!((errors, files), (0, 1));
}

#[test]
fn check_of_a_broken_document_exits_1_with_the_report() {
    let r = run(&["check", TASK_THREE]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.contains(
            "error[E010]: expected a task number such as 12, found `三`\n  --> fixtures/invalid/chinese_task_number.txt:25:2\n   |\n25 |     三\n   |     ^^ a task row starts with its number\n   |\n   = help: write the number in digits: 3\n"
        ),
        "{}",
        r.stdout
    );
    let (errors, _, files) = summary(last_line(&r.stdout));
    assert_eq!((errors, files), (1, 1));

    let r = run(&["check", SEVERAL, TRUNCATED]);
    assert_eq!(r.code, 1);
    let (errors, _, files) = summary(last_line(&r.stdout));
    assert_eq!((errors, files), (9, 2));
    // Files in the order given, findings in source order: the location
    // line under each error's title.
    let lines: Vec<&str> = r.stdout.lines().collect();
    let headers: Vec<&str> = lines
        .windows(2)
        .filter(|w| w[0].starts_with("error["))
        .map(|w| w[1].trim_start().trim_start_matches("--> "))
        .collect();
    assert_eq!(
        headers,
        [
            "fixtures/invalid/several_errors.txt:12:2",
            "fixtures/invalid/several_errors.txt:42:1",
            "fixtures/invalid/several_errors.txt:81:3",
            "fixtures/invalid/several_errors.txt:135:2",
            "fixtures/invalid/several_errors_truncated.txt:4:1",
            "fixtures/invalid/several_errors_truncated.txt:49:4",
            "fixtures/invalid/several_errors_truncated.txt:122:2",
            "fixtures/invalid/several_errors_truncated.txt:148:15",
            "fixtures/invalid/several_errors_truncated.txt:171:34",
        ]
    );
}

#[test]
fn check_json_lists_every_finding_with_its_location() {
    let r = run(&["check", "--output-format", "json", SEVERAL]);
    assert_eq!(r.code, 1);
    // The summary goes to stderr, keeping stdout valid JSON.
    assert_eq!(summary(last_line(&r.stderr)).0, 4);
    let value = json(&r.stdout);
    for item in value.as_array().unwrap() {
        for key in [
            "file",
            "line",
            "column",
            "end_line",
            "end_column",
            "offset",
            "end_offset",
            "severity",
            "code",
            "message",
        ] {
            assert!(item.get(key).is_some(), "{key} missing in {item}");
        }
        assert_eq!(item["file"], SEVERAL);
    }
    let records = error_records(&r.stdout);
    let text = read_text(SEVERAL);
    let found: Vec<(&str, u64, u64, u64, u64, &str)> = records
        .iter()
        .map(|r| {
            let span = &text[r["offset"].as_u64().unwrap() as usize
                ..r["end_offset"].as_u64().unwrap() as usize];
            (
                r["code"].as_str().unwrap(),
                r["line"].as_u64().unwrap(),
                r["column"].as_u64().unwrap(),
                r["end_line"].as_u64().unwrap(),
                r["end_column"].as_u64().unwrap(),
                span,
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("E010", 12, 2, 12, 3, "一"),
            ("E006", 42, 1, 42, 6, "- 2 -"),
            ("E007", 81, 3, 81, 5, "四四"),
            ("E011", 135, 2, 135, 22, "20200000000000000000"),
        ]
    );
    assert_eq!(records[0]["name"], "invalid-task-number");
    assert_eq!(
        records[0]["message"],
        "expected a task number such as 12, found `一`"
    );
    assert_eq!(records[0]["help"], "write the number in digits: 1");
    assert_eq!(records[0]["label"], "a task row starts with its number");
}

#[test]
fn check_json_of_a_clean_document_is_an_empty_array_of_errors() {
    let r = run(&["check", "--output-format", "json", SEED]);
    assert_eq!(r.code, 0);
    assert!(json(&r.stdout).is_array());
    assert_eq!(error_records(&r.stdout).len(), 0);
    assert_eq!(summary(last_line(&r.stderr)).0, 0);
}

#[test]
fn check_concise_prints_one_line_per_finding() {
    let r = run(&["check", "--output-format", "concise", TRUNCATED]);
    assert_eq!(r.code, 1);
    let errors: Vec<&str> = r
        .stdout
        .lines()
        .filter(|l| l.contains(": error["))
        .collect();
    assert_eq!(
        errors,
        [
            "fixtures/invalid/several_errors_truncated.txt:4:1: error[E005] expected a header row of as many cells as the task rows (4), found 5 cells: `序号`, `工作任务`, `滨海新区责任单位`, `东疆责任单位`, `备注`",
            "fixtures/invalid/several_errors_truncated.txt:49:4: error[E008] expected `）` after the numeral `三`, found `引`",
            "fixtures/invalid/several_errors_truncated.txt:122:2: error[E010] expected a task number such as 12, found `十八`",
            "fixtures/invalid/several_errors_truncated.txt:148:15: error[E012] expected the 东疆责任单位 cell of task 22, found the end of the row",
            "fixtures/invalid/several_errors_truncated.txt:171:34: error[E012] expected the 滨海新区责任单位 cell of task 26, found the end of the document",
        ]
    );
    // Every line but the summary is a finding.
    let lines: Vec<&str> = r.stdout.lines().collect();
    for line in &lines[..lines.len() - 1] {
        assert!(
            line.starts_with("fixtures/invalid/several_errors_truncated.txt:")
                && (line.contains(": error[") || line.contains(": warning[")),
            "{line}"
        );
    }
    assert_eq!(summary(lines[lines.len() - 1]).0, 5);
}

#[test]
fn check_github_prints_workflow_commands() {
    let r = run(&["check", "--output-format", "github", TASK_THREE]);
    assert_eq!(r.code, 1);
    let errors: Vec<&str> = r
        .stdout
        .lines()
        .filter(|l| l.starts_with("::error "))
        .collect();
    assert_eq!(
        errors,
        ["::error file=fixtures/invalid/chinese_task_number.txt,line=25,col=2,endLine=25,endColumn=3,title=E010 invalid-task-number::expected a task number such as 12, found `三`%0Ahelp: write the number in digits: 3"]
    );
    for line in r.stdout.lines() {
        assert!(
            line.starts_with("::error ") || line.starts_with("::warning "),
            "{line}"
        );
    }
    assert_eq!(summary(last_line(&r.stderr)).0, 1);
}

#[test]
fn check_github_escapes_file_names() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a,b:c%.txt");
    std::fs::write(&path, read(TASK_THREE)).unwrap();
    let r = run(&["check", "--output-format", "github", path_str(&path)]);
    assert_eq!(r.code, 1);
    let escaped = format!("{}/a%2Cb%3Ac%25.txt", dir.path().display());
    assert!(
        r.stdout
            .starts_with(&format!("::error file={escaped},line=25,col=2,")),
        "{}",
        r.stdout
    );
}

#[test]
fn check_sarif_is_a_sarif_2_1_0_log() {
    let r = run(&["check", "--output-format", "sarif", TASK_THREE, TRUNCATED]);
    assert_eq!(r.code, 1);
    let (errors, _, files) = summary(last_line(&r.stderr));
    assert_eq!((errors, files), (6, 2));
    let log = json(&r.stdout);
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(
        log["$schema"],
        "https://json.schemastore.org/sarif-2.1.0.json"
    );
    let run0 = &log["runs"][0];
    assert_eq!(run0["tool"]["driver"]["name"], "fengong");
    assert_eq!(run0["tool"]["driver"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(run0["columnKind"], "unicodeCodePoints");
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let all: Vec<&str> = fengong::Code::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(ids, all);
    let results = run0["results"].as_array().unwrap();
    let errors: Vec<&Value> = results.iter().filter(|r| r["level"] == "error").collect();
    let summary_of = |r: &Value| {
        let location = &r["locations"][0]["physicalLocation"];
        let region = &location["region"];
        (
            r["ruleId"].as_str().unwrap().to_string(),
            location["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
                .to_string(),
            region["startLine"].as_u64().unwrap(),
            region["startColumn"].as_u64().unwrap(),
        )
    };
    let found: Vec<_> = errors.iter().map(|r| summary_of(r)).collect();
    let expect = |id: &str, uri: &str, line: u64, column: u64| {
        (id.to_string(), uri.to_string(), line, column)
    };
    assert_eq!(
        found,
        [
            expect("E010", TASK_THREE, 25, 2),
            expect("E005", TRUNCATED, 4, 1),
            expect("E008", TRUNCATED, 49, 4),
            expect("E010", TRUNCATED, 122, 2),
            expect("E012", TRUNCATED, 148, 15),
            expect("E012", TRUNCATED, 171, 34),
        ]
    );
    for result in results {
        let id = result["ruleId"].as_str().unwrap();
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], id, "ruleIndex of {id}");
        let region = &result["locations"][0]["physicalLocation"]["region"];
        for key in ["startLine", "startColumn", "endLine", "endColumn"] {
            assert!(region[key].as_u64().unwrap() >= 1, "{key} of {result}");
        }
        assert!(result["message"]["text"].as_str().unwrap().len() > 10);
    }
    // The help line travels in the message; the secondary label becomes a
    // related location.
    assert_eq!(
        errors[0]["message"]["text"],
        "expected a task number such as 12, found `三`\nhelp: write the number in digits: 3"
    );
    let related = &errors[4]["relatedLocations"][0];
    assert_eq!(related["message"]["text"], "task 22 starts here");
    assert_eq!(related["physicalLocation"]["region"]["startLine"], 146);
    assert_eq!(related["physicalLocation"]["region"]["startColumn"], 2);
}

#[test]
fn check_of_a_directory_reads_its_txt_files_recursively() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path();
    for sub in ["b/c", ".hidden", "target"] {
        std::fs::create_dir_all(base.join(sub)).unwrap();
    }
    std::fs::write(base.join("b/c/x.txt"), read(TASK_THREE)).unwrap();
    std::fs::write(base.join("b/y.txt"), read(SEED)).unwrap();
    std::fs::write(base.join("a.txt"), read("fixtures/invalid/truncated.txt")).unwrap();
    // Not documents: other extensions, hidden directories, build output.
    std::fs::write(base.join("b/notes.md"), read(TASK_THREE)).unwrap();
    std::fs::write(base.join(".hidden/z.txt"), read(TASK_THREE)).unwrap();
    std::fs::write(base.join("target/w.txt"), read(TASK_THREE)).unwrap();

    let r = run(&["check", "--output-format", "concise", path_str(base)]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    let shown = |name: &str| format!("{}", base.join(name).display());
    let errors: Vec<&str> = r
        .stdout
        .lines()
        .filter(|l| l.contains(": error["))
        .collect();
    assert_eq!(
        errors,
        [
            format!("{}:46:10: error[E012] expected the 东疆责任单位 cell of task 6, found the end of the document", shown("a.txt")),
            format!("{}:25:2: error[E010] expected a task number such as 12, found `三`", shown("b/c/x.txt")),
        ]
    );
    let (errors, _, files) = summary(last_line(&r.stdout));
    assert_eq!((errors, files), (2, 3));

    // Another extension on request.
    let r = run(&[
        "check",
        "--output-format",
        "concise",
        "--extension",
        "md",
        path_str(base),
    ]);
    let (errors, _, files) = summary(last_line(&r.stdout));
    assert_eq!((errors, files), (1, 1));
    let expected = format!("{}:25:2: error[E010] ", shown("b/notes.md"));
    assert!(
        r.stdout.lines().any(|l| l.starts_with(&expected)),
        "{}",
        r.stdout
    );
}

#[test]
fn check_of_the_fixtures_directory() {
    let r = run(&["check", "--output-format", "concise", "fixtures/invalid"]);
    assert_eq!(r.code, 1);
    let txt = std::fs::read_dir(root().join("fixtures/invalid"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "txt")
        })
        .count();
    assert_eq!(summary(last_line(&r.stdout)).2, txt);
    // The .bin file is not a .txt file.
    assert!(!r.stdout.contains("not_text.bin"));
    assert!(r
        .stdout
        .contains("fixtures/invalid/utf16_lone_surrogate.txt:4:3: error[E002] "));
}

#[test]
fn check_reads_standard_input() {
    let r = run_with(
        &["check", "--output-format", "concise", "-"],
        Some(&read(TASK_THREE)),
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stdout
            .lines()
            .any(|l| l == "-:25:2: error[E010] expected a task number such as 12, found `三`"),
        "{}",
        r.stdout
    );
    // GB18030 on standard input is decoded too.
    let r = run_with(
        &["check", "--output-format", "concise", "-"],
        Some(&read("fixtures/lint/task_number_format_gb18030.txt")),
    );
    assert!(
        r.stdout.lines().any(|l| l
            == "-:25:2: warning[W021] [*] expected the task number as ASCII digits: 3, found `3.`"),
        "{}",
        r.stdout
    );
    let r = run_with(&["check", "-"], Some(&read(SEED)));
    assert_eq!(r.code, 0);
    assert_eq!(summary(last_line(&r.stdout)).0, 0);
}

#[test]
fn check_of_an_unreadable_path_exits_2() {
    let missing = "fixtures/invalid/no_such_file.txt";
    let r = run(&["check", missing]);
    assert_eq!(r.code, 2);
    assert!(
        r.stdout
            .starts_with(&format!("error[E003]: cannot read {missing}: ")),
        "{}",
        r.stdout
    );
    // The other files are still checked and reported.
    let r = run(&["check", "--output-format", "concise", TASK_THREE, missing]);
    assert_eq!(r.code, 2);
    let lines: Vec<&str> = r.stdout.lines().collect();
    let task_three = format!("{TASK_THREE}:25:2: error[E010] ");
    assert!(
        lines.iter().any(|l| l.starts_with(&task_three)),
        "{}",
        r.stdout
    );
    assert!(lines.iter().any(|l| l.starts_with(&format!(
        "{missing}:1:1: error[E003] cannot read {missing}: "
    ))));
    let (errors, _, files) = summary(last_line(&r.stdout));
    assert_eq!((errors, files), (2, 2));
    // --exit-zero does not hide I/O failures.
    assert_eq!(run(&["check", "--exit-zero", missing]).code, 2);
}

#[test]
fn check_of_bytes_that_are_not_text_is_an_error_of_the_document() {
    let r = run(&[
        "check",
        "--output-format",
        "json",
        "fixtures/invalid/not_text.bin",
    ]);
    assert_eq!(r.code, 1);
    let records = error_records(&r.stdout);
    assert_eq!(records.len(), 1);
    assert_eq!(records[0]["code"], "E002");
    assert_eq!(
        (records[0]["line"].as_u64(), records[0]["column"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(records[0]["offset"], 0);
}

#[test]
fn exit_zero_reports_but_succeeds() {
    let r = run(&["check", "--exit-zero", SEVERAL]);
    assert_eq!(r.code, 0);
    assert_eq!(r.stdout.matches("error[E").count(), 4);
    assert_eq!(summary(last_line(&r.stdout)).0, 4);
}

// ---------------------------------------------------------------- explain

#[test]
fn explain_prints_the_explanation() {
    let expected = fengong::Code::InvalidTaskNumber.explanation();
    for spelling in ["E010", "e010", "invalid-task-number"] {
        let r = run(&["explain", spelling]);
        assert_eq!(r.code, 0, "{spelling}");
        assert_eq!(r.stdout, expected, "{spelling}");
    }
    let r = run(&["explain", "E010"]);
    assert!(r.stdout.starts_with("# E010: invalid-task-number\n"));
    assert!(r.stdout.contains("→二十"));
}

#[test]
fn explain_list_names_every_code() {
    let r = run(&["explain", "--list"]);
    assert_eq!(r.code, 0);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), fengong::Code::ALL.len());
    for (line, code) in lines.iter().zip(fengong::Code::ALL) {
        assert!(
            line.starts_with(&format!("{}  {} ", code.as_str(), code.name())),
            "{line}"
        );
        assert!(
            line.contains(&format!(" {} ", code.default_severity())),
            "{line}"
        );
        assert!(line.ends_with(code.summary()), "{line}");
    }
    assert!(r.stdout.contains("E010  invalid-task-number"));
}

#[test]
fn explain_of_an_unknown_code_exits_2() {
    for code in ["E999", "W999", "nonsense"] {
        let r = run(&["explain", code]);
        assert_eq!(r.code, 2, "{code}");
        assert_eq!(r.stdout, "");
        assert_eq!(
            r.stderr,
            format!("error: unknown diagnostic code or name `{code}`; `fengong explain --list` shows every code\n")
        );
    }
}

#[test]
fn every_code_is_explained_with_an_example() {
    for code in fengong::Code::ALL {
        let r = run(&["explain", code.as_str()]);
        assert_eq!(r.code, 0, "{code}");
        assert!(
            r.stdout
                .starts_with(&format!("# {}: {}\n", code.as_str(), code.name())),
            "{code}"
        );
        assert!(r.stdout.contains("\n## Example"), "{code} has no example");
        assert_eq!(r.stdout, code.explanation());
    }
}

// ---------------------------------------------------------------- fmt

#[test]
fn fmt_prints_the_canonical_text() {
    let r = run(&["fmt", SEED]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, seed_canonical());
    assert_ne!(r.stdout, read_text(SEED));
    // It parses back to the same document, and is its own canonical form.
    let seed = read_text(SEED);
    let original = fengong::parse(&seed).unwrap();
    let back = fengong::parse(&r.stdout).unwrap();
    assert_eq!(back, original);
    assert_eq!(back.categories().len(), 28);
    assert_eq!(fengong::to_canonical_string(&back), r.stdout);
}

#[test]
fn fmt_of_a_broken_document_exits_1() {
    let r = run(&["fmt", TASK_THREE]);
    assert_eq!(r.code, 1);
    assert_eq!(r.stdout, "");
    assert!(r.stderr.starts_with("error[E010]"), "{}", r.stderr);
    assert_eq!(run(&["fmt", "fixtures/invalid/no_such_file.txt"]).code, 2);
}

#[test]
fn fmt_check_exits_1_unless_canonical() {
    let r = run(&["fmt", "--check", SEED]);
    assert_eq!(r.code, 1);
    assert_eq!(r.stdout, "");
    assert_eq!(
        r.stderr,
        format!("{SEED}: not in the canonical layout (run `fengong fmt --write {SEED}`)\n")
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("canonical.txt");
    std::fs::write(&path, seed_canonical()).unwrap();
    let r = run(&["fmt", "--check", path_str(&path)]);
    assert_eq!((r.code, r.stdout.as_str(), r.stderr.as_str()), (0, "", ""));
    // From standard input too.
    let r = run_with(&["fmt", "--check", "-"], Some(seed_canonical().as_bytes()));
    assert_eq!(r.code, 0);
    let r = run_with(&["fmt", "--check", "-"], Some(&read(SEED)));
    assert_eq!(r.code, 1);
}

#[test]
fn fmt_write_keeps_encoding_and_line_endings() {
    let seed = read_text(SEED);
    let crlf = seed.replace('\n', "\r\n");
    let canonical = seed_canonical();
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &str, Encoding, bool); 5] = [
        ("utf8.txt", &seed, Encoding::Utf8, false),
        ("crlf.txt", &crlf, Encoding::Utf8, false),
        ("bom.txt", &seed, Encoding::Utf8, true),
        ("gb18030-crlf.txt", &crlf, Encoding::Gb18030, false),
        ("utf16.txt", &seed, Encoding::Utf16Le, true),
    ];
    for (name, text, encoding, bom) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, encode(text, encoding, bom).unwrap()).unwrap();
        let r = run(&["fmt", "--write", path_str(&path)]);
        assert_eq!(
            (r.code, r.stdout.as_str(), r.stderr.as_str()),
            (0, "", ""),
            "{name}"
        );
        let bytes = std::fs::read(&path).unwrap();
        let decoded = decode(&bytes).unwrap();
        assert_eq!(
            (decoded.encoding(), decoded.has_bom()),
            (encoding, bom),
            "{name}"
        );
        let expected = if text.contains('\r') {
            canonical.replace('\n', "\r\n")
        } else {
            canonical.clone()
        };
        assert_eq!(decoded.text(), expected, "{name}");
        assert_eq!(bytes, encode(&expected, encoding, bom).unwrap(), "{name}");
        // Now canonical: --check agrees, and a second --write changes nothing.
        assert_eq!(run(&["fmt", "--check", path_str(&path)]).code, 0, "{name}");
        assert_eq!(run(&["fmt", "--write", path_str(&path)]).code, 0, "{name}");
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "{name}");
    }
    // Nothing else is left in the directory (no temporary files).
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "bom.txt",
            "crlf.txt",
            "gb18030-crlf.txt",
            "utf16.txt",
            "utf8.txt"
        ]
    );
}

#[test]
fn fmt_write_needs_a_file_and_leaves_broken_files_alone() {
    let r = run_with(&["fmt", "--write", "-"], Some(&read(SEED)));
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: --write needs a file, not standard input\n"
    );

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.txt");
    std::fs::write(&path, read(TASK_THREE)).unwrap();
    let r = run(&["fmt", "--write", path_str(&path)]);
    assert_eq!(r.code, 1);
    assert_eq!(std::fs::read(&path).unwrap(), read(TASK_THREE));
}

/// Applies a unified diff to `old`, checking its context and removed lines.
fn apply_diff(old: &str, diff: &str) -> String {
    let old_lines: Vec<&str> = old.split_inclusive('\n').collect();
    let mut out: Vec<String> = Vec::new();
    let mut at = 0; // next old line
    let mut lines = diff.lines().peekable();
    assert!(lines.next().unwrap().starts_with("--- a/"));
    assert!(lines.next().unwrap().starts_with("+++ b/"));
    while let Some(header) = lines.next() {
        // @@ -a,b +c,d @@
        let range = header
            .strip_prefix("@@ -")
            .and_then(|h| h.split(' ').next())
            .unwrap_or_else(|| panic!("bad hunk header {header:?}"));
        let start: usize = range.split(',').next().unwrap().parse().unwrap();
        let start = start.saturating_sub(1);
        out.extend(old_lines[at..start].iter().map(|l| l.to_string()));
        at = start;
        while let Some(line) = lines.next_if(|l| !l.starts_with("@@")) {
            let no_newline = lines.next_if(|l| l.starts_with('\\')).is_some();
            let (kind, content) = line.split_at(1);
            let with_end = if no_newline {
                content.to_string()
            } else {
                format!("{content}\n")
            };
            match kind {
                " " | "-" => {
                    assert_eq!(old_lines[at], with_end, "context or removed line {line:?}");
                    at += 1;
                    if kind == " " {
                        out.push(with_end);
                    }
                }
                "+" => out.push(with_end),
                _ => panic!("bad diff line {line:?}"),
            }
        }
    }
    out.extend(old_lines[at..].iter().map(|l| l.to_string()));
    out.concat()
}

#[test]
fn fmt_diff_prints_a_unified_diff_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("seed.txt");
    std::fs::write(&path, read(SEED)).unwrap();
    let r = run(&["fmt", "--diff", path_str(&path)]);
    assert_eq!(r.code, 1, "the file would change: {}", r.stderr);
    let shown = path.display();
    assert!(
        r.stdout.starts_with(&format!(
            "--- a/{shown}\n+++ b/{shown}\n@@ -1,20 +1,17 @@\n-\n 附件：\n"
        )),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("\n-\t滨海新区\n-责任单位\n"));
    assert!(r.stdout.contains("\n+\t滨海新区责任单位\n"));
    assert_eq!(apply_diff(&read_text(SEED), &r.stdout), seed_canonical());
    assert_eq!(std::fs::read(&path).unwrap(), read(SEED));
    // A canonical file has no diff.
    std::fs::write(&path, seed_canonical()).unwrap();
    let r = run(&["fmt", "--diff", path_str(&path)]);
    assert_eq!((r.code, r.stdout.as_str()), (0, ""));
}

// ---------------------------------------------------------------- render

#[test]
fn render_of_the_json_gives_the_canonical_text() {
    let parsed = run(&["parse", SEED]);
    assert_eq!(parsed.code, 0);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("seed.json");
    std::fs::write(&path, &parsed.stdout).unwrap();
    let r = run(&["render", path_str(&path)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, seed_canonical());
    let r = run_with(&["render", "-"], Some(parsed.stdout.as_bytes()));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, seed_canonical());
}

#[test]
fn render_of_invalid_json_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    for (name, content) in [
        (
            "syntax.json",
            &b"{\"title\": \"x\",\n  \"categories\": [\n"[..],
        ),
        ("shape.json", b"{\"title\": 7}"),
        ("latin1.json", b"{\"title\": \"\xe9\"}"),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        let r = run(&["render", path_str(&path)]);
        assert_eq!(r.code, 1, "{name}: {r:?}");
        assert_eq!(r.stdout, "", "{name}");
        assert!(
            r.stderr.starts_with(&format!("{}:", path.display())),
            "{name}: {}",
            r.stderr
        );
    }
    // Located once, as FILE:LINE:COLUMN: message.
    let shown = |name: &str| dir.path().join(name).display().to_string();
    let r = run(&["render", &shown("syntax.json")]);
    assert_eq!(
        r.stderr,
        format!("{}:3:1: EOF while parsing a list\n", shown("syntax.json"))
    );
    let r = run(&["render", &shown("shape.json")]);
    assert_eq!(
        r.stderr,
        format!(
            "{}:1:11: invalid type: integer `7`, expected a string\n",
            shown("shape.json")
        )
    );
    let r = run(&["render", &shown("latin1.json")]);
    assert_eq!(
        r.stderr,
        format!(
            "{}:1:12: JSON must be UTF-8; byte 11 is not\n",
            shown("latin1.json")
        )
    );
    assert_eq!(
        run(&["render", "fixtures/invalid/no_such_file.json"]).code,
        2
    );
}

// ---------------------------------------------------------------- colour

#[test]
fn colour_only_when_asked() {
    let never = run(&["--color", "never", "check", TASK_THREE]);
    assert!(!never.stdout.contains('\u{1b}'), "{:?}", never.stdout);
    // Piped output is not a terminal: no colour by default.
    let auto = run(&["check", TASK_THREE]);
    assert_eq!(auto.stdout, never.stdout);
    let always = run(&["--color", "always", "check", TASK_THREE]);
    assert!(always.stdout.contains("\u{1b}["), "{:?}", always.stdout);
    assert_eq!(always.code, 1);
    // The flag works after the subcommand too, and for stderr reports.
    let r = run(&["parse", TASK_THREE, "--color", "always"]);
    assert!(r.stderr.contains("\u{1b}["), "{:?}", r.stderr);
    let r = run(&["parse", TASK_THREE, "--color", "never"]);
    assert!(!r.stderr.contains('\u{1b}'), "{:?}", r.stderr);
}
