//! Deterministic documents of the family, at any size, for benchmarks and
//! tests. Built only with the `generate` feature (the crate's own tests,
//! benchmarks, examples and fuzz targets turn it on).
//!
//! [`generate`] writes a document from a seed: by default a
//! 重点任务清单和责任分工表 of the seed's layout (a preamble, the header row,
//! then as many numbered categories of numbered tasks as asked for, or as
//! many as it takes to reach a length), with texts, titles and units drawn
//! from the vocabulary of the seed document. With [`GenerateOptions::quirks`]
//! the layout has the seed's oddities sprinkled in: filler cells, wrapped
//! labels and titles, headings sharing a row with their first task, blank
//! lines inside a heading cell, extraction artifacts, trailing `、`, and a
//! stray last line.
//!
//! Two options choose what else to write:
//!
//! - [`GenerateOptions::form`] ([`Form`]): the seed's table, tables of other
//!   column sets (`牵头单位`/`配合单位` under `一、` headings; `责任领导`,
//!   `牵头单位`, `责任单位` and `完成时限`), or a list document (numbered
//!   paragraphs under `一、` and `（一）` headings, each task's units in a role
//!   clause `（牵头单位：…；配合单位：…）` or in label lines after it, with a
//!   notice before the plan when quirks are on);
//! - [`GenerateOptions::text`] ([`TextKind`]): how the task texts are
//!   drawn: the seed's clauses joined anew (like a real document), random
//!   characters from the seed's own or from a small alphabet, every text
//!   the same, texts that share nothing, near copies, long texts, tiny
//!   texts. A linter must take the same time per megabyte on each.
//!
//! Every generated document parses strictly into what was generated (see
//! [`generate_with_document`]) and prints back its bytes, and the same
//! options always give the same bytes: the pseudo-random choices come from a
//! built-in splitmix64, with no hashing and no floating point.
//!
//! ```
//! use fengong::generate::{generate, GenerateOptions};
//!
//! let options = GenerateOptions { seed: 1, categories: 40, ..GenerateOptions::default() };
//! let text = generate(&options);
//! let doc = fengong::parse(&text)?;
//! assert_eq!(doc.categories().len(), 40);
//! assert_eq!(doc.to_string(), text);
//! assert_eq!(generate(&options), text);
//! # Ok::<(), fengong::Error>(())
//! ```

use crate::model::{Document, LineEnding};

mod list;
mod seed;
mod table;
mod text;
mod vocab;

use vocab::{DISTRICT, LOCAL_ZONES, SENTENCES, TITLES, TITLE_OBJECTS, TITLE_SUFFIX, TITLE_VERBS};

/// What [`generate`] writes.
///
/// Build one with struct update syntax from [`GenerateOptions::default`] (28
/// categories of one to five tasks, like the seed, with its quirks), or with
/// [`GenerateOptions::with_min_len`] for a document of a given size.
///
/// ```
/// use fengong::generate::{generate, GenerateOptions};
/// use fengong::LineEnding;
///
/// let text = generate(&GenerateOptions {
///     seed: 42,
///     categories: 1001,
///     min_tasks: 1,
///     max_tasks: 1,
///     quirks: false,
///     line_ending: LineEnding::CrLf,
///     ..GenerateOptions::default()
/// });
/// assert!(text.contains("\t（一千零一）"));
/// let doc = fengong::parse(&text)?;
/// assert_eq!(doc.tasks().count(), 1001);
/// assert_eq!(doc.line_ending(), LineEnding::CrLf);
/// # Ok::<(), fengong::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenerateOptions {
    /// The seed of every choice: the same seed (and options) gives the same
    /// bytes.
    pub seed: u64,
    /// How many (top-level) categories to write, at least.
    pub categories: usize,
    /// Keep adding categories until the text is at least this many bytes
    /// long; `0` for no minimum.
    pub min_len: usize,
    /// The fewest tasks in a category.
    pub min_tasks: usize,
    /// The most tasks in a category (taken as `min_tasks` if smaller).
    pub max_tasks: usize,
    /// Whether to sprinkle in the seed's oddities (for a list, a notice
    /// before the plan and indented paragraphs). Without them the text is
    /// in the canonical layout of [`crate::write`].
    pub quirks: bool,
    /// The line ending of every line.
    pub line_ending: LineEnding,
    /// Whether the text starts with a byte order mark.
    pub bom: bool,
    /// How the task texts are drawn.
    pub text: TextKind,
    /// The layout and columns of the document.
    pub form: Form,
}

