//! Rules that need a whole routed record, or every record of the zone:
//! a TTL on an alias-only record, `stay` on a record's own policy, an alias
//! to a record the zone does not define, a health check that probes the
//! record it protects, failover that can never trigger, members that share
//! one health check, and `evaluate_target_health` on a target that is
//! always healthy.

use crate::check::{ir, messages};
use crate::diagnostic::Diagnostics;
use crate::semantics::{self, HealthReach};
use crate::source::Span;
use std::collections::BTreeSet;

pub(in crate::check) fn check_routed_records(
    records: &[ir::RecordSet],
    endpoints: &ir::ByName<ir::Endpoint>,
    checks: &ir::ByName<ir::HealthCheck>,
    _zone: &ir::Zone,
    diagnostics: &mut Diagnostics,
) {
    // Also the set of every record's key, for the aliases to one.
    let mut reach = HealthReach::new(endpoints, records);
    let mut pools_seen = rustc_hash::FxHashSet::default();
    for record in records {
        let ir::RecordContent::Routed(root) = &record.content else {
            continue;
        };
        let leaves = root.endpoints();
        let all_alias = leaves.iter().all(|e| {
            endpoints
                .get(*e)
                .is_some_and(|e| matches!(e.answer, ir::Answer::Alias(_)))
        });
        if record.ttl_explicit && all_alias && !leaves.is_empty() {
            diagnostics.push(messages::alias_with_ttl(
                &record.name,
                record.record_type,
                record.span,
            ));
        } else if record.ttl_explicit && ttl_unused(root, endpoints) {
            diagnostics.push(messages::pool_record_with_ttl(
                &record.name,
                record.record_type,
                record.span,
            ));
        }
        let routed = semantics::is_routed(root);
        if let Some(stay) = root.stay() {
            diagnostics.push(messages::stay_at_root(stay));
        }
        if let Some(id) = root.set_id() {
            diagnostics.push(messages::set_id_at_root(id.span));
        }
        if let Some(check) = root.use_check() {
            diagnostics.push(messages::use_check_at_root(check.span));
        }
        for leaf in &leaves {
            let Some(endpoint) = endpoints.get(*leaf) else {
                continue;
            };
            if let Some(ir::AliasTarget {
                kind: ir::AliasTargetKind::Record { record_type },
                dns_name: ir::Value::Literal(dns_name),
                ..
            }) = endpoint.answer.alias()
            {
                let t = record_type.unwrap_or(record.record_type);
                if !reach.has_record(dns_name, t) {
                    diagnostics.push(messages::alias_to_missing_record(
                        &endpoint.name,
                        dns_name,
                        t,
                        endpoint.span,
                        record.span,
                    ));
                }
            }
        }
        // Every check the record's sets consult, once each: the checks
        // written for uses count as much as the endpoints' own.
        let mut consulted = BTreeSet::new();
        if routed {
            // Each record looks into its pools: a check may probe it
            // through any of them.
            let mut pools = rustc_hash::FxHashSet::default();
            visit_policies(
                root,
                record.record_type,
                &mut pools,
                &mut |node| match &node.policy {
                    ir::RoutingPolicy::Multivalue(names) => {
                        consulted.extend(names.iter().filter_map(|n| {
                            endpoints.get(n).and_then(|e| {
                                semantics::member_health_check(
                                    e,
                                    node.endpoint_use_check(n),
                                    true,
                                    false,
                                )
                            })
                        }))
                    }
                    _ => consulted.extend(member_check(node, endpoints)),
                },
            );
        }
        for check in consulted.into_iter().filter_map(|c| checks.get(c)) {
            if let ir::HealthCheckKind::Endpoint(probe) = &check.kind {
                if probe.ip_address.is_none()
                    && probe.fqdn.as_ref().and_then(ir::Value::bound) == Some(&record.fqdn)
                {
                    diagnostics.push(messages::check_protects_itself(
                        &check.name,
                        &record.fqdn,
                        check.span,
                        record.span,
                    ));
                }
            }
        }
        visit_policies(root, record.record_type, &mut pools_seen, &mut |node| {
            member_rules(node, record, endpoints, checks, &mut reach, diagnostics)
        });
    }
    evaluate_without_health(endpoints, &mut reach, diagnostics);
}

