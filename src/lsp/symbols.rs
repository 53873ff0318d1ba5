//! Every named thing of the loaded files and where it is written: one walk
//! over the syntax tree (its spans are the names' places), giving each
//! definition and each use. Definition, references, hover and completion
//! all ask this index; the editor is the one consumer of the tree's
//! positions after `check` (tests/stage_direction.rs lets `lsp` read it,
//! as it lets `fmt`).

use crate::source::{FileId, Span};
use crate::syntax::ast::{self, Ident, Item, Policy, PolicyKind, ValueDef};

/// What a name names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Region,
    Check,
    Endpoint,
    Pool,
    Input,
    CidrCollection,
    /// A record, by its name relative to the zone (`alias record NAME`).
    Record,
}

impl Kind {
    /// The keyword that defines it.
    pub fn keyword(self) -> &'static str {
        match self {
            Kind::Region => "region",
            Kind::Check => "check",
            Kind::Endpoint => "endpoint",
            Kind::Pool => "pool",
            Kind::Input => "input",
            Kind::CidrCollection => "cidr_collection",
            Kind::Record => "record",
        }
    }
}

/// One place a name is written.
#[derive(Debug, Clone)]
pub struct Occurrence {
    /// What it names; `None` for a routing member, which names an
    /// endpoint or, when there is none of that name, a pool
    /// ([`Index::kind_of`]).
    pub kind: Option<Kind>,
    /// As looked up: records by their lower-case name as written.
    pub name: String,
    /// The name as written.
    pub span: Span,
    /// For a definition, the whole item; `None` for a use.
    pub item: Option<Span>,
    /// For a record, its type as written.
    pub record_type: Option<String>,
    /// The item it is written in, in words: `record www A`, `endpoint fra`.
    pub within: String,
}

impl Occurrence {
    pub fn is_definition(&self) -> bool {
        self.item.is_some()
    }
}

/// The occurrences of every file, in the order walked.
#[derive(Debug, Default)]
pub struct Index {
    pub occurrences: Vec<Occurrence>,
    /// The item being walked, in words ([`Occurrence::within`]).
    within: String,
    /// The names of endpoints, so that a member is resolved in constant
    /// time.
    endpoints: std::collections::HashSet<String>,
}

impl Index {
    pub fn new(files: &[(FileId, ast::File)]) -> Self {
        let mut index = Index::default();
        for (_, file) in files {
            for item in &file.items {
                index.item(item);
            }
        }
        index.endpoints = index
            .names(Kind::Endpoint)
            .into_iter()
            .map(String::from)
            .collect();
        index
    }

    /// The occurrence whose name covers `offset` of `file` (its end
    /// included, where an editor's cursor stands after typing it).
    pub fn at(&self, file: FileId, offset: usize) -> Option<&Occurrence> {
        let offset = offset as u32;
        self.occurrences
            .iter()
            .find(|o| o.span.file == file && o.span.start <= offset && offset <= o.span.end)
    }

    /// What an occurrence names, a member resolved to an endpoint or a pool.
    pub fn kind_of(&self, occurrence: &Occurrence) -> Kind {
        // An endpoint and a pool of the same name are `name-clash`; the
        // check stage reads the member as the endpoint, and so does this.
        occurrence
            .kind
            .unwrap_or(if self.endpoints.contains(&occurrence.name) {
                Kind::Endpoint
            } else {
                Kind::Pool
            })
    }

    /// Every occurrence (definitions and uses) of what `occurrence` names.
    pub fn same<'i>(&'i self, occurrence: &'i Occurrence) -> impl Iterator<Item = &'i Occurrence> {
        let kind = self.kind_of(occurrence);
        // `alias record www A` names the A record of `www` only.
        let types_differ = |o: &Occurrence| matches!((&o.record_type, &occurrence.record_type), (Some(a), Some(b)) if a != b);
        self.occurrences.iter().filter(move |o| {
            o.name == occurrence.name && self.kind_of(o) == kind && !types_differ(o)
        })
    }

