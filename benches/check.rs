//! Time per stage — pest's matching alone (one thread, no tree: what
//! bounds parsing), parse, check (parse included), the Route 53 lowering,
//! each target's emitter — on generated zones shaped like real ones
//! (`shapes`: plain records, failover pairs, geolocation over failover,
//! weighted pools, latency over three regions, each routed record with its
//! own health checks and endpoints; and the octoDNS peer kit's shape).
//!
//! Run: `cargo bench --bench check` (1,000 and 10,000 records), or
//! `cargo bench --bench check -- 100000` for other sizes. A real file, such
//! as `oct2steer.py` output, is benchmarked too when named:
//! `STEER_BENCH_FILE=/tmp/kit.steer cargo bench --bench check -- 1000`
//! (`STEER_BENCH_RUNS=N` runs it N times instead of five).
//! Prints the median of several runs per size, shape and stage.

mod shapes;

use shapes::Shape;
use std::time::{Duration, Instant};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed())
}

/// Runs every stage `runs` times on one input; prints one row per stage.
fn bench(label: &str, records: usize, text: &str, runs: usize, refusals_allowed: bool) {
    let mut times: Vec<(String, Vec<Duration>)> = Vec::new();
    let mut record = |stage: &str, t: Duration| match times.iter_mut().find(|(s, _)| s == stage) {
        Some((_, v)) => v.push(t),
        None => times.push((stage.to_string(), vec![t])),
    };
    for _ in 0..runs {
        let (matched, t) = time(|| steer::syntax::grammar_matches(text));
        assert!(matched, "{label}: the input must follow the grammar");
        record("pest's matching alone (one thread)", t);
        let (_, t) = time(|| steer::syntax::parse_file(steer::source::FileId(0), text));
        record("parse", t);
        // `Loaded::add` parses; `check_loaded` checks what was parsed.
        let (loaded, parse) = time(|| {
            let mut loaded = steer::load::Loaded::default();
            loaded.add("bench.steer", text.as_bytes());
            loaded
        });
        let (checked, t) = time(|| steer::check_loaded(&loaded));
        record("check", t);
        record("load (parse) + check", parse + t);
        if checked.has_errors() {
            for d in checked.diagnostics.iter().filter(|d| d.is_error()).take(3) {
                eprintln!("{}", steer::diagnostic::plain_line(d, &loaded.sources));
            }
            panic!("{label}: the input must be valid");
        }
        let config = &checked.configs[0];
        let (plan, t) = time(|| steer::emit::route53::plan(config).map(|p| p.record_sets.len()));
        assert!(plan.is_ok(), "{label}: lowering failed");
        record("Route 53 lowering", t);
        for target in steer::emit::TARGETS {
            let options = steer::emit::Options::default();
            let (emitted, t) = time(|| target.emit(config, &options, &mut std::io::sink()));
            match emitted {
                Ok(_) => record(&format!("lower + emit {}", target.name()), t),
                // A real file may use what a target refuses (the peer kit's
                // zone has records PowerDNS cannot serve); generated shapes
                // must build everywhere.
                Err(_) if refusals_allowed => {
                    record(&format!("lower + emit {} (refused)", target.name()), t)
                }
                Err(_) => panic!("{label}: {} failed", target.name()),
            }
        }
    }
    for (stage, v) in times {
        println!(
            "| {records} | {label} | {stage} | {:.1?} | {runs} |",
            median(v)
        );
    }
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![1_000, 10_000]
    } else {
        sizes
    };
    println!("| records | input | stage | median | runs |");
    println!("|---:|---|---|---:|---:|");
    if let Ok(path) = std::env::var("STEER_BENCH_FILE") {
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let records = text.lines().filter(|l| l.starts_with("record ")).count();
        // `STEER_BENCH_RUNS=1` for a file too large to read five times.
        let runs = std::env::var("STEER_BENCH_RUNS")
            .ok()
            .and_then(|r| r.parse().ok())
            .unwrap_or(5);
        bench(&path, records, &text, runs, true);
    }
    for n in sizes {
        let runs = if n >= 100_000 { 3 } else { 7 };
        for shape in Shape::ALL {
            // PowerDNS cannot serve an alias (Route 53's own answer).
            let refusals_allowed = shape == Shape::Aliases;
            bench(
                shape.name(),
                n,
                &shapes::zone(n, shape),
                runs,
                refusals_allowed,
            );
        }
    }
}
