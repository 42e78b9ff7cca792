//! Deterministic documents of the family, at any size, for benchmarks and
//! tests.
//!
//! [`generate`] writes a 重点任务清单和责任分工表 from a seed: a preamble, the
//! header row, then as many numbered categories of numbered tasks as asked
//! for (or as many as it takes to reach a length), with texts, titles and
//! units drawn from the vocabulary of the seed document. With
//! [`GenerateOptions::quirks`] the layout has the seed's oddities sprinkled
//! in: filler cells, wrapped labels and titles, headings sharing a row with
//! their first task, blank lines inside a heading cell, extraction artifacts,
//! trailing `、`, and a stray last line.
//!
//! Every generated document parses strictly and prints back its bytes, and
//! the same options always give the same bytes: the pseudo-random choices
//! come from a built-in splitmix64, with no hashing and no floating point.
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

use std::fmt::Write as _;

use crate::model::{Category, Document, LineEnding, Task, UnitMapping};
use crate::numeral;

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
    /// How many categories to write, at least.
    pub categories: usize,
    /// Keep adding categories until the text is at least this many bytes
    /// long; `0` for no minimum.
    pub min_len: usize,
    /// The fewest tasks in a category.
    pub min_tasks: usize,
    /// The most tasks in a category (taken as `min_tasks` if smaller).
    pub max_tasks: usize,
    /// Whether to sprinkle in the seed's oddities. Without them the text is
    /// in the canonical layout of [`crate::write`].
    pub quirks: bool,
    /// The line ending of every line.
    pub line_ending: LineEnding,
    /// Whether the text starts with a byte order mark.
    pub bom: bool,
}

impl Default for GenerateOptions {
    /// 28 categories of one to five tasks with quirks, line feeds, no byte
    /// order mark, seed 0.
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

/// The district level of every generated document.
const DISTRICT: &str = "滨海新区";

/// The local level, one per document.
const LOCAL_ZONES: [&str; 6] = ["东疆", "保税区", "高新区", "经开区", "生态城", "中心商务区"];

/// What a title ends with, after the local zone's name.
const TITLE_SUFFIX: &str = "重点任务清单和责任分工表";

/// The category titles of the seed document.
const TITLES: [&str; 28] = [
    "加大援企稳岗力度",
    "加强对企业金融支持",
    "引导企业开拓国内市场",
    "规范企业裁员行为",
    "挖掘内需带动就业",
    "加大投资创造就业",
    "加大项目引进建设力度",
    "培育壮大新动能拓展就业空间",
    "鼓励青年群体基层就业",
    "鼓励企业吸纳就业",
    "支持灵活就业和新就业形态",
    "加强托底安置就业",
    "加大创业培训力度",
    "给予首次创业补贴",
    "给予创业房租补贴",
    "支持创业孵化载体建设",
    "加大创业担保贷款支持力度",
    "大力推进职业技能提升行动",
    "加强职业培训基础能力建设",
    "推进就业服务全覆盖",
    "建立重点企业用工输送奖励机制",
    "强化常态化智慧化服务管理",
    "充分发挥失业保险作用",
    "做好困难人员生活保障",
    "完善工作组织协调机制",
    "完善就业形势监测机制",
    "完善突发事件处置机制",
    "完善舆论宣传引导机制",
];

/// Verbs and objects of further category titles.
const TITLE_VERBS: [&str; 16] = [
    "加大",
    "加强",
    "引导",
    "规范",
    "挖掘",
    "鼓励",
    "支持",
    "完善",
    "强化",
    "培育",
    "推进",
    "做好",
    "充分发挥",
    "建立",
    "落实",
    "深化",
];

const TITLE_OBJECTS: [&str; 24] = [
    "援企稳岗力度",
    "企业金融支持",
    "企业开拓国内市场",
    "内需带动就业",
    "投资创造就业",
    "项目引进建设力度",
    "新动能拓展就业空间",
    "青年群体基层就业",
    "企业吸纳就业",
    "灵活就业和新就业形态",
    "托底安置就业",
    "创业培训力度",
    "首次创业补贴",
    "创业孵化载体建设",
    "创业担保贷款支持力度",
    "职业技能提升行动",
    "职业培训基础能力建设",
    "就业服务全覆盖",
    "重点企业用工输送奖励机制",
    "常态化智慧化服务管理",
    "失业保险作用",
    "困难人员生活保障",
    "工作组织协调机制",
    "就业形势监测机制",
];

/// District units and the local unit that matches each, as in the seed.
const UNIT_PAIRS: [(&str, &str); 26] = [
    ("区人社局", "人社局"),
    ("区财政局", "财政局"),
    ("区金融局", "金融局"),
    ("人民银行滨海新区中心支行", "金融局"),
    ("人民银行滨海支行", "金融局"),
    ("滨海银保监分局", "金融局"),
    ("区发改委", "经改局"),
    ("区工信局", "经改局"),
    ("区商促局", "商促局"),
    ("区总工会", "党群工作部"),
    ("团区委", "党群工作部"),
    ("区卫健委", "社发局"),
    ("区教体局", "社发局"),
    ("区民政局", "社发局"),
    ("区退役军人局", "社发局"),
    ("区残联", "社发局"),
    ("区军事部", "社发局"),
    ("区交运局", "环城局"),
    ("区城管委", "环城局"),
    ("区住建委", "规建局"),
    ("各街镇", "规建局"),
    ("区科技局", "新经济局"),
    ("区国资委", "财政局"),
    ("各开发区", "各招商部门"),
    ("各开发区管委会", "党委办"),
    ("保税区", "人社局"),
];

/// A district unit whose name holds a `、` inside parentheses.
const PAREN_UNIT: &str = "各街镇（开发区、园区）";

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

