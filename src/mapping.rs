//! Which local units answer for which district units, inferred from the
//! whole document, and which tasks each unit is responsible for.
//!
//! A task names units at both levels; the document never says which local
//! unit answers for which district unit. [`Document::unit_map`] infers it:
//!
//! 1. a task with one unit on each side links them (`single-task`);
//! 2. a district name that is a local name with the district's prefix
//!    (`区人社局` and `人社局`) links them where both appear (`same-name`);
//! 3. in each task, units already linked are set aside; if one unit is left
//!    on each side, they are linked (`elimination`), repeated until nothing
//!    changes;
//! 4. a unit still unlinked is linked to the local unit that appears in every
//!    one of its tasks without answering for another district unit there, if
//!    exactly one does (`co-occurrence`); otherwise it stays unlinked, with
//!    the local units seen beside it listed as candidates, and is marked
//!    ambiguous (a unit such as a bank branch often has no local counterpart
//!    of its own).
//!
//! Every link keeps the numbers of the tasks that support it.
//!
//! ```
//! let text = std::fs::read_to_string("seeds/000_ecc403549f0e7389.txt").unwrap();
//! let doc = fengong::parse(&text).unwrap();
//! let map = doc.unit_map();
//! assert_eq!(map.link("区人社局").unwrap().local, ["人社局"]);
//! assert_eq!(map.link("区科技局").unwrap().local, ["新经济局"]);
//! assert_eq!(map.link("区发改委").unwrap().local, ["经改局"]);
//! assert_eq!(map.link("区工信局").unwrap().local, ["经改局"]);
//! assert_eq!(map.tasks_of_local("新经济局"), [24, 26]);
//! ```

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::model::Document;

/// Hash maps with foldhash: SipHash (the standard library's default) cost
/// most of the map's time on a large document.
type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// How a link was inferred.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Basis {
    /// A task with exactly one unit on each side.
    SingleTask,
    /// The district name is the local name with a prefix such as `区`.
    SameName,
    /// The only units left in a task once the linked ones are set aside.
    Elimination,
    /// The only local unit present in every task of the district unit.
    CoOccurrence,
}

/// What one district unit maps to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Link {
    /// The district unit, e.g. `区发改委`.
    pub district: String,
    /// The local units that answer for it (usually one), e.g. `经改局`.
    pub local: Vec<String>,
    /// How the link was inferred (the strongest basis found).
    pub basis: Option<Basis>,
    /// Task numbers that support the link, in increasing order.
    pub evidence: Vec<u32>,
    /// Whether the link is uncertain: no local unit, or several from
    /// conflicting evidence.
    pub ambiguous: bool,
    /// For an ambiguous unit: local units seen in its tasks.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<String>,
}

/// One unit and the tasks it is responsible for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Duties {
    /// The unit's name.
    pub unit: String,
    /// Its tasks, by number, in document order.
    pub tasks: Vec<u32>,
}

/// The document-wide correspondence between district and local units, and
/// each unit's tasks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitMap {
    /// The district level's name (`滨海新区`).
    pub district_name: String,
    /// The local level's name (`东疆`).
    pub local_name: String,
    /// One link per district unit, in order of first appearance.
    pub links: Vec<Link>,
    /// District units and their tasks, in order of first appearance.
    pub district: Vec<Duties>,
    /// Local units and their tasks, in order of first appearance.
    pub local: Vec<Duties>,
    /// Position of each district unit in `links` and `district` (both in
    /// the same order), so that look-ups are hashed, not searched.
    #[serde(skip)]
    district_index: HashMap<String, usize>,
    /// Position of each local unit in `local`.
    #[serde(skip)]
    local_index: HashMap<String, usize>,
}

impl UnitMap {
    /// The link of a district unit.
    pub fn link(&self, district: &str) -> Option<&Link> {
        self.links.get(*self.district_index.get(district)?)
    }

    /// The link of a district unit and its tasks, in one look-up.
    pub(crate) fn district_entry(&self, district: &str) -> Option<(&Link, &[u32])> {
        let &at = self.district_index.get(district)?;
        Some((self.links.get(at)?, self.district.get(at)?.tasks.as_slice()))
    }

