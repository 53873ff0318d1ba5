//! Record data in presentation form: the text of one value of each type,
//! as in Route 53's console and in zone files, parsed into [`ir::RData`].
//!
//! The API is small so that other readers of presentation form (an
//! importer of zone files) can share it: [`parse`] reads one value of a
//! type, relative to an origin (the zone name, used in hints);
//! [`lower_plain_values`] reads all of a record's values and also rejects
//! repeated values and a misplaced null MX.

use crate::check::{ir, CheckCode};
use crate::diagnostic::{did_you_mean, Diagnostic, Diagnostics};
use crate::dns_name;
use crate::source::Span;
use crate::syntax::ast;
use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Route 53's limit on one `ResourceRecord` `Value`, in characters.
const ROUTE53_MAX_VALUE_CHARS: usize = 4000;

/// A DNS character-string holds at most 255 octets (RFC 1035 §3.3); longer
/// TXT values are split into pieces of this size by the backends.
const TXT_CHUNK_BYTES: usize = 255;

/// CAA property tags Route 53 documents (RFC 8659). Other tags made of
/// letters and digits are accepted too: Route 53 documents custom tags, and
/// newer RFCs add some (`issuemail`, RFC 9495).
const CAA_KNOWN_TAGS: [&str; 3] = ["issue", "issuewild", "iodef"];

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
        diagnostics.push(
            Diagnostic::new(
                CheckCode::InvalidRecordData,
                Span::default(),
                format!("a {record_type} record needs at least one value"),
            )
            .hint(format!("for example `{}`", example_value(record_type))),
        );
        return None;
    }
    let mut ok = true;
    if record_type == ir::RecordType::Cname && values.len() > 1 {
        ok = false;
        diagnostics.push(
            Diagnostic::new(
                CheckCode::InvalidRecordData,
                values[1].span,
                format!("a CNAME record has exactly one target, but this one has {}", values.len()),
            )
            .label("second target")
            .with_secondary(values[0].span, "first target")
            .hint(
                "a name can be an alias of only one other name; to spread traffic over \
                 several targets, use a routing policy (`weighted`, `failover`, ...) over endpoints",
            ),
        );
    }
    let mut out = Vec::with_capacity(values.len());
    // RData is not `Hash`; its `Debug` form is a faithful key (values are
    // already normalized: parsed addresses, lower-case ASCII names).
    let mut seen: HashMap<String, &ast::Str> = HashMap::with_capacity(values.len());
    for value in values {
        match parse(record_type, &value.value, origin) {
            Ok(rdata) => {
                let key = format!("{rdata:?}");
                if let Some(first) = seen.get(&key) {
                    ok = false;
                    diagnostics.push(duplicate_value(record_type, first, value));
                } else {
                    seen.insert(key, value);
                    out.push(rdata);
                }
            }
            Err(invalid) => {
                ok = false;
                diagnostics.push(invalid.at(value.span));
            }
        }
    }
    if record_type == ir::RecordType::Mx && ok {
        ok = check_null_mx(values, &out, diagnostics);
    }
    ok.then_some(out)
}

/// A problem with one value, placed at the value's span by the caller.
pub(crate) struct Invalid {
    code: CheckCode,
    message: String,
    label: String,
    hints: Vec<String>,
}

fn invalid(message: impl Into<String>) -> Invalid {
    Invalid {
        code: CheckCode::InvalidRecordData,
        message: message.into(),
        label: String::new(),
        hints: Vec::new(),
    }
}

impl Invalid {
    fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    /// The diagnostic for a value written at `span`.
    pub(crate) fn at(self, span: Span) -> Diagnostic {
        let mut d = Diagnostic::new(self.code, span, self.message);
        if !self.label.is_empty() {
            d = d.label(self.label);
        }
        self.hints.into_iter().fold(d, Diagnostic::hint)
    }
}

/// A typical value of each type, for hints.
pub(super) fn example_value(record_type: ir::RecordType) -> &'static str {
    match record_type {
        ir::RecordType::A => "203.0.113.10",
        ir::RecordType::Aaaa => "2001:db8::10",
        ir::RecordType::Cname => "\"www.example.net\"",
        ir::RecordType::Mx => "\"10 mx1.example.com\"",
        ir::RecordType::Txt => "\"v=spf1 -all\"",
        ir::RecordType::Srv => "\"10 5 5060 sip.example.com\"",
        ir::RecordType::Caa => "\"0 issue \\\"letsencrypt.org\\\"\"",
        ir::RecordType::Ns => "\"ns1.example.net\"",
        ir::RecordType::Ptr => "\"host.example.com\"",
    }
}