    fn run(mut self) -> (String, Document<'static>) {
        self.preamble();
        self.header();
        let mut count = 0usize;
        while count < self.options.categories || self.out.len() < self.options.min_len {
            count += 1;
            self.category(u32::try_from(count).unwrap_or(u32::MAX));
        }
        if self.quirks {
            // The seed's last line: a stray space without a line ending.
            self.push(" ");
        }
        (self.out, self.doc)
    }

    fn preamble(&mut self) {
        if self.options.bom {
            self.push("\u{feff}");
        }
        if self.quirks {
            self.eol();
        }
        self.line("附件：");
        let local = self.local;
        if self.quirk(30) {
            // A title wrapped over two lines.
            self.push(local);
            self.line("重点任务清单");
            self.line("和责任分工表");
        } else {
            self.push(local);
            self.line(TITLE_SUFFIX);
        }
    }

    fn header(&mut self) {
        self.line("\t序号");
        self.line("\t工作任务");
        for zone in [DISTRICT, self.local] {
            self.push("\t");
            self.push(zone);
            if self.quirks {
                // Wrapped as in the seed: `滨海新区` / `责任单位`.
                self.eol();
            }
            self.line("责任单位");
        }
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

    fn category(&mut self, number: u32) {
        let (title, wrap) = self.category_title();
        let numeral = numeral::to_chinese(number);
        // The row break before the heading, sometimes two blank lines.
        self.eol();
        if self.quirk(4) {
            self.eol();
        }
        let roll = if self.quirks {
            self.rng.below(100)
        } else {
            100
        };
        match roll {
            0..=4 => {
                // A heading cell holding blank lines before its text, its
                // title on the next line: `\t\n\n\n\n（五）\n挖掘…`.
                self.line("\t");
                for _ in 0..self.rng.between(1, 3) {
                    self.eol();
                }
                self.push("（");
                self.push(&numeral);
                self.line("）");
                self.line(&title);
            }
            5..=14 => {
                // The title on the next line: `\t（十）\n鼓励…`.
                self.push("\t（");
                self.push(&numeral);
                self.line("）");
                self.line(&title);
            }
            15..=20 => {
                // Spaces before the heading: `\t （十一）…`.
                let space = self.rng.pick(&[" ", "  ", "\u{3000}"]);
                self.push("\t");
                self.push(space);
                self.push("（");
                self.push(&numeral);
                self.push("）");
                self.line(&title);
            }
            21..=24 if wrap > 0 && wrap < title.len() => {
                // A title wrapped within.
                self.push("\t（");
                self.push(&numeral);
                self.push("）");
                self.line(&title[..wrap]);
                self.line(&title[wrap..]);
            }
            _ => {
                self.push("\t（");
                self.push(&numeral);
                self.push("）");
                self.line(&title);
            }
        }
        let mut category = self.keep.then(|| Category::new(number, title));
        let tasks = self
            .rng
            .between(self.options.min_tasks, self.options.max_tasks);
        for k in 0..tasks {
            if k == 0 {
                // The first task in its own row, or (with quirks, often) in
                // the heading's row.
                if !self.quirk(60) {
                    self.eol();
                }
            } else {
                self.eol();
                if self.quirk(85) {
                    // A filler cell: a lone tab.
                    self.line("\t");
                }
            }
            let task = self.task();
            if let (Some(category), Some(task)) = (&mut category, task) {
                category.push_task(task);
            }
        }
        if let Some(category) = category {
            self.doc.push_category(category);
        }
    }

    fn task(&mut self) -> Option<Task<'static>> {
        self.task_number = self.task_number.saturating_add(1);
        let number = self.task_number;
        let _ = write!(self.out, "\t{number}");
        self.eol();
        // The text, sometimes after an artifact, sometimes over two lines.
        let first = self.sentence();
        self.push("\t");
        if self.quirk(3) {
            let row = u64::from(number) + 2;
            let _ = write!(self.out, "[bookmark: RANGE!C{row}]");
        }
        self.line(&first);
        let text = if self.quirk(5) {
            let second = self.sentence();
            self.line(&second);
            format!("{first}\n{second}")
        } else {
            first
        };
        // The units.
        let count = match self.rng.below(100) {
            0..=39 => 1,
            40..=74 => 2,
            75..=91 => 3,
            _ => 4,
        };
        let mut district: Vec<&'static str> = Vec::with_capacity(count + 1);
        let mut local: Vec<&'static str> = Vec::with_capacity(count);
        for _ in 0..count {
            // Most tasks fall to the 人社局 and the 财政局, as in the seed.
            let (d, l) = if self.rng.chance(45) {
                UNIT_PAIRS[self.rng.below(2)]
            } else {
                self.rng.pick(&UNIT_PAIRS)
            };
            if !district.contains(&d) {
                district.push(d);
                if !local.contains(&l) {
                    local.push(l);
                }
            }
        }
        if self.quirk(3) {
            district.push(PAREN_UNIT);
        }
        self.unit_cell(&district);
        self.unit_cell(&local);
        self.keep
            .then(|| Task::new(number, text, UnitMapping::new(district, local)))
    }

