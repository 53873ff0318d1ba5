//! Health checks: lowering and Route 53's limits.
//!
//! A check is exactly one of four kinds: a probe (`http`, `https` or `tcp`
//! against a host name or an address), a calculation over other checks
//! (`all`, `any`, `at_least`), a CloudWatch alarm, or a Route 53 ARC routing
//! control. Every problem with a check is reported, not only the first;
//! a check with any error is not lowered. References to other checks are
//! resolved here (unknown names, a check listing itself); longer cycles are
//! found by the graph pass.

use super::{ir, CheckCode, Symbols};
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::dns_name;
use crate::net_ranges::{self, RangeKind, SpecialRange};
use crate::source::{Span, Spanned};
use crate::syntax::ast::{self, CalcFunction, Host, Ident, Protocol};
use std::collections::{HashMap, HashSet};
use std::net::IpAddr;

/// Route 53's `RequestInterval` values, in seconds.
const REQUEST_INTERVALS: [u64; 2] = [10, 30];
const DEFAULT_REQUEST_INTERVAL: u32 = 30;
/// The fast interval, at which a failure threshold of 1 flaps.
const FAST_REQUEST_INTERVAL: u64 = 10;
/// `FailureThreshold`: 1 to 10, default 3.
const MAX_FAILURE_THRESHOLD: i64 = 10;
const DEFAULT_FAILURE_THRESHOLD: u32 = 3;
/// `ResourcePath` and `SearchString`, in characters.
const MAX_PATH_LEN: usize = 255;
const MAX_SEARCH_STRING_LEN: usize = 255;
/// Fewest distinct checker regions Route 53 accepts in `Regions`.
const MIN_CHECKER_REGIONS: usize = 3;
/// `ChildHealthChecks` holds at most 256 ids; `HealthThreshold` is 0 to 256.
const MAX_CHILDREN: usize = 256;
const MAX_HEALTH_THRESHOLD: i64 = 256;
/// `AlarmIdentifier.Name`: 1 to 256 characters.
const MAX_ALARM_NAME_LEN: usize = 256;

/// Settings that only mean something for probes, and what they apply to.
const PROBES: &str = "http, https and tcp checks";
const HTTP_PROBES: &str = "http and https checks";

/// What a check checks; the first of these written in a check decides it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Probe(Protocol),
    Calculated,
    Alarm,
    RecoveryControl,
}

impl Kind {
    fn describe(self) -> &'static str {
        match self {
            Kind::Probe(Protocol::Http) => "an http check",
            Kind::Probe(Protocol::Https) => "an https check",
            Kind::Probe(Protocol::Tcp) => "a tcp check",
            Kind::Calculated => "a calculated check",
            Kind::Alarm => "a CloudWatch alarm check",
            Kind::RecoveryControl => "a recovery-control check",
        }
    }
}

fn error_count(diagnostics: &[Diagnostic]) -> usize {
    diagnostics.iter().filter(|d| d.is_error()).count()
}

pub(super) fn lower_check(
    def: &ast::CheckDef,
    symbols: &Symbols,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<ir::HealthCheck> {
    let errors_before = error_count(diagnostics);
    let name = &def.name.name;

    let mut kinds: Vec<(Kind, Span)> = Vec::new();
    if let Some(p) = &def.probe {
        kinds.push((Kind::Probe(p.protocol.value), p.span));
    }
    if let Some(c) = &def.calculation {
        kinds.push((Kind::Calculated, c.span));
    }
    if let Some(a) = &def.alarm {
        kinds.push((Kind::Alarm, a.span));
    }
    if let Some(r) = &def.recovery_control {
        kinds.push((Kind::RecoveryControl, r.span));
    }
    kinds.sort_by_key(|&(_, span)| span);
    let Some(&(kind, kind_span)) = kinds.first() else {
        diagnostics.push(
            Diagnostic::new(
                CheckCode::MissingSetting,
                def.name.span,
                format!("check `{name}` does not say what to check"),
            )
            .label("nothing to check")
            .hint(format!(
                "give it one of: a probe (`https \"www.example.com\" path \"/health\"`, or `http`, \
                 or `tcp \"db.example.com\" port 5432`); a calculation (`check {name} = any(a, b)`, \
                 `all(...)`, `at_least(2, ...)`); a CloudWatch alarm (`alarm \"name\" in us-east-1`); \
                 or a routing control (`recovery_control \"arn:aws:route53-recovery-control::...\"`)"
            )),
        );
        return None;
    };
    for &(other, span) in &kinds[1..] {
        diagnostics.push(
            Diagnostic::new(
                CheckCode::ConflictingSettings,
                span,
                format!(
                    "check `{name}` cannot be both {} and {}",
                    kind.describe(),
                    other.describe()
                ),
            )
            .label(format!("makes it {} too", other.describe()))
            .with_secondary(kind_span, format!("makes it {}", kind.describe()))
            .hint(
                "a check has exactly one kind: split this into two checks, and combine them \
                 with `all(a, b)` if both must be healthy",
            ),
        );
    }

    // Settings of another kind. When a probe and another kind are both
    // written, the conflict above says it all; probe settings are then
    // checked against the probe only.
    let not_applicable = |setting: &str, span: Span, applies: &str| {
        Diagnostic::new(
            CheckCode::ConflictingSettings,
            span,
            format!(
                "`{setting}` applies only to {applies}; `{name}` is {}",
                kind.describe()
            ),
        )
        .label(format!("not used by {}", kind.describe()))
        .with_secondary(kind_span, format!("this makes it {}", kind.describe()))
        .hint(format!("remove `{setting}`"))
    };
    if def.probe.is_none() {
        let probe_settings: [(&str, Option<Span>, &str); 9] = [
            ("port", def.port.as_ref().map(|s| s.span), PROBES),
            ("path", def.path.as_ref().map(|s| s.span), HTTP_PROBES),
            (
                "host",
                def.host.as_ref().map(|s| s.span),
                "http and https checks that probe an IP address",
            ),
            ("every", def.every.as_ref().map(|s| s.span), PROBES),
            (
                "unhealthy_after",
                def.unhealthy_after.as_ref().map(|s| s.span),
                PROBES,
            ),
            ("expect", def.expect.as_ref().map(|s| s.span), HTTP_PROBES),
            ("from", def.from.as_ref().map(|s| s.span), PROBES),
            ("measure_latency", def.measure_latency, PROBES),
            ("sni", def.sni.as_ref().map(|s| s.span), "https checks"),
        ];
        for (setting, span, applies) in probe_settings {
            if let Some(span) = span {
                diagnostics.push(not_applicable(setting, span, applies));
            }
        }
    }
    if def.alarm.is_none() {
        if let Some(status) = &def.insufficient_data {
            diagnostics.push(not_applicable(
                "insufficient_data",
                status.span,
                "CloudWatch alarm checks",
            ));
        }
    }

    // Lower every form written, so that problems inside each are reported
    // even when the kinds conflict; only the one that decides is kept.
    let probe = def.probe.as_ref().map(|p| lower_probe(def, p, diagnostics));
    let calculation = def
        .calculation
        .as_ref()
        .map(|c| lower_calculation(def, c, symbols, diagnostics));
    let alarm = def
        .alarm
        .as_ref()
        .map(|a| lower_alarm(def, a, symbols, diagnostics));
    let recovery = def
        .recovery_control
        .as_ref()
        .map(|arn| lower_recovery_control(arn, diagnostics));

    if error_count(diagnostics) > errors_before {
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
        inverted: def.inverted.is_some(),
        disabled: def.disabled.is_some(),
        span: def.name.span,
    })
}