    /// The definitions of what `occurrence` names (itself, for a
    /// definition).
    pub fn definitions_of<'i>(
        &'i self,
        occurrence: &'i Occurrence,
    ) -> impl Iterator<Item = &'i Occurrence> {
        self.same(occurrence).filter(|o| o.is_definition())
    }

    /// The names defined of one kind, sorted, each once.
    pub fn names(&self, kind: Kind) -> Vec<&str> {
        let mut names: Vec<&str> = self
            .occurrences
            .iter()
            .filter(|o| o.is_definition() && o.kind == Some(kind))
            .map(|o| o.name.as_str())
            .collect();
        names.sort_unstable();
        names.dedup();
        names
    }

    fn define(&mut self, kind: Kind, name: &Ident, item: Span) {
        self.occurrences.push(Occurrence {
            kind: Some(kind),
            name: name.name.clone(),
            span: name.span,
            item: Some(item),
            record_type: None,
            within: self.within.clone(),
        });
    }

    fn refer(&mut self, kind: Option<Kind>, name: &Ident) {
        self.occurrences.push(Occurrence {
            kind,
            name: name.name.clone(),
            span: name.span,
            item: None,
            record_type: None,
            within: self.within.clone(),
        });
    }

    fn value(&mut self, value: &ValueDef) {
        if let ValueDef::Input(name) = value {
            // The span covers `input.NAME`; the name is its end.
            let start = name.span.end.saturating_sub(name.name.len() as u32);
            let span = Span {
                start: start.max(name.span.start),
                ..name.span
            };
            self.refer(
                Some(Kind::Input),
                &Ident {
                    name: name.name.clone(),
                    span,
                },
            );
        }
    }

    fn values<'v>(&mut self, values: impl IntoIterator<Item = &'v ValueDef>) {
        for v in values {
            self.value(v);
        }
    }

    fn item(&mut self, item: &Item) {
        self.within = match item {
            Item::Zone(z) => format!("zone {}", z.name.value),
            Item::Region(r) => format!("region {}", r.name.name),
            Item::Input(i) => format!("input {}", i.name.name),
            Item::Check(c) => format!("check {}", c.name.name),
            Item::Endpoint(e) => format!("endpoint {}", e.name.name),
            Item::CidrCollection(c) => format!("cidr_collection {}", c.name.name),
            Item::Record(r) => format!("record {} {}", r.name.value, r.record_type.value),
            Item::Pool(p) => format!("pool {}", p.name.name),
        };
        match item {
            Item::Zone(z) => {
                self.values(&z.hosted_zone_id);
                if let Some(private) = &z.private {
                    self.values(private.vpcs.iter().map(|v| &v.id));
                }
            }
            Item::Region(r) => self.define(Kind::Region, &r.name, r.span),
            Item::Input(i) => self.define(Kind::Input, &i.name, i.span),
            Item::Check(c) => {
                self.define(Kind::Check, &c.name, c.span);
                if let Some(ast::Probe { host, .. }) = &c.probe {
                    if let ast::Host::Input { name, .. } = &host.value {
                        self.value(&ValueDef::Input((**name).clone()));
                    }
                }
                self.values(&c.host);
                self.values(c.rare().alarm.as_ref().map(|a| &a.name));
                self.values(c.rare().recovery_control.as_deref());
                if let Some(calculation) = &c.rare().calculation {
                    for child in &calculation.children {
                        self.refer(Some(Kind::Check), child);
                    }
                }
            }
            Item::Endpoint(e) => {
                self.define(Kind::Endpoint, &e.name, e.span);
                if let Some(region) = &e.rare().region {
                    self.refer(Some(Kind::Region), region);
                }
                for list in [&e.a, &e.aaaa].into_iter().flatten() {
                    self.values(list);
                }
                self.values(&e.rare().cname);
                self.values(e.rare().hosted_zone_id.as_deref());
                if let Some(check) = &e.check {
                    self.refer(Some(Kind::Check), check);
                }
                match e.rare().alias.as_ref().map(|a| &a.target) {
                    Some(ast::AliasTargetDef::Aws { target, .. }) => self.values(target),
                    Some(ast::AliasTargetDef::Record { name, record_type }) => {
                        self.occurrences.push(Occurrence {
                            kind: Some(Kind::Record),
                            name: record_key(&name.value),
                            span: name.span,
                            item: None,
                            record_type: record_type.as_ref().map(|t| t.value.to_uppercase()),
                            within: self.within.clone(),
                        })
                    }
                    None => {}
                }
            }
            Item::CidrCollection(c) => self.define(Kind::CidrCollection, &c.name, c.span),
            Item::Record(r) => {
                self.occurrences.push(Occurrence {
                    kind: Some(Kind::Record),
                    name: record_key(&r.name.value),
                    span: r.name.span,
                    item: Some(r.span),
                    record_type: Some(r.record_type.value.to_uppercase()),
                    within: self.within.clone(),
                });
                match &r.value {
                    ast::RecordValue::Plain(values) => self.values(values),
                    ast::RecordValue::Routed(policy) => self.policy(policy),
                }
            }
            Item::Pool(p) => {
                self.define(Kind::Pool, &p.name, p.span);
                self.policy(&p.policy);
            }
        }
    }

    fn policy(&mut self, policy: &Policy) {
        if let Some(check) = policy.check() {
            self.refer(Some(Kind::Check), &check.name);
        }
        match &policy.kind {
            PolicyKind::Endpoint(name) => self.refer(None, name),
            PolicyKind::Failover(members) => {
                for m in members {
                    self.policy(&m.target);
                }
            }
            PolicyKind::Latency(members) => {
                for m in members {
                    if let Some(region) = &m.region {
                        self.refer(Some(Kind::Region), region);
                    }
                    self.policy(&m.target);
                }
            }
            PolicyKind::Geolocation(rules) => {
                for r in rules {
                    self.policy(&r.target);
                }
            }
            PolicyKind::Weighted(members) => {
                for m in members {
                    self.policy(&m.target);
                }
            }
            PolicyKind::Multivalue(members) => {
                for m in members {
                    self.policy(m);
                }
            }
            PolicyKind::Geoproximity(members) => {
                for m in members {
                    if let Some(location) = &m.location {
                        if let ast::GeoproximityLocationDef::Region(region) = &location.value {
                            self.refer(Some(Kind::Region), region);
                        }
                    }
                    self.policy(&m.target);
                }
            }
            PolicyKind::Cidr { collection, rules } => {
                self.refer(Some(Kind::CidrCollection), collection);
                for r in rules {
                    self.policy(&r.target);
                }
            }
        }
    }
}

