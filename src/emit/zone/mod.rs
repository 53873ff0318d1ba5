//! The `zone` target: a BIND master file (RFC 1035 §5) for the zone. This
//! module is the writer (names grouped in canonical order, SOA and serial,
//! header, comments); `presentation` writes names and record data in RFC
//! 1035 presentation form.
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
//! # Flattening
//!
//! The answers, and the health scenario's meaning, are the semantics
//! layer's ([`resolve`](mod@crate::semantics::resolve) and
//! [`scenario`](crate::semantics::scenario) document them): this module
//! asks it for every routed record set's resolution for
//! [`Client::unknown`], writes the answer, and renders the resolution's
//! trace as the comment above the name. For latency and geoproximity that
//! answer is every healthy member at once, which keeps every healthy
//! region in service. What is the zone file's own:
//!
//! - A routed name with no answer for such a client (geolocation or cidr
//!   without a `default` rule) is left out, with a comment and a
//!   `no-answer` warning.
//! - An answer that is a CNAME (an alias to an AWS resource) answers
//!   queries of every type, so it stands for the name's A and AAAA records
//!   at once.
//! - A CNAME is impossible at the zone apex and beside other records of the
//!   same name (RFC 1034 §3.6.2), and a name holds at most one. Where an
//!   alias answer would need one of those, the record is left out, with a
//!   comment and an `alias-not-expressible` warning. Several records of one
//!   name (`A` and `AAAA`) that flatten to the same CNAME share one.
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

pub(crate) mod master_file;
pub mod target;

use crate::check::ir::{self, RData, RecordContent, RecordSet, RecordType};
use crate::diagnostic::{self, Diagnostic};
use crate::dns_name;
use crate::emit::messages;
use crate::emit::names::{self, absolute};
use crate::explain::words::{self, summary, Words};
use crate::semantics::{
    Answer, Client, Resolution, Resolver, Scenario, StatusReason, Statuses, Trace,
};
use master_file::{human_duration, rdata_lines, relative};
use std::collections::BTreeSet;
use std::sync::Arc;

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
    let Flattened {
        mut groups,
        mut warnings,
        resolver,
        any_routed,
    } = flatten(config, scenario, Lines::Written)?;
    let zone = &config.zone;
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

    let mut text = header(config, scenario, resolver.statuses(), any_routed);
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

/// What [`emit`] reports for `config` (its errors, or its sorted
/// warnings), without writing the text: what `steer check` asks.
pub fn diagnose(config: &ir::Config, scenario: &Scenario) -> Vec<Diagnostic> {
    match flatten(config, scenario, Lines::Skipped) {
        Ok(Flattened { mut warnings, .. }) => {
            diagnostic::sort(&mut warnings);
            warnings
        }
        Err(errors) => errors,
    }
}

/// The zone's records flattened into groups by owner name (every problem
/// found on the way), before the serial and the text.
struct Flattened<'c> {
    groups: Vec<Group>,
    warnings: Vec<Diagnostic>,
    resolver: Resolver<'c>,
    any_routed: bool,
}

/// Whether [`flatten`] makes the groups' lines: `steer check` asks only
/// for the diagnostics, which do not depend on them (the explaining
/// comments and the record data's lines were more than half of its
/// diagnosis of the zone target).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lines {
    Written,
    Skipped,
}

fn flatten<'c>(
    config: &'c ir::Config,
    scenario: &Scenario,
    lines: Lines,
) -> Result<Flattened<'c>, Vec<Diagnostic>> {
    crate::emit::require_values(config, "zone", false)?;
    let zone = &config.zone;
    if zone.nameservers.is_empty() {
        return Err(vec![messages::zone_needs_nameservers(zone)]);
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
        .map(|ns| messages::nameserver_without_address(zone, ns))
        .collect();
    if !missing_glue.is_empty() {
        return Err(missing_glue);
    }
    let mut resolver = Resolver::new(config, scenario, Client::unknown());
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

    // Records grouped by owner name, in DNS canonical order (stable: a
    // name's records keep their order), with a group for the apex even
    // when it has no records. A map keyed by each name's labels held a
    // `String` per label of every record.
    let order = names::canonical_order(config.records.iter().map(|r| r.fqdn.as_str()));
    let mut sorted: Vec<&RecordSet> = order
        .into_iter()
        .map(|i| &config.records[i as usize])
        .collect();
    let same_owner =
        |a: &&RecordSet, b: &&RecordSet| names::cmp_canonical(&a.fqdn, &b.fqdn).is_eq();
    let mut owners: Vec<&mut [&RecordSet]> = sorted.chunk_by_mut(same_owner).collect();
    let apex = |group: &[&RecordSet]| names::cmp_canonical(&group[0].fqdn, &zone.name);
    let apex_at = owners.partition_point(|group| apex(group).is_lt());
    if !owners.get(apex_at).is_some_and(|group| apex(group).is_eq()) {
        owners.insert(apex_at, &mut []);
    }

    let mut groups = Vec::new();
    let mut any_routed = false;
    for records in owners {
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
            &mut resolver,
            &mut warnings,
            lines,
        ));
    }
    Ok(Flattened {
        groups,
        warnings,
        resolver,
        any_routed,
    })
}

