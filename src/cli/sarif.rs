//! `check --output-format sarif`: a SARIF 2.1.0 log
//! (<https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html>),
//! written as the files are checked: the log's opening (the tool, its
//! rules), then each file's results, then its closing, so that no file's
//! text is held until the end.
//!
//! Files are named by URI references (RFC 3986): a relative path is
//! percent-encoded (Chinese names as their UTF-8 bytes, a space as `%20`,
//! `/` kept) relative to `%SRCROOT%`, the working directory, which the
//! run's `originalUriBaseIds` gives as a `file:` URI; an absolute path is a
//! `file:///…` URI.

use std::io;
use std::path::Path;

use fengong::{Code, Diagnostic, Position, Severity};
use serde::ser::{Serialize, Serializer};

use super::output::Checked;

/// The base of relative file URIs: the working directory.
const SRCROOT: &str = "%SRCROOT%";

/// A SARIF level: SARIF names its levels `error` and `warning` as the
/// severities are named.
fn level(severity: Severity) -> &'static str {
    severity.as_str()
}

// Fields are declared in the alphabetical order in which a
// `serde_json::Value` object writes them, the order of earlier versions of
// this output.

/// `{"text": …}`.
#[derive(serde::Serialize)]
struct Text<'a> {
    text: &'a str,
}

/// A rule's help, in text and Markdown.
#[derive(serde::Serialize)]
struct RuleHelp {
    markdown: &'static str,
    text: &'static str,
}

/// `{"level": …}`.
#[derive(serde::Serialize)]
struct RuleConfiguration {
    level: &'static str,
}

/// `{"tags": […]}`.
#[derive(serde::Serialize)]
struct RuleProperties {
    tags: [&'static str; 1],
}

/// One `reportingDescriptor`: a code.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    default_configuration: RuleConfiguration,
    full_description: Text<'static>,
    help: RuleHelp,
    id: &'static str,
    name: &'static str,
    properties: RuleProperties,
    short_description: Text<'static>,
}

/// The SARIF rule of `code`.
fn rule(code: Code) -> Rule {
    Rule {
        default_configuration: RuleConfiguration {
            level: level(code.default_severity()),
        },
        full_description: Text {
            text: code.summary(),
        },
        help: RuleHelp {
            markdown: code.explanation(),
            text: code.explanation(),
        },
        id: code.as_str(),
        name: code.name(),
        properties: RuleProperties {
            tags: [if code.as_str().starts_with('E') {
                "syntax"
            } else {
                "lint"
            }],
        },
        short_description: Text {
            text: code.summary(),
        },
    }
}

/// An `artifactLocation`: a URI, relative to `uriBaseId` if it has one.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Artifact<'a> {
    uri: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

/// `bytes` percent-encoded for a URI's path (RFC 3986): the unreserved
/// characters (`A-Z a-z 0-9 - . _ ~`) and `/` as they are, every other
/// byte as `%XX`.
pub(crate) fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The URI of a file shown as `display`, and its base: a relative path
/// (without leading `./`) percent-encoded, relative to `%SRCROOT%`; an
/// absolute path as a `file:///…` URI, without a base.
pub(crate) fn artifact_uri(display: &str) -> (String, Option<&'static str>) {
    if display.starts_with('/') {
        return (format!("file://{}", percent_encode(display)), None);
    }
    let mut relative = display;
    while let Some(rest) = relative.strip_prefix("./") {
        relative = rest.trim_start_matches('/');
    }
    (percent_encode(relative), Some(SRCROOT))
}

/// The `file:` URI of directory `dir`, with the final `/` SARIF asks for.
fn directory_uri(dir: &Path) -> Option<String> {
    let dir = dir.to_str()?;
    let mut uri = format!("file://{}", percent_encode(dir));
    if !uri.ends_with('/') {
        uri.push('/');
    }
    Some(uri)
}

/// A result's region, with its bytes.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    byte_length: usize,
    byte_offset: usize,
    end_column: usize,
    end_line: usize,
    start_column: usize,
    start_line: usize,
}

/// A related location's region.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct LineRegion {
    end_column: usize,
    end_line: usize,
    start_column: usize,
    start_line: usize,
}

/// `{"artifactLocation": …, "region": …}`.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Physical<'a, R> {
    artifact_location: Artifact<'a>,
    region: R,
}

/// `{"physicalLocation": …}`.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    physical_location: Physical<'a, Region>,
}

/// A secondary label, as a related location.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Related<'a> {
    id: usize,
    message: Text<'a>,
    physical_location: Physical<'a, LineRegion>,
}

/// One `result`: a finding.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    level: &'static str,
    locations: [Location<'a>; 1],
    message: Text<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Related<'a>>,
    rule_id: &'static str,
    rule_index: usize,
}

/// The SARIF results of one file, built one at a time.
pub(crate) fn file_results(file: &Checked) -> impl Iterator<Item = impl Serialize + '_> {
    let mut locator = file.locator();
    let (uri, base) = artifact_uri(&file.display);
    file.diagnostics.iter().map(move |d| {
        let (start, end) = file.positions(locator.as_mut(), d);
        let mut message = d.message().to_string();
        if let Some(help) = d.help() {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        let related = d
            .secondary()
            .iter()
            .enumerate()
            .map(|(i, label)| {
                let (s, e) = match &locator {
                    Some(l) => l.report().locate(label.span),
                    None => (start, end),
                };
                (i, label.message.as_str(), s, e)
            })
            .collect();
        SarifOwned {
            uri: uri.clone(),
            base,
            message,
            d,
            start,
            end,
            related,
        }
    })
}

