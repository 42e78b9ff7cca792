//! How a sequence of numbers reads, for W001 and W002: which numbers are
//! typos, repeats, out of order, or follow a gap. The sequence is read in
//! four steps:
//!
//! 1. **Typos.** A number whose neighbours pin it down (the previous one is
//!    `m - 1`, the next `m + 1`, and `m` is used nowhere) should be `m`. This
//!    is the only case with a fix: replace the number with `m`.
//! 2. **Repeats.** A number already used is reported, pointing at its first
//!    use.
//! 3. **Out of order.** The longest increasing run of first uses (patience
//!    sorting) is taken to be the intended order; every other number is out
//!    of order. A swapped pair or a moved task gives one finding, not a
//!    cascade.
//! 4. **Gaps.** Between two neighbours of that run, numbers that appear
//!    nowhere in the document are missing.
//!
//! Cost: O(n log n) for n numbers (the patience sort and one sort of the
//! distinct numbers), far below the linear cost of reading the text.

/// Maps and sets of numbers hashed with foldhash (the standard SipHash is
/// several times slower on small keys, and the numbers are the document's).
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
type HashSet<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;

/// How a finding of the sequence reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Kind {
    /// Should be `to`, between `to - 1` and `to + 1`. `fixable`: the
    /// renumbering leaves every other finding as it is (see `analyse`).
    Typo {
        to: u32,
        first: Option<usize>,
        fixable: bool,
    },
    /// A second use of a number first used at `first`.
    Repeat { first: usize },
    /// Not in the increasing run; `expected` is what the run would have
    /// next; the number belongs after `after` or before `before`.
    OutOfOrder {
        expected: u32,
        after: Option<usize>,
        before: Option<usize>,
    },
    /// Numbers missing before this one.
    Gap { expected: u32, missing: Missing },
}

/// Numbers missing from a range `lo..=hi`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Missing {
    pub(super) lo: u32,
    pub(super) hi: u32,
    pub(super) count: u64,
    /// The first few missing numbers.
    pub(super) first: Vec<u32>,
}

/// A finding about the number at place `at` of the sequence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Finding {
    pub(super) at: usize,
    pub(super) kind: Kind,
}

/// The findings of the sequence `numbers`, in the four steps of the
/// module's docs, sorted by place.
pub(super) fn analyse(numbers: &[u32]) -> Vec<Finding> {
    // Most sequences read 1, 2, 3, …: nothing to find, without the
    // analysis's tables and searches.
    if numbers.iter().zip(1u64..).all(|(&n, k)| u64::from(n) == k) {
        return Vec::new();
    }
    analyse_all(numbers)
}

/// [`analyse`], every step.
fn analyse_all(numbers: &[u32]) -> Vec<Finding> {
    let mut count: HashMap<u32, u32> =
        HashMap::with_capacity_and_hasher(numbers.len(), Default::default());
    for &n in numbers {
        *count.entry(n).or_insert(0) += 1;
    }
    // 1. Typos pinned by their neighbours.
    let (eff, typo) = pin_typos(numbers, &mut count);
    let fixes = Fixes::new(numbers, &eff, &typo, &count);
    // 2. Repeats; the first uses go on.
    let mut findings = Vec::new();
    let firsts = typos_and_repeats(numbers, &eff, &typo, &fixes, &mut findings);
    // 3. The longest strictly increasing run of first uses.
    let (in_run, run) = increasing_run(&eff, &firsts.places);
    // 4. Out of order, and gaps along the run.
    order_and_gaps(&eff, &firsts, &in_run, &run, &mut findings);
    findings.sort_by_key(|f| f.at);
    findings
}

/// Step 1: the numbers as the sequence reads them (`eff`: each typo
/// replaced by the number its neighbours pin), and which are typos. A
/// pinned number counts as used from then on (`count`).
fn pin_typos(numbers: &[u32], count: &mut HashMap<u32, u32>) -> (Vec<u32>, Vec<bool>) {
    let mut eff = Vec::with_capacity(numbers.len());
    let mut typo = vec![false; numbers.len()];
    for (i, &n) in numbers.iter().enumerate() {
        let prev = if i == 0 { 0 } else { eff[i - 1] };
        let m = u32::saturating_add(prev, 1);
        let pinned = n != m
            && m != u32::MAX
            && numbers.get(i + 1) == Some(&m.saturating_add(1))
            && !count.contains_key(&m);
        if pinned {
            typo[i] = true;
            eff.push(m);
            // `m` is taken now: another typo pinned to it would make two
            // tasks `m` once both fixes are applied.
            count.insert(m, 1);
        } else {
            eff.push(n);
        }
    }
    (eff, typo)
}