/// Parses one value of `record_type`. Names in it are absolute (see the
/// module docs of `check::records`); `origin` is the zone's name, for hints.
pub(crate) fn parse(
    record_type: ir::RecordType,
    text: &str,
    origin: &str,
) -> Result<ir::RData, Invalid> {
    match record_type {
        ir::RecordType::A => parse_ipv4(text).map(ir::RData::A),
        ir::RecordType::Aaaa => parse_ipv6(text).map(ir::RData::Aaaa),
        ir::RecordType::Cname => parse_target(text, "CNAME target", origin).map(ir::RData::Cname),
        ir::RecordType::Mx => parse_mx(text, origin),
        ir::RecordType::Txt => parse_txt(text),
        ir::RecordType::Srv => parse_srv(text, origin),
        ir::RecordType::Caa => parse_caa(text),
        ir::RecordType::Ns => parse_target(text, "name server", origin).map(ir::RData::Ns),
        ir::RecordType::Ptr => parse_target(text, "PTR target", origin).map(ir::RData::Ptr),
    }
}

fn parse_ipv4(text: &str) -> Result<Ipv4Addr, Invalid> {
    let s = text.trim();
    if let Ok(a) = s.parse::<Ipv4Addr>() {
        return Ok(a);
    }
    let err = invalid(format!("`{s}` is not an IPv4 address")).label("expected an IPv4 address");
    Err(if s.parse::<Ipv6Addr>().is_ok() {
        err.label("an IPv6 address").hint(format!(
            "`{s}` is an IPv6 address: use an AAAA record for it"
        ))
    } else if looks_like_name(s) {
        err.hint(
            "an A record holds IPv4 addresses such as `203.0.113.10`; to point a name at \
             another name, use a CNAME record (or an alias endpoint at the zone apex)",
        )
    } else {
        err.hint("write an IPv4 address in dotted-decimal form, such as `203.0.113.10`")
    })
}

fn parse_ipv6(text: &str) -> Result<Ipv6Addr, Invalid> {
    let s = text.trim();
    if let Ok(a) = s.parse::<Ipv6Addr>() {
        return Ok(a);
    }
    let err = invalid(format!("`{s}` is not an IPv6 address")).label("expected an IPv6 address");
    Err(if s.parse::<Ipv4Addr>().is_ok() {
        err.label("an IPv4 address")
            .hint(format!("`{s}` is an IPv4 address: use an A record for it"))
    } else if looks_like_name(s) {
        err.hint(
            "an AAAA record holds IPv6 addresses such as `2001:db8::10`; to point a name at \
             another name, use a CNAME record (or an alias endpoint at the zone apex)",
        )
    } else {
        err.hint("write an IPv6 address, such as `2001:db8::10`")
    })
}

fn looks_like_name(s: &str) -> bool {
    s.chars().any(|c| c.is_alphabetic()) && dns_name::to_ascii(s).is_ok()
}

/// A host name in record data, in absolute ASCII form without the trailing
/// dot. The root (`.`) is not accepted here: callers that allow it check for
/// it first.
fn parse_target(text: &str, what: &str, origin: &str) -> Result<String, Invalid> {
    let s = text.trim();
    if s.is_empty() || s == "." {
        let message = if s.is_empty() {
            format!("the {what} is empty")
        } else {
            format!("the root `.` is not a valid {what}")
        };
        return Err(invalid(message)
            .label(format!("expected a {what}"))
            .hint(format!(
                "write a fully qualified name, such as `host.{}`",
                origin
            )));
    }
    if s.parse::<IpAddr>().is_ok() {
        return Err(
            invalid(format!("the {what} `{s}` is an address, not a host name"))
                .label("an address")
                .hint(format!(
                    "give the name of a host that has A or AAAA records, such as `host.{}`",
                    origin
                )),
        );
    }
    let ascii = dns_name::to_ascii(s).map_err(|e| {
        invalid(format!("the {what} `{s}` is not a valid domain name: {e}")).label("invalid name")
    })?;
    // Names in record data are absolute, so a single label without a
    // trailing dot (`mail`) would name a top-level domain: it is almost
    // certainly meant relative to the zone, as in zone files. A trailing dot
    // (`mail.`) says the user really means it.
    if !ascii.contains('.') && !s.ends_with('.') {
        return Err(invalid(format!(
            "the {what} `{s}` is a single label, not a fully qualified name"
        ))
        .label("not fully qualified")
        .hint(format!(
            "names in record data are absolute, as in Route 53: write `{ascii}.{}`",
            origin
        )));
    }
    Ok(ascii)
}

