//! `steer fmt`'s printer: a syntax tree ([`crate::syntax::ast::File`]) and
//! its source text → the file in the one canonical layout of
//! docs/formatting.md. It sits beside the syntax stage (it reads the tree,
//! never the IR) and keeps every comment where the tree attached it
//! (src/syntax/comments.rs).
//!
//! Tokens whose spelling carries no choice of layout (numbers, durations,
//! addresses, names, record types) are printed as written, from their
//! spans; strings are re-escaped canonically. Every value goes through
//! [`Token::print`], so a value position that starts to accept another
//! kind of value (`input.NAME`, say) needs no change here beyond the
//! field's type.

mod diff;
pub mod verify;

use crate::source::{Span, Spanned};
use crate::syntax::ast::*;
use rustc_hash::FxHashSet;

/// The file, formatted. `text` is the source the tree was parsed from;
/// the tree must have parsed without errors.
pub fn format_file(file: &File, text: &str) -> String {
    let mut p = Printer {
        text,
        comments: &file.comments,
        used: FxHashSet::default(),
    };
    let items: Vec<Entry> = file.items.iter().map(|item| p.item(item)).collect();
    let top: Vec<&Comment> = file.comments.top_level().collect();
    let mut out = p.entries(0, items, top);
    // Comments the walk above did not place (none are expected): kept at
    // the end rather than lost.
    let rest: Vec<&Comment> = file
        .comments
        .all()
        .iter()
        .filter(|c| !p.used.contains(&c.span.start))
        .collect();
    for c in rest {
        out.push_str(c.text.trim_end());
        out.push('\n');
    }
    out
}

/// The formatted text of one file's source, or `None` when it does not
/// parse (the syntax diagnostics say why; see `steer fmt`).
pub fn format_source(text: &str) -> Option<String> {
    let (file, diagnostics) = crate::syntax::parse_file(crate::source::FileId(0), text);
    if diagnostics.iter().any(|d| d.is_error()) {
        return None;
    }
    Some(format_file(&file, text))
}

/// A value as the printer writes it.
pub trait Token {
    fn print(&self, text: &str) -> String;
}

impl Token for Spanned<String> {
    /// A string re-escaped canonically; a word (a tag key or record name
    /// written bare, an address) as written.
    fn print(&self, text: &str) -> String {
        let raw = slice(text, self.span);
        if raw.starts_with('"') {
            quote(&self.value)
        } else {
            raw.to_string()
        }
    }
}

impl Token for Ident {
    fn print(&self, _: &str) -> String {
        self.name.clone()
    }
}

impl Token for ValueDef {
    fn print(&self, text: &str) -> String {
        match self {
            ValueDef::Literal(s) => s.print(text),
            ValueDef::Input(i) => format!("input.{}", i.name),
        }
    }
}

/// Numbers, durations, booleans and coordinates: as written.
impl<T> Token for Spanned<T>
where
    T: AsWritten,
{
    fn print(&self, text: &str) -> String {
        slice(text, self.span).to_string()
    }
}

/// `(LAT, LON)`, each number as written.
impl Token for Spanned<Coordinates> {
    fn print(&self, text: &str) -> String {
        coordinates(text, &self.value)
    }
}

fn coordinates(text: &str, c: &Coordinates) -> String {
    format!(
        "({}, {})",
        slice(text, c.latitude.span),
        slice(text, c.longitude.span)
    )
}

/// Values printed from their source text.
pub trait AsWritten {}
impl AsWritten for i64 {}
impl AsWritten for Seconds {}
impl AsWritten for bool {}
impl AsWritten for Host {}

fn slice(text: &str, span: Span) -> &str {
    &text[span.start as usize..span.end as usize]
}

/// `"..."` with `\\`, `\"`, `\n`, `\r`, `\t` and `\u{...}` for the other
/// control characters; everything else literally.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// One line-level element of a block: a setting, a member, an item.
/// `text` is rendered for its indentation (lines after the first carry it).
struct Entry {
    start: u32,
    /// Where the node ends: the key its comments are attached by.
    end: u32,
    text: String,
}

const INDENT: &str = "  ";
/// The longest line a block is joined into.
const WIDTH: usize = 80;

struct Printer<'a> {
    text: &'a str,
    comments: &'a Comments,
    /// Comments printed, by start offset.
    used: FxHashSet<u32>,
}

fn at(end: u32) -> Span {
    Span {
        end,
        ..Span::default()
    }
}

