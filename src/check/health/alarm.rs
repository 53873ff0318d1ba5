//! CloudWatch alarm checks and Route 53 ARC routing controls.

use crate::check::{ir, CheckCode, Symbols};
use crate::diagnostic::{did_you_mean, Diagnostic, Diagnostics};
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
    let alarm_name = &alarm.name.value;
    let len = alarm_name.chars().count();
    if alarm_name.trim().is_empty() {
        diagnostics.push(
            Diagnostic::new(
                CheckCode::InvalidValue,
                alarm.name.span,
                "the alarm name is empty",
            )
            .label("no alarm name")
            .hint("give the CloudWatch alarm's name, e.g. `alarm \"api-5xx-rate\" in us-east-1`"),
        );
    } else if len > MAX_ALARM_NAME_LEN {
        diagnostics.push(
            Diagnostic::new(
                CheckCode::TooLong,
                alarm.name.span,
                format!("alarm name is {len} characters long: CloudWatch accepts at most {MAX_ALARM_NAME_LEN}"),
            )
            .label("too long"),
        );
    }

    // `AlarmIdentifier.Region` is typed by the API enum `CloudWatchRegion`
    // (Route 53 API reference, `AlarmIdentifier`, "Region ... Valid Values";
    // data/route53-api-regions.json). Today it lists every region steer
    // knows; a region outside it would be rejected at apply time.
    let region = &alarm.region;
    if crate::aws::is_region(&region.name) && !crate::aws::is_cloudwatch_alarm_region(&region.name)
    {
        diagnostics.push(
            Diagnostic::new(
                CheckCode::UnsupportedAwsRegion,
                region.span,
                format!(
                    "`{}` cannot be a CloudWatch alarm region: Route 53 does not accept it for an alarm check",
                    region.name
                ),
            )
            .label("not an alarm region")
            .hint("Route 53's `AlarmIdentifier.Region` values (`CloudWatchRegion`) do not include it"),
        );
    } else if !crate::aws::is_region(&region.name) {
        let lower = region.name.to_ascii_lowercase();
        let steer_region = symbols
            .regions
            .get(region.name.as_str())
            .and_then(|r| r.aws.as_ref());
        let hint = if let Some(code) = steer_region {
            Some(format!(
                "`{}` is a steer region; an alarm names its AWS region code: `in {}`",
                region.name, code.value
            ))
        } else if crate::aws::is_region(&lower) {
            Some(format!("region codes are lowercase: `{lower}`"))
        } else {
            did_you_mean(&region.name, crate::aws::regions())
        };
        diagnostics.push(
            Diagnostic::new(
                CheckCode::UnknownAwsRegion,
                region.span,
                format!("`{}` is not an AWS region", region.name),
            )
            .label("unknown region")
            .maybe_hint(hint),
        );
    }

    let insufficient_data = match &def.insufficient_data {
        None => ir::InsufficientData::LastKnownStatus,
        Some(status) => match INSUFFICIENT_DATA.iter().find(|(k, _)| *k == status.name) {
            Some(&(_, value)) => value,
            None => {
                diagnostics.push(
                    Diagnostic::new(
                        CheckCode::InvalidValue,
                        status.span,
                        format!("`{}` is not an insufficient-data status", status.name),
                    )
                    .label("unknown status")
                    .maybe_hint(did_you_mean(
                        &status.name,
                        INSUFFICIENT_DATA.iter().map(|(k, _)| *k),
                    ))
                    .hint("write `healthy`, `unhealthy` or `last_known` (the default)"),
                );
                ir::InsufficientData::LastKnownStatus
            }
        },
    };

    ir::HealthCheckKind::CloudWatchAlarm {
        alarm_name: alarm_name.clone(),
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
    arn: &ast::Str,
    diagnostics: &mut Diagnostics,
) -> ir::HealthCheckKind {
    if !is_routing_control_arn(&arn.value) {
        diagnostics.push(
            Diagnostic::new(
                CheckCode::InvalidValue,
                arn.span,
                format!("`{}` is not a routing control ARN", arn.value),
            )
            .label("expected an ARN starting `arn:aws` and naming a `routingcontrol/`")
            .hint(
                "copy the routing control's ARN from Route 53 ARC, e.g. \
                 `arn:aws:route53-recovery-control::123456789012:controlpanel/abc123/routingcontrol/def456`",
            ),
        );
    }
    ir::HealthCheckKind::RecoveryControl {
        routing_control_arn: arn.value.clone(),
    }
}
