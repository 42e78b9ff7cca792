//! The typed document: [`Document`], [`Category`], [`Task`], [`UnitMapping`]
//! and [`Unit`].
//!
//! A document of the family is a title, then numbered tasks under numbered
//! headings at up to two levels (`一、` above `（一）`), each task with its
//! text and the units that lead it, support it or answer for it
//! ([`UnitRole`](crate::UnitRole)), sometimes the leaders in charge and a
//! deadline. It is laid out as a table ([`Layout::Table`], with columns
//! read from its header: [`Columns`](crate::Columns)) or as a list of
//! numbered paragraphs ([`Layout::List`]); both read into the same values.
//!
//! Every value borrows from the parsed text where it can (`Cow<'a, str>`),
//! and every parsed node keeps the exact text it came from, so that
//! [`Document`]'s `Display` writes the input back byte for byte. A node built
//! in code, or changed through a setter, has no source text for its changed
//! part and is written in the canonical layout instead.
//!
//! Equality (`==`) compares meaning only: titles, labels, columns, numbers,
//! texts, units, leaders, deadlines and remarks. Spans, trivia and layout are
//! ignored, so a document equals its canonical rewrite.

use std::borrow::Cow;

mod category;
mod document;
mod task;
mod units;

pub use category::{Category, HeadingStyle};
pub use document::{Document, Layout};
pub(crate) use document::{Header, Preamble};
pub use task::Task;
pub(crate) use task::{Extras, Field, Shape, ShapeKind};
pub use units::{Unit, UnitMapping};

/// The label of the number column in every table of the family.
pub const NUMBER_LABEL: &str = "序号";
/// The usual label of the task column.
pub const TASK_LABEL: &str = "工作任务";
/// What the responsibility column labels end with.
pub const UNITS_SUFFIX: &str = "责任单位";

/// The line ending a document uses (the first one found in its text).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum LineEnding {
    /// `\n`
    #[default]
    Lf,
    /// `\r\n`, as written by Windows tools.
    CrLf,
    /// A lone `\r`, as written by classic Mac tools.
    Cr,
}

impl LineEnding {
    /// The line ending's characters.
    pub const fn as_str(self) -> &'static str {
        match self {
            LineEnding::Lf => "\n",
            LineEnding::CrLf => "\r\n",
            LineEnding::Cr => "\r",
        }
    }

    /// The first line ending in `text`, or `Lf` if it has none.
    ///
    /// ```
    /// use fengong::LineEnding;
    /// assert_eq!(LineEnding::detect("甲\r\n乙\n"), LineEnding::CrLf);
    /// assert_eq!(LineEnding::detect("甲"), LineEnding::Lf);
    /// ```
    pub fn detect(text: &str) -> LineEnding {
        let bytes = text.as_bytes();
        match memchr::memchr2(b'\n', b'\r', bytes) {
            Some(i) if bytes[i] == b'\r' => {
                if bytes.get(i + 1) == Some(&b'\n') {
                    LineEnding::CrLf
                } else {
                    LineEnding::Cr
                }
            }
            _ => LineEnding::Lf,
        }
    }
}

/// The text a parsed node was read from: the trivia before it (blank lines,
/// filler cells, anything skipped in a broken document), its *lead*, and its
/// own text, its *body*. A missing part is written in the canonical layout.
///
/// A parsed node's lead and body lie side by side in the source, so they are
/// kept as one borrowed slice and the offset between them (24 bytes); only a
/// node whose text was edited keeps its two parts separately, boxed.
#[derive(Debug, Clone, Default)]
pub(crate) enum Repr<'a> {
    /// No text of its own: written canonically from the node's values.
    #[default]
    Canonical,
    /// Lead `raw[..split]` and body `raw[split..]`, as parsed.
    Parsed { raw: &'a str, split: u32 },
    /// Either part replaced (or dropped) by an edit.
    Edited(Box<Parts<'a>>),
}

/// A [`Repr`]'s two parts, once edited.
#[derive(Debug, Clone, Default)]
pub(crate) struct Parts<'a> {
    lead: Option<Cow<'a, str>>,
    body: Option<Cow<'a, str>>,
}

impl<'a> Repr<'a> {
    /// The text of a parsed node: lead `text[lead..body]`, body
    /// `text[body..end]` (offsets in order, on character boundaries).
    pub(crate) fn parsed(text: &'a str, lead: usize, body: usize, end: usize) -> Repr<'a> {
        let raw = text.get(lead..end).unwrap_or("");
        match body.checked_sub(lead).map(u32::try_from) {
            Some(Ok(split)) if raw.is_char_boundary(split as usize) => Repr::Parsed { raw, split },
            _ => Repr::separate(
                text.get(lead..body).unwrap_or(""),
                text.get(body..end).unwrap_or(""),
            ),
        }
    }

    fn separate(lead: &'a str, body: &'a str) -> Repr<'a> {
        Repr::Edited(Box::new(Parts {
            lead: Some(Cow::Borrowed(lead)),
            body: Some(Cow::Borrowed(body)),
        }))
    }

    /// The trivia before the node, if it has its own.
    pub(crate) fn lead(&self) -> Option<&str> {
        match self {
            Repr::Canonical => None,
            Repr::Parsed { raw, split } => raw.get(..*split as usize),
            Repr::Edited(parts) => parts.lead.as_deref(),
        }
    }

