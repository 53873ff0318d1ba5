//! `steer import route53 --traffic-policies ... --traffic-policy-instances
//! ...`: Traffic Flow policies, read into the record sets their instances
//! stand for, which [`super::raise`] nests back into steer policies.
//!
//! ```sh
//! aws route53 list-traffic-policy-instances-by-hosted-zone --hosted-zone-id ID --output json > instances.json
//! aws route53 get-traffic-policy --id ID --version N --output json > policy-ID-N.json
//! ```
//!
//! An instance (`TrafficPolicyInstances[]`:
//! [ListTrafficPolicyInstancesByHostedZone](https://docs.aws.amazon.com/Route53/latest/APIReference/API_ListTrafficPolicyInstancesByHostedZone.html),
//! the same as the account's `ListTrafficPolicyInstances`)
//! names the record (`Name`, `TrafficPolicyType`, `TTL`) and the policy
//! version it applies (`TrafficPolicyId`, `TrafficPolicyVersion`); the
//! policy ([GetTrafficPolicy](https://docs.aws.amazon.com/Route53/latest/APIReference/API_GetTrafficPolicy.html))
//! carries its `Document`, a JSON string in the format of the API
//! Reference's "Traffic policy document format"
//! (<https://docs.aws.amazon.com/Route53/latest/APIReference/api-policies-traffic-policy-document-format.html>):
//! `StartEndpoint` or `StartRule`, `Endpoints` by id (`Type`, `Value`,
//! `Region`), `Rules` by id (`RuleType` failover with `Primary` and
//! `Secondary`, geo with `Locations`, latency with `Regions`, weighted and
//! multivalue with `Items`, geoproximity with `GeoproximityLocations`),
//! each item naming an `EndpointReference` or a `RuleReference`, with
//! `EvaluateTargetHealth` and `HealthCheck`.
//!
//! The start rule's items become record sets at the instance's name; a
//! rule an item references becomes record sets at `_traffic-flow-RULE.NAME`
//! and the item an alias to it, as steer itself lowers a nested policy
//! (Route 53 has no nesting; Traffic Flow's own internal names are not
//! documented). `raise` recognises the prefix and nests the rule again, or
//! makes it a pool when several items reference it. Endpoints keep the
//! document's ids as names. A construct steer cannot express is reported
//! with its JSON path and the instance skipped; a document that does not
//! follow the format is an `import-malformed` error at the policy.

use super::flat::{Flat, FlatAnswer, FlatRouting, FlatSet, Val};
use super::route53::{pages, route53_name, Listed};
use super::{messages, ImportError, Location, Skip};
use crate::aws::{self, AliasKind};
use crate::source::{FileId, SourceMap, Span};
use serde::Deserialize;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, HashMap, HashSet};

