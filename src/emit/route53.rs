//! Lowering a configuration into the record sets Route 53 needs, shared by
//! the Terraform and CloudFormation writers.
//!
//! Route 53 cannot nest routing policies. Like Traffic Flow, steer lowers a
//! nested policy into alias records: the member's record set (at the
//! parent's name, with the parent's routing) is an alias, with
//! evaluate-target-health, to a *generated name* where the nested policy's
//! own record sets live. Generated names are the member's label as a
//! leading underscore label on the parent's name:
//!
//! ```text
//! record shop A = geolocation { continent EU => failover { primary ireland  secondary frankfurt } ... }
//!
//! shop.example.com               A  geolocation continent-EU  alias → _continent-eu.shop.example.com
//! _continent-eu.shop.example.com A  failover primary   → ireland's addresses, ireland's check
//! _continent-eu.shop.example.com A  failover secondary → frankfurt's alias target
//! ```
//!
//! Every alias in a failover pair evaluates target health (except
//! CloudFront targets, which cannot), as do the aliases to generated
//! names: a failover must be able to see its members fail. A member marked
//! `stay` gets neither a health check nor evaluate-target-health, so its
//! parent never looks past it. The rules are [`crate::semantics`]'.
//!
//! Labels and set identifiers come from steer names (endpoint names, roles,
//! locations, regions), never from positions, so adding or reordering
//! members never renames the others.
//!
//! The end of the module holds what the Route 53 targets (Terraform,
//! CloudFormation) share at the seam and in what they write: the options
//! they refuse, and record values as the Route 53 API takes them.

use super::messages;
use super::names;
use super::presentation::{character_strings, escape_quoted, Escaping};
use super::target::{EmitError, Emitted, OptionError, Options};
use crate::check::ir::FailoverRole;
use crate::check::ir::{self, RecordType, RoutingPolicy};
use crate::diagnostic::Diagnostic;
use crate::semantics;
use crate::source::Span;

/// Route 53's limit on `SetIdentifier`.
const MAX_SET_IDENTIFIER: usize = 128;

/// Everything a Route 53 target writes for one zone.
#[derive(Debug)]
pub struct Plan<'c> {
    pub config: &'c ir::Config,
    /// Sorted by name.
    pub health_checks: Vec<&'c ir::HealthCheck>,
    /// Sorted by name, type and set identifier.
    pub record_sets: Vec<RecordSet<'c>>,
}

/// Text many record sets share (a member's label, a generated name): each
/// set holds a reference, not a copy.
pub type Shared = std::sync::Arc<str>;

/// One record set. What it takes from the configuration (routing values,
/// the health check's name, record data, alias targets, a chosen set
/// identifier) it borrows; what the sets of one policy share (their name,
/// the key above their labels, their origin, their TTL) is held once, in
/// the policy's [`Level`] (a set is 120 bytes: 216 when it held its name,
/// key and origin, 336 when it owned its text).
#[derive(Debug, Clone)]
pub struct RecordSet<'c> {
    /// The policy this set is a member of.
    level: std::sync::Arc<Level<'c>>,
    /// The member's label, the key's last part; `None` for the set of a
    /// record whose whole policy is one endpoint or pool.
    label: Option<Shared>,
    /// The set identifier chosen for it (`id "..."`).
    chosen: Option<&'c ir::ChosenSetId>,
    pub record_type: RecordType,
    pub routing: Routing<'c>,
    /// The steer name of the health check Route 53 evaluates for this set.
    pub health_check: Option<&'c str>,
    pub answer: SetAnswer<'c>,
    /// The endpoint the set answers with, for its origin.
    endpoint: Option<&'c ir::Endpoint>,
    pub span: Span,
}

impl<'c> RecordSet<'c> {
    /// Fully qualified, ASCII, no trailing dot.
    pub fn name(&self) -> &str {
        &self.level.name
    }

    /// The chosen identifier (`id "..."`), else the member's label.
    pub fn set_identifier(&self) -> Option<&str> {
        match self.chosen {
            Some(chosen) => Some(&chosen.value),
            None => self.label.as_deref(),
        }
    }

    /// Where the set identifier was chosen (`id "..."`); `None` when steer
    /// derived it.
    pub fn chosen_id(&self) -> Option<Span> {
        self.chosen.map(|c| c.span)
    }

    /// `None` for alias sets: Route 53 takes the target's TTL.
    pub fn ttl(&self) -> Option<u32> {
        match self.answer {
            SetAnswer::Values(_) => Some(self.level.ttl),
            SetAnswer::Alias(_) => None,
        }
    }

    /// Identifier parts derived from steer names, from which targets build
    /// resource names: the record's name as written (`_pool-NAME` for a
    /// pool's sets), its type, then the member labels down to this set
    /// (`shop`, `A`, `continent-EU`, `primary`).
    pub fn key_parts(&self) -> KeyParts<'_> {
        KeyParts {
            set: self,
            next: 0,
            len: self.level.depth as usize + usize::from(self.label.is_some()),
        }
    }

    /// The index in the configuration's records of the record this set
    /// was lowered from; `None` for a pool's sets.
    pub fn record_index(&self) -> Option<usize> {
        let mut level = &*self.level;
        loop {
            match &level.up {
                Up::Member(parent, _) => level = parent,
                Up::Record(_, index) => return Some(*index as usize),
                Up::Pool(_) => return None,
            }
        }
    }

    /// Whether this set is an alias to the generated name holding a nested
    /// policy (whose sets' keys extend this set's key).
    pub fn routes_to_nested(&self) -> bool {
        match &self.answer {
            SetAnswer::Alias(alias) => {
                matches!(alias.target, AliasTo::Generated { nested: true, .. })
            }
            SetAnswer::Values(_) => false,
        }
    }

    /// What produced this set, in words (`www A: failover primary →
    /// endpoint ireland`).
    pub fn origin(&self) -> OriginText<'_> {
        OriginText { set: self }
    }

    /// The key part `i` (less than the key's length).
    fn key_part(&self, i: usize) -> &str {
        match &self.label {
            Some(label) if i == self.level.depth as usize => label,
            _ => self.level.key_part(i, self.record_type),
        }
    }
}

