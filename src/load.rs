//! Reading a configuration: files, directories of `.steer` files, or
//! standard input. Problems with the file system are [`LoadError`]s (exit
//! 2); problems with the text are diagnostics (exit 1).

use crate::diagnostic::Diagnostic;
use crate::source::{FileId, SourceMap};
use crate::syntax::{self, ast};
use std::borrow::Cow;
use std::collections::HashMap;
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
    /// The unit of each of `files`: the directory it was read from (files
    /// added from memory share unit 0; standard input is a unit of its
    /// own). A file without a zone line joins only a zone of its unit.
    pub units: Vec<u32>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Loaded {
    /// Adds one file's bytes: decoded, parsed, diagnostics kept.
    pub fn add(&mut self, name: impl Into<String>, bytes: &[u8]) -> FileId {
        self.add_in(name, bytes, 0)
    }

    /// [`Loaded::add`], in a unit of its own (see [`Loaded::units`]).
    pub fn add_in(&mut self, name: impl Into<String>, bytes: &[u8], unit: u32) -> FileId {
        self.add_read_in(name, bytes.to_vec(), unit)
    }

    /// [`Loaded::add_in`] for bytes read: valid UTF-8 becomes the text
    /// without a copy, and the bytes are gone before the file is parsed
    /// (at 100k records they were 37 MB of the parse's peak).
    fn add_read_in(&mut self, name: impl Into<String>, bytes: Vec<u8>, unit: u32) -> FileId {
        let id = FileId(self.sources.files().count() as u32);
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
                self.units.push(unit);
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

/// Texts that stand in for files on disk: the documents an editor has
/// open, with changes not yet saved (`steer lsp`). A file in the overlay
/// is read from it, whether or not it exists on disk, and takes part in
/// finding its directory's zones like any other.
#[derive(Debug, Default, Clone)]
pub struct Overlay {
    files: HashMap<PathBuf, String>,
}

impl Overlay {
    pub fn insert(&mut self, path: PathBuf, text: String) {
        self.files.insert(path, text);
    }

    pub fn remove(&mut self, path: &Path) {
        self.files.remove(path);
    }

    pub fn get(&self, path: &Path) -> Option<&str> {
        self.files.get(path).map(String::as_str)
    }

    /// A file's bytes: the overlay's text, else the file on disk.
    fn read(&self, path: &Path) -> std::io::Result<Cow<'_, [u8]>> {
        match self.files.get(path) {
            Some(text) => Ok(Cow::Borrowed(text.as_bytes())),
            None => std::fs::read(path).map(Cow::Owned),
        }
    }

    /// The overlay's `.steer` files in `dir` (as named: `dir` joined with
    /// the file name, as [`zone_lines`] names what it lists).
    fn in_directory<'o>(&'o self, dir: &'o Path) -> impl Iterator<Item = &'o PathBuf> {
        self.files
            .keys()
            .filter(move |p| p.extension().is_some_and(|e| e == "steer") && parent(p) == dir)
    }
}

/// Reads and parses every file the paths stand for. A file named on its
/// own brings the rest of its zone from its directory ([`zone_siblings`]),
/// so that checking one changed file checks its whole zone.
pub fn load(paths: &[PathBuf]) -> Result<Loaded, LoadError> {
    load_with(paths, &Overlay::default())
}

/// [`load`], with the texts of `overlay` in place of those files' contents
/// on disk (and its files in their directories even when not yet saved).
pub fn load_with(paths: &[PathBuf], overlay: &Overlay) -> Result<Loaded, LoadError> {
    let mut loaded = Loaded::default();
    let mut files = Vec::new();
    // Each directory's zone lines, read once however many of its files
    // are named.
    let mut directories: std::collections::HashMap<PathBuf, Vec<(PathBuf, Option<ZoneLine>)>> =
        std::collections::HashMap::new();
    for path in paths {
        let expanded = match overlay.get(path) {
            Some(_) => vec![path.clone()],
            None => expand(path)?,
        };
        let named_file = path != Path::new("-") && expanded.len() == 1 && expanded[0] == *path;
        files.extend(expanded);
        if named_file {
            let dir = parent(path);
            if !directories.contains_key(dir) {
                directories.insert(dir.to_path_buf(), zone_lines(dir, overlay)?);
            }
            files.extend(zone_siblings(path, &directories[dir]));
        }
    }
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| seen.insert(f.clone()));
    let mut units: Vec<PathBuf> = Vec::new();
    for file in files {
        // A file read from disk can have its text set aside and read again
        // (`SourceMap::set_aside`); standard input and an editor's text
        // cannot.
        let on_disk = file != Path::new("-") && overlay.get(&file).is_none();
        let (bytes, name, dir) = if file == Path::new("-") {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map_err(|source| io(&file, source))?;
            // Standard input is a unit of its own (no directory).
            (buf, "<stdin>".to_string(), file.clone())
        } else {
            let bytes = overlay.read(&file).map_err(|source| io(&file, source))?;
            (
                bytes.into_owned(),
                file.display().to_string(),
                directory(&file),
            )
        };
        let unit = match units.iter().position(|u| *u == dir) {
            Some(i) => i,
            None => {
                units.push(dir);
                units.len() - 1
            }
        };
        let id = loaded.add_read_in(name, bytes, unit as u32 + 1);
        if on_disk {
            loaded.sources.read_from(id, file);
        }
    }
    Ok(loaded)
}

