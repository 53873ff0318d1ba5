//! The CloudFormation target: one JSON template per zone
//! (`<zone>.template.json`), written from the Route 53 [`Plan`].
//!
//! # Shape
//!
//! ```text
//! AWSTemplateFormatVersion  "2010-09-09"
//! Description               what the template holds, for which zone
//! Parameters                only `HostedZoneId`, and only when needed (below)
//! Resources                 HostedZone, CidrCollection*, HealthCheck*, Record*
//! Outputs                   the created zone's id and name servers, every health check's id
//! ```
//!
//! Every record set is its own `AWS::Route53::RecordSet` (not a
//! `RecordSetGroup`), so that an alias to one of the zone's own records can
//! carry a `DependsOn` on exactly the sets it aliases: Route 53 rejects an
//! alias whose target does not exist yet, and CloudFormation then also
//! deletes the alias before its target. Health checks, CIDR collections and
//! the hosted zone are wired with `Ref` / `Fn::GetAtt`, which order
//! themselves.
//!
//! # Logical ids
//!
//! Logical ids come from steer names, never from positions, so adding or
//! reordering records never renames (and so never replaces) another
//! resource. Each is a kind prefix followed by the CamelCased parts of the
//! name, keeping only ASCII letters and digits (`@` is `Apex`, `*` is
//! `Wildcard`; [`names::camel_identifier`]):
//!
//! | resource | logical id | from |
//! | --- | --- | --- |
//! | record set | `RecordWwwAContinentEUPrimary` | [`RecordSet::key`]: `www`, `A`, `continent-EU`, `primary` |
//! | health check | `HealthCheckIrelandUp` | `ireland_up` |
//! | CIDR collection | `CidrCollectionPartnerIsps` | `partner_isps` |
//! | hosted zone (`create`) | `HostedZone` | |
//! | output of a check's id | `HealthCheckIrelandUpId` | |
//!
//! Two names that only differ in punctuation (`_dmarc` and `dmarc`) would
//! get the same id: that is a `resource-name-collision` error naming both,
//! never a numeric suffix, which would depend on order. An id longer than
//! CloudFormation's 255 characters is `resource-name-too-long`.
//!
//! # The hosted zone
//!
//! Every record set names its zone one way, never both:
//!
//! - `hosted_zone_id "Z…"`: `HostedZoneId` with that id.
//! - `create`: an `AWS::Route53::HostedZone` (`HostedZone`), kept when the
//!   stack is deleted or the zone replaced (`DeletionPolicy` /
//!   `UpdateReplacePolicy` `Retain`: the registrar's delegation points at
//!   its name servers, which a new zone would not have), and
//!   `HostedZoneId: {"Ref": "HostedZone"}`. Its id and name servers are
//!   outputs, for the delegation.
//! - neither: `HostedZoneName: "<zone>."` — unless an alias points at one
//!   of the zone's own records (an in-zone alias, or a nested policy's
//!   generated name). `AliasTarget.HostedZoneId` must then be the zone's
//!   id, which CloudFormation cannot look up from a name. Such a template
//!   takes a `HostedZoneId` parameter of type
//!   `AWS::Route53::HostedZone::Id` (CloudFormation checks that it is a
//!   hosted zone of the account before changing anything, and the console
//!   offers a list) and uses it for every record set as well as for the
//!   alias targets: one source of truth for the zone, instead of a name
//!   for the records and an id for the aliases that could disagree.
//!   (`HostedZoneName` is also ambiguous when the account has a public and
//!   a private zone of the same name.)
//!
//! # Properties
//!
//! Record sets: `Name` with a trailing dot; `TTL` as a string, only on
//! non-alias sets; `ResourceRecords` are [`route53::rdata_value`]; the
//! routing property of the set's policy; `HealthCheckId` as a `Ref`.
//! `AliasTarget.DNSName` has no trailing dot: CloudFormation appends one
//! itself when it compares the stack with Route 53, so a dot would be
//! reported as drift. A CIDR rule's `CollectionId` is
//! `Fn::GetAtt [<collection>, Id]` and the default rule's location is `*`;
//! the default geolocation is `CountryCode: "*"`.
//!
//! Health checks state the settings that define failover timing and the
//! probe (`Port`, `RequestInterval`, `FailureThreshold`, and `EnableSNI`
//! for HTTPS) even at Route 53's defaults; flags that are off
//! (`MeasureLatency`, `Inverted`) are left out, and `Regions` when Route 53
//! picks. Every check is tagged `Name` = its steer name, which the Route 53
//! console shows in its list of checks.
//!
//! `AWS::Route53::HealthCheck` has no `Disabled` property (the Route 53 API
//! does; CloudFormation does not). A disabled check is written as what
//! Route 53 makes of it: a check that is always healthy, i.e. a
//! `CALCULATED` check with no children and `HealthThreshold` 0 (`Inverted`
//! kept, which makes it always unhealthy, as Route 53 treats an inverted
//! disabled check). A `Metadata` `Comment` on the resource says so.
//! Enabling the check later changes its `Type`, so CloudFormation replaces
//! it and updates every `Ref` to it.
//!
//! # cfn-lint
//!
//! Every example's template passes cfn-lint without a finding, including
//! informational ones. One suppression is written into templates that need
//! it: cfn-lint's schema declares `AWS::Route53::CidrCollection`
//! `CidrList` items as IPv4 networks (E3002 on an IPv6 block), while Route
//! 53 takes IPv6 blocks in the same list. A collection with an IPv6 block
//! carries `Metadata` `cfn-lint` `ignore_checks: ["E3002"]`, on that
//! resource only. And in a template that creates its zone, a record set
//! aliasing a record of that zone (a nested policy's or a pool's generated
//! name, an `alias record`) carries `ignore_checks: ["E1041"]`: its
//! `AliasTarget.HostedZoneId` is `{"Ref": "HostedZone"}`, which is what
//! Route 53 requires (API reference, `AliasTarget.HostedZoneId`) but what
//! cfn-lint's formats flag as the ELB-alias mistake of naming the
//! record's own zone.

use super::messages;
use super::names::{self, Claimant, Claims, NameHashes};
use super::route53::{self, Plan, RecordSet, Routing, SetAnswer};
use super::target::{Diagnosed, EmitError, Emitted, OptionError, Options, Sink, Target};
use crate::check::ir::{
    self, GeoLocation, GeoproximityLocation, HealthCheckKind, HostedZone, InsufficientData,
};
use crate::check::ir::{FailoverRole, Protocol};
use crate::diagnostic::Diagnostic;
use crate::source::Span;
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{json, Map, Value};
use std::collections::HashMap;

/// A CloudFormation template.
#[derive(Debug)]
pub struct CloudFormation;

