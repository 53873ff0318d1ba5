//! Go to definition: from a use of a name (a region, check, endpoint,
//! pool, input, CIDR collection, or a record named by `alias record`) to
//! where it is defined, in whichever file of the zone.

use super::analysis::Analysis;
use lsp_types::{GotoDefinitionParams, GotoDefinitionResponse, Location};

pub fn definition(
    analysis: &Analysis,
    params: &GotoDefinitionParams,
) -> Option<GotoDefinitionResponse> {
    let at = &params.text_document_position_params;
    let occurrence = analysis.occurrence_at(&at.text_document.uri, at.position)?;
    let locations: Vec<Location> = analysis
        .index
        .definitions_of(occurrence)
        .filter_map(|d| analysis.location(d.span))
        .collect();
    match locations.len() {
        0 => None,
        1 => locations
            .into_iter()
            .next()
            .map(GotoDefinitionResponse::Scalar),
        _ => Some(GotoDefinitionResponse::Array(locations)),
    }
}
