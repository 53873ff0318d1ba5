//! "Can Route 53 ever see this as unhealthy?" for routing trees: the
//! question behind the check stage's lints (a failover primary that can
//! never fail, `evaluate_target_health` with nothing to evaluate). It holds
//! for every scenario, so it follows the rules in [`super::rules`] without
//! evaluating any check.

use super::rules::evaluates_target_health;
use crate::check::ir::{self, RecordType, RoutingPolicy};
use rustc_hash::FxHashMap;

/// Answers "can Route 53 ever see this as unhealthy?" for routing trees,
/// following aliases to records of the zone. Memoized per record set, so
/// a whole configuration is walked once: linear in its size.
pub struct HealthReach<'c> {
    endpoints: &'c ir::ByName<ir::Endpoint>,
    // Fx rather than SipHash, as in every table keyed by the zone's own
    // names: one entry per record set, hashed again for each alias.
    records: FxHashMap<(&'c str, RecordType), &'c ir::RecordSet>,
    memo: FxHashMap<(&'c str, RecordType), bool>,
}

impl<'c> HealthReach<'c> {
    pub fn new(endpoints: &'c ir::ByName<ir::Endpoint>, records: &'c [ir::RecordSet]) -> Self {
        HealthReach {
            endpoints,
            records: records
                .iter()
                .map(|r| ((r.fqdn.as_str(), r.record_type), r))
                .collect(),
            memo: FxHashMap::default(),
        }
    }

    /// Whether anything beneath this member can report unhealthy: a health
    /// check on a leaf, or an alias that evaluates the health of something
    /// that can. A member without any is always healthy to its parent.
    /// `in_failover`: the member belongs to a failover policy.
    pub fn member_can_fail(
        &mut self,
        member: &'c ir::PolicyNode,
        in_failover: bool,
        record_type: RecordType,
    ) -> bool {
        if member.stays() {
            return false;
        }
        // A check written for this use can fail: on an endpoint it is the
        // set's check, on a nested policy its alias's
        // (rules::member_health_check, rules::nested_member_check).
        if member.use_check().is_some() {
            return true;
        }
        match &member.policy {
            RoutingPolicy::Endpoint(name) => self.endpoint_can_fail(name, in_failover, record_type),
            RoutingPolicy::Multivalue(names) => names.iter().any(|n| {
                member.member_check(n).is_some() || self.endpoint_can_fail(n, false, record_type)
            }),
            policy => {
                let failover = matches!(policy, RoutingPolicy::Failover { .. });
                policy
                    .children()
                    .any(|m| self.member_can_fail(m, failover, record_type))
            }
        }
    }

    /// Whether the zone has a record set of this name and type (the target
    /// of an alias to a record of the zone).
    pub fn has_record(&self, fqdn: &str, record_type: RecordType) -> bool {
        self.records.contains_key(&(fqdn, record_type))
    }

    /// Whether an endpoint, as a routed member, can report unhealthy.
    pub fn endpoint_can_fail(
        &mut self,
        name: &'c str,
        in_failover: bool,
        record_type: RecordType,
    ) -> bool {
        let endpoints = self.endpoints;
        let Some(endpoint) = endpoints.get(name) else {
            return false;
        };
        endpoint.health_check.is_some() || self.alias_can_fail(endpoint, in_failover, record_type)
    }

    /// Whether an endpoint's alias set can be unhealthy through its
    /// target: it evaluates target health, and the target can fail (an AWS
    /// resource reports its own health, a load balancer with no healthy
    /// targets say; a record of the zone as [`Self::record_can_fail`]).
    fn alias_can_fail(
        &mut self,
        endpoint: &'c ir::Endpoint,
        in_failover: bool,
        record_type: RecordType,
    ) -> bool {
        if !evaluates_target_health(endpoint, in_failover, false) {
            return false;
        }
        match &endpoint.answer {
            ir::Answer::Alias(alias) => match alias.kind {
                ir::AliasTargetKind::Aws(_) => true,
                ir::AliasTargetKind::Record { record_type: t } => alias
                    .record_name()
                    .is_some_and(|name| self.record_can_fail(name, t.unwrap_or(record_type))),
            },
            _ => false,
        }
    }

    /// Whether the record set at (`fqdn`, `t`) can be unhealthy as the
    /// target of an alias that evaluates its health.
    pub fn record_can_fail(&mut self, fqdn: &'c str, t: RecordType) -> bool {
        let Some(&record) = self.records.get(&(fqdn, t)) else {
            return false;
        };
        let key = (record.fqdn.as_str(), t);
        if let Some(&known) = self.memo.get(&key) {
            return known;
        }
        // Assumed false while visiting: an alias loop (reported by the
        // graph stage) then ends instead of recursing.
        self.memo.insert(key, false);
        let can_fail = match &record.content {
            // A plain record set has no health check of its own.
            ir::RecordContent::Plain(_) => false,
            ir::RecordContent::Routed(root) => match &root.policy {
                // A simple record consults no health check; an alias
                // there still passes on its target's health.
                RoutingPolicy::Endpoint(name) => {
                    let endpoints = self.endpoints;
                    endpoints
                        .get(name)
                        .is_some_and(|e| self.alias_can_fail(e, false, t))
                }
                _ => self.member_can_fail(root, false, t),
            },
        };
        self.memo.insert(key, can_fail);
        can_fail
    }
}
