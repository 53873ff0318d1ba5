//! Every diagnostic and every skip reason of the import stage, worded in
//! one place: one named constructor per message, grouped by code.

use super::ImportCode;
use crate::diagnostic::Diagnostic;
use crate::source::Span;

// ---------------------------------------------------------------- malformed

pub fn not_utf8(span: Span) -> Diagnostic {
    Diagnostic::new(ImportCode::Malformed, span, "the file is not valid UTF-8")
        .label("this byte")
        .hint("zone files and octoDNS YAML are text: convert the file to UTF-8")
}

/// A zone-file line that cannot be read: `what` says what was expected.
pub fn zone_syntax(span: Span, what: &str) -> Diagnostic {
    Diagnostic::new(
        ImportCode::Malformed,
        span,
        format!("cannot read this zone-file line: {what}"),
    )
    .label("here")
}

pub fn unclosed_parenthesis(span: Span) -> Diagnostic {
    Diagnostic::new(ImportCode::Malformed, span, "this `(` is never closed")
        .label("opened here")
        .hint("a record continued over several lines ends with `)`")
}

pub fn unopened_parenthesis(span: Span) -> Diagnostic {
    Diagnostic::new(ImportCode::Malformed, span, "`)` without a `(` before it")
        .label("closes nothing")
}

pub fn unclosed_quote(span: Span) -> Diagnostic {
    Diagnostic::new(
        ImportCode::Malformed,
        span,
        "this quoted string is never closed",
    )
    .label("opened here")
    .hint("a quoted string ends with `\"` on the same line; write `\\\"` for a quote inside it")
}

pub fn bad_escape(span: Span) -> Diagnostic {
    Diagnostic::new(
        ImportCode::Malformed,
        span,
        "`\\DDD` must be three decimal digits for one byte (000 to 255)",
    )
    .label("this escape")
}

pub fn yaml_syntax(span: Span, problem: &str) -> Diagnostic {
    Diagnostic::new(
        ImportCode::Malformed,
        span,
        format!("this is not valid YAML: {problem}"),
    )
    .label("here")
}

/// A field of the wrong YAML kind: `expected` is `a mapping`, `a list`, ...
pub fn yaml_shape(span: Span, what: &str, expected: &str) -> Diagnostic {
    Diagnostic::new(
        ImportCode::Malformed,
        span,
        format!("{what} must be {expected}"),
    )
    .label(format!("expected {expected}"))
}

pub fn yaml_missing(span: Span, what: &str, field: &str) -> Diagnostic {
    Diagnostic::new(
        ImportCode::Malformed,
        span,
        format!("{what} has no `{field}`"),
    )
    .label(format!("`{field}` missing"))
}

// ------------------------------------------------------------ invalid value

/// A record's data that steer's own reading of its type rejects.
pub fn invalid_record_data(span: Span, record_type: &str, problem: &str) -> Diagnostic {
    Diagnostic::new(
        ImportCode::InvalidValue,
        span,
        format!("invalid {record_type} data: {problem}"),
    )
    .label("this value")
}

pub fn invalid_ttl(span: Span, text: &str) -> Diagnostic {
    Diagnostic::new(
        ImportCode::InvalidValue,
        span,
        format!("`{text}` is not a TTL"),
    )
    .label("not a TTL")
    .hint("a TTL is seconds (3600) or BIND units (1h, 1d, 1w2d), at most 2147483647 seconds")
}

pub fn invalid_name(span: Span, name: &str, problem: &str) -> Diagnostic {
    Diagnostic::new(
        ImportCode::InvalidValue,
        span,
        format!("`{name}` is not a domain name: {problem}"),
    )
    .label("this name")
}

pub fn invalid_origin(name: &str, problem: &str) -> Diagnostic {
    Diagnostic::new(
        ImportCode::InvalidValue,
        Span::default(),
        format!("the origin `{name}` is not a domain name: {problem}"),
    )
}

