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
use std::sync::atomic::{AtomicBool, Ordering};

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

/// Files at least this long are parsed on two threads (see
/// [`parse_file_with`]).
pub const PARALLEL_MIN_BYTES: usize = 256 * 1024;

/// Parses one file. Always returns the items that could be read, with a
/// diagnostic for each part that could not, and every comment. A file of
/// [`PARALLEL_MIN_BYTES`] or more is parsed on two threads, split at the
/// first item start past its middle, with the same result.
pub fn parse_file(file: FileId, text: &str) -> (ast::File, Vec<Diagnostic>) {
    let split_from = (text.len() >= PARALLEL_MIN_BYTES).then_some(text.len() / 2);
    parse_file_with(file, text, split_from)
}

/// [`parse_file`] with the split chosen by the caller (tests and the fuzz
/// target compare the two ways): `None` parses on one thread; `Some(from)`
/// on two, the second starting at the first line at or after `from` that
/// starts with an item keyword outside brackets, strings and comments (on
/// one thread when there is none). The result is the same either way: the
/// second thread's work is kept only when the first, without a syntax
/// error, stops exactly where the second began.
pub fn parse_file_with(
    file: FileId,
    text: &str,
    split_from: Option<usize>,
) -> (ast::File, Vec<Diagnostic>) {
    let (file, diagnostics, _) = parse_split(file, text, split_from);
    (file, diagnostics)
}

/// [`parse_file_with`], also saying whether the second thread's work was
/// kept.
fn parse_split(
    file: FileId,
    text: &str,
    split_from: Option<usize>,
) -> (ast::File, Vec<Diagnostic>, bool) {
    let prepass = prepass(file, text, split_from);
    if let Some(d) = prepass.too_deep {
        let comments = comments::attach(file, text, &prepass.comments, Vec::new());
        let file = ast::File {
            items: Vec::new(),
            comments,
        };
        return (file, vec![d], false);
    }
    let with_comments = !prepass.comments.is_empty();
    let (read, kept) = match prepass.split {
        Some(split) => read_in_two(file, text, with_comments, split),
        None => {
            let mut all = Part::new(file, text, 0, with_comments);
            all.read(&mut Until::End);
            (all.finish(), false)
        }
    };
    let mut diagnostics = read.syntax;
    diagnostics.extend(read.built);
    let comments = comments::attach(file, text, &prepass.comments, read.nodes);
    let file = ast::File {
        items: read.items,
        comments,
    };
    (file, diagnostics, kept)
}

/// Reads the file on two threads: this one from the start, a second from
/// `split` (an item start past the middle that the pre-pass found). The
/// first stops where its next parse would start at `split`; if it meets
/// a syntax error first, or passes `split` without stopping there, the
/// second's work is dropped and the first reads on to the end. The second
/// stops before its first syntax error: diagnosing one parses again with
/// pest's error detail switched on, a global, which must not happen while
/// the other thread parses; this thread goes on from there once both have
/// stopped. The first part's items, syntax errors, builder diagnostics and
/// nodes then come before the second's, as in one read from the start (the
/// builder carries nothing from one item to the next but its output).
/// Returns whether the second part was kept.
fn read_in_two(file: FileId, text: &str, with_comments: bool, split: usize) -> (Parsed, bool) {
    let cancel = AtomicBool::new(false);
    let (first, landed, second) = std::thread::scope(|scope| {
        // The main thread's stack (the parser and builder recurse once per
        // bracket, up to `MAX_NESTING`); a thread that cannot be started
        // leaves the whole file to this one.
        let second = std::thread::Builder::new()
            .stack_size(8 << 20)
            .spawn_scoped(scope, || {
                let mut second = Part::new(file, text, split, with_comments);
                let ended = second.read(&mut Until::Error(&cancel));
                (second, ended)
            });
        let mut first = Part::new(file, text, 0, with_comments);
        let Ok(second) = second else {
            first.read(&mut Until::End);
            return (first, false, None);
        };
        let mut until = Until::Split {
            at: split,
            cancel: &cancel,
        };
        let landed = first.read(&mut until) == Ended::Paused;
        let second = second
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (first, landed, Some(second))
    });
    let mut read = first.finish();
    let Some((mut second, ended)) = second.filter(|_| landed) else {
        return (read, false);
    };
    if ended == Ended::Paused {
        second.read(&mut Until::End);
    }
    read.append(second.finish());
    (read, true)
}

