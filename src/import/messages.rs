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

// octoDNS subnet rules (CIDR routing).

pub fn mixed_geo_and_subnet_rules() -> String {
    "its rules route on both geos and subnets, which octodns-route53 refuses (\"mixed geo and subnet rules not supported\") and steer does not guess how to combine: the record keeps its static values; route it by hand with a `cidr` policy whose `default` is a `geolocation` policy".to_string()
}

/// A subnet Route 53 cannot route on (`/32`, `/0`, a bare address).
pub fn subnet_outside_route53(block: &str) -> String {
    format!("Route 53 routes on IPv4 blocks of /1 to /24 and IPv6 blocks of /1 to /48, and `{block}` is not one: the record keeps its static values")
}

/// A block already in another location of the collection.
pub fn subnet_in_two_locations(block: &str, location: &str) -> String {
    format!("`{block}` is already in location `{location}` of the CIDR collection with other blocks, and Route 53 holds a block in one location only: the record keeps its static values")
}

/// Two rules of one record with the same subnets.
pub fn subnets_repeated(location: &str) -> String {
    format!("two of its rules have the same subnets (location `{location}`), and Route 53 routes a location once per record: the record keeps its static values")
}

pub fn second_catch_all(span: Span) -> Diagnostic {
    Diagnostic::new(ImportCode::InvalidValue, span, "a second catch-all rule (no `geos`, no `subnets`): octoDNS allows one (\"duplicate default\")")
        .label("another catch-all")
        .hint("keep one catch-all rule, the last")
}

pub fn invalid_subnet(span: Span, block: &str, problem: &str) -> Diagnostic {
    Diagnostic::new(ImportCode::InvalidValue, span, format!("`{block}` is not an octoDNS subnet: {problem}"))
        .label("this subnet")
        .hint("octoDNS subnets are networks such as `198.51.100.0/24` or `2001:db8::/32`, without host bits")
}

pub fn octodns_host_bits(network: &str) -> String {
    format!("host bits are set (the network is `{network}`)")
}

pub fn octodns_not_network() -> &'static str {
    "it is not an address and a prefix length"
}

pub fn octodns_cidr_collection_comment() -> String {
    "The subnets of octoDNS dynamic rules: one location per set of blocks, shared by the rules that list it (octodns-route53 keeps them in one collection, `octodns`).".to_string()
}

pub fn octodns_subnet_comment() -> String {
    "octoDNS dynamic record: each rule's subnets (a location) route to its pool; the catch-all rule is `default`.".to_string()
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
        "created by Traffic Flow policy instance {instance}: give its traffic policy \
         (`--traffic-policies`, `--traffic-policy-instances`; docs/import.md) to import it"
    )
}

// --------------------------------------- Traffic Flow (`import::traffic`)

/// A traffic policy's `Document` that is not a JSON object.
pub fn traffic_document_json(span: Span, policy: &str, problem: &str) -> Diagnostic {
    Diagnostic::new(
        ImportCode::Malformed,
        span,
        format!("the Document of {policy} is not a JSON object: {problem}"),
    )
    .label("this document")
    .hint("give the output of `aws route53 get-traffic-policy --id ID --version N` unchanged")
}

/// A traffic policy document field of the wrong shape, at its JSON path.
pub fn traffic_document_shape(span: Span, policy: &str, path: &str, problem: &str) -> Diagnostic {
    Diagnostic::new(
        ImportCode::Malformed,
        span,
        format!("{path} in the Document of {policy}: {problem}"),
    )
    .label("this document")
    .hint("the format is the Route 53 API Reference's \"Traffic policy document format\"")
}

/// A traffic policy instance whose type is not its policy's `RecordType`.
pub fn traffic_type_mismatch(
    span: Span,
    instance: &str,
    policy: &str,
    document: &str,
) -> Diagnostic {
    Diagnostic::new(
        ImportCode::InvalidValue,
        span,
        format!("{instance}: {policy}, which it applies, creates {document} record sets"),
    )
    .label("this instance")
}

/// What a traffic policy is called in messages.
pub fn traffic_policy(name: &str, id: &str, version: i64) -> String {
    format!("traffic policy {name:?} ({id} version {version})")
}

/// What a traffic policy instance is called in messages.
pub fn traffic_instance(name: &str, record_type: &str, id: &str) -> String {
    format!("traffic policy instance {name} {record_type} ({id})")
}

/// A record set read from a traffic policy document, for messages.
pub fn traffic_set(name: &str, record_type: &str, path: &str) -> String {
    format!("{name} {record_type} from {path}")
}

