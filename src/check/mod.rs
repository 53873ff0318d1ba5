//! Stage 2: typed AST → validated IR ([`ir::Config`], one per zone).
//!
//! Name resolution is by hash map (every pass is linear in the input), all
//! problems are collected in one run, and the result does not depend on the
//! order in which items or files were written. Passes:
//!
//! 1. group files by zone (`zone::group`);
//! 2. build symbol tables, reporting duplicates ([`Symbols`]);
//! 3. lower each definition kind (health checks, endpoints, records with
//!    their routing trees), reporting what Route 53 would reject and what
//!    would silently misbehave;
//! 4. build the dependency graph and reject reference cycles (`graph`),
//!    beside the rules over the zone's record sets (on a second thread for
//!    a large zone); the graph is then dropped (a reader that needs it,
//!    such as `steer graph`, builds it from the configuration:
//!    [`dependency_graph`]).
//!
//! The passes say what is wrong; how it is said is in `messages`, which
//! holds the code table ([`CheckCode`]) and one constructor per message.
//! Diagnostics are collected in a [`Diagnostics`], whose marks tell a pass
//! whether it added errors.

pub(crate) mod cidr_collections;
mod endpoints;
mod graph;
mod health;
mod inputs;
pub mod ir;
mod messages;
mod policy;
pub(crate) mod records;
mod tags;
mod zone;

use crate::diagnostic::{did_you_mean, Diagnostic, Diagnostics};
use crate::source::{FileId, Span};
use crate::syntax::ast::{self, Ident, Item};
use rustc_hash::FxHashMap;
use std::borrow::Borrow;

pub use graph::{dependency_graph, reference_cycles};
pub use inputs::{parse_values, InputValues};
pub use messages::CheckCode;

/// The outcome of checking a set of files: one configuration per zone,
/// plus every problem found. A configuration is only returned when its zone
/// has no errors.
#[derive(Debug, Default)]
pub struct Checked {
    pub configs: Vec<ir::Config>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Which rules the check stage applies besides the language's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckOptions {
    /// Route 53's own health-check limits: no probes of private, loopback
    /// or other special-purpose addresses, request intervals of 10 s or
    /// 30 s, checker regions. On for `steer check` and the Route 53
    /// targets (and the zone target, which documents Route 53's
    /// behaviour); off for a target that runs the checks itself
    /// (PowerDNS), which checks its own limits when building.
    pub route53_rules: bool,
}

impl CheckOptions {
    /// Route 53's rules on: what `steer check` applies.
    pub const ROUTE53: CheckOptions = CheckOptions {
        route53_rules: true,
    };
    /// Only the language's own rules: for targets that are not Route 53.
    pub const SELF_HOSTED: CheckOptions = CheckOptions {
        route53_rules: false,
    };
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions::ROUTE53
    }
}

/// Checks parsed files with Route 53's rules ([`CheckOptions::ROUTE53`]).
/// Files are grouped by the zone they declare (see
/// docs/language.md, "Files and zones"); each group is checked on its own.
pub fn check(files: &[(FileId, ast::File)]) -> Checked {
    check_with(files, &[], &InputValues::new(), CheckOptions::ROUTE53)
}

/// [`check`], with values for inputs (`--set`, `--values`; each is
/// validated where its input is used, like a literal written there) and
/// the rules of the target checked for. `units[i]` is the unit (directory,
/// [`crate::load::Loaded::units`]) of `files[i]`: a file without a zone
/// line joins only a zone declared in its own unit (none given: one unit).
pub fn check_with(
    files: &[(FileId, ast::File)],
    units: &[u32],
    values: &InputValues,
    options: CheckOptions,
) -> Checked {
    let mut diagnostics = Diagnostics::new();
    let groups = zone::group(files, &[], units, &mut diagnostics);
    let lowered = lower_groups(groups, &mut diagnostics, values, options, |file| {
        let items = &files[file].1.items;
        FileTrees {
            records: of_kind(items, |item| match item {
                Item::Record(r) => Some(&**r),
                _ => None,
            }),
            checks: of_kind(items, |item| match item {
                Item::Check(c) => Some(&**c),
                _ => None,
            }),
            endpoints: of_kind(items, |item| match item {
                Item::Endpoint(e) => Some(&**e),
                _ => None,
            }),
        }
    });
    finish(lowered, diagnostics)
}