    /// A task text: rarely one of the seed's as it is (a document repeats a
    /// task now and then, as the seed does), mostly three to six of their
    /// clauses joined anew, so that a large document's tasks are as distinct
    /// as a real one's.
    fn sentence(&mut self) -> String {
        if self.rng.chance(2) || self.clauses.is_empty() {
            return self.rng.pick(&SENTENCES).to_string();
        }
        let count = self.rng.between(3, 6);
        let mut text = String::new();
        for k in 0..count {
            if k > 0 {
                text.push('，');
            }
            let at = self.rng.below(self.clauses.len());
            if let Some(clause) = self.clauses.get(at) {
                text.push_str(clause);
            }
        }
        text.push('。');
        text
    }

    /// A unit cell: names joined with `、`; with quirks sometimes wrapped
    /// after a `、`, sometimes with a trailing `、`.
    fn unit_cell(&mut self, names: &[&str]) {
        let wrap_after = if names.len() >= 2 && self.quirk(3) {
            self.rng.between(1, names.len() - 1)
        } else {
            0
        };
        self.push("\t");
        for (i, name) in names.iter().enumerate() {
            if i > 0 {
                self.push("、");
                if i == wrap_after {
                    self.eol();
                }
            }
            self.push(name);
        }
        if self.quirk(4) {
            self.push("、");
        }
        self.eol();
    }
}
/// The task texts of the seed document, the generator's main vocabulary.
const SENTENCES: [&str; 72] = [
    "继续阶段性降低本市失业保险缴费费率至2021年7月31日。",
    "对依法缴纳失业保险费满12个月，不裁员或裁员率低于本市城镇调查失业率控制目标的企业，返还其上年度企业与职工实际缴纳失业保险费的50%，对参保职工30人及以下的小微企业，裁员率放宽至20%。对困难企业开展在岗职工培训的，给予补贴支持。",
    "落实普惠金融定向降准政策，重点投向民营企业和小微企业，释放资金支持实体经济发展。",
    "搭建银企对接平台，鼓励银行加大对民营企业和小微企业金融服务支持力度，增加制造业中小微企业中长期贷款和信用贷款。",
    "鼓励银行为重点企业制定专门信贷计划，对遇到暂时困难但符合守信条件的企业，不得盲目抽贷、断贷。",
    "发挥金融监管机构作用，鼓励银行为重点企业制定专门信贷计划，对遇到暂时困难但符合授信条件的企业，不得盲目抽贷、断贷。积极推进金融产品或服务模式创新，鼓励各银行机构开展无还本续贷业务，简化工作流程，缩短办理时间。",
    "建立信息沟通机制，帮助有意愿的中西部和东北地区各类产业园区与新区各开发区对接。",
    "搭建跨部门综合服务平台，加强企业产销融通对接，以产业为突破口，开展京津冀地区产业转移对接。",
    "发挥智能制造专项资金的引导作用，支持大型工业企业采购销售平台建设，实现供应仓储、生产计划、城市配送的精准对接。",
    "支持工业电子商务平台建设，提供在线交易、支付结算、物流配送、信息技术等服务，打造一批试点示范项目。",
    "参与“津品网上行”系列活动，加大新区品牌培育力度。",
    "支持企业与职工就薪酬待遇、工时调整、轮岗轮休、在岗培训等事项开展集体协商，签订集体合同或补充协议，保留劳动关系。",
    "对拟进行经济性裁员的企业，指导其依法依规制定和实施职工安置方案，提前30日向工会或全体职工说明相关情况，依法依规支付经济补偿，偿还欠薪欠费。",
    "统筹做好被裁减人员领取失业金、职业培训、职业指导、职业介绍等服务。",
    "鼓励餐饮、家政、洗染等多种形式的社区生活服务业态聚集发展，增强社区服务吸纳就业能力。",
    "开展家政服务业提质扩容“领跑者”行动，推进家政培训提升行动和家政服务领域信用建设专项行动，提升从业人员水平。",
    "支持社会力量发展普惠托育服务，增加普惠性托育服务供给。通过政府购买服务等方式，支持养老服务机构向重点人群提供服务。持续增加养老服务供给，鼓励社会资本投入养老事业，建设一批养老机构和社区老年日间照料中心。",
    "落实《天津市小客车总量调控管理办法》（津政发〔2019〕31号），进一步提高指标利用效率，推广新能源汽车应用，加快推进老旧汽车报废更新。",
    "加强新能源汽车配套充电基础设施建设，新建一批公共充电桩，促进新能源汽车消费及产业发展。",
    "支持新区服务外包企业扩大在岸外包业务规模和提升服务水平，积极为行政事业单位、国有企业提供专业服务。",
    "支持城市停车场设施建设，加快国家物流枢纽网络建设。",
    "精准对接国内外500强、“隐形冠军”“独角兽”企业，大力开展敲门招商、平台招商、以商招商，积极引进具有成长潜力的种子期、初创期项目，鼓励领军人物打包技术、人才等资源“带土移植”，引进一批串链补链强链项目。",
    "落实招商奖励政策，完善联动招商机制，进一步推进重大项目加快落地。",
    "大力发展以人工智能为核心的新一代信息技术、生物医药、新能源新材料等产业，实施优质企业培育工程，培育一批单项冠军企业、“专精特新”企业，壮大新动能底盘。",
    "加快落实5G发展的实施意见，推进网络建设、应用发展和产业聚集。推动“5G+工业互联网”融合发展。",
    "落实首台（套）重大技术装备示范应用相关政策，支持科技型企业到海外投资。",
    "将见习人员范围扩大至本市中等职业学校、技工院校毕业学年在校生，给予见习生活费、带教费、意外伤害保险费补贴和留用奖励。",
    "见习生活费补贴标准提高至本市最低工资标准的80%，单位留用奖励标准提高至每人3000元。",
    "支持用人单位接收外省市重点高校学生开展实习实践，给予实习学生本市最低工资标准80%的生活费补贴，对实习后留用的，给予单位留用补贴。",
    "组织实施“三支一扶”计划、大学生志愿服务西部计划等基层服务项目。",
    "公开招聘一批从事基层教育、医疗、社会服务人员充实基层服务力量。",
    "支持应届高校毕业生入伍。",
    "小微企业、初创期科技型中小企业、大学生创业企业吸纳毕业2年内的本市高校毕业生（本市生源和本市院校外地生源，下同），养老服务企业（含民办非企业单位）、员工制家政服务企业吸纳毕业2年内的本市高校毕业生、就业困难人员、困难村劳动力，各类企业吸纳零就业家庭人员、单亲家庭人员、低保家庭人员、需赡养患重大疾病直系亲属人员、其他女年满35周岁男年满45周岁就业困难人员以及建档立卡贫困劳动力的，给予企业最长3年五项社保补贴（养老、医疗、失业、工伤、生育保险，下同）和1年岗位补贴；各类企业（养老服务企业、员工制家政服务企业除外）吸纳其他就业困难人员，给予企业最长1年五项社保补贴。社保补贴期限一般不超过3年，距法定退休年龄不足5年的可延长至退休。",
    "各类企业吸纳本市登记失业半年以上人员就业且签订1年以上劳动合同并按规定缴纳社会保险的，按照每人1000元标准，给予企业一次性吸纳就业补贴，实施期限为2020年1月1日至12月31日。",
    "支持劳动者通过临时性、非全日制、季节性、弹性工作等灵活多样形式实现就业。研究完善新就业形态人员劳动用工、就业服务、权益保障等政策措施。",
    "对毕业2年内的本市高校毕业生从事个体经营或灵活就业的，给予最长2年三项社保补贴（养老、医疗、失业保险，下同），补贴标准为最低缴费标准的2/3。对就业困难人员从事个体经营或灵活就业的，给予最长3年三项社保补贴，其中，零就业家庭人员、单亲家庭人员、低保家庭人员、需赡养患重大疾病直系亲属人员，补贴标准为最低缴费标准的3/4；其他女年满40周岁、男年满50周岁的就业困难人员，补贴标准为最低缴费标准的1/2。对距法定退休年龄不足5年的可延长至退休。灵活就业保险补贴享受期满，符合享受最低生活保障条件，且需赡养患重大疾病直系亲属或单亲家庭人员的，可以重新认定就业困难人员继续申请享受社保补贴。",
    "在家政、养老、物业等行业遴选一批社区服务型岗位，专门用于安置市场渠道难以就业的就业困难人员，在给予企业社保补贴和岗位补贴的基础上，每个岗位每月再给予企业最高1000元补助，最长3年。",
    "开发一批公共服务类岗位，增加公益性岗位数量，建立排序机制，优先安置距法定退休年龄不足5年的零就业家庭人员、单亲家庭人员、低保家庭人员、需赡养患重大疾病直系亲属人员，给予用人单位最长3年五项社保补贴和岗位补贴，距法定退休年龄不足5年的，补贴期限可延长至退休。对补贴期满仍难以通过其他渠道实现就业的特殊困难人员，可再次通过公益性岗位予以安置，累计安置不超过2次。",
    "组织农村就业困难群体参与工程项目建设。",
    "对本市全日制高校在校生、毕业5年内的高校毕业生、落户5年内的“海河英才”、农村富余劳动力、登记失业人员均可参加免费创业培训，按照每人500元的标准，给予培训机构培训费补贴。对培训后半年内创办企业的，按照每人1000元的标准，再给予培训机构创业成功补贴。",
    "支持创业培训机构开发特色创业培训课程、创业孵化载体开展创业实训、选聘企业家以及相关领域专家担任创业导师，并给予补贴。",
    "对本市毕业5年内的高校毕业生、落户5年内的“海河英才”、就业困难人员首次创办企业的，给予最长3年五项社保补贴和1年岗位补贴。",
    "对登记失业半年以上人员、返乡入乡人员首次创办企业且正常经营满1年的，给予3000元一次性创业补贴。",
    "对重点创业人群（本市全日制高校在校生、毕业5年内的高校毕业生、落户5年内的“海河英才”，下同）租房创办企业和个体工商户的，给予每月1000元补贴，在此基础上，每带动就业1人，补贴标准增加500元，每月最高2500元，补贴期限最长2年。",
    "支持各类创业孵化载体为大学生、退役军人、返乡农民工等群体提供创业孵化服务。对注册经营满1年、建筑面积1500平方米以上、能够提供完善的孵化服务、在孵初创企业（重点创业人群、退役军人、登记半年以上失业人员、就业困难人员、返乡农民工、残疾人等创办）30户以上、平均每户带动就业3人以上的创业孵化载体，可认定为天津市创业孵化基地。",
    "对认定的天津市创业孵化基地给予建设费补贴、孵化补贴、带动就业补贴。建设费补贴最高50万元，对大学生创办在孵企业占50%以上的，补贴标准上浮50%；每新增1户孵化企业、生产经营满1年、带动就业2人以上的，给予1万元孵化补贴；根据每年在孵企业新增带动就业人数，按照每人3000元的标准给予带动就业补贴。被评为国家级和市级创业孵化示范基地的，分别给予最高100万元和50万元奖励。",
    "在新区创业的各类人员，可申请最高30万元创业担保贷款，重点创业人群可申请最高50万元，贷款期限最长3年，在规定贷款额度、利率和贴息期限内给予全额贴息。",
    "小微企业当年新招用符合创业担保贷款申请条件的人数达到企业现有在职职工人数20%（100人以上企业达到10%），可申请最高300万元贷款，期限最长2年，按贷款合同签订日的1年期贷款市场报价利率（LPR）的50%给予贴息。",
    "加大创业担保贷款政策实施力度，对经国家级和市级创业孵化示范基地推荐的创业人员，可免担保申请贷款。",
    "鼓励经办银行通过免担保或其他担保方式直接办理贷款，简化经办流程，扩大贷款规模，为小微企业和创业者提供融资服务。",
    "落实职业培训补贴政策，鼓励各类劳动者积极参加职业培训，按规定给予职业培训补贴和生活费补贴。",
    "发挥企业培训主阵地作用，大力开展职工技能提升或转岗转业培训。",
    "鼓励失业人员参加就业技能或创业培训，提升失业人员就业创业能力。",
    "加强高校毕业生、退役军人、农民工、就业困难人员等重点群体培训，全面提升劳动者技能水平。",
    "深入实施“海河工匠”建设，完善新型学徒制、名师带徒、大师带培等技能人才梯次培养体系。",
    "积极搭建技能人才培养平台，支持国家级和市级高技能人才培训基地、大师工作室、劳模和工匠人才创新工作室、世界技能大赛中国集训基地、企业公共实训基地建设。",
    "深化产教融合、校企合作，支持各类企业和职业院校（含技工学校）合作建设职工培训中心、企业大学和继续教育基地，鼓励设备设施、教学师资、课程教材等培训资源共建共享。",
    "加强公共实训基地和产教融合实训基地建设。",
    "推进就业服务全覆盖，畅通线上线下相结合的就业登记渠道，实现就业登记与参保登记、劳动合同备案统一办理。",
    "打破户籍限制，推动失业登记在常住地办理，完善失业登记动态退出机制。建立登记失业人员定期联系和分级分类服务制度，每月开展1次跟踪调查，并及时提供就业服务。",
    "加强重大项目、重大工程、专项治理对就业影响跟踪应对，对涉及企业关停并转的，主管部门要及时将企业信息提供给当地人力资源社会保障部门；对可能造成规模性失业的，要同步制定应对措施。",
    "对本市人力资源服务机构向重点缺工企业一次性输送30人以上且签订1年以上劳动合同的，根据输送人数和稳定就业时间，按照每人最高600元的标准给予奖励；对职业院校一次性输送毕业生或实习学生30人以上且就业或实习3个月以上的，按照每人最高1000元的标准给予奖励。",
    "实施基层公共就业服务智能化提升计划，建立登记失业人员常态化服务制度，定期提供职业介绍、职业指导、创业服务，推介就业创业政策和职业培训项目，对其中的就业困难人员提供就业援助。",
    "优化就业创业服务流程，推进网上办理，实现大数据共享对比，提高公共就业服务标准化、智能化、规范化水平。",
    "适时提高失业保险金标准，切实保障失业人员基本生活。扩展申领渠道，实现失业保险金线上领取。对领取失业保险金期满仍未就业且距法定退休年龄不足1年的人员，继续发放失业保险金至法定退休年龄。",
    "对登记失业的本市低收入救助家庭人员，给予一次性2000元临时生活补助，实施期限截至2020年12月31日。",
    "对最低生活保障、低收入家庭中的无业人员和毕业生首次就业的，自正式签订劳动合同当月起1年内，核定家庭收入时每月扣减600元。",
    "将生活困难的失业人员及家庭，按规定纳入最低生活保障、低收入家庭救助、临时救助等社会救助范围。",
    "切实履行稳就业主体责任，建立负责人牵头、相关部门共同参与的工作组织、领导机制，及时分析就业工作形式及质量。",
    "多维度开展重点区域、重点群体、重点行业、重点企业就业监测。加强社保缴纳、招聘求职等大数据比对分析，健全多方参与的就业形势研判机制。",
    "第一时间处置并上报因规模性失业引发的群体性突发事件，防止矛盾激化和事态扩大，将矛盾化解在基层。处置过程中，当地政府可根据需要与可能、统筹不同群体就业需求，依法依规制定临时性应对措施。",
    "充分利用媒体媒介宣传党中央、国务院关于稳就业的决策部署和市委、市政府相关部署要求，深入宣传就业创业政策，宣传就业创业先进典型，及时处置稳就业方面的重大舆情，全力稳定社会预期，形成有利于稳定就业的社会氛围。",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn check(options: &GenerateOptions) -> String {
        let (text, expected) = generate_with_document(options);
        let doc = match crate::parse(&text) {
            Ok(doc) => doc,
            Err(e) => panic!("{options:?} does not parse: {e}"),
        };
        assert_eq!(doc.to_string(), text, "{options:?} does not print back");
        assert_eq!(doc, expected, "{options:?} parses to other values");
        assert_eq!(
            generate(options),
            text,
            "{options:?} differs without a model"
        );
        let numbers: Vec<u32> = doc.tasks().map(Task::number).collect();
        assert!(numbers.iter().copied().eq(1..=numbers.len() as u32));
        let categories: Vec<u32> = doc.categories().iter().map(Category::number).collect();
        assert!(categories.iter().copied().eq(1..=categories.len() as u32));
        assert!(categories.len() >= options.categories);
        assert!(text.len() >= options.min_len);
        text
    }

    #[test]
    fn small_documents_parse_and_print_back() {
        for seed in 0..8 {
            for categories in [0, 1, 3, 28] {
                for line_ending in [LineEnding::Lf, LineEnding::CrLf, LineEnding::Cr] {
                    for quirks in [true, false] {
                        check(&GenerateOptions {
                            seed,
                            categories,
                            quirks,
                            line_ending,
                            bom: seed % 3 == 0,
                            ..GenerateOptions::default()
                        });
                    }
                }
            }
        }
    }

    #[test]
    fn task_counts_follow_the_options() {
        for (min_tasks, max_tasks) in [(0, 0), (0, 3), (2, 2), (5, 1)] {
            let options = GenerateOptions {
                seed: 5,
                categories: 40,
                min_tasks,
                max_tasks,
                ..GenerateOptions::default()
            };
            let text = check(&options);
            let Ok(doc) = crate::parse(&text) else {
                panic!("does not parse")
            };
            for category in doc.categories() {
                let n = category.tasks().len();
                assert!(n >= min_tasks && n <= max_tasks.max(min_tasks), "{n}");
            }
        }
    }

    #[test]
    fn thousands_of_categories() {
        let options = GenerateOptions {
            seed: 11,
            categories: 1_050,
            min_tasks: 1,
            max_tasks: 1,
            ..GenerateOptions::default()
        };
        let text = check(&options);
        let Ok(doc) = crate::parse(&text) else {
            panic!("does not parse")
        };
        assert_eq!(doc.categories().len(), 1_050);
        assert_eq!(doc.category(1_000).map(Category::numeral), Some("一千"));
        assert_eq!(doc.category(1_001).map(Category::numeral), Some("一千零一"));
        assert_eq!(
            doc.category(1_050).map(Category::numeral),
            Some("一千零五十")
        );
    }

    #[test]
    fn documents_of_a_length() {
        for (target, seed) in [(0, 1), (1, 2), (1_000, 3), (50_000, 4), (400_000, 5)] {
            let text = generate_bytes_at_least(target, seed);
            assert!(text.len() >= target);
            check(&GenerateOptions::with_min_len(target, seed));
        }
        for line_ending in [LineEnding::CrLf, LineEnding::Cr] {
            check(&GenerateOptions {
                line_ending,
                bom: true,
                ..GenerateOptions::with_min_len(200_000, 6)
            });
        }
    }

    #[test]
    fn same_seed_same_bytes() {
        for seed in [0, 1, u64::MAX] {
            let a = generate_bytes_at_least(30_000, seed);
            assert_eq!(a, generate_bytes_at_least(30_000, seed));
            assert_ne!(a, generate_bytes_at_least(30_000, seed ^ 1));
        }
        // Pinned: the same bytes on every platform and release.
        let text = generate(&GenerateOptions::default());
        let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        assert_eq!((text.len(), hash), PINNED, "the generator's output changed");
    }

    /// Length and FNV-1a hash of `generate(&GenerateOptions::default())`.
    const PINNED: (usize, u64) = (28_316, 332_375_033_013_885_710);

    #[test]
    fn plain_documents_are_canonical() {
        for seed in 0..4 {
            let text = generate(&GenerateOptions {
                seed,
                categories: 60,
                quirks: false,
                ..GenerateOptions::default()
            });
            let Ok(doc) = crate::parse(&text) else {
                panic!("does not parse")
            };
            assert_eq!(crate::to_canonical_string(&doc), text);
        }
    }

    #[test]
    fn quirks_show_up() {
        let text = generate(&GenerateOptions {
            seed: 2,
            categories: 1_500,
            ..GenerateOptions::default()
        });
        for quirk in [
            "\n\t\n\t",               // a filler cell before a task
            "\t\n\n\n（",             // blank lines in a heading cell
            "）\n",                   // a title on the next line
            "\t （",                  // a space before a heading
            "\t\u{3000}（",           // an ideographic one
            "[bookmark: RANGE!C",     // an artifact
            "、\n\n",                 // a trailing 、
            "、\n区",                 // a unit cell wrapped after a 、
            "各街镇（开发区、园区）", // a 、 inside parentheses
            "\t滨海新区\n责任单位\n", // a wrapped column label
            "\n\n\n\t（",             // two blank lines before a heading
            "\n\t（一千零一）",       // numerals past 一千
        ] {
            assert!(text.contains(quirk), "no {quirk:?}");
        }
        assert!(text.ends_with("人社局\n ") || text.ends_with("\n "));
        let Ok(doc) = crate::parse(&text) else {
            panic!("does not parse")
        };
        assert!(doc.tasks().any(|t| t.text().contains('\n')));
        assert!(doc.tasks().all(|t| !t.text().contains("bookmark")));
        assert!(doc
            .tasks()
            .any(|t| t.units().district_names().any(|n| n == PAREN_UNIT)));
        let same_row = doc.categories().iter().filter(|c| {
            let (Some(heading), Some(task)) = (c.span(), c.tasks().first().and_then(Task::span))
            else {
                return false;
            };
            !text[heading.end..task.start].contains('\n')
        });
        assert!(same_row.count() > 100);
    }
}
