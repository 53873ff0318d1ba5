//! Route 53's own health-check rules (no probes of private or loopback
//! addresses, request intervals of 10 s or 30 s, checker regions, the
//! lengths of `ResourcePath` and `SearchString`) apply to `steer check` and
//! the Route 53 targets (terraform, cloudformation, and zone, which
//! documents Route 53's behaviour), not to PowerDNS, which probes whatever
//! it is given at its own interval (docs/targets.md §5).

mod common;

use common::{compile, load_source, render, steer_command, text};
use std::io::Write;
use std::process::Stdio;
use steer::check::CheckOptions;

/// A lab: a check of a loopback address every second, from regions that
/// are no Route 53 checker regions, with a path and a search string
/// longer than Route 53 takes.
fn lab() -> String {
    format!(
        r#"zone "shop.test" {{
  nameservers ["ns1.shop.test"]
}}
check lab_up {{ http 127.0.0.2 port 8080 path "/{path}" expect "{expect}" every 1s from [lab, lab] }}
endpoint lab {{ a [127.0.0.2] check lab_up }}
record www A = lab
record ns1 A 127.0.0.1
"#,
        path = "p".repeat(300),
        expect = "x".repeat(300),
    )
}

/// The codes of Route 53's rules the lab breaks, sorted, each once.
const ROUTE53_CODES: [&str; 4] = [
    "checker-regions",
    "invalid-request-interval",
    "private-address",
    "too-long",
];

fn codes(diagnostics: &[steer::diagnostic::Diagnostic]) -> Vec<String> {
    let mut codes: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.code.to_string())
        .collect();
    codes.sort();
    codes.dedup();
    codes
}

#[test]
fn route53_targets_and_check_apply_route53_rules() {
    let loaded = load_source(&lab());
    assert_eq!(
        codes(&steer::check_loaded(&loaded).diagnostics),
        ROUTE53_CODES
    );
    for target in ["terraform", "cloudformation", "zone"] {
        let compiled = compile(&loaded, target);
        assert!(compiled.outputs.is_empty(), "{target} wrote output");
        assert_eq!(codes(&compiled.diagnostics), ROUTE53_CODES, "{target}");
    }
}

#[test]
fn powerdns_builds_what_route53_rejects_and_carries_the_values() {
    let loaded = load_source(&lab());
    let checked = steer::check_loaded_with(&loaded, &Default::default(), CheckOptions::SELF_HOSTED);
    assert!(
        !checked.has_errors(),
        "{}",
        render(&checked.diagnostics, &loaded)
    );
    let check = &checked.configs[0].checks["lab_up"];
    let steer::check::ir::HealthCheckKind::Endpoint(probe) = &check.kind else {
        panic!("a probe expected: {check:?}");
    };
    assert_eq!(
        probe.ip_address,
        Some(steer::check::ir::Value::Literal(
            "127.0.0.2".parse().unwrap()
        ))
    );
    assert_eq!(probe.request_interval, 1);
    assert_eq!(probe.regions(), ["lab"]);
    assert_eq!(probe.resource_path.as_deref().map(str::len), Some(301));

    let compiled = compile(&loaded, "powerdns");
    assert!(
        !compiled.has_errors(),
        "{}",
        render(&compiled.diagnostics, &loaded)
    );
    let output = &compiled.outputs[0];
    assert!(
        output.text.contains("ifurlup('http://127.0.0.2:8080/p"),
        "{}",
        output.text
    );
    let (_, pdns_conf) = output
        .extra_files
        .iter()
        .find(|(name, _)| name == "pdns.conf")
        .expect("pdns.conf");
    assert!(
        pdns_conf.contains("\nlua-health-checks-interval=1\n"),
        "{pdns_conf}"
    );
}

/// `steer check` applies Route 53's rules unless `--target` names a target
/// that does not; `steer explain --target powerdns` explains a lab.
#[test]
fn check_and_explain_take_the_rules_of_a_target() {
    let run = |args: &[&str]| {
        let mut child = steer_command(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run steer");
        child
            .stdin
            .take()
            .unwrap()
            .write_all(lab().as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let out = run(&["check", "-"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("steer::private-address"));
    let out = run(&["check", "--target", "terraform", "-"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let out = run(&["check", "--target", "powerdns", "-"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = run(&["explain", "-", "www", "--target", "powerdns"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("everyone: 127.0.0.2"));
    let out = run(&["explain", "-", "www"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
}