/// What the member sets of one policy share, held once per policy (a
/// record's, a pool's, or a nested one at its generated name).
#[derive(Debug)]
struct Level<'c> {
    /// Where the sets are: fully qualified, ASCII, no trailing dot.
    name: Text<'c>,
    /// The record, pool or member the policy is placed for.
    up: Up<'c>,
    /// The policy, when its members have labels (`None`: the whole policy
    /// is one endpoint or pool, whose set has none).
    policy: Option<&'c RoutingPolicy>,
    /// The key parts above the members' labels.
    depth: u32,
    /// The TTL of the record (or pool) the policy belongs to.
    ttl: u32,
}

/// Text borrowed from the configuration or made by the plan.
#[derive(Debug, Clone)]
enum Text<'c> {
    Borrowed(&'c str),
    Shared(Shared),
}

impl std::ops::Deref for Text<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            Text::Borrowed(text) => text,
            Text::Shared(text) => text,
        }
    }
}

/// What a policy is placed for.
#[derive(Debug)]
enum Up<'c> {
    /// A record, by its name as written, and its index in the
    /// configuration's records.
    Record(&'c str, u32),
    /// A pool, by its key part `_pool-NAME`.
    Pool(Shared),
    /// A member routing to this nested policy: the member's policy's level
    /// and the member's label.
    Member(std::sync::Arc<Level<'c>>, Shared),
}

impl Level<'_> {
    /// The key part `i` (less than `depth`) for sets of `record_type`.
    fn key_part(&self, i: usize, record_type: RecordType) -> &str {
        let mut level = self;
        loop {
            match &level.up {
                Up::Member(parent, label) => {
                    if i + 1 == level.depth as usize {
                        return label;
                    }
                    level = parent;
                }
                Up::Record(name, _) if i == 0 => return name,
                Up::Pool(key) if i == 0 => return key,
                Up::Record(..) | Up::Pool(_) => return record_type.as_str(),
            }
        }
    }

    /// The origin of this policy's sets (`www A`, `pool web A`, `www A:
    /// geolocation continent-EU`).
    fn above(&self, record_type: RecordType, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.up {
            Up::Member(parent, label) => {
                parent.above(record_type, f)?;
                write!(f, ": {} {label}", parent.keyword())
            }
            Up::Record(name, _) => write!(f, "{name} {record_type}"),
            Up::Pool(key) => {
                let pool = key.strip_prefix("_pool-").unwrap_or(key);
                write!(f, "pool {pool} {record_type}")
            }
        }
    }

    /// The keyword of the policy whose members have labels.
    fn keyword(&self) -> &'static str {
        self.policy.map_or("", RoutingPolicy::keyword)
    }
}

/// The parts of a set's key, outermost first (see
/// [`RecordSet::key_parts`]).
#[derive(Clone)]
pub struct KeyParts<'s> {
    set: &'s RecordSet<'s>,
    next: usize,
    len: usize,
}

impl<'s> Iterator for KeyParts<'s> {
    type Item = &'s str;

    fn next(&mut self) -> Option<&'s str> {
        if self.next == self.len {
            return None;
        }
        self.next += 1;
        Some(self.set.key_part(self.next - 1))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.len - self.next, Some(self.len - self.next))
    }
}

impl ExactSizeIterator for KeyParts<'_> {}

/// A set's origin in words (the words are needed only for comments and
/// diagnostics: formatting them for every set, then for every nested
/// policy, was a tenth of the plan's memory).
pub struct OriginText<'s> {
    set: &'s RecordSet<'s>,
}

