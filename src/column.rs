//! Columns and roles: what each column of a table holds, read once from its
//! header label, and the roles a task's units play.
//!
//! Every document of the family says the same things in its own columns: a
//! number (`序号`), the task (`工作任务`, `重点项目`, …), the units that lead
//! it (`牵头单位`), support it (`配合单位`) or answer for it (`责任单位`),
//! sometimes at two levels (the seed's `滨海新区责任单位` and
//! `东疆责任单位`), the leaders in charge (`责任领导`), a deadline
//! (`完成时限`) and remarks (`备注`). [`Role::of_label`] reads a label;
//! [`Columns`] holds a header's columns and answers which column holds what,
//! so that no part of fengong counts cells.
//!
//! ```
//! use fengong::{Columns, Role, UnitRole};
//!
//! let columns = Columns::from_labels(["序号", "重点任务", "牵头单位", "配合单位", "完成时限"]);
//! assert_eq!(columns.role(2), Some(Role::Units(UnitRole::Lead)));
//! assert_eq!(columns.index_of(Role::Deadline), Some(4));
//! assert_eq!(columns.unit_roles().collect::<Vec<_>>(), [UnitRole::Lead, UnitRole::Support]);
//!
//! // Two `<place>责任单位` columns are the two levels of the seed's layout.
//! let seed = Columns::from_labels(["序号", "工作任务", "滨海新区责任单位", "东疆责任单位"]);
//! assert_eq!(seed.role(3), Some(Role::Units(UnitRole::Local)));
//! assert_eq!(seed.place(UnitRole::District), Some("滨海新区"));
//! ```
//!
//! Labels are read in simplified and traditional characters alike
//! (`牽頭單位` is `牵头单位`), and a label split over two lines of its cell
//! reads as one (`滨海新区` / `责任单位`).

use std::borrow::Cow;
use std::fmt;

use crate::span::Span;

/// The role a task's units play. The JSON form names it by [`key`](Self::key).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum UnitRole {
    /// The upper level of a two-level table (the seed's `滨海新区责任单位`).
    District,
    /// The lower level of a two-level table (the seed's `东疆责任单位`).
    Local,
    /// The units that lead the task (`牵头单位`).
    Lead,
    /// The units that support the lead (`配合单位`, `协办单位`).
    Support,
    /// The units that answer for the task, in a plain list (`责任单位`).
    Responsible,
}

impl UnitRole {
    /// Every role, in the order a task's units are kept and written.
    pub const ALL: [UnitRole; 5] = [
        UnitRole::District,
        UnitRole::Local,
        UnitRole::Lead,
        UnitRole::Support,
        UnitRole::Responsible,
    ];

    /// The role's key in the JSON form: `district`, `local`, `lead`,
    /// `support`, `responsible`.
    pub const fn key(self) -> &'static str {
        match self {
            UnitRole::District => "district",
            UnitRole::Local => "local",
            UnitRole::Lead => "lead",
            UnitRole::Support => "support",
            UnitRole::Responsible => "responsible",
        }
    }

    /// The role with JSON key `key`.
    ///
    /// ```
    /// assert_eq!(fengong::UnitRole::from_key("lead"), Some(fengong::UnitRole::Lead));
    /// ```
    pub fn from_key(key: &str) -> Option<UnitRole> {
        UnitRole::ALL.into_iter().find(|r| r.key() == key)
    }

    /// The usual label of a column or clause field of this role:
    /// `牵头单位`, `配合单位`, `责任单位` (the two levels: `责任单位` after the
    /// place's name).
    pub const fn label(self) -> &'static str {
        match self {
            UnitRole::Lead => "牵头单位",
            UnitRole::Support => "配合单位",
            UnitRole::District | UnitRole::Local | UnitRole::Responsible => "责任单位",
        }
    }

    /// The role's position in [`UnitRole::ALL`].
    pub(crate) const fn index(self) -> usize {
        match self {
            UnitRole::District => 0,
            UnitRole::Local => 1,
            UnitRole::Lead => 2,
            UnitRole::Support => 3,
            UnitRole::Responsible => 4,
        }
    }

    /// Whether a task is expected to name units of this role: every role
    /// but support (a task may well have no supporting units).
    pub const fn is_expected(self) -> bool {
        !matches!(self, UnitRole::Support)
    }
}

