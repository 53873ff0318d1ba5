//! The `zone` target: snapshots of every example's zone file, validation of
//! each with `named-checkzone` and `kzonecheck`, health scenarios,
//! determinism, and TXT escaping checked by BIND itself.

mod common;

use common::tools::{assert_success, require_tool};
use common::{config_of_source, examples};
use std::process::Command;
use steer::check::ir;
use steer::emit::zone::{self, ZoneFile};
use steer::semantics::Scenario;

fn example(name: &str) -> ir::Config {
    common::config(&common::example(name))
}

fn emit(config: &ir::Config, scenario: &Scenario) -> ZoneFile {
    zone::emit(config, scenario).unwrap_or_else(|d| panic!("{}: {d:#?}", config.zone.name))
}

fn down(checks: &[&str]) -> Scenario {
    Scenario::with_down(checks.iter().copied())
}

/// Runs both zone checkers on `text` as the zone `origin` (skipped with a
/// message when a tool is missing outside CI).
fn validate(origin: &str, text: &str) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(format!("{origin}.zone"));
    std::fs::write(&file, text).unwrap();
    if let Some(checkzone) = require_tool("named-checkzone") {
        let out = assert_success(
            Command::new(checkzone)
                .args([
                    "-i", "full", "-k", "fail", "-m", "fail", "-M", "fail", "-n", "fail", "-r",
                    "fail", "-S", "fail", "-T", "warn", "-W", "warn",
                ])
                .arg(origin)
                .arg(&file),
        );
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(stdout.contains("OK"), "{origin}: {stdout}");
    }
    if let Some(kzonecheck) = require_tool("kzonecheck") {
        assert_success(
            Command::new(kzonecheck)
                .args(["-v", "-o", origin])
                .arg(&file),
        );
    }
}

/// The lines of `text` that are records (not comments, directives or blank).
fn record_lines(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| !l.is_empty() && !l.starts_with(';') && !l.starts_with('$'))
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

// ---------------------------------------------------------------------------
// Every example
// ---------------------------------------------------------------------------

#[test]
fn snapshot_of_every_example() {
    for example in examples() {
        let config = common::config(&example);
        let file = emit(&config, &Scenario::default());
        assert_eq!(file.file_name, format!("{}.zone", config.zone.name));
        insta::assert_snapshot!(example.name.as_str(), file.text);
    }
}

#[test]
fn escaping_corpus_passes_named_checkzone_and_kzonecheck() {
    let config = common::config(&common::fixture("escaping"));
    let file = emit(&config, &Scenario::default());
    insta::assert_snapshot!("escaping", file.text);
    validate(&config.zone.name, &file.text);
}

#[test]
fn every_example_passes_named_checkzone_and_kzonecheck() {
    for example in examples() {
        let config = common::config(&example);
        let file = emit(&config, &Scenario::default());
        validate(&config.zone.name, &file.text);
        // Every check down at once: the other extreme of flattening.
        let all_down = Scenario::with_down(config.checks.keys().cloned());
        let file = emit(&config, &all_down);
        validate(&config.zone.name, &file.text);
        // And each check down on its own.
        for check in config.checks.keys() {
            let file = emit(&config, &down(&[check]));
            validate(&config.zone.name, &file.text);
        }
    }
}

/// The records of a zone file by (owner, type): (TTL, data) per record.
fn records_by_owner(text: &str) -> std::collections::HashMap<(String, String), Vec<(u32, String)>> {
    let mut out: std::collections::HashMap<_, Vec<_>> = std::collections::HashMap::new();
    for line in record_lines(text) {
        let fields: Vec<&str> = line.splitn(5, ' ').collect();
        if let [owner, ttl, "IN", rtype, data] = fields[..] {
            out.entry((owner.to_string(), rtype.to_string()))
                .or_default()
                .push((ttl.parse().unwrap(), data.to_string()));
        }
    }
    out
}

