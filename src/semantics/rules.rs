//! How Route 53 treats health, as rules over the IR that every consumer
//! shares: the Route 53 lowering (what it writes), the resolver (what it
//! answers in a scenario, [`super::resolve()`]) and the check stage's lints
//! (what can never fail, [`super::reach`]). A rule about when Route 53
//! considers a record set healthy lives here and nowhere else.
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
//! - Developer Guide, "Health checking in complex configurations", "What
//!   happens when you associate a health check with an alias record?": a
//!   health check can go on an alias record "instead of or in addition to"
//!   evaluate-target-health; with both, the record is healthy only when the
//!   check is healthy and the target is. The health check is a property of
//!   the record set (`ResourceRecordSet.HealthCheckId`), not of what it
//!   points at, so two record sets with the same value can name different
//!   checks: hence a check per use of a member (`check NAME` after it).

use crate::aws::AliasKind;
use crate::check::ir::{self, RoutingPolicy};

/// The most records one multivalue answer holds (Developer Guide,
/// "Multivalue answer routing": "Route 53 responds to DNS queries with up
/// to eight healthy records").
pub const MULTIVALUE_MAX_ANSWERS: usize = 8;

/// Whether Route 53 chooses among several record sets for a record with
/// this policy (anything but simple routing): only then does it consult
/// health checks (`ResourceRecordSet.HealthCheckId`).
pub fn is_routed(root: &ir::PolicyNode) -> bool {
    match &root.policy {
        RoutingPolicy::Endpoint(_) => false,
        // A pool that is one endpoint stands for it (route53::pool_use).
        RoutingPolicy::Pool(p) => is_routed(&p.node),
        _ => true,
    }
}

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
    endpoint.evaluate_target_health().is_some() || (in_failover && can_evaluate)
}

/// The health check Route 53 consults for the record set written for
/// `endpoint`: only routed sets consult one (`HealthCheckId`: "useful only
/// when Route 53 is choosing between two or more resource record sets"),
/// and a `stay` member has none, so that it is always healthy. The check
/// written for this use (`use_check`) replaces the endpoint's own: the
/// health check belongs to the record set.
pub fn member_health_check<'c>(
    endpoint: &'c ir::Endpoint,
    use_check: Option<&'c ir::UseCheck>,
    routed: bool,
    stays: bool,
) -> Option<&'c str> {
    if !routed || stays {
        return None;
    }
    match use_check {
        Some(c) => Some(&c.name),
        None => endpoint.health_check.as_deref(),
    }
}

/// Whether the alias written for a nested member (to the generated name
/// that holds the nested policy) evaluates target health: yes, so that the
/// parent falls through when the nested policy has no healthy answer,
/// unless the member is marked `stay`, or carries a check written with
/// `alone` (the check instead of evaluate-target-health).
pub fn nested_alias_evaluates(member: &ir::PolicyNode) -> bool {
    !member.stays() && member.use_check().is_none_or(|c| c.alone.is_none())
}

/// The health check on the alias written for a nested member: the check
/// written after it (`check NAME`), if any ("Health checking in complex
/// configurations": a health check on an alias record, beside or instead
/// of evaluate-target-health). Endpoint leaves have theirs in
/// [`member_health_check`].
pub fn nested_member_check(member: &ir::PolicyNode) -> Option<&str> {
    match &member.policy {
        RoutingPolicy::Endpoint(_) => None,
        // A pool of one endpoint is that endpoint's set (route53::pool_use).
        RoutingPolicy::Pool(p) if matches!(p.node.policy, RoutingPolicy::Endpoint(_)) => None,
        _ => member.use_check().map(|c| c.name.as_str()),
    }
}
