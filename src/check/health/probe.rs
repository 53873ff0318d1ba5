//! Probes: http, https and tcp checks of a host name or an address, with
//! Route 53's limits on ports, intervals, thresholds, paths, search
//! strings and checker regions.
//!
//! Some of these are Route 53's own and are applied only with
//! [`CheckOptions::route53_rules`]: the special-purpose addresses it
//! cannot probe, its two request intervals, its checker regions, the
//! lengths of `ResourcePath` and `SearchString`, and the `flapping-check`
//! warning (its 10 s interval and failure threshold). Without them the values
//! are carried into the IR as written (an interval of 1 s, a loopback
//! address), for a target that probes by itself (PowerDNS) and checks its
//! own limits when building. The rest (ports, failure threshold, a path
//! starting with `/`, settings that need HTTP or TLS) hold for any prober.

use crate::check::{ir, messages, CheckOptions, Symbols};
use crate::diagnostic::{did_you_mean, Diagnostic, Diagnostics};
use crate::dns_name;
use crate::net_ranges::{self, RangeKind, SpecialRange};
use crate::source::{Span, Spanned};
use crate::syntax::ast::{self, Host, Ident, Protocol};
use rustc_hash::FxHashMap;
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
    symbols: &Symbols,
    options: CheckOptions,
    diagnostics: &mut Diagnostics,
) -> ir::EndpointProbe {
    let route53 = options.route53_rules;
    let Spanned {
        value: protocol,
        span: proto_span,
    } = probe.protocol();
    let is_http = protocol != Protocol::Tcp;

    // Target: a name to resolve, or an address (with an optional Host/SNI
    // name); either may be an input. The rules that need the address
    // (private ranges) apply to a bound value, like a literal's.
    let header = |diagnostics: &mut Diagnostics| {
        let h = def.host.as_ref().filter(|_| is_http)?;
        symbols.lower_value(h, diagnostics, |h, diagnostics| {
            ascii_name(&h.value, h.span, diagnostics)
        })
    };
    let named = |probed: String, diagnostics: &mut Diagnostics| {
        if let (Some(h), true) = (&def.host, is_http) {
            diagnostics.push(messages::host_on_named_probe(
                protocol,
                &probed,
                &h.written(),
                h.span(),
                probe.host.span,
            ));
        }
    };
    let (ip_address, fqdn) = match &probe.host.value {
        Host::Name(host_name) => {
            let fqdn = ascii_name(host_name, probe.host.span, diagnostics);
            named(host_name.clone(), diagnostics);
            (None, fqdn.map(ir::Value::Literal))
        }
        Host::Address(ip) => {
            if let Some(range) = net_ranges::special_range(*ip).filter(|_| route53) {
                diagnostics.push(uncheckable_address(*ip, range, probe.host.span));
            }
            (Some(ir::Value::Literal(*ip)), header(diagnostics))
        }
        Host::Input {
            name,
            address: false,
        } => {
            let input = ast::ValueDef::Input((**name).clone());
            let fqdn = symbols.lower_value(&input, diagnostics, |h, diagnostics| {
                ascii_name(&h.value, h.span, diagnostics)
            });
            named(input.written(), diagnostics);
            (None, fqdn)
        }
        Host::Input {
            name,
            address: true,
        } => {
            let input = ast::ValueDef::Input((**name).clone());
            let ip = symbols.lower_value(&input, diagnostics, |v, diagnostics| {
                let Ok(ip) = v.value.parse::<IpAddr>() else {
                    diagnostics.push(messages::probed_input_not_an_address(&v.value, v.span));
                    return None;
                };
                if let Some(range) = net_ranges::special_range(ip) {
                    diagnostics.push(uncheckable_address(ip, range, v.span));
                }
                Some(ip)
            });
            (ip, header(diagnostics))
        }
    };
    if let (Some(header), false) = (&def.host, is_http) {
        diagnostics.push(messages::host_on_tcp(header.span(), proto_span));
    }

    let port = match &def.port() {
        Some(p) => match u16::try_from(p.value) {
            Ok(port) if port >= 1 => {
                port_mismatch(protocol, p, proto_span, diagnostics);
                port
            }
            _ => {
                diagnostics.push(messages::port_out_of_range(p.value, p.span));
                0
            }
        },
        None => match protocol {
            Protocol::Http => 80,
            Protocol::Https => 443,
            Protocol::Tcp => {
                diagnostics.push(messages::tcp_without_port(&def.name.name, probe.span));
                0
            }
        },
    };

    let request_interval = match &def.every() {
        Some(every) if route53 && !REQUEST_INTERVALS.contains(&every.value.0) => {
            diagnostics.push(messages::request_interval(every.value.0, every.span));
            DEFAULT_REQUEST_INTERVAL
        }
        // Without Route 53's rules any interval is carried; the target
        // checks its own limits (PowerDNS: whole seconds, at least 1).
        Some(every) => u32::try_from(every.value.0).unwrap_or_else(|_| {
            diagnostics.push(messages::request_interval_too_long(
                every.value.0,
                u32::MAX,
                every.span,
            ));
            DEFAULT_REQUEST_INTERVAL
        }),
        None => DEFAULT_REQUEST_INTERVAL,
    };

    let failure_threshold = match &def.unhealthy_after() {
        Some(n) if (1..=MAX_FAILURE_THRESHOLD).contains(&n.value) => n.value as u32,
        Some(n) => {
            diagnostics.push(messages::failure_threshold_out_of_range(
                n.value,
                MAX_FAILURE_THRESHOLD,
                n.span,
            ));
            DEFAULT_FAILURE_THRESHOLD
        }
        None => DEFAULT_FAILURE_THRESHOLD,
    };

    // Route 53's flapping: PowerDNS has no failure threshold.
    if let (Some(every), Some(after), true) = (&def.every(), &def.unhealthy_after(), route53) {
        if every.value.0 == FAST_REQUEST_INTERVAL && after.value == 1 {
            diagnostics.push(messages::flapping_check(
                &def.name.name,
                after.span,
                every.span,
            ));
        }
    }

    let resource_path = def.path.as_ref().map(|path| {
        if !is_http {
            diagnostics.push(messages::path_on_tcp(path.span, proto_span));
        } else {
            let len = path.value.chars().count();
            if route53 && len > MAX_PATH_LEN {
                diagnostics.push(messages::path_too_long(len, MAX_PATH_LEN, path.span));
            }
            if !path.value.starts_with('/') {
                diagnostics.push(messages::path_not_absolute(&path.value, path.span));
            }
        }
        path.value.as_str().into()
    });

    let search_string = def.rare().expect.as_ref().map(|expect| {
        if !is_http {
            diagnostics.push(messages::expect_on_tcp(expect.span, proto_span));
        } else {
            let len = expect.value.chars().count();
            if route53 && len > MAX_SEARCH_STRING_LEN {
                diagnostics.push(messages::search_string_too_long(
                    len,
                    MAX_SEARCH_STRING_LEN,
                    expect.span,
                ));
            }
        }
        expect.value.clone()
    });

    if let (Some(sni), false) = (&def.rare().sni, protocol == Protocol::Https) {
        diagnostics.push(messages::sni_without_tls(protocol, sni.span, proto_span));
    }
    let enable_sni = protocol == Protocol::Https && def.rare().sni.as_ref().is_none_or(|s| s.value);

    let regions = match &def.rare().from {
        Some(from) => checker_regions(from, route53, diagnostics),
        None => Vec::new(),
    };

    ir::EndpointProbe {
        protocol,
        ip_address,
        fqdn,
        port,
        resource_path,
        request_interval,
        failure_threshold,
        measure_latency: def.measure_latency().is_some(),
        enable_sni,
        rare: ir::ProbeExtras {
            search_string,
            regions,
        }
        .some()
        .into(),
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
    let usual = match (protocol, port.value) {
        (Protocol::Http, 443) => Protocol::Https,
        (Protocol::Https, 80) => Protocol::Http,
        _ => return,
    };
    diagnostics.push(messages::port_protocol_mismatch(
        protocol, usual, port.value, port.span, proto_span,
    ));
}

/// A host name in ASCII form, or `None` after reporting why it is invalid.
fn ascii_name(written: &str, span: Span, diagnostics: &mut Diagnostics) -> Option<String> {
    match dns_name::to_ascii(written) {
        Ok(ascii) => Some(ascii),
        Err(e) => {
            diagnostics.push(messages::invalid_dns_name(written, &e, span));
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
    messages::private_address(ip, range, embedded, span)
}

/// `from [...]`: distinct Route 53 checker regions, at least three, sorted.
/// Without Route 53's rules they are carried as written, sorted and without
/// repeats: a target that probes by itself has no checker regions.
fn checker_regions(
    from: &Spanned<Vec<Ident>>,
    route53: bool,
    diagnostics: &mut Diagnostics,
) -> Vec<String> {
    if !route53 {
        let mut regions: Vec<String> = from.value.iter().map(|r| r.name.clone()).collect();
        regions.sort();
        regions.dedup();
        return regions;
    }
    let valid = crate::aws::health_checker_regions();
    let mut seen: FxHashMap<&str, Span> = FxHashMap::default();
    for region in &from.value {
        if let Some(&first) = seen.get(region.name.as_str()) {
            diagnostics.push(messages::checker_region_twice(
                &region.name,
                region.span,
                first,
            ));
            continue;
        }
        seen.insert(&region.name, region.span);
        if !crate::aws::is_health_checker_region(&region.name) {
            diagnostics.push(messages::not_a_checker_region(
                &region.name,
                crate::aws::is_region(&region.name),
                did_you_mean(&region.name, valid.iter().copied()),
                valid,
                region.span,
            ));
        }
    }
    if seen.len() < MIN_CHECKER_REGIONS {
        diagnostics.push(messages::too_few_checker_regions(
            seen.len(),
            MIN_CHECKER_REGIONS,
            valid.len(),
            from.span,
        ));
    }
    let mut regions: Vec<String> = seen.into_keys().map(str::to_string).collect();
    regions.sort();
    regions
}
