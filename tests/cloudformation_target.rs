//! The CloudFormation target on every example: snapshots of the templates,
//! cfn-lint on all of them at once, and determinism.

mod common;

use common::{tools, Input};
use std::process::Command;

/// The template for one configuration, and its file name.
fn template(input: &Input) -> (String, String) {
    let (output, _) = common::build(input, "cloudformation");
    (output.file_name, output.text)
}

#[test]
fn templates_match_snapshots() {
    for example in common::examples() {
        let (_, text) = template(&example);
        insta::assert_snapshot!(example.name, text);
    }
}

#[test]
fn templates_are_pretty_json_with_a_trailing_newline() {
    for example in common::examples() {
        let name = &example.name;
        let (_, text) = template(&example);
        let value: serde_json::Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: not JSON: {e}"));
        let mut pretty = serde_json::to_string_pretty(&value).expect("serializes");
        pretty.push('\n');
        assert_eq!(
            text, pretty,
            "{name}: 2-space pretty JSON, keys in the written order, one trailing newline"
        );
        let keys: Vec<&str> = value
            .as_object()
            .expect("an object")
            .keys()
            .map(String::as_str)
            .collect();
        let expected: Vec<&str> = [
            "AWSTemplateFormatVersion",
            "Description",
            "Parameters",
            "Resources",
            "Outputs",
        ]
        .into_iter()
        .filter(|k| keys.contains(k))
        .collect();
        assert_eq!(
            keys, expected,
            "{name}: top-level sections in the usual order"
        );
    }
}

#[test]
fn templates_are_deterministic() {
    for example in common::examples() {
        let name = &example.name;
        let (_, first) = template(&example);
        let (_, second) = template(&example);
        assert_eq!(first, second, "{name}: two runs differ");
    }
}

/// cfn-lint, all templates in one invocation (it takes about a second to
/// start), with informational rules included: no finding of any level.
#[test]
fn cfn_lint_reports_nothing() {
    let Some(cfn_lint) = tools::require_tool("cfn-lint") else {
        return;
    };
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut files = Vec::new();
    // The examples and the real-world-shaped configuration (inputs, pools,
    // checks per use, chosen identifiers, a private zone).
    let mut inputs = common::examples();
    inputs.push(common::fixture("real-world"));
    for example in inputs {
        let (file_name, text) = template(&example);
        // One directory per example keeps file names as the CLI writes them.
        let example_dir = dir.path().join(&example.name);
        std::fs::create_dir_all(&example_dir).expect("mkdir");
        let file = example_dir.join(file_name);
        std::fs::write(&file, text).expect("write the template");
        files.push(file);
    }
    let mut cmd = Command::new(cfn_lint);
    cmd.args(["--format", "parseable", "--include-checks", "I", "--"])
        .args(&files);
    let out = cmd.output().expect("cfn-lint runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stdout.trim().is_empty(),
        "cfn-lint found problems ({}):\n{stdout}\n{stderr}",
        out.status
    );
}

#[test]
fn escaping_corpus_matches_snapshot() {
    let (_, text) = template(&common::fixture("escaping"));
    insta::assert_snapshot!("escaping", text);
}

