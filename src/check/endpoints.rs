//! Endpoints: where traffic goes. Each has exactly one kind of answer
//! (addresses, a CNAME target, or an alias target); AWS alias targets get
//! their hosted-zone id from steer's built-in tables.

use super::zone::{aws_region, name_error};
use super::{ir, CheckCode, Symbols};
use crate::aws::{self, AliasKind, AliasZoneError};
use crate::diagnostic::{did_you_mean, Diagnostic, Diagnostics};
use crate::dns_name;
use crate::source::{Span, Spanned};
use crate::syntax::ast;
use std::collections::{BTreeMap, HashMap};
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
        .map(|a| a.span)
        .or(def.aaaa.as_ref().map(|a| a.span))
    {
        kinds.push(("addresses", a));
    }
    if let Some(c) = &def.cname {
        kinds.push(("cname", c.span));
    }
    if let Some(a) = &def.alias {
        kinds.push(("alias", a.span));
    }
    match kinds.as_slice() {
        [] => {
            diagnostics.push(
                Diagnostic::new(
                    CheckCode::MissingSetting,
                    def.name.span,
                    format!("endpoint `{}` has no answer", def.name.name),
                )
                .label("nothing to answer with")
                .hint("give it addresses (`a [203.0.113.10]`, `aaaa [...]`), a `cname \"...\"`, or an `alias ...`"),
            );
            return None;
        }
        [_] => {}
        [first, second, ..] => {
            diagnostics.push(
                Diagnostic::new(
                    CheckCode::ConflictingSettings,
                    second.1,
                    format!(
                        "endpoint `{}` has both {} and {}",
                        def.name.name, first.0, second.0
                    ),
                )
                .label(format!("{} here", second.0))
                .with_secondary(first.1, format!("{} here", first.0))
                .hint("an endpoint answers one way; define two endpoints if you need both"),
            );
            return None;
        }
    }

    let mut aws_region_code = region_aws.clone();
    let answer = if def.a.is_some() || def.aaaa.is_some() {
        let v4 = addresses::<Ipv4Addr>(def.a.as_ref(), "IPv4", "aaaa", diagnostics);
        let v6 = addresses::<Ipv6Addr>(def.aaaa.as_ref(), "IPv6", "a", diagnostics);
        ir::Answer::Addresses { v4, v6 }
    } else if let Some(c) = &def.cname {
        match dns_name::to_ascii(&c.value) {
            Ok(n) => ir::Answer::Cname(n),
            Err(e) => {
                diagnostics.push(name_error(c.span, &c.value, &e));
                return None;
            }
        }
    } else {
        let alias = def.alias.as_ref().expect("one answer kind");
        let (target, region) = alias_target(
            def,
            alias,
            region_def,
            region_aws.as_deref(),
            zone,
            diagnostics,
        )?;
        if aws_region_code.is_none() {
            aws_region_code = region;
        }
        ir::Answer::Alias(target)
    };

    if let (Some(id), false) = (&def.hosted_zone_id, matches!(answer, ir::Answer::Alias(_))) {
        diagnostics.push(
            Diagnostic::new(
                CheckCode::ConflictingSettings,
                id.span,
                "`hosted_zone_id` applies only to alias endpoints",
            )
            .label("not an alias endpoint")
            .hint("remove it: only alias targets live in a hosted zone of their own"),
        );
    }
    if let Some(eth) = def.evaluate_target_health {
        if !matches!(answer, ir::Answer::Alias(_)) {
            diagnostics.push(
                Diagnostic::new(
                    CheckCode::ConflictingSettings,
                    eth,
                    "only alias endpoints can evaluate target health",
                )
                .label("this endpoint is not an alias")
                .hint("attach a health check instead: `check NAME`"),
            );
        }
    }
    let health_check = def
        .check
        .as_ref()
        .and_then(|c| symbols.check(c, diagnostics).map(|_| c.name.clone()));
    if def.check.is_some() && health_check.is_none() {
        return None;
    }
    if diagnostics.has_errors_since(mark) {
        return None;
    }
    Some(ir::Endpoint {
        name: def.name.name.clone(),
        region: def.region.as_ref().map(|r| r.name.clone()),
        aws_region: aws_region_code,
        answer,
        health_check,
        evaluate_target_health: def.evaluate_target_health,
        span: def.name.span,
    })
}

