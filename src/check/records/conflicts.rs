//! Conflicts between record sets: one definition per name and type, CNAMEs
//! alone at their name and never at the apex, no NS set at the apex.

use crate::check::{ir, CheckCode};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::dns_name;
use std::collections::{BTreeMap, HashMap};

/// Checks record sets against each other: one definition per name and
/// type, CNAMEs alone at their name and never at the apex, and no NS set at
/// the apex. Linear: records are grouped by name with a hash map.
pub(in crate::check) fn check_record_sets(
    records: &[ir::RecordSet],
    zone: &ir::Zone,
    diagnostics: &mut Diagnostics,
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

fn display_name(record: &ir::RecordSet) -> String {
    dns_name::to_unicode(&record.name)
}

fn report_duplicates(sets: &[&ir::RecordSet], diagnostics: &mut Diagnostics) {
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
