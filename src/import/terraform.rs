//! `steer import terraform`: `aws_route53_*` resources of Terraform files,
//! read into [`Flat`] with a real HCL parser (the `hcl-edit` crate, which
//! keeps every expression's byte span, so that whatever cannot be read is
//! reported at its `file:line:col`).
//!
//! Read: `aws_route53_record` (its `*_routing_policy` blocks, `alias`,
//! `health_check_id`, `set_identifier`, `multivalue_answer_routing_policy`),
//! `aws_route53_health_check`, `aws_route53_zone` and `data
//! "aws_route53_zone"`, `aws_route53_cidr_collection` and
//! `aws_route53_cidr_location` (attribute meanings: the AWS provider's
//! documentation of each resource, which maps them one to one onto the
//! Route 53 API fields of `flat.rs`). References between these resources
//! are followed; a reference to anything else (`aws_lb.eu.dns_name`,
//! `var.zone_id`) becomes a steer `input`. `local.NAME` is followed to its
//! value when that is static (a literal, a list or object of them, a
//! template of them, another such local, or a reference); a `module` block
//! with a local `source` is followed into its directory (read by the
//! caller's loader), its variables bound from the block's arguments, its
//! addresses prefixed `module.NAME.`. What cannot be read statically
//! (`count`, `for_each`, `dynamic` blocks, function calls, conditionals,
//! templates with references among text, `for` expressions, operators,
//! cycles among locals, remote module sources, modules calling
//! themselves) is reported with its location and skipped, never guessed.

use super::flat::{
    Flat, FlatAnswer, FlatCheck, FlatCollection, FlatRouting, FlatSet, InputNote, Val,
};
use super::messages::{self, NotStatic};
use super::{ImportError, Location, Skip};
use crate::source::{FileId, SourceMap, Span as SourceSpan};
use hcl_edit::expr::{Expression, TraversalOperator};
use hcl_edit::structure::{Block, Body};
use hcl_edit::template::Element;
use hcl_edit::Span;
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};

/// Reads the `.tf` files of a module's directory: each file's name (as
/// messages show it) and bytes, sorted by name.
pub type LoadModule<'l> = dyn FnMut(&Path) -> std::io::Result<Vec<(String, Vec<u8>)>> + 'l;

/// The loader of callers without directories (one text, fuzzing): every
/// local module is reported as unreadable and skipped.
pub fn no_modules(_: &Path) -> std::io::Result<Vec<(String, Vec<u8>)>> {
    Err(std::io::Error::new(
        std::io::ErrorKind::Unsupported,
        "modules are not read from this input",
    ))
}

/// At most this many module instances are followed in one import: a
/// guard beside the recursion check, so that a tree calling one module
/// many times over stays small.
const MAX_MODULES: usize = 256;

/// At most this many locals and module variables are followed one to the
/// next, or inside one another (through templates): deeper nesting is
/// refused rather than exhausting the stack or walking long chains again
/// for every use.
const MAX_NESTING: usize = 64;

/// A template longer than this is refused rather than built: no Route 53
/// value comes near it (a record name has at most 255 characters, a TXT
/// record's data 4 000: the API's ResourceRecord `Value`), and templates
/// using one another twice double at each step.
const MAX_TEXT: usize = 65_536;

/// One input file.
pub struct Source<'a> {
    sources: &'a SourceMap,
    file: FileId,
}

impl Source<'_> {
    /// The place of a byte offset.
    fn at(&self, offset: usize) -> Location {
        Location::of(self.sources, SourceSpan::new(self.file, offset, offset + 1))
    }

    fn at_span(&self, span: Option<std::ops::Range<usize>>) -> Location {
        self.at(span.map_or(0, |s| s.start))
    }
}

/// Why a resource cannot be read: where and what.
struct Unreadable(Location, String);

impl Unreadable {
    /// The skip it is reported as: the resource, and the reason without
    /// the resource's address it starts with.
    fn skip(self, what: String) -> Skip {
        let reason = self
            .1
            .strip_prefix(&format!("{what}: "))
            .unwrap_or(&self.1)
            .to_string();
        Skip {
            location: Some(self.0),
            what,
            reason,
        }
    }
}

/// Where an expression is written: its module instance and its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct At {
    unit: usize,
    source: usize,
}

/// A resource of interest, parsed.
struct Resource<'b> {
    kind: &'b str,
    name: String,
    data: bool,
    block: &'b Block,
    /// `module.dns.` for a resource of module "dns"; empty at the root.
    prefix: String,
    at: At,
}

/// A module instance while the files are loaded: the root module, or a
/// `module` block whose `source` is a local directory.
struct UnitPlan {
    /// `module.dns.` (nested: `module.a.module.b.`); empty at the root.
    prefix: String,
    /// The directory its files were read from (none for the root).
    dir: Option<PathBuf>,
    /// The calling unit, and the file (index) and block (index) of its
    /// `module` block.
    call: Option<(usize, usize, usize)>,
}

/// A module instance, read: what `local.NAME` and `var.NAME` mean in it.
struct Unit<'b> {
    prefix: String,
    /// `local.NAME` → its expression and file.
    locals: BTreeMap<&'b str, (&'b Expression, usize)>,
    /// `var.NAME` → its declaration.
    variables: BTreeMap<&'b str, Variable<'b>>,
    /// A module's `var.NAME` → the argument of its `module` block, which is
    /// written in (and read in) the calling unit.
    args: BTreeMap<&'b str, &'b Expression>,
    /// The calling unit and the file of the `module` block.
    call: Option<At>,
}

/// A `variable` block: its `default` (and the file it is in) and its
/// literal `description`.
struct Variable<'b> {
    default: Option<(&'b Expression, usize)>,
    description: Option<String>,
}

/// A parsed file: its id, its body, and its unit.
type Parsed = (FileId, Body, usize);

impl Unit<'_> {
    /// The prefix of the inputs a module's own values become: `dns_`.
    fn input_prefix(&self) -> String {
        self.prefix
            .split('.')
            .filter(|p| !p.is_empty() && *p != "module")
            .map(|p| format!("{p}_"))
            .collect()
    }
}