fn addresses<T: std::str::FromStr + Ord + Copy>(
    list: Option<&Spanned<Vec<Spanned<String>>>>,
    family: &str,
    other_keyword: &str,
    diagnostics: &mut Diagnostics,
) -> Vec<T> {
    let Some(list) = list else { return Vec::new() };
    if list.value.is_empty() {
        diagnostics.push(
            Diagnostic::new(
                CheckCode::MissingSetting,
                list.span,
                format!("the {family} address list is empty"),
            )
            .label("no addresses")
            .hint("list at least one address, or remove the setting"),
        );
    }
    let mut seen: HashMap<String, Span> = HashMap::new();
    let mut out = Vec::new();
    for item in &list.value {
        match item.value.parse::<T>() {
            Ok(ip) => {
                // Compare parsed addresses: `2001:db8::1` is `2001:db8:0::1`.
                let canonical = item
                    .value
                    .parse::<std::net::IpAddr>()
                    .map_or_else(|_| item.value.to_ascii_lowercase(), |a| a.to_string());
                if let Some(first) = seen.get(&canonical) {
                    diagnostics.push(
                        Diagnostic::new(
                            CheckCode::InvalidRecordData,
                            item.span,
                            format!("address {} is listed twice", item.value),
                        )
                        .label("repeated")
                        .with_secondary(*first, "first listed here")
                        .hint("Route 53 rejects a record set with the same value twice"),
                    );
                } else {
                    seen.insert(canonical, item.span);
                    out.push(ip);
                }
            }
            Err(_) => {
                let other_family = if family == "IPv4" { "IPv6" } else { "IPv4" };
                let is_other = item.value.parse::<std::net::IpAddr>().is_ok();
                diagnostics.push(
                    Diagnostic::new(
                        CheckCode::InvalidRecordData,
                        item.span,
                        format!("`{}` is not an {family} address", item.value),
                    )
                    .label(format!("expected {family}"))
                    .maybe_hint(is_other.then(|| {
                        format!("this is an {other_family} address: list it under `{other_keyword} [...]`")
                    })),
                );
            }
        }
    }
    out.sort();
    out
}

/// The alias target, and the AWS region it lives in when that is known.
fn alias_target(
    def: &ast::EndpointDef,
    alias: &ast::AliasDef,
    region_def: Option<&ast::RegionDef>,
    region_aws: Option<&str>,
    zone: &ir::Zone,
    diagnostics: &mut Diagnostics,
) -> Option<(ir::AliasTarget, Option<String>)> {
    match &alias.target {
        ast::AliasTargetDef::Record { name, record_type } => {
            if let Some(id) = &def.hosted_zone_id {
                diagnostics.push(
                    Diagnostic::new(
                        CheckCode::ConflictingSettings,
                        id.span,
                        "an alias to a record of this zone uses the zone's own id",
                    )
                    .label("not needed")
                    .hint("remove `hosted_zone_id`"),
                );
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
                    diagnostics.push(name_error(name.span, &name.value, &e));
                    return None;
                }
            };
            let record_type = match record_type {
                None => None,
                Some(t) => match ir::RecordType::parse(&t.value) {
                    Some(ir::RecordType::Ns) => {
                        diagnostics.push(
                            Diagnostic::new(
                                CheckCode::InvalidAliasTarget,
                                t.span,
                                "Route 53 cannot alias NS records",
                            )
                            .label("NS alias")
                            .hint("delegate with a plain `record NAME NS [...]` instead"),
                        );
                        return None;
                    }
                    Some(rt) => Some(rt),
                    None => {
                        diagnostics.push(
                            Diagnostic::new(
                                CheckCode::UnsupportedRecordType,
                                t.span,
                                format!("`{}` is not a record type steer supports", t.value),
                            )
                            .label("unknown type")
                            .hint("write a record type steer supports, e.g. `alias record www A`"),
                        );
                        return None;
                    }
                },
            };
            if dns_name::is_wildcard(&fqdn) {
                diagnostics.push(
                    Diagnostic::new(
                        CheckCode::InvalidAliasTarget,
                        name.span,
                        "an alias cannot point at a wildcard name",
                    )
                    .label("wildcard")
                    .hint("point at a concrete name of the zone"),
                );
                return None;
            }
            Some((
                ir::AliasTarget {
                    kind: ir::AliasTargetKind::Record { record_type },
                    dns_name: fqdn,
                    hosted_zone_id: None,
                },
                None,
            ))
        }
        ast::AliasTargetDef::Aws { kind, target } => {
            let Some(alias_kind) = AliasKind::from_keyword(&kind.name) else {
                let hint = if kind.name == "alb" {
                    Some("Application Load Balancers share the Classic ELB zone ids: write `alias elb \"...\"`".to_string())
                } else {
                    did_you_mean(
                        &kind.name,
                        AliasKind::ALL.iter().map(|k| k.keyword()).chain(["record"]),
                    )
                };
                diagnostics.push(
                    Diagnostic::new(
                        CheckCode::InvalidAliasTarget,
                        kind.span,
                        format!("`{}` is not an alias kind", kind.name),
                    )
                    .label("unknown alias kind")
                    .hint(hint.unwrap_or_else(|| {
                        format!(
                            "known kinds: {}, and `record NAME` for a record of this zone",
                            AliasKind::ALL
                                .iter()
                                .map(|k| format!("`{}`", k.keyword()))
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    })),
                );
                return None;
            };
            aws_alias_target(
                def,
                alias_kind,
                kind.span,
                target.as_ref(),
                region_def,
                region_aws,
                diagnostics,
            )
        }
    }
}

