//! A resolution's [`Trace`] in words: one [`Step`] per choice, with the
//! choices beneath it nested. The zone target writes the steps as comments
//! above a flattened name ([`Words::brief`], for the client Route 53
//! cannot place); `steer explain` prints them with the detail a reader of
//! one answer wants ([`Words::detailed`]): why each member it passed over
//! is unhealthy, every weighted share, the distance ranking, the rules a
//! geolocation or CIDR policy fell through. Both use the same heads, so a
//! zone comment and an explanation of the same choice read alike.

use crate::aws::AliasKind;
use crate::check::ir::{self, PolicyNode};
use crate::dns_name::relative;
use crate::semantics::resolve::{
    FailoverChoice, LeftOut, MemberOutcome, MemberPlace, MembersHealth, RuleMatch, UnionReason,
    WeightedReason,
};
use crate::semantics::{rules, StatusReason, Statuses, Trace};

/// One choice in words, with the choices beneath it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// What made the choice: `failover`, `geolocation`, `cidr`,
    /// `weighted`, `latency`, `geoproximity`, `multivalue`, `alias`,
    /// `endpoint`, `stay`, `rule`, `member`, `no-answer`.
    pub kind: &'static str,
    pub text: String,
    /// The member (or rule) that answered, where the step chose one.
    pub chosen: Option<String>,
    pub steps: Vec<Step>,
}

impl Step {
    fn leaf(kind: &'static str, text: String) -> Step {
        Step {
            kind,
            text,
            chosen: None,
            steps: Vec::new(),
        }
    }

    fn new(kind: &'static str, text: String, chosen: Option<String>, steps: Vec<Step>) -> Step {
        Step {
            kind,
            text,
            chosen,
            steps,
        }
    }
}

/// The steps as lines, each nested step indented by two more spaces.
pub fn lines(steps: &[Step]) -> Vec<String> {
    let mut out = Vec::new();
    push_lines(steps, 0, &mut out);
    out
}

fn push_lines(steps: &[Step], depth: usize, out: &mut Vec<String>) {
    for step in steps {
        out.push(format!("{}{}", "  ".repeat(depth), step.text));
        push_lines(&step.steps, depth + 1, out);
    }
}

/// Renders traces of one zone's resolutions.
pub struct Words<'a> {
    zone: &'a str,
    detail: Option<Detail<'a>>,
}

/// What the detailed wording reads besides the trace.
struct Detail<'a> {
    config: &'a ir::Config,
    statuses: &'a dyn CheckStatus,
}

/// What the detailed wording asks of a scenario's statuses. A trait
/// object, so that `Words` need not carry the statuses' own lifetime
/// (`Statuses` keeps a memo of borrowed names, which makes it invariant).
trait CheckStatus {
    fn is_healthy(&self, check: &str) -> bool;
    fn get(&self, check: &str) -> Option<crate::semantics::Status>;
}

impl CheckStatus for Statuses<'_> {
    fn is_healthy(&self, check: &str) -> bool {
        Statuses::is_healthy(self, check)
    }

    fn get(&self, check: &str) -> Option<crate::semantics::Status> {
        Statuses::get(self, check)
    }
}

impl<'a> Words<'a> {
    /// The zone file's wording: one step per choice; a plain answer (a
    /// record set's own data, an endpoint's addresses) has none.
    pub fn brief(zone: &'a str) -> Self {
        Words { zone, detail: None }
    }

    /// `steer explain`'s wording: the brief steps, and beneath them why
    /// each member passed over is unhealthy (from `statuses`), the
    /// endpoints that answer, weighted shares, distance rankings and
    /// the rules fallen through.
    pub fn detailed(config: &'a ir::Config, statuses: &'a Statuses<'_>) -> Self {
        Words {
            zone: &config.zone.name,
            detail: Some(Detail { config, statuses }),
        }
    }