/// Reads the files (already read into memory) into [`Flat`], following
/// `locals` and the `module` blocks with a local `source` (whose `.tf`
/// files `load` reads into `map`); `zone` picks the zone when the files
/// hold several.
pub fn read(
    map: &mut SourceMap,
    files: &[FileId],
    zone: Option<&str>,
    load: &mut LoadModule<'_>,
) -> Result<Flat, ImportError> {
    let mut flat = Flat::default();
    let (parsed, plans) = load_units(map, files, load, &mut flat.skipped)?;
    let map: &SourceMap = map;
    let sources: Vec<Source> = parsed
        .iter()
        .map(|(f, _, _)| Source {
            sources: map,
            file: *f,
        })
        .collect();
    let sources = sources.as_slice();
    let units = read_units(&parsed, &plans);
    let mut resources = Vec::new();
    for (i, (_, body, unit)) in parsed.iter().enumerate() {
        let at = At {
            unit: *unit,
            source: i,
        };
        collect(body, at, &units[*unit].prefix, &mut resources);
    }
    let mut reader = Reader {
        sources,
        units,
        zones: BTreeMap::new(),
        records: BTreeMap::new(),
        locations: BTreeMap::new(),
        notes: RefCell::new(BTreeMap::new()),
        known: RefCell::new(BTreeMap::new()),
        active: RefCell::new(BTreeSet::new()),
    };
    // Zones first: records name their zone by reference.
    let mut zone_ids = BTreeMap::new();
    for r in resources.iter().filter(|r| r.kind == "aws_route53_zone") {
        let address = address(r);
        if r.data {
            if let Ok(Some(id)) = reader.string_attr(r, "zone_id") {
                zone_ids.insert(address.clone(), id);
            }
        }
        match reader.string_attr(r, "name") {
            Ok(Some(Val::Lit(name))) => {
                let name = super::route53::route53_name(&name);
                reader.zones.insert(address, (name, !r.data));
            }
            Ok(_) => {
                // A data source by id: the zone is named by --zone.
                reader.zones.insert(address, (String::new(), !r.data));
            }
            Err(e) => flat.skipped.push(e.skip(address.clone())),
        }
    }
    let named: Vec<&String> = reader
        .zones
        .values()
        .map(|(n, _)| n)
        .filter(|n| !n.is_empty())
        .fold(Vec::new(), |mut named, n| {
            // A zone of the root looked up again in a module is one zone.
            if !named.contains(&n) {
                named.push(n);
            }
            named
        });
    let chosen = match zone {
        Some(z) => Some(super::route53::route53_name(z)),
        None if named.len() == 1 => Some(named[0].clone()),
        None if named.len() > 1 => {
            let names: Vec<&str> = named.iter().map(|s| s.as_str()).collect();
            let first = resources
                .iter()
                .find(|r| r.kind == "aws_route53_zone")
                .map_or(SourceSpan::default(), |r| {
                    let at = r.block.span().map_or(0, |s| s.start);
                    SourceSpan::new(sources[r.at.source].file, at, at + 1)
                });
            return Err(messages::several_zones(first, &names).into());
        }
        None => None,
    };
    flat.zone = chosen.clone();
    for (address, (name, create)) in reader.zones.iter_mut() {
        if name.is_empty() || Some(&*name) == chosen.as_ref() {
            if let Some(c) = &chosen {
                name.clone_from(c);
            }
            flat.zone_id = Some(Val::Ref(format!("{address}.zone_id")));
            flat.hosted_zone_id = zone_ids.get(address).cloned();
            flat.create_zone |= *create;
        }
    }
    // CIDR location names, for records that refer to them.
    for r in resources
        .iter()
        .filter(|r| r.kind == "aws_route53_cidr_location")
    {
        if let Ok(Some(Val::Lit(n))) = reader.string_attr(r, "name") {
            reader.locations.insert(address(r), n);
        }
    }
    // Record names, for aliases that refer to another record resource.
    for r in resources.iter().filter(|r| r.kind == "aws_route53_record") {
        if let Ok(Some(Val::Lit(n))) = reader.string_attr(r, "name") {
            reader.records.insert(address(r), n);
        }
    }
    for r in &resources {
        let result = match r.kind {
            "aws_route53_record" if !r.data => reader.record(r, chosen.as_deref()).map(|s| {
                if let Some(s) = s {
                    flat.sets.push(s)
                }
            }),
            "aws_route53_health_check" if !r.data => reader.check(r).map(|c| flat.checks.push(c)),
            "aws_route53_cidr_collection" if !r.data => {
                reader.collection(r).map(|c| flat.collections.push(c))
            }
            _ => Ok(()),
        };
        if let Err(e) = result {
            flat.skipped.push(e.skip(address(r)));
        }
    }
    for r in resources
        .iter()
        .filter(|r| r.kind == "aws_route53_cidr_location")
    {
        if let Err(e) = reader.location(r, &mut flat.collections) {
            flat.skipped.push(e.skip(address(r)));
        }
    }
    flat.inputs = reader.notes.into_inner();
    // The root's variables: their descriptions, and their literal defaults
    // as comments (a steer input has no default: language §14).
    let root = &reader.units[0];
    for (name, variable) in &root.variables {
        let default = variable.default.and_then(|(e, _)| literal_text(e));
        let description = &variable.description;
        if default.is_none() && description.is_none() {
            continue;
        }
        flat.inputs.insert(
            format!("var.{name}"),
            InputNote {
                description: description.clone(),
                comment: default.map(|d| messages::terraform_variable_default(name, &d)),
            },
        );
    }
    Ok(flat)
}

/// A literal string, number or bool, as text.
fn literal_text(e: &Expression) -> Option<String> {
    match e {
        Expression::String(s) => Some(s.value().clone()),
        Expression::Number(n) => Some(n.value().to_string()),
        Expression::Bool(b) => Some(b.value().to_string()),
        _ => None,
    }
}

fn parse(map: &SourceMap, file: FileId) -> Result<Body, ImportError> {
    let text: &str = &map.get(file).text;
    hcl_edit::parser::parse_body(text).map_err(|e| {
        let offset = super::route53::offset_of(text, e.location().line(), e.location().column());
        messages::hcl_syntax(SourceSpan::new(file, offset, offset + 1), e.message()).into()
    })
}

