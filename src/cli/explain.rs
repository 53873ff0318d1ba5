//! `steer explain PATH NAME [TYPE]`: what a client gets for a name in a
//! health scenario, and why.

use super::check::{Format as DiagnosticFormat, ValueArgs};
use super::report::{Failure, Reporter};
use super::{EXIT_INVALID, EXIT_OK};
use crate::check::ir::RecordType;
use crate::diagnostic::Style;
use crate::explain::{self, matrix, matrix::MatrixFormat, matrix::MatrixOptions};
use crate::semantics::{AlarmState, Client, Scenario};
use clap::ValueEnum;
use std::io::Write;
use std::path::PathBuf;

/// Explain the answer Route 53 gives for a name: for one client (`--from`)
/// or for each class of client the record tells apart, in a health
/// scenario (`--down`, `--alarm`), with every choice that led there.
///
/// The configuration is checked first; on any error nothing is explained.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit codes: 0 ok, 1 invalid input, 2 usage or I/O error (an unknown name, type, check or alarm, an unreadable --from).\nOutput, JSON shape and the model: docs/explain.md."
)]
pub struct Args {
    /// A .steer file, a directory of them, or `-` for standard input
    #[arg(value_name = "PATH")]
    path: PathBuf,
    /// The name: relative to its zone (`www`, `@` for the apex) or absolute
    /// (optional with --matrix: every routed name)
    #[arg(value_name = "NAME", required_unless_present = "matrix")]
    name: Option<String>,
    /// The record type [default: the type routed at NAME]
    #[arg(value_name = "TYPE")]
    record_type: Option<String>,
    /// Where the query comes from: a continent (EU), a country (DE), a US
    /// state (US-CA), an AWS region (eu-west-1), an IP address or
    /// coordinates (53.35,-6.26) [default: one row per client class]
    #[arg(long, value_name = "WHERE", allow_hyphen_values = true)]
    from: Option<String>,
    /// Health checks to treat as failing
    #[arg(long, value_name = "CHECK", num_args = 1..)]
    down: Vec<String>,
    /// A CloudWatch alarm's state: NAME=ok|alarm|insufficient_data
    #[arg(long, value_name = "NAME=STATE")]
    alarm: Vec<String>,
    /// The failure matrix: for every routed name (or NAME), the answer per
    /// client class for no failure, every single and every pair of failures
    #[arg(long, conflicts_with_all = ["from", "down", "alarm"])]
    matrix: bool,
    /// Check with the rules of this target: Route 53's own health-check
    /// limits (private and loopback probes, 10 s or 30 s intervals, checker
    /// regions) are not applied for `powerdns` [default: Route 53's rules]
    #[arg(long, short, value_parser = super::build::targets())]
    target: Option<&'static dyn crate::emit::Target>,
    /// `text` for people, `json` (one object on stdout; diagnostics as
    /// JSON lines on stderr, docs/json.md) for tools;
    /// `markdown` (tables) with --matrix only
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Values for inputs: shown instead of `input.NAME`
    #[command(flatten)]
    values: ValueArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Markdown,
}

/// `NAME=STATE` of `--alarm`.
fn alarm(text: &str) -> Result<(String, AlarmState), String> {
    let (name, state) = text
        .split_once('=')
        .ok_or_else(|| format!("`--alarm {text}`: write NAME=STATE"))?;
    let state = match state.trim().to_ascii_lowercase().as_str() {
        "ok" => AlarmState::Ok,
        "alarm" => AlarmState::Alarm,
        "insufficient_data" => AlarmState::InsufficientData,
        other => {
            return Err(format!(
                "`{other}` is not an alarm state: ok, alarm or insufficient_data"
            ))
        }
    };
    Ok((name.trim().to_string(), state))
}