pub fn outside_origin(span: Span, name: &str, origin: &str) -> Diagnostic {
    Diagnostic::new(
        ImportCode::InvalidValue,
        span,
        format!("`{name}` is not in the zone `{origin}`"),
    )
    .label("outside the zone")
    .hint("give the zone's name with `--origin`, or check the `$ORIGIN` lines")
}

pub fn no_origin(span: Span) -> Diagnostic {
    Diagnostic::new(
        ImportCode::InvalidValue,
        span,
        "a relative name, but no origin is known here",
    )
    .label("relative to what?")
    .hint("give the zone's name with `--origin NAME`, or add `$ORIGIN NAME.` above this line")
}

pub fn no_owner(span: Span) -> Diagnostic {
    Diagnostic::new(
        ImportCode::InvalidValue,
        span,
        "the first record has no owner name to repeat",
    )
    .label("starts with a blank")
    .hint("a line starting with a space or tab repeats the previous record's name; write the name here")
}

pub fn no_ttl(span: Span) -> Diagnostic {
    Diagnostic::new(
        ImportCode::InvalidValue,
        span,
        "this record has no TTL, and no `$TTL` or earlier TTL applies",
    )
    .label("no TTL")
    .hint("add `$TTL 3600` at the top of the file, or a TTL on this record")
}

pub fn unknown_pool(span: Span, pool: &str, known: &[&str]) -> Diagnostic {
    Diagnostic::new(
        ImportCode::InvalidValue,
        span,
        format!("there is no pool `{pool}` in this record"),
    )
    .label("unknown pool")
    .maybe_hint(crate::diagnostic::did_you_mean(pool, known.iter().copied()))
}

pub fn fallback_loop(span: Span, chain: &str) -> Diagnostic {
    Diagnostic::new(
        ImportCode::InvalidValue,
        span,
        format!("pool fallbacks go round in a loop: {chain}"),
    )
    .label("falls back to a pool already in the chain")
}

pub fn invalid_geo(span: Span, code: &str, problem: &str) -> Diagnostic {
    Diagnostic::new(ImportCode::InvalidValue, span, format!("`{code}` is not an octoDNS geo code: {problem}"))
        .label("this code")
        .hint("octoDNS geos are a continent (`EU`), a continent and country (`EU-DE`) or a continent, country and province (`NA-US-CA`)")
}

pub fn invalid_number(span: Span, what: &str, range: &str) -> Diagnostic {
    Diagnostic::new(
        ImportCode::InvalidValue,
        span,
        format!("{what} must be a whole number {range}"),
    )
    .label("out of range")
}

pub fn invalid_field(span: Span, what: &str, problem: &str) -> Diagnostic {
    Diagnostic::new(ImportCode::InvalidValue, span, format!("{what}: {problem}")).label("here")
}

// ----------------------------------------------------------------- internal

/// The importer's text does not parse: a bug. The text is in the message
/// so that a report can include it.
pub fn unreadable_output(text: &str) -> super::ImportError {
    Diagnostic::new(
        ImportCode::Internal,
        Span::default(),
        format!("steer's importer wrote a file it cannot read back; please report this bug with the input. The text was:\n{text}"),
    )
    .into()
}

// ------------------------------------------------------------ skip reasons

/// `HINFO record host.example.com`.
pub fn skipped_record(record_type: &str, name: &str) -> String {
    format!("{record_type} record {name}")
}

pub fn unsupported_type(record_type: &str) -> String {
    format!("steer has no {record_type} records (it writes A, AAAA, CNAME, MX, TXT, SRV, CAA, NS and PTR)")
}

/// `geo `NA-CA-BC` of A record www.example.com`.
pub fn part_of_record(part: &str, record_type: &str, name: &str) -> String {
    format!("{part} of {}", skipped_record(record_type, name))
}

pub fn include_skipped() -> String {
    "`$INCLUDE` is not followed: import the included file on its own".to_string()
}

