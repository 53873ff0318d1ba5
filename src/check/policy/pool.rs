//! Reusable pools: `pool NAME = POLICY`, a routing policy defined once and
//! used by name wherever a member (or a record's whole policy) may name an
//! endpoint.
//!
//! A pool is lowered once, the first time it is used (or at the end, for
//! a pool nobody uses), without a record type; the uses share its node.
//! Whether its endpoints can answer a record type is decided once per
//! (pool, type) and remembered, so that a pool used by many records is
//! walked once per type, not once per use (every pass stays linear).
//! Pools may use pools; a pool reached again while it is being lowered is
//! a cycle. A pool's policy counts toward the nesting of wherever it is
//! used: a tree deeper than [`MAX_NESTING`] through its pools is
//! `pools-too-deep`, so that no later pass (each walks the tree
//! recursively) meets a tree deeper than the syntax allows.

use super::{lower_policy, Env};
use crate::check::{ir, messages, Symbols};
use crate::diagnostic::{did_you_mean, Diagnostics};
use crate::source::Span;
use crate::syntax::ast;
use crate::syntax::MAX_NESTING;
use rustc_hash::FxHashMap;
use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// Where a pool is in its lowering.
enum State {
    /// Being lowered: reached again, it is a cycle.
    Lowering,
    /// Lowered, with the depth of its tree counting the pools it uses;
    /// `None` when it had errors (already reported).
    Done(Option<(Arc<ir::PolicyNode>, usize)>),
}

/// Every pool of a zone, lowered on demand.
pub(in crate::check) struct Pools<'s> {
    state: RefCell<FxHashMap<&'s str, State>>,
    /// The pools being lowered, outermost first (a cycle's path).
    stack: RefCell<Vec<&'s str>>,
    /// (pool, type) → the first endpoint of the pool (or of a pool it
    /// uses) that cannot answer that type, if any.
    serves: RefCell<FxHashMap<(String, ir::RecordType), Option<String>>>,
    /// Pools used somewhere (by a record or another pool).
    used: RefCell<BTreeSet<String>>,
    /// The depth, in the whole tree, of the root of the pool being
    /// lowered (0 outside pools).
    base: Cell<usize>,
    /// `pools-too-deep` was reported: a chain of pools that is too deep
    /// is reported once, not at every pool along it.
    too_deep: Cell<bool>,
    zone_ttl: u32,
}

impl<'s> Pools<'s> {
    pub(in crate::check) fn new(zone_ttl: u32) -> Self {
        Pools {
            state: RefCell::default(),
            stack: RefCell::default(),
            serves: RefCell::default(),
            used: RefCell::default(),
            base: Cell::new(0),
            too_deep: Cell::new(false),
            zone_ttl,
        }
    }

    /// The pools for the IR, after every record was lowered: pools nobody
    /// used are lowered (their own errors still count) and reported.
    pub(in crate::check) fn finish(
        &self,
        env: &Env<'_, 's>,
        diagnostics: &mut Diagnostics,
    ) -> BTreeMap<String, ir::Pool> {
        let mut names: Vec<&&'s ast::PoolDef> = env.symbols.pools.values().collect();
        names.sort_by_key(|d| d.span);
        let mut out = BTreeMap::new();
        for def in names {
            let Some((node, _)) = self.lower(def, 0, env, diagnostics) else {
                continue;
            };
            // A pool named like an endpoint is reported as that clash.
            let clash = env.symbols.endpoints.contains_key(def.name.name.as_str());
            if !clash && !self.used.borrow().contains(&def.name.name) {
                diagnostics.push(messages::unused_pool(&def.name.name, def.name.span));
            }
            let record_types = self
                .serves
                .borrow()
                .keys()
                .filter(|(p, _)| p == &def.name.name)
                .map(|(_, t)| *t)
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect();
            out.insert(
                def.name.name.clone(),
                ir::Pool {
                    name: def.name.name.clone(),
                    ttl: self.ttl(def, &mut Diagnostics::new()),
                    node,
                    record_types,
                    span: def.span,
                },
            );
        }
        out
    }

    fn ttl(&self, def: &ast::PoolDef, diagnostics: &mut Diagnostics) -> u32 {
        def.ttl
            .as_ref()
            .and_then(|t| crate::check::records::ttl(t, diagnostics))
            .unwrap_or(self.zone_ttl)
    }

    /// The pool's node and depth, lowering it on first use (its root at
    /// depth `base` of the tree that uses it).
    fn lower(
        &self,
        def: &'s ast::PoolDef,
        base: usize,
        env: &Env<'_, 's>,
        diagnostics: &mut Diagnostics,
    ) -> Option<(Arc<ir::PolicyNode>, usize)> {
        let name = def.name.name.as_str();
        match self.state.borrow().get(name) {
            Some(State::Done(node)) => return node.clone(),
            Some(State::Lowering) => return None,
            None => {}
        }
        self.state.borrow_mut().insert(name, State::Lowering);
        self.stack.borrow_mut().push(name);
        let outer_base = self.base.replace(base);
        let mark = diagnostics.mark();
        let pool_env = Env {
            record_type: None,
            ..*env
        };
        let node = lower_policy(&def.policy, &pool_env, 0, diagnostics);
        if let Some(stay) = def.policy.stay() {
            diagnostics.push(messages::stay_at_pool_root(stay));
        }
        if let Some(id) = def.policy.set_id() {
            diagnostics.push(messages::set_id_at_pool_root(id.span));
        }
        // The TTL's errors are reported here, once.
        self.ttl(def, diagnostics);
        self.base.set(outer_base);
        self.stack.borrow_mut().pop();
        let done = node
            .filter(|_| !diagnostics.has_errors_since(mark))
            .map(|node| {
                let depth = self.depth(&node);
                (Arc::new(node), depth)
            });
        self.state
            .borrow_mut()
            .insert(name, State::Done(done.clone()));
        done
    }

