//! The dependency graph ("uses" edges) of a configuration, and the one
//! rule that needs it: no reference cycles (calculated checks that contain
//! themselves, records that alias each other in a loop).

use super::{ir, messages};
use crate::diagnostic::Diagnostics;
use crate::source::Span;
use ir::GraphNode;
use ir::NamedNode as N;
use petgraph::graph::NodeIndex;
use std::collections::BTreeSet;

/// The dependency graph of a checked configuration. The check stage
/// builds it for the cycle rule and drops it; the configuration does not
/// hold it, so a reader that needs it (`steer graph`, the formatter's
/// check that formatting keeps the meaning) builds it here.
pub fn dependency_graph(config: &ir::Config) -> ir::DependencyGraph<'_> {
    let room = room(config);
    let mut g = ir::DependencyGraph::with_capacity(room.nodes, room.named, room.edges);
    build_into(&mut g, config);
    g
}

/// Reports every reference cycle of `config`, with a graph built for the
/// purpose and freed on return.
pub(super) fn report_cycles(config: &ir::Config, diagnostics: &mut Diagnostics) {
    report_cycles_in(&dependency_graph(config), config, diagnostics);
}

/// How much room the graph of `config` takes, at most: nodes, named nodes
/// (not policy nodes), edges.
struct Room {
    nodes: usize,
    named: usize,
    edges: usize,
}

/// Room for every node and edge, counted (an estimate of three nodes per
/// record regrew the node set on large zones, holding old and new tables
/// at once; one of two edges per node regrew the edges): a node per
/// declared item and record, one per policy node of each record's tree and
/// of each pool's per type it is used for, and one per alias target that
/// may not be a record (two for an alias without a type: one per type it
/// is used for, usually A and AAAA; one per endpoint held a sixth more
/// room than nodes); an edge per use written.
fn room(config: &ir::Config) -> Room {
    let (policy_nodes, policy_edges) = config
        .records
        .iter()
        .filter_map(|r| match &r.content {
            ir::RecordContent::Routed(root) => Some(tree_room(config, root)),
            ir::RecordContent::Plain(_) => None,
        })
        .chain(config.pools.values().map(|p| {
            let (nodes, edges) = tree_room(config, &p.node);
            (nodes * p.record_types.len(), edges * p.record_types.len())
        }))
        .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    let alias_targets: usize = config
        .endpoints
        .values()
        .map(|e| match e.answer.alias() {
            Some(ir::AliasTarget {
                kind: ir::AliasTargetKind::Record { record_type },
                ..
            }) => 1 + usize::from(record_type.is_none()),
            _ => 0,
        })
        .sum();
    let named = config.inputs.len()
        + config.regions.len()
        + config.checks.len()
        + config.endpoints.len()
        + alias_targets
        + config.cidr_collections.len()
        + config.pools.len()
        + config.records.len()
        + 1;
    let endpoint_uses: usize = config
        .endpoints
        .values()
        .map(|e| {
            let typed_alias = matches!(
                e.answer.alias(),
                Some(ir::AliasTarget {
                    kind: ir::AliasTargetKind::Record {
                        record_type: Some(_)
                    },
                    dns_name: ir::Value::Literal(_),
                    ..
                })
            );
            e.answer.inputs().len()
                + usize::from(e.region().is_some())
                + usize::from(e.health_check.is_some())
                + usize::from(typed_alias)
        })
        .sum();
    let check_uses: usize = config
        .checks
        .values()
        .map(|c| match &c.kind {
            ir::HealthCheckKind::Calculated { children, .. } => children.len(),
            kind => kind.inputs().len(),
        })
        .sum();
    let record_uses: usize = config
        .records
        .iter()
        .map(|r| match &r.content {
            ir::RecordContent::Plain(rdata) => {
                1 + rdata.iter().filter_map(ir::RData::input).count()
            }
            ir::RecordContent::Routed(_) => 1,
        })
        .sum();
    let zone_uses = match &config.zone.hosted_zone {
        ir::HostedZone::Id(id) => usize::from(id.input().is_some()),
        _ => 0,
    };
    Room {
        nodes: named + policy_nodes,
        named,
        edges: policy_edges + endpoint_uses + check_uses + record_uses + zone_uses,
    }
}

