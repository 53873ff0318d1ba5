//! Stage 3: validated IR → target files, behind one seam ([`Target`]).
//!
//! - `target`: the seam (what a target owns) and [`build`];
//! - `route53`: lowering a configuration into the record sets Route 53
//!   needs, shared by `terraform` and `cloudformation`, the writers over it
//!   (`hcl` is the Terraform target's HCL writer);
//! - `zone`: a plain master file with routing flattened (`zone::target`
//!   is its place at the seam, `zone::master_file` the RFC 1035 form);
//! - `names`, `presentation`: helpers every target shares (DNS names,
//!   identifiers and the namespaces that catch their collisions; TXT
//!   character-strings and escapes);
//! - `messages`: the emit stage's wording.
//!
//! Targets read only the IR, never the AST.
//!
//! Adding a target: a module with a type that implements [`Target`], and
//! one entry in [`TARGETS`].

pub mod cloudformation;
pub mod hcl;
pub mod imports;
mod messages;
pub mod names;
pub mod powerdns;
pub mod presentation;
pub mod route53;
mod target;
pub mod terraform;
pub mod zone;

pub use messages::for_targets;
pub(crate) use messages::unknown_input_values;
pub use target::{
    build, Diagnosed, EmitError, Emitted, OptionError, Options, Output, Sink, Target,
};

/// For the targets that write answers themselves (zone, PowerDNS): an
/// error listing every input an answer uses that has no value (an alias
/// target's name, an address, a CNAME target, a plain record's data), and
/// with `probes` (PowerDNS, which probes itself) every input a probe uses.
/// The zone's and an alias target's `hosted_zone_id` are not answers;
/// these targets do not need them.
pub(crate) fn require_values(
    config: &crate::check::ir::Config,
    target: &str,
    probes: bool,
) -> Result<(), Vec<crate::diagnostic::Diagnostic>> {
    use crate::check::ir;
    let answers = config.endpoints.values().flat_map(|e| match &e.answer {
        ir::Answer::Alias(a) => a.dns_name.input().into_iter().collect(),
        other => other.inputs(),
    });
    let data = config.records.iter().flat_map(|r| match &r.content {
        ir::RecordContent::Plain(rdata) => rdata.iter().filter_map(ir::RData::input).collect(),
        ir::RecordContent::Routed(_) => Vec::new(),
    });
    let checks = config
        .checks
        .values()
        .filter(|_| probes)
        .flat_map(|c| match &c.kind {
            ir::HealthCheckKind::Endpoint(_) => c.kind.inputs(),
            _ => Vec::new(),
        });
    let mut missing: Vec<&ir::Input> = answers
        .chain(data)
        .chain(checks)
        .filter_map(|name| config.inputs.get(name))
        .filter(|input| input.value.is_none())
        .collect();
    missing.sort_by(|a, b| a.name.cmp(&b.name));
    missing.dedup_by(|a, b| a.name == b.name);
    if missing.is_empty() {
        Ok(())
    } else {
        Err(vec![messages::missing_input(
            &config.zone,
            &missing,
            target,
        )])
    }
}

/// Every target, in the order `--help` lists them.
pub static TARGETS: &[&dyn Target] = &[
    &terraform::Terraform,
    &cloudformation::CloudFormation,
    &zone::target::Zone,
    &powerdns::PowerDns,
];

/// The target `--target` calls `name`.
pub fn target(name: &str) -> Option<&'static dyn Target> {
    TARGETS.iter().copied().find(|t| t.name() == name)
}

use crate::diagnostic_codes;

diagnostic_codes! {
    /// Codes of the emit stage: problems only a target can see.
    pub enum EmitCode {
        GeneratedNameCollision => ("generated-name-collision", Error,
            "A name steer generates for a nested policy is also a record of the zone, or two generated names coincide."),
        GeneratedNameTooLong => ("generated-name-too-long", Error,
            "A name generated for a nested policy is longer than DNS allows (a label over 63 or a name over 253 octets)."),
        SetIdentifierCollision => ("set-identifier-collision", Error,
            "Two members of one routed record would get the same set identifier."),
        SetIdentifierTooLong => ("set-identifier-too-long", Error,
            "A set identifier, derived from steer names or chosen with `id`, is longer than Route 53's 128 characters."),
        ResourceNameCollision => ("resource-name-collision", Error,
            "Two Terraform resources or CloudFormation logical ids derived from steer names coincide."),
        ResourceNameTooLong => ("resource-name-too-long", Error,
            "A CloudFormation logical id derived from steer names is longer than the 255 characters CloudFormation allows."),
        ZoneNeedsNameservers => ("zone-needs-nameservers", Error,
            "The zone-file target needs the zone's `nameservers` for its SOA and NS records."),
        NameserverWithoutAddress => ("nameserver-without-address", Error,
            "A name server inside the zone has no A or AAAA record in it (no glue), so the zone file would not load."),
        AliasNotExpressible => ("alias-not-expressible", Warning,
            "An alias answer cannot be written in a zone file at this name (the apex, or beside other data); it is left out."),
        NoAnswer => ("no-answer", Warning,
            "In the chosen health scenario a routed name has no answer for a default client; the zone file omits it."),
        NotAHostName => ("not-a-host-name", Warning,
            "A name the zone file needs as a host name (the owner of an A, AAAA or MX record, an MX, SRV or NS target) has a `_` or a label starting or ending with `-`; BIND refuses such a primary zone by default (`check-names`)."),
        MissingInput => ("missing-input", Error,
            "The zone or PowerDNS target writes answers itself, and an input an answer uses has no value (`--set`, `--values`)."),
        PowerdnsCannotServe => ("powerdns-cannot-serve", Error,
            "The PowerDNS target cannot serve a construct (an AWS alias, a Route 53-only check, a policy it does not write, a check interval under 1 s); the message names it and why."),
        PowerdnsOneInterval => ("powerdns-one-interval", Warning,
            "The zone's checks ask for different intervals, but PowerDNS runs every check at one interval (`lua-health-checks-interval`): the shortest is used."),
    }
}
