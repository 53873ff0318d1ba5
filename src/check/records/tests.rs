use super::rdata::{lower_plain_values, route53_txt_len};
use super::*;
use crate::check::ir;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::dns_name;
use crate::source::{FileId, Span, Spanned};
use crate::syntax::ast;
use ir::{RData, RecordType};
use std::net::Ipv4Addr;

fn zone() -> ir::Zone {
    ir::Zone {
        name: "example.com".into(),
        display_name: "example.com".into(),
        ttl: 300,
        nameservers: vec!["ns1.example.com".into(), "ns2.example.com".into()],
        hosted_zone: ir::HostedZone::ByName,
        private: None,
        tags: Default::default(),
        soa: ir::Soa {
            rname: "hostmaster.example.com".into(),
            serial: None,
            refresh: 7200,
            retry: 900,
            expire: 1_209_600,
            minimum: 300,
        },
        span: Span::default(),
    }
}

fn span(start: usize) -> Span {
    Span::new(FileId(0), start, start + 1)
}

fn def(
    name: &str,
    record_type: &str,
    values: &[&str],
    ttl: Option<u64>,
    at: usize,
) -> ast::RecordDef {
    ast::RecordDef {
        name: Spanned::new(name.to_string(), span(at)),
        record_type: Spanned::new(record_type.to_string(), span(at + 1)),
        value: ast::RecordValue::Plain(
            values
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    ast::ValueDef::Literal(Spanned::new(v.to_string(), span(at + 10 + i)))
                })
                .collect(),
        ),
        ttl: ttl.map(|t| Spanned::new(ast::Seconds(t), span(at + 2))),
        span: Span::new(FileId(0), at, at + 50),
    }
}

fn head(name: &str, record_type: &str) -> (Option<ir::RecordSet>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let r = lower_record_head(
        &def(name, record_type, &["x"], None, 0),
        &zone(),
        &mut diags,
    );
    (r, diags)
}

fn lower(t: RecordType, values: &[&str]) -> (Option<Vec<RData>>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let values: Vec<ast::Str> = values
        .iter()
        .enumerate()
        .map(|(i, v)| Spanned::new(v.to_string(), span(100 * i)))
        .collect();
    let r = lower_plain_values(t, &values, &zone().name, &mut diags);
    (r, diags)
}

/// Lowers values that must be valid.
fn ok(t: RecordType, values: &[&str]) -> Vec<RData> {
    let (r, diags) = lower(t, values);
    assert!(diags.is_empty(), "{values:?}: {diags:#?}");
    r.expect("no diagnostics but no values")
}

/// Lowers values that must be rejected, returning the diagnostics.
fn err(t: RecordType, values: &[&str]) -> Diagnostics {
    let (r, diags) = lower(t, values);
    assert!(r.is_none(), "{values:?} accepted as {r:?}");
    assert!(!diags.is_empty(), "{values:?}: None without a diagnostic");
    diags
}

fn codes(diags: &[Diagnostic]) -> Vec<&'static str> {
    diags.iter().map(|d| d.code).collect()
}

fn set(name: &str, t: &str, at: usize) -> ir::RecordSet {
    let mut diags = Diagnostics::new();
    let r = lower_record_head(&def(name, t, &["x"], None, at), &zone(), &mut diags)
        .expect("valid head");
    assert!(diags.is_empty());
    r
}

fn check(mut records: Vec<ir::RecordSet>) -> Diagnostics {
    records.sort_by(|a, b| (&a.fqdn, a.record_type).cmp(&(&b.fqdn, b.record_type)));
    let mut diags = Diagnostics::new();
    check_record_sets(&records, &zone(), &mut diags);
    diags
}

// --- ttl ---------------------------------------------------------------

