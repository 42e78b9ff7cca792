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
//! **Linear time and memory, whatever the texts.** Never all pairs, and no
//! index of every shingle (which grows with the text, and on texts of
//! random characters held 28 times the file: issue 15). Two passes:
//!
//! 1. Each text is read once, keeping only a hash of the whole text (exact
//!    copies are found through it, and checked character by character) and
//!    its *sketch*: the [`SKETCH`] shingles of lowest fingerprint, a
//!    uniform sample of its shingles (a text of fewer shingles keeps them
//!    all). The sketches go into one sorted array, the anchor index, behind
//!    a Bloom filter: [`SKETCH`] entries per task.
//! 2. Each text is read again, and each of its shingles is looked up in the
//!    filter, then the index (a shingle of the text's own sketch only if
//!    another task may hold it too, through a second filter: a text holds
//!    all of its own anchors, and looking them up cost as much as the rest
//!    of the lookups together): a text whose sketch is half found in this one
//!    is likely contained in it (the shorter text's sketch samples the
//!    shingles the containment is measured on), and the best [`VERIFY`]
//!    such candidates are compared exactly, by their sets of shingles: in
//!    one pass over the candidate's shingles, which stops as soon as so
//!    many are missing that four fifths can no longer be shared (most
//!    candidates of texts that share a phrase or two stop early).
//!
//! An anchor held by more than `3 × KEEP` tasks (a stock phrase) is looked
//! at for its first [`KEEP`] tasks only, so the work is `O(total characters
//! × KEEP)`; a group of many copies is still found, each against the first
//! copies. Every match reported was
//! compared exactly (its percentages are exact); a pair sharing exactly four
//! fifths of the shorter text is missed when fewer than half of its sketch
//! shows in the other, about once in a hundred pairs, and a pair sharing
//! nine tenths about once in three thousand.

use std::collections::HashMap;

use foldhash::fast::RandomState;

use crate::diagnostic::{Code, Diagnostic};
use crate::span::Span;

use super::Context;

/// Shingle length, in characters.
pub(crate) const SHINGLE: usize = 3;
/// The shorter text must have at least this many shingles for a near match.
pub(crate) const MIN_SHINGLES: usize = 8;
/// Shingles in a text's sketch (at least [`MIN_SHINGLES`], so that a text
/// whose sketch is not full has too few shingles to match).
pub(crate) const SKETCH: usize = 8;
// A sketch's length and a count of its anchors share a byte (`Scan::counts`).
const _: () = assert!(SKETCH < 16);
/// Tasks looked at among those holding a common anchor: the first ones.
pub(crate) const KEEP: usize = 4;
/// Candidates compared exactly for each text read in the second pass.
pub(crate) const VERIFY: usize = 2;

/// The fingerprint of three packed characters (a char fits in 21 bits):
/// a fixed seed, so that the sketches, and what is found, are the same on
/// every run.
///
/// This is foldhash's `FixedState::with_seed(0x5eed_f00d).hash_one(packed)`
/// (one folded 64 × 64 → 128 bit multiply), written out so that nothing
/// is set up for each call; a test pins the two together.
#[inline(always)]
fn fingerprint(packed: u64) -> u64 {
    folded_multiply(packed ^ FP_SEED, FP_MULTIPLIER)
}

/// foldhash's fixed per-hasher seed (`0x5eed_f00d` with its `ARBITRARY3`).
const FP_SEED: u64 = 0x5eed_f00d ^ 0x082e_fa98_ec4e_6c89;
/// foldhash's first fixed shared seed (its `ARBITRARY6`).
const FP_MULTIPLIER: u64 = 0xc0ac_29b7_c97c_50dd;

/// The 128-bit product of `x` and `y`, its two halves folded together.
#[inline(always)]
fn folded_multiply(x: u64, y: u64) -> u64 {
    let full = u128::from(x) * u128::from(y);
    (full as u64) ^ ((full >> 64) as u64)
}

/// Reads `text`'s letters and digits, calling `window` with the
/// fingerprint of each shingle in order; returns how many letters and
/// digits there were, and the last [`SHINGLE`] of them packed (all of them
/// if there are fewer).
#[inline(always)]
fn shingles(text: &str, mut window: impl FnMut(u64)) -> (usize, u64) {
    let mut n = 0;
    let last = shingles_while(
        text,
        |fp| {
            window(fp);
            true
        },
        &mut n,
    );
    (n, last.unwrap_or(0))
}

/// [`shingles`], stopping as soon as `window` returns `false` (then
/// `None`); `n` counts the letters and digits read.
#[inline(always)]
fn shingles_while(text: &str, mut window: impl FnMut(u64) -> bool, n: &mut usize) -> Option<u64> {
    const MASK: u64 = (1 << (21 * SHINGLE)) - 1;
    let mut letters = Letters::new(text);
    let mut packed = 0u64;
    // The first shingle's letters but its last.
    for _ in 0..SHINGLE - 1 {
        let Some(c) = letters.next() else {
            return Some(packed);
        };
        *n += 1;
        packed = (packed << 21) | u64::from(c);
    }
    for c in letters {
        packed = ((packed << 21) | u64::from(c)) & MASK;
        *n += 1;
        if !window(fingerprint(packed)) {
            return None;
        }
    }
    Some(packed)
}

/// What the first reading of a text keeps.
struct FirstReading {
    /// How many letters and digits the text has.
    letters: usize,
    /// A hash of its letters and digits, in order.
    hash: u64,
    sketch: Sketch,
}

/// Reads `text` once: a hash of its letters and digits (exact copies are
/// found without keeping a copy of every text, through the fingerprints of
/// its shingles in order, its last letters and its length), and its sketch.
#[inline(never)]
fn first_reading(text: &str) -> FirstReading {
    let mut sketch = Sketch::default();
    let mut hash = 0u64;
    let (letters, last) = shingles(text, |fp| {
        hash = (hash ^ fp).wrapping_mul(TEXT_MULTIPLIER);
        sketch.add(fp);
    });
    let hash = folded_multiply(hash ^ last, TEXT_MULTIPLIER ^ letters as u64);
    FirstReading {
        letters,
        hash,
        sketch,
    }
}

/// The letters and digits of a text, as the code points of
/// `text.chars().filter(|&c| is_letter_or_digit(c))`, the common
/// ideographs (U+4E00 to U+9FFF, all letters) and ASCII answered first.
#[derive(Clone)]
struct Letters<'a> {
    chars: std::str::Chars<'a>,
}

