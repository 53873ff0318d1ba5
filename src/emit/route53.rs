//! Lowering a configuration into the record sets Route 53 needs, shared by
//! the Terraform and CloudFormation writers.
//!
//! Route 53 cannot nest routing policies. Like Traffic Flow, steer lowers a
//! nested policy into alias records: the member's record set (at the
//! parent's name, with the parent's routing) is an alias, with
//! evaluate-target-health, to a *generated name* where the nested policy's
//! own record sets live. Generated names are the member's label as a
//! leading underscore label on the parent's name:
//!
//! ```text
//! record shop A = geolocation { continent EU => failover { primary ireland  secondary frankfurt } ... }
//!
//! shop.example.com               A  geolocation continent-EU  alias → _continent-eu.shop.example.com
//! _continent-eu.shop.example.com A  failover primary   → ireland's addresses, ireland's check
//! _continent-eu.shop.example.com A  failover secondary → frankfurt's alias target
//! ```
//!
//! Every alias in a failover pair evaluates target health (except
//! CloudFront targets, which cannot), as do the aliases to generated
//! names: a failover must be able to see its members fail. A member marked
//! `stay` gets neither a health check nor evaluate-target-health, so its
//! parent never looks past it. The rules are [`crate::semantics`]'.
//!
//! Labels and set identifiers come from steer names (endpoint names, roles,
//! locations, regions), never from positions, so adding or reordering
//! members never renames the others.

use super::EmitCode;
use crate::check::ir::{self, RecordType, RoutingPolicy};
use crate::diagnostic::Diagnostic;
use crate::semantics;
use crate::source::Span;
use crate::syntax::ast::FailoverRole;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Route 53's limit on `SetIdentifier`.
const MAX_SET_IDENTIFIER: usize = 128;

/// Everything a Route 53 target writes for one zone.
#[derive(Debug)]
pub struct Plan<'c> {
    pub config: &'c ir::Config,
    /// Sorted by name.
    pub health_checks: Vec<&'c ir::HealthCheck>,
    /// Sorted by name, type and set identifier.
    pub record_sets: Vec<RecordSet>,
}

#[derive(Debug, Clone)]
pub struct RecordSet {
    /// Identifier parts derived from steer names, from which targets build
    /// resource names: the record's name as written, its type, then the
    /// member labels down to this set (`["shop", "A", "continent-EU", "primary"]`).
    pub key: Vec<String>,
    /// Fully qualified, ASCII, no trailing dot.
    pub name: String,
    pub record_type: RecordType,
    pub set_identifier: Option<String>,
    pub routing: Routing,
    /// The steer name of the health check Route 53 evaluates for this set.
    pub health_check: Option<String>,
    /// `None` for alias sets: Route 53 takes the target's TTL.
    pub ttl: Option<u32>,
    pub answer: SetAnswer,
    /// What produced this set, for comments (`www A: failover primary`).
    pub origin: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Routing {
    Simple,
    Failover(FailoverRole),
    Latency {
        aws_region: String,
    },
    Geolocation(ir::GeoLocation),
    Weighted(u8),
    Multivalue,
    Geoproximity {
        location: ir::GeoproximityLocation,
        bias: i8,
    },
    Cidr {
        collection: String,
        location: Option<String>,
    },
}

#[derive(Debug, Clone)]
pub enum SetAnswer {
    Values(Vec<ir::RData>),
    Alias(AliasAnswer),
}

#[derive(Debug, Clone)]
pub struct AliasAnswer {
    /// ASCII, no trailing dot.
    pub dns_name: String,
    /// `None`: this zone (an in-zone record or a generated name).
    pub hosted_zone_id: Option<String>,
    pub evaluate_target_health: bool,
    /// For aliases to this zone: the (name, type) aliased, which must be
    /// created first.
    pub in_zone_target: Option<(String, RecordType)>,
}

impl<'c> Plan<'c> {
    /// The indexes of the sets at a (name, type): the targets an in-zone
    /// alias depends on.
    pub fn sets_at(&self, name: &str, record_type: RecordType) -> Vec<usize> {
        self.record_sets
            .iter()
            .enumerate()
            .filter(|(_, s)| s.name == name && s.record_type == record_type)
            .map(|(i, _)| i)
            .collect()
    }
}

pub fn plan(config: &ir::Config) -> Result<Plan<'_>, Vec<Diagnostic>> {
    let mut lowering = Lowering {
        config,
        sets: Vec::new(),
        generated: BTreeMap::new(),
        diagnostics: Vec::new(),
    };
    for record in &config.records {
        lowering.record(record);
    }
    lowering.check_names();
    if lowering.diagnostics.iter().any(Diagnostic::is_error) {
        return Err(lowering.diagnostics);
    }
    let mut record_sets = lowering.sets;
    record_sets.sort_by(|a, b| {
        (&a.name, a.record_type, &a.set_identifier).cmp(&(
            &b.name,
            b.record_type,
            &b.set_identifier,
        ))
    });
    Ok(Plan {
        config,
        health_checks: config.checks.values().collect(),
        record_sets,
    })
}

