//! The dependency graph drawn for people (`steer graph`): records →
//! routing policies → endpoints → health checks (calculated checks → their
//! children) → regions, with each member's weight, failover role, location
//! and `stay` on its edge.
//!
//! Built from the IR only: the routing trees in `RecordSet.content` give
//! the labelled policy edges (a member's weight, role or location lives in
//! the tree), and the IR's [`DependencyGraph`](crate::check::ir::DependencyGraph)
//! gives the "uses" edges between named items (endpoint → check, endpoint
//! → region, calculated check → child, alias endpoint → record). Nodes and
//! edges come out in one fixed order: zones by name, then each zone's
//! records (sorted in the IR), their policy trees depth first, endpoints,
//! checks, regions and CIDR collections by name; so the same configuration
//! gives byte-identical output whatever the order of files or items.
//!
//! [`dot`] and [`mermaid`] render a [`Graph`]; each does its own escaping.

pub mod dot;
pub mod mermaid;

use crate::check::ir::{self, GraphNode};
use crate::dns_name::to_unicode;
use std::collections::{BTreeSet, HashMap};

/// The graph of one or more zones.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Graph {
    /// Sorted by zone name.
    pub zones: Vec<ZoneGraph>,
}

/// One zone's part of the graph. Node ids are unique across the whole
/// [`Graph`] (`n0`, `n1`, … in output order), so zones never share a node.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ZoneGraph {
    /// The zone as written (Unicode when the zone is an IDN).
    pub name: String,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// `n<number>`: safe as a DOT and a Mermaid identifier as it is.
    pub id: String,
    pub kind: NodeKind,
    /// Lines of text; the first names the node, the others describe it.
    /// Raw text: each renderer escapes it.
    pub lines: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    /// A routed record set, or a record set an alias endpoint points at.
    Record,
    /// A routing policy inside a record (failover, weighted, …).
    Policy,
    /// A reusable pool: one node, with an edge from each use.
    Pool,
    Endpoint,
    Check,
    Region,
    CidrCollection,
    /// A value of the surrounding stack (`input`).
    Input,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    pub from: String,
    pub to: String,
    /// Raw text (weight, role, location, `stay`), if any.
    pub label: Option<String>,
    /// A `stay` member: its parent treats it as always healthy.
    pub stay: bool,
}

/// The graph of these checked zones.
pub fn build(configs: &[ir::Config]) -> Graph {
    let mut order: Vec<&ir::Config> = configs.iter().collect();
    order.sort_by(|a, b| a.zone.name.cmp(&b.zone.name));
    let mut next_id = 0usize;
    let zones = order
        .into_iter()
        .map(|config| ZoneBuilder::new(config, &mut next_id).build())
        .collect();
    Graph { zones }
}

/// The zone's name, and for a private zone the VPCs whose queries it
/// answers (Route 53 answers them only there), so a graph of a private
/// zone cannot be read as a public one.
fn zone_title(zone: &ir::Zone) -> String {
    match &zone.private {
        None => zone.display_name.clone(),
        Some(vpcs) if vpcs.is_empty() => format!("{} (private)", zone.display_name),
        Some(vpcs) => {
            let vpcs: Vec<String> = vpcs
                .iter()
                .map(|v| format!("{} in {}", v.id, v.region))
                .collect();
            format!("{} (private: {})", zone.display_name, vpcs.join(", "))
        }
    }
}

/// Builds one zone. Named items (records, endpoints, checks, regions,
/// collections) get one node each, made on first use; policies get one
/// node per position in a tree.
struct ZoneBuilder<'a> {
    config: &'a ir::Config,
    next_id: &'a mut usize,
    graph: ZoneGraph,
    named: HashMap<Item, String>,
    /// (from, to, label) of the edges drawn: a use seen twice (an alias
    /// from the IR graph and from a tree) is drawn once.
    edges: BTreeSet<(String, String, Option<String>)>,
}

impl<'a> ZoneBuilder<'a> {
    fn new(config: &'a ir::Config, next_id: &'a mut usize) -> Self {
        ZoneBuilder {
            config,
            next_id,
            graph: ZoneGraph {
                name: zone_title(&config.zone),
                ..ZoneGraph::default()
            },
            named: HashMap::new(),
            edges: BTreeSet::new(),
        }
    }