    /// The steps that explain `trace`.
    pub fn steps(&self, trace: &Trace) -> Vec<Step> {
        let zone = self.zone;
        match trace {
            Trace::Records => match &self.detail {
                Some(_) => vec![Step::leaf("records", "the record set's own data".into())],
                None => Vec::new(),
            },
            Trace::Endpoint { endpoint } => match &self.detail {
                Some(_) => vec![Step::leaf(
                    "endpoint",
                    format!("endpoint {}: {}", endpoint.name, endpoint_answer(endpoint)),
                )],
                None => Vec::new(),
            },
            Trace::Undefined { fqdn, record_type } => vec![Step::leaf(
                "no-answer",
                format!(
                    "{} {record_type} is not defined: no answer",
                    relative(fqdn, zone)
                ),
            )],
            Trace::AliasLoop => vec![Step::leaf("no-answer", "alias loop: no answer".into())],
            Trace::Stayed { member, within } => {
                let mut steps = vec![Step::leaf(
                    "stay",
                    format!(
                        "{} is marked `stay`: answered although nothing in it is healthy",
                        member.label()
                    ),
                )];
                steps.extend(self.steps(within));
                steps
            }
            // One step names the pool; the pool's policy is beneath it.
            Trace::Pool { pool, within } => vec![Step::new(
                "pool",
                format!("via pool {pool}"),
                Some(pool.to_string()),
                self.steps(within),
            )],
            Trace::Checked {
                member,
                check,
                check_healthy,
                within,
            } => {
                let text = if *check_healthy {
                    format!(
                        "{}: its check {check} is healthy and decides alone (`alone`): \
                         answered although nothing in it is healthy",
                        member.label()
                    )
                } else {
                    format!(
                        "{}: its check {check} is down, so its parent sees it unhealthy",
                        member.label()
                    )
                };
                let mut steps = vec![Step::leaf("check", text)];
                steps.extend(self.steps(within));
                steps
            }
            Trace::UnknownEndpoint { name } => vec![Step::leaf(
                "no-answer",
                format!("endpoint {name} is not defined"),
            )],
            Trace::AwsAlias {
                endpoint,
                kind,
                target,
            } => vec![Step::leaf(
                "alias",
                format!(
                    "endpoint {}, {} -> CNAME to {target}.",
                    endpoint.name,
                    describe_alias(*kind)
                ),
            )],
            Trace::RecordAlias {
                endpoint,
                fqdn,
                record_type,
                target,
                evaluates_health,
            } => {
                let within = self.steps(&target.trace);
                let what = match (&self.detail, within.is_empty()) {
                    (Some(_), _) if *evaluates_health => {
                        "its answer (evaluating its health)".to_string()
                    }
                    (Some(_), _) => "its answer (not evaluating its health)".to_string(),
                    (None, true) => "its records".to_string(),
                    (None, false) => "its flattened answer".to_string(),
                };
                vec![Step::new(
                    "alias",
                    format!(
                        "endpoint {}, an alias to {} {record_type} -> {what}",
                        endpoint.name,
                        relative(fqdn, zone)
                    ),
                    None,
                    within,
                )]
            }
            Trace::Failover {
                node,
                chosen,
                choice,
                within,
            } => {
                let reason = match choice {
                    FailoverChoice::PrimaryHealthy => "primary healthy",
                    FailoverChoice::SecondaryHealthy {
                        primary_answers: true,
                    } => "primary unhealthy, secondary healthy",
                    FailoverChoice::SecondaryHealthy {
                        primary_answers: false,
                    } => "primary has no answer, secondary healthy",
                    FailoverChoice::BothUnhealthy => {
                        "both unhealthy: Route 53 then answers with the primary"
                    }
                };
                let mut steps = Vec::new();
                if let (Some(detail), ir::RoutingPolicy::Failover { primary, secondary }) =
                    (&self.detail, &node.policy)
                {
                    if !matches!(choice, FailoverChoice::PrimaryHealthy) {
                        steps.push(detail.unhealthy("primary", primary));
                    }
                    if matches!(choice, FailoverChoice::BothUnhealthy) {
                        steps.push(detail.unhealthy("secondary", secondary));
                        steps.push(Step::leaf(
                            "rule",
                            "when the secondary is unhealthy too, Route 53 answers with the \
                             primary (API reference, ResourceRecordSet.Failover)"
                                .into(),
                        ));
                    }
                }
                steps.extend(self.steps(within));
                vec![Step::new(
                    "failover",
                    format!("{} -> {} ({reason})", summary(&node.policy), chosen.label()),
                    Some(chosen.label()),
                    steps,
                )]
            }
            Trace::Rule {
                node,
                why,
                chosen,
                fell_through,
            } => self.rule(node, why, chosen, fell_through),
            Trace::Weighted { node, choice } => {
                let Some(choice) = choice else {
                    return vec![Step::leaf(
                        "weighted",
                        format!("{} -> no answer", summary(&node.policy)),
                    )];
                };
                let context = match choice.why {
                    WeightedReason::AllZeroWeightsNoneHealthy => {
                        "every weight is 0 and no member is healthy, so Route 53 treats all as healthy; the first"
                    }
                    WeightedReason::AllZeroWeights => {
                        "every weight is 0, so Route 53 answers with the members equally; the first healthy one"
                    }
                    WeightedReason::Heaviest => "the healthy member with the highest weight",
                    WeightedReason::ZeroWeightFallback => {
                        "every member with a weight above 0 is unhealthy, so Route 53 answers with the weight-0 members"
                    }
                    WeightedReason::NoneHealthy => {
                        "no member is healthy, so Route 53 treats all as healthy; the highest weight"
                    }
                };
                let tie_note = if choice.tied_with.is_empty() {
                    String::new()
                } else {
                    let tied: Vec<String> = choice.tied_with.iter().map(|m| m.label()).collect();
                    format!("; tied with {}, first by name wins", tied.join(", "))
                };
                let mut steps = Vec::new();
                if self.detail.is_some() {
                    steps.extend(choice.shares.iter().map(|s| {
                        Step::leaf(
                            "member",
                            format!(
                                "{}: weight {}, {}, {} of answers",
                                s.member.label(),
                                s.weight,
                                if s.healthy { "healthy" } else { "unhealthy" },
                                percent(s.share.0, s.share.1)
                            ),
                        )
                    }));
                }
                steps.extend(self.steps(&choice.within));
                vec![Step::new(
                    "weighted",
                    format!(
                        "{} -> {} ({context}: the answer {} of clients get{tie_note})",
                        summary(&node.policy),
                        choice.member.label(),
                        percent(choice.share.0, choice.share.1)
                    ),
                    Some(choice.member.label()),
                    steps,
                )]
            }
            Trace::Nearest {
                node,
                ranking,
                chosen,
                none_healthy,
                within,
            } => {
                let label = ranking.get(*chosen).map_or("", |r| r.label.as_str());
                let why = if *none_healthy {
                    "no member is healthy, so Route 53 treats all as healthy: the nearest"
                } else {
                    "the nearest healthy member"
                };
                let mut steps = Vec::new();
                if self.detail.is_some() {
                    steps.extend(ranking.iter().enumerate().map(|(i, r)| {
                        let place = match &r.place {
                            MemberPlace::AwsRegion(code) => format!("in {code}"),
                            MemberPlace::Coordinates(p) => format!("at {p}"),
                            MemberPlace::Unknown(Some(code)) => {
                                format!("in {code}, whose location steer does not know")
                            }
                            MemberPlace::Unknown(None) => "at an unknown place".to_string(),
                        };
                        let distance = match (r.distance_km, r.biased_km) {
                            (Some(d), Some(b)) if r.bias != 0 => {
                                format!(", {} km, bias {} -> {} km", km(d), r.bias, km(b))
                            }
                            (Some(d), _) => format!(", {} km", km(d)),
                            _ => String::new(),
                        };
                        let health = match (r.healthy, r.answers) {
                            (true, _) => "healthy",
                            (false, true) => "unhealthy",
                            (false, false) => "no answer",
                        };
                        Step::leaf(
                            "member",
                            format!("{}. {} {place}{distance}: {health}", i + 1, r.label),
                        )
                    }));
                }
                steps.extend(self.steps(within));
                vec![Step::new(
                    policy_kind(&node.policy),
                    format!("{} -> {label} ({why})", summary(&node.policy)),
                    Some(label.to_string()),
                    steps,
                )]
            }
            Trace::Union {
                node,
                why,
                health,
                members,
            } => {
                let why = match why {
                    UnionReason::NoNearestRegion => {
                        "a client with no known location has no nearest region".to_string()
                    }
                    UnionReason::NoNearestMember => {
                        "a client with no known location is nearest to no member".to_string()
                    }
                    UnionReason::NoMemberLocated => "no member has a known location".to_string(),
                    UnionReason::Multivalue(limit) => {
                        format!("Route 53 answers with up to {limit} healthy records")
                    }
                };
                let head = match health {
                    MembersHealth::None => format!(
                        "all members' answers, merged (none is healthy, so Route 53 treats all as healthy; {why})"
                    ),
                    MembersHealth::All => format!("all members' answers, merged ({why})"),
                    MembersHealth::Some => {
                        format!("the healthy members' answers, merged ({why})")
                    }
                };
                let mut notes = Vec::new();
                for member in members {
                    let label = &member.label;
                    match &member.outcome {
                        MemberOutcome::Used(within) => notes.extend(self.steps(within)),
                        MemberOutcome::LeftOut(why) => notes.push(Step::leaf("member", match why {
                            LeftOut::Unhealthy => format!("{label} left out: unhealthy"),
                            LeftOut::NoAnswer => format!("{label} left out: no answer"),
                            LeftOut::OverLimit(limit) => format!(
                                "{label} left out: Route 53 answers with at most {limit} records"
                            ),
                            LeftOut::CnameBesideData(target) => format!(
                                "{label} left out: its answer is a CNAME to {target}., which cannot stand beside the other members' addresses"
                            ),
                            LeftOut::SecondCname { target, first } => format!(
                                "{label} left out: its answer is a CNAME to {target}., and a name holds one CNAME ({first}'s)"
                            ),
                        })),
                    }
                }
                vec![Step::new(
                    policy_kind(&node.policy),
                    format!("{} -> {head}", summary(&node.policy)),
                    None,
                    notes,
                )]
            }
        }
    }