struct Lowering<'c> {
    config: &'c ir::Config,
    sets: Vec<RecordSet>,
    /// Generated (name, type) → the record it was generated for.
    generated: BTreeMap<(String, RecordType), Span>,
    diagnostics: Vec<Diagnostic>,
}

/// A member's place: where its set goes and how the parent routes to it.
struct Place {
    name: String,
    key: Vec<String>,
    routing: Routing,
    set_identifier: Option<String>,
    origin: String,
}

impl<'c> Lowering<'c> {
    fn record(&mut self, record: &'c ir::RecordSet) {
        let key = vec![record.name.clone(), record.record_type.to_string()];
        let origin = format!("{} {}", record.name, record.record_type);
        match &record.content {
            ir::RecordContent::Plain(rdata) => self.sets.push(RecordSet {
                key,
                name: record.fqdn.clone(),
                record_type: record.record_type,
                set_identifier: None,
                routing: Routing::Simple,
                health_check: None,
                ttl: Some(record.ttl),
                answer: SetAnswer::Values(rdata.clone()),
                origin,
                span: record.span,
            }),
            ir::RecordContent::Routed(root) => {
                self.policy_at(record, root, &record.fqdn, &key, &origin)
            }
        }
    }

    /// Places a policy's members at `name` (the record's own name, or a
    /// generated one).
    fn policy_at(
        &mut self,
        record: &'c ir::RecordSet,
        node: &'c ir::PolicyNode,
        name: &str,
        key: &[String],
        origin: &str,
    ) {
        match &node.policy {
            RoutingPolicy::Endpoint(e) => {
                let place = Place {
                    name: name.to_string(),
                    key: key.to_vec(),
                    routing: Routing::Simple,
                    set_identifier: None,
                    origin: origin.to_string(),
                };
                self.endpoint_set(record, e, place, false);
            }
            RoutingPolicy::Multivalue(endpoints) => {
                for e in endpoints {
                    let place =
                        self.member_place(name, key, origin, "multivalue", e, Routing::Multivalue);
                    self.endpoint_set(record, e, place, false);
                }
            }
            policy => {
                for (label, member, routing) in members(policy) {
                    let place =
                        self.member_place(name, key, origin, policy.keyword(), &label, routing);
                    self.member(record, member, place);
                }
            }
        }
    }

    fn member_place(
        &self,
        name: &str,
        key: &[String],
        origin: &str,
        kind: &str,
        label: &str,
        routing: Routing,
    ) -> Place {
        let mut member_key = key.to_vec();
        member_key.push(label.to_string());
        Place {
            name: name.to_string(),
            key: member_key,
            routing,
            set_identifier: Some(label.to_string()),
            origin: format!("{origin}: {kind} {label}"),
        }
    }

    fn member(&mut self, record: &'c ir::RecordSet, member: &'c ir::PolicyNode, place: Place) {
        match &member.policy {
            RoutingPolicy::Endpoint(e) => self.endpoint_set(record, e, place, member.stays()),
            _ => {
                // A nested policy: alias to a generated name holding it.
                let label = place.set_identifier.clone().unwrap_or_default();
                // Below a wildcard the parent's `*` becomes `_wildcard`: a
                // `*` may only be the leftmost label of a name.
                let parent = match place.name.strip_prefix("*.") {
                    Some(rest) => format!("_wildcard.{rest}"),
                    None => place.name.clone(),
                };
                let generated = format!("_{}.{}", dns_label(&label), parent);
                self.sets.push(RecordSet {
                    key: place.key.clone(),
                    name: place.name.clone(),
                    record_type: record.record_type,
                    set_identifier: place.set_identifier.clone(),
                    routing: place.routing.clone(),
                    health_check: None,
                    ttl: None,
                    answer: SetAnswer::Alias(AliasAnswer {
                        dns_name: generated.clone(),
                        hosted_zone_id: None,
                        evaluate_target_health: semantics::nested_alias_evaluates(member),
                        in_zone_target: Some((generated.clone(), record.record_type)),
                    }),
                    origin: place.origin.clone(),
                    span: member.span,
                });
                let clash = self
                    .generated
                    .insert((generated.clone(), record.record_type), member.span);
                if let Some(first) = clash {
                    self.diagnostics.push(
                        Diagnostic::new(
                            EmitCode::GeneratedNameCollision,
                            member.span,
                            format!(
                                "the generated name {generated} {} is needed twice",
                                record.record_type
                            ),
                        )
                        .label("needed by this nested policy")
                        .with_secondary(first, "and by this one")
                        .hint("give the nested policies different first endpoints"),
                    );
                    // Placing it again would only repeat the clash for
                    // every member.
                    return;
                }
                self.policy_at(record, member, &generated, &place.key, &place.origin);
            }
        }
    }