// ---------------------------------------------------------------------------
// Probes
// ---------------------------------------------------------------------------

/// Lowers a probe; the result is only used when no error was reported.
fn lower_probe(
    def: &ast::CheckDef,
    probe: &ast::Probe,
    diagnostics: &mut Vec<Diagnostic>,
) -> ir::EndpointProbe {
    let protocol = probe.protocol.value;
    let proto_span = probe.protocol.span;
    let keyword = protocol.keyword();
    let is_http = protocol != Protocol::Tcp;
    let this_is = format!("this is {}", Kind::Probe(protocol).describe());

    // Target: a name to resolve, or an address (with an optional Host/SNI name).
    let (ip_address, fqdn) = match &probe.host.value {
        Host::Name(host_name) => {
            let fqdn = ascii_name(host_name, probe.host.span, diagnostics);
            if let Some(header) = &def.host {
                if is_http {
                    diagnostics.push(
                        Diagnostic::new(
                            CheckCode::ConflictingSettings,
                            header.span,
                            format!(
                                "`host` applies only to checks that probe an IP address; \
                                 this check probes the name `{host_name}`, which is already \
                                 sent as the Host header{}",
                                if protocol == Protocol::Https {
                                    " and SNI name"
                                } else {
                                    ""
                                }
                            ),
                        )
                        .label("not used when probing a name")
                        .with_secondary(probe.host.span, "the name probed")
                        .hint(format!(
                            "remove `host`, or probe an address and name the host: \
                             `{keyword} ADDRESS host \"{}\"`",
                            header.value
                        )),
                    );
                }
            }
            (None, fqdn)
        }
        Host::Address(ip) => {
            if let Some(range) = net_ranges::special_range(*ip) {
                diagnostics.push(uncheckable_address(*ip, range, probe.host.span));
            }
            let fqdn = def
                .host
                .as_ref()
                .filter(|_| is_http)
                .and_then(|h| ascii_name(&h.value, h.span, diagnostics));
            (Some(*ip), fqdn)
        }
    };
    if let (Some(header), false) = (&def.host, is_http) {
        diagnostics.push(
            Diagnostic::new(
                CheckCode::ConflictingSettings,
                header.span,
                "`host` applies only to http and https checks; tcp checks send no Host header",
            )
            .label("not used by a tcp check")
            .with_secondary(proto_span, this_is.clone())
            .hint("remove `host`"),
        );
    }

    let port = match &def.port {
        Some(p) => match u16::try_from(p.value) {
            Ok(port) if port >= 1 => {
                port_mismatch(protocol, p, proto_span, diagnostics);
                port
            }
            _ => {
                diagnostics.push(
                    Diagnostic::new(
                        CheckCode::OutOfRange,
                        p.span,
                        format!(
                            "port {} is out of range: Route 53 accepts 1 to 65535",
                            p.value
                        ),
                    )
                    .label("out of range"),
                );
                0
            }
        },
        None => match protocol {
            Protocol::Http => 80,
            Protocol::Https => 443,
            Protocol::Tcp => {
                diagnostics.push(
                    Diagnostic::new(
                        CheckCode::MissingSetting,
                        probe.span,
                        format!("tcp check `{}` needs a port", def.name.name),
                    )
                    .label("no port given")
                    .hint("say which port to connect to, e.g. `port 443`"),
                );
                0
            }
        },
    };

    let request_interval = match &def.every {
        Some(every) if REQUEST_INTERVALS.contains(&every.value.0) => every.value.0 as u32,
        Some(every) => {
            diagnostics.push(
                Diagnostic::new(
                    CheckCode::InvalidRequestInterval,
                    every.span,
                    format!(
                        "request interval {}s is not allowed: Route 53 checks every 10 or 30 seconds",
                        every.value.0
                    ),
                )
                .label("not 10s or 30s")
                .hint("write `every 10s` (fast checks, priced higher) or `every 30s` (the default)"),
            );
            DEFAULT_REQUEST_INTERVAL
        }
        None => DEFAULT_REQUEST_INTERVAL,
    };

    let failure_threshold = match &def.unhealthy_after {
        Some(n) if (1..=MAX_FAILURE_THRESHOLD).contains(&n.value) => n.value as u32,
        Some(n) => {
            diagnostics.push(
                Diagnostic::new(
                    CheckCode::OutOfRange,
                    n.span,
                    format!(
                        "failure threshold {} is out of range: Route 53 accepts 1 to {MAX_FAILURE_THRESHOLD}",
                        n.value
                    ),
                )
                .label("`unhealthy_after` must be 1 to 10")
                .hint("this is how many failed probes in a row make the endpoint unhealthy (default 3)"),
            );
            DEFAULT_FAILURE_THRESHOLD
        }
        None => DEFAULT_FAILURE_THRESHOLD,
    };

    if let (Some(every), Some(after)) = (&def.every, &def.unhealthy_after) {
        if every.value.0 == FAST_REQUEST_INTERVAL && after.value == 1 {
            diagnostics.push(flapping(def, every.span, after.span));
        }
    }

    let resource_path = def.path.as_ref().map(|path| {
        if !is_http {
            diagnostics.push(
                Diagnostic::new(
                    CheckCode::ConflictingSettings,
                    path.span,
                    "`path` applies only to http and https checks; tcp checks only open a connection",
                )
                .label("not used by a tcp check")
                .with_secondary(proto_span, this_is.clone())
                .hint("probe with `http` or `https` to request a path, or remove `path`"),
            );
        } else {
            let len = path.value.chars().count();
            if len > MAX_PATH_LEN {
                diagnostics.push(
                    Diagnostic::new(
                        CheckCode::TooLong,
                        path.span,
                        format!("path is {len} characters long: Route 53 accepts at most {MAX_PATH_LEN}"),
                    )
                    .label("too long"),
                );
            }
            if !path.value.starts_with('/') {
                diagnostics.push(
                    Diagnostic::new(
                        CheckCode::InvalidValue,
                        path.span,
                        format!("path `{}` does not start with `/`", path.value),
                    )
                    .label("not an absolute path")
                    .hint(format!("write `/{}`", path.value)),
                );
            }
        }
        path.value.clone()
    });

    let search_string = def.expect.as_ref().map(|expect| {
        if !is_http {
            diagnostics.push(
                Diagnostic::new(
                    CheckCode::StringMatchNeedsHttp,
                    expect.span,
                    "`expect` (string matching) needs an http or https check; tcp checks only open a connection",
                )
                .label("string match on a tcp check")
                .with_secondary(proto_span, this_is.clone())
                .hint("probe with `http` or `https` to match the response body, or remove `expect`"),
            );
        } else {
            let len = expect.value.chars().count();
            if len > MAX_SEARCH_STRING_LEN {
                diagnostics.push(
                    Diagnostic::new(
                        CheckCode::TooLong,
                        expect.span,
                        format!(
                            "search string is {len} characters long: Route 53 accepts at most {MAX_SEARCH_STRING_LEN}"
                        ),
                    )
                    .label("too long")
                    .hint("Route 53 searches the first 5120 bytes of the body; a short distinctive string is enough"),
                );
            }
        }
        expect.value.clone()
    });

    if let (Some(sni), false) = (&def.sni, protocol == Protocol::Https) {
        diagnostics.push(
            Diagnostic::new(
                CheckCode::ConflictingSettings,
                sni.span,
                format!(
                    "`sni` applies only to https checks; this is {}",
                    Kind::Probe(protocol).describe()
                ),
            )
            .label("no TLS, so no SNI")
            .with_secondary(proto_span, this_is)
            .hint("remove `sni`"),
        );
    }
    let enable_sni = protocol == Protocol::Https && def.sni.as_ref().is_none_or(|s| s.value);

    let regions = match &def.from {
        Some(from) => checker_regions(from, diagnostics),
        None => Vec::new(),
    };

    ir::EndpointProbe {
        protocol,
        search_string,
        ip_address,
        fqdn,
        port,
        resource_path,
        request_interval,
        failure_threshold,
        regions,
        measure_latency: def.measure_latency.is_some(),
        enable_sni,
    }
}

