//! The one scanner for the separators of unit lists.
//!
//! A unit list (`区人社局、区财政局`, `各街镇（开发区、园区）、区财政局`)
//! splits at the separators `、` `，` `,` `；` `;` that sit outside
//! brackets: `（）` `()` `【】` `[]` `〔〕` `［］` `《》` `｛｝` `{}`, of any
//! kind and matched or not; a closing bracket with none open is ignored (the
//! depth never goes below 0). The parser splits unit names this way
//! ([`crate::grammar::units`], and the clause reader for cells and clauses
//! with role words), and the lint rules that look at separators (W004, W006,
//! W018) read the lists as it does, through [`Scanner`]: one set of
//! brackets, [`paren_delta`], for all of them.
//!
//! **Speed.** Only brackets and separators matter, and all of them are
//! ASCII or three bytes long with the first byte `E3` or `EF`. The scanner
//! looks at the first byte of each character in a table ([`SKIP`]) and skips
//! every other character whole, without decoding it: Chinese text, whose
//! characters mostly start with `E4`–`E9`, is crossed three bytes at a
//! step. A character is decoded only when its first byte is one of the
//! ten that may start a bracket or a separator.
//!
//! ```text
//! 各街镇（开发区、园区）、区财政局
//!       ^ depth 1  ^ depth 0
//!               `、` inside: skipped
//!                     `、` at depth 0: yielded
//! ```
//!
//! A list may come in pieces (the clean segments of a wrapped cell, cut
//! around extraction artifacts): one [`Scanner`] reads them in order and
//! carries the bracket depth from one piece to the next.

use crate::grammar::Seg;
use crate::span::Span;

/// Separators between unit names: `、` is the rule; full-width and ASCII
/// commas and semicolons are read the same way.
#[inline]
pub(crate) fn is_unit_separator(c: char) -> bool {
    matches!(c, '、' | '，' | ',' | '；' | ';')
}

/// How a character changes the bracket depth: `1` opens, `-1` closes, `0`
/// neither.
#[inline]
pub(crate) fn paren_delta(c: char) -> i8 {
    match c {
        '（' | '(' | '【' | '[' | '〔' | '［' | '《' | '｛' | '{' => 1,
        '）' | ')' | '】' | ']' | '〕' | '］' | '》' | '｝' | '}' => -1,
        _ => 0,
    }
}

/// For each first byte of a character: 0 if the character may be one that
/// [`paren_delta`] or [`is_unit_separator`] looks at, or white space that
/// may separate names (ASCII brackets, separators and the space, and the
/// lead bytes `E3` (`、【】〔〕《》`, the ideographic space) and `EF`
/// (`（）［］｛｝，；`)), else the character's length in bytes, to skip it.
/// Continuation bytes (never a character's start) skip one byte.
pub(crate) static SKIP: [u8; 256] = skip_table(&[
    b'(', b')', b'[', b']', b'{', b'}', b',', b';', b' ', 0xE3, 0xEF,
]);

/// A table of, for each first byte of a character, its length in bytes
/// (continuation bytes: 1), except 0 for the bytes of `special`: a reader
/// skips every character whose first byte is not special, whole.
pub(crate) const fn skip_table(special: &[u8]) -> [u8; 256] {
    let mut table = [1u8; 256];
    let mut b = 0xC0;
    while b < 256 {
        table[b] = match b {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            _ => 4,
        };
        b += 1;
    }
    let mut i = 0;
    while i < special.len() {
        table[special[i] as usize] = 0;
        i += 1;
    }
    table
}

/// A separator found at bracket depth 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Separator {
    /// Where it starts in the text.
    pub(crate) at: usize,
    /// Which separator it is: for a run of white space between two names
    /// ([`Separator::is_space`]), its first character.
    pub(crate) c: char,
    /// Where it ends.
    end: usize,
}

impl Separator {
    /// Where it ends.
    #[inline]
    pub(crate) fn end(self) -> usize {
        self.end
    }