/// The definitions of `items` that `kind` picks, in order.
fn of_kind<'a, T>(items: &'a [Item], kind: impl Fn(&'a Item) -> Option<&'a T>) -> Vec<&'a T> {
    items.iter().filter_map(kind).collect()
}

/// [`check_with`] for a caller that no longer needs the syntax trees: the
/// trees of the records, checks and endpoints, nearly all of a zone's, are
/// taken out of the files and each is freed as soon as it is lowered, so
/// that the trees and the IR built from them are not held whole at once
/// (at 100k records the records' trees were half of `steer check`'s peak,
/// the checks' and endpoints' a fifth). Same result as [`check_with`].
pub fn check_taking(
    mut files: Vec<(FileId, ast::File)>,
    units: &[u32],
    values: &InputValues,
    options: CheckOptions,
) -> Checked {
    let (mut taken, first_taken): (Vec<Taken>, Vec<Option<Span>>) =
        files.iter_mut().map(|(_, file)| take_trees(file)).unzip();
    let mut diagnostics = Diagnostics::new();
    let groups = zone::group(&files, &first_taken, units, &mut diagnostics);
    let lowered = lower_groups(groups, &mut diagnostics, values, options, |file| {
        std::mem::take(&mut taken[file])
    });
    // The rest of the trees go before the whole-zone passes build their
    // graph.
    drop(files);
    finish(lowered, diagnostics)
}

/// A file's definitions that the check lowers one at a time: by reference,
/// or by value (each is then freed once lowered).
struct FileTrees<R, C, E> {
    records: Vec<R>,
    checks: Vec<C>,
    endpoints: Vec<E>,
}

impl<R, C, E> Default for FileTrees<R, C, E> {
    fn default() -> Self {
        FileTrees {
            records: Vec::new(),
            checks: Vec::new(),
            endpoints: Vec::new(),
        }
    }
}

/// The trees taken out of a file. They stay in the boxes the parser made:
/// unboxing them into new vectors would hold every node twice while they
/// are filled.
type Taken = FileTrees<Box<ast::RecordDef>, Box<ast::CheckDef>, Box<ast::EndpointDef>>;

/// Takes a file's records, checks and endpoints out of it, in order, with
/// the span of the first of them. The other items stay in the items' own
/// buffer (collected in place, then shrunk), so that only the taken ones
/// are copied: moving every item into a new buffer held two copies of the
/// file's items at once, the peak of `steer check` at 100k records.
fn take_trees(file: &mut ast::File) -> (Taken, Option<Span>) {
    let items = std::mem::take(&mut file.items);
    let count = |kind: fn(&Item) -> bool| items.iter().filter(|item| kind(item)).count();
    let mut taken = FileTrees {
        records: Vec::with_capacity(count(|item| matches!(item, Item::Record(_)))),
        checks: Vec::with_capacity(count(|item| matches!(item, Item::Check(_)))),
        endpoints: Vec::with_capacity(count(|item| matches!(item, Item::Endpoint(_)))),
    };
    file.items = items
        .into_iter()
        .filter_map(|item| match item {
            Item::Record(r) => {
                taken.records.push(r);
                None
            }
            Item::Check(c) => {
                taken.checks.push(c);
                None
            }
            Item::Endpoint(e) => {
                taken.endpoints.push(e);
                None
            }
            other => Some(other),
        })
        .collect();
    file.items.shrink_to_fit();
    let first = [
        taken.records.first().map(|r| r.span),
        taken.checks.first().map(|c| c.span),
        taken.endpoints.first().map(|e| e.span),
    ]
    .into_iter()
    .flatten()
    .min();
    (taken, first)
}

/// A zone's configuration after lowering, before the passes over the
/// whole zone (`finish`); `failed` when lowering reported an error.
struct Lowered {
    config: ir::Config,
    failed: bool,
}