pub fn soa_elsewhere() -> String {
    "an SOA record belongs at the zone's apex; steer writes only the apex SOA (zone `soa`)"
        .to_string()
}

pub fn class_not_in(class: &str) -> String {
    format!("class {class}: steer writes Internet (IN) records only")
}

pub fn apex_ns_ttl(ttl: u64, zone_ttl: u64) -> String {
    format!("The apex NS TTL {ttl} is not kept: steer writes `nameservers` with the zone's TTL {zone_ttl}.")
}

pub fn apex_soa_ttl(ttl: u64) -> String {
    format!("The SOA's own TTL {ttl} is not kept: steer writes the SOA with the zone's TTL.")
}

pub fn generate_skipped() -> String {
    "BIND's `$GENERATE` is not expanded: import the expanded zone, as `named-compilezone -o - ZONE FILE` prints it".to_string()
}

pub fn outside_zone(zone: &str) -> String {
    format!("not in the zone `{zone}` (BIND ignores such data too)")
}

pub fn txt_not_utf8() -> String {
    "the text is not UTF-8, and steer strings are".to_string()
}

pub fn repeated_value() -> String {
    "the same value again: a record set holds each value once (RFC 2181 §5), and steer writes it once".to_string()
}

pub fn second_soa() -> String {
    "a zone has one SOA; the first is kept".to_string()
}

/// `expected N fields (SHAPE), found M`.
pub fn fields_expected(shape: &str, expected: usize, found: usize) -> String {
    let fields = if expected == 1 { "field" } else { "fields" };
    format!("expected {expected} {fields} ({shape}), found {found}")
}

/// The imported file's first line.
pub fn imported_from_zone_file(file: &str) -> String {
    format!("Imported by `steer import zone` from {file}.")
}

pub fn mname_not_kept(mname: &str) -> String {
    format!("The SOA's primary server {mname} is not one of the name servers: steer writes the first of `nameservers` there.")
}

pub fn txt_joined() -> String {
    "The TXT value was several character-strings; steer writes one string, split into 255-byte pieces (readers of SPF, DKIM and DMARC join them).".to_string()
}

pub fn unsupported_octodns(feature: &str, why: &str) -> String {
    format!("{feature}: {why}")
}

// ------------------------------------------------------------------ octoDNS

pub fn imported_from_octodns(file: &str) -> String {
    format!("Imported by `steer import octodns` from {file}, as octoDNS's Route 53 provider deploys it.")
}

pub fn octodns_ignored() -> String {
    "`octodns.ignored` is set: octoDNS leaves it alone too".to_string()
}

pub fn dynamic_type(record_type: &str) -> String {
    format!("octoDNS's Route 53 provider routes A, AAAA and CNAME records, not {record_type}; its values are imported as a plain record")
}

/// `TXT value "x"`.
pub fn skipped_value(record_type: &str, value: &str) -> String {
    format!("{record_type} value `{value}`")
}

pub fn subnet_rules() -> String {
    "rules with `subnets` (CIDR routing) are not imported: the record keeps its static values; write a `cidr_collection` and a `cidr` policy by hand".to_string()
}

pub fn province_outside_us() -> String {
    "Route 53 and steer route to subdivisions of the US only; the rule keeps its other geos"
        .to_string()
}

pub fn no_rules() -> String {
    "no rule is left to route with: the record keeps its static values".to_string()
}

pub fn unused_octodns_pool() -> String {
    "no rule or fallback uses it, so it would answer no one (steer: `unused-pool`)".to_string()
}

pub fn unprobeable_protocol(protocol: &str) -> String {
    format!("Route 53 probes HTTP, HTTPS and TCP, not {protocol}: the value is answered without a health check")
}

pub fn octodns_check_comment(settings: &str) -> String {
    format!("One check per value, as octodns-route53 creates them: {settings}.")
}

pub fn octodns_default_pool() -> String {
    "The record's own values: the last fallback of every pool (octodns-route53's `_octodns-default-pool`, no health check).".to_string()
}

