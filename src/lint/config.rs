//! [`LintConfig`]: which rules run, how severe their findings are, and the
//! unit names the near-miss rule trusts; the `fengong` tool reads it from a
//! `fengong.toml`.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::diagnostic::{Code, Severity};

/// Which lint rules run, how severe their findings are, and the unit names
/// the near-miss rule trusts. The default runs every rule at its default
/// severity.
///
/// Codes are written as codes (`"W003"`) or names (`"empty-unit-cell"`).
///
/// ```
/// use fengong::lint::LintConfig;
/// use fengong::{Code, Severity};
///
/// let config: LintConfig = serde_json::from_str(
///     r#"{"ignore": ["near-miss-unit"], "severity": {"W003": "error"}}"#,
/// ).unwrap();
/// assert!(!config.is_enabled(Code::NearMissUnit));
/// assert!(config.is_enabled(Code::EmptyUnitCell));
/// assert_eq!(config.severity_of(Code::EmptyUnitCell), Severity::Error);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LintConfig {
    /// The rules to run. Empty: every rule.
    #[serde(deserialize_with = "crate::select::deserialize_select")]
    pub select: Vec<Code>,
    /// Rules not to run, even if selected.
    #[serde(deserialize_with = "crate::select::deserialize_ignore")]
    pub ignore: Vec<Code>,
    /// Severity overrides, such as `W003 = "error"`.
    pub severity: BTreeMap<Code, Severity>,
    /// Unit names to trust: the near-miss rule never flags them, and
    /// suggests them for names one or two characters away.
    pub known_units: Vec<String>,
}

impl LintConfig {
    /// Whether the rule `code` runs.
    pub fn is_enabled(&self, code: Code) -> bool {
        (self.select.is_empty() || self.select.contains(&code)) && !self.ignore.contains(&code)
    }

    /// The severity findings of `code` get: the override, or the code's
    /// default.
    pub fn severity_of(&self, code: Code) -> Severity {
        self.severity
            .get(&code)
            .copied()
            .unwrap_or(code.default_severity())
    }
}

#[cfg(test)]
mod tests {
    use super::super::rules;
    use super::*;

    #[test]
    fn config_rejects_unknown_keys_naming_the_known_ones() {
        for (input, unknown) in [
            (r#"{"ignor": ["W006"]}"#, "ignor"),
            (r#"{"lint": {"ignore": ["W006"]}}"#, "lint"),
        ] {
            let e = serde_json::from_str::<LintConfig>(input).unwrap_err();
            assert!(
                e.to_string().starts_with(&format!(
                    "unknown field `{unknown}`, expected one of `select`, `ignore`, `severity`, `known_units`"
                )),
                "{e}"
            );
        }
        // Absent keys still take their defaults.
        let config: LintConfig = serde_json::from_str(r#"{"ignore": ["W006"]}"#).unwrap();
        assert_eq!(config.ignore, [Code::StrayWhitespace]);
        assert!(config.select.is_empty());
    }

    #[test]
    fn config_selects_ignores_and_overrides() {
        let config = LintConfig::default();
        assert!(rules().all(|c| config.is_enabled(c)));
        let config = LintConfig {
            select: vec![Code::TaskNumberSequence, Code::EmptyUnitCell],
            ignore: vec![Code::EmptyUnitCell],
            ..LintConfig::default()
        };
        assert!(config.is_enabled(Code::TaskNumberSequence));
        assert!(!config.is_enabled(Code::EmptyUnitCell));
        assert!(!config.is_enabled(Code::NearMissUnit));
        assert_eq!(rules().count(), 21);
    }

    #[test]
    fn config_reads_codes_and_names() {
        let config: LintConfig = serde_json::from_str(
            r#"{"select": ["W001", "empty-unit-cell"], "ignore": ["w004"],
                "severity": {"near-miss-unit": "error", "W003": "Warning"},
                "known_units": ["区工信局"]}"#,
        )
        .unwrap();
        assert_eq!(
            config.select,
            [Code::TaskNumberSequence, Code::EmptyUnitCell]
        );
        assert_eq!(config.ignore, [Code::StraySeparator]);
        assert_eq!(config.severity_of(Code::NearMissUnit), Severity::Error);
        assert_eq!(config.severity_of(Code::EmptyUnitCell), Severity::Warning);
        assert_eq!(config.known_units, ["区工信局"]);
        assert!(serde_json::from_str::<LintConfig>(r#"{"select": ["W999"]}"#).is_err());
        assert!(serde_json::from_str::<LintConfig>(r#"{"severity": {"W001": "fatal"}}"#).is_err());
    }
}
