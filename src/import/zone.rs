//! `steer import zone FILE --origin NAME`: a BIND master file (RFC 1035
//! §5) → plain records.
//!
//! Read: `$ORIGIN`, `$TTL` (RFC 2308), relative names and `@`, a blank
//! owner (the previous record's name), an omitted TTL (`$TTL`, else the
//! previous record's) and class, TTL and class in either order,
//! parentheses over several lines, `;` comments, quoted strings with
//! `\X` and `\DDD` escapes, TXT records of several character-strings.
//! The apex SOA becomes the zone's `soa` block and the apex NS set its
//! `nameservers`; the types steer writes (A, AAAA, CNAME, MX, TXT, SRV,
//! CAA, NS, PTR) become `record` items, their data checked by steer's own
//! presentation-form reader (`check::records::rdata`). Everything else
//! (other types and classes, `$INCLUDE`, `$GENERATE`, names outside the
//! zone, repeated values) is reported in the summary with its place and
//! left out.

use super::messages;
use super::writer::{self, Block, Document, Section};
use super::{ImportError, Imported, Skip};
use crate::check::ir::RecordType;
use crate::check::records::rdata;
use crate::diagnostic::Diagnostics;
use crate::source::{FileId, SourceMap, Span};
use std::collections::{HashMap, HashSet};

/// The largest TTL (RFC 2181 §8: 2^31 - 1 seconds).
const MAX_TTL: u64 = 2_147_483_647;

/// Imports `file` (already in `sources`) as the zone `origin`.
pub fn import(sources: &SourceMap, file: FileId, origin: &str) -> Result<Imported, ImportError> {
    let zone = crate::dns_name::to_ascii(origin)
        .map_err(|e| ImportError::new(messages::invalid_origin(origin, &e.to_string())))?;
    let text = &sources.get(file).text;
    let entries = lex(text, file)?;
    let mut reader = Reader {
        sources,
        zone: zone.clone(),
        origin: zone,
        default_ttl: None,
        first_default_ttl: None,
        last_ttl: None,
        last_owner: None,
        rrsets: Vec::new(),
        index: HashMap::new(),
        soa: None,
        apex_ns: Vec::new(),
        apex_ns_ttl: None,
        skipped: Vec::new(),
    };
    for entry in &entries {
        reader.entry(text, entry)?;
    }
    reader.finish(&sources.get(file).name)
}

// ------------------------------------------------------------------ lexing

/// One token: its text as written (for a quoted string, between the
/// quotes), and where.
#[derive(Debug, Clone)]
struct Token {
    start: usize,
    end: usize,
    quoted: bool,
    span: Span,
}