    /// Geolocation and CIDR.
    fn rule(
        &self,
        node: &PolicyNode,
        why: &RuleMatch,
        chosen: &Option<(String, Box<Trace>)>,
        fell_through: &[crate::semantics::resolve::FellThrough],
    ) -> Vec<Step> {
        let kind = policy_kind(&node.policy);
        let (rule, no_rule) = match why {
            RuleMatch::NoKnownLocation => (
                "the rule for clients with no known location".to_string(),
                "a client with no known location matches no other rule".to_string(),
            ),
            RuleMatch::InNoBlock => (
                "the rule for clients in none of the collection's blocks".to_string(),
                "a client in none of the collection's blocks matches no other rule".to_string(),
            ),
            _ if self.detail.is_none() => (
                "the rule for the client's location".to_string(),
                "no rule covers the client's location".to_string(),
            ),
            RuleMatch::Location => (
                "the most specific rule that covers the client".to_string(),
                "no rule covers the client's location".to_string(),
            ),
            RuleMatch::Block { block, location } => (
                format!("the client's address is in {block}, of location {location}"),
                format!("no rule covers location {location}"),
            ),
            RuleMatch::CidrLocation { location } => (
                format!("the client is in location {location}"),
                format!("no rule covers location {location}"),
            ),
            RuleMatch::LocationWithoutRule { block, location } => {
                let at = match block {
                    Some(block) => format!("the client's address is in {block}, of location {location}, which has no rule here"),
                    None => format!("the client is in location {location}, which has no rule here"),
                };
                (at.clone(), at)
            }
        };
        let Some((label, within)) = chosen else {
            return vec![Step::leaf(
                kind,
                format!(
                    "{} -> no answer (no `default` rule, and {no_rule})",
                    summary(&node.policy)
                ),
            )];
        };
        let rule = match fell_through.first() {
            Some(first) if self.detail.is_some() => {
                format!("fell through from {}: no healthy answer there", first.label)
            }
            _ if self.detail.is_some() && *why == RuleMatch::Location && label == "default" => {
                "no other rule covers the client's location".to_string()
            }
            _ => rule,
        };
        let mut steps = Vec::new();
        if self.detail.is_some() {
            for f in fell_through {
                let why = match (&self.detail, f.within.as_ref()) {
                    (Some(detail), Trace::Endpoint { endpoint }) => {
                        detail.endpoint_why(endpoint, f.member.use_check(), false)
                    }
                    (Some(detail), Trace::Checked { check, .. }) => {
                        format!("check {}", detail.check_down(check))
                    }
                    _ => "no healthy answer".to_string(),
                };
                steps.push(Step::new(
                    "rule",
                    format!("{} rule: {why}, fell through", f.label),
                    None,
                    self.steps(&f.within),
                ));
            }
        }
        steps.extend(self.steps(within));
        vec![Step::new(
            kind,
            format!("{} -> {label} ({rule})", summary(&node.policy)),
            Some(label.clone()),
            steps,
        )]
    }
}