    fn build(mut self) -> ZoneGraph {
        let config = self.config;
        for record in &config.records {
            if let ir::RecordContent::Routed(root) = &record.content {
                let node = self.named(Item::Record(record.fqdn.clone(), record.record_type));
                self.member(record, &node, root, None);
            }
        }
        for name in config.endpoints.keys() {
            self.named(Item::Endpoint(name.clone()));
        }
        for name in config.checks.keys() {
            self.named(Item::Check(name.clone()));
        }
        for name in config.regions.keys() {
            self.named(Item::Region(name.clone()));
        }
        for name in config.cidr_collections.keys() {
            self.named(Item::Collection(name.clone()));
        }
        // The "uses" edges between named items, in the IR graph's sorted
        // order. Policy nodes are drawn from the trees instead, where the
        // members' weights, roles and locations are.
        // (Record → zone edges are left out: the zone is the cluster.)
        for (from, to) in crate::check::dependency_graph(config).named_edges() {
            if let (Some(from), Some(to)) = (Item::of(&from), Item::of(&to)) {
                let label = matches!(to, Item::Record(..)).then(|| "alias".to_string());
                let (a, b) = (self.named(from), self.named(to));
                self.edge(a, b, label, false);
            }
        }
        self.graph
    }

    fn fresh_id(&mut self) -> String {
        let id = format!("n{}", self.next_id);
        *self.next_id += 1;
        id
    }

    /// The node of a named item, made on first use.
    fn named(&mut self, item: Item) -> String {
        if let Some(id) = self.named.get(&item) {
            return id.clone();
        }
        let (kind, lines) = describe(self.config, &item);
        let id = self.node(kind, lines);
        self.named.insert(item, id.clone());
        id
    }

    /// A new node. Control characters (a user's string may hold a tab or
    /// a newline) are shown as escapes, so that no renderer meets them.
    fn node(&mut self, kind: NodeKind, lines: Vec<String>) -> String {
        let id = self.fresh_id();
        let lines = lines.iter().map(|l| printable(l)).collect();
        self.graph.nodes.push(Node {
            id: id.clone(),
            kind,
            lines,
        });
        id
    }

    fn edge(&mut self, from: String, to: String, label: Option<String>, stay: bool) {
        if self.edges.insert((from.clone(), to.clone(), label.clone())) {
            self.graph.edges.push(Edge {
                from,
                to,
                label,
                stay,
            });
        }
    }

    /// Draws `node` as a member of `parent` (an edge labelled `label`),
    /// then its own members.
    fn member(
        &mut self,
        record: &ir::RecordSet,
        parent: &str,
        node: &ir::PolicyNode,
        label: Option<String>,
    ) {
        let stay = node.stays();
        let label = match (label, stay) {
            (Some(l), true) => Some(format!("{l}, stay")),
            (None, true) => Some("stay".to_string()),
            (l, false) => l,
        };
        // The check written for this use (language.md §10.12).
        let label = with_use_check(label, node.use_check());
        if let ir::RoutingPolicy::Endpoint(e) = &node.policy {
            let to = self.endpoint_use(record, e);
            self.edge(parent.to_string(), to, label, stay);
            return;
        }
        if let ir::RoutingPolicy::Pool(pool) = &node.policy {
            let item = Item::Pool(pool.name.clone());
            let drawn = self.named.contains_key(&item);
            let to = self.named(item);
            self.edge(parent.to_string(), to.clone(), label, stay);
            if !drawn {
                self.member(record, &to, &pool.node, None);
            }
            return;
        }
        let here = self.node(NodeKind::Policy, vec![node.policy.keyword().to_string()]);
        self.edge(parent.to_string(), here.clone(), label, stay);
        match &node.policy {
            ir::RoutingPolicy::Endpoint(_) | ir::RoutingPolicy::Pool(_) => {}
            ir::RoutingPolicy::Multivalue(members) => {
                for e in members {
                    let to = self.endpoint_use(record, e);
                    let label = with_use_check(None, node.endpoint_use_check(e));
                    self.edge(here.clone(), to, label, false);
                }
            }
            ir::RoutingPolicy::Failover { primary, secondary } => {
                self.member(record, &here, primary, Some("primary".into()));
                self.member(record, &here, secondary, Some("secondary".into()));
            }
            ir::RoutingPolicy::Latency(members) => {
                for m in members {
                    let label = format!("latency {} ({})", m.region, m.aws_region);
                    self.member(record, &here, &m.target, Some(label));
                }
            }
            ir::RoutingPolicy::Geolocation(rules) => {
                for r in rules {
                    self.member(record, &here, &r.target, Some(geo_label(&r.location)));
                }
            }
            ir::RoutingPolicy::Weighted(members) => {
                for m in members {
                    let label = format!("weight {}", m.weight);
                    self.member(record, &here, &m.target, Some(label));
                }
            }
            ir::RoutingPolicy::Geoproximity(members) => {
                for m in members {
                    let at = match &m.location {
                        ir::GeoproximityLocation::AwsRegion(code) => code.clone(),
                        ir::GeoproximityLocation::Coordinates(c) => {
                            format!("{}, {}", c.latitude, c.longitude)
                        }
                    };
                    let label = format!("{at}, bias {:+}", m.bias);
                    self.member(record, &here, &m.target, Some(label));
                }
            }
            ir::RoutingPolicy::Cidr(cidr) => {
                let c = self.named(Item::Collection(cidr.collection.clone()));
                self.edge(here.clone(), c, Some("blocks".into()), false);
                for r in &cidr.rules {
                    let label = match &r.location {
                        Some(location) => format!("location {location}"),
                        None => "default".to_string(),
                    };
                    self.member(record, &here, &r.target, Some(label));
                }
            }
        }
    }