/// The directory of a file, by its name.
fn dir_of(map: &SourceMap, file: FileId) -> PathBuf {
    Path::new(&map.get(file).name)
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// `a/./b/../c` → `a/c`, without asking the file system (which a loader
/// may not be).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if matches!(out.components().next_back(), Some(Component::Normal(_))) {
                    out.pop();
                } else {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// A `module` block: the directory of its local source, or why it is not
/// followed (and where).
fn module_dir(
    block: &Block,
    from: &Path,
) -> Result<PathBuf, (Option<std::ops::Range<usize>>, String)> {
    for attr in block.body.attributes() {
        if matches!(attr.key.as_str(), "count" | "for_each") {
            return Err((
                attr.span(),
                messages::terraform_meta_argument(attr.key.as_str()),
            ));
        }
    }
    let source = block.body.get_attribute("source");
    match source.map(|a| &a.value) {
        // Terraform reads a source as a local path when it starts with
        // `./` or `../` ("Module Sources", Local Paths:
        // https://developer.hashicorp.com/terraform/language/modules/sources#local-paths);
        // anything else is fetched from a registry, git, HTTP, S3, ...
        Some(Expression::String(s)) if s.starts_with("./") || s.starts_with("../") => {
            Ok(normalize(&from.join(s.value())))
        }
        Some(Expression::String(s)) => Err((
            source.and_then(|a| a.span()),
            messages::terraform_module_remote(s.value()),
        )),
        _ => Err((
            source.and_then(|a| a.span()).or(block.span()),
            messages::terraform_module_source(),
        )),
    }
}

/// The files of the root module and of every module instance reached
/// through local `module` blocks, parsed, each with its unit; modules that
/// cannot be followed are reported in `skipped`.
fn load_units(
    map: &mut SourceMap,
    roots: &[FileId],
    load: &mut LoadModule<'_>,
    skipped: &mut Vec<Skip>,
) -> Result<(Vec<Parsed>, Vec<UnitPlan>), ImportError> {
    let mut files = Vec::new();
    for f in roots {
        files.push((*f, parse(map, *f)?, 0));
    }
    let mut units = vec![UnitPlan {
        prefix: String::new(),
        dir: None,
        call: None,
    }];
    let mut i = 0;
    while i < files.len() {
        let (file, unit) = (files[i].0, files[i].2);
        let from = dir_of(map, file);
        let calls: Vec<_> = files[i]
            .1
            .blocks()
            .enumerate()
            .filter(|(_, b)| b.ident.as_str() == "module")
            .filter_map(|(bi, b)| {
                let name = b.labels.first()?.as_str().to_string();
                Some((bi, name, b.span(), module_dir(b, &from)))
            })
            .collect();
        for (bi, name, span, dir) in calls {
            let what = format!("{}module.{name}", units[unit].prefix);
            let skip = |map: &SourceMap, span: Option<std::ops::Range<usize>>, reason| Skip {
                location: Some(Location::of(map, {
                    let at = span.map_or(0, |s| s.start);
                    SourceSpan::new(file, at, at + 1)
                })),
                what: what.clone(),
                reason,
            };
            let dir = match dir {
                Ok(dir) => dir,
                Err((at, reason)) => {
                    skipped.push(skip(map, at, reason));
                    continue;
                }
            };
            // The module's own directory and those of the modules calling it.
            let mut up = Some(unit);
            let mut recursive = dir == from;
            while let Some(u) = up {
                recursive |= units[u].dir.as_ref() == Some(&dir);
                up = units[u].call.map(|(caller, _, _)| caller);
            }
            let shown = dir.display().to_string();
            if recursive {
                skipped.push(skip(
                    map,
                    span,
                    messages::terraform_module_recursion(&shown),
                ));
                continue;
            }
            if units.len() >= MAX_MODULES {
                let reason = messages::terraform_module_limit(MAX_MODULES);
                skipped.push(skip(map, span, reason));
                continue;
            }
            let texts = match load(&dir) {
                Ok(texts) if !texts.is_empty() => texts,
                Ok(_) => {
                    let reason = messages::terraform_module_unreadable(&shown, "no .tf files");
                    skipped.push(skip(map, span, reason));
                    continue;
                }
                Err(e) => {
                    let reason = messages::terraform_module_unreadable(&shown, &e.to_string());
                    skipped.push(skip(map, span, reason));
                    continue;
                }
            };
            let u = units.len();
            units.push(UnitPlan {
                prefix: format!("{what}."),
                dir: Some(dir),
                call: Some((unit, i, bi)),
            });
            for (name, bytes) in texts {
                let id = super::add_source(map, &name, &bytes)?;
                files.push((id, parse(map, id)?, u));
            }
        }
        i += 1;
    }
    Ok((files, units))
}

/// Each unit's locals, variables and module arguments.
fn read_units<'b>(files: &'b [Parsed], plans: &[UnitPlan]) -> Vec<Unit<'b>> {
    let mut units: Vec<Unit> = plans
        .iter()
        .map(|p| Unit {
            prefix: p.prefix.clone(),
            locals: BTreeMap::new(),
            variables: BTreeMap::new(),
            args: BTreeMap::new(),
            call: p.call.map(|(unit, source, _)| At { unit, source }),
        })
        .collect();
    for (i, (_, body, unit)) in files.iter().enumerate() {
        let u = &mut units[*unit];
        for block in body.blocks() {
            match block.ident.as_str() {
                "locals" => {
                    for attr in block.body.attributes() {
                        // Terraform refuses a local defined twice: the first is kept.
                        u.locals
                            .entry(attr.key.as_str())
                            .or_insert((&attr.value, i));
                    }
                }
                "variable" => {
                    if let Some(name) = block.labels.first() {
                        let default = block.body.get_attribute("default").map(|a| (&a.value, i));
                        let description = block
                            .body
                            .get_attribute("description")
                            .and_then(|a| literal_text(&a.value));
                        u.variables.entry(name.as_str()).or_insert(Variable {
                            default,
                            description,
                        });
                    }
                }
                _ => {}
            }
        }
    }
    for (u, plan) in plans.iter().enumerate() {
        if let Some((_, file, block)) = plan.call {
            if let Some(b) = files[file].1.blocks().nth(block) {
                for attr in b.body.attributes() {
                    let key = attr.key.as_str();
                    if !matches!(
                        key,
                        "source" | "version" | "providers" | "depends_on" | "count" | "for_each"
                    ) {
                        units[u].args.insert(key, &attr.value);
                    }
                }
            }
        }
    }
    units
}

fn address(r: &Resource) -> String {
    if r.data {
        format!("{}data.{}.{}", r.prefix, r.kind, r.name)
    } else {
        format!("{}{}.{}", r.prefix, r.kind, r.name)
    }
}

fn collect<'b>(body: &'b Body, at: At, prefix: &str, out: &mut Vec<Resource<'b>>) {
    for block in body.blocks() {
        let data = match block.ident.as_str() {
            "resource" => false,
            "data" => true,
            _ => continue,
        };
        let (Some(kind), Some(name)) = (block.labels.first(), block.labels.get(1)) else {
            continue;
        };
        if !kind.as_str().starts_with("aws_route53_") {
            continue;
        }
        out.push(Resource {
            kind: kind.as_str(),
            name: name.as_str().to_string(),
            data,
            block,
            prefix: prefix.to_string(),
            at,
        });
    }
}

struct Reader<'s> {
    sources: &'s [Source<'s>],
    units: Vec<Unit<'s>>,
    /// Zone resource or data source address → (name, created here).
    zones: BTreeMap<String, (String, bool)>,
    /// Record resource address → its `name` as written.
    records: BTreeMap<String, String>,
    /// CIDR location resource address → its `name`.
    locations: BTreeMap<String, String>,
    /// What the inputs made of a module's values are (by reference).
    notes: RefCell<BTreeMap<String, InputNote>>,
    /// The value of each local and module variable evaluated so far
    /// (`module.dns.local.ttl`), or where and why it has none (without the
    /// resource's address): each is evaluated once, whatever uses it.
    known: RefCell<BTreeMap<String, Known>>,
    /// The locals and variables being evaluated: one met again is a cycle.
    active: RefCell<BTreeSet<String>>,
}

/// A local's or module variable's value, or where and why it has none.
type Known = Result<Val, (Location, String)>;

/// What [`Reader::follow`] reached: an expression to evaluate, or a value
/// known already; with what was followed.
enum Followed<'e> {
    Expression(At, &'e Expression, Vec<String>),
    Value(Result<Val, Unreadable>, Vec<String>),
}

/// The Terraform attributes of `aws_route53_health_check` and the API
/// fields they set are named in the provider's documentation; the ones
/// steer reads:
const CHECK_ATTRIBUTES: &[&str] = &[
    "type",
    "fqdn",
    "ip_address",
    "port",
    "resource_path",
    "search_string",
    "request_interval",
    "failure_threshold",
    "measure_latency",
    "invert_healthcheck",
    "disabled",
    "enable_sni",
    "regions",
    "child_healthchecks",
    "child_health_threshold",
    "cloudwatch_alarm_name",
    "cloudwatch_alarm_region",
    "insufficient_data_health_status",
    "routing_control_arn",
    "reference_name",
    "tags",
    "tags_all",
    "triggers",
];

/// `local.NAME` or `var.NAME` alone: (`local`, NAME).
fn named_value(e: &Expression) -> Option<(&str, &str)> {
    let Expression::Traversal(t) = e else {
        return None;
    };
    let Expression::Variable(v) = &t.expr else {
        return None;
    };
    match (v.value().as_str(), t.operators.as_slice()) {
        (head @ ("local" | "var"), [op]) => match op.value() {
            TraversalOperator::GetAttr(a) => Some((head, a.value().as_str())),
            _ => None,
        },
        _ => None,
    }
}

