//! `steer check` catches what `steer build` would: a configuration that
//! checks clean for a set of targets builds for each of them, with the same
//! values. Asserted for every example and every diagnostic case, for the
//! default set (every target but `powerdns`) and for each target named on
//! its own. The one documented exception: checked without any values, a
//! target's `missing-input` is not reported (values come with the build).

mod common;

use common::Input;
use steer::emit::{Options, Target, TARGETS};
use steer::load::Loaded;
use steer::CheckTargets;

/// What checking `input` for `which` says, and whether each of `targets`
/// then builds: the problems found (empty when the claim holds).
fn clean_means_builds(
    input: &Input,
    loaded: &Loaded,
    which: CheckTargets,
    targets: &[&dyn Target],
) -> Vec<String> {
    let values = &input.directives.values;
    let checked = steer::check_for_targets(loaded, values, which).expect("values");
    if checked.has_errors() {
        return Vec::new();
    }
    let options = Options {
        values: values.clone(),
        ..Options::default()
    };
    let mut problems = Vec::new();
    for target in targets {
        let compiled = steer::compile(loaded, *target, &options)
            .unwrap_or_else(|e| panic!("{}: {e}", input.display()));
        let errors: Vec<&str> = compiled
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .filter(|d| !(values.is_empty() && d.code == "missing-input"))
            .map(|d| d.code)
            .collect();
        if !errors.is_empty() {
            problems.push(format!(
                "{} checks clean for {which:?} but fails to build for {}: {errors:?}",
                input.display(),
                target.name()
            ));
        }
    }
    problems
}

/// Every example and diagnostic case, loaded.
fn inputs() -> Vec<(Input, Loaded)> {
    let mut inputs = common::examples();
    inputs.extend(common::diagnostic_cases());
    inputs
        .into_iter()
        .map(|i| {
            let loaded = common::load(&i.path);
            (i, loaded)
        })
        .collect()
}

#[test]
fn what_checks_clean_for_the_default_targets_builds_for_each() {
    let defaults: Vec<&dyn Target> = TARGETS
        .iter()
        .copied()
        .filter(|t| t.name() != "powerdns")
        .collect();
    let mut problems = Vec::new();
    let mut clean = 0;
    for (input, loaded) in inputs() {
        let found = clean_means_builds(&input, &loaded, CheckTargets::Default, &defaults);
        if !steer::check_for_targets(&loaded, &input.directives.values, CheckTargets::Default)
            .expect("values")
            .has_errors()
        {
            clean += 1;
        }
        problems.extend(found);
    }
    assert!(problems.is_empty(), "{problems:#?}");
    // Not vacuous: the examples at least check clean.
    assert!(clean >= common::examples().len(), "{clean} clean inputs");
}

