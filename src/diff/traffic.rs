//! What traffic does differently: for every routed name present on both
//! sides, the classes of client and the failure sets whose answer changes.
//! The answers come from [`crate::semantics`] (`Resolver`); this module
//! only chooses what to ask and compares.
//!
//! Per name and type: the client classes either side tells apart, and the
//! failure sets over the checks either side depends on: no failure, every
//! single failure and every pair (pairs only up to
//! [`semantics::MAX_CHECKS_FOR_PAIRS`] checks: [`semantics::failure_sets`]). A class whose answer changes the same way in every failure set
//! is reported once, as `always`.

use super::{AnswerChange, Failures, TrafficChange};
use crate::check::ir::{self, RecordContent, RecordType};
use crate::semantics::{self, failure_sets, Client, Resolver, Scenario};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A class of client: its label and a representative.
type Class = (String, Client);

/// The client classes `record` tells apart, each with a representative
/// client ([`semantics::client_classes`]).
fn classes(config: &ir::Config, record: &ir::RecordSet) -> Vec<Class> {
    semantics::client_classes(config, record)
        .into_iter()
        .map(|c| (c.label, c.client))
        .collect()
}

/// The checks whose failure can change `record`'s answers
/// ([`semantics::checks_of`]).
fn checks_of(config: &ir::Config, record: &ir::RecordSet) -> Vec<String> {
    semantics::checks_of(config, record)
}

/// Every routed name of both sides (by name and type) whose answers
/// differ, sorted by name and type.
pub(super) fn compare(old: &ir::Config, new: &ir::Config) -> Vec<TrafficChange> {
    let routed = |c: &'_ ir::Config| -> BTreeMap<(String, RecordType), usize> {
        c.records
            .iter()
            .enumerate()
            .filter(|(_, r)| matches!(r.content, RecordContent::Routed(_)))
            .map(|(i, r)| ((r.fqdn.clone(), r.record_type), i))
            .collect()
    };
    let (old_routed, new_routed) = (routed(old), routed(new));
    let index = |c: &'_ ir::Config| -> HashMap<(String, RecordType), usize> {
        c.records
            .iter()
            .enumerate()
            .map(|(i, r)| ((r.fqdn.clone(), r.record_type), i))
            .collect()
    };
    let (old_index, new_index) = (index(old), index(new));
    let keys: BTreeSet<&(String, RecordType)> =
        old_routed.keys().chain(new_routed.keys()).collect();
    let mut sides = (Side::new(old), Side::new(new));
    let mut out = Vec::new();
    for key in keys {
        let (Some(&o), Some(&n)) = (old_index.get(key), new_index.get(key)) else {
            continue; // On one side only: the plan diff shows it.
        };
        let (o, n) = (&old.records[o], &new.records[n]);
        let changes = record(&mut sides, o, n);
        if !changes.is_empty() {
            out.push(TrafficChange {
                name: key.0.clone(),
                record_type: key.1,
                changes,
            });
        }
    }
    out
}

/// One side: its configuration and a resolver per (class, failure set)
/// of the name being compared (each resolver memoizes the record sets it
/// resolved, aliases included).
struct Side<'c> {
    config: &'c ir::Config,
    resolvers: HashMap<(String, Vec<String>), Resolver<'c>>,
}

impl<'c> Side<'c> {
    fn new(config: &'c ir::Config) -> Self {
        Side {
            config,
            resolvers: HashMap::new(),
        }
    }

    /// The answer `class` gets for `record` (of this side) with `down`
    /// failed, in words; `None`: no answer.
    fn answer(
        &mut self,
        record: &'c ir::RecordSet,
        class: &Class,
        down: &[String],
    ) -> Option<Answered> {
        let config = self.config;
        let resolver = self
            .resolvers
            .entry((class.0.clone(), down.to_vec()))
            .or_insert_with(|| {
                Resolver::new(
                    config,
                    &Scenario::with_down(down.iter().cloned()),
                    class.1.clone(),
                )
            });
        let resolution = resolver.record_set(record);
        let endpoint = crate::explain::matrix::answering_endpoint(&resolution).map(str::to_string);
        resolution.answer.as_ref().map(|a| Answered {
            words: crate::explain::answer_words(a, record.record_type),
            endpoint,
        })
    }
}

/// An answer in words, and the endpoint it is exactly the answer of.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Answered {
    words: String,
    endpoint: Option<String>,
}

/// How a change shows its two sides: the endpoints' names where each side
/// is one endpoint's answer and the names differ (`frankfurt → virginia`),
/// else the values.
fn shown(old: &Option<Answered>, new: &Option<Answered>) -> (Option<String>, Option<String>) {
    let name = |a: &Option<Answered>| a.as_ref().and_then(|a| a.endpoint.clone());
    let values = |a: &Option<Answered>| a.as_ref().map(|a| a.words.clone());
    if name(old).is_some() && name(old) == name(new) {
        return (values(old), values(new));
    }
    let either = |a: &Option<Answered>| name(a).or_else(|| values(a));
    (either(old), either(new))
}

/// The answer changes of one name between its two record sets.
fn record<'o, 'n>(
    sides: &mut (Side<'o>, Side<'n>),
    old: &'o ir::RecordSet,
    new: &'n ir::RecordSet,
) -> Vec<AnswerChange> {
    // The failure sets are this name's own, so the resolvers of the last
    // name are seldom asked again: dropped, they do not add up over a
    // zone (10k names kept 1.1 GB of them).
    sides.0.resolvers.clear();
    sides.1.resolvers.clear();
    let mut all = classes(sides.1.config, new);
    for class in classes(sides.0.config, old) {
        if !all.iter().any(|c| c.0 == class.0) {
            all.push(class);
        }
    }
    let checks: BTreeSet<String> = checks_of(sides.0.config, old)
        .into_iter()
        .chain(checks_of(sides.1.config, new))
        .collect();
    let failure_sets = failure_sets(&checks.into_iter().collect::<Vec<_>>());
    let mut out = Vec::new();
    for class in &all {
        let mut changes = Vec::new();
        for down in &failure_sets {
            let before = sides.0.answer(old, class, down);
            let after = sides.1.answer(new, class, down);
            // Compared by answer, not by which endpoint gave it.
            let answer = |a: &Option<Answered>| a.as_ref().map(|a| a.words.clone());
            if answer(&before) != answer(&after) {
                let (before, after) = shown(&before, &after);
                changes.push((down.clone(), before, after));
            }
        }
        let always = changes.len() == failure_sets.len()
            && changes
                .windows(2)
                .all(|w| (&w[0].1, &w[0].2) == (&w[1].1, &w[1].2));
        // With no check to fail (one failure set, none down) a change holds
        // always just the same.
        if always && !changes.is_empty() {
            let (_, old, new) = changes.swap_remove(0);
            out.push(AnswerChange {
                clients: class.0.clone(),
                failures: Failures::Always,
                old,
                new,
            });
            continue;
        }
        out.extend(changes.into_iter().map(|(down, old, new)| AnswerChange {
            clients: class.0.clone(),
            failures: Failures::Down(down),
            old,
            new,
        }));
    }
    out
}
