//! DNS names: validation, IDNA (punycode) conversion and zone-relative names.
//!
//! Names are kept in their *ASCII form*: lower case, punycode (`xn--…`) for
//! internationalized labels, no trailing dot. [`to_ascii`] produces that form
//! from whatever the user wrote, [`qualify`] joins a zone-relative record name
//! with its zone, and [`to_unicode`] turns the ASCII form back into something
//! readable for messages.
//!
//! Rules enforced (RFC 1035 §2.3.4, RFC 2181 §11, RFC 4592 for wildcards):
//! - every label is 1..=63 octets (in ASCII form);
//! - the whole name is at most 253 octets in presentation form without the
//!   trailing dot, which is 255 octets on the wire;
//! - `*` is allowed only as the whole leftmost label;
//! - labels contain letters, digits, `-` and `_` (underscore is legal DNS and
//!   needed for `_dmarc`, `_sip._tcp`, `_acme-challenge`, …). Hyphen position
//!   is not restricted: that is a host-name rule, not a DNS rule.
//!
//! Non-ASCII labels go through UTS 46 ToASCII (non-transitional, so `ß` stays
//! `ß` and becomes `xn--zca`) one label at a time, so that ASCII labels with
//! underscores never meet the IDNA rules. ASCII labels that already start
//! with `xn--` are checked to be valid punycode. The IDNA bidi rule is
//! therefore applied within each label but not across labels: across labels
//! it would reject legitimate names such as `_dmarc.<Hebrew name>` or
//! `*.<Arabic name>`, because `_` and `*` are not left-to-right characters.

use idna::uts46::{AsciiDenyList, DnsLength, Hyphens, Uts46};
use std::borrow::Cow;

/// Longest label, in octets.
pub const MAX_LABEL_LEN: usize = 63;
/// Longest name, in octets of presentation form without the trailing dot
/// (255 octets in wire format).
pub const MAX_NAME_LEN: usize = 253;

/// Why a name was rejected. The messages are written for end users.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    /// The name is empty (or just `.`, the root).
    #[error("the name is empty")]
    Empty,
    /// Two dots in a row, or a leading dot.
    #[error("the name has an empty label (a leading dot or two dots in a row)")]
    EmptyLabel,
    /// `label` (ASCII form) is `len` octets long.
    #[error("label `{label}` is {len} octets long; DNS allows at most 63")]
    LabelTooLong { label: String, len: usize },
    /// The whole name, in ASCII form without trailing dot, is `len` octets.
    #[error(
        "the name is {len} octets long; DNS allows at most 253 \
         (not counting the trailing dot)"
    )]
    NameTooLong { len: usize },
    /// UTS 46 rejected this label (the label as the user wrote it).
    #[error("`{0}` is not a valid internationalized domain label (IDNA rejects it)")]
    Idna(String),
    /// A `*` label that is not the leftmost label, as in `a.*.example.com`.
    #[error(
        "`*` can only be the leftmost label of a name (as in `*.example.com`), \
         not a label in the middle"
    )]
    WildcardNotLeftmost,
    /// `*` mixed with other characters in one label, as in `*foo.example.com`.
    #[error(
        "label `{label}` mixes `*` with other characters; a wildcard must be \
         the whole leftmost label, as in `*.example.com`"
    )]
    WildcardNotWholeLabel { label: String },
    /// A character that may not appear in a DNS name.
    #[error("{}", invalid_character_message(*ch))]
    InvalidCharacter { ch: char },
    /// An absolute name (trailing dot) given where a name inside `zone` is
    /// required, see [`qualify`].
    #[error("`{name}` is not inside the zone `{zone}`")]
    OutsideZone { name: String, zone: String },
}

fn invalid_character_message(ch: char) -> String {
    const ALLOWED: &str = "labels may contain letters, digits, `-` and `_`";
    match ch {
        '@' => format!(
            "`@` is not allowed inside a name; on its own it stands for the zone apex ({ALLOWED})"
        ),
        ' ' => format!("a space is not allowed in a DNS name; {ALLOWED}"),
        c if c.is_control() || c.is_whitespace() => format!(
            "character U+{:04X} is not allowed in a DNS name; {ALLOWED}",
            c as u32
        ),
        c => format!("character `{c}` is not allowed in a DNS name; {ALLOWED}"),
    }
}