/// Lowers each zone of `groups`, whose trees `trees` gives file by file
/// (by reference, or by value: each is then freed once lowered).
fn lower_groups<R, C, E>(
    groups: Vec<zone::ZoneGroup>,
    diagnostics: &mut Diagnostics,
    values: &InputValues,
    options: CheckOptions,
    mut trees: impl FnMut(usize) -> FileTrees<R, C, E>,
) -> Vec<Lowered>
where
    R: Borrow<ast::RecordDef>,
    C: Borrow<ast::CheckDef>,
    E: Borrow<ast::EndpointDef>,
{
    let mut lowered = Vec::new();
    for group in groups {
        let mark = diagnostics.mark();
        let mut zone = ZoneTrees {
            records: Vec::with_capacity(group.files.len()),
            checks: Vec::new(),
            endpoints: Vec::new(),
        };
        for &file in &group.files {
            let file = trees(file);
            zone.records.push(file.records);
            append(&mut zone.checks, file.checks);
            append(&mut zone.endpoints, file.endpoints);
        }
        if let Some(config) = check_zone(&group, zone, values, options, diagnostics) {
            let failed = diagnostics.has_errors_since(mark);
            lowered.push(Lowered { config, failed });
        }
    }
    lowered
}

/// A zone's trees: its files' records (counted so that the IR's records
/// are allocated at their number), and its checks and endpoints.
struct ZoneTrees<R, C, E> {
    records: Vec<Vec<R>>,
    checks: Vec<C>,
    endpoints: Vec<E>,
}

/// `to` followed by `more`; `more` itself when `to` is empty (a zone of
/// one file), without a copy.
fn append<T>(to: &mut Vec<T>, mut more: Vec<T>) {
    if to.is_empty() {
        std::mem::swap(to, &mut more);
    } else {
        to.append(&mut more);
    }
}

/// The pass over each whole zone without errors (unused inputs); then the
/// configurations of zones without errors and every diagnostic, in order.
fn finish(lowered: Vec<Lowered>, mut diagnostics: Diagnostics) -> Checked {
    let mut configs = Vec::new();
    for Lowered { config, failed } in lowered {
        let mark = diagnostics.mark();
        // A use in a definition that failed is not in the IR: only a zone
        // without errors says which inputs are unused.
        if failed {
            continue;
        }
        inputs::unused_inputs(&config, &mut diagnostics);
        if !diagnostics.has_errors_since(mark) {
            configs.push(config);
        }
    }
    configs.sort_by(|a, b| a.zone.name.cmp(&b.zone.name));
    let mut diagnostics = diagnostics.into_vec();
    crate::diagnostic::sort(&mut diagnostics);
    diagnostics.dedup();
    Checked {
        configs,
        diagnostics,
    }
}