impl<'a> Printer<'a> {
    fn t(&self, v: &impl Token) -> String {
        v.print(self.text)
    }

    /// The lines of a block body (or of the file): each entry with
    /// its leading and trailing comments, the owner's inner comments
    /// interleaved by position, blank lines kept (at most one).
    fn entries(&mut self, ind: usize, entries: Vec<Entry>, inner: Vec<&'a Comment>) -> String {
        enum Line<'c> {
            Node(Entry, Vec<&'c Comment>, Option<&'c Comment>),
            Comment(&'c Comment),
        }
        let mut lines: Vec<(u32, u32, Line)> = Vec::new();
        let mut inner: Vec<&Comment> = inner
            .into_iter()
            .filter(|c| !self.used.contains(&c.span.start))
            .collect();
        inner.sort_by_key(|c| c.span.start);
        for c in &inner {
            self.used.insert(c.span.start);
        }
        let mut inner = inner.into_iter().peekable();
        for e in entries {
            // Comments inside the entry that no block of it took (`= # x`
            // before a policy without brackets) go on the lines above it,
            // after its leading ones.
            let leading: Vec<&Comment> = self
                .comments
                .leading(at(e.end))
                .chain(self.comments.inner(at(e.end)))
                .filter(|c| self.used.insert(c.span.start))
                .collect();
            let trailing = self
                .comments
                .trailing(at(e.end))
                .filter(|c| self.used.insert(c.span.start));
            let start = leading.first().map_or(e.start, |c| c.span.start);
            while let Some(c) = inner.next_if(|c| c.span.start < start) {
                lines.push((c.span.start, c.span.end, Line::Comment(c)));
            }
            let end = trailing.map_or(e.end, |c| c.span.end);
            lines.push((start, end, Line::Node(e, leading, trailing)));
        }
        for c in inner {
            lines.push((c.span.start, c.span.end, Line::Comment(c)));
        }
        let pad = INDENT.repeat(ind);
        let mut out = String::new();
        let mut prev_end: Option<u32> = None;
        for (start, end, line) in lines {
            if let Some(prev) = prev_end {
                let gap = &self.text[prev as usize..start as usize];
                // A comment on the same line as the code before it stays there.
                if matches!(line, Line::Comment(_)) && !gap.contains(['\n', '\r']) {
                    if let Line::Comment(c) = line {
                        out.pop();
                        out.push(' ');
                        out.push_str(c.text.trim_end());
                        out.push('\n');
                    }
                    prev_end = Some(end);
                    continue;
                }
                if blank_line(gap) {
                    out.push('\n');
                }
            }
            match line {
                Line::Comment(c) => {
                    out.push_str(&pad);
                    out.push_str(c.text.trim_end());
                }
                Line::Node(e, leading, trailing) => {
                    for c in leading {
                        out.push_str(&pad);
                        out.push_str(c.text.trim_end());
                        out.push('\n');
                    }
                    out.push_str(&pad);
                    out.push_str(&e.text);
                    if let Some(c) = trailing {
                        out.push(' ');
                        out.push_str(c.text.trim_end());
                    }
                }
            }
            out.push('\n');
            prev_end = Some(end);
        }
        out
    }

    /// A `{ ... }` block whose `{` stands at column `col` of a line at
    /// indentation `ind`: on one line (`{ a  b }`) when it has no comment
    /// and no blank line inside, every entry is one line and the line
    /// stays within [`WIDTH`] columns; else one entry per line; `{}` when
    /// empty.
    fn block(&mut self, ind: usize, col: usize, owner_end: u32, entries: Vec<Entry>) -> String {
        let inner: Vec<&'a Comment> = self
            .comments
            .inner(at(owner_end))
            .filter(|c| !self.used.contains(&c.span.start))
            .collect();
        if entries.is_empty() && inner.is_empty() {
            return "{}".to_string();
        }
        if inner.is_empty() && self.flat(&entries) {
            let texts: Vec<&str> = entries.iter().map(|e| e.text.as_str()).collect();
            let line = format!("{{ {} }}", texts.join("  "));
            let apart = entries
                .windows(2)
                .any(|w| blank_line(&self.text[w[0].end as usize..w[1].start as usize]));
            if !apart && col + line.chars().count() <= WIDTH {
                return line;
            }
        }
        let body = self.entries(ind + 1, entries, inner);
        format!("{{\n{body}{}}}", INDENT.repeat(ind))
    }