/// An unsigned decimal field (digits only: no sign, no spaces).
fn parse_number<T: TryFrom<u64>>(field: &str, what: &str, max: u64) -> Result<T, Invalid> {
    if field.is_empty() || !field.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid(format!("{what} `{field}` is not a number"))
            .label("expected a number")
            .hint(format!("{what} is a whole number from 0 to {max}")));
    }
    field
        .parse::<u64>()
        .ok()
        .and_then(|v| T::try_from(v).ok())
        .ok_or_else(|| {
            invalid(format!(
                "{what} {field} is out of range: it must be 0 to {max}"
            ))
            .label("out of range")
        })
}

fn parse_mx(text: &str, origin: &str) -> Result<ir::RData, Invalid> {
    let fields: Vec<&str> = text.split_whitespace().collect();
    let example = format!(
        "write a preference and a mail server, such as `10 mx1.{}`",
        origin
    );
    match fields.as_slice() {
        [preference, exchange] => {
            let preference = parse_number::<u16>(preference, "MX preference", u16::MAX.into())?;
            // `.` is the null MX of RFC 7505 ("this domain accepts no mail").
            let exchange = if *exchange == "." {
                ".".to_string()
            } else {
                parse_target(exchange, "mail server name", origin)?
            };
            Ok(ir::RData::Mx {
                preference,
                exchange,
            })
        }
        [single] if single.bytes().all(|b| b.is_ascii_digit()) => Err(invalid(format!(
            "the MX value `{text}` has no mail server name"
        ))
        .label("preference only")
        .hint(example)),
        [single] => Err(invalid(format!("the MX value `{text}` has no preference"))
            .label("mail server only")
            .hint(format!(
                "write `10 {single}`: the preference comes first, lowest preferred"
            ))),
        [] => Err(invalid("the MX value is empty")
            .label("empty")
            .hint(example)),
        _ => Err(invalid(format!(
            "the MX value `{text}` has {} fields; it is a preference and a mail server name",
            fields.len()
        ))
        .label("too many fields")
        .hint(example)),
    }
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
            diagnostics.push(
                Diagnostic::new(
                    CheckCode::InvalidRecordData,
                    value.span,
                    "a null MX (`.`: no mail accepted) must be the only MX value of its name",
                )
                .label("null MX beside other mail servers")
                .hint("RFC 7505: remove either the null MX or the other MX values"),
            );
        } else if *preference != 0 {
            ok = false;
            diagnostics.push(
                Diagnostic::new(
                    CheckCode::InvalidRecordData,
                    value.span,
                    format!("a null MX has preference 0, not {preference}"),
                )
                .label("null MX with a preference")
                .hint("RFC 7505: write `0 .`"),
            );
        }
    }
    ok
}