impl Token {
    fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// One logical line: a directive or a record, its parentheses joined.
#[derive(Debug)]
struct Entry {
    /// The line starts with a space or tab: the previous owner repeats.
    blank_owner: bool,
    tokens: Vec<Token>,
}

fn lex(text: &str, file: FileId) -> Result<Vec<Entry>, ImportError> {
    let bytes = text.as_bytes();
    let mut entries = Vec::new();
    let mut current: Option<Entry> = None;
    let mut open: Option<usize> = None;
    let mut at_line_start = true;
    let mut i = 0;
    while i < bytes.len() {
        if at_line_start && open.is_none() {
            if let Some(e) = current.take() {
                if !e.tokens.is_empty() {
                    entries.push(e);
                }
            }
            current = Some(Entry {
                blank_owner: matches!(bytes[i], b' ' | b'\t'),
                tokens: Vec::new(),
            });
        }
        at_line_start = false;
        match bytes[i] {
            b'\n' => {
                at_line_start = true;
                i += 1;
            }
            b' ' | b'\t' | b'\r' => i += 1,
            b';' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'(' => {
                if open.is_none() {
                    open = Some(i);
                }
                i += 1;
            }
            b')' => {
                if open.take().is_none() {
                    return Err(messages::unopened_parenthesis(Span::new(file, i, i + 1)).into());
                }
                i += 1;
            }
            b'"' => {
                let start = i + 1;
                let mut j = start;
                loop {
                    match bytes.get(j) {
                        None | Some(b'\n') => {
                            return Err(messages::unclosed_quote(Span::new(file, i, i + 1)).into())
                        }
                        Some(b'\\') => j += 2,
                        Some(b'"') => break,
                        Some(_) => j += 1,
                    }
                }
                // `\` followed by a newline ran past it: reported above,
                // since `j` then points beyond the line.
                let end = j.min(bytes.len());
                push(
                    &mut current,
                    Token {
                        start,
                        end,
                        quoted: true,
                        span: Span::new(file, i, end + 1),
                    },
                );
                i = end + 1;
            }
            _ => {
                let start = i;
                while i < bytes.len()
                    && !matches!(
                        bytes[i],
                        b' ' | b'\t' | b'\r' | b'\n' | b';' | b'(' | b')' | b'"'
                    )
                {
                    if bytes[i] == b'\\' && i + 1 < bytes.len() && bytes[i + 1] != b'\n' {
                        i += 1;
                    }
                    i += 1;
                }
                // Tokens end on ASCII bytes, so `i` is a char boundary;
                // an escaped multi-byte character is walked to its end.
                while !text.is_char_boundary(i) {
                    i += 1;
                }
                push(
                    &mut current,
                    Token {
                        start,
                        end: i,
                        quoted: false,
                        span: Span::new(file, start, i),
                    },
                );
            }
        }
    }
    if let Some(at) = open {
        return Err(messages::unclosed_parenthesis(Span::new(file, at, at + 1)).into());
    }
    if let Some(e) = current {
        if !e.tokens.is_empty() {
            entries.push(e);
        }
    }
    Ok(entries)
}

fn push(current: &mut Option<Entry>, token: Token) {
    if let Some(e) = current {
        e.tokens.push(token);
    }
}

/// A token's bytes with `\X` and `\DDD` decoded (RFC 1035 §5.1).
fn decode(raw: &str, span: Span) -> Result<Vec<u8>, ImportError> {
    let b = raw.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'\\' {
            out.push(b[i]);
            i += 1;
            continue;
        }
        let digits = b
            .get(i + 1..i + 4)
            .filter(|d| d.iter().all(u8::is_ascii_digit));
        if let Some(d) = digits {
            let value = d.iter().fold(0u32, |v, x| v * 10 + u32::from(x - b'0'));
            let at = span.start as usize + i;
            let value = u8::try_from(value)
                .map_err(|_| messages::bad_escape(Span::new(span.file, at, at + 4)))?;
            out.push(value);
            i += 4;
        } else if b.get(i + 1).is_some_and(u8::is_ascii_digit) {
            let at = span.start as usize + i;
            return Err(messages::bad_escape(Span::new(span.file, at, at + 2)).into());
        } else if let Some(&c) = b.get(i + 1) {
            out.push(c);
            i += 2;
        } else {
            // A lone `\` at the end of a token stands for itself.
            out.push(b'\\');
            i += 1;
        }
    }
    Ok(out)
}

// ----------------------------------------------------------------- reading

/// The record sets read so far, in the order their names and types first
/// appear.
struct RrSet {
    owner: String,
    record_type: RecordType,
    ttl: u64,
    /// Each value as steer writes it.
    values: Vec<String>,
    /// The `Debug` form of each value's parsed data: a repeat has the
    /// same key.
    keys: HashSet<String>,
    /// TXT values that were several character-strings joined into one.
    joined: bool,
}

struct Soa {
    mname: String,
    email: Option<String>,
    serial: u64,
    timers: [u64; 4],
    ttl: u64,
}

struct Reader<'a> {
    sources: &'a SourceMap,
    /// The zone (`--origin`), ASCII.
    zone: String,
    /// The current `$ORIGIN`.
    origin: String,
    default_ttl: Option<u64>,
    first_default_ttl: Option<u64>,
    last_ttl: Option<u64>,
    last_owner: Option<String>,
    rrsets: Vec<RrSet>,
    index: HashMap<(String, RecordType), usize>,
    soa: Option<Soa>,
    apex_ns: Vec<String>,
    apex_ns_ttl: Option<u64>,
    skipped: Vec<Skip>,
}