    /// Every entry is one line and has no comment of its own left to print.
    fn flat(&self, entries: &[Entry]) -> bool {
        entries.iter().all(|e| {
            !e.text.contains('\n')
                && self.comments.leading(at(e.end)).next().is_none()
                && self.comments.trailing(at(e.end)).is_none()
                && self
                    .comments
                    .inner(at(e.end))
                    .all(|c| self.used.contains(&c.span.start))
        })
    }

    /// `[a, b]`, its `[` at column `col`, on one line when every element
    /// is one line, no comment is inside and the line stays within
    /// [`WIDTH`] columns; else one element per line, each followed by a
    /// comma.
    fn list(&mut self, ind: usize, col: usize, owner_end: u32, entries: Vec<Entry>) -> String {
        let has_inner = self
            .comments
            .inner(at(owner_end))
            .any(|c| !self.used.contains(&c.span.start));
        let flat = !has_inner && self.flat(&entries);
        if flat {
            let texts: Vec<&str> = entries.iter().map(|e| e.text.as_str()).collect();
            let line = format!("[{}]", texts.join(", "));
            if col + line.chars().count() <= WIDTH || entries.len() < 2 {
                return line;
            }
        }
        let entries = entries
            .into_iter()
            .map(|mut e| {
                e.text.push(',');
                e
            })
            .collect();
        let inner: Vec<&'a Comment> = self.comments.inner(at(owner_end)).collect();
        let body = self.entries(ind + 1, entries, inner);
        format!("[\n{body}{}]", INDENT.repeat(ind))
    }

    /// A list of values (`[a, b]`); values are not nodes, so comments among
    /// them are the setting's inner comments.
    fn values<T: Token>(
        &mut self,
        ind: usize,
        col: usize,
        owner_end: u32,
        values: &[T],
        span: impl Fn(&T) -> Span,
    ) -> String {
        let entries = values
            .iter()
            .map(|v| {
                let s = span(v);
                Entry {
                    start: s.start,
                    end: s.end,
                    text: self.t(v),
                }
            })
            .collect();
        self.list(ind, col, owner_end, entries)
    }

    fn setting(&self, keyword: &str, value: &impl Token, span: Span) -> Entry {
        Entry {
            start: span.start,
            end: span.end,
            text: format!("{keyword} {}", self.t(value)),
        }
    }

    fn flag(&self, keyword: &str, span: Span) -> Entry {
        Entry {
            start: span.start,
            end: span.end,
            text: keyword.to_string(),
        }
    }

    // ------------------------------------------------------------------
    // items
    // ------------------------------------------------------------------

    fn item(&mut self, item: &Item) -> Entry {
        let span = item.span();
        let text = match item {
            Item::Zone(z) => self.zone(z),
            Item::Region(r) => self.region(r),
            Item::Check(c) => self.check(c),
            Item::Endpoint(e) => self.endpoint(e),
            Item::CidrCollection(c) => self.cidr_collection(c),
            Item::Record(r) => self.record(r),
            Item::Input(i) => self.input(i),
            Item::Pool(p) => self.pool(p),
        };
        Entry {
            start: span.start,
            end: span.end,
            text,
        }
    }

    fn sorted(mut entries: Vec<Entry>) -> Vec<Entry> {
        entries.sort_by_key(|e| e.start);
        entries
    }

    fn zone(&mut self, z: &ZoneDef) -> String {
        // Every field, so that a new one does not compile until printed.
        let ZoneDef {
            name: _,
            has_body: _,
            ttl: _,
            nameservers: _,
            hosted_zone_id: _,
            create: _,
            soa: _,
            private: _,
            tags: _,
            span: _,
        } = z;
        let head = format!("zone {}", self.t(&z.name));
        if !z.has_body {
            return head;
        }
        let mut s = Vec::new();
        if let Some(v) = &z.ttl {
            s.push(self.setting("ttl", v, v.span));
        }
        if let Some(v) = &z.nameservers {
            let text = format!(
                "nameservers {}",
                self.values(1, 14, v.span.end, &v.value, |x| x.span)
            );
            s.push(Entry {
                start: v.span.start,
                end: v.span.end,
                text,
            });
        }
        if let Some(v) = &z.hosted_zone_id {
            s.push(self.setting("hosted_zone_id", v, v.span()));
        }
        if let Some(span) = z.create {
            s.push(self.flag("create", span));
        }
        if let Some(soa) = &z.soa {
            s.push(self.soa(soa));
        }
        if let Some(p) = &z.private {
            let vpcs: Vec<Entry> = p
                .vpcs
                .iter()
                .map(|v| Entry {
                    start: v.span.start,
                    end: v.span.end,
                    text: format!("vpc {} in {}", self.t(&v.id), v.region.name),
                })
                .collect();
            let end = self.close_after(vpcs.last().map_or(p.span.end, |v| v.end));
            let body = self.block(1, 10, end, vpcs);
            s.push(Entry {
                start: p.span.start,
                end,
                text: format!("private {body}"),
            });
        }
        if let Some(t) = &z.tags {
            s.push(self.tags(1, t));
        }
        let body = self.block(0, head.len() + 1, z.span.end, Self::sorted(s));
        format!("{head} {body}")
    }