/// A construct of a traffic policy document steer cannot express: the
/// instance is skipped.
pub fn traffic_unsupported(path: &str, policy: &str, problem: &str) -> String {
    format!("{path} in {policy}: {problem}; the instance is not imported")
}

pub fn traffic_local_zone(name: &str) -> String {
    format!("a Local Zone location ({name}): steer writes AWS regions and coordinates only")
}

pub fn traffic_endpoint_type(endpoint_type: &str) -> String {
    format!(
        "endpoint type {endpoint_type:?} is not one of value, cloudfront, elastic-load-balancer, \
         application-load-balancer, network-load-balancer, elastic-beanstalk, s3-website"
    )
}

pub fn traffic_rule_type(rule_type: &str) -> String {
    format!(
        "rule type {rule_type:?} is not one of failover, geo, latency, weighted, multivalue, \
         geoproximity"
    )
}

pub fn traffic_s3_without_region() -> String {
    "an s3-website endpoint whose Value is a bucket name and that has no Region".to_string()
}

/// An instance Route 53 could not apply.
pub fn traffic_instance_state(state: &str) -> String {
    format!("its State is {state:?}: Route 53 did not create its record sets")
}

/// CIDR routing on a collection whose blocks the input does not have.
pub fn cidr_collection_unknown(collection: &str) -> String {
    format!(
        "CIDR routing on collection {collection}, whose locations and blocks are not in the \
         input (a record listing names collections by id only): give `--cidr-collections` \
         (docs/import.md), or import from Terraform"
    )
}

/// A record set names a health check the input does not have.
pub fn health_check_not_given(id: &str) -> String {
    format!(
        "health check {id} is not among the health checks given (--health-checks): the record \
         set is imported without it"
    )
}

// ----------------------------------------- Route 53 listing: record sets

/// `record set www.example.com A "eu"`: what a bad record set is called.
pub fn route53_record_set(name: &str, record_type: &str, set_identifier: Option<&str>) -> String {
    match set_identifier {
        Some(id) => format!("record set {name} {record_type} {id:?}"),
        None => format!("record set {name} {record_type}"),
    }
}

pub fn route53_bad_failover(value: &str) -> String {
    format!("Failover is {value:?}: PRIMARY or SECONDARY")
}

/// `fields` are the routing fields the record set has.
pub fn route53_several_routings(fields: &[&str]) -> String {
    format!(
        "more than one routing field ({}): a record set has one routing policy",
        fields.join(", ")
    )
}

pub fn route53_no_set_identifier(field: &str) -> String {
    format!("{field} without SetIdentifier: Route 53 requires one on every routed record set")
}

pub fn route53_alias_and_records() -> String {
    "both AliasTarget and ResourceRecords: an alias record set has no records".to_string()
}

pub fn route53_no_answer() -> String {
    "neither AliasTarget nor ResourceRecords: nothing to answer with".to_string()
}

pub fn route53_ttl_range(ttl: i64) -> String {
    format!("TTL {ttl} is not 0 – 2147483647")
}

// ------------------------------------------------- Terraform: resources

