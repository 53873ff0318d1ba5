//! Every example's CloudFormation template deployed as a stack on moto (a
//! local AWS, on 127.0.0.1), then compared with what Route 53 holds: record
//! sets by name, type and set identifier, field by field (TTL, values,
//! Weight, Failover, Region, GeoLocation, MultiValueAnswer, AliasTarget, the
//! HealthCheckId linkage), health check configurations and tags, the created
//! zone. What moto does not keep is said, by name, in the output
//! (`moto gap: ...`, the table `common::moto::GAPS`) and everything else is
//! asserted. One server for all examples, stacks created one after another.

mod common;

use common::moto::{self, Deploy, Deployed, Moto};
use common::Input;
use serde_json::json;
use std::collections::BTreeSet;
use std::path::Path;

/// Examples deployed without a resource type moto cannot create, and without
/// every resource that refers to one: (example, resource type, reason).
const DROPS: &[(&str, &str, &str)] = &[(
    "cidr",
    "AWS::Route53::CidrCollection",
    "moto 5.2.5 has no CloudFormation model for AWS::Route53::CidrCollection (it skips the \
     resource with a warning, and the records' Fn::GetAtt of its Id then fails CreateStack), \
     and its Route 53 record set model keeps no CidrRoutingConfig",
)];

/// Every example and the escaping corpus.
fn inputs() -> Vec<Input> {
    let mut inputs = common::examples();
    inputs.push(common::fixture("escaping"));
    inputs.push(common::fixture("real-world"));
    inputs
}

fn deploy(moto: &Moto, input: &Input, dir: &Path) -> (Deployed, serde_json::Value) {
    let mut d = Deploy::of_input(input, dir);
    for (_, kind, reason) in DROPS.iter().filter(|(n, _, _)| *n == input.name) {
        eprintln!(
            "{}: deployed WITHOUT {kind} and what refers to it: {reason}",
            input.name
        );
        d.drop_types.push(kind.to_string());
    }
    let original: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&d.template).expect("the template"))
            .expect("JSON");
    (moto.deploy(&d), original)
}