    fn soa(&mut self, soa: &SoaDef) -> Entry {
        // Every field, so that a new one does not compile until printed.
        let SoaDef {
            email: _,
            serial: _,
            refresh: _,
            retry: _,
            expire: _,
            minimum: _,
            span: _,
        } = soa;
        let mut s = Vec::new();
        if let Some(v) = &soa.email {
            s.push(self.setting("email", v, v.span));
        }
        if let Some(v) = &soa.serial {
            s.push(self.setting("serial", v, v.span));
        }
        for (k, v) in [
            ("refresh", &soa.refresh),
            ("retry", &soa.retry),
            ("expire", &soa.expire),
            ("minimum", &soa.minimum),
        ] {
            if let Some(v) = v {
                s.push(self.setting(k, v, v.span));
            }
        }
        let body = self.block(1, 6, soa.span.end, Self::sorted(s));
        Entry {
            start: soa.span.start,
            end: soa.span.end,
            text: format!("soa {body}"),
        }
    }

    fn tags(&mut self, ind: usize, t: &TagsDef) -> Entry {
        let entries: Vec<Entry> = t
            .entries
            .iter()
            .map(|(k, v)| Entry {
                start: k.span.start,
                end: v.span.end,
                text: format!("{} {}", self.t(k), self.t(v)),
            })
            .collect();
        let end = self.close_after(entries.last().map_or(t.span.end, |e| e.end));
        let body = self.block(ind, ind * 2 + 5, end, entries);
        Entry {
            start: t.span.start,
            end,
            text: format!("tags {body}"),
        }
    }

    /// Where the block whose last part ends at `from` closes: just after
    /// the next closing bracket outside comments.
    fn close_after(&self, from: u32) -> u32 {
        let mut in_comment = false;
        for (i, c) in self.text[from as usize..].char_indices() {
            match c {
                '\n' | '\r' => in_comment = false,
                '#' => in_comment = true,
                '}' | ']' if !in_comment => return from + i as u32 + 1,
                _ => {}
            }
        }
        from
    }

    fn region(&mut self, r: &RegionDef) -> String {
        // Every field, so that a new one does not compile until printed.
        let RegionDef {
            name: _,
            aws: _,
            at: _,
            span: _,
        } = r;
        let mut s = Vec::new();
        if let Some(v) = &r.aws {
            s.push(self.setting("aws", v, v.span));
        }
        if let Some(v) = &r.at {
            s.push(self.setting("at", v, v.span));
        }
        let head = format!("region {}", r.name.name);
        let body = self.block(0, head.len() + 1, r.span.end, Self::sorted(s));
        format!("{head} {body}")
    }

    fn calculation(&mut self, c: &Calculation) -> String {
        let f = match c.function.value {
            CalcFunction::All => "all",
            CalcFunction::Any => "any",
            CalcFunction::AtLeast => "at_least",
        };
        let mut args: Vec<Entry> = Vec::new();
        if let Some(n) = &c.threshold {
            args.push(Entry {
                start: n.span.start,
                end: n.span.end,
                text: self.t(n),
            });
        }
        for child in &c.children {
            args.push(Entry {
                start: child.span.start,
                end: child.span.end,
                text: child.name.clone(),
            });
        }
        let list = self.list(1, 10 + f.len(), c.span.end, args);
        // The list printer's brackets, as parentheses.
        let inner = &list[1..list.len() - 1];
        format!("{f}({inner})")
    }

