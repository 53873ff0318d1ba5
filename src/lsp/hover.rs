//! Hover: what a named thing is (its definition as written, and for a
//! region its AWS region), for a routed record what `steer explain`
//! says each class of client gets (short: no steps), and the name of an
//! AWS region or location code.

use super::analysis::Analysis;
use super::symbols::{Kind, Occurrence};
use crate::check::ir::RecordType;
use crate::semantics::Scenario;
use lsp_types::{Hover, HoverContents, HoverParams, MarkupContent, MarkupKind};

/// Lines of a definition shown; longer ones end with `…`.
const MAX_LINES: usize = 12;

pub fn hover(analysis: &Analysis, params: &HoverParams) -> Option<Hover> {
    let at = &params.text_document_position_params;
    let uri = &at.text_document.uri;
    let (file, offset) = analysis.offset(uri, at.position)?;
    let (text, range) = match analysis.index.at(file, offset) {
        Some(occurrence) => (named(analysis, occurrence)?, occurrence.span),
        None => {
            let source = &analysis.loaded.sources.get(file).text;
            let (start, end) = word_at(source, offset)?;
            let before = source[..start].trim_end();
            let keyword = before.rsplit(|c: char| !is_word(c)).next().unwrap_or("");
            let words = code_words(&source[start..end], keyword)?;
            let span = crate::source::Span::new(file, start, end);
            (words, span)
        }
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: text,
        }),
        range: analysis.location(range).map(|l| l.range),
    })
}

/// What a region, check, endpoint, pool, input, CIDR collection or record
/// is: its definition, and what the checked zone adds.
fn named(analysis: &Analysis, occurrence: &Occurrence) -> Option<String> {
    let index = &analysis.index;
    let kind = index.kind_of(occurrence);
    let definition = index.definitions_of(occurrence).next()?;
    let item = definition.item?;
    let mut out = format!("**{}** `{}`\n", kind.keyword(), occurrence.name);
    // Where it is used: the items, each once (`record www A`).
    let mut users: Vec<&str> = index
        .same(occurrence)
        .filter(|o| !o.is_definition())
        .map(|o| o.within.as_str())
        .collect();
    users.sort_unstable();
    users.dedup();
    // A record is for clients: only an alias to it is a use in the zone.
    if users.is_empty() && kind != Kind::Record {
        out.push_str("\nnot used in the zone\n");
    } else if !users.is_empty() {
        let users: Vec<String> = users.iter().map(|u| format!("`{u}`")).collect();
        out.push_str(&format!("\nused by {}\n", users.join(", ")));
    }
    let source = analysis.text(item);
    let mut lines: Vec<&str> = source.lines().take(MAX_LINES + 1).collect();
    if lines.len() > MAX_LINES {
        lines.truncate(MAX_LINES);
        lines.push("…");
    }
    out.push_str(&format!("\n```steer\n{}\n```\n", lines.join("\n")));
    let config = analysis.checked.configs.first();
    match kind {
        Kind::Region => {
            let aws = config?.regions.get(&occurrence.name)?.aws.as_deref();
            if let Some(words) = aws.and_then(|code| code_words(code, "aws")) {
                out.push_str(&format!("\n{words}\n"));
            }
        }
        Kind::Record => {
            let record_type = definition
                .record_type
                .as_deref()
                .and_then(RecordType::parse);
            let configs = &analysis.checked.configs;
            if let Ok((config, record)) =
                crate::explain::find_record(configs, &definition.name, record_type)
            {
                if matches!(record.content, crate::check::ir::RecordContent::Routed(_)) {
                    let explanation =
                        crate::explain::explain(config, record, None, &Scenario::default());
                    out.push_str(&format!(
                        "\n`steer explain`:\n```text\n{}```\n",
                        crate::explain::summary(&explanation)
                    ));
                }
            }
        }
        _ => {}
    }
    Some(out)
}

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

/// The word (letters, digits, `_`, `-`) around `offset`.
pub(super) fn word_at(text: &str, offset: usize) -> Option<(usize, usize)> {
    if !text.is_char_boundary(offset) {
        return None;
    }
    let start = text[..offset]
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word(*c))
        .last()
        .map_or(offset, |(i, _)| i);
    let end = offset
        + text[offset..]
            .char_indices()
            .find(|(_, c)| !is_word(*c))
            .map_or(text.len() - offset, |(i, _)| i);
    (start < end).then_some((start, end))
}

/// The name of a code: an AWS region anywhere; after `continent`,
/// `country` or `subdivision`, a Route 53 location.
fn code_words(code: &str, keyword: &str) -> Option<String> {
    let location = match keyword {
        "continent" => crate::geo::continent_name(code).map(|n| ("continent", n)),
        "country" => crate::geo::country_name(code).map(|n| ("country", n)),
        "subdivision" => code
            .split_once('-')
            .and_then(|(country, sub)| crate::geo::subdivision_name(country, sub))
            .map(|n| ("subdivision", n)),
        _ => None,
    };
    if let Some((what, name)) = location {
        return Some(format!("**{what}** `{code}`: {name}"));
    }
    let description = crate::aws::region_description(code)?;
    Some(format!("**AWS region** `{code}`: {description}"))
}