/// The policy nodes of a routing tree and the edges from them and into
/// its root, not counting the inside of the pools it uses (added once per
/// pool and type).
fn tree_room(config: &ir::Config, node: &ir::PolicyNode) -> (usize, usize) {
    use ir::RoutingPolicy as P;
    let checks = node.written_checks().count();
    let endpoint = |e: &str| 1 + usize::from(untyped_alias(config, e).is_some());
    let (nodes, edges) = match &node.policy {
        P::Endpoint(e) => (0, endpoint(e)),
        P::Multivalue(m) => (0, m.iter().map(|e| endpoint(e)).sum()),
        P::Pool(_) => (0, 1),
        other => other
            .children()
            .map(|c| tree_room(config, c))
            .fold((0, usize::from(matches!(other, P::Cidr(_)))), |a, b| {
                (a.0 + b.0, a.1 + b.1)
            }),
    };
    (1 + nodes, 1 + checks + edges)
}

/// The record an alias endpoint without a type aliases (of the type of
/// the record that uses it).
fn untyped_alias<'c>(config: &'c ir::Config, endpoint: &str) -> Option<&'c str> {
    match config.endpoints.get(endpoint)?.answer.alias() {
        Some(ir::AliasTarget {
            kind: ir::AliasTargetKind::Record { record_type: None },
            dns_name: ir::Value::Literal(dns_name),
            ..
        }) => Some(dns_name),
        _ => None,
    }
}

fn build_into<'c>(g: &mut ir::DependencyGraph<'c>, config: &'c ir::Config) {
    let zone = N::Zone(&config.zone.name);
    for name in config.regions.keys() {
        g.named(N::Region(name));
    }
    for (name, check) in &config.checks {
        let node = g.named(N::Check(name));
        for input in check.kind.inputs() {
            let input = g.named(N::Input(input));
            g.uses(node, input);
        }
        if let ir::HealthCheckKind::Calculated { children, .. } = &check.kind {
            for child in children {
                let child = g.named(N::Check(child));
                g.uses(node, child);
            }
        }
    }
    for name in config.cidr_collections.keys() {
        g.named(N::CidrCollection(name));
    }
    if let ir::HostedZone::Id(id) = &config.zone.hosted_zone {
        if let Some(input) = id.input() {
            let (zone, input) = (g.named(zone), g.named(N::Input(input)));
            g.uses(zone, input);
        }
    }
    for (name, endpoint) in &config.endpoints {
        let node = g.named(N::Endpoint(name));
        for input in endpoint.answer.inputs() {
            let input = g.named(N::Input(input));
            g.uses(node, input);
        }
        if let Some(r) = endpoint.region() {
            let region = g.named(N::Region(r));
            g.uses(node, region);
        }
        if let Some(c) = &endpoint.health_check {
            let check = g.named(N::Check(c));
            g.uses(node, check);
        }
        if let Some(ir::AliasTarget {
            kind: ir::AliasTargetKind::Record {
                record_type: Some(t),
            },
            dns_name: ir::Value::Literal(dns_name),
            ..
        }) = endpoint.answer.alias()
        {
            let record = g.named(N::Record(dns_name, *t));
            g.uses(node, record);
        }
    }
    let zone_index = g.named(zone);
    for name in config.pools.keys() {
        g.named(N::Pool(name));
    }
    // A pool's inside is added once per record type it is used for.
    let mut pools_added = BTreeSet::new();
    for record in &config.records {
        let index = g.named(N::Record(&record.fqdn, record.record_type));
        g.uses(index, zone_index);
        match &record.content {
            ir::RecordContent::Routed(root) => {
                let mut at = At {
                    config,
                    record_type: record.record_type,
                    pools_added: &mut pools_added,
                };
                let owner = ir::Owner::Record(&record.fqdn);
                let root_index = g.policy_root(index, owner, record.record_type, root);
                add_policy(g, &mut at, root, root_index);
            }
            ir::RecordContent::Plain(rdata) => {
                for input in rdata.iter().filter_map(ir::RData::input) {
                    let input = g.named(N::Input(input));
                    g.uses(index, input);
                }
            }
        }
    }
}

/// Where a routing tree is: the type it answers for, and the pools whose
/// inside is already in the graph.
struct At<'a, 'c> {
    config: &'c ir::Config,
    record_type: ir::RecordType,
    /// (pool, type) pairs whose inside is already in the graph.
    pools_added: &'a mut BTreeSet<(&'c str, ir::RecordType)>,
}

