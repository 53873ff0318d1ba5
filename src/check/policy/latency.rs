//! Latency: one member per AWS region, in a region Route 53's latency
//! records accept.

use super::{keyword_span, lower_policy, Env};
use crate::check::{ir, CheckCode};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::source::Span;
use crate::syntax::ast::{self, PolicyKind};
use std::collections::HashMap;

pub(super) fn lower(
    members: &[ast::LatencyMember],
    env: &Env,
    depth: usize,
    diagnostics: &mut Diagnostics,
) -> Option<Vec<ir::LatencyMember>> {
    let mut seen: HashMap<String, Span> = HashMap::new();
    let mut out = Vec::new();
    let mut ok = true;
    for m in members {
        let target = lower_policy(&m.target, env, depth + 1, diagnostics);
        let region = latency_region(m, env, diagnostics);
        let (Some(target), Some((region, aws))) = (target, region) else {
            ok = false;
            continue;
        };
        if let Some(first) = seen.get(&aws) {
            ok = false;
            diagnostics.push(
                Diagnostic::new(
                    CheckCode::DuplicateLatencyRegion,
                    m.span,
                    format!("two members of this latency policy are in {aws}"),
                )
                .label(format!("also in {aws}"))
                .with_secondary(*first, format!("first member in {aws}"))
                .hint("Route 53 picks one record per region; put both behind one member (e.g. `weighted` or `failover`)"),
            );
            continue;
        }
        seen.insert(aws.clone(), m.span);
        out.push(ir::LatencyMember {
            region,
            aws_region: aws,
            target,
        });
    }
    out.sort_by(|a, b| a.aws_region.cmp(&b.aws_region));
    ok.then_some(out)
}

/// (steer region name or endpoint name, AWS region code) of a latency member.
fn latency_region(
    m: &ast::LatencyMember,
    env: &Env,
    diagnostics: &mut Diagnostics,
) -> Option<(String, String)> {
    let (name, aws) = latency_region_code(m, env, diagnostics)?;
    if crate::aws::is_latency_region(&aws) {
        return Some((name, aws));
    }
    diagnostics.push(not_a_latency_region(m, env, &aws));
    None
}

/// A latency record's `Region` must be one of the values of the API's
/// `ResourceRecordSetRegion` enum (Route 53 API reference,
/// `ResourceRecordSet`, "Region ... Valid Values"; data/route53-api-regions.json).
/// The ISO partitions are AWS regions but not among them, so Route 53 (and
/// `terraform validate`, which checks the same enum) rejects such a record.
fn not_a_latency_region(m: &ast::LatencyMember, env: &Env, aws: &str) -> Diagnostic {
    let partition = crate::aws::partition_of(aws).unwrap_or("unknown");
    let message =
        format!("`{aws}` cannot be a latency region: Route 53 latency records do not accept it");
    let hint = if crate::aws::latency_regions()
        .iter()
        .any(|r| crate::aws::partition_of(r) == Some(partition))
    {
        format!("Route 53's latency `Region` values do not include {aws}; use a region it lists")
    } else {
        format!(
            "Route 53's latency `Region` values include no region of the {partition} partition, \
             so latency routing cannot answer with this member; route to it with another policy \
             (e.g. `weighted` or `failover`)"
        )
    };
    // Point at where the AWS code was written: the region's `aws "..."`
    // (the member's `REGION =>` or the endpoint's `region`), else the
    // endpoint whose alias target carries it.
    let aws_code_span = |region: &str| {
        env.symbols
            .regions
            .get(region)
            .and_then(|def| def.aws.as_ref())
            .filter(|code| code.value == aws)
            .map(|code| code.span)
    };
    let (span, label, secondary) = match (&m.region, &m.target.kind) {
        (Some(r), _) => (
            r.span,
            format!("`{}` is {aws}", r.name),
            aws_code_span(&r.name).map(|s| (s, format!("{aws} given here"))),
        ),
        (None, PolicyKind::Endpoint(name)) => {
            let endpoint = env.endpoints.get(&name.name);
            let from_region = endpoint
                .and_then(|e| e.region.as_deref())
                .and_then(aws_code_span)
                .map(|s| (s, format!("{aws} given here")));
            let from_endpoint =
                endpoint.map(|e| (e.span, format!("endpoint `{}` is in {aws}", name.name)));
            (
                name.span,
                format!("`{}` is in {aws}", name.name),
                from_region.or(from_endpoint),
            )
        }
        (None, _) => (keyword_span(&m.target), format!("in {aws}"), None),
    };
    let d = Diagnostic::new(CheckCode::UnsupportedAwsRegion, span, message)
        .label(label)
        .hint(hint);
    match secondary {
        Some((s, text)) => d.with_secondary(s, text),
        None => d,
    }
}

/// The member's (steer name, AWS region code) as written, before the code
/// is checked against the latency region list.
fn latency_region_code(
    m: &ast::LatencyMember,
    env: &Env,
    diagnostics: &mut Diagnostics,
) -> Option<(String, String)> {
    if let Some(r) = &m.region {
        env.symbols.region(r, diagnostics)?;
        let region = env.regions.get(&r.name)?;
        // A region written for an endpoint member must agree with the
        // endpoint's own: Route 53 would otherwise route by a region the
        // endpoint is not in.
        if let (PolicyKind::Endpoint(name), Some(aws)) = (&m.target.kind, &region.aws) {
            if let Some(own) = env
                .endpoints
                .get(&name.name)
                .and_then(|e| e.aws_region.as_ref())
            {
                if own != aws {
                    diagnostics.push(
                        Diagnostic::new(
                            CheckCode::ConflictingSettings,
                            r.span,
                            format!(
                                "this member is routed as {aws}, but endpoint `{}` is in {own}",
                                name.name
                            ),
                        )
                        .label(format!("{aws} here"))
                        .with_secondary(name.span, format!("in {own}"))
                        .hint(format!(
                            "drop `{} =>`: an endpoint member answers for its own region",
                            r.name
                        )),
                    );
                    return None;
                }
            }
        }
        return match &region.aws {
            Some(aws) => Some((r.name.clone(), aws.clone())),
            None => {
                diagnostics.push(
                    Diagnostic::new(
                        CheckCode::MissingRegion,
                        r.span,
                        format!(
                            "region `{}` has no AWS region, which latency routing needs",
                            r.name
                        ),
                    )
                    .label("no `aws` code")
                    .with_secondary(region.span, "region defined here")
                    .hint("add `aws \"...\"` to the region"),
                );
                None
            }
        };
    }
    if let PolicyKind::Endpoint(name) = &m.target.kind {
        let endpoint = env.endpoints.get(&name.name)?;
        return match &endpoint.aws_region {
            Some(aws) => Some((
                endpoint.region.clone().unwrap_or_else(|| aws.clone()),
                aws.clone(),
            )),
            None => {
                diagnostics.push(
                    Diagnostic::new(
                        CheckCode::MissingRegion,
                        name.span,
                        format!(
                            "endpoint `{}` has no AWS region, which latency routing needs",
                            name.name
                        ),
                    )
                    .label("no region")
                    .with_secondary(endpoint.span, "endpoint defined here")
                    .hint("add `region NAME` to the endpoint, naming a region with an `aws` code"),
                );
                None
            }
        };
    }
    diagnostics.push(
        Diagnostic::new(
            CheckCode::MissingRegion,
            keyword_span(&m.target),
            "a nested policy in a latency policy needs the region it answers for",
        )
        .label("which region?")
        .hint(format!(
            "write `REGION => {} {{ ... }}`",
            m.target.kind.keyword()
        )),
    );
    None
}
