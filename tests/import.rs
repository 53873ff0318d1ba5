//! `steer import`: each source's output checks clean and builds back to
//! what it was imported from; what it cannot import is reported with its
//! place; malformed input of each kind is a located error, never a panic.

mod common;

use common::tools::{assert_success, require_tool};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A file under tests/import, relative to the repository root (where
/// `common::steer` runs), so that messages name it as a user would.
fn case(name: &str) -> PathBuf {
    Path::new("tests/import").join(name)
}

/// `steer import ARGS -o DIR/out.steer`: the file, and what went to stderr.
fn import(args: &[&str], dir: &Path) -> (String, String) {
    let out = dir.join("out.steer");
    let mut all: Vec<&str> = vec!["import"];
    all.extend(args);
    let out_arg = out.display().to_string();
    all.extend(["-o", &out_arg]);
    let result = common::steer(&all);
    let stderr = common::text(&result.stderr);
    assert!(result.status.success(), "steer {all:?}:\n{stderr}");
    (std::fs::read_to_string(&out).unwrap(), stderr)
}

/// BIND's canonical form of a zone (`named-compilezone -s full`), owner
/// names in lower case (DNS compares them so; BIND keeps the case written).
fn canonical(compilezone: &Path, origin: &str, file: &Path) -> String {
    let out = assert_success(
        Command::new(compilezone)
            .args(["-q", "-s", "full", "-o", "-", origin])
            .arg(file),
    );
    common::text(&out.stdout)
        .lines()
        .map(|line| match line.split_once(char::is_whitespace) {
            Some((owner, rest)) => format!("{} {}", owner.to_lowercase(), rest.trim_start()),
            None => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_bind_zone_with_every_type_imports_and_builds_back_to_the_same_zone() {
    let dir = tempfile::tempdir().unwrap();
    let original = common::root().join(case("every-type.zone"));
    let (steer_file, summary) = import(
        &[
            "zone",
            "tests/import/every-type.zone",
            "--origin",
            "example.com",
        ],
        dir.path(),
    );
    assert_eq!(summary, "imported: 1 zone, 20 records\n");
    let check = common::steer(&["check", &dir.path().join("out.steer").display().to_string()]);
    assert!(
        check.status.success(),
        "{}\n{steer_file}",
        common::text(&check.stderr)
    );
    assert!(
        !common::text(&check.stderr).contains("warning"),
        "{}",
        common::text(&check.stderr)
    );
    // The output is what `steer fmt` prints.
    assert_eq!(
        steer::fmt::format_source(&steer_file).as_deref(),
        Some(steer_file.as_str())
    );
    insta::assert_snapshot!("zone-every-type", steer_file);

    let built = common::steer(&[
        "build",
        "-t",
        "zone",
        "-o",
        "-",
        &dir.path().join("out.steer").display().to_string(),
    ]);
    assert!(built.status.success(), "{}", common::text(&built.stderr));
    let rebuilt = dir.path().join("rebuilt.zone");
    std::fs::write(&rebuilt, &built.stdout).unwrap();
    let Some(compilezone) = require_tool("named-compilezone") else {
        return;
    };
    assert_eq!(
        canonical(&compilezone, "example.com", &rebuilt),
        canonical(&compilezone, "example.com", &original),
    );
}

#[test]
fn what_a_zone_file_has_that_steer_does_not_write_is_reported_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let (steer_file, summary) = import(
        &[
            "zone",
            case("skips.zone").to_str().unwrap(),
            "--origin",
            "example.org.",
        ],
        dir.path(),
    );
    insta::assert_snapshot!("zone-skips-summary", summary);
    insta::assert_snapshot!("zone-skips", steer_file);
}

/// Every malformed input under tests/import/malformed gives exit 1 and a
/// located diagnostic with an import code (snapshots of each), writes no
/// file, and never panics.
#[test]
fn malformed_input_of_each_kind_is_a_located_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.steer");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(case("malformed"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    assert!(!cases.is_empty());
    for path in cases {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let relative = format!("tests/import/malformed/{name}");
        let args: Vec<&str> = if name.ends_with(".policy.json") {
            vec![
                "import",
                "route53",
                "tests/import/traffic/records.json",
                "--zone",
                "example.com",
                "--traffic-policy-instances",
                "tests/import/traffic/instances.json",
                "--traffic-policies",
                &relative,
                "-o",
            ]
        } else if name.ends_with(".cidr.json") {
            vec![
                "import",
                "route53",
                "tests/import/route53-cidr-records.json",
                "--cidr-collections",
                &relative,
                "--zone",
                "example.com",
                "-o",
            ]
        } else if name.ends_with(".zone") {
            vec!["import", "zone", &relative, "--origin", "example.com", "-o"]
        } else if name.ends_with(".json") {
            vec![
                "import",
                "route53",
                &relative,
                "--zone",
                "example.com",
                "-o",
            ]
        } else if name.ends_with(".tf") {
            vec!["import", "terraform", &relative, "-o"]
        } else {
            vec![
                "import",
                "octodns",
                &relative,
                "--zone",
                "example.com",
                "-o",
            ]
        };
        let mut args: Vec<String> = args.into_iter().map(str::to_string).collect();
        args.push(out.display().to_string());
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let result = common::steer(&args);
        let stderr = common::text(&result.stderr);
        assert_eq!(result.status.code(), Some(1), "{name}:\n{stderr}");
        assert!(stderr.contains("steer::import-"), "{name}:\n{stderr}");
        assert!(
            stderr.contains(&format!("[{relative}:")),
            "{name}: no location\n{stderr}"
        );
        assert!(!out.exists(), "{name}: a file was written");
        insta::assert_snapshot!(format!("malformed-{name}"), stderr);
    }
}

#[test]
fn every_import_code_is_documented() {
    use steer::diagnostic::Code;
    let docs = std::fs::read_to_string(common::root().join("docs/diagnostics.md")).unwrap();
    for code in steer::import::ImportCode::ALL {
        let name = code.name();
        assert!(
            docs.contains(&format!("## `steer::{name}`")),
            "{name} has no section"
        );
        assert!(
            docs.contains(&format!("[`steer::{name}`](#steer{name})")),
            "{name} has no row"
        );
    }
}

/// Runs `steer build -t TARGET` on `file`: its success, and the codes of
/// its errors.
fn build(file: &Path, target: &str, dir: &Path) -> (bool, Vec<String>) {
    let out = dir.join(format!("out-{target}"));
    let result = common::steer(&[
        "build",
        "-t",
        target,
        "-o",
        out.to_str().unwrap(),
        file.to_str().unwrap(),
    ]);
    let stderr = common::text(&result.stderr);
    let codes = stderr
        .lines()
        .filter_map(|l| l.trim().strip_prefix("steer::").map(str::to_string))
        .collect();
    (result.status.success(), codes)
}

/// `file` checks with no diagnostic at all and builds for terraform,
/// cloudformation and zone; PowerDNS says why it cannot serve it.
fn assert_checks_clean_and_builds(file: &Path, dir: &Path) {
    let check = common::steer(&["check", file.to_str().unwrap()]);
    let stderr = common::text(&check.stderr);
    assert!(
        check.status.success() && !stderr.contains("steer::"),
        "{stderr}"
    );
    for target in ["terraform", "cloudformation", "zone"] {
        let (ok, codes) = build(file, target, dir);
        assert!(ok, "{target}: {codes:?}");
    }
    assert_powerdns_says_why_not(file, dir);
}

/// PowerDNS serves no octoDNS dynamic record as octodns-route53 deploys
/// it: the last fallback of every pool is the record's static values,
/// which have no health check, and `ifurlup` can fall through only to
/// another probed address set; TCP checks and inverted checks are not
/// written by that target either. It says so, record by record.
fn assert_powerdns_says_why_not(file: &Path, dir: &Path) {
    let (ok, codes) = build(file, "powerdns", dir);
    assert!(!ok);
    assert!(!codes.is_empty());
    assert!(
        codes.iter().all(|c| c == "powerdns-cannot-serve"),
        "{codes:?}"
    );
}

#[test]
fn an_octodns_zone_with_every_feature_imports_checks_clean_and_builds() {
    let dir = tempfile::tempdir().unwrap();
    let (steer_file, summary) = import(
        &["octodns", "tests/import/octodns/example.com.yaml"],
        dir.path(),
    );
    insta::assert_snapshot!("octodns-every-feature", steer_file);
    insta::assert_snapshot!("octodns-every-feature-summary", summary);
    let file = dir.path().join("out.steer");
    assert_checks_clean_and_builds(&file, dir.path());
    // Subnet rules: one CIDR collection whose locations the records route
    // on, in both AWS targets.
    let built = |path: &str| std::fs::read_to_string(dir.path().join(path)).unwrap();
    let tf = built("out-terraform/example.com.tf");
    for resource in [
        "resource \"aws_route53_cidr_collection\" \"octodns\"",
        "resource \"aws_route53_cidr_location\" \"octodns_office\"",
        "resource \"aws_route53_cidr_location\" \"octodns_partners\"",
        "location_name = aws_route53_cidr_location.octodns_partners.name",
        "location_name = \"*\"",
    ] {
        assert!(tf.contains(resource), "no {resource} in\n{tf}");
    }
    let cfn = built("out-cloudformation/example.com.template.json");
    for needle in ["\"AWS::Route53::CidrCollection\"", "\"CidrRoutingConfig\""] {
        assert!(cfn.contains(needle), "no {needle}");
    }
}

/// The octoDNS peer kit (`../shared/peers/octodns`), beside the
/// repository as CI lays it out, or where this machine keeps it.
fn peer_kit() -> Option<PathBuf> {
    let candidates = [
        common::root().join("../shared/peers/octodns"),
        PathBuf::from("/work/shared/peers/octodns"),
    ];
    let found = candidates.into_iter().find(|p| p.join("gen.py").is_file());
    let python_yaml = Command::new("python3")
        .args(["-c", "import yaml"])
        .output()
        .is_ok_and(|o| o.status.success());
    match (found, python_yaml) {
        (Some(kit), true) => Some(kit),
        (kit, _) => {
            let what = if kit.is_none() {
                "the octoDNS peer kit (../shared/peers/octodns)"
            } else {
                "python3 with PyYAML (apt python3-yaml, or run .ci/install-tools)"
            };
            assert!(!common::tools::in_ci(), "{what} is missing");
            eprintln!("skipped: {what} is missing");
            None
        }
    }
}

/// The kit's zone at 1 000 records (20% dynamic, seed 1) imports. Its
/// addresses are documentation addresses, which Route 53 cannot health
/// check, so steer reports exactly that for every check (as Route 53
/// would refuse them) and nothing else; with the addresses moved to the
/// neighbouring public networks (as bench/kit-zone.sh does), the import
/// checks clean and builds for every Route 53 target and the zone target.
#[test]
fn the_octodns_peer_kits_zone_at_1k_records_imports_checks_clean_and_builds() {
    let Some(kit) = peer_kit() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    assert_success(
        Command::new("python3")
            .arg(kit.join("gen.py"))
            .args(["1000"])
            .arg(dir.path().join("kit"))
            .args(["--dynamic-share", "0.2", "--seed", "1"]),
    );
    let yaml = dir.path().join("kit/zones/example.com.yaml");
    let (_, summary) = import(&["octodns", yaml.to_str().unwrap()], dir.path());
    assert!(summary.starts_with("imported: 1 zone, "), "{summary}");
    assert!(summary.contains(", 999 records"), "{summary}");
    let check = common::steer(&[
        "check",
        "--format",
        "json",
        dir.path().join("out.steer").to_str().unwrap(),
    ]);
    let mut codes: Vec<String> = common::text(&check.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("code").and_then(|c| c.as_str()).map(str::to_string))
        .collect();
    codes.dedup();
    assert_eq!(codes, ["steer::private-address"]);

    let text = std::fs::read_to_string(&yaml).unwrap();
    let public = text
        .replace("192.0.2.", "192.0.3.")
        .replace("198.51.100.", "198.51.101.")
        .replace("203.0.113.", "203.0.114.")
        .replace("2001:db8:", "2001:db9:");
    let public_yaml = dir.path().join("example.com.yaml");
    std::fs::write(&public_yaml, public).unwrap();
    let (_, summary) = import(&["octodns", public_yaml.to_str().unwrap()], dir.path());
    assert!(summary.contains(", 999 records"), "{summary}");
    let file = dir.path().join("out.steer");
    assert_checks_clean_and_builds(&file, dir.path());
}

/// An octoDNS record whose pools fall back in one chain of `n`, the last
/// falling back to `last` if given.
fn pool_chain(n: usize, last: Option<usize>) -> String {
    let mut yaml = String::from("www:\n  type: A\n  value: 93.184.216.1\n  dynamic:\n    pools:\n");
    for i in 0..n {
        yaml.push_str(&format!("      p{i}:\n"));
        match (i + 1 < n, last) {
            (true, _) => yaml.push_str(&format!("        fallback: p{}\n", i + 1)),
            (false, Some(to)) => yaml.push_str(&format!("        fallback: p{to}\n")),
            (false, None) => {}
        }
        yaml.push_str(&format!(
            "        values: [{{value: 93.184.{}.{}}}]\n",
            16 + i / 250,
            i % 250 + 1
        ));
    }
    yaml.push_str("    rules:\n      - pool: p0\n");
    yaml
}

/// 2,000 pools in one chain import (the loop check walks each pool once:
/// the unit tests in src/import/octodns.rs count its steps); a loop at the
/// chain's end is the located error, at the first pool's fallback.
#[test]
fn a_long_fallback_chain_imports_and_a_loop_at_its_end_is_located() {
    let n = 2_000;
    let import = |text: &str| {
        let mut sources = steer::source::SourceMap::new();
        let id = sources.add("chain.yaml", text.to_string());
        steer::import::octodns::import(&sources, id, "example.com")
    };
    let imported = import(&pool_chain(n, None)).unwrap();
    assert!(imported.text.contains("pool www_p1999 = failover"));
    let looped = pool_chain(n, Some(1_000));
    let error = &import(&looped).unwrap_err().diagnostics[0];
    assert!(
        error
            .message
            .starts_with("pool fallbacks go round in a loop: p0 → p1 → p2 → "),
        "{}",
        error.message
    );
    assert!(
        error.message.ends_with("p1999 → p1000"),
        "{}",
        error.message
    );
    let at = error.primary.span.start as usize;
    assert_eq!(&looped[at..error.primary.span.end as usize], "p1");
    assert!(looped[..at].ends_with("      p0:\n        fallback: "));
}

/// Every prefix of each fixture (cut at every character) imports or is a
/// located error: no input makes an importer panic.
#[test]
fn no_prefix_of_a_fixture_makes_an_importer_panic() {
    for (file, zone) in [
        ("every-type.zone", true),
        ("skips.zone", true),
        ("octodns/example.com.yaml", false),
    ] {
        let text = std::fs::read_to_string(common::root().join(case(file))).unwrap();
        for (cut, _) in text.char_indices() {
            let mut sources = steer::source::SourceMap::new();
            let id = sources.add("prefix", &text[..cut]);
            let result = if zone {
                steer::import::zone::import(&sources, id, "example.com")
            } else {
                steer::import::octodns::import(&sources, id, "example.com")
            };
            if let Err(e) = result {
                assert!(!e.diagnostics.is_empty());
                // Rendering reads the span: it must be inside the text.
                let _ = e.render(&sources, steer::diagnostic::Style::Plain);
            }
        }
    }
}

/// Without `-o` the file goes to standard output and the summary to
/// standard error; an input that cannot be read or an output that cannot
/// be written is exit 2, and nothing is written.
#[test]
fn output_summary_and_exit_codes() {
    let out = common::steer(&[
        "import",
        "zone",
        "tests/import/every-type.zone",
        "--origin",
        "example.com",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(common::text(&out.stdout)
        .starts_with("# Imported by `steer import zone` from tests/import/every-type.zone."));
    assert_eq!(common::text(&out.stderr), "imported: 1 zone, 20 records\n");

    let missing = common::steer(&["import", "octodns", "does/not/exist.yaml"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(common::text(&missing.stderr).starts_with("error: cannot read does/not/exist.yaml"));
    assert!(missing.stdout.is_empty());

    let dir = tempfile::tempdir().unwrap();
    let nowhere = dir.path().join("no/such/dir/out.steer");
    let unwritable = common::steer(&[
        "import",
        "zone",
        "tests/import/every-type.zone",
        "--origin",
        "example.com",
        "-o",
        nowhere.to_str().unwrap(),
    ]);
    assert_eq!(unwritable.status.code(), Some(2));
    assert!(common::text(&unwritable.stderr).starts_with("error: cannot write "));
    assert!(!nowhere.exists());

    let usage = common::steer(&["import", "zone", "tests/import/every-type.zone"]);
    assert_eq!(usage.status.code(), Some(2), "--origin is required");
}

/// `steer import route53` with Traffic Flow policies and their instances
/// (tests/import/traffic): a failover over a geolocation over a weighted
/// rule, with a latency rule as the geolocation's default, becomes one
/// record with nested policies, endpoints named after the document's
/// endpoint ids and the checks attached by id; a Local Zone geoproximity
/// location is reported with its JSON path and its instance skipped; an
/// instance whose policy is not given keeps its record sets skipped. The
/// imported file checks clean and builds for both AWS targets.
#[test]
fn traffic_flow_policies_become_nested_policies_and_build() {
    let dir = tempfile::tempdir().unwrap();
    let base = [
        "route53",
        "tests/import/traffic/records.json",
        "--health-checks",
        "tests/import/traffic/checks.json",
        "--zone",
        "example.com",
    ];
    let mut args = base.to_vec();
    args.extend([
        "--traffic-policy-instances",
        "tests/import/traffic/instances.json",
        "--traffic-policies",
        "tests/import/traffic/www-policy.json",
        "tests/import/traffic/api-policy.json",
    ]);
    let (steer_file, summary) = import(&args, dir.path());
    insta::assert_snapshot!("route53-traffic-flow", steer_file);
    insta::assert_snapshot!("route53-traffic-flow-summary", summary);
    assert!(!summary.contains("inst-www"), "{summary}");
    assert!(summary.contains("Rules.closest.GeoproximityLocations[1].Location"));
    assert!(summary.contains("instance inst-old"), "{summary}");

    let file = dir.path().join("out.steer");
    let check = common::steer(&["check", file.to_str().unwrap()]);
    let stderr = common::text(&check.stderr);
    assert!(
        check.status.success() && !stderr.contains("steer::"),
        "{stderr}"
    );
    for target in ["terraform", "cloudformation"] {
        let (ok, codes) = build(&file, target, dir.path());
        assert!(ok, "{target}: {codes:?}");
    }
    let tf = std::fs::read_to_string(dir.path().join("out-terraform/example.com.tf")).unwrap();
    for needle in [
        "failover_routing_policy",
        "geolocation_routing_policy",
        "subdivision = \"CA\"",
        "weighted_routing_policy",
        "latency_routing_policy",
    ] {
        assert!(tf.contains(needle), "no {needle} in\n{tf}");
    }

    // Without the policies, every record set of an instance is skipped,
    // saying what to give.
    let (_, summary) = import(&base, dir.path());
    for instance in ["inst-www", "inst-api", "inst-old"] {
        assert!(
            summary.contains(&format!("Traffic Flow policy instance {instance}: give")),
            "{summary}"
        );
    }
}