impl<'a> Letters<'a> {
    #[inline(always)]
    fn new(text: &'a str) -> Letters<'a> {
        Letters {
            chars: text.chars(),
        }
    }
}

impl Iterator for Letters<'_> {
    type Item = u32;

    #[inline(always)]
    fn next(&mut self) -> Option<u32> {
        for c in self.chars.by_ref() {
            let code = u32::from(c);
            if code.wrapping_sub(0x4e00) <= 0x9fff - 0x4e00 {
                return Some(code);
            }
            if c.is_ascii() {
                if c.is_ascii_alphanumeric() {
                    return Some(code);
                }
            } else if is_letter_or_digit(c) {
                return Some(code);
            }
        }
        None
    }
}

/// The multiplier of the hash of a whole text's letters and digits (any
/// odd constant whose bits look random: foldhash's `ARBITRARY7`).
const TEXT_MULTIPLIER: u64 = 0x3f84_d5b5_b547_0917;

/// The lowest distinct fingerprints seen, in increasing order (the places
/// not yet filled hold `u64::MAX`, so that one comparison with the last
/// turns away nearly every fingerprint once the sketch is full).
struct Sketch {
    low: [u64; SKETCH],
    len: usize,
}

impl Default for Sketch {
    fn default() -> Sketch {
        Sketch {
            low: [u64::MAX; SKETCH],
            len: 0,
        }
    }
}

impl Sketch {
    #[inline(always)]
    fn add(&mut self, fp: u64) {
        if fp >= self.low[SKETCH - 1] && self.len == SKETCH {
            return;
        }
        self.insert(fp);
    }

    /// Inserts `fp` in order, unless it is there; the last one drops out
    /// of a full sketch. Without a branch on where it goes: each place
    /// keeps the lower of what it holds and what comes down to it, and
    /// passes the higher on (a text's first shingles nearly all go in, at
    /// places no branch predicts).
    #[inline]
    fn insert(&mut self, fp: u64) {
        if self.low[..self.len].contains(&fp) {
            return;
        }
        let mut carry = fp;
        for place in &mut self.low {
            let low = (*place).min(carry);
            carry = (*place).max(carry);
            *place = low;
        }
        self.len = (self.len + 1).min(SKETCH);
    }
}

/// The key of a fingerprint in the anchor index: its high half, spread by
/// an odd multiplier (one to one, so two fingerprints have the same key
/// exactly when their high halves are equal). The anchors are the lowest
/// fingerprints of their texts, so their high halves are small numbers,
/// all in the first buckets of a directory by top bits; their products are
/// spread over all of it.
#[inline(always)]
fn anchor_key(fp: u64) -> u32 {
    ((fp >> 32) as u32).wrapping_mul(0x9e37_79b1)
}

/// The high half of the fingerprint that `key` comes from: [`anchor_key`]
/// undone, by the inverse of its multiplier.
#[inline(always)]
fn anchor_high(key: u32) -> u32 {
    /// The inverse of `0x9e37_79b1` modulo 2^32, by Newton's iteration
    /// (each step doubles the bits that are right; an odd number is its
    /// own inverse to three bits).
    const INVERSE: u32 = {
        let a: u32 = 0x9e37_79b1;
        let mut x = a;
        let mut i = 0;
        while i < 5 {
            x = x.wrapping_mul(2u32.wrapping_sub(a.wrapping_mul(x)));
            i += 1;
        }
        x
    };
    key.wrapping_mul(INVERSE)
}

/// The anchors of every sketch, sorted by key ([`anchor_key`]) and task,
/// with a directory by the key's top bits and two filters: one of every
/// key, and one of the keys that more than one entry holds.
struct Anchors {
    /// `key << 32 | task`, sorted.
    entries: Vec<u64>,
    /// Where each bucket of keys starts in `entries` (one more at the end).
    directory: Vec<u32>,
    bucket_shift: u32,
    /// Every key.
    any: Filter,
    /// The keys of more than one entry: a text reading one of its own
    /// anchors looks that key up only if another task may hold it too.
    shared: Filter,
}

impl Anchors {
    /// The index of `entries` (`key << 32 | task`).
    fn new(mut entries: Vec<u64>) -> Anchors {
        let all = entries.len();
        sort_entries(&mut entries);
        // A key held by more than `3 × KEEP` tasks (a stock phrase) keeps
        // its first [`KEEP`] only: the tasks of a stock phrase's anchor say
        // little about a pair, and short runs keep the index in cache.
        // The filters' room is counted on the way, range by range: every
        // key, and the keys that more than one entry holds.
        let mut keys = [0usize; Filter::RANGES];
        let mut shared_keys = [0usize; Filter::RANGES];
        let mut kept = 0;
        let mut i = 0;
        while i < entries.len() {
            let key = entries[i] >> 32;
            let run = entries[i..].iter().take_while(|&&e| e >> 32 == key).count();
            let keep = if run > 3 * KEEP { KEEP } else { run };
            entries.copy_within(i..i + keep, kept);
            kept += keep;
            i += run;
            let range = Filter::range(key as u32);
            keys[range] += 1;
            shared_keys[range] += usize::from(keep > 1);
        }
        entries.truncate(kept);
        // A directory of about one bucket for two to four entries, counted
        // before the stock phrases were cut: where the cut leaves few (a
        // twentieth on `clauses`), sized for those the buckets of the keys
        // read most grow longer to scan, and W008 was slower (168 → 250 and
        // 180 → 217 ms on 20 MB of `small-alphabet`, in turns).
        let bits = usize::BITS - all.max(1).leading_zeros();
        let bucket_bits = bits.saturating_sub(2).clamp(4, 30);
        let bucket_shift = 32 - bucket_bits;
        let mut directory = vec![0u32; (1usize << bucket_bits) + 1];
        let mut any = Filter::with_room(&keys);
        let mut shared = Filter::with_room(&shared_keys);
        let mut last = None;
        for &e in &entries {
            let key = (e >> 32) as u32;
            directory[(key >> bucket_shift) as usize + 1] += 1;
            if last == Some(key) {
                shared.insert(key);
            } else {
                any.insert(key);
            }
            last = Some(key);
        }
        for i in 1..directory.len() {
            directory[i] += directory[i - 1];
        }
        Anchors {
            entries,
            directory,
            bucket_shift,
            any,
            shared,
        }
    }

