//! The raise step shared by `steer import route53` and `steer import
//! terraform`: Route 53 record sets and health checks ([`Flat`]) back to a
//! steer configuration.
//!
//! 1. Record sets are grouped by name and type. A group without set
//!    identifiers is a plain record (or a record answering with one
//!    endpoint, for an alias); a routed group is one policy, whose kind is
//!    the routing field its sets share (`Failover`, `Region`,
//!    `GeoLocation`, `Weight`, `MultiValueAnswer`, `GeoProximityLocation`,
//!    `CidrRoutingConfig`; API reference, `ResourceRecordSet`).
//! 2. An alias to a name of the zone that exists only to hold another
//!    policy becomes that policy, nested, again. Such names are recognised
//!    by their shape: steer's own (`_LABEL.PARENT`, `_pool-NAME.ZONE`, see
//!    `emit/route53.rs`), and octoDNS's Route 53 provider's
//!    (`_octodns-POOL-pool.NAME`, `_octodns-POOL-value.NAME`). A name used
//!    by several aliases becomes a `pool`. Any other in-zone alias stays an
//!    `alias record` endpoint to a record of its own, which builds back to
//!    the same record sets. Traffic Flow's listed record sets carry a
//!    `TrafficPolicyInstanceId` and are skipped by the reader; a policy
//!    given with its instances is read by [`super::traffic`] into record
//!    sets whose rules are named `_traffic-flow-RULE.NAME`, nested here.
//! 3. Health checks become `check` blocks, attached to the endpoints whose
//!    record sets name them; a check on an alias to a nested policy is a
//!    `check NAME` on that use (with `alone` when the alias does not
//!    evaluate target health), and an alias member that neither evaluates
//!    target health nor has a check is `stay` (Developer Guide, "How health
//!    checks work in complex Amazon Route 53 configurations").
//! 4. Names come from the data: endpoints from set identifiers (which
//!    steer derives from endpoint names), regions from latency set
//!    identifiers or region codes, checks from their `Name` tag. A set
//!    identifier steer would not derive is kept with `id "..."`.

use super::flat::{Flat, FlatAnswer, FlatCheck, FlatRouting, FlatSet, Val};
use super::{messages, writer, ImportError, Imported, Location, Skip};
use crate::aws::{self, AliasKind};
use crate::emit::names;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Record types steer writes (docs/language.md §9).
const TYPES: [&str; 9] = ["A", "AAAA", "CNAME", "MX", "TXT", "SRV", "CAA", "NS", "PTR"];

/// Words of the language that a generated name avoids.
use writer::KEYWORDS;

type GroupKey = (String, String);

#[derive(Debug, Clone)]
enum Tree {
    Endpoint(usize),
    Pool(String),
    Policy(Kind, Vec<Member>),
}

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Failover,
    Latency,
    Geolocation,
    Weighted,
    Multivalue,
    Geoproximity,
    Cidr(String),
}

impl Kind {
    fn keyword(&self) -> &'static str {
        match self {
            Kind::Failover => "failover",
            Kind::Latency => "latency",
            Kind::Geolocation => "geolocation",
            Kind::Weighted => "weighted",
            Kind::Multivalue => "multivalue",
            Kind::Geoproximity => "geoproximity",
            Kind::Cidr(_) => "cidr",
        }
    }
}

/// Where a member sits in its policy: what the policy routes on.
#[derive(Debug, Clone)]
enum Slot {
    Role(bool),
    /// A steer region's name.
    Region(String),
    Geo(String, String),
    Weight(i64),
    Multi,
    /// A steer region's name or `(lat, lon)`, and the bias.
    Proximity(String, i64),
    CidrLocation(String),
}

#[derive(Debug, Clone)]
struct Member {
    slot: Slot,
    tree: Tree,
    set_identifier: String,
    /// The name of the zone a nested tree was read from, and whether steer
    /// must generate that name again (its own names) or may choose another
    /// (octoDNS's).
    generated: Option<(String, bool)>,
    stay: bool,
    check: Option<(String, bool)>,
    /// The record set's name and type, for fallbacks.
    at: GroupKey,
    /// The set identifier is the importer's own (a Traffic Flow set's),
    /// never written as `id`.
    own_id: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Answer {
    V4(Vec<Val>),
    V6(Vec<Val>),
    /// Both: an endpoint of a pool used for A and AAAA.
    Dual(Vec<Val>, Vec<Val>),
    Cname(Val),
    Aws {
        kind: AliasKind,
        dns_name: Val,
        /// Given when steer would not derive it.
        hosted_zone_id: Option<Val>,
    },
    Record(String, String),
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct EndpointKey {
    answer: Answer,
    evaluate: bool,
}

#[derive(Debug)]
struct Endpoint {
    key: EndpointKey,
    /// The check every use of the endpoint has (`settle_checks`).
    check: Option<String>,
    /// The steer region every regional use of the endpoint names
    /// (`settle_regions`).
    region: Option<String>,
    hints: Vec<String>,
    derived: String,
    name: String,
}

#[derive(Debug)]
struct Record {
    key: GroupKey,
    body: Body,
    ttl: Option<u32>,
    comments: Vec<String>,
}

#[derive(Debug)]
enum Body {
    Plain(Vec<String>),
    Routed(Tree),
}

/// How an in-zone alias target is raised.
#[derive(Debug, Clone, PartialEq)]
enum Inline {
    Nested { must_match: bool },
    Pool(String),
}

struct Raiser<'f> {
    zone: String,
    zone_id: Option<Val>,
    groups: BTreeMap<GroupKey, Vec<&'f FlatSet>>,
    checks: BTreeMap<String, &'f FlatCheck>,
    used_checks: BTreeSet<String>,
    bad_checks: BTreeSet<String>,
    check_names: BTreeMap<String, String>,
    inline: BTreeMap<GroupKey, Inline>,
    regions: BTreeMap<String, String>,
    endpoints: Vec<Endpoint>,
    endpoint_index: HashMap<EndpointKey, usize>,
    pools: BTreeMap<String, (Tree, Option<u32>)>,
    /// The (name, type) groups already raised into pools.
    pool_keys: BTreeSet<GroupKey>,
    records: Vec<Record>,
    skipped: Vec<Skip>,
    decisions: Vec<String>,
    /// Where each record set and health check is in the input, by what
    /// the reader called it.
    places: HashMap<String, Location>,
    building: BTreeSet<GroupKey>,
    /// CIDR collections by key, and those used (by steer name).
    collections: BTreeMap<String, &'f super::flat::FlatCollection>,
    used_collections: BTreeMap<String, &'f super::flat::FlatCollection>,
    traffic_flow: &'f BTreeMap<String, Option<String>>,
}

/// Raises `flat` into a steer configuration for `zone` (or the zone the
/// source names).
pub fn raise(flat: &Flat, zone: Option<&str>, source: &str) -> Result<Imported, ImportError> {
    let zone = match zone.map(super::route53::route53_name).or(flat.zone.clone()) {
        Some(z) => z,
        None => match flat.sets.iter().find(|s| s.record_type == "SOA") {
            Some(soa) => soa.name.clone(),
            None => return Err(messages::no_zone_name(source).into()),
        },
    };
    let mut r = Raiser {
        zone: zone.clone(),
        zone_id: flat.zone_id.clone(),
        groups: BTreeMap::new(),
        checks: flat.checks.iter().map(|c| (c.key.clone(), c)).collect(),
        used_checks: BTreeSet::new(),
        bad_checks: BTreeSet::new(),
        check_names: BTreeMap::new(),
        inline: BTreeMap::new(),
        regions: BTreeMap::new(),
        endpoints: Vec::new(),
        endpoint_index: HashMap::new(),
        pools: BTreeMap::new(),
        pool_keys: BTreeSet::new(),
        records: Vec::new(),
        skipped: flat.skipped.clone(),
        decisions: Vec::new(),
        places: flat
            .sets
            .iter()
            .filter_map(|s| Some((s.location.clone(), s.at.clone()?)))
            .chain(
                flat.checks
                    .iter()
                    .filter_map(|c| Some((c.location.clone(), c.at.clone()?))),
            )
            .collect(),
        building: BTreeSet::new(),
        collections: flat
            .collections
            .iter()
            .map(|c| (c.key.clone(), c))
            .collect(),
        used_collections: BTreeMap::new(),
        traffic_flow: &flat.traffic_flow,
    };
    let mut nameservers = Vec::new();
    for set in &flat.sets {
        if !r.in_zone(&set.name) {
            r.skip(
                &set.location,
                messages::raise_outside_zone(&set.name, &zone),
            );
        } else if set.name == zone && set.record_type == "SOA" {
            r.skip(&set.location, messages::raise_apex_soa());
        } else if set.name == zone && set.record_type == "NS" && set.set_identifier.is_none() {
            if let FlatAnswer::Values(v) = &set.answer {
                nameservers = v
                    .iter()
                    .filter_map(Val::lit)
                    .map(|n| n.trim_end_matches('.').to_string())
                    .collect();
            }
        } else if !TYPES.contains(&set.record_type.as_str()) {
            r.skip(
                &set.location,
                messages::raise_unsupported_type(&set.record_type, &TYPES),
            );
        } else {
            r.groups
                .entry((set.name.clone(), set.record_type.clone()))
                .or_default()
                .push(set);
        }
    }
    for sets in r.groups.values_mut() {
        sets.sort_by(|a, b| a.set_identifier.cmp(&b.set_identifier));
    }
    r.decide_inlining();
    let keys: Vec<GroupKey> = r.groups.keys().cloned().collect();
    for key in keys {
        if r.inline.contains_key(&key) {
            continue;
        }
        r.record(&key);
    }
    for (key, inline) in r.inline.clone() {
        if let Inline::Pool(name) = inline {
            r.build_pool(&name, &key);
        }
    }
    r.settle_checks();
    r.settle_regions();
    r.name_endpoints();
    r.render(&nameservers, flat)
}

/// A name from the data as a steer identifier: letters, digits, `_` and
/// `-`, starting with a letter or `_`; `None` when it is not one already.
fn as_ident(s: &str) -> Option<String> {
    let ok = s.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && !KEYWORDS.contains(&s);
    ok.then(|| s.to_string())
}

/// Any text as an identifier: other characters become `_`.
fn ident_from(s: &str) -> String {
    let mut out: String = s
        .chars()
        .map(|c| match c {
            '*' => 'w',
            c if c.is_ascii_alphanumeric() || c == '_' || c == '-' => c.to_ascii_lowercase(),
            _ => '_',
        })
        .collect();
    if !out.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        out.insert(0, '_');
    }
    if KEYWORDS.contains(&out.as_str()) {
        out.push('_');
    }
    out
}

