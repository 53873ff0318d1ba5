//! A local moto server (AWS's APIs, in memory, on 127.0.0.1) and the driver
//! that deploys a CloudFormation template on it: `tests/support/moto_cfn.py`.
//!
//! ```ignore
//! let Some(moto) = common::moto::Moto::start() else { return };
//! // An input built with `steer build`, values from `examples/NAME.values.json`:
//! let deployed = moto.deploy(&Deploy::of_input(&input, tempdir.path()));
//! // Or any template file, with a values file of its own:
//! let mut d = Deploy::new("stack-name", &template_path, "example.com");
//! d.values = Some(values_path);
//! let deployed = moto.deploy(&d);
//! assert_eq!(deployed.status(), "CREATE_COMPLETE");
//! let comparison = common::moto::compare(&deployed);
//! assert!(comparison.mismatches.is_empty(), "{comparison}");
//! ```
//!
//! [`Moto::deploy`] returns the driver's JSON ([`Deployed`]): the template as
//! sent, the stack's status and resources, and the zone's record sets and the
//! stack's health checks as Route 53 (moto) lists them. [`compare`] checks the
//! record sets and health checks against the template field by field and
//! sorts every difference into a mismatch (a test failure) or one of the
//! known moto gaps of [`GAPS`] (what moto does not keep; see docs/targets.md,
//! "Deploy test on moto").
#![allow(dead_code)]

use super::{tools, Input};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The moto version `.ci/install-tools` pins; the gaps below are this version's.
pub const MOTO_VERSION: &str = "5.2.5";

/// What moto keeps of a CloudFormation deploy, for the templates steer
/// writes: (resource type, property path, why it is not there). A property
/// listed here that the deployed resource lacks, or has with another value,
/// is reported as a gap instead of a mismatch. Read from moto's source
/// (moto/route53/models.py): `HealthCheck.create_from_cloudformation_json`
/// passes only IPAddress, Port, Type, ResourcePath, FullyQualifiedDomainName,
/// SearchString, RequestInterval and FailureThreshold on; `FakeZone`'s
/// creates a public zone from the name alone; `RecordSet` keeps Name, Type,
/// TTL, ResourceRecords, SetIdentifier, Weight, Region, HealthCheckId,
/// AliasTarget, Failover, GeoLocation and MultiValueAnswer.
pub const GAPS: &[(&str, &str, &str)] = &[
    (HEALTH_CHECK, "HealthCheckConfig.EnableSNI", HC_REASON),
    (HEALTH_CHECK, "HealthCheckConfig.Inverted", HC_REASON),
    (HEALTH_CHECK, "HealthCheckConfig.MeasureLatency", HC_REASON),
    (HEALTH_CHECK, "HealthCheckConfig.Regions", HC_REASON),
    (
        HEALTH_CHECK,
        "HealthCheckConfig.ChildHealthChecks",
        HC_REASON,
    ),
    (HEALTH_CHECK, "HealthCheckConfig.HealthThreshold", HC_REASON),
    (HEALTH_CHECK, "HealthCheckConfig.AlarmIdentifier", HC_REASON),
    (
        HEALTH_CHECK,
        "HealthCheckConfig.InsufficientDataHealthStatus",
        HC_REASON,
    ),
    (
        HEALTH_CHECK,
        "HealthCheckConfig.RoutingControlArn",
        HC_REASON,
    ),
    (
        HEALTH_CHECK,
        "HealthCheckTags",
        "moto's CloudFormation HealthCheck does not tag the check",
    ),
    (HOSTED_ZONE, "VPCs", ZONE_REASON),
    (HOSTED_ZONE, "HostedZoneTags", ZONE_REASON),
    (
        RECORD_SET,
        "GeoProximityLocation",
        "moto's Route 53 record set model has no geoproximity location",
    ),
];

const HEALTH_CHECK: &str = "AWS::Route53::HealthCheck";
const HOSTED_ZONE: &str = "AWS::Route53::HostedZone";
const RECORD_SET: &str = "AWS::Route53::RecordSet";
const HC_REASON: &str = "moto's CloudFormation HealthCheck passes only IPAddress, Port, Type, \
     ResourcePath, FullyQualifiedDomainName, SearchString, RequestInterval and FailureThreshold on";
const ZONE_REASON: &str =
    "moto's CloudFormation HostedZone creates a public zone from its Name alone";

// ----------------------------------------------------------------------------
// The server
// ----------------------------------------------------------------------------

