//! The serde shape of documents (the JSON that `fengong parse` prints).
//!
//! ```json
//! {"title": "…", "label": "附件：",
//!  "columns": ["序号", "工作任务", "滨海新区责任单位", "东疆责任单位"],
//!  "categories": [{"number": 1, "numeral": "一", "title": "…",
//!    "tasks": [{"number": 1, "text": "…",
//!               "units": {"district": ["区人社局"], "local": ["人社局"]}}]}]}
//! ```
//!
//! - `categories` nest by heading level (`"categories"` inside a category);
//!   a task sits in the innermost heading above it; tasks before any
//!   heading are the document's own `"tasks"`.
//! - `units` maps a role (`lead`, `support`, `responsible`, or the two
//!   levels `district` and `local`) to its unit names. A two-level
//!   document names both levels for every task; other documents name the
//!   roles that have units.
//! - Keys with nothing to say (`tasks` of the document, `categories`,
//!   `leaders`, `deadline`, `remarks`, `extra`, and `number`/`numeral` of an
//!   unnumbered heading) are left out.
//! - A list document has no header: `columns` is empty.
//!
//! Deserializing gives an owned `Document<'static>` with no source text,
//! written in the canonical layout: a table if `columns` is not empty, else
//! a list. Unknown keys are refused. A category's `numeral` may be left out
//! (the standard one is used); if present it must be the numeral of
//! `number`. `label` may be `null` or absent.
//!
//! ```
//! let text = std::fs::read_to_string("seeds/000_ecc403549f0e7389.txt").unwrap();
//! let doc = fengong::parse(&text).unwrap();
//! let json = serde_json::to_string(&doc).unwrap();
//! let back: fengong::Document<'static> = serde_json::from_str(&json).unwrap();
//! assert_eq!(back, doc);
//! assert_eq!(serde_json::to_string(&back).unwrap(), json);
//! ```

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::de::Error as _;
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::column::{Columns, UnitRole};
use crate::model::{Category, Document, Field, HeadingStyle, Layout, Task, Unit, UnitMapping};
use crate::numeral;

impl Serialize for Document<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("title", self.title())?;
        map.serialize_entry("label", &self.label())?;
        map.serialize_entry("columns", &self.columns())?;
        if !self.tasks.is_empty() {
            map.serialize_entry("tasks", &self.tasks)?;
        }
        map.serialize_entry("categories", &self.categories)?;
        map.end()
    }
}

impl Serialize for Category<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        if self.is_numbered() {
            map.serialize_entry("number", &self.number)?;
            map.serialize_entry("numeral", self.numeral())?;
        }
        map.serialize_entry("title", self.title())?;
        map.serialize_entry("tasks", &self.tasks)?;
        if !self.categories.is_empty() {
            map.serialize_entry("categories", &self.categories)?;
        }
        map.end()
    }
}

impl Serialize for Task<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("number", &self.number)?;
        map.serialize_entry("text", self.text())?;
        map.serialize_entry("units", &self.units)?;
        if !self.leaders().is_empty() {
            map.serialize_entry("leaders", &Names(self.leaders()))?;
        }
        if let Some(deadline) = self.deadline() {
            map.serialize_entry("deadline", deadline)?;
        }
        if let Some(remarks) = self.remarks() {
            map.serialize_entry("remarks", remarks)?;
        }
        if self.other_columns().next().is_some() {
            map.serialize_entry("extra", &Extra(self))?;
        }
        map.end()
    }
}

struct Extra<'t, 'a>(&'t Task<'a>);

impl Serialize for Extra<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        for (_, label, value) in self.0.other_columns() {
            map.serialize_entry(label, value)?;
        }
        map.end()
    }
}

struct Names<'u, 'a>(&'u [Unit<'a>]);

impl Serialize for Names<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.len()))?;
        for unit in self.0 {
            seq.serialize_element(unit.name())?;
        }
        seq.end()
    }
}

impl Serialize for UnitMapping<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        for role in UnitRole::ALL {
            let units = self.get(role);
            let level = matches!(role, UnitRole::District | UnitRole::Local);
            if !units.is_empty() || (level && self.has_levels()) {
                map.serialize_entry(role.key(), &Names(units))?;
            }
        }
        map.end()
    }
}

