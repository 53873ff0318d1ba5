//! What Route 53 answers: `resolve(config, record, client, scenario)` gives
//! the answer one class of client gets for a record set in a health
//! scenario, with a [`Trace`] of how each policy chose. The zone target
//! writes these answers (and renders the traces as comments); `explain`
//! and other targets build on the same resolution.
//!
//! A [`Client`] says what Route 53 knows of the client: a geolocation, a
//! point, an IP address or CIDR location (see [`super::client`]).
//! [`Client::unknown`] knows nothing; the zone target resolves for it.
//! `docs/explain.md`, "The model", says the same for users.
//!
//! # Health
//!
//! An endpoint is healthy when its check (if any: the check written for
//! this use of it, else the endpoint's own, [`rules::member_health_check`])
//! is healthy in the scenario and, for an alias to a record of this zone that evaluates
//! target health (explicitly, or as a failover member:
//! [`rules::evaluates_target_health`]), when that record has a healthy
//! answer. Route 53 evaluates an AWS resource's target health itself;
//! steer cannot know it, so an AWS alias counts as healthy. A nested policy
//! is healthy when it yields an answer from a healthy member (Route 53
//! reaches it through an alias that evaluates target health), and a member
//! marked `stay` is healthy whenever it has an answer. A nested member
//! with a check written after it is healthy only when that check is too;
//! with `alone`, whenever its check is and it has an answer
//! ([`rules::nested_member_check`], [`Trace::Checked`]).
//!
//! # Choosing
//!
//! For every policy, when *no* member is healthy Route 53 treats all of
//! them as healthy (Developer Guide, "How Amazon Route 53 chooses records
//! when health checking is configured"), and so does steer; the policy's
//! answer then counts as unhealthy for the policy around it.
//!
//! - **failover**: the primary if it is healthy, else the secondary if it is
//!   healthy; when both are unhealthy, Route 53 answers with the primary.
//! - **geolocation**: the rules the client matches, most specific first:
//!   its subdivision, its country, its continent, `default` (API
//!   reference, `ResourceRecordSet.GeoLocation`: "priority goes to the
//!   smallest geographic region"). The first whose member is healthy
//!   answers; the unhealthy ones before it are in the trace
//!   ([`FellThrough`]; `ResourceRecordSet.HealthCheckId`, "Geolocation
//!   Routing"). A client with no geolocation matches only `default`, which
//!   is where Route 53 sends a client it cannot place. No matching rule and
//!   no `default`: no answer.
//! - **cidr**: the location of the longest block of the collection that
//!   holds the client's address (Developer Guide, "IP-based routing"), or
//!   the location the client is placed in; its rule if the record has one,
//!   falling through to `default` when its member is unhealthy; a client
//!   in no block (or in a location without a rule) gets `default`, or no
//!   answer.
//! - **weighted**: the healthy member with the highest weight (ties: the
//!   first by label), that is the answer most clients get; the trace gives
//!   every member's share of answers ([`MemberShare`]). Weight-0 members
//!   only answer when every member with a weight above 0 is unhealthy, and
//!   all members answer equally when every weight is 0 (API reference,
//!   `ResourceRecordSet.Weight`).
//! - **latency** and **geoproximity**, for a client with a point: the
//!   healthy member at the smallest distance, the great-circle distance
//!   from the client to the member's AWS region
//!   (`data/aws-region-locations.json`) or coordinates, scaled by a
//!   geoproximity member's bias ([`biased_distance`]); the next nearest
//!   when it is unhealthy ([`Trace::Nearest`]). Real latency routing uses
//!   latency Route 53 measures, which can pick another region. For a
//!   client without a point (and when no member has a known location): the
//!   union of the healthy members' answers, as no member is more right than
//!   another.
//! - **multivalue**: every healthy member, at most 8
//!   ([`rules::MULTIVALUE_MAX_ANSWERS`], the first by name), addresses
//!   sorted.
//!
//! A union can only merge addresses (or other plain data). A member whose
//! answer is a CNAME (an alias target, see below) cannot stand beside
//! addresses or beside a CNAME to another target: when the members mix
//! both, the addresses are kept; when all answer with CNAMEs, the first
//! member's (in the policy's order) is kept. The trace names every member
//! left out and why.
//!
//! # Answers
//!
//! - An address endpoint answers with its IPv4 addresses for an A record
//!   and its IPv6 addresses for an AAAA record; a CNAME endpoint with its
//!   CNAME.
//! - An alias to an AWS resource (load balancer, CloudFront, ...) answers
//!   as a CNAME to the resource's DNS name, which is how the resource is
//!   reached without aliases. An S3 website alias becomes a CNAME to
//!   `<record name>.<website endpoint>`, the bucket's website host name.
//! - An alias to a record of this zone answers with that record's answer,
//!   recursively.
//!
//! TTLs: a routed record's answer has the record's TTL; an answer that
//! comes from an AWS alias has the zone's TTL (Route 53 uses the resource's
//! own TTL, which steer does not know); an answer that comes from an alias
//! to a record of this zone has that record's TTL. A union takes the
//! smallest TTL of the answers it merges.

use super::client::{Client, Point};
use super::rules::{self, MULTIVALUE_MAX_ANSWERS};
use super::scenario::{Scenario, Statuses};
use crate::aws::AliasKind;
use crate::check::ir::{self, PolicyNode, RData, RecordContent, RecordSet, RecordType};
use rustc_hash::{FxHashMap, FxHashSet};
use std::net::IpAddr;
use std::sync::Arc;

/// What a client gets for a record set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Plain data: addresses, or any other record data (an alias to a
    /// plain record of this zone).
    Data(Vec<RData>),
    /// A CNAME to this absolute name (no trailing dot).
    Cname(String),
}

/// The answer to a record set or policy node, whether it came from a
/// healthy member, its TTL, and how it was chosen.
#[derive(Debug, Clone)]
pub struct Resolution<'c> {
    /// `None`: no answer (the name has none for this client).
    pub answer: Option<Answer>,
    pub healthy: bool,
    pub ttl: u32,
    pub trace: Trace<'c>,
}

impl<'c> Resolution<'c> {
    fn none(ttl: u32, trace: Trace<'c>) -> Self {
        Resolution {
            answer: None,
            healthy: false,
            ttl,
            trace,
        }
    }
}

