//! `steer build`: check, lower, and write target files — all or nothing.

use super::check::{Format, ValueArgs};
use super::io_error::{IoError, Operation};
use super::report::{Failure, Reporter};
use super::{EXIT_INVALID, EXIT_OK};
use crate::diagnostic::{Code, Diagnostic, Style};
use crate::emit::{self, Options, Output, Target};
use crate::Compiler;
use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
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
    #[arg(long, short, value_parser = targets())]
    target: &'static dyn Target,
    /// Output directory, or `-` for standard output [default: out/<target>]
    #[arg(long, short, value_name = "DIR")]
    output: Option<PathBuf>,
    /// For `--target zone`: flatten routing as if these health checks failed
    #[arg(long, value_name = "CHECK", num_args = 1..)]
    assume_down: Vec<String>,
    /// For `--target terraform`: existing record sets, health checks and zones to adopt with
    /// `import {}` blocks (format: docs/targets.md)
    #[arg(long, value_name = "FILE")]
    import_ids: Option<PathBuf>,
    /// Diagnostic output: `human` (on stderr) or `json` (JSON lines on stdout, on stderr
    /// with `-o -`, the last a summary: docs/json.md)
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Values for inputs: needed by `zone` and `powerdns`; defaults of the
    /// Terraform variables and CloudFormation parameters
    #[command(flatten)]
    values: ValueArgs,
}

/// `--target` takes the name of any registered target.
pub(super) fn targets() -> impl TypedValueParser<Value = &'static dyn Target> {
    let names = emit::TARGETS
        .iter()
        .map(|t| PossibleValue::new(t.name()).help(t.about()));
    PossibleValuesParser::new(names).try_map(|name| emit::target(&name).ok_or("not a target"))
}

pub fn run(args: Args, style: Style) -> u8 {
    let to_stdout = args.output.as_deref() == Some(Path::new("-"));
    let mut out = Reporter::new("build", args.format, style, to_stdout);
    let import_ids = match &args.import_ids {
        None => None,
        Some(path) => match std::fs::read_to_string(path) {
            Ok(text) => match emit::imports::ImportIds::parse(&text, &path.display().to_string()) {
                Ok(ids) => Some(ids),
                Err(e) => return out.fail(Failure::io(path, e), 0),
            },
            Err(e) => {
                return out.fail(
                    Failure::io(path, format!("cannot read {}: {e}", path.display())),
                    0,
                )
            }
        },
    };
    let values = match args.values.read() {
        Ok(v) => v,
        Err(e) => return out.fail(e, 0),
    };
    let options = Options {
        assume_down: args.assume_down.clone(),
        import_ids,
        values,
    };
    let compiler = match Compiler::new(args.target, options) {
        Ok(c) => c,
        Err(e) => return out.fail(Failure::usage(e), 0),
    };
    let mut loaded = match crate::load::load(&args.paths) {
        Ok(l) => l,
        Err(e) => return out.fail(e, 0),
    };
    let files = loaded.sources.files().count();
    let checked = match compiler.check(&loaded) {
        Ok(c) => c,
        Err(e) => return out.fail(Failure::usage(e), files),
    };
    // Nothing after the check stage reads the syntax trees (diagnostics
    // need only the sources): freed before the targets build.
    loaded.files = Vec::new();
    if checked.has_errors() {
        return nothing_written(&mut out, &checked.diagnostics, &loaded);
    }
    if checked.configs.is_empty() {
        // `check` warns about files that declare nothing; with nothing to
        // build, the same diagnostic is an error.
        let mut diagnostics = checked.diagnostics.clone();
        let no_zone = crate::check::CheckCode::NoZone.name();
        for d in diagnostics.iter_mut().filter(|d| d.code == no_zone) {
            d.severity = crate::diagnostic::Severity::Error;
        }
        if !diagnostics.iter().any(Diagnostic::is_error) {
            out.diagnostics(&diagnostics, &loaded.sources);
            out.error(Failure::usage("no zone to build"));
            out.summary(files, &[], EXIT_INVALID);
            return EXIT_INVALID;
        }
        return nothing_written(&mut out, &diagnostics, &loaded);
    }
    let zones: Vec<String> = checked
        .configs
        .iter()
        .map(|c| c.zone.display_name.clone())
        .collect();
    let zones: Vec<&str> = zones.iter().map(String::as_str).collect();
    if to_stdout && checked.configs.len() > 1 {
        return out.fail(
            Failure::usage(format!(
                "{} zones were found; `-o -` writes one: give a directory with -o",
                checked.configs.len()
            )),
            files,
        );
    }

    let compiled = compiler.build(checked);
    if compiled.has_errors() {
        return nothing_written(&mut out, &compiled.diagnostics, &loaded);
    }
    out.diagnostics(&compiled.diagnostics, &loaded.sources);
    for note in args.target.notes() {
        out.note(note);
    }

    if to_stdout {
        let mut stdout = std::io::stdout().lock();
        for o in &compiled.outputs {
            if let Err(e) = stdout.write_all(o.text.as_bytes()) {
                drop(stdout);
                return out.fail(
                    Failure::io(
                        Path::new("-"),
                        format!("cannot write to standard output: {e}"),
                    ),
                    files,
                );
            }
        }
        drop(stdout);
        out.summary(files, &zones, EXIT_OK);
        super::leave_to_exit((compiled, loaded));
        return EXIT_OK;
    }
    let dir = args
        .output
        .clone()
        .unwrap_or_else(|| Path::new("out").join(args.target.name()));
    // Several zones each get a directory of their own: Terraform resource
    // names, for one, are only unique within a zone.
    let several = compiled.outputs.len() > 1;
    let placed: Vec<(PathBuf, &Output)> = compiled
        .configs
        .iter()
        .zip(&compiled.outputs)
        .map(|(config, o)| {
            let d = if several {
                dir.join(&config.zone.name)
            } else {
                dir.clone()
            };
            (d, o)
        })
        .collect();
    let code = match write_all(&placed) {
        Ok(written) => {
            for (path, changed) in written {
                eprintln!(
                    "{} {}",
                    if changed { "wrote" } else { "unchanged" },
                    path.display()
                );
            }
            out.summary(files, &zones, EXIT_OK);
            EXIT_OK
        }
        Err(mut e) => {
            e.from_output_option = args.output.is_some();
            out.fail(e, files)
        }
    };
    drop(placed);
    super::leave_to_exit((compiled, loaded));
    code
}

