//! What `check` and `units` write for other programs and for terminals:
//! SARIF that the SARIF 2.1.0 schema accepts, with percent-encoded file
//! URIs; colours as the environment and `--color` ask, and none otherwise;
//! the `units` table fitted to a terminal's width.

use std::path::Path;

use serde_json::Value;

mod common;
use common::*;

const SEED: &str = "seeds/000_ecc403549f0e7389.txt";
const SEED_TEXT: &str = include_str!("../seeds/000_ecc403549f0e7389.txt");
const BROKEN: &str = "fixtures/invalid/chinese_task_number.txt";

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

// ---------------------------------------------------------------- SARIF and its schema

/// The official SARIF 2.1.0 JSON schema (OASIS,
/// <https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json>,
/// `$id` https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json),
/// vendored from the `serde-sarif` 0.8.0 crate on crates.io
/// (`src/schema.json`); see `tests/data/README.md`.
const SCHEMA: &str = include_str!("data/sarif-schema-2.1.0.json");

/// A validator of the JSON Schema (draft-07) keywords the SARIF schema
/// uses: `$ref`, `type`, `enum`, `required`, `properties`,
/// `additionalProperties`, `items`, `minItems`, `uniqueItems`, `minimum`,
/// `maximum`, `anyOf`, `oneOf`, and `format` `uri`/`uri-reference` (checked
/// as RFC 3986 allows: no space nor character beyond ASCII, `%` with two
/// hex digits, a scheme for `uri`). `pattern` is only on properties fengong
/// never writes (GUIDs, MIME types, languages): meeting one is an error.
struct Validator {
    schema: Value,
}

impl Validator {
    fn new() -> Validator {
        Validator {
            schema: json(SCHEMA),
        }
    }

    /// Every violation of the schema by `value`, with its JSON path.
    fn errors(&self, value: &Value) -> Vec<String> {
        let mut errors = Vec::new();
        self.check(&self.schema, value, "$", &mut errors);
        errors
    }

    fn check(&self, schema: &Value, value: &Value, at: &str, errors: &mut Vec<String>) {
        if let Some(reference) = schema["$ref"].as_str() {
            let name = reference
                .strip_prefix("#/definitions/")
                .unwrap_or_else(|| panic!("unsupported $ref {reference}"));
            let target = &self.schema["definitions"][name];
            assert!(target.is_object(), "no definition {name}");
            return self.check(target, value, at, errors);
        }
        if let Some(kinds) = schema.get("type") {
            let kinds: Vec<&str> = match kinds {
                Value::String(k) => vec![k.as_str()],
                Value::Array(ks) => ks.iter().filter_map(Value::as_str).collect(),
                _ => panic!("bad type at {at}"),
            };
            let fits = |kind: &str| match kind {
                "object" => value.is_object(),
                "array" => value.is_array(),
                "string" => value.is_string(),
                "boolean" => value.is_boolean(),
                "null" => value.is_null(),
                "number" => value.is_number(),
                "integer" => value.is_i64() || value.is_u64(),
                other => panic!("unsupported type {other}"),
            };
            if !kinds.iter().any(|k| fits(k)) {
                errors.push(format!("{at}: expected {kinds:?}, found {value}"));
                return;
            }
        }
        if let Some(allowed) = schema["enum"].as_array() {
            if !allowed.contains(value) {
                errors.push(format!("{at}: {value} is not one of {allowed:?}"));
            }
        }
        if let Some(n) = value.as_f64() {
            if schema["minimum"].as_f64().is_some_and(|m| n < m) {
                errors.push(format!("{at}: {n} is below the minimum"));
            }
            if schema["maximum"].as_f64().is_some_and(|m| n > m) {
                errors.push(format!("{at}: {n} is above the maximum"));
            }
        }
        if let Some(text) = value.as_str() {
            if schema.get("pattern").is_some() {
                errors.push(format!("{at}: a property with a pattern (unchecked here)"));
            }
            match schema["format"].as_str() {
                Some("uri") => check_uri(text, true, at, errors),
                Some("uri-reference") => check_uri(text, false, at, errors),
                _ => {}
            }
        }
        if let Some(items) = value.as_array() {
            if schema["minItems"]
                .as_u64()
                .is_some_and(|m| (items.len() as u64) < m)
            {
                errors.push(format!("{at}: fewer items than the minimum"));
            }
            if schema["uniqueItems"] == true {
                for (i, item) in items.iter().enumerate() {
                    if items[..i].contains(item) {
                        errors.push(format!("{at}[{i}]: a repeated item"));
                    }
                }
            }
            if schema.get("items").is_some() {
                for (i, item) in items.iter().enumerate() {
                    self.check(&schema["items"], item, &format!("{at}[{i}]"), errors);
                }
            }
        }
        if let Some(object) = value.as_object() {
            for key in schema["required"].as_array().into_iter().flatten() {
                let key = key.as_str().unwrap();
                if !object.contains_key(key) {
                    errors.push(format!("{at}: `{key}` is required"));
                }
            }
            let properties = schema["properties"].as_object();
            for (key, item) in object {
                let path = format!("{at}.{key}");
                match properties.and_then(|p| p.get(key)) {
                    Some(property) => self.check(property, item, &path, errors),
                    None => match schema.get("additionalProperties") {
                        Some(Value::Bool(false)) => {
                            errors.push(format!("{path}: not a property of this object"));
                        }
                        Some(extra @ Value::Object(_)) => self.check(extra, item, &path, errors),
                        _ => {}
                    },
                }
            }
        }
        if let Some(options) = schema["anyOf"].as_array() {
            let matching = options.iter().filter(|o| self.valid(o, value, at)).count();
            if matching == 0 {
                errors.push(format!("{at}: matches none of anyOf"));
            }
        }
        if let Some(options) = schema["oneOf"].as_array() {
            let matching = options.iter().filter(|o| self.valid(o, value, at)).count();
            if matching != 1 {
                errors.push(format!("{at}: matches {matching} of oneOf"));
            }
        }
    }

