//! The powerdns target on every example and on its fixtures: what it
//! serves is snapshotted (zone file, `named.conf`, `pdns.conf`); what it
//! cannot serve fails with `powerdns-cannot-serve` only. The fixtures
//! are also accepted by `pdnsutil check-zone` (the examples' delegations
//! are not: with the bind backend, pdnsutil 4.7 reports every delegation
//! NS record as `auth=0, run pdnsutil rectify-zone?`, which the bind
//! backend has no command for).

mod common;

use common::tools::require_tool;
use common::Input;
use std::path::Path;

/// Compiles `input` for powerdns: the three files as one text, or the
/// error codes.
fn build(input: &Input) -> Result<(String, steer::emit::Output), Vec<&'static str>> {
    let (_, mut compiled) = common::compile_input(input, "powerdns");
    if compiled.has_errors() {
        return Err(compiled
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.code)
            .collect());
    }
    assert_eq!(compiled.outputs.len(), 1, "{}", input.display());
    let output = compiled.outputs.remove(0);
    let mut text = format!("==> {} <==\n{}", output.file_name, output.text);
    for (name, extra) in &output.extra_files {
        text.push_str(&format!("\n==> {name} <==\n{extra}"));
    }
    Ok((text, output))
}

/// Writes the files into `dir` and runs `pdnsutil check-zone` there, with
/// the bind backend alone (pdnsutil 4.7 fails to start the geoip backend
/// without a `geoip-zones-file`, which pdns_server does not need).
fn check_zone(pdnsutil: &Path, dir: &Path, output: &steer::emit::Output, zone: &str) {
    std::fs::write(dir.join(&output.file_name), &output.text).unwrap();
    for (name, text) in &output.extra_files {
        std::fs::write(
            dir.join(name),
            text.replace("launch=bind,geoip", "launch=bind"),
        )
        .unwrap();
    }
    common::tools::assert_success(std::process::Command::new(pdnsutil).current_dir(dir).args([
        "--config-dir=.",
        "check-zone",
        zone,
    ]));
}

#[test]
fn examples_build_or_fail_only_with_powerdns_cannot_serve() {
    for example in common::examples() {
        match build(&example) {
            // `example-`: the fixtures have names of their own.
            Ok((text, _)) => insta::assert_snapshot!(format!("example-{}", example.name), text),
            Err(codes) => assert!(
                codes.iter().all(|c| *c == "powerdns-cannot-serve"),
                "{}: {codes:?}",
                example.display()
            ),
        }
    }
}

/// Exactly these examples are served, and each other one is refused for
/// the reasons docs/targets.md §5 lists (every reason a construct that is
/// Route 53's own).
#[test]
fn examples_powerdns_serves_exactly() {
    const SERVED: [&str; 3] = ["multivalue", "plain-records", "pools"];
    const ALIAS: &str = "alias answers are Route 53's own";
    const CHECK: &str = "PowerDNS runs only http, https and tcp probes itself";
    let refused: [(&str, &[&str]); 10] = [
        ("canary", &[ALIAS, "the alias `checkout.ledgerly.com`"]),
        ("checks", &[CHECK, "on a nested `failover`"]),
        ("cidr", &[ALIAS, "cloudfront.net"]),
        (
            "geo-failover",
            &[ALIAS, "elb.amazonaws.com", "the alias `www.fjordair.com`"],
        ),
        ("geoproximity", &[ALIAS, "elb.sa-east-1.amazonaws.com"]),
        ("latency", &[ALIAS, "cloudfront.net"]),
        (
            "myshop",
            &[ALIAS, "elb.amazonaws.com", "the alias `www.myshop.com`"],
        ),
        ("private", &[CHECK]),
        ("split-zone", &[ALIAS, "elb.amazonaws.com"]),
        ("stack-inputs", &[ALIAS]),
    ];
    let mut seen = Vec::new();
    for example in common::examples() {
        let (_, compiled) = common::compile_input(&example, "powerdns");
        let errors: Vec<String> = compiled
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.message.clone())
            .collect();
        let name = example.name.as_str();
        seen.push(name.to_string());
        if SERVED.contains(&name) {
            assert!(errors.is_empty(), "{name}: {errors:?}");
            continue;
        }
        let (_, reasons) = refused.iter().find(|(n, _)| *n == name).unwrap_or_else(|| {
            panic!("{name} is neither served nor listed as refused: {errors:?}")
        });
        assert!(
            !errors.is_empty(),
            "{name} is served now: list it (and docs/targets.md §5)"
        );
        for reason in *reasons {
            assert!(
                errors.iter().any(|e| e.contains(reason)),
                "{name}: no error says {reason:?}: {errors:?}"
            );
        }
    }
    seen.sort();
    let mut listed: Vec<String> = SERVED
        .iter()
        .chain(refused.iter().map(|(n, _)| n))
        .map(|n| n.to_string())
        .collect();
    listed.sort();
    assert_eq!(seen, listed);
}

/// The fixtures in tests/fixtures/powerdns are served whole, snapshotted
/// and accepted by `pdnsutil check-zone`.
#[test]
fn fixtures_are_served_whole() {
    for (name, zone) in [
        ("lab", "lab.test"),
        ("cidr", "cidr.test"),
        ("geo", "geo.test"),
        ("latency", "near.test"),
        ("weighted", "weighted.test"),
        ("multivalue", "multi.test"),
        ("tcp", "tcp.test"),
        ("nested", "nested.test"),
        ("geoproximity", "prox.test"),
    ] {
        let path = common::root().join(format!("tests/fixtures/powerdns/{name}.steer"));
        let (text, output) = build(&Input::at(path)).unwrap_or_else(|codes| panic!("{codes:?}"));
        insta::assert_snapshot!(name, text);
        if let Some(pdnsutil) = require_tool("pdnsutil") {
            let dir = tempfile::tempdir().unwrap();
            check_zone(&pdnsutil, dir.path(), &output, zone);
        }
    }
}
