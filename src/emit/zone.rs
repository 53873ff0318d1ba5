//! The `zone` target: a BIND master file (RFC 1035 §5) for the zone.
//!
//! A zone file cannot route: it holds one fixed answer per name and type,
//! where Route 53 picks an answer per query from health checks and the
//! client's location. So this target *flattens* every routed record into
//! the answer Route 53 would give one particular client — a client Route 53
//! cannot place (no known location, in no CIDR block) — in one health
//! scenario: by default every check healthy, or with the checks given to
//! `steer build --target zone --assume-down CHECK...` failing. A comment
//! above each routed name says which policy was flattened and how, and the
//! file's header says that routing is flattened and in which scenario.
//!
//! # Health
//!
//! The scenario names the health checks whose *status* is unhealthy, as
//! Route 53 would show it; every other check is healthy, and:
//!
//! - a check named in the scenario is unhealthy (naming an `inverted`
//!   check says that its status is unhealthy, that is, that its probe
//!   succeeded);
//! - a calculated check that is not named is healthy when at least
//!   `threshold` of its children are (`all`: every child, `any`: one,
//!   `at_least(N, ...)`: N);
//! - CloudWatch-alarm and recovery-control checks are healthy unless named;
//! - a `disabled` check is healthy whatever the scenario says, because Route
//!   53 stops evaluating it and considers it healthy;
//! - `inverted` flips what steer computes for a check: the result of a
//!   calculated check, and the status of a disabled check (the AWS API
//!   reference: a disabled check is "always healthy ... If you want to stop
//!   routing traffic to a resource, change the value of Inverted").
//!
//! An endpoint is healthy when its check (if any) is healthy and, for an
//! alias to a record of this zone that evaluates target health (explicitly,
//! or as a failover member: `semantics::evaluates_target_health`), when that
//! record has a healthy answer. Route 53 evaluates an AWS resource's target
//! health itself; steer cannot know it, so an AWS alias counts as healthy.
//! A nested policy is healthy when it yields an answer from a healthy
//! member (Route 53 reaches it through an alias that evaluates target
//! health), and a member marked `stay` is healthy whenever it has an
//! answer.
//!
//! # Flattening
//!
//! For every policy, when *no* member is healthy Route 53 treats all of
//! them as healthy, and so does steer; the policy's answer then counts as
//! unhealthy for the policy around it.
//!
//! - **failover**: the primary if it is healthy, else the secondary if it is
//!   healthy; when both are unhealthy, Route 53 answers with the primary.
//! - **geolocation**: the `default` rule, which is where Route 53 sends a
//!   client it cannot place. Without a `default` such a client gets no
//!   answer: the name is left out, with a comment and a `no-answer`
//!   warning.
//! - **cidr**: the `default` rule (the client is in none of the
//!   collection's blocks), or no answer as for geolocation.
//! - **weighted**: the healthy member with the highest weight (ties: the
//!   first by label), that is the answer most clients get; the comment
//!   gives its share of answers. Weight-0 members only answer when every
//!   member with a weight above 0 is unhealthy, as in Route 53.
//! - **latency** and **geoproximity**: the union of the healthy members'
//!   answers. A client with no known location is near no region, so no
//!   member is more right than another; writing them all keeps every
//!   healthy region in service.
//! - **multivalue**: every healthy member, at most 8 (the first by name),
//!   addresses sorted.
//!
//! A union can only merge addresses (or other plain data). A member whose
//! answer is a CNAME (an alias target, see below) cannot stand beside
//! addresses or beside a CNAME to another target: when the members mix
//! both, the addresses are written; when all answer with CNAMEs, the first
//! member's (in the policy's order) is written. The comment names every
//! member left out and why.
//!
//! # Answers
//!
//! - An address endpoint answers with its IPv4 addresses for an A record
//!   and its IPv6 addresses for an AAAA record; a CNAME endpoint with its
//!   CNAME.
//! - An alias to an AWS resource (load balancer, CloudFront, ...) becomes a
//!   CNAME to the resource's DNS name, which is how the resource is reached
//!   without aliases. An S3 website alias becomes a CNAME to
//!   `<record name>.<website endpoint>`, the bucket's website host name. A
//!   CNAME answers queries of every type, so it stands for the name's A and
//!   AAAA records at once.
//! - A CNAME is impossible at the zone apex and beside other records of the
//!   same name (RFC 1034 §3.6.2), and a name holds at most one. Where an
//!   alias answer would need one of those, the record is left out, with a
//!   comment and an `alias-not-expressible` warning. Several records of one
//!   name (`A` and `AAAA`) that flatten to the same CNAME share one.
//! - An alias to a record of this zone answers with that record's
//!   flattened answer, recursively.
//!
//! TTLs: a routed record's answer has the record's TTL; an answer that
//! comes from an AWS alias has the zone's TTL (Route 53 uses the resource's
//! own TTL, which steer does not know); an answer that comes from an alias
//! to a record of this zone has that record's TTL. A union takes the
//! smallest TTL of the answers it merges.
//!
//! # The file
//!
//! - `$ORIGIN <zone>.` and `$TTL <zone ttl>`; then the records, each with an
//!   explicit TTL and class.
//! - SOA: MNAME is the first of the zone's `nameservers`, RNAME the SOA
//!   `email` (default `hostmaster.<zone>`); refresh, retry, expire and
//!   minimum from the zone's `soa` block (Route 53's defaults otherwise).
//!   The SOA and NS records have the zone's TTL. A zone without
//!   `nameservers` is an error (`zone-needs-nameservers`).
//! - **Serial**: `soa { serial N }` when set. Otherwise a hash of the
//!   zone's records: FNV-1a (32 bit) over every record in a canonical
//!   one-line form (`owner. TTL IN TYPE RDATA`, in file order, the SOA
//!   without its serial; comments excluded), folded into 1..=2147483647 as
//!   `hash % 2147483647 + 1`. Equal records give equal serials, so the same
//!   input always gives the same bytes, and a change to the records gives a
//!   different serial (barring a one-in-two-billion collision). The serial
//!   does not *increase*, though: secondaries that transfer the zone with
//!   AXFR/IXFR only when the serial grows need `soa { serial N }`.
//! - Owner names are relative to the origin (`@` is the apex); names in
//!   record data are absolute, with a trailing dot (the root `.` of a null
//!   MX or an SRV "no service" target stays `.`); internationalized names
//!   are written in punycode (`xn--…`), with a comment giving the Unicode
//!   form.
//! - TXT values are split into character-strings of at most 255 bytes, at
//!   UTF-8 character boundaries, each in double quotes; `"` and `\` are
//!   escaped with a backslash and every byte outside printable ASCII is
//!   written `\DDD` (decimal). A value of several strings is written over
//!   several lines in parentheses. CAA is `FLAGS TAG "VALUE"`, quoted the
//!   same way; SRV is `PRIORITY WEIGHT PORT TARGET.`.
//! - Names are in DNS canonical order (RFC 4034 §6.1: the apex first, then
//!   label by label from the right), with a blank line between names;
//!   within a name the apex's SOA and NS come first, then the types in the
//!   order A, AAAA, CNAME, MX, TXT, SRV, CAA, NS, PTR. Columns are aligned.
//! - Output is deterministic: the same configuration and scenario give the
//!   same bytes.
//!
//! # Host names (`not-a-host-name`)
//!
//! BIND loads a primary zone with `check-names primary fail` unless
//! `named.conf` says otherwise (the default options in BIND 9's
//! `bin/named/config.c`: `check-names primary fail; check-names secondary
//! warn; check-names response ignore;`), and then refuses the whole zone
//! when a name that must be a host name is not one: the owner of an A,
//! AAAA or MX record ("bad owner name (check-names)"), and the target of
//! an MX, SRV or NS record and the SOA's MNAME ("bad name (check-names)").
//! `named-checkzone` does the same with `-k fail` (its own default is
//! `warn`, see named-checkzone(1)). A host name (RFC 952, as relaxed by RFC
//! 1123 §2.1 to allow a leading digit) has labels of letters, digits and
//! `-`, not starting or ending with `-`; an owner may have a leading `*`
//! label. DNS itself allows `_` anywhere (RFC 2181 §11), so steer accepts
//! such names and the Route 53 targets serve them; the zone target warns
//! for each record it writes with such a name, so the user hears it before
//! a server refuses the zone.