    /// The record set for an endpoint member; `stays`: the member is
    /// marked `stay`.
    fn endpoint_set(
        &mut self,
        record: &'c ir::RecordSet,
        endpoint: &str,
        place: Place,
        stays: bool,
    ) {
        let Some(e) = self.config.endpoints.get(endpoint) else {
            return; // The check stage guarantees endpoints exist.
        };
        let routed = place.routing != Routing::Simple;
        let (answer, ttl) = match &e.answer {
            ir::Answer::Addresses { v4, v6 } => {
                let values = match record.record_type {
                    RecordType::Aaaa => v6.iter().map(|a| ir::RData::Aaaa(*a)).collect(),
                    _ => v4.iter().map(|a| ir::RData::A(*a)).collect(),
                };
                (SetAnswer::Values(values), Some(record.ttl))
            }
            ir::Answer::Cname(target) => (
                SetAnswer::Values(vec![ir::RData::Cname(target.clone())]),
                Some(record.ttl),
            ),
            ir::Answer::Alias(alias) => {
                let in_zone_target = match alias.kind {
                    ir::AliasTargetKind::Record { record_type } => Some((
                        alias.dns_name.clone(),
                        record_type.unwrap_or(record.record_type),
                    )),
                    ir::AliasTargetKind::Aws(_) => None,
                };
                let failover = matches!(place.routing, Routing::Failover(_));
                (
                    SetAnswer::Alias(AliasAnswer {
                        dns_name: alias.dns_name.clone(),
                        hosted_zone_id: alias.hosted_zone_id.clone(),
                        evaluate_target_health: semantics::evaluates_target_health(
                            e, failover, stays,
                        ),
                        in_zone_target,
                    }),
                    None,
                )
            }
        };
        self.sets.push(RecordSet {
            key: place.key,
            name: place.name,
            record_type: record.record_type,
            set_identifier: place.set_identifier,
            routing: place.routing,
            health_check: semantics::member_health_check(e, routed, stays).map(str::to_string),
            ttl,
            answer,
            origin: format!("{} → endpoint {}", place.origin, e.name),
            span: record.span,
        });
    }

    /// Generated names must be valid DNS names and must not shadow the
    /// user's records; set identifiers must be unique per name and type
    /// and within Route 53's length limit.
    fn check_names(&mut self) {
        let user_names: HashMap<&str, Span> = self
            .config
            .records
            .iter()
            .map(|r| (r.fqdn.as_str(), r.span))
            .collect();
        for ((name, _), span) in &self.generated {
            if let Some(user) = user_names.get(name.as_str()) {
                self.diagnostics.push(
                    Diagnostic::new(
                        EmitCode::GeneratedNameCollision,
                        *user,
                        format!("{name} is a name steer generates for a nested policy"),
                    )
                    .label("this record has the generated name")
                    .with_secondary(*span, "the nested policy that needs the name")
                    .hint("rename this record: names starting with `_` followed by a member label are reserved for nested policies"),
                );
            }
            if let Err(e) = crate::dns_name::to_ascii(name) {
                self.diagnostics.push(
                    Diagnostic::new(
                        EmitCode::GeneratedNameTooLong,
                        *span,
                        format!(
                            "the name generated for a nested policy is not a valid DNS name: {e}"
                        ),
                    )
                    .label("nested too deep, or member names too long")
                    .hint("shorten the endpoint names, or nest fewer levels"),
                );
            }
        }
        let mut seen: HashSet<(&str, RecordType, &str)> = HashSet::new();
        for set in &self.sets {
            let Some(id) = &set.set_identifier else {
                continue;
            };
            if id.len() > MAX_SET_IDENTIFIER {
                self.diagnostics.push(
                    Diagnostic::new(
                        EmitCode::SetIdentifierTooLong,
                        set.span,
                        format!(
                            "the set identifier `{id}` is {} characters long; Route 53 allows 128",
                            id.len()
                        ),
                    )
                    .label("derived from this record's member names")
                    .hint("shorten the endpoint or location names"),
                );
            }
            if !seen.insert((&set.name, set.record_type, id)) {
                self.diagnostics.push(
                    Diagnostic::new(
                        EmitCode::SetIdentifierCollision,
                        set.span,
                        format!("two members of {} {} would both be called `{id}`", set.name, set.record_type),
                    )
                    .label("in this record")
                    .hint("each member of a policy needs its own endpoint (or, nested, a different first endpoint)"),
                );
            }
        }
    }
}

