//! The `.steer` file an importer writes: items grouped in a fixed order
//! (zone, inputs, regions, checks, endpoints, CIDR collections, pools,
//! records), each with an optional leading comment saying what the
//! importer decided, printed through the formatter so that the result is
//! exactly what `steer fmt` prints.
//!
//! Importers build items with [`Block`] (a keyword, a name and settings)
//! and [`Policy`] / [`Member`] (routing trees of every kind, with `stay`,
//! `id "..."` and `check NAME [alone]` on uses), name them with [`Names`]
//! (readable identifiers derived from what the input says, unique per
//! namespace), and quote every string with [`string`] (the formatter's
//! own quoting), so that no input text can break the file's syntax.

use super::{messages, ImportError, Summary};
use std::collections::{HashMap, HashSet};

/// The groups of a file, in the order they are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Section {
    Zone,
    Inputs,
    Regions,
    Checks,
    Endpoints,
    CidrCollections,
    Pools,
    Records,
}

impl Section {
    pub const ALL: [Section; 8] = [
        Section::Zone,
        Section::Inputs,
        Section::Regions,
        Section::Checks,
        Section::Endpoints,
        Section::CidrCollections,
        Section::Pools,
        Section::Records,
    ];

    /// `3 checks`, `1 zone`.
    pub fn count(self, n: usize) -> String {
        let (one, many) = match self {
            Section::Zone => ("zone", "zones"),
            Section::Inputs => ("input", "inputs"),
            Section::Regions => ("region", "regions"),
            Section::Checks => ("check", "checks"),
            Section::Endpoints => ("endpoint", "endpoints"),
            Section::CidrCollections => ("CIDR collection", "CIDR collections"),
            Section::Pools => ("pool", "pools"),
            Section::Records => ("record", "records"),
        };
        format!("{n} {}", if n == 1 { one } else { many })
    }
}

/// One item of the file: its text (one steer item, any layout: the
/// formatter lays it out) and the comment lines above it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Item {
    comment: Vec<String>,
    text: String,
}

/// The file being imported, item by item.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// A comment at the top of the file (where it came from).
    header: Vec<String>,
    sections: [Vec<Item>; 8],
}

impl Document {
    pub fn new() -> Self {
        Self::default()
    }

    /// A comment line at the top of the file.
    pub fn header(&mut self, line: impl Into<String>) {
        self.header.push(line.into());
    }

    /// Adds an item to its section (items keep the order they were added in).
    pub fn push(&mut self, section: Section, text: impl Into<String>) {
        self.push_commented(section, None, text);
    }

    /// Adds an item with a comment above it saying what the importer
    /// decided (each line of `comment` becomes a `# ` line).
    pub fn push_commented(
        &mut self,
        section: Section,
        comment: Option<&str>,
        text: impl Into<String>,
    ) {
        self.sections[section as usize].push(Item {
            comment: comment
                .map(|c| c.lines().map(str::to_string).collect())
                .unwrap_or_default(),
            text: text.into(),
        });
    }

    /// How many items `section` holds.
    pub fn len(&self, section: Section) -> usize {
        self.sections[section as usize].len()
    }

    pub fn is_empty(&self) -> bool {
        self.sections.iter().all(Vec::is_empty)
    }

    /// The file as written, before formatting.
    pub fn unformatted(&self) -> String {
        let mut out = String::new();
        for line in &self.header {
            comment_line(&mut out, line);
        }
        for items in &self.sections {
            if items.is_empty() {
                continue;
            }
            if !out.is_empty() {
                out.push('\n');
            }
            for item in items {
                for line in &item.comment {
                    comment_line(&mut out, line);
                }
                out.push_str(&item.text);
                out.push('\n');
            }
        }
        out
    }

    /// The file, formatted as `steer fmt` prints it, and the counts for a
    /// [`Summary`] (whose skips the importer adds). Text that does not
    /// parse is a bug of the importer: `import-internal`, with the text.
    pub fn render(&self) -> Result<(String, Summary), ImportError> {
        let text = self.unformatted();
        let formatted =
            crate::fmt::format_source(&text).ok_or_else(|| messages::unreadable_output(&text))?;
        let summary = Summary {
            imported: Section::ALL.iter().map(|s| (*s, self.len(*s))).collect(),
            skipped: Vec::new(),
        };
        Ok((formatted, summary))
    }
}

