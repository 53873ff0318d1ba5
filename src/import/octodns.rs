//! `steer import octodns ZONE.yaml`: an octoDNS zone (the YAML of its
//! YamlProvider, as `octodns-dump` writes it) → records, checks,
//! endpoints, pools and a CIDR collection.
//!
//! Plain records become `record` items; the apex NS set the zone's
//! `nameservers`. A `dynamic` record (A, AAAA, CNAME) becomes what
//! octoDNS's Route 53 provider deploys for it (octodns-route53,
//! `octodns_route53/provider.py`: `_new_dynamic`, `_Route53DynamicPool`,
//! `_Route53DynamicRule`, `_Route53DynamicValue`, `get_health_check_id`):
//!
//! - each pool is a failover (`_octodns-POOL-pool`): PRIMARY an alias,
//!   evaluating target health, to the pool's values (`_octodns-POOL-value`,
//!   weighted record sets, one per value, each with its health check);
//!   SECONDARY an alias to the `fallback` pool, or, without one, to the
//!   record's own values (`_octodns-default-pool`, no health check). In
//!   steer: `pool R_P = failover { primary weighted { ... }  secondary
//!   NEXT }`, with one endpoint per value and the record's values as the
//!   endpoint `R_default`;
//! - the rules become geolocation record sets aliased to the pools (a rule
//!   without `geos` is the `*` default): `geolocation { continent EU =>
//!   R_eu ... default => R_global }`, or the pool itself when the only
//!   rule is the catch-all;
//! - rules with `subnets` become CIDR routing (`_Route53DynamicSubnetRule`):
//!   octodns-route53 keeps every record's subnets in one CIDR collection,
//!   `octodns`, a location per set of networks, the catch-all being `*`;
//!   in steer `cidr_collection octodns { office [...] }` and `cidr octodns
//!   { office => R_office ... default => R_cloud }`. A record routing on
//!   both geos and subnets is refused by the provider ("mixed geo and
//!   subnet rules not supported") and skipped here;
//! - a value's health check: `octodns.healthcheck` (protocol, default
//!   HTTPS; port, default 443; path, default `/_dns`; host, default the
//!   record's name) and `octodns.route53.healthcheck` (`request_interval`,
//!   default 10; `failure_threshold`, default 6; `measure_latency`,
//!   default true). An address value is probed by address with the host
//!   as Host header; a CNAME value by its name (no Host header). Status
//!   `up` means no check, `down` a disabled and inverted one.
//!
//! What does not map is skipped with its place and the reason: rules
//! mixing geos and subnets, subnets Route 53 cannot hold (the record keeps
//! its static values), provinces outside the US, other record types,
//! protocols Route 53 cannot probe.

use super::messages;
use super::writer::{self, Block, Document, Geo, Member, Names, Namespace, Policy, Section};
use super::yaml::{self, Node};
use super::{ImportError, Imported, Skip};
use crate::check::cidr_collections::BadCidr;
use crate::check::ir::RecordType;
use crate::check::records::rdata;
use crate::diagnostic::Diagnostics;
use crate::source::{FileId, SourceMap, Span};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// octoDNS's YamlProvider `default_ttl`.
const DEFAULT_TTL: u64 = 3600;

/// The zone a file is for: its name without `.yaml` (octoDNS names zone
/// files `example.com.yaml`).
pub fn zone_of(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = name
        .strip_suffix(".yaml")
        .or_else(|| name.strip_suffix(".yml"))
        .unwrap_or(&name);
    name.trim_end_matches('.').to_string()
}

/// Imports `file` (already in `sources`) as the zone `zone`.
pub fn import(sources: &SourceMap, file: FileId, zone: &str) -> Result<Imported, ImportError> {
    let zone_ascii = crate::dns_name::to_ascii(zone)
        .map_err(|e| ImportError::new(messages::invalid_origin(zone, &e.to_string())))?;
    let source = sources.get(file);
    let root = yaml::parse(&source.text, file)?;
    let mut importer = Importer {
        sources,
        zone: zone_ascii,
        names: Names::new(),
        doc: Document::new(),
        skipped: Vec::new(),
        nameservers: Vec::new(),
        plain: Vec::new(),
        dynamic_ttls: Vec::new(),
        collection: Collection::default(),
    };
    importer
        .doc
        .header(messages::imported_from_octodns(&source.name));
    if let Some(root) = &root {
        for (name, value) in root.map("the zone file")? {
            let name_text = name.str("a record name")?;
            for record in value.items() {
                importer.record(name_text, name.span, record)?;
            }
        }
    }
    importer.finish()
}

struct Importer<'a> {
    sources: &'a SourceMap,
    zone: String,
    names: Names,
    doc: Document,
    skipped: Vec<Skip>,
    nameservers: Vec<(String, u64)>,
    /// Plain records: name as written, type, values as written, TTL.
    plain: Vec<(String, RecordType, Vec<String>, u64)>,
    dynamic_ttls: Vec<u64>,
    collection: Collection,
}

/// A dynamic rule as written: its pool (an index of the record's pools),
/// its geos and its subnets (each a non-empty list, if any).
type WrittenRule<'n> = (usize, Option<&'n Node>, Option<&'n Node>);

/// Where and why a record's dynamic routing is not imported.
type Refused = (Span, String);

/// What a dynamic rule routes on: a geo, a location of the CIDR
/// collection (the rule's subnets), or nothing (the catch-all).
#[derive(PartialEq)]
enum RuleKey {
    Geo(Geo),
    Location(String),
    Default,
}