impl fmt::Display for UnitRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// One of the two levels of a two-level table, such as the seed's
/// `滨海新区` district and `东疆` zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    /// The district-level units (e.g. 滨海新区责任单位).
    District,
    /// The local-level units (e.g. 东疆责任单位).
    Local,
}

impl From<Level> for UnitRole {
    fn from(level: Level) -> UnitRole {
        match level {
            Level::District => UnitRole::District,
            Level::Local => UnitRole::Local,
        }
    }
}

/// What a column (or a clause field of a list document) holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Role {
    /// The task number: `序号`.
    Number,
    /// The task's text: `工作任务`, `重点任务`, `主要任务`, `重点项目`, ….
    Text,
    /// Units of a role: `牵头单位`, `配合单位`, `责任单位`, `<place>责任单位`.
    Units(UnitRole),
    /// The leaders in charge: `责任领导`, `分管领导`, `分管省领导`, ….
    Leaders,
    /// When the task is due: `完成时限`, `完成时间`, `时间节点`, `时限要求`.
    Deadline,
    /// Remarks: `备注`.
    Remarks,
    /// A column fengong does not know; its cells are kept as they are.
    Other,
}

/// Labels of the task column (compared after [`fold`]).
const TEXT_LABELS: [&str; 12] = [
    "工作任务",
    "重点任务",
    "主要任务",
    "重点项目",
    "重点工作",
    "任务内容",
    "具体措施",
    "工作内容",
    "任务",
    "工作措施",
    "主要内容",
    "具体任务",
];

impl Role {
    /// The role a header label (or a clause field's label) names, read in
    /// simplified or traditional characters, white space ignored. A
    /// `<place>责任单位` label is [`UnitRole::Responsible`] here: only a
    /// header with two of them has levels (see [`Columns::from_labels`]).
    ///
    /// ```
    /// use fengong::{Role, UnitRole};
    /// assert_eq!(Role::of_label("序 号"), Role::Number);
    /// assert_eq!(Role::of_label("牽頭單位"), Role::Units(UnitRole::Lead));
    /// assert_eq!(Role::of_label("分管省领导"), Role::Leaders);
    /// assert_eq!(Role::of_label("时间节点"), Role::Deadline);
    /// assert_eq!(Role::of_label("配合"), Role::Units(UnitRole::Support));
    /// assert_eq!(Role::of_label("联系人"), Role::Other);
    /// ```
    pub fn of_label(label: &str) -> Role {
        classify(label).0
    }
}

/// Whether `label` ends in `责任单位` (bare or after a place): a label that
/// can name one of the two levels.
pub(crate) fn names_level(label: &str) -> bool {
    classify(label).1
}

