//! The AWS region values Route 53 accepts where the check stage uses them
//! (data/route53-api-regions.json): latency members must be in one of the
//! API's latency `Region` values, geoproximity `AWSRegion` only needs to be
//! an AWS region.

mod common;

use common::check_source as check;
use steer::check::ir;

fn codes(checked: &steer::check::Checked) -> Vec<String> {
    checked
        .diagnostics
        .iter()
        .map(|d| d.code.to_string())
        .collect()
}

fn latency_regions_of(node: &ir::PolicyNode, out: &mut Vec<String>) {
    if let ir::RoutingPolicy::Latency(members) = &node.policy {
        out.extend(members.iter().map(|m| m.aws_region.clone()));
    }
    for (_, member) in node.policy.members() {
        latency_regions_of(member, out);
    }
}

/// Every latency member of the bundled examples is in a region Route 53's
/// latency `Region` accepts (and the examples do use latency routing).
#[test]
fn every_latency_region_in_the_examples_is_a_route53_latency_region() {
    let mut found = Vec::new();
    for example in common::examples() {
        let loaded = common::load(&example.path);
        for config in steer::check_loaded(&loaded).configs {
            for record in &config.records {
                if let ir::RecordContent::Routed(node) = &record.content {
                    latency_regions_of(node, &mut found);
                }
            }
        }
    }
    assert!(!found.is_empty(), "no example uses latency routing");
    for region in &found {
        assert!(
            steer::aws::is_latency_region(region),
            "{region} is used for latency routing in examples/ but is not a Route 53 latency region"
        );
    }
}

#[test]
fn latency_in_an_iso_partition_region_is_rejected() {
    for code in [
        "us-iso-east-1",
        "us-isob-east-1",
        "us-isof-south-1",
        "eu-isoe-west-1",
    ] {
        let checked = check(&format!(
            r#"zone "ex.com" {{ ttl 60 }}
               region home {{ aws "us-east-1" }}
               region far {{ aws "{code}" }}
               endpoint a {{ region home  a [192.0.2.1] }}
               endpoint b {{ region far  a [192.0.2.2] }}
               record www A = latency [a, b]"#
        ));
        assert_eq!(codes(&checked), ["unsupported-aws-region"], "{code}");
        assert!(checked.configs.is_empty(), "{code}");
    }
}

#[test]
fn latency_in_china_govcloud_and_eusc_builds() {
    for code in ["cn-north-1", "us-gov-west-1", "eusc-de-east-1"] {
        let checked = check(&format!(
            r#"zone "ex.com" {{ ttl 60 }}
               region home {{ aws "us-east-1" }}
               region far {{ aws "{code}" }}
               endpoint a {{ region home  a [192.0.2.1] }}
               endpoint b {{ region far  a [192.0.2.2] }}
               record www A = latency [a, b]"#
        ));
        assert!(
            checked.diagnostics.is_empty(),
            "{code}: {:#?}",
            checked.diagnostics
        );
    }
}

/// `GeoProximityLocation.AWSRegion` has no enum in the API model ("The AWS
/// Region the resource you are directing DNS traffic to, is in"), so any
/// AWS region steer knows is accepted there, the ISO partitions included.
#[test]
fn geoproximity_accepts_any_aws_region() {
    let checked = check(
        r#"zone "ex.com" { ttl 60 }
           region home { aws "us-east-1" }
           region far { aws "us-iso-east-1" }
           endpoint a { region home  a [192.0.2.1] }
           endpoint b { region far  a [192.0.2.2] }
           record www A = geoproximity [a, b]"#,
    );
    assert!(checked.diagnostics.is_empty(), "{:#?}", checked.diagnostics);
}
