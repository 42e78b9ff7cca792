//! W008 `duplicate-task`: two tasks whose texts are the same or nearly the
//! same, including one task repeating another almost word for word inside a
//! longer text (the seed's task 6 holds task 5's text with one character
//! changed).
//!
//! Texts are compared by their letters and digits only (punctuation and
//! spaces dropped), cut into overlapping [`SHINGLE`]-character shingles.
//! Two texts match when at least 80% of the shorter one's shingles are in
//! the other (containment, so a text repeated inside a longer one is
//! found), and the shorter one has at least [`MIN_SHINGLES`] shingles; two
//! texts that are exactly equal match at any length.
//!
//! **Linear time.** Never all pairs: tasks are read in order, and an
//! inverted index maps each shingle to the tasks that hold it. Each entry
//! keeps only the first [`KEEP`] and the latest [`KEEP`] tasks, so a task
//! meets at most `2 × KEEP` earlier tasks per shingle and the work is
//! `O(total shingles × 2 × KEEP)`. A shingle common to many tasks (a stock
//! phrase) then counts for only some pairs, which lowers the estimate only
//! for texts that are all stock phrases; a group of many copies is still
//! found, each against the first copies. Exact copies are found through a
//! hash of the whole text.

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasher;

use crate::diagnostic::{Code, Diagnostic};
use crate::span::Span;

use super::Context;

/// Shingle length, in characters.
pub(crate) const SHINGLE: usize = 3;
/// The shorter text must have at least this many shingles for a near match.
pub(crate) const MIN_SHINGLES: usize = 8;
/// Tasks kept at each end of a shingle's list.
pub(crate) const KEEP: usize = 4;

/// Hash maps and sets of the rule's integer keys. foldhash mixes every bit
/// of a key into the bits that pick a bucket: the keys are packed
/// characters, whose low bits are the last character's alone, and a hasher
/// that left them so (as a multiply does) sent every shingle ending in the
/// same character to one probe sequence (issue 15: quadratic on texts of
/// random characters).
type IntMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;
type IntSet<K> = HashSet<K, foldhash::fast::RandomState>;

/// The tasks that hold one shingle: the first [`KEEP`] and the latest
/// [`KEEP`], inline (no allocation per shingle).
#[derive(Default, Clone, Copy)]
struct Posting {
    ids: [u32; 2 * KEEP],
    /// How many tasks were ever added (saturating).
    seen: u32,
}

impl Posting {
    fn push(&mut self, task: u32) {
        let n = self.seen as usize;
        if n < KEEP {
            self.ids[n] = task;
        } else {
            // The latest KEEP, as a ring after the first KEEP.
            self.ids[KEEP + (n - KEEP) % KEEP] = task;
        }
        self.seen = self.seen.saturating_add(1);
    }

    fn tasks(&self) -> impl Iterator<Item = u32> + '_ {
        let n = (self.seen as usize).min(2 * KEEP);
        self.ids[..n].iter().copied()
    }
}

/// A hash of a normalized text, for finding exact copies without keeping a
/// copy of every text.
fn text_hash(chars: &[char]) -> u64 {
    foldhash::fast::FixedState::default().hash_one(chars)
}

/// A match of a later task against an earlier one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Match {
    /// The earlier task (index in document order).
    pub(crate) earlier: usize,
    /// The later task.
    pub(crate) later: usize,
    /// Shingles shared.
    pub(crate) shared: usize,
    /// Distinct shingles of the earlier and the later text; `None` for an
    /// exact copy.
    pub(crate) sizes: Option<(usize, usize)>,
}