/// Blocked on the shared TXT encoding (`route53::rdata_value`): cfn-lint's
/// TXT pattern (E3023) rejects a `\"` inside a character-string, which
/// Route 53 itself accepts. Writing `"` as the octal escape `\042` (Route
/// 53 reads `\DDD` in TXT values as octal) satisfies both.
#[test]
fn cfn_lint_accepts_the_escaping_corpus() {
    let Some(cfn_lint) = tools::require_tool("cfn-lint") else {
        return;
    };
    let dir = tempfile::tempdir().expect("a temporary directory");
    let (file_name, text) = template(&common::fixture("escaping"));
    let file = dir.path().join(file_name);
    std::fs::write(&file, text).expect("write the template");
    let out = Command::new(cfn_lint)
        .args(["--format", "parseable", "--include-checks", "I", "--"])
        .arg(&file)
        .output()
        .expect("cfn-lint runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.trim().is_empty(),
        "cfn-lint found problems ({}):\n{stdout}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
}

// ----------------------------------------------------------------------------
// What a CloudFormation reviewer checks in specific templates
// ----------------------------------------------------------------------------

fn json(name: &str) -> serde_json::Value {
    serde_json::from_str(&template(&common::example(name)).1).expect("JSON")
}

#[test]
fn every_record_set_names_its_zone_one_way() {
    for example in common::examples() {
        let name = &example.name;
        let value: serde_json::Value = serde_json::from_str(&template(&example).1).expect("JSON");
        let resources = value["Resources"].as_object().expect("resources");
        let sets = resources
            .values()
            .filter(|r| r["Type"] == "AWS::Route53::RecordSet")
            .map(|r| &r["Properties"]);
        let mut ways: Vec<&str> = sets
            .map(|p| match (p.get("HostedZoneName"), p.get("HostedZoneId")) {
                (Some(_), None) => "name",
                (None, Some(_)) => "id",
                other => panic!("{name}: a record set with {other:?}"),
            })
            .collect();
        ways.dedup();
        assert_eq!(
            ways.len(),
            1,
            "{name}: one way for every record set, got {ways:?}"
        );
    }
}

#[test]
fn in_zone_aliases_depend_on_their_targets() {
    let myshop = json("myshop");
    let apex = &myshop["Resources"]["RecordApexA"];
    assert_eq!(
        apex["DependsOn"],
        serde_json::json!(["RecordWwwAPrimary", "RecordWwwASecondary"])
    );
    assert_eq!(
        apex["Properties"]["AliasTarget"]["HostedZoneId"],
        serde_json::json!({"Ref": "HostedZoneId"})
    );
    assert_eq!(
        myshop["Parameters"]["HostedZoneId"]["Type"],
        "AWS::Route53::HostedZone::Id"
    );

    // A nested policy's alias depends on the sets at its generated name.
    let geo = json("geo-failover");
    let eu = &geo["Resources"]["RecordWwwAContinentEU"];
    assert_eq!(
        eu["DependsOn"],
        serde_json::json!([
            "RecordWwwAContinentEUPrimary",
            "RecordWwwAContinentEUSecondary"
        ])
    );
    assert_eq!(
        eu["Properties"]["AliasTarget"]["HostedZoneId"],
        "Z07418862EXAMPLE5R9TF"
    );
    assert!(
        geo.get("Parameters").is_none(),
        "the zone id is known: no parameter"
    );
}

#[test]
fn a_created_zone_is_a_resource_with_outputs_for_the_delegation() {
    let latency = json("latency");
    let zone = &latency["Resources"]["HostedZone"];
    assert_eq!(zone["Type"], "AWS::Route53::HostedZone");
    assert_eq!(zone["Properties"]["Name"], "pixelcast.io.");
    assert_eq!(
        latency["Resources"]["RecordApiAVirginia"]["Properties"]["HostedZoneId"],
        serde_json::json!({"Ref": "HostedZone"})
    );
    assert!(latency["Outputs"]["NameServers"].is_object());
    assert!(latency["Outputs"]["HostedZoneId"].is_object());
}

#[test]
fn every_health_check_has_an_output() {
    for example in common::examples() {
        let name = &example.name;
        let value: serde_json::Value = serde_json::from_str(&template(&example).1).expect("JSON");
        let resources = value["Resources"].as_object().expect("resources");
        for (id, resource) in resources {
            if resource["Type"] != "AWS::Route53::HealthCheck" {
                continue;
            }
            let output = &value["Outputs"][format!("{id}Id")];
            assert_eq!(
                output["Value"],
                serde_json::json!({"Ref": id}),
                "{name}: output of {id}"
            );
            assert!(
                output["Description"].is_string(),
                "{name}: output of {id} has a description"
            );
        }
    }
}
