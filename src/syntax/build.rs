//! pest pairs → typed AST. Every statement rule starts with its keyword
//! token, so each builder function skips it and reads the values after.
//! Values that pest accepted lexically but that are still wrong (an escape,
//! a number too large, an address) are diagnosed here with their span,
//! worded by `messages.rs`. When the file has comments, the builder also
//! records where each node they can attach to starts and ends.

use super::ast::*;
use super::{duration, messages, Rule};
use crate::diagnostic::Diagnostic;
use crate::source::{FileId, Span, Spanned};
use pest::iterators::Pair;

pub(super) struct Builder<'t> {
    file: FileId,
    text: &'t str,
    /// Byte offset of the slice pest is currently parsing.
    offset: usize,
    diagnostics: Vec<Diagnostic>,
    /// Start and end of every node a comment can attach to (items,
    /// settings, members); `None` when the file has no comments.
    nodes: Option<Vec<(u32, u32)>>,
}

/// Stores a once-only setting, reporting a repeat with both places.
macro_rules! set_once {
    ($self:ident, $slot:expr, $value:expr, $span:expr, $what:expr) => {{
        let span: Span = $span;
        match &$slot {
            Some(_) => $self.duplicate($what, span),
            // `into`: some slots box what they hold.
            None => $slot = Some($value.into()),
        }
    }};
}

impl<'t> Builder<'t> {
    /// `with_comments`: record the nodes comments attach to.
    pub(super) fn new(file: FileId, text: &'t str, with_comments: bool) -> Self {
        Builder {
            file,
            text,
            offset: 0,
            diagnostics: Vec::new(),
            nodes: with_comments.then(Vec::new),
        }
    }

    /// The diagnostics, and the nodes for [`super::comments::attach`].
    pub(super) fn finish(self) -> (Vec<Diagnostic>, Vec<(u32, u32)>) {
        (self.diagnostics, self.nodes.unwrap_or_default())
    }

    /// Records a node that comments can attach to.
    fn node(&mut self, span: Span) {
        if let Some(nodes) = &mut self.nodes {
            nodes.push((span.start, span.end));
        }
    }

    /// [`Self::node`] for a pair, whose span is only worked out when needed.
    fn node_pair(&mut self, pair: &Pair<Rule>) {
        if self.nodes.is_some() {
            let span = self.span(pair);
            self.node(span);
        }
    }

    /// The pair's span without trailing whitespace and comments: pest
    /// puts the whitespace skipped before a failed optional part (a record's
    /// `ttl`, say) into the enclosing pair.
    fn span(&self, pair: &Pair<Rule>) -> Span {
        let start = pair.as_span().start();
        Span::new(
            self.file,
            self.offset + start,
            self.offset + meaningful_end(pair),
        )
    }

    fn duplicate(&mut self, what: &str, span: Span) {
        // The first occurrence's span is not tracked per setting; the message
        // names the setting, which is enough to find it in one block.
        self.diagnostics
            .push(messages::duplicate_setting(span, what));
    }

    pub(super) fn item(&mut self, pair: Pair<Rule>, offset: usize) -> Option<Item> {
        self.offset = offset;
        self.node_pair(&pair);
        Some(match pair.as_rule() {
            Rule::zone_def => Item::Zone(Box::new(self.zone(pair))),
            Rule::region_def => Item::Region(Box::new(self.region(pair))),
            Rule::check_def => Item::Check(Box::new(self.check(pair))),
            Rule::endpoint_def => Item::Endpoint(Box::new(self.endpoint(pair))),
            Rule::cidr_collection_def => Item::CidrCollection(Box::new(self.cidr_collection(pair))),
            Rule::record_def => Item::Record(Box::new(self.record(pair)?)),
            Rule::input_def => Item::Input(Box::new(self.input(pair))),
            Rule::pool_def => Item::Pool(Box::new(self.pool(pair)?)),
            _ => return None,
        })
    }

    // ------------------------------------------------------------------
    // values
    // ------------------------------------------------------------------

    fn ident(&self, pair: Pair<Rule>) -> Ident {
        Ident {
            name: pair.as_str().to_string(),
            span: self.span(&pair),
        }
    }

