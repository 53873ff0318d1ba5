//! The wording of every check-stage diagnostic, in one place.
//!
//! [`CheckCode`] is the table of codes (name, severity, one-line summary);
//! below it, one named constructor per message, grouped by code in the
//! order of the table, so that a code reads the same way wherever it is
//! reported (the pattern of Prisma's `DatamodelError::new_*`). The passes
//! decide *what* is wrong and gather the facts (names, spans, the closest
//! name for a "did you mean"); these functions decide how it is said: the
//! message, the label under the underline, the other places, the hints.
//!
//! Forms shared across codes: a number outside Route 53's range is "X N is
//! out of range: Route 53 accepts A to B"; a string too long for it is "X
//! is N characters long: Route 53 accepts at most M"; something defined
//! twice "is defined more than once", something listed twice in one list
//! "is listed twice".

use super::health::Kind;
use super::ir;
use crate::aws::AliasKind;
use crate::diagnostic::Diagnostic;
use crate::diagnostic_codes;
use crate::dns_name::NameError;
use crate::geo;
use crate::net_ranges::{RangeKind, SpecialRange};
use crate::source::Span;
use crate::syntax::ast::{FailoverRole, Protocol};
use std::fmt::Display;
use std::net::{IpAddr, Ipv4Addr};

diagnostic_codes! {
    /// Codes of the check stage. Errors stop a build; warnings point at
    /// configurations Route 53 accepts but that do not do what they seem to.
    pub enum CheckCode {
        UnknownReference => ("unknown-reference", Error,
            "A name refers to something not defined: a region, check, endpoint, CIDR collection or location, or the record an alias points at."),
        DuplicateDefinition => ("duplicate-definition", Error,
            "A name is defined twice (a zone, region, check, endpoint, collection, CIDR location, or a record name and type), or listed twice where it may appear once (a policy member, a calculated check's child)."),
        ReferenceCycle => ("reference-cycle", Error,
            "Calculated checks or record aliases refer to each other in a loop."),
        MissingZone => ("missing-zone", Error,
            "A file has definitions but no zone is declared for them."),
        NoZone => ("no-zone", Warning,
            "Nothing is declared: the files checked are empty or hold only comments. An error for `build`, which has no zone to build."),
        AmbiguousZone => ("ambiguous-zone", Error,
            "A file declares two zones, or a file without a zone line sits beside several zones."),
        MissingSetting => ("missing-setting", Error,
            "A definition lacks a setting it needs (an endpoint with no answer, a check with nothing to check)."),
        ConflictingSettings => ("conflicting-settings", Error,
            "Settings that exclude each other are used together, or a setting does not apply here."),
        InvalidValue => ("invalid-value", Error,
            "A setting's value has the wrong form: a status word, hosted-zone id, email, ARN, path, alarm name, or coordinate precision."),
        OutOfRange => ("out-of-range", Error,
            "A number is outside the range Route 53 accepts: weights, bias, ports, failure and calculated thresholds, TTLs, SOA timers and serial, coordinates."),
        TooLong => ("too-long", Error,
            "A string is longer than Route 53 accepts: paths, search strings, alarm names, TXT values, names of collections and locations."),
        InvalidName => ("invalid-name", Error,
            "A DNS name is malformed (a label over 63 octets, a name over 253, a misplaced wildcard, a bad character) or outside the zone."),
        UnsupportedRecordType => ("unsupported-record-type", Error,
            "The record type is not one steer supports (A, AAAA, CNAME, MX, TXT, SRV, CAA, NS, PTR), or is not written in upper case."),
        InvalidRecordData => ("invalid-record-data", Error,
            "A record value does not fit its type (an MX without preference, an invalid address), or a value is repeated."),
        CnameConflict => ("cname-conflict", Error,
            "A CNAME is at the zone apex, or beside other data at the same name."),
        RecordTypeMismatch => ("record-type-mismatch", Error,
            "A routed record's endpoint cannot answer for its type (an A record on an AAAA-only or CNAME endpoint)."),
        AliasWithTtl => ("alias-with-ttl", Error,
            "A TTL is set on a record whose answers are all alias records; Route 53 uses the target's TTL."),
        InvalidAliasTarget => ("invalid-alias-target", Error,
            "An alias target is malformed, of an unknown kind, or asks for something Route 53 cannot do with it."),
        AliasRegionMismatch => ("alias-region-mismatch", Error,
            "The region in an alias target's name differs from its endpoint's region."),
        UnknownAliasZone => ("unknown-alias-zone", Error,
            "steer knows no hosted-zone id (or S3 website endpoint) for this alias kind in this region; give `hosted_zone_id`."),
        UnknownAwsRegion => ("unknown-aws-region", Error,
            "An AWS region code is not one of AWS's regions."),
        UnsupportedAwsRegion => ("unsupported-aws-region", Error,
            "An AWS region Route 53 does not accept where it is used: a latency member in a region outside the API's latency `Region` values (the ISO partitions), or an alarm region outside `CloudWatchRegion`."),
        MissingRegion => ("missing-region", Error,
            "Latency or geoproximity routing needs a region for a member that has none, or an alias target's hosted zone depends on a region that is not known."),
        DuplicateLatencyRegion => ("duplicate-latency-region", Error,
            "Two members of one latency policy are in the same AWS region."),
        InvalidLocation => ("invalid-location", Error,
            "A continent, country or subdivision code is not one Route 53 knows."),
        DuplicateLocation => ("duplicate-location", Error,
            "One geolocation or CIDR location is routed twice in the same policy."),
        InvalidFailover => ("invalid-failover", Error,
            "A failover policy does not have exactly one primary and one secondary, or both are CloudFront distributions."),
        AllWeightsZero => ("all-weights-zero", Warning,
            "Every member of a weighted policy has weight 0, so Route 53 answers with all of them equally."),
        TooManyMembers => ("too-many-members", Error,
            "A policy has more members than Route 53 allows (100 per name and type; 30 for geoproximity)."),
        UnsupportedNesting => ("unsupported-nesting", Error,
            "A policy member cannot be expressed in Route 53 (a multivalue member that is not an address endpoint)."),
        InvalidRequestInterval => ("invalid-request-interval", Error,
            "A health check interval other than 10 s or 30 s (Route 53's rule: not for `--target powerdns`)."),
        CheckerRegions => ("checker-regions", Error,
            "Checker regions are fewer than 3, repeated, or not Route 53 health-checker regions (not for `--target powerdns`)."),
        StringMatchNeedsHttp => ("string-match-needs-http", Error,
            "`expect` (string matching) is set on a TCP health check."),
        TooManyChildren => ("too-many-children", Error,
            "A calculated check has more than 256 children."),
        PrivateAddress => ("private-address", Error,
            "A health check probes an address Route 53 cannot check: a local, private, documentation, reserved or multicast range (RFC 5735, RFC 6598, RFC 5156); not for `--target powerdns`."),
        InvalidCidr => ("invalid-cidr", Error,
            "A CIDR block is malformed, has host bits set, is repeated, or its prefix is outside Route 53's range (IPv4 /1–/24, IPv6 /1–/48)."),
        ThresholdAboveChildren => ("threshold-above-children", Warning,
            "A calculated check needs more healthy children than it has: it is always unhealthy."),
        FlappingCheck => ("flapping-check", Warning,
            "A probe every 10 s that changes status after a single failed or passed request: a pause of a few seconds moves traffic away and back."),
        CheckCannotFail => ("check-cannot-fail", Warning,
            "A calculated check stays healthy whatever its probes say: threshold 0, or enough children that are disabled or healthy when CloudWatch lacks data."),
        PrimaryWithoutHealthCheck => ("primary-without-health-check", Warning,
            "Nothing can report a failover primary unhealthy (no health check on it or on any endpoint beneath it, no alias that evaluates the health of something that can fail): failover can never trigger."),
        StayDisablesFailover => ("stay-disables-failover", Warning,
            "A failover primary is marked `stay`, so it is always healthy and failover can never trigger."),
        SharedMemberCheck => ("shared-member-check", Warning,
            "Every member of a weighted, multivalue, latency or geoproximity policy uses the same health check, so a member that dies is still answered."),
        TargetWithoutHealth => ("target-without-health", Warning,
            "An alias evaluates the health of a record of this zone that has no health information: it changes nothing."),
        SharedFailoverCheck => ("shared-failover-check", Warning,
            "Primary and secondary use the same health check, so they are never healthy apart."),
        CheckProtectsItself => ("check-protects-itself", Warning,
            "A health check probes the very record it protects, so it follows the failover instead of watching the endpoint."),
        SingleMember => ("single-member", Warning,
            "A latency, weighted, multivalue or geoproximity policy with one member, or a geolocation or CIDR policy with only `default`, gives every client the same answer: it routes nothing."),
        NoDefaultLocation => ("no-default-location", Warning,
            "Geolocation or CIDR routing without `default`: clients matching no location get no answer."),
        CidrNeverMatches => ("cidr-never-matches", Warning,
            "A CIDR block lies in a private, loopback, link-local, shared, documentation or other special-purpose range: no resolver or client subnet Route 53 sees is in it."),
        PortProtocolMismatch => ("port-protocol-mismatch", Warning,
            "An HTTP check on port 443 or an HTTPS check on port 80."),
        // Inputs: values of the surrounding stack (docs/language.md, "Inputs").
        UnusedInput => ("unused-input", Warning,
            "An input is declared but no `input.NAME` uses it, so no target asks for it."),
        InvalidInput => ("invalid-input", Error,
            "An input's declaration cannot be rendered: its `terraform` reference is not a plain traversal, its name is one Terraform reserves for variables, or its CloudFormation export name is empty."),
        InputAliasNeedsRegion => ("input-alias-needs-region", Error,
            "An alias to an AWS resource names it by an input with no value, and the alias kind and the endpoint's region do not determine the target's hosted-zone id."),
        MultivalueOverEight => ("multivalue-over-eight", Warning,
            "A multivalue policy has more than 8 members; Route 53 answers with at most 8."),
        UnusedPool => ("unused-pool", Warning,
            "A pool that no record or other pool uses: it is not written anywhere."),
        PoolsTooDeep => ("pools-too-deep", Error,
            "Pools used inside pools make a routing tree deeper than the 48 levels of nesting steer allows."),
    }
}

// ---------------------------------------------------------------------------
// steer::unknown-reference
// ---------------------------------------------------------------------------

/// A name that no definition of its kind has. `suggestion` is the closest
/// defined name ("did you mean"); `none_defined` says the table is empty.
pub(super) fn unknown_reference(
    kind: &str,
    name: &str,
    span: Span,
    suggestion: Option<String>,
    none_defined: bool,
) -> Diagnostic {
    let hint = suggestion.or_else(|| {
        (none_defined && !kind.contains(' '))
            .then(|| format!("no {kind} is defined; define one with `{kind} {name} {{ ... }}`"))
    });
    Diagnostic::new(
        CheckCode::UnknownReference,
        span,
        format!("unknown {kind} `{name}`"),
    )
    .label(format!("no {kind} of this name"))
    .maybe_hint(hint)
}

/// An `alias record` endpoint aliasing a record set the zone lacks.
pub(super) fn alias_to_missing_record(
    endpoint: &str,
    dns_name: &str,
    record_type: ir::RecordType,
    span: Span,
    record: Span,
) -> Diagnostic {
    Diagnostic::new(
        CheckCode::UnknownReference,
        span,
        format!("endpoint `{endpoint}` aliases {dns_name} {record_type}, which this zone does not define"),
    )
    .label("alias to a missing record")
    .with_secondary(record, "used by this record")
    .hint(format!("define `record ... {record_type}` at that name, or fix the alias"))
}

// ---------------------------------------------------------------------------
// steer::duplicate-definition
// ---------------------------------------------------------------------------

fn defined_twice(what: String, span: Span, first: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::DuplicateDefinition,
        span,
        format!("{what} is defined more than once"),
    )
    .label("defined again here")
    .with_secondary(first, "first defined here")
}

fn listed_twice(what: String, list: String, span: Span, first: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::DuplicateDefinition,
        span,
        format!("{what} is listed twice in {list}"),
    )
    .label("listed again here")
    .with_secondary(first, "first listed here")
}

/// A region, check, endpoint or CIDR collection defined twice.
pub(super) fn duplicate_definition(kind: &str, name: &str, span: Span, first: Span) -> Diagnostic {
    defined_twice(format!("{kind} `{name}`"), span, first)
        .hint(format!("rename one of them, or merge them into one {kind}"))
}

/// Two zone blocks (with settings) for one zone.
pub(super) fn duplicate_zone(name: &str, span: Span, first: Span) -> Diagnostic {
    defined_twice(format!("zone `{name}`"), span, first)
        .hint("keep the settings in one zone block; other files may say just `zone \"...\"`")
}

/// Two record sets with one name and type; `both_plain` when neither is
/// routed, so that their values can simply be merged.
pub(super) fn duplicate_record_set(
    name: &str,
    record_type: ir::RecordType,
    both_plain: bool,
    span: Span,
    first: Span,
) -> Diagnostic {
    let hint = if both_plain {
        format!("merge the values into one record: `record {name} {record_type} [..., ...]`")
    } else {
        "a name and type has one routing policy: combine the two into one policy, \
         or give one of them another name"
            .to_string()
    };
    defined_twice(
        format!(
            "record `{}` {record_type}",
            crate::dns_name::to_unicode(name)
        ),
        span,
        first,
    )
    .hint(hint)
}

/// A location defined twice in one CIDR collection.
pub(super) fn duplicate_cidr_location(name: &str, span: Span, first: Span) -> Diagnostic {
    defined_twice(format!("location `{name}`"), span, first)
}

/// A calculated check listing one child twice.
pub(super) fn duplicate_child(child: &str, check: &str, span: Span, first: Span) -> Diagnostic {
    listed_twice(
        format!("check `{child}`"),
        format!("calculated check `{check}`"),
        span,
        first,
    )
    .hint("remove one of them; each child counts once")
}

/// One endpoint twice in a policy: two record sets with one set identifier.
pub(super) fn duplicate_member(
    endpoint: &str,
    policy: &str,
    span: Span,
    first: Span,
) -> Diagnostic {
    listed_twice(
        format!("endpoint `{endpoint}`"),
        format!("this {policy} policy"),
        span,
        first,
    )
    .hint("list each endpoint once; to give it more weight, raise its weight")
}

// ---------------------------------------------------------------------------
// steer::reference-cycle
// ---------------------------------------------------------------------------

