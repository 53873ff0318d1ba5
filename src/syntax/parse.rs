//! Driving pest: UTF-8 decoding, the pre-pass (nesting guard and comment
//! positions), item-by-item parsing with recovery, and turning pest errors
//! into diagnostics people can read.

use super::ast;
use super::build::Builder;
use super::{brackets, comments, messages, Rule, SteerParser};
use crate::diagnostic::Diagnostic;
use crate::source::{FileId, Span};
use pest::Parser;
use std::collections::BTreeSet;
use std::ops::Range;

/// Brackets (`{ [ (`) may nest this deep. Policies nest one bracket per
/// level, so this is also the policy nesting limit; it keeps the recursive
/// parser, builder and checker far from the stack limit on any input.
pub const MAX_NESTING: usize = 48;

/// The first keywords of items: where the parser resumes after an error.
pub(super) const ITEM_KEYWORDS: [&str; 8] = [
    "zone",
    "region",
    "check",
    "endpoint",
    "record",
    "pool",
    "input",
    "cidr_collection",
];

/// Decodes a file's bytes. Invalid UTF-8 yields the lossily decoded text
/// (so the diagnostic can show the place) and a diagnostic at the first bad
/// byte.
pub fn decode_utf8(file: FileId, bytes: Vec<u8>) -> (String, Option<Diagnostic>) {
    let (text, bad) = crate::source::decode(bytes);
    let diagnostic = bad.map(|offset| {
        // The replacement character is 3 bytes where the bad byte was.
        let span = Span::new(file, offset, (offset + 3).min(text.len()));
        messages::invalid_utf8(span, offset)
    });
    (text, diagnostic)
}

/// Parses one file. Always returns the items that could be read, with a
/// diagnostic for each part that could not, and every comment.
pub fn parse_file(file: FileId, text: &str) -> (ast::File, Vec<Diagnostic>) {
    let prepass = prepass(file, text);
    if let Some(d) = prepass.too_deep {
        let comments = comments::attach(file, text, &prepass.comments, Vec::new());
        let file = ast::File {
            items: Vec::new(),
            comments,
        };
        return (file, vec![d]);
    }
    let mut builder = Builder::new(file, text, !prepass.comments.is_empty());
    let (items, mut diagnostics) = collect_items(file, text, &mut builder);
    let (mut built, nodes) = builder.finish();
    diagnostics.append(&mut built);
    let comments = comments::attach(file, text, &prepass.comments, nodes);
    (ast::File { items, comments }, diagnostics)
}

/// The file's first `zone` item, if it has one: what loading needs of
/// every sibling file to group files into zones. Reads items only until
/// that one (a file too deeply nested has none).
pub fn first_zone(file: FileId, text: &str) -> Option<Box<ast::ZoneDef>> {
    let prepass = prepass(file, text);
    if prepass.too_deep.is_some() {
        return None;
    }
    let mut builder = Builder::new(file, text, false);
    let mut zone = None;
    // One item at a time: the zone is usually the first.
    parse_items(file, text, &mut builder, false, |item| match item {
        ast::Item::Zone(z) => {
            zone = Some(z);
            false
        }
        _ => true,
    });
    zone
}

/// The items of the file, and the syntax errors that hid the rest.
fn collect_items(
    file: FileId,
    text: &str,
    builder: &mut Builder,
) -> (Vec<ast::Item>, Vec<Diagnostic>) {
    let mut items = Vec::new();
    let diagnostics = parse_items(file, text, builder, true, |item| {
        items.push(item);
        true
    });
    (items, diagnostics)
}

/// Items read by one parse of `next_items` when none fails (the number of
/// `item`s in that rule of grammar/steer.pest).
const ITEMS_PER_PARSE: usize = 16;

