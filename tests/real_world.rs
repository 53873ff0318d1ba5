//! A real-world-shaped configuration drops into its stack (issue 11,
//! item 8): `tests/fixtures/real-world.steer` uses inputs, reusable pools,
//! checks per use, chosen set identifiers and a private zone. Its
//! Terraform declares the variables and writes the references the module
//! needs; its CloudFormation template takes parameters and imports the
//! network stack's exports, and deploys on moto (127.0.0.1) with every
//! chosen set identifier intact and every health check where it was
//! written.
//!
//! The same fixture is also in the inputs of `tests/terraform_target.rs`
//! (HCL parser and formatter, provider schema, snapshot),
//! `tests/cloudformation_target.rs` (cfn-lint) and
//! `tests/cloudformation_deploy.rs` (field-by-field comparison on moto).

mod common;

use common::moto::{Deploy, Moto};
use serde_json::Value;
use std::collections::BTreeSet;

const ZONE: &str = "api.internal.example.";

fn fixture() -> common::Input {
    common::fixture("real-world")
}

#[test]
fn terraform_declares_the_variables_and_writes_the_references() {
    let tf = common::output(&fixture(), "terraform");
    // One variable: the only input without a `terraform` reference.
    let variables: Vec<&str> = tf
        .lines()
        .filter_map(|l| l.strip_prefix("variable \""))
        .filter_map(|l| l.split('"').next())
        .collect();
    assert_eq!(variables, ["dublin_5xx_alarm"], "{tf}");
    for reference in [
        "cloudwatch_alarm_name           = var.dublin_5xx_alarm",
        "vpc_id     = aws_vpc.dublin.id",
        "vpc_id     = aws_vpc.virginia.id",
        "name                   = aws_lb.dublin_internal.dns_name",
        "zone_id                = aws_lb.dublin_internal.zone_id",
        "name                   = aws_lb.virginia_internal.dns_name",
    ] {
        assert!(tf.contains(reference), "missing `{reference}`:\n{tf}");
    }
    // The Virginia load balancer's zone id comes from steer's table for
    // its region, since the endpoint says where it is.
    assert!(
        tf.contains("zone_id                = \"Z35SXDOTRQ7X7K\""),
        "{tf}"
    );
    for id in [
        "api-dublin",
        "api-virginia",
        "admin-blue",
        "admin-green",
        "batch-primary",
        "batch-secondary",
    ] {
        assert!(
            tf.contains(&format!("set_identifier  = \"{id}\""))
                || tf.contains(&format!("set_identifier = \"{id}\"")),
            "set identifier {id} missing:\n{tf}"
        );
    }
    // Each pool is written once per type, whatever uses it.
    assert_eq!(
        tf.matches("name            = \"_pool-eu.api.internal.example\"")
            .count(),
        2
    );
    assert_eq!(
        tf.matches("name            = \"_pool-us.api.internal.example\"")
            .count(),
        2
    );
}

#[test]
fn cloudformation_takes_parameters_and_imports_the_network_stack() {
    let (output, _) = common::build(&fixture(), "cloudformation");
    let template: Value = serde_json::from_str(&output.text).expect("JSON");
    let parameters: BTreeSet<&str> = template["Parameters"]
        .as_object()
        .expect("parameters")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        parameters,
        BTreeSet::from([
            "InputDublin5xxAlarm",
            "InputDublinLb",
            "InputDublinLbZone",
            "InputVirginiaLb"
        ]),
    );
    let zone = &template["Resources"]["HostedZone"]["Properties"];
    assert_eq!(
        zone["VPCs"][0]["VPCId"],
        serde_json::json!({ "Fn::ImportValue": "network-DublinVpcId" })
    );
}

/// What Route 53 holds after the stack is created on moto: every set
/// identifier chosen in the source, on the record it was written for,
/// each pool once per type, and the checks per use on their sets.
#[test]
fn the_template_deploys_on_moto_with_the_chosen_identifiers_intact() {
    let Some(moto) = Moto::start() else { return };
    let dir = tempfile::tempdir().expect("a temporary directory");
    let deploy = Deploy::of_input(&fixture(), dir.path());
    let deployed = moto.deploy(&deploy);
    assert_eq!(
        deployed.status(),
        "CREATE_COMPLETE",
        "{}",
        deployed.stack_report()
    );
    let comparison = common::moto::compare(&deployed);
    assert!(comparison.mismatches.is_empty(), "{comparison}");

    let sets: BTreeSet<(String, String)> = deployed
        .record_sets()
        .iter()
        .map(|s| {
            (
                s["Name"].as_str().unwrap_or_default().to_string(),
                s["SetIdentifier"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    let at = |name: &str| {
        if name.is_empty() {
            ZONE.to_string()
        } else {
            format!("{name}.{ZONE}")
        }
    };
    for (name, id) in [
        ("", "api-dublin"),
        ("", "api-virginia"),
        ("admin", "admin-blue"),
        ("admin", "admin-green"),
        ("batch", "batch-primary"),
        ("batch", "batch-secondary"),
        ("_pool-eu", "primary"),
        ("_pool-eu", "secondary"),
        ("_pool-us", "primary"),
        ("_pool-us", "secondary"),
    ] {
        assert!(
            sets.contains(&(at(name), id.to_string())),
            "{name} [{id}] is not in Route 53: {sets:?}"
        );
    }
    assert_eq!(sets.len(), 10, "{sets:?}");

    // The record set Route 53 holds at NAME with set identifier ID.
    let set = |name: &str, id: &str| -> &Value {
        deployed
            .record_sets()
            .iter()
            .find(|s| s["Name"] == at(name).as_str() && s["SetIdentifier"] == id)
            .unwrap_or_else(|| panic!("{name} [{id}] is not in Route 53"))
    };
    let check_of = |name: &str, id: &str| -> String {
        set(name, id)["HealthCheckId"]
            .as_str()
            .unwrap_or_else(|| panic!("{name} [{id}] has no health check"))
            .to_string()
    };
    let created = |logical: &str| deployed.physical_id(logical).expect(logical).to_string();
    // Batch judges Dublin by the replica, the pools by the API's alarm.
    assert_eq!(
        check_of("batch", "batch-primary"),
        created("HealthCheckDublinReplica")
    );
    assert_eq!(
        check_of("_pool-eu", "primary"),
        created("HealthCheckDublinApi")
    );
    // The check written on the nested pool is on the alias to it.
    assert_eq!(
        check_of("admin", "admin-blue"),
        created("HealthCheckDublinApi")
    );
    // Aliases point where the source says: the use of a pool at the
    // pool's generated name, the pool's member at the load balancer whose
    // name the stack passed as a parameter. (moto keeps names as given,
    // Route 53 ends them with a dot.)
    let alias_of = |name: &str, id: &str| -> String {
        set(name, id)["AliasTarget"]["DNSName"]
            .as_str()
            .unwrap_or_else(|| panic!("{name} [{id}] is no alias"))
            .trim_end_matches('.')
            .to_string()
    };
    assert_eq!(
        alias_of("admin", "admin-blue"),
        "_pool-eu.api.internal.example"
    );
    assert_eq!(
        alias_of("_pool-eu", "primary"),
        "internal-api-dublin-1234567890.eu-west-1.elb.amazonaws.com"
    );
}
