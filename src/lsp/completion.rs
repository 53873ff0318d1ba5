//! Completion: names of the right kind where the words before the cursor
//! say which (`check` → checks, `region` → regions, `cidr` →
//! collections, `input.` → inputs, `alias record` → records, a routing
//! member → endpoints and pools), AWS region codes where a region code is
//! written (`aws "…"`, `from [...]`, `in`), Route 53 location codes after
//! `continent`, `country` and `subdivision`; elsewhere the grammar's
//! keywords and every name of the zone.

use super::analysis::Analysis;
use super::symbols::Kind;
use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionParams, CompletionResponse, CompletionTextEdit,
    TextEdit,
};

/// The grammar, whose `k_NAME = @{ "word" ... }` rules are the keywords.
const GRAMMAR: &str = include_str!("../../grammar/steer.pest");

/// Every keyword of the grammar, sorted.
pub fn keywords() -> Vec<&'static str> {
    let mut words: Vec<&str> = GRAMMAR
        .lines()
        .filter(|l| l.starts_with("k_"))
        .filter_map(|l| l.split('"').nth(1))
        .collect();
    words.sort_unstable();
    words.dedup();
    words
}

/// What may be written at the cursor, from the text of its line before it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Context {
    Names(Vec<Kind>),
    AwsRegions,
    Continents,
    Countries,
    Subdivisions,
    /// Anything: keywords and every name.
    Anywhere,
    /// A new name, a string, a number: nothing to offer.
    Nothing,
}

pub fn completion(analysis: &Analysis, params: &CompletionParams) -> Option<CompletionResponse> {
    let at = &params.text_document_position;
    let (file, offset) = analysis.offset(&at.text_document.uri, at.position)?;
    let text = &analysis.loaded.sources.get(file).text;
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let (context, typed) = context(&text[line_start..offset]);
    let items = match context {
        Context::Names(kinds) => names(analysis, &kinds),
        Context::AwsRegions => crate::aws::regions()
            .map(|code| {
                item(
                    code,
                    CompletionItemKind::CONSTANT,
                    crate::aws::region_description(code).unwrap_or(""),
                )
            })
            .collect(),
        Context::Continents => codes(&crate::geo::CONTINENTS),
        Context::Countries => {
            let mut items = codes(&crate::geo::ISO_COUNTRIES);
            items.extend(codes(&crate::geo::ROUTE53_EXTRA_COUNTRIES));
            items.retain(|i| crate::geo::route53_supports_country(&i.label));
            items
        }
        Context::Subdivisions => {
            let mut items = Vec::new();
            for (country, table) in [
                ("US", &crate::geo::US_SUBDIVISIONS[..]),
                ("UA", &crate::geo::UA_SUBDIVISIONS[..]),
            ] {
                items.extend(table.iter().map(|(code, name)| {
                    item(
                        &format!("{country}-{code}"),
                        CompletionItemKind::CONSTANT,
                        name,
                    )
                }));
            }
            items
        }
        Context::Anywhere => {
            let mut items: Vec<CompletionItem> = keywords()
                .into_iter()
                .map(|k| item(k, CompletionItemKind::KEYWORD, "keyword"))
                .collect();
            items.extend(names(
                analysis,
                &[
                    Kind::Endpoint,
                    Kind::Pool,
                    Kind::Check,
                    Kind::Region,
                    Kind::CidrCollection,
                ],
            ));
            items
        }
        Context::Nothing => return None,
    };
    // Each item replaces what was typed of it, `-` included (a region
    // code, `US-CA`), which editors' word boundaries may not include.
    let range = analysis.line_index(file).range(line_start + typed, offset);
    let items = items
        .into_iter()
        .map(|item| CompletionItem {
            text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
                range,
                item.label.clone(),
            ))),
            ..item
        })
        .collect();
    Some(CompletionResponse::Array(items))
}

/// The context of the cursor from its line up to it, and where in the
/// line what was typed of the completion starts.
fn context(line: &str) -> (Context, usize) {
    // The word being typed is not part of the context.
    let typed_start = line
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
        .last()
        .map_or(line.len(), |(i, _)| i);
    let typed = &line[typed_start..];
    let before = &line[..typed_start];
    if typed.starts_with("input.") {
        return (
            Context::Names(vec![Kind::Input]),
            typed_start + "input.".len(),
        );
    }
    (context_before(line, before), typed_start)
}