/// The CIDR collection the subnet rules of every record route on, as
/// octodns-route53 keeps them (`Route53Provider._CIDR_COLLECTION_NAME`,
/// `octodns`): one location per set of blocks (`_cidr_location_name`
/// keys a location by its sorted blocks), shared by the rules that list
/// the same set.
#[derive(Default)]
struct Collection {
    /// Its steer name, once a record routes on it.
    name: Option<String>,
    /// Locations in the order made: name and blocks (canonical, as first
    /// written).
    locations: Vec<(String, Vec<String>)>,
    /// The location of each set of blocks (sorted), and of each block.
    by_blocks: HashMap<Vec<String>, usize>,
    by_block: HashMap<String, usize>,
    names: HashSet<String>,
}

impl Collection {
    fn name(&mut self, names: &mut Names) -> String {
        self.name
            .get_or_insert_with(|| names.unique(Namespace::CidrCollection, "octodns"))
            .clone()
    }
}

/// An octoDNS pool as written: its name, its values (with weight and
/// place) and its fallback.
struct OctoPool {
    name: String,
    span: Span,
    values: Vec<(Value, u64, Span)>,
    fallback: Option<(String, Span)>,
}

/// What a pool value is: its data and status.
#[derive(Clone, PartialEq, Eq, Hash)]
struct Value {
    data: String,
    status: String,
}

