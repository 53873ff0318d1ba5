//! Stage 2: typed AST → validated IR ([`ir::Config`], one per zone).
//!
//! Name resolution is by hash map (every pass is linear in the input), all
//! problems are collected in one run, and the result does not depend on the
//! order in which items or files were written. Passes:
//!
//! 1. group files by zone (`zone::group`);
//! 2. build symbol tables, reporting duplicates ([`Symbols`]);
//! 3. lower each definition kind (health checks, endpoints, records with
//!    their routing trees), reporting what Route 53 would reject and what
//!    would silently misbehave;
//! 4. build the dependency graph and reject reference cycles (`graph`).

mod cidr_collections;
mod endpoints;
mod graph;
mod health;
pub mod ir;
mod policy;
mod records;
mod zone;

use crate::diagnostic::{did_you_mean, Diagnostic, Diagnostics};
use crate::diagnostic_codes;
use crate::source::FileId;
use crate::syntax::ast::{self, Ident, Item};
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

diagnostic_codes! {
    /// Codes of the check stage. Errors stop a build; warnings point at
    /// configurations Route 53 accepts but that do not do what they seem to.
    pub enum CheckCode {
        UnknownReference => ("unknown-reference", Error,
            "A name refers to something not defined: a region, check, endpoint, CIDR collection or location, or the record an alias points at."),
        DuplicateDefinition => ("duplicate-definition", Error,
            "A name is defined twice (a zone, region, check, endpoint, collection, CIDR location, or a record name and type), or listed twice where it may appear once (a policy member, a calculated check's child)."),
        ReferenceCycle => ("reference-cycle", Error,
            "Calculated checks or record aliases refer to each other in a loop."),
        MissingZone => ("missing-zone", Error,
            "A file has definitions but no zone is declared for them."),
        AmbiguousZone => ("ambiguous-zone", Error,
            "A file declares two zones, or a file without a zone line sits beside several zones."),
        MissingSetting => ("missing-setting", Error,
            "A definition lacks a setting it needs (an endpoint with no answer, a check with nothing to check)."),
        ConflictingSettings => ("conflicting-settings", Error,
            "Settings that exclude each other are used together, or a setting does not apply here."),
        InvalidValue => ("invalid-value", Error,
            "A setting's value has the wrong form: a status word, hosted-zone id, email, ARN, path, alarm name, or coordinate precision."),
        OutOfRange => ("out-of-range", Error,
            "A number is outside the range Route 53 accepts: weights, bias, ports, failure and calculated thresholds, TTLs, SOA timers and serial, coordinates."),
        TooLong => ("too-long", Error,
            "A string is longer than Route 53 accepts: paths, search strings, alarm names, TXT values, names of collections and locations."),
        InvalidName => ("invalid-name", Error,
            "A DNS name is malformed (a label over 63 octets, a name over 253, a misplaced wildcard, a bad character) or outside the zone."),
        UnsupportedRecordType => ("unsupported-record-type", Error,
            "The record type is not one steer supports (A, AAAA, CNAME, MX, TXT, SRV, CAA, NS, PTR), or is not written in upper case."),
        InvalidRecordData => ("invalid-record-data", Error,
            "A record value does not fit its type (an MX without preference, an invalid address), or a value is repeated."),
        CnameConflict => ("cname-conflict", Error,
            "A CNAME is at the zone apex, or beside other data at the same name."),
        RecordTypeMismatch => ("record-type-mismatch", Error,
            "A routed record's endpoint cannot answer for its type (an A record on an AAAA-only or CNAME endpoint)."),
        AliasWithTtl => ("alias-with-ttl", Error,
            "A TTL is set on a record whose answers are all alias records; Route 53 uses the target's TTL."),
        InvalidAliasTarget => ("invalid-alias-target", Error,
            "An alias target is malformed, of an unknown kind, or asks for something Route 53 cannot do with it."),
        AliasRegionMismatch => ("alias-region-mismatch", Error,
            "The region in an alias target's name differs from its endpoint's region."),
        UnknownAliasZone => ("unknown-alias-zone", Error,
            "steer knows no hosted-zone id (or S3 website endpoint) for this alias kind in this region; give `hosted_zone_id`."),
        UnknownAwsRegion => ("unknown-aws-region", Error,
            "An AWS region code is not one of AWS's regions."),
        UnsupportedAwsRegion => ("unsupported-aws-region", Error,
            "An AWS region Route 53 does not accept where it is used: a latency member in a region outside the API's latency `Region` values (the ISO partitions), or an alarm region outside `CloudWatchRegion`."),
        MissingRegion => ("missing-region", Error,
            "Latency or geoproximity routing needs a region for a member that has none, or an alias target's hosted zone depends on a region that is not known."),
        DuplicateLatencyRegion => ("duplicate-latency-region", Error,
            "Two members of one latency policy are in the same AWS region."),
        InvalidLocation => ("invalid-location", Error,
            "A continent, country or subdivision code is not one Route 53 knows."),
        DuplicateLocation => ("duplicate-location", Error,
            "One geolocation or CIDR location is routed twice in the same policy."),
        InvalidFailover => ("invalid-failover", Error,
            "A failover policy does not have exactly one primary and one secondary, or both are CloudFront distributions."),
        AllWeightsZero => ("all-weights-zero", Warning,
            "Every member of a weighted policy has weight 0, so Route 53 answers with all of them equally."),
        TooManyMembers => ("too-many-members", Error,
            "A policy has more members than Route 53 allows (100 per name and type; 30 for geoproximity)."),
        UnsupportedNesting => ("unsupported-nesting", Error,
            "A policy member cannot be expressed in Route 53 (a multivalue member that is not an address endpoint)."),
        InvalidRequestInterval => ("invalid-request-interval", Error,
            "A health check interval other than 10 s or 30 s."),
        CheckerRegions => ("checker-regions", Error,
            "Checker regions are fewer than 3, repeated, or not Route 53 health-checker regions."),
        StringMatchNeedsHttp => ("string-match-needs-http", Error,
            "`expect` (string matching) is set on a TCP health check."),
        TooManyChildren => ("too-many-children", Error,
            "A calculated check has more than 256 children."),
        PrivateAddress => ("private-address", Error,
            "A health check probes an address Route 53 cannot check: a local, private, documentation, reserved or multicast range (RFC 5735, RFC 6598, RFC 5156)."),
        InvalidCidr => ("invalid-cidr", Error,
            "A CIDR block is malformed, has host bits set, is repeated, or its prefix is outside Route 53's range (IPv4 /1–/24, IPv6 /1–/48)."),
        ThresholdAboveChildren => ("threshold-above-children", Warning,
            "A calculated check needs more healthy children than it has: it is always unhealthy."),
        FlappingCheck => ("flapping-check", Warning,
            "A probe every 10 s that changes status after a single failed or passed request: a pause of a few seconds moves traffic away and back."),
        CheckCannotFail => ("check-cannot-fail", Warning,
            "A calculated check stays healthy whatever its probes say: threshold 0, or enough children that are disabled or healthy when CloudWatch lacks data."),
        PrimaryWithoutHealthCheck => ("primary-without-health-check", Warning,
            "Nothing can report a failover primary unhealthy (no health check on it or on any endpoint beneath it, no alias that evaluates the health of something that can fail): failover can never trigger."),
        StayDisablesFailover => ("stay-disables-failover", Warning,
            "A failover primary is marked `stay`, so it is always healthy and failover can never trigger."),
        SharedMemberCheck => ("shared-member-check", Warning,
            "Every member of a weighted, multivalue, latency or geoproximity policy uses the same health check, so a member that dies is still answered."),
        TargetWithoutHealth => ("target-without-health", Warning,
            "An alias evaluates the health of a record of this zone that has no health information: it changes nothing."),
        SharedFailoverCheck => ("shared-failover-check", Warning,
            "Primary and secondary use the same health check, so they are never healthy apart."),
        CheckProtectsItself => ("check-protects-itself", Warning,
            "A health check probes the very record it protects, so it follows the failover instead of watching the endpoint."),
        SingleMember => ("single-member", Warning,
            "A latency, weighted, multivalue or geoproximity policy with one member, or a geolocation or CIDR policy with only `default`, gives every client the same answer: it routes nothing."),
        NoDefaultLocation => ("no-default-location", Warning,
            "Geolocation or CIDR routing without `default`: clients matching no location get no answer."),
        CidrNeverMatches => ("cidr-never-matches", Warning,
            "A CIDR block lies in a private, loopback, link-local, shared, documentation or other special-purpose range: no resolver or client subnet Route 53 sees is in it."),
        PortProtocolMismatch => ("port-protocol-mismatch", Warning,
            "An HTTP check on port 443 or an HTTPS check on port 80."),
        MultivalueOverEight => ("multivalue-over-eight", Warning,
            "A multivalue policy has more than 8 members; Route 53 answers with at most 8."),
    }
}