/// What a Terraform expression is, when only Terraform can evaluate it.
#[derive(Debug, Clone, Copy)]
pub enum NotStatic<'a> {
    Traversal,
    Splat,
    Template,
    Call(&'a str),
    Conditional,
    For,
    BareName(&'a str),
    Heredoc,
    Operation,
    Null,
    Collection,
}

/// `aws_route53_record.www: a conditional expression cannot be read ...`.
pub fn terraform_expression(address: &str, what: NotStatic<'_>) -> String {
    let what = match what {
        NotStatic::Traversal => "a traversal of an expression".to_string(),
        NotStatic::Splat => "a splat or computed index".to_string(),
        NotStatic::Template => "a string template".to_string(),
        NotStatic::Call(f) => format!("a call of the function `{f}`"),
        NotStatic::Conditional => "a conditional expression".to_string(),
        NotStatic::For => "a `for` expression".to_string(),
        NotStatic::BareName(n) => format!("the bare name `{n}`"),
        NotStatic::Heredoc => "a heredoc".to_string(),
        NotStatic::Operation => "an operation".to_string(),
        NotStatic::Null => "null".to_string(),
        NotStatic::Collection => "a list or object where one value is expected".to_string(),
    };
    format!("{address}: {}", terraform_not_static(&what))
}

pub fn terraform_meta(address: &str, argument: &str) -> String {
    format!("{address}: {}", terraform_meta_argument(argument))
}

pub fn terraform_dynamic(address: &str) -> String {
    format!("{address}: {}", terraform_dynamic_block())
}

pub fn terraform_list_expected(address: &str) -> String {
    format!("{address}: a list is expected here")
}

pub fn terraform_value_needed(address: &str, key: &str, reference: &str) -> String {
    format!("{address}: `{key}` is `{reference}`; steer needs its value here")
}

pub fn terraform_not_number(address: &str, key: &str, value: &str) -> String {
    format!("{address}: `{key}` is {value:?}, not a whole number")
}

pub fn terraform_zone_missing(address: &str, zone: &str) -> String {
    format!("{address}: zone {zone} is not in the files")
}

pub fn terraform_zone_name_missing(address: &str) -> String {
    format!("{address}: its zone's name is not in the files: give --zone NAME")
}

pub fn terraform_other_zone(address: &str, zone: &str) -> String {
    format!("{address}: in zone {zone}, not the one imported")
}

/// A required attribute is missing: `aws_route53_record.www: no `type``.
pub fn terraform_no_attribute(address: &str, key: &str) -> String {
    format!("{address}: no `{key}`")
}

pub fn terraform_ttl_range(address: &str, ttl: i64) -> String {
    format!("{address}: ttl {ttl} is not 0 – 2147483647")
}

pub fn terraform_several_routings(address: &str) -> String {
    format!("{address}: more than one routing policy")
}

pub fn terraform_alias_without_name(address: &str) -> String {
    format!("{address}: alias without name")
}

pub fn terraform_no_answer(address: &str) -> String {
    format!("{address}: one of `records` or an `alias` block is needed")
}

pub fn terraform_unknown_attribute(address: &str, key: &str) -> String {
    format!("{address}: `{key}` is not an attribute steer reads")
}

pub fn terraform_collection_reference(address: &str) -> String {
    format!(
        "{address}: cidr_collection_id must refer to an aws_route53_cidr_collection of the files"
    )
}

// ------------------------------------- Terraform: locals, variables, modules

/// A value read through locals or a module's variables cannot be read:
/// `reason` at the place of the value, `via` what was followed from the use.
pub fn terraform_through(reason: &str, via: &str, used: &super::Location) -> String {
    format!("{reason} (the value of {via}, used at {used})")
}

pub fn terraform_unknown_local(address: &str, name: &str) -> String {
    format!("{address}: `local.{name}` is not defined in the module's files")
}

/// `chain`: `local.a → local.b → local.a`.
pub fn terraform_local_cycle(address: &str, chain: &str) -> String {
    format!("{address}: {chain}: a cycle, which Terraform refuses too; the resource is skipped")
}

pub fn terraform_too_long(address: &str, max: usize) -> String {
    format!("{address}: a string template longer than {max} characters")
}

pub fn terraform_nesting(address: &str, max: usize) -> String {
    format!("{address}: more than {max} locals or module variables nested in one another")
}

/// A `module` block whose source is not a local path.
pub fn terraform_module_remote(source: &str) -> String {
    format!(
        "the source {source:?} is not a local path (`./` or `../`): steer does not download \
         modules; import the module's own files, or the deployed zone with `steer import \
         route53`"
    )
}

pub fn terraform_module_source() -> String {
    "a module block needs a literal `source`".to_string()
}

pub fn terraform_module_recursion(dir: &str) -> String {
    format!("{dir} calls itself (directly or through other modules); it is not followed again")
}

pub fn terraform_module_limit(max: usize) -> String {
    format!("more than {max} module instances: the rest is not followed")
}

pub fn terraform_module_unreadable(dir: &str, why: &str) -> String {
    format!("cannot read the module's directory {dir}: {why}")
}

/// The description of the input a module's variable becomes when its
/// module block does not set it and it has no literal default.
pub fn terraform_module_variable(name: &str, module: &str) -> String {
    format!("variable {name} of {module}, which its module block does not set")
}

/// The description of the input a reference inside a module becomes.
pub fn terraform_module_reference(reference: &str, module: &str) -> String {
    format!("{reference} of {module} (Terraform does not show a module's resources outside it)")
}

/// The comment above the input a root variable with a literal default becomes.
pub fn terraform_variable_default(name: &str, value: &str) -> String {
    format!(
        "Terraform's default: {value:?}.\nA steer input has no default: give it with --set \
         {name}=VALUE or --values FILE."
    )
}

// ------------------------- raising record sets (Route 53 and Terraform)

pub fn raise_outside_zone(name: &str, zone: &str) -> String {
    format!("{name} is not in zone {zone}")
}

pub fn raise_apex_soa() -> String {
    "the zone's SOA: Route 53 keeps it (steer's zone block has `soa` for zone files)".to_string()
}

pub fn raise_unsupported_type(record_type: &str, types: &[&str]) -> String {
    format!(
        "type {record_type} is not one steer writes ({})",
        types.join(", ")
    )
}

pub fn raise_ignored_check(check: &str) -> String {
    format!(
        "Route 53 ignores health check {check} on this simple record set (HealthCheckId is \
         \"useful only when Route 53 is choosing between two or more resource record sets\"); \
         not imported"
    )
}

pub fn raise_ttls(ttls: &[String], kept: u32) -> String {
    format!(
        "the record sets had TTLs {}; steer gives one record one TTL: {kept}",
        ttls.join(", ")
    )
}

pub fn raise_pool_shape(pool: &str, record_type: &str) -> String {
    format!(
        "pool {pool}: its {record_type} record sets do not have the shape of its other types' \
         (steer writes one policy per pool)"
    )
}

pub fn raise_alias_loop(name: &str, record_type: &str) -> String {
    format!("{name} {record_type} aliases itself through other names")
}

pub fn raise_simple_beside_routed(name: &str, record_type: &str, simple: &str) -> String {
    format!(
        "{name} {record_type}: a simple record set ({simple}) beside routed ones; Route 53 does \
         not allow this"
    )
}

pub fn raise_identifier_without_routing() -> String {
    "a set identifier without a routing field".to_string()
}

pub fn raise_mixed_routing(name: &str, record_type: &str, first: &str, other: &str) -> String {
    format!(
        "{name} {record_type} mixes routing policies ({first} and {other}); Route 53 requires \
         one per name and type"
    )
}

pub fn raise_multivalue_alias(set_identifier: &str) -> String {
    format!(
        "multivalue member {set_identifier:?} is an alias; Route 53 multivalue answers are records"
    )
}

pub fn raise_geolocation_not_one(location: &str) -> String {
    format!("GeoLocation of {location} is not one location")
}

pub fn raise_weight_range(weight: i64) -> String {
    format!("Weight {weight} is not 0 – 255")
}

pub fn raise_local_zone_group(group: &str) -> String {
    format!(
        "GeoProximityLocation.LocalZoneGroup {group}: steer writes AWS regions and coordinates \
         only"
    )
}

pub fn raise_geoproximity_not_one() -> String {
    "GeoProximityLocation is not one location".to_string()
}

pub fn raise_routed_type(record_type: &str) -> String {
    format!("a routed {record_type} record set: steer routes A, AAAA and CNAME records")
}

pub fn raise_failover_evaluates(location: &str) -> String {
    format!(
        "{location}: a failover alias with a health check that does not evaluate target health; \
         steer evaluates it (Developer Guide, \"Configuring DNS failover\")"
    )
}

pub fn raise_alias_reference_kind(target: &str, hosted_zone_id: &str) -> String {
    format!(
        "cannot tell which AWS service the alias target {target} is (neither its resource type \
         nor its hosted zone id {hosted_zone_id} says)"
    )
}

pub fn raise_unknown_alias(target: &str, hosted_zone_id: &str) -> String {
    format!(
        "alias target {target} (hosted zone {hosted_zone_id}) is no AWS service steer knows \
         (elb, nlb, cloudfront, s3_website, api_gateway, global_accelerator, elastic_beanstalk) \
         and not a record of this zone"
    )
}

pub fn raise_child_check_skipped() -> String {
    "a child health check could not be imported".to_string()
}

pub fn raise_check_skipped(why: &str) -> String {
    format!("{why}; record sets using it are imported without it")
}

pub fn raise_nested_kept(name: &str) -> String {
    format!(
        "{name} holds a nested policy under a name steer would not generate from the names \
         here: kept as its own record"
    )
}

pub fn raise_terraform_variable(name: &str) -> String {
    format!("Terraform variable {name}")
}

// ------------------------------------ raising record data and checks

pub fn raise_caa_shape(value: &str) -> String {
    format!("CAA value {value:?} is not FLAGS TAG VALUE")
}

pub fn raise_escape_range(value: &str) -> String {
    format!("escape in {value:?}")
}

pub fn raise_escape_at_end(value: &str) -> String {
    format!("{value:?} ends in \\")
}

pub fn raise_short_escape(value: &str) -> String {
    format!("a short escape in {value:?}")
}

pub fn raise_unterminated_quote(value: &str) -> String {
    format!("{value:?} has an unterminated quote")
}

pub fn raise_not_utf8(value: &str) -> String {
    format!("{value:?} is not UTF-8")
}

pub fn raise_check_target(check_type: &str) -> String {
    format!("a {check_type} check with neither IPAddress nor FullyQualifiedDomainName")
}

pub fn raise_tcp_without_port() -> String {
    "a TCP check without a Port".to_string()
}

pub fn raise_child_not_given(child: &str) -> String {
    format!("child health check {child} is not among the health checks given")
}

pub fn raise_calculated_without_children() -> String {
    "a calculated check with no children (CloudFormation's stand-in for a disabled check, or an \
     empty calculation): steer cannot write it"
        .to_string()
}

pub fn raise_alarm_missing() -> String {
    "a CLOUDWATCH_METRIC check without AlarmIdentifier".to_string()
}

pub fn raise_control_missing() -> String {
    "a RECOVERY_CONTROL check without RoutingControlArn".to_string()
}

pub fn raise_check_type(check_type: &str) -> String {
    format!("health check type {check_type:?} is not one Route 53 has")
}

// ------------------------------------------- zone files: what is wrong

pub fn zone_unknown_directive() -> &'static str {
    "an unknown directive (zone files know `$ORIGIN`, `$TTL`, `$INCLUDE` and BIND's `$GENERATE`)"
}

