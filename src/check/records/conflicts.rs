//! Conflicts between record sets: one definition per name and type, CNAMEs
//! alone at their name and never at the apex, no NS set at the apex.

use crate::check::{ir, messages};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::source::Span;
use std::collections::BTreeMap;

/// Checks record sets against each other: one definition per name and
/// type, CNAMEs alone at their name and never at the apex, and no NS set at
/// the apex. Linear: `records` are sorted by name (and type), so the sets
/// of one name are adjacent (a map of every name to its sets was 11 MB of
/// the check stage's peak at 100k records).
pub(in crate::check) fn check_record_sets(
    records: &[ir::RecordSet],
    zone: &ir::Zone,
    diagnostics: &mut Diagnostics,
) {
    debug_assert!(records.windows(2).all(|w| w[0].fqdn <= w[1].fqdn));
    for named in records.chunk_by(|a, b| a.fqdn == b.fqdn) {
        let fqdn = named[0].fqdn.as_str();
        let mut by_type: BTreeMap<ir::RecordType, Vec<&ir::RecordSet>> = BTreeMap::new();
        for record in named {
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
                diagnostics.push(messages::cname_at_apex(&zone.name, cname.span));
            } else if by_type.len() > 1 {
                diagnostics.push(cname_beside_others(cname, &by_type));
            }
        }
        if is_apex {
            if let Some(ns) = by_type.get(&ir::RecordType::Ns) {
                diagnostics.push(messages::ns_at_apex(ns[0].span));
            }
        }
    }
}

fn report_duplicates(sets: &[&ir::RecordSet], diagnostics: &mut Diagnostics) {
    let Some((first, later)) = sets.split_first() else {
        return;
    };
    for again in later {
        let both_plain = matches!(
            (&first.content, &again.content),
            (ir::RecordContent::Plain(_), ir::RecordContent::Plain(_))
        );
        diagnostics.push(messages::duplicate_record_set(
            &again.name,
            again.record_type,
            both_plain,
            again.span,
            first.span,
        ));
    }
}

fn cname_beside_others(
    cname: &ir::RecordSet,
    by_type: &BTreeMap<ir::RecordType, Vec<&ir::RecordSet>>,
) -> Diagnostic {
    let others: Vec<(ir::RecordType, Span)> = by_type
        .iter()
        .filter(|(t, _)| **t != ir::RecordType::Cname)
        .map(|(t, sets)| (*t, sets[0].span))
        .collect();
    messages::cname_beside_others(&cname.name, &others, cname.span)
}