/// `name`, or `name_2`, `name_3`, ... : the first that `taken` does not hold.
fn unique(name: String, taken: impl Fn(&str) -> bool) -> String {
    if !taken(&name) {
        return name;
    }
    (2..)
        .map(|i| format!("{name}_{i}"))
        .find(|n| !taken(n))
        .unwrap_or(name)
}

fn val_text(v: &Val) -> String {
    match v {
        Val::Lit(s) => crate::fmt::quote(s),
        Val::Ref(r) => format!("input.{}", input_name(r)),
    }
}

/// The input a Terraform reference becomes: its traversal as one name.
pub(super) fn input_name(reference: &str) -> String {
    if let Some(v) = reference.strip_prefix("var.").and_then(as_ident) {
        return v;
    }
    let parts: Vec<&str> = reference.split('.').collect();
    // `aws_lb.eu.dns_name` → `eu_dns_name`: the resource type is noise.
    let kept = if parts.len() >= 3 && parts[0].starts_with("aws_") {
        parts[1..].join("_")
    } else {
        parts.join("_")
    };
    ident_from(&kept)
}

impl<'f> Raiser<'f> {
    fn in_zone(&self, name: &str) -> bool {
        name == self.zone || name.ends_with(&format!(".{}", self.zone))
    }

    fn relative(&self, name: &str) -> String {
        if name == self.zone {
            "@".into()
        } else {
            name.strip_suffix(&format!(".{}", self.zone))
                .unwrap_or(name)
                .to_string()
        }
    }

    /// Reports `what` (a record set, a health check, by the name the
    /// reader gave it) as skipped, at its place in the input.
    fn skip(&mut self, what: &str, reason: String) {
        self.skipped.push(Skip {
            location: self.places.get(what).cloned(),
            what: what.to_string(),
            reason,
        });
    }

    /// The (name, type) an alias set points to in this zone, if it does:
    /// a target named in the zone whose hosted zone is this one (when its
    /// id is known) or, without the id, that holds record sets here and is
    /// no AWS service's target.
    fn in_zone_target(&self, set: &FlatSet) -> Option<GroupKey> {
        let FlatAnswer::Alias {
            dns_name: Val::Lit(name),
            hosted_zone_id,
            ..
        } = &set.answer
        else {
            return None;
        };
        if !self.in_zone(name) {
            return None;
        }
        let key = (name.clone(), set.record_type.clone());
        match (&self.zone_id, hosted_zone_id) {
            (Some(zone), Some(target)) if zone == target => Some(key),
            (_, None) => Some(key),
            _ => (self.groups.contains_key(&key)
                && aws_kind(name, hosted_zone_id.as_ref()).is_none())
            .then_some(key),
        }
    }

    /// Which in-zone alias targets are raised back into nested policies
    /// or pools.
    fn decide_inlining(&mut self) {
        let mut referrers: BTreeMap<GroupKey, Vec<String>> = BTreeMap::new();
        for sets in self.groups.values() {
            for set in sets {
                if let Some(target) = self.in_zone_target(set) {
                    referrers.entry(target).or_default().push(set.name.clone());
                }
            }
        }
        // The pools of Traffic Flow rules, named after the rules.
        let mut flow_pools = BTreeSet::new();
        for (target, from) in referrers {
            let Some(sets) = self.groups.get(&target) else {
                continue;
            };
            let routed = sets.iter().all(|s| s.set_identifier.is_some());
            let (first, rest) = target.0.split_once('.').unwrap_or((&target.0, ""));
            if !routed || !first.starts_with('_') {
                continue;
            }
            let parent_ok = |parent: &str| {
                rest == parent
                    || parent
                        .strip_prefix("*.")
                        .is_some_and(|p| rest == format!("_wildcard.{p}"))
            };
            let one = from.len() == 1;
            let decision =
                if let Some(pool) = first.strip_prefix("_pool-").filter(|_| rest == self.zone) {
                    as_ident(pool).map(Inline::Pool)
                } else if let Some(octo) = first.strip_prefix("_octodns-") {
                    let pool = octo
                        .strip_suffix("-pool")
                        .or_else(|| octo.strip_suffix("-value").map(|_| octo));
                    match pool {
                        Some(_) if one => Some(Inline::Nested { must_match: false }),
                        Some(p) => Some(Inline::Pool(ident_from(p))),
                        None => None,
                    }
                } else if let Some(rule) = first.strip_prefix(super::traffic::PREFIX) {
                    // A Traffic Flow rule (import::traffic): nested where
                    // one item references it, a pool where several do.
                    if one {
                        Some(Inline::Nested { must_match: false })
                    } else {
                        let name = unique(ident_from(rule), |n| flow_pools.contains(n));
                        flow_pools.insert(name.clone());
                        Some(Inline::Pool(name))
                    }
                } else if one && parent_ok(&from[0]) {
                    Some(Inline::Nested { must_match: true })
                } else {
                    None
                };
            if let Some(d) = decision {
                self.inline.insert(target, d);
            }
        }
    }

    fn record(&mut self, key: &GroupKey) {
        let sets = self.groups[key].clone();
        let routed = sets.iter().any(|s| s.set_identifier.is_some());
        let simple = sets.len() == 1 && !routed;
        let mut comments = Vec::new();
        let body = if simple {
            let set = sets[0];
            match &set.answer {
                FlatAnswer::Values(values) => match plain_values(&key.1, values) {
                    Ok(v) => Body::Plain(v),
                    Err(why) => return self.skip(&set.location, why),
                },
                FlatAnswer::Alias { .. } => match self.leaf(set, false) {
                    Ok((tree, _, _)) => Body::Routed(tree),
                    Err(why) => return self.skip(&set.location, why),
                },
            }
        } else {
            match self.policy(key) {
                Ok(tree) => Body::Routed(tree),
                Err(why) => return self.skip(&sets[0].location, why),
            }
        };
        let ttl = self.tree_ttl(key, &mut comments);
        if let Some(check) = sets
            .iter()
            .find_map(|s| s.health_check.as_ref())
            .filter(|_| simple)
        {
            comments.push(messages::raise_ignored_check(check));
        }
        self.records.push(Record {
            key: key.clone(),
            body,
            ttl,
            comments,
        });
    }

    /// The TTL of a routed tree's value sets (aliases have none): one
    /// value, else the most common with a comment.
    fn tree_ttl(&self, key: &GroupKey, comments: &mut Vec<String>) -> Option<u32> {
        let mut ttls: BTreeMap<u32, usize> = BTreeMap::new();
        let mut seen = BTreeSet::new();
        self.collect_ttls(key, &mut ttls, &mut seen);
        let best = ttls
            .iter()
            .max_by_key(|(t, n)| (**n, std::cmp::Reverse(**t)))?;
        if ttls.len() > 1 {
            let all: Vec<String> = ttls.keys().map(u32::to_string).collect();
            comments.push(messages::raise_ttls(&all, *best.0));
        }
        Some(*best.0)
    }

    fn collect_ttls(
        &self,
        key: &GroupKey,
        ttls: &mut BTreeMap<u32, usize>,
        seen: &mut BTreeSet<GroupKey>,
    ) {
        if !seen.insert(key.clone()) {
            return;
        }
        for set in self.groups.get(key).into_iter().flatten() {
            if let Some(t) = set.ttl {
                *ttls.entry(t).or_default() += 1;
            }
            if let Some(target) = self.in_zone_target(set) {
                if matches!(self.inline.get(&target), Some(Inline::Nested { .. })) {
                    self.collect_ttls(&target, ttls, seen);
                }
            }
        }
    }

    /// A pool from the record sets at its name for one type; a pool used
    /// for several types (A and AAAA) is one steer pool whose endpoints
    /// answer both.
    fn build_pool(&mut self, name: &str, key: &GroupKey) {
        if !self.pool_keys.insert(key.clone()) {
            return;
        }
        match self.policy(key) {
            Ok(tree) => {
                let mut comments = Vec::new();
                let ttl = self.tree_ttl(key, &mut comments);
                self.decisions.extend(comments);
                let tree = match self.pools.get(name).cloned() {
                    None => tree,
                    Some((other, _)) => match self.merge(&other, &tree) {
                        Some(merged) => merged,
                        None => {
                            let location = self.groups[key][0].location.clone();
                            return self.skip(&location, messages::raise_pool_shape(name, &key.1));
                        }
                    },
                };
                self.pools.insert(name.to_string(), (tree, ttl));
            }
            Err(why) => {
                let location = self.groups[key][0].location.clone();
                self.skip(&location, why);
            }
        }
    }

    /// The policy of a routed group.
    fn policy(&mut self, key: &GroupKey) -> Result<Tree, String> {
        if !self.building.insert(key.clone()) {
            return Err(messages::raise_alias_loop(&key.0, &key.1));
        }
        let result = self.policy_inner(key);
        self.building.remove(key);
        result
    }

    fn policy_inner(&mut self, key: &GroupKey) -> Result<Tree, String> {
        let sets = self.groups[key].clone();
        if let Some(s) = sets.iter().find(|s| s.set_identifier.is_none()) {
            return Err(messages::raise_simple_beside_routed(
                &key.0,
                &key.1,
                &s.location,
            ));
        }
        let kind = match &sets[0].routing {
            FlatRouting::Simple => return Err(messages::raise_identifier_without_routing()),
            FlatRouting::Failover(_) => Kind::Failover,
            FlatRouting::Latency(_) => Kind::Latency,
            FlatRouting::Geolocation { .. } => Kind::Geolocation,
            FlatRouting::Weighted(_) => Kind::Weighted,
            FlatRouting::Multivalue => Kind::Multivalue,
            FlatRouting::Geoproximity { .. } => Kind::Geoproximity,
            FlatRouting::Cidr { collection, .. } => Kind::Cidr(collection.clone()),
        };
        if let Some(other) = sets.iter().find(|s| {
            std::mem::discriminant(&s.routing) != std::mem::discriminant(&sets[0].routing)
        }) {
            return Err(messages::raise_mixed_routing(
                &key.0,
                &key.1,
                sets[0].routing.field(),
                other.routing.field(),
            ));
        }
        let kind = match kind {
            Kind::Cidr(key) => match self.collections.get(&key).copied() {
                Some(c) => {
                    let name = ident_from(&c.name);
                    self.used_collections.insert(name.clone(), c);
                    Kind::Cidr(name)
                }
                None => return Err(messages::cidr_collection_unknown(&key)),
            },
            other => other,
        };
        let mut members = Vec::new();
        for set in &sets {
            let slot = self.slot(set)?;
            let id = set.set_identifier.clone().unwrap_or_default();
            let in_failover = kind == Kind::Failover;
            let (tree, stay, check, generated) = match self.in_zone_target(set) {
                Some(target) if self.inline.contains_key(&target) => {
                    let (evaluate, check) = self.alias_health(set)?;
                    let generated = match &self.inline[&target] {
                        Inline::Nested { must_match } => Some((target.0.clone(), *must_match)),
                        Inline::Pool(_) => None,
                    };
                    let tree = match self.inline[&target].clone() {
                        Inline::Nested { .. } => self.policy(&target)?,
                        Inline::Pool(name) => {
                            self.build_pool(&name, &target);
                            Tree::Pool(name)
                        }
                    };
                    let stay = !evaluate && check.is_none();
                    let check = check.map(|c| (c, !evaluate));
                    (tree, stay, check, generated)
                }
                _ => {
                    let (tree, stay, check) = self.leaf(set, in_failover)?;
                    (tree, stay, check.map(|c| (c, false)), None)
                }
            };
            members.push(Member {
                slot,
                tree,
                set_identifier: id,
                generated,
                stay,
                check,
                at: key.clone(),
                own_id: self.traffic_flow.contains_key(&set.location),
            });
        }
        if kind == Kind::Multivalue {
            if let Some(m) = members
                .iter()
                .find(|m| !matches!(m.tree, Tree::Endpoint(_)))
            {
                return Err(messages::raise_multivalue_alias(&m.set_identifier));
            }
        }
        Ok(Tree::Policy(kind, members))
    }