#[test]
fn resolve_agrees_with_the_zone_file_for_every_example() {
    use steer::semantics::{resolve, Answer, Client};
    // How many addresses and CNAME answers were compared: not none.
    let (mut data_seen, mut cnames_seen) = (0, 0);
    for example in examples() {
        let name = &example.name;
        let config = common::config(&example);
        let mut scenarios = vec![
            Scenario::default(),
            Scenario::with_down(config.checks.keys().cloned()),
        ];
        scenarios.extend(config.checks.keys().map(|c| down(&[c])));
        for scenario in &scenarios {
            let file = emit(&config, scenario);
            let records = records_by_owner(&file.text);
            for record in &config.records {
                if matches!(record.content, ir::RecordContent::Plain(_)) {
                    continue;
                }
                let context = format!("{name} {} {} {scenario:?}", record.name, record.record_type);
                let resolution = resolve(&config, record, &Client::unknown(), scenario);
                let written = records.get(&(record.name.clone(), record.record_type.to_string()));
                let cname = records.get(&(record.name.clone(), "CNAME".to_string()));
                match &resolution.answer {
                    None => assert!(written.is_none(), "{context}"),
                    Some(Answer::Data(data)) => {
                        let expected: Vec<(u32, String)> = data
                            .iter()
                            .map(|d| match d {
                                ir::RData::A(a) => (resolution.ttl, a.to_string()),
                                ir::RData::Aaaa(a) => (resolution.ttl, a.to_string()),
                                other => panic!("{context}: {other:?}"),
                            })
                            .collect();
                        assert_eq!(written, Some(&expected), "{context}");
                        data_seen += 1;
                    }
                    Some(Answer::Cname(target)) => {
                        let expressible = !file.warnings.iter().any(|w| {
                            w.code == "alias-not-expressible"
                                && w.message.starts_with(&format!(
                                    "`{}` {} ",
                                    record.name, record.record_type
                                ))
                        });
                        if expressible {
                            assert_eq!(
                                cname.map(|c| c[0].1.clone()),
                                Some(format!("{target}.")),
                                "{context}"
                            );
                        } else {
                            assert!(written.is_none(), "{context}");
                        }
                        cnames_seen += 1;
                    }
                }
            }
        }
    }
    assert!(
        data_seen > 50 && cnames_seen > 20,
        "{data_seen} {cnames_seen}"
    );
}

// ---------------------------------------------------------------------------
// Health scenarios
// ---------------------------------------------------------------------------

#[test]
fn myshop_with_ireland_down_flattens_www_to_frankfurt() {
    let config = example("myshop");
    let healthy = emit(&config, &Scenario::default());
    let lines = record_lines(&healthy.text);
    assert!(
        lines.contains(&"www 60 IN A 203.0.113.10".to_string()),
        "{lines:#?}"
    );
    assert!(
        lines.contains(&"@ 60 IN A 203.0.113.11".to_string()),
        "{lines:#?}"
    );

    let file = emit(&config, &down(&["ireland_up"]));
    let lines = record_lines(&file.text);
    let www: Vec<&String> = lines.iter().filter(|l| l.starts_with("www ")).collect();
    assert_eq!(
        www,
        ["www 60 IN CNAME dualstack.shop-fra-1234567890.eu-central-1.elb.amazonaws.com."],
        "{}",
        file.text
    );
    assert!(file.text.contains(
        "; www A: failover (primary ireland, secondary frankfurt) -> frankfurt (primary unhealthy, secondary healthy)"
    ));
    assert!(file
        .text
        .contains("; Health scenario: ireland_up assumed down"));
    // The apex follows www, which is now an ELB alias: a CNAME cannot be
    // at the apex, so `@ A` is left out with a warning.
    assert!(
        !lines.iter().any(|l| l.starts_with("@ 60 IN A ")),
        "{}",
        file.text
    );
    assert!(
        !lines.iter().any(|l| l.starts_with("@ 60 IN CNAME")),
        "{}",
        file.text
    );
    let codes: Vec<&str> = file.warnings.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["alias-not-expressible"]);
    // The plain record the check probes stays put.
    assert!(lines.contains(&"ireland 60 IN A 203.0.113.10".to_string()));
    validate(&config.zone.name, &file.text);
    insta::assert_snapshot!("myshop--ireland_up-down", file.text);
}

#[test]
fn failover_with_both_down_answers_with_the_primary() {
    let config = example("myshop");
    let file = emit(&config, &down(&["ireland_up", "frankfurt_up"]));
    assert!(record_lines(&file.text).contains(&"www 60 IN A 203.0.113.10".to_string()));
    assert!(file
        .text
        .contains("-> ireland (both unhealthy: Route 53 then answers with the primary)"));
}

