//! The validated configuration of one zone: what backends consume. Names
//! are resolved, values are typed and in range, defaults are filled in, and
//! everything is in a deterministic (sorted) order that does not depend on
//! the order items were written in. Spans are kept for later diagnostics
//! (a backend may still find a problem, such as a generated-name clash) but
//! are not part of the serialized form, so the IR dump compares equal
//! across reorderings.

use crate::aws::AliasKind;
use crate::source::Span;
pub use crate::vocabulary::{FailoverRole, Protocol};
use petgraph::graph::{DiGraph, NodeIndex};
use serde::Serialize;
use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::sync::Arc;

#[derive(Debug, Clone, Serialize)]
pub struct Config {
    pub zone: Zone,
    /// Every declared input, by name (used or not; see
    /// [`Config::used_inputs`]).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub inputs: BTreeMap<String, Input>,
    pub regions: BTreeMap<String, Region>,
    pub checks: ByName<HealthCheck>,
    pub endpoints: ByName<Endpoint>,
    pub cidr_collections: BTreeMap<String, CidrCollection>,
    /// Reusable pools (`pool NAME = POLICY`), each held once; members
    /// that use one are [`RoutingPolicy::Pool`] and share its node.
    pub pools: BTreeMap<String, Pool>,
    /// Sorted by owner name, then type.
    pub records: Vec<RecordSet>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Zone {
    /// ASCII (punycode) form, lowercase, no trailing dot.
    pub name: String,
    /// As the user wrote it (may be unicode), for comments and messages.
    pub display_name: String,
    /// The default TTL of records that set none.
    pub ttl: u32,
    pub nameservers: Vec<String>,
    pub hosted_zone: HostedZone,
    /// `Some` for a private hosted zone: the VPCs steer associates with it
    /// (only for a zone it creates; empty for an existing one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub private: Option<Vec<Vpc>>,
    /// AWS tags on a zone steer creates.
    #[serde(skip)]
    pub tags: Tags,
    pub soa: Soa,
    #[serde(skip)]
    pub span: Span,
}

/// A value of the surrounding stack (`input NAME { ... }`), which a
/// Terraform target reads from a variable (or a reference), CloudFormation
/// from a parameter (or an export), and the zone and PowerDNS targets need
/// bound (`--set`, `--values`).
#[derive(Debug, Clone, Serialize)]
pub struct Input {
    pub name: String,
    pub description: Option<String>,
    /// `terraform "aws_lb.eu.dns_name"`: a plain traversal (checked), used
    /// instead of a variable.
    pub terraform: Option<String>,
    /// `cloudformation import "Export"`: `Fn::ImportValue` instead of a
    /// parameter.
    pub cloudformation_import: Option<String>,
    /// The value given with `--set` or `--values`, as written there.
    pub value: Option<String>,
    #[serde(skip)]
    pub span: Span,
}

/// A value written in the source, or an input's: targets render the two
/// differently, so the IR says which it is.
///
/// Serialized as the literal itself, `"input.NAME"` for an input without a
/// value, and `{"input": NAME, "value": VALUE}` for one with: consumers of
/// the serialized IR (`diff`'s check fields) read a literal as before.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Value<T> {
    Literal(T),
    /// `input.NAME`, with its value when one was given (validated like a
    /// literal at the place of use). Boxed: few values are inputs, and an
    /// input's name inline made every literal (an IPv4 address of four
    /// bytes) 32 to 48 bytes.
    Input(Box<InputValue<T>>),
}

/// An input used as a value: its name, and its value when one was given.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct InputValue<T> {
    pub name: String,
    pub bound: Option<T>,
}

impl<T> Value<T> {
    /// The literal, or the input's value when it has one.
    pub fn bound(&self) -> Option<&T> {
        match self {
            Value::Literal(v) => Some(v),
            Value::Input(i) => i.bound.as_ref(),
        }
    }

    /// The value written in the source, if this is not an input.
    pub fn literal(&self) -> Option<&T> {
        match self {
            Value::Literal(v) => Some(v),
            Value::Input(_) => None,
        }
    }

    /// The input `name`, with its value `bound` when it has one.
    pub fn of_input(name: &str, bound: Option<T>) -> Self {
        Value::Input(Box::new(InputValue {
            name: name.to_string(),
            bound,
        }))
    }

    /// An input without a value.
    pub fn unbound(name: &str) -> Self {
        Value::of_input(name, None)
    }

    /// The literal, or the input's value when it has one, by value.
    pub fn into_bound(self) -> Option<T> {
        match self {
            Value::Literal(v) => Some(v),
            Value::Input(i) => i.bound,
        }
    }

    /// The input's name, if this is one.
    pub fn input(&self) -> Option<&str> {
        match self {
            Value::Literal(_) => None,
            Value::Input(i) => Some(&i.name),
        }
    }
}

impl<T: Serialize> Serialize for Value<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        match self {
            Value::Literal(v) => v.serialize(s),
            Value::Input(i) => match &i.bound {
                None => s.serialize_str(&format!("input.{}", i.name)),
                Some(v) => {
                    let mut map = s.serialize_map(Some(2))?;
                    map.serialize_entry("input", &i.name)?;
                    map.serialize_entry("value", v)?;
                    map.end()
                }
            },
        }
    }
}

/// As the enum with the input inline printed (`Input { name, bound }`).
impl<T: std::fmt::Debug> std::fmt::Debug for Value<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Literal(v) => f.debug_tuple("Literal").field(v).finish(),
            Value::Input(i) => f
                .debug_struct("Input")
                .field("name", &i.name)
                .field("bound", &i.bound)
                .finish(),
        }
    }
}

/// For people: the value, or `input.NAME` when it has none.
impl<T: std::fmt::Display> std::fmt::Display for Value<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Literal(v) => v.fmt(f),
            Value::Input(i) => match &i.bound {
                Some(v) => v.fmt(f),
                None => write!(f, "input.{}", i.name),
            },
        }
    }
}

/// A VPC a private hosted zone answers in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Vpc {
    pub id: Value<String>,
    /// An AWS region code from Route 53's `VPCRegion` list.
    pub region: String,
}

/// `vpc-0a1b2c3d (eu-west-1)`: how explain and diff name a VPC.
impl std::fmt::Display for Vpc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.id, self.region)
    }
}

/// How a Route 53 target finds the hosted zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "id")]
pub enum HostedZone {
    /// Look the zone up by name (Terraform data source, CloudFormation
    /// `HostedZoneName`).
    ByName,
    /// An existing zone whose id the user gave (or an input).
    Id(Value<String>),
    /// The target creates the zone.
    Create,
}

#[derive(Debug, Clone, Serialize)]
pub struct Soa {
    /// The responsible mailbox in SOA form (`hostmaster.myshop.com`).
    pub rname: String,
    /// `None`: the zone target chooses (see docs/targets.md).
    pub serial: Option<u32>,
    pub refresh: u32,
    pub retry: u32,
    pub expire: u32,
    pub minimum: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct Region {
    pub name: String,
    /// AWS region code, e.g. `eu-west-1`.
    pub aws: Option<String>,
    pub coordinates: Option<Coordinates>,
    #[serde(skip)]
    pub span: Span,
}

/// Route 53 wants coordinates as decimal strings with at most two decimals;
/// they are kept as written (normalized) so output is exact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coordinates {
    pub latitude: String,
    pub longitude: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct HealthCheck {
    pub name: String,
    pub kind: HealthCheckKind,
    pub inverted: bool,
    pub disabled: bool,
    /// AWS tags written for the check, without a `Name` tag equal to the
    /// check's name: nearly every check has just that tag, which
    /// [`HealthCheck::tags`] derives (one allocation less per check).
    #[serde(skip)]
    pub written_tags: Tags,
    #[serde(skip)]
    pub span: Span,
}

impl HealthCheck {
    /// AWS tags, by key: `Name` (the console's name; the steer name unless
    /// `name` says otherwise) and the `tags` block's.
    pub fn tags(&self) -> impl Iterator<Item = (&str, &str)> {
        self.written_tags.with_name(&self.name)
    }

    /// The tag `key`'s value.
    pub fn tag(&self, key: &str) -> Option<&str> {
        self.tags().find(|(k, _)| *k == key).map(|(_, v)| v)
    }
}

/// AWS tags of one resource, sorted by key (keys are unique). A boxed
/// slice, not a map: nearly every health check has just its `Name` tag,
/// and a map's first node is ten times the size of that one pair.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tags(Box<[(String, String)]>);

impl Tags {
    /// The tags of `pairs`, whose keys are unique.
    pub fn from_unique(mut pairs: Vec<(String, String)>) -> Self {
        pairs.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        debug_assert!(pairs.windows(2).all(|w| w[0].0 != w[1].0));
        Tags(pairs.into_boxed_slice())
    }

