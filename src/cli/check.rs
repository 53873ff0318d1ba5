//! `steer check`: parse and validate, print diagnostics.

use super::report::{Failure, Reporter};
use super::{EXIT_INVALID, EXIT_OK};
use crate::check::CheckOptions;
use crate::check::InputValues;
use crate::diagnostic::Style;
use clap::ValueEnum;
use std::io::Write;
use std::path::PathBuf;

/// Parse and validate configurations without writing anything.
///
/// Each PATH is a .steer file, a directory of .steer files, or `-` for
/// standard input; the files are checked together (a zone may span files).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or directories to check [default: the current directory]
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Diagnostic output: `human` (on stderr) or `json` (JSON lines on stdout, the last a
    /// summary: docs/json.md)
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Treat warnings as errors (exit 1 when there is any warning)
    #[arg(long)]
    deny_warnings: bool,
    /// Check for this target only (repeatable): its check rules (Route 53's
    /// own health-check limits are not applied for `powerdns`) and its own
    /// stage, errors and warnings [default: every target but `powerdns`,
    /// their errors only]
    #[arg(long, short, value_parser = super::build::targets())]
    target: Vec<&'static dyn crate::emit::Target>,
    #[command(flatten)]
    values: ValueArgs,
}

/// Values for inputs (docs/targets.md, "Inputs"), shared by the commands
/// that check.
#[derive(Debug, Default, clap::Args)]
pub struct ValueArgs {
    /// A value for an input: NAME=VALUE (repeatable; wins over --values)
    #[arg(long = "set", value_name = "NAME=VALUE")]
    set: Vec<String>,
    /// A JSON object of input values: {"NAME": "VALUE", ...}
    #[arg(long = "values", value_name = "FILE")]
    values_file: Option<PathBuf>,
}

impl ValueArgs {
    /// The values: the file's, then each `--set` over them.
    pub fn read(&self) -> Result<InputValues, Failure> {
        let mut values = match &self.values_file {
            None => InputValues::new(),
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|e| {
                    Failure::io(path, format!("cannot read {}: {e}", path.display()))
                })?;
                crate::check::parse_values(&text)
                    .map_err(|e| Failure::io(path, format!("--values {}: {e}", path.display())))?
            }
        };
        for item in &self.set {
            let Some((name, value)) = item.split_once('=') else {
                return Err(Failure::usage(format!("--set {item}: expected NAME=VALUE")));
            };
            if name.is_empty() {
                return Err(Failure::usage(format!(
                    "--set {item}: the input name is empty"
                )));
            }
            values.insert(name.to_string(), value.to_string());
        }
        Ok(values)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

/// The check stage's rules for `--target` (Route 53's without one).
pub(super) fn check_options(target: Option<&dyn crate::emit::Target>) -> CheckOptions {
    target.map_or(CheckOptions::ROUTE53, |t| t.check_options())
}

pub fn run(args: Args, style: Style) -> u8 {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths
    };
    let mut out = Reporter::new("check", args.format, style, false);
    let mut loaded = match crate::load::load(&paths) {
        Ok(l) => l,
        Err(e) => return out.fail(e, 0),
    };
    let values = match args.values.read() {
        Ok(v) => v,
        Err(e) => return out.fail(e, 0),
    };
    let files = loaded.sources.files().count();
    let which = if args.target.is_empty() {
        crate::CheckTargets::Default
    } else {
        crate::CheckTargets::Named(&args.target)
    };
    let result = match crate::check_for_targets_freeing_trees(
        &mut loaded,
        &values,
        which,
        super::SET_ASIDE_AT,
    ) {
        Ok(r) => r,
        Err(e) => return out.fail(Failure::usage(e), files),
    };
    out.restore_sources(&result.diagnostics, &mut loaded.sources);
    out.diagnostics(&result.diagnostics, &loaded.sources);
    let zones: Vec<&str> = result
        .configs
        .iter()
        .map(|c| c.zone.display_name.as_str())
        .collect();
    let (errors, warnings) = (out.errors(), out.warnings());
    if !out.is_json() {
        let mut err = std::io::stderr().lock();
        if errors == 0 {
            let zones: Vec<String> = result
                .configs
                .iter()
                .map(|c| {
                    format!(
                        "{} ({} record{})",
                        c.zone.display_name,
                        c.records.len(),
                        plural(c.records.len())
                    )
                })
                .collect();
            let _ = writeln!(
                err,
                "checked {} file{}: {}{}",
                files,
                plural(files),
                if zones.is_empty() {
                    "no zones".to_string()
                } else {
                    zones.join(", ")
                },
                if warnings > 0 {
                    format!("; {warnings} warning{}", plural(warnings))
                } else {
                    String::new()
                }
            );
        } else {
            let _ = writeln!(
                err,
                "{errors} error{}{}",
                plural(errors),
                if warnings > 0 {
                    format!(", {warnings} warning{}", plural(warnings))
                } else {
                    String::new()
                }
            );
        }
    }
    let code = if errors > 0 || (args.deny_warnings && warnings > 0) {
        EXIT_INVALID
    } else {
        EXIT_OK
    };
    out.summary(files, &zones, code);
    drop(zones);
    super::leave_to_exit((result, loaded));
    code
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
