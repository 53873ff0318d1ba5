//! Multivalue: address endpoints only, answered up to 8 at a time.

use super::{duplicate_endpoints, endpoint_leaf, keyword_span, Env};
use crate::check::{ir, messages};
use crate::diagnostic::Diagnostics;
use crate::syntax::ast::{self, PolicyKind};
use std::collections::BTreeMap;

/// A multivalue answer holds at most 8 healthy records.
/// The endpoints, and the set identifiers and checks written for them.
type MultivalueMembers = (
    Vec<String>,
    BTreeMap<String, ir::ChosenSetId>,
    BTreeMap<String, ir::UseCheck>,
);

const MULTIVALUE_ANSWERS: usize = 8;

pub(super) fn lower(
    p: &ast::Policy,
    members: &[ast::Policy],
    env: &Env,
    diagnostics: &mut Diagnostics,
) -> Option<MultivalueMembers> {
    let mut ok = duplicate_endpoints(members.iter(), "multivalue", diagnostics);
    let mut out = Vec::with_capacity(members.len());
    let mut ids = BTreeMap::new();
    let mut checks = BTreeMap::new();
    for m in members {
        if let Some(stay) = m.stay() {
            ok = false;
            diagnostics.push(messages::stay_in_multivalue(stay));
        }
        let PolicyKind::Endpoint(name) = &m.kind else {
            ok = false;
            diagnostics.push(messages::policy_in_multivalue(
                m.kind.keyword(),
                keyword_span(m),
            ));
            continue;
        };
        if let Some(pool) = env.symbols.pool(name) {
            ok = false;
            env.pools.mark_used(&name.name);
            diagnostics.push(messages::pool_in_multivalue(
                &name.name,
                name.span,
                pool.name.span,
            ));
            continue;
        }
        let Some(leaf) = endpoint_leaf(name, env, diagnostics) else {
            ok = false;
            continue;
        };
        let endpoint = &env.endpoints[&leaf];
        if !matches!(endpoint.answer, ir::Answer::Addresses { .. }) {
            ok = false;
            diagnostics.push(messages::multivalue_not_addresses(
                &name.name,
                name.span,
                endpoint.span,
            ));
            continue;
        }
        if let Some(id) = super::chosen_set_id(m, diagnostics) {
            ids.insert(leaf.clone(), id);
        }
        if let Some(check) = super::use_check(m, env, diagnostics) {
            checks.insert(leaf.clone(), check);
        }
        out.push(leaf);
    }
    if ok && out.len() > MULTIVALUE_ANSWERS {
        diagnostics.push(messages::multivalue_over_eight(
            out.len(),
            MULTIVALUE_ANSWERS,
            keyword_span(p),
        ));
    }
    out.sort();
    ok.then_some((out, ids, checks))
}
