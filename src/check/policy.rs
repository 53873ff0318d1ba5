//! Routing policies: resolution and Route 53's rules for each kind, and
//! the checks that need a whole routed record (TTL on aliases, failover
//! that can never trigger, health checks that probe what they protect).

use super::zone::coordinates;
use super::{ir, resolve, CheckCode, Symbols};
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::geo;
use crate::semantics::{self, HealthReach};
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
        stay: p.stay,
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
    let (name, aws) = latency_region_code(m, env, diagnostics)?;
    if crate::aws::is_latency_region(&aws) {
        return Some((name, aws));
    }
    diagnostics.push(not_a_latency_region(m, env, &aws));
    None
}

/// A latency record's `Region` must be one of the values of the API's
/// `ResourceRecordSetRegion` enum (Route 53 API reference,
/// `ResourceRecordSet`, "Region ... Valid Values"; data/route53-api-regions.json).
/// The ISO partitions are AWS regions but not among them, so Route 53 (and
/// `terraform validate`, which checks the same enum) rejects such a record.
fn not_a_latency_region(m: &ast::LatencyMember, env: &Env, aws: &str) -> Diagnostic {
    let partition = crate::aws::partition_of(aws).unwrap_or("unknown");
    let message =
        format!("`{aws}` cannot be a latency region: Route 53 latency records do not accept it");
    let hint = if crate::aws::latency_regions()
        .iter()
        .any(|r| crate::aws::partition_of(r) == Some(partition))
    {
        format!("Route 53's latency `Region` values do not include {aws}; use a region it lists")
    } else {
        format!(
            "Route 53's latency `Region` values include no region of the {partition} partition, \
             so latency routing cannot answer with this member; route to it with another policy \
             (e.g. `weighted` or `failover`)"
        )
    };
    // Point at where the AWS code was written: the region's `aws "..."`
    // (the member's `REGION =>` or the endpoint's `region`), else the
    // endpoint whose alias target carries it.
    let aws_code_span = |region: &str| {
        env.symbols
            .regions
            .get(region)
            .and_then(|def| def.aws.as_ref())
            .filter(|code| code.value == aws)
            .map(|code| code.span)
    };
    let (span, label, secondary) = match (&m.region, &m.target.kind) {
        (Some(r), _) => (
            r.span,
            format!("`{}` is {aws}", r.name),
            aws_code_span(&r.name).map(|s| (s, format!("{aws} given here"))),
        ),
        (None, PolicyKind::Endpoint(name)) => {
            let endpoint = env.endpoints.get(&name.name);
            let from_region = endpoint
                .and_then(|e| e.region.as_deref())
                .and_then(aws_code_span)
                .map(|s| (s, format!("{aws} given here")));
            let from_endpoint =
                endpoint.map(|e| (e.span, format!("endpoint `{}` is in {aws}", name.name)));
            (
                name.span,
                format!("`{}` is in {aws}", name.name),
                from_region.or(from_endpoint),
            )
        }
        (None, _) => (keyword_span(&m.target), format!("in {aws}"), None),
    };
    let d = Diagnostic::new(CheckCode::UnsupportedAwsRegion, span, message)
        .label(label)
        .hint(hint);
    match secondary {
        Some((s, text)) => d.with_secondary(s, text),
        None => d,
    }
}

/// The member's (steer name, AWS region code) as written, before the code
/// is checked against the latency region list.
fn latency_region_code(
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
        if let Some(stay) = m.stay {
            ok = false;
            diagnostics.push(
                Diagnostic::new(
                    CheckCode::ConflictingSettings,
                    stay,
                    "`stay` does not apply to a multivalue member",
                )
                .label("not in a multivalue policy")
                .hint("a multivalue member without a health check is always answered: remove `check` from its endpoint instead"),
            );
        }
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
        // One member routes nothing when every client gets its answer: a
        // latency, weighted, multivalue or geoproximity member, or a
        // geolocation or CIDR rule that is `default`. A single geolocation
        // or CIDR rule for a location still decides who gets an answer
        // (clients elsewhere get none, which `no-default-location` reports),
        // so it is not reported here.
        let only_default = match policy {
            ir::RoutingPolicy::Geolocation(rules) => {
                Some(rules.iter().all(|r| r.location == ir::GeoLocation::Default))
            }
            ir::RoutingPolicy::Cidr { rules, .. } => {
                Some(rules.iter().all(|r| r.location.is_none()))
            }
            _ => None,
        };
        let message = match only_default {
            Some(false) => return,
            Some(true) => format!(
                "this {} policy has only a `default` rule, which answers every client: it routes nothing",
                policy.keyword()
            ),
            None => format!(
                "this {} policy has a single member, which answers every client: it routes nothing",
                policy.keyword()
            ),
        };
        diagnostics.push(
            Diagnostic::new(CheckCode::SingleMember, keyword_span(p), message)
                .label(if only_default == Some(true) {
                    "only `default`"
                } else {
                    "one member"
                })
                .hint(
                    "point the record at the member directly, or add the members that are missing",
                ),
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
    let mut reach = HealthReach::new(endpoints, records);
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
        let routed = semantics::is_routed(root);
        if let Some(stay) = root.stay {
            diagnostics.push(
                Diagnostic::new(
                    CheckCode::ConflictingSettings,
                    stay,
                    "`stay` applies to a member of a routing policy, not to a record's own policy",
                )
                .label("no policy around it")
                .hint("remove `stay`, or write it before a member: `continent EU => stay failover { ... }`"),
            );
        }
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
        visit_policies(root, &mut |node| {
            member_rules(node, record, endpoints, checks, &mut reach, diagnostics)
        });
    }
    evaluate_without_health(endpoints, &mut reach, diagnostics);
}