    /// Decodes a string literal: `\"`, `\\`, `\n`, `\t`, `\r`, `\u{...}`.
    fn string(&mut self, pair: Pair<Rule>) -> Str {
        let span = self.span(&pair);
        let raw = pair.as_str();
        let inner = &raw[1..raw.len() - 1];
        // Most strings (names, addresses, record data) hold no escape:
        // copied whole rather than a character at a time.
        if !inner.contains('\\') {
            return Spanned::new(inner.to_owned(), span);
        }
        let mut out = String::with_capacity(inner.len());
        let mut chars = inner.char_indices();
        while let Some((i, c)) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            let Some((_, e)) = chars.next() else { break };
            match e {
                '"' => out.push('"'),
                '\\' => out.push('\\'),
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' => out.push('\r'),
                'u' => {
                    let rest = &inner[i + 2..];
                    let decoded = rest
                        .strip_prefix('{')
                        .and_then(|r| r.find('}').map(|end| &r[..end]))
                        .filter(|hex| !hex.is_empty() && hex.len() <= 6)
                        .and_then(|hex| u32::from_str_radix(hex, 16).ok().map(|v| (hex.len(), v)))
                        .and_then(|(len, v)| char::from_u32(v).map(|c| (len, c)));
                    match decoded {
                        Some((len, c)) => {
                            out.push(c);
                            for _ in 0..len + 2 {
                                chars.next();
                            }
                        }
                        None => self.bad_escape(span, i, messages::invalid_unicode_escape),
                    }
                }
                other => self.bad_escape(span, i, |at| messages::unknown_escape(at, other)),
            }
        }
        Spanned::new(out, span)
    }

    /// Reports the escape at byte `at` of the string's contents, worded by
    /// `diagnostic` (which receives the escape's span).
    fn bad_escape(
        &mut self,
        string_span: Span,
        at: usize,
        diagnostic: impl FnOnce(Span) -> Diagnostic,
    ) {
        let start = string_span.start as usize + 1 + at;
        // The escape is the backslash and the character after it.
        let escaped_len = self.text[start + 1..]
            .chars()
            .next()
            .map_or(0, char::len_utf8);
        self.diagnostics.push(diagnostic(Span::new(
            self.file,
            start,
            start + 1 + escaped_len,
        )));
    }

    fn integer(&mut self, pair: Pair<Rule>) -> Spanned<i64> {
        let span = self.span(&pair);
        let value = match pair.as_str().parse::<i64>() {
            Ok(v) => v,
            Err(_) => {
                self.diagnostics
                    .push(messages::number_too_large(span, pair.as_str()));
                i64::MAX
            }
        };
        Spanned::new(value, span)
    }

    fn time(&mut self, pair: Pair<Rule>) -> Spanned<Seconds> {
        use super::duration::Reading;
        let span = self.span(&pair);
        let text = pair.as_str();
        let problem = match duration::read(text) {
            Reading::Seconds(v) => return Spanned::new(Seconds(v), span),
            Reading::TooLong => {
                self.diagnostics
                    .push(messages::duration_too_long(span, text));
                return Spanned::new(Seconds(u64::MAX), span);
            }
            Reading::Negative => messages::negative_duration(span, text),
            Reading::UnknownUnit(unit) => messages::unknown_duration_unit(span, unit),
            Reading::MisspelledUnit(unit, written) => {
                messages::misspelled_duration_unit(span, unit, written)
            }
            Reading::Combined(written) => messages::combined_duration(span, text, written),
            Reading::Fractional(written) => messages::fractional_duration(span, text, written),
        };
        self.diagnostics.push(problem);
        Spanned::new(Seconds(0), span)
    }

    fn coordinates(&mut self, pair: Pair<Rule>) -> Coordinates {
        let mut it = pair.into_inner();
        let lat = it.next().expect("grammar: latitude");
        let lon = it.next().expect("grammar: longitude");
        Coordinates {
            latitude: Spanned::new(lat.as_str().to_string(), self.span(&lat)),
            longitude: Spanned::new(lon.as_str().to_string(), self.span(&lon)),
        }
    }

    /// An address list item, as written (validated by `check`, which knows
    /// whether an IPv4 or IPv6 address is wanted); one address without
    /// brackets is kept without a list ([`AddressList::One`]).
    fn address_list(&mut self, pair: Pair<Rule>) -> AddressList {
        let span = self.span(&pair);
        let mut items = pair.into_inner().map(|p| self.value_def(p));
        match (items.next(), items.next()) {
            (Some(one), None) if one.span() == span => AddressList::One(one),
            (first, second) => {
                let mut all: Vec<ValueDef> = first.into_iter().chain(second).collect();
                all.extend(items);
                AddressList::Many { items: all, span }
            }
        }
    }

    /// A literal (string or bare address) or `input.NAME`.
    fn value_def(&mut self, pair: Pair<Rule>) -> ValueDef {
        match pair.as_rule() {
            Rule::input_ref => ValueDef::Input(self.input_ref(pair)),
            _ => ValueDef::Literal(self.record_value(pair)),
        }
    }

    /// `input.NAME`: the name, with the span of the whole reference.
    fn input_ref(&self, pair: Pair<Rule>) -> Ident {
        let span = self.span(&pair);
        let name = pair.as_str()["input.".len()..].to_string();
        Ident { name, span }
    }

    fn record_value(&mut self, pair: Pair<Rule>) -> Str {
        match pair.as_rule() {
            Rule::string => self.string(pair),
            _ => Spanned::new(pair.as_str().to_string(), self.span(&pair)),
        }
    }

    fn name(&mut self, pair: Pair<Rule>) -> Str {
        self.record_value(pair)
    }

    // ------------------------------------------------------------------
    // items
    // ------------------------------------------------------------------

    fn zone(&mut self, pair: Pair<Rule>) -> ZoneDef {
        let span = self.span(&pair);
        let mut it = pair.into_inner().skip(1);
        let name = self.string(it.next().expect("grammar: zone name"));
        let mut zone = ZoneDef {
            name,
            has_body: false,
            ttl: None,
            nameservers: None,
            hosted_zone_id: None,
            create: None,
            soa: None,
            private: None,
            tags: None,
            span,
        };
        if let Some(body) = it.next() {
            zone.has_body = true;
            for stmt in body.into_inner() {
                let sspan = self.span(&stmt);
                self.node(sspan);
                match stmt.as_rule() {
                    Rule::ttl_stmt => {
                        let v = self.time(value(stmt));
                        set_once!(self, zone.ttl, v, sspan, "ttl")
                    }
                    Rule::nameservers_stmt => {
                        let list = value(stmt);
                        let lspan = self.span(&list);
                        let v: Vec<Str> = list.into_inner().map(|s| self.string(s)).collect();
                        set_once!(
                            self,
                            zone.nameservers,
                            Spanned::new(v, lspan),
                            sspan,
                            "nameservers"
                        )
                    }
                    Rule::hosted_zone_id_stmt => {
                        let v = self.value_def(value(stmt));
                        set_once!(self, zone.hosted_zone_id, v, sspan, "hosted_zone_id")
                    }
                    Rule::create_stmt => set_once!(self, zone.create, sspan, sspan, "create"),
                    Rule::soa_stmt => {
                        let soa = self.soa(stmt);
                        set_once!(self, zone.soa, soa, sspan, "soa")
                    }
                    Rule::private_stmt => {
                        let mut it = stmt.into_inner();
                        let keyword = self.span(&it.next().expect("grammar: private"));
                        let vpcs = it
                            .map(|v| {
                                let vspan = self.span(&v);
                                self.node(vspan);
                                let mut parts = v.into_inner().skip(1);
                                let id = self.value_def(parts.next().expect("grammar: vpc id"));
                                let region = self.ident(parts.nth(1).expect("grammar: region"));
                                VpcDef {
                                    id,
                                    region,
                                    span: vspan,
                                }
                            })
                            .collect();
                        let private = PrivateDef {
                            vpcs,
                            span: keyword,
                        };
                        set_once!(self, zone.private, private, sspan, "private")
                    }
                    Rule::tags_stmt => {
                        let tags = self.tags(stmt);
                        set_once!(self, zone.tags, tags, sspan, "tags")
                    }
                    _ => {}
                }
            }
        }
        zone
    }

    fn soa(&mut self, pair: Pair<Rule>) -> SoaDef {
        let mut soa = SoaDef {
            span: self.span(&pair),
            ..SoaDef::default()
        };
        for stmt in pair.into_inner().skip(1) {
            let sspan = self.span(&stmt);
            self.node(sspan);
            match stmt.as_rule() {
                Rule::soa_email => {
                    let v = self.string(value(stmt));
                    set_once!(self, soa.email, v, sspan, "email")
                }
                Rule::soa_serial => {
                    let v = self.integer(value(stmt));
                    set_once!(self, soa.serial, v, sspan, "serial")
                }
                Rule::soa_refresh => {
                    let v = self.time(value(stmt));
                    set_once!(self, soa.refresh, v, sspan, "refresh")
                }
                Rule::soa_retry => {
                    let v = self.time(value(stmt));
                    set_once!(self, soa.retry, v, sspan, "retry")
                }
                Rule::soa_expire => {
                    let v = self.time(value(stmt));
                    set_once!(self, soa.expire, v, sspan, "expire")
                }
                Rule::soa_minimum => {
                    let v = self.time(value(stmt));
                    set_once!(self, soa.minimum, v, sspan, "minimum")
                }
                _ => {}
            }
        }
        soa
    }

    fn region(&mut self, pair: Pair<Rule>) -> RegionDef {
        let span = self.span(&pair);
        let mut it = pair.into_inner().skip(1);
        let name = self.ident(it.next().expect("grammar: region name"));
        let mut region = RegionDef {
            name,
            aws: None,
            at: None,
            span,
        };
        for stmt in it {
            let sspan = self.span(&stmt);
            self.node(sspan);
            match stmt.as_rule() {
                Rule::aws_stmt => {
                    let v = self.string(value(stmt));
                    set_once!(self, region.aws, v, sspan, "aws")
                }
                Rule::at_stmt => {
                    let c = value(stmt);
                    let cspan = self.span(&c);
                    let v = Spanned::new(self.coordinates(c), cspan);
                    set_once!(self, region.at, v, sspan, "at")
                }
                _ => {}
            }
        }
        region
    }

    fn calculation(&mut self, pair: Pair<Rule>) -> Calculation {
        let span = self.span(&pair);
        let mut it = pair.into_inner();
        let f = it.next().expect("grammar: calc function");
        let function = Spanned::new(
            match f.as_str() {
                "all" => CalcFunction::All,
                "any" => CalcFunction::Any,
                _ => CalcFunction::AtLeast,
            },
            self.span(&f),
        );
        let mut threshold = None;
        let mut children = Vec::new();
        for p in it {
            match p.as_rule() {
                Rule::integer => threshold = Some(self.integer(p)),
                _ => children.push(self.ident(p)),
            }
        }
        Calculation {
            function,
            threshold,
            children,
            span,
        }
    }

    fn check(&mut self, pair: Pair<Rule>) -> CheckDef {
        let span = self.span(&pair);
        let mut it = pair.into_inner().skip(1);
        let name = self.ident(it.next().expect("grammar: check name"));
        let mut c = CheckDef {
            name,
            probe: None,
            port: None,
            path: None,
            host: None,
            every: None,
            unhealthy_after: None,
            measure_latency_at: None,
            rare: None,
            span,
        };
        for part in it {
            match part.as_rule() {
                Rule::calculation => {
                    let calc = self.calculation(part);
                    let cspan = calc.span;
                    self.node(cspan);
                    set_once!(self, c.rare_mut().calculation, calc, cspan, "calculation")
                }
                Rule::check_body => {
                    for stmt in part.into_inner() {
                        self.check_stmt(&mut c, stmt);
                    }
                }
                _ => {}
            }
        }
        c
    }

    fn check_stmt(&mut self, c: &mut CheckDef, stmt: Pair<Rule>) {
        let sspan = self.span(&stmt);
        self.node(sspan);
        match stmt.as_rule() {
            Rule::probe_stmt => {
                let mut it = stmt.into_inner();
                let proto = it.next().expect("grammar: protocol");
                // Its span is the start of the statement's: see `Probe::protocol`.
                let protocol = match proto.as_str() {
                    "http" => Protocol::Http,
                    "https" => Protocol::Https,
                    _ => Protocol::Tcp,
                };
                let host_pair = it.next().expect("grammar: probe host");
                let hspan = self.span(&host_pair);
                let host =
                    match host_pair.as_rule() {
                        Rule::input_ref => Host::Input {
                            name: Box::new(self.input_ref(host_pair)),
                            address: false,
                        },
                        Rule::probe_input_ip => Host::Input {
                            name: Box::new(self.input_ref(
                                host_pair.into_inner().nth(1).expect("grammar: ip input"),
                            )),
                            address: true,
                        },
                        Rule::address => match host_pair.as_str().parse() {
                            Ok(ip) => Host::Address(ip),
                            Err(_) => {
                                self.bad_address(hspan, host_pair.as_str());
                                Host::Name(host_pair.as_str().to_string())
                            }
                        },
                        _ => {
                            let s = self.string(host_pair);
                            match s.value.parse() {
                                Ok(ip) => Host::Address(ip),
                                Err(_) => Host::Name(s.value),
                            }
                        }
                    };
                let probe = Probe {
                    protocol,
                    host: Spanned::new(host, hspan),
                    span: sspan,
                };
                set_once!(self, c.probe, probe, sspan, "http/https/tcp")
            }
            Rule::port_stmt => {
                let v = self.integer(value(stmt));
                set_once!(self, c.port, v, sspan, "port")
            }
            Rule::path_stmt => {
                let v = self.string(value(stmt));
                set_once!(self, c.path, v, sspan, "path")
            }
            Rule::host_stmt => {
                let v = self.value_def(value(stmt));
                set_once!(self, c.host, v, sspan, "host")
            }
            Rule::every_stmt => {
                let v = self.time(value(stmt));
                set_once!(self, c.every, v, sspan, "every")
            }
            Rule::unhealthy_after_stmt => {
                let v = self.integer(value(stmt));
                set_once!(self, c.unhealthy_after, v, sspan, "unhealthy_after")
            }
            Rule::expect_stmt => {
                let v = self.string(value(stmt));
                set_once!(self, c.rare_mut().expect, v, sspan, "expect")
            }
            Rule::from_stmt => {
                let list = value(stmt);
                let lspan = self.span(&list);
                let v: Vec<Ident> = list.into_inner().map(|p| self.ident(p)).collect();
                set_once!(
                    self,
                    c.rare_mut().from,
                    Spanned::new(v, lspan),
                    sspan,
                    "from"
                )
            }
            Rule::measure_latency_stmt => {
                // The statement is the keyword: see `CheckDef::measure_latency`.
                set_once!(
                    self,
                    c.measure_latency_at,
                    sspan.start,
                    sspan,
                    "measure_latency"
                )
            }
            Rule::sni_stmt => {
                let b = value(stmt);
                let v = Spanned::new(b.as_str() == "true", self.span(&b));
                set_once!(self, c.rare_mut().sni, v, sspan, "sni")
            }
            Rule::inverted_stmt => set_once!(self, c.rare_mut().inverted, sspan, sspan, "inverted"),
            Rule::disabled_stmt => set_once!(self, c.rare_mut().disabled, sspan, sspan, "disabled"),
            Rule::alarm_stmt => {
                let mut it = stmt.into_inner().skip(1);
                let name = self.value_def(it.next().expect("grammar: alarm name"));
                let region = self.ident(it.nth(1).expect("grammar: alarm region"));
                let alarm = Alarm {
                    name,
                    region,
                    span: sspan,
                };
                set_once!(self, c.rare_mut().alarm, alarm, sspan, "alarm")
            }
            Rule::insufficient_data_stmt => {
                let v = self.ident(value(stmt));
                set_once!(
                    self,
                    c.rare_mut().insufficient_data,
                    v,
                    sspan,
                    "insufficient_data"
                )
            }
            Rule::recovery_control_stmt => {
                let v = self.value_def(value(stmt));
                set_once!(
                    self,
                    c.rare_mut().recovery_control,
                    v,
                    sspan,
                    "recovery_control"
                )
            }
            Rule::name_stmt => {
                let v = self.string(value(stmt));
                set_once!(self, c.rare_mut().display_name, v, sspan, "name")
            }
            Rule::tags_stmt => {
                let tags = self.tags(stmt);
                set_once!(self, c.rare_mut().tags, tags, sspan, "tags")
            }
            Rule::calculation => {
                let calc = self.calculation(stmt);
                set_once!(self, c.rare_mut().calculation, calc, sspan, "calculation")
            }
            _ => {}
        }
    }

    fn bad_address(&mut self, span: Span, text: &str) {
        self.diagnostics
            .push(messages::not_an_ip_address(span, text));
    }

    fn endpoint(&mut self, pair: Pair<Rule>) -> EndpointDef {
        let span = self.span(&pair);
        let mut it = pair.into_inner().skip(1);
        let name = self.ident(it.next().expect("grammar: endpoint name"));
        let mut e = EndpointDef {
            name,
            a: None,
            aaaa: None,
            check: None,
            rare: None,
            span,
        };
        for stmt in it {
            let sspan = self.span(&stmt);
            self.node(sspan);
            match stmt.as_rule() {
                Rule::region_ref_stmt => {
                    let v = self.ident(value(stmt));
                    set_once!(self, e.rare_mut().region, v, sspan, "region")
                }
                Rule::a_stmt => {
                    let v = self.address_list(value(stmt));
                    set_once!(self, e.a, v, sspan, "a")
                }
                Rule::aaaa_stmt => {
                    let v = self.address_list(value(stmt));
                    set_once!(self, e.aaaa, v, sspan, "aaaa")
                }
                Rule::cname_stmt => {
                    let v = self.value_def(value(stmt));
                    set_once!(self, e.rare_mut().cname, v, sspan, "cname")
                }
                Rule::alias_stmt => {
                    let target = value(stmt);
                    let target = match target.as_rule() {
                        Rule::alias_record => {
                            let mut it = target.into_inner().skip(1);
                            let name = self.name(it.next().expect("grammar: alias record name"));
                            let record_type = it
                                .next()
                                .map(|t| Spanned::new(t.as_str().to_string(), self.span(&t)));
                            AliasTargetDef::Record { name, record_type }
                        }
                        _ => {
                            let mut it = target.into_inner();
                            let kind = self.ident(it.next().expect("grammar: alias kind"));
                            let target = it.next().map(|s| self.value_def(s));
                            AliasTargetDef::Aws { kind, target }
                        }
                    };
                    set_once!(
                        self,
                        e.rare_mut().alias,
                        AliasDef {
                            target,
                            span: sspan
                        },
                        sspan,
                        "alias"
                    )
                }
                Rule::hosted_zone_id_stmt => {
                    let v = self.value_def(value(stmt));
                    set_once!(
                        self,
                        e.rare_mut().hosted_zone_id,
                        v,
                        sspan,
                        "hosted_zone_id"
                    )
                }
                Rule::check_ref_stmt => {
                    let v = self.ident(value(stmt));
                    set_once!(self, e.check, v, sspan, "check")
                }
                Rule::evaluate_target_health_stmt => {
                    set_once!(
                        self,
                        e.rare_mut().evaluate_target_health,
                        sspan,
                        sspan,
                        "evaluate_target_health"
                    )
                }
                _ => {}
            }
        }
        e
    }

    fn input(&mut self, pair: Pair<Rule>) -> InputDef {
        let span = self.span(&pair);
        let mut it = pair.into_inner().skip(1);
        let name = self.ident(it.next().expect("grammar: input name"));
        let mut input = InputDef {
            name,
            description: None,
            terraform: None,
            cloudformation_import: None,
            span,
        };
        for stmt in it {
            let sspan = self.span(&stmt);
            self.node(sspan);
            match stmt.as_rule() {
                Rule::input_description => {
                    let v = self.string(value(stmt));
                    set_once!(self, input.description, v, sspan, "description")
                }
                Rule::input_terraform => {
                    let v = self.string(value(stmt));
                    set_once!(self, input.terraform, v, sspan, "terraform")
                }
                Rule::input_cloudformation => {
                    let v = self.string(stmt.into_inner().nth(2).expect("grammar: export"));
                    set_once!(
                        self,
                        input.cloudformation_import,
                        v,
                        sspan,
                        "cloudformation import"
                    )
                }
                _ => {}
            }
        }
        input
    }

    fn cidr_collection(&mut self, pair: Pair<Rule>) -> CidrCollectionDef {
        let span = self.span(&pair);
        let mut it = pair.into_inner().skip(1);
        let name = self.ident(it.next().expect("grammar: collection name"));
        let locations = it
            .map(|loc| {
                let lspan = self.span(&loc);
                self.node(lspan);
                let mut parts = loc.into_inner();
                let name = self.ident(parts.next().expect("grammar: location name"));
                let blocks = parts
                    .map(|b| Spanned::new(b.as_str().to_string(), self.span(&b)))
                    .collect();
                CidrLocationDef {
                    name,
                    blocks,
                    span: lspan,
                }
            })
            .collect();
        CidrCollectionDef {
            name,
            locations,
            span,
        }
    }

    fn record(&mut self, pair: Pair<Rule>) -> Option<RecordDef> {
        let span = self.span(&pair);
        let mut it = pair.into_inner().skip(1);
        let name = self.name(it.next()?);
        let t = it.next()?;
        let record_type = Spanned::new(t.as_str().to_string(), self.span(&t));
        let v = it.next()?;
        let value = match v.as_rule() {
            Rule::routed => {
                RecordValue::Routed(self.policy_with_id(&mut v.into_inner().peekable()))
            }
            _ => RecordValue::Plain(exact(v.into_inner().map(|p| self.value_def(p)))),
        };
        let ttl = it.next().map(|t| self.time(value_of(t)));
        Some(RecordDef {
            name,
            record_type,
            value,
            ttl,
            span,
        })
    }

    fn pool(&mut self, pair: Pair<Rule>) -> Option<PoolDef> {
        let span = self.span(&pair);
        let mut it = pair.into_inner().skip(1).peekable();
        let name = self.ident(it.next()?);
        let policy = self.policy_with_id(&mut it);
        let ttl = it.next().map(|t| self.time(value_of(t)));
        Some(PoolDef {
            name,
            policy,
            ttl,
            span,
        })
    }

    // ------------------------------------------------------------------
    // policies
    // ------------------------------------------------------------------

    fn policy(&mut self, pair: Pair<Rule>) -> Policy {
        let span = self.span(&pair);
        let rule = pair.as_rule();
        let kind = match rule {
            Rule::stay_policy => {
                let mut it = pair.into_inner().peekable();
                let keyword = self.span(&it.next().expect("grammar: stay"));
                let mut inner = self.policy_with_id(&mut it);
                if let Some(again) = inner.stay() {
                    self.diagnostics.push(messages::duplicate_stay(again));
                }
                inner.extras_mut().stay = Some(keyword);
                return inner;
            }
            Rule::endpoint_ref => {
                PolicyKind::Endpoint(self.ident(pair.into_inner().next().expect("grammar: ident")))
            }
            Rule::failover_policy => {
                PolicyKind::Failover(exact(pair.into_inner().skip(1).map(|m| {
                    self.node_pair(&m);
                    let mut it = m.into_inner().peekable();
                    let role = it.next().expect("grammar: role");
                    let role = Spanned::new(
                        if role.as_rule() == Rule::k_primary {
                            FailoverRole::Primary
                        } else {
                            FailoverRole::Secondary
                        },
                        self.span(&role),
                    );
                    let target = self.policy_with_id(&mut it);
                    FailoverMember { role, target }
                })))
            }
            Rule::latency_policy => {
                PolicyKind::Latency(exact(pair.into_inner().skip(1).map(|m| {
                    let mspan = self.span(&m);
                    self.node(mspan);
                    let mut it = m.into_inner().peekable();
                    let region = match it.peek().map(Pair::as_rule) {
                        Some(Rule::ident) => it.next().map(|p| self.ident(p)),
                        _ => None,
                    };
                    LatencyMember {
                        region,
                        target: self.policy_with_id(&mut it),
                        span: mspan,
                    }
                })))
            }
            Rule::geolocation_policy => {
                PolicyKind::Geolocation(exact(pair.into_inner().skip(1).map(|rule| {
                    self.node_pair(&rule);
                    let mut it = rule.into_inner().peekable();
                    let loc = it.next().expect("grammar: location");
                    let lspan = self.span(&loc);
                    let mut lit = loc.into_inner();
                    let kw = lit.next().expect("grammar: location keyword");
                    let location = match kw.as_rule() {
                        Rule::k_continent => {
                            GeoLocationDef::Continent(self.ident(lit.next().expect("code")))
                        }
                        Rule::k_country => {
                            GeoLocationDef::Country(self.ident(lit.next().expect("code")))
                        }
                        Rule::k_subdivision => {
                            GeoLocationDef::Subdivision(self.ident(lit.next().expect("code")))
                        }
                        _ => GeoLocationDef::Default,
                    };
                    let target = self.policy_with_id(&mut it);
                    GeoRule {
                        location: Spanned::new(location, lspan),
                        target,
                    }
                })))
            }
            Rule::weighted_policy => {
                PolicyKind::Weighted(exact(pair.into_inner().skip(1).map(|m| {
                    self.node_pair(&m);
                    let mut it = m.into_inner().peekable();
                    let target = self.policy_with_id(&mut it);
                    let weight = self.integer(it.next().expect("grammar: weight"));
                    WeightedMember { target, weight }
                })))
            }
            Rule::multivalue_policy => {
                let mut it = pair.into_inner().skip(1).peekable();
                let mut members = Vec::new();
                while let Some(p) = it.peek() {
                    self.node_pair(p);
                    members.push(self.policy_with_id(&mut it));
                }
                members.shrink_to_fit();
                PolicyKind::Multivalue(members)
            }
            Rule::geoproximity_policy => {
                PolicyKind::Geoproximity(exact(pair.into_inner().skip(1).map(|m| {
                    let mspan = self.span(&m);
                    self.node(mspan);
                    let mut location = None;
                    let mut target = None;
                    let mut bias = None;
                    let mut parts = m.into_inner().peekable();
                    while let Some(p) = parts.next() {
                        match p.as_rule() {
                            Rule::coordinates => {
                                let cspan = self.span(&p);
                                location = Some(Spanned::new(
                                    GeoproximityLocationDef::Coordinates(Box::new(
                                        self.coordinates(p),
                                    )),
                                    cspan,
                                ));
                            }
                            Rule::ident => {
                                let id = self.ident(p);
                                location = Some(Spanned::new(
                                    GeoproximityLocationDef::Region(id.clone()),
                                    id.span,
                                ));
                            }
                            Rule::k_bias => bias = parts.next().map(|n| self.integer(n)),
                            Rule::set_id | Rule::use_check => {
                                if let Some(t) = target.as_mut() {
                                    self.attach_suffix(t, p);
                                }
                            }
                            _ => target = Some(self.policy(p)),
                        }
                    }
                    GeoproximityMember {
                        location,
                        target: target.expect("grammar: geoproximity target"),
                        bias,
                        span: mspan,
                    }
                })))
            }
            Rule::cidr_policy => {
                let mut it = pair.into_inner().skip(1);
                let collection = Box::new(self.ident(it.next().expect("grammar: collection")));
                let rules = exact(it.map(|r| {
                    self.node_pair(&r);
                    let mut parts = r.into_inner().peekable();
                    let loc = parts.next().expect("grammar: location");
                    let location_span = self.span(&loc);
                    let location = (loc.as_rule() == Rule::ident).then(|| self.ident(loc));
                    let target = self.policy_with_id(&mut parts);
                    CidrRule {
                        location,
                        location_span,
                        target,
                    }
                }));
                PolicyKind::Cidr { collection, rules }
            }
            _ => unreachable!("grammar: policy rule {rule:?}"),
        };
        Policy::new(kind, span)
    }

    /// `tags { KEY "VALUE" ... }`; a key written as a name is its text.
    fn tags(&mut self, pair: Pair<Rule>) -> TagsDef {
        let mut it = pair.into_inner();
        let span = self.span(&it.next().expect("grammar: tags"));
        let entries = it
            .map(|entry| {
                let espan = self.span(&entry);
                self.node(espan);
                let mut parts = entry.into_inner();
                let k = parts.next().expect("grammar: tag key");
                let key = match k.as_rule() {
                    Rule::string => self.string(k),
                    _ => {
                        let id = self.ident(k);
                        Spanned::new(id.name, id.span)
                    }
                };
                let value = self.string(parts.next().expect("grammar: tag value"));
                (key, value)
            })
            .collect();
        TagsDef { entries, span }
    }

    /// The next policy of `it` with the suffixes written after it
    /// (`id "..."`, `check NAME`), if any.
    fn policy_with_id<'i>(
        &mut self,
        it: &mut std::iter::Peekable<impl Iterator<Item = Pair<'i, Rule>>>,
    ) -> Policy {
        let mut policy = self.policy(it.next().expect("grammar: policy"));
        while let Some(p) = it.next_if(|p| matches!(p.as_rule(), Rule::set_id | Rule::use_check)) {
            self.attach_suffix(&mut policy, p);
        }
        policy
    }

    /// Attaches one member suffix (`set_id` or `use_check`) to `policy`.
    fn attach_suffix(&mut self, policy: &mut Policy, pair: Pair<Rule>) {
        if pair.as_rule() == Rule::set_id {
            let id = self.set_id(pair);
            self.attach_set_id(policy, id);
            return;
        }
        let span = self.span(&pair);
        let mut it = pair.into_inner();
        it.next(); // `check`
        let name = self.ident(it.next().expect("grammar: use_check name"));
        let alone = it.next().map(|k| self.span(&k));
        let check = UseCheckDef { name, alone, span };
        // A `stay` member's inner policy may carry its own, as for `id`.
        if let Some(first) = policy.check() {
            self.diagnostics
                .push(messages::duplicate_use_check(check.span, first.span));
        }
        policy.extras_mut().check = Some(check);
    }

    fn set_id(&mut self, pair: Pair<Rule>) -> Str {
        self.string(value(pair))
    }

    /// A `stay` member's inner policy may carry its own `id`, then the
    /// outer one is a second for the same member.
    fn attach_set_id(&mut self, policy: &mut Policy, id: Str) {
        if let Some(first) = policy.set_id() {
            self.diagnostics
                .push(messages::duplicate_set_id(id.span, first.span));
        }
        policy.extras_mut().set_id = Some(id);
    }
}

