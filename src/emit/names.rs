//! Names every target writes: DNS names in the forms record data and
//! sorting need, the identifiers targets derive from steer names, and the
//! [`Namespace`] that catches two steer names deriving the same one.
//!
//! Identifiers come from steer names only (a record's name as written, its
//! type, member labels, check and collection names), never from positions,
//! so that adding or reordering items never renames, and so never replaces,
//! another resource. Two steer names that derive the same identifier are an
//! error naming both, never a numeric suffix (which would depend on order).

use std::collections::btree_map::{self, BTreeMap};

/// `name.`: a name as record data writes it. The root stays `.`, and a name
/// that already ends in a dot is left alone.
/// A name that may be an input, absolute: an input without a value stays
/// `input.NAME` (targets that need the value refuse it earlier).
pub fn absolute_value(name: &crate::check::ir::Value<String>) -> String {
    name.bound()
        .map_or_else(|| name.to_string(), |n| absolute(n))
}

pub fn absolute(name: &str) -> String {
    if name.is_empty() || name == "." {
        ".".to_string()
    } else if name.ends_with('.') {
        name.to_string()
    } else {
        format!("{name}.")
    }
}

/// A name's labels from the root down, lowercased: sorting by this is DNS
/// canonical order (RFC 4034 §6.1) for ASCII names.
pub fn canonical(name: &str) -> Vec<String> {
    name.trim_end_matches('.')
        .rsplit('.')
        .map(str::to_ascii_lowercase)
        .collect()
}

/// A member label as a DNS label: lowercase; characters other than
/// letters, digits, `-` and `_` become `-`.
pub fn dns_label(label: &str) -> String {
    label
        .chars()
        .map(|c| match c {
            'A'..='Z' => c.to_ascii_lowercase(),
            'a'..='z' | '0'..='9' | '-' | '_' => c,
            _ => '-',
        })
        .collect()
}

/// The word an identifier uses for a label no identifier can hold: `@`
/// (the apex) and `*` (a wildcard). The check stage allows these only as
/// whole labels.
fn spelled(label: &str) -> Option<&'static str> {
    match label {
        "@" => Some("apex"),
        "*" => Some("wildcard"),
        _ => None,
    }
}

/// A Terraform resource name from steer names, joined with `_`: lowercase
/// ASCII letters, digits, `_` and `-`; `@` is `apex`, `*` is `wildcard`,
/// anything else (`.`, non-ASCII) becomes `_`. It never starts with a digit
/// or `-`, which Terraform does not allow.
pub fn snake_identifier<'a>(parts: impl IntoIterator<Item = &'a str, IntoIter: Clone>) -> String {
    let parts = parts.into_iter();
    let mut out = String::with_capacity(capacity(parts.clone()));
    for (i, part) in parts.enumerate() {
        if i > 0 {
            out.push('_');
        }
        for (j, label) in part.split('.').enumerate() {
            if j > 0 {
                out.push('_');
            }
            if let Some(word) = spelled(label) {
                out.push_str(word);
                continue;
            }
            for c in label.chars() {
                match c {
                    'A'..='Z' => out.push(c.to_ascii_lowercase()),
                    'a'..='z' | '0'..='9' | '_' | '-' => out.push(c),
                    _ => out.push('_'),
                }
            }
        }
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit() || c == '-') {
        out.insert(0, '_');
    }
    out
}

/// `prefix` followed by each part in CamelCase, as CloudFormation logical
/// ids are written: every run of ASCII letters and digits is a word whose
/// first letter is upper-cased; everything else separates words. `@` is
/// `Apex`, a `*` label `Wildcard`.
pub fn camel_identifier<'a>(
    prefix: &str,
    parts: impl IntoIterator<Item = &'a str, IntoIter: Clone>,
) -> String {
    let parts = parts.into_iter();
    let mut id = String::with_capacity(prefix.len() + capacity(parts.clone()));
    id.push_str(prefix);
    let mut push_word = |word: &str| {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            id.push(first.to_ascii_uppercase());
            id.push_str(chars.as_str());
        }
    };
    for part in parts {
        for label in part.split('.') {
            match spelled(label) {
                Some(word) => push_word(word),
                None => label
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .for_each(&mut push_word),
            }
        }
    }
    id
}

/// Room for an identifier made of `parts`: their length, a separator
/// each, and one more (an identifier is made once per record set, and
/// growing it was most of making it).
fn capacity<'a>(parts: impl Iterator<Item = &'a str>) -> usize {
    parts.map(|p| p.len() + 1).sum::<usize>() + 1
}

