//! Geolocation: continents, countries and US states Route 53 knows, each
//! routed once, and a `default` for everyone else.

use super::{keyword_span, lower_policy, Env};
use crate::check::{ir, messages};
use crate::diagnostic::{did_you_mean, Diagnostics};
use crate::geo;
use crate::source::Span;
use crate::syntax::ast::{self, GeoLocationDef};
use rustc_hash::FxHashMap;

pub(super) fn lower(
    p: &ast::Policy,
    rules: &[ast::GeoRule],
    env: &Env,
    depth: usize,
    diagnostics: &mut Diagnostics,
) -> Option<Vec<ir::GeoRule>> {
    let mut seen: FxHashMap<ir::GeoLocation, Span> = FxHashMap::default();
    let mut out = Vec::with_capacity(rules.len());
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
            diagnostics.push(messages::duplicate_geolocation(
                &location.label(),
                rule.location.span,
                *first,
            ));
            continue;
        }
        seen.insert(location.clone(), rule.location.span);
        out.push(ir::GeoRule { location, target });
    }
    if ok && !seen.contains_key(&ir::GeoLocation::Default) {
        diagnostics.push(messages::geolocation_without_default(keyword_span(p)));
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
            diagnostics.push(messages::unknown_continent(
                &code.name,
                geo::country_name(&code.name).is_some(),
                code.span,
            ));
            None
        }
        GeoLocationDef::Country(code) => {
            if geo::route53_supports_country(&code.name) {
                return Some(ir::GeoLocation::Country(code.name.clone()));
            }
            diagnostics.push(if let Some(name) = geo::country_name(&code.name) {
                messages::country_not_supported(&code.name, name, code.span)
            } else if geo::continent_name(&code.name).is_some() {
                messages::continent_as_country(&code.name, code.span)
            } else {
                messages::unknown_country(&code.name, geo::suggest_country(&code.name), code.span)
            });
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
            diagnostics.push(if country.is_empty() {
                messages::subdivision_without_country(&code.name, code.span)
            } else if country != "US" {
                messages::subdivision_outside_us(country, code.span)
            } else {
                messages::unknown_us_state(sub, did_you_mean(sub, us_state_codes()), code.span)
            });
            None
        }
    }
}

fn us_state_codes() -> Vec<&'static str> {
    geo::US_SUBDIVISIONS.iter().map(|(c, _)| *c).collect()
}