/// A label's role, and whether it ends in `责任单位` (bare or after a
/// place): two such columns are the two levels.
fn classify(label: &str) -> (Role, bool) {
    // The label folded, white space dropped, trailing colons trimmed: read
    // from the end into a buffer on the stack. Every label matched whole is
    // at most `KEPT` characters; a longer one can only end in a role word,
    // so its last `KEPT` characters are enough.
    const KEPT: usize = 12;
    // The labels a document writes most, as they are: no folding.
    match label {
        "牵头单位" => return (Role::Units(UnitRole::Lead), false),
        "配合单位" => return (Role::Units(UnitRole::Support), false),
        "责任单位" => return (Role::Units(UnitRole::Responsible), true),
        "责任领导" => return (Role::Leaders, false),
        "序号" => return (Role::Number, false),
        "完成时限" => return (Role::Deadline, false),
        _ => {}
    }
    // Quick reject: every label with a role ends in one of these (folded).
    let last = label
        .chars()
        .rev()
        .find(|&c| !c.is_whitespace() && c != ':' && c != '：')
        .map(fold);
    if !matches!(
        last,
        Some(
            '号' | '序'
                | '注'
                | '明'
                | '限'
                | '间'
                | '点'
                | '求'
                | '排'
                | '导'
                | '位'
                | '门'
                | '体'
                | '务'
                | '目'
                | '作'
                | '容'
                | '施'
                | '头'
                | '合'
                | '办'
                | '助'
        )
    ) {
        return (Role::Other, false);
    }
    let mut rev = ['\0'; KEPT];
    let (mut n, mut long) = (0, false);
    for c in label.chars().rev().filter(|c| !c.is_whitespace()) {
        if n == 0 && (c == ':' || c == '：') {
            continue;
        }
        if n == KEPT {
            long = true;
            break;
        }
        rev[n] = fold(c);
        n += 1;
    }
    let mut buf = [0u8; 4 * KEPT];
    let mut at = 0;
    for &c in rev[..n].iter().rev() {
        at += c.encode_utf8(&mut buf[at..]).len();
    }
    let l = std::str::from_utf8(&buf[..at]).unwrap_or("");
    if long {
        let role = if l.ends_with("领导") {
            Role::Leaders
        } else if l.ends_with("责任单位") {
            return (Role::Units(UnitRole::Responsible), true);
        } else {
            Role::Other
        };
        return (role, false);
    }
    // By the last character (the quick reject's), then the labels ending
    // in it: a few comparisons instead of every label's.
    let role = match last {
        Some('号' | '序') => match l {
            "序号" | "编号" | "序" | "号" => Role::Number,
            _ => Role::Other,
        },
        Some('注' | '明') => match l {
            "备注" | "说明" => Role::Remarks,
            _ => Role::Other,
        },
        Some('限' | '间' | '点' | '求' | '排') => match l {
            "完成时限" | "完成时间" | "时间节点" | "时限要求" | "时限" | "完成期限"
            | "办结时限" | "时间安排" | "进度安排" | "完成时间节点" => {
                Role::Deadline
            }
            _ => Role::Other,
        },
        Some('导') if l.ends_with("领导") => Role::Leaders,
        // The short forms: `（牵头：市商务局；配合：市口岸办）`.
        Some('头') if l == "牵头" => Role::Units(UnitRole::Lead),
        Some('合' | '办' | '助') if matches!(l, "配合" | "协办" | "协助") => {
            Role::Units(UnitRole::Support)
        }
        Some('位' | '门' | '体') => match l {
            "牵头单位" | "牵头部门" | "牵头组织实施单位" | "主责单位" | "牵头责任单位" => {
                Role::Units(UnitRole::Lead)
            }
            "配合单位" | "协办单位" | "协助单位" | "参与单位" | "配合部门" | "协办部门"
            | "参与部门" | "协同单位" => Role::Units(UnitRole::Support),
            "责任部门" | "责任主体" | "承办单位" | "实施单位" => {
                Role::Units(UnitRole::Responsible)
            }
            _ if l.ends_with("责任单位") => return (Role::Units(UnitRole::Responsible), true),
            _ => Role::Other,
        },
        _ if TEXT_LABELS.contains(&l) => Role::Text,
        _ => Role::Other,
    };
    (role, false)
}

/// The simplified form of a traditional character of the family's
/// vocabulary (labels and role words are compared after folding); any other
/// character as it is. A `match`, which the compiler turns into a search
/// of a sorted table.
pub(crate) fn fold(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    match c {
        '號' => '号',
        '編' => '编',
        '務' => '务',
        '點' => '点',
        '項' => '项',
        '內' => '内',
        '體' => '体',
        '時' => '时',
        '間' => '间',
        '節' => '节',
        '領' => '领',
        '導' => '导',
        '牽' => '牵',
        '頭' => '头',
        '單' => '单',
        '組' => '组',
        '織' => '织',
        '實' => '实',
        '協' => '协',
        '辦' => '办',
        '參' => '参',
        '與' => '与',
        '責' => '责',
        '門' => '门',
        '備' => '备',
        '註' => '注',
        '負' => '负',
        '職' => '职',
        '別' => '别',
        '為' => '为',
        '見' => '见',
        '劃' => '划',
        '計' => '计',
        '關' => '关',
        '於' => '于',
        '級' => '级',
        '區' => '区',
        '縣' => '县',
        '說' => '说',
        '進' => '进',
        '結' => '结',
        '稱' => '称',
        '標' => '标',
        '題' => '题',
        '後' => '后',
        '長' => '长',
        '續' => '续',
        '態' => '态',
        '週' => '周',
        '廳' => '厅',
        '會' => '会',
        '處' => '处',
        '園' => '园',
        '個' => '个',
        _ => c,
    }
}

