//! Reusable pools (`pool NAME = POLICY`, docs/language.md §10.13): one
//! node in the IR shared by every use, lowered once per (pool, type) on
//! Route 53 with every use an alias to it, resolved through by the zone
//! target and `explain`, one node in the graph, composed by PowerDNS.

mod common;

use common::{config_of_source, output_of_source, steer, text};
use std::sync::Arc;
use steer::check::ir::{self, RecordType, RoutingPolicy};
use steer::emit::route53::{self, SetAnswer};
use steer::semantics::{self, Client, Scenario, Trace};

const SHARED: &str = r#"
zone "example.com" { ttl 60s }
check dublin_up { https "dublin.example.net" }
check frankfurt_up { https "frankfurt.example.net" }
endpoint dublin { a [192.0.2.1]  aaaa [2001:db8::1]  check dublin_up }
endpoint frankfurt { a [192.0.2.2]  aaaa [2001:db8::2]  check frankfurt_up }
endpoint virginia { a [192.0.2.3]  aaaa [2001:db8::3] }
pool eu = failover { primary dublin  secondary frankfurt } ttl 30s
record app A = geolocation { continent EU => eu  default => virginia }
record app AAAA = geolocation { continent EU => eu  default => virginia }
record api A = weighted { eu 3  virginia 1 }
record www A = eu
record calm A = geolocation { continent EU => stay eu id "eu-stays"  default => virginia }
"#;

fn pool_sets(plan: &route53::Plan, t: RecordType) -> usize {
    plan.sets_at("_pool-eu.example.com", t).len()
}