impl Reader<'_> {
    fn skip(&mut self, span: Span, what: String, reason: String) {
        self.skipped
            .push(Skip::at(self.sources, span, what, reason));
    }

    fn entry(&mut self, text: &str, entry: &Entry) -> Result<(), ImportError> {
        let first = &entry.tokens[0];
        let word = first.text(text);
        if !entry.blank_owner && !first.quoted && word.starts_with('$') {
            return self.directive(text, entry);
        }
        self.record(text, entry)
    }

    fn directive(&mut self, text: &str, entry: &Entry) -> Result<(), ImportError> {
        let first = &entry.tokens[0];
        let word = first.text(text).to_ascii_uppercase();
        let line = entry_span(entry);
        match word.as_str() {
            "$ORIGIN" => {
                let Some(name) = entry.tokens.get(1) else {
                    return Err(messages::zone_syntax(line, "`$ORIGIN` needs a name").into());
                };
                self.origin = self.name(text, name)?;
            }
            "$TTL" => {
                let Some(ttl) = entry.tokens.get(1) else {
                    return Err(messages::zone_syntax(line, "`$TTL` needs a TTL").into());
                };
                let ttl = parse_ttl(ttl.text(text))
                    .ok_or_else(|| messages::invalid_ttl(ttl.span, ttl.text(text)))?;
                self.default_ttl = Some(ttl);
                self.first_default_ttl.get_or_insert(ttl);
            }
            "$INCLUDE" => self.skip(line, "`$INCLUDE`".into(), messages::include_skipped()),
            "$GENERATE" => self.skip(line, "`$GENERATE`".into(), messages::generate_skipped()),
            _ => {
                return Err(
                    messages::zone_syntax(first.span, messages::zone_unknown_directive()).into(),
                )
            }
        }
        Ok(())
    }

    /// A name as written, made absolute with the current origin: ASCII,
    /// lower case, without the final dot.
    fn name(&self, text: &str, token: &Token) -> Result<String, ImportError> {
        let written = token.text(text);
        if written.contains('\\') {
            return Err(
                messages::invalid_name(token.span, written, messages::zone_escaped_name()).into(),
            );
        }
        let qualified = if written == "@" {
            Ok(self.origin.clone())
        } else if written.ends_with('.') {
            crate::dns_name::to_ascii(written)
        } else {
            crate::dns_name::qualify(written, &self.origin)
        };
        qualified.map_err(|e| messages::invalid_name(token.span, written, &e.to_string()).into())
    }

    fn record(&mut self, text: &str, entry: &Entry) -> Result<(), ImportError> {
        let tokens = &entry.tokens;
        let line = entry_span(entry);
        let mut i = 0;
        let owner = if entry.blank_owner {
            match &self.last_owner {
                Some(o) => o.clone(),
                None => return Err(messages::no_owner(tokens[0].span).into()),
            }
        } else {
            i = 1;
            self.name(text, &tokens[0])?
        };
        self.last_owner = Some(owner.clone());
        let mut ttl = None;
        let mut class = None;
        while let Some(t) = tokens.get(i).filter(|t| !t.quoted) {
            let word = t.text(text);
            if ttl.is_none() && word.starts_with(|c: char| c.is_ascii_digit()) {
                ttl = Some(parse_ttl(word).ok_or_else(|| messages::invalid_ttl(t.span, word))?);
            } else if class.is_none() && is_class(word) {
                class = Some(word.to_ascii_uppercase());
            } else {
                break;
            }
            i += 1;
        }
        let Some(type_token) = tokens.get(i) else {
            return Err(messages::zone_syntax(line, "a record type is missing").into());
        };
        let type_word = type_token.text(text).to_ascii_uppercase();
        let data = &tokens[i + 1..];
        let ttl = match ttl.or(self.default_ttl).or(self.last_ttl) {
            Some(t) => t,
            None => return Err(messages::no_ttl(line).into()),
        };
        self.last_ttl = Some(ttl);
        let display = crate::dns_name::to_display(&owner);
        if let Some(class) = class.filter(|c| c != "IN") {
            let what = messages::skipped_record(&type_word, &display);
            self.skip(line, what, messages::class_not_in(&class));
            return Ok(());
        }
        if !crate::dns_name::is_subdomain_of(&owner, &self.zone) {
            let what = messages::skipped_record(&type_word, &display);
            self.skip(line, what, messages::outside_zone(&self.zone));
            return Ok(());
        }
        if data.is_empty() {
            return Err(
                messages::zone_syntax(line, "the record has no data after its type").into(),
            );
        }
        let apex = owner == self.zone;
        match type_word.as_str() {
            "SOA" if apex => return self.soa(text, data, ttl, line),
            "SOA" => {
                let what = messages::skipped_record("SOA", &display);
                self.skip(line, what, messages::soa_elsewhere());
                return Ok(());
            }
            "NS" if apex => {
                let target = self.target(text, data, RecordType::Ns, line)?;
                self.apex_ns_ttl.get_or_insert(ttl);
                if !self.apex_ns.contains(&target) {
                    self.apex_ns.push(target);
                }
                return Ok(());
            }
            _ => {}
        }
        let Some(record_type) = RecordType::parse(&type_word) else {
            let what = messages::skipped_record(&type_word, &display);
            self.skip(line, what, messages::unsupported_type(&type_word));
            return Ok(());
        };
        let mut joined = false;
        let value = match record_type {
            // Written in the canonical form (`2001:db8::11`); one that is
            // not an address is reported by `rdata::parse` below.
            RecordType::A | RecordType::Aaaa => {
                let written = self.single(text, data, line)?;
                written
                    .parse::<std::net::IpAddr>()
                    .map_or_else(|_| written.to_string(), |a| a.to_string())
            }
            RecordType::Cname | RecordType::Ns | RecordType::Ptr => {
                self.target(text, data, record_type, line)?
            }
            RecordType::Mx => {
                let [preference, exchange] =
                    self.fields::<2>(text, data, line, "MX data is PREFERENCE EXCHANGE")?;
                format!(
                    "{} {}",
                    preference.text(text),
                    self.rdata_name(text, exchange)?
                )
            }
            RecordType::Srv => {
                let [priority, weight, port, target] =
                    self.fields::<4>(text, data, line, "SRV data is PRIORITY WEIGHT PORT TARGET")?;
                format!(
                    "{} {} {} {}",
                    priority.text(text),
                    weight.text(text),
                    port.text(text),
                    self.rdata_name(text, target)?
                )
            }
            RecordType::Caa => {
                let [flags, tag, value] =
                    self.fields::<3>(text, data, line, "CAA data is FLAGS TAG VALUE")?;
                format!(
                    "{} {} \"{}\"",
                    flags.text(text),
                    tag.text(text),
                    value.text(text)
                )
            }
            RecordType::Txt => {
                let mut bytes = Vec::new();
                for (n, piece) in data.iter().enumerate() {
                    let inner = Span::new(piece.span.file, piece.start, piece.end);
                    let decoded = decode(piece.text(text), inner)?;
                    // A join is visible to readers of the record only when
                    // a piece before the last is not a full 255 bytes.
                    if n + 1 < data.len() && decoded.len() != 255 {
                        joined = true;
                    }
                    bytes.extend(decoded);
                }
                match String::from_utf8(bytes) {
                    Ok(s) => s,
                    Err(_) => {
                        let what = messages::skipped_record("TXT", &display);
                        self.skip(line, what, messages::txt_not_utf8());
                        return Ok(());
                    }
                }
            }
        };
        let data_span = data[0].span.to(data[data.len() - 1].span);
        let mut diagnostics = Diagnostics::new();
        let Some(parsed) =
            rdata::parse(record_type, &value, &self.zone, data_span, &mut diagnostics)
        else {
            let problem = diagnostics
                .first()
                .map_or(String::new(), |d| d.message.clone());
            return Err(
                messages::invalid_record_data(data_span, record_type.as_str(), &problem).into(),
            );
        };
        let key = format!("{parsed:?}");
        let at = *self
            .index
            .entry((owner.clone(), record_type))
            .or_insert_with(|| {
                self.rrsets.push(RrSet {
                    owner: owner.clone(),
                    record_type,
                    ttl,
                    values: Vec::new(),
                    keys: HashSet::new(),
                    joined: false,
                });
                self.rrsets.len() - 1
            });
        let set = &mut self.rrsets[at];
        set.joined |= joined;
        if !set.keys.insert(key) {
            let what = messages::skipped_record(record_type.as_str(), &display);
            self.skip(line, what, messages::repeated_value());
            return Ok(());
        }
        let written = match record_type {
            RecordType::A | RecordType::Aaaa => value,
            _ => writer::string(&value),
        };
        set.values.push(written);
        Ok(())
    }

    fn single<'t>(
        &self,
        text: &'t str,
        data: &[Token],
        line: Span,
    ) -> Result<&'t str, ImportError> {
        let [one] = self.fields::<1>(text, data, line, "one value")?;
        Ok(one.text(text))
    }

    fn fields<'t, const N: usize>(
        &self,
        _text: &str,
        data: &'t [Token],
        line: Span,
        shape: &str,
    ) -> Result<[&'t Token; N], ImportError> {
        let refs: Vec<&Token> = data.iter().collect();
        <[&Token; N]>::try_from(refs).map_err(|_| {
            messages::zone_syntax(line, &messages::fields_expected(shape, N, data.len())).into()
        })
    }

    /// A name inside record data: absolute (steer's form), `.` kept.
    fn rdata_name(&self, text: &str, token: &Token) -> Result<String, ImportError> {
        if token.text(text) == "." {
            return Ok(".".to_string());
        }
        self.name(text, token)
    }

    fn target(
        &self,
        text: &str,
        data: &[Token],
        record_type: RecordType,
        line: Span,
    ) -> Result<String, ImportError> {
        let [one] = self.fields::<1>(text, data, line, record_type.as_str())?;
        self.rdata_name(text, one)
    }

    fn soa(&mut self, text: &str, data: &[Token], ttl: u64, line: Span) -> Result<(), ImportError> {
        let [mname, rname, serial, refresh, retry, expire, minimum] = self.fields::<7>(
            text,
            data,
            line,
            "SOA data is MNAME RNAME SERIAL REFRESH RETRY EXPIRE MINIMUM",
        )?;
        if self.soa.is_some() {
            self.skip(line, "second SOA record".into(), messages::second_soa());
            return Ok(());
        }
        let mname = self.rdata_name(text, mname)?;
        let email = self.email(text, rname)?;
        let serial_text = serial.text(text);
        let serial = serial_text
            .parse::<u64>()
            .ok()
            .filter(|s| *s <= u64::from(u32::MAX))
            .ok_or_else(|| {
                messages::invalid_number(serial.span, "the SOA serial", "from 0 to 4294967295")
            })?;
        let mut timers = [0; 4];
        for (slot, token) in timers.iter_mut().zip([refresh, retry, expire, minimum]) {
            *slot = parse_ttl(token.text(text))
                .ok_or_else(|| messages::invalid_ttl(token.span, token.text(text)))?;
        }
        self.soa = Some(Soa {
            mname,
            email,
            serial,
            timers,
            ttl,
        });
        Ok(())
    }

    /// The SOA RNAME as a mailbox (RFC 1035 §8): its first label is the
    /// local part, in which `\.` is a dot; the rest is the domain.
    fn email(&self, text: &str, token: &Token) -> Result<Option<String>, ImportError> {
        let written = token.text(text);
        if !written.contains('\\') {
            let full = self.name(text, token)?;
            return Ok(full.split_once('.').map(|(l, d)| format!("{l}@{d}")));
        }
        let bytes = written.as_bytes();
        let mut i = 0;
        while i < bytes.len() && bytes[i] != b'.' {
            i += if bytes[i] == b'\\' { 2 } else { 1 };
        }
        let i = i.min(bytes.len());
        let local = String::from_utf8_lossy(&decode(&written[..i], token.span)?).into_owned();
        let domain = if i + 1 >= bytes.len() {
            // `first\.last` (relative, one label): the origin's mailbox.
            if i == bytes.len() {
                self.origin.clone()
            } else {
                return Ok(None);
            }
        } else {
            let rest = Token {
                start: token.start + i + 1,
                end: token.end,
                quoted: false,
                span: Span::new(token.span.file, token.start + i + 1, token.end),
            };
            self.name(text, &rest)?
        };
        Ok(Some(format!("{local}@{domain}")))
    }

    fn finish(mut self, file: &str) -> Result<Imported, ImportError> {
        let zone_ttl = self.first_default_ttl.unwrap_or_else(|| {
            writer::most_common_ttl(self.rrsets.iter().map(|s| s.ttl)).unwrap_or(3_600)
        });
        let mut doc = Document::new();
        doc.header(messages::imported_from_zone_file(file));
        let mut zone = Block::new(
            "zone",
            &writer::string(&crate::dns_name::to_display(&self.zone)),
        )
        .set(format!("ttl {}", writer::duration(zone_ttl)));
        let mut decided = Vec::new();
        if let Some(ttl) = self.apex_ns_ttl.filter(|t| *t != zone_ttl) {
            decided.push(messages::apex_ns_ttl(ttl, zone_ttl));
        }
        if let Some(soa) = &self.soa {
            // steer writes the SOA's MNAME as the first name server.
            if let Some(at) = self.apex_ns.iter().position(|n| *n == soa.mname) {
                let first = self.apex_ns.remove(at);
                self.apex_ns.insert(0, first);
            } else if soa.mname != "." {
                decided.push(messages::mname_not_kept(&soa.mname));
            }
            if soa.ttl != zone_ttl {
                decided.push(messages::apex_soa_ttl(soa.ttl));
            }
        }
        if !self.apex_ns.is_empty() {
            zone = zone.set(format!(
                "nameservers {}",
                writer::list(self.apex_ns.iter().map(|n| writer::string(n)))
            ));
        }
        if let Some(soa) = &self.soa {
            let [refresh, retry, expire, minimum] = soa.timers.map(writer::duration);
            let mut block = Block::bare("soa");
            if let Some(email) = &soa.email {
                block = block.set_str("email", email);
            }
            let soa_text = block
                .set(format!("serial {}", soa.serial))
                .set(format!("refresh {refresh}"))
                .set(format!("retry {retry}"))
                .set(format!("expire {expire}"))
                .set(format!("minimum {minimum}"))
                .text();
            zone = zone.set(soa_text);
        }
        let comment = (!decided.is_empty()).then(|| decided.join("\n"));
        doc.push_commented(Section::Zone, comment.as_deref(), zone.text());
        for set in &self.rrsets {
            let name = writer::record_name(&set.owner, &self.zone);
            let values = &set.values;
            let ttl = (set.ttl != zone_ttl).then_some(set.ttl);
            let comment = set.joined.then(messages::txt_joined);
            doc.push_commented(
                Section::Records,
                comment.as_deref(),
                writer::plain_record(&name, set.record_type.as_str(), values, ttl),
            );
        }
        let (text, mut summary) = doc.render()?;
        summary.skipped = self.skipped;
        Ok(Imported { text, summary })
    }
}

