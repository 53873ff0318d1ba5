//! `--import-ids FILE` for the Terraform target: which existing Route 53
//! objects the configuration adopts, so that the written file has
//! `import {}` blocks and the first `terraform plan` imports them instead
//! of creating (and, for record sets, replacing) them.
//!
//! The file (docs/targets.md, "Adopting existing record sets"), one entry
//! a line, `#` comments and blank lines ignored:
//!
//! ```text
//! zone   example.com  Z0123456789ABCDEFGHIJ       # the hosted zone's id
//! record www.example.com  A  eu-primary           # NAME TYPE [SET_ID]
//! record example.com  MX
//! check  ireland_up  0a1b2c3d-1111-2222-3333-444455556666
//! ```
//!
//! A record set's import id is the provider's `ZONEID_NAME_TYPE[_SETID]`
//! (hashicorp/aws, `aws_route53_record`, "Import"), built from the zone's
//! id (a `zone` line, or the zone block's `hosted_zone_id`); a health
//! check's is its id (`aws_route53_health_check`, "Import"); a created
//! zone's is its id (`aws_route53_zone`, "Import"). An entry that names
//! nothing being built is an error naming it: a typo would otherwise leave
//! a record set to be created beside the live one.

use super::messages;
use super::route53::Plan;
use super::target::OptionError;
use crate::check::ir::{self, HostedZone};
use std::collections::BTreeMap;

/// The parsed file. Names are ASCII, lower-case, without a trailing dot.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportIds {
    /// Zone name → (hosted zone id, line).
    zones: BTreeMap<String, (String, usize)>,
    /// (name, type, set identifier) → line.
    records: BTreeMap<(String, String, Option<String>), usize>,
    /// Steer check name → (health check id, line).
    checks: BTreeMap<String, (String, usize)>,
}

/// One `import {}` block: the resource it adopts (`aws_route53_record`)
/// and the provider's import id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Import {
    Zone(String),
    Check { name: String, id: String },
    Record { index: usize, id: String },
}

fn dns_name(name: &str) -> String {
    name.trim_end_matches('.').to_ascii_lowercase()
}

impl ImportIds {
    /// Reads the file's text; `file` names it in messages.
    pub fn parse(text: &str, file: &str) -> Result<ImportIds, OptionError> {
        let mut ids = ImportIds::default();
        for (n, raw) in text.lines().enumerate() {
            let line = n + 1;
            let content = raw.split('#').next().unwrap_or("").trim();
            if content.is_empty() {
                continue;
            }
            let (kind, rest) = content
                .split_once(char::is_whitespace)
                .unwrap_or((content, ""));
            let words: Vec<&str> = rest.split_whitespace().collect();
            let bad = || OptionError(messages::import_line_invalid(file, line, raw.trim()));
            let again = || OptionError(messages::import_line_repeated(file, line, raw.trim()));
            match kind {
                "zone" if words.len() == 2 => {
                    if ids
                        .zones
                        .insert(dns_name(words[0]), (words[1].to_string(), line))
                        .is_some()
                    {
                        return Err(again());
                    }
                }
                "check" if words.len() == 2 => {
                    if ids
                        .checks
                        .insert(words[0].to_string(), (words[1].to_string(), line))
                        .is_some()
                    {
                        return Err(again());
                    }
                }
                "record" if words.len() >= 2 => {
                    // The set identifier is the rest of the line: Route 53
                    // allows spaces in it.
                    let after_type = rest
                        .trim_start()
                        .split_once(char::is_whitespace)
                        .and_then(|(_, r)| r.trim_start().split_once(char::is_whitespace))
                        .map(|(_, id)| id.trim().to_string())
                        .filter(|id| !id.is_empty());
                    let key = (
                        dns_name(words[0]),
                        words[1].to_ascii_uppercase(),
                        after_type,
                    );
                    if ids.records.insert(key, line).is_some() {
                        return Err(again());
                    }
                }
                _ => return Err(bad()),
            }
        }
        Ok(ids)
    }

