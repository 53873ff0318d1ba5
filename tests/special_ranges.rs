//! Special-purpose address ranges through the whole check stage: health
//! checks cannot probe them (`private-address`, an error) and CIDR
//! collections never match a client in them (`cidr-never-matches`, a
//! warning). The range table itself is tested in `src/net_ranges.rs`.

mod common;

use common::check_source as check;

fn codes(checked: &steer::check::Checked) -> Vec<&'static str> {
    checked.diagnostics.iter().map(|d| d.code).collect()
}

fn collection(blocks: &str) -> String {
    format!(
        r#"zone "ex.com" {{ ttl 60 }}
           cidr_collection isps {{ one [{blocks}] }}
           endpoint a {{ a [192.0.2.1] }}
           endpoint b {{ a [192.0.2.2] }}
           record www A = cidr isps {{ one => a  default => b }}"#
    )
}

#[test]
fn blocks_in_special_ranges_warn_and_still_build() {
    for block in [
        "10.20.0.0/16",
        "172.16.0.0/12",
        "192.168.10.0/24",
        "100.64.0.0/10",
        "127.0.0.0/8",
        "169.254.0.0/16",
        "192.0.2.0/24",
        "198.51.100.0/24",
        "203.0.113.0/24",
        "198.18.0.0/15",
        "224.0.0.0/4",
        "240.0.0.0/4",
        "2001:db8::/32",
        "2001:db8:1000::/36",
        "fd00::/8",
        "fe80::/10",
        "ff00::/8",
        "3fff::/20",
    ] {
        let checked = check(&collection(block));
        assert_eq!(codes(&checked), vec!["cidr-never-matches"], "{block}");
        let d = &checked.diagnostics[0];
        assert!(
            d.message.contains("never matches location `one`"),
            "{}",
            d.message
        );
        assert_eq!(
            checked.configs.len(),
            1,
            "a warning does not stop the build"
        );
        let blocks = &checked.configs[0].cidr_collections["isps"].locations["one"];
        assert_eq!(blocks.len(), 1);
    }
}

#[test]
fn public_blocks_and_blocks_wider_than_a_special_range_are_fine() {
    for block in [
        "81.10.128.0/17",
        "203.0.114.0/24",
        "100.128.0.0/9",
        "0.0.0.0/1",
        "192.0.0.0/8",
        "2a02:3100::/28",
        "2001:db8::/31",
    ] {
        let checked = check(&collection(block));
        assert!(
            checked.diagnostics.is_empty(),
            "{block}: {:#?}",
            checked.diagnostics
        );
    }
}

#[test]
fn a_malformed_or_repeated_block_is_only_invalid_cidr() {
    let checked = check(&collection("10.0.0.7/8"));
    assert_eq!(codes(&checked), vec!["invalid-cidr"]);
    let checked = check(&collection("10.0.0.0/8, 10.0.0.0/8"));
    assert_eq!(codes(&checked), vec!["cidr-never-matches", "invalid-cidr"]);
}

#[test]
fn probes_of_documentation_addresses_are_errors_but_record_data_is_not() {
    let checked = check(
        r#"zone "ex.com" { ttl 60 }
           check up { https 192.0.2.10 path "/health" }
           endpoint a { a [192.0.2.10]  check up }
           endpoint b { a [198.51.100.10] }
           record www A = failover { primary a  secondary b }"#,
    );
    assert_eq!(codes(&checked), vec!["private-address"]);
    assert!(checked.configs.is_empty());
    // The same configuration probing a name checks clean.
    let checked = check(
        r#"zone "ex.com" { ttl 60 }
           check up { https "origin.ex.com" path "/health" }
           endpoint a { a [192.0.2.10]  check up }
           endpoint b { a [198.51.100.10] }
           record www A = failover { primary a  secondary b }
           record origin A 192.0.2.10"#,
    );
    assert!(checked.diagnostics.is_empty(), "{:#?}", checked.diagnostics);
}
