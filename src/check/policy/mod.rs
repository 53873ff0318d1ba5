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
pub(super) mod pool;
mod weighted;
mod whole_record;

pub(super) use whole_record::check_routed_records;

use super::{ir, messages, Symbols};
use crate::diagnostic::Diagnostics;
use crate::source::Span;
use crate::syntax::ast::{self, PolicyKind};
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

/// Route 53 allows at most 100 record sets with one name and type.
const MAX_MEMBERS: usize = 100;

pub(super) struct Env<'a, 's> {
    pub symbols: &'a Symbols<'s>,
    pub regions: &'a BTreeMap<String, ir::Region>,
    pub endpoints: &'a ir::ByName<ir::Endpoint>,
    pub collections: &'a BTreeMap<String, ir::CidrCollection>,
    pub pools: &'a pool::Pools<'s>,
    /// `None` while lowering a pool, whose type comes from its uses.
    pub record_type: Option<ir::RecordType>,
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
    let mut member_set_ids = ir::MemberMap::default();
    let mut member_checks = ir::MemberMap::default();
    let policy = match &p.kind {
        PolicyKind::Endpoint(name) => match env.symbols.pool(name) {
            Some(def) => env.pools.use_pool(def, name, depth, env, diagnostics)?,
            None => ir::RoutingPolicy::Endpoint(endpoint_leaf(name, env, diagnostics)?),
        },
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
            let (names, ids, checks) = multivalue::lower(p, members, env, diagnostics)?;
            member_set_ids = ids.into();
            member_checks = checks.into();
            ir::RoutingPolicy::Multivalue(names)
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
    let check = use_check(p, env, diagnostics);
    let written = ir::NodeExtras {
        stay: p.stay(),
        set_id: chosen_set_id(p, diagnostics),
        member_set_ids,
        check,
        member_checks,
    };
    (!diagnostics.has_errors_since(mark)).then_some(ir::PolicyNode {
        policy,
        written: written.some().into(),
        span: p.span,
    })
}

/// The check written after a member (`check NAME [alone]`), resolved.
/// `stay` says the member has no health at all, so a check beside it
/// contradicts it; `alone` (the check instead of evaluate-target-health)
/// only means something on a nested policy, whose alias steer writes.
pub(super) fn use_check(
    p: &ast::Policy,
    env: &Env,
    diagnostics: &mut Diagnostics,
) -> Option<ir::UseCheck> {
    let c = p.check()?;
    env.symbols.check(&c.name, diagnostics)?;
    if let Some(stay) = p.stay() {
        diagnostics.push(messages::stay_with_use_check(stay, c.span));
    }
    if let (Some(alone), PolicyKind::Endpoint(_)) = (c.alone, &p.kind) {
        diagnostics.push(messages::alone_on_endpoint(alone));
    }
    Some(ir::UseCheck {
        name: c.name.name.clone(),
        alone: c.alone,
        span: c.span,
    })
}

/// The set identifier written after a member, if any and not empty.
pub(super) fn chosen_set_id(
    p: &ast::Policy,
    diagnostics: &mut Diagnostics,
) -> Option<ir::ChosenSetId> {
    let id = p.set_id()?;
    if id.value.is_empty() {
        diagnostics.push(messages::empty_set_id(id.span));
        return None;
    }
    Some(ir::ChosenSetId {
        value: id.value.clone(),
        span: id.span,
    })
}

fn endpoint_leaf(name: &ast::Ident, env: &Env, diagnostics: &mut Diagnostics) -> Option<String> {
    if env.symbols.pools.is_empty() {
        env.symbols.endpoint(name, diagnostics)?;
    } else if !env.symbols.endpoints.contains_key(name.name.as_str()) {
        pool::unknown_member(name, env.symbols, diagnostics);
        return None;
    }
    // An endpoint with errors of its own was already reported.
    let endpoint = env.endpoints.get(&name.name)?;
    if let Some(t) = env.record_type.filter(|t| !endpoint.answer.serves(*t)) {
        diagnostics.push(messages::record_type_mismatch(endpoint, t, name.span));
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
    let mut seen: FxHashMap<&str, Span> = FxHashMap::default();
    let mut ok = true;
    for m in members {
        if let PolicyKind::Endpoint(name) = &m.kind {
            if let Some(first) = seen.get(name.name.as_str()) {
                ok = false;
                diagnostics.push(messages::duplicate_member(
                    &name.name, kind, name.span, *first,
                ));
            } else {
                seen.insert(&name.name, name.span);
            }
        }
    }
    ok
}

fn member_count_rules(p: &ast::Policy, policy: &ir::RoutingPolicy, diagnostics: &mut Diagnostics) {
    let count = match policy {
        ir::RoutingPolicy::Endpoint(_)
        | ir::RoutingPolicy::Failover { .. }
        | ir::RoutingPolicy::Pool(_) => return,
        ir::RoutingPolicy::Multivalue(m) => m.len(),
        other => other.children().count(),
    };
    if count > MAX_MEMBERS {
        diagnostics.push(messages::too_many_members(
            policy.keyword(),
            count,
            MAX_MEMBERS,
            keyword_span(p),
        ));
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
            ir::RoutingPolicy::Cidr(cidr) => Some(cidr.rules.iter().all(|r| r.location.is_none())),
            _ => None,
        };
        if only_default == Some(false) {
            return;
        }
        diagnostics.push(messages::single_member(
            policy.keyword(),
            only_default == Some(true),
            keyword_span(p),
        ));
    }
}
