//! Wording shared by the rules' messages: white space described
//! (`2 full-width spaces`), and the names of zones and roles (`滨海新区`,
//! `lead`).

use crate::lex::is_space;

use super::context::Context;

impl Context<'_, '_> {
    /// How messages name the units of `role`: `district` and `local` by
    /// their places (`滨海新区`), the others by their role.
    pub(crate) fn role_name(&self, role: crate::UnitRole) -> &str {
        match role {
            crate::UnitRole::District => self.district(),
            crate::UnitRole::Local => self.local(),
            crate::UnitRole::Lead => "lead",
            crate::UnitRole::Support => "supporting",
            crate::UnitRole::Responsible => "responsible",
        }
    }

    /// The name of the district level (`滨海新区`), or a description.
    pub(crate) fn district(&self) -> &str {
        zone_or(self.doc.district_name(), "district")
    }

    /// The name of the local level (`东疆`), or a description.
    pub(crate) fn local(&self) -> &str {
        zone_or(self.doc.local_name(), "local")
    }
}

/// Longest zone name (in characters) that messages name; a longer one
/// (a column label gone wrong) is described instead.
const MAX_ZONE_CHARS: usize = 24;

/// `name` if it is fit for a message, else `description`.
fn zone_or<'s>(name: &'s str, description: &'s str) -> &'s str {
    if name.is_empty() || name.chars().nth(MAX_ZONE_CHARS).is_some() {
        description
    } else {
        name
    }
}

/// Describes a run of white space for a message: `a space`, `2 full-width
/// spaces`, `a tab`, `3 white-space characters`.
pub(crate) fn describe_space(text: &str) -> String {
    let n = text.chars().count();
    let kind = |c: char| match c {
        ' ' => Some(("space", "spaces")),
        '\u{3000}' => Some(("full-width space", "full-width spaces")),
        '\t' => Some(("tab", "tabs")),
        '\u{a0}' => Some(("no-break space", "no-break spaces")),
        _ => None,
    };
    let mut chars = text.chars();
    let first = chars.next().and_then(kind);
    let same = text.chars().all(|c| kind(c) == first);
    match (first, same) {
        (Some((one, _)), true) if n == 1 => format!("a {one}"),
        (Some((_, many)), true) => format!("{n} {many}"),
        _ if n == 1 => "a white-space character".to_string(),
        _ => format!("{n} white-space characters"),
    }
}

/// Whether the whole text is white space (and not empty).
pub(crate) fn all_space(text: &str) -> bool {
    !text.is_empty() && text.chars().all(is_space)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;
    use crate::diagnostic::Code;

    #[test]
    fn zone_names_in_messages_stay_short() {
        assert_eq!(zone_or("东疆", "local"), "东疆");
        assert_eq!(zone_or("", "local"), "local");
        assert_eq!(zone_or(&"甲".repeat(24), "local"), "甲".repeat(24));
        assert_eq!(zone_or(&"甲".repeat(25), "local"), "local");
        let zone = "甲".repeat(10_000);
        let text = format!(
            "附件：\n标题\n\t序号\n\t工作任务\n\t{zone}责任单位\n\t乙责任单位\n\n\t（一）类\n\t1\n\t文\n\t\n\t乙\n"
        );
        let found = only(&text, Code::EmptyUnitCell);
        assert_eq!(
            found[0].message(),
            "expected at least one district unit responsible for task 1, found an empty cell"
        );
    }

    #[test]
    fn describes_white_space() {
        assert_eq!(describe_space(" "), "a space");
        assert_eq!(describe_space("  "), "2 spaces");
        assert_eq!(describe_space("\u{3000}"), "a full-width space");
        assert_eq!(describe_space(" \u{3000}"), "2 white-space characters");
    }
}
