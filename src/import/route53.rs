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
//! `Name` tag names the steer check. Record sets of a Traffic Flow policy
//! instance are skipped here; [`super::traffic`] reads the policies that
//! made them.

use super::flat::{Flat, FlatAnswer, FlatCheck, FlatCollection, FlatRouting, FlatSet, Val};
use super::{messages, ImportError, Location, Skip};
use crate::source::{FileId, SourceMap, Span};
use serde::Deserialize;
use std::collections::HashMap;

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

/// One JSON value of `--cidr-collections`: the output of `aws route53
/// list-cidr-collections` (`CidrCollections`: [ListCidrCollections,
/// CollectionSummary](https://docs.aws.amazon.com/Route53/latest/APIReference/API_ListCidrCollections.html)),
/// or that of `aws route53 list-cidr-blocks --collection-id ID`
/// (`CidrBlocks` of `{CidrBlock, LocationName}`:
/// [ListCidrBlocks](https://docs.aws.amazon.com/Route53/latest/APIReference/API_ListCidrBlocks.html)),
/// which does not say its collection, with `CollectionId` added.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct CidrPage {
    cidr_collections: Option<Vec<CollectionSummary>>,
    collection_id: Option<String>,
    cidr_blocks: Option<Vec<CidrBlockSummary>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct CollectionSummary {
    id: String,
    name: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct CidrBlockSummary {
    cidr_block: String,
    location_name: String,
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
/// array of pages) as `T`s, each with the byte offset of the value it was
/// read from and those of the objects in its `key` list (for locations).
pub(super) fn pages<T: for<'de> Deserialize<'de> + Listed>(
    sources: &SourceMap,
    file: FileId,
    key: &str,
) -> Result<Vec<(T, usize, Vec<usize>)>, ImportError> {
    let text: &str = &sources.get(file).text;
    let mut out = Vec::new();
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<serde_json::Value>();
    let mut start = 0;
    loop {
        let value = match stream.next() {
            None => break,
            Some(Ok(v)) => v,
            Some(Err(e)) => {
                let offset = offset_of(text, e.line(), e.column());
                return Err(messages::json_syntax(
                    Span::new(file, offset, offset + 1),
                    &e.to_string(),
                )
                .into());
            }
        };
        let end = stream.byte_offset();
        let items = match value {
            serde_json::Value::Array(items) => items,
            other => vec![other],
        };
        let mut offsets = object_offsets(&text[start..end], key)
            .into_iter()
            .map(|o| o + start);
        let page_at = text[start..end]
            .find(|c: char| !c.is_whitespace())
            .unwrap_or(0)
            + start;
        for item in items {
            let page: T = serde_json::from_value(item).map_err(|e| {
                messages::json_shape(
                    Span::new(file, page_at, page_at + 1),
                    "this page",
                    &e.to_string(),
                )
            })?;
            let mut mine = Vec::new();
            // The offsets of this page's objects, in order.
            let n = page.listed();
            for _ in 0..n {
                mine.extend(offsets.next());
            }
            out.push((page, page_at, mine));
        }
        start = end;
    }
    if out.is_empty() {
        return Err(messages::json_shape(
            Span::new(file, 0, 0),
            "the file",
            "no JSON object in it",
        )
        .into());
    }
    Ok(out)
}

/// How many objects a page lists (for [`pages`]' offsets).
pub(super) trait Listed {
    fn listed(&self) -> usize;
}

impl Listed for RecordsPage {
    fn listed(&self) -> usize {
        self.resource_record_sets.len()
    }
}

impl Listed for ChecksPage {
    fn listed(&self) -> usize {
        self.health_checks.len()
    }
}

impl Listed for CidrPage {
    fn listed(&self) -> usize {
        self.cidr_collections.as_ref().map_or(0, Vec::len)
    }
}

/// The byte offset of line `line`, column `column` (1-based) of `text`.
pub(super) fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    (start + column.saturating_sub(1)).min(text.len())
}

/// The offsets of the objects directly inside the arrays under `key` in
/// valid JSON `text`: a scan that follows strings and nesting.
fn object_offsets(text: &str, key: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let quoted = format!("\"{key}\"");
    let mut out = Vec::new();
    // A stack of containers: (is_array, inside the wanted list).
    let mut stack: Vec<(bool, bool)> = Vec::new();
    let mut last_string: Option<(usize, usize)> = None;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                last_string = Some((start, i + 1));
            }
            b'{' => {
                if stack.last() == Some(&(true, true)) {
                    out.push(i);
                }
                stack.push((false, false));
                last_string = None;
            }
            b'[' => {
                let wanted = !stack.last().is_some_and(|s| s.0)
                    && last_string.is_some_and(|(a, b)| text[a..b] == quoted);
                stack.push((true, wanted));
                last_string = None;
            }
            b'}' | b']' => {
                stack.pop();
                last_string = None;
            }
            b',' => last_string = None,
            _ => {}
        }
        i += 1;
    }
    out
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
    sources: &SourceMap,
    records: FileId,
    checks: Option<FileId>,
) -> Result<Flat, ImportError> {
    let mut flat = Flat::default();
    for (page, _, offsets) in pages::<RecordsPage>(sources, records, "ResourceRecordSets")? {
        for (i, set) in page.resource_record_sets.into_iter().enumerate() {
            let at = offsets.get(i).copied().unwrap_or(0);
            read_set(&mut flat, set, sources, Span::new(records, at, at + 1))?;
        }
    }
    if let Some(file) = checks {
        for (page, _, offsets) in pages::<ChecksPage>(sources, file, "HealthChecks")? {
            for (i, hc) in page.health_checks.into_iter().enumerate() {
                let at = offsets.get(i).copied().unwrap_or(0);
                flat.checks.push(read_check(
                    hc,
                    Location::of(sources, Span::new(file, at, at + 1)),
                ));
            }
        }
    }
    Ok(flat)
}