/// How a node of the dependency graph is named in a cycle.
fn graph_node(node: &ir::GraphNode) -> String {
    use ir::GraphNode as N;
    match *node {
        N::Zone(z) => format!("zone `{z}`"),
        N::Region(r) => format!("region `{r}`"),
        N::Check(c) => format!("check `{c}`"),
        N::Endpoint(e) => format!("endpoint `{e}`"),
        N::CidrCollection(c) => format!("cidr_collection `{c}`"),
        N::Input(i) => format!("input `{i}`"),
        N::Pool(p) => format!("pool `{p}`"),
        N::Record(name, t) => format!("record {name} {t}"),
        N::Policy(name, t, path) if path.is_empty() => format!("record {name} {t}"),
        N::Policy(name, t, path) => format!("{} of record {name} {t}", path.join(" → ")),
    }
}

/// A loop in the dependency graph: `cycle` is the path from the node at
/// `span` back to it; `also` are the other nodes on it that have a place.
pub(super) fn reference_cycle(
    cycle: &[ir::GraphNode],
    span: Span,
    also: &[(Span, ir::GraphNode)],
) -> Diagnostic {
    // Policy nodes are the inside of a record: the record names them.
    let shown: Vec<String> = cycle
        .iter()
        .filter(|n| !matches!(n, ir::GraphNode::Policy(..)))
        .map(graph_node)
        .collect();
    let back_to = shown.first().cloned().unwrap_or_default();
    let mut d = Diagnostic::new(
        CheckCode::ReferenceCycle,
        span,
        format!("reference cycle: {} → {back_to}", shown.join(" → ")),
    )
    .label("this depends on itself");
    for (place, node) in also {
        d = d.with_secondary(*place, format!("{} is part of the cycle", graph_node(node)));
    }
    d.hint(
        "break the loop: a calculated check cannot contain itself, and records cannot alias \
         each other in a circle",
    )
}

/// A calculated check that lists itself.
pub(super) fn check_lists_itself(check: &str, span: Span, definition: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::ReferenceCycle,
        span,
        format!("calculated check `{check}` lists itself as a child"),
    )
    .label("refers to itself")
    .with_secondary(definition, "the check being defined")
    .hint("a check cannot depend on its own status; list other checks")
}

// ---------------------------------------------------------------------------
// steer::no-zone
// ---------------------------------------------------------------------------

/// An empty file (or one of comments only), checked without any zone.
pub(super) fn no_zone(span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::NoZone,
        span,
        "this file declares no zone and defines nothing",
    )
    .label("nothing declared")
    .hint("start it with a zone block, e.g. `zone \"example.com\" { ttl 300 }`, or leave it out")
}

// ---------------------------------------------------------------------------
// steer::missing-zone
// ---------------------------------------------------------------------------

/// A file with definitions and no zone anywhere to put them in.
/// A file without a zone line whose unit (directory) declares no zone;
/// `elsewhere`: the zones declared in other directories checked with it,
/// which it does not join.
pub(super) fn missing_zone(span: Span, elsewhere: &[(&str, Span)]) -> Diagnostic {
    let mut d = Diagnostic::new(
        CheckCode::MissingZone,
        span,
        "no zone is declared for these definitions",
    )
    .label("this file's first definition");
    for (zone, at) in elsewhere {
        d = d.with_secondary(
            *at,
            format!("zone `{zone}` is declared in another directory: this file does not join it"),
        );
    }
    if elsewhere.is_empty() {
        d.hint(
            "add a zone block, e.g. `zone \"example.com\" { ttl 300 }`, to this file or to a \
             file of its directory",
        )
    } else {
        d.hint(
            "a file without a zone line belongs to the zone of its own directory; to add these \
             definitions to a zone of another directory, start the file with its bare zone \
             line, e.g. `zone \"example.com\"`",
        )
    }
}

// ---------------------------------------------------------------------------
// steer::ambiguous-zone
// ---------------------------------------------------------------------------

/// A second `zone` line in one file.
pub(super) fn second_zone_in_file(span: Span, first: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::AmbiguousZone,
        span,
        "a file may declare only one zone",
    )
    .label("second zone in this file")
    .with_secondary(first, "first zone of this file")
    .hint("put each zone's definitions in files of their own")
}

/// A file without a zone line, checked beside several zones.
pub(super) fn which_zone(zones: &[&str], span: Span) -> Diagnostic {
    let names: Vec<String> = zones.iter().map(|z| format!("`{z}`")).collect();
    Diagnostic::new(
        CheckCode::AmbiguousZone,
        span,
        format!(
            "this file declares no zone, and its directory declares several ({})",
            names.join(", ")
        ),
    )
    .label("which zone do these definitions belong to?")
    .hint("start the file with a bare zone line, e.g. `zone \"example.com\"`")
}

// ---------------------------------------------------------------------------
// steer::missing-setting
// ---------------------------------------------------------------------------

/// A region with neither `aws` nor `at`.
pub(super) fn empty_region(name: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::MissingSetting,
        span,
        format!("region `{name}` has neither an AWS region nor coordinates"),
    )
    .label("empty region")
    .hint("add `aws \"eu-west-1\"` (for latency routing) or `at (53.35, -6.26)` (for geoproximity)")
}

pub(super) fn endpoint_without_answer(name: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::MissingSetting,
        span,
        format!("endpoint `{name}` has no answer"),
    )
    .label("nothing to answer with")
    .hint("give it addresses (`a [203.0.113.10]`, `aaaa [...]`), a `cname \"...\"`, or an `alias ...`")
}

/// `a []` or `aaaa []`.
pub(super) fn empty_address_list(family: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::MissingSetting,
        span,
        format!("the {family} address list is empty"),
    )
    .label("no addresses")
    .hint("list at least one address, or remove the setting")
}

/// An AWS alias without the target's name, for a kind that needs one.
pub(super) fn alias_without_target(kind: AliasKind, span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::MissingSetting,
        span,
        format!("the {} alias needs the target's DNS name", kind.keyword()),
    )
    .label("no target name")
    .hint(example_alias_target(kind))
}

/// A check with none of a probe, a calculation, an alarm or a routing
/// control.
pub(super) fn check_without_kind(name: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::MissingSetting,
        span,
        format!("check `{name}` does not say what to check"),
    )
    .label("nothing to check")
    .hint(format!(
        "give it one of: a probe (`https \"www.example.com\" path \"/health\"`, or `http`, \
         or `tcp \"db.example.com\" port 5432`); a calculation (`check {name} = any(a, b)`, \
         `all(...)`, `at_least(2, ...)`); a CloudWatch alarm (`alarm \"name\" in us-east-1`); \
         or a routing control (`recovery_control \"arn:aws:route53-recovery-control::...\"`)"
    ))
}

pub(super) fn tcp_without_port(name: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::MissingSetting,
        span,
        format!("tcp check `{name}` needs a port"),
    )
    .label("no port given")
    .hint("say which port to connect to, e.g. `port 443`")
}

pub(super) fn calculation_without_children(name: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::MissingSetting,
        span,
        format!("calculated check `{name}` has no children"),
    )
    .label("no checks to combine")
    .hint("list the checks it combines, e.g. `any(ireland_up, frankfurt_up)`")
}

/// `at_least(a, b)` without its count; `children` as written.
pub(super) fn at_least_without_count(children: &[&str], span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::MissingSetting,
        span,
        "`at_least` needs a count: how many children must be healthy",
    )
    .label("no count")
    .hint(format!(
        "write the count first, e.g. `at_least(2, {})`",
        children.join(", ")
    ))
}

pub(super) fn collection_without_locations(name: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::MissingSetting,
        span,
        format!("collection `{name}` has no locations"),
    )
    .label("empty collection")
    .hint("add locations: `office [198.51.100.0/24]`")
}

pub(super) fn location_without_blocks(name: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::MissingSetting,
        span,
        format!("location `{name}` has no CIDR blocks"),
    )
    .label("empty location")
}

// ---------------------------------------------------------------------------
// steer::conflicting-settings
// ---------------------------------------------------------------------------

/// `tags` on a zone steer does not create.
pub(super) fn tags_on_existing_zone(span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::ConflictingSettings,
        span,
        "steer tags only a zone it creates",
    )
    .label("the zone exists already (no `create`)")
    .hint("tag the existing zone where it is managed, or add `create` to the zone block")
}

/// A tag key written twice for one resource (`name` is the `Name` key).
pub(super) fn tag_twice(key: &str, span: Span, first: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::ConflictingSettings,
        span,
        format!("the tag `{key}` is written twice"),
    )
    .label("again here")
    .with_secondary(first, "first here")
    .hint("a resource has one value per tag key (`name \"...\"` is the `Name` tag)")
}

/// `private { }` on a zone steer creates, with no VPC.
pub(super) fn private_zone_without_vpc(span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::MissingSetting,
        span,
        "a private hosted zone steer creates needs at least one VPC",
    )
    .label("no `vpc` in it")
    .hint("Route 53 creates a private zone with a VPC: `private { vpc \"vpc-0abc1234\" in eu-west-1 }`")
}

/// `vpc` in the `private` block of a zone steer does not create.
pub(super) fn vpc_on_existing_zone(span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::ConflictingSettings,
        span,
        "steer associates VPCs only with a private zone it creates",
    )
    .label("the zone exists already (no `create`)")
    .hint(
        "write `private { }` to use the existing private zone as it is, or add `create` to \
         the zone block to create it with these VPCs",
    )
}

/// The same VPC twice in one `private` block.
pub(super) fn vpc_twice(id: &str, span: Span, first: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::ConflictingSettings,
        span,
        format!("VPC `{id}` is listed twice"),
    )
    .label("again here")
    .with_secondary(first, "first here")
    .hint("list each VPC once")
}

/// A zone that both names an existing hosted zone and asks to create one.
pub(super) fn create_and_hosted_zone_id(create: Span, id: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::ConflictingSettings,
        create,
        "`create` and `hosted_zone_id` exclude each other",
    )
    .label("asks the target to create the zone")
    .with_secondary(id, "names an existing zone")
    .hint("keep `hosted_zone_id` to use an existing zone, or `create` to make a new one")
}

/// An endpoint with two kinds of answer (`addresses`, `cname`, `alias`).
pub(super) fn two_answers(
    endpoint: &str,
    (first, first_span): (&str, Span),
    (second, span): (&str, Span),
) -> Diagnostic {
    Diagnostic::new(
        CheckCode::ConflictingSettings,
        span,
        format!("endpoint `{endpoint}` has both {first} and {second}"),
    )
    .label(format!("{second} here"))
    .with_secondary(first_span, format!("{first} here"))
    .hint("an endpoint answers one way; define two endpoints if you need both")
}

/// `hosted_zone_id` on an endpoint that is not an alias.
pub(super) fn hosted_zone_id_without_alias(span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::ConflictingSettings,
        span,
        "`hosted_zone_id` applies only to alias endpoints",
    )
    .label("not an alias endpoint")
    .hint("remove it: only alias targets live in a hosted zone of their own")
}

/// `evaluate_target_health` on an endpoint that is not an alias.
pub(super) fn evaluate_target_health_without_alias(span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::ConflictingSettings,
        span,
        "`evaluate_target_health` applies only to alias endpoints",
    )
    .label("this endpoint is not an alias")
    .hint("attach a health check instead: `check NAME`")
}

/// `hosted_zone_id` on an alias to a record of the zone itself.
pub(super) fn hosted_zone_id_on_record_alias(span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::ConflictingSettings,
        span,
        "an alias to a record of this zone uses the zone's own id",
    )
    .label("not needed")
    .hint("remove `hosted_zone_id`")
}

/// A record set of type NS at the zone apex.
pub(super) fn ns_at_apex(span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::ConflictingSettings,
        span,
        "the zone's own NS set is managed by the zone: use `nameservers` in the zone block",
    )
    .label("NS record at the zone apex")
    .hint(
        "to delegate a subdomain, give the NS record the subdomain's name, \
         such as `record dev NS [\"ns1.example.net\"]`",
    )
}

/// How a kind of health check is named.
fn check_kind(kind: Kind) -> &'static str {
    match kind {
        Kind::Probe(Protocol::Http) => "an http check",
        Kind::Probe(Protocol::Https) => "an https check",
        Kind::Probe(Protocol::Tcp) => "a tcp check",
        Kind::Calculated => "a calculated check",
        Kind::Alarm => "a CloudWatch alarm check",
        Kind::RecoveryControl => "a recovery-control check",
    }
}

/// The checks a setting means something for.
#[derive(Debug, Clone, Copy)]
pub(super) enum CheckSettingFor {
    Probes,
    HttpProbes,
    /// http and https probes of an address (`host`).
    AddressHttpProbes,
    HttpsProbes,
    Alarms,
}

fn checks_for(applies: CheckSettingFor) -> &'static str {
    match applies {
        CheckSettingFor::Probes => "http, https and tcp checks",
        CheckSettingFor::HttpProbes => "http and https checks",
        CheckSettingFor::AddressHttpProbes => "http and https checks that probe an IP address",
        CheckSettingFor::HttpsProbes => "https checks",
        CheckSettingFor::Alarms => "CloudWatch alarm checks",
    }
}

/// A check written as two kinds at once; `kind` is the first, which decides.
pub(super) fn two_check_kinds(
    name: &str,
    (kind, kind_span): (Kind, Span),
    (other, span): (Kind, Span),
) -> Diagnostic {
    Diagnostic::new(
        CheckCode::ConflictingSettings,
        span,
        format!(
            "check `{name}` cannot be both {} and {}",
            check_kind(kind),
            check_kind(other)
        ),
    )
    .label(format!("makes it {} too", check_kind(other)))
    .with_secondary(kind_span, format!("makes it {}", check_kind(kind)))
    .hint(
        "a check has exactly one kind: split this into two checks, and combine them \
         with `all(a, b)` if both must be healthy",
    )
}

/// A setting of another kind of check than check `name`'s.
pub(super) fn setting_not_for_kind(
    setting: &str,
    applies: CheckSettingFor,
    name: &str,
    (kind, kind_span): (Kind, Span),
    span: Span,
) -> Diagnostic {
    Diagnostic::new(
        CheckCode::ConflictingSettings,
        span,
        format!(
            "`{setting}` applies only to {}; `{name}` is {}",
            checks_for(applies),
            check_kind(kind)
        ),
    )
    .label(format!("not used by {}", check_kind(kind)))
    .with_secondary(kind_span, format!("this makes it {}", check_kind(kind)))
    .hint(format!("remove `{setting}`"))
}

/// `host` on an http or https check that probes a name, which is already
/// the Host header.
/// `https ip input.NAME` whose value is not an IP address.
pub(super) fn probed_input_not_an_address(value: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::InvalidValue,
        span,
        format!("`{value}` is not an IP address, but `ip` says this probe checks one"),
    )
    .label("expected an IPv4 or IPv6 address")
    .hint("give the input an address, or probe the host name it holds: `https input.NAME`")
}