    /// (key, value) pairs in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// (key, value) pairs in key order, with `Name` = `name` when no
    /// `Name` is held.
    pub fn with_name<'a>(&'a self, name: &'a str) -> impl Iterator<Item = (&'a str, &'a str)> {
        let at = self.0.partition_point(|(k, _)| k.as_str() < "Name");
        let held = self.0.get(at).is_some_and(|(k, _)| k == "Name");
        let pair = |(k, v): &'a (String, String)| (k.as_str(), v.as_str());
        let (before, after) = self.0.split_at(at);
        before
            .iter()
            .map(pair)
            .chain((!held).then_some(("Name", name)))
            .chain(after.iter().map(pair))
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .binary_search_by(|(k, _)| k.as_str().cmp(key))
            .ok()
            .map(|i| self.0[i].1.as_str())
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The health checks or the endpoints of a zone, by name: a boxed slice
/// sorted by name, and a hash index of positions for lookups. Reads like
/// the `BTreeMap<String, T>` it replaces (`get`, `[name]`, `iter`, `keys`,
/// `values`), in the same order; the name is the value's own, so it is
/// held once, and a 100k-record zone's 200k definitions take no tree
/// nodes (half-full nodes with the values inline were a tenth of `steer
/// check`'s peak memory). Lookups hash rather than search: every reference
/// of every record is looked up several times (check, the plan, the zone
/// target), and a binary search over 100k names was a cache miss per step
/// (log n of them), which made lookups a growing share of the time as zones
/// grew.
#[derive(Clone)]
pub struct ByName<T> {
    values: Box<[T]>,
    /// Positions in `values`, hashed by their value's name.
    index: hashbrown::HashTable<u32>,
}

/// A value that [`ByName`] keeps by its name.
pub trait Named {
    fn name(&self) -> &String;
}

impl Named for HealthCheck {
    fn name(&self) -> &String {
        &self.name
    }
}

impl Named for Endpoint {
    fn name(&self) -> &String {
        &self.name
    }
}

impl<T> Default for ByName<T> {
    fn default() -> Self {
        ByName {
            values: Box::default(),
            index: hashbrown::HashTable::new(),
        }
    }
}

impl<T: PartialEq> PartialEq for ByName<T> {
    fn eq(&self, other: &Self) -> bool {
        // The index follows from the values.
        self.values == other.values
    }
}

impl<T: Eq> Eq for ByName<T> {}

fn name_hash(name: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(name)
}

impl<T: Named> ByName<T> {
    /// The values of `items`, whose names are unique, by name.
    pub fn from_unique(mut items: Vec<T>) -> Self {
        items.sort_unstable_by(|a, b| a.name().cmp(b.name()));
        debug_assert!(items.windows(2).all(|w| w[0].name() != w[1].name()));
        let values = items.into_boxed_slice();
        let mut index = hashbrown::HashTable::with_capacity(values.len());
        for (i, v) in values.iter().enumerate() {
            let i = u32::try_from(i).expect("fewer than 2^32 checks or endpoints");
            index.insert_unique(name_hash(v.name()), i, |&j| {
                name_hash(values[j as usize].name())
            });
        }
        ByName { values, index }
    }

    pub fn get<Q: AsRef<str> + ?Sized>(&self, name: &Q) -> Option<&T> {
        self.get_key_value(name).map(|(_, v)| v)
    }

    pub fn get_key_value<Q: AsRef<str> + ?Sized>(&self, name: &Q) -> Option<(&String, &T)> {
        let name = name.as_ref();
        let &i = self
            .index
            .find(name_hash(name), |&i| self.values[i as usize].name() == name)?;
        let v = &self.values[i as usize];
        Some((v.name(), v))
    }

    pub fn contains_key<Q: AsRef<str> + ?Sized>(&self, name: &Q) -> bool {
        self.get(name).is_some()
    }

    /// (name, value) pairs in name order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&String, &T)> + ExactSizeIterator {
        self.values.iter().map(|v| (v.name(), v))
    }

    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &String> + ExactSizeIterator {
        self.values.iter().map(T::name)
    }
}

impl<T> ByName<T> {
    /// The values in name order.
    pub fn values(&self) -> std::slice::Iter<'_, T> {
        self.values.iter()
    }

    pub fn len(&self) -> usize {
        self.values.len()
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }
}

impl<T: Named, Q: AsRef<str> + ?Sized> std::ops::Index<&Q> for ByName<T> {
    type Output = T;

    fn index(&self, name: &Q) -> &T {
        self.get(name).expect("no entry of that name")
    }
}

impl<'a, T: Named> IntoIterator for &'a ByName<T> {
    type Item = (&'a String, &'a T);
    type IntoIter = std::iter::Map<std::slice::Iter<'a, T>, fn(&'a T) -> (&'a String, &'a T)>;

    fn into_iter(self) -> Self::IntoIter {
        self.values.iter().map(|v| (v.name(), v))
    }
}

impl<T: Named + std::fmt::Debug> std::fmt::Debug for ByName<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

/// Serialized as the map it reads like.
impl<T: Named + Serialize> Serialize for ByName<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

/// An optional value that is nearly always absent (a set identifier or a
/// check written after a member): boxed, so that its absence takes one
/// word in every policy node instead of the value's size. Reads like the
/// `Option<T>` it replaces (`as_ref`, `iter`, `is_some`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rare<T>(Option<Box<T>>);

impl<T> Default for Rare<T> {
    fn default() -> Self {
        Rare(None)
    }
}

impl<T> From<Option<T>> for Rare<T> {
    fn from(v: Option<T>) -> Self {
        Rare(v.map(Box::new))
    }
}

impl<T> Rare<T> {
    pub fn as_ref(&self) -> Option<&T> {
        self.0.as_deref()
    }

    pub fn iter(&self) -> std::option::IntoIter<&T> {
        self.as_ref().into_iter()
    }

    pub fn is_some(&self) -> bool {
        self.0.is_some()
    }

    pub fn is_none(&self) -> bool {
        self.0.is_none()
    }
}

impl<T: Serialize> Serialize for Rare<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.as_ref().serialize(s)
    }
}

/// What a multivalue policy's members have written after them, by endpoint
/// name: sorted by name, boxed, and absent when empty (as on every other
/// node: one word where a map is three). Reads like the `BTreeMap<String,
/// T>` it replaces.
#[derive(Debug, Clone, PartialEq, Eq)]
// Boxed vector on purpose: one word in every node, the vector's three only
// in the rare multivalue node that has pairs.
#[allow(clippy::box_collection)]
pub struct MemberMap<T>(Option<Box<Vec<(String, T)>>>);

impl<T> Default for MemberMap<T> {
    fn default() -> Self {
        MemberMap(None)
    }
}

impl<T> From<BTreeMap<String, T>> for MemberMap<T> {
    fn from(map: BTreeMap<String, T>) -> Self {
        let pairs: Vec<(String, T)> = map.into_iter().collect();
        MemberMap((!pairs.is_empty()).then(|| Box::new(pairs)))
    }
}

impl<T> MemberMap<T> {
    fn pairs(&self) -> &[(String, T)] {
        self.0.as_deref().map_or(&[], Vec::as_slice)
    }

    pub fn get<Q: AsRef<str> + ?Sized>(&self, name: &Q) -> Option<&T> {
        let name = name.as_ref();
        let pairs = self.pairs();
        pairs
            .binary_search_by(|(k, _)| k.as_str().cmp(name))
            .ok()
            .map(|i| &pairs[i].1)
    }

    pub fn contains_key<Q: AsRef<str> + ?Sized>(&self, name: &Q) -> bool {
        self.get(name).is_some()
    }

    /// (name, value) pairs in name order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &T)> {
        self.pairs().iter().map(|(k, v)| (k, v))
    }

    pub fn values(&self) -> impl Iterator<Item = &T> {
        self.pairs().iter().map(|(_, v)| v)
    }

    pub fn len(&self) -> usize {
        self.pairs().len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }
}

impl<T: Serialize> Serialize for MemberMap<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HealthCheckKind {
    Endpoint(EndpointProbe),
    Calculated {
        /// Sorted names of the child checks.
        children: Vec<String>,
        /// How many children must be healthy.
        threshold: u32,
    },
    CloudWatchAlarm {
        alarm_name: Value<String>,
        region: String,
        insufficient_data: InsufficientData,
    },
    RecoveryControl {
        routing_control_arn: Value<String>,
    },
}