/// One thread's reading: where it stands, its builder and its items.
struct Part<'t> {
    reader: Reader<'t>,
    builder: Builder<'t>,
    items: Vec<ast::Item>,
}

/// What reading (part of) a file gives.
struct Parsed {
    items: Vec<ast::Item>,
    /// Syntax errors.
    syntax: Vec<Diagnostic>,
    /// The builder's diagnostics (they follow the syntax errors).
    built: Vec<Diagnostic>,
    /// The nodes comments attach to.
    nodes: Vec<(u32, u32)>,
}

impl Parsed {
    /// Adds what was read after this part.
    fn append(&mut self, later: Parsed) {
        self.items.extend(later.items);
        self.syntax.extend(later.syntax);
        self.built.extend(later.built);
        self.nodes.extend(later.nodes);
    }
}

impl<'t> Part<'t> {
    /// Reading from `from`, which is 0 or an item's start.
    fn new(file: FileId, text: &'t str, from: usize, with_comments: bool) -> Self {
        Part {
            reader: Reader::new(file, text, from, true),
            builder: Builder::new(file, text, with_comments),
            items: Vec::new(),
        }
    }

    fn read(&mut self, until: &mut Until) -> Ended {
        let items = &mut self.items;
        self.reader.read(&mut self.builder, until, |item| {
            items.push(item);
            true
        })
    }

    fn finish(self) -> Parsed {
        let (built, nodes) = self.builder.finish();
        Parsed {
            items: self.items,
            syntax: self.reader.diagnostics,
            built,
            nodes,
        }
    }
}

/// The file's first `zone` item, if it has one: what loading needs of
/// every sibling file to group files into zones. Reads items only until
/// that one (none when brackets nest too deeply before it ends).
pub fn first_zone(file: FileId, text: &str) -> Option<Box<ast::ZoneDef>> {
    // The zone is usually the first item: its text, up to where the next
    // item starts, is pre-passed and read alone, where pre-passing the
    // whole file (its nesting guard) was a second full scan of the named
    // file before parsing it (1.3% of `steer check`'s instructions on the
    // kit's zone, before the parse's second thread starts).
    let first = prepass_to(file, text, Some(skip_trivia(text, 0) + 1), Scan::UntilSplit);
    // Too deep before the split is too deep in the whole file.
    if first.too_deep.is_some() {
        return None;
    }
    let Some(end) = first.split else {
        // The pre-pass read the whole file.
        return read_zone(file, text);
    };
    if let Some(zone) = read_zone(file, &text[..end]) {
        return Some(zone);
    }
    if prepass(file, text, None).too_deep.is_some() {
        return None;
    }
    read_zone(file, text)
}

/// The first zone item of `text`, read one item at a time.
fn read_zone(file: FileId, text: &str) -> Option<Box<ast::ZoneDef>> {
    let mut builder = Builder::new(file, text, false);
    let mut zone = None;
    let mut reader = Reader::new(file, text, 0, false);
    reader.read(&mut builder, &mut Until::End, |item| match item {
        ast::Item::Zone(z) => {
            zone = Some(z);
            false
        }
        _ => true,
    });
    zone
}

/// Whether `text` follows the grammar, as pest alone reads it: the
/// nesting guard's pre-pass, then the parses the reader makes
/// ([`ITEMS_PER_PARSE`] items each) on one thread, building no tree. The
/// per-stage benchmark times it beside [`parse_file`] to show how much of
/// parsing is pest's own matching (docs/performance.md).
pub fn grammar_matches(text: &str) -> bool {
    if prepass(FileId(0), text, None).too_deep.is_some() {
        return false;
    }
    let mut offset = 0;
    while let Ok(mut pairs) = SteerParser::parse(Rule::next_items, &text[offset..]) {
        let items = pairs.next().expect("next_items always yields its pair");
        let last = items.into_inner().last().expect("next_items reads an item");
        offset += last.as_span().end();
    }
    // What is left holds no item that parses: only whitespace and comments
    // if the file follows the grammar.
    SteerParser::parse(Rule::file, &text[offset..]).is_ok()
}