/// `# LINE`; a line with a newline in it is split, so that text from the
/// input never leaves the comment.
fn comment_line(out: &mut String, line: &str) {
    for part in line.split(['\n', '\r']) {
        out.push_str("# ");
        out.push_str(part);
        out.push('\n');
    }
}

/// A steer string: `"..."` with the formatter's escapes.
pub fn string(s: &str) -> String {
    crate::fmt::quote(s)
}

/// `[A, B, ...]`.
pub fn list<I, S>(items: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let items: Vec<String> = items.into_iter().map(|s| s.as_ref().to_string()).collect();
    format!("[{}]", items.join(", "))
}

/// A number of seconds as a steer duration in the largest unit that
/// divides it exactly: `86400` → `1d`, `90` → `90s`, `0` → `0s`.
pub fn duration(seconds: u64) -> String {
    for (unit, size) in [("w", 604_800), ("d", 86_400), ("h", 3_600), ("m", 60)] {
        if seconds > 0 && seconds % size == 0 {
            return format!("{}{unit}", seconds / size);
        }
    }
    format!("{seconds}s")
}

/// The TTL most records have (the smallest of the most common): the
/// zone's `ttl`, so that the fewest records need their own.
pub fn most_common_ttl(ttls: impl Iterator<Item = u64>) -> Option<u64> {
    let mut counts: HashMap<u64, usize> = HashMap::new();
    for t in ttls {
        *counts.entry(t).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(t, _)| t)
}

/// A record name relative to `zone` as steer writes it: `@` for the apex,
/// a bare name when its labels allow (`www`, `_sip._tcp`, `*.dev`), a
/// string otherwise. `fqdn` is absolute, lower case, without the final dot.
pub fn record_name(fqdn: &str, zone: &str) -> String {
    let relative = if fqdn == zone {
        return "@".to_string();
    } else if let Some(rest) = fqdn.strip_suffix(zone).and_then(|r| r.strip_suffix('.')) {
        rest
    } else {
        fqdn
    };
    let bare = !relative.is_empty()
        && relative.split('.').all(|label| {
            label == "*"
                || (!label.is_empty()
                    && label
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-'))
        });
    if bare {
        relative.to_string()
    } else {
        string(relative)
    }
}

/// An item written as `KEYWORD NAME { SETTING ... }`: a zone, region,
/// check, endpoint, input or CIDR collection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    head: String,
    settings: Vec<String>,
}

impl Block {
    /// `keyword` and what follows it (an identifier, or a quoted zone name).
    pub fn new(keyword: &str, name: &str) -> Self {
        Block {
            head: format!("{keyword} {name}"),
            settings: Vec::new(),
        }
    }

    /// A block without a name: `soa { ... }`, `private { ... }`.
    pub fn bare(keyword: &str) -> Self {
        Block {
            head: keyword.to_string(),
            settings: Vec::new(),
        }
    }

    /// A setting written as given: `port 443`, `a [192.0.2.1]`,
    /// `alias elb "..."`, `from [us-east-1, eu-west-1, ...]`.
    pub fn set(mut self, setting: impl Into<String>) -> Self {
        self.settings.push(setting.into());
        self
    }

    /// `KEY "VALUE"`, quoted.
    pub fn set_str(self, key: &str, value: &str) -> Self {
        let setting = format!("{key} {}", string(value));
        self.set(setting)
    }

    /// A setting when there is one.
    pub fn maybe(self, setting: Option<String>) -> Self {
        match setting {
            Some(s) => self.set(s),
            None => self,
        }
    }

    /// A word alone (`measure_latency`, `create`) when `on`.
    pub fn flag(self, key: &str, on: bool) -> Self {
        if on {
            self.set(key)
        } else {
            self
        }
    }

    /// The item's text (one line; the formatter lays it out). A block
    /// with no settings is written with `{ }`, except a bare zone line.
    pub fn text(&self) -> String {
        if self.settings.is_empty() && self.head.starts_with("zone ") {
            return self.head.clone();
        }
        format!("{} {{ {} }}", self.head, self.settings.join("  "))
    }
}

