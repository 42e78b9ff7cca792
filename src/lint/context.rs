//! [`Context`]: what every rule reads: the document, its text, the
//! configuration, where the table starts, and the cells and spans as the
//! parser reads them.

use crate::lex::{table_start, Cell, Item, KeptCell, Lexer};
use crate::model::Document;
use crate::span::Span;

use super::LintConfig;

/// What every rule needs: the document, its text, the configuration and
/// where the table starts.
pub(crate) struct Context<'d, 'a> {
    pub(crate) doc: &'d Document<'a>,
    pub(crate) source: &'d str,
    pub(crate) config: &'d LintConfig,
    /// The start of the first line that starts with a tab, as for the
    /// parser (the text's length if there is none).
    pub(crate) table_start: usize,
    /// The table's cells, lexed on first use (8 bytes a cell; not kept
    /// for a text of 2 GiB or more, which is lexed again for each walk).
    cells: std::cell::OnceCell<Vec<KeptCell>>,
    /// The tasks' unit cells, read on first use.
    unit_cells: std::cell::OnceCell<UnitCells>,
    /// The tasks with their spans, in document order, read on first use.
    task_spans: std::cell::OnceCell<Vec<(Span, &'d crate::Task<'a>)>>,
    /// How many more times a fix may read part of the document again
    /// ([`Context::try_reread`]).
    rereads: std::cell::Cell<u32>,
}

impl<'d, 'a> Context<'d, 'a> {
    pub(super) fn new(
        doc: &'d Document<'a>,
        source: &'d str,
        config: &'d LintConfig,
    ) -> Context<'d, 'a> {
        Context {
            doc,
            source,
            config,
            table_start: table_start(source),
            cells: std::cell::OnceCell::new(),
            unit_cells: std::cell::OnceCell::new(),
            task_spans: std::cell::OnceCell::new(),
            rereads: std::cell::Cell::new(Self::REREADS),
        }
    }

    /// How many times the fixes of one document may read part of it again.
    const REREADS: u32 = 16;

    /// Takes one of the document's [`Context::REREADS`] readings of part of
    /// it again (a fix's check that the document reads the same); `false`
    /// once they are spent, so that the work stays linear.
    pub(crate) fn try_reread(&self) -> bool {
        let left = self.rereads.get();
        self.rereads.set(left.saturating_sub(1));
        left > 0
    }

    /// A context whose table cells are `cells`, as the parser kept them
    /// from `source` ([`crate::parse::parse_keeping_cells`]).
    pub(super) fn with_cells(
        doc: &'d Document<'a>,
        source: &'d str,
        config: &'d LintConfig,
        cells: Vec<KeptCell>,
    ) -> Context<'d, 'a> {
        let cx = Context::new(doc, source, config);
        // Set just now: the cell is empty.
        let _ = cx.cells.set(cells);
        cx
    }

    /// The table's cells as the lexer reads them, in order: lexed once, on
    /// first use, for the cell walk and the tasks' unit cells.
    pub(crate) fn cells(&self) -> Cells<'_> {
        match self.kept_cells() {
            Some(kept) => Cells::Kept(kept.iter()),
            None => Cells::Lexed(Lexer::new(self.source, self.table_start)),
        }
    }

    /// The cells, kept; `None` for a text too long to keep them in 8 bytes.
    fn kept_cells(&self) -> Option<&[KeptCell]> {
        if self.source.len() > KeptCell::MAX {
            return None;
        }
        let kept = self.cells.get_or_init(|| {
            Lexer::new(self.source, self.table_start)
                .filter_map(|item| match item {
                    Item::Cell(cell) => KeptCell::new(cell),
                    _ => None,
                })
                .collect()
        });
        Some(kept)
    }

    /// The span if it fits the source (in bounds, on character
    /// boundaries).
    pub(crate) fn checked(&self, span: Option<Span>) -> Option<Span> {
        let span = span?;
        (span.start <= span.end
            && span.end <= self.source.len()
            && self.source.is_char_boundary(span.start)
            && self.source.is_char_boundary(span.end))
        .then_some(span)
    }

    /// The text at a checked span.
    pub(crate) fn text(&self, span: Span) -> &'d str {
        self.source.get(span.range()).unwrap_or("")
    }

    /// The task read from the table row that holds the byte at `at`, if
    /// one does (a search among the tasks' spans, read once; a task without
    /// a span, which no parse makes, is not among them).
    pub(crate) fn task_at(&self, at: usize) -> Option<&'d crate::Task<'a>> {
        let tasks = self.task_spans.get_or_init(|| {
            self.doc
                .tasks()
                .filter_map(|t| Some((t.span()?, t)))
                .collect()
        });
        let k = tasks
            .partition_point(|(s, _)| s.start <= at)
            .checked_sub(1)?;
        let &(span, task) = tasks.get(k)?;
        (at < span.end).then_some(task)
    }

    /// Every task in document order, with its unit cells as
    /// [`UnitCells::of`] gives them (read once for all the rules that ask).
    pub(crate) fn tasks(
        &self,
    ) -> impl Iterator<Item = (&'d crate::Task<'a>, Option<&[UnitCell]>)> + '_ {
        let cells = self
            .unit_cells
            .get_or_init(|| UnitCells::read(self.doc, self.source, self.kept_cells()));
        self.doc
            .tasks()
            .enumerate()
            .map(move |(i, task)| (task, cells.of(i)))
    }
}