impl std::fmt::Display for OriginText<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let set = self.set;
        set.level.above(set.record_type, f)?;
        if set.level.policy.is_some() {
            let label = set.label.as_deref().unwrap_or_default();
            write!(f, ": {} {label}", set.level.keyword())?;
        }
        if let Some(endpoint) = set.endpoint {
            write!(f, " → endpoint {}", endpoint.name)?;
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Routing<'c> {
    Simple,
    Failover(FailoverRole),
    Latency {
        aws_region: &'c String,
    },
    Geolocation(&'c ir::GeoLocation),
    Weighted(u8),
    Multivalue,
    Geoproximity {
        location: &'c ir::GeoproximityLocation,
        bias: i8,
    },
    Cidr {
        collection: &'c String,
        location: Option<&'c String>,
    },
}

#[derive(Debug, Clone)]
pub enum SetAnswer<'c> {
    /// Borrowed: a plain record's data, or an endpoint's, made into record
    /// data for the record type as it is read.
    Values(Values<'c>),
    /// Boxed: a third of the sets are aliases, and the others need not
    /// carry its size.
    Alias(Box<AliasAnswer<'c>>),
}

impl SetAnswer<'_> {
    /// For an alias to this zone: the (name, type) aliased.
    pub fn in_zone_target(&self) -> Option<(&str, RecordType)> {
        match self {
            SetAnswer::Alias(alias) => alias.in_zone_target(),
            SetAnswer::Values(_) => None,
        }
    }
}

/// A set's record values, borrowed from the configuration.
#[derive(Debug, Clone, Copy)]
pub enum Values<'c> {
    /// A plain record's data.
    Data(&'c [ir::RData]),
    /// An endpoint's IPv4 addresses, for an A set.
    V4(&'c [ir::Value<std::net::Ipv4Addr>]),
    /// An endpoint's IPv6 addresses, for an AAAA set.
    V6(&'c [ir::Value<std::net::Ipv6Addr>]),
    /// An endpoint's CNAME target.
    Cname(&'c ir::Value<String>),
}

impl<'c> Values<'c> {
    /// How many values.
    pub fn len(&self) -> usize {
        match self {
            Values::Data(d) => d.len(),
            Values::V4(a) => a.len(),
            Values::V6(a) => a.len(),
            Values::Cname(_) => 1,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The values as record data, in order.
    pub fn iter(&self) -> impl Iterator<Item = std::borrow::Cow<'c, ir::RData>> {
        use std::borrow::Cow;
        let (data, v4, v6, cname): (&[ir::RData], &[_], &[_], Option<&ir::Value<String>>) =
            match *self {
                Values::Data(d) => (d, &[], &[], None),
                Values::V4(a) => (&[], a, &[], None),
                Values::V6(a) => (&[], &[], a, None),
                Values::Cname(c) => (&[], &[], &[], Some(c)),
            };
        data.iter()
            .map(Cow::Borrowed)
            .chain(v4.iter().map(|a| Cow::Owned(ir::RData::A(a.clone()))))
            .chain(v6.iter().map(|a| Cow::Owned(ir::RData::Aaaa(a.clone()))))
            .chain(cname.map(|c| Cow::Owned(ir::RData::Cname(c.clone()))))
    }
}

#[derive(Debug, Clone)]
pub struct AliasAnswer<'c> {
    target: AliasTo<'c>,
    /// `None`: this zone (an in-zone record or a generated name).
    pub hosted_zone_id: Option<&'c ir::Value<String>>,
    pub evaluate_target_health: bool,
    /// The plan's sets at the in-zone target's name and type (empty for a
    /// target outside the zone), found once the sets are in order.
    in_zone_sets: std::ops::Range<u32>,
}

#[derive(Debug, Clone)]
enum AliasTo<'c> {
    /// An endpoint's alias target; `in_zone`: a record of this zone.
    Endpoint {
        dns_name: &'c ir::Value<String>,
        in_zone: Option<(&'c str, RecordType)>,
    },
    /// The generated name holding a pool's or (`nested`) a nested policy's
    /// sets of `record_type`.
    Generated {
        name: Shared,
        record_type: RecordType,
        nested: bool,
    },
}

impl<'c> AliasAnswer<'c> {
    /// The indexes of the plan's sets at the in-zone target's name and
    /// type, which an in-zone alias depends on (none for a target outside
    /// the zone).
    pub fn in_zone_sets(&self) -> std::ops::Range<usize> {
        self.in_zone_sets.start as usize..self.in_zone_sets.end as usize
    }

    /// ASCII, no trailing dot; an input for an AWS target named by one.
    pub fn dns_name(&self) -> std::borrow::Cow<'c, ir::Value<String>> {
        match &self.target {
            AliasTo::Endpoint { dns_name, .. } => std::borrow::Cow::Borrowed(*dns_name),
            AliasTo::Generated { name, .. } => {
                std::borrow::Cow::Owned(ir::Value::Literal(name.to_string()))
            }
        }
    }

    /// For aliases to this zone: the (name, type) aliased, which must be
    /// created first.
    pub fn in_zone_target(&self) -> Option<(&str, RecordType)> {
        match &self.target {
            AliasTo::Endpoint { in_zone, .. } => *in_zone,
            AliasTo::Generated {
                name, record_type, ..
            } => Some((name, *record_type)),
        }
    }
}

impl Plan<'_> {
    /// The indexes of the sets at a (name, type). The sets are sorted by
    /// name and type, so these are one run, found by binary search (the
    /// targets read an alias's from [`AliasAnswer::in_zone_sets`]).
    pub fn sets_at(&self, name: &str, record_type: RecordType) -> Vec<usize> {
        let key = (name, record_type);
        let start = self
            .record_sets
            .partition_point(|s| (s.name(), s.record_type) < key);
        let end =
            start + self.record_sets[start..].partition_point(|s| (s.name(), s.record_type) == key);
        (start..end).collect()
    }
}

pub fn plan(config: &ir::Config) -> Result<Plan<'_>, Vec<Diagnostic>> {
    let mut lowering = Lowering::new(config, plan_room(config));
    lowering.records();
    lowering.check_generated_names();
    let mut diagnostics = std::mem::take(&mut lowering.diagnostics);
    let mut record_sets = std::mem::take(&mut lowering.sets);
    // The generated names and the labels are freed before the sets are
    // sorted.
    drop(lowering);
    let order = check_set_identifiers(&record_sets, &mut diagnostics);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(diagnostics);
    }
    names::permute_in_place(&mut record_sets, order);
    find_alias_targets(&mut record_sets);
    // The plan lives while the targets name its sets: it keeps no room to
    // grow (a quarter of the vector, when it had just doubled).
    record_sets.shrink_to_fit();
    Ok(Plan {
        config,
        health_checks: config.checks.values().collect(),
        record_sets,
    })
}

/// The order of a plan's sets: by name, type and set identifier.
fn set_order(a: &RecordSet, b: &RecordSet) -> std::cmp::Ordering {
    name_order(a.name(), b.name()).then_with(|| type_and_id_order(a, b))
}

/// [`set_order`] after the names.
fn type_and_id_order(a: &RecordSet, b: &RecordSet) -> std::cmp::Ordering {
    a.record_type
        .cmp(&b.record_type)
        .then_with(|| a.set_identifier().cmp(&b.set_identifier()))
}

/// Two names' order; the sets of one policy share its name, equal
/// without reading it (the plan's sort compares such sets most).
fn name_order(a: &str, b: &str) -> std::cmp::Ordering {
    if std::ptr::eq(a, b) {
        std::cmp::Ordering::Equal
    } else {
        a.cmp(b)
    }
}

/// The indexes of `sets` in [`set_order`], equals in the order they came.
/// Each index is sorted beside its name's first bytes and its name, so
/// that most comparisons read no set: generated names share long starts
/// (`_primary._secondary.failover…`), and reaching a name through its set
/// and level was three cache misses a side, a third of the plan's time at
/// a million records.
fn plan_order(sets: &[RecordSet]) -> Vec<u32> {
    names::sorted_order(
        0..sets.len(),
        |i| {
            let name = sets[i].name();
            (names::prefix_key(name.as_bytes()), SetName(name))
        },
        |a, b| type_and_id_order(&sets[a], &sets[b]),
    )
}