    /// Every entry must name something being built: a zone, a check of
    /// exactly one zone, a record set of a zone whose id is known.
    pub fn validate(&self, plans: &[Plan]) -> Result<(), OptionError> {
        let mut unknown: Vec<(usize, String)> = Vec::new();
        for (zone, (_, line)) in &self.zones {
            if !plans.iter().any(|p| &p.config.zone.name == zone) {
                unknown.push((*line, format!("zone {zone}")));
            }
        }
        for (check, (_, line)) in &self.checks {
            let zones = plans
                .iter()
                .filter(|p| p.config.checks.contains_key(check))
                .count();
            match zones {
                0 => unknown.push((*line, format!("check {check}"))),
                1 => {}
                _ => return Err(OptionError(messages::import_check_ambiguous(*line, check))),
            }
        }
        for ((name, record_type, set_id), line) in &self.records {
            let found = plans.iter().find(|p| {
                p.record_sets.iter().any(|s| {
                    s.name() == &**name
                        && &s.record_type.to_string() == record_type
                        && s.set_identifier() == set_id.as_deref()
                })
            });
            let what = match set_id {
                Some(id) => format!("record {name} {record_type} {id}"),
                None => format!("record {name} {record_type}"),
            };
            match found {
                None => unknown.push((*line, what)),
                Some(p) if self.zone_id(p.config).is_none() => {
                    return Err(OptionError(messages::import_needs_zone_id(
                        *line,
                        &what,
                        &p.config.zone.name,
                    )))
                }
                Some(_) => {}
            }
        }
        if unknown.is_empty() {
            Ok(())
        } else {
            unknown.sort();
            Err(OptionError(messages::import_entries_unknown(&unknown)))
        }
    }

    /// The zone's id: the file's `zone` line, else the zone block's.
    fn zone_id<'a>(&'a self, config: &'a ir::Config) -> Option<&'a str> {
        self.zones
            .get(&config.zone.name)
            .map(|(id, _)| id.as_str())
            .or(match &config.zone.hosted_zone {
                HostedZone::Id(id) => id.bound().map(String::as_str),
                _ => None,
            })
    }

    /// The imports for one zone's plan, in a fixed order: the zone, its
    /// checks by name, its record sets in plan order.
    pub fn for_plan(&self, plan: &Plan) -> Vec<Import> {
        let config = plan.config;
        let mut out = Vec::new();
        if let (HostedZone::Create, Some((id, _))) =
            (&config.zone.hosted_zone, self.zones.get(&config.zone.name))
        {
            out.push(Import::Zone(id.clone()));
        }
        for check in &plan.health_checks {
            if let Some((id, _)) = self.checks.get(&check.name) {
                out.push(Import::Check {
                    name: check.name.clone(),
                    id: id.clone(),
                });
            }
        }
        let Some(zone_id) = self.zone_id(config) else {
            return out;
        };
        for (index, set) in plan.record_sets.iter().enumerate() {
            let key = (
                set.name().to_string(),
                set.record_type.to_string(),
                set.set_identifier().map(str::to_string),
            );
            if self.records.contains_key(&key) {
                // hashicorp/aws `aws_route53_record` Import:
                // ZONEID_RECORDNAME_TYPE_SET-IDENTIFIER, the last optional.
                let mut id = format!("{zone_id}_{}_{}", set.name(), set.record_type);
                if let Some(s) = set.set_identifier() {
                    id.push('_');
                    id.push_str(s);
                }
                out.push(Import::Record { index, id });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_entries_comments_and_set_identifiers_with_spaces() {
        let ids = ImportIds::parse(
            "# adopt\nzone Example.com. Z1\nrecord www.example.com a legacy  nested # c\nrecord example.com MX\ncheck up abc\n",
            "f",
        )
        .unwrap();
        assert_eq!(ids.zones["example.com"].0, "Z1");
        assert!(ids.records.contains_key(&(
            "www.example.com".into(),
            "A".into(),
            Some("legacy  nested".into())
        )));
        assert!(ids
            .records
            .contains_key(&("example.com".into(), "MX".into(), None)));
        assert_eq!(ids.checks["up"].0, "abc");
    }

    #[test]
    fn rejects_malformed_and_repeated_lines() {
        for text in ["zone example.com", "nonsense x y", "check a", "record www"] {
            assert!(ImportIds::parse(text, "f").is_err(), "{text}");
        }
        assert!(ImportIds::parse("check a 1\ncheck a 2", "f").is_err());
    }
}
