//! Calculated checks: `all`, `any` and `at_least` over other checks, with
//! Route 53's limits on children and thresholds, and the calculations that
//! can never fail.

use crate::check::messages::{self, AlwaysHealthy};
use crate::check::{ir, Symbols};
use crate::diagnostic::Diagnostics;
use crate::source::Span;
use crate::syntax::ast::{self, CalcFunction};
use rustc_hash::FxHashMap;
use std::collections::{HashMap, HashSet};

/// `ChildHealthChecks` holds at most 256 ids; `HealthThreshold` is 0 to 256.
const MAX_CHILDREN: usize = 256;
const MAX_HEALTH_THRESHOLD: i64 = 256;

pub(super) fn lower_calculation(
    def: &ast::CheckDef,
    calc: &ast::Calculation,
    symbols: &Symbols,
    free_checks: &FreeChecks,
    diagnostics: &mut Diagnostics,
) -> ir::HealthCheckKind {
    let name = &def.name.name;
    let mut seen: HashMap<&str, Span> = HashMap::new();
    for child in &calc.children {
        if let Some(&first) = seen.get(child.name.as_str()) {
            diagnostics.push(messages::duplicate_child(
                &child.name,
                name,
                child.span,
                first,
            ));
            continue;
        }
        seen.insert(&child.name, child.span);
        if child.name == *name {
            diagnostics.push(messages::check_lists_itself(
                name,
                child.span,
                def.name.span,
            ));
            continue;
        }
        // Unknown names are reported by the lookup, with a suggestion.
        symbols.check(child, diagnostics);
    }
    let count = seen.len();
    let mut children: Vec<String> = seen.into_keys().map(str::to_string).collect();
    children.sort();

    if count == 0 {
        diagnostics.push(messages::calculation_without_children(name, calc.span));
    }
    if count > MAX_CHILDREN {
        diagnostics.push(messages::too_many_children(
            name,
            count,
            MAX_CHILDREN,
            calc.span,
        ));
    }

    let function = calc.function.value;
    let threshold = match (function, &calc.threshold) {
        (CalcFunction::AtLeast, Some(n)) => {
            if !(0..=MAX_HEALTH_THRESHOLD).contains(&n.value) {
                diagnostics.push(messages::health_threshold_out_of_range(
                    n.value,
                    MAX_HEALTH_THRESHOLD,
                    n.span,
                ));
                0
            } else {
                if count > 0 && n.value as usize > count {
                    diagnostics.push(messages::threshold_above_children(
                        n.value, name, count, n.span,
                    ));
                }
                n.value as u32
            }
        }
        (CalcFunction::AtLeast, None) => {
            let written: Vec<&str> = calc.children.iter().map(|c| c.name.as_str()).collect();
            diagnostics.push(messages::at_least_without_count(
                &written,
                calc.function.span,
            ));
            0
        }
        (CalcFunction::All | CalcFunction::Any, Some(n)) => {
            diagnostics.push(messages::count_without_at_least(
                function == CalcFunction::All,
                n.value,
                n.span,
                calc.function.span,
            ));
            0
        }
        (CalcFunction::All, None) => count as u32,
        (CalcFunction::Any, None) => 1,
    };
    let threshold_is_valid = match (function, &calc.threshold) {
        (CalcFunction::AtLeast, Some(n)) => (0..=MAX_HEALTH_THRESHOLD).contains(&n.value),
        (CalcFunction::All | CalcFunction::Any, None) => true,
        _ => false,
    };
    // An inverted calculation reports the opposite; what it cannot do is
    // then be healthy, which is another question.
    if threshold_is_valid && count > 0 && def.rare().inverted.is_none() {
        cannot_fail(def, calc, threshold, free_checks, diagnostics);
    }
    ir::HealthCheckKind::Calculated {
        children,
        threshold,
    }
}

/// What a calculated check needs to know of the zone's checks, which may
/// be its children, once their trees are freed: those that count as
/// healthy on their own ([`free_health`]), by name (the first definition
/// of each name).
pub(in crate::check) struct FreeChecks<'a>(FxHashMap<&'a str, FreeHealth>);

