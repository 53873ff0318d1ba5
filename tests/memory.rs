//! Peak memory of loading (issue 15): reading and parsing a file holds the
//! syntax tree and little beside it. A counting global allocator tracks
//! the bytes live at once; loading a zone may peak at a bounded multiple
//! of its source, whatever its size. (Parsing the whole file with one
//! pest call held pest's token queue for the whole file, about 180 bytes
//! per byte of source, and loading parsed a named file twice.)

#[allow(dead_code)] // the shapes this test does not use
#[path = "../benches/shapes/mod.rs"]
mod shapes;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Peak;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(bytes: usize) {
    let live = LIVE.fetch_add(bytes, Ordering::Relaxed) + bytes;
    PEAK.fetch_max(live, Ordering::Relaxed);
}

unsafe impl GlobalAlloc for Peak {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        System.alloc(layout)
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        System.alloc_zeroed(layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // Old and new blocks both live while the bytes are copied.
        grew(new_size);
        let p = System.realloc(ptr, layout, new_size);
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        System.dealloc(ptr, layout)
    }
}

#[global_allocator]
static GLOBAL: Peak = Peak;

/// The counters are the process's: one test measures at a time.
static MEASURING: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Bytes live at the peak of `f`, above those live before it (the test
/// holds [`MEASURING`]).
fn peak_of<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let out = f();
    (out, PEAK.load(Ordering::Relaxed) - before)
}

/// Loading the octoDNS kit's shape (the benchmark zone) peaks under 25
/// bytes per byte of source (17 now; 36 with the whole-file parse and
/// the second parse of loading).
#[test]
fn loading_peaks_at_a_small_multiple_of_the_source() {
    let _measuring = MEASURING.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("zone.steer");
    let text = shapes::zone(2000, shapes::Shape::Kit);
    std::fs::write(&path, &text).expect("written");
    let (loaded, peak) = peak_of(|| steer::load::load(std::slice::from_ref(&path)));
    let loaded = loaded.expect("loads");
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let per_byte = peak as f64 / text.len() as f64;
    eprintln!(
        "{} source bytes, peak {peak} bytes: {per_byte:.1} per byte",
        text.len()
    );
    assert!(
        per_byte < 25.0,
        "{per_byte:.1} bytes live per byte of source"
    );
}

/// The checked octoDNS kit shape of 2000 records.
fn checked_kit_zone() -> steer::check::Checked {
    let text = shapes::zone(2000, shapes::Shape::Kit);
    let mut loaded = steer::load::Loaded::default();
    loaded.add("zone.steer", text.as_bytes());
    let checked = steer::check_loaded(&loaded);
    assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
    checked
}

/// Counts the bytes written to it and keeps none.
#[derive(Default)]
struct Counted(usize);

