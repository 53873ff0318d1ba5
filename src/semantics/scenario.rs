//! A health scenario — which checks are down, what CloudWatch says about
//! alarms — and the status of every health check in it, as Route 53 would
//! show it.
//!
//! The scenario names the health checks whose *status* is unhealthy; every
//! other check is healthy, and:
//!
//! - a check named in the scenario is unhealthy (naming an `inverted`
//!   check says that its status is unhealthy, that is, that its probe
//!   succeeded);
//! - a calculated check that is not named is healthy when at least
//!   `threshold` of its children are (`all`: every child, `any`: one,
//!   `at_least(N, ...)`: N);
//! - a CloudWatch-alarm check that is not named follows the state the
//!   scenario gives its alarm: healthy in `OK`, unhealthy in `ALARM`, and
//!   with insufficient data what the check's `insufficient_data` says (API
//!   reference, `HealthCheckConfig.InsufficientDataHealthStatus`;
//!   `last_known` counts as healthy, because "for new health checks that
//!   have no last known status, the default status for the health check is
//!   healthy" and a scenario has no history). An alarm the scenario gives
//!   no state leaves its checks healthy, as any check the scenario does not
//!   name (for a check that is not inverted, the same as its alarm in `OK`);
//! - recovery-control checks are healthy unless named;
//! - a `disabled` check is healthy whatever the scenario says, because Route
//!   53 stops evaluating it and considers it healthy;
//! - `inverted` flips what steer computes for a check: the result of a
//!   calculated check, the health an alarm state gives, and the status of a
//!   disabled check (the AWS API reference: a disabled check is "always
//!   healthy ... If you want to stop routing traffic to a resource, change
//!   the value of Inverted").

use crate::check::ir;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::{BTreeMap, BTreeSet};

/// A CloudWatch alarm's state (CloudWatch's `StateValue`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AlarmState {
    Ok,
    Alarm,
    InsufficientData,
}

impl AlarmState {
    /// CloudWatch's name for the state: `OK`, `ALARM`, `INSUFFICIENT_DATA`.
    pub fn as_str(self) -> &'static str {
        match self {
            AlarmState::Ok => "OK",
            AlarmState::Alarm => "ALARM",
            AlarmState::InsufficientData => "INSUFFICIENT_DATA",
        }
    }
}

/// Which checks to treat as failing (by steer check name) and the states
/// of CloudWatch alarms (by alarm name); everything else is healthy.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scenario {
    pub down: BTreeSet<String>,
    /// An alarm name stands for the alarms of that name in every region.
    pub alarms: BTreeMap<String, AlarmState>,
}

impl Scenario {
    /// Every check healthy.
    pub fn all_healthy() -> Self {
        Scenario::default()
    }

    /// The given checks down, every other check healthy.
    pub fn with_down<I, S>(checks: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Scenario {
            down: checks.into_iter().map(Into::into).collect(),
            alarms: BTreeMap::new(),
        }
    }

    /// This scenario with the CloudWatch alarm `alarm` in `state`.
    pub fn with_alarm(mut self, alarm: impl Into<String>, state: AlarmState) -> Self {
        self.alarms.insert(alarm.into(), state);
        self
    }

    /// The names in `down` that are not checks of `config` (sorted), for
    /// the CLI to reject with a did-you-mean before emitting.
    pub fn unknown_checks(&self, config: &ir::Config) -> Vec<String> {
        self.down
            .iter()
            .filter(|c| !config.checks.contains_key(*c))
            .cloned()
            .collect()
    }

    /// The status of every check of `config` in this scenario, each
    /// evaluated when first asked: a resolver asks about the checks of the
    /// names it resolves, and `steer diff` makes one per (client class,
    /// failure set) of every routed name, so evaluating every check of
    /// the zone for each made diff quadratic in the zone's size.
    pub fn evaluate<'c>(&self, config: &'c ir::Config) -> Statuses<'c> {
        Statuses {
            config,
            scenario: self.clone(),
            memo: std::cell::RefCell::new(FxHashMap::default()),
        }
    }
}