#[test]
fn calculated_checks_need_their_threshold() {
    let config = example("checks");
    let pay = |scenario: &Scenario| -> Vec<String> {
        record_lines(&emit(&config, scenario).text)
            .into_iter()
            .filter(|l| l.starts_with("pay "))
            .collect()
    };
    let dublin = [
        "pay 60 IN A 203.0.113.31",
        "pay 60 IN A 203.0.113.32",
        "pay 60 IN A 203.0.113.33",
    ];
    let frankfurt =
        ["pay 60 IN CNAME dualstack.pay-fra-2087715533.eu-central-1.elb.amazonaws.com."];
    assert_eq!(pay(&Scenario::default()), dublin);
    // at_least(2, a, b, c): one node down is fine, two are not.
    assert_eq!(pay(&down(&["dub_web_a"])), dublin);
    assert_eq!(pay(&down(&["dub_web_a", "dub_web_b"])), frankfurt);
    // all(...) with an alarm child.
    assert_eq!(pay(&down(&["dub_db_ok"])), frankfurt);
    // Naming the inverted maintenance check down: Dublin is in maintenance.
    assert_eq!(pay(&down(&["dub_not_in_maintenance"])), frankfurt);
    // A disabled check is healthy whatever the scenario says.
    let file = emit(&config, &down(&["dub_grpc"]));
    assert!(record_lines(&file.text).contains(&dublin[0].to_string()));
    assert!(file.text.contains("Healthy all the same, being disabled"));
    // Naming the calculated check itself.
    assert_eq!(pay(&down(&["dub_ready"])), frankfurt);
    let file = emit(&config, &down(&["dub_web_a", "dub_web_b"]));
    assert!(file.text.contains(
        "; Unhealthy as a result: dub_ready (calculated: 3 of 4 children healthy, needs 4), \
         dub_web_quorum (calculated: 1 of 3 children healthy, needs 2)."
    ));
    // Recovery controls: operator flips the switch.
    let hooks = |scenario: &Scenario| -> Vec<String> {
        record_lines(&emit(&config, scenario).text)
            .into_iter()
            .filter(|l| l.starts_with("hooks "))
            .collect()
    };
    assert_eq!(hooks(&Scenario::default()), ["hooks 60 IN A 203.0.113.41"]);
    assert_eq!(
        hooks(&down(&["hooks_dublin_on"])),
        ["hooks 60 IN A 198.51.100.41"]
    );
}

#[test]
fn alarm_states_decide_alarm_checks() {
    use steer::semantics::AlarmState;
    let config = example("checks");
    let pay = |scenario: &Scenario| -> (String, Vec<String>) {
        let text = emit(&config, scenario).text;
        let pay = record_lines(&text)
            .into_iter()
            .filter(|l| l.starts_with("pay "))
            .collect();
        (text, pay)
    };
    let lag = "payments-aurora-dub-replica-lag";
    let (text, lines) = pay(&Scenario::default().with_alarm(lag, AlarmState::Alarm));
    assert_eq!(
        lines,
        ["pay 60 IN CNAME dualstack.pay-fra-2087715533.eu-central-1.elb.amazonaws.com."]
    );
    assert!(text.contains("; Health scenario: no check assumed down; every other check healthy.\n"));
    assert!(text.contains(&format!("; CloudWatch alarms: {lag} in ALARM.\n")));
    assert!(text.contains("; Unhealthy as a result: dub_db_ok (its alarm in ALARM), dub_ready ("));
    // `insufficient_data unhealthy` on dub_db_ok.
    let (_, insufficient) = pay(&Scenario::default().with_alarm(lag, AlarmState::InsufficientData));
    assert_eq!(insufficient, lines);
    let (text, ok) = pay(&Scenario::default()
        .with_alarm(lag, AlarmState::Ok)
        .with_alarm("not-an-alarm-here", AlarmState::Alarm));
    assert_eq!(ok[0], "pay 60 IN A 203.0.113.31");
    assert!(text.contains("; Not alarms of this zone's checks, ignored: not-an-alarm-here.\n"));
}

