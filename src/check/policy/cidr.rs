//! CIDR (IP-based) routing: locations of a CIDR collection, each routed
//! once, and a `default` for everyone else. The collections themselves are
//! checked in `check::cidr_collections`.

use super::{keyword_span, lower_policy, Env};
use crate::check::{ir, messages, resolve};
use crate::diagnostic::Diagnostics;
use crate::source::Span;
use crate::syntax::ast;
use rustc_hash::FxHashMap;

pub(super) fn lower(
    p: &ast::Policy,
    collection: &ast::Ident,
    rules: &[ast::CidrRule],
    env: &Env,
    depth: usize,
    diagnostics: &mut Diagnostics,
) -> Option<ir::RoutingPolicy> {
    let def = env.symbols.collection(collection, diagnostics);
    let lowered = env.collections.get(&collection.name);
    let mut ok = def.is_some() && lowered.is_some();
    // The collection's locations by name, built once for all rules.
    let locations: Option<FxHashMap<&str, &ast::CidrLocationDef>> = def.map(|def| {
        def.locations
            .iter()
            .map(|l| (l.name.name.as_str(), l))
            .collect()
    });
    let mut seen: FxHashMap<Option<String>, Span> = FxHashMap::default();
    let mut out = Vec::with_capacity(rules.len());
    for rule in rules {
        let target = lower_policy(&rule.target, env, depth + 1, diagnostics);
        if let (Some(loc), Some(table)) = (&rule.location, &locations) {
            if resolve(table, loc, "CIDR location", diagnostics).is_none() {
                ok = false;
                continue;
            }
        }
        let key = rule.location.as_ref().map(|l| l.name.clone());
        if let Some(first) = seen.get(&key) {
            ok = false;
            diagnostics.push(messages::duplicate_cidr_rule(
                key.as_deref().unwrap_or("default"),
                rule.location_span,
                *first,
            ));
            continue;
        }
        seen.insert(key.clone(), rule.location_span);
        match target {
            Some(target) => out.push(ir::CidrRule {
                location: key,
                target,
            }),
            None => ok = false,
        }
    }
    if ok && !seen.contains_key(&None) {
        diagnostics.push(messages::cidr_without_default(keyword_span(p)));
    }
    out.sort_by(|a, b| a.location.cmp(&b.location));
    ok.then(|| {
        ir::RoutingPolicy::Cidr(Box::new(ir::CidrPolicy {
            collection: collection.name.clone(),
            rules: out,
        }))
    })
}
