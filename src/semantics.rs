//! How Route 53 treats health, as rules over the IR that every consumer
//! shares: the Route 53 lowering (what it writes), the zone target (what it
//! answers in a scenario) and the check stage's lints (what can never
//! fail). A rule about when Route 53 considers a record set healthy lives
//! here and nowhere else.
//!
//! Sources, all in the Route 53 API reference and Developer Guide:
//! - `ResourceRecordSet.HealthCheckId`: a record set without a health
//!   check is always healthy; a health check is consulted only when Route 53
//!   chooses among several record sets (a routed record), and "for
//!   geolocation resource record sets, if an endpoint is unhealthy, Route 53
//!   looks for a resource record set for the larger, associated geographic
//!   region" (state → country → continent → default).
//! - `AliasTarget.EvaluateTargetHealth`: "an alias resource record set
//!   inherits the health of the referenced AWS resource, such as an ELB load
//!   balancer or another resource record set in the hosted zone"; "you can't
//!   set EvaluateTargetHealth to true when the alias target is a CloudFront
//!   distribution". An alias that does not evaluate target health is
//!   always healthy.
//! - `ResourceRecordSet.Failover`: "for failover alias resource record
//!   sets, you must also include the EvaluateTargetHealth element and set
//!   the value to true" — hence steer's default for failover aliases. Route
//!   53 accepts `false` there (real configurations use it for a static
//!   fallback that must always be answered); steer writes it only where the
//!   user says `stay`.
//! - Developer Guide, "How Amazon Route 53 chooses records when health
//!   checking is configured": when no record of a group is healthy, Route 53
//!   considers all of them healthy.

use crate::aws::AliasKind;
use crate::check::ir::{self, RecordType, RoutingPolicy};
use std::collections::{BTreeMap, HashMap};

/// Whether the alias record set written for `endpoint` evaluates its
/// target's health. `in_failover`: the set is a member of a failover
/// policy; `stays`: the member is marked `stay`.
pub fn evaluates_target_health(endpoint: &ir::Endpoint, in_failover: bool, stays: bool) -> bool {
    let ir::Answer::Alias(alias) = &endpoint.answer else {
        return false;
    };
    if stays {
        return false;
    }
    // A failover must be able to see its alias members fail; CloudFront
    // cannot report its health (AliasTarget.EvaluateTargetHealth).
    let can_evaluate = alias.kind != ir::AliasTargetKind::Aws(AliasKind::CloudFront);
    endpoint.evaluate_target_health.is_some() || (in_failover && can_evaluate)
}

/// The health check Route 53 consults for the record set written for
/// `endpoint`: only routed sets consult one (`HealthCheckId`: "useful only
/// when Route 53 is choosing between two or more resource record sets"),
/// and a `stay` member has none, so that it is always healthy.
pub fn member_health_check(endpoint: &ir::Endpoint, routed: bool, stays: bool) -> Option<&str> {
    if !routed || stays {
        return None;
    }
    endpoint.health_check.as_deref()
}

/// Whether the alias written for a nested member (to the generated name
/// that holds the nested policy) evaluates target health: yes, so that the
/// parent falls through when the nested policy has no healthy answer,
/// unless the member is marked `stay`.
pub fn nested_alias_evaluates(member: &ir::PolicyNode) -> bool {
    !member.stays()
}

/// Answers "can Route 53 ever see this as unhealthy?" for routing trees,
/// following aliases to records of the zone. Memoized per record set, so
/// a whole configuration is walked once: linear in its size.
pub struct HealthReach<'c> {
    endpoints: &'c BTreeMap<String, ir::Endpoint>,
    records: HashMap<(&'c str, RecordType), &'c ir::RecordSet>,
    memo: HashMap<(&'c str, RecordType), bool>,
}

impl<'c> HealthReach<'c> {
    pub fn new(
        endpoints: &'c BTreeMap<String, ir::Endpoint>,
        records: &'c [ir::RecordSet],
    ) -> Self {
        HealthReach {
            endpoints,
            records: records
                .iter()
                .map(|r| ((r.fqdn.as_str(), r.record_type), r))
                .collect(),
            memo: HashMap::new(),
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
        match &member.policy {
            RoutingPolicy::Endpoint(name) => self.endpoint_can_fail(name, in_failover, record_type),
            RoutingPolicy::Multivalue(names) => names
                .iter()
                .any(|n| self.endpoint_can_fail(n, false, record_type)),
            policy => {
                let failover = matches!(policy, RoutingPolicy::Failover { .. });
                policy
                    .members()
                    .into_iter()
                    .any(|(_, m)| self.member_can_fail(m, failover, record_type))
            }
        }
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
        if endpoint.health_check.is_some() {
            return true;
        }
        if !evaluates_target_health(endpoint, in_failover, false) {
            return false;
        }
        match &endpoint.answer {
            ir::Answer::Alias(alias) => match alias.kind {
                // An AWS resource reports its own health (a load balancer
                // with no healthy targets, say).
                ir::AliasTargetKind::Aws(_) => true,
                ir::AliasTargetKind::Record { record_type: t } => {
                    self.record_can_fail(&alias.dns_name, t.unwrap_or(record_type))
                }
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
                // A simple record consults no health check.
                RoutingPolicy::Endpoint(name) => {
                    let endpoints = self.endpoints;
                    let alias_target = endpoints.get(name).and_then(|e| match &e.answer {
                        ir::Answer::Alias(a) if e.evaluate_target_health.is_some() => Some(a),
                        _ => None,
                    });
                    match alias_target {
                        Some(ir::AliasTarget {
                            kind: ir::AliasTargetKind::Record { record_type },
                            dns_name,
                            ..
                        }) => self.record_can_fail(dns_name, record_type.unwrap_or(t)),
                        Some(_) => true,
                        None => false,
                    }
                }
                _ => self.member_can_fail(root, false, t),
            },
        };
        self.memo.insert(key, can_fail);
        can_fail
    }
}