#[test]
fn weighted_picks_the_heaviest_healthy_member() {
    let config = example("canary");
    let checkout = |scenario: &Scenario| -> String {
        record_lines(&emit(&config, scenario).text)
            .into_iter()
            .find(|l| l.starts_with("checkout "))
            .unwrap()
    };
    let elb =
        |fleet: &str| format!("checkout 30 IN CNAME dualstack.checkout-{fleet}.elb.amazonaws.com.");
    assert_eq!(
        checkout(&Scenario::default()),
        elb("stable-1142387.us-east-1")
    );
    assert_eq!(
        checkout(&down(&["stable_up"])),
        elb("canary-2209814.us-east-1")
    );
    // Weight 0 only answers when every weighted member is down.
    assert_eq!(
        checkout(&down(&["stable_up", "canary_up"])),
        elb("dr-7730155.us-east-2")
    );
    let text = emit(&config, &Scenario::default()).text;
    assert!(text.contains("the answer 95% of clients get"), "{text}");
    // `pay` is an alias to checkout and follows it.
    let pay = record_lines(&emit(&config, &down(&["stable_up"])).text)
        .into_iter()
        .find(|l| l.starts_with("pay "))
        .unwrap();
    assert_eq!(
        pay,
        elb("canary-2209814.us-east-1").replace("checkout 30", "pay 30")
    );
}

#[test]
fn all_zero_weights_answer_like_equal_weights() {
    let config = config_of_source(
        r#"zone "ex.com" { ttl 60  nameservers ["ns-1.awsdns-01.org"] }
           check a_up { https "a.ex.net" }
           check b_up { https "b.ex.net" }
           endpoint a { a [192.0.2.1]  check a_up }
           endpoint b { a [192.0.2.2]  check b_up }
           record w A = weighted { a 0  b 0 }"#,
    );
    let w = |scenario: &Scenario| -> Vec<String> {
        record_lines(&emit(&config, scenario).text)
            .into_iter()
            .filter(|l| l.starts_with("w "))
            .collect()
    };
    assert_eq!(w(&Scenario::default()), ["w 60 IN A 192.0.2.1"]);
    assert_eq!(w(&down(&["a_up"])), ["w 60 IN A 192.0.2.2"]);
    // Nothing healthy: Route 53 answers anyway, as if all were healthy.
    assert_eq!(w(&down(&["a_up", "b_up"])), ["w 60 IN A 192.0.2.1"]);
}

#[test]
fn latency_writes_the_union_of_healthy_regions() {
    let config = example("latency");
    let api = |scenario: &Scenario| -> Vec<String> {
        record_lines(&emit(&config, scenario).text)
            .into_iter()
            .filter(|l| l.starts_with("api "))
            .collect()
    };
    assert_eq!(
        api(&Scenario::default()),
        [
            "api 60 IN A 198.51.100.10",
            "api 60 IN A 198.51.100.20",
            "api 60 IN A 198.51.100.30",
            "api 60 IN AAAA 2001:db8:10::10",
            "api 60 IN AAAA 2001:db8:20::20",
            "api 60 IN AAAA 2001:db8:30::30",
        ]
    );
    assert_eq!(
        api(&down(&["tokyo_api"])),
        [
            "api 60 IN A 198.51.100.10",
            "api 60 IN A 198.51.100.20",
            "api 60 IN AAAA 2001:db8:10::10",
            "api 60 IN AAAA 2001:db8:20::20",
        ]
    );
    // None healthy: Route 53 treats all as healthy.
    assert_eq!(
        api(&down(&["tokyo_api", "ireland_api", "virginia_api"])),
        api(&Scenario::default())
    );
}

#[test]
fn unknown_checks_in_a_scenario_are_reported() {
    let config = example("myshop");
    let scenario = down(&["ireland_up", "irland_up"]);
    assert_eq!(scenario.unknown_checks(&config), ["irland_up"]);
}

#[test]
fn the_zone_target_refuses_unknown_assumed_down_checks() {
    let configs = [example("myshop")];
    let zone = common::target("zone");
    let options = common::assume_down(&["ireland_up"]);
    assert_eq!(zone.validate(&options, &configs), Ok(()));
    let options = common::assume_down(&["ireland_up", "irland_up"]);
    assert_eq!(
        zone.validate(&options, &configs).map_err(|e| e.to_string()),
        Err(
            "--assume-down irland_up: no health check of this name; did you mean `ireland_up`?"
                .to_string()
        )
    );
}

// ---------------------------------------------------------------------------
// Errors and warnings
// ---------------------------------------------------------------------------

#[test]
fn a_zone_without_nameservers_is_an_error() {
    let config = config_of_source("zone \"example.com\" { ttl 300 }\nrecord www A 192.0.2.1\n");
    let errors = zone::emit(&config, &Scenario::default()).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].code, "zone-needs-nameservers");
    assert!(errors[0].hints[0].contains("nameservers ["));
}

