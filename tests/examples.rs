//! The programs of `examples/` run on fixtures and say what they should:
//! they are the library's documentation, so CI keeps them working.
//!
//! `cargo test` builds the examples before running the tests; each test
//! asks cargo for its example's path (building it if this test runs alone,
//! `cargo test --test examples`).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;
use common::root;

/// The executable of example `name`, built by cargo as this test was (the
/// same profile).
fn example(name: &str) -> PathBuf {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command.current_dir(root()).args([
        "build",
        "--quiet",
        "--message-format=json",
        "--example",
        name,
    ]);
    if !cfg!(debug_assertions) {
        command.arg("--release");
    }
    let out = command.output().expect("cannot run cargo");
    assert!(
        out.status.success(),
        "cannot build example {name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|m| m["reason"] == "compiler-artifact" && m["target"]["name"] == name)
        .find_map(|m| m["executable"].as_str().map(PathBuf::from))
        .unwrap_or_else(|| panic!("cargo named no executable for example {name}"))
}

/// Runs example `name` from the crate root with `args`.
fn run_example(name: &str, args: &[&str]) -> Output {
    Command::new(example(name))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

#[test]
fn read_prints_tasks_with_their_units_by_role_in_any_layout() {
    let out = run_example("read", &["fixtures/family/table_lead_support.txt"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    let doc = fengong::parse_file(root().join("fixtures/family/table_lead_support.txt")).unwrap();
    assert!(text.starts_with(&format!(
        "{} ({} tasks)\n",
        doc.title(),
        doc.tasks().count()
    )));
    let first = doc.tasks().next().unwrap();
    assert!(
        text.contains(&format!("{}. {}\n", first.number(), first.text())),
        "{text}"
    );
    let lead: Vec<&str> = first.units().names(fengong::UnitRole::Lead).collect();
    assert!(
        text.contains(&format!("牵头单位: {}\n", lead.join("、"))),
        "{text}"
    );

    // A list in GB18030 reads the same way; a two-level table names its
    // levels by place.
    let out = run_example("read", &["fixtures/family/list_label_lines_gb18030.txt"]);
    assert!(out.status.success());
    assert!(stdout(&out).contains("牵头单位: "), "{}", stdout(&out));
    let out = run_example("read", &[]);
    let text = stdout(&out);
    assert!(
        text.starts_with("东疆重点任务清单和责任分工表 (72 tasks)\n"),
        "{text}"
    );
    assert!(
        text.contains("滨海新区责任单位: 区人社局、区财政局\n"),
        "{text}"
    );
    // An error names the file.
    let out = run_example("read", &["fixtures/invalid/chinese_task_number.txt"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("chinese_task_number.txt"));
}

#[test]
fn validate_reports_like_check_and_sets_the_exit_code() {
    let out = run_example("validate", &["seeds"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(
        text.ends_with("0 errors, 8 warnings in 1 files\n"),
        "{text}"
    );
    assert!(
        text.contains("seeds/000_ecc403549f0e7389.txt:64:12: warning[W007]: expected `区工信局`")
    );
    // The lines are check's concise findings, but for the [*] marker and
    // the colon after the code.
    let check = common::run(&["check", "--output-format", "concise", "-q", "seeds"]);
    let normalize = |s: &str| s.replace("] [*] ", "] ").replace("]: ", "] ");
    assert_eq!(
        normalize(text.rsplit_once("0 errors").unwrap().0),
        normalize(&check.stdout)
    );
    let out = run_example(
        "validate",
        &["fixtures/invalid/chinese_task_number.txt", "seeds"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).contains(":25:2: error[E010]: "),
        "{}",
        stdout(&out)
    );
    let out = run_example("validate", &["no/such/file.txt"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn rename_changes_only_the_name_and_keeps_the_encoding() {
    let dir = tempfile::tempdir().unwrap();
    let source = root().join("fixtures/family/table_lead_responsible_gb18030.txt");
    let bytes = std::fs::read(&source).unwrap();
    let decoded = fengong::source::decode(&bytes).unwrap();
    assert_eq!(decoded.encoding(), fengong::source::Encoding::Gb18030);
    let doc = fengong::parse(decoded.text()).unwrap();
    let old = doc.tasks().next().unwrap().units().all()[0]
        .name()
        .to_string();
    let renamed_to = format!("{old}（新）");
    let out_path = dir.path().join("out.txt");
    let out = run_example(
        "rename",
        &[
            source.to_str().unwrap(),
            &old,
            &renamed_to,
            out_path.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written = std::fs::read(&out_path).unwrap();
    let back = fengong::source::decode(&written).unwrap();
    assert_eq!(back.encoding(), fengong::source::Encoding::Gb18030);
    assert_eq!(back.text(), decoded.text().replace(&old, &renamed_to));
    // In place, and an unknown name is an error that writes nothing.
    let copy = dir.path().join("seed.txt");
    std::fs::copy(root().join("seeds/000_ecc403549f0e7389.txt"), &copy).unwrap();
    let out = run_example(
        "rename",
        &[copy.to_str().unwrap(), "区工业信局", "区工信局"],
    );
    assert!(out.status.success());
    let fixed = std::fs::read_to_string(&copy).unwrap();
    assert!(!fixed.contains("区工业信局"));
    let out = run_example("rename", &[copy.to_str().unwrap(), "无此单位", "x"]);
    assert!(!out.status.success());
    assert_eq!(std::fs::read_to_string(&copy).unwrap(), fixed);
}

#[test]
fn export_writes_the_json_form_and_a_csv() {
    let file = "fixtures/family/table_lead_support.txt";
    let out = run_example("export", &["json", file]);
    assert!(out.status.success());
    let parsed = common::run(&["parse", file]);
    assert_eq!(stdout(&out), parsed.stdout);

    let out = run_example("export", &["csv", file]);
    assert!(out.status.success());
    let text = stdout(&out);
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("task,heading,role,unit,text"));
    let doc = fengong::parse_file(root().join(file)).unwrap();
    let rows: usize = doc.tasks().map(|t| t.units().all().len()).sum();
    assert_eq!(lines.count(), rows);
    assert!(text.contains(",lead,"), "{text}");
    let out = run_example("export", &["xml", file]);
    assert!(!out.status.success());
    assert!(Path::new(&root().join(file)).exists());
}
