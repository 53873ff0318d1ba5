//! The record head: owner name, type and TTL.

use super::rdata::example_value;
use crate::check::{ir, CheckCode};
use crate::diagnostic::{did_you_mean, Diagnostic, Diagnostics};
use crate::dns_name::{self, NameError};
use crate::source::Spanned;
use crate::syntax::ast;

/// The largest TTL: RFC 2181 §8 (2^31 - 1), which is also Route 53's maximum.
const MAX_TTL: u64 = 2_147_483_647;

/// Checks a TTL (a zone's default or a record's own) against the range
/// Route 53 and RFC 2181 accept.
pub(in crate::check) fn ttl(
    value: &Spanned<ast::Seconds>,
    diagnostics: &mut Diagnostics,
) -> Option<u32> {
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
pub(in crate::check) fn lower_record_head(
    def: &ast::RecordDef,
    zone: &ir::Zone,
    diagnostics: &mut Diagnostics,
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

fn lower_type(written: &Spanned<String>, diagnostics: &mut Diagnostics) -> Option<ir::RecordType> {
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
    diagnostics: &mut Diagnostics,
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
