//! The typed syntax tree: what the user wrote, with a span on every node.
//! Settings that may appear at most once are `Option`s (the builder reports
//! repeats); whether settings make sense together is for `check` to say.
//! Comments are kept beside the items ([`File::comments`]), each attached
//! to the node a printer should put it with.

use crate::source::{Span, Spanned};
pub use crate::vocabulary::{FailoverRole, Protocol};
use rustc_hash::FxHashMap;
use std::net::IpAddr;

pub type Str = Spanned<String>;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

#[derive(Debug, Clone, Default)]
pub struct File {
    pub items: Vec<Item>,
    /// Every `#` comment of the file, each attached to one place.
    pub comments: Comments,
}

// Every variant is boxed: a zone of 100k records has about 300k items,
// and the item vector, grown by doubling while the file is parsed, held
// each at the size of the largest (a record, 336 bytes: 176 MB at the
// peak of parsing, against 5 MB of pointers).
#[derive(Debug, Clone)]
pub enum Item {
    Zone(Box<ZoneDef>),
    Region(Box<RegionDef>),
    Check(Box<CheckDef>),
    Endpoint(Box<EndpointDef>),
    CidrCollection(Box<CidrCollectionDef>),
    Record(Box<RecordDef>),
    Input(Box<InputDef>),
    Pool(Box<PoolDef>),
}

impl Item {
    pub fn span(&self) -> Span {
        match self {
            Item::Zone(z) => z.span,
            Item::Region(r) => r.span,
            Item::Check(c) => c.span,
            Item::Endpoint(e) => e.span,
            Item::CidrCollection(c) => c.span,
            Item::Record(r) => r.span,
            Item::Input(i) => i.span,
            Item::Pool(p) => p.span,
        }
    }
}

/// A duration or plain seconds, as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seconds(pub u64);

/// A value written literally, or `input.NAME`: a value of the surrounding
/// stack (see [`InputDef`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueDef {
    Literal(Str),
    /// The input's name; the span covers `input.NAME`.
    Input(Ident),
}

impl ValueDef {
    /// As written: the literal, or `input.NAME`.
    pub fn written(&self) -> String {
        match self {
            ValueDef::Literal(s) => s.value.clone(),
            ValueDef::Input(i) => format!("input.{}", i.name),
        }
    }

    pub fn span(&self) -> Span {
        match self {
            ValueDef::Literal(s) => s.span,
            ValueDef::Input(i) => i.span,
        }
    }
}

// ----------------------------------------------------------------------------
// input
// ----------------------------------------------------------------------------

/// `input NAME { description "..."  terraform "EXPR"  cloudformation import
/// "EXPORT" }`.
#[derive(Debug, Clone)]
pub struct InputDef {
    pub name: Ident,
    pub description: Option<Str>,
    pub terraform: Option<Str>,
    pub cloudformation_import: Option<Str>,
    pub span: Span,
}

// ----------------------------------------------------------------------------
// zone
// ----------------------------------------------------------------------------

