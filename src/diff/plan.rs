//! The Route 53 plan diff: zones matched by name, record sets by (name,
//! type, set identifier), health checks by steer name. Each record set and
//! health check is first described as a list of fields in words, in a
//! fixed order; a change is then the fields whose words differ.

use super::{Change, Field, HealthCheckChange, RecordSetChange, ZoneDiff};
use crate::check::ir::{self, FailoverRole, GeoproximityLocation, RecordType};
use crate::emit::route53::{self, Plan, RecordSet, Routing, SetAnswer};
use std::collections::BTreeMap;

/// Every zone that differs, sorted by name. A zone on one side only is
/// compared with an empty zone: all its record sets and checks are added
/// (or removed).
pub(super) fn zones(old: &[Plan], new: &[Plan]) -> Vec<ZoneDiff> {
    let old: BTreeMap<&str, &Plan> = old
        .iter()
        .map(|p| (p.config.zone.name.as_str(), p))
        .collect();
    let new: BTreeMap<&str, &Plan> = new
        .iter()
        .map(|p| (p.config.zone.name.as_str(), p))
        .collect();
    let mut names: Vec<&str> = old.keys().chain(new.keys()).copied().collect();
    names.sort_unstable();
    names.dedup();
    names
        .into_iter()
        .filter_map(|zone| {
            let (o, n) = (old.get(zone).copied(), new.get(zone).copied());
            let change = match (o, n) {
                (None, _) => Change::Added,
                (_, None) => Change::Removed,
                _ => Change::Changed,
            };
            let settings = settings(o, n);
            let record_sets = record_sets(o, n);
            let health_checks = health_checks(o, n);
            let traffic = match (o, n) {
                (Some(o), Some(n)) => super::traffic::compare(o.config, n.config),
                _ => Vec::new(),
            };
            if change == Change::Changed
                && settings.is_empty()
                && record_sets.is_empty()
                && health_checks.is_empty()
                && traffic.is_empty()
            {
                return None;
            }
            Some(ZoneDiff {
                zone: zone.to_string(),
                change,
                settings,
                record_sets,
                health_checks,
                traffic,
            })
        })
        .collect()
}

/// The zone settings that differ; a zone on one side only lists all of
/// its settings as added (or removed).
fn settings(old: Option<&Plan>, new: Option<&Plan>) -> Vec<Field> {
    let fields = |plan: Option<&Plan>| plan.map(|p| zone_fields(&p.config.zone));
    match (fields(old), fields(new)) {
        (Some(o), Some(n)) => changed_fields(o, n),
        (None, Some(n)) => side_fields(n, false),
        (Some(o), None) => side_fields(o, true),
        (None, None) => Vec::new(),
    }
}

type SetKey = (String, RecordType, Option<String>);

fn record_sets(old: Option<&Plan>, new: Option<&Plan>) -> Vec<RecordSetChange> {
    let described = |plan: Option<&Plan>| -> BTreeMap<SetKey, Vec<(&'static str, String)>> {
        plan.map(|p| p.record_sets.as_slice())
            .unwrap_or_default()
            .iter()
            .map(|s| {
                let key = (
                    s.name().to_string(),
                    s.record_type,
                    s.set_identifier().map(str::to_string),
                );
                (key, record_set_fields(s))
            })
            .collect()
    };
    let (old, new) = (described(old), described(new));
    merge(old, new)
        .into_iter()
        .map(
            |((name, record_type, set_identifier), change, fields)| RecordSetChange {
                name,
                record_type,
                set_identifier,
                change,
                fields,
            },
        )
        .collect()
}

fn health_checks(old: Option<&Plan>, new: Option<&Plan>) -> Vec<HealthCheckChange> {
    let described = |plan: Option<&Plan>| -> BTreeMap<String, Vec<(String, String)>> {
        plan.map(|p| p.health_checks.as_slice())
            .unwrap_or_default()
            .iter()
            .map(|c| (c.name.clone(), health_check_fields(c)))
            .collect()
    };
    let (old, new) = (described(old), described(new));
    merge(old, new)
        .into_iter()
        .map(|(name, change, fields)| HealthCheckChange {
            name,
            change,
            fields,
        })
        .collect()
}