impl std::io::Write for Counted {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The Route 53 targets write their text to the sink as they produce it
/// (`steer build` writes it to the file): writing never holds the whole
/// text, so the peak is below that of building it in memory by at least
/// half its size (a 100k-record Terraform file is 270 MB).
#[test]
fn the_route53_targets_write_without_holding_the_text() {
    let _measuring = MEASURING.lock().unwrap_or_else(|e| e.into_inner());
    let checked = checked_kit_zone();
    let config = &checked.configs[0];
    let options = steer::emit::Options::default();
    for name in ["terraform", "cloudformation"] {
        let target = steer::emit::target(name).expect("a target");
        let mut written = Counted::default();
        let (emitted, streamed) = peak_of(|| target.emit(config, &options, &mut written));
        assert!(emitted.is_ok(), "{name}");
        let (output, held) = peak_of(|| steer::emit::build(config, target, &options));
        let output = output.expect("builds");
        assert_eq!(output.text.len(), written.0, "{name}");
        eprintln!(
            "{name}: {} bytes of text, peak {streamed} bytes streamed, {held} held",
            written.0
        );
        assert!(
            streamed + written.0 / 2 < held,
            "{name}: {streamed} bytes live writing {} bytes ({held} in memory)",
            written.0
        );
    }
}

/// The check stage of `steer check` and `steer build` takes the syntax
/// trees and frees each record's, check's and endpoint's once it is
/// lowered (`check_loaded_taking`): the trees and the IR built from them
/// are never live whole at once, so it peaks below the check that keeps
/// the trees by at least a quarter of what the trees hold (four fifths
/// now; at 100k records the trees were half of `steer check`'s peak), and
/// above the trees it was given by under a quarter of them (a sixth now;
/// two fifths while the checks' and endpoints' trees were kept until the
/// records were lowered, a fifth of the peak at 100k records).
#[test]
fn the_check_frees_each_record_tree_once_lowered() {
    let _measuring = MEASURING.lock().unwrap_or_else(|e| e.into_inner());
    let text = shapes::zone(2000, shapes::Shape::Kit);
    let load = || {
        let mut loaded = steer::load::Loaded::default();
        loaded.add("zone.steer", text.as_bytes());
        loaded
    };
    let values = steer::check::InputValues::new();
    let options = steer::check::CheckOptions::ROUTE53;
    let (loaded, _) = peak_of(load);
    let (checked, kept) = peak_of(|| steer::check_loaded_with(&loaded, &values, options));
    assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
    drop(checked);
    let before = LIVE.load(Ordering::Relaxed);
    drop(loaded);
    let trees = before - LIVE.load(Ordering::Relaxed) - text.len();
    let mut loaded = load();
    let (checked, taken) = peak_of(|| steer::check_loaded_taking(&mut loaded, &values, options));
    assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
    eprintln!("trees {trees} bytes; check peak {kept} keeping them, {taken} taking them");
    assert!(
        taken + trees / 4 < kept,
        "taking the trees ({trees} bytes) the check peaks at {taken} bytes, keeping them {kept}"
    );
    assert!(
        taken * 4 < trees,
        "taking the trees ({trees} bytes) the check peaks {taken} bytes above them"
    );
}

/// The check stage builds the dependency graph for its cycle rule and
/// drops it: the configurations it returns, which every target's passes
/// hold, do not keep it (at 100k records it was 115 MB live through the
/// Route 53 plan and the naming; a reader builds it on demand). The graph
/// is built while the whole IR is live, so the check peaks at least the
/// graph above what its result holds (a result holding it was 1.5 MB
/// above that here, more than the check's other transient memory).
#[test]
fn the_check_result_does_not_hold_the_dependency_graph() {
    let _measuring = MEASURING.lock().unwrap_or_else(|e| e.into_inner());
    let text = shapes::zone(2000, shapes::Shape::Kit);
    let mut loaded = steer::load::Loaded::default();
    loaded.add("zone.steer", text.as_bytes());
    let values = steer::check::InputValues::new();
    let options = steer::check::CheckOptions::ROUTE53;
    let before = LIVE.load(Ordering::Relaxed);
    let (checked, peak) = peak_of(|| steer::check_loaded_with(&loaded, &values, options));
    let held = LIVE.load(Ordering::Relaxed) - before;
    assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
    let (graph, _) = peak_of(|| steer::check::dependency_graph(&checked.configs[0]));
    let with_graph = LIVE.load(Ordering::Relaxed) - before;
    drop(graph);
    let graph = with_graph - held;
    eprintln!("check peak {peak} bytes, result {held}, graph {graph}");
    assert!(
        held + graph <= peak,
        "the check result holds {held} bytes, its peak was {peak}, the graph is {graph}"
    );
}

/// The Route 53 plan (the record sets of the Terraform and CloudFormation
/// targets, and of `steer check`'s target diagnostics) holds what the
/// sets of one policy share once, per policy, and borrows what the
/// configuration holds, and makes each member label once: it keeps under
/// 220 bytes per set (about 460 when every set held its key parts, name,
/// origin text and endpoint values, 227 with a label per set; at 100k
/// records the plan has 460k sets).
#[test]
fn the_route53_plan_holds_little_per_set() {
    let _measuring = MEASURING.lock().unwrap_or_else(|e| e.into_inner());
    let checked = checked_kit_zone();
    let config = &checked.configs[0];
    let before = LIVE.load(Ordering::Relaxed);
    let plan = steer::emit::route53::plan(config).expect("plans");
    let held = LIVE.load(Ordering::Relaxed) - before;
    let sets = plan.record_sets.len();
    let per_set = held as f64 / sets as f64;
    eprintln!("{sets} record sets hold {held} bytes: {per_set:.0} per set");
    assert!(sets > 4 * 2000 / 2, "{sets} sets");
    assert!(per_set < 220.0, "the plan holds {per_set:.0} bytes per set");
}

/// The cycle rule keeps only the components that are cycles: Tarjan's
/// walk over an acyclic zone of n nodes gave n one-node vectors, more than
/// a third of the graph's own size.
#[test]
fn the_cycle_rule_holds_little_beside_the_graph() {
    let _measuring = MEASURING.lock().unwrap_or_else(|e| e.into_inner());
    let checked = checked_kit_zone();
    let before = LIVE.load(Ordering::Relaxed);
    let g = steer::check::dependency_graph(&checked.configs[0]);
    let graph = LIVE.load(Ordering::Relaxed) - before;
    let (cycles, peak) = peak_of(|| steer::check::reference_cycles(&g));
    assert!(cycles.is_empty(), "{cycles:?}");
    eprintln!("graph {graph} bytes, cycle rule peak {peak}");
    assert!(
        peak * 5 < graph,
        "finding cycles peaks at {peak} bytes beside a graph of {graph}"
    );
}

/// The bytes the Route 53 plan of `config` holds once made, and the peak
/// of making it.
fn plan_size(config: &steer::check::ir::Config) -> (usize, usize) {
    let before = LIVE.load(Ordering::Relaxed);
    let (plan, peak) = peak_of(|| steer::emit::route53::plan(config).expect("plans"));
    let held = LIVE.load(Ordering::Relaxed) - before;
    drop(plan);
    (held, peak)
}

/// Planning peaks little above what the plan holds: the generated names
/// are hashed and the set identifiers' collisions found by sorting the
/// sets' indexes; `BTreeMap`s of both (about 200k and 460k keys at 100k
/// records) were the peak of the plan: 2000 kit records planned 43% above
/// the plan's size with them, 24% without.
#[test]
fn planning_peaks_little_above_the_plan() {
    let _measuring = MEASURING.lock().unwrap_or_else(|e| e.into_inner());
    let checked = checked_kit_zone();
    let config = &checked.configs[0];
    let (held, peak) = plan_size(config);
    eprintln!("the plan holds {held} bytes, planning peaks at {peak}");
    assert!(
        peak * 3 < held * 4,
        "planning peaks at {peak} bytes for a plan of {held}"
    );
}

/// Writing Terraform holds little beside the plan: its record sets are
/// ordered by a rank per set, and ranking holds an owner index per set
/// and per record, sorted by comparing names label by label. A `&str` per
/// set, a hash set of the distinct owners sized for the sets and each
/// owner's canonical labels as `String`s were the peak of a Terraform
/// build at 100k records. The 2000-record kit zone's build peaked at 1.87
/// times its plan with all of it live through the sort, at 1.67 with it
/// freed before the sort, then 1.29 (the names' bounds are `u32`s, and
/// the sorts have no buffer). Its health checks and record sets are now
/// rendered on two threads (`Sink::units_in_two`), with text in flight
/// between them: the chunk each thread renders, one in the channel, one
/// string given back for reuse, and the sink's pending text, each in a
/// string up to twice its length; six chunks (`Sink::UNITS_PER_CHUNK`
/// units each) of the file's average unit, doubled, bound it. That part is a constant, and its
/// share of the peak depends on the threads' timing.
#[test]
fn terraform_orders_its_sets_in_little_room() {
    let _measuring = MEASURING.lock().unwrap_or_else(|e| e.into_inner());
    let checked = checked_kit_zone();
    let config = &checked.configs[0];
    let (planned, _) = plan_size(config);
    let units = {
        let plan = steer::emit::route53::plan(config).expect("plans");
        plan.record_sets.len() + plan.health_checks.len()
    };
    let target = steer::emit::target("terraform").expect("a target");
    let options = steer::emit::Options::default();
    let mut written = Counted::default();
    let (emitted, peak) = peak_of(|| target.emit(config, &options, &mut written));
    assert!(emitted.is_ok());
    let in_flight = 2 * 6 * steer::emit::Sink::UNITS_PER_CHUNK * written.0 / units;
    eprintln!(
        "plan {planned} bytes, Terraform written with a peak of {peak}, \
         of which up to {in_flight} text between the writer's threads"
    );
    assert!(
        peak * 10 < planned * 13 + in_flight * 10,
        "writing Terraform peaks at {peak} bytes for a plan of {planned} \
         and {in_flight} bytes of text in flight"
    );
}

/// The peak of one target's own stage on `config`, once the Route 53 plan
/// it may read is made (so that the plan is not counted).
fn own_stage_peak(config: &steer::check::ir::Config, name: &str) -> usize {
    let options = steer::emit::Options::default();
    let target = steer::emit::target(name).expect("a target");
    let diagnosed = steer::emit::Diagnosed::new(config);
    assert!(target.diagnose(&diagnosed, &options).is_empty());
    let (found, peak) = peak_of(|| target.diagnose(&diagnosed, &options));
    assert!(found.is_empty(), "{found:?}");
    peak
}

/// Diagnoses `config` for every default target, as `steer check` does:
/// its peak, and the zone target's, and the plan's size and peak.
fn check_peaks(config: &steer::check::ir::Config) -> CheckPeaks {
    let (planned, planning) = plan_size(config);
    let zone = own_stage_peak(config, "zone");
    let targets: Vec<&dyn steer::emit::Target> = ["terraform", "cloudformation", "zone"]
        .into_iter()
        .map(|name| steer::emit::target(name).expect("a target"))
        .collect();
    let options = steer::emit::Options::default();
    let (found, all) = peak_of(|| steer::diagnose_zone(config, &targets, &options));
    assert!(found.iter().all(|(d, _)| !d.is_error()), "{found:?}");
    CheckPeaks {
        planned,
        planning,
        zone,
        all,
    }
}

struct CheckPeaks {
    planned: usize,
    planning: usize,
    zone: usize,
    all: usize,
}

/// Below `PARALLEL_MIN_RECORDS`, `steer check` frees a zone's Route 53
/// plan once no target left to ask reads it: the zone target's own passes
/// (which read only the IR) run without it, so diagnosing a zone for every
/// default target peaks below the plan and the zone target's passes
/// together.
#[test]
fn steer_check_of_a_small_zone_frees_the_route53_plan_before_the_zone_target() {
    let _measuring = MEASURING.lock().unwrap_or_else(|e| e.into_inner());
    let records = steer::PARALLEL_MIN_RECORDS / 2;
    let text = shapes::zone(records, shapes::Shape::Kit);
    let mut loaded = steer::load::Loaded::default();
    loaded.add("zone.steer", text.as_bytes());
    let checked = steer::check_loaded(&loaded);
    assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
    let config = &checked.configs[0];
    assert!(config.records.len() < steer::PARALLEL_MIN_RECORDS);
    let CheckPeaks {
        planned, zone, all, ..
    } = check_peaks(config);
    eprintln!("plan {planned} bytes, zone target {zone}, every default target {all}");
    assert!(
        all < planned + zone,
        "diagnosing peaks at {all} bytes: the plan holds {planned}, the zone target peaks at {zone}"
    );
}

/// From `PARALLEL_MIN_RECORDS` on, the zone target's passes run on a
/// second thread while this one makes the plan (the longest step before
/// the targets that read it, with the other core idle), so both are live
/// at once; nothing else is: the peak stays below what planning, the zone
/// target and the two Route 53 targets' own stages each peak at, added up
/// (at 100k records `steer check` peaks at 265-271 MB against 236-243 MB
/// with the plan freed first; docs/performance.md, session 29).
#[test]
fn steer_check_of_a_large_zone_holds_only_what_its_threads_run_at_once() {
    let _measuring = MEASURING.lock().unwrap_or_else(|e| e.into_inner());
    let checked = checked_kit_zone();
    let config = &checked.configs[0];
    assert!(config.records.len() >= steer::PARALLEL_MIN_RECORDS);
    let terraform = own_stage_peak(config, "terraform");
    let cloudformation = own_stage_peak(config, "cloudformation");
    let CheckPeaks {
        planned,
        planning,
        zone,
        all,
    } = check_peaks(config);
    eprintln!(
        "plan {planned} bytes (peak {planning}), zone target {zone}, Terraform {terraform}, \
         CloudFormation {cloudformation}, every default target {all}"
    );
    let bound = planning + zone + terraform + cloudformation;
    assert!(
        all < bound,
        "diagnosing peaks at {all} bytes, above {bound}: planning peaks at {planning}, \
         the zone target at {zone}, Terraform's stage at {terraform}, CloudFormation's at \
         {cloudformation}"
    );
    assert!(
        all > planned,
        "diagnosing peaks at {all} bytes, below the plan's {planned}"
    );
}