    /// Where the entries of `key` start in `entries`, and the entries from
    /// there on (those of `key` first, then others), if there are any.
    #[inline(always)]
    fn tasks_of(&self, key: u32) -> Option<(usize, &[u64])> {
        let b = (key >> self.bucket_shift) as usize;
        let lo = *self.directory.get(b)? as usize;
        let bucket = self.entries.get(lo..*self.directory.get(b + 1)? as usize)?;
        let start = bucket.iter().position(|&e| (e >> 32) as u32 >= key)?;
        let run = &bucket[start..];
        (run.first().map(|&e| (e >> 32) as u32) == Some(key)).then_some((lo + start, run))
    }
}

/// A blocked Bloom filter of anchor keys: three bits of one 64-bit word a
/// key, 16 to 32 bits of filter a key, so that one read answers and few
/// keys not held get through: 0.15 to 0.75 % in its test (on 20 MB of
/// `distinct`, about 460,000 anchors, 12,268 of 5.3 million shingles get
/// through the two filters, 1,377 of them to a key the index holds; one
/// bit a key at 8 to 16 bits let about one in ten through, each then
/// looked up in the index, a read of memory far out of cache).
///
/// The filter is cut into [`Filter::RANGES`] parts by the size of the
/// fingerprint a key comes from, each sized for its own keys. The anchors
/// are the lowest fingerprints of their texts, so most of them are small
/// and their parts large, while the shingles looked up are spread evenly:
/// most lookups go to the small parts of the large fingerprints, which
/// stay in cache. In one filter, every lookup read anywhere in it: 16 MB on
/// 200 MB of `distinct`, where those reads took a third of W008's time.
struct Filter {
    /// The words of every part, after one word that stays empty (the
    /// part of a range without keys).
    words: Vec<u64>,
    /// For each range: where its part starts in `words`, and the mask of
    /// a key's word in it.
    parts: [(u32, u32); Filter::RANGES],
}

impl Filter {
    /// The ranges of fingerprints, by their top bits.
    const RANGES: usize = 256;

    /// The range of the fingerprint that `key` comes from.
    #[inline(always)]
    fn range(key: u32) -> usize {
        (anchor_high(key) >> 24) as usize
    }

    /// An empty filter with room for `keys[r]` keys in each range `r`.
    fn with_room(keys: &[usize; Filter::RANGES]) -> Filter {
        let mut parts = [(0, 0); Filter::RANGES];
        let mut len = 1usize;
        for (part, &n) in parts.iter_mut().zip(keys) {
            if n == 0 {
                continue; // the empty word, which no key sets
            }
            let bits = usize::BITS - n.leading_zeros();
            // 2^(bits + 4) bits: 16 to 32 bits a key.
            let word_bits = (bits + 4).saturating_sub(6).min(26);
            *part = (
                u32::try_from(len).unwrap_or(u32::MAX),
                (1u32 << word_bits) - 1,
            );
            len += 1 << word_bits;
        }
        Filter {
            words: vec![0; len],
            parts,
        }
    }

    /// The word of `key` and its three bits there: the word by the key's low
    /// bits within its range's part, the bits by the top bits of the key
    /// spread by another odd multiplier (so they are not the bits that
    /// picked the word).
    #[inline(always)]
    fn probe(&self, key: u32) -> (usize, u64) {
        let (start, mask) = self.parts[Filter::range(key)];
        let spread = key.wrapping_mul(0x85eb_ca6b);
        let bits = (1u64 << (spread >> 26))
            | (1u64 << ((spread >> 20) & 63))
            | (1u64 << ((spread >> 14) & 63));
        (start as usize + (key & mask) as usize, bits)
    }

    /// Adds `key`, which must be of a range given room (a key of a range
    /// without room would set bits in the empty word that the other such
    /// ranges read: more lookups let through, never fewer).
    fn insert(&mut self, key: u32) {
        let (word, bits) = self.probe(key);
        if let Some(w) = self.words.get_mut(word) {
            *w |= bits;
        }
    }

    /// Whether `key` may have been inserted (it surely was not if not).
    #[inline(always)]
    fn may_hold(&self, key: u32) -> bool {
        let (word, bits) = self.probe(key);
        self.words.get(word).is_some_and(|&w| w & bits == bits)
    }
}

/// The second reading of the texts: which sketches a text holds.
struct Scan {
    /// For each task, its sketch's length in the high four bits, and in
    /// the low four how many of its anchors the text read holds (at most
    /// [`SKETCH`]): the length is read with the count, where a read of the
    /// task's [`Kept`] for it was a miss of the cache for every task met.
    counts: Vec<u8>,
    /// The tasks whose count is not 0.
    touched: Vec<u32>,
    /// The anchors met in the text read (a bit at the start of each run of
    /// entries), so that each counts once.
    met: Vec<u64>,
    /// Where the bits of `met` are set.
    met_list: Vec<usize>,
    /// The fingerprints of the text read, in order.
    fps: Vec<u64>,
}

impl Scan {
    /// Reads text `t`, counting the anchors of each task it holds. `own`
    /// is the high half of the highest fingerprint of `t`'s sketch: a
    /// fingerprint of `t` whose high half is at most that has the key of
    /// one of `t`'s own anchors (keys are made of high halves), which the
    /// index holds for `t`, so it is looked up only if another task may
    /// hold it too. Compared strictly, the key of `t`'s highest anchor
    /// itself went through the filter of every key, and each text looked
    /// up its own entry: 58,366 of the 69,257 lookups on 20 MB of
    /// `distinct`.
    #[inline(never)]
    fn read(&mut self, t: u32, own: u32, text: &str, anchors: &Anchors) {
        let Scan {
            counts,
            touched,
            met,
            met_list,
            fps,
        } = self;
        fps.clear();
        shingles(text, |fp| fps.push(fp));
        // The lookups in a loop of their own, away from the decoding.
        for &fp in fps.iter() {
            let key = anchor_key(fp);
            let filter = if ((fp >> 32) as u32) <= own {
                &anchors.shared
            } else {
                &anchors.any
            };
            if !filter.may_hold(key) {
                continue;
            }
            let Some((start, run)) = anchors.tasks_of(key) else {
                continue;
            };
            let bit = 1 << (start % 64);
            let Some(word) = met.get_mut(start / 64) else {
                continue;
            };
            if *word & bit != 0 {
                continue;
            }
            *word |= bit;
            met_list.push(start);
            for &x in run {
                if (x >> 32) as u32 != key {
                    break;
                }
                let a = x as u32;
                if a == t {
                    continue;
                }
                let Some(c) = counts.get_mut(a as usize) else {
                    continue;
                };
                if *c & 0x0f == 0 {
                    touched.push(a);
                }
                // The count stays within its four bits (a task has at most
                // `SKETCH` anchors, each counted once a text).
                if *c & 0x0f < 0x0f {
                    *c += 1;
                }
            }
        }
        for start in met_list.drain(..) {
            if let Some(word) = met.get_mut(start / 64) {
                *word = 0;
            }
        }
    }
}

