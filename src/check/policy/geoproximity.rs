//! Geoproximity: every member at a place (coordinates or an AWS region),
//! with a bias of -99 to 99, at most 30 members.

use super::{duplicate_endpoints, keyword_span, lower_policy, Env};
use crate::check::zone::coordinates;
use crate::check::{ir, messages};
use crate::diagnostic::Diagnostics;
use crate::syntax::ast::{self, PolicyKind};

const MAX_GEOPROXIMITY_MEMBERS: usize = 30;
/// `GeoProximityLocation.Bias`: -99 to 99.
const MAX_BIAS: i8 = 99;

pub(super) fn lower(
    p: &ast::Policy,
    members: &[ast::GeoproximityMember],
    env: &Env,
    depth: usize,
    diagnostics: &mut Diagnostics,
) -> Option<Vec<ir::GeoproximityMember>> {
    let mut ok = duplicate_endpoints(
        members.iter().map(|m| &m.target),
        "geoproximity",
        diagnostics,
    );
    let mut out = Vec::with_capacity(members.len());
    for m in members {
        let target = lower_policy(&m.target, env, depth + 1, diagnostics);
        let location = geoproximity_location(m, env, diagnostics);
        let bias = match &m.bias {
            None => Some(0),
            Some(b) => match i8::try_from(b.value)
                .ok()
                .filter(|v| (-MAX_BIAS..=MAX_BIAS).contains(v))
            {
                Some(v) => Some(v),
                None => {
                    diagnostics.push(messages::bias_out_of_range(b.value, MAX_BIAS, b.span));
                    None
                }
            },
        };
        match (target, location, bias) {
            (Some(target), Some(location), Some(bias)) => out.push(ir::GeoproximityMember {
                location,
                bias,
                target,
            }),
            _ => ok = false,
        }
    }
    if out.len() > MAX_GEOPROXIMITY_MEMBERS {
        diagnostics.push(messages::too_many_geoproximity_members(
            out.len(),
            MAX_GEOPROXIMITY_MEMBERS,
            keyword_span(p),
        ));
        ok = false;
    }
    out.sort_by_key(|m| m.target.label());
    ok.then_some(out)
}

fn geoproximity_location(
    m: &ast::GeoproximityMember,
    env: &Env,
    diagnostics: &mut Diagnostics,
) -> Option<ir::GeoproximityLocation> {
    match &m.location {
        Some(loc) => match &loc.value {
            ast::GeoproximityLocationDef::Coordinates(c) => {
                coordinates(c, diagnostics).map(ir::GeoproximityLocation::Coordinates)
            }
            ast::GeoproximityLocationDef::Region(r) => {
                env.symbols.region(r, diagnostics)?;
                let region = env.regions.get(&r.name)?;
                match (&region.coordinates, &region.aws) {
                    (Some(c), _) => Some(ir::GeoproximityLocation::Coordinates(c.clone())),
                    (None, Some(aws)) => Some(ir::GeoproximityLocation::AwsRegion(aws.clone())),
                    (None, None) => None,
                }
            }
        },
        None => {
            if let PolicyKind::Endpoint(name) = &m.target.kind {
                let endpoint = env.endpoints.get(&name.name)?;
                let region = endpoint.region().and_then(|r| env.regions.get(r));
                if let Some(c) = region.and_then(|r| r.coordinates.clone()) {
                    return Some(ir::GeoproximityLocation::Coordinates(c));
                }
                if let Some(aws) = endpoint.aws_region() {
                    return Some(ir::GeoproximityLocation::AwsRegion(aws.to_string()));
                }
                diagnostics.push(messages::geoproximity_endpoint_without_location(
                    &name.name,
                    name.span,
                    endpoint.span,
                ));
                return None;
            }
            diagnostics.push(messages::nested_geoproximity_without_location(
                m.target.kind.keyword(),
                keyword_span(&m.target),
            ));
            None
        }
    }
}
