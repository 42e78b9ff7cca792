//! Properties over generated documents and generated text:
//!
//! - a document built in code from clean values parses back equal from its
//!   canonical text (and from its `Display`, in every line ending), the
//!   canonical text is a fixed point, and JSON → document → JSON is identity;
//! - any text at all, and text built from the family's own pieces, gives a
//!   best-effort document that prints the text back exactly, without a
//!   panic; when such text parses with no diagnostics, its canonical form
//!   parses back equal.

use std::borrow::Cow;

use fengong::{
    numeral, parse, parse_tolerant, to_canonical_string, Category, Document, LineEnding, Task,
    UnitMapping,
};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;

/// Characters of titles and task texts: Chinese and ASCII, punctuation,
/// separators and parentheses (which split nothing outside unit cells).
/// No tabs, line breaks or `[` (no artifact can form); no `附` (no title
/// can pass for the `附件` label).
const TEXT_CHARS: &[char] = &[
    '区', '人', '社', '局', '财', '政', '东', '疆', '滨', '海', '新', '发', '改', '委', '加', '大',
    '援', '企', '稳', '岗', '力', '度', '就', '业', '创', '培', '训', '一', '二', '九', '十', '百',
    '零', '万', '技', '术', '和', '的', '支', '持', '建', '设', '推', '进', '。', '，', '、', '；',
    '：', '“', '”', '（', '）', '《', '》', '%', 'a', 'B', 'z', '0', '1', '7', '.', '-', '/', '_',
];

/// Characters of unit and zone names: no separators, no parentheses.
const NAME_CHARS: &[char] = &[
    '区', '人', '社', '局', '财', '政', '东', '疆', '滨', '海', '新', '发', '改', '委', '各', '街',
    '镇', '开', '园', '金', '融', '保', '税', '生', '态', '城', '中', '心', '支', '行', '一', '十',
    '银', '监', '分', 'A', 'b', 'Z', '0', '5', '9', '.', '-', '_',
];

fn word(chars: &'static [char], max: usize) -> impl Strategy<Value = String> {
    vec(select(chars), 1..=max).prop_map(|cs| cs.into_iter().collect())
}

/// Words joined by nothing, a space or an ideographic space: never a space
/// at either end.
fn phrase(chars: &'static [char], max_words: usize) -> impl Strategy<Value = String> {
    words(chars, max_words, vec!["", " ", "\u{3000}"])
}

/// Words of `chars` joined by `seps`.
fn words(
    chars: &'static [char],
    max_words: usize,
    seps: Vec<&'static str>,
) -> impl Strategy<Value = String> {
    let sep = select(seps);
    (word(chars, 8), vec((sep, word(chars, 8)), 0..max_words)).prop_map(|(first, rest)| {
        let mut out = first;
        for (sep, w) in rest {
            out.push_str(sep);
            out.push_str(&w);
        }
        out
    })
}

/// A unit name, sometimes with a parenthesised note holding `、`.
fn unit_name() -> impl Strategy<Value = String> {
    let note = prop_oneof![
        3 => Just(None),
        1 => (
            select(vec![("（", "）"), ("(", ")")]),
            vec(word(NAME_CHARS, 4), 1..3),
        )
            .prop_map(|((open, close), parts)| Some(format!("{open}{}{close}", parts.join("、")))),
    ];
    (name_phrase(), note).prop_map(|(name, note)| name + note.as_deref().unwrap_or(""))
}

/// Words of a name joined by nothing, or by a space or an ideographic
/// space before a word that starts with a Latin letter: white space that
/// stays inside a name (before a Chinese character, it may separate two
/// names, as `市发改委 市财政局`).
fn name_phrase() -> impl Strategy<Value = String> {
    words(NAME_CHARS, 2, vec!["", " A", "\u{3000}b"])
}

/// A task text: one line, of one to three phrases.
fn task_text() -> impl Strategy<Value = String> {
    vec(phrase(TEXT_CHARS, 3), 1..=3).prop_map(|phrases| phrases.concat())
}

fn task() -> impl Strategy<Value = Task<'static>> {
    (
        any::<u32>(),
        task_text(),
        vec(unit_name(), 0..4),
        vec(unit_name(), 0..4),
    )
        .prop_map(|(number, text, district, local)| {
            Task::new(number, text, UnitMapping::new(district, local))
        })
}

fn category() -> impl Strategy<Value = Category<'static>> {
    (1u32..200_000, phrase(TEXT_CHARS, 3), vec(task(), 0..4)).prop_map(|(number, title, tasks)| {
        let mut category = Category::new(number, title);
        for task in tasks {
            category.push_task(task);
        }
        category
    })
}

fn document() -> impl Strategy<Value = Document<'static>> {
    (
        phrase(TEXT_CHARS, 3),
        select(vec![Some("附件："), Some("附件2"), Some("附件 3:"), None]),
        word(NAME_CHARS, 8),
        word(NAME_CHARS, 8),
        vec(category(), 0..5),
    )
        .prop_map(|(title, label, district, local, categories)| {
            let mut doc = Document::new(title, &district, &local);
            doc.set_label(label.map(Cow::Borrowed));
            for category in categories {
                doc.push_category(category);
            }
            doc
        })
}

