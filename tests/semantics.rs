//! What the check stage accepts and how it lowers: cases that must pass
//! without diagnostics, and the IR they produce.

mod common;

use common::check_source as check;
use steer::check::ir;

fn clean(text: &str) -> ir::Config {
    let checked = check(text);
    assert!(checked.diagnostics.is_empty(), "{:#?}", checked.diagnostics);
    checked.configs.into_iter().next().expect("one zone")
}

#[test]
fn untyped_aliases_of_different_types_are_not_a_cycle() {
    clean(
        r#"zone "ex.com" { ttl 60 }
           endpoint to_a { alias record a }
           endpoint to_b { alias record b }
           record a A 192.0.2.1
           record b AAAA 2001:db8::1
           record a AAAA = to_b
           record b A = to_a
           record x A = to_b
           record y AAAA = to_a"#,
    );
}

#[test]
fn real_alias_cycles_are_found() {
    let checked = check(
        r#"zone "ex.com" { ttl 60 }
           endpoint to_a { alias record a A }
           endpoint to_b { alias record b A }
           record a A = to_b
           record b A = to_a"#,
    );
    assert!(
        checked
            .diagnostics
            .iter()
            .any(|d| d.code == "reference-cycle"),
        "{:#?}",
        checked.diagnostics
    );
}

#[test]
fn a_simple_record_protected_by_its_own_name_is_fine() {
    // Route 53 ignores health checks on simple records, so nothing is
    // "protected" and there is nothing to warn about.
    clean(
        r#"zone "ex.com" { ttl 60 }
           check origin_up { https "origin.ex.com" }
           endpoint e { a [192.0.2.1]  check origin_up }
           record origin A = e"#,
    );
}

#[test]
fn defaults_are_filled_in() {
    let config = clean(
        r#"zone "ex.com" { }
           check web { https "web.ex.net" }
           endpoint e { a [192.0.2.1] check web }
           endpoint f { a [192.0.2.2] }
           record www A = failover { primary e secondary f }"#,
    );
    assert_eq!(config.zone.ttl, 300);
    assert_eq!(config.zone.soa.rname, "hostmaster.ex.com");
    let ir::HealthCheckKind::Endpoint(probe) = &config.checks["web"].kind else {
        panic!()
    };
    assert_eq!(
        (probe.port, probe.request_interval, probe.failure_threshold),
        (443, 30, 3)
    );
    assert!(probe.enable_sni);
    assert!(probe.regions().is_empty());
}

#[test]
fn alias_hosted_zone_ids_come_from_the_built_in_tables() {
    let config = clean(
        r#"zone "ex.com" { ttl 60 }
           region fra { aws "eu-central-1" }
           endpoint lb { region fra  alias elb "dualstack.x-1.eu-central-1.elb.amazonaws.com" }
           endpoint nlb { alias nlb "x-1.elb.eu-west-1.amazonaws.com" }
           endpoint cdn { alias cloudfront "d1.cloudfront.net" }
           endpoint site { region fra  alias s3_website }
           record a A = lb
           record b A = nlb
           record c A = cdn
           record d A = site"#,
    );
    let zone_of = |e: &str| match &config.endpoints[e].answer {
        ir::Answer::Alias(a) => (
            a.dns_name.to_string(),
            a.hosted_zone_id.clone().unwrap().to_string(),
        ),
        _ => panic!(),
    };
    assert_eq!(zone_of("lb").1, "Z215JYRZR1TBD5");
    assert_eq!(zone_of("nlb").1, "Z2IFOLAFXWLO4F");
    assert_eq!(zone_of("cdn").1, "Z2FDTNDATAQYW2");
    assert_eq!(
        zone_of("site"),
        (
            "s3-website.eu-central-1.amazonaws.com".to_string(),
            "Z21DNDUVLTQW6Q".to_string()
        )
    );
    // The NLB's region comes from its name when the endpoint has none.
    assert_eq!(config.endpoints["nlb"].aws_region(), Some("eu-west-1"));
}

