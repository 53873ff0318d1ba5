//! `steer import route53`: every example's Route 53 plan, listed as the
//! AWS CLI prints a deployed zone (`common::route53_plan::listing`), is
//! imported, checked and planned again, and the two plans must be equal:
//! the same record sets by name, type and set identifier, the same
//! routing, TTLs, answers and health-check settings. Malformed listings
//! give an error with the place, never a panic. (The same round trip
//! through a real deployment on moto is tests/import_moto.rs.)

mod common;

use common::route53_plan::{check_settings, cidr_listing, listing, same_plan};
use common::Input;
use std::path::Path;

/// Imports a listing with the `steer` binary; the text and the summary.
fn import(
    dir: &Path,
    name: &str,
    records: &serde_json::Value,
    checks: &serde_json::Value,
    cidr: &str,
    zone: &str,
) -> (String, String) {
    let r = dir.join(format!("{name}.records.json"));
    let c = dir.join(format!("{name}.checks.json"));
    let k = dir.join(format!("{name}.cidr.json"));
    std::fs::write(&r, records.to_string()).expect("write");
    std::fs::write(&c, checks.to_string()).expect("write");
    std::fs::write(&k, cidr).expect("write");
    let out = common::steer(&[
        "import",
        "route53",
        &r.to_string_lossy(),
        "--health-checks",
        &c.to_string_lossy(),
        "--cidr-collections",
        &k.to_string_lossy(),
        "--zone",
        zone,
        "--hosted-zone-id",
        common::route53_plan::ZONE_ID,
    ]);
    assert!(
        out.status.success(),
        "{name}: steer import route53 failed:\n{}",
        common::text(&out.stderr)
    );
    (common::text(&out.stdout), common::text(&out.stderr))
}

fn round_trip(input: &Input, dir: &Path) -> Result<(), String> {
    let original = common::config(input);
    let (records, checks) = listing(&original);
    let cidr = cidr_listing(&original);
    let (text, summary) = import(
        dir,
        &input.name,
        &records,
        &checks,
        &cidr,
        &original.zone.name,
    );
    same_plan(&input.name, &original, &text, &summary, check_settings)
}

#[test]
fn every_example_round_trips_through_a_listing() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut inputs = common::examples();
    inputs.push(common::fixture("real-world"));
    let mut failures = Vec::new();
    for input in &inputs {
        if let Err(e) = round_trip(input, dir.path()) {
            failures.push(e);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Prints one example's import (`IMPORT_SHOW=NAME cargo test --test
/// import_route53 show -- --nocapture`); checks nothing else.
#[test]
fn show() {
    let Ok(name) = std::env::var("IMPORT_SHOW") else {
        return;
    };
    let dir = tempfile::tempdir().expect("a temporary directory");
    let input = common::example(&name);
    let original = common::config(&input);
    let (records, checks) = listing(&original);
    let cidr = cidr_listing(&original);
    let (text, summary) = import(
        dir.path(),
        &name,
        &records,
        &checks,
        &cidr,
        &original.zone.name,
    );
    println!("{text}\n{summary}");
}
