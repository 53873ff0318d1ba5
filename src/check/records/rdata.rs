//! Record data in presentation form: the text of one value of each type,
//! as in Route 53's console and in zone files, parsed into [`ir::RData`].
//!
//! The API is small so that other readers of presentation form (an
//! importer of zone files) can share it: [`parse`] reads one value of a
//! type, relative to an origin (the zone name, used in hints), and reports
//! a problem at the place the caller gives; [`lower_plain_values`] reads
//! all of a record's values and also rejects repeated values and a
//! misplaced null MX.

use crate::check::inputs::{self, Use};
use crate::check::ir;
use crate::check::messages::{self, NotAnAddress};
use crate::check::Symbols;
use crate::diagnostic::{did_you_mean, Diagnostic, Diagnostics};
use crate::dns_name;
use crate::source::Span;
use crate::syntax::ast;
use std::net::IpAddr;
use std::str::FromStr;

/// Route 53's limit on one `ResourceRecord` `Value`, in characters.
const ROUTE53_MAX_VALUE_CHARS: usize = 4000;

/// A DNS character-string holds at most 255 octets (RFC 1035 §3.3); longer
/// TXT values are split into pieces of this size by the backends.
const TXT_CHUNK_BYTES: usize = 255;

/// CAA property tags Route 53 documents (RFC 8659). Other tags made of
/// letters and digits are accepted too: Route 53 documents custom tags, and
/// newer RFCs add some (`issuemail`, RFC 9495).
const CAA_KNOWN_TAGS: [&str; 3] = ["issue", "issuewild", "iodef"];

/// The values of a plain record as written: literals, and inputs in A,
/// AAAA and CNAME data (an Elastic IP, a host name of the stack). A bound
/// input's value is parsed like a literal written there (with a hint
/// naming the input) and then checked with the literals
/// ([`lower_plain_values`]: repeats); an unbound one is kept as the input.
pub(crate) fn lower_plain_record(
    record_type: ir::RecordType,
    values: &[ast::ValueDef],
    symbols: &Symbols,
    origin: &str,
    diagnostics: &mut Diagnostics,
) -> Option<Box<[ir::RData]>> {
    use ir::RecordType::{Aaaa, Cname, A};
    let mark = diagnostics.mark();
    // Literals and bound values, with the input each came from.
    let mut known: Vec<(ast::Str, Option<&str>)> = Vec::with_capacity(values.len());
    let mut unbound: Vec<(&str, Span)> = Vec::new();
    for v in values {
        if let (ast::ValueDef::Input(i), false) = (v, matches!(record_type, A | Aaaa | Cname)) {
            diagnostics.push(messages::input_in_record_data(record_type, i.span));
            continue;
        }
        match symbols.value(v, diagnostics) {
            None => {}
            Some(Use::Known(s, None)) => known.push((s, None)),
            Some(Use::Known(s, Some(input))) => {
                // Only a value that parses joins the literals, so that its
                // problem is reported once, with the hint.
                let parsed = inputs::validate(&s, Some(input), diagnostics, |s, d| {
                    parse(record_type, &s.value, origin, s.span, d)
                });
                if parsed.is_some() {
                    known.push((s, Some(input)));
                }
            }
            Some(Use::Unbound(input)) => {
                if let Some((_, first)) = unbound.iter().find(|(name, _)| *name == input) {
                    let again = format!("input.{input}");
                    diagnostics.push(messages::repeated_record_value(
                        record_type,
                        &again,
                        &again,
                        v.span(),
                        *first,
                    ));
                } else {
                    unbound.push((input, v.span()));
                }
            }
        }
    }
    if record_type == Cname && values.len() > 1 && known.len() < 2 {
        diagnostics.push(messages::several_cname_targets(
            values.len(),
            values[1].span(),
            values[0].span(),
        ));
    }
    let literals: Vec<ast::Str> = known.iter().map(|(s, _)| s.clone()).collect();
    let parsed = if literals.is_empty() {
        Vec::new()
    } else {
        lower_plain_values(record_type, &literals, origin, diagnostics)?
    };
    if diagnostics.has_errors_since(mark) {
        return None;
    }
    // In the order written, whether or not values were given, so that the
    // targets' output does not depend on them.
    let mut parsed = parsed.into_iter().zip(&known);
    let out = values
        .iter()
        .filter_map(|v| match v {
            ast::ValueDef::Input(i) if unbound.iter().any(|(_, span)| *span == i.span) => {
                Some(match record_type {
                    A => ir::RData::A(ir::Value::unbound(&i.name)),
                    Aaaa => ir::RData::Aaaa(ir::Value::unbound(&i.name)),
                    _ => ir::RData::Cname(ir::Value::unbound(&i.name)),
                })
            }
            _ => parsed.next().map(|(rdata, (_, input))| match input {
                Some(name) => bound_input(rdata, name),
                None => rdata,
            }),
        })
        .collect();
    Some(out)
}

