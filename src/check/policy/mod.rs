//! Routing policies: a record's routing tree, resolved and checked
//! against Route 53's rules for each kind of policy.
//!
//! [`lower_policy`] lowers one node and dispatches on its kind; each kind
//! has a file of its own (`failover`, `latency`, `geolocation`,
//! `weighted`, `multivalue`, `geoproximity`, `cidr`), which lowers its
//! members by calling [`lower_policy`] again. What is shared by every kind
//! is here: endpoint leaves, the same endpoint listed twice, and the member
//! count rules (`too-many-members`, `single-member`). The rules that need a
//! whole routed record (TTL on aliases, failover that can never trigger,
//! health checks that probe what they protect) are in `whole_record`.

mod cidr;
mod failover;
mod geolocation;
mod geoproximity;
mod latency;
mod multivalue;
mod weighted;
mod whole_record;

pub(super) use whole_record::check_routed_records;

use super::{ir, CheckCode, Symbols};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::source::Span;
use crate::syntax::ast::{self, PolicyKind};
use std::collections::{BTreeMap, HashMap};

/// Route 53 allows at most 100 record sets with one name and type.
const MAX_MEMBERS: usize = 100;

pub(super) struct Env<'a, 's> {
    pub symbols: &'a Symbols<'s>,
    pub regions: &'a BTreeMap<String, ir::Region>,
    pub endpoints: &'a BTreeMap<String, ir::Endpoint>,
    pub collections: &'a BTreeMap<String, ir::CidrCollection>,
    pub record_type: ir::RecordType,
}

/// The span of a policy's keyword, for messages about the whole policy
/// (underlining a whole nested block would hide the point).
fn keyword_span(p: &ast::Policy) -> Span {
    let len = match &p.kind {
        PolicyKind::Endpoint(i) => i.name.len(),
        other => other.keyword().len(),
    };
    Span {
        end: p.span.start + len as u32,
        ..p.span
    }
}

pub(super) fn lower_policy(
    p: &ast::Policy,
    env: &Env,
    depth: usize,
    diagnostics: &mut Diagnostics,
) -> Option<ir::PolicyNode> {
    let mark = diagnostics.mark();
    let policy = match &p.kind {
        PolicyKind::Endpoint(name) => {
            ir::RoutingPolicy::Endpoint(endpoint_leaf(name, env, diagnostics)?)
        }
        PolicyKind::Failover(members) => failover::lower(p, members, env, depth, diagnostics)?,
        PolicyKind::Latency(members) => {
            ir::RoutingPolicy::Latency(latency::lower(members, env, depth, diagnostics)?)
        }
        PolicyKind::Geolocation(rules) => {
            ir::RoutingPolicy::Geolocation(geolocation::lower(p, rules, env, depth, diagnostics)?)
        }
        PolicyKind::Weighted(members) => {
            ir::RoutingPolicy::Weighted(weighted::lower(p, members, env, depth, diagnostics)?)
        }
        PolicyKind::Multivalue(members) => {
            ir::RoutingPolicy::Multivalue(multivalue::lower(p, members, env, diagnostics)?)
        }
        PolicyKind::Geoproximity(members) => ir::RoutingPolicy::Geoproximity(geoproximity::lower(
            p,
            members,
            env,
            depth,
            diagnostics,
        )?),
        PolicyKind::Cidr { collection, rules } => {
            cidr::lower(p, collection, rules, env, depth, diagnostics)?
        }
    };
    member_count_rules(p, &policy, diagnostics);
    (!diagnostics.has_errors_since(mark)).then_some(ir::PolicyNode {
        policy,
        stay: p.stay,
        span: p.span,
    })
}