fn check_zone<R, C, E>(
    group: &zone::ZoneGroup,
    trees: ZoneTrees<R, C, E>,
    values: &InputValues,
    options: CheckOptions,
    diagnostics: &mut Diagnostics,
) -> Option<ir::Config>
where
    R: Borrow<ast::RecordDef>,
    C: Borrow<ast::CheckDef>,
    E: Borrow<ast::EndpointDef>,
{
    let ZoneTrees {
        records: defs,
        mut checks,
        mut endpoints,
    } = trees;
    // Source order, so that a name defined twice is reported at the later
    // definition (the spans of two definitions differ).
    checks.sort_unstable_by_key(|c| c.borrow().span);
    endpoints.sort_unstable_by_key(|e| e.borrow().span);
    let check_names = || checks.iter().map(|c| &c.borrow().name);
    let endpoint_names = || endpoints.iter().map(|e| &e.borrow().name);
    // The symbol table keeps the checks' and endpoints' names, copied here,
    // so that each tree can be freed once lowered: lowering records needs
    // of them only their names (and the IR built from them).
    let names = names_of(check_names().chain(endpoint_names()));
    let symbols = Symbols::collect(
        group,
        &names,
        (check_names(), endpoint_names()),
        values,
        diagnostics,
    );
    let inputs = inputs::lower_inputs(&symbols, diagnostics);
    let zone = zone::lower(group, &symbols, diagnostics)?;
    let regions = zone::lower_regions(&symbols, diagnostics);
    // What a calculated check needs of its children once their trees are
    // gone.
    let free_checks = health::FreeChecks::of(checks.iter().map(Borrow::borrow), &symbols);
    let checks = lower_each(checks, &symbols.checks, |def: &ast::CheckDef| {
        health::lower_check(def, &symbols, &free_checks, options, diagnostics)
    });
    let endpoints = lower_each(endpoints, &symbols.endpoints, |def: &ast::EndpointDef| {
        endpoints::lower_endpoint(def, &symbols, &regions, &zone, diagnostics)
    });
    let count = defs.iter().map(Vec::len).sum();
    let defs = defs.into_iter().flatten();
    let cidr_collections = cidr_collections::lower_collections(&symbols, diagnostics);
    policy::pool::clashes(&symbols, diagnostics);
    let pools = policy::pool::Pools::new(zone.ttl);
    let env = |record_type| policy::Env {
        symbols: &symbols,
        regions: &regions,
        endpoints: &endpoints,
        collections: &cidr_collections,
        pools: &pools,
        record_type,
    };
    // Room for every record (fewer only when some have errors, and then
    // the zone's IR is not kept).
    let mut records = Vec::with_capacity(count);
    // Each record's tree is dropped at the end of its turn when the records
    // are given by value.
    for def in defs {
        let def = def.borrow();
        let Some(mut record) = records::lower_record_head(def, &zone, diagnostics) else {
            continue;
        };
        match &def.value {
            ast::RecordValue::Plain(values) => {
                match records::lower_plain_record(
                    record.record_type,
                    values,
                    &symbols,
                    &zone.name,
                    diagnostics,
                ) {
                    Some(rdata) => record.content = ir::RecordContent::Plain(rdata),
                    None => continue,
                }
            }
            ast::RecordValue::Routed(p) => {
                match policy::lower_policy(p, &env(Some(record.record_type)), 0, diagnostics) {
                    Some(node) => record.content = ir::RecordContent::Routed(Box::new(node)),
                    None => continue,
                }
            }
        }
        records.push(record);
    }
    let pools = pools.finish(&env(None), diagnostics);
    records.sort_by(|a, b| (&a.fqdn, a.record_type).cmp(&(&b.fqdn, b.record_type)));
    let config = ir::Config {
        zone,
        inputs,
        regions,
        checks,
        endpoints,
        cidr_collections,
        pools,
        records,
    };
    whole_zone_rules(&config, diagnostics);
    Some(config)
}

/// Zones with fewer records have their whole-zone rules applied on one
/// thread: a second thread's start would cost about what it saves.
const PARALLEL_MIN_RECORDS: usize = 512;

/// The rules over a whole zone's IR: its record sets', its routed
/// records', and its dependency graph's (reference cycles). The graph is
/// built for its one rule and dropped: the configuration does not hold it
/// (at 100k records it was 115 MB live through every target's passes).
/// The rules only read the IR, so for a large zone the graph's is applied
/// on a second thread beside the others: it was a third of the check
/// stage at a million records, and the second core is idle after the
/// parse.
fn whole_zone_rules(config: &ir::Config, diagnostics: &mut Diagnostics) {
    let record_rules = |diagnostics: &mut Diagnostics| {
        records::check_record_sets(&config.records, &config.zone, diagnostics);
        policy::check_routed_records(
            &config.records,
            &config.endpoints,
            &config.checks,
            &config.zone,
            diagnostics,
        );
    };
    if config.records.len() < PARALLEL_MIN_RECORDS {
        record_rules(diagnostics);
        graph::report_cycles(config, diagnostics);
        return;
    }
    let cycles = std::thread::scope(|s| {
        let cycles = s.spawn(|| {
            let mut found = Diagnostics::new();
            graph::report_cycles(config, &mut found);
            found
        });
        record_rules(diagnostics);
        cycles
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    });
    diagnostics.append(cycles);
}

/// Every definition of one zone's configuration, by name (hash maps:
/// lookups are the hot path, and nothing iterates them in output order).
/// Checks and endpoints are known by their names only, with the span of
/// the name (of the first definition of it): their trees are freed once
/// lowered, and what later passes need of them is in the IR.
pub(crate) struct Symbols<'a> {
    pub regions: FxHashMap<&'a str, &'a ast::RegionDef>,
    pub checks: FxHashMap<&'a str, Span>,
    pub endpoints: FxHashMap<&'a str, Span>,
    pub collections: FxHashMap<&'a str, &'a ast::CidrCollectionDef>,
    pub inputs: FxHashMap<&'a str, &'a ast::InputDef>,
    /// Values given for inputs (`--set`, `--values`).
    pub values: &'a InputValues,
    pub pools: FxHashMap<&'a str, &'a ast::PoolDef>,
}