/// Label separators recognised in user input: `.` and the UTS 46 full stops
/// (ideographic, fullwidth and halfwidth ideographic).
fn is_separator(c: char) -> bool {
    matches!(c, '.' | '\u{3002}' | '\u{FF0E}' | '\u{FF61}')
}

fn is_ldh_or_underscore(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

/// Converts a user-written name (Unicode allowed, trailing dot optional) to
/// its ASCII form: lower case, punycode for internationalized labels, no
/// trailing dot.
///
/// ```
/// # use steer::dns_name::to_ascii;
/// assert_eq!(to_ascii("Bücher.DE.").unwrap(), "xn--bcher-kva.de");
/// assert_eq!(to_ascii("_dmarc.example.com").unwrap(), "_dmarc.example.com");
/// assert!(to_ascii("a.*.example.com").is_err());
/// ```
///
/// The root (`""` or `"."`) is rejected with [`NameError::Empty`]; callers
/// that accept `.` as an rdata target (null MX, "no service" SRV) must check
/// for it first.
/// The key zones are grouped by: the ASCII form, or the text as written,
/// lowercased, when it is not a valid name (that error is reported when
/// the zone is lowered).
pub fn zone_key(name: &str) -> String {
    to_ascii(name).unwrap_or_else(|_| name.to_lowercase())
}

pub fn to_ascii(name: &str) -> Result<String, NameError> {
    let body = match name.char_indices().next_back() {
        None => return Err(NameError::Empty),
        Some((i, c)) if is_separator(c) => &name[..i],
        Some(_) => name,
    };
    if body.is_empty() {
        return Err(NameError::Empty);
    }
    if is_ascii_form(body) {
        return Ok(body.to_string());
    }
    by_labels(body)
}

/// [`to_ascii`] of a name without its trailing dot, label by label.
fn by_labels(body: &str) -> Result<String, NameError> {
    let mut out = String::with_capacity(body.len());
    for (i, label) in body.split(is_separator).enumerate() {
        let ascii = label_to_ascii(label, i == 0)?;
        if i > 0 {
            out.push('.');
        }
        out.push_str(&ascii);
    }
    if out.len() > MAX_NAME_LEN {
        return Err(NameError::NameTooLong { len: out.len() });
    }
    Ok(out)
}

/// Whether `body` (a name without its trailing dot) is already its own
/// ASCII form and valid: labels of 1 to [`MAX_LABEL_LEN`] lower-case
/// letters, digits, `-` and `_`, none starting `xn--`, a leftmost `*` label
/// allowed, at most [`MAX_NAME_LEN`] bytes. Most names are; [`to_ascii`]
/// then copies the name, where its label-by-label path (for upper case,
/// Unicode and every error) was 3% of `steer check`'s instructions on the
/// kit's zone.
fn is_ascii_form(body: &str) -> bool {
    let bytes = body.as_bytes();
    if bytes.len() > MAX_NAME_LEN {
        return false;
    }
    let mut label_start = 0;
    for (i, &b) in bytes.iter().chain(std::iter::once(&b'.')).enumerate() {
        if b != b'.' {
            if !(b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_') {
                // `*` only as the whole leftmost label.
                if !(b == b'*' && i == 0 && bytes.get(1).is_none_or(|&n| n == b'.')) {
                    return false;
                }
            }
            continue;
        }
        let label = &bytes[label_start..i];
        if label.is_empty() || label.len() > MAX_LABEL_LEN || label.starts_with(b"xn--") {
            return false;
        }
        label_start = i + 1;
    }
    true
}

/// One label to ASCII form, with all label-level checks.
fn label_to_ascii(label: &str, leftmost: bool) -> Result<Cow<'_, str>, NameError> {
    if label.is_empty() {
        return Err(NameError::EmptyLabel);
    }
    if label.contains('*') {
        return if label != "*" {
            Err(NameError::WildcardNotWholeLabel {
                label: label.to_string(),
            })
        } else if leftmost {
            Ok(Cow::Borrowed("*"))
        } else {
            Err(NameError::WildcardNotLeftmost)
        };
    }
    // ASCII characters must be LDH or underscore, in ASCII and IDN labels.
    if let Some(ch) = label
        .chars()
        .find(|&c| c.is_ascii() && !is_ldh_or_underscore(c))
    {
        return Err(NameError::InvalidCharacter { ch });
    }
    let ascii: Cow<'_, str> = if label.is_ascii() {
        let lower = if label.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(label.to_ascii_lowercase())
        } else {
            Cow::Borrowed(label)
        };
        if lower.starts_with("xn--") && !is_valid_a_label(&lower) {
            return Err(NameError::Idna(label.to_string()));
        }
        lower
    } else {
        let converted = Uts46::new()
            .to_ascii(
                label.as_bytes(),
                AsciiDenyList::EMPTY,
                Hyphens::Allow,
                DnsLength::Ignore,
            )
            .map_err(|_| NameError::Idna(label.to_string()))?;
        // Mapping can turn compatibility characters into ASCII punctuation
        // (fullwidth `＠` → `@`) or even a dot (`⒈` → `1.`).
        if converted.contains('.') {
            return Err(NameError::Idna(label.to_string()));
        }
        if let Some(ch) = converted.chars().find(|&c| !is_ldh_or_underscore(c)) {
            return Err(NameError::InvalidCharacter { ch });
        }
        Cow::Owned(converted.into_owned())
    };
    if ascii.len() > MAX_LABEL_LEN {
        return Err(NameError::LabelTooLong {
            len: ascii.len(),
            label: ascii.into_owned(),
        });
    }
    Ok(ascii)
}