use crate::aws::AliasKind;
use crate::check::ir::{self, PolicyNode, RData, RecordContent, RecordSet, RecordType};
use crate::diagnostic::{self, Diagnostic};
use crate::dns_name;
use crate::emit::EmitCode;
use crate::semantics;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::net::IpAddr;

/// Which checks to treat as failing (by steer check name); everything else
/// is healthy.
#[derive(Debug, Clone, Default)]
pub struct Scenario {
    pub down: BTreeSet<String>,
}

impl Scenario {
    /// Every check healthy.
    pub fn all_healthy() -> Self {
        Scenario::default()
    }

    /// The given checks down, every other check healthy.
    pub fn with_down<I, S>(checks: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Scenario {
            down: checks.into_iter().map(Into::into).collect(),
        }
    }

    /// The names in `down` that are not checks of `config` (sorted), for
    /// the CLI to reject with a did-you-mean before emitting.
    pub fn unknown_checks(&self, config: &ir::Config) -> Vec<String> {
        self.down
            .iter()
            .filter(|c| !config.checks.contains_key(*c))
            .cloned()
            .collect()
    }
}

/// A zone file: its suggested file name, its text, and the warnings met
/// while flattening.
#[derive(Debug, Clone)]
pub struct ZoneFile {
    /// `<zone ascii name>.zone`.
    pub file_name: String,
    pub text: String,
    pub warnings: Vec<Diagnostic>,
}

/// Writes the zone file of `config` with routing flattened for `scenario`
/// (see the module documentation). Fails only when the zone has no
/// `nameservers`.
pub fn emit(config: &ir::Config, scenario: &Scenario) -> Result<ZoneFile, Vec<Diagnostic>> {
    let zone = &config.zone;
    if zone.nameservers.is_empty() {
        return Err(vec![Diagnostic::new(
            EmitCode::ZoneNeedsNameservers,
            zone.span,
            format!(
                "zone `{}` has no `nameservers`, which a zone file needs for its SOA and NS records",
                zone.display_name
            ),
        )
        .label("no `nameservers`")
        .hint(
            "add the zone's name servers to the zone block, e.g. \
             `nameservers [\"ns-1.awsdns-01.org\", \"ns-513.awsdns-02.net\", ...]` \
             (for a Route 53 zone, its delegation set)",
        )]);
    }
    // A name server inside the zone needs an address in it (glue), or
    // resolvers cannot reach it and checkzone tools refuse the zone.
    let missing_glue: Vec<Diagnostic> = zone
        .nameservers
        .iter()
        .filter(|ns| crate::dns_name::is_subdomain_of(ns, &zone.name))
        .filter(|ns| {
            !config.records.iter().any(|r| {
                &r.fqdn == *ns && matches!(r.record_type, ir::RecordType::A | ir::RecordType::Aaaa)
            })
        })
        .map(|ns| {
            Diagnostic::new(
                EmitCode::NameserverWithoutAddress,
                zone.span,
                format!("name server {ns} is inside the zone but has no A or AAAA record in it"),
            )
            .label("the zone with that name server")
            .hint(format!(
                "add `record {} A [...]` for it, or use name servers outside the zone",
                ns.strip_suffix(&format!(".{}", zone.name)).unwrap_or(ns)
            ))
        })
        .collect();
    if !missing_glue.is_empty() {
        return Err(missing_glue);
    }
    let checks = evaluate_checks(config, scenario);
    let mut flattener = Flattener::new(config, &checks);
    let mut warnings = Vec::new();
    for ns in &zone.nameservers {
        if let Some(problem) = host_name_problem(ns, false) {
            warnings.push(not_a_host_name(
                zone.span,
                "a name server (in the SOA and NS records)",
                ns,
                &problem,
            ));
        }
    }

    // Records grouped by owner name, in DNS canonical order.
    let mut by_name: BTreeMap<Vec<Vec<u8>>, Vec<&RecordSet>> = BTreeMap::new();
    for record in &config.records {
        by_name
            .entry(canonical_key(&record.fqdn))
            .or_default()
            .push(record);
    }
    by_name.entry(canonical_key(&zone.name)).or_default();

    let mut groups = Vec::new();
    let mut any_routed = false;
    for records in by_name.values_mut() {
        records.sort_by_key(|r| type_rank(r.record_type));
        any_routed |= records
            .iter()
            .any(|r| matches!(r.content, RecordContent::Routed(_)));
        let fqdn = records
            .first()
            .map(|r| r.fqdn.clone())
            .unwrap_or_else(|| zone.name.clone());
        groups.push(name_group(
            &fqdn,
            records,
            config,
            &mut flattener,
            &mut warnings,
        ));
    }

    let serial = match zone.soa.serial {
        Some(s) => s,
        None => content_serial(&groups, zone),
    };
    let soa_rdata = soa_lines(zone, serial);
    let apex = groups
        .iter_mut()
        .find(|g| g.fqdn == zone.name)
        .expect("the apex group always exists");
    apex.items.iter_mut().for_each(|item| {
        for line in &mut item.lines {
            if let Line::Rr(rr) = line {
                if rr.rtype == "SOA" {
                    rr.rdata = soa_rdata.clone();
                }
            }
        }
    });

    let mut text = header(config, scenario, &checks, any_routed);
    text.push_str(&format!("$ORIGIN {}.\n", zone.name));
    text.push_str(&format!(
        "$TTL {} ; {}\n",
        zone.ttl,
        human_duration(zone.ttl)
    ));
    text.push_str(&render_groups(&groups));
    diagnostic::sort(&mut warnings);
    Ok(ZoneFile {
        file_name: format!("{}.zone", zone.name),
        text,
        warnings,
    })
}

// ---------------------------------------------------------------------------
// Health
// ---------------------------------------------------------------------------

/// Every check's status in the scenario: true is healthy.
fn evaluate_checks(config: &ir::Config, scenario: &Scenario) -> BTreeMap<String, bool> {
    let mut memo = HashMap::new();
    let mut stack = HashSet::new();
    config
        .checks
        .keys()
        .map(|name| {
            let healthy = check_status(config, scenario, name, &mut memo, &mut stack);
            (name.clone(), healthy)
        })
        .collect()
}

fn check_status(
    config: &ir::Config,
    scenario: &Scenario,
    name: &str,
    memo: &mut HashMap<String, bool>,
    stack: &mut HashSet<String>,
) -> bool {
    if let Some(&s) = memo.get(name) {
        return s;
    }
    let Some(check) = config.checks.get(name) else {
        return true;
    };
    // The IR is cycle-free; the guard only keeps a broken IR from recursing
    // forever.
    if !stack.insert(name.to_string()) {
        return true;
    }
    let healthy = if check.disabled {
        !check.inverted
    } else if scenario.down.contains(name) {
        false
    } else {
        match &check.kind {
            ir::HealthCheckKind::Calculated {
                children,
                threshold,
            } => {
                let up = children
                    .iter()
                    .filter(|c| check_status(config, scenario, c, memo, stack))
                    .count();
                (up as u64 >= u64::from(*threshold)) != check.inverted
            }
            _ => true,
        }
    };
    stack.remove(name);
    memo.insert(name.to_string(), healthy);
    healthy
}

// ---------------------------------------------------------------------------
// Flattening
// ---------------------------------------------------------------------------

/// What a routed name answers with once flattened.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Answer {
    /// Plain data: addresses, or any other record data (an alias to a
    /// plain record of this zone).
    Data(Vec<RData>),
    /// A CNAME to this absolute name (no trailing dot).
    Cname(String),
}

