//! The wording of the emit stage, in one place: a named constructor per
//! diagnostic the Route 53 lowering, its writers and the zone target report, and the
//! messages targets give the command line (option errors and notes).

use super::EmitCode;
use crate::check::ir::{self, RecordType};
use crate::diagnostic::Diagnostic;
use crate::source::Span;

/// Two nested policies of one record need the same generated name;
/// `pool`: two pools do (their names differ only in case).
pub fn generated_name_needed_twice(
    span: Span,
    generated: &str,
    record_type: RecordType,
    first: Span,
    pool: bool,
) -> Diagnostic {
    let (what, hint) = if pool {
        (
            "needed by this pool",
            "DNS names are case-insensitive, so pools whose names differ only in case share a \
             generated name: rename one",
        )
    } else {
        (
            "needed by this nested policy",
            "give the nested policies different first endpoints",
        )
    };
    Diagnostic::new(
        EmitCode::GeneratedNameCollision,
        span,
        format!("the generated name {generated} {record_type} is needed twice"),
    )
    .label(what)
    .with_secondary(first, "and by this one")
    .hint(hint)
}

/// A record of the zone has a name steer generates for a nested policy.
pub fn generated_name_is_a_record(record: Span, name: &str, nested: Span) -> Diagnostic {
    Diagnostic::new(
        EmitCode::GeneratedNameCollision,
        record,
        format!("{name} is a name steer generates for a nested policy"),
    )
    .label("this record has the generated name")
    .with_secondary(nested, "the nested policy that needs the name")
    .hint("rename this record: names starting with `_` followed by a member label are reserved for nested policies")
}

/// A generated name is not a valid DNS name (`error` says why).
pub fn generated_name_invalid(nested: Span, error: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::new(
        EmitCode::GeneratedNameTooLong,
        nested,
        format!("the name generated for a nested policy is not a valid DNS name: {error}"),
    )
    .label("nested too deep, or member names too long")
    .hint("shorten the endpoint names, or nest fewer levels")
}

/// A set identifier over Route 53's limit.
/// `chosen`: written with `id "..."` rather than derived.
pub fn set_identifier_too_long(span: Span, id: &str, chosen: bool) -> Diagnostic {
    let d = Diagnostic::new(
        EmitCode::SetIdentifierTooLong,
        span,
        format!(
            "the set identifier `{id}` is {} characters long; Route 53 allows 128",
            id.chars().count()
        ),
    );
    if chosen {
        d.label("chosen here")
            .hint("Route 53 cannot hold a longer identifier: choose a shorter one")
    } else {
        d.label("derived from this record's member names")
            .hint("shorten the endpoint or location names, or choose one with `id \"...\"`")
    }
}

/// Two members of one routed record get the same set identifier.
pub fn set_identifier_collision(
    span: Span,
    name: &str,
    record_type: RecordType,
    id: &str,
    chosen: bool,
) -> Diagnostic {
    let d = Diagnostic::new(
        EmitCode::SetIdentifierCollision,
        span,
        format!("two members of {name} {record_type} would both be called `{id}`"),
    );
    if chosen {
        d.label("chosen here")
            .hint("each member at one name and type needs its own `id`")
    } else {
        d.label("in this record").hint(
            "each member of a policy needs its own endpoint (or, nested, a different first \
             endpoint), or its own `id \"...\"`",
        )
    }
}

/// Two things would be the same Terraform resource (`resource_type.name`).
pub fn terraform_name_collision(
    span: Span,
    what: &str,
    first: (Span, &str),
    resource_type: &str,
    name: &str,
) -> Diagnostic {
    let (first_span, first_what) = first;
    Diagnostic::new(
        EmitCode::ResourceNameCollision,
        span,
        format!(
            "{what} and {first_what} would both be the Terraform resource {resource_type}.{name}"
        ),
    )
    .label(format!("{what} is here"))
    .with_secondary(first_span, format!("{first_what} is here"))
    .hint(
        "Terraform names are made from steer names: lowercased, with `@` written `apex`, `*` `wildcard`, \
         and `.` and other characters Terraform does not allow written `_`; rename one of the two",
    )
}

/// A CloudFormation logical id over `max` characters.
pub fn logical_id_too_long(span: Span, what: &str, length: usize, max: usize) -> Diagnostic {
    Diagnostic::new(
        EmitCode::ResourceNameTooLong,
        span,
        format!(
            "the CloudFormation logical id of {what} would be {length} characters long; CloudFormation allows {max}"
        ),
    )
    .label("the logical id is made from these names")
    .hint("shorten the record, endpoint or location names")
}

/// Two things would have the same CloudFormation logical id.
pub fn logical_id_collision(span: Span, what: &str, first: (Span, &str), id: &str) -> Diagnostic {
    let (first_span, first_what) = first;
    Diagnostic::new(
        EmitCode::ResourceNameCollision,
        span,
        format!("{what} and {first_what} would both have the CloudFormation logical id `{id}`"),
    )
    .label(format!("{what} is here"))
    .with_secondary(first_span, format!("{first_what} is here"))
    .hint("logical ids keep only the letters and digits of steer names; rename one of the two")
}

