//! `stay`: what Route 53 is told, and what the zone evaluator answers, when
//! a member must keep its clients even when everything in it is down.
//!
//! Route 53 falls through past a member it sees as unhealthy: geolocation
//! to the next larger area and then to `default` (API reference,
//! `ResourceRecordSet.HealthCheckId`, "Geolocation Routing"); failover to
//! the secondary; weighted, latency, CIDR and the others to their other
//! members. An alias without evaluate-target-health, or a set without a
//! health check, is always healthy (`AliasTarget.EvaluateTargetHealth`), so
//! `stay` writes exactly that.

mod common;

use common::config_of_source as config;
use steer::check::ir::{self, RecordType};
use steer::emit::route53::{self, SetAnswer};

/// (evaluate-target-health, health check) of the set at `name` with this
/// set identifier.
fn set(plan: &route53::Plan, name: &str, id: &str) -> (Option<bool>, Option<String>) {
    let s = plan
        .record_sets
        .iter()
        .find(|s| s.name() == name && s.set_identifier() == Some(id))
        .unwrap_or_else(|| panic!("no set {name} {id}"));
    let eth = match &s.answer {
        SetAnswer::Alias(a) => Some(a.evaluate_target_health),
        SetAnswer::Values(_) => None,
    };
    (eth, s.health_check.map(str::to_string))
}

const EU: &str = r#"
zone "ex.com" { ttl 60 }
region dublin    { aws "eu-west-1" }
region frankfurt { aws "eu-central-1" }
region virginia  { aws "us-east-1" }
check dublin_up    { https "dublin.origin.ex.com" }
check frankfurt_up { https "frankfurt.origin.ex.com" }
check virginia_up  { https "virginia.origin.ex.com" }
endpoint dublin    { region dublin     a [192.0.2.1]  check dublin_up }
endpoint frankfurt { region frankfurt  a [192.0.2.2]  check frankfurt_up }
endpoint virginia  { region virginia   a [192.0.2.3]  check virginia_up }
"#;

#[test]
fn a_nested_member_falls_through_by_default() {
    let c = config(&format!(
        "{EU}record www A = geolocation {{
            continent EU => failover {{ primary dublin  secondary frankfurt }}
            default => virginia
        }}"
    ));
    let plan = route53::plan(&c).expect("plan");
    assert_eq!(set(&plan, "www.ex.com", "continent-EU"), (Some(true), None));
}

#[test]
fn a_stay_member_keeps_its_clients() {
    let c = config(&format!(
        "{EU}record www A = geolocation {{
            continent EU => stay failover {{ primary dublin  secondary frankfurt }}
            default => virginia
        }}"
    ));
    let plan = route53::plan(&c).expect("plan");
    // The alias to the nested failover no longer evaluates target health…
    assert_eq!(
        set(&plan, "www.ex.com", "continent-EU"),
        (Some(false), None)
    );
    // …while the failover inside still checks both of its members.
    assert_eq!(
        set(&plan, "_continent-eu.www.ex.com", "primary"),
        (None, Some("dublin_up".into()))
    );
    assert_eq!(
        set(&plan, "_continent-eu.www.ex.com", "secondary"),
        (None, Some("frankfurt_up".into()))
    );
}

#[test]
fn a_stay_leaf_has_no_health_check() {
    let c = config(&format!(
        "{EU}record www A = latency [ dublin, stay virginia ]"
    ));
    let plan = route53::plan(&c).expect("plan");
    assert_eq!(
        set(&plan, "www.ex.com", "dublin"),
        (None, Some("dublin_up".into()))
    );
    assert_eq!(set(&plan, "www.ex.com", "virginia"), (None, None));
}

#[test]
fn a_stay_alias_secondary_does_not_evaluate_target_health() {
    // A real configuration: a static S3 website as the failover secondary,
    // with evaluate-target-health false so that it is always answered when
    // the primary is down.
    let c = config(
        r#"zone "ex.com" { ttl 60 }
        region virginia { aws "us-east-1" }
        check web_up { https "web.origin.ex.com" }
        endpoint web { region virginia  a [192.0.2.1]  check web_up }
        endpoint sorry { region virginia  alias s3_website }
        endpoint lb { region virginia  alias elb "dualstack.lb-1.us-east-1.elb.amazonaws.com" }
        record www A = failover { primary web  secondary stay sorry }
        record api A = failover { primary web  secondary lb }"#,
    );
    let plan = route53::plan(&c).expect("plan");
    assert_eq!(set(&plan, "www.ex.com", "secondary"), (Some(false), None));
    // Without `stay` a failover alias evaluates its target's health.
    assert_eq!(set(&plan, "api.ex.com", "secondary"), (Some(true), None));
}