impl<'s> Reader<'s> {
    fn source(&self, r: &Resource) -> &Source<'_> {
        &self.sources[r.at.source]
    }

    /// Refuses what cannot be read statically in a block: `count`,
    /// `for_each`, `dynamic` blocks.
    fn static_block(&self, r: &Resource, body: &Body) -> Result<(), Unreadable> {
        let src = self.source(r);
        for attr in body.attributes() {
            if matches!(attr.key.as_str(), "count" | "for_each") {
                return Err(Unreadable(
                    src.at_span(attr.span()),
                    messages::terraform_meta(&address(r), attr.key.as_str()),
                ));
            }
        }
        for block in body.blocks() {
            if block.ident.as_str() == "dynamic" {
                return Err(Unreadable(
                    src.at_span(block.span()),
                    messages::terraform_dynamic(&address(r)),
                ));
            }
        }
        Ok(())
    }

    /// Follows `local.NAME`, and in a module `var.NAME` (to its `module`
    /// block's argument, else its default), to the expression they stand
    /// for and where it is written, with what was followed (`local.a`,
    /// `local.b`); or, with `use_known`, to the value found for one of
    /// them before (a list or an object is not kept as one). A cycle
    /// (also one through a template) is refused with its place.
    fn follow<'e>(
        &self,
        r: &Resource,
        mut at: At,
        mut e: &'e Expression,
        use_known: bool,
    ) -> Result<Followed<'e>, Unreadable>
    where
        's: 'e,
    {
        let mut via: Vec<String> = Vec::new();
        while let Some((head, name)) = named_value(e) {
            let unit = &self.units[at.unit];
            let step = format!("{}{head}.{name}", unit.prefix);
            let here = self.sources[at.source].at_span(e.span());
            if let Some(known) = self.known.borrow().get(&step).filter(|_| use_known) {
                let known = known
                    .clone()
                    .map_err(|(at, reason)| Unreadable(at, format!("{}: {reason}", address(r))));
                return Ok(Followed::Value(known, via));
            }
            if via.len() >= MAX_NESTING {
                return Err(Unreadable(
                    here,
                    messages::terraform_nesting(&address(r), MAX_NESTING),
                ));
            }
            if via.contains(&step) || self.active.borrow().contains(&step) {
                via.push(step);
                return Err(Unreadable(
                    here,
                    messages::terraform_local_cycle(&address(r), &via.join(" → ")),
                ));
            }
            let next = match head {
                "local" => match unit.locals.get(name) {
                    Some((value, source)) => (
                        At {
                            unit: at.unit,
                            source: *source,
                        },
                        *value,
                    ),
                    None => {
                        return Err(Unreadable(
                            here,
                            messages::terraform_unknown_local(&address(r), name),
                        ))
                    }
                },
                _ => match (unit.call, unit.args.get(name), unit.variables.get(name)) {
                    (Some(caller), Some(arg), _) => (caller, *arg),
                    (
                        Some(_),
                        None,
                        Some(Variable {
                            default: Some((default, source)),
                            ..
                        }),
                    ) => (
                        At {
                            unit: at.unit,
                            source: *source,
                        },
                        *default,
                    ),
                    // The root's variables stay inputs; a module's
                    // without argument or default becomes one.
                    _ => break,
                },
            };
            via.push(step);
            (at, e) = next;
        }
        Ok(Followed::Expression(at, e, via))
    }

    /// An expression's value: a literal or a reference.
    fn value(&self, r: &Resource, e: &Expression) -> Result<Val, Unreadable> {
        self.eval(r, r.at, e)
    }

    /// The value of `e`, written at `at`: locals and a module's variables
    /// followed (each evaluated once: its value, or why it has none, is
    /// kept), what is not static refused with the place where it is
    /// written (and the place of the use when that is elsewhere).
    fn eval(&self, r: &Resource, at: At, e: &Expression) -> Result<Val, Unreadable> {
        let through = |u: Unreadable, via: &[String]| {
            if via.is_empty() {
                u
            } else {
                let used = self.sources[at.source].at_span(e.span());
                Unreadable(
                    u.0,
                    messages::terraform_through(&u.1, &via.join(" → "), &used),
                )
            }
        };
        let (to, target, via) = match self.follow(r, at, e, true)? {
            Followed::Value(known, via) => return known.map_err(|u| through(u, &via)),
            Followed::Expression(to, target, via) => (to, target, via),
        };
        if via.is_empty() {
            return self.eval_here(r, to, target);
        }
        if self.active.borrow().len() + via.len() > MAX_NESTING {
            let here = self.sources[to.source].at_span(target.span());
            let u = Unreadable(here, messages::terraform_nesting(&address(r), MAX_NESTING));
            return Err(through(u, &via));
        }
        self.active.borrow_mut().extend(via.iter().cloned());
        let result = self.eval_here(r, to, target);
        let mut active = self.active.borrow_mut();
        for step in &via {
            active.remove(step);
        }
        drop(active);
        // Kept without the resource's address, which each use puts back.
        let prefix = format!("{}: ", address(r));
        let known = match &result {
            Ok(v) => Ok(v.clone()),
            Err(u) => Err((
                u.0.clone(),
                u.1.strip_prefix(&prefix).unwrap_or(&u.1).to_string(),
            )),
        };
        let mut kept = self.known.borrow_mut();
        for step in &via {
            kept.insert(step.clone(), known.clone());
        }
        result.map_err(|u| through(u, &via))
    }

    fn eval_here(&self, r: &Resource, at: At, e: &Expression) -> Result<Val, Unreadable> {
        let src = &self.sources[at.source];
        let unreadable = |what: NotStatic<'_>| {
            Unreadable(
                src.at_span(e.span()),
                messages::terraform_expression(&address(r), what),
            )
        };
        match e {
            Expression::String(s) => Ok(Val::Lit(s.value().clone())),
            Expression::Number(n) => Ok(Val::Lit(n.value().to_string())),
            Expression::Bool(b) => Ok(Val::Lit(b.value().to_string())),
            Expression::Traversal(t) => {
                let mut parts = Vec::new();
                match &t.expr {
                    Expression::Variable(v) => parts.push(v.value().to_string()),
                    _ => return Err(unreadable(NotStatic::Traversal)),
                }
                if parts[0] == "local" {
                    // `local.NAME` alone was followed; `local.NAME.key` is not.
                    return Err(unreadable(NotStatic::Traversal));
                }
                for op in &t.operators {
                    match op.value() {
                        TraversalOperator::GetAttr(a) => parts.push(a.value().to_string()),
                        TraversalOperator::LegacyIndex(i) => {
                            let last = parts.pop().unwrap_or_default();
                            parts.push(format!("{last}[{}]", i.value()));
                        }
                        TraversalOperator::Index(Expression::Number(n)) => {
                            let last = parts.pop().unwrap_or_default();
                            parts.push(format!("{last}[{}]", n.value()));
                        }
                        TraversalOperator::Index(Expression::String(s)) => {
                            let last = parts.pop().unwrap_or_default();
                            parts.push(format!("{last}[{:?}]", s.value()));
                        }
                        _ => return Err(unreadable(NotStatic::Splat)),
                    }
                }
                Ok(self.reference(at, parts.join(".")))
            }
            Expression::StringTemplate(t) => {
                // `"${aws_lb.eu.dns_name}"`: one interpolation, the
                // reference; `"${local.env}-api"`: text when every part
                // is a literal.
                let elements: Vec<_> = t.iter().collect();
                if let [Element::Interpolation(i)] = elements.as_slice() {
                    return self.eval(r, at, &i.expr);
                }
                let mut text = String::new();
                for element in elements {
                    match element {
                        Element::Literal(l) => text.push_str(l.value()),
                        Element::Interpolation(i) => match self.eval(r, at, &i.expr)? {
                            Val::Lit(l) => text.push_str(&l),
                            Val::Ref(_) => return Err(unreadable(NotStatic::Template)),
                        },
                        Element::Directive(_) => return Err(unreadable(NotStatic::Template)),
                    }
                    if text.len() > MAX_TEXT {
                        return Err(Unreadable(
                            src.at_span(e.span()),
                            messages::terraform_too_long(&address(r), MAX_TEXT),
                        ));
                    }
                }
                Ok(Val::Lit(text))
            }
            Expression::Parenthesis(p) => self.eval(r, at, p.inner()),
            Expression::FuncCall(f) => Err(unreadable(NotStatic::Call(f.name.name.as_str()))),
            Expression::Conditional(_) => Err(unreadable(NotStatic::Conditional)),
            Expression::ForExpr(_) => Err(unreadable(NotStatic::For)),
            Expression::Variable(v) => Err(unreadable(NotStatic::BareName(v.value()))),
            Expression::HeredocTemplate(_) => Err(unreadable(NotStatic::Heredoc)),
            Expression::UnaryOp(_) | Expression::BinaryOp(_) => {
                Err(unreadable(NotStatic::Operation))
            }
            Expression::Null(_) => Err(unreadable(NotStatic::Null)),
            Expression::Array(_) | Expression::Object(_) => Err(unreadable(NotStatic::Collection)),
        }
    }

    /// A reference written in unit `at`: at the root as written; in a
    /// module, one to a Route 53 resource of the module gets the module's
    /// address, and anything else (a resource Terraform does not show
    /// outside the module, a variable no argument sets) becomes an input of
    /// its own, named after the module.
    fn reference(&self, at: At, reference: String) -> Val {
        let unit = &self.units[at.unit];
        if unit.prefix.is_empty() {
            return Val::Ref(reference);
        }
        let head = reference.strip_prefix("data.").unwrap_or(&reference);
        if head.starts_with("aws_route53_") {
            return Val::Ref(format!("{}{reference}", unit.prefix));
        }
        let module = unit.prefix.trim_end_matches('.');
        let (name, description) = match reference.strip_prefix("var.") {
            Some(variable) => (
                variable.to_string(),
                unit.variables
                    .get(variable)
                    .and_then(|v| v.description.clone())
                    .unwrap_or_else(|| messages::terraform_module_variable(variable, module)),
            ),
            None => (
                super::raise::input_name(&reference),
                messages::terraform_module_reference(&reference, module),
            ),
        };
        let input = format!("var.{}{name}", unit.input_prefix());
        self.notes.borrow_mut().insert(
            input.clone(),
            InputNote {
                description: Some(description),
                comment: None,
            },
        );
        Val::Ref(input)
    }

    fn attr<'b>(&self, body: &'b Body, key: &str) -> Option<&'b Expression> {
        body.get_attribute(key).map(|a| &a.value)
    }

    fn string_attr(&self, r: &Resource, key: &str) -> Result<Option<Val>, Unreadable> {
        self.attr(&r.block.body, key)
            .map(|e| self.value(r, e))
            .transpose()
    }

    fn list(&self, r: &Resource, e: &Expression) -> Result<Vec<Val>, Unreadable> {
        match self.follow(r, r.at, e, false)? {
            Followed::Expression(at, Expression::Array(a), _) => {
                a.iter().map(|x| self.eval(r, at, x)).collect()
            }
            Followed::Expression(at, other, _) => Err(Unreadable(
                self.sources[at.source].at_span(other.span()),
                messages::terraform_list_expected(&address(r)),
            )),
            // Not reached: known values are not used here.
            Followed::Value(..) => Err(Unreadable(
                self.source(r).at_span(e.span()),
                messages::terraform_list_expected(&address(r)),
            )),
        }
    }

    fn literal(&self, r: &Resource, body: &Body, key: &str) -> Result<Option<String>, Unreadable> {
        match self.attr(body, key).map(|e| (e, self.value(r, e))) {
            None => Ok(None),
            Some((_, Ok(Val::Lit(s)))) => Ok(Some(s)),
            Some((e, Ok(Val::Ref(reference)))) => Err(Unreadable(
                self.source(r).at_span(e.span()),
                messages::terraform_value_needed(&address(r), key, &reference),
            )),
            Some((_, Err(e))) => Err(e),
        }
    }

    fn number(&self, r: &Resource, body: &Body, key: &str) -> Result<Option<i64>, Unreadable> {
        match self.literal(r, body, key)? {
            None => Ok(None),
            Some(s) => s.parse().map(Some).map_err(|_| {
                Unreadable(
                    self.source(r)
                        .at_span(body.get_attribute(key).and_then(|a| a.span())),
                    messages::terraform_not_number(&address(r), key, &s),
                )
            }),
        }
    }

    fn boolean(&self, r: &Resource, body: &Body, key: &str) -> Result<Option<bool>, Unreadable> {
        Ok(self.literal(r, body, key)?.map(|s| s == "true"))
    }

    /// A reference to one of the files' Route 53 resources of `kind`: its
    /// address (`aws_route53_health_check.eu`, in a module
    /// `module.dns.aws_route53_health_check.eu`).
    fn resource_ref(v: &Val, kinds: &[&str]) -> Option<String> {
        let Val::Ref(reference) = v else { return None };
        let mut parts: &[&str] = &reference.split('.').collect::<Vec<_>>();
        let mut module = String::new();
        while let ["module", name, rest @ ..] = parts {
            module.push_str(&format!("module.{name}."));
            parts = rest;
        }
        match parts {
            ["data", kind, name, ..] if kinds.contains(kind) => {
                Some(format!("{module}data.{kind}.{name}"))
            }
            [kind, name, ..] if kinds.contains(kind) => Some(format!("{module}{kind}.{name}")),
            _ => None,
        }
    }

    fn record(&self, r: &Resource, zone: Option<&str>) -> Result<Option<FlatSet>, Unreadable> {
        let body = &r.block.body;
        self.static_block(r, body)?;
        let src = self.source(r);
        let here = src.at_span(r.block.span());
        // The zone: a reference to a zone of the files, else (a variable,
        // a literal id) the zone being imported.
        let zone_ref = self.string_attr(r, "zone_id")?;
        let zone_name = match zone_ref
            .as_ref()
            .and_then(|v| Self::resource_ref(v, &["aws_route53_zone"]))
        {
            Some(zone_address) => match self.zones.get(&zone_address) {
                Some((name, _)) => Some(name.clone()),
                None => {
                    return Err(Unreadable(
                        here,
                        messages::terraform_zone_missing(&address(r), &zone_address),
                    ))
                }
            },
            None => zone.map(str::to_string),
        };
        let Some(zone_name) = zone_name.filter(|z| !z.is_empty()) else {
            return Err(Unreadable(
                here,
                messages::terraform_zone_name_missing(&address(r)),
            ));
        };
        if zone.is_some_and(|z| z != zone_name) {
            return Err(Unreadable(
                here,
                messages::terraform_other_zone(&address(r), &zone_name),
            ));
        }
        let name = match self.literal(r, body, "name")? {
            Some(n) => n,
            None => {
                return Err(Unreadable(
                    here,
                    messages::terraform_no_attribute(&address(r), "name"),
                ))
            }
        };
        let record_type = self.literal(r, body, "type")?.ok_or_else(|| {
            Unreadable(
                here.clone(),
                messages::terraform_no_attribute(&address(r), "type"),
            )
        })?;
        let fqdn = expand_name(&name, &zone_name);
        let set_identifier = self.literal(r, body, "set_identifier")?;
        let ttl = match self.number(r, body, "ttl")? {
            None => None,
            Some(t) => Some(u32::try_from(t).map_err(|_| {
                Unreadable(here.clone(), messages::terraform_ttl_range(&address(r), t))
            })?),
        };
        let health_check = match self.string_attr(r, "health_check_id")? {
            None => None,
            Some(v) => Some(
                Self::resource_ref(&v, &["aws_route53_health_check"]).ok_or_else(|| {
                    Unreadable(
                        src.at_span(body.get_attribute("health_check_id").and_then(|a| a.span())),
                        format!(
                            "{}: health_check_id must refer to an aws_route53_health_check of \
                             the files (a literal id cannot be followed)",
                            address(r)
                        ),
                    )
                })?,
            ),
        };
        let mut routings = Vec::new();
        for block in body.blocks() {
            let b = &block.body;
            let routing = match block.ident.as_str() {
                "failover_routing_policy" => {
                    FlatRouting::Failover(self.literal(r, b, "type")?.as_deref() == Some("PRIMARY"))
                }
                "latency_routing_policy" => {
                    FlatRouting::Latency(self.literal(r, b, "region")?.unwrap_or_default())
                }
                "geolocation_routing_policy" => FlatRouting::Geolocation {
                    continent: self.literal(r, b, "continent")?,
                    country: self.literal(r, b, "country")?,
                    subdivision: self.literal(r, b, "subdivision")?,
                },
                "weighted_routing_policy" => {
                    FlatRouting::Weighted(self.number(r, b, "weight")?.unwrap_or(0))
                }
                "geoproximity_routing_policy" => {
                    let coordinates = match b.get_blocks("coordinates").next() {
                        Some(c) => Some((
                            self.literal(r, &c.body, "latitude")?.unwrap_or_default(),
                            self.literal(r, &c.body, "longitude")?.unwrap_or_default(),
                        )),
                        None => None,
                    };
                    FlatRouting::Geoproximity {
                        aws_region: self.literal(r, b, "aws_region")?,
                        coordinates,
                        local_zone_group: self.literal(r, b, "local_zone_group")?,
                        bias: self.number(r, b, "bias")?.unwrap_or(0),
                    }
                }
                "cidr_routing_policy" => {
                    let collection = self
                        .attr(b, "collection_id")
                        .map(|e| self.value(r, e))
                        .transpose()?
                        .and_then(|v| Self::resource_ref(&v, &["aws_route53_cidr_collection"]))
                        .ok_or_else(|| {
                            Unreadable(
                                src.at_span(block.span()),
                                format!(
                                    "{}: collection_id must refer to an \
                                     aws_route53_cidr_collection of the files",
                                    address(r)
                                ),
                            )
                        })?;
                    let location = match self
                        .attr(b, "location_name")
                        .map(|e| self.value(r, e))
                        .transpose()?
                    {
                        Some(Val::Lit(l)) => l,
                        Some(v) => Self::resource_ref(&v, &["aws_route53_cidr_location"])
                            .and_then(|a| self.locations.get(&a).cloned())
                            .ok_or_else(|| {
                                Unreadable(
                                    src.at_span(block.span()),
                                    format!(
                                        "{}: location_name must be a string or refer to an \
                                         aws_route53_cidr_location of the files",
                                        address(r)
                                    ),
                                )
                            })?,
                        None => String::new(),
                    };
                    FlatRouting::Cidr {
                        collection,
                        location,
                    }
                }
                _ => continue,
            };
            routings.push(routing);
        }
        if self.boolean(r, body, "multivalue_answer_routing_policy")? == Some(true) {
            routings.push(FlatRouting::Multivalue);
        }
        if routings.len() > 1 {
            return Err(Unreadable(
                here,
                messages::terraform_several_routings(&address(r)),
            ));
        }
        let alias = body.get_blocks("alias").next();
        let answer = match (alias, self.attr(body, "records")) {
            (Some(a), None) => {
                let dns_name = self
                    .attr(&a.body, "name")
                    .map(|e| self.value(r, e))
                    .transpose()?
                    .ok_or_else(|| {
                        Unreadable(
                            here.clone(),
                            messages::terraform_alias_without_name(&address(r)),
                        )
                    })?;
                // An alias to another record resource of the files: its name.
                let dns_name = match Self::resource_ref(&dns_name, &["aws_route53_record"])
                    .and_then(|a| self.records.get(&a))
                {
                    Some(n) => Val::Lit(expand_name(n, &zone_name)),
                    None => match dns_name {
                        Val::Lit(n) => Val::Lit(super::route53::route53_name(&n)),
                        other => other,
                    },
                };
                let hosted_zone_id = self
                    .attr(&a.body, "zone_id")
                    .map(|e| self.value(r, e))
                    .transpose()?
                    .map(|v| match Self::resource_ref(&v, &["aws_route53_zone"]) {
                        Some(address) => Val::Ref(format!("{address}.zone_id")),
                        None => v,
                    });
                FlatAnswer::Alias {
                    dns_name,
                    hosted_zone_id,
                    evaluate_target_health: self
                        .boolean(r, &a.body, "evaluate_target_health")?
                        .unwrap_or(false),
                }
            }
            (None, Some(records)) => {
                let mut values = self.list(r, records)?;
                if matches!(record_type.as_str(), "TXT" | "SPF") {
                    // The provider writes TXT data between quotes itself:
                    // `records = ["a\" \"b"]` is the value `"a" "b"`.
                    for v in &mut values {
                        if let Val::Lit(s) = v {
                            *s = format!("\"{s}\"");
                        }
                    }
                }
                FlatAnswer::Values(values)
            }
            _ => return Err(Unreadable(here, messages::terraform_no_answer(&address(r)))),
        };
        Ok(Some(FlatSet {
            name: fqdn,
            record_type,
            set_identifier,
            ttl,
            answer,
            health_check,
            routing: routings.pop().unwrap_or(FlatRouting::Simple),
            location: address(r),
            at: Some(here),
        }))
    }

    fn check(&self, r: &Resource) -> Result<FlatCheck, Unreadable> {
        let body = &r.block.body;
        self.static_block(r, body)?;
        let here = self.source(r).at_span(r.block.span());
        for attr in body.attributes() {
            if !CHECK_ATTRIBUTES.contains(&attr.key.as_str()) {
                return Err(Unreadable(
                    self.source(r).at_span(attr.span()),
                    messages::terraform_unknown_attribute(&address(r), attr.key.as_str()),
                ));
            }
        }
        let mut tags = Vec::new();
        let mut name_tag = None;
        let written = match self.attr(body, "tags") {
            Some(e) => Some(self.follow(r, r.at, e, false)?),
            None => None,
        };
        if let Some(Followed::Expression(at, Expression::Object(o), _)) = written {
            for (k, v) in o.iter() {
                let key = match k {
                    hcl_edit::expr::ObjectKey::Ident(i) => i.value().to_string(),
                    hcl_edit::expr::ObjectKey::Expression(e) => match self.eval(r, at, e)? {
                        Val::Lit(s) => s,
                        Val::Ref(_) => continue,
                    },
                };
                if let Val::Lit(value) = self.eval(r, at, v.expr())? {
                    if key == "Name" {
                        name_tag = Some(value);
                    } else {
                        tags.push((key, value));
                    }
                }
            }
        }
        let children = match self.attr(body, "child_healthchecks") {
            None => Vec::new(),
            Some(e) => self
                .list(r, e)?
                .iter()
                .map(|v| {
                    Self::resource_ref(v, &["aws_route53_health_check"]).ok_or_else(|| {
                        Unreadable(
                            here.clone(),
                            format!(
                                "{}: a child health check must refer to an \
                                 aws_route53_health_check of the files",
                                address(r)
                            ),
                        )
                    })
                })
                .collect::<Result<_, _>>()?,
        };
        let regions = match self.attr(body, "regions") {
            None => Vec::new(),
            Some(e) => self
                .list(r, e)?
                .into_iter()
                .filter_map(|v| v.lit().map(str::to_string))
                .collect(),
        };
        let alarm = match self.string_attr(r, "cloudwatch_alarm_name")? {
            Some(name) => Some((
                name,
                self.literal(r, body, "cloudwatch_alarm_region")?
                    .unwrap_or_default(),
            )),
            None => None,
        };
        Ok(FlatCheck {
            key: address(r),
            name_tag,
            tags,
            check_type: self.literal(r, body, "type")?.ok_or_else(|| {
                Unreadable(
                    here.clone(),
                    messages::terraform_no_attribute(&address(r), "type"),
                )
            })?,
            ip_address: self.string_attr(r, "ip_address")?,
            fqdn: self.string_attr(r, "fqdn")?,
            port: self.number(r, body, "port")?,
            resource_path: self.literal(r, body, "resource_path")?,
            search_string: self.literal(r, body, "search_string")?,
            request_interval: self.number(r, body, "request_interval")?,
            failure_threshold: self.number(r, body, "failure_threshold")?,
            measure_latency: self.boolean(r, body, "measure_latency")?.unwrap_or(false),
            inverted: self
                .boolean(r, body, "invert_healthcheck")?
                .unwrap_or(false),
            disabled: self.boolean(r, body, "disabled")?.unwrap_or(false),
            enable_sni: self.boolean(r, body, "enable_sni")?,
            regions,
            health_threshold: self.number(r, body, "child_health_threshold")?,
            children,
            alarm,
            insufficient_data: self.literal(r, body, "insufficient_data_health_status")?,
            routing_control_arn: self.string_attr(r, "routing_control_arn")?,
            location: address(r),
            at: Some(here),
        })
    }

    fn collection(&self, r: &Resource) -> Result<FlatCollection, Unreadable> {
        self.static_block(r, &r.block.body)?;
        let here = self.source(r).at_span(r.block.span());
        let name = self.literal(r, &r.block.body, "name")?.ok_or_else(|| {
            Unreadable(here, messages::terraform_no_attribute(&address(r), "name"))
        })?;
        Ok(FlatCollection {
            key: address(r),
            name,
            locations: Vec::new(),
        })
    }

    fn location(&self, r: &Resource, collections: &mut [FlatCollection]) -> Result<(), Unreadable> {
        let body = &r.block.body;
        self.static_block(r, body)?;
        let here = self.source(r).at_span(r.block.span());
        let collection = self
            .string_attr(r, "cidr_collection_id")?
            .and_then(|v| Self::resource_ref(&v, &["aws_route53_cidr_collection"]))
            .and_then(|a| collections.iter_mut().find(|c| c.key == a))
            .ok_or_else(|| {
                Unreadable(
                    here.clone(),
                    messages::terraform_collection_reference(&address(r)),
                )
            })?;
        let name = self.literal(r, body, "name")?.ok_or_else(|| {
            Unreadable(
                here.clone(),
                messages::terraform_no_attribute(&address(r), "name"),
            )
        })?;
        let blocks = match self.attr(body, "cidr_blocks") {
            Some(e) => self
                .list(r, e)?
                .into_iter()
                .filter_map(|v| v.lit().map(str::to_string))
                .collect(),
            None => Vec::new(),
        };
        collection.locations.push((name, blocks));
        Ok(())
    }
}