pub(super) fn host_on_named_probe(
    protocol: Protocol,
    probed: &str,
    host: &str,
    span: Span,
    probed_span: Span,
) -> Diagnostic {
    Diagnostic::new(
        CheckCode::ConflictingSettings,
        span,
        format!(
            "`host` applies only to checks that probe an IP address; this check probes the name \
             `{probed}`, which is already sent as the Host header{}",
            if protocol == Protocol::Https {
                " and SNI name"
            } else {
                ""
            }
        ),
    )
    .label("not used when probing a name")
    .with_secondary(probed_span, "the name probed")
    .hint(format!(
        "remove `host`, or probe an address and name the host: `{} ADDRESS host \"{host}\"`",
        protocol.keyword()
    ))
}

/// A setting only http and https checks use, on a tcp check.
fn not_on_tcp(message: &str, span: Span, protocol_span: Span) -> Diagnostic {
    Diagnostic::new(CheckCode::ConflictingSettings, span, message)
        .label("not used by a tcp check")
        .with_secondary(
            protocol_span,
            format!("this is {}", check_kind(Kind::Probe(Protocol::Tcp))),
        )
}

pub(super) fn host_on_tcp(span: Span, protocol_span: Span) -> Diagnostic {
    not_on_tcp(
        "`host` applies only to http and https checks; tcp checks send no Host header",
        span,
        protocol_span,
    )
    .hint("remove `host`")
}

pub(super) fn path_on_tcp(span: Span, protocol_span: Span) -> Diagnostic {
    not_on_tcp(
        "`path` applies only to http and https checks; tcp checks only open a connection",
        span,
        protocol_span,
    )
    .hint("probe with `http` or `https` to request a path, or remove `path`")
}

/// `sni` on an http or tcp check.
pub(super) fn sni_without_tls(protocol: Protocol, span: Span, protocol_span: Span) -> Diagnostic {
    let kind = check_kind(Kind::Probe(protocol));
    Diagnostic::new(
        CheckCode::ConflictingSettings,
        span,
        format!("`sni` applies only to https checks; this is {kind}"),
    )
    .label("no TLS, so no SNI")
    .with_secondary(protocol_span, format!("this is {kind}"))
    .hint("remove `sni`")
}

/// A count in `all(...)` or `any(...)`.
pub(super) fn count_without_at_least(
    all: bool,
    count: i64,
    span: Span,
    function: Span,
) -> Diagnostic {
    let (keyword, meaning) = if all {
        ("all", "every child must be healthy")
    } else {
        ("any", "one healthy child is enough")
    };
    Diagnostic::new(
        CheckCode::ConflictingSettings,
        span,
        format!("`{keyword}` takes no count: {meaning}"),
    )
    .label("unexpected count")
    .with_secondary(function, format!("`{keyword}` here"))
    .hint(format!(
        "write `at_least({count}, ...)` to need {count} healthy children"
    ))
}

/// `REGION => ENDPOINT` where the endpoint is in another AWS region.
pub(super) fn member_region_differs(
    region: &str,
    aws: &str,
    endpoint: &str,
    own: &str,
    span: Span,
    endpoint_span: Span,
) -> Diagnostic {
    Diagnostic::new(
        CheckCode::ConflictingSettings,
        span,
        format!("this member is routed as {aws}, but endpoint `{endpoint}` is in {own}"),
    )
    .label(format!("{aws} here"))
    .with_secondary(endpoint_span, format!("in {own}"))
    .hint(format!(
        "drop `{region} =>`: an endpoint member answers for its own region"
    ))
}

pub(super) fn stay_in_multivalue(span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::ConflictingSettings,
        span,
        "`stay` does not apply to a multivalue member",
    )
    .label("not in a multivalue policy")
    .hint(
        "a multivalue member without a health check is always answered: remove `check` from its \
         endpoint instead",
    )
}

/// `stay` on a record's own policy, which no policy contains.
pub(super) fn stay_at_root(span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::ConflictingSettings,
        span,
        "`stay` applies to a member of a routing policy, not to a record's own policy",
    )
    .label("no policy around it")
    .hint("remove `stay`, or write it before a member: `continent EU => stay failover { ... }`")
}

/// `check NAME` on a record's own policy: it is one record set, and Route
/// 53 consults a health check only when it chooses between several
/// (API reference, `ResourceRecordSet.HealthCheckId`: "useful only when
/// Route 53 is choosing between two or more resource record sets").
pub(super) fn use_check_at_root(span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::ConflictingSettings,
        span,
        "`check` after a record's own policy would never be consulted",
    )
    .label("no policy around it chooses by health")
    .hint(
        "Route 53 consults a record set's health check only when it chooses between several \
         record sets; write `check` after a member: `primary ireland check ie_up`",
    )
}

/// `stay` and `check` on one member: `stay` means the parent treats it as
/// always healthy, a check means it can be unhealthy.
pub(super) fn stay_with_use_check(stay: Span, check: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::ConflictingSettings,
        check,
        "a `stay` member cannot have a health check of its own",
    )
    .label("this check would make it fail over")
    .with_secondary(stay, "`stay` keeps it healthy whatever is down")
    .hint("remove `stay` to let the check decide, or remove `check` to always answer with it")
}

/// `alone` after an endpoint's check: the endpoint's record set is not an
/// alias steer writes to a nested policy, so there is no
/// evaluate-target-health of steer's for the check to replace.
pub(super) fn alone_on_endpoint(span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::ConflictingSettings,
        span,
        "`alone` applies to a check on a nested policy, not on an endpoint",
    )
    .label("an endpoint's record set has no alias of steer's to leave out")
    .hint(
        "remove `alone`: on an endpoint the check already replaces the endpoint's own check for \
         this record set",
    )
}

/// `id "..."` on a record's own policy: a record with one policy has one
/// record set, which Route 53 gives no set identifier.
pub(super) fn set_id_at_root(span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::ConflictingSettings,
        span,
        "`id` names the record set of a member of a routing policy, not a record's own policy",
    )
    .label("no policy around it")
    .hint("remove `id`, or write it after a member: `primary ireland id \"eu-primary\"`")
}

// ---------------------------------------------------------------------------
// steer::invalid-value
// ---------------------------------------------------------------------------

/// `id ""`: Route 53's `SetIdentifier` has 1 to 128 characters
/// (API reference, ResourceRecordSet).
pub(super) fn empty_set_id(span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::InvalidValue,
        span,
        "a set identifier cannot be empty",
    )
    .label("Route 53 takes 1 to 128 characters")
    .hint("write the identifier the existing record set has, or drop `id` to let steer derive one")
}

/// A tag key of 0 or more than 128 characters (API reference, `Tag`).
pub(super) fn tag_key_length(key: &str, chars: usize, span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::InvalidValue,
        span,
        format!("the tag key `{key}` has {chars} characters; Route 53 takes 1 to 128"),
    )
    .label("tag key")
    .hint("shorten the key")
}

/// A tag key in the `aws:` prefix, which AWS reserves.
pub(super) fn tag_key_reserved(key: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::InvalidValue,
        span,
        format!("the tag key `{key}` starts with `aws:`, which AWS reserves for its own tags"),
    )
    .label("reserved prefix")
    .hint("choose a key without the `aws:` prefix")
}

/// A tag value over 256 characters (API reference, `Tag`).
pub(super) fn tag_value_too_long(chars: usize, span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::InvalidValue,
        span,
        format!("this tag value has {chars} characters; Route 53 takes at most 256"),
    )
    .label("tag value")
    .hint("shorten the value")
}

/// More than 50 tags on one resource, `Name` included.
pub(super) fn too_many_tags(count: usize, span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::InvalidValue,
        span,
        format!("{count} tags on one resource (the `Name` tag included); AWS allows 50"),
    )
    .label("too many tags")
    .hint("drop tags, or combine them")
}

/// A VPC id that is not `vpc-` and hex digits (EC2's form).
pub(super) fn invalid_vpc_id(id: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::InvalidValue,
        span,
        format!("`{id}` is not a VPC id"),
    )
    .label("expected `vpc-` followed by hex digits")
    .hint(
        "copy the id from the VPC console or `aws ec2 describe-vpcs`, e.g. `vpc-0abc1234def567890`",
    )
}

/// An AWS region that Route 53's `VPCRegion` enum does not list.
pub(super) fn not_a_vpc_region(code: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::InvalidValue,
        span,
        format!("Route 53 cannot associate a private zone with a VPC in `{code}`"),
    )
    .label("not in Route 53's VPCRegion list")
    .hint("Route 53's API reference (VPC, VPCRegion) lists the regions a private zone's VPC may be in")
}

pub(super) fn invalid_hosted_zone_id(id: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::InvalidValue,
        span,
        format!("`{id}` is not a Route 53 hosted zone id"),
    )
    .label("expected `Z` followed by up to 32 letters and digits")
    .hint(
        "copy the id from the Route 53 console or `aws route53 list-hosted-zones`, e.g. \
         `Z0123456789ABCDEFGHIJ`",
    )
}

/// The SOA `email`, which is not `name@domain`.
pub(super) fn invalid_email(email: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::InvalidValue,
        span,
        format!("`{email}` is not an email address"),
    )
    .label("expected `name@domain`")
    .hint("e.g. `email \"hostmaster@example.com\"`")
}

/// A latitude or longitude with more decimals than Route 53 takes.
pub(super) fn coordinate_too_precise(
    what: &str,
    written: &str,
    decimals: usize,
    span: Span,
) -> Diagnostic {
    Diagnostic::new(
        CheckCode::InvalidValue,
        span,
        format!("{what} {written} has {decimals} decimals; Route 53 accepts at most 2"),
    )
    .label("too precise")
    .hint("round to two decimals (about 1 km)")
}

pub(super) fn path_not_absolute(path: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::InvalidValue,
        span,
        format!("path `{path}` does not start with `/`"),
    )
    .label("not an absolute path")
    .hint(format!("write `/{path}`"))
}

pub(super) fn empty_alarm_name(span: Span) -> Diagnostic {
    Diagnostic::new(CheckCode::InvalidValue, span, "the alarm name is empty")
        .label("no alarm name")
        .hint("give the CloudWatch alarm's name, e.g. `alarm \"api-5xx-rate\" in us-east-1`")
}

/// An `insufficient_data` word that is not a status; `suggestion` is the
/// closest one.
pub(super) fn unknown_data_status(
    written: &str,
    suggestion: Option<String>,
    span: Span,
) -> Diagnostic {
    Diagnostic::new(
        CheckCode::InvalidValue,
        span,
        format!("`{written}` is not an insufficient-data status"),
    )
    .label("unknown status")
    .maybe_hint(suggestion)
    .hint("write `healthy`, `unhealthy` or `last_known` (the default)")
}

pub(super) fn not_a_routing_control(arn: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::InvalidValue,
        span,
        format!("`{arn}` is not a routing control ARN"),
    )
    .label("expected an ARN starting `arn:aws` and naming a `routingcontrol/`")
    .hint(
        "copy the routing control's ARN from Route 53 ARC, e.g. \
         `arn:aws:route53-recovery-control::123456789012:controlpanel/abc123/routingcontrol/def456`",
    )
}

// ---------------------------------------------------------------------------
// steer::out-of-range
// ---------------------------------------------------------------------------

/// The one form of an out-of-range message: `who` is whose limit it is.
fn out_of_range_message(
    what: &str,
    value: impl Display,
    who: &str,
    min: impl Display,
    max: impl Display,
) -> String {
    format!("{what} {value} is out of range: {who} accepts {min} to {max}")
}

fn out_of_range(
    what: &str,
    value: impl Display,
    min: impl Display,
    max: impl Display,
    span: Span,
) -> Diagnostic {
    Diagnostic::new(
        CheckCode::OutOfRange,
        span,
        out_of_range_message(what, value, "Route 53", min, max),
    )
    .label("out of range")
}

/// A TTL (a zone's, a record's, an SOA timer) above `max` seconds.
pub(super) fn ttl_out_of_range(seconds: u64, max: u64, span: Span) -> Diagnostic {
    out_of_range("TTL", seconds, 0, format!("{max} seconds"), span)
        .label("TTL too large")
        .hint("TTLs are usually minutes to a day, such as `5m`, `1h` or `1d`")
}

/// An SOA serial of 0 or above 32 bits. 0 is steer's own limit: RFC 1982
/// allows it, and steer refuses it.
pub(super) fn soa_serial_out_of_range(serial: i64, span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::OutOfRange,
        span,
        out_of_range_message("SOA serial", serial, "steer", 1, u32::MAX),
    )
    .label("out of range")
}

/// A latitude or longitude beyond ±`limit` degrees.
pub(super) fn coordinate_out_of_range(
    what: &str,
    written: &str,
    limit: f64,
    span: Span,
) -> Diagnostic {
    out_of_range(what, written, -limit, limit, span)
        .hint("coordinates are written `(latitude, longitude)`, e.g. `(53.35, -6.26)` for Dublin")
}

pub(super) fn port_out_of_range(port: i64, span: Span) -> Diagnostic {
    out_of_range("port", port, 1, u16::MAX, span)
}

/// `unhealthy_after` outside 1 to `max`.
pub(super) fn failure_threshold_out_of_range(value: i64, max: i64, span: Span) -> Diagnostic {
    out_of_range("failure threshold", value, 1, max, span)
        .label(format!("`unhealthy_after` must be 1 to {max}"))
        .hint("this is how many failed probes in a row make the endpoint unhealthy (default 3)")
}

/// The count of `at_least(N, ...)` outside 0 to `max`.
pub(super) fn health_threshold_out_of_range(value: i64, max: i64, span: Span) -> Diagnostic {
    out_of_range("health threshold", value, 0, max, span)
        .hint("this is how many children must be healthy")
}

pub(super) fn weight_out_of_range(weight: i64, span: Span) -> Diagnostic {
    out_of_range("weight", weight, 0, u8::MAX, span)
        .hint("weights are relative: 90 and 10 send 90% and 10% of answers")
}

/// A geoproximity bias outside ±`limit`.
pub(super) fn bias_out_of_range(bias: i64, limit: i8, span: Span) -> Diagnostic {
    out_of_range("bias", bias, -limit, limit, span)
        .hint("a positive bias grows the member's area, a negative one shrinks it")
}

// ---------------------------------------------------------------------------
// steer::too-long
// ---------------------------------------------------------------------------

/// The one form of a too-long message.
fn too_long(what: &str, length: usize, max: usize, span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::TooLong,
        span,
        format!("{what} is {length} characters long: Route 53 accepts at most {max}"),
    )
    .label("too long")
}