    /// Two trees of the same shape for two record types, as one whose
    /// endpoints answer both; `None` when they differ.
    fn merge(&mut self, a: &Tree, b: &Tree) -> Option<Tree> {
        match (a, b) {
            (Tree::Endpoint(i), Tree::Endpoint(j)) => {
                let (ka, kb) = (
                    self.endpoints[*i].key.clone(),
                    self.endpoints[*j].key.clone(),
                );
                if ka == kb {
                    return Some(a.clone());
                }
                if ka.evaluate != kb.evaluate {
                    return None;
                }
                let answer = match (&ka.answer, &kb.answer) {
                    (Answer::V4(v4), Answer::V6(v6)) | (Answer::V6(v6), Answer::V4(v4)) => {
                        Answer::Dual(v4.clone(), v6.clone())
                    }
                    _ => return None,
                };
                let derived = self.endpoints[*i].derived.clone();
                let key = EndpointKey { answer, ..ka };
                Some(Tree::Endpoint(self.endpoint(key, derived)))
            }
            (Tree::Pool(x), Tree::Pool(y)) if x == y => Some(a.clone()),
            (Tree::Policy(k1, m1), Tree::Policy(k2, m2)) if k1 == k2 && m1.len() == m2.len() => {
                let mut members = Vec::new();
                for (x, y) in m1.iter().zip(m2) {
                    let same = x.set_identifier == y.set_identifier
                        && format!("{:?}", x.slot) == format!("{:?}", y.slot)
                        && x.stay == y.stay
                        && x.check == y.check;
                    if !same {
                        return None;
                    }
                    let tree = self.merge(&x.tree, &y.tree)?;
                    members.push(Member { tree, ..x.clone() });
                }
                Some(Tree::Policy(k1.clone(), members))
            }
            _ => None,
        }
    }

    /// The endpoint with this key, made when new.
    fn endpoint(&mut self, key: EndpointKey, derived: String) -> usize {
        if let Some(i) = self.endpoint_index.get(&key) {
            return *i;
        }
        self.endpoints.push(Endpoint {
            key: key.clone(),
            check: None,
            region: None,
            hints: Vec::new(),
            derived,
            name: String::new(),
        });
        self.endpoint_index.insert(key, self.endpoints.len() - 1);
        self.endpoints.len() - 1
    }

    /// An alias's health: evaluate-target-health and its check.
    fn alias_health(&mut self, set: &FlatSet) -> Result<(bool, Option<String>), String> {
        let FlatAnswer::Alias {
            evaluate_target_health,
            ..
        } = &set.answer
        else {
            return Ok((false, None));
        };
        let check = match &set.health_check {
            Some(id) => self.check_name(id, &set.location),
            None => None,
        };
        Ok((*evaluate_target_health, check))
    }

    fn slot(&mut self, set: &FlatSet) -> Result<Slot, String> {
        let id = set.set_identifier.as_deref().unwrap_or("");
        Ok(match &set.routing {
            FlatRouting::Simple => Slot::Multi,
            FlatRouting::Failover(p) => Slot::Role(*p),
            FlatRouting::Latency(code) => Slot::Region(self.region(code, Some(id))),
            FlatRouting::Geolocation {
                continent,
                country,
                subdivision,
            } => match (continent, country, subdivision) {
                (Some(c), None, None) => Slot::Geo("continent".into(), c.clone()),
                (None, Some(c), None) if c == "*" => Slot::Geo("default".into(), String::new()),
                (None, Some(c), None) => Slot::Geo("country".into(), c.clone()),
                (None, Some(c), Some(s)) => Slot::Geo("subdivision".into(), format!("{c}-{s}")),
                _ => return Err(messages::raise_geolocation_not_one(&set.location)),
            },
            FlatRouting::Weighted(w) => {
                if !(0..=255).contains(w) {
                    return Err(messages::raise_weight_range(*w));
                }
                Slot::Weight(*w)
            }
            FlatRouting::Multivalue => Slot::Multi,
            FlatRouting::Geoproximity {
                aws_region,
                coordinates,
                local_zone_group,
                bias,
            } => {
                let place = match (aws_region, coordinates, local_zone_group) {
                    (Some(r), None, None) => self.region(r, None),
                    (None, Some((lat, lon)), None) => format!("({lat}, {lon})"),
                    (None, None, Some(z)) => return Err(messages::raise_local_zone_group(z)),
                    _ => return Err(messages::raise_geoproximity_not_one()),
                };
                Slot::Proximity(place, *bias)
            }
            FlatRouting::Cidr { location, .. } => Slot::CidrLocation(location.clone()),
        })
    }

    /// The steer region for an AWS region code: named after `hint` (a
    /// latency set identifier, which steer derives from the region's name)
    /// when that is free, else after the code.
    fn region(&mut self, code: &str, hint: Option<&str>) -> String {
        if let Some(h) = hint.and_then(as_ident) {
            match self.regions.get(&h) {
                None => {
                    self.regions.insert(h.clone(), code.to_string());
                    return h;
                }
                Some(c) if c == code => return h,
                Some(_) => {}
            }
        }
        let name = unique(ident_from(code), |n| {
            self.regions.get(n).is_some_and(|c| c != code)
        });
        self.regions.insert(name.clone(), code.to_string());
        name
    }

    /// A set answering directly: an endpoint. Returns the tree, whether
    /// the member is `stay` (an alias in a failover that does not evaluate
    /// target health), and nothing else.
    /// A set answering directly: an endpoint, whether the member is `stay`
    /// (an alias in a failover that neither evaluates target health nor
    /// has a check), and the check of this use (settled onto the endpoint
    /// when every use has the same one, by `settle_checks`).
    fn leaf(
        &mut self,
        set: &FlatSet,
        in_failover: bool,
    ) -> Result<(Tree, bool, Option<String>), String> {
        let routed = set.set_identifier.is_some();
        let check = match &set.health_check {
            Some(id) if routed => self.check_name(id, &set.location),
            _ => None,
        };
        let (answer, evaluate, can_evaluate) = match &set.answer {
            FlatAnswer::Values(values) => {
                let answer = match set.record_type.as_str() {
                    "A" => Answer::V4(values.clone()),
                    "AAAA" => Answer::V6(values.clone()),
                    "CNAME" if values.len() == 1 => Answer::Cname(values[0].clone()),
                    other => return Err(messages::raise_routed_type(other)),
                };
                (answer, false, false)
            }
            FlatAnswer::Alias {
                dns_name,
                hosted_zone_id,
                evaluate_target_health,
            } => {
                let answer = match self.in_zone_target(set) {
                    Some((name, t)) => Answer::Record(self.relative(&name), t),
                    None => self.aws_answer(dns_name, hosted_zone_id.as_ref())?,
                };
                let cloudfront = matches!(
                    answer,
                    Answer::Aws {
                        kind: AliasKind::CloudFront,
                        ..
                    }
                );
                (answer, *evaluate_target_health, !cloudfront)
            }
        };
        // A failover alias evaluates target health in steer by itself
        // (emit/route53.rs; semantics::evaluates_target_health); one that
        // does not, with no check either, is a `stay` member.
        let auto = in_failover && can_evaluate;
        let stay = auto && !evaluate && check.is_none();
        let key = EndpointKey {
            answer,
            evaluate: evaluate && !auto,
        };
        if auto && !evaluate && check.is_some() {
            self.decisions
                .push(messages::raise_failover_evaluates(&set.location));
        }
        let derived = match self.traffic_flow.get(&set.location) {
            Some(Some(endpoint)) => ident_from(endpoint),
            _ => derive_endpoint_name(&self.relative(&set.name), set, &key.answer),
        };
        let index = self.endpoint(key.clone(), derived);
        Ok((Tree::Endpoint(index), stay, check))
    }

    fn aws_answer(&self, dns_name: &Val, hosted_zone_id: Option<&Val>) -> Result<Answer, String> {
        let name = match dns_name {
            Val::Lit(n) => n,
            Val::Ref(_) => {
                // A target read from another resource: the kind comes from
                // the hosted-zone id when it is a literal, else from the
                // reference's resource type.
                let kind = kind_of_reference(dns_name, hosted_zone_id).ok_or_else(|| {
                    messages::raise_alias_reference_kind(
                        &val_text(dns_name),
                        &hosted_zone_id.map_or("(none)".to_string(), val_text),
                    )
                })?;
                return Ok(Answer::Aws {
                    kind,
                    dns_name: dns_name.clone(),
                    hosted_zone_id: hosted_zone_id.cloned(),
                });
            }
        };
        match aws_kind(name, hosted_zone_id) {
            Some((kind, zone_needed)) => Ok(Answer::Aws {
                kind,
                dns_name: dns_name.clone(),
                hosted_zone_id: if zone_needed {
                    hosted_zone_id.cloned()
                } else {
                    None
                },
            }),
            None => Err(messages::raise_unknown_alias(
                name,
                &hosted_zone_id.map_or("none".to_string(), |z| format!("{z:?}")),
            )),
        }
    }