/// The flattened answer of a policy node, whether it came from a healthy
/// member, its TTL, and the explanation (comment lines, children indented
/// by two spaces).
#[derive(Debug, Clone)]
struct Flat {
    answer: Option<Answer>,
    healthy: bool,
    ttl: u32,
    lines: Vec<String>,
}

impl Flat {
    fn none(ttl: u32, line: String) -> Flat {
        Flat {
            answer: None,
            healthy: false,
            ttl,
            lines: vec![line],
        }
    }
}

struct Flattener<'a> {
    config: &'a ir::Config,
    checks: &'a BTreeMap<String, bool>,
    records: HashMap<(&'a str, RecordType), &'a RecordSet>,
    memo: HashMap<(String, RecordType), Flat>,
    visiting: HashSet<(String, RecordType)>,
}

fn indent(lines: &[String]) -> impl Iterator<Item = String> + '_ {
    lines.iter().map(|l| format!("  {l}"))
}

impl<'a> Flattener<'a> {
    fn new(config: &'a ir::Config, checks: &'a BTreeMap<String, bool>) -> Self {
        Flattener {
            config,
            checks,
            records: config
                .records
                .iter()
                .map(|r| ((r.fqdn.as_str(), r.record_type), r))
                .collect(),
            memo: HashMap::new(),
            visiting: HashSet::new(),
        }
    }

    /// The flattened answer of the record set `fqdn` `t` (memoized).
    fn record(&mut self, fqdn: &str, t: RecordType) -> Flat {
        let key = (fqdn.to_string(), t);
        if let Some(f) = self.memo.get(&key) {
            return f.clone();
        }
        let Some(record) = self.records.get(&(fqdn, t)).copied() else {
            return Flat::none(
                self.config.zone.ttl,
                format!("{} {t} is not defined: no answer", self.rel(fqdn)),
            );
        };
        if !self.visiting.insert(key.clone()) {
            return Flat::none(record.ttl, "alias loop: no answer".into());
        }
        let flat = match &record.content {
            RecordContent::Plain(rdata) => {
                let answer = match (t, rdata.first()) {
                    (RecordType::Cname, Some(RData::Cname(target))) => {
                        Some(Answer::Cname(target.clone()))
                    }
                    (_, Some(_)) => Some(Answer::Data(rdata.clone())),
                    (_, None) => None,
                };
                Flat {
                    healthy: answer.is_some(),
                    answer,
                    ttl: record.ttl,
                    lines: Vec::new(),
                }
            }
            RecordContent::Routed(node) => self.node(node, record, false),
        };
        self.visiting.remove(&key);
        self.memo.insert(key, flat.clone());
        flat
    }

    fn rel(&self, fqdn: &str) -> String {
        relative(fqdn, &self.config.zone.name)
    }

    /// The flattened answer of a policy node; `in_failover`: the node is
    /// a member of a failover policy (whose aliases evaluate target health
    /// by default).
    fn node(&mut self, node: &PolicyNode, record: &RecordSet, in_failover: bool) -> Flat {
        let mut flat = self.policy(node, record, in_failover);
        if node.stays() && !flat.healthy && flat.answer.is_some() {
            // The parent sees a `stay` member as healthy whatever is
            // beneath it (semantics::nested_alias_evaluates,
            // semantics::member_health_check).
            flat.healthy = true;
            flat.lines.insert(
                0,
                format!(
                    "{} is marked `stay`: answered although nothing in it is healthy",
                    node.label()
                ),
            );
        }
        flat
    }

    fn policy(&mut self, node: &PolicyNode, record: &RecordSet, in_failover: bool) -> Flat {
        use ir::RoutingPolicy as P;
        match &node.policy {
            P::Endpoint(name) => self.endpoint(name, record, in_failover, node.stays()),
            P::Failover { primary, secondary } => {
                let p = self.node(primary, record, true);
                let s = self.node(secondary, record, true);
                let primary_trouble = if p.answer.is_none() {
                    "primary has no answer"
                } else {
                    "primary unhealthy"
                };
                let (chosen, label, reason, healthy) = if p.healthy {
                    (p, primary.label(), "primary healthy".to_string(), true)
                } else if s.healthy {
                    (
                        s,
                        secondary.label(),
                        format!("{primary_trouble}, secondary healthy"),
                        true,
                    )
                } else {
                    (
                        p,
                        primary.label(),
                        "both unhealthy: Route 53 then answers with the primary".to_string(),
                        false,
                    )
                };
                let mut lines = vec![format!("{} -> {label} ({reason})", summary(&node.policy))];
                lines.extend(indent(&chosen.lines));
                Flat {
                    healthy: healthy && chosen.answer.is_some(),
                    answer: chosen.answer,
                    ttl: chosen.ttl,
                    lines,
                }
            }
            P::Geolocation(rules) => {
                let default = rules
                    .iter()
                    .find(|r| r.location == ir::GeoLocation::Default)
                    .map(|r| &r.target);
                self.default_rule(
                    node,
                    default,
                    record,
                    "the rule for clients with no known location",
                    "a client with no known location matches no other rule",
                )
            }
            P::Cidr { rules, .. } => {
                let default = rules
                    .iter()
                    .find(|r| r.location.is_none())
                    .map(|r| &r.target);
                self.default_rule(
                    node,
                    default,
                    record,
                    "the rule for clients in none of the collection's blocks",
                    "a client in none of the collection's blocks matches no other rule",
                )
            }
            P::Weighted(members) => self.weighted(node, members, record),
            P::Latency(members) => {
                let members: Vec<(String, &PolicyNode)> = members
                    .iter()
                    .map(|m| (m.target.label(), &m.target))
                    .collect();
                self.union(
                    node,
                    &members,
                    record,
                    "a client with no known location has no nearest region",
                    usize::MAX,
                )
            }
            P::Geoproximity(members) => {
                let members: Vec<(String, &PolicyNode)> = members
                    .iter()
                    .map(|m| (m.target.label(), &m.target))
                    .collect();
                self.union(
                    node,
                    &members,
                    record,
                    "a client with no known location is nearest to no member",
                    usize::MAX,
                )
            }
            P::Multivalue(names) => {
                let leaves: Vec<PolicyNode> = names
                    .iter()
                    .map(|n| PolicyNode {
                        policy: P::Endpoint(n.clone()),
                        stay: None,
                        span: node.span,
                    })
                    .collect();
                let members: Vec<(String, &PolicyNode)> =
                    names.iter().cloned().zip(leaves.iter()).collect();
                self.union(
                    node,
                    &members,
                    record,
                    "Route 53 answers with up to 8 healthy records",
                    8,
                )
            }
        }
    }

