//! The Terraform target, on every example and the escaping corpus:
//!
//! - a snapshot of each `.tf` file, to read as a Terraform reviewer would;
//! - HashiCorp's HCL parser and hclwrite formatter (`tools/node/hcl-check.mjs`,
//!   one node run for all files): every file parses, and `terraform fmt`
//!   would not change a byte;
//! - the provider schema: every block and attribute exists for its resource
//!   type, every required one is present, every reference names something
//!   the file declares;
//! - strings survive HCL and Route 53 escaping (decoded from HashiCorp's
//!   parse, not from our own encoder);
//! - determinism, and resource-name collisions as diagnostics.
//!
//! The schema is `tests/fixtures/terraform-aws-route53.json`, a verbatim
//! copy of `../shared/schemas/terraform-aws-route53.json` (the attributes of
//! `aws_route53_record`, `aws_route53_health_check` and `aws_route53_zone` in
//! the hashicorp/aws provider 6.25.0, extracted from `@cdktf/provider-aws`
//! 21.22.1; see `../shared/schemas/README.md`), vendored so the tests do not
//! depend on `../shared`; a test checks the copy is current when
//! `../shared` is there.

mod common;

use common::{root, tools, Input};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;
use steer::check::ir;
use steer::emit::route53::SetAnswer;

// ----------------------------------------------------------------------------
// Inputs and outputs
// ----------------------------------------------------------------------------

/// Every example and the escaping corpus, by snapshot name.
fn inputs() -> Vec<Input> {
    let mut inputs = common::examples();
    inputs.push(common::fixture("escaping"));
    inputs.push(common::fixture("real-world"));
    inputs.sort_by(|a, b| a.name.cmp(&b.name));
    inputs
}

/// Every input with its .tf text, emitted once.
fn outputs() -> &'static [(Input, String)] {
    static OUTPUTS: OnceLock<Vec<(Input, String)>> = OnceLock::new();
    OUTPUTS.get_or_init(|| {
        inputs()
            .into_iter()
            .map(|input| {
                let tf = common::output(&input, "terraform");
                (input, tf)
            })
            .collect()
    })
}

/// Outputs with `import {}` blocks (`--import-ids`), by name: checked by
/// the same HCL and schema tests as the examples.
fn import_outputs() -> &'static [(String, String)] {
    static OUTPUTS: OnceLock<Vec<(String, String)>> = OnceLock::new();
    OUTPUTS.get_or_init(|| {
        let out = common::steer(&[
            "build",
            "--target",
            "terraform",
            "--import-ids",
            "tests/fixtures/canary.imports",
            "-o",
            "-",
            "examples/canary.steer",
        ]);
        assert!(out.status.success(), "{}", common::text(&out.stderr));
        vec![("canary-imports".to_string(), common::text(&out.stdout))]
    })
}

// ----------------------------------------------------------------------------
// Snapshots and determinism
// ----------------------------------------------------------------------------

#[test]
fn snapshots_of_every_example() {
    for (input, tf) in outputs() {
        let description = input.display();
        insta::with_settings!({ description => description, omit_expression => true }, {
            insta::assert_snapshot!(input.name.as_str(), tf);
        });
    }
}

/// `--import-ids`: one `import {}` block per adopted object, with the
/// provider's import ids (docs/targets.md).
#[test]
fn snapshot_with_imports() {
    for (name, tf) in import_outputs() {
        insta::assert_snapshot!(name.as_str(), tf);
    }
}

#[test]
fn output_is_deterministic() {
    for (input, tf) in outputs() {
        assert_eq!(
            &common::output(input, "terraform"),
            tf,
            "{}: a second emit differs",
            input.name
        );
    }
}

#[test]
fn every_example_has_output() {
    let names: BTreeSet<&str> = outputs().iter().map(|(i, _)| i.name.as_str()).collect();
    for expected in [
        "myshop",
        "checks",
        "cidr",
        "geo-failover",
        "latency",
        "split-zone",
        "escaping",
        "pools",
    ] {
        assert!(
            names.contains(expected),
            "{expected} missing from {names:?}"
        );
    }
}

// ----------------------------------------------------------------------------
// HashiCorp's parser and formatter, one node run for every file
// ----------------------------------------------------------------------------