/// Whether an `xn--` label decodes to a valid UTS 46 label.
fn is_valid_a_label(label: &str) -> bool {
    let (_, result) = idna::domain_to_unicode(label);
    result.is_ok()
}

/// The zone-relative form of an absolute ASCII name, the inverse of
/// [`qualify`]: `@` for the apex; a name outside the zone stays absolute
/// (with its trailing dot).
pub fn relative(fqdn: &str, zone: &str) -> String {
    if fqdn == zone {
        "@".into()
    } else if let Some(rel) = fqdn
        .strip_suffix(zone)
        .and_then(|r| r.strip_suffix('.'))
        .filter(|r| !r.is_empty())
    {
        rel.into()
    } else {
        format!("{fqdn}.")
    }
}

/// Joins a record name written relative to the zone with the zone's name and
/// returns the fully qualified ASCII name without trailing dot.
///
/// - `@` is the zone apex;
/// - `www`, `_sip._tcp`, `*.dev`, `bücher` are relative to the zone;
/// - a name with a trailing dot is absolute, as in zone files
///   (`www.example.com.`), and must lie inside the zone
///   ([`NameError::OutsideZone`] otherwise). A name *without* trailing dot is
///   always relative, so `www.example.com` in zone `example.com` becomes
///   `www.example.com.example.com`, again as in zone files.
///
/// `zone_ascii` is normally the output of [`to_ascii`]; it is normalised
/// again here (case, trailing dot). An empty zone or `.` is the root.
pub fn qualify(relative: &str, zone_ascii: &str) -> Result<String, NameError> {
    let zone = if zone_ascii.is_empty() || zone_ascii == "." {
        String::new()
    } else {
        to_ascii(zone_ascii)?
    };
    if zone.starts_with('*') {
        // A zone cannot be a wildcard; anything below it would put `*` in the middle.
        return Err(NameError::WildcardNotLeftmost);
    }
    if relative == "@" {
        return if zone.is_empty() {
            Err(NameError::Empty)
        } else {
            Ok(zone)
        };
    }
    if relative.is_empty() {
        return Err(NameError::Empty);
    }
    if relative.chars().next_back().is_some_and(is_separator) {
        let name = to_ascii(relative)?;
        return if is_subdomain_of(&name, &zone) {
            Ok(name)
        } else {
            Err(NameError::OutsideZone { name, zone })
        };
    }
    let rel = to_ascii(relative)?;
    if zone.is_empty() {
        return Ok(rel);
    }
    let mut full = rel;
    full.reserve_exact(1 + zone.len());
    full.push('.');
    full.push_str(&zone);
    if full.len() > MAX_NAME_LEN {
        return Err(NameError::NameTooLong { len: full.len() });
    }
    Ok(full)
}

/// Whether an ASCII-form name is a wildcard (`*` or `*.…`).
pub fn is_wildcard(ascii: &str) -> bool {
    ascii == "*" || ascii.starts_with("*.")
}