/// Sorts `entries` in place: first into at most 256 buckets by their top
/// bits (an American flag sort: with so few buckets, the places entries
/// are swapped to stay in cache; by 65,536 buckets they went anywhere in
/// the array, 70 ms for 462,000 entries), then each bucket, without a
/// second copy of the entries.
fn sort_entries(entries: &mut [u64]) {
    if u32::try_from(entries.len()).is_err() {
        entries.sort_unstable();
        return;
    }
    // About 2,000 entries a bucket, up to 256 buckets.
    let bits = usize::BITS - entries.len().max(1).leading_zeros();
    let bucket_bits = bits.saturating_sub(11).clamp(1, 8);
    let shift = 64 - bucket_bits;
    let bucket = |e: u64| (e >> shift) as usize;
    let mut ends = [0u32; 256];
    for &e in entries.iter() {
        if let Some(end) = ends.get_mut(bucket(e)) {
            *end += 1;
        }
    }
    let mut heads = [0u32; 256];
    let mut sum = 0;
    for (head, end) in heads.iter_mut().zip(ends.iter_mut()) {
        *head = sum;
        sum += *end;
        *end = sum;
    }
    for b in 0..1usize << bucket_bits {
        while heads[b] < ends[b] {
            let at = heads[b] as usize;
            let to = bucket(entries[at]);
            if to == b {
                heads[b] += 1;
            } else {
                entries.swap(at, heads[to] as usize);
                heads[to] += 1;
            }
        }
    }
    let mut start = 0;
    for &end in &ends[..1usize << bucket_bits] {
        if let Some(bucket) = entries.get_mut(start..end as usize) {
            bucket.sort_unstable();
        }
        start = end as usize;
    }
}

/// A match of a later task against an earlier one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Match {
    /// The earlier task (index in document order).
    pub(crate) earlier: usize,
    /// The later task.
    pub(crate) later: usize,
    /// Shingles shared (0 for an exact copy).
    pub(crate) shared: usize,
    /// Distinct shingles of the earlier and the later text; `None` for an
    /// exact copy.
    pub(crate) sizes: Option<(usize, usize)>,
}

/// A set of fingerprints, by open addressing: fingerprints are hashes, so
/// their low bits pick the slot, and a slot holds the fingerprint itself
/// (one read per probe), at most half full (few probes).
#[derive(Default)]
struct FpIndex {
    slots: Vec<u64>,
    mask: usize,
}

impl FpIndex {
    /// An empty slot. A fingerprint equal to it is held as `EMPTY - 1`
    /// ([`FpIndex::key`]): the two are taken for one, as any two
    /// fingerprints that collide are.
    const EMPTY: u64 = u64::MAX;

    /// Empties the index, with room for `n` fingerprints.
    fn reset(&mut self, n: usize) {
        let size = (2 * n).next_power_of_two().max(16);
        self.slots.clear();
        self.slots.resize(size, Self::EMPTY);
        self.mask = size - 1;
    }

    #[inline(always)]
    fn key(fp: u64) -> u64 {
        fp - u64::from(fp == Self::EMPTY)
    }

    /// Whether the set holds `fp`.
    #[inline]
    fn contains(&self, fp: u64) -> bool {
        let fp = Self::key(fp);
        let mut i = fp as usize & self.mask;
        loop {
            match self.slots.get(i) {
                Some(&s) if s == fp => return true,
                Some(&Self::EMPTY) | None => return false,
                Some(_) => i = (i + 1) & self.mask,
            }
        }
    }

    /// Adds `fp`; whether it was not there yet. At most half of the
    /// slots [`FpIndex::reset`] made room for may be filled.
    #[inline]
    fn insert(&mut self, fp: u64) -> bool {
        let fp = Self::key(fp);
        let mut i = fp as usize & self.mask;
        loop {
            match self.slots.get_mut(i) {
                Some(s) if *s == fp => return false,
                Some(s) if *s == Self::EMPTY => {
                    *s = fp;
                    return true;
                }
                Some(_) => i = (i + 1) & self.mask,
                None => return false,
            }
        }
    }

    /// Drops the repeated fingerprints of `fps`, keeping the first of each
    /// in order, and indexes what is left.
    fn dedup(&mut self, fps: &mut Vec<u64>) {
        self.reset(fps.len());
        fps.retain(|&fp| self.insert(fp));
    }
}

/// The distinct fingerprints of a text's shingles (in the order first
/// met), found with `seen`.
fn shingle_set(text: &str, out: &mut Vec<u64>, seen: &mut FpIndex) {
    out.clear();
    shingles(text, |fp| out.push(fp));
    seen.dedup(out);
}

/// The shingle sets of the last candidates compared whole: the first tasks
/// holding a common anchor are the candidates of many texts. A set comes
/// from a one-pass comparison that read all of its text ([`compare`]), or
/// is read here for a candidate that such a comparison turned away late.
/// The sets kept hold at most [`Sets::BUDGET`] fingerprints together (the
/// oldest go first), so the memory they take does not grow with the text.
#[derive(Default)]
struct Sets {
    kept: HashMap<u32, Vec<u64>, RandomState>,
    /// The tasks whose sets are kept, oldest first.
    order: std::collections::VecDeque<u32>,
    /// The fingerprints kept, in all.
    held: usize,
    seen: FpIndex,
}

impl Sets {
    /// The most fingerprints kept together (2 MiB), but for one set larger
    /// than that, kept alone.
    const BUDGET: usize = 1 << 18;

    /// Whether the set of `task` is kept.
    fn has(&self, task: u32) -> bool {
        self.kept.contains_key(&task)
    }

    /// Drops the oldest sets until `len` more fingerprints fit; returns
    /// the buffer of one dropped (or a new one), emptied.
    fn make_room(&mut self, len: usize) -> Vec<u64> {
        let mut spare = Vec::new();
        while self.held + len > Self::BUDGET {
            let Some(old) = self.order.pop_front() else {
                break;
            };
            if let Some(set) = self.kept.remove(&old) {
                self.held -= set.len();
                if set.capacity() > spare.capacity() {
                    spare = set;
                }
            }
        }
        spare.clear();
        spare
    }

