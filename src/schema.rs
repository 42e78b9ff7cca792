//! The serde shape of documents (the JSON that `fengong parse` prints):
//!
//! ```json
//! {"title": "…", "label": "附件：",
//!  "columns": ["序号", "工作任务", "滨海新区责任单位", "东疆责任单位"],
//!  "categories": [{"number": 1, "numeral": "一", "title": "…",
//!    "tasks": [{"number": 1, "text": "…",
//!               "units": {"district": ["区人社局"], "local": ["人社局"]}}]}]}
//! ```
//!
//! Deserializing gives an owned `Document<'static>` with no source text; it
//! is written in the canonical layout. A category's `numeral` may be left
//! out (the standard one is used); if present it must be the numeral of
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

use serde::de::Error as _;
use serde::ser::{SerializeMap, SerializeSeq, SerializeStruct};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::model::{Category, Document, Task, Unit, UnitMapping};
use crate::numeral;

impl Serialize for Document<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_struct("Document", 4)?;
        map.serialize_field("title", self.title())?;
        map.serialize_field("label", &self.label())?;
        map.serialize_field("columns", &self.columns())?;
        map.serialize_field("categories", &self.categories)?;
        map.end()
    }
}

impl Serialize for Category<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_struct("Category", 4)?;
        map.serialize_field("number", &self.number)?;
        map.serialize_field("numeral", self.numeral())?;
        map.serialize_field("title", self.title())?;
        map.serialize_field("tasks", &self.tasks)?;
        map.end()
    }
}

impl Serialize for Task<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_struct("Task", 3)?;
        map.serialize_field("number", &self.number)?;
        map.serialize_field("text", self.text())?;
        map.serialize_field("units", &self.units)?;
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
        let mut map = s.serialize_map(Some(2))?;
        map.serialize_entry("district", &Names(self.district()))?;
        map.serialize_entry("local", &Names(self.local()))?;
        map.end()
    }
}

impl Serialize for Unit<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

#[derive(Deserialize)]
struct DocumentData {
    title: String,
    #[serde(default)]
    label: Option<String>,
    columns: [String; 4],
    #[serde(default)]
    categories: Vec<CategoryData>,
}

#[derive(Deserialize)]
struct CategoryData {
    number: u32,
    #[serde(default)]
    numeral: Option<String>,
    title: String,
    #[serde(default)]
    tasks: Vec<TaskData>,
}

#[derive(Deserialize)]
struct TaskData {
    number: u32,
    text: String,
    units: UnitsData,
}

#[derive(Deserialize)]
struct UnitsData {
    #[serde(default)]
    district: Vec<String>,
    #[serde(default)]
    local: Vec<String>,
}

impl From<UnitsData> for UnitMapping<'static> {
    fn from(data: UnitsData) -> Self {
        UnitMapping::new(data.district, data.local)
    }
}

impl From<TaskData> for Task<'static> {
    fn from(data: TaskData) -> Self {
        Task::new(data.number, data.text, data.units.into())
    }
}

impl TryFrom<CategoryData> for Category<'static> {
    type Error = String;

    fn try_from(data: CategoryData) -> Result<Self, String> {
        let mut category = Category::new(data.number, data.title);
        if let Some(written) = data.numeral {
            if numeral::parse(&written) != Some(data.number) {
                return Err(format!(
                    "category numeral `{written}` is not the numeral of its number {} ({})",
                    data.number,
                    numeral::to_chinese(data.number)
                ));
            }
            category.numeral = Cow::Owned(written);
        }
        category.tasks = data.tasks.into_iter().map(Task::from).collect();
        Ok(category)
    }
}

impl<'de> Deserialize<'de> for Document<'static> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let data = DocumentData::deserialize(d)?;
        let mut doc = Document::with_columns(data.title, data.columns.map(Cow::Owned));
        doc.preamble.label = data.label.map(Cow::Owned);
        for category in data.categories {
            doc.categories
                .push(Category::try_from(category).map_err(D::Error::custom)?);
        }
        Ok(doc)
    }
}

impl<'de> Deserialize<'de> for Category<'static> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Category::try_from(CategoryData::deserialize(d)?).map_err(D::Error::custom)
    }
}

impl<'de> Deserialize<'de> for Task<'static> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(TaskData::deserialize(d)?.into())
    }
}

impl<'de> Deserialize<'de> for UnitMapping<'static> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(UnitsData::deserialize(d)?.into())
    }
}