/// The outcome of checking a set of files: one configuration per zone,
/// plus every problem found. A configuration is only returned when its zone
/// has no errors.
#[derive(Debug, Default)]
pub struct Checked {
    pub configs: Vec<ir::Config>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Checks parsed files. Files are grouped by the zone they declare (see
/// docs/language.md, "Files and zones"); each group is checked on its own.
pub fn check(files: &[(FileId, ast::File)]) -> Checked {
    let mut diagnostics = Diagnostics::new();
    let groups = zone::group(files, &mut diagnostics);
    let mut configs = Vec::new();
    for group in groups {
        let mark = diagnostics.mark();
        let config = check_zone(&group, &mut diagnostics);
        if let Some(config) = config {
            if !diagnostics.has_errors_since(mark) {
                configs.push(config);
            }
        }
    }
    configs.sort_by(|a, b| a.zone.name.cmp(&b.zone.name));
    let mut diagnostics = diagnostics.into_vec();
    crate::diagnostic::sort(&mut diagnostics);
    diagnostics.dedup();
    Checked {
        configs,
        diagnostics,
    }
}

fn check_zone(group: &zone::ZoneGroup, diagnostics: &mut Diagnostics) -> Option<ir::Config> {
    let symbols = Symbols::collect(group, diagnostics);
    let zone = zone::lower(group, diagnostics)?;
    let regions = zone::lower_regions(&symbols, diagnostics);
    let mut checks = BTreeMap::new();
    for def in symbols.checks.values() {
        if let Some(c) = health::lower_check(def, &symbols, diagnostics) {
            checks.insert(c.name.clone(), c);
        }
    }
    let mut endpoints = BTreeMap::new();
    for def in symbols.endpoints.values() {
        if let Some(e) = endpoints::lower_endpoint(def, &symbols, &regions, &zone, diagnostics) {
            endpoints.insert(e.name.clone(), e);
        }
    }
    let cidr_collections = cidr_collections::lower_collections(&symbols, diagnostics);
    let mut records = Vec::new();
    for def in &group.records {
        let Some(mut record) = records::lower_record_head(def, &zone, diagnostics) else {
            continue;
        };
        match &def.value {
            ast::RecordValue::Plain(values) => {
                match records::lower_plain_values(
                    record.record_type,
                    values,
                    &zone.name,
                    diagnostics,
                ) {
                    Some(rdata) => record.content = ir::RecordContent::Plain(rdata),
                    None => continue,
                }
            }
            ast::RecordValue::Routed(p) => {
                let env = policy::Env {
                    symbols: &symbols,
                    regions: &regions,
                    endpoints: &endpoints,
                    collections: &cidr_collections,
                    record_type: record.record_type,
                };
                match policy::lower_policy(p, &env, 0, diagnostics) {
                    Some(node) => record.content = ir::RecordContent::Routed(node),
                    None => continue,
                }
            }
        }
        records.push(record);
    }
    records.sort_by(|a, b| (&a.fqdn, a.record_type).cmp(&(&b.fqdn, b.record_type)));
    records::check_record_sets(&records, &zone, diagnostics);
    policy::check_routed_records(&records, &endpoints, &checks, &zone, diagnostics);
    let mut config = ir::Config {
        zone,
        regions,
        checks,
        endpoints,
        cidr_collections,
        records,
        graph: ir::DependencyGraph::default(),
    };
    config.graph = graph::build(&config, diagnostics);
    Some(config)
}

/// Every definition of one zone's configuration, by name (hash maps:
/// lookups are the hot path, and nothing iterates them in output order).
pub(crate) struct Symbols<'a> {
    pub regions: FxHashMap<&'a str, &'a ast::RegionDef>,
    pub checks: FxHashMap<&'a str, &'a ast::CheckDef>,
    pub endpoints: FxHashMap<&'a str, &'a ast::EndpointDef>,
    pub collections: FxHashMap<&'a str, &'a ast::CidrCollectionDef>,
}

impl<'a> Symbols<'a> {
    fn collect(group: &zone::ZoneGroup<'a>, diagnostics: &mut Diagnostics) -> Self {
        let mut symbols = Symbols {
            regions: FxHashMap::default(),
            checks: FxHashMap::default(),
            endpoints: FxHashMap::default(),
            collections: FxHashMap::default(),
        };
        // Definitions are visited in source order (file, offset) so that
        // "first defined here" points at the earlier one.
        let mut items: Vec<&Item> = group.items.clone();
        items.sort_by_key(|i| i.span());
        for item in items {
            match item {
                Item::Region(r) => insert(&mut symbols.regions, r, "region", diagnostics),
                Item::Check(c) => insert(&mut symbols.checks, c, "check", diagnostics),
                Item::Endpoint(e) => insert(&mut symbols.endpoints, e, "endpoint", diagnostics),
                Item::CidrCollection(c) => {
                    insert(&mut symbols.collections, c, "cidr_collection", diagnostics)
                }
                Item::Zone(_) | Item::Record(_) => {}
            }
        }
        symbols
    }

