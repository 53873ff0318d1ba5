//! Endpoints: where traffic goes. Each has exactly one kind of answer
//! (addresses, a CNAME target, or an alias target); AWS alias targets get
//! their hosted-zone id from steer's built-in tables.

use super::inputs::Use;
use super::zone::aws_region;
use super::{ir, messages, Symbols};
use crate::aws::{self, AliasKind, AliasZoneError};
use crate::diagnostic::{did_you_mean, Diagnostics};
use crate::dns_name;
use crate::source::{Span, Spanned};
use crate::syntax::ast;
use crate::syntax::ast::Str;
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::net::{Ipv4Addr, Ipv6Addr};

pub(super) fn lower_endpoint(
    def: &ast::EndpointDef,
    symbols: &Symbols,
    regions: &BTreeMap<String, ir::Region>,
    zone: &ir::Zone,
    diagnostics: &mut Diagnostics,
) -> Option<ir::Endpoint> {
    let mark = diagnostics.mark();
    let region_def = def
        .rare()
        .region
        .as_ref()
        .and_then(|r| symbols.region(r, diagnostics));
    let region_aws = region_def
        .and_then(|r| regions.get(&r.name.name))
        .and_then(|r| r.aws.clone());

    // Exactly one kind of answer: addresses (A and/or AAAA), cname, alias.
    let mut kinds: Vec<(&str, Span)> = Vec::new();
    if let Some(a) = def
        .a
        .as_ref()
        .map(|a| a.span())
        .or(def.aaaa.as_ref().map(|a| a.span()))
    {
        kinds.push(("addresses", a));
    }
    if let Some(c) = &def.rare().cname {
        kinds.push(("cname", c.span()));
    }
    if let Some(a) = &def.rare().alias {
        kinds.push(("alias", a.span));
    }
    match kinds.as_slice() {
        [] => {
            diagnostics.push(messages::endpoint_without_answer(
                &def.name.name,
                def.name.span,
            ));
            return None;
        }
        [_] => {}
        [first, second, ..] => {
            diagnostics.push(messages::two_answers(&def.name.name, *first, *second));
            return None;
        }
    }

    let mut aws_region_code = region_aws.clone();
    let answer = if def.a.is_some() || def.aaaa.is_some() {
        let v4 = addresses::<Ipv4Addr>(def.a.as_ref(), "IPv4", "aaaa", symbols, diagnostics);
        let v6 = addresses::<Ipv6Addr>(def.aaaa.as_ref(), "IPv6", "a", symbols, diagnostics);
        ir::Answer::Addresses {
            v4: v4.into(),
            v6: v6.into(),
        }
    } else if let Some(c) = &def.rare().cname {
        let target = symbols.lower_value(c, diagnostics, |c, diagnostics| {
            dns_name::to_ascii(&c.value)
                .map_err(|e| diagnostics.push(messages::invalid_dns_name(&c.value, &e, c.span)))
                .ok()
        })?;
        ir::Answer::Cname(target)
    } else {
        let alias = def.rare().alias.as_ref().expect("one answer kind");
        let (target, region) = alias_target(
            def,
            alias,
            symbols,
            region_def,
            region_aws.as_deref(),
            zone,
            diagnostics,
        )?;
        if aws_region_code.is_none() {
            aws_region_code = region;
        }
        ir::Answer::Alias(Box::new(target))
    };

    if let (Some(id), false) = (
        &def.rare().hosted_zone_id,
        matches!(answer, ir::Answer::Alias(_)),
    ) {
        diagnostics.push(messages::hosted_zone_id_without_alias(id.span()));
    }
    if let Some(eth) = def.rare().evaluate_target_health {
        if !matches!(answer, ir::Answer::Alias(_)) {
            diagnostics.push(messages::evaluate_target_health_without_alias(eth));
        }
    }
    let health_check = def.check.as_ref().and_then(|c| {
        symbols
            .check(c, diagnostics)
            .map(|_| c.name.as_str().into())
    });
    if def.check.is_some() && health_check.is_none() {
        return None;
    }
    if diagnostics.has_errors_since(mark) {
        return None;
    }
    let rare = ir::EndpointExtras {
        region: def.rare().region.as_ref().map(|r| r.name.clone()),
        aws_region: aws_region_code,
        evaluate_target_health: def.rare().evaluate_target_health,
    };
    Some(ir::Endpoint {
        name: def.name.name.clone(),
        answer,
        health_check,
        rare: rare.some().into(),
        span: def.name.span,
    })
}

