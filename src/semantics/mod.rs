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
