//! One document's zone, loaded and checked as `steer check` would: the
//! named file brings the other files of its zone from its directory
//! ([`crate::load::load_with`]), open documents standing in for their
//! files on disk; then [`crate::check_for_targets`] with no `--target`.

use super::state::{path_to_uri, uri_to_path, Documents, LineIndex};
use super::symbols::{Index, Occurrence};
use crate::check::{Checked, InputValues};
use crate::load::Loaded;
use crate::source::{FileId, Span};
use lsp_types::{Location, Position, Uri};

#[derive(Debug)]
pub struct Analysis {
    pub loaded: Loaded,
    pub checked: Checked,
    /// The URI of each file of `loaded`, by [`FileId`].
    uris: Vec<Option<Uri>>,
    pub index: Index,
}

impl Analysis {
    /// The zone of the document at `uri`: its open text, else the file on
    /// disk. A document that is not a file (`untitled:`), or whose
    /// directory cannot be read, is checked on its own.
    pub fn new(documents: &Documents, uri: &Uri) -> Analysis {
        let from_disk = uri_to_path(uri).and_then(|path| {
            let loaded = crate::load::load_with(std::slice::from_ref(&path), documents.overlay());
            loaded.ok().map(|loaded| {
                // The document's own URI as the editor spells it.
                let uris = loaded
                    .sources
                    .files()
                    .map(|(_, f)| match std::path::Path::new(&f.name) == path {
                        true => Some(uri.clone()),
                        false => path_to_uri(std::path::Path::new(&f.name)),
                    })
                    .collect();
                (loaded, uris)
            })
        });
        let (loaded, uris) = from_disk.unwrap_or_else(|| {
            let mut loaded = Loaded::default();
            loaded.add(uri.as_str(), documents.text(uri).unwrap_or("").as_bytes());
            (loaded, vec![Some(uri.clone())])
        });
        let checked =
            crate::check_for_targets(&loaded, &InputValues::new(), crate::CheckTargets::Default)
                // Only a value for an undeclared input fails, and none are given.
                .unwrap_or_default();
        let index = Index::new(&loaded.files);
        Analysis {
            loaded,
            checked,
            uris,
            index,
        }
    }

    /// The files of the zone with their URIs.
    pub fn files(&self) -> impl Iterator<Item = (FileId, &Uri)> {
        self.uris
            .iter()
            .enumerate()
            .filter_map(|(i, u)| u.as_ref().map(|u| (FileId(i as u32), u)))
    }

    pub fn file_id(&self, uri: &Uri) -> Option<FileId> {
        let path = uri_to_path(uri);
        self.files()
            .find(|(_, u)| *u == uri || (path.is_some() && uri_to_path(u) == path))
            .map(|(id, _)| id)
    }

    pub fn line_index(&self, file: FileId) -> LineIndex<'_> {
        LineIndex::of(self.loaded.sources.get(file))
    }

    pub fn location(&self, span: Span) -> Option<Location> {
        let uri = self.uris.get(span.file.0 as usize)?.clone()?;
        let range = self
            .line_index(span.file)
            .range(span.start as usize, span.end as usize);
        Some(Location::new(uri, range))
    }

    /// The byte offset of a position in a file of the zone.
    pub fn offset(&self, uri: &Uri, position: Position) -> Option<(FileId, usize)> {
        let file = self.file_id(uri)?;
        Some((file, self.line_index(file).offset(position)))
    }

    /// The named thing at a position, if any.
    pub fn occurrence_at(&self, uri: &Uri, position: Position) -> Option<&Occurrence> {
        let (file, offset) = self.offset(uri, position)?;
        self.index.at(file, offset)
    }

    /// The text of a span.
    pub fn text(&self, span: Span) -> &str {
        self.loaded.sources.text(span)
    }
}
