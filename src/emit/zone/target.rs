//! The zone target at the seam: `<zone>.zone`, written by [`super::emit`]
//! for the health scenario `--assume-down` names.

use crate::check::ir;
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::emit::messages;
use crate::emit::target::{Diagnosed, EmitError, Emitted, OptionError, Options, Target};
use crate::semantics::Scenario;

/// A BIND master file with routing flattened.
#[derive(Debug)]
pub struct Zone;

impl Zone {
    /// The health scenario of one zone: the `--assume-down` checks that
    /// are checks of this zone (the others belong to other zones).
    pub fn scenario(config: &ir::Config, options: &Options) -> Scenario {
        Scenario::with_down(
            options
                .assume_down
                .iter()
                .filter(|c| config.checks.contains_key(*c))
                .cloned(),
        )
    }
}

impl Target for Zone {
    fn name(&self) -> &'static str {
        "zone"
    }

    fn about(&self) -> &'static str {
        "A BIND master file with routing flattened (`<zone>.zone`)"
    }

    fn file_name(&self, zone: &str) -> String {
        format!("{zone}.zone")
    }

    fn validate_options(&self, options: &Options) -> Result<(), OptionError> {
        match options.import_ids {
            None => Ok(()),
            Some(_) => Err(OptionError(messages::import_ids_need_terraform())),
        }
    }

    /// Every `--assume-down` name must be a check of one of the zones.
    fn validate(&self, options: &Options, configs: &[ir::Config]) -> Result<(), OptionError> {
        for name in &options.assume_down {
            if !configs.iter().any(|c| c.checks.contains_key(name)) {
                let all = configs
                    .iter()
                    .flat_map(|c| c.checks.keys().map(String::as_str));
                return Err(OptionError(messages::unknown_assumed_down(
                    name,
                    did_you_mean(name, all),
                )));
            }
        }
        Ok(())
    }

    fn notes(&self) -> &'static [&'static str] {
        &[messages::ZONE_FILES_CANNOT_ROUTE]
    }

    /// The zone file is made whole (its errors found), then written at
    /// once.
    fn emit(
        &self,
        config: &ir::Config,
        options: &Options,
        out: &mut dyn std::io::Write,
    ) -> Result<Emitted, EmitError> {
        let file = super::emit(config, &Zone::scenario(config, options))?;
        out.write_all(file.text.as_bytes())?;
        Ok(Emitted {
            warnings: file.warnings,
            extra_files: Vec::new(),
        })
    }

    /// The zone is flattened as for [`Target::emit`]; only the text is
    /// not written.
    fn diagnose(&self, zone: &Diagnosed<'_>, options: &Options) -> Vec<Diagnostic> {
        super::diagnose(zone.config, &Zone::scenario(zone.config, options))
    }
}