#[derive(Debug, Clone)]
pub struct ZoneDef {
    pub name: Str,
    /// `false` for a bare `zone "x"` line that only says which zone a file's
    /// records belong to.
    pub has_body: bool,
    pub ttl: Option<Spanned<Seconds>>,
    pub nameservers: Option<Spanned<Vec<Str>>>,
    pub hosted_zone_id: Option<ValueDef>,
    pub create: Option<Span>,
    pub soa: Option<SoaDef>,
    /// `private { vpc "..." in REGION ... }`: a private hosted zone.
    pub private: Option<PrivateDef>,
    pub tags: Option<TagsDef>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct PrivateDef {
    pub vpcs: Vec<VpcDef>,
    /// The `private` keyword.
    pub span: Span,
}

/// `vpc "vpc-0abc" in eu-west-1`.
#[derive(Debug, Clone)]
pub struct VpcDef {
    pub id: ValueDef,
    /// An AWS region code, as in `alarm ... in REGION`.
    pub region: Ident,
    pub span: Span,
}

#[derive(Debug, Clone, Default)]
pub struct SoaDef {
    pub email: Option<Str>,
    pub serial: Option<Spanned<i64>>,
    pub refresh: Option<Spanned<Seconds>>,
    pub retry: Option<Spanned<Seconds>>,
    pub expire: Option<Spanned<Seconds>>,
    pub minimum: Option<Spanned<Seconds>>,
    pub span: Span,
}

// ----------------------------------------------------------------------------
// region
// ----------------------------------------------------------------------------

#[derive(Debug, Clone)]
pub struct RegionDef {
    pub name: Ident,
    pub aws: Option<Str>,
    pub at: Option<Spanned<Coordinates>>,
    pub span: Span,
}

/// Latitude and longitude as written, so that precision can be checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coordinates {
    pub latitude: Str,
    pub longitude: Str,
}

// ----------------------------------------------------------------------------
// check
// ----------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Host {
    Name(String),
    Address(IpAddr),
    /// `input.NAME` (a host name) or `ip input.NAME` (an address): which
    /// one is said where it is used, since a target must know it without
    /// the value (Route 53's `IPAddress` or `FullyQualifiedDomainName`).
    /// The name is boxed: inputs are rare, and the host 48 bytes inline.
    Input {
        name: Box<Ident>,
        address: bool,
    },
}

/// `http HOST`, `https HOST`, `tcp HOST`: the statement starts with the
/// protocol keyword, so the keyword's span is not stored
/// ([`Probe::protocol`]).
#[derive(Debug, Clone)]
pub struct Probe {
    pub protocol: Protocol,
    pub host: Spanned<Host>,
    pub span: Span,
}

impl Probe {
    /// The protocol keyword, with its span: the start of the statement.
    pub fn protocol(&self) -> Spanned<Protocol> {
        let start = self.span.start;
        let end = start + self.protocol.keyword().len() as u32;
        Spanned::new(
            self.protocol,
            Span {
                start,
                end,
                ..self.span
            },
        )
    }
}

/// A 64-bit value as written (an integer, [`Seconds`]), with its span, in
/// 20 bytes aligned to 4: a `Spanned<i64>` is 24 bytes and 32 as an
/// `Option`, this 24. The value is kept whole (range checks report it as
/// written); [`Spanned64::get`] gives it back as a `Spanned`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spanned64<T> {
    halves: [u32; 2],
    pub span: Span,
    kind: std::marker::PhantomData<T>,
}

/// What [`Spanned64`] holds: a value that is 64 bits.
pub trait Bits64: Copy {
    fn to_bits(self) -> u64;
    fn from_bits(bits: u64) -> Self;
}

impl Bits64 for i64 {
    fn to_bits(self) -> u64 {
        self as u64
    }
    fn from_bits(bits: u64) -> Self {
        bits as i64
    }
}

impl Bits64 for Seconds {
    fn to_bits(self) -> u64 {
        self.0
    }
    fn from_bits(bits: u64) -> Self {
        Seconds(bits)
    }
}

impl<T: Bits64> Spanned64<T> {
    pub fn get(self) -> Spanned<T> {
        let bits = (u64::from(self.halves[0]) << 32) | u64::from(self.halves[1]);
        Spanned::new(T::from_bits(bits), self.span)
    }
}