/// A TXT value longer than Route 53 accepts once quoted and escaped;
/// `bytes` is its length as written.
pub(super) fn txt_too_long(length: usize, bytes: usize, max: usize, span: Span) -> Diagnostic {
    too_long("this TXT value, quoted and escaped,", length, max, span)
        .label(format!("{bytes} bytes"))
        .hint(
            "Route 53 counts the value as sent: in 255-byte pieces, each in double quotes, \
             with `\"` and `\\` escaped and every byte outside printable ASCII written as a \
             4-character `\\ddd` escape",
        )
}

pub(super) fn path_too_long(length: usize, max: usize, span: Span) -> Diagnostic {
    too_long("path", length, max, span)
}

pub(super) fn search_string_too_long(length: usize, max: usize, span: Span) -> Diagnostic {
    too_long("search string", length, max, span).hint(
        "Route 53 searches the first 5120 bytes of the body; a short distinctive string is enough",
    )
}

pub(super) fn alarm_name_too_long(length: usize, max: usize, span: Span) -> Diagnostic {
    too_long("alarm name", length, max, span)
}

pub(super) fn collection_name_too_long(length: usize, max: usize, span: Span) -> Diagnostic {
    too_long("collection name", length, max, span)
}

pub(super) fn location_name_too_long(length: usize, max: usize, span: Span) -> Diagnostic {
    too_long("location name", length, max, span)
}

// ---------------------------------------------------------------------------
// steer::invalid-name
// ---------------------------------------------------------------------------

/// A DNS name that is not valid: a zone name, a name server, a probed host,
/// a CNAME or alias target.
pub(super) fn invalid_dns_name(written: &str, error: &NameError, span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::InvalidName,
        span,
        format!("`{written}` is not a valid DNS name: {error}"),
    )
    .label("invalid name")
}

/// A record's owner name that is not valid in the zone.
pub(super) fn invalid_record_name(
    written: &str,
    error: &NameError,
    zone: &str,
    span: Span,
) -> Diagnostic {
    let hint = match error {
        NameError::OutsideZone { .. } => Some(format!(
            "a name ending in a dot is absolute and must end in `.{zone}.`; without the \
             trailing dot a name is relative to the zone (`www` is `www.{zone}`)"
        )),
        NameError::NameTooLong { .. } => Some(format!(
            "the 253-octet limit counts the zone name `{zone}` too"
        )),
        NameError::Empty => Some("write `@` for the zone apex".to_string()),
        _ => None,
    };
    Diagnostic::new(
        CheckCode::InvalidName,
        span,
        format!("invalid record name `{written}`: {error}"),
    )
    .label("invalid name")
    .maybe_hint(hint)
}

pub(super) fn wildcard_ns(written: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::InvalidName,
        span,
        format!("`{written}` is a wildcard name, which Route 53 does not allow for NS records"),
    )
    .label("wildcard NS record")
    .hint("delegate each subdomain by its own name, such as `record dev NS [...]`")
}

// ---------------------------------------------------------------------------
// steer::unsupported-record-type
// ---------------------------------------------------------------------------

/// The type of an `alias record NAME TYPE` that steer does not support.
pub(super) fn unsupported_alias_type(written: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::UnsupportedRecordType,
        span,
        format!("unsupported record type `{written}`"),
    )
    .label("not a record type steer supports")
    .hint("write a record type steer supports, e.g. `alias record www A`")
}

/// A supported type written in lower or mixed case.
pub(super) fn record_type_case(
    written: &str,
    record_type: ir::RecordType,
    span: Span,
) -> Diagnostic {
    Diagnostic::new(
        CheckCode::UnsupportedRecordType,
        span,
        format!("record type `{written}` must be written in upper case"),
    )
    .label("lower case")
    .hint(format!("write `{record_type}`"))
}

/// A record type steer does not support. Types people reach for in place
/// of a steer construct get a hint of their own; otherwise `suggestion`,
/// the closest supported type, is offered.
pub(super) fn unsupported_record_type(
    written: &str,
    suggestion: Option<String>,
    span: Span,
) -> Diagnostic {
    let specific = match written.to_ascii_uppercase().as_str() {
        "SOA" => {
            Some("the SOA record comes from the zone: set it with `soa { ... }` in the zone block")
        }
        "SPF" => Some(
            "the SPF record type is obsolete (RFC 7208 §14.1): publish the policy as a TXT record",
        ),
        "ALIAS" | "ANAME" => Some(
            "Route 53 alias records are endpoints: define an endpoint with `alias record NAME` or \
             `alias elb \"...\"` and route an A or AAAA record to it",
        ),
        _ => None,
    };
    let supported: Vec<&str> = ir::RecordType::ALL.iter().map(|t| t.as_str()).collect();
    let d = Diagnostic::new(
        CheckCode::UnsupportedRecordType,
        span,
        format!("unsupported record type `{written}`"),
    )
    .label("not a record type steer supports");
    let d = match specific {
        Some(hint) => d.hint(hint),
        None => d.maybe_hint(suggestion),
    };
    d.hint(format!(
        "the supported record types are {}",
        supported.join(", ")
    ))
}

// ---------------------------------------------------------------------------
// steer::invalid-record-data
// ---------------------------------------------------------------------------

fn invalid_record_data(message: String, label: impl Into<String>, span: Span) -> Diagnostic {
    Diagnostic::new(CheckCode::InvalidRecordData, span, message).label(label)
}

/// A value written twice in one list; `first` is how it was written the
/// first time, which may differ (`2001:db8::1` and `2001:DB8:0::1`).
fn repeated_value(
    what: &str,
    again: &str,
    first: &str,
    span: Span,
    first_span: Span,
) -> Diagnostic {
    let message = if again == first {
        format!("{what} `{again}` is listed twice")
    } else {
        format!("{what} `{again}` is the same as `{first}`")
    };
    Diagnostic::new(CheckCode::InvalidRecordData, span, message)
        .label("listed again here")
        .with_secondary(first_span, "first listed here")
        .hint("Route 53 rejects a record set that repeats a value; remove one of them")
}

/// A value of a plain record written twice.
pub(super) fn repeated_record_value(
    record_type: ir::RecordType,
    again: &str,
    first: &str,
    span: Span,
    first_span: Span,
) -> Diagnostic {
    repeated_value(
        &format!("the {record_type} value"),
        again,
        first,
        span,
        first_span,
    )
}

/// An address written twice in an endpoint's `a [...]` or `aaaa [...]`.
pub(super) fn repeated_address(
    again: &str,
    first: &str,
    span: Span,
    first_span: Span,
) -> Diagnostic {
    repeated_value("the address", again, first, span, first_span)
}

/// An endpoint's address that is not of its list's family; `other` is the
/// other family and its keyword when the address is of that one.
pub(super) fn not_an_address(
    written: &str,
    family: &str,
    other: Option<(&str, &str)>,
    span: Span,
) -> Diagnostic {
    Diagnostic::new(
        CheckCode::InvalidRecordData,
        span,
        format!("`{written}` is not an {family} address"),
    )
    .label(format!("expected {family}"))
    .maybe_hint(other.map(|(other_family, keyword)| {
        format!("this is an {other_family} address: list it under `{keyword} [...]`")
    }))
}

/// A typical value of each type, for hints.
fn example_value(record_type: ir::RecordType) -> &'static str {
    match record_type {
        ir::RecordType::A => "203.0.113.10",
        ir::RecordType::Aaaa => "2001:db8::10",
        ir::RecordType::Cname => "\"www.example.net\"",
        ir::RecordType::Mx => "\"10 mx1.example.com\"",
        ir::RecordType::Txt => "\"v=spf1 -all\"",
        ir::RecordType::Srv => "\"10 5 5060 sip.example.com\"",
        ir::RecordType::Caa => "\"0 issue \\\"letsencrypt.org\\\"\"",
        ir::RecordType::Ns => "\"ns1.example.net\"",
        ir::RecordType::Ptr => "\"host.example.com\"",
    }
}

/// `record NAME TYPE []`; `record_type` is `None` when the type itself is
/// not one steer supports.
pub(super) fn record_without_values(
    name: &str,
    written_type: &str,
    record_type: Option<ir::RecordType>,
    span: Span,
) -> Diagnostic {
    let type_name = record_type.map_or(written_type, |t| t.as_str());
    Diagnostic::new(
        CheckCode::InvalidRecordData,
        span,
        format!("record `{name}` {type_name} has no values"),
    )
    .label("empty value list")
    .hint(format!(
        "give at least one value, for example `record {name} {type_name} {}`",
        record_type.map_or("[...]", example_value)
    ))
}

/// An empty value list where the record's place is not known.
pub(super) fn no_values(record_type: ir::RecordType, span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::InvalidRecordData,
        span,
        format!("a {record_type} record needs at least one value"),
    )
    .hint(format!("for example `{}`", example_value(record_type)))
}

/// A CNAME record with several values.
/// `record x MX = [input.y]`: only addresses and CNAME targets may be inputs.
pub(super) fn input_in_record_data(record_type: ir::RecordType, span: Span) -> Diagnostic {
    invalid_record_data(
        format!("{record_type} data cannot be an input; only A, AAAA and CNAME data can"),
        "an input",
        span,
    )
    .hint(format!(
        "write the {record_type} value itself, e.g. {}",
        example_value(record_type)
    ))
}

pub(super) fn several_cname_targets(count: usize, span: Span, first: Span) -> Diagnostic {
    invalid_record_data(
        format!("a CNAME record has exactly one target, but this one has {count}"),
        "second target",
        span,
    )
    .with_secondary(first, "first target")
    .hint(
        "a name can be an alias of only one other name; to spread traffic over \
         several targets, use a routing policy (`weighted`, `failover`, ...) over endpoints",
    )
}

/// What a value that is not an address of its record's type looks like.
pub(super) enum NotAnAddress {
    /// An address of the other family.
    OtherFamily,
    /// A host name.
    Name,
    Garbled,
}

/// A value of an A (`v6` false) or AAAA record that is not an address of
/// that family.
pub(super) fn record_address(
    written: &str,
    v6: bool,
    looks: NotAnAddress,
    span: Span,
) -> Diagnostic {
    let (family, other_family, record, other_record) = if v6 {
        ("IPv6", "IPv4", "AAAA", "A")
    } else {
        ("IPv4", "IPv6", "A", "AAAA")
    };
    let d = invalid_record_data(
        format!("`{written}` is not an {family} address"),
        format!("expected an {family} address"),
        span,
    );
    match looks {
        NotAnAddress::OtherFamily => d.label(format!("an {other_family} address")).hint(format!(
            "`{written}` is an {other_family} address: use an {other_record} record for it"
        )),
        NotAnAddress::Name => d.hint(format!(
            "an {record} record holds {family} addresses such as `{}`; to point a name at \
             another name, use a CNAME record (or an alias endpoint at the zone apex)",
            if v6 { "2001:db8::10" } else { "203.0.113.10" }
        )),
        NotAnAddress::Garbled if v6 => d.hint("write an IPv6 address, such as `2001:db8::10`"),
        NotAnAddress::Garbled => {
            d.hint("write an IPv4 address in dotted-decimal form, such as `203.0.113.10`")
        }
    }
}

/// A host name in record data (`what`: "CNAME target", "mail server
/// name"...) that is empty, or the root where a host is needed.
pub(super) fn missing_target(what: &str, root: bool, origin: &str, span: Span) -> Diagnostic {
    let message = if root {
        format!("the root `.` is not a valid {what}")
    } else {
        format!("the {what} is empty")
    };
    invalid_record_data(message, format!("expected a {what}"), span).hint(format!(
        "write a fully qualified name, such as `host.{origin}`"
    ))
}

pub(super) fn target_is_address(what: &str, written: &str, origin: &str, span: Span) -> Diagnostic {
    invalid_record_data(
        format!("the {what} `{written}` is an address, not a host name"),
        "an address",
        span,
    )
    .hint(format!(
        "give the name of a host that has A or AAAA records, such as `host.{origin}`"
    ))
}

pub(super) fn invalid_target(
    what: &str,
    written: &str,
    error: &NameError,
    span: Span,
) -> Diagnostic {
    invalid_record_data(
        format!("the {what} `{written}` is not a valid domain name: {error}"),
        "invalid name",
        span,
    )
}

/// A single label in record data, where names are absolute.
pub(super) fn single_label_target(
    what: &str,
    written: &str,
    ascii: &str,
    origin: &str,
    span: Span,
) -> Diagnostic {
    invalid_record_data(
        format!("the {what} `{written}` is a single label, not a fully qualified name"),
        "not fully qualified",
        span,
    )
    .hint(format!(
        "names in record data are absolute, as in Route 53: write `{ascii}.{origin}`"
    ))
}

/// A numeric field of record data (`what`: "MX preference"...) that is
/// not an unsigned decimal number.
pub(super) fn field_not_a_number(what: &str, field: &str, max: u64, span: Span) -> Diagnostic {
    invalid_record_data(
        format!("{what} `{field}` is not a number"),
        "expected a number",
        span,
    )
    .hint(format!("{what} is a whole number from 0 to {max}"))
}

pub(super) fn field_out_of_range(what: &str, field: &str, max: u64, span: Span) -> Diagnostic {
    invalid_record_data(
        out_of_range_message(what, field, "Route 53", 0, max),
        "out of range",
        span,
    )
}

/// The hint for an MX value of the wrong shape.
fn mx_example(origin: &str) -> String {
    format!("write a preference and a mail server, such as `10 mx1.{origin}`")
}

/// An MX value that is not `PREFERENCE EXCHANGE`: `fields` is how many
/// whitespace-separated fields it has.
pub(super) fn mx_shape(written: &str, fields: &[&str], origin: &str, span: Span) -> Diagnostic {
    match fields {
        [single] if single.bytes().all(|b| b.is_ascii_digit()) => invalid_record_data(
            format!("the MX value `{written}` has no mail server name"),
            "preference only",
            span,
        )
        .hint(mx_example(origin)),
        [single] => invalid_record_data(
            format!("the MX value `{written}` has no preference"),
            "mail server only",
            span,
        )
        .hint(format!(
            "write `10 {single}`: the preference comes first, lowest preferred"
        )),
        [] => invalid_record_data("the MX value is empty".to_string(), "empty", span)
            .hint(mx_example(origin)),
        _ => invalid_record_data(
            format!(
                "the MX value `{written}` has {} fields; it is a preference and a mail server name",
                fields.len()
            ),
            "too many fields",
            span,
        )
        .hint(mx_example(origin)),
    }
}

