//! Diagnostics for the editor: the check stage's (and every stage's)
//! diagnostics of the whole zone, with the same codes, places and hints as
//! `steer check`, published for every file of the zone, so that a file
//! whose problems are gone gets an empty list.

use super::analysis::Analysis;
use crate::diagnostic::{Diagnostic, Severity};
use lsp_types::{
    DiagnosticRelatedInformation, DiagnosticSeverity, NumberOrString, PublishDiagnosticsParams, Uri,
};

/// One notification per file of the zone, in file order.
pub fn publish(analysis: &Analysis) -> Vec<PublishDiagnosticsParams> {
    analysis
        .files()
        .map(|(file, uri)| {
            let diagnostics = analysis
                .checked
                .diagnostics
                .iter()
                .filter(|d| d.primary.span.file == file)
                .map(|d| to_lsp(analysis, d))
                .collect();
            PublishDiagnosticsParams::new(uri.clone(), diagnostics, None)
        })
        .collect()
}

/// Empty diagnostics for the files no longer part of any analysis, so
/// the editor forgets what was published for them.
pub fn clear(uris: impl IntoIterator<Item = Uri>) -> Vec<PublishDiagnosticsParams> {
    uris.into_iter()
        .map(|uri| PublishDiagnosticsParams::new(uri, Vec::new(), None))
        .collect()
}

fn to_lsp(analysis: &Analysis, d: &Diagnostic) -> lsp_types::Diagnostic {
    let span = d.primary.span;
    let range = analysis
        .line_index(span.file)
        .range(span.start as usize, span.end as usize);
    let mut message = d.message.clone();
    for hint in &d.hints {
        message.push_str("\nhelp: ");
        message.push_str(hint);
    }
    let related: Vec<DiagnosticRelatedInformation> = d
        .secondary
        .iter()
        .filter_map(|label| {
            Some(DiagnosticRelatedInformation {
                location: analysis.location(label.span)?,
                message: label.message.clone(),
            })
        })
        .collect();
    lsp_types::Diagnostic {
        range,
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(d.full_code())),
        source: Some("steer".to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..Default::default()
    }
}
