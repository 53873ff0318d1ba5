//! `steer import route53`: the JSON the AWS CLI prints for a hosted zone's
//! record sets and the account's health checks, read into [`Flat`].
//!
//! ```sh
//! aws route53 list-resource-record-sets --hosted-zone-id Z0123456789ABC --output json > records.json
//! aws route53 list-health-checks --output json > checks.json
//! ```
//!
//! The CLI follows `NextRecordName` / `NextMarker` itself and prints one
//! merged object; pages fetched by hand (`--no-paginate`, or the API's own
//! pages) may be given as several objects one after another in one file or
//! as a JSON array of them, and are merged in order. Field names and
//! meanings are the API reference's
//! ([ListResourceRecordSets](https://docs.aws.amazon.com/Route53/latest/APIReference/API_ListResourceRecordSets.html),
//! [ListHealthChecks](https://docs.aws.amazon.com/Route53/latest/APIReference/API_ListHealthChecks.html)).
//! A health check may carry `Tags` (`[{Key, Value}]`, as `aws route53
//! list-tags-for-resource --resource-type healthcheck` prints them): its
//! `Name` tag names the steer check.

use super::flat::{Flat, FlatAnswer, FlatCheck, FlatRouting, FlatSet, FlatSkip, Val};
use serde::Deserialize;