/// Which typos get a fix.
///
/// A typo's fix frees its wrong number when no other task keeps it, and a
/// freed number can pin another task that it blocked (`56, 58, 58`: the
/// first 58 would be pinned to a free 57), which changes how the whole
/// sequence reads, the fixed task's place included. Such a typo gets no
/// fix. Otherwise the fixed numbers read exactly as `eff` does, with this
/// finding gone: a fix removes its own finding and no other.
struct Fixes<'c> {
    /// How many times each number is used (pinned numbers included).
    count: &'c HashMap<u32, u32>,
    /// How many typos have each wrong number.
    typo_uses: HashMap<u32, u32>,
    /// Numbers that would pin a task once free.
    blocked: HashSet<u32>,
}

impl<'c> Fixes<'c> {
    fn new(numbers: &[u32], eff: &[u32], typo: &[bool], count: &'c HashMap<u32, u32>) -> Self {
        let mut typo_uses: HashMap<u32, u32> = HashMap::default();
        for (i, &n) in numbers.iter().enumerate() {
            if typo[i] {
                *typo_uses.entry(n).or_insert(0) += 1;
            }
        }
        let mut blocked: HashSet<u32> = HashSet::default();
        if !typo_uses.is_empty() {
            for j in 0..numbers.len() {
                let v = if j == 0 { 0 } else { eff[j - 1] }.saturating_add(1);
                if !typo[j]
                    && numbers[j] != v
                    && v != u32::MAX
                    && numbers.get(j + 1) == Some(&v.saturating_add(1))
                {
                    blocked.insert(v);
                }
            }
        }
        Fixes {
            count,
            typo_uses,
            blocked,
        }
    }

    /// Whether a typo whose wrong number is `n` gets a fix.
    fn fixable(&self, n: u32) -> bool {
        let kept =
            self.count.get(&n).copied().unwrap_or(0) - self.typo_uses.get(&n).copied().unwrap_or(0);
        kept > 0 || !self.blocked.contains(&n)
    }
}

/// The first use of each number in the sequence as it reads.
struct FirstUses {
    /// Where each number is first used.
    at: HashMap<u32, usize>,
    /// Those places, in order.
    places: Vec<usize>,
}

/// Step 2: reports the typos and the repeats; returns the first uses.
fn typos_and_repeats(
    numbers: &[u32],
    eff: &[u32],
    typo: &[bool],
    fixes: &Fixes<'_>,
    findings: &mut Vec<Finding>,
) -> FirstUses {
    let mut first_at: HashMap<u32, usize> =
        HashMap::with_capacity_and_hasher(numbers.len(), Default::default());
    let mut firsts: Vec<usize> = Vec::with_capacity(numbers.len());
    for (i, &n) in eff.iter().enumerate() {
        if typo[i] {
            findings.push(Finding {
                at: i,
                kind: Kind::Typo {
                    to: n,
                    first: first_at.get(&numbers[i]).copied(),
                    fixable: fixes.fixable(numbers[i]),
                },
            });
        }
        match first_at.get(&n) {
            Some(&first) if !typo[i] => findings.push(Finding {
                at: i,
                kind: Kind::Repeat { first },
            }),
            Some(_) => {}
            None => {
                first_at.insert(n, i);
                firsts.push(i);
            }
        }
    }
    FirstUses {
        at: first_at,
        places: firsts,
    }
}

/// Step 3: the longest strictly increasing run of the first uses `firsts`
/// (patience sorting): whether each place is in it, and its places in order.
fn increasing_run(eff: &[u32], firsts: &[usize]) -> (Vec<bool>, Vec<usize>) {
    let mut tails: Vec<usize> = Vec::new(); // positions in `firsts`
    let mut back: Vec<Option<usize>> = vec![None; firsts.len()];
    for (k, &i) in firsts.iter().enumerate() {
        let n = eff[i];
        let at = tails.partition_point(|&t| eff[firsts[t]] < n);
        back[k] = at.checked_sub(1).map(|p| tails[p]);
        if at == tails.len() {
            tails.push(k);
        } else {
            tails[at] = k;
        }
    }
    let mut in_run = vec![false; eff.len()];
    let mut run: Vec<usize> = Vec::new(); // task indices, increasing numbers
    let mut cursor = tails.last().copied();
    while let Some(k) = cursor {
        in_run[firsts[k]] = true;
        run.push(firsts[k]);
        cursor = back[k];
    }
    run.reverse();
    (in_run, run)
}