impl Detail<'_> {
    /// `primary dublin unhealthy: check dublin_up is down`.
    fn unhealthy(&self, role: &str, member: &PolicyNode) -> Step {
        let label = member.label();
        let why = match &member.policy {
            ir::RoutingPolicy::Endpoint(name) => match self.config.endpoints.get(name) {
                None => "not defined".to_string(),
                Some(endpoint) => self.endpoint_why(endpoint, member.use_check(), member.stays()),
            },
            _ => match rules::nested_member_check(member) {
                Some(check) if !self.statuses.is_healthy(check) => {
                    format!("check {}", self.check_down(check))
                }
                _ => "nothing beneath it has a healthy answer".to_string(),
            },
        };
        Step::leaf("member", format!("{role} {label} unhealthy: {why}"))
    }

    /// Why an endpoint member of a routed record is unhealthy:
    /// `check dublin_up is down`.
    fn endpoint_why(
        &self,
        endpoint: &ir::Endpoint,
        use_check: Option<&ir::UseCheck>,
        stays: bool,
    ) -> String {
        match rules::member_health_check(endpoint, use_check, true, stays) {
            Some(check) if !self.statuses.is_healthy(check) => {
                format!("check {}", self.check_down(check))
            }
            _ => match &endpoint.answer {
                ir::Answer::Alias(a) if matches!(a.kind, ir::AliasTargetKind::Record { .. }) => {
                    format!("its target {} has no healthy answer", a.dns_name)
                }
                _ => "no answer for this type".to_string(),
            },
        }
    }

    /// `dublin_up is down`, `both is unhealthy (1 of 2 children healthy,
    /// needs 2)`.
    fn check_down(&self, check: &str) -> String {
        let inverted = if self.config.checks.get(check).is_some_and(|c| c.inverted) {
            ", inverted"
        } else {
            ""
        };
        match self.statuses.get(check).map(|s| s.reason) {
            Some(StatusReason::Calculated {
                up,
                children,
                threshold,
            }) => format!(
                "{check} is unhealthy (calculated: {up} of {children} children healthy, needs {threshold}{inverted})"
            ),
            Some(StatusReason::Alarm(state)) => {
                format!("{check} is unhealthy (its alarm in {}{inverted})", state.as_str())
            }
            Some(StatusReason::Disabled) => format!("{check} is disabled and inverted"),
            Some(StatusReason::Unnamed) => format!("{check} is unhealthy (inverted)"),
            Some(StatusReason::Down) | None => format!("{check} is down"),
        }
    }
}

