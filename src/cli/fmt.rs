//! `steer fmt`: rewrite files in the canonical layout (docs/formatting.md).

use super::{EXIT_INVALID, EXIT_OK, EXIT_USAGE};
use crate::diagnostic::{self, Style};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Format .steer files in the canonical layout (docs/formatting.md).
///
/// Each PATH is a .steer file, a directory of .steer files, or `-` to read
/// standard input and write the formatted text to standard output. Files
/// are rewritten in place, only when their layout changes. A file with a
/// syntax error is reported and left as it is.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or directories to format [default: the current directory]
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Write nothing: print a diff of what would change, exit 1 if any
    #[arg(long)]
    check: bool,
}

pub fn run(args: Args, style: Style) -> u8 {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths
    };
    let mut files = Vec::new();
    for path in &paths {
        match crate::load::expand(path) {
            Ok(f) => files.extend(f),
            Err(e) => {
                eprintln!("error: {e}");
                return EXIT_USAGE;
            }
        }
    }
    files.dedup();
    let mut invalid = false;
    let mut changed = 0;
    for path in &files {
        let stdin = path == Path::new("-");
        let read = if stdin {
            let mut buf = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf).map(|_| buf)
        } else {
            std::fs::read(path)
        };
        let bytes = match read {
            Ok(b) => b,
            Err(e) => {
                eprintln!("error: cannot read {}: {e}", path.display());
                return EXIT_USAGE;
            }
        };
        let name = if stdin {
            "<stdin>".to_string()
        } else {
            path.display().to_string()
        };
        let mut loaded = crate::load::Loaded::default();
        let id = loaded.add(name.clone(), &bytes);
        let errors: Vec<_> = loaded.diagnostics.iter().filter(|d| d.is_error()).collect();
        if !errors.is_empty() {
            let mut err = std::io::stderr().lock();
            for d in errors {
                let _ = writeln!(err, "{}", diagnostic::render(d, &loaded.sources, style));
            }
            invalid = true;
            continue;
        }
        let text = loaded.sources.get(id).text.clone();
        let ast = &loaded.files[0].1;
        let formatted = crate::fmt::format_file(ast, &text);
        if stdin && !args.check {
            let _ = std::io::stdout().write_all(formatted.as_bytes());
            continue;
        }
        if formatted == *text {
            continue;
        }
        changed += 1;
        if args.check {
            let diff = crate::fmt::unified_diff(&name, &text, &formatted);
            let _ = std::io::stdout().write_all(diff.as_bytes());
            continue;
        }
        if let Err(e) = write_atomically(path, &formatted) {
            eprintln!("error: cannot write {}: {e}", path.display());
            return EXIT_USAGE;
        }
        eprintln!("formatted {name}");
    }
    if invalid || (args.check && changed > 0) {
        EXIT_INVALID
    } else {
        EXIT_OK
    }
}

/// Writes a sibling temporary file and renames it over `path`, so that a
/// reader never sees half a file.
pub(super) fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty());
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir
        .unwrap_or(Path::new("."))
        .join(format!(".{file_name}.steer-fmt.tmp"));
    std::fs::write(&tmp, text)?;
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(&tmp, meta.permissions());
    }
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}