/// Pieces of the family's text, for building near-documents.
const TOKENS: &[&str] = &[
    "\t",
    "\n",
    "\r\n",
    "\r",
    " ",
    "\u{3000}",
    "\u{feff}",
    "（",
    "）",
    "(",
    ")",
    "一",
    "十",
    "二十八",
    "一百零一",
    "、",
    "，",
    "1",
    "0",
    "72",
    "99999999999",
    "区人社局",
    "各街镇（开发区、园区）",
    "[bookmark: x]",
    "[bookmark:",
    "]",
    "附件：",
    "东疆重点任务清单和责任分工表",
    "序号",
    "工作任务",
    "滨海新区",
    "责任单位",
    "\t（一）加大援企稳岗力度\n",
    "\t1\n",
    "\t\n",
    "\n\n",
    "\t（五）\n挖掘内需带动就业\n",
    " （十一）",
    "(二)",
];

fn family_text() -> impl Strategy<Value = String> {
    vec(select(TOKENS), 0..96).prop_map(|tokens| tokens.concat())
}

/// Inserts tokens into `text`, each at the character boundary numbered
/// `at` (modulo the number of boundaries).
fn insert_tokens(text: &str, edits: &[(usize, &str)]) -> String {
    let mut out = text.to_string();
    for (at, token) in edits {
        let boundaries: Vec<usize> = out
            .char_indices()
            .map(|(i, _)| i)
            .chain([out.len()])
            .collect();
        let offset = boundaries[at % boundaries.len()];
        out.insert_str(offset, token);
    }
    out
}

/// What must hold for any text: no panic, exact print back; and if the text
/// is read without any diagnostic, it parses strictly to the same document
/// and its canonical text parses back equal.
fn check_any_text(text: &str) -> Result<(), TestCaseError> {
    let parsed = parse_tolerant(text);
    prop_assert_eq!(parsed.document.to_string(), text);
    prop_assert_eq!(parsed.has_errors(), parse(text).is_err());
    if parsed.diagnostics.is_empty() {
        let doc = parse(text).unwrap();
        prop_assert_eq!(&doc, &parsed.document);
        // A document without a label whose title joins into one (`附` and
        // `件` on two lines) has no canonical text: written on one line, its
        // title is read as the label.
        if doc.label().is_none() && doc.title().starts_with("附件") {
            return Ok(());
        }
        // The canonical text is promised for what `validate` accepts: a
        // damaged text can read as values no layout writes (a column label
        // holding a tab, from a continuation line with tabs inside).
        if !doc.validate().is_empty() {
            return Ok(());
        }
        let canonical = to_canonical_string(&doc);
        let again = parse(&canonical);
        prop_assert!(again.is_ok(), "{:?}\n{:?}", again.err(), canonical);
        let again = again.unwrap();
        prop_assert_eq!(&again, &doc, "{:?}", canonical);
        prop_assert_eq!(to_canonical_string(&again), canonical);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn canonical_text_parses_back_equal(doc in document()) {
        let canonical = to_canonical_string(&doc);
        let parsed = parse(&canonical);
        prop_assert!(parsed.is_ok(), "{}\n{:?}", parsed.unwrap_err(), canonical);
        let parsed = parsed.unwrap();
        prop_assert_eq!(&parsed, &doc, "{:?}", canonical);
        prop_assert!(parse_tolerant(&canonical).diagnostics.is_empty());
        // A byte order mark at the start of the str is trivia.
        let with_bom = format!("\u{feff}{canonical}");
        let bom_doc = parse(&with_bom);
        prop_assert!(bom_doc.is_ok(), "{:?}", bom_doc.err());
        let bom_doc = bom_doc.unwrap();
        prop_assert_eq!(&bom_doc, &doc);
        prop_assert_eq!(bom_doc.to_string(), with_bom);
        // Lossless on canonical text too, and a fixed point.
        prop_assert_eq!(parsed.to_string(), canonical.clone());
        prop_assert_eq!(to_canonical_string(&parsed), canonical.clone());
        // Spans of the parsed document point at the generated values.
        for (category, want) in parsed.categories().iter().zip(doc.categories()) {
            prop_assert_eq!(&canonical[category.title_span().unwrap().range()], want.title());
            prop_assert_eq!(&canonical[category.numeral_span().unwrap().range()], want.numeral());
            prop_assert_eq!(numeral::parse(category.numeral()), Some(category.number()));
        }
        for (task, want) in parsed.tasks().zip(doc.tasks()) {
            let text_span = task.text_span().unwrap();
            prop_assert_eq!(&canonical[text_span.range()], want.text());
            let units = task.units().district().iter().chain(task.units().local());
            for unit in units {
                prop_assert_eq!(&canonical[unit.span().unwrap().range()], unit.name());
            }
        }
    }

    #[test]
    fn json_to_document_to_json_is_identity(doc in document()) {
        let json = serde_json::to_string(&doc).unwrap();
        let back: Document<'static> = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&back, &doc);
        prop_assert_eq!(serde_json::to_string(&back).unwrap(), json.clone());
        // And through text: canonical text, parsed, gives the same JSON.
        let canonical = to_canonical_string(&back);
        let parsed = parse(&canonical).unwrap();
        prop_assert_eq!(serde_json::to_string(&parsed).unwrap(), json);
    }

    #[test]
    fn built_document_display_parses_back_equal(
        mut doc in document(),
        ending in select(vec![LineEnding::Lf, LineEnding::CrLf, LineEnding::Cr]),
    ) {
        doc.set_line_ending(ending);
        let text = doc.to_string();
        prop_assert_eq!(LineEnding::detect(&text), ending);
        let parsed = parse(&text);
        prop_assert!(parsed.is_ok(), "{}\n{:?}", parsed.unwrap_err(), text);
        let parsed = parsed.unwrap();
        prop_assert_eq!(&parsed, &doc);
        prop_assert_eq!(parsed.line_ending(), ending);
        prop_assert_eq!(parsed.to_string(), text.clone());
        // With LF, the built document's text is the canonical text.
        if ending == LineEnding::Lf {
            prop_assert_eq!(text, to_canonical_string(&doc));
        }
    }

    #[test]
    fn arbitrary_strings_print_back(text in any::<String>()) {
        check_any_text(&text)?;
    }

    #[test]
    fn family_strings_print_back(text in family_text()) {
        check_any_text(&text)?;
    }

    #[test]
    fn damaged_documents_print_back(
        doc in document(),
        edits in vec((any::<usize>(), select(TOKENS)), 1..6),
    ) {
        let text = insert_tokens(&to_canonical_string(&doc), &edits);
        check_any_text(&text)?;
    }
}

const SEED: &str = include_str!("../seeds/000_ecc403549f0e7389.txt");

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn damaged_seed_prints_back(edits in vec((any::<usize>(), select(TOKENS)), 1..4)) {
        check_any_text(&insert_tokens(SEED, &edits))?;
    }

    /// The seed with whole lines deleted, duplicated or swapped, and cut
    /// short at any byte: never a panic, always printed back exactly, and
    /// the lint rules run on the best-effort document without a panic.
    #[test]
    fn mutated_seed_prints_back(
        mutations in vec((0u8..3, any::<usize>(), any::<usize>()), 1..5),
        cut in any::<usize>(),
    ) {
        let mut lines: Vec<&str> = SEED.split_inclusive('\n').collect();
        for (kind, a, b) in mutations {
            let (a, b) = (a % lines.len(), b % lines.len());
            match kind {
                0 if lines.len() > 1 => {
                    lines.remove(a);
                }
                1 => lines.insert(b, lines[a]),
                _ => lines.swap(a, b),
            }
        }
        let text: String = lines.concat();
        let mut end = cut % (text.len() + 1);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        for candidate in [&text[..], &text[..end]] {
            check_any_text(candidate)?;
            let parsed = parse_tolerant(candidate);
            let _ = fengong::lint::lint(&parsed.document, candidate, &Default::default());
        }
    }
}