/// A running `moto_server` on 127.0.0.1, killed when dropped (also when the
/// test panics).
pub struct Moto {
    child: Child,
    python: PathBuf,
    pub endpoint: String,
    log: tempfile::NamedTempFile,
}

impl Moto {
    /// Starts moto on a free port of 127.0.0.1 and waits until it answers.
    /// None when moto is not installed and this is not CI (the lookup says
    /// `skipping: ...`).
    pub fn start() -> Option<Moto> {
        let python = tools::require_tool("moto")?;
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port on 127.0.0.1")
            .port();
        let log = tempfile::NamedTempFile::new().expect("a log file");
        let child = Command::new(&python)
            .args([
                "-m",
                "moto.server",
                "-H",
                "127.0.0.1",
                "-p",
                &port.to_string(),
            ])
            .stdin(Stdio::null())
            .stdout(log.reopen().expect("the log file"))
            .stderr(log.reopen().expect("the log file"))
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start moto: {e}"));
        let mut moto = Moto {
            child,
            python,
            endpoint: format!("http://127.0.0.1:{port}"),
            log,
        };
        moto.wait_until_it_answers(port);
        Some(moto)
    }

    fn wait_until_it_answers(&mut self, port: u16) {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Some(status) = self.child.try_wait().expect("moto's status") {
                panic!("moto exited ({status}) before answering:\n{}", self.log());
            }
            if answers(port) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "moto did not answer on port {port} within 60 s:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// What moto printed so far.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.log.path()).unwrap_or_default()
    }

    /// Runs the driver on one template; panics (with its stderr and moto's
    /// log) when the driver fails. The stack's own status is in the result.
    pub fn deploy(&self, deploy: &Deploy) -> Deployed {
        self.try_deploy(deploy).unwrap_or_else(|e| panic!("{e}"))
    }