/// An endpoint's `a [...]` or `aaaa [...]` list: addresses, and inputs
/// whose values are (an Elastic IP). A bound value is checked like the
/// address it stands for; an unbound one is kept as the input.
fn addresses<T: std::str::FromStr + Ord>(
    list: Option<&ast::AddressList>,
    family: &str,
    other_keyword: &str,
    symbols: &Symbols,
    diagnostics: &mut Diagnostics,
) -> Vec<ir::Value<T>> {
    let Some(list) = list else { return Vec::new() };
    if list.is_empty() {
        diagnostics.push(messages::empty_address_list(family, list.span()));
    }
    let mut seen: FxHashMap<AddressKey, Cow<Str>> = FxHashMap::default();
    let mut out = Vec::new();
    for item in list {
        let written = match (item, symbols.value(item, diagnostics)) {
            (_, None) => continue,
            (ast::ValueDef::Input(name), Some(Use::Unbound(_))) => {
                Cow::Owned(Spanned::new(format!("input.{}", name.name), name.span))
            }
            (_, Some(Use::Known(s, _))) => Cow::Owned(s),
            (ast::ValueDef::Literal(s), Some(Use::Unbound(_))) => Cow::Borrowed(s),
        };
        let canonical = AddressKey::of(&written.value);
        if let Some(first) = seen.get(&canonical) {
            diagnostics.push(messages::repeated_address(
                &written.value,
                &first.value,
                written.span,
                first.span,
            ));
            continue;
        }
        seen.insert(canonical, written);
        let value = symbols.lower_value(item, diagnostics, |s, diagnostics| {
            match s.value.parse::<T>() {
                Ok(ip) => Some(ip),
                Err(_) => {
                    let other_family = if family == "IPv4" { "IPv6" } else { "IPv4" };
                    let is_other = s.value.parse::<std::net::IpAddr>().is_ok();
                    diagnostics.push(messages::not_an_address(
                        &s.value,
                        family,
                        is_other.then_some((other_family, other_keyword)),
                        s.span,
                    ));
                    None
                }
            }
        });
        out.extend(value);
    }
    out.sort();
    // Most lists have one or two addresses, and a vector's first growth
    // makes room for four.
    out.shrink_to_fit();
    out
}

/// What two items of an address list are compared by: the address, so
/// that `2001:db8::1` is `2001:db8:0::1`; the text, case folded, for what
/// is not one (an unbound input, a mistake reported below).
#[derive(PartialEq, Eq, Hash)]
enum AddressKey {
    Address(std::net::IpAddr),
    Text(String),
}

impl AddressKey {
    fn of(written: &str) -> AddressKey {
        match written.parse() {
            Ok(address) => AddressKey::Address(address),
            Err(_) => AddressKey::Text(written.to_ascii_lowercase()),
        }
    }
}