    /// The endpoint's node; an alias to a record of this zone without a
    /// type aliases the record of the using record's own type, so that
    /// edge is drawn here (the IR graph draws it from the policy node).
    fn endpoint_use(&mut self, record: &ir::RecordSet, name: &str) -> String {
        let id = self.named(Item::Endpoint(name.to_string()));
        if let Some(ir::AliasTarget {
            kind: ir::AliasTargetKind::Record { record_type: None },
            dns_name: ir::Value::Literal(dns_name),
            ..
        }) = self
            .config
            .endpoints
            .get(name)
            .and_then(|e| e.answer.alias())
        {
            let target = self.named(Item::Record(dns_name.clone(), record.record_type));
            self.edge(id.clone(), target, Some("alias".into()), false);
        }
        id
    }
}

/// A member edge's label with the check written for the use, if any:
/// `primary, check eu_up`, `check gate alone`.
fn with_use_check(label: Option<String>, check: Option<&ir::UseCheck>) -> Option<String> {
    let Some(c) = check else { return label };
    let alone = if c.alone.is_some() { " alone" } else { "" };
    let text = format!("check {}{alone}", c.name);
    Some(match label {
        Some(l) => format!("{l}, {text}"),
        None => text,
    })
}

/// `s` with each control character written as an escape (`\u{9}`).
fn printable(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control() {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

/// A string as it is written in a `.steer` file: quoted, with `"` and `\`
/// escaped.
fn steer_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// `continent EU`, `country DE`, `subdivision US-CA`, `default`.
fn geo_label(location: &ir::GeoLocation) -> String {
    match location {
        ir::GeoLocation::Continent(c) => format!("continent {c}"),
        ir::GeoLocation::Country(c) => format!("country {c}"),
        ir::GeoLocation::Subdivision(c, s) => format!("subdivision {c}-{s}"),
        ir::GeoLocation::Default => "default".to_string(),
    }
}

/// A named item of the zone: one node each.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Item {
    Record(String, ir::RecordType),
    Endpoint(String),
    Check(String),
    Region(String),
    Collection(String),
    Input(String),
    Pool(String),
}

impl Item {
    /// The item an IR graph node stands for; `None` for the zone (drawn
    /// as a cluster) and for policies (drawn from the routing trees).
    fn of(node: &GraphNode) -> Option<Item> {
        Some(match *node {
            GraphNode::Record(fqdn, t) => Item::Record(fqdn.to_string(), t),
            GraphNode::Endpoint(name) => Item::Endpoint(name.to_string()),
            GraphNode::Check(name) => Item::Check(name.to_string()),
            GraphNode::Region(name) => Item::Region(name.to_string()),
            GraphNode::CidrCollection(name) => Item::Collection(name.to_string()),
            GraphNode::Input(name) => Item::Input(name.to_string()),
            // A pool's node is made where it is used, from the trees.
            GraphNode::Zone(_) | GraphNode::Policy(..) | GraphNode::Pool(_) => return None,
        })
    }
}

/// A named item's kind and lines of text.
fn describe(config: &ir::Config, item: &Item) -> (NodeKind, Vec<String>) {
    match item {
        Item::Record(fqdn, t) => (NodeKind::Record, vec![format!("{} {t}", to_unicode(fqdn))]),
        Item::Endpoint(name) => {
            let mut lines = vec![format!("endpoint {name}")];
            if let Some(e) = config.endpoints.get(name) {
                lines.push(answer_text(&e.answer));
                if e.evaluate_target_health().is_some() {
                    lines.push("evaluate target health".into());
                }
            }
            (NodeKind::Endpoint, lines)
        }
        Item::Check(name) => {
            let mut lines = vec![format!("check {name}")];
            if let Some(c) = config.checks.get(name) {
                // The console lists checks by their Name tag: show it when
                // it is not the steer name, so the graph matches the console.
                if let Some(shown) = c.tag("Name").filter(|n| *n != name) {
                    lines.push(format!("Name \"{shown}\""));
                }
                lines.extend(check_text(c));
            }
            (NodeKind::Check, lines)
        }
        Item::Region(name) => {
            let mut lines = vec![format!("region {name}")];
            if let Some(r) = config.regions.get(name) {
                lines.extend(r.aws.clone());
                if let Some(c) = &r.coordinates {
                    lines.push(format!("{}, {}", c.latitude, c.longitude));
                }
            }
            (NodeKind::Region, lines)
        }
        Item::Pool(name) => {
            let mut lines = vec![format!("pool {name}")];
            if let Some(p) = config.pools.get(name) {
                let types: Vec<String> = p.record_types.iter().map(ToString::to_string).collect();
                lines.push(types.join(", "));
            }
            (NodeKind::Pool, lines)
        }
        Item::Collection(name) => {
            let mut lines = vec![format!("cidr_collection {name}")];
            if let Some(c) = config.cidr_collections.get(name) {
                let names: Vec<&str> = c.locations.keys().map(String::as_str).collect();
                lines.push(names.join(", "));
            }
            (NodeKind::CidrCollection, lines)
        }
        Item::Input(name) => {
            let mut lines = vec![format!("input {name}")];
            if let Some(value) = config.inputs.get(name).and_then(|i| i.value.as_ref()) {
                lines.push(value.clone());
            }
            (NodeKind::Input, lines)
        }
    }
}

fn answer_text(answer: &ir::Answer) -> String {
    match answer {
        ir::Answer::Addresses { v4, v6 } => {
            let all: Vec<String> = v4
                .iter()
                .map(ToString::to_string)
                .chain(v6.iter().map(ToString::to_string))
                .collect();
            all.join(", ")
        }
        ir::Answer::Cname(name) => format!("cname {}", to_unicode(&name.to_string())),
        ir::Answer::Alias(a) => match &a.kind {
            ir::AliasTargetKind::Aws(kind) => {
                format!(
                    "alias {} {}",
                    kind.keyword(),
                    to_unicode(&a.dns_name.to_string())
                )
            }
            ir::AliasTargetKind::Record { record_type } => match record_type {
                Some(t) => format!("alias record {} {t}", to_unicode(&a.dns_name.to_string())),
                None => format!("alias record {}", to_unicode(&a.dns_name.to_string())),
            },
        },
    }
}

fn check_text(check: &ir::HealthCheck) -> Vec<String> {
    let mut lines = Vec::new();
    match &check.kind {
        ir::HealthCheckKind::Endpoint(p) => {
            let host = match (&p.ip_address, &p.fqdn) {
                (Some(ip), _) => ip.to_string(),
                (None, Some(fqdn)) => to_unicode(&fqdn.to_string()),
                (None, None) => String::new(),
            };
            let path = p.resource_path.as_deref().unwrap_or("");
            lines.push(format!("{} {host}:{}{path}", p.protocol.keyword(), p.port));
            if let Some(s) = p.search_string() {
                lines.push(format!("expect {}", steer_string(s)));
            }
        }
        ir::HealthCheckKind::Calculated {
            children,
            threshold,
        } => lines.push(format!(
            "calculated: {threshold} of {} healthy",
            children.len()
        )),
        ir::HealthCheckKind::CloudWatchAlarm {
            alarm_name, region, ..
        } => lines.push(format!(
            "alarm {} in {region}",
            // An input without a value is shown as `input.NAME`, unquoted.
            match alarm_name.bound() {
                Some(name) => steer_string(name),
                None => alarm_name.to_string(),
            }
        )),
        ir::HealthCheckKind::RecoveryControl { .. } => lines.push("routing control".into()),
    }
    if check.inverted {
        lines.push("inverted".into());
    }
    if check.disabled {
        lines.push("disabled".into());
    }
    lines
}
