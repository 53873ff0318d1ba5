//! Calculated checks: `all`, `any` and `at_least` over other checks, with
//! Route 53's limits on children and thresholds, and the calculations that
//! can never fail.

use crate::check::{ir, CheckCode, Symbols};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::source::Span;
use crate::syntax::ast::{self, CalcFunction};
use std::collections::{HashMap, HashSet};

/// `ChildHealthChecks` holds at most 256 ids; `HealthThreshold` is 0 to 256.
const MAX_CHILDREN: usize = 256;
const MAX_HEALTH_THRESHOLD: i64 = 256;

pub(super) fn lower_calculation(
    def: &ast::CheckDef,
    calc: &ast::Calculation,
    symbols: &Symbols,
    diagnostics: &mut Diagnostics,
) -> ir::HealthCheckKind {
    let name = &def.name.name;
    let mut seen: HashMap<&str, Span> = HashMap::new();
    for child in &calc.children {
        if let Some(&first) = seen.get(child.name.as_str()) {
            diagnostics.push(
                Diagnostic::new(
                    CheckCode::DuplicateDefinition,
                    child.span,
                    format!(
                        "check `{}` is listed twice in calculated check `{name}`",
                        child.name
                    ),
                )
                .label("listed again here")
                .with_secondary(first, "first listed here")
                .hint("remove one of them; each child counts once"),
            );
            continue;
        }
        seen.insert(&child.name, child.span);
        if child.name == *name {
            diagnostics.push(
                Diagnostic::new(
                    CheckCode::ReferenceCycle,
                    child.span,
                    format!("calculated check `{name}` lists itself as a child"),
                )
                .label("refers to itself")
                .with_secondary(def.name.span, "the check being defined")
                .hint("a check cannot depend on its own status; list other checks"),
            );
            continue;
        }
        // Unknown names are reported by the lookup, with a suggestion.
        symbols.check(child, diagnostics);
    }
    let count = seen.len();
    let mut children: Vec<String> = seen.into_keys().map(str::to_string).collect();
    children.sort();

    if count == 0 {
        diagnostics.push(
            Diagnostic::new(
                CheckCode::MissingSetting,
                calc.span,
                format!("calculated check `{name}` has no children"),
            )
            .label("no checks to combine")
            .hint("list the checks it combines, e.g. `any(ireland_up, frankfurt_up)`"),
        );
    }
    if count > MAX_CHILDREN {
        diagnostics.push(
            Diagnostic::new(
                CheckCode::TooManyChildren,
                calc.span,
                format!("calculated check `{name}` has {count} children: Route 53 accepts at most {MAX_CHILDREN}"),
            )
            .label("too many children"),
        );
    }

    let function = calc.function.value;
    let threshold = match (function, &calc.threshold) {
        (CalcFunction::AtLeast, Some(n)) => {
            if !(0..=MAX_HEALTH_THRESHOLD).contains(&n.value) {
                diagnostics.push(
                    Diagnostic::new(
                        CheckCode::OutOfRange,
                        n.span,
                        format!(
                            "health threshold {} is out of range: Route 53 accepts 0 to {MAX_HEALTH_THRESHOLD}",
                            n.value
                        ),
                    )
                    .label("out of range")
                    .hint("this is how many children must be healthy"),
                );
                0
            } else {
                if count > 0 && n.value as usize > count {
                    diagnostics.push(
                        Diagnostic::new(
                            CheckCode::ThresholdAboveChildren,
                            n.span,
                            format!(
                                "`at_least({}, ...)` needs {} healthy children but `{name}` has {count}: it is always unhealthy",
                                n.value, n.value
                            ),
                        )
                        .label(format!("more than its {count} children"))
                        .hint(format!("lower the count to at most {count}, or add children")),
                    );
                }
                n.value as u32
            }
        }
        (CalcFunction::AtLeast, None) => {
            diagnostics.push(
                Diagnostic::new(
                    CheckCode::MissingSetting,
                    calc.function.span,
                    "`at_least` needs a count: how many children must be healthy",
                )
                .label("no count")
                .hint(format!(
                    "write the count first, e.g. `at_least(2, {})`",
                    calc.children
                        .iter()
                        .map(|c| c.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            );
            0
        }
        (CalcFunction::All | CalcFunction::Any, Some(n)) => {
            let (keyword, meaning) = if function == CalcFunction::All {
                ("all", "every child must be healthy")
            } else {
                ("any", "one healthy child is enough")
            };
            diagnostics.push(
                Diagnostic::new(
                    CheckCode::ConflictingSettings,
                    n.span,
                    format!("`{keyword}` takes no count: {meaning}"),
                )
                .label("unexpected count")
                .with_secondary(calc.function.span, format!("`{keyword}` here"))
                .hint(format!(
                    "write `at_least({}, ...)` to need {} healthy children",
                    n.value, n.value
                )),
            );
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
    if threshold_is_valid && count > 0 && def.inverted.is_none() {
        cannot_fail(def, calc, threshold, symbols, diagnostics);
    }
    ir::HealthCheckKind::Calculated {
        children,
        threshold,
    }
}

/// Why a child of a calculated check is counted as healthy without a
/// probe saying so.
enum FreeHealth {
    /// Always: a disabled check, or `at_least(0, ...)`.
    Always(Span, &'static str),
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
    if child.inverted.is_some() {
        return None;
    }
    if let Some(span) = child.disabled {
        return Some(FreeHealth::Always(span, "disabled: always healthy"));
    }
    if let Some(calc) = &child.calculation {
        if child.probe.is_none() && child.alarm.is_none() && child.recovery_control.is_none() {
            if let (CalcFunction::AtLeast, Some(n)) = (calc.function.value, &calc.threshold) {
                if n.value == 0 {
                    return Some(FreeHealth::Always(n.span, "threshold 0: always healthy"));
                }
            }
        }
    }
    let only_alarm =
        child.probe.is_none() && child.calculation.is_none() && child.recovery_control.is_none();
    match (&child.alarm, &child.insufficient_data) {
        (Some(_), Some(status)) if only_alarm && status.name == "healthy" => {
            Some(FreeHealth::WithoutData(status.span))
        }
        _ => None,
    }
}

fn names(list: &[&str]) -> String {
    let quoted: Vec<String> = list.iter().map(|n| format!("`{n}`")).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// `check-cannot-fail`: a (not inverted) calculated check that is healthy
/// whatever its other children report: threshold 0, or at least `threshold`
/// children that count as healthy on their own ([`free_health`]).
fn cannot_fail(
    def: &ast::CheckDef,
    calc: &ast::Calculation,
    threshold: u32,
    symbols: &Symbols,
    diagnostics: &mut Diagnostics,
) {
    let name = &def.name.name;
    if threshold == 0 {
        let Some(n) = &calc.threshold else { return };
        diagnostics.push(
            Diagnostic::new(
                CheckCode::CheckCannotFail,
                n.span,
                format!(
                    "`at_least(0, ...)` is always healthy: Route 53 considers a calculated \
                     check with threshold 0 healthy whatever `{name}`'s children report"
                ),
            )
            .label("no healthy child needed")
            .hint("ask for at least one healthy child: `at_least(1, ...)`, the same as `any(...)`"),
        );
        return;
    }
    let mut seen: HashSet<&str> = HashSet::new();
    let mut always: Vec<(&str, Span, &'static str)> = Vec::new();
    let mut without_data: Vec<(&str, Span)> = Vec::new();
    for child in &calc.children {
        if child.name == *name || !seen.insert(&child.name) {
            continue;
        }
        let Some(child_def) = symbols.checks.get(child.name.as_str()) else {
            continue;
        };
        match free_health(child_def) {
            Some(FreeHealth::Always(span, why)) => always.push((&child.name, span, why)),
            Some(FreeHealth::WithoutData(span)) => without_data.push((&child.name, span)),
            None => {}
        }
    }
    let threshold = threshold as usize;
    let always_names: Vec<&str> = always.iter().map(|(n, ..)| *n).collect();
    let data_names: Vec<&str> = without_data.iter().map(|(n, _)| *n).collect();
    let mut diagnostic = if always.len() >= threshold {
        always_healthy(name, calc.span, threshold, &always_names)
    } else if !without_data.is_empty() && always.len() + without_data.len() >= threshold {
        healthy_without_data(name, calc.span, threshold, &data_names, &always_names)
    } else {
        return;
    };
    for (child, span) in &without_data {
        diagnostic = diagnostic.with_secondary(
            *span,
            format!("`{child}` is healthy while CloudWatch lacks data"),
        );
    }
    for (child, span, why) in &always {
        diagnostic = diagnostic.with_secondary(*span, format!("`{child}` is {why}"));
    }
    diagnostics.push(diagnostic);
}

/// `check-cannot-fail` when always-healthy children meet the threshold.
fn always_healthy(name: &str, span: Span, threshold: usize, always: &[&str]) -> Diagnostic {
    let message = format!(
        "calculated check `{name}` is always healthy: it needs {threshold} healthy {}, and {} \
         always {} as healthy",
        if threshold == 1 { "child" } else { "children" },
        names(always),
        if always.len() == 1 { "counts" } else { "count" },
    );
    Diagnostic::new(CheckCode::CheckCannotFail, span, message)
        .label("healthy whatever the other children report")
        .hint(
            "Route 53 counts a disabled check, and `at_least(0, ...)`, as healthy: take them out \
             of the calculation, or raise the count",
        )
}

/// `check-cannot-fail` when children healthy on insufficient alarm data
/// (with the always-healthy ones) meet the threshold.
fn healthy_without_data(
    name: &str,
    span: Span,
    threshold: usize,
    without_data: &[&str],
    always: &[&str],
) -> Diagnostic {
    let free: Vec<&str> = without_data.iter().chain(always).copied().collect();
    let message = format!(
        "calculated check `{name}` stays healthy whenever CloudWatch has insufficient data for \
         {}: {} of its children then {} as healthy ({}), and it needs {threshold}",
        names(without_data),
        free.len(),
        if free.len() == 1 { "counts" } else { "count" },
        names(&free),
    );
    Diagnostic::new(CheckCode::CheckCannotFail, span, message)
        .label("cannot fail while the alarm data is missing")
        .hint(format!(
            "a metric often stops arriving because what publishes it is down: write \
             `insufficient_data unhealthy` (or `last_known`) on {}, or raise the count so that \
             other children must be healthy too",
            names(without_data)
        ))
}
