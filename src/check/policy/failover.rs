//! Failover: one primary, one secondary.

use super::{keyword_span, lower_policy, Env};
use crate::check::{ir, messages};
use crate::diagnostic::Diagnostics;
use crate::syntax::ast::{self, FailoverRole};

pub(super) fn lower(
    p: &ast::Policy,
    members: &[ast::FailoverMember],
    env: &Env,
    depth: usize,
    diagnostics: &mut Diagnostics,
) -> Option<ir::RoutingPolicy> {
    let mut primary: Option<&ast::FailoverMember> = None;
    let mut secondary: Option<&ast::FailoverMember> = None;
    let mut ok = true;
    for m in members {
        let slot = match m.role.value {
            FailoverRole::Primary => &mut primary,
            FailoverRole::Secondary => &mut secondary,
        };
        if let Some(first) = slot {
            diagnostics.push(messages::second_failover_role(
                m.role.value,
                m.role.span,
                first.role.span,
            ));
            ok = false;
        } else {
            *slot = Some(m);
        }
    }
    for (role, slot) in [
        (FailoverRole::Primary, primary),
        (FailoverRole::Secondary, secondary),
    ] {
        if slot.is_none() {
            ok = false;
            diagnostics.push(messages::missing_failover_role(role, keyword_span(p)));
        }
    }
    let (Some(primary), Some(secondary)) = (primary, secondary) else {
        return None;
    };
    let lowered_primary = lower_policy(&primary.target, env, depth + 1, diagnostics);
    let lowered_secondary = lower_policy(&secondary.target, env, depth + 1, diagnostics);
    if !ok {
        return None;
    }
    Some(ir::RoutingPolicy::Failover {
        primary: Box::new(lowered_primary?),
        secondary: Box::new(lowered_secondary?),
    })
}