/// Parses the file a few items at a time, handing each to `each` until it
/// returns false; returns the syntax errors met on the way. Not the whole
/// file in one parse: pest's token queue for a whole file is about 180
/// bytes per byte of source (671 MB for a 3.7 MB file), for one item it is
/// a few kilobytes. `several`: read up to [`ITEMS_PER_PARSE`] items per
/// parse (`next_items`) while they parse; where that stops short (an error,
/// the end), one item (`next_item`) as before, so errors and the end of the
/// file are met exactly as when reading one item at a time.
fn parse_items(
    file: FileId,
    text: &str,
    builder: &mut Builder,
    several: bool,
    mut each: impl FnMut(ast::Item) -> bool,
) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let mut offset = 0;
    let mut try_several = several;
    while offset <= text.len() {
        if try_several {
            let start = offset;
            let mut read = 0;
            if let Ok(mut pairs) = SteerParser::parse(Rule::next_items, &text[start..]) {
                let items = pairs.next().expect("next_items always yields its pair");
                for item in items.into_inner() {
                    read += 1;
                    offset = start + item.as_span().end();
                    if let Some(item) = builder.item(item, start) {
                        if !each(item) {
                            return diagnostics;
                        }
                    }
                }
            }
            try_several = read == ITEMS_PER_PARSE;
            continue;
        }
        try_several = several;
        match SteerParser::parse(Rule::next_item, &text[offset..]) {
            Ok(mut pairs) => {
                let next_item = pairs.next().expect("next_item always yields its pair");
                let Some(item) = next_item.into_inner().next() else {
                    break;
                };
                // EOI: only whitespace and comments were left. In a file
                // with a syntax error the end is a node comments attach to
                // (as they always have); in one without, they are top-level.
                if item.as_rule() == Rule::EOI && diagnostics.is_empty() {
                    break;
                }
                let end = offset + item.as_span().end();
                if let Some(item) = builder.item(item, offset) {
                    if !each(item) {
                        break;
                    }
                }
                if end == offset {
                    break;
                }
                offset = end;
            }
            Err(error) => {
                let error_at = offset + error_position(&error);
                diagnostics.push(syntax_error(file, text, offset, &error));
                match resume_point(text, offset, error_at) {
                    Some(next) => offset = next,
                    None => break,
                }
            }
        }
    }
    diagnostics
}

fn error_position(error: &pest::error::Error<Rule>) -> usize {
    match error.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((s, _)) => s,
    }
}

/// The first line start after the broken item's start (`item_start`) that
/// begins with an item keyword in column 0, looking from the line the
/// error is on: items are conventionally written there, so it is a safe
/// place to start again.
fn resume_point(text: &str, item_start: usize, error_at: usize) -> Option<usize> {
    let starts_item = |pos: usize| brackets::starts_item(text, pos);
    let error_line = text[..error_at].rfind('\n').map_or(0, |i| i + 1);
    if error_line > skip_trivia(text, item_start) && starts_item(error_line) {
        return Some(error_line);
    }
    let mut pos = error_at;
    while let Some(nl) = text[pos..].find('\n') {
        pos += nl + 1;
        if starts_item(pos) {
            return Some(pos);
        }
    }
    None
}

/// The first position at or after `pos` that is not whitespace or comment.
fn skip_trivia(text: &str, mut pos: usize) -> usize {
    loop {
        let rest = &text[pos..];
        let trimmed = rest.trim_start();
        pos += rest.len() - trimmed.len();
        if trimmed.starts_with('#') {
            pos += trimmed.find('\n').unwrap_or(trimmed.len());
        } else {
            return pos;
        }
    }
}

/// What one pass over the bytes finds before pest runs.
struct Prepass {
    /// Byte ranges of the comments, in order.
    comments: Vec<Range<usize>>,
    /// Brackets nest deeper than [`MAX_NESTING`]: the file is refused
    /// before the recursive parser sees it.
    too_deep: Option<Diagnostic>,
}

/// Reads strings and comments as the grammar does (a string ends at its
/// closing quote or, unterminated, at the line break; a comment runs to
/// the line break), so a `#` in a string is not a comment, and brackets in
/// either do not count towards nesting.
fn prepass(file: FileId, text: &str) -> Prepass {
    let bytes = text.as_bytes();
    let line_break = |b: u8| b == b'\n' || b == b'\r';
    let mut comments = Vec::new();
    let mut too_deep = None;
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'#' => {
                let start = i;
                while i < bytes.len() && !line_break(bytes[i]) {
                    i += 1;
                }
                comments.push(start..i);
                continue;
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' && !line_break(bytes[i]) {
                    if bytes[i] == b'\\' && bytes.get(i + 1).is_some_and(|&b| !line_break(b)) {
                        i += 1;
                    }
                    i += 1;
                }
            }
            b'{' | b'[' | b'(' => {
                depth += 1;
                if depth > MAX_NESTING && too_deep.is_none() {
                    too_deep = Some(messages::nesting_too_deep(Span::new(file, i, i + 1), depth));
                }
            }
            b'}' | b']' | b')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    Prepass { comments, too_deep }
}