/// A set's name as [`plan_order`] keeps it: ordered by [`name_order`].
struct SetName<'p>(&'p str);

impl PartialEq for SetName<'_> {
    fn eq(&self, other: &Self) -> bool {
        name_order(self.0, other.0).is_eq()
    }
}

impl Eq for SetName<'_> {}

impl PartialOrd for SetName<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for SetName<'_> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        name_order(self.0, other.0)
    }
}

struct Lowering<'c> {
    config: &'c ir::Config,
    sets: Vec<RecordSet<'c>>,
    /// The (pool, type) pairs already placed at their generated name.
    pools_placed: rustc_hash::FxHashSet<(&'c str, RecordType)>,
    /// Generated (name, type) → the nested policy it was generated for.
    /// Hashed: a zone of 100k records has about 200k, and a `BTreeMap`'s
    /// nodes were 39 MB at the peak of its plan.
    generated: rustc_hash::FxHashMap<(Shared, RecordType), Span>,
    /// The members' labels, each made once and shared by every set that
    /// has it (most repeat: roles, regions, locations, endpoints used by
    /// many records; a label per set was 11 MB of the plan at 100k
    /// records).
    labels: rustc_hash::FxHashSet<Shared>,
    diagnostics: Vec<Diagnostic>,
}

/// What the sets of a routing tree take from where the tree is: a record,
/// or a pool (lowered once per type, with the pool's TTL).
#[derive(Clone, Copy)]
struct Owner {
    record_type: RecordType,
    ttl: u32,
    span: Span,
}

/// Where a policy goes: its name, and the record or pool (`root`) or the
/// member (`parent`) it is placed for.
struct At<'c> {
    name: Text<'c>,
    up: Up<'c>,
}

/// A member's place: where its set goes and how the parent routes to it.
struct Place<'c> {
    level: std::sync::Arc<Level<'c>>,
    label: Option<Shared>,
    routing: Routing<'c>,
    chosen: Option<&'c ir::ChosenSetId>,
}

impl<'c> Place<'c> {
    /// The record set at this place.
    fn set(
        self,
        record_type: RecordType,
        health_check: Option<&'c str>,
        answer: SetAnswer<'c>,
        endpoint: Option<&'c ir::Endpoint>,
        span: Span,
    ) -> RecordSet<'c> {
        RecordSet {
            level: self.level,
            label: self.label,
            chosen: self.chosen,
            record_type,
            routing: self.routing,
            health_check,
            answer,
            endpoint,
            span,
        }
    }
}

impl<'c> Lowering<'c> {
    /// With room for what the configuration makes ([`plan_room`]).
    fn new(config: &'c ir::Config, room: PlanRoom) -> Self {
        Lowering {
            config,
            sets: Vec::with_capacity(room.sets),
            pools_placed: Default::default(),
            generated: rustc_hash::FxHashMap::with_capacity_and_hasher(
                room.generated,
                Default::default(),
            ),
            labels: Default::default(),
            diagnostics: Vec::new(),
        }
    }

    /// Lowers every record of the configuration.
    fn records(&mut self) {
        for (i, record) in self.config.records.iter().enumerate() {
            self.record(record, u32::try_from(i).expect("under 2^32 records"));
        }
    }

    /// Lowers `record`, the configuration's record `index`.
    fn record(&mut self, record: &'c ir::RecordSet, index: u32) {
        let owner = Owner {
            record_type: record.record_type,
            ttl: record.ttl,
            span: record.span,
        };
        let at = At {
            name: Text::Borrowed(&record.fqdn),
            up: Up::Record(&record.name, index),
        };
        match &record.content {
            ir::RecordContent::Plain(rdata) => {
                let place = Place {
                    level: level(owner, at, None),
                    label: None,
                    routing: Routing::Simple,
                    chosen: None,
                };
                let answer = SetAnswer::Values(Values::Data(rdata));
                let set = place.set(record.record_type, None, answer, None, record.span);
                self.sets.push(set);
            }
            ir::RecordContent::Routed(root) => self.policy_at(owner, root, at),
        }
    }

    /// Places a policy's members `at` a name (the record's own, or a
    /// generated one).
    fn policy_at(&mut self, record: Owner, node: &'c ir::PolicyNode, at: At<'c>) {
        let policy = match &node.policy {
            RoutingPolicy::Endpoint(_) | RoutingPolicy::Pool(_) => None,
            policy => Some(policy),
        };
        let level = level(record, at, policy);
        let simple = || Place {
            level: level.clone(),
            label: None,
            routing: Routing::Simple,
            chosen: None,
        };
        match &node.policy {
            RoutingPolicy::Endpoint(e) => self.endpoint_set(record, e, None, simple(), false),
            // A record whose whole policy is a pool: one simple alias to
            // the pool's generated name.
            RoutingPolicy::Pool(_) => self.member(record, node, simple()),
            RoutingPolicy::Multivalue(endpoints) => {
                for e in endpoints {
                    let chosen = node.member_set_id(e);
                    let label = self.label(e);
                    let place = member_place(&level, label, chosen, Routing::Multivalue);
                    let use_check = node.member_check(e);
                    self.endpoint_set(record, e, use_check, place, false);
                }
            }
            policy => {
                for (label, member, routing) in members(policy) {
                    let chosen = member.set_id();
                    let label = self.label(&label);
                    let place = member_place(&level, label, chosen, routing);
                    self.member(record, member, place);
                }
            }
        }
    }

    /// `label`, shared with the sets that have it already.
    fn label(&mut self, label: &str) -> Shared {
        if let Some(shared) = self.labels.get(label) {
            return shared.clone();
        }
        let shared: Shared = label.into();
        self.labels.insert(shared.clone());
        shared
    }

