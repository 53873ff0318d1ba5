//! Source files and positions. Every span in steer is a byte range in one
//! file of a [`SourceMap`]; line and column are computed only when a
//! diagnostic is shown, so parsing stays cheap.

use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct FileId(pub u32);

/// A byte range in one source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(file: FileId, start: usize, end: usize) -> Self {
        Span {
            file,
            start: start as u32,
            end: end as u32,
        }
    }

    /// The smallest span covering both; both must be in the same file.
    pub fn to(self, other: Span) -> Span {
        Span {
            file: self.file,
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// A value with the place it was written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

#[derive(Debug)]
pub struct SourceFile {
    /// The path as the user gave it (or `<stdin>`), used in diagnostics.
    pub name: String,
    /// Empty while set aside ([`SourceMap::set_aside`]).
    pub text: Arc<str>,
    /// Byte offsets of the lines' starts. u32, as spans are: a file is
    /// under 4 GiB.
    line_starts: Vec<u32>,
    /// Whether the text has a `\r`, which miette also counts as a line
    /// break (see [`SourceFile::excerpt`]).
    has_cr: bool,
    /// Where the text can be read again, for a file read from disk.
    path: Option<std::path::PathBuf>,
    /// The text's length and hash while it is set aside.
    set_aside: Option<(usize, u64)>,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<Arc<str>>) -> Self {
        let text: Arc<str> = text.into();
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| offset(i + 1)))
            .collect();
        SourceFile {
            name: name.into(),
            has_cr: text.contains('\r'),
            text,
            line_starts,
            path: None,
            set_aside: None,
        }
    }

    /// Whether the text is set aside (see [`SourceMap::set_aside`]).
    pub fn is_set_aside(&self) -> bool {
        self.set_aside.is_some()
    }

    /// The whole lines around bytes `start..end`, with at least `before`
    /// lines before and `after` lines after them where the file has them:
    /// `(first byte, end byte, line breaks before the first byte)`. A
    /// diagnostic's excerpt is read from this window rather than from the
    /// whole file, so rendering many diagnostics is not quadratic. `None`
    /// for a file with a `\r`, whose line breaks are counted differently.
    pub fn excerpt(
        &self,
        start: usize,
        end: usize,
        before: usize,
        after: usize,
    ) -> Option<(usize, usize, usize)> {
        if self.has_cr {
            return None;
        }
        let line_of = |at: usize| self.line_starts.partition_point(|&s| s as usize <= at) - 1;
        let first = line_of(start).saturating_sub(before + 1);
        let last = line_of(end) + after + 2;
        let to = self
            .line_starts
            .get(last)
            .map_or(self.text.len(), |&s| s as usize);
        Some((self.line_starts[first] as usize, to, first))
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s as usize <= offset) - 1;
        let start = self.line_starts[line] as usize;
        let mut end = offset;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let column = self.text[start..end].chars().count() + 1;
        (line + 1, column)
    }
}

/// All files of one run; a [`FileId`] indexes into it.
#[derive(Debug, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, name: impl Into<String>, text: impl Into<Arc<str>>) -> FileId {
        let id = FileId(self.files.len() as u32);
        self.files.push(SourceFile::new(name, text));
        id
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    pub fn files(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(i as u32), f))
    }

    pub fn text(&self, span: Span) -> &str {
        let file = self.get(span.file);
        &file.text[span.start as usize..span.end as usize]
    }

    /// Notes that file `id` was read from `path`, so that its text can be
    /// set aside and read again.
    pub fn read_from(&mut self, id: FileId, path: std::path::PathBuf) {
        self.files[id.0 as usize].path = Some(path);
    }

    /// Frees the text of every file read from disk that is at least
    /// `at_least` bytes long, keeping its length and hash. After the check
    /// stage nothing but the rendering of diagnostics reads the text, and
    /// at 100k records it is 37 MB of the targets' peak; call
    /// [`SourceMap::restore`] before rendering.
    pub fn set_aside(&mut self, at_least: usize) {
        for file in &mut self.files {
            if file.path.is_some() && file.set_aside.is_none() && file.text.len() >= at_least {
                file.set_aside = Some((file.text.len(), fingerprint(&file.text)));
                file.text = Arc::from("");
            }
        }
    }

    /// Whether any file's text is set aside.
    pub fn has_set_aside(&self) -> bool {
        self.files.iter().any(SourceFile::is_set_aside)
    }

    /// Reads the texts set aside again. A file that changed on disk (or
    /// can no longer be read) gets a blank text with its lines where they
    /// were, so that every place is still found and shown without its
    /// words; its name is returned.
    pub fn restore(&mut self) -> Vec<String> {
        let mut changed = Vec::new();
        for file in &mut self.files {
            let (Some((len, hash)), Some(path)) = (file.set_aside, &file.path) else {
                continue;
            };
            let again = std::fs::read(path)
                .ok()
                .map(|bytes| decode(bytes).0)
                .filter(|text| text.len() == len && fingerprint(text) == hash);
            file.text = match again {
                Some(text) => Arc::from(text),
                None => {
                    changed.push(file.name.clone());
                    // Blank lines where the lines were; a `\r` would be
                    // a line break more for miette.
                    file.has_cr = false;
                    let mut blank = vec![b' '; len];
                    for &start in &file.line_starts[1..] {
                        blank[start as usize - 1] = b'\n';
                    }
                    Arc::from(String::from_utf8(blank).expect("ASCII"))
                }
            };
            file.set_aside = None;
        }
        changed
    }
}