    fn check(&mut self, c: &CheckDef) -> String {
        // Every field, so that a new one does not compile until printed.
        let CheckDef {
            name: _,
            probe: _,
            port: _,
            path: _,
            host: _,
            every: _,
            unhealthy_after: _,
            measure_latency_at: _,
            rare: _,
            span: _,
        } = c;
        let CheckRare {
            expect: _,
            from: _,
            sni: _,
            inverted: _,
            disabled: _,
            alarm: _,
            insufficient_data: _,
            recovery_control: _,
            calculation: _,
            display_name: _,
            tags: _,
        } = c.rare();
        let mut head = format!("check {}", c.name.name);
        let mut s = Vec::new();
        let mut calc_in_body = None;
        if let Some(calc) = &c.rare().calculation {
            let between = &self.text[c.name.span.end as usize..calc.span.start as usize];
            let text = self.calculation(calc);
            if between.trim() == "=" {
                head = format!("{head} = {text}");
                if calc.span.end == c.span.end {
                    return head;
                }
            } else {
                calc_in_body = Some(Entry {
                    start: calc.span.start,
                    end: calc.span.end,
                    text,
                });
            }
        }
        s.extend(calc_in_body);
        if let Some(p) = &c.probe {
            let proto = match p.protocol {
                Protocol::Http => "http",
                Protocol::Https => "https",
                Protocol::Tcp => "tcp",
            };
            let written = slice(self.text, p.host.span);
            let host = match &p.host.value {
                // `ip input.x` or `input.x`, one space between the words.
                Host::Input { name, address } => {
                    format!("{}input.{}", if *address { "ip " } else { "" }, name.name)
                }
                Host::Name(n) if written.starts_with('"') => quote(n),
                _ => written.to_string(),
            };
            s.push(Entry {
                start: p.span.start,
                end: p.span.end,
                text: format!("{proto} {host}"),
            });
        }
        if let Some(v) = &c.port() {
            s.push(self.setting("port", v, v.span));
        }
        if let Some(v) = &c.path {
            s.push(self.setting("path", v, v.span));
        }
        if let Some(v) = &c.host {
            s.push(self.setting("host", v, v.span()));
        }
        if let Some(v) = &c.every() {
            s.push(self.setting("every", v, v.span));
        }
        if let Some(v) = &c.unhealthy_after() {
            s.push(self.setting("unhealthy_after", v, v.span));
        }
        if let Some(v) = &c.rare().expect {
            s.push(self.setting("expect", v, v.span));
        }
        if let Some(v) = &c.rare().from {
            let ids: Vec<Entry> = v
                .value
                .iter()
                .map(|i| Entry {
                    start: i.span.start,
                    end: i.span.end,
                    text: i.name.clone(),
                })
                .collect();
            let text = format!("from {}", self.list(1, 7, v.span.end, ids));
            s.push(Entry {
                start: v.span.start,
                end: v.span.end,
                text,
            });
        }
        if let Some(span) = c.measure_latency() {
            s.push(self.flag("measure_latency", span));
        }
        if let Some(v) = &c.rare().sni {
            s.push(self.setting("sni", v, v.span));
        }
        if let Some(span) = c.rare().inverted {
            s.push(self.flag("inverted", span));
        }
        if let Some(span) = c.rare().disabled {
            s.push(self.flag("disabled", span));
        }
        if let Some(a) = &c.rare().alarm {
            s.push(Entry {
                start: a.span.start,
                end: a.span.end,
                text: format!("alarm {} in {}", self.t(&a.name), a.region.name),
            });
        }
        if let Some(v) = &c.rare().insufficient_data {
            s.push(self.setting("insufficient_data", &**v, v.span));
        }
        if let Some(v) = &c.rare().recovery_control {
            s.push(self.setting("recovery_control", &**v, v.span()));
        }
        if let Some(v) = &c.rare().display_name {
            s.push(self.setting("name", v, v.span));
        }
        if let Some(t) = &c.rare().tags {
            s.push(self.tags(1, t));
        }
        let body = self.block(0, head.len() + 1, c.span.end, Self::sorted(s));
        format!("{head} {body}")
    }