impl Default for GenerateOptions {
    /// 28 categories of one to five tasks with quirks, line feeds, no byte
    /// order mark, seed 0, texts of the seed's clauses, the seed's table.
    fn default() -> GenerateOptions {
        GenerateOptions {
            seed: 0,
            categories: 28,
            min_len: 0,
            min_tasks: 1,
            max_tasks: 5,
            quirks: true,
            line_ending: LineEnding::Lf,
            bom: false,
            text: TextKind::Clauses,
            form: Form::SeedTable,
        }
    }
}

impl GenerateOptions {
    /// Options for a document with quirks of at least `min_len` bytes, in
    /// categories of one to sixteen tasks (about 8 000 categories and 70 000
    /// tasks for 20 MB).
    ///
    /// ```
    /// use fengong::generate::{generate, GenerateOptions};
    ///
    /// let text = generate(&GenerateOptions::with_min_len(100_000, 3));
    /// assert!(text.len() >= 100_000);
    /// assert!(fengong::parse(&text).is_ok());
    /// ```
    pub fn with_min_len(min_len: usize, seed: u64) -> GenerateOptions {
        GenerateOptions {
            seed,
            categories: 0,
            min_len,
            min_tasks: 1,
            max_tasks: 16,
            ..GenerateOptions::default()
        }
    }
}

/// How [`generate`] draws each task's text: the distributions of text a
/// linter meets, from the ordinary to the hostile. Every rule must take
/// about the same time and memory per megabyte on each (see
/// `tests/distributions.rs`).
///
/// ```
/// use fengong::generate::{generate, GenerateOptions, TextKind};
///
/// for kind in TextKind::ALL {
///     let text = generate(&GenerateOptions { text: kind, ..GenerateOptions::default() });
///     assert!(fengong::parse(&text).is_ok(), "{}", kind.name());
/// }
/// let equal = generate(&GenerateOptions { text: TextKind::Equal, quirks: false, ..GenerateOptions::default() });
/// let doc = fengong::parse(&equal)?;
/// assert!(doc.tasks().all(|t| t.text() == doc.tasks().next().unwrap().text()));
/// # Ok::<(), fengong::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum TextKind {
    /// Three to six of the seed's clauses joined anew (now and then one of
    /// the seed's sentences as it is): like a real document.
    #[default]
    Clauses,
    /// 20 to 160 characters drawn at random from the seed's own letters,
    /// digits and sentence punctuation (about 700 characters): nearly every
    /// three-character shingle is new.
    SeedCharacters,
    /// 20 to 160 characters drawn from sixteen: every shingle is common to
    /// many texts.
    SmallAlphabet,
    /// Every task the same text.
    Equal,
    /// 20 to 160 characters drawn from all of the 20,902 common CJK
    /// ideographs: no two texts share a shingle.
    Distinct,
    /// One of the seed's sentences with one character changed: every task
    /// nearly repeats an earlier one.
    NearCopies,
    /// 2,000 to 6,000 characters of the seed's clauses: few, long tasks.
    Long,
    /// One to four characters: many tiny tasks.
    Tiny,
}

impl TextKind {
    /// Every kind, in order.
    pub const ALL: [TextKind; 8] = [
        TextKind::Clauses,
        TextKind::SeedCharacters,
        TextKind::SmallAlphabet,
        TextKind::Equal,
        TextKind::Distinct,
        TextKind::NearCopies,
        TextKind::Long,
        TextKind::Tiny,
    ];