/// The table's cells, in order: kept, or lexed as they are asked for.
pub(crate) enum Cells<'d> {
    Kept(std::slice::Iter<'d, KeptCell>),
    Lexed(Lexer<'d>),
}

impl Iterator for Cells<'_> {
    type Item = Cell;

    #[inline]
    fn next(&mut self) -> Option<Cell> {
        match self {
            Cells::Kept(kept) => kept.next().map(|k| k.cell()),
            Cells::Lexed(lexer) => lexer.find_map(|item| match item {
                Item::Cell(cell) => Some(cell),
                _ => None,
            }),
        }
    }
}

/// A cell of a unit column: its role and where it is (12 bytes: spans
/// past 4 GiB are not kept, as in the document).
#[derive(Debug, Clone, Copy)]
pub(crate) struct UnitCell {
    pub(crate) role: crate::UnitRole,
    start: u32,
    end: u32,
}

impl UnitCell {
    /// The cell, from its tab to its line ending(s).
    pub(crate) fn span(self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }
}

/// The unit cells of every task, read once: each task's cells of unit
/// columns with their role, in column order, in one vector.
pub(crate) struct UnitCells {
    cells: Vec<UnitCell>,
    /// Where each task's cells end in `cells`, in the order of
    /// [`Document::tasks`].
    ends: Vec<usize>,
    /// Whether each task was read from a table (not a list's, nor one built
    /// or edited in code).
    from_table: Vec<bool>,
}

impl UnitCells {
    /// Reads the cells of every task of `doc`: from the table's cells
    /// `kept` (lexed from `source`) where they tile a task read from
    /// `source`, else by lexing the task's text.
    fn read(doc: &Document<'_>, source: &str, kept: Option<&[KeptCell]>) -> UnitCells {
        let columns = doc.header();
        let mut cells = Vec::new();
        let mut ends = Vec::new();
        let mut from_table = Vec::new();
        let mut spans = Vec::new();
        let mut next = 0; // the first kept cell not before the task
        for task in doc.tasks() {
            spans.clear();
            let table = kept.is_some_and(|kept| tiles(task, source, kept, &mut next, &mut spans))
                || task.cell_spans_into(&mut spans);
            if table && spans.len() == columns.len() {
                cells.extend(
                    spans
                        .iter()
                        .zip(columns.iter())
                        .filter_map(|(&cell, column)| match column.role() {
                            crate::Role::Units(role) => Some(UnitCell {
                                role,
                                start: u32::try_from(cell.start).ok()?,
                                end: u32::try_from(cell.end).ok()?,
                            }),
                            _ => None,
                        }),
                );
            }
            ends.push(cells.len());
            from_table.push(table);
        }
        UnitCells {
            cells,
            ends,
            from_table,
        }
    }

    /// The unit cells of the `i`-th task, with the role of their column, in
    /// column order: empty when its cells do not match the header; `None`
    /// for a task not read from a table.
    fn of(&self, i: usize) -> Option<&[UnitCell]> {
        if !*self.from_table.get(i)? {
            return None;
        }
        let start = i.checked_sub(1).map_or(0, |p| self.ends[p]);
        self.cells.get(start..self.ends[i])
    }
}