    fn valid(&self, schema: &Value, value: &Value, at: &str) -> bool {
        let mut errors = Vec::new();
        self.check(schema, value, at, &mut errors);
        errors.is_empty()
    }
}

/// RFC 3986's characters: no space nor control, nothing beyond ASCII, `%`
/// followed by two hex digits, and a scheme for an absolute URI.
fn check_uri(text: &str, absolute: bool, at: &str, errors: &mut Vec<String>) {
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let ok = match b {
            b'%' => bytes
                .get(i + 1..i + 3)
                .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)),
            b'!'..=b'~' => !matches!(
                b,
                b'"' | b'<' | b'>' | b'\\' | b'^' | b'`' | b'{' | b'|' | b'}'
            ),
            _ => false,
        };
        if !ok {
            errors.push(format!("{at}: {text:?} is not a URI reference (byte {i})"));
            return;
        }
    }
    if absolute {
        let scheme = text.split(':').next().unwrap_or("");
        let ok = text.contains(':')
            && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
        if !ok {
            errors.push(format!("{at}: {text:?} has no scheme"));
        }
    }
}

/// Runs `check --output-format sarif` in `dir` and validates its log.
fn valid_sarif(dir: &Path, paths: &[&str], stdin: Option<&[u8]>) -> Value {
    let mut args = vec!["check", "--output-format", "sarif"];
    args.extend_from_slice(paths);
    let r = run_in(dir, &args, stdin);
    assert!(r.code <= 2, "{}", r.stderr);
    let log = json(&r.stdout);
    let errors = Validator::new().errors(&log);
    assert!(errors.is_empty(), "{paths:?}: {errors:#?}");
    log
}

fn uris(log: &Value) -> Vec<(String, Option<String>)> {
    log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let location = &r["locations"][0]["physicalLocation"]["artifactLocation"];
            (
                location["uri"].as_str().unwrap().to_string(),
                location["uriBaseId"].as_str().map(str::to_string),
            )
        })
        .collect()
}

#[test]
fn the_validator_finds_what_breaks_the_schema() {
    let validator = Validator::new();
    let good = serde_json::json!({"version": "2.1.0", "runs": []});
    assert!(validator.errors(&good).is_empty());
    let broken = serde_json::json!({
        "version": "2.0",
        "runs": [{"tool": {"driver": {}}, "results": [{"message": {}, "level": "bad"}], "extra": 1}],
    });
    let errors = validator.errors(&broken);
    for wanted in [
        "$.version: \"2.0\" is not one of",
        "$.runs[0].tool.driver: `name` is required",
        "$.runs[0].results[0].message: matches none of anyOf",
        "$.runs[0].results[0].level: \"bad\" is not one of",
        "$.runs[0].extra: not a property of this object",
    ] {
        assert!(
            errors.iter().any(|e| e.starts_with(wanted)),
            "{wanted}: {errors:#?}"
        );
    }
    let mut errors = Vec::new();
    check_uri("docs/任务.txt", false, "$", &mut errors);
    check_uri("a b", false, "$", &mut errors);
    check_uri("%zz", false, "$", &mut errors);
    check_uri("docs/a.txt", true, "$", &mut errors);
    assert_eq!(errors.len(), 4, "{errors:#?}");
}