/// Names given out in one namespace (Terraform resources of one type, a
/// template's logical ids, generated DNS names, the set identifiers at one
/// name), each with its first owner: the one place a target learns that two
/// steer names derive the same identifier. Iterates in name order, so that
/// whatever a target reports from it does not depend on input order.
#[derive(Debug)]
pub struct Namespace<K, V> {
    owners: BTreeMap<K, V>,
}

impl<K: Ord, V> Default for Namespace<K, V> {
    fn default() -> Self {
        Namespace {
            owners: BTreeMap::new(),
        }
    }
}

impl<K: Ord, V> Namespace<K, V> {
    /// Gives `name` to `owner`. When the name is taken, the first owner
    /// keeps it; the error holds the first owner and the one refused, for
    /// the diagnostic to name both.
    pub fn claim(&mut self, name: K, owner: V) -> Result<(), (&V, V)> {
        match self.owners.entry(name) {
            btree_map::Entry::Occupied(first) => Err((first.into_mut(), owner)),
            btree_map::Entry::Vacant(free) => {
                free.insert(owner);
                Ok(())
            }
        }
    }

    /// Every name with its owner, in name order.
    pub fn iter(&self) -> impl Iterator<Item = (&K, &V)> {
        self.owners.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_names_end_in_one_dot() {
        assert_eq!(absolute("mx.example.com"), "mx.example.com.");
        assert_eq!(absolute("mx.example.com."), "mx.example.com.");
        assert_eq!(absolute("."), ".");
        assert_eq!(absolute(""), ".");
    }

    #[test]
    fn canonical_order_compares_from_the_root() {
        assert_eq!(canonical("WWW.Example.com."), ["com", "example", "www"]);
        let mut names = [
            "b.example.com",
            "example.com",
            "a.b.example.com",
            "z.example.com",
        ];
        names.sort_by_key(|n| canonical(n));
        assert_eq!(
            names,
            [
                "example.com",
                "b.example.com",
                "a.b.example.com",
                "z.example.com"
            ]
        );
    }

    #[test]
    fn labels_become_dns_labels() {
        assert_eq!(dns_label("continent-EU"), "continent-eu");
        assert_eq!(dns_label("US-CA"), "us-ca");
        assert_eq!(dns_label("failover-ireland_main"), "failover-ireland_main");
    }

    #[test]
    fn snake_identifiers_are_lowercase_terraform_names() {
        assert_eq!(snake_identifier(["www", "A", "primary"]), "www_a_primary");
        assert_eq!(snake_identifier(["@", "MX"]), "apex_mx");
        assert_eq!(
            snake_identifier(["*.preview", "CNAME"]),
            "wildcard_preview_cname"
        );
        assert_eq!(
            snake_identifier(["www", "A", "continent-EU", "primary"]),
            "www_a_continent-eu_primary"
        );
        assert_eq!(
            snake_identifier(["s2024._domainkey", "TXT"]),
            "s2024__domainkey_txt"
        );
        assert_eq!(
            snake_identifier(["xn--bcher-kva", "CNAME"]),
            "xn--bcher-kva_cname"
        );
        assert_eq!(snake_identifier(["1.origin", "A"]), "_1_origin_a");
        assert_eq!(snake_identifier(["myshop.com"]), "myshop_com");
        assert_eq!(snake_identifier(["büro"]), "b_ro");
    }

    #[test]
    fn camel_identifiers_are_cloudformation_logical_ids() {
        let id = |parts: &[&str]| camel_identifier("Record", parts.iter().copied());
        assert_eq!(
            id(&["www", "A", "continent-EU", "primary"]),
            "RecordWwwAContinentEUPrimary"
        );
        assert_eq!(id(&["@", "MX"]), "RecordApexMX");
        assert_eq!(id(&["*.preview", "CNAME"]), "RecordWildcardPreviewCNAME");
        assert_eq!(id(&["eu-west-1.origin", "A"]), "RecordEuWest1OriginA");
        assert_eq!(id(&["_imaps._tcp", "SRV"]), "RecordImapsTcpSRV");
        assert_eq!(id(&["xn--bcher-kva", "CNAME"]), "RecordXnBcherKvaCNAME");
        assert_eq!(id(&["api", "AAAA", "US-CA"]), "RecordApiAAAAUSCA");
        assert_eq!(
            camel_identifier("HealthCheck", ["ireland_up"]),
            "HealthCheckIrelandUp"
        );
    }

    #[test]
    fn a_namespace_keeps_the_first_owner() {
        let mut names = Namespace::default();
        assert_eq!(names.claim("b", 1), Ok(()));
        assert_eq!(names.claim("a", 2), Ok(()));
        assert_eq!(names.claim("b", 3), Err((&1, 3)));
        let all: Vec<(&&str, &i32)> = names.iter().collect();
        assert_eq!(all, [(&"a", &2), (&"b", &1)]);
    }
}