/// The names of `idents`, one after another in one buffer ([`Symbols`]'
/// checks and endpoints borrow them from it).
fn names_of<'d>(idents: impl Iterator<Item = &'d Ident> + Clone) -> String {
    let mut names = String::with_capacity(idents.clone().map(|i| i.name.len()).sum());
    for ident in idents {
        names.push_str(&ident.name);
    }
    names
}

/// Lowers each of `defs` that is the first definition of its name in
/// `table` (a later one is reported as a duplicate by [`Symbols::collect`],
/// not lowered); a tree given by value is dropped at the end of its turn.
fn lower_each<D, T, O>(
    defs: Vec<D>,
    table: &FxHashMap<&str, Span>,
    mut lower: impl FnMut(&T) -> Option<O>,
) -> ir::ByName<O>
where
    D: Borrow<T>,
    T: Named,
    O: ir::Named,
{
    let mut lowered = Vec::with_capacity(table.len());
    for def in defs {
        let def = def.borrow();
        let name = def.name();
        if table.get(name.name.as_str()) == Some(&name.span) {
            lowered.extend(lower(def));
        }
    }
    ir::ByName::from_unique(lowered)
}

impl<'a> Symbols<'a> {
    /// The symbol table of `group`, whose checks and endpoints are named by
    /// `named` (in source order), their names copied into `names` in that
    /// order ([`names_of`]).
    fn collect<'d>(
        group: &zone::ZoneGroup<'a>,
        names: &'a str,
        named: (
            impl ExactSizeIterator<Item = &'d Ident>,
            impl ExactSizeIterator<Item = &'d Ident>,
        ),
        values: &'a InputValues,
        diagnostics: &mut Diagnostics,
    ) -> Self {
        let mut rest = names;
        let (checks, endpoints) = named;
        let mut symbols = Symbols {
            regions: FxHashMap::default(),
            checks: name_table(&mut rest, checks, "check", diagnostics),
            endpoints: name_table(&mut rest, endpoints, "endpoint", diagnostics),
            collections: FxHashMap::default(),
            inputs: FxHashMap::default(),
            values,
            pools: FxHashMap::default(),
        };
        // Definitions are visited in source order (file, offset) so that
        // "first defined here" points at the earlier one.
        let mut items: Vec<&Item> = group.items.clone();
        items.sort_by_key(|i| i.span());
        for item in items {
            match item {
                Item::Region(r) => insert_def(&mut symbols.regions, &**r, "region", diagnostics),
                Item::CidrCollection(c) => insert_def(
                    &mut symbols.collections,
                    &**c,
                    "cidr_collection",
                    diagnostics,
                ),
                Item::Input(i) => insert_def(&mut symbols.inputs, &**i, "input", diagnostics),
                Item::Pool(p) => insert_def(&mut symbols.pools, &**p, "pool", diagnostics),
                // Not in a group's items: lowered from the files' trees.
                Item::Zone(_) | Item::Record(_) | Item::Check(_) | Item::Endpoint(_) => {}
            }
        }
        symbols
    }

    pub fn region(
        &self,
        name: &Ident,
        diagnostics: &mut Diagnostics,
    ) -> Option<&'a ast::RegionDef> {
        resolve(&self.regions, name, "region", diagnostics)
    }

    /// The span of the name of the check `name` names.
    pub fn check(&self, name: &Ident, diagnostics: &mut Diagnostics) -> Option<Span> {
        resolve(&self.checks, name, "check", diagnostics)
    }

    /// The span of the name of the endpoint `name` names.
    pub fn endpoint(&self, name: &Ident, diagnostics: &mut Diagnostics) -> Option<Span> {
        resolve(&self.endpoints, name, "endpoint", diagnostics)
    }

    /// The pool a member names, if it names one (and no endpoint of the
    /// same name, which `pool::clashes` reports).
    pub fn pool(&self, name: &Ident) -> Option<&'a ast::PoolDef> {
        let name = name.name.as_str();
        if self.endpoints.contains_key(name) {
            return None;
        }
        self.pools.get(name).copied()
    }

    pub fn collection(
        &self,
        name: &Ident,
        diagnostics: &mut Diagnostics,
    ) -> Option<&'a ast::CidrCollectionDef> {
        resolve(&self.collections, name, "cidr_collection", diagnostics)
    }
}