    /// The tasks of a district unit (empty for an unknown unit).
    pub fn tasks_of_district(&self, unit: &str) -> &[u32] {
        tasks_at(&self.district, self.district_index.get(unit))
    }

    /// The tasks of a local unit (empty for an unknown unit).
    pub fn tasks_of_local(&self, unit: &str) -> &[u32] {
        tasks_at(&self.local, self.local_index.get(unit))
    }

    /// The local units the links of `district_units` expect in a task
    /// (from unambiguous links only).
    pub fn expected_locals<'m>(&'m self, district_units: &[&str]) -> BTreeSet<&'m str> {
        district_units
            .iter()
            .filter_map(|d| self.link(d))
            .filter(|l| !l.ambiguous)
            .flat_map(|l| l.local.iter().map(String::as_str))
            .collect()
    }
}

fn tasks_at<'m>(duties: &'m [Duties], at: Option<&usize>) -> &'m [u32] {
    at.and_then(|&i| duties.get(i))
        .map_or(&[], |d| d.tasks.as_slice())
}

fn index_of(duties: &[Duties]) -> HashMap<String, usize> {
    duties
        .iter()
        .enumerate()
        .map(|(i, d)| (d.unit.clone(), i))
        .collect()
}

/// Prefixes that district-level names put before a local name.
const DISTRICT_PREFIXES: [&str; 3] = ["区", "新区", "市"];

/// Pairs per task beyond which co-occurrence is not counted (a task naming
/// hundreds of units says nothing about which answers for which).
const MAX_PAIRS_PER_TASK: usize = 1024;

/// Interns names to small ids in order of first appearance.
#[derive(Default)]
struct Names<'d> {
    ids: HashMap<&'d str, usize>,
    names: Vec<&'d str>,
    tasks: Vec<Vec<u32>>,
}

impl<'d> Names<'d> {
    fn id(&mut self, name: &'d str, task: u32) -> usize {
        let id = *self.ids.entry(name).or_insert_with(|| {
            self.names.push(name);
            self.tasks.push(Vec::new());
            self.names.len() - 1
        });
        if self.tasks[id].last() != Some(&task) {
            self.tasks[id].push(task);
        }
        id
    }

    fn duties(&self) -> Vec<Duties> {
        self.names
            .iter()
            .zip(&self.tasks)
            .map(|(n, t)| Duties {
                unit: n.to_string(),
                tasks: t.clone(),
            })
            .collect()
    }
}

#[derive(Default, Clone)]
struct State {
    local: BTreeSet<u32>,
    basis: Option<Basis>,
    /// The tasks that support the link, in the order found, repeats
    /// included until [`State::settle`] (read only once the map is built:
    /// a push each, not a tree insertion).
    evidence: Vec<u32>,
}

impl State {
    fn add(&mut self, local: u32, basis: Basis, task: u32) {
        self.local.insert(local);
        self.basis = Some(self.basis.map_or(basis, |b| b.min(basis)));
        self.support(task);
    }

    /// Records `task` as evidence.
    fn support(&mut self, task: u32) {
        if self.evidence.last() != Some(&task) {
            self.evidence.push(task);
        }
    }

    /// Sorts the evidence and drops its repeats. Where the task numbers
    /// run in order, the evidence is two sorted runs, that of the rounds
    /// before and that of this one: the stable sort finds the runs and
    /// merges them, where an unstable one sorted anew every round.
    fn settle(&mut self) {
        self.evidence.sort();
        self.evidence.dedup();
    }
}

/// The tasks as rows: each task's number and the ids of its district and
/// local units (sorted, each once: the order of a row's units does not
/// matter), all in one vector of ids.
///
/// Ids and places are `u32` (4 bytes each, not 8: on a document of many
/// small tasks these vectors are a large part of the lint pass's peak
/// memory). A document has fewer than 2³² unit names per level: each takes
/// more than a byte of text and of memory.
#[derive(Default)]
struct Rows {
    ids: Vec<u32>,
    /// Each task's number, where its local ids start and where its ids
    /// end in `ids` (its district ids start where the last task's end).
    rows: Vec<(u32, u32, u32)>,
}

