//! `steer import octodns ZONE.yaml`: an octoDNS zone (the YAML of its
//! YamlProvider, as `octodns-dump` writes it) → records, checks,
//! endpoints and pools.
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
//! - a value's health check: `octodns.healthcheck` (protocol, default
//!   HTTPS; port, default 443; path, default `/_dns`; host, default the
//!   record's name) and `octodns.route53.healthcheck` (`request_interval`,
//!   default 10; `failure_threshold`, default 6; `measure_latency`,
//!   default true). An address value is probed by address with the host
//!   as Host header; a CNAME value by its name (no Host header). Status
//!   `up` means no check, `down` a disabled and inverted one.
//!
//! What does not map is skipped with its place and the reason: subnet
//! rules (the record keeps its static values), provinces outside the US,
//! other record types, protocols Route 53 cannot probe.

use super::messages;
use super::writer::{self, Block, Document, Geo, Member, Names, Namespace, Policy, Section};
use super::yaml::{self, Node};
use super::{ImportError, Imported, Skip};
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
        for OctoPool {
            name: pool_name,
            fallback,
            ..
        } in &pools
        {
            if let Some((to, span)) = fallback {
                // A loop: following fallbacks from here comes back here.
                let mut seen = vec![pool_name.as_str()];
                let mut next = Some(to.as_str());
                while let Some(n) = next {
                    if seen.contains(&n) {
                        seen.push(n);
                        return Err(messages::fallback_loop(*span, &seen.join(" → ")).into());
                    }
                    seen.push(n);
                    next = pools[index[n]].fallback.as_ref().map(|(s, _)| s.as_str());
                }
            }
        }
        // Rules: geolocation members, in the order written.
        let mut rules: Vec<(Geo, usize)> = Vec::new();
        for rule in rules_node.items() {
            rule.map("a rule")?;
            let pool = field(rule, &["pool"], "a rule")?;
            let pool_name = pool.str("a rule's pool")?;
            let Some(&at) = index.get(pool_name) else {
                return Err(messages::unknown_pool(pool.span, pool_name, &known).into());
            };
            if let Some(subnets) = rule.get("subnets") {
                let why = messages::subnet_rules();
                self.plain_fallback(subnets.span, why, fqdn, record_type, ttl, statics);
                return Ok(());
            }
            match rule.get("geos") {
                None => rules.push((Geo::Default, at)),
                Some(geos) => {
                    for geo in geos.items() {
                        let code = geo.str("a geo code")?;
                        match self.geo(code, geo.span)? {
                            Some(g) => rules.push((g, at)),
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
        let only_default = rules.len() == 1 && rules[0].0 == Geo::Default;
        let policy = if only_default {
            Policy::Name(pool_names[rules[0].1].clone().unwrap_or_default())
        } else {
            Policy::Geolocation(
                rules
                    .into_iter()
                    .map(|(geo, at)| {
                        (
                            geo,
                            Member::name(pool_names[at].clone().unwrap_or_default()),
                        )
                    })
                    .collect(),
            )
        };
        let record_name = writer::record_name(fqdn, &self.zone);
        self.doc.push_commented(
            Section::Records,
            Some(&messages::octodns_dynamic_comment(only_default)),
            writer::routed_record(&record_name, record_type.as_str(), &policy, None),
        );
        Ok(())
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
}