/// The first label of the names the record sets of a referenced rule are
/// put at (`_traffic-flow-RULE.NAME`), which `raise` recognises.
pub const PREFIX: &str = "_traffic-flow-";

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct PolicyPage {
    traffic_policy: TrafficPolicy,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct TrafficPolicy {
    id: String,
    version: i64,
    name: String,
    document: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct InstancesPage {
    traffic_policy_instances: Vec<Instance>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Instance {
    id: String,
    name: String,
    #[serde(rename = "TTL")]
    ttl: i64,
    state: Option<String>,
    traffic_policy_id: String,
    traffic_policy_version: i64,
    traffic_policy_type: String,
}

impl Listed for PolicyPage {
    fn listed(&self) -> usize {
        0
    }
}

impl Listed for InstancesPage {
    fn listed(&self) -> usize {
        self.traffic_policy_instances.len()
    }
}

/// A policy read: its name for messages, its document, where it is.
struct Policy {
    what: String,
    document: Map<String, Value>,
    span: Span,
}

/// Reads the policies and the instances, and adds to `flat` the record
/// sets of every instance whose policy version is given. The listing's
/// record sets of an instance read so (skipped by the reader with
/// [`messages::traffic_flow_record_set`]) are no longer reported; an
/// instance whose policy is not given leaves them reported.
pub fn read(
    flat: &mut Flat,
    sources: &SourceMap,
    policies: &[FileId],
    instances: FileId,
) -> Result<(), ImportError> {
    let mut by_version: HashMap<(String, i64), Policy> = HashMap::new();
    for &file in policies {
        let text: &str = &sources.get(file).text;
        for (page, at, _) in pages::<PolicyPage>(sources, file, "TrafficPolicy")? {
            let p = page.traffic_policy;
            // The document's place: its `Document` field, else the page.
            let start = text[at..].find("\"Document\"").map_or(at, |o| o + at);
            let span = Span::new(
                file,
                start,
                start + "\"Document\"".len().min(text.len() - start),
            );
            let what = messages::traffic_policy(&p.name, &p.id, p.version);
            let document = match serde_json::from_str::<Value>(&p.document) {
                Ok(Value::Object(map)) => map,
                Ok(_) => {
                    return Err(
                        messages::traffic_document_json(span, &what, "another value").into(),
                    )
                }
                Err(e) => {
                    return Err(messages::traffic_document_json(span, &what, &e.to_string()).into())
                }
            };
            by_version.insert(
                (p.id, p.version),
                Policy {
                    what,
                    document,
                    span,
                },
            );
        }
    }
    let mut covered = HashSet::new();
    for (page, _, offsets) in pages::<InstancesPage>(sources, instances, "TrafficPolicyInstances")?
    {
        for (i, instance) in page.traffic_policy_instances.into_iter().enumerate() {
            let at = offsets.get(i).copied().unwrap_or(0);
            let span = Span::new(instances, at, at + 1);
            let key = (
                instance.traffic_policy_id.clone(),
                instance.traffic_policy_version,
            );
            let Some(policy) = by_version.get(&key) else {
                continue;
            };
            covered.insert(messages::traffic_flow_record_set(&instance.id));
            read_instance(flat, sources, span, &instance, policy)?;
        }
    }
    flat.skipped.retain(|s| !covered.contains(&s.reason));
    Ok(())
}

/// Why a document cannot be read: malformed (an error), or a construct
/// steer cannot express (the instance is skipped).
enum Problem {
    Malformed(String, String),
    Unsupported(String, String),
}

fn read_instance(
    flat: &mut Flat,
    sources: &SourceMap,
    span: Span,
    instance: &Instance,
    policy: &Policy,
) -> Result<(), ImportError> {
    let name = route53_name(&instance.name);
    let record_type = instance.traffic_policy_type.to_ascii_uppercase();
    let what = messages::traffic_instance(&name, &record_type, &instance.id);
    let location = Location::of(sources, span);
    if let Some(state) = instance.state.as_deref().filter(|s| *s == "Failed") {
        flat.skipped.push(Skip {
            location: Some(location),
            what,
            reason: messages::traffic_instance_state(state),
        });
        return Ok(());
    }
    if let Some(Value::String(t)) = policy.document.get("RecordType") {
        if !t.eq_ignore_ascii_case(&record_type) {
            return Err(messages::traffic_type_mismatch(span, &what, &policy.what, t).into());
        }
    }
    let ttl = u32::try_from(instance.ttl)
        .ok()
        .filter(|t| *t <= i32::MAX as u32)
        .ok_or_else(|| {
            ImportError::from(messages::invalid_field(
                span,
                &what,
                &messages::route53_ttl_range(instance.ttl),
            ))
        })?;
    let mut reader = Reader {
        document: &policy.document,
        name: name.clone(),
        record_type,
        ttl,
        at: Location::of(sources, policy.span),
        sets: Vec::new(),
        hints: BTreeMap::new(),
        labels: BTreeMap::new(),
        names: HashSet::new(),
    };
    match reader.read() {
        Ok(()) => {
            flat.sets.extend(reader.sets);
            flat.traffic_flow.extend(reader.hints);
            Ok(())
        }
        Err(Problem::Unsupported(path, problem)) => {
            flat.skipped.push(Skip {
                location: Some(location),
                what,
                reason: messages::traffic_unsupported(&path, &policy.what, &problem),
            });
            Ok(())
        }
        Err(Problem::Malformed(path, problem)) => {
            Err(messages::traffic_document_shape(policy.span, &policy.what, &path, &problem).into())
        }
    }
}

/// One instance's reading of its policy document.
struct Reader<'d> {
    document: &'d Map<String, Value>,
    /// The instance's name (the start's record sets go there).
    name: String,
    record_type: String,
    ttl: u32,
    /// Where the document is, for the sets' places.
    at: Location,
    sets: Vec<FlatSet>,
    /// `FlatSet.location` → the endpoint id it answers with.
    hints: BTreeMap<String, Option<String>>,
    /// Rule id → the name its record sets are put at.
    labels: BTreeMap<String, String>,
    /// The names given out in `labels` (a lookup by hash: linear).
    names: HashSet<String>,
}

fn malformed(path: &str, problem: &str) -> Problem {
    Problem::Malformed(path.to_string(), problem.to_string())
}

/// A string field, or `None` when absent.
fn string<'v>(
    object: &'v Map<String, Value>,
    key: &str,
    path: &str,
) -> Result<Option<&'v str>, Problem> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(malformed(&format!("{path}.{key}"), "not a string")),
    }
}