#[test]
fn geolocation_without_default_leaves_the_name_out() {
    let config = config_of_source(
        r#"zone "example.com" { ttl 300  nameservers ["ns-1.awsdns-01.org"] }
check eu_up { https "eu.example.net" path "/" }
check us_up { https "us.example.net" path "/" }
endpoint eu { a [192.0.2.1]  check eu_up }
endpoint us { a [192.0.2.2]  check us_up }
record www A = geolocation {
  continent EU => eu
  country US => us
}
record www TXT "still here"
"#,
    );
    let file = emit(&config, &Scenario::default());
    let codes: Vec<&str> = file.warnings.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["no-answer"]);
    assert!(!record_lines(&file.text)
        .iter()
        .any(|l| l.contains(" IN A ")));
    assert!(file
        .text
        .contains("no answer: this zone file has no www A record"));
    assert!(record_lines(&file.text).contains(&"www 300 IN TXT \"still here\"".to_string()));
    validate("example.com", &file.text);
}

#[test]
fn an_alias_cname_beside_other_data_is_left_out() {
    let config = config_of_source(
        r#"zone "example.com" { ttl 300  nameservers ["ns-1.awsdns-01.org"] }
endpoint cdn { alias cloudfront "d111111abcdef8.cloudfront.net" }
record www A = cdn
record www AAAA = cdn
record app A = cdn
record app MX "10 mail.example.net"
"#,
    );
    let file = emit(&config, &Scenario::default());
    let lines = record_lines(&file.text);
    // A and AAAA share one CNAME.
    let www: Vec<&String> = lines.iter().filter(|l| l.starts_with("www ")).collect();
    assert_eq!(www, ["www 300 IN CNAME d111111abcdef8.cloudfront.net."]);
    // Beside an MX, the alias cannot be written.
    let app: Vec<&String> = lines.iter().filter(|l| l.starts_with("app ")).collect();
    assert_eq!(app, ["app 300 IN MX 10 mail.example.net."]);
    let codes: Vec<&str> = file.warnings.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["alias-not-expressible"]);
    validate("example.com", &file.text);
}

/// Whether BIND would load `text` as the primary zone `origin` with its
/// default `check-names primary fail` (`named-checkzone -k fail`); `None`
/// when the tool is missing outside CI.
fn bind_loads_with_check_names(origin: &str, text: &str) -> Option<bool> {
    let checkzone = require_tool("named-checkzone")?;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("zone");
    std::fs::write(&file, text).unwrap();
    let out = Command::new(checkzone)
        .args(["-k", "fail", origin])
        .arg(&file)
        .output()
        .unwrap();
    Some(out.status.success())
}

