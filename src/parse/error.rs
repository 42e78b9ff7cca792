//! The wording of every problem the parser finds: one function per code,
//! beside the explanations in `src/explain/`, so that the parser reads like
//! the grammar.

use std::borrow::Cow;

use crate::diagnostic::{quote, Code, Diagnostic};
use crate::grammar::{ascii_digit, NumberError};
use crate::lex::is_space;
use crate::numeral;
use crate::span::Span;

/// How many header labels an E005 message lists.
const MAX_LISTED: usize = 6;

/// `text` cut after `max` characters, with `…` if anything was cut: what
/// goes into a message stays short however long the input.
pub(crate) fn shorten(text: &str, max: usize) -> Cow<'_, str> {
    match text.char_indices().nth(max) {
        Some((at, _)) => Cow::Owned(format!("{}…", &text[..at])),
        None => Cow::Borrowed(text),
    }
}

/// `1 cell`, `2 cells`.
fn cells(n: usize) -> String {
    crate::diagnostic::plural(n, "cell", "cells")
}

/// E001: nothing to read.
pub(crate) fn empty_document(len: usize, found: &str) -> Diagnostic {
    Diagnostic::expected(
        Code::EmptyDocument,
        Span::new(0, len),
        "a task table or list",
        found,
    )
    .with_static_label("nothing to read here")
    .with_help(
        "a document starts with its title, then the header row of its table (a tab and \
             序号 on the first line, then the other column labels), or its numbered tasks",
    )
}

/// E004: no header row where the table should start.
pub(crate) fn missing_header(span: Span, found: &str) -> Diagnostic {
    Diagnostic::expected(
        Code::MissingHeader,
        span,
        "the header row (序号, the task column and the responsibility columns)",
        found,
    )
    .with_static_label("the header row should come before this")
    .with_help(
        "after the title, write the column labels as cells, each on a line that starts with a \
         tab: 序号, 工作任务, then columns such as 牵头单位 and 配合单位, or 滨海新区责任单位 and \
         东疆责任单位",
    )
}

/// E004: a document that is neither a table nor a list of numbered tasks.
pub(crate) fn no_tasks(span: Span, found: &str) -> Diagnostic {
    Diagnostic::expected(
        Code::MissingHeader,
        span,
        "a task table (a header row of tab-led cells: 序号, 工作任务, …) or numbered tasks \
         (1. …, with their units)",
        found,
    )
    .with_static_label("no table or numbered task starts here")
    .with_help(
        "a table's header row is cells on lines that start with a tab; a list's tasks are \
         paragraphs numbered 1. 2. 3. under headings 一、 and （一）, each with its units",
    )
}

/// E004: a table's header label on a line of its own, without its tab: a
/// table whose cells lost their tabs, which cannot be read row by row.
pub(crate) fn untabbed_table(span: Span, found: &str) -> Diagnostic {
    unreadable_table(
        span,
        &format!(
            "the column label {found} on a line of its own, without a tab: a table whose cells \
             lost their tabs"
        ),
        "a header cell without its tab",
        "without tabs and blank lines, a table's rows and empty cells cannot be told apart",
    )
}

/// E004: a table's header row on one line, its cells parted by the
/// vertical lines of a drawn table or run together: a table that cannot be
/// read row by row.
pub(crate) fn header_on_one_line(span: Span, labels: &[&str]) -> Diagnostic {
    unreadable_table(
        span,
        &format!(
            "the column labels {} on one line: a table drawn with lines, or with its cells run \
             together",
            listed(labels)
        ),
        "a header row on one line",
        "a row on one line does not say where a wrapped or empty cell is",
    )
}

/// E004: a table in a layout that cannot be read row by row, `found` at
/// `span` (`label` under it), and `why` it cannot be read.
fn unreadable_table(span: Span, found: &str, label: &'static str, why: &str) -> Diagnostic {
    Diagnostic::expected(
        Code::MissingHeader,
        span,
        "a task table whose cells each start a line with a tab, or numbered tasks (1. …, with \
         their units)",
        found,
    )
    .with_static_label(label)
    .with_help(format!(
        "{why}; convert the document again so that each cell starts a line with a tab and a \
         blank line ends each row (as Word's text export does), or write the tasks as a \
         numbered list"
    ))
}

/// A few labels, quoted: a row of a hundred thousand cells is not listed.
fn listed(labels: &[impl AsRef<str>]) -> String {
    let mut found = labels
        .iter()
        .take(MAX_LISTED)
        .map(|l| quote(l.as_ref(), 12))
        .collect::<Vec<_>>()
        .join(", ");
    if labels.len() > MAX_LISTED {
        found.push_str(&format!(", … ({} more)", labels.len() - MAX_LISTED));
    }
    found
}