/// Whether `name_ascii` is `zone_ascii` or lies below it. Comparison is
/// label-aligned (`badexample.com` is not inside `example.com`), ASCII
/// case-insensitive and ignores one trailing dot on either side. Every name is
/// inside the root (`""` or `"."`).
pub fn is_subdomain_of(name_ascii: &str, zone_ascii: &str) -> bool {
    let name = name_ascii
        .strip_suffix('.')
        .unwrap_or(name_ascii)
        .as_bytes();
    let zone = zone_ascii
        .strip_suffix('.')
        .unwrap_or(zone_ascii)
        .as_bytes();
    if zone.is_empty() {
        return true;
    }
    if name.len() < zone.len() {
        return false;
    }
    let split = name.len() - zone.len();
    name[split..].eq_ignore_ascii_case(zone) && (split == 0 || name[split - 1] == b'.')
}

/// Renders an ASCII-form name for people: `xn--` labels that decode validly
/// are shown in Unicode, everything else (including invalid punycode) is kept
/// as is. Never fails.
pub fn to_unicode(ascii: &str) -> String {
    let mut out = String::with_capacity(ascii.len());
    for (i, label) in ascii.split('.').enumerate() {
        if i > 0 {
            out.push('.');
        }
        let is_a_label = label.len() > 4 && label.as_bytes()[..4].eq_ignore_ascii_case(b"xn--");
        if is_a_label {
            if let (unicode, Ok(())) = idna::domain_to_unicode(label) {
                out.push_str(&unicode);
                continue;
            }
        }
        out.push_str(label);
    }
    out
}