impl<'a> FreeChecks<'a> {
    /// Of the zone's `checks` (every definition, in any order).
    pub(in crate::check) fn of<'d>(
        checks: impl Iterator<Item = &'d ast::CheckDef>,
        symbols: &Symbols<'a>,
    ) -> Self {
        FreeChecks(
            checks
                .filter_map(|def| {
                    let (name, first) = symbols.checks.get_key_value(def.name.name.as_str())?;
                    let free = free_health(def).filter(|_| *first == def.name.span)?;
                    Some((*name, free))
                })
                .collect(),
        )
    }
}

/// Why a child of a calculated check is counted as healthy without a
/// probe saying so.
#[derive(Clone, Copy)]
enum FreeHealth {
    /// Always: a disabled check, or `at_least(0, ...)`.
    Always(Span, AlwaysHealthy),
    /// While its CloudWatch alarm has insufficient data.
    WithoutData(Span),
}

/// How a child check counts in a calculation regardless of what it
/// watches, per the API reference (`HealthCheckConfig`): `Disabled` —
/// "Route 53 considers the status of the health check to always be
/// healthy"; `HealthThreshold` — "If you specify 0, Route 53 always considers
/// this health check to be healthy"; `InsufficientDataHealthStatus` —
/// `Healthy`: "Route 53 considers the health check to be healthy" while
/// CloudWatch has insufficient data. An inverted child reports the
/// opposite, so it is left out.
fn free_health(child: &ast::CheckDef) -> Option<FreeHealth> {
    if child.rare().inverted.is_some() {
        return None;
    }
    if let Some(span) = child.rare().disabled {
        return Some(FreeHealth::Always(span, AlwaysHealthy::Disabled));
    }
    if let Some(calc) = &child.rare().calculation {
        if child.probe.is_none()
            && child.rare().alarm.is_none()
            && child.rare().recovery_control.is_none()
        {
            if let (CalcFunction::AtLeast, Some(n)) = (calc.function.value, &calc.threshold) {
                if n.value == 0 {
                    return Some(FreeHealth::Always(n.span, AlwaysHealthy::ThresholdZero));
                }
            }
        }
    }
    let only_alarm = child.probe.is_none()
        && child.rare().calculation.is_none()
        && child.rare().recovery_control.is_none();
    match (&child.rare().alarm, &child.rare().insufficient_data) {
        (Some(_), Some(status)) if only_alarm && status.name == "healthy" => {
            Some(FreeHealth::WithoutData(status.span))
        }
        _ => None,
    }
}

/// `check-cannot-fail`: a (not inverted) calculated check that is healthy
/// whatever its other children report: threshold 0, or at least `threshold`
/// children that count as healthy on their own ([`free_health`]).
fn cannot_fail(
    def: &ast::CheckDef,
    calc: &ast::Calculation,
    threshold: u32,
    free_checks: &FreeChecks,
    diagnostics: &mut Diagnostics,
) {
    let name = &def.name.name;
    if threshold == 0 {
        let Some(n) = &calc.threshold else { return };
        diagnostics.push(messages::threshold_zero(name, n.span));
        return;
    }
    let mut seen: HashSet<&str> = HashSet::new();
    let mut always: Vec<(&str, Span, AlwaysHealthy)> = Vec::new();
    let mut without_data: Vec<(&str, Span)> = Vec::new();
    for child in &calc.children {
        if child.name == *name || !seen.insert(&child.name) {
            continue;
        }
        match free_checks.0.get(child.name.as_str()).copied() {
            Some(FreeHealth::Always(span, why)) => always.push((&child.name, span, why)),
            Some(FreeHealth::WithoutData(span)) => without_data.push((&child.name, span)),
            None => {}
        }
    }
    let threshold = threshold as usize;
    let diagnostic = if always.len() >= threshold {
        messages::always_healthy(name, threshold, &always, &without_data, calc.span)
    } else if !without_data.is_empty() && always.len() + without_data.len() >= threshold {
        messages::healthy_without_data(name, threshold, &always, &without_data, calc.span)
    } else {
        return;
    };
    diagnostics.push(diagnostic);
}
