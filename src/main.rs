//! The `fengong` command-line tool.
fn main() {}
