//! The failure matrix (`steer explain --matrix`): for each routed name, the
//! answer every client class it tells apart gets when nothing fails, when
//! each check it depends on fails alone, and when each pair of them fails.
//! Rows are failure sets, columns client classes, cells answers.
//!
//! Every answer comes from [`crate::semantics`]: the classes from
//! [`semantics::client_classes`], the checks from [`semantics::checks_of`],
//! the failure sets from [`semantics::failure_sets`] and the answers from a
//! [`Resolver`] per (class, failure set), shared by every name so that each
//! record set resolves once per scenario. This module only chooses what to
//! ask, reads the traces for the marks, and lays the answers out.
//!
//! # Size
//!
//! A name with `n` checks and `c` classes has `1 + n + n(n-1)/2` rows
//! (pairs only while `n` ≤ [`MAX_CHECKS_FOR_PAIRS`]; above it, `1 + n`)
//! and `c` columns. A matrix over [`MAX_CELLS`] cells is refused with a
//! [`MatrixError::TooLarge`] that says how to narrow the question.

use crate::check::ir::{self, RecordContent, RecordType};
use crate::emit::route53;
use crate::semantics::{
    self, failure_sets, Answer, Resolver, Scenario, Trace, MAX_CHECKS_FOR_PAIRS,
};
use serde_json::{json, Value};
use std::collections::HashMap;
use std::fmt::Write as _;
use unicode_width::UnicodeWidthStr;

/// The largest matrix steer draws, in cells (rows × columns): 79 rows (12
/// checks, with pairs) by 12 client classes still fit.
pub const MAX_CELLS: usize = 1000;

/// How [`render`] lays the matrices out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatrixFormat {
    /// Aligned columns for a terminal.
    Text,
    /// One GitHub-flavoured Markdown table per name.
    Markdown,
    /// One JSON document (shape in `docs/explain.md`, "The failure matrix").
    Json,
}

/// Which names to draw.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MatrixOptions {
    /// Relative to the zone (`www`, `@`) or absolute (`www.example.com`,
    /// with or without the final dot), any case; `None`: every routed name.
    pub name: Option<String>,
    /// Only this type of the name; needed when the name has several
    /// routed types.
    pub record_type: Option<RecordType>,
}

/// The failure matrix of one routed record set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matrix {
    /// Fully qualified, no final dot.
    pub name: String,
    pub record_type: RecordType,
    /// The checks the answers depend on (sorted).
    pub checks: Vec<String>,
    /// Whether pairs of failures are rows (at most
    /// [`MAX_CHECKS_FOR_PAIRS`] checks).
    pub pairs: bool,
    /// Column labels: the client classes, in [`semantics::client_classes`]
    /// order.
    pub classes: Vec<String>,
    pub rows: Vec<Row>,
}

/// One failure set and the answer of every class in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The checks down (sorted); empty: no failure.
    pub down: Vec<String>,
    /// One per class, in the order of [`Matrix::classes`].
    pub cells: Vec<Cell>,
}

/// What one class of client gets in one failure set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// `None`: no answer (NOERROR with an empty answer).
    pub answer: Option<Answer>,
    /// The endpoint whose answer this is, when it is exactly one
    /// endpoint's.
    pub endpoint: Option<String>,
    /// Whether the answer comes from a healthy member: false when Route 53
    /// answers although nothing is healthy, or a `stay` member holds an
    /// unhealthy answer.
    pub healthy: bool,
    /// The share of this class's answers that get it, `(part, total)`,
    /// when a weighted policy on the way splits them (nested weighted
    /// policies multiply); `None`: every answer.
    pub share: Option<(u64, u64)>,
    /// Whether the answer left the client's branch: a geolocation or CIDR
    /// rule fell through, or a latency or geoproximity client went past an
    /// unhealthy nearer member. A failover to the secondary is not one.
    pub fell_through: bool,
}