/// The items of `it` in a vector of exactly their number. `collect` on an
/// iterator of pest pairs (not `TrustedLen`) reserves at least four, twice
/// what a policy of two members needs; policies are the commonest nodes of
/// a large zone, held in these vectors.
fn exact<T>(it: impl ExactSizeIterator<Item = T>) -> Vec<T> {
    let mut out = Vec::with_capacity(it.len());
    out.extend(it);
    out
}

/// Where a pair's last meaningful character ends (relative to the slice
/// pest parsed): after its last inner pair's own meaningful end, skipping
/// the whitespace and comments pest may have consumed; punctuation such
/// as a closing brace counts. Tokens (no inner pairs) end where they end.
///
/// Only the text after the last inner pair (its tail: punctuation,
/// whitespace and comments, never a string, which is a pair of its own)
/// is read, and the last inner pair's only when the tail holds nothing
/// meaningful: a nested policy's every level read its whole text before
/// (4.7% of `steer check`'s instructions on the kit's zone).
fn meaningful_end(pair: &Pair<Rule>) -> usize {
    let input = pair.get_input();
    // The inner pair being read, once below `pair`: `pair` itself is only
    // cloned when its end is not its own (most pairs end where they end).
    let mut below: Option<Pair<Rule>> = None;
    loop {
        let current = below.as_ref().unwrap_or(pair);
        // Most pairs end here: the skip between tokens ends after the line
        // break that ends a comment, so a pair whose text ends in neither
        // whitespace nor the input's end cannot end in a comment.
        let span = current.as_span();
        let end = span.end();
        if end < input.len() && !span.as_str().ends_with(char::is_whitespace) {
            return end;
        }
        // From the end: `last()` would walk every pair inside.
        let Some(last) = current.clone().into_inner().next_back() else {
            return end;
        };
        let tail_start = last.as_span().end();
        let mut meaningful = None;
        let mut in_comment = false;
        for (i, c) in input[tail_start..end].char_indices() {
            match c {
                '\n' | '\r' => in_comment = false,
                '#' => in_comment = true,
                c if !in_comment && !c.is_whitespace() => meaningful = Some(i + c.len_utf8()),
                _ => {}
            }
        }
        match meaningful {
            Some(at) => return tail_start + at,
            // Whitespace and comments only: the last inner pair ends it.
            None => below = Some(last),
        }
    }
}

