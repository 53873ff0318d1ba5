//! Find references: every place the name under the cursor is written in
//! the zone, its definition included when the editor asks for it.

use super::analysis::Analysis;
use lsp_types::{Location, ReferenceParams};

pub fn references(analysis: &Analysis, params: &ReferenceParams) -> Option<Vec<Location>> {
    let at = &params.text_document_position;
    let occurrence = analysis.occurrence_at(&at.text_document.uri, at.position)?;
    let with_definition = params.context.include_declaration;
    let mut spans: Vec<_> = analysis
        .index
        .same(occurrence)
        .filter(|o| with_definition || !o.is_definition())
        .map(|o| o.span)
        .collect();
    spans.sort();
    spans.dedup();
    Some(
        spans
            .into_iter()
            .filter_map(|s| analysis.location(s))
            .collect(),
    )
}