pub fn zone_escaped_name() -> &'static str {
    "escaped characters in names are not something steer can write"
}

// ---------------------------------------------- octoDNS: what is wrong

/// `dynamic` of `A record www.example.com`.
pub fn octodns_dynamic_of(what: &str) -> String {
    format!("`dynamic` of {what}")
}

/// `health check of `192.0.2.1` in A record www.example.com`.
pub fn octodns_check_of(value: &str, record: &str) -> String {
    format!("health check of `{value}` in {record}")
}

pub fn octodns_geo_part(code: &str) -> String {
    format!("geo `{code}`")
}

pub fn octodns_pool_part(pool: &str) -> String {
    format!("pool `{pool}`")
}

pub fn octodns_statuses() -> &'static str {
    "octoDNS statuses are `up`, `down` and `obey`"
}

pub fn octodns_request_interval() -> &'static str {
    "Route 53 probes every 10 or 30 seconds"
}

pub fn octodns_not_continent(code: &str) -> String {
    format!("`{code}` is not a continent code")
}

pub fn octodns_not_country(code: &str) -> String {
    format!("`{code}` is not a country code")
}

pub fn octodns_not_state(code: &str) -> String {
    format!("`{code}` is not a US state")
}

/// `HTTPS /_dns on port 443, every 10s, unhealthy after 6 failures, latency measured`.
pub fn octodns_check_settings(
    protocol: &str,
    path: Option<&str>,
    port: u64,
    interval: u64,
    threshold: u64,
    measure_latency: bool,
) -> String {
    let path = path.map_or(String::new(), |p| format!(" {p}"));
    let latency = if measure_latency {
        ", latency measured"
    } else {
        ""
    };
    format!("{protocol}{path} on port {port}, every {interval}s, unhealthy after {threshold} failures{latency}")
}

