//! The JSON shape of an explanation (documented in `docs/explain.md`,
//! "JSON"): stable keys, rows in the text's order, steps nested as in the
//! text.

use super::{is_alias_answer, Explanation};
use crate::semantics::Answer;
use serde_json::{json, Map, Value};

/// ```json
/// { "zone": "myshop.com", "name": "www.myshop.com", "type": "A",
///   "scenario": { "down": ["ireland_up"], "alarms": { "q": "ALARM" } },
///   "rows": [ { "class": "everyone", "client": "unknown",
///               "answer": { "data": ["203.0.113.10"] } | { "cname": "x." } | null,
///               "healthy": true, "ttl": 60,
///               "steps": [ { "kind": "failover", "text": "...",
///                            "chosen": "ireland" | null, "steps": [...] } ] } ] }
/// ```
pub fn json(explanation: &Explanation) -> Value {
    let alarms: Map<String, Value> = explanation
        .scenario
        .alarms
        .iter()
        .map(|(a, s)| (a.clone(), Value::from(s.as_str())))
        .collect();
    let rows: Vec<Value> = explanation
        .rows
        .iter()
        .map(|row| {
            let r = &row.resolution;
            let answer = match &r.answer {
                None => Value::Null,
                Some(Answer::Data(values)) => json!({
                    "data": values
                        .iter()
                        .map(crate::emit::route53::rdata_value)
                        .collect::<Vec<_>>()
                }),
                Some(Answer::Cname(name)) if is_alias_answer(explanation.record.record_type) => {
                    json!({ "alias": format!("{name}.") })
                }
                Some(Answer::Cname(name)) => json!({ "cname": format!("{name}.") }),
            };
            json!({
                "class": row.class,
                "client": row.client.to_string(),
                "answer": answer,
                "healthy": r.healthy,
                // An alias answer takes its TTL from the target.
                "ttl": match &r.answer {
                    Some(Answer::Cname(_)) if is_alias_answer(explanation.record.record_type) => {
                        Value::Null
                    }
                    _ => json!(r.ttl),
                },
                "steps": steps(&row.steps),
            })
        })
        .collect();
    json!({
        "zone": explanation.config.zone.name,
        "name": explanation.record.fqdn,
        "type": explanation.record.record_type.as_str(),
        "private": explanation.config.zone.private.as_ref().map(|vpcs| {
            vpcs.iter()
                .map(|v| json!({ "vpc": v.id.to_string(), "region": v.region }))
                .collect::<Vec<_>>()
        }),
        "scenario": {
            "down": explanation.scenario.down.iter().collect::<Vec<_>>(),
            "alarms": alarms,
        },
        "rows": rows,
    })
}

fn steps(list: &[super::words::Step]) -> Vec<Value> {
    list.iter()
        .map(|s| {
            json!({
                "kind": s.kind,
                "text": s.text,
                "chosen": s.chosen,
                "steps": steps(&s.steps),
            })
        })
        .collect()
}
