//! Probes: http, https and tcp checks of a host name or an address, with
//! Route 53's limits on ports, intervals, thresholds, paths, search
//! strings and checker regions.

use super::Kind;
use crate::check::{ir, CheckCode};
use crate::diagnostic::{did_you_mean, Diagnostic, Diagnostics};
use crate::dns_name;
use crate::net_ranges::{self, RangeKind, SpecialRange};
use crate::source::{Span, Spanned};
use crate::syntax::ast::{self, Host, Ident, Protocol};
use std::collections::HashMap;
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

/// Lowers a probe; the result is only used when no error was reported.
pub(super) fn lower_probe(
    def: &ast::CheckDef,
    probe: &ast::Probe,
    diagnostics: &mut Diagnostics,
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
    diagnostics: &mut Diagnostics,
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
fn ascii_name(written: &str, span: Span, diagnostics: &mut Diagnostics) -> Option<String> {
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
fn checker_regions(from: &Spanned<Vec<Ident>>, diagnostics: &mut Diagnostics) -> Vec<String> {
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