impl Target for CloudFormation {
    fn name(&self) -> &'static str {
        "cloudformation"
    }

    fn about(&self) -> &'static str {
        "A CloudFormation template (`<zone>.template.json`)"
    }

    fn file_name(&self, zone: &str) -> String {
        format!("{zone}.template.json")
    }

    fn validate_options(&self, options: &Options) -> Result<(), OptionError> {
        route53::validate_options_without_imports(options)
    }

    fn emit(
        &self,
        config: &ir::Config,
        _options: &Options,
        out: &mut dyn std::io::Write,
    ) -> Result<Emitted, EmitError> {
        route53::emit_with(config, |plan| emit(plan, out))
    }

    /// The plan's errors and logical-id collisions: every error [`emit`]
    /// reports.
    fn diagnose(&self, zone: &Diagnosed<'_>, _options: &Options) -> Vec<Diagnostic> {
        route53::diagnose_with(zone, |plan| {
            if LogicalIds::surely_fine(plan) {
                return Ok(());
            }
            LogicalIds::assign(plan, IdOrder::Unneeded).map(drop)
        })
    }

    fn reads_route53_plan(&self) -> bool {
        true
    }
}

/// CloudFormation's limit on a logical id.
const MAX_LOGICAL_ID: usize = 255;

/// The logical id of a created hosted zone.
const HOSTED_ZONE: &str = "HostedZone";
/// The parameter with an existing zone's id, or the output with a created
/// zone's id.
const HOSTED_ZONE_ID: &str = "HostedZoneId";
/// The output with a created zone's name servers.
const NAME_SERVERS: &str = "NameServers";

/// Writes the template for one zone to `out`, one resource at a time, or
/// returns the diagnostics that prevent it (logical ids that collide or
/// are too long), found before anything is written.
pub fn emit(plan: &Plan, out: &mut dyn std::io::Write) -> Result<(), EmitError> {
    let ids = LogicalIds::assign(plan, IdOrder::Sorted)?;
    let zone = ZoneRef::of(plan);

    // Written as `serde_json::to_string_pretty` writes the whole template,
    // one resource at a time: only one resource's tree is in memory, and
    // its text until a chunk has gathered.
    let mut sink = Sink::new(out);
    sink.text().push('{');
    member(
        sink.text(),
        true,
        1,
        "AWSTemplateFormatVersion",
        &json!("2010-09-09"),
    );
    member(
        sink.text(),
        false,
        1,
        "Description",
        &Value::String(description(plan)),
    );
    let parameters = parameters(plan, &ids, &zone);
    if !parameters.is_empty() {
        member(
            sink.text(),
            false,
            1,
            "Parameters",
            &Value::Object(parameters),
        );
    }
    sink.text().push_str(",\n  \"Resources\": {");
    // A health check is a resource and has an output.
    let checks: Vec<_> = ids.checks_by_id(plan).collect();
    let first = !resources(plan, &ids, &checks, &zone, &mut sink);
    sink.text().push_str(if first { "}" } else { "\n  }" });
    // One output at a time too (a zone of 100k records has 95k checks,
    // each with an output: as one object and its text, they were the peak).
    if outputs(plan, &checks, &mut sink) {
        sink.text().push_str("\n  }");
    }
    sink.text().push_str("\n}\n");
    Ok(sink.finish()?)
}

/// `"key": value` as the `depth`th level of a pretty-printed object, after
/// the object's `{` (`first`) or its previous member: the text
/// `serde_json::to_string_pretty` gives the value, indented.
fn member(out: &mut String, first: bool, depth: usize, key: &str, value: &impl Serialize) {
    if !first {
        out.push(',');
    }
    out.push('\n');
    for _ in 0..depth {
        out.push_str("  ");
    }
    let mut text = Vec::with_capacity(256);
    serde_json::to_writer(&mut text, key).expect("a JSON string always serializes");
    text.extend_from_slice(b": ");
    // Pretty-printed from `depth` on, straight into the text: printed from
    // no depth, then indented line by line, the value was written twice.
    let mut at_depth = serde_json::Serializer::with_formatter(&mut text, Indented::at(depth));
    value
        .serialize(&mut at_depth)
        .expect("a JSON value always serializes");
    out.push_str(std::str::from_utf8(&text).expect("JSON text is UTF-8"));
}

/// `serde_json`'s pretty layout (two spaces a level), for a value written
/// `depth` levels deep: its inner lines are indented from there.
struct Indented {
    depth: usize,
    has_value: bool,
}

impl Indented {
    fn at(depth: usize) -> Self {
        Indented {
            depth,
            has_value: false,
        }
    }

    fn indent<W: ?Sized + std::io::Write>(&self, writer: &mut W) -> std::io::Result<()> {
        for _ in 0..self.depth {
            writer.write_all(b"  ")?;
        }
        Ok(())
    }

    /// The line of an array's value or an object's key.
    fn next_line<W: ?Sized + std::io::Write>(
        &self,
        writer: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        writer.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(writer)
    }

    /// `[` or `{`: one level deeper.
    fn open<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        bracket: &[u8],
    ) -> std::io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        writer.write_all(bracket)
    }

    /// `]` or `}`, on a line of its own after values.
    fn close<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        bracket: &[u8],
    ) -> std::io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            writer.write_all(b"\n")?;
            self.indent(writer)?;
        }
        writer.write_all(bracket)
    }
}