/// Warns about an http check on 443 or an https check on 80: almost always
/// the wrong keyword, and the check then fails for a healthy endpoint.
fn port_mismatch(
    protocol: Protocol,
    port: &Spanned<i64>,
    proto_span: Span,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let (usual, hint) = match (protocol, port.value) {
        (Protocol::Http, 443) => (
            "https",
            "write `https` to probe with TLS, or use the http port (80)",
        ),
        (Protocol::Https, 80) => (
            "http",
            "write `http` to probe without TLS, or use the https port (443)",
        ),
        _ => return,
    };
    diagnostics.push(
        Diagnostic::new(
            CheckCode::PortProtocolMismatch,
            port.span,
            format!(
                "{} check on port {}, the {usual} port",
                protocol.keyword(),
                port.value
            ),
        )
        .label(format!("usually {usual}"))
        .with_secondary(proto_span, format!("probes with {}", protocol.keyword()))
        .hint(hint),
    );
}

/// A host name in ASCII form, or `None` after reporting why it is invalid.
fn ascii_name(written: &str, span: Span, diagnostics: &mut Vec<Diagnostic>) -> Option<String> {
    match dns_name::to_ascii(written) {
        Ok(ascii) => Some(ascii),
        Err(e) => {
            diagnostics.push(
                Diagnostic::new(
                    CheckCode::InvalidName,
                    span,
                    format!("`{written}` is not a valid DNS name: {e}"),
                )
                .label("invalid name"),
            );
            None
        }
    }
}

/// `private-address`: a probe of an address in a special-purpose range.
///
/// Route 53 API reference, `HealthCheckConfig`, `IPAddress`, "Constraints":
/// "Route 53 can't check the health of endpoints for which the IP address is
/// in local, private, non-routable, or multicast ranges", with RFC 5735,
/// RFC 6598 and RFC 5156 as the lists of those ranges
/// (<https://docs.aws.amazon.com/Route53/latest/APIReference/API_HealthCheckConfig.html>).
/// The table and its sources are in [`crate::net_ranges`].
fn uncheckable_address(ip: IpAddr, range: &SpecialRange, span: Span) -> Diagnostic {
    let embedded = match (range.kind, ip) {
        (RangeKind::EmbedsIpv4, IpAddr::V6(v6)) => Some(net_ranges::embedded_ipv4(v6))
            .filter(|v4| net_ranges::special_range(IpAddr::V4(*v4)).is_none()),
        _ => None,
    };
    let hint = match (range.kind, embedded) {
        (_, Some(v4)) => format!("this address stands for the IPv4 address {v4}: probe {v4}"),
        (RangeKind::Documentation, _) => "a documentation address stands in for a real one: \
             probe the endpoint's public address, or its host name (`https \"api.example.com\"`)"
            .to_string(),
        (RangeKind::Local, _) => "Route 53 probes from its checkers on the internet: probe the \
             endpoint's public address or host name; for a resource inside a private network, \
             use a CloudWatch alarm check (`alarm \"NAME\" in REGION`)"
            .to_string(),
        (RangeKind::EmbedsIpv4 | RangeKind::Multicast | RangeKind::NotRouted, _) => {
            "Route 53 probes one endpoint over the internet: probe the endpoint's public \
             unicast address, or its host name"
                .to_string()
        }
    };
    Diagnostic::new(
        CheckCode::PrivateAddress,
        span,
        format!(
            "{ip} is in {} ({}, {}): Route 53 cannot check the health of endpoints in local, \
             private, non-routable or multicast ranges",
            range.block, range.purpose, range.source
        ),
    )
    .label("Route 53 cannot check this address")
    .hint(hint)
}

/// `from [...]`: distinct Route 53 checker regions, at least three, sorted.
fn checker_regions(from: &Spanned<Vec<Ident>>, diagnostics: &mut Vec<Diagnostic>) -> Vec<String> {
    let valid = crate::aws::health_checker_regions();
    let mut seen: HashMap<&str, Span> = HashMap::new();
    for region in &from.value {
        if let Some(&first) = seen.get(region.name.as_str()) {
            diagnostics.push(
                Diagnostic::new(
                    CheckCode::CheckerRegions,
                    region.span,
                    format!("checker region `{}` is listed twice", region.name),
                )
                .label("listed again here")
                .with_secondary(first, "first listed here")
                .hint("remove one of them"),
            );
            continue;
        }
        seen.insert(&region.name, region.span);
        if !crate::aws::is_health_checker_region(&region.name) {
            let what = if crate::aws::is_region(&region.name) {
                "an AWS region, but not one Route 53 runs health checkers in"
            } else {
                "not a Route 53 health-checker region"
            };
            diagnostics.push(
                Diagnostic::new(
                    CheckCode::CheckerRegions,
                    region.span,
                    format!("`{}` is {what}", region.name),
                )
                .label("not a checker region")
                .maybe_hint(did_you_mean(&region.name, valid.iter().copied()))
                .hint(format!("Route 53 checks from: {}", valid.join(", "))),
            );
        }
    }
    if seen.len() < MIN_CHECKER_REGIONS {
        diagnostics.push(
            Diagnostic::new(
                CheckCode::CheckerRegions,
                from.span,
                format!(
                    "{} checker region{} given: Route 53 needs at least {MIN_CHECKER_REGIONS}",
                    seen.len(),
                    if seen.len() == 1 { "" } else { "s" }
                ),
            )
            .label(format!("fewer than {MIN_CHECKER_REGIONS} regions"))
            .hint(format!(
                "list at least {MIN_CHECKER_REGIONS}, or remove `from` to check from all {} regions",
                valid.len()
            )),
        );
    }
    let mut regions: Vec<String> = seen.into_keys().map(str::to_string).collect();
    regions.sort();
    regions
}

// ---------------------------------------------------------------------------
// Calculated checks
// ---------------------------------------------------------------------------

