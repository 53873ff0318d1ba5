//! The server's state: the documents the editor has open (their unsaved
//! text is the [`Overlay`] the loader reads instead of the disk), the
//! conversion between LSP positions (line and UTF-16 column) and byte
//! offsets, and between `file:` URIs and paths.

use crate::load::Overlay;
use crate::source::SourceFile;
use lsp_types::{Position, Range, Uri};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// The open documents, by URI.
#[derive(Debug, Default)]
pub struct Documents {
    texts: HashMap<Uri, String>,
    /// The same texts by path, for the loader (documents with a `file:` URI).
    overlay: Overlay,
}

impl Documents {
    pub fn open(&mut self, uri: Uri, text: String) {
        if let Some(path) = uri_to_path(&uri) {
            self.overlay.insert(path, text.clone());
        }
        self.texts.insert(uri, text);
    }

    pub fn close(&mut self, uri: &Uri) {
        if let Some(path) = uri_to_path(uri) {
            self.overlay.remove(&path);
        }
        self.texts.remove(uri);
    }

    pub fn text(&self, uri: &Uri) -> Option<&str> {
        self.texts.get(uri).map(String::as_str)
    }

    pub fn overlay(&self) -> &Overlay {
        &self.overlay
    }
}

/// A `file:` URI's path (percent-decoded); `None` for other schemes
/// (`untitled:`), which are checked on their own.
pub fn uri_to_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // `file:///path` or `file://localhost/path`.
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    if !rest.starts_with('/') {
        return None;
    }
    let bytes = rest.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                decoded.push((hex(h)? * 16 + hex(l)?) as u8);
                i += 3;
            }
            (b'?' | b'#', _, _) => break,
            (b, _, _) => {
                decoded.push(b);
                i += 1;
            }
        }
    }
    let path = String::from_utf8(decoded).ok()?;
    Some(PathBuf::from(path))
}

/// The `file:` URI of an absolute path, percent-encoding all but the
/// characters RFC 3986 allows unencoded in a path.
pub fn path_to_uri(path: &Path) -> Option<Uri> {
    let text = path.to_str()?;
    let mut uri = String::from("file://");
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~!$&'()*+,;=:@".contains(&b) {
            uri.push(b as char);
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    Uri::from_str(&uri).ok()
}

/// Byte offsets ↔ LSP positions in one text. LSP columns count UTF-16
/// code units (the protocol's default encoding), not bytes or characters.
#[derive(Debug)]
pub struct LineIndex<'t> {
    text: &'t str,
    line_starts: Vec<usize>,
}

impl<'t> LineIndex<'t> {
    pub fn new(text: &'t str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { text, line_starts }
    }

    pub fn of(file: &'t SourceFile) -> Self {
        LineIndex::new(&file.text)
    }

    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let character = self.text[start..offset].encode_utf16().count();
        Position::new(line as u32, character as u32)
    }

    pub fn range(&self, start: usize, end: usize) -> Range {
        Range::new(self.position(start), self.position(end))
    }

    /// The byte offset of a position; a column past the end of its line
    /// is the line's end, a line past the end of the text the text's end.
    pub fn offset(&self, position: Position) -> usize {
        let Some(&start) = self.line_starts.get(position.line as usize) else {
            return self.text.len();
        };
        let line = &self.text[start..];
        let line = &line[..line.find('\n').unwrap_or(line.len())];
        let mut units = 0;
        for (i, c) in line.char_indices() {
            if units >= position.character as usize {
                return start + i;
            }
            units += c.len_utf16();
        }
        start + line.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf16_code_units() {
        // `é` is 2 bytes and 1 unit; `😀` is 4 bytes and 2 units.
        let text = "ab\n\"é😀\" x\n";
        let index = LineIndex::new(text);
        let x = text.find('x').expect("x");
        assert_eq!(index.position(x), Position::new(1, 6));
        assert_eq!(index.offset(Position::new(1, 6)), x);
        assert_eq!(
            index.offset(Position::new(1, 2)),
            text.find('😀').expect("emoji")
        );
        // Past the end of a line: the line's end; past the last line: the end.
        assert_eq!(index.offset(Position::new(0, 99)), 2);
        assert_eq!(index.offset(Position::new(9, 0)), text.len());
        // Inside a character: its start.
        assert_eq!(index.position(x - 3), Position::new(1, 2));
    }

    #[test]
    fn file_uris_and_paths_round_trip() {
        let path = Path::new("/tmp/my zone/ünï.steer");
        let uri = path_to_uri(path).expect("a URI");
        assert_eq!(uri.as_str(), "file:///tmp/my%20zone/%C3%BCn%C3%AF.steer");
        assert_eq!(uri_to_path(&uri).as_deref(), Some(path));
        let untitled = Uri::from_str("untitled:Untitled-1").expect("a URI");
        assert_eq!(uri_to_path(&untitled), None);
    }
}
