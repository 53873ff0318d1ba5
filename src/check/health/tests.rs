use super::alarm::INSUFFICIENT_DATA;
use super::*;
use crate::diagnostic::Diagnostic;
use crate::source::FileId;
use crate::syntax::ast::Item;

/// Parses `text` (which must be free of syntax errors) and lowers the
/// check called `name` against every region and check in it, with Route
/// 53's rules.
fn lower(text: &str, name: &str) -> (Option<ir::HealthCheck>, Diagnostics) {
    lower_with(text, name, CheckOptions::ROUTE53)
}

/// [`lower`] with these rules.
fn lower_with(
    text: &str,
    name: &str,
    options: CheckOptions,
) -> (Option<ir::HealthCheck>, Diagnostics) {
    let (file, parse_diagnostics) = crate::syntax::parse_file(FileId(0), text);
    assert!(
        parse_diagnostics.is_empty(),
        "parse errors: {parse_diagnostics:#?}"
    );
    static NO_VALUES: crate::check::InputValues = crate::check::InputValues::new();
    let mut symbols = Symbols {
        regions: rustc_hash::FxHashMap::default(),
        checks: rustc_hash::FxHashMap::default(),
        endpoints: rustc_hash::FxHashMap::default(),
        collections: rustc_hash::FxHashMap::default(),
        inputs: rustc_hash::FxHashMap::default(),
        pools: rustc_hash::FxHashMap::default(),
        values: &NO_VALUES,
    };
    let mut checks = Vec::new();
    for item in &file.items {
        match item {
            Item::Check(c) => {
                symbols.checks.insert(c.name.name.as_str(), c.name.span);
                checks.push(&**c);
            }
            Item::Region(r) => {
                symbols.regions.insert(r.name.name.as_str(), r);
            }
            _ => {}
        }
    }
    let free_checks = FreeChecks::of(checks.iter().copied(), &symbols);
    let def = checks
        .into_iter()
        .find(|c| c.name.name == name)
        .expect("the check is defined");
    let mut diagnostics = Diagnostics::new();
    let lowered = lower_check(def, &symbols, &free_checks, options, &mut diagnostics);
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
    assert_eq!(p.fqdn, Some(ir::Value::Literal("shop.example.com".into())));
    assert_eq!(p.ip_address, None);
    assert_eq!(p.port, 443);
    assert_eq!(p.resource_path.as_deref(), Some("/health"));
    assert_eq!(p.search_string(), None);
    assert_eq!(p.request_interval, 30);
    assert_eq!(p.failure_threshold, 3);
    assert!(p.regions().is_empty());
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
    assert_eq!(
        p.ip_address,
        Some(ir::Value::Literal("203.0.114.10".parse().unwrap()))
    );
    assert_eq!(p.fqdn, Some(ir::Value::Literal("www.example.com".into())));
    assert_eq!(p.port, 8080);
    assert_eq!(p.resource_path.as_deref(), Some("/ok?x=1"));
    assert_eq!(p.search_string(), Some("OK"));
    assert_eq!(p.request_interval, 10);
    assert_eq!(p.failure_threshold, 5);
    assert_eq!(p.regions(), ["ap-southeast-1", "eu-west-1", "us-west-2"]);
    assert!(p.measure_latency);
    assert!(!p.enable_sni, "sni is only for https");
}

#[test]
fn address_probe_without_host_has_no_fqdn() {
    let (c, d) = lower("check up { https 2001:db9::10 }", "up");
    assert!(d.is_empty(), "{d:#?}");
    let c = c.unwrap();
    let p = probe(&c);
    assert_eq!(
        p.ip_address,
        Some(ir::Value::Literal("2001:db9::10".parse().unwrap()))
    );
    assert_eq!(p.fqdn, None);
}

#[test]
fn unicode_host_becomes_punycode() {
    let (c, d) = lower(r#"check up { http "bücher.example" }"#, "up");
    assert!(d.is_empty(), "{d:#?}");
    let c = c.unwrap();
    assert_eq!(
        probe(&c).fqdn,
        Some(ir::Value::Literal("xn--bcher-kva.example".into()))
    );
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
    let text = r#"check h { http "a.example.com" from [us-east-1, eu-wset-1, ap-southeast-1] }"#;
    let d = only(text, "h", "checker-regions", "eu-wset-1");
    assert_eq!(d.hints[0], "did you mean `eu-west-1`?");
    let text = r#"check h { http "a.example.com" from [us-east-1, eu-central-1, ap-southeast-1] }"#;
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
            assert_eq!(alarm_name, ir::Value::Literal("api-5xx".to_string()));
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
    let arn = "arn:aws:route53-recovery-control::123456789012:controlpanel/abc/routingcontrol/def";
    let (c, d) = lower(&format!(r#"check rc {{ recovery_control "{arn}" }}"#), "rc");
    assert!(d.is_empty(), "{d:#?}");
    assert!(matches!(
        c.unwrap().kind,
        ir::HealthCheckKind::RecoveryControl { routing_control_arn }
            if routing_control_arn == ir::Value::Literal(arn.to_string())
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
    assert_eq!(probe(&checks["ireland_up"]).search_string(), Some("OK"));
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

// -- Route 53's own rules, off for a self-hosted target -----------------

#[test]
fn without_route53_rules_lab_values_are_carried() {
    let text = r#"check h {
            http 127.0.0.2 path "/health" every 1s from [us-east-1, us-east-1]
        }"#;
    let flapping = "check h { http \"app.example.com\" every 10s unhealthy_after 1 }";
    assert_eq!(codes(&lower(flapping, "h").1), vec!["flapping-check"]);
    let (_, d) = lower_with(flapping, "h", CheckOptions::SELF_HOSTED);
    assert!(d.is_empty(), "{d:#?}");
    let (c, d) = lower(text, "h");
    assert!(c.is_none());
    let mut route53 = codes(&d);
    route53.sort();
    assert_eq!(
        route53,
        vec![
            "checker-regions",
            "checker-regions",
            "invalid-request-interval",
            "private-address",
        ],
        "{d:#?}"
    );
    let (c, d) = lower_with(text, "h", CheckOptions::SELF_HOSTED);
    assert!(d.is_empty(), "{d:#?}");
    let c = c.expect("lowered");
    let p = probe(&c);
    assert_eq!(
        p.ip_address,
        Some(ir::Value::Literal("127.0.0.2".parse().unwrap()))
    );
    assert_eq!(p.request_interval, 1);
    assert_eq!(p.regions(), ["us-east-1"]);
}

#[test]
fn without_route53_rules_the_other_limits_hold() {
    // `every 0s` is carried (the PowerDNS target refuses it); an interval
    // that does not fit, a bad port and a failure threshold are errors for
    // any prober.
    let (c, d) = lower_with(
        "check h { http 10.0.0.1 every 0s }",
        "h",
        CheckOptions::SELF_HOSTED,
    );
    assert!(d.is_empty(), "{d:#?}");
    assert_eq!(probe(&c.expect("lowered")).request_interval, 0);
    let (c, d) = lower_with(
        "check h { http 10.0.0.1 port 0 every 99999999999s unhealthy_after 0 }",
        "h",
        CheckOptions::SELF_HOSTED,
    );
    assert!(c.is_none());
    let mut codes = codes(&d);
    codes.sort();
    assert_eq!(
        codes,
        vec!["invalid-request-interval", "out-of-range", "out-of-range"],
        "{d:#?}"
    );
}