    fn member(&mut self, record: Owner, member: &'c ir::PolicyNode, place: Place<'c>) {
        match &member.policy {
            RoutingPolicy::Endpoint(e) => {
                self.endpoint_set(record, e, member.use_check(), place, member.stays())
            }
            RoutingPolicy::Pool(pool) => self.pool_use(record, member, pool, place),
            _ => {
                // A nested policy: alias to a generated name holding it,
                // named from the derived label even when the set
                // identifier was chosen (a chosen one need not be a DNS
                // label).
                let label = place.label.clone().unwrap_or_else(|| "".into());
                let generated: Shared = names::generated_name(&label, &place.level.name).into();
                let at = At {
                    name: Text::Shared(generated.clone()),
                    up: Up::Member(place.level.clone(), label),
                };
                if self.alias_to_generated(record, member, place, &generated) {
                    self.policy_at(record, member, at);
                }
            }
        }
    }

    /// The alias set of a member to the generated name holding its
    /// policy; whether that name is free (on a clash the policy is not
    /// placed again, which would only repeat the clash for every member).
    fn alias_to_generated(
        &mut self,
        record: Owner,
        member: &'c ir::PolicyNode,
        place: Place<'c>,
        generated: &Shared,
    ) -> bool {
        self.push_alias(record, member, place, generated, true);
        self.claim_generated(generated, record.record_type, member.span, false)
    }

    /// The alias set of a member to a generated name in this zone (of a
    /// pool, or `nested`: of a nested policy), which evaluates target
    /// health unless the member is marked `stay`.
    fn push_alias(
        &mut self,
        record: Owner,
        member: &'c ir::PolicyNode,
        place: Place<'c>,
        generated: &Shared,
        nested: bool,
    ) {
        let answer = SetAnswer::Alias(Box::new(AliasAnswer {
            target: AliasTo::Generated {
                name: generated.clone(),
                record_type: record.record_type,
                nested,
            },
            hosted_zone_id: None,
            evaluate_target_health: semantics::nested_alias_evaluates(member),
            in_zone_sets: 0..0,
        }));
        // The check written after the member goes on its alias, beside
        // evaluate-target-health or (`alone`) instead of it (Developer
        // Guide, "Health checking in complex configurations").
        let check = semantics::nested_member_check(member);
        let set = place.set(record.record_type, check, answer, None, member.span);
        self.sets.push(set);
    }

    /// Claims a generated name; `pool`: for a pool (else a nested policy).
    fn claim_generated(
        &mut self,
        generated: &Shared,
        record_type: RecordType,
        span: Span,
        pool: bool,
    ) -> bool {
        match self.generated.entry((generated.clone(), record_type)) {
            std::collections::hash_map::Entry::Occupied(first) => {
                self.diagnostics.push(messages::generated_name_needed_twice(
                    span,
                    generated,
                    record_type,
                    *first.get(),
                    pool,
                ));
                false
            }
            std::collections::hash_map::Entry::Vacant(free) => {
                free.insert(span);
                true
            }
        }
    }

    /// A member that is a pool: an alias to the pool's generated name
    /// (`_pool-NAME.<zone>`), where the pool's policy is placed once per
    /// record type, whatever uses it. Route 53 builds such "complex
    /// configurations" as a tree of alias records to record sets of the
    /// same zone (Developer Guide, "How health checks work in complex
    /// Amazon Route 53 configurations"); a name may be the target of any
    /// number of aliases, so every use shares the pool's sets. A pool that is one endpoint is that
    /// endpoint's set, as if the member named the endpoint.
    fn pool_use(
        &mut self,
        record: Owner,
        member: &'c ir::PolicyNode,
        pool: &'c ir::PoolUse,
        place: Place<'c>,
    ) {
        if let RoutingPolicy::Endpoint(e) = &pool.node.policy {
            return self.endpoint_set(record, e, member.use_check(), place, member.stays());
        }
        let generated: Shared = pool_name(&pool.name, &self.config.zone.name).into();
        self.push_alias(record, member, place, &generated, false);
        if !self.pools_placed.insert((&pool.name, record.record_type)) {
            return;
        }
        let span = self
            .config
            .pools
            .get(&pool.name)
            .map_or(member.span, |p| p.span);
        if !self.claim_generated(&generated, record.record_type, span, true) {
            return;
        }
        let owner = Owner {
            record_type: record.record_type,
            ttl: pool.ttl,
            span,
        };
        let at = At {
            name: Text::Shared(generated),
            up: Up::Pool(format!("_pool-{}", pool.name).into()),
        };
        self.policy_at(owner, &pool.node, at);
    }

    /// The record set for an endpoint member; `use_check`: the check
    /// written for this use, which replaces the endpoint's; `stays`: the
    /// member is marked `stay`.
    fn endpoint_set(
        &mut self,
        record: Owner,
        endpoint: &str,
        use_check: Option<&'c ir::UseCheck>,
        place: Place<'c>,
        stays: bool,
    ) {
        let Some(e) = self.config.endpoints.get(endpoint) else {
            return; // The check stage guarantees endpoints exist.
        };
        let routed = place.routing != Routing::Simple;
        let answer = match &e.answer {
            ir::Answer::Addresses { v4, v6 } => SetAnswer::Values(match record.record_type {
                RecordType::Aaaa => Values::V6(v6),
                _ => Values::V4(v4),
            }),
            ir::Answer::Cname(target) => SetAnswer::Values(Values::Cname(target)),
            ir::Answer::Alias(alias) => {
                let in_zone = match (&alias.kind, alias.record_name()) {
                    (ir::AliasTargetKind::Record { record_type }, Some(name)) => {
                        Some((name, record_type.unwrap_or(record.record_type)))
                    }
                    _ => None,
                };
                let failover = matches!(place.routing, Routing::Failover(_));
                SetAnswer::Alias(Box::new(AliasAnswer {
                    target: AliasTo::Endpoint {
                        dns_name: &alias.dns_name,
                        in_zone,
                    },
                    hosted_zone_id: alias.hosted_zone_id.as_ref(),
                    evaluate_target_health: semantics::evaluates_target_health(e, failover, stays),
                    in_zone_sets: 0..0,
                }))
            }
        };
        let check = semantics::member_health_check(e, use_check, routed, stays);
        let set = place.set(record.record_type, check, answer, Some(e), record.span);
        self.sets.push(set);
    }