    fn endpoint(&mut self, e: &EndpointDef) -> String {
        // Every field, so that a new one does not compile until printed.
        let EndpointDef {
            name: _,
            a: _,
            aaaa: _,
            check: _,
            rare: _,
            span: _,
        } = e;
        let EndpointRare {
            region: _,
            cname: _,
            alias: _,
            hosted_zone_id: _,
            evaluate_target_health: _,
        } = e.rare();
        let mut s = Vec::new();
        if let Some(v) = &e.rare().region {
            s.push(self.setting("region", v, v.span));
        }
        for (k, list) in [("a", &e.a), ("aaaa", &e.aaaa)] {
            if let Some(v) = list {
                let span = v.span();
                let text = format!(
                    "{k} {}",
                    self.values(1, 3 + k.len(), span.end, v, |x| x.span())
                );
                s.push(Entry {
                    start: span.start,
                    end: span.end,
                    text,
                });
            }
        }
        if let Some(v) = &e.rare().cname {
            s.push(self.setting("cname", v, v.span()));
        }
        if let Some(a) = &e.rare().alias {
            let text = match &a.target {
                AliasTargetDef::Aws { kind, target } => match target {
                    Some(t) => format!("alias {} {}", kind.name, self.t(t)),
                    None => format!("alias {}", kind.name),
                },
                AliasTargetDef::Record { name, record_type } => match record_type {
                    Some(t) => format!("alias record {} {}", self.t(name), t.value),
                    None => format!("alias record {}", self.t(name)),
                },
            };
            s.push(Entry {
                start: a.span.start,
                end: a.span.end,
                text,
            });
        }
        if let Some(v) = &e.rare().hosted_zone_id {
            s.push(self.setting("hosted_zone_id", &**v, v.span()));
        }
        if let Some(v) = &e.check {
            s.push(self.setting("check", v, v.span));
        }
        if let Some(span) = e.rare().evaluate_target_health {
            s.push(self.flag("evaluate_target_health", span));
        }
        let head = format!("endpoint {}", e.name.name);
        let body = self.block(0, head.len() + 1, e.span.end, Self::sorted(s));
        format!("{head} {body}")
    }

    fn input(&mut self, i: &InputDef) -> String {
        // Every field, so that a new one does not compile until printed.
        let InputDef {
            name: _,
            description: _,
            terraform: _,
            cloudformation_import: _,
            span: _,
        } = i;
        let mut s = Vec::new();
        if let Some(v) = &i.description {
            s.push(self.setting("description", v, v.span));
        }
        if let Some(v) = &i.terraform {
            s.push(self.setting("terraform", v, v.span));
        }
        if let Some(v) = &i.cloudformation_import {
            s.push(self.setting("cloudformation import", v, v.span));
        }
        let head = format!("input {}", i.name.name);
        let body = self.block(0, head.len() + 1, i.span.end, Self::sorted(s));
        format!("{head} {body}")
    }

    fn cidr_collection(&mut self, c: &CidrCollectionDef) -> String {
        let locations = c
            .locations
            .iter()
            .map(|l| {
                let list = self.values(1, 3 + l.name.name.len(), l.span.end, &l.blocks, |b| b.span);
                Entry {
                    start: l.span.start,
                    end: l.span.end,
                    text: format!("{} {list}", l.name.name),
                }
            })
            .collect();
        let head = format!("cidr_collection {}", c.name.name);
        let body = self.block(0, head.len() + 1, c.span.end, locations);
        format!("{head} {body}")
    }

    fn record(&mut self, r: &RecordDef) -> String {
        // Every field, so that a new one does not compile until printed.
        let RecordDef {
            name: _,
            record_type: _,
            value: _,
            ttl: _,
            span: _,
        } = r;
        let head = format!("record {} {}", self.t(&r.name), r.record_type.value);
        let mut out = match &r.value {
            RecordValue::Plain(values) if values.len() == 1 => {
                format!("{head} {}", self.t(&values[0]))
            }
            RecordValue::Plain(values) => {
                format!(
                    "{head} {}",
                    self.values(0, head.len() + 1, r.span.end, values, |v| v.span())
                )
            }
            RecordValue::Routed(p) => {
                format!("{head} = {}", self.policy(0, head.len() + 3, r.span.end, p))
            }
        };
        if let Some(t) = &r.ttl {
            out.push_str(&format!(" ttl {}", self.t(t)));
        }
        out
    }

    fn pool(&mut self, pool: &PoolDef) -> String {
        // Every field, so that a new one does not compile until printed.
        let PoolDef {
            name: _,
            policy: _,
            ttl: _,
            span: _,
        } = pool;
        let head = format!("pool {} = ", pool.name.name);
        let policy = self.policy(0, head.len(), pool.span.end, &pool.policy);
        let mut out = format!("{head}{policy}");
        if let Some(t) = &pool.ttl {
            out.push_str(&format!(" ttl {}", self.t(t)));
        }
        out
    }

    // ------------------------------------------------------------------
    // policies
    // ------------------------------------------------------------------

    /// Where a member ends: its policy, or the last suffix after it.
    fn policy_end(p: &Policy) -> u32 {
        let mut end = p.span.end;
        if let Some(id) = p.set_id() {
            end = end.max(id.span.end);
        }
        if let Some(c) = p.check() {
            end = end.max(c.span.end);
        }
        end
    }