/// Reports the diagnostics of a build that failed: exit 1, no file written.
fn nothing_written(
    out: &mut Reporter,
    diagnostics: &[Diagnostic],
    loaded: &crate::load::Loaded,
) -> u8 {
    out.diagnostics(diagnostics, &loaded.sources);
    let errors = out.errors();
    if !out.is_json() {
        eprintln!(
            "{errors} error{}; nothing was written",
            if errors == 1 { "" } else { "s" }
        );
    }
    out.summary(loaded.sources.files().count(), &[], EXIT_INVALID);
    EXIT_INVALID
}

/// Writes every file or none: each goes to a temporary file beside its
/// destination first; only when all are written are they renamed into
/// place. Returns each path and whether its content changed.
fn write_all(outputs: &[(PathBuf, &Output)]) -> Result<Vec<(PathBuf, bool)>, IoError> {
    let mut staged: Vec<(PathBuf, Option<PathBuf>)> = Vec::new();
    let result = (|| {
        for (dir, o) in outputs {
            std::fs::create_dir_all(dir)
                .map_err(|e| IoError::new(Operation::CreateDirectory, dir, e))?;
            let files = std::iter::once((&o.file_name, &o.text))
                .chain(o.extra_files.iter().map(|(name, text)| (name, text)));
            for (name, text) in files {
                let dest = dir.join(name);
                if holds(&dest, text.as_bytes()) {
                    staged.push((dest, None));
                    continue;
                }
                let tmp = dir.join(format!(".{name}.steer-tmp-{}", std::process::id()));
                let write_error = {
                    let dest = dest.clone();
                    move |e| IoError::new(Operation::Write, &dest, e)
                };
                let mut f = std::fs::File::create(&tmp).map_err(&write_error)?;
                staged.push((dest, Some(tmp)));
                f.write_all(text.as_bytes())
                    .and_then(|()| f.sync_all())
                    .map_err(&write_error)?;
            }
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
                std::fs::rename(&tmp, &dest)
                    .map_err(|e| IoError::new(Operation::Rename, &dest, e))?;
                written.push((dest, true));
            }
            None => written.push((dest, false)),
        }
    }
    Ok(written)
}

/// Whether the file at `path` holds exactly `text`: compared a block at a
/// time, so that rebuilding a large output does not read the old one into
/// memory beside the new.
fn holds(path: &std::path::Path, text: &[u8]) -> bool {
    use std::io::Read;
    let Ok(mut file) = std::fs::File::open(path) else {
        return false;
    };
    if file
        .metadata()
        .map_or(true, |m| m.len() != text.len() as u64)
    {
        return false;
    }
    let mut block = vec![0; 64 * 1024];
    let mut rest = text;
    loop {
        match file.read(&mut block) {
            Ok(0) => return rest.is_empty(),
            Ok(n) if n <= rest.len() && block[..n] == rest[..n] => rest = &rest[n..],
            Ok(_) => return false,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::holds;

    #[test]
    fn holds_compares_the_whole_file() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let path = dir.path().join("out.tf");
        assert!(!holds(&path, b"x"), "a missing file holds nothing");
        // Over several read blocks, differing only in the last byte.
        let text = "resource {}\n".repeat(20_000);
        std::fs::write(&path, &text).expect("written");
        assert!(holds(&path, text.as_bytes()));
        let mut other = text.clone().into_bytes();
        *other.last_mut().expect("not empty") = b' ';
        assert!(!holds(&path, &other));
        assert!(!holds(&path, &text.as_bytes()[1..]), "shorter");
        assert!(!holds(&path, format!("{text}x").as_bytes()), "longer");
        std::fs::write(&path, "").expect("written");
        assert!(holds(&path, b""));
    }
}
