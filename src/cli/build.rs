//! `steer build`: check, lower, and write target files — all or nothing.

use super::check::{Format, ValueArgs};
use super::io_error::{IoError, Operation};
use super::report::{Failure, Reporter};
use super::{EXIT_INVALID, EXIT_OK};
use crate::diagnostic::{Code, Diagnostic, Style};
use crate::emit::{self, EmitError, Emitted, Options, Target};
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
    // Nothing after the check stage reads the syntax trees (diagnostics
    // need only the sources): the check takes them and frees each record's
    // once lowered, before the targets build.
    let checked = match compiler.check_taking_trees(&mut loaded) {
        Ok(c) => c,
        Err(e) => return out.fail(Failure::usage(e), files),
    };
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

    // Each zone's text goes to its file (or standard output) as the target
    // writes it, never held whole; the target finds every error before it
    // writes, and a zone with errors makes no file.
    let crate::check::Checked {
        configs,
        mut diagnostics,
    } = checked;
    // Until diagnostics are shown nothing reads the source texts.
    loaded.sources.set_aside(super::SET_ASIDE_AT);
    if to_stdout {
        let mut stdout = std::io::stdout().lock();
        let emitted = emit_zone(&compiler, &configs[0], &mut stdout, &mut diagnostics);
        drop(stdout);
        crate::diagnostic::sort(&mut diagnostics);
        out.restore_sources(&diagnostics, &mut loaded.sources);
        let code = match emitted {
            Ok(None) => nothing_written(&mut out, &diagnostics, &loaded),
            Ok(Some(_)) => {
                out.diagnostics(&diagnostics, &loaded.sources);
                for note in args.target.notes() {
                    out.note(note);
                }
                out.summary(files, &zones, EXIT_OK);
                EXIT_OK
            }
            Err(e) => out.fail(
                Failure::io(
                    Path::new("-"),
                    format!("cannot write to standard output: {e}"),
                ),
                files,
            ),
        };
        super::leave_to_exit((configs, loaded));
        return code;
    }
    let dir = args
        .output
        .clone()
        .unwrap_or_else(|| Path::new("out").join(args.target.name()));
    // Several zones each get a directory of their own: Terraform resource
    // names, for one, are only unique within a zone.
    let several = configs.len() > 1;
    let mut staged = Staged::default();
    let mut invalid = false;
    let mut failure: Option<IoError> = None;
    for config in &configs {
        if invalid || failure.is_some() {
            // Nothing more is written; the diagnostics are still wanted.
            let emitted = emit_zone(&compiler, config, &mut std::io::sink(), &mut diagnostics);
            invalid |= matches!(emitted, Ok(None));
            continue;
        }
        let d = if several {
            dir.join(&config.zone.name)
        } else {
            dir.clone()
        };
        let name = args.target.file_name(&config.zone.name);
        match staged.zone(&compiler, config, &d, &name, &mut diagnostics) {
            Ok(written) => invalid |= !written,
            Err(e) => failure = Some(e),
        }
    }
    crate::diagnostic::sort(&mut diagnostics);
    out.restore_sources(&diagnostics, &mut loaded.sources);
    if invalid {
        staged.discard();
        return nothing_written(&mut out, &diagnostics, &loaded);
    }
    out.diagnostics(&diagnostics, &loaded.sources);
    for note in args.target.notes() {
        out.note(note);
    }
    let committed = match failure {
        None => staged.commit(),
        Some(e) => {
            staged.discard();
            Err(e)
        }
    };
    let code = match committed {
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
    super::leave_to_exit((configs, loaded));
    code
}