impl Rows {
    /// Each task's number, district ids and local ids.
    fn iter(&self) -> impl Iterator<Item = (u32, &[u32], &[u32])> + '_ {
        let mut start = 0;
        self.rows.iter().map(move |&(n, local, end)| {
            let (local, end) = (local as usize, end as usize);
            // (`get`: places past `u32::MAX`, which no document that fits
            // in memory reaches, read as empty rather than panic.)
            let ids = |range: std::ops::Range<usize>| self.ids.get(range).unwrap_or_default();
            let row = (n, ids(start..local), ids(local..end));
            start = end;
            row
        })
    }
}

/// A unit's id as stored in [`Rows`].
#[inline]
fn id32(id: usize) -> u32 {
    u32::try_from(id).unwrap_or(u32::MAX)
}

impl Document<'_> {
    /// Infers the correspondence between district and local units from the
    /// whole document; see [`crate::mapping`]. Linear in the number of
    /// (task, unit) pairs, apart from elimination rounds (at most eight).
    pub fn unit_map(&self) -> UnitMap {
        let (district, local, rows) = rows(self);
        let mut states = vec![State::default(); district.names.len()];
        // 1 and 2: single-unit tasks and names.
        single_tasks_and_same_names(&rows, &district, &local, &mut states);
        // 3: elimination, until nothing changes.
        eliminate(&rows, &mut states);
        // 4: co-occurrence for what is left.
        let candidates = co_occurrence(&rows, &district, &mut states);
        states.iter_mut().for_each(State::settle);
        let links = links(&states, &candidates, &district, &local);
        let district = district.duties();
        let local = local.duties();
        UnitMap {
            district_name: self.district_name().to_string(),
            local_name: self.local_name().to_string(),
            links,
            district_index: index_of(&district),
            local_index: index_of(&local),
            district,
            local,
        }
    }
}

/// The document's units, interned per level, and its tasks as rows of ids.
fn rows<'d>(doc: &'d Document<'_>) -> (Names<'d>, Names<'d>, Rows) {
    let mut district = Names::default();
    let mut local = Names::default();
    // Exact sizes: one allocation each, with no room to spare.
    let (tasks, units) = doc
        .tasks()
        .fold((0, 0), |(t, u), task| (t + 1, u + task.units().units.len()));
    let mut rows = Rows {
        ids: Vec::with_capacity(units),
        rows: Vec::with_capacity(tasks),
    };
    // A unit named twice in a cell counts once (the order of a row's units
    // does not matter below).
    fn sorted_once(ids: &mut Vec<u32>, from: usize) {
        ids[from..].sort_unstable();
        let mut kept = from;
        for i in from..ids.len() {
            if kept == from || ids[kept - 1] != ids[i] {
                ids[kept] = ids[i];
                kept += 1;
            }
        }
        ids.truncate(kept);
    }
    for task in doc.tasks() {
        let n = task.number();
        let start = rows.ids.len();
        let units = task.units();
        rows.ids
            .extend(units.district_names().map(|u| id32(district.id(u, n))));
        sorted_once(&mut rows.ids, start);
        let local_start = rows.ids.len();
        rows.ids
            .extend(units.local_names().map(|u| id32(local.id(u, n))));
        sorted_once(&mut rows.ids, local_start);
        rows.rows.push((n, id32(local_start), id32(rows.ids.len())));
    }
    (district, local, rows)
}

/// Steps 1 and 2: a task with one unit on each side links them; a district
/// name that is a local name with a prefix links them where both appear.
fn single_tasks_and_same_names(
    rows: &Rows,
    district: &Names<'_>,
    local: &Names<'_>,
    states: &mut [State],
) {
    // The local names each district name can be (it without a prefix),
    // looked up once for each name rather than in every task that names it
    // (and never compared with every local unit of a task: a task may name
    // thousands).
    let same_names: Vec<Vec<u32>> = district
        .names
        .iter()
        .map(|name| {
            DISTRICT_PREFIXES
                .iter()
                .filter_map(|p| local.ids.get(name.strip_prefix(p)?).map(|&l| id32(l)))
                .collect()
        })
        .collect();
    for (n, ds, ls) in rows.iter() {
        if let ([d], [l]) = (ds, ls) {
            states[*d as usize].add(*l, Basis::SingleTask, n);
        }
        for &d in ds {
            for &l in &same_names[d as usize] {
                if ls.binary_search(&l).is_ok() {
                    states[d as usize].add(l, Basis::SameName, n);
                }
            }
        }
    }
}