    /// A member that is the endpoint `stay` with nothing after it: the
    /// comma after it is kept, else `stay` would read the next member's
    /// first word as the policy it marks (`primary stay, secondary b`).
    fn ends_with_stay(p: &Policy) -> bool {
        matches!(&p.kind, PolicyKind::Endpoint(n) if n.name == "stay")
            && p.set_id().is_none()
            && p.check().is_none()
    }

    /// [`Self::ends_with_stay`]'s comma, on every member but the last.
    fn keep_commas(mut entries: Vec<Entry>, targets: Vec<&Policy>) -> Vec<Entry> {
        let last = entries.len().saturating_sub(1);
        for (i, (e, p)) in entries.iter_mut().zip(targets).enumerate() {
            if i < last && Self::ends_with_stay(p) {
                e.text.push(',');
            }
        }
        entries
    }

    fn policy_start(p: &Policy) -> u32 {
        p.stay().map_or(p.span.start, |s| s.start.min(p.span.start))
    }

    /// A policy with its `stay` prefix and suffixes, starting at column
    /// `col` of a line at indentation `ind`; `owner_end` names the node
    /// holding comments inside its brackets.
    fn policy(&mut self, ind: usize, col: usize, owner_end: u32, p: &Policy) -> String {
        // Every field, so that a new one does not compile until printed.
        let Policy {
            kind: _,
            span: _,
            extras,
        } = p;
        if let Some(extras) = extras {
            let MemberExtras {
                stay: _,
                set_id: _,
                check: _,
            } = &**extras;
        }
        let mut out = String::new();
        if p.stay().is_some() {
            out.push_str("stay ");
        }
        let col = col + out.len();
        let member_col = (ind + 1) * INDENT.len();
        let body = match &p.kind {
            PolicyKind::Endpoint(name) => name.name.clone(),
            PolicyKind::Failover(members) => {
                let entries = members
                    .iter()
                    .map(|m| {
                        let role = match m.role.value {
                            FailoverRole::Primary => "primary",
                            FailoverRole::Secondary => "secondary",
                        };
                        let end = Self::policy_end(&m.target);
                        let text = format!(
                            "{role} {}",
                            self.policy(ind + 1, member_col + role.len() + 1, end, &m.target)
                        );
                        Entry {
                            start: m.role.span.start,
                            end,
                            text,
                        }
                    })
                    .collect();
                let entries =
                    Self::keep_commas(entries, members.iter().map(|m| &m.target).collect());
                format!("failover {}", self.block(ind, col + 9, owner_end, entries))
            }
            PolicyKind::Latency(members) => {
                let entries = members
                    .iter()
                    .map(|m| {
                        let prefix = m
                            .region
                            .as_ref()
                            .map_or(String::new(), |r| format!("{} => ", r.name));
                        let target =
                            self.policy(ind + 1, member_col + prefix.len(), m.span.end, &m.target);
                        let text = format!("{prefix}{target}");
                        Entry {
                            start: m.span.start,
                            end: m.span.end,
                            text,
                        }
                    })
                    .collect();
                format!("latency {}", self.list(ind, col + 8, owner_end, entries))
            }
            PolicyKind::Geolocation(rules) => {
                let entries = rules
                    .iter()
                    .map(|r| {
                        let loc = match &r.location.value {
                            GeoLocationDef::Continent(c) => format!("continent {}", c.name),
                            GeoLocationDef::Country(c) => format!("country {}", c.name),
                            GeoLocationDef::Subdivision(c) => format!("subdivision {}", c.name),
                            GeoLocationDef::Default => "default".to_string(),
                        };
                        let end = Self::policy_end(&r.target);
                        let text = format!(
                            "{loc} => {}",
                            self.policy(ind + 1, member_col + loc.len() + 4, end, &r.target)
                        );
                        Entry {
                            start: r.location.span.start,
                            end,
                            text,
                        }
                    })
                    .collect();
                let entries = Self::keep_commas(entries, rules.iter().map(|r| &r.target).collect());
                format!(
                    "geolocation {}",
                    self.block(ind, col + 12, owner_end, entries)
                )
            }
            PolicyKind::Weighted(members) => {
                let entries = members
                    .iter()
                    .map(|m| {
                        let end = m.weight.span.end;
                        let text = format!(
                            "{} {}",
                            self.policy(ind + 1, member_col, end, &m.target),
                            self.t(&m.weight)
                        );
                        Entry {
                            start: Self::policy_start(&m.target),
                            end,
                            text,
                        }
                    })
                    .collect();
                format!("weighted {}", self.block(ind, col + 9, owner_end, entries))
            }
            PolicyKind::Multivalue(members) => {
                let entries = members
                    .iter()
                    .map(|m| {
                        // The member node is the policy, without its suffixes.
                        let end = m.span.end;
                        let text = self.policy(ind + 1, member_col, end, m);
                        Entry {
                            start: Self::policy_start(m),
                            end,
                            text,
                        }
                    })
                    .collect();
                format!(
                    "multivalue {}",
                    self.list(ind, col + 11, owner_end, entries)
                )
            }
            PolicyKind::Geoproximity(members) => {
                let entries = members
                    .iter()
                    .map(|m| {
                        let mut text = match &m.location {
                            Some(l) => match &l.value {
                                GeoproximityLocationDef::Region(r) => format!("{} => ", r.name),
                                GeoproximityLocationDef::Coordinates(c) => {
                                    format!("{} => ", coordinates(self.text, c))
                                }
                            },
                            None => String::new(),
                        };
                        let at_col = member_col + text.len();
                        text.push_str(&self.policy(ind + 1, at_col, m.span.end, &m.target));
                        if let Some(b) = &m.bias {
                            text.push_str(&format!(" bias {}", self.t(b)));
                        }
                        Entry {
                            start: m.span.start,
                            end: m.span.end,
                            text,
                        }
                    })
                    .collect();
                format!(
                    "geoproximity {}",
                    self.list(ind, col + 13, owner_end, entries)
                )
            }
            PolicyKind::Cidr { collection, rules } => {
                let entries = rules
                    .iter()
                    .map(|r| {
                        let loc = r
                            .location
                            .as_ref()
                            .map_or("default", |l| l.name.as_str())
                            .to_string();
                        let end = Self::policy_end(&r.target);
                        let text = format!(
                            "{loc} => {}",
                            self.policy(ind + 1, member_col + loc.len() + 4, end, &r.target)
                        );
                        Entry {
                            start: r.location_span.start,
                            end,
                            text,
                        }
                    })
                    .collect();
                {
                    let entries =
                        Self::keep_commas(entries, rules.iter().map(|r| &r.target).collect());
                    let head = format!("cidr {} ", collection.name);
                    let body = self.block(ind, col + head.len(), owner_end, entries);
                    format!("{head}{body}")
                }
            }
        };
        out.push_str(&body);
        if let Some(id) = p.set_id() {
            out.push_str(&format!(" id {}", self.t(id)));
        }
        if let Some(c) = p.check() {
            out.push_str(&format!(" check {}", c.name.name));
            if c.alone.is_some() {
                out.push_str(" alone");
            }
        }
        out
    }
}