/// A boolean field: `true`, `false`, or the strings the format's syntax
/// writes (`"true" | "false"`); absent is false.
fn boolean(object: &Map<String, Value>, key: &str, path: &str) -> Result<bool, Problem> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        Some(Value::String(s)) if s.eq_ignore_ascii_case("true") => Ok(true),
        Some(Value::String(s)) if s.eq_ignore_ascii_case("false") => Ok(false),
        Some(_) => Err(malformed(&format!("{path}.{key}"), "not true or false")),
    }
}

/// An integer field, a number or a string of one (the format writes
/// `"Weight": "10"`, the console numbers); absent is `None`.
fn integer(object: &Map<String, Value>, key: &str, path: &str) -> Result<Option<i64>, Problem> {
    let bad = || malformed(&format!("{path}.{key}"), "not a whole number");
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n.as_i64().map(Some).ok_or_else(bad),
        Some(Value::String(s)) => s.trim().parse().map(Some).map_err(|_| bad()),
        Some(_) => Err(bad()),
    }
}

/// A coordinate, kept as written (a number or a string).
fn coordinate(
    object: &Map<String, Value>,
    key: &str,
    path: &str,
) -> Result<Option<String>, Problem> {
    match object.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(malformed(&format!("{path}.{key}"), "not a number")),
    }
}

fn object<'v>(value: &'v Value, path: &str) -> Result<&'v Map<String, Value>, Problem> {
    value
        .as_object()
        .ok_or_else(|| malformed(path, "not a JSON object"))
}

fn list<'v>(
    rule: &'v Map<String, Value>,
    key: &str,
    path: &str,
) -> Result<&'v Vec<Value>, Problem> {
    match rule.get(key) {
        Some(Value::Array(items)) => Ok(items),
        Some(_) => Err(malformed(&format!("{path}.{key}"), "not a list")),
        None => Err(malformed(path, &format!("no {key}"))),
    }
}

/// Route 53 follows references from the start rule; one that leads back
/// to a rule on its own way (a loop) is refused (Traffic Flow's editor
/// builds trees). A depth-first walk without recursion, each rule once.
fn no_loop(start: &str, edges: &HashMap<String, Vec<(String, String)>>) -> Result<(), Problem> {
    // 1: on the current path, 2: done.
    let mut state: HashMap<&str, u8> = HashMap::new();
    let mut stack: Vec<(&str, usize)> = vec![(start, 0)];
    state.insert(start, 1);
    while let Some((rule, i)) = stack.pop() {
        let Some((to, path)) = edges.get(rule).and_then(|e| e.get(i)) else {
            state.insert(rule, 2);
            continue;
        };
        stack.push((rule, i + 1));
        match state.get(to.as_str()) {
            Some(1) => {
                return Err(malformed(
                    path,
                    &format!("rule {to:?} is referenced again by a rule it leads to"),
                ))
            }
            Some(_) => {}
            None => {
                state.insert(to, 1);
                stack.push((to, 0));
            }
        }
    }
    Ok(())
}

