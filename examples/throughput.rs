//! Throughput of `parse` next to the floor and to `serde_json`, measured in
//! turns: each round times the floor, `parse` and `serde_json::from_str` once
//! each, one after the other, and the best of the rounds is kept for each.
//! Taking them in turns keeps the ratios meaningful on a machine whose speed
//! drifts while it runs (criterion runs one benchmark after the other).
//!
//! ```sh
//! cargo run --release --example throughput            # 20 MB, 8 rounds
//! cargo run --release --example throughput -- 100 5   # 100 MB, 5 rounds
//! ```
//!
//! Each document is freed outside the timing, as in `benches/parse.rs`.

use std::hint::black_box;
use std::time::{Duration, Instant};

fn main() {
    let mut args = std::env::args().skip(1);
    let mb: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(20);
    let rounds: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(8);
    let text = fengong::generate::generate_bytes_at_least(mb << 20, 11);
    let doc = match fengong::parse(&text) {
        Ok(doc) => doc,
        Err(e) => panic!("the generated document does not parse: {e}"),
    };
    let json = match serde_json::to_string(&doc) {
        Ok(json) => json,
        Err(e) => panic!("the document does not serialize: {e}"),
    };
    drop(doc);

    let time = |best: &mut Duration, f: &mut dyn FnMut()| {
        let start = Instant::now();
        f();
        *best = (*best).min(start.elapsed());
    };
    let mut floor = Duration::MAX;
    let mut parse = Duration::MAX;
    let mut json_from_str = Duration::MAX;
    for _ in 0..rounds.max(1) {
        time(&mut floor, &mut || {
            let lines = std::str::from_utf8(black_box(text.as_bytes()))
                .map_or(0, |t| memchr::memchr_iter(b'\n', t.as_bytes()).count());
            black_box(lines);
        });
        let mut kept = None;
        time(&mut parse, &mut || {
            kept = Some(fengong::parse(black_box(&text)))
        });
        drop(kept);
        let mut kept = None;
        time(&mut json_from_str, &mut || {
            kept = Some(serde_json::from_str::<fengong::Document<'static>>(
                black_box(&json),
            ));
        });
        drop(kept);
    }
    let rate = |t: Duration| text.len() as f64 / t.as_secs_f64() / 1e6;
    let ms = |t: Duration| t.as_secs_f64() * 1e3;
    println!(
        "{} bytes ({} of JSON), best of {rounds} rounds",
        text.len(),
        json.len()
    );
    println!(
        "floor          {:8.2} ms  {:6.0} MB/s",
        ms(floor),
        rate(floor)
    );
    println!(
        "parse          {:8.2} ms  {:6.0} MB/s  {:.2} × the floor",
        ms(parse),
        rate(parse),
        parse.as_secs_f64() / floor.as_secs_f64()
    );
    println!(
        "json_from_str  {:8.2} ms             {:.2} × parse's time",
        ms(json_from_str),
        json_from_str.as_secs_f64() / parse.as_secs_f64()
    );
}
