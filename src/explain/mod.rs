//! `steer explain`: what a client gets for one name in one health
//! scenario, and the path that led there, from the semantics layer's
//! resolution ([`crate::semantics::resolve()`]). [`words`] renders a
//! resolution's trace in words (shared with the zone target's comments),
//! [`json`] gives an explanation its stable JSON shape
//! (`docs/explain.md`, "steer explain"), and [`matrix`] is the failure
//! matrix: every routed name's answers per client class for no failure,
//! every single failure and every pair.
//!
//! This module decides nothing about routing: it finds the record set a
//! NAME and TYPE mean, picks the clients (the one `--from` gives, or one
//! per client class of the record), resolves each and words the result.

pub mod json;
pub mod matrix;
pub mod words;

use crate::check::ir::{self, RecordSet, RecordType};
use crate::diagnostic::did_you_mean;
use crate::semantics::{client_classes, Answer, Client, Resolution, Resolver, Scenario};
use std::fmt;
use words::{Step, Words};

/// Why a NAME, TYPE or scenario cannot be explained (a usage error).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExplainError {
    /// No record set of this name in any zone.
    UnknownName {
        name: String,
        suggestion: Option<String>,
    },
    /// A relative name that more than one zone has.
    NameInZones { name: String, zones: Vec<String> },
    /// The name has no record set of this type.
    NoSuchType {
        name: String,
        record_type: RecordType,
        types: Vec<RecordType>,
    },
    /// No TYPE given and the name has several candidates.
    AmbiguousType {
        name: String,
        types: Vec<RecordType>,
    },
    /// Checks in `--down` the zone does not have.
    UnknownChecks {
        checks: Vec<String>,
        suggestions: Vec<Option<String>>,
    },
    /// Alarms in `--alarm` no check of the zone watches.
    UnknownAlarm {
        alarm: String,
        suggestion: Option<String>,
    },
}

impl fmt::Display for ExplainError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |types: &[RecordType]| {
            types
                .iter()
                .map(|t| t.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let hint = |s: &Option<String>| s.as_ref().map(|s| format!("; {s}")).unwrap_or_default();
        match self {
            ExplainError::UnknownName { name, suggestion } => {
                write!(f, "no record named `{name}`{}", hint(suggestion))
            }
            ExplainError::NameInZones { name, zones } => write!(
                f,
                "`{name}` is in several zones ({}); give the absolute name",
                zones.join(", ")
            ),
            ExplainError::NoSuchType {
                name,
                record_type,
                types,
            } => write!(
                f,
                "`{name}` has no {record_type} record; it has {}",
                list(types)
            ),
            ExplainError::AmbiguousType { name, types } => write!(
                f,
                "`{name}` has several record types ({}); give one as TYPE",
                list(types)
            ),
            ExplainError::UnknownChecks {
                checks,
                suggestions,
            } => {
                let each: Vec<String> = checks
                    .iter()
                    .zip(suggestions)
                    .map(|(c, s)| format!("`{c}`{}", hint(s)))
                    .collect();
                write!(f, "no health check named {}", each.join(", "))
            }
            ExplainError::UnknownAlarm { alarm, suggestion } => write!(
                f,
                "no health check watches a CloudWatch alarm named `{alarm}`{}",
                hint(suggestion)
            ),
        }
    }
}