#[test]
fn names_bind_refuses_are_warned_exactly_when_bind_refuses_them() {
    // (records, whether BIND's check-names refuses them)
    let cases = [
        (r#"record _ldap A 192.0.2.1"#, true),
        (r#"record a._b AAAA 2001:db8::1"#, true),
        (r#"record -a A 192.0.2.1"#, true),
        (r#"record b- A 192.0.2.1"#, true),
        (r#"record _m MX "10 mail.example.net""#, true),
        (r#"record @ MX "10 mail_in.example.net""#, true),
        (r#"record _sip._tcp SRV "0 0 5060 sip_1.example.net""#, true),
        (r#"record sub NS ["ns_a.example.net"]"#, true),
        (
            r#"endpoint e { a [192.0.2.1] }
endpoint f { a [192.0.2.2] }
record _routed A = weighted { e 2  f 1 }"#,
            true,
        ),
        (r#"record _dmarc TXT "v=DMARC1; p=none""#, false),
        (r#"record _sip._tcp SRV "0 0 5060 sip.example.net""#, false),
        (r#"record _c CNAME "target.example.net""#, false),
        (r#"record *.w A 192.0.2.1"#, false),
        (r#"record 1a A 192.0.2.1"#, false),
        (r#"record xn--bcher-kva A 192.0.2.1"#, false),
    ];
    for (records, refused) in cases {
        let config = config_of_source(&format!(
            "zone \"example.com\" {{ ttl 300  nameservers [\"ns-1.awsdns-01.org\"] }}\n{records}\n"
        ));
        let file = emit(&config, &Scenario::default());
        let codes: Vec<&str> = file.warnings.iter().map(|d| d.code).collect();
        let warned = codes.contains(&"not-a-host-name");
        assert_eq!(warned, refused, "{records}: {codes:?}\n{}", file.text);
        if let Some(loads) = bind_loads_with_check_names("example.com", &file.text) {
            assert_eq!(loads, !refused, "BIND on {records}:\n{}", file.text);
        }
    }
    // A name server that is not a host name (SOA MNAME and NS targets).
    let config = config_of_source(
        r#"zone "example.com" { ttl 300  nameservers ["ns_1.example.net"] }
record www A 192.0.2.1
"#,
    );
    let file = emit(&config, &Scenario::default());
    let codes: Vec<&str> = file.warnings.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["not-a-host-name"]);
    assert_eq!(
        bind_loads_with_check_names("example.com", &file.text),
        require_tool("named-checkzone").map(|_| false)
    );
}

// ---------------------------------------------------------------------------
// Determinism and the serial
// ---------------------------------------------------------------------------

#[test]
fn output_is_deterministic() {
    for example in examples() {
        let name = &example.name;
        let a = emit(&common::config(&example), &Scenario::default()).text;
        let b = emit(&common::config(&example), &Scenario::default()).text;
        assert_eq!(a, b, "{name}");
        let config = common::config(&example);
        assert_eq!(
            emit(&config, &Scenario::default()).text,
            emit(&config, &Scenario::default()).text,
            "{name}"
        );
    }
}

fn serial_of(text: &str) -> u32 {
    let line = text
        .lines()
        .find(|l| l.contains("; serial"))
        .expect("a serial line");
    line.split_whitespace().next().unwrap().parse().unwrap()
}

#[test]
fn serial_is_a_content_hash_unless_set() {
    let source = |extra: &str| {
        format!(
            "zone \"example.com\" {{ ttl 300  nameservers [\"ns-1.awsdns-01.org\"] {extra} }}\n\
             record www A 192.0.2.1\n"
        )
    };
    let a = emit(&config_of_source(&source("")), &Scenario::default()).text;
    let serial = serial_of(&a);
    assert!((1..=2_147_483_647).contains(&serial));
    assert_eq!(
        serial_of(&emit(&config_of_source(&source("")), &Scenario::default()).text),
        serial
    );
    // A changed record changes the serial.
    let changed = config_of_source(&source("").replace("192.0.2.1", "192.0.2.2"));
    assert_ne!(
        serial_of(&emit(&changed, &Scenario::default()).text),
        serial
    );
    // A changed scenario that changes an answer changes it too.
    let myshop = example("myshop");
    assert_ne!(
        serial_of(&emit(&myshop, &Scenario::default()).text),
        serial_of(&emit(&myshop, &down(&["ireland_up"])).text)
    );
    // An explicit serial wins.
    let fixed = config_of_source(&source("soa { serial 2024060101 }"));
    let text = emit(&fixed, &Scenario::default()).text;
    assert_eq!(serial_of(&text), 2_024_060_101);
    assert!(text.contains("serial (set in the configuration)"));
}

// ---------------------------------------------------------------------------
// TXT escaping, checked by BIND
// ---------------------------------------------------------------------------

/// The bytes of each quoted character-string in `rdata`.
fn character_strings(rdata: &str) -> Vec<Vec<u8>> {
    let bytes = rdata.as_bytes();
    let mut strings = Vec::new();
    let mut out = Vec::new();
    let mut i = 0;
    let mut in_string = false;
    while i < bytes.len() {
        let b = bytes[i];
        if !in_string {
            if b == b'"' {
                in_string = true;
                out = Vec::new();
            }
            i += 1;
            continue;
        }
        match b {
            b'"' => {
                in_string = false;
                strings.push(std::mem::take(&mut out));
                i += 1;
            }
            b'\\' if bytes[i + 1].is_ascii_digit() => {
                let n: u32 = rdata[i + 1..i + 4].parse().unwrap();
                out.push(u8::try_from(n).unwrap());
                i += 4;
            }
            b'\\' => {
                out.push(bytes[i + 1]);
                i += 2;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    strings
}

fn decode_character_strings(rdata: &str) -> Vec<u8> {
    character_strings(rdata).concat()
}

#[test]
fn tricky_txt_values_pass_the_checkers_and_round_trip_through_bind() {
    let long = "0123456789abcdef".repeat(128); // 2 KiB
    let unicode = "Grüße aus Köln — 日本語 🦀 ".repeat(12); // > 255 bytes, multi-byte
    let values: Vec<(&str, String)> = vec![
        (
            "quotes",
            r#"say "hi" and \o/ ; (not a comment)"#.to_string(),
        ),
        ("long", long.clone()),
        ("unicode", unicode.clone()),
        ("control", "tab\there\nnewline\r\nend".to_string()),
        ("empty", String::new()),
    ];
    let steer_string = |s: &str| {
        let mut out = String::from("\"");
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                '\r' => out.push_str("\\r"),
                c => out.push(c),
            }
        }
        out.push('"');
        out
    };
    let mut source =
        String::from("zone \"txt.example\" { ttl 300  nameservers [\"ns-1.awsdns-01.org\"] }\n");
    for (name, value) in &values {
        source.push_str(&format!("record {name} TXT {}\n", steer_string(value)));
    }
    let config = config_of_source(&source);
    let file = emit(&config, &Scenario::default());

    // Our own reading of the file: every value comes back byte for byte.
    let mut piece_counts = Vec::new();
    for (name, value) in &values {
        let start = file
            .text
            .find(&format!("\n{name} "))
            .unwrap_or_else(|| panic!("{name} missing"));
        let rest = &file.text[start + 1..];
        let txt = &rest[rest.find(" TXT ").unwrap() + 5..];
        let end = if txt.trim_start().starts_with('(') {
            txt.find(')').unwrap()
        } else {
            txt.find('\n').unwrap()
        };
        let strings = character_strings(&txt[..end]);
        assert!(strings.iter().all(|s| s.len() <= 255), "{name}");
        assert_eq!(strings.concat(), value.as_bytes(), "{name}");
        piece_counts.push(strings.len());
    }
    assert_eq!(piece_counts, [1, 9, 2, 1, 1]);
    validate("txt.example", &file.text);

    // BIND's reading of it: compile the zone and decode what BIND prints.
    let Some(compilezone) = require_tool("named-compilezone") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.zone");
    let output = dir.path().join("out.zone");
    std::fs::write(&input, &file.text).unwrap();
    assert_success(
        Command::new(compilezone)
            .args(["-s", "full", "-o"])
            .arg(&output)
            .arg("txt.example")
            .arg(&input),
    );
    let compiled = std::fs::read_to_string(&output).unwrap();
    for ((name, value), pieces) in values.iter().zip(piece_counts) {
        let owner = format!("{name}.txt.example.");
        let line = compiled
            .lines()
            .find(|l| l.starts_with(&owner) && l.contains("TXT"))
            .unwrap_or_else(|| panic!("{owner} not in BIND's output:\n{compiled}"));
        let rdata = &line[line.find("TXT").unwrap() + 3..];
        assert_eq!(decode_character_strings(rdata), value.as_bytes(), "{line}");
        // BIND read the same character-strings.
        assert_eq!(character_strings(rdata).len(), pieces, "{line}");
    }
}

#[test]
fn the_header_says_why_a_check_is_unhealthy_when_all_are_healthy() {
    let config = config_of_source(
        r#"zone "ex.com" { ttl 60  nameservers ["ns1.dns.example.net"] }
        check a_up { https "a.ex.net" }
        check b_up { https "b.ex.net" }
        check maintenance { https "m.ex.net"  disabled  inverted }
        check none_down = all(a_up, b_up) { inverted }
        endpoint a { a [192.0.2.1]  check maintenance }
        endpoint b { a [192.0.2.2]  check none_down }
        record www A = failover { primary a  secondary b }"#,
    );
    let text = emit(&config, &Scenario::default()).text;
    assert!(
        text.contains(
            "Unhealthy all the same: maintenance (disabled and inverted), none_down (calculated: 2 of 2 children healthy, needs 2, inverted)."
        ),
        "{text}"
    );
}

#[test]
fn an_alias_to_an_input_without_a_value_is_never_written() {
    let loaded = common::load(&common::example("stack-inputs").path);
    let config = common::only_config(steer::check_loaded(&loaded), &loaded, "stack-inputs");
    let errors = zone::emit(&config, &Scenario::default()).expect_err("no values");
    let codes: Vec<&str> = errors.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["missing-input"]);
}