#[test]
fn what_checks_clean_for_one_target_builds_for_it() {
    let mut problems = Vec::new();
    for (input, loaded) in inputs() {
        for target in TARGETS {
            let named = [*target];
            problems.extend(clean_means_builds(
                &input,
                &loaded,
                CheckTargets::Named(&named),
                &named,
            ));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn target_errors_name_their_targets_and_are_errors_by_default() {
    // The README's short example without `nameservers`: the zone target
    // cannot write its SOA.
    let text = "zone \"myshop.com\" { ttl 60s }\nrecord www A 192.0.2.1\n";
    let loaded = common::load_source(text);
    let values = Default::default();
    let checked =
        steer::check_for_targets(&loaded, &values, CheckTargets::Default).expect("values");
    let codes: Vec<&str> = checked.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["zone-needs-nameservers"]);
    assert!(checked.diagnostics[0].is_error());
    assert!(
        checked.diagnostics[0]
            .message
            .ends_with("(building for `zone` fails)"),
        "{}",
        checked.diagnostics[0].message
    );
    // A target named twice is checked once.
    let zone_twice = [common::target("zone"), common::target("zone")];
    let checked = steer::check_for_targets(&loaded, &values, CheckTargets::Named(&zone_twice))
        .expect("values");
    let messages: Vec<&str> = checked
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert!(
        messages[0].ends_with("(building for `zone` fails)"),
        "{messages:?}"
    );
    let terraform = [common::target("terraform")];
    let checked = steer::check_for_targets(&loaded, &values, CheckTargets::Named(&terraform))
        .expect("values");
    assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
}

#[test]
fn an_error_of_the_shared_route53_lowering_is_reported_once_for_both_targets() {
    // Two members whose set identifiers coincide: the Route 53 lowering,
    // shared by Terraform and CloudFormation, refuses it.
    let case = common::diagnostic_cases()
        .into_iter()
        .find(|c| c.name == "set-identifier-collision--chosen")
        .expect("the set-identifier-collision case");
    let loaded = common::load(&case.path);
    let checked = steer::check_for_targets(&loaded, &case.directives.values, CheckTargets::Default)
        .expect("values");
    let collisions: Vec<&str> = checked
        .diagnostics
        .iter()
        .filter(|d| d.code == "set-identifier-collision")
        .map(|d| d.message.as_str())
        .collect();
    assert!(!collisions.is_empty(), "{:?}", checked.diagnostics);
    for m in collisions {
        assert!(m.contains("`terraform` and `cloudformation`"), "{m}");
    }
}

/// A zone large enough for `steer check` to diagnose its targets on two
/// threads (the zone target and PowerDNS beside the Route 53 plan, then
/// the Route 53 targets side by side) reports what each target, asked
/// alone, reports, in the order of the targets asked for.
#[test]
fn the_targets_diagnosed_side_by_side_report_what_each_does_alone() {
    // The second zone's name server is in the zone without an address,
    // which the zone file targets report; the third zone's Route 53 plan
    // fails (two members given one set identifier), which both Route 53
    // targets report.
    for (nameservers, plan_fails) in [
        ("\"ns1.example.net.\", \"ns2.example.net.\"", false),
        ("\"ns1.example.com.\", \"ns2.example.net.\"", false),
        ("\"ns1.example.net.\", \"ns2.example.net.\"", true),
    ] {
        let mut text = format!(
            "zone \"example.com\" {{ ttl 60s nameservers [{nameservers}] }}\n\
             endpoint e1 {{ a [192.0.2.1] }}\nendpoint e2 {{ a [192.0.2.2] }}\n"
        );
        for i in 0..steer::PARALLEL_MIN_RECORDS {
            text.push_str(&format!(
                "record r{i} A = failover {{ primary e1 secondary e2 }}\n"
            ));
        }
        // Both targets' names for these collide: `x_y` in Terraform, `XY`
        // in CloudFormation.
        text.push_str("record x.y A \"192.0.2.3\"\nrecord x_y A \"192.0.2.4\"\n");
        if plan_fails {
            text.push_str("record www A = weighted { e1 id \"blue\" 50  e2 id \"blue\" 50 }\n");
        }
        let mut loaded = Loaded::default();
        loaded.add("large.steer", text.as_bytes());
        let checked = steer::check_loaded(&loaded);
        assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
        let config = &checked.configs[0];
        assert!(config.records.len() >= steer::PARALLEL_MIN_RECORDS);
        let options = Options::default();
        for names in [
            vec!["terraform", "cloudformation", "zone"],
            vec!["zone", "cloudformation", "terraform"],
            vec!["powerdns", "terraform", "zone", "cloudformation"],
            vec!["cloudformation", "zone"],
        ] {
            let targets: Vec<&dyn Target> = names.iter().map(|n| common::target(n)).collect();
            let together: Vec<String> = steer::diagnose_zone(config, &targets, &options)
                .into_iter()
                .map(|(d, t)| format!("{}: {} {}", t.name(), d.code, d.message))
                .collect();
            let alone: Vec<String> = targets
                .iter()
                .flat_map(|&t| {
                    steer::diagnose_zone(config, &[t], &options)
                        .into_iter()
                        .map(move |(d, _)| format!("{}: {} {}", t.name(), d.code, d.message))
                })
                .collect();
            assert_eq!(together, alone);
            let route53 = if plan_fails {
                "set-identifier-collision"
            } else {
                "resource-name-collision"
            };
            for name in ["terraform", "cloudformation"] {
                assert!(
                    !names.contains(&name)
                        || together
                            .iter()
                            .any(|d| d.starts_with(&format!("{name}: {route53}"))),
                    "{name}: {together:?}"
                );
            }
            if nameservers.contains("example.com") {
                assert!(
                    together.iter().any(|d| d.starts_with("zone: ")),
                    "{together:?}"
                );
            }
        }
    }
}