#[test]
fn sarif_logs_meet_the_schema_and_name_files_by_encoded_uris() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path();
    std::fs::create_dir_all(base.join("文档 2024")).unwrap();
    std::fs::write(base.join("文档 2024/任务 清单.txt"), SEED_TEXT).unwrap();
    std::fs::copy(root().join(BROKEN), base.join("broken#1.txt")).unwrap();
    std::fs::write(base.join("binary.txt"), b"\xff\xfe\x00\xd8").unwrap();
    std::fs::write(base.join("fengong.toml"), b"[severity]\nW005 = \"error\"\n").unwrap();

    let log = valid_sarif(base, &["."], None);
    let found = uris(&log);
    let srcroot = Some("%SRCROOT%".to_string());
    assert!(
        found.contains(&("broken%231.txt".to_string(), srcroot.clone())),
        "{found:?}"
    );
    assert!(
        found.contains(&("binary.txt".to_string(), srcroot.clone())),
        "{found:?}"
    );
    assert!(found.contains(&(
        "%E6%96%87%E6%A1%A3%202024/%E4%BB%BB%E5%8A%A1%20%E6%B8%85%E5%8D%95.txt".to_string(),
        srcroot.clone()
    )));
    // The base is the working directory, as a file: URI with a final `/`.
    let root_uri = log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap();
    assert!(
        root_uri.starts_with("file:///") && root_uri.ends_with('/'),
        "{root_uri}"
    );
    let here = std::fs::canonicalize(base).unwrap();
    assert_eq!(
        root_uri.trim_end_matches('/'),
        format!("file://{}", here.display()).replace(' ', "%20"),
    );

    // An absolute path is a file:/// URI of its own, without a base.
    let absolute = here.join("文档 2024/任务 清单.txt");
    let log = valid_sarif(base, &[absolute.to_str().unwrap()], None);
    let (uri, base_id) = &uris(&log)[0];
    assert!(
        uri.starts_with("file:///")
            && uri.ends_with(
                "/%E6%96%87%E6%A1%A3%202024/%E4%BB%BB%E5%8A%A1%20%E6%B8%85%E5%8D%95.txt"
            ),
        "{uri}"
    );
    assert_eq!(*base_id, None);

    // Errors, a configuration problem and standard input are valid too.
    std::fs::write(base.join("fengong.toml"), b"selec = []\n").unwrap();
    let log = valid_sarif(base, &["broken#1.txt"], None);
    assert_eq!(uris(&log)[0], ("fengong.toml".to_string(), srcroot.clone()));
    let log = valid_sarif(
        root(),
        &["-", BROKEN, "./seeds"],
        Some(SEED_TEXT.as_bytes()),
    );
    let found = uris(&log);
    assert_eq!(found[0], ("-".to_string(), srcroot.clone()));
    assert!(found.contains(&(BROKEN.to_string(), srcroot.clone())));
    // `./` is left out.
    assert!(found.contains(&(SEED.to_string(), srcroot)), "{found:?}");
    // A run without findings is an empty log that meets the schema.
    let log = valid_sarif(root(), &["--select", "W003", SEED], None);
    assert_eq!(log["runs"][0]["results"], serde_json::json!([]));
}

// ---------------------------------------------------------------- colours

const ESC: char = '\u{1b}';

#[test]
fn colours_follow_the_environment_on_a_terminal() {
    let args = ["check", "--output-format", "concise", SEED];
    let coloured = run_on_terminal(root(), &args, &[], 100);
    assert!(coloured.screen.contains(ESC), "{}", coloured.screen);
    // Concise: the path bold, the severity and code yellow, the [*] cyan.
    assert!(
        coloured.screen.contains(&format!(
            "{ESC}[1m{SEED}{ESC}[0m:171:2: {ESC}[1m{ESC}[33mwarning[W005]{ESC}[0m {ESC}[36m[*]{ESC}[0m expected"
        )),
        "{}",
        coloured.screen
    );
    let piped = run(&args);
    assert_eq!(strip_ansi(&coloured.screen), piped.stdout);
    for env in [[("NO_COLOR", "1")], [("CLICOLOR", "0")], [("TERM", "dumb")]] {
        let plain = run_on_terminal(root(), &args, &env, 100);
        assert!(!plain.screen.contains(ESC), "{env:?}: {}", plain.screen);
        assert_eq!(plain.screen, piped.stdout, "{env:?}");
    }
    // In CI (`CI` set, as CI services do) a dumb terminal is coloured:
    // CI logs show colours. `NO_COLOR` still wins.
    let ci = run_on_terminal(root(), &args, &[("TERM", "dumb"), ("CI", "true")], 100);
    assert!(ci.screen.contains(ESC), "{}", ci.screen);
    let ci_no_color = run_on_terminal(root(), &args, &[("CI", "true"), ("NO_COLOR", "1")], 100);
    assert!(!ci_no_color.screen.contains(ESC), "{}", ci_no_color.screen);
    // --color never wins over the environment, and so does --color always.
    let never = run_on_terminal(
        root(),
        &["check", "--color", "never", SEED],
        &[("CLICOLOR_FORCE", "1")],
        100,
    );
    assert!(!never.screen.contains(ESC));
    let always = run_on_terminal(
        root(),
        &["check", "--color", "always", SEED],
        &[("NO_COLOR", "1")],
        100,
    );
    assert!(always.screen.contains(ESC));
}

