//! # fengong
//!
//! Parse, check and edit the task-breakdown documents of Chinese government
//! offices (**重点任务清单和责任分工表**, **任务分工方案**, **责任分解**):
//! numbered tasks under numbered headings (`一、` above `（一）`), and for
//! each task the units that lead it, support it or answer for it, sometimes
//! at two levels (the seed's 滨海新区 district and 东疆 zone), sometimes with
//! the leaders in charge and a deadline.
//!
//! The text comes from Word files and is messy: tables extracted one cell
//! per tab-led line, or numbered paragraphs ending in a role clause such as
//! `（牵头单位：…，配合单位：…）`. fengong reads either layout into the same
//! typed values ([`Document`], [`Category`], [`Task`], [`UnitMapping`] with
//! units by [`UnitRole`]) without losing a byte:
//! `parse(text)?.to_string() == text`.
//!
//! ```
//! let text = std::fs::read_to_string("seeds/000_ecc403549f0e7389.txt")?;
//! let doc = fengong::parse(&text)?;
//!
//! assert_eq!(doc.title(), "东疆重点任务清单和责任分工表");
//! assert_eq!(doc.columns(), ["序号", "工作任务", "滨海新区责任单位", "东疆责任单位"]);
//!
//! let task = doc.task(2).unwrap();
//! assert_eq!(task.units().district_names().collect::<Vec<_>>(), ["区人社局", "区财政局"]);
//! assert_eq!(task.units().local_names().collect::<Vec<_>>(), ["人社局", "财政局"]);
//!
//! // Lossless: the document prints back its input.
//! assert_eq!(doc.to_string(), text);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! A list document reads into the same model:
//!
//! ```
//! use fengong::UnitRole;
//!
//! let text = "2023年重点工作任务分工方案\n\
//!             一、扩大有效投资\n\
//!             1.推进重大项目建设。（牵头单位：市发改委；配合单位：市财政局、各区政府，6月底完成）\n";
//! let doc = fengong::parse(text)?;
//! let task = doc.task(1).unwrap();
//! assert_eq!(task.text(), "推进重大项目建设。");
//! assert_eq!(task.units().get(UnitRole::Lead), ["市发改委"]);
//! assert_eq!(task.units().get(UnitRole::Support), ["市财政局", "各区政府"]);
//! assert_eq!(task.deadline(), Some("6月底完成"));
//! assert_eq!(doc.to_string(), text);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## The table layout
//!
//! Shown with `→` for a tab and `⏎` for a line end, the start of the seed
//! document (a table of four columns) reads:
//!
//! ```text
//! ⏎                                   blank lines and a label line: the preamble
//! 附件：⏎
//! 东疆重点任务清单和责任分工表⏎         the title (may wrap over several lines)
//! →序号⏎                               the header row: four cells, one per line,
//! →工作任务⏎                           each line starting with a tab
//! →滨海新区⏎                           a line without a tab continues the cell
//! 责任单位⏎                            above: this label is 滨海新区责任单位
//! →东疆⏎
//! 责任单位⏎
//! ⏎                                    a blank line ends a row
//! →（一）加大援企稳岗力度⏎              a category heading: a Chinese numeral in
//! →1⏎                                  （） or (), then the title; a task row
//! →继续阶段性降低本市失业保险…⏎         follows in the same row: number, text,
//! →区人社局⏎                           district units, local units
//! →人社局⏎
//! ⏎
//! →⏎                                   a lone tab is an empty filler cell
//! →2⏎
//! →对依法缴纳失业保险费满12个月，…⏎
//! →区人社局、区财政局⏎                  units are separated by 、
//! →人社局、财政局⏎
//! ```
//!
//! and further on: headings whose title sits on the next line
//! (`→（十）⏎鼓励企业吸纳就业⏎`), a heading cell holding blank lines before its
//! text, headings preceded by spaces (`→ （十一）…`), extraction artifacts
//! (`[bookmark: RANGE!C44]`), a trailing `、`, and a last line of stray spaces
//! without a line ending. Documents of the family also come with CRLF line
//! endings, a byte order mark, in GB18030 or Big5, with other columns
//! (`牵头单位`, `配合单位`, `责任单位`, `责任领导`, `完成时限`, `备注`, in any
//! order: [`Columns`] reads their [`Role`]s from the header), a header of
//! two rows (`责任单位` merged over `牵头单位` and `配合单位`, or over the
//! places of the two levels), headings at two levels, roles written in a
//! cell (`市人社局牵头，市财政局配合`), and pinyin glosses that a web page
//! added after characters (`農(nóng)業`), which are artifacts too.
//!
//! ## The list layout
//!
//! Numbered paragraphs (`1.` `1．` `1、` `1。`) under `一、` and `（一）`
//! headings, after a notice preamble that is kept as it is; each task's
//! units in a role clause closing its paragraph (`（…）`, `[…]`, `(…)`,
//! `〔…〕`, with `牵头单位`, `配合单位`, `责任单位`, `责任领导` fields and a
//! deadline as the last field), in label lines after it (`牵头单位：…`), or
//! in an unlabeled clause ending in `负责`.
//!
//! Values are clean: no tabs, wraps, surrounding spaces, artifacts or empty
//! units. The lines of a wrapped value (a title, a label, a task's text, a
//! deadline, a cell of any column) are trimmed and joined with nothing, as
//! Word wraps Chinese text; a `、` inside parentheses
//! (`各街镇（开发区、园区）`) does not split units.
//!
//! ## Reading, writing, checking, editing
//!
//! - [`parse`] is strict: a [`Document`] or an [`Error`] holding every error;
//!   [`parse_file`] and [`Document::from_reader`] decode and parse into an
//!   owned `Document<'static>`.
//! - [`parse_tolerant`] always gives a best-effort document (which still
//!   prints back its input exactly) and every [`Diagnostic`].
//! - [`source::decode`] turns bytes in UTF-8, UTF-16, GB18030 or Big5 into
//!   text and tells the encoding; [`source::encode`] writes it back.
//! - [`to_canonical_string`] writes any document in one regular layout;
//!   [`Document`] implements serde's `Serialize` and `Deserialize` for the
//!   JSON form that `fengong parse` prints.
//! - [`lint::check`] finds what a document can still get wrong (numbering,
//!   empty or stray units, artifacts, near-miss unit names, duplicated
//!   tasks, …), with mechanical [`Fix`]es where there are any, and
//!   [`lint::fix`] applies them as `fengong check --fix` does;
//!   [`Document::check`] checks a document after edits.
//! - [`render::Report`] draws diagnostics under the source text, carets
//!   aligned under Chinese characters; [`Code::explanation`] explains each
//!   code.
//! - [`edit`] changes a parsed document (rename a unit everywhere, set a
//!   text, insert or remove tasks, renumber) touching only the edited bytes.
//! - [`Document::duties`] lists each unit's tasks by role;
//!   [`Document::unit_map`] infers which local unit answers for which
//!   district unit in a two-level table ([`mapping`]).
//! - `generate` (with the non-default `generate` feature) writes documents
//!   of the family of any size and any text distribution, for tests and
//!   benchmarks.
//!
//! ```
//! let text = std::fs::read_to_string("seeds/000_ecc403549f0e7389.txt")?;
//! let mut doc = fengong::parse(&text)?;
//!
//! let findings = fengong::lint::lint(&doc, &text, &Default::default());
//! assert!(findings.iter().any(|d| d.code() == fengong::Code::NearMissUnit));
//!
//! doc.rename_unit("区工业信局", "区工信局");
//! assert_eq!(doc.to_string(), text.replacen("区工业信局", "区工信局", 1));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! ## Input safety
//!
//! Any input gives a document or diagnostics, never a panic. Parsing is one
//! linear pass with no recursion; numerals and numbers are bounded
//! ([`numeral::MAX_LEN`], `u32`), nesting depth of parentheses is a counter.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod clause;
pub mod column;
pub mod diagnostic;
mod duties;
pub mod edit;
mod error;
#[cfg(feature = "generate")]
pub mod generate;
mod grammar;
mod json;
mod lex;
pub mod lint;
pub mod mapping;
pub mod model;
pub mod numeral;
mod parse;
mod read;
pub mod render;
mod scan;
pub mod select;
pub mod source;
mod span;
mod validate;
mod write;

pub use column::{Column, Columns, Level, Role, UnitRole};
pub use diagnostic::{Applicability, Code, Diagnostic, Edit, Fix, Label, Severity};
pub use duties::UnitDuties;
pub use error::Error;
pub use model::{Category, Document, HeadingStyle, Layout, LineEnding, Task, Unit, UnitMapping};
pub use parse::{parse, parse_tolerant, Parsed};
pub use read::parse_file;
pub use span::{LineIndex, Position, Span};
pub use validate::Invalid;
pub use write::{to_canonical_string, to_canonical_string_with};

/// The README's examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
