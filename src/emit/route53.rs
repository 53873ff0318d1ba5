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
use super::names::{self, Namespace};
use super::presentation::{character_strings, escape_quoted, Escaping};
use super::target::{EmitError, Emitted, OptionError, Options};
use crate::check::ir::FailoverRole;
use crate::check::ir::{self, RecordType, RoutingPolicy};
use crate::diagnostic::Diagnostic;
use crate::semantics;
use crate::source::Span;
use std::collections::HashMap;

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

/// Text many record sets share (a policy's owner name, the key parts
/// above a member, its origin): each set holds a reference, not a copy
/// (copies were a third of the plan's memory on a 10k-record zone).
pub type Shared = std::sync::Arc<str>;

/// One record set. What it takes from the configuration (routing values,
/// the health check's name, record data, alias targets) it borrows; the
/// text it derives is [`Shared`], the set identifier with the key's last
/// label (a set is 216 bytes, not 336, and a 10k-record zone has 45k).
#[derive(Debug, Clone)]
pub struct RecordSet<'c> {
    /// Identifier parts derived from steer names, from which targets build
    /// resource names: the record's name as written, its type, then the
    /// member labels down to this set (`["shop", "A", "continent-EU", "primary"]`).
    pub key: Box<[Shared]>,
    /// Fully qualified, ASCII, no trailing dot.
    pub name: Shared,
    pub record_type: RecordType,
    pub set_identifier: Option<Shared>,
    /// Where the set identifier was chosen (`id "..."`); `None` when steer
    /// derived it.
    pub chosen_id: Option<Span>,
    pub routing: Routing<'c>,
    /// The steer name of the health check Route 53 evaluates for this set.
    pub health_check: Option<&'c str>,
    /// `None` for alias sets: Route 53 takes the target's TTL.
    pub ttl: Option<u32>,
    pub answer: SetAnswer<'c>,
    /// What produced this set, for comments (`www A: failover primary`);
    /// put into words by [`RecordSet::origin`].
    pub origin: Origin<'c>,
    pub span: Span,
}

impl RecordSet<'_> {
    /// What produced this set, in words (`www A: failover primary →
    /// endpoint ireland`).
    pub fn origin(&self) -> OriginText<'_> {
        self.origin.text(&self.key)
    }
}

/// What produced a set, kept in parts (the words are needed only for
/// comments and diagnostics; formatting them for every set was a tenth of
/// the plan's memory).
#[derive(Debug, Clone)]
pub struct Origin<'c> {
    /// The policy's owner (`www A`, `pool web A`) or, below a nested
    /// policy, the origin of the member routing to it.
    above: Shared,
    /// The member's policy keyword (its label is the key's last).
    kind: Option<&'static str>,
    /// The endpoint the set answers with.
    endpoint: Option<&'c str>,
}

impl Origin<'_> {
    /// In words, with the member label that is the last of `key`.
    fn text<'s>(&'s self, key: &'s [Shared]) -> OriginText<'s> {
        OriginText {
            origin: self,
            label: key.last().map_or("", |l| &**l),
        }
    }
}

/// A set's [`Origin`] in words.
pub struct OriginText<'s> {
    origin: &'s Origin<'s>,
    label: &'s str,
}