/// `203.0.113.10, 203.0.113.11`, `CNAME x.example.`, `alias to ...`.
fn endpoint_answer(endpoint: &ir::Endpoint) -> String {
    match &endpoint.answer {
        ir::Answer::Addresses { v4, v6 } => v4
            .iter()
            .map(ToString::to_string)
            .chain(v6.iter().map(ToString::to_string))
            .collect::<Vec<_>>()
            .join(", "),
        ir::Answer::Cname(target) => format!("CNAME {target}."),
        ir::Answer::Alias(alias) => format!("alias to {}.", alias.dns_name),
    }
}

/// Kilometres, rounded to a whole number.
fn km(d: f64) -> String {
    format!("{}", d.round() as i64)
}

/// The step kind of a policy: its keyword.
fn policy_kind(policy: &ir::RoutingPolicy) -> &'static str {
    use ir::RoutingPolicy as P;
    match policy {
        P::Endpoint(_) => "endpoint",
        P::Failover { .. } => "failover",
        P::Latency(_) => "latency",
        P::Geolocation(_) => "geolocation",
        P::Weighted(_) => "weighted",
        P::Multivalue(_) => "multivalue",
        P::Geoproximity(_) => "geoproximity",
        P::Cidr(_) => "cidr",
        P::Pool(_) => "pool",
    }
}