pub fn octodns_dynamic_comment(only_default: bool) -> String {
    if only_default {
        "octoDNS dynamic record with one catch-all rule: its pool answers everyone.".to_string()
    } else {
        "octoDNS dynamic record: each rule's geos route to its pool; the catch-all rule is `default`.".to_string()
    }
}

// ------------------------------------------------- Route 53 and Terraform

/// JSON that does not parse (`aws route53 list-*` output).
pub fn json_syntax(span: Span, problem: &str) -> Diagnostic {
    Diagnostic::new(
        ImportCode::Malformed,
        span,
        format!("this is not valid JSON: {problem}"),
    )
    .label("here")
    .hint("give the output of `aws route53 list-resource-record-sets --output json` (or `list-health-checks`) unchanged")
}

/// JSON that parses but is not what the AWS CLI prints.
pub fn json_shape(span: Span, what: &str, problem: &str) -> Diagnostic {
    Diagnostic::new(
        ImportCode::Malformed,
        span,
        format!("{what} is not what the AWS CLI prints: {problem}"),
    )
    .label("here")
    .hint("record sets come from `aws route53 list-resource-record-sets`, health checks from `aws route53 list-health-checks` (docs/import.md)")
}

/// HCL that does not parse.
pub fn hcl_syntax(span: Span, problem: &str) -> Diagnostic {
    Diagnostic::new(
        ImportCode::Malformed,
        span,
        format!("this is not valid HCL: {problem}"),
    )
    .label("here")
    .hint("`terraform fmt` or `terraform validate` shows the same problem")
}

/// The zone's name is nowhere in the input.
pub fn no_zone_name(source: &str) -> Diagnostic {
    Diagnostic::new(
        ImportCode::InvalidValue,
        Span::default(),
        format!("{source} do not say which zone they belong to"),
    )
    .hint("give the zone's name with --zone NAME")
}

/// Terraform files with several zones and no `--zone`.
pub fn several_zones(span: Span, zones: &[&str]) -> Diagnostic {
    Diagnostic::new(
        ImportCode::InvalidValue,
        span,
        format!("the files hold several zones ({})", zones.join(", ")),
    )
    .label("one of them")
    .hint("import one zone at a time: give --zone NAME")
}

// ------------------------------------- skip reasons: Route 53 and Terraform

/// A Terraform resource with `count` or `for_each`.
pub fn terraform_meta_argument(argument: &str) -> String {
    format!(
        "`{argument}` makes instances steer cannot enumerate without running Terraform; write \
         them out or import the deployed zone with `steer import route53`"
    )
}

/// A `dynamic` block in a Terraform resource.
pub fn terraform_dynamic_block() -> String {
    "a `dynamic` block is generated when Terraform runs; steer does not evaluate it".to_string()
}

/// An expression only Terraform can evaluate: `what` is `a call of the
/// function `cidrhost``, `a conditional expression`, ...
pub fn terraform_not_static(what: &str) -> String {
    format!("{what} cannot be read without running Terraform; the resource is skipped")
}

/// A record set of a Traffic Flow policy instance.
pub fn traffic_flow_record_set(instance: &str) -> String {
    format!(
        "created by Traffic Flow policy instance {instance}: export the traffic policy (`aws \
         route53 get-traffic-policy`) and write it as steer policies"
    )
}

/// CIDR routing on a collection whose blocks the input does not have.
pub fn cidr_collection_unknown(collection: &str) -> String {
    format!(
        "CIDR routing on collection {collection}, whose locations and blocks are not in the \
         input (a record listing names collections by id only: `aws route53 list-cidr-blocks` \
         has them); write the `cidr_collection` and this record by hand, or import from \
         Terraform"
    )
}

/// A record set names a health check the input does not have.
pub fn health_check_not_given(id: &str) -> String {
    format!(
        "health check {id} is not among the health checks given (--health-checks): the record \
         set is imported without it"
    )
}