/// Whether no record set of this record's own takes its TTL: every answer
/// is an alias, to an AWS resource or record (an alias endpoint) or to a
/// pool's generated name, whose sets have the pool's TTL. Pools are not
/// looked into.
fn ttl_unused(node: &ir::PolicyNode, endpoints: &ir::ByName<ir::Endpoint>) -> bool {
    let alias = |e: &str| {
        endpoints
            .get(e)
            .is_some_and(|e| matches!(e.answer, ir::Answer::Alias(_)))
    };
    match &node.policy {
        ir::RoutingPolicy::Endpoint(e) => alias(e),
        ir::RoutingPolicy::Multivalue(_) => false,
        ir::RoutingPolicy::Pool(p) => match &p.node.policy {
            // A pool of one endpoint is that endpoint's own set.
            ir::RoutingPolicy::Endpoint(e) => alias(e),
            _ => true,
        },
        other => other.children().all(|m| ttl_unused(m, endpoints)),
    }
}

/// Visits a routing tree; a pool's inside is visited the first time the
/// pool is met for this type (`pools`), so that a pool used by many records
/// is checked once per type.
fn visit_policies<'a>(
    node: &'a ir::PolicyNode,
    record_type: ir::RecordType,
    pools: &mut rustc_hash::FxHashSet<(&'a str, ir::RecordType)>,
    f: &mut impl FnMut(&'a ir::PolicyNode),
) {
    f(node);
    if let ir::RoutingPolicy::Pool(p) = &node.policy {
        if !pools.insert((&p.name, record_type)) {
            return;
        }
    }
    for member in node.policy.children() {
        visit_policies(member, record_type, pools, f);
    }
}

/// The rules about a policy's members taken together.
fn member_rules<'c>(
    node: &'c ir::PolicyNode,
    record: &ir::RecordSet,
    endpoints: &ir::ByName<ir::Endpoint>,
    checks: &ir::ByName<ir::HealthCheck>,
    reach: &mut HealthReach<'c>,
    diagnostics: &mut Diagnostics,
) {
    match &node.policy {
        ir::RoutingPolicy::Failover { primary, secondary } => {
            failover_rules(primary, secondary, record, endpoints, reach, diagnostics)
        }
        ir::RoutingPolicy::Weighted(_)
        | ir::RoutingPolicy::Multivalue(_)
        | ir::RoutingPolicy::Latency(_)
        | ir::RoutingPolicy::Geoproximity(_) => {
            shared_member_check(node, endpoints, checks, diagnostics)
        }
        _ => {}
    }
}

fn failover_rules<'c>(
    primary: &'c ir::PolicyNode,
    secondary: &'c ir::PolicyNode,
    record: &ir::RecordSet,
    endpoints: &ir::ByName<ir::Endpoint>,
    reach: &mut HealthReach<'c>,
    diagnostics: &mut Diagnostics,
) {
    let leaf = |n: &ir::PolicyNode| match &n.policy {
        ir::RoutingPolicy::Endpoint(e) => endpoints.get(e),
        _ => None,
    };
    if let Some(stay) = primary.stay() {
        diagnostics.push(messages::stay_disables_failover(stay, secondary.span));
    } else if !reach.member_can_fail(primary, true, record.record_type) {
        diagnostics.push(messages::primary_without_health_check(
            leaf(primary),
            primary.policy.keyword(),
            record.record_type,
            keyword_or_span(primary),
        ));
    }
    // The check each member actually has (a check written for the use
    // replaces the endpoint's; a nested member's is on its alias).
    if let (Some(pc), Some(sc)) = (
        member_check(primary, endpoints),
        member_check(secondary, endpoints),
    ) {
        if pc == sc {
            diagnostics.push(messages::shared_failover_check(
                pc,
                secondary.span,
                primary.span,
            ));
        }
    }
    if let (Some(p), Some(s)) = (leaf(primary), leaf(secondary)) {
        let cloudfront = |e: &ir::Endpoint| {
            matches!(&e.answer, ir::Answer::Alias(a)
                if a.kind == ir::AliasTargetKind::Aws(crate::aws::AliasKind::CloudFront))
        };
        // API reference, AliasTarget.DNSName: "For failover alias records,
        // you can't specify a CloudFront distribution for both the primary
        // and secondary records": both would need the record's name as an
        // alternate domain name, which only one distribution may have.
        if cloudfront(p) && cloudfront(s) {
            diagnostics.push(messages::both_cloudfront(secondary.span, primary.span));
        }
    }
}

