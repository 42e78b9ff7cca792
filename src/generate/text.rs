//! Task texts of each [`TextKind`].

use super::vocab::{SENTENCES, SMALL_ALPHABET};
use super::{Generator, TextKind};

/// The characters the random kinds draw from: the seed's own letters,
/// digits and the punctuation that reads inside a sentence (`，。、；：`),
/// sorted, and how many of them (the first ones) are CJK ideographs.
pub(super) fn seed_characters() -> (Vec<char>, usize) {
    let mut chars: Vec<char> = SENTENCES
        .iter()
        .flat_map(|s| s.chars())
        .filter(|&c| {
            is_ideograph(c)
                || c.is_ascii_alphanumeric()
                || matches!(c, '，' | '。' | '、' | '；' | '：')
        })
        .collect();
    // Ideographs first, so that a text can start with one.
    chars.sort_unstable_by_key(|&c| (!is_ideograph(c), c));
    chars.dedup();
    let ideographs = chars.iter().take_while(|&&c| is_ideograph(c)).count();
    (chars, ideographs)
}

fn is_ideograph(c: char) -> bool {
    ('\u{4e00}'..='\u{9fa5}').contains(&c)
}

/// The first and last CJK ideographs [`TextKind::Distinct`] draws from.
const FIRST_IDEOGRAPH: u32 = 0x4e00;
const LAST_IDEOGRAPH: u32 = 0x9fa5;

/// The text every task of [`TextKind::Equal`] has.
const EQUAL: usize = 3;

impl Generator<'_> {
    /// A task text of the options' kind, on one line.
    pub(super) fn text(&mut self) -> String {
        match self.options.text {
            TextKind::Clauses => self.sentence(),
            TextKind::SeedCharacters => {
                let len = self.rng.between(20, 160);
                self.random_text(len)
            }
            TextKind::SmallAlphabet => {
                let len = self.rng.between(20, 160);
                (0..len).map(|_| self.rng.pick(&SMALL_ALPHABET)).collect()
            }
            TextKind::Equal => SENTENCES[EQUAL].to_string(),
            TextKind::Distinct => {
                let len = self.rng.between(20, 160);
                let span = (LAST_IDEOGRAPH - FIRST_IDEOGRAPH + 1) as usize;
                (0..len)
                    .filter_map(|_| char::from_u32(FIRST_IDEOGRAPH + self.rng.below(span) as u32))
                    .collect()
            }
            TextKind::NearCopies => {
                let base = self.rng.pick(&SENTENCES);
                let count = base.chars().count();
                let at = self.rng.below(count);
                let new = self.random_ideograph();
                base.chars()
                    .enumerate()
                    .map(|(i, c)| if i == at { new } else { c })
                    .collect()
            }
            TextKind::Long => {
                let want = self.rng.between(2_000, 6_000);
                let mut text = String::new();
                while text.chars().count() < want {
                    text.push_str(&self.sentence());
                }
                text
            }
            TextKind::Tiny => {
                let len = self.rng.between(1, 4);
                (0..len).map(|_| self.random_ideograph()).collect()
            }
        }
    }

    /// Whether a task text may go on over two lines (a quirk): not when
    /// every text must be the same.
    pub(super) fn may_wrap_text(&self) -> bool {
        self.options.text != TextKind::Equal
    }

    fn random_ideograph(&mut self) -> char {
        let at = self.rng.below(self.alphabet.1);
        self.alphabet.0.get(at).copied().unwrap_or('文')
    }

    /// `len` characters drawn from the seed's, the first an ideograph.
    fn random_text(&mut self, len: usize) -> String {
        let mut text = String::with_capacity(3 * len);
        text.push(self.random_ideograph());
        for _ in 1..len {
            let at = self.rng.below(self.alphabet.0.len());
            text.push(self.alphabet.0.get(at).copied().unwrap_or('文'));
        }
        text
    }

    /// A task text: rarely one of the seed's as it is (a document repeats a
    /// task now and then, as the seed does), mostly three to six of their
    /// clauses joined anew, so that a large document's tasks are as distinct
    /// as a real one's.
    pub(super) fn sentence(&mut self) -> String {
        if self.rng.chance(2) || self.clauses.is_empty() {
            return self.rng.pick(&SENTENCES).to_string();
        }
        let count = self.rng.between(3, 6);
        let mut text = String::new();
        for k in 0..count {
            if k > 0 {
                text.push('，');
            }
            let at = self.rng.below(self.clauses.len());
            if let Some(clause) = self.clauses.get(at) {
                text.push_str(clause);
            }
        }
        text.push('。');
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_characters_start_with_ideographs() {
        let (chars, ideographs) = seed_characters();
        assert!(ideographs > 500, "{ideographs}");
        assert!(chars[..ideographs].iter().all(|&c| is_ideograph(c)));
        assert!(chars[ideographs..].iter().all(|&c| !is_ideograph(c)));
        assert!(chars.contains(&'，') && chars.contains(&'7'));
        assert!(!chars.contains(&'（') && !chars.contains(&'\n'));
    }
}