struct HclCheck {
    success: bool,
    report: String,
    /// File name → hcl2json document.
    json: BTreeMap<String, Value>,
}

/// Runs `hcl-check.mjs --json-out` once over every output; `None` where the
/// tools are missing outside CI.
fn hcl_check() -> Option<&'static HclCheck> {
    static RUN: OnceLock<Option<HclCheck>> = OnceLock::new();
    RUN.get_or_init(|| {
        let mut cmd = tools::hcl_check_command()?;
        let dir = tempfile::tempdir().unwrap();
        let json_dir = dir.path().join("json");
        let mut files = Vec::new();
        let named = outputs()
            .iter()
            .map(|(input, tf)| (&input.name, tf))
            .chain(import_outputs().iter().map(|(name, tf)| (name, tf)));
        for (name, tf) in named.clone() {
            let file = dir.path().join(format!("{name}.tf"));
            std::fs::write(&file, tf).unwrap();
            files.push(file);
        }
        let out = cmd
            .arg("--json-out")
            .arg(&json_dir)
            .args(&files)
            .output()
            .unwrap();
        let mut json = BTreeMap::new();
        for (name, _) in named {
            let file = json_dir.join(format!("{name}.tf.json"));
            if let Ok(text) = std::fs::read_to_string(&file) {
                json.insert(name.clone(), serde_json::from_str(&text).unwrap());
            }
        }
        Some(HclCheck {
            success: out.status.success(),
            report: format!(
                "hcl-check exited with {}\n{}{}",
                out.status,
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ),
            json,
        })
    })
    .as_ref()
}

#[test]
fn every_output_parses_and_is_hclwrite_formatted() {
    let Some(check) = hcl_check() else { return };
    assert!(check.success, "{}", check.report);
    assert_eq!(
        check.json.len(),
        outputs().len() + import_outputs().len(),
        "{}",
        check.report
    );
}

// ----------------------------------------------------------------------------
// The provider schema
// ----------------------------------------------------------------------------