/// What a rule is called in "expected ..." messages.
fn describe(rule: Rule) -> Vec<String> {
    let name = format!("{rule:?}");
    if let Some(keyword) = name.strip_prefix("k_") {
        return vec![format!("`{keyword}`")];
    }
    let listed: &[&str] = match rule {
        Rule::probe_protocol => &["`http`", "`https`", "`tcp`"],
        Rule::calc_function | Rule::calculation => &["`all`", "`any`", "`at_least`"],
        Rule::geo_location => &["`continent`", "`country`", "`subdivision`", "`default`"],
        _ => &[],
    };
    if !listed.is_empty() {
        return listed.iter().map(|s| s.to_string()).collect();
    }
    vec![match rule {
        Rule::ident | Rule::endpoint_ref => "a name",
        Rule::string => "a string",
        Rule::integer => "a number",
        Rule::decimal => "a decimal number",
        Rule::duration => "a duration (e.g. `60s`)",
        Rule::address => "an IP address",
        Rule::cidr_block => "a CIDR block (e.g. `198.51.100.0/24`)",
        Rule::boolean => "`true` or `false`",
        Rule::coordinates => "coordinates `(latitude, longitude)`",
        Rule::record_name => "a record name",
        Rule::record_type => "a record type",
        Rule::EOI => "end of file",
        Rule::alias_kind => "an alias kind (`elb`, `nlb`, `cloudfront`, ...)",
        Rule::zone_def => "`zone`",
        Rule::region_def => "`region`",
        Rule::check_def => "`check`",
        Rule::endpoint_def => "`endpoint`",
        Rule::record_def => "`record`",
        Rule::cidr_collection_def => "`cidr_collection`",
        Rule::input_def => "`input`",
        Rule::input_ref => "`input.NAME`",
        Rule::pool_def => "`pool`",
        Rule::failover_policy => "`failover`",
        Rule::latency_policy => "`latency`",
        Rule::geolocation_policy => "`geolocation`",
        Rule::weighted_policy => "`weighted`",
        Rule::multivalue_policy => "`multivalue`",
        Rule::geoproximity_policy => "`geoproximity`",
        Rule::cidr_policy => "`cidr`",
        Rule::stay_policy => "`stay`",
        Rule::routed => "`=` and a routing policy",
        Rule::record_values => "record values",
        Rule::ttl_stmt => "`ttl`",
        Rule::zone_body | Rule::check_body => "`{`",
        _ => return Vec::new(),
    }
    .to_string()]
}

fn syntax_error(
    file: FileId,
    text: &str,
    offset: usize,
    error: &pest::error::Error<Rule>,
) -> Diagnostic {
    let mut at = offset + error_position(error);
    let mut expected = BTreeSet::new();
    if let pest::error::ErrorVariant::ParsingError { positives, .. } = &error.variant {
        expected.extend(positives.iter().flat_map(|r| describe(*r)));
    }
    // pest's plain error only tracks rules, so it can stop short (before a
    // missing `]`, say). Parsing again with detail finds the furthest point
    // reached and every token, punctuation included, that would fit there.
    if let Some((max, tokens)) = detailed_attempts(&text[offset..]) {
        if offset + max > at {
            at = offset + max;
            expected.clear();
        }
        if offset + max == at {
            expected.extend(tokens);
        }
    }
    // Report whole words: pest may stop inside one (`e` of `endpoint`
    // looked like the start of an IPv6 address).
    let is_word = |c: char| c.is_alphanumeric() || c == '_' || c == '-';
    while at > offset
        && text[..at].chars().next_back().is_some_and(is_word)
        && text[at..].chars().next().is_some_and(is_word)
    {
        at -= text[..at].chars().next_back().map_or(1, char::len_utf8);
    }
    if let Some(open) = brackets::unclosed(text, skip_trivia(text, offset), at) {
        return unclosed(file, text, &open);
    }
    let found = found_token(text, at);
    let span = Span::new(file, at, at + found.len());
    let expected: Vec<String> = expected.into_iter().collect();
    let keywords: Vec<&str> = expected
        .iter()
        .filter_map(|e| e.strip_prefix('`').and_then(|e| e.strip_suffix('`')))
        .filter(|e| e.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        .collect();
    let hint = if let Some(hint) = likely_mistake(text, at, found) {
        Some(hint)
    } else if !found.is_empty() && found.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        crate::diagnostic::did_you_mean(found, keywords.iter().copied())
    } else {
        None
    };
    messages::unexpected(span, found, &shorten(expected.clone()), hint)
}

/// The diagnostic for a bracket left open.
fn unclosed(file: FileId, text: &str, open: &brackets::Unclosed) -> Diagnostic {
    let line = text[..open.open].matches('\n').count() + 1;
    let line_start = text[..open.open].rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..open.open].chars().count() + 1;
    let found = found_token(text, open.noticed);
    messages::unclosed(
        Span::new(file, open.noticed, open.noticed + found.len()),
        Span::new(file, open.open, open.open + 1),
        open.bracket,
        open.owner.as_deref(),
        (line, column),
        found,
    )
}

