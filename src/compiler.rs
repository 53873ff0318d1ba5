//! The library's entry point: loaded files → checked zones → one output per
//! zone for a target, with every diagnostic of every stage. The command
//! line, the tests and editors all compile through here.

use crate::check::{ir, Checked};
use crate::diagnostic::Code;
use crate::diagnostic::{self, Diagnostic};
use crate::emit::{self, OptionError, Options, Output, Target};
use crate::load::Loaded;
use crate::source::Span;
use std::collections::BTreeMap;

/// A configuration compiled for one target.
#[derive(Debug)]
pub struct Compiled {
    /// The zones, checked; empty when a syntax error kept the check stage
    /// from running.
    pub configs: Vec<ir::Config>,
    /// One output per zone, in the order of `configs`, when every zone
    /// compiled; none at all otherwise. Their warnings are in
    /// `diagnostics`.
    pub outputs: Vec<Output>,
    /// The diagnostics of every stage, sorted by place.
    pub diagnostics: Vec<Diagnostic>,
}

impl Compiled {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The outputs, or the errors that prevented them.
    pub fn outputs_or_errors(self) -> Result<Vec<Output>, Vec<Diagnostic>> {
        if self.has_errors() {
            Err(self
                .diagnostics
                .into_iter()
                .filter(Diagnostic::is_error)
                .collect())
        } else {
            Ok(self.outputs)
        }
    }
}

/// Compiles for one target with one set of options, checked before
/// anything is loaded.
#[derive(Debug)]
pub struct Compiler<'t> {
    target: &'t dyn Target,
    options: Options,
}

impl<'t> Compiler<'t> {
    /// Fails when `target` does not take `options`.
    pub fn new(target: &'t dyn Target, options: Options) -> Result<Self, OptionError> {
        target.validate_options(&options)?;
        Ok(Compiler { target, options })
    }

    pub fn target(&self) -> &'t dyn Target {
        self.target
    }

    /// Parses and checks with the target's rules ([`Target::check_options`]:
    /// Route 53's own limits are not applied for PowerDNS); when every zone
    /// checked without errors, the
    /// target then validates its options against them (an `--assume-down`
    /// name must be a check of one of them).
    pub fn check(&self, loaded: &Loaded) -> Result<Checked, OptionError> {
        let checked =
            crate::check_loaded_with(loaded, &self.options.values, self.target.check_options());
        self.validate(checked)
    }

    /// [`Compiler::check`] for a caller that needs only the sources
    /// afterwards (`steer build`): the syntax trees are taken out of
    /// `loaded` and freed while the check stage runs
    /// ([`crate::check_loaded_taking`]).
    pub fn check_taking_trees(&self, loaded: &mut Loaded) -> Result<Checked, OptionError> {
        let checked =
            crate::check_loaded_taking(loaded, &self.options.values, self.target.check_options());
        self.validate(checked)
    }

    fn validate(&self, checked: Checked) -> Result<Checked, OptionError> {
        if !checked.has_errors() && !checked.configs.is_empty() {
            unknown_values(&self.options.values, &checked.configs)?;
            self.target.validate(&self.options, &checked.configs)?;
        }
        Ok(checked)
    }

    /// Builds every zone of `checked`, all or nothing; nothing when the
    /// check stage found errors.
    pub fn build(&self, checked: Checked) -> Compiled {
        let Checked {
            configs,
            mut diagnostics,
        } = checked;
        if diagnostics.iter().any(Diagnostic::is_error) {
            return Compiled {
                configs,
                outputs: Vec::new(),
                diagnostics,
            };
        }
        let mut outputs = Vec::with_capacity(configs.len());
        let mut failed = false;
        for config in &configs {
            match emit::build(config, self.target, &self.options) {
                Ok(mut output) => {
                    diagnostics.append(&mut output.warnings);
                    outputs.push(output);
                }
                Err(mut errors) => {
                    failed = true;
                    diagnostics.append(&mut errors);
                }
            }
        }
        if failed {
            outputs.clear();
        }
        diagnostic::sort(&mut diagnostics);
        Compiled {
            configs,
            outputs,
            diagnostics,
        }
    }

    /// Writes one zone of a configuration that checked without errors to
    /// `out` as the target produces it ([`Target::emit`]): for a caller
    /// that writes it to a file (`steer build`), and so never holds the
    /// text whole as [`Compiler::build`] does.
    pub fn emit(
        &self,
        config: &ir::Config,
        out: &mut dyn std::io::Write,
    ) -> Result<emit::Emitted, emit::EmitError> {
        self.target.emit(config, &self.options, out)
    }

    /// [`Compiler::check`], then [`Compiler::build`].
    pub fn compile(&self, loaded: &Loaded) -> Result<Compiled, OptionError> {
        Ok(self.build(self.check(loaded)?))
    }
}