/// Record data parsed from input `name`'s value, as that input.
fn bound_input(rdata: ir::RData, name: &str) -> ir::RData {
    fn input<T>(v: ir::Value<T>, name: &str) -> ir::Value<T> {
        ir::Value::of_input(name, v.into_bound())
    }
    match rdata {
        ir::RData::A(v) => ir::RData::A(input(v, name)),
        ir::RData::Aaaa(v) => ir::RData::Aaaa(input(v, name)),
        ir::RData::Cname(v) => ir::RData::Cname(input(v, name)),
        other => other,
    }
}

/// Parses the values of a plain record, each in the presentation form of
/// its type (as in Route 53's console and zone files), reporting every
/// problem at the value's own span.
pub(crate) fn lower_plain_values(
    record_type: ir::RecordType,
    values: &[ast::Str],
    origin: &str,
    diagnostics: &mut Diagnostics,
) -> Option<Vec<ir::RData>> {
    if values.is_empty() {
        // `lower_record_head` reports this with the record's span, and the
        // driver does not get here after it failed; this keeps the rule that
        // `None` always comes with a diagnostic for other callers.
        diagnostics.push(messages::no_values(record_type, Span::default()));
        return None;
    }
    let mut ok = true;
    if record_type == ir::RecordType::Cname && values.len() > 1 {
        ok = false;
        diagnostics.push(messages::several_cname_targets(
            values.len(),
            values[1].span,
            values[0].span,
        ));
    }
    let mut out: Vec<ir::RData> = Vec::with_capacity(values.len());
    // The value each datum of `out` was written as, and the data by hash
    // (a map of each datum's `Debug` text was a format and an allocation
    // per value of every record).
    let mut written: Vec<&ast::Str> = Vec::with_capacity(values.len());
    let mut seen: hashbrown::HashTable<usize> = hashbrown::HashTable::with_capacity(values.len());
    let hash = |rdata: &ir::RData| {
        use std::hash::BuildHasher;
        rustc_hash::FxBuildHasher.hash_one(rdata)
    };
    for value in values {
        let Some(rdata) = parse(record_type, &value.value, origin, value.span, diagnostics) else {
            ok = false;
            continue;
        };
        let hashed = hash(&rdata);
        if let Some(&i) = seen.find(hashed, |&i| out[i] == rdata) {
            let first = written[i];
            ok = false;
            diagnostics.push(messages::repeated_record_value(
                record_type,
                &value.value,
                &first.value,
                value.span,
                first.span,
            ));
        } else {
            seen.insert_unique(hashed, out.len(), |&i| hash(&out[i]));
            out.push(rdata);
            written.push(value);
        }
    }
    if record_type == ir::RecordType::Mx && ok {
        ok = check_null_mx(values, &out, diagnostics);
    }
    ok.then_some(out)
}

/// Parses one value of `record_type`, written at `span`. Names in it are
/// absolute (see the module docs of `check::records`); `origin` is the
/// zone's name, for hints. A problem is reported and gives `None`.
pub(crate) fn parse(
    record_type: ir::RecordType,
    text: &str,
    origin: &str,
    span: Span,
    diagnostics: &mut Diagnostics,
) -> Option<ir::RData> {
    let value = Value { origin, span };
    let parsed = match record_type {
        ir::RecordType::A => value
            .address(text, false)
            .map(|a| ir::RData::A(ir::Value::Literal(a))),
        ir::RecordType::Aaaa => value
            .address(text, true)
            .map(|a| ir::RData::Aaaa(ir::Value::Literal(a))),
        ir::RecordType::Cname => value
            .target(text, "CNAME target")
            .map(|n| ir::RData::Cname(ir::Value::Literal(n))),
        ir::RecordType::Mx => value.mx(text),
        ir::RecordType::Txt => value.txt(text),
        ir::RecordType::Srv => value.srv(text),
        ir::RecordType::Caa => value.caa(text),
        ir::RecordType::Ns => value.target(text, "name server").map(ir::RData::Ns),
        ir::RecordType::Ptr => value.target(text, "PTR target").map(ir::RData::Ptr),
    };
    match parsed {
        Ok(rdata) => Some(rdata),
        Err(problem) => {
            diagnostics.push(*problem);
            None
        }
    }
}

/// A problem with a value, boxed: the success path stays small.
type Parsed<T> = Result<T, Box<Diagnostic>>;

/// Where a value was written, for its diagnostics, and the zone it is in.
struct Value<'a> {
    origin: &'a str,
    span: Span,
}

