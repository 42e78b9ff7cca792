use super::*;

fn items(text: &str, cx: Context) -> Vec<(String, String)> {
    let segs = [Seg {
        start: 0,
        end: text.len(),
        new_line: true,
    }];
    let mut out = Vec::new();
    read(text, &segs, cx, &mut Scratch::default(), |item| {
        let (kind, value, span) = match item {
            Item::Unit(r, n, s) => (r.key().to_string(), n.into_owned(), s),
            Item::Leader(n, s) => ("leader".into(), n.into_owned(), s),
            Item::Deadline(n, s) => ("deadline".into(), n.into_owned(), s),
            Item::Remarks(n, s) => ("remarks".into(), n.into_owned(), s),
            Item::FirstListedLeads(s) => ("first".into(), String::new(), s),
            Item::UnknownLabel(s) => ("unknown".into(), text[s.range()].to_string(), s),
        };
        if !matches!(kind.as_str(), "first" | "unknown") {
            // Spans point at the value, unless it was joined.
            assert!(text[span.range()].contains(value.as_str()) || value.is_empty());
        }
        out.push((kind, value));
    });
    out
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn role_words_in_a_cell() {
    let cx = Context::column(Role::Units(UnitRole::Responsible));
    assert_eq!(
        items("市发改委牵头，市财政局、市人社局配合", cx),
        pairs(&[
            ("lead", "市发改委"),
            ("support", "市财政局"),
            ("support", "市人社局")
        ])
    );
    assert_eq!(
        items(
            "市政府办公室牵头,市级各有关部门及各县市区政府按职责分工负责",
            cx
        ),
        pairs(&[
            ("lead", "市政府办公室"),
            ("responsible", "市级各有关部门"),
            ("responsible", "各县市区政府")
        ])
    );
    assert_eq!(
        items("市委组织部、市人社局，各区、县级市", cx),
        pairs(&[
            ("responsible", "市委组织部"),
            ("responsible", "市人社局"),
            ("responsible", "各区"),
            ("responsible", "县级市")
        ])
    );
    assert_eq!(
        items(
            "各县(市、区)政府(管委会)、市交通委（市道运局）、市统计局等",
            cx
        ),
        pairs(&[
            ("responsible", "各县(市、区)政府(管委会)"),
            ("responsible", "市交通委（市道运局）"),
            ("responsible", "市统计局")
        ])
    );
    // The levels of the seed's layout keep their names whole.
    let level = Context::column(Role::Units(UnitRole::District));
    assert_eq!(
        items("区人社局、区财政局、", level),
        pairs(&[("district", "区人社局"), ("district", "区财政局")])
    );
    // `和` inside a name stays.
    assert_eq!(
        items("市人力资源和社会保障局", cx),
        pairs(&[("responsible", "市人力资源和社会保障局")])
    );
}

#[test]
fn clauses_of_lists() {
    let cx = Context::clause(Role::Units(UnitRole::Responsible));
    assert_eq!(
        items("牵头单位：市人社局，配合单位：市财政局，各区", cx),
        pairs(&[
            ("lead", "市人社局"),
            ("support", "市财政局"),
            ("support", "各区")
        ])
    );
    assert_eq!(
        items("责任领导:张三;牵头单位:区卫健局;责任单位:区财政局", cx),
        pairs(&[
            ("leader", "张三"),
            ("lead", "区卫健局"),
            ("responsible", "区财政局")
        ])
    );
    assert_eq!(
        items("市政府各部门分别负责,年内持续推进", cx),
        pairs(&[
            ("responsible", "市政府各部门"),
            ("deadline", "年内持续推进")
        ])
    );
    assert_eq!(
        items("牵头单位：市发改委，6月底完成", cx),
        pairs(&[("lead", "市发改委"), ("deadline", "6月底完成")])
    );
    assert_eq!(
        items(
            "市發展改革委、市經濟和信息化委、市統計局等負責,列第一位者為牽頭單位,下同",
            cx
        ),
        pairs(&[
            ("responsible", "市發展改革委"),
            ("responsible", "市經濟和信息化委"),
            ("responsible", "市統計局"),
            ("first", "")
        ])
    );
    assert_eq!(
        items("联系人：李四；牵头单位：甲", cx),
        pairs(&[("unknown", "联系人："), ("lead", "甲")])
    );
}

#[test]
fn one_name_per_line() {
    let text = "市发改委\n市财政局\n市统计\n局";
    let segs: Vec<Seg> = [(0, 12), (13, 25), (26, 35), (36, 39)]
        .into_iter()
        .map(|(start, end)| Seg {
            start,
            end,
            new_line: true,
        })
        .collect();
    let mut out = Vec::new();
    let cx = Context::column(Role::Units(UnitRole::Support));
    read(text, &segs, cx, &mut Scratch::default(), |item| {
        if let Item::Unit(_, name, _) = item {
            out.push(name.into_owned());
        }
    });
    assert_eq!(out, ["市发改委", "市财政局", "市统计局"]);
    assert!(unit_break("甲局", 6, 6));
    assert!(!unit_break("区财", 6, 6));
    assert!(!unit_break("区（市、县）局", 21, 15));
    // Traditional forms end names too.
    assert!(unit_break("市財政廳", 12, 12));
    assert!(unit_break("濱海新區", 12, 12));
    assert!(ends_like_body("市政府辦") && !ends_like_body("東疆"));
}

#[test]
fn deadlines() {
    for yes in [
        "6月底完成",
        "年内持续推进",
        "2023年12月底前",
        "长期坚持",
        "年内见成效",
        "每月推进",
    ] {
        assert!(looks_like_deadline(yes), "{yes}");
    }
    // A group that ends as a body's name does is a unit, whatever time
    // words it holds (the one list of body ends, `ends_like_body`).
    for no in [
        "市财政局",
        "各区",
        "市政府各部门",
        "县级市",
        "年底前市委办公室",
        "每月督查室",
    ] {
        assert!(!looks_like_deadline(no), "{no}");
    }
}

#[test]
fn first_listed_phrases() {
    assert!(states_first_listed_leads("列第一位者為牽頭單位,下同"));
    assert!(states_first_listed_leads(
        "二、责任分解中,列第一位的责任单位为牵头单位或汇总单位。"
    ));
    assert!(!states_first_listed_leads("第一位"));
}

#[test]
fn a_label_ends_at_a_colon_among_the_first_twelve_characters() {
    assert_eq!(
        label_prefix("牵头单位：市发改委"),
        Some((Role::Units(UnitRole::Lead), "牵头单位：".len()))
    );
    assert_eq!(
        label_prefix("配合单位:市财政局"),
        Some((Role::Units(UnitRole::Support), "配合单位:".len()))
    );
    // The colon as the twelfth character counts, as the thirteenth not.
    let eleven = "一二三四五六七八九十甲";
    assert_eq!(
        label_prefix(&format!("{eleven}：乙")).map(|(_, n)| n),
        Some(eleven.len() + 3)
    );
    assert_eq!(label_prefix(&format!("{eleven}乙：丙")), None);
    // Other characters led by 0xEF (`，` EF BC 8C) are not colons.
    assert_eq!(label_prefix("甲，乙"), None);
    assert_eq!(label_prefix(""), None);
}

#[test]
fn a_label_reads_through_artifacts_but_not_through_a_line_break() {
    // The artifact counts in the length, not in the twelve characters.
    let label = "分管[bookmark: _Toc12345678901]领导：";
    assert_eq!(
        label_prefix(&format!("{label}张三")),
        Some((Role::Leaders, label.len()))
    );
    let label = "牵头单位[bookmark: x]：";
    assert_eq!(
        label_prefix(&format!("{label}市发改委")),
        Some((Role::Units(UnitRole::Lead), label.len()))
    );
    // The artifact's own colon is not the label's.
    assert_eq!(label_prefix("[bookmark: x]甲"), None);
    // An artifact not closed is not passed over.
    assert_eq!(
        label_prefix("牵头[bookmark: x单位：甲").map(|(r, _)| r),
        Some(Role::Other)
    );
    assert_eq!(label_prefix("牵头单位\n\t：甲"), None);
    // A pinyin gloss is passed over as a marker is: deleting it (W005's
    // fix) leaves the same label (a fuzz find: the gloss counted as
    // characters of the label).
    let label = "]任单(cà)業責任單位:";
    assert_eq!(
        label_prefix(label),
        label_prefix("]任单業責任單位:").map(|(r, n)| (r, n + "(cà)".len()))
    );
    let label = "牽(qiān)頭單位：";
    assert_eq!(
        label_prefix(&format!("{label}市發改委")),
        Some((Role::Units(UnitRole::Lead), label.len()))
    );
}

#[test]
fn a_closing_bracket_the_name_never_opened_is_not_part_of_it() {
    let cx = Context::clause(Role::Units(UnitRole::Responsible));
    assert_eq!(
        items("责任单位:各街道]", cx),
        pairs(&[("responsible", "各街道")])
    );
    assert_eq!(
        items("各街道）、市交通委（市道运局）", cx),
        pairs(&[
            ("responsible", "各街道"),
            ("responsible", "市交通委（市道运局）")
        ])
    );
    // Balanced brackets stay.
    assert_eq!(
        items("各县(市、区)政府", cx),
        pairs(&[("responsible", "各县(市、区)政府")])
    );
}

#[test]
fn a_labeled_deadline_takes_the_groups_after_it_that_read_as_dates() {
    // Trailing groups that read as dates are the deadline of a clause
    // without one (`…，6月底完成`), but after `完成时限：` they are the
    // labeled deadline's own text: one deadline, nothing dropped.
    let cx = Context::clause(Role::Units(UnitRole::Responsible));
    assert_eq!(
        items("牵头单位：甲、乙，完成时限：6月;年底", cx),
        pairs(&[("lead", "甲"), ("lead", "乙"), ("deadline", "6月;年底")])
    );
    assert_eq!(
        items("牵头单位：甲，备注：试点;年内见成效", cx),
        pairs(&[("lead", "甲"), ("remarks", "试点;年内见成效")])
    );
    // Without a label, the trailing groups are the deadline, as before.
    assert_eq!(
        items("牵头单位：甲，配合单位：乙，6月底完成", cx),
        pairs(&[("lead", "甲"), ("support", "乙"), ("deadline", "6月底完成")])
    );
}

#[test]
fn white_space_between_whole_names_separates_them() {
    let breaks = |text: &str| {
        let segs = [Seg {
            start: 0,
            end: text.len(),
            new_line: true,
        }];
        let mut out = Vec::new();
        space_breaks(text, &segs, &mut out);
        out.iter()
            .map(|s| text[s.range()].to_string())
            .collect::<Vec<_>>()
    };
    // After a body's name, before another: a space, an ideographic space,
    // a run of them; after a closing bracket.
    assert_eq!(breaks("市发改委 市财政局"), [" "]);
    assert_eq!(breaks("市统计局　市商务局  市人社局"), ["　", "  "]);
    assert_eq!(breaks("市交通委（市道运局） 市公安局"), [" "]);
    assert_eq!(breaks("市政府辦 市財政廳"), [" "]);
    // Not inside a name spaced out, nor before a role word, a connector, a
    // label, `等`, a bracket, a deadline or a Latin letter, nor inside
    // brackets, nor a tab or a no-break space.
    for none in [
        "合 肥",
        "市 发 改 委",
        "市发改委 牵头",
        "市发改委 牽頭",
        "市发改委 和市财政局",
        "牵头单位：市交通局  配合单位：市公安局",
        "市发改委 等",
        "市发改委 （牵头）",
        "市发改委 年底前完成",
        "市发改委 A组",
        "各区（市发改委 市财政局）",
        "市发改委\t市财政局",
        "市发改委\u{a0}市财政局",
        "、 市财政局",
        "委 市财政局",
    ] {
        assert!(breaks(none).is_empty(), "{none}: {:?}", breaks(none));
    }
    // As the names are read: in a cell with roles, a clause, and the
    // seed's two levels.
    let cx = Context::column(Role::Units(UnitRole::Lead));
    assert_eq!(
        items("市发改委 市财政局、市统计局　市商务局", cx),
        pairs(&[
            ("lead", "市发改委"),
            ("lead", "市财政局"),
            ("lead", "市统计局"),
            ("lead", "市商务局")
        ])
    );
    assert_eq!(
        items("市发改委 市财政局牵头，市统计局 配合", cx),
        pairs(&[
            ("lead", "市发改委"),
            ("lead", "市财政局"),
            ("support", "市统计局")
        ])
    );
    let cx = Context::clause(Role::Units(UnitRole::Responsible));
    assert_eq!(
        items("牵头单位：市发改委 市财政局；配合单位：市统计局", cx),
        pairs(&[
            ("lead", "市发改委"),
            ("lead", "市财政局"),
            ("support", "市统计局")
        ])
    );
    let cx = Context::column(Role::Units(UnitRole::District));
    assert_eq!(
        items("区人社局 区财政局", cx),
        pairs(&[("district", "区人社局"), ("district", "区财政局")])
    );
}

#[test]
fn white_space_between_names_is_read_the_same_across_artifacts() {
    // The list's segments joined, as its values: an artifact between the
    // name and the space, or inside the word after it, changes nothing.
    let text = "市发改委[bookmark: x] 市财政局 牵[bookmark: y]头";
    let segs: Vec<Seg> = [
        (0, "市发改委".len(), true),
        (
            text.find(" 市").unwrap(),
            text.find("牵").unwrap() + "牵".len(),
            false,
        ),
        (text.find("头").unwrap(), text.len(), false),
    ]
    .into_iter()
    .map(|(start, end, new_line)| Seg {
        start,
        end,
        new_line,
    })
    .collect();
    let mut out = Vec::new();
    space_breaks(text, &segs, &mut out);
    assert_eq!(out, [Span::new(segs[1].start, segs[1].start + 1)]);
}

#[test]
fn a_bracket_of_unit_names_alone_names_units() {
    for yes in [
        "市发展改革委、市经济和信息化委、市财政局",
        "市發展改革委、市經濟和信息化委、市財政局",
        "市商务局、市农业局等",
        "市发改委",
        "各区政府",
        "市交通委（市道运局）、市公安局",
        "市发改委、各区，年底前完成",
        "各区、各县",
    ] {
        assert!(names_units(yes), "{yes}");
    }
    // A text's own note: one name that does not start as a unit's does,
    // places only, words that are not names, numbers, sentences.
    for no in [
        "试点单位",
        "包括市场监管局",
        "含开发区、保税区",
        "试行",
        "2023—2025年",
        "草案",
        "以下简称市发改委",
        "市发改委。负责",
        "",
        "局",
        "市发改委、",
    ] {
        assert!(!names_units(no), "{no}");
    }
}