// ------------------------------- Route 53 listing: CIDR collections

const CIDR_INPUT_HINT: &str = "give `aws route53 list-cidr-collections` output, then for each \
     collection `aws route53 list-cidr-blocks --collection-id ID` output with \
     `\"CollectionId\": \"ID\"` added (docs/import.md, route53)";

/// A `list-cidr-blocks` page without the `CollectionId` the user adds.
pub fn cidr_blocks_without_collection(span: Span) -> Diagnostic {
    Diagnostic::new(
        ImportCode::Malformed,
        span,
        "these CIDR blocks do not say their collection: `CollectionId` is missing",
    )
    .label("which collection?")
    .hint(CIDR_INPUT_HINT)
}

/// A `--cidr-collections` value that is neither kind of page.
pub fn cidr_page_shape(span: Span) -> Diagnostic {
    Diagnostic::new(
        ImportCode::Malformed,
        span,
        "this is neither a `list-cidr-collections` page (`CidrCollections`) nor a \
         `list-cidr-blocks` page (`CollectionId` and `CidrBlocks`)",
    )
    .label("here")
    .hint(CIDR_INPUT_HINT)
}

pub fn cidr_collection_not_listed(span: Span, id: &str) -> Diagnostic {
    Diagnostic::new(
        ImportCode::InvalidValue,
        span,
        format!("collection {id} is not among the collections `list-cidr-collections` lists"),
    )
    .label("blocks of this collection")
    .hint(CIDR_INPUT_HINT)
}
