//! Stage 3: validated IR → target files. `route53` lowers a configuration
//! into the record sets Route 53 needs (shared by the Terraform and
//! CloudFormation writers); `zone` flattens routing into a plain master
//! file. Backends read only the IR, never the AST.

pub mod cloudformation;
pub mod route53;
pub mod terraform;
pub mod zone;

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
            "A set identifier derived from steer names is longer than Route 53's 128 characters."),
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
    }
}

/// The targets `steer build` knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Target {
    /// Terraform HCL for the AWS provider (`<zone>.tf`)
    Terraform,
    /// A CloudFormation template (`<zone>.template.json`)
    Cloudformation,
    /// A BIND master file with routing flattened (`<zone>.zone`)
    Zone,
}

impl Target {
    pub fn name(self) -> &'static str {
        match self {
            Target::Terraform => "terraform",
            Target::Cloudformation => "cloudformation",
            Target::Zone => "zone",
        }
    }
}

/// One zone compiled for one target.
#[derive(Debug)]
pub struct Output {
    pub file_name: String,
    pub text: String,
    pub warnings: Vec<crate::diagnostic::Diagnostic>,
}

/// Compiles one validated zone for a target. `scenario` only affects the
/// zone target.
pub fn build(
    config: &crate::check::ir::Config,
    target: Target,
    scenario: &crate::semantics::Scenario,
) -> Result<Output, Vec<crate::diagnostic::Diagnostic>> {
    let zone_name = &config.zone.name;
    match target {
        Target::Terraform => {
            let plan = route53::plan(config)?;
            Ok(Output {
                file_name: format!("{zone_name}.tf"),
                text: terraform::emit(&plan)?,
                warnings: Vec::new(),
            })
        }
        Target::Cloudformation => {
            let plan = route53::plan(config)?;
            Ok(Output {
                file_name: format!("{zone_name}.template.json"),
                text: cloudformation::emit(&plan)?,
                warnings: Vec::new(),
            })
        }
        Target::Zone => {
            let file = zone::emit(config, scenario)?;
            Ok(Output {
                file_name: file.file_name,
                text: file.text,
                warnings: file.warnings,
            })
        }
    }
}
