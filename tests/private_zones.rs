//! Private hosted zones (docs/language.md §4.1): an existing one is found
//! by name with `private_zone = true`; a created one carries its VPCs
//! (examples/private.steer, in the target snapshots).

mod common;

#[test]
fn an_existing_private_zone_is_looked_up_as_private() {
    let source = r#"
zone "internal.corp" { ttl 60s  private { } }
record db A [10.0.0.5]
"#;
    let tf = common::output_of_source(source, "terraform").expect("builds");
    assert!(tf.contains("private_zone = true"), "{tf}");
    let public = common::output_of_source(
        "zone \"example.com\" { ttl 60s }\nrecord db A [192.0.2.5]\n",
        "terraform",
    )
    .expect("builds");
    assert!(public.contains("private_zone = false"), "{public}");
}

#[test]
fn a_created_private_zone_lists_its_vpcs_in_both_targets() {
    let source = r#"
zone "internal.corp" { ttl 60s  create  private { vpc "vpc-0abc" in eu-west-1  vpc "vpc-0def" in us-east-1 } }
record db A [10.0.0.5]
"#;
    let tf = common::output_of_source(source, "terraform").expect("builds");
    assert_eq!(tf.matches("  vpc {").count(), 2, "{tf}");
    assert!(tf.contains("vpc_region = \"us-east-1\""), "{tf}");
    let cfn = common::output_of_source(source, "cloudformation").expect("builds");
    let template: serde_json::Value = serde_json::from_str(&cfn).unwrap();
    assert_eq!(
        template["Resources"]["HostedZone"]["Properties"]["VPCs"],
        serde_json::json!([
            { "VPCId": "vpc-0abc", "VPCRegion": "eu-west-1" },
            { "VPCId": "vpc-0def", "VPCRegion": "us-east-1" }
        ])
    );
}