/// Step 4: reports the first uses out of the run as out of order, and the
/// numbers missing between two neighbours of the run.
fn order_and_gaps(
    eff: &[u32],
    firsts: &FirstUses,
    in_run: &[bool],
    run: &[usize],
    findings: &mut Vec<Finding>,
) {
    let mut distinct: Vec<u32> = firsts.at.keys().copied().collect();
    distinct.sort_unstable();
    let present: HashSet<u32> = distinct.iter().copied().collect();
    let mut last_in_run: u32 = 0;
    for &i in &firsts.places {
        let n = eff[i];
        if !in_run[i] {
            let k = run.partition_point(|&r| eff[r] < n);
            findings.push(Finding {
                at: i,
                kind: Kind::OutOfOrder {
                    expected: last_in_run.saturating_add(1),
                    after: k.checked_sub(1).map(|k| run[k]),
                    before: run.get(k).copied(),
                },
            });
            continue;
        }
        if n > last_in_run.saturating_add(1) {
            let lo = last_in_run + 1;
            if let Some(missing) = missing(lo, n - 1, &distinct, &present) {
                findings.push(Finding {
                    at: i,
                    kind: Kind::Gap {
                        expected: lo,
                        missing,
                    },
                });
            }
        }
        last_in_run = n;
    }
}

/// The numbers of `lo..=hi` that appear nowhere (`distinct`, sorted, and
/// `present` hold the numbers used), if there are any.
fn missing(lo: u32, hi: u32, distinct: &[u32], present: &HashSet<u32>) -> Option<Missing> {
    let inside = distinct.partition_point(|&x| x <= hi) - distinct.partition_point(|&x| x < lo);
    let count = u64::from(hi - lo) + 1 - inside as u64;
    if count == 0 {
        return None;
    }
    let mut first = Vec::new();
    let mut x = lo;
    while first.len() < 3 && x <= hi {
        if !present.contains(&x) {
            first.push(x);
        }
        x += 1;
    }
    Some(Missing {
        lo,
        hi,
        count,
        first,
    })
}

#[cfg(test)]
mod tests {
    use super::super::super::test_support::*;
    use super::*;
    use crate::diagnostic::Code;

    #[test]
    fn a_sequence_from_one_has_nothing_to_find_by_every_step() {
        for n in 0..300u32 {
            let numbers: Vec<u32> = (1..=n).collect();
            assert!(analyse_all(&numbers).is_empty(), "1..={n}");
            assert!(analyse(&numbers).is_empty());
        }
        // Anything else still goes through every step.
        assert!(!analyse(&[1, 2, 2, 3]).is_empty());
    }

    fn kinds(numbers: &[u32]) -> Vec<(usize, &'static str)> {
        analyse(numbers)
            .into_iter()
            .map(|f| {
                (
                    f.at,
                    match f.kind {
                        Kind::Typo { .. } => "typo",
                        Kind::Repeat { .. } => "repeat",
                        Kind::OutOfOrder { .. } => "order",
                        Kind::Gap { .. } => "gap",
                    },
                )
            })
            .collect()
    }

    #[test]
    fn sequences() {
        assert_eq!(kinds(&[1, 2, 3, 4]), []);
        assert_eq!(kinds(&[]), []);
        // A typo pinned by its neighbours.
        assert_eq!(kinds(&[1, 2, 30, 4]), [(2, "typo")]);
        assert_eq!(kinds(&[7, 2, 3]), [(0, "typo")]);
        // A repeat pinned by its neighbours is a typo too.
        assert_eq!(kinds(&[1, 2, 2, 4]), [(2, "typo")]);
        // A repeat that is not.
        assert_eq!(kinds(&[1, 2, 2, 3]), [(2, "repeat")]);
        // A swap and a moved task: one finding each.
        assert_eq!(kinds(&[1, 2, 4, 3, 5]).len(), 1);
        assert_eq!(kinds(&[1, 2, 5, 3, 4, 6]), [(2, "order")]);
        // Gaps.
        assert_eq!(kinds(&[1, 2, 5, 6]), [(2, "gap")]);
        assert_eq!(kinds(&[3, 4]), [(0, "gap")]);
        // The last task cannot be pinned.
        assert_eq!(kinds(&[1, 2, 9]), [(2, "gap")]);
        // Huge numbers cost nothing.
        assert_eq!(kinds(&[1, u32::MAX]), [(1, "gap")]);
        assert_eq!(kinds(&[u32::MAX, u32::MAX]).len(), 2);
    }