#[test]
fn ttl_range() {
    let mut diags = Diagnostics::new();
    let t = |v: u64| Spanned::new(ast::Seconds(v), span(3));
    assert_eq!(ttl(&t(0), &mut diags), Some(0));
    assert_eq!(ttl(&t(300), &mut diags), Some(300));
    assert_eq!(ttl(&t(2_147_483_647), &mut diags), Some(2_147_483_647));
    assert!(diags.is_empty());
    assert_eq!(ttl(&t(2_147_483_648), &mut diags), None);
    assert_eq!(ttl(&t(3_000_000_000), &mut diags), None);
    assert_eq!(ttl(&t(u64::MAX), &mut diags), None);
    assert_eq!(codes(&diags), ["out-of-range"; 3]);
    assert_eq!(
        diags[1].message,
        "TTL 3000000000 is out of range: Route 53 accepts 0 to 2147483647 seconds"
    );
    assert_eq!(diags[1].primary.span, span(3));
}

// --- heads -------------------------------------------------------------

#[test]
fn record_types() {
    for t in RecordType::ALL {
        let (r, diags) = head("www", t.as_str());
        assert!(diags.is_empty(), "{t}");
        assert_eq!(r.unwrap().record_type, t);
    }
    let (r, diags) = head("www", "a");
    assert!(r.is_none());
    assert_eq!(codes(&diags), ["unsupported-record-type"]);
    assert_eq!(diags[0].hints, ["write `A`"]);
    assert_eq!(diags[0].primary.span, span(1));

    let (_, diags) = head("www", "Cname");
    assert_eq!(diags[0].hints, ["write `CNAME`"]);

    let (r, diags) = head("www", "CNAM");
    assert!(r.is_none());
    assert_eq!(codes(&diags), ["unsupported-record-type"]);
    assert!(
        diags[0].hints.iter().any(|h| h == "did you mean `CNAME`?"),
        "{:?}",
        diags[0].hints
    );
    assert!(diags[0]
        .hints
        .iter()
        .any(|h| h.contains("A, AAAA, CNAME, MX, TXT, SRV, CAA, NS, PTR")));

    let (_, diags) = head("www", "NAPTR");
    assert_eq!(codes(&diags), ["unsupported-record-type"]);
    assert!(diags[0]
        .hints
        .last()
        .unwrap()
        .contains("supported record types"));

    let (_, diags) = head("@", "SOA");
    assert!(diags[0].hints[0].contains("soa {"), "{:?}", diags[0].hints);
    let (_, diags) = head("@", "SPF");
    assert!(diags[0].hints[0].contains("TXT"));
}

#[test]
fn owner_names() {
    let cases = [
        ("@", "@", "example.com"),
        ("www", "www", "www.example.com"),
        ("WWW", "www", "www.example.com"),
        ("*", "*", "*.example.com"),
        ("*.dev", "*.dev", "*.dev.example.com"),
        ("_sip._tcp", "_sip._tcp", "_sip._tcp.example.com"),
        ("bücher", "xn--bcher-kva", "xn--bcher-kva.example.com"),
        (
            "_dmarc.bücher",
            "_dmarc.xn--bcher-kva",
            "_dmarc.xn--bcher-kva.example.com",
        ),
        ("www.example.com.", "www", "www.example.com"),
        ("Example.COM.", "@", "example.com"),
    ];
    for (written, name, fqdn) in cases {
        let (r, diags) = head(written, "A");
        assert!(diags.is_empty(), "{written}: {diags:?}");
        let r = r.unwrap();
        assert_eq!(
            (r.name.as_str(), r.fqdn.as_str()),
            (name, fqdn),
            "{written}"
        );
    }
}

