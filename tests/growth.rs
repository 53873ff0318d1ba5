//! Every pass is linear: check, the Route 53 lowering and every target do
//! at most about 8× the work on 8× the input. The work is counted, not
//! timed: a counting global allocator records the allocations and bytes
//! each stage makes, which is deterministic. Inputs are the
//! shapes of `benches/shapes` (plain records, failover pairs, geolocation
//! over failover, weighted pools, latency over three regions, the octoDNS
//! peer kit's shape, reusable pools, failovers to aliases of records of
//! the zone), each at 1× and 8×; `steer diff` of each against a copy with
//! some values changed.
//!
//! The counters are the process's, not a thread's: a writer renders its
//! many units on two threads (`Sink::units_in_two`), and the second
//! thread's share is work of the same pass. So measurements hold
//! `MEASURING`, and nothing else allocates meanwhile.
//!
//! What this catches: a pass whose allocations grow faster than its input
//! (a per-record clone of a growing list, a lookup that collects a growing
//! vector, a `format!` inside a scan). A scan that allocates nothing is
//! invisible here; `bench/growth.sh` counts instructions with callgrind
//! for that (docs/performance.md).

#[path = "../benches/shapes/mod.rs"]
mod shapes;

use shapes::Shape;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::Mutex;

struct Counting;

static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);
static BYTES: AtomicU64 = AtomicU64::new(0);
/// Held while work is counted: the counters are the whole process's.
static MEASURING: Mutex<()> = Mutex::new(());

fn count(bytes: usize) {
    ALLOCATIONS.fetch_add(1, Relaxed);
    BYTES.fetch_add(bytes as u64, Relaxed);
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        System.alloc(layout)
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        count(layout.size());
        System.alloc_zeroed(layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size);
        System.realloc(ptr, layout, new_size)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations and bytes allocated by `f`, on every thread it starts.
#[derive(Debug, Clone, Copy)]
struct Work {
    allocations: u64,
    bytes: u64,
}

fn work<T>(f: impl FnOnce() -> T) -> (T, Work) {
    let _measuring = MEASURING.lock().unwrap_or_else(|e| e.into_inner());
    let before = (ALLOCATIONS.load(Relaxed), BYTES.load(Relaxed));
    let out = f();
    let work = Work {
        allocations: ALLOCATIONS.load(Relaxed) - before.0,
        bytes: BYTES.load(Relaxed) - before.1,
    };
    (out, work)
}

/// The work of each stage on a zone of `n` records of a shape.
fn stages(n: usize, shape: Shape) -> Vec<(String, Work)> {
    let text = shapes::zone(n, shape);
    let mut loaded = steer::load::Loaded::default();
    loaded.add("growth.steer", text.as_bytes());
    let (checked, check) = work(|| steer::check_loaded(&loaded));
    let errors: Vec<_> = checked
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .collect();
    assert!(
        errors.is_empty(),
        "{} at {n}: {:?}",
        shape.name(),
        errors.first()
    );
    let config = &checked.configs[0];
    let mut out = vec![("check".to_string(), check)];
    let (_, fmt) = work(|| steer::fmt::format_file(&loaded.files[0].1, &text));
    out.push(("fmt".to_string(), fmt));
    // `steer check`: the check stage and the default targets' stages.
    let values = steer::check::InputValues::new();
    let (_, w) = work(|| {
        steer::check_for_targets(&loaded, &values, steer::CheckTargets::Default).expect("checks")
    });
    out.push(("check for targets".to_string(), w));
    let (plan, lower) = work(|| steer::emit::route53::plan(config).expect("lowers"));
    drop(plan);
    out.push(("lower".to_string(), lower));
    for target in steer::emit::TARGETS {
        let options = steer::emit::Options::default();
        let (emitted, w) = work(|| target.emit(config, &options, &mut std::io::sink()));
        // The powerdns target serves a subset of the shapes: it walks
        // every record either way, and its errors are measured too.
        let served = match &emitted {
            Ok(_) => true,
            Err(steer::emit::EmitError::Write(_)) => false,
            Err(steer::emit::EmitError::Invalid(errors)) => {
                target.name() == "powerdns"
                    && errors.iter().all(|d| d.code == "powerdns-cannot-serve")
            }
        };
        assert!(served, "{} for {}", shape.name(), target.name());
        out.push((target.name().to_string(), w));
    }
    // `steer diff` against a copy with some values changed: the plans of
    // both sides, the comparison (every routed name's answers for every
    // client class and failure set) and its text.
    let new_text = changed(&text);
    let mut new_loaded = steer::load::Loaded::default();
    new_loaded.add("growth.steer", new_text.as_bytes());
    let new_checked = steer::check_loaded(&new_loaded);
    let (diff, w) = work(|| {
        let old = steer::diff::plans(&checked.configs).expect("plans");
        let new = steer::diff::plans(&new_checked.configs).expect("plans");
        let diff = steer::diff::compare(&old, &new);
        let text = steer::diff::render::text(&diff);
        (diff, text)
    });
    assert!(!diff.0.is_empty(), "{}: no change to compare", shape.name());
    out.push(("diff".to_string(), w));
    out
}

/// The zone with its MX preference, every `ttl 60` and the endpoint
/// address 198.51.100.7 changed, for `steer diff`.
fn changed(text: &str) -> String {
    text.replace("@ MX \"10 ", "@ MX \"20 ")
        .replace(" ttl 60\n", " ttl 30\n")
        .replace("[198.51.100.7]", "[198.51.100.70]")
        .replace("a 198.51.100.7 ", "a 198.51.100.70 ")
}

/// 8× the records may cost at most this many times the work: linear with
/// room for hash-table and vector growth steps, far below the 64× of a
/// quadratic pass.
const BOUND: f64 = 12.0;
const BASE: usize = 150;

#[test]
fn every_pass_grows_linearly_in_every_shape() {
    let mut failures = Vec::new();
    for shape in Shape::ALL {
        let small = stages(BASE, shape);
        let large = stages(8 * BASE, shape);
        for ((stage, s), (_, l)) in small.iter().zip(&large) {
            let ratios = [
                (
                    "allocations",
                    l.allocations as f64 / s.allocations.max(1) as f64,
                ),
                ("bytes", l.bytes as f64 / s.bytes.max(1) as f64),
            ];
            for (what, ratio) in ratios {
                eprintln!(
                    "{:>12} {:>14} {what:>11}: {ratio:5.2}×",
                    shape.name(),
                    stage
                );
                if ratio >= BOUND {
                    failures.push(format!("{} {stage} {what}: {ratio:.1}×", shape.name()));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "8× the records cost ≥ {BOUND}× the work (a quadratic pass?): {failures:#?}"
    );
}