    fn endpoint(&mut self, name: &str, record: &RecordSet, in_failover: bool, stays: bool) -> Flat {
        let config = self.config;
        let Some(endpoint) = config.endpoints.get(name) else {
            return Flat::none(record.ttl, format!("endpoint {name} is not defined"));
        };
        let check_ok = endpoint
            .health_check
            .as_ref()
            .is_none_or(|c| self.checks.get(c).copied().unwrap_or(true));
        match &endpoint.answer {
            ir::Answer::Addresses { v4, v6 } => {
                let data: Vec<RData> = match record.record_type {
                    RecordType::A => v4.iter().copied().map(RData::A).collect(),
                    RecordType::Aaaa => v6.iter().copied().map(RData::Aaaa).collect(),
                    _ => Vec::new(),
                };
                let answer = (!data.is_empty()).then_some(Answer::Data(data));
                Flat {
                    healthy: check_ok && answer.is_some(),
                    answer,
                    ttl: record.ttl,
                    lines: Vec::new(),
                }
            }
            ir::Answer::Cname(target) => Flat {
                answer: Some(Answer::Cname(target.clone())),
                healthy: check_ok,
                ttl: record.ttl,
                lines: Vec::new(),
            },
            ir::Answer::Alias(alias) => match &alias.kind {
                ir::AliasTargetKind::Aws(kind) => {
                    let target = if *kind == AliasKind::S3Website
                        && alias.dns_name.starts_with("s3-website")
                    {
                        // The bucket is named like the record; its website
                        // host name is the bucket name under the endpoint.
                        format!("{}.{}", record.fqdn, alias.dns_name)
                    } else {
                        alias.dns_name.clone()
                    };
                    Flat {
                        lines: vec![format!(
                            "endpoint {name}, {} -> CNAME to {target}.",
                            describe_alias(*kind)
                        )],
                        answer: Some(Answer::Cname(target)),
                        healthy: check_ok,
                        ttl: config.zone.ttl,
                    }
                }
                ir::AliasTargetKind::Record { record_type } => {
                    let t = record_type.unwrap_or(record.record_type);
                    let target = self.record(&alias.dns_name, t);
                    let target_ok =
                        !semantics::evaluates_target_health(endpoint, in_failover, stays)
                            || target.healthy;
                    let what = if target.lines.is_empty() {
                        "its records"
                    } else {
                        "its flattened answer"
                    };
                    let mut lines = vec![format!(
                        "endpoint {name}, an alias to {} {t} -> {what}",
                        self.rel(&alias.dns_name)
                    )];
                    lines.extend(indent(&target.lines));
                    Flat {
                        healthy: check_ok && target_ok && target.answer.is_some(),
                        answer: target.answer,
                        ttl: target.ttl,
                        lines,
                    }
                }
            },
        }
    }

    fn default_rule(
        &mut self,
        node: &PolicyNode,
        default: Option<&PolicyNode>,
        record: &RecordSet,
        why: &str,
        none_why: &str,
    ) -> Flat {
        match default {
            Some(target) => {
                let f = self.node(target, record, false);
                let mut lines = vec![format!("{} -> default ({why})", summary(&node.policy))];
                lines.extend(indent(&f.lines));
                Flat { lines, ..f }
            }
            None => Flat::none(
                record.ttl,
                format!(
                    "{} -> no answer (no `default` rule, and {none_why})",
                    summary(&node.policy)
                ),
            ),
        }
    }

    fn weighted(
        &mut self,
        node: &PolicyNode,
        members: &[ir::WeightedMember],
        record: &RecordSet,
    ) -> Flat {
        let results: Vec<(String, u8, Flat)> = members
            .iter()
            .map(|m| {
                (
                    m.target.label(),
                    m.weight,
                    self.node(&m.target, record, false),
                )
            })
            .collect();
        let heavy_healthy: Vec<usize> = (0..results.len())
            .filter(|&i| results[i].1 > 0 && results[i].2.healthy)
            .collect();
        let zero_healthy: Vec<usize> = (0..results.len())
            .filter(|&i| results[i].1 == 0 && results[i].2.healthy)
            .collect();
        let all_zero = results.iter().all(|r| r.1 == 0);
        let (candidates, healthy, context) = if all_zero {
            // Route 53 answers with every member equally when all weights
            // are 0 (and, as always, with all of them when none is healthy).
            let healthy: Vec<usize> = (0..results.len())
                .filter(|&i| results[i].2.healthy)
                .collect();
            if healthy.is_empty() {
                (
                    (0..results.len()).collect(),
                    false,
                    "every weight is 0 and no member is healthy, so Route 53 treats all as healthy; the first",
                )
            } else {
                (healthy, true, "every weight is 0, so Route 53 answers with the members equally; the first healthy one")
            }
        } else if !heavy_healthy.is_empty() {
            (
                heavy_healthy,
                true,
                "the healthy member with the highest weight",
            )
        } else if !zero_healthy.is_empty() {
            (
                zero_healthy,
                true,
                "every member with a weight above 0 is unhealthy, so Route 53 answers with the weight-0 members",
            )
        } else {
            (
                (0..results.len()).filter(|&i| results[i].1 > 0).collect(),
                false,
                "no member is healthy, so Route 53 treats all as healthy; the highest weight",
            )
        };
        let Some(&pick) = candidates.iter().max_by(|&&a, &&b| {
            // Highest weight; on a tie the first by label (members are
            // sorted by label), hence the reversed index comparison.
            results[a].1.cmp(&results[b].1).then(b.cmp(&a))
        }) else {
            return Flat::none(
                record.ttl,
                format!("{} -> no answer", summary(&node.policy)),
            );
        };
        let total: u32 = candidates.iter().map(|&i| u32::from(results[i].1)).sum();
        let share = if total == 0 {
            percent(1, candidates.len() as u32)
        } else {
            percent(u32::from(results[pick].1), total)
        };
        let (label, weight, chosen) = &results[pick];
        let tie = candidates
            .iter()
            .filter(|&&i| i != pick && results[i].1 == *weight)
            .map(|&i| results[i].0.as_str())
            .collect::<Vec<_>>();
        let tie_note = if tie.is_empty() {
            String::new()
        } else {
            format!("; tied with {}, first by name wins", tie.join(", "))
        };
        let mut lines = vec![format!(
            "{} -> {label} ({context}: the answer {share} of clients get{tie_note})",
            summary(&node.policy)
        )];
        lines.extend(indent(&chosen.lines));
        Flat {
            answer: chosen.answer.clone(),
            healthy: healthy && chosen.answer.is_some(),
            ttl: chosen.ttl,
            lines,
        }
    }

    /// Latency, geoproximity and multivalue: the merged answers of the
    /// healthy members (of all members when none is healthy).
    fn union(
        &mut self,
        node: &PolicyNode,
        members: &[(String, &PolicyNode)],
        record: &RecordSet,
        why: &str,
        limit: usize,
    ) -> Flat {
        let results: Vec<(String, Flat)> = members
            .iter()
            .map(|(label, n)| (label.clone(), self.node(n, record, false)))
            .collect();
        let any_healthy = results.iter().any(|(_, f)| f.healthy);

        // Merge: plain data unions; a CNAME only stands alone. `notes` are
        // the per-member comment lines, in the policy's order.
        let has_data = results
            .iter()
            .any(|(_, f)| (f.healthy || !any_healthy) && matches!(f.answer, Some(Answer::Data(_))));
        let mut data: Vec<RData> = Vec::new();
        let mut cname: Option<(&str, &str)> = None;
        let mut ttl: Option<u32> = None;
        let mut taken = 0;
        let mut notes: Vec<String> = Vec::new();
        for (label, f) in &results {
            if any_healthy && !f.healthy {
                notes.push(match f.answer {
                    Some(_) => format!("{label} left out: unhealthy"),
                    None => format!("{label} left out: no answer"),
                });
                continue;
            }
            let used = match &f.answer {
                None => {
                    notes.push(format!("{label} left out: no answer"));
                    false
                }
                Some(_) if taken == limit => {
                    notes.push(format!(
                        "{label} left out: Route 53 answers with at most {limit} records"
                    ));
                    false
                }
                Some(Answer::Data(d)) => {
                    for r in d {
                        if !data.contains(r) {
                            data.push(r.clone());
                        }
                    }
                    true
                }
                Some(Answer::Cname(target)) if has_data => {
                    notes.push(format!(
                        "{label} left out: its answer is a CNAME to {target}., which cannot stand beside the other members' addresses"
                    ));
                    false
                }
                Some(Answer::Cname(target)) => match cname {
                    None => {
                        cname = Some((label, target));
                        true
                    }
                    Some((_, first)) if first == target => true,
                    Some((first_label, _)) => {
                        notes.push(format!(
                            "{label} left out: its answer is a CNAME to {target}., and a name holds one CNAME ({first_label}'s)"
                        ));
                        false
                    }
                },
            };
            if used {
                taken += 1;
                ttl = Some(ttl.map_or(f.ttl, |t| t.min(f.ttl)));
                notes.extend(f.lines.iter().cloned());
            }
        }
        sort_addresses(&mut data);
        let answer = if has_data {
            Some(Answer::Data(data))
        } else {
            cname.map(|(_, t)| Answer::Cname(t.to_string()))
        };
        let head = if !any_healthy {
            format!("all members' answers, merged (none is healthy, so Route 53 treats all as healthy; {why})")
        } else if results.iter().all(|(_, f)| f.healthy) {
            format!("all members' answers, merged ({why})")
        } else {
            format!("the healthy members' answers, merged ({why})")
        };
        let mut lines = vec![format!("{} -> {head}", summary(&node.policy))];
        lines.extend(indent(&notes));
        Flat {
            healthy: any_healthy && answer.is_some(),
            answer,
            ttl: ttl.unwrap_or(record.ttl),
            lines,
        }
    }
}