#[test]
fn every_example_deploys_on_moto_as_written() {
    let Some(moto) = Moto::start() else { return };
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut gaps_seen = BTreeSet::new();
    let mut failures = Vec::new();
    let mut deployed_sets = 0;
    for input in inputs() {
        let name = &input.name;
        let (deployed, original) = deploy(&moto, &input, dir.path());
        if deployed.status() != "CREATE_COMPLETE" {
            failures.push(format!("{name}: stack {}", deployed.stack_report()));
            continue;
        }
        // Only the allow-listed drops: the type itself and what names it.
        let dropped = deployed.dropped();
        let drop_types: Vec<&str> = DROPS
            .iter()
            .filter(|(n, _, _)| n == name)
            .map(|(_, t, _)| *t)
            .collect();
        assert_eq!(
            dropped.is_empty(),
            drop_types.is_empty(),
            "{name}: DROPS lists {drop_types:?}, dropped {dropped:?}: keep DROPS true"
        );
        for logical in &dropped {
            let r = &original["Resources"][logical];
            let names_it = r["Type"].as_str().is_some_and(|t| drop_types.contains(&t))
                || r["Properties"].get("CidrRoutingConfig").is_some();
            assert!(
                names_it,
                "{name}: {logical} dropped but unrelated to {drop_types:?}"
            );
            eprintln!("{name}: not deployed on moto: {logical}");
        }
        for s in deployed.substitutions() {
            eprintln!("{name}: moto invents zone ids: {s}");
        }
        let c = moto::compare(&deployed);
        eprintln!(
            "{name}: CREATE_COMPLETE, {} record sets, {} health checks, {} properties as written",
            deployed.record_sets().len(),
            deployed.health_checks().len(),
            c.matched.len()
        );
        for path in c.gap_kinds() {
            let where_: Vec<&str> = c
                .gaps
                .iter()
                .filter(|(_, p, _)| *p == path)
                .map(|(logical, _, _)| logical.as_str())
                .collect();
            eprintln!("{name}: moto gap: {path} not kept, in {}", where_.join(" "));
        }
        if !c.mismatches.is_empty() {
            failures.push(format!("{name}:\n{c}"));
        }
        deployed_sets += deployed.record_sets().len();
        gaps_seen.extend(c.gap_kinds());

        if *name == "canary" {
            chosen_identifiers_are_intact(&deployed);
            a_difference_is_a_mismatch(&deployed);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(
        deployed_sets > 100,
        "only {deployed_sets} record sets deployed"
    );
    for (kind, path, reason) in moto::GAPS {
        eprintln!("moto {} gap: {kind} {path}: {reason}", moto::MOTO_VERSION);
    }
    // The table stays true: a gap no example shows any more is a gap moto
    // closed (or an example lost), and the docs must say so.
    let stale: Vec<&str> = moto::GAPS
        .iter()
        .map(|(_, p, _)| *p)
        .filter(|p| !gaps_seen.contains(*p))
        .collect();
    assert!(
        stale.is_empty(),
        "moto::GAPS lists {stale:?}, which no example showed: update GAPS and docs/targets.md"
    );
}

/// examples/canary.steer chooses `id "checkout-green"` and `id "checkout-blue"`.
fn chosen_identifiers_are_intact(deployed: &Deployed) {
    let ids: BTreeSet<&str> = deployed
        .record_sets()
        .iter()
        .filter_map(|s| s["SetIdentifier"].as_str())
        .collect();
    for chosen in ["checkout-green", "checkout-blue"] {
        assert!(ids.contains(chosen), "canary: {chosen} not in {ids:?}");
    }
}

/// The comparison is not blind: a health check link to another check
/// (the value, and the linkage) and a record set the template lacks are mismatches.
fn a_difference_is_a_mismatch(deployed: &Deployed) {
    let mut changed = deployed.clone();
    let sets = changed.0["record_sets"]
        .as_array_mut()
        .expect("record sets");
    let linked = sets
        .iter_mut()
        .find(|s| s.get("HealthCheckId").is_some())
        .expect("a record set with a health check");
    linked["HealthCheckId"] = json!("00000000-0000-0000-0000-000000000000");
    sets.push(json!({"Name": "extra.ledgerly.com.", "Type": "A", "TTL": 1,
                     "ResourceRecords": [{"Value": "192.0.2.1"}]}));
    let c = moto::compare(&changed);
    assert_eq!(c.mismatches.len(), 3, "{c}");
}

/// The values file: keys are parameter logical ids or steer input names
/// (`app_address` for `AppAddress`); the hosted zone id parameter is the zone
/// the driver created; a parameter without a value is an error naming it.
#[test]
fn values_files_give_the_template_parameters() {
    let Some(moto) = Moto::start() else { return };
    let dir = tempfile::tempdir().expect("a temporary directory");
    let template = dir.path().join("values.example.template.json");
    let record = |name: &str| {
        json!({"Type": "AWS::Route53::RecordSet", "Properties": {
            "HostedZoneId": {"Ref": "HostedZoneId"}, "Name": name, "Type": "A", "TTL": "60",
            "ResourceRecords": [{"Ref": "AppAddress"}]}})
    };
    let body = json!({
        "AWSTemplateFormatVersion": "2010-09-09",
        "Parameters": {
            "HostedZoneId": {"Type": "AWS::Route53::HostedZone::Id"},
            "AppAddress": {"Type": "String"}
        },
        "Resources": {"RecordApp": record("app.values.example."),
                      "RecordApi": record("api.values.example.")}
    });
    std::fs::write(&template, body.to_string()).expect("write the template");
    let values = dir.path().join("values.values.json");
    std::fs::write(&values, r#"{"app_address": "192.0.2.10"}"#).expect("write the values");

    let mut d = Deploy::new("steer-values", &template, "values.example");
    d.values = Some(values);
    let deployed = moto.deploy(&d);
    assert_eq!(
        deployed.status(),
        "CREATE_COMPLETE",
        "{}",
        deployed.stack_report()
    );
    let c = moto::compare(&deployed);
    assert!(c.mismatches.is_empty() && c.gaps.is_empty(), "{c}");
    let got: Vec<&serde_json::Value> = deployed
        .record_sets()
        .iter()
        .map(|s| &s["ResourceRecords"][0]["Value"])
        .collect();
    assert_eq!(got, [&json!("192.0.2.10"), &json!("192.0.2.10")]);

    let err = moto
        .try_deploy(&Deploy::new(
            "steer-values-missing",
            &template,
            "values.example",
        ))
        .expect_err("a parameter without a value");
    assert!(
        err.contains("no value for parameter(s) AppAddress"),
        "{err}"
    );
}
