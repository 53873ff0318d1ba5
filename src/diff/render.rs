//! A [`Diff`] for people (text) and for tools (one JSON object). The
//! wording of `steer diff` lives here.

use super::{AnswerChange, Change, Diff, Failures, Field};
use serde_json::{json, Value};
use std::fmt::Write;

/// The text form: per zone, its record sets and health checks marked `+`
/// (added), `-` (removed) or `~` (changed), then a summary line; `no
/// changes` when nothing differs.
pub fn text(diff: &Diff) -> String {
    let mut out = String::new();
    if diff.is_empty() {
        out.push_str("no changes\n");
        return out;
    }
    for zone in &diff.zones {
        let _ = writeln!(out, "zone {}: {}", zone.zone, zone.change.as_str());
        if !zone.settings.is_empty() {
            out.push_str("  settings\n");
            line(&mut out, zone.change, &zone.zone, &zone.settings);
        }
        if !zone.record_sets.is_empty() {
            out.push_str("  record sets\n");
            for set in &zone.record_sets {
                let id = set
                    .set_identifier
                    .as_ref()
                    .map(|id| format!(" [{id}]"))
                    .unwrap_or_default();
                let what = format!("{} {}{id}", set.name, set.record_type);
                line(&mut out, set.change, &what, &set.fields);
            }
        }
        if !zone.health_checks.is_empty() {
            out.push_str("  health checks\n");
            for check in &zone.health_checks {
                line(&mut out, check.change, &check.name, &check.fields);
            }
        }
        if !zone.traffic.is_empty() {
            out.push_str("  answers\n");
            for name in &zone.traffic {
                let _ = writeln!(out, "    {} {}", name.name, name.record_type);
                for change in &name.changes {
                    let _ = writeln!(out, "      {}", answer_change(change));
                }
            }
        }
    }
    out.push_str(&summary(diff));
    out.push('\n');
    out
}

fn line(out: &mut String, change: Change, what: &str, fields: &[Field]) {
    let mark = match change {
        Change::Added => '+',
        Change::Removed => '-',
        Change::Changed => '~',
    };
    let fields: Vec<String> = fields
        .iter()
        .map(|f| match change {
            Change::Added => format!("{} {}", f.name, f.new.as_deref().unwrap_or("none")),
            Change::Removed => format!("{} {}", f.name, f.old.as_deref().unwrap_or("none")),
            Change::Changed => format!(
                "{} {} → {}",
                f.name,
                f.old.as_deref().unwrap_or("none"),
                f.new.as_deref().unwrap_or("none")
            ),
        })
        .collect();
    let _ = writeln!(out, "    {mark} {what}: {}", fields.join("; "));
}

/// `EU clients, dublin_up down: 203.0.113.40 → 198.51.100.7`.
fn answer_change(change: &AnswerChange) -> String {
    let answer = |a: &Option<String>| a.clone().unwrap_or_else(|| "no answer".to_string());
    format!(
        "{}, {}: {} → {}",
        change.clients,
        failures(&change.failures),
        answer(&change.old),
        answer(&change.new)
    )
}

fn failures(failures: &Failures) -> String {
    match failures {
        Failures::Always => "always".to_string(),
        Failures::Down(down) if down.is_empty() => "no failure".to_string(),
        Failures::Down(down) => format!("{} down", down.join(" and ")),
    }
}

/// `1 zone changed: 2 record sets added, 1 changed; 1 health check removed`.
pub fn summary(diff: &Diff) -> String {
    let zones = diff.zones.len();
    let count = |changes: &mut dyn Iterator<Item = Change>, noun: &str| -> Option<String> {
        let mut counts = [0usize; 3];
        for c in changes {
            counts[c as usize] += 1;
        }
        let total: usize = counts.iter().sum();
        if total == 0 {
            return None;
        }
        let parts: Vec<String> = [Change::Added, Change::Removed, Change::Changed]
            .iter()
            .filter(|c| counts[**c as usize] > 0)
            .enumerate()
            .map(|(i, c)| {
                let n = counts[*c as usize];
                if i == 0 {
                    format!("{n} {noun}{} {}", plural(n), c.as_str())
                } else {
                    format!("{n} {}", c.as_str())
                }
            })
            .collect();
        Some(parts.join(", "))
    };
    let sets = count(
        &mut diff
            .zones
            .iter()
            .flat_map(|z| z.record_sets.iter().map(|s| s.change)),
        "record set",
    );
    let checks = count(
        &mut diff
            .zones
            .iter()
            .flat_map(|z| z.health_checks.iter().map(|c| c.change)),
        "health check",
    );
    let settings = diff
        .zones
        .iter()
        .any(|z| z.change == Change::Changed && !z.settings.is_empty())
        .then(|| "zone settings changed".to_string());
    let names: usize = diff.zones.iter().map(|z| z.traffic.len()).sum();
    let answers = (names > 0).then(|| format!("answers of {names} name{} changed", plural(names)));
    let parts: Vec<String> = [settings, sets, checks, answers]
        .into_iter()
        .flatten()
        .collect();
    format!(
        "{zones} zone{} changed: {}",
        plural(zones),
        parts.join("; ")
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// The JSON form: one object, keys in this order.
///
/// ```json
/// { "changed": true,
///   "zones": [ { "zone": "ledgerly.com", "change": "changed",
///     "record_sets": [ { "name": "checkout.ledgerly.com", "type": "A",
///        "set_identifier": "canary", "change": "changed",
///        "fields": [ { "field": "weight", "old": "5", "new": "50" } ] } ],
///     "health_checks": [ { "name": "canary_up", "change": "removed",
///        "fields": [ ... ] } ] } ] }
/// ```
pub fn json(diff: &Diff) -> Value {
    let zones: Vec<Value> = diff
        .zones
        .iter()
        .map(|zone| {
            let sets: Vec<Value> = zone
                .record_sets
                .iter()
                .map(|s| {
                    json!({
                        "name": s.name,
                        "type": s.record_type.as_str(),
                        "set_identifier": s.set_identifier,
                        "change": s.change.as_str(),
                        "fields": fields(&s.fields),
                    })
                })
                .collect();
            let checks: Vec<Value> = zone
                .health_checks
                .iter()
                .map(|c| {
                    json!({
                        "name": c.name,
                        "change": c.change.as_str(),
                        "fields": fields(&c.fields),
                    })
                })
                .collect();
            let traffic: Vec<Value> = zone
                .traffic
                .iter()
                .map(|t| {
                    let changes: Vec<Value> = t
                        .changes
                        .iter()
                        .map(|c| {
                            let down = match &c.failures {
                                Failures::Always => Value::Null,
                                Failures::Down(d) => json!(d),
                            };
                            json!({
                                "clients": c.clients,
                                "down": down,
                                "old": c.old,
                                "new": c.new,
                            })
                        })
                        .collect();
                    json!({
                        "name": t.name,
                        "type": t.record_type.as_str(),
                        "changes": changes,
                    })
                })
                .collect();
            json!({
                "zone": zone.zone,
                "change": zone.change.as_str(),
                "settings": fields(&zone.settings),
                "record_sets": sets,
                "health_checks": checks,
                "answers": traffic,
            })
        })
        .collect();
    json!({
        "changed": !diff.is_empty(),
        "zones": zones,
    })
}

fn fields(fields: &[Field]) -> Vec<Value> {
    fields
        .iter()
        .map(|f| json!({ "field": f.name, "old": f.old, "new": f.new }))
        .collect()
}
