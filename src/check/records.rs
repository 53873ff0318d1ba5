//! Record sets: names, types, TTLs, plain record data, and conflicts.
//!
//! Conventions of the IR produced here:
//! - owner names: `name` is the zone-relative ASCII form (`@`, `www`,
//!   `*.dev`, `xn--bcher-kva`), `fqdn` the absolute ASCII form without the
//!   trailing dot;
//! - names inside record data (CNAME, MX, SRV, NS and PTR targets) are
//!   **absolute**, whether or not the user wrote a trailing dot. This is how
//!   Route 53 reads every name in a `Value` ("the trailing dot is optional;
//!   Route 53 assumes that the domain name is fully qualified", Supported DNS
//!   record types, Route 53 Developer Guide), and it is what the backends
//!   emit: zone-file targets must write them with a trailing dot. The only
//!   exception is the root `.`, kept verbatim for a null MX (RFC 7505) and an
//!   SRV "service not available here" target (RFC 2782).
//!
//! Limits enforced, with their sources:
//! - TTL 0..=2147483647 seconds: RFC 2181 §8, and Route 53's API model
//!   (`TTL`: long, min 0, max 2147483647);
//! - a Route 53 `ResourceRecord` `Value` is at most 4000 characters
//!   (Route 53 API reference, `ResourceRecord`); see [`route53_txt_len`] for
//!   how a TXT value is measured;
//! - Route 53 rejects a record set that repeats a value
//!   (`InvalidChangeBatch: Duplicate Resource Record`);
//! - Route 53 does not accept a wildcard name for NS records (API reference,
//!   `ResourceRecordSet.Name`).

use super::{ir, CheckCode};
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::dns_name::{self, NameError};
use crate::source::{Span, Spanned};
use crate::syntax::ast;
use std::collections::{BTreeMap, HashMap};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// The largest TTL: RFC 2181 §8 (2^31 - 1), which is also Route 53's maximum.
pub(super) const MAX_TTL: u64 = 2_147_483_647;

/// Route 53's limit on one `ResourceRecord` `Value`, in characters.
const ROUTE53_MAX_VALUE_CHARS: usize = 4000;

/// A DNS character-string holds at most 255 octets (RFC 1035 §3.3); longer
/// TXT values are split into pieces of this size by the backends.
const TXT_CHUNK_BYTES: usize = 255;

/// CAA property tags Route 53 documents (RFC 8659). Other tags made of
/// letters and digits are accepted too: Route 53 documents custom tags, and
/// newer RFCs add some (`issuemail`, RFC 9495).
const CAA_KNOWN_TAGS: [&str; 3] = ["issue", "issuewild", "iodef"];

/// Checks a TTL (a zone's default or a record's own) against the range
/// Route 53 and RFC 2181 accept.
pub(super) fn ttl(value: &Spanned<ast::Seconds>, diagnostics: &mut Vec<Diagnostic>) -> Option<u32> {
    let seconds = value.value.0;
    if seconds <= MAX_TTL {
        return u32::try_from(seconds).ok();
    }
    diagnostics.push(
        Diagnostic::new(
            CheckCode::OutOfRange,
            value.span,
            format!("TTL {seconds} is out of range: Route 53 accepts 0 to {MAX_TTL} seconds"),
        )
        .label("TTL too large")
        .hint("TTLs are usually minutes to a day, such as `5m`, `1h` or `1d`"),
    );
    None
}

