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
//! `var.zone_id`) becomes a steer `input`. What cannot be read statically
//! (`count`, `for_each`, `dynamic` blocks, function calls, conditionals,
//! templates, `for` expressions, operators) is reported with its location
//! and the resource is skipped, never guessed.

use super::flat::{Flat, FlatAnswer, FlatCheck, FlatCollection, FlatRouting, FlatSet, Val};
use super::messages::{self, NotStatic};
use super::{ImportError, Location, Skip};
use crate::source::{FileId, SourceMap, Span as SourceSpan};
use hcl_edit::expr::{Expression, TraversalOperator};
use hcl_edit::structure::{Block, Body};
use hcl_edit::Span;
use std::collections::BTreeMap;

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

/// A resource of interest, parsed.
struct Resource<'b> {
    kind: &'b str,
    name: String,
    data: bool,
    block: &'b Block,
    source: usize,
}

/// Reads the files (already read into memory) into [`Flat`]; `zone`
/// picks the zone when the files hold several.
pub fn read(map: &SourceMap, files: &[FileId], zone: Option<&str>) -> Result<Flat, ImportError> {
    let sources: Vec<Source> = files
        .iter()
        .map(|f| Source {
            sources: map,
            file: *f,
        })
        .collect();
    let sources = sources.as_slice();
    let mut bodies = Vec::new();
    for s in sources {
        let text: &str = &map.get(s.file).text;
        let body = hcl_edit::parser::parse_body(text).map_err(|e| {
            let offset =
                super::route53::offset_of(text, e.location().line(), e.location().column());
            messages::hcl_syntax(SourceSpan::new(s.file, offset, offset + 1), e.message())
        })?;
        bodies.push(body);
    }
    let mut resources = Vec::new();
    for (i, body) in bodies.iter().enumerate() {
        collect(body, i, &mut resources);
    }
    let mut flat = Flat::default();
    let mut reader = Reader {
        sources,
        zones: BTreeMap::new(),
        records: BTreeMap::new(),
        locations: BTreeMap::new(),
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
        .collect();
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
                    SourceSpan::new(sources[r.source].file, at, at + 1)
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
    Ok(flat)
}

fn address(r: &Resource) -> String {
    if r.data {
        format!("data.{}.{}", r.kind, r.name)
    } else {
        format!("{}.{}", r.kind, r.name)
    }
}

fn collect<'b>(body: &'b Body, source: usize, out: &mut Vec<Resource<'b>>) {
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
            source,
        });
    }
}

struct Reader<'s> {
    sources: &'s [Source<'s>],
    /// Zone resource or data source address → (name, created here).
    zones: BTreeMap<String, (String, bool)>,
    /// Record resource address → its `name` as written.
    records: BTreeMap<String, String>,
    /// CIDR location resource address → its `name`.
    locations: BTreeMap<String, String>,
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

impl Reader<'_> {
    fn source(&self, r: &Resource) -> &Source<'_> {
        &self.sources[r.source]
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

    /// An expression's value: a literal or a reference.
    fn value(&self, r: &Resource, e: &Expression) -> Result<Val, Unreadable> {
        let src = self.source(r);
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
                Ok(Val::Ref(parts.join(".")))
            }
            Expression::StringTemplate(t) => {
                // `"${aws_lb.eu.dns_name}"`: one interpolation, the reference.
                let elements: Vec<_> = t.iter().collect();
                match elements.as_slice() {
                    [hcl_edit::template::Element::Interpolation(i)] => self.value(r, &i.expr),
                    _ => Err(unreadable(NotStatic::Template)),
                }
            }
            Expression::Parenthesis(p) => self.value(r, p.inner()),
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

    fn attr<'b>(&self, body: &'b Body, key: &str) -> Option<&'b Expression> {
        body.get_attribute(key).map(|a| &a.value)
    }

    fn string_attr(&self, r: &Resource, key: &str) -> Result<Option<Val>, Unreadable> {
        self.attr(&r.block.body, key)
            .map(|e| self.value(r, e))
            .transpose()
    }

    fn list(&self, r: &Resource, e: &Expression) -> Result<Vec<Val>, Unreadable> {
        match e {
            Expression::Array(a) => a.iter().map(|x| self.value(r, x)).collect(),
            other => Err(Unreadable(
                self.source(r).at_span(other.span()),
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

    /// A reference to one of this file's Route 53 resources of `kind`: its
    /// address (`aws_route53_health_check.eu`).
    fn resource_ref(v: &Val, kinds: &[&str]) -> Option<String> {
        let Val::Ref(reference) = v else { return None };
        let parts: Vec<&str> = reference.split('.').collect();
        match parts.as_slice() {
            ["data", kind, name, ..] if kinds.contains(kind) => Some(format!("data.{kind}.{name}")),
            [kind, name, ..] if kinds.contains(kind) => Some(format!("{kind}.{name}")),
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
        if let Some(Expression::Object(o)) = self.attr(body, "tags") {
            for (k, v) in o.iter() {
                let key = match k {
                    hcl_edit::expr::ObjectKey::Ident(i) => i.value().to_string(),
                    hcl_edit::expr::ObjectKey::Expression(e) => match self.value(r, e)? {
                        Val::Lit(s) => s,
                        Val::Ref(_) => continue,
                    },
                };
                if let Val::Lit(value) = self.value(r, v.expr())? {
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
        read(&map, &[file], None)
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

    #[test]
    fn broken_hcl_names_line_and_column() {
        let mut map = SourceMap::new();
        let file = map.add(
            "main.tf",
            "resource \"aws_route53_record\" \"a\" {\n  name = \n}",
        );
        let plain = read(&map, &[file], None).err().unwrap().plain(&map);
        assert!(plain.starts_with("main.tf:2:10"), "{plain}");
        assert!(plain.contains("import-malformed"), "{plain}");
    }
}
