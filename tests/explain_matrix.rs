//! The failure matrix (`steer::explain::matrix`): every example's matrix as
//! a reviewed snapshot (text; Markdown and JSON for the seed example), the
//! cases that cannot be drawn, the size cap and determinism.

mod common;

use common::{config, config_of_source, example, examples};
use steer::check::ir::RecordType;
use steer::explain::matrix::{
    matrices, render, MatrixError, MatrixFormat, MatrixOptions, MAX_CELLS,
};
use steer::semantics::MAX_CHECKS_FOR_PAIRS;

fn every_name() -> MatrixOptions {
    MatrixOptions::default()
}

fn named(name: &str) -> MatrixOptions {
    MatrixOptions {
        name: Some(name.to_string()),
        record_type: None,
    }
}

#[test]
fn every_example_matches_its_snapshot() {
    for input in examples() {
        let c = config(&input);
        let m = matrices(&c, &every_name()).unwrap_or_else(|e| panic!("{}: {e}", input.name));
        insta::with_settings!({ description => format!("steer explain --matrix {}", input.display()), omit_expression => true }, {
            insta::assert_snapshot!(format!("{}.text", input.name), render(&m, MatrixFormat::Text));
        });
    }
}

#[test]
fn markdown_and_json_of_the_seed_example() {
    let c = config(&example("geo-failover"));
    let m = matrices(&c, &named("www")).expect("www");
    insta::assert_snapshot!("geo-failover.md", render(&m, MatrixFormat::Markdown));
    let json = render(&m, MatrixFormat::Json);
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(value["matrices"][0]["name"], "www.fjordair.com");
    insta::assert_snapshot!("geo-failover.json", json);
}

#[test]
fn names_relative_absolute_and_any_case() {
    let c = config(&example("geo-failover"));
    let www = matrices(&c, &named("www")).expect("www");
    assert_eq!(www.len(), 1);
    for name in ["WWW", "www.fjordair.com", "www.fjordair.com."] {
        assert_eq!(matrices(&c, &named(name)).expect(name), www, "{name}");
    }
    let apex = matrices(&c, &named("@")).expect("@");
    assert_eq!(apex[0].name, "fjordair.com");
    assert_eq!(
        matrices(&c, &named("fjordair.com")).expect("apex by fqdn"),
        apex
    );
}

#[test]
fn names_that_cannot_be_drawn() {
    let c = config(&example("geo-failover"));
    let e = matrices(&c, &named("ww")).unwrap_err();
    assert!(matches!(e, MatrixError::UnknownName { .. }));
    assert_eq!(
        e.to_string(),
        "zone `fjordair.com` has no record named `ww`; did you mean `www`?"
    );
    let e = matrices(&c, &named("eu-west-1.origin")).unwrap_err();
    assert!(matches!(e, MatrixError::NotRouted { .. }), "{e}");
    let e = matrices(
        &c,
        &MatrixOptions {
            name: Some("www".into()),
            record_type: Some(RecordType::Aaaa),
        },
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "`www.fjordair.com` has no routed AAAA record set; its routed types are A"
    );
}

#[test]
fn a_name_with_several_routed_types_needs_one() {
    let c = config_of_source(
        r#"zone "ex.com" { ttl 60 nameservers ["ns1.dns.example.net"] }
        check a_up { https "a.ex.net" }
        endpoint a { a [192.0.2.1] aaaa [2001:db8::1] check a_up }
        endpoint b { a [192.0.2.2] aaaa [2001:db8::2] }
        record www A = failover { primary a secondary b }
        record www AAAA = failover { primary a secondary b }
        "#,
    );
    let e = matrices(&c, &named("www")).unwrap_err();
    assert_eq!(
        e.to_string(),
        "`www.ex.com` has routed record sets of several types (A, AAAA): give one"
    );
    let aaaa = MatrixOptions {
        name: Some("www".into()),
        record_type: Some(RecordType::Aaaa),
    };
    let m = matrices(&c, &aaaa).expect("AAAA");
    assert_eq!(m[0].record_type, RecordType::Aaaa);
    // No name: every routed name and type.
    assert_eq!(matrices(&c, &every_name()).expect("all").len(), 2);
}