fn lower_calculation(
    def: &ast::CheckDef,
    calc: &ast::Calculation,
    symbols: &Symbols,
    diagnostics: &mut Vec<Diagnostic>,
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

/// `flapping-check`: `unhealthy_after 1` with `every 10s`.
///
/// The failure threshold is "the number of consecutive health checks that an
/// endpoint must pass or fail for Route 53 to change the current status of
/// the endpoint from unhealthy to healthy or vice versa" (API reference,
/// `HealthCheckConfig`, `FailureThreshold`), and Route 53 considers the
/// endpoint unhealthy when 18% of its health checkers or fewer report it
/// healthy (Developer Guide, "How Amazon Route 53 determines whether a health
/// check is healthy",
/// <https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html>).
/// With a threshold of 1 every checker changes its report on one request,
/// and at the 10-second interval a pause of about ten seconds reaches nearly
/// all of them: traffic moves away, and moves back on the next passed
/// request.
fn flapping(def: &ast::CheckDef, every: Span, after: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::FlappingCheck,
        after,
        format!(
            "check `{}` changes status on a single request every 10 seconds: a pause of about \
             ten seconds (a restart, a burst of packet loss) moves traffic away and straight back",
            def.name.name
        ),
    )
    .label("one failed or passed request changes the status")
    .with_secondary(every, "a request every 10 seconds")
    .hint(
        "write `unhealthy_after 2` or more (at `every 10s`, the default of 3 still notices an \
         outage in about 30 seconds), or probe `every 30s`",
    )
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
    diagnostics: &mut Vec<Diagnostic>,
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

// ---------------------------------------------------------------------------
// CloudWatch alarms and routing controls
// ---------------------------------------------------------------------------

const INSUFFICIENT_DATA: [(&str, ir::InsufficientData); 3] = [
    ("healthy", ir::InsufficientData::Healthy),
    ("unhealthy", ir::InsufficientData::Unhealthy),
    ("last_known", ir::InsufficientData::LastKnownStatus),
];

fn lower_alarm(
    def: &ast::CheckDef,
    alarm: &ast::Alarm,
    symbols: &Symbols,
    diagnostics: &mut Vec<Diagnostic>,
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

fn lower_recovery_control(
    arn: &ast::Str,
    diagnostics: &mut Vec<Diagnostic>,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;
    use crate::syntax::ast::Item;

    /// Parses `text` (which must be free of syntax errors) and lowers the
    /// check called `name` against every region and check in it.
    fn lower(text: &str, name: &str) -> (Option<ir::HealthCheck>, Vec<Diagnostic>) {
        let (file, parse_diagnostics) = crate::syntax::parse_file(FileId(0), text);
        assert!(
            parse_diagnostics.is_empty(),
            "parse errors: {parse_diagnostics:#?}"
        );
        let mut symbols = Symbols {
            regions: rustc_hash::FxHashMap::default(),
            checks: rustc_hash::FxHashMap::default(),
            endpoints: rustc_hash::FxHashMap::default(),
            collections: rustc_hash::FxHashMap::default(),
        };
        for item in &file.items {
            match item {
                Item::Check(c) => {
                    symbols.checks.insert(c.name.name.as_str(), c);
                }
                Item::Region(r) => {
                    symbols.regions.insert(r.name.name.as_str(), r);
                }
                _ => {}
            }
        }
        let def = symbols.checks[name];
        let mut diagnostics = Vec::new();
        let lowered = lower_check(def, &symbols, &mut diagnostics);
        (lowered, diagnostics)
    }

    fn codes(diagnostics: &[Diagnostic]) -> Vec<&'static str> {
        diagnostics.iter().map(|d| d.code).collect()
    }

    /// Expects exactly one diagnostic, with `code`, whose primary span
    /// covers `spanned` in `text`; returns it.
    fn only(text: &str, name: &str, code: &str, spanned: &str) -> Diagnostic {
        let (lowered, diagnostics) = lower(text, name);
        assert_eq!(codes(&diagnostics), vec![code], "{diagnostics:#?}");
        let d = diagnostics.into_iter().next().unwrap();
        let at = &text[d.primary.span.start as usize..d.primary.span.end as usize];
        assert_eq!(at, spanned, "primary span of {d:#?}");
        assert!(
            !d.primary.message.is_empty(),
            "every diagnostic has a label: {d:#?}"
        );
        assert!(
            !d.message.starts_with(|c: char| c.is_ascii_uppercase()),
            "lowercase: {}",
            d.message
        );
        if d.is_error() {
            assert!(lowered.is_none(), "a check with an error is not lowered");
        } else {
            assert!(lowered.is_some(), "a warning does not stop lowering");
        }
        d
    }

    fn probe(check: &ir::HealthCheck) -> &ir::EndpointProbe {
        match &check.kind {
            ir::HealthCheckKind::Endpoint(p) => p,
            other => panic!("not a probe: {other:?}"),
        }
    }

    fn span_text(text: &str, span: Span) -> &str {
        &text[span.start as usize..span.end as usize]
    }

    // -- kinds --------------------------------------------------------------

    #[test]
    fn https_probe_gets_route53_defaults() {
        let (c, d) = lower(
            r#"check up { https "Shop.Example.com" path "/health" }"#,
            "up",
        );
        assert!(d.is_empty(), "{d:#?}");
        let c = c.unwrap();
        assert_eq!(c.name, "up");
        assert!(!c.inverted && !c.disabled);
        let p = probe(&c);
        assert_eq!(p.protocol, Protocol::Https);
        assert_eq!(p.fqdn.as_deref(), Some("shop.example.com"));
        assert_eq!(p.ip_address, None);
        assert_eq!(p.port, 443);
        assert_eq!(p.resource_path.as_deref(), Some("/health"));
        assert_eq!(p.search_string, None);
        assert_eq!(p.request_interval, 30);
        assert_eq!(p.failure_threshold, 3);
        assert!(p.regions.is_empty());
        assert!(!p.measure_latency);
        assert!(p.enable_sni);
    }

    #[test]
    fn full_probe_is_lowered() {
        let text = r#"check up {
            http 203.0.114.10 port 8080 host "www.example.com" path "/ok?x=1" every 10s
            unhealthy_after 5 expect "OK" from [us-west-2, eu-west-1, ap-southeast-1]
            measure_latency inverted disabled
        }"#;
        let (c, d) = lower(text, "up");
        assert!(d.is_empty(), "{d:#?}");
        let c = c.unwrap();
        assert!(c.inverted && c.disabled);
        let p = probe(&c);
        assert_eq!(p.protocol, Protocol::Http);
        assert_eq!(p.ip_address, Some("203.0.114.10".parse().unwrap()));
        assert_eq!(p.fqdn.as_deref(), Some("www.example.com"));
        assert_eq!(p.port, 8080);
        assert_eq!(p.resource_path.as_deref(), Some("/ok?x=1"));
        assert_eq!(p.search_string.as_deref(), Some("OK"));
        assert_eq!(p.request_interval, 10);
        assert_eq!(p.failure_threshold, 5);
        assert_eq!(p.regions, vec!["ap-southeast-1", "eu-west-1", "us-west-2"]);
        assert!(p.measure_latency);
        assert!(!p.enable_sni, "sni is only for https");
    }

    #[test]
    fn address_probe_without_host_has_no_fqdn() {
        let (c, d) = lower("check up { https 2001:db9::10 }", "up");
        assert!(d.is_empty(), "{d:#?}");
        let c = c.unwrap();
        let p = probe(&c);
        assert_eq!(p.ip_address, Some("2001:db9::10".parse().unwrap()));
        assert_eq!(p.fqdn, None);
    }

    #[test]
    fn unicode_host_becomes_punycode() {
        let (c, d) = lower(r#"check up { http "bücher.example" }"#, "up");
        assert!(d.is_empty(), "{d:#?}");
        let c = c.unwrap();
        assert_eq!(probe(&c).fqdn.as_deref(), Some("xn--bcher-kva.example"));
        assert_eq!(probe(&c).port, 80);
    }

    #[test]
    fn invalid_host_name() {
        let text = r#"check up { https "a..example.com" }"#;
        only(text, "up", "invalid-name", r#""a..example.com""#);
        let text = r#"check up { https 203.0.114.1 host "bad name" }"#;
        only(text, "up", "invalid-name", r#""bad name""#);
    }

    #[test]
    fn check_without_kind_is_missing_setting() {
        let text = "check nothing { every 10s inverted }";
        let d = only(text, "nothing", "missing-setting", "nothing");
        let hint = d.hints.join("\n");
        for form in ["https", "any(", "alarm", "recovery_control"] {
            assert!(hint.contains(form), "hint lists {form}: {hint}");
        }
    }

    #[test]
    fn two_kinds_conflict() {
        let text = r#"check both { https "a.example.com" alarm "x" in us-east-1 }"#;
        let d = only(
            text,
            "both",
            "conflicting-settings",
            r#"alarm "x" in us-east-1"#,
        );
        assert_eq!(
            span_text(text, d.secondary[0].span),
            r#"https "a.example.com""#
        );
        assert!(d.message.contains("an https check") && d.message.contains("CloudWatch alarm"));

        let text = r#"check both = any(a) { recovery_control "arn:aws:x:routingcontrol/y" }
                      check a { http "a.example.com" }"#;
        let d = only(
            text,
            "both",
            "conflicting-settings",
            r#""arn:aws:x:routingcontrol/y""#,
        );
        assert_eq!(span_text(text, d.secondary[0].span), "any(a)");
    }

    #[test]
    fn conflicting_kinds_still_report_their_own_problems() {
        let text = r#"check both { tcp 203.0.114.1 port 0 alarm "x" in us-est-1 }"#;
        let (c, d) = lower(text, "both");
        assert!(c.is_none());
        let mut codes = codes(&d);
        codes.sort();
        assert_eq!(
            codes,
            vec!["conflicting-settings", "out-of-range", "unknown-aws-region"]
        );
    }

    // -- settings that do not apply -----------------------------------------

    #[test]
    fn probe_settings_conflict_on_other_kinds() {
        let text = r#"check eu = any(a, b) {
            port 80 path "/x" host "h.example.com" every 10s unhealthy_after 2
            expect "OK" from [us-east-1, us-west-1, eu-west-1] measure_latency sni true
        }
        check a { http "a.example.com" }
        check b { http "b.example.com" }"#;
        let (c, d) = lower(text, "eu");
        assert!(c.is_none());
        assert_eq!(codes(&d), vec!["conflicting-settings"; 9], "{d:#?}");
        let path = d.iter().find(|d| d.message.starts_with("`path`")).unwrap();
        assert_eq!(
            path.message,
            "`path` applies only to http and https checks; `eu` is a calculated check"
        );
        assert_eq!(span_text(text, path.primary.span), r#""/x""#);
        assert_eq!(span_text(text, path.secondary[0].span), "any(a, b)");
        assert_eq!(path.hints, vec!["remove `path`"]);
    }

    #[test]
    fn probe_settings_conflict_on_alarm_and_recovery_control() {
        let text = r#"check al { alarm "x" in us-east-1 port 443 }"#;
        only(text, "al", "conflicting-settings", "443");
        let arn = "arn:aws:route53-recovery-control::123456789012:controlpanel/p/routingcontrol/r";
        let text = format!(r#"check rc {{ recovery_control "{arn}" measure_latency }}"#);
        only(&text, "rc", "conflicting-settings", "measure_latency");
    }

    #[test]
    fn path_on_tcp_conflicts() {
        let text = r#"check t { tcp 203.0.114.1 port 22 path "/x" }"#;
        let d = only(text, "t", "conflicting-settings", r#""/x""#);
        assert_eq!(span_text(text, d.secondary[0].span), "tcp");
    }

    #[test]
    fn expect_on_tcp_needs_http() {
        let text = r#"check t { tcp 203.0.114.1 port 22 expect "SSH" }"#;
        only(text, "t", "string-match-needs-http", r#""SSH""#);
    }

    #[test]
    fn sni_on_http_conflicts_and_sni_false_turns_it_off() {
        let text = r#"check h { http "a.example.com" sni false }"#;
        only(text, "h", "conflicting-settings", "false");
        let (c, d) = lower(r#"check h { https "a.example.com" sni false }"#, "h");
        assert!(d.is_empty());
        assert!(!probe(&c.unwrap()).enable_sni);
    }

    #[test]
    fn host_needs_an_address_target_and_http() {
        let text = r#"check h { https "a.example.com" host "b.example.com" }"#;
        let d = only(text, "h", "conflicting-settings", r#""b.example.com""#);
        assert!(d.message.contains("`a.example.com`"), "{}", d.message);
        let text = r#"check h { tcp 203.0.114.1 port 25 host "b.example.com" }"#;
        only(text, "h", "conflicting-settings", r#""b.example.com""#);
    }

    #[test]
    fn insufficient_data_only_on_alarms() {
        let text = r#"check h { https "a.example.com" insufficient_data healthy }"#;
        let d = only(text, "h", "conflicting-settings", "healthy");
        assert!(
            d.message.contains("CloudWatch alarm checks"),
            "{}",
            d.message
        );
    }

    // -- ranges ---------------------------------------------------------------

    #[test]
    fn port_range() {
        let d = only(
            "check p { tcp 203.0.114.1 port 70000 }",
            "p",
            "out-of-range",
            "70000",
        );
        assert_eq!(
            d.message,
            "port 70000 is out of range: Route 53 accepts 1 to 65535"
        );
        only(
            "check p { http 203.0.114.1 port 0 }",
            "p",
            "out-of-range",
            "0",
        );
        let (c, d) = lower("check p { tcp 203.0.114.1 port 65535 }", "p");
        assert!(d.is_empty());
        assert_eq!(probe(&c.unwrap()).port, 65535);
    }

    #[test]
    fn tcp_requires_a_port() {
        let text = "check t { tcp 203.0.114.1 }";
        only(text, "t", "missing-setting", "tcp 203.0.114.1");
    }

    #[test]
    fn port_protocol_mismatch_is_a_warning() {
        let d = only(
            r#"check h { http "a.example.com" port 443 }"#,
            "h",
            "port-protocol-mismatch",
            "443",
        );
        assert!(!d.is_error());
        only(
            r#"check h { https "a.example.com" port 80 }"#,
            "h",
            "port-protocol-mismatch",
            "80",
        );
    }

    #[test]
    fn request_interval_is_10_or_30() {
        let d = only(
            r#"check h { http "a.example.com" every 1m }"#,
            "h",
            "invalid-request-interval",
            "1m",
        );
        assert!(d.message.contains("60s"), "{}", d.message);
        let (c, _) = lower(r#"check h { http "a.example.com" every 30 }"#, "h");
        assert_eq!(probe(&c.unwrap()).request_interval, 30);
    }

    #[test]
    fn failure_threshold_range() {
        let d = only(
            r#"check h { http "a.example.com" unhealthy_after 12 }"#,
            "h",
            "out-of-range",
            "12",
        );
        assert_eq!(
            d.message,
            "failure threshold 12 is out of range: Route 53 accepts 1 to 10"
        );
        only(
            r#"check h { http "a.example.com" unhealthy_after 0 }"#,
            "h",
            "out-of-range",
            "0",
        );
    }

    #[test]
    fn path_and_search_string_length() {
        let long = "x".repeat(256);
        let text = format!(r#"check h {{ http "a.example.com" path "/{long}" }}"#);
        let d = only(&text, "h", "too-long", &format!(r#""/{long}""#));
        assert!(
            d.message.contains("257") && d.message.contains("255"),
            "{}",
            d.message
        );
        let text = format!(r#"check h {{ http "a.example.com" expect "{long}" }}"#);
        only(&text, "h", "too-long", &format!(r#""{long}""#));
        let ok = "é".repeat(255);
        let text = format!(r#"check h {{ http "a.example.com" expect "{ok}" }}"#);
        assert!(lower(&text, "h").1.is_empty(), "length counts characters");
    }

    #[test]
    fn path_must_start_with_slash() {
        let d = only(
            r#"check h { http "a.example.com" path "health" }"#,
            "h",
            "invalid-value",
            r#""health""#,
        );
        assert_eq!(d.hints, vec!["write `/health`"]);
    }

    // -- checker regions ----------------------------------------------------

    #[test]
    fn checker_region_must_be_a_health_checker_region() {
        let text =
            r#"check h { http "a.example.com" from [us-east-1, eu-wset-1, ap-southeast-1] }"#;
        let d = only(text, "h", "checker-regions", "eu-wset-1");
        assert_eq!(d.hints[0], "did you mean `eu-west-1`?");
        let text =
            r#"check h { http "a.example.com" from [us-east-1, eu-central-1, ap-southeast-1] }"#;
        let d = only(text, "h", "checker-regions", "eu-central-1");
        assert!(d.message.contains("AWS region, but not"), "{}", d.message);
    }

    #[test]
    fn checker_region_repeated() {
        let text =
            r#"check h { http "a.example.com" from [us-east-1, eu-west-1, us-west-1, us-east-1] }"#;
        let (_, d) = lower(text, "h");
        assert_eq!(codes(&d), vec!["checker-regions"]);
        assert_eq!(span_text(text, d[0].primary.span), "us-east-1");
        assert_eq!(
            d[0].primary.span.start as usize,
            text.rfind("us-east-1").unwrap()
        );
        assert_eq!(
            d[0].secondary[0].span.start as usize,
            text.find("us-east-1").unwrap()
        );
    }

    #[test]
    fn at_least_three_checker_regions() {
        let text = r#"check h { http "a.example.com" from [us-east-1, eu-west-1] }"#;
        let d = only(text, "h", "checker-regions", "[us-east-1, eu-west-1]");
        assert_eq!(
            d.message,
            "2 checker regions given: Route 53 needs at least 3"
        );
        only(
            r#"check h { http "a.example.com" from [] }"#,
            "h",
            "checker-regions",
            "[]",
        );
    }

    // -- addresses ----------------------------------------------------------

    /// Every address in a range that RFC 5735, RFC 6598 or RFC 5156 lists
    /// (and the later NAT64, benchmarking and documentation prefixes) is
    /// rejected, naming the range and its RFC.
    #[test]
    fn addresses_in_special_ranges_are_rejected() {
        for (ip, range) in [
            ("10.1.2.3", "10.0.0.0/8 (private use, RFC 5735)"),
            ("172.16.0.1", "172.16.0.0/12 (private use, RFC 5735)"),
            ("172.31.255.255", "172.16.0.0/12 (private use, RFC 5735)"),
            ("192.168.1.1", "192.168.0.0/16 (private use, RFC 5735)"),
            (
                "100.64.0.1",
                "100.64.0.0/10 (shared address space, carrier-grade NAT, RFC 6598)",
            ),
            ("127.0.0.1", "127.0.0.0/8 (loopback, RFC 5735)"),
            ("169.254.169.254", "169.254.0.0/16 (link local, RFC 5735)"),
            ("224.0.0.1", "224.0.0.0/4 (multicast, RFC 5735)"),
            ("0.0.0.0", "0.0.0.0/8 (\"this\" network, RFC 5735)"),
            (
                "255.255.255.255",
                "255.255.255.255/32 (limited broadcast, RFC 5735)",
            ),
            (
                "192.0.2.1",
                "192.0.2.0/24 (documentation, TEST-NET-1, RFC 5735)",
            ),
            (
                "198.51.100.7",
                "198.51.100.0/24 (documentation, TEST-NET-2, RFC 5735)",
            ),
            (
                "203.0.113.50",
                "203.0.113.0/24 (documentation, TEST-NET-3, RFC 5735)",
            ),
            ("198.18.0.1", "198.18.0.0/15 (benchmarking, RFC 5735)"),
            ("198.19.255.254", "198.18.0.0/15 (benchmarking, RFC 5735)"),
            (
                "240.0.0.1",
                "240.0.0.0/4 (reserved for future use, RFC 5735)",
            ),
            (
                "192.88.99.1",
                "192.88.99.0/24 (6to4 relay anycast, RFC 5735)",
            ),
            (
                "192.0.0.8",
                "192.0.0.0/24 (IETF protocol assignments, RFC 5735)",
            ),
            ("::1", "::1/128 (loopback, RFC 5156)"),
            ("::", "::/128 (unspecified, RFC 5156)"),
            ("fe80::1", "fe80::/10 (link local, RFC 5156)"),
            ("fd00::1", "fc00::/7 (unique local, RFC 5156)"),
            ("fc00::1", "fc00::/7 (unique local, RFC 5156)"),
            ("ff02::1", "ff00::/8 (multicast, RFC 5156)"),
            ("2001:db8::1", "2001:db8::/32 (documentation, RFC 5156)"),
            ("2002:cb00:7101::1", "2002::/16 (6to4, RFC 5156)"),
            ("2001::1", "2001::/32 (Teredo, RFC 5156)"),
            ("2001:10::1", "2001:10::/28 (ORCHID, RFC 5156)"),
            ("::ffff:10.0.0.1", "::ffff:0:0/96 (IPv4-mapped, RFC 5156)"),
            ("::ffff:8.8.8.8", "::ffff:0:0/96 (IPv4-mapped, RFC 5156)"),
            (
                "64:ff9b::808:808",
                "64:ff9b::/96 (NAT64 well-known prefix, RFC 6052)",
            ),
            ("3fff::1", "3fff::/20 (documentation, RFC 9637)"),
        ] {
            let text = format!("check h {{ http {ip} }}");
            let d = only(&text, "h", "private-address", ip);
            assert!(
                d.message.starts_with(&format!("{ip} is in {range}: ")),
                "{}",
                d.message
            );
            assert!(
                d.message
                    .contains("Route 53 cannot check the health of endpoints in local"),
                "{}",
                d.message
            );
        }
    }

    #[test]
    fn special_address_hints_fit_the_range() {
        let hint = |ip: &str| {
            only(
                &format!("check h {{ http {ip} }}"),
                "h",
                "private-address",
                ip,
            )
            .hints
            .join("\n")
        };
        assert!(hint("192.0.2.10").contains("documentation address"));
        assert!(hint("10.0.0.1").contains("CloudWatch alarm check"));
        assert_eq!(
            hint("::ffff:8.8.8.8"),
            "this address stands for the IPv4 address 8.8.8.8: probe 8.8.8.8"
        );
        assert_eq!(
            hint("64:ff9b::808:808"),
            "this address stands for the IPv4 address 8.8.8.8: probe 8.8.8.8"
        );
        // The IPv4 address it stands for is not checkable either.
        assert!(!hint("::ffff:10.0.0.1").contains("probe 10.0.0.1"));
    }

    #[test]
    fn public_addresses_are_accepted() {
        for ip in [
            "8.8.8.8",
            "172.32.0.1",
            "100.128.0.1",
            "192.0.3.1",
            "198.51.101.7",
            "203.0.114.50",
            "198.20.0.1",
            "2600:1f18::1",
            "2001:db9::1",
            "2001:4860:4860::8888",
        ] {
            let (c, d) = lower(&format!("check h {{ http {ip} }}"), "h");
            assert!(d.is_empty(), "{ip}: {d:#?}");
            assert!(c.is_some());
        }
    }

    // -- calculated checks --------------------------------------------------

    const CHILDREN: &str = r#"
        check a { http "a.example.com" }
        check b { http "b.example.com" }
        check c { http "c.example.com" }
    "#;

    fn calculated(check: &ir::HealthCheck) -> (Vec<&str>, u32) {
        match &check.kind {
            ir::HealthCheckKind::Calculated {
                children,
                threshold,
            } => (children.iter().map(String::as_str).collect(), *threshold),
            other => panic!("not calculated: {other:?}"),
        }
    }

    #[test]
    fn calculated_thresholds() {
        for (calc, threshold) in [
            ("all(c, a, b)", 3),
            ("any(c, a, b)", 1),
            ("at_least(2, c, a, b)", 2),
        ] {
            let text = format!("check x = {calc} {CHILDREN}");
            let (c, d) = lower(&text, "x");
            assert!(d.is_empty(), "{d:#?}");
            assert_eq!(
                calculated(&c.unwrap()),
                (vec!["a", "b", "c"], threshold),
                "{calc}"
            );
        }
        let text = format!("check x {{ at_least(0, a) inverted }} {CHILDREN}");
        let (c, d) = lower(&text, "x");
        assert!(d.is_empty(), "{d:#?}");
        let c = c.unwrap();
        assert!(c.inverted);
        assert_eq!(calculated(&c).1, 0);
    }

    #[test]
    fn calculated_unknown_child() {
        let text = format!("check x = any(a, bb) {CHILDREN}");
        let d = only(&text, "x", "unknown-reference", "bb");
        assert_eq!(d.hints, vec!["did you mean `b`?"]);
    }

    #[test]
    fn calculated_duplicate_child() {
        let text = format!("check x = all(a, b, a) {CHILDREN}");
        let d = only(&text, "x", "duplicate-definition", "a");
        assert_eq!(d.primary.span.start as usize, text.find("a)").unwrap());
        assert_eq!(d.secondary[0].span.start as usize, text.find("a,").unwrap());
    }

    #[test]
    fn calculated_self_reference() {
        let text = format!("check x = any(a, x) {CHILDREN}");
        let d = only(&text, "x", "reference-cycle", "x");
        assert_eq!(d.primary.span.start as usize, text.find("x)").unwrap());
    }

    #[test]
    fn calculated_without_children() {
        only("check x = any()", "x", "missing-setting", "any()");
    }

    #[test]
    fn at_least_needs_a_count_and_all_any_take_none() {
        let text = format!("check x = at_least(a, b) {CHILDREN}");
        only(&text, "x", "missing-setting", "at_least");
        let text = format!("check x = all(2, a, b) {CHILDREN}");
        let d = only(&text, "x", "conflicting-settings", "2");
        assert!(d.hints[0].contains("at_least(2"), "{:?}", d.hints);
        let text = format!("check x = any(1, a, b) {CHILDREN}");
        only(&text, "x", "conflicting-settings", "1");
    }

    #[test]
    fn threshold_range() {
        let text = format!("check x = at_least(257, a, b) {CHILDREN}");
        let d = only(&text, "x", "out-of-range", "257");
        assert_eq!(
            d.message,
            "health threshold 257 is out of range: Route 53 accepts 0 to 256"
        );
        let text = format!("check x = at_least(-1, a, b) {CHILDREN}");
        only(&text, "x", "out-of-range", "-1");
    }

    #[test]
    fn threshold_above_children_warns_and_still_lowers() {
        let text = format!("check x = at_least(3, a, b) {CHILDREN}");
        let d = only(&text, "x", "threshold-above-children", "3");
        assert!(d.message.contains("always unhealthy"), "{}", d.message);
        let (c, _) = lower(&text, "x");
        assert_eq!(calculated(&c.unwrap()), (vec!["a", "b"], 3));
    }

    // -- settings that flap or cannot fail ------------------------------------

    #[test]
    fn one_request_every_ten_seconds_flaps() {
        let text = r#"check h { https "a.example.com" every 10s unhealthy_after 1 }"#;
        let d = only(text, "h", "flapping-check", "1");
        assert_eq!(span_text(text, d.secondary[0].span), "10s");
        assert!(d.message.contains("single request"), "{}", d.message);
        // Either setting alone, or a slower pace, is fine.
        for ok in [
            r#"check h { https "a.example.com" every 10s unhealthy_after 2 }"#,
            r#"check h { https "a.example.com" every 10s }"#,
            r#"check h { https "a.example.com" every 30s unhealthy_after 1 }"#,
            r#"check h { tcp "a.example.com" port 22 unhealthy_after 1 }"#,
        ] {
            let (c, d) = lower(ok, "h");
            assert!(d.is_empty() && c.is_some(), "{ok}: {d:#?}");
        }
    }

    #[test]
    fn threshold_zero_cannot_fail() {
        let text = format!("check x = at_least(0, a, b) {CHILDREN}");
        let d = only(&text, "x", "check-cannot-fail", "0");
        assert!(d.message.contains("always healthy"), "{}", d.message);
        // Inverted, it is always unhealthy instead: not this warning.
        let text = format!("check x {{ at_least(0, a) inverted }} {CHILDREN}");
        assert!(lower(&text, "x").1.is_empty());
    }

    const ALARMS: &str = r#"
        check a { https "a.example.com" }
        check b { https "b.example.com" }
        check al_healthy { alarm "x" in us-east-1  insufficient_data healthy }
        check al2_healthy { alarm "y" in us-east-1  insufficient_data healthy }
        check al_unhealthy { alarm "z" in us-east-1  insufficient_data unhealthy }
        check al_last { alarm "w" in us-east-1 }
        check al_inverted { alarm "v" in us-east-1  insufficient_data healthy  inverted }
        check off { https "c.example.com" disabled }
        check off_inverted { https "d.example.com" disabled inverted }
        check zero = at_least(0, a)
    "#;

    #[test]
    fn children_healthy_without_data_that_meet_the_threshold() {
        let text = format!("check x = any(a, al_healthy) {ALARMS}");
        let d = only(&text, "x", "check-cannot-fail", "any(a, al_healthy)");
        assert!(
            d.message.contains("insufficient data for `al_healthy`"),
            "{}",
            d.message
        );
        assert_eq!(
            span_text(&text, d.secondary[0].span),
            "healthy",
            "points at the child's `insufficient_data healthy`"
        );
        let text = format!("check x = at_least(2, a, b, al_healthy, al2_healthy) {ALARMS}");
        let d = only(
            &text,
            "x",
            "check-cannot-fail",
            "at_least(2, a, b, al_healthy, al2_healthy)",
        );
        assert!(
            d.message.contains(
                "for `al_healthy` and `al2_healthy`: 2 of its children then count as healthy"
            ),
            "{}",
            d.message
        );
        assert_eq!(d.secondary.len(), 2);
        // A disabled child adds to the count.
        let text = format!("check x = at_least(2, a, off, al_healthy) {ALARMS}");
        let d = only(
            &text,
            "x",
            "check-cannot-fail",
            "at_least(2, a, off, al_healthy)",
        );
        assert!(
            d.message
                .contains("2 of its children then count as healthy (`al_healthy` and `off`)"),
            "{}",
            d.message
        );
    }

    #[test]
    fn children_that_still_can_fail_the_calculation() {
        for calc in [
            // Other children must be healthy too.
            "at_least(2, a, b, al_healthy)",
            "all(a, al_healthy)",
            // Missing data makes these unhealthy or keeps the last status.
            "any(a, al_unhealthy)",
            "any(a, al_last)",
            // Inverted children report the opposite.
            "any(a, al_inverted)",
            "any(a, off_inverted)",
            // A disabled child that does not meet the threshold alone: the
            // way examples/checks.steer stages a new check.
            "all(a, b, off)",
        ] {
            let text = format!("check x = {calc} {ALARMS}");
            let (c, d) = lower(&text, "x");
            assert!(d.is_empty() && c.is_some(), "{calc}: {d:#?}");
        }
        // An inverted calculation is left alone.
        let text = format!("check x {{ any(a, al_healthy) inverted }} {ALARMS}");
        assert!(lower(&text, "x").1.is_empty());
    }

    #[test]
    fn always_healthy_children_that_meet_the_threshold() {
        let text = format!("check x = any(a, off) {ALARMS}");
        let d = only(&text, "x", "check-cannot-fail", "any(a, off)");
        assert!(
            d.message.contains("is always healthy") && d.message.contains("`off` always counts"),
            "{}",
            d.message
        );
        assert_eq!(span_text(&text, d.secondary[0].span), "disabled");
        let text = format!("check x = at_least(2, a, off, zero) {ALARMS}");
        let d = only(&text, "x", "check-cannot-fail", "at_least(2, a, off, zero)");
        assert_eq!(d.secondary.len(), 2);
    }

    #[test]
    fn too_many_children() {
        let names: Vec<String> = (0..257).map(|i| format!("c{i}")).collect();
        let mut text = format!("check x = any({})\n", names.join(", "));
        for n in &names {
            text.push_str(&format!("check {n} {{ http \"{n}.example.com\" }}\n"));
        }
        let d = only(
            &text,
            "x",
            "too-many-children",
            &format!("any({})", names.join(", ")),
        );
        assert!(
            d.message.contains("257") && d.message.contains("256"),
            "{}",
            d.message
        );
        let text = text.replacen("any(c0, ", "any(", 1);
        let (c, d) = lower(&text, "x");
        assert!(d.is_empty(), "256 children are allowed: {d:#?}");
        assert_eq!(calculated(&c.unwrap()).0.len(), 256);
    }

    // -- alarms -------------------------------------------------------------

    #[test]
    fn alarm_check() {
        let (c, d) = lower(r#"check al { alarm "api-5xx" in eu-west-1 }"#, "al");
        assert!(d.is_empty(), "{d:#?}");
        match c.unwrap().kind {
            ir::HealthCheckKind::CloudWatchAlarm {
                alarm_name,
                region,
                insufficient_data,
            } => {
                assert_eq!(alarm_name, "api-5xx");
                assert_eq!(region, "eu-west-1");
                assert_eq!(insufficient_data, ir::InsufficientData::LastKnownStatus);
            }
            other => panic!("{other:?}"),
        }
        for (word, value) in INSUFFICIENT_DATA {
            let text = format!(r#"check al {{ alarm "x" in us-east-1 insufficient_data {word} }}"#);
            let (c, d) = lower(&text, "al");
            assert!(d.is_empty(), "{d:#?}");
            assert!(matches!(
                c.unwrap().kind,
                ir::HealthCheckKind::CloudWatchAlarm { insufficient_data, .. } if insufficient_data == value
            ));
        }
    }

    #[test]
    fn alarm_insufficient_data_value() {
        let text = r#"check al { alarm "x" in us-east-1 insufficient_data unhealty }"#;
        let d = only(text, "al", "invalid-value", "unhealty");
        assert_eq!(d.hints[0], "did you mean `unhealthy`?");
    }

    #[test]
    fn alarm_region_must_be_an_aws_region() {
        let d = only(
            r#"check al { alarm "x" in eu-wset-1 }"#,
            "al",
            "unknown-aws-region",
            "eu-wset-1",
        );
        assert_eq!(d.hints, vec!["did you mean `eu-west-1`?"]);
        let text = r#"region ireland { aws "eu-west-1" }
                      check al { alarm "x" in ireland }"#;
        let d = only(text, "al", "unknown-aws-region", "ireland");
        assert!(d.hints[0].contains("`in eu-west-1`"), "{:?}", d.hints);
    }

    #[test]
    fn alarm_name_limits() {
        only(
            r#"check al { alarm "" in us-east-1 }"#,
            "al",
            "invalid-value",
            r#""""#,
        );
        let long = "a".repeat(257);
        let text = format!(r#"check al {{ alarm "{long}" in us-east-1 }}"#);
        only(&text, "al", "too-long", &format!(r#""{long}""#));
    }

    // -- routing controls ---------------------------------------------------

    #[test]
    fn recovery_control_arn() {
        let arn =
            "arn:aws:route53-recovery-control::123456789012:controlpanel/abc/routingcontrol/def";
        let (c, d) = lower(&format!(r#"check rc {{ recovery_control "{arn}" }}"#), "rc");
        assert!(d.is_empty(), "{d:#?}");
        assert!(matches!(
            c.unwrap().kind,
            ir::HealthCheckKind::RecoveryControl { routing_control_arn } if routing_control_arn == arn
        ));
        for bad in [
            "not-an-arn",
            "arn:aws:route53-recovery-control::1:controlpanel/abc",
            "arn:aws:x:routingcontrol/",
        ] {
            let text = format!(r#"check rc {{ recovery_control "{bad}" }}"#);
            only(&text, "rc", "invalid-value", &format!(r#""{bad}""#));
        }
    }

    // -- through the whole check stage ---------------------------------------

    #[test]
    fn sketch_checks_pass_the_check_stage() {
        let text = r#"zone "myshop.com" { ttl 60s }
check ireland_up {
  https "ireland.myshop.com" path "/health"
  every 10s
  unhealthy_after 3
  expect "OK"
  from [us-east-1, eu-west-1, ap-southeast-1]
}
check frankfurt_up { https "frankfurt.myshop.com" path "/health" }
check virginia_up  { tcp 203.0.114.50 port 443 }
check eu_up = any(ireland_up, frankfurt_up)
check bad { http 192.168.0.1 }
"#;
        let (file, parse_diagnostics) = crate::syntax::parse_file(FileId(0), text);
        assert!(parse_diagnostics.is_empty(), "{parse_diagnostics:#?}");
        let checked = crate::check::check(&[(FileId(0), file)]);
        assert_eq!(
            codes(&checked.diagnostics),
            vec!["private-address"],
            "{:#?}",
            checked.diagnostics
        );
        // The zone has an error, so no configuration; drop the bad check and
        // the rest lowers.
        assert!(checked.configs.is_empty());
        let text = text.replace("check bad { http 192.168.0.1 }\n", "");
        let (file, _) = crate::syntax::parse_file(FileId(0), &text);
        let checked = crate::check::check(&[(FileId(0), file)]);
        assert!(checked.diagnostics.is_empty(), "{:#?}", checked.diagnostics);
        let checks = &checked.configs[0].checks;
        assert_eq!(
            checks.keys().map(String::as_str).collect::<Vec<_>>(),
            vec!["eu_up", "frankfurt_up", "ireland_up", "virginia_up"]
        );
        assert_eq!(
            calculated(&checks["eu_up"]),
            (vec!["frankfurt_up", "ireland_up"], 1)
        );
        assert_eq!(
            probe(&checks["ireland_up"]).search_string.as_deref(),
            Some("OK")
        );
    }

    // -- everything at once -------------------------------------------------

    #[test]
    fn every_problem_is_reported() {
        let text = r#"check h {
            tcp 10.0.0.1 port 99999 every 15s unhealthy_after 11 expect "x" path "y" sni true
            from [us-east-1, us-east-1]
        }"#;
        let (c, d) = lower(text, "h");
        assert!(c.is_none());
        let mut codes = codes(&d);
        codes.sort();
        assert_eq!(
            codes,
            vec![
                "checker-regions",
                "checker-regions",
                "conflicting-settings",
                "conflicting-settings",
                "invalid-request-interval",
                "out-of-range",
                "out-of-range",
                "private-address",
                "string-match-needs-http",
            ],
            "{d:#?}"
        );
    }
}