impl Serialize for Unit<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentData {
    title: String,
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    columns: Vec<String>,
    #[serde(default)]
    tasks: Vec<TaskData>,
    #[serde(default)]
    categories: Vec<CategoryData>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CategoryData {
    #[serde(default)]
    number: Option<u32>,
    #[serde(default)]
    numeral: Option<String>,
    title: String,
    #[serde(default)]
    tasks: Vec<TaskData>,
    #[serde(default)]
    categories: Vec<CategoryData>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TaskData {
    number: u32,
    text: String,
    #[serde(default)]
    units: UnitsData,
    #[serde(default)]
    leaders: Vec<String>,
    #[serde(default)]
    deadline: Option<String>,
    #[serde(default)]
    remarks: Option<String>,
    #[serde(default)]
    extra: BTreeMap<String, String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct UnitsData {
    #[serde(default)]
    district: Option<Vec<String>>,
    #[serde(default)]
    local: Option<Vec<String>>,
    #[serde(default)]
    lead: Vec<String>,
    #[serde(default)]
    support: Vec<String>,
    #[serde(default)]
    responsible: Vec<String>,
}

impl From<UnitsData> for UnitMapping<'static> {
    fn from(data: UnitsData) -> Self {
        let levels = data.district.is_some() || data.local.is_some();
        let mut units = UnitMapping::default()
            .with(UnitRole::District, data.district.unwrap_or_default())
            .with(UnitRole::Local, data.local.unwrap_or_default())
            .with(UnitRole::Lead, data.lead)
            .with(UnitRole::Support, data.support)
            .with(UnitRole::Responsible, data.responsible);
        units.levels = levels;
        units
    }
}

/// Builds a task; `columns` gives the index of each `extra` label.
fn read_task(data: TaskData, columns: &Columns<'_>) -> Result<Task<'static>, String> {
    let mut task = Task::new(data.number, data.text, data.units.into());
    if !data.leaders.is_empty() {
        task = task.with_leaders(data.leaders);
    }
    if let Some(deadline) = data.deadline {
        task = task.with_deadline(deadline);
    }
    if let Some(remarks) = data.remarks {
        task = task.with_remarks(remarks);
    }
    for (label, value) in data.extra {
        let index = columns
            .iter()
            .position(|c| c.label() == label)
            .ok_or_else(|| {
                format!(
                    "task {}: `extra` names `{label}`, which is not a column",
                    data.number
                )
            })?;
        task.extras_mut()
            .other
            .push((index, Cow::Owned(label), Field::new(value)));
    }
    if let Some(extras) = &mut task.extras {
        extras.other.sort_by_key(|(i, _, _)| *i);
    }
    Ok(task)
}

fn read_category(
    data: CategoryData,
    style: HeadingStyle,
    columns: &Columns<'_>,
) -> Result<Category<'static>, String> {
    let mut category = match data.number {
        None => {
            if let Some(numeral) = &data.numeral {
                return Err(format!(
                    "category `{}` has the numeral `{numeral}` but no number",
                    data.title
                ));
            }
            Category::with_style(HeadingStyle::Unnumbered, 0, data.title)
        }
        Some(number) => {
            let mut category = Category::with_style(style, number, data.title);
            if let Some(written) = data.numeral {
                if numeral::parse(&written) != Some(number) {
                    return Err(format!(
                        "category numeral `{written}` is not the numeral of its number {number} ({})",
                        numeral::to_chinese(number)
                    ));
                }
                category.numeral = Cow::Owned(written);
            }
            category
        }
    };
    category.tasks = data
        .tasks
        .into_iter()
        .map(|t| read_task(t, columns))
        .collect::<Result<_, _>>()?;
    category.categories = data
        .categories
        .into_iter()
        .map(|c| read_category(c, HeadingStyle::Parenthesized, columns))
        .collect::<Result<_, _>>()?;
    Ok(category)
}

impl<'de> Deserialize<'de> for Document<'static> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let data = DocumentData::deserialize(d)?;
        let columns = Columns::from_labels(data.columns);
        let list = columns.is_empty();
        let mut doc = if list {
            Document::list(data.title)
        } else {
            Document::with_columns(data.title, columns)
        };
        doc.preamble.label = data.label.map(Cow::Owned);
        let nests = data.categories.iter().any(|c| !c.categories.is_empty());
        let top = if nests || list {
            HeadingStyle::Enumerated
        } else {
            HeadingStyle::Parenthesized
        };
        let columns = doc.header.columns.clone();
        doc.tasks = data
            .tasks
            .into_iter()
            .map(|t| read_task(t, &columns))
            .collect::<Result<_, _>>()
            .map_err(D::Error::custom)?;
        for c in data.categories {
            doc.categories
                .push(read_category(c, top, &columns).map_err(D::Error::custom)?);
        }
        if doc.layout == Layout::Table && doc.header.columns.has_levels() {
            // Every task of a two-level table names both levels.
            fn levels(categories: &mut [Category<'_>]) {
                for c in categories {
                    c.tasks.iter_mut().for_each(|t| t.units.levels = true);
                    levels(&mut c.categories);
                }
            }
            doc.tasks.iter_mut().for_each(|t| t.units.levels = true);
            levels(&mut doc.categories);
        }
        Ok(doc)
    }
}

impl<'de> Deserialize<'de> for Category<'static> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        read_category(
            CategoryData::deserialize(d)?,
            HeadingStyle::Parenthesized,
            &Columns::default(),
        )
        .map_err(D::Error::custom)
    }
}

impl<'de> Deserialize<'de> for Task<'static> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        read_task(TaskData::deserialize(d)?, &Columns::default()).map_err(D::Error::custom)
    }
}

impl<'de> Deserialize<'de> for UnitMapping<'static> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(UnitsData::deserialize(d)?.into())
    }
}
