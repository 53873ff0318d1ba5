//! Latency: one member per AWS region, in a region Route 53's latency
//! records accept.

use super::{keyword_span, lower_policy, Env};
use crate::check::ir;
use crate::check::messages::{self, AwsCodeAt, LatencyMember};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::source::Span;
use crate::syntax::ast::{self, PolicyKind};
use rustc_hash::FxHashMap;

pub(super) fn lower(
    members: &[ast::LatencyMember],
    env: &Env,
    depth: usize,
    diagnostics: &mut Diagnostics,
) -> Option<Vec<ir::LatencyMember>> {
    let mut seen: FxHashMap<String, Span> = FxHashMap::default();
    let mut out = Vec::with_capacity(members.len());
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
            diagnostics.push(messages::duplicate_latency_region(&aws, m.span, *first));
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
    let partition_has_one = crate::aws::latency_regions()
        .iter()
        .any(|r| crate::aws::partition_of(r) == Some(partition));
    // Point at where the AWS code was written: the region's `aws "..."`
    // (the member's `REGION =>` or the endpoint's `region`), else the
    // endpoint whose alias target carries it.
    let aws_code_span = |region: &str| {
        env.symbols
            .regions
            .get(region)
            .and_then(|def| def.aws.as_ref())
            .filter(|code| code.value == aws)
            .map(|code| AwsCodeAt::Region(code.span))
    };
    let (span, member, code_at) = match (&m.region, &m.target.kind) {
        (Some(r), _) => (
            r.span,
            LatencyMember::Region(&r.name),
            aws_code_span(&r.name),
        ),
        (None, PolicyKind::Endpoint(name)) => {
            let endpoint = env.endpoints.get(&name.name);
            let from_region = endpoint.and_then(|e| e.region()).and_then(aws_code_span);
            let from_endpoint = endpoint.map(|e| AwsCodeAt::Endpoint(&name.name, e.span));
            (
                name.span,
                LatencyMember::Endpoint(&name.name),
                from_region.or(from_endpoint),
            )
        }
        (None, _) => (keyword_span(&m.target), LatencyMember::Nested, None),
    };
    messages::not_a_latency_region(
        aws,
        (!partition_has_one).then_some(partition),
        member,
        code_at,
        span,
    )
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
            if let Some(own) = env.endpoints.get(&name.name).and_then(|e| e.aws_region()) {
                if own != aws.as_str() {
                    diagnostics.push(messages::member_region_differs(
                        &r.name, aws, &name.name, own, r.span, name.span,
                    ));
                    return None;
                }
            }
        }
        return match &region.aws {
            Some(aws) => Some((r.name.clone(), aws.clone())),
            None => {
                diagnostics.push(messages::latency_region_without_aws(
                    &r.name,
                    r.span,
                    region.span,
                ));
                None
            }
        };
    }
    if let PolicyKind::Endpoint(name) = &m.target.kind {
        let endpoint = env.endpoints.get(&name.name)?;
        return match endpoint.aws_region() {
            Some(aws) => Some((
                endpoint.region().unwrap_or(aws).to_string(),
                aws.to_string(),
            )),
            None => {
                diagnostics.push(messages::latency_endpoint_without_region(
                    &name.name,
                    name.span,
                    endpoint.span,
                ));
                None
            }
        };
    }
    diagnostics.push(messages::nested_latency_without_region(
        m.target.kind.keyword(),
        keyword_span(&m.target),
    ));
    None
}