#[test]
fn invalid_owner_names() {
    let long_label = "a".repeat(64);
    // 242 octets, and 254 with `.example.com`.
    let long_name = format!(
        "{}.{}.{}.{}",
        "a".repeat(63),
        "b".repeat(63),
        "c".repeat(63),
        "d".repeat(50)
    );
    for written in [
        "a..b",
        "dev.*",
        "*foo",
        "www.example.org.",
        "a b",
        "@.www",
        &long_label,
        &long_name,
    ] {
        let (r, diags) = head(written, "A");
        assert!(r.is_none(), "{written}");
        assert_eq!(codes(&diags), ["invalid-name"], "{written}");
        assert_eq!(diags[0].primary.span, span(0));
    }
    let (_, diags) = head("www.example.org.", "A");
    assert!(
        diags[0]
            .message
            .contains("not inside the zone `example.com`"),
        "{}",
        diags[0].message
    );
    assert!(diags[0].hints[0].contains("relative"));
    let (_, diags) = head("a.*.b", "A");
    assert!(diags[0].message.contains("leftmost"));
}

#[test]
fn wildcard_ns_is_rejected() {
    let (r, diags) = head("*.dev", "NS");
    assert!(r.is_none());
    assert_eq!(codes(&diags), ["invalid-name"]);
    assert!(head("*.dev", "A").0.is_some());
    assert!(head("dev", "NS").0.is_some());
}

#[test]
fn record_ttl() {
    let mut diags = Diagnostics::new();
    let r = lower_record_head(&def("www", "A", &["x"], None, 0), &zone(), &mut diags).unwrap();
    assert_eq!((r.ttl, r.ttl_explicit), (300, false));
    let r = lower_record_head(&def("www", "A", &["x"], Some(60), 0), &zone(), &mut diags).unwrap();
    assert_eq!((r.ttl, r.ttl_explicit), (60, true));
    let r = lower_record_head(&def("www", "A", &["x"], Some(0), 0), &zone(), &mut diags).unwrap();
    assert_eq!((r.ttl, r.ttl_explicit), (0, true));
    assert!(diags.is_empty());
    assert_eq!(r.span, Span::new(FileId(0), 0, 50));
    assert!(matches!(&r.content, ir::RecordContent::Plain(v) if v.is_empty()));

    let r = lower_record_head(
        &def("www", "A", &["x"], Some(3_000_000_000), 0),
        &zone(),
        &mut diags,
    );
    assert!(r.is_none());
    assert_eq!(codes(&diags), ["out-of-range"]);
    assert_eq!(diags[0].primary.span, span(2));
}

#[test]
fn head_reports_every_problem() {
    let mut diags = Diagnostics::new();
    let r = lower_record_head(
        &def("a..b", "mx", &[], Some(1 << 40), 0),
        &zone(),
        &mut diags,
    );
    assert!(r.is_none());
    let mut c = codes(&diags);
    c.sort_unstable();
    assert_eq!(
        c,
        [
            "invalid-name",
            "invalid-record-data",
            "out-of-range",
            "unsupported-record-type"
        ]
    );
}

#[test]
fn empty_value_list() {
    let mut diags = Diagnostics::new();
    let r = lower_record_head(&def("www", "A", &[], None, 0), &zone(), &mut diags);
    assert!(r.is_none());
    assert_eq!(codes(&diags), ["invalid-record-data"]);
    assert_eq!(diags[0].primary.span, Span::new(FileId(0), 0, 50));
    assert!(diags[0].message.contains("no values"));

    let mut diags = Diagnostics::new();
    assert!(lower_plain_values(RecordType::A, &[], &zone().name, &mut diags).is_none());
    assert_eq!(codes(&diags), ["invalid-record-data"]);
}

// --- values ------------------------------------------------------------