/// `95%`, or `about 33%` when the share is not a whole percentage.
pub fn percent(part: u32, total: u32) -> String {
    if total == 0 {
        return "0%".into();
    }
    let scaled = u64::from(part) * 100;
    let whole = scaled / u64::from(total);
    if scaled % u64::from(total) == 0 {
        format!("{whole}%")
    } else {
        let rounded = (scaled + u64::from(total) / 2) / u64::from(total);
        format!("about {rounded}%")
    }
}

/// "an ELB alias", "a CloudFront alias": short, for comments.
fn describe_alias(kind: AliasKind) -> &'static str {
    match kind {
        AliasKind::Elb => "an ELB alias",
        AliasKind::Nlb => "an NLB alias",
        AliasKind::CloudFront => "a CloudFront alias",
        AliasKind::S3Website => "an S3 website alias",
        AliasKind::ApiGateway => "an API Gateway alias",
        AliasKind::GlobalAccelerator => "a Global Accelerator alias",
        AliasKind::ElasticBeanstalk => "an Elastic Beanstalk alias",
    }
}

/// A one-line description of a policy and its members.
pub fn summary(policy: &ir::RoutingPolicy) -> String {
    use ir::RoutingPolicy as P;
    let list = |items: Vec<String>| items.join(", ");
    match policy {
        P::Endpoint(e) => format!("endpoint {e}"),
        P::Pool(p) => format!("pool {}", p.name),
        P::Failover { primary, secondary } => format!(
            "failover (primary {}, secondary {})",
            primary.label(),
            secondary.label()
        ),
        P::Latency(members) => format!(
            "latency ({})",
            list(
                members
                    .iter()
                    .map(|m| format!("{} in {}", m.target.label(), m.aws_region))
                    .collect()
            )
        ),
        P::Geolocation(rules) => format!(
            "geolocation ({})",
            list(rules.iter().map(|r| r.location.label()).collect())
        ),
        P::Weighted(members) => format!(
            "weighted ({})",
            list(
                members
                    .iter()
                    .map(|m| format!("{} {}", m.target.label(), m.weight))
                    .collect()
            )
        ),
        P::Multivalue(names) => format!("multivalue ({})", names.join(", ")),
        P::Geoproximity(members) => format!(
            "geoproximity ({})",
            list(members.iter().map(|m| m.target.label()).collect())
        ),
        P::Cidr(cidr) => {
            let (collection, rules) = (&cidr.collection, &cidr.rules);
            // The locations as sorted, then the default, as written.
            let mut names: Vec<String> = rules.iter().filter_map(|r| r.location.clone()).collect();
            if rules.iter().any(|r| r.location.is_none()) {
                names.push("default".into());
            }
            format!("cidr {collection} ({})", list(names))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages() {
        assert_eq!(percent(95, 100), "95%");
        assert_eq!(percent(1, 3), "about 33%");
        assert_eq!(percent(0, 0), "0%");
    }

    #[test]
    fn relative_names() {
        assert_eq!(relative("ex.com", "ex.com"), "@");
        assert_eq!(relative("www.ex.com", "ex.com"), "www");
        assert_eq!(relative("www.other.net", "ex.com"), "www.other.net.");
    }
}
