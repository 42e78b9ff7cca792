//! The `fengong` command-line tool; see `fengong --help`.

#![forbid(unsafe_code)]
// `println!` and `eprintln!` panic when their stream fails (`2>/dev/full`,
// a closed pipe): the command line writes through `cli::term` instead.
#![deny(clippy::print_stdout, clippy::print_stderr, clippy::dbg_macro)]

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