/// The alias target, and the AWS region it lives in when that is known.
fn alias_target(
    def: &ast::EndpointDef,
    alias: &ast::AliasDef,
    symbols: &Symbols,
    region_def: Option<&ast::RegionDef>,
    region_aws: Option<&str>,
    zone: &ir::Zone,
    diagnostics: &mut Diagnostics,
) -> Option<(ir::AliasTarget, Option<String>)> {
    match &alias.target {
        ast::AliasTargetDef::Record { name, record_type } => {
            if let Some(id) = &def.rare().hosted_zone_id {
                diagnostics.push(messages::hosted_zone_id_on_record_alias(id.span()));
                return None;
            }
            let fqdn = if name.value == "@" {
                Ok(zone.name.clone())
            } else {
                dns_name::qualify(&name.value, &zone.name)
            };
            let fqdn = match fqdn {
                Ok(f) => f,
                Err(e) => {
                    diagnostics.push(messages::invalid_dns_name(&name.value, &e, name.span));
                    return None;
                }
            };
            let record_type = match record_type {
                None => None,
                Some(t) => match ir::RecordType::parse(&t.value) {
                    Some(ir::RecordType::Ns) => {
                        diagnostics.push(messages::alias_to_ns(t.span));
                        return None;
                    }
                    Some(rt) => Some(rt),
                    None => {
                        diagnostics.push(messages::unsupported_alias_type(&t.value, t.span));
                        return None;
                    }
                },
            };
            if dns_name::is_wildcard(&fqdn) {
                diagnostics.push(messages::alias_to_wildcard(name.span));
                return None;
            }
            Some((
                ir::AliasTarget {
                    kind: ir::AliasTargetKind::Record { record_type },
                    dns_name: ir::Value::Literal(fqdn),
                    hosted_zone_id: None,
                },
                None,
            ))
        }
        ast::AliasTargetDef::Aws { kind, target } => {
            let Some(alias_kind) = AliasKind::from_keyword(&kind.name) else {
                let suggestion = did_you_mean(
                    &kind.name,
                    AliasKind::ALL.iter().map(|k| k.keyword()).chain(["record"]),
                );
                diagnostics.push(messages::unknown_alias_kind(
                    &kind.name, suggestion, kind.span,
                ));
                return None;
            };
            let use_span = target.as_ref().map_or(alias.span, |t| t.span());
            let env = AliasEnv {
                def,
                symbols,
                region_def,
                region_aws,
            };
            let target = match target {
                Some(t) => Some(symbols.value(t, diagnostics)?),
                None => None,
            };
            match target {
                Some(Use::Unbound(input)) => {
                    unbound_alias_target(env, alias_kind, input, use_span, diagnostics)
                }
                Some(Use::Known(t, input)) => {
                    let before = diagnostics.len();
                    let result =
                        aws_alias_target(env, alias_kind, kind.span, Some(&t), diagnostics);
                    let Some(input) = input else { return result };
                    diagnostics.hint_since(before, &messages::bound_value_note(input, &t.value));
                    result.map(|(mut target, region)| {
                        target.dns_name =
                            ir::Value::of_input(input, target.dns_name.bound().cloned());
                        (target, region)
                    })
                }
                None => aws_alias_target(env, alias_kind, kind.span, None, diagnostics),
            }
        }
    }
}

/// The hosted-zone id of an AWS alias target: the endpoint's
/// `hosted_zone_id` (a literal or an input), else steer's table for the
/// kind in `region`; `needs_region` words the error when the table needs a
/// region that is not known.
fn alias_zone_id(
    def: &ast::EndpointDef,
    symbols: &Symbols,
    kind: AliasKind,
    region: Option<&str>,
    span: Span,
    diagnostics: &mut Diagnostics,
    needs_region: impl FnOnce() -> crate::diagnostic::Diagnostic,
) -> Option<ir::Value<String>> {
    if let Some(id) = &def.rare().hosted_zone_id {
        return symbols.lower_value(id, diagnostics, |id, _| Some(id.value.clone()));
    }
    match aws::alias_hosted_zone_id(kind, region) {
        Ok(id) => Some(ir::Value::Literal(id.to_string())),
        Err(AliasZoneError::NeedsRegion { .. }) => {
            diagnostics.push(needs_region());
            None
        }
        Err(AliasZoneError::UnknownRegion { region, .. }) => {
            aws_region(&region, span, diagnostics);
            None
        }
        Err(e @ AliasZoneError::NoKnownZoneId { .. }) => {
            diagnostics.push(messages::unknown_alias_zone(e.to_string(), span));
            None
        }
    }
}

/// An AWS alias whose target name is an input without a value: nothing
/// can be read from the name, so the hosted-zone id comes from the alias
/// kind and the endpoint's region (`data/`, as for a literal), or from
/// `hosted_zone_id`.
fn unbound_alias_target(
    env: AliasEnv,
    kind: AliasKind,
    input: &str,
    span: Span,
    diagnostics: &mut Diagnostics,
) -> Option<(ir::AliasTarget, Option<String>)> {
    let AliasEnv {
        def,
        symbols,
        region_aws,
        ..
    } = env;
    if kind == AliasKind::CloudFront {
        if let Some(eth) = def.rare().evaluate_target_health {
            diagnostics.push(messages::cloudfront_evaluates_health(eth));
            return None;
        }
    }
    let hosted_zone_id = alias_zone_id(def, symbols, kind, region_aws, span, diagnostics, || {
        messages::input_alias_needs_region(kind, input, span)
    })?;
    Some((
        ir::AliasTarget {
            kind: ir::AliasTargetKind::Aws(kind),
            dns_name: ir::Value::unbound(input),
            hosted_zone_id: Some(hosted_zone_id),
        },
        region_aws
            .filter(|_| kind.is_regional())
            .map(str::to_string),
    ))
}

