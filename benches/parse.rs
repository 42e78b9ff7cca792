//! How fast fengong reads and writes documents.
//!
//! - `seed`: parsing the 21 KB seed document.
//! - `20MB`: on a generated document of about 20 MB (see
//!   `fengong::generate`): the floor that any parser of this line-based format
//!   pays (UTF-8 validation plus finding every line end), `parse`,
//!   `parse_and_drop` (the same, plus freeing the document), `parse_tolerant`,
//!   the lint pass of `fengong check` (`lint`), the lossless print back (`to_string`), the canonical
//!   writer, JSON export, and reading the same document back from its JSON
//!   (`serde_json::from_str`, the alternative to parsing the text).
//! - `scaling`: `parse` at 1 MB and 10 MB, and at 100 MB with
//!   `FENGONG_BENCH_LARGE=1`.
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
use fengong::generate::generate_bytes_at_least;

const SEED: &str = include_str!("../seeds/000_ecc403549f0e7389.txt");

const MB: usize = 1_000_000;

/// The seed of the generated documents.
const GENERATOR_SEED: u64 = 2024;

fn bytes(len: usize) -> Throughput {
    Throughput::Bytes(len as u64)
}

/// What any reader of this format pays at least: checking that the bytes
/// are UTF-8 and finding every line end.
fn floor(bytes: &[u8]) -> usize {
    match std::str::from_utf8(bytes) {
        Ok(text) => memchr::memchr_iter(b'\n', text.as_bytes()).count(),
        Err(_) => 0,
    }
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
    group.bench_function("floor", |b| {
        b.iter(|| floor(black_box(text.as_bytes())));
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
    if std::env::var_os("FENGONG_BENCH_LARGE").is_some_and(|v| v == "1") {
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

criterion_group!(benches, seed, large, scaling);
criterion_main!(benches);