    /// [`Moto::deploy`], with the driver's failure (bad values, exit 2) as an
    /// error message instead of a panic.
    pub fn try_deploy(&self, deploy: &Deploy) -> Result<Deployed, String> {
        let driver = tools::manifest_dir().join("tests/support/moto_cfn.py");
        let mut cmd = Command::new(&self.python);
        cmd.env("PYTHONDONTWRITEBYTECODE", "1")
            .arg(driver)
            .args(["--endpoint", &self.endpoint, "--stack", &deploy.stack])
            .arg("--template")
            .arg(&deploy.template)
            .args(["--zone", &deploy.zone]);
        if let Some(values) = &deploy.values {
            cmd.arg("--values").arg(values);
        }
        if let Some(exports) = &deploy.exports {
            cmd.arg("--exports").arg(exports);
        }
        for t in &deploy.drop_types {
            cmd.args(["--drop-type", t]);
        }
        if let Some(dir) = &deploy.listing {
            cmd.arg("--listing").arg(dir);
        }
        let out = cmd.output().expect("run the moto driver");
        if !out.status.success() {
            return Err(format!(
                "moto_cfn.py failed ({}) for {}\n--- stderr ---\n{}\n--- moto's log ---\n{}",
                out.status,
                deploy.template.display(),
                String::from_utf8_lossy(&out.stderr),
                self.log()
            ));
        }
        Ok(Deployed(
            serde_json::from_slice(&out.stdout).expect("the driver prints JSON"),
        ))
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// True when an HTTP request to 127.0.0.1:port gets an HTTP response.
fn answers(port: u16) -> bool {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let request = format!("GET /moto-api/ HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n");
    if stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut head = [0u8; 12];
    stream.read_exact(&mut head).is_ok() && head.starts_with(b"HTTP/1.")
}

/// One deployment: a stack name (unique per server), the template file, the
/// zone's name, and optionally a values file (a JSON object: parameter
/// logical ids, or steer input names, to values) and resource types to leave
/// out with everything that refers to them.
#[derive(Debug, Clone)]
pub struct Deploy {
    pub stack: String,
    pub template: PathBuf,
    pub zone: String,
    pub values: Option<PathBuf>,
    /// A JSON object of export names to values, exported by a stack created
    /// first (what the template's `Fn::ImportValue`s read).
    pub exports: Option<PathBuf>,
    pub drop_types: Vec<String>,
    /// A directory for the zone's listing as the AWS CLI prints it
    /// (`records.json`, `checks.json`; see tests/support/moto_cfn.py).
    pub listing: Option<PathBuf>,
}

impl Deploy {
    /// `input` built with `steer build --target cloudformation` into `dir`,
    /// as stack `steer-<name>`, with `examples/<name>.values.json` when
    /// there is one.
    pub fn of_input(input: &Input, dir: &Path) -> Deploy {
        let (template, zone) = build_template(input, dir);
        let stack: String = format!("steer-{}", input.name)
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        let mut d = Deploy::new(&stack, &template, &zone);
        if let Some(values) = values_file(input) {
            let (parameters, exports) = split_values(input, &values, dir);
            d.values = Some(parameters);
            d.exports = exports;
        }
        d
    }

    pub fn new(stack: &str, template: &Path, zone: &str) -> Deploy {
        Deploy {
            stack: stack.into(),
            template: template.into(),
            zone: zone.into(),
            values: None,
            exports: None,
            drop_types: Vec::new(),
            listing: None,
        }
    }
}

/// `steer build --target cloudformation` into `dir`: the template's path and
/// the zone's name (from the file name, `<zone>.template.json`).
pub fn build_template(input: &Input, dir: &Path) -> (PathBuf, String) {
    let out = dir.join(&input.name);
    let path = input.path.to_string_lossy().into_owned();
    let out_arg = out.to_string_lossy().into_owned();
    let result = super::steer(&["build", "--target", "cloudformation", "-o", &out_arg, &path]);
    assert!(
        result.status.success(),
        "{}: steer build failed\n{}",
        input.display(),
        super::text(&result.stderr)
    );
    let mut files: Vec<PathBuf> = std::fs::read_dir(&out)
        .expect("the output directory")
        .map(|e| e.expect("an entry").path())
        .collect();
    assert_eq!(files.len(), 1, "{}: one template expected", input.display());
    let file = files.pop().expect("one file");
    let name = file.file_name().expect("a name").to_string_lossy();
    let zone = name
        .strip_suffix(".template.json")
        .expect("<zone>.template.json");
    let zone = zone.to_string();
    (file, zone)
}

/// `examples/NAME.values.json` beside the example, when there is one.
pub fn values_file(input: &Input) -> Option<PathBuf> {
    let parent = input.path.parent()?;
    let file = parent.join(format!("{}.values.json", input.name));
    file.is_file().then_some(file)
}

/// Splits an example's values file (steer input names to values) into the
/// template's parameter values and, for inputs written `cloudformation
/// import "NAME"`, the exports another stack must provide (export name to
/// the input's value), each written into `dir`.
fn split_values(input: &Input, values: &Path, dir: &Path) -> (PathBuf, Option<PathBuf>) {
    let all: serde_json::Map<String, Value> =
        serde_json::from_str(&std::fs::read_to_string(values).expect("the values file"))
            .expect("a JSON object of values");
    let loaded = super::load(&input.path);
    let checked = steer::check_loaded(&loaded);
    let imports: std::collections::BTreeMap<&str, &str> = checked
        .configs
        .iter()
        .flat_map(|c| c.inputs.values())
        .filter_map(|i| Some((i.name.as_str(), i.cloudformation_import.as_deref()?)))
        .collect();
    let (mut parameters, mut exports) = (serde_json::Map::new(), serde_json::Map::new());
    for (name, value) in all {
        match imports.get(name.as_str()) {
            Some(export) => exports.insert(export.to_string(), value),
            None => parameters.insert(name, value),
        };
    }
    let write = |file: &str, object: serde_json::Map<String, Value>| {
        let path = dir.join(format!("{}.{file}.json", input.name));
        std::fs::write(&path, Value::Object(object).to_string()).expect("write values");
        path
    };
    let exports = (!exports.is_empty()).then(|| write("exports", exports));
    (write("parameters", parameters), exports)
}

/// The driver's answer (see tests/support/moto_cfn.py for its fields).
#[derive(Debug, Clone)]
pub struct Deployed(pub Value);

impl Deployed {
    /// `CREATE_COMPLETE`, or what went wrong.
    pub fn status(&self) -> &str {
        self.0["stack"]["status"].as_str().unwrap_or("")
    }
    /// The template as sent (after the driver's zone-id substitutions and drops).
    pub fn template(&self) -> &Value {
        &self.0["template"]
    }
    /// The record sets of the zone, without its apex SOA and NS.
    pub fn record_sets(&self) -> &[Value] {
        self.0["record_sets"].as_array().map_or(&[], Vec::as_slice)
    }
    /// The stack's health checks: `Id`, `HealthCheckConfig`, `Tags`.
    pub fn health_checks(&self) -> &[Value] {
        self.0["health_checks"]
            .as_array()
            .map_or(&[], Vec::as_slice)
    }
    /// Logical ids left out by `drop_types`.
    pub fn dropped(&self) -> Vec<&str> {
        strings(&self.0["dropped"])
    }
    /// The driver's replacements of literal zone ids.
    pub fn substitutions(&self) -> Vec<&str> {
        strings(&self.0["substitutions"])
    }
    /// The physical id of a resource of the stack.
    pub fn physical_id(&self, logical: &str) -> Option<&str> {
        self.0["resources"][logical]["physical_id"].as_str()
    }
    /// The stack's status, its reason and its failed events, for messages.
    pub fn stack_report(&self) -> String {
        serde_json::to_string_pretty(&self.0["stack"]).expect("serializes")
    }
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

// ----------------------------------------------------------------------------
// The comparison
// ----------------------------------------------------------------------------

/// A template's record sets, health checks and zone against what moto holds.
#[derive(Debug, Default)]
pub struct Comparison {
    /// `Logical.Property` paths that moto holds exactly as the template says.
    pub matched: Vec<String>,
    /// Differences that are one of [`GAPS`]: (logical id, property path, reason).
    pub gaps: Vec<(String, String, &'static str)>,
    /// Every other difference: the test fails on any.
    pub mismatches: Vec<String>,
}

impl fmt::Display for Comparison {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} properties as the template says", self.matched.len())?;
        for (logical, path, reason) in &self.gaps {
            writeln!(f, "moto gap: {logical}.{path} not kept ({reason})")?;
        }
        for m in &self.mismatches {
            writeln!(f, "MISMATCH: {m}")?;
        }
        Ok(())
    }
}

impl Comparison {
    fn property(&mut self, kind: &str, logical: &str, path: &str, want: &Value, got: &Value) {
        if want == got {
            self.matched.push(format!("{logical}.{path}"));
        } else if let Some(&(_, _, reason)) = GAPS.iter().find(|(t, p, _)| *t == kind && *p == path)
        {
            self.gaps.push((logical.into(), path.into(), reason));
        } else {
            self.mismatches
                .push(format!("{logical}.{path}: template {want}, moto {got}"));
        }
    }

    /// The distinct gaps, as (type, path) pairs of [`GAPS`].
    pub fn gap_kinds(&self) -> BTreeSet<String> {
        self.gaps.iter().map(|(_, p, _)| p.clone()).collect()
    }
}

/// Compares what moto holds after a deploy with the template that was sent:
/// every record set (found by name, type and set identifier) field by field,
/// its health check linkage (the `HealthCheckId` is the physical id of the
/// stack's check), every health check's configuration and tags, the created
/// zone's name, privacy and VPCs, and that every resource of the template was
/// created.
pub fn compare(deployed: &Deployed) -> Comparison {
    let mut c = Comparison::default();
    let template = deployed.template();
    let resources = template["Resources"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    let parameters = deployed.0["parameters"].clone();
    let resolve = |v: &Value| resolve(v, deployed, &parameters);

    let sets: BTreeMap<(String, String, Option<String>), &Value> = deployed
        .record_sets()
        .iter()
        .map(|s| (set_key(s), s))
        .collect();
    let checks: BTreeMap<&str, &Value> = deployed
        .health_checks()
        .iter()
        .filter_map(|h| Some((h["Id"].as_str()?, h)))
        .collect();
    let mut found_sets = BTreeSet::new();

    for (logical, resource) in &resources {
        let kind = resource["Type"].as_str().unwrap_or("");
        let props = resolve(&resource["Properties"]);
        if deployed.physical_id(logical).is_none() {
            c.mismatches
                .push(format!("{logical} ({kind}): not created by moto"));
            continue;
        }
        match kind {
            RECORD_SET => {
                let key = set_key(&props);
                let Some(set) = sets.get(&key) else {
                    c.mismatches
                        .push(format!("{logical}: no record set {key:?} in the zone"));
                    continue;
                };
                found_sets.insert(key);
                compare_record_set(&mut c, logical, &props, set, deployed);
            }
            HEALTH_CHECK => {
                let id = deployed.physical_id(logical).unwrap_or_default();
                let Some(check) = checks.get(id) else {
                    c.mismatches
                        .push(format!("{logical}: health check {id} not listed"));
                    continue;
                };
                let config = &props["HealthCheckConfig"];
                for (k, want) in config.as_object().into_iter().flatten() {
                    let got = &check["HealthCheckConfig"][k];
                    c.property(kind, logical, &format!("HealthCheckConfig.{k}"), want, got);
                }
                let want_tags = props.get("HealthCheckTags").cloned().unwrap_or(json!([]));
                c.property(kind, logical, "HealthCheckTags", &want_tags, &check["Tags"]);
            }
            HOSTED_ZONE => {
                let zone = &deployed.0["zone"];
                c.property(kind, logical, "Name", &props["Name"], &zone["name"]);
                let want_vpcs = props.get("VPCs").cloned().unwrap_or(json!([]));
                c.property(kind, logical, "VPCs", &want_vpcs, &zone["vpcs"]);
                let private = !want_vpcs.as_array().is_none_or(Vec::is_empty);
                c.property(kind, logical, "VPCs", &json!(private), &zone["private"]);
                let want_tags = props.get("HostedZoneTags").cloned().unwrap_or(json!([]));
                c.property(kind, logical, "HostedZoneTags", &want_tags, &zone["tags"]);
            }
            _ => {}
        }
    }
    for (key, _) in sets.iter().filter(|(k, _)| !found_sets.contains(*k)) {
        c.mismatches.push(format!(
            "record set {key:?} is in the zone but not in the template"
        ));
    }
    c
}

/// (name, type, set identifier): how Route 53 tells record sets apart.
fn set_key(set: &Value) -> (String, String, Option<String>) {
    let name = set["Name"].as_str().unwrap_or("").to_ascii_lowercase();
    let name = if name.ends_with('.') {
        name
    } else {
        name + "."
    };
    (
        name,
        set["Type"].as_str().unwrap_or("").into(),
        set["SetIdentifier"].as_str().map(str::to_string),
    )
}

fn compare_record_set(c: &mut Comparison, logical: &str, want: &Value, got: &Value, d: &Deployed) {
    let zone_id = d.0["zone"]["id"].as_str().unwrap_or("");
    for (k, w) in want.as_object().into_iter().flatten() {
        let g = &got[k.as_str()];
        match k.as_str() {
            // The record set was found in the zone's own listing.
            "HostedZoneId" => c.property(RECORD_SET, logical, k, w, &json!(zone_id)),
            "HostedZoneName" => c.property(RECORD_SET, logical, k, w, &d.0["zone"]["name"]),
            "Name" => {} // part of the key
            // CloudFormation takes TTL as a string; Route 53 lists a number.
            "TTL" => c.property(RECORD_SET, logical, k, &number(w), g),
            "ResourceRecords" => {
                let values: Vec<Value> = w
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|v| json!({ "Value": v }))
                    .collect();
                c.property(RECORD_SET, logical, k, &Value::Array(values), g);
            }
            "HealthCheckId" => {
                // The linkage: the id is the check this stack created.
                c.property(RECORD_SET, logical, k, w, g);
                let is_ours = d
                    .health_checks()
                    .iter()
                    .any(|h| h["Id"] == *g && !g.is_null());
                if !is_ours {
                    c.mismatches.push(format!(
                        "{logical}.HealthCheckId: {g} is no check of the stack"
                    ));
                }
            }
            _ => c.property(RECORD_SET, logical, k, w, g),
        }
    }
    // Nothing more than the template says (moto invents no routing).
    for k in got.as_object().into_iter().flatten().map(|(k, _)| k) {
        if want.get(k).is_none() && k != "Name" {
            c.mismatches.push(format!(
                "{logical}.{k}: not in the template, moto has {}",
                got[k]
            ));
        }
    }
}

fn number(v: &Value) -> Value {
    match v.as_str().and_then(|s| s.parse::<u64>().ok()) {
        Some(n) => json!(n),
        None => v.clone(),
    }
}

/// A template value with `Ref`s to the stack's resources and parameters
/// replaced by their physical ids and values, and `Fn::ImportValue`s by
/// the exported values; `Fn::GetAtt` stays as it is.
fn resolve(v: &Value, d: &Deployed, parameters: &Value) -> Value {
    match v {
        Value::Object(o) if o.len() == 1 && o.contains_key("Ref") => {
            let name = o["Ref"].as_str().unwrap_or("");
            match (d.physical_id(name), &parameters[name]) {
                (Some(id), _) => json!(id),
                (None, p) if !p.is_null() => p.clone(),
                _ => v.clone(),
            }
        }
        Value::Object(o) if o.len() == 1 && o.contains_key("Fn::ImportValue") => {
            let name = o["Fn::ImportValue"].as_str().unwrap_or("");
            match &d.0["exports"][name] {
                Value::Null => v.clone(),
                exported => exported.clone(),
            }
        }
        Value::Object(o) => Value::Object(
            o.iter()
                .map(|(k, x)| (k.clone(), resolve(x, d, parameters)))
                .collect::<Map<_, _>>(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(|x| resolve(x, d, parameters)).collect()),
        _ => v.clone(),
    }
}
