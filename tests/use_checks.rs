//! Checks per use (`check NAME [alone]` after a member, docs/language.md
//! "Checks per use"): the Route 53 plan puts the use's check on the
//! member's record set (replacing the endpoint's) and on the alias to a
//! nested policy (beside evaluate-target-health, or instead of it with
//! `alone`); the lints and `steer explain` judge each member by the check
//! it actually has.

mod common;

use common::{steer, text};
use steer::emit::route53::{self, SetAnswer};

const ZONE: &str = r#"
zone "example.com" { ttl 60s }
check eu_web { https "eu.example.net" path "/health" }
check eu_api { https "eu.example.net" path "/api/health" }
check us_web { https "us.example.net" path "/health" }
check gate { https "gate.example.net" }
endpoint eu { a [192.0.2.10]  check eu_web }
endpoint us { a [192.0.2.20]  check us_web }
endpoint spare { a [192.0.2.30] }
record www A = failover { primary eu  secondary us }
record api A = failover { primary eu check eu_api  secondary us }
record both A = weighted { failover { primary eu  secondary us } check gate 1  spare 1 }
record gated A = weighted { failover { primary eu  secondary us } check gate alone 1  spare 1 }
record mv A = multivalue [eu check eu_api, us]
"#;

/// (name, set identifier) → (health check, evaluate-target-health if an alias).
fn sets(config: &steer::check::ir::Config) -> Vec<(String, String, Option<String>, Option<bool>)> {
    let plan = route53::plan(config).expect("plans");
    plan.record_sets
        .iter()
        .map(|s| {
            (
                s.name().to_string(),
                s.set_identifier().unwrap_or_default().to_string(),
                s.health_check.map(str::to_string),
                match &s.answer {
                    SetAnswer::Alias(a) => Some(a.evaluate_target_health),
                    SetAnswer::Values(_) => None,
                },
            )
        })
        .collect()
}

#[test]
fn the_plan_carries_each_uses_check() {
    let config = common::config_of_source(ZONE);
    let sets = sets(&config);
    let has = |name: &str, id: &str, check: Option<&str>, eth: Option<bool>| {
        let want = (
            name.to_string(),
            id.to_string(),
            check.map(str::to_string),
            eth,
        );
        assert!(sets.contains(&want), "{want:?} missing from {sets:#?}");
    };
    // The same endpoint, two records, two checks.
    has("www.example.com", "primary", Some("eu_web"), None);
    has("api.example.com", "primary", Some("eu_api"), None);
    // Multivalue members, each with the check of its use.
    has("mv.example.com", "eu", Some("eu_api"), None);
    has("mv.example.com", "us", Some("us_web"), None);
    // A nested member: the check on its alias, beside evaluate-target-health...
    has("both.example.com", "failover-eu", Some("gate"), Some(true));
    // ...or instead of it.
    has(
        "gated.example.com",
        "failover-eu",
        Some("gate"),
        Some(false),
    );
    // The nested policy's own sets keep the endpoints' checks.
    has(
        "_failover-eu.both.example.com",
        "primary",
        Some("eu_web"),
        None,
    );
}

#[test]
fn terraform_and_cloudformation_write_the_checks() {
    let tf = common::output_of_source(ZONE, "terraform").expect("builds");
    assert!(
        tf.contains("health_check_id = aws_route53_health_check.gate.id"),
        "{tf}"
    );
    assert!(
        tf.contains("health_check_id = aws_route53_health_check.eu_api.id"),
        "{tf}"
    );
    let cfn = common::output_of_source(ZONE, "cloudformation").expect("builds");
    assert!(cfn.contains("\"EvaluateTargetHealth\": false"), "{cfn}");
}

#[test]
fn a_check_on_the_primary_use_counts_for_the_failover_lint() {
    // Without the use's check the primary can never fail
    // (primary-without-health-check); with it, the record checks clean.
    let bare = r#"
zone "example.com" { ttl 60s }
check main_up { https "main.example.net" }
check standby_up { https "standby.example.net" }
endpoint main { a [192.0.2.10] }
endpoint standby { a [192.0.2.20] check standby_up }
"#;
    let warned = format!("{bare}record www A = failover {{ primary main  secondary standby }}");
    let clean = format!(
        "{bare}record www A = failover {{ primary main check main_up  secondary standby }}"
    );
    let check = |source: &str| {
        let mut loaded = steer::load::Loaded::default();
        loaded.add("t.steer", source.as_bytes());
        steer::check_loaded(&loaded)
            .diagnostics
            .iter()
            .map(|d| d.code.to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(check(&warned), ["primary-without-health-check"]);
    assert!(check(&clean).is_empty(), "{:?}", check(&clean));
}

#[test]
fn explain_sees_a_check_written_for_a_use() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("z.steer");
    std::fs::write(&path, ZONE).unwrap();
    let path = path.to_str().unwrap();
    // eu_api is api's check for eu: down, api fails over, www does not.
    let out = steer(&["explain", path, "api", "A", "--down", "eu_api"]);
    let api = text(&out.stdout);
    assert!(
        api.contains("primary eu unhealthy: check eu_api is down"),
        "{api}"
    );
    assert!(api.contains("192.0.2.20"), "{api}");
    let out = steer(&["explain", path, "www", "A", "--down", "eu_api"]);
    assert!(text(&out.stdout).contains("192.0.2.10"));
    // The nested member's check takes the whole failover out of `both`...
    let out = steer(&["explain", path, "both", "A", "--down", "gate"]);
    let both = text(&out.stdout);
    assert!(both.contains("192.0.2.30"), "{both}");
    // ...and the matrix lists it among the record's checks.
    let out = steer(&["explain", path, "both", "A", "--matrix"]);
    let matrix = text(&out.stdout);
    assert!(
        matrix.contains("3 checks (eu_web, gate, us_web)"),
        "{matrix}"
    );
}