/// The uses of the policy node `policy` (already in the graph as `here`)
/// and its members, below it.
fn add_policy<'c>(
    g: &mut ir::DependencyGraph<'c>,
    at: &mut At<'_, 'c>,
    policy: &'c ir::PolicyNode,
    here: ir::PolicyIndex,
) {
    let (config, record_type) = (at.config, at.record_type);
    let from = here.node();
    // A check written for a use of a member (`check NAME` after it; for a
    // multivalue, after its endpoints) is used by this node.
    for check in policy.written_checks() {
        let c = g.named(N::Check(&check.name));
        g.uses(from, c);
    }
    match &policy.policy {
        ir::RoutingPolicy::Endpoint(e) => endpoint_use(g, config, record_type, from, e),
        ir::RoutingPolicy::Multivalue(members) => {
            for e in members {
                endpoint_use(g, config, record_type, from, e);
            }
        }
        // One node for the pool, whatever uses it; its inside once per
        // type (so a pool used by many records is walked once per type).
        ir::RoutingPolicy::Pool(p) => {
            let pool = g.named(N::Pool(&p.name));
            g.uses(from, pool);
            if at.pools_added.insert((&p.name, record_type)) {
                let root = g.policy_root(pool, ir::Owner::Pool(&p.name), record_type, &p.node);
                add_policy(g, at, &p.node, root);
            }
        }
        other => {
            if let ir::RoutingPolicy::Cidr(cidr) = other {
                let c = g.named(N::CidrCollection(&cidr.collection));
                g.uses(from, c);
            }
            for (position, member) in other.children().enumerate() {
                let child = g.policy_member(here, position, member);
                add_policy(g, at, member, child);
            }
        }
    }
}

fn endpoint_use<'c>(
    g: &mut ir::DependencyGraph<'c>,
    config: &'c ir::Config,
    record_type: ir::RecordType,
    from: NodeIndex,
    endpoint: &'c str,
) {
    let e = g.named(N::Endpoint(endpoint));
    g.uses(from, e);
    // An alias endpoint without an explicit type aliases the record of the
    // user's own type, so that edge depends on who uses it. The edge
    // starts at this record's policy node, not at the shared endpoint: an
    // A and an AAAA record using the same endpoint alias different records.
    if let Some(dns_name) = untyped_alias(config, endpoint) {
        let target = g.named(N::Record(dns_name, record_type));
        g.uses(from, target);
    }
}

/// Where each node that has a place was written: records are found by
/// (name, type) through `records`, built once for all cycles.
struct Places<'c> {
    config: &'c ir::Config,
    records: std::collections::HashMap<(&'c str, ir::RecordType), Span>,
}

impl<'c> Places<'c> {
    fn new(config: &'c ir::Config) -> Self {
        let mut records = std::collections::HashMap::with_capacity(config.records.len());
        for r in &config.records {
            records
                .entry((r.fqdn.as_str(), r.record_type))
                .or_insert(r.span);
        }
        Places { config, records }
    }

    fn span_of(&self, node: &GraphNode) -> Option<Span> {
        let config = self.config;
        match *node {
            GraphNode::Check(c) => config.checks.get(c).map(|c| c.span),
            GraphNode::Endpoint(e) => config.endpoints.get(e).map(|e| e.span),
            GraphNode::Pool(p) => config.pools.get(p).map(|p| p.span),
            // The first record written with this name and type, as the
            // scan this replaced found it.
            GraphNode::Record(name, t) => self.records.get(&(name, t)).copied(),
            _ => None,
        }
    }
}

/// The strongly connected components of `g` that are cycles (of two nodes
/// or more, or a node that uses itself), in Tarjan's order. Only those are
/// kept: `petgraph::algo::tarjan_scc` returns every component as its own
/// vector, one per node of an acyclic zone (25 MB for the list alone at
/// 100k records, then the peak of `steer check`).
pub fn reference_cycles(g: &ir::DependencyGraph) -> Vec<Vec<NodeIndex>> {
    let mut cycles = Vec::new();
    petgraph::algo::TarjanScc::new().run(&g.graph, |scc| {
        if scc.len() > 1 || g.graph.contains_edge(scc[0], scc[0]) {
            cycles.push(scc.to_vec());
        }
    });
    cycles
}