/// Items read by one parse of `next_items` when none fails (the number of
/// `item`s in that rule of grammar/steer.pest).
const ITEMS_PER_PARSE: usize = 16;

/// Where item-by-item parsing stands, so that it can stop and go on.
struct Reader<'t> {
    file: FileId,
    text: &'t str,
    /// Where the next parse starts.
    offset: usize,
    /// Read up to [`ITEMS_PER_PARSE`] items per parse.
    several: bool,
    try_several: bool,
    /// The syntax errors met so far.
    diagnostics: Vec<Diagnostic>,
}

/// How [`Reader::read`] ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ended {
    /// At the end of the file, or told to by its `each`.
    Done,
    /// Stopped by its [`Until`]; reading again goes on from there.
    Paused,
}

/// When [`Reader::read`] stops before the end.
enum Until<'a> {
    /// Never.
    End,
    /// Where the next item would start at `at` (an item start), no syntax
    /// error having been met. At a syntax error, or past `at`, it sets
    /// `cancel` and becomes [`Until::End`].
    Split { at: usize, cancel: &'a AtomicBool },
    /// Before its first syntax error is diagnosed, or once this is set.
    Error(&'a AtomicBool),
}

impl Until<'_> {
    /// Whether to stop before a parse at `offset`.
    fn stops_at(&mut self, text: &str, offset: usize, no_errors: bool) -> bool {
        match *self {
            Until::End => false,
            Until::Error(cancel) => cancel.load(Ordering::Relaxed),
            Until::Split { at, cancel } => {
                // Where pest's implicit skipping of whitespace and comments
                // will have the next item start.
                let next = offset + (text.len() - offset - skip_skipped(&text[offset..]).len());
                if no_errors && next == at {
                    return true;
                }
                if !no_errors || next > at {
                    cancel.store(true, Ordering::Relaxed);
                    *self = Until::End;
                }
                false
            }
        }
    }
}

/// `text` without what the grammar skips at its start: whitespace
/// (`WHITESPACE`) and comments (`COMMENT`).
fn skip_skipped(mut text: &str) -> &str {
    loop {
        text = comments::trim_space(text);
        if !text.starts_with('#') {
            return text;
        }
        text = &text[text.find(['\n', '\r']).unwrap_or(text.len())..];
    }
}

impl<'t> Reader<'t> {
    /// `from`: 0 or an item's start.
    fn new(file: FileId, text: &'t str, from: usize, several: bool) -> Self {
        Reader {
            file,
            text,
            offset: from,
            several,
            try_several: several,
            diagnostics: Vec::new(),
        }
    }

