//! `steer explain`: the seed scenario end to end on
//! `examples/myshop.steer`, geolocation failover on
//! `examples/geo-failover.steer`, weighted shares, geolocation
//! fall-through and latency rankings on `tests/explain/routing.steer`,
//! the JSON shape and the exit codes. Every snapshot has been read.

mod common;

use common::{steer, text};

const MYSHOP: &str = "examples/myshop.steer";
const GEO: &str = "examples/geo-failover.steer";
const ROUTING: &str = "tests/explain/routing.steer";

/// `steer explain ARGS`: stdout, asserting exit 0 and an empty stderr (with
/// `--format json`, only the summary line).
fn explain(args: &[&str]) -> String {
    let mut all = vec!["explain"];
    all.extend_from_slice(args);
    let out = steer(&all);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        text(&out.stderr)
    );
    if args.contains(&"json") {
        // Standard error: only the summary line (docs/json.md).
        let summary: serde_json::Value =
            serde_json::from_slice(&out.stderr).expect("one JSON line");
        assert_eq!(summary["kind"], "summary", "{args:?}");
    } else {
        assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    }
    text(&out.stdout)
}

/// `steer explain ARGS` that fails: (exit code, stderr), stdout empty.
fn explain_fails(args: &[&str]) -> (i32, String) {
    let mut all = vec!["explain"];
    all.extend_from_slice(args);
    let out = steer(&all);
    assert!(out.stdout.is_empty(), "{}", text(&out.stdout));
    (out.status.code().expect("an exit code"), text(&out.stderr))
}

// ---------------------------------------------------------------------------
// The seed scenario
// ---------------------------------------------------------------------------

#[test]
fn seed_healthy_goes_to_ireland() {
    let out = explain(&[MYSHOP, "www"]);
    assert!(out.contains("everyone: 203.0.113.10, 203.0.113.11 (ttl 60)"));
    insta::assert_snapshot!("seed_healthy", out);
}

#[test]
fn seed_ireland_down_goes_to_frankfurt() {
    let out = explain(&[MYSHOP, "www", "--down", "ireland_up"]);
    assert!(out
        .contains("everyone: alias to dualstack.shop-fra-1234567890.eu-central-1.elb.amazonaws.com. (Route 53 answers with the target's A records and their TTL)"));
    assert!(out.contains("primary ireland unhealthy: check ireland_up is down"));
    insta::assert_snapshot!("seed_ireland_down", out);
}

#[test]
fn seed_both_down_answers_with_the_primary() {
    // API reference, ResourceRecordSet.Failover: "When the secondary
    // resource record set is unhealthy, Route 53 responds to DNS queries
    // with the applicable value from the primary resource record set
    // regardless of the health of the primary resource record set."
    let out = explain(&[MYSHOP, "www", "--down", "ireland_up", "frankfurt_up"]);
    assert!(out.contains("everyone: 203.0.113.10, 203.0.113.11"));
    assert!(out.contains("no healthy answer"));
    assert!(out.contains("ResourceRecordSet.Failover"));
    insta::assert_snapshot!("seed_both_down", out);
}

#[test]
fn seed_recovery_is_the_healthy_answer_again() {
    // Recovery is the healthy scenario again: the same answer and path.
    assert_eq!(
        explain(&[MYSHOP, "www"]),
        explain(&[MYSHOP, "www.myshop.com."])
    );
    let apex = explain(&[MYSHOP, "@", "--down", "ireland_up"]);
    assert!(apex.contains("alias to dualstack.shop-fra"), "{apex}");
}

// ---------------------------------------------------------------------------
// Geolocation failover
// ---------------------------------------------------------------------------

#[test]
fn geo_failover_without_from_has_one_row_per_class() {
    let out = explain(&[GEO, "www"]);
    for class in ["\nEU: ", "\nNA: ", "\nUS-CA: ", "\neveryone else: "] {
        assert!(out.contains(class), "{class} in {out}");
    }
    insta::assert_snapshot!("geo_classes", out);
}

#[test]
fn geo_failover_from_germany_uses_the_eu_rule() {
    let out = explain(&[GEO, "www", "--from", "DE"]);
    assert!(out.contains("DE (country DE (EU)): 203.0.113.20, 203.0.113.21"));
    let down = explain(&[GEO, "www", "--from", "DE", "--down", "dublin_up"]);
    assert!(down.contains("203.0.113.40, 203.0.113.41"), "{down}");
    insta::assert_snapshot!("geo_de_dublin_down", down);
}

#[test]
fn geo_failover_stay_keeps_europe_in_europe() {
    let out = explain(&[
        GEO,
        "www",
        "--from",
        "DE",
        "--down",
        "dublin_up",
        "frankfurt_up",
    ]);
    // Not virginia (the default): the EU member is marked `stay`.
    assert!(out.contains("203.0.113.20, 203.0.113.21"), "{out}");
    assert!(out.contains("marked `stay`"));
    insta::assert_snapshot!("geo_de_both_down_stay", out);
}