fn aws_alias_target(
    def: &ast::EndpointDef,
    kind: AliasKind,
    kind_span: Span,
    target: Option<&ast::Str>,
    region_def: Option<&ast::RegionDef>,
    region_aws: Option<&str>,
    diagnostics: &mut Diagnostics,
) -> Option<(ir::AliasTarget, Option<String>)> {
    let dns_name = match target {
        Some(t) => match dns_name::to_ascii(&t.value) {
            Ok(n) => n,
            Err(e) => {
                diagnostics.push(name_error(t.span, &t.value, &e));
                return None;
            }
        },
        None if kind == AliasKind::S3Website => {
            // The target of an S3 website alias is the region's website
            // endpoint; the bucket is named like the record.
            let Some(region) = region_aws else {
                diagnostics.push(
                    Diagnostic::new(
                        CheckCode::MissingRegion,
                        kind_span,
                        "an S3 website alias needs the bucket's region",
                    )
                    .label("which region is the bucket in?")
                    .hint("give the endpoint a `region` whose `aws` is the bucket's region"),
                );
                return None;
            };
            match aws::s3_website_endpoint(region) {
                Some(e) => e.to_string(),
                None => {
                    diagnostics.push(
                        Diagnostic::new(
                            CheckCode::UnknownAliasZone,
                            kind_span,
                            format!("steer does not know the S3 website endpoint of {region}"),
                        )
                        .label("no built-in data")
                        .hint("write the endpoint explicitly, e.g. `alias s3_website \"s3-website.REGION.amazonaws.com\"`, with `hosted_zone_id`"),
                    );
                    return None;
                }
            }
        }
        None => {
            diagnostics.push(
                Diagnostic::new(
                    CheckCode::MissingSetting,
                    kind_span,
                    format!("the {} alias needs the target's DNS name", kind.keyword()),
                )
                .label("no target name")
                .hint(example_target(kind)),
            );
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
            diagnostics.push(
                Diagnostic::new(
                    CheckCode::AliasRegionMismatch,
                    target_span,
                    format!(
                        "this {} is in {from_name}, but endpoint `{}` is in region `{}` ({declared})",
                        kind.keyword(),
                        def.name.name,
                        region_def.name.name
                    ),
                )
                .label(format!("in {from_name}"))
                .with_secondary(def.region.as_ref().map_or(def.name.span, |r| r.span), format!("{declared} here"))
                .hint("latency routing and health would be attributed to the wrong region; fix the endpoint's region or the target"),
            );
            return None;
        }
    }
    if kind.is_regional()
        && name_region.is_none()
        && target.is_some()
        && def.hosted_zone_id.is_none()
    {
        diagnostics.push(
            Diagnostic::new(
                CheckCode::InvalidAliasTarget,
                target_span,
                format!("`{dns_name}` does not look like {}", kind.describe()),
            )
            .label("unexpected name")
            .hint(example_target(kind)),
        );
        return None;
    }
    let global_suffix = match kind {
        AliasKind::CloudFront => Some(".cloudfront.net"),
        AliasKind::GlobalAccelerator => Some(".awsglobalaccelerator.com"),
        _ => None,
    };
    if let Some(suffix) = global_suffix {
        if !dns_name.ends_with(suffix) && def.hosted_zone_id.is_none() {
            diagnostics.push(
                Diagnostic::new(
                    CheckCode::InvalidAliasTarget,
                    target_span,
                    format!("`{dns_name}` does not look like {}", kind.describe()),
                )
                .label(format!("expected a name ending in `{suffix}`"))
                .hint(example_target(kind)),
            );
            return None;
        }
    }
    if kind == AliasKind::CloudFront {
        if let Some(eth) = def.evaluate_target_health {
            diagnostics.push(
                Diagnostic::new(
                    CheckCode::InvalidAliasTarget,
                    eth,
                    "CloudFront alias targets cannot evaluate target health",
                )
                .label("Route 53 rejects this for CloudFront")
                .hint(
                    "remove `evaluate_target_health`, or attach a health check with `check NAME`",
                ),
            );
            return None;
        }
    }
    let region = name_region.clone().or(region_aws.map(str::to_string));
    let hosted_zone_id = match &def.hosted_zone_id {
        Some(id) => id.value.clone(),
        None => {
            match aws::alias_hosted_zone_id(kind, region.as_deref()) {
                Ok(id) => id.to_string(),
                Err(AliasZoneError::NeedsRegion { .. }) => {
                    diagnostics.push(
                    Diagnostic::new(
                        CheckCode::MissingRegion,
                        target_span,
                        format!("the hosted zone of this {} depends on its region, which is not known", kind.keyword()),
                    )
                    .label("region unknown")
                    .hint("give the endpoint a `region`, or `hosted_zone_id \"Z...\"`"),
                );
                    return None;
                }
                Err(AliasZoneError::UnknownRegion { region, .. }) => {
                    aws_region(&region, target_span, diagnostics);
                    return None;
                }
                Err(e @ AliasZoneError::NoKnownZoneId { .. }) => {
                    diagnostics.push(
                    Diagnostic::new(CheckCode::UnknownAliasZone, target_span, e.to_string())
                        .label("no built-in hosted zone id")
                        .hint("add `hosted_zone_id \"Z...\"` to the endpoint (the AWS console shows it on the resource)"),
                );
                    return None;
                }
            }
        }
    };
    if let Some(region_code) = &region {
        if !aws::is_region(region_code) {
            aws_region(region_code, target_span, diagnostics);
            return None;
        }
    }
    Some((
        ir::AliasTarget {
            kind: ir::AliasTargetKind::Aws(kind),
            dns_name,
            hosted_zone_id: Some(hosted_zone_id),
        },
        region.filter(|_| kind.is_regional()),
    ))
}

fn example_target(kind: AliasKind) -> String {
    let example = match kind {
        AliasKind::Elb => "alias elb \"dualstack.my-lb-123.eu-west-1.elb.amazonaws.com\"",
        AliasKind::Nlb => "alias nlb \"my-nlb-123.elb.eu-west-1.amazonaws.com\"",
        AliasKind::CloudFront => "alias cloudfront \"d111111abcdef8.cloudfront.net\"",
        AliasKind::S3Website => "alias s3_website (the region's website endpoint is filled in)",
        AliasKind::ApiGateway => {
            "alias api_gateway \"d-abc123.execute-api.eu-west-1.amazonaws.com\""
        }
        AliasKind::GlobalAccelerator => {
            "alias global_accelerator \"a1234567890abcdef.awsglobalaccelerator.com\""
        }
        AliasKind::ElasticBeanstalk => {
            "alias elastic_beanstalk \"my-env.eu-west-1.elasticbeanstalk.com\""
        }
    };
    format!("e.g. `{example}`")
}