#[test]
fn colours_are_forced_or_refused_off_a_terminal() {
    let forced = |env: &[(&str, &str)], args: &[&str]| {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_fengong"));
        command
            .args(args)
            .current_dir(root())
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR")
            .env_remove("CLICOLOR_FORCE")
            .env_remove("CI")
            .envs(env.iter().copied());
        let out = command.output().unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let concise = ["check", "--output-format", "concise", SEED];
    assert!(!forced(&[], &concise).contains(ESC));
    assert!(forced(&[("CLICOLOR_FORCE", "1")], &concise).contains(ESC));
    // NO_COLOR outranks CLICOLOR_FORCE.
    assert!(!forced(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")], &concise).contains(ESC));
    // An empty NO_COLOR is no request.
    assert!(forced(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "")], &concise).contains(ESC));
    // Without colour, byte for byte what the tests compare elsewhere.
    assert_eq!(
        strip_ansi(&forced(&[("CLICOLOR_FORCE", "1")], &concise)),
        forced(&[], &concise)
    );
    // JSON, SARIF and github never have colours.
    for format in ["json", "sarif", "github"] {
        let out = forced(
            &[],
            &[
                "check",
                "--color",
                "always",
                "--output-format",
                format,
                SEED,
            ],
        );
        assert!(!out.contains(ESC), "{format}");
    }
}

#[test]
fn diffs_are_coloured_on_a_terminal_and_plain_in_a_pipe() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("seed.txt"), SEED_TEXT).unwrap();
    for args in [
        &["check", "--diff", "seed.txt"][..],
        &["fmt", "--diff", "seed.txt"],
    ] {
        let screen = run_on_terminal(dir.path(), args, &[], 100);
        assert_eq!(screen.code, 1, "{}", screen.screen);
        assert!(
            screen
                .screen
                .contains(&format!("{ESC}[1m--- a/seed.txt{ESC}[0m\n")),
            "{}",
            screen.screen
        );
        assert!(
            screen.screen.contains(&format!("{ESC}[36m@@ ")),
            "{}",
            screen.screen
        );
        assert!(screen.screen.contains(&format!("{ESC}[31m-")));
        assert!(screen.screen.contains(&format!("{ESC}[32m+")));
        let piped = run_in(dir.path(), args, None);
        assert!(!piped.stdout.contains(ESC));
        // Standard error (the summary of check) comes after the diff.
        assert_eq!(
            strip_ansi(&screen.screen),
            format!("{}{}", piped.stdout, piped.stderr)
        );
    }
}

// ---------------------------------------------------------------- units on a terminal

#[test]
fn the_units_table_fits_a_terminal_and_not_a_pipe() {
    use unicode_width::UnicodeWidthStr as _;
    let piped = run(&["units", SEED]);
    assert_eq!(piped.code, 0);
    let widest = piped.stdout.lines().map(|l| l.width()).max().unwrap();
    assert!(widest > 80, "{widest}");
    // COLUMNS, or the terminal's own width.
    for (env, columns) in [(&[("COLUMNS", "80")][..], 200), (&[], 80)] {
        let screen = run_on_terminal(root(), &["units", SEED], env, columns);
        assert_eq!(screen.code, 0);
        let lines: Vec<&str> = screen.screen.lines().collect();
        assert!(lines.iter().all(|l| l.width() <= 80), "{}", screen.screen);
        assert!(lines.len() > piped.stdout.lines().count());
        // Nothing lost: the same task numbers, wrapped.
        let numbers = |text: &str| -> Vec<String> {
            text.split(|c: char| !c.is_ascii_digit())
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        };
        assert_eq!(numbers(&screen.screen), numbers(&piped.stdout));
    }
    // Off a terminal, COLUMNS changes nothing.
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_fengong"));
    let out = command
        .args(["units", SEED])
        .current_dir(root())
        .env("COLUMNS", "40")
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), piped.stdout);
}