    /// Parses the file a few items at a time, handing each to `each`
    /// until it returns false, recording the syntax errors met on the way.
    /// Not the whole file in one parse: pest's token queue for a whole file
    /// is about 180 bytes per byte of source (671 MB for a 3.7 MB file), for
    /// one item it is a few kilobytes. `several`: read up to
    /// [`ITEMS_PER_PARSE`] items per parse (`next_items`) while they parse;
    /// where that stops short (an error, the end), one item (`next_item`)
    /// as before, so errors and the end of the file are met exactly as when
    /// reading one item at a time (and wherever reading started, if at an
    /// item that reading from the start reaches).
    fn read(
        &mut self,
        builder: &mut Builder,
        until: &mut Until,
        mut each: impl FnMut(ast::Item) -> bool,
    ) -> Ended {
        let text = self.text;
        while self.offset <= text.len() {
            if until.stops_at(text, self.offset, self.diagnostics.is_empty()) {
                return Ended::Paused;
            }
            if self.try_several {
                let start = self.offset;
                let mut read = 0;
                if let Ok(mut pairs) = SteerParser::parse(Rule::next_items, &text[start..]) {
                    let items = pairs.next().expect("next_items always yields its pair");
                    for item in items.into_inner() {
                        read += 1;
                        self.offset = start + item.as_span().end();
                        if let Some(item) = builder.item(item, start) {
                            if !each(item) {
                                return Ended::Done;
                            }
                        }
                        if until.stops_at(text, self.offset, self.diagnostics.is_empty()) {
                            return Ended::Paused;
                        }
                    }
                }
                self.try_several = read == ITEMS_PER_PARSE;
                continue;
            }
            self.try_several = self.several;
            match SteerParser::parse(Rule::next_item, &text[self.offset..]) {
                Ok(mut pairs) => {
                    let next_item = pairs.next().expect("next_item always yields its pair");
                    let Some(item) = next_item.into_inner().next() else {
                        break;
                    };
                    // EOI: only whitespace and comments were left. In a file
                    // with a syntax error the end is a node comments attach to
                    // (as they always have); in one without, they are top-level.
                    if item.as_rule() == Rule::EOI && self.diagnostics.is_empty() {
                        break;
                    }
                    let end = self.offset + item.as_span().end();
                    if let Some(item) = builder.item(item, self.offset) {
                        if !each(item) {
                            break;
                        }
                    }
                    if end == self.offset {
                        break;
                    }
                    self.offset = end;
                }
                Err(error) => {
                    if let Until::Error(_) = until {
                        // Parsed again, and diagnosed, when reading goes on.
                        self.try_several = false;
                        return Ended::Paused;
                    }
                    let error_at = self.offset + error_position(&error);
                    let offset = self.offset;
                    self.diagnostics
                        .push(syntax_error(self.file, text, offset, &error));
                    match resume_point(text, offset, error_at) {
                        Some(next) => self.offset = next,
                        None => break,
                    }
                }
            }
        }
        Ended::Done
    }
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
    /// Where a second thread may start reading: the first line start at
    /// or after the `split_from` asked for, outside brackets, strings and
    /// comments, that begins with an item keyword.
    split: Option<usize>,
}

/// The bytes [`prepass`] acts on.
static PREPASS_BYTES: [bool; 256] = byte_table(b"#\"{[(}])\n");

const fn byte_table(bytes: &[u8]) -> [bool; 256] {
    let mut table = [false; 256];
    let mut k = 0;
    while k < bytes.len() {
        table[bytes[k] as usize] = true;
        k += 1;
    }
    table
}

/// The bytes that end or escape in a string, for [`prepass`].
static STRING_STOPS: [bool; 256] = byte_table(b"\"\\\n\r");

/// Reads strings and comments as the grammar does (a string ends at its
/// closing quote or, unterminated, at the line break; a comment runs to
/// the line break), so a `#` in a string is not a comment, and brackets in
/// either do not count towards nesting.
fn prepass(file: FileId, text: &str, split_from: Option<usize>) -> Prepass {
    prepass_to(file, text, split_from, Scan::Whole)
}

/// How much of a file [`prepass_to`] reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scan {
    Whole,
    /// Up to the split it finds (the whole file if there is none): what
    /// it says then (nesting, comments) is of the text before the split.
    UntilSplit,
}

