//! Every fixture in `fixtures/` (variants of the family: encodings, line
//! endings, zones, layouts) decodes, parses strictly, prints back byte for
//! byte, encodes back to its bytes, and round-trips through the canonical
//! writer and JSON; and each one gives exactly the values listed in
//! `fixtures/README.md`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use fengong::source::{self, Encoding};
use fengong::{numeral, Category, Document, LineEnding, Task, UnitMapping};

/// Every fixture this file pins; a fixture added to `fixtures/` without
/// assertions here fails `every_fixture_is_pinned`.
const PINNED: &[&str] = &[
    "ascii_parens.txt",
    "bom.txt",
    "crlf.txt",
    "eco_city.txt",
    "gb18030.txt",
    "large_numerals.txt",
    "lone_cr.txt",
    "no_final_newline.txt",
    "other_zone.txt",
    "trailing_spaces.txt",
    "two_line_text.txt",
    "units_with_parens.txt",
    "utf16le_bom.txt",
    "wrapped_headings.txt",
];

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

fn fixture_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(fixtures_dir())
        .expect("fixtures/ exists")
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".txt"))
        .collect();
    names.sort();
    names
}

fn bytes_of(name: &str) -> Vec<u8> {
    std::fs::read(fixtures_dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// A fixture's decoded text, its encoding and whether it had a BOM.
fn load(name: &str) -> (String, Encoding, bool) {
    let bytes = bytes_of(name);
    let decoded = source::decode(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
    (
        decoded.text().to_string(),
        decoded.encoding(),
        decoded.has_bom(),
    )
}

/// A task as `(number, text, district units, local units)`.
type T = (
    u32,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
);

/// The expected document: `附件：`, a title, the two zones, and categories
/// `(number, title, tasks)` (numerals are the standard ones).
fn expected(
    title: &'static str,
    district: &str,
    local: &str,
    categories: &[(u32, &'static str, &[T])],
) -> Document<'static> {
    let mut doc = Document::new(title, district, local);
    for &(number, title, tasks) in categories {
        let mut category = Category::new(number, title);
        for &(n, text, d, l) in tasks {
            category.push_task(Task::new(
                n,
                text,
                UnitMapping::new(d.iter().copied(), l.iter().copied()),
            ));
        }
        doc.push_category(category);
    }
    doc
}

fn all_values(doc: &Document<'_>) -> Vec<String> {
    let mut values = vec![doc.title().to_string()];
    values.extend(doc.label().map(str::to_string));
    values.extend(doc.columns().iter().map(|c| c.to_string()));
    for category in doc.categories() {
        values.push(category.numeral().to_string());
        values.push(category.title().to_string());
        for task in category.tasks() {
            values.push(task.text().to_string());
            values.extend(task.units().district_names().map(str::to_string));
            values.extend(task.units().local_names().map(str::to_string));
        }
    }
    values
}

/// Normalizes the source text under a span the way values are cleaned:
/// lines trimmed, blank lines dropped, lines joined with `sep`.
fn clean(slice: &str, sep: &str) -> String {
    slice
        .split(['\n', '\r'])
        .map(|line| line.trim_matches(|c: char| c.is_whitespace()))
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join(sep)
}

/// The checks every fixture passes.
fn check_fixture(name: &str) {
    let bytes = bytes_of(name);
    let decoded = source::decode(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
    let text = decoded.text();
    assert!(!text.starts_with('\u{feff}'), "{name}: the BOM is not text");

    // Strict and tolerant parsing agree; no diagnostics at all.
    let parsed = fengong::parse_tolerant(text);
    assert!(
        parsed.diagnostics.is_empty(),
        "{name}: {:?}",
        parsed.diagnostics
    );
    let doc = fengong::parse(text).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(doc, parsed.document, "{name}");
    assert!(!doc.categories().is_empty(), "{name}");
    assert!(doc.tasks().count() > 0, "{name}");

    // Lossless, as text and as bytes.
    assert_eq!(doc.to_string(), text, "{name}: print back");
    assert_eq!(
        source::encode(&doc.to_string(), decoded.encoding(), decoded.has_bom()).unwrap(),
        bytes,
        "{name}: encode back"
    );
    assert_eq!(doc.line_ending(), LineEnding::detect(text), "{name}");

    // Values are clean.
    for value in all_values(&doc) {
        assert!(!value.is_empty(), "{name}: empty value");
        assert_eq!(value.trim(), value, "{name}: surrounding spaces");
        assert!(
            !value.contains(['\t', '\r', '\u{feff}', '\u{3000}']),
            "{name}: {value:?}"
        );
        assert!(!value.contains("[bookmark"), "{name}: {value:?}");
    }
    assert!(!doc.title().contains('\n'), "{name}");
    for category in doc.categories() {
        assert!(!category.title().contains('\n'), "{name}");
        assert_eq!(
            numeral::parse(category.numeral()),
            Some(category.number()),
            "{name}"
        );
    }
    for task in doc.tasks() {
        for unit in task.units().district().iter().chain(task.units().local()) {
            assert!(!unit.name().is_empty(), "{name}: empty unit");
            assert!(!unit.name().contains('\n'), "{name}");
        }
    }

    // Spans point at the values.
    assert_eq!(
        clean(&text[doc.title_span().unwrap().range()], ""),
        doc.title(),
        "{name}"
    );
    for (k, span) in doc.column_spans().iter().enumerate() {
        assert_eq!(
            clean(&text[span.unwrap().range()], ""),
            doc.columns()[k],
            "{name}"
        );
    }
    for category in doc.categories() {
        assert_eq!(
            &text[category.numeral_span().unwrap().range()],
            category.numeral(),
            "{name}"
        );
        assert_eq!(
            clean(&text[category.title_span().unwrap().range()], ""),
            category.title(),
            "{name}"
        );
        let cell = &text[category.span().unwrap().range()];
        assert!(cell.contains(category.numeral()), "{name}");
    }
    for task in doc.tasks() {
        assert_eq!(
            clean(&text[task.text_span().unwrap().range()], ""),
            task.text(),
            "{name}: task {}",
            task.number()
        );
        let cells = task.cell_spans().unwrap();
        assert_eq!(
            clean(&text[cells[0].range()], ""),
            task.number().to_string(),
            "{name}"
        );
        assert!(text[cells[0].range()].starts_with('\t'), "{name}");
        assert_eq!(cells[0].start, task.span().unwrap().start, "{name}");
        assert_eq!(cells[3].end, task.span().unwrap().end, "{name}");
        for unit in task.units().district().iter().chain(task.units().local()) {
            assert_eq!(
                clean(&text[unit.span().unwrap().range()], ""),
                unit.name(),
                "{name}"
            );
        }
    }

    // The canonical text parses back equal and is a fixed point.
    let canonical = fengong::to_canonical_string(&doc);
    assert!(!canonical.contains('\r'), "{name}: canonical uses LF");
    let again = fengong::parse(&canonical).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(again, doc, "{name}: canonical round trip");
    assert_eq!(again.to_string(), canonical, "{name}");
    assert_eq!(fengong::to_canonical_string(&again), canonical, "{name}");

    // JSON there and back.
    let json = serde_json::to_string(&doc).unwrap();
    let back: Document<'static> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, doc, "{name}: JSON round trip");
    assert_eq!(serde_json::to_string(&back).unwrap(), json, "{name}");
    assert_eq!(fengong::to_canonical_string(&back), canonical, "{name}");

    // The owned form outlives the text and still prints it back.
    let expected_text = text.to_string();
    let owned: Document<'static> = doc.clone().into_owned();
    drop(doc);
    drop(decoded);
    assert_eq!(owned.to_string(), expected_text, "{name}: owned print back");
}

#[test]
fn every_fixture_round_trips() {
    let names = fixture_names();
    assert!(names.len() >= PINNED.len(), "{names:?}");
    for name in &names {
        check_fixture(name);
    }
}

#[test]
fn every_fixture_is_pinned_and_listed_in_the_readme() {
    let names: BTreeSet<String> = fixture_names().into_iter().collect();
    let pinned: BTreeSet<String> = PINNED.iter().map(|s| s.to_string()).collect();
    assert_eq!(names, pinned);
    let readme = std::fs::read_to_string(fixtures_dir().join("README.md")).unwrap();
    for name in &names {
        assert!(
            readme.contains(&format!("`{name}`")),
            "{name} is not in fixtures/README.md"
        );
    }
}

#[test]
fn utf8_fixtures_parse_with_a_bom_in_the_str() {
    // A leading U+FEFF in the text itself (not stripped by `decode`) is
    // trivia: same values, printed back.
    for name in fixture_names() {
        let (text, encoding, _) = load(&name);
        let with_bom = format!("\u{feff}{text}");
        let doc = fengong::parse(&with_bom).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(doc, fengong::parse(&text).unwrap(), "{name}");
        assert_eq!(doc.to_string(), with_bom, "{name}");
        if encoding == Encoding::Utf8 {
            let bytes = source::encode(&with_bom, Encoding::Utf8, false).unwrap();
            assert_eq!(bytes[..3], [0xEF, 0xBB, 0xBF]);
        }
    }
}

#[test]
fn bom_fixture_parsed_as_raw_str() {
    let bytes = bytes_of("bom.txt");
    assert_eq!(bytes[..3], [0xEF, 0xBB, 0xBF]);
    let raw = std::str::from_utf8(&bytes).unwrap();
    assert!(raw.starts_with('\u{feff}'));
    let doc = fengong::parse(raw).unwrap();
    assert_eq!(doc.to_string(), raw);
    assert_eq!(doc.label(), Some("附件："));
    // The label starts right after the three bytes of the BOM.
    assert_eq!(doc.label_span().unwrap().start, 3);
    assert_eq!(&raw[doc.label_span().unwrap().range()], "附件：");

    let decoded = source::decode(&bytes).unwrap();
    assert_eq!(
        (decoded.encoding(), decoded.has_bom()),
        (Encoding::Utf8, true)
    );
    assert_eq!(decoded.text(), &raw[3..]);
    assert_eq!(fengong::parse(decoded.text()).unwrap(), doc);
}

#[test]
fn bom() {
    let (text, encoding, bom) = load("bom.txt");
    assert_eq!((encoding, bom), (Encoding::Utf8, true));
    let doc = fengong::parse(&text).unwrap();
    assert_eq!(
        doc,
        expected(
            "东疆安全生产专项整治重点任务清单和责任分工表",
            "滨海新区",
            "东疆",
            &[
                (
                    1,
                    "压实安全生产责任",
                    &[
                        (
                            1,
                            "严格落实党政领导干部安全生产责任制，制定安全生产权力和责任清单。",
                            &["区应急局", "区安委会各成员单位"],
                            &["应急局", "安委会各成员单位"],
                        ),
                        (
                            2,
                            "督促企业落实安全生产主体责任，建立全员安全生产责任制。",
                            &["区应急局", "区市场监管局"],
                            &["应急局", "市场监管局"],
                        ),
                    ],
                ),
                (
                    2,
                    "开展重点行业领域整治",
                    &[
                        (
                            3,
                            "深化危险化学品安全风险集中治理，严格港口危险货物储存和作业管理。",
                            &["区应急局", "区交运局", "天津港集团"],
                            &["应急局", "环城局"],
                        ),
                        (
                            4,
                            "开展消防安全专项整治，排查整改仓储物流场所火灾隐患。",
                            &["区消防救援支队", "区应急局"],
                            &["消防救援大队", "应急局"],
                        ),
                    ],
                ),
            ],
        )
    );
    assert_eq!(doc.line_ending(), LineEnding::Lf);
    assert_eq!(doc.label_span().unwrap().start, 0);
}

#[test]
fn crlf() {
    let (text, encoding, bom) = load("crlf.txt");
    assert_eq!((encoding, bom), (Encoding::Utf8, false));
    assert_eq!(text.matches("\r\n").count(), text.matches('\n').count());
    let doc = fengong::parse(&text).unwrap();
    assert_eq!(doc.line_ending(), LineEnding::CrLf);
    assert_eq!(
        doc,
        expected(
            "东疆促进消费扩容提质重点任务清单和责任分工表",
            "滨海新区",
            "东疆",
            &[
                (
                    1,
                    "培育壮大新型消费",
                    &[
                        (
                            1,
                            "支持线上线下商品消费融合发展，培育一批智慧商店、智慧街区。",
                            &["区商促局", "区工信局"],
                            &["商促局", "经改局"],
                        ),
                        (
                            2,
                            "加快发展跨境电商零售进口业务，扩大保税展示交易规模。",
                            &["区商促局", "东疆海关"],
                            &["商促局"],
                        ),
                    ],
                ),
                (
                    2,
                    "提振汽车消费",
                    &[(
                        3,
                        "落实平行进口汽车政策，推动汽车平行进口试点做大做强。",
                        &["区商促局", "区发改委"],
                        &["商促局", "经改局"],
                    )],
                ),
                (
                    3,
                    "改善消费环境",
                    &[
                        (
                            4,
                            "加强市场监管，严厉打击假冒伪劣商品和侵犯知识产权行为。",
                            &["区市场监管局"],
                            &["市场监管局"],
                        ),
                        (
                            5,
                            "畅通消费投诉渠道，及时处理消费纠纷，营造安全放心的消费环境。",
                            &["区市场监管局", "区商促局"],
                            &["市场监管局", "商促局"],
                        ),
                    ],
                ),
            ],
        )
    );
    // The cells keep their CRLF; the values do not.
    let task = doc.task(1).unwrap();
    assert_eq!(&text[task.cell_spans().unwrap()[0].range()], "\t1\r\n");
    assert_eq!(
        &text[doc.category(2).unwrap().span().unwrap().range()],
        "\t（二）\r\n提振汽车消费\r\n"
    );
    // A task added in code is written with the document's CRLF.
    let mut doc = doc;
    doc.categories_mut()[2].push_task(Task::new(
        6,
        "开展消费维权进商圈活动。",
        UnitMapping::new(["区市场监管局"], ["市场监管局"]),
    ));
    let written = doc.to_string();
    assert!(written.starts_with(&text));
    assert_eq!(
        &written[text.len()..],
        "\r\n\t6\r\n\t开展消费维权进商圈活动。\r\n\t区市场监管局\r\n\t市场监管局\r\n"
    );
    assert_eq!(fengong::parse(&written).unwrap(), doc);
}

#[test]
fn gb18030() {
    let bytes = bytes_of("gb18030.txt");
    assert!(std::str::from_utf8(&bytes).is_err(), "stored as GB18030");
    let (text, encoding, bom) = load("gb18030.txt");
    assert_eq!((encoding, bom), (Encoding::Gb18030, false));
    let doc = fengong::parse(&text).unwrap();
    assert_eq!(
        doc.title(),
        "天津经济技术开发区稳外贸稳外资重点任务清单和责任分工表"
    );
    assert_eq!(
        (doc.district_name(), doc.local_name()),
        ("滨海新区", "开发区")
    );
    assert_eq!(doc.line_ending(), LineEnding::CrLf);
    assert_eq!(
        doc,
        expected(
            "天津经济技术开发区稳外贸稳外资重点任务清单和责任分工表",
            "滨海新区",
            "开发区",
            &[
                (
                    1,
                    "稳定外贸基本盘",
                    &[
                        (
                            1,
                            "落实出口退税政策，进一步压缩出口退税办理时间。",
                            &["区税务局", "区商促局"],
                            &["税务局", "商务局"],
                        ),
                        (
                            2,
                            "扩大出口信用保险覆盖面，支持外贸企业开拓多元化市场。",
                            &["区商促局", "区金融局"],
                            &["商务局", "金融局"],
                        ),
                    ],
                ),
                (
                    2,
                    "加大外资招引力度",
                    &[
                        (
                            3,
                            "围绕汽车、生物医药、新一代信息技术等产业开展精准招商，推动一批重点外资项目落地。",
                            &["区商促局", "区发改委"],
                            &["投资促进局", "发改局"],
                        ),
                        (
                            4,
                            "落实外商投资准入前国民待遇加负面清单管理制度，保障外资企业平等参与政府采购。",
                            &["区发改委", "区商促局", "区财政局"],
                            &["发改局", "商务局", "财政局"],
                        ),
                    ],
                ),
                (
                    3,
                    "优化外资企业服务",
                    &[(
                        5,
                        "建立重点外资企业联系服务机制，协调解决企业用工、用能、物流等困难。",
                        &["区商促局", "区人社局"],
                        &["商务局", "人社局"],
                    )],
                ),
            ],
        )
    );
    // Saved back in GB18030, the bytes are the file's.
    assert_eq!(
        source::encode(&doc.to_string(), Encoding::Gb18030, false).unwrap(),
        bytes
    );
}

#[test]
fn utf16le_bom() {
    let bytes = bytes_of("utf16le_bom.txt");
    assert_eq!(bytes[..2], [0xFF, 0xFE]);
    let (text, encoding, bom) = load("utf16le_bom.txt");
    assert_eq!((encoding, bom), (Encoding::Utf16Le, true));
    let doc = fengong::parse(&text).unwrap();
    assert_eq!(doc.line_ending(), LineEnding::CrLf);
    assert_eq!(
        doc,
        expected(
            "东疆生态环境保护重点任务清单和责任分工表",
            "滨海新区",
            "东疆",
            &[
                (
                    1,
                    "深入打好蓝天保卫战",
                    &[
                        (
                            1,
                            "加强港区非道路移动机械排放监管，推广使用新能源作业机械。",
                            &["区生态环境局", "区交运局"],
                            &["环城局"],
                        ),
                        (
                            2,
                            "严格施工工地扬尘管控，落实“六个百分之百”要求。",
                            &["区住建委", "区生态环境局"],
                            &["规建局", "环城局"],
                        ),
                    ],
                ),
                (
                    2,
                    "深入打好碧水保卫战",
                    &[(
                        3,
                        "开展入海排污口排查整治，加强近岸海域水质监测。",
                        &["区生态环境局", "区海洋局"],
                        &["环城局"],
                    )],
                ),
            ],
        )
    );
    assert_eq!(
        source::encode(&doc.to_string(), Encoding::Utf16Le, true).unwrap(),
        bytes
    );
}

#[test]
fn no_final_newline() {
    let (text, _, _) = load("no_final_newline.txt");
    assert!(text.ends_with("\t税务局、经改局"));
    let doc = fengong::parse(&text).unwrap();
    assert_eq!(doc.trailer(), "");
    assert_eq!(
        doc,
        expected(
            "东疆保障性租赁住房建设重点任务清单和责任分工表",
            "滨海新区",
            "东疆",
            &[
                (
                    1,
                    "扩大保障性租赁住房供给",
                    &[
                        (
                            1,
                            "利用企业自有闲置土地和存量房屋建设保障性租赁住房，优先满足新就业职工住房需求。",
                            &["区住建委", "区规划资源局"],
                            &["规建局"],
                        ),
                        (
                            2,
                            "支持产业园区配套建设宿舍型保障性租赁住房。",
                            &["区住建委", "区发改委"],
                            &["规建局", "经改局"],
                        ),
                    ],
                ),
                (
                    2,
                    "落实支持政策",
                    &[(
                        3,
                        "落实保障性租赁住房税收优惠和民用水电气价格政策。",
                        &["区税务局", "区发改委"],
                        &["税务局", "经改局"],
                    )],
                ),
            ],
        )
    );
    let last = doc.task(3).unwrap();
    assert_eq!(
        &text[last.cell_spans().unwrap()[3].range()],
        "\t税务局、经改局"
    );
    assert_eq!(last.span().unwrap().end, text.len());
    // A task appended in code starts on a line of its own.
    let mut doc = doc;
    doc.categories_mut()[1].push_task(Task::new(
        4,
        "加大金融支持力度。",
        UnitMapping::new(["区金融局"], ["金融局"]),
    ));
    let reparsed = fengong::parse(&doc.to_string()).map(|d| d.into_owned());
    assert_eq!(reparsed.as_ref().ok(), Some(&doc), "{reparsed:?}");
}

#[test]
fn trailing_spaces() {
    let (text, _, _) = load("trailing_spaces.txt");
    assert!(text.ends_with("\n  "));
    let doc = fengong::parse(&text).unwrap();
    assert_eq!(doc.label(), Some("附件："));
    assert_eq!(doc.trailer(), " \n\u{3000} \n  ");
    assert_eq!(
        doc,
        expected(
            "东疆深化“放管服”改革重点任务清单和责任分工表",
            "滨海新区",
            "东疆",
            &[
                (
                    1,
                    "推进政务服务标准化",
                    &[
                        (
                            1,
                            "编制政务服务事项标准化工作流程和办事指南，实现同一事项无差别受理。",
                            &["区政务服务办"],
                            &["政务服务中心"],
                        ),
                        (
                            2,
                            "推行告知承诺制，扩大“证照分离”改革覆盖面。",
                            &["区政务服务办", "区市场监管局"],
                            &["政务服务中心", "市场监管局"],
                        ),
                    ],
                ),
                (
                    2,
                    "提升“一网通办”水平",
                    &[(
                        3,
                        "推动高频政务服务事项“掌上办”“指尖办”。",
                        &["区政务服务办", "区大数据局"],
                        &["政务服务中心"],
                    )],
                ),
            ],
        )
    );
    // Spans exclude the spaces.
    let task = doc.task(2).unwrap();
    assert_eq!(&text[task.text_span().unwrap().range()], task.text());
    let title = doc.category(1).unwrap().title_span().unwrap();
    assert_eq!(&text[title.range()], "推进政务服务标准化");
}

#[test]
fn other_zone() {
    let (text, _, _) = load("other_zone.txt");
    let doc = fengong::parse(&text).unwrap();
    assert_eq!(doc.title(), "天津港保税区重点任务清单和责任分工表");
    assert_eq!(
        doc.columns(),
        ["序号", "工作任务", "滨海新区责任单位", "保税区责任单位"]
    );
    assert_eq!(
        (doc.district_name(), doc.local_name()),
        ("滨海新区", "保税区")
    );
    assert_eq!(
        doc,
        expected(
            "天津港保税区重点任务清单和责任分工表",
            "滨海新区",
            "保税区",
            &[
                (
                    1,
                    "推动航空航天产业集聚发展",
                    &[
                        (
                            1,
                            "围绕大飞机、直升机、无人机等领域开展产业链招商，推动重点项目落地投产。",
                            &["区发改委", "区工信局"],
                            &["经济发展局", "投资促进局"],
                        ),
                        (
                            2,
                            "支持航空维修和航材分拨业务发展，打造航空服务产业集群。",
                            &["区商促局", "天津海关"],
                            &["商务局"],
                        ),
                    ],
                ),
                (
                    2,
                    "提升保税功能",
                    &[
                        (
                            3,
                            "推广保税维修、保税研发等新业态，扩大保税货物流转规模。",
                            &["区商促局", "天津海关"],
                            &["商务局", "海关事务服务中心"],
                        ),
                        (
                            4,
                            "推进综合保税区高质量发展综合评估整改，提升开放平台能级。",
                            &["区商促局", "区发改委"],
                            &["商务局", "经济发展局"],
                        ),
                    ],
                ),
            ],
        )
    );
    let json: serde_json::Value = serde_json::to_value(&doc).unwrap();
    assert_eq!(json["columns"][3], "保税区责任单位");
}

#[test]
fn eco_city() {
    let (text, _, _) = load("eco_city.txt");
    let doc = fengong::parse(&text).unwrap();
    assert_eq!(doc.label(), Some("附件2"));
    // The title wraps over two lines and joins with nothing.
    assert_eq!(
        doc.title(),
        "中新天津生态城绿色低碳发展重点任务清单和责任分工表"
    );
    assert_eq!(
        &text[doc.title_span().unwrap().range()],
        "中新天津生态城绿色低碳发展\n重点任务清单和责任分工表"
    );
    assert_eq!(
        (doc.district_name(), doc.local_name()),
        ("滨海新区", "中新天津生态城")
    );
    let mut want = expected(
        "中新天津生态城绿色低碳发展重点任务清单和责任分工表",
        "滨海新区",
        "中新天津生态城",
        &[
            (
                1,
                "推进建筑领域节能降碳",
                &[
                    (
                        1,
                        "新建民用建筑全面执行绿色建筑标准，推广超低能耗建筑。",
                        &["区住建委"],
                        &["建设局"],
                    ),
                    (
                        2,
                        "开展既有公共建筑节能改造，推动公共机构率先实现节能目标。",
                        &["区住建委", "区机关事务管理局"],
                        &["建设局", "城市管理局"],
                    ),
                ],
            ),
            (
                2,
                "发展可再生能源",
                &[(
                    3,
                    "推广屋顶分布式光伏，建设智慧能源小镇。",
                    &["区发改委", "国网滨海供电公司"],
                    &["发改局", "智慧能源公司"],
                )],
            ),
        ],
    );
    assert_ne!(doc, want, "the label differs");
    want.set_label(Some("附件2".into()));
    assert_eq!(doc, want);
}

#[test]
fn ascii_parens() {
    let (text, _, _) = load("ascii_parens.txt");
    let doc = fengong::parse(&text).unwrap();
    assert_eq!(
        doc,
        expected(
            "东疆金融创新重点任务清单和责任分工表",
            "滨海新区",
            "东疆",
            &[
                (
                    1,
                    "加大金融租赁支持力度",
                    &[
                        (
                            1,
                            "支持飞机、船舶、海工装备租赁业务创新发展，扩大租赁资产规模。",
                            &["区金融局", "区发改委"],
                            &["金融局"],
                        ),
                        (
                            2,
                            "推进经营性租赁收取外币租金试点。",
                            &["人民银行滨海新区中心支行", "区金融局"],
                            &["金融局"],
                        ),
                    ],
                ),
                (
                    2,
                    "推进跨境投融资便利化",
                    &[(
                        3,
                        "开展跨境融资便利化试点，降低企业融资成本。",
                        &["人民银行滨海新区中心支行", "国家外汇管理局天津市分局"],
                        &["金融局"],
                    )],
                ),
                (
                    3,
                    "强化金融风险防控",
                    &[
                        (
                            4,
                            "建立金融风险监测预警机制，严厉打击非法集资。",
                            &["区金融局", "区公安局"],
                            &["金融局", "公安分局"],
                        ),
                        (
                            5,
                            "加强融资租赁企业分类监管，开展风险排查。",
                            &["区金融局"],
                            &["金融局"],
                        ),
                    ],
                ),
            ],
        )
    );
    let numerals: Vec<&str> = doc.categories().iter().map(|c| c.numeral()).collect();
    assert_eq!(numerals, ["一", "二", "三"]);
    let second = doc.category(2).unwrap();
    assert_eq!(
        &text[second.span().unwrap().range()],
        "\t(二) 推进跨境投融资便利化\n"
    );
    // The canonical layout writes full-width parentheses.
    let canonical = fengong::to_canonical_string(&doc);
    assert!(canonical.contains("\t（二）推进跨境投融资便利化\n"));
    assert!(!canonical.contains("(二)"));
}

#[test]
fn units_with_parens() {
    let (text, _, _) = load("units_with_parens.txt");
    let doc = fengong::parse(&text).unwrap();
    assert_eq!(
        doc,
        expected(
            "东疆城市安全运行重点任务清单和责任分工表",
            "滨海新区",
            "东疆",
            &[
                (
                    1,
                    "加强防汛排涝能力建设",
                    &[
                        (
                            1,
                            "完善防汛应急预案，开展防汛应急演练。",
                            &["区应急局", "区水务局", "各街镇（开发区、园区）"],
                            &["应急局", "环城局"],
                        ),
                        (
                            2,
                            "加快排水管网雨污分流改造，消除积水点。",
                            &["区水务局", "区住建委（区人防办）", "区城管委"],
                            &["环城局", "规建局"],
                        ),
                    ],
                ),
                (
                    2,
                    "提升城市精细化管理水平",
                    &[
                        (
                            3,
                            "开展市容环境综合整治，规范户外广告和招牌设置。",
                            &["区城管委", "各功能区(含东疆、保税区)", "各街镇"],
                            &["环城局"],
                        ),
                        (
                            4,
                            "推进生活垃圾分类，完善分类投放、收集、运输、处理体系。",
                            &["区城管委", "区发改委", "区商促局（区供销合作社）"],
                            &["环城局", "经改局", "商促局"],
                        ),
                    ],
                ),
            ],
        )
    );
    // The unit with 、 inside its parentheses is one unit, borrowed from the
    // text, and its span covers it exactly.
    let unit = &doc.task(1).unwrap().units().district()[2];
    assert_eq!(unit.name(), "各街镇（开发区、园区）");
    assert_eq!(
        &text[unit.span().unwrap().range()],
        "各街镇（开发区、园区）"
    );
    let spaced = &doc.task(4).unwrap().units().district()[0];
    assert_eq!(&text[spaced.span().unwrap().range()], "区城管委");
    // Canonical units: one 、 between names, none trailing.
    let canonical = fengong::to_canonical_string(&doc);
    assert!(canonical.contains("\t区应急局、区水务局、各街镇（开发区、园区）\n\t应急局、环城局\n"));
    assert!(canonical.contains("\t区水务局、区住建委（区人防办）、区城管委\n"));
    assert!(!canonical.contains("、、"));
}

#[test]
fn two_line_text() {
    let (text, _, _) = load("two_line_text.txt");
    let doc = fengong::parse(&text).unwrap();
    assert_eq!(
        doc,
        expected(
            "东疆稳岗扩就业重点任务清单和责任分工表",
            "滨海新区",
            "东疆",
            &[
                (
                    1,
                    "支持企业稳定岗位",
                    &[
                        (
                            1,
                            "对不裁员或少裁员的参保企业，返还其上年度实际缴纳失业保险费的50%。对参保职工30人及以下的企业，裁员率放宽至20%。",
                            &["区人社局", "区财政局"],
                            &["人社局", "财政局"],
                        ),
                        (
                            2,
                            "开展以工代训，对吸纳就业困难人员的企业给予职业培训补贴。",
                            &["区人社局"],
                            &["人社局"],
                        ),
                    ],
                ),
                (
                    2,
                    "强化就业服务",
                    &[(
                        3,
                        "举办线上线下专场招聘会。持续开展“春风行动”“民营企业招聘月”等公共就业服务活动。对登记失业人员提供“一对一”就业指导。",
                        &["区人社局", "区财政局", "区教体局"],
                        &["人社局", "社发局"],
                    )],
                ),
            ],
        )
    );
    let task = doc.task(1).unwrap();
    // The span covers both lines, as written; the text joins them.
    let written = &text[task.text_span().unwrap().range()];
    assert_eq!(written.lines().count(), 2);
    assert_eq!(written.replace('\n', ""), task.text());
    let json = serde_json::to_value(&doc).unwrap();
    let third = json["categories"][1]["tasks"][0]["text"].as_str().unwrap();
    assert!(!third.contains('\n'));
    assert_eq!(
        doc.task(3)
            .unwrap()
            .text_span()
            .map(|s| text[s.range()].lines().count()),
        Some(3)
    );
    // Canonically the text, read joined, is one line of its cell.
    let canonical = fengong::to_canonical_string(&doc);
    assert!(canonical.contains(
        "\t1\n\t对不裁员或少裁员的参保企业，返还其上年度实际缴纳失业保险费的50%。对参保职工30人及以下的企业，裁员率放宽至20%。\n\t区人社局、区财政局\n"
    ));
}

#[test]
fn lone_cr() {
    let (text, _, _) = load("lone_cr.txt");
    assert!(!text.contains('\n'));
    let doc = fengong::parse(&text).unwrap();
    assert_eq!(doc.line_ending(), LineEnding::Cr);
    assert_eq!(
        doc,
        expected(
            "东疆冷链物流高质量发展重点任务清单和责任分工表",
            "滨海新区",
            "东疆",
            &[
                (
                    1,
                    "完善冷链基础设施",
                    &[
                        (
                            1,
                            "支持建设进口冷链食品集中监管仓，提升冷库仓储能力。",
                            &["区商促局", "区市场监管局"],
                            &["商促局", "市场监管局"],
                        ),
                        (
                            2,
                            "推动冷链物流企业数字化改造。建立冷链物流全程温控和追溯体系。",
                            &["区商促局", "区工信局"],
                            &["商促局", "经改局"],
                        ),
                    ],
                ),
                (
                    2,
                    "强化冷链食品安全监管",
                    &[(
                        3,
                        "落实进口冷链食品“物防”措施和从业人员健康监测制度。",
                        &["区市场监管局", "区卫健委", "东疆海关"],
                        &["市场监管局", "社发局"],
                    )],
                ),
            ],
        )
    );
    // A two-line text keeps `\n` even where the file says `\r`.
    assert!(doc.task(2).unwrap().text().contains("。建立"));
}

#[test]
fn wrapped_headings() {
    let (text, _, _) = load("wrapped_headings.txt");
    let doc = fengong::parse(&text).unwrap();
    assert_eq!(
        doc,
        expected(
            "东疆稳就业促发展重点任务清单和责任分工表",
            "滨海新区",
            "东疆",
            &[
                (
                    1,
                    "加大援企稳岗力度",
                    &[
                        (
                            1,
                            "继续阶段性降低失业保险费率，返还失业保险费。",
                            &["区人社局"],
                            &["人社局"],
                        ),
                        (
                            2,
                            "对困难企业开展在岗职工培训的，给予补贴支持。",
                            &["区人社局", "区财政局"],
                            &["人社局", "财政局"],
                        ),
                    ],
                ),
                (
                    2,
                    "挖掘内需带动就业",
                    &[(
                        3,
                        "鼓励餐饮、家政等社区生活服务业态聚集发展，增强社区服务吸纳就业能力。",
                        &["区商促局", "区人社局"],
                        &["商促局", "人社局"],
                    )],
                ),
                (
                    3,
                    "支持灵活就业和新就业形态",
                    &[(
                        4,
                        "支持劳动者通过临时性、非全日制、季节性等灵活多样形式实现就业。",
                        &["区人社局"],
                        &["人社局"],
                    )],
                ),
                (
                    4,
                    "加强托底安置就业",
                    &[(
                        5,
                        "开发一批公共服务类岗位，优先安置就业困难人员。",
                        &["区人社局", "区财政局"],
                        &["人社局", "财政局"],
                    )],
                ),
                (
                    5,
                    "完善就业服务体系",
                    &[(
                        6,
                        "推动失业登记在常住地办理，完善失业登记动态退出机制。",
                        &["区人社局", "各街镇"],
                        &["人社局"],
                    )],
                ),
            ],
        )
    );
    let cell = |n: u32| &text[doc.category(n).unwrap().span().unwrap().range()];
    assert_eq!(cell(1), "\t（一）\n加大援企\n稳岗力度\n");
    // The heading cell that holds blank lines before its text.
    assert_eq!(cell(2), "\t\n\n\n\n（二）\n挖掘内需带动就业\n");
    assert_eq!(cell(3), "\t （三）支持灵活就业和新就业形态\n");
    assert_eq!(cell(4), "\t\u{3000}（四）加强托底安置就业\n");
    // The heading that lost its tab is a cell of its own.
    assert_eq!(cell(5), "（五）完善就业服务体系\n");
    let numeral_of = |n: u32| &text[doc.category(n).unwrap().numeral_span().unwrap().range()];
    assert_eq!(
        (1..=5).map(numeral_of).collect::<Vec<_>>(),
        ["一", "二", "三", "四", "五"]
    );
    assert_eq!(
        &text[doc.category(1).unwrap().title_span().unwrap().range()],
        "加大援企\n稳岗力度"
    );
}

#[test]
fn large_numerals() {
    let (text, _, _) = load("large_numerals.txt");
    let doc = fengong::parse(&text).unwrap();
    assert_eq!(doc.title(), "东疆年度重点任务清单和责任分工表");
    let categories = doc.categories();
    assert_eq!(categories.len(), 111);
    // Numbered 1..=111 in order, each with its standard numeral.
    for (i, category) in categories.iter().enumerate() {
        assert_eq!(category.number(), i as u32 + 1);
        assert_eq!(category.numeral(), numeral::to_chinese(category.number()));
        // Every third category has two tasks, the others one.
        let want = if category.number() % 3 == 0 { 2 } else { 1 };
        assert_eq!(
            category.tasks().len(),
            want,
            "category {}",
            category.number()
        );
    }
    let numerals: Vec<&str> = categories.iter().map(|c| c.numeral()).collect();
    assert_eq!(numerals[..3], ["一", "二", "三"]);
    assert_eq!(numerals[9..12], ["十", "十一", "十二"]);
    assert_eq!(numerals[19], "二十");
    assert_eq!(
        numerals[97..],
        [
            "九十八",
            "九十九",
            "一百",
            "一百零一",
            "一百零二",
            "一百零三",
            "一百零四",
            "一百零五",
            "一百零六",
            "一百零七",
            "一百零八",
            "一百零九",
            "一百一十",
            "一百一十一"
        ]
    );
    // Tasks numbered 1..=148 in document order.
    let numbers: Vec<u32> = doc.tasks().map(|t| t.number()).collect();
    assert_eq!(numbers, (1..=148).collect::<Vec<_>>());
    // Around 一百.
    let c99 = doc.category(99).unwrap();
    assert_eq!(c99.title(), "完善安全生产标准化建设");
    assert_eq!(
        c99.tasks().iter().map(|t| t.number()).collect::<Vec<_>>(),
        [131, 132]
    );
    assert_eq!(
        c99.tasks()[1].text(),
        "建立安全生产标准化建设工作台账，定期通报进展情况，确保按期完成。"
    );
    let c100 = doc.category(100).unwrap();
    assert_eq!(
        (c100.numeral(), c100.title()),
        ("一百", "推进就业服务综合改革")
    );
    assert_eq!(c100.tasks()[0].number(), 133);
    assert_eq!(
        c100.tasks()[0].text(),
        "围绕就业服务综合改革，制定年度工作方案，明确责任分工和完成时限。"
    );
    let c101 = doc.category(101).unwrap();
    assert_eq!(
        (c101.numeral(), c101.title()),
        ("一百零一", "强化创业孵化综合改革")
    );
    let t134 = doc.task(134).unwrap();
    assert_eq!(
        t134.units(),
        &UnitMapping::new(["区人社局", "区科技局"], ["人社局", "新经济局"])
    );
    let c110 = doc.category(110).unwrap();
    assert_eq!(
        (c110.numeral(), c110.title()),
        ("一百一十", "深化安全生产综合改革")
    );
    let c111 = doc.category(111).unwrap();
    assert_eq!(
        (c111.numeral(), c111.title()),
        ("一百一十一", "完善就业服务督查考核")
    );
    assert_eq!(
        c111.tasks().iter().map(|t| t.number()).collect::<Vec<_>>(),
        [147, 148]
    );
    // The numeral spans slice to the numerals as written.
    assert_eq!(&text[c101.numeral_span().unwrap().range()], "一百零一");
    assert!(text.contains("\n\t（一百零一）强化创业孵化综合改革\n"));
    // JSON carries the numerals.
    let json = serde_json::to_value(&doc).unwrap();
    assert_eq!(json["categories"][100]["number"], 101);
    assert_eq!(json["categories"][100]["numeral"], "一百零一");
}
