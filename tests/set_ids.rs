//! Chosen set identifiers (`id "..."`, docs/language.md §10.10.1): every
//! member position takes one, the plan uses it, and a nested member's
//! generated name stays derived from its label.

mod common;

use steer::emit::route53;

const ZONE: &str = r#"
zone "example.com" { ttl 60s }
region ireland { aws "eu-west-1"  at (53.35, -6.26) }
region ohio { aws "us-east-2"  at (40.0, -83.0) }
endpoint eu { region ireland  a [192.0.2.10] }
endpoint us { region ohio  a [192.0.2.20] }
cidr_collection nets { office [198.51.100.0/24] }
record f A = failover { primary eu id "f-primary"  secondary us }
record l A = latency [eu id "l-eu", us]
record g A = geolocation { continent EU => eu id "g-eu"  default => us }
record w A = weighted { eu id "w-eu" 10  us 20 }
record m A = multivalue [eu id "m-eu", us]
record p A = geoproximity [eu id "p-eu" bias 10, us]
record c A = cidr nets { office => eu id "c-office"  default => us }
record n A = weighted { failover { primary eu secondary us } id "legacy nested" 1  us 1 }
"#;

fn ids(config: &steer::check::ir::Config) -> Vec<(String, Option<String>)> {
    let plan = route53::plan(config).expect("plans");
    plan.record_sets
        .iter()
        .map(|s| (s.name().to_string(), s.set_identifier().map(str::to_string)))
        .collect()
}

#[test]
fn every_member_position_takes_a_chosen_identifier() {
    let config = common::config_of_source(ZONE);
    let ids = ids(&config);
    let has = |name: &str, id: &str| {
        assert!(
            ids.contains(&(name.to_string(), Some(id.to_string()))),
            "{name} {id} missing from {ids:?}"
        )
    };
    has("f.example.com", "f-primary");
    has("f.example.com", "secondary");
    has("l.example.com", "l-eu");
    has("l.example.com", "ohio");
    has("g.example.com", "g-eu");
    has("w.example.com", "w-eu");
    has("w.example.com", "us");
    has("m.example.com", "m-eu");
    has("m.example.com", "us");
    has("p.example.com", "p-eu");
    has("c.example.com", "c-office");
    has("c.example.com", "default");
    // The nested member's set keeps the chosen id; its generated name is
    // still the derived label's.
    has("n.example.com", "legacy nested");
    has("_failover-eu.n.example.com", "primary");
}