    /// Whether it is a run of white space between two names
    /// ([`crate::clause::space_breaks`]) rather than a punctuation mark.
    #[inline]
    pub(crate) fn is_space(self) -> bool {
        crate::lex::is_space(self.c)
    }

    /// Its bytes.
    #[inline]
    pub(crate) fn span(self) -> Span {
        Span::new(self.at, self.end())
    }
}

/// Reads one unit list, piece after piece, and yields its separators at
/// bracket depth 0: the depth carries from one piece to the next. Made
/// with [`Scanner::for_list`], it yields the runs of white space that
/// separate two names too ([`crate::clause::space_breaks`], read from the
/// list's segments when a space is first met: nearly every list has none).
///
/// ```text
/// let mut scan = Scanner::for_list(segs);
/// for seg in segs {
///     for sep in scan.separators(text, seg.start, seg.end) { … }
/// }
/// ```
#[derive(Debug, Default)]
pub(crate) struct Scanner<'g> {
    depth: u32,
    /// The list's clean segments, for its breaks.
    segs: &'g [Seg],
    /// The runs of white space between names, in order, once read.
    breaks: Option<Vec<Span>>,
}

impl<'g> Scanner<'g> {
    /// A scanner for the list whose clean segments are `segs`: it yields
    /// the runs of white space between names as separators too.
    pub(crate) fn for_list(segs: &'g [Seg]) -> Scanner<'g> {
        Scanner {
            segs,
            ..Scanner::default()
        }
    }

    /// The bracket depth after the pieces read so far (0: outside brackets).
    #[inline]
    pub(crate) fn depth(&self) -> u32 {
        self.depth
    }

    /// The separators at depth 0 in `text[start..end]`, in order. A range
    /// that is not a slice of `text` (out of bounds, or not on character
    /// boundaries) holds none.
    #[inline]
    pub(crate) fn separators<'s, 't>(
        &'s mut self,
        text: &'t str,
        start: usize,
        end: usize,
    ) -> Separators<'s, 't, 'g> {
        let end = if text.get(start..end).is_some() {
            end
        } else {
            start
        };
        Separators {
            text,
            at: start,
            end,
            scan: self,
        }
    }

    /// The run of white space between names that starts at `at`, if one
    /// does (the list's breaks read on the first call).
    #[cold]
    fn break_at(&mut self, text: &str, at: usize) -> Option<Span> {
        let segs = self.segs;
        let breaks = self.breaks.get_or_insert_with(|| {
            let mut breaks = Vec::new();
            crate::clause::space_breaks(text, segs, &mut breaks);
            breaks
        });
        let k = breaks.binary_search_by_key(&at, |b| b.start).ok()?;
        breaks.get(k).copied()
    }
}

/// The iterator of [`Scanner::separators`].
#[derive(Debug)]
pub(crate) struct Separators<'s, 't, 'g> {
    text: &'t str,
    at: usize,
    end: usize,
    scan: &'s mut Scanner<'g>,
}

impl Iterator for Separators<'_, '_, '_> {
    type Item = Separator;

    // Always inlined: a call per separator and per piece cost the parser's
    // `grammar::units` 8% more instructions than its own loop did
    // (measured with cachegrind); inlined, the count is the same.
    #[inline(always)]
    fn next(&mut self) -> Option<Separator> {
        // The cursor and the depth in locals for the loop, stored back once.
        let bytes = self.text.as_bytes();
        let (mut at, end, mut depth) = (self.at, self.end, self.scan.depth);
        let found = loop {
            if at >= end {
                break None;
            }
            // Skip every character that cannot be a bracket, a separator or
            // white space between names, whole.
            let skip = SKIP[usize::from(bytes[at])];
            if skip != 0 {
                at += usize::from(skip);
                continue;
            }
            let Some(c) = bytes.get(at..end).and_then(special_char) else {
                at = end;
                break None;
            };
            let start = at;
            at += c.len_utf8();
            match paren_delta(c) {
                1 => depth = depth.saturating_add(1),
                -1 => depth = depth.saturating_sub(1),
                _ if depth == 0 && is_unit_separator(c) => {
                    break Some(Separator {
                        at: start,
                        c,
                        end: at,
                    })
                }
                _ if depth == 0 && matches!(c, ' ' | '\u{3000}') => {
                    if let Some(run) = self.scan.break_at(self.text, start) {
                        at = run.end.clamp(at, end);
                        break Some(Separator {
                            at: start,
                            c,
                            end: at,
                        });
                    }
                }
                _ => {}
            }
        };
        self.at = at;
        self.scan.depth = depth;
        found
    }
}

