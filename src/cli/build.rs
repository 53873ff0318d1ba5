//! `steer build`: check, lower, and write target files — all or nothing.

use super::check::{report, report_to, Format};
use super::{EXIT_INVALID, EXIT_OK, EXIT_USAGE};
use crate::check::ir;
use crate::diagnostic::{did_you_mean, Diagnostic, Style};
use crate::emit::{self, Output, Target};
use crate::semantics::Scenario;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Compile configurations into files for a target.
///
/// Nothing is written unless every zone compiles: on any error the output
/// directory is left exactly as it was. Files are replaced atomically
/// (written beside, then renamed), and a file whose content is unchanged
/// is not rewritten.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// A .steer file, a directory of them, or `-` for standard input
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<PathBuf>,
    /// What to emit
    #[arg(long, short, value_enum)]
    target: Target,
    /// Output directory, or `-` for standard output [default: out/<target>]
    #[arg(long, short, value_name = "DIR")]
    output: Option<PathBuf>,
    /// For `--target zone`: flatten routing as if these health checks failed
    #[arg(long, value_name = "CHECK", num_args = 1..)]
    assume_down: Vec<String>,
    /// Diagnostic output: `human` (on stderr) or `json` (one object per line on stdout)
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

pub fn run(args: Args, style: Style) -> u8 {
    if !args.assume_down.is_empty() && args.target != Target::Zone {
        eprintln!("error: --assume-down applies only to --target zone (Route 53 targets evaluate health checks live)");
        return EXIT_USAGE;
    }
    let loaded = match crate::load::load(&args.paths) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_USAGE;
        }
    };
    let checked = crate::check_loaded(&loaded);
    let mut diagnostics = checked.diagnostics.clone();
    if checked.has_errors() {
        return finish(&diagnostics, &loaded, args.format, style, EXIT_INVALID);
    }
    if checked.configs.is_empty() {
        report(&diagnostics, &loaded.sources, args.format, style);
        eprintln!("error: no zone to build");
        return EXIT_INVALID;
    }
    if let Some(code) = unknown_checks(&args.assume_down, &checked.configs) {
        return code;
    }
    let to_stdout = args.output.as_deref() == Some(Path::new("-"));
    if to_stdout && checked.configs.len() > 1 {
        eprintln!(
            "error: {} zones were found; `-o -` writes one: give a directory with -o",
            checked.configs.len()
        );
        return EXIT_USAGE;
    }

    let mut outputs = Vec::new();
    let mut failed = false;
    for config in &checked.configs {
        match emit_one(config, &args) {
            Ok((output, mut warnings)) => {
                diagnostics.append(&mut warnings);
                outputs.push(output);
            }
            Err(mut errors) => {
                failed = true;
                diagnostics.append(&mut errors);
            }
        }
    }
    crate::diagnostic::sort(&mut diagnostics);
    if failed {
        return finish(&diagnostics, &loaded, args.format, style, EXIT_INVALID);
    }
    report_to(&diagnostics, &loaded.sources, args.format, style, to_stdout);
    if args.target == Target::Zone {
        eprintln!(
            "note: a zone file cannot route: each routed name is flattened to the answer a default client gets \
             (see the comments in the file); for live health-checked failover use --target terraform or \
             cloudformation (a PowerDNS target with LUA records is planned)"
        );
    }

    if to_stdout {
        let mut out = std::io::stdout().lock();
        for o in &outputs {
            if out.write_all(o.text.as_bytes()).is_err() {
                return EXIT_USAGE;
            }
        }
        return EXIT_OK;
    }
    let dir = args
        .output
        .clone()
        .unwrap_or_else(|| Path::new("out").join(args.target.name()));
    // Several zones each get a directory of their own: Terraform resource
    // names, for one, are only unique within a zone.
    let several = outputs.len() > 1;
    let placed: Vec<(PathBuf, &Output)> = checked
        .configs
        .iter()
        .zip(&outputs)
        .map(|(config, o)| {
            let d = if several {
                dir.join(&config.zone.name)
            } else {
                dir.clone()
            };
            (d, o)
        })
        .collect();
    match write_all(&placed) {
        Ok(written) => {
            for (path, changed) in written {
                eprintln!(
                    "{} {}",
                    if changed { "wrote" } else { "unchanged" },
                    path.display()
                );
            }
            EXIT_OK
        }
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_USAGE
        }
    }
}

fn finish(
    diagnostics: &[Diagnostic],
    loaded: &crate::load::Loaded,
    format: Format,
    style: Style,
    code: u8,
) -> u8 {
    report(diagnostics, &loaded.sources, format, style);
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    if format == Format::Human {
        eprintln!(
            "{errors} error{}; nothing was written",
            if errors == 1 { "" } else { "s" }
        );
    }
    code
}

/// `--assume-down` names must be checks of the configuration.
fn unknown_checks(names: &[String], configs: &[ir::Config]) -> Option<u8> {
    for name in names {
        if !configs.iter().any(|c| c.checks.contains_key(name)) {
            let all: Vec<&str> = configs
                .iter()
                .flat_map(|c| c.checks.keys().map(String::as_str))
                .collect();
            let hint = did_you_mean(name, all.iter().copied())
                .map(|h| format!("; {h}"))
                .unwrap_or_default();
            eprintln!("error: --assume-down {name}: no health check of this name{hint}");
            return Some(EXIT_USAGE);
        }
    }
    None
}

fn emit_one(
    config: &ir::Config,
    args: &Args,
) -> Result<(Output, Vec<Diagnostic>), Vec<Diagnostic>> {
    let scenario = Scenario::with_down(
        args.assume_down
            .iter()
            .filter(|c| config.checks.contains_key(*c))
            .cloned(),
    );
    let mut output = emit::build(config, args.target, &scenario)?;
    let warnings = std::mem::take(&mut output.warnings);
    Ok((output, warnings))
}

/// Writes every file or none: each goes to a temporary file beside its
/// destination first; only when all are written are they renamed into
/// place. Returns each path and whether its content changed.
fn write_all(outputs: &[(PathBuf, &Output)]) -> std::io::Result<Vec<(PathBuf, bool)>> {
    let mut staged: Vec<(PathBuf, Option<PathBuf>)> = Vec::new();
    let result = (|| {
        for (dir, o) in outputs {
            std::fs::create_dir_all(dir)?;
            let dest = dir.join(&o.file_name);
            if std::fs::read(&dest).is_ok_and(|old| old == o.text.as_bytes()) {
                staged.push((dest, None));
                continue;
            }
            let tmp = dir.join(format!(".{}.steer-tmp-{}", o.file_name, std::process::id()));
            let mut f = std::fs::File::create(&tmp)?;
            staged.push((dest, Some(tmp)));
            f.write_all(o.text.as_bytes())?;
            f.sync_all()?;
        }
        Ok(())
    })();
    if let Err(e) = result {
        for (_, tmp) in &staged {
            if let Some(tmp) = tmp {
                let _ = std::fs::remove_file(tmp);
            }
        }
        return Err(e);
    }
    let mut written = Vec::new();
    for (dest, tmp) in staged {
        match tmp {
            Some(tmp) => {
                std::fs::rename(&tmp, &dest)?;
                written.push((dest, true));
            }
            None => written.push((dest, false)),
        }
    }
    Ok(written)
}
