//! Each unit's tasks, by role: which tasks a unit leads, supports or
//! answers for (or, in a two-level table, which it names at each level).
//!
//! ```
//! let text = std::fs::read_to_string("fixtures/family/table_lead_support.txt")?;
//! let doc = fengong::parse(&text)?;
//! let duties = doc.duties();
//! let commerce = duties.iter().find(|d| d.unit == "市商务局").unwrap();
//! assert_eq!(commerce.tasks(fengong::UnitRole::Lead), [3, 4]);
//! let finance = duties.iter().find(|d| d.unit == "市财政局").unwrap();
//! assert_eq!(finance.tasks(fengong::UnitRole::Support), [1]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::HashMap;

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

use crate::column::UnitRole;
use crate::model::Document;

/// One unit and the tasks it has in each role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitDuties {
    /// The unit's name.
    pub unit: String,
    /// Task numbers by role (in [`UnitRole::ALL`]'s order), each in
    /// document order.
    roles: [Vec<u32>; 5],
}

impl UnitDuties {
    /// The numbers of the tasks the unit has in `role`, in document order.
    pub fn tasks(&self, role: UnitRole) -> &[u32] {
        &self.roles[role.index()]
    }

    /// The roles the unit has tasks in, with the tasks.
    pub fn roles(&self) -> impl Iterator<Item = (UnitRole, &[u32])> + '_ {
        UnitRole::ALL
            .into_iter()
            .map(|r| (r, self.tasks(r)))
            .filter(|(_, t)| !t.is_empty())
    }

    /// How many tasks the unit has, in every role.
    pub fn total(&self) -> usize {
        self.roles.iter().map(Vec::len).sum()
    }
}

impl Serialize for UnitDuties {
    /// `{"unit": "市商务局", "lead": [3, 4], "support": [7]}`: the roles the
    /// unit has tasks in.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        map.serialize_entry("unit", &self.unit)?;
        for (role, tasks) in self.roles() {
            map.serialize_entry(role.key(), tasks)?;
        }
        map.end()
    }
}

impl Document<'_> {
    /// Every unit named by the document's tasks, in order of first
    /// appearance, with the tasks it has in each role. A unit named twice
    /// in one task's role counts once there.
    pub fn duties(&self) -> Vec<UnitDuties> {
        let mut index: HashMap<&str, usize> = HashMap::new();
        let mut out: Vec<UnitDuties> = Vec::new();
        for task in self.tasks() {
            for (role, units) in task.units().roles() {
                for unit in units {
                    let k = *index.entry(unit.name()).or_insert_with(|| {
                        out.push(UnitDuties {
                            unit: unit.name().to_string(),
                            roles: Default::default(),
                        });
                        out.len() - 1
                    });
                    let tasks = &mut out[k].roles[role.index()];
                    if tasks.last() != Some(&task.number()) {
                        tasks.push(task.number());
                    }
                }
            }
        }
        out
    }
}