/// Above this many checks, [`failure_sets`] gives no failure and every
/// single failure only: pairs grow with the square of the checks
/// (12 checks: 1 + 12 + 66 = 79 sets).
pub const MAX_CHECKS_FOR_PAIRS: usize = 12;

/// The failure sets `steer diff` and the failure matrix ask about, over
/// `checks` (sorted, each once): no failure, every single failure, every
/// pair (when there are at most [`MAX_CHECKS_FOR_PAIRS`] checks), each set
/// sorted, in that order.
pub fn failure_sets(checks: &[String]) -> Vec<Vec<String>> {
    let mut sets = vec![Vec::new()];
    sets.extend(checks.iter().map(|c| vec![c.clone()]));
    if checks.len() <= MAX_CHECKS_FOR_PAIRS {
        for (i, a) in checks.iter().enumerate() {
            for b in &checks[i + 1..] {
                sets.push(vec![a.clone(), b.clone()]);
            }
        }
    }
    sets
}

/// A check's status in a scenario and what decided it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Status {
    pub healthy: bool,
    pub reason: StatusReason,
}

/// What decided a check's status. The values are before `inverted` is
/// applied; the check says whether it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusReason {
    /// The scenario says nothing that concerns it: healthy.
    Unnamed,
    /// Named in the scenario's `down`.
    Down,
    /// Disabled: Route 53 considers it healthy (unhealthy when inverted).
    Disabled,
    /// Calculated: `up` of its `children` are healthy; `threshold` needed.
    Calculated {
        up: usize,
        children: usize,
        threshold: u32,
    },
    /// A CloudWatch-alarm check whose alarm the scenario puts in this state.
    Alarm(AlarmState),
}

/// Every check's status in one scenario, evaluated on demand and kept.
#[derive(Debug, Clone)]
pub struct Statuses<'c> {
    config: &'c ir::Config,
    scenario: Scenario,
    memo: std::cell::RefCell<FxHashMap<&'c str, Status>>,
}

impl<'c> Statuses<'c> {
    /// Whether the check is healthy; a name that is not a check is.
    pub fn is_healthy(&self, check: &str) -> bool {
        self.get(check).is_none_or(|s| s.healthy)
    }

    pub fn get(&self, check: &str) -> Option<Status> {
        let (name, _) = self.config.checks.get_key_value(check)?;
        Some(self.status(name))
    }

    /// Every check with its status, by name.
    pub fn iter(&self) -> impl Iterator<Item = (&'c str, Status)> + '_ {
        self.config
            .checks
            .keys()
            .map(|name| (name.as_str(), self.status(name)))
    }

    fn status(&self, name: &'c str) -> Status {
        if let Some(&status) = self.memo.borrow().get(name) {
            return status;
        }
        let mut evaluation = Evaluation {
            config: self.config,
            scenario: &self.scenario,
            memo: std::mem::take(&mut *self.memo.borrow_mut()),
            visiting: FxHashSet::default(),
        };
        let status = evaluation.status(name);
        *self.memo.borrow_mut() = evaluation.memo;
        status
    }
}

/// One evaluation of a scenario, memoized per check: linear in the
/// configuration's checks and their children.
struct Evaluation<'c, 's> {
    config: &'c ir::Config,
    scenario: &'s Scenario,
    memo: FxHashMap<&'c str, Status>,
    visiting: FxHashSet<&'c str>,
}

impl<'c> Evaluation<'c, '_> {
    fn status(&mut self, name: &'c str) -> Status {
        if let Some(&s) = self.memo.get(name) {
            return s;
        }
        let unnamed = Status {
            healthy: true,
            reason: StatusReason::Unnamed,
        };
        let Some(check) = self.config.checks.get(name) else {
            return unnamed;
        };
        // The IR is cycle-free; the guard only keeps a broken IR from
        // recursing forever.
        if !self.visiting.insert(name) {
            return unnamed;
        }
        let computed = |healthy: bool, reason| Status {
            healthy: healthy != check.inverted,
            reason,
        };
        let status = if check.disabled {
            computed(true, StatusReason::Disabled)
        } else if self.scenario.down.contains(name) {
            Status {
                healthy: false,
                reason: StatusReason::Down,
            }
        } else {
            match &check.kind {
                ir::HealthCheckKind::Calculated {
                    children,
                    threshold,
                } => {
                    let up = children.iter().filter(|c| self.status(c).healthy).count();
                    computed(
                        up as u64 >= u64::from(*threshold),
                        StatusReason::Calculated {
                            up,
                            children: children.len(),
                            threshold: *threshold,
                        },
                    )
                }
                ir::HealthCheckKind::CloudWatchAlarm {
                    alarm_name,
                    insufficient_data,
                    ..
                } => match self.scenario.alarms.get(&alarm_name.to_string()) {
                    Some(&state) => computed(
                        alarm_health(state, *insufficient_data),
                        StatusReason::Alarm(state),
                    ),
                    None => unnamed,
                },
                _ => unnamed,
            }
        };
        self.visiting.remove(name);
        self.memo.insert(name, status);
        status
    }
}