    /// Generated names must be valid DNS names and must not shadow the
    /// user's records.
    fn check_generated_names(&mut self) {
        let user_names: rustc_hash::FxHashMap<&str, Span> = self
            .config
            .records
            .iter()
            .map(|r| (r.fqdn.as_str(), r.span))
            .collect();
        // Only the names with something to report are sorted (into name
        // order, as the diagnostics were found before): sorting all of
        // them, two million at a million records, each comparison reading
        // two names far apart, was a tenth of `steer check`.
        let mut reported: Vec<(&(Shared, RecordType), &Span)> = self
            .generated
            .iter()
            .filter(|((name, _), _)| {
                user_names.contains_key(&**name) || crate::dns_name::to_ascii(name).is_err()
            })
            .collect();
        reported.sort_unstable_by(|a, b| a.0.cmp(b.0));
        for ((name, _), span) in reported {
            if let Some(user) = user_names.get(&**name) {
                self.diagnostics
                    .push(messages::generated_name_is_a_record(*user, name, *span));
            }
            if let Err(e) = crate::dns_name::to_ascii(name) {
                self.diagnostics
                    .push(messages::generated_name_invalid(*span, e));
            }
        }
    }
}

/// Set identifiers must be unique per name and type and within Route 53's
/// length limit. Returns the sets' order in the plan (by name, type and set
/// identifier).
fn check_set_identifiers(sets: &[RecordSet], diagnostics: &mut Vec<Diagnostic>) -> Vec<u32> {
    // The sets in the plan's order, found once: sets that repeat an
    // earlier set's identifier for their name and type are next to it
    // (a map of the keys held 460k of them at 100k records, at the
    // plan's peak; sorting again by the same key, to write the plan in
    // order, doubled the plan's sorting).
    let order = plan_order(sets);
    let mut repeats = Vec::new();
    for k in 1..order.len() {
        let (before, set) = (&sets[order[k - 1] as usize], &sets[order[k] as usize]);
        if set.set_identifier().is_some() && set_order(before, set).is_eq() {
            repeats.push(order[k] as usize);
        }
    }
    repeats.sort_unstable();
    let mut repeated = repeats.into_iter().peekable();
    for (i, set) in sets.iter().enumerate() {
        let Some(id) = set.set_identifier() else {
            continue;
        };
        // A chosen identifier is reported where it was written.
        let span = set.chosen_id().unwrap_or(set.span);
        if id.chars().count() > MAX_SET_IDENTIFIER {
            diagnostics.push(messages::set_identifier_too_long(
                span,
                id,
                set.chosen_id().is_some(),
            ));
        }
        if repeated.next_if_eq(&i).is_some() {
            diagnostics.push(messages::set_identifier_collision(
                span,
                set.name(),
                set.record_type,
                id,
                set.chosen_id().is_some(),
            ));
        }
    }
    order
}

/// Gives each in-zone alias the run of sets it targets (all the sets at
/// its target's name and type), once the sets are in order: one pass over
/// them, where each alias made two binary searches over all the sets,
/// reading a name at every step (7% of a CloudFormation build at 100k
/// records).
fn find_alias_targets(sets: &mut [RecordSet]) {
    // Each in-zone alias's target, in the sets' order.
    let targets: Vec<(&str, RecordType)> = sets
        .iter()
        .filter_map(|set| set.answer.in_zone_target())
        .collect();
    if targets.is_empty() {
        return;
    }
    // Room for a target per alias (many share one): grown from empty, the
    // table was rehashed on the way, a cache miss per target moved.
    let mut wanted: rustc_hash::FxHashMap<(&str, RecordType), std::ops::Range<u32>> =
        rustc_hash::FxHashMap::with_capacity_and_hasher(targets.len(), Default::default());
    wanted.extend(targets.iter().map(|&key| (key, 0..0)));
    let mut start = 0;
    while start < sets.len() {
        let first = &sets[start];
        let end = start
            + sets[start..]
                .iter()
                .take_while(|s| {
                    s.record_type == first.record_type && name_order(s.name(), first.name()).is_eq()
                })
                .count();
        if let Some(run) = wanted.get_mut(&(first.name(), first.record_type)) {
            *run = index(start)..index(end);
        }
        start = end;
    }
    let found: Vec<std::ops::Range<u32>> = targets.iter().map(|key| wanted[key].clone()).collect();
    let aliases = sets.iter_mut().filter_map(|set| match &mut set.answer {
        SetAnswer::Alias(alias) if alias.in_zone_target().is_some() => Some(alias),
        _ => None,
    });
    for (alias, run) in aliases.zip(found) {
        alias.in_zone_sets = run;
    }
}

fn index(i: usize) -> u32 {
    u32::try_from(i).expect("a plan has fewer than 2^32 sets")
}

/// The level of a policy placed `at` a name for `record`; `policy`: the
/// policy, when its members have labels.
fn level<'c>(
    record: Owner,
    at: At<'c>,
    policy: Option<&'c RoutingPolicy>,
) -> std::sync::Arc<Level<'c>> {
    let depth = match &at.up {
        Up::Member(parent, _) => parent.depth + 1,
        Up::Record(..) | Up::Pool(_) => 2,
    };
    std::sync::Arc::new(Level {
        name: at.name,
        up: at.up,
        policy,
        depth,
        ttl: record.ttl,
    })
}

/// A member's place in a policy's `level`; its set identifier is the one
/// chosen for it (`id "..."`), else its label.
fn member_place<'c>(
    level: &std::sync::Arc<Level<'c>>,
    label: Shared,
    chosen: Option<&'c ir::ChosenSetId>,
    routing: Routing<'c>,
) -> Place<'c> {
    Place {
        level: level.clone(),
        label: Some(label),
        routing,
        chosen,
    }
}