/// A geolocation rule's key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Geo {
    Continent(String),
    Country(String),
    /// `US-CA`: the country is part of the code.
    Subdivision(String),
    Default,
}

/// Where a geoproximity member is, when not from its endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    Region(String),
    /// Latitude and longitude, as they are to be written.
    Coordinates(String, String),
}

/// A routing policy: what a record or pool has after `=`, or a member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Policy {
    /// An endpoint or a pool, by name.
    Name(String),
    Failover {
        primary: Box<Member>,
        secondary: Box<Member>,
    },
    /// Members with the region they are written with (`REGION => ...`).
    Latency(Vec<(Option<String>, Member)>),
    Geolocation(Vec<(Geo, Member)>),
    Weighted(Vec<(Member, u32)>),
    Multivalue(Vec<Member>),
    /// Members with their place and bias.
    Geoproximity(Vec<(Option<Place>, Member, Option<i32>)>),
    /// A CIDR collection and its rules: a location, or `None` for `default`.
    Cidr {
        collection: String,
        rules: Vec<(Option<String>, Member)>,
    },
}

/// A use of a policy: the policy and what this use says about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub policy: Policy,
    /// `stay POLICY`: always healthy for its parent.
    pub stay: bool,
    /// `id "..."`: the set identifier chosen for this member.
    pub id: Option<String>,
    /// `check NAME`, and whether `alone` follows it.
    pub check: Option<(String, bool)>,
}

impl From<Policy> for Member {
    fn from(policy: Policy) -> Self {
        Member {
            policy,
            stay: false,
            id: None,
            check: None,
        }
    }
}

impl Member {
    pub fn name(name: impl Into<String>) -> Self {
        Policy::Name(name.into()).into()
    }

    pub fn with_id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }

    pub fn with_check(mut self, check: impl Into<String>, alone: bool) -> Self {
        self.check = Some((check.into(), alone));
        self
    }

    pub fn stay(mut self) -> Self {
        self.stay = true;
        self
    }

    pub fn text(&self) -> String {
        let mut out = String::new();
        if self.stay {
            out.push_str("stay ");
        }
        out.push_str(&self.policy.text());
        if let Some(id) = &self.id {
            out.push_str(" id ");
            out.push_str(&string(id));
        }
        if let Some((check, alone)) = &self.check {
            out.push_str(" check ");
            out.push_str(check);
            if *alone {
                out.push_str(" alone");
            }
        }
        out
    }
}

impl Policy {
    pub fn text(&self) -> String {
        match self {
            Policy::Name(name) => name.clone(),
            Policy::Failover { primary, secondary } => format!(
                "failover {{ primary {}  secondary {} }}",
                primary.text(),
                secondary.text()
            ),
            Policy::Latency(members) => {
                let members = members.iter().map(|(region, m)| match region {
                    Some(r) => format!("{r} => {}", m.text()),
                    None => m.text(),
                });
                format!("latency {}", list(members))
            }
            Policy::Geolocation(rules) => {
                let rules: Vec<String> = rules
                    .iter()
                    .map(|(geo, m)| format!("{} => {}", geo.text(), m.text()))
                    .collect();
                format!("geolocation {{ {} }}", rules.join("  "))
            }
            Policy::Weighted(members) => {
                let members: Vec<String> = members
                    .iter()
                    .map(|(m, w)| format!("{} {w}", m.text()))
                    .collect();
                format!("weighted {{ {} }}", members.join("  "))
            }
            Policy::Multivalue(members) => {
                format!("multivalue {}", list(members.iter().map(Member::text)))
            }
            Policy::Geoproximity(members) => {
                let members = members.iter().map(|(place, m, bias)| {
                    let mut s = match place {
                        Some(Place::Region(r)) => format!("{r} => "),
                        Some(Place::Coordinates(lat, lon)) => format!("({lat}, {lon}) => "),
                        None => String::new(),
                    };
                    s.push_str(&m.text());
                    if let Some(b) = bias {
                        s.push_str(&format!(" bias {b}"));
                    }
                    s
                });
                format!("geoproximity {}", list(members))
            }
            Policy::Cidr { collection, rules } => {
                let rules: Vec<String> = rules
                    .iter()
                    .map(|(location, m)| {
                        format!(
                            "{} => {}",
                            location.as_deref().unwrap_or("default"),
                            m.text()
                        )
                    })
                    .collect();
                format!("cidr {collection} {{ {} }}", rules.join("  "))
            }
        }
    }
}