/// `95%`, or `about 33%` when the share is not a whole percentage.
fn percent(part: u32, total: u32) -> String {
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

/// Addresses in numeric order (v4 before v6); other data keeps its order.
fn sort_addresses(data: &mut [RData]) {
    if data
        .iter()
        .all(|r| matches!(r, RData::A(_) | RData::Aaaa(_)))
    {
        data.sort_by_key(|r| match r {
            RData::A(a) => IpAddr::V4(*a),
            RData::Aaaa(a) => IpAddr::V6(*a),
            _ => unreachable!("only addresses"),
        });
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
fn summary(policy: &ir::RoutingPolicy) -> String {
    use ir::RoutingPolicy as P;
    let list = |items: Vec<String>| items.join(", ");
    match policy {
        P::Endpoint(e) => format!("endpoint {e}"),
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
        P::Cidr { collection, rules } => {
            // The locations as sorted, then the default, as written.
            let mut names: Vec<String> = rules.iter().filter_map(|r| r.location.clone()).collect();
            if rules.iter().any(|r| r.location.is_none()) {
                names.push("default".into());
            }
            format!("cidr {collection} ({})", list(names))
        }
    }
}

// ---------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------

/// The zone-relative form of an absolute ASCII name: `@` for the apex.
fn relative(fqdn: &str, zone: &str) -> String {
    if fqdn == zone {
        "@".into()
    } else if let Some(rel) = fqdn
        .strip_suffix(zone)
        .and_then(|r| r.strip_suffix('.'))
        .filter(|r| !r.is_empty())
    {
        rel.into()
    } else {
        format!("{fqdn}.")
    }
}

/// An rdata name: absolute with a trailing dot; the root stays `.`.
fn absolute(name: &str) -> String {
    if name == "." || name.is_empty() {
        ".".into()
    } else {
        format!("{name}.")
    }
}

/// RFC 4034 §6.1 canonical order: labels compared from the right, as
/// lower-cased octet strings.
fn canonical_key(fqdn: &str) -> Vec<Vec<u8>> {
    fqdn.split('.')
        .rev()
        .map(|l| l.as_bytes().to_ascii_lowercase())
        .collect()
}

fn type_rank(t: RecordType) -> usize {
    RecordType::ALL
        .iter()
        .position(|x| *x == t)
        .unwrap_or(usize::MAX)
}

// ---------------------------------------------------------------------------
// Presentation of record data
// ---------------------------------------------------------------------------

/// The largest character-string (RFC 1035 §3.3).
const TXT_CHUNK: usize = 255;

/// A TXT value as quoted character-strings of at most 255 bytes each,
/// split at UTF-8 character boundaries; an empty value is one empty string.
fn txt_strings(text: &str) -> Vec<String> {
    let mut chunks = Vec::new();
    let mut start = 0;
    let mut end = 0;
    for (i, c) in text.char_indices() {
        if i + c.len_utf8() - start > TXT_CHUNK {
            chunks.push(&text[start..end]);
            start = i;
        }
        end = i + c.len_utf8();
    }
    if start < text.len() || chunks.is_empty() {
        chunks.push(&text[start..]);
    }
    chunks.into_iter().map(quote).collect()
}

/// One quoted character-string: `"` and `\` escaped with a backslash, bytes
/// outside printable ASCII as `\DDD` (decimal).
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for &b in s.as_bytes() {
        match b {
            b'"' | b'\\' => {
                out.push('\\');
                out.push(b as char);
            }
            0x20..=0x7e => out.push(b as char),
            _ => out.push_str(&format!("\\{b:03}")),
        }
    }
    out.push('"');
    out
}

/// Record data in presentation form: one string per line (TXT values of
/// several strings span lines in parentheses).
fn rdata_lines(rdata: &RData) -> Vec<String> {
    match rdata {
        RData::A(a) => vec![a.to_string()],
        RData::Aaaa(a) => vec![a.to_string()],
        RData::Cname(n) | RData::Ns(n) | RData::Ptr(n) => vec![absolute(n)],
        RData::Mx {
            preference,
            exchange,
        } => vec![format!("{preference} {}", absolute(exchange))],
        RData::Txt(text) => {
            let strings = txt_strings(text);
            if strings.len() == 1 {
                return strings;
            }
            let last = strings.len() - 1;
            strings
                .into_iter()
                .enumerate()
                .map(|(i, s)| match i {
                    0 => format!("( {s}"),
                    i if i == last => format!("  {s} )"),
                    _ => format!("  {s}"),
                })
                .collect()
        }
        RData::Srv {
            priority,
            weight,
            port,
            target,
        } => vec![format!("{priority} {weight} {port} {}", absolute(target))],
        RData::Caa { flags, tag, value } => vec![format!("{flags} {tag} {}", quote(value))],
    }
}

// ---------------------------------------------------------------------------
// Building the file
// ---------------------------------------------------------------------------

#[derive(Debug, Clone)]
struct Rr {
    ttl: u32,
    rtype: &'static str,
    /// The data, one string per output line.
    rdata: Vec<String>,
}

#[derive(Debug, Clone)]
enum Line {
    Comment(String),
    Rr(Rr),
}

/// One record set (or the comment standing for a left-out one) with its
/// comments, in the order it is written within its name.
#[derive(Debug)]
struct Item {
    rank: usize,
    lines: Vec<Line>,
}

#[derive(Debug)]
struct Group {
    fqdn: String,
    owner: String,
    items: Vec<Item>,
}

/// Why `name` (ASCII form, no trailing dot) is not a host name as BIND's
/// `check-names` defines it (see the module docs), or `None` when it is.
/// `owner`: the leftmost label may be the wildcard `*`.
fn host_name_problem(name: &str, owner: bool) -> Option<String> {
    let mut labels = name.split('.').enumerate();
    labels.find_map(|(i, label)| {
        if owner && i == 0 && label == "*" {
            None
        } else if label.contains('_') {
            Some(format!("its label `{label}` has a `_`"))
        } else if label.starts_with('-') || label.ends_with('-') {
            Some(format!(
                "its label `{label}` {} with `-`",
                if label.starts_with('-') {
                    "starts"
                } else {
                    "ends"
                }
            ))
        } else {
            None
        }
    })
}

/// A `not-a-host-name` warning: `what` must be a host name (`an MX
/// target`), `name` is not, for `problem`.
fn not_a_host_name(span: crate::source::Span, what: &str, name: &str, problem: &str) -> Diagnostic {
    Diagnostic::new(
        EmitCode::NotAHostName,
        span,
        format!(
            "BIND refuses this zone file by default: {what} must be a host name, and {name} is not ({problem})"
        ),
    )
    .label("not a host name")
    .hint(
        "rename it with letters, digits and inner `-` only; or, to serve the name from BIND as it is, \
         relax the check in named.conf: `check-names primary warn;` (or `ignore`) in the options, \
         or `check-names warn;` in the zone's statement",
    )
}

/// `not-a-host-name` warnings for one record written to the zone file with
/// `data`: its owner for A, AAAA and MX, its targets for MX, SRV and NS.
fn check_host_names(record: &RecordSet, data: &[RData], warnings: &mut Vec<Diagnostic>) {
    let owner_is_host = matches!(
        record.record_type,
        RecordType::A | RecordType::Aaaa | RecordType::Mx
    );
    if owner_is_host {
        if let Some(problem) = host_name_problem(&record.fqdn, true) {
            let what = match record.record_type {
                RecordType::A => "the owner of an A record",
                RecordType::Aaaa => "the owner of an AAAA record",
                _ => "the owner of an MX record",
            };
            warnings.push(not_a_host_name(record.span, what, &record.fqdn, &problem));
        }
    }
    let mut targets: BTreeSet<&str> = BTreeSet::new();
    for rdata in data {
        match rdata {
            RData::Mx { exchange, .. } => targets.insert(exchange),
            RData::Srv { target, .. } => targets.insert(target),
            RData::Ns(target) => targets.insert(target),
            _ => false,
        };
    }
    for target in targets {
        if let Some(problem) = host_name_problem(target, false) {
            let what = match record.record_type {
                RecordType::Mx => "an MX target",
                RecordType::Srv => "an SRV target",
                _ => "an NS target",
            };
            warnings.push(not_a_host_name(record.span, what, target, &problem));
        }
    }
}

fn rr_lines(ttl: u32, t: RecordType, rdata: &[RData]) -> Vec<Line> {
    rdata
        .iter()
        .map(|r| {
            Line::Rr(Rr {
                ttl,
                rtype: t.as_str(),
                rdata: rdata_lines(r),
            })
        })
        .collect()
}

/// The comment lines explaining a routed record's flattening.
fn explain(record: &RecordSet, flat: &Flat) -> Vec<Line> {
    let mut lines = flat.lines.clone();
    if lines.is_empty() {
        if let RecordContent::Routed(node) = &record.content {
            lines.push(summary(&node.policy));
        }
    }
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                Line::Comment(format!("{} {}: {l}", record.name, record.record_type))
            } else {
                Line::Comment(l.clone())
            }
        })
        .collect()
}

