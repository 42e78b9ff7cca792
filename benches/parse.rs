//! How fast fengong reads and writes documents.
//!
//! - `seed`: parsing the 21 KB seed document.
//! - `20MB`: on a generated document of about 20 MB (see
//!   `fengong::generate`): the floor of `parse`'s own work (`floor_lines`:
//!   one `memchr` pass over the lines of the `&str`; `parse` is given a
//!   `&str`, so UTF-8 validation is not its work), `parse`, `parse_and_drop`
//!   (the same, plus freeing the document), `parse_tolerant`; the floor of
//!   reading a file's bytes (`floor_utf8_lines`: `simdutf8` validation plus
//!   the line pass) and `decode_parse` (`fengong::source::decode`, then
//!   `parse`); the lint pass of `fengong check` (`lint`), the lossless print
//!   back (`to_string`), the canonical writer, JSON export, and reading the
//!   same document back from its JSON (`serde_json::from_str`, the
//!   alternative to parsing the text).
//! - `distributions`: `parse` and `lint` on documents of 4 MB (20 MB with
//!   `FENGONG_BENCH_LARGE=1`) whose task texts are drawn from each
//!   `fengong::generate::TextKind`: the lint pass must take about the same
//!   time per MB on each.
//! - `forms`: `parse` of 20 MB documents of each `fengong::generate::Form`:
//!   the seed's table, tables of other column sets, and list documents.
//! - `scaling`: `parse` at 1 MB and 10 MB, and at 100 MB with
//!   `FENGONG_BENCH_LARGE=1`.
//!
//! The ratios that matter (parse to its floor, lint to parse) are best read
//! from `cargo run --release --example throughput`, which times them in
//! turns.
//!
//! The parse benchmarks (and `json_from_str`) free each result outside the
//! timing (criterion's `iter_batched`, one iteration per batch, so that each
//! run reuses the memory the last one freed); `parse_and_drop` shows what
//! freeing adds. Throughput is in bytes of the input of each benchmark: the text for the
//! text benchmarks, the JSON for `json_from_str`, the JSON written for
//! `json_to_string`. Run with `cargo bench --bench parse`; filter with
//! `cargo bench --bench parse -- 20MB/parse`.

use std::hint::black_box;
use std::time::Duration;

use criterion::BatchSize::PerIteration;
use criterion::{
    criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode, Throughput,
};
use fengong::generate::{generate, generate_bytes_at_least, Form, GenerateOptions, TextKind};

const SEED: &str = include_str!("../seeds/000_ecc403549f0e7389.txt");

const MB: usize = 1_000_000;

/// The seed of the generated documents.
const GENERATOR_SEED: u64 = 2024;

fn bytes(len: usize) -> Throughput {
    Throughput::Bytes(len as u64)
}

/// The floor of `parse`'s own work: one pass over the lines of a `&str`.
fn floor_lines(text: &str) -> usize {
    memchr::memchr_iter(b'\n', text.as_bytes()).count()
}

/// The floor of reading a file's bytes: UTF-8 validation, then the lines.
fn floor_utf8_lines(bytes: &[u8]) -> usize {
    simdutf8::basic::from_utf8(bytes).map_or(0, floor_lines)
}

fn large_enough() -> bool {
    std::env::var_os("FENGONG_BENCH_LARGE").is_some_and(|v| v == "1")
}

fn seed(c: &mut Criterion) {
    let mut group = c.benchmark_group("seed");
    group
        .sample_size(50)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .throughput(bytes(SEED.len()));
    group.bench_function("parse", |b| b.iter(|| fengong::parse(black_box(SEED))));
    group.finish();
}