impl std::fmt::Display for OriginText<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.origin.above)?;
        if let Some(kind) = self.origin.kind {
            write!(f, ": {kind} {}", self.label)?;
        }
        if let Some(endpoint) = self.origin.endpoint {
            write!(f, " → endpoint {endpoint}")?;
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Routing<'c> {
    Simple,
    Failover(FailoverRole),
    Latency {
        aws_region: &'c str,
    },
    Geolocation(&'c ir::GeoLocation),
    Weighted(u8),
    Multivalue,
    Geoproximity {
        location: &'c ir::GeoproximityLocation,
        bias: i8,
    },
    Cidr {
        collection: &'c str,
        location: Option<&'c str>,
    },
}

#[derive(Debug, Clone)]
pub enum SetAnswer<'c> {
    /// A plain record's data is borrowed; an endpoint's is made for the
    /// record type.
    Values(std::borrow::Cow<'c, [ir::RData]>),
    /// Boxed: a third of the sets are aliases, and the others need not
    /// carry its size.
    Alias(Box<AliasAnswer<'c>>),
}

impl SetAnswer<'_> {
    /// For an alias to this zone: the (name, type) aliased.
    pub fn in_zone_target(&self) -> Option<&(Shared, RecordType)> {
        match self {
            SetAnswer::Alias(alias) => alias.in_zone_target.as_ref(),
            SetAnswer::Values(_) => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct AliasAnswer<'c> {
    /// ASCII, no trailing dot; an input for an AWS target named by one.
    pub dns_name: std::borrow::Cow<'c, ir::Value<String>>,
    /// `None`: this zone (an in-zone record or a generated name).
    pub hosted_zone_id: Option<&'c ir::Value<String>>,
    pub evaluate_target_health: bool,
    /// For aliases to this zone: the (name, type) aliased, which must be
    /// created first.
    pub in_zone_target: Option<(Shared, RecordType)>,
}

impl<'c> Plan<'c> {
    /// The indexes of the sets at a (name, type): the targets an in-zone
    /// alias depends on. The sets are sorted by name and type, so these
    /// are one run, found by binary search.
    pub fn sets_at(&self, name: &str, record_type: RecordType) -> Vec<usize> {
        let key = (name, record_type);
        let start = self
            .record_sets
            .partition_point(|s| (&*s.name, s.record_type) < key);
        let end =
            start + self.record_sets[start..].partition_point(|s| (&*s.name, s.record_type) == key);
        (start..end).collect()
    }
}

pub fn plan(config: &ir::Config) -> Result<Plan<'_>, Vec<Diagnostic>> {
    let mut lowering = Lowering {
        config,
        sets: Vec::new(),
        pools_placed: Default::default(),
        generated: Namespace::default(),
        diagnostics: Vec::new(),
    };
    for record in &config.records {
        lowering.record(record);
    }
    lowering.check_names();
    if lowering.diagnostics.iter().any(Diagnostic::is_error) {
        return Err(lowering.diagnostics);
    }
    let mut record_sets = lowering.sets;
    sort_stably_in_place(&mut record_sets, |a, b| {
        (&a.name, a.record_type, &a.set_identifier).cmp(&(
            &b.name,
            b.record_type,
            &b.set_identifier,
        ))
    });
    // The plan lives while the targets name its sets: it keeps no room to
    // grow (a quarter of the vector, when it had just doubled).
    record_sets.shrink_to_fit();
    Ok(Plan {
        config,
        health_checks: config.checks.values().collect(),
        record_sets,
    })
}

/// Sorts `items` as a stable sort would (equals keep their order), for
/// large items: the order is sorted as indexes, then the items are moved
/// into it in place, so that none is moved more than once and no buffer
/// of items is needed (a stable sort of the record sets themselves needed
/// half as many again).
fn sort_stably_in_place<T>(items: &mut [T], cmp: impl Fn(&T, &T) -> std::cmp::Ordering) {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_unstable_by(|&a, &b| cmp(&items[a], &items[b]).then(a.cmp(&b)));
    // Position `i` takes the set at `order[i]`: follow each cycle of the
    // permutation, swapping the set it carries into place.
    for start in 0..order.len() {
        let mut at = start;
        loop {
            let from = order[at];
            order[at] = at;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

struct Lowering<'c> {
    config: &'c ir::Config,
    sets: Vec<RecordSet<'c>>,
    /// The (pool, type) pairs already placed at their generated name.
    pools_placed: std::collections::HashSet<(&'c str, RecordType)>,
    /// Generated (name, type) → the nested policy it was generated for.
    generated: Namespace<(Shared, RecordType), Span>,
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

/// A member's place: where its set goes and how the parent routes to it.
struct Place<'c> {
    name: Shared,
    key: Box<[Shared]>,
    routing: Routing<'c>,
    set_identifier: Option<Shared>,
    chosen_id: Option<Span>,
    origin: Origin<'c>,
}

impl<'c> Place<'c> {
    /// The record set at this place.
    fn set(
        self,
        record_type: RecordType,
        health_check: Option<&'c str>,
        ttl: Option<u32>,
        answer: SetAnswer<'c>,
        span: Span,
    ) -> RecordSet<'c> {
        RecordSet {
            key: self.key,
            name: self.name,
            record_type,
            set_identifier: self.set_identifier,
            chosen_id: self.chosen_id,
            routing: self.routing,
            health_check,
            ttl,
            answer,
            origin: self.origin,
            span,
        }
    }

    /// The origin of the sets below this place, in words.
    fn origin_text(&self) -> Shared {
        self.origin.text(&self.key).to_string().into()
    }
}

impl<'c> Lowering<'c> {
    fn record(&mut self, record: &'c ir::RecordSet) {
        let key: [Shared; 2] = [
            record.name.as_str().into(),
            record.record_type.to_string().into(),
        ];
        let above: Shared = format!("{} {}", record.name, record.record_type).into();
        match &record.content {
            ir::RecordContent::Plain(rdata) => self.sets.push(RecordSet {
                key: Box::new(key),
                name: record.fqdn.as_str().into(),
                record_type: record.record_type,
                set_identifier: None,
                chosen_id: None,
                routing: Routing::Simple,
                health_check: None,
                ttl: Some(record.ttl),
                answer: SetAnswer::Values(rdata.into()),
                origin: Origin {
                    above,
                    kind: None,
                    endpoint: None,
                },
                span: record.span,
            }),
            ir::RecordContent::Routed(root) => {
                let owner = Owner {
                    record_type: record.record_type,
                    ttl: record.ttl,
                    span: record.span,
                };
                self.policy_at(owner, root, &record.fqdn.as_str().into(), &key, &above)
            }
        }
    }

    /// Places a policy's members at `name` (the record's own name, or a
    /// generated one); `above`: the origin of the policy's sets.
    fn policy_at(
        &mut self,
        record: Owner,
        node: &'c ir::PolicyNode,
        name: &Shared,
        key: &[Shared],
        above: &Shared,
    ) {
        let simple = || Place {
            name: name.clone(),
            key: key.into(),
            routing: Routing::Simple,
            set_identifier: None,
            chosen_id: None,
            origin: Origin {
                above: above.clone(),
                kind: None,
                endpoint: None,
            },
        };
        match &node.policy {
            RoutingPolicy::Endpoint(e) => self.endpoint_set(record, e, None, simple(), false),
            // A record whose whole policy is a pool: one simple alias to
            // the pool's generated name.
            RoutingPolicy::Pool(_) => self.member(record, node, simple()),
            RoutingPolicy::Multivalue(endpoints) => {
                for e in endpoints {
                    let chosen = node.member_set_ids.get(e);
                    let place = self.member_place(
                        name,
                        key,
                        above,
                        "multivalue",
                        e,
                        chosen,
                        Routing::Multivalue,
                    );
                    let use_check = node.member_checks.get(e);
                    self.endpoint_set(record, e, use_check, place, false);
                }
            }
            policy => {
                for (label, member, routing) in members(policy) {
                    let chosen = member.set_id.as_ref();
                    let place = self.member_place(
                        name,
                        key,
                        above,
                        policy.keyword(),
                        &label,
                        chosen,
                        routing,
                    );
                    self.member(record, member, place);
                }
            }
        }
    }

    /// A member's place; its set identifier is the one chosen for it
    /// (`id "..."`), else its label (the key's last part, shared).
    #[allow(clippy::too_many_arguments)]
    fn member_place(
        &self,
        name: &Shared,
        key: &[Shared],
        above: &Shared,
        kind: &'static str,
        label: &str,
        chosen: Option<&ir::ChosenSetId>,
        routing: Routing<'c>,
    ) -> Place<'c> {
        let label: Shared = label.into();
        let member_key: Box<[Shared]> = key
            .iter()
            .cloned()
            .chain(std::iter::once(label.clone()))
            .collect();
        Place {
            name: name.clone(),
            key: member_key,
            routing,
            set_identifier: Some(chosen.map_or(label, |c| c.value.as_str().into())),
            chosen_id: chosen.map(|c| c.span),
            origin: Origin {
                above: above.clone(),
                kind: Some(kind),
                endpoint: None,
            },
        }
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
                let label = place.key.last().map_or("", |l| &**l);
                // Below a wildcard the parent's `*` becomes `_wildcard`: a
                // `*` may only be the leftmost label of a name.
                let parent = match place.name.strip_prefix("*.") {
                    Some(rest) => format!("_wildcard.{rest}"),
                    None => place.name.to_string(),
                };
                let generated: Shared = format!("_{}.{}", names::dns_label(label), parent).into();
                let (key, above) = (place.key.clone(), place.origin_text());
                if self.alias_to_generated(record, member, place, &generated) {
                    self.policy_at(record, member, &generated, &key, &above);
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
        self.push_alias(record, member, place, generated);
        self.claim_generated(generated, record.record_type, member.span, false)
    }

    /// The alias set of a member to a generated name in this zone, which
    /// evaluates target health unless the member is marked `stay`.
    fn push_alias(
        &mut self,
        record: Owner,
        member: &'c ir::PolicyNode,
        place: Place<'c>,
        generated: &Shared,
    ) {
        let answer = SetAnswer::Alias(Box::new(AliasAnswer {
            dns_name: std::borrow::Cow::Owned(ir::Value::Literal(generated.to_string())),
            hosted_zone_id: None,
            evaluate_target_health: semantics::nested_alias_evaluates(member),
            in_zone_target: Some((generated.clone(), record.record_type)),
        }));
        // The check written after the member goes on its alias, beside
        // evaluate-target-health or (`alone`) instead of it (Developer
        // Guide, "Health checking in complex configurations").
        let check = semantics::nested_member_check(member);
        let set = place.set(record.record_type, check, None, answer, member.span);
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
        let claim = self.generated.claim((generated.clone(), record_type), span);
        if let Err((first, _)) = claim {
            self.diagnostics.push(messages::generated_name_needed_twice(
                span,
                generated,
                record_type,
                *first,
                pool,
            ));
            return false;
        }
        true
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
        self.push_alias(record, member, place, &generated);
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
        let key: [Shared; 2] = [
            format!("_pool-{}", pool.name).into(),
            record.record_type.to_string().into(),
        ];
        let above: Shared = format!("pool {} {}", pool.name, record.record_type).into();
        self.policy_at(owner, &pool.node, &generated, &key, &above);
    }

    /// The record set for an endpoint member; `use_check`: the check
    /// written for this use, which replaces the endpoint's; `stays`: the
    /// member is marked `stay`.
    fn endpoint_set(
        &mut self,
        record: Owner,
        endpoint: &str,
        use_check: Option<&'c ir::UseCheck>,
        mut place: Place<'c>,
        stays: bool,
    ) {
        let Some(e) = self.config.endpoints.get(endpoint) else {
            return; // The check stage guarantees endpoints exist.
        };
        let routed = place.routing != Routing::Simple;
        let (answer, ttl) = match &e.answer {
            ir::Answer::Addresses { v4, v6 } => {
                let values: Vec<ir::RData> = match record.record_type {
                    RecordType::Aaaa => v6.iter().cloned().map(ir::RData::Aaaa).collect(),
                    _ => v4.iter().cloned().map(ir::RData::A).collect(),
                };
                (SetAnswer::Values(values.into()), Some(record.ttl))
            }
            ir::Answer::Cname(target) => (
                SetAnswer::Values(vec![ir::RData::Cname(target.clone())].into()),
                Some(record.ttl),
            ),
            ir::Answer::Alias(alias) => {
                let in_zone_target = match (alias.kind.clone(), alias.record_name()) {
                    (ir::AliasTargetKind::Record { record_type }, Some(name)) => {
                        Some((name.into(), record_type.unwrap_or(record.record_type)))
                    }
                    _ => None,
                };
                let failover = matches!(place.routing, Routing::Failover(_));
                (
                    SetAnswer::Alias(Box::new(AliasAnswer {
                        dns_name: std::borrow::Cow::Borrowed(&alias.dns_name),
                        hosted_zone_id: alias.hosted_zone_id.as_ref(),
                        evaluate_target_health: semantics::evaluates_target_health(
                            e, failover, stays,
                        ),
                        in_zone_target,
                    })),
                    None,
                )
            }
        };
        let check = semantics::member_health_check(e, use_check, routed, stays);
        place.origin.endpoint = Some(&e.name);
        let set = place.set(record.record_type, check, ttl, answer, record.span);
        self.sets.push(set);
    }

    /// Generated names must be valid DNS names and must not shadow the
    /// user's records; set identifiers must be unique per name and type
    /// and within Route 53's length limit.
    fn check_names(&mut self) {
        let user_names: HashMap<&str, Span> = self
            .config
            .records
            .iter()
            .map(|r| (r.fqdn.as_str(), r.span))
            .collect();
        for ((name, _), span) in self.generated.iter() {
            if let Some(user) = user_names.get(&**name) {
                self.diagnostics
                    .push(messages::generated_name_is_a_record(*user, name, *span));
            }
            if let Err(e) = crate::dns_name::to_ascii(name) {
                self.diagnostics
                    .push(messages::generated_name_invalid(*span, e));
            }
        }
        let mut set_identifiers = Namespace::default();
        for set in &self.sets {
            let Some(id) = &set.set_identifier else {
                continue;
            };
            // A chosen identifier is reported where it was written.
            let span = set.chosen_id.unwrap_or(set.span);
            if id.chars().count() > MAX_SET_IDENTIFIER {
                self.diagnostics.push(messages::set_identifier_too_long(
                    span,
                    id,
                    set.chosen_id.is_some(),
                ));
            }
            let key = (&*set.name, set.record_type, &**id);
            if set_identifiers.claim(key, ()).is_err() {
                self.diagnostics.push(messages::set_identifier_collision(
                    span,
                    &set.name,
                    set.record_type,
                    id,
                    set.chosen_id.is_some(),
                ));
            }
        }
    }
}

/// The generated name holding a pool's record sets: `_pool-NAME.<zone>`
/// (a leading underscore label, like a nested policy's generated names,
/// so that it cannot be a host name the user means).
pub fn pool_name(pool: &str, zone: &str) -> String {
    format!("_pool-{}.{zone}", names::dns_label(pool))
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
        RoutingPolicy::Cidr { collection, rules } => rules
            .iter()
            .map(|r| Routing::Cidr {
                collection,
                location: r.location.as_deref(),
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
    match (probe.protocol, probe.search_string.is_some()) {
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
        ir::RData::Caa { flags, tag, value } => {
            format!(
                "{flags} {tag} \"{}\"",
                escape_quoted(value.as_bytes(), escaping)
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
        // them: 336 bytes each when they owned their text and routing.
        let size = std::mem::size_of::<RecordSet>();
        assert!(size <= 216, "a record set is {size} bytes");
    }

    #[test]
    fn sorting_in_place_keeps_equals_in_order() {
        let mut items: Vec<(u8, usize)> = [3, 1, 2, 1, 3, 0, 2, 1, 0, 3]
            .into_iter()
            .enumerate()
            .map(|(i, k)| (k, i))
            .collect();
        let mut expected = items.clone();
        expected.sort_by_key(|&(k, _)| k);
        sort_stably_in_place(&mut items, |a, b| a.0.cmp(&b.0));
        assert_eq!(items, expected);
        // A permutation that is one cycle through every position.
        let mut items: Vec<u8> = vec![4, 0, 3, 1, 2];
        sort_stably_in_place(&mut items, u8::cmp);
        assert_eq!(items, [0, 1, 2, 3, 4]);
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