/// The table of names of `idents`, each the span of its name, the names
/// taken in turn from the front of `names` (see [`names_of`]); a name
/// defined twice is reported.
fn name_table<'a, 'd>(
    names: &mut &'a str,
    idents: impl ExactSizeIterator<Item = &'d Ident>,
    kind: &str,
    diagnostics: &mut Diagnostics,
) -> FxHashMap<&'a str, Span> {
    let mut table = FxHashMap::with_capacity_and_hasher(idents.len(), Default::default());
    for ident in idents {
        let (name, rest) = names.split_at(ident.name.len());
        *names = rest;
        insert(&mut table, ident, name, ident.span, kind, diagnostics);
    }
    table
}

/// What a symbol table holds for a name: a definition, or where its name
/// is.
trait Defined {
    /// The span of the definition's name.
    fn name_span(&self) -> Span;
}

impl Defined for Span {
    fn name_span(&self) -> Span {
        *self
    }
}

/// A definition that is looked up by its name.
trait Named {
    fn name(&self) -> &Ident;
}

macro_rules! named {
    ($($t:ty),*) => {
        $(impl Named for $t {
            fn name(&self) -> &Ident {
                &self.name
            }
        })*
    };
}
named!(
    ast::RegionDef,
    ast::CheckDef,
    ast::EndpointDef,
    ast::CidrCollectionDef,
    ast::PoolDef
);

impl<T: Named> Defined for &T {
    fn name_span(&self) -> Span {
        self.name().span
    }
}

fn insert_def<'a, T: Named>(
    table: &mut FxHashMap<&'a str, &'a T>,
    def: &'a T,
    kind: &str,
    diagnostics: &mut Diagnostics,
) {
    let name = def.name();
    insert(table, name, &name.name, def, kind, diagnostics);
}

/// Adds the definition `name` names (`value`: it, or the span of `name`),
/// reporting a name already in the table.
fn insert<'a, V: Defined>(
    table: &mut FxHashMap<&'a str, V>,
    name: &Ident,
    key: &'a str,
    value: V,
    kind: &str,
    diagnostics: &mut Diagnostics,
) {
    if let Some(first) = table.get(key) {
        diagnostics.push(messages::duplicate_definition(
            kind,
            &name.name,
            name.span,
            first.name_span(),
        ));
    } else {
        table.insert(key, value);
    }
}

/// Looks a name up, reporting `unknown-reference` with the closest name of
/// the same kind as a hint.
pub(crate) fn resolve<V: Copy>(
    table: &FxHashMap<&str, V>,
    name: &Ident,
    kind: &str,
    diagnostics: &mut Diagnostics,
) -> Option<V> {
    if let Some(def) = table.get(name.name.as_str()) {
        return Some(*def);
    }
    diagnostics.push(messages::unknown_reference(
        kind,
        &name.name,
        name.span,
        did_you_mean(&name.name, table.keys().copied()),
        table.is_empty(),
    ));
    None
}

#[cfg(test)]
mod tests {
    use crate::check::ir;

    const SOURCE: &str = "zone \"example.com\" { }\n\
        check up { https 198.51.101.7 }\n\
        endpoint a { a 192.0.2.1  check up }\n\
        endpoint b { a [192.0.2.2, 192.0.2.3] }\n\
        record @ TXT \"hello\"\n\
        record www A = weighted { a 1  b 1 }\n\
        record mail A 192.0.2.9\n";

    /// The IR keeps no room to grow: its records are allocated at their
    /// number (a vector grown by pushes had up to twice their room), and
    /// an endpoint's addresses at theirs (room for four, for one or two;
    /// now a boxed slice, exact by its type).
    fn assert_exact(config: &ir::Config) {
        assert_eq!(config.records.len(), 3);
        assert_eq!(config.records.capacity(), config.records.len());
    }

