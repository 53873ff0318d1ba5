//! Rules that need a whole routed record, or every record of the zone:
//! a TTL on an alias-only record, `stay` on a record's own policy, an alias
//! to a record the zone does not define, a health check that probes the
//! record it protects, failover that can never trigger, members that share
//! one health check, and `evaluate_target_health` on a target that is
//! always healthy.

use crate::check::{ir, CheckCode};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::semantics::{self, HealthReach};
use crate::source::Span;
use std::collections::BTreeMap;

pub(in crate::check) fn check_routed_records(
    records: &[ir::RecordSet],
    endpoints: &BTreeMap<String, ir::Endpoint>,
    checks: &BTreeMap<String, ir::HealthCheck>,
    _zone: &ir::Zone,
    diagnostics: &mut Diagnostics,
) {
    let existing: std::collections::HashSet<(&str, ir::RecordType)> = records
        .iter()
        .map(|r| (r.fqdn.as_str(), r.record_type))
        .collect();
    let mut reach = HealthReach::new(endpoints, records);
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
            diagnostics.push(
                Diagnostic::new(
                    CheckCode::AliasWithTtl,
                    record.span,
                    format!("record `{}` {} answers only with alias targets, which take their TTL from the target", record.name, record.record_type),
                )
                .label("TTL set on an alias-only record")
                .hint("remove `ttl`: Route 53 rejects a TTL on alias records"),
            );
        }
        let routed = semantics::is_routed(root);
        if let Some(stay) = root.stay {
            diagnostics.push(
                Diagnostic::new(
                    CheckCode::ConflictingSettings,
                    stay,
                    "`stay` applies to a member of a routing policy, not to a record's own policy",
                )
                .label("no policy around it")
                .hint("remove `stay`, or write it before a member: `continent EU => stay failover { ... }`"),
            );
        }
        for leaf in &leaves {
            let Some(endpoint) = endpoints.get(*leaf) else {
                continue;
            };
            if let ir::Answer::Alias(ir::AliasTarget {
                kind: ir::AliasTargetKind::Record { record_type },
                dns_name,
                ..
            }) = &endpoint.answer
            {
                let t = record_type.unwrap_or(record.record_type);
                if !existing.contains(&(dns_name.as_str(), t)) {
                    diagnostics.push(
                        Diagnostic::new(
                            CheckCode::UnknownReference,
                            endpoint.span,
                            format!("endpoint `{}` aliases {dns_name} {t}, which this zone does not define", endpoint.name),
                        )
                        .label("alias to a missing record")
                        .with_secondary(record.span, "used by this record")
                        .hint(format!("define `record ... {t}` at that name, or fix the alias")),
                    );
                }
            }
            if let Some(check) = endpoint.health_check.as_ref().and_then(|c| checks.get(c)) {
                if let ir::HealthCheckKind::Endpoint(probe) = &check.kind {
                    if routed
                        && probe.ip_address.is_none()
                        && probe.fqdn.as_deref() == Some(record.fqdn.as_str())
                    {
                        diagnostics.push(
                            Diagnostic::new(
                                CheckCode::CheckProtectsItself,
                                check.span,
                                format!("check `{}` probes {}, the very record it protects", check.name, record.fqdn),
                            )
                            .label("probes the routed name")
                            .with_secondary(record.span, "this record routes on it")
                            .hint("probe the endpoint itself (its own host name or IP address), not the name users resolve"),
                        );
                    }
                }
            }
        }
        visit_policies(root, &mut |node| {
            member_rules(node, record, endpoints, checks, &mut reach, diagnostics)
        });
    }
    evaluate_without_health(endpoints, &mut reach, diagnostics);
}

fn visit_policies<'a>(node: &'a ir::PolicyNode, f: &mut impl FnMut(&'a ir::PolicyNode)) {
    f(node);
    for (_, member) in node.policy.members() {
        visit_policies(member, f);
    }
}

