//! Inputs: values of the surrounding stack (`input NAME { ... }`, used as
//! `input.NAME`). A use resolves to the literal, the input's value when
//! one was given (`--set`, `--values`), or the input alone; a value is
//! then validated by the same code as a literal at the place of use, with
//! a hint naming the input and the value (see [`Inputs::validate`]).

use super::{ir, messages, resolve, Symbols};
use crate::diagnostic::Diagnostics;
use crate::source::Spanned;
use crate::syntax::ast::{self, Str, ValueDef};
use std::collections::BTreeMap;

/// Values for inputs, by input name (`--set NAME=VALUE`, `--values FILE`).
pub type InputValues = BTreeMap<String, String>;

/// A values file (`--values FILE`): one JSON object whose values are
/// strings, `{"eu_lb": "my-lb-1234.eu-west-1.elb.amazonaws.com"}`.
pub fn parse_values(text: &str) -> Result<InputValues, String> {
    let object: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(text).map_err(|e| format!("not a JSON object of strings: {e}"))?;
    object
        .into_iter()
        .map(|(name, value)| match value {
            serde_json::Value::String(s) => Ok((name, s)),
            other => Err(format!("the value of `{name}` is not a string: {other}")),
        })
        .collect()
}

/// What a use of a value stands for.
pub(crate) enum Use<'a> {
    /// Written in the source, or an input's value (then with the input's
    /// name): either way validated as written.
    Known(Str, Option<&'a str>),
    /// An input without a value: only the target knows it.
    Unbound(&'a str),
}

impl<'a> Symbols<'a> {
    /// Resolves a value; `None` (with `unknown-reference`) for an unknown
    /// input.
    pub(crate) fn value(&self, v: &'a ValueDef, diagnostics: &mut Diagnostics) -> Option<Use<'a>> {
        match v {
            ValueDef::Literal(s) => Some(Use::Known(s.clone(), None)),
            ValueDef::Input(name) => {
                let def = resolve(&self.inputs, name, "input", diagnostics)?;
                let input = def.name.name.as_str();
                Some(match self.values.get(input) {
                    Some(value) => Use::Known(Spanned::new(value.clone(), name.span), Some(input)),
                    None => Use::Unbound(input),
                })
            }
        }
    }
}

impl<'a> Symbols<'a> {
    /// A value that may be an input, lowered: an input without a value as
    /// itself; a literal, or an input's value, checked by `validate` (the
    /// literal's rules). `None` when the input is unknown or the value
    /// invalid (both reported).
    pub(crate) fn lower_value<T>(
        &self,
        v: &'a ValueDef,
        diagnostics: &mut Diagnostics,
        check: impl FnOnce(&Str, &mut Diagnostics) -> Option<T>,
    ) -> Option<ir::Value<T>> {
        match self.value(v, diagnostics)? {
            Use::Unbound(name) => Some(ir::Value::unbound(name)),
            Use::Known(s, input) => validate(&s, input, diagnostics, check),
        }
    }
}

/// Validates a known value with `validate` (the literal's rules), hinting
/// at the input a value came from; wraps the result as an IR value.
pub(crate) fn validate<T>(
    value: &Str,
    input: Option<&str>,
    diagnostics: &mut Diagnostics,
    validate: impl FnOnce(&Str, &mut Diagnostics) -> Option<T>,
) -> Option<ir::Value<T>> {
    let before = diagnostics.len();
    let result = validate(value, diagnostics);
    match input {
        None => result.map(ir::Value::Literal),
        Some(name) => {
            diagnostics.hint_since(before, &messages::bound_value_note(name, &value.value));
            result.map(|v| ir::Value::of_input(name, Some(v)))
        }
    }
}

/// The declared inputs of a zone, validated.
pub(crate) fn lower_inputs(
    symbols: &Symbols,
    diagnostics: &mut Diagnostics,
) -> BTreeMap<String, ir::Input> {
    let mut out = BTreeMap::new();
    for def in symbols.inputs.values() {
        let name = &def.name.name;
        match &def.terraform {
            Some(t) if !is_traversal(&t.value) => {
                diagnostics.push(messages::invalid_terraform_reference(
                    name, &t.value, t.span,
                ));
            }
            None if TERRAFORM_RESERVED.contains(&name.as_str()) => {
                diagnostics.push(messages::reserved_variable_name(name, def.name.span));
            }
            _ => {}
        }
        if let Some(e) = &def.cloudformation_import {
            if e.value.trim().is_empty() {
                diagnostics.push(messages::empty_export_name(name, e.span));
            }
        }
        out.insert(
            name.clone(),
            ir::Input {
                name: name.clone(),
                description: def.description.as_ref().map(|d| d.value.clone()),
                terraform: def.terraform.as_ref().map(|t| t.value.clone()),
                cloudformation_import: def.cloudformation_import.as_ref().map(|e| e.value.clone()),
                value: symbols.values.get(name).cloned(),
                span: def.name.span,
            },
        );
    }
    out
}

/// Names Terraform reserves for module meta-arguments, which no `variable`
/// may have ("Input Variables", developer.hashicorp.com/terraform/language/
/// values/variables: "Terraform reserves the following names ...").
const TERRAFORM_RESERVED: [&str; 8] = [
    "source",
    "version",
    "providers",
    "count",
    "for_each",
    "lifecycle",
    "depends_on",
    "locals",
];

/// Warns about declared inputs no value uses.
pub(crate) fn unused_inputs(config: &ir::Config, diagnostics: &mut Diagnostics) {
    let used: Vec<&str> = config
        .used_inputs()
        .iter()
        .map(|i| i.name.as_str())
        .collect();
    for input in config.inputs.values() {
        if used.binary_search(&input.name.as_str()).is_err() {
            diagnostics.push(messages::unused_input(&input.name, input.span));
        }
    }
}

/// Whether `expr` is a plain HCL traversal: a name, then `.name` or
/// `[N]` steps (`aws_lb.eu.dns_name`, `module.x.y`, `data.a.b.c[0]`), so
/// that the Terraform output always parses. At least two parts: a bare
/// name is not a reference Terraform resolves.
pub(crate) fn is_traversal(expr: &str) -> bool {
    fn is_name(s: &str) -> bool {
        let mut chars = s.chars();
        chars
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    }
    let mut parts = 0;
    for part in expr.split('.') {
        let (name, mut rest) = match part.find('[') {
            Some(i) => part.split_at(i),
            None => (part, ""),
        };
        if !is_name(name) {
            return false;
        }
        while !rest.is_empty() {
            let Some(end) = rest.find(']') else {
                return false;
            };
            let index = &rest[1..end];
            if index.is_empty() || !index.bytes().all(|b| b.is_ascii_digit()) {
                return false;
            }
            rest = &rest[end + 1..];
            if !rest.is_empty() && !rest.starts_with('[') {
                return false;
            }
        }
        parts += 1;
    }
    parts >= 2
}

/// An `ast::InputDef` is looked up by its name like other definitions.
impl super::Named for ast::InputDef {
    fn name(&self) -> &ast::Ident {
        &self.name
    }
}

#[cfg(test)]
mod tests {
    use super::{is_traversal, parse_values, InputValues};
    use crate::check::ir;

    const SOURCE: &str = r#"
zone "example.com" { hosted_zone_id input.zone }
input zone { description "the zone's id" }
input lb { terraform "aws_lb.web.dns_name" }
input queue { }
region ireland { aws "eu-west-1" }
check queue { alarm input.queue in eu-west-1 }
endpoint web { region ireland  alias elb input.lb  check queue }
record www A = failover { primary web  secondary web2 }
endpoint web2 { a [192.0.2.1] }
"#;

    fn checked(values: &[(&str, &str)]) -> crate::check::Checked {
        checked_source(SOURCE, values)
    }

    fn checked_source(source: &str, values: &[(&str, &str)]) -> crate::check::Checked {
        let mut loaded = crate::load::Loaded::default();
        loaded.add("test.steer", source.as_bytes());
        let values: InputValues = values
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        crate::check_loaded_with(&loaded, &values, crate::check::CheckOptions::ROUTE53)
    }

    fn alias_name(config: &ir::Config) -> &ir::Value<String> {
        match &config.endpoints["web"].answer {
            ir::Answer::Alias(a) => &a.dns_name,
            other => panic!("not an alias: {other:?}"),
        }
    }

    #[test]
    fn without_values_every_use_is_an_unbound_input() {
        let checked = checked(&[]);
        assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
        let config = &checked.configs[0];
        let unbound = ir::Value::<String>::unbound;
        assert_eq!(alias_name(config), &unbound("lb"));
        assert_eq!(config.zone.hosted_zone, ir::HostedZone::Id(unbound("zone")));
        assert!(matches!(
            &config.checks["queue"].kind,
            ir::HealthCheckKind::CloudWatchAlarm { alarm_name, .. } if *alarm_name == unbound("queue")
        ));
        let used: Vec<&str> = config
            .used_inputs()
            .iter()
            .map(|i| i.name.as_str())
            .collect();
        assert_eq!(used, ["lb", "queue", "zone"]);
    }

    #[test]
    fn values_are_bound_at_every_use_and_keep_the_input() {
        let checked = checked(&[
            ("lb", "web-1.eu-west-1.elb.amazonaws.com"),
            ("zone", "Z0123456789ABCDEFGHIJ"),
        ]);
        assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
        let config = &checked.configs[0];
        assert_eq!(
            alias_name(config),
            &ir::Value::of_input("lb", Some("web-1.eu-west-1.elb.amazonaws.com".into()))
        );
        assert_eq!(
            alias_name(config).to_string(),
            "web-1.eu-west-1.elb.amazonaws.com"
        );
        assert_eq!(
            config.inputs["zone"].value.as_deref(),
            Some("Z0123456789ABCDEFGHIJ")
        );
        assert_eq!(config.inputs["queue"].value, None);
    }

    #[test]
    fn a_bound_value_is_checked_like_a_literal_at_its_use() {
        let checked = checked(&[("lb", "web-1.us-east-1.elb.amazonaws.com"), ("queue", " ")]);
        let codes: Vec<&str> = checked.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(
            codes,
            ["invalid-value", "alias-region-mismatch"],
            "{codes:?}"
        );
        for d in &checked.diagnostics {
            assert!(
                d.hints
                    .last()
                    .is_some_and(|h| h.starts_with("this is input `")),
                "{d:?}"
            );
        }
        assert!(checked.configs.is_empty());
    }

    const ADDRESSES: &str = r#"
zone "example.com" { }
input eip { }
input legacy { }
input site { }
check up { https ip input.eip  host input.site }
endpoint web { a [input.eip, 192.0.2.1]  check up }
endpoint old { cname input.legacy }
record www A = web
record old CNAME = old
record static A [input.eip, 192.0.2.9]
"#;

    fn checked_addresses(values: &[(&str, &str)]) -> crate::check::Checked {
        checked_source(ADDRESSES, values)
    }

    #[test]
    fn addresses_cname_targets_and_probes_may_be_inputs() {
        fn unbound<T>(name: &str) -> ir::Value<T> {
            ir::Value::unbound(name)
        }
        let checked = checked_addresses(&[]);
        assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
        let config = &checked.configs[0];
        let ir::Answer::Addresses { v4, .. } = &config.endpoints["web"].answer else {
            panic!()
        };
        // Literals first, then inputs.
        assert_eq!(
            &v4[..],
            &[
                ir::Value::Literal("192.0.2.1".parse().unwrap()),
                unbound("eip")
            ]
        );
        assert!(
            matches!(&config.endpoints["old"].answer, ir::Answer::Cname(c) if *c == unbound("legacy"))
        );
        let ir::HealthCheckKind::Endpoint(probe) = &config.checks["up"].kind else {
            panic!()
        };
        // Without a value, the private-address rule has nothing to check.
        assert_eq!(probe.ip_address, Some(unbound("eip")));
        assert_eq!(probe.fqdn, Some(unbound("site")));
        let used: Vec<&str> = config
            .used_inputs()
            .iter()
            .map(|i| i.name.as_str())
            .collect();
        assert_eq!(used, ["eip", "legacy", "site"]);

        let checked = checked_addresses(&[("eip", "34.251.18.7"), ("site", "WWW.Example.COM")]);
        assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
        let ir::HealthCheckKind::Endpoint(probe) = &checked.configs[0].checks["up"].kind else {
            panic!()
        };
        assert_eq!(
            probe.ip_address,
            Some(ir::Value::of_input(
                "eip",
                Some("34.251.18.7".parse().unwrap())
            ))
        );
        // A bound name is normalized like a literal one.
        assert_eq!(probe.fqdn.as_ref().unwrap().to_string(), "www.example.com");
        let statics = |config: &ir::Config| match &config
            .records
            .iter()
            .find(|r| r.name == "static")
            .unwrap()
            .content
        {
            ir::RecordContent::Plain(rdata) => rdata.to_vec(),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            statics(&checked.configs[0]),
            // As written, with a value or without.
            [
                ir::RData::A(ir::Value::of_input(
                    "eip",
                    Some("34.251.18.7".parse().unwrap())
                )),
                ir::RData::A(ir::Value::Literal("192.0.2.9".parse().unwrap())),
            ]
        );
        let unbound_statics = statics(&checked_addresses(&[]).configs[0]);
        assert_eq!(unbound_statics[0], ir::RData::A(unbound("eip")));
    }

    #[test]
    fn plain_data_other_than_addresses_and_cname_targets_takes_no_input() {
        let checked = checked_source(
            "zone \"example.com\" { }\ninput mx { }\nrecord @ MX [input.mx]\n",
            &[],
        );
        let codes: Vec<&str> = checked.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["invalid-record-data"], "{:?}", checked.diagnostics);
    }

    #[test]
    fn an_input_twice_in_one_address_list_is_repeated() {
        let checked = checked_source(
            "zone \"example.com\" { }\ninput eip { }\nendpoint web { a [input.eip, input.eip] }\nrecord www A = web\n",
            &[],
        );
        let codes: Vec<&str> = checked.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, ["invalid-record-data"], "{:?}", checked.diagnostics);
        assert!(checked.diagnostics[0]
            .message
            .contains("`input.eip` is listed twice"));
    }

    #[test]
    fn values_files_are_objects_of_strings() {
        let values = parse_values(r#"{"a": "1", "b": "x.example"}"#).unwrap();
        assert_eq!(values["b"], "x.example");
        assert!(parse_values(r#"{"a": 1}"#)
            .unwrap_err()
            .contains("`a` is not a string"));
        assert!(parse_values("[]").is_err());
    }

    #[test]
    fn traversals() {
        for ok in [
            "aws_lb.eu.dns_name",
            "module.x.y",
            "data.a.b.c[0]",
            "aws_eip.web[0].public_ip",
        ] {
            assert!(is_traversal(ok), "{ok}");
        }
        for bad in [
            "",
            "x",
            "aws_lb.eu.dns_name}",
            "${aws_lb.eu.dns_name}",
            "a..b",
            "a.b[x]",
            "a.b[]",
            "a.b[0]x",
            "1a.b",
            "a.b + c",
            "\"a\".b",
        ] {
            assert!(!is_traversal(bad), "{bad}");
        }
    }
}
