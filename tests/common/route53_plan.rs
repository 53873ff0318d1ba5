//! The Route 53 plan of a checked zone (`steer::emit::route53::plan`) in
//! two forms the import tests need:
//!
//! - [`listing`]: what `aws route53 list-resource-record-sets` and `aws
//!   route53 list-health-checks` would print once the plan is deployed
//!   (API field names; the health checks with their `Tags`, as
//!   `list-tags-for-resource` adds them);
//! - [`normalized`]: one line per record set, keyed by name, type and set
//!   identifier, with its routing, TTL, answer and the *settings* of its
//!   health check (children by their settings too), so that two
//!   configurations that name things differently but deploy the same
//!   record sets compare equal.
#![allow(dead_code)]

use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use steer::check::ir;
use steer::emit::route53::{self, Routing, SetAnswer};

/// The zone id the listing gives in-zone aliases.
pub const ZONE_ID: &str = "ZSTEERIMPORTTEST1";

fn check_id(name: &str) -> String {
    format!("hc-{name}")
}

fn api_name(name: &str) -> String {
    format!("{}.", name.replace('*', "\\052"))
}

/// The id the listing gives CIDR collection `name`: a UUID, as Route 53's
/// (CollectionSummary.Id), from the collection's place in the config.
fn collection_id(config: &ir::Config, name: &str) -> String {
    let i = config
        .cidr_collections
        .keys()
        .position(|k| k == name)
        .expect("a collection of the config");
    format!("0000c1d7-0000-4000-8000-{i:012x}")
}

/// What `--cidr-collections` reads: `aws route53 list-cidr-collections`
/// output, then `aws route53 list-cidr-blocks --collection-id ID` output
/// with `CollectionId` added, for each collection (docs/import.md).
pub fn cidr_listing(config: &ir::Config) -> String {
    let summaries: Vec<Value> = config
        .cidr_collections
        .keys()
        .map(|name| {
            let id = collection_id(config, name);
            json!({"Arn": format!("arn:aws:route53:::cidrcollection/{id}"), "Id": id, "Name": name, "Version": 1})
        })
        .collect();
    let mut pages = vec![json!({ "CidrCollections": summaries }).to_string()];
    for (name, c) in &config.cidr_collections {
        let blocks: Vec<Value> = c
            .locations
            .iter()
            .flat_map(|(location, blocks)| {
                blocks
                    .iter()
                    .map(move |b| json!({"CidrBlock": b, "LocationName": location}))
            })
            .collect();
        pages.push(
            json!({"CidrBlocks": blocks, "CollectionId": collection_id(config, name)}).to_string(),
        );
    }
    pages.join("\n")
}