/// What went wrong reading the JSON: the file, the place, what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    pub location: String,
    pub message: String,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct RecordsPage {
    resource_record_sets: Vec<ResourceRecordSet>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ChecksPage {
    health_checks: Vec<HealthCheck>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ResourceRecordSet {
    name: String,
    #[serde(rename = "Type")]
    record_type: String,
    set_identifier: Option<String>,
    weight: Option<i64>,
    region: Option<String>,
    geo_location: Option<GeoLocation>,
    failover: Option<String>,
    multi_value_answer: Option<bool>,
    #[serde(rename = "TTL")]
    ttl: Option<i64>,
    resource_records: Option<Vec<ResourceRecord>>,
    alias_target: Option<AliasTarget>,
    health_check_id: Option<String>,
    traffic_policy_instance_id: Option<String>,
    cidr_routing_config: Option<CidrRoutingConfig>,
    geo_proximity_location: Option<GeoProximityLocation>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ResourceRecord {
    value: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct AliasTarget {
    hosted_zone_id: String,
    #[serde(rename = "DNSName")]
    dns_name: String,
    evaluate_target_health: bool,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct GeoLocation {
    continent_code: Option<String>,
    country_code: Option<String>,
    subdivision_code: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct CidrRoutingConfig {
    collection_id: String,
    location_name: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct GeoProximityLocation {
    #[serde(rename = "AWSRegion")]
    aws_region: Option<String>,
    local_zone_group: Option<String>,
    coordinates: Option<Coordinates>,
    bias: Option<i64>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Coordinates {
    latitude: String,
    longitude: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct HealthCheck {
    id: String,
    health_check_config: HealthCheckConfig,
    #[serde(default)]
    tags: Vec<Tag>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Tag {
    key: String,
    value: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct HealthCheckConfig {
    #[serde(rename = "IPAddress")]
    ip_address: Option<String>,
    port: Option<i64>,
    #[serde(rename = "Type")]
    check_type: String,
    resource_path: Option<String>,
    fully_qualified_domain_name: Option<String>,
    search_string: Option<String>,
    request_interval: Option<i64>,
    failure_threshold: Option<i64>,
    measure_latency: Option<bool>,
    inverted: Option<bool>,
    disabled: Option<bool>,
    health_threshold: Option<i64>,
    child_health_checks: Option<Vec<String>>,
    #[serde(rename = "EnableSNI")]
    enable_sni: Option<bool>,
    regions: Option<Vec<String>>,
    alarm_identifier: Option<AlarmIdentifier>,
    insufficient_data_health_status: Option<String>,
    routing_control_arn: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct AlarmIdentifier {
    region: String,
    name: String,
}

/// Reads JSON values one after another (a CLI page, several pages, or an
/// array of pages) as `T`s.
fn pages<T: for<'de> Deserialize<'de>>(file: &str, text: &str) -> Result<Vec<T>, ReadError> {
    let at = |e: &serde_json::Error| ReadError {
        location: format!("{file}:{}:{}", e.line(), e.column()),
        message: e.to_string(),
    };
    let mut out = Vec::new();
    for value in serde_json::Deserializer::from_str(text).into_iter::<serde_json::Value>() {
        let value = value.map_err(|e| at(&e))?;
        let items = match value {
            serde_json::Value::Array(items) => items,
            other => vec![other],
        };
        for item in items {
            out.push(serde_json::from_value(item).map_err(|e| ReadError {
                location: file.to_string(),
                message: format!("not what the AWS CLI prints: {e}"),
            })?);
        }
    }
    if out.is_empty() {
        return Err(ReadError {
            location: file.to_string(),
            message: "no JSON object in the file".into(),
        });
    }
    Ok(out)
}

/// A name as Route 53 lists it (`www.example.com.`, `\052.example.com.`)
/// as the importer keys it: lower case, no trailing dot, `*` for `\052`
/// (Route 53 lists a `*` label in octal: Developer Guide, "DNS domain
/// name format").
pub fn route53_name(name: &str) -> String {
    let name = name.strip_suffix('.').unwrap_or(name);
    name.replace("\\052", "*").to_ascii_lowercase()
}

/// Reads `aws route53 list-resource-record-sets` output (and optionally
/// `aws route53 list-health-checks` output) into [`Flat`].
pub fn read(
    records_file: &str,
    records: &str,
    checks: Option<(&str, &str)>,
) -> Result<Flat, ReadError> {
    let mut flat = Flat::default();
    for page in pages::<RecordsPage>(records_file, records)? {
        for set in page.resource_record_sets {
            read_set(&mut flat, set, records_file)?;
        }
    }
    if let Some((file, text)) = checks {
        for page in pages::<ChecksPage>(file, text)? {
            for hc in page.health_checks {
                flat.checks.push(read_check(hc));
            }
        }
    }
    Ok(flat)
}

fn read_set(flat: &mut Flat, s: ResourceRecordSet, file: &str) -> Result<(), ReadError> {
    let name = route53_name(&s.name);
    let location = match &s.set_identifier {
        Some(id) => format!("{file}: record set {name} {} {id:?}", s.record_type),
        None => format!("{file}: record set {name} {}", s.record_type),
    };
    let bad = |message: String| ReadError {
        location: location.clone(),
        message,
    };
    if let Some(instance) = &s.traffic_policy_instance_id {
        // Traffic Flow's record sets belong to a traffic policy instance
        // (ResourceRecordSet.TrafficPolicyInstanceId): Route 53 changes
        // them when the policy changes, so they are not imported as
        // record sets.
        flat.skipped.push(FlatSkip {
            location,
            reason: format!(
                "created by Traffic Flow policy instance {instance}: export the traffic policy \
                 (`aws route53 get-traffic-policy`) and write it as steer policies"
            ),
        });
        return Ok(());
    }
    let mut routings = Vec::new();
    if let Some(f) = &s.failover {
        routings.push(match f.as_str() {
            "PRIMARY" => FlatRouting::Failover(true),
            "SECONDARY" => FlatRouting::Failover(false),
            other => return Err(bad(format!("Failover is {other:?}: PRIMARY or SECONDARY"))),
        });
    }
    if let Some(r) = &s.region {
        routings.push(FlatRouting::Latency(r.clone()));
    }
    if let Some(g) = s.geo_location {
        routings.push(FlatRouting::Geolocation {
            continent: g.continent_code,
            country: g.country_code,
            subdivision: g.subdivision_code,
        });
    }
    if let Some(w) = s.weight {
        routings.push(FlatRouting::Weighted(w));
    }
    if s.multi_value_answer == Some(true) {
        routings.push(FlatRouting::Multivalue);
    }
    if let Some(g) = s.geo_proximity_location {
        routings.push(FlatRouting::Geoproximity {
            aws_region: g.aws_region,
            coordinates: g.coordinates.map(|c| (c.latitude, c.longitude)),
            local_zone_group: g.local_zone_group,
            bias: g.bias.unwrap_or(0),
        });
    }
    if let Some(c) = s.cidr_routing_config {
        routings.push(FlatRouting::Cidr {
            collection: c.collection_id,
            location: c.location_name,
        });
    }
    if routings.len() > 1 {
        let fields: Vec<&str> = routings.iter().map(FlatRouting::field).collect();
        return Err(bad(format!(
            "more than one routing field ({}): a record set has one routing policy",
            fields.join(", ")
        )));
    }
    let routing = routings.pop().unwrap_or(FlatRouting::Simple);
    if routing != FlatRouting::Simple && s.set_identifier.is_none() {
        return Err(bad(format!(
            "{} without SetIdentifier: Route 53 requires one on every routed record set",
            routing.field()
        )));
    }
    let answer = match (s.alias_target, s.resource_records) {
        (Some(a), None) => FlatAnswer::Alias {
            dns_name: Val::Lit(route53_name(&a.dns_name)),
            hosted_zone_id: Some(Val::Lit(a.hosted_zone_id)),
            evaluate_target_health: a.evaluate_target_health,
        },
        (None, Some(records)) => {
            FlatAnswer::Values(records.into_iter().map(|r| Val::Lit(r.value)).collect())
        }
        (Some(_), Some(_)) => {
            return Err(bad(
                "both AliasTarget and ResourceRecords: an alias record set has no records".into(),
            ))
        }
        (None, None) => {
            return Err(bad(
                "neither AliasTarget nor ResourceRecords: nothing to answer with".into(),
            ))
        }
    };
    let ttl = match s.ttl {
        None => None,
        Some(t) => Some(
            u32::try_from(t)
                .ok()
                .filter(|t| *t <= i32::MAX as u32)
                .ok_or_else(|| bad(format!("TTL {t} is not 0 – 2147483647")))?,
        ),
    };
    flat.sets.push(FlatSet {
        name,
        record_type: s.record_type,
        set_identifier: s.set_identifier,
        ttl,
        answer,
        health_check: s.health_check_id,
        routing,
        location,
    });
    Ok(())
}

fn read_check(hc: HealthCheck) -> FlatCheck {
    let c = hc.health_check_config;
    let name_tag = hc
        .tags
        .iter()
        .find(|t| t.key == "Name")
        .map(|t| t.value.clone());
    FlatCheck {
        location: format!("health check {}", hc.id),
        key: hc.id,
        name_tag,
        tags: hc
            .tags
            .into_iter()
            .filter(|t| t.key != "Name")
            .map(|t| (t.key, t.value))
            .collect(),
        check_type: c.check_type,
        ip_address: c.ip_address.map(Val::Lit),
        fqdn: c.fully_qualified_domain_name.map(Val::Lit),
        port: c.port,
        resource_path: c.resource_path,
        search_string: c.search_string,
        request_interval: c.request_interval,
        failure_threshold: c.failure_threshold,
        measure_latency: c.measure_latency.unwrap_or(false),
        inverted: c.inverted.unwrap_or(false),
        disabled: c.disabled.unwrap_or(false),
        enable_sni: c.enable_sni,
        regions: c.regions.unwrap_or_default(),
        health_threshold: c.health_threshold,
        children: c.child_health_checks.unwrap_or_default(),
        alarm: c.alarm_identifier.map(|a| (Val::Lit(a.name), a.region)),
        insufficient_data: c.insufficient_data_health_status,
        routing_control_arn: c.routing_control_arn.map(Val::Lit),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_one_after_another_are_merged() {
        let page = |name: &str| {
            format!(
                r#"{{"ResourceRecordSets": [{{"Name": "{name}.example.com.", "Type": "A", "TTL": 60,
                 "ResourceRecords": [{{"Value": "192.0.2.1"}}]}}], "IsTruncated": false}}"#
            )
        };
        let text = format!("{}\n{}", page("a"), page("b"));
        let flat = read("r.json", &text, None).unwrap();
        assert_eq!(flat.sets.len(), 2);
        let array = format!("[{}, {}]", page("a"), page("\\\\052"));
        let flat = read("r.json", &array, None).unwrap();
        assert_eq!(flat.sets[1].name, "*.example.com");
    }

    #[test]
    fn broken_json_names_line_and_column() {
        let e = read("r.json", "{\"ResourceRecordSets\": [\n  {,}]}", None).unwrap_err();
        assert_eq!(e.location, "r.json:2:4");
        let e = read("r.json", "{\"Foo\": 1}", None).unwrap_err();
        assert!(e.message.contains("ResourceRecordSets"), "{e}");
        let e = read("r.json", "", None).unwrap_err();
        assert!(e.message.contains("no JSON"), "{e}");
    }

    #[test]
    fn two_routing_fields_are_refused() {
        let text = r#"{"ResourceRecordSets": [{"Name": "a.example.com.", "Type": "A", "TTL": 60,
            "SetIdentifier": "x", "Weight": 1, "Region": "eu-west-1",
            "ResourceRecords": [{"Value": "192.0.2.1"}]}]}"#;
        let e = read("r.json", text, None).unwrap_err();
        assert!(e.message.contains("Region, Weight"), "{e}");
        assert!(e.location.contains("a.example.com A \"x\""), "{e}");
    }
}