fn report_cycles_in(g: &ir::DependencyGraph, config: &ir::Config, diagnostics: &mut Diagnostics) {
    let mut places: Option<Places> = None;
    for scc in reference_cycles(g) {
        let members: BTreeSet<NodeIndex> = scc.iter().copied().collect();
        let places = places.get_or_insert_with(|| Places::new(config));
        // Start at the smallest node with a span, so the report is stable.
        let Some(start) = members
            .iter()
            .copied()
            .filter(|n| places.span_of(&g.node(*n)).is_some())
            .min_by(|a, b| g.node(*a).cmp(&g.node(*b)))
        else {
            continue;
        };
        let path = cycle_path(g, &members, start);
        let Some(primary) = places.span_of(&g.node(start)) else {
            continue;
        };
        let cycle: Vec<GraphNode> = path.iter().map(|n| g.node(*n)).collect();
        let also: Vec<(Span, GraphNode)> = cycle
            .iter()
            .skip(1)
            .filter_map(|n| places.span_of(n).map(|span| (span, *n)))
            .filter(|(span, _)| *span != primary)
            .collect();
        diagnostics.push(messages::reference_cycle(&cycle, primary, &also));
    }
}

/// A path from `start` back to it through `members`, by depth-first
/// search over sorted neighbours (deterministic).
fn cycle_path(
    g: &ir::DependencyGraph,
    members: &BTreeSet<NodeIndex>,
    start: NodeIndex,
) -> Vec<NodeIndex> {
    let mut stack = vec![(start, vec![start])];
    let mut visited = BTreeSet::new();
    while let Some((node, path)) = stack.pop() {
        let mut next: Vec<NodeIndex> = g
            .graph
            .neighbors(node)
            .filter(|n| members.contains(n))
            .collect();
        next.sort_by(|a, b| g.node(*b).cmp(&g.node(*a)));
        for n in next {
            if n == start {
                return path;
            }
            if visited.insert(n) {
                let mut p = path.clone();
                p.push(n);
                stack.push((n, p));
            }
        }
    }
    vec![start]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checked(source: &str) -> crate::check::Checked {
        let mut loaded = crate::load::Loaded::default();
        loaded.add("test.steer", source.as_bytes());
        let checked = crate::check_loaded(&loaded);
        assert!(!checked.has_errors(), "{:#?}", checked.diagnostics);
        checked
    }

    /// A policy's members are held in exactly the room they take (a vector
    /// grown by pushes held four members' room for the usual two).
    #[test]
    fn policy_members_take_exactly_their_room() {
        let checked = checked(
            "zone \"example.com\" { }\n\
             region eu { aws \"eu-west-1\" }\n\
             endpoint a { a 192.0.2.1  region eu }\n\
             endpoint b { a 192.0.2.2 }\n\
             record w A = weighted { a 1  b 2 }\n\
             record g A = geolocation { country DE => a  default => b }\n\
             record l A = latency [a]\n",
        );
        for record in &checked.configs[0].records {
            let ir::RecordContent::Routed(root) = &record.content else {
                continue;
            };
            let (len, capacity) = match &root.policy {
                ir::RoutingPolicy::Weighted(m) => (m.len(), m.capacity()),
                ir::RoutingPolicy::Geolocation(r) => (r.len(), r.capacity()),
                ir::RoutingPolicy::Latency(m) => (m.len(), m.capacity()),
                other => panic!("{other:?}"),
            };
            assert_eq!(capacity, len, "{}", record.fqdn);
        }
    }

    /// The graph is built in the room counted for it: two levels of
    /// failover and weighted members are nine policy nodes per record,
    /// beyond the three per record once guessed (which regrew the node set).
    #[test]
    fn the_counted_capacity_holds_every_node() {
        let mut source = String::from("zone \"example.com\" { }\n");
        for i in 0..20 {
            for e in ["a", "b", "c", "d", "s"] {
                source.push_str(&format!("endpoint {e}{i} {{ a 192.0.2.{i} }}\n"));
            }
            source.push_str(&format!(
                "record r{i} A = failover {{ primary weighted {{ a{i} 1  b{i} 2 }}  \
                 secondary failover {{ primary weighted {{ c{i} 1  d{i} 3 }}  secondary s{i} }} }}\n"
            ));
        }
        let checked = checked(&source);
        let config = &checked.configs[0];
        let graph = dependency_graph(config);
        let policy = graph
            .nodes()
            .filter(|n| matches!(n, GraphNode::Policy(..)))
            .count();
        assert_eq!(policy, 20 * 9);
        let room = room(config);
        assert_eq!((graph.len(), graph.capacity()), (room.nodes, room.nodes));
        assert_eq!(graph.graph.edge_count(), room.edges);
        assert!(graph.len() > 3 * config.records.len());
    }
}