/// Every record set of one owner name.
fn name_group(
    fqdn: &str,
    records: &[&RecordSet],
    config: &ir::Config,
    flattener: &mut Flattener,
    warnings: &mut Vec<Diagnostic>,
) -> Group {
    let zone = &config.zone;
    let apex = fqdn == zone.name;
    let owner = relative(fqdn, &zone.name);
    let mut items = Vec::new();
    if apex {
        items.push(Item {
            rank: 0,
            lines: vec![Line::Rr(Rr {
                ttl: zone.ttl,
                rtype: "SOA",
                rdata: Vec::new(), // filled in once the serial is known
            })],
        });
        items.push(Item {
            rank: 1,
            lines: zone
                .nameservers
                .iter()
                .map(|ns| {
                    Line::Rr(Rr {
                        ttl: zone.ttl,
                        rtype: "NS",
                        rdata: vec![absolute(ns)],
                    })
                })
                .collect(),
        });
    }

    let flats: Vec<Option<Flat>> = records
        .iter()
        .map(|r| match &r.content {
            RecordContent::Plain(_) => None,
            RecordContent::Routed(_) => Some(flattener.record(&r.fqdn, r.record_type)),
        })
        .collect();
    // A CNAME standing for an alias answer of another type.
    let needs_cname = |r: &RecordSet, f: &Option<Flat>| {
        r.record_type != RecordType::Cname
            && matches!(
                f,
                Some(Flat {
                    answer: Some(Answer::Cname(_)),
                    ..
                })
            )
    };
    let other_types: Vec<&str> = records
        .iter()
        .zip(&flats)
        .filter(|(r, f)| {
            !needs_cname(r, f)
                && match f {
                    None => true,
                    Some(f) => f.answer.is_some(),
                }
        })
        .map(|(r, _)| r.record_type.as_str())
        .collect();
    let cname_targets: BTreeSet<&str> = records
        .iter()
        .zip(&flats)
        .filter(|(r, f)| needs_cname(r, f))
        .filter_map(|(_, f)| match f {
            Some(Flat {
                answer: Some(Answer::Cname(t)),
                ..
            }) => Some(t.as_str()),
            _ => None,
        })
        .collect();
    let cname_problem: Option<String> = if apex {
        Some("a CNAME cannot be at the zone apex".into())
    } else if !other_types.is_empty() {
        Some(format!(
            "a CNAME cannot stand beside the name's other records ({})",
            other_types.join(", ")
        ))
    } else if cname_targets.len() > 1 {
        Some(format!(
            "the name's records would need CNAMEs to different targets ({}), and a name holds one CNAME",
            cname_targets
                .iter()
                .map(|t| format!("{t}."))
                .collect::<Vec<_>>()
                .join(", ")
        ))
    } else {
        None
    };

    let mut shared_cname: Option<(Vec<Line>, u32, String)> = None;
    for (record, flat) in records.iter().zip(flats) {
        let rank = 10 + type_rank(record.record_type);
        let Some(flat) = flat else {
            let RecordContent::Plain(rdata) = &record.content else {
                unreachable!("plain records have no flattening")
            };
            check_host_names(record, rdata, warnings);
            items.push(Item {
                rank,
                lines: rr_lines(record.ttl, record.record_type, rdata),
            });
            continue;
        };
        let mut lines = explain(record, &flat);
        match &flat.answer {
            None => {
                lines.push(Line::Comment(format!(
                    "no answer: this zone file has no {} {} record",
                    record.name, record.record_type
                )));
                warnings.push(
                    Diagnostic::new(
                        EmitCode::NoAnswer,
                        record.span,
                        format!(
                            "in this health scenario `{}` {} has no answer for a client with no known location, so the zone file leaves it out",
                            record.name, record.record_type
                        ),
                    )
                    .label("no answer in the zone file")
                    .hint("add a `default` rule (`default => ENDPOINT`) so that clients with no known location get an answer"),
                );
                items.push(Item { rank, lines });
            }
            Some(Answer::Data(data)) => {
                check_host_names(record, data, warnings);
                lines.extend(rr_lines(flat.ttl, record.record_type, data));
                items.push(Item { rank, lines });
            }
            Some(Answer::Cname(target)) if record.record_type == RecordType::Cname => {
                lines.extend(rr_lines(
                    flat.ttl,
                    RecordType::Cname,
                    &[RData::Cname(target.clone())],
                ));
                items.push(Item { rank, lines });
            }
            Some(Answer::Cname(target)) => match &cname_problem {
                Some(problem) => {
                    lines.push(Line::Comment(format!(
                        "left out: {problem}, so this zone file has no {} {} record",
                        record.name, record.record_type
                    )));
                    warnings.push(
                        Diagnostic::new(
                            EmitCode::AliasNotExpressible,
                            record.span,
                            format!(
                                "`{}` {} answers through an alias with {target}, which a zone file can only write as a CNAME, and {problem}; the zone file leaves it out",
                                record.name, record.record_type
                            ),
                        )
                        .label("left out of the zone file")
                        .hint("a zone file has no aliases: serve this name from Route 53 (the terraform or cloudformation target), or route it to an endpoint with addresses"),
                    );
                    items.push(Item { rank, lines });
                }
                None => {
                    let entry =
                        shared_cname.get_or_insert_with(|| (Vec::new(), flat.ttl, target.clone()));
                    entry.0.extend(lines);
                    entry.1 = entry.1.min(flat.ttl);
                }
            },
        }
    }
    if let Some((mut lines, ttl, target)) = shared_cname {
        lines.extend(rr_lines(ttl, RecordType::Cname, &[RData::Cname(target)]));
        items.push(Item {
            rank: 10 + type_rank(RecordType::Cname),
            lines,
        });
    }
    items.sort_by_key(|i| i.rank);
    Group {
        fqdn: fqdn.to_string(),
        owner,
        items,
    }
}