    /// The node's own text, if it has its own.
    pub(crate) fn body(&self) -> Option<&str> {
        match self {
            Repr::Canonical => None,
            Repr::Parsed { raw, split } => raw.get(*split as usize..),
            Repr::Edited(parts) => parts.body.as_deref(),
        }
    }

    /// Changes the parts with `edit`, splitting a parsed text in two first.
    fn edit(&mut self, edit: impl FnOnce(&mut Parts<'a>)) {
        let mut parts = match std::mem::take(self) {
            Repr::Edited(parts) => parts,
            Repr::Parsed { raw, split } => {
                let (lead, body) = raw.split_at_checked(split as usize).unwrap_or((raw, ""));
                Box::new(Parts {
                    lead: Some(Cow::Borrowed(lead)),
                    body: Some(Cow::Borrowed(body)),
                })
            }
            Repr::Canonical => Box::default(),
        };
        edit(&mut parts);
        *self = Repr::Edited(parts);
    }

    /// Replaces the lead (`None`: the canonical separator).
    pub(crate) fn set_lead(&mut self, lead: Option<Cow<'a, str>>) {
        self.edit(|parts| parts.lead = lead);
    }

    /// Replaces the body (`None`: written canonically).
    pub(crate) fn set_body(&mut self, body: Option<Cow<'a, str>>) {
        self.edit(|parts| parts.body = body);
    }

    pub(crate) fn into_owned(self) -> Repr<'static> {
        match self {
            Repr::Canonical => Repr::Canonical,
            repr => Repr::Edited(Box::new(Parts {
                lead: repr.lead().map(|l| Cow::Owned(l.to_string())),
                body: repr.body().map(|b| Cow::Owned(b.to_string())),
            })),
        }
    }
}

pub(crate) fn owned(text: Cow<'_, str>) -> Cow<'static, str> {
    Cow::Owned(text.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::UnitRole;

    #[test]
    fn a_parsed_repr_keeps_its_parts_through_edits() {
        let text = "\n\n\t1\n\t任务\n";
        let mut repr = Repr::parsed(text, 0, 2, text.len());
        assert!(matches!(repr, Repr::Parsed { .. }));
        assert_eq!(repr.lead(), Some("\n\n"));
        assert_eq!(repr.body(), Some("\t1\n\t任务\n"));
        repr.set_body(Some(Cow::Borrowed("\t2\n")));
        assert_eq!(repr.lead(), Some("\n\n"));
        assert_eq!(repr.body(), Some("\t2\n"));
        let mut other = Repr::parsed(text, 0, 2, text.len());
        other.set_lead(None);
        assert_eq!((other.lead(), other.body()), (None, Some("\t1\n\t任务\n")));
        let owned = Repr::parsed(text, 1, 2, text.len()).into_owned();
        assert_eq!(
            (owned.lead(), owned.body()),
            (Some("\n"), Some("\t1\n\t任务\n"))
        );
        // Offsets out of order (never from the parser) keep the body whole.
        let odd = Repr::parsed(text, 3, 2, text.len());
        assert_eq!((odd.lead(), odd.body()), (Some(""), Some("\t1\n\t任务\n")));
        let mut canonical = Repr::Canonical;
        canonical.set_lead(Some(Cow::Borrowed("\n")));
        assert_eq!((canonical.lead(), canonical.body()), (Some("\n"), None));
    }

    #[test]
    fn unit_roles_share_one_list() {
        let mut units = UnitMapping::new(["区人社局", "区财政局"], ["人社局"]);
        units.set(UnitRole::District, vec![Unit::new("区发改委")]);
        assert_eq!(units, UnitMapping::new(["区发改委"], ["人社局"]));
        units.set(
            UnitRole::Local,
            vec![Unit::new("经改局"), Unit::new("财政局")],
        );
        assert_eq!(units.district(), ["区发改委"]);
        assert_eq!(units.local(), ["经改局", "财政局"]);
        units.set(UnitRole::Lead, vec![Unit::new("甲")]);
        assert_eq!(units.get(UnitRole::Lead), ["甲"]);
        assert_eq!(units.local(), ["经改局", "财政局"]);
        // Equal lists in each role, not just the same names in a row.
        assert_ne!(
            UnitMapping::new(["a", "b"], ["c"]),
            UnitMapping::new(["a"], ["b", "c"])
        );
        assert_eq!(
            format!("{:?}", UnitMapping::new(["a"], ["b"])),
            r#"UnitMapping { district: [Unit { name: "a", span: None }], local: [Unit { name: "b", span: None }] }"#
        );
    }

    /// The model's size decides the memory a large document takes (a
    /// 100 MB document has about 320,000 tasks and 1.1 million units).
    #[test]
    #[cfg(target_pointer_width = "64")]
    fn nodes_stay_small() {
        assert_eq!(std::mem::size_of::<Repr<'_>>(), 24);
        assert_eq!(std::mem::size_of::<Unit<'_>>(), 32);
        assert!(std::mem::size_of::<UnitMapping<'_>>() <= 48);
        assert!(std::mem::size_of::<Task<'_>>() <= 144);
        assert!(std::mem::size_of::<Category<'_>>() <= 160);
    }
}