/// A value given for an input no zone declares is a usage error, like an
/// unknown `--assume-down` check.
pub fn unknown_values(
    values: &crate::check::InputValues,
    configs: &[ir::Config],
) -> Result<(), OptionError> {
    let unknown: Vec<&str> = values
        .keys()
        .filter(|name| !configs.iter().any(|c| c.inputs.contains_key(*name)))
        .map(String::as_str)
        .collect();
    if unknown.is_empty() {
        return Ok(());
    }
    let declared: Vec<&str> = configs
        .iter()
        .flat_map(|c| c.inputs.keys())
        .map(String::as_str)
        .collect();
    Err(OptionError(emit::unknown_input_values(&unknown, &declared)))
}

/// Compiles loaded files for `target`: the one call for a whole build.
pub fn compile(
    loaded: &Loaded,
    target: &dyn Target,
    options: &Options,
) -> Result<Compiled, OptionError> {
    Compiler::new(target, options.clone())?.compile(loaded)
}

/// Which targets `steer check` runs, and how it reports what they find.
#[derive(Debug, Clone, Copy)]
pub enum CheckTargets<'t> {
    /// No `--target`: every target that applies Route 53's rules (the
    /// check stage's own default; `powerdns`, a different server serving a
    /// subset, only when named). Their errors are errors, each naming the
    /// targets it fails; their warnings are left to `build`.
    Default,
    /// `--target NAME...`: each with its own check rules; its errors and
    /// warnings are reported.
    Named(&'t [&'t dyn Target]),
}

impl<'t> CheckTargets<'t> {
    fn targets(&self) -> Vec<&'t dyn Target> {
        match self {
            CheckTargets::Default => emit::TARGETS
                .iter()
                .copied()
                .filter(|t| t.check_options() == crate::check::CheckOptions::ROUTE53)
                .collect(),
            CheckTargets::Named(targets) => {
                let mut unique: Vec<&'t dyn Target> = Vec::new();
                for t in targets.iter() {
                    if !unique.iter().any(|u| u.name() == t.name()) {
                        unique.push(*t);
                    }
                }
                unique
            }
        }
    }
}

/// What `steer check` does: the check stage with the rules of every target
/// checked for, then each target's own stage ([`Target::diagnose`]: its
/// diagnostics, nothing written),
/// so that a configuration that checks clean builds for those targets with
/// the same values. One exception: with no values at all, a target's
/// `missing-input` is not reported (values are given when building; check
/// with `--values` to check them too). A target error found by several
/// targets (the Route 53 lowering is shared) is reported once, naming each.
/// A value for an input no zone declares is an [`OptionError`], as in
/// [`Compiler::check`].
pub fn check_for_targets(
    loaded: &Loaded,
    values: &crate::check::InputValues,
    which: CheckTargets,
) -> Result<Checked, OptionError> {
    let passes = check_passes(Trees::Keep(loaded), values, which);
    diagnose_passes(passes, values, which)
}

/// [`check_for_targets`] for a caller that needs only the sources
/// afterwards, and those only to show diagnostics (the command line): the
/// last check pass takes the syntax trees out of `loaded` and frees each
/// record's as soon as it is lowered ([`crate::check_loaded_taking`]), so
/// the trees are gone before the targets diagnose and are never held whole
/// beside the IR (at 100k records they were half of `steer check`'s peak
/// memory); then the texts of files of at least `set_aside_at` bytes are
/// set aside while the targets diagnose ([`SourceMap::set_aside`]): the
/// caller restores them before showing diagnostics.
///
/// [`SourceMap::set_aside`]: crate::source::SourceMap::set_aside
pub fn check_for_targets_freeing_trees(
    loaded: &mut Loaded,
    values: &crate::check::InputValues,
    which: CheckTargets,
    set_aside_at: usize,
) -> Result<Checked, OptionError> {
    let passes = check_passes(Trees::Take(loaded), values, which);
    // Only while targets diagnose a zone: with none to diagnose, setting
    // the texts aside would only read them again for the check's errors.
    if passes
        .iter()
        .any(|(checked, _)| !checked.configs.is_empty())
    {
        loaded.sources.set_aside(set_aside_at);
    }
    diagnose_passes(passes, values, which)
}

/// Whether the check stage may take the syntax trees: only its last pass.
enum Trees<'l> {
    Keep(&'l Loaded),
    Take(&'l mut Loaded),
}

/// The check stage once per set of rules of the targets checked for, each
/// with the targets that apply it.
fn check_passes<'t>(
    mut trees: Trees,
    values: &crate::check::InputValues,
    which: CheckTargets<'t>,
) -> Vec<(Checked, Vec<&'t dyn Target>)> {
    let targets = which.targets();
    let mut rules: Vec<crate::check::CheckOptions> = Vec::new();
    for t in &targets {
        if !rules.contains(&t.check_options()) {
            rules.push(t.check_options());
        }
    }
    if rules.is_empty() {
        rules.push(crate::check::CheckOptions::ROUTE53);
    }
    let last = rules.len() - 1;
    let mut passes = Vec::with_capacity(rules.len());
    for (i, options) in rules.into_iter().enumerate() {
        let applying = targets
            .iter()
            .copied()
            .filter(|t| t.check_options() == options)
            .collect();
        let checked = match &mut trees {
            Trees::Take(loaded) if i == last => crate::check_loaded_taking(loaded, values, options),
            Trees::Take(loaded) => crate::check_loaded_with(loaded, values, options),
            Trees::Keep(loaded) => crate::check_loaded_with(loaded, values, options),
        };
        passes.push((checked, applying));
    }
    passes
}