/// E005: a header row that cannot be a table's.
pub(crate) fn header_cell_count(span: Span, labels: &[Cow<'_, str>], why: &str) -> Diagnostic {
    let count = labels.len();
    let found = listed(labels);
    Diagnostic::expected(
        Code::HeaderCellCount,
        span,
        "a header row of 3 to 8 cells (序号, the task column and at least one responsibility column)",
        &format!("{}: {found}", cells(count)),
    )
    .with_label(format!("this header row has {}{why}", cells(count)))
    .with_help(
        "write the header as one cell per column, each on a line that starts with a tab: \
         序号, 工作任务, then the responsibility columns such as 牵头单位 and 配合单位",
    )
}

/// E005: a header row one cell short of (or over) its task rows.
pub(crate) fn header_row_mismatch(span: Span, labels: &[Cow<'_, str>], rows: usize) -> Diagnostic {
    let count = labels.len();
    let found = listed(labels);
    let help = if count < rows {
        "add the missing column's label as a cell of the header row, on a line that starts with a tab"
    } else {
        "remove the header cell that has no column in the task rows, or add that cell to every row"
    };
    Diagnostic::expected(
        Code::HeaderCellCount,
        span,
        &format!("a header row of as many cells as the task rows ({rows})"),
        &format!("{}: {found}", cells(count)),
    )
    .with_label(format!(
        "this header row has {}, its task rows {rows}",
        cells(count)
    ))
    .with_help(help)
}

/// E006: text outside any cell.
pub(crate) fn stray_line(line_span: Span, first_line: &str) -> Diagnostic {
    Diagnostic::expected(
        Code::StrayLine,
        line_span,
        "a cell (a line starting with a tab) or a blank line",
        &format!(
            "text outside any cell: {}",
            quote(first_line.trim_matches(is_space), 30)
        ),
    )
    .with_static_label("this line belongs to no cell")
    .with_help(
        "if the line continues the cell above, remove the blank lines before it; \
         if it is a cell of its own, start it with a tab; otherwise delete it",
    )
}

/// E007: a heading's numeral is not one.
pub(crate) fn invalid_numeral(
    numeral: &str,
    written: &str,
    span: Span,
    open_at: usize,
    guess: u32,
) -> Diagnostic {
    let suggestion = numeral::to_chinese(guess);
    let digits: Option<u32> = {
        let ascii: String = numeral.chars().map(ascii_digit).collect();
        ascii.parse().ok()
    };
    if numeral.is_empty() {
        Diagnostic::expected(
            Code::InvalidNumeral,
            // The opening parenthesis, `（` or `(`: the empty numeral span
            // starts right after it.
            Span::new(open_at, span.end.max(open_at)),
            &format!("a Chinese numeral such as {suggestion} after the parenthesis"),
            "no numeral",
        )
        .with_static_label("the numeral is missing")
        .with_help(format!("number the category: （{suggestion}）"))
    } else if let Some(n) = digits.filter(|&n| n > 0) {
        let chinese = numeral::to_chinese(n);
        Diagnostic::expected(
            Code::InvalidNumeral,
            span,
            &format!("a Chinese numeral such as {chinese}"),
            &format!("the digits {}", quote(numeral, 20)),
        )
        .with_static_label("categories are numbered in Chinese numerals")
        .with_help(format!(
            "write （{chinese}） instead of {}",
            shorten(written, 24)
        ))
    } else {
        Diagnostic::expected(
            Code::InvalidNumeral,
            span,
            &format!("a Chinese numeral such as {suggestion}"),
            &quote(numeral, 20),
        )
        .with_static_label("this is not a Chinese numeral")
        .with_help(format!(
            "numerals are written 一 … 十, 十一 … 二十八, 一百零一; after the previous category this would be {suggestion}"
        ))
    }
}

/// E008: `（一` without `）`.
pub(crate) fn unclosed_heading(
    at: Span,
    next: Option<char>,
    numeral: &str,
    title: &str,
) -> Diagnostic {
    let found = next.map_or_else(|| "the end of the line".to_string(), |c| format!("`{c}`"));
    Diagnostic::expected(
        Code::UnclosedHeading,
        at,
        &format!("`）` after the numeral {}", quote(numeral, 20)),
        &found,
    )
    .with_static_label("the numeral should be closed here")
    .with_help(format!(
        "write the heading as （{}）{}",
        shorten(numeral, 20),
        shorten(title.trim_matches(is_space), 30)
    ))
}

/// E009: a heading with nothing after its numeral.
pub(crate) fn missing_category_title(heading: Span, written: &str) -> Diagnostic {
    Diagnostic::expected(
        Code::MissingCategoryTitle,
        heading,
        &format!("a title after {}", quote(written, 30)),
        "nothing",
    )
    .with_static_label("this heading has no title")
    .with_static_help("write the category's title after the numeral, on the same line or the next")
}

/// E010 or E011: a task number cell that does not hold a task number.
pub(crate) fn invalid_task_number(
    found: &str,
    span: Span,
    error: NumberError,
    guess: u32,
) -> Diagnostic {
    match error {
        NumberError::TooLarge => {
            let max_digits = u32::MAX.to_string().len();
            let d = if found.len() > max_digits {
                Diagnostic::expected(
                    Code::TaskNumberTooLarge,
                    span,
                    &format!("a task number of at most {max_digits} digits"),
                    &format!("a number of {} digits", found.len()),
                )
            } else {
                // As many digits as the largest number: too large by its
                // value, not its length.
                Diagnostic::expected(
                    Code::TaskNumberTooLarge,
                    span,
                    &format!("a task number of at most {}", u32::MAX),
                    &quote(found, 20),
                )
            };
            d.with_static_label("too large for a task number")
                .with_help(format!(
                    "number the tasks in order; after the previous task this would be {guess}"
                ))
        }
        NumberError::NotANumber => {
            let shown = if found.is_empty() {
                "an empty cell".to_string()
            } else {
                quote(found, 20)
            };
            let d = Diagnostic::expected(
                Code::InvalidTaskNumber,
                span,
                "a task number such as 12",
                &shown,
            )
            .with_static_label("a task row starts with its number");
            let ascii: String = found
                .chars()
                .map(ascii_digit)
                .filter(char::is_ascii_digit)
                .collect();
            if let Some(n) = numeral::parse(found) {
                d.with_help(format!("write the number in digits: {n}"))
            } else if !ascii.is_empty() && ascii.len() == found.chars().count() {
                d.with_help(format!(
                    "write the number with ASCII digits: {}",
                    shorten(&ascii, 20)
                ))
            } else if !ascii.is_empty() && found.starts_with(|c: char| c.is_ascii_digit()) {
                d.with_help(format!(
                    "remove what follows the digits: {}",
                    shorten(&ascii, 20)
                ))
            } else {
                d.with_help(format!(
                    "each task row is a number, the task, then its other cells; \
                     after the previous task this would be {guess}"
                ))
            }
        }
    }
}

/// A task row that ends before its last cell: which task, where it starts
/// and stops, and which cells it lacks.
pub(crate) struct ShortTask<'s> {
    pub(crate) number: u32,
    /// Just after the row's last character.
    pub(crate) at: Span,
    /// The task's number cell.
    pub(crate) first: Span,
    pub(crate) have: usize,
    pub(crate) want: usize,
    /// The labels of the missing columns, the next one first.
    pub(crate) missing: &'s [String],
    /// What ends the row: `the end of the row` or of the document.
    pub(crate) end_of: &'s str,
}

/// E012: a task row that ends before its last cell.
pub(crate) fn incomplete_task(t: ShortTask<'_>) -> Diagnostic {
    let ShortTask {
        number,
        at,
        first,
        have,
        want,
        missing,
        end_of,
    } = t;
    let next_column = missing.first().map_or("next", String::as_str);
    Diagnostic::expected(
        Code::IncompleteTask,
        at,
        &format!("the {next_column} cell of task {number}"),
        end_of,
    )
    .with_label(format!("task {number} has {have} of its {want} cells"))
    .with_secondary(first, format!("task {number} starts here"))
    .with_help(format!(
        "add the missing {} ({}), each on a line that starts with a tab; an empty cell is a line holding just a tab",
        if missing.len() == 1 { "cell" } else { "cells" },
        missing.join(", ")
    ))
}

/// E012: a row of too few cells that is not even a task's start.
pub(crate) fn short_row(
    row: Span,
    have: usize,
    want: usize,
    first: &str,
    numbered: bool,
) -> Diagnostic {
    let d = Diagnostic::expected(
        Code::IncompleteTask,
        row,
        &format!("a task row of {want} cells or a category heading"),
        &format!("{} starting with {}", cells(have), quote(first, 16)),
    )
    .with_label(format!("a row of {}", cells(have)));
    if have + 1 == want && numbered {
        d.with_static_help(
            "the row seems to lack its number: add a cell with the task number before the task text",
        )
    } else {
        d.with_help(format!(
            "a row holds a category heading such as （一）…, or a task of {want} cells"
        ))
    }
}

/// E013: a task before the first heading of a document with headings.
pub(crate) fn task_outside_category(span: Span, number: u32) -> Diagnostic {
    Diagnostic::expected(
        Code::TaskOutsideCategory,
        span,
        "a category heading such as （一）… before the first task",
        &format!("task {number}"),
    )
    .with_static_label("this task belongs to no category")
    .with_static_help(
        "add a category heading cell before it: a line with a tab, then a heading such as （一）加大援企稳岗力度",
    )
}

/// A task number written `１８` or `3.`: its value, if that is all it holds
/// besides ASCII digits.
pub(crate) fn lenient_number(found: &str) -> Option<u32> {
    // `（12）`: the number in parentheses.
    if let Some((number, _, end)) = crate::grammar::paren_number(found) {
        if end == found.len() {
            return number;
        }
    }
    let body = found.strip_suffix(['.', '．', '、', '。']).unwrap_or(found);
    let ascii: String = body.chars().map(ascii_digit).collect();
    (!ascii.is_empty() && ascii.len() <= 10 && ascii.bytes().all(|b| b.is_ascii_digit()))
        .then(|| ascii.parse().ok())
        .flatten()
}

/// W021: a task number that reads, but not as ASCII digits alone.
pub(crate) fn task_number_format(found: &str, span: Span, number: u32) -> Diagnostic {
    use crate::diagnostic::{Applicability, Edit, Fix};
    Diagnostic::expected(
        Code::TaskNumberFormat,
        span,
        &format!("the task number as ASCII digits: {number}"),
        &quote(found, 20),
    )
    .with_label(format!("read as task {number}"))
    .with_help(format!(
        "write {number}, as the other task numbers are written"
    ))
    .with_fix(Fix {
        message: format!("write {number}"),
        applicability: Applicability::Safe,
        edits: vec![Edit {
            span,
            replacement: number.to_string(),
        }],
    })
}

/// W020: a task row whose number cell is empty.
pub(crate) fn missing_task_number(cell: Span, number: u32) -> Diagnostic {
    use crate::diagnostic::{Applicability, Edit, Fix};
    let at = cell.start + 1;
    Diagnostic::expected(
        Code::MissingTaskNumber,
        Span::empty(at),
        &format!("the task's number ({number} by its place)"),
        "an empty number cell",
    )
    .with_label(format!("read as task {number}"))
    .with_static_help("write the task's number in its cell (a numbering Word kept outside the text is lost on extraction)")
    .with_fix(Fix {
        message: format!("number the task {number}"),
        applicability: Applicability::Unsafe,
        edits: vec![Edit {
            span: Span::empty(at),
            replacement: number.to_string(),
        }],
    })
}

/// W014: a heading without a numeral.
pub(crate) fn unnumbered_heading(span: Span, title: &str) -> Diagnostic {
    Diagnostic::expected(
        Code::UnnumberedHeading,
        span,
        "a numbered heading such as 一、… or （一）…",
        &format!("the heading {}", quote(title, 30)),
    )
    .with_static_label("this heading has no numeral")
    .with_static_help(
        "number the heading as its neighbours are (一、 for the upper level, （一） for the lower)",
    )
}

/// W015: a task of a list that names no unit.
pub(crate) fn task_without_units(number_span: Span, number: u32) -> Diagnostic {
    Diagnostic::expected(
        Code::TaskWithoutUnits,
        number_span,
        &format!("the units of task {number}: a clause such as （牵头单位：…） or label lines"),
        "none",
    )
    .with_label(format!("task {number} names no unit"))
    .with_static_help("end the task's paragraph with its units, e.g. （牵头单位：市发展改革委；配合单位：市财政局）")
}

/// W016: a clause field whose label names no role.
pub(crate) fn unknown_clause_label(span: Span, label: &str) -> Diagnostic {
    Diagnostic::expected(
        Code::UnknownClauseLabel,
        span,
        "a role such as 牵头单位, 配合单位, 责任单位, 责任领导 or 完成时限",
        &quote(label, 16),
    )
    .with_static_label("fengong does not know this label; its names are not read")
    .with_static_help(
        "use one of the labels of the family: 牵头单位, 配合单位, 责任单位, 责任领导, 完成时限",
    )
}

/// W017: a role clause opened and not closed.
pub(crate) fn unclosed_clause(span: Span) -> Diagnostic {
    Diagnostic::expected(
        Code::UnclosedClause,
        span,
        "a role clause closed by its bracket",
        "the end of the line",
    )
    .with_static_label("this clause is not closed")
    .with_static_help("close the clause with the bracket that matches its opening one")
}

/// W019: a paragraph between tasks that belongs to none.
pub(crate) fn stray_paragraph(span: Span, content: &str) -> Diagnostic {
    Diagnostic::expected(
        Code::StrayParagraph,
        span,
        "a task, a heading, or a label line of the task above",
        &quote(content, 30),
    )
    .with_static_label("this paragraph belongs to no task")
    .with_static_help(
        "number it if it is a task, join it to the paragraph it continues, or delete it",
    )
}