/// As `serde_json::ser::PrettyFormatter` lays values out.
impl serde_json::ser::Formatter for Indented {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.open(writer, b"[")
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.close(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.next_line(writer, first)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.open(writer, b"{")
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.close(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.next_line(writer, first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
    ) -> std::io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

// ----------------------------------------------------------------------------
// Template sections
// ----------------------------------------------------------------------------

fn description(plan: &Plan) -> String {
    let config = plan.config;
    let mut parts = Vec::new();
    if config.zone.hosted_zone == HostedZone::Create {
        parts.push("hosted zone");
    }
    parts.push("records");
    if !plan.health_checks.is_empty() {
        parts.push("health checks");
    }
    if !config.cidr_collections.is_empty() {
        parts.push(if config.cidr_collections.len() == 1 {
            "CIDR collection"
        } else {
            "CIDR collections"
        });
    }
    let last = parts.pop().expect("`records` is always listed");
    let what = if parts.is_empty() {
        last.to_string()
    } else {
        format!("{} and {last}", parts.join(", "))
    };
    format!(
        "Route 53 {what} for {}, generated by steer from the zone's .steer files (edit those, not this template)",
        config.zone.name
    )
}

/// The zone's id when it is looked up by name but an alias needs it, and
/// one parameter per used input that imports no export (`String`, or
/// `AWS::Route53::HostedZone::Id` for the zone's id; its `Default` the
/// value given with `--set`/`--values`).
fn parameters(plan: &Plan, ids: &LogicalIds, zone: &ZoneRef) -> Map<String, Value> {
    let mut parameters = Map::new();
    if *zone == ZoneRef::Parameter {
        parameters.insert(
            HOSTED_ZONE_ID.into(),
            json!({
                "Type": "AWS::Route53::HostedZone::Id",
                "Description": format!(
                    "Id of the existing hosted zone {}: alias records that point at the zone's own records name it",
                    plan.config.zone.name
                ),
            }),
        );
    }
    for (id, name) in ids.inputs_by_id(plan) {
        let input = &plan.config.inputs[name];
        // The zone's id gets the type CloudFormation checks against the
        // account's hosted zones (as the `HostedZoneId` parameter above).
        let is_zone_id = matches!(&plan.config.zone.hosted_zone,
            HostedZone::Id(id) if id.input() == Some(name));
        let kind = if is_zone_id {
            "AWS::Route53::HostedZone::Id"
        } else {
            "String"
        };
        let mut parameter = json!({ "Type": kind });
        if let Some(description) = &input.description {
            parameter["Description"] = json!(description);
        }
        if let Some(value) = &input.value {
            parameter["Default"] = json!(value);
        }
        parameters.insert(id.to_string(), parameter);
    }
    parameters
}

/// A literal as a string; an input as `Fn::ImportValue` of its export
/// (`cloudformation import`) or a reference to its parameter.
fn value<T: std::fmt::Display>(config: &ir::Config, value: &ir::Value<T>) -> Value {
    match value {
        ir::Value::Literal(s) => json!(s.to_string()),
        ir::Value::Input(i) => input_ref(config, &i.name),
    }
}

/// An input's `Fn::ImportValue` (`cloudformation import`) or a reference
/// to its parameter.
fn input_ref(config: &ir::Config, name: &str) -> Value {
    match config
        .inputs
        .get(name)
        .and_then(|i| i.cloudformation_import.as_ref())
    {
        Some(export) => json!({ "Fn::ImportValue": export }),
        None => reference(&input_logical_id(name)),
    }
}

/// The logical id of an input's parameter (`eu_lb` → `InputEuLb`).
fn input_logical_id(name: &str) -> String {
    names::camel_identifier("Input", [name])
}

/// Writes the resources to `sink` in the template's order, each a member
/// of the `Resources` object; whether there were any.
fn resources(
    plan: &Plan,
    ids: &LogicalIds,
    checks: &[(&str, &str, &ir::HealthCheck)],
    zone: &ZoneRef,
    sink: &mut Sink,
) -> bool {
    let config = plan.config;
    let mut first = true;
    if *zone == ZoneRef::Created {
        let mut properties = json!({ "Name": names::absolute(&config.zone.name) });
        if let Some(vpcs) = &config.zone.private {
            // A private zone: the VPCs it answers in.
            let vpcs: Vec<Value> = vpcs
                .iter()
                .map(|v| json!({ "VPCId": self::value(config, &v.id), "VPCRegion": v.region }))
                .collect();
            properties["VPCs"] = Value::Array(vpcs);
        }
        if !config.zone.tags.is_empty() {
            properties["HostedZoneTags"] = tags(config.zone.tags.iter());
        }
        let hosted_zone = json!({
            "Type": "AWS::Route53::HostedZone",
            "DeletionPolicy": "Retain",
            "UpdateReplacePolicy": "Retain",
            "Properties": properties,
        });
        members_in_two(
            sink,
            &mut first,
            &[(HOSTED_ZONE, hosted_zone)],
            write_member,
        );
    }
    // Each kind in the order of its logical ids. For record sets that keeps
    // a record's sets together, puts the sets at a nested policy's
    // generated name right after the alias to them, and the apex (`Apex`)
    // among the other names rather than wherever its DNS name sorts.
    let collections: Vec<_> = ids.collections_by_id(plan).collect();
    members_in_two(sink, &mut first, &collections, |(id, name), text, first| {
        member(
            text,
            first,
            2,
            id,
            &cidr_collection(&config.cidr_collections[*name]),
        );
    });
    members_in_two(sink, &mut first, checks, |(id, _, check), text, first| {
        member(text, first, 2, id, &health_check(config, check, ids));
    });
    let sets: Vec<_> = ids.sets_by_id(plan).collect();
    members_in_two(sink, &mut first, &sets, |(id, index), text, first| {
        let set = &plan.record_sets[*index];
        member(text, first, 2, id, &record_set(plan, set, ids, zone));
    });
    !first
}

/// One member of an object per unit, written by `write` (told whether it
/// is the object's first): the first of the object here, the others on
/// two threads ([`Sink::units_in_two`]).
fn members_in_two<T: Sync>(
    sink: &mut Sink,
    first: &mut bool,
    units: &[T],
    write: impl Fn(&T, &mut String, bool) + Sync,
) {
    let mut units = units;
    if let Some((unit, rest)) = units.split_first().filter(|_| *first) {
        write(unit, sink.text(), true);
        sink.end_unit();
        *first = false;
        units = rest;
    }
    sink.units_in_two(units, |unit, text| write(unit, text, false));
}

/// A member already made ([`members_in_two`]'s `write` for a few).
fn write_member((id, value): &(&str, Value), text: &mut String, first: bool) {
    member(text, first, 2, id, value);
}

/// Writes the `Outputs` object to `sink`, its outputs in the template's
/// order, if there are any; whether there were any.
fn outputs(plan: &Plan, checks: &[(&str, &str, &ir::HealthCheck)], sink: &mut Sink) -> bool {
    let zone = &plan.config.zone;
    let created = zone.hosted_zone == HostedZone::Create;
    if !created && checks.is_empty() {
        return false;
    }
    sink.text().push_str(",\n  \"Outputs\": {");
    let mut first = true;
    if created {
        let outputs = [
            (
                HOSTED_ZONE_ID,
                json!({
                    "Description": format!("Id of the hosted zone {}", zone.name),
                    "Value": reference(HOSTED_ZONE),
                }),
            ),
            (
                NAME_SERVERS,
                json!({
                    "Description": format!("Name servers of {}, for the delegation at the registrar", zone.name),
                    "Value": {"Fn::Join": [", ", {"Fn::GetAtt": [HOSTED_ZONE, "NameServers"]}]},
                }),
            ),
        ];
        members_in_two(sink, &mut first, &outputs, write_member);
    }
    members_in_two(
        sink,
        &mut first,
        checks,
        |(id, name, check), text, first| {
            let output = json!({
                "Description": format!("Id of the health check {}", check.name),
                "Value": reference(id),
            });
            member(text, first, 2, name, &output);
        },
    );
    true
}

// ----------------------------------------------------------------------------
// Resources
// ----------------------------------------------------------------------------

fn cidr_collection(collection: &ir::CidrCollection) -> Value {
    let locations: Vec<Value> = collection
        .locations
        .iter()
        .map(|(name, blocks)| json!({"LocationName": name, "CidrList": blocks}))
        .collect();
    let mut resource = Map::new();
    resource.insert("Type".into(), json!("AWS::Route53::CidrCollection"));
    let has_ipv6 = collection
        .locations
        .values()
        .flatten()
        .any(|block| block.contains(':'));
    if has_ipv6 {
        // cfn-lint reads CidrList as IPv4-only; Route 53 takes IPv6 blocks too.
        resource.insert(
            "Metadata".into(),
            json!({"cfn-lint": {"config": {"ignore_checks": ["E3002"]}}}),
        );
    }
    resource.insert(
        "Properties".into(),
        json!({
            "Name": collection.name,
            "Locations": locations,
        }),
    );
    Value::Object(resource)
}

fn health_check<'a>(
    zone: &ir::Config,
    check: &'a ir::HealthCheck,
    ids: &LogicalIds,
) -> Resource<HealthCheckProperties<'a>> {
    let mut config = Object::default();
    let mut metadata = None;
    if check.disabled {
        metadata = Some(json!({
            "Comment": format!(
                "steer check {} is disabled. CloudFormation has no Disabled setting, so a calculated check with no children and a threshold of 0 stands in for it: Route 53 treats both as always healthy.",
                check.name
            )
        }));
        config.insert("Type", json!("CALCULATED"));
        config.insert("ChildHealthChecks", json!([]));
        config.insert("HealthThreshold", json!(0));
    } else {
        match &check.kind {
            HealthCheckKind::Endpoint(probe) => endpoint_probe(zone, probe, &mut config),
            HealthCheckKind::Calculated {
                children,
                threshold,
            } => {
                config.insert("Type", json!("CALCULATED"));
                let children: Vec<Value> =
                    children.iter().map(|c| reference(ids.check(c))).collect();
                config.insert("ChildHealthChecks", Value::Array(children));
                config.insert("HealthThreshold", json!(threshold));
            }
            HealthCheckKind::CloudWatchAlarm {
                alarm_name,
                region,
                insufficient_data,
            } => {
                config.insert("Type", json!("CLOUDWATCH_METRIC"));
                config.insert(
                    "AlarmIdentifier",
                    json!({"Name": self::value(zone, alarm_name), "Region": region}),
                );
                let status = match insufficient_data {
                    InsufficientData::Healthy => "Healthy",
                    InsufficientData::Unhealthy => "Unhealthy",
                    InsufficientData::LastKnownStatus => "LastKnownStatus",
                };
                config.insert("InsufficientDataHealthStatus", json!(status));
            }
            HealthCheckKind::RecoveryControl {
                routing_control_arn,
            } => {
                config.insert("Type", json!("RECOVERY_CONTROL"));
                config.insert("RoutingControlArn", self::value(zone, routing_control_arn));
            }
        }
    }
    if check.inverted {
        config.insert("Inverted", json!(true));
    }
    Resource {
        kind: "AWS::Route53::HealthCheck",
        depends_on: None,
        metadata,
        properties: HealthCheckProperties { config, check },
    }
}

/// A health check's `Properties`.
struct HealthCheckProperties<'a> {
    config: Object,
    check: &'a ir::HealthCheck,
}

