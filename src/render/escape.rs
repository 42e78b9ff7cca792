//! Keeping terminals safe from a document's text: [`escape_control`] shows
//! control characters as visible stand-ins, [`quote_path`] quotes an odd
//! file name.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` must not be printed as it is on a terminal or in a CI log:
/// C0 control characters other than the tab (ESC starts terminal escape
/// sequences, a line feed starts a new line of output), DEL, C1 control
/// characters (U+009B is a one-character escape sequence introducer on some
/// terminals), the line and paragraph separators, and the bidirectional
/// controls that reorder what a reader sees.
fn is_unsafe(c: char) -> bool {
    matches!(
        c,
        '\0'..='\u{8}'
            | '\u{a}'..='\u{1f}'
            | '\u{7f}'..='\u{9f}'
            | '\u{61c}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{2028}'..='\u{202e}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// Where the first character for which [`is_unsafe`] holds starts, found
/// from the bytes of its UTF-8 encoding (a byte below a space but the tab,
/// DEL, `C2 80`–`C2 9F`, `D8 9C`, `E2 80 8E`, `E2 80 8F`, `E2 80 A8`–`E2 80
/// AE`, `E2 81 A6`–`E2 81 A9`): one comparison for nearly every byte.
fn first_unsafe(bytes: &[u8]) -> Option<usize> {
    // Nearly every text has none of the lead bytes at all: a loop without
    // branches (vectorized) says so.
    let suspect = bytes.iter().fold(false, |any, &b| {
        any | ((b < 0x20) & (b != b'\t')) | (b == 0x7f) | (b == 0xc2) | (b == 0xd8) | (b == 0xe2)
    });
    if !suspect {
        return None;
    }
    bytes.iter().enumerate().position(|(i, &b)| match b {
        b'\t' => false,
        0..=0x1f | 0x7f => true,
        0xc2 => matches!(bytes.get(i + 1), Some(0x80..=0x9f)),
        0xd8 => bytes.get(i + 1) == Some(&0x9c),
        0xe2 => matches!(
            (bytes.get(i + 1), bytes.get(i + 2)),
            (Some(0x80), Some(0x8e | 0x8f | 0xa8..=0xae)) | (Some(0x81), Some(0xa6..=0xa9))
        ),
        _ => false,
    })
}

/// Appends `c`, or its visible stand-in if it is unsafe (see
/// [`escape_control`]).
fn push_escaped(out: &mut String, c: char) {
    match c {
        // The Control Pictures block: U+2400 + the code, ␀ to ␟.
        '\0'..='\u{1f}' if c != '\t' => {
            out.push(char::from_u32(0x2400 + u32::from(c)).unwrap_or('�'));
        }
        '\u{7f}' => out.push('␡'),
        c if is_unsafe(c) => {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        }
        c => out.push(c),
    }
}

/// `text` made safe for a terminal or a CI log: C0 control characters
/// (other than the tab) and DEL are shown as their Control Pictures (`␛`,
/// `␊`, `␍`, `␀`, `␡`, as annotate-snippets and rustc draw them in source
/// lines), C1 controls, the line and paragraph separators and the
/// bidirectional controls as `\u{…}`. Every human-readable output of
/// fengong passes document text, messages and labels through this.
///
/// ```
/// use fengong::render::escape_control;
/// assert_eq!(escape_control("区\u{1b}[2J局\n"), "区␛[2J局␊");
/// assert_eq!(escape_control("a\u{202e}b\tc"), "a\\u{202e}b\tc");
/// assert!(matches!(escape_control("区工信局"), std::borrow::Cow::Borrowed(_)));
/// ```
pub fn escape_control(text: &str) -> Cow<'_, str> {
    let Some(first) = first_unsafe(text.as_bytes()) else {
        return Cow::Borrowed(text);
    };
    // `first` starts a character: its first byte is ASCII or a lead byte.
    let (safe, rest) = text.split_at_checked(first).unwrap_or(("", text));
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str(safe);
    for c in rest.chars() {
        push_escaped(&mut out, c);
    }
    Cow::Owned(out)
}

/// A file name as human-readable output shows it: as it is, or quoted and
/// escaped as a Rust string (`"a\nb.txt"`, `"docs/ a.txt"`) when it holds
/// a control character (a tab, a line break, ESC, …) or a bidirectional
/// control, or one of its components starts or ends with white space, so
/// that an odd name can neither add lines to the output nor hide in it.
///
/// ```
/// use fengong::render::quote_path;
/// assert_eq!(quote_path("docs/任务 一.txt"), "docs/任务 一.txt");
/// assert_eq!(quote_path("a\nb.txt"), "\"a\\nb.txt\"");
/// assert_eq!(quote_path("docs/ a.txt"), "\"docs/ a.txt\"");
/// assert_eq!(quote_path("a.txt "), "\"a.txt \"");
/// ```
pub fn quote_path(path: &str) -> Cow<'_, str> {
    let odd = path.chars().any(|c| c == '\t' || is_unsafe(c))
        || path.split(['/', '\\']).any(|part| {
            part.starts_with(char::is_whitespace) || part.ends_with(char::is_whitespace)
        });
    if odd {
        Cow::Owned(format!("{path:?}"))
    } else {
        Cow::Borrowed(path)
    }
}

/// Appends `text` with its unsafe characters escaped (see
/// [`escape_control`]).
pub(super) fn push_escaped_str(out: &mut String, text: &str) {
    match escape_control(text) {
        Cow::Borrowed(s) => out.push_str(s),
        Cow::Owned(s) => out.push_str(&s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte shortcut of `escape_control` misses no unsafe character:
    /// every character, alone and between others, is escaped exactly when
    /// `is_unsafe` says so.
    #[test]
    fn the_byte_shortcut_agrees_with_the_characters() {
        // Every character up to U+3000 (all the unsafe ones, and every
        // character whose encoding starts as one of theirs), a sample above.
        let codes = (0..=0x3000).chain((0x3001..=0x10ffff).step_by(61));
        for c in codes.filter_map(char::from_u32) {
            for text in [c.to_string(), format!("区{c}局"), format!("“{c}”")] {
                let escaped = escape_control(&text);
                assert_eq!(
                    matches!(escaped, Cow::Owned(_)),
                    is_unsafe(c),
                    "{:x}",
                    u32::from(c)
                );
                let mut expected = String::new();
                text.chars().for_each(|c| push_escaped(&mut expected, c));
                assert_eq!(escaped, expected);
            }
        }
    }
}