/// (`list-resource-record-sets` JSON, `list-health-checks` JSON).
pub fn listing(config: &ir::Config) -> (Value, Value) {
    let plan = route53::plan(config).expect("the plan");
    let mut sets = Vec::new();
    let mut zone_ttl_ns = Map::new();
    zone_ttl_ns.insert("Name".into(), json!(api_name(&config.zone.name)));
    for set in &plan.record_sets {
        let mut s = Map::new();
        s.insert("Name".into(), json!(api_name(set.name())));
        s.insert("Type".into(), json!(set.record_type.to_string()));
        if let Some(id) = set.set_identifier() {
            s.insert("SetIdentifier".into(), json!(id));
        }
        match &set.routing {
            Routing::Simple => {}
            Routing::Failover(role) => {
                let role = match role {
                    ir::FailoverRole::Primary => "PRIMARY",
                    ir::FailoverRole::Secondary => "SECONDARY",
                };
                s.insert("Failover".into(), json!(role));
            }
            Routing::Latency { aws_region } => {
                s.insert("Region".into(), json!(aws_region));
            }
            Routing::Geolocation(g) => {
                let loc = match g {
                    ir::GeoLocation::Continent(c) => json!({"ContinentCode": c}),
                    ir::GeoLocation::Country(c) => json!({"CountryCode": c}),
                    ir::GeoLocation::Subdivision(c, d) => {
                        json!({"CountryCode": c, "SubdivisionCode": d})
                    }
                    ir::GeoLocation::Default => json!({"CountryCode": "*"}),
                };
                s.insert("GeoLocation".into(), loc);
            }
            Routing::Weighted(w) => {
                s.insert("Weight".into(), json!(w));
            }
            Routing::Multivalue => {
                s.insert("MultiValueAnswer".into(), json!(true));
            }
            Routing::Geoproximity { location, bias } => {
                let mut g = match location {
                    ir::GeoproximityLocation::AwsRegion(r) => json!({"AWSRegion": r}),
                    ir::GeoproximityLocation::Coordinates(c) => json!({"Coordinates": {
                        "Latitude": c.latitude,
                        "Longitude": c.longitude,
                    }}),
                };
                if *bias != 0 {
                    g["Bias"] = json!(bias);
                }
                s.insert("GeoProximityLocation".into(), g);
            }
            Routing::Cidr {
                collection,
                location,
            } => {
                s.insert(
                    "CidrRoutingConfig".into(),
                    json!({"CollectionId": collection_id(config, collection), "LocationName": location.map_or("*", |l| l.as_str())}),
                );
            }
        }
        if let Some(ttl) = set.ttl() {
            s.insert("TTL".into(), json!(ttl));
        }
        match &set.answer {
            SetAnswer::Values(values) => {
                let values: Vec<Value> = values
                    .iter()
                    .map(|v| json!({"Value": bound_rdata(&v)}))
                    .collect();
                s.insert("ResourceRecords".into(), json!(values));
            }
            SetAnswer::Alias(a) => {
                let zone = a
                    .hosted_zone_id
                    .as_ref()
                    .map_or(ZONE_ID.to_string(), |z| bound(z).to_string());
                s.insert(
                    "AliasTarget".into(),
                    json!({
                        "HostedZoneId": zone,
                        "DNSName": api_name(&bound(&a.dns_name())),
                        "EvaluateTargetHealth": a.evaluate_target_health,
                    }),
                );
            }
        }
        if let Some(check) = &set.health_check {
            s.insert("HealthCheckId".into(), json!(check_id(check)));
        }
        sets.push(Value::Object(s));
    }
    let checks: Vec<Value> = plan
        .health_checks
        .iter()
        .map(|c| {
            json!({
                "Id": check_id(&c.name),
                "CallerReference": format!("steer-{}", c.name),
                "HealthCheckConfig": check_config(c),
                "HealthCheckVersion": 1,
                "Tags": c.tags().map(|(k, v)| json!({"Key": k, "Value": v})).collect::<Vec<_>>(),
            })
        })
        .collect();
    (
        json!({"ResourceRecordSets": sets, "IsTruncated": false, "MaxItems": "300"}),
        json!({"HealthChecks": checks, "IsTruncated": false, "MaxItems": "100", "Marker": ""}),
    )
}

fn bound<T: std::fmt::Display>(v: &ir::Value<T>) -> String {
    v.bound().map_or_else(|| v.to_string(), |b| b.to_string())
}

fn bound_rdata(rdata: &ir::RData) -> String {
    match rdata {
        ir::RData::A(a) => bound(a),
        ir::RData::Aaaa(a) => bound(a),
        ir::RData::Cname(n) => format!("{}.", bound(n)),
        other => route53::rdata_value(other),
    }
}

