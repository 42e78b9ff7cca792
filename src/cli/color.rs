//! When to colour, and the colours of the outputs fengong draws itself
//! (`concise` findings, diffs); `full` findings are coloured by
//! annotate-snippets.
//!
//! `--color auto` colours a stream that is a terminal, as `anstream`
//! decides for every tool built on it: never with `NO_COLOR` set (to
//! anything but the empty string) or `CLICOLOR=0`, always with
//! `CLICOLOR_FORCE` set, and not on a terminal whose `TERM` is `dumb`
//! unless `CI` is set (CI logs show colours).
//! `--color always` and `--color never` override the environment. Without
//! colour, every output is the same bytes as with colours stripped: the
//! plain [`Palette`] renders as nothing.

use std::io::IsTerminal;

use anstyle::{AnsiColor, Style as Paint};
use fengong::render::Style;

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ColorChoice {
    /// On a terminal, unless the environment says otherwise (`NO_COLOR`,
    /// `CLICOLOR=0`, `TERM=dumb` outside CI; `CLICOLOR_FORCE` forces
    /// colours).
    Auto,
    /// Always, whatever the stream and the environment.
    Always,
    /// Never.
    Never,
}

/// The style of each standard stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Styles {
    pub(crate) stdout: Style,
    pub(crate) stderr: Style,
}

impl Styles {
    /// The styles `choice` gives on this process's streams and environment.
    pub(crate) fn detect(choice: ColorChoice) -> Styles {
        Styles {
            stdout: style_of(choice, &std::io::stdout()),
            stderr: style_of(choice, &std::io::stderr()),
        }
    }
}

/// Whether to colour `stream`.
fn style_of<S: anstream::stream::RawStream + IsTerminal>(choice: ColorChoice, stream: &S) -> Style {
    let on = match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => !matches!(
            anstream::AutoStream::choice(stream),
            anstream::ColorChoice::Never
        ),
    };
    if on {
        Style::Color
    } else {
        Style::Plain
    }
}

/// The colours of one output: all plain (rendering as nothing) without
/// colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Palette {
    /// File names, diff headers.
    pub(crate) bold: Paint,
    /// `error[E010]`.
    pub(crate) error: Paint,
    /// `warning[W007]`.
    pub(crate) warning: Paint,
    /// The `[*]` of a fixable finding, a diff's `@@` lines.
    pub(crate) accent: Paint,
    /// A diff's removed lines.
    pub(crate) removed: Paint,
    /// A diff's added lines.
    pub(crate) added: Paint,
}

impl Palette {
    /// The palette of `style`.
    pub(crate) fn of(style: Style) -> Palette {
        match style {
            Style::Plain => Palette {
                bold: Paint::new(),
                error: Paint::new(),
                warning: Paint::new(),
                accent: Paint::new(),
                removed: Paint::new(),
                added: Paint::new(),
            },
            Style::Color => Palette {
                bold: Paint::new().bold(),
                error: AnsiColor::Red.on_default().bold(),
                warning: AnsiColor::Yellow.on_default().bold(),
                accent: AnsiColor::Cyan.on_default(),
                removed: AnsiColor::Red.on_default(),
                added: AnsiColor::Green.on_default(),
            },
        }
    }
}

/// A unified diff with its lines coloured as `git diff` colours them:
/// headers bold, hunk headers cyan, removed lines red, added lines green.
/// The text itself unchanged, and returned as it is without colour.
pub(crate) fn paint_diff(diff: String, style: Style) -> String {
    if style == Style::Plain || diff.is_empty() {
        return diff;
    }
    let p = Palette::of(style);
    let mut out = String::with_capacity(diff.len() + diff.len() / 8);
    for piece in diff.split_inclusive('\n') {
        let line = piece.strip_suffix('\n').unwrap_or(piece);
        let paint = if line.starts_with("--- ") || line.starts_with("+++ ") {
            p.bold
        } else if line.starts_with("@@") {
            p.accent
        } else if line.starts_with('-') {
            p.removed
        } else if line.starts_with('+') {
            p.added
        } else {
            Paint::new()
        };
        out.push_str(&format!("{paint}{line}{paint:#}"));
        out.push_str(&piece[line.len()..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_diff_is_coloured_line_by_line_and_plain_without_colour() {
        let diff = "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-old\n+new\n same\n".to_string();
        assert_eq!(paint_diff(diff.clone(), Style::Plain), diff);
        let painted = paint_diff(diff.clone(), Style::Color);
        assert!(painted.contains("\u{1b}[31m-old\u{1b}[0m\n"), "{painted:?}");
        assert!(painted.contains("\u{1b}[32m+new\u{1b}[0m\n"), "{painted:?}");
        assert!(painted.contains("\n same\n"), "{painted:?}");
        let stripped: String = {
            let mut s = String::new();
            let mut rest = painted.as_str();
            while let Some(at) = rest.find('\u{1b}') {
                s.push_str(&rest[..at]);
                rest = &rest[at..];
                rest = &rest[rest.find('m').map_or(rest.len(), |m| m + 1)..];
            }
            s.push_str(rest);
            s
        };
        assert_eq!(stripped, diff);
    }
}