/// `s` with every character folded ([`fold`]), written into `buf`, or
/// `None` if it does not fit: no allocation for the short labels and
/// groups that are compared folded.
pub(crate) fn fold_into<'b>(s: &str, buf: &'b mut [u8]) -> Option<&'b str> {
    let mut at = 0;
    for c in s.chars() {
        let f = fold(c);
        let end = at + f.len_utf8();
        f.encode_utf8(buf.get_mut(at..end)?);
        at = end;
    }
    std::str::from_utf8(&buf[..at]).ok()
}

/// Whether `text` ends with `word` once folded; returns the byte length of
/// the match in `text`.
pub(crate) fn ends_with_folded(text: &str, word: &str) -> Option<usize> {
    let mut len = 0;
    let mut chars = text.chars().rev();
    for w in word.chars().rev() {
        let c = chars.next()?;
        if fold(c) != w {
            return None;
        }
        len += c.len_utf8();
    }
    Some(len)
}

/// One column of a table: its label as written (joined if it wraps), what
/// it holds, and where its header cell was read from.
#[derive(Debug, Clone)]
pub struct Column<'a> {
    pub(crate) label: Cow<'a, str>,
    pub(crate) role: Role,
    pub(crate) span: Option<Span>,
}

impl<'a> Column<'a> {
    /// A column with a label and a role.
    pub fn new(label: impl Into<Cow<'a, str>>, role: Role) -> Column<'a> {
        Column {
            label: label.into(),
            role,
            span: None,
        }
    }

    /// The label as written, lines of a wrapped label joined with nothing:
    /// `滨海新区责任单位`.
    pub fn label(&self) -> &str {
        &self.label
    }

    /// The label, borrowed from the text where it was.
    pub(crate) fn label_cow(&self) -> Cow<'a, str> {
        self.label.clone()
    }

    /// What the column holds.
    pub fn role(&self) -> Role {
        self.role
    }

    /// Where the label was read from (first to last character).
    pub fn span(&self) -> Option<Span> {
        self.span
    }

    /// For a column of one level of a two-level table, the place's name:
    /// the label without its `责任单位` suffix (`滨海新区`).
    pub fn place(&self) -> Option<&str> {
        match self.role {
            Role::Units(UnitRole::District | UnitRole::Local) => Some(
                ends_with_folded(&self.label, "责任单位")
                    .map_or(&*self.label, |n| &self.label[..self.label.len() - n]),
            ),
            _ => None,
        }
    }

    fn into_owned(self) -> Column<'static> {
        Column {
            label: Cow::Owned(self.label.into_owned()),
            role: self.role,
            span: self.span,
        }
    }
}

impl PartialEq for Column<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.label == other.label && self.role == other.role
    }
}

impl Eq for Column<'_> {}

/// The columns of a table, in order, read once from its header. Every part
/// of fengong that needs a column asks this type.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Columns<'a> {
    columns: Vec<Column<'a>>,
}

impl<'a> Columns<'a> {
    /// The columns named by `labels`, their roles read by
    /// [`Role::of_label`]; if two labels are `<place>责任单位` (or a bare
    /// `责任单位`), the first is
    /// the [`District`](UnitRole::District) level and the second the
    /// [`Local`](UnitRole::Local) one. A table always has a number and a
    /// text column: without a `序号` label the first column is the number,
    /// and without a known task label the first column of unknown role is
    /// the text.
    pub fn from_labels<I>(labels: I) -> Columns<'a>
    where
        I: IntoIterator,
        I::Item: Into<Cow<'a, str>>,
    {
        Columns::from_columns(labels.into_iter().map(|l| (l.into(), None)))
    }