pub(super) fn null_mx_beside_others(span: Span) -> Diagnostic {
    invalid_record_data(
        "a null MX (`.`: no mail accepted) must be the only MX value of its name".to_string(),
        "null MX beside other mail servers",
        span,
    )
    .hint("RFC 7505: remove either the null MX or the other MX values")
}

pub(super) fn null_mx_preference(preference: u16, span: Span) -> Diagnostic {
    invalid_record_data(
        format!("a null MX has preference 0, not {preference}"),
        "null MX with a preference",
        span,
    )
    .hint("RFC 7505: write `0 .`")
}

/// An SRV value that is not four fields.
pub(super) fn srv_shape(written: &str, fields: usize, origin: &str, span: Span) -> Diagnostic {
    invalid_record_data(
        format!(
            "the SRV value `{written}` has {fields} field{}; it is `PRIORITY WEIGHT PORT TARGET`",
            if fields == 1 { "" } else { "s" }
        ),
        "expected 4 fields",
        span,
    )
    .hint(format!("for example `10 5 5060 sip.{origin}`"))
}

/// The hint for a CAA value of the wrong shape.
const CAA_EXAMPLE: &str = "write flags, a tag and a value, such as `0 issue \"letsencrypt.org\"`";

pub(super) fn caa_incomplete(written: &str, span: Span) -> Diagnostic {
    invalid_record_data(
        format!("the CAA value `{written}` is incomplete"),
        "expected `FLAGS TAG VALUE`",
        span,
    )
    .hint(CAA_EXAMPLE)
}

/// A CAA tag with characters other than letters and digits, or too long;
/// `suggestion` is the closest tag Route 53 documents.
pub(super) fn caa_invalid_tag(tag: &str, suggestion: Option<String>, span: Span) -> Diagnostic {
    invalid_record_data(
        format!("`{tag}` is not a valid CAA tag"),
        "invalid tag",
        span,
    )
    .hint("CAA tags are letters and digits only (RFC 8659): `issue`, `issuewild` or `iodef`")
    .maybe_hint(suggestion)
}

pub(super) fn caa_without_value(written: &str, flags: u8, tag: &str, span: Span) -> Diagnostic {
    invalid_record_data(
        format!("the CAA value `{written}` has no value after the tag `{tag}`"),
        "missing value",
        span,
    )
    .hint(format!(
        "write `{flags} {tag} \"...\"`; `{flags} {tag} \";\"` forbids every CA"
    ))
}

pub(super) fn caa_stray_quote(value: &str, span: Span) -> Diagnostic {
    invalid_record_data(
        format!("the CAA value `{value}` has a stray quote"),
        "unbalanced quote",
        span,
    )
    .hint(CAA_EXAMPLE)
}

pub(super) fn caa_iodef_not_url(value: &str, span: Span) -> Diagnostic {
    invalid_record_data(
        format!("the CAA iodef value `{value}` is not a mailto:, http: or https: URL"),
        "expected a URL",
        span,
    )
    .hint("for example `0 iodef \"mailto:security@example.com\"` (RFC 8659 §4.4)")
}

pub(super) fn unterminated_quote(written: &str, span: Span) -> Diagnostic {
    invalid_record_data(
        format!("the quoted value `{written}` has no closing quote"),
        "unterminated quote",
        span,
    )
    .hint("end the value with `\"` (written `\\\"` inside a steer string)")
}

/// A `\DDD` escape above 255 in a quoted value.
pub(super) fn escape_above_255(digits: &str, span: Span) -> Diagnostic {
    invalid_record_data(
        format!("the escape `\\{digits}` is above \\255"),
        "invalid escape",
        span,
    )
}

pub(super) fn text_after_quote(after: &str, span: Span) -> Diagnostic {
    invalid_record_data(
        format!("unexpected `{after}` after the closing quote"),
        "text after the value",
        span,
    )
    .hint("one CAA value is one property; write several values to give several properties")
}

pub(super) fn escapes_not_utf8(span: Span) -> Diagnostic {
    invalid_record_data(
        "the escapes in this value do not form valid UTF-8".to_string(),
        "invalid escapes",
        span,
    )
}

// ---------------------------------------------------------------------------
// steer::cname-conflict
// ---------------------------------------------------------------------------

pub(super) fn cname_at_apex(zone: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::CnameConflict,
        span,
        format!(
            "a CNAME record cannot be at the zone apex `{}`",
            crate::dns_name::to_unicode(zone)
        ),
    )
    .label("CNAME at the apex")
    .hint(
        "the apex holds the zone's SOA and NS records, and a CNAME cannot share its name \
         (RFC 1034 §3.6.2); Route 53 alias records can be at the apex: define an endpoint \
         with `alias record NAME` or `alias elb \"...\"` (or another alias kind) and route \
         an A or AAAA record at `@` to it",
    )
}

/// A CNAME beside record sets of `others` (type and place) at one name.
pub(super) fn cname_beside_others(
    name: &str,
    others: &[(ir::RecordType, Span)],
    span: Span,
) -> Diagnostic {
    let types: Vec<&str> = others.iter().map(|(t, _)| t.as_str()).collect();
    let mut d = Diagnostic::new(
        CheckCode::CnameConflict,
        span,
        format!(
            "`{}` has a CNAME record and also {} data",
            crate::dns_name::to_unicode(name),
            types.join(", ")
        ),
    )
    .label("CNAME here");
    for (record_type, place) in others {
        d = d.with_secondary(*place, format!("{record_type} record at the same name"));
    }
    d.hint(
        "a name with a CNAME can have no other records (RFC 1034 §3.6.2): put the other \
         records at the CNAME's target, or replace the CNAME with A/AAAA records or an alias endpoint",
    )
}

// ---------------------------------------------------------------------------
// steer::record-type-mismatch
// ---------------------------------------------------------------------------

/// "an A", "an AAAA", "a CNAME": the article as the type is read aloud.
fn article(t: ir::RecordType) -> &'static str {
    match t {
        ir::RecordType::A | ir::RecordType::Aaaa | ir::RecordType::Mx | ir::RecordType::Ns => "an",
        _ => "a",
    }
}

/// An endpoint routed from a record of a type it cannot answer.
pub(super) fn record_type_mismatch(
    endpoint: &ir::Endpoint,
    record_type: ir::RecordType,
    span: Span,
) -> Diagnostic {
    let has = match &endpoint.answer {
        ir::Answer::Addresses { v4, v6 } => match (v4.is_empty(), v6.is_empty()) {
            (false, true) => "only IPv4 addresses (A)".to_string(),
            (true, false) => "only IPv6 addresses (AAAA)".to_string(),
            _ => "addresses".to_string(),
        },
        ir::Answer::Cname(_) => "a CNAME target".to_string(),
        ir::Answer::Alias(a) => match &a.kind {
            ir::AliasTargetKind::Record {
                record_type: Some(t),
            } => format!("an alias to {} {t} record", article(*t)),
            _ => "an alias target (A/AAAA)".to_string(),
        },
    };
    let hint = match (&endpoint.answer, record_type) {
        (ir::Answer::Cname(_), _) => {
            "a CNAME endpoint can only serve a CNAME record: `record NAME CNAME = ...`"
        }
        (ir::Answer::Addresses { .. }, ir::RecordType::A) => {
            "add IPv4 addresses with `a [...]`, or route an AAAA record"
        }
        (ir::Answer::Addresses { .. }, ir::RecordType::Aaaa) => {
            "add IPv6 addresses with `aaaa [...]`, or route an A record"
        }
        _ => "route a record of a type this endpoint can answer",
    };
    let a = article(record_type);
    Diagnostic::new(
        CheckCode::RecordTypeMismatch,
        span,
        format!(
            "endpoint `{}` cannot answer {a} {record_type} record: it has {has}",
            endpoint.name
        ),
    )
    .label(format!("not {a} {record_type} answer"))
    .with_secondary(endpoint.span, "endpoint defined here")
    .hint(hint)
}

// ---------------------------------------------------------------------------
// steer::alias-with-ttl
// ---------------------------------------------------------------------------

/// A TTL on a record whose every answer is an alias.
pub(super) fn alias_with_ttl(name: &str, record_type: ir::RecordType, span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::AliasWithTtl,
        span,
        format!(
            "record `{name}` {record_type} answers only with alias targets, which take their TTL \
             from the target"
        ),
    )
    .label("TTL set on an alias-only record")
    .hint("remove `ttl`: Route 53 rejects a TTL on alias records")
}

// ---------------------------------------------------------------------------
// steer::invalid-alias-target
// ---------------------------------------------------------------------------

pub(super) fn alias_to_ns(span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::InvalidAliasTarget,
        span,
        "Route 53 cannot alias NS records",
    )
    .label("NS alias")
    .hint("delegate with a plain `record NAME NS [...]` instead")
}

pub(super) fn alias_to_wildcard(span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::InvalidAliasTarget,
        span,
        "an alias cannot point at a wildcard name",
    )
    .label("wildcard")
    .hint("point at a concrete name of the zone")
}

/// `alias KIND` with a kind steer does not know; `suggestion` is the
/// closest kind.
pub(super) fn unknown_alias_kind(kind: &str, suggestion: Option<String>, span: Span) -> Diagnostic {
    let hint = if kind == "alb" {
        "Application Load Balancers share the Classic ELB zone ids: write `alias elb \"...\"`"
            .to_string()
    } else {
        suggestion.unwrap_or_else(|| {
            let kinds: Vec<String> = AliasKind::ALL
                .iter()
                .map(|k| format!("`{}`", k.keyword()))
                .collect();
            format!(
                "known kinds: {}, and `record NAME` for a record of this zone",
                kinds.join(", ")
            )
        })
    };
    Diagnostic::new(
        CheckCode::InvalidAliasTarget,
        span,
        format!("`{kind}` is not an alias kind"),
    )
    .label("unknown alias kind")
    .hint(hint)
}

/// A target name that is not of its alias kind's form; `suffix` is the
/// ending a global kind's names have.
pub(super) fn unexpected_alias_target(
    kind: AliasKind,
    dns_name: &str,
    suffix: Option<&str>,
    span: Span,
) -> Diagnostic {
    let label = match suffix {
        Some(suffix) => format!("expected a name ending in `{suffix}`"),
        None => "unexpected name".to_string(),
    };
    Diagnostic::new(
        CheckCode::InvalidAliasTarget,
        span,
        format!("`{dns_name}` does not look like {}", kind.describe()),
    )
    .label(label)
    .hint(example_alias_target(kind))
}

pub(super) fn cloudfront_evaluates_health(span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::InvalidAliasTarget,
        span,
        "CloudFront alias targets cannot evaluate target health",
    )
    .label("Route 53 rejects this for CloudFront")
    .hint("remove `evaluate_target_health`, or attach a health check with `check NAME`")
}

/// An example of an alias of this kind, for hints.
fn example_alias_target(kind: AliasKind) -> String {
    let example = match kind {
        AliasKind::Elb => "alias elb \"dualstack.my-lb-123.eu-west-1.elb.amazonaws.com\"",
        AliasKind::Nlb => "alias nlb \"my-nlb-123.elb.eu-west-1.amazonaws.com\"",
        AliasKind::CloudFront => "alias cloudfront \"d111111abcdef8.cloudfront.net\"",
        AliasKind::S3Website => "alias s3_website (the region's website endpoint is filled in)",
        AliasKind::ApiGateway => {
            "alias api_gateway \"d-abc123.execute-api.eu-west-1.amazonaws.com\""
        }
        AliasKind::GlobalAccelerator => {
            "alias global_accelerator \"a1234567890abcdef.awsglobalaccelerator.com\""
        }
        AliasKind::ElasticBeanstalk => {
            "alias elastic_beanstalk \"my-env.eu-west-1.elasticbeanstalk.com\""
        }
    };
    format!("e.g. `{example}`")
}

// ---------------------------------------------------------------------------
// steer::alias-region-mismatch
// ---------------------------------------------------------------------------

/// An alias target whose name says one region and whose endpoint another.
pub(super) fn alias_region_mismatch(
    kind: AliasKind,
    in_name: &str,
    endpoint: &str,
    (region, declared): (&str, &str),
    span: Span,
    declared_span: Span,
) -> Diagnostic {
    Diagnostic::new(
        CheckCode::AliasRegionMismatch,
        span,
        format!(
            "this {} is in {in_name}, but endpoint `{endpoint}` is in region `{region}` ({declared})",
            kind.keyword()
        ),
    )
    .label(format!("in {in_name}"))
    .with_secondary(declared_span, format!("{declared} here"))
    .hint(
        "latency routing and health would be attributed to the wrong region; fix the endpoint's \
         region or the target",
    )
}

// ---------------------------------------------------------------------------
// steer::unknown-alias-zone
// ---------------------------------------------------------------------------

pub(super) fn unknown_s3_website_endpoint(region: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::UnknownAliasZone,
        span,
        format!("steer does not know the S3 website endpoint of {region}"),
    )
    .label("no built-in data")
    .hint(
        "write the endpoint explicitly, e.g. `alias s3_website \
         \"s3-website.REGION.amazonaws.com\"`, with `hosted_zone_id`",
    )
}

/// No built-in hosted-zone id; `why` is the table's own explanation.
pub(super) fn unknown_alias_zone(why: String, span: Span) -> Diagnostic {
    Diagnostic::new(CheckCode::UnknownAliasZone, span, why)
        .label("no built-in hosted zone id")
        .hint(
            "add `hosted_zone_id \"Z...\"` to the endpoint (the AWS console shows it on the \
             resource)",
        )
}

// ---------------------------------------------------------------------------
// steer::unknown-aws-region
// ---------------------------------------------------------------------------

/// Not one of AWS's region codes; `hint` says what was probably meant.
pub(super) fn unknown_aws_region(code: &str, hint: Option<String>, span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::UnknownAwsRegion,
        span,
        format!("`{code}` is not an AWS region"),
    )
    .label("unknown region")
    .maybe_hint(hint)
}

/// The hint for a region code written in the wrong case.
pub(super) fn lowercase_region_code(lower: &str) -> String {
    format!("region codes are lowercase: `{lower}`")
}

/// The hint for a steer region's name where an AWS region code is needed.
pub(super) fn steer_region_for_alarm(name: &str, code: &str) -> String {
    format!("`{name}` is a steer region; an alarm names its AWS region code: `in {code}`")
}

// ---------------------------------------------------------------------------
// steer::unsupported-aws-region
// ---------------------------------------------------------------------------