/// `aws:route53:us-west-1` (the format's geoproximity regions) → `us-west-1`.
fn region_code(region: &str) -> &str {
    region.strip_prefix("aws:route53:").unwrap_or(region)
}

impl Reader<'_> {
    fn read(&mut self) -> Result<(), Problem> {
        let start_rule = string(self.document, "StartRule", "$")?;
        let start_endpoint = string(self.document, "StartEndpoint", "$")?;
        let owner = self.name.clone();
        match (start_rule, start_endpoint) {
            (Some(rule), None) => {
                // Rules are read breadth first from the start, each once:
                // no recursion, whatever the depth of the document.
                let mut queue = vec![(rule.to_string(), owner)];
                self.labels.insert(rule.to_string(), self.name.clone());
                let mut edges: HashMap<String, Vec<(String, String)>> = HashMap::new();
                let mut next = 0;
                while next < queue.len() {
                    let (rule, at) = queue[next].clone();
                    next += 1;
                    let (new, references) = self.rule(&rule, &at)?;
                    queue.extend(new);
                    edges.insert(rule, references);
                }
                no_loop(rule, &edges)
            }
            (None, Some(endpoint)) => {
                let path = "$.StartEndpoint".to_string();
                let (answer, hint) = self.endpoint(endpoint, false, &path)?;
                self.push(owner, None, FlatRouting::Simple, answer, None, path, hint);
                Ok(())
            }
            (Some(_), Some(_)) => Err(malformed("$", "both StartRule and StartEndpoint")),
            (None, None) => Err(malformed("$", "neither StartRule nor StartEndpoint")),
        }
    }

    /// The record sets of rule `id` at `owner`; the rules its items
    /// reference that are not read yet, with the names they go at; and
    /// every rule its items reference, with the reference's path.
    #[allow(clippy::type_complexity)]
    fn rule(
        &mut self,
        id: &str,
        owner: &str,
    ) -> Result<(Vec<(String, String)>, Vec<(String, String)>), Problem> {
        let rules = match self.document.get("Rules") {
            Some(v) => object(v, "$.Rules")?,
            None => {
                return Err(malformed(
                    "$.StartRule",
                    &format!("rule {id:?} is not among the Rules"),
                ))
            }
        };
        let path = format!("$.Rules.{id}");
        let Some(rule) = rules.get(id) else {
            // Only the start rule can be missing here: references are
            // looked up where they are made.
            return Err(malformed(
                "$.StartRule",
                &format!("rule {id:?} is not among the Rules"),
            ));
        };
        let rule = object(rule, &path)?;
        let rule_type =
            string(rule, "RuleType", &path)?.ok_or_else(|| malformed(&path, "no RuleType"))?;
        // Each item: (its object, its path, routing, set identifier or
        // `None` for the target's id).
        let mut items: Vec<(&Map<String, Value>, String, FlatRouting, Option<String>)> = Vec::new();
        match rule_type {
            "failover" => {
                for (key, primary) in [("Primary", true), ("Secondary", false)] {
                    let p = format!("{path}.{key}");
                    let item = rule
                        .get(key)
                        .ok_or_else(|| malformed(&path, &format!("no {key}")))?;
                    let role = if primary { "primary" } else { "secondary" };
                    items.push((
                        object(item, &p)?,
                        p,
                        FlatRouting::Failover(primary),
                        Some(role.into()),
                    ));
                }
            }
            "geo" => {
                for (i, item) in list(rule, "Locations", &path)?.iter().enumerate() {
                    let p = format!("{path}.Locations[{i}]");
                    let item = object(item, &p)?;
                    let continent = string(item, "Continent", &p)?;
                    let country = string(item, "Country", &p)?;
                    let subdivision = string(item, "Subdivision", &p)?;
                    let default = boolean(item, "IsDefault", &p)? || country == Some("*");
                    let (routing, label) = match (default, continent, country, subdivision) {
                        (true, None, _, None) => (
                            FlatRouting::Geolocation {
                                continent: None,
                                country: Some("*".into()),
                                subdivision: None,
                            },
                            "default".to_string(),
                        ),
                        (false, Some(c), None, None) => (
                            FlatRouting::Geolocation {
                                continent: Some(c.into()),
                                country: None,
                                subdivision: None,
                            },
                            format!("continent-{c}"),
                        ),
                        (false, None, Some(c), None) => (
                            FlatRouting::Geolocation {
                                continent: None,
                                country: Some(c.into()),
                                subdivision: None,
                            },
                            format!("country-{c}"),
                        ),
                        (false, None, Some(c), Some(s)) => (
                            FlatRouting::Geolocation {
                                continent: None,
                                country: Some(c.into()),
                                subdivision: Some(s.into()),
                            },
                            format!("{c}-{s}"),
                        ),
                        _ => {
                            return Err(malformed(
                                &p,
                                "not one location: IsDefault, or a Continent, a Country, or a Country and a Subdivision",
                            ))
                        }
                    };
                    items.push((item, p, routing, Some(label)));
                }
            }
            "latency" => {
                for (i, item) in list(rule, "Regions", &path)?.iter().enumerate() {
                    let p = format!("{path}.Regions[{i}]");
                    let item = object(item, &p)?;
                    let region =
                        string(item, "Region", &p)?.ok_or_else(|| malformed(&p, "no Region"))?;
                    let code = region_code(region).to_string();
                    items.push((item, p, FlatRouting::Latency(code.clone()), Some(code)));
                }
            }
            "weighted" => {
                for (i, item) in list(rule, "Items", &path)?.iter().enumerate() {
                    let p = format!("{path}.Items[{i}]");
                    let item = object(item, &p)?;
                    let weight =
                        integer(item, "Weight", &p)?.ok_or_else(|| malformed(&p, "no Weight"))?;
                    items.push((item, p, FlatRouting::Weighted(weight), None));
                }
            }
            "multivalue" => {
                for (i, item) in list(rule, "Items", &path)?.iter().enumerate() {
                    let p = format!("{path}.Items[{i}]");
                    items.push((object(item, &p)?, p, FlatRouting::Multivalue, None));
                }
            }
            "geoproximity" => {
                for (i, item) in list(rule, "GeoproximityLocations", &path)?
                    .iter()
                    .enumerate()
                {
                    let p = format!("{path}.GeoproximityLocations[{i}]");
                    let item = object(item, &p)?;
                    let routing = self.proximity(item, &p)?;
                    items.push((item, p, routing, None));
                }
            }
            other => {
                return Err(Problem::Unsupported(
                    format!("{path}.RuleType"),
                    messages::traffic_rule_type(other),
                ))
            }
        }
        let mut referenced = Vec::new();
        let mut references = Vec::new();
        let mut ids: HashSet<String> = HashSet::new();
        for (item, p, routing, label) in items {
            let evaluate = boolean(item, "EvaluateTargetHealth", &p)?;
            let check = string(item, "HealthCheck", &p)?.map(str::to_string);
            let endpoint = string(item, "EndpointReference", &p)?;
            let reference = string(item, "RuleReference", &p)?;
            let (answer, hint, target) = match (endpoint, reference) {
                (Some(e), None) => {
                    let (answer, hint) =
                        self.endpoint(e, evaluate, &format!("{p}.EndpointReference"))?;
                    (answer, hint, e.to_string())
                }
                (None, Some(r)) if routing != FlatRouting::Multivalue => {
                    if !rules.contains_key(r) {
                        return Err(malformed(
                            &format!("{p}.RuleReference"),
                            &format!("rule {r:?} is not among the Rules"),
                        ));
                    }
                    references.push((r.to_string(), format!("{p}.RuleReference")));
                    let at = match self.labels.get(r) {
                        Some(at) => at.clone(),
                        None => {
                            let at = self.label_for(r);
                            referenced.push((r.to_string(), at.clone()));
                            at
                        }
                    };
                    let answer = FlatAnswer::Alias {
                        dns_name: Val::Lit(at),
                        hosted_zone_id: None,
                        evaluate_target_health: evaluate,
                    };
                    (answer, None, r.to_string())
                }
                (None, Some(_)) => {
                    return Err(malformed(
                        &p,
                        "a multivalue item references an endpoint only",
                    ))
                }
                (Some(_), Some(_)) => {
                    return Err(malformed(&p, "both EndpointReference and RuleReference"))
                }
                (None, None) => {
                    return Err(malformed(&p, "neither EndpointReference nor RuleReference"))
                }
            };
            // Set identifiers are unique in a record set group (API
            // reference, `ResourceRecordSet.SetIdentifier`).
            let base = label.unwrap_or(target);
            let mut id = base.clone();
            let mut n = 2;
            while !ids.insert(id.clone()) {
                id = format!("{base}-{n}");
                n += 1;
            }
            self.push(owner.to_string(), Some(id), routing, answer, check, p, hint);
        }
        Ok((referenced, references))
    }

    /// A new name for rule `id`'s record sets: `_traffic-flow-ID.NAME`
    /// (the id as a DNS label, made unique).
    fn label_for(&mut self, id: &str) -> String {
        let label: String = id
            .chars()
            .map(|c| match c {
                c if c.is_ascii_alphanumeric() || c == '-' || c == '_' => c.to_ascii_lowercase(),
                _ => '-',
            })
            .collect();
        let base = format!("{PREFIX}{label}");
        let mut name = format!("{base}.{}", self.name);
        let mut n = 2;
        while self.names.contains(&name) {
            name = format!("{base}-{n}.{}", self.name);
            n += 1;
        }
        self.labels.insert(id.to_string(), name.clone());
        self.names.insert(name.clone());
        name
    }

    /// A geoproximity item's place and bias: `Region` or `Latitude` and
    /// `Longitude` (format 2015-10-01), or `Location` (2023-05-09).
    fn proximity(&self, item: &Map<String, Value>, p: &str) -> Result<FlatRouting, Problem> {
        let bias = integer(item, "Bias", p)?.unwrap_or(0);
        let (region, lat, lon) = match item.get("Location") {
            Some(location) => {
                let lp = format!("{p}.Location");
                let location = object(location, &lp)?;
                match string(location, "Type", &lp)? {
                    Some("Region") => (
                        string(location, "LocationName", &lp)?.map(str::to_string),
                        None,
                        None,
                    ),
                    Some("Coordinate") => (
                        None,
                        coordinate(location, "Latitude", &lp)?,
                        coordinate(location, "Longitude", &lp)?,
                    ),
                    Some("LocalZone") => {
                        let name = string(location, "LocationName", &lp)?.unwrap_or("");
                        return Err(Problem::Unsupported(lp, messages::traffic_local_zone(name)));
                    }
                    _ => {
                        return Err(malformed(
                            &lp,
                            "Type is not Region, LocalZone or Coordinate",
                        ))
                    }
                }
            }
            None => (
                string(item, "Region", p)?.map(str::to_string),
                coordinate(item, "Latitude", p)?,
                coordinate(item, "Longitude", p)?,
            ),
        };
        match (region, lat, lon) {
            (Some(r), None, None) => Ok(FlatRouting::Geoproximity {
                aws_region: Some(region_code(&r).to_string()),
                coordinates: None,
                local_zone_group: None,
                bias,
            }),
            (None, Some(lat), Some(lon)) => Ok(FlatRouting::Geoproximity {
                aws_region: None,
                coordinates: Some((lat, lon)),
                local_zone_group: None,
                bias,
            }),
            _ => Err(malformed(
                p,
                "not one place: a Region, or a Latitude and a Longitude",
            )),
        }
    }

    /// What endpoint `id` answers: its value, or an alias to the AWS
    /// resource it names (the kind from the name, as for listed aliases);
    /// and the endpoint's id, its name in steer. `p` is the reference's
    /// path.
    fn endpoint(
        &self,
        id: &str,
        evaluate: bool,
        p: &str,
    ) -> Result<(FlatAnswer, Option<String>), Problem> {
        let endpoints = match self.document.get("Endpoints") {
            Some(v) => object(v, "$.Endpoints")?,
            None => {
                return Err(malformed(
                    p,
                    &format!("endpoint {id:?} is referenced, but there are no Endpoints"),
                ))
            }
        };
        let path = format!("$.Endpoints.{id}");
        let endpoint = endpoints
            .get(id)
            .ok_or_else(|| malformed(p, &format!("endpoint {id:?} is not among the Endpoints")))?;
        let endpoint = object(endpoint, &path)?;
        let kind = string(endpoint, "Type", &path)?.ok_or_else(|| malformed(&path, "no Type"))?;
        let value =
            string(endpoint, "Value", &path)?.ok_or_else(|| malformed(&path, "no Value"))?;
        let alias = |name: String| FlatAnswer::Alias {
            dns_name: Val::Lit(route53_name(&name)),
            hosted_zone_id: None,
            evaluate_target_health: evaluate,
        };
        let answer = match kind {
            "value" => FlatAnswer::Values(vec![Val::Lit(value.to_string())]),
            "cloudfront"
            | "elastic-load-balancer"
            | "application-load-balancer"
            | "network-load-balancer"
            | "elastic-beanstalk" => alias(value.to_string()),
            "s3-website" => {
                // `Value` is the bucket's website endpoint, or the bucket
                // (named as the record) with its `Region`: the alias target
                // is the region's website endpoint (API reference,
                // AliasTarget.DNSName).
                let lower = value.to_ascii_lowercase();
                match lower.find("s3-website") {
                    Some(at) => alias(lower[at..].to_string()),
                    None => {
                        let region = string(endpoint, "Region", &path)?.ok_or_else(|| {
                            Problem::Unsupported(
                                path.clone(),
                                messages::traffic_s3_without_region(),
                            )
                        })?;
                        let candidates = [
                            format!("s3-website-{region}.amazonaws.com"),
                            format!("s3-website.{region}.amazonaws.com"),
                        ];
                        let name = candidates
                            .into_iter()
                            .find(|n| {
                                aws::region_in_alias_target(AliasKind::S3Website, n).is_some()
                            })
                            .ok_or_else(|| {
                                Problem::Unsupported(
                                    path.clone(),
                                    messages::traffic_s3_without_region(),
                                )
                            })?;
                        alias(name)
                    }
                }
            }
            other => {
                return Err(Problem::Unsupported(
                    format!("{path}.Type"),
                    messages::traffic_endpoint_type(other),
                ))
            }
        };
        Ok((answer, Some(id.to_string())))
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        name: String,
        set_identifier: Option<String>,
        routing: FlatRouting,
        answer: FlatAnswer,
        health_check: Option<String>,
        path: String,
        hint: Option<String>,
    ) {
        let ttl = matches!(answer, FlatAnswer::Values(_)).then_some(self.ttl);
        let location = messages::traffic_set(&name, &self.record_type, &path);
        self.hints.insert(location.clone(), hint);
        self.sets.push(FlatSet {
            name,
            record_type: self.record_type.clone(),
            set_identifier,
            ttl,
            answer,
            health_check,
            routing,
            location,
            at: Some(self.at.clone()),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Imports one policy document as instance `www.example.com A`: the
    /// raised text and summary, or the plain error.
    fn import(document: &str) -> Result<super::super::Imported, String> {
        let mut map = SourceMap::new();
        let records = map.add("r.json", r#"{"ResourceRecordSets": []}"#);
        let policy = serde_json::json!({"TrafficPolicy": {
            "Id": "p1", "Version": 1, "Name": "p", "Type": "A", "Document": document}});
        let policy = map.add("p.json", policy.to_string());
        let instances = map.add(
            "i.json",
            r#"{"TrafficPolicyInstances": [{"Id": "i1", "Name": "www.example.com.", "TTL": 60,
                "State": "Applied", "TrafficPolicyId": "p1", "TrafficPolicyVersion": 1,
                "TrafficPolicyType": "A"}]}"#,
        );
        let result = super::super::route53::read(&map, records, None).and_then(|mut flat| {
            read(&mut flat, &map, &[policy], instances)?;
            super::super::raise::raise(&flat, Some("example.com"), "test")
        });
        result.map_err(|e| e.plain(&map))
    }

    #[test]
    fn a_start_endpoint_is_a_plain_record_and_values_keep_the_instance_ttl() {
        let imported = import(
            r#"{"RecordType": "A", "StartEndpoint": "web",
                "Endpoints": {"web": {"Type": "value", "Value": "192.0.2.7"}}}"#,
        )
        .unwrap();
        assert!(
            imported.text.contains("www A 192.0.2.7"),
            "{}",
            imported.text
        );
    }

    #[test]
    fn a_rule_referenced_twice_is_a_pool() {
        let imported = import(
            r#"{"RecordType": "A", "StartRule": "geo",
                "Endpoints": {"a": {"Type": "value", "Value": "192.0.2.1"},
                              "b": {"Type": "value", "Value": "192.0.2.2"}},
                "Rules": {
                  "geo": {"RuleType": "geo", "Locations": [
                    {"RuleReference": "both", "Continent": "EU", "EvaluateTargetHealth": true},
                    {"RuleReference": "both", "IsDefault": true, "EvaluateTargetHealth": true}]},
                  "both": {"RuleType": "multivalue", "Items": [
                    {"EndpointReference": "a"}, {"EndpointReference": "b"}]}}}"#,
        )
        .unwrap();
        assert!(
            imported.text.contains("pool both = multivalue"),
            "{}",
            imported.text
        );
        assert!(
            imported.text.contains("continent EU => both"),
            "{}",
            imported.text
        );
    }

    #[test]
    fn malformed_documents_name_the_json_path() {
        for (document, expected) in [
            (r#"[1]"#, "not a JSON object: another value"),
            (r#"{"StartRule": "x"}"#, "$.StartRule in the Document"),
            (
                r#"{"StartRule": "m", "Rules": {"m": {"RuleType": "multivalue",
                    "Items": [{"RuleReference": "m"}]}}}"#,
                "$.Rules.m.Items[0] in the Document",
            ),
            (
                r#"{"StartRule": "w", "Rules": {"w": {"RuleType": "weighted",
                    "Items": [{"EndpointReference": "e", "Weight": "heavy"}]}}}"#,
                "$.Rules.w.Items[0].Weight in the Document",
            ),
            (
                r#"{"StartRule": "g", "Rules": {"g": {"RuleType": "geo",
                    "Locations": [{"EndpointReference": "e", "Continent": "EU", "Country": "DE"}]}}}"#,
                "$.Rules.g.Locations[0] in the Document",
            ),
            (
                r#"{"StartRule": "a", "Rules": {
                    "a": {"RuleType": "weighted", "Items": [{"RuleReference": "b", "Weight": 1}]},
                    "b": {"RuleType": "weighted", "Items": [{"RuleReference": "a", "Weight": 1}]}}}"#,
                "$.Rules.b.Items[0].RuleReference in the Document of traffic policy \"p\" (p1 version 1): rule \"a\" is referenced again by a rule it leads to",
            ),
        ] {
            let error = import(document).unwrap_err();
            assert!(error.contains(expected), "{document}: {error}");
            assert!(error.starts_with("p.json:1:"), "{error}");
        }
        // The instance's type is the instance's place.
        let error = import(r#"{"RecordType": "AAAA", "StartEndpoint": "e"}"#).unwrap_err();
        assert!(error.starts_with("i.json:1:29"), "{error}");
        assert!(error.contains("creates AAAA record sets"), "{error}");
    }
}