#[test]
fn addresses() {
    assert_eq!(
        ok(RecordType::A, &["203.0.113.10", "203.0.113.11"]),
        [
            RData::A(ir::Value::Literal(Ipv4Addr::new(203, 0, 113, 10))),
            RData::A(ir::Value::Literal(Ipv4Addr::new(203, 0, 113, 11)))
        ]
    );
    assert_eq!(
        ok(RecordType::Aaaa, &["2001:DB8::10"]),
        [RData::Aaaa(ir::Value::Literal(
            "2001:db8::10".parse().unwrap()
        ))]
    );

    let diags = err(RecordType::A, &["2001:db8::1"]);
    assert_eq!(codes(&diags), ["invalid-record-data"]);
    assert!(
        diags[0].hints[0].contains("use an AAAA record"),
        "{:?}",
        diags[0].hints
    );
    let diags = err(RecordType::Aaaa, &["192.0.2.1"]);
    assert!(diags[0].hints[0].contains("use an A record"));
    let diags = err(RecordType::A, &["www.example.net"]);
    assert!(diags[0].hints[0].contains("CNAME"));
    for bad in ["256.1.1.1", "1.2.3", "", "1.2.3.4.5", "1.2.3.4/24"] {
        assert_eq!(
            codes(&err(RecordType::A, &[bad])),
            ["invalid-record-data"],
            "{bad}"
        );
    }
    assert_eq!(
        codes(&err(RecordType::Aaaa, &["2001:db8::g"])),
        ["invalid-record-data"]
    );

    // Every bad value is reported, each at its own span.
    let diags = err(RecordType::A, &["1.2.3.4", "x", "1.2.3.5", "y"]);
    assert_eq!(codes(&diags), ["invalid-record-data"; 2]);
    assert_eq!(diags[0].primary.span, span(100));
    assert_eq!(diags[1].primary.span, span(300));
}

#[test]
fn duplicate_values() {
    let diags = err(RecordType::A, &["192.0.2.1", "192.0.2.2", "192.0.2.1"]);
    assert_eq!(codes(&diags), ["invalid-record-data"]);
    assert_eq!(diags[0].primary.span, span(200));
    assert_eq!(diags[0].secondary[0].span, span(0));
    assert_eq!(diags[0].secondary[0].message, "first listed here");

    // Equal once parsed, although written differently.
    let diags = err(RecordType::Aaaa, &["2001:db8::1", "2001:DB8:0:0::1"]);
    assert!(
        diags[0].message.contains("the same as"),
        "{}",
        diags[0].message
    );
    let diags = err(RecordType::Mx, &["10 mx.example.com", "10 MX.example.com."]);
    assert_eq!(codes(&diags), ["invalid-record-data"]);

    // TXT is case-sensitive; MX preference differs.
    ok(RecordType::Txt, &["Ab", "aB"]);
    ok(RecordType::Mx, &["10 mx.example.com", "20 mx.example.com"]);
    assert_eq!(
        codes(&err(RecordType::Txt, &["x", "x"])),
        ["invalid-record-data"]
    );
}

#[test]
fn cname() {
    assert_eq!(
        ok(RecordType::Cname, &["www.example.net."]),
        [RData::Cname(ir::Value::Literal("www.example.net".into()))]
    );
    assert_eq!(
        ok(RecordType::Cname, &["WWW.Example.NET"]),
        [RData::Cname(ir::Value::Literal("www.example.net".into()))]
    );
    assert_eq!(
        ok(RecordType::Cname, &["bücher.example"]),
        [RData::Cname(ir::Value::Literal(
            "xn--bcher-kva.example".into()
        ))]
    );

    let diags = err(RecordType::Cname, &["a.example.net", "b.example.net"]);
    assert_eq!(codes(&diags), ["invalid-record-data"]);
    assert_eq!(diags[0].primary.span, span(100));
    assert_eq!(diags[0].secondary[0].span, span(0));

    for bad in [".", "", "a..b.com", "192.0.2.1", "exa mple.com", "www"] {
        assert_eq!(
            codes(&err(RecordType::Cname, &[bad])),
            ["invalid-record-data"],
            "{bad:?}"
        );
    }
    let diags = err(RecordType::Cname, &["www"]);
    assert!(
        diags[0].hints[0].contains("`www.example.com`"),
        "{:?}",
        diags[0].hints
    );
    // A trailing dot says a single label is meant.
    assert_eq!(
        ok(RecordType::Cname, &["localhost."]),
        [RData::Cname(ir::Value::Literal("localhost".into()))]
    );
}

