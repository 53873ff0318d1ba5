//! CloudWatch alarm checks and Route 53 ARC routing controls.

use crate::check::{ir, messages, Symbols};
use crate::diagnostic::{did_you_mean, Diagnostics};
use crate::syntax::ast;

/// `AlarmIdentifier.Name`: 1 to 256 characters.
const MAX_ALARM_NAME_LEN: usize = 256;

pub(super) const INSUFFICIENT_DATA: [(&str, ir::InsufficientData); 3] = [
    ("healthy", ir::InsufficientData::Healthy),
    ("unhealthy", ir::InsufficientData::Unhealthy),
    ("last_known", ir::InsufficientData::LastKnownStatus),
];

pub(super) fn lower_alarm(
    def: &ast::CheckDef,
    alarm: &ast::Alarm,
    symbols: &Symbols,
    diagnostics: &mut Diagnostics,
) -> ir::HealthCheckKind {
    let alarm_name = lower_value(&alarm.name, symbols, diagnostics, |name, diagnostics| {
        let len = name.value.chars().count();
        if name.value.trim().is_empty() {
            diagnostics.push(messages::empty_alarm_name(name.span));
        } else if len > MAX_ALARM_NAME_LEN {
            diagnostics.push(messages::alarm_name_too_long(
                len,
                MAX_ALARM_NAME_LEN,
                name.span,
            ));
        }
        Some(name.value.clone())
    });

    // `AlarmIdentifier.Region` is typed by the API enum `CloudWatchRegion`
    // (Route 53 API reference, `AlarmIdentifier`, "Region ... Valid Values";
    // data/route53-api-regions.json). Today it lists every region steer
    // knows; a region outside it would be rejected at apply time.
    let region = &alarm.region;
    if crate::aws::is_region(&region.name) && !crate::aws::is_cloudwatch_alarm_region(&region.name)
    {
        diagnostics.push(messages::not_an_alarm_region(&region.name, region.span));
    } else if !crate::aws::is_region(&region.name) {
        let lower = region.name.to_ascii_lowercase();
        let steer_region = symbols
            .regions
            .get(region.name.as_str())
            .and_then(|r| r.aws.as_ref());
        let hint = if let Some(code) = steer_region {
            Some(messages::steer_region_for_alarm(&region.name, &code.value))
        } else if crate::aws::is_region(&lower) {
            Some(messages::lowercase_region_code(&lower))
        } else {
            did_you_mean(&region.name, crate::aws::regions())
        };
        diagnostics.push(messages::unknown_aws_region(
            &region.name,
            hint,
            region.span,
        ));
    }

    let insufficient_data = match &def.rare().insufficient_data {
        None => ir::InsufficientData::LastKnownStatus,
        Some(status) => match INSUFFICIENT_DATA.iter().find(|(k, _)| *k == status.name) {
            Some(&(_, value)) => value,
            None => {
                diagnostics.push(messages::unknown_data_status(
                    &status.name,
                    did_you_mean(&status.name, INSUFFICIENT_DATA.iter().map(|(k, _)| *k)),
                    status.span,
                ));
                ir::InsufficientData::LastKnownStatus
            }
        },
    };

    ir::HealthCheckKind::CloudWatchAlarm {
        alarm_name,
        region: region.name.clone(),
        insufficient_data,
    }
}

/// A Route 53 ARC routing control ARN:
/// `arn:aws:route53-recovery-control::ACCOUNT:controlpanel/PANEL/routingcontrol/ID`
/// (any `arn:aws*` partition).
fn is_routing_control_arn(arn: &str) -> bool {
    if !arn.starts_with("arn:aws") {
        return false;
    }
    let parts: Vec<&str> = arn.split([':', '/']).collect();
    parts
        .windows(2)
        .any(|w| w[0] == "routingcontrol" && !w[1].is_empty())
}

pub(super) fn lower_recovery_control(
    arn: &ast::ValueDef,
    symbols: &Symbols,
    diagnostics: &mut Diagnostics,
) -> ir::HealthCheckKind {
    let routing_control_arn = lower_value(arn, symbols, diagnostics, |arn, diagnostics| {
        if !is_routing_control_arn(&arn.value) {
            diagnostics.push(messages::not_a_routing_control(&arn.value, arn.span));
        }
        Some(arn.value.clone())
    });
    ir::HealthCheckKind::RecoveryControl {
        routing_control_arn,
    }
}

/// A string setting that may be an input: validated like a literal when
/// it has a value. On an error (already reported, so the zone is not
/// built) an empty literal stands in.
fn lower_value(
    value: &ast::ValueDef,
    symbols: &Symbols,
    diagnostics: &mut Diagnostics,
    validate: impl FnOnce(&ast::Str, &mut Diagnostics) -> Option<String>,
) -> ir::Value<String> {
    symbols
        .lower_value(value, diagnostics, validate)
        .unwrap_or_else(|| ir::Value::Literal(String::new()))
}