/// The value after a statement's keyword.
fn value(stmt: Pair<Rule>) -> Pair<Rule> {
    stmt.into_inner().nth(1).expect("grammar: statement value")
}

fn value_of(stmt: Pair<Rule>) -> Pair<Rule> {
    value(stmt)
}

#[cfg(test)]
mod tests {
    use super::*;
    use pest::Parser;

    /// The definition `meaningful_end` keeps, read off the whole text:
    /// the end of the last character that is neither whitespace nor in a
    /// comment, at or after the last inner pair's meaningful end.
    fn reference(pair: &Pair<Rule>) -> usize {
        let span = pair.as_span();
        let Some(last) = pair.clone().into_inner().last() else {
            return span.end();
        };
        let tail_start = reference(&last);
        let mut end = tail_start;
        let mut in_comment = false;
        for (i, c) in pair.get_input()[tail_start..span.end()].char_indices() {
            match c {
                '\n' | '\r' => in_comment = false,
                '#' => in_comment = true,
                c if !in_comment && !c.is_whitespace() => end = tail_start + i + c.len_utf8(),
                _ => {}
            }
        }
        end
    }

    fn assert_every_pair_agrees(text: &str, what: &str) {
        let Ok(pairs) = super::super::SteerParser::parse(Rule::file, text) else {
            return;
        };
        for pair in pairs.flatten() {
            assert_eq!(
                meaningful_end(&pair),
                reference(&pair),
                "{what}: {:?} at {:?}",
                pair.as_rule(),
                pair.as_span()
            );
        }
    }