    /// The check a record set names, when it can be imported: one not
    /// given, or one steer cannot write, is reported and left out (the
    /// record set is imported without it).
    fn check_name(&mut self, key: &str, location: &str) -> Option<String> {
        if self.used_checks.contains(key) {
            return Some(key.to_string());
        }
        if self.bad_checks.contains(key) {
            return None;
        }
        let Some(c) = self.checks.get(key).copied() else {
            self.bad_checks.insert(key.to_string());
            self.skip(location, messages::health_check_not_given(key));
            return None;
        };
        // Children first (a cycle is refused by Route 53 itself).
        self.bad_checks.insert(key.to_string());
        let children_ok = c
            .children
            .iter()
            .all(|child| self.check_name(child, &c.location).is_some());
        self.bad_checks.remove(key);
        let all: BTreeMap<&str, String> = self
            .checks
            .keys()
            .map(|k| (k.as_str(), k.clone()))
            .collect();
        match check_body(c, &all) {
            Ok(_) if children_ok => {
                self.used_checks.insert(key.to_string());
                Some(key.to_string())
            }
            Ok(_) => {
                self.bad_checks.insert(key.to_string());
                self.skip(&c.location, messages::raise_child_check_skipped());
                None
            }
            Err(why) => {
                self.bad_checks.insert(key.to_string());
                self.skip(&c.location, messages::raise_check_skipped(&why));
                None
            }
        }
    }

    /// A check on every use of an endpoint is the endpoint's `check`;
    /// otherwise each use keeps its own (`check NAME` after the member,
    /// which replaces the endpoint's in that record set: language §10.12).
    fn settle_checks(&mut self) {
        let mut uses: BTreeMap<usize, Vec<Option<String>>> = BTreeMap::new();
        let mut trees: Vec<&Tree> = self
            .records
            .iter()
            .filter_map(|r| match &r.body {
                Body::Routed(t) => Some(t),
                Body::Plain(_) => None,
            })
            .collect();
        trees.extend(self.pools.values().map(|(t, _)| t));
        for tree in trees {
            collect_use_checks(tree, &mut uses);
        }
        // When every use has a check, the most common one (the first
        // of equals) is the endpoint's and the others stay on their uses;
        // a use without a check cannot be written beside an endpoint
        // check, so then every check stays on its use.
        let mut settled = BTreeMap::new();
        for (i, checks) in uses {
            let Some(all) = checks.into_iter().collect::<Option<Vec<String>>>() else {
                continue;
            };
            let mut counts: Vec<(&String, usize)> = Vec::new();
            for c in &all {
                match counts.iter_mut().find(|(n, _)| *n == c) {
                    Some((_, k)) => *k += 1,
                    None => counts.push((c, 1)),
                }
            }
            if let Some((best, _)) = counts.iter().rev().max_by_key(|(_, k)| *k) {
                settled.insert(i, (*best).clone());
            }
        }
        for r in &mut self.records {
            if let Body::Routed(t) = &mut r.body {
                drop_settled(t, &settled);
            }
        }
        for (t, _) in self.pools.values_mut() {
            drop_settled(t, &settled);
        }
        for (i, check) in settled {
            self.endpoints[i].check = Some(check);
        }
    }

    /// An endpoint whose every use as a latency or geoproximity leaf
    /// names the same steer region gets that `region`, as a hand-written
    /// file has it, and those uses drop their `REGION =>`: a leaf member's
    /// region is its endpoint's (language §10.3, latency: "a leaf endpoint:
    /// the AWS region of the endpoint", geoproximity "a leaf endpoint
    /// without `=>`: its region's coordinates, else its AWS region"; the
    /// imported regions have no coordinates). An alias whose target names
    /// another AWS region keeps its uses' regions (`alias-region-mismatch`).
    fn settle_regions(&mut self) {
        let mut uses: BTreeMap<usize, Option<String>> = BTreeMap::new();
        let trees = self
            .records
            .iter()
            .filter_map(|r| match &r.body {
                Body::Routed(t) => Some(t),
                Body::Plain(_) => None,
            })
            .chain(self.pools.values().map(|(t, _)| t));
        for tree in trees {
            collect_use_regions(tree, &mut uses);
        }
        for (i, region) in uses {
            let Some(region) = region else { continue };
            if let Answer::Aws {
                kind,
                dns_name: Val::Lit(target),
                ..
            } = &self.endpoints[i].key.answer
            {
                if aws::region_in_alias_target(*kind, target)
                    .is_some_and(|code| self.regions.get(&region) != Some(&code))
                {
                    continue;
                }
            }
            self.endpoints[i].region = Some(region);
        }
    }

    /// Whether member `m` is a leaf whose endpoint has region `region`.
    fn region_settled(&self, m: &Member, region: &str) -> bool {
        matches!(m.tree, Tree::Endpoint(i) if self.endpoints[i].region.as_deref() == Some(region))
    }

    /// Endpoint names: the first free hint (a set identifier steer derives
    /// from the endpoint's name), else one derived from where it is used.
    fn name_endpoints(&mut self) {
        let mut hints: Vec<(usize, String)> = Vec::new();
        let trees: Vec<Tree> = self
            .records
            .iter()
            .filter_map(|r| match &r.body {
                Body::Routed(t) => Some(t.clone()),
                Body::Plain(_) => None,
            })
            .chain(self.pools.values().map(|(t, _)| t.clone()))
            .collect();
        let mut used = BTreeSet::new();
        for tree in &trees {
            collect_hints(tree, &mut hints);
            collect_endpoints(tree, &mut used);
        }
        for (i, hint) in hints {
            self.endpoints[i].hints.push(hint);
        }
        let mut taken: BTreeSet<String> = self.pools.keys().cloned().collect();
        for (i, e) in self.endpoints.iter_mut().enumerate() {
            if !used.contains(&i) {
                // Merged into an endpoint answering two types.
                continue;
            }
            let name = e
                .hints
                .iter()
                .filter_map(|h| as_ident(h))
                .find(|h| !taken.contains(h))
                .unwrap_or_else(|| unique(e.derived.clone(), |n| taken.contains(n)));
            taken.insert(name.clone());
            e.name = name;
        }
    }
}

fn collect_hints(tree: &Tree, hints: &mut Vec<(usize, String)>) {
    let Tree::Policy(kind, members) = tree else {
        return;
    };
    for m in members {
        match (&m.tree, kind) {
            (Tree::Endpoint(i), Kind::Weighted | Kind::Multivalue | Kind::Geoproximity) => {
                hints.push((*i, m.set_identifier.clone()))
            }
            (Tree::Policy(inner, _), Kind::Weighted | Kind::Geoproximity) => {
                // steer labels a nested member `KIND-FIRSTENDPOINT`.
                let label = m
                    .generated
                    .as_ref()
                    .and_then(|(g, _)| g.split('.').next()?.strip_prefix('_').map(str::to_string))
                    .unwrap_or_else(|| m.set_identifier.clone());
                if let (Some(first), Some(rest)) = (
                    first_endpoint(&m.tree),
                    label.strip_prefix(&format!("{}-", inner.keyword())),
                ) {
                    hints.push((first, rest.to_string()));
                }
            }
            _ => {}
        }
        collect_hints(&m.tree, hints);
    }
}