/// Whether the cells of `kept` from `*next` on tile `task`, read from
/// `source` (its text is the source's at its span); if so pushes their
/// spans to `out` (else leaves it as it was). `*next` moves past the cells
/// before the task: tasks come in order.
fn tiles(
    task: &crate::Task<'_>,
    source: &str,
    kept: &[KeptCell],
    next: &mut usize,
    out: &mut Vec<Span>,
) -> bool {
    let (Some(span), Some(body)) = (task.span(), task.repr.body()) else {
        return false;
    };
    let read_here = source
        .get(span.range())
        .is_some_and(|s| std::ptr::eq(s, body) || s == body);
    if !read_here || !body.starts_with('\t') {
        return false;
    }
    let rest = kept.get(*next..).unwrap_or_default();
    *next += rest.partition_point(|c| c.start() < span.start);
    let before = out.len();
    let mut at = span.start;
    for cell in kept.get(*next..).unwrap_or_default() {
        if at == span.end || cell.start() != at || cell.end() > span.end {
            break;
        }
        out.push(Span::new(cell.start(), cell.end()));
        at = cell.end();
    }
    if at != span.end {
        out.truncate(before);
        return false;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{generate, Form, GenerateOptions, TextKind};
    use crate::LineEnding;

    /// A task's cell spans, `None` where they were not read.
    type TaskCells = Option<Vec<Span>>;

    /// Each task's cells as the kept cells tile it, and as lexing the
    /// task's text alone reads them (the way they were all read before the
    /// cells were kept): `None` where either way fails.
    fn both_ways(text: &str) -> (Vec<TaskCells>, Vec<TaskCells>) {
        let parsed = crate::parse_tolerant(text);
        let config = LintConfig::default();
        let cx = Context::new(&parsed.document, text, &config);
        let kept = cx.kept_cells().expect("a short text keeps its cells");
        let mut next = 0;
        let (mut tiled, mut lexed) = (Vec::new(), Vec::new());
        for task in parsed.document.tasks() {
            let mut spans = Vec::new();
            tiled.push(tiles(task, text, kept, &mut next, &mut spans).then_some(spans));
            let mut spans = Vec::new();
            lexed.push(task.cell_spans_into(&mut spans).then_some(spans));
        }
        (tiled, lexed)
    }

    /// Every fixture and seed, and a document of every text kind in every
    /// form.
    fn all_texts() -> Vec<String> {
        let mut texts = fixture_texts();
        texts.extend(generated_texts());
        texts
    }

    /// Every fixture and seed.
    fn fixture_texts() -> Vec<String> {
        let mut texts: Vec<String> = Vec::new();
        for dir in ["fixtures", "fixtures/lint", "fixtures/family", "seeds"] {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                if let Ok(text) = std::fs::read_to_string(entry.path()) {
                    texts.push(text);
                }
            }
        }
        assert!(texts.len() > 10, "the fixtures were not found");
        texts
    }

    /// A document of every text kind in every form.
    fn generated_texts() -> Vec<String> {
        let mut texts = Vec::new();
        let every = TextKind::ALL
            .iter()
            .flat_map(|text| Form::ALL.iter().map(move |form| (text, form)));
        for (k, (text, form)) in every.enumerate() {
            texts.push(generate(&GenerateOptions {
                seed: k as u64,
                text: *text,
                form: *form,
                line_ending: if k % 3 == 1 {
                    LineEnding::CrLf
                } else {
                    LineEnding::Lf
                },
                ..GenerateOptions::default()
            }));
        }
        texts
    }

    #[test]
    fn kept_cells_give_the_unit_cells_that_lexing_each_task_gives() {
        let texts = all_texts();
        let mut tiled = 0;
        for text in &texts {
            let (kept, lexed) = both_ways(text);
            assert_eq!(kept, lexed);
            tiled += kept.iter().flatten().count();
        }
        assert!(tiled > 1000, "{tiled} tasks tiled");
    }

    #[test]
    fn the_cells_kept_are_the_cells_lexed() {
        let text = generate(&GenerateOptions {
            text: TextKind::Tiny,
            ..GenerateOptions::default()
        });
        let parsed = crate::parse_tolerant(&text);
        let config = LintConfig::default();
        let cx = Context::new(&parsed.document, &text, &config);
        let lexed: Vec<Cell> = Cells::Lexed(Lexer::new(&text, cx.table_start)).collect();
        assert!(lexed.len() > 100);
        assert!(lexed.iter().any(|c| !c.one_line) && lexed.iter().any(|c| c.one_line));
        // Each flag, and spans up to the last kept, read back.
        for (start, end) in [(0, 0), (3, 7), (KeptCell::MAX - 1, KeptCell::MAX)] {
            for (tabbed, one_line) in [(false, false), (true, false), (false, true), (true, true)] {
                let cell = Cell {
                    span: Span::new(start, end),
                    tabbed,
                    one_line,
                };
                assert_eq!(KeptCell::new(cell).map(KeptCell::cell), Some(cell));
            }
        }
        let past = Cell::at("", Span::new(KeptCell::MAX, KeptCell::MAX + 1));
        assert_eq!(KeptCell::new(past), None);
        assert_eq!(cx.cells().collect::<Vec<_>>(), lexed);
        assert!(matches!(cx.cells(), Cells::Kept(_)));
    }

    #[test]
    fn the_parser_keeps_the_cells_the_context_lexes() {
        let texts = all_texts();
        let mut kept = 0;
        for text in &texts {
            let (parsed, cells) = crate::parse::parse_keeping_cells(text);
            let config = LintConfig::default();
            let cx = Context::new(&parsed.document, text, &config);
            let lexed: Vec<Cell> = cx.cells().collect();
            for cell in &lexed {
                let searched = crate::lex::Lines::new(&text[..cell.span.end], cell.span.start);
                assert!(cell.lines(text).eq(searched), "{cell:?}");
            }
            match cells {
                Some(cells) => {
                    let cells: Vec<Cell> = cells.iter().map(|c| c.cell()).collect();
                    assert_eq!(cells, lexed);
                    kept += 1;
                }
                // A list, or no table: no cell, or the list's own lines.
                None => {
                    assert!(parsed.document.layout() == crate::Layout::List || lexed.is_empty())
                }
            }
        }
        assert!(kept > 30, "{kept} texts kept their cells");
    }

    #[test]
    fn a_unit_cell_is_twelve_bytes() {
        assert_eq!(std::mem::size_of::<super::UnitCell>(), 12);
    }
}