    /// Keeps `set` as the set of `task`; `set` is left with a buffer to
    /// reuse.
    fn keep(&mut self, task: u32, set: &mut Vec<u64>) {
        let mut buffer = self.make_room(set.len());
        std::mem::swap(&mut buffer, set);
        self.insert(task, buffer);
    }

    fn insert(&mut self, task: u32, set: Vec<u64>) {
        self.held += set.len();
        self.order.push_back(task);
        if let Some(old) = self.kept.insert(task, set) {
            self.held -= old.len(); // not kept twice: `has` comes first
        }
    }

    /// The set of `task`, read from `text` unless it is kept.
    fn get(&mut self, task: u32, text: &str) -> &[u64] {
        if !self.kept.contains_key(&task) {
            let mut set = Vec::new();
            shingle_set(text, &mut set, &mut self.seen);
            self.make_room(set.len());
            self.insert(task, set);
        }
        self.kept.get(&task).map_or(&[], Vec::as_slice)
    }
}

/// How many of `a`'s items the set `index` holds, or `None` as soon as
/// fewer than `need` can be.
fn shared(a: &[u64], index: &FpIndex, need: usize) -> Option<usize> {
    let mut n = 0;
    for (i, &fp) in a.iter().enumerate() {
        if n + (a.len() - i) < need {
            return None;
        }
        n += usize::from(index.contains(fp));
    }
    (n >= need).then_some(n)
}

/// Compares a candidate's text with the text read (its distinct
/// fingerprints `set_t`, indexed by `index_t`) in one pass over the
/// candidate's shingles: returns how many distinct shingles they share and
/// how many the candidate has, or `None` as soon as four fifths of the
/// smaller set can no longer be shared. `raw` is the candidate's count of
/// shingles, repeats included (at least its distinct count: the bound that
/// lets a pair be turned away before the end). `seen` and `distinct` are
/// buffers; `letters` counts the letters and digits read.
fn compare(
    text: &str,
    raw: usize,
    set_t: &[u64],
    index_t: &mut FpIndex,
    seen: &mut FpIndex,
    distinct: &mut Vec<u64>,
    letters: &mut usize,
) -> Option<(usize, usize)> {
    seen.reset(raw);
    distinct.clear();
    // With `missed` distinct shingles not in the text read, the candidate
    // shares at most `size - missed` of its `size <= raw`; that falls short
    // of four fifths of `min(size, set_t.len())` for every possible size
    // once it does for `raw` (the shortfall only grows as the size shrinks).
    let most = raw.min(set_t.len());
    let mut missed = 0usize;
    let mut shared = 0usize;
    let read = shingles_while(
        text,
        |fp| {
            if !seen.insert(fp) {
                return true;
            }
            distinct.push(fp);
            if index_t.contains(fp) {
                shared += 1;
                return true;
            }
            missed += 1;
            5 * raw.saturating_sub(missed) >= 4 * most
        },
        letters,
    );
    read.map(|_| (shared, distinct.len()))
}

/// What the first reading keeps of a text for the second.
#[derive(Clone, Copy, Default)]
struct Kept {
    /// Its sketch's length: 0 if it is not read again.
    len: u8,
    /// Whether a one-pass comparison turned it away only after reading
    /// most of its text (its set is then read whole and kept, as it will
    /// likely be compared again).
    costly: bool,
    /// Its shingles, repeats included (for [`compare`]).
    raw: u32,
    /// The high half of its highest anchor (see [`Scan::read`]).
    own: u32,
}

/// The best earlier match found so far for a later task: its score
/// (containment, then Jaccard), then the earliest.
#[derive(Clone, Copy)]
struct Best {
    score: u64,
    earlier: u32,
    shared: u32,
    sizes: (u32, u32),
}

