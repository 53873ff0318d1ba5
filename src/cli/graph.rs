//! `steer graph`: the dependency graph for people, as DOT or Mermaid.

use super::check::{Format as DiagnosticFormat, ValueArgs};
use super::report::Reporter;
use super::{EXIT_INVALID, EXIT_OK, EXIT_USAGE};
use crate::diagnostic::Style;
use crate::graph_view;
use clap::ValueEnum;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Draw the dependency graph: records → routing policies → endpoints →
/// health checks → regions, with weights, failover roles, locations and
/// `stay` on the edges.
///
/// The configuration is checked first; on any error nothing is printed or
/// written. Several zones are drawn as one cluster (subgraph) each.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A .steer file, a directory of them, or `-` for standard input
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<PathBuf>,
    /// `dot` (Graphviz: `dot -Tsvg`) or `mermaid` (a flowchart for Markdown)
    #[arg(long, value_enum, default_value_t = Format::Dot)]
    format: Format,
    /// Values for inputs: shown instead of `input.NAME`
    #[command(flatten)]
    values: ValueArgs,
    /// Output file, or `-` for standard output
    #[arg(long, short, value_name = "FILE", default_value = "-")]
    output: PathBuf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Dot,
    Mermaid,
}

pub fn run(args: Args, style: Style) -> u8 {
    let loaded = match crate::load::load(&args.paths) {
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
    let checked = crate::check_loaded_with(&loaded, &values, crate::check::CheckOptions::ROUTE53);
    Reporter::new("graph", DiagnosticFormat::Human, style, true)
        .diagnostics(&checked.diagnostics, &loaded.sources);
    if checked.has_errors() {
        let errors = checked.diagnostics.iter().filter(|d| d.is_error()).count();
        eprintln!("{errors} error{}", if errors == 1 { "" } else { "s" });
        return EXIT_INVALID;
    }
    if checked.configs.is_empty() {
        eprintln!("error: no zone to draw");
        return EXIT_INVALID;
    }
    let graph = graph_view::build(&checked.configs);
    let text = match args.format {
        Format::Dot => graph_view::dot::render(&graph),
        Format::Mermaid => graph_view::mermaid::render(&graph),
    };
    let written = if args.output == Path::new("-") {
        std::io::stdout().lock().write_all(text.as_bytes())
    } else {
        std::fs::write(&args.output, text)
    };
    match written {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprintln!("error: {}: {e}", args.output.display());
            EXIT_USAGE
        }
    }
}