/// The character `bytes` start with, given that [`SKIP`] marks its first
/// byte special: an ASCII byte, or the lead byte `E3` or `EF` of a
/// three-byte character. Decoded here rather than by `str::chars`, which
/// costs the parser's unit lists 1.5% more instructions (cachegrind).
#[inline]
fn special_char(bytes: &[u8]) -> Option<char> {
    match *bytes {
        [b, ..] if b < 0x80 => Some(char::from(b)),
        [b0, b1, b2, ..] => char::from_u32(
            (u32::from(b0 & 0x0F) << 12) | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F),
        ),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The separators of `pieces` of one list, as `(text before it, c)`.
    fn seps(pieces: &[&str]) -> Vec<(usize, char)> {
        let text: String = pieces.concat();
        let mut scan = Scanner::default();
        let mut out = Vec::new();
        let mut start = 0;
        for piece in pieces {
            let end = start + piece.len();
            out.extend(scan.separators(&text, start, end).map(|s| (s.at, s.c)));
            start = end;
        }
        out
    }

    #[test]
    fn separators_outside_brackets() {
        assert_eq!(seps(&["甲、乙"]), [(3, '、')]);
        assert_eq!(seps(&["各街镇（开发区、园区）、区财政局"]), [(33, '、')]);
        assert_eq!(
            seps(&["a,b;c，d；e"]),
            [(1, ','), (3, ';'), (5, '，'), (9, '；')]
        );
        // Every kind of bracket, nested; a closing one with none open is
        // ignored.
        assert_eq!(seps(&["【〔［《(x、y)》］〕】、z"]).len(), 1);
        assert_eq!(seps(&["）、甲"]), [(3, '、')]);
        // Characters of every length are skipped whole.
        assert_eq!(seps(&["A·B、Ωα😀,é"]), [(4, '、'), (15, ',')]);
        assert!(seps(&["没有分隔符的单位名称"]).is_empty());
    }

    #[test]
    fn depth_carries_across_pieces() {
        assert!(seps(&["各街镇（开发区", "、园区）"]).is_empty());
        assert_eq!(seps(&["甲（乙）", "、丙"]).len(), 1);
        let deep = format!("{}甲、乙{}", "（".repeat(10_000), "）".repeat(10_000));
        assert!(seps(&[&deep, "、丙"]).len() == 1);
    }

    #[test]
    fn white_space_between_names_is_a_separator_of_a_list() {
        let text = "市发改委 市财政局、（甲 乙局） 市统计局";
        let segs = [Seg {
            start: 0,
            end: text.len(),
            new_line: true,
        }];
        let mut scan = Scanner::for_list(&segs);
        let found: Vec<_> = scan
            .separators(text, 0, text.len())
            .map(|s| (&text[s.span().range()], s.is_space()))
            .collect();
        assert_eq!(found, [(" ", true), ("、", false), (" ", true)]);
        // Without the list's segments, white space separates nothing.
        assert_eq!(
            Scanner::default().separators(text, 0, text.len()).count(),
            1
        );
    }

    #[test]
    fn ranges_that_are_not_slices_hold_nothing() {
        let text = "甲、乙";
        let mut scan = Scanner::default();
        assert_eq!(scan.separators(text, 0, 99).count(), 0);
        assert_eq!(scan.separators(text, 1, 6).count(), 0);
        assert_eq!(scan.separators(text, 3, 6).count(), 1);
    }
}