/// The generated name holding a pool's record sets: `_pool-NAME.<zone>`
/// (a leading underscore label, like a nested policy's generated names,
/// so that it cannot be a host name the user means).
pub fn pool_name(pool: &str, zone: &str) -> String {
    format!("_pool-{}.{zone}", names::dns_label(pool))
}

/// How much [`plan`] makes of a configuration (less when it finds errors).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct PlanRoom {
    /// Record sets: the vector of sets is allocated once, at its size
    /// (grown by doubling, it held up to three times the sets' size while
    /// the last growth copied them, and a quarter more after).
    sets: usize,
    /// Generated names claimed, one per nested policy and per pool placed
    /// for a type: their table is allocated at its size (grown, it was
    /// rehashed about twenty times on the way to two million names, a
    /// cache miss per name moved).
    generated: usize,
}

fn plan_room(config: &ir::Config) -> PlanRoom {
    let mut pools = rustc_hash::FxHashSet::default();
    let mut room = PlanRoom::default();
    for record in &config.records {
        match &record.content {
            ir::RecordContent::Plain(_) => room.sets += 1,
            ir::RecordContent::Routed(root) => {
                policy_room(root, record.record_type, &mut pools, &mut room)
            }
        }
    }
    room
}

/// Adds to `room` what [`Lowering::policy_at`] makes of a policy (pools
/// placed before, of `pools`, are not placed again).
fn policy_room<'c>(
    node: &'c ir::PolicyNode,
    record_type: RecordType,
    pools: &mut rustc_hash::FxHashSet<(&'c str, RecordType)>,
    room: &mut PlanRoom,
) {
    let mut member = |member: &'c ir::PolicyNode, room: &mut PlanRoom| {
        room.sets += 1;
        match &member.policy {
            RoutingPolicy::Endpoint(_) => {}
            RoutingPolicy::Pool(pool) => match &pool.node.policy {
                RoutingPolicy::Endpoint(_) => {}
                _ if pools.insert((&pool.name, record_type)) => {
                    room.generated += 1;
                    policy_room(&pool.node, record_type, pools, room)
                }
                _ => {}
            },
            _ => {
                room.generated += 1;
                policy_room(member, record_type, pools, room)
            }
        }
    };
    match &node.policy {
        RoutingPolicy::Endpoint(_) => room.sets += 1,
        RoutingPolicy::Multivalue(endpoints) => room.sets += endpoints.len(),
        // A record whose whole policy is a pool is one member: the pool use.
        RoutingPolicy::Pool(_) => member(node, room),
        policy => policy.children().for_each(|m| member(m, room)),
    }
}

/// A policy's members with their label and the routing their set gets.
/// Labels (set identifiers, generated names) come from
/// [`RoutingPolicy::members`], the one place that names members; only the
/// routing is added here, in the same member order.
fn members(policy: &RoutingPolicy) -> Vec<(String, &ir::PolicyNode, Routing<'_>)> {
    let routings: Vec<Routing> = match policy {
        RoutingPolicy::Endpoint(_) | RoutingPolicy::Multivalue(_) | RoutingPolicy::Pool(_) => {
            Vec::new()
        }
        RoutingPolicy::Failover { .. } => vec![
            Routing::Failover(FailoverRole::Primary),
            Routing::Failover(FailoverRole::Secondary),
        ],
        RoutingPolicy::Latency(m) => m
            .iter()
            .map(|m| Routing::Latency {
                aws_region: &m.aws_region,
            })
            .collect(),
        RoutingPolicy::Geolocation(r) => r
            .iter()
            .map(|r| Routing::Geolocation(&r.location))
            .collect(),
        RoutingPolicy::Weighted(m) => m.iter().map(|m| Routing::Weighted(m.weight)).collect(),
        RoutingPolicy::Geoproximity(m) => m
            .iter()
            .map(|m| Routing::Geoproximity {
                location: &m.location,
                bias: m.bias,
            })
            .collect(),
        RoutingPolicy::Cidr(cidr) => cidr
            .rules
            .iter()
            .map(|r| Routing::Cidr {
                collection: &cidr.collection,
                location: r.location.as_ref(),
            })
            .collect(),
    };
    policy
        .members()
        .into_iter()
        .zip(routings)
        .map(|((label, node), routing)| (label, node, routing))
        .collect()
}

// ----------------------------------------------------------------------------
// Record data in Route 53's presentation form (the API's `Value`)
// ----------------------------------------------------------------------------

/// The Route 53 `Type` of a probing health check.
pub fn probe_type(probe: &ir::EndpointProbe) -> &'static str {
    use crate::check::ir::Protocol;
    match (probe.protocol, probe.search_string().is_some()) {
        (Protocol::Http, false) => "HTTP",
        (Protocol::Http, true) => "HTTP_STR_MATCH",
        (Protocol::Https, false) => "HTTPS",
        (Protocol::Https, true) => "HTTPS_STR_MATCH",
        (Protocol::Tcp, _) => "TCP",
    }
}

/// A record value as the Route 53 API (and CloudFormation) takes it: names
/// with a trailing dot, TXT as quoted strings of at most 255 bytes, `"`
/// written `\042` (see [`Escaping::Route53OctalQuote`]).
pub fn rdata_value(rdata: &ir::RData) -> String {
    rdata_value_with(rdata, Escaping::Route53OctalQuote)
}

/// [`rdata_value`] with quoted strings escaped as `escaping` says.
pub fn rdata_value_with(rdata: &ir::RData, escaping: Escaping) -> String {
    use names::absolute;
    match rdata {
        ir::RData::A(a) => a.to_string(),
        ir::RData::Aaaa(a) => a.to_string(),
        ir::RData::Cname(n) => names::absolute_value(n),
        ir::RData::Ns(n) | ir::RData::Ptr(n) => absolute(n),
        ir::RData::Mx {
            preference,
            exchange,
        } => format!("{preference} {}", absolute(exchange)),
        ir::RData::Txt(text) => character_strings(text, escaping)
            .iter()
            .map(|s| format!("\"{s}\""))
            .collect::<Vec<_>>()
            .join(" "),
        ir::RData::Srv {
            priority,
            weight,
            port,
            target,
        } => format!("{priority} {weight} {port} {}", absolute(target)),
        ir::RData::Caa(caa) => {
            format!(
                "{} {} \"{}\"",
                caa.flags,
                caa.tag,
                escape_quoted(caa.value.as_bytes(), escaping)
            )
        }
    }
}