/// A policy's members with their label and the routing their set gets.
/// Labels (set identifiers, generated names) come from
/// [`RoutingPolicy::members`], the one place that names members; only the
/// routing is added here, in the same member order.
fn members(policy: &RoutingPolicy) -> Vec<(String, &ir::PolicyNode, Routing)> {
    let routings: Vec<Routing> = match policy {
        RoutingPolicy::Endpoint(_) | RoutingPolicy::Multivalue(_) => Vec::new(),
        RoutingPolicy::Failover { .. } => vec![
            Routing::Failover(FailoverRole::Primary),
            Routing::Failover(FailoverRole::Secondary),
        ],
        RoutingPolicy::Latency(m) => m
            .iter()
            .map(|m| Routing::Latency {
                aws_region: m.aws_region.clone(),
            })
            .collect(),
        RoutingPolicy::Geolocation(r) => r
            .iter()
            .map(|r| Routing::Geolocation(r.location.clone()))
            .collect(),
        RoutingPolicy::Weighted(m) => m.iter().map(|m| Routing::Weighted(m.weight)).collect(),
        RoutingPolicy::Geoproximity(m) => m
            .iter()
            .map(|m| Routing::Geoproximity {
                location: m.location.clone(),
                bias: m.bias,
            })
            .collect(),
        RoutingPolicy::Cidr { collection, rules } => rules
            .iter()
            .map(|r| Routing::Cidr {
                collection: collection.clone(),
                location: r.location.clone(),
            })
            .collect(),
    };
    policy
        .members()
        .into_iter()
        .zip(routings)
        .map(|((label, node), routing)| (label, node, routing))
        .collect()
}

/// A member label as a DNS label: lowercase; characters other than
/// letters, digits, `-` and `_` become `-`.
fn dns_label(label: &str) -> String {
    label
        .chars()
        .map(|c| match c {
            'A'..='Z' => c.to_ascii_lowercase(),
            'a'..='z' | '0'..='9' | '-' | '_' => c,
            _ => '-',
        })
        .collect()
}

// ----------------------------------------------------------------------------
// Record data in Route 53's presentation form (the API's `Value`)
// ----------------------------------------------------------------------------

/// The Route 53 `Type` of a probing health check.
pub fn probe_type(probe: &ir::EndpointProbe) -> &'static str {
    use crate::syntax::ast::Protocol;
    match (probe.protocol, probe.search_string.is_some()) {
        (Protocol::Http, false) => "HTTP",
        (Protocol::Http, true) => "HTTP_STR_MATCH",
        (Protocol::Https, false) => "HTTPS",
        (Protocol::Https, true) => "HTTPS_STR_MATCH",
        (Protocol::Tcp, _) => "TCP",
    }
}

/// How a `"` inside a Route 53 quoted string is written. Route 53 reads
/// both; it writes `\"` back (what Terraform compares against), while
/// cfn-lint's TXT pattern only accepts the octal form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteEscape {
    Backslash,
    Octal,
}

/// A record value as the Route 53 API (and CloudFormation) takes it: names
/// with a trailing dot, TXT as quoted strings of at most 255 bytes.
pub fn rdata_value(rdata: &ir::RData) -> String {
    rdata_value_with(rdata, QuoteEscape::Octal)
}