// ----------------------------------------------------------------------------
// For the command line
// ----------------------------------------------------------------------------

/// `--assume-down` given to a Route 53 target.
/// `--import-ids` given to a target that does not write `import {}`.
pub fn import_ids_need_terraform() -> String {
    "--import-ids applies only to --target terraform (CloudFormation adopts resources with a \
     stack import, outside the template)"
        .to_string()
}

/// A line of the `--import-ids` file that is none of its forms.
pub fn import_line_invalid(file: &str, line: usize, text: &str) -> String {
    format!(
        "{file}:{line}: `{text}` is not an import entry; expected `zone NAME ZONE_ID`, \
         `record NAME TYPE [SET_ID]` or `check NAME HEALTH_CHECK_ID`"
    )
}

/// The same entry twice in the `--import-ids` file.
pub fn import_line_repeated(file: &str, line: usize, text: &str) -> String {
    format!("{file}:{line}: `{text}` repeats an earlier entry for the same thing")
}

/// `--import-ids` entries that name nothing being built.
pub fn import_entries_unknown(entries: &[(usize, String)]) -> String {
    let list: Vec<String> = entries
        .iter()
        .map(|(line, what)| format!("line {line}: {what}"))
        .collect();
    format!(
        "--import-ids names what this build does not write ({}); record names are fully \
         qualified and set identifiers as the plan has them (`steer diff` or the written file \
         shows them)",
        list.join(", ")
    )
}

/// A check name in several zones: its import would be ambiguous.
pub fn import_check_ambiguous(line: usize, check: &str) -> String {
    format!(
        "--import-ids line {line}: check `{check}` is in more than one zone being built; build \
         the zones one at a time with their own files"
    )
}

/// A record set to import in a zone whose id is nowhere.
pub fn import_needs_zone_id(line: usize, what: &str, zone: &str) -> String {
    format!(
        "--import-ids line {line}: {what} needs the id of zone {zone}: add `zone {zone} ZONE_ID` \
         to the file, or `hosted_zone_id` to the zone block"
    )
}

pub fn scenario_needs_zone_target() -> String {
    "--assume-down applies only to --target zone (Route 53 targets evaluate health checks live)"
        .to_string()
}

/// An `--assume-down` name that is no check of any zone; `hint` is a
/// did-you-mean or nothing.
pub fn unknown_assumed_down(name: &str, hint: Option<String>) -> String {
    let hint = hint.map(|h| format!("; {h}")).unwrap_or_default();
    format!("--assume-down {name}: no health check of this name{hint}")
}

/// Said after every zone-file build.
pub const ZONE_FILES_CANNOT_ROUTE: &str =
    "a zone file cannot route: each routed name is flattened to the answer a default client gets \
     (see the comments in the file); for live health-checked failover use --target terraform or \
     cloudformation, or --target powerdns to serve it yourself (docs/failover.md)";

// ---------------------------------------------------------------------------
// The zone target
// ---------------------------------------------------------------------------

/// The zone and PowerDNS targets write answers themselves, so every input
/// an answer uses needs a value; one error lists them all.
pub fn missing_input(zone: &ir::Zone, missing: &[&ir::Input], target: &str) -> Diagnostic {
    let names: Vec<String> = missing.iter().map(|i| format!("`{}`", i.name)).collect();
    let mut d = Diagnostic::new(
        EmitCode::MissingInput,
        zone.span,
        format!(
            "the {target} target needs a value for every input an answer of zone `{}` uses; none was given for {}",
            zone.display_name,
            names.join(", ")
        ),
    )
    .label("answers of this zone use inputs without a value");
    for input in missing {
        d = d.with_secondary(input.span, format!("input `{}` has no value", input.name));
    }
    let example: Vec<String> = missing
        .iter()
        .map(|i| format!("--set {}=VALUE", i.name))
        .collect();
    d.hint(format!(
        "give them on the command line (`{}`) or in a JSON file of strings (`--values FILE`)",
        example.join(" ")
    ))
}

/// `--set`/`--values` for inputs no zone declares (a usage error).
pub fn unknown_input_values(unknown: &[&str], declared: &[&str]) -> String {
    let unknown: Vec<String> = unknown.iter().map(|n| format!("`{n}`")).collect();
    let known = if declared.is_empty() {
        "no input is declared".to_string()
    } else {
        let declared: Vec<String> = declared.iter().map(|n| format!("`{n}`")).collect();
        format!("the inputs are {}", declared.join(", "))
    };
    format!(
        "a value was given for {}, which no zone declares as an `input` ({known})",
        unknown.join(", ")
    )
}