#[test]
fn a_pool_used_by_several_records_is_written_once_per_type() {
    let config = config_of_source(SHARED);
    let plan = route53::plan(&config).expect("plans");
    // Four records use the pool for A, one for AAAA: one failover pair
    // at the generated name per type, no more.
    assert_eq!(pool_sets(&plan, RecordType::A), 2);
    assert_eq!(pool_sets(&plan, RecordType::Aaaa), 2);
    assert_eq!(
        plan.record_sets
            .iter()
            .filter(|s| s.name().starts_with("_pool-"))
            .count(),
        4
    );
    // The pool's own sets have the pool's TTL and the endpoints' checks.
    for i in plan.sets_at("_pool-eu.example.com", RecordType::A) {
        let set = &plan.record_sets[i];
        assert_eq!(set.ttl(), Some(30));
        assert!(set.health_check.is_some(), "{set:?}");
    }
    // Every use is an alias to the generated name, evaluating its health
    // unless marked `stay`.
    let aliases: Vec<(&str, Option<&str>, bool)> = plan
        .record_sets
        .iter()
        .filter_map(|s| match &s.answer {
            SetAnswer::Alias(a) if a.dns_name().to_string() == "_pool-eu.example.com" => {
                Some((s.name(), s.set_identifier(), a.evaluate_target_health))
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        aliases,
        vec![
            ("api.example.com", Some("eu"), true),
            ("app.example.com", Some("continent-EU"), true),
            ("app.example.com", Some("continent-EU"), true),
            ("calm.example.com", Some("eu-stays"), false),
            ("www.example.com", None, true),
        ]
    );
}

#[test]
fn every_use_shares_the_pools_one_node() {
    let config = config_of_source(SHARED);
    let pool = &config.pools["eu"];
    assert_eq!(pool.record_types, vec![RecordType::A, RecordType::Aaaa]);
    assert_eq!(pool.ttl, 30);
    let mut uses = 0;
    for record in &config.records {
        let ir::RecordContent::Routed(root) = &record.content else {
            continue;
        };
        let mut nodes: Vec<&ir::PolicyNode> = vec![root];
        while let Some(node) = nodes.pop() {
            if let RoutingPolicy::Pool(p) = &node.policy {
                assert!(Arc::ptr_eq(&p.node, &pool.node), "a copy, not the pool");
                assert_eq!(node.label(), "eu");
                uses += 1;
            } else {
                nodes.extend(node.policy.members().into_iter().map(|(_, m)| m));
            }
        }
    }
    assert_eq!(uses, 5);
}

#[test]
fn a_pool_use_resolves_through_the_pool_with_its_ttl() {
    let config = config_of_source(SHARED);
    let record = config
        .records
        .iter()
        .find(|r| r.name == "app" && r.record_type == RecordType::A)
        .expect("app A");
    let de = Client::in_country("DE").expect("DE");
    let healthy = semantics::resolve(&config, record, &de, &Scenario::all_healthy());
    assert_eq!(
        healthy.answer,
        Some(semantics::Answer::Data(vec![ir::RData::A(
            ir::Value::Literal("192.0.2.1".parse().unwrap())
        )]))
    );
    // The pool's own sets have the pool's TTL (30), not the record's (60).
    assert_eq!(healthy.ttl, 30);
    let Trace::Rule {
        chosen: Some((_, within)),
        ..
    } = &healthy.trace
    else {
        panic!("{:?}", healthy.trace)
    };
    assert!(
        matches!(within.as_ref(), Trace::Pool { pool: "eu", .. }),
        "{within:?}"
    );
    // Dublin down: the pool fails over to Frankfurt.
    let down = semantics::resolve(&config, record, &de, &Scenario::with_down(["dublin_up"]));
    assert_eq!(
        down.answer,
        Some(semantics::Answer::Data(vec![ir::RData::A(
            ir::Value::Literal("192.0.2.2".parse().unwrap())
        )]))
    );
    // Both down: the pool is unhealthy, so Europe falls through to default.
    let both = Scenario::with_down(["dublin_up", "frankfurt_up"]);
    let out = semantics::resolve(&config, record, &de, &both);
    assert_eq!(
        out.answer,
        Some(semantics::Answer::Data(vec![ir::RData::A(
            ir::Value::Literal("192.0.2.3".parse().unwrap())
        )]))
    );
    // ... unless the use is marked `stay`.
    let calm = config.records.iter().find(|r| r.name == "calm").unwrap();
    let stayed = semantics::resolve(&config, calm, &de, &both);
    assert_eq!(
        stayed.answer,
        Some(semantics::Answer::Data(vec![ir::RData::A(
            ir::Value::Literal("192.0.2.1".parse().unwrap())
        )]))
    );
}

#[test]
fn a_pool_of_one_endpoint_is_that_endpoint() {
    let config = config_of_source(
        r#"zone "example.com" { ttl 60s }
           check dublin_up { https "dublin.example.net" }
           endpoint dublin { a [192.0.2.1]  check dublin_up }
           endpoint virginia { a [192.0.2.3] }
           pool eu = dublin
           record www A = failover { primary eu  secondary virginia }"#,
    );
    let plan = route53::plan(&config).expect("plans");
    assert!(plan
        .record_sets
        .iter()
        .all(|s| !s.name().starts_with("_pool")));
    let primary = plan
        .record_sets
        .iter()
        .find(|s| s.set_identifier() == Some("primary"))
        .expect("primary");
    assert_eq!(primary.health_check, Some("dublin_up"));
}

#[test]
fn pools_using_pools_are_lowered_below_their_own_names() {
    let config = config_of_source(
        r#"zone "example.com" { ttl 60s }
           check a_up { https "a.example.net" }
           check b_up { https "b.example.net" }
           endpoint a { a [192.0.2.1]  check a_up }
           endpoint b { a [192.0.2.2]  check b_up }
           endpoint c { a [192.0.2.3] }
           pool inner = failover { primary a  secondary b }
           pool outer = weighted { inner 1  c 1 }
           record www A = geolocation { continent EU => outer  default => inner }"#,
    );
    let plan = route53::plan(&config).expect("plans");
    assert_eq!(
        plan.sets_at("_pool-inner.example.com", RecordType::A).len(),
        2
    );
    assert_eq!(
        plan.sets_at("_pool-outer.example.com", RecordType::A).len(),
        2
    );
    // The outer pool's member `inner` is an alias to the inner pool's name.
    let outer = plan.sets_at("_pool-outer.example.com", RecordType::A);
    assert!(outer.iter().any(|i| matches!(
        &plan.record_sets[*i].answer,
        SetAnswer::Alias(a) if a.dns_name().to_string() == "_pool-inner.example.com"
    )));
    let hcl = output_of_source(SHARED, "terraform").expect("builds");
    assert_eq!(
        hcl.matches("name            = \"_pool-eu.example.com\"")
            .count(),
        4
    );
}

#[test]
fn the_graph_draws_a_pool_as_one_node() {
    let loaded = common::load_source(SHARED);
    let checked = steer::check::check(&loaded.files);
    let graph = steer::graph_view::build(&checked.configs);
    let zone = &graph.zones[0];
    let pools: Vec<_> = zone
        .nodes
        .iter()
        .filter(|n| n.kind == steer::graph_view::NodeKind::Pool)
        .collect();
    assert_eq!(pools.len(), 1, "{pools:?}");
    assert_eq!(pools[0].lines, vec!["pool eu", "A, AAAA"]);
    let into = zone.edges.iter().filter(|e| e.to == pools[0].id).count();
    assert_eq!(into, 5, "one edge from each use");
    let out = steer(&["graph", "examples/pools.steer"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    insta::assert_snapshot!("pools.dot", text(&out.stdout));
}

#[test]
fn explain_names_the_pool() {
    let out = steer(&[
        "explain",
        "examples/pools.steer",
        "api",
        "--from",
        "DE",
        "--down",
        "dublin_up",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = text(&out.stdout);
    assert!(out.contains("via pool eu"), "{out}");
    insta::assert_snapshot!("pools.explain", out);
}

#[test]
fn powerdns_composes_a_pool_as_its_policy() {
    let zone = output_of_source(
        r#"zone "example.com" { ttl 60s  nameservers ["ns1.example.net"] }
           endpoint dublin { a [192.0.2.1] }
           endpoint frankfurt { a [192.0.2.2] }
           endpoint virginia { a [192.0.2.3] }
           pool eu = weighted { dublin 1  frankfurt 3 }
           record www A = geolocation { continent EU => eu  default => virginia }
           record api A = eu"#,
        "powerdns",
    )
    .expect("builds");
    let pick = "pickwrandom({{1, '192.0.2.1'}, {3, '192.0.2.2'}})";
    assert!(
        zone.contains(&format!("api\t60\tLUA\tA \"{pick}\"")),
        "{zone}"
    );
    assert!(
        zone.contains(&format!("if continent({{'EU'}}) then return {pick} end")),
        "{zone}"
    );
}

#[test]
fn a_long_chain_of_pools_is_a_diagnostic_not_a_stack_overflow() {
    let mut text = String::from(
        "zone \"example.com\" { ttl 60s }\nendpoint a { a [192.0.2.1] }\nendpoint b { a [192.0.2.2] }\n",
    );
    let n = 20_000;
    for i in 0..n {
        text.push_str(&format!("pool p{i} = weighted {{ p{} 1  a 1 }}\n", i + 1));
    }
    text.push_str(&format!(
        "pool p{n} = weighted {{ a 1  b 1 }}\nrecord www A = p0\n"
    ));
    let checked = common::check_source(&text);
    assert_eq!(checked.diagnostics.len(), 1, "{:#?}", checked.diagnostics);
    assert!(checked.diagnostics[0].code == "pools-too-deep");
}

#[test]
fn an_alias_loop_through_a_pool_is_a_reference_cycle_naming_the_pool() {
    let checked = common::check_source(
        r#"zone "example.com" { ttl 60s }
           endpoint a { a [192.0.2.1] }
           endpoint to_www { alias record www A }
           pool p = weighted { to_www 1  a 1 }
           record www A = geolocation { continent EU => p  default => a }"#,
    );
    assert_eq!(checked.diagnostics.len(), 1, "{:#?}", checked.diagnostics);
    let d = &checked.diagnostics[0];
    assert!(d.code == "reference-cycle");
    assert!(d.message.contains("pool `p`"), "{}", d.message);
}

#[test]
fn a_check_written_for_a_pool_use_goes_on_its_alias() {
    let config = config_of_source(
        r#"zone "example.com" { ttl 60s }
           check eu_up { https "eu.example.net" }
           check dublin_up { https "dublin.example.net" }
           endpoint dublin { a [192.0.2.1]  check dublin_up }
           endpoint frankfurt { a [192.0.2.2] }
           endpoint virginia { a [192.0.2.3] }
           pool eu = weighted { dublin 1  frankfurt 1 }
           record www A = failover { primary eu check eu_up  secondary virginia }"#,
    );
    let plan = route53::plan(&config).expect("plans");
    let primary = plan
        .record_sets
        .iter()
        .find(|s| s.name() == "www.example.com" && s.set_identifier() == Some("primary"))
        .expect("primary");
    assert_eq!(primary.health_check, Some("eu_up"));
    assert!(
        matches!(&primary.answer, SetAnswer::Alias(a) if a.dns_name().to_string() == "_pool-eu.example.com")
    );
}
