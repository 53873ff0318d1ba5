//! What changes between two configurations, for review: `steer diff OLD
//! NEW`. It reads the checked IR and the Route 53 plan
//! ([`crate::emit::route53::plan`], the record sets the Terraform and
//! CloudFormation targets write) of both sides; it decides nothing about
//! routing itself.
//!
//! - [`plan`]: the Route 53 plan diff: zones, record sets (by name, type
//!   and set identifier) and health checks (by steer name) added, removed
//!   and changed, each change as the fields that differ, in words.
//! - [`render`]: the text and JSON forms.
//!
//! Everything is in a fixed order (zones by name, record sets by name,
//! type and set identifier, health checks by name, fields in a fixed
//! order), whatever the order of files and definitions on either side.

pub mod plan;
pub mod render;
pub mod traffic;

use crate::check::ir;
use crate::diagnostic::Diagnostic;
use crate::emit::route53::{self, Plan};

/// The differences between two sets of zones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diff {
    /// Only zones with a change, sorted by zone name.
    pub zones: Vec<ZoneDiff>,
}

impl Diff {
    /// Whether anything differs.
    pub fn is_empty(&self) -> bool {
        self.zones.is_empty()
    }
}

/// The differences within one zone (matched by name on both sides).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZoneDiff {
    /// ASCII, no trailing dot.
    pub zone: String,
    pub change: Change,
    /// The zone's own settings that differ (hosted zone, private VPCs,
    /// tags), in the order [`plan::zone_fields`] lists them.
    pub settings: Vec<Field>,
    /// Sorted by name, type and set identifier.
    pub record_sets: Vec<RecordSetChange>,
    /// Sorted by steer name.
    pub health_checks: Vec<HealthCheckChange>,
    /// Names on both sides whose answers differ, sorted by name and type.
    pub traffic: Vec<TrafficChange>,
}

/// A name whose answers differ for some clients or failures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrafficChange {
    /// Fully qualified, ASCII, no trailing dot.
    pub name: String,
    pub record_type: ir::RecordType,
    /// By client class (in the order the record tells them apart), then
    /// failure set (none, singles, pairs).
    pub changes: Vec<AnswerChange>,
}

/// One client class and failure set whose answer differs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerChange {
    /// The class's label (`everyone`, `EU`, `nearest eu-west-1`, ...).
    pub clients: String,
    pub failures: Failures,
    /// The answer in words: the endpoint's name where each side is exactly
    /// one endpoint's answer and the names differ (`frankfurt`), else the
    /// values as Route 53 writes them (or `CNAME name`); `None`: no answer.
    /// Changes are found by comparing the values.
    pub old: Option<String>,
    pub new: Option<String>,
}

/// The failure sets an [`AnswerChange`] holds for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failures {
    /// These checks down (none: every check healthy).
    Down(Vec<String>),
    /// Every failure set compared gives the same change.
    Always,
}

/// Whether a zone, record set or health check was added, removed or
/// changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    Added,
    Removed,
    Changed,
}

impl Change {
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Added => "added",
            Change::Removed => "removed",
            Change::Changed => "changed",
        }
    }
}

/// A record set of the Route 53 plan that differs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordSetChange {
    /// Fully qualified, ASCII, no trailing dot.
    pub name: String,
    pub record_type: ir::RecordType,
    pub set_identifier: Option<String>,
    pub change: Change,
    /// Added: every field, `old` empty; removed: every field, `new`
    /// empty; changed: only the fields that differ.
    pub fields: Vec<Field>,
}

/// A health check (by steer name) that differs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HealthCheckChange {
    pub name: String,
    pub change: Change,
    /// As for [`RecordSetChange::fields`].
    pub fields: Vec<Field>,
}

/// One property of a record set or health check, in words, on each side;
/// `None`: the property does not apply on that side (an alias has no TTL).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub name: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// The Route 53 plan of every zone of one side, or the errors that kept a
/// plan from being made (a generated name needed twice, ...).
pub fn plans(configs: &[ir::Config]) -> Result<Vec<Plan<'_>>, Vec<Diagnostic>> {
    let mut plans = Vec::with_capacity(configs.len());
    let mut errors = Vec::new();
    for config in configs {
        match route53::plan(config) {
            Ok(plan) => plans.push(plan),
            Err(mut e) => errors.append(&mut e),
        }
    }
    if errors.is_empty() {
        Ok(plans)
    } else {
        crate::diagnostic::sort(&mut errors);
        Err(errors)
    }
}

/// Compares the plans of two sides, zones matched by name.
pub fn compare(old: &[Plan], new: &[Plan]) -> Diff {
    Diff {
        zones: plan::zones(old, new),
    }
}