fn large(c: &mut Criterion) {
    let text = generate_bytes_at_least(20 * MB, GENERATOR_SEED);
    let doc = match fengong::parse(&text) {
        Ok(doc) => doc,
        Err(e) => panic!("the generated document does not parse: {e}"),
    };
    let json = match serde_json::to_string(&doc) {
        Ok(json) => json,
        Err(e) => panic!("the document does not serialize: {e}"),
    };
    eprintln!(
        "20MB: text {} bytes, {} categories, {} tasks; JSON {} bytes",
        text.len(),
        doc.categories().len(),
        doc.tasks().count(),
        json.len()
    );

    let mut group = c.benchmark_group("20MB");
    group
        .sample_size(30)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(6))
        .throughput(bytes(text.len()));
    group.bench_function("floor_lines", |b| {
        b.iter(|| floor_lines(black_box(&text)));
    });
    group.bench_function("floor_utf8_lines", |b| {
        b.iter(|| floor_utf8_lines(black_box(text.as_bytes())));
    });
    // Parsing, not freeing: each document is dropped outside the timing
    // (as for `json_from_str`); `parse_and_drop` times both.
    group.bench_function("parse", |b| {
        b.iter_batched(|| (), |()| fengong::parse(black_box(&text)), PerIteration);
    });
    group.bench_function("parse_and_drop", |b| {
        b.iter(|| fengong::parse(black_box(&text)));
    });
    group.bench_function("parse_tolerant", |b| {
        b.iter_batched(
            || (),
            |()| fengong::parse_tolerant(black_box(&text)),
            PerIteration,
        );
    });
    group.bench_function("decode_parse", |b| {
        b.iter_batched(
            || (),
            |()| {
                fengong::source::decode(black_box(text.as_bytes()))
                    .map(|d| fengong::parse(d.text()).is_ok())
            },
            PerIteration,
        );
    });
    group.bench_function("to_string", |b| {
        b.iter(|| black_box(&doc).to_string());
    });
    group.bench_function("to_canonical_string", |b| {
        b.iter(|| fengong::to_canonical_string(black_box(&doc)));
    });
    // The lint pass of `fengong check`: every rule, default settings.
    let config = fengong::lint::LintConfig::default();
    group.bench_function("lint", |b| {
        b.iter(|| fengong::lint::lint(black_box(&doc), &text, &config).len());
    });
    group.throughput(bytes(json.len()));
    group.bench_function("json_to_string", |b| {
        b.iter(|| serde_json::to_string(black_box(&doc)).map(|s| s.len()));
    });
    group.bench_function("json_from_str", |b| {
        b.iter_batched(
            || (),
            |()| serde_json::from_str::<fengong::Document<'static>>(black_box(&json)),
            PerIteration,
        );
    });
    group.finish();
}

fn scaling(c: &mut Criterion) {
    let mut sizes = vec![MB, 10 * MB];
    if large_enough() {
        sizes.push(100 * MB);
    }
    let mut group = c.benchmark_group("scaling");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    for size in sizes {
        let text = generate_bytes_at_least(size, GENERATOR_SEED);
        // Ten parses of 100 MB take several seconds.
        group.measurement_time(Duration::from_secs(if size >= 100 * MB { 10 } else { 3 }));
        group.throughput(bytes(text.len()));
        group.bench_with_input(
            BenchmarkId::new("parse", format!("{}MB", size / MB)),
            &text,
            |b, text| b.iter_batched(|| (), |()| fengong::parse(black_box(text)), PerIteration),
        );
    }
    group.finish();
}

fn distributions(c: &mut Criterion) {
    let size = if large_enough() { 20 * MB } else { 4 * MB };
    let config = fengong::lint::LintConfig::default();
    let mut group = c.benchmark_group("distributions");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    for kind in TextKind::ALL {
        let text = generate(&GenerateOptions {
            text: kind,
            ..GenerateOptions::with_min_len(size, GENERATOR_SEED)
        });
        let doc = match fengong::parse(&text) {
            Ok(doc) => doc,
            Err(e) => panic!("the {} document does not parse: {e}", kind.name()),
        };
        group.throughput(bytes(text.len()));
        group.bench_with_input(BenchmarkId::new("parse", kind.name()), &text, |b, text| {
            b.iter_batched(|| (), |()| fengong::parse(black_box(text)), PerIteration);
        });
        group.bench_with_input(BenchmarkId::new("lint", kind.name()), &text, |b, text| {
            b.iter(|| fengong::lint::lint(black_box(&doc), text, &config).len());
        });
    }
    group.finish();
}

fn forms(c: &mut Criterion) {
    let mut group = c.benchmark_group("forms");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    for form in Form::ALL {
        let text = generate(&GenerateOptions {
            form,
            ..GenerateOptions::with_min_len(20 * MB, GENERATOR_SEED)
        });
        if let Err(e) = fengong::parse(&text) {
            panic!("the {} document does not parse: {e}", form.name());
        }
        group.throughput(bytes(text.len()));
        group.bench_with_input(BenchmarkId::new("parse", form.name()), &text, |b, text| {
            b.iter_batched(|| (), |()| fengong::parse(black_box(text)), PerIteration);
        });
    }
    group.finish();
}

criterion_group!(benches, seed, large, distributions, forms, scaling);
criterion_main!(benches);