/// A record's name as `alias record` looks it up: lower case, without a
/// final dot.
fn record_key(name: &str) -> String {
    name.trim_end_matches('.').to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::{Index, Kind};
    use crate::source::FileId;

    fn index(text: &str) -> Index {
        let (file, _) = crate::syntax::parse_file(FileId(0), text);
        Index::new(&[(FileId(0), file)])
    }

    /// The definitions of what is written at the first `at` after `after`.
    fn definition(index: &Index, text: &str, after: &str, at: &str) -> Vec<(Kind, usize)> {
        let offset = text.find(after).expect("after") + after.len();
        let offset = offset + text[offset..].find(at).expect("at");
        let occurrence = index.at(FileId(0), offset).expect("a name there");
        index
            .definitions_of(occurrence)
            .map(|d| (index.kind_of(d), d.span.start as usize))
            .collect()
    }

    #[test]
    fn uses_resolve_to_inputs_pools_endpoints_and_records() {
        let text = "input lb { description \"x\" }\n\
                    endpoint a { alias elb input.lb }\n\
                    endpoint b { a [192.0.2.1] }\n\
                    pool p = failover { primary a  secondary b }\n\
                    record www A = weighted { p 1  b 2 }\n\
                    endpoint w { alias record www A }\n";
        let index = index(text);
        // The input's name inside `input.lb`.
        assert_eq!(
            definition(&index, text, "elb input.", "lb"),
            [(Kind::Input, text.find("lb {").expect("lb"))]
        );
        // A member naming a pool, a member naming an endpoint.
        assert_eq!(
            definition(&index, text, "weighted { ", "p"),
            [(Kind::Pool, text.find("p =").expect("p"))]
        );
        assert_eq!(
            definition(&index, text, "weighted { p 1  ", "b"),
            [(Kind::Endpoint, text.find("endpoint b").expect("b") + 9)]
        );
        assert_eq!(
            definition(&index, text, "alias record ", "www"),
            [(Kind::Record, text.find("www A =").expect("www"))]
        );
        // `b` is used twice and defined once.
        let b = index
            .at(FileId(0), text.find("endpoint b").expect("b") + 9)
            .expect("b");
        assert_eq!(index.same(b).count(), 3);
        assert_eq!(index.names(Kind::Endpoint), ["a", "b", "w"]);
    }
}
