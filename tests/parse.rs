//! Parser tests, one per construct: the text parses without diagnostics
//! into the AST shape it should.

use steer::source::FileId;
use steer::syntax::ast::*;

fn parse(text: &str) -> File {
    let (file, diagnostics) = steer::syntax::parse_file(FileId(0), text);
    assert!(
        diagnostics.is_empty(),
        "unexpected diagnostics: {diagnostics:#?}"
    );
    file
}

fn parse_err(text: &str) -> Vec<steer::diagnostic::Diagnostic> {
    let (_, diagnostics) = steer::syntax::parse_file(FileId(0), text);
    assert!(!diagnostics.is_empty(), "expected diagnostics for {text:?}");
    diagnostics
}

fn only<T>(mut v: Vec<T>) -> T {
    assert_eq!(v.len(), 1);
    v.pop().unwrap()
}

#[test]
fn zone_block_with_every_setting() {
    let f = parse(
        r#"zone "myshop.com" {
             ttl 60s
             nameservers ["ns1.myshop.com", "ns2.myshop.com"]
             hosted_zone_id "Z0123456789"
             soa { email "ops@myshop.com" serial 2026112501 refresh 2h retry 15m expire 14d minimum 5m }
           }"#,
    );
    let Item::Zone(z) = only(f.items) else {
        panic!()
    };
    assert_eq!(z.name.value, "myshop.com");
    assert!(z.has_body);
    assert_eq!(z.ttl.unwrap().value, Seconds(60));
    assert_eq!(z.nameservers.unwrap().value.len(), 2);
    let soa = z.soa.unwrap();
    assert_eq!(soa.serial.unwrap().value, 2026112501);
    assert_eq!(soa.refresh.unwrap().value, Seconds(7200));
    assert_eq!(soa.expire.unwrap().value, Seconds(14 * 86400));
}

#[test]
fn bare_zone_line_and_create() {
    let f = parse("zone \"a.com\"\nzone \"b.com\" { create }");
    let Item::Zone(a) = &f.items[0] else { panic!() };
    assert!(!a.has_body);
    let Item::Zone(b) = &f.items[1] else { panic!() };
    assert!(b.create.is_some());
}

#[test]
fn region_with_aws_and_coordinates() {
    let f = parse("region dublin { aws \"eu-west-1\"  at (53.35, -6.26) }");
    let Item::Region(r) = only(f.items) else {
        panic!()
    };
    assert_eq!(r.aws.unwrap().value, "eu-west-1");
    let at = r.at.unwrap().value;
    assert_eq!(
        (at.latitude.value.as_str(), at.longitude.value.as_str()),
        ("53.35", "-6.26")
    );
}

#[test]
fn http_check_with_every_setting() {
    let f = parse(
        r#"check web_up {
             https 203.0.114.10 port 8443 path "/health" host "www.myshop.com"
             every 10s unhealthy_after 2 expect "OK"
             from [us-east-1, eu-west-1, ap-southeast-1]
             measure_latency sni false inverted disabled
           }"#,
    );
    let Item::Check(c) = only(f.items) else {
        panic!()
    };
    let probe = c.probe.clone().unwrap();
    assert_eq!(probe.protocol().value, Protocol::Https);
    assert_eq!(
        probe.host.value,
        Host::Address("203.0.114.10".parse().unwrap())
    );
    assert_eq!(c.port().unwrap().value, 8443);
    assert_eq!(c.path.as_ref().unwrap().value, "/health");
    assert_eq!(c.host.as_ref().unwrap().written(), "www.myshop.com");
    assert_eq!(c.every().unwrap().value, Seconds(10));
    assert_eq!(c.unhealthy_after().unwrap().value, 2);
    let rare = c.rare();
    assert_eq!(rare.expect.as_ref().unwrap().value, "OK");
    assert_eq!(rare.from.as_ref().unwrap().value.len(), 3);
    assert!(c.measure_latency().is_some() && rare.inverted.is_some() && rare.disabled.is_some());
    assert!(!rare.sni.as_ref().unwrap().value);
}