/// Finds, for each task that repeats an earlier one, the best earlier match.
pub(crate) fn matches<'t>(texts: impl IntoIterator<Item = &'t str>) -> Vec<Match> {
    let mut found = Vec::new();
    let texts: Vec<&str> = texts.into_iter().collect();
    // Exact copies: by hash, each hit checked against the earlier text.
    let mut exact: IntMap<u64, usize> = IntMap::default();
    let mut index: IntMap<u64, Posting> = IntMap::default();
    let mut sizes: Vec<usize> = Vec::with_capacity(texts.len());
    // Shared shingles per earlier task, by task: a dense array (the tasks
    // a text meets are few, but hashing each meeting cost most of the rule's
    // time), reset through the list of tasks touched.
    let mut counts: Vec<u32> = vec![0; texts.len()];
    let mut touched: Vec<u32> = Vec::new();
    let mut shingles: IntSet<u64> = IntSet::default();
    let mut chars: Vec<char> = Vec::new();
    let normalized = |text: &str, out: &mut Vec<char>| {
        out.clear();
        out.extend(text.chars().filter(|&c| is_letter_or_digit(c)));
    };
    for (j, &text) in texts.iter().enumerate() {
        normalized(text, &mut chars);
        // A set, not a sorted list, filled one by one (`extend` would
        // reserve room for every window): a long text of few distinct
        // shingles (a 100 MB line of one character) keeps only those.
        shingles.clear();
        for w in chars.windows(SHINGLE) {
            shingles.insert(pack(w));
        }
        sizes.push(shingles.len());
        if !chars.is_empty() {
            let hash = text_hash(&chars);
            let same = exact.get(&hash).copied().filter(|&i| {
                let mut earlier = Vec::new();
                normalized(texts[i], &mut earlier);
                earlier == chars
            });
            if let Some(i) = same {
                found.push(Match {
                    earlier: i,
                    later: j,
                    shared: shingles.len(),
                    sizes: None,
                });
                continue; // its copy is indexed already
            }
            exact.entry(hash).or_insert(j);
        }
        let Ok(id) = u32::try_from(j) else { break };
        if shingles.len() >= MIN_SHINGLES {
            for s in &shingles {
                if let Some(p) = index.get(s) {
                    for t in p.tasks() {
                        if let Some(count) = counts.get_mut(t as usize) {
                            if *count == 0 {
                                touched.push(t);
                            }
                            *count += 1;
                        }
                    }
                }
            }
            let mut best: Option<(u64, usize, usize)> = None; // (score, task, shared)
            for &t in &touched {
                let i = t as usize;
                let shared = counts.get_mut(i).map_or(0, std::mem::take) as usize;
                let small = sizes[i].min(shingles.len());
                if small < MIN_SHINGLES || shared * 5 < small * 4 {
                    continue;
                }
                // Containment first, then Jaccard, then the earliest task.
                let union = sizes[i] + shingles.len() - shared;
                let score = (((shared * 10_000 / small) as u64) << 20)
                    | (shared * 10_000 / union.max(1)) as u64;
                let better = match best {
                    None => true,
                    Some((s, bi, _)) => (score, std::cmp::Reverse(i)) > (s, std::cmp::Reverse(bi)),
                };
                if better {
                    best = Some((score, i, shared));
                }
            }
            touched.clear();
            if let Some((_, i, shared)) = best {
                found.push(Match {
                    earlier: i,
                    later: j,
                    shared,
                    sizes: Some((sizes[i], shingles.len())),
                });
            }
        }
        for &s in &shingles {
            index.entry(s).or_default().push(id);
        }
    }
    found
}

/// `char::is_alphanumeric`, answered at once for ASCII, the common CJK
/// ideographs (U+4E00 to U+9FFF) and the usual full-width punctuation, which
/// make up nearly every text and which the general lookup answers slowly.
#[inline]
fn is_letter_or_digit(c: char) -> bool {
    match c {
        _ if c.is_ascii() => c.is_ascii_alphanumeric(),
        '\u{4e00}'..='\u{9fff}' => true,
        '，' | '。' | '、' | '；' | '：' | '（' | '）' | '“' | '”' | '《' | '》' => {
            false
        }
        _ => c.is_alphanumeric(),
    }
}

/// Three characters as one number (a char fits in 21 bits).
fn pack(w: &[char]) -> u64 {
    w.iter().fold(0u64, |acc, &c| (acc << 21) | u64::from(c))
}

