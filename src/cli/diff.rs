//! `steer diff OLD NEW`: what a change to the configuration changes in
//! Route 53, for review.

use super::check::Format as DiagnosticFormat;
use super::report::{Failure, Reporter};
use super::EXIT_OK;
use crate::diagnostic::Style;
use crate::diff;
use clap::ValueEnum;
use std::io::Write;
use std::path::PathBuf;

/// Exit code when something differs.
pub const EXIT_CHANGED: u8 = 1;
/// Exit code when either side is invalid (its diagnostics are printed,
/// nothing is compared).
pub const EXIT_INVALID_SIDE: u8 = 3;

/// Show what changes between two configurations: the record sets and
/// health checks of the Route 53 plan added, removed and changed, and the
/// failure sets whose answers change.
///
/// OLD and NEW are each a .steer file or a directory of them; zones are
/// matched by name.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit codes: 0 no changes, 1 changes, 2 usage or I/O error, 3 invalid input on either side.\nOutput and JSON shape: docs/diff.md."
)]
pub struct Args {
    /// The configuration before the change (a file or a directory)
    #[arg(value_name = "OLD")]
    old: PathBuf,
    /// The configuration after the change (a file or a directory)
    #[arg(value_name = "NEW")]
    new: PathBuf,
    /// `text` for people, `json` (one object on stdout; diagnostics as
    /// JSON lines on stderr, docs/json.md) for tools
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

pub fn run(args: Args, style: Style) -> u8 {
    let diagnostics_format = match args.format {
        Format::Text => DiagnosticFormat::Human,
        Format::Json => DiagnosticFormat::Json,
    };
    // Diagnostics go to stderr (as JSON lines with `--format json`):
    // stdout carries only the diff.
    let mut out = Reporter::new("diff", diagnostics_format, style, true);
    if args.old.as_os_str() == "-" && args.new.as_os_str() == "-" {
        return out.fail(
            Failure::usage("only one of OLD and NEW can be standard input"),
            0,
        );
    }
    let mut sides = Vec::new();
    for path in [&args.old, &args.new] {
        match crate::load::load(std::slice::from_ref(path)) {
            Ok(loaded) => sides.push(loaded),
            Err(e) => return out.fail(e, 0),
        }
    }
    let files: usize = sides.iter().map(|s| s.sources.files().count()).sum();
    // Both sides are checked and every problem of both reported before
    // giving up.
    let checked: Vec<_> = sides.iter().map(crate::check_loaded).collect();
    let mut invalid = false;
    for (loaded, checked) in sides.iter().zip(&checked) {
        if checked.has_errors() {
            out.diagnostics(&checked.diagnostics, &loaded.sources);
            invalid = true;
        }
    }
    if invalid {
        return invalid_side(&out, files);
    }
    let mut plans = Vec::new();
    for (loaded, checked) in sides.iter().zip(&checked) {
        match diff::plans(&checked.configs) {
            Ok(p) => plans.push(p),
            Err(errors) => {
                out.diagnostics(&errors, &loaded.sources);
                invalid = true;
            }
        }
    }
    if invalid {
        return invalid_side(&out, files);
    }
    let mut zones: Vec<&str> = checked
        .iter()
        .flat_map(|c| c.configs.iter().map(|c| c.zone.display_name.as_str()))
        .collect();
    zones.sort_unstable();
    zones.dedup();
    let result = diff::compare(&plans[0], &plans[1]);
    let text = match args.format {
        Format::Text => diff::render::text(&result),
        Format::Json => format!("{:#}\n", diff::render::json(&result)),
    };
    if let Err(e) = std::io::stdout().lock().write_all(text.as_bytes()) {
        return out.fail(
            Failure::io(
                std::path::Path::new("-"),
                format!("cannot write to standard output: {e}"),
            ),
            files,
        );
    }
    let code = if result.is_empty() {
        EXIT_OK
    } else {
        EXIT_CHANGED
    };
    out.summary(files, &zones, code);
    code
}

fn invalid_side(out: &Reporter, files: usize) -> u8 {
    if !out.is_json() {
        eprintln!("error: invalid input; nothing was compared");
    }
    out.summary(files, &[], EXIT_INVALID_SIDE);
    EXIT_INVALID_SIDE
}