/// The health an alarm state gives a CloudWatch-alarm check, before
/// `inverted` (API reference, `HealthCheckConfig.InsufficientDataHealthStatus`).
fn alarm_health(state: AlarmState, insufficient_data: ir::InsufficientData) -> bool {
    match state {
        AlarmState::Ok => true,
        AlarmState::Alarm => false,
        AlarmState::InsufficientData => match insufficient_data {
            ir::InsufficientData::Healthy => true,
            ir::InsufficientData::Unhealthy => false,
            // No history in a scenario: a new check's default, healthy.
            ir::InsufficientData::LastKnownStatus => true,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::semantics::testing::config;

    const CHECKS: &str = r#"
        check web { https "web.ex.net" }
        check web_inverted { https "maintenance.ex.net" inverted }
        check off { https "off.ex.net" disabled }
        check off_inverted { https "off2.ex.net" disabled inverted }
        check quorum = at_least(2, web, db, off)
        check quorum_inverted { at_least(2, web, db, off) inverted }
        check db { alarm "db-lag" in eu-west-1 insufficient_data unhealthy }
        check db_inverted { alarm "db-lag" in eu-west-1 inverted }
        check db_lenient { alarm "db-lag" in eu-west-1 insufficient_data healthy }
        check db_last { alarm "db-lag" in eu-west-1 insufficient_data last_known }
        check switch { recovery_control "arn:aws:route53-recovery-control::111122223333:controlpanel/4f1c2a9e8b7d4c3a9e0f1a2b3c4d5e6f/routingcontrol/1a2b3c4d5e6f7a8b" }
    "#;

    fn healthy(scenario: &Scenario) -> BTreeMap<String, bool> {
        let c = config(CHECKS);
        let statuses = scenario.evaluate(&c);
        statuses
            .iter()
            .map(|(n, s)| (n.to_string(), s.healthy))
            .collect()
    }

    fn unhealthy(scenario: &Scenario) -> Vec<String> {
        healthy(scenario)
            .into_iter()
            .filter(|(_, h)| !h)
            .map(|(n, _)| n)
            .collect()
    }

    #[test]
    fn every_check_healthy_but_inverted_computed_ones() {
        // API reference, HealthCheckConfig.Disabled: "Route 53 considers
        // the status of the health check to always be healthy"; Inverted
        // flips that, and the result of a calculation.
        assert_eq!(
            unhealthy(&Scenario::all_healthy()),
            ["off_inverted", "quorum_inverted"]
        );
    }

    #[test]
    fn a_named_check_is_unhealthy_whatever_its_kind_unless_disabled() {
        let s = Scenario::with_down(["web_inverted", "switch", "off", "db_inverted"]);
        // `off` is disabled: healthy although named.
        assert_eq!(
            unhealthy(&s),
            [
                "db_inverted",
                "off_inverted",
                "quorum_inverted",
                "switch",
                "web_inverted"
            ]
        );
        let c = config(CHECKS);
        let statuses = s.evaluate(&c);
        assert_eq!(
            statuses.get("off").map(|s| s.reason),
            Some(StatusReason::Disabled)
        );
        assert_eq!(
            statuses.get("switch").map(|s| s.reason),
            Some(StatusReason::Down)
        );
    }

    #[test]
    fn calculated_checks_count_their_healthy_children() {
        // API reference, HealthCheckConfig.HealthThreshold: the number of
        // child checks that must be healthy. A disabled child counts as
        // healthy.
        let h = healthy(&Scenario::with_down(["web"]));
        assert!(h["quorum"], "db and off are up: 2 of 3");
        assert!(!h["quorum_inverted"]);
        let h = healthy(&Scenario::with_down(["web", "db"]));
        assert!(!h["quorum"], "only off is up");
        assert!(h["quorum_inverted"]);
        let c = config(CHECKS);
        let statuses = Scenario::with_down(["web", "db"]).evaluate(&c);
        assert_eq!(
            statuses.get("quorum").map(|s| s.reason),
            Some(StatusReason::Calculated {
                up: 1,
                children: 3,
                threshold: 2
            })
        );
        // A named calculated check is down whatever its children say.
        assert!(!healthy(&Scenario::with_down(["quorum"]))["quorum"]);
    }

    #[test]
    fn alarm_checks_follow_the_alarm_state() {
        let h = healthy(&Scenario::all_healthy().with_alarm("db-lag", AlarmState::Ok));
        assert!(h["db"] && h["db_lenient"] && h["db_last"]);
        assert!(!h["db_inverted"], "inverted: healthy in ALARM only");
        let h = healthy(&Scenario::all_healthy().with_alarm("db-lag", AlarmState::Alarm));
        assert!(!h["db"] && !h["db_lenient"] && !h["db_last"]);
        assert!(h["db_inverted"]);
        // A calculated check over an alarm check follows it.
        assert!(h["quorum"], "web and off are up");
        let h = healthy(&Scenario::with_down(["web"]).with_alarm("db-lag", AlarmState::Alarm));
        assert!(!h["quorum"]);
    }

    #[test]
    fn insufficient_data_is_what_the_check_says() {
        // API reference, HealthCheckConfig.InsufficientDataHealthStatus:
        // Healthy, Unhealthy, or LastKnownStatus ("for new health checks
        // that have no last known status, the default status for the
        // health check is healthy").
        let s = Scenario::all_healthy().with_alarm("db-lag", AlarmState::InsufficientData);
        let h = healthy(&s);
        assert!(!h["db"], "insufficient_data unhealthy");
        assert!(h["db_lenient"], "insufficient_data healthy");
        assert!(h["db_last"], "last_known, no history: healthy");
        // steer's default is `last_known`; inverted, that is unhealthy.
        assert!(!h["db_inverted"]);
    }

    #[test]
    fn alarms_without_a_state_leave_their_checks_healthy() {
        let h = healthy(&Scenario::all_healthy().with_alarm("other", AlarmState::Alarm));
        assert!(h["db"] && h["db_inverted"]);
    }

    #[test]
    fn failure_sets_are_none_singles_then_pairs_up_to_the_limit() {
        let checks: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
        let sets = failure_sets(&checks);
        let expected: Vec<Vec<&str>> = vec![
            vec![],
            vec!["a"],
            vec!["b"],
            vec!["c"],
            vec!["a", "b"],
            vec!["a", "c"],
            vec!["b", "c"],
        ];
        assert_eq!(sets, expected);
        let many: Vec<String> = (0..=MAX_CHECKS_FOR_PAIRS)
            .map(|i| format!("c{i:02}"))
            .collect();
        assert_eq!(failure_sets(&many).len(), 1 + many.len(), "singles only");
        let limit = &many[..MAX_CHECKS_FOR_PAIRS];
        let n = limit.len();
        assert_eq!(failure_sets(limit).len(), 1 + n + n * (n - 1) / 2);
    }

    #[test]
    fn names_that_are_not_checks() {
        let c = config(CHECKS);
        let s = Scenario::with_down(["web", "nope", "also-not"]);
        assert_eq!(s.unknown_checks(&c), ["also-not", "nope"]);
        assert!(s.evaluate(&c).is_healthy("nope"));
    }
}