/// A record's `name` as the AWS provider expands it (hashicorp/
/// terraform-provider-aws, `internal/service/route53/record.go`,
/// `expandRecordName`): lower case, without a trailing dot, and when it
/// does not end with the zone's name the zone is appended (an empty name
/// is the apex).
fn expand_name(name: &str, zone: &str) -> String {
    let name = super::route53::route53_name(name);
    if name.is_empty() {
        zone.to_string()
    } else if name.ends_with(zone) {
        name
    } else {
        format!("{name}.{zone}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_one(text: &str) -> Result<Flat, ImportError> {
        let mut map = SourceMap::new();
        let file = map.add("main.tf", text);
        read(&mut map, &[file], None, &mut no_modules)
    }

    #[test]
    fn count_and_functions_are_reported_with_their_place() {
        let flat = read_one(
            r#"resource "aws_route53_zone" "z" { name = "example.com" }
resource "aws_route53_record" "a" {
  count   = 2
  zone_id = aws_route53_zone.z.zone_id
  name    = "a"
  type    = "A"
  ttl     = 60
  records = ["192.0.2.1"]
}
resource "aws_route53_record" "b" {
  zone_id = aws_route53_zone.z.zone_id
  name    = "b"
  type    = "A"
  ttl     = 60
  records = [cidrhost("192.0.2.0/24", 1)]
}
"#,
        )
        .unwrap();
        assert!(flat.sets.is_empty());
        assert_eq!(flat.skipped.len(), 2);
        let at = |i: usize| flat.skipped[i].location.as_ref().unwrap().to_string();
        assert_eq!(at(0), "main.tf:3:3");
        assert_eq!(flat.skipped[0].what, "aws_route53_record.a");
        assert!(flat.skipped[0].reason.contains("`count`"));
        assert_eq!(at(1), "main.tf:15:14");
        assert!(
            flat.skipped[1].reason.contains("`cidrhost`"),
            "{:?}",
            flat.skipped[1]
        );
    }

    #[test]
    fn names_are_relative_to_the_zone_and_references_are_kept() {
        let flat = read_one(
            r#"resource "aws_route53_zone" "z" { name = "example.com" }
resource "aws_route53_record" "www" {
  zone_id = aws_route53_zone.z.zone_id
  name    = "www"
  type    = "A"
  alias {
    name                   = aws_lb.eu.dns_name
    zone_id                = aws_lb.eu.zone_id
    evaluate_target_health = true
  }
}
"#,
        )
        .unwrap();
        assert_eq!(flat.zone.as_deref(), Some("example.com"));
        assert!(flat.create_zone);
        assert_eq!(flat.sets[0].name, "www.example.com");
        match &flat.sets[0].answer {
            FlatAnswer::Alias { dns_name, .. } => {
                assert_eq!(dns_name, &Val::Ref("aws_lb.eu.dns_name".into()))
            }
            other => panic!("{other:?}"),
        }
    }

    /// Reads `files` (name, text): the first is the root, the others are
    /// what the loader finds in their directories.
    fn read_tree(files: &[(&str, &str)]) -> Flat {
        let mut map = SourceMap::new();
        let root = map.add(files[0].0, files[0].1);
        let mut loads = 0;
        let mut load = |dir: &Path| {
            loads += 1;
            Ok(files[1..]
                .iter()
                .filter(|(name, _)| Path::new(name).parent() == Some(dir))
                .map(|(name, text)| (name.to_string(), text.as_bytes().to_vec()))
                .collect())
        };
        let flat = read(&mut map, &[root], None, &mut load).unwrap();
        assert!(loads <= MAX_MODULES, "{loads} module directories read");
        flat
    }

    fn reasons(flat: &Flat) -> Vec<String> {
        flat.skipped
            .iter()
            .map(|s| format!("{}: {}: {}", s.location.as_ref().unwrap(), s.what, s.reason))
            .collect()
    }

    const ZONE: &str = "resource \"aws_route53_zone\" \"z\" { name = \"example.com\" }\n";

    fn cname(name: &str, value: &str) -> String {
        format!(
            "resource \"aws_route53_record\" \"{name}\" {{\n  zone_id = aws_route53_zone.z.zone_id\n  \
             name = \"{name}\"\n  type = \"CNAME\"\n  ttl = 60\n  records = [{value}]\n}}\n"
        )
    }

    #[test]
    fn locals_are_read_through_templates_and_each_is_evaluated_once() {
        // 40 levels, each using the one below twice: 2^40 evaluations
        // unless each local's value is kept.
        let mut text = format!("{ZONE}locals {{\n  l0 = \"a\"\n");
        for i in 1..=40 {
            text.push_str(&format!(
                "  l{i} = \"${{local.l{}}}${{local.l{}}}\"\n",
                i - 1,
                i - 1
            ));
        }
        text.push_str("  host = \"${local.l3}.example.net\"\n}\n");
        text.push_str(&cname("deep", "local.l40"));
        text.push_str(&cname("host", "local.host"));
        let flat = read_tree(&[("main.tf", &text)]);
        // 2^40 characters are not built: the long one is skipped with its
        // reason; the short one is read.
        assert_eq!(flat.sets.len(), 1, "{:?}", reasons(&flat));
        assert_eq!(
            format!("{:?}", flat.sets[0].answer),
            r#"Values([Lit("aaaaaaaa.example.net")])"#
        );
        let reasons = reasons(&flat);
        assert_eq!(reasons.len(), 1);
        assert!(reasons[0].contains("longer than 65536"), "{reasons:?}");
    }

    #[test]
    fn a_long_chain_of_locals_is_refused_at_its_limit() {
        let mut text = format!("{ZONE}locals {{\n  l0 = [\"192.0.2.1\"]\n");
        for i in 1..=5000 {
            text.push_str(&format!("  l{i} = local.l{}\n", i - 1));
        }
        text.push_str("}\n");
        for (name, local) in [("short", "l60"), ("long", "l5000")] {
            let record = cname(name, "x")
                .replace("records = [x]", &format!("records = local.{local}"))
                .replace("CNAME", "A");
            text.push_str(&record);
        }
        let flat = read_tree(&[("main.tf", &text)]);
        assert_eq!(flat.sets.len(), 1);
        assert_eq!(flat.sets[0].name, "short.example.com");
        let reasons = reasons(&flat);
        assert_eq!(reasons.len(), 1, "{reasons:?}");
        assert!(
            reasons[0].starts_with("main.tf:4940:11: aws_route53_record.long: more than 64 locals"),
            "{reasons:?}"
        );
    }

    #[test]
    fn a_cycle_through_a_template_is_reported_not_followed_forever() {
        let text = format!(
            "{ZONE}locals {{\n  a = \"x${{local.b}}\"\n  b = \"y${{local.a}}\"\n}}\n{}",
            cname("loop", "local.a")
        );
        let flat = read_tree(&[("main.tf", &text)]);
        assert!(flat.sets.is_empty());
        let reasons = reasons(&flat);
        assert_eq!(reasons.len(), 1, "{reasons:?}");
        assert!(
            reasons[0].starts_with("main.tf:4:11: aws_route53_record.loop: local.a: a cycle"),
            "{reasons:?}"
        );
    }

    #[test]
    fn a_conditional_in_a_local_is_reported_where_it_is_written_and_where_it_is_used() {
        let text = format!(
            "{ZONE}locals {{\n  target = var.prod ? \"a.example.net\" : \"b.example.net\"\n}}\n{}",
            cname("www", "local.target")
        );
        let flat = read_tree(&[("main.tf", &text)]);
        assert!(flat.sets.is_empty());
        assert_eq!(
            reasons(&flat),
            [
                "main.tf:3:12: aws_route53_record.www: a conditional expression cannot be read \
              without running Terraform; the resource is skipped (the value of local.target, \
              used at main.tf:10:14)"
            ]
        );
    }

    #[test]
    fn a_modules_own_zone_and_checks_are_addressed_in_the_module() {
        let module = "variable \"domain\" {}\n\
            resource \"aws_route53_zone\" \"z\" { name = var.domain }\n\
            resource \"aws_route53_health_check\" \"c\" {\n  type = \"TCP\"\n  \
            ip_address = \"203.0.113.1\"\n  port = 53\n}\n\
            resource \"aws_route53_record\" \"a\" {\n  zone_id = aws_route53_zone.z.zone_id\n  \
            name = \"ns\"\n  type = \"A\"\n  ttl = 60\n  records = [\"203.0.113.1\"]\n  \
            health_check_id = aws_route53_health_check.c.id\n}\n";
        let flat = read_tree(&[
            (
                "main.tf",
                "module \"dns\" {\n  source = \"./dns\"\n  domain = \"example.com\"\n}\n",
            ),
            ("dns/main.tf", module),
        ]);
        assert!(flat.skipped.is_empty(), "{:?}", reasons(&flat));
        assert_eq!(flat.zone.as_deref(), Some("example.com"));
        assert_eq!(
            flat.zone_id,
            Some(Val::Ref("module.dns.aws_route53_zone.z.zone_id".into()))
        );
        assert_eq!(flat.sets[0].name, "ns.example.com");
        assert_eq!(
            flat.sets[0].health_check.as_deref(),
            Some("module.dns.aws_route53_health_check.c")
        );
        assert_eq!(flat.checks[0].key, "module.dns.aws_route53_health_check.c");
    }

    #[test]
    fn a_module_tree_that_fans_out_is_followed_only_so_far() {
        // Each level calls the next twice: 2^12 instances unless limited.
        let mut files = vec![(
            "main.tf".to_string(),
            format!("{ZONE}module \"a\" {{ source = \"./l0\" }}\n"),
        )];
        for i in 0..12 {
            let call = |n: &str| format!("module \"{n}\" {{ source = \"../l{}\" }}\n", i + 1);
            files.push((format!("l{i}/main.tf"), call("x") + &call("y")));
        }
        let files: Vec<(&str, &str)> = files
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .collect();
        let flat = read_tree(&files);
        let reasons = reasons(&flat);
        assert!(
            reasons.iter().all(|r| r.contains("module instances")),
            "{reasons:?}"
        );
        assert!(!reasons.is_empty());
    }

    #[test]
    fn broken_hcl_in_a_module_is_an_error_in_the_modules_file() {
        let mut map = SourceMap::new();
        let root = map.add("main.tf", "module \"m\" { source = \"./m\" }\n");
        let mut load = |_: &Path| {
            Ok(vec![(
                "m/main.tf".to_string(),
                b"locals {\n  a = \n}".to_vec(),
            )])
        };
        let plain = read(&mut map, &[root], None, &mut load)
            .err()
            .unwrap()
            .plain(&map);
        assert!(plain.starts_with("m/main.tf:2:7"), "{plain}");
    }

    #[test]
    fn broken_hcl_names_line_and_column() {
        let mut map = SourceMap::new();
        let file = map.add(
            "main.tf",
            "resource \"aws_route53_record\" \"a\" {\n  name = \n}",
        );
        let plain = read(&mut map, &[file], None, &mut no_modules)
            .err()
            .unwrap()
            .plain(&map);
        assert!(plain.starts_with("main.tf:2:10"), "{plain}");
        assert!(plain.contains("import-malformed"), "{plain}");
    }
}