/// The record set NAME (relative to its zone, `@` for the apex, or
/// absolute) and TYPE mean among `configs`. Without TYPE: the name's only
/// routed record set, else its only record set.
pub fn find_record<'c>(
    configs: &'c [ir::Config],
    name: &str,
    record_type: Option<RecordType>,
) -> Result<(&'c ir::Config, &'c RecordSet), ExplainError> {
    let wanted = name.trim().trim_end_matches('.').to_ascii_lowercase();
    let mut found: Vec<(&ir::Config, Vec<&RecordSet>)> = Vec::new();
    for config in configs {
        let zone = &config.zone.name;
        let fqdn = if wanted == "@" || wanted == *zone {
            zone.clone()
        } else if wanted.ends_with(&format!(".{zone}")) {
            wanted.clone()
        } else {
            format!("{wanted}.{zone}")
        };
        let records: Vec<&RecordSet> = config.records.iter().filter(|r| r.fqdn == fqdn).collect();
        if !records.is_empty() {
            found.push((config, records));
        }
    }
    let (config, records) = match found.len() {
        0 => {
            let candidates: Vec<String> = configs
                .iter()
                .flat_map(|c| c.records.iter().map(|r| r.name.clone()))
                .collect();
            return Err(ExplainError::UnknownName {
                name: name.to_string(),
                suggestion: did_you_mean(&wanted, candidates.iter().map(String::as_str)),
            });
        }
        1 => found.pop().expect("one"),
        _ => {
            return Err(ExplainError::NameInZones {
                name: name.to_string(),
                zones: found.iter().map(|(c, _)| c.zone.name.clone()).collect(),
            })
        }
    };
    let mut types: Vec<RecordType> = records.iter().map(|r| r.record_type).collect();
    types.sort_by_key(|t| RecordType::ALL.iter().position(|x| x == t));
    types.dedup();
    let chosen: Vec<&RecordSet> = match record_type {
        Some(t) => records.into_iter().filter(|r| r.record_type == t).collect(),
        None => {
            let routed: Vec<&RecordSet> = records
                .iter()
                .copied()
                .filter(|r| matches!(r.content, ir::RecordContent::Routed(_)))
                .collect();
            let pick = if routed.is_empty() { records } else { routed };
            if pick.len() > 1 {
                let mut types: Vec<RecordType> = pick.iter().map(|r| r.record_type).collect();
                types.sort_by_key(|t| RecordType::ALL.iter().position(|x| x == t));
                return Err(ExplainError::AmbiguousType {
                    name: name.to_string(),
                    types,
                });
            }
            pick
        }
    };
    match chosen.first() {
        Some(record) => Ok((config, record)),
        None => Err(ExplainError::NoSuchType {
            name: name.to_string(),
            record_type: record_type.unwrap_or(RecordType::A),
            types,
        }),
    }
}

/// Checks the scenario's names against `config`: every `--down` check
/// must exist, and every alarm must be watched by a check.
pub fn check_scenario(config: &ir::Config, scenario: &Scenario) -> Result<(), ExplainError> {
    let unknown = scenario.unknown_checks(config);
    if !unknown.is_empty() {
        let suggestions = unknown
            .iter()
            .map(|c| did_you_mean(c, config.checks.keys().map(String::as_str)))
            .collect();
        return Err(ExplainError::UnknownChecks {
            checks: unknown,
            suggestions,
        });
    }
    // An input without a value is named `input.NAME` here too.
    let alarms: Vec<String> = config
        .checks
        .values()
        .filter_map(|c| match &c.kind {
            ir::HealthCheckKind::CloudWatchAlarm { alarm_name, .. } => Some(alarm_name.to_string()),
            _ => None,
        })
        .collect();
    for alarm in scenario.alarms.keys() {
        if !alarms.contains(alarm) {
            return Err(ExplainError::UnknownAlarm {
                alarm: alarm.clone(),
                suggestion: did_you_mean(alarm, alarms.iter().map(String::as_str)),
            });
        }
    }
    Ok(())
}

/// The answers to one record set in one scenario, one row per client.
#[derive(Debug, Clone)]
pub struct Explanation<'c> {
    pub config: &'c ir::Config,
    pub record: &'c RecordSet,
    pub scenario: Scenario,
    pub rows: Vec<Row<'c>>,
}

/// What one client (or class of clients) gets, and why.
#[derive(Debug, Clone)]
pub struct Row<'c> {
    /// The client class's label (`EU`, `everyone else`), or the `--from`
    /// text as given.
    pub class: String,
    pub client: Client,
    pub resolution: Resolution<'c>,
    /// The trace in words (detailed).
    pub steps: Vec<Step>,
}

/// Explains `record` of `config` in `scenario`: for the client `from`
/// (its text and the client it reads as), or for one representative of
/// each client class the record distinguishes.
pub fn explain<'c>(
    config: &'c ir::Config,
    record: &'c RecordSet,
    from: Option<(String, Client)>,
    scenario: &Scenario,
) -> Explanation<'c> {
    let clients: Vec<(String, Client)> = match from {
        Some((text, client)) => {
            let described = client.to_string();
            let class = if described.eq_ignore_ascii_case(&text) {
                text
            } else {
                format!("{text} ({described})")
            };
            vec![(class, client)]
        }
        None => client_classes(config, record)
            .into_iter()
            .map(|c| (c.label, c.client))
            .collect(),
    };
    let rows = clients
        .into_iter()
        .map(|(class, client)| {
            let mut resolver = Resolver::new(config, scenario, client.clone());
            let resolution = (*resolver.record_set(record)).clone();
            let steps = Words::detailed(config, resolver.statuses()).steps(&resolution.trace);
            Row {
                class,
                client,
                resolution,
                steps,
            }
        })
        .collect();
    Explanation {
        config,
        record,
        scenario: scenario.clone(),
        rows,
    }
}