/// The directory a file belongs to, as one key however it was named
/// (`web.steer`, `./web.steer`).
fn directory(file: &Path) -> PathBuf {
    let parent = match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::canonicalize(parent).unwrap_or_else(|_| parent.to_path_buf())
}

/// The other `.steer` files of a named file's directory that belong to its
/// zone (docs/language.md §2): those with a bare zone line for it and,
/// when it is the only zone the directory declares, those with none; and
/// for a file without the zone's block, the one file of the directory that
/// holds it. A file without a zone line belongs to the only zone its
/// directory declares. Other files (another zone, or another block for the
/// same zone: an independent configuration) are not read further.
fn zone_siblings(file: &Path, zones: &[(PathBuf, Option<ZoneLine>)]) -> Vec<PathBuf> {
    let mut declared: Vec<&str> = zones
        .iter()
        .filter_map(|(_, z)| z.as_ref().map(|z| z.key.as_str()))
        .collect();
    declared.sort();
    declared.dedup();
    let only_zone = declared.len() == 1;
    let own = zones
        .iter()
        .find(|(p, _)| same_file(p, file))
        .and_then(|(_, z)| z.clone());
    let (zone, own_block) = match (own, declared.as_slice()) {
        (Some(z), _) => (z.key, z.has_block),
        (None, [only]) => (only.to_string(), false),
        // Several zones: the file is ambiguous (`ambiguous-zone` names
        // them), so one file of each comes along to say which there are.
        (None, _) => {
            let mut firsts: Vec<PathBuf> = Vec::new();
            for name in declared {
                let first = zones
                    .iter()
                    .find(|(_, z)| z.as_ref().is_some_and(|z| z.key == name));
                firsts.extend(first.map(|(p, _)| p.clone()));
            }
            return firsts;
        }
    };
    let blocks: Vec<&PathBuf> = zones
        .iter()
        .filter(|(_, z)| z.as_ref().is_some_and(|z| z.key == zone && z.has_block))
        .map(|(p, _)| p)
        .collect();
    let settings = match blocks.as_slice() {
        [one] if !own_block => Some((*one).clone()),
        _ => None,
    };
    zones
        .iter()
        .filter(|(p, z)| {
            !same_file(p, file)
                && match z {
                    Some(z) => z.key == zone && !z.has_block,
                    None => only_zone,
                }
        })
        .map(|(p, _)| p.clone())
        .chain(settings)
        .collect()
}