/// Lowers what every record has: type, owner name and TTL. The content is
/// left empty (`Plain(vec![])`) for the caller to fill in. An empty list of
/// plain values is reported here, where the record's span is known.
pub(super) fn lower_record_head(
    def: &ast::RecordDef,
    zone: &ir::Zone,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<ir::RecordSet> {
    // Every part is checked before giving up, so that one run reports all
    // of a record's problems.
    let record_type = lower_type(&def.record_type, diagnostics);
    let names = lower_owner_name(&def.name, zone, diagnostics);
    let resolved_ttl = match &def.ttl {
        Some(t) => ttl(t, diagnostics).map(|v| (v, true)),
        None => Some((zone.ttl, false)),
    };
    let mut values_ok = true;
    if let ast::RecordValue::Plain(values) = &def.value {
        if values.is_empty() {
            values_ok = false;
            let type_name = record_type.map_or(def.record_type.value.as_str(), |t| t.as_str());
            diagnostics.push(
                Diagnostic::new(
                    CheckCode::InvalidRecordData,
                    def.span,
                    format!("record `{}` {type_name} has no values", def.name.value),
                )
                .label("empty value list")
                .hint(format!(
                    "give at least one value, for example `record {} {type_name} {}`",
                    def.name.value,
                    record_type.map_or("[...]", example_value)
                )),
            );
        }
    }
    let record_type = record_type?;
    let (name, fqdn) = names?;
    let (ttl, ttl_explicit) = resolved_ttl?;
    if record_type == ir::RecordType::Ns && dns_name::is_wildcard(&fqdn) {
        diagnostics.push(
            Diagnostic::new(
                CheckCode::InvalidName,
                def.name.span,
                format!(
                    "`{}` is a wildcard name, which Route 53 does not allow for NS records",
                    def.name.value
                ),
            )
            .label("wildcard NS record")
            .hint("delegate each subdomain by its own name, such as `record dev NS [...]`"),
        );
        return None;
    }
    if !values_ok {
        return None;
    }
    Some(ir::RecordSet {
        name,
        fqdn,
        record_type,
        ttl,
        ttl_explicit,
        content: ir::RecordContent::Plain(Vec::new()),
        span: def.span,
    })
}

/// Parses the values of a plain record, each in the presentation form of
/// its type (as in Route 53's console and zone files), reporting every
/// problem at the value's own span.
pub(super) fn lower_plain_values(
    record_type: ir::RecordType,
    values: &[ast::Str],
    zone: &ir::Zone,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Vec<ir::RData>> {
    if values.is_empty() {
        // `lower_record_head` reports this with the record's span, and the
        // driver does not get here after it failed; this keeps the rule that
        // `None` always comes with a diagnostic for other callers.
        diagnostics.push(
            Diagnostic::new(
                CheckCode::InvalidRecordData,
                Span::default(),
                format!("a {record_type} record needs at least one value"),
            )
            .hint(format!("for example `{}`", example_value(record_type))),
        );
        return None;
    }
    let mut ok = true;
    if record_type == ir::RecordType::Cname && values.len() > 1 {
        ok = false;
        diagnostics.push(
            Diagnostic::new(
                CheckCode::InvalidRecordData,
                values[1].span,
                format!("a CNAME record has exactly one target, but this one has {}", values.len()),
            )
            .label("second target")
            .with_secondary(values[0].span, "first target")
            .hint(
                "a name can be an alias of only one other name; to spread traffic over \
                 several targets, use a routing policy (`weighted`, `failover`, ...) over endpoints",
            ),
        );
    }
    let mut out = Vec::with_capacity(values.len());
    // RData is not `Hash`; its `Debug` form is a faithful key (values are
    // already normalized: parsed addresses, lower-case ASCII names).
    let mut seen: HashMap<String, &ast::Str> = HashMap::with_capacity(values.len());
    for value in values {
        match parse_value(record_type, &value.value, zone) {
            Ok(rdata) => {
                let key = format!("{rdata:?}");
                if let Some(first) = seen.get(&key) {
                    ok = false;
                    diagnostics.push(duplicate_value(record_type, first, value));
                } else {
                    seen.insert(key, value);
                    out.push(rdata);
                }
            }
            Err(invalid) => {
                ok = false;
                diagnostics.push(invalid.at(value.span));
            }
        }
    }
    if record_type == ir::RecordType::Mx && ok {
        ok = check_null_mx(values, &out, diagnostics);
    }
    ok.then_some(out)
}

/// Checks record sets against each other: one definition per name and
/// type, CNAMEs alone at their name and never at the apex, and no NS set at
/// the apex. Linear: records are grouped by name with a hash map.
pub(super) fn check_record_sets(
    records: &[ir::RecordSet],
    zone: &ir::Zone,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut by_name: HashMap<&str, Vec<&ir::RecordSet>> = HashMap::new();
    let mut names_in_order: Vec<&str> = Vec::new();
    for record in records {
        by_name
            .entry(record.fqdn.as_str())
            .or_insert_with(|| {
                names_in_order.push(record.fqdn.as_str());
                Vec::new()
            })
            .push(record);
    }
    for fqdn in names_in_order {
        let mut by_type: BTreeMap<ir::RecordType, Vec<&ir::RecordSet>> = BTreeMap::new();
        for &record in &by_name[fqdn] {
            by_type.entry(record.record_type).or_default().push(record);
        }
        for sets in by_type.values_mut() {
            // "first defined here" is the earliest in source order.
            sets.sort_by_key(|r| r.span);
            report_duplicates(sets, diagnostics);
        }
        let is_apex = fqdn == zone.name;
        if let Some(cnames) = by_type.get(&ir::RecordType::Cname) {
            let cname = cnames[0];
            if is_apex {
                diagnostics.push(cname_at_apex(cname, zone));
            } else if by_type.len() > 1 {
                diagnostics.push(cname_beside_others(cname, &by_type));
            }
        }
        if is_apex {
            if let Some(ns) = by_type.get(&ir::RecordType::Ns) {
                diagnostics.push(
                    Diagnostic::new(
                        CheckCode::ConflictingSettings,
                        ns[0].span,
                        "the zone's own NS set is managed by the zone: use `nameservers` in the zone block",
                    )
                    .label("NS record at the zone apex")
                    .hint(
                        "to delegate a subdomain, give the NS record the subdomain's name, \
                         such as `record dev NS [\"ns1.example.net\"]`",
                    ),
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Record heads
// ---------------------------------------------------------------------------

fn lower_type(
    written: &Spanned<String>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<ir::RecordType> {
    if let Some(t) = ir::RecordType::parse(&written.value) {
        return Some(t);
    }
    let upper = written.value.to_ascii_uppercase();
    let diagnostic = if let Some(t) = ir::RecordType::parse(&upper) {
        Diagnostic::new(
            CheckCode::UnsupportedRecordType,
            written.span,
            format!(
                "record type `{}` must be written in upper case",
                written.value
            ),
        )
        .label("lower case")
        .hint(format!("write `{t}`"))
    } else {
        let specific = match upper.as_str() {
            "SOA" => Some("the SOA record comes from the zone: set it with `soa { ... }` in the zone block".to_string()),
            "SPF" => Some(
                "the SPF record type is obsolete (RFC 7208 §14.1): publish the policy as a TXT record".to_string(),
            ),
            "ALIAS" | "ANAME" => Some(
                "Route 53 alias records are endpoints: define an endpoint with `alias record NAME` or \
                 `alias elb \"...\"` and route an A or AAAA record to it"
                    .to_string(),
            ),
            _ => None,
        };
        let suggestion = if specific.is_none() {
            did_you_mean(
                &written.value,
                ir::RecordType::ALL.iter().map(|t| t.as_str()),
            )
        } else {
            None
        };
        Diagnostic::new(
            CheckCode::UnsupportedRecordType,
            written.span,
            format!("unsupported record type `{}`", written.value),
        )
        .label("not a record type steer supports")
        .maybe_hint(specific)
        .maybe_hint(suggestion)
        .hint(format!(
            "the supported record types are {}",
            supported_types()
        ))
    };
    diagnostics.push(diagnostic);
    None
}

fn supported_types() -> String {
    let names: Vec<&str> = ir::RecordType::ALL.iter().map(|t| t.as_str()).collect();
    names.join(", ")
}

/// The owner name: `(relative ASCII name, fqdn)`.
fn lower_owner_name(
    written: &ast::Str,
    zone: &ir::Zone,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<(String, String)> {
    let name = written.value.as_str();
    if name == "@" {
        return Some(("@".to_string(), zone.name.clone()));
    }
    match dns_name::qualify(name, &zone.name) {
        Ok(fqdn) => Some((relative_name(&fqdn, &zone.name), fqdn)),
        Err(error) => {
            let hint = match &error {
                NameError::OutsideZone { .. } => Some(format!(
                    "a name ending in a dot is absolute and must end in `.{zone}.`; without the \
                     trailing dot a name is relative to the zone (`www` is `www.{zone}`)",
                    zone = zone.name
                )),
                NameError::NameTooLong { .. } => Some(format!(
                    "the 253-octet limit counts the zone name `{}` too",
                    zone.name
                )),
                NameError::Empty => Some("write `@` for the zone apex".to_string()),
                _ => None,
            };
            diagnostics.push(
                Diagnostic::new(
                    CheckCode::InvalidName,
                    written.span,
                    format!("invalid record name `{name}`: {error}"),
                )
                .label("invalid name")
                .maybe_hint(hint),
            );
            None
        }
    }
}

/// The zone-relative form of a name inside the zone: `@` for the apex.
fn relative_name(fqdn: &str, zone: &str) -> String {
    if fqdn == zone {
        return "@".to_string();
    }
    match fqdn.strip_suffix(zone).and_then(|p| p.strip_suffix('.')) {
        Some(relative) if !zone.is_empty() => relative.to_string(),
        _ => fqdn.to_string(),
    }
}

// ---------------------------------------------------------------------------
// Record data
// ---------------------------------------------------------------------------

/// A problem with one value, placed at the value's span by the caller.
struct Invalid {
    code: CheckCode,
    message: String,
    label: String,
    hints: Vec<String>,
}

fn invalid(message: impl Into<String>) -> Invalid {
    Invalid {
        code: CheckCode::InvalidRecordData,
        message: message.into(),
        label: String::new(),
        hints: Vec::new(),
    }
}

impl Invalid {
    fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    fn at(self, span: Span) -> Diagnostic {
        let mut d = Diagnostic::new(self.code, span, self.message);
        if !self.label.is_empty() {
            d = d.label(self.label);
        }
        self.hints.into_iter().fold(d, Diagnostic::hint)
    }
}

/// A typical value of each type, for hints.
fn example_value(record_type: ir::RecordType) -> &'static str {
    match record_type {
        ir::RecordType::A => "203.0.113.10",
        ir::RecordType::Aaaa => "2001:db8::10",
        ir::RecordType::Cname => "\"www.example.net\"",
        ir::RecordType::Mx => "\"10 mx1.example.com\"",
        ir::RecordType::Txt => "\"v=spf1 -all\"",
        ir::RecordType::Srv => "\"10 5 5060 sip.example.com\"",
        ir::RecordType::Caa => "\"0 issue \\\"letsencrypt.org\\\"\"",
        ir::RecordType::Ns => "\"ns1.example.net\"",
        ir::RecordType::Ptr => "\"host.example.com\"",
    }
}

fn parse_value(
    record_type: ir::RecordType,
    text: &str,
    zone: &ir::Zone,
) -> Result<ir::RData, Invalid> {
    match record_type {
        ir::RecordType::A => parse_ipv4(text).map(ir::RData::A),
        ir::RecordType::Aaaa => parse_ipv6(text).map(ir::RData::Aaaa),
        ir::RecordType::Cname => parse_target(text, "CNAME target", zone).map(ir::RData::Cname),
        ir::RecordType::Mx => parse_mx(text, zone),
        ir::RecordType::Txt => parse_txt(text),
        ir::RecordType::Srv => parse_srv(text, zone),
        ir::RecordType::Caa => parse_caa(text),
        ir::RecordType::Ns => parse_target(text, "name server", zone).map(ir::RData::Ns),
        ir::RecordType::Ptr => parse_target(text, "PTR target", zone).map(ir::RData::Ptr),
    }
}

fn parse_ipv4(text: &str) -> Result<Ipv4Addr, Invalid> {
    let s = text.trim();
    if let Ok(a) = s.parse::<Ipv4Addr>() {
        return Ok(a);
    }
    let err = invalid(format!("`{s}` is not an IPv4 address")).label("expected an IPv4 address");
    Err(if s.parse::<Ipv6Addr>().is_ok() {
        err.label("an IPv6 address").hint(format!(
            "`{s}` is an IPv6 address: use an AAAA record for it"
        ))
    } else if looks_like_name(s) {
        err.hint(
            "an A record holds IPv4 addresses such as `203.0.113.10`; to point a name at \
             another name, use a CNAME record (or an alias endpoint at the zone apex)",
        )
    } else {
        err.hint("write an IPv4 address in dotted-decimal form, such as `203.0.113.10`")
    })
}

fn parse_ipv6(text: &str) -> Result<Ipv6Addr, Invalid> {
    let s = text.trim();
    if let Ok(a) = s.parse::<Ipv6Addr>() {
        return Ok(a);
    }
    let err = invalid(format!("`{s}` is not an IPv6 address")).label("expected an IPv6 address");
    Err(if s.parse::<Ipv4Addr>().is_ok() {
        err.label("an IPv4 address")
            .hint(format!("`{s}` is an IPv4 address: use an A record for it"))
    } else if looks_like_name(s) {
        err.hint(
            "an AAAA record holds IPv6 addresses such as `2001:db8::10`; to point a name at \
             another name, use a CNAME record (or an alias endpoint at the zone apex)",
        )
    } else {
        err.hint("write an IPv6 address, such as `2001:db8::10`")
    })
}

fn looks_like_name(s: &str) -> bool {
    s.chars().any(|c| c.is_alphabetic()) && dns_name::to_ascii(s).is_ok()
}

/// A host name in record data, in absolute ASCII form without the trailing
/// dot. The root (`.`) is not accepted here: callers that allow it check for
/// it first.
fn parse_target(text: &str, what: &str, zone: &ir::Zone) -> Result<String, Invalid> {
    let s = text.trim();
    if s.is_empty() || s == "." {
        let message = if s.is_empty() {
            format!("the {what} is empty")
        } else {
            format!("the root `.` is not a valid {what}")
        };
        return Err(invalid(message)
            .label(format!("expected a {what}"))
            .hint(format!(
                "write a fully qualified name, such as `host.{}`",
                zone.name
            )));
    }
    if s.parse::<IpAddr>().is_ok() {
        return Err(
            invalid(format!("the {what} `{s}` is an address, not a host name"))
                .label("an address")
                .hint(format!(
                    "give the name of a host that has A or AAAA records, such as `host.{}`",
                    zone.name
                )),
        );
    }
    let ascii = dns_name::to_ascii(s).map_err(|e| {
        invalid(format!("the {what} `{s}` is not a valid domain name: {e}")).label("invalid name")
    })?;
    // Names in record data are absolute, so a single label without a
    // trailing dot (`mail`) would name a top-level domain: it is almost
    // certainly meant relative to the zone, as in zone files. A trailing dot
    // (`mail.`) says the user really means it.
    if !ascii.contains('.') && !s.ends_with('.') {
        return Err(invalid(format!(
            "the {what} `{s}` is a single label, not a fully qualified name"
        ))
        .label("not fully qualified")
        .hint(format!(
            "names in record data are absolute, as in Route 53: write `{ascii}.{}`",
            zone.name
        )));
    }
    Ok(ascii)
}

/// An unsigned decimal field (digits only: no sign, no spaces).
fn parse_number<T: TryFrom<u64>>(field: &str, what: &str, max: u64) -> Result<T, Invalid> {
    if field.is_empty() || !field.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid(format!("{what} `{field}` is not a number"))
            .label("expected a number")
            .hint(format!("{what} is a whole number from 0 to {max}")));
    }
    field
        .parse::<u64>()
        .ok()
        .and_then(|v| T::try_from(v).ok())
        .ok_or_else(|| {
            invalid(format!(
                "{what} {field} is out of range: it must be 0 to {max}"
            ))
            .label("out of range")
        })
}

fn parse_mx(text: &str, zone: &ir::Zone) -> Result<ir::RData, Invalid> {
    let fields: Vec<&str> = text.split_whitespace().collect();
    let example = format!(
        "write a preference and a mail server, such as `10 mx1.{}`",
        zone.name
    );
    match fields.as_slice() {
        [preference, exchange] => {
            let preference = parse_number::<u16>(preference, "MX preference", u16::MAX.into())?;
            // `.` is the null MX of RFC 7505 ("this domain accepts no mail").
            let exchange = if *exchange == "." {
                ".".to_string()
            } else {
                parse_target(exchange, "mail server name", zone)?
            };
            Ok(ir::RData::Mx {
                preference,
                exchange,
            })
        }
        [single] if single.bytes().all(|b| b.is_ascii_digit()) => Err(invalid(format!(
            "the MX value `{text}` has no mail server name"
        ))
        .label("preference only")
        .hint(example)),
        [single] => Err(invalid(format!("the MX value `{text}` has no preference"))
            .label("mail server only")
            .hint(format!(
                "write `10 {single}`: the preference comes first, lowest preferred"
            ))),
        [] => Err(invalid("the MX value is empty")
            .label("empty")
            .hint(example)),
        _ => Err(invalid(format!(
            "the MX value `{text}` has {} fields; it is a preference and a mail server name",
            fields.len()
        ))
        .label("too many fields")
        .hint(example)),
    }
}

/// RFC 7505: a null MX has preference 0 and is the only MX of its name.
fn check_null_mx(
    values: &[ast::Str],
    rdata: &[ir::RData],
    diagnostics: &mut Vec<Diagnostic>,
) -> bool {
    let mut ok = true;
    for (value, mx) in values.iter().zip(rdata) {
        let ir::RData::Mx {
            preference,
            exchange,
        } = mx
        else {
            continue;
        };
        if exchange != "." {
            continue;
        }
        if rdata.len() > 1 {
            ok = false;
            diagnostics.push(
                Diagnostic::new(
                    CheckCode::InvalidRecordData,
                    value.span,
                    "a null MX (`.`: no mail accepted) must be the only MX value of its name",
                )
                .label("null MX beside other mail servers")
                .hint("RFC 7505: remove either the null MX or the other MX values"),
            );
        } else if *preference != 0 {
            ok = false;
            diagnostics.push(
                Diagnostic::new(
                    CheckCode::InvalidRecordData,
                    value.span,
                    format!("a null MX has preference 0, not {preference}"),
                )
                .label("null MX with a preference")
                .hint("RFC 7505: write `0 .`"),
            );
        }
    }
    ok
}

fn parse_txt(text: &str) -> Result<ir::RData, Invalid> {
    let len = route53_txt_len(text);
    if len > ROUTE53_MAX_VALUE_CHARS {
        let mut err = invalid(format!(
            "this TXT value is too long for Route 53: {len} characters once quoted and escaped, \
             and Route 53 accepts at most {ROUTE53_MAX_VALUE_CHARS}"
        ))
        .label(format!("{} bytes", text.len()))
        .hint(
            "Route 53 counts the value as sent: in 255-byte pieces, each in double quotes, \
             with `\"` and `\\` escaped and every byte outside printable ASCII written as a \
             4-character `\\ddd` escape",
        );
        err.code = CheckCode::TooLong;
        return Err(err);
    }
    Ok(ir::RData::Txt(text.to_string()))
}

/// The length, in characters, of a TXT value in the form Route 53 receives
/// it: split into 255-byte character-strings (RFC 1035 §3.3.14), each in
/// double quotes and separated by a space; `"` and `\` escaped with a
/// backslash; bytes outside printable ASCII as `\ddd` octal escapes (Route
/// 53 Developer Guide, TXT record type). Route 53 accepts at most 4000 such
/// characters per value (API reference, `ResourceRecord.Value`). A single
/// value may therefore exceed 255 bytes: backends split it. Backends that
/// split at character boundaries instead of every 255 bytes may need a piece
/// more, so values within a few characters of the limit are at the edge.
fn route53_txt_len(text: &str) -> usize {
    let bytes = text.as_bytes();
    let pieces = bytes.len().div_ceil(TXT_CHUNK_BYTES).max(1);
    let body: usize = bytes
        .iter()
        .map(|&b| match b {
            b'"' | b'\\' => 2,
            0x20..=0x7e => 1,
            _ => 4,
        })
        .sum();
    body + 2 * pieces + (pieces - 1)
}

fn parse_srv(text: &str, zone: &ir::Zone) -> Result<ir::RData, Invalid> {
    let fields: Vec<&str> = text.split_whitespace().collect();
    let [priority, weight, port, target] = fields.as_slice() else {
        return Err(invalid(format!(
            "the SRV value `{text}` has {} field{}; it is `PRIORITY WEIGHT PORT TARGET`",
            fields.len(),
            if fields.len() == 1 { "" } else { "s" }
        ))
        .label("expected 4 fields")
        .hint(format!("for example `10 5 5060 sip.{}`", zone.name)));
    };
    let priority = parse_number::<u16>(priority, "SRV priority", u16::MAX.into())?;
    let weight = parse_number::<u16>(weight, "SRV weight", u16::MAX.into())?;
    let port = parse_number::<u16>(port, "SRV port", u16::MAX.into())?;
    // `.` means "the service is decidedly not available here" (RFC 2782).
    let target = if *target == "." {
        ".".to_string()
    } else {
        parse_target(target, "SRV target", zone)?
    };
    Ok(ir::RData::Srv {
        priority,
        weight,
        port,
        target,
    })
}

/// Splits off the first whitespace-separated field.
fn split_field(s: &str) -> (&str, &str) {
    let s = s.trim_start();
    match s.find(char::is_whitespace) {
        Some(i) => (&s[..i], s[i..].trim_start()),
        None => (s, ""),
    }
}

/// `FLAGS TAG "VALUE"` or `FLAGS TAG VALUE` (RFC 8659 §4.1.1). The value is
/// stored without its quotes and with escapes decoded.
fn parse_caa(text: &str) -> Result<ir::RData, Invalid> {
    let example = "write flags, a tag and a value, such as `0 issue \"letsencrypt.org\"`";
    let (flags, rest) = split_field(text);
    let (tag, rest) = split_field(rest);
    if tag.is_empty() {
        return Err(invalid(format!("the CAA value `{text}` is incomplete"))
            .label("expected `FLAGS TAG VALUE`")
            .hint(example));
    }
    let flags = parse_number::<u8>(flags, "CAA flags", u8::MAX.into())?;
    if !tag.bytes().all(|b| b.is_ascii_alphanumeric()) || tag.len() > 255 {
        let mut err = invalid(format!("`{tag}` is not a valid CAA tag"))
            .label("invalid tag")
            .hint(
                "CAA tags are letters and digits only (RFC 8659): `issue`, `issuewild` or `iodef`",
            );
        let letters: String = tag.chars().filter(char::is_ascii_alphanumeric).collect();
        if let Some(suggestion) = did_you_mean(&letters, CAA_KNOWN_TAGS) {
            err = err.hint(suggestion);
        }
        return Err(err);
    }
    let tag = tag.to_ascii_lowercase();
    if rest.is_empty() {
        return Err(invalid(format!(
            "the CAA value `{text}` has no value after the tag `{tag}`"
        ))
        .label("missing value")
        .hint(format!(
            "write `{flags} {tag} \"...\"`; `{flags} {tag} \";\"` forbids every CA"
        )));
    }
    let value = if rest.starts_with('"') {
        parse_quoted(rest)?
    } else if rest.contains('"') {
        return Err(invalid(format!("the CAA value `{rest}` has a stray quote"))
            .label("unbalanced quote")
            .hint(example));
    } else {
        rest.to_string()
    };
    if tag == "iodef"
        && !["mailto:", "http://", "https://"]
            .iter()
            .any(|p| value.starts_with(p))
    {
        return Err(invalid(format!(
            "the CAA iodef value `{value}` is not a mailto:, http: or https: URL"
        ))
        .label("expected a URL")
        .hint("for example `0 iodef \"mailto:security@example.com\"` (RFC 8659 §4.4)"));
    }
    Ok(ir::RData::Caa { flags, tag, value })
}

/// A quoted character-string: `"..."` with `\X` and `\DDD` (decimal)
/// escapes, as in RFC 1035 §5.1. Nothing may follow the closing quote.
fn parse_quoted(s: &str) -> Result<String, Invalid> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 1;
    loop {
        match bytes.get(i) {
            None => {
                return Err(
                    invalid(format!("the quoted value `{s}` has no closing quote"))
                        .label("unterminated quote")
                        .hint("end the value with `\"` (written `\\\"` inside a steer string)"),
                )
            }
            Some(b'"') => {
                i += 1;
                break;
            }
            Some(b'\\') => {
                let digits = bytes
                    .get(i + 1..i + 4)
                    .filter(|d| d.iter().all(u8::is_ascii_digit));
                if let Some(d) = digits {
                    let code = d
                        .iter()
                        .fold(0u32, |acc, &b| acc * 10 + u32::from(b - b'0'));
                    let byte = u8::try_from(code).map_err(|_| {
                        invalid(format!(
                            "the escape `\\{}` is above \\255",
                            String::from_utf8_lossy(d)
                        ))
                        .label("invalid escape")
                    })?;
                    out.push(byte);
                    i += 4;
                } else if let Some(&c) = bytes.get(i + 1) {
                    out.push(c);
                    i += 2;
                } else {
                    i += 1;
                }
            }
            Some(&b) => {
                out.push(b);
                i += 1;
            }
        }
    }
    let after = s[i..].trim();
    if !after.is_empty() {
        return Err(invalid(format!("unexpected `{after}` after the closing quote"))
            .label("text after the value")
            .hint("one CAA value is one property; write several values to give several properties"));
    }
    String::from_utf8(out).map_err(|_| {
        invalid("the escapes in this value do not form valid UTF-8").label("invalid escapes")
    })
}

fn duplicate_value(record_type: ir::RecordType, first: &ast::Str, again: &ast::Str) -> Diagnostic {
    let message = if first.value == again.value {
        format!("the {record_type} value `{}` is repeated", again.value)
    } else {
        format!(
            "the {record_type} value `{}` is the same as `{}`",
            again.value, first.value
        )
    };
    Diagnostic::new(CheckCode::InvalidRecordData, again.span, message)
        .label("repeated value")
        .with_secondary(first.span, "first written here")
        .hint("Route 53 rejects a record with duplicate values; remove one of them")
}

// ---------------------------------------------------------------------------
// Conflicts between record sets
// ---------------------------------------------------------------------------

fn display_name(record: &ir::RecordSet) -> String {
    dns_name::to_unicode(&record.name)
}

fn report_duplicates(sets: &[&ir::RecordSet], diagnostics: &mut Vec<Diagnostic>) {
    let Some((first, later)) = sets.split_first() else {
        return;
    };
    for again in later {
        let hint = match (&first.content, &again.content) {
            (ir::RecordContent::Plain(_), ir::RecordContent::Plain(_)) => format!(
                "merge the values into one record: `record {} {} [..., ...]`",
                first.name, first.record_type
            ),
            _ => "a name and type has one routing policy: combine the two into one policy, \
                  or give one of them another name"
                .to_string(),
        };
        diagnostics.push(
            Diagnostic::new(
                CheckCode::DuplicateDefinition,
                again.span,
                format!(
                    "record `{}` {} is defined more than once",
                    display_name(again),
                    again.record_type
                ),
            )
            .label("defined again here")
            .with_secondary(first.span, "first defined here")
            .hint(hint),
        );
    }
}

fn cname_at_apex(cname: &ir::RecordSet, zone: &ir::Zone) -> Diagnostic {
    Diagnostic::new(
        CheckCode::CnameConflict,
        cname.span,
        format!(
            "a CNAME record cannot be at the zone apex `{}`",
            dns_name::to_unicode(&zone.name)
        ),
    )
    .label("CNAME at the apex")
    .hint(
        "the apex holds the zone's SOA and NS records, and a CNAME cannot share its name \
         (RFC 1034 §3.6.2); Route 53 alias records can be at the apex: define an endpoint \
         with `alias record NAME` or `alias elb \"...\"` (or another alias kind) and route \
         an A or AAAA record at `@` to it",
    )
}

fn cname_beside_others(
    cname: &ir::RecordSet,
    by_type: &BTreeMap<ir::RecordType, Vec<&ir::RecordSet>>,
) -> Diagnostic {
    let others: Vec<&ir::RecordSet> = by_type
        .iter()
        .filter(|(t, _)| **t != ir::RecordType::Cname)
        .map(|(_, sets)| sets[0])
        .collect();
    let types: Vec<&str> = others.iter().map(|r| r.record_type.as_str()).collect();
    let mut d = Diagnostic::new(
        CheckCode::CnameConflict,
        cname.span,
        format!(
            "`{}` has a CNAME record and also {} data",
            display_name(cname),
            types.join(", ")
        ),
    )
    .label("CNAME here");
    for other in others {
        d = d.with_secondary(
            other.span,
            format!("{} record at the same name", other.record_type),
        );
    }
    d.hint(
        "a name with a CNAME can have no other records (RFC 1034 §3.6.2): put the other \
         records at the CNAME's target, or replace the CNAME with A/AAAA records or an alias endpoint",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;
    use ir::{RData, RecordType};

    fn zone() -> ir::Zone {
        ir::Zone {
            name: "example.com".into(),
            display_name: "example.com".into(),
            ttl: 300,
            nameservers: vec!["ns1.example.com".into(), "ns2.example.com".into()],
            hosted_zone: ir::HostedZone::ByName,
            soa: ir::Soa {
                rname: "hostmaster.example.com".into(),
                serial: None,
                refresh: 7200,
                retry: 900,
                expire: 1_209_600,
                minimum: 300,
            },
            span: Span::default(),
        }
    }

    fn span(start: usize) -> Span {
        Span::new(FileId(0), start, start + 1)
    }

    fn def(
        name: &str,
        record_type: &str,
        values: &[&str],
        ttl: Option<u64>,
        at: usize,
    ) -> ast::RecordDef {
        ast::RecordDef {
            name: Spanned::new(name.to_string(), span(at)),
            record_type: Spanned::new(record_type.to_string(), span(at + 1)),
            value: ast::RecordValue::Plain(
                values
                    .iter()
                    .enumerate()
                    .map(|(i, v)| Spanned::new(v.to_string(), span(at + 10 + i)))
                    .collect(),
            ),
            ttl: ttl.map(|t| Spanned::new(ast::Seconds(t), span(at + 2))),
            span: Span::new(FileId(0), at, at + 50),
        }
    }

    fn head(name: &str, record_type: &str) -> (Option<ir::RecordSet>, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let r = lower_record_head(
            &def(name, record_type, &["x"], None, 0),
            &zone(),
            &mut diags,
        );
        (r, diags)
    }

    fn lower(t: RecordType, values: &[&str]) -> (Option<Vec<RData>>, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let values: Vec<ast::Str> = values
            .iter()
            .enumerate()
            .map(|(i, v)| Spanned::new(v.to_string(), span(100 * i)))
            .collect();
        let r = lower_plain_values(t, &values, &zone(), &mut diags);
        (r, diags)
    }

    /// Lowers values that must be valid.
    fn ok(t: RecordType, values: &[&str]) -> Vec<RData> {
        let (r, diags) = lower(t, values);
        assert!(diags.is_empty(), "{values:?}: {diags:#?}");
        r.expect("no diagnostics but no values")
    }

    /// Lowers values that must be rejected, returning the diagnostics.
    fn err(t: RecordType, values: &[&str]) -> Vec<Diagnostic> {
        let (r, diags) = lower(t, values);
        assert!(r.is_none(), "{values:?} accepted as {r:?}");
        assert!(!diags.is_empty(), "{values:?}: None without a diagnostic");
        diags
    }

    fn codes(diags: &[Diagnostic]) -> Vec<&'static str> {
        diags.iter().map(|d| d.code).collect()
    }

    fn set(name: &str, t: &str, at: usize) -> ir::RecordSet {
        let mut diags = Vec::new();
        let r = lower_record_head(&def(name, t, &["x"], None, at), &zone(), &mut diags)
            .expect("valid head");
        assert!(diags.is_empty());
        r
    }

    fn check(mut records: Vec<ir::RecordSet>) -> Vec<Diagnostic> {
        records.sort_by(|a, b| (&a.fqdn, a.record_type).cmp(&(&b.fqdn, b.record_type)));
        let mut diags = Vec::new();
        check_record_sets(&records, &zone(), &mut diags);
        diags
    }

    // --- ttl ---------------------------------------------------------------

    #[test]
    fn ttl_range() {
        let mut diags = Vec::new();
        let t = |v: u64| Spanned::new(ast::Seconds(v), span(3));
        assert_eq!(ttl(&t(0), &mut diags), Some(0));
        assert_eq!(ttl(&t(300), &mut diags), Some(300));
        assert_eq!(ttl(&t(2_147_483_647), &mut diags), Some(2_147_483_647));
        assert!(diags.is_empty());
        assert_eq!(ttl(&t(2_147_483_648), &mut diags), None);
        assert_eq!(ttl(&t(3_000_000_000), &mut diags), None);
        assert_eq!(ttl(&t(u64::MAX), &mut diags), None);
        assert_eq!(codes(&diags), ["out-of-range"; 3]);
        assert_eq!(
            diags[1].message,
            "TTL 3000000000 is out of range: Route 53 accepts 0 to 2147483647 seconds"
        );
        assert_eq!(diags[1].primary.span, span(3));
    }

    // --- heads -------------------------------------------------------------

    #[test]
    fn record_types() {
        for t in RecordType::ALL {
            let (r, diags) = head("www", t.as_str());
            assert!(diags.is_empty(), "{t}");
            assert_eq!(r.unwrap().record_type, t);
        }
        let (r, diags) = head("www", "a");
        assert!(r.is_none());
        assert_eq!(codes(&diags), ["unsupported-record-type"]);
        assert_eq!(diags[0].hints, ["write `A`"]);
        assert_eq!(diags[0].primary.span, span(1));

        let (_, diags) = head("www", "Cname");
        assert_eq!(diags[0].hints, ["write `CNAME`"]);

        let (r, diags) = head("www", "CNAM");
        assert!(r.is_none());
        assert_eq!(codes(&diags), ["unsupported-record-type"]);
        assert!(
            diags[0].hints.iter().any(|h| h == "did you mean `CNAME`?"),
            "{:?}",
            diags[0].hints
        );
        assert!(diags[0]
            .hints
            .iter()
            .any(|h| h.contains("A, AAAA, CNAME, MX, TXT, SRV, CAA, NS, PTR")));

        let (_, diags) = head("www", "NAPTR");
        assert_eq!(codes(&diags), ["unsupported-record-type"]);
        assert!(diags[0]
            .hints
            .last()
            .unwrap()
            .contains("supported record types"));

        let (_, diags) = head("@", "SOA");
        assert!(diags[0].hints[0].contains("soa {"), "{:?}", diags[0].hints);
        let (_, diags) = head("@", "SPF");
        assert!(diags[0].hints[0].contains("TXT"));
    }

    #[test]
    fn owner_names() {
        let cases = [
            ("@", "@", "example.com"),
            ("www", "www", "www.example.com"),
            ("WWW", "www", "www.example.com"),
            ("*", "*", "*.example.com"),
            ("*.dev", "*.dev", "*.dev.example.com"),
            ("_sip._tcp", "_sip._tcp", "_sip._tcp.example.com"),
            ("bücher", "xn--bcher-kva", "xn--bcher-kva.example.com"),
            (
                "_dmarc.bücher",
                "_dmarc.xn--bcher-kva",
                "_dmarc.xn--bcher-kva.example.com",
            ),
            ("www.example.com.", "www", "www.example.com"),
            ("Example.COM.", "@", "example.com"),
        ];
        for (written, name, fqdn) in cases {
            let (r, diags) = head(written, "A");
            assert!(diags.is_empty(), "{written}: {diags:?}");
            let r = r.unwrap();
            assert_eq!(
                (r.name.as_str(), r.fqdn.as_str()),
                (name, fqdn),
                "{written}"
            );
        }
    }

    #[test]
    fn invalid_owner_names() {
        let long_label = "a".repeat(64);
        // 242 octets, and 254 with `.example.com`.
        let long_name = format!(
            "{}.{}.{}.{}",
            "a".repeat(63),
            "b".repeat(63),
            "c".repeat(63),
            "d".repeat(50)
        );
        for written in [
            "a..b",
            "dev.*",
            "*foo",
            "www.example.org.",
            "a b",
            "@.www",
            &long_label,
            &long_name,
        ] {
            let (r, diags) = head(written, "A");
            assert!(r.is_none(), "{written}");
            assert_eq!(codes(&diags), ["invalid-name"], "{written}");
            assert_eq!(diags[0].primary.span, span(0));
        }
        let (_, diags) = head("www.example.org.", "A");
        assert!(
            diags[0]
                .message
                .contains("not inside the zone `example.com`"),
            "{}",
            diags[0].message
        );
        assert!(diags[0].hints[0].contains("relative"));
        let (_, diags) = head("a.*.b", "A");
        assert!(diags[0].message.contains("leftmost"));
    }

    #[test]
    fn wildcard_ns_is_rejected() {
        let (r, diags) = head("*.dev", "NS");
        assert!(r.is_none());
        assert_eq!(codes(&diags), ["invalid-name"]);
        assert!(head("*.dev", "A").0.is_some());
        assert!(head("dev", "NS").0.is_some());
    }

    #[test]
    fn record_ttl() {
        let mut diags = Vec::new();
        let r = lower_record_head(&def("www", "A", &["x"], None, 0), &zone(), &mut diags).unwrap();
        assert_eq!((r.ttl, r.ttl_explicit), (300, false));
        let r =
            lower_record_head(&def("www", "A", &["x"], Some(60), 0), &zone(), &mut diags).unwrap();
        assert_eq!((r.ttl, r.ttl_explicit), (60, true));
        let r =
            lower_record_head(&def("www", "A", &["x"], Some(0), 0), &zone(), &mut diags).unwrap();
        assert_eq!((r.ttl, r.ttl_explicit), (0, true));
        assert!(diags.is_empty());
        assert_eq!(r.span, Span::new(FileId(0), 0, 50));
        assert!(matches!(&r.content, ir::RecordContent::Plain(v) if v.is_empty()));

        let r = lower_record_head(
            &def("www", "A", &["x"], Some(3_000_000_000), 0),
            &zone(),
            &mut diags,
        );
        assert!(r.is_none());
        assert_eq!(codes(&diags), ["out-of-range"]);
        assert_eq!(diags[0].primary.span, span(2));
    }

    #[test]
    fn head_reports_every_problem() {
        let mut diags = Vec::new();
        let r = lower_record_head(
            &def("a..b", "mx", &[], Some(1 << 40), 0),
            &zone(),
            &mut diags,
        );
        assert!(r.is_none());
        let mut c = codes(&diags);
        c.sort_unstable();
        assert_eq!(
            c,
            [
                "invalid-name",
                "invalid-record-data",
                "out-of-range",
                "unsupported-record-type"
            ]
        );
    }

    #[test]
    fn empty_value_list() {
        let mut diags = Vec::new();
        let r = lower_record_head(&def("www", "A", &[], None, 0), &zone(), &mut diags);
        assert!(r.is_none());
        assert_eq!(codes(&diags), ["invalid-record-data"]);
        assert_eq!(diags[0].primary.span, Span::new(FileId(0), 0, 50));
        assert!(diags[0].message.contains("no values"));

        let mut diags = Vec::new();
        assert!(lower_plain_values(RecordType::A, &[], &zone(), &mut diags).is_none());
        assert_eq!(codes(&diags), ["invalid-record-data"]);
    }

    // --- values ------------------------------------------------------------

    #[test]
    fn addresses() {
        assert_eq!(
            ok(RecordType::A, &["203.0.113.10", "203.0.113.11"]),
            [
                RData::A(Ipv4Addr::new(203, 0, 113, 10)),
                RData::A(Ipv4Addr::new(203, 0, 113, 11))
            ]
        );
        assert_eq!(
            ok(RecordType::Aaaa, &["2001:DB8::10"]),
            [RData::Aaaa("2001:db8::10".parse().unwrap())]
        );

        let diags = err(RecordType::A, &["2001:db8::1"]);
        assert_eq!(codes(&diags), ["invalid-record-data"]);
        assert!(
            diags[0].hints[0].contains("use an AAAA record"),
            "{:?}",
            diags[0].hints
        );
        let diags = err(RecordType::Aaaa, &["192.0.2.1"]);
        assert!(diags[0].hints[0].contains("use an A record"));
        let diags = err(RecordType::A, &["www.example.net"]);
        assert!(diags[0].hints[0].contains("CNAME"));
        for bad in ["256.1.1.1", "1.2.3", "", "1.2.3.4.5", "1.2.3.4/24"] {
            assert_eq!(
                codes(&err(RecordType::A, &[bad])),
                ["invalid-record-data"],
                "{bad}"
            );
        }
        assert_eq!(
            codes(&err(RecordType::Aaaa, &["2001:db8::g"])),
            ["invalid-record-data"]
        );

        // Every bad value is reported, each at its own span.
        let diags = err(RecordType::A, &["1.2.3.4", "x", "1.2.3.5", "y"]);
        assert_eq!(codes(&diags), ["invalid-record-data"; 2]);
        assert_eq!(diags[0].primary.span, span(100));
        assert_eq!(diags[1].primary.span, span(300));
    }

    #[test]
    fn duplicate_values() {
        let diags = err(RecordType::A, &["192.0.2.1", "192.0.2.2", "192.0.2.1"]);
        assert_eq!(codes(&diags), ["invalid-record-data"]);
        assert_eq!(diags[0].primary.span, span(200));
        assert_eq!(diags[0].secondary[0].span, span(0));
        assert_eq!(diags[0].secondary[0].message, "first written here");

        // Equal once parsed, although written differently.
        let diags = err(RecordType::Aaaa, &["2001:db8::1", "2001:DB8:0:0::1"]);
        assert!(
            diags[0].message.contains("the same as"),
            "{}",
            diags[0].message
        );
        let diags = err(RecordType::Mx, &["10 mx.example.com", "10 MX.example.com."]);
        assert_eq!(codes(&diags), ["invalid-record-data"]);

        // TXT is case-sensitive; MX preference differs.
        ok(RecordType::Txt, &["Ab", "aB"]);
        ok(RecordType::Mx, &["10 mx.example.com", "20 mx.example.com"]);
        assert_eq!(
            codes(&err(RecordType::Txt, &["x", "x"])),
            ["invalid-record-data"]
        );
    }

    #[test]
    fn cname() {
        assert_eq!(
            ok(RecordType::Cname, &["www.example.net."]),
            [RData::Cname("www.example.net".into())]
        );
        assert_eq!(
            ok(RecordType::Cname, &["WWW.Example.NET"]),
            [RData::Cname("www.example.net".into())]
        );
        assert_eq!(
            ok(RecordType::Cname, &["bücher.example"]),
            [RData::Cname("xn--bcher-kva.example".into())]
        );

        let diags = err(RecordType::Cname, &["a.example.net", "b.example.net"]);
        assert_eq!(codes(&diags), ["invalid-record-data"]);
        assert_eq!(diags[0].primary.span, span(100));
        assert_eq!(diags[0].secondary[0].span, span(0));

        for bad in [".", "", "a..b.com", "192.0.2.1", "exa mple.com", "www"] {
            assert_eq!(
                codes(&err(RecordType::Cname, &[bad])),
                ["invalid-record-data"],
                "{bad:?}"
            );
        }
        let diags = err(RecordType::Cname, &["www"]);
        assert!(
            diags[0].hints[0].contains("`www.example.com`"),
            "{:?}",
            diags[0].hints
        );
        // A trailing dot says a single label is meant.
        assert_eq!(
            ok(RecordType::Cname, &["localhost."]),
            [RData::Cname("localhost".into())]
        );
    }

    #[test]
    fn mx() {
        assert_eq!(
            ok(
                RecordType::Mx,
                &["10 mx1.example.com.", "20   mx2.example.com", "0 ÿ.example"]
            ),
            [
                RData::Mx {
                    preference: 10,
                    exchange: "mx1.example.com".into()
                },
                RData::Mx {
                    preference: 20,
                    exchange: "mx2.example.com".into()
                },
                RData::Mx {
                    preference: 0,
                    exchange: dns_name::to_ascii("ÿ.example").unwrap()
                },
            ]
        );
        assert_eq!(
            ok(RecordType::Mx, &["65535 mx.example.com"]),
            [RData::Mx {
                preference: 65535,
                exchange: "mx.example.com".into()
            }]
        );
        for bad in [
            "65536 mx.example.com",
            "-1 mx.example.com",
            "+1 mx.example.com",
            "mx.example.com",
            "10",
            "10 mx.example.com extra",
            "ten mx.example.com",
            "10 192.0.2.1",
            "10 mx..example.com",
            "",
        ] {
            assert_eq!(
                codes(&err(RecordType::Mx, &[bad])),
                ["invalid-record-data"],
                "{bad:?}"
            );
        }
        let diags = err(RecordType::Mx, &["mx.example.com"]);
        assert!(
            diags[0].hints[0].contains("`10 mx.example.com`"),
            "{:?}",
            diags[0].hints
        );
    }

    #[test]
    fn null_mx() {
        assert_eq!(
            ok(RecordType::Mx, &["0 ."]),
            [RData::Mx {
                preference: 0,
                exchange: ".".into()
            }]
        );
        let diags = err(RecordType::Mx, &["0 .", "10 mx.example.com"]);
        assert_eq!(codes(&diags), ["invalid-record-data"]);
        assert_eq!(diags[0].primary.span, span(0));
        assert_eq!(
            codes(&err(RecordType::Mx, &["10 ."])),
            ["invalid-record-data"]
        );
    }

    #[test]
    fn txt() {
        let spf = "v=spf1 include:_spf.example.com ~all";
        assert_eq!(ok(RecordType::Txt, &[spf]), [RData::Txt(spf.into())]);
        // Kept exactly as written: spaces, quotes, UTF-8, the empty string.
        let odd = "  \"quoted\" and ünïcode\t ";
        assert_eq!(
            ok(RecordType::Txt, &[odd, ""]),
            [RData::Txt(odd.into()), RData::Txt(String::new())]
        );

        // Longer than one 255-byte character-string: fine, backends split it.
        let long = "k".repeat(400);
        assert_eq!(ok(RecordType::Txt, &[&long]), [RData::Txt(long.clone())]);

        // Route 53's 4000-character limit counts quotes and escapes.
        let max_ascii = "a".repeat(3953); // 16 pieces: 3953 + 32 quotes + 15 spaces = 4000
        assert_eq!(route53_txt_len(&max_ascii), 4000);
        ok(RecordType::Txt, &[&max_ascii]);
        let diags = err(RecordType::Txt, &[&"a".repeat(3954)]);
        assert_eq!(codes(&diags), ["too-long"]);
        assert!(diags[0].message.contains("4000"), "{}", diags[0].message);
        // Non-ASCII bytes count 4 characters each: 1000 × "é" is 2000 bytes.
        assert_eq!(
            codes(&err(RecordType::Txt, &[&"é".repeat(1000)])),
            ["too-long"]
        );
        ok(RecordType::Txt, &[&"é".repeat(490)]);
    }

    #[test]
    fn txt_length_measure() {
        assert_eq!(route53_txt_len(""), 2);
        assert_eq!(route53_txt_len("abc"), 5);
        assert_eq!(route53_txt_len("a\"b\\c"), 9);
        assert_eq!(route53_txt_len("\u{e9}"), 2 + 8);
        assert_eq!(route53_txt_len(&"a".repeat(255)), 257);
        assert_eq!(route53_txt_len(&"a".repeat(256)), 256 + 4 + 1);
    }

    #[test]
    fn srv() {
        assert_eq!(
            ok(RecordType::Srv, &["10 5 5060 sip.example.com.", "0 0 0 ."]),
            [
                RData::Srv {
                    priority: 10,
                    weight: 5,
                    port: 5060,
                    target: "sip.example.com".into()
                },
                RData::Srv {
                    priority: 0,
                    weight: 0,
                    port: 0,
                    target: ".".into()
                },
            ]
        );
        ok(RecordType::Srv, &["65535 65535 65535 sip.example.com"]);
        for bad in [
            "10 5 sip.example.com",
            "10 5 5060 sip.example.com x",
            "10 5 65536 sip.example.com",
            "70000 5 5060 sip.example.com",
            "10 -5 5060 sip.example.com",
            "10 5 5060 192.0.2.1",
            "10 5 5060 sip",
            "",
        ] {
            assert_eq!(
                codes(&err(RecordType::Srv, &[bad])),
                ["invalid-record-data"],
                "{bad:?}"
            );
        }
    }

    #[test]
    fn caa() {
        let caa = |flags: u8, tag: &str, value: &str| RData::Caa {
            flags,
            tag: tag.into(),
            value: value.into(),
        };
        assert_eq!(
            ok(
                RecordType::Caa,
                &[
                    "0 issue \"letsencrypt.org\"",
                    "0 issuewild letsencrypt.org",
                    "128 ISSUE \"ca.example.net; account=123456\"",
                    "0 iodef \"mailto:security@example.com\"",
                    "0 issue \";\"",
                    "0 issue \"\"",
                    "0 issue \"a\\\"b\\\\c\\059\"",
                    "0 issuemail \"ca.example.net\"",
                    "255 tbs unquoted value with spaces",
                ]
            ),
            [
                caa(0, "issue", "letsencrypt.org"),
                caa(0, "issuewild", "letsencrypt.org"),
                caa(128, "issue", "ca.example.net; account=123456"),
                caa(0, "iodef", "mailto:security@example.com"),
                caa(0, "issue", ";"),
                caa(0, "issue", ""),
                caa(0, "issue", "a\"b\\c;"),
                caa(0, "issuemail", "ca.example.net"),
                caa(255, "tbs", "unquoted value with spaces"),
            ]
        );
        for bad in [
            "256 issue \"ca.example.net\"",
            "-1 issue \"ca.example.net\"",
            "issue \"ca.example.net\"",
            "0 issue",
            "0",
            "",
            "0 issue \"ca.example.net",
            "0 issue \"ca.example.net\" extra",
            "0 issue ca.example.net\"",
            "0 issue-wild \"ca.example.net\"",
            "0 iodef \"security@example.com\"",
            "0 issue \"\\300\"",
            "0 issue \"\\255\"",
        ] {
            assert_eq!(
                codes(&err(RecordType::Caa, &[bad])),
                ["invalid-record-data"],
                "{bad:?}"
            );
        }
        let diags = err(RecordType::Caa, &["0 issue-wild \"ca.example.net\""]);
        assert!(
            diags[0]
                .hints
                .iter()
                .any(|h| h == "did you mean `issuewild`?"),
            "{:?}",
            diags[0].hints
        );
        assert!(diags[0].hints.iter().all(|h| !h.is_empty()));
    }

    #[test]
    fn ns_and_ptr() {
        assert_eq!(
            ok(RecordType::Ns, &["ns1.example.net.", "NS2.example.net"]),
            [
                RData::Ns("ns1.example.net".into()),
                RData::Ns("ns2.example.net".into())
            ]
        );
        assert_eq!(
            ok(RecordType::Ptr, &["host.example.com"]),
            [RData::Ptr("host.example.com".into())]
        );
        assert_eq!(
            ok(RecordType::Ptr, &["bücher.de."]),
            [RData::Ptr("xn--bcher-kva.de".into())]
        );
        for t in [RecordType::Ns, RecordType::Ptr] {
            for bad in [".", "192.0.2.1", "a..b", "ns1"] {
                assert_eq!(
                    codes(&err(t, &[bad])),
                    ["invalid-record-data"],
                    "{t} {bad:?}"
                );
            }
        }
    }

    // --- record sets -------------------------------------------------------

    #[test]
    fn distinct_record_sets_pass() {
        let diags = check(vec![
            set("www", "A", 0),
            set("www", "AAAA", 100),
            set("@", "MX", 200),
            set("@", "TXT", 300),
            set("api", "CNAME", 400),
            set("dev", "NS", 500),
            set("*.dev", "CNAME", 600),
        ]);
        assert!(diags.is_empty(), "{diags:#?}");
    }

    #[test]
    fn duplicate_record_sets() {
        // Listed out of source order: the earlier span is "first".
        let diags = check(vec![
            set("www", "A", 200),
            set("www", "A", 0),
            set("www", "A", 100),
        ]);
        assert_eq!(codes(&diags), ["duplicate-definition"; 2]);
        assert_eq!(diags[0].message, "record `www` A is defined more than once");
        assert_eq!(diags[0].primary.span, Span::new(FileId(0), 100, 150));
        assert_eq!(diags[1].primary.span, Span::new(FileId(0), 200, 250));
        for d in &diags {
            assert_eq!(d.secondary[0].span, Span::new(FileId(0), 0, 50));
            assert_eq!(d.secondary[0].message, "first defined here");
        }
        // Same name written two ways.
        let diags = check(vec![
            set("WWW", "TXT", 0),
            set("www.example.com.", "TXT", 100),
        ]);
        assert_eq!(codes(&diags), ["duplicate-definition"]);
        // Unicode names are shown in Unicode.
        let diags = check(vec![set("bücher", "A", 0), set("xn--bcher-kva", "A", 100)]);
        assert_eq!(
            diags[0].message,
            "record `bücher` A is defined more than once"
        );
    }

    #[test]
    fn cname_at_the_apex() {
        let diags = check(vec![set("@", "CNAME", 0)]);
        assert_eq!(codes(&diags), ["cname-conflict"]);
        assert!(
            diags[0].hints[0].contains("alias record"),
            "{:?}",
            diags[0].hints
        );
        assert!(diags[0].hints[0].contains("alias elb"));
    }

    #[test]
    fn cname_beside_other_data() {
        let diags = check(vec![
            set("www", "CNAME", 100),
            set("www", "TXT", 0),
            set("www", "A", 200),
            set("api", "A", 300),
        ]);
        assert_eq!(codes(&diags), ["cname-conflict"]);
        assert_eq!(diags[0].primary.span, Span::new(FileId(0), 100, 150));
        let secondary: Vec<Span> = diags[0].secondary.iter().map(|l| l.span).collect();
        assert_eq!(
            secondary,
            [Span::new(FileId(0), 200, 250), Span::new(FileId(0), 0, 50)]
        );
        assert!(diags[0].message.contains("A, TXT"), "{}", diags[0].message);

        // Two CNAMEs at one name: a duplicate, not a conflict.
        let diags = check(vec![set("www", "CNAME", 0), set("www", "CNAME", 100)]);
        assert_eq!(codes(&diags), ["duplicate-definition"]);
    }

    #[test]
    fn ns_at_apex() {
        let diags = check(vec![set("@", "NS", 0), set("dev", "NS", 100)]);
        assert_eq!(codes(&diags), ["conflicting-settings"]);
        assert_eq!(
            diags[0].message,
            "the zone's own NS set is managed by the zone: use `nameservers` in the zone block"
        );
        assert_eq!(diags[0].primary.span, Span::new(FileId(0), 0, 50));
    }

    #[test]
    fn check_is_linear_enough_for_many_records() {
        let records: Vec<ir::RecordSet> = (0..20_000)
            .map(|i| set(&format!("h{i}"), "A", i * 60))
            .collect();
        assert!(check(records).is_empty());
    }
}