    /// A short name, for benchmarks and messages: `clauses`,
    /// `seed-characters`, `small-alphabet`, `equal`, `distinct`,
    /// `near-copies`, `long`, `tiny`.
    pub const fn name(self) -> &'static str {
        match self {
            TextKind::Clauses => "clauses",
            TextKind::SeedCharacters => "seed-characters",
            TextKind::SmallAlphabet => "small-alphabet",
            TextKind::Equal => "equal",
            TextKind::Distinct => "distinct",
            TextKind::NearCopies => "near-copies",
            TextKind::Long => "long",
            TextKind::Tiny => "tiny",
        }
    }

    /// The kind named `name` (see [`TextKind::name`]).
    pub fn from_name(name: &str) -> Option<TextKind> {
        TextKind::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// Which member of the family [`generate`] writes.
///
/// ```
/// use fengong::generate::{generate_with_document, Form, GenerateOptions};
/// use fengong::Layout;
///
/// for form in Form::ALL {
///     let (text, expected) = generate_with_document(&GenerateOptions { form, ..GenerateOptions::default() });
///     let doc = fengong::parse(&text)?;
///     assert_eq!(doc, expected, "{}", form.name());
///     assert_eq!(doc.layout() == Layout::List, form.is_list());
/// }
/// # Ok::<(), fengong::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Form {
    /// The seed's table: `序号`, `工作任务`, `滨海新区责任单位` and a local
    /// zone's `责任单位`, under `（一）` headings.
    #[default]
    SeedTable,
    /// A table of `序号`, `重点任务`, `牵头单位` and `配合单位` (often empty)
    /// under `一、` heading rows, after the label `附件1`.
    LeadSupportTable,
    /// A table of `序号`, `重点工作`, `责任领导`, `牵头单位`, `责任单位` and
    /// `完成时限` under `一、` heading rows.
    LeadersDeadlineTable,
    /// A list: numbered paragraphs under `一、` headings (some with `（一）`
    /// headings under them), each closed by a role clause
    /// `（牵头单位：…；配合单位：…；完成时限：…）`; with quirks, after a
    /// notice and indented with `　　`.
    ClauseList,
    /// A list whose tasks' units are in label lines after them
    /// (`牵头单位：…`, `配合单位：…`, `完成时限：…`).
    LabelList,
}

impl Form {
    /// Every form, in order.
    pub const ALL: [Form; 5] = [
        Form::SeedTable,
        Form::LeadSupportTable,
        Form::LeadersDeadlineTable,
        Form::ClauseList,
        Form::LabelList,
    ];

    /// A short name: `seed-table`, `lead-support-table`,
    /// `leaders-deadline-table`, `clause-list`, `label-list`.
    pub const fn name(self) -> &'static str {
        match self {
            Form::SeedTable => "seed-table",
            Form::LeadSupportTable => "lead-support-table",
            Form::LeadersDeadlineTable => "leaders-deadline-table",
            Form::ClauseList => "clause-list",
            Form::LabelList => "label-list",
        }
    }

    /// The form named `name` (see [`Form::name`]).
    pub fn from_name(name: &str) -> Option<Form> {
        Form::ALL.into_iter().find(|f| f.name() == name)
    }

    /// Whether the form is a list document.
    pub const fn is_list(self) -> bool {
        matches!(self, Form::ClauseList | Form::LabelList)
    }
}

/// Writes a document as `options` ask.
///
/// ```
/// use fengong::generate::{generate, GenerateOptions};
///
/// let text = generate(&GenerateOptions { seed: 9, ..GenerateOptions::default() });
/// let doc = fengong::parse(&text)?;
/// assert_eq!(doc.categories().len(), 28);
/// assert!(doc.title().ends_with("重点任务清单和责任分工表"));
/// assert_eq!(doc.to_string(), text);
/// # Ok::<(), fengong::Error>(())
/// ```
pub fn generate(options: &GenerateOptions) -> String {
    Generator::new(options, false).run().0
}

/// Writes a document as `options` ask, and the [`Document`] its text should
/// parse to (built in code, so it has no source text; compare with `==`,
/// which looks at the values only).
///
/// ```
/// use fengong::generate::{generate_with_document, GenerateOptions};
///
/// let (text, expected) = generate_with_document(&GenerateOptions::default());
/// assert_eq!(fengong::parse(&text)?, expected);
/// # Ok::<(), fengong::Error>(())
/// ```
pub fn generate_with_document(options: &GenerateOptions) -> (String, Document<'static>) {
    Generator::new(options, true).run()
}

/// Writes a document with quirks of at least `target_len` bytes (a little
/// more: it ends after a whole category), in categories of one to sixteen
/// tasks: about one category per 2.4 KB and one task per 280 bytes (20 MB
/// make some 8 400 categories and 71 000 tasks). Shorthand for
/// [`GenerateOptions::with_min_len`].
///
/// ```
/// let text = fengong::generate::generate_bytes_at_least(50_000, 7);
/// assert!(text.len() >= 50_000);
/// assert_eq!(fengong::parse(&text)?.to_string(), text);
/// # Ok::<(), fengong::Error>(())
/// ```
pub fn generate_bytes_at_least(target_len: usize, seed: u64) -> String {
    generate(&GenerateOptions::with_min_len(target_len, seed))
}