/// How an answer was reached, one step per policy node and alias, nested
/// as the policies are. It says what was chosen and why, not how to word
/// it: the zone target renders it as comments.
#[derive(Debug, Clone)]
pub enum Trace<'c> {
    /// A plain record set: its own data.
    Records,
    /// No record set of this name and type in the zone: no answer.
    Undefined {
        fqdn: &'c str,
        record_type: RecordType,
    },
    /// The record set was reached again while being resolved (an alias
    /// loop, which the check stage reports): no answer.
    AliasLoop,
    /// A member marked `stay` whose own answer is not from a healthy
    /// member: its parent counts it healthy all the same.
    Stayed {
        member: &'c PolicyNode,
        within: Box<Trace<'c>>,
    },
    /// A nested member whose own check (`check NAME` after it) decided its
    /// health for its parent: down although the policy beneath answers
    /// healthily, or (with `alone`) up although it does not.
    Checked {
        member: &'c PolicyNode,
        check: &'c str,
        check_healthy: bool,
        within: Box<Trace<'c>>,
    },
    /// An endpoint name that is not defined: no answer.
    UnknownEndpoint { name: &'c str },
    /// An endpoint's own addresses or CNAME.
    Endpoint { endpoint: &'c ir::Endpoint },
    /// A member that is a pool: how the pool's policy answered.
    Pool {
        pool: &'c str,
        within: Box<Trace<'c>>,
    },
    /// An alias to an AWS resource, answered as a CNAME to `target`.
    AwsAlias {
        endpoint: &'c ir::Endpoint,
        kind: AliasKind,
        target: String,
    },
    /// An alias to a record set of this zone, answered with its answer.
    RecordAlias {
        endpoint: &'c ir::Endpoint,
        fqdn: &'c str,
        record_type: RecordType,
        /// Whether the alias takes the target's health.
        evaluates_health: bool,
        target: Arc<Resolution<'c>>,
    },
    Failover {
        node: &'c PolicyNode,
        /// The member that answered: the primary or the secondary.
        chosen: &'c PolicyNode,
        choice: FailoverChoice,
        within: Box<Trace<'c>>,
    },
    /// Geolocation and CIDR: the rule the client matched, if any.
    Rule {
        node: &'c PolicyNode,
        why: RuleMatch,
        /// Rules the client matched more specifically whose members are
        /// unhealthy, most specific first: Route 53 fell through them to
        /// the larger area (geolocation) or to `default` (CIDR).
        fell_through: Vec<FellThrough<'c>>,
        /// The answering rule's label and how its member answered.
        chosen: Option<(String, Box<Trace<'c>>)>,
    },
    /// Latency and geoproximity for a client with a known point: the
    /// nearest healthy member (the nearest of all when none is healthy).
    Nearest {
        node: &'c PolicyNode,
        /// Every member, nearest first by (biased) distance; members
        /// without a known location last, in the policy's order.
        ranking: Vec<Ranked<'c>>,
        /// Index into `ranking` of the member that answered.
        chosen: usize,
        /// No member is healthy: Route 53 treats all as healthy and the
        /// nearest answers.
        none_healthy: bool,
        within: Box<Trace<'c>>,
    },
    Weighted {
        node: &'c PolicyNode,
        /// `None`: the policy has no member to choose.
        choice: Option<WeightedChoice<'c>>,
    },
    /// Latency, geoproximity and multivalue: the members' answers merged.
    Union {
        node: &'c PolicyNode,
        why: UnionReason,
        health: MembersHealth,
        /// Every member in the policy's order.
        members: Vec<UnionMember<'c>>,
    },
}

/// Which failover member answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailoverChoice {
    /// The primary, being healthy.
    PrimaryHealthy,
    /// The secondary, being healthy while the primary is not
    /// (`primary_answers`: the primary has an answer, though unhealthy).
    SecondaryHealthy { primary_answers: bool },
    /// The primary: when both are unhealthy Route 53 answers with it.
    BothUnhealthy,
}

impl FailoverChoice {
    pub fn is_primary(self) -> bool {
        !matches!(self, FailoverChoice::SecondaryHealthy { .. })
    }
}

/// Why a geolocation or CIDR rule matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleMatch {
    /// Geolocation: the client has no known location, so only `default`
    /// can match.
    NoKnownLocation,
    /// CIDR: the client is in none of the collection's blocks, so only
    /// `default` can match.
    InNoBlock,
    /// Geolocation: the most specific rule for the client's location
    /// (subdivision, country, continent, then `default`); `chosen` names
    /// it. With `chosen: None`, no rule covers the location and there is
    /// no `default`.
    Location,
    /// CIDR: the client's address is in `block` (the longest matching
    /// block of the collection), of the collection's `location`.
    Block { block: String, location: String },
    /// CIDR: the client is placed in this location of the collection
    /// directly (a client class).
    CidrLocation { location: String },
    /// CIDR: the client's location (through `block`, if by address) has no
    /// rule in this record, so only `default` can match.
    LocationWithoutRule {
        block: Option<String>,
        location: String,
    },
}

/// A rule the client matched whose member is unhealthy, so Route 53
/// looked further.
#[derive(Debug, Clone)]
pub struct FellThrough<'c> {
    pub label: String,
    /// The member of the rule (with the check written for its use, if any).
    pub member: &'c PolicyNode,
    /// How the member resolved (not healthy).
    pub within: Box<Trace<'c>>,
}

/// Where a latency or geoproximity member is, as the model sees it.
#[derive(Debug, Clone, PartialEq)]
pub enum MemberPlace {
    /// The AWS region's point (`data/aws-region-locations.json`).
    AwsRegion(String),
    /// Coordinates given in the configuration (a geoproximity member's, or
    /// a latency member's region's).
    Coordinates(Point),
    /// Not known: an AWS region missing from the table, without
    /// coordinates in the configuration.
    Unknown(Option<String>),
}

/// One member of a latency or geoproximity policy, ranked by distance from
/// the client.
#[derive(Debug, Clone)]
pub struct Ranked<'c> {
    pub label: String,
    pub member: &'c PolicyNode,
    pub place: MemberPlace,
    /// Geoproximity bias (0 for latency).
    pub bias: i8,
    /// Great-circle distance from the client, km; `None` when the member's
    /// place is unknown.
    pub distance_km: Option<f64>,
    /// The distance Route 53 compares: `distance * (1 - bias/100)`.
    pub biased_km: Option<f64>,
    pub healthy: bool,
    /// Whether the member has an answer at all.
    pub answers: bool,
}

/// The weighted member that answered.
#[derive(Debug, Clone)]
pub struct WeightedChoice<'c> {
    pub member: &'c PolicyNode,
    pub weight: u8,
    pub why: WeightedReason,
    /// Of the answers, this share goes to the member: `part` of `total`.
    pub share: (u32, u32),
    /// Candidates with the same weight, which lost on label order.
    pub tied_with: Vec<&'c PolicyNode>,
    /// Every member's share of the answers, in the policy's order.
    pub shares: Vec<MemberShare<'c>>,
    pub within: Box<Trace<'c>>,
}

/// A weighted member's share of the answers in this scenario.
#[derive(Debug, Clone)]
pub struct MemberShare<'c> {
    pub member: &'c PolicyNode,
    pub weight: u8,
    pub healthy: bool,
    /// `part` of `total` answers; `(0, total)` for a member Route 53 does
    /// not answer with now.
    pub share: (u32, u32),
}

/// Among which members a weighted policy chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WeightedReason {
    /// Every weight is 0 and some member is healthy: the healthy members
    /// answer equally.
    AllZeroWeights,
    /// Every weight is 0 and no member is healthy: all answer equally.
    AllZeroWeightsNoneHealthy,
    /// Among the healthy members with a weight above 0.
    Heaviest,
    /// Every member with a weight above 0 is unhealthy: among the healthy
    /// weight-0 members.
    ZeroWeightFallback,
    /// No member is healthy: among all members with a weight above 0.
    NoneHealthy,
}

/// Why a union policy answers with several members at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnionReason {
    /// Latency: the client has no nearest region.
    NoNearestRegion,
    /// Geoproximity: the client is nearest to no member.
    NoNearestMember,
    /// Latency or geoproximity: the client has a point but no member has
    /// a known location.
    NoMemberLocated,
    /// Multivalue: Route 53 answers with up to this many healthy records.
    Multivalue(usize),
}

/// How many members of a policy are healthy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MembersHealth {
    All,
    Some,
    /// None: Route 53 treats all as healthy.
    None,
}

/// One member of a union and what became of it.
#[derive(Debug, Clone)]
pub struct UnionMember<'c> {
    pub label: String,
    pub outcome: MemberOutcome<'c>,
}

#[derive(Debug, Clone)]
pub enum MemberOutcome<'c> {
    /// Its answer is part of the union.
    Used(Box<Trace<'c>>),
    LeftOut(LeftOut),
}

/// Why a union left a member's answer out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LeftOut {
    Unhealthy,
    NoAnswer,
    /// Route 53 answers with at most this many records.
    OverLimit(usize),
    /// Its answer is a CNAME to this target, and other members answer
    /// with addresses.
    CnameBesideData(String),
    /// Its answer is a CNAME to `target`, and the member `first` already
    /// gave another CNAME.
    SecondCname {
        target: String,
        first: String,
    },
}

/// The answer `client` gets for `record` of `config` in `scenario`. To
/// resolve many record sets of one configuration, use a [`Resolver`]:
/// it evaluates the scenario once and remembers every record set it
/// resolved.
pub fn resolve<'c>(
    config: &'c ir::Config,
    record: &'c RecordSet,
    client: &Client,
    scenario: &Scenario,
) -> Resolution<'c> {
    let mut resolver = Resolver::new(config, scenario, client.clone());
    let resolution = resolver.record_set(record);
    Arc::try_unwrap(resolution).unwrap_or_else(|shared| (*shared).clone())
}

