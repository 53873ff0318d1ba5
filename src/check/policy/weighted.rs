//! Weighted: weights 0 to 255, not all of them 0.

use super::{duplicate_endpoints, keyword_span, lower_policy, Env};
use crate::check::{ir, CheckCode};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::syntax::ast;

pub(super) fn lower(
    p: &ast::Policy,
    members: &[ast::WeightedMember],
    env: &Env,
    depth: usize,
    diagnostics: &mut Diagnostics,
) -> Option<Vec<ir::WeightedMember>> {
    let mut ok = duplicate_endpoints(members.iter().map(|m| &m.target), "weighted", diagnostics);
    let mut out = Vec::new();
    for m in members {
        let target = lower_policy(&m.target, env, depth + 1, diagnostics);
        let weight = match u8::try_from(m.weight.value) {
            Ok(w) => Some(w),
            Err(_) => {
                diagnostics.push(
                    Diagnostic::new(
                        CheckCode::OutOfRange,
                        m.weight.span,
                        format!(
                            "weight {} is out of range: Route 53 accepts 0 to 255",
                            m.weight.value
                        ),
                    )
                    .label("out of range")
                    .hint("weights are relative: 90 and 10 send 90% and 10% of answers"),
                );
                None
            }
        };
        match (target, weight) {
            (Some(target), Some(weight)) => out.push(ir::WeightedMember { weight, target }),
            _ => ok = false,
        }
    }
    if ok && !out.is_empty() && out.iter().all(|m| m.weight == 0) {
        diagnostics.push(
            Diagnostic::new(CheckCode::AllWeightsZero, keyword_span(p), "every member of this weighted policy has weight 0")
                .label("all zero")
                .hint("Route 53 then answers with every member equally; give the members that should get traffic a weight above 0 (weight 0 is for standbys)"),
        );
    }
    out.sort_by_key(|m| m.target.label());
    ok.then_some(out)
}
