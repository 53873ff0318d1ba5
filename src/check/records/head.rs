//! The record head: owner name, type and TTL.

use crate::check::{ir, messages};
use crate::diagnostic::{did_you_mean, Diagnostics};
use crate::dns_name;
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
    diagnostics.push(messages::ttl_out_of_range(seconds, MAX_TTL, value.span));
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
            diagnostics.push(messages::record_without_values(
                &def.name.value,
                &def.record_type.value,
                record_type,
                def.span,
            ));
        }
    }
    let record_type = record_type?;
    let (name, fqdn) = names?;
    let (ttl, ttl_explicit) = resolved_ttl?;
    if record_type == ir::RecordType::Ns && dns_name::is_wildcard(&fqdn) {
        diagnostics.push(messages::wildcard_ns(&def.name.value, def.name.span));
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
        content: ir::RecordContent::Plain(Box::default()),
        span: def.span,
    })
}

fn lower_type(written: &Spanned<String>, diagnostics: &mut Diagnostics) -> Option<ir::RecordType> {
    if let Some(t) = ir::RecordType::parse(&written.value) {
        return Some(t);
    }
    let upper = written.value.to_ascii_uppercase();
    diagnostics.push(match ir::RecordType::parse(&upper) {
        Some(t) => messages::record_type_case(&written.value, t, written.span),
        None => messages::unsupported_record_type(
            &written.value,
            did_you_mean(
                &written.value,
                ir::RecordType::ALL.iter().map(|t| t.as_str()),
            ),
            written.span,
        ),
    });
    None
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
            diagnostics.push(messages::invalid_record_name(
                name,
                &error,
                &zone.name,
                written.span,
            ));
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
