//! `steer import terraform`: every example built for Terraform is imported
//! back from the `.tf` file steer wrote, checked and planned again, and
//! the Route 53 plan must be the same as the original's (record sets by
//! name, type and set identifier, routing, TTLs, answers, health-check
//! settings; inputs compared by what Terraform reads). Also: what cannot be
//! read statically is reported with its place and skipped, broken HCL is
//! an error with its place, and nothing panics.

mod common;

use common::route53_plan::{check_settings, same_plan};
use std::path::Path;

/// The checked zone of an input without values: its inputs stay inputs,
/// as in the Terraform steer writes.
fn unbound_config(input: &common::Input) -> steer::check::ir::Config {
    let loaded = common::load(&input.path);
    let checked = steer::check_loaded_with(
        &loaded,
        &Default::default(),
        steer::check::CheckOptions::ROUTE53,
    );
    common::only_config(checked, &loaded, &input.display())
}

fn import(args: &[&str]) -> (bool, String, String) {
    let mut all = vec!["import", "terraform"];
    all.extend_from_slice(args);
    let out = common::steer(&all);
    (
        out.status.success(),
        common::text(&out.stdout),
        common::text(&out.stderr),
    )
}

fn round_trip(input: &common::Input, dir: &Path) -> Result<(), String> {
    let original = unbound_config(input);
    let tf = common::output(input, "terraform");
    let sub = dir.join(&input.name);
    std::fs::create_dir_all(&sub).expect("a directory");
    std::fs::write(sub.join("main.tf"), &tf).expect("write");
    let (ok, text, summary) = import(&[&sub.to_string_lossy(), "--zone", &original.zone.name]);
    if !ok {
        return Err(format!(
            "{}: steer import terraform failed:\n{summary}",
            input.name
        ));
    }
    same_plan(&input.name, &original, &text, &summary, check_settings)
}

#[test]
fn every_example_round_trips_through_its_terraform() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut inputs = common::examples();
    inputs.push(common::fixture("real-world"));
    let failures: Vec<String> = inputs
        .iter()
        .filter_map(|input| round_trip(input, dir.path()).err())
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