    /// The typos that get a fix, and what they become.
    fn fixes(numbers: &[u32]) -> Vec<(usize, u32)> {
        analyse(numbers)
            .into_iter()
            .filter_map(|f| match f.kind {
                Kind::Typo {
                    to, fixable: true, ..
                } => Some((f.at, to)),
                _ => None,
            })
            .collect()
    }

    /// Whether, with `fixed` applied to `numbers`, the findings at one of
    /// their places are not fewer than before (a place can hold two: a typo
    /// and the gap before it).
    fn found_again(numbers: &[u32], fixed: &[(usize, u32)]) -> bool {
        let mut after = numbers.to_vec();
        for &(i, to) in fixed {
            after[i] = to;
        }
        let (before, again) = (analyse(numbers), analyse(&after));
        let at = |found: &[Finding], i: usize| found.iter().filter(|f| f.at == i).count();
        fixed.iter().any(|&(i, _)| at(&again, i) >= at(&before, i))
    }

    #[test]
    fn a_fix_that_frees_a_number_another_task_wants_is_not_offered() {
        // From fuzzing: 57 sits between 50 and 52, but freeing 57 would pin
        // the first 58 (after 56, before 58) to it, and the sequence would
        // read differently: 51 out of order after all.
        let numbers = [
            1, 2, 28, 52, 53, 54, 55, 56, 58, 58, 46, 47, 48, 49, 50, 57, 52, 53, 54, 55, 56, 58,
            58, 59, 60, 61, 62, 63, 82, 42, 43, 44, 45, 46,
        ];
        let typo = analyse(&numbers)
            .into_iter()
            .find(|f| f.at == 15)
            .map(|f| f.kind);
        assert!(matches!(
            typo,
            Some(Kind::Typo {
                to: 51,
                fixable: false,
                ..
            })
        ));
        assert!(found_again(&numbers, &[(15, 51)]));
        assert_eq!(fixes(&[1, 2, 30, 4, 5, 5, 7]), [(2, 3), (5, 6)]);
    }

    #[test]
    fn every_offered_fix_removes_its_finding_alone_and_with_the_others() {
        // A small deterministic generator: short sequences of small numbers
        // hit every kind of finding and their interplay.
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |bound: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % bound
        };
        for _ in 0..20_000 {
            let len = 1 + next(12) as usize;
            let numbers: Vec<u32> = (0..len)
                .map(|k| {
                    if next(3) == 0 {
                        1 + next(14) as u32
                    } else {
                        k as u32 + 1
                    }
                })
                .collect();
            let offered = fixes(&numbers);
            assert!(!found_again(&numbers, &offered), "{numbers:?} {offered:?}");
            for &fix in &offered {
                assert!(!found_again(&numbers, &[fix]), "{numbers:?} {fix:?}");
            }
        }
    }

    #[test]
    fn two_typos_are_not_pinned_to_one_number() {
        // 5 and the second 1 both sit between 1 and 3, and 2 is unused: only
        // the first becomes 2, or fixing both would make two tasks 2.
        let found = analyse(&[1, 5, 3, 1, 1, 3]);
        let typos: Vec<(usize, u32)> = found
            .iter()
            .filter_map(|f| match f.kind {
                Kind::Typo { to, .. } => Some((f.at, to)),
                _ => None,
            })
            .collect();
        assert_eq!(typos, [(1, 2)]);
        let text = format!(
            "{HEAD}\t（一）类\n{}",
            rows(&[
                ("1", "甲", "区甲", "甲"),
                ("5", "乙", "区甲", "甲"),
                ("3", "丙", "区甲", "甲"),
                ("1", "丁", "区甲", "甲"),
                ("1", "戊", "区甲", "甲"),
                ("3", "己", "区甲", "甲"),
            ])
        );
        let fixed = apply(&text, &only(&text, Code::TaskNumberSequence));
        let doc = crate::parse(&fixed).unwrap();
        let numbers: Vec<u32> = doc.tasks().map(|t| t.number()).collect();
        assert_eq!(numbers, [1, 2, 3, 1, 1, 3]);
    }
}