#[test]
fn mx() {
    assert_eq!(
        ok(
            RecordType::Mx,
            &["10 mx1.example.com.", "20   mx2.example.com", "0 ÿ.example"]
        ),
        [
            RData::Mx {
                preference: 10,
                exchange: "mx1.example.com".into()
            },
            RData::Mx {
                preference: 20,
                exchange: "mx2.example.com".into()
            },
            RData::Mx {
                preference: 0,
                exchange: dns_name::to_ascii("ÿ.example").unwrap()
            },
        ]
    );
    assert_eq!(
        ok(RecordType::Mx, &["65535 mx.example.com"]),
        [RData::Mx {
            preference: 65535,
            exchange: "mx.example.com".into()
        }]
    );
    for bad in [
        "65536 mx.example.com",
        "-1 mx.example.com",
        "+1 mx.example.com",
        "mx.example.com",
        "10",
        "10 mx.example.com extra",
        "ten mx.example.com",
        "10 192.0.2.1",
        "10 mx..example.com",
        "",
    ] {
        assert_eq!(
            codes(&err(RecordType::Mx, &[bad])),
            ["invalid-record-data"],
            "{bad:?}"
        );
    }
    let diags = err(RecordType::Mx, &["mx.example.com"]);
    assert!(
        diags[0].hints[0].contains("`10 mx.example.com`"),
        "{:?}",
        diags[0].hints
    );
}

#[test]
fn null_mx() {
    assert_eq!(
        ok(RecordType::Mx, &["0 ."]),
        [RData::Mx {
            preference: 0,
            exchange: ".".into()
        }]
    );
    let diags = err(RecordType::Mx, &["0 .", "10 mx.example.com"]);
    assert_eq!(codes(&diags), ["invalid-record-data"]);
    assert_eq!(diags[0].primary.span, span(0));
    assert_eq!(
        codes(&err(RecordType::Mx, &["10 ."])),
        ["invalid-record-data"]
    );
}

#[test]
fn txt() {
    let spf = "v=spf1 include:_spf.example.com ~all";
    assert_eq!(ok(RecordType::Txt, &[spf]), [RData::Txt(spf.into())]);
    // Kept exactly as written: spaces, quotes, UTF-8, the empty string.
    let odd = "  \"quoted\" and ünïcode\t ";
    assert_eq!(
        ok(RecordType::Txt, &[odd, ""]),
        [RData::Txt(odd.into()), RData::Txt(String::new())]
    );

    // Longer than one 255-byte character-string: fine, backends split it.
    let long = "k".repeat(400);
    assert_eq!(ok(RecordType::Txt, &[&long]), [RData::Txt(long.clone())]);

    // Route 53's 4000-character limit counts quotes and escapes.
    let max_ascii = "a".repeat(3953); // 16 pieces: 3953 + 32 quotes + 15 spaces = 4000
    assert_eq!(route53_txt_len(&max_ascii), 4000);
    ok(RecordType::Txt, &[&max_ascii]);
    let diags = err(RecordType::Txt, &[&"a".repeat(3954)]);
    assert_eq!(codes(&diags), ["too-long"]);
    assert!(diags[0].message.contains("4000"), "{}", diags[0].message);
    // Non-ASCII bytes count 4 characters each: 1000 × "é" is 2000 bytes.
    assert_eq!(
        codes(&err(RecordType::Txt, &[&"é".repeat(1000)])),
        ["too-long"]
    );
    ok(RecordType::Txt, &[&"é".repeat(490)]);
}

#[test]
fn txt_length_measure() {
    assert_eq!(route53_txt_len(""), 2);
    assert_eq!(route53_txt_len("abc"), 5);
    assert_eq!(route53_txt_len("a\"b\\c"), 9);
    assert_eq!(route53_txt_len("\u{e9}"), 2 + 8);
    assert_eq!(route53_txt_len(&"a".repeat(255)), 257);
    assert_eq!(route53_txt_len(&"a".repeat(256)), 256 + 4 + 1);
}