fn visit_policies<'a>(node: &'a ir::PolicyNode, f: &mut impl FnMut(&'a ir::PolicyNode)) {
    f(node);
    for (_, member) in node.policy.members() {
        visit_policies(member, f);
    }
}

/// The rules about a policy's members taken together.
fn member_rules<'c>(
    node: &'c ir::PolicyNode,
    record: &ir::RecordSet,
    endpoints: &BTreeMap<String, ir::Endpoint>,
    checks: &BTreeMap<String, ir::HealthCheck>,
    reach: &mut HealthReach<'c>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    match &node.policy {
        ir::RoutingPolicy::Failover { primary, secondary } => {
            failover_rules(primary, secondary, record, endpoints, reach, diagnostics)
        }
        ir::RoutingPolicy::Weighted(_)
        | ir::RoutingPolicy::Multivalue(_)
        | ir::RoutingPolicy::Latency(_)
        | ir::RoutingPolicy::Geoproximity(_) => {
            shared_member_check(node, endpoints, checks, diagnostics)
        }
        _ => {}
    }
}

fn failover_rules<'c>(
    primary: &'c ir::PolicyNode,
    secondary: &'c ir::PolicyNode,
    record: &ir::RecordSet,
    endpoints: &BTreeMap<String, ir::Endpoint>,
    reach: &mut HealthReach<'c>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let leaf = |n: &ir::PolicyNode| match &n.policy {
        ir::RoutingPolicy::Endpoint(e) => endpoints.get(e),
        _ => None,
    };
    if let Some(stay) = primary.stay {
        diagnostics.push(
            Diagnostic::new(
                CheckCode::StayDisablesFailover,
                stay,
                "a failover primary marked `stay` is always healthy, so failover can never trigger",
            )
            .label("the primary is never skipped")
            .with_secondary(secondary.span, "never answered")
            .hint("remove `stay` from the primary; to keep clients in this branch when both are down, mark the whole failover policy `stay` where its parent uses it"),
        );
    } else if !reach.member_can_fail(primary, true, record.record_type) {
        let (message, label, hint) = match leaf(primary) {
            Some(p) => match &p.answer {
                ir::Answer::Alias(a) => match &a.kind {
                    ir::AliasTargetKind::Record { record_type } => (
                        format!(
                            "failover primary `{}` is an alias to {} {}, which has no health information, so failover can never trigger",
                            p.name,
                            a.dns_name,
                            record_type.unwrap_or(record.record_type)
                        ),
                        "always considered healthy",
                        "add `check NAME` to the endpoint, or health checks to the endpoints of the aliased record",
                    ),
                    _ => (
                        format!("failover primary `{}` has no health check, so failover can never trigger", p.name),
                        "always considered healthy",
                        "add `check NAME` to the endpoint: CloudFront targets cannot report their health",
                    ),
                },
                _ => (
                    format!("failover primary `{}` has no health check, so failover can never trigger", p.name),
                    "always considered healthy",
                    "add `check NAME` to the endpoint",
                ),
            },
            None => (
                format!(
                    "this failover primary (a {} policy) has no health information beneath it, so failover can never trigger",
                    primary.policy.keyword()
                ),
                "nothing beneath it can report unhealthy",
                "attach health checks to the endpoints beneath it (or use alias endpoints that evaluate target health)",
            ),
        };
        let mut d = Diagnostic::new(
            CheckCode::PrimaryWithoutHealthCheck,
            keyword_or_span(primary),
            message,
        )
        .label(label)
        .hint(hint);
        if let Some(p) = leaf(primary) {
            d = d.with_secondary(p.span, "endpoint defined here");
        }
        diagnostics.push(d);
    }
    if let (Some(p), Some(s)) = (leaf(primary), leaf(secondary)) {
        if let (Some(pc), Some(sc)) = (&p.health_check, &s.health_check) {
            if pc == sc && !primary.stays() && !secondary.stays() {
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
        let cloudfront = |e: &ir::Endpoint| {
            matches!(&e.answer, ir::Answer::Alias(a)
                if a.kind == ir::AliasTargetKind::Aws(crate::aws::AliasKind::CloudFront))
        };
        // API reference, AliasTarget.DNSName: "For failover alias records,
        // you can't specify a CloudFront distribution for both the primary
        // and secondary records": both would need the record's name as an
        // alternate domain name, which only one distribution may have.
        if cloudfront(p) && cloudfront(s) {
            diagnostics.push(
                Diagnostic::new(
                    CheckCode::InvalidFailover,
                    secondary.span,
                    "the failover primary and secondary are both CloudFront distributions",
                )
                .label("CloudFront secondary")
                .with_secondary(primary.span, "CloudFront primary")
                .hint("Route 53 rejects this: both distributions would need this record's name as an alternate domain name, which one distribution may claim; use a non-CloudFront secondary (an S3 website bucket, a load balancer)"),
            );
        }
    }
}

/// The span to underline for a member: the endpoint name, or the nested
/// policy's keyword.
fn keyword_or_span(node: &ir::PolicyNode) -> Span {
    match &node.policy {
        ir::RoutingPolicy::Endpoint(_) => node.span,
        other => Span {
            end: node.span.start + other.keyword().len() as u32,
            ..node.span
        },
    }
}

/// One health check on every member of a policy that spreads or steers
/// traffic among its members: when one member dies the others' check (the
/// same check) does not notice, and Route 53 keeps answering with it
/// (Developer Guide, "How Amazon Route 53 chooses records when health
/// checking is configured": a record's health is its own health check's).
fn shared_member_check(
    node: &ir::PolicyNode,
    endpoints: &BTreeMap<String, ir::Endpoint>,
    checks: &BTreeMap<String, ir::HealthCheck>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let members: Vec<(Option<&str>, Option<Span>)> = match &node.policy {
        ir::RoutingPolicy::Multivalue(names) => names
            .iter()
            .map(|n| {
                (
                    endpoints
                        .get(n)
                        .and_then(|e| semantics::member_health_check(e, true, false)),
                    None,
                )
            })
            .collect(),
        policy => policy
            .members()
            .into_iter()
            .map(|(_, m)| match &m.policy {
                ir::RoutingPolicy::Endpoint(e) => (
                    endpoints
                        .get(e)
                        .and_then(|e| semantics::member_health_check(e, true, m.stays())),
                    Some(m.span),
                ),
                _ => (None, None),
            })
            .collect(),
    };
    if members.len() < 2 {
        return;
    }
    let Some(first) = members[0].0 else { return };
    if !members.iter().all(|(c, _)| *c == Some(first)) {
        return;
    }
    let Some(check) = checks.get(first) else {
        return;
    };
    let what = match &check.kind {
        ir::HealthCheckKind::Calculated { .. } => {
            "a calculated check over all of them stays healthy while enough of the others are"
        }
        _ => "its status says nothing about any one member",
    };
    let mut d = Diagnostic::new(
        CheckCode::SharedMemberCheck,
        keyword_or_span(node),
        format!(
            "every member of this {} policy uses the health check `{first}`, so a member that dies is still answered",
            node.policy.keyword()
        ),
    )
    .label(match members.len() {
        2 => format!("both members share `{first}`"),
        n => format!("all {n} members share `{first}`"),
    })
    .with_secondary(check.span, format!("`{first}` defined here: {what}"))
    .hint("give each member's endpoint a check that probes that endpoint itself");
    if let Some(Some(span)) = members.get(1).map(|(_, s)| *s) {
        d = d.with_secondary(span, "for example this member");
    }
    diagnostics.push(d);
}

/// `evaluate_target_health` on an alias to a record of this zone that can
/// never be unhealthy: it changes nothing, and suggests a protection that is
/// not there (API reference, AliasTarget.EvaluateTargetHealth: the alias
/// inherits the health of the referenced record set, which is healthy when
/// it has no health check).
fn evaluate_without_health<'c>(
    endpoints: &'c BTreeMap<String, ir::Endpoint>,
    reach: &mut HealthReach<'c>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for endpoint in endpoints.values() {
        let (Some(eth), ir::Answer::Alias(alias)) =
            (endpoint.evaluate_target_health, &endpoint.answer)
        else {
            continue;
        };
        let ir::AliasTargetKind::Record { record_type } = alias.kind else {
            continue;
        };
        // The aliased type; an untyped alias serves the record that routes
        // to it, so every type of that name counts.
        let types: Vec<ir::RecordType> = match record_type {
            Some(t) => vec![t],
            None => ir::RecordType::ALL.to_vec(),
        };
        if types
            .iter()
            .any(|t| reach.record_can_fail(&alias.dns_name, *t))
        {
            continue;
        }
        diagnostics.push(
            Diagnostic::new(
                CheckCode::TargetWithoutHealth,
                eth,
                format!(
                    "endpoint `{}` evaluates the health of {}{}, which has no health information",
                    endpoint.name,
                    alias.dns_name,
                    record_type.map(|t| format!(" {t}")).unwrap_or_default()
                ),
            )
            .label("changes nothing: the target is always healthy")
            .with_secondary(endpoint.span, "endpoint defined here")
            .hint("attach health checks to the endpoints the aliased record routes to, or remove `evaluate_target_health`"),
        );
    }
}
