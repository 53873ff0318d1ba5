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
use crate::source::{Span, Spanned};
use crate::syntax::ast::{self, CalcFunction, Host, Ident, Protocol};
use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Route 53's `RequestInterval` values, in seconds.
const REQUEST_INTERVALS: [u64; 2] = [10, 30];
const DEFAULT_REQUEST_INTERVAL: u32 = 30;
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
                 or `tcp 203.0.113.10 port 443`); a calculation (`check {name} = any(a, b)`, \
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
                             `{keyword} 203.0.113.10 host \"{}\"`",
                            header.value
                        )),
                    );
                }
            }
            (None, fqdn)
        }
        Host::Address(ip) => {
            if let Some(reason) = unreachable_reason(*ip) {
                diagnostics.push(
                    Diagnostic::new(
                        CheckCode::PrivateAddress,
                        probe.host.span,
                        format!(
                            "{ip} is {reason}: Route 53 rejects health checks on addresses \
                             that are not reachable from the internet"
                        ),
                    )
                    .label("not reachable by Route 53's health checkers")
                    .hint(
                        "Route 53 probes from its own regions over the internet: use the \
                         endpoint's public address or a public host name",
                    ),
                );
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

/// Why Route 53 cannot health-check an address, if it cannot. The
/// documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24,
/// 2001:db8::/32) are deliberately allowed: examples use them.
fn unreachable_reason(ip: IpAddr) -> Option<&'static str> {
    match ip {
        IpAddr::V4(v4) => unreachable_v4(v4),
        IpAddr::V6(v6) => unreachable_v6(v6),
    }
}

fn unreachable_v4(ip: Ipv4Addr) -> Option<&'static str> {
    let [a, b, ..] = ip.octets();
    Some(if a == 0 {
        "an unspecified address (0.0.0.0/8)"
    } else if ip.is_private() {
        "a private address (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16)"
    } else if a == 100 && (b & 0xc0) == 64 {
        "a shared carrier-grade NAT address (100.64.0.0/10)"
    } else if ip.is_loopback() {
        "a loopback address (127.0.0.0/8)"
    } else if ip.is_link_local() {
        "a link-local address (169.254.0.0/16)"
    } else if ip.is_multicast() {
        "a multicast address (224.0.0.0/4)"
    } else if ip.is_broadcast() {
        "the broadcast address"
    } else {
        return None;
    })
}

fn unreachable_v6(ip: Ipv6Addr) -> Option<&'static str> {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return unreachable_v4(v4);
    }
    let first = ip.segments()[0];
    Some(if ip.is_unspecified() {
        "the unspecified address (::)"
    } else if ip.is_loopback() {
        "the loopback address (::1)"
    } else if first & 0xffc0 == 0xfe80 {
        "a link-local address (fe80::/10)"
    } else if first & 0xfe00 == 0xfc00 {
        "a unique-local address (fc00::/7)"
    } else if ip.is_multicast() {
        "a multicast address (ff00::/8)"
    } else {
        return None;
    })
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
    ir::HealthCheckKind::Calculated {
        children,
        threshold,
    }
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
            http 203.0.113.10 port 8080 host "www.example.com" path "/ok?x=1" every 10s
            unhealthy_after 5 expect "OK" from [us-west-2, eu-west-1, ap-southeast-1]
            measure_latency inverted disabled
        }"#;
        let (c, d) = lower(text, "up");
        assert!(d.is_empty(), "{d:#?}");
        let c = c.unwrap();
        assert!(c.inverted && c.disabled);
        let p = probe(&c);
        assert_eq!(p.protocol, Protocol::Http);
        assert_eq!(p.ip_address, Some("203.0.113.10".parse().unwrap()));
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
        let (c, d) = lower("check up { https 2001:db8::10 }", "up");
        assert!(d.is_empty(), "{d:#?}");
        let c = c.unwrap();
        let p = probe(&c);
        assert_eq!(p.ip_address, Some("2001:db8::10".parse().unwrap()));
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
        let text = r#"check up { https 203.0.113.1 host "bad name" }"#;
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
        let text = r#"check both { tcp 203.0.113.1 port 0 alarm "x" in us-est-1 }"#;
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
        let text = r#"check t { tcp 203.0.113.1 port 22 path "/x" }"#;
        let d = only(text, "t", "conflicting-settings", r#""/x""#);
        assert_eq!(span_text(text, d.secondary[0].span), "tcp");
    }

    #[test]
    fn expect_on_tcp_needs_http() {
        let text = r#"check t { tcp 203.0.113.1 port 22 expect "SSH" }"#;
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
        let text = r#"check h { tcp 203.0.113.1 port 25 host "b.example.com" }"#;
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
            "check p { tcp 203.0.113.1 port 70000 }",
            "p",
            "out-of-range",
            "70000",
        );
        assert_eq!(
            d.message,
            "port 70000 is out of range: Route 53 accepts 1 to 65535"
        );
        only(
            "check p { http 203.0.113.1 port 0 }",
            "p",
            "out-of-range",
            "0",
        );
        let (c, d) = lower("check p { tcp 203.0.113.1 port 65535 }", "p");
        assert!(d.is_empty());
        assert_eq!(probe(&c.unwrap()).port, 65535);
    }

    #[test]
    fn tcp_requires_a_port() {
        let text = "check t { tcp 203.0.113.1 }";
        only(text, "t", "missing-setting", "tcp 203.0.113.1");
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

    #[test]
    fn unreachable_addresses_are_rejected() {
        for ip in [
            "10.1.2.3",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "100.64.0.1",
            "127.0.0.1",
            "169.254.169.254",
            "224.0.0.1",
            "0.0.0.0",
            "255.255.255.255",
            "::1",
            "::",
            "fe80::1",
            "fd00::1",
            "fc00::1",
            "ff02::1",
            "::ffff:10.0.0.1",
        ] {
            let text = format!("check h {{ http {ip} }}");
            let d = only(&text, "h", "private-address", ip);
            assert!(
                d.message.contains("Route 53 rejects health checks"),
                "{}",
                d.message
            );
        }
    }

    #[test]
    fn public_and_documentation_addresses_are_accepted() {
        for ip in [
            "192.0.2.1",
            "198.51.100.7",
            "203.0.113.50",
            "2001:db8::1",
            "8.8.8.8",
            "172.32.0.1",
            "100.128.0.1",
            "2600:1f18::1",
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
check virginia_up  { tcp 203.0.113.50 port 443 }
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