/// What each of `targets` reports about one checked zone
/// ([`Target::diagnose`]), in their order, each with the target that
/// reports it. The targets that read the zone's Route 53 plan share one
/// plan, made once. For a zone of [`PARALLEL_MIN_RECORDS`] or more the
/// targets are split between two threads: this one makes the plan and
/// diagnoses the first half of the targets that read it; a second one
/// diagnoses the targets that do not read it meanwhile (the zone target,
/// PowerDNS), then the other half of those that do (waiting for the plan
/// if it is not made yet). Making the plan is the longest step that has
/// to come before those targets, and one core was idle through it. For a
/// smaller zone, on this thread, the plan is freed before the other
/// targets run, so that it and, say, the zone target's flattened records
/// are never held at once.
pub fn diagnose_zone<'t>(
    config: &ir::Config,
    targets: &[&'t dyn Target],
    options: &Options,
) -> Vec<(Diagnostic, &'t dyn Target)> {
    let mut zone = emit::Diagnosed::new(config);
    let mut found: Vec<Vec<Diagnostic>> = targets.iter().map(|_| Vec::new()).collect();
    let (reading, others): (Vec<usize>, Vec<usize>) =
        (0..targets.len()).partition(|&k| targets[k].reads_route53_plan());
    if targets.len() > 1 && !reading.is_empty() && config.records.len() >= PARALLEL_MIN_RECORDS {
        let diagnose = |k: usize| targets[k].diagnose(&zone, options);
        let (here, there) = reading.split_at(reading.len().div_ceil(2));
        std::thread::scope(|s| {
            let helper = s.spawn(|| {
                others
                    .iter()
                    .chain(there)
                    .map(|&k| (k, diagnose(k)))
                    .collect::<Vec<_>>()
            });
            zone.route53_plan();
            for &k in here {
                found[k] = diagnose(k);
            }
            let theirs = helper
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            for (k, diagnostics) in theirs {
                found[k] = diagnostics;
            }
        });
    } else {
        for &k in &reading {
            found[k] = targets[k].diagnose(&zone, options);
        }
        zone.release_route53_plan();
        for &k in &others {
            found[k] = targets[k].diagnose(&zone, options);
        }
    }
    targets
        .iter()
        .zip(found)
        .flat_map(|(&target, diagnostics)| diagnostics.into_iter().map(move |d| (d, target)))
        .collect()
}

/// Zones with fewer records have their targets diagnosed on one thread:
/// a second thread's start would cost about what it saves. Terraform's
/// resource names and CloudFormation's logical ids, which the two Route 53
/// targets check side by side above this, were each about a twentieth of
/// `steer check`'s time on the peer kit's 10k-record zone.
pub const PARALLEL_MIN_RECORDS: usize = 512;

/// Each target's own stage over the zones of each check pass that found
/// no errors; the configurations of the first pass are the result's.
fn diagnose_passes(
    passes: Vec<(Checked, Vec<&dyn Target>)>,
    values: &crate::check::InputValues,
    which: CheckTargets,
) -> Result<Checked, OptionError> {
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    let mut configs = Vec::new();
    // Each target diagnostic once, with the targets that report it.
    let mut found_by: BTreeMap<(Span, &str, String), (Diagnostic, Vec<&str>)> = BTreeMap::new();
    let emit_options = Options {
        values: values.clone(),
        ..Options::default()
    };
    for (i, (checked, targets)) in passes.into_iter().enumerate() {
        let failed = checked.has_errors();
        diagnostics.extend(checked.diagnostics);
        if failed {
            continue;
        }
        unknown_values(values, &checked.configs)?;
        for config in &checked.configs {
            for (d, target) in diagnose_zone(config, &targets, &emit_options) {
                let wanted = d.is_error() || matches!(which, CheckTargets::Named(_));
                if !wanted || (values.is_empty() && d.code == emit::EmitCode::MissingInput.name()) {
                    continue;
                }
                found_by
                    .entry((d.primary.span, d.code, d.message.clone()))
                    .or_insert_with(|| (d, Vec::new()))
                    .1
                    .push(target.name());
            }
        }
        if i == 0 {
            configs = checked.configs;
        }
    }
    diagnostics.extend(
        found_by
            .into_values()
            .map(|(d, names)| emit::for_targets(d, &names, matches!(which, CheckTargets::Default))),
    );
    diagnostic::sort(&mut diagnostics);
    // The check stage runs once per set of rules; a problem both find is
    // reported once.
    diagnostics.dedup();
    Ok(Checked {
        configs,
        diagnostics,
    })
}