    #[test]
    fn the_ir_is_allocated_at_its_size() {
        let mut loaded = crate::load::Loaded::default();
        loaded.add("test.steer", SOURCE.as_bytes());
        let checked = crate::check_loaded(&loaded);
        assert!(!checked.has_errors(), "{:#?}", checked.diagnostics);
        assert_exact(&checked.configs[0]);
        let taken =
            crate::check_loaded_taking(&mut loaded, &Default::default(), Default::default());
        assert!(!taken.has_errors(), "{:#?}", taken.diagnostics);
        assert_exact(&taken.configs[0]);
    }

    /// A zone large enough for its graph's rule to run on a second thread
    /// reports what a small one does: the graph's reference cycle and the
    /// routed records' rule (`stay` on a record's own policy), once each.
    #[test]
    fn a_large_zone_reports_its_whole_zone_rules_as_a_small_one_does() {
        let small = "zone \"example.com\" { ttl 60s }\n\
            check a_up { https \"a.example.net\" }\n\
            check all_up = all(a_up, either_up)\n\
            check either_up = any(all_up, a_up)\n\
            endpoint a { a 192.0.2.1  check a_up }\n\
            record www A = stay a\n";
        let mut large = small.to_string();
        for i in 0..super::PARALLEL_MIN_RECORDS {
            large.push_str(&format!("record r{i} A 192.0.2.2\n"));
        }
        let said = |text: &str| {
            let mut loaded = crate::load::Loaded::default();
            loaded.add("zone.steer", text.as_bytes());
            let checked = crate::check_loaded(&loaded);
            checked
                .diagnostics
                .iter()
                .map(|d| format!("{} {}", d.code, d.message))
                .collect::<Vec<_>>()
        };
        let small = said(small);
        assert!(
            small.iter().any(|d| d.starts_with("reference-cycle "))
                && small.iter().any(|d| d.contains("stay")),
            "{small:#?}"
        );
        assert_eq!(said(&large), small);
    }

    /// Taking the trees (and freeing each check's and endpoint's once
    /// lowered) says the same as keeping them, about names defined twice
    /// (within and across files), a pool named like an endpoint, unknown
    /// names with a suggestion, and a calculation whose children (lowered
    /// before or after it) count as healthy on their own.
    #[test]
    fn taking_the_trees_says_the_same() {
        let first = "zone \"example.com\" { }\n\
            check any_free = any(off, off2, up)\n\
            check off { https 198.51.101.7  disabled }\n\
            check up { https 198.51.101.8 }\n\
            check up { https 198.51.101.9 }\n\
            endpoint a { a 192.0.2.1  check upp }\n\
            endpoint a { a 192.0.2.2 }\n\
            endpoint b { a 192.0.2.3  check any_free }\n\
            pool b = weighted { a 1  b 1 }\n\
            record www A = weighted { a 1  c 1 }\n\
            record api A = failover { primary a check an_free  secondary b }\n";
        let second = "zone \"example.com\"\n\
            check off2 { https 198.51.101.10  disabled }\n\
            check up { tcp 198.51.101.11 port 80 }\n\
            endpoint b { a 192.0.2.4 }\n\
            record mail A 192.0.2.9\n";
        let load = || {
            let mut loaded = crate::load::Loaded::default();
            loaded.add("first.steer", first.as_bytes());
            loaded.add("second.steer", second.as_bytes());
            loaded
        };
        let kept = crate::check_loaded(&load());
        let taken =
            crate::check_loaded_taking(&mut load(), &Default::default(), Default::default());
        let codes: Vec<&str> = kept.diagnostics.iter().map(|d| d.code).collect();
        for code in [
            "duplicate-definition",
            "unknown-reference",
            "check-cannot-fail",
        ] {
            assert!(codes.contains(&code), "{code}: {:#?}", kept.diagnostics);
        }
        assert!(
            kept.diagnostics
                .iter()
                .any(|d| d.hints.iter().any(|h| h.contains("`up`"))),
            "{:#?}",
            kept.diagnostics
        );
        assert_eq!(kept.diagnostics, taken.diagnostics);
    }
}
