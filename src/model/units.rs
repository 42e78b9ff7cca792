//! A task's units, by role.

use std::borrow::Cow;

use super::owned;
use crate::column::{Level, UnitRole};
use crate::span::{Span, SpanSlot};

/// The units of one task, by role: the units that lead it, support it or
/// answer for it, or (in the seed's two-level layout) the units at the
/// district level and at the local level.
///
/// ```
/// use fengong::{UnitMapping, UnitRole};
///
/// // The seed's layout: two levels.
/// let units = UnitMapping::new(["区人社局", "区财政局"], ["人社局"]);
/// assert_eq!(units.district_names().collect::<Vec<_>>(), ["区人社局", "区财政局"]);
/// assert_eq!(units.local()[0], "人社局");
///
/// // Lead and supporting units.
/// let units = UnitMapping::default()
///     .with(UnitRole::Lead, ["市发展改革委"])
///     .with(UnitRole::Support, ["市委组织部", "市财政局"]);
/// assert_eq!(units.names(UnitRole::Support).collect::<Vec<_>>(), ["市委组织部", "市财政局"]);
/// assert!(units.get(UnitRole::Responsible).is_empty());
/// ```
#[derive(Clone, Default)]
pub struct UnitMapping<'a> {
    /// The units of every role, in the order of [`UnitRole::ALL`]: one
    /// allocation per task.
    pub(crate) units: Vec<Unit<'a>>,
    /// Where each role's units end in `units`.
    ends: [u32; 5],
    /// Whether the task is in a two-level document, whose form always
    /// names both levels.
    pub(crate) levels: bool,
}

impl<'a> UnitMapping<'a> {
    /// The units of a two-level document, from two lists of names.
    pub fn new<D, L>(district: D, local: L) -> UnitMapping<'a>
    where
        D: IntoIterator,
        D::Item: Into<Cow<'a, str>>,
        L: IntoIterator,
        L::Item: Into<Cow<'a, str>>,
    {
        let mut units = UnitMapping {
            levels: true,
            ..UnitMapping::default()
        };
        units.set(
            UnitRole::District,
            district.into_iter().map(Unit::new).collect(),
        );
        units.set(UnitRole::Local, local.into_iter().map(Unit::new).collect());
        units
    }

    /// These units with the names of `role` replaced by `names`.
    pub fn with<I>(mut self, role: UnitRole, names: I) -> UnitMapping<'a>
    where
        I: IntoIterator,
        I::Item: Into<Cow<'a, str>>,
    {
        self.set(role, names.into_iter().map(Unit::new).collect());
        self
    }

    fn range(&self, role: UnitRole) -> std::ops::Range<usize> {
        let i = role.index();
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        let end = (self.ends[i] as usize).min(self.units.len());
        start.min(end)..end
    }

    /// The units of `role`, in the order written.
    pub fn get(&self, role: UnitRole) -> &[Unit<'a>] {
        self.units.get(self.range(role)).unwrap_or(&[])
    }