pub(super) fn not_an_alarm_region(region: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::UnsupportedAwsRegion,
        span,
        format!(
            "`{region}` cannot be a CloudWatch alarm region: Route 53 does not accept it for an \
             alarm check"
        ),
    )
    .label("not an alarm region")
    .hint("Route 53's `AlarmIdentifier.Region` values (`CloudWatchRegion`) do not include it")
}

/// How a latency member is written, for the label under it.
pub(super) enum LatencyMember<'a> {
    /// `REGION => ...`, with the steer region's name.
    Region(&'a str),
    /// An endpoint member, with the endpoint's name.
    Endpoint(&'a str),
    Nested,
}

/// Where a latency member's AWS region code comes from.
pub(super) enum AwsCodeAt<'a> {
    /// The `aws "..."` of a steer region.
    Region(Span),
    /// An endpoint (its alias target says the region): its name and place.
    Endpoint(&'a str, Span),
}

/// A latency member in an AWS region Route 53's latency records do not
/// accept; `partition` is the region's partition when no region of it is
/// a latency region.
pub(super) fn not_a_latency_region(
    aws: &str,
    partition: Option<&str>,
    member: LatencyMember,
    code_at: Option<AwsCodeAt>,
    span: Span,
) -> Diagnostic {
    let hint = match partition {
        None => format!(
            "Route 53's latency `Region` values do not include {aws}; use a region it lists"
        ),
        Some(partition) => format!(
            "Route 53's latency `Region` values include no region of the {partition} partition, \
             so latency routing cannot answer with this member; route to it with another policy \
             (e.g. `weighted` or `failover`)"
        ),
    };
    let label = match member {
        LatencyMember::Region(name) => format!("`{name}` is {aws}"),
        LatencyMember::Endpoint(name) => format!("`{name}` is in {aws}"),
        LatencyMember::Nested => format!("in {aws}"),
    };
    let d = Diagnostic::new(
        CheckCode::UnsupportedAwsRegion,
        span,
        format!("`{aws}` cannot be a latency region: Route 53 latency records do not accept it"),
    )
    .label(label)
    .hint(hint);
    match code_at {
        Some(AwsCodeAt::Region(at)) => d.with_secondary(at, format!("{aws} given here")),
        Some(AwsCodeAt::Endpoint(name, at)) => {
            d.with_secondary(at, format!("endpoint `{name}` is in {aws}"))
        }
        None => d,
    }
}

// ---------------------------------------------------------------------------
// steer::missing-region
// ---------------------------------------------------------------------------

pub(super) fn s3_website_without_region(span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::MissingRegion,
        span,
        "an S3 website alias needs the bucket's region",
    )
    .label("which region is the bucket in?")
    .hint("give the endpoint a `region` whose `aws` is the bucket's region")
}

/// A regional alias kind whose region is not known.
pub(super) fn alias_zone_needs_region(kind: AliasKind, span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::MissingRegion,
        span,
        format!(
            "the hosted zone of this {} depends on its region, which is not known",
            kind.keyword()
        ),
    )
    .label("region unknown")
    .hint("give the endpoint a `region`, or `hosted_zone_id \"Z...\"`")
}

/// A latency member whose steer region has no `aws` code.
pub(super) fn latency_region_without_aws(region: &str, span: Span, definition: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::MissingRegion,
        span,
        format!("region `{region}` has no AWS region, which latency routing needs"),
    )
    .label("no `aws` code")
    .with_secondary(definition, "region defined here")
    .hint("add `aws \"...\"` to the region")
}

/// A latency member endpoint without an AWS region.
pub(super) fn latency_endpoint_without_region(
    endpoint: &str,
    span: Span,
    definition: Span,
) -> Diagnostic {
    Diagnostic::new(
        CheckCode::MissingRegion,
        span,
        format!("endpoint `{endpoint}` has no AWS region, which latency routing needs"),
    )
    .label("no region")
    .with_secondary(definition, "endpoint defined here")
    .hint("add `region NAME` to the endpoint, naming a region with an `aws` code")
}

/// A nested policy in a latency policy without `REGION =>`.
pub(super) fn nested_latency_without_region(policy: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::MissingRegion,
        span,
        "a nested policy in a latency policy needs the region it answers for",
    )
    .label("which region?")
    .hint(format!("write `REGION => {policy} {{ ... }}`"))
}

/// A geoproximity member endpoint with neither coordinates nor a region.
pub(super) fn geoproximity_endpoint_without_location(
    endpoint: &str,
    span: Span,
    definition: Span,
) -> Diagnostic {
    Diagnostic::new(
        CheckCode::MissingRegion,
        span,
        format!("endpoint `{endpoint}` has no location, which geoproximity routing needs"),
    )
    .label("where is it?")
    .with_secondary(definition, "endpoint defined here")
    .hint("give the endpoint a `region`, or write `(LAT, LON) => ENDPOINT`")
}

/// A nested policy in a geoproximity policy without a location.
pub(super) fn nested_geoproximity_without_location(policy: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::MissingRegion,
        span,
        "a nested policy in a geoproximity policy needs a location",
    )
    .label("where is it?")
    .hint(format!(
        "write `REGION => {policy} {{ ... }}` or `(LAT, LON) => ...`"
    ))
}

// ---------------------------------------------------------------------------
// steer::duplicate-latency-region
// ---------------------------------------------------------------------------

pub(super) fn duplicate_latency_region(aws: &str, span: Span, first: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::DuplicateLatencyRegion,
        span,
        format!("two members of this latency policy are in {aws}"),
    )
    .label(format!("also in {aws}"))
    .with_secondary(first, format!("first member in {aws}"))
    .hint(
        "Route 53 picks one record per region; put both behind one member (e.g. `weighted` or \
         `failover`)",
    )
}

// ---------------------------------------------------------------------------
// steer::invalid-location
// ---------------------------------------------------------------------------

fn invalid_location(message: String, label: &str, hint: Option<String>, span: Span) -> Diagnostic {
    Diagnostic::new(CheckCode::InvalidLocation, span, message)
        .label(label)
        .maybe_hint(hint)
}

/// `continent XX` with an unknown code; `is_country` when XX is a country.
pub(super) fn unknown_continent(code: &str, is_country: bool, span: Span) -> Diagnostic {
    let hint = if is_country {
        format!("`{code}` is a country: write `country {code}`")
    } else {
        let continents: Vec<String> = geo::CONTINENTS
            .iter()
            .map(|(c, n)| format!("{c} ({n})"))
            .collect();
        format!("continents are {}", continents.join(", "))
    };
    invalid_location(
        format!("`{code}` is not a continent code"),
        "unknown continent",
        Some(hint),
        span,
    )
}

/// A country Route 53's geolocation does not list; `name` is its name.
pub(super) fn country_not_supported(code: &str, name: &str, span: Span) -> Diagnostic {
    invalid_location(
        format!("Route 53 does not support geolocation for {code} ({name})"),
        "not supported by Route 53",
        Some("clients there fall under their continent or `default`".to_string()),
        span,
    )
}

/// `country XX` where XX is a continent code.
pub(super) fn continent_as_country(code: &str, span: Span) -> Diagnostic {
    invalid_location(
        format!("`{code}` is not a country code"),
        "unknown country",
        Some(format!("`{code}` is a continent: write `continent {code}`")),
        span,
    )
}

/// `suggestion`: the closest country code.
pub(super) fn unknown_country(code: &str, suggestion: Option<&str>, span: Span) -> Diagnostic {
    invalid_location(
        format!("`{code}` is not an ISO 3166-1 alpha-2 country code"),
        "unknown country",
        suggestion.map(|c| format!("did you mean `{c}`?")),
        span,
    )
}

/// `subdivision CA` without `US-`.
pub(super) fn subdivision_without_country(code: &str, span: Span) -> Diagnostic {
    invalid_location(
        format!("`{code}` lacks its country"),
        "unknown subdivision",
        Some(format!("write the country first: `subdivision US-{code}`")),
        span,
    )
}

pub(super) fn subdivision_outside_us(country: &str, span: Span) -> Diagnostic {
    invalid_location(
        format!("Route 53 supports subdivisions only in the United States, not in `{country}`"),
        "unknown subdivision",
        Some(format!("route the whole country with `country {country}`")),
        span,
    )
}

/// `suggestion`: the closest state's "did you mean".
pub(super) fn unknown_us_state(code: &str, suggestion: Option<String>, span: Span) -> Diagnostic {
    invalid_location(
        format!("`{code}` is not a US state code"),
        "unknown subdivision",
        suggestion,
        span,
    )
}

// ---------------------------------------------------------------------------
// steer::duplicate-location
// ---------------------------------------------------------------------------

fn routed_twice(location: &str, span: Span, first: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::DuplicateLocation,
        span,
        format!("location {location} is routed twice"),
    )
    .label("routed again here")
    .with_secondary(first, "first routed here")
}

/// A geolocation routed twice; `label` is the location's stable label.
pub(super) fn duplicate_geolocation(label: &str, span: Span, first: Span) -> Diagnostic {
    routed_twice(label, span, first)
        .hint("Route 53 allows one record per location; merge the two targets")
}

/// A CIDR location (or `default`) routed twice.
pub(super) fn duplicate_cidr_rule(location: &str, span: Span, first: Span) -> Diagnostic {
    routed_twice(&format!("`{location}`"), span, first)
}

// ---------------------------------------------------------------------------
// steer::invalid-failover
// ---------------------------------------------------------------------------

fn role(role: FailoverRole) -> &'static str {
    match role {
        FailoverRole::Primary => "primary",
        FailoverRole::Secondary => "secondary",
    }
}

/// A second primary or secondary in one failover policy.
pub(super) fn second_failover_role(kind: FailoverRole, span: Span, first: Span) -> Diagnostic {
    let role = role(kind);
    Diagnostic::new(
        CheckCode::InvalidFailover,
        span,
        format!("a failover policy can have only one {role}"),
    )
    .label(format!("second {role}"))
    .with_secondary(first, format!("first {role}"))
    .hint(
        "to spread load over several targets, make the member a `weighted` or `multivalue` policy",
    )
}

pub(super) fn missing_failover_role(kind: FailoverRole, span: Span) -> Diagnostic {
    let role = role(kind);
    Diagnostic::new(
        CheckCode::InvalidFailover,
        span,
        format!("this failover policy has no {role}"),
    )
    .label(format!("missing `{role}`"))
    .hint("write `failover { primary MAIN  secondary STANDBY }`")
}

/// A failover whose primary and secondary are both CloudFront aliases.
pub(super) fn both_cloudfront(span: Span, primary: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::InvalidFailover,
        span,
        "the failover primary and secondary are both CloudFront distributions",
    )
    .label("CloudFront secondary")
    .with_secondary(primary, "CloudFront primary")
    .hint(
        "Route 53 rejects this: both distributions would need this record's name as an alternate \
         domain name, which one distribution may claim; use a non-CloudFront secondary (an S3 \
         website bucket, a load balancer)",
    )
}

// ---------------------------------------------------------------------------
// steer::all-weights-zero
// ---------------------------------------------------------------------------

pub(super) fn all_weights_zero(span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::AllWeightsZero,
        span,
        "every member of this weighted policy has weight 0",
    )
    .label("all zero")
    .hint(
        "Route 53 then answers with every member equally; give the members that should get \
         traffic a weight above 0 (weight 0 is for standbys)",
    )
}

// ---------------------------------------------------------------------------
// steer::too-many-members
// ---------------------------------------------------------------------------

/// A policy with more members than Route 53 takes for one name and type.
pub(super) fn too_many_members(policy: &str, count: usize, max: usize, span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::TooManyMembers,
        span,
        format!(
            "this {policy} policy has {count} members: Route 53 accepts at most {max} records per \
             name and type"
        ),
    )
    .label("too many members")
    .hint("group members into nested policies")
}

pub(super) fn too_many_geoproximity_members(count: usize, max: usize, span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::TooManyMembers,
        span,
        format!("this geoproximity policy has {count} members: Route 53 accepts at most {max}"),
    )
    .label("too many members")
}

// ---------------------------------------------------------------------------
// steer::unsupported-nesting
// ---------------------------------------------------------------------------

pub(super) fn policy_in_multivalue(policy: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::UnsupportedNesting,
        span,
        format!("a multivalue policy cannot contain a {policy} policy"),
    )
    .label("nested policy")
    .hint("Route 53 multivalue answers are plain records, not aliases: list address endpoints only")
}

pub(super) fn multivalue_not_addresses(endpoint: &str, span: Span, definition: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::UnsupportedNesting,
        span,
        format!("endpoint `{endpoint}` is not an address endpoint, which multivalue answers need"),
    )
    .label("alias or CNAME endpoint")
    .with_secondary(definition, "endpoint defined here")
    .hint("Route 53 does not allow aliases or CNAMEs in multivalue answers; use `weighted` instead")
}

// ---------------------------------------------------------------------------
// steer::invalid-request-interval
// ---------------------------------------------------------------------------

pub(super) fn request_interval(seconds: u64, span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::InvalidRequestInterval,
        span,
        format!(
            "request interval {seconds}s is not allowed: Route 53 checks every 10 or 30 seconds"
        ),
    )
    .label("not 10s or 30s")
    .hint("write `every 10s` (fast checks, priced higher) or `every 30s` (the default); Route 53's intervals do not apply for `--target powerdns`")
}

/// A request interval too long to carry, for a target without Route 53's
/// intervals.
pub(super) fn request_interval_too_long(seconds: u64, max: u32, span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::InvalidRequestInterval,
        span,
        format!("request interval {seconds}s is too long: steer accepts at most {max}s"),
    )
    .label("too long")
    .hint("write a shorter interval")
}

// ---------------------------------------------------------------------------
// steer::checker-regions
// ---------------------------------------------------------------------------

pub(super) fn checker_region_twice(region: &str, span: Span, first: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::CheckerRegions,
        span,
        format!("checker region `{region}` is listed twice"),
    )
    .label("listed again here")
    .with_secondary(first, "first listed here")
    .hint("remove one of them")
}

/// Not a region Route 53 checks from (`aws_region`: but an AWS region);
/// `suggestion` is the closest checker region, `checkers` all of them.
pub(super) fn not_a_checker_region(
    region: &str,
    aws_region: bool,
    suggestion: Option<String>,
    checkers: &[&str],
    span: Span,
) -> Diagnostic {
    let what = if aws_region {
        "an AWS region, but not one Route 53 runs health checkers in"
    } else {
        "not a Route 53 health-checker region"
    };
    Diagnostic::new(
        CheckCode::CheckerRegions,
        span,
        format!("`{region}` is {what}"),
    )
    .label("not a checker region")
    .maybe_hint(suggestion)
    .hint(format!("Route 53 checks from: {}", checkers.join(", ")))
}