/// The names after `input.` in `text`.
fn input_uses(text: &str) -> BTreeSet<String> {
    text.match_indices("input.")
        .map(|(i, _)| {
            text[i + "input.".len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                .collect()
        })
        .collect()
}

/// A readable name for an endpoint no set identifier names: an AWS alias
/// target's first label (`dualstack.` skipped), else the record's own name
/// (without the underscore labels of generated names) and the set
/// identifier or type.
fn derive_endpoint_name(relative: &str, set: &FlatSet, answer: &Answer) -> String {
    if let Answer::Aws {
        dns_name: Val::Lit(name),
        ..
    } = answer
    {
        let mut labels = name.split('.').filter(|l| *l != "dualstack");
        if let Some(first) = labels.next() {
            return ident_from(first);
        }
    }
    let own: Vec<&str> = relative
        .split('.')
        .skip_while(|l| l.starts_with('_'))
        .collect();
    let own = if own.is_empty() {
        "apex".to_string()
    } else {
        own.join(".")
    };
    let own = if own == "@" { "apex".to_string() } else { own };
    ident_from(&format!(
        "{own}_{}",
        set.set_identifier
            .as_deref()
            .unwrap_or(&set.record_type.to_ascii_lowercase())
    ))
}

/// The check of each use of each endpoint in a tree.
fn collect_use_checks(tree: &Tree, uses: &mut BTreeMap<usize, Vec<Option<String>>>) {
    if let Tree::Policy(_, members) = tree {
        for m in members {
            match &m.tree {
                Tree::Endpoint(i) => uses
                    .entry(*i)
                    .or_default()
                    .push(m.check.as_ref().map(|(c, _)| c.clone())),
                other => collect_use_checks(other, uses),
            }
        }
    }
}

/// The steer region of each endpoint's regional leaf uses: `None` when
/// two uses name different regions.
fn collect_use_regions(tree: &Tree, uses: &mut BTreeMap<usize, Option<String>>) {
    if let Tree::Policy(_, members) = tree {
        for m in members {
            match (&m.tree, &m.slot) {
                (Tree::Endpoint(i), Slot::Region(r)) => agree(uses, *i, r),
                (Tree::Endpoint(i), Slot::Proximity(p, _)) if !p.starts_with('(') => {
                    agree(uses, *i, p)
                }
                (Tree::Endpoint(_), _) => {}
                (other, _) => collect_use_regions(other, uses),
            }
        }
    }
}

fn agree(uses: &mut BTreeMap<usize, Option<String>>, i: usize, region: &str) {
    let entry = uses.entry(i).or_insert_with(|| Some(region.to_string()));
    if entry.as_deref() != Some(region) {
        *entry = None;
    }
}

/// Removes the use checks that became their endpoint's.
fn drop_settled(tree: &mut Tree, settled: &BTreeMap<usize, String>) {
    if let Tree::Policy(_, members) = tree {
        for m in members {
            match &m.tree {
                Tree::Endpoint(i) if m.check.as_ref().map(|(c, _)| c) == settled.get(i) => {
                    m.check = None
                }
                Tree::Endpoint(_) => {}
                _ => drop_settled(&mut m.tree, settled),
            }
        }
    }
}

fn collect_endpoints(tree: &Tree, used: &mut BTreeSet<usize>) {
    match tree {
        Tree::Endpoint(i) => {
            used.insert(*i);
        }
        Tree::Pool(_) => {}
        Tree::Policy(_, members) => members
            .iter()
            .for_each(|m| collect_endpoints(&m.tree, used)),
    }
}

fn first_endpoint(tree: &Tree) -> Option<usize> {
    match tree {
        Tree::Endpoint(i) => Some(*i),
        Tree::Pool(_) => None,
        Tree::Policy(kind, members) => {
            // steer lists a failover's endpoints primary first.
            let mut ordered: Vec<&Member> = members.iter().collect();
            if *kind == Kind::Failover {
                ordered.sort_by_key(|m| !matches!(m.slot, Slot::Role(true)));
            }
            ordered.iter().find_map(|m| first_endpoint(&m.tree))
        }
    }
}

/// The AWS alias kind of a target, from its name's shape and hosted-zone
/// id (steer's tables, data/aws-alias-zone-ids.json); whether the id must
/// be written because steer would derive another one.
fn aws_kind(name: &str, hosted_zone_id: Option<&Val>) -> Option<(AliasKind, bool)> {
    let zone = hosted_zone_id.and_then(Val::lit);
    let mut by_shape = None;
    for kind in AliasKind::ALL {
        let region = aws::region_in_alias_target(kind, name);
        let shaped = match kind {
            AliasKind::CloudFront => name.ends_with(".cloudfront.net"),
            AliasKind::GlobalAccelerator => name.ends_with(".awsglobalaccelerator.com"),
            _ => region.is_some(),
        };
        if !shaped {
            continue;
        }
        let derived = aws::alias_hosted_zone_id(kind, region.as_deref()).ok();
        match (zone, derived) {
            (Some(z), Some(d)) if z == d => return Some((kind, false)),
            (None, _) => return Some((kind, false)),
            _ => by_shape = by_shape.or(Some(kind)),
        }
    }
    // The name has a service's shape but another zone id (a region steer
    // has no id for): keep the id.
    by_shape.map(|k| (k, true))
}

/// The alias kind of a target read from a Terraform reference: from the
/// referenced resource's type.
fn kind_of_reference(dns_name: &Val, hosted_zone_id: Option<&Val>) -> Option<AliasKind> {
    let reference = match dns_name {
        Val::Ref(r) => r.as_str(),
        Val::Lit(_) => return None,
    };
    let resource = reference.split('.').next().unwrap_or("");
    let kind = match resource {
        "aws_lb" | "aws_alb" | "aws_elb" => {
            // An aws_lb may be an NLB; its zone id (when literal) tells.
            match hosted_zone_id.and_then(Val::lit) {
                Some(z) if is_zone_of(AliasKind::Nlb, z) => AliasKind::Nlb,
                _ => AliasKind::Elb,
            }
        }
        "aws_cloudfront_distribution" => AliasKind::CloudFront,
        "aws_s3_bucket_website_configuration" | "aws_s3_bucket" => AliasKind::S3Website,
        "aws_api_gateway_domain_name" | "aws_apigatewayv2_domain_name" => AliasKind::ApiGateway,
        "aws_globalaccelerator_accelerator" => AliasKind::GlobalAccelerator,
        "aws_elastic_beanstalk_environment" => AliasKind::ElasticBeanstalk,
        // Another value (a variable): the kind whose table holds the
        // literal hosted zone id.
        _ => {
            let zone = hosted_zone_id.and_then(Val::lit)?;
            return AliasKind::ALL.into_iter().find(|k| {
                aws::alias_hosted_zone_id(*k, None).ok() == Some(zone) || is_zone_of(*k, zone)
            });
        }
    };
    Some(kind)
}

fn is_zone_of(kind: AliasKind, zone: &str) -> bool {
    aws::regions().any(|r| aws::alias_hosted_zone_id(kind, Some(r)).ok() == Some(zone))
}

/// A plain record's values in steer's form: Route 53's presentation form
/// with the trailing dots of names dropped (steer's names are absolute)
/// and TXT character-strings joined into one string per value.
fn plain_values(record_type: &str, values: &[Val]) -> Result<Vec<String>, String> {
    values
        .iter()
        .map(|v| {
            let Val::Lit(s) = v else {
                return Ok(val_text(v));
            };
            Ok(match record_type {
                "A" | "AAAA" => s.clone(),
                "TXT" => crate::fmt::quote(&join_character_strings(s)?),
                "CAA" => {
                    let mut parts = s.splitn(3, ' ');
                    let (flags, tag, value) = (parts.next(), parts.next(), parts.next());
                    match (flags, tag, value) {
                        (Some(f), Some(t), Some(v)) => {
                            let inner = join_character_strings(v)?;
                            crate::fmt::quote(&format!(
                                "{f} {t} \"{}\"",
                                inner.replace('"', "\\\"")
                            ))
                        }
                        _ => return Err(messages::raise_caa_shape(s)),
                    }
                }
                _ => crate::fmt::quote(
                    &s.split(' ')
                        .map(|w| {
                            if w.len() > 1 {
                                w.trim_end_matches('.')
                            } else {
                                w
                            }
                        })
                        .collect::<Vec<_>>()
                        .join(" "),
                ),
            })
        })
        .collect()
}

/// `"a" "b"` (Route 53's TXT presentation form, octal `\ddd` escapes) as
/// the one string steer writes.
pub fn join_character_strings(value: &str) -> Result<String, String> {
    let mut bytes = Vec::new();
    let mut chars = value.bytes().peekable();
    let mut quoted = false;
    let mut any = false;
    while let Some(b) = chars.next() {
        match b {
            b'"' => {
                quoted = !quoted;
                any = true;
            }
            b'\\' => {
                let mut digits = Vec::new();
                while digits.len() < 3 && chars.peek().is_some_and(u8::is_ascii_digit) {
                    digits.push(chars.next().unwrap_or(b'0'));
                }
                if digits.len() == 3 {
                    let n = digits.iter().fold(0u32, |n, d| n * 8 + u32::from(d - b'0'));
                    bytes.push(u8::try_from(n).map_err(|_| messages::raise_escape_range(value))?);
                } else if digits.is_empty() {
                    bytes.push(
                        chars
                            .next()
                            .ok_or_else(|| messages::raise_escape_at_end(value))?,
                    );
                } else {
                    return Err(messages::raise_short_escape(value));
                }
            }
            b' ' if !quoted => {}
            _ => bytes.push(b),
        }
    }
    if quoted {
        return Err(messages::raise_unterminated_quote(value));
    }
    if !any {
        return Ok(value.to_string());
    }
    String::from_utf8(bytes).map_err(|_| messages::raise_not_utf8(value))
}

// ----------------------------------------------------------------------------
// Rendering
// ----------------------------------------------------------------------------

impl Raiser<'_> {
    /// The configuration through the import writer: items in its section
    /// order, decisions as comments, formatted as `steer fmt` prints it.
    fn render(&mut self, nameservers: &[String], flat: &Flat) -> Result<Imported, ImportError> {
        use writer::{Block, Document, Section};
        let zone_ttl = self.zone_ttl();
        self.name_checks();
        let mut doc = Document::new();
        for d in &self.decisions {
            doc.header(d.clone());
        }
        let mut zone = Block::new("zone", &writer::string(&self.zone))
            .set(format!("ttl {}", writer::duration(zone_ttl.into())))
            .flag("create", flat.create_zone);
        if !flat.create_zone {
            zone = zone.maybe(
                flat.hosted_zone_id
                    .as_ref()
                    .map(|id| format!("hosted_zone_id {}", val_text(id))),
            );
        }
        if !nameservers.is_empty() {
            zone = zone.set(format!(
                "nameservers {}",
                writer::list(nameservers.iter().map(|n| writer::string(n)))
            ));
        }
        doc.push(Section::Zone, zone.text());
        let mut extra = Extra {
            taken: self
                .endpoints
                .iter()
                .map(|e| e.name.clone())
                .chain(self.pools.keys().cloned())
                .collect(),
            ..Extra::default()
        };
        let pools: Vec<(String, Tree, Option<u32>)> = self
            .pools
            .iter()
            .map(|(n, (t, ttl))| (n.clone(), t.clone(), *ttl))
            .collect();
        for (name, tree, ttl) in pools {
            let policy = self.policy_of(&tree, &mut extra);
            let ttl = ttl.filter(|t| *t != zone_ttl).map(u64::from);
            doc.push(Section::Pools, writer::pool(&name, &policy, ttl));
        }
        let records = std::mem::take(&mut self.records);
        for record in &records {
            let name = record_name(&self.relative(&record.key.0));
            let alias_only = matches!(&record.body, Body::Routed(t) if !self.has_values(t));
            let ttl = record
                .ttl
                .filter(|t| *t != zone_ttl && !alias_only)
                .map(u64::from);
            let text = match &record.body {
                Body::Plain(values) => writer::plain_record(&name, &record.key.1, values, ttl),
                Body::Routed(tree) => {
                    let policy = self.policy_of(tree, &mut extra);
                    writer::routed_record(&name, &record.key.1, &policy, ttl)
                }
            };
            let comment = (!record.comments.is_empty()).then(|| record.comments.join("\n"));
            doc.push_commented(Section::Records, comment.as_deref(), text);
        }
        self.records = records;
        for (comment, text) in std::mem::take(&mut extra.records) {
            doc.push_commented(Section::Records, Some(&comment), text);
        }
        let mut inputs = BTreeMap::new();
        collect_refs(flat, &mut inputs);
        // One pass over what is written so far, one over the endpoints and
        // checks written next: the inputs used.
        let mut used = input_uses(&doc.unformatted());
        self.inputs_mentioned(&mut used);
        for (name, reference) in &inputs {
            if !used.contains(name.as_str()) {
                continue;
            }
            // `var.NAME` is what steer writes for an input NAME itself.
            let note = flat.inputs.get(reference).cloned().unwrap_or_default();
            let block = match reference.strip_prefix("var.") {
                Some(v) if v == name => Block::new("input", name).set_str(
                    "description",
                    &note
                        .description
                        .unwrap_or_else(|| messages::raise_terraform_variable(v)),
                ),
                _ => Block::new("input", name).set_str("terraform", reference),
            };
            doc.push_commented(Section::Inputs, note.comment.as_deref(), block.text());
        }
        for (name, c) in &self.used_collections {
            let mut block = Block::new("cidr_collection", name);
            for (location, blocks) in &c.locations {
                block = block.set(format!("{} {}", ident_from(location), writer::list(blocks)));
            }
            doc.push(Section::CidrCollections, block.text());
        }
        for (name, code) in &self.regions {
            doc.push(
                Section::Regions,
                Block::new("region", name).set_str("aws", code).text(),
            );
        }
        for key in &self.used_checks {
            let c = self.checks[key.as_str()];
            let names: BTreeMap<&str, String> = self
                .check_names
                .iter()
                .map(|(k, v)| (k.as_str(), v.clone()))
                .collect();
            let body = check_body(c, &names).map_err(|m| messages::unreadable_output(&m))?;
            let name = &self.check_names[key];
            let mut block = Block::new("check", name);
            for line in body.lines() {
                block = block.set(line.trim());
            }
            if let Some(tag) = c.name_tag.as_deref().filter(|t| t != name) {
                block = block.set_str("name", tag);
            }
            if !c.tags.is_empty() {
                let tags: Vec<String> = c
                    .tags
                    .iter()
                    .map(|(k, v)| {
                        let key = as_ident(k).unwrap_or_else(|| writer::string(k));
                        format!("{key} {}", writer::string(v))
                    })
                    .collect();
                block = block.set(format!("tags {{ {} }}", tags.join("  ")));
            }
            doc.push(Section::Checks, block.text());
        }
        let mut endpoints: Vec<(String, String)> = self
            .endpoints
            .iter()
            .filter(|e| !e.name.is_empty())
            .map(|e| (e.name.clone(), self.endpoint_text(e)))
            .collect();
        endpoints.extend(std::mem::take(&mut extra.endpoints));
        endpoints.sort();
        for (_, text) in endpoints {
            doc.push(Section::Endpoints, text);
        }
        let (text, mut summary) = doc.render()?;
        summary.skipped = self.skipped.clone();
        Ok(Imported { text, summary })
    }

    /// Check names: the `Name` tag when it is an identifier, else one
    /// derived from what the check watches.
    fn name_checks(&mut self) {
        let mut taken: BTreeSet<String> = BTreeSet::new();
        for key in &self.used_checks {
            let c = self.checks[key.as_str()];
            let name = c
                .name_tag
                .as_deref()
                .and_then(as_ident)
                .filter(|n| !taken.contains(n))
                .unwrap_or_else(|| {
                    unique(ident_from(&derive_check_name(c)), |n| taken.contains(n))
                });
            taken.insert(name.clone());
            self.check_names.insert(key.clone(), name);
        }
    }

    fn endpoint_text(&self, e: &Endpoint) -> String {
        let mut block = writer::Block::new("endpoint", &e.name)
            .maybe(e.region.as_ref().map(|r| format!("region {r}")));
        match &e.key.answer {
            Answer::V4(v) => block = block.set(format!("a [{}]", addresses(v))),
            Answer::V6(v) => block = block.set(format!("aaaa [{}]", addresses(v))),
            Answer::Dual(v4, v6) => {
                block = block
                    .set(format!("a [{}]", addresses(v4)))
                    .set(format!("aaaa [{}]", addresses(v6)));
            }
            Answer::Cname(n) => block = block.set(format!("cname {}", name_val(n))),
            Answer::Aws {
                kind,
                dns_name,
                hosted_zone_id,
            } => {
                block = block
                    .set(format!("alias {} {}", kind.keyword(), val_text(dns_name)))
                    .maybe(
                        hosted_zone_id
                            .as_ref()
                            .map(|z| format!("hosted_zone_id {}", val_text(z))),
                    );
            }
            Answer::Record(name, t) => {
                block = block.set(format!("alias record {} {t}", record_name(name)))
            }
        }
        block
            .maybe(
                e.check
                    .as_ref()
                    .map(|c| format!("check {}", self.check_names[c])),
            )
            .flag("evaluate_target_health", e.key.evaluate)
            .text()
    }

    /// A tree as the writer's policy. Members whose nested name steer
    /// would not generate again become an `alias record` endpoint to a
    /// record of their own.
    fn policy_of(&self, tree: &Tree, extra: &mut Extra) -> writer::Policy {
        use writer::{Geo, Place, Policy};
        let (kind, members) = match tree {
            Tree::Endpoint(i) => return Policy::Name(self.endpoints[*i].name.clone()),
            Tree::Pool(p) => return Policy::Name(p.clone()),
            Tree::Policy(kind, members) => (kind, members),
        };
        let mut ordered: Vec<&Member> = members.iter().collect();
        if *kind == Kind::Failover {
            ordered.sort_by_key(|m| !matches!(m.slot, Slot::Role(true)));
        }
        let mut uses = Vec::new();
        for m in ordered {
            let label = self.label(m);
            let policy = match (&m.tree, &m.generated) {
                (Tree::Policy(..), Some((generated, true)))
                    if !self.generates(&m.at.0, &label, generated) =>
                {
                    Policy::Name(self.fallback(m, generated, extra))
                }
                _ => self.policy_of(&m.tree, extra),
            };
            let mut member = writer::Member::from(policy);
            member.stay = m.stay;
            if m.set_identifier != label && !m.own_id {
                member = member.with_id(m.set_identifier.clone());
            }
            if let Some((c, alone)) = &m.check {
                member = member.with_check(self.check_names[c].clone(), *alone);
            }
            uses.push((m, member));
        }
        match kind {
            Kind::Failover => {
                let mut it = uses.into_iter().map(|(_, u)| Box::new(u));
                match (it.next(), it.next()) {
                    (Some(primary), Some(secondary)) => Policy::Failover { primary, secondary },
                    // Route 53 lists both roles; one alone is still written
                    // so that the check stage names what is missing.
                    (Some(only), None) => Policy::Failover {
                        primary: only.clone(),
                        secondary: only,
                    },
                    _ => Policy::Name(String::new()),
                }
            }
            Kind::Latency => Policy::Latency(
                uses.into_iter()
                    .map(|(m, u)| match &m.slot {
                        Slot::Region(r) if !self.region_settled(m, r) => (Some(r.clone()), u),
                        _ => (None, u),
                    })
                    .collect(),
            ),
            Kind::Geolocation => Policy::Geolocation(
                uses.into_iter()
                    .map(|(m, u)| {
                        let geo = match &m.slot {
                            Slot::Geo(k, c) => match k.as_str() {
                                "continent" => Geo::Continent(c.clone()),
                                "country" => Geo::Country(c.clone()),
                                "subdivision" => Geo::Subdivision(c.clone()),
                                _ => Geo::Default,
                            },
                            _ => Geo::Default,
                        };
                        (geo, u)
                    })
                    .collect(),
            ),
            Kind::Weighted => Policy::Weighted(
                uses.into_iter()
                    .map(|(m, u)| match m.slot {
                        Slot::Weight(w) => (u, u32::try_from(w).unwrap_or(0)),
                        _ => (u, 0),
                    })
                    .collect(),
            ),
            Kind::Multivalue => Policy::Multivalue(uses.into_iter().map(|(_, u)| u).collect()),
            Kind::Geoproximity => Policy::Geoproximity(
                uses.into_iter()
                    .map(|(m, u)| match &m.slot {
                        Slot::Proximity(place, bias) => {
                            let place =
                                match place.strip_prefix('(').and_then(|p| p.strip_suffix(')')) {
                                    Some(coords) => {
                                        let (lat, lon) =
                                            coords.split_once(", ").unwrap_or((coords, ""));
                                        Place::Coordinates(lat.to_string(), lon.to_string())
                                    }
                                    None => Place::Region(place.clone()),
                                };
                            let bias = (*bias != 0).then(|| i32::try_from(*bias).unwrap_or(0));
                            let place = match place {
                                Place::Region(r) if self.region_settled(m, &r) => None,
                                other => Some(other),
                            };
                            (place, u, bias)
                        }
                        _ => (None, u, None),
                    })
                    .collect(),
            ),
            Kind::Cidr(collection) => Policy::Cidr {
                collection: collection.clone(),
                rules: uses
                    .into_iter()
                    .map(|(m, u)| match &m.slot {
                        Slot::CidrLocation(l) if l != "*" => (Some(l.clone()), u),
                        _ => (None, u),
                    })
                    .collect(),
            },
        }
    }

    /// Adds the inputs the endpoints and checks (rendered later) name.
    fn inputs_mentioned(&self, used: &mut BTreeSet<String>) {
        let mut add = |v: &Val| {
            if let Val::Ref(r) = v {
                used.insert(input_name(r));
            }
        };
        for e in self.endpoints.iter().filter(|e| !e.name.is_empty()) {
            match &e.key.answer {
                Answer::V4(v) | Answer::V6(v) => v.iter().for_each(&mut add),
                Answer::Dual(a, b) => a.iter().chain(b).for_each(&mut add),
                Answer::Cname(v) => add(v),
                Answer::Aws {
                    dns_name,
                    hosted_zone_id,
                    ..
                } => {
                    add(dns_name);
                    hosted_zone_id.iter().for_each(&mut add);
                }
                Answer::Record(..) => {}
            }
        }
        for k in &self.used_checks {
            let c = self.checks[k.as_str()];
            [&c.ip_address, &c.fqdn, &c.routing_control_arn]
                .into_iter()
                .flatten()
                .for_each(&mut add);
            if let Some((a, _)) = &c.alarm {
                add(a);
            }
        }
    }

    /// The zone's TTL: the most common of the record sets'.
    fn zone_ttl(&self) -> u32 {
        let ttls = self
            .groups
            .values()
            .flatten()
            .filter_map(|s| s.ttl)
            .map(u64::from);
        writer::most_common_ttl(ttls)
            .and_then(|t| u32::try_from(t).ok())
            .unwrap_or(300)
    }

    fn has_values(&self, tree: &Tree) -> bool {
        match tree {
            Tree::Endpoint(i) => !matches!(
                self.endpoints[*i].key.answer,
                Answer::Aws { .. } | Answer::Record(..)
            ),
            Tree::Pool(_) => false,
            Tree::Policy(_, members) => members.iter().any(|m| self.has_values(&m.tree)),
        }
    }

    /// The label steer derives for a member (its default set identifier).
    fn label(&self, m: &Member) -> String {
        match &m.slot {
            Slot::Role(true) => "primary".into(),
            Slot::Role(false) => "secondary".into(),
            Slot::Region(r) => r.clone(),
            Slot::Geo(k, code) => match k.as_str() {
                "default" => "default".into(),
                "continent" => format!("continent-{code}"),
                "country" => format!("country-{code}"),
                _ => code.clone(),
            },
            Slot::CidrLocation(l) if l == "*" => "default".into(),
            Slot::CidrLocation(l) => l.clone(),
            Slot::Weight(_) | Slot::Multi | Slot::Proximity(..) => self.tree_label(&m.tree),
        }
    }

    fn tree_label(&self, tree: &Tree) -> String {
        match tree {
            Tree::Endpoint(i) => self.endpoints[*i].name.clone(),
            Tree::Pool(p) => p.clone(),
            Tree::Policy(k, _) => match first_endpoint(tree) {
                Some(i) => format!("{}-{}", k.keyword(), self.endpoints[i].name),
                None => k.keyword().to_string(),
            },
        }
    }

    /// Whether steer generates `generated` for a member labelled `label`
    /// at `parent` (the plan's rule, `names::generated_name`).
    fn generates(&self, parent: &str, label: &str, generated: &str) -> bool {
        names::generated_name(label, parent) == generated
    }

    fn fallback(&self, m: &Member, generated: &str, extra: &mut Extra) -> String {
        let rel = self.relative(generated);
        let name = unique(ident_from(&format!("to{rel}")), |n| extra.taken.contains(n));
        extra.taken.insert(name.clone());
        let policy = self.policy_of(&m.tree, extra);
        extra.records.push((
            messages::raise_nested_kept(&rel),
            writer::routed_record(&record_name(&rel), &m.at.1, &policy, None),
        ));
        // The member's alias evaluates target health unless the member is
        // `stay` or its check is `alone` (its suffixes are the caller's).
        let evaluate = !m.stay && !m.check.as_ref().is_some_and(|(_, alone)| *alone);
        let text = writer::Block::new("endpoint", &name)
            .set(format!("alias record {} {}", record_name(&rel), m.at.1))
            .flag("evaluate_target_health", evaluate)
            .text();
        extra.endpoints.push((name.clone(), text));
        name
    }
}