/// splitmix64: tiny, fast, and the same on every platform.
#[derive(Debug, Clone)]
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`; `0` if `n` is 0.
    fn below(&mut self, n: usize) -> usize {
        // The high half of a 64×64 product: unbiased enough, no division.
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi` (`hi` taken as `lo` if smaller).
    fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi.saturating_sub(lo).saturating_add(1))
    }

    /// True `percent` times in a hundred.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<T: Copy, const N: usize>(&mut self, items: &[T; N]) -> T {
        items[self.below(N)]
    }

    /// `count` distinct items of `items` (all of them if fewer), in the
    /// order drawn.
    fn distinct<T: Copy + PartialEq, const N: usize>(
        &mut self,
        items: &[T; N],
        count: usize,
    ) -> Vec<T> {
        let mut out = Vec::with_capacity(count.min(N));
        while out.len() < count.min(N) {
            let item = self.pick(items);
            if !out.contains(&item) {
                out.push(item);
            }
        }
        out
    }
}

/// Clauses of the seed's sentences, for composed task texts: pieces between
/// `，`, `；` and `。` whose brackets and quotes are balanced.
fn clauses() -> Vec<&'static str> {
    SENTENCES
        .iter()
        .flat_map(|s| s.split(['，', '；', '。']))
        .filter(|c| {
            let count = |x: char| c.chars().filter(|&d| d == x).count();
            c.chars().count() >= 4
                && [('（', '）'), ('“', '”'), ('《', '》'), ('〔', '〕')]
                    .iter()
                    .all(|&(open, close)| count(open) == count(close))
        })
        .collect()
}

struct Generator<'o> {
    options: &'o GenerateOptions,
    out: String,
    rng: Rng,
    eol: &'static str,
    quirks: bool,
    local: &'static str,
    task_number: u32,
    clauses: Vec<&'static str>,
    /// The characters random texts draw from, ideographs first, and how
    /// many ideographs.
    alphabet: (Vec<char>, usize),
    /// The expected document, filled only if `keep`.
    doc: Document<'static>,
    keep: bool,
}

impl<'o> Generator<'o> {
    fn new(options: &'o GenerateOptions, keep: bool) -> Generator<'o> {
        let mut rng = Rng(options.seed);
        let local = rng.pick(&LOCAL_ZONES);
        let mut doc = Document::new(format!("{local}{TITLE_SUFFIX}"), DISTRICT, local);
        doc.set_line_ending(options.line_ending);
        Generator {
            options,
            out: String::with_capacity(options.min_len.saturating_add(1 << 16)),
            rng,
            eol: options.line_ending.as_str(),
            quirks: options.quirks,
            local,
            task_number: 0,
            clauses: clauses(),
            alphabet: text::seed_characters(),
            doc,
            keep,
        }
    }

    /// A quirk that shows `percent` times in a hundred, only with quirks on.
    fn quirk(&mut self, percent: usize) -> bool {
        self.quirks && self.rng.chance(percent)
    }

    fn push(&mut self, text: &str) {
        self.out.push_str(text);
    }

    fn eol(&mut self) {
        self.out.push_str(self.eol);
    }

    fn line(&mut self, text: &str) {
        self.push(text);
        self.eol();
    }

    /// Whether to write another category after `count` of them.
    fn more(&self, count: usize) -> bool {
        count < self.options.categories || self.out.len() < self.options.min_len
    }

    /// The next task's number.
    fn next_task_number(&mut self) -> u32 {
        self.task_number = self.task_number.saturating_add(1);
        self.task_number
    }

    /// How many tasks the next category holds.
    fn task_count(&mut self) -> usize {
        self.rng
            .between(self.options.min_tasks, self.options.max_tasks)
    }

    fn run(mut self) -> (String, Document<'static>) {
        match self.options.form {
            Form::SeedTable => self.seed_table(),
            Form::LeadSupportTable | Form::LeadersDeadlineTable => self.other_table(),
            Form::ClauseList | Form::LabelList => self.list(),
        }
        (self.out, self.doc)
    }

    /// A title and a byte offset where it may wrap.
    fn category_title(&mut self) -> (String, usize) {
        if self.rng.chance(50) {
            let title = self.rng.pick(&TITLES);
            let wrap = title.char_indices().nth(2).map_or(0, |(i, _)| i);
            (title.to_string(), wrap)
        } else {
            let verb = self.rng.pick(&TITLE_VERBS);
            let object = self.rng.pick(&TITLE_OBJECTS);
            (format!("{verb}{object}"), verb.len())
        }
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod forms_and_kinds;