/// `from [...]` with fewer than `min` regions, out of `all` there are.
pub(super) fn too_few_checker_regions(
    count: usize,
    min: usize,
    all: usize,
    span: Span,
) -> Diagnostic {
    Diagnostic::new(
        CheckCode::CheckerRegions,
        span,
        format!(
            "{count} checker region{} given: Route 53 needs at least {min}",
            if count == 1 { "" } else { "s" }
        ),
    )
    .label(format!("fewer than {min} regions"))
    .hint(format!(
        "list at least {min}, or remove `from` to check from all {all} regions"
    ))
}

// ---------------------------------------------------------------------------
// steer::string-match-needs-http
// ---------------------------------------------------------------------------

pub(super) fn expect_on_tcp(span: Span, protocol_span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::StringMatchNeedsHttp,
        span,
        "`expect` (string matching) needs an http or https check; tcp checks only open a connection",
    )
    .label("string match on a tcp check")
    .with_secondary(protocol_span, format!("this is {}", check_kind(Kind::Probe(Protocol::Tcp))))
    .hint("probe with `http` or `https` to match the response body, or remove `expect`")
}

// ---------------------------------------------------------------------------
// steer::too-many-children
// ---------------------------------------------------------------------------

pub(super) fn too_many_children(name: &str, count: usize, max: usize, span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::TooManyChildren,
        span,
        format!("calculated check `{name}` has {count} children: Route 53 accepts at most {max}"),
    )
    .label("too many children")
}

// ---------------------------------------------------------------------------
// steer::private-address
// ---------------------------------------------------------------------------

/// A probe of an address in a special-purpose range; `embedded` is the
/// public IPv4 address an IPv6 address of a translation range stands for.
pub(super) fn private_address(
    ip: IpAddr,
    range: &SpecialRange,
    embedded: Option<Ipv4Addr>,
    span: Span,
) -> Diagnostic {
    let hint = match (range.kind, embedded) {
        (_, Some(v4)) => format!("this address stands for the IPv4 address {v4}: probe {v4}"),
        (RangeKind::Documentation, _) => "a documentation address stands in for a real one: \
             probe the endpoint's public address, or its host name (`https \"api.example.com\"`)"
            .to_string(),
        (RangeKind::Local, _) => "Route 53 probes from its checkers on the internet: probe the \
             endpoint's public address or host name; for a resource inside a private network, \
             use a CloudWatch alarm check (`alarm \"NAME\" in REGION`)"
            .to_string(),
        (RangeKind::EmbedsIpv4 | RangeKind::Multicast | RangeKind::NotRouted, _) => {
            "Route 53 probes one endpoint over the internet: probe the endpoint's public \
             unicast address, or its host name"
                .to_string()
        }
    };
    Diagnostic::new(
        CheckCode::PrivateAddress,
        span,
        format!(
            "{ip} is in {} ({}, {}): Route 53 cannot check the health of endpoints in local, \
             private, non-routable or multicast ranges",
            range.block, range.purpose, range.source
        ),
    )
    .label("Route 53 cannot check this address")
    .hint(hint)
}

// ---------------------------------------------------------------------------
// steer::invalid-cidr
// ---------------------------------------------------------------------------

/// What is wrong with a CIDR block.
pub(crate) enum BadCidr<'a> {
    NoPrefix,
    BadPrefix,
    BadAddress(&'a str),
    /// The prefix is outside /1 to /`max`.
    PrefixOutOfRange {
        prefix: u32,
        max: u32,
    },
    /// The address has bits set beyond the prefix; `network` is the block.
    HostBits {
        network: IpAddr,
        prefix: u32,
    },
}

pub(super) fn invalid_cidr(written: &str, problem: BadCidr, span: Span) -> Diagnostic {
    let (message, hint) = match problem {
        BadCidr::NoPrefix => (
            format!("`{written}` is not a CIDR block"),
            Some("e.g. `198.51.100.0/24`".to_string()),
        ),
        BadCidr::BadPrefix => (format!("`{written}` has an invalid prefix length"), None),
        BadCidr::BadAddress(address) => (format!("`{address}` is not an IP address"), None),
        BadCidr::PrefixOutOfRange { prefix, max } => (
            format!(
                "prefix /{prefix} is out of range: Route 53 accepts /1 to /{max} for this \
                 address family"
            ),
            Some(format!("split the block into /{max} blocks, or widen it")),
        ),
        BadCidr::HostBits { network, prefix } => (
            format!("`{written}` has host bits set"),
            Some(format!("the block is `{network}/{prefix}`")),
        ),
    };
    Diagnostic::new(CheckCode::InvalidCidr, span, message)
        .label("invalid block")
        .maybe_hint(hint)
}

/// A block listed twice in one collection (in one location or two).
pub(super) fn cidr_block_twice(block: &str, span: Span, first: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::InvalidCidr,
        span,
        format!("block {block} is listed twice"),
    )
    .label("listed again here")
    .with_secondary(first, "first listed here")
    .hint("a block belongs to one location of a collection")
}

// ---------------------------------------------------------------------------
// steer::threshold-above-children
// ---------------------------------------------------------------------------

pub(super) fn threshold_above_children(
    threshold: i64,
    name: &str,
    children: usize,
    span: Span,
) -> Diagnostic {
    Diagnostic::new(
        CheckCode::ThresholdAboveChildren,
        span,
        format!(
            "`at_least({threshold}, ...)` needs {threshold} healthy children but `{name}` has \
             {children}: it is always unhealthy"
        ),
    )
    .label(format!("more than its {children} children"))
    .hint(format!(
        "lower the count to at most {children}, or add children"
    ))
}

// ---------------------------------------------------------------------------
// steer::flapping-check
// ---------------------------------------------------------------------------

/// `unhealthy_after 1` with `every 10s`.
///
/// The failure threshold is "the number of consecutive health checks that an
/// endpoint must pass or fail for Route 53 to change the current status of
/// the endpoint from unhealthy to healthy or vice versa" (API reference,
/// `HealthCheckConfig`, `FailureThreshold`), and Route 53 considers the
/// endpoint unhealthy when 18% of its health checkers or fewer report it
/// healthy (Developer Guide, "How Amazon Route 53 determines whether a health
/// check is healthy",
/// <https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html>).
/// With a threshold of 1 every checker changes its report on one request,
/// and at the 10-second interval a pause of about ten seconds reaches nearly
/// all of them: traffic moves away, and moves back on the next passed
/// request.
pub(super) fn flapping_check(name: &str, span: Span, every: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::FlappingCheck,
        span,
        format!(
            "check `{name}` changes status on a single request every 10 seconds: a pause of about \
             ten seconds (a restart, a burst of packet loss) moves traffic away and straight back"
        ),
    )
    .label("one failed or passed request changes the status")
    .with_secondary(every, "a request every 10 seconds")
    .hint(
        "write `unhealthy_after 2` or more (at `every 10s`, the default of 3 still notices an \
         outage in about 30 seconds), or probe `every 30s`",
    )
}

// ---------------------------------------------------------------------------
// steer::check-cannot-fail
// ---------------------------------------------------------------------------

/// Why a child of a calculated check always counts as healthy.
#[derive(Debug, Clone, Copy)]
pub(super) enum AlwaysHealthy {
    Disabled,
    ThresholdZero,
}

/// `` `a`, `b` and `c` ``.
fn names(list: &[&str]) -> String {
    let quoted: Vec<String> = list.iter().map(|n| format!("`{n}`")).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// `at_least(0, ...)`.
pub(super) fn threshold_zero(name: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::CheckCannotFail,
        span,
        format!(
            "`at_least(0, ...)` is always healthy: Route 53 considers a calculated \
             check with threshold 0 healthy whatever `{name}`'s children report"
        ),
    )
    .label("no healthy child needed")
    .hint("ask for at least one healthy child: `at_least(1, ...)`, the same as `any(...)`")
}

/// Marks the children that count as healthy on their own.
fn with_free_children(
    mut d: Diagnostic,
    without_data: &[(&str, Span)],
    always: &[(&str, Span, AlwaysHealthy)],
) -> Diagnostic {
    for (child, span) in without_data {
        d = d.with_secondary(
            *span,
            format!("`{child}` is healthy while CloudWatch lacks data"),
        );
    }
    for (child, span, why) in always {
        let why = match why {
            AlwaysHealthy::Disabled => "disabled: always healthy",
            AlwaysHealthy::ThresholdZero => "threshold 0: always healthy",
        };
        d = d.with_secondary(*span, format!("`{child}` is {why}"));
    }
    d
}

/// Enough always-healthy children to meet the threshold.
pub(super) fn always_healthy(
    name: &str,
    threshold: usize,
    always: &[(&str, Span, AlwaysHealthy)],
    without_data: &[(&str, Span)],
    span: Span,
) -> Diagnostic {
    let always_names: Vec<&str> = always.iter().map(|(n, ..)| *n).collect();
    let message = format!(
        "calculated check `{name}` is always healthy: it needs {threshold} healthy {}, and {} \
         always {} as healthy",
        if threshold == 1 { "child" } else { "children" },
        names(&always_names),
        if always.len() == 1 { "counts" } else { "count" },
    );
    let d = Diagnostic::new(CheckCode::CheckCannotFail, span, message)
        .label("healthy whatever the other children report")
        .hint(
            "Route 53 counts a disabled check, and `at_least(0, ...)`, as healthy: take them out \
             of the calculation, or raise the count",
        );
    with_free_children(d, without_data, always)
}

/// Enough children healthy on insufficient alarm data (with the
/// always-healthy ones) to meet the threshold.
pub(super) fn healthy_without_data(
    name: &str,
    threshold: usize,
    always: &[(&str, Span, AlwaysHealthy)],
    without_data: &[(&str, Span)],
    span: Span,
) -> Diagnostic {
    let data_names: Vec<&str> = without_data.iter().map(|(n, _)| *n).collect();
    let free: Vec<&str> = data_names
        .iter()
        .copied()
        .chain(always.iter().map(|(n, ..)| *n))
        .collect();
    let message = format!(
        "calculated check `{name}` stays healthy whenever CloudWatch has insufficient data for \
         {}: {} of its children then {} as healthy ({}), and it needs {threshold}",
        names(&data_names),
        free.len(),
        if free.len() == 1 { "counts" } else { "count" },
        names(&free),
    );
    let d = Diagnostic::new(CheckCode::CheckCannotFail, span, message)
        .label("cannot fail while the alarm data is missing")
        .hint(format!(
            "a metric often stops arriving because what publishes it is down: write \
             `insufficient_data unhealthy` (or `last_known`) on {}, or raise the count so that \
             other children must be healthy too",
            names(&data_names)
        ));
    with_free_children(d, without_data, always)
}

// ---------------------------------------------------------------------------
// steer::primary-without-health-check
// ---------------------------------------------------------------------------

/// A failover primary nothing can report unhealthy: `endpoint` when the
/// primary is an endpoint, else `policy`, the nested policy's keyword.
pub(super) fn primary_without_health_check(
    endpoint: Option<&ir::Endpoint>,
    policy: &str,
    record_type: ir::RecordType,
    span: Span,
) -> Diagnostic {
    const NEVER: &str = "so failover can never trigger";
    let (message, label, hint) = match endpoint {
        Some(p) => match &p.answer {
            ir::Answer::Alias(a) => match &a.kind {
                ir::AliasTargetKind::Record {
                    record_type: aliased,
                } => (
                    format!(
                        "failover primary `{}` is an alias to {} {}, which has no health \
                         information, {NEVER}",
                        p.name,
                        a.dns_name,
                        aliased.unwrap_or(record_type)
                    ),
                    "always considered healthy",
                    "add `check NAME` to the endpoint, or health checks to the endpoints of the \
                     aliased record",
                ),
                _ => (
                    format!("failover primary `{}` has no health check, {NEVER}", p.name),
                    "always considered healthy",
                    "add `check NAME` to the endpoint: CloudFront targets cannot report their health",
                ),
            },
            _ => (
                format!("failover primary `{}` has no health check, {NEVER}", p.name),
                "always considered healthy",
                "add `check NAME` to the endpoint",
            ),
        },
        None => (
            format!(
                "this failover primary (a {policy} policy) has no health information beneath it, \
                 {NEVER}"
            ),
            "nothing beneath it can report unhealthy",
            "attach health checks to the endpoints beneath it (or use alias endpoints that \
             evaluate target health)",
        ),
    };
    let d = Diagnostic::new(CheckCode::PrimaryWithoutHealthCheck, span, message)
        .label(label)
        .hint(hint);
    match endpoint {
        Some(p) => d.with_secondary(p.span, "endpoint defined here"),
        None => d,
    }
}

// ---------------------------------------------------------------------------
// steer::stay-disables-failover
// ---------------------------------------------------------------------------

pub(super) fn stay_disables_failover(span: Span, secondary: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::StayDisablesFailover,
        span,
        "a failover primary marked `stay` is always healthy, so failover can never trigger",
    )
    .label("the primary is never skipped")
    .with_secondary(secondary, "never answered")
    .hint(
        "remove `stay` from the primary; to keep clients in this branch when both are down, \
         mark the whole failover policy `stay` where its parent uses it",
    )
}

// ---------------------------------------------------------------------------
// steer::shared-member-check
// ---------------------------------------------------------------------------

/// Every one of `members` members of a `policy` policy uses `check`;
/// `calculated` when it is a calculated check; `example` is a member's
/// place, when it has one.
pub(super) fn shared_member_check(
    policy: &str,
    check: &str,
    calculated: bool,
    members: usize,
    span: Span,
    check_span: Span,
    example: Option<Span>,
) -> Diagnostic {
    let what = if calculated {
        "a calculated check over all of them stays healthy while enough of the others are"
    } else {
        "its status says nothing about any one member"
    };
    let d = Diagnostic::new(
        CheckCode::SharedMemberCheck,
        span,
        format!(
            "every member of this {policy} policy uses the health check `{check}`, so a member \
             that dies is still answered"
        ),
    )
    .label(match members {
        2 => format!("both members share `{check}`"),
        n => format!("all {n} members share `{check}`"),
    })
    .with_secondary(check_span, format!("`{check}` defined here: {what}"))
    .hint("give each member's endpoint a check that probes that endpoint itself");
    match example {
        Some(at) => d.with_secondary(at, "for example this member"),
        None => d,
    }
}

// ---------------------------------------------------------------------------
// steer::target-without-health
// ---------------------------------------------------------------------------