impl Importer<'_> {
    fn skip(&mut self, span: Span, what: String, reason: String) {
        self.skipped
            .push(Skip::at(self.sources, span, what, reason));
    }

    fn record(&mut self, name: &str, name_span: Span, record: &Node) -> Result<(), ImportError> {
        record.map("a record")?;
        let type_node = record
            .get("type")
            .ok_or_else(|| messages::yaml_missing(record.span, "a record", "type"))?;
        let type_word = type_node.str("a record's type")?.to_ascii_uppercase();
        let fqdn = if name.is_empty() {
            self.zone.clone()
        } else {
            crate::dns_name::qualify(name, &self.zone)
                .map_err(|e| messages::invalid_name(name_span, name, &e.to_string()))?
        };
        let display = crate::dns_name::to_display(&fqdn);
        let what = messages::skipped_record(&type_word, &display);
        let octodns = record.get("octodns");
        if octodns
            .and_then(|o| o.get("ignored"))
            .map(|n| n.boolean("`ignored`"))
            .transpose()?
            == Some(true)
        {
            self.skip(type_node.span, what, messages::octodns_ignored());
            return Ok(());
        }
        let ttl = match record.get("ttl") {
            Some(t) => t.number("a TTL", 0, 2_147_483_647)?,
            None => DEFAULT_TTL,
        };
        let Some(record_type) = RecordType::parse(&type_word) else {
            self.skip(type_node.span, what, messages::unsupported_type(&type_word));
            return Ok(());
        };
        let values = record
            .get("values")
            .or_else(|| record.get("value"))
            .ok_or_else(|| messages::yaml_missing(record.span, "a record", "values"))?;
        let values = self.values(record_type, values)?;
        if let Some(dynamic) = record.get("dynamic") {
            if matches!(
                record_type,
                RecordType::A | RecordType::Aaaa | RecordType::Cname
            ) {
                return self.dynamic(&fqdn, name, record_type, ttl, &values, dynamic, octodns);
            }
            self.skip(
                dynamic.span,
                messages::octodns_dynamic_of(&what),
                messages::dynamic_type(&type_word),
            );
        }
        if record_type == RecordType::Ns && fqdn == self.zone {
            for (_, name) in values {
                self.nameservers.push((name, ttl));
            }
            return Ok(());
        }
        let written = values.into_iter().map(|(v, _)| v).collect();
        self.plain.push((
            writer::record_name(&fqdn, &self.zone),
            record_type,
            written,
            ttl,
        ));
        Ok(())
    }

    /// A record's values in steer's form (quoted where steer quotes them),
    /// each checked by steer's reading of its type, repeats skipped.
    fn values(
        &mut self,
        record_type: RecordType,
        node: &Node,
    ) -> Result<Vec<(String, String)>, ImportError> {
        let mut out: Vec<(String, String)> = Vec::new();
        let mut keys = HashSet::new();
        for item in node.items() {
            let text = match record_type {
                RecordType::A | RecordType::Aaaa => {
                    let s = item.str("an address")?;
                    s.parse::<std::net::IpAddr>()
                        .map_or_else(|_| s.to_string(), |a| a.to_string())
                }
                RecordType::Cname | RecordType::Ns | RecordType::Ptr => {
                    name_value(item.str("a name")?)
                }
                // octoDNS escapes `;` in TXT values (`\;`).
                RecordType::Txt => item.str("a TXT value")?.replace("\\;", ";"),
                RecordType::Mx => {
                    item.map("an MX value")?;
                    let preference = field(item, &["preference", "priority"], "an MX value")?;
                    let exchange = field(item, &["exchange", "value"], "an MX value")?;
                    format!(
                        "{} {}",
                        preference.str("the preference")?,
                        name_value(exchange.str("the exchange")?)
                    )
                }
                RecordType::Srv => {
                    item.map("an SRV value")?;
                    let mut parts = Vec::new();
                    for key in ["priority", "weight", "port"] {
                        parts.push(field(item, &[key], "an SRV value")?.str(key)?.to_string());
                    }
                    parts.push(name_value(
                        field(item, &["target"], "an SRV value")?.str("target")?,
                    ));
                    parts.join(" ")
                }
                RecordType::Caa => {
                    item.map("a CAA value")?;
                    let flags = item
                        .get("flags")
                        .map(|f| f.str("flags"))
                        .transpose()?
                        .unwrap_or("0");
                    let tag = field(item, &["tag"], "a CAA value")?.str("tag")?;
                    let value = field(item, &["value"], "a CAA value")?.str("value")?;
                    format!(
                        "{flags} {tag} \"{}\"",
                        value.replace('\\', "\\\\").replace('"', "\\\"")
                    )
                }
            };
            let mut diagnostics = Diagnostics::new();
            let Some(parsed) =
                rdata::parse(record_type, &text, &self.zone, item.span, &mut diagnostics)
            else {
                let problem = diagnostics
                    .first()
                    .map_or(String::new(), |d| d.message.clone());
                return Err(messages::invalid_record_data(
                    item.span,
                    record_type.as_str(),
                    &problem,
                )
                .into());
            };
            if !keys.insert(format!("{parsed:?}")) {
                self.skip(
                    item.span,
                    messages::skipped_value(record_type.as_str(), &text),
                    messages::repeated_value(),
                );
                continue;
            }
            let written = match record_type {
                RecordType::A | RecordType::Aaaa => text.clone(),
                _ => writer::string(&text),
            };
            out.push((written, text));
        }
        Ok(out)
    }

    #[allow(clippy::too_many_arguments)]
    fn dynamic(
        &mut self,
        fqdn: &str,
        name: &str,
        record_type: RecordType,
        ttl: u64,
        statics: &[(String, String)],
        dynamic: &Node,
        octodns: Option<&Node>,
    ) -> Result<(), ImportError> {
        let display = crate::dns_name::to_display(fqdn);
        let pools_node = dynamic
            .get("pools")
            .ok_or_else(|| messages::yaml_missing(dynamic.span, "`dynamic`", "pools"))?;
        let rules_node = dynamic
            .get("rules")
            .ok_or_else(|| messages::yaml_missing(dynamic.span, "`dynamic`", "rules"))?;
        // Pools in the order written: name, values, fallback.
        let mut pools: Vec<OctoPool> = Vec::new();
        for (pool_name, pool) in pools_node.map("`pools`")? {
            let pool_name_text = pool_name.str("a pool name")?.to_string();
            pool.map("a pool")?;
            let values = pool
                .get("values")
                .ok_or_else(|| messages::yaml_missing(pool.span, "a pool", "values"))?;
            let mut list = Vec::new();
            for v in values.items() {
                v.map("a pool value")?;
                let data = field(v, &["value"], "a pool value")?;
                let weight = match v.get("weight") {
                    Some(w) => w.number("a weight", 0, 255)?,
                    None => 1,
                };
                let status = match v.get("status") {
                    Some(s) => {
                        let s = s.str("a status")?.to_ascii_lowercase();
                        if !matches!(s.as_str(), "up" | "down" | "obey") {
                            return Err(messages::invalid_field(
                                v.get("status").map_or(v.span, |n| n.span),
                                "a value's status",
                                messages::octodns_statuses(),
                            )
                            .into());
                        }
                        s
                    }
                    None => "obey".to_string(),
                };
                let checked = self.values(record_type, data)?;
                let Some((_, text)) = checked.into_iter().next() else {
                    continue;
                };
                list.push((Value { data: text, status }, weight, data.span));
            }
            let fallback = pool
                .get("fallback")
                .map(|f| f.str("a fallback").map(|s| (s.to_string(), f.span)))
                .transpose()?;
            pools.push(OctoPool {
                name: pool_name_text,
                span: pool_name.span,
                values: list,
                fallback,
            });
        }
        let known: Vec<&str> = pools.iter().map(|p| p.name.as_str()).collect();
        let index: HashMap<&str, usize> = known.iter().enumerate().map(|(i, n)| (*n, i)).collect();
        // Every fallback names a pool before any chain is followed, so a
        // chain only ever meets known pools.
        for (to, span) in pools.iter().filter_map(|p| p.fallback.as_ref()) {
            if !index.contains_key(to.as_str()) {
                return Err(messages::unknown_pool(*span, to, &known).into());
            }
        }
        if let Some((span, chain)) = fallback_loop(&pools, &index, &mut 0) {
            return Err(messages::fallback_loop(span, &chain).into());
        }
        // Rules, in the order written: each routes on geos, on subnets, or
        // on nothing (the catch-all). An empty list is no list, as for
        // octoDNS (`rule.get('geos', [])`, then `if geos:`).
        let mut written: Vec<WrittenRule> = Vec::new();
        let mut catch_all = false;
        for rule in rules_node.items() {
            rule.map("a rule")?;
            let pool = field(rule, &["pool"], "a rule")?;
            let pool_name = pool.str("a rule's pool")?;
            let Some(&at) = index.get(pool_name) else {
                return Err(messages::unknown_pool(pool.span, pool_name, &known).into());
            };
            let listed = |key: &str| {
                rule.get(key)
                    .filter(|n| !n.is_null() && !n.items().is_empty())
            };
            let (geos, subnets) = (listed("geos"), listed("subnets"));
            if geos.is_none() && subnets.is_none() {
                // octoDNS refuses a second one (`duplicate default`).
                if catch_all {
                    return Err(messages::second_catch_all(rule.span).into());
                }
                catch_all = true;
            }
            written.push((at, geos, subnets));
        }
        let mut rules: Vec<(RuleKey, usize)> = Vec::new();
        let geo_rule = written.iter().find_map(|(_, geos, _)| *geos);
        let subnet_rule = written.iter().find_map(|(_, _, subnets)| *subnets);
        if let (Some(_), Some(subnets)) = (geo_rule, subnet_rule) {
            // octodns-route53 refuses a record whose rules route on both
            // (`Route53Provider._process_desired_zone`: "mixed geo and
            // subnet rules not supported"), within one rule or across rules.
            let why = messages::mixed_geo_and_subnet_rules();
            self.plain_fallback(subnets.span, why, fqdn, record_type, ttl, statics);
            return Ok(());
        } else if subnet_rule.is_some() {
            match self.subnet_rules(&written, &pools)? {
                Ok(keys) => rules = keys.into_iter().zip(written.iter().map(|w| w.0)).collect(),
                Err((span, why)) => {
                    self.plain_fallback(span, why, fqdn, record_type, ttl, statics);
                    return Ok(());
                }
            }
        } else {
            for &(at, geos, _) in &written {
                let Some(geos) = geos else {
                    rules.push((RuleKey::Default, at));
                    continue;
                };
                for geo in geos.items() {
                    let code = geo.str("a geo code")?;
                    match self.geo(code, geo.span)? {
                        Some(g) => rules.push((RuleKey::Geo(g), at)),
                        None => self.skip(
                            geo.span,
                            messages::part_of_record(
                                &messages::octodns_geo_part(code),
                                record_type.as_str(),
                                &display,
                            ),
                            messages::province_outside_us(),
                        ),
                    }
                }
            }
        }
        if rules.is_empty() {
            let why = messages::no_rules();
            self.plain_fallback(rules_node.span, why, fqdn, record_type, ttl, statics);
            return Ok(());
        }
        // The pools the rules reach, with their fallbacks.
        let mut used = vec![false; pools.len()];
        for (_, at) in &rules {
            let mut next = Some(*at);
            while let Some(i) = next {
                if used[i] {
                    break;
                }
                used[i] = true;
                next = pools[i].fallback.as_ref().map(|(s, _)| index[s.as_str()]);
            }
        }
        for (i, pool) in pools.iter().enumerate() {
            if !used[i] {
                self.skip(
                    pool.span,
                    messages::part_of_record(
                        &messages::octodns_pool_part(&pool.name),
                        record_type.as_str(),
                        &display,
                    ),
                    messages::unused_octodns_pool(),
                );
            }
        }
        let settings = HealthSettings::of(octodns, fqdn)?;
        let base = if name.is_empty() {
            "apex".to_string()
        } else {
            name.to_string()
        };
        let base = if record_type == RecordType::A {
            base
        } else {
            format!("{base}_{}", record_type.as_str().to_ascii_lowercase())
        };
        // One endpoint (and check) per distinct value and status, in the
        // order first used.
        let mut endpoints: HashMap<Value, String> = HashMap::new();
        let mut first_check = true;
        for (i, OctoPool { values, .. }) in pools.iter().enumerate() {
            if !used[i] {
                continue;
            }
            for (value, _, span) in values {
                if endpoints.contains_key(value) {
                    continue;
                }
                let ep = self
                    .names
                    .unique(Namespace::Endpoint, &format!("{base}_{}", value.data));
                let mut endpoint =
                    Block::new("endpoint", &ep).set(answer(record_type, &value.data));
                if value.status != "up" {
                    match &settings.protocol {
                        Err(protocol) => {
                            self.skip(
                                *span,
                                messages::octodns_check_of(&value.data, &display),
                                messages::unprobeable_protocol(protocol),
                            );
                        }
                        Ok(_) => {
                            let check = self.names.unique(Namespace::Check, &ep);
                            let comment = first_check
                                .then(|| messages::octodns_check_comment(&settings.describe()));
                            first_check = false;
                            let text = settings.check(
                                &check,
                                record_type,
                                &value.data,
                                value.status == "down",
                            );
                            self.doc
                                .push_commented(Section::Checks, comment.as_deref(), text);
                            endpoint = endpoint.set(format!("check {check}"));
                        }
                    }
                }
                self.doc.push(Section::Endpoints, endpoint.text());
                endpoints.insert(value.clone(), ep);
            }
        }
        let default_ep = self
            .names
            .unique(Namespace::Endpoint, &format!("{base}_default"));
        let answers: Vec<&str> = statics.iter().map(|(_, t)| t.as_str()).collect();
        self.doc.push_commented(
            Section::Endpoints,
            Some(&messages::octodns_default_pool()),
            Block::new("endpoint", &default_ep)
                .set(answers_of(record_type, &answers))
                .text(),
        );
        // Pools, each a failover to its fallback or to the default values.
        let pool_names: Vec<Option<String>> = pools
            .iter()
            .enumerate()
            .map(|(i, p)| {
                used[i].then(|| {
                    self.names
                        .unique(Namespace::Endpoint, &format!("{base}_{}", p.name))
                })
            })
            .collect();
        for (
            i,
            OctoPool {
                values, fallback, ..
            },
        ) in pools.iter().enumerate()
        {
            let Some(steer_name) = &pool_names[i] else {
                continue;
            };
            let members: Vec<(Member, u32)> = values
                .iter()
                .map(|(v, w, _)| {
                    (
                        Member::name(endpoints[v].clone()),
                        u32::try_from(*w).unwrap_or(u32::MAX),
                    )
                })
                .collect();
            let primary = match members.as_slice() {
                [(only, _)] => only.clone(),
                _ => Member::from(Policy::Weighted(members)),
            };
            let secondary = match fallback {
                Some((to, _)) => pool_names[index[to.as_str()]]
                    .clone()
                    .unwrap_or_else(|| default_ep.clone()),
                None => default_ep.clone(),
            };
            let policy = Policy::Failover {
                primary: Box::new(primary),
                secondary: Box::new(Member::name(secondary)),
            };
            self.doc
                .push(Section::Pools, writer::pool(steer_name, &policy, Some(ttl)));
        }
        self.dynamic_ttls.push(ttl);
        let member = |at: usize| Member::name(pool_names[at].clone().unwrap_or_default());
        let only_default = rules.len() == 1 && rules[0].0 == RuleKey::Default;
        let on_subnets = rules.iter().any(|(k, _)| matches!(k, RuleKey::Location(_)));
        let (policy, comment) = if only_default {
            (
                Policy::Name(pool_names[rules[0].1].clone().unwrap_or_default()),
                messages::octodns_dynamic_comment(true),
            )
        } else if on_subnets {
            let collection = self.collection.name(&mut self.names);
            let rules = rules
                .into_iter()
                .map(|(key, at)| match key {
                    RuleKey::Location(l) => (Some(l), member(at)),
                    _ => (None, member(at)),
                })
                .collect();
            (
                Policy::Cidr { collection, rules },
                messages::octodns_subnet_comment(),
            )
        } else {
            let rules = rules
                .into_iter()
                .map(|(key, at)| match key {
                    RuleKey::Geo(g) => (g, member(at)),
                    _ => (Geo::Default, member(at)),
                })
                .collect();
            (
                Policy::Geolocation(rules),
                messages::octodns_dynamic_comment(false),
            )
        };
        let record_name = writer::record_name(fqdn, &self.zone);
        self.doc.push_commented(
            Section::Records,
            Some(&comment),
            writer::routed_record(&record_name, record_type.as_str(), &policy, None),
        );
        Ok(())
    }

    /// The locations of a record's subnet rules (`written`: each rule's
    /// pool and subnets), made in the collection, with `Default` for the
    /// catch-all; or where and why the record's routing cannot be
    /// imported (the collection is then left as it was). A subnet octoDNS
    /// rejects (`Subnets.validate`: `ipaddress.ip_network`, which refuses
    /// host bits) is an error.
    ///
    /// In Route 53 a block belongs to one location of a collection and a
    /// record routes a location once (`CidrRoutingConfig`; IPv4 blocks
    /// /1 to /24, IPv6 /1 to /48: Developer Guide, "IP-based routing",
    /// <https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy-ipbased.html>).
    fn subnet_rules(
        &mut self,
        written: &[WrittenRule],
        pools: &[OctoPool],
    ) -> Result<Result<Vec<RuleKey>, Refused>, ImportError> {
        // Locations this record adds: name, blocks as written and sorted,
        // and where each set and block is among them.
        let mut new: Vec<(String, Vec<String>, Vec<String>)> = Vec::new();
        let mut new_sets: HashMap<Vec<String>, usize> = HashMap::new();
        let mut new_blocks: HashMap<String, usize> = HashMap::new();
        let mut new_names: HashSet<String> = HashSet::new();
        let mut routed: HashSet<String> = HashSet::new();
        let mut keys = Vec::new();
        for &(at, _, subnets) in written {
            let Some(subnets) = subnets else {
                keys.push(RuleKey::Default);
                continue;
            };
            let mut blocks: Vec<(String, Span)> = Vec::new();
            for item in subnets.items() {
                let text = item.str("a subnet")?;
                match crate::check::cidr_collections::cidr_block(text) {
                    Ok((canonical, _, _)) => blocks.push((canonical, item.span)),
                    Err(BadCidr::PrefixOutOfRange { .. }) => {
                        return Ok(Err((item.span, messages::subnet_outside_route53(text))));
                    }
                    // octoDNS reads a bare address as its /32 or /128.
                    Err(BadCidr::NoPrefix) if text.parse::<std::net::IpAddr>().is_ok() => {
                        return Ok(Err((item.span, messages::subnet_outside_route53(text))));
                    }
                    Err(BadCidr::HostBits { network, prefix }) => {
                        let problem = messages::octodns_host_bits(&format!("{network}/{prefix}"));
                        return Err(messages::invalid_subnet(item.span, text, &problem).into());
                    }
                    Err(_) => {
                        let problem = messages::octodns_not_network();
                        return Err(messages::invalid_subnet(item.span, text, problem).into());
                    }
                }
            }
            // The location's blocks as first written; its key, sorted.
            let mut listed = HashSet::new();
            blocks.retain(|(b, _)| listed.insert(b.clone()));
            let written_order: Vec<String> = blocks.iter().map(|(b, _)| b.clone()).collect();
            let mut set = written_order.clone();
            set.sort();
            let name = if let Some(&i) = self.collection.by_blocks.get(&set) {
                self.collection.locations[i].0.clone()
            } else if let Some(&i) = new_sets.get(&set) {
                new[i].0.clone()
            } else {
                for (block, span) in &blocks {
                    let holder = match self.collection.by_block.get(block) {
                        Some(&i) => Some(&self.collection.locations[i].0),
                        None => new_blocks.get(block).map(|&i| &new[i].0),
                    };
                    if let Some(holder) = holder {
                        return Ok(Err((
                            *span,
                            messages::subnet_in_two_locations(block, holder),
                        )));
                    }
                }
                let taken = &self.collection.names;
                let name = location_name(&pools[at].name, |n| {
                    taken.contains(n) || new_names.contains(n)
                });
                new_names.insert(name.clone());
                for block in &set {
                    new_blocks.insert(block.clone(), new.len());
                }
                new_sets.insert(set.clone(), new.len());
                new.push((name.clone(), written_order, set));
                name
            };
            if !routed.insert(name.clone()) {
                return Ok(Err((subnets.span, messages::subnets_repeated(&name))));
            }
            keys.push(RuleKey::Location(name));
        }
        let collection = &mut self.collection;
        for (name, blocks, set) in new {
            let i = collection.locations.len();
            for block in &blocks {
                collection.by_block.insert(block.clone(), i);
            }
            collection.by_blocks.insert(set, i);
            collection.names.insert(name.clone());
            collection.locations.push((name, blocks));
        }
        Ok(Ok(keys))
    }

    /// A dynamic record whose routing is skipped (at `span`, because
    /// `why`): its static values, as octoDNS providers without dynamic
    /// support publish them.
    fn plain_fallback(
        &mut self,
        span: Span,
        why: String,
        fqdn: &str,
        record_type: RecordType,
        ttl: u64,
        statics: &[(String, String)],
    ) {
        let display = crate::dns_name::to_display(fqdn);
        let what = messages::part_of_record("dynamic routing", record_type.as_str(), &display);
        self.skip(span, what, why);
        let written = statics.iter().map(|(w, _)| w.clone()).collect();
        self.plain.push((
            writer::record_name(fqdn, &self.zone),
            record_type,
            written,
            ttl,
        ));
    }

    /// An octoDNS geo code → steer's location: `EU` a continent, `EU-DE`
    /// a country, `NA-US-CA` a US state; `None` for a province elsewhere.
    fn geo(&self, code: &str, span: Span) -> Result<Option<Geo>, ImportError> {
        let parts: Vec<&str> = code.split('-').collect();
        let continent = parts[0];
        if crate::geo::continent_name(continent).is_none() {
            return Err(messages::invalid_geo(
                span,
                code,
                &messages::octodns_not_continent(continent),
            )
            .into());
        }
        match parts.as_slice() {
            [c] => Ok(Some(Geo::Continent((*c).to_string()))),
            [_, country] => {
                if crate::geo::country_name(country).is_none() {
                    return Err(messages::invalid_geo(
                        span,
                        code,
                        &messages::octodns_not_country(country),
                    )
                    .into());
                }
                Ok(Some(Geo::Country((*country).to_string())))
            }
            [_, "US", state] => {
                if crate::geo::us_subdivision_name(state).is_none() {
                    return Err(messages::invalid_geo(
                        span,
                        code,
                        &messages::octodns_not_state(state),
                    )
                    .into());
                }
                Ok(Some(Geo::Subdivision(format!("US-{state}"))))
            }
            [_, _, _] => Ok(None),
            _ => Err(messages::invalid_geo(span, code, "too many parts").into()),
        }
    }

    fn finish(mut self) -> Result<Imported, ImportError> {
        let mut ttls: Vec<u64> = self.plain.iter().map(|p| p.3).collect();
        ttls.extend(&self.dynamic_ttls);
        let zone_ttl = writer::most_common_ttl(ttls.into_iter()).unwrap_or(DEFAULT_TTL);
        let mut zone = Block::new(
            "zone",
            &writer::string(&crate::dns_name::to_display(&self.zone)),
        )
        .set(format!("ttl {}", writer::duration(zone_ttl)));
        let mut comment = None;
        if !self.nameservers.is_empty() {
            zone = zone.set(format!(
                "nameservers {}",
                writer::list(self.nameservers.iter().map(|(n, _)| writer::string(n)))
            ));
            if let Some((_, ttl)) = self.nameservers.iter().find(|(_, t)| *t != zone_ttl) {
                comment = Some(messages::apex_ns_ttl(*ttl, zone_ttl));
            }
        }
        self.doc
            .push_commented(Section::Zone, comment.as_deref(), zone.text());
        if let Some(name) = &self.collection.name {
            let mut block = Block::new("cidr_collection", name);
            for (location, blocks) in &self.collection.locations {
                block = block.set(format!("{location} {}", writer::list(blocks)));
            }
            self.doc.push_commented(
                Section::CidrCollections,
                Some(&messages::octodns_cidr_collection_comment()),
                block.text(),
            );
        }
        for (name, record_type, values, ttl) in &self.plain {
            let ttl = (*ttl != zone_ttl).then_some(*ttl);
            self.doc.push(
                Section::Records,
                writer::plain_record(name, record_type.as_str(), values, ttl),
            );
        }
        let (text, mut summary) = self.doc.render()?;
        summary.skipped = self.skipped;
        Ok(Imported { text, summary })
    }
}