impl Value<'_> {
    /// An address of one family (`v6`: IPv6), for an A or AAAA record.
    fn address<T: FromStr>(&self, text: &str, v6: bool) -> Parsed<T> {
        let s = text.trim();
        s.parse::<T>().map_err(|_| {
            // Any address that is not of this family is of the other.
            let looks = if s.parse::<IpAddr>().is_ok() {
                NotAnAddress::OtherFamily
            } else if looks_like_name(s) {
                NotAnAddress::Name
            } else {
                NotAnAddress::Garbled
            };
            Box::new(messages::record_address(s, v6, looks, self.span))
        })
    }

    /// A host name in record data, in absolute ASCII form without the
    /// trailing dot. The root (`.`) is not accepted here: callers that allow
    /// it check for it first.
    fn target(&self, text: &str, what: &str) -> Parsed<String> {
        let s = text.trim();
        if s.is_empty() || s == "." {
            return Err(Box::new(messages::missing_target(
                what,
                !s.is_empty(),
                self.origin,
                self.span,
            )));
        }
        if s.parse::<IpAddr>().is_ok() {
            return Err(Box::new(messages::target_is_address(
                what,
                s,
                self.origin,
                self.span,
            )));
        }
        let ascii = dns_name::to_ascii(s)
            .map_err(|e| Box::new(messages::invalid_target(what, s, &e, self.span)))?;
        // Names in record data are absolute, so a single label without a
        // trailing dot (`mail`) would name a top-level domain: it is almost
        // certainly meant relative to the zone, as in zone files. A trailing
        // dot (`mail.`) says the user really means it.
        if !ascii.contains('.') && !s.ends_with('.') {
            return Err(Box::new(messages::single_label_target(
                what,
                s,
                &ascii,
                self.origin,
                self.span,
            )));
        }
        Ok(ascii)
    }

    /// An unsigned decimal field (digits only: no sign, no spaces).
    fn number<T: TryFrom<u64>>(&self, field: &str, what: &str, max: u64) -> Parsed<T> {
        if field.is_empty() || !field.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Box::new(messages::field_not_a_number(
                what, field, max, self.span,
            )));
        }
        field
            .parse::<u64>()
            .ok()
            .and_then(|v| T::try_from(v).ok())
            .ok_or_else(|| Box::new(messages::field_out_of_range(what, field, max, self.span)))
    }

    fn mx(&self, text: &str) -> Parsed<ir::RData> {
        let fields: Vec<&str> = text.split_whitespace().collect();
        let [preference, exchange] = fields.as_slice() else {
            return Err(Box::new(messages::mx_shape(
                text,
                &fields,
                self.origin,
                self.span,
            )));
        };
        let preference = self.number::<u16>(preference, "MX preference", u16::MAX.into())?;
        // `.` is the null MX of RFC 7505 ("this domain accepts no mail").
        let exchange = if *exchange == "." {
            ".".to_string()
        } else {
            self.target(exchange, "mail server name")?
        };
        Ok(ir::RData::Mx {
            preference,
            exchange,
        })
    }

    fn txt(&self, text: &str) -> Parsed<ir::RData> {
        let len = route53_txt_len(text);
        if len > ROUTE53_MAX_VALUE_CHARS {
            return Err(Box::new(messages::txt_too_long(
                len,
                text.len(),
                ROUTE53_MAX_VALUE_CHARS,
                self.span,
            )));
        }
        Ok(ir::RData::Txt(text.to_string()))
    }

    fn srv(&self, text: &str) -> Parsed<ir::RData> {
        let fields: Vec<&str> = text.split_whitespace().collect();
        let [priority, weight, port, target] = fields.as_slice() else {
            return Err(Box::new(messages::srv_shape(
                text,
                fields.len(),
                self.origin,
                self.span,
            )));
        };
        let priority = self.number::<u16>(priority, "SRV priority", u16::MAX.into())?;
        let weight = self.number::<u16>(weight, "SRV weight", u16::MAX.into())?;
        let port = self.number::<u16>(port, "SRV port", u16::MAX.into())?;
        // `.` means "the service is decidedly not available here" (RFC 2782).
        let target = if *target == "." {
            ".".to_string()
        } else {
            self.target(target, "SRV target")?
        };
        Ok(ir::RData::Srv {
            priority,
            weight,
            port,
            target,
        })
    }

    /// `FLAGS TAG "VALUE"` or `FLAGS TAG VALUE` (RFC 8659 §4.1.1). The value
    /// is stored without its quotes and with escapes decoded.
    fn caa(&self, text: &str) -> Parsed<ir::RData> {
        let (flags, rest) = split_field(text);
        let (tag, rest) = split_field(rest);
        if tag.is_empty() {
            return Err(Box::new(messages::caa_incomplete(text, self.span)));
        }
        let flags = self.number::<u8>(flags, "CAA flags", u8::MAX.into())?;
        if !tag.bytes().all(|b| b.is_ascii_alphanumeric()) || tag.len() > 255 {
            let letters: String = tag.chars().filter(char::is_ascii_alphanumeric).collect();
            return Err(Box::new(messages::caa_invalid_tag(
                tag,
                did_you_mean(&letters, CAA_KNOWN_TAGS),
                self.span,
            )));
        }
        let tag = tag.to_ascii_lowercase();
        if rest.is_empty() {
            return Err(Box::new(messages::caa_without_value(
                text, flags, &tag, self.span,
            )));
        }
        let value = if rest.starts_with('"') {
            self.quoted(rest)?
        } else if rest.contains('"') {
            return Err(Box::new(messages::caa_stray_quote(rest, self.span)));
        } else {
            rest.to_string()
        };
        if tag == "iodef"
            && !["mailto:", "http://", "https://"]
                .iter()
                .any(|p| value.starts_with(p))
        {
            return Err(Box::new(messages::caa_iodef_not_url(&value, self.span)));
        }
        Ok(ir::RData::Caa(Box::new(ir::Caa { flags, tag, value })))
    }

    /// A quoted character-string: `"..."` with `\X` and `\DDD` (decimal)
    /// escapes, as in RFC 1035 §5.1. Nothing may follow the closing quote.
    fn quoted(&self, s: &str) -> Parsed<String> {
        let bytes = s.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 1;
        loop {
            match bytes.get(i) {
                None => return Err(Box::new(messages::unterminated_quote(s, self.span))),
                Some(b'"') => {
                    i += 1;
                    break;
                }
                Some(b'\\') => {
                    let digits = bytes
                        .get(i + 1..i + 4)
                        .filter(|d| d.iter().all(u8::is_ascii_digit));
                    if let Some(d) = digits {
                        let code = d
                            .iter()
                            .fold(0u32, |acc, &b| acc * 10 + u32::from(b - b'0'));
                        let byte = u8::try_from(code).map_err(|_| {
                            Box::new(messages::escape_above_255(
                                &String::from_utf8_lossy(d),
                                self.span,
                            ))
                        })?;
                        out.push(byte);
                        i += 4;
                    } else if let Some(&c) = bytes.get(i + 1) {
                        out.push(c);
                        i += 2;
                    } else {
                        i += 1;
                    }
                }
                Some(&b) => {
                    out.push(b);
                    i += 1;
                }
            }
        }
        let after = s[i..].trim();
        if !after.is_empty() {
            return Err(Box::new(messages::text_after_quote(after, self.span)));
        }
        String::from_utf8(out).map_err(|_| Box::new(messages::escapes_not_utf8(self.span)))
    }
}

