//! Routing policies: resolution and Route 53's rules for each kind, and
//! the checks that need a whole routed record (TTL on aliases, failover
//! that can never trigger, health checks that probe what they protect).

use super::zone::coordinates;
use super::{ir, resolve, CheckCode, Symbols};
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::geo;
use crate::source::Span;
use crate::syntax::ast::{self, FailoverRole, GeoLocationDef, PolicyKind};
use std::collections::{BTreeMap, HashMap};

/// Route 53 allows at most 100 record sets with one name and type.
const MAX_MEMBERS: usize = 100;
const MAX_GEOPROXIMITY_MEMBERS: usize = 30;
/// A multivalue answer holds at most 8 healthy records.
const MULTIVALUE_ANSWERS: usize = 8;

pub(super) struct Env<'a, 's> {
    pub symbols: &'a Symbols<'s>,
    pub regions: &'a BTreeMap<String, ir::Region>,
    pub endpoints: &'a BTreeMap<String, ir::Endpoint>,
    pub collections: &'a BTreeMap<String, ir::CidrCollection>,
    pub record_type: ir::RecordType,
}

/// The span of a policy's keyword, for messages about the whole policy
/// (underlining a whole nested block would hide the point).
fn keyword_span(p: &ast::Policy) -> Span {
    let len = match &p.kind {
        PolicyKind::Endpoint(i) => i.name.len(),
        other => other.keyword().len(),
    };
    Span {
        end: p.span.start + len as u32,
        ..p.span
    }
}