/// Step 3: in each task, the units already linked are set aside; one unit
/// left on each side links them. Repeated until nothing changes (at most
/// eight rounds).
fn eliminate(rows: &Rows, states: &mut [State]) {
    // One buffer each for every row: the local units linked to the row's
    // district units (sorted), the district units still free, and the
    // local units left once the linked ones are set aside.
    let mut linked: Vec<u32> = Vec::new();
    let mut free_d: Vec<u32> = Vec::new();
    let mut free_l: Vec<u32> = Vec::new();
    for _ in 0..8 {
        let mut changed = false;
        for (n, ds, ls) in rows.iter() {
            free_d.clear();
            free_d.extend(
                ds.iter()
                    .copied()
                    .filter(|&d| states[d as usize].local.is_empty()),
            );
            linked.clear();
            linked.extend(
                ds.iter()
                    .flat_map(|&d| states[d as usize].local.iter().copied()),
            );
            linked.sort_unstable();
            free_l.clear();
            free_l.extend(
                ls.iter()
                    .copied()
                    .filter(|l| linked.binary_search(l).is_err()),
            );
            if let ([d], [l]) = (free_d.as_slice(), free_l.as_slice()) {
                states[*d as usize].add(*l, Basis::Elimination, n);
                changed = true;
            } else {
                // Linked units seen again with their locals: more evidence.
                for &d in ds {
                    let state = &mut states[d as usize];
                    if state.local.iter().all(|l| ls.binary_search(l).is_ok())
                        && !state.local.is_empty()
                    {
                        state.support(n);
                    }
                }
            }
        }
        // A row that adds no link adds its evidence again in the next
        // round: the repeats go at the end of each.
        states.iter_mut().for_each(State::settle);
        if !changed {
            break;
        }
    }
}

/// Step 4: a district unit still unlinked is linked to the one local unit
/// present in every one of its tasks (if exactly one is). In each task, a
/// local unit that answers for another (linked) district unit of the task
/// is set aside: it is not evidence for this one. Returns, for each
/// district unit left unlinked before this step, the local units seen
/// beside it and in how many of its tasks.
fn co_occurrence(
    rows: &Rows,
    district: &Names<'_>,
    states: &mut [State],
) -> Vec<BTreeMap<u32, u32>> {
    let mut together: HashMap<(u32, u32), u32> = HashMap::default();
    let mut seen_with: HashMap<(u32, u32), u32> = HashMap::default();
    for (_, ds, ls) in rows.iter() {
        if ds.len() * ls.len() > MAX_PAIRS_PER_TASK {
            continue;
        }
        for &d in ds {
            if !states[d as usize].local.is_empty() {
                continue;
            }
            for &l in ls {
                *seen_with.entry((d, l)).or_default() += 1;
                let explained = ds
                    .iter()
                    .any(|&o| o != d && states[o as usize].local.contains(&l));
                if !explained {
                    *together.entry((d, l)).or_default() += 1;
                }
            }
        }
    }
    let mut candidates: Vec<BTreeMap<u32, u32>> = vec![BTreeMap::new(); states.len()];
    for (&(d, l), &count) in &seen_with {
        candidates[d as usize].insert(l, count);
    }
    for (d, state) in states.iter_mut().enumerate() {
        if !state.local.is_empty() {
            continue;
        }
        let seen = u32::try_from(district.tasks[d].len()).unwrap_or(u32::MAX);
        let everywhere: Vec<u32> = candidates[d]
            .keys()
            .copied()
            .filter(|&l| together.get(&(id32(d), l)) == Some(&seen))
            .collect();
        if let [l] = everywhere.as_slice() {
            for &n in &district.tasks[d] {
                state.add(*l, Basis::CoOccurrence, n);
            }
        }
    }
    candidates
}