/// [`prepass`], reading the whole file or only up to its split.
fn prepass_to(file: FileId, text: &str, split_from: Option<usize>, scan: Scan) -> Prepass {
    let bytes = text.as_bytes();
    let line_break = |b: u8| b == b'\n' || b == b'\r';
    let mut comments = Vec::new();
    let mut too_deep = None;
    let mut split = None;
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        // Most bytes mean nothing here: skipped by a table lookup each, where
        // the match below took a chain of comparisons (the pre-pass, on the
        // parse's critical path before the second thread starts, was 4% of
        // `steer check`'s instructions on the kit's zone).
        if !PREPASS_BYTES[usize::from(bytes[i])] {
            i += 1;
            continue;
        }
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
                while i < bytes.len() {
                    let b = bytes[i];
                    if !STRING_STOPS[usize::from(b)] {
                        i += 1;
                        continue;
                    }
                    if b != b'\\' {
                        break;
                    }
                    if bytes.get(i + 1).is_some_and(|&b| !line_break(b)) {
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
            b'\n'
                if depth == 0
                    && split.is_none()
                    && split_from.is_some_and(|from| i + 1 >= from)
                    && brackets::starts_item(text, i + 1) =>
            {
                split = Some(i + 1);
                if scan == Scan::UntilSplit {
                    break;
                }
            }
            _ => {}
        }
        i += 1;
    }
    Prepass {
        comments,
        too_deep,
        split,
    }
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
    // `cidr NAME [`: `cidr` was read as an endpoint's name, so the error
    // is at the collection's name, followed by the wrong bracket.
    let after = text
        .get(at + found.len()..)
        .unwrap_or_default()
        .trim_start();
    let word = !found.is_empty() && found.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if word && before == "cidr" && after.starts_with(['[', '(']) {
        if let Some((brackets, example)) = brackets::policy_form(before) {
            return Some(messages::policy_brackets_hint(before, brackets, example));
        }
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

/// Held while a parse runs with pest's error detail on ([`detailed_attempts`]).
static ERROR_DETAIL: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// The furthest position the parser reached in `input`, and what it would
/// have accepted there (keywords and punctuation as `…`, other tokens by
/// their description).
fn detailed_attempts(input: &str) -> Option<(usize, Vec<String>)> {
    let result = {
        // pest's error detail is one switch for the process, read when a
        // parse starts: without the lock, a detailed parse on another
        // thread (a caller parsing files on several threads, as the tests
        // do) could switch it off between this one's switching it on and
        // starting, and this error would be worded from less detail.
        let _detail = ERROR_DETAIL.lock().unwrap_or_else(|e| e.into_inner());
        pest::set_error_detail(true);
        let result = SteerParser::parse(Rule::next_item, input);
        pest::set_error_detail(false);
        result
    };
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

#[cfg(test)]
mod grammar_matches {
    use super::*;

    /// The benchmark's measure of pest alone accepts what the parser reads
    /// without an error and refuses what it reports one for, wherever the
    /// error falls among the parses of several items.
    #[test]
    fn agrees_with_the_parser() {
        let item = "record www A \"192.0.2.1\"\n";
        let deep = format!(
            "record r A = {}x{}\n",
            "weighted { ".repeat(MAX_NESTING + 1),
            " 1 }".repeat(MAX_NESTING + 1)
        );
        for text in [
            String::new(),
            "# only a comment\n".to_string(),
            format!("zone \"example.com\"\n{item}# the end\n"),
            item.repeat(ITEMS_PER_PARSE * 3 + 1),
            item.repeat(ITEMS_PER_PARSE),
            format!("{item}record\n"),
            format!("{}record www A\n", item.repeat(ITEMS_PER_PARSE)),
            format!("{}record www A\n{item}", item.repeat(ITEMS_PER_PARSE + 3)),
            deep,
        ] {
            let (_, diagnostics) = parse_file(FileId(0), &text);
            assert_eq!(
                super::grammar_matches(&text),
                diagnostics.is_empty(),
                "{text}"
            );
        }
    }
}

#[cfg(test)]
mod two_threads {
    //! Parsing on two threads gives what parsing on one does, at every
    //! place the pre-pass offers as a split, for the bundled files and
    //! broken variants of them.
    use super::*;
    use std::path::{Path, PathBuf};

    /// Every split the pre-pass offers, in order.
    fn splits(text: &str) -> Vec<usize> {
        let mut found = Vec::new();
        while let Some(split) =
            prepass(FileId(0), text, found.last().map(|s| s + 1).or(Some(0))).split
        {
            found.push(split);
        }
        found
    }

    /// Asserts that every split (of those the pre-pass offers, those for
    /// which `tried` holds) gives the sequential result; returns how many
    /// were tried and at how many the second part was kept.
    fn same_both_ways(name: &str, text: &str, tried: impl Fn(usize) -> bool) -> (usize, usize) {
        let (file, diagnostics, _) = parse_split(FileId(0), text, None);
        let sequential = format!("{:?}", (file, diagnostics));
        let splits: Vec<usize> = splits(text).into_iter().filter(|&s| tried(s)).collect();
        let mut kept = 0;
        for &split in &splits {
            let (file, diagnostics, kept_second) = parse_split(FileId(0), text, Some(split));
            assert_eq!(
                format!("{:?}", (file, diagnostics)),
                sequential,
                "{name}, split at byte {split}"
            );
            kept += usize::from(kept_second);
        }
        (splits.len(), kept)
    }

    fn steer_files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                steer_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "steer") {
                out.push(path);
            }
        }
    }

    fn bundled() -> Vec<(String, String)> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut paths = Vec::new();
        for dir in ["tests", "examples", "fuzz/seeds"] {
            steer_files(&root.join(dir), &mut paths);
        }
        paths.sort();
        paths
            .into_iter()
            .map(|path| {
                let (text, _) = decode_utf8(FileId(0), std::fs::read(&path).unwrap());
                (path.display().to_string(), text)
            })
            .collect()
    }

    fn has_syntax_error(text: &str) -> bool {
        let (_, diagnostics) = parse_file_with(FileId(0), text, None);
        diagnostics
            .iter()
            .any(|d| matches!(d.code, "syntax-error" | "nesting-too-deep"))
    }

    #[test]
    fn bundled_files_parse_the_same_at_every_split() {
        let (mut splits, mut kept) = (0, 0);
        for (name, text) in bundled() {
            let (s, k) = same_both_ways(&name, &text, |_| true);
            // Without a syntax error, every split is met exactly.
            if !has_syntax_error(&text) {
                assert_eq!(s, k, "{name}: splits not kept");
            }
            splits += s;
            kept += k;
        }
        assert!(kept > 500, "{kept} of {splits} splits kept");
    }

    /// Reading only the first item's text finds the zone reading the whole
    /// file finds, in every bundled file, cut short at each line of its
    /// start, and after other items.
    #[test]
    fn first_zone_is_the_whole_files_first_zone() {
        let mut found = 0;
        for (name, text) in bundled() {
            let mut variants = vec![
                text.clone(),
                format!("record a A \"192.0.2.1\"\n{text}"),
                format!("# a comment\n\n{text}"),
            ];
            let starts = text.match_indices('\n').map(|(i, _)| i + 1).take(12);
            variants.extend(starts.map(|end| text[..end].to_string()));
            for variant in variants {
                // Nesting too deep after the zone: the next test.
                if prepass(FileId(0), &variant, None).too_deep.is_some() {
                    continue;
                }
                let zone = first_zone(FileId(0), &variant);
                found += usize::from(zone.is_some());
                assert_eq!(
                    format!("{zone:?}"),
                    format!("{:?}", read_zone(FileId(0), &variant)),
                    "{name}: {variant}"
                );
            }
        }
        assert!(found > 100, "{found} zones found");
    }

    /// Brackets nested too deeply in the zone's text hide it; after it,
    /// only the full parse reports them.
    #[test]
    fn first_zone_minds_nesting_only_up_to_the_zone() {
        let deep = format!(
            "record r A = {}x{}\n",
            "weighted { ".repeat(MAX_NESTING + 1),
            " 1 }".repeat(MAX_NESTING + 1)
        );
        let zone = "zone \"example.com\" { ttl 60s }\n";
        let name = |text: &str| first_zone(FileId(0), text).map(|z| z.name.value);
        assert_eq!(
            name(&format!("{zone}{deep}")).as_deref(),
            Some("example.com")
        );
        assert_eq!(name(&format!("{deep}{zone}")), None);
        let deep_zone = format!(
            "zone \"example.com\" {{ tags {} }}\n",
            "{".repeat(MAX_NESTING + 1)
        );
        assert_eq!(name(&deep_zone), None);
    }

    /// A text of many items of every kind: the examples one after another.
    fn many_items() -> String {
        bundled()
            .into_iter()
            .filter(|(name, _)| name.contains("/examples/"))
            .map(|(_, text)| text)
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn broken_files_parse_the_same_at_every_split() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let base = ["myshop", "checks", "pools"]
            .map(|name| {
                std::fs::read_to_string(root.join(format!("examples/{name}.steer"))).unwrap()
            })
            .join("\n")
            // After a syntax error, the end is a node comments attach to.
            + "\n# the end\n";
        let splits = splits(&base);
        assert!(splits.len() > 10);
        let breakages = [
            "zone \"open.example\" {\n",
            "record txt TXT \"unterminated\n",
            "record ! A 192.0.2.1\n",
            "endpoint e { address 192.0.2.1 \n",
            "# a comment where the split is\n",
            "   # an indented comment\n\n",
            "record a A [192.0.2.1\n",
            "}\n",
            "pool p = weighted {\n",
            "check c { probe https \"x\" \"/\" }}\n",
            "record s TXT \"\\q\"\n",
        ];
        // Before a split, just after it (inside the item there), at the
        // end of its line and at the end of the file; for splits at the
        // start, middle and end. Tried: the splits around the breakage,
        // and the first and last.
        for at in [
            splits[1],
            splits[splits.len() / 2],
            splits[splits.len() - 2],
        ] {
            let line_end = at + base[at..].find('\n').unwrap() + 1;
            for place in [at, at - 1, at + 3, line_end, base.len()] {
                for broken in breakages {
                    let mut text = base.clone();
                    text.insert_str(place, broken);
                    let near = |split: usize| split + 400 > place && split < place + 400;
                    let tried = |split| {
                        near(split) || split == splits[0] || split >= splits[splits.len() - 1]
                    };
                    same_both_ways(&format!("{broken:?} at {place}"), &text, tried);
                }
            }
        }
        // Line breaks of every kind, and a file cut short.
        same_both_ways("CRLF", &base.replace('\n', "\r\n"), |_| true);
        same_both_ways("cut", &base[..base.len() * 2 / 3], |_| true);
    }

    #[test]
    fn the_second_thread_reads_the_deepest_nesting_allowed() {
        let depth = MAX_NESTING - 1;
        let deep = format!(
            "record www A = {}e 1{}\n",
            "weighted { ".repeat(depth),
            " } 1".repeat(depth - 1) + " }"
        );
        let text = format!("zone \"a.com\" {{ ttl 60 }}\n{deep}{deep}");
        assert_eq!(same_both_ways("deep", &text, |_| true), (2, 2));
    }

    #[test]
    fn large_files_split_near_the_middle() {
        let base = many_items();
        let text = base.repeat(PARALLEL_MIN_BYTES / base.len() + 1);
        let split = prepass(FileId(0), &text, Some(text.len() / 2))
            .split
            .unwrap();
        assert!(split >= text.len() / 2 && split < text.len() / 2 + 4096);
        let (file, diagnostics, kept) = parse_split(FileId(0), &text, Some(text.len() / 2));
        assert!(kept);
        assert_eq!(
            format!("{:?}", parse_file_with(FileId(0), &text, None)),
            format!("{:?}", (file, diagnostics))
        );
    }
}

#[cfg(test)]
mod error_detail {
    use super::*;

    /// pest's error detail is one switch for the process: syntax errors
    /// diagnosed on several threads at once (by a caller parsing files on
    /// threads, as the tests do) are worded as when each is diagnosed
    /// alone.
    #[test]
    fn errors_diagnosed_on_several_threads_at_once_are_worded_as_alone() {
        let texts = [
            "zone \"example.com\" { t<l 60s }\nrecord @ A \"192.0.2.1\"\n",
            "region ireland {{ aws \"eu-west-1\" }\n",
            "record www A = failover { primary a secondary }\n",
            "check c { https \"example.com\" every }\n",
        ];
        let alone: Vec<Vec<String>> = texts.iter().map(|t| worded(t)).collect();
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| {
                    for _ in 0..1000 {
                        for (text, alone) in texts.iter().zip(&alone) {
                            assert_eq!(&worded(text), alone, "{text}");
                        }
                    }
                });
            }
        });
    }

    fn worded(text: &str) -> Vec<String> {
        let (_, diagnostics) = parse_file(FileId(0), text);
        assert!(!diagnostics.is_empty(), "{text}");
        diagnostics.into_iter().map(|d| d.message).collect()
    }
}
