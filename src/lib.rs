//! steer: a compiler for a declarative DNS traffic-routing language.
//!
//! Pipeline, one direction: [`syntax`] (text → typed AST) → [`check`]
//! (resolution, validation, lowering into an IR graph) → [`semantics`] (how
//! Route 53 picks an answer, shared by every consumer) → `emit` targets →
//! the CLI. [`compile`] runs the whole pipeline for a target. See
//! ARCHITECTURE.md for the stage table.

pub mod aws;
pub mod check;
pub mod cli;
mod compiler;
pub mod diagnostic;
pub mod diff;
pub mod dns_name;
pub mod emit;
pub mod explain;
pub mod fmt;
pub mod geo;
pub mod graph_view;
pub mod import;
pub mod load;
pub mod lsp;
pub mod net_ranges;
pub mod semantics;
pub mod source;
pub mod syntax;
pub mod vocabulary;

pub use compiler::{
    check_for_targets, check_for_targets_freeing_trees, compile, diagnose_zone, CheckTargets,
    Compiled, Compiler, PARALLEL_MIN_RECORDS,
};

/// Parses and checks loaded files with Route 53's rules
/// ([`check::CheckOptions::ROUTE53`]), as `steer check` does.
pub fn check_loaded(loaded: &load::Loaded) -> check::Checked {
    check_loaded_with(
        loaded,
        &check::InputValues::new(),
        check::CheckOptions::ROUTE53,
    )
}

/// Parses and checks loaded files with values for inputs (`--set`,
/// `--values`) and the given rules. When any file has a syntax error the
/// check stage does not run at all: items lost to the error would cascade
/// into "unknown reference" noise everywhere else.
pub fn check_loaded_with(
    loaded: &load::Loaded,
    values: &check::InputValues,
    options: check::CheckOptions,
) -> check::Checked {
    with_load_diagnostics(loaded, || {
        check::check_with(&loaded.files, &loaded.units, values, options)
    })
}

/// [`check_loaded_with`] for a caller that needs only the sources
/// afterwards: the syntax trees are taken out of `loaded` (its `files` are
/// left empty) and freed while the check stage runs
/// ([`check::check_taking`]).
pub fn check_loaded_taking(
    loaded: &mut load::Loaded,
    values: &check::InputValues,
    options: check::CheckOptions,
) -> check::Checked {
    let files = std::mem::take(&mut loaded.files);
    with_load_diagnostics(loaded, || {
        check::check_taking(files, &loaded.units, values, options)
    })
}

/// The loading stage's diagnostics, then the check stage's when loading
/// found no errors, sorted.
fn with_load_diagnostics(
    loaded: &load::Loaded,
    check: impl FnOnce() -> check::Checked,
) -> check::Checked {
    let mut diagnostics = loaded.diagnostics.clone();
    if diagnostics.iter().any(diagnostic::Diagnostic::is_error) {
        diagnostic::sort(&mut diagnostics);
        return check::Checked {
            configs: Vec::new(),
            diagnostics,
        };
    }
    let mut checked = check();
    diagnostics.append(&mut checked.diagnostics);
    diagnostic::sort(&mut diagnostics);
    checked.diagnostics = diagnostics;
    checked
}