impl<T: Bits64> From<Spanned<T>> for Spanned64<T> {
    fn from(v: Spanned<T>) -> Self {
        let bits = v.value.to_bits();
        Spanned64 {
            halves: [(bits >> 32) as u32, bits as u32],
            span: v.span,
            kind: std::marker::PhantomData,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalcFunction {
    All,
    Any,
    AtLeast,
}

#[derive(Debug, Clone)]
pub struct Calculation {
    pub function: Spanned<CalcFunction>,
    /// The N of `at_least(N, ...)`.
    pub threshold: Option<Spanned<i64>>,
    pub children: Vec<Ident>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Alarm {
    pub name: ValueDef,
    pub region: Ident,
    pub span: Span,
}

// A zone has a check per endpoint or so (95k in the 100k kit zone), all
// alive until the check stage is done: a check keeps inline only the
// settings of a probe that most checks write (probe, port, path, host,
// every, unhealthy_after, measure_latency) and the other kinds and rarer
// settings in one box, allocated only when one is written (840 bytes
// before any box, 592 with the kinds boxed, now 296).
#[derive(Debug, Clone)]
pub struct CheckDef {
    pub name: Ident,
    pub probe: Option<Probe>,
    pub port: Option<Spanned64<i64>>,
    pub path: Option<Str>,
    pub host: Option<ValueDef>,
    pub every: Option<Spanned64<Seconds>>,
    pub unhealthy_after: Option<Spanned64<i64>>,
    /// Where the `measure_latency` statement starts: it is the keyword
    /// alone, so its span is known from there ([`CheckDef::measure_latency`];
    /// 8 bytes where a `Span` option is 16).
    pub measure_latency_at: Option<u32>,
    /// Everything else: read with [`CheckDef::rare`].
    pub rare: Option<Box<CheckRare>>,
    pub span: Span,
}

/// The settings of a check that few checks write. The other kinds and
/// the tags are boxed again: a check that writes only `expect` or `name`
/// has a box of 208 bytes, not 488.
#[derive(Debug, Clone, Default)]
pub struct CheckRare {
    pub expect: Option<Str>,
    pub from: Option<Spanned<Vec<Ident>>>,
    pub sni: Option<Spanned<bool>>,
    pub inverted: Option<Span>,
    pub disabled: Option<Span>,
    pub alarm: Option<Box<Alarm>>,
    pub insufficient_data: Option<Box<Ident>>,
    pub recovery_control: Option<Box<ValueDef>>,
    pub calculation: Option<Box<Calculation>>,
    /// `name "..."`: the `Name` tag.
    pub display_name: Option<Str>,
    pub tags: Option<Box<TagsDef>>,
}

static NO_CHECK_RARE: CheckRare = CheckRare {
    expect: None,
    from: None,
    sni: None,
    inverted: None,
    disabled: None,
    alarm: None,
    insufficient_data: None,
    recovery_control: None,
    calculation: None,
    display_name: None,
    tags: None,
};

impl CheckDef {
    pub fn port(&self) -> Option<Spanned<i64>> {
        self.port.map(Spanned64::get)
    }

    pub fn every(&self) -> Option<Spanned<Seconds>> {
        self.every.map(Spanned64::get)
    }

    pub fn unhealthy_after(&self) -> Option<Spanned<i64>> {
        self.unhealthy_after.map(Spanned64::get)
    }

    /// The `measure_latency` statement.
    pub fn measure_latency(&self) -> Option<Span> {
        self.measure_latency_at.map(|start| Span {
            start,
            end: start + "measure_latency".len() as u32,
            ..self.span
        })
    }

    /// The rarer settings (all `None` when none is written).
    pub fn rare(&self) -> &CheckRare {
        self.rare.as_deref().unwrap_or(&NO_CHECK_RARE)
    }

    /// For the builder: the rarer settings, boxed on first use.
    pub fn rare_mut(&mut self) -> &mut CheckRare {
        self.rare.get_or_insert_with(Default::default)
    }
}

/// `tags { KEY "VALUE" ... }`.
#[derive(Debug, Clone)]
pub struct TagsDef {
    pub entries: Vec<(Str, Str)>,
    /// The `tags` keyword.
    pub span: Span,
}

// ----------------------------------------------------------------------------
// endpoint
// ----------------------------------------------------------------------------

#[derive(Debug, Clone)]
pub enum AliasTargetDef {
    /// `alias elb "name"`, `alias cloudfront "d123.cloudfront.net"`, ...
    Aws {
        kind: Ident,
        target: Option<ValueDef>,
    },
    /// `alias record www [A]`: another record of the zone.
    Record {
        name: Str,
        record_type: Option<Spanned<String>>,
    },
}

#[derive(Debug, Clone)]
pub struct AliasDef {
    pub target: AliasTargetDef,
    pub span: Span,
}

// A zone has more endpoints than records (115k in the 100k kit zone), most
// of them an address or two and a check: those are inline, a single
// address without a list allocation ([`AddressList`]), and the rest in one
// box allocated only when written (432 bytes before any box, 320 with the
// alias boxed, now 200).
#[derive(Debug, Clone)]
pub struct EndpointDef {
    pub name: Ident,
    /// Addresses as written, or inputs whose values are addresses.
    pub a: Option<AddressList>,
    pub aaaa: Option<AddressList>,
    pub check: Option<Ident>,
    /// Everything else: read with [`EndpointDef::rare`].
    pub rare: Option<Box<EndpointRare>>,
    pub span: Span,
}

/// The settings of an endpoint that are not addresses or its check. The
/// alias and its hosted zone id are boxed again: a `cname` endpoint (a
/// fifth of the kit zone's) has a box of 120 bytes, not 256.
#[derive(Debug, Clone, Default)]
pub struct EndpointRare {
    pub region: Option<Ident>,
    pub cname: Option<ValueDef>,
    pub alias: Option<Box<AliasDef>>,
    pub hosted_zone_id: Option<Box<ValueDef>>,
    pub evaluate_target_health: Option<Span>,
}

static NO_ENDPOINT_RARE: EndpointRare = EndpointRare {
    region: None,
    cname: None,
    alias: None,
    hosted_zone_id: None,
    evaluate_target_health: None,
};

impl EndpointDef {
    /// The settings other than addresses and check (all `None` when none
    /// is written).
    pub fn rare(&self) -> &EndpointRare {
        self.rare.as_deref().unwrap_or(&NO_ENDPOINT_RARE)
    }

    /// For the builder: the other settings, boxed on first use.
    pub fn rare_mut(&mut self) -> &mut EndpointRare {
        self.rare.get_or_insert_with(Default::default)
    }
}

/// An address list (`a 192.0.2.1`, `a [192.0.2.1, input.eip]`): one
/// address written without brackets is the list itself, kept without an
/// allocation or a span of its own, as most endpoints have it (48 bytes,
/// against 64 for a spanned vector). Reads as a slice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AddressList {
    One(ValueDef),
    /// A bracketed list (`[]` included), or several addresses.
    Many {
        items: Vec<ValueDef>,
        span: Span,
    },
}

impl AddressList {
    /// The whole list as written, brackets included.
    pub fn span(&self) -> Span {
        match self {
            AddressList::One(v) => v.span(),
            AddressList::Many { span, .. } => *span,
        }
    }
}

impl std::ops::Deref for AddressList {
    type Target = [ValueDef];

    fn deref(&self) -> &[ValueDef] {
        match self {
            AddressList::One(v) => std::slice::from_ref(v),
            AddressList::Many { items, .. } => items,
        }
    }
}

impl<'a> IntoIterator for &'a AddressList {
    type Item = &'a ValueDef;
    type IntoIter = std::slice::Iter<'a, ValueDef>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

// ----------------------------------------------------------------------------
// cidr_collection
// ----------------------------------------------------------------------------

#[derive(Debug, Clone)]
pub struct CidrCollectionDef {
    pub name: Ident,
    pub locations: Vec<CidrLocationDef>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct CidrLocationDef {
    pub name: Ident,
    pub blocks: Vec<Str>,
    pub span: Span,
}

// ----------------------------------------------------------------------------
// record
// ----------------------------------------------------------------------------

#[derive(Debug, Clone)]
pub struct RecordDef {
    /// As written: `@`, `www`, `*.dev`, or a quoted (possibly unicode) name.
    pub name: Str,
    pub record_type: Spanned<String>,
    pub value: RecordValue,
    pub ttl: Option<Spanned<Seconds>>,
    pub span: Span,
}

/// `pool NAME = POLICY [ttl T]`: a routing policy defined once and used
/// by its name where a member may name an endpoint.
#[derive(Debug, Clone)]
pub struct PoolDef {
    pub name: Ident,
    pub policy: Policy,
    pub ttl: Option<Spanned<Seconds>>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum RecordValue {
    /// Values in presentation form (`"10 mx1.myshop.com."`, `203.0.113.1`),
    /// or inputs (`input.eip`; the check stage takes them in A, AAAA and
    /// CNAME data only).
    Plain(Vec<ValueDef>),
    Routed(Policy),
}

// ----------------------------------------------------------------------------
// Routing policies
// ----------------------------------------------------------------------------

/// A routing policy, or a member of one (every member is a policy).
///
/// A zone of 100k routed records has about half a million of these, each
/// held inline in its parent's member vector: the node keeps only what
/// most members have (the policy and its span) and boxes the rest.
#[derive(Debug, Clone)]
pub struct Policy {
    pub kind: PolicyKind,
    pub span: Span,
    /// `stay`, `id "..."` and `check NAME` written around this member, in
    /// one box: most members have none of them.
    pub extras: Option<Box<MemberExtras>>,
}

/// The rare parts written around a member.
#[derive(Debug, Clone, Default)]
pub struct MemberExtras {
    /// The `stay` keyword written before this member, if any.
    pub stay: Option<Span>,
    /// `id "..."` written after this member: its chosen set identifier
    /// (the string's span).
    pub set_id: Option<Str>,
    /// `check NAME [alone]` written after this member: the check of this use.
    pub check: Option<UseCheckDef>,
}

impl Policy {
    pub fn new(kind: PolicyKind, span: Span) -> Self {
        Policy {
            kind,
            span,
            extras: None,
        }
    }

    /// The `stay` keyword written before this member, if any.
    pub fn stay(&self) -> Option<Span> {
        self.extras.as_ref().and_then(|x| x.stay)
    }

    /// `id "..."` written after this member, if any.
    pub fn set_id(&self) -> Option<&Str> {
        self.extras.as_ref().and_then(|x| x.set_id.as_ref())
    }

    /// `check NAME [alone]` written after this member, if any.
    pub fn check(&self) -> Option<&UseCheckDef> {
        self.extras.as_ref().and_then(|x| x.check.as_ref())
    }

    /// The rare parts, boxed on first use.
    pub fn extras_mut(&mut self) -> &mut MemberExtras {
        self.extras.get_or_insert_with(Box::default)
    }
}

/// `check NAME` (or `check NAME alone`) after a member.
#[derive(Debug, Clone)]
pub struct UseCheckDef {
    pub name: Ident,
    /// Where `alone` was written: the check replaces evaluate-target-health.
    pub alone: Option<Span>,
    /// The whole suffix, from `check`.
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum PolicyKind {
    Endpoint(Ident),
    Failover(Vec<FailoverMember>),
    Latency(Vec<LatencyMember>),
    Geolocation(Vec<GeoRule>),
    Weighted(Vec<WeightedMember>),
    Multivalue(Vec<Policy>),
    Geoproximity(Vec<GeoproximityMember>),
    /// The collection's name is boxed: CIDR policies are rare, and
    /// inline it would make every policy node 24 bytes larger.
    Cidr {
        collection: Box<Ident>,
        rules: Vec<CidrRule>,
    },
}

impl PolicyKind {
    pub fn keyword(&self) -> &'static str {
        match self {
            PolicyKind::Endpoint(_) => "endpoint",
            PolicyKind::Failover(_) => "failover",
            PolicyKind::Latency(_) => "latency",
            PolicyKind::Geolocation(_) => "geolocation",
            PolicyKind::Weighted(_) => "weighted",
            PolicyKind::Multivalue(_) => "multivalue",
            PolicyKind::Geoproximity(_) => "geoproximity",
            PolicyKind::Cidr { .. } => "cidr",
        }
    }
}

#[derive(Debug, Clone)]
pub struct FailoverMember {
    pub role: Spanned<FailoverRole>,
    pub target: Policy,
}

#[derive(Debug, Clone)]
pub struct LatencyMember {
    /// `frankfurt => ...`: the steer region a nested member answers for.
    pub region: Option<Ident>,
    pub target: Policy,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GeoLocationDef {
    Continent(Ident),
    Country(Ident),
    Subdivision(Ident),
    Default,
}

#[derive(Debug, Clone)]
pub struct GeoRule {
    pub location: Spanned<GeoLocationDef>,
    pub target: Policy,
}

#[derive(Debug, Clone)]
pub struct WeightedMember {
    pub target: Policy,
    pub weight: Spanned<i64>,
}

#[derive(Debug, Clone)]
pub enum GeoproximityLocationDef {
    Region(Ident),
    /// Boxed: two strings, twice a region's name, in every member.
    Coordinates(Box<Coordinates>),
}

#[derive(Debug, Clone)]
pub struct GeoproximityMember {
    pub location: Option<Spanned<GeoproximityLocationDef>>,
    pub target: Policy,
    pub bias: Option<Spanned<i64>>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct CidrRule {
    /// `None` is `default`: clients in no location of the collection.
    pub location: Option<Ident>,
    pub location_span: Span,
    pub target: Policy,
}

// ----------------------------------------------------------------------------
// Comments
// ----------------------------------------------------------------------------

/// A `#` comment: from the `#` to the end of its line, line break excluded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// As written, `#` included.
    pub text: String,
    pub span: Span,
    pub attachment: Attachment,
}

/// Where a comment belongs, for a printer to put it back there.
///
/// The nodes comments attach to are the items, the settings in their
/// blocks, the locations of a CIDR collection and the members of routing
/// policies. A node is named by the byte offset where it ends, because
/// every span the tree keeps for a node ends there, even where the tree
/// keeps only a setting's value (`ttl 60s` is kept as the span of `60s`).
/// Nested nodes that end at the same place share their comments: print
/// them with the outermost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Attachment {
    /// On the lines directly above the node: no blank line between the
    /// comment lines, nor between the last of them and the node.
    Leading(u32),
    /// On the node's last line, after it (a `,` between is allowed).
    Trailing(u32),
    /// Inside the node, but above or after none of its parts: after an
    /// opening bracket on the same line, before a closing one, set apart
    /// by a blank line, or among the values of a list.
    Inner(u32),
    /// Outside every item and attached to none: the file's header, a
    /// comment set apart by blank lines, the end of the file, or a part of
    /// the file that could not be parsed.
    TopLevel,
}

/// The comments of a file in order, and an index from each place to its
/// comments, so that a printer looks each node up once.
#[derive(Debug, Clone, Default)]
pub struct Comments {
    all: Vec<Comment>,
    by_attachment: FxHashMap<Attachment, Vec<u32>>,
}

impl Comments {
    /// `all` must be in source order.
    pub(crate) fn new(all: Vec<Comment>) -> Self {
        let mut by_attachment: FxHashMap<Attachment, Vec<u32>> = FxHashMap::default();
        for (i, comment) in all.iter().enumerate() {
            by_attachment
                .entry(comment.attachment)
                .or_default()
                .push(i as u32);
        }
        Comments { all, by_attachment }
    }

    /// Every comment, in source order.
    pub fn all(&self) -> &[Comment] {
        &self.all
    }

    /// The comment lines directly above the node that `node` ends with.
    pub fn leading(&self, node: Span) -> impl Iterator<Item = &Comment> {
        self.attached(Attachment::Leading(node.end))
    }

    /// The comment after the node on its last line.
    pub fn trailing(&self, node: Span) -> Option<&Comment> {
        self.attached(Attachment::Trailing(node.end)).next()
    }

    /// The comments inside the node that belong to none of its parts.
    pub fn inner(&self, node: Span) -> impl Iterator<Item = &Comment> {
        self.attached(Attachment::Inner(node.end))
    }

    /// The comments outside every item.
    pub fn top_level(&self) -> impl Iterator<Item = &Comment> {
        self.attached(Attachment::TopLevel)
    }

    fn attached(&self, attachment: Attachment) -> impl Iterator<Item = &Comment> {
        self.by_attachment
            .get(&attachment)
            .into_iter()
            .flatten()
            .map(|&i| &self.all[i as usize])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An item is a tag and a pointer, whatever it holds: the item vector
    /// of a large zone costs a few bytes per record while it grows.
    #[test]
    fn an_item_is_a_pointer_wide() {
        assert_eq!(std::mem::size_of::<Item>(), 16);
        assert!(std::mem::size_of::<RecordDef>() > 16 * 8);
    }

    /// A value of [`Spanned64`] comes back whole, to the extremes.
    #[test]
    fn spanned64_keeps_every_value() {
        let span = Span::new(crate::source::FileId(3), 7, 9);
        for v in [i64::MIN, -1, 0, 1, 1 << 32, u32::MAX as i64, i64::MAX] {
            assert_eq!(
                Spanned64::from(Spanned::new(v, span)).get(),
                Spanned::new(v, span)
            );
        }
        for v in [0, 10, u64::MAX] {
            let s = Spanned::new(Seconds(v), span);
            assert_eq!(Spanned64::from(s.clone()).get(), s);
        }
    }

    /// The nodes a large zone has most of keep their rare parts boxed: a
    /// policy node its `id`/`check` suffixes (208 bytes inline), a check
    /// everything but the probe settings most checks write (840 with
    /// nothing boxed), an endpoint everything but its addresses and check
    /// (432). The 100k kit zone has 95k checks and 115k endpoints, all
    /// alive until the check stage has lowered them: each byte of these
    /// two is 0.2 MB at the peak of `steer check` and `build`.
    #[test]
    fn the_commonest_nodes_box_their_rare_parts() {
        let sizes = [
            // A kit zone of 100k records has ~500k policy nodes, each
            // inline in its parent's member vector: every byte here is
            // about half a megabyte of that zone's trees. A member that is
            // an endpoint name or a nested policy needs no box of its own.
            ("Policy", std::mem::size_of::<Policy>(), 64),
            ("PolicyKind", std::mem::size_of::<PolicyKind>(), 40),
            ("FailoverMember", std::mem::size_of::<FailoverMember>(), 80),
            ("WeightedMember", std::mem::size_of::<WeightedMember>(), 88),
            ("GeoRule", std::mem::size_of::<GeoRule>(), 128),
            ("LatencyMember", std::mem::size_of::<LatencyMember>(), 120),
            ("CidrRule", std::mem::size_of::<CidrRule>(), 120),
            (
                "GeoproximityMember",
                std::mem::size_of::<GeoproximityMember>(),
                168,
            ),
            ("CheckDef", std::mem::size_of::<CheckDef>(), 296),
            ("EndpointDef", std::mem::size_of::<EndpointDef>(), 200),
            ("Probe", std::mem::size_of::<Probe>(), 64),
            (
                "AddressList",
                std::mem::size_of::<Option<AddressList>>(),
                48,
            ),
        ];
        for (node, size, most) in sizes {
            assert!(size <= most, "{node} is {size} bytes, more than {most}");
        }
    }
}