pub(super) fn lower_policy(
    p: &ast::Policy,
    env: &Env,
    depth: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<ir::PolicyNode> {
    let errors_before = diagnostics.iter().filter(|d| d.is_error()).count();
    let policy = match &p.kind {
        PolicyKind::Endpoint(name) => {
            ir::RoutingPolicy::Endpoint(endpoint_leaf(name, env, diagnostics)?)
        }
        PolicyKind::Failover(members) => failover(p, members, env, depth, diagnostics)?,
        PolicyKind::Latency(members) => {
            ir::RoutingPolicy::Latency(latency(members, env, depth, diagnostics)?)
        }
        PolicyKind::Geolocation(rules) => {
            ir::RoutingPolicy::Geolocation(geolocation(p, rules, env, depth, diagnostics)?)
        }
        PolicyKind::Weighted(members) => {
            ir::RoutingPolicy::Weighted(weighted(p, members, env, depth, diagnostics)?)
        }
        PolicyKind::Multivalue(members) => {
            ir::RoutingPolicy::Multivalue(multivalue(p, members, env, diagnostics)?)
        }
        PolicyKind::Geoproximity(members) => {
            ir::RoutingPolicy::Geoproximity(geoproximity(p, members, env, depth, diagnostics)?)
        }
        PolicyKind::Cidr { collection, rules } => {
            cidr(p, collection, rules, env, depth, diagnostics)?
        }
    };
    member_count_rules(p, &policy, diagnostics);
    let errors_after = diagnostics.iter().filter(|d| d.is_error()).count();
    (errors_after == errors_before).then_some(ir::PolicyNode {
        policy,
        span: p.span,
    })
}

fn endpoint_leaf(
    name: &ast::Ident,
    env: &Env,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<String> {
    env.symbols.endpoint(name, diagnostics)?;
    // An endpoint with errors of its own was already reported.
    let endpoint = env.endpoints.get(&name.name)?;
    if !endpoint.answer.serves(env.record_type) {
        let has = match &endpoint.answer {
            ir::Answer::Addresses { v4, v6 } => match (v4.is_empty(), v6.is_empty()) {
                (false, true) => "only IPv4 addresses (A)".to_string(),
                (true, false) => "only IPv6 addresses (AAAA)".to_string(),
                _ => "addresses".to_string(),
            },
            ir::Answer::Cname(_) => "a CNAME target".to_string(),
            ir::Answer::Alias(a) => match &a.kind {
                ir::AliasTargetKind::Record {
                    record_type: Some(t),
                } => format!("an alias to a {t} record"),
                _ => "an alias target (A/AAAA)".to_string(),
            },
        };
        let hint = match (&endpoint.answer, env.record_type) {
            (ir::Answer::Cname(_), _) => {
                "a CNAME endpoint can only serve a CNAME record: `record NAME CNAME = ...`"
            }
            (ir::Answer::Addresses { .. }, ir::RecordType::A) => {
                "add IPv4 addresses with `a [...]`, or route an AAAA record"
            }
            (ir::Answer::Addresses { .. }, ir::RecordType::Aaaa) => {
                "add IPv6 addresses with `aaaa [...]`, or route an A record"
            }
            _ => "route a record of a type this endpoint can answer",
        };
        diagnostics.push(
            Diagnostic::new(
                CheckCode::RecordTypeMismatch,
                name.span,
                format!(
                    "endpoint `{}` cannot answer {} {} record: it has {has}",
                    name.name,
                    article(env.record_type),
                    env.record_type
                ),
            )
            .label(format!(
                "not {} {} answer",
                article(env.record_type),
                env.record_type
            ))
            .with_secondary(endpoint.span, "endpoint defined here")
            .hint(hint),
        );
        return None;
    }
    Some(name.name.clone())
}

/// The same endpoint twice in one policy would give Route 53 two record
/// sets with the same set identifier; say so where it was written.
fn duplicate_endpoints<'p>(
    members: impl Iterator<Item = &'p ast::Policy>,
    kind: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> bool {
    let mut seen: HashMap<&str, Span> = HashMap::new();
    let mut ok = true;
    for m in members {
        if let PolicyKind::Endpoint(name) = &m.kind {
            if let Some(first) = seen.get(name.name.as_str()) {
                ok = false;
                diagnostics.push(
                    Diagnostic::new(
                        CheckCode::DuplicateDefinition,
                        name.span,
                        format!(
                            "endpoint `{}` is a member of this {kind} policy twice",
                            name.name
                        ),
                    )
                    .label("listed again here")
                    .with_secondary(*first, "first listed here")
                    .hint("list each endpoint once; to give it more weight, raise its weight"),
                );
            } else {
                seen.insert(&name.name, name.span);
            }
        }
    }
    ok
}

/// "an A", "an AAAA", "a CNAME": the article as the type is read aloud.
fn article(t: ir::RecordType) -> &'static str {
    match t {
        ir::RecordType::A | ir::RecordType::Aaaa | ir::RecordType::Mx | ir::RecordType::Ns => "an",
        _ => "a",
    }
}

fn failover(
    p: &ast::Policy,
    members: &[ast::FailoverMember],
    env: &Env,
    depth: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<ir::RoutingPolicy> {
    let mut primary: Option<&ast::FailoverMember> = None;
    let mut secondary: Option<&ast::FailoverMember> = None;
    let mut ok = true;
    for m in members {
        let slot = match m.role.value {
            FailoverRole::Primary => &mut primary,
            FailoverRole::Secondary => &mut secondary,
        };
        if let Some(first) = slot {
            let role = if m.role.value == FailoverRole::Primary {
                "primary"
            } else {
                "secondary"
            };
            diagnostics.push(
                Diagnostic::new(CheckCode::InvalidFailover, m.role.span, format!("a failover policy can have only one {role}"))
                    .label(format!("second {role}"))
                    .with_secondary(first.role.span, format!("first {role}"))
                    .hint("to spread load over several targets, make the member a `weighted` or `multivalue` policy"),
            );
            ok = false;
        } else {
            *slot = Some(m);
        }
    }
    for (role, slot) in [("primary", primary), ("secondary", secondary)] {
        if slot.is_none() {
            ok = false;
            diagnostics.push(
                Diagnostic::new(
                    CheckCode::InvalidFailover,
                    keyword_span(p),
                    format!("this failover policy has no {role}"),
                )
                .label(format!("missing `{role}`"))
                .hint("write `failover { primary MAIN  secondary STANDBY }`"),
            );
        }
    }
    let (Some(primary), Some(secondary)) = (primary, secondary) else {
        return None;
    };
    let lowered_primary = lower_policy(&primary.target, env, depth + 1, diagnostics);
    let lowered_secondary = lower_policy(&secondary.target, env, depth + 1, diagnostics);
    if !ok {
        return None;
    }
    Some(ir::RoutingPolicy::Failover {
        primary: Box::new(lowered_primary?),
        secondary: Box::new(lowered_secondary?),
    })
}

fn latency(
    members: &[ast::LatencyMember],
    env: &Env,
    depth: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Vec<ir::LatencyMember>> {
    let mut seen: HashMap<String, Span> = HashMap::new();
    let mut out = Vec::new();
    let mut ok = true;
    for m in members {
        let target = lower_policy(&m.target, env, depth + 1, diagnostics);
        let region = latency_region(m, env, diagnostics);
        let (Some(target), Some((region, aws))) = (target, region) else {
            ok = false;
            continue;
        };
        if let Some(first) = seen.get(&aws) {
            ok = false;
            diagnostics.push(
                Diagnostic::new(
                    CheckCode::DuplicateLatencyRegion,
                    m.span,
                    format!("two members of this latency policy are in {aws}"),
                )
                .label(format!("also in {aws}"))
                .with_secondary(*first, format!("first member in {aws}"))
                .hint("Route 53 picks one record per region; put both behind one member (e.g. `weighted` or `failover`)"),
            );
            continue;
        }
        seen.insert(aws.clone(), m.span);
        out.push(ir::LatencyMember {
            region,
            aws_region: aws,
            target,
        });
    }
    out.sort_by(|a, b| a.aws_region.cmp(&b.aws_region));
    ok.then_some(out)
}

/// (steer region name or endpoint name, AWS region code) of a latency member.
fn latency_region(
    m: &ast::LatencyMember,
    env: &Env,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(String, String)> {
    if let Some(r) = &m.region {
        env.symbols.region(r, diagnostics)?;
        let region = env.regions.get(&r.name)?;
        // A region written for an endpoint member must agree with the
        // endpoint's own: Route 53 would otherwise route by a region the
        // endpoint is not in.
        if let (PolicyKind::Endpoint(name), Some(aws)) = (&m.target.kind, &region.aws) {
            if let Some(own) = env
                .endpoints
                .get(&name.name)
                .and_then(|e| e.aws_region.as_ref())
            {
                if own != aws {
                    diagnostics.push(
                        Diagnostic::new(
                            CheckCode::ConflictingSettings,
                            r.span,
                            format!(
                                "this member is routed as {aws}, but endpoint `{}` is in {own}",
                                name.name
                            ),
                        )
                        .label(format!("{aws} here"))
                        .with_secondary(name.span, format!("in {own}"))
                        .hint(format!(
                            "drop `{} =>`: an endpoint member answers for its own region",
                            r.name
                        )),
                    );
                    return None;
                }
            }
        }
        return match &region.aws {
            Some(aws) => Some((r.name.clone(), aws.clone())),
            None => {
                diagnostics.push(
                    Diagnostic::new(
                        CheckCode::MissingRegion,
                        r.span,
                        format!(
                            "region `{}` has no AWS region, which latency routing needs",
                            r.name
                        ),
                    )
                    .label("no `aws` code")
                    .with_secondary(region.span, "region defined here")
                    .hint("add `aws \"...\"` to the region"),
                );
                None
            }
        };
    }
    if let PolicyKind::Endpoint(name) = &m.target.kind {
        let endpoint = env.endpoints.get(&name.name)?;
        return match &endpoint.aws_region {
            Some(aws) => Some((
                endpoint.region.clone().unwrap_or_else(|| aws.clone()),
                aws.clone(),
            )),
            None => {
                diagnostics.push(
                    Diagnostic::new(
                        CheckCode::MissingRegion,
                        name.span,
                        format!(
                            "endpoint `{}` has no AWS region, which latency routing needs",
                            name.name
                        ),
                    )
                    .label("no region")
                    .with_secondary(endpoint.span, "endpoint defined here")
                    .hint("add `region NAME` to the endpoint, naming a region with an `aws` code"),
                );
                None
            }
        };
    }
    diagnostics.push(
        Diagnostic::new(
            CheckCode::MissingRegion,
            keyword_span(&m.target),
            "a nested policy in a latency policy needs the region it answers for",
        )
        .label("which region?")
        .hint(format!(
            "write `REGION => {} {{ ... }}`",
            m.target.kind.keyword()
        )),
    );
    None
}

fn geolocation(
    p: &ast::Policy,
    rules: &[ast::GeoRule],
    env: &Env,
    depth: usize,
    diagnostics: &mut Vec<Diagnostic>,
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

fn geo_location(
    def: &GeoLocationDef,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<ir::GeoLocation> {
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

fn weighted(
    p: &ast::Policy,
    members: &[ast::WeightedMember],
    env: &Env,
    depth: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Vec<ir::WeightedMember>> {
    let mut ok = duplicate_endpoints(members.iter().map(|m| &m.target), "weighted", diagnostics);
    let mut out = Vec::new();
    for m in members {
        let target = lower_policy(&m.target, env, depth + 1, diagnostics);
        let weight = match u8::try_from(m.weight.value) {
            Ok(w) => Some(w),
            Err(_) => {
                diagnostics.push(
                    Diagnostic::new(
                        CheckCode::OutOfRange,
                        m.weight.span,
                        format!(
                            "weight {} is out of range: Route 53 accepts 0 to 255",
                            m.weight.value
                        ),
                    )
                    .label("out of range")
                    .hint("weights are relative: 90 and 10 send 90% and 10% of answers"),
                );
                None
            }
        };
        match (target, weight) {
            (Some(target), Some(weight)) => out.push(ir::WeightedMember { weight, target }),
            _ => ok = false,
        }
    }
    if ok && !out.is_empty() && out.iter().all(|m| m.weight == 0) {
        diagnostics.push(
            Diagnostic::new(CheckCode::AllWeightsZero, keyword_span(p), "every member of this weighted policy has weight 0")
                .label("all zero")
                .hint("Route 53 then answers with every member equally; give the members that should get traffic a weight above 0 (weight 0 is for standbys)"),
        );
    }
    out.sort_by_key(|m| m.target.label());
    ok.then_some(out)
}

fn multivalue(
    p: &ast::Policy,
    members: &[ast::Policy],
    env: &Env,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Vec<String>> {
    let mut ok = duplicate_endpoints(members.iter(), "multivalue", diagnostics);
    let mut out = Vec::new();
    for m in members {
        let PolicyKind::Endpoint(name) = &m.kind else {
            ok = false;
            diagnostics.push(
                Diagnostic::new(
                    CheckCode::UnsupportedNesting,
                    keyword_span(m),
                    format!("a multivalue policy cannot contain a {} policy", m.kind.keyword()),
                )
                .label("nested policy")
                .hint("Route 53 multivalue answers are plain records, not aliases: list address endpoints only"),
            );
            continue;
        };
        let Some(leaf) = endpoint_leaf(name, env, diagnostics) else {
            ok = false;
            continue;
        };
        let endpoint = &env.endpoints[&leaf];
        if !matches!(endpoint.answer, ir::Answer::Addresses { .. }) {
            ok = false;
            diagnostics.push(
                Diagnostic::new(
                    CheckCode::UnsupportedNesting,
                    name.span,
                    format!("endpoint `{}` is not an address endpoint, which multivalue answers need", name.name),
                )
                .label("alias or CNAME endpoint")
                .with_secondary(endpoint.span, "endpoint defined here")
                .hint("Route 53 does not allow aliases or CNAMEs in multivalue answers; use `weighted` instead"),
            );
            continue;
        }
        out.push(leaf);
    }
    if ok && out.len() > MULTIVALUE_ANSWERS {
        diagnostics.push(
            Diagnostic::new(
                CheckCode::MultivalueOverEight,
                keyword_span(p),
                format!("this multivalue policy has {} members; Route 53 answers with at most 8 healthy ones", out.len()),
            )
            .label("more than 8")
            .hint("Route 53 answers each query with up to 8 healthy members picked at random, so all of them get some traffic; split the set if each answer must list every member"),
        );
    }
    out.sort();
    ok.then_some(out)
}

fn geoproximity(
    p: &ast::Policy,
    members: &[ast::GeoproximityMember],
    env: &Env,
    depth: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Vec<ir::GeoproximityMember>> {
    let mut ok = duplicate_endpoints(
        members.iter().map(|m| &m.target),
        "geoproximity",
        diagnostics,
    );
    let mut out = Vec::new();
    for m in members {
        let target = lower_policy(&m.target, env, depth + 1, diagnostics);
        let location = geoproximity_location(m, env, diagnostics);
        let bias =
            match &m.bias {
                None => Some(0),
                Some(b) => match i8::try_from(b.value)
                    .ok()
                    .filter(|v| (-99..=99).contains(v))
                {
                    Some(v) => Some(v),
                    None => {
                        diagnostics.push(
                        Diagnostic::new(
                            CheckCode::OutOfRange,
                            b.span,
                            format!("bias {} is out of range: Route 53 accepts -99 to 99", b.value),
                        )
                        .label("out of range")
                        .hint("a positive bias grows the member's area, a negative one shrinks it"),
                    );
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
        diagnostics.push(
            Diagnostic::new(
                CheckCode::TooManyMembers,
                keyword_span(p),
                format!(
                    "this geoproximity policy has {} members; Route 53 allows at most 30",
                    out.len()
                ),
            )
            .label("too many members"),
        );
        ok = false;
    }
    out.sort_by_key(|m| m.target.label());
    ok.then_some(out)
}

fn geoproximity_location(
    m: &ast::GeoproximityMember,
    env: &Env,
    diagnostics: &mut Vec<Diagnostic>,
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
                let region = endpoint.region.as_ref().and_then(|r| env.regions.get(r));
                if let Some(c) = region.and_then(|r| r.coordinates.clone()) {
                    return Some(ir::GeoproximityLocation::Coordinates(c));
                }
                if let Some(aws) = &endpoint.aws_region {
                    return Some(ir::GeoproximityLocation::AwsRegion(aws.clone()));
                }
                diagnostics.push(
                    Diagnostic::new(
                        CheckCode::MissingRegion,
                        name.span,
                        format!(
                            "endpoint `{}` has no location, which geoproximity routing needs",
                            name.name
                        ),
                    )
                    .label("where is it?")
                    .with_secondary(endpoint.span, "endpoint defined here")
                    .hint("give the endpoint a `region`, or write `(LAT, LON) => ENDPOINT`"),
                );
                return None;
            }
            diagnostics.push(
                Diagnostic::new(
                    CheckCode::MissingRegion,
                    keyword_span(&m.target),
                    "a nested policy in a geoproximity policy needs a location",
                )
                .label("where is it?")
                .hint(format!(
                    "write `REGION => {} {{ ... }}` or `(LAT, LON) => ...`",
                    m.target.kind.keyword()
                )),
            );
            None
        }
    }
}

fn cidr(
    p: &ast::Policy,
    collection: &ast::Ident,
    rules: &[ast::CidrRule],
    env: &Env,
    depth: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<ir::RoutingPolicy> {
    let def = env.symbols.collection(collection, diagnostics);
    let lowered = env.collections.get(&collection.name);
    let mut ok = def.is_some() && lowered.is_some();
    let mut seen: HashMap<Option<String>, Span> = HashMap::new();
    let mut out = Vec::new();
    for rule in rules {
        let target = lower_policy(&rule.target, env, depth + 1, diagnostics);
        if let (Some(loc), Some(def)) = (&rule.location, def) {
            let table: rustc_hash::FxHashMap<&str, &ast::CidrLocationDef> = def
                .locations
                .iter()
                .map(|l| (l.name.name.as_str(), l))
                .collect();
            if resolve(&table, loc, "CIDR location", diagnostics).is_none() {
                ok = false;
                continue;
            }
        }
        let key = rule.location.as_ref().map(|l| l.name.clone());
        if let Some(first) = seen.get(&key) {
            ok = false;
            diagnostics.push(
                Diagnostic::new(
                    CheckCode::DuplicateLocation,
                    rule.location_span,
                    format!(
                        "location `{}` is routed twice",
                        key.as_deref().unwrap_or("default")
                    ),
                )
                .label("routed again here")
                .with_secondary(*first, "first routed here"),
            );
            continue;
        }
        seen.insert(key.clone(), rule.location_span);
        match target {
            Some(target) => out.push(ir::CidrRule {
                location: key,
                target,
            }),
            None => ok = false,
        }
    }
    if ok && !seen.contains_key(&None) {
        diagnostics.push(
            Diagnostic::new(
                CheckCode::NoDefaultLocation,
                keyword_span(p),
                "this CIDR policy has no `default`: clients outside every listed block get no answer",
            )
            .label("no default")
            .hint("add `default => ENDPOINT`"),
        );
    }
    out.sort_by(|a, b| a.location.cmp(&b.location));
    ok.then_some(ir::RoutingPolicy::Cidr {
        collection: collection.name.clone(),
        rules: out,
    })
}

fn member_count_rules(
    p: &ast::Policy,
    policy: &ir::RoutingPolicy,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let count = match policy {
        ir::RoutingPolicy::Endpoint(_) | ir::RoutingPolicy::Failover { .. } => return,
        ir::RoutingPolicy::Multivalue(m) => m.len(),
        other => other.members().len(),
    };
    if count > MAX_MEMBERS {
        diagnostics.push(
            Diagnostic::new(
                CheckCode::TooManyMembers,
                keyword_span(p),
                format!("this {} policy has {count} members; Route 53 allows at most 100 records per name and type", policy.keyword()),
            )
            .label("too many members")
            .hint("group members into nested policies"),
        );
    } else if count == 1 {
        diagnostics.push(
            Diagnostic::new(
                CheckCode::SingleMember,
                keyword_span(p),
                format!(
                    "this {} policy has a single member, so it routes nothing",
                    policy.keyword()
                ),
            )
            .label("one member")
            .hint("point the record at the member directly, or add the members that are missing"),
        );
    }
}

// ----------------------------------------------------------------------------
// CIDR collections
// ----------------------------------------------------------------------------

pub(super) fn lower_collections(
    symbols: &Symbols,
    diagnostics: &mut Vec<Diagnostic>,
) -> BTreeMap<String, ir::CidrCollection> {
    let mut out = BTreeMap::new();
    for def in symbols.collections.values() {
        if let Some(c) = lower_collection(def, diagnostics) {
            out.insert(c.name.clone(), c);
        }
    }
    out
}

fn lower_collection(
    def: &ast::CidrCollectionDef,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<ir::CidrCollection> {
    let mut ok = true;
    if def.name.name.len() > 64 {
        ok = false;
        diagnostics.push(
            Diagnostic::new(
                CheckCode::TooLong,
                def.name.span,
                format!(
                    "collection name is {} characters long; Route 53 allows 64",
                    def.name.name.len()
                ),
            )
            .label("too long"),
        );
    }
    if def.locations.is_empty() {
        ok = false;
        diagnostics.push(
            Diagnostic::new(
                CheckCode::MissingSetting,
                def.name.span,
                format!("collection `{}` has no locations", def.name.name),
            )
            .label("empty collection")
            .hint("add locations: `office [198.51.100.0/24]`"),
        );
    }
    let mut locations: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut location_spans: HashMap<&str, Span> = HashMap::new();
    let mut block_spans: HashMap<String, Span> = HashMap::new();
    for loc in &def.locations {
        if let Some(first) = location_spans.get(loc.name.name.as_str()) {
            ok = false;
            diagnostics.push(
                Diagnostic::new(
                    CheckCode::DuplicateDefinition,
                    loc.name.span,
                    format!("location `{}` is defined more than once", loc.name.name),
                )
                .label("defined again here")
                .with_secondary(*first, "first defined here"),
            );
            continue;
        }
        location_spans.insert(&loc.name.name, loc.name.span);
        if loc.name.name.len() > 16 {
            ok = false;
            diagnostics.push(
                Diagnostic::new(
                    CheckCode::TooLong,
                    loc.name.span,
                    format!(
                        "location name is {} characters long; Route 53 allows 16",
                        loc.name.name.len()
                    ),
                )
                .label("too long"),
            );
        }
        if loc.blocks.is_empty() {
            ok = false;
            diagnostics.push(
                Diagnostic::new(
                    CheckCode::MissingSetting,
                    loc.name.span,
                    format!("location `{}` has no CIDR blocks", loc.name.name),
                )
                .label("empty location"),
            );
        }
        let mut blocks = Vec::new();
        for block in &loc.blocks {
            match cidr_block(&block.value) {
                Ok((canonical, network, prefix)) => {
                    if let Some(first) = block_spans.get(&canonical) {
                        ok = false;
                        diagnostics.push(
                            Diagnostic::new(
                                CheckCode::InvalidCidr,
                                block.span,
                                format!("block {canonical} is listed twice"),
                            )
                            .label("repeated")
                            .with_secondary(*first, "first listed here")
                            .hint("a block belongs to one location of a collection"),
                        );
                        continue;
                    }
                    if let Some(range) = crate::net_ranges::special_range_of_block(network, prefix)
                    {
                        diagnostics.push(never_matches(&canonical, range, &loc.name, block.span));
                    }
                    block_spans.insert(canonical.clone(), block.span);
                    blocks.push(canonical);
                }
                Err((message, hint)) => {
                    ok = false;
                    diagnostics.push(
                        Diagnostic::new(CheckCode::InvalidCidr, block.span, message)
                            .label("invalid block")
                            .maybe_hint(hint),
                    );
                }
            }
        }
        blocks.sort();
        locations.insert(loc.name.name.clone(), blocks);
    }
    ok.then(|| ir::CidrCollection {
        name: def.name.name.clone(),
        locations,
        span: def.name.span,
    })
}

/// `cidr-never-matches`: a block inside a special-purpose range.
///
/// Route 53 matches a CIDR collection against the source address of the
/// client's DNS resolver, or the truncated client address the resolver sends
/// in edns-client-subnet (Developer Guide, "How Amazon Route 53 uses EDNS0 to
/// estimate the location of a user",
/// <https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy-edns0.html>,
/// which covers IP-based routing; "IP-based routing",
/// <https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy-ipbased.html>).
/// Queries reach Route 53 over the internet, and these ranges are not
/// public networks (RFC 5735 and RFC 5156: "should not appear on the public
/// Internet"), so no client is ever matched to the block. The ranges are in
/// [`crate::net_ranges`].
fn never_matches(
    block: &str,
    range: &crate::net_ranges::SpecialRange,
    location: &ast::Ident,
    span: Span,
) -> Diagnostic {
    let hint = match range.kind {
        crate::net_ranges::RangeKind::Documentation => {
            "a documentation range stands in for a real one: write the networks the location's \
             clients or their resolvers really use"
        }
        crate::net_ranges::RangeKind::Local => {
            "Route 53 sees a private network's queries from its resolver's public address (or \
             the public subnet the resolver forwards): list that public network instead"
        }
        _ => "list the public networks the location's clients or their resolvers use",
    };
    Diagnostic::new(
        CheckCode::CidrNeverMatches,
        span,
        format!(
            "CIDR block {block} is {} ({}, {}): no query reaches Route 53 from it, so it never \
             matches location `{}`",
            if block == range.block {
                "a special-purpose range".to_string()
            } else {
                format!("inside {}", range.block)
            },
            range.purpose,
            range.source,
            location.name
        ),
    )
    .label("not a public network")
    .hint(
        "Route 53 matches the public address of the client's DNS resolver, or the client \
         subnet the resolver forwards (EDNS0 client subnet)",
    )
    .hint(hint)
}

/// Validates a CIDR block for Route 53 (IPv4 /1–/24, IPv6 /1–/48, no host
/// bits set) and returns its canonical text, network address and prefix.
fn cidr_block(text: &str) -> Result<(String, std::net::IpAddr, u8), (String, Option<String>)> {
    let (addr, prefix) = text.split_once('/').ok_or_else(|| {
        (
            format!("`{text}` is not a CIDR block"),
            Some("e.g. `198.51.100.0/24`".to_string()),
        )
    })?;
    let prefix: u32 = prefix
        .parse()
        .map_err(|_| (format!("`{text}` has an invalid prefix length"), None))?;
    let ip: std::net::IpAddr = addr
        .parse()
        .map_err(|_| (format!("`{addr}` is not an IP address"), None))?;
    let (max, bits) = match ip {
        std::net::IpAddr::V4(_) => (24, 32),
        std::net::IpAddr::V6(_) => (48, 128),
    };
    if prefix == 0 || prefix > max {
        return Err((
            format!("prefix /{prefix} is out of range: Route 53 accepts /1 to /{max} for this address family"),
            Some(format!("split the block into /{max} blocks, or widen it")),
        ));
    }
    let network = match ip {
        std::net::IpAddr::V4(v4) => {
            let mask = u32::MAX << (bits - prefix);
            std::net::IpAddr::V4((u32::from(v4) & mask).into())
        }
        std::net::IpAddr::V6(v6) => {
            let mask = u128::MAX << (bits - prefix);
            std::net::IpAddr::V6((u128::from(v6) & mask).into())
        }
    };
    if network != ip {
        return Err((
            format!("`{text}` has host bits set"),
            Some(format!("the block is `{network}/{prefix}`")),
        ));
    }
    // `prefix` is at most 48 here.
    Ok((format!("{network}/{prefix}"), network, prefix as u8))
}

// ----------------------------------------------------------------------------
// Whole-record rules
// ----------------------------------------------------------------------------

pub(super) fn check_routed_records(
    records: &[ir::RecordSet],
    endpoints: &BTreeMap<String, ir::Endpoint>,
    checks: &BTreeMap<String, ir::HealthCheck>,
    _zone: &ir::Zone,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let existing: std::collections::HashSet<(&str, ir::RecordType)> = records
        .iter()
        .map(|r| (r.fqdn.as_str(), r.record_type))
        .collect();
    for record in records {
        let ir::RecordContent::Routed(root) = &record.content else {
            continue;
        };
        let leaves = root.endpoints();
        let all_alias = leaves.iter().all(|e| {
            endpoints
                .get(*e)
                .is_some_and(|e| matches!(e.answer, ir::Answer::Alias(_)))
        });
        if record.ttl_explicit && all_alias && !leaves.is_empty() {
            diagnostics.push(
                Diagnostic::new(
                    CheckCode::AliasWithTtl,
                    record.span,
                    format!("record `{}` {} answers only with alias targets, which take their TTL from the target", record.name, record.record_type),
                )
                .label("TTL set on an alias-only record")
                .hint("remove `ttl`: Route 53 rejects a TTL on alias records"),
            );
        }
        // Route 53 only evaluates health checks on routed record sets.
        let routed = !matches!(root.policy, ir::RoutingPolicy::Endpoint(_));
        for leaf in &leaves {
            let Some(endpoint) = endpoints.get(*leaf) else {
                continue;
            };
            if let ir::Answer::Alias(ir::AliasTarget {
                kind: ir::AliasTargetKind::Record { record_type },
                dns_name,
                ..
            }) = &endpoint.answer
            {
                let t = record_type.unwrap_or(record.record_type);
                if !existing.contains(&(dns_name.as_str(), t)) {
                    diagnostics.push(
                        Diagnostic::new(
                            CheckCode::UnknownReference,
                            endpoint.span,
                            format!("endpoint `{}` aliases {dns_name} {t}, which this zone does not define", endpoint.name),
                        )
                        .label("alias to a missing record")
                        .with_secondary(record.span, "used by this record")
                        .hint(format!("define `record ... {t}` at that name, or fix the alias")),
                    );
                }
            }
            if let Some(check) = endpoint.health_check.as_ref().and_then(|c| checks.get(c)) {
                if let ir::HealthCheckKind::Endpoint(probe) = &check.kind {
                    if routed
                        && probe.ip_address.is_none()
                        && probe.fqdn.as_deref() == Some(record.fqdn.as_str())
                    {
                        diagnostics.push(
                            Diagnostic::new(
                                CheckCode::CheckProtectsItself,
                                check.span,
                                format!("check `{}` probes {}, the very record it protects", check.name, record.fqdn),
                            )
                            .label("probes the routed name")
                            .with_secondary(record.span, "this record routes on it")
                            .hint("probe the endpoint itself (its own host name or IP address), not the name users resolve"),
                        );
                    }
                }
            }
        }
        visit_failovers(root, &mut |primary, secondary| {
            failover_rules(primary, secondary, endpoints, diagnostics)
        });
    }
}

fn visit_failovers<'a>(
    node: &'a ir::PolicyNode,
    f: &mut impl FnMut(&'a ir::PolicyNode, &'a ir::PolicyNode),
) {
    if let ir::RoutingPolicy::Failover { primary, secondary } = &node.policy {
        f(primary, secondary);
    }
    for (_, member) in node.policy.members() {
        visit_failovers(member, f);
    }
}

fn failover_rules(
    primary: &ir::PolicyNode,
    secondary: &ir::PolicyNode,
    endpoints: &BTreeMap<String, ir::Endpoint>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    // A nested primary is an alias to generated records that evaluates
    // their health, so only a leaf primary can lack health information.
    let ir::RoutingPolicy::Endpoint(p) = &primary.policy else {
        return;
    };
    let Some(p) = endpoints.get(p) else { return };
    // Failover aliases evaluate their target's health (see emit::route53),
    // except CloudFront, which cannot.
    let alias_evaluates = matches!(&p.answer, ir::Answer::Alias(a)
        if a.kind != ir::AliasTargetKind::Aws(crate::aws::AliasKind::CloudFront));
    if p.health_check.is_none() && !p.evaluate_target_health && !alias_evaluates {
        diagnostics.push(
            Diagnostic::new(
                CheckCode::PrimaryWithoutHealthCheck,
                primary.span,
                format!(
                    "failover primary `{}` has no health check, so failover can never trigger",
                    p.name
                ),
            )
            .label("always considered healthy")
            .with_secondary(p.span, "endpoint defined here")
            .hint(if matches!(p.answer, ir::Answer::Alias(_)) {
                "add `check NAME` to the endpoint: CloudFront targets cannot report their health"
            } else {
                "add `check NAME` to the endpoint"
            }),
        );
    }
    if let ir::RoutingPolicy::Endpoint(s) = &secondary.policy {
        if let (Some(s), Some(pc)) = (endpoints.get(s), &p.health_check) {
            if s.health_check.as_ref() == Some(pc) {
                diagnostics.push(
                    Diagnostic::new(
                        CheckCode::SharedFailoverCheck,
                        secondary.span,
                        format!("primary and secondary share the health check `{pc}`"),
                    )
                    .label("same check as the primary")
                    .with_secondary(primary.span, "primary")
                    .hint("when the primary is unhealthy so is the secondary, and Route 53 answers with the primary anyway; give each its own check"),
                );
            }
        }
    }
}