/// `to_unicode(ascii)` followed by the ASCII form in parentheses when the two
/// differ (`bücher.de (xn--bcher-kva.de)`), else just the name. For messages.
pub fn to_display(ascii: &str) -> String {
    let unicode = to_unicode(ascii);
    if unicode == ascii {
        unicode
    } else {
        format!("{unicode} ({ascii})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shortcut for names already in ASCII form gives what reading
    /// them label by label gives, for names built from labels at every
    /// edge it checks (case, `*`, `xn--`, Unicode, empty and overlong
    /// labels, overlong names).
    #[test]
    fn ascii_form_shortcut_agrees_with_reading_by_labels() {
        let long = "a".repeat(MAX_LABEL_LEN);
        let longer = "b".repeat(MAX_LABEL_LEN + 1);
        let labels = [
            "",
            "a",
            "www",
            "A",
            "wWw",
            "*",
            "a*",
            "*a",
            "xn--bcher-kva",
            "xn--",
            "xn-a",
            "-",
            "a-b",
            "_sip",
            "_tcp",
            "0",
            "09z",
            "ü",
            "a b",
            "a!",
            &long,
            &longer,
        ];
        let mut names = Vec::new();
        for a in labels {
            names.push(a.to_string());
            for b in labels {
                names.push(format!("{a}.{b}"));
                for c in ["", "*", "example", &long] {
                    names.push(format!("{a}.{b}.{c}"));
                }
            }
        }
        for n in [3, 4, 5] {
            let name = vec![long.as_str(); n].join(".");
            names.push(name[..MAX_NAME_LEN.min(name.len())].to_string());
            names.push(name[..(MAX_NAME_LEN + 1).min(name.len())].to_string());
        }
        let mut shortcut = 0;
        // Names that end in a dot or are empty are `to_ascii`'s own cases.
        names.retain(|n| !n.is_empty() && !n.ends_with('.'));
        for name in &names {
            shortcut += usize::from(is_ascii_form(name));
            assert_eq!(
                format!("{:?}", to_ascii(name)),
                format!("{:?}", by_labels(name)),
                "{name}"
            );
        }
        assert!(
            shortcut > 100,
            "{shortcut} of {} names took the shortcut",
            names.len()
        );
    }

    fn err(name: &str) -> NameError {
        to_ascii(name).expect_err(name)
    }

    #[test]
    fn idn_to_punycode() {
        assert_eq!(to_ascii("bücher.de").unwrap(), "xn--bcher-kva.de");
        assert_eq!(to_ascii("BÜCHER.de.").unwrap(), "xn--bcher-kva.de");
        assert_eq!(
            to_ascii("münchen.example").unwrap(),
            "xn--mnchen-3ya.example"
        );
        // Non-transitional: ß and ς are kept, not mapped to ss / σ.
        assert_eq!(to_ascii("faß.de").unwrap(), "xn--fa-hia.de");
        // Ideographic full stop separates labels, as in UTS 46.
        assert_eq!(to_ascii("例え。jp").unwrap(), "xn--r8jz45g.jp");
        assert_eq!(to_ascii("例え.jp。").unwrap(), "xn--r8jz45g.jp");
        // Fullwidth letters map to ASCII.
        assert_eq!(to_ascii("ＷＷＷ.example.com").unwrap(), "www.example.com");
        // Underscore labels next to IDN labels are fine.
        assert_eq!(
            to_ascii("_dmarc.bücher.de").unwrap(),
            "_dmarc.xn--bcher-kva.de"
        );
    }

    #[test]
    fn existing_punycode() {
        assert_eq!(to_ascii("xn--bcher-kva.de").unwrap(), "xn--bcher-kva.de");
        assert_eq!(to_ascii("XN--BCHER-KVA.DE").unwrap(), "xn--bcher-kva.de");
        assert!(matches!(err("xn--.de"), NameError::Idna(_)));
        assert!(matches!(err("xn--abc-.de"), NameError::Idna(_)));
        assert!(matches!(err("xn--a_b.de"), NameError::Idna(_)));
    }

    #[test]
    fn case_and_trailing_dot() {
        assert_eq!(to_ascii("WWW.Example.COM").unwrap(), "www.example.com");
        assert_eq!(to_ascii("www.example.com.").unwrap(), "www.example.com");
        assert_eq!(to_ascii("com").unwrap(), "com");
        assert_eq!(err(""), NameError::Empty);
        assert_eq!(err("."), NameError::Empty);
        assert_eq!(err("example.com.."), NameError::EmptyLabel);
    }

    #[test]
    fn empty_labels() {
        assert_eq!(err("a..b"), NameError::EmptyLabel);
        assert_eq!(err(".a"), NameError::EmptyLabel);
        assert_eq!(err("a.。b"), NameError::EmptyLabel);
    }

    #[test]
    fn label_length() {
        let l63 = "a".repeat(63);
        let l64 = "a".repeat(64);
        assert_eq!(
            to_ascii(&format!("{l63}.com")).unwrap(),
            format!("{l63}.com")
        );
        assert_eq!(
            err(&format!("{l64}.com")),
            NameError::LabelTooLong {
                label: l64.clone(),
                len: 64
            }
        );
        // Upper case input is reported in ASCII form.
        assert_eq!(
            err(&format!("x.{}", "B".repeat(70))),
            NameError::LabelTooLong {
                label: "b".repeat(70),
                len: 70
            }
        );
        // The limit applies to the punycode form: 60 × ü is short in
        // characters but far too long in octets.
        assert!(matches!(
            err(&format!("{}.de", "ü".repeat(60))),
            NameError::LabelTooLong { .. }
        ));
    }

    #[test]
    fn name_length() {
        let l63 = "a".repeat(63);
        // 63 + 1 + 63 + 1 + 63 + 1 + 61 = 253
        let n253 = format!("{l63}.{l63}.{l63}.{}", "b".repeat(61));
        assert_eq!(n253.len(), 253);
        assert_eq!(to_ascii(&n253).unwrap(), n253);
        assert_eq!(to_ascii(&format!("{n253}.")).unwrap(), n253);
        let n254 = format!("{l63}.{l63}.{l63}.{}", "b".repeat(62));
        assert_eq!(err(&n254), NameError::NameTooLong { len: 254 });
        // Many short labels.
        let many = "a.".repeat(127) + "a"; // 255
        assert_eq!(err(&many), NameError::NameTooLong { len: 255 });
    }

    #[test]
    fn wildcards() {
        assert_eq!(to_ascii("*.example.com").unwrap(), "*.example.com");
        assert_eq!(to_ascii("*").unwrap(), "*");
        assert_eq!(err("a.*.b"), NameError::WildcardNotLeftmost);
        assert_eq!(err("a.*"), NameError::WildcardNotLeftmost);
        assert_eq!(
            err("*foo.example.com"),
            NameError::WildcardNotWholeLabel {
                label: "*foo".into()
            }
        );
        assert_eq!(
            err("a.b*.c"),
            NameError::WildcardNotWholeLabel { label: "b*".into() }
        );
        assert_eq!(
            err("**.c"),
            NameError::WildcardNotWholeLabel { label: "**".into() }
        );
    }

    #[test]
    fn underscores_and_hyphens() {
        assert_eq!(
            to_ascii("_dmarc.example.com").unwrap(),
            "_dmarc.example.com"
        );
        assert_eq!(
            to_ascii("_sip._TCP.example.com").unwrap(),
            "_sip._tcp.example.com"
        );
        assert_eq!(
            to_ascii("_acme-challenge.www").unwrap(),
            "_acme-challenge.www"
        );
        assert_eq!(to_ascii("a-b.c--d.-e-").unwrap(), "a-b.c--d.-e-");
    }

    #[test]
    fn invalid_characters() {
        assert_eq!(err("a b.com"), NameError::InvalidCharacter { ch: ' ' });
        assert_eq!(err("a/b.com"), NameError::InvalidCharacter { ch: '/' });
        assert_eq!(err("ex!ample.com"), NameError::InvalidCharacter { ch: '!' });
        assert_eq!(err("a@b.com"), NameError::InvalidCharacter { ch: '@' });
        assert_eq!(err("@"), NameError::InvalidCharacter { ch: '@' });
        assert_eq!(err("tab\there"), NameError::InvalidCharacter { ch: '\t' });
        // ASCII junk inside an IDN label is reported as such, not as IDNA.
        assert_eq!(err("bü!cher.de"), NameError::InvalidCharacter { ch: '!' });
        // Fullwidth @ maps to ASCII @.
        assert_eq!(err("a＠b.de"), NameError::InvalidCharacter { ch: '@' });
        // Characters UTS 46 disallows.
        assert!(matches!(err("a\u{FFFD}b.de"), NameError::Idna(_)));
        assert!(matches!(err("\u{0301}a.de"), NameError::Idna(_)));
    }

    #[test]
    fn messages() {
        let e = NameError::LabelTooLong {
            label: "xxx".into(),
            len: 70,
        };
        assert_eq!(
            e.to_string(),
            "label `xxx` is 70 octets long; DNS allows at most 63"
        );
        assert_eq!(
            NameError::NameTooLong { len: 254 }.to_string(),
            "the name is 254 octets long; DNS allows at most 253 (not counting the trailing dot)"
        );
        assert!(err("a b").to_string().contains("a space"));
        assert!(err("a!b").to_string().contains("`!`"));
        assert!(err("a\u{7}b").to_string().contains("U+0007"));
        assert!(err("a@b").to_string().contains("zone apex"));
        assert!(err("a.*.b").to_string().contains("leftmost"));
        assert!(err("a\u{FFFD}b").to_string().contains("`a\u{FFFD}b`"));
    }

    #[test]
    fn qualify_relative_names() {
        let z = "example.com";
        assert_eq!(qualify("@", z).unwrap(), "example.com");
        assert_eq!(qualify("www", z).unwrap(), "www.example.com");
        assert_eq!(qualify("WWW", z).unwrap(), "www.example.com");
        assert_eq!(qualify("_sip._tcp", z).unwrap(), "_sip._tcp.example.com");
        assert_eq!(qualify("*", z).unwrap(), "*.example.com");
        assert_eq!(qualify("*.dev", z).unwrap(), "*.dev.example.com");
        assert_eq!(qualify("bücher", z).unwrap(), "xn--bcher-kva.example.com");
        assert_eq!(qualify("dev.*", z), Err(NameError::WildcardNotLeftmost));
        assert_eq!(qualify("", z), Err(NameError::Empty));
        assert_eq!(qualify("a..b", z), Err(NameError::EmptyLabel));
        assert_eq!(
            qualify("@.www", z),
            Err(NameError::InvalidCharacter { ch: '@' })
        );
        // Zone in any spelling.
        assert_eq!(qualify("www", "Example.COM.").unwrap(), "www.example.com");
        assert_eq!(qualify("@", "bücher.de").unwrap(), "xn--bcher-kva.de");
        // No trailing dot: relative, even if it ends with the zone name.
        assert_eq!(
            qualify("www.example.com", z).unwrap(),
            "www.example.com.example.com"
        );
    }

    #[test]
    fn qualify_absolute_names() {
        let z = "example.com";
        assert_eq!(qualify("www.example.com.", z).unwrap(), "www.example.com");
        assert_eq!(qualify("Example.com.", z).unwrap(), "example.com");
        assert_eq!(
            qualify("www.example.org.", z),
            Err(NameError::OutsideZone {
                name: "www.example.org".into(),
                zone: "example.com".into()
            })
        );
        assert!(qualify("www.example.org.", z)
            .unwrap_err()
            .to_string()
            .contains("not inside the zone `example.com`"));
    }

    #[test]
    fn qualify_limits() {
        let zone = format!("{}.{}.com", "z".repeat(63), "y".repeat(63)); // 131
        let rel_ok = format!("{}.{}", "a".repeat(63), "b".repeat(57)); // 121 + 1 + 131 = 253
        assert_eq!(qualify(&rel_ok, &zone).unwrap().len(), 253);
        let rel_long = format!("{}.{}", "a".repeat(63), "b".repeat(58));
        assert_eq!(
            qualify(&rel_long, &zone),
            Err(NameError::NameTooLong { len: 254 })
        );
        assert_eq!(
            qualify("www", "*.example.com"),
            Err(NameError::WildcardNotLeftmost)
        );
        // Root zone.
        assert_eq!(qualify("com", "").unwrap(), "com");
        assert_eq!(qualify("com", ".").unwrap(), "com");
        assert_eq!(qualify("@", "."), Err(NameError::Empty));
    }

    #[test]
    fn wildcard_detection() {
        assert!(is_wildcard("*"));
        assert!(is_wildcard("*.example.com"));
        assert!(!is_wildcard("www.example.com"));
        assert!(!is_wildcard("a.*.example.com"));
        assert!(!is_wildcard("*foo.example.com"));
        assert!(!is_wildcard(""));
    }

    #[test]
    fn subdomains() {
        assert!(is_subdomain_of("example.com", "example.com"));
        assert!(is_subdomain_of("www.example.com", "example.com"));
        assert!(is_subdomain_of("a.b.example.com", "example.com"));
        assert!(is_subdomain_of("*.example.com", "example.com"));
        assert!(is_subdomain_of("WWW.Example.com.", "example.COM"));
        assert!(is_subdomain_of("www.example.com", "example.com."));
        assert!(!is_subdomain_of("badexample.com", "example.com"));
        assert!(!is_subdomain_of("example.com", "www.example.com"));
        assert!(!is_subdomain_of("example.org", "example.com"));
        assert!(!is_subdomain_of("com", "example.com"));
        assert!(is_subdomain_of("anything.org", ""));
        assert!(is_subdomain_of("anything.org", "."));
        // Non-ASCII input must not panic.
        assert!(!is_subdomain_of("bücher.de", "xn--bcher-kva.de"));
        assert!(!is_subdomain_of("ü", "example.com"));
    }

    #[test]
    fn unicode_display() {
        assert_eq!(to_unicode("xn--bcher-kva.de"), "bücher.de");
        assert_eq!(to_unicode("_dmarc.xn--bcher-kva.de"), "_dmarc.bücher.de");
        assert_eq!(to_unicode("www.example.com"), "www.example.com");
        assert_eq!(to_unicode("*.xn--r8jz45g.jp"), "*.例え.jp");
        // Invalid punycode is left alone.
        assert_eq!(to_unicode("xn--abc-.de"), "xn--abc-.de");
        assert_eq!(to_unicode("xn--.de"), "xn--.de");
        assert_eq!(to_unicode(""), "");
        assert_eq!(
            to_display("xn--bcher-kva.de"),
            "bücher.de (xn--bcher-kva.de)"
        );
        assert_eq!(to_display("example.com"), "example.com");
    }

    #[test]
    fn round_trip() {
        for name in [
            "bücher.de",
            "例え.jp",
            "faß.de",
            "ελληνικά.gr",
            "пример.рф",
            "☃.net",
        ] {
            let ascii = to_ascii(name).unwrap();
            assert!(ascii.is_ascii(), "{ascii}");
            assert_eq!(to_unicode(&ascii), name);
            assert_eq!(to_ascii(&ascii).unwrap(), ascii, "idempotent");
        }
    }
}
