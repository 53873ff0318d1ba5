//! Failover: one primary, one secondary.

use super::{keyword_span, lower_policy, Env};
use crate::check::{ir, CheckCode};
use crate::diagnostic::{Diagnostic, Diagnostics};
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
            let role = if m.role.value == FailoverRole::Primary {
                "primary"
            } else {
                "secondary"
            };
            diagnostics.push(
                Diagnostic::new(CheckCode::InvalidFailover, m.role.span, format!("a failover policy can have only one {role}"))
                    .label(format!("second {role}"))
                    .with_secondary(first.role.span, format!("first {role}"))
                    .hint("to spread load over several targets, make the member a `weighted` or `multivalue` policy"),
            );
            ok = false;
        } else {
            *slot = Some(m);
        }
    }
    for (role, slot) in [("primary", primary), ("secondary", secondary)] {
        if slot.is_none() {
            ok = false;
            diagnostics.push(
                Diagnostic::new(
                    CheckCode::InvalidFailover,
                    keyword_span(p),
                    format!("this failover policy has no {role}"),
                )
                .label(format!("missing `{role}`"))
                .hint("write `failover { primary MAIN  secondary STANDBY }`"),
            );
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