/// A geolocation record over `countries` rules, each a failover between
/// two of `checks` checked endpoints.
fn wide(checks: usize, countries: &[&str]) -> String {
    let mut s = String::from(r#"zone "ex.com" { ttl 60 nameservers ["ns1.dns.example.net"] }"#);
    s.push('\n');
    for i in 0..checks {
        s.push_str(&format!(
            "check c{i:02} {{ https \"h{i}.ex.net\" }}\nendpoint e{i:02} {{ a [192.0.2.{}] check c{i:02} }}\n",
            i + 1
        ));
    }
    s.push_str("record www A = geolocation {\n");
    for (k, country) in countries.iter().enumerate() {
        let (p, q) = (k % checks, (k + 1) % checks);
        s.push_str(&format!(
            "  country {country} => failover {{ primary e{p:02} secondary e{q:02} }}\n"
        ));
    }
    s.push_str(&format!("  default => e{:02}\n}}\n", checks - 1));
    s
}

const COUNTRIES: [&str; 13] = [
    "DE", "FR", "IE", "GB", "ES", "IT", "PT", "NL", "BE", "AT", "PL", "SE", "DK",
];

#[test]
fn six_checks_and_five_classes_fit() {
    // The size the issue asks to stay readable: 1 + 6 + 15 = 22 rows.
    let c = config_of_source(&wide(6, &COUNTRIES[..4]));
    let m = matrices(&c, &every_name()).expect("fits");
    assert_eq!((m[0].rows.len(), m[0].classes.len()), (22, 5));
    insta::assert_snapshot!(
        "six-checks-five-classes.text",
        render(&m, MatrixFormat::Text)
    );
}

#[test]
fn pairs_stop_above_the_limit_and_large_matrices_are_refused() {
    let n = MAX_CHECKS_FOR_PAIRS + 1;
    let c = config_of_source(&wide(n, &COUNTRIES));
    let m = matrices(&c, &every_name()).expect("single failures only");
    assert!(!m[0].pairs);
    assert_eq!(m[0].rows.len(), 1 + n);
    let text = render(&m, MatrixFormat::Text);
    assert!(
        text.contains("single failures only (pairs above 12 checks"),
        "{text}"
    );

    // 12 checks with pairs (79 failure sets) × 14 classes is over the cap.
    let c = config_of_source(&wide(MAX_CHECKS_FOR_PAIRS, &COUNTRIES));
    let e = matrices(&c, &every_name()).unwrap_err();
    assert!(
        matches!(
            e,
            MatrixError::TooLarge {
                rows: 79,
                columns: 14,
                ..
            }
        ) && 79 * 14 > MAX_CELLS,
        "{e}"
    );
    assert_eq!(
        e.to_string(),
        "the failure matrix of www.ex.com A would have 1106 cells (79 failure sets × 14 client \
         classes), over the limit of 1000; ask for one failure set with `steer explain PATH \
         www.ex.com A --down CHECK...`, or one client with `--from WHERE`, and for the other \
         names one at a time with `steer explain --matrix PATH NAME`"
    );
    let e = matrices(&c, &named("www")).unwrap_err();
    assert!(
        e.to_string().ends_with("or one client with `--from WHERE`"),
        "{e}"
    );
    // One class fewer fits: 79 × 12 = 948.
    let c = config_of_source(&wide(MAX_CHECKS_FOR_PAIRS, &COUNTRIES[..11]));
    assert!(matrices(&c, &every_name()).is_ok());
}

#[test]
fn output_is_deterministic() {
    for input in examples() {
        let c = config(&input);
        let first = matrices(&c, &every_name()).expect("draws");
        let again = matrices(&config(&input), &every_name()).expect("draws");
        assert_eq!(first, again, "{}", input.name);
        for format in [
            MatrixFormat::Text,
            MatrixFormat::Markdown,
            MatrixFormat::Json,
        ] {
            assert_eq!(render(&first, format), render(&again, format));
        }
    }
}

#[test]
fn marks_fall_through_and_unhealthy_answers_but_not_failover() {
    let c = config_of_source(
        r#"zone "ex.com" { ttl 60 nameservers ["ns1.dns.example.net"] }
        check d_up { https "d.ex.net" }
        check f_up { https "f.ex.net" }
        endpoint dublin { a [192.0.2.1] check d_up }
        endpoint frankfurt { a [192.0.2.2] check f_up }
        endpoint virginia { a [192.0.2.3] }
        record www A = geolocation {
          continent EU => failover { primary dublin secondary frankfurt }
          default => virginia
        }
        record eu A = geolocation {
          continent EU => stay failover { primary dublin secondary frankfurt }
          default => virginia
        }
        "#,
    );
    let m = matrices(&c, &every_name()).expect("draws");
    let eu_column = |m: &steer::explain::matrix::Matrix| -> Vec<(Option<String>, bool, bool)> {
        m.rows
            .iter()
            .map(|r| {
                let c = &r.cells[0];
                (c.endpoint.clone(), c.healthy, c.fell_through)
            })
            .collect()
    };
    let e = |s: &str| Some(s.to_string());
    // Rows: none, d_up, f_up, both. Without `stay`, EU falls through to
    // `default` when both are down (Developer Guide, "Geolocation
    // routing"); the failover to frankfurt is not a fall-through.
    assert_eq!(m[1].name, "www.ex.com");
    assert_eq!(
        eu_column(&m[1]),
        [
            (e("dublin"), true, false),
            (e("frankfurt"), true, false),
            (e("dublin"), true, false),
            (e("virginia"), true, true),
        ]
    );
    // With `stay`, EU keeps its primary, which is not healthy.
    assert_eq!(m[0].name, "eu.ex.com");
    assert_eq!(eu_column(&m[0])[3], (e("dublin"), false, false));
    let text = render(&m, MatrixFormat::Text);
    assert!(text.contains("virginia ↓"), "{text}");
    assert!(text.contains("dublin !"), "{text}");
}