/// `HealthCheckConfig` as the API returns it.
fn check_config(c: &ir::HealthCheck) -> Value {
    let mut m = Map::new();
    match &c.kind {
        ir::HealthCheckKind::Endpoint(p) => {
            m.insert("Type".into(), json!(route53::probe_type(p)));
            if let Some(ip) = &p.ip_address {
                m.insert("IPAddress".into(), json!(bound(ip)));
            }
            if let Some(f) = &p.fqdn {
                m.insert("FullyQualifiedDomainName".into(), json!(bound(f)));
            }
            m.insert("Port".into(), json!(p.port));
            if let Some(path) = &p.resource_path {
                m.insert("ResourcePath".into(), json!(path));
            }
            if let Some(s) = p.search_string() {
                m.insert("SearchString".into(), json!(s));
            }
            m.insert("RequestInterval".into(), json!(p.request_interval));
            m.insert("FailureThreshold".into(), json!(p.failure_threshold));
            m.insert("MeasureLatency".into(), json!(p.measure_latency));
            m.insert("EnableSNI".into(), json!(p.enable_sni));
            if !p.regions().is_empty() {
                m.insert("Regions".into(), json!(p.regions()));
            }
        }
        ir::HealthCheckKind::Calculated {
            children,
            threshold,
        } => {
            m.insert("Type".into(), json!("CALCULATED"));
            m.insert("HealthThreshold".into(), json!(threshold));
            let ids: Vec<String> = children.iter().map(|c| check_id(c)).collect();
            m.insert("ChildHealthChecks".into(), json!(ids));
        }
        ir::HealthCheckKind::CloudWatchAlarm {
            alarm_name,
            region,
            insufficient_data,
        } => {
            m.insert("Type".into(), json!("CLOUDWATCH_METRIC"));
            m.insert(
                "AlarmIdentifier".into(),
                json!({"Region": region, "Name": bound(alarm_name)}),
            );
            let status = match insufficient_data {
                ir::InsufficientData::Healthy => "Healthy",
                ir::InsufficientData::Unhealthy => "Unhealthy",
                ir::InsufficientData::LastKnownStatus => "LastKnownStatus",
            };
            m.insert("InsufficientDataHealthStatus".into(), json!(status));
        }
        ir::HealthCheckKind::RecoveryControl {
            routing_control_arn,
        } => {
            m.insert("Type".into(), json!("RECOVERY_CONTROL"));
            m.insert(
                "RoutingControlArn".into(),
                json!(bound(routing_control_arn)),
            );
        }
    }
    m.insert("Inverted".into(), json!(c.inverted));
    m.insert("Disabled".into(), json!(c.disabled));
    Value::Object(m)
}

/// A health check's settings, whatever it is called: its children by
/// their settings.
pub fn check_settings(config: &ir::Config, name: &str) -> String {
    let Some(c) = config.checks.get(name) else {
        return format!("missing check {name}");
    };
    let kind = match &c.kind {
        ir::HealthCheckKind::Endpoint(p) => format!(
            "{} ip={:?} fqdn={:?} port={} path={:?} expect={:?} every={} after={} regions={:?} latency={} sni={}",
            route53::probe_type(p),
            p.ip_address.as_ref().map(bound),
            p.fqdn.as_ref().map(bound),
            p.port,
            p.resource_path,
            p.search_string(),
            p.request_interval,
            p.failure_threshold,
            p.regions(),
            p.measure_latency,
            // SNI is sent by HTTPS checks only.
            !route53::probe_type(p).starts_with("HTTPS") || p.enable_sni,
        ),
        ir::HealthCheckKind::Calculated {
            children,
            threshold,
        } => {
            let mut kids: Vec<String> = children.iter().map(|k| check_settings(config, k)).collect();
            kids.sort();
            format!("CALCULATED {threshold} of [{}]", kids.join("; "))
        }
        ir::HealthCheckKind::CloudWatchAlarm {
            alarm_name,
            region,
            insufficient_data,
        } => format!(
            "CLOUDWATCH_METRIC {} in {region} {insufficient_data:?}",
            bound(alarm_name)
        ),
        ir::HealthCheckKind::RecoveryControl {
            routing_control_arn,
        } => format!("RECOVERY_CONTROL {}", bound(routing_control_arn)),
    };
    format!("{kind} inverted={} disabled={}", c.inverted, c.disabled)
}