/// Why no matrix could be drawn.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MatrixError {
    #[error("zone `{zone}` has no record named `{name}`{}", hint(.suggestion))]
    UnknownName {
        name: String,
        zone: String,
        suggestion: Option<String>,
    },
    #[error(
        "`{name}` has no routed record set: its answers are the same whatever fails \
         (`steer explain` shows them)"
    )]
    NotRouted { name: String },
    #[error("`{name}` has no routed {record_type} record set; its routed types are {}", list(.types))]
    NoSuchType {
        name: String,
        record_type: RecordType,
        types: Vec<RecordType>,
    },
    #[error("`{name}` has routed record sets of several types ({}): give one", list(.types))]
    AmbiguousType {
        name: String,
        types: Vec<RecordType>,
    },
    #[error(
        "the failure matrix of {name} {record_type} would have {} cells ({rows} failure sets × \
         {columns} client classes), over the limit of {MAX_CELLS}; ask for one failure set \
         with `steer explain PATH {name} {record_type} --down CHECK...`, or one client with \
         `--from WHERE`{}",
        rows * columns,
        if *.whole_zone { ", and for the other names one at a time with `steer explain --matrix PATH NAME`" } else { "" }
    )]
    TooLarge {
        name: String,
        record_type: RecordType,
        rows: usize,
        columns: usize,
        /// The matrices of every name were asked for.
        whole_zone: bool,
    },
}

fn hint(suggestion: &Option<String>) -> String {
    suggestion
        .as_ref()
        .map(|s| format!("; {s}"))
        .unwrap_or_default()
}

fn list(types: &[RecordType]) -> String {
    types
        .iter()
        .map(|t| t.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The failure matrices `options` asks for, in the zone's record order;
/// all or nothing.
pub fn matrices(config: &ir::Config, options: &MatrixOptions) -> Result<Vec<Matrix>, MatrixError> {
    let records = select(config, options)?;
    let whole_zone = options.name.is_none();
    // Sizes first, so that nothing is resolved for a refused question.
    let mut plans = Vec::with_capacity(records.len());
    for record in records {
        let classes = semantics::client_classes(config, record);
        let checks = semantics::checks_of(config, record);
        let sets = failure_sets(&checks);
        if sets.len() * classes.len() > MAX_CELLS {
            return Err(MatrixError::TooLarge {
                name: record.fqdn.clone(),
                record_type: record.record_type,
                rows: sets.len(),
                columns: classes.len(),
                whole_zone,
            });
        }
        plans.push((record, classes, checks, sets));
    }
    let mut resolvers: HashMap<(String, Vec<String>), Resolver<'_>> = HashMap::new();
    let mut out = Vec::with_capacity(plans.len());
    for (record, classes, checks, sets) in plans {
        let rows = sets
            .into_iter()
            .map(|down| {
                let cells = classes
                    .iter()
                    .map(|class| {
                        let resolver = resolvers
                            .entry((class.label.clone(), down.clone()))
                            .or_insert_with(|| {
                                Resolver::new(
                                    config,
                                    &Scenario::with_down(down.iter().cloned()),
                                    class.client.clone(),
                                )
                            });
                        cell(&resolver.record_set(record))
                    })
                    .collect();
                Row { down, cells }
            })
            .collect();
        out.push(Matrix {
            name: record.fqdn.clone(),
            record_type: record.record_type,
            pairs: checks.len() <= MAX_CHECKS_FOR_PAIRS,
            checks,
            classes: classes.into_iter().map(|c| c.label).collect(),
            rows,
        });
    }
    Ok(out)
}

/// The routed record sets `options` names.
fn select<'c>(
    config: &'c ir::Config,
    options: &MatrixOptions,
) -> Result<Vec<&'c ir::RecordSet>, MatrixError> {
    let routed = |r: &&ir::RecordSet| matches!(r.content, RecordContent::Routed(_));
    let Some(asked) = &options.name else {
        return Ok(config
            .records
            .iter()
            .filter(routed)
            .filter(|r| options.record_type.is_none_or(|t| r.record_type == t))
            .collect());
    };
    let wanted = asked.trim_end_matches('.').to_ascii_lowercase();
    let named: Vec<&ir::RecordSet> = config
        .records
        .iter()
        .filter(|r| r.name == wanted || r.fqdn == wanted)
        .collect();
    let shown = named
        .first()
        .map_or_else(|| asked.clone(), |r| r.fqdn.clone());
    if named.is_empty() {
        let mut candidates: Vec<&str> = config.records.iter().map(|r| r.name.as_str()).collect();
        candidates.dedup();
        return Err(MatrixError::UnknownName {
            name: asked.clone(),
            zone: config.zone.name.clone(),
            suggestion: crate::diagnostic::did_you_mean(asked, candidates),
        });
    }
    let named: Vec<&ir::RecordSet> = named.into_iter().filter(routed).collect();
    let types: Vec<RecordType> = named.iter().map(|r| r.record_type).collect();
    match (options.record_type, named.as_slice()) {
        (_, []) => Err(MatrixError::NotRouted { name: shown }),
        (None, [one]) => Ok(vec![one]),
        (None, _) => Err(MatrixError::AmbiguousType { name: shown, types }),
        (Some(t), _) => match named.iter().find(|r| r.record_type == t) {
            Some(r) => Ok(vec![r]),
            None => Err(MatrixError::NoSuchType {
                name: shown,
                record_type: t,
                types,
            }),
        },
    }
}