#[test]
fn tcp_check_by_name() {
    let f = parse(r#"check db { tcp "db.myshop.com" port 5432 }"#);
    let Item::Check(c) = only(f.items) else {
        panic!()
    };
    let probe = c.probe.unwrap();
    assert_eq!(probe.protocol().value, Protocol::Tcp);
    assert_eq!(probe.host.value, Host::Name("db.myshop.com".into()));
}

/// What a span covers in `text`.
fn at(text: &str, span: steer::source::Span) -> &str {
    &text[span.start as usize..span.end as usize]
}

/// A check and an endpoint as most of a large zone writes them keep no box
/// for rare settings, and the spans not stored (the protocol keyword,
/// `measure_latency`, a lone address) are still exact.
#[test]
fn common_checks_and_endpoints_are_inline_with_exact_spans() {
    let text = "check c {  https  \"x.example\" path \"/h\"  every 10s  unhealthy_after 6  measure_latency }\n\
                check t { tcp 192.0.2.1 port 443 }\n\
                endpoint one { a 192.0.2.1  check c }\n\
                endpoint bracketed { aaaa [ 2001:db8::1 ] }\n\
                endpoint two { a [192.0.2.1, input.eip] }\n\
                endpoint none { a [] }";
    let f = parse(text);
    let [Item::Check(c), Item::Check(t), Item::Endpoint(one), Item::Endpoint(bracketed), Item::Endpoint(two), Item::Endpoint(none)] =
        &f.items[..]
    else {
        panic!("{:?}", f.items)
    };
    assert!(c.rare.is_none() && t.rare.is_none() && one.rare.is_none() && two.rare.is_none());
    let p = c.probe.as_ref().unwrap();
    assert_eq!(p.protocol().value, Protocol::Https);
    assert_eq!(at(text, p.protocol().span), "https");
    assert_eq!(at(text, c.measure_latency().unwrap()), "measure_latency");
    assert_eq!(at(text, c.every().unwrap().span), "10s");
    assert_eq!(at(text, c.unhealthy_after().unwrap().span), "6");
    let p = t.probe.as_ref().unwrap();
    assert_eq!(at(text, p.protocol().span), "tcp");
    assert_eq!(at(text, t.port().unwrap().span), "443");
    assert!(t.measure_latency().is_none() && t.every().is_none());

    let a = one.a.as_ref().unwrap();
    assert!(matches!(a, AddressList::One(_)));
    assert_eq!(at(text, a.span()), "192.0.2.1");
    let aaaa = bracketed.aaaa.as_ref().unwrap();
    assert!(matches!(aaaa, AddressList::Many { .. }));
    assert_eq!(at(text, aaaa.span()), "[ 2001:db8::1 ]");
    assert_eq!(at(text, aaaa[0].span()), "2001:db8::1");
    let a = two.a.as_ref().unwrap();
    assert_eq!(at(text, a.span()), "[192.0.2.1, input.eip]");
    let written: Vec<String> = a.iter().map(ValueDef::written).collect();
    assert_eq!(written, ["192.0.2.1", "input.eip"]);
    let a = none.a.as_ref().unwrap();
    assert!(a.is_empty());
    assert_eq!(at(text, a.span()), "[]");
}

#[test]
fn calculated_checks_in_both_forms() {
    let f = parse(
        "check eu = any(a, b)\ncheck all3 = all(a, b, c)\ncheck two { at_least(2, a, b, c) inverted }",
    );
    let calcs: Vec<Calculation> = f
        .items
        .into_iter()
        .map(|i| match i {
            Item::Check(c) => *c.rare().calculation.clone().unwrap(),
            _ => panic!(),
        })
        .collect();
    assert_eq!(calcs[0].function.value, CalcFunction::Any);
    assert_eq!(calcs[1].children.len(), 3);
    assert_eq!(calcs[2].function.value, CalcFunction::AtLeast);
    assert_eq!(calcs[2].threshold.as_ref().unwrap().value, 2);
}

#[test]
fn alarm_and_recovery_control_checks() {
    let f = parse(
        r#"check slo { alarm "api-5xx" in us-east-1  insufficient_data last_known }
           check switch { recovery_control "arn:aws:route53-recovery-control::123456789012:controlpanel/abc/routingcontrol/def" }"#,
    );
    let Item::Check(slo) = &f.items[0] else {
        panic!()
    };
    let alarm = slo.rare().alarm.as_ref().unwrap();
    assert!(matches!(&alarm.name, ValueDef::Literal(s) if s.value == "api-5xx"));
    assert_eq!(alarm.region.name, "us-east-1");
    assert_eq!(
        slo.rare().insufficient_data.as_ref().unwrap().name,
        "last_known"
    );
    let Item::Check(switch) = &f.items[1] else {
        panic!()
    };
    assert!(switch.rare().recovery_control.is_some());
}

#[test]
fn endpoints_of_every_kind() {
    let f = parse(
        r#"endpoint v4 { region ireland  a [203.0.113.10, "203.0.113.11"]  check up }
           endpoint v6 { aaaa [2001:db8::1] }
           endpoint legacy { cname "legacy.example.net" }
           endpoint lb { alias elb "dualstack.x-1.eu-west-1.elb.amazonaws.com" evaluate_target_health }
           endpoint site { alias s3_website }
           endpoint other { alias record www A }
           endpoint apex { alias record @ }
           endpoint custom { alias api_gateway "d-1.execute-api.mx-central-1.amazonaws.com" hosted_zone_id "Z1" }"#,
    );
    assert_eq!(f.items.len(), 8);
    let e: Vec<EndpointDef> = f
        .items
        .into_iter()
        .map(|i| match i {
            Item::Endpoint(e) => *e,
            _ => panic!(),
        })
        .collect();
    assert_eq!(e[0].a.as_ref().unwrap().len(), 2);
    assert_eq!(e[1].aaaa.as_ref().unwrap()[0].written(), "2001:db8::1");
    assert_eq!(
        e[2].rare().cname.as_ref().unwrap().written(),
        "legacy.example.net"
    );
    assert!(e[3].rare().evaluate_target_health.is_some());
    assert!(matches!(
        &e[4].rare().alias.as_ref().unwrap().target,
        AliasTargetDef::Aws { target: None, .. }
    ));
    let AliasTargetDef::Record { name, record_type } = &e[5].rare().alias.as_ref().unwrap().target
    else {
        panic!()
    };
    assert_eq!(
        (
            name.value.as_str(),
            record_type.as_ref().unwrap().value.as_str()
        ),
        ("www", "A")
    );
    assert!(e[7].rare().hosted_zone_id.is_some());
}

#[test]
fn cidr_collection() {
    let f = parse("cidr_collection corp { dublin [198.51.100.0/24, 2001:db8:1::/48]  berlin [203.0.113.0/24] }");
    let Item::CidrCollection(c) = only(f.items) else {
        panic!()
    };
    assert_eq!(c.locations.len(), 2);
    assert_eq!(c.locations[0].blocks[1].value, "2001:db8:1::/48");
}

#[test]
fn plain_records_of_every_type() {
    let f = parse(
        r#"record @ A [203.0.113.1]
           record @ AAAA [2001:db8::1]
           record www CNAME "web.example.net."
           record @ MX ["10 mx1.example.com.", "20 mx2.example.com."]
           record @ TXT "v=spf1 -all" ttl 1h
           record _sip._tcp SRV "10 60 5060 sip.example.com."
           record @ CAA ["0 issue \"amazon.com\""]
           record dev NS ["ns1.example.net."]
           record "1.2" PTR "host.example.com."
           record *.dev A 203.0.113.2
           record "bücher" A 203.0.113.3"#,
    );
    assert_eq!(f.items.len(), 11);
    let Item::Record(txt) = &f.items[4] else {
        panic!()
    };
    assert_eq!(txt.ttl.as_ref().unwrap().value, Seconds(3600));
    let Item::Record(caa) = &f.items[6] else {
        panic!()
    };
    let RecordValue::Plain(v) = &caa.value else {
        panic!()
    };
    assert_eq!(v[0].written(), "0 issue \"amazon.com\"");
    let Item::Record(wild) = &f.items[9] else {
        panic!()
    };
    assert_eq!(wild.name.value, "*.dev");
}

fn routed(text: &str) -> PolicyKind {
    let f = parse(text);
    let Item::Record(r) = only(f.items) else {
        panic!()
    };
    let RecordValue::Routed(p) = r.value else {
        panic!()
    };
    p.kind
}

#[test]
fn failover_policy() {
    let PolicyKind::Failover(m) =
        routed("record www A = failover { primary ireland  secondary frankfurt }")
    else {
        panic!()
    };
    assert_eq!(m[0].role.value, FailoverRole::Primary);
    assert_eq!(m[1].role.value, FailoverRole::Secondary);
}

#[test]
fn latency_policy_with_region_keyed_nested_member() {
    let PolicyKind::Latency(m) =
        routed("record api A = latency [ireland, frankfurt => failover { primary fra secondary ire }, virginia]")
    else {
        panic!()
    };
    assert_eq!(m.len(), 3);
    assert_eq!(m[1].region.as_ref().unwrap().name, "frankfurt");
    assert!(matches!(m[1].target.kind, PolicyKind::Failover(_)));
}

#[test]
fn geolocation_distinguishes_continent_and_country() {
    let PolicyKind::Geolocation(rules) = routed(
        "record shop A = geolocation { continent NA => us  country NA => za  subdivision US-CA => ca  default => us }",
    ) else {
        panic!()
    };
    assert!(matches!(&rules[0].location.value, GeoLocationDef::Continent(c) if c.name == "NA"));
    assert!(matches!(&rules[1].location.value, GeoLocationDef::Country(c) if c.name == "NA"));
    assert!(
        matches!(&rules[2].location.value, GeoLocationDef::Subdivision(c) if c.name == "US-CA")
    );
    assert!(matches!(rules[3].location.value, GeoLocationDef::Default));
}

#[test]
fn weighted_policy_with_nested_member() {
    let PolicyKind::Weighted(m) =
        routed("record canary A = weighted { ireland 90  failover { primary a secondary b } 10 }")
    else {
        panic!()
    };
    assert_eq!(m[0].weight.value, 90);
    assert!(matches!(m[1].target.kind, PolicyKind::Failover(_)));
}

#[test]
fn multivalue_policy() {
    let PolicyKind::Multivalue(m) = routed("record mv A = multivalue [a, b, c]") else {
        panic!()
    };
    assert_eq!(m.len(), 3);
}

#[test]
fn geoproximity_policy() {
    let PolicyKind::Geoproximity(m) =
        routed("record near A = geoproximity [ireland bias 10, (40.71, -74.01) => nyc bias -20, frankfurt => fra]")
    else {
        panic!()
    };
    assert_eq!(m[0].bias.as_ref().unwrap().value, 10);
    assert!(matches!(
        &m[1].location.as_ref().unwrap().value,
        GeoproximityLocationDef::Coordinates(_)
    ));
    assert_eq!(m[1].bias.as_ref().unwrap().value, -20);
    assert!(
        matches!(&m[2].location.as_ref().unwrap().value, GeoproximityLocationDef::Region(r) if r.name == "frankfurt")
    );
}

#[test]
fn cidr_policy() {
    let PolicyKind::Cidr { collection, rules } =
        routed("record app A = cidr corp { dublin => ireland  default => frankfurt }")
    else {
        panic!()
    };
    assert_eq!(collection.name, "corp");
    assert_eq!(rules[0].location.as_ref().unwrap().name, "dublin");
    assert!(rules[1].location.is_none());
}

#[test]
fn deep_nesting_within_the_limit_parses() {
    let depth = steer::syntax::MAX_NESTING - 1;
    let text = format!(
        "record www A = {}e 1{}",
        "weighted { ".repeat(depth),
        " } 1".repeat(depth - 1) + " }"
    );
    parse(&text);
}

#[test]
fn comments_and_byte_order_mark_are_ignored() {
    let f = parse("\u{feff}# a comment\nzone \"a.com\" # trailing\n{ ttl 60 } # more\n");
    assert_eq!(f.items.len(), 1);
}

#[test]
fn keywords_end_at_word_boundaries() {
    // `primaryireland` is one unknown word, not `primary ireland`.
    let d = parse_err("record www A = failover { primaryireland secondary b }");
    assert_eq!(d[0].code, "syntax-error");
}

#[test]
fn recovery_resumes_at_the_next_item() {
    let (file, diagnostics) = steer::syntax::parse_file(
        FileId(0),
        "zone \"a.com\" { ttl 60s }\nrecord www A = failover { primary }\nregion r { aws \"eu-west-1\" }\nrecord x A [\nendpoint e { a [192.0.2.1] }\n",
    );
    assert_eq!(diagnostics.len(), 2, "{diagnostics:#?}");
    // The zone, the region and the endpoint survive the two broken records.
    assert_eq!(file.items.len(), 3);
}

#[test]
fn string_escapes() {
    let f = parse(r#"record @ TXT "a \"quoted\" \\ word\t\u{e9}""#);
    let Item::Record(r) = only(f.items) else {
        panic!()
    };
    let RecordValue::Plain(v) = r.value else {
        panic!()
    };
    assert_eq!(v[0].written(), "a \"quoted\" \\ word\té");
}

/// Strings without an escape are copied whole and those with one decoded;
/// the grammar scans the runs between escapes in one step each, so runs
/// of every kind (empty, with `#`, `}` and non-ASCII text, at either end)
/// come out as written.
#[test]
fn strings_with_and_without_escapes() {
    let f = parse(r#"record @ TXT ["", "v=spf1 # not a comment } é", "\\", "\"x", "é\té", "a\\"]"#);
    let Item::Record(r) = only(f.items) else {
        panic!()
    };
    let RecordValue::Plain(v) = r.value else {
        panic!()
    };
    let written: Vec<_> = v.iter().map(|s| s.written()).collect();
    assert_eq!(
        written,
        ["", "v=spf1 # not a comment } é", "\\", "\"x", "é\té", "a\\"]
    );
}

#[test]
fn spans_point_at_the_written_text() {
    let text = "zone \"a.com\" { ttl 60s }\nendpoint web { a [192.0.2.1] }";
    let f = parse(text);
    let Item::Endpoint(e) = &f.items[1] else {
        panic!()
    };
    assert_eq!(
        &text[e.name.span.start as usize..e.name.span.end as usize],
        "web"
    );
    assert_eq!(e.name.span.file, FileId(0));
}

/// `check NAME [alone]` after a member, in either order with `id`; a
/// record's policy does not swallow a `check NAME {` or `check NAME =`
/// item on the next line.
#[test]
fn checks_per_use_and_the_check_item_after_a_record() {
    let f = parse(
        r#"record www A = failover { primary a id "p" check a_up  secondary b check b_up id "s" }
           record api A = weighted { failover { primary a  secondary b } check gate alone 1  c 1 }
           record w2 A = a
           check x { https "x.example.net" }
           record w3 A = a
           check y = any(x)"#,
    );
    assert_eq!(f.items.len(), 6);
    assert!(matches!(f.items[3], Item::Check(_)));
    assert!(matches!(f.items[5], Item::Check(_)));
    let Item::Record(www) = &f.items[0] else {
        panic!()
    };
    let RecordValue::Routed(p) = &www.value else {
        panic!()
    };
    let PolicyKind::Failover(members) = &p.kind else {
        panic!()
    };
    for (m, check, id) in [(&members[0], "a_up", "p"), (&members[1], "b_up", "s")] {
        let c = m.target.check().expect("a check");
        assert_eq!((c.name.name.as_str(), c.alone), (check, None));
        assert_eq!(m.target.set_id().unwrap().value, id);
    }
    let Item::Record(api) = &f.items[1] else {
        panic!()
    };
    let RecordValue::Routed(p) = &api.value else {
        panic!()
    };
    let PolicyKind::Weighted(members) = &p.kind else {
        panic!()
    };
    let c = members[0].target.check().expect("a check");
    assert_eq!(c.name.name, "gate");
    assert!(c.alone.is_some());
}

/// Every member vector of a routing policy holds exactly its members (a
/// collect from pest pairs reserved at least four), and a member with no
/// `stay`, `id` or `check` has no box for them: a large zone's trees are
/// mostly these nodes. The parts that are there keep their spans.
#[test]
fn policy_members_take_no_more_room_than_they_need() {
    let text = r#"record www A = geolocation {
             country DE => failover { primary weighted { a 1  b 1 }  secondary stay c id "s" check c_up alone }
             default => latency [dublin => weighted { a 1  b 2 }, d]
           }"#;
    let PolicyKind::Geolocation(rules) = routed(text) else {
        panic!()
    };
    assert_eq!(rules.capacity(), 2);
    let PolicyKind::Failover(failover) = &rules[0].target.kind else {
        panic!()
    };
    assert_eq!(failover.capacity(), 2);
    let PolicyKind::Weighted(weighted) = &failover[0].target.kind else {
        panic!()
    };
    assert_eq!(weighted.capacity(), 2);
    assert!(weighted.iter().all(|m| m.target.extras.is_none()));
    let PolicyKind::Latency(latency) = &rules[1].target.kind else {
        panic!()
    };
    assert_eq!(latency.capacity(), 2);
    let PolicyKind::Weighted(nested) = &latency[0].target.kind else {
        panic!()
    };
    assert_eq!(nested.capacity(), 2);

    let secondary = &failover[1].target;
    let at = |s: steer::source::Span| &text[s.start as usize..s.end as usize];
    assert_eq!(at(secondary.stay().expect("stay")), "stay");
    assert_eq!(at(secondary.span), "c");
    assert_eq!(at(secondary.set_id().expect("an id").span), "\"s\"");
    let check = secondary.check().expect("a check");
    assert_eq!(at(check.span), "check c_up alone");
    assert_eq!(at(check.alone.expect("alone")), "alone");
}

/// A plain record's values are held at their number: `collect` from pest
/// pairs reserved four (80k plain records of the 100k kit zone: 15 MB).
#[test]
fn plain_values_take_no_more_room_than_they_need() {
    for (text, n) in [
        ("record www A 192.0.2.1", 1),
        ("record www A [192.0.2.1, 192.0.2.2]", 2),
        ("record @ TXT [\"a\", \"b\", \"c\", \"d\", \"e\"]", 5),
    ] {
        let Item::Record(r) = only(parse(text).items) else {
            panic!()
        };
        let RecordValue::Plain(values) = r.value else {
            panic!()
        };
        assert_eq!((values.len(), values.capacity()), (n, n), "{text}");
    }
}

#[test]
fn inputs_and_their_uses() {
    let f = parse(
        r#"input lb { description "the LB"  terraform "aws_lb.eu.dns_name"  cloudformation import "Net-LB" }
           zone "example.com" { hosted_zone_id input.zone }
           endpoint eu { alias elb input.lb }
           check q { alarm input.alarm in eu-west-1 }"#,
    );
    let Item::Input(lb) = &f.items[0] else {
        panic!()
    };
    assert_eq!(lb.name.name, "lb");
    assert_eq!(lb.description.as_ref().unwrap().value, "the LB");
    assert_eq!(lb.terraform.as_ref().unwrap().value, "aws_lb.eu.dns_name");
    assert_eq!(lb.cloudformation_import.as_ref().unwrap().value, "Net-LB");
    let input = |v: &ValueDef| match v {
        ValueDef::Input(i) => i.name.clone(),
        ValueDef::Literal(s) => panic!("a literal: {s:?}"),
    };
    let Item::Zone(zone) = &f.items[1] else {
        panic!()
    };
    assert_eq!(input(zone.hosted_zone_id.as_ref().unwrap()), "zone");
    let Item::Endpoint(eu) = &f.items[2] else {
        panic!()
    };
    let Some(AliasDef {
        target: AliasTargetDef::Aws {
            target: Some(target),
            ..
        },
        ..
    }) = eu.rare().alias.as_deref()
    else {
        panic!()
    };
    assert_eq!(input(target), "lb");
    let Item::Check(q) = &f.items[3] else {
        panic!()
    };
    assert_eq!(input(&q.rare().alarm.as_ref().unwrap().name), "alarm");
}

#[test]
fn input_references_are_one_token_and_only_where_a_value_may_be_one() {
    for source in [
        // Spaces break the reference.
        "zone \"example.com\" { hosted_zone_id input . zone }",
        // A probe's path is not a value of the stack.
        "check c { https \"a.example\" path input.p }",
        // `ip` is only for an input.
        "check c { https ip 192.0.2.1 }",
    ] {
        let (_, diagnostics) = steer::syntax::parse_file(steer::source::FileId(0), source);
        assert!(
            diagnostics.iter().any(|d| d.code == "syntax-error"),
            "{source}: {diagnostics:?}"
        );
    }
}

#[test]
fn inputs_stand_for_addresses_cname_targets_and_probed_hosts() {
    let source = r#"
endpoint eu { a [input.eip, 192.0.2.1]  aaaa [input.eip6] }
endpoint legacy { cname input.www }
check by_ip { https ip input.eip  host input.site }
check by_name { http input.www }
"#;
    let (f, diagnostics) = steer::syntax::parse_file(steer::source::FileId(0), source);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let written = |v: &ValueDef| v.written();
    let Item::Endpoint(eu) = &f.items[0] else {
        panic!()
    };
    let a: Vec<String> = eu.a.as_ref().unwrap().iter().map(written).collect();
    assert_eq!(a, ["input.eip", "192.0.2.1"]);
    assert!(matches!(&eu.a.as_ref().unwrap()[0], ValueDef::Input(i) if i.name == "eip"));
    assert!(matches!(&eu.aaaa.as_ref().unwrap()[0], ValueDef::Input(i) if i.name == "eip6"));
    let Item::Endpoint(legacy) = &f.items[1] else {
        panic!()
    };
    assert!(matches!(&legacy.rare().cname, Some(ValueDef::Input(i)) if i.name == "www"));
    let Item::Check(by_ip) = &f.items[2] else {
        panic!()
    };
    assert!(matches!(
        &by_ip.probe.as_ref().unwrap().host.value,
        Host::Input { name, address: true } if name.name == "eip"
    ));
    assert!(matches!(&by_ip.host, Some(ValueDef::Input(i)) if i.name == "site"));
    let Item::Check(by_name) = &f.items[3] else {
        panic!()
    };
    assert!(matches!(
        &by_name.probe.as_ref().unwrap().host.value,
        Host::Input { name, address: false } if name.name == "www"
    ));
}