#[test]
fn srv() {
    assert_eq!(
        ok(RecordType::Srv, &["10 5 5060 sip.example.com.", "0 0 0 ."]),
        [
            RData::Srv {
                priority: 10,
                weight: 5,
                port: 5060,
                target: "sip.example.com".into()
            },
            RData::Srv {
                priority: 0,
                weight: 0,
                port: 0,
                target: ".".into()
            },
        ]
    );
    ok(RecordType::Srv, &["65535 65535 65535 sip.example.com"]);
    for bad in [
        "10 5 sip.example.com",
        "10 5 5060 sip.example.com x",
        "10 5 65536 sip.example.com",
        "70000 5 5060 sip.example.com",
        "10 -5 5060 sip.example.com",
        "10 5 5060 192.0.2.1",
        "10 5 5060 sip",
        "",
    ] {
        assert_eq!(
            codes(&err(RecordType::Srv, &[bad])),
            ["invalid-record-data"],
            "{bad:?}"
        );
    }
}

#[test]
fn caa() {
    let caa = |flags: u8, tag: &str, value: &str| {
        RData::Caa(Box::new(ir::Caa {
            flags,
            tag: tag.into(),
            value: value.into(),
        }))
    };
    assert_eq!(
        ok(
            RecordType::Caa,
            &[
                "0 issue \"letsencrypt.org\"",
                "0 issuewild letsencrypt.org",
                "128 ISSUE \"ca.example.net; account=123456\"",
                "0 iodef \"mailto:security@example.com\"",
                "0 issue \";\"",
                "0 issue \"\"",
                "0 issue \"a\\\"b\\\\c\\059\"",
                "0 issuemail \"ca.example.net\"",
                "255 tbs unquoted value with spaces",
            ]
        ),
        [
            caa(0, "issue", "letsencrypt.org"),
            caa(0, "issuewild", "letsencrypt.org"),
            caa(128, "issue", "ca.example.net; account=123456"),
            caa(0, "iodef", "mailto:security@example.com"),
            caa(0, "issue", ";"),
            caa(0, "issue", ""),
            caa(0, "issue", "a\"b\\c;"),
            caa(0, "issuemail", "ca.example.net"),
            caa(255, "tbs", "unquoted value with spaces"),
        ]
    );
    for bad in [
        "256 issue \"ca.example.net\"",
        "-1 issue \"ca.example.net\"",
        "issue \"ca.example.net\"",
        "0 issue",
        "0",
        "",
        "0 issue \"ca.example.net",
        "0 issue \"ca.example.net\" extra",
        "0 issue ca.example.net\"",
        "0 issue-wild \"ca.example.net\"",
        "0 iodef \"security@example.com\"",
        "0 issue \"\\300\"",
        "0 issue \"\\255\"",
    ] {
        assert_eq!(
            codes(&err(RecordType::Caa, &[bad])),
            ["invalid-record-data"],
            "{bad:?}"
        );
    }
    let diags = err(RecordType::Caa, &["0 issue-wild \"ca.example.net\""]);
    assert!(
        diags[0]
            .hints
            .iter()
            .any(|h| h == "did you mean `issuewild`?"),
        "{:?}",
        diags[0].hints
    );
    assert!(diags[0].hints.iter().all(|h| !h.is_empty()));
}

#[test]
fn ns_and_ptr() {
    assert_eq!(
        ok(RecordType::Ns, &["ns1.example.net.", "NS2.example.net"]),
        [
            RData::Ns("ns1.example.net".into()),
            RData::Ns("ns2.example.net".into())
        ]
    );
    assert_eq!(
        ok(RecordType::Ptr, &["host.example.com"]),
        [RData::Ptr("host.example.com".into())]
    );
    assert_eq!(
        ok(RecordType::Ptr, &["bücher.de."]),
        [RData::Ptr("xn--bcher-kva.de".into())]
    );
    for t in [RecordType::Ns, RecordType::Ptr] {
        for bad in [".", "192.0.2.1", "a..b", "ns1"] {
            assert_eq!(
                codes(&err(t, &[bad])),
                ["invalid-record-data"],
                "{t} {bad:?}"
            );
        }
    }
}