fn endpoint_leaf(name: &ast::Ident, env: &Env, diagnostics: &mut Diagnostics) -> Option<String> {
    env.symbols.endpoint(name, diagnostics)?;
    // An endpoint with errors of its own was already reported.
    let endpoint = env.endpoints.get(&name.name)?;
    if !endpoint.answer.serves(env.record_type) {
        let has = match &endpoint.answer {
            ir::Answer::Addresses { v4, v6 } => match (v4.is_empty(), v6.is_empty()) {
                (false, true) => "only IPv4 addresses (A)".to_string(),
                (true, false) => "only IPv6 addresses (AAAA)".to_string(),
                _ => "addresses".to_string(),
            },
            ir::Answer::Cname(_) => "a CNAME target".to_string(),
            ir::Answer::Alias(a) => match &a.kind {
                ir::AliasTargetKind::Record {
                    record_type: Some(t),
                } => format!("an alias to a {t} record"),
                _ => "an alias target (A/AAAA)".to_string(),
            },
        };
        let hint = match (&endpoint.answer, env.record_type) {
            (ir::Answer::Cname(_), _) => {
                "a CNAME endpoint can only serve a CNAME record: `record NAME CNAME = ...`"
            }
            (ir::Answer::Addresses { .. }, ir::RecordType::A) => {
                "add IPv4 addresses with `a [...]`, or route an AAAA record"
            }
            (ir::Answer::Addresses { .. }, ir::RecordType::Aaaa) => {
                "add IPv6 addresses with `aaaa [...]`, or route an A record"
            }
            _ => "route a record of a type this endpoint can answer",
        };
        diagnostics.push(
            Diagnostic::new(
                CheckCode::RecordTypeMismatch,
                name.span,
                format!(
                    "endpoint `{}` cannot answer {} {} record: it has {has}",
                    name.name,
                    article(env.record_type),
                    env.record_type
                ),
            )
            .label(format!(
                "not {} {} answer",
                article(env.record_type),
                env.record_type
            ))
            .with_secondary(endpoint.span, "endpoint defined here")
            .hint(hint),
        );
        return None;
    }
    Some(name.name.clone())
}

/// The same endpoint twice in one policy would give Route 53 two record
/// sets with the same set identifier; say so where it was written.
fn duplicate_endpoints<'p>(
    members: impl Iterator<Item = &'p ast::Policy>,
    kind: &str,
    diagnostics: &mut Diagnostics,
) -> bool {
    let mut seen: HashMap<&str, Span> = HashMap::new();
    let mut ok = true;
    for m in members {
        if let PolicyKind::Endpoint(name) = &m.kind {
            if let Some(first) = seen.get(name.name.as_str()) {
                ok = false;
                diagnostics.push(
                    Diagnostic::new(
                        CheckCode::DuplicateDefinition,
                        name.span,
                        format!(
                            "endpoint `{}` is a member of this {kind} policy twice",
                            name.name
                        ),
                    )
                    .label("listed again here")
                    .with_secondary(*first, "first listed here")
                    .hint("list each endpoint once; to give it more weight, raise its weight"),
                );
            } else {
                seen.insert(&name.name, name.span);
            }
        }
    }
    ok
}

/// "an A", "an AAAA", "a CNAME": the article as the type is read aloud.
fn article(t: ir::RecordType) -> &'static str {
    match t {
        ir::RecordType::A | ir::RecordType::Aaaa | ir::RecordType::Mx | ir::RecordType::Ns => "an",
        _ => "a",
    }
}

fn member_count_rules(p: &ast::Policy, policy: &ir::RoutingPolicy, diagnostics: &mut Diagnostics) {
    let count = match policy {
        ir::RoutingPolicy::Endpoint(_) | ir::RoutingPolicy::Failover { .. } => return,
        ir::RoutingPolicy::Multivalue(m) => m.len(),
        other => other.members().len(),
    };
    if count > MAX_MEMBERS {
        diagnostics.push(
            Diagnostic::new(
                CheckCode::TooManyMembers,
                keyword_span(p),
                format!("this {} policy has {count} members; Route 53 allows at most 100 records per name and type", policy.keyword()),
            )
            .label("too many members")
            .hint("group members into nested policies"),
        );
    } else if count == 1 {
        // One member routes nothing when every client gets its answer: a
        // latency, weighted, multivalue or geoproximity member, or a
        // geolocation or CIDR rule that is `default`. A single geolocation
        // or CIDR rule for a location still decides who gets an answer
        // (clients elsewhere get none, which `no-default-location` reports),
        // so it is not reported here.
        let only_default = match policy {
            ir::RoutingPolicy::Geolocation(rules) => {
                Some(rules.iter().all(|r| r.location == ir::GeoLocation::Default))
            }
            ir::RoutingPolicy::Cidr { rules, .. } => {
                Some(rules.iter().all(|r| r.location.is_none()))
            }
            _ => None,
        };
        let message = match only_default {
            Some(false) => return,
            Some(true) => format!(
                "this {} policy has only a `default` rule, which answers every client: it routes nothing",
                policy.keyword()
            ),
            None => format!(
                "this {} policy has a single member, which answers every client: it routes nothing",
                policy.keyword()
            ),
        };
        diagnostics.push(
            Diagnostic::new(CheckCode::SingleMember, keyword_span(p), message)
                .label(if only_default == Some(true) {
                    "only `default`"
                } else {
                    "one member"
                })
                .hint(
                    "point the record at the member directly, or add the members that are missing",
                ),
        );
    }
}