/// What an AWS alias target is checked against: its endpoint, the symbols
/// (for an input `hosted_zone_id`), the endpoint's region.
#[derive(Clone, Copy)]
struct AliasEnv<'a> {
    def: &'a ast::EndpointDef,
    symbols: &'a Symbols<'a>,
    region_def: Option<&'a ast::RegionDef>,
    region_aws: Option<&'a str>,
}

fn aws_alias_target(
    env: AliasEnv,
    kind: AliasKind,
    kind_span: Span,
    target: Option<&ast::Str>,
    diagnostics: &mut Diagnostics,
) -> Option<(ir::AliasTarget, Option<String>)> {
    let AliasEnv {
        def,
        symbols,
        region_def,
        region_aws,
    } = env;
    let dns_name = match target {
        Some(t) => match dns_name::to_ascii(&t.value) {
            Ok(n) => n,
            Err(e) => {
                diagnostics.push(messages::invalid_dns_name(&t.value, &e, t.span));
                return None;
            }
        },
        None if kind == AliasKind::S3Website => {
            // The target of an S3 website alias is the region's website
            // endpoint; the bucket is named like the record.
            let Some(region) = region_aws else {
                diagnostics.push(messages::s3_website_without_region(kind_span));
                return None;
            };
            match aws::s3_website_endpoint(region) {
                Some(e) => e.to_string(),
                None => {
                    diagnostics.push(messages::unknown_s3_website_endpoint(region, kind_span));
                    return None;
                }
            }
        }
        None => {
            diagnostics.push(messages::alias_without_target(kind, kind_span));
            return None;
        }
    };
    let target_span = target.map(|t| t.span).unwrap_or(kind_span);

    // Where the name encodes a region, it must agree with the endpoint's.
    let name_region = aws::region_in_alias_target(kind, &dns_name);
    if let (Some(from_name), Some(declared), Some(region_def)) =
        (&name_region, region_aws, region_def)
    {
        if from_name != declared {
            diagnostics.push(messages::alias_region_mismatch(
                kind,
                from_name,
                &def.name.name,
                (&region_def.name.name, declared),
                target_span,
                def.rare().region.as_ref().map_or(def.name.span, |r| r.span),
            ));
            return None;
        }
    }
    if kind.is_regional()
        && name_region.is_none()
        && target.is_some()
        && def.rare().hosted_zone_id.is_none()
    {
        diagnostics.push(messages::unexpected_alias_target(
            kind,
            &dns_name,
            None,
            target_span,
        ));
        return None;
    }
    let global_suffix = match kind {
        AliasKind::CloudFront => Some(".cloudfront.net"),
        AliasKind::GlobalAccelerator => Some(".awsglobalaccelerator.com"),
        _ => None,
    };
    if let Some(suffix) = global_suffix {
        if !dns_name.ends_with(suffix) && def.rare().hosted_zone_id.is_none() {
            diagnostics.push(messages::unexpected_alias_target(
                kind,
                &dns_name,
                Some(suffix),
                target_span,
            ));
            return None;
        }
    }
    if kind == AliasKind::CloudFront {
        if let Some(eth) = def.rare().evaluate_target_health {
            diagnostics.push(messages::cloudfront_evaluates_health(eth));
            return None;
        }
    }
    let region = name_region.clone().or(region_aws.map(str::to_string));
    let hosted_zone_id = alias_zone_id(
        def,
        symbols,
        kind,
        region.as_deref(),
        target_span,
        diagnostics,
        || messages::alias_zone_needs_region(kind, target_span),
    )?;
    if let Some(region_code) = &region {
        if !aws::is_region(region_code) {
            aws_region(region_code, target_span, diagnostics);
            return None;
        }
    }
    Some((
        ir::AliasTarget {
            kind: ir::AliasTargetKind::Aws(kind),
            dns_name: ir::Value::Literal(dns_name),
            hosted_zone_id: Some(hosted_zone_id),
        },
        region.filter(|_| kind.is_regional()),
    ))
}
