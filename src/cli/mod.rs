//! The `steer` command line: one file per command. Exit codes: 0 ok,
//! 1 invalid input, 2 usage or I/O error.

mod build;
mod check;
mod diff;
mod explain;
mod extras;
mod fmt;
mod graph;
mod import;
mod io_error;
mod lsp;
mod report;

use clap::{Parser, Subcommand, ValueEnum};
use std::io::IsTerminal;
use std::process::ExitCode;

/// steer compiles DNS traffic-routing intent (regions, health checks,
/// failover, latency, geolocation, weighted, multivalue, geoproximity and
/// CIDR routing) into Route 53 configuration.
#[derive(Debug, Parser)]
#[command(name = "steer", version, about, long_about = None)]
#[command(
    after_help = "Exit codes: 0 ok, 1 invalid input, 2 usage or I/O error.\nLanguage reference: docs/language.md; diagnostics: docs/diagnostics.md; --format json: docs/json.md."
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
    Lsp(lsp::Args),
    Import(import::Args),
    Completions(extras::CompletionsArgs),
    Man(extras::ManArgs),
}

/// How long a source file must be for its text to be set aside while the
/// targets run ([`crate::source::SourceMap::set_aside`]): reading it again
/// to show a diagnostic costs less than keeping it only for large files.
pub const SET_ASIDE_AT: usize = 1 << 20;

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
    let style = style(
        cli.color,
        std::io::stderr().is_terminal(),
        std::env::var_os("NO_COLOR").as_deref(),
        std::env::var_os("TERM").as_deref(),
    );
    ExitCode::from(match cli.command {
        Command::Check(args) => check::run(args, style),
        Command::Build(args) => build::run(args, style),
        Command::Graph(args) => graph::run(args, style),
        Command::Diff(args) => diff::run(args, style),
        Command::Explain(args) => explain::run(args, style),
        Command::Fmt(args) => fmt::run(args, style),
        Command::Lsp(args) => lsp::run(args),
        Command::Import(args) => import::run(args, style),
        Command::Completions(args) => extras::completions(args),
        Command::Man(args) => extras::man(args),
    })
}

/// How diagnostics look. Colour per <https://no-color.org>: with `auto`,
/// only when standard error is a terminal and `NO_COLOR` is unset or empty
/// (a set but empty `NO_COLOR` does not disable it). `TERM=dumb` means a
/// terminal that cannot draw: no colour with `auto`, and ASCII instead of
/// box drawing whatever `--color` says.
fn style(
    color: Color,
    stderr_is_terminal: bool,
    no_color: Option<&std::ffi::OsStr>,
    term: Option<&std::ffi::OsStr>,
) -> crate::diagnostic::Style {
    use crate::diagnostic::Style;
    let dumb = term.is_some_and(|t| t == "dumb");
    let colour = match color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => stderr_is_terminal && no_color.is_none_or(|v| v.is_empty()) && !dumb,
    };
    match (colour, dumb) {
        (true, false) => Style::Fancy,
        (false, false) => Style::Plain,
        (true, true) => Style::AsciiColour,
        (false, true) => Style::Ascii,
    }
}

/// Keeps a command's large values (the syntax trees, the IR, the outputs)
/// from being freed one node at a time just before the process exits,
/// which returns all of its memory at once: freeing took about a tenth of
/// `steer check` on a 10k-record zone (docs/performance.md). Only for
/// values a command has finished with, right before it returns.
pub(super) fn leave_to_exit<T>(value: T) {
    std::mem::forget(value);
}

#[cfg(test)]
mod tests {
    use super::{style, Color};
    use crate::diagnostic::Style;
    use std::ffi::OsStr;

    #[test]
    fn colour_follows_no_color_org_term_and_the_flag() {
        let empty = Some(OsStr::new(""));
        let one = Some(OsStr::new("1"));
        let dumb = Some(OsStr::new("dumb"));
        let xterm = Some(OsStr::new("xterm-256color"));
        // auto: a terminal gets colour unless NO_COLOR has a value.
        assert_eq!(style(Color::Auto, true, None, xterm), Style::Fancy);
        assert_eq!(style(Color::Auto, true, empty, xterm), Style::Fancy);
        assert_eq!(style(Color::Auto, true, one, xterm), Style::Plain);
        assert_eq!(style(Color::Auto, false, None, xterm), Style::Plain);
        assert_eq!(style(Color::Auto, true, None, None), Style::Fancy);
        // TERM=dumb: no colour, no box drawing.
        assert_eq!(style(Color::Auto, true, None, dumb), Style::Ascii);
        assert_eq!(style(Color::Never, true, None, dumb), Style::Ascii);
        // The flag wins over the environment for colour.
        assert_eq!(style(Color::Always, false, one, xterm), Style::Fancy);
        assert_eq!(style(Color::Always, true, None, dumb), Style::AsciiColour);
        assert_eq!(style(Color::Never, true, None, xterm), Style::Plain);
    }
}