/// `exchange.example.net.` → `exchange.example.net` (names in steer's
/// record data are absolute either way); `.` stays.
fn name_value(s: &str) -> String {
    if s == "." {
        s.to_string()
    } else {
        s.strip_suffix('.').unwrap_or(s).to_string()
    }
}

/// The first of `keys` a mapping has.
fn field<'n>(node: &'n Node, keys: &[&str], what: &str) -> Result<&'n Node, ImportError> {
    keys.iter()
        .find_map(|k| node.get(k))
        .ok_or_else(|| messages::yaml_missing(node.span, what, keys[0]).into())
}

/// A location name for a rule routing to `pool`: the pool's name as an
/// identifier ([`writer::identifier`]), at most 16 characters (Route 53's
/// `LocationName`), not a keyword, with `_2`, `_3`, ... while `taken`.
fn location_name(pool: &str, taken: impl Fn(&str) -> bool) -> String {
    const MAX: usize = 16;
    let mut base = writer::identifier(pool);
    if base.is_empty() || base.starts_with(|c: char| c.is_ascii_digit()) {
        base = format!("loc_{base}");
    }
    let mut n = 1;
    loop {
        let suffix = if n == 1 {
            String::new()
        } else {
            format!("_{n}")
        };
        let kept: String = base.chars().take(MAX - suffix.len()).collect();
        let name = format!("{}{suffix}", kept.trim_end_matches('_'));
        if !taken(&name) && !writer::KEYWORDS.contains(&name.as_str()) {
            return name;
        }
        n += 1;
    }
}

