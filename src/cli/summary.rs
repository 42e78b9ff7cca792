//! What `check` says after the findings: the summary line, `--statistics`
//! (a count per code, as ruff's) and `--show-fixes` (the fixes applied,
//! that would be, or available), counted file by file as the files are
//! written.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use fengong::diagnostic::plural;
use fengong::render::quote_path;
use fengong::{Applicability, Code, Severity};

use super::output::{Checked, Options};

/// What is done with fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FixAction {
    /// `--fix`: applied.
    Apply,
    /// `--diff`: shown, not applied.
    Diff,
    /// Neither: only counted.
    Count,
}

/// How many findings of one code, and whether any has a fix `--fix`
/// applies.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct CodeCount {
    count: usize,
    fixable: bool,
}

/// The counts of a run, file by file.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    pub(crate) errors: usize,
    pub(crate) warnings: usize,
    /// Files checked (configuration files with problems are not counted).
    pub(crate) files: usize,
    /// Fixes applied, that would be, or available.
    pub(crate) fixed: usize,
    by_code: BTreeMap<Code, CodeCount>,
    /// Each file with fixes, and its fixes by code.
    fixes: Vec<(String, Vec<(Code, usize)>)>,
    /// Findings whose only fix is unsafe, when unsafe fixes are not
    /// applied.
    unsafe_only: usize,
}

impl Tally {
    /// Counts `file` (as a checked file unless it is a configuration
    /// file's problem).
    pub(crate) fn add(&mut self, file: &Checked, counted: bool, options: &Options) {
        self.files += usize::from(counted);
        for d in &file.diagnostics {
            match d.severity() {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
            }
            let entry = self.by_code.entry(d.code()).or_default();
            entry.count += 1;
            entry.fixable |= options.fixable(d);
            if !options.include_unsafe
                && d.fix()
                    .is_some_and(|f| f.applicability == Applicability::Unsafe)
            {
                self.unsafe_only += 1;
            }
        }
        let fixed = file.fixed();
        if fixed > 0 {
            self.fixed += fixed;
            self.fixes.push((file.display.clone(), file.fixes.clone()));
        }
    }

    /// Whether the run found errors.
    pub(crate) fn has_errors(&self) -> bool {
        self.errors > 0
    }

    /// `N errors, M warnings in K files`, with what was not checked and
    /// what was fixed.
    pub(crate) fn summary(&self, skipped: usize, action: FixAction) -> String {
        let mut summary = format!(
            "{}, {} in {}",
            plural(self.errors, "error", "errors"),
            plural(self.warnings, "warning", "warnings"),
            plural(self.files, "file", "files"),
        );
        if skipped > 0 {
            let _ = write!(
                summary,
                " ({skipped} not checked for an invalid {})",
                super::config::CONFIG_NAME
            );
        }
        match action {
            FixAction::Apply => {
                let _ = write!(summary, " ({} fixed)", self.fixed);
            }
            FixAction::Diff => {
                let _ = write!(summary, " ({} fixable)", self.fixed);
            }
            FixAction::Count => {}
        }
        summary
    }

    /// `--statistics`: each code found with its count, the most found
    /// first, as ruff prints them; a JSON array for `json`.
    pub(crate) fn write_statistics(&self, json: bool, out: &mut dyn Write) -> io::Result<()> {
        let mut rows: Vec<(Code, CodeCount)> = self.by_code.iter().map(|(c, n)| (*c, *n)).collect();
        rows.sort_by_key(|(code, n)| (std::cmp::Reverse(n.count), *code));
        if json {
            #[derive(serde::Serialize)]
            struct Row {
                code: Code,
                name: &'static str,
                count: usize,
                fixable: bool,
            }
            let rows: Vec<Row> = rows
                .iter()
                .map(|(code, n)| Row {
                    code: *code,
                    name: code.name(),
                    count: n.count,
                    fixable: n.fixable,
                })
                .collect();
            serde_json::to_writer_pretty(&mut *out, &rows).map_err(io::Error::from)?;
            return out.write_all(b"\n");
        }
        let width = rows
            .iter()
            .map(|(_, n)| n.count.to_string().len())
            .max()
            .unwrap_or(1);
        let any_fixable = rows.iter().any(|(_, n)| n.fixable);
        for (code, n) in &rows {
            let marker = match (any_fixable, n.fixable) {
                (false, _) => "",
                (true, true) => "[*] ",
                (true, false) => "[ ] ",
            };
            writeln!(out, "{:>width$}\t{code}\t{marker}{}", n.count, code.name())?;
        }
        Ok(())
    }

    /// `--show-fixes`: the fixes applied (`--fix`), that would be
    /// (`--diff`) or available, by file and code.
    pub(crate) fn fixes_text(&self, action: FixAction, include_unsafe: bool) -> String {
        let findings = |n: usize| plural(n, "finding", "findings");
        let mut text = match (action, self.fixed) {
            (FixAction::Apply, 0) => "No fixes applied.\n".to_string(),
            (FixAction::Apply, n) => format!("Fixed {}:\n", findings(n)),
            (FixAction::Diff, 0) => "No fixes would be applied.\n".to_string(),
            (FixAction::Diff, n) => format!("Would fix {}:\n", findings(n)),
            (FixAction::Count, 0) => "No fixes available.\n".to_string(),
            (FixAction::Count, n) => format!(
                "{} fixable with --fix{}:\n",
                findings(n),
                if include_unsafe {
                    " --unsafe-fixes"
                } else {
                    ""
                }
            ),
        };
        for (file, fixes) in &self.fixes {
            let _ = writeln!(text, "- {}:", quote_path(file));
            for (code, n) in fixes {
                let _ = writeln!(text, "    {n} × {code} ({})", code.name());
            }
        }
        if self.unsafe_only > 0 {
            let _ = writeln!(
                text,
                "({} more fixable with --unsafe-fixes)",
                self.unsafe_only
            );
        }
        text
    }
}