/// The endpoint whose answer a resolution is, when it is exactly one
/// endpoint's (followed through aliases, failovers and rules).
pub fn answering_endpoint<'t>(resolution: &'t semantics::Resolution<'_>) -> Option<&'t str> {
    resolution.answer.as_ref()?;
    Path::default().walk(&resolution.trace)
}

/// A cell from a record set's resolution.
fn cell(resolution: &semantics::Resolution<'_>) -> Cell {
    let mut path = Path::default();
    let endpoint = match resolution.answer {
        Some(_) => path.walk(&resolution.trace).map(str::to_string),
        None => None,
    };
    Cell {
        answer: resolution.answer.clone(),
        endpoint,
        healthy: resolution.answer.is_some() && resolution.healthy && !path.unhealthy_inside,
        fell_through: path.fell_through,
        share: path.share.filter(|(part, total)| part != total),
    }
}

/// What the chosen path of a trace went through.
#[derive(Default)]
struct Path {
    fell_through: bool,
    /// The answer is not from a healthy member although the record set
    /// counts as healthy: a `stay` member held it, or an alias that does
    /// not evaluate target health passed it on.
    unhealthy_inside: bool,
    share: Option<(u64, u64)>,
}

impl Path {
    /// Follows the members that answered; returns the endpoint whose
    /// answer it is, when it is exactly one endpoint's.
    fn walk<'t>(&mut self, trace: &'t Trace<'_>) -> Option<&'t str> {
        match trace {
            Trace::Records
            | Trace::Undefined { .. }
            | Trace::AliasLoop
            | Trace::UnknownEndpoint { .. } => None,
            Trace::Stayed { within, .. } => {
                self.unhealthy_inside = true;
                self.walk(within)
            }
            Trace::Checked {
                check_healthy,
                within,
                ..
            } => {
                // Up by its `alone` check although nothing beneath is healthy.
                self.unhealthy_inside |= *check_healthy;
                self.walk(within)
            }
            Trace::Endpoint { endpoint } | Trace::AwsAlias { endpoint, .. } => Some(&endpoint.name),
            Trace::RecordAlias {
                endpoint, target, ..
            } => {
                self.unhealthy_inside |= !target.healthy;
                match &target.trace {
                    // An alias to plain data: the alias endpoint is its name.
                    Trace::Records => Some(&endpoint.name),
                    inner => self.walk(inner),
                }
            }
            Trace::Failover { within, .. } | Trace::Pool { within, .. } => self.walk(within),
            Trace::Rule {
                fell_through,
                chosen,
                ..
            } => {
                self.fell_through |= !fell_through.is_empty();
                chosen.as_ref().and_then(|(_, within)| self.walk(within))
            }
            Trace::Nearest {
                ranking,
                chosen,
                within,
                ..
            } => {
                self.fell_through |= ranking[..*chosen].iter().any(|r| !r.healthy);
                self.walk(within)
            }
            Trace::Weighted { choice, .. } => choice.as_ref().and_then(|c| {
                let (part, total) = (u64::from(c.share.0), u64::from(c.share.1));
                let (p, t) = self.share.unwrap_or((1, 1));
                self.share = Some((p * part, t * total));
                self.walk(&c.within)
            }),
            Trace::Union { members, .. } => {
                let used: Vec<&Trace<'_>> = members
                    .iter()
                    .filter_map(|m| match &m.outcome {
                        semantics::resolve::MemberOutcome::Used(t) => Some(&**t),
                        semantics::resolve::MemberOutcome::LeftOut(_) => None,
                    })
                    .collect();
                let names: Vec<Option<&str>> = used.iter().map(|t| self.walk(t)).collect();
                match names.as_slice() {
                    [one] => *one,
                    _ => None,
                }
            }
        }
    }
}