/// The span from an entry's first token to its last.
fn entry_span(entry: &Entry) -> Span {
    let first = entry.tokens[0].span;
    let last = entry.tokens[entry.tokens.len() - 1].span;
    first.to(last)
}

fn is_class(word: &str) -> bool {
    let w = word.to_ascii_uppercase();
    matches!(w.as_str(), "IN" | "CH" | "CS" | "HS" | "ANY")
        || w.strip_prefix("CLASS")
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Seconds, or BIND's units (`1h`, `1w2d`, case-insensitive); at most
/// 2^31 - 1.
pub fn parse_ttl(word: &str) -> Option<u64> {
    if !word.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let mut total: u64 = 0;
    let mut number: Option<u64> = None;
    for c in word.chars() {
        if let Some(d) = c.to_digit(10) {
            number = Some(
                number
                    .unwrap_or(0)
                    .checked_mul(10)?
                    .checked_add(u64::from(d))?,
            );
            continue;
        }
        let unit = match c.to_ascii_lowercase() {
            'w' => 604_800,
            'd' => 86_400,
            'h' => 3_600,
            'm' => 60,
            's' => 1,
            _ => return None,
        };
        total = total.checked_add(number.take()?.checked_mul(unit)?)?;
    }
    if let Some(n) = number {
        total = total.checked_add(n)?;
    }
    (total <= MAX_TTL).then_some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn import_text(text: &str, origin: &str) -> Result<Imported, String> {
        let mut sources = SourceMap::new();
        let file = sources.add("db.test", text);
        import(&sources, file, origin).map_err(|e| e.plain(&sources))
    }

    #[test]
    fn ttls_in_seconds_and_bind_units() {
        assert_eq!(parse_ttl("3600"), Some(3600));
        assert_eq!(parse_ttl("1h"), Some(3600));
        assert_eq!(parse_ttl("1w2d"), Some(777_600));
        assert_eq!(parse_ttl("1H30M"), Some(5400));
        assert_eq!(parse_ttl("2147483648"), None);
        assert_eq!(parse_ttl("99999999999999999999999"), None);
        assert_eq!(parse_ttl("h"), None);
        assert_eq!(parse_ttl("1x"), None);
    }

    #[test]
    fn decodes_escapes() {
        let span = Span::default();
        assert_eq!(decode(r"a\;b\065\\", span).unwrap(), b"a;bA\\");
        assert!(decode(r"\256", span).is_err());
        assert!(decode(r"\25", span).is_err());
    }

    #[test]
    fn relative_names_omitted_fields_and_parentheses() {
        let text = "$ORIGIN example.com.\n$TTL 1h\n@ IN SOA ns1 hostmaster (\n  7 ; serial\n  2h 15m 14d 1d )\n  NS ns1\n  NS ns2.example.net.\nwww 300 IN A 192.0.2.1\n    IN 300 A 192.0.2.2\nmail MX 10 mx1\n$ORIGIN sub.example.com.\nx TXT \"a b\" \"c\"\n";
        let imported = import_text(text, "example.com").unwrap();
        let escaped = import_text(
            "$TTL 1h\n@ SOA ns1 first\\.last.mail.example.net. 1 2 3 4 5\n",
            "example.com",
        )
        .unwrap();
        assert!(
            escaped
                .text
                .contains("email \"first.last@mail.example.net\""),
            "{}",
            escaped.text
        );
        assert!(
            imported
                .text
                .contains("nameservers [\"ns1.example.com\", \"ns2.example.net\"]"),
            "{}",
            imported.text
        );
        assert!(
            imported
                .text
                .contains("record www A [192.0.2.1, 192.0.2.2] ttl 5m"),
            "{}",
            imported.text
        );
        assert!(
            imported
                .text
                .contains("record mail MX \"10 mx1.example.com\""),
            "{}",
            imported.text
        );
        assert!(
            imported.text.contains("record x.sub TXT \"a bc\""),
            "{}",
            imported.text
        );
        assert!(
            imported.text.contains("email \"hostmaster@example.com\""),
            "{}",
            imported.text
        );
    }

    #[test]
    fn malformed_input_is_an_error_with_its_place_never_a_panic() {
        for (text, expected) in [
            (
                "www A 192.0.2.1\n",
                "db.test:1:1: error[steer::import-invalid-value]: this record has no TTL",
            ),
            (
                "$TTL 1h\nwww A (192.0.2.1\n",
                "db.test:2:7: error[steer::import-malformed]: this `(` is never closed",
            ),
            (
                "$TTL 1h\nwww TXT \"abc\n",
                "db.test:2:9: error[steer::import-malformed]: this quoted string",
            ),
            (
                "$TTL 1h\nwww A 192.0.2.300\n",
                "db.test:2:7: error[steer::import-invalid-value]: invalid A data",
            ),
            (
                "$TTL 1h\n  A 192.0.2.1\n",
                "db.test:2:3: error[steer::import-invalid-value]: the first record has no owner",
            ),
            (
                "$TTL 1h\nwww TXT \"\\300\"\n",
                "db.test:2:10: error[steer::import-malformed]: `\\DDD`",
            ),
            ("$FOO x\n", "db.test:1:1: error[steer::import-malformed]"),
            (
                "$TTL 1h\nwww MX 10\n",
                "db.test:2:1: error[steer::import-malformed]",
            ),
            (
                "$TTL 1h\n)\n",
                "db.test:2:1: error[steer::import-malformed]: `)` without",
            ),
            (
                "$TTL 1h\na..b A 192.0.2.1\n",
                "db.test:2:1: error[steer::import-invalid-value]: `a..b` is not a domain name",
            ),
        ] {
            let got = import_text(text, "example.com").expect_err(text);
            assert!(got.starts_with(expected), "{text:?}\n{got}");
        }
    }
}
