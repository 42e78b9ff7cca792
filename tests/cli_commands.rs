//! The command line's own conventions: one name for the output format on
//! every command, shell completions and manual pages generated from the
//! definition of the flags, and `explain --list` in aligned columns.

mod common;
use common::*;

const SEED: &str = "seeds/000_ecc403549f0e7389.txt";

#[test]
fn output_format_and_format_are_one_flag_on_check_and_units() {
    for flag in ["--format", "--output-format"] {
        let units = run(&["units", flag, "json", SEED]);
        assert_eq!(units.code, 0, "{flag}: {}", units.stderr);
        assert!(units.stdout.starts_with("{\n"), "{flag}");
        let check = run(&["check", flag, "json", SEED]);
        assert_eq!(check.code, 0, "{flag}: {}", check.stderr);
        assert!(check.stdout.starts_with("[\n"), "{flag}");
    }
    assert_eq!(
        run(&["units", "--format", "csv", SEED]).stdout,
        run(&["units", "--output-format", "csv", SEED]).stdout
    );
    // Both spellings are shown in the help.
    for command in ["check", "units"] {
        let help = run(&[command, "--help"]);
        assert_eq!(help.code, 0);
        assert!(
            help.stdout.contains("--output-format") && help.stdout.contains("[alias: --format]")
                || help.stdout.contains("--format")
                    && help.stdout.contains("[alias: --output-format]"),
            "{command}: {}",
            help.stdout
        );
    }
    // Given twice, under either name, it is a usage error.
    let r = run(&["check", "--format", "json", "--output-format", "full", SEED]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("cannot be used multiple times"),
        "{}",
        r.stderr
    );
}

#[test]
fn completions_are_printed_for_each_shell() {
    for (shell, marker) in [
        ("bash", "_fengong()"),
        ("zsh", "#compdef fengong"),
        ("fish", "complete -c fengong"),
        ("elvish", "edit:completion:arg-completer[fengong]"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let r = run(&["completions", shell]);
        assert_eq!(r.code, 0, "{shell}: {}", r.stderr);
        assert_eq!(r.stderr, "");
        assert!(r.stdout.contains(marker), "{shell}");
        // The commands and check's flags are there (fish names a long
        // flag without its dashes: `-l statistics`).
        for word in [
            "check",
            "units",
            "output-format",
            "statistics",
            "stdin-filename",
        ] {
            assert!(r.stdout.contains(word), "{shell} lacks {word}");
        }
    }
    let r = run(&["completions", "tcsh"]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout, "");
    assert!(r.stderr.contains("invalid value 'tcsh'"), "{}", r.stderr);
}

#[test]
fn manual_pages_are_printed_as_roff() {
    let r = run(&["man"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stderr, "");
    assert!(
        r.stdout.starts_with(".ie \\n(.g .ds Aq \\(aq"),
        "{}",
        &r.stdout[..200]
    );
    assert!(r.stdout.contains("\n.TH fengong 1 "), "{}", r.stdout);
    assert!(r.stdout.contains("\n.SH SUBCOMMANDS\n"));
    assert!(r.stdout.contains("fengong\\-check(1)"));
    let check = run(&["man", "check"]);
    assert_eq!(check.code, 0);
    assert!(
        check.stdout.contains("\n.TH fengong-check 1 "),
        "{}",
        check.stdout
    );
    for flag in [
        "\\-\\-statistics",
        "\\-\\-show\\-fixes",
        "\\-\\-stdin\\-filename",
        "\\-\\-quiet",
    ] {
        assert!(check.stdout.contains(flag), "{flag}");
    }
    let r = run(&["man", "chekc"]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stdout, "");
    assert!(
        r.stderr
            .starts_with("error: no command `chekc` (the commands: parse, fmt, render, check"),
        "{}",
        r.stderr
    );
    // `man` can read it, where it is installed.
    let man = std::process::Command::new("man").arg("--version").output();
    if man.is_ok_and(|o| o.status.success()) {
        let dir = tempfile::tempdir().unwrap();
        let page = dir.path().join("fengong.1");
        std::fs::write(&page, run(&["man"]).stdout).unwrap();
        let out = std::process::Command::new("man")
            .arg("-l")
            .arg(&page)
            .env("MANPAGER", "cat")
            .env("PAGER", "cat")
            .output()
            .unwrap();
        if out.status.success() {
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(text.contains("fengong"), "{text}");
        }
    }
}

#[test]
fn explain_list_is_in_aligned_columns() {
    let r = run(&["explain", "--list"]);
    assert_eq!(r.code, 0);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), fengong::Code::ALL.len());
    let width = fengong::Code::ALL
        .iter()
        .map(|c| c.name().len())
        .max()
        .unwrap();
    // code, two spaces, the name padded, two spaces, the severity padded to
    // `warning`, two spaces, the summary: every column starts at the same
    // place on every line.
    let severity_at = 4 + 2 + width + 2;
    let summary_at = severity_at + "warning".len() + 2;
    for (line, code) in lines.iter().zip(fengong::Code::ALL) {
        assert!(
            line.starts_with(&format!("{}  {}", code.as_str(), code.name())),
            "{line}"
        );
        let severity = code.default_severity().as_str();
        assert_eq!(
            &line[severity_at..severity_at + severity.len()],
            severity,
            "{line}"
        );
        assert_eq!(&line[summary_at..], code.summary(), "{line}");
    }
    assert_eq!(format!("[{:<9}]", fengong::Severity::Error), "[error    ]");
    assert_eq!(
        format!("[{:>9}]", fengong::Severity::Warning),
        "[  warning]"
    );
}