fn parse_txt(text: &str) -> Result<ir::RData, Invalid> {
    let len = route53_txt_len(text);
    if len > ROUTE53_MAX_VALUE_CHARS {
        let mut err = invalid(format!(
            "this TXT value is too long for Route 53: {len} characters once quoted and escaped, \
             and Route 53 accepts at most {ROUTE53_MAX_VALUE_CHARS}"
        ))
        .label(format!("{} bytes", text.len()))
        .hint(
            "Route 53 counts the value as sent: in 255-byte pieces, each in double quotes, \
             with `\"` and `\\` escaped and every byte outside printable ASCII written as a \
             4-character `\\ddd` escape",
        );
        err.code = CheckCode::TooLong;
        return Err(err);
    }
    Ok(ir::RData::Txt(text.to_string()))
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

fn parse_srv(text: &str, origin: &str) -> Result<ir::RData, Invalid> {
    let fields: Vec<&str> = text.split_whitespace().collect();
    let [priority, weight, port, target] = fields.as_slice() else {
        return Err(invalid(format!(
            "the SRV value `{text}` has {} field{}; it is `PRIORITY WEIGHT PORT TARGET`",
            fields.len(),
            if fields.len() == 1 { "" } else { "s" }
        ))
        .label("expected 4 fields")
        .hint(format!("for example `10 5 5060 sip.{}`", origin)));
    };
    let priority = parse_number::<u16>(priority, "SRV priority", u16::MAX.into())?;
    let weight = parse_number::<u16>(weight, "SRV weight", u16::MAX.into())?;
    let port = parse_number::<u16>(port, "SRV port", u16::MAX.into())?;
    // `.` means "the service is decidedly not available here" (RFC 2782).
    let target = if *target == "." {
        ".".to_string()
    } else {
        parse_target(target, "SRV target", origin)?
    };
    Ok(ir::RData::Srv {
        priority,
        weight,
        port,
        target,
    })
}

/// Splits off the first whitespace-separated field.
fn split_field(s: &str) -> (&str, &str) {
    let s = s.trim_start();
    match s.find(char::is_whitespace) {
        Some(i) => (&s[..i], s[i..].trim_start()),
        None => (s, ""),
    }
}

/// `FLAGS TAG "VALUE"` or `FLAGS TAG VALUE` (RFC 8659 §4.1.1). The value is
/// stored without its quotes and with escapes decoded.
fn parse_caa(text: &str) -> Result<ir::RData, Invalid> {
    let example = "write flags, a tag and a value, such as `0 issue \"letsencrypt.org\"`";
    let (flags, rest) = split_field(text);
    let (tag, rest) = split_field(rest);
    if tag.is_empty() {
        return Err(invalid(format!("the CAA value `{text}` is incomplete"))
            .label("expected `FLAGS TAG VALUE`")
            .hint(example));
    }
    let flags = parse_number::<u8>(flags, "CAA flags", u8::MAX.into())?;
    if !tag.bytes().all(|b| b.is_ascii_alphanumeric()) || tag.len() > 255 {
        let mut err = invalid(format!("`{tag}` is not a valid CAA tag"))
            .label("invalid tag")
            .hint(
                "CAA tags are letters and digits only (RFC 8659): `issue`, `issuewild` or `iodef`",
            );
        let letters: String = tag.chars().filter(char::is_ascii_alphanumeric).collect();
        if let Some(suggestion) = did_you_mean(&letters, CAA_KNOWN_TAGS) {
            err = err.hint(suggestion);
        }
        return Err(err);
    }
    let tag = tag.to_ascii_lowercase();
    if rest.is_empty() {
        return Err(invalid(format!(
            "the CAA value `{text}` has no value after the tag `{tag}`"
        ))
        .label("missing value")
        .hint(format!(
            "write `{flags} {tag} \"...\"`; `{flags} {tag} \";\"` forbids every CA"
        )));
    }
    let value = if rest.starts_with('"') {
        parse_quoted(rest)?
    } else if rest.contains('"') {
        return Err(invalid(format!("the CAA value `{rest}` has a stray quote"))
            .label("unbalanced quote")
            .hint(example));
    } else {
        rest.to_string()
    };
    if tag == "iodef"
        && !["mailto:", "http://", "https://"]
            .iter()
            .any(|p| value.starts_with(p))
    {
        return Err(invalid(format!(
            "the CAA iodef value `{value}` is not a mailto:, http: or https: URL"
        ))
        .label("expected a URL")
        .hint("for example `0 iodef \"mailto:security@example.com\"` (RFC 8659 §4.4)"));
    }
    Ok(ir::RData::Caa { flags, tag, value })
}

/// A quoted character-string: `"..."` with `\X` and `\DDD` (decimal)
/// escapes, as in RFC 1035 §5.1. Nothing may follow the closing quote.
fn parse_quoted(s: &str) -> Result<String, Invalid> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 1;
    loop {
        match bytes.get(i) {
            None => {
                return Err(
                    invalid(format!("the quoted value `{s}` has no closing quote"))
                        .label("unterminated quote")
                        .hint("end the value with `\"` (written `\\\"` inside a steer string)"),
                )
            }
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
                        invalid(format!(
                            "the escape `\\{}` is above \\255",
                            String::from_utf8_lossy(d)
                        ))
                        .label("invalid escape")
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
        return Err(invalid(format!("unexpected `{after}` after the closing quote"))
            .label("text after the value")
            .hint("one CAA value is one property; write several values to give several properties"));
    }
    String::from_utf8(out).map_err(|_| {
        invalid("the escapes in this value do not form valid UTF-8").label("invalid escapes")
    })
}

fn duplicate_value(record_type: ir::RecordType, first: &ast::Str, again: &ast::Str) -> Diagnostic {
    let message = if first.value == again.value {
        format!("the {record_type} value `{}` is repeated", again.value)
    } else {
        format!(
            "the {record_type} value `{}` is the same as `{}`",
            again.value, first.value
        )
    };
    Diagnostic::new(CheckCode::InvalidRecordData, again.span, message)
        .label("repeated value")
        .with_secondary(first.span, "first written here")
        .hint("Route 53 rejects a record with duplicate values; remove one of them")
}