/// A file's bytes as its text: valid UTF-8 as it is (no copy), else with
/// every bad sequence replaced by U+FFFD, and the offset of the first bad
/// byte. Loading and [`SourceMap::restore`] read a file alike.
pub fn decode(bytes: Vec<u8>) -> (String, Option<usize>) {
    match String::from_utf8(bytes) {
        Ok(text) => (text, None),
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            (
                String::from_utf8_lossy(e.as_bytes()).into_owned(),
                Some(offset),
            )
        }
    }
}

/// A byte offset as spans keep it (a file past 4 GiB has its later places
/// clamped, as [`Span::new`] truncates them, rather than a panic).
fn offset(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

fn fingerprint(text: &str) -> u64 {
    use std::hash::Hasher;
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(text.as_bytes());
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A map of one file read from `path`, with `text`.
    fn read_from(path: &std::path::Path, text: &str) -> (SourceMap, FileId) {
        std::fs::write(path, text).unwrap();
        let mut sources = SourceMap::new();
        let id = sources.add(path.display().to_string(), text);
        sources.read_from(id, path.to_path_buf());
        (sources, id)
    }

    #[test]
    fn set_aside_frees_large_read_texts_and_restore_reads_them_again() {
        let dir = tempfile::tempdir().unwrap();
        let text = "zone \"a.test\" {}\nrecord é A 192.0.2.1\n";
        let (mut sources, id) = read_from(&dir.path().join("a.steer"), text);
        let from_memory = sources.add("<stdin>", text);
        sources.set_aside(text.len() + 1);
        assert!(!sources.has_set_aside(), "shorter than asked: kept");
        sources.set_aside(text.len());
        assert!(sources.get(id).is_set_aside());
        assert_eq!(&*sources.get(id).text, "");
        assert_eq!(
            &*sources.get(from_memory).text,
            text,
            "not read from disk: kept"
        );
        assert!(sources.restore().is_empty());
        assert!(!sources.has_set_aside());
        assert_eq!(&*sources.get(id).text, text);
        assert_eq!(sources.get(id).line_col(27), (2, 10));
    }

    #[test]
    fn a_file_of_invalid_utf8_is_restored_as_it_was_decoded() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.steer");
        let bytes = b"zone \"a.test\" {}\nrecord www A \xff\n".to_vec();
        std::fs::write(&path, &bytes).unwrap();
        let (text, bad) = decode(bytes);
        assert_eq!(bad, Some(30));
        let mut sources = SourceMap::new();
        let id = sources.add(path.display().to_string(), text.clone());
        sources.read_from(id, path);
        sources.set_aside(0);
        assert!(sources.restore().is_empty(), "not changed: decoded alike");
        assert_eq!(&*sources.get(id).text, text);
    }

    #[test]
    fn a_file_changed_meanwhile_is_restored_blank_with_its_lines() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.steer");
        let text = "zone \"a.test\" {}\r\nrecord é A 192.0.2.1\n\nend";
        let (mut sources, id) = read_from(&path, text);
        sources.set_aside(0);
        std::fs::write(&path, text.replace("192.0.2.1", "192.0.2.2")).unwrap();
        assert_eq!(sources.restore(), [path.display().to_string()]);
        let file = sources.get(id);
        assert_eq!(file.text.len(), text.len());
        let lines: Vec<usize> = file.text.split('\n').map(str::len).collect();
        assert_eq!(lines, [17, 21, 0, 3]);
        assert!(file.text.split('\n').all(|l| l.bytes().all(|b| b == b' ')));
        // Every place is still found (columns count bytes now).
        assert_eq!(file.line_col(28), (2, 11));
        assert!(file.excerpt(20, 25, 1, 1).is_some());
        // A file gone is restored blank too.
        let (mut sources, _) = read_from(&path, text);
        sources.set_aside(0);
        std::fs::remove_file(&path).unwrap();
        assert_eq!(sources.restore().len(), 1);
    }

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let f = SourceFile::new("x", "ab\nçd e\n");
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(3), (2, 1));
        // 'ç' is two bytes; the space after `d` is the third character.
        assert_eq!(f.line_col(6), (2, 3));
        assert_eq!(f.line_col(100), (3, 1));
    }
}