/// One link per district unit, from its state; an ambiguous one lists its
/// candidates, most often seen first.
fn links(
    states: &[State],
    candidates: &[BTreeMap<u32, u32>],
    district: &Names<'_>,
    local: &Names<'_>,
) -> Vec<Link> {
    let mut links = Vec::with_capacity(states.len());
    for (d, state) in states.iter().enumerate() {
        let ambiguous = state.local.len() != 1;
        let mut cands: Vec<(u32, u32)> = if ambiguous {
            candidates[d].iter().map(|(&l, &c)| (l, c)).collect()
        } else {
            Vec::new()
        };
        cands.sort_by_key(|&(l, c)| (std::cmp::Reverse(c), l));
        links.push(Link {
            district: district.names[d].to_string(),
            local: state
                .local
                .iter()
                .map(|&l| local.names[l as usize].to_string())
                .collect(),
            basis: state.basis,
            evidence: state.evidence.clone(),
            ambiguous,
            candidates: cands
                .into_iter()
                .map(|(l, _)| local.names[l as usize].to_string())
                .collect(),
        });
    }
    links
}

#[cfg(test)]
mod tests {
    use crate::{Category, Document, Task, UnitMapping};

    fn seed_map() -> super::UnitMap {
        let text = std::fs::read_to_string("seeds/000_ecc403549f0e7389.txt").unwrap();
        crate::parse(&text).unwrap().unit_map()
    }

    #[test]
    fn seed_links_a_person_would_agree_with() {
        let map = seed_map();
        let expect = [
            ("区人社局", "人社局"),
            ("区财政局", "财政局"),
            ("区金融局", "金融局"),
            ("区发改委", "经改局"),
            ("区工信局", "经改局"),
            ("区商促局", "商促局"),
            ("区科技局", "新经济局"),
            ("区总工会", "党群工作部"),
            ("区教体局", "社发局"),
            ("区民政局", "社发局"),
            ("区交运局", "环城局"),
            ("区国资委", "财政局"),
        ];
        for (d, l) in expect {
            let link = map.link(d).unwrap_or_else(|| panic!("{d} has no link"));
            assert_eq!(link.local, [l], "{d}: {link:?}");
            assert!(!link.ambiguous, "{d}");
            assert!(!link.evidence.is_empty(), "{d}");
        }
        assert_eq!(
            map.link("区人社局").unwrap().basis,
            Some(super::Basis::SingleTask)
        );
        assert_eq!(
            map.link("区科技局").unwrap().basis,
            Some(super::Basis::Elimination)
        );
        assert_eq!(map.tasks_of_district("区工业信局"), [9]);
        // Task 17 alone names 区卫健委, beside units that answer for both of
        // its local units: nothing in the document says which is its own.
        let health = map.link("区卫健委").unwrap();
        assert!(health.ambiguous && health.local.is_empty());
        assert_eq!(health.candidates, ["经改局", "社发局"]);
        // 保税区 shares task 58 with 区人社局, whose 人社局 is the only local
        // unit there: no counterpart of its own.
        let zone = map.link("保税区").unwrap();
        assert!(zone.ambiguous && zone.local.is_empty());
        assert_eq!(map.link("人民银行滨海支行").unwrap().local, ["金融局"]);
    }

    #[test]
    fn a_unit_named_twice_in_a_cell_counts_once() {
        let map = |first: &[&'static str], first_local: &[&'static str]| {
            let mut doc = Document::new("标题", "甲", "乙");
            let mut category = Category::new(1, "类别");
            category.push_task(Task::new(
                1,
                "一",
                UnitMapping::new(first.iter().copied(), first_local.iter().copied()),
            ));
            category.push_task(Task::new(
                2,
                "二",
                UnitMapping::new(["区甲"], ["丙处", "戊处"]),
            ));
            doc.push_category(category);
            doc.unit_map()
        };
        let once = map(&["区甲", "区乙"], &["丙处", "丁处"]);
        assert_eq!(once.link("区甲").unwrap().local, ["丙处"]);
        assert_eq!(once.link("区甲").unwrap().evidence, [1, 2]);
        let twice = map(&["区甲", "区乙", "区甲"], &["丙处", "丁处", "丙处"]);
        assert_eq!(twice, once);
    }
}