/// A hint for a guess people often make where the parser stopped at
/// `found` (at `at`): the wrong bracket after a policy, a percent sign on
/// a weight, a quoted location code.
fn likely_mistake(text: &str, at: usize, found: &str) -> Option<String> {
    let before = brackets::word_before(text, at);
    let policy = brackets::policy_form(before)
        .or_else(|| {
            // `cidr NAME {`: the policy keyword is one word further back.
            let start = before.as_ptr() as usize - text.as_ptr() as usize;
            (brackets::word_before(text, start) == "cidr")
                .then(|| brackets::policy_form("cidr"))
                .flatten()
        })
        .filter(|_| matches!(found, "{" | "[" | "(" | "=>"));
    if let Some((brackets, example)) = policy {
        return Some(messages::policy_brackets_hint(before, brackets, example));
    }
    if found == "%" && text[..at].ends_with(|c: char| c.is_ascii_digit()) {
        return Some(messages::percent_weight_hint());
    }
    let code = found.strip_prefix('"').and_then(|f| f.strip_suffix('"'));
    match (before, code) {
        ("continent" | "country" | "subdivision", Some(code)) => {
            Some(messages::quoted_location_hint(before, code))
        }
        _ => None,
    }
}

/// Expected-token lists kept to what is likely: where any item may start,
/// "an item" with the item keywords, not each keyword among the rest.
/// Where a policy member may stand, "a member" instead of every policy
/// keyword.
fn shorten(expected: Vec<String>) -> Vec<String> {
    let quoted =
        |words: &[&str]| -> Vec<String> { words.iter().map(|k| format!("`{k}`")).collect() };
    let groups = [
        (quoted(&ITEM_KEYWORDS), messages::an_item(&ITEM_KEYWORDS)),
        (quoted(&brackets::POLICY_KEYWORDS), messages::a_member()),
    ];
    let mut expected = expected;
    for (words, summary) in groups {
        if words.iter().all(|k| expected.contains(k)) {
            expected.retain(|e| !words.contains(e) && e != "end of file" && e != "a name");
            expected.insert(0, summary);
        }
    }
    expected
}

/// The furthest position the parser reached in `input`, and what it would
/// have accepted there (keywords and punctuation as `…`, other tokens by
/// their description).
fn detailed_attempts(input: &str) -> Option<(usize, Vec<String>)> {
    pest::set_error_detail(true);
    let result = SteerParser::parse(Rule::next_item, input);
    pest::set_error_detail(false);
    let attempts = result.err()?.parse_attempts()?;
    let mut tokens: Vec<String> = attempts
        .expected_tokens()
        .into_iter()
        .map(|t| t.to_string())
        .filter(|t| {
            is_punctuation(t)
                || (t.len() > 1 && t.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
        })
        .map(|t| format!("`{t}`"))
        .collect();
    for stack in &attempts.call_stacks {
        if let Some(&rule) = stack.deepest.get_rule() {
            // A body as the deepest rule means the parser is inside it,
            // past its `{` (a `{` still expected is among the tokens).
            let inside_body = matches!(rule, Rule::zone_body | Rule::check_body);
            if !inside_body && !format!("{rule:?}").starts_with("k_") {
                tokens.extend(describe(rule));
            }
        }
    }
    Some((attempts.max_position, tokens))
}

fn is_punctuation(token: &str) -> bool {
    matches!(token, "{" | "}" | "[" | "]" | "(" | ")" | "=" | "=>" | ",")
}

/// The token at `at`, for "found `...`": a word, a string, or one character.
fn found_token(text: &str, at: usize) -> &str {
    let rest = &text[at.min(text.len())..];
    let Some(first) = rest.chars().next() else {
        return "";
    };
    let word_char =
        |c: char| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ':' | '@' | '*' | '/');
    let end = if first == '"' {
        rest[1..]
            .find(['"', '\n'])
            .map(|i| i + 2)
            .unwrap_or(rest.len())
            .min(rest.len())
    } else if word_char(first) {
        rest.find(|c: char| !word_char(c)).unwrap_or(rest.len())
    } else {
        first.len_utf8()
    };
    let mut end = end.min(60);
    while !rest.is_char_boundary(end) {
        end -= 1;
    }
    &rest[..end]
}

#[cfg(test)]
mod items_per_parse {
    #[test]
    fn is_the_number_of_items_in_next_items() {
        let grammar = include_str!("../../grammar/steer.pest");
        let rule = grammar
            .lines()
            .find(|l| l.starts_with("next_items "))
            .expect("grammar: next_items");
        assert_eq!(rule.matches("item").count() - 1, super::ITEMS_PER_PARSE);
    }
}