// ---------------------------------------------------------------------------
// Comments: the resolution's trace
// ---------------------------------------------------------------------------

/// The comment lines that explain a resolution: one line per choice, with
/// the choices beneath it indented by two spaces (`explain::words`, brief).
fn trace_lines(trace: &Trace, zone: &str) -> Vec<String> {
    words::lines(&Words::brief(zone).steps(trace))
}

// ---------------------------------------------------------------------------
// Order
// ---------------------------------------------------------------------------

fn type_rank(t: RecordType) -> usize {
    RecordType::ALL
        .iter()
        .position(|x| *x == t)
        .unwrap_or(usize::MAX)
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
    messages::not_a_host_name(span, what, name, problem)
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
fn explain(record: &RecordSet, resolution: &Resolution, zone: &str) -> Vec<Line> {
    let mut lines = trace_lines(&resolution.trace, zone);
    if lines.is_empty() {
        if let RecordContent::Routed(node) = &record.content {
            lines.push(summary(&node.policy));
        }
    }
    lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                Line::Comment(format!("{} {}: {l}", record.name, record.record_type))
            } else {
                Line::Comment(l)
            }
        })
        .collect()
}

/// Every record set of one owner name.
fn name_group<'c>(
    fqdn: &str,
    records: &[&'c RecordSet],
    config: &ir::Config,
    resolver: &mut Resolver<'c>,
    warnings: &mut Vec<Diagnostic>,
    written: Lines,
) -> Group {
    let zone = &config.zone;
    let rr_lines = |ttl: u32, t: RecordType, rdata: &[RData]| match written {
        Lines::Written => rr_lines(ttl, t, rdata),
        Lines::Skipped => Vec::new(),
    };
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

    let resolutions: Vec<Option<Arc<Resolution>>> = records
        .iter()
        .map(|r| match &r.content {
            RecordContent::Plain(_) => None,
            RecordContent::Routed(_) => Some(resolver.record_set(r)),
        })
        .collect();
    // A CNAME standing for an alias answer of another type.
    let needs_cname = |r: &RecordSet, f: &Option<Arc<Resolution>>| {
        r.record_type != RecordType::Cname
            && f.as_ref()
                .is_some_and(|f| matches!(f.answer, Some(Answer::Cname(_))))
    };
    let other_types: Vec<&str> = records
        .iter()
        .zip(&resolutions)
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
        .zip(&resolutions)
        .filter(|(r, f)| needs_cname(r, f))
        .filter_map(|(_, f)| match f.as_ref().map(|f| &f.answer) {
            Some(Some(Answer::Cname(t))) => Some(t.as_str()),
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
    for (record, resolution) in records.iter().zip(resolutions) {
        let rank = 10 + type_rank(record.record_type);
        let Some(resolution) = resolution else {
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
        let mut lines = match written {
            Lines::Written => explain(record, &resolution, &zone.name),
            Lines::Skipped => Vec::new(),
        };
        match &resolution.answer {
            None => {
                lines.push(Line::Comment(format!(
                    "no answer: this zone file has no {} {} record",
                    record.name, record.record_type
                )));
                warnings.push(messages::no_answer(record));
                items.push(Item { rank, lines });
            }
            Some(Answer::Data(data)) => {
                check_host_names(record, data, warnings);
                lines.extend(rr_lines(resolution.ttl, record.record_type, data));
                items.push(Item { rank, lines });
            }
            Some(Answer::Cname(target)) if record.record_type == RecordType::Cname => {
                lines.extend(rr_lines(
                    resolution.ttl,
                    RecordType::Cname,
                    &[RData::Cname(ir::Value::Literal(target.clone()))],
                ));
                items.push(Item { rank, lines });
            }
            Some(Answer::Cname(target)) => match &cname_problem {
                Some(problem) => {
                    lines.push(Line::Comment(format!(
                        "left out: {problem}, so this zone file has no {} {} record",
                        record.name, record.record_type
                    )));
                    warnings.push(messages::alias_not_expressible(record, target, problem));
                    items.push(Item { rank, lines });
                }
                None => {
                    let entry = shared_cname
                        .get_or_insert_with(|| (Vec::new(), resolution.ttl, target.clone()));
                    entry.0.extend(lines);
                    entry.1 = entry.1.min(resolution.ttl);
                }
            },
        }
    }
    if let Some((mut lines, ttl, target)) = shared_cname {
        lines.extend(rr_lines(
            ttl,
            RecordType::Cname,
            &[RData::Cname(ir::Value::Literal(target))],
        ));
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
pub(crate) fn soa_lines(zone: &ir::Zone, serial: u32) -> Vec<String> {
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
pub(crate) fn fnv1a32(bytes: &[u8], mut hash: u32) -> u32 {
    for &b in bytes {
        hash ^= u32::from(b);
        hash = hash.wrapping_mul(16_777_619);
    }
    hash
}

pub(crate) const FNV_OFFSET: u32 = 2_166_136_261;

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
    statuses: &Statuses,
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
        lines.extend(scenario_lines(config, scenario, statuses));
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

/// `NAME (why it is unhealthy)` for a check the scenario did not name.
fn why_unhealthy(config: &ir::Config, n: &str, status: crate::semantics::Status) -> String {
    let inverted = if config.checks.get(n).is_some_and(|c| c.inverted) {
        ", inverted"
    } else {
        ""
    };
    match status.reason {
        StatusReason::Calculated {
            up,
            children,
            threshold,
        } => format!(
            "{n} (calculated: {up} of {children} children healthy, needs {threshold}{inverted})"
        ),
        StatusReason::Alarm(state) => {
            format!("{n} (its alarm in {}{inverted})", state.as_str())
        }
        _ => format!("{n} (disabled and inverted)"),
    }
}

fn scenario_lines(config: &ir::Config, scenario: &Scenario, statuses: &Statuses) -> Vec<String> {
    let mut lines = Vec::new();
    if scenario.down.is_empty() && scenario.alarms.is_empty() {
        lines.push("Health scenario: every health check healthy.".to_string());
        // Disabled inverted checks, and inverted calculated checks whose
        // children are healthy, are unhealthy even then.
        let unhealthy: Vec<String> = statuses
            .iter()
            .filter(|(_, s)| !s.healthy)
            .map(|(n, status)| why_unhealthy(config, n, status))
            .collect();
        if !unhealthy.is_empty() {
            lines.push(format!("Unhealthy all the same: {}.", unhealthy.join(", ")));
        }
        return lines;
    }
    let (known, unknown): (Vec<&str>, Vec<&str>) = scenario
        .down
        .iter()
        .map(String::as_str)
        .partition(|c| config.checks.contains_key(*c));
    let down = if scenario.down.is_empty() {
        "no check".to_string()
    } else if known.is_empty() {
        "no check of this zone".to_string()
    } else {
        known.join(", ")
    };
    lines.push(format!(
        "Health scenario: {down} assumed down; every other check healthy."
    ));
    if !unknown.is_empty() {
        lines.push(format!(
            "Not checks of this zone, ignored: {}.",
            unknown.join(", ")
        ));
    }
    if !scenario.alarms.is_empty() {
        let watched: BTreeSet<String> = config
            .checks
            .values()
            .filter_map(|c| match &c.kind {
                ir::HealthCheckKind::CloudWatchAlarm { alarm_name, .. } => {
                    Some(alarm_name.to_string())
                }
                _ => None,
            })
            .collect();
        let (states, unwatched): (Vec<_>, Vec<_>) = scenario
            .alarms
            .iter()
            .partition(|(alarm, _)| watched.contains(alarm.as_str()));
        if !states.is_empty() {
            let states: Vec<String> = states
                .iter()
                .map(|(alarm, state)| format!("{alarm} in {}", state.as_str()))
                .collect();
            lines.push(format!("CloudWatch alarms: {}.", states.join(", ")));
        }
        if !unwatched.is_empty() {
            let names: Vec<&str> = unwatched.iter().map(|(a, _)| a.as_str()).collect();
            lines.push(format!(
                "Not alarms of this zone's checks, ignored: {}.",
                names.join(", ")
            ));
        }
    }
    let still_healthy: Vec<&str> = known
        .iter()
        .copied()
        .filter(|c| statuses.is_healthy(c))
        .collect();
    if !still_healthy.is_empty() {
        lines.push(format!(
            "Healthy all the same, being disabled (Route 53 treats a disabled check as healthy): {}.",
            still_healthy.join(", ")
        ));
    }
    let derived: Vec<String> = statuses
        .iter()
        .filter(|(n, s)| !s.healthy && !scenario.down.contains(*n))
        .map(|(n, status)| why_unhealthy(config, n, status))
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
    fn canonical_order() {
        let mut names = vec![
            "b.example",
            "example",
            "*.a.example",
            "a.example",
            "_x.example",
        ];
        names.sort_by_key(|n| names::canonical(n));
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
    fn serial_fold_stays_in_range() {
        for h in [0u32, 1, 2_147_483_646, 2_147_483_647, u32::MAX] {
            let s = h % 2_147_483_647 + 1;
            assert!((1..=2_147_483_647).contains(&s));
        }
        // FNV-1a test vector.
        assert_eq!(fnv1a32(b"a", FNV_OFFSET), 0xe40c_292c);
    }
}