/// Resolves the record sets of one configuration for one client in one
/// scenario. Memoized per record set, so a whole zone resolves in time
/// linear in its size.
pub struct Resolver<'c> {
    config: &'c ir::Config,
    statuses: Statuses<'c>,
    client: Client,
    memo: FxHashMap<(&'c str, RecordType), Arc<Resolution<'c>>>,
    visiting: FxHashSet<(&'c str, RecordType)>,
    /// Pools resolved, by (pool, type): a pool used by many records is
    /// resolved once.
    pools: FxHashMap<(&'c str, RecordType), Resolution<'c>>,
    /// While inside a pool: its TTL, which its own record sets have.
    pool_ttl: Option<u32>,
}

impl<'c> Resolver<'c> {
    pub fn new(config: &'c ir::Config, scenario: &Scenario, client: Client) -> Self {
        Resolver {
            config,
            statuses: scenario.evaluate(config),
            client,
            memo: FxHashMap::default(),
            visiting: FxHashSet::default(),
            pools: FxHashMap::default(),
            pool_ttl: None,
        }
    }

    /// Every check's status in the scenario.
    pub fn statuses(&self) -> &Statuses<'c> {
        &self.statuses
    }

    /// The resolution of `record`.
    pub fn record_set(&mut self, record: &'c RecordSet) -> Arc<Resolution<'c>> {
        self.record(&record.fqdn, record.record_type)
    }

    /// The resolution of `member`, one member of `record`'s policy (not a
    /// failover member), as the policy around it sees it: what a weighted
    /// member answers with when it is picked (the PowerDNS cross-check in
    /// tests/powerdns_live.rs).
    pub fn member(&mut self, member: &'c PolicyNode, record: &'c RecordSet) -> Resolution<'c> {
        self.node(member, record, false)
    }

    /// The resolution of the record set `fqdn` `t` (memoized).
    pub fn record(&mut self, fqdn: &'c str, t: RecordType) -> Arc<Resolution<'c>> {
        let key = (fqdn, t);
        if let Some(r) = self.memo.get(&key) {
            return Arc::clone(r);
        }
        let Some(record) = super::record_set(self.config, fqdn, t) else {
            return Arc::new(Resolution::none(
                self.config.zone.ttl,
                Trace::Undefined {
                    fqdn,
                    record_type: t,
                },
            ));
        };
        if !self.visiting.insert(key) {
            return Arc::new(Resolution::none(record.ttl, Trace::AliasLoop));
        }
        // An alias from inside a pool to another record: that record's
        // answers have its own TTL.
        let pool_ttl = self.pool_ttl.take();
        let resolution = match &record.content {
            RecordContent::Plain(rdata) => {
                let answer = match (t, rdata.first()) {
                    (RecordType::Cname, Some(RData::Cname(target))) => {
                        Some(Answer::Cname(target.to_string()))
                    }
                    (_, Some(_)) => Some(Answer::Data(rdata.to_vec())),
                    (_, None) => None,
                };
                Resolution {
                    healthy: answer.is_some(),
                    answer,
                    ttl: record.ttl,
                    trace: Trace::Records,
                }
            }
            RecordContent::Routed(node) => self.node(node, record, false),
        };
        self.visiting.remove(&key);
        self.pool_ttl = pool_ttl;
        let resolution = Arc::new(resolution);
        self.memo.insert(key, Arc::clone(&resolution));
        resolution
    }

    /// The resolution of a policy node; `in_failover`: the node is a
    /// member of a failover policy (whose aliases evaluate target health
    /// by default).
    fn node(
        &mut self,
        node: &'c PolicyNode,
        record: &'c RecordSet,
        in_failover: bool,
    ) -> Resolution<'c> {
        let mut resolution = self.policy(node, record, in_failover);
        if let Some(check) = rules::nested_member_check(node) {
            // The alias to a nested member carries this check: healthy only
            // when the check is and, unless `alone`, when the nested policy
            // has a healthy answer (rules::nested_alias_evaluates).
            let check_ok = self.statuses.is_healthy(check);
            let beneath_ok = !rules::nested_alias_evaluates(node) || resolution.healthy;
            let healthy = check_ok && beneath_ok && resolution.answer.is_some();
            if healthy != resolution.healthy {
                resolution.healthy = healthy;
                resolution.trace = Trace::Checked {
                    member: node,
                    check,
                    check_healthy: check_ok,
                    within: Box::new(resolution.trace),
                };
            }
        }
        if node.stays() && !resolution.healthy && resolution.answer.is_some() {
            // The parent sees a `stay` member as healthy whatever is
            // beneath it (rules::nested_alias_evaluates,
            // rules::member_health_check).
            resolution.healthy = true;
            resolution.trace = Trace::Stayed {
                member: node,
                within: Box::new(resolution.trace),
            };
        }
        resolution
    }

    /// The TTL of answers from the record set being resolved: the record's,
    /// or inside a pool the pool's.
    fn ttl(&self, record: &RecordSet) -> u32 {
        self.pool_ttl.unwrap_or(record.ttl)
    }

    /// A member that is a pool: the answer of the pool's policy, reached
    /// through an alias to its generated name, so with the pool's TTL. A
    /// pool that is one endpoint is that endpoint, as if named directly
    /// (route53::Lowering::pool_use). Resolved once per (pool, type).
    fn pool(
        &mut self,
        use_: &'c PolicyNode,
        pool: &'c ir::PoolUse,
        record: &'c RecordSet,
        in_failover: bool,
    ) -> Resolution<'c> {
        let inner = match &pool.node.policy {
            // The check written for the use is the endpoint's, as if the
            // use named the endpoint.
            ir::RoutingPolicy::Endpoint(name) => {
                self.endpoint(name, use_.use_check(), record, in_failover, use_.stays())
            }
            _ => {
                let key = (pool.name.as_str(), record.record_type);
                if let Some(done) = self.pools.get(&key) {
                    return done.clone();
                }
                let outer = self.pool_ttl.replace(pool.ttl);
                let inner = self.policy(&pool.node, record, in_failover);
                self.pool_ttl = outer;
                inner
            }
        };
        let resolution = Resolution {
            trace: Trace::Pool {
                pool: &pool.name,
                within: Box::new(inner.trace),
            },
            ..inner
        };
        if !matches!(pool.node.policy, ir::RoutingPolicy::Endpoint(_)) {
            let key = (pool.name.as_str(), record.record_type);
            self.pools.insert(key, resolution.clone());
        }
        resolution
    }

    fn policy(
        &mut self,
        node: &'c PolicyNode,
        record: &'c RecordSet,
        in_failover: bool,
    ) -> Resolution<'c> {
        use ir::RoutingPolicy as P;
        match &node.policy {
            P::Pool(pool) => self.pool(node, pool, record, in_failover),
            P::Endpoint(name) => {
                self.endpoint(name, node.use_check(), record, in_failover, node.stays())
            }
            P::Failover { primary, secondary } => {
                let p = self.node(primary, record, true);
                let s = self.node(secondary, record, true);
                let choice = if p.healthy {
                    FailoverChoice::PrimaryHealthy
                } else if s.healthy {
                    FailoverChoice::SecondaryHealthy {
                        primary_answers: p.answer.is_some(),
                    }
                } else {
                    FailoverChoice::BothUnhealthy
                };
                let (member, chosen) = if choice.is_primary() {
                    (primary.as_ref(), p)
                } else {
                    (secondary.as_ref(), s)
                };
                Resolution {
                    healthy: choice != FailoverChoice::BothUnhealthy && chosen.answer.is_some(),
                    answer: chosen.answer,
                    ttl: chosen.ttl,
                    trace: Trace::Failover {
                        node,
                        chosen: member,
                        choice,
                        within: Box::new(chosen.trace),
                    },
                }
            }
            P::Geolocation(rules) => {
                // API reference, ResourceRecordSet.GeoLocation and
                // HealthCheckId: the most specific rule for the client's
                // location answers; when its member is unhealthy Route 53
                // looks for the larger area, then `default`.
                let (chain, why) = match self.client.place() {
                    None => (vec![ir::GeoLocation::Default], RuleMatch::NoKnownLocation),
                    Some(place) => (geo_chain(place), RuleMatch::Location),
                };
                let matched = chain
                    .iter()
                    .filter_map(|at| rules.iter().find(|r| &r.location == at))
                    .map(|r| (r.location.label(), &r.target))
                    .collect();
                self.rule(node, matched, record, why)
            }
            P::Cidr(cidr) => {
                let (collection, rules) = (&cidr.collection, &cidr.rules);
                let default = rules
                    .iter()
                    .find(|r| r.location.is_none())
                    .map(|r| ("default".to_string(), &r.target));
                let (why, matched) = match self.cidr_place(collection) {
                    None => (RuleMatch::InNoBlock, Vec::new()),
                    Some((block, location)) => {
                        match rules
                            .iter()
                            .find(|r| r.location.as_deref() == Some(location.as_str()))
                        {
                            Some(r) => {
                                let why = match block {
                                    Some(block) => RuleMatch::Block {
                                        block,
                                        location: location.clone(),
                                    },
                                    None => RuleMatch::CidrLocation {
                                        location: location.clone(),
                                    },
                                };
                                (why, vec![(location, &r.target)])
                            }
                            None => (
                                RuleMatch::LocationWithoutRule { block, location },
                                Vec::new(),
                            ),
                        }
                    }
                };
                let matched = matched.into_iter().chain(default).collect();
                self.rule(node, matched, record, why)
            }
            P::Weighted(members) => self.weighted(node, members, record),
            P::Latency(_) | P::Geoproximity(_) => {
                let members = self.places(&node.policy);
                let results: Vec<(String, Resolution<'c>)> = members
                    .iter()
                    .map(|(m, _, _)| (m.label(), self.node(m, record, false)))
                    .collect();
                let why = match (self.client.point(), &node.policy) {
                    (None, P::Latency(_)) => UnionReason::NoNearestRegion,
                    (None, _) => UnionReason::NoNearestMember,
                    (Some(_), _) if members.iter().all(|(_, p, _)| point_of(p).is_none()) => {
                        UnionReason::NoMemberLocated
                    }
                    (Some(client), _) => return nearest(node, client, members, results),
                };
                self.union(node, results, record, why, usize::MAX)
            }
            P::Multivalue(names) => {
                let results = names
                    .iter()
                    .map(|n| {
                        let use_check = node.endpoint_use_check(n);
                        (n.clone(), self.endpoint(n, use_check, record, false, false))
                    })
                    .collect();
                let why = UnionReason::Multivalue(MULTIVALUE_MAX_ANSWERS);
                self.union(node, results, record, why, MULTIVALUE_MAX_ANSWERS)
            }
        }
    }

    fn endpoint(
        &mut self,
        name: &'c str,
        use_check: Option<&'c ir::UseCheck>,
        record: &'c RecordSet,
        in_failover: bool,
        stays: bool,
    ) -> Resolution<'c> {
        let config = self.config;
        let Some(endpoint) = config.endpoints.get(name) else {
            return Resolution::none(self.ttl(record), Trace::UnknownEndpoint { name });
        };
        // A simple record consults no health check (rules::member_health_check),
        // so its endpoint's check counts only when the record routes.
        let routed =
            matches!(&record.content, RecordContent::Routed(root) if rules::is_routed(root));
        let check_ok = rules::member_health_check(endpoint, use_check, routed, stays)
            .is_none_or(|c| self.statuses.is_healthy(c));
        match &endpoint.answer {
            ir::Answer::Addresses { v4, v6 } => {
                let data: Vec<RData> = match record.record_type {
                    RecordType::A => v4.iter().cloned().map(RData::A).collect(),
                    RecordType::Aaaa => v6.iter().cloned().map(RData::Aaaa).collect(),
                    _ => Vec::new(),
                };
                let answer = (!data.is_empty()).then_some(Answer::Data(data));
                Resolution {
                    healthy: check_ok && answer.is_some(),
                    answer,
                    ttl: self.ttl(record),
                    trace: Trace::Endpoint { endpoint },
                }
            }
            // An input without a value is shown as `input.NAME`.
            ir::Answer::Cname(target) => Resolution {
                answer: Some(Answer::Cname(target.to_string())),
                healthy: check_ok,
                ttl: self.ttl(record),
                trace: Trace::Endpoint { endpoint },
            },
            ir::Answer::Alias(alias) => match (&alias.kind, &alias.dns_name) {
                (ir::AliasTargetKind::Aws(kind), _) => {
                    // An input without a value is shown as `input.NAME`.
                    let target = match alias.dns_name.bound() {
                        // The bucket is named like the record; its website
                        // host name is the bucket name under the endpoint.
                        Some(name)
                            if *kind == AliasKind::S3Website && name.starts_with("s3-website") =>
                        {
                            format!("{}.{name}", record.fqdn)
                        }
                        _ => alias.dns_name.to_string(),
                    };
                    Resolution {
                        answer: Some(Answer::Cname(target.clone())),
                        healthy: check_ok,
                        ttl: config.zone.ttl,
                        trace: Trace::AwsAlias {
                            endpoint,
                            kind: *kind,
                            target,
                        },
                    }
                }
                // The check stage never names a record of the zone by an
                // input; such an alias would answer nothing.
                (ir::AliasTargetKind::Record { .. }, ir::Value::Input(_)) => {
                    Resolution::none(record.ttl, Trace::Endpoint { endpoint })
                }
                (ir::AliasTargetKind::Record { record_type }, ir::Value::Literal(fqdn)) => {
                    let t = record_type.unwrap_or(record.record_type);
                    let target = self.record(fqdn, t);
                    let evaluates_health =
                        rules::evaluates_target_health(endpoint, in_failover, stays);
                    let target_ok = !evaluates_health || target.healthy;
                    Resolution {
                        healthy: check_ok && target_ok && target.answer.is_some(),
                        answer: target.answer.clone(),
                        ttl: target.ttl,
                        trace: Trace::RecordAlias {
                            endpoint,
                            fqdn,
                            record_type: t,
                            evaluates_health,
                            target,
                        },
                    }
                }
            },
        }
    }

    /// Geolocation and CIDR: `matched` holds the rules the client matches,
    /// most specific first (ending with `default` if there is one). The
    /// first whose member is healthy answers; when none is, Route 53 treats
    /// all as healthy and the most specific answers.
    fn rule(
        &mut self,
        node: &'c PolicyNode,
        matched: Vec<(String, &'c PolicyNode)>,
        record: &'c RecordSet,
        why: RuleMatch,
    ) -> Resolution<'c> {
        let mut tried: Vec<(String, &'c PolicyNode, Resolution<'c>)> =
            Vec::with_capacity(matched.len());
        for (label, member) in matched {
            let r = self.node(member, record, false);
            let healthy = r.healthy;
            tried.push((label, member, r));
            if healthy {
                break;
            }
        }
        let last_healthy = tried.last().is_some_and(|(_, _, r)| r.healthy);
        if tried.is_empty() {
            return Resolution::none(
                self.ttl(record),
                Trace::Rule {
                    node,
                    why,
                    fell_through: Vec::new(),
                    chosen: None,
                },
            );
        }
        let (label, r, fell_through) = if last_healthy {
            let (label, _, r) = tried.pop().expect("not empty");
            let fell_through = tried
                .into_iter()
                .map(|(label, member, r)| FellThrough {
                    label,
                    member,
                    within: Box::new(r.trace),
                })
                .collect();
            (label, r, fell_through)
        } else {
            let (label, _, r) = tried.swap_remove(0);
            (label, r, Vec::new())
        };
        Resolution {
            trace: Trace::Rule {
                node,
                why,
                fell_through,
                chosen: Some((label, Box::new(r.trace))),
            },
            ..r
        }
    }

    /// The CIDR location of `collection` the client is in: placed there
    /// directly, or by the longest block that holds its address (the
    /// block is returned too).
    fn cidr_place(&self, collection: &str) -> Option<(Option<String>, String)> {
        if let Some((c, location)) = self.client.cidr_location() {
            return (c == collection).then(|| (None, location.to_string()));
        }
        let ip = self.client.ip()?;
        let collection = self.config.cidr_collections.get(collection)?;
        let mut best: Option<(u8, &str, &str)> = None;
        for (location, blocks) in &collection.locations {
            for block in blocks {
                if let Some(len) = block_match(block, ip) {
                    if best.is_none_or(|(b, _, _)| len > b) {
                        best = Some((len, block, location));
                    }
                }
            }
        }
        best.map(|(_, block, location)| (Some(block.to_string()), location.to_string()))
    }

    /// The members of a latency or geoproximity policy with where each is
    /// and its bias.
    fn places(&self, policy: &'c ir::RoutingPolicy) -> Vec<(&'c PolicyNode, MemberPlace, i8)> {
        match policy {
            ir::RoutingPolicy::Latency(members) => members
                .iter()
                .map(|m| {
                    let place = if crate::aws::region_location(&m.aws_region).is_some() {
                        MemberPlace::AwsRegion(m.aws_region.clone())
                    } else {
                        self.config
                            .regions
                            .get(&m.region)
                            .and_then(|r| r.coordinates.as_ref())
                            .and_then(coordinates)
                            .map_or_else(
                                || MemberPlace::Unknown(Some(m.aws_region.clone())),
                                MemberPlace::Coordinates,
                            )
                    };
                    (&m.target, place, 0)
                })
                .collect(),
            ir::RoutingPolicy::Geoproximity(members) => members
                .iter()
                .map(|m| {
                    let place = match &m.location {
                        ir::GeoproximityLocation::AwsRegion(code) => {
                            if crate::aws::region_location(code).is_some() {
                                MemberPlace::AwsRegion(code.clone())
                            } else {
                                MemberPlace::Unknown(Some(code.clone()))
                            }
                        }
                        ir::GeoproximityLocation::Coordinates(c) => coordinates(c)
                            .map_or(MemberPlace::Unknown(None), MemberPlace::Coordinates),
                    };
                    (&m.target, place, m.bias)
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    fn weighted(
        &mut self,
        node: &'c PolicyNode,
        members: &'c [ir::WeightedMember],
        record: &'c RecordSet,
    ) -> Resolution<'c> {
        let mut results: Vec<(&'c PolicyNode, u8, Resolution<'c>)> = members
            .iter()
            .map(|m| (&m.target, m.weight, self.node(&m.target, record, false)))
            .collect();
        let healthy_at = |i: usize| results[i].2.healthy;
        let heavy_healthy: Vec<usize> = (0..results.len())
            .filter(|&i| results[i].1 > 0 && healthy_at(i))
            .collect();
        let zero_healthy: Vec<usize> = (0..results.len())
            .filter(|&i| results[i].1 == 0 && healthy_at(i))
            .collect();
        let all_zero = results.iter().all(|r| r.1 == 0);
        // API reference, ResourceRecordSet.Weight: with every weight 0,
        // Route 53 answers with the members equally; a weight-0 member
        // answers only when every member above 0 is unhealthy; and, as
        // always, with all of them when none is healthy.
        let (candidates, healthy, why) = if all_zero {
            let healthy: Vec<usize> = (0..results.len()).filter(|&i| healthy_at(i)).collect();
            if healthy.is_empty() {
                (
                    (0..results.len()).collect(),
                    false,
                    WeightedReason::AllZeroWeightsNoneHealthy,
                )
            } else {
                (healthy, true, WeightedReason::AllZeroWeights)
            }
        } else if !heavy_healthy.is_empty() {
            (heavy_healthy, true, WeightedReason::Heaviest)
        } else if !zero_healthy.is_empty() {
            (zero_healthy, true, WeightedReason::ZeroWeightFallback)
        } else {
            (
                (0..results.len()).filter(|&i| results[i].1 > 0).collect(),
                false,
                WeightedReason::NoneHealthy,
            )
        };
        let Some(&pick) = candidates.iter().max_by(|&&a, &&b| {
            // Highest weight; on a tie the first by label (members are
            // sorted by label), hence the reversed index comparison.
            results[a].1.cmp(&results[b].1).then(b.cmp(&a))
        }) else {
            return Resolution::none(self.ttl(record), Trace::Weighted { node, choice: None });
        };
        let total: u32 = candidates.iter().map(|&i| u32::from(results[i].1)).sum();
        let share = if total == 0 {
            (1, candidates.len() as u32)
        } else {
            (u32::from(results[pick].1), total)
        };
        let tied_with = candidates
            .iter()
            .filter(|&&i| i != pick && results[i].1 == results[pick].1)
            .map(|&i| results[i].0)
            .collect();
        let denominator = if total == 0 {
            candidates.len() as u32
        } else {
            total
        };
        let mut is_candidate = vec![false; results.len()];
        for &i in &candidates {
            is_candidate[i] = true;
        }
        let shares = results
            .iter()
            .enumerate()
            .map(|(i, (member, weight, r))| {
                let part = match (is_candidate[i], total) {
                    (false, _) => 0,
                    (true, 0) => 1,
                    (true, _) => u32::from(*weight),
                };
                MemberShare {
                    member,
                    weight: *weight,
                    healthy: r.healthy,
                    share: (part, denominator),
                }
            })
            .collect();
        let (member, weight, chosen) = results.swap_remove(pick);
        Resolution {
            healthy: healthy && chosen.answer.is_some(),
            answer: chosen.answer,
            ttl: chosen.ttl,
            trace: Trace::Weighted {
                node,
                choice: Some(WeightedChoice {
                    member,
                    weight,
                    why,
                    share,
                    tied_with,
                    shares,
                    within: Box::new(chosen.trace),
                }),
            },
        }
    }

    /// Latency, geoproximity and multivalue: the merged answers of the
    /// healthy members (of all members when none is healthy), at most
    /// `limit` of them.
    fn union(
        &mut self,
        node: &'c PolicyNode,
        results: Vec<(String, Resolution<'c>)>,
        record: &'c RecordSet,
        why: UnionReason,
        limit: usize,
    ) -> Resolution<'c> {
        let any_healthy = results.iter().any(|(_, r)| r.healthy);
        let health = if !any_healthy {
            MembersHealth::None
        } else if results.iter().all(|(_, r)| r.healthy) {
            MembersHealth::All
        } else {
            MembersHealth::Some
        };
        // Plain data unions; a CNAME only stands alone.
        let has_data = results
            .iter()
            .any(|(_, r)| (r.healthy || !any_healthy) && matches!(r.answer, Some(Answer::Data(_))));
        let mut data: Vec<RData> = Vec::new();
        // The first CNAME taken: its member's label and its target.
        let mut cname: Option<(String, String)> = None;
        let mut ttl: Option<u32> = None;
        let mut taken = 0;
        let mut members = Vec::with_capacity(results.len());
        for (label, r) in results {
            let left_out = if any_healthy && !r.healthy {
                Some(match r.answer {
                    Some(_) => LeftOut::Unhealthy,
                    None => LeftOut::NoAnswer,
                })
            } else {
                match &r.answer {
                    None => Some(LeftOut::NoAnswer),
                    Some(_) if taken == limit => Some(LeftOut::OverLimit(limit)),
                    Some(Answer::Data(d)) => {
                        for rdata in d {
                            if !data.contains(rdata) {
                                data.push(rdata.clone());
                            }
                        }
                        None
                    }
                    Some(Answer::Cname(target)) if has_data => {
                        Some(LeftOut::CnameBesideData(target.clone()))
                    }
                    Some(Answer::Cname(target)) => match &cname {
                        None => {
                            cname = Some((label.clone(), target.clone()));
                            None
                        }
                        Some((_, first)) if first == target => None,
                        Some((first_label, _)) => Some(LeftOut::SecondCname {
                            target: target.clone(),
                            first: first_label.clone(),
                        }),
                    },
                }
            };
            let outcome = match left_out {
                Some(why) => MemberOutcome::LeftOut(why),
                None => {
                    taken += 1;
                    ttl = Some(ttl.map_or(r.ttl, |t| t.min(r.ttl)));
                    MemberOutcome::Used(Box::new(r.trace))
                }
            };
            members.push(UnionMember { label, outcome });
        }
        sort_addresses(&mut data);
        let answer = if has_data {
            Some(Answer::Data(data))
        } else {
            cname.map(|(_, target)| Answer::Cname(target))
        };
        Resolution {
            healthy: any_healthy && answer.is_some(),
            answer,
            ttl: ttl.unwrap_or(self.ttl(record)),
            trace: Trace::Union {
                node,
                why,
                health,
                members,
            },
        }
    }
}

/// The geolocation rules a client at `place` matches, most specific first:
/// its subdivision, its country, its continent, then `default`.
fn geo_chain(place: &super::client::Place) -> Vec<ir::GeoLocation> {
    let mut chain = Vec::with_capacity(4);
    if let Some(country) = &place.country {
        if let Some(sub) = &place.subdivision {
            chain.push(ir::GeoLocation::Subdivision(country.clone(), sub.clone()));
        }
        chain.push(ir::GeoLocation::Country(country.clone()));
    }
    chain.push(ir::GeoLocation::Continent(place.continent.clone()));
    chain.push(ir::GeoLocation::Default);
    chain
}

/// The prefix length of `block` (canonical `address/length`, as the check
/// stage stores it) when it holds `ip`.
fn block_match(block: &str, ip: IpAddr) -> Option<u8> {
    let (network, prefix) = block.split_once('/')?;
    let network: IpAddr = network.parse().ok()?;
    let prefix: u8 = prefix.parse().ok()?;
    let same = match (network, ip) {
        (IpAddr::V4(n), IpAddr::V4(a)) => {
            prefix <= 32
                && (prefix == 0 || (u32::from(n) ^ u32::from(a)) >> (32 - u32::from(prefix)) == 0)
        }
        (IpAddr::V6(n), IpAddr::V6(a)) => {
            prefix <= 128
                && (prefix == 0
                    || (u128::from(n) ^ u128::from(a)) >> (128 - u32::from(prefix)) == 0)
        }
        _ => false,
    };
    same.then_some(prefix)
}

/// Coordinates as the IR keeps them (decimal strings) as a point.
fn coordinates(c: &ir::Coordinates) -> Option<Point> {
    Point::new(c.latitude.parse().ok()?, c.longitude.parse().ok()?)
}

/// Where the model puts a member.
fn point_of(place: &MemberPlace) -> Option<Point> {
    match place {
        MemberPlace::AwsRegion(code) => {
            crate::aws::region_location(code).and_then(|at| Point::new(at.latitude, at.longitude))
        }
        MemberPlace::Coordinates(p) => Some(*p),
        MemberPlace::Unknown(_) => None,
    }
}

/// The distance Route 53 compares for a geoproximity member (Developer
/// Guide, "Geoproximity routing", "How Amazon Route 53 uses bias to route
/// traffic": `Biased distance = actual distance * [1 - (bias/100)]`).
pub fn biased_distance(distance_km: f64, bias: i8) -> f64 {
    distance_km * (1.0 - f64::from(bias) / 100.0)
}

/// Latency and geoproximity for a client at `client`: the member at the
/// smallest biased distance among the healthy ones; when none is healthy,
/// the nearest of all (Route 53 treats all as healthy).
fn nearest<'c>(
    node: &'c PolicyNode,
    client: Point,
    members: Vec<(&'c PolicyNode, MemberPlace, i8)>,
    results: Vec<(String, Resolution<'c>)>,
) -> Resolution<'c> {
    let mut ranking: Vec<(Ranked<'c>, Resolution<'c>)> = members
        .into_iter()
        .zip(results)
        .map(|((member, place, bias), (label, r))| {
            let distance_km = point_of(&place).map(|p| client.distance_km(p));
            let ranked = Ranked {
                label,
                member,
                bias,
                biased_km: distance_km.map(|d| biased_distance(d, bias)),
                distance_km,
                place,
                healthy: r.healthy,
                answers: r.answer.is_some(),
            };
            (ranked, r)
        })
        .collect();
    // Stable: equal distances keep the policy's order; unknown places last.
    ranking.sort_by(|(a, _), (b, _)| match (a.biased_km, b.biased_km) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    let healthy = ranking.iter().position(|(r, _)| r.healthy);
    let chosen = healthy
        .or_else(|| ranking.iter().position(|(r, _)| r.answers))
        .unwrap_or(0);
    let (ranked, mut resolutions): (Vec<Ranked<'c>>, Vec<Resolution<'c>>) =
        ranking.into_iter().unzip();
    let r = resolutions.swap_remove(chosen);
    Resolution {
        healthy: healthy.is_some() && r.answer.is_some(),
        answer: r.answer,
        ttl: r.ttl,
        trace: Trace::Nearest {
            node,
            ranking: ranked,
            chosen,
            none_healthy: healthy.is_none(),
            within: Box::new(r.trace),
        },
    }
}

/// Addresses in numeric order (v4 before v6), inputs without a value
/// after them by name; other data keeps its order.
fn sort_addresses(data: &mut [RData]) {
    // (unbound, address, input name)
    fn address(r: &RData) -> Option<(bool, Option<IpAddr>, Option<&str>)> {
        let (ip, name) = match r {
            RData::A(a) => (a.bound().map(|a| IpAddr::V4(*a)), a.input()),
            RData::Aaaa(a) => (a.bound().map(|a| IpAddr::V6(*a)), a.input()),
            _ => return None,
        };
        Some((ip.is_none(), ip, name))
    }
    if data.iter().all(|r| address(r).is_some()) {
        data.sort_by(|a, b| address(a).cmp(&address(b)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::semantics::testing::config;
    use std::net::Ipv4Addr;

    /// Ten endpoints `e0`..`e9` at 192.0.2.0-9, each with its own check
    /// `c0`..`c9`.
    fn endpoints() -> String {
        (0..10)
            .map(|i| {
                format!(
                    "check c{i} {{ https \"c{i}.ex.net\" }}\n\
                     endpoint e{i} {{ region dublin  a [192.0.2.{i}]  check c{i} }}\n"
                )
            })
            .collect()
    }

    /// The resolution of `www` A with these checks down.
    fn www<'c>(c: &'c ir::Config, down: &[&str]) -> Resolution<'c> {
        let record = c
            .records
            .iter()
            .find(|r| r.name == "www" && r.record_type == RecordType::A)
            .expect("www A");
        let scenario = Scenario::with_down(down.iter().copied());
        resolve(c, record, &Client::unknown(), &scenario)
    }

    fn trace_of<'c>(c: &'c ir::Config, down: &[&str]) -> Trace<'c> {
        www(c, down).trace
    }

    fn weighted_choice<'c>(c: &'c ir::Config, down: &[&str]) -> WeightedChoice<'c> {
        match trace_of(c, down) {
            Trace::Weighted {
                choice: Some(choice),
                ..
            } => choice,
            other => panic!("not a weighted choice: {other:?}"),
        }
    }

    fn addresses(r: &Resolution) -> Vec<u8> {
        match &r.answer {
            Some(Answer::Data(d)) => d
                .iter()
                .map(|r| match r {
                    RData::A(ir::Value::Literal(a)) => a.octets()[3],
                    other => panic!("not an address: {other:?}"),
                })
                .collect(),
            other => panic!("not addresses: {other:?}"),
        }
    }

    fn with(items: &str) -> ir::Config {
        config(&format!("{}{items}", endpoints()))
    }

    #[test]
    fn a_simple_record_consults_no_health_check() {
        // API reference, ResourceRecordSet.HealthCheckId: a health check is
        // "useful only when Route 53 is choosing between two or more
        // resource record sets"; the Route 53 targets write none on a
        // simple record, so an alias evaluating its health sees it healthy
        // even when its endpoint's check is down.
        let c = with(
            "endpoint to_origin { alias record origin A  evaluate_target_health }\n\
             record origin A = e1\n\
             record www A = failover { primary to_origin  secondary e2 }",
        );
        let r = www(&c, &["c1"]);
        assert_eq!((addresses(&r), r.healthy), (vec![1], true));
    }

    #[test]
    fn failover_answers_with_the_primary_when_both_are_unhealthy() {
        // Developer Guide, "How Amazon Route 53 chooses records when health
        // checking is configured": with no healthy record in a group, Route
        // 53 considers all healthy; a failover then answers with its
        // primary.
        let c = with("record www A = failover { primary e1  secondary e2 }");
        let r = www(&c, &[]);
        assert_eq!((addresses(&r), r.healthy), (vec![1], true));
        let r = www(&c, &["c1"]);
        assert_eq!((addresses(&r), r.healthy), (vec![2], true));
        let r = www(&c, &["c1", "c2"]);
        assert_eq!((addresses(&r), r.healthy), (vec![1], false));
        let Trace::Failover { choice, chosen, .. } = trace_of(&c, &["c1", "c2"]) else {
            panic!("not a failover trace")
        };
        assert_eq!(choice, FailoverChoice::BothUnhealthy);
        assert_eq!(chosen.label(), "e1");
        let Trace::Failover { choice, .. } = trace_of(&c, &["c1"]) else {
            panic!()
        };
        assert_eq!(
            choice,
            FailoverChoice::SecondaryHealthy {
                primary_answers: true
            }
        );
    }

    #[test]
    fn weighted_zero_weights_answer_only_when_the_others_are_down() {
        // API reference, ResourceRecordSet.Weight: a weight-0 record
        // answers only when every record with a weight above 0 is
        // unhealthy; with every weight 0, all answer equally.
        let c = with("record www A = weighted { e1 95  e2 5  e3 0 }");
        assert_eq!(addresses(&www(&c, &[])), [1]);
        assert_eq!(addresses(&www(&c, &["c1"])), [2]);
        let r = www(&c, &["c1", "c2"]);
        assert_eq!((addresses(&r), r.healthy), (vec![3], true));
        let choice = weighted_choice(&c, &["c1", "c2"]);
        assert_eq!(choice.why, WeightedReason::ZeroWeightFallback);
        // None healthy: all count as healthy; the highest weight answers.
        let r = www(&c, &["c1", "c2", "c3"]);
        assert_eq!((addresses(&r), r.healthy), (vec![1], false));

        let c = with("record www A = weighted { e1 0  e2 0  e3 0 }");
        let choice = weighted_choice(&c, &["c1"]);
        assert_eq!(choice.why, WeightedReason::AllZeroWeights);
        assert_eq!(choice.member.label(), "e2");
        assert_eq!(choice.share, (1, 2), "e2 and e3 answer equally");
        assert_eq!(
            choice
                .tied_with
                .iter()
                .map(|m| m.label())
                .collect::<Vec<_>>(),
            ["e3"]
        );
    }

    #[test]
    fn weighted_share_is_of_the_healthy_candidates() {
        let c = with("record www A = weighted { e1 3  e2 1  e3 1 }");
        let choice = weighted_choice(&c, &["c2"]);
        assert_eq!(
            (choice.member.label().as_str(), choice.share),
            ("e1", (3, 4))
        );
    }

    #[test]
    fn multivalue_answers_with_up_to_eight_healthy_records() {
        // Developer Guide, "Multivalue answer routing": "up to eight
        // healthy records".
        let c = with("record www A = multivalue [e9, e8, e7, e6, e5, e4, e3, e2, e1, e0]");
        let r = www(&c, &[]);
        // The first eight by name, addresses sorted.
        assert_eq!(addresses(&r), [0, 1, 2, 3, 4, 5, 6, 7]);
        let r = www(&c, &["c0", "c3"]);
        assert_eq!(addresses(&r), [1, 2, 4, 5, 6, 7, 8, 9]);
        let Trace::Union {
            members, health, ..
        } = trace_of(&c, &[])
        else {
            panic!()
        };
        assert_eq!(health, MembersHealth::All);
        let over: Vec<&str> = members
            .iter()
            .filter(|m| matches!(m.outcome, MemberOutcome::LeftOut(LeftOut::OverLimit(8))))
            .map(|m| m.label.as_str())
            .collect();
        assert_eq!(over, ["e8", "e9"]);
        // None healthy: all count as healthy, still at most eight.
        let all: Vec<String> = (0..10).map(|i| format!("c{i}")).collect();
        let all: Vec<&str> = all.iter().map(String::as_str).collect();
        let r = www(&c, &all);
        assert_eq!((addresses(&r).len(), r.healthy), (8, false));
    }

    #[test]
    fn a_stay_member_counts_as_healthy() {
        // A member marked `stay` is written with no health check and an
        // alias that does not evaluate target health
        // (rules::member_health_check, rules::nested_alias_evaluates): its
        // parent never skips it.
        let c =
            with("record www A = weighted { stay failover { primary e1  secondary e2 } 2  e3 1 }");
        let r = www(&c, &["c1", "c2"]);
        assert_eq!((addresses(&r), r.healthy), (vec![1], true));
        let choice = weighted_choice(&c, &["c1", "c2"]);
        assert_eq!(choice.why, WeightedReason::Heaviest);
        assert!(matches!(*choice.within, Trace::Stayed { .. }));
        // Without `stay` the failover is unhealthy and e3 answers.
        let c = with("record www A = weighted { failover { primary e1  secondary e2 } 2  e3 1 }");
        assert_eq!(addresses(&www(&c, &["c1", "c2"])), [3]);
    }

    #[test]
    fn a_check_written_for_a_use_replaces_the_endpoints_check() {
        // ResourceRecordSet.HealthCheckId belongs to the record set: this
        // use of e1 is healthy by c5 alone, whatever c1 says.
        let c = with("record www A = failover { primary e1 check c5  secondary e2 }");
        assert_eq!(addresses(&www(&c, &["c1"])), [1]);
        assert_eq!(addresses(&www(&c, &["c5"])), [2]);
        // Multivalue members, each with its own.
        let c = with("record www A = multivalue [e1 check c5, e2]");
        assert_eq!(addresses(&www(&c, &["c1"])), [1, 2]);
        assert_eq!(addresses(&www(&c, &["c5"])), [2]);
    }

    #[test]
    fn a_check_on_a_nested_member_goes_with_or_instead_of_its_target_health() {
        // Developer Guide, "Health checking in complex configurations": a
        // health check on the alias to the nested policy, in addition to
        // evaluate-target-health (both must be healthy) ...
        let c = with(
            "record www A = weighted { failover { primary e1  secondary e2 } check c5 2  e3 1 }",
        );
        assert_eq!(addresses(&www(&c, &[])), [1]);
        assert_eq!(weighted_choice(&c, &["c5"]).member.label(), "e3");
        assert_eq!(addresses(&www(&c, &["c5"])), [3]);
        assert_eq!(addresses(&www(&c, &["c1", "c2"])), [3]);
        // ... or instead of it (`alone`): the nested policy answers while
        // its check is healthy, even with nothing healthy beneath.
        let c = with(
            "record www A = weighted { failover { primary e1  secondary e2 } check c5 alone 2  e3 1 }",
        );
        let r = www(&c, &["c1", "c2"]);
        assert_eq!((addresses(&r), r.healthy), (vec![1], true));
        assert_eq!(addresses(&www(&c, &["c5"])), [3]);
    }

    #[test]
    fn a_client_with_no_known_location_gets_the_default_rule() {
        let c = with("record www A = geolocation { continent EU => e1  default => e2 }");
        assert_eq!(addresses(&www(&c, &[])), [2]);
        let c = with("record www A = geolocation { continent EU => e1 }");
        let r = www(&c, &[]);
        assert_eq!((r.answer, r.healthy), (None, false));
        let Trace::Rule { why, chosen, .. } = trace_of(&c, &[]) else {
            panic!()
        };
        assert_eq!((why, chosen.is_none()), (RuleMatch::NoKnownLocation, true));
    }

    #[test]
    fn latency_without_a_location_merges_the_healthy_members() {
        let c = with(
            "endpoint v { region virginia  a [192.0.2.20] check c2 }\n\
             record www A = latency [e1, v]",
        );
        assert_eq!(addresses(&www(&c, &[])), [1, 20]);
        assert_eq!(addresses(&www(&c, &["c1"])), [20]);
        let r = www(&c, &["c1", "c2"]);
        assert_eq!((addresses(&r), r.healthy), (vec![1, 20], false));
    }

    /// A failover whose primary is an alias to a weighted record.
    const ALIAS_PRIMARY: &str = "endpoint to_api { alias record api A }\n\
        record api A = weighted { e1 1  e2 1 }\n\
        record www A = failover { primary to_api  secondary e3 }";

    #[test]
    fn an_alias_in_a_failover_takes_its_targets_health() {
        // API reference, ResourceRecordSet.Failover: failover aliases
        // evaluate target health (rules::evaluates_target_health).
        let c = with(ALIAS_PRIMARY);
        assert_eq!(addresses(&www(&c, &["c1"])), [2]);
        assert_eq!(addresses(&www(&c, &["c1", "c2"])), [3]);
        let Trace::Failover { within, .. } = trace_of(&c, &[]) else {
            panic!()
        };
        let Trace::RecordAlias {
            evaluates_health,
            record_type,
            ..
        } = *within
        else {
            panic!()
        };
        assert!(evaluates_health);
        assert_eq!(record_type, RecordType::A);
    }

    /// The resolution of `www` A for `client` with these checks down.
    fn www_from<'c>(c: &'c ir::Config, client: &str, down: &[&str]) -> Resolution<'c> {
        let record = c
            .records
            .iter()
            .find(|r| r.name == "www" && r.record_type == RecordType::A)
            .expect("www A");
        let client = Client::parse(client).expect("a place");
        resolve(
            c,
            record,
            &client,
            &Scenario::with_down(down.iter().copied()),
        )
    }

    fn rule_of(r: Resolution) -> (RuleMatch, Vec<String>, Option<String>) {
        let Trace::Rule {
            why,
            fell_through,
            chosen,
            ..
        } = r.trace
        else {
            panic!("not a rule trace: {:?}", r.trace)
        };
        (
            why,
            fell_through.into_iter().map(|f| f.label).collect(),
            chosen.map(|(label, _)| label),
        )
    }

    const GEO: &str = "record www A = geolocation {\n\
        subdivision US-CA => e1\n  country US => e2\n  continent NA => e3\n  default => e4 }";

    #[test]
    fn geolocation_answers_from_the_most_specific_rule() {
        // API reference, ResourceRecordSet.GeoLocation: "If you create
        // separate resource record sets for overlapping geographic regions
        // (for example, one resource record set for a continent and one for
        // a country on the same continent), priority goes to the smallest
        // geographic region."
        let c = with(GEO);
        assert_eq!(addresses(&www_from(&c, "US-CA", &[])), [1]);
        assert_eq!(addresses(&www_from(&c, "US-TX", &[])), [2]);
        assert_eq!(addresses(&www_from(&c, "CA", &[])), [3]);
        assert_eq!(addresses(&www_from(&c, "continent:NA", &[])), [3]);
        assert_eq!(addresses(&www_from(&c, "DE", &[])), [4]);
        let (why, fell, chosen) = rule_of(www_from(&c, "US-CA", &[]));
        assert_eq!(
            (why, fell.len(), chosen.as_deref()),
            (RuleMatch::Location, 0, Some("US-CA"))
        );
        // An AWS region's client is in the region's country.
        assert_eq!(addresses(&www_from(&c, "us-west-1", &[])), [2]);
    }

    #[test]
    fn geolocation_falls_through_to_the_larger_area_when_unhealthy() {
        // API reference, ResourceRecordSet.HealthCheckId, "Geolocation
        // Routing": "For geolocation resource record sets, if an endpoint is
        // unhealthy, Route 53 looks for a resource record set for the larger,
        // associated geographic region. For example, suppose you have
        // resource record sets for a state in the United States, for the
        // entire United States, for North America, and a resource record set
        // that has * for CountryCode is *, which applies to all locations. If
        // the endpoint for the state resource record set is unhealthy, Route
        // 53 checks for healthy resource record sets in the following order
        // until it finds a resource record set for which the endpoint is
        // healthy: The United States, North America, [the default]"
        let c = with(GEO);
        let r = www_from(&c, "US-CA", &["c1"]);
        assert_eq!((addresses(&r), r.healthy), (vec![2], true));
        let (_, fell, chosen) = rule_of(www_from(&c, "US-CA", &["c1", "c2"]));
        assert_eq!(
            (fell, chosen.as_deref()),
            (
                vec!["US-CA".into(), "country-US".into()],
                Some("continent-NA")
            )
        );
        assert_eq!(addresses(&www_from(&c, "US-CA", &["c1", "c2", "c3"])), [4]);
        // Nothing healthy: all count as healthy, the most specific answers.
        let r = www_from(&c, "US-CA", &["c1", "c2", "c3", "c4"]);
        assert_eq!((addresses(&r), r.healthy), (vec![1], false));
    }

    #[test]
    fn geolocation_without_a_matching_rule_or_default_has_no_answer() {
        // API reference, ResourceRecordSet.GeoLocation: "If you don't create
        // a * resource record set, Route 53 returns a 'no answer' response
        // for queries from those locations."
        let c = with("record www A = geolocation { continent EU => e1 }");
        let r = www_from(&c, "US-CA", &[]);
        assert_eq!((r.answer.clone(), r.healthy), (None, false));
        let (why, _, chosen) = rule_of(r);
        assert_eq!((why, chosen), (RuleMatch::Location, None));
        assert_eq!(addresses(&www_from(&c, "IE", &[])), [1]);
    }

    const CIDR: &str = "cidr_collection isps {\n\
        wide [81.10.0.0/16, 2a0a:e5c0::/29]\n  narrow [81.10.128.0/17]\n  other [95.88.0.0/14] }\n\
        record www A = cidr isps { wide => e1  narrow => e2  default => e3 }";

    #[test]
    fn cidr_takes_the_longest_matching_block_else_default() {
        // Developer Guide, "IP-based routing": "For DNS queries with a CIDR
        // longer than the one specified in the CIDR collection, Route 53
        // will match it to the shorter CIDR ... this will not match and
        // Route 53 will answer with the record for the default ("*")
        // location."
        let c = with(CIDR);
        assert_eq!(addresses(&www_from(&c, "81.10.200.1", &[])), [2]);
        assert_eq!(addresses(&www_from(&c, "81.10.1.1", &[])), [1]);
        assert_eq!(addresses(&www_from(&c, "2a0a:e5c1::1", &[])), [1]);
        assert_eq!(addresses(&www_from(&c, "192.0.2.1", &[])), [3]);
        let (why, _, _) = rule_of(www_from(&c, "81.10.200.1", &[]));
        assert_eq!(
            why,
            RuleMatch::Block {
                block: "81.10.128.0/17".into(),
                location: "narrow".into()
            }
        );
        // A location of the collection this record has no rule for.
        let (why, _, chosen) = rule_of(www_from(&c, "95.88.0.1", &[]));
        assert!(matches!(why, RuleMatch::LocationWithoutRule { .. }));
        assert_eq!(chosen.as_deref(), Some("default"));
        // Unhealthy: to default (the larger area of a CIDR rule).
        let (_, fell, chosen) = rule_of(www_from(&c, "81.10.200.1", &["c2"]));
        assert_eq!(
            (fell, chosen.as_deref()),
            (vec!["narrow".into()], Some("default"))
        );
        // A client placed in a location directly, as a client class is.
        let record = &c.records.iter().find(|r| r.name == "www").unwrap();
        let client = Client::in_cidr_location("isps", "wide");
        let r = resolve(&c, record, &client, &Scenario::all_healthy());
        assert_eq!(addresses(&r), [1]);
    }

    #[test]
    fn latency_answers_from_the_nearest_healthy_region() {
        // Developer Guide, "Latency-based routing": Route 53 "responds to
        // the DNS query using the region with the lowest latency"; steer
        // models latency by great-circle distance to the region's location,
        // and an unhealthy region's record is skipped for the next.
        let c = with(
            "endpoint v { region virginia  a [192.0.2.20] check c2 }\n\
             record www A = latency [e1, v]",
        );
        assert_eq!(addresses(&www_from(&c, "(48.85, 2.35)", &[])), [1]);
        assert_eq!(addresses(&www_from(&c, "us-east-2", &[])), [20]);
        let r = www_from(&c, "(48.85, 2.35)", &["c1"]);
        assert_eq!((addresses(&r), r.healthy), (vec![20], true));
        let r = www_from(&c, "(48.85, 2.35)", &["c1", "c2"]);
        assert_eq!((addresses(&r), r.healthy), (vec![1], false));
        let Trace::Nearest {
            ranking,
            chosen,
            none_healthy,
            ..
        } = www_from(&c, "(48.85, 2.35)", &["c1"]).trace
        else {
            panic!()
        };
        assert_eq!((chosen, none_healthy), (1, false));
        assert_eq!(ranking[0].place, MemberPlace::AwsRegion("eu-west-1".into()));
        assert!(ranking[0].distance_km < ranking[1].distance_km);
        // A country has no point: the members are merged as before.
        assert!(matches!(www_from(&c, "FR", &[]).trace, Trace::Union { .. }));
    }

    #[test]
    fn geoproximity_bias_scales_the_distance() {
        // Developer Guide, "Geoproximity routing", "How Amazon Route 53 uses
        // bias to route traffic": "Biased distance = actual distance * [1 -
        // (bias/100)]" (150 km with a bias of 50 is treated as 75 km).
        assert_eq!(biased_distance(150.0, 50), 75.0);
        assert_eq!(biased_distance(100.0, -50), 150.0);
        // e1 is about 111 km from the client, e2 about 156 km.
        let unbiased = with("record www A = geoproximity [(0, 1) => e1, (0, -1.4) => e2]");
        assert_eq!(addresses(&www_from(&unbiased, "0,0", &[])), [1]);
        let biased = with("record www A = geoproximity [(0, 1) => e1, (0, -1.4) => e2 bias 50]");
        assert_eq!(addresses(&www_from(&biased, "0,0", &[])), [2]);
        assert_eq!(addresses(&www_from(&biased, "0,0", &["c2"])), [1]);
        let shrunk = with("record www A = geoproximity [(0, 1) => e1 bias -50, (0, -1.4) => e2]");
        assert_eq!(addresses(&www_from(&shrunk, "0,0", &[])), [2]);
    }

    #[test]
    fn weighted_traces_every_members_share() {
        // API reference, ResourceRecordSet.Weight: each record's share is
        // its weight over the sum of the weights of the healthy records.
        let c = with("record www A = weighted { e1 95  e2 5  e3 0 }");
        let shares = |down: &[&str]| -> Vec<(String, (u32, u32))> {
            weighted_choice(&c, down)
                .shares
                .iter()
                .map(|s| (s.member.label(), s.share))
                .collect()
        };
        assert_eq!(
            shares(&[]),
            [
                ("e1".into(), (95, 100)),
                ("e2".into(), (5, 100)),
                ("e3".into(), (0, 100))
            ]
        );
        assert_eq!(
            shares(&["c1"]),
            [
                ("e1".into(), (0, 5)),
                ("e2".into(), (5, 5)),
                ("e3".into(), (0, 5))
            ]
        );
        assert_eq!(
            shares(&["c1", "c2"]),
            [
                ("e1".into(), (0, 1)),
                ("e2".into(), (0, 1)),
                ("e3".into(), (1, 1))
            ]
        );
    }

    #[test]
    fn the_resolver_remembers_record_sets() {
        let c = with(ALIAS_PRIMARY);
        let mut resolver = Resolver::new(&c, &Scenario::all_healthy(), Client::unknown());
        let api = resolver.record("api.ex.com", RecordType::A);
        let www = resolver.record("www.ex.com", RecordType::A);
        let Trace::Failover { within, .. } = &www.trace else {
            panic!()
        };
        let Trace::RecordAlias { target, .. } = within.as_ref() else {
            panic!()
        };
        assert!(Arc::ptr_eq(&api, target), "resolved once");
        assert_eq!(
            www.answer,
            Some(Answer::Data(vec![RData::A(ir::Value::Literal(
                Ipv4Addr::new(192, 0, 2, 1)
            ))]))
        );
        let missing = resolver.record("nope.ex.com", RecordType::A);
        assert!(matches!(missing.trace, Trace::Undefined { .. }));
    }
}