#[derive(Debug, Clone)]
pub struct EndpointProbe {
    pub protocol: Protocol,
    /// The address probed (`https 192.0.2.1`, `https ip input.eip`).
    pub ip_address: Option<Value<IpAddr>>,
    /// The host name probed, or the Host header/SNI name when probing an
    /// IP; ASCII, no trailing dot.
    pub fqdn: Option<Value<String>>,
    pub port: u16,
    pub resource_path: Option<Box<str>>,
    /// 10 or 30.
    pub request_interval: u32,
    pub failure_threshold: u32,
    pub measure_latency: bool,
    /// Only meaningful for HTTPS; Route 53's default is on.
    pub enable_sni: bool,
    /// What few checks set: one word when none is (see
    /// [`EndpointProbe::search_string`], [`EndpointProbe::regions`]).
    pub rare: Rare<ProbeExtras>,
}

/// The rarely set parts of an [`EndpointProbe`], boxed together.
#[derive(Debug, Clone, Default)]
pub struct ProbeExtras {
    /// `HTTP_STR_MATCH` etc. when set.
    pub search_string: Option<String>,
    /// Checker regions; empty means Route 53's default (all of them).
    pub regions: Vec<String>,
}

impl ProbeExtras {
    /// The extras, `None` when nothing is set.
    pub fn some(self) -> Option<Self> {
        (self.search_string.is_some() || !self.regions.is_empty()).then_some(self)
    }
}

impl EndpointProbe {
    /// `HTTP_STR_MATCH` etc. when set.
    pub fn search_string(&self) -> Option<&str> {
        self.rare.as_ref()?.search_string.as_deref()
    }

    /// Checker regions; empty means Route 53's default (all of them).
    pub fn regions(&self) -> &[String] {
        self.rare.as_ref().map_or(&[], |r| &r.regions)
    }
}

/// Serialized with its fields in the order they had when all were inline
/// (`diff` compares checks by these fields, in this order).
impl Serialize for EndpointProbe {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("EndpointProbe", 11)?;
        st.serialize_field("protocol", &self.protocol)?;
        st.serialize_field("search_string", &self.search_string())?;
        st.serialize_field("ip_address", &self.ip_address)?;
        st.serialize_field("fqdn", &self.fqdn)?;
        st.serialize_field("port", &self.port)?;
        st.serialize_field("resource_path", &self.resource_path)?;
        st.serialize_field("request_interval", &self.request_interval)?;
        st.serialize_field("failure_threshold", &self.failure_threshold)?;
        st.serialize_field("regions", self.regions())?;
        st.serialize_field("measure_latency", &self.measure_latency)?;
        st.serialize_field("enable_sni", &self.enable_sni)?;
        st.end()
    }
}