#[test]
fn geo_failover_california_and_namibia() {
    let ca = explain(&[GEO, "www", "--from", "US-CA"]);
    assert!(ca.contains("-> US-CA"), "{ca}");
    assert!(ca.contains("book-usw1"));
    let na = explain(&[GEO, "www", "--from", "country:NA"]);
    assert!(na.contains("country NA (AF)"), "{na}");
    assert!(
        na.contains("-> default (no other rule covers the client's location)"),
        "{na}"
    );
    insta::assert_snapshot!("geo_us_ca", ca);
    insta::assert_snapshot!("geo_country_na", na);
}

#[test]
fn geolocation_falls_through_to_the_larger_area_and_default() {
    let eu = explain(&[ROUTING, "www", "--from", "DE", "--down", "frankfurt_up"]);
    assert!(
        eu.contains("-> continent-EU (fell through from country-DE"),
        "{eu}"
    );
    let out = explain(&[
        ROUTING,
        "www",
        "--from",
        "DE",
        "--down",
        "frankfurt_up",
        "dublin_up",
    ]);
    assert!(out.contains("-> default"), "{out}");
    assert!(out.contains("country-DE rule: check frankfurt_up is down, fell through"));
    assert!(out.contains("continent-EU rule: check dublin_up is down, fell through"));
    insta::assert_snapshot!("fall_through", out);
}

// ---------------------------------------------------------------------------
// Weighted and latency
// ---------------------------------------------------------------------------

#[test]
fn weighted_shows_every_share() {
    let out = explain(&[ROUTING, "api"]);
    assert!(
        out.contains("dublin: weight 95, healthy, 95% of answers"),
        "{out}"
    );
    assert!(out.contains("frankfurt: weight 5, healthy, 5% of answers"));
    let down = explain(&[ROUTING, "api", "--down", "dublin_up"]);
    assert!(
        down.contains("frankfurt: weight 5, healthy, 100% of answers"),
        "{down}"
    );
    insta::assert_snapshot!("weighted", out);
}

#[test]
fn latency_ranks_members_by_distance() {
    let out = explain(&[ROUTING, "lat", "--from", "eu-west-1", "--down", "dublin_up"]);
    assert!(
        out.contains("1. dublin in eu-west-1, 0 km: unhealthy"),
        "{out}"
    );
    assert!(out.contains("2. frankfurt in eu-central-1, 1088 km: healthy"));
    assert!(out.contains(": 192.0.2.2 (ttl 60)"));
    insta::assert_snapshot!("latency_eu_west_1", out);
}

// ---------------------------------------------------------------------------
// JSON
// ---------------------------------------------------------------------------