/// Walks two sorted maps of described things together: what is only in
/// `old` was removed, only in `new` added, in both with different fields
/// changed (only those fields kept).
fn merge<K: Ord, N: AsRef<str> + Ord>(
    mut old: BTreeMap<K, Vec<(N, String)>>,
    new: BTreeMap<K, Vec<(N, String)>>,
) -> Vec<(K, Change, Vec<Field>)> {
    let mut out = Vec::new();
    for (key, new_fields) in new {
        match old.remove(&key) {
            None => out.push((key, Change::Added, side_fields(new_fields, false))),
            Some(old_fields) => {
                let fields = changed_fields(old_fields, new_fields);
                if !fields.is_empty() {
                    out.push((key, Change::Changed, fields));
                }
            }
        }
    }
    for (key, old_fields) in old {
        out.push((key, Change::Removed, side_fields(old_fields, true)));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn side_fields<N: AsRef<str>>(fields: Vec<(N, String)>, old: bool) -> Vec<Field> {
    fields
        .into_iter()
        .map(|(name, value)| Field {
            name: name.as_ref().to_string(),
            old: old.then(|| value.clone()),
            new: (!old).then_some(value),
        })
        .collect()
}

/// The fields whose values differ, in the order the new side lists them,
/// then fields only the old side has.
fn changed_fields<N: AsRef<str> + Ord>(old: Vec<(N, String)>, new: Vec<(N, String)>) -> Vec<Field> {
    let mut old: Vec<Option<(N, String)>> = old.into_iter().map(Some).collect();
    let mut fields = Vec::new();
    for (name, value) in new {
        let before = old
            .iter_mut()
            .find(|f| f.as_ref().is_some_and(|(n, _)| n.as_ref() == name.as_ref()))
            .and_then(Option::take)
            .map(|(_, v)| v);
        if before.as_deref() != Some(value.as_str()) {
            fields.push(Field {
                name: name.as_ref().to_string(),
                old: before,
                new: Some(value),
            });
        }
    }
    for (name, value) in old.into_iter().flatten() {
        fields.push(Field {
            name: name.as_ref().to_string(),
            old: Some(value),
            new: None,
        });
    }
    fields
}

// ----------------------------------------------------------------------------
// Record sets and health checks in words
// ----------------------------------------------------------------------------

/// A record set's fields, in this order: routing, weight, bias, health
/// check, TTL, values, alias target, evaluate target health. A field that
/// does not apply (no health check, no TTL on an alias) is left out.
pub fn record_set_fields(set: &RecordSet) -> Vec<(&'static str, String)> {
    let mut fields = vec![("routing", routing(&set.routing))];
    match &set.routing {
        Routing::Weighted(w) => fields.push(("weight", w.to_string())),
        Routing::Geoproximity { bias, .. } => fields.push(("bias", format!("{bias:+}"))),
        _ => {}
    }
    if let Some(check) = &set.health_check {
        fields.push(("health check", check.to_string()));
    }
    if let Some(ttl) = set.ttl() {
        fields.push(("ttl", format!("{ttl}s")));
    }
    match &set.answer {
        SetAnswer::Values(values) => fields.push((
            "values",
            values
                .iter()
                .map(|v| route53::rdata_value(&v))
                .collect::<Vec<_>>()
                .join(", "),
        )),
        SetAnswer::Alias(alias) => {
            let target = match &alias.hosted_zone_id {
                Some(zone) => format!("{} (hosted zone {zone})", alias.dns_name()),
                None => format!("{} (this zone)", alias.dns_name()),
            };
            fields.push(("alias target", target));
            fields.push((
                "evaluate target health",
                yes_no(alias.evaluate_target_health).to_string(),
            ));
        }
    }
    fields
}

fn yes_no(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

/// A zone's own settings, in this order: hosted zone (how the target
/// finds it), private (its VPCs), then one `tag KEY` field per tag of a
/// zone steer creates.
pub fn zone_fields(zone: &ir::Zone) -> Vec<(String, String)> {
    let hosted_zone = match &zone.hosted_zone {
        ir::HostedZone::ByName => "looked up by name".to_string(),
        ir::HostedZone::Id(id) => format!("existing, id {id}"),
        ir::HostedZone::Create => "created".to_string(),
    };
    let private = match &zone.private {
        None => "no".to_string(),
        Some(vpcs) if vpcs.is_empty() => "yes".to_string(),
        Some(vpcs) => vpcs
            .iter()
            .map(ir::Vpc::to_string)
            .collect::<Vec<_>>()
            .join(", "),
    };
    let mut fields = vec![
        ("hosted zone".to_string(), hosted_zone),
        ("private".to_string(), private),
    ];
    tag_fields(zone.tags.iter(), &mut fields);
    fields
}

/// Tags in key order, one field each (`tag Name`, `tag team`), so that a
/// changed tag is one changed field.
fn tag_fields<'a>(tags: impl Iterator<Item = (&'a str, &'a str)>, out: &mut Vec<(String, String)>) {
    out.extend(tags.map(|(k, v)| (format!("tag {k}"), v.to_string())));
}

/// A set's routing in words: `failover primary`, `geolocation
/// continent-EU`, `latency eu-west-1`, `weighted`, ...
fn routing(routing: &Routing) -> String {
    match routing {
        Routing::Simple => "simple".to_string(),
        Routing::Failover(FailoverRole::Primary) => "failover primary".to_string(),
        Routing::Failover(FailoverRole::Secondary) => "failover secondary".to_string(),
        Routing::Latency { aws_region } => format!("latency {aws_region}"),
        Routing::Geolocation(location) => format!("geolocation {}", location.label()),
        Routing::Weighted(_) => "weighted".to_string(),
        Routing::Multivalue => "multivalue".to_string(),
        Routing::Geoproximity { location, .. } => match location {
            GeoproximityLocation::AwsRegion(region) => format!("geoproximity {region}"),
            GeoproximityLocation::Coordinates(c) => {
                format!("geoproximity {}, {}", c.latitude, c.longitude)
            }
        },
        Routing::Cidr {
            collection,
            location,
        } => format!(
            "cidr {collection} {}",
            location.map_or("default", |l| l.as_str())
        ),
    }
}

/// A health check's fields: its Route 53 type, then every property of the
/// IR's check (from its serialized form, so that a property added to the
/// IR is compared without a change here), named by its key with spaces.
pub fn health_check_fields(check: &ir::HealthCheck) -> Vec<(String, String)> {
    let kind = match &check.kind {
        ir::HealthCheckKind::Endpoint(probe) => route53::probe_type(probe),
        ir::HealthCheckKind::Calculated { .. } => "CALCULATED",
        ir::HealthCheckKind::CloudWatchAlarm { .. } => "CLOUDWATCH_METRIC",
        ir::HealthCheckKind::RecoveryControl { .. } => "RECOVERY_CONTROL",
    };
    let mut fields = vec![("type".to_string(), kind.to_string())];
    // The kind's own properties sit one level down, under its variant.
    if let Ok(serde_json::Value::Object(kind)) = serde_json::to_value(&check.kind) {
        for (_, properties) in kind {
            flatten("", &properties, &mut fields);
        }
    }
    fields.push(("inverted".to_string(), yes_no(check.inverted).to_string()));
    fields.push(("disabled".to_string(), yes_no(check.disabled).to_string()));
    tag_fields(check.tags(), &mut fields);
    fields
}

fn flatten(prefix: &str, value: &serde_json::Value, out: &mut Vec<(String, String)>) {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                let name = key.replace('_', " ");
                let name = if prefix.is_empty() {
                    name
                } else {
                    format!("{prefix} {name}")
                };
                flatten(&name, v, out);
            }
        }
        Value::Null => {}
        Value::Bool(b) => out.push((prefix.to_string(), yes_no(*b).to_string())),
        Value::String(s) => out.push((prefix.to_string(), s.clone())),
        Value::Number(n) => out.push((prefix.to_string(), n.to_string())),
        Value::Array(items) => out.push((
            prefix.to_string(),
            if items.is_empty() {
                // Checker regions: empty is Route 53's default set.
                "default".to_string()
            } else {
                items
                    .iter()
                    .map(|v| match v {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            },
        )),
    }
}