// ----------------------------------------------------------------------------
// Rendering
// ----------------------------------------------------------------------------

const FELL_THROUGH: &str = "↓";
const UNHEALTHY: &str = "!";
const NO_ANSWER: &str = "—";

/// The legend, one line per mark: (mark, meaning).
const LEGEND: [(&str, &str); 4] = [
    (
        FELL_THROUGH,
        "left its branch: a geolocation or CIDR rule fell through, or a nearer latency or \
         geoproximity member was down (a failover to its secondary is not marked)",
    ),
    (
        UNHEALTHY,
        "no healthy answer: Route 53 answers as if all were healthy, or a `stay` member \
         holds the answer",
    ),
    (NO_ANSWER, "no answer (NOERROR, empty)"),
    (
        "N%",
        "a weighted policy gives this answer to that share of the class's queries, the \
         others to its other members",
    ),
];

/// `matrices` in `format`; deterministic.
pub fn render(matrices: &[Matrix], format: MatrixFormat) -> String {
    match format {
        MatrixFormat::Text => text(matrices),
        MatrixFormat::Markdown => markdown(matrices),
        MatrixFormat::Json => {
            let mut s = serde_json::to_string_pretty(&json_value(matrices))
                .expect("a JSON value serializes");
            s.push('\n');
            s
        }
    }
}

/// The answer in a few words: the endpoint's name, else the values; and
/// the marks.
fn cell_text(cell: &Cell) -> String {
    let Some(answer) = &cell.answer else {
        return NO_ANSWER.to_string();
    };
    let mut s = match &cell.endpoint {
        Some(name) => name.clone(),
        None => values(answer).join(", "),
    };
    if let Some((part, total)) = cell.share {
        // Rounded down, so that a small share never reads as 100%.
        let _ = write!(s, " {}%", part * 100 / total.max(1));
    }
    let marks = [
        (cell.fell_through, FELL_THROUGH),
        (!cell.healthy, UNHEALTHY),
    ];
    if marks.iter().any(|(on, _)| *on) {
        s.push(' ');
        s.extend(marks.iter().filter(|(on, _)| *on).map(|(_, m)| *m));
    }
    s
}

fn values(answer: &Answer) -> Vec<String> {
    match answer {
        Answer::Data(data) => data.iter().map(route53::rdata_value).collect(),
        Answer::Cname(name) => vec![name.clone()],
    }
}

fn row_label(down: &[String]) -> String {
    if down.is_empty() {
        "no failure".to_string()
    } else {
        down.join(" + ")
    }
}