/// The first fallback loop, from the pool written first whose chain
/// loops: the place of that pool's `fallback` and the chain written out
/// (`a → b → c → b`). Every fallback names a pool of `index`.
///
/// Linear in the number of pools: each pool is walked once. A pool is
/// `Done` once its chain is known to end; a walk stops at the first done
/// pool (no loop lies beyond it) or at a pool already on the walk (the
/// loop). The first walk that finds a loop starts at the same pool as a
/// walk from every pool in turn would, so the error is the same. `steps`
/// counts the pools walked through (tests check that it stays linear).
fn fallback_loop(
    pools: &[OctoPool],
    index: &HashMap<&str, usize>,
    steps: &mut usize,
) -> Option<(Span, String)> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        OnWalk,
        Done,
    }
    let next = |i: usize| pools[i].fallback.as_ref().map(|(to, _)| index[to.as_str()]);
    let mut marks = vec![Mark::New; pools.len()];
    let mut walk: Vec<usize> = Vec::new();
    for start in 0..pools.len() {
        walk.clear();
        let mut at = Some(start);
        while let Some(i) = at {
            match marks[i] {
                Mark::Done => break,
                Mark::OnWalk => {
                    let span = pools[start].fallback.as_ref().map(|(_, s)| *s)?;
                    let mut chain: Vec<&str> =
                        walk.iter().map(|&w| pools[w].name.as_str()).collect();
                    chain.push(&pools[i].name);
                    return Some((span, chain.join(" → ")));
                }
                Mark::New => {
                    marks[i] = Mark::OnWalk;
                    walk.push(i);
                    *steps += 1;
                    at = next(i);
                }
            }
        }
        for &w in &walk {
            marks[w] = Mark::Done;
        }
    }
    None
}