pub fn run(args: Args, style: Style) -> u8 {
    let diagnostics_format = match args.format {
        Format::Text | Format::Markdown => DiagnosticFormat::Human,
        Format::Json => DiagnosticFormat::Json,
    };
    // Standard output carries the explanation; diagnostics go to stderr.
    let mut out = Reporter::new("explain", diagnostics_format, style, true);
    // Everything that needs no configuration is read first.
    if args.format == Format::Markdown && !args.matrix {
        return out.fail(Failure::usage("--format markdown needs --matrix"), 0);
    }
    let record_type = match &args.record_type {
        None => None,
        Some(t) => match RecordType::parse(&t.to_ascii_uppercase()) {
            Some(t) => Some(t),
            None => return out.fail(Failure::usage(format!("`{t}` is not a record type")), 0),
        },
    };
    let from = match &args.from {
        None => None,
        Some(text) => match Client::parse(text) {
            Ok(client) => Some((text.clone(), client)),
            Err(e) => return out.fail(Failure::usage(format!("--from {text}: {e}")), 0),
        },
    };
    let mut scenario = Scenario::with_down(args.down.iter().cloned());
    for text in &args.alarm {
        match alarm(text) {
            Ok((name, state)) => scenario = scenario.with_alarm(name, state),
            Err(e) => return out.fail(Failure::usage(e), 0),
        }
    }

    let loaded = match crate::load::load(std::slice::from_ref(&args.path)) {
        Ok(l) => l,
        Err(e) => return out.fail(e, 0),
    };
    let files = loaded.sources.files().count();
    let values = match args.values.read() {
        Ok(v) => v,
        Err(e) => return out.fail(e, files),
    };
    let checked =
        crate::check_loaded_with(&loaded, &values, super::check::check_options(args.target));
    if checked.has_errors() {
        out.diagnostics(&checked.diagnostics, &loaded.sources);
        let errors = out.errors();
        if !out.is_json() {
            eprintln!(
                "{errors} error{}; nothing explained",
                if errors == 1 { "" } else { "s" }
            );
        }
        out.summary(files, &[], EXIT_INVALID);
        return EXIT_INVALID;
    }
    // A clean check's warnings are not repeated here: `steer check` shows them.
    if checked.configs.is_empty() {
        out.error(Failure::usage("no zone to explain"));
        out.summary(files, &[], EXIT_INVALID);
        return EXIT_INVALID;
    }
    let zones: Vec<&str> = checked
        .configs
        .iter()
        .map(|c| c.zone.display_name.as_str())
        .collect();
    let result = if args.matrix {
        matrix(
            &checked.configs,
            args.name.as_deref(),
            record_type,
            args.format,
        )
    } else {
        one(&checked.configs, &args, record_type, from, &scenario)
    };
    match result {
        Ok(text) => match std::io::stdout().lock().write_all(text.as_bytes()) {
            Ok(()) => {
                out.summary(files, &zones, EXIT_OK);
                EXIT_OK
            }
            Err(e) => out.fail(
                Failure::io(
                    std::path::Path::new("-"),
                    format!("cannot write to standard output: {e}"),
                ),
                files,
            ),
        },
        Err(message) => out.fail(Failure::usage(message), files),
    }
}

/// One name's explanation, as text or JSON.
fn one(
    configs: &[crate::check::ir::Config],
    args: &Args,
    record_type: Option<RecordType>,
    from: Option<(String, Client)>,
    scenario: &Scenario,
) -> Result<String, String> {
    let name = args.name.as_deref().unwrap_or_default();
    let (config, record) =
        explain::find_record(configs, name, record_type).map_err(|e| e.to_string())?;
    explain::check_scenario(config, scenario).map_err(|e| e.to_string())?;
    let explanation = explain::explain(config, record, from, scenario);
    Ok(match args.format {
        Format::Text | Format::Markdown => explain::text(&explanation),
        Format::Json => format!("{:#}\n", explain::json::json(&explanation)),
    })
}

/// `--matrix`: the matrices of NAME (in the zone that has it) or of every
/// routed name of every zone, all or nothing.
fn matrix(
    configs: &[crate::check::ir::Config],
    name: Option<&str>,
    record_type: Option<RecordType>,
    format: Format,
) -> Result<String, String> {
    let options = MatrixOptions {
        name: name.map(str::to_string),
        record_type,
    };
    // With NAME, the zones that do not have it are skipped; the error of
    // the zone that has it (or, if none has, the first) is reported.
    let mut all = Vec::new();
    let mut errors = Vec::new();
    for config in configs {
        match matrix::matrices(config, &options) {
            Ok(m) => all.extend(m),
            Err(e) if name.is_none() => return Err(e.to_string()),
            Err(e) => errors.push(e),
        }
    }
    if all.is_empty() {
        let unknown =
            |e: &matrix::MatrixError| matches!(e, matrix::MatrixError::UnknownName { .. });
        if let Some(e) = errors.iter().find(|e| !unknown(e)).or(errors.first()) {
            return Err(e.to_string());
        }
    }
    let format = match format {
        Format::Text => MatrixFormat::Text,
        Format::Markdown => MatrixFormat::Markdown,
        Format::Json => MatrixFormat::Json,
    };
    Ok(matrix::render(&all, format))
}