pub fn rdata_value_with(rdata: &ir::RData, quote: QuoteEscape) -> String {
    match rdata {
        ir::RData::A(a) => a.to_string(),
        ir::RData::Aaaa(a) => a.to_string(),
        ir::RData::Cname(n) | ir::RData::Ns(n) | ir::RData::Ptr(n) => absolute(n),
        ir::RData::Mx {
            preference,
            exchange,
        } => format!("{preference} {}", absolute(exchange)),
        ir::RData::Txt(text) => txt_strings(text, quote)
            .iter()
            .map(|s| format!("\"{s}\""))
            .collect::<Vec<_>>()
            .join(" "),
        ir::RData::Srv {
            priority,
            weight,
            port,
            target,
        } => format!("{priority} {weight} {port} {}", absolute(target)),
        ir::RData::Caa { flags, tag, value } => {
            format!(
                "{flags} {tag} \"{}\"",
                escape_quoted(value.as_bytes(), quote)
            )
        }
    }
}

/// `name.` (the root `.` stays `.`).
pub fn absolute(name: &str) -> String {
    if name == "." || name.ends_with('.') {
        name.to_string()
    } else {
        format!("{name}.")
    }
}

/// Splits TXT data into character-strings for Route 53, each escaped with
/// [`escape_quoted`]. A string holds at most 255 bytes (the DNS limit) and
/// at most 255 characters once escaped (the limit Route 53's API and
/// cfn-lint apply to the text as written); splits fall on UTF-8 character
/// boundaries.
pub fn txt_strings(text: &str, quote: QuoteEscape) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut raw_len = 0;
    for c in text.chars() {
        let mut buf = [0u8; 4];
        let escaped = escape_quoted(c.encode_utf8(&mut buf).as_bytes(), quote);
        if raw_len + c.len_utf8() > 255 || current.len() + escaped.len() > 255 {
            out.push(std::mem::take(&mut current));
            raw_len = 0;
        }
        raw_len += c.len_utf8();
        current.push_str(&escaped);
    }
    out.push(current);
    out
}

/// Escapes bytes for a Route 53 quoted string: `\` backslash-escaped, `"`
/// as `quote` says, and bytes outside printable ASCII (controls, the bytes
/// of UTF-8 characters) as `\` and three *octal* digits, which is how
/// Route 53 reads and returns them (its "TXT record format"
/// documentation; zone files use decimal instead, see `emit::zone`).
pub fn escape_quoted(bytes: &[u8], quote: QuoteEscape) -> String {
    let mut s = String::with_capacity(bytes.len());
    for &b in bytes {
        match b {
            b'"' if quote == QuoteEscape::Backslash => s.push_str("\\\""),
            b'"' => s.push_str("\\042"),
            b'\\' => s.push_str("\\\\"),
            0x20..=0x7e => s.push(b as char),
            _ => s.push_str(&format!("\\{b:03o}")),
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn txt_splits_at_255_bytes_on_char_boundaries() {
        let long = "a".repeat(254) + "é" + &"b".repeat(10);
        let parts = txt_strings(&long, QuoteEscape::Backslash);
        // "é" (2 bytes, 8 characters escaped) would cross 255: it starts
        // the second string.
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0], "a".repeat(254));
        assert_eq!(parts[1], format!("\\303\\251{}", "b".repeat(10)));
        // Escaped length counts too: 64 escaped characters of 4 bytes each.
        let wide = "\u{1F600}".repeat(20);
        assert!(txt_strings(&wide, QuoteEscape::Octal)
            .iter()
            .all(|s| s.len() <= 255));
    }

    #[test]
    fn quoted_strings_escape_quotes_backslashes_and_controls() {
        assert_eq!(
            escape_quoted(b"a\"b\\c\td", QuoteEscape::Backslash),
            "a\\\"b\\\\c\\011d"
        );
        assert_eq!(escape_quoted(b"a\"b", QuoteEscape::Octal), "a\\042b");
    }

    #[test]
    fn rdata_values_are_absolute() {
        assert_eq!(
            rdata_value(&ir::RData::Mx {
                preference: 10,
                exchange: "mx.example.com".into()
            }),
            "10 mx.example.com."
        );
        assert_eq!(
            rdata_value(&ir::RData::Mx {
                preference: 0,
                exchange: ".".into()
            }),
            "0 ."
        );
    }

    #[test]
    fn labels_become_dns_labels() {
        assert_eq!(dns_label("continent-EU"), "continent-eu");
        assert_eq!(dns_label("US-CA"), "us-ca");
        assert_eq!(dns_label("failover-ireland_main"), "failover-ireland_main");
    }
}