/// Finds, for each task that repeats an earlier one, the best earlier match.
pub(crate) fn matches<'t>(texts: impl IntoIterator<Item = &'t str>) -> Vec<Match> {
    let texts: Vec<&str> = texts.into_iter().collect();
    let Ok(count) = u32::try_from(texts.len()) else {
        return Vec::new();
    };
    let mut found = Vec::new();

    // 1: exact copies, and the sketches of the others.
    let mut exact: HashMap<u64, u32, RandomState> = HashMap::default();
    // What the second reading needs of each text, up to the last text read
    // again (a copy, or a text of too few shingles, is not: its sketch
    // length is 0). Nothing for a document of short texts: a vector of
    // every text, filled and freed, left the allocator holding 7 MB more at
    // the peak of `check` on 20 MB of `tiny`, whose texts are too short to
    // read again.
    let mut kept: Vec<Kept> = Vec::new();
    let mut entries: Vec<u64> = Vec::new();
    for (j, &text) in (0..count).zip(&texts) {
        let FirstReading {
            letters,
            hash,
            sketch,
        } = first_reading(text);
        if letters > 0 {
            let same = exact
                .get(&hash)
                .copied()
                .filter(|&i| Letters::new(texts[i as usize]).eq(Letters::new(text)));
            if let Some(i) = same {
                found.push(Match {
                    earlier: i as usize,
                    later: j as usize,
                    shared: 0,
                    sizes: None,
                });
                continue; // its copy stands for it
            }
            exact.entry(hash).or_insert(j);
        }
        if sketch.len >= MIN_SHINGLES {
            // The texts come in order: the ones between are not read again.
            kept.resize(j as usize, Kept::default());
            kept.push(Kept {
                len: sketch.len as u8,
                costly: false,
                raw: u32::try_from(letters - (SHINGLE - 1)).unwrap_or(u32::MAX),
                own: sketch.low[..sketch.len]
                    .last()
                    .map_or(u32::MAX, |&fp| (fp >> 32) as u32),
            });
            entries.extend(
                sketch.low[..sketch.len]
                    .iter()
                    .map(|&fp| u64::from(anchor_key(fp)) << 32 | u64::from(j)),
            );
        }
    }
    drop(exact);
    let anchors = Anchors::new(entries);

    // 2: each text against the sketches it holds.
    let mut scan = Scan {
        counts: {
            let mut counts = vec![0; texts.len()];
            for (c, k) in counts.iter_mut().zip(&kept) {
                *c = k.len << 4;
            }
            counts
        },
        touched: Vec::new(),
        met: vec![0; anchors.entries.len().div_ceil(64)],
        met_list: Vec::new(),
        fps: Vec::new(),
    };
    let mut candidates: Vec<(u32, u8, u8)> = Vec::new();
    let mut index_t = FpIndex::default();
    let mut seen = FpIndex::default();
    let mut distinct: Vec<u64> = Vec::new();
    let mut sets = Sets::default();
    let mut best: HashMap<u32, Best, RandomState> = HashMap::default();
    for (t, &text) in (0..count).zip(&texts) {
        let Some(&Kept { len: 1.., own, .. }) = kept.get(t as usize) else {
            continue;
        };
        scan.read(t, own, text, &anchors);
        let Scan {
            counts,
            touched,
            fps: set_t,
            ..
        } = &mut scan;
        // Tasks whose sketch is at least half here are likely contained:
        // compare the best of them exactly.
        candidates.clear();
        for &a in touched.iter() {
            let Some(c) = counts.get_mut(a as usize) else {
                continue;
            };
            let (hits, len) = (*c & 0x0f, *c >> 4);
            *c &= 0xf0;
            if 2 * u16::from(hits) >= u16::from(len) {
                candidates.push((a, hits, len));
            }
        }
        touched.clear();
        if candidates.is_empty() {
            continue;
        }
        // The largest share of the sketch first, then the earliest.
        candidates.sort_unstable_by(|x, y| {
            (u32::from(y.1) * u32::from(x.2))
                .cmp(&(u32::from(x.1) * u32::from(y.2)))
                .then(x.0.cmp(&y.0))
        });
        candidates.truncate(VERIFY);
        // The shingles read above, as a set.
        index_t.dedup(set_t);
        let size_t = set_t.len();
        for &(a, _, _) in &candidates {
            // At least four fifths of the shorter set: through the
            // candidate's set if it is kept, or if a comparison turned it
            // away late before (its set is then read whole and kept); else
            // in one pass that stops as soon as the pair falls short (most
            // pairs of texts sharing a phrase or two stop early), and keeps
            // the set it read if it read all of it.
            let text_a = texts[a as usize];
            let Some(kept_a) = kept.get_mut(a as usize) else {
                continue;
            };
            let found = if sets.has(a) || kept_a.costly {
                let set_a = sets.get(a, text_a);
                let need = (set_a.len().min(size_t) * 4).div_ceil(5);
                shared(set_a, &index_t, need).map(|n| (n, set_a.len()))
            } else {
                let raw_a = kept_a.raw as usize;
                let mut letters = 0;
                let found = compare(
                    text_a,
                    raw_a,
                    set_t,
                    &mut index_t,
                    &mut seen,
                    &mut distinct,
                    &mut letters,
                );
                match found {
                    Some(_) => sets.keep(a, &mut distinct),
                    None => kept_a.costly = 4 * letters > 3 * (raw_a + SHINGLE - 1),
                }
                found
            };
            let matched = found.filter(|&(shared, size_a)| {
                let small = size_a.min(size_t);
                small >= MIN_SHINGLES && 5 * shared >= 4 * small
            });
            let Some((shared, size_a)) = matched else {
                continue;
            };
            let small = size_a.min(size_t);
            let (earlier, later, size_e, size_l) = if a < t {
                (a, t, size_a, size_t)
            } else {
                (t, a, size_t, size_a)
            };
            // Containment first, then Jaccard, then the earliest task.
            let union = size_e + size_l - shared;
            let score = (((shared * 10_000 / small) as u64) << 20)
                | (shared * 10_000 / union.max(1)) as u64;
            let found = Best {
                score,
                earlier,
                shared: shared as u32,
                sizes: (size_e as u32, size_l as u32),
            };
            best.entry(later)
                .and_modify(|b| {
                    if (score, std::cmp::Reverse(earlier)) > (b.score, std::cmp::Reverse(b.earlier))
                    {
                        *b = found;
                    }
                })
                .or_insert(found);
        }
    }
    found.extend(best.into_iter().map(|(later, b)| Match {
        earlier: b.earlier as usize,
        later: later as usize,
        shared: b.shared as usize,
        sizes: Some((b.sizes.0 as usize, b.sizes.1 as usize)),
    }));
    found.sort_unstable_by_key(|m| (m.later, m.earlier));
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

/// W008.
pub(crate) fn check(cx: &Context<'_, '_>, out: &mut Vec<Diagnostic>) {
    use std::fmt::Write as _;
    let tasks: Vec<_> = cx.doc.tasks().collect();
    let found = matches(tasks.iter().map(|t| t.text()));
    out.reserve(found.len());
    // Each text is written here, then copied into a string of its exact
    // size: one allocation each, where `format!` leaves spare room that
    // the finding would then give back (another).
    let mut buf = String::new();
    for m in found {
        let (a, b) = (tasks[m.earlier], tasks[m.later]);
        let (Some(span), Some(other)) = (cx.checked(b.text_span()), cx.checked(a.text_span()))
        else {
            continue;
        };
        let (na, nb) = (a.number(), b.number());
        buf.clear();
        let _ = write!(
            buf,
            "expected task {nb} to say something other than task {na}, found "
        );
        let _ = match m.sizes {
            None => write!(buf, "the same text"),
            Some((sa, sb)) => {
                let union = sa + sb - m.shared;
                let small = sa.min(sb);
                let percent = m.shared * 100 / small.max(1);
                if m.shared * 10 >= union * 9 {
                    write!(
                        buf,
                        "nearly the same text ({percent}% of the wording is shared)"
                    )
                } else if sb > sa {
                    write!(buf, "task {na}'s text in it almost word for word ({percent}% of task {na}'s wording)")
                } else {
                    write!(buf, "its text almost word for word in task {na} ({percent}% of task {nb}'s wording)")
                }
            }
        };
        let mut d = Diagnostic::new(Code::DuplicateTask, span, buf.as_str());
        buf.clear();
        let _ = write!(buf, "repeats task {na}");
        d = d.with_label(buf.as_str());
        buf.clear();
        let _ = write!(buf, "task {na} is here");
        out.push(
            d.with_secondary(Span::new(other.start, other.end), buf.as_str())
                .with_static_help(
                    "if the two are one task, merge them and renumber; if they differ, make the difference clear in the wording",
                ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    /// A splitmix64 sequence from `state`.
    fn splitmix(mut state: u64) -> impl FnMut() -> u64 {
        move || {
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        }
    }

    /// The filter holds every key it was given, and lets few others
    /// through: in a part at its fullest (16 bits a key), under 1.5 % of
    /// the keys of its range never given; at its emptiest (32 bits a key),
    /// under 0.5 %. One bit a key would let about 6 % through.
    #[test]
    fn the_filter_holds_its_keys_and_little_else() {
        let mut random = splitmix(0x0f0f_1234_5678_9abc);
        let mut next = move || random() as u32;
        // The key of a fingerprint whose top `zeros` bits are 0: as
        // anchors are, of small fingerprints (of the first range, with 8).
        let small = |next: &mut dyn FnMut() -> u32, zeros: u32| {
            anchor_key(u64::from(next() >> zeros) << 32)
        };
        for (keys, most) in [((1 << 15) - 1, 0.015), (1 << 14, 0.005)] {
            let held: Vec<u32> = (0..keys).map(|_| small(&mut next, 8)).collect();
            let mut room = [0; Filter::RANGES];
            for &k in &held {
                room[Filter::range(k)] += 1;
            }
            let mut filter = Filter::with_room(&room);
            for &k in &held {
                filter.insert(k);
            }
            assert!(held.iter().all(|&k| filter.may_hold(k)));
            let set: std::collections::HashSet<u32> = held.into_iter().collect();
            let others: Vec<u32> = (0..200_000)
                .map(|_| small(&mut next, 8))
                .filter(|k| !set.contains(k))
                .collect();
            let through = others.iter().filter(|&&k| filter.may_hold(k)).count();
            let rate = through as f64 / others.len() as f64;
            assert!(rate < most, "{keys} keys: {rate} got through");
        }
        // Keys of small fingerprints, as anchors are: their ranges' parts
        // take them all, and a key of a range without keys is turned away
        // without a read of any part.
        let held: Vec<u32> = (0..20_000).map(|_| small(&mut next, 6)).collect();
        let mut room = [0; Filter::RANGES];
        for &k in &held {
            room[Filter::range(k)] += 1;
        }
        assert_eq!(room.iter().filter(|&&n| n > 0).count(), 4);
        let mut filter = Filter::with_room(&room);
        for &k in &held {
            filter.insert(k);
        }
        assert!(held.iter().all(|&k| filter.may_hold(k)));
        let set: std::collections::HashSet<u32> = held.into_iter().collect();
        let near = (0..100_000)
            .map(|_| small(&mut next, 6))
            .filter(|k| !set.contains(k) && filter.may_hold(*k))
            .count();
        assert!(near < 1_500, "{near} of 100,000 got through");
        let far = (0..100_000)
            .map(|_| next())
            .filter(|&k| Filter::range(k) >= 4 && filter.may_hold(k))
            .count();
        assert_eq!(far, 0);
        // An empty filter holds nothing.
        let empty = Filter::with_room(&[0; Filter::RANGES]);
        assert!((0..1000).all(|_| !empty.may_hold(next())));
    }

    /// `anchor_high` gives back the high half of the fingerprint of every
    /// key, the two ends included.
    #[test]
    fn anchor_high_undoes_anchor_key() {
        let mut random = splitmix(0x1234_5678_9abc_def0);
        for fp in (0..10_000).map(|_| random()).chain([0, u64::MAX]) {
            assert_eq!(anchor_high(anchor_key(fp)), (fp >> 32) as u32);
        }
    }

    /// A sketch holds the lowest distinct fingerprints added, in order:
    /// with repeats, with fewer than a sketch's worth, and with `u64::MAX`
    /// (the value of a place not filled) added as a fingerprint.
    #[test]
    fn the_sketch_keeps_the_lowest_distinct_fingerprints() {
        let mut next = splitmix(0x5eed_5eed);
        for len in [0, 1, 5, 7, 8, 9, 20, 200] {
            for shape in 0..3 {
                let fps: Vec<u64> = (0..len)
                    .map(|i| match shape {
                        0 => next(),
                        1 => next() % 12,
                        _ if i % 3 == 0 => u64::MAX,
                        _ => next() >> 1,
                    })
                    .collect();
                let mut sketch = Sketch::default();
                for &fp in &fps {
                    sketch.add(fp);
                }
                let expected: Vec<u64> = fps
                    .iter()
                    .copied()
                    .collect::<std::collections::BTreeSet<u64>>()
                    .into_iter()
                    .take(SKETCH)
                    .collect();
                assert_eq!(
                    &sketch.low[..sketch.len],
                    expected.as_slice(),
                    "{len} fingerprints, shape {shape}"
                );
            }
        }
    }

    /// The anchor sort gives what a general sort does: on spread keys (the
    /// usual buckets of a few entries), on keys that share their top bits
    /// (one bucket of all), and on repeats.
    #[test]
    fn the_anchor_sort_sorts() {
        let mut next = splitmix(0x1234_5678_9abc_def0);
        for len in [0, 1, 2, 7, 8, 9, 33, 100, 1000, 5000, 300_000] {
            for shape in 0..3 {
                let entries: Vec<u64> = (0..len)
                    .map(|_| match shape {
                        0 => next(),
                        1 => next() >> 40,
                        _ => next() % 5,
                    })
                    .collect();
                let mut sorted = entries.clone();
                sort_entries(&mut sorted);
                let mut expected = entries;
                expected.sort_unstable();
                assert_eq!(sorted, expected, "{len} entries, shape {shape}");
            }
        }
    }

    /// The sets kept hold at most their budget (but for one set larger
    /// than it, kept alone), the oldest dropped first, and a set dropped is
    /// read again from its text.
    #[test]
    fn the_sets_kept_stay_within_their_budget_and_read_back_what_they_dropped() {
        let mut sets = Sets::default();
        let text = |t: u32| {
            format!(
                "任务{t}的文本有许多字{}",
                "甲乙丙丁".repeat(t as usize % 7 + 1)
            )
        };
        let exact = |t: u32| {
            let mut set = Vec::new();
            shingle_set(&text(t), &mut set, &mut FpIndex::default());
            set
        };
        // A set of a quarter of the budget each: the fifth drops the first.
        let big =
            |t: u64| -> Vec<u64> { (0..Sets::BUDGET as u64 / 4).map(|k| k * 31 + t).collect() };
        for t in 0..4u32 {
            let mut set = big(u64::from(t));
            sets.keep(t, &mut set);
            assert!(set.is_empty());
            assert!(sets.held <= Sets::BUDGET);
        }
        assert!((0..4).all(|t| sets.has(t)));
        let mut set = big(4);
        sets.keep(4, &mut set);
        assert!(!sets.has(0) && sets.has(1) && sets.has(4));
        assert_eq!(sets.held, Sets::BUDGET);
        // Read when not kept, then kept: the same set either way.
        for t in 10..60u32 {
            assert_eq!(sets.get(t, &text(t)), exact(t).as_slice());
            assert!(sets.has(t));
            assert_eq!(sets.get(t, "not read again"), exact(t).as_slice());
        }
        assert!(sets.held <= Sets::BUDGET);
        assert_eq!(sets.held, sets.kept.values().map(Vec::len).sum::<usize>());
        assert_eq!(sets.order.len(), sets.kept.len());
        // A set larger than the budget is kept, alone.
        let mut huge: Vec<u64> = (0..Sets::BUDGET as u64 + 5).collect();
        sets.keep(99, &mut huge);
        assert_eq!(sets.kept.len(), 1);
        assert!(sets.has(99));
    }

    /// `compare` answers what the sets say: the shared shingles and the
    /// candidate's size whenever four fifths of the smaller set are shared,
    /// and it turns away only pairs that share less, on texts of repeated
    /// shingles (so that the raw count overstates the set) and of every
    /// overlap.
    #[test]
    fn compare_turns_away_only_pairs_that_share_too_little() {
        let set = |text: &str| {
            let mut fps = Vec::new();
            shingles(text, |fp| fps.push(fp));
            let raw = fps.len();
            let mut seen = std::collections::HashSet::new();
            fps.retain(|fp| seen.insert(*fp));
            (fps, raw)
        };
        // A small alphabet, and a seeded generator of texts.
        let alphabet: Vec<char> = "甲乙丙丁戊己庚辛".chars().collect();
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % n
        };
        let (mut seen, mut distinct, mut index) =
            (FpIndex::default(), Vec::new(), FpIndex::default());
        let (mut matched, mut turned_away) = (0, 0);
        for _ in 0..3_000 {
            let t: String = (0..10 + next(60))
                .map(|_| alphabet[next(8) as usize])
                .collect();
            // The candidate: a piece of `t` with some characters changed
            // and some added.
            let chars: Vec<char> = t.chars().collect();
            let from = next(chars.len() as u64 / 2) as usize;
            let mut a: Vec<char> = chars[from..].to_vec();
            for _ in 0..next(6) {
                let at = next(a.len() as u64) as usize;
                a[at] = alphabet[next(8) as usize];
            }
            a.extend((0..next(10)).map(|_| alphabet[next(8) as usize]));
            let a: String = a.into_iter().collect();
            let (mut set_t, _) = set(&t);
            let (set_a, raw_a) = set(&a);
            index.dedup(&mut set_t);
            let shared = set_a.iter().filter(|fp| set_t.contains(fp)).count();
            let small = set_a.len().min(set_t.len());
            let found = compare(
                &a,
                raw_a,
                &set_t,
                &mut index,
                &mut seen,
                &mut distinct,
                &mut 0,
            );
            match found {
                Some(got) => {
                    assert_eq!(got, (shared, set_a.len()), "{a} in {t}");
                    matched += usize::from(5 * shared >= 4 * small);
                }
                None => {
                    assert!(5 * shared < 4 * small, "{a} in {t}: {shared} of {small}");
                    turned_away += 1;
                }
            }
        }
        // Both ways were taken.
        assert!(
            matched > 100 && turned_away > 100,
            "{matched} {turned_away}"
        );
    }

    const FIVE: &str = "鼓励银行为重点企业制定专门信贷计划，对遇到暂时困难但符合守信条件的企业，不得盲目抽贷、断贷。";
    const SIX: &str = "发挥金融监管机构作用，鼓励银行为重点企业制定专门信贷计划，对遇到暂时困难但符合授信条件的企业，不得盲目抽贷、断贷。积极推进金融产品或服务模式创新，鼓励各银行机构开展无还本续贷业务，简化工作流程，缩短办理时间。";

    /// A short text inside a long one is found whichever comes first,
    /// though the long text's sketch holds few of the short one's anchors:
    /// their keys are held by the short text alone, so the long text must
    /// look them up through the filter of every key, not only the shared
    /// keys' filter that serves its own anchors.
    #[test]
    fn a_short_text_inside_a_long_one_is_found_by_its_anchors() {
        let filler: String = (0..400u32)
            .filter_map(|i| char::from_u32(0x5000 + 7 * i))
            .collect();
        let long = format!("{}{FIVE}{}", &filler[..600], &filler[600..]);
        let anchors = |text: &str| {
            let sketch = first_reading(text).sketch;
            sketch.low[..sketch.len].to_vec()
        };
        let (short_anchors, long_anchors) = (anchors(FIVE), anchors(&long));
        let in_both = short_anchors
            .iter()
            .filter(|fp| long_anchors.contains(fp))
            .count();
        assert!(in_both < SKETCH / 2, "{in_both} anchors in both sketches");
        for (texts, pair) in [
            ([FIVE, long.as_str()], (0, 1)),
            ([long.as_str(), FIVE], (0, 1)),
        ] {
            let found = matches(texts);
            assert_eq!(found.len(), 1, "{found:?}");
            assert_eq!((found[0].earlier, found[0].later), pair);
        }
    }

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
    fn fingerprint_is_foldhash() {
        use std::hash::BuildHasher;
        let state = foldhash::fast::FixedState::with_seed(0x5eed_f00d);
        let mut x = 1u64;
        for _ in 0..10_000 {
            x = x.wrapping_mul(0x9e37_79b9_7f4a_7c15).wrapping_add(7);
            for packed in [x, x & ((1 << 63) - 1), x >> 40, 0] {
                assert_eq!(fingerprint(packed), state.hash_one(packed), "{packed:#x}");
            }
        }
    }

    #[test]
    fn letters_decode_as_chars_do() {
        let every: String = (0..=0x10ffff).filter_map(char::from_u32).collect();
        let expected = every
            .chars()
            .filter(|&c| c.is_alphanumeric())
            .map(u32::from);
        assert!(Letters::new(&every).eq(expected));
        for text in [FIVE, SIX, "", "a", "，", "a，b。c７Ａ\u{3000}é٣𠀀"] {
            let expected = text
                .chars()
                .filter(|&c| is_letter_or_digit(c))
                .map(u32::from);
            assert!(Letters::new(text).eq(expected), "{text}");
        }
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