/// The line above a matrix's table.
fn summary(m: &Matrix, code: fn(&str) -> String) -> String {
    let checks = match m.checks.len() {
        0 => "no check".to_string(),
        n => format!(
            "{n} check{} ({})",
            plural(n),
            m.checks
                .iter()
                .map(|c| code(c))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let (rows, columns) = (m.rows.len(), m.classes.len());
    let mut s = format!(
        "{checks}; {rows} failure set{} × {columns} client class{}",
        plural(rows),
        if columns == 1 { "" } else { "es" }
    );
    if !m.pairs {
        let _ = write!(
            s,
            "; single failures only (pairs above {MAX_CHECKS_FOR_PAIRS} checks: ask for one \
             with `steer explain PATH NAME --down A --down B`)"
        );
    }
    s
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn grid(m: &Matrix) -> (Vec<String>, Vec<Vec<String>>) {
    let header = std::iter::once("down".to_string())
        .chain(m.classes.iter().cloned())
        .collect();
    let body = m
        .rows
        .iter()
        .map(|r| {
            std::iter::once(row_label(&r.down))
                .chain(r.cells.iter().map(cell_text))
                .collect()
        })
        .collect();
    (header, body)
}

fn text(matrices: &[Matrix]) -> String {
    let mut out = String::new();
    for m in matrices {
        let _ = writeln!(
            out,
            "{} {}: {}\n",
            m.name,
            m.record_type,
            summary(m, |c| c.to_string())
        );
        let (header, body) = grid(m);
        let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
        for row in &body {
            for (w, c) in widths.iter_mut().zip(row) {
                *w = (*w).max(c.width());
            }
        }
        let line = |out: &mut String, cells: &[String]| {
            let mut l = String::new();
            for (i, (c, w)) in cells.iter().zip(&widths).enumerate() {
                if i > 0 {
                    l.push_str("  ");
                }
                l.push_str(c);
                l.extend(std::iter::repeat_n(' ', w - c.width()));
            }
            out.push_str(l.trim_end());
            out.push('\n');
        };
        line(&mut out, &header);
        let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
        line(&mut out, &rule);
        for row in &body {
            line(&mut out, row);
        }
        out.push('\n');
    }
    for (mark, meaning) in LEGEND {
        let _ = writeln!(out, "{mark:<2} {meaning}");
    }
    out
}

fn markdown(matrices: &[Matrix]) -> String {
    let escape = |s: &str| s.replace('|', "\\|");
    let mut out = String::new();
    for m in matrices {
        let _ = writeln!(out, "### `{}` {}\n", m.name, m.record_type);
        let _ = writeln!(out, "{}.\n", summary(m, |c| format!("`{c}`")));
        let (header, body) = grid(m);
        let row = |cells: &[String]| {
            format!(
                "| {} |\n",
                cells
                    .iter()
                    .map(|c| escape(c))
                    .collect::<Vec<_>>()
                    .join(" | ")
            )
        };
        out.push_str(&row(&header));
        let _ = writeln!(out, "|{}", "---|".repeat(header.len()));
        for r in &body {
            out.push_str(&row(r));
        }
        out.push('\n');
    }
    for (mark, meaning) in LEGEND {
        let _ = writeln!(out, "- {mark} {meaning}");
    }
    out
}

fn json_value(matrices: &[Matrix]) -> Value {
    let cell = |c: &Cell| {
        let answer = match &c.answer {
            None => Value::Null,
            Some(data @ Answer::Data(_)) => json!({ "data": values(data) }),
            Some(Answer::Cname(name)) => json!({ "cname": name }),
        };
        json!({
            "answer": answer,
            "endpoint": c.endpoint,
            "healthy": c.healthy,
            "fell_through": c.fell_through,
            "share": c.share.map(|(part, total)| json!([part, total])),
        })
    };
    json!({
        "matrices": matrices.iter().map(|m| json!({
            "name": m.name,
            "type": m.record_type.as_str(),
            "checks": m.checks,
            "pairs": m.pairs,
            "classes": m.classes,
            "rows": m.rows.iter().map(|r| json!({
                "down": r.down,
                "cells": r.cells.iter().map(cell).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}