    pub fn region(
        &self,
        name: &Ident,
        diagnostics: &mut Diagnostics,
    ) -> Option<&'a ast::RegionDef> {
        resolve(&self.regions, name, "region", diagnostics)
    }

    pub fn check(&self, name: &Ident, diagnostics: &mut Diagnostics) -> Option<&'a ast::CheckDef> {
        resolve(&self.checks, name, "check", diagnostics)
    }

    pub fn endpoint(
        &self,
        name: &Ident,
        diagnostics: &mut Diagnostics,
    ) -> Option<&'a ast::EndpointDef> {
        resolve(&self.endpoints, name, "endpoint", diagnostics)
    }

    pub fn collection(
        &self,
        name: &Ident,
        diagnostics: &mut Diagnostics,
    ) -> Option<&'a ast::CidrCollectionDef> {
        resolve(&self.collections, name, "cidr_collection", diagnostics)
    }
}

/// A definition that is looked up by its name.
trait Named {
    fn name(&self) -> &Ident;
}

macro_rules! named {
    ($($t:ty),*) => {
        $(impl Named for $t {
            fn name(&self) -> &Ident {
                &self.name
            }
        })*
    };
}
named!(
    ast::RegionDef,
    ast::CheckDef,
    ast::EndpointDef,
    ast::CidrCollectionDef
);