impl Geo {
    fn text(&self) -> String {
        match self {
            Geo::Continent(c) => format!("continent {c}"),
            Geo::Country(c) => format!("country {c}"),
            Geo::Subdivision(c) => format!("subdivision {c}"),
            Geo::Default => "default".to_string(),
        }
    }
}

/// `record NAME TYPE = POLICY [ttl T]`.
pub fn routed_record(name: &str, record_type: &str, policy: &Policy, ttl: Option<u64>) -> String {
    let mut out = format!("record {name} {record_type} = {}", policy.text());
    if let Some(ttl) = ttl {
        out.push_str(&format!(" ttl {}", duration(ttl)));
    }
    out
}

/// `record NAME TYPE VALUE|[VALUE, ...] [ttl T]`; each value as it is to
/// be written (quoted with [`string`], or a bare address).
pub fn plain_record(name: &str, record_type: &str, values: &[String], ttl: Option<u64>) -> String {
    let values = match values {
        [one] => one.clone(),
        many => list(many),
    };
    let mut out = format!("record {name} {record_type} {values}");
    if let Some(ttl) = ttl {
        out.push_str(&format!(" ttl {}", duration(ttl)));
    }
    out
}

/// `pool NAME = POLICY [ttl T]`.
pub fn pool(name: &str, policy: &Policy, ttl: Option<u64>) -> String {
    let mut out = format!("pool {name} = {}", policy.text());
    if let Some(ttl) = ttl {
        out.push_str(&format!(" ttl {}", duration(ttl)));
    }
    out
}

/// What a name names: steer resolves each namespace on its own, except
/// that endpoints and pools share one (a member names either).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Namespace {
    Input,
    Region,
    Check,
    /// Endpoints and pools.
    Endpoint,
    CidrCollection,
}

impl Namespace {
    /// What a name that would start with a digit starts with instead.
    fn prefix(self) -> &'static str {
        match self {
            Namespace::Input => "input",
            Namespace::Region => "region",
            Namespace::Check => "check",
            Namespace::Endpoint => "ep",
            Namespace::CidrCollection => "collection",
        }
    }
}

/// steer's keywords: never used as names, so that no reader (a person
/// or the grammar's member suffixes) can take one for the other.
pub(crate) const KEYWORDS: &[&str] = &[
    "zone",
    "region",
    "check",
    "endpoint",
    "record",
    "cidr_collection",
    "pool",
    "ttl",
    "nameservers",
    "hosted_zone_id",
    "create",
    "private",
    "name",
    "tags",
    "vpc",
    "soa",
    "email",
    "serial",
    "refresh",
    "retry",
    "expire",
    "minimum",
    "aws",
    "at",
    "port",
    "path",
    "host",
    "every",
    "unhealthy_after",
    "expect",
    "from",
    "measure_latency",
    "sni",
    "inverted",
    "disabled",
    "alarm",
    "in",
    "insufficient_data",
    "recovery_control",
    "a",
    "aaaa",
    "cname",
    "alias",
    "evaluate_target_health",
    "failover",
    "primary",
    "secondary",
    "latency",
    "geolocation",
    "continent",
    "country",
    "subdivision",
    "default",
    "weighted",
    "multivalue",
    "geoproximity",
    "bias",
    "cidr",
    "stay",
    "id",
    "alone",
    "input",
    "description",
    "terraform",
    "cloudformation",
    "import",
    "ip",
    "true",
    "false",
    "all",
    "any",
    "at_least",
];

/// Derives readable identifiers, unique per [`Namespace`], from what the
/// input says (a region code, a location, a set identifier, a host
/// name). The same calls in the same order give the same names.
#[derive(Debug, Clone, Default)]
pub struct Names {
    taken: HashMap<Namespace, HashSet<String>>,
}

impl Names {
    pub fn new() -> Self {
        Self::default()
    }