/// Reads `--cidr-collections`: the collections `aws route53
/// list-cidr-collections` lists, and the blocks of each, as `aws route53
/// list-cidr-blocks --collection-id ID` lists them with `CollectionId`
/// added (see [`CidrPage`]), into `flat.collections`, keyed by id as
/// `CidrRoutingConfig.CollectionId` names them ([CidrRoutingConfig](https://docs.aws.amazon.com/Route53/latest/APIReference/API_CidrRoutingConfig.html)).
pub fn read_collections(
    flat: &mut Flat,
    sources: &SourceMap,
    file: FileId,
) -> Result<(), ImportError> {
    let mut pages_of_blocks = Vec::new();
    for (page, at, _) in pages::<CidrPage>(sources, file, "CidrCollections")? {
        let span = Span::new(file, at, at + 1);
        match page {
            CidrPage {
                cidr_collections: Some(collections),
                cidr_blocks: None,
                ..
            } => {
                for c in collections {
                    flat.collections.push(FlatCollection {
                        key: c.id,
                        name: c.name,
                        locations: Vec::new(),
                    });
                }
            }
            CidrPage {
                cidr_collections: None,
                collection_id: Some(id),
                cidr_blocks: Some(list),
            } => pages_of_blocks.push((id, span, list)),
            CidrPage {
                cidr_collections: None,
                collection_id: None,
                cidr_blocks: Some(_),
            } => return Err(messages::cidr_blocks_without_collection(span).into()),
            _ => return Err(messages::cidr_page_shape(span).into()),
        }
    }
    // Blocks pages may come before or after the collections page; each
    // lookup is by hash, so the pass stays linear.
    let by_id: HashMap<String, usize> = flat
        .collections
        .iter()
        .enumerate()
        .map(|(i, c)| (c.key.clone(), i))
        .collect();
    let mut locations: HashMap<(usize, String), usize> = HashMap::new();
    for (id, span, list) in pages_of_blocks {
        let Some(&i) = by_id.get(&id) else {
            return Err(messages::cidr_collection_not_listed(span, &id).into());
        };
        let c = &mut flat.collections[i];
        for block in list {
            let at = *locations
                .entry((i, block.location_name.clone()))
                .or_insert_with(|| {
                    c.locations.push((block.location_name, Vec::new()));
                    c.locations.len() - 1
                });
            c.locations[at].1.push(block.cidr_block);
        }
    }
    Ok(())
}