fn looks_like_name(s: &str) -> bool {
    s.chars().any(|c| c.is_alphabetic()) && dns_name::to_ascii(s).is_ok()
}

/// RFC 7505: a null MX has preference 0 and is the only MX of its name.
fn check_null_mx(values: &[ast::Str], rdata: &[ir::RData], diagnostics: &mut Diagnostics) -> bool {
    let mut ok = true;
    for (value, mx) in values.iter().zip(rdata) {
        let ir::RData::Mx {
            preference,
            exchange,
        } = mx
        else {
            continue;
        };
        if exchange != "." {
            continue;
        }
        if rdata.len() > 1 {
            ok = false;
            diagnostics.push(messages::null_mx_beside_others(value.span));
        } else if *preference != 0 {
            ok = false;
            diagnostics.push(messages::null_mx_preference(*preference, value.span));
        }
    }
    ok
}

/// The length, in characters, of a TXT value in the form Route 53 receives
/// it: split into 255-byte character-strings (RFC 1035 §3.3.14), each in
/// double quotes and separated by a space; `"` and `\` escaped with a
/// backslash; bytes outside printable ASCII as `\ddd` octal escapes (Route
/// 53 Developer Guide, TXT record type). Route 53 accepts at most 4000 such
/// characters per value (API reference, `ResourceRecord.Value`). A single
/// value may therefore exceed 255 bytes: backends split it. Backends that
/// split at character boundaries instead of every 255 bytes may need a piece
/// more, so values within a few characters of the limit are at the edge.
pub(super) fn route53_txt_len(text: &str) -> usize {
    let bytes = text.as_bytes();
    let pieces = bytes.len().div_ceil(TXT_CHUNK_BYTES).max(1);
    let body: usize = bytes
        .iter()
        .map(|&b| match b {
            b'"' | b'\\' => 2,
            0x20..=0x7e => 1,
            _ => 4,
        })
        .sum();
    body + 2 * pieces + (pieces - 1)
}

/// Splits off the first whitespace-separated field.
fn split_field(s: &str) -> (&str, &str) {
    let s = s.trim_start();
    match s.find(char::is_whitespace) {
        Some(i) => (&s[..i], s[i..].trim_start()),
        None => (s, ""),
    }
}