#[test]
fn nested_policy_on_a_wildcard_lowers_below_an_underscore_label() {
    let config = clean(
        r#"zone "ex.com" { ttl 60 }
           check a_up { https "a.ex.net" }
           endpoint a { a [192.0.2.1] check a_up }
           endpoint b { a [192.0.2.2] }
           endpoint c { a [192.0.2.3] }
           record *.dev A = weighted { failover { primary a secondary b } 1  c 1 }"#,
    );
    let plan = steer::emit::route53::plan(&config).expect("lowers");
    let names: Vec<&str> = plan.record_sets.iter().map(|s| s.name()).collect();
    assert!(
        names.contains(&"_failover-a._wildcard.dev.ex.com"),
        "{names:?}"
    );
}

#[test]
fn idn_names_become_punycode() {
    let config = clean("zone \"bücher.example\" { ttl 60 }\nrecord \"straße\" A 192.0.2.1");
    assert_eq!(config.zone.name, "xn--bcher-kva.example");
    assert_eq!(
        config.records[0].fqdn,
        "xn--strae-oqa.xn--bcher-kva.example"
    );
}

#[test]
fn many_problems_are_reported_in_one_run() {
    let checked = check(
        r#"zone "ex.com" { ttl 60 }
           endpoint a { a [192.0.2.1] }
           record w1 A = weighted { a 300  nope 1 }
           record w2 A = geolocation { continent XX => a  default => a }
           check c { https "x.ex.net" every 15s unhealthy_after 11 }"#,
    );
    let codes: Vec<&str> = checked.diagnostics.iter().map(|d| d.code).collect();
    for code in [
        "out-of-range",
        "unknown-reference",
        "invalid-location",
        "invalid-request-interval",
    ] {
        assert!(codes.contains(&code), "{code} missing from {codes:?}");
    }
}

#[test]
fn an_alias_primary_evaluates_target_health_unless_cloudfront() {
    // An ELB primary without a check still fails over: its alias
    // evaluates the load balancer's health.
    clean(
        r#"zone "ex.com" { ttl 60 }
           region ire { aws "eu-west-1" }
           endpoint lb { region ire  alias elb "dualstack.x-1.eu-west-1.elb.amazonaws.com" }
           endpoint b { a [192.0.2.2] }
           record www A = failover { primary lb  secondary b }"#,
    );
    let checked = check(
        r#"zone "ex.com" { ttl 60 }
           endpoint cdn { alias cloudfront "d1.cloudfront.net" }
           endpoint b { a [192.0.2.2] }
           record www A = failover { primary cdn  secondary b }"#,
    );
    let codes: Vec<&str> = checked.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["primary-without-health-check"]);
}

#[test]
fn a_single_location_rule_is_not_a_single_member_policy() {
    // One location and no `default`: clients in the location get the
    // endpoint, everyone else no answer. That routes (no-default-location
    // says who gets nothing); only a lone `default` routes nothing.
    let codes = |text: &str| -> Vec<&'static str> {
        check(text).diagnostics.iter().map(|d| d.code).collect()
    };
    let geo = codes(
        r#"zone "ex.com" { ttl 60 }
           endpoint eu { a [192.0.2.1] }
           record www A = geolocation { continent EU => eu }"#,
    );
    assert_eq!(geo, ["no-default-location"]);
    let cidr = codes(
        r#"zone "ex.com" { ttl 60 }
           cidr_collection isps { office [81.2.69.0/24] }
           endpoint office { a [192.0.2.1] }
           record www A = cidr isps { office => office }"#,
    );
    assert_eq!(cidr, ["no-default-location"]);
    let only_default = codes(
        r#"zone "ex.com" { ttl 60 }
           endpoint all { a [192.0.2.1] }
           record www A = geolocation { default => all }"#,
    );
    assert_eq!(only_default, ["single-member"]);
}
