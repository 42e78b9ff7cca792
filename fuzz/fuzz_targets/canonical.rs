//! Documents built in code from arbitrary values, of any layout: whatever
//! `Document::validate` accepts reads back equal from its canonical text.
//! Documents of the seed's layout built from arbitrary values: when the values are clean
//! (as `fengong::write` defines it), the canonical text parses strictly back
//! to an equal document, prints back exactly, and is a fixed point; the
//! document's own `Display` in every line ending (and after a byte order
//! mark) parses back equal too. Generated documents (with their quirks)
//! parse strictly to the document the generator meant, and their canonical
//! text round-trips the same way.

#![no_main]

use std::borrow::Cow;

use arbitrary::Arbitrary;
use fengong::generate::{generate_with_document, GenerateOptions};
use fengong::{parse, to_canonical_string, Category, Document, LineEnding, Task, UnitMapping};
use libfuzzer_sys::fuzz_target;

/// The characters values are made of: the family's own, and the ones that
/// matter to the grammar (parentheses, separators, white space, numerals,
/// digits, the artifact prefix's letters, a vowel with a tone mark for
/// pinyin glosses, line breaks and tabs).
const ALPHABET: &[char] = &[
    '区', '局', '甲', '乙', '东', '疆', '附', '件', '一', '十', '百', '零', '二', '万', '（', '）',
    '(', ')', '、', '，', ',', '；', ';', ' ', '\u{3000}', '[', ']', 'b', 'o', 'k', 'm', 'a', 'r',
    ':', '：', '1', '0', '９', '\u{feff}', '\u{a0}', '。', '【', '】', '《', '》', '序', '号',
    '责', '任', '单', '位', '第', '页', '\t', '\n', '\r', 'x', '\u{2028}', '\u{85}', '〇', '两',
    'ó',
];

#[derive(Debug, Arbitrary)]
struct Text(Vec<u8>);

impl Text {
    fn get(&self) -> String {
        self.0
            .iter()
            .map(|&b| ALPHABET[b as usize % ALPHABET.len()])
            .collect()
    }
}

#[derive(Debug, Arbitrary)]
struct TaskIn {
    number: u32,
    lines: Vec<Text>,
    district: Vec<Text>,
    local: Vec<Text>,
}

#[derive(Debug, Arbitrary)]
struct CategoryIn {
    number: u32,
    title: Text,
    tasks: Vec<TaskIn>,
}

#[derive(Debug, Arbitrary)]
struct Built {
    title: Text,
    label: u8,
    district: Text,
    local: Text,
    categories: Vec<CategoryIn>,
}

#[derive(Debug, Arbitrary)]
struct Generated {
    seed: u64,
    categories: u8,
    min_tasks: u8,
    max_tasks: u8,
    quirks: bool,
    line_ending: u8,
    bom: bool,
}

/// A document of any layout and values, not filtered first: whatever
/// `Document::validate` accepts must read back equal from its canonical
/// text.
#[derive(Debug, Arbitrary)]
struct Raw {
    list: bool,
    title: Text,
    label: u8,
    columns: Vec<Text>,
    roots: Vec<RawTask>,
    categories: Vec<RawCategory>,
}

#[derive(Debug, Arbitrary)]
struct RawCategory {
    style: u8,
    number: u32,
    title: Text,
    tasks: Vec<RawTask>,
    categories: Vec<RawCategory>,
}

#[derive(Debug, Arbitrary)]
struct RawTask {
    number: u32,
    text: Text,
    units: Vec<(u8, Text)>,
    leaders: Vec<Text>,
    deadline: Option<Text>,
    remarks: Option<Text>,
}

#[derive(Debug, Arbitrary)]
enum Input {
    Built(Built),
    Generated(Generated),
    Raw(Raw),
}

/// Column labels the raw documents draw from, besides arbitrary text.
const COLUMN_LABELS: &[&str] = &[
    "序号",
    "工作任务",
    "牵头单位",
    "配合单位",
    "责任单位",
    "甲责任单位",
    "乙责任单位",
    "责任领导",
    "完成时限",
    "备注",
];

fn raw_task(t: &RawTask) -> Task<'static> {
    let mut units = UnitMapping::default();
    for (role, name) in &t.units {
        let role = fengong::UnitRole::ALL[*role as usize % fengong::UnitRole::ALL.len()];
        let mut names: Vec<String> = units.names(role).map(str::to_string).collect();
        names.push(name.get());
        units = units.with(role, names);
    }
    let mut task = Task::new(t.number, t.text.get(), units);
    if !t.leaders.is_empty() {
        task = task.with_leaders(t.leaders.iter().map(Text::get).collect::<Vec<_>>());
    }
    if let Some(d) = &t.deadline {
        task = task.with_deadline(d.get());
    }
    if let Some(r) = &t.remarks {
        task = task.with_remarks(r.get());
    }
    task
}