/// `evaluate_target_health` on an alias to a record that is always healthy.
pub(super) fn target_without_health(
    endpoint: &str,
    dns_name: &str,
    record_type: Option<ir::RecordType>,
    span: Span,
    definition: Span,
) -> Diagnostic {
    Diagnostic::new(
        CheckCode::TargetWithoutHealth,
        span,
        format!(
            "endpoint `{endpoint}` evaluates the health of {dns_name}{}, which has no health \
             information",
            record_type.map(|t| format!(" {t}")).unwrap_or_default()
        ),
    )
    .label("changes nothing: the target is always healthy")
    .with_secondary(definition, "endpoint defined here")
    .hint(
        "attach health checks to the endpoints the aliased record routes to, or remove \
         `evaluate_target_health`",
    )
}

// ---------------------------------------------------------------------------
// steer::shared-failover-check
// ---------------------------------------------------------------------------

pub(super) fn shared_failover_check(check: &str, span: Span, primary: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::SharedFailoverCheck,
        span,
        format!("primary and secondary share the health check `{check}`"),
    )
    .label("same check as the primary")
    .with_secondary(primary, "primary")
    .hint(
        "when the primary is unhealthy so is the secondary, and Route 53 answers with the \
         primary anyway; give each its own check",
    )
}

// ---------------------------------------------------------------------------
// steer::check-protects-itself
// ---------------------------------------------------------------------------

/// A check that probes the very name the record it protects routes.
pub(super) fn check_protects_itself(
    check: &str,
    fqdn: &str,
    span: Span,
    record: Span,
) -> Diagnostic {
    Diagnostic::new(
        CheckCode::CheckProtectsItself,
        span,
        format!("check `{check}` probes {fqdn}, the very record it protects"),
    )
    .label("probes the routed name")
    .with_secondary(record, "this record routes on it")
    .hint("probe the endpoint itself (its own host name or IP address), not the name users resolve")
}

// ---------------------------------------------------------------------------
// steer::single-member
// ---------------------------------------------------------------------------

/// A policy that gives every client the same answer: one member, or
/// (`only_default`) a geolocation or CIDR policy with only `default`.
pub(super) fn single_member(policy: &str, only_default: bool, span: Span) -> Diagnostic {
    let (message, label) = if only_default {
        (
            format!(
                "this {policy} policy has only a `default` rule, which answers every client: it \
                 routes nothing"
            ),
            "only `default`",
        )
    } else {
        (
            format!(
                "this {policy} policy has a single member, which answers every client: it routes \
                 nothing"
            ),
            "one member",
        )
    };
    Diagnostic::new(CheckCode::SingleMember, span, message)
        .label(label)
        .hint("point the record at the member directly, or add the members that are missing")
}

// ---------------------------------------------------------------------------
// steer::no-default-location
// ---------------------------------------------------------------------------

pub(super) fn geolocation_without_default(span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::NoDefaultLocation,
        span,
        "this geolocation policy has no `default`: clients outside every listed location get no \
         answer",
    )
    .label("no default")
    .hint("add `default => ENDPOINT` (Route 53 also sends clients it cannot locate there)")
}

pub(super) fn cidr_without_default(span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::NoDefaultLocation,
        span,
        "this CIDR policy has no `default`: clients outside every listed block get no answer",
    )
    .label("no default")
    .hint("add `default => ENDPOINT`")
}

// ---------------------------------------------------------------------------
// steer::cidr-never-matches
// ---------------------------------------------------------------------------

/// A block of a CIDR collection inside a special-purpose range.
///
/// Route 53 matches a CIDR collection against the source address of the
/// client's DNS resolver, or the truncated client address the resolver sends
/// in edns-client-subnet (Developer Guide, "How Amazon Route 53 uses EDNS0 to
/// estimate the location of a user",
/// <https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy-edns0.html>,
/// which covers IP-based routing; "IP-based routing",
/// <https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy-ipbased.html>).
/// Queries reach Route 53 over the internet, and these ranges are not
/// public networks (RFC 5735 and RFC 5156: "should not appear on the public
/// Internet"), so no client is ever matched to the block. The ranges are in
/// [`crate::net_ranges`].
pub(super) fn cidr_never_matches(
    block: &str,
    range: &SpecialRange,
    location: &str,
    span: Span,
) -> Diagnostic {
    let hint = match range.kind {
        RangeKind::Documentation => {
            "a documentation range stands in for a real one: write the networks the location's \
             clients or their resolvers really use"
        }
        RangeKind::Local => {
            "Route 53 sees a private network's queries from its resolver's public address (or \
             the public subnet the resolver forwards): list that public network instead"
        }
        _ => "list the public networks the location's clients or their resolvers use",
    };
    let whole = if block == range.block {
        "a special-purpose range".to_string()
    } else {
        format!("inside {}", range.block)
    };
    Diagnostic::new(
        CheckCode::CidrNeverMatches,
        span,
        format!(
            "CIDR block {block} is {whole} ({}, {}): no query reaches Route 53 from it, so it \
             never matches location `{location}`",
            range.purpose, range.source
        ),
    )
    .label("not a public network")
    .hint(
        "Route 53 matches the public address of the client's DNS resolver, or the client \
         subnet the resolver forwards (EDNS0 client subnet)",
    )
    .hint(hint)
}

// ---------------------------------------------------------------------------
// steer::port-protocol-mismatch
// ---------------------------------------------------------------------------

/// An http check on the https port, or the reverse; `usual` is the
/// protocol the port is for.
pub(super) fn port_protocol_mismatch(
    protocol: Protocol,
    usual: Protocol,
    port: i64,
    span: Span,
    protocol_span: Span,
) -> Diagnostic {
    let hint = match usual {
        Protocol::Https => "write `https` to probe with TLS, or use the http port (80)",
        _ => "write `http` to probe without TLS, or use the https port (443)",
    };
    Diagnostic::new(
        CheckCode::PortProtocolMismatch,
        span,
        format!(
            "{} check on port {port}, the {} port",
            protocol.keyword(),
            usual.keyword()
        ),
    )
    .label(format!("usually {}", usual.keyword()))
    .with_secondary(protocol_span, format!("probes with {}", protocol.keyword()))
    .hint(hint)
}

// ---------------------------------------------------------------------------
// steer::multivalue-over-eight
// ---------------------------------------------------------------------------

/// A multivalue policy of `count` members, more than the `answers` Route
/// 53 gives at once.
pub(super) fn multivalue_over_eight(count: usize, answers: usize, span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::MultivalueOverEight,
        span,
        format!(
            "this multivalue policy has {count} members: Route 53 answers with at most {answers} \
             healthy ones"
        ),
    )
    .label(format!("more than {answers}"))
    .hint(format!(
        "Route 53 answers each query with up to {answers} healthy members picked at random, so \
         all of them get some traffic; split the set if each answer must list every member"
    ))
}

// ----------------------------------------------------------------------------
// Inputs
// ----------------------------------------------------------------------------

/// A declared input that nothing uses.
pub(super) fn unused_input(name: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::UnusedInput,
        span,
        format!("input `{name}` is never used"),
    )
    .label("declared here")
    .hint(format!(
        "use it as `input.{name}` where the value is needed (an alias target or its hosted_zone_id, the zone's hosted_zone_id, a VPC id, an alarm name, a routing control ARN), or remove it"
    ))
}

/// A `terraform "..."` reference that is not a plain traversal.
pub(super) fn invalid_terraform_reference(name: &str, expr: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::InvalidInput,
        span,
        format!("the Terraform reference of input `{name}` is not a plain reference: `{expr}`"),
    )
    .label("not a traversal like `aws_lb.eu.dns_name`")
    .hint(
        "write a resource, data source or module attribute: `aws_lb.eu.dns_name`, \
         `module.web.lb_dns_name`, `data.aws_lb.eu.zone_id`, `aws_eip.web[0].public_ip`",
    )
}

/// An input that would become a Terraform variable with a reserved name.
pub(super) fn reserved_variable_name(name: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::InvalidInput,
        span,
        format!("input `{name}` would be a Terraform variable, and Terraform reserves the name `{name}`"),
    )
    .label("reserved by Terraform")
    .hint(
        "rename the input (`source`, `version`, `providers`, `count`, `for_each`, `lifecycle`, \
         `depends_on` and `locals` are module meta-arguments), or give it a `terraform \"...\"` reference",
    )
}

/// A `cloudformation import ""`.
pub(super) fn empty_export_name(name: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::InvalidInput,
        span,
        format!("the CloudFormation export name of input `{name}` is empty"),
    )
    .label("empty export name")
    .hint("name the export of the stack that produces the value (its `Outputs.*.Export.Name`)")
}

/// `alias KIND input.x` with no value for `x`, where the hosted-zone id of
/// the target depends on its region and the endpoint does not say it.
pub(super) fn input_alias_needs_region(kind: AliasKind, input: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::InputAliasNeedsRegion,
        span,
        format!(
            "the hosted-zone id of this `{}` alias is unknown: its target is input `{input}`, whose name is not known here, and the endpoint has no region",
            kind.keyword()
        ),
    )
    .label("the region cannot be read from this name")
    .hint("give the endpoint a `region` whose `aws` code is the load balancer's (or write `hosted_zone_id \"Z...\"`)")
}

/// Appended to the diagnostics of a bound input's value, which is checked
/// like a literal at the place it is used.
pub(super) fn bound_value_note(input: &str, value: &str) -> String {
    format!("this is input `{input}`, whose value is `{value}` (from --set or --values)")
}

// ---------------------------------------------------------------------------
// Pools (`pool NAME = POLICY`): their messages under the codes they share,
// and steer::unused-pool
// ---------------------------------------------------------------------------

/// A member's name that is neither an endpoint nor a pool (when the zone
/// has pools; without any, `unknown_reference` says "unknown endpoint").
pub(super) fn unknown_endpoint_or_pool(
    name: &str,
    span: Span,
    suggestion: Option<String>,
) -> Diagnostic {
    Diagnostic::new(
        CheckCode::UnknownReference,
        span,
        format!("unknown endpoint or pool `{name}`"),
    )
    .label("no endpoint or pool of this name")
    .hint(suggestion.unwrap_or_else(|| {
        format!(
            "a member names an endpoint (`endpoint {name} {{ ... }}`) or a pool \
             (`pool {name} = ...`)"
        )
    }))
}

/// An endpoint and a pool with one name: a member could mean either.
pub(super) fn pool_endpoint_same_name(name: &str, pool: Span, endpoint: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::DuplicateDefinition,
        pool,
        format!("`{name}` is defined more than once: as an endpoint and as a pool"),
    )
    .label("defined again here, as a pool")
    .with_secondary(endpoint, "first defined here, as an endpoint")
    .hint("a member names an endpoint or a pool, so the two need different names: rename one")
}

/// Pools that use each other in a loop: `cycle` starts and ends with the
/// same pool.
pub(super) fn pool_cycle(cycle: &[&str], span: Span, definition: Span) -> Diagnostic {
    let path: Vec<String> = cycle.iter().map(|p| format!("pool `{p}`")).collect();
    Diagnostic::new(
        CheckCode::ReferenceCycle,
        span,
        format!("reference cycle: {}", path.join(" → ")),
    )
    .label("this pool is already being defined here")
    .with_secondary(definition, "the pool this use leads back to")
    .hint("a pool cannot contain itself, directly or through other pools: break the loop")
}

/// A pool used by a record of a type one of its endpoints cannot answer.
pub(super) fn pool_type_mismatch(
    pool: &str,
    endpoint: &ir::Endpoint,
    record_type: ir::RecordType,
    span: Span,
    definition: Span,
) -> Diagnostic {
    let a = article(record_type);
    Diagnostic::new(
        CheckCode::RecordTypeMismatch,
        span,
        format!(
            "pool `{pool}` cannot answer {a} {record_type} record: its endpoint `{}` cannot",
            endpoint.name
        ),
    )
    .label(format!("used by {a} {record_type} record"))
    .with_secondary(definition, "pool defined here")
    .with_secondary(endpoint.span, "endpoint defined here")
    .hint(format!(
        "every endpoint of a pool must answer each type the pool is used for: give `{}` \
         {record_type} answers, or use another pool for {record_type}",
        endpoint.name
    ))
}

/// A pool as a multivalue member, whose members are endpoints' records.
pub(super) fn pool_in_multivalue(pool: &str, span: Span, definition: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::UnsupportedNesting,
        span,
        format!("a multivalue policy cannot contain pool `{pool}`"),
    )
    .label("a pool, not an endpoint")
    .with_secondary(definition, "pool defined here")
    .hint("Route 53 multivalue answers are plain records, not aliases: list address endpoints only")
}

/// `stay` on a pool's own policy: `stay` goes on the use instead.
pub(super) fn stay_at_pool_root(span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::ConflictingSettings,
        span,
        "`stay` applies to a member of a routing policy, not to a pool's own policy",
    )
    .label("no policy around it")
    .hint("write `stay` where the pool is used: `continent EU => stay eu`")
}

/// `id "..."` on a pool's own policy: the set identifier is the use's.
pub(super) fn set_id_at_pool_root(span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::ConflictingSettings,
        span,
        "`id` names the record set of a member, not a pool's own policy",
    )
    .label("no policy around it")
    .hint("write `id` where the pool is used: `continent EU => eu id \"eu\"`")
}

/// A use of a pool that makes the tree, counting the pools' own
/// policies, deeper than `max` levels.
pub(super) fn pools_too_deep(pool: &str, span: Span, max: usize) -> Diagnostic {
    Diagnostic::new(
        CheckCode::PoolsTooDeep,
        span,
        format!("using pool `{pool}` here nests the routing tree deeper than {max} levels"),
    )
    .label("too deep through pools")
    .hint(format!(
        "a pool's policy counts toward the nesting where it is used, as if written there; \
         flatten the chain of pools using pools to at most {max} levels"
    ))
}

/// A TTL on a record whose every answer comes through a pool (or an
/// alias endpoint): the pool's record sets have the pool's TTL.
pub(super) fn pool_record_with_ttl(
    name: &str,
    record_type: ir::RecordType,
    span: Span,
) -> Diagnostic {
    Diagnostic::new(
        CheckCode::AliasWithTtl,
        span,
        format!(
            "record `{name}` {record_type} answers only through pools and alias targets, \
             which take their TTL from the target"
        ),
    )
    .label("TTL set on a record that answers through pools")
    .hint("remove `ttl` here and set it on the pool instead: `pool NAME = ... ttl 30s`")
}

/// A pool nothing uses.
pub(super) fn unused_pool(name: &str, span: Span) -> Diagnostic {
    Diagnostic::new(
        CheckCode::UnusedPool,
        span,
        format!("pool `{name}` is not used by any record or pool"),
    )
    .label("never used")
    .hint(format!(
        "use it as a member (`default => {name}`) or as a record's policy, or remove it"
    ))
}