fn read_set(
    flat: &mut Flat,
    s: ResourceRecordSet,
    sources: &SourceMap,
    span: Span,
) -> Result<(), ImportError> {
    let name = route53_name(&s.name);
    let what = messages::route53_record_set(&name, &s.record_type, s.set_identifier.as_deref());
    let location = Some(Location::of(sources, span));
    let bad =
        |problem: String| -> ImportError { messages::invalid_field(span, &what, &problem).into() };
    if let Some(instance) = &s.traffic_policy_instance_id {
        // Traffic Flow's record sets belong to a traffic policy instance
        // (ResourceRecordSet.TrafficPolicyInstanceId): Route 53 changes
        // them when the policy changes, so they are not imported as
        // record sets.
        flat.skipped.push(Skip {
            location,
            what,
            reason: messages::traffic_flow_record_set(instance),
        });
        return Ok(());
    }
    let mut routings = Vec::new();
    if let Some(f) = &s.failover {
        routings.push(match f.as_str() {
            "PRIMARY" => FlatRouting::Failover(true),
            "SECONDARY" => FlatRouting::Failover(false),
            other => return Err(bad(messages::route53_bad_failover(other))),
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
        return Err(bad(messages::route53_several_routings(&fields)));
    }
    let routing = routings.pop().unwrap_or(FlatRouting::Simple);
    if routing != FlatRouting::Simple && s.set_identifier.is_none() {
        return Err(bad(messages::route53_no_set_identifier(routing.field())));
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
        (Some(_), Some(_)) => return Err(bad(messages::route53_alias_and_records())),
        (None, None) => return Err(bad(messages::route53_no_answer())),
    };
    let ttl = match s.ttl {
        None => None,
        Some(t) => Some(
            u32::try_from(t)
                .ok()
                .filter(|t| *t <= i32::MAX as u32)
                .ok_or_else(|| bad(messages::route53_ttl_range(t)))?,
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
        location: what,
        at: location,
    });
    Ok(())
}

fn read_check(hc: HealthCheck, at: Location) -> FlatCheck {
    let c = hc.health_check_config;
    let name_tag = hc
        .tags
        .iter()
        .find(|t| t.key == "Name")
        .map(|t| t.value.clone());
    FlatCheck {
        location: format!("health check {}", hc.id),
        at: Some(at),
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

    fn read_text(text: &str) -> (SourceMap, Result<Flat, ImportError>) {
        let mut map = SourceMap::new();
        let file = map.add("r.json", text);
        let flat = read(&map, file, None);
        (map, flat)
    }

    fn collections(text: &str) -> (SourceMap, Result<Flat, ImportError>) {
        let mut map = SourceMap::new();
        let file = map.add("cidr.json", text);
        let mut flat = Flat::default();
        let result = read_collections(&mut flat, &map, file).map(|()| flat);
        (map, result)
    }

    #[test]
    fn cidr_blocks_join_their_collection_by_id() {
        let (_, flat) = collections(
            r#"{"CidrCollections": [{"Id": "c1", "Name": "isps"}, {"Id": "c2", "Name": "other"}]}
               {"CollectionId": "c1", "CidrBlocks": [
                 {"CidrBlock": "81.10.128.0/17", "LocationName": "fibre"},
                 {"CidrBlock": "95.88.0.0/14", "LocationName": "kabel"},
                 {"CidrBlock": "2a0a:e5c0::/29", "LocationName": "fibre"}]}"#,
        );
        let flat = flat.unwrap();
        assert_eq!(flat.collections.len(), 2);
        assert_eq!(
            (
                flat.collections[0].key.as_str(),
                flat.collections[0].name.as_str()
            ),
            ("c1", "isps")
        );
        assert_eq!(
            flat.collections[0].locations,
            vec![
                (
                    "fibre".to_string(),
                    vec!["81.10.128.0/17".to_string(), "2a0a:e5c0::/29".to_string()]
                ),
                ("kabel".to_string(), vec!["95.88.0.0/14".to_string()]),
            ]
        );
        assert!(flat.collections[1].locations.is_empty());
    }

    #[test]
    fn cidr_blocks_of_an_unlisted_collection_are_an_error() {
        let (map, flat) = collections(
            "{\"CidrCollections\": []}\n{\"CollectionId\": \"c9\", \"CidrBlocks\": []}",
        );
        let e = flat.unwrap_err();
        let text = e.plain(&map);
        assert!(text.contains("cidr.json:2:1"), "{text}");
        assert!(text.contains("collection c9 is not among"), "{text}");
        let (map, flat) = collections("{\"Something\": 1}");
        let text = flat.unwrap_err().plain(&map);
        assert!(text.contains("neither"), "{text}");
    }

    #[test]
    fn pages_one_after_another_are_merged() {
        let page = |name: &str| {
            format!(
                r#"{{"ResourceRecordSets": [{{"Name": "{name}.example.com.", "Type": "A", "TTL": 60,
                 "ResourceRecords": [{{"Value": "192.0.2.1"}}]}}], "IsTruncated": false}}"#
            )
        };
        let text = format!("{}\n{}", page("a"), page("b"));
        let (_, flat) = read_text(&text);
        let flat = flat.unwrap();
        assert_eq!(flat.sets.len(), 2);
        assert_eq!(flat.sets[1].at.as_ref().unwrap().to_string(), "r.json:3:25");
        let array = format!("[{}, {}]", page("a"), page("\\\\052"));
        let (_, flat) = read_text(&array);
        assert_eq!(flat.unwrap().sets[1].name, "*.example.com");
    }

    #[test]
    fn broken_json_names_line_and_column() {
        let (map, e) = read_text("{\"ResourceRecordSets\": [\n  {,}]}");
        let plain = e.unwrap_err().plain(&map);
        assert!(plain.starts_with("r.json:2:4"), "{plain}");
        let (map, e) = read_text("{\"Foo\": 1}");
        let plain = e.unwrap_err().plain(&map);
        assert!(plain.contains("ResourceRecordSets"), "{plain}");
        let (map, e) = read_text("");
        assert!(e.unwrap_err().plain(&map).contains("no JSON"));
    }

    #[test]
    fn two_routing_fields_are_refused_at_the_record_set() {
        let text = r#"{"ResourceRecordSets": [
  {"Name": "a.example.com.", "Type": "A", "TTL": 60,
   "SetIdentifier": "x", "Weight": 1, "Region": "eu-west-1",
   "ResourceRecords": [{"Value": "192.0.2.1"}]}]}"#;
        let (map, e) = read_text(text);
        let plain = e.unwrap_err().plain(&map);
        assert!(plain.starts_with("r.json:2:3"), "{plain}");
        assert!(plain.contains("Region, Weight"), "{plain}");
        assert!(plain.contains("import-invalid-value"), "{plain}");
    }
}