fn raw_category(c: &RawCategory, depth: usize) -> Category<'static> {
    let style = [
        fengong::HeadingStyle::Enumerated,
        fengong::HeadingStyle::Parenthesized,
        fengong::HeadingStyle::Unnumbered,
    ][c.style as usize % 3];
    let mut category = Category::with_style(style, c.number, c.title.get());
    for t in c.tasks.iter().take(8) {
        category.push_task(raw_task(t));
    }
    if depth < 3 {
        for sub in c.categories.iter().take(4) {
            category.push_category(raw_category(sub, depth + 1));
        }
    }
    category
}

fn raw(input: &Raw) {
    let title = input.title.get();
    let mut doc = if input.list {
        Document::list(title)
    } else {
        let labels: Vec<String> = input
            .columns
            .iter()
            .take(10)
            .map(|t| match t.0.first() {
                Some(&b) if b % 4 != 0 => {
                    COLUMN_LABELS[b as usize % COLUMN_LABELS.len()].to_string()
                }
                _ => t.get(),
            })
            .collect();
        Document::with_columns(title, fengong::Columns::from_labels(labels))
    };
    doc.set_label(LABELS[input.label as usize % LABELS.len()].map(Cow::Borrowed));
    for t in input.roots.iter().take(8) {
        doc.root_tasks_mut().push(raw_task(t));
    }
    for c in input.categories.iter().take(8) {
        doc.push_category(raw_category(c, 0));
    }
    if doc.validate().is_empty() {
        round_trip(&doc);
    }
}

const LABELS: [Option<&str>; 4] = [Some("附件："), Some("附件2"), Some("附件 3:"), None];

fn line_ending(k: u8) -> LineEnding {
    [LineEnding::Lf, LineEnding::CrLf, LineEnding::Cr][k as usize % 3]
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// One line of clean text: not empty, no line break or tab, no white space
/// at either end, no extraction artifact.
fn clean_line(s: &str) -> bool {
    !s.is_empty()
        && !s.contains(['\t', '\n', '\r'])
        && s.trim_matches(is_space) == s
        && !s.contains("[bookmark:")
        && !holds_gloss(s)
}

/// Whether `s` holds a pinyin gloss: `(`, one to six lowercase letters, one
/// of them a vowel with a tone mark, `)`.
fn holds_gloss(s: &str) -> bool {
    s.match_indices('(').any(|(at, _)| {
        let inner: Vec<char> = s[at + 1..].chars().take_while(|&c| c != ')').collect();
        let closed = s[at + 1..].chars().nth(inner.len()) == Some(')');
        closed
            && (1..=6).contains(&inner.len())
            && inner
                .iter()
                .all(|&c| c.is_ascii_lowercase() || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü".contains(c))
            && inner
                .iter()
                .any(|&c| "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ".contains(c))
    })
}

fn paren_delta(c: char) -> i32 {
    match c {
        '（' | '(' | '【' | '[' | '〔' | '［' | '《' => 1,
        '）' | ')' | '】' | ']' | '〕' | '］' | '》' => -1,
        _ => 0,
    }
}

/// A clean unit name: a clean line whose separators (`、，,；;`) are all
/// inside parentheses, and whose parentheses close by its end (so that the
/// separator after it is outside them), with no space or ideographic space
/// before a Chinese character (which may separate two names: `甲局 乙局`).
fn clean_unit(s: &str) -> bool {
    if !clean_line(s) {
        return false;
    }
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let han = chars.peek().is_some_and(|n| ('\u{4e00}'..='\u{9fff}').contains(n));
        if matches!(c, ' ' | '\u{3000}') && han {
            return false;
        }
    }
    let mut depth: i32 = 0;
    for c in s.chars() {
        depth = (depth + paren_delta(c)).max(0);
        if depth == 0 && matches!(c, '、' | '，' | ',' | '；' | ';') {
            return false;
        }
    }
    depth == 0
}

/// Whether a column label would be read as a category heading: any cell
/// that starts with an opening parenthesis, or with a Chinese numeral and
/// `、`, ends the header row.
fn looks_like_heading(s: &str) -> bool {
    let numeral = s
        .char_indices()
        .find(|&(_, c)| !fengong::numeral::is_numeral_char(c))
        .map(|(i, c)| (i, c));
    s.starts_with(['（', '(']) || matches!(numeral, Some((i, '、')) if i > 0)
}

/// Whether the title on its own would be read as the `附件` label.
fn reads_as_label(title: &str) -> bool {
    let Some(rest) = title.strip_prefix("附件") else {
        return false;
    };
    rest.chars().count() <= 6
        && rest.chars().all(|c| {
            c.is_ascii_digit()
                || "零〇一二两三四五六七八九十百千万亿".contains(c)
                || is_space(c)
                || matches!(c, '：' | ':')
        })
}

fn build(input: &Built) -> Option<Document<'static>> {
    let title = input.title.get();
    let label = LABELS[input.label as usize % LABELS.len()];
    // An empty title is clean (the line is blank); else a clean line that
    // is not a label when there is none.
    if !(title.is_empty() || clean_line(&title)) || (label.is_none() && reads_as_label(&title)) {
        return None;
    }
    let (district, local) = (input.district.get(), input.local.get());
    for zone in [&district, &local] {
        if !(zone.is_empty() || clean_line(zone)) || looks_like_heading(zone) {
            return None;
        }
    }
    let mut doc = Document::new(title, &district, &local);
    doc.set_label(label.map(Cow::Borrowed));
    for c in &input.categories {
        let title = c.title.get();
        // Categories are numbered from 一: the parser reads （零） as an
        // invalid numeral.
        if !clean_line(&title) || c.number == 0 {
            return None;
        }
        let mut category = Category::new(c.number, title);
        for t in &c.tasks {
            let lines: Vec<String> = t.lines.iter().map(Text::get).collect();
            if lines.is_empty() || !lines.iter().all(|l| clean_line(l)) {
                return None;
            }
            let district: Vec<String> = t.district.iter().map(Text::get).collect();
            let local: Vec<String> = t.local.iter().map(Text::get).collect();
            if !district.iter().chain(&local).all(|u| clean_unit(u)) {
                return None;
            }
            // A text is one line: its pieces joined, clean as a whole.
            let text = lines.concat();
            if !clean_line(&text) {
                return None;
            }
            category.push_task(Task::new(t.number, text, UnitMapping::new(district, local)));
        }
        doc.push_category(category);
    }
    Some(doc)
}

