//! The `steer` command line: one file per command. Exit codes: 0 ok,
//! 1 invalid input, 2 usage or I/O error.

mod build;
mod check;
mod diff;
mod explain;
mod fmt;
mod graph;

use clap::{Parser, Subcommand, ValueEnum};
use std::io::IsTerminal;
use std::process::ExitCode;

/// steer compiles DNS traffic-routing intent (regions, health checks,
/// failover, latency, geolocation, weighted, multivalue, geoproximity and
/// CIDR routing) into Route 53 configuration.
#[derive(Debug, Parser)]
#[command(name = "steer", version, about, long_about = None)]
#[command(
    after_help = "Exit codes: 0 ok, 1 invalid input, 2 usage or I/O error.\nLanguage reference: docs/language.md; diagnostics: docs/diagnostics.md."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    /// When to colour diagnostics.
    #[arg(long, global = true, value_enum, default_value_t = Color::Auto)]
    color: Color,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
enum Command {
    Check(check::Args),
    Build(build::Args),
    Graph(graph::Args),
    Diff(diff::Args),
    Explain(explain::Args),
    Fmt(fmt::Args),
}

pub const EXIT_OK: u8 = 0;
pub const EXIT_INVALID: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            // --help and --version are not errors.
            return ExitCode::from(if e.use_stderr() { EXIT_USAGE } else { EXIT_OK });
        }
    };
    let fancy = match cli.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let style = if fancy {
        crate::diagnostic::Style::Fancy
    } else {
        crate::diagnostic::Style::Plain
    };
    ExitCode::from(match cli.command {
        Command::Check(args) => check::run(args, style),
        Command::Build(args) => build::run(args, style),
        Command::Graph(args) => graph::run(args, style),
        Command::Diff(args) => diff::run(args, style),
        Command::Explain(args) => explain::run(args, style),
        Command::Fmt(args) => fmt::run(args, style),
    })
}