// --- record sets -------------------------------------------------------

#[test]
fn distinct_record_sets_pass() {
    let diags = check(vec![
        set("www", "A", 0),
        set("www", "AAAA", 100),
        set("@", "MX", 200),
        set("@", "TXT", 300),
        set("api", "CNAME", 400),
        set("dev", "NS", 500),
        set("*.dev", "CNAME", 600),
    ]);
    assert!(diags.is_empty(), "{diags:#?}");
}

#[test]
fn duplicate_record_sets() {
    // Listed out of source order: the earlier span is "first".
    let diags = check(vec![
        set("www", "A", 200),
        set("www", "A", 0),
        set("www", "A", 100),
    ]);
    assert_eq!(codes(&diags), ["duplicate-definition"; 2]);
    assert_eq!(diags[0].message, "record `www` A is defined more than once");
    assert_eq!(diags[0].primary.span, Span::new(FileId(0), 100, 150));
    assert_eq!(diags[1].primary.span, Span::new(FileId(0), 200, 250));
    for d in &diags {
        assert_eq!(d.secondary[0].span, Span::new(FileId(0), 0, 50));
        assert_eq!(d.secondary[0].message, "first defined here");
    }
    // Same name written two ways.
    let diags = check(vec![
        set("WWW", "TXT", 0),
        set("www.example.com.", "TXT", 100),
    ]);
    assert_eq!(codes(&diags), ["duplicate-definition"]);
    // Unicode names are shown in Unicode.
    let diags = check(vec![set("bücher", "A", 0), set("xn--bcher-kva", "A", 100)]);
    assert_eq!(
        diags[0].message,
        "record `bücher` A is defined more than once"
    );
}

#[test]
fn cname_at_the_apex() {
    let diags = check(vec![set("@", "CNAME", 0)]);
    assert_eq!(codes(&diags), ["cname-conflict"]);
    assert!(
        diags[0].hints[0].contains("alias record"),
        "{:?}",
        diags[0].hints
    );
    assert!(diags[0].hints[0].contains("alias elb"));
}

#[test]
fn cname_beside_other_data() {
    let diags = check(vec![
        set("www", "CNAME", 100),
        set("www", "TXT", 0),
        set("www", "A", 200),
        set("api", "A", 300),
    ]);
    assert_eq!(codes(&diags), ["cname-conflict"]);
    assert_eq!(diags[0].primary.span, Span::new(FileId(0), 100, 150));
    let secondary: Vec<Span> = diags[0].secondary.iter().map(|l| l.span).collect();
    assert_eq!(
        secondary,
        [Span::new(FileId(0), 200, 250), Span::new(FileId(0), 0, 50)]
    );
    assert!(diags[0].message.contains("A, TXT"), "{}", diags[0].message);

    // Two CNAMEs at one name: a duplicate, not a conflict.
    let diags = check(vec![set("www", "CNAME", 0), set("www", "CNAME", 100)]);
    assert_eq!(codes(&diags), ["duplicate-definition"]);
}

#[test]
fn ns_at_apex() {
    let diags = check(vec![set("@", "NS", 0), set("dev", "NS", 100)]);
    assert_eq!(codes(&diags), ["conflicting-settings"]);
    assert_eq!(
        diags[0].message,
        "the zone's own NS set is managed by the zone: use `nameservers` in the zone block"
    );
    assert_eq!(diags[0].primary.span, Span::new(FileId(0), 0, 50));
}

#[test]
fn check_is_linear_enough_for_many_records() {
    let records: Vec<ir::RecordSet> = (0..20_000)
        .map(|i| set(&format!("h{i}"), "A", i * 60))
        .collect();
    assert!(check(records).is_empty());
}