/// Whether a gap between two lines holds an empty line.
fn blank_line(gap: &str) -> bool {
    let gap = gap.replace("\r\n", "\n").replace('\r', "\n");
    gap.split('\n')
        .skip(1)
        .take(gap.matches('\n').count().saturating_sub(1))
        .any(|l| l.trim().is_empty())
}

/// A unified diff from `before` to `after`, for `steer fmt --check`
/// (linear however much changed: [`diff`]).
pub fn unified_diff(name: &str, before: &str, after: &str) -> String {
    diff::unified(name, before, after)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_re_escaped_canonically() {
        assert_eq!(quote("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(quote("t\tn\nr\r"), r#""t\tn\nr\r""#);
        assert_eq!(quote("\u{7}café 😀"), "\"\\u{7}café 😀\"");
    }

    #[test]
    fn a_blank_line_is_an_empty_line_between_two_others() {
        assert!(!blank_line(" "));
        assert!(!blank_line("\n  "));
        assert!(blank_line("\n\n  "));
        assert!(blank_line("\r\n  \r\n"));
        assert!(blank_line("\r\r"));
    }

    #[test]
    fn a_block_is_joined_only_when_it_fits() {
        let short = "region r {\n  aws \"eu-west-1\"\n}\n";
        assert_eq!(
            format_source(short).unwrap(),
            "region r { aws \"eu-west-1\" }\n"
        );
        let long = format!("region r {{ aws \"{}\" }}\n", "x".repeat(70));
        assert_eq!(
            format_source(&long).unwrap(),
            format!("region r {{\n  aws \"{}\"\n}}\n", "x".repeat(70))
        );
    }
}