/// The SOA's data lines, with the serial.
fn soa_lines(zone: &ir::Zone, serial: u32) -> Vec<String> {
    let mname = absolute(&zone.nameservers[0]);
    let rname = absolute(&zone.soa.rname);
    let serial_note = if zone.soa.serial.is_some() {
        "serial (set in the configuration)"
    } else {
        "serial (a hash of the records, see above)"
    };
    let field = |value: u32, note: &str| format!("  {value:<10} ; {note}");
    vec![
        format!("{mname} {rname} ("),
        field(serial, serial_note),
        field(
            zone.soa.refresh,
            &format!("refresh ({})", human_duration(zone.soa.refresh)),
        ),
        field(
            zone.soa.retry,
            &format!("retry ({})", human_duration(zone.soa.retry)),
        ),
        field(
            zone.soa.expire,
            &format!("expire ({})", human_duration(zone.soa.expire)),
        ),
        field(
            zone.soa.minimum,
            &format!(
                "minimum: negative-caching TTL ({})",
                human_duration(zone.soa.minimum)
            ),
        ),
        ")".to_string(),
    ]
}

/// FNV-1a, 32 bit.
fn fnv1a32(bytes: &[u8], mut hash: u32) -> u32 {
    for &b in bytes {
        hash ^= u32::from(b);
        hash = hash.wrapping_mul(16_777_619);
    }
    hash
}

const FNV_OFFSET: u32 = 2_166_136_261;

