//! `steer completions SHELL` and `steer man [COMMAND]`: generated from the
//! command-line definition itself (clap_complete, clap_mangen), so they
//! cannot drift from it.

use super::{Cli, EXIT_OK, EXIT_USAGE};
use clap::CommandFactory;
use std::io::Write;

/// Print a shell completion script on standard output.
///
/// bash: `steer completions bash > ~/.local/share/bash-completion/completions/steer`;
/// zsh: `steer completions zsh > "${fpath[1]}/_steer"`;
/// fish: `steer completions fish > ~/.config/fish/completions/steer.fish`.
#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell to complete for
    #[arg(value_name = "SHELL")]
    shell: clap_complete::Shell,
}

/// Print the manual page (roff) on standard output.
///
/// Read it with `steer man | man -l -`; install it with
/// `steer man > ~/.local/share/man/man1/steer.1`. Each command has a page
/// of its own: `steer man build` (install as `steer-build.1`).
#[derive(Debug, clap::Args)]
pub struct ManArgs {
    /// A command whose page to print [default: the page of steer itself]
    #[arg(value_name = "COMMAND")]
    command: Option<String>,
}

pub fn completions(args: CompletionsArgs) -> u8 {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut command, "steer", &mut out);
    write(&out)
}

pub fn man(args: ManArgs) -> u8 {
    let mut command = Cli::command();
    command.build();
    let man = match &args.command {
        None => clap_mangen::Man::new(command),
        Some(name) => match command.find_subcommand(name) {
            // The page's title is the file name it is installed under.
            Some(sub) => clap_mangen::Man::new(sub.clone()).title(format!("steer-{name}")),
            None => {
                eprintln!("error: `{name}` is not a steer command");
                return EXIT_USAGE;
            }
        },
    };
    let mut out = Vec::new();
    if let Err(e) = man.render(&mut out) {
        eprintln!("error: cannot render the manual page: {e}");
        return EXIT_USAGE;
    }
    write(&out)
}

fn write(bytes: &[u8]) -> u8 {
    match std::io::stdout().lock().write_all(bytes) {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprintln!("error: cannot write to standard output: {e}");
            EXIT_USAGE
        }
    }
}