fn schema() -> Map<String, Value> {
    let text =
        std::fs::read_to_string(root().join("tests/fixtures/terraform-aws-route53.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn vendored_schema_matches_shared() {
    let shared = root().join("../shared/schemas/terraform-aws-route53.json");
    let Ok(shared) = std::fs::read(&shared) else {
        eprintln!("skipping: {} not found", shared.display());
        return;
    };
    let vendored = std::fs::read(root().join("tests/fixtures/terraform-aws-route53.json")).unwrap();
    assert!(
        shared == vendored,
        "tests/fixtures/terraform-aws-route53.json is out of date: copy ../shared/schemas/terraform-aws-route53.json over it"
    );
}

/// What the shared schema does not cover, in its shape: attribute →
/// whether it is optional. From the provider's source,
/// hashicorp/terraform-provider-aws `internal/service/route53/`:
/// `zone_data_source.go` (data source `aws_route53_zone`: arguments
/// `name`, `zone_id`, `private_zone`, `vpc_id`, `tags`, all optional),
/// `cidr_collection.go` (`name` required; `arn`, `id`, `version` computed)
/// and `cidr_location.go` (`cidr_blocks`, `cidr_collection_id`, `name`
/// required; `id` computed).
fn extra_schema(kind: &str, resource_type: &str) -> Option<Map<String, Value>> {
    let attributes: &[(&str, bool)] = match (kind, resource_type) {
        ("data", "aws_route53_zone") => &[
            ("name", true),
            ("zone_id", true),
            ("private_zone", true),
            ("vpc_id", true),
            ("tags", true),
        ],
        ("resource", "aws_route53_cidr_collection") => &[("name", false)],
        ("resource", "aws_route53_cidr_location") => &[
            ("cidr_blocks", false),
            ("cidr_collection_id", false),
            ("name", false),
        ],
        _ => return None,
    };
    Some(
        attributes
            .iter()
            .map(|(name, optional)| {
                (
                    name.to_string(),
                    serde_json::json!({ "optional": optional }),
                )
            })
            .collect(),
    )
}

/// Checks one body (a resource's, or a nested block's) against its schema.
fn check_body(
    path: &str,
    body: &Map<String, Value>,
    schema: &Map<String, Value>,
    errors: &mut Vec<String>,
) {
    for (key, value) in body {
        let Some(entry) = schema.get(key) else {
            errors.push(format!("{path}: `{key}` is not in the provider schema"));
            continue;
        };
        // hcl2json writes nested blocks as arrays of objects, attributes as
        // their values.
        let blocks = value
            .as_array()
            .filter(|a| !a.is_empty() && a.iter().all(Value::is_object));
        match (entry.get("block").and_then(Value::as_object), blocks) {
            (Some(block_schema), Some(blocks)) => {
                for block in blocks {
                    check_body(
                        &format!("{path}.{key}"),
                        block.as_object().unwrap(),
                        block_schema,
                        errors,
                    );
                }
            }
            (Some(_), None) => errors.push(format!(
                "{path}: `{key}` is a block in the schema, an attribute here"
            )),
            (None, Some(_)) => errors.push(format!(
                "{path}: `{key}` is an attribute in the schema, a block here"
            )),
            (None, None) => {}
        }
    }
    for (key, entry) in schema {
        if entry.get("optional") == Some(&Value::Bool(false)) && !body.contains_key(key) {
            errors.push(format!("{path}: the required `{key}` is missing"));
        }
    }
}

/// `${type.name.attribute}` (or `${data.type.name.attribute}`,
/// `${var.name}`) → the declaration it needs. Only steer's own kinds
/// (Route 53 resources and data sources, variables): an input's
/// `terraform` reference names a resource of the surrounding
/// configuration, declared elsewhere.
fn reference(value: &str) -> Option<(String, String, String)> {
    let inner = value.strip_prefix("${")?.strip_suffix('}')?;
    let parts: Vec<&str> = inner.split('.').collect();
    match parts.as_slice() {
        ["var", n] => Some(("variable".into(), String::new(), n.to_string())),
        ["data", t, n, _] => Some(("data".into(), t.to_string(), n.to_string())),
        [t, n, _] if t.starts_with("aws_route53") => {
            Some(("resource".into(), t.to_string(), n.to_string()))
        }
        _ => None,
    }
}

/// `variable "NAME" { description, type = string, default }`: the shape
/// steer writes for an input; declared names are collected.
fn check_variables(
    file: &str,
    variables: &Value,
    declared: &mut BTreeSet<(String, String, String)>,
    errors: &mut Vec<String>,
) {
    for (name, bodies) in variables.as_object().unwrap() {
        declared.insert(("variable".into(), String::new(), name.clone()));
        let body = bodies.as_array().unwrap()[0].as_object().unwrap();
        for (key, value) in body {
            let ok = match key.as_str() {
                "description" | "default" => value.is_string(),
                "type" => value.as_str() == Some("${string}"),
                _ => false,
            };
            if !ok {
                errors.push(format!(
                    "{file}: variable {name}: unexpected `{key} = {value}`"
                ));
            }
        }
        if !body.contains_key("type") {
            errors.push(format!("{file}: variable {name} has no type"));
        }
    }
}

fn references(value: &Value, out: &mut Vec<(String, String, String)>) {
    match value {
        Value::String(s) => out.extend(reference(s)),
        Value::Array(a) => a.iter().for_each(|v| references(v, out)),
        Value::Object(o) => o.values().for_each(|v| references(v, out)),
        _ => {}
    }
}

/// The `terraform` block (not a provider resource, so not in the schema):
/// exactly `required_providers { aws = { source, version } }` with the
/// registry address and a `>= X.Y.Z` constraint.
fn check_terraform_block(file: &str, value: &Value, errors: &mut Vec<String>) {
    let expected_shape = value
        .as_array()
        .filter(|blocks| blocks.len() == 1)
        .and_then(|blocks| blocks[0].as_object())
        .filter(|body| body.len() == 1)
        .and_then(|body| body.get("required_providers"))
        .and_then(Value::as_array)
        .filter(|blocks| blocks.len() == 1)
        .and_then(|blocks| blocks[0].as_object())
        .filter(|providers| providers.len() == 1)
        .and_then(|providers| providers.get("aws"))
        .and_then(Value::as_object)
        .filter(|aws| aws.len() == 2);
    let Some(aws) = expected_shape else {
        errors.push(format!(
            "{file}: the terraform block is not `required_providers {{ aws = {{ source, version }} }}`: {value}"
        ));
        return;
    };
    if aws.get("source").and_then(Value::as_str) != Some("hashicorp/aws") {
        errors.push(format!("{file}: aws source is not hashicorp/aws"));
    }
    let version = aws.get("version").and_then(Value::as_str).unwrap_or("");
    let valid = version.strip_prefix(">= ").is_some_and(|v| {
        let parts: Vec<&str> = v.split('.').collect();
        parts.len() == 3 && parts.iter().all(|p| p.parse::<u32>().is_ok())
    });
    if !valid {
        errors.push(format!("{file}: aws version `{version}` is not `>= X.Y.Z`"));
    }
}

/// `import {}` blocks (Terraform 1.5): exactly `to`, a resource address,
/// and `id`, a string; the addresses are collected for checking.
fn check_imports(
    file: &str,
    blocks: &Value,
    imported: &mut Vec<(String, String)>,
    errors: &mut Vec<String>,
) {
    for block in blocks.as_array().unwrap() {
        let body = block.as_object().unwrap();
        let keys: BTreeSet<&str> = body.keys().map(String::as_str).collect();
        if keys != BTreeSet::from(["id", "to"]) {
            errors.push(format!(
                "{file}: an import block has {keys:?}, not `to` and `id`"
            ));
            continue;
        }
        if body["id"].as_str().is_none_or(str::is_empty) {
            errors.push(format!(
                "{file}: an import id is not a string: {}",
                body["id"]
            ));
        }
        let to = body["to"].as_str().unwrap_or("");
        let address = to.strip_prefix("${").and_then(|t| t.strip_suffix('}'));
        match address.and_then(|a| a.split_once('.')) {
            Some((t, n)) if !n.contains('.') => imported.push((t.to_string(), n.to_string())),
            _ => errors.push(format!(
                "{file}: import `to = {to}` is not a resource address"
            )),
        }
    }
}

#[test]
fn every_block_and_attribute_is_in_the_provider_schema() {
    let Some(check) = hcl_check() else { return };
    let schema = schema();
    let mut errors = Vec::new();
    for (file, doc) in &check.json {
        let mut declared = BTreeSet::new();
        let mut imported = Vec::new();
        for (kind, types) in doc.as_object().unwrap() {
            if kind == "terraform" {
                check_terraform_block(file, types, &mut errors);
                continue;
            }
            if kind == "import" {
                check_imports(file, types, &mut imported, &mut errors);
                continue;
            }
            if kind == "variable" {
                check_variables(file, types, &mut declared, &mut errors);
                continue;
            }
            assert!(
                kind == "resource" || kind == "data",
                "{file}: unexpected top-level `{kind}`"
            );
            for (resource_type, instances) in types.as_object().unwrap() {
                let type_schema = match kind.as_str() {
                    "resource" => schema
                        .get(resource_type)
                        .and_then(Value::as_object)
                        .cloned(),
                    _ => None,
                }
                .or_else(|| extra_schema(kind, resource_type));
                let Some(type_schema) = type_schema else {
                    errors.push(format!("{file}: {kind} {resource_type} has no schema"));
                    continue;
                };
                for (name, bodies) in instances.as_object().unwrap() {
                    declared.insert((kind.clone(), resource_type.clone(), name.clone()));
                    let bodies = bodies.as_array().unwrap();
                    assert_eq!(
                        bodies.len(),
                        1,
                        "{file}: {resource_type}.{name} declared twice"
                    );
                    let path = format!("{file}: {kind} {resource_type}.{name}");
                    let body = bodies[0].as_object().unwrap();
                    check_body(&path, body, &type_schema, &mut errors);
                    if kind == "data" && body.contains_key("name") == body.contains_key("zone_id") {
                        errors.push(format!("{path}: give exactly one of `name` and `zone_id`"));
                    }
                    if resource_type == "aws_route53_record"
                        && body.contains_key("alias") == body.contains_key("records")
                    {
                        errors.push(format!("{path}: give exactly one of `alias` and `records`"));
                    }
                }
            }
        }
        for (resource_type, name) in imported {
            if !declared.contains(&("resource".to_string(), resource_type.clone(), name.clone())) {
                errors.push(format!(
                    "{file}: an import to resource {resource_type}.{name}, which is not declared"
                ));
            }
        }
        let mut refs = Vec::new();
        references(doc, &mut refs);
        for r in refs {
            if !declared.contains(&r) {
                errors.push(format!(
                    "{file}: a reference to {} {}.{} which is not declared",
                    r.0, r.1, r.2
                ));
            }
        }
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

// ----------------------------------------------------------------------------
// Escaping: decoded from HashiCorp's parse
// ----------------------------------------------------------------------------

/// An hcl2json string as the value Terraform sees: hcl2json keeps HCL's
/// template escapes (`$${` for a literal `${`, `%%{` for `%{`).
fn template_literal(json: &str) -> String {
    json.replace("$${", "${").replace("%%{", "%{")
}

/// Parses Route 53 presentation text: one or more quoted character-strings
/// with `\"`, `\\` and `\DDD` (octal, as Route 53 reads it) escapes. Returns
/// the strings' bytes.
fn route53_strings(value: &str) -> Vec<Vec<u8>> {
    let bytes = value.as_bytes();
    let mut strings = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b' ' {
            i += 1;
            continue;
        }
        assert_eq!(
            bytes[i], b'"',
            "{value}: a character-string must be quoted (at {i})"
        );
        i += 1;
        let mut s = Vec::new();
        loop {
            match bytes.get(i) {
                None => panic!("{value}: unterminated string"),
                Some(b'"') => {
                    i += 1;
                    break;
                }
                Some(b'\\') => {
                    let next = bytes[i + 1];
                    if next.is_ascii_digit() {
                        let digits = std::str::from_utf8(&bytes[i + 1..i + 4]).unwrap();
                        s.push(
                            u8::from_str_radix(digits, 8)
                                .unwrap_or_else(|_| panic!("{value}: \\{digits} is not octal")),
                        );
                        i += 4;
                    } else {
                        s.push(next);
                        i += 2;
                    }
                }
                Some(&b) => {
                    assert!(
                        (0x20..0x7f).contains(&b),
                        "{value}: an unescaped byte {b:#x}"
                    );
                    s.push(b);
                    i += 1;
                }
            }
        }
        strings.push(s);
    }
    strings
}

/// The TXT data of a `records` element: the provider puts it in quotes.
fn txt_data(element: &str) -> String {
    let strings = route53_strings(&format!("\"{element}\""));
    for s in &strings {
        assert!(
            s.len() <= 255,
            "{element}: a character-string of {} bytes",
            s.len()
        );
    }
    String::from_utf8(strings.concat()).unwrap()
}

#[test]
fn strings_survive_hcl_and_route53_escaping() {
    let Some(check) = hcl_check() else { return };
    let mut compared = 0;
    for (input, _) in outputs() {
        let name = &input.name;
        let config = common::config(input);
        let plan = steer::emit::route53::plan(&config).unwrap();
        let doc = &check.json[name];
        let Some(records) = doc
            .pointer("/resource/aws_route53_record")
            .and_then(Value::as_object)
        else {
            continue;
        };
        for body in records.values() {
            let body = &body[0];
            let record_type = body["type"].as_str().unwrap();
            let fqdn = body["name"].as_str().unwrap();
            let set_identifier = body.get("set_identifier").and_then(Value::as_str);
            let set = plan
                .record_sets
                .iter()
                .find(|s| {
                    s.name() == fqdn
                        && s.record_type.as_str() == record_type
                        && s.set_identifier() == set_identifier
                })
                .unwrap_or_else(|| {
                    panic!("{name}: no set {fqdn} {record_type} {set_identifier:?}")
                });
            let SetAnswer::Values(values) = &set.answer else {
                continue;
            };
            let elements: Vec<String> = body["records"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| template_literal(v.as_str().unwrap()))
                .collect();
            assert_eq!(elements.len(), values.len(), "{name}: {fqdn} {record_type}");
            for (element, value) in elements.iter().zip(values.iter()) {
                match &*value {
                    ir::RData::Txt(text) => {
                        assert_eq!(&txt_data(element), text, "{name}: {fqdn} TXT")
                    }
                    ir::RData::Caa(caa) => {
                        let ir::Caa { flags, tag, value } = &**caa;
                        let (head, quoted) = element.split_once(" \"").unwrap();
                        assert_eq!(head, format!("{flags} {tag}"));
                        let strings = route53_strings(&format!("\"{quoted}"));
                        assert_eq!(
                            String::from_utf8(strings.concat()).unwrap(),
                            *value,
                            "{name}: {fqdn} CAA"
                        );
                    }
                    _ => continue,
                }
                compared += 1;
            }
        }
        // Health checks: the provider passes strings to Route 53 as they are.
        let Some(checks) = doc
            .pointer("/resource/aws_route53_health_check")
            .and_then(Value::as_object)
        else {
            continue;
        };
        for body in checks.values() {
            let body = &body[0];
            // The check whose `Name` tag this is (the steer name unless
            // `name` says otherwise).
            let tag = body["tags"]["Name"].as_str().unwrap();
            let check = config
                .checks
                .values()
                .find(|c| c.tag("Name") == Some(tag))
                .unwrap();
            let steer_name = &check.name;
            let ir::HealthCheckKind::Endpoint(probe) = &check.kind else {
                continue;
            };
            let field = |k: &str| body.get(k).and_then(Value::as_str).map(template_literal);
            assert_eq!(
                field("resource_path").as_deref(),
                probe.resource_path.as_deref(),
                "{name}: {steer_name}"
            );
            assert_eq!(
                field("search_string").as_deref(),
                probe.search_string(),
                "{name}: {steer_name}"
            );
            // An input is a reference, not a string.
            let fqdn = probe.fqdn.as_ref().and_then(ir::Value::literal).cloned();
            assert_eq!(
                field("fqdn").filter(|_| fqdn.is_some()),
                fqdn,
                "{name}: {steer_name}"
            );
            compared += 1;
        }
    }
    assert!(compared > 20, "only {compared} values compared");
}

#[test]
fn escaping_corpus_reaches_the_hard_cases() {
    // The corpus must keep exercising what the round trip above checks.
    let (_, tf) = outputs()
        .iter()
        .find(|(i, _)| i.name == "escaping")
        .unwrap();
    for needle in [
        r#"$$${literal}"#,
        "%%{ if true }",
        r#"\\\"hello\\\""#,
        r#"\\011"#,
        r#"\\303\\251"#,
        "\\\"\\\"",
    ] {
        assert!(tf.contains(needle), "escaping.tf lacks {needle}");
    }
}

// ----------------------------------------------------------------------------
// Resource names
// ----------------------------------------------------------------------------

fn emit_source(source: &str) -> Result<String, Vec<steer::diagnostic::Diagnostic>> {
    common::output_of_source(source, "terraform")
}

/// The `version = ">= X.Y.Z"` of the emitted `required_providers`.
fn provider_constraint(tf: &str) -> &str {
    let line = tf
        .lines()
        .find(|l| l.trim_start().starts_with("version"))
        .unwrap_or_else(|| panic!("no provider version in:\n{tf}"));
    line.split('"').nth(1).unwrap()
}

#[test]
fn provider_version_is_the_oldest_that_handles_the_file() {
    let cases = [
        // Plain records: the first release Terraform 0.12 and later can use.
        (
            r#"zone "v.example" { ttl 300 }
record www A 192.0.2.1"#,
            ">= 2.7.0",
        ),
        // A disabled health check.
        (
            r#"zone "v.example" { ttl 300 }
check web {
  https "web.v.example"
  disabled
}
endpoint a { a [192.0.2.1] check web }
endpoint b { a [192.0.2.2] }
record www A = failover { primary a secondary b }"#,
            ">= 3.2.0",
        ),
        // Geoproximity routing (and nothing newer).
        (
            r#"zone "v.example" { ttl 300 }
region dub { aws "eu-west-1" }
region iad { aws "us-east-1" }
endpoint a { region dub a [192.0.2.1] }
endpoint b { region iad a [192.0.2.2] }
record www A = geoproximity [a, iad => b]"#,
            ">= 5.37.0",
        ),
        // A calculated check with threshold 0: dropped by providers before
        // hashicorp/terraform-provider-aws#44006, and Route 53 then rejects
        // the check.
        (
            r#"zone "v.example" { ttl 300 }
check one { https "one.v.example" }
check never_down = at_least(0, one)
endpoint a { a [192.0.2.1] check never_down }
endpoint b { a [192.0.2.2] }
record www A = failover { primary a secondary b }"#,
            ">= 6.15.0",
        ),
    ];
    for (source, expected) in cases {
        let tf = emit_source(source).unwrap();
        assert_eq!(provider_constraint(&tf), expected, "{source}\n{tf}");
    }
}

#[test]
fn provider_version_table_is_documented() {
    let docs = std::fs::read_to_string(root().join("docs/targets.md")).unwrap();
    let section = &docs[docs.find("### 2.1 The provider version").unwrap()..];
    let section = &section[..section.find("\n### ").unwrap()];
    for row in steer::emit::terraform::ProviderVersion::ALL {
        let (major, minor, patch) = row.version;
        let version = format!("| {major}.{minor}.{patch} |");
        assert!(
            section.contains(&version),
            "docs/targets.md §2.1 has no row for {version} ({})",
            row.reason
        );
    }
}

#[test]
fn colliding_resource_names_are_diagnosed() {
    let errors = emit_source(
        r#"
zone "collide.example" { ttl 300 }
record a.b TXT "one"
record a_b TXT "two"
"#,
    )
    .unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].code, "resource-name-collision");
    assert!(
        errors[0].message.contains("aws_route53_record.a_b_txt"),
        "{}",
        errors[0].message
    );
    assert_eq!(errors[0].secondary.len(), 1);
}

#[test]
fn resource_names_do_not_depend_on_positions() {
    let a = emit_source(
        r#"
zone "order.example" { ttl 300 }
endpoint one { a [192.0.2.1] }
endpoint two { a [192.0.2.2] }
record www A = weighted { one 1  two 2 }
"#,
    )
    .unwrap();
    let b = emit_source(
        r#"
zone "order.example" { ttl 300 }
endpoint two { a [192.0.2.2] }
endpoint one { a [192.0.2.1] }
endpoint three { a [192.0.2.3] }
record www A = weighted { three 3  two 2  one 1 }
"#,
    )
    .unwrap();
    for name in ["www_a_one", "www_a_two"] {
        let block = |tf: &str| {
            let start = tf.find(&format!("\"{name}\" {{")).unwrap();
            tf[start..start + tf[start..].find("\n}\n").unwrap()].to_string()
        };
        assert_eq!(
            block(&a),
            block(&b),
            "{name} changed when a member was added"
        );
    }
}

#[test]
fn inputs_become_variables_or_their_references_wherever_they_are_used() {
    let tf = emit_source(
        r#"zone "internal.corp" { create  private { vpc input.vpc in eu-west-1 } }
           input vpc { description "The VPC" }
           input lb { terraform "aws_lb.web.dns_name" }
           input lb_zone { terraform "aws_lb.web.zone_id" }
           region ireland { aws "eu-west-1" }
           endpoint web { region ireland  alias elb input.lb  hosted_zone_id input.lb_zone }
           record www A = web"#,
    )
    .unwrap();
    assert!(
        tf.contains("variable \"vpc\" {\n  description = \"The VPC\"\n  type        = string\n}"),
        "{tf}"
    );
    assert!(tf.contains("    vpc_id     = var.vpc\n"), "{tf}");
    assert!(
        tf.contains("    name                   = aws_lb.web.dns_name\n"),
        "{tf}"
    );
    assert!(
        tf.contains("    zone_id                = aws_lb.web.zone_id\n"),
        "{tf}"
    );
    // Inputs with a reference get no variable.
    assert!(!tf.contains("variable \"lb"), "{tf}");
}

#[test]
fn address_cname_and_probe_inputs_are_variables_or_references() {
    let tf = common::output(&common::fixture("inputs-in-answers"), "terraform");
    // A plain record keeps its values as written.
    assert!(
        tf.contains("  records = [var.eip, \"192.0.2.9\"]\n"),
        "{tf}"
    );
    assert!(
        tf.contains("  records = [\"192.0.2.1\", var.eip]\n"),
        "{tf}"
    );
    assert!(
        tf.contains("  records = [aws_instance.legacy.public_dns]\n"),
        "{tf}"
    );
    assert!(tf.contains("  ip_address       = var.eip\n"), "{tf}");
    assert!(tf.contains("  fqdn             = var.site\n"), "{tf}");
    assert!(
        tf.contains("  fqdn             = aws_instance.legacy.public_dns\n"),
        "{tf}"
    );
    assert!(tf.contains("variable \"site\" {"), "{tf}");
    assert!(!tf.contains("variable \"legacy\""), "{tf}");
}
