//! Geolocation: continents, countries and US states Route 53 knows, each
//! routed once, and a `default` for everyone else.

use super::{keyword_span, lower_policy, Env};
use crate::check::{ir, CheckCode};
use crate::diagnostic::{did_you_mean, Diagnostic, Diagnostics};
use crate::geo;
use crate::source::Span;
use crate::syntax::ast::{self, GeoLocationDef};
use std::collections::HashMap;

pub(super) fn lower(
    p: &ast::Policy,
    rules: &[ast::GeoRule],
    env: &Env,
    depth: usize,
    diagnostics: &mut Diagnostics,
) -> Option<Vec<ir::GeoRule>> {
    let mut seen: HashMap<ir::GeoLocation, Span> = HashMap::new();
    let mut out = Vec::new();
    let mut ok = true;
    for rule in rules {
        let location = geo_location(&rule.location.value, diagnostics);
        let target = lower_policy(&rule.target, env, depth + 1, diagnostics);
        let (Some(location), Some(target)) = (location, target) else {
            ok = false;
            continue;
        };
        if let Some(first) = seen.get(&location) {
            ok = false;
            diagnostics.push(
                Diagnostic::new(
                    CheckCode::DuplicateLocation,
                    rule.location.span,
                    format!("location {} is routed twice", location.label()),
                )
                .label("routed again here")
                .with_secondary(*first, "first routed here")
                .hint("Route 53 allows one record per location; merge the two targets"),
            );
            continue;
        }
        seen.insert(location.clone(), rule.location.span);
        out.push(ir::GeoRule { location, target });
    }
    if ok && !seen.contains_key(&ir::GeoLocation::Default) {
        diagnostics.push(
            Diagnostic::new(
                CheckCode::NoDefaultLocation,
                keyword_span(p),
                "this geolocation policy has no `default`: clients outside every listed location get no answer",
            )
            .label("no default")
            .hint("add `default => ENDPOINT` (Route 53 also sends clients it cannot locate there)"),
        );
    }
    out.sort_by(|a, b| a.location.cmp(&b.location));
    ok.then_some(out)
}

fn geo_location(def: &GeoLocationDef, diagnostics: &mut Diagnostics) -> Option<ir::GeoLocation> {
    match def {
        GeoLocationDef::Default => Some(ir::GeoLocation::Default),
        GeoLocationDef::Continent(code) => {
            if geo::continent_name(&code.name).is_some() {
                return Some(ir::GeoLocation::Continent(code.name.clone()));
            }
            let hint = if geo::country_name(&code.name).is_some() {
                Some(format!(
                    "`{}` is a country: write `country {}`",
                    code.name, code.name
                ))
            } else {
                Some(format!(
                    "continents are {}",
                    geo::CONTINENTS
                        .iter()
                        .map(|(c, n)| format!("{c} ({n})"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            };
            diagnostics.push(
                Diagnostic::new(
                    CheckCode::InvalidLocation,
                    code.span,
                    format!("`{}` is not a continent code", code.name),
                )
                .label("unknown continent")
                .maybe_hint(hint),
            );
            None
        }
        GeoLocationDef::Country(code) => {
            if geo::route53_supports_country(&code.name) {
                return Some(ir::GeoLocation::Country(code.name.clone()));
            }
            let (message, hint) = if geo::country_name(&code.name).is_some() {
                (
                    format!(
                        "Route 53 does not support geolocation for {} ({})",
                        code.name,
                        geo::country_name(&code.name).unwrap_or_default()
                    ),
                    Some("clients there fall under their continent or `default`".to_string()),
                )
            } else if geo::continent_name(&code.name).is_some() {
                (
                    format!("`{}` is not a country code", code.name),
                    Some(format!(
                        "`{}` is a continent: write `continent {}`",
                        code.name, code.name
                    )),
                )
            } else {
                (
                    format!("`{}` is not an ISO 3166-1 alpha-2 country code", code.name),
                    geo::suggest_country(&code.name).map(|c| format!("did you mean `{c}`?")),
                )
            };
            let label = if geo::country_name(&code.name).is_some() {
                "not supported by Route 53"
            } else {
                "unknown country"
            };
            diagnostics.push(
                Diagnostic::new(CheckCode::InvalidLocation, code.span, message)
                    .label(label)
                    .maybe_hint(hint),
            );
            None
        }
        GeoLocationDef::Subdivision(code) => {
            let (country, sub) = code
                .name
                .split_once('-')
                .unwrap_or(("", code.name.as_str()));
            if country == "US" && geo::us_subdivision_name(sub).is_some() {
                return Some(ir::GeoLocation::Subdivision(
                    country.to_string(),
                    sub.to_string(),
                ));
            }
            let (message, hint) = if country.is_empty() {
                (
                    format!("`{}` lacks its country", code.name),
                    Some(format!(
                        "write the country first: `subdivision US-{}`",
                        code.name
                    )),
                )
            } else if country != "US" {
                (
                    format!("Route 53 supports subdivisions only in the United States, not in `{country}`"),
                    Some(format!("route the whole country with `country {country}`")),
                )
            } else {
                (
                    format!("`{sub}` is not a US state code"),
                    did_you_mean(sub, us_state_codes()),
                )
            };
            diagnostics.push(
                Diagnostic::new(CheckCode::InvalidLocation, code.span, message)
                    .label("unknown subdivision")
                    .maybe_hint(hint),
            );
            None
        }
    }
}

fn us_state_codes() -> Vec<&'static str> {
    geo::US_SUBDIVISIONS.iter().map(|(c, _)| *c).collect()
}