/// The zone target's answer for `name` with these checks down.
fn zone_answer(c: &ir::Config, down: &[&str]) -> String {
    let scenario = common::assume_down(down);
    let zone = steer::emit::build(c, common::target("zone"), &scenario).expect("zone");
    zone.text
        .lines()
        .filter(|l| l.starts_with("www") && !l.starts_with(';'))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_zone_evaluator_keeps_clients_in_a_stay_member() {
    let nested = |stay: &str| {
        config(&format!(
            r#"zone "ex.com" {{ ttl 60  nameservers ["ns1.dns.example.net"] }}
            {}
            record www A = weighted {{ {stay} failover {{ primary dublin  secondary frankfurt }} 2  virginia 1 }}"#,
            EU.replace("zone \"ex.com\" { ttl 60 }", "")
        ))
    };
    let all_down = ["dublin_up", "frankfurt_up"];
    // Falling through: the heavier member is down, the lighter one answers.
    assert!(
        zone_answer(&nested(""), &all_down).contains("192.0.2.3"),
        "{}",
        zone_answer(&nested(""), &all_down)
    );
    // Staying: the failover's answer (its primary, as Route 53 answers when
    // both are unhealthy) is still given.
    assert!(
        zone_answer(&nested("stay"), &all_down).contains("192.0.2.1"),
        "{}",
        zone_answer(&nested("stay"), &all_down)
    );
    assert_eq!(nested("stay").records[0].record_type, RecordType::A);
}

#[test]
fn the_geo_failover_example_keeps_europe_in_europe() {
    let c = common::config(&common::example("geo-failover"));
    let plan = route53::plan(&c).expect("plan");
    // With Dublin and Frankfurt both down, European clients must not be
    // sent on to `default` (Virginia): the EU member's alias is always
    // healthy.
    assert_eq!(
        set(&plan, "www.fjordair.com", "continent-EU"),
        (Some(false), None)
    );
    // The other regions still fall through to `default` when all of theirs
    // is down.
    assert_eq!(
        set(&plan, "www.fjordair.com", "continent-NA"),
        (Some(true), None)
    );
}

#[test]
fn an_endpoint_named_stay_is_still_a_member() {
    let c = config(
        r#"zone "ex.com" { ttl 60 }
        check a_up { https "a.origin.ex.com" }
        endpoint a { a [192.0.2.1]  check a_up }
        endpoint stay { a [192.0.2.2] }
        record www A = failover { primary a  secondary stay }"#,
    );
    let ir::RecordContent::Routed(root) = &c.records[0].content else {
        panic!("routed")
    };
    let ir::RoutingPolicy::Failover { secondary, .. } = &root.policy else {
        panic!("failover")
    };
    assert!(matches!(&secondary.policy, ir::RoutingPolicy::Endpoint(e) if e == "stay"));
    assert!(!secondary.stays());
}

/// A check written after a nested member (docs/language.md, "Checks per
/// use") goes on its alias: with evaluate-target-health by default, the
/// member falls through when the check is down OR nothing beneath is
/// healthy; with `alone`, only when the check is down (Developer Guide,
/// "Health checking in complex configurations").
#[test]
fn a_checked_nested_member_falls_through_when_its_check_is_down() {
    let nested = |suffix: &str| {
        config(&format!(
            r#"zone "ex.com" {{ ttl 60  nameservers ["ns1.dns.example.net"] }}
            {}
            check eu_open {{ https "gate.ex.com" }}
            record www A = weighted {{ failover {{ primary dublin  secondary frankfurt }} {suffix} 2  virginia 1 }}"#,
            EU.replace("zone \"ex.com\" { ttl 60 }", "")
        ))
    };
    let both = nested("check eu_open");
    let plan = route53::plan(&both).expect("plan");
    assert_eq!(
        set(&plan, "www.ex.com", "failover-dublin"),
        (Some(true), Some("eu_open".into()))
    );
    assert!(zone_answer(&both, &[]).contains("192.0.2.1"));
    assert!(zone_answer(&both, &["eu_open"]).contains("192.0.2.3"));
    assert!(zone_answer(&both, &["dublin_up", "frankfurt_up"]).contains("192.0.2.3"));

    let alone = nested("check eu_open alone");
    let plan = route53::plan(&alone).expect("plan");
    assert_eq!(
        set(&plan, "www.ex.com", "failover-dublin"),
        (Some(false), Some("eu_open".into()))
    );
    assert!(zone_answer(&alone, &["eu_open"]).contains("192.0.2.3"));
    // Everything beneath down, the check up: Route 53 still answers from
    // the failover (both members down: its primary).
    assert!(zone_answer(&alone, &["dublin_up", "frankfurt_up"]).contains("192.0.2.1"));
}