/// A file's directory as named (empty for a bare file name).
fn parent(file: &Path) -> &Path {
    file.parent().unwrap_or(Path::new(""))
}

/// The zone line of every `.steer` file of a directory (and of the
/// overlay's files there), sorted by path.
fn zone_lines(
    dir: &Path,
    overlay: &Overlay,
) -> Result<Vec<(PathBuf, Option<ZoneLine>)>, LoadError> {
    let listed = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let mut zones = Vec::new();
    for entry in std::fs::read_dir(listed).map_err(|source| io(listed, source))? {
        let entry = entry.map_err(|source| io(listed, source))?;
        let p = dir.join(entry.file_name());
        if p.extension().is_some_and(|e| e == "steer") && p.is_file() {
            // An unreadable sibling is left out: it may be of another zone.
            let Ok(bytes) = overlay.read(&p) else {
                continue;
            };
            zones.push((p, zone_line(&bytes)));
        }
    }
    for p in overlay.in_directory(dir) {
        if !zones.iter().any(|(z, _)| z == p) {
            zones.push((
                p.clone(),
                overlay.get(p).and_then(|t| zone_line(t.as_bytes())),
            ));
        }
    }
    zones.sort();
    Ok(zones)
}

/// A file's first zone line: the zone's grouping key, and whether it is a
/// block (the zone's settings) or a bare line.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct ZoneLine {
    key: String,
    has_block: bool,
}

fn same_file(a: &Path, b: &Path) -> bool {
    a.file_name() == b.file_name()
}

/// The zone line a file's text starts with; none for a file without one
/// (or not UTF-8).
fn zone_line(bytes: &[u8]) -> Option<ZoneLine> {
    // Read in place: decoding would copy the whole file for its first line.
    let text = std::str::from_utf8(bytes).ok()?;
    let z = syntax::first_zone(FileId(0), text)?;
    Some(ZoneLine {
        key: crate::dns_name::zone_key(&z.name.value),
        has_block: z.has_body,
    })
}

#[cfg(test)]
mod tests {
    use super::{load, load_with, Overlay};

    /// An open document's unsaved text replaces the file on disk, and an
    /// open document not yet saved joins its directory's zone.
    #[test]
    fn the_overlay_stands_in_for_files_on_disk() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let zone = dir.path().join("zone.steer");
        let web = dir.path().join("web.steer");
        std::fs::write(&zone, "zone \"example.com\" { ttl 60s }\n").expect("write");
        std::fs::write(
            &web,
            "zone \"example.com\"\nrecord www A = [\"192.0.2.1\"]\n",
        )
        .expect("write");
        let on_disk = load(std::slice::from_ref(&web)).expect("loads");
        assert_eq!(on_disk.files.len(), 2);

        let mut overlay = Overlay::default();
        let edited = "zone \"example.com\"\nrecord api A = [\"192.0.2.2\"]\n";
        overlay.insert(web.clone(), edited.to_string());
        let unsaved = dir.path().join("new.steer");
        overlay.insert(
            unsaved.clone(),
            "zone \"example.com\"\nrecord new A = [\"192.0.2.3\"]\n".to_string(),
        );
        let loaded = load_with(std::slice::from_ref(&web), &overlay).expect("loads");
        let texts: Vec<(String, String)> = loaded
            .sources
            .files()
            .map(|(_, f)| (f.name.clone(), f.text.to_string()))
            .collect();
        assert_eq!(texts.len(), 3, "{texts:?}");
        assert!(texts.contains(&(web.display().to_string(), edited.to_string())));
        assert!(texts
            .iter()
            .any(|(name, _)| *name == unsaved.display().to_string()));
        // The unsaved file can be named itself.
        let named = load_with(std::slice::from_ref(&unsaved), &overlay).expect("loads");
        assert_eq!(named.files.len(), 3);
    }
}
