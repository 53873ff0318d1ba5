//! The one model of how Route 53 picks an answer, between `check` and the
//! targets. It reads only the IR (`crate::check::ir`): never the AST, never
//! a target's output. Every consumer asks it instead of deciding for
//! itself: the Route 53 lowering (what to write), the zone target (what to
//! answer, and why, in a scenario), the check stage's lints (what can
//! never fail).
//!
//! - [`rules`]: Route 53's rules about health and routing, each with its
//!   AWS source: which alias evaluates target health, which health check
//!   a record set consults, the multivalue limit.
//! - [`reach`]: [`HealthReach`], whether anything beneath a member can
//!   ever report unhealthy (for the lints; holds in every scenario).
//! - [`scenario`]: a health [`Scenario`] (checks down, CloudWatch alarm
//!   states), the [`Status`] of every check in it, and the [`failure_sets`]
//!   `steer diff` and the failure matrix ask about.
//! - [`resolve`](mod@resolve): [`resolve()`] and the [`Resolver`], the answer one
//!   [`Client`] gets for a record set in a scenario, with a [`Trace`] of
//!   every choice.

use crate::check::ir;

pub mod classes;
pub mod client;
pub mod reach;
pub mod resolve;
pub mod rules;
pub mod scenario;

pub use classes::{alarms_of, checks_of, client_classes, ClientClass};
pub use client::{Client, Place, Point};
pub use reach::HealthReach;
pub use resolve::{resolve, Answer, Resolution, Resolver, Trace};
pub use rules::{
    evaluates_target_health, is_routed, member_health_check, nested_alias_evaluates,
    nested_member_check,
};
pub use scenario::{
    failure_sets, AlarmState, Scenario, Status, StatusReason, Statuses, MAX_CHECKS_FOR_PAIRS,
};

/// The record set of (name, type) in `config`: the check stage sorts the
/// IR's records by them, so a binary search finds it without an index.
/// An index per question made `steer diff` quadratic twice (a resolver
/// per client class and failure set of every name, and the walk of
/// [`client_classes`] and [`checks_of`] per name through an alias, each
/// indexed the whole zone). Of equal keys the last, as those indexes kept.
pub(crate) fn record_set<'c>(
    config: &'c ir::Config,
    fqdn: &str,
    t: ir::RecordType,
) -> Option<&'c ir::RecordSet> {
    let records = &config.records;
    let after = records.partition_point(|r| (r.fqdn.as_str(), r.record_type) <= (fqdn, t));
    let record = &records[after.checked_sub(1)?];
    (record.fqdn == fqdn && record.record_type == t).then_some(record)
}

/// Configurations for the unit tests, through the real front end.
#[cfg(test)]
pub(crate) mod testing {
    use crate::check::ir;

    /// The zone `ex.com` (TTL 60, one name server) with `items` after it;
    /// panics on errors.
    pub fn config(items: &str) -> ir::Config {
        let text = format!(
            "zone \"ex.com\" {{ ttl 60  nameservers [\"ns1.dns.example.net\"] }}\n\
             region dublin {{ aws \"eu-west-1\" }}\n\
             region virginia {{ aws \"us-east-1\" }}\n{items}"
        );
        let mut loaded = crate::load::Loaded::default();
        loaded.add("t.steer", text.as_bytes());
        let checked = crate::check_loaded(&loaded);
        assert!(!checked.has_errors(), "{:#?}", checked.diagnostics);
        checked.configs.into_iter().next().expect("one zone")
    }
}