#[test]
fn json_has_the_documented_shape() {
    let out = explain(&[MYSHOP, "www", "--down", "ireland_up", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("one JSON object");
    assert_eq!(v["name"], "www.myshop.com");
    assert_eq!(v["type"], "A");
    assert_eq!(v["scenario"]["down"][0], "ireland_up");
    let row = &v["rows"][0];
    assert_eq!(row["class"], "everyone");
    assert_eq!(row["healthy"], true);
    // An alias answer takes its TTL from the target.
    assert_eq!(row["ttl"], serde_json::Value::Null);
    assert_eq!(
        row["answer"]["alias"],
        "dualstack.shop-fra-1234567890.eu-central-1.elb.amazonaws.com."
    );
    assert_eq!(row["steps"][0]["kind"], "failover");
    assert_eq!(row["steps"][0]["chosen"], "frankfurt");
    insta::assert_snapshot!("json", out);
    let healthy = explain(&[MYSHOP, "www", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&healthy).unwrap();
    assert_eq!(
        v["rows"][0]["answer"]["data"],
        serde_json::json!(["203.0.113.10", "203.0.113.11"])
    );
}

// ---------------------------------------------------------------------------
// Errors and exit codes
// ---------------------------------------------------------------------------

#[test]
fn a_bad_name_is_a_usage_error_with_a_suggestion() {
    let (code, err) = explain_fails(&[MYSHOP, "ww"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no record named `ww`; did you mean `www`?"),
        "{err}"
    );
}

#[test]
fn an_unknown_check_is_a_usage_error_with_a_suggestion() {
    let (code, err) = explain_fails(&[MYSHOP, "www", "--down", "irland_up"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("`irland_up`; did you mean `ireland_up`?"),
        "{err}"
    );
}

#[test]
fn a_bad_where_is_a_usage_error() {
    let (code, err) = explain_fails(&[GEO, "www", "--from", "NA"]);
    assert_eq!(code, 2);
    assert!(err.contains("both a continent"), "{err}");
    let (code, err) = explain_fails(&[GEO, "www", "--from", "UK"]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `GB`"), "{err}");
}

#[test]
fn types_alarms_and_invalid_input() {
    let (code, err) = explain_fails(&[ROUTING, "multi"]);
    assert_eq!(code, 2);
    assert!(err.contains("several record types (A, TXT)"), "{err}");
    assert!(explain(&[ROUTING, "multi", "txt"]).contains("\"v\""));
    let (code, err) = explain_fails(&[MYSHOP, "www", "AAAA"]);
    assert_eq!(code, 2);
    assert!(err.contains("has no AAAA record; it has A"), "{err}");
    let (code, err) = explain_fails(&[MYSHOP, "www", "--alarm", "q=ALARMING"]);
    assert_eq!(code, 2);
    assert!(err.contains("not an alarm state"), "{err}");
    let (code, err) = explain_fails(&[MYSHOP, "www", "--alarm", "queue=alarm"]);
    assert_eq!(code, 2);
    assert!(err.contains("no health check watches"), "{err}");
    let (code, err) = explain_fails(&["tests/diagnostics/unknown-reference.steer", "www"]);
    assert_eq!(code, 1, "{err}");
}

// ---------------------------------------------------------------------------
// --matrix (the matrix itself is tested in tests/explain_matrix.rs)
// ---------------------------------------------------------------------------

#[test]
fn the_matrix_flag_prints_the_failure_matrix() {
    let out = explain(&["--matrix", MYSHOP, "www"]);
    assert!(out.starts_with("www.myshop.com A: 2 checks"), "{out}");
    assert!(
        out.contains("ireland_up                 frankfurt"),
        "{out}"
    );
    let md = explain(&["--matrix", GEO, "www", "--format", "markdown"]);
    assert!(
        md.contains("| down | EU | NA | US-CA | everyone else |"),
        "{md}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&explain(&["--matrix", MYSHOP, "--format", "json"])).unwrap();
    assert!(json.is_array() || json.is_object());
    let (code, err) = explain_fails(&["--matrix", MYSHOP, "ww"]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean `www`?"), "{err}");
    let (code, err) = explain_fails(&[MYSHOP, "www", "--format", "markdown"]);
    assert_eq!(code, 2);
    assert!(err.contains("needs --matrix"), "{err}");
    let (code, _) = explain_fails(&["--matrix", MYSHOP, "www", "--down", "ireland_up"]);
    assert_eq!(code, 2);
}

// ---------------------------------------------------------------------------
// Private zones
// ---------------------------------------------------------------------------

/// A private zone's answers reach only its VPCs: the explanation says so
/// in text and JSON, and a public zone's says nothing of the kind.
#[test]
fn a_private_zone_names_the_vpcs_that_see_it() {
    let out = explain(&[
        "examples/private.steer",
        "orders-db",
        "--down",
        "dublin_db_ok",
    ]);
    insta::assert_snapshot!("private_zone", out);
    assert!(!explain(&[MYSHOP, "www"]).contains("private zone"));
    let json: serde_json::Value = serde_json::from_str(&explain(&[
        "examples/private.steer",
        "orders-db",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(
        json["private"],
        serde_json::json!([
            { "vpc": "vpc-0a1b2c3d4e5f60718", "region": "eu-west-1" },
            { "vpc": "vpc-0f1e2d3c4b5a69788", "region": "eu-central-1" }
        ])
    );
    let public: serde_json::Value =
        serde_json::from_str(&explain(&[MYSHOP, "www", "--format", "json"])).unwrap();
    assert_eq!(public["private"], serde_json::Value::Null);
}

/// An Elastic IP input in an endpoint's addresses is shown by name until a
/// value is given, then as the value; the JSON form says the same.
#[test]
fn an_address_input_shows_by_name_or_as_its_value() {
    const STACK: &str = "examples/stack-inputs.steer";
    let unbound = explain(&[STACK, "status", "--from", "eu-west-1"]);
    assert!(
        unbound.contains("endpoint status_dublin: 203.0.113.9, input.status_eip"),
        "{unbound}"
    );
    let bound = explain(&[
        STACK,
        "status",
        "--from",
        "eu-west-1",
        "--values",
        "examples/stack-inputs.values.json",
    ]);
    assert!(bound.contains("203.0.113.9, 34.251.18.7"), "{bound}");
    assert!(!bound.contains("input.status_eip"), "{bound}");
    let json: serde_json::Value = serde_json::from_str(&explain(&[
        STACK,
        "status",
        "--from",
        "eu-west-1",
        "--format",
        "json",
    ]))
    .unwrap();
    assert!(json.to_string().contains("input.status_eip"), "{json}");
}
