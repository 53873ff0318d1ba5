//! `steer check`: parse and validate, print diagnostics.

use super::{EXIT_INVALID, EXIT_OK, EXIT_USAGE};
use crate::check::CheckOptions;
use crate::check::InputValues;
use crate::diagnostic::{self, Diagnostic, Severity, Style};
use crate::source::SourceMap;
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
    /// Diagnostic output: `human` (on stderr) or `json` (one object per line on stdout)
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
    pub fn read(&self) -> Result<InputValues, String> {
        let mut values = match &self.values_file {
            None => InputValues::new(),
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
                crate::check::parse_values(&text)
                    .map_err(|e| format!("--values {}: {e}", path.display()))?
            }
        };
        for item in &self.set {
            let Some((name, value)) = item.split_once('=') else {
                return Err(format!("--set {item}: expected NAME=VALUE"));
            };
            if name.is_empty() {
                return Err(format!("--set {item}: the input name is empty"));
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
    let loaded = match crate::load::load(&paths) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_USAGE;
        }
    };
    let values = match args.values.read() {
        Ok(v) => v,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_USAGE;
        }
    };
    let which = if args.target.is_empty() {
        crate::CheckTargets::Default
    } else {
        crate::CheckTargets::Named(&args.target)
    };
    let result = match crate::check_for_targets(&loaded, &values, which) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_USAGE;
        }
    };
    report(&result.diagnostics, &loaded.sources, args.format, style);
    let errors = result.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = result.diagnostics.len() - errors;
    if args.format == Format::Human {
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
                loaded.sources.files().count(),
                plural(loaded.sources.files().count()),
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
    if errors > 0 || (args.deny_warnings && warnings > 0) {
        EXIT_INVALID
    } else {
        EXIT_OK
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

pub(crate) fn report(
    diagnostics: &[Diagnostic],
    sources: &SourceMap,
    format: Format,
    style: Style,
) {
    report_to(diagnostics, sources, format, style, false)
}

/// Human diagnostics go to stderr; JSON lines to stdout, unless stdout
/// carries something else (`build -o -`), when they go to stderr too.
pub(crate) fn report_to(
    diagnostics: &[Diagnostic],
    sources: &SourceMap,
    format: Format,
    style: Style,
    stdout_taken: bool,
) {
    match format {
        Format::Json => {
            let lines: Vec<String> = diagnostics
                .iter()
                .map(|d| diagnostic::to_json_line(d, sources))
                .collect();
            if stdout_taken {
                let mut err = std::io::stderr().lock();
                for line in lines {
                    let _ = writeln!(err, "{line}");
                }
            } else {
                let mut out = std::io::stdout().lock();
                for line in lines {
                    let _ = writeln!(out, "{line}");
                }
            }
        }
        Format::Human => {
            let mut err = std::io::stderr().lock();
            for d in diagnostics {
                let _ = write!(err, "{}", diagnostic::render(d, sources, style));
                if d.severity == Severity::Warning || d.severity == Severity::Error {
                    let _ = writeln!(err);
                }
            }
        }
    }
}
