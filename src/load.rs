//! Reading a configuration: files, directories of `.steer` files, or
//! standard input. Problems with the file system are [`LoadError`]s (exit
//! 2); problems with the text are diagnostics (exit 1).

use crate::diagnostic::Diagnostic;
use crate::source::{FileId, SourceMap};
use crate::syntax::{self, ast};
use std::io::Read;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path} contains no .steer files")]
    EmptyDirectory { path: String },
}

impl LoadError {
    /// The file or directory that could not be read.
    pub fn path(&self) -> &str {
        match self {
            LoadError::Io { path, .. } | LoadError::EmptyDirectory { path } => path,
        }
    }
}

/// Parsed files and the diagnostics from reading and parsing them.
#[derive(Debug, Default)]
pub struct Loaded {
    pub sources: SourceMap,
    pub files: Vec<(FileId, ast::File)>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    /// Adds one file's bytes: decoded, parsed, diagnostics kept.
    pub fn add(&mut self, name: impl Into<String>, bytes: &[u8]) -> FileId {
        let id = crate::source::FileId(self.sources.files().count() as u32);
        let (text, utf8_error) = syntax::decode_utf8(id, bytes);
        let added = self.sources.add(name, text);
        debug_assert_eq!(added, id);
        match utf8_error {
            Some(d) => self.diagnostics.push(d),
            None => {
                let (file, diagnostics) =
                    syntax::parse_file(id, &self.sources.get(id).text.clone());
                self.diagnostics.extend(diagnostics);
                self.files.push((id, file));
            }
        }
        id
    }
}

/// The `.steer` files a path stands for, sorted so that the result does
/// not depend on directory listing order. A directory contributes its
/// `.steer` files (not its subdirectories: each directory is one
/// configuration). `-` is standard input.
pub fn expand(path: &Path) -> Result<Vec<PathBuf>, LoadError> {
    if path == Path::new("-") {
        return Ok(vec![path.to_path_buf()]);
    }
    let meta = std::fs::metadata(path).map_err(|source| io(path, source))?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files = Vec::new();
    for entry in std::fs::read_dir(path).map_err(|source| io(path, source))? {
        let entry = entry.map_err(|source| io(path, source))?;
        let p = entry.path();
        if p.extension().is_some_and(|e| e == "steer") && p.is_file() {
            files.push(p);
        }
    }
    if files.is_empty() {
        return Err(LoadError::EmptyDirectory {
            path: path.display().to_string(),
        });
    }
    files.sort();
    Ok(files)
}

fn io(path: &Path, source: std::io::Error) -> LoadError {
    LoadError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// Reads and parses every file the paths stand for.
pub fn load(paths: &[PathBuf]) -> Result<Loaded, LoadError> {
    let mut loaded = Loaded::default();
    let mut files = Vec::new();
    for path in paths {
        files.extend(expand(path)?);
    }
    files.dedup();
    for file in files {
        let bytes = if file == Path::new("-") {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map_err(|source| io(&file, source))?;
            buf
        } else {
            std::fs::read(&file).map_err(|source| io(&file, source))?
        };
        let name = if file == Path::new("-") {
            "<stdin>".to_string()
        } else {
            file.display().to_string()
        };
        loaded.add(name, &bytes);
    }
    Ok(loaded)
}
