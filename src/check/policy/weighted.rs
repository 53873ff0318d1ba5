//! Weighted: weights 0 to 255, not all of them 0.

use super::{duplicate_endpoints, keyword_span, lower_policy, Env};
use crate::check::{ir, messages};
use crate::diagnostic::Diagnostics;
use crate::syntax::ast;

pub(super) fn lower(
    p: &ast::Policy,
    members: &[ast::WeightedMember],
    env: &Env,
    depth: usize,
    diagnostics: &mut Diagnostics,
) -> Option<Vec<ir::WeightedMember>> {
    let mut ok = duplicate_endpoints(members.iter().map(|m| &m.target), "weighted", diagnostics);
    let mut out = Vec::with_capacity(members.len());
    for m in members {
        let target = lower_policy(&m.target, env, depth + 1, diagnostics);
        let weight = match u8::try_from(m.weight.value) {
            Ok(w) => Some(w),
            Err(_) => {
                diagnostics.push(messages::weight_out_of_range(m.weight.value, m.weight.span));
                None
            }
        };
        match (target, weight) {
            (Some(target), Some(weight)) => out.push(ir::WeightedMember { weight, target }),
            _ => ok = false,
        }
    }
    if ok && !out.is_empty() && out.iter().all(|m| m.weight == 0) {
        diagnostics.push(messages::all_weights_zero(keyword_span(p)));
    }
    out.sort_by_key(|m| m.target.label());
    ok.then_some(out)
}