/// The span to underline for a member: the endpoint name, or the nested
/// policy's keyword.
fn keyword_or_span(node: &ir::PolicyNode) -> Span {
    match &node.policy {
        ir::RoutingPolicy::Endpoint(_) => node.span,
        other => Span {
            end: node.span.start + other.keyword().len() as u32,
            ..node.span
        },
    }
}

/// The health check a routed member's record set actually has: for an
/// endpoint, the check written for the use or else the endpoint's
/// (none when `stay`); for a nested policy, the one on its alias.
fn member_check<'c>(
    member: &'c ir::PolicyNode,
    endpoints: &'c ir::ByName<ir::Endpoint>,
) -> Option<&'c str> {
    match &member.policy {
        ir::RoutingPolicy::Endpoint(e) => endpoints.get(e).and_then(|e| {
            semantics::member_health_check(e, member.use_check(), true, member.stays())
        }),
        _ => semantics::nested_member_check(member),
    }
}

/// One health check on every member of a policy that spreads or steers
/// traffic among its members: when one member dies the others' check (the
/// same check) does not notice, and Route 53 keeps answering with it
/// (Developer Guide, "How Amazon Route 53 chooses records when health
/// checking is configured": a record's health is its own health check's).
fn shared_member_check(
    node: &ir::PolicyNode,
    endpoints: &ir::ByName<ir::Endpoint>,
    checks: &ir::ByName<ir::HealthCheck>,
    diagnostics: &mut Diagnostics,
) {
    let members: Vec<(Option<&str>, Option<Span>)> = match &node.policy {
        ir::RoutingPolicy::Multivalue(names) => names
            .iter()
            .map(|n| {
                let use_check = node.endpoint_use_check(n);
                (
                    endpoints
                        .get(n)
                        .and_then(|e| semantics::member_health_check(e, use_check, true, false)),
                    None,
                )
            })
            .collect(),
        policy => policy
            .children()
            .map(|m| (member_check(m, endpoints), Some(m.span)))
            .collect(),
    };
    if members.len() < 2 {
        return;
    }
    let Some(first) = members[0].0 else { return };
    if !members.iter().all(|(c, _)| *c == Some(first)) {
        return;
    }
    let Some(check) = checks.get(first) else {
        return;
    };
    diagnostics.push(messages::shared_member_check(
        node.policy.keyword(),
        first,
        matches!(check.kind, ir::HealthCheckKind::Calculated { .. }),
        members.len(),
        keyword_or_span(node),
        check.span,
        members.get(1).and_then(|(_, s)| *s),
    ));
}

/// `evaluate_target_health` on an alias to a record of this zone that can
/// never be unhealthy: it changes nothing, and suggests a protection that is
/// not there (API reference, AliasTarget.EvaluateTargetHealth: the alias
/// inherits the health of the referenced record set, which is healthy when
/// it has no health check).
fn evaluate_without_health<'c>(
    endpoints: &'c ir::ByName<ir::Endpoint>,
    reach: &mut HealthReach<'c>,
    diagnostics: &mut Diagnostics,
) {
    for endpoint in endpoints.values() {
        let (Some(eth), ir::Answer::Alias(alias)) =
            (endpoint.evaluate_target_health(), &endpoint.answer)
        else {
            continue;
        };
        let (ir::AliasTargetKind::Record { record_type }, Some(name)) =
            (alias.kind.clone(), alias.record_name())
        else {
            continue;
        };
        // The aliased type; an untyped alias serves the record that routes
        // to it, so every type of that name counts.
        let types: Vec<ir::RecordType> = match record_type {
            Some(t) => vec![t],
            None => ir::RecordType::ALL.to_vec(),
        };
        if types.iter().any(|t| reach.record_can_fail(name, *t)) {
            continue;
        }
        diagnostics.push(messages::target_without_health(
            &endpoint.name,
            name,
            record_type,
            eth,
            endpoint.span,
        ));
    }
}