/// The serial when the configuration sets none: FNV-1a 32 over every record
/// in canonical one-line form (the SOA without its serial), folded into
/// 1..=2147483647.
fn content_serial(groups: &[Group], zone: &ir::Zone) -> u32 {
    let mut hash = FNV_OFFSET;
    for group in groups {
        for item in &group.items {
            for line in &item.lines {
                let Line::Rr(rr) = line else { continue };
                let data = if rr.rtype == "SOA" {
                    format!(
                        "{} {} {} {} {} {}",
                        absolute(&zone.nameservers[0]),
                        absolute(&zone.soa.rname),
                        zone.soa.refresh,
                        zone.soa.retry,
                        zone.soa.expire,
                        zone.soa.minimum
                    )
                } else {
                    rr.rdata
                        .iter()
                        .map(|s| s.trim().trim_start_matches("( ").trim_end_matches(" )"))
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                let canonical = format!(
                    "{} {} IN {} {data}\n",
                    absolute(&group.fqdn),
                    rr.ttl,
                    rr.rtype
                );
                hash = fnv1a32(canonical.as_bytes(), hash);
            }
        }
    }
    hash % 2_147_483_647 + 1
}

/// `60` → `1 minute`, `5400` → `1 hour 30 minutes`.
fn human_duration(secs: u32) -> String {
    if secs == 0 {
        return "0 seconds".into();
    }
    let units = [
        (86_400, "day"),
        (3_600, "hour"),
        (60, "minute"),
        (1, "second"),
    ];
    let mut rest = secs;
    let mut parts = Vec::new();
    for (size, name) in units {
        let n = rest / size;
        rest %= size;
        if n > 0 {
            parts.push(format!("{n} {name}{}", if n == 1 { "" } else { "s" }));
        }
    }
    parts.join(" ")
}

/// The names are aligned in a column this wide; longer names push their
/// line's other columns right.
const MAX_OWNER_COLUMN: usize = 32;

fn render_groups(groups: &[Group]) -> String {
    let rrs = || {
        groups.iter().flat_map(|g| {
            g.items
                .iter()
                .flat_map(|i| i.lines.iter())
                .filter_map(move |l| match l {
                    Line::Rr(rr) => Some((g, rr)),
                    Line::Comment(_) => None,
                })
        })
    };
    let owner_width = rrs()
        .map(|(g, _)| g.owner.len())
        .filter(|&w| w <= MAX_OWNER_COLUMN)
        .max()
        .unwrap_or(1);
    let ttl_width = rrs()
        .map(|(_, rr)| rr.ttl.to_string().len())
        .max()
        .unwrap_or(1);
    let type_width = rrs().map(|(_, rr)| rr.rtype.len()).max().unwrap_or(1);

    let mut out = String::new();
    for group in groups {
        out.push('\n');
        let unicode = dns_name::to_unicode(&group.owner);
        if unicode != group.owner {
            out.push_str(&format!("; {} is {unicode}\n", group.owner));
        }
        for item in &group.items {
            for line in &item.lines {
                match line {
                    Line::Comment(c) => {
                        out.push_str("; ");
                        out.push_str(c.trim_end());
                        out.push('\n');
                    }
                    Line::Rr(rr) => {
                        let prefix = format!(
                            "{:<ow$} {:>tw$} IN {:<yw$} ",
                            group.owner,
                            rr.ttl,
                            rr.rtype,
                            ow = owner_width,
                            tw = ttl_width,
                            yw = type_width
                        );
                        let column = prefix.len();
                        for (i, data) in rr.rdata.iter().enumerate() {
                            // Continuation lines keep their own indent
                            // relative to the data column.
                            if i == 0 {
                                out.push_str(&prefix);
                            } else {
                                out.push_str(&" ".repeat(column));
                            }
                            out.push_str(data.trim_end());
                            out.push('\n');
                        }
                    }
                }
            }
        }
    }
    out
}

/// The header comment: what the file is, that routing is flattened, the
/// health scenario, and how the serial is chosen.
fn header(
    config: &ir::Config,
    scenario: &Scenario,
    checks: &BTreeMap<String, bool>,
    any_routed: bool,
) -> String {
    let zone = &config.zone;
    let mut lines = vec![
        format!(
            "Zone file for {}, generated by steer. Do not edit it by hand:",
            dns_name::to_display(&zone.name)
        ),
        "change the .steer configuration and build again.".to_string(),
        String::new(),
    ];
    if any_routed {
        lines.extend(
            [
                "Routing is flattened. Route 53 picks the answer to a routed name per",
                "query, from health checks and the client's location; a zone file holds",
                "one fixed answer. Each routed name below holds the answer Route 53 would",
                "give a client with no known location in the health scenario below, and",
                "a comment above it says which policy was flattened and how.",
                "",
            ]
            .map(String::from),
        );
        lines.extend(scenario_lines(config, scenario, checks));
        lines.push(String::new());
    } else {
        lines.push("No name in this zone is routed: the records are exactly the".into());
        lines.push("configuration's.".into());
        lines.push(String::new());
    }
    if zone.soa.serial.is_none() {
        lines.extend(
            [
                "SOA serial: a hash of the records (the configuration sets no",
                "`soa { serial N }`). The same records always give the same serial and",
                "changed records a different one, but serials do not increase: set",
                "`soa { serial N }` if secondaries need them to.",
                "",
            ]
            .map(String::from),
        );
    }
    let mut out = String::new();
    for l in lines {
        if l.is_empty() {
            out.push_str(";\n");
        } else {
            out.push_str(&format!("; {l}\n"));
        }
    }
    // The last `;` separator line becomes a blank line before $ORIGIN.
    if out.ends_with(";\n") {
        out.truncate(out.len() - 2);
        out.push('\n');
    }
    out
}

fn scenario_lines(
    config: &ir::Config,
    scenario: &Scenario,
    checks: &BTreeMap<String, bool>,
) -> Vec<String> {
    let mut lines = Vec::new();
    if scenario.down.is_empty() {
        lines.push("Health scenario: every health check healthy.".to_string());
        // Disabled inverted checks are unhealthy even then.
        let unhealthy: Vec<&str> = checks
            .iter()
            .filter(|(_, h)| !**h)
            .map(|(n, _)| n.as_str())
            .collect();
        if !unhealthy.is_empty() {
            lines.push(format!(
                "Unhealthy all the same (disabled and inverted): {}.",
                unhealthy.join(", ")
            ));
        }
        return lines;
    }
    let known: Vec<&str> = scenario
        .down
        .iter()
        .filter(|c| config.checks.contains_key(*c))
        .map(String::as_str)
        .collect();
    let unknown: Vec<&str> = scenario
        .down
        .iter()
        .filter(|c| !config.checks.contains_key(*c))
        .map(String::as_str)
        .collect();
    lines.push(format!(
        "Health scenario: {} assumed down; every other check healthy.",
        if known.is_empty() {
            "no check of this zone".to_string()
        } else {
            known.join(", ")
        }
    ));
    if !unknown.is_empty() {
        lines.push(format!(
            "Not checks of this zone, ignored: {}.",
            unknown.join(", ")
        ));
    }
    let still_healthy: Vec<&str> = known
        .iter()
        .copied()
        .filter(|c| checks.get(*c).copied().unwrap_or(true))
        .collect();
    if !still_healthy.is_empty() {
        lines.push(format!(
            "Healthy all the same, being disabled (Route 53 treats a disabled check as healthy): {}.",
            still_healthy.join(", ")
        ));
    }
    let derived: Vec<String> = checks
        .iter()
        .filter(|(n, h)| !**h && !scenario.down.contains(*n))
        .map(|(n, _)| {
            let check = &config.checks[n];
            match &check.kind {
                ir::HealthCheckKind::Calculated {
                    children,
                    threshold,
                } if !check.disabled => {
                    let up = children
                        .iter()
                        .filter(|c| checks.get(*c).copied().unwrap_or(true))
                        .count();
                    let inverted = if check.inverted { ", inverted" } else { "" };
                    format!(
                        "{n} (calculated: {up} of {} children healthy, needs {threshold}{inverted})",
                        children.len()
                    )
                }
                _ => format!("{n} (disabled and inverted)"),
            }
        })
        .collect();
    if !derived.is_empty() {
        lines.push(format!("Unhealthy as a result: {}.", derived.join(", ")));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_escapes_quotes_backslashes_and_non_printables() {
        assert_eq!(quote(r#"say "hi""#), r#""say \"hi\"""#);
        assert_eq!(quote(r"C:\dir"), r#""C:\\dir""#);
        assert_eq!(quote("a\tb"), r#""a\009b""#);
        assert_eq!(quote("line1\nline2\r"), r#""line1\010line2\013""#);
        assert_eq!(quote("\u{7f}\u{0}"), r#""\127\000""#);
        // UTF-8 bytes, each as \DDD: é is C3 A9.
        assert_eq!(quote("café"), r#""caf\195\169""#);
        assert_eq!(quote("; ( ) $ @"), r#""; ( ) $ @""#);
        assert_eq!(quote(""), r#""""#);
    }

    /// The bytes a quoted string stands for.
    fn unquote(s: &str) -> Vec<u8> {
        let inner = s.strip_prefix('"').unwrap().strip_suffix('"').unwrap();
        let bytes = inner.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'\\' {
                if bytes[i + 1].is_ascii_digit() {
                    let n: u32 = inner[i + 1..i + 4].parse().unwrap();
                    out.push(u8::try_from(n).unwrap());
                    i += 4;
                } else {
                    out.push(bytes[i + 1]);
                    i += 2;
                }
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        out
    }

    fn round_trip(text: &str) -> Vec<String> {
        let strings = txt_strings(text);
        let mut joined = Vec::new();
        for s in &strings {
            let bytes = unquote(s);
            assert!(bytes.len() <= 255, "{} bytes in {s}", bytes.len());
            // Every piece is whole UTF-8: no character is cut in two.
            assert!(std::str::from_utf8(&bytes).is_ok(), "{s}");
            joined.extend(bytes);
        }
        assert_eq!(joined, text.as_bytes());
        strings
    }

    #[test]
    fn short_txt_is_one_string() {
        assert_eq!(round_trip("v=spf1 -all"), [r#""v=spf1 -all""#]);
        assert_eq!(round_trip(""), [r#""""#]);
    }

    #[test]
    fn long_txt_is_split_into_255_byte_strings() {
        let text = "x".repeat(2048);
        let strings = round_trip(&text);
        assert_eq!(strings.len(), 9);
        assert!(strings[..8].iter().all(|s| s.len() == 257));
        assert_eq!(strings[8].len(), 2048 - 8 * 255 + 2);
        // Exactly 255 bytes is one string; 256 is two.
        assert_eq!(round_trip(&"y".repeat(255)).len(), 1);
        assert_eq!(round_trip(&"y".repeat(256)).len(), 2);
    }

    #[test]
    fn splitting_counts_bytes_not_escapes() {
        // 255 quotes are 255 bytes (510 characters escaped): one string.
        let strings = round_trip(&"\"".repeat(255));
        assert_eq!(strings.len(), 1);
        assert_eq!(strings[0].len(), 2 + 510);
        let strings = round_trip(&"\\".repeat(300));
        assert_eq!(strings.len(), 2);
    }

    #[test]
    fn unicode_is_split_at_character_boundaries() {
        // é is 2 bytes: 127 of them (254 bytes) fit, the 128th would not.
        let strings = round_trip(&"é".repeat(200));
        assert_eq!(strings.len(), 2);
        assert_eq!(unquote(&strings[0]).len(), 254);
        // A 4-byte character straddling byte 255 moves to the next string.
        let text = format!("{}🦀tail", "a".repeat(253));
        let strings = round_trip(&text);
        assert_eq!(unquote(&strings[0]).len(), 253);
        assert!(unquote(&strings[1]).starts_with("🦀".as_bytes()));
    }

    #[test]
    fn tabs_and_newlines_in_long_values() {
        let text = "key=value;\tnext\n".repeat(40);
        let strings = round_trip(&text);
        assert!(strings
            .iter()
            .all(|s| !s.contains('\t') && !s.contains('\n')));
    }

    #[test]
    fn multi_string_txt_spans_lines_in_parentheses() {
        let lines = rdata_lines(&RData::Txt("z".repeat(600)));
        assert_eq!(lines.len(), 3);
        assert!(lines[0].starts_with("( \""));
        assert!(lines[1].starts_with("  \""));
        assert!(lines[2].ends_with("\" )"));
    }

    #[test]
    fn caa_and_srv_and_mx_presentation() {
        let caa = RData::Caa {
            flags: 0,
            tag: "issuewild".into(),
            value: ";".into(),
        };
        assert_eq!(rdata_lines(&caa), [r#"0 issuewild ";""#]);
        let srv = RData::Srv {
            priority: 0,
            weight: 0,
            port: 0,
            target: ".".into(),
        };
        assert_eq!(rdata_lines(&srv), ["0 0 0 ."]);
        let mx = RData::Mx {
            preference: 10,
            exchange: "mx1.example.com".into(),
        };
        assert_eq!(rdata_lines(&mx), ["10 mx1.example.com."]);
    }

    #[test]
    fn names() {
        assert_eq!(relative("example.com", "example.com"), "@");
        assert_eq!(relative("www.example.com", "example.com"), "www");
        assert_eq!(relative("badexample.com", "example.com"), "badexample.com.");
        let mut names = vec![
            "b.example",
            "example",
            "*.a.example",
            "a.example",
            "_x.example",
        ];
        names.sort_by_key(|n| canonical_key(n));
        assert_eq!(
            names,
            [
                "example",
                "_x.example",
                "a.example",
                "*.a.example",
                "b.example"
            ]
        );
    }

    #[test]
    fn durations_and_shares() {
        assert_eq!(human_duration(60), "1 minute");
        assert_eq!(human_duration(5400), "1 hour 30 minutes");
        assert_eq!(human_duration(1_209_600), "14 days");
        assert_eq!(percent(95, 100), "95%");
        assert_eq!(percent(1, 3), "about 33%");
    }

    #[test]
    fn serial_fold_stays_in_range() {
        for h in [0u32, 1, 2_147_483_646, 2_147_483_647, u32::MAX] {
            let s = h % 2_147_483_647 + 1;
            assert!((1..=2_147_483_647).contains(&s));
        }
        // FNV-1a test vector.
        assert_eq!(fnv1a32(b"a", FNV_OFFSET), 0xe40c_292c);
    }
}