pub fn zone_needs_nameservers(zone: &ir::Zone) -> Diagnostic {
    Diagnostic::new(
        EmitCode::ZoneNeedsNameservers,
        zone.span,
        format!(
            "zone `{}` has no `nameservers`, which a zone file needs for its SOA and NS records",
            zone.display_name
        ),
    )
    .label("no `nameservers`")
    .hint(
        "add the zone's name servers to the zone block, e.g. \
         `nameservers [\"ns-1.awsdns-01.org\", \"ns-513.awsdns-02.net\", ...]` \
         (for a Route 53 zone, its delegation set)",
    )
}

pub fn nameserver_without_address(zone: &ir::Zone, ns: &str) -> Diagnostic {
    Diagnostic::new(
        EmitCode::NameserverWithoutAddress,
        zone.span,
        format!("name server {ns} is inside the zone but has no A or AAAA record in it"),
    )
    .label("the zone with that name server")
    .hint(format!(
        "add `record {} A [...]` for it, or use name servers outside the zone",
        ns.strip_suffix(&format!(".{}", zone.name)).unwrap_or(ns)
    ))
}

pub fn not_a_host_name(span: Span, what: &str, name: &str, problem: &str) -> Diagnostic {
    Diagnostic::new(
        EmitCode::NotAHostName,
        span,
        format!(
            "BIND refuses this zone file by default: {what} must be a host name, and {name} is not ({problem})"
        ),
    )
    .label("not a host name")
    .hint(
        "rename it with letters, digits and inner `-` only; or, to serve the name from BIND as it is, \
         relax the check in named.conf: `check-names primary warn;` (or `ignore`) in the options, \
         or `check-names warn;` in the zone's statement",
    )
}

pub fn no_answer(record: &ir::RecordSet) -> Diagnostic {
    Diagnostic::new(
        EmitCode::NoAnswer,
        record.span,
        format!(
            "in this health scenario `{}` {} has no answer for a client with no known location, so the zone file leaves it out",
            record.name, record.record_type
        ),
    )
    .label("no answer in the zone file")
    .hint("add a `default` rule (`default => ENDPOINT`) so that clients with no known location get an answer")
}

pub fn alias_not_expressible(record: &ir::RecordSet, target: &str, problem: &str) -> Diagnostic {
    Diagnostic::new(
        EmitCode::AliasNotExpressible,
        record.span,
        format!(
            "`{}` {} answers through an alias with {target}, which a zone file can only write as a CNAME, and {problem}; the zone file leaves it out",
            record.name, record.record_type
        ),
    )
    .label("left out of the zone file")
    .hint("a zone file has no aliases: serve this name from Route 53 (the terraform or cloudformation target), or route it to an endpoint with addresses")
}

/// A construct the PowerDNS target cannot serve, and why.
pub fn powerdns_cannot_serve(span: Span, construct: &str, reason: &str) -> Diagnostic {
    Diagnostic::new(
        EmitCode::PowerdnsCannotServe,
        span,
        format!("the powerdns target cannot serve {construct}: {reason}"),
    )
    .label("not servable by PowerDNS")
    .hint("build this zone for a Route 53 target, or change it as the reason says")
}

/// A check of a LUA record asks for another interval than the one pdns
/// runs every check at (`used`, from check `by`).
pub fn powerdns_one_interval(
    check: &ir::HealthCheck,
    every: u32,
    used: u32,
    by: &str,
) -> Diagnostic {
    Diagnostic::new(
        EmitCode::PowerdnsOneInterval,
        check.span,
        format!(
            "check `{}` asks for every {every}s, but PowerDNS runs all checks at one interval: \
             pdns.conf sets lua-health-checks-interval={used}, the shortest, from check `{by}`",
            check.name
        ),
    )
    .label(format!("probed every {used}s by PowerDNS"))
    .hint(format!(
        "give the zone's checks the same `every`, or accept that this one runs every {used}s"
    ))
}

/// `--assume-down` given with `--target powerdns`.
pub const POWERDNS_NO_ASSUME_DOWN: &str =
    "--assume-down is for the zone target; PowerDNS runs the health checks itself";

/// `steer check`: a target's diagnostic, naming the targets whose build it
/// stops (or warns in), so that a check failing only for a target says so.
/// `all`: every default target was checked (no `--target`), so the hint
/// says how to check only some.
pub fn for_targets(mut d: Diagnostic, targets: &[&str], all: bool) -> Diagnostic {
    let names: Vec<String> = targets.iter().map(|t| format!("`{t}`")).collect();
    let what = if d.is_error() { "fails" } else { "warns" };
    d.message = format!(
        "{} (building for {} {what})",
        d.message,
        names.join(" and ")
    );
    if all {
        d.hint(
            "without `--target`, `steer check` checks for every target but `powerdns`; \
             `--target NAME` checks only for the targets you build",
        )
    } else {
        d
    }
}