    /// Columns from labels and the spans they were read from.
    pub(crate) fn from_columns(
        labels: impl IntoIterator<Item = (Cow<'a, str>, Option<Span>)>,
    ) -> Columns<'a> {
        let mut columns = Vec::new();
        let mut places = Vec::new();
        for (label, span) in labels {
            let (role, level) = classify(&label);
            // `<place>责任单位`, or a bare `责任单位` (read as the role is,
            // white space and all): two of them are the two levels.
            if level {
                places.push(columns.len());
            }
            columns.push(Column { label, role, span });
        }
        if places.len() >= 2 {
            columns[places[0]].role = Role::Units(UnitRole::District);
            columns[places[1]].role = Role::Units(UnitRole::Local);
        }
        // One column a role: a second column of a role already held (a
        // third `责任单位`, two `配合单位`) is kept as a column of its own
        // (`Other`), so that its cells write back where they were read.
        let mut held = Vec::new();
        for column in &mut columns {
            if column.role == Role::Other {
                continue;
            }
            if held.contains(&column.role) {
                column.role = Role::Other;
            } else {
                held.push(column.role);
            }
        }
        // A table has a text column, and its number column comes first:
        // without a `序号`, a first column of unknown label is the number
        // (a first column of a known role leaves the table without one: its
        // tasks are numbered in order); without a known task label, the
        // first column of unknown role is the text.
        if !columns.iter().any(|c| c.role == Role::Number) {
            if let Some(first) = columns.first_mut().filter(|c| c.role == Role::Other) {
                first.role = Role::Number;
            }
        }
        if !columns.iter().any(|c| c.role == Role::Text) {
            if let Some(c) = columns.iter_mut().find(|c| c.role == Role::Other) {
                c.role = Role::Text;
            }
        }
        Columns { columns }
    }

    /// The seed's four columns: `序号`, `工作任务`, `{district}责任单位`,
    /// `{local}责任单位`.
    pub fn two_levels(district: &str, local: &str) -> Columns<'a> {
        Columns::from_labels([
            Cow::Borrowed("序号"),
            Cow::Borrowed("工作任务"),
            Cow::Owned(format!("{district}责任单位")),
            Cow::Owned(format!("{local}责任单位")),
        ])
    }

    /// How many columns there are.
    pub fn len(&self) -> usize {
        self.columns.len()
    }

    /// Whether there are none (a list document has no header).
    pub fn is_empty(&self) -> bool {
        self.columns.is_empty()
    }

    /// The columns, in order.
    pub fn iter(&self) -> std::slice::Iter<'_, Column<'a>> {
        self.columns.iter()
    }

    /// The column at `index`.
    pub fn get(&self, index: usize) -> Option<&Column<'a>> {
        self.columns.get(index)
    }

    /// The role of the column at `index`.
    pub fn role(&self, index: usize) -> Option<Role> {
        self.columns.get(index).map(|c| c.role)
    }

    /// The first column with `role`.
    pub fn index_of(&self, role: Role) -> Option<usize> {
        self.columns.iter().position(|c| c.role == role)
    }

    /// The column of units of `role`.
    pub fn units_column(&self, role: UnitRole) -> Option<usize> {
        self.index_of(Role::Units(role))
    }

    /// The roles of the unit columns, in column order.
    pub fn unit_roles(&self) -> impl Iterator<Item = UnitRole> + '_ {
        self.columns.iter().filter_map(|c| match c.role {
            Role::Units(r) => Some(r),
            _ => None,
        })
    }

    /// Whether the table has the two levels of the seed's layout.
    pub fn has_levels(&self) -> bool {
        self.units_column(UnitRole::District).is_some()
            && self.units_column(UnitRole::Local).is_some()
    }

    /// The place name of a level's column (`滨海新区` for the district
    /// level of the seed).
    pub fn place(&self, role: UnitRole) -> Option<&str> {
        self.get(self.units_column(role)?)?.place()
    }

    /// The labels, in order.
    pub fn labels(&self) -> impl Iterator<Item = &str> + '_ {
        self.columns.iter().map(|c| c.label())
    }

    pub(crate) fn into_owned(self) -> Columns<'static> {
        Columns {
            columns: self.columns.into_iter().map(Column::into_owned).collect(),
        }
    }
}

impl<'c, 'a> IntoIterator for &'c Columns<'a> {
    type Item = &'c Column<'a>;
    type IntoIter = std::slice::Iter<'c, Column<'a>>;

    fn into_iter(self) -> Self::IntoIter {
        self.columns.iter()
    }
}

#[cfg(test)]
mod tests;