/// An answer in words: `203.0.113.10, 203.0.113.11`, `CNAME
/// dualstack.example.elb.amazonaws.com.`.
pub fn answer_words(answer: &Answer, record_type: RecordType) -> String {
    match answer {
        Answer::Data(values) => values
            .iter()
            .map(crate::emit::route53::rdata_value)
            .collect::<Vec<_>>()
            .join(", "),
        // Only an alias to an AWS resource answers an address query with a
        // name: Route 53 then answers with that resource's addresses.
        Answer::Cname(name) if is_alias_answer(record_type) => {
            format!("alias to {name}.")
        }
        Answer::Cname(name) => format!("CNAME {name}."),
    }
}

/// Whether a name answering a query of this type is an alias target: a
/// `cname` endpoint can serve only CNAME records, so for A and AAAA the
/// name comes from an alias to an AWS resource.
pub fn is_alias_answer(record_type: RecordType) -> bool {
    matches!(record_type, RecordType::A | RecordType::Aaaa)
}

/// The scenario in words: `every health check healthy`, `down: a, b;
/// alarms: q ALARM`.
pub fn scenario_words(scenario: &Scenario) -> String {
    let mut parts = Vec::new();
    if !scenario.down.is_empty() {
        let down: Vec<&str> = scenario.down.iter().map(String::as_str).collect();
        parts.push(format!("down: {}", down.join(", ")));
    }
    if !scenario.alarms.is_empty() {
        let alarms: Vec<String> = scenario
            .alarms
            .iter()
            .map(|(a, s)| format!("{a} {}", s.as_str()))
            .collect();
        parts.push(format!("alarms: {}", alarms.join(", ")));
    }
    if parts.is_empty() {
        "every health check healthy".to_string()
    } else {
        parts.join("; ")
    }
}

/// Who can see a private zone's answers at all. Route 53 answers a
/// private hosted zone's records only to DNS queries that come from the
/// VPCs associated with it (Developer Guide, "Working with private hosted
/// zones"); every other resolver gets the public answer, if any.
pub fn private_zone_words(vpcs: &[ir::Vpc]) -> String {
    if vpcs.is_empty() {
        return "private zone: only queries from its VPCs (associated outside steer) get these answers"
            .to_string();
    }
    let vpcs: Vec<String> = vpcs.iter().map(ir::Vpc::to_string).collect();
    format!(
        "private zone: only queries from {} get these answers",
        vpcs.join(", ")
    )
}

/// The explanation for people: a head line (name, type, scenario), then
/// per row the class, the answer and the steps that led there.
pub fn text(explanation: &Explanation) -> String {
    render(explanation, true)
}

/// [`text`] without the steps: the head line and what each client gets
/// (the hover of a routed record in `steer lsp`).
pub fn summary(explanation: &Explanation) -> String {
    render(explanation, false)
}

fn render(explanation: &Explanation, with_steps: bool) -> String {
    let record = explanation.record;
    let mut out = format!(
        "{} {} ({})\n",
        record.fqdn,
        record.record_type,
        scenario_words(&explanation.scenario)
    );
    if let Some(vpcs) = &explanation.config.zone.private {
        out.push_str(&private_zone_words(vpcs));
        out.push('\n');
    }
    for row in &explanation.rows {
        let r = &row.resolution;
        let answer = match &r.answer {
            None => "no answer (NOERROR, empty)".to_string(),
            Some(a) => {
                // An alias answer takes its TTL from the target.
                let ttl = match a {
                    Answer::Cname(_) if is_alias_answer(record.record_type) => format!(
                        "Route 53 answers with the target's {} records and their TTL",
                        record.record_type
                    ),
                    _ => format!("ttl {}", r.ttl),
                };
                let health = if r.healthy {
                    ""
                } else {
                    "; no healthy answer: Route 53 answers all the same"
                };
                format!("{} ({ttl}{health})", answer_words(a, record.record_type))
            }
        };
        if with_steps {
            out.push('\n');
        }
        out.push_str(&format!("{}: {answer}\n", row.class));
        if with_steps {
            for line in words::lines(&row.steps) {
                out.push_str(&format!("  {line}\n"));
            }
        }
    }
    out
}