/// An endpoint's answer for one value.
fn answer(record_type: RecordType, value: &str) -> String {
    answers_of(record_type, &[value])
}

fn answers_of(record_type: RecordType, values: &[&str]) -> String {
    match record_type {
        RecordType::A => format!("a {}", writer::list(values)),
        RecordType::Aaaa => format!("aaaa {}", writer::list(values)),
        _ => format!(
            "cname {}",
            writer::string(values.first().copied().unwrap_or_default())
        ),
    }
}

/// A record's health-check settings, with octoDNS's and octodns-route53's
/// defaults.
struct HealthSettings {
    /// `http`, `https` or `tcp`; the protocol as written when Route 53
    /// cannot probe it (UDP, ICMP).
    protocol: Result<&'static str, String>,
    host: String,
    path: String,
    port: u64,
    interval: u64,
    threshold: u64,
    measure_latency: bool,
}

impl HealthSettings {
    fn of(octodns: Option<&Node>, fqdn: &str) -> Result<Self, ImportError> {
        let hc = octodns.and_then(|o| o.get("healthcheck"));
        let get = |key: &str| hc.and_then(|h| h.get(key));
        let protocol_text = get("protocol")
            .map(|p| p.str("a protocol"))
            .transpose()?
            .unwrap_or("HTTPS")
            .to_ascii_uppercase();
        let protocol = match protocol_text.as_str() {
            "HTTP" => Ok("http"),
            "HTTPS" => Ok("https"),
            "TCP" => Ok("tcp"),
            _ => Err(protocol_text.clone()),
        };
        let port = match get("port") {
            Some(p) => p.number("a port", 1, 65_535)?,
            None => 443,
        };
        let host = get("host")
            .map(|h| h.str("a host"))
            .transpose()?
            .map_or_else(|| fqdn.to_string(), str::to_string);
        let path = get("path")
            .map(|p| p.str("a path"))
            .transpose()?
            .unwrap_or("/_dns")
            .to_string();
        let r53 = octodns
            .and_then(|o| o.get("route53"))
            .and_then(|r| r.get("healthcheck"));
        let r53get = |key: &str| r53.and_then(|h| h.get(key));
        let interval = match r53get("request_interval") {
            Some(i) => {
                let n = i.number("`request_interval`", 10, 30)?;
                if n != 10 && n != 30 {
                    return Err(messages::invalid_field(
                        i.span,
                        "`request_interval`",
                        messages::octodns_request_interval(),
                    )
                    .into());
                }
                n
            }
            None => 10,
        };
        let threshold = match r53get("failure_threshold") {
            Some(t) => t.number("`failure_threshold`", 1, 10)?,
            None => 6,
        };
        let measure_latency = match r53get("measure_latency") {
            Some(m) => m.boolean("`measure_latency`")?,
            None => true,
        };
        Ok(HealthSettings {
            protocol,
            host,
            path,
            port,
            interval,
            threshold,
            measure_latency,
        })
    }