    /// The names of the units of `role`.
    pub fn names(&self, role: UnitRole) -> impl Iterator<Item = &str> + '_ {
        self.get(role).iter().map(Unit::name)
    }

    /// The roles that have units, with their units, in the order of
    /// [`UnitRole::ALL`].
    pub fn roles(&self) -> impl Iterator<Item = (UnitRole, &[Unit<'a>])> + '_ {
        UnitRole::ALL
            .into_iter()
            .map(|r| (r, self.get(r)))
            .filter(|(_, units)| !units.is_empty())
    }

    /// Every unit of every role.
    pub fn all(&self) -> &[Unit<'a>] {
        &self.units
    }

    /// Whether no role has a unit.
    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }

    /// Whether these units belong to a two-level document (the seed's
    /// layout), whose JSON form names both levels even when one is empty.
    pub fn has_levels(&self) -> bool {
        self.levels
    }

    /// The district-level units, in the order written.
    pub fn district(&self) -> &[Unit<'a>] {
        self.get(UnitRole::District)
    }

    /// The local-level units, in the order written.
    pub fn local(&self) -> &[Unit<'a>] {
        self.get(UnitRole::Local)
    }

    /// The district-level unit names.
    pub fn district_names(&self) -> impl Iterator<Item = &str> + '_ {
        self.names(UnitRole::District)
    }

    /// The local-level unit names.
    pub fn local_names(&self) -> impl Iterator<Item = &str> + '_ {
        self.names(UnitRole::Local)
    }

    /// The units of one level.
    pub fn level(&self, level: Level) -> &[Unit<'a>] {
        self.get(level.into())
    }

    /// The lead units.
    pub fn lead(&self) -> &[Unit<'a>] {
        self.get(UnitRole::Lead)
    }

    /// The supporting units.
    pub fn support(&self) -> &[Unit<'a>] {
        self.get(UnitRole::Support)
    }

    /// The responsible units (a plain list).
    pub fn responsible(&self) -> &[Unit<'a>] {
        self.get(UnitRole::Responsible)
    }

    /// Replaces the units of one role.
    pub(crate) fn set(&mut self, role: UnitRole, units: Vec<Unit<'a>>) {
        let range = self.range(role);
        let old = range.len();
        let new = units.len();
        self.units.splice(range, units);
        for end in &mut self.ends[role.index()..] {
            let moved = (*end as usize + new).saturating_sub(old);
            *end = u32::try_from(moved).unwrap_or(u32::MAX);
        }
    }

    /// Appends a unit to one role.
    pub(crate) fn push(&mut self, role: UnitRole, unit: Unit<'a>) {
        let at = self.range(role).end;
        self.units.insert(at, unit);
        for end in &mut self.ends[role.index()..] {
            *end = end.saturating_add(1);
        }
    }

    /// Units read by a parser, in text order with their roles (`read` is
    /// left empty, its capacity kept): one vector of exactly their number,
    /// by role.
    pub(crate) fn collect(read: &mut Vec<(UnitRole, Unit<'a>)>, levels: bool) -> Self {
        let mut counts = [0u32; 5];
        let mut sorted = true;
        let mut last = 0;
        for (role, _) in read.iter() {
            let i = role.index();
            counts[i] += 1;
            sorted &= i >= last;
            last = i;
        }
        let mut ends = [0u32; 5];
        let mut total = 0u32;
        for (end, count) in ends.iter_mut().zip(counts) {
            total = total.saturating_add(count);
            *end = total;
        }
        if !sorted {
            read.sort_by_key(|(role, _)| role.index());
        }
        let mut units = Vec::with_capacity(read.len());
        units.extend(read.drain(..).map(|(_, unit)| unit));
        UnitMapping {
            units,
            ends,
            levels,
        }
    }

    /// All units, every role.
    pub(crate) fn all_mut(&mut self) -> &mut [Unit<'a>] {
        &mut self.units
    }

    /// Copies every borrowed string.
    pub fn into_owned(self) -> UnitMapping<'static> {
        UnitMapping {
            units: self.units.into_iter().map(Unit::into_owned).collect(),
            ends: self.ends,
            levels: self.levels,
        }
    }
}

impl PartialEq for UnitMapping<'_> {
    fn eq(&self, other: &Self) -> bool {
        UnitRole::ALL
            .into_iter()
            .all(|r| self.get(r) == other.get(r))
    }
}

impl Eq for UnitMapping<'_> {}

impl std::fmt::Debug for UnitMapping<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut s = f.debug_struct("UnitMapping");
        for role in UnitRole::ALL {
            let units = self.get(role);
            let level = matches!(role, UnitRole::District | UnitRole::Local);
            if !units.is_empty() || (level && self.levels) {
                s.field(role.key(), &units);
            }
        }
        s.finish()
    }
}

/// One unit's name, e.g. `区人社局` or `各街镇（开发区、园区）`, and where it
/// was read from. Leaders in charge are names of the same kind.
///
/// Units compare equal by name; a `Unit` also compares with `str`.
#[derive(Clone)]
pub struct Unit<'a> {
    pub(crate) name: Cow<'a, str>,
    pub(crate) span: SpanSlot,
}

impl<'a> Unit<'a> {
    /// A unit with a name and no source position.
    pub fn new(name: impl Into<Cow<'a, str>>) -> Unit<'a> {
        Unit {
            name: name.into(),
            span: SpanSlot::NONE,
        }
    }

    /// A unit read from the text at `span`.
    pub(crate) fn at(name: Cow<'a, str>, span: Span) -> Unit<'a> {
        Unit {
            name,
            span: span.into(),
        }
    }

    /// The unit's name, without separators, role words or surrounding
    /// spaces.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Where the name was read from.
    pub fn span(&self) -> Option<Span> {
        self.span.get()
    }

    /// Copies the name if it is borrowed.
    pub fn into_owned(self) -> Unit<'static> {
        Unit {
            name: owned(self.name),
            span: self.span,
        }
    }
}

impl PartialEq for Unit<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Eq for Unit<'_> {}

impl PartialEq<str> for Unit<'_> {
    fn eq(&self, other: &str) -> bool {
        self.name == other
    }
}

impl PartialEq<&str> for Unit<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.name == *other
    }
}

impl std::fmt::Debug for Unit<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Unit")
            .field("name", &self.name)
            .field("span", &self.span())
            .finish()
    }
}

impl std::fmt::Display for Unit<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name)
    }
}

impl AsRef<str> for Unit<'_> {
    fn as_ref(&self) -> &str {
        &self.name
    }
}
