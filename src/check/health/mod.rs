//! Health checks: lowering and Route 53's limits.
//!
//! A check is exactly one of four kinds: a probe (`http`, `https` or `tcp`
//! against a host name or an address), a calculation over other checks
//! (`all`, `any`, `at_least`), a CloudWatch alarm, or a Route 53 ARC routing
//! control. Every problem with a check is reported, not only the first;
//! a check with any error is not lowered. References to other checks are
//! resolved here (unknown names, a check listing itself); longer cycles are
//! found by the graph pass.
//!
//! `lower_check` decides the kind and reports settings that do not belong
//! to it; each kind is lowered in its own file: `probe` (http, https, tcp),
//! `calculated` (`all`, `any`, `at_least`), `alarm` (CloudWatch alarms and
//! ARC routing controls).

mod alarm;
mod calculated;
mod probe;

use super::messages::{self, CheckSettingFor};
use super::{ir, CheckOptions, Symbols};
use crate::diagnostic::Diagnostics;
use crate::source::Span;
use crate::syntax::ast::{self, Protocol};
use alarm::{lower_alarm, lower_recovery_control};
use calculated::lower_calculation;
pub(super) use calculated::FreeChecks;
use probe::lower_probe;

/// What a check checks; the first of these written in a check decides it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Probe(Protocol),
    Calculated,
    Alarm,
    RecoveryControl,
}

pub(super) fn lower_check(
    def: &ast::CheckDef,
    symbols: &Symbols,
    free_checks: &FreeChecks,
    options: CheckOptions,
    diagnostics: &mut Diagnostics,
) -> Option<ir::HealthCheck> {
    let mark = diagnostics.mark();
    let name = &def.name.name;

    let mut kinds: Vec<(Kind, Span)> = Vec::new();
    if let Some(p) = &def.probe {
        kinds.push((Kind::Probe(p.protocol), p.span));
    }
    if let Some(c) = &def.rare().calculation {
        kinds.push((Kind::Calculated, c.span));
    }
    if let Some(a) = &def.rare().alarm {
        kinds.push((Kind::Alarm, a.span));
    }
    if let Some(r) = &def.rare().recovery_control {
        kinds.push((Kind::RecoveryControl, r.span()));
    }
    kinds.sort_by_key(|&(_, span)| span);
    let Some(&(kind, kind_span)) = kinds.first() else {
        diagnostics.push(messages::check_without_kind(name, def.name.span));
        return None;
    };
    for &(other, span) in &kinds[1..] {
        diagnostics.push(messages::two_check_kinds(
            name,
            (kind, kind_span),
            (other, span),
        ));
    }

    // Settings of another kind. When a probe and another kind are both
    // written, the conflict above says it all; probe settings are then
    // checked against the probe only.
    let not_applicable = |setting: &str, span: Span, applies: CheckSettingFor| {
        messages::setting_not_for_kind(setting, applies, name, (kind, kind_span), span)
    };
    if def.probe.is_none() {
        use CheckSettingFor::{AddressHttpProbes, HttpProbes, HttpsProbes, Probes};
        let probe_settings: [(&str, Option<Span>, CheckSettingFor); 9] = [
            ("port", def.port.as_ref().map(|s| s.span), Probes),
            ("path", def.path.as_ref().map(|s| s.span), HttpProbes),
            (
                "host",
                def.host.as_ref().map(|s| s.span()),
                AddressHttpProbes,
            ),
            ("every", def.every.as_ref().map(|s| s.span), Probes),
            (
                "unhealthy_after",
                def.unhealthy_after.as_ref().map(|s| s.span),
                Probes,
            ),
            (
                "expect",
                def.rare().expect.as_ref().map(|s| s.span),
                HttpProbes,
            ),
            ("from", def.rare().from.as_ref().map(|s| s.span), Probes),
            ("measure_latency", def.measure_latency(), Probes),
            ("sni", def.rare().sni.as_ref().map(|s| s.span), HttpsProbes),
        ];
        for (setting, span, applies) in probe_settings {
            if let Some(span) = span {
                diagnostics.push(not_applicable(setting, span, applies));
            }
        }
    }
    if def.rare().alarm.is_none() {
        if let Some(status) = &def.rare().insufficient_data {
            diagnostics.push(not_applicable(
                "insufficient_data",
                status.span,
                CheckSettingFor::Alarms,
            ));
        }
    }

    // Lower every form written, so that problems inside each are reported
    // even when the kinds conflict; only the one that decides is kept.
    let probe = def
        .probe
        .as_ref()
        .map(|p| lower_probe(def, p, symbols, options, diagnostics));
    let calculation = def
        .rare()
        .calculation
        .as_ref()
        .map(|c| lower_calculation(def, c, symbols, free_checks, diagnostics));
    let alarm = def
        .rare()
        .alarm
        .as_ref()
        .map(|a| lower_alarm(def, a, symbols, diagnostics));
    let recovery = def
        .rare()
        .recovery_control
        .as_ref()
        .map(|arn| lower_recovery_control(arn, symbols, diagnostics));

    let tags = super::tags::lower(
        def.rare().display_name.as_ref(),
        Some(name),
        def.rare().tags.as_deref(),
        diagnostics,
    );
    if diagnostics.has_errors_since(mark) {
        return None;
    }
    let kind = match kind {
        Kind::Probe(_) => ir::HealthCheckKind::Endpoint(probe?),
        Kind::Calculated => calculation?,
        Kind::Alarm => alarm?,
        Kind::RecoveryControl => recovery?,
    };
    Some(ir::HealthCheck {
        name: name.clone(),
        kind,
        inverted: def.rare().inverted.is_some(),
        disabled: def.rare().disabled.is_some(),
        written_tags: tags,
        span: def.name.span,
    })
}

#[cfg(test)]
mod tests;