impl Serialize for HealthCheckProperties<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("HealthCheckConfig", &self.config)?;
        map.serialize_entry("HealthCheckTags", &tags(self.check.tags()))?;
        map.end()
    }
}

/// `HealthCheckTags` / `HostedZoneTags`: `[{Key, Value}]`, by key.
fn tags<'a>(tags: impl Iterator<Item = (&'a str, &'a str)>) -> Value {
    tags.map(|(k, v)| json!({"Key": k, "Value": v})).collect()
}

fn endpoint_probe(zone: &ir::Config, probe: &ir::EndpointProbe, config: &mut Object) {
    let https = probe.protocol == Protocol::Https;
    config.insert("Type", json!(route53::probe_type(probe)));
    if let Some(address) = &probe.ip_address {
        config.insert("IPAddress", value(zone, address));
    }
    if let Some(fqdn) = &probe.fqdn {
        config.insert("FullyQualifiedDomainName", value(zone, fqdn));
    }
    config.insert("Port", json!(probe.port));
    if let Some(path) = &probe.resource_path {
        config.insert("ResourcePath", json!(path));
    }
    if let Some(search) = probe.search_string() {
        config.insert("SearchString", json!(search));
    }
    if https {
        config.insert("EnableSNI", json!(probe.enable_sni));
    }
    config.insert("RequestInterval", json!(probe.request_interval));
    config.insert("FailureThreshold", json!(probe.failure_threshold));
    if !probe.regions().is_empty() {
        config.insert("Regions", json!(probe.regions()));
    }
    if probe.measure_latency {
        config.insert("MeasureLatency", json!(true));
    }
}

fn record_set(plan: &Plan, set: &RecordSet, ids: &LogicalIds, zone: &ZoneRef) -> Resource<Object> {
    let mut depends_on = None;
    let mut metadata = None;
    let mut properties = Object::default();
    let (key, value) = zone.property();
    properties.insert(key, value);
    properties.insert("Name", json!(names::absolute(set.name())));
    properties.insert("Type", json!(set.record_type.as_str()));
    if let Some(id) = set.set_identifier() {
        properties.insert("SetIdentifier", json!(id));
    }
    routing(&set.routing, ids, &mut properties);
    if let Some(check) = &set.health_check {
        properties.insert("HealthCheckId", reference(ids.check(check)));
    }
    match &set.answer {
        SetAnswer::Values(values) => {
            if let Some(ttl) = set.ttl() {
                properties.insert("TTL", json!(ttl.to_string()));
            }
            // An input (an Elastic IP) is its parameter or import.
            let values: Vec<Value> = values
                .iter()
                .map(|v| match v.input() {
                    Some(name) => input_ref(plan.config, name),
                    None => json!(route53::rdata_value(&v)),
                })
                .collect();
            properties.insert("ResourceRecords", Value::Array(values));
        }
        SetAnswer::Alias(alias) => {
            // Route 53 rejects an alias to a name and type with no records
            // yet.
            let mut targets: Vec<&str> = alias.in_zone_sets().map(|i| ids.set(i)).collect();
            targets.sort_unstable();
            match targets.as_slice() {
                [] => {}
                [one] => depends_on = Some(json!(one)),
                several => depends_on = Some(json!(several)),
            }
            let hosted_zone_id = match &alias.hosted_zone_id {
                Some(id) => self::value(plan.config, id),
                None => zone.id(),
            };
            if alias.hosted_zone_id.is_none() && matches!(zone, ZoneRef::Created) {
                // An alias to a record of the same zone names that zone's
                // id (API reference, `AliasTarget.HostedZoneId`: "Another
                // Route 53 record in your hosted zone: Specify the hosted
                // zone ID of your hosted zone"). cfn-lint's formats take
                // a `Ref` to a zone there for the common mistake of an ELB
                // alias with the record's own zone (E1041).
                metadata = Some(json!({"cfn-lint": {"config": {"ignore_checks": ["E1041"]}}}));
            }
            properties.insert(
                "AliasTarget",
                json!({
                    "DNSName": self::value(plan.config, &alias.dns_name()),
                    "HostedZoneId": hosted_zone_id,
                    "EvaluateTargetHealth": alias.evaluate_target_health,
                }),
            );
        }
    }
    Resource {
        kind: "AWS::Route53::RecordSet",
        depends_on,
        metadata,
        properties,
    }
}