/// The rules about a policy's members taken together.
fn member_rules<'c>(
    node: &'c ir::PolicyNode,
    record: &ir::RecordSet,
    endpoints: &BTreeMap<String, ir::Endpoint>,
    checks: &BTreeMap<String, ir::HealthCheck>,
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
    endpoints: &BTreeMap<String, ir::Endpoint>,
    reach: &mut HealthReach<'c>,
    diagnostics: &mut Diagnostics,
) {
    let leaf = |n: &ir::PolicyNode| match &n.policy {
        ir::RoutingPolicy::Endpoint(e) => endpoints.get(e),
        _ => None,
    };
    if let Some(stay) = primary.stay {
        diagnostics.push(
            Diagnostic::new(
                CheckCode::StayDisablesFailover,
                stay,
                "a failover primary marked `stay` is always healthy, so failover can never trigger",
            )
            .label("the primary is never skipped")
            .with_secondary(secondary.span, "never answered")
            .hint("remove `stay` from the primary; to keep clients in this branch when both are down, mark the whole failover policy `stay` where its parent uses it"),
        );
    } else if !reach.member_can_fail(primary, true, record.record_type) {
        let (message, label, hint) = match leaf(primary) {
            Some(p) => match &p.answer {
                ir::Answer::Alias(a) => match &a.kind {
                    ir::AliasTargetKind::Record { record_type } => (
                        format!(
                            "failover primary `{}` is an alias to {} {}, which has no health information, so failover can never trigger",
                            p.name,
                            a.dns_name,
                            record_type.unwrap_or(record.record_type)
                        ),
                        "always considered healthy",
                        "add `check NAME` to the endpoint, or health checks to the endpoints of the aliased record",
                    ),
                    _ => (
                        format!("failover primary `{}` has no health check, so failover can never trigger", p.name),
                        "always considered healthy",
                        "add `check NAME` to the endpoint: CloudFront targets cannot report their health",
                    ),
                },
                _ => (
                    format!("failover primary `{}` has no health check, so failover can never trigger", p.name),
                    "always considered healthy",
                    "add `check NAME` to the endpoint",
                ),
            },
            None => (
                format!(
                    "this failover primary (a {} policy) has no health information beneath it, so failover can never trigger",
                    primary.policy.keyword()
                ),
                "nothing beneath it can report unhealthy",
                "attach health checks to the endpoints beneath it (or use alias endpoints that evaluate target health)",
            ),
        };
        let mut d = Diagnostic::new(
            CheckCode::PrimaryWithoutHealthCheck,
            keyword_or_span(primary),
            message,
        )
        .label(label)
        .hint(hint);
        if let Some(p) = leaf(primary) {
            d = d.with_secondary(p.span, "endpoint defined here");
        }
        diagnostics.push(d);
    }
    if let (Some(p), Some(s)) = (leaf(primary), leaf(secondary)) {
        if let (Some(pc), Some(sc)) = (&p.health_check, &s.health_check) {
            if pc == sc && !primary.stays() && !secondary.stays() {
                diagnostics.push(
                    Diagnostic::new(
                        CheckCode::SharedFailoverCheck,
                        secondary.span,
                        format!("primary and secondary share the health check `{pc}`"),
                    )
                    .label("same check as the primary")
                    .with_secondary(primary.span, "primary")
                    .hint("when the primary is unhealthy so is the secondary, and Route 53 answers with the primary anyway; give each its own check"),
                );
            }
        }
        let cloudfront = |e: &ir::Endpoint| {
            matches!(&e.answer, ir::Answer::Alias(a)
                if a.kind == ir::AliasTargetKind::Aws(crate::aws::AliasKind::CloudFront))
        };
        // API reference, AliasTarget.DNSName: "For failover alias records,
        // you can't specify a CloudFront distribution for both the primary
        // and secondary records": both would need the record's name as an
        // alternate domain name, which only one distribution may have.
        if cloudfront(p) && cloudfront(s) {
            diagnostics.push(
                Diagnostic::new(
                    CheckCode::InvalidFailover,
                    secondary.span,
                    "the failover primary and secondary are both CloudFront distributions",
                )
                .label("CloudFront secondary")
                .with_secondary(primary.span, "CloudFront primary")
                .hint("Route 53 rejects this: both distributions would need this record's name as an alternate domain name, which one distribution may claim; use a non-CloudFront secondary (an S3 website bucket, a load balancer)"),
            );
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

/// One health check on every member of a policy that spreads or steers
/// traffic among its members: when one member dies the others' check (the
/// same check) does not notice, and Route 53 keeps answering with it
/// (Developer Guide, "How Amazon Route 53 chooses records when health
/// checking is configured": a record's health is its own health check's).
fn shared_member_check(
    node: &ir::PolicyNode,
    endpoints: &BTreeMap<String, ir::Endpoint>,
    checks: &BTreeMap<String, ir::HealthCheck>,
    diagnostics: &mut Diagnostics,
) {
    let members: Vec<(Option<&str>, Option<Span>)> = match &node.policy {
        ir::RoutingPolicy::Multivalue(names) => names
            .iter()
            .map(|n| {
                (
                    endpoints
                        .get(n)
                        .and_then(|e| semantics::member_health_check(e, true, false)),
                    None,
                )
            })
            .collect(),
        policy => policy
            .members()
            .into_iter()
            .map(|(_, m)| match &m.policy {
                ir::RoutingPolicy::Endpoint(e) => (
                    endpoints
                        .get(e)
                        .and_then(|e| semantics::member_health_check(e, true, m.stays())),
                    Some(m.span),
                ),
                _ => (None, None),
            })
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
    let what = match &check.kind {
        ir::HealthCheckKind::Calculated { .. } => {
            "a calculated check over all of them stays healthy while enough of the others are"
        }
        _ => "its status says nothing about any one member",
    };
    let mut d = Diagnostic::new(
        CheckCode::SharedMemberCheck,
        keyword_or_span(node),
        format!(
            "every member of this {} policy uses the health check `{first}`, so a member that dies is still answered",
            node.policy.keyword()
        ),
    )
    .label(match members.len() {
        2 => format!("both members share `{first}`"),
        n => format!("all {n} members share `{first}`"),
    })
    .with_secondary(check.span, format!("`{first}` defined here: {what}"))
    .hint("give each member's endpoint a check that probes that endpoint itself");
    if let Some(Some(span)) = members.get(1).map(|(_, s)| *s) {
        d = d.with_secondary(span, "for example this member");
    }
    diagnostics.push(d);
}

/// `evaluate_target_health` on an alias to a record of this zone that can
/// never be unhealthy: it changes nothing, and suggests a protection that is
/// not there (API reference, AliasTarget.EvaluateTargetHealth: the alias
/// inherits the health of the referenced record set, which is healthy when
/// it has no health check).
fn evaluate_without_health<'c>(
    endpoints: &'c BTreeMap<String, ir::Endpoint>,
    reach: &mut HealthReach<'c>,
    diagnostics: &mut Diagnostics,
) {
    for endpoint in endpoints.values() {
        let (Some(eth), ir::Answer::Alias(alias)) =
            (endpoint.evaluate_target_health, &endpoint.answer)
        else {
            continue;
        };
        let ir::AliasTargetKind::Record { record_type } = alias.kind else {
            continue;
        };
        // The aliased type; an untyped alias serves the record that routes
        // to it, so every type of that name counts.
        let types: Vec<ir::RecordType> = match record_type {
            Some(t) => vec![t],
            None => ir::RecordType::ALL.to_vec(),
        };
        if types
            .iter()
            .any(|t| reach.record_can_fail(&alias.dns_name, *t))
        {
            continue;
        }
        diagnostics.push(
            Diagnostic::new(
                CheckCode::TargetWithoutHealth,
                eth,
                format!(
                    "endpoint `{}` evaluates the health of {}{}, which has no health information",
                    endpoint.name,
                    alias.dns_name,
                    record_type.map(|t| format!(" {t}")).unwrap_or_default()
                ),
            )
            .label("changes nothing: the target is always healthy")
            .with_secondary(endpoint.span, "endpoint defined here")
            .hint("attach health checks to the endpoints the aliased record routes to, or remove `evaluate_target_health`"),
        );
    }
}