fn insert<'a, T: Named>(
    table: &mut FxHashMap<&'a str, &'a T>,
    def: &'a T,
    kind: &str,
    diagnostics: &mut Diagnostics,
) {
    let name = def.name();
    if let Some(first) = table.get(name.name.as_str()) {
        diagnostics.push(
            Diagnostic::new(
                CheckCode::DuplicateDefinition,
                name.span,
                format!("{kind} `{}` is defined more than once", name.name),
            )
            .label("defined again here")
            .with_secondary(first.name().span, "first defined here")
            .hint(format!("rename one of them, or merge them into one {kind}")),
        );
    } else {
        table.insert(name.name.as_str(), def);
    }
}

/// Looks a name up, reporting `unknown-reference` with the closest name of
/// the same kind as a hint.
pub(crate) fn resolve<'a, T>(
    table: &FxHashMap<&'a str, &'a T>,
    name: &Ident,
    kind: &str,
    diagnostics: &mut Diagnostics,
) -> Option<&'a T> {
    if let Some(def) = table.get(name.name.as_str()) {
        return Some(def);
    }
    let hint = did_you_mean(&name.name, table.keys().copied()).or_else(|| {
        if table.is_empty() && !kind.contains(' ') {
            Some(format!(
                "no {kind} is defined; define one with `{kind} {} {{ ... }}`",
                name.name
            ))
        } else {
            None
        }
    });
    diagnostics.push(
        Diagnostic::new(
            CheckCode::UnknownReference,
            name.span,
            format!("unknown {kind} `{}`", name.name),
        )
        .label(format!("no {kind} of this name"))
        .maybe_hint(hint),
    );
    None
}
