//! `steer lsp`: the language server, for editors.

use super::{EXIT_OK, EXIT_USAGE};

/// Run the language server on standard input and output (for editors).
///
/// Speaks the Language Server Protocol over stdio: diagnostics for the
/// whole zone of each open file as you type (the same as `steer check`),
/// go to definition, find references, hover (with `steer explain`'s
/// summary of a routed record), completion and formatting (`steer fmt`).
/// Editors start it themselves; see docs/lsp.md.
#[derive(Debug, clap::Args)]
#[command(after_help = "Capabilities and editor setup: docs/lsp.md.")]
pub struct Args {}

pub fn run(_args: Args) -> u8 {
    match crate::lsp::serve_stdio() {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprintln!("error: steer lsp: {e}");
            EXIT_USAGE
        }
    }
}