/// Emits one zone into `out`; its warnings, or its errors, join
/// `diagnostics`. `None` when it has errors (and nothing was written).
fn emit_zone(
    compiler: &Compiler,
    config: &crate::check::ir::Config,
    out: &mut dyn Write,
    diagnostics: &mut Vec<Diagnostic>,
) -> std::io::Result<Option<Emitted>> {
    match compiler.emit(config, out) {
        Ok(mut emitted) => {
            diagnostics.append(&mut emitted.warnings);
            Ok(Some(emitted))
        }
        Err(EmitError::Invalid(mut errors)) => {
            diagnostics.append(&mut errors);
            Ok(None)
        }
        Err(EmitError::Write(e)) => Err(e),
    }
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

/// The files of a build, each written to a temporary file beside its
/// destination first; only when every zone is written are they renamed
/// into place (all or nothing). On any failure each temporary file is
/// removed, with every directory made for them.
#[derive(Debug, Default)]
struct Staged {
    /// Each destination, with its temporary file; none when the
    /// destination already holds the same bytes.
    files: Vec<(PathBuf, Option<PathBuf>)>,
    /// Directories made, outermost first.
    made: Vec<PathBuf>,
}

impl Staged {
    /// Writes one zone's files into `dir`: its text as the target writes
    /// it, then the files beside it. `Ok(false)` when the zone has errors
    /// (its diagnostics then in `diagnostics`, and no file made for it).
    fn zone(
        &mut self,
        compiler: &Compiler,
        config: &crate::check::ir::Config,
        dir: &Path,
        name: &str,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Result<bool, IoError> {
        let emitted = self.file(dir, name, |out| {
            emit_zone(compiler, config, out, diagnostics)
        })?;
        let Some(emitted) = emitted else {
            return Ok(false);
        };
        for (name, text) in &emitted.extra_files {
            self.file(dir, name, |out| out.write_all(text.as_bytes()).map(Some))?;
        }
        Ok(true)
    }

    /// Writes one file through `write` into a temporary file beside
    /// `dir/name`, made (with `dir`) at the first byte written: a zone
    /// with errors, which writes nothing and returns `None`, makes
    /// neither. The temporary file is kept only when it differs from the
    /// destination.
    fn file<T>(
        &mut self,
        dir: &Path,
        name: &str,
        write: impl FnOnce(&mut dyn Write) -> std::io::Result<Option<T>>,
    ) -> Result<Option<T>, IoError> {
        let dest = dir.join(name);
        let tmp = dir.join(format!(".{name}.steer-tmp-{}", std::process::id()));
        let mut file = Pending {
            staged: self,
            dir,
            dest: &dest,
            tmp: &tmp,
            file: None,
            error: None,
        };
        let written = write(&mut file);
        let write_error = |e| IoError::new(Operation::Write, &dest, e);
        let value = match written {
            Ok(Some(value)) => value,
            Ok(None) => return Ok(None),
            Err(e) => return Err(file.error.take().unwrap_or_else(|| write_error(e))),
        };
        let opened = file.open();
        let made = match opened {
            Ok(f) => f.flush().and_then(|()| f.sync_all()),
            Err(e) => return Err(file.error.take().unwrap_or_else(|| write_error(e))),
        };
        made.map_err(write_error)?;
        if same_contents(&tmp, &dest) {
            let _ = std::fs::remove_file(&tmp);
            if let Some(entry) = self.files.last_mut() {
                entry.1 = None;
            }
        }
        Ok(Some(value))
    }

    /// Makes `dir` and its missing parents, remembering which it made.
    fn make_dir(&mut self, dir: &Path) -> Result<(), IoError> {
        let missing: Vec<PathBuf> = dir
            .ancestors()
            .take_while(|d| !d.as_os_str().is_empty() && !d.exists())
            .map(Path::to_path_buf)
            .collect();
        self.made.extend(missing.into_iter().rev());
        std::fs::create_dir_all(dir).map_err(|e| IoError::new(Operation::CreateDirectory, dir, e))
    }

    /// Removes every temporary file and every directory made.
    fn discard(self) {
        for tmp in self.files.into_iter().filter_map(|(_, tmp)| tmp) {
            let _ = std::fs::remove_file(tmp);
        }
        for dir in self.made.iter().rev() {
            let _ = std::fs::remove_dir(dir);
        }
    }

    /// Renames every temporary file into place; each path and whether its
    /// content changed.
    fn commit(self) -> Result<Vec<(PathBuf, bool)>, IoError> {
        let mut written = Vec::new();
        let mut files = self.files.into_iter();
        while let Some((dest, tmp)) = files.next() {
            let changed = tmp.is_some();
            if let Some(tmp) = tmp {
                if let Err(e) = std::fs::rename(&tmp, &dest) {
                    for tmp in std::iter::once(tmp).chain(files.filter_map(|(_, tmp)| tmp)) {
                        let _ = std::fs::remove_file(tmp);
                    }
                    return Err(IoError::new(Operation::Rename, &dest, e));
                }
            }
            written.push((dest, changed));
        }
        Ok(written)
    }
}

/// The temporary file being written for a destination, made (with its
/// directory) at the first write.
struct Pending<'s> {
    staged: &'s mut Staged,
    dir: &'s Path,
    dest: &'s Path,
    tmp: &'s Path,
    file: Option<std::fs::File>,
    /// Why the file could not be made (the error the writer saw repeats
    /// it).
    error: Option<IoError>,
}

impl Pending<'_> {
    /// The temporary file, made on first use and staged for removal on
    /// failure.
    fn open(&mut self) -> std::io::Result<&mut std::fs::File> {
        let file = match self.file.take() {
            Some(f) => f,
            None => self.create()?,
        };
        Ok(self.file.insert(file))
    }

    fn create(&mut self) -> std::io::Result<std::fs::File> {
        let made = self.staged.make_dir(self.dir).and_then(|()| {
            std::fs::File::create(self.tmp)
                .map_err(|e| IoError::new(Operation::Write, self.dest, e))
        });
        match made {
            Ok(f) => {
                let staged = (self.dest.to_path_buf(), Some(self.tmp.to_path_buf()));
                self.staged.files.push(staged);
                Ok(f)
            }
            Err(e) => {
                let seen = std::io::Error::new(e.error.kind(), e.error.to_string());
                self.error = Some(e);
                Err(seen)
            }
        }
    }
}