fn routing(routing: &Routing, ids: &LogicalIds, properties: &mut Object) {
    match routing {
        Routing::Simple => {}
        Routing::Failover(role) => {
            let role = match role {
                FailoverRole::Primary => "PRIMARY",
                FailoverRole::Secondary => "SECONDARY",
            };
            properties.insert("Failover", json!(role));
        }
        Routing::Latency { aws_region } => {
            properties.insert("Region", json!(aws_region));
        }
        Routing::Geolocation(location) => {
            let location = match location {
                GeoLocation::Continent(c) => json!({"ContinentCode": c}),
                GeoLocation::Country(c) => json!({"CountryCode": c}),
                GeoLocation::Subdivision(c, s) => json!({"CountryCode": c, "SubdivisionCode": s}),
                GeoLocation::Default => json!({"CountryCode": "*"}),
            };
            properties.insert("GeoLocation", location);
        }
        Routing::Weighted(weight) => {
            properties.insert("Weight", json!(weight));
        }
        Routing::Multivalue => {
            properties.insert("MultiValueAnswer", json!(true));
        }
        Routing::Geoproximity { location, bias } => {
            let mut proximity = Map::new();
            match location {
                GeoproximityLocation::AwsRegion(region) => {
                    proximity.insert("AWSRegion".into(), json!(region));
                }
                GeoproximityLocation::Coordinates(c) => {
                    proximity.insert(
                        "Coordinates".into(),
                        json!({"Latitude": c.latitude, "Longitude": c.longitude}),
                    );
                }
            }
            if *bias != 0 {
                proximity.insert("Bias".into(), json!(bias));
            }
            properties.insert("GeoProximityLocation", Value::Object(proximity));
        }
        Routing::Cidr {
            collection,
            location,
        } => {
            properties.insert(
                "CidrRoutingConfig",
                json!({
                    "CollectionId": {"Fn::GetAtt": [ids.collection(collection), "Id"]},
                    "LocationName": location.map_or("*", |l| l.as_str()),
                }),
            );
        }
    }
}

/// A resource: its `Type`, then `DependsOn` and `Metadata` when it has
/// them, then its `Properties`, as the template writes every resource.
struct Resource<P> {
    kind: &'static str,
    depends_on: Option<Value>,
    metadata: Option<Value>,
    properties: P,
}

impl<P: Serialize> Serialize for Resource<P> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("Type", self.kind)?;
        if let Some(depends_on) = &self.depends_on {
            map.serialize_entry("DependsOn", depends_on)?;
        }
        if let Some(metadata) = &self.metadata {
            map.serialize_entry("Metadata", metadata)?;
        }
        map.serialize_entry("Properties", &self.properties)?;
        map.end()
    }
}

/// A JSON object whose members are written in the order they were put
/// in, as a `serde_json::Map` (with `preserve_order`) writes them, for a
/// record set's or a health check's properties: that map hashed every key
/// into a table of its own and made each a `String` (a tenth of a
/// CloudFormation build). Each key is put in once.
#[derive(Default)]
struct Object(Vec<(&'static str, Value)>);

impl Object {
    fn insert(&mut self, key: &'static str, value: Value) {
        debug_assert!(self.0.iter().all(|(k, _)| *k != key), "{key} put in twice");
        self.0.push((key, value));
    }
}

impl Serialize for Object {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

fn reference(logical_id: &str) -> Value {
    json!({ "Ref": logical_id })
}

// ----------------------------------------------------------------------------
// The hosted zone
// ----------------------------------------------------------------------------

/// How the template's record sets name their hosted zone.
#[derive(Debug, Clone, PartialEq, Eq)]
enum ZoneRef {
    /// `HostedZoneName: "<zone>."`.
    Name(String),
    /// `HostedZoneId` with the id the configuration gives (a string, or
    /// an input's parameter or import).
    Id(Value),
    /// `HostedZoneId: {"Ref": "HostedZoneId"}`, a template parameter: the
    /// zone is looked up by name, but an alias needs its id.
    Parameter,
    /// `HostedZoneId: {"Ref": "HostedZone"}`, the zone the template creates.
    Created,
}

impl ZoneRef {
    fn of(plan: &Plan) -> ZoneRef {
        let zone = &plan.config.zone;
        match &zone.hosted_zone {
            HostedZone::Id(id) => ZoneRef::Id(value(plan.config, id)),
            HostedZone::Create => ZoneRef::Created,
            HostedZone::ByName => {
                let aliases_into_zone = plan.record_sets.iter().any(
                    |s| matches!(&s.answer, SetAnswer::Alias(a) if a.hosted_zone_id.is_none()),
                );
                if aliases_into_zone {
                    ZoneRef::Parameter
                } else {
                    ZoneRef::Name(names::absolute(&zone.name))
                }
            }
        }
    }

    /// The record set property naming the zone.
    fn property(&self) -> (&'static str, Value) {
        match self {
            ZoneRef::Name(name) => ("HostedZoneName", json!(name)),
            _ => ("HostedZoneId", self.id()),
        }
    }

    /// The zone's id, for alias targets in the zone.
    fn id(&self) -> Value {
        match self {
            ZoneRef::Id(id) => id.clone(),
            ZoneRef::Parameter => reference(HOSTED_ZONE_ID),
            ZoneRef::Created => reference(HOSTED_ZONE),
            // `ZoneRef::of` picks `Parameter` whenever an alias needs the id.
            ZoneRef::Name(_) => unreachable!("a template that needs the zone's id has it"),
        }
    }
}

// ----------------------------------------------------------------------------
// Logical ids
// ----------------------------------------------------------------------------

/// The logical ids of a template's resources, checked to be distinct and
/// within CloudFormation's limit.
struct LogicalIds<'p> {
    /// The ids in the order they are claimed: the fixed names, the CIDR
    /// collections, each health check's and its output's
    /// (`Plan::health_checks` is by name), the inputs' parameters, and one
    /// per record set (as `Plan::record_sets`).
    claims: Claims,
    /// Every claim, by id: the order of each kind in the template.
    order: Vec<u32>,
    health_checks: &'p [&'p ir::HealthCheck],
    /// What the claims of fixed names, collections and inputs name, in
    /// claim order.
    others: Vec<(Span, Named<'p>)>,
    /// The claim of each collection.
    collections: HashMap<&'p str, usize>,
    /// The first claim of the health checks, of the inputs, of the sets.
    checks: usize,
    inputs: usize,
    sets: usize,
}

/// Whether [`LogicalIds::assign`] sorts the ids, for writing the template
/// in their order, or only finds the collisions (`steer check`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum IdOrder {
    Sorted,
    Unneeded,
}

/// The ids every template of `plan` has, claimed first, so that a steer
/// name colliding with one is the one reported.
fn fixed_ids(plan: &Plan) -> &'static [(&'static str, &'static str)] {
    match ZoneRef::of(plan) {
        ZoneRef::Created => &[
            (HOSTED_ZONE, "the hosted zone"),
            (HOSTED_ZONE_ID, "the hosted zone's id output"),
            (NAME_SERVERS, "the name servers output"),
        ],
        ZoneRef::Parameter => &[(HOSTED_ZONE_ID, "the hosted zone id parameter")],
        ZoneRef::Name(_) | ZoneRef::Id(_) => &[],
    }
}

/// The inputs the template takes as parameters.
fn parameter_inputs(config: &ir::Config) -> Vec<&ir::Input> {
    config
        .used_inputs()
        .into_iter()
        .filter(|input| input.cloudformation_import.is_none())
        .collect()
}

/// How many ids [`claim_ids`] claims.
fn id_count(plan: &Plan, fixed: &[(&str, &str)], parameters: &[&ir::Input]) -> usize {
    fixed.len()
        + plan.config.cidr_collections.len()
        + 2 * plan.health_checks.len()
        + parameters.len()
        + plan.record_sets.len()
}

/// What [`claim_ids`] claimed besides the ids ([`LogicalIds`]' fields).
struct ClaimedIds<'p> {
    others: Vec<(Span, Named<'p>)>,
    collections: HashMap<&'p str, usize>,
    checks: usize,
    inputs: usize,
    sets: usize,
}