    /// How deep a lowered tree is, counting the trees of the pools it uses
    /// (already lowered, so this looks no further than their depth).
    fn depth(&self, node: &ir::PolicyNode) -> usize {
        match &node.policy {
            ir::RoutingPolicy::Pool(p) => match self.state.borrow().get(p.name.as_str()) {
                Some(State::Done(Some((_, depth)))) => 1 + depth,
                _ => 1,
            },
            other => 1 + other.children().map(|m| self.depth(m)).max().unwrap_or(0),
        }
    }

    /// Marks a pool used where it cannot be (reported there), so that it
    /// is not also reported unused.
    pub(super) fn mark_used(&self, name: &str) {
        self.used.borrow_mut().insert(name.to_string());
    }

    /// A member that names a pool (`use_` is where): the pool's node,
    /// checked against the record type being lowered.
    /// `depth`: the use's depth in the tree being lowered.
    pub(super) fn use_pool(
        &self,
        def: &'s ast::PoolDef,
        use_: &ast::Ident,
        depth: usize,
        env: &Env<'_, 's>,
        diagnostics: &mut Diagnostics,
    ) -> Option<ir::RoutingPolicy> {
        let name = def.name.name.as_str();
        self.mark_used(name);
        if matches!(self.state.borrow().get(name), Some(State::Lowering)) {
            let stack = self.stack.borrow();
            let start = stack.iter().position(|p| *p == name).unwrap_or(0);
            let mut cycle: Vec<&str> = stack[start..].to_vec();
            cycle.push(name);
            diagnostics.push(messages::pool_cycle(&cycle, use_.span, def.name.span));
            return None;
        }
        // The pool's root is one level below the use, in the whole tree.
        let at = self.base.get() + depth + 1;
        if at > MAX_NESTING {
            self.too_deep(name, use_, diagnostics);
            return None;
        }
        let (node, pool_depth) = self.lower(def, at, env, diagnostics)?;
        if at + pool_depth > MAX_NESTING + 1 {
            self.too_deep(name, use_, diagnostics);
            return None;
        }
        if let Some(t) = env.record_type {
            if let Some(endpoint) = self.cannot_serve(name, &node, t, env) {
                diagnostics.push(messages::pool_type_mismatch(
                    name,
                    &env.endpoints[&endpoint],
                    t,
                    use_.span,
                    def.name.span,
                ));
                return None;
            }
        }
        Some(ir::RoutingPolicy::Pool(Box::new(ir::PoolUse {
            name: name.to_string(),
            ttl: self.ttl(def, &mut Diagnostics::new()),
            node,
        })))
    }

    fn too_deep(&self, pool: &str, use_: &ast::Ident, diagnostics: &mut Diagnostics) {
        if !self.too_deep.replace(true) {
            diagnostics.push(messages::pools_too_deep(pool, use_.span, MAX_NESTING));
        }
    }

    /// The first endpoint of the pool that cannot answer `t`, looking into
    /// the pools it uses; once per (pool, type).
    fn cannot_serve(
        &self,
        name: &str,
        node: &ir::PolicyNode,
        t: ir::RecordType,
        env: &Env,
    ) -> Option<String> {
        let key = (name.to_string(), t);
        if let Some(known) = self.serves.borrow().get(&key) {
            return known.clone();
        }
        let found = self.first_unserved(node, t, env);
        self.serves.borrow_mut().insert(key, found.clone());
        found
    }

    fn first_unserved(
        &self,
        node: &ir::PolicyNode,
        t: ir::RecordType,
        env: &Env,
    ) -> Option<String> {
        match &node.policy {
            ir::RoutingPolicy::Endpoint(e) => serves(e, t, env),
            ir::RoutingPolicy::Multivalue(names) => names.iter().find_map(|e| serves(e, t, env)),
            ir::RoutingPolicy::Pool(p) => self.cannot_serve(&p.name, &p.node, t, env),
            other => other
                .children()
                .find_map(|m| self.first_unserved(m, t, env)),
        }
    }
}

fn serves(endpoint: &str, t: ir::RecordType, env: &Env) -> Option<String> {
    let e = env.endpoints.get(endpoint)?;
    (!e.answer.serves(t)).then(|| endpoint.to_string())
}

/// An endpoint and a pool may not share a name: a member names one or the
/// other.
pub(in crate::check) fn clashes(symbols: &Symbols, diagnostics: &mut Diagnostics) {
    let mut clashing: Vec<(&ast::PoolDef, Span)> = symbols
        .pools
        .iter()
        .filter_map(|(name, pool)| Some((*pool, *symbols.endpoints.get(name)?)))
        .collect();
    clashing.sort_by_key(|(p, _)| p.span);
    for (pool, endpoint) in clashing {
        diagnostics.push(messages::pool_endpoint_same_name(
            &pool.name.name,
            pool.name.span,
            endpoint,
        ));
    }
}

/// A member's name that is neither an endpoint nor a pool.
pub(super) fn unknown_member(name: &ast::Ident, symbols: &Symbols, diagnostics: &mut Diagnostics) {
    let names = symbols
        .endpoints
        .keys()
        .chain(symbols.pools.keys())
        .copied();
    diagnostics.push(messages::unknown_endpoint_or_pool(
        &name.name,
        name.span,
        did_you_mean(&name.name, names),
    ));
}