impl Write for Pending<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.open()?.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.file {
            Some(f) => f.flush(),
            None => Ok(()),
        }
    }
}

/// Whether the files at `new` and `old` hold the same bytes: compared a
/// block at a time, so that rebuilding a large output reads neither whole
/// into memory.
fn same_contents(new: &Path, old: &Path) -> bool {
    use std::io::Read;
    let (Ok(mut a), Ok(mut b)) = (std::fs::File::open(new), std::fs::File::open(old)) else {
        return false;
    };
    match (a.metadata(), b.metadata()) {
        (Ok(x), Ok(y)) if x.is_file() && y.is_file() && x.len() == y.len() => {}
        _ => return false,
    }
    let mut x = vec![0; 64 * 1024];
    let mut y = vec![0; 64 * 1024];
    loop {
        let n = match a.read(&mut x) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => return false,
        };
        if n == 0 {
            // Both at their end: `old` may have grown since its length was read.
            return matches!(b.read(&mut y[..1]), Ok(0));
        }
        match b.read_exact(&mut y[..n]) {
            Ok(()) if x[..n] == y[..n] => {}
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::same_contents;

    #[test]
    fn same_contents_compares_the_whole_files() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let (new, old) = (dir.path().join("new.tf"), dir.path().join("out.tf"));
        let write =
            |path: &std::path::Path, text: &[u8]| std::fs::write(path, text).expect("written");
        // Over several read blocks, differing only in the last byte.
        let text = "resource {}\n".repeat(20_000);
        write(&new, text.as_bytes());
        assert!(!same_contents(&new, &old), "a missing file holds nothing");
        write(&old, text.as_bytes());
        assert!(same_contents(&new, &old));
        let mut other = text.clone().into_bytes();
        *other.last_mut().expect("not empty") = b' ';
        write(&old, &other);
        assert!(!same_contents(&new, &old));
        write(&old, &text.as_bytes()[1..]);
        assert!(!same_contents(&new, &old), "shorter");
        write(&old, format!("{text}x").as_bytes());
        assert!(!same_contents(&new, &old), "longer");
        write(&new, b"");
        write(&old, b"");
        assert!(same_contents(&new, &old));
        assert!(!same_contents(&new, dir.path()), "a directory");
    }
}