/// The context from the words before what is being typed.
fn context_before(line: &str, before: &str) -> Context {
    if in_open_string(before) {
        return match before.trim_end_matches('"').trim_end().ends_with("aws") {
            true => Context::AwsRegions,
            false => Context::Nothing,
        };
    }
    let words: Vec<&str> = before
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let indented = line.starts_with(char::is_whitespace);
    // Inside `from [` (checker regions) or `all(`/`any(`/`at_least(` (checks).
    if let Some(open) = before.rfind(['[', '(']) {
        if before[open..].find([']', ')']).is_none() {
            let opener = before[..open].trim_end();
            if opener.ends_with("from") {
                return Context::AwsRegions;
            }
            if ["all", "any", "at_least"]
                .iter()
                .any(|f| opener.ends_with(f))
            {
                return Context::Names(vec![Kind::Check]);
            }
        }
    }
    let member = Context::Names(vec![Kind::Endpoint, Kind::Pool]);
    match words.as_slice() {
        [.., "alias", "record"] => Context::Names(vec![Kind::Record]),
        // `check NAME {`, `region NAME {`, ... at the start of a line
        // define a new name.
        [_] if !indented && !before.is_empty() && Kind::defining(words[0]) => Context::Nothing,
        [.., "check"] => Context::Names(vec![Kind::Check]),
        [.., "region"] => Context::Names(vec![Kind::Region]),
        [.., "cidr"] => Context::Names(vec![Kind::CidrCollection]),
        [.., "in"] => Context::AwsRegions,
        [.., "continent"] => Context::Continents,
        [.., "country"] => Context::Countries,
        [.., "subdivision"] => Context::Subdivisions,
        [.., "=" | "=>" | "primary" | "secondary" | "stay"] => member,
        [.., w] if w.ends_with(['{', '[']) && words.contains(&"=") => member,
        _ => Context::Anywhere,
    }
}

/// Whether the text ends inside a string.
fn in_open_string(text: &str) -> bool {
    let mut open = false;
    let mut escaped = false;
    for c in text.chars() {
        match c {
            '\\' if open && !escaped => {
                escaped = true;
                continue;
            }
            '"' if !escaped => open = !open,
            '#' if !open => return false,
            _ => {}
        }
        escaped = false;
    }
    open
}

fn names(analysis: &Analysis, kinds: &[Kind]) -> Vec<CompletionItem> {
    let mut items = Vec::new();
    for &kind in kinds {
        let item_kind = match kind {
            Kind::Region | Kind::CidrCollection => CompletionItemKind::MODULE,
            Kind::Check => CompletionItemKind::EVENT,
            Kind::Endpoint | Kind::Pool | Kind::Record => CompletionItemKind::VALUE,
            Kind::Input => CompletionItemKind::VARIABLE,
        };
        items.extend(
            analysis
                .index
                .names(kind)
                .into_iter()
                .map(|name| item(name, item_kind, kind.keyword())),
        );
    }
    items
}

fn codes(table: &[(&str, &str)]) -> Vec<CompletionItem> {
    table
        .iter()
        .map(|(code, name)| item(code, CompletionItemKind::CONSTANT, name))
        .collect()
}

fn item(label: &str, kind: CompletionItemKind, detail: &str) -> CompletionItem {
    CompletionItem {
        label: label.to_string(),
        kind: Some(kind),
        detail: (!detail.is_empty()).then(|| detail.to_string()),
        ..Default::default()
    }
}

impl Kind {
    /// Whether `word` starts the definition of a name.
    fn defining(word: &str) -> bool {
        matches!(
            word,
            "region" | "check" | "endpoint" | "pool" | "input" | "cidr_collection"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::{keywords, Context, Kind};

    #[test]
    fn keywords_come_from_the_grammar() {
        let words = keywords();
        for word in [
            "zone",
            "failover",
            "geoproximity",
            "evaluate_target_health",
            "alone",
        ] {
            assert!(words.contains(&word), "{word} in {words:?}");
        }
        assert!(!words.iter().any(|w| w.contains(' ') || w.is_empty()));
    }

    #[test]
    fn the_words_before_the_cursor_choose_what_is_offered() {
        let names = |kinds: &[Kind]| Context::Names(kinds.to_vec());
        let context = |line: &str| super::context(line).0;
        assert_eq!(context("  check "), names(&[Kind::Check]));
        assert_eq!(context("  check pr"), names(&[Kind::Check]));
        assert_eq!(context("check "), Context::Nothing);
        assert_eq!(context("  region "), names(&[Kind::Region]));
        assert_eq!(context("  alias record "), names(&[Kind::Record]));
        assert_eq!(context("  host input.ap"), names(&[Kind::Input]));
        assert_eq!(
            context("record www A = "),
            names(&[Kind::Endpoint, Kind::Pool])
        );
        assert_eq!(context("  primary "), names(&[Kind::Endpoint, Kind::Pool]));
        assert_eq!(context("  from [eu-west-1, "), Context::AwsRegions);
        assert_eq!(context("region x { aws \"eu-"), Context::AwsRegions);
        assert_eq!(context("  path \"/he"), Context::Nothing);
        assert_eq!(context("  alarm \"x\" in "), Context::AwsRegions);
        assert_eq!(context("  country D"), Context::Countries);
        assert_eq!(context("  continent "), Context::Continents);
        assert_eq!(context("  subdivision US-"), Context::Subdivisions);
        assert_eq!(context("  all(a, "), names(&[Kind::Check]));
        assert_eq!(context(""), Context::Anywhere);
        assert_eq!(context("  "), Context::Anywhere);
        // What was typed is replaced: from `eu-`, from after `input.`.
        assert_eq!(super::context("  from [eu-"), (Context::AwsRegions, 8));
        assert_eq!(super::context("  host input.ap").1, 13);
    }
}