/// W008.
pub(crate) fn check(cx: &Context<'_, '_>, out: &mut Vec<Diagnostic>) {
    let tasks: Vec<_> = cx.doc.tasks().collect();
    for m in matches(tasks.iter().map(|t| t.text())) {
        let (a, b) = (tasks[m.earlier], tasks[m.later]);
        let (Some(span), Some(other)) = (cx.checked(b.text_span()), cx.checked(a.text_span()))
        else {
            continue;
        };
        let (na, nb) = (a.number(), b.number());
        let found = match m.sizes {
            None => "the same text".to_string(),
            Some((sa, sb)) => {
                let union = sa + sb - m.shared;
                let small = sa.min(sb);
                let percent = m.shared * 100 / small.max(1);
                if m.shared * 10 >= union * 9 {
                    format!("nearly the same text ({percent}% of the wording is shared)")
                } else if sb > sa {
                    format!("task {na}'s text in it almost word for word ({percent}% of task {na}'s wording)")
                } else {
                    format!("its text almost word for word in task {na} ({percent}% of task {nb}'s wording)")
                }
            }
        };
        out.push(
            Diagnostic::expected(
                Code::DuplicateTask,
                span,
                &format!("task {nb} to say something other than task {na}"),
                &found,
            )
            .with_label(format!("repeats task {na}"))
            .with_secondary(Span::new(other.start, other.end), format!("task {na} is here"))
            .with_help(
                "if the two are one task, merge them and renumber; if they differ, make the difference clear in the wording",
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    const FIVE: &str = "鼓励银行为重点企业制定专门信贷计划，对遇到暂时困难但符合守信条件的企业，不得盲目抽贷、断贷。";
    const SIX: &str = "发挥金融监管机构作用，鼓励银行为重点企业制定专门信贷计划，对遇到暂时困难但符合授信条件的企业，不得盲目抽贷、断贷。积极推进金融产品或服务模式创新，鼓励各银行机构开展无还本续贷业务，简化工作流程，缩短办理时间。";

    #[test]
    fn containment_exact_and_distinct() {
        let found = matches([FIVE, "完全不同的一段文字，讲的是另外一件事情。", SIX]);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].earlier, found[0].later), (0, 2));
        let found = matches(["同上", "同上", "同上。"]);
        assert_eq!(found.len(), 2);
        assert!(found.iter().all(|m| m.earlier == 0 && m.sizes.is_none()));
        // Short texts only match exactly.
        assert!(matches(["支持企业发展", "支持企业发展。鼓励"]).is_empty());
        assert!(matches(["", ""]).is_empty());
    }

    #[test]
    fn letters_and_digits_as_the_standard_library_says() {
        for c in "aZ7甲龥一〇々é٣，。、；：（）“”《》 ·\u{3000}！７Ａ".chars()
        {
            assert_eq!(is_letter_or_digit(c), c.is_alphanumeric(), "{c:?}");
        }
        // The shortcut's range holds letters only.
        assert!(('\u{4e00}'..='\u{9fff}').all(char::is_alphanumeric));
    }

    #[test]
    fn many_copies_stay_linear_and_point_at_the_first() {
        let texts: Vec<String> = (0..3000).map(|i| format!("{FIVE}第{i}项")).collect();
        let found = matches(texts.iter().map(String::as_str));
        assert_eq!(found.len(), 2999);
        assert!(found.iter().all(|m| m.earlier < m.later));
    }

    #[test]
    fn reports_with_secondary() {
        let text = format!(
            "{HEAD}\t（一）类\n{}",
            rows(&[
                ("1", FIVE, "区金融局", "金融局"),
                ("2", SIX, "区金融局", "金融局"),
                ("3", FIVE, "区金融局", "金融局"),
            ])
        );
        let found = only(&text, Code::DuplicateTask);
        let messages: Vec<_> = found.iter().map(|d| d.message()).collect();
        assert_eq!(messages.len(), 2);
        assert!(messages[0].starts_with(
            "expected task 2 to say something other than task 1, found task 1's text in it almost word for word ("
        ));
        assert_eq!(
            messages[1],
            "expected task 3 to say something other than task 1, found the same text"
        );
        assert_eq!(found[1].secondary()[0].message, "task 1 is here");
        assert!(found.iter().all(|d| d.fix().is_none()));
    }
}