fn round_trip(doc: &Document<'_>) {
    let canonical = to_canonical_string(doc);
    let parsed = match parse(&canonical) {
        Ok(parsed) => parsed,
        Err(e) => panic!("canonical text does not parse: {e}\n{canonical:?}\n{doc:?}"),
    };
    assert_eq!(&parsed, doc, "{canonical:?}");
    assert_eq!(parsed.to_string(), canonical);
    assert_eq!(to_canonical_string(&parsed), canonical, "not a fixed point");
}

fn built(input: &Built) {
    let Some(mut doc) = build(input) else { return };
    round_trip(&doc);
    // The built document's own text, in each line ending, with and
    // without a byte order mark.
    for le in [LineEnding::Lf, LineEnding::CrLf, LineEnding::Cr] {
        doc.set_line_ending(le);
        let text = doc.to_string();
        for text in [text.clone(), format!("\u{feff}{text}")] {
            let parsed = match parse(&text) {
                Ok(parsed) => parsed,
                Err(e) => panic!("Display text does not parse: {e}\n{text:?}"),
            };
            assert_eq!(parsed, doc, "{text:?}");
            assert_eq!(parsed.to_string(), text);
        }
    }
}

fn generated(input: &Generated) {
    let options = GenerateOptions {
        seed: input.seed,
        categories: usize::from(input.categories % 12),
        min_tasks: usize::from(input.min_tasks % 4),
        max_tasks: usize::from(input.max_tasks % 6),
        quirks: input.quirks,
        line_ending: line_ending(input.line_ending),
        bom: input.bom,
        ..GenerateOptions::default()
    };
    let (text, expected) = generate_with_document(&options);
    let doc = match parse(&text) {
        Ok(doc) => doc,
        Err(e) => panic!("generated text does not parse: {e}\n{options:?}"),
    };
    assert_eq!(doc, expected, "{options:?}");
    assert_eq!(doc.to_string(), text);
    round_trip(&doc);
}

fuzz_target!(|input: Input| match &input {
    Input::Built(b) => built(b),
    Input::Generated(g) => generated(g),
    Input::Raw(r) => raw(r),
});