/// Found by `damaged_documents_print_back`: an artifact formed by joining
/// the lines of a wrapped cell (or the pieces around an artifact already
/// cut) stayed in the value, and the canonical text read back without it.
#[test]
fn artifacts_formed_by_joining_do_not_survive() {
    let head = "附件：\n标题\n\t序号\n\t工作任务\n\t甲责任单位\n\t乙责任单位\n\n";
    for (body, title, text, district) in [
        (
            "\t（一）类[\nbookmark: x]\n\t1\n\t文本\n\t甲\n\t乙\n",
            "类",
            "文本",
            &["甲"][..],
        ),
        (
            "\t（一）类\n\t1\n\t文本[bookm[bookmark: z]ark: x]尾\n\t甲\n\t乙\n",
            "类",
            "文本尾",
            &["甲"][..],
        ),
        (
            "\t（一）类\n\t1\n\t文本\n\t甲[\nbookmark: x]、丙\n\t乙\n",
            "类",
            "文本",
            &["甲", "丙"][..],
        ),
        (
            "\t（一）类\n\t1\n\t[bookm[bookmark: z]ark: x]\n第二行\n\t甲\n\t乙\n",
            "类",
            "第二行",
            &["甲"][..],
        ),
    ] {
        let input = format!("{head}{body}");
        let doc = parse(&input).unwrap();
        let category = &doc.categories()[0];
        let task = &category.tasks()[0];
        assert_eq!(category.title(), title);
        assert_eq!(task.text(), text);
        assert_eq!(task.units().district_names().collect::<Vec<_>>(), district);
        assert_eq!(doc.to_string(), input);
        check_any_text(&input).unwrap();
    }
}

#[test]
fn insert_tokens_inserts_at_character_boundaries() {
    // "附件" has three boundaries (0, 3, 6): 、 goes at the second; then the
    // tab at the start, the line feed at the end (the fifth boundary of
    // "\t附、件"), and x at boundary 9 % 6 = 3 of "\t附、件\n".
    let edits = [(1, "、"), (0, "\t"), (4, "\n"), (9, "x")];
    assert_eq!(insert_tokens("附件", &edits), "\t附、x件\n");
}