/// What one result needs beyond borrowed data: its message (with the help
/// line) and the file's URI.
struct SarifOwned<'a> {
    uri: String,
    base: Option<&'static str>,
    message: String,
    d: &'a Diagnostic,
    start: Position,
    end: Position,
    related: Vec<(usize, &'a str, Position, Position)>,
}

impl Serialize for SarifOwned<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let d = self.d;
        let artifact = || Artifact {
            uri: &self.uri,
            uri_base_id: self.base,
        };
        SarifResult {
            level: level(d.severity()),
            locations: [Location {
                physical_location: Physical {
                    artifact_location: artifact(),
                    region: Region {
                        byte_length: d.span().len(),
                        byte_offset: d.span().start,
                        end_column: self.end.column,
                        end_line: self.end.line,
                        start_column: self.start.column,
                        start_line: self.start.line,
                    },
                },
            }],
            message: Text {
                text: &self.message,
            },
            related_locations: self
                .related
                .iter()
                .map(|&(id, text, start, end)| Related {
                    id,
                    message: Text { text },
                    physical_location: Physical {
                        artifact_location: artifact(),
                        region: LineRegion {
                            end_column: end.column,
                            end_line: end.line,
                            start_column: start.column,
                            start_line: start.line,
                        },
                    },
                })
                .collect(),
            rule_id: d.code().as_str(),
            rule_index: Code::ALL.iter().position(|c| *c == d.code()).unwrap_or(0),
        }
        .serialize(s)
    }
}

/// `{"name": …, "rules": …, "semanticVersion": …, "version": …}`.
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    rules: Vec<Rule>,
    semantic_version: &'static str,
    version: &'static str,
}

/// `{"driver": …}`.
#[derive(serde::Serialize)]
struct Tool {
    driver: Driver,
}

/// `{"uri": …}`: where `%SRCROOT%` is.
#[derive(serde::Serialize)]
struct Root {
    uri: String,
}

/// `{"%SRCROOT%": {"uri": …}}`.
#[derive(serde::Serialize)]
struct BaseIds {
    #[serde(rename = "%SRCROOT%")]
    srcroot: Root,
}

/// One run: the tool and its results (empty here: they are written
/// between the opening and the closing, see [`envelope`]).
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    column_kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    original_uri_base_ids: Option<BaseIds>,
    results: [(); 0],
    tool: Tool,
}

/// The log.
#[derive(serde::Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    runs: [Run; 1],
    version: &'static str,
}

/// The indentation of a result in the log (the results array is at the
/// third level: log, runs, run).
pub(crate) const RESULT_INDENT: &str = "        ";

/// The log's text before its first result and after its last: the log
/// with its results empty, cut at `"results": [`. Between them go the
/// results, each on lines indented by [`RESULT_INDENT`], preceded by a line
/// break and separated by `,` and a line break, and followed by a line
/// break and `      ` (the indentation of the closing `]`) if there are
/// any: the bytes `serde_json`'s pretty printer writes for the whole log.
pub(crate) fn envelope() -> io::Result<(String, String)> {
    let root = std::env::current_dir().ok().and_then(|d| directory_uri(&d));
    let log = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        runs: [Run {
            column_kind: "unicodeCodePoints",
            original_uri_base_ids: root.map(|uri| BaseIds {
                srcroot: Root { uri },
            }),
            results: [],
            tool: Tool {
                driver: Driver {
                    name: "fengong",
                    rules: Code::ALL.iter().copied().map(rule).collect(),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    version: env!("CARGO_PKG_VERSION"),
                },
            },
        }],
        version: "2.1.0",
    };
    let text = serde_json::to_string_pretty(&log).map_err(io::Error::from)?;
    let marker = "\"results\": [";
    let at = text
        .find(marker)
        .map(|i| i + marker.len())
        .ok_or_else(|| io::Error::other("no results in the SARIF log"))?;
    let (open, close) = text.split_at(at);
    Ok((open.to_string(), format!("{close}\n")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_percent_encoded_uri_references() {
        assert_eq!(
            artifact_uri("docs/任务 一.txt"),
            (
                "docs/%E4%BB%BB%E5%8A%A1%20%E4%B8%80.txt".to_string(),
                Some(SRCROOT)
            )
        );
        assert_eq!(
            artifact_uri("./a b/c%#?.txt"),
            ("a%20b/c%25%23%3F.txt".to_string(), Some(SRCROOT))
        );
        assert_eq!(
            artifact_uri("/srv/文档/a.txt"),
            ("file:///srv/%E6%96%87%E6%A1%A3/a.txt".to_string(), None)
        );
        assert_eq!(artifact_uri("a:b.txt").0, "a%3Ab.txt");
        assert_eq!(
            directory_uri(Path::new("/srv/docs")).as_deref(),
            Some("file:///srv/docs/")
        );
    }

    #[test]
    fn the_envelope_holds_an_empty_log() {
        let (open, close) = envelope().unwrap();
        assert!(open.ends_with("\"results\": ["), "{open}");
        assert!(close.starts_with("],\n      \"tool\""), "{close}");
        let whole: serde_json::Value = serde_json::from_str(&format!("{open}{close}")).unwrap();
        assert_eq!(whole["runs"][0]["results"], serde_json::json!([]));
    }
}
