//! The seam between the compiler and its targets. A target owns everything
//! that is only about it: its name and file names, which [`Options`] it
//! reads and how it validates them, what the command line says after
//! building for it, and the writing itself. The command line, the library
//! entry point ([`crate::compile`]) and the tests reach targets only
//! through [`Target`] and the registry [`super::TARGETS`].

use crate::check::{ir, CheckOptions};
use crate::diagnostic::Diagnostic;

/// A target `steer build` can write.
pub trait Target: Sync + std::fmt::Debug {
    /// What `--target` takes (`terraform`).
    fn name(&self) -> &'static str;

    /// One line for `--help`, naming the file written.
    fn about(&self) -> &'static str;

    /// The file written for a zone, from its ASCII name (`example.com.tf`).
    fn file_name(&self, zone: &str) -> String;

    /// The rules the check stage applies for this target: Route 53's own
    /// health-check limits by default (the Route 53 targets, and the zone
    /// target, which documents Route 53's behaviour); a target that runs
    /// the checks itself turns them off and checks its own limits in
    /// [`Target::emit`].
    fn check_options(&self) -> CheckOptions {
        CheckOptions::ROUTE53
    }

    /// Rejects options this target does not read, before anything is
    /// loaded.
    fn validate_options(&self, options: &Options) -> Result<(), OptionError>;

    /// Checks options against the zones about to be built (every one of
    /// them checked without errors).
    fn validate(&self, _options: &Options, _configs: &[ir::Config]) -> Result<(), OptionError> {
        Ok(())
    }

    /// Notes for the command line to print after a successful build.
    fn notes(&self) -> &'static [&'static str] {
        &[]
    }

    /// Writes one checked zone: its text and warnings, or the errors that
    /// prevent it.
    fn emit(&self, config: &ir::Config, options: &Options) -> Result<Emitted, Vec<Diagnostic>>;
}

/// Settings from the command line that some target reads; each target says
/// in [`Target::validate_options`] which it takes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// `--assume-down`: health checks the zone target flattens routing as
    /// failing (its health scenario).
    pub assume_down: Vec<String>,
    /// `--import-ids FILE`, read: the existing Route 53 objects the
    /// Terraform target writes `import {}` blocks for.
    pub import_ids: Option<super::imports::ImportIds>,
    /// `--set NAME=VALUE` and `--values FILE`: values for inputs, which
    /// every target reads (the zone and PowerDNS targets need them; the
    /// Route 53 targets make them defaults).
    pub values: crate::check::InputValues,
}

/// Options a target cannot take, or values it does not know: a usage
/// error, not a problem of the configuration.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct OptionError(pub String);

/// What a target writes for one zone.
#[derive(Debug)]
pub struct Emitted {
    pub text: String,
    pub warnings: Vec<Diagnostic>,
    /// Files a target writes beside its main one (file name, text), such
    /// as the server configuration of the PowerDNS target; most targets
    /// write none.
    pub extra_files: Vec<(String, String)>,
}

/// One zone compiled for one target.
#[derive(Debug)]
pub struct Output {
    pub file_name: String,
    pub text: String,
    pub warnings: Vec<Diagnostic>,
    /// Further files beside `file_name`: (file name, text).
    pub extra_files: Vec<(String, String)>,
}

/// Compiles one checked zone for `target`.
pub fn build(
    config: &ir::Config,
    target: &dyn Target,
    options: &Options,
) -> Result<Output, Vec<Diagnostic>> {
    let Emitted {
        text,
        warnings,
        extra_files,
    } = target.emit(config, options)?;
    Ok(Output {
        file_name: target.file_name(&config.zone.name),
        text,
        warnings,
        extra_files,
    })
}