/// What rendering adds besides the raised items: records kept at names
/// steer would not generate (with their comment), and the endpoints that
/// alias them.
#[derive(Default)]
struct Extra {
    records: Vec<(String, String)>,
    endpoints: Vec<(String, String)>,
    /// Endpoint and pool names given out.
    taken: BTreeSet<String>,
}

/// A record name as steer writes it: bare when it is one, else quoted.
fn record_name(name: &str) -> String {
    let bare = name == "@"
        || name.split('.').all(|l| {
            l == "*"
                || (!l.is_empty()
                    && l.chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        });
    if bare {
        name.to_string()
    } else {
        crate::fmt::quote(name)
    }
}

fn addresses(values: &[Val]) -> String {
    values
        .iter()
        .map(|v| match v {
            Val::Lit(s) => s.clone(),
            Val::Ref(_) => val_text(v),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn name_val(v: &Val) -> String {
    match v {
        Val::Lit(s) => crate::fmt::quote(s.trim_end_matches('.')),
        Val::Ref(_) => val_text(v),
    }
}

fn collect_refs(flat: &Flat, inputs: &mut BTreeMap<String, String>) {
    let mut add = |v: &Val| {
        if let Val::Ref(r) = v {
            inputs.insert(input_name(r), r.clone());
        }
    };
    if let Some(z) = &flat.hosted_zone_id {
        add(z);
    }
    for s in &flat.sets {
        match &s.answer {
            FlatAnswer::Values(v) => v.iter().for_each(&mut add),
            FlatAnswer::Alias {
                dns_name,
                hosted_zone_id,
                ..
            } => {
                add(dns_name);
                if let Some(z) = hosted_zone_id {
                    add(z);
                }
            }
        }
    }
    for c in &flat.checks {
        for v in [&c.ip_address, &c.fqdn, &c.routing_control_arn]
            .into_iter()
            .flatten()
        {
            add(v);
        }
        if let Some((a, _)) = &c.alarm {
            add(a);
        }
    }
}

fn derive_check_name(c: &FlatCheck) -> String {
    let target = c.fqdn.as_ref().or(c.ip_address.as_ref()).map(|v| match v {
        Val::Lit(s) => s.split('.').next().unwrap_or(s).to_string(),
        Val::Ref(r) => input_name(r),
    });
    match c.check_type.as_str() {
        "CALCULATED" => format!("calculated_{}", c.key.chars().take(8).collect::<String>()),
        "CLOUDWATCH_METRIC" => match &c.alarm {
            Some((Val::Lit(a), _)) => a.clone(),
            _ => format!("alarm_{}", c.key.chars().take(8).collect::<String>()),
        },
        "RECOVERY_CONTROL" => format!("control_{}", c.key.chars().take(8).collect::<String>()),
        _ => format!("{}_up", target.unwrap_or_else(|| c.key.clone())),
    }
}

/// A health check's settings, each one only where it differs from
/// steer's default (docs/language.md §6; API reference,
/// `HealthCheckConfig`).
fn check_body(c: &FlatCheck, names: &BTreeMap<&str, String>) -> Result<String, String> {
    let mut lines: Vec<String> = Vec::new();
    let t = c.check_type.as_str();
    match t {
        "HTTP" | "HTTPS" | "HTTP_STR_MATCH" | "HTTPS_STR_MATCH" | "TCP" => {
            let protocol = match t {
                "HTTP" | "HTTP_STR_MATCH" => "http",
                "HTTPS" | "HTTPS_STR_MATCH" => "https",
                _ => "tcp",
            };
            let target = match (&c.ip_address, &c.fqdn) {
                (Some(Val::Lit(ip)), _) => ip.clone(),
                (Some(r), _) => format!("ip {}", val_text(r)),
                (None, Some(f)) => name_val(f),
                (None, None) => return Err(messages::raise_check_target(t)),
            };
            lines.push(format!("{protocol} {target}"));
            if let (Some(_), Some(host)) = (&c.ip_address, &c.fqdn) {
                if protocol != "tcp" {
                    lines.push(format!("host {}", name_val(host)));
                }
            }
            let default_port = match protocol {
                "http" => Some(80),
                "https" => Some(443),
                _ => None,
            };
            match (c.port, default_port) {
                (Some(p), Some(d)) if p == d => {}
                (Some(p), _) => lines.push(format!("port {p}")),
                (None, None) => return Err(messages::raise_tcp_without_port()),
                (None, Some(_)) => {}
            }
            if let Some(p) = c
                .resource_path
                .as_deref()
                .filter(|p| !p.is_empty() && protocol != "tcp")
            {
                lines.push(format!("path {}", crate::fmt::quote(p)));
            }
            if let Some(i) = c.request_interval.filter(|i| *i != 30) {
                lines.push(format!("every {i}s"));
            }
            if let Some(f) = c.failure_threshold.filter(|f| *f != 3) {
                lines.push(format!("unhealthy_after {f}"));
            }
            if t.ends_with("_STR_MATCH") {
                let s = c.search_string.as_deref().unwrap_or("");
                lines.push(format!("expect {}", crate::fmt::quote(s)));
            }
            if !c.regions.is_empty() {
                lines.push(format!("from [{}]", c.regions.join(", ")));
            }
            if c.measure_latency {
                lines.push("measure_latency".into());
            }
            if protocol == "https" && c.enable_sni == Some(false) {
                lines.push("sni false".into());
            }
        }
        "CALCULATED" => {
            let children: Vec<String> = c
                .children
                .iter()
                .map(|k| {
                    names
                        .get(k.as_str())
                        .cloned()
                        .ok_or_else(|| messages::raise_child_not_given(k))
                })
                .collect::<Result<_, _>>()?;
            if children.is_empty() {
                return Err(messages::raise_calculated_without_children());
            }
            let n = children.len() as i64;
            let list = children.join(", ");
            lines.push(match c.health_threshold.unwrap_or(n) {
                t if t == n => format!("all({list})"),
                1 => format!("any({list})"),
                t => format!("at_least({t}, {list})"),
            });
        }
        "CLOUDWATCH_METRIC" => {
            let Some((alarm, region)) = &c.alarm else {
                return Err(messages::raise_alarm_missing());
            };
            lines.push(format!("alarm {} in {region}", val_text(alarm)));
            match c.insufficient_data.as_deref() {
                Some("Healthy") => lines.push("insufficient_data healthy".into()),
                Some("Unhealthy") => lines.push("insufficient_data unhealthy".into()),
                _ => {}
            }
        }
        "RECOVERY_CONTROL" => {
            let Some(arn) = &c.routing_control_arn else {
                return Err(messages::raise_control_missing());
            };
            lines.push(format!("recovery_control {}", val_text(arn)));
        }
        other => return Err(messages::raise_check_type(other)),
    }
    if c.inverted {
        lines.push("inverted".into());
    }
    if c.disabled {
        lines.push("disabled".into());
    }
    Ok(lines.iter().map(|l| format!("  {l}\n")).collect())
}

#[cfg(test)]
mod tests {
    use crate::source::SourceMap;

    /// Imports a record listing (and checks) for example.com.
    fn import(records: &str, checks: Option<&str>) -> super::Imported {
        let mut map = SourceMap::new();
        let r = map.add(
            "records.json",
            format!("{{\"ResourceRecordSets\": [{records}]}}"),
        );
        let c = checks.map(|c| map.add("checks.json", format!("{{\"HealthChecks\": [{c}]}}")));
        let flat = super::super::route53::read(&map, r, c).expect("a listing");
        super::raise(&flat, Some("example.com"), "the record sets").expect("an import")
    }

    fn set(name: &str, extra: &str) -> String {
        format!(r#"{{"Name": "{name}.example.com.", "Type": "A", {extra}}}"#)
    }

    fn alias(target: &str, evaluate: bool) -> String {
        format!(
            r#""AliasTarget": {{"HostedZoneId": "ZOWN", "DNSName": "{target}.example.com.", "EvaluateTargetHealth": {evaluate}}}"#
        )
    }

    #[test]
    fn an_endpoint_whose_uses_agree_on_a_region_has_it() {
        let member = |name: &str, id: &str, region: &str, address: &str| {
            set(
                name,
                &format!(
                    r#""SetIdentifier": "{id}", "Region": "{region}", "TTL": 60, "ResourceRecords": [{{"Value": "{address}"}}]"#
                ),
            )
        };
        let records = [
            member("api", "ireland", "eu-west-1", "192.0.2.1"),
            member("api", "virginia", "us-east-1", "192.0.2.2"),
            member("www", "ireland", "eu-west-1", "192.0.2.1"),
            member("www", "virginia", "us-east-1", "192.0.2.3"),
            // 192.0.2.3 is in virginia for www and in ireland for app: its
            // uses keep their regions.
            member("app", "ireland", "eu-west-1", "192.0.2.3"),
            member("app", "tokyo", "ap-northeast-1", "192.0.2.4"),
        ];
        let text = import(&records.join(","), None).text;
        for line in [
            "endpoint api_ireland { region ireland  a [192.0.2.1] }",
            "endpoint api_virginia { region virginia  a [192.0.2.2] }",
            "endpoint app_ireland { a [192.0.2.3] }",
            "endpoint app_tokyo { region tokyo  a [192.0.2.4] }",
            "record api A = latency [api_ireland, api_virginia]",
            "record app A = latency [ireland => app_ireland, app_tokyo]",
            "record www A = latency [api_ireland, virginia => app_ireland]",
        ] {
            assert!(text.lines().any(|l| l == line), "{line}\n{text}");
        }
    }

    #[test]
    fn a_pool_of_two_shapes_is_skipped_with_one_sentence() {
        let typed = |t: &str, name: &str, extra: &str| {
            format!(r#"{{"Name": "{name}.example.com.", "Type": "{t}", {extra}}}"#)
        };
        let to_pool = r#""AliasTarget": {"HostedZoneId": "ZOWN", "DNSName": "_pool-p.example.com.", "EvaluateTargetHealth": true}"#;
        let records = [
            typed("A", "www", to_pool),
            typed("AAAA", "www", to_pool),
            typed(
                "A",
                "_pool-p",
                r#""SetIdentifier": "a", "Weight": 1, "TTL": 60, "ResourceRecords": [{"Value": "192.0.2.1"}]"#,
            ),
            typed(
                "A",
                "_pool-p",
                r#""SetIdentifier": "b", "Weight": 1, "TTL": 60, "ResourceRecords": [{"Value": "192.0.2.2"}]"#,
            ),
            typed(
                "AAAA",
                "_pool-p",
                r#""SetIdentifier": "primary", "Failover": "PRIMARY", "TTL": 60, "ResourceRecords": [{"Value": "2001:db8::1"}]"#,
            ),
            typed(
                "AAAA",
                "_pool-p",
                r#""SetIdentifier": "secondary", "Failover": "SECONDARY", "TTL": 60, "ResourceRecords": [{"Value": "2001:db8::2"}]"#,
            ),
        ];
        let imported = import(&records.join(","), None);
        let reason = imported
            .summary
            .skipped
            .iter()
            .map(|s| s.reason.as_str())
            .find(|r| r.contains("do not have the shape"))
            .expect("the pool's second shape is skipped");
        assert!(!reason.contains("  "), "{reason}");
        assert!(
            reason.ends_with("other types' (steer writes one policy per pool)"),
            "{reason}"
        );
    }

    #[test]
    fn octodns_pools_become_nested_policies_again() {
        // As octodns's Route53Provider writes a dynamic record: a rule
        // (geo) → _octodns-eu-pool (failover: its values, else the
        // default) → _octodns-eu-value (weighted values).
        let records = [
            set(
                "www",
                &format!(
                    r#""SetIdentifier": "0-eu-EU", "GeoLocation": {{"ContinentCode": "EU"}}, {}"#,
                    alias("_octodns-eu-pool.www", true)
                ),
            ),
            set(
                "www",
                r#""SetIdentifier": "default", "GeoLocation": {"CountryCode": "*"}, "TTL": 60, "ResourceRecords": [{"Value": "198.51.100.1"}]"#,
            ),
            set(
                "_octodns-eu-pool.www",
                &format!(
                    r#""SetIdentifier": "eu-Primary", "Failover": "PRIMARY", {}"#,
                    alias("_octodns-eu-value.www", true)
                ),
            ),
            set(
                "_octodns-eu-pool.www",
                r#""SetIdentifier": "eu-Secondary-default", "Failover": "SECONDARY", "TTL": 60, "ResourceRecords": [{"Value": "198.51.100.1"}]"#,
            ),
            set(
                "_octodns-eu-value.www",
                r#""SetIdentifier": "eu-000", "Weight": 1, "TTL": 60, "ResourceRecords": [{"Value": "203.0.113.1"}]"#,
            ),
            set(
                "_octodns-eu-value.www",
                r#""SetIdentifier": "eu-001", "Weight": 2, "TTL": 60, "ResourceRecords": [{"Value": "203.0.113.2"}]"#,
            ),
        ];
        let imported = import(&records.join(","), None);
        let text = &imported.text;
        assert!(text.contains("continent EU => failover {"), "{text}");
        assert!(text.contains("weighted {"), "{text}");
        assert!(!text.contains("record _octodns"), "{text}");
        assert_eq!(
            imported.summary.count(super::writer::Section::Records),
            1,
            "{text}"
        );
        assert!(crate::fmt::format_source(text).is_some());
    }

    #[test]
    fn traffic_flow_and_unknown_checks_are_skipped_with_a_reason() {
        let records = [
            set(
                "tf",
                r#""TrafficPolicyInstanceId": "abc-123", "TTL": 60, "ResourceRecords": [{"Value": "192.0.2.1"}]"#,
            ),
            set(
                "www",
                r#""SetIdentifier": "primary", "Failover": "PRIMARY", "HealthCheckId": "hc-gone", "TTL": 60, "ResourceRecords": [{"Value": "203.0.113.1"}]"#,
            ),
            set(
                "www",
                r#""SetIdentifier": "secondary", "Failover": "SECONDARY", "TTL": 60, "ResourceRecords": [{"Value": "203.0.113.2"}]"#,
            ),
        ];
        let imported = import(&records.join(","), None);
        let reasons: Vec<&str> = imported
            .summary
            .skipped
            .iter()
            .map(|s| s.reason.as_str())
            .collect();
        assert!(
            reasons[0].contains("Traffic Flow policy instance abc-123"),
            "{reasons:?}"
        );
        assert!(
            reasons[1].contains("hc-gone is not among the health checks"),
            "{reasons:?}"
        );
        assert_eq!(
            imported.summary.skipped[1]
                .location
                .as_ref()
                .unwrap()
                .to_string(),
            "records.json:1:160"
        );
        assert!(
            imported.text.contains("record www A = failover"),
            "{}",
            imported.text
        );
    }

    #[test]
    fn alias_health_becomes_stay_check_and_alone() {
        let check = r#"{"Id": "hc-1", "HealthCheckConfig": {"Type": "CLOUDWATCH_METRIC",
            "AlarmIdentifier": {"Region": "eu-west-1", "Name": "eu-alarm"}},
            "Tags": [{"Key": "Name", "Value": "eu_on"}]}"#;
        let nested = |label: &str| {
            [
                set(&format!("_{label}.api"), r#""SetIdentifier": "primary", "Failover": "PRIMARY", "TTL": 60, "ResourceRecords": [{"Value": "203.0.113.1"}]"#),
                set(&format!("_{label}.api"), r#""SetIdentifier": "secondary", "Failover": "SECONDARY", "TTL": 60, "ResourceRecords": [{"Value": "203.0.113.2"}]"#),
            ]
            .join(",")
        };
        let records = [
            set(
                "api",
                &format!(
                    r#""SetIdentifier": "continent-EU", "GeoLocation": {{"ContinentCode": "EU"}}, "HealthCheckId": "hc-1", {}"#,
                    alias("_continent-eu.api", false)
                ),
            ),
            set(
                "api",
                &format!(
                    r#""SetIdentifier": "continent-NA", "GeoLocation": {{"ContinentCode": "NA"}}, {}"#,
                    alias("_continent-na.api", false)
                ),
            ),
            set(
                "api",
                &format!(
                    r#""SetIdentifier": "default", "GeoLocation": {{"CountryCode": "*"}}, {}"#,
                    alias("_default.api", true)
                ),
            ),
            nested("continent-eu"),
            nested("continent-na"),
            nested("default"),
        ];
        let text = import(&records.join(","), Some(check)).text;
        assert!(text.contains("} check eu_on alone"), "{text}");
        assert!(text.contains("continent NA => stay failover"), "{text}");
        assert!(text.contains("alarm \"eu-alarm\" in eu-west-1"), "{text}");
    }

    #[test]
    fn alias_targets_get_their_kind_from_name_and_zone_id() {
        let aws = |name: &str, zone: &str| {
            format!(
                r#""AliasTarget": {{"HostedZoneId": "{zone}", "DNSName": "{name}.", "EvaluateTargetHealth": false}}"#
            )
        };
        let records = [
            set(
                "a",
                &aws(
                    "dualstack.web-1.eu-west-1.elb.amazonaws.com",
                    "Z32O12XQLNTSW2",
                ),
            ),
            set("b", &aws("d111111abcdef8.cloudfront.net", "Z2FDTNDATAQYW2")),
            set(
                "c",
                &aws("net-1.elb.eu-west-1.amazonaws.com", "Z2IFOLAFXWLO4F"),
            ),
            set(
                "d",
                &aws(
                    "d-abc123.execute-api.eu-west-1.amazonaws.com",
                    "ZLY8HYME6SFDD",
                ),
            ),
            set(
                "e",
                &aws("a1234.awsglobalaccelerator.com", "Z2BJ6XQ5FK7U4H"),
            ),
        ];
        let text = import(&records.join(","), None).text;
        for kind in [
            "alias elb",
            "alias cloudfront",
            "alias nlb",
            "alias api_gateway",
            "alias global_accelerator",
        ] {
            assert!(text.contains(kind), "{kind}:\n{text}");
        }
        assert!(!text.contains("hosted_zone_id \"Z"), "{text}");
    }

    #[test]
    fn a_nested_name_steer_would_not_generate_is_kept_as_a_record() {
        let records = [
            set(
                "www",
                &format!(
                    r#""SetIdentifier": "primary", "Failover": "PRIMARY", {}"#,
                    alias("_blue.www", true)
                ),
            ),
            set(
                "www",
                r#""SetIdentifier": "secondary", "Failover": "SECONDARY", "TTL": 60, "ResourceRecords": [{"Value": "198.51.100.1"}]"#,
            ),
            set(
                "_blue.www",
                r#""SetIdentifier": "one", "Weight": 1, "TTL": 60, "ResourceRecords": [{"Value": "203.0.113.1"}]"#,
            ),
            set(
                "_blue.www",
                r#""SetIdentifier": "two", "Weight": 1, "TTL": 60, "ResourceRecords": [{"Value": "203.0.113.2"}]"#,
            ),
        ];
        let text = import(&records.join(","), None).text;
        assert!(text.contains("record _blue.www A = weighted"), "{text}");
        assert!(text.contains("alias record _blue.www A"), "{text}");
        assert!(text.contains("evaluate_target_health"), "{text}");
        let loaded = {
            let mut l = crate::load::Loaded::default();
            l.add("t.steer", text.as_bytes());
            l
        };
        assert!(!crate::check_loaded(&loaded).has_errors(), "{text}");
    }

    #[test]
    fn txt_character_strings_are_joined() {
        assert_eq!(
            super::join_character_strings(r#""a b" "c\"d" "\303\251""#).unwrap(),
            "a bc\"dé"
        );
        assert!(super::join_character_strings(r#""open"#).is_err());
    }
}