/// Claims every logical id of `plan` in [`LogicalIds`]' order.
fn claim_ids<'p>(
    plan: &'p Plan,
    fixed: &[(&str, &'static str)],
    parameters: &[&'p ir::Input],
    claims: &mut impl Claimant,
) -> ClaimedIds<'p> {
    let config = plan.config;
    let mut others = Vec::new();
    for &(id, what) in fixed {
        claims.claim(id);
        others.push((config.zone.span, Named::Fixed(what)));
    }
    let mut collections = HashMap::new();
    for c in config.cidr_collections.values() {
        let claim = claims.claim_camel("CidrCollection", [c.name.as_str()].into_iter());
        collections.insert(c.name.as_str(), claim);
        others.push((c.span, Named::Collection(&c.name)));
    }
    let checks = claims.claims();
    for c in &plan.health_checks {
        claims.claim_camel("HealthCheck", [c.name.as_str()].into_iter());
        // The output of its id: the check's id followed by `Id`.
        claims.claim_camel("HealthCheck", [c.name.as_str(), "Id"].into_iter());
    }
    let inputs = claims.claims();
    for input in parameters {
        claims.claim_camel("Input", [input.name.as_str()].into_iter());
        others.push((input.span, Named::Input(&input.name)));
    }
    let sets = claims.claims();
    for s in &plan.record_sets {
        claims.claim_camel("Record", s.key_parts());
    }
    ClaimedIds {
        others,
        collections,
        checks,
        inputs,
        sets,
    }
}

impl<'p> LogicalIds<'p> {
    fn assign(plan: &'p Plan, order: IdOrder) -> Result<LogicalIds<'p>, Vec<Diagnostic>> {
        let config = plan.config;
        let keys = |set: &'p RecordSet| set.key_parts();
        // Room for all: a buffer that grows is twice its size for a while.
        let checks = plan.health_checks.iter();
        let check = |c: &&ir::HealthCheck| names::capacity([c.name.as_str(), "Id"].into_iter());
        let bytes = checks.map(|c| 2 * ("HealthCheck".len() + check(c)));
        let sets = plan.record_sets.iter();
        let bytes = bytes.chain(sets.map(|set| "Record".len() + names::capacity(keys(set))));
        let fixed = fixed_ids(plan);
        let parameters = parameter_inputs(config);
        // Every claim counted: a claim or a byte beyond the room doubles it.
        let bytes =
            bytes
                .chain(fixed.iter().map(|(id, _)| id.len()))
                .chain(config.cidr_collections.values().map(|c| {
                    "CidrCollection".len() + names::capacity([c.name.as_str()].into_iter())
                }))
                .chain(
                    parameters
                        .iter()
                        .map(|i| "Input".len() + names::capacity([i.name.as_str()].into_iter())),
                );
        let mut claims = Claims::with_capacity(id_count(plan, fixed, &parameters), bytes.sum());
        let ClaimedIds {
            others,
            collections,
            checks,
            inputs,
            sets,
        } = claim_ids(plan, fixed, &parameters, &mut claims);
        claims.shrink_to_fit();

        let mut ids = LogicalIds {
            claims,
            order: Vec::new(),
            health_checks: &plan.health_checks,
            others,
            collections,
            checks,
            inputs,
            sets,
        };
        let too_long = |claims: &Claims, claim| claims.get(claim).len() > MAX_LOGICAL_ID;
        let space = |claim| (!too_long(&ids.claims, claim)).then_some(0);
        let repeated = match order {
            IdOrder::Sorted => {
                let repeats = ids.claims.repeats(space);
                if repeats.order.len() == ids.claims.len() && repeats.repeated.is_empty() {
                    ids.order = repeats.order;
                    return Ok(ids);
                }
                repeats.repeated
            }
            IdOrder::Unneeded => {
                let repeated = ids.claims.repeated(space);
                let none_too_long = (0..ids.claims.len()).all(|c| !too_long(&ids.claims, c));
                if none_too_long && repeated.is_empty() {
                    return Ok(ids);
                }
                repeated
            }
        };
        // The diagnostics in claim order.
        let mut repeated = repeated.into_iter().peekable();
        let mut diagnostics = Vec::new();
        for claim in 0..ids.claims.len() {
            let id = ids.claims.get(claim);
            let (span, what) = ids.owner(plan, claim);
            if too_long(&ids.claims, claim) {
                diagnostics.push(messages::logical_id_too_long(
                    span,
                    &what.to_string(),
                    id.len(),
                    MAX_LOGICAL_ID,
                ));
            } else if let Some((_, first)) = repeated.next_if(|&(c, _)| c == claim) {
                let (first_span, first_what) = ids.owner(plan, first);
                diagnostics.push(messages::logical_id_collision(
                    span,
                    &what.to_string(),
                    (first_span, &first_what.to_string()),
                    id,
                ));
            }
        }
        Err(diagnostics)
    }

    /// Whether no logical id can be too long or collide with another,
    /// their hashes differing ([`NameHashes`]): what `steer check` asks
    /// first, making the ids ([`LogicalIds::assign`]) only when it is not
    /// sure.
    fn surely_fine(plan: &Plan) -> bool {
        let fixed = fixed_ids(plan);
        let parameters = parameter_inputs(plan.config);
        let mut hashes = NameHashes::with_capacity(id_count(plan, fixed, &parameters));
        claim_ids(plan, fixed, &parameters, &mut hashes);
        hashes.longest() <= MAX_LOGICAL_ID && hashes.surely_distinct(|_| Some(0))
    }

    /// What `claim` names, and where.
    fn owner(&self, plan: &'p Plan, claim: usize) -> (Span, Named<'p>) {
        if claim >= self.sets {
            let set = &plan.record_sets[claim - self.sets];
            (set.span, Named::RecordSet(set))
        } else if claim >= self.inputs {
            self.others[claim - (self.inputs - self.checks)]
        } else if claim >= self.checks {
            let check = self.health_checks[(claim - self.checks) / 2];
            let what = if (claim - self.checks) % 2 == 0 {
                Named::Check(&check.name)
            } else {
                Named::CheckOutput(&check.name)
            };
            (check.span, what)
        } else {
            self.others[claim]
        }
    }

    /// The claims in `range`, by id, with what they name.
    fn by_id(
        &self,
        plan: &'p Plan,
        range: std::ops::Range<usize>,
    ) -> impl Iterator<Item = (&str, usize, Named<'p>)> + '_ {
        self.order
            .iter()
            .map(|&claim| claim as usize)
            .filter(move |claim| range.contains(claim))
            .map(move |claim| (self.claims.get(claim), claim, self.owner(plan, claim).1))
    }

    /// The collections' names, by logical id.
    fn collections_by_id(&self, plan: &'p Plan) -> impl Iterator<Item = (&str, &'p str)> + '_ {
        self.by_id(plan, 0..self.checks)
            .filter_map(|(id, _, what)| match what {
                Named::Collection(name) => Some((id, name)),
                _ => None,
            })
    }

    /// The health checks, by logical id, each with the id of its output.
    fn checks_by_id(
        &self,
        plan: &'p Plan,
    ) -> impl Iterator<Item = (&str, &str, &'p ir::HealthCheck)> + '_ {
        self.by_id(plan, self.checks..self.inputs)
            .filter(|&(_, claim, _)| (claim - self.checks) % 2 == 0)
            .map(|(id, claim, _)| {
                let check = self.health_checks[(claim - self.checks) / 2];
                (id, self.claims.get(claim + 1), check)
            })
    }

    /// The names of the inputs with a parameter, by logical id.
    fn inputs_by_id(&self, plan: &'p Plan) -> impl Iterator<Item = (&str, &'p str)> + '_ {
        self.by_id(plan, self.inputs..self.sets)
            .filter_map(|(id, _, what)| match what {
                Named::Input(name) => Some((id, name)),
                _ => None,
            })
    }

    /// The record sets' indexes in `Plan::record_sets`, by logical id.
    fn sets_by_id(&self, plan: &'p Plan) -> impl Iterator<Item = (&str, usize)> + '_ {
        self.by_id(plan, self.sets..self.claims.len())
            .map(|(id, claim, _)| (id, claim - self.sets))
    }

    fn check(&self, name: &str) -> &str {
        let k = self
            .health_checks
            .binary_search_by(|c| c.name.as_str().cmp(name))
            .expect("the check stage resolves every health check reference");
        self.claims.get(self.checks + 2 * k)
    }

    fn collection(&self, name: &str) -> &str {
        self.claims.get(self.collections[name])
    }

    fn set(&self, index: usize) -> &str {
        self.claims.get(self.sets + index)
    }
}

/// What a logical id is given to, put into words only for a diagnostic
/// (formatting it for every claim was a fifth of assigning the ids on a
/// 10k-record zone).
#[derive(Debug, Clone, Copy)]
enum Named<'p> {
    Fixed(&'static str),
    Collection(&'p str),
    Check(&'p str),
    CheckOutput(&'p str),
    Input(&'p str),
    /// A record set, named by its origin.
    RecordSet(&'p RecordSet<'p>),
}

impl std::fmt::Display for Named<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Named::Fixed(what) => f.write_str(what),
            Named::Collection(name) => write!(f, "CIDR collection `{name}`"),
            Named::Check(name) => write!(f, "health check `{name}`"),
            Named::CheckOutput(name) => write!(f, "the output of health check `{name}`"),
            Named::Input(name) => write!(f, "input `{name}`"),
            Named::RecordSet(set) => write!(f, "record set {}", set.origin()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A member is laid out as `serde_json`'s pretty printer lays the
    /// value out, each inner line indented by the member's depth.
    #[test]
    fn members_are_pretty_printed_at_their_depth() {
        let value = json!({
            "Type": "AWS::Route53::RecordSet",
            "Properties": {"Name": "a\nb", "Empty": {}, "None": [], "List": [1, {"K": ["v"]}]},
        });
        for depth in [0, 1, 3] {
            let mut out = String::new();
            member(&mut out, false, depth, "Key\"1", &value);
            let indent = "  ".repeat(depth);
            let pretty = serde_json::to_string_pretty(&value).expect("serializes");
            let expected = format!(
                ",\n{indent}\"Key\\\"1\": {}",
                pretty.replace('\n', &format!("\n{indent}"))
            );
            assert_eq!(out, expected);
        }
    }

    fn template(source: &str) -> Value {
        let text = emit_source(source).unwrap_or_else(|d| panic!("emit failed: {d:#?}"));
        serde_json::from_str(&text).expect("the template is JSON")
    }

    /// The template for `source`, or the errors that prevent it.
    fn emit_source(source: &str) -> Result<String, Vec<Diagnostic>> {
        let mut loaded = crate::load::Loaded::default();
        loaded.add("test.steer", source.as_bytes());
        let compiled = crate::compile(&loaded, &CloudFormation, &Options::default())
            .expect("CloudFormation takes the default options");
        compiled.outputs_or_errors().map(|outputs| {
            let output = outputs.into_iter().next().expect("one zone");
            output.text
        })
    }

    #[test]
    fn every_later_claimant_is_reported_against_the_first_in_claim_order() {
        // The sets are claimed in plan order, `__dmarc` first: it keeps
        // `RecordDmarcTXT`, and each of the other two is reported against
        // it (not against the one claimed just before it), in plan order.
        let err = emit_source(
            r#"
zone "example.com" { ttl 60 }
record dmarc TXT "c"
record _dmarc TXT "b"
record __dmarc TXT "a"
"#,
        )
        .unwrap_err();
        let messages: Vec<&str> = err.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "record set dmarc TXT and record set __dmarc TXT would both have the \
                 CloudFormation logical id `RecordDmarcTXT`",
                "record set _dmarc TXT and record set __dmarc TXT would both have the \
                 CloudFormation logical id `RecordDmarcTXT`",
            ],
            "{err:#?}"
        );
    }

    #[test]
    fn names_differing_in_punctuation_collide() {
        let err = emit_source(
            r#"
zone "example.com" { ttl 60 }
record _dmarc TXT "v=DMARC1; p=none"
record dmarc TXT "other"
"#,
        )
        .unwrap_err();
        assert_eq!(err.len(), 1, "{err:#?}");
        assert_eq!(err[0].code, "resource-name-collision");
        assert!(
            err[0].message.contains("`RecordDmarcTXT`"),
            "{}",
            err[0].message
        );
        assert_eq!(err[0].secondary.len(), 1);
    }

    #[test]
    fn overlong_logical_ids_are_reported() {
        // A 239-character name is fine for DNS; with the type and a member
        // label it makes a logical id over 255 characters.
        let name = vec!["a".repeat(59); 4].join(".");
        let endpoint = "e".repeat(30);
        let source = format!(
            "zone \"example.com\" {{ ttl 60 }}\nendpoint {endpoint} {{ a [192.0.2.1] }}\nrecord {name} A = weighted {{ {endpoint} 1 }}\n"
        );
        let err = emit_source(&source).unwrap_err();
        assert_eq!(err.len(), 1, "{err:#?}");
        assert_eq!(err[0].code, "resource-name-too-long");
    }

    #[test]
    fn strings_are_carried_through_exactly() {
        // Quotes, backslashes, template syntax, control characters, non-ASCII
        // text and a 2 KB value: JSON escaping must give back exactly the
        // Route 53 value strings, and nothing CloudFormation would interpret.
        let long = "k=".to_string() + &"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".repeat(57);
        assert!(long.len() > 2048);
        let source = format!(
            r#"
zone "example.com" {{ ttl 60 }}
check templated {{
  https "origin.example.com" path "/health?fmt=${{json}}&pct=%{{x}}"
  expect "status \"ok\" \\ done"
}}
endpoint app {{ a [192.0.2.10]  check templated }}
endpoint spare {{ a [192.0.2.11] }}
record app A = failover {{ primary app  secondary spare }}
record quotes TXT "she said \"hello\""
record backslash TXT "C:\\path\\to"
record subst TXT ["${{AWS::Region}} and ${{!Literal}}", "%{{ if true }}x"]
record whitespace TXT "tab\there\nnewline\r"
record unicode TXT "caf\u{{e9}} \u{{1F600}} naïve"
record long TXT "{long}"
"#
        );
        let text = emit_source(&source).expect("emit");
        let template: Value = serde_json::from_str(&text).expect("JSON");
        let resources = &template["Resources"];
        let probe = &resources["HealthCheckTemplated"]["Properties"]["HealthCheckConfig"];
        assert_eq!(probe["ResourcePath"], "/health?fmt=${json}&pct=%{x}");
        assert_eq!(probe["SearchString"], "status \"ok\" \\ done");

        let records = |id: &str| -> Vec<String> {
            resources[id]["Properties"]["ResourceRecords"]
                .as_array()
                .unwrap_or_else(|| panic!("{id} has records"))
                .iter()
                .map(|v| v.as_str().expect("string").to_string())
                .collect()
        };
        let txt = |s: &str| route53::rdata_value(&ir::RData::Txt(s.to_string()));
        assert_eq!(records("RecordQuotesTXT"), [txt("she said \"hello\"")]);
        assert_eq!(records("RecordBackslashTXT"), [txt("C:\\path\\to")]);
        assert_eq!(
            records("RecordSubstTXT"),
            [txt("${AWS::Region} and ${!Literal}"), txt("%{ if true }x")]
        );
        assert_eq!(
            records("RecordWhitespaceTXT"),
            [txt("tab\there\nnewline\r")]
        );
        assert_eq!(records("RecordUnicodeTXT"), [txt("café \u{1F600} naïve")]);
        let long_value = records("RecordLongTXT");
        assert_eq!(long_value, [txt(&long)]);
        assert_eq!(
            long_value[0].matches("\" \"").count(),
            long.len() / 255,
            "split into 255-byte strings"
        );

        // Plain strings in the template, never an intrinsic function.
        assert!(!text.contains("Fn::Sub"));
        // Quotes inside TXT data are written `\042`, the form cfn-lint's
        // TXT pattern accepts; serde_json escapes only what JSON requires.
        assert!(text.contains(r#"\"she said \\042hello\\042\""#), "{text}");
    }

    #[test]
    fn disabled_checks_stand_in_as_always_healthy() {
        let t = template(
            r#"
zone "example.com" { ttl 60 }
check probe { https "origin.example.com" path "/health"  disabled }
check off_inverted { tcp "mail.example.com" port 25  inverted  disabled }
endpoint a { a [192.0.2.10]  check probe }
endpoint b { a [192.0.2.11]  check off_inverted }
record www A = failover { primary a  secondary b }
"#,
        );
        let resources = &t["Resources"];
        assert_eq!(
            resources["HealthCheckProbe"]["Properties"]["HealthCheckConfig"],
            json!({"Type": "CALCULATED", "ChildHealthChecks": [], "HealthThreshold": 0})
        );
        assert_eq!(
            resources["HealthCheckOffInverted"]["Properties"]["HealthCheckConfig"],
            json!({"Type": "CALCULATED", "ChildHealthChecks": [], "HealthThreshold": 0, "Inverted": true})
        );
        assert!(resources["HealthCheckProbe"]["Metadata"]["Comment"]
            .as_str()
            .is_some_and(|c| c.contains("disabled")));
    }

    #[test]
    fn zone_by_name_uses_the_name_until_an_alias_needs_the_id() {
        let plain = template("zone \"example.com\" { ttl 60 }\nrecord www A 192.0.2.1\n");
        assert!(plain.get("Parameters").is_none());
        assert_eq!(
            plain["Resources"]["RecordWwwA"]["Properties"]["HostedZoneName"],
            "example.com."
        );

        let aliased = template(
            "zone \"example.com\" { ttl 60 }\nrecord www A 192.0.2.1\nendpoint w { alias record www A }\nrecord @ A = w\n",
        );
        assert_eq!(
            aliased["Parameters"]["HostedZoneId"]["Type"],
            "AWS::Route53::HostedZone::Id"
        );
        let apex = &aliased["Resources"]["RecordApexA"];
        assert_eq!(apex["DependsOn"], "RecordWwwA");
        assert_eq!(
            apex["Properties"]["HostedZoneId"],
            json!({"Ref": "HostedZoneId"})
        );
        assert_eq!(
            apex["Properties"]["AliasTarget"],
            json!({"DNSName": "www.example.com", "HostedZoneId": {"Ref": "HostedZoneId"}, "EvaluateTargetHealth": false})
        );
        assert!(apex["Properties"].get("HostedZoneName").is_none());
        assert!(apex["Properties"].get("TTL").is_none());
    }

    #[test]
    fn inputs_become_parameters_or_imports_wherever_they_are_used() {
        let t = template(
            r#"zone "internal.corp" { create  private { vpc input.vpc in eu-west-1 } }
               input vpc { description "The VPC" }
               input lb { cloudformation import "Net-LB" }
               input lb_zone { }
               region ireland { aws "eu-west-1" }
               endpoint web { region ireland  alias elb input.lb  hosted_zone_id input.lb_zone }
               record www A = web"#,
        );
        assert_eq!(
            t["Parameters"]["InputVpc"],
            json!({"Type": "String", "Description": "The VPC"})
        );
        assert_eq!(t["Parameters"]["InputLbZone"], json!({"Type": "String"}));
        assert!(t["Parameters"].get("InputLb").is_none());
        assert_eq!(
            t["Resources"]["HostedZone"]["Properties"]["VPCs"][0]["VPCId"],
            json!({"Ref": "InputVpc"})
        );
        let alias = &t["Resources"]["RecordWwwA"]["Properties"]["AliasTarget"];
        assert_eq!(alias["DNSName"], json!({"Fn::ImportValue": "Net-LB"}));
        assert_eq!(alias["HostedZoneId"], json!({"Ref": "InputLbZone"}));
    }

    #[test]
    fn address_cname_and_probe_inputs_are_parameters_or_imports() {
        let t = template(include_str!("../../tests/fixtures/inputs-in-answers.steer"));
        let records = &t["Resources"]["RecordWwwA"]["Properties"]["ResourceRecords"];
        assert_eq!(records, &json!(["192.0.2.1", {"Ref": "InputEip"}]));
        let plain = &t["Resources"]["RecordStaticA"]["Properties"]["ResourceRecords"];
        assert_eq!(plain, &json!([{"Ref": "InputEip"}, "192.0.2.9"]));
        let cname = &t["Resources"]["RecordOldCNAME"]["Properties"]["ResourceRecords"];
        assert_eq!(cname, &json!([{"Fn::ImportValue": "Net-Legacy"}]));
        let up = &t["Resources"]["HealthCheckUp"]["Properties"]["HealthCheckConfig"];
        assert_eq!(up["IPAddress"], json!({"Ref": "InputEip"}));
        assert_eq!(up["FullyQualifiedDomainName"], json!({"Ref": "InputSite"}));
        let named = &t["Resources"]["HealthCheckNamed"]["Properties"]["HealthCheckConfig"];
        assert_eq!(
            named["FullyQualifiedDomainName"],
            json!({"Fn::ImportValue": "Net-Legacy"})
        );
        assert!(named.get("IPAddress").is_none());
        assert!(t["Parameters"].get("InputLegacy").is_none());
        assert_eq!(
            t["Parameters"]["InputEip"],
            json!({"Type": "String", "Description": "Elastic IP"})
        );
    }
}