    /// An identifier for `raw` in `namespace`: [`identifier`]'s form, with
    /// `_2`, `_3`, ... when taken.
    pub fn unique(&mut self, namespace: Namespace, raw: &str) -> String {
        let mut base = identifier(raw);
        if base.is_empty() {
            base = namespace.prefix().to_string();
        } else if base.starts_with(|c: char| c.is_ascii_digit()) {
            base = format!("{}_{base}", namespace.prefix());
        }
        let taken = self.taken.entry(namespace).or_default();
        let mut name = base.clone();
        let mut n = 1;
        while taken.contains(&name) || KEYWORDS.contains(&name.as_str()) {
            n += 1;
            name = format!("{base}_{n}");
        }
        taken.insert(name.clone());
        name
    }

    /// Marks `name` as used in `namespace` (a name the input chose).
    pub fn reserve(&mut self, namespace: Namespace, name: &str) {
        self.taken
            .entry(namespace)
            .or_default()
            .insert(name.to_string());
    }
}

/// `raw` as a steer identifier: ASCII letters lower-cased, digits and
/// `_` kept, every other run of characters one `_`, no `_` at either end:
/// `eu-west-1` → `eu_west_1`, `www.example.com` → `www_example_com`,
/// `NA-US-CA` → `na_us_ca`. May be empty or start with a digit
/// ([`Names::unique`] deals with both).
pub fn identifier(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    out.trim_matches('_').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_readable_unique_and_deterministic() {
        let mut names = Names::new();
        assert_eq!(names.unique(Namespace::Region, "eu-west-1"), "eu_west_1");
        assert_eq!(names.unique(Namespace::Region, "EU_West 1"), "eu_west_1_2");
        assert_eq!(names.unique(Namespace::Check, "eu-west-1"), "eu_west_1");
        assert_eq!(
            names.unique(Namespace::Endpoint, "192.0.2.1"),
            "ep_192_0_2_1"
        );
        assert_eq!(names.unique(Namespace::Endpoint, "default"), "default_2");
        assert_eq!(names.unique(Namespace::Endpoint, "--"), "ep");
        assert_eq!(names.unique(Namespace::Endpoint, "ép"), "p");
        names.reserve(Namespace::Endpoint, "web");
        assert_eq!(names.unique(Namespace::Endpoint, "web"), "web_2");
    }

    #[test]
    fn record_names_are_relative_and_bare_where_they_can_be() {
        assert_eq!(record_name("example.com", "example.com"), "@");
        assert_eq!(
            record_name("_sip._tcp.example.com", "example.com"),
            "_sip._tcp"
        );
        assert_eq!(record_name("*.dev.example.com", "example.com"), "*.dev");
        assert_eq!(record_name("a b.example.com", "example.com"), "\"a b\"");
        assert_eq!(duration(86_400), "1d");
        assert_eq!(duration(90), "90s");
        assert_eq!(duration(0), "0s");
        assert_eq!(duration(7_200), "2h");
    }

    /// A document using every kind of item and policy the writer knows
    /// comes out formatted (formatting it again changes nothing) and
    /// checks clean.
    #[test]
    fn a_document_with_every_kind_of_item_formats_and_checks_clean() {
        let mut doc = Document::new();
        doc.header("imported by a test");
        doc.push(
            Section::Zone,
            Block::new("zone", &string("example.com"))
                .set("ttl 1h")
                .set(format!("nameservers {}", list([string("ns1.example.net")])))
                .text(),
        );
        doc.push(
            Section::Inputs,
            Block::new("input", "lb_name")
                .set_str("description", "the load balancer")
                .text(),
        );
        doc.push(
            Section::Regions,
            Block::new("region", "dublin")
                .set_str("aws", "eu-west-1")
                .text(),
        );
        doc.push(
            Section::Regions,
            Block::new("region", "virginia")
                .set_str("aws", "us-east-1")
                .text(),
        );
        doc.push_commented(
            Section::Checks,
            Some("every setting\nof a probe"),
            Block::new("check", "dub_up")
                .set(format!("https {}", string("dub.example.net")))
                .set_str("path", "/health \"ok\"")
                .set("port 8443")
                .set("every 10s")
                .set("unhealthy_after 2")
                .set_str("expect", "OK")
                .set(format!(
                    "from {}",
                    list(["eu-west-1", "us-east-1", "us-west-2"])
                ))
                .flag("measure_latency", true)
                .set("sni false")
                .flag("inverted", false)
                .text(),
        );
        doc.push(
            Section::Checks,
            Block::new("check", "va_up")
                .set("tcp 93.184.216.34")
                .set("port 443")
                .text(),
        );
        doc.push(
            Section::Endpoints,
            Block::new("endpoint", "dub")
                .set("region dublin")
                .set("a [198.51.100.1]")
                .set("check dub_up")
                .text(),
        );
        doc.push(
            Section::Endpoints,
            Block::new("endpoint", "va")
                .set("region virginia")
                .set("a [198.51.100.2]")
                .set("check va_up")
                .text(),
        );
        doc.push(
            Section::Endpoints,
            Block::new("endpoint", "va_lb")
                .set("region virginia")
                .set("alias elb input.lb_name")
                .flag("evaluate_target_health", true)
                .text(),
        );
        doc.push(
            Section::Endpoints,
            Block::new("endpoint", "elsewhere")
                .set("a [198.51.100.3]")
                .text(),
        );
        doc.push(
            Section::Pools,
            pool(
                "eu",
                &Policy::Failover {
                    primary: Box::new(Member::name("dub")),
                    secondary: Box::new(Member::name("va").with_id("eu-secondary")),
                },
                Some(60),
            ),
        );
        let geo = Policy::Geolocation(vec![
            (Geo::Continent("EU".into()), Member::name("eu")),
            (
                Geo::Subdivision("US-CA".into()),
                Member::name("va_lb").with_check("va_up", false),
            ),
            (
                Geo::Default,
                Member::from(Policy::Weighted(vec![
                    (Member::name("va"), 3),
                    (Member::name("elsewhere").with_check("dub_up", false), 1),
                ]))
                .with_check("va_up", true),
            ),
        ]);
        doc.push_commented(
            Section::Records,
            Some("routed"),
            routed_record("www", "A", &geo, Some(60)),
        );
        doc.push(
            Section::Records,
            routed_record(
                "api",
                "A",
                &Policy::Latency(vec![
                    (None, Member::name("dub")),
                    (
                        Some("virginia".into()),
                        Member::from(Policy::Multivalue(vec![
                            Member::name("va"),
                            Member::name("elsewhere").with_check("dub_up", false),
                        ])),
                    ),
                ]),
                None,
            ),
        );
        doc.push(
            Section::Records,
            routed_record(
                "near",
                "A",
                &Policy::Geoproximity(vec![
                    (None, Member::name("dub"), Some(10)),
                    (
                        Some(Place::Coordinates("40.71".into(), "-74.01".into())),
                        Member::name("va").stay(),
                        None,
                    ),
                ]),
                None,
            ),
        );
        doc.push(
            Section::Records,
            plain_record(
                "@",
                "TXT",
                &[string("v=spf1 -all"), string("say \"hi\"")],
                Some(3600),
            ),
        );
        doc.push(
            Section::Records,
            plain_record(
                &record_name("_sip._tcp.example.com", "example.com"),
                "SRV",
                &[string("0 5 5060 sip.example.com")],
                None,
            ),
        );
        let (text, summary) = doc.render().expect("renders");
        assert_eq!(
            crate::fmt::format_source(&text).as_deref(),
            Some(text.as_str())
        );
        assert!(text.starts_with("# imported by a test\n"), "{text}");
        assert!(
            text.contains("# every setting\n# of a probe\ncheck dub_up"),
            "{text}"
        );
        assert_eq!(summary.count(Section::Records), 5);
        assert_eq!(summary.count(Section::Endpoints), 4);
        let mut loaded = crate::load::Loaded::default();
        loaded.add("imported.steer", text.as_bytes());
        let checked = crate::check_loaded(&loaded);
        let problems: Vec<String> = checked
            .diagnostics
            .iter()
            .map(|d| crate::diagnostic::plain_line(d, &loaded.sources))
            .collect();
        assert!(problems.is_empty(), "{text}\n{problems:#?}");
    }
}