// ----------------------------------------------------------------------------
// At the seam
// ----------------------------------------------------------------------------

/// The options a Route 53 target refuses: Route 53 evaluates health checks
/// live, so there is no health scenario to assume.
pub(super) fn validate_options(options: &Options) -> Result<(), OptionError> {
    if options.assume_down.is_empty() {
        Ok(())
    } else {
        Err(OptionError(messages::scenario_needs_zone_target()))
    }
}

/// The Route 53 targets that cannot write imports (CloudFormation) refuse
/// `--import-ids` too.
pub(super) fn validate_options_without_imports(options: &Options) -> Result<(), OptionError> {
    validate_options(options)?;
    match options.import_ids {
        None => Ok(()),
        Some(_) => Err(OptionError(messages::import_ids_need_terraform())),
    }
}

/// A Route 53 target's output for one zone: `write` over the zone's plan,
/// writing its text. Every problem these targets find is an error, found
/// before `write` writes (the plan's, then the resource names'); they have
/// no warnings.
pub(super) fn emit_with(
    config: &ir::Config,
    write: impl FnOnce(&Plan) -> Result<(), EmitError>,
) -> Result<Emitted, EmitError> {
    let plan = plan(config)?;
    write(&plan)?;
    Ok(Emitted {
        warnings: Vec::new(),
        extra_files: Vec::new(),
    })
}

/// A Route 53 target's diagnostics for one zone without its output: the
/// plan's, then `names`' (the resource names `write` would give out).
/// [`emit_with`] reports exactly these, so `steer check` need not write.
pub(super) fn diagnose_with<N>(
    zone: &super::Diagnosed<'_>,
    names: impl FnOnce(&Plan) -> Result<N, Vec<Diagnostic>>,
) -> Vec<Diagnostic> {
    match zone.route53_plan() {
        Ok(plan) => names(plan).err().unwrap_or_default(),
        Err(errors) => errors.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_set_stays_small() {
        // A 10k-record zone plans 45k sets, kept while the targets name
        // them: 336 bytes each when they owned their text and routing,
        // 216 when each held its key, name, origin and set identifier.
        let size = std::mem::size_of::<RecordSet>();
        assert!(size <= 120, "a record set is {size} bytes");
        // What one policy's sets share, once per policy.
        let size = std::mem::size_of::<Level>();
        assert!(size <= 72, "a level is {size} bytes");
        let size = std::mem::size_of::<Routing>();
        assert!(size <= 24, "a routing is {size} bytes");
    }

    /// Calls `each` with every example's path and the plan of each of its
    /// zones (pools used by several records and types, pools of one
    /// endpoint, nested policies, multivalue, CIDR, `alias record`, plain
    /// records).
    fn each_example_plan(mut each: impl FnMut(&std::path::Path, &Plan)) {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
        for entry in std::fs::read_dir(dir).expect("examples") {
            let path = entry.expect("an entry").path();
            if path.extension().is_none_or(|e| e != "steer") {
                continue;
            }
            let loaded = crate::load::load(std::slice::from_ref(&path)).expect("loads");
            let checked = crate::check_loaded(&loaded);
            for config in &checked.configs {
                each(&path, &plan(config).expect("plans"));
            }
        }
    }

    #[test]
    fn the_sets_and_generated_names_are_counted_before_they_are_made() {
        let mut zones = 0;
        let mut generated = 0;
        each_example_plan(|path, plan| {
            let room = plan_room(plan.config);
            assert_eq!(room.sets, plan.record_sets.len(), "{path:?}");
            let mut lowering = Lowering::new(plan.config, PlanRoom::default());
            lowering.records();
            assert_eq!(room.generated, lowering.generated.len(), "{path:?}");
            generated += room.generated;
            zones += 1;
        });
        assert!(zones >= 10, "{zones} zones");
        assert!(generated >= 10, "{generated} generated names");
    }

    /// Every example's plan is in `set_order`, and each in-zone alias is
    /// given exactly the sets at its target's name and type (pools used by
    /// several records share their sets; `alias record` targets a record).
    #[test]
    fn in_zone_aliases_are_given_the_sets_at_their_target() {
        let (mut aliases, mut shared) = (0, 0);
        each_example_plan(|path, plan| {
            let sets = &plan.record_sets;
            assert!(
                sets.windows(2).all(|w| set_order(&w[0], &w[1]).is_le()),
                "{path:?}: the plan is out of order"
            );
            for set in sets {
                let SetAnswer::Alias(alias) = &set.answer else {
                    continue;
                };
                let at: Vec<usize> = match alias.in_zone_target() {
                    Some((name, record_type)) => (0..sets.len())
                        .filter(|&j| sets[j].name() == name && sets[j].record_type == record_type)
                        .collect(),
                    None => Vec::new(),
                };
                assert_eq!(alias.in_zone_sets().collect::<Vec<_>>(), at, "{path:?}");
                aliases += usize::from(!at.is_empty());
                shared += usize::from(at.len() > 1);
            }
        });
        assert!(
            aliases >= 15 && shared >= 10,
            "{aliases} aliases, {shared} to several sets"
        );
    }

    #[test]
    fn rdata_values_are_absolute() {
        assert_eq!(
            rdata_value(&ir::RData::Mx {
                preference: 10,
                exchange: "mx.example.com".into()
            }),
            "10 mx.example.com."
        );
        assert_eq!(
            rdata_value(&ir::RData::Mx {
                preference: 0,
                exchange: ".".into()
            }),
            "0 ."
        );
    }
}