    #[test]
    fn meaningful_ends_skip_trailing_whitespace_and_comments_only() {
        let cases = [
            "record www A 192.0.2.1\n# after\n\n",
            "record www A 192.0.2.1 # same line\nrecord x A 192.0.2.2",
            "record www A = failover { primary a # p\n secondary b # s\n } # end\n",
            "record www A = weighted { a 1  stay b 2 }   \n# c",
            "record www A = stay stay a check c alone # why\n",
            "record www A = latency [ a, b, ]\t\r\n# c\r\n",
            "endpoint a { region r  a [192.0.2.1, # one\n 192.0.2.2 # two\n] } # x",
            "zone \"a.com\" { ttl 60 # t\n} # z",
            "check c { https \"h#x\" path \"/#\" } # after a string with #",
            "check c = any(a, b) # calc\n",
        ];
        for text in cases {
            assert_every_pair_agrees(text, text);
        }
    }

    /// Every `.steer` file in the repository, pair by pair.
    #[test]
    fn meaningful_ends_agree_with_their_definition_on_every_file() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut stack = vec![root.join("examples"), root.join("tests")];
        let mut seen = 0;
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "steer") {
                    // Some inputs are not UTF-8 on purpose.
                    if let Ok(text) = std::fs::read_to_string(&path) {
                        assert_every_pair_agrees(&text, &path.display().to_string());
                        seen += 1;
                    }
                }
            }
        }
        assert!(seen > 50, "only {seen} files found");
    }
}