impl HealthCheckKind {
    /// The inputs this check uses: its alarm name, routing control ARN,
    /// or probed address, host name or Host header.
    pub fn inputs(&self) -> Vec<&str> {
        match self {
            HealthCheckKind::CloudWatchAlarm { alarm_name, .. } => {
                alarm_name.input().into_iter().collect()
            }
            HealthCheckKind::RecoveryControl {
                routing_control_arn,
            } => routing_control_arn.input().into_iter().collect(),
            HealthCheckKind::Endpoint(p) => {
                let ip = p.ip_address.as_ref().and_then(Value::input);
                ip.into_iter()
                    .chain(p.fqdn.as_ref().and_then(Value::input))
                    .collect()
            }
            HealthCheckKind::Calculated { .. } => Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InsufficientData {
    Healthy,
    Unhealthy,
    LastKnownStatus,
}

#[derive(Debug, Clone)]
pub struct Endpoint {
    pub name: String,
    pub answer: Answer,
    pub health_check: Option<Box<str>>,
    /// What few endpoints set: one word when none is (see
    /// [`Endpoint::region`], [`Endpoint::aws_region`],
    /// [`Endpoint::evaluate_target_health`]).
    pub rare: Rare<EndpointExtras>,
    pub span: Span,
}

/// The rarely set parts of an [`Endpoint`], boxed together.
#[derive(Debug, Clone, Default)]
pub struct EndpointExtras {
    /// The steer region's name.
    pub region: Option<String>,
    /// The AWS region code of that region (or inferred from an alias target).
    pub aws_region: Option<String>,
    /// Where `evaluate_target_health` was written.
    pub evaluate_target_health: Option<Span>,
}

impl EndpointExtras {
    /// The extras, `None` when nothing is set.
    pub fn some(self) -> Option<Self> {
        let set = self.region.is_some()
            || self.aws_region.is_some()
            || self.evaluate_target_health.is_some();
        set.then_some(self)
    }
}

impl Endpoint {
    /// The steer region's name.
    pub fn region(&self) -> Option<&str> {
        self.rare.as_ref()?.region.as_deref()
    }

    /// The AWS region code of that region (or inferred from an alias target).
    pub fn aws_region(&self) -> Option<&str> {
        self.rare.as_ref()?.aws_region.as_deref()
    }

    /// Where `evaluate_target_health` was written.
    pub fn evaluate_target_health(&self) -> Option<Span> {
        self.rare.as_ref()?.evaluate_target_health
    }
}

/// Serialized with its fields in the order they had when all were inline;
/// `evaluate_target_health` as a flag.
impl Serialize for Endpoint {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Endpoint", 6)?;
        st.serialize_field("name", &self.name)?;
        st.serialize_field("region", &self.region())?;
        st.serialize_field("aws_region", &self.aws_region())?;
        st.serialize_field("answer", &self.answer)?;
        st.serialize_field("health_check", &self.health_check)?;
        let eth = self.evaluate_target_health().is_some();
        st.serialize_field("evaluate_target_health", &eth)?;
        st.end()
    }
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// Sorted: literals, then inputs (an Elastic IP) by name.
    Addresses {
        v4: Box<[Value<Ipv4Addr>]>,
        v6: Box<[Value<Ipv6Addr>]>,
    },
    /// Absolute target name, ASCII, no trailing dot (or an input's).
    Cname(Value<String>),
    /// Boxed: most endpoints answer with addresses, and an alias target
    /// inline would make every endpoint its size.
    Alias(Box<AliasTarget>),
}

impl Answer {
    /// The alias target, if this answer is one.
    pub fn alias(&self) -> Option<&AliasTarget> {
        match self {
            Answer::Alias(alias) => Some(alias),
            _ => None,
        }
    }

    /// The inputs this answer uses: addresses, a CNAME target, an alias
    /// target's name or hosted-zone id.
    pub fn inputs(&self) -> Vec<&str> {
        match self {
            Answer::Alias(alias) => alias
                .dns_name
                .input()
                .into_iter()
                .chain(alias.hosted_zone_id.as_ref().and_then(Value::input))
                .collect(),
            Answer::Addresses { v4, v6 } => v4
                .iter()
                .filter_map(Value::input)
                .chain(v6.iter().filter_map(Value::input))
                .collect(),
            Answer::Cname(target) => target.input().into_iter().collect(),
        }
    }

    /// Whether this answer can stand for a record of the given type.
    pub fn serves(&self, record_type: RecordType) -> bool {
        match (self, record_type) {
            (Answer::Addresses { v4, .. }, RecordType::A) => !v4.is_empty(),
            (Answer::Addresses { v6, .. }, RecordType::Aaaa) => !v6.is_empty(),
            (Answer::Cname(_), RecordType::Cname) => true,
            (Answer::Alias(a), t) => match &a.kind {
                // Route 53 cannot alias NS records.
                AliasTargetKind::Record { record_type } => {
                    t != RecordType::Ns && record_type.is_none_or(|r| r == t)
                }
                AliasTargetKind::Aws(_) => matches!(t, RecordType::A | RecordType::Aaaa),
            },
            _ => false,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct AliasTarget {
    pub kind: AliasTargetKind,
    /// ASCII, no trailing dot. An input only for an AWS target; a record
    /// of this zone is always a literal.
    pub dns_name: Value<String>,
    /// `None` for a record of this zone (the zone's own id).
    pub hosted_zone_id: Option<Value<String>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AliasTargetKind {
    Aws(AliasKind),
    /// Another record set of this zone (its owner name is `dns_name`);
    /// `None`: the same type as the record that routes to it.
    Record {
        record_type: Option<RecordType>,
    },
}

#[derive(Debug, Clone, Serialize)]
pub struct CidrCollection {
    pub name: String,
    /// Location name → blocks, both sorted.
    pub locations: BTreeMap<String, Vec<String>>,
    #[serde(skip)]
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum RecordType {
    A,
    #[serde(rename = "AAAA")]
    Aaaa,
    #[serde(rename = "CNAME")]
    Cname,
    #[serde(rename = "MX")]
    Mx,
    #[serde(rename = "TXT")]
    Txt,
    #[serde(rename = "SRV")]
    Srv,
    #[serde(rename = "CAA")]
    Caa,
    #[serde(rename = "NS")]
    Ns,
    #[serde(rename = "PTR")]
    Ptr,
}

impl RecordType {
    pub const ALL: [RecordType; 9] = [
        RecordType::A,
        RecordType::Aaaa,
        RecordType::Cname,
        RecordType::Mx,
        RecordType::Txt,
        RecordType::Srv,
        RecordType::Caa,
        RecordType::Ns,
        RecordType::Ptr,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RecordType::A => "A",
            RecordType::Aaaa => "AAAA",
            RecordType::Cname => "CNAME",
            RecordType::Mx => "MX",
            RecordType::Txt => "TXT",
            RecordType::Srv => "SRV",
            RecordType::Caa => "CAA",
            RecordType::Ns => "NS",
            RecordType::Ptr => "PTR",
        }
    }

    pub fn parse(s: &str) -> Option<RecordType> {
        RecordType::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

impl std::fmt::Display for RecordType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct RecordSet {
    /// Relative to the zone, ASCII: `@`, `www`, `*.dev`.
    pub name: String,
    /// Fully qualified, ASCII, no trailing dot.
    pub fqdn: String,
    pub record_type: RecordType,
    /// Resolved: the record's own TTL or the zone's. Route 53 ignores it
    /// for alias records, which backends must then omit.
    pub ttl: u32,
    /// Whether the user wrote a TTL on this record.
    pub ttl_explicit: bool,
    pub content: RecordContent,
    #[serde(skip)]
    pub span: Span,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordContent {
    /// Exactly as many as written: a vector collected value by value kept
    /// room for four (224 bytes for the one datum of most records).
    Plain(Box<[RData]>),
    /// Boxed: four record sets in five are plain, and a routed one's
    /// node inline would make every record set its size.
    Routed(Box<PolicyNode>),
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RData {
    /// An address, or an input whose value is one (endpoint answers and
    /// plain records may use inputs; other data is always literal).
    A(Value<Ipv4Addr>),
    Aaaa(Value<Ipv6Addr>),
    /// Names are absolute, ASCII, without the trailing dot.
    Cname(Value<String>),
    Mx {
        preference: u16,
        exchange: String,
    },
    /// The text as bytes (UTF-8 of what was written); splitting into
    /// 255-byte character-strings is the backend's job.
    Txt(String),
    Srv {
        priority: u16,
        weight: u16,
        port: u16,
        target: String,
    },
    /// Boxed: rare, and inline it made every datum its size.
    Caa(Box<Caa>),
    Ns(String),
    Ptr(String),
}

/// A CAA record's data.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Caa {
    pub flags: u8,
    pub tag: String,
    pub value: String,
}

/// One node of a routing tree. `label` is a stable, human-readable name
/// for the node derived from steer names (an endpoint's name, a
/// location, a role), which backends use for set identifiers and
/// generated names.
#[derive(Debug, Clone)]
pub struct PolicyNode {
    pub policy: RoutingPolicy,
    /// What is written after a member (`stay`, `id "..."`, `check NAME`),
    /// which few nodes have: boxed together, one word when none is (see
    /// [`PolicyNode::stay`], [`PolicyNode::set_id`],
    /// [`PolicyNode::use_check`] and the multivalue members' ones).
    pub written: Rare<NodeExtras>,
    pub span: Span,
}

/// What is written after a member, boxed together in its [`PolicyNode`].
#[derive(Debug, Clone, Default)]
pub struct NodeExtras {
    /// Where `stay` was written before this member: its parent treats it
    /// as always healthy (see [`PolicyNode::stays`]).
    pub stay: Option<Span>,
    /// The set identifier written for this member (`id "..."`), which its
    /// record set keeps instead of the derived one.
    pub set_id: Option<ChosenSetId>,
    /// For a multivalue policy: the set identifiers chosen for its
    /// endpoints, by endpoint name (its members are names, not nodes).
    pub member_set_ids: MemberMap<ChosenSetId>,
    /// The health check of this use of the member (`check NAME` after
    /// it). On an endpoint it replaces the endpoint's check for this record
    /// set; on a nested policy it goes on the alias to the generated name
    /// (see [`PolicyNode::use_check`]).
    pub check: Option<UseCheck>,
    /// For a multivalue policy: the checks written for its endpoints, by
    /// endpoint name (its members are names, not nodes).
    pub member_checks: MemberMap<UseCheck>,
}

impl NodeExtras {
    /// The extras, `None` when nothing is written.
    pub fn some(self) -> Option<Self> {
        let written = self.stay.is_some()
            || self.set_id.is_some()
            || !self.member_set_ids.is_empty()
            || self.check.is_some()
            || !self.member_checks.is_empty();
        written.then_some(self)
    }
}

/// Serialized with its fields as they were when all were inline: `stay`
/// as a flag, the others only when written.
impl Serialize for PolicyNode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("PolicyNode", 6)?;
        st.serialize_field("policy", &self.policy)?;
        st.serialize_field("stay", &self.stay().is_some())?;
        if let Some(w) = self.written.as_ref() {
            if let Some(id) = &w.set_id {
                st.serialize_field("set_id", id)?;
            }
            if !w.member_set_ids.is_empty() {
                st.serialize_field("member_set_ids", &w.member_set_ids)?;
            }
            if let Some(check) = &w.check {
                st.serialize_field("check", check)?;
            }
            if !w.member_checks.is_empty() {
                st.serialize_field("member_checks", &w.member_checks)?;
            }
        }
        st.end()
    }
}

/// A health check written for one use of a member: `check NAME [alone]`.
#[derive(Debug, Clone, Serialize)]
pub struct UseCheck {
    pub name: String,
    /// Where `alone` was written (serialized as a flag): on a nested
    /// member, the check replaces evaluate-target-health instead of being
    /// required beside it.
    #[serde(serialize_with = "serialize_present")]
    pub alone: Option<Span>,
    /// The whole suffix, from `check`.
    #[serde(skip)]
    pub span: Span,
}

/// A reusable pool: a routing policy defined once at top level and used by
/// name as a member of several records or policies (octoDNS's pools).
#[derive(Debug, Clone, Serialize)]
pub struct Pool {
    pub name: String,
    /// The pool's policy; every use holds the same node.
    #[serde(serialize_with = "serialize_shared")]
    pub node: Arc<PolicyNode>,
    /// The TTL of the pool's own record sets: the pool's `ttl`, else the
    /// zone's.
    pub ttl: u32,
    /// The record types the pool is used for, sorted: one generated name
    /// each on Route 53.
    pub record_types: Vec<RecordType>,
    #[serde(skip)]
    pub span: Span,
}

/// A member that is a pool: its name, and the pool's node (shared, not a
/// copy).
#[derive(Debug, Clone, Serialize)]
pub struct PoolUse {
    pub name: String,
    #[serde(skip)]
    pub node: Arc<PolicyNode>,
    /// The pool's TTL (see [`Pool::ttl`]).
    #[serde(skip)]
    pub ttl: u32,
}

fn serialize_shared<S: serde::Serializer>(v: &Arc<PolicyNode>, s: S) -> Result<S::Ok, S::Error> {
    v.as_ref().serialize(s)
}

/// A set identifier chosen in the source, and where (the string).
#[derive(Debug, Clone, Serialize)]
pub struct ChosenSetId {
    pub value: String,
    #[serde(skip)]
    pub span: Span,
}

fn serialize_present<S: serde::Serializer>(v: &Option<Span>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_bool(v.is_some())
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RoutingPolicy {
    /// Simple routing: the endpoint's answer.
    Endpoint(String),
    Failover {
        primary: Box<PolicyNode>,
        secondary: Box<PolicyNode>,
    },
    Latency(Vec<LatencyMember>),
    Geolocation(Vec<GeoRule>),
    Weighted(Vec<WeightedMember>),
    Multivalue(Vec<String>),
    Geoproximity(Vec<GeoproximityMember>),
    /// Boxed, like a pool use: rare, and inline they made every node
    /// their size.
    Cidr(Box<CidrPolicy>),
    /// A reusable pool, used by name.
    Pool(Box<PoolUse>),
}

/// A CIDR policy: its collection's name and its rules.
#[derive(Debug, Clone, Serialize)]
pub struct CidrPolicy {
    pub collection: String,
    pub rules: Vec<CidrRule>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LatencyMember {
    /// The steer region name and its AWS code.
    pub region: String,
    pub aws_region: String,
    pub target: PolicyNode,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "code")]
pub enum GeoLocation {
    Continent(String),
    Country(String),
    /// Country code and subdivision code (`US`, `CA`).
    Subdivision(String, String),
    Default,
}

impl GeoLocation {
    /// A readable, stable label: `continent-EU`, `country-US`, `US-CA`, `default`.
    pub fn label(&self) -> String {
        match self {
            GeoLocation::Continent(c) => format!("continent-{c}"),
            GeoLocation::Country(c) => format!("country-{c}"),
            GeoLocation::Subdivision(c, s) => format!("{c}-{s}"),
            GeoLocation::Default => "default".to_string(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct GeoRule {
    pub location: GeoLocation,
    pub target: PolicyNode,
}

#[derive(Debug, Clone, Serialize)]
pub struct WeightedMember {
    pub weight: u8,
    pub target: PolicyNode,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GeoproximityLocation {
    /// AWS region code.
    AwsRegion(String),
    Coordinates(Coordinates),
}

#[derive(Debug, Clone, Serialize)]
pub struct GeoproximityMember {
    pub location: GeoproximityLocation,
    pub bias: i8,
    pub target: PolicyNode,
}

#[derive(Debug, Clone, Serialize)]
pub struct CidrRule {
    /// `None` is the default location (`*` in Route 53).
    pub location: Option<String>,
    pub target: PolicyNode,
}

impl Config {
    /// The inputs some value uses, by name: the ones a target must declare
    /// (a variable, a parameter) or have bound.
    pub fn used_inputs(&self) -> Vec<&Input> {
        let mut names: Vec<&str> = Vec::new();
        if let HostedZone::Id(v) = &self.zone.hosted_zone {
            names.extend(v.input());
        }
        for vpc in self.zone.private.iter().flatten() {
            names.extend(vpc.id.input());
        }
        for endpoint in self.endpoints.values() {
            names.extend(endpoint.answer.inputs());
        }
        for check in self.checks.values() {
            names.extend(check.kind.inputs());
        }
        for record in &self.records {
            if let RecordContent::Plain(rdata) = &record.content {
                names.extend(rdata.iter().filter_map(RData::input));
            }
        }
        names.sort_unstable();
        names.dedup();
        names.iter().filter_map(|n| self.inputs.get(*n)).collect()
    }
}

impl RData {
    /// The input this datum is, if any.
    pub fn input(&self) -> Option<&str> {
        match self {
            RData::A(v) => v.input(),
            RData::Aaaa(v) => v.input(),
            RData::Cname(v) => v.input(),
            _ => None,
        }
    }
}

impl AliasTarget {
    /// The name of the record of this zone an `alias record` points at;
    /// `None` for an AWS target.
    pub fn record_name(&self) -> Option<&str> {
        match (&self.kind, &self.dns_name) {
            (AliasTargetKind::Record { .. }, Value::Literal(name)) => Some(name),
            _ => None,
        }
    }
}

impl PolicyNode {
    /// Whether the parent policy treats this member as always healthy.
    ///
    /// Route 53 considers a record set without a health check, or an alias
    /// whose evaluate-target-health is off, always healthy (API reference,
    /// `ResourceRecordSet.HealthCheckId` and `AliasTarget.EvaluateTargetHealth`),
    /// so such a member is never skipped: the clients its parent sends to it
    /// stay there even when everything beneath it is down.
    pub fn stays(&self) -> bool {
        self.stay().is_some()
    }

    /// Where `stay` was written before this member.
    pub fn stay(&self) -> Option<Span> {
        self.written.as_ref()?.stay
    }

    /// The set identifier written for this member (`id "..."`).
    pub fn set_id(&self) -> Option<&ChosenSetId> {
        self.written.as_ref()?.set_id.as_ref()
    }

    /// The check written for this use of the member, if any.
    pub fn use_check(&self) -> Option<&UseCheck> {
        self.written.as_ref()?.check.as_ref()
    }

    /// For a multivalue policy: the set identifier chosen for `endpoint`.
    pub fn member_set_id(&self, endpoint: &str) -> Option<&ChosenSetId> {
        self.written.as_ref()?.member_set_ids.get(endpoint)
    }

    /// For a multivalue policy: the check written for `endpoint`.
    pub fn member_check(&self, endpoint: &str) -> Option<&UseCheck> {
        self.written.as_ref()?.member_checks.get(endpoint)
    }

    /// Every check written in this node: its own, then its multivalue
    /// members' by endpoint name.
    pub fn written_checks(&self) -> impl Iterator<Item = &UseCheck> {
        self.written
            .iter()
            .flat_map(|w| w.check.iter().chain(w.member_checks.values()))
    }

    /// The check written for the use of `endpoint` in this node: the
    /// node's own for an endpoint leaf, the member's for a multivalue.
    pub fn endpoint_use_check(&self, endpoint: &str) -> Option<&UseCheck> {
        match &self.policy {
            RoutingPolicy::Multivalue(_) => self.member_check(endpoint),
            _ => self.use_check(),
        }
    }

    /// A stable label for this node when it is a member of another policy:
    /// the endpoint name for a leaf; for a nested policy, its kind and the
    /// first endpoint it can answer with (`failover-ireland`), so labels
    /// come from steer names, never from positions.
    pub fn label(&self) -> String {
        match &self.policy {
            RoutingPolicy::Endpoint(e) => e.clone(),
            RoutingPolicy::Pool(p) => p.name.clone(),
            other => match self.endpoints().first() {
                Some(first) => format!("{}-{first}", other.keyword()),
                None => other.keyword().to_string(),
            },
        }
    }

    /// Every endpoint this node can answer with, in tree order.
    pub fn endpoints(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.collect_endpoints(&mut out);
        out
    }

    fn collect_endpoints<'a>(&'a self, out: &mut Vec<&'a str>) {
        match &self.policy {
            RoutingPolicy::Endpoint(e) => out.push(e),
            RoutingPolicy::Multivalue(m) => out.extend(m.iter().map(String::as_str)),
            other => {
                for member in other.children() {
                    member.collect_endpoints(out);
                }
            }
        }
    }
}

impl RoutingPolicy {
    pub fn keyword(&self) -> &'static str {
        match self {
            RoutingPolicy::Endpoint(_) => "endpoint",
            RoutingPolicy::Failover { .. } => "failover",
            RoutingPolicy::Latency(_) => "latency",
            RoutingPolicy::Geolocation(_) => "geolocation",
            RoutingPolicy::Weighted(_) => "weighted",
            RoutingPolicy::Multivalue(_) => "multivalue",
            RoutingPolicy::Geoproximity(_) => "geoproximity",
            RoutingPolicy::Cidr(_) => "cidr",
            RoutingPolicy::Pool(_) => "pool",
        }
    }

    /// The members' (label, node) pairs; failover yields `primary` and
    /// `secondary` roles; a pool use has one, the pool's policy, labelled
    /// with the pool's name.
    pub fn members(&self) -> Vec<(String, &PolicyNode)> {
        match self {
            RoutingPolicy::Pool(p) => vec![(p.name.clone(), p.node.as_ref())],
            RoutingPolicy::Endpoint(_) | RoutingPolicy::Multivalue(_) => Vec::new(),
            RoutingPolicy::Failover { primary, secondary } => vec![
                (role_label(FailoverRole::Primary), primary.as_ref()),
                (role_label(FailoverRole::Secondary), secondary.as_ref()),
            ],
            RoutingPolicy::Latency(m) => m.iter().map(|m| (m.region.clone(), &m.target)).collect(),
            RoutingPolicy::Geolocation(r) => {
                r.iter().map(|r| (r.location.label(), &r.target)).collect()
            }
            RoutingPolicy::Weighted(m) => m.iter().map(|m| (m.target.label(), &m.target)).collect(),
            RoutingPolicy::Geoproximity(m) => {
                m.iter().map(|m| (m.target.label(), &m.target)).collect()
            }
            RoutingPolicy::Cidr(cidr) => cidr
                .rules
                .iter()
                .map(|r| {
                    (
                        r.location.clone().unwrap_or_else(|| "default".into()),
                        &r.target,
                    )
                })
                .collect(),
        }
    }
}

impl RoutingPolicy {
    /// The members' nodes, in the order of [`RoutingPolicy::members`],
    /// without their labels (and without allocating): failover's primary
    /// then secondary, a pool use's pool policy, each weighted, latency,
    /// geolocation, geoproximity or CIDR member's target; none for an
    /// endpoint or a multivalue policy.
    pub fn children(&self) -> impl Iterator<Item = &PolicyNode> + '_ {
        let mut pair: [Option<&PolicyNode>; 2] = [None, None];
        let (mut latency, mut geolocation, mut weighted): (
            &[LatencyMember],
            &[GeoRule],
            &[WeightedMember],
        ) = (&[], &[], &[]);
        let (mut geoproximity, mut cidr): (&[GeoproximityMember], &[CidrRule]) = (&[], &[]);
        match self {
            RoutingPolicy::Endpoint(_) | RoutingPolicy::Multivalue(_) => {}
            RoutingPolicy::Pool(p) => pair = [Some(p.node.as_ref()), None],
            RoutingPolicy::Failover { primary, secondary } => {
                pair = [Some(primary.as_ref()), Some(secondary.as_ref())]
            }
            RoutingPolicy::Latency(m) => latency = m,
            RoutingPolicy::Geolocation(r) => geolocation = r,
            RoutingPolicy::Weighted(m) => weighted = m,
            RoutingPolicy::Geoproximity(m) => geoproximity = m,
            RoutingPolicy::Cidr(c) => cidr = &c.rules,
        }
        pair.into_iter()
            .flatten()
            .chain(latency.iter().map(|m| &m.target))
            .chain(geolocation.iter().map(|r| &r.target))
            .chain(weighted.iter().map(|m| &m.target))
            .chain(geoproximity.iter().map(|m| &m.target))
            .chain(cidr.iter().map(|r| &r.target))
    }
}

fn role_label(role: FailoverRole) -> String {
    match role {
        FailoverRole::Primary => "primary".into(),
        FailoverRole::Secondary => "secondary".into(),
    }
}

/// The "uses" graph of one configuration: an edge A → B means A cannot
/// work without B. Built from a checked configuration
/// (`check::dependency_graph`), whose names it borrows: a node is a few
/// words, not a copy of a name. The check stage builds it for its cycle
/// rule and drops it; the configuration does not hold it.
#[derive(Debug, Clone, Default)]
pub struct DependencyGraph<'c> {
    /// The edges; node `i` is `slots[i]` (weights are not duplicated in
    /// the graph).
    pub graph: DiGraph<(), ()>,
    slots: Vec<Slot<'c>>,
    /// The named nodes, to find one again. Policy nodes are not here: each
    /// is reached only from its parent, once, and is never looked up.
    /// (Fx hashing: SipHash's DoS resistance buys nothing for a
    /// compiler's own keys.)
    named: rustc_hash::FxHashMap<NamedNode<'c>, u32>,
}

/// A node of the graph that has a name of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum NamedNode<'c> {
    Zone(&'c str),
    Region(&'c str),
    Check(&'c str),
    Endpoint(&'c str),
    CidrCollection(&'c str),
    Input(&'c str),
    Pool(&'c str),
    Record(&'c str, RecordType),
}

/// A node as the graph holds it: a name, or a routing policy node of a
/// record's (or a pool's) tree. A policy node holds no labels and, below
/// the root, not its owner: its path and owner are found by walking up,
/// when asked ([`DependencyGraph::node`]).
#[derive(Debug, Clone, Copy)]
enum Slot<'c> {
    Named(NamedNode<'c>),
    /// A tree's root: the record's fqdn (or the pool's name, `pool`) and
    /// the type it answers for.
    Root {
        owner: &'c str,
        pool: bool,
        record_type: RecordType,
        node: &'c PolicyNode,
    },
    /// The member at `position` ([`RoutingPolicy::children`]) of the
    /// policy node `up` (a `Root` or a `Member`).
    Member {
        up: u32,
        position: u32,
        node: &'c PolicyNode,
    },
}

impl<'c> Slot<'c> {
    fn policy(&self) -> Option<&'c RoutingPolicy> {
        match self {
            Slot::Named(_) => None,
            Slot::Root { node, .. } | Slot::Member { node, .. } => Some(&node.policy),
        }
    }
}

/// A policy node's index: a member can only be added below one.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PolicyIndex(NodeIndex);

impl PolicyIndex {
    pub(crate) fn node(self) -> NodeIndex {
        self.0
    }
}

/// A node of the graph, as callers see it: a named item, or a routing
/// policy node inside a record (or pool) with the path of member labels
/// from its root (`["primary"]`, `["continent-EU"]`). Borrows the graph;
/// compares and prints as the owned nodes it replaced did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum GraphNode<'g> {
    Zone(&'g str),
    Region(&'g str),
    Check(&'g str),
    Endpoint(&'g str),
    CidrCollection(&'g str),
    /// A value of the surrounding stack.
    Input(&'g str),
    /// A reusable pool, one node whatever uses it.
    Pool(&'g str),
    /// A record set: fqdn and type.
    Record(&'g str, RecordType),
    /// A routing policy node: its record (or pool), the type it answers
    /// for, its path from the root.
    Policy(Owner<'g>, RecordType, PolicyPath<'g>),
}

impl<'g> From<NamedNode<'g>> for GraphNode<'g> {
    fn from(named: NamedNode<'g>) -> Self {
        match named {
            NamedNode::Zone(n) => GraphNode::Zone(n),
            NamedNode::Region(n) => GraphNode::Region(n),
            NamedNode::Check(n) => GraphNode::Check(n),
            NamedNode::Endpoint(n) => GraphNode::Endpoint(n),
            NamedNode::CidrCollection(n) => GraphNode::CidrCollection(n),
            NamedNode::Input(n) => GraphNode::Input(n),
            NamedNode::Pool(n) => GraphNode::Pool(n),
            NamedNode::Record(n, t) => GraphNode::Record(n, t),
        }
    }
}

/// Whose routing tree a policy node is in: a record's (by its fqdn) or a
/// pool's. Compares and prints as its text: the fqdn, or `pool NAME`.
#[derive(Clone, Copy)]
pub enum Owner<'g> {
    Record(&'g str),
    Pool(&'g str),
}

impl Owner<'_> {
    fn bytes(&self) -> impl Iterator<Item = u8> + '_ {
        let (prefix, name) = match self {
            Owner::Record(fqdn) => ("", *fqdn),
            Owner::Pool(name) => ("pool ", *name),
        };
        prefix.bytes().chain(name.bytes())
    }
}

impl std::fmt::Display for Owner<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Owner::Record(fqdn) => f.write_str(fqdn),
            Owner::Pool(name) => write!(f, "pool {name}"),
        }
    }
}

impl std::fmt::Debug for Owner<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&self.to_string(), f)
    }
}

/// `Eq` and `Ord` for a graph view by a key: the sequence `$key` gives
/// (an owner's text, a path's labels), compared item by item.
macro_rules! compared_by {
    ($t:ty, $key:ident) => {
        impl PartialEq for $t {
            fn eq(&self, other: &Self) -> bool {
                self.$key().into_iter().eq(other.$key())
            }
        }

        impl Eq for $t {}

        impl PartialOrd for $t {
            fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
                Some(self.cmp(other))
            }
        }

        impl Ord for $t {
            fn cmp(&self, other: &Self) -> std::cmp::Ordering {
                self.$key().into_iter().cmp(other.$key())
            }
        }
    };
}

compared_by!(Owner<'_>, bytes);

/// The member labels from a routing tree's root to one of its nodes, read
/// from the graph when asked (no node stores its labels). Compares and
/// prints like the `Vec<String>` of its labels.
#[derive(Clone, Copy)]
pub struct PolicyPath<'g> {
    slots: &'g [Slot<'g>],
    at: u32,
}

impl<'g> PolicyPath<'g> {
    /// The policy nodes from this one up to (not including) the root, each
    /// with its parent's policy and its place there.
    fn steps(&self) -> impl Iterator<Item = (&'g RoutingPolicy, usize)> + 'g {
        let slots = self.slots;
        let mut at = self.at as usize;
        std::iter::from_fn(move || match slots[at] {
            Slot::Member { up, position, .. } => {
                at = up as usize;
                Some((slots[at].policy()?, position as usize))
            }
            Slot::Root { .. } | Slot::Named(_) => None,
        })
    }

    pub fn len(&self) -> usize {
        self.steps().count()
    }

    pub fn is_empty(&self) -> bool {
        self.steps().next().is_none()
    }

    /// The labels from the root down.
    pub fn labels(&self) -> Vec<std::borrow::Cow<'g, str>> {
        let mut labels: Vec<_> = self
            .steps()
            .map(|(policy, i)| member_label(policy, i))
            .collect();
        labels.reverse();
        labels
    }

    pub fn join(&self, separator: &str) -> String {
        self.labels().join(separator)
    }
}

/// The label of a policy's member at position `i` (of
/// [`RoutingPolicy::children`]): failover's role, latency's region, a
/// location, a weighted or geoproximity target's own label, a pool's name.
fn member_label(policy: &RoutingPolicy, i: usize) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    match policy {
        RoutingPolicy::Failover { .. } if i == 0 => Cow::Borrowed("primary"),
        RoutingPolicy::Failover { .. } => Cow::Borrowed("secondary"),
        RoutingPolicy::Latency(m) => Cow::Borrowed(&m[i].region),
        RoutingPolicy::Geolocation(r) => Cow::Owned(r[i].location.label()),
        RoutingPolicy::Weighted(m) => Cow::Owned(m[i].target.label()),
        RoutingPolicy::Geoproximity(m) => Cow::Owned(m[i].target.label()),
        RoutingPolicy::Cidr(cidr) => {
            Cow::Borrowed(cidr.rules[i].location.as_deref().unwrap_or("default"))
        }
        RoutingPolicy::Pool(p) => Cow::Borrowed(&p.name),
        RoutingPolicy::Endpoint(_) | RoutingPolicy::Multivalue(_) => Cow::Borrowed(""),
    }
}

compared_by!(PolicyPath<'_>, labels);

impl std::fmt::Debug for PolicyPath<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.labels()).finish()
    }
}

impl<'c> DependencyGraph<'c> {
    /// An empty graph with room for `nodes` nodes (`named` of them named)
    /// and about `edges` edges, so that large configurations do not rehash
    /// and regrow repeatedly.
    pub(crate) fn with_capacity(nodes: usize, named: usize, edges: usize) -> Self {
        DependencyGraph {
            graph: DiGraph::with_capacity(nodes, edges),
            slots: Vec::with_capacity(nodes),
            named: rustc_hash::FxHashMap::with_capacity_and_hasher(named, Default::default()),
        }
    }

    fn push(&mut self, slot: Slot<'c>) -> NodeIndex {
        self.slots.push(slot);
        self.graph.add_node(())
    }

    /// The node of a named item, added on first use.
    pub(crate) fn named(&mut self, named: NamedNode<'c>) -> NodeIndex {
        match self.named.get(&named) {
            Some(&i) => NodeIndex::new(i as usize),
            None => {
                let i = self.push(Slot::Named(named));
                self.named.insert(named, i.index() as u32);
                i
            }
        }
    }

    /// A tree's root policy node, below its record or pool `up` (`owner`
    /// is the record's fqdn or the pool's name).
    pub(crate) fn policy_root(
        &mut self,
        up: NodeIndex,
        owner: Owner<'c>,
        record_type: RecordType,
        node: &'c PolicyNode,
    ) -> PolicyIndex {
        let (owner, pool) = match owner {
            Owner::Record(fqdn) => (fqdn, false),
            Owner::Pool(name) => (name, true),
        };
        let here = self.push(Slot::Root {
            owner,
            pool,
            record_type,
            node,
        });
        self.uses(up, here);
        PolicyIndex(here)
    }

    /// The member at `position` (of [`RoutingPolicy::children`]) of the
    /// policy node `up`.
    pub(crate) fn policy_member(
        &mut self,
        up: PolicyIndex,
        position: usize,
        node: &'c PolicyNode,
    ) -> PolicyIndex {
        let here = self.push(Slot::Member {
            up: up.0.index() as u32,
            position: position as u32,
            node,
        });
        self.uses(up.0, here);
        PolicyIndex(here)
    }

    /// An edge between nodes already in the graph (once).
    pub(crate) fn uses(&mut self, from: NodeIndex, to: NodeIndex) {
        if !self.graph.contains_edge(from, to) {
            self.graph.add_edge(from, to, ());
        }
    }

    /// How many nodes there are.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// How many nodes the graph has room for without growing.
    pub fn capacity(&self) -> usize {
        self.slots.capacity()
    }

    /// Node `i`.
    pub fn node(&self, i: NodeIndex) -> GraphNode<'_> {
        let mut at = i.index();
        loop {
            match self.slots[at] {
                Slot::Named(named) if at == i.index() => return named.into(),
                Slot::Member { up, .. } => at = up as usize,
                Slot::Root {
                    owner,
                    pool,
                    record_type,
                    ..
                } => {
                    let owner = if pool {
                        Owner::Pool(owner)
                    } else {
                        Owner::Record(owner)
                    };
                    let path = PolicyPath {
                        slots: &self.slots,
                        at: i.index() as u32,
                    };
                    return GraphNode::Policy(owner, record_type, path);
                }
                Slot::Named(_) => unreachable!("a member is added below a policy node only"),
            }
        }
    }

    /// Every node, in index order.
    pub fn nodes(&self) -> impl Iterator<Item = GraphNode<'_>> {
        (0..self.slots.len()).map(|i| self.node(NodeIndex::new(i)))
    }

    /// Edges as sorted (from, to) pairs: a canonical form for tests and dumps.
    pub fn edges(&self) -> Vec<(GraphNode<'_>, GraphNode<'_>)> {
        self.sorted_edges(|_| true)
    }

    /// The edges between named items (no policy node at either end), as
    /// sorted pairs: [`DependencyGraph::edges`] without the policy nodes,
    /// whose labels are not read.
    pub fn named_edges(&self) -> Vec<(GraphNode<'_>, GraphNode<'_>)> {
        self.sorted_edges(|slot| matches!(slot, Slot::Named(_)))
    }

    fn sorted_edges(&self, keep: impl Fn(&Slot) -> bool) -> Vec<(GraphNode<'_>, GraphNode<'_>)> {
        let mut edges: Vec<_> = self
            .graph
            .edge_indices()
            .filter_map(|e| self.graph.edge_endpoints(e))
            .filter(|(a, b)| keep(&self.slots[a.index()]) && keep(&self.slots[b.index()]))
            .map(|(a, b)| (self.node(a), self.node(b)))
            .collect();
        edges.sort();
        edges
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A policy node's owner compares and prints as its text: a pool's
    /// as `pool NAME` (the nodes once held that string).
    #[test]
    fn an_owner_compares_and_prints_as_its_text() {
        let owners = [
            Owner::Record("a.example.com"),
            Owner::Record("pool x"),
            Owner::Record("pool xa"),
            Owner::Record("www.example.com"),
            Owner::Pool("x"),
            Owner::Pool(""),
            Owner::Pool("w"),
        ];
        for a in owners {
            for b in owners {
                let (ta, tb) = (a.to_string(), b.to_string());
                assert_eq!(a.cmp(&b), ta.cmp(&tb), "{ta} cmp {tb}");
                assert_eq!(a == b, ta == tb, "{ta} == {tb}");
            }
            assert_eq!(format!("{a:?}"), format!("{:?}", a.to_string()));
        }
    }

    /// A graph node is a few words: names are borrowed from the
    /// configuration, a policy node's path is found from its parent (each
    /// used to own a copy of its name, or an allocated link of its path).
    #[test]
    fn graph_nodes_are_small_and_own_nothing() {
        assert!(std::mem::size_of::<Slot>() <= 32);
        assert!(std::mem::size_of::<NamedNode>() <= 24);
    }

    /// `children` yields the nodes of `members`, in its order, at every
    /// node of every routing tree and pool of the examples (which use
    /// every kind of policy).
    #[test]
    fn children_are_the_members_nodes_in_order() {
        fn walk(node: &PolicyNode, kinds: &mut std::collections::BTreeSet<&'static str>) {
            let members: Vec<*const PolicyNode> = node
                .policy
                .members()
                .into_iter()
                .map(|(_, m)| m as *const _)
                .collect();
            let children: Vec<*const PolicyNode> =
                node.policy.children().map(|m| m as *const _).collect();
            assert_eq!(children, members, "{}", node.policy.keyword());
            kinds.insert(node.policy.keyword());
            node.policy.children().for_each(|m| walk(m, kinds));
        }
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");
        let mut kinds = std::collections::BTreeSet::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "steer") {
                continue;
            }
            let mut loaded = crate::load::Loaded::default();
            loaded.add(path.display().to_string(), &std::fs::read(&path).unwrap());
            for config in crate::check_loaded(&loaded).configs {
                for record in &config.records {
                    if let RecordContent::Routed(root) = &record.content {
                        walk(root, &mut kinds);
                    }
                }
                config
                    .pools
                    .values()
                    .for_each(|p| walk(&p.node, &mut kinds));
            }
        }
        let all = [
            "cidr",
            "endpoint",
            "failover",
            "geolocation",
            "geoproximity",
            "latency",
            "multivalue",
            "pool",
            "weighted",
        ];
        assert_eq!(kinds.into_iter().collect::<Vec<_>>(), all);
    }

    /// `size_of::<T>() <= max`, saying the size when it is not.
    macro_rules! at_most {
        ($t:ty, $max:expr) => {
            let size = std::mem::size_of::<$t>();
            assert!(size <= $max, "{}: {size} bytes", stringify!($t));
        };
    }

    /// The IR's per-record types, at 100k records: a policy node kept a
    /// set identifier, a check and two maps inline that nearly every node
    /// leaves empty (224 bytes, then 112 with each boxed alone, now 56
    /// with them boxed together and CIDR and pool uses boxed), and a
    /// record set held its routed node inline (296 bytes, four in five
    /// record sets being plain).
    #[test]
    fn per_record_types_are_small() {
        use std::mem::size_of;
        assert_eq!(size_of::<Rare<NodeExtras>>(), 8);
        assert_eq!(size_of::<MemberMap<UseCheck>>(), 8);
        at_most!(RoutingPolicy, 32);
        at_most!(PolicyNode, 56);
        at_most!(WeightedMember, 64);
        at_most!(RecordContent, 24);
        // A CAA's two strings are boxed: an address, a name or a text is
        // at most 32 bytes (56 with them inline).
        at_most!(RData, 32);
        at_most!(RecordSet, 96);
        // The name is the value's own: no copy of it as a key, no nodes;
        // the index is a table of u32 positions (16 bytes, then about 5
        // bytes a value).
        assert_eq!(size_of::<ByName<Endpoint>>(), 48);
    }

    /// Health checks and endpoints, about one each per record at 100k
    /// records: a check was 240 bytes and an endpoint 232 (plus a `Name`
    /// tag per check, a copy of its name), with rare settings, an alias
    /// target and an input's name inline in every one.
    #[test]
    fn checks_and_endpoints_are_small() {
        use std::mem::size_of;
        // An input's name is boxed: a literal is its value and a tag.
        assert_eq!(size_of::<Value<Ipv4Addr>>(), 16);
        assert_eq!(size_of::<Value<IpAddr>>(), 24);
        assert_eq!(size_of::<Value<String>>(), 24);
        at_most!(EndpointProbe, 88);
        at_most!(HealthCheck, 144);
        at_most!(Answer, 40);
        at_most!(Endpoint, 104);
    }

    /// The configuration of `text`, which checks clean.
    fn checked(text: &str) -> Config {
        let mut loaded = crate::load::Loaded::default();
        loaded.add("t.steer".to_string(), text.as_bytes());
        let mut checked = crate::check_loaded(&loaded);
        assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
        checked.configs.remove(0)
    }

    /// A member with nothing written after it holds no extras; one with a
    /// check, an id or `stay` holds them together, read as before.
    #[test]
    fn only_a_node_with_something_written_holds_extras() {
        let text = r#"zone "example.com" { ttl 60s }
check gate { https "gate.example.net" }
endpoint eu { a [192.0.2.10] }
endpoint us { a [192.0.2.20] }
record www A = weighted { eu 1  us check gate id "us-1" 2 }
record mv A = multivalue [eu check gate, us]
"#;
        let config = checked(text);
        let root = |name: &str| match &config
            .records
            .iter()
            .find(|r| r.name == name)
            .unwrap()
            .content
        {
            RecordContent::Routed(root) => root.as_ref().clone(),
            RecordContent::Plain(_) => panic!("{name} is plain"),
        };
        let www = root("www");
        assert!(www.written.is_none());
        let RoutingPolicy::Weighted(members) = &www.policy else {
            panic!("weighted")
        };
        let (eu, us) = (&members[0].target, &members[1].target);
        assert!(eu.written.is_none() && eu.use_check().is_none());
        assert_eq!(us.use_check().map(|c| c.name.as_str()), Some("gate"));
        assert_eq!(us.set_id().map(|id| id.value.as_str()), Some("us-1"));
        assert!(!us.stays());
        let mv = root("mv");
        assert_eq!(mv.member_check("eu").map(|c| c.name.as_str()), Some("gate"));
        assert!(mv.member_check("us").is_none() && mv.use_check().is_none());
        assert_eq!(mv.written_checks().count(), 1);
    }

    /// A check whose `Name` tag is its name holds no tags: the tag is
    /// derived where it is read, in key order with the written ones.
    #[test]
    fn a_check_named_as_itself_holds_no_tags() {
        let text = r#"zone "example.com" { nameservers ["ns1.example.net"] }
check web { https "web.example.com" }
check api { https "api.example.com" name "api" }
check shop { https "shop.example.com" name "Shop" tags { team "web" } }
"#;
        let config = checked(text);
        let checks = &config.checks;
        for name in ["web", "api"] {
            assert!(checks[name].written_tags.is_empty(), "{name}");
            let tags: Vec<_> = checks[name].tags().collect();
            assert_eq!(tags, [("Name", name)]);
        }
        let shop: Vec<_> = checks["shop"].tags().collect();
        assert_eq!(shop, [("Name", "Shop"), ("team", "web")]);
        assert_eq!(checks["shop"].tag("Name"), Some("Shop"));
    }

    fn endpoint(name: &str) -> Endpoint {
        Endpoint {
            name: name.into(),
            answer: Answer::Cname(Value::Literal(format!("{name}.example.net"))),
            health_check: None,
            rare: Rare::default(),
            span: Span::default(),
        }
    }

    /// `ByName` reads, iterates and serializes like the map it replaced.
    #[test]
    fn by_name_reads_like_a_map_by_name() {
        let names = ["web", "api", "b", "a-2", "zz"];
        let by_name = ByName::from_unique(names.iter().map(|n| endpoint(n)).collect());
        let map: BTreeMap<String, Endpoint> =
            names.iter().map(|n| (n.to_string(), endpoint(n))).collect();
        assert_eq!(
            by_name.keys().collect::<Vec<_>>(),
            map.keys().collect::<Vec<_>>()
        );
        assert_eq!(
            serde_json::to_string(&by_name).unwrap(),
            serde_json::to_string(&map).unwrap()
        );
        assert_eq!(format!("{by_name:?}"), format!("{map:?}"));
        for name in names.iter().copied().chain(["", "c", "zzz"]) {
            assert_eq!(
                by_name.get(name).map(|e| &e.name),
                map.get(name).map(|e| &e.name)
            );
            assert_eq!(by_name.contains_key(name), map.contains_key(name));
        }
        assert_eq!(by_name["api"].name, "api");
        assert_eq!(
            by_name.get_key_value("b").map(|(k, _)| k.as_str()),
            Some("b")
        );
        assert_eq!((by_name.len(), by_name.is_empty()), (5, false));
        let pairs: Vec<_> = (&by_name).into_iter().map(|(k, v)| (k, &v.name)).collect();
        assert!(pairs.iter().all(|(k, n)| k == n) && pairs.len() == 5);
    }

    #[test]
    fn rare_and_member_maps_read_like_option_and_map() {
        let none: Rare<u8> = None.into();
        let some: Rare<u8> = Some(7).into();
        assert_eq!((none.as_ref(), some.as_ref()), (None, Some(&7)));
        assert_eq!((none.is_none(), some.is_some()), (true, true));
        assert_eq!(some.iter().collect::<Vec<_>>(), [&7]);
        assert_eq!(serde_json::to_string(&some).unwrap(), "7");
        let map: BTreeMap<String, u8> = [("b".into(), 2), ("a".into(), 1)].into();
        let members = MemberMap::from(map.clone());
        assert_eq!(members.get("b"), Some(&2));
        assert_eq!(members.get("c"), None);
        assert!(members.contains_key("a") && !MemberMap::<u8>::default().contains_key("a"));
        assert_eq!(members.values().collect::<Vec<_>>(), [&1, &2]);
        assert_eq!(
            serde_json::to_string(&members).unwrap(),
            serde_json::to_string(&map).unwrap()
        );
        assert_eq!((members.len(), members.is_empty()), (2, false));
    }

    #[test]
    fn tags_are_sorted_by_key() {
        let tags = Tags::from_unique(vec![
            ("team".into(), "dns".into()),
            ("Name".into(), "web".into()),
            ("env".into(), "prod".into()),
        ]);
        let pairs: Vec<_> = tags.iter().collect();
        assert_eq!(pairs, [("Name", "web"), ("env", "prod"), ("team", "dns")]);
        assert_eq!((tags.get("env"), tags.get("nope")), (Some("prod"), None));
        assert_eq!((tags.len(), Tags::default().is_empty()), (3, true));
        // One pair is one small slice, not a map node.
        assert_eq!(std::mem::size_of::<Tags>(), 16);
    }

    /// A check's `Name` tag is its name unless one is held: derived in key
    /// order (uppercase keys sort before it, lowercase after), not stored.
    #[test]
    fn a_derived_name_tag_sits_in_key_order() {
        let written = Tags::from_unique(vec![
            ("team".into(), "dns".into()),
            ("Env".into(), "prod".into()),
            ("Owner".into(), "ops".into()),
        ]);
        let pairs: Vec<_> = written.with_name("web").collect();
        assert_eq!(
            pairs,
            [
                ("Env", "prod"),
                ("Name", "web"),
                ("Owner", "ops"),
                ("team", "dns")
            ]
        );
        let named = Tags::from_unique(vec![("Name".into(), "Web".into())]);
        assert_eq!(
            named.with_name("web").collect::<Vec<_>>(),
            [("Name", "Web")]
        );
        let none = Tags::default();
        assert_eq!(none.with_name("web").collect::<Vec<_>>(), [("Name", "web")]);
    }
}