/// The plan, one line per record set keyed by (name, type, set id). An
/// input without a value is named by what Terraform reads (its
/// `terraform` reference, else `var.NAME`), so that configurations naming
/// their inputs differently compare equal.
pub fn normalized(config: &ir::Config) -> BTreeMap<String, String> {
    normalized_with(config, check_settings)
}

/// [`normalized`], with each health check written by `check` (given the
/// configuration and the check's name): a test compares what it can see.
pub fn normalized_with(
    config: &ir::Config,
    check: impl Fn(&ir::Config, &str) -> String,
) -> BTreeMap<String, String> {
    let mut inputs: Vec<(String, String)> = config
        .inputs
        .values()
        .map(|i| {
            let read = i
                .terraform
                .clone()
                .unwrap_or_else(|| format!("var.{}", i.name));
            (format!("input.{}", i.name), read)
        })
        .collect();
    inputs.sort_by_key(|(n, _)| std::cmp::Reverse(n.len()));
    let plan = route53::plan(config).expect("the plan");
    let lines: BTreeMap<String, String> = plan
        .record_sets
        .iter()
        .map(|set| {
            let key = format!(
                "{} {} {}",
                set.name(),
                set.record_type,
                set.set_identifier().unwrap_or("-")
            );
            let answer = match &set.answer {
                SetAnswer::Values(v) => {
                    let mut v: Vec<String> = v.iter().map(|v| bound_rdata(&v)).collect();
                    v.sort();
                    format!("values {v:?}")
                }
                SetAnswer::Alias(a) => format!(
                    "alias {} zone={} evaluate={}",
                    bound(&a.dns_name()),
                    a.hosted_zone_id.map_or("this".to_string(), bound),
                    a.evaluate_target_health
                ),
            };
            let check = set
                .health_check
                .as_ref()
                .map_or("none".to_string(), |c| check(config, c));
            let routing = match &set.routing {
                Routing::Cidr { location, .. } => format!("Cidr {location:?}"),
                other => format!("{other:?}"),
            };
            (
                key,
                format!("{routing} ttl={:?} {answer} check=[{check}]", set.ttl()),
            )
        })
        .collect();
    lines
        .into_iter()
        .map(|(k, mut v)| {
            for (name, read) in &inputs {
                v = v.replace(name, read);
            }
            (k, v)
        })
        .collect()
}

/// The lines that differ between two normalized plans, for a message.
pub fn differences(
    before: &BTreeMap<String, String>,
    after: &BTreeMap<String, String>,
) -> Vec<String> {
    let mut out = Vec::new();
    for (k, v) in before {
        match after.get(k) {
            None => out.push(format!("- {k}: {v}")),
            Some(w) if w != v => out.push(format!("~ {k}:\n    before {v}\n    after  {w}")),
            Some(_) => {}
        }
    }
    for (k, v) in after {
        if !before.contains_key(k) {
            out.push(format!("+ {k}: {v}"));
        }
    }
    out
}

/// Checks the configuration an import wrote and compares its plan with
/// `original`'s, each health check written by `check`: `Ok`, or what
/// differs (or what does not check), with the import's summary and text.
pub fn same_plan(
    name: &str,
    original: &ir::Config,
    text: &str,
    summary: &str,
    check: fn(&ir::Config, &str) -> String,
) -> Result<(), String> {
    let loaded = super::load_source(text);
    let checked = steer::check_loaded_with(
        &loaded,
        &Default::default(),
        steer::check::CheckOptions::ROUTE53,
    );
    if checked.has_errors() {
        return Err(format!(
            "{name}: the import does not check:\n{}\n--- imported ---\n{text}",
            super::render(&checked.diagnostics, &loaded)
        ));
    }
    let again = super::only_config(checked, &loaded, name);
    let diff = differences(
        &normalized_with(original, check),
        &normalized_with(&again, check),
    );
    if diff.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{name}: the imported plan differs:\n{}\n--- summary ---\n{summary}--- imported ---\n{text}",
            diff.join("\n")
        ))
    }
}