    /// `HTTPS /_dns on 443, every 10s, 6 failures, latency measured`.
    fn describe(&self) -> String {
        let protocol = self
            .protocol
            .as_ref()
            .map_or_else(|p| p.clone(), |p| p.to_ascii_uppercase());
        messages::octodns_check_settings(
            &protocol,
            (protocol != "TCP").then_some(self.path.as_str()),
            self.port,
            self.interval,
            self.threshold,
            self.measure_latency,
        )
    }

    /// The check of one value.
    fn check(&self, name: &str, record_type: RecordType, value: &str, down: bool) -> String {
        let protocol = self.protocol.as_ref().copied().unwrap_or("https");
        let by_address = matches!(record_type, RecordType::A | RecordType::Aaaa);
        let target = if by_address {
            value.to_string()
        } else {
            writer::string(value)
        };
        let default_port = match protocol {
            "http" => Some(80),
            "https" => Some(443),
            _ => None,
        };
        let mut block = Block::new("check", name).set(format!("{protocol} {target}"));
        if protocol != "tcp" {
            if by_address {
                block = block.set_str("host", &self.host);
            }
            block = block.set_str("path", &self.path);
        }
        if default_port != Some(self.port) {
            block = block.set(format!("port {}", self.port));
        }
        block
            .maybe((self.interval != 30).then(|| format!("every {}s", self.interval)))
            .maybe((self.threshold != 3).then(|| format!("unhealthy_after {}", self.threshold)))
            .flag("measure_latency", self.measure_latency)
            .flag("disabled", down)
            .flag("inverted", down)
            .text()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_zone_is_the_file_name_without_yaml() {
        assert_eq!(zone_of(Path::new("zones/example.com.yaml")), "example.com");
        assert_eq!(zone_of(Path::new("example.org.yml")), "example.org");
    }

    #[test]
    fn location_names_are_short_identifiers_unique_in_the_collection() {
        let taken: HashSet<String> = ["office", "partners_in_euro", "partners_in_eu_2"]
            .into_iter()
            .map(str::to_string)
            .collect();
        let name = |pool: &str| location_name(pool, |n| taken.contains(n));
        assert_eq!(name("Europe-West"), "europe_west");
        assert_eq!(name("office"), "office_2");
        // At most 16 characters, the suffix included.
        assert_eq!(name("partners-in-europe"), "partners_in_eu_3");
        assert_eq!(name("default"), "default_2", "a keyword");
        assert_eq!(name("1st"), "loc_1st");
        assert_eq!(name("--"), "loc");
    }

    /// Pools `p0`, `p1`, ... in `order`, each `pi` falling back to the pool
    /// `to(i)` names, each fallback's span starting at its pool's number.
    fn chain(n: usize, order: &[usize], to: impl Fn(usize) -> Option<usize>) -> Vec<OctoPool> {
        let mut sources = SourceMap::new();
        let file = sources.add("pools", " ".repeat(n + 1));
        order
            .iter()
            .map(|&i| OctoPool {
                name: format!("p{i}"),
                span: Span::new(file, i, i),
                values: Vec::new(),
                fallback: to(i).map(|t| (format!("p{t}"), Span::new(file, i, i + 1))),
            })
            .collect()
    }

    fn index(pools: &[OctoPool]) -> HashMap<&str, usize> {
        pools
            .iter()
            .enumerate()
            .map(|(i, p)| (p.name.as_str(), i))
            .collect()
    }

    /// 2,000 pools in one chain: following every pool's chain from every
    /// pool would walk 2,001,000 pools; each is walked once, in either order.
    #[test]
    fn the_fallback_loop_check_walks_each_pool_once() {
        let n = 2_000;
        let forward: Vec<usize> = (0..n).collect();
        let backward: Vec<usize> = (0..n).rev().collect();
        for order in [forward, backward] {
            let pools = chain(n, &order, |i| (i + 1 < n).then_some(i + 1));
            let mut steps = 0;
            assert!(fallback_loop(&pools, &index(&pools), &mut steps).is_none());
            assert_eq!(steps, n);
        }
    }

    /// A loop at the end of a long chain is found, from the pool written
    /// first, in linear steps.
    #[test]
    fn a_loop_at_the_end_of_a_long_chain_is_found_from_the_first_pool() {
        let n = 2_000;
        let order: Vec<usize> = (0..n).collect();
        let pools = chain(n, &order, |i| Some(if i + 1 < n { i + 1 } else { 1_000 }));
        let mut steps = 0;
        let (span, text) = fallback_loop(&pools, &index(&pools), &mut steps).unwrap();
        assert_eq!(span.start, 0, "the first pool's fallback");
        assert!(text.starts_with("p0 → p1 → p2 → "), "{text}");
        assert!(text.ends_with("p1998 → p1999 → p1000"), "{text}");
        assert_eq!(steps, n);
        // A pool falling back to itself.
        let pools = chain(1, &[0], |_| Some(0));
        let (_, text) = fallback_loop(&pools, &index(&pools), &mut 0).unwrap();
        assert_eq!(text, "p0 → p0");
    }
}
