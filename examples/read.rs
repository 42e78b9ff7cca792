//! Reads a document of any layout (a table extracted from Word, or a list
//! of numbered paragraphs; UTF-8, UTF-16, GB18030 or Big5) and prints its
//! headings and tasks, with each task's units by role.
//!
//! ```sh
//! cargo run --example read -- fixtures/family/table_lead_support.txt
//! cargo run --example read -- fixtures/family/list_label_lines_gb18030.txt
//! ```
//!
//! The same model serves every layout: a table's `牵头单位` column and a
//! list's `（牵头单位：…）` clause both give [`UnitRole::Lead`] units.

use fengong::{Category, Document, Task, UnitRole};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "seeds/000_ecc403549f0e7389.txt".to_string());
    // Decodes the bytes, parses them, and owns the strings; an error names
    // the file and says what is wrong where.
    let doc = fengong::parse_file(&path)?;
    println!("{} ({} tasks)", doc.title(), doc.tasks().count());
    // A list without headings has its tasks at the root.
    for task in doc.root_tasks() {
        print_task(&doc, task, 1);
    }
    for category in doc.categories() {
        print_category(&doc, category, 1);
    }
    Ok(())
}

/// A heading, its tasks, then the headings under it.
fn print_category(doc: &Document<'_>, category: &Category<'_>, depth: usize) {
    let indent = "  ".repeat(depth);
    println!("{indent}{} {}", category.numeral(), category.title());
    for task in category.tasks() {
        print_task(doc, task, depth + 1);
    }
    for sub in category.categories() {
        print_category(doc, sub, depth + 1);
    }
}

/// A task: its number and text, its units by role, its leaders and
/// deadline when the document has them.
fn print_task(doc: &Document<'_>, task: &Task<'_>, depth: usize) {
    let indent = "  ".repeat(depth);
    println!("{indent}{}. {}", task.number(), task.text());
    for (role, units) in task.units().roles() {
        let names: Vec<&str> = units.iter().map(|u| u.name()).collect();
        println!("{indent}   {}: {}", role_name(doc, role), names.join("、"));
    }
    let leaders: Vec<&str> = task.leader_names().collect();
    if !leaders.is_empty() {
        println!("{indent}   责任领导: {}", leaders.join("、"));
    }
    if let Some(deadline) = task.deadline() {
        println!("{indent}   完成时限: {deadline}");
    }
}

/// How the document names a role: `牵头单位`, or `滨海新区责任单位` for a
/// level of a two-level table.
fn role_name(doc: &Document<'_>, role: UnitRole) -> String {
    match doc.header().place(role) {
        Some(place) => format!("{place}{}", role.label()),
        None => role.label().to_string(),
    }
}
