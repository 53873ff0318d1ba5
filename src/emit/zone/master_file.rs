//! RFC 1035 master-file form for the zone file (over the escaping and
//! splitting every target shares, in `emit::presentation`): names relative to the
//! origin or absolute, record data (TXT split into 255-byte
//! character-strings, quoted with decimal escapes), and durations for
//! comments.

use crate::check::ir::RData;
use crate::emit::names::{absolute, absolute_value};
use crate::emit::presentation::{character_strings, escape_quoted, Escaping};

/// The zone-relative form of an absolute ASCII name: `@` for the apex.
pub(crate) use crate::dns_name::relative;

/// A TXT value as quoted character-strings of at most 255 bytes each,
/// split at UTF-8 character boundaries; an empty value is one empty string.
fn txt_strings(text: &str) -> Vec<String> {
    character_strings(text, Escaping::MasterFile)
        .into_iter()
        .map(|s| format!("\"{s}\""))
        .collect()
}

/// One quoted character-string: `"` and `\` escaped with a backslash, bytes
/// outside printable ASCII as `\DDD` (decimal, RFC 1035 §5.1).
fn quote(s: &str) -> String {
    format!("\"{}\"", escape_quoted(s.as_bytes(), Escaping::MasterFile))
}

/// Record data in presentation form: one string per line (TXT values of
/// several strings span lines in parentheses).
pub(crate) fn rdata_lines(rdata: &RData) -> Vec<String> {
    match rdata {
        RData::A(a) => vec![a.to_string()],
        RData::Aaaa(a) => vec![a.to_string()],
        RData::Cname(n) => vec![absolute_value(n)],
        RData::Ns(n) | RData::Ptr(n) => vec![absolute(n)],
        RData::Mx {
            preference,
            exchange,
        } => vec![format!("{preference} {}", absolute(exchange))],
        RData::Txt(text) => {
            let strings = txt_strings(text);
            if strings.len() == 1 {
                return strings;
            }
            let last = strings.len() - 1;
            strings
                .into_iter()
                .enumerate()
                .map(|(i, s)| match i {
                    0 => format!("( {s}"),
                    i if i == last => format!("  {s} )"),
                    _ => format!("  {s}"),
                })
                .collect()
        }
        RData::Srv {
            priority,
            weight,
            port,
            target,
        } => vec![format!("{priority} {weight} {port} {}", absolute(target))],
        RData::Caa(caa) => vec![format!("{} {} {}", caa.flags, caa.tag, quote(&caa.value))],
    }
}

/// `60` → `1 minute`, `5400` → `1 hour 30 minutes`.
pub(super) fn human_duration(secs: u32) -> String {
    if secs == 0 {
        return "0 seconds".into();
    }
    let units = [
        (86_400, "day"),
        (3_600, "hour"),
        (60, "minute"),
        (1, "second"),
    ];
    let mut rest = secs;
    let mut parts = Vec::new();
    for (size, name) in units {
        let n = rest / size;
        rest %= size;
        if n > 0 {
            parts.push(format!("{n} {name}{}", if n == 1 { "" } else { "s" }));
        }
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_escapes_quotes_backslashes_and_non_printables() {
        assert_eq!(quote(r#"say "hi""#), r#""say \"hi\"""#);
        assert_eq!(quote(r"C:\dir"), r#""C:\\dir""#);
        assert_eq!(quote("a\tb"), r#""a\009b""#);
        assert_eq!(quote("line1\nline2\r"), r#""line1\010line2\013""#);
        assert_eq!(quote("\u{7f}\u{0}"), r#""\127\000""#);
        // UTF-8 bytes, each as \DDD: é is C3 A9.
        assert_eq!(quote("café"), r#""caf\195\169""#);
        assert_eq!(quote("; ( ) $ @"), r#""; ( ) $ @""#);
        assert_eq!(quote(""), r#""""#);
    }

    /// The bytes a quoted string stands for.
    fn unquote(s: &str) -> Vec<u8> {
        let inner = s.strip_prefix('"').unwrap().strip_suffix('"').unwrap();
        let bytes = inner.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'\\' {
                if bytes[i + 1].is_ascii_digit() {
                    let n: u32 = inner[i + 1..i + 4].parse().unwrap();
                    out.push(u8::try_from(n).unwrap());
                    i += 4;
                } else {
                    out.push(bytes[i + 1]);
                    i += 2;
                }
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        out
    }

    fn round_trip(text: &str) -> Vec<String> {
        let strings = txt_strings(text);
        let mut joined = Vec::new();
        for s in &strings {
            let bytes = unquote(s);
            assert!(bytes.len() <= 255, "{} bytes in {s}", bytes.len());
            // Every piece is whole UTF-8: no character is cut in two.
            assert!(std::str::from_utf8(&bytes).is_ok(), "{s}");
            joined.extend(bytes);
        }
        assert_eq!(joined, text.as_bytes());
        strings
    }

    #[test]
    fn short_txt_is_one_string() {
        assert_eq!(round_trip("v=spf1 -all"), [r#""v=spf1 -all""#]);
        assert_eq!(round_trip(""), [r#""""#]);
    }

    #[test]
    fn long_txt_is_split_into_255_byte_strings() {
        let text = "x".repeat(2048);
        let strings = round_trip(&text);
        assert_eq!(strings.len(), 9);
        assert!(strings[..8].iter().all(|s| s.len() == 257));
        assert_eq!(strings[8].len(), 2048 - 8 * 255 + 2);
        // Exactly 255 bytes is one string; 256 is two.
        assert_eq!(round_trip(&"y".repeat(255)).len(), 1);
        assert_eq!(round_trip(&"y".repeat(256)).len(), 2);
    }

    #[test]
    fn splitting_counts_bytes_not_escapes() {
        // 255 quotes are 255 bytes (510 characters escaped): one string.
        let strings = round_trip(&"\"".repeat(255));
        assert_eq!(strings.len(), 1);
        assert_eq!(strings[0].len(), 2 + 510);
        let strings = round_trip(&"\\".repeat(300));
        assert_eq!(strings.len(), 2);
    }

    #[test]
    fn unicode_is_split_at_character_boundaries() {
        // é is 2 bytes: 127 of them (254 bytes) fit, the 128th would not.
        let strings = round_trip(&"é".repeat(200));
        assert_eq!(strings.len(), 2);
        assert_eq!(unquote(&strings[0]).len(), 254);
        // A 4-byte character straddling byte 255 moves to the next string.
        let text = format!("{}🦀tail", "a".repeat(253));
        let strings = round_trip(&text);
        assert_eq!(unquote(&strings[0]).len(), 253);
        assert!(unquote(&strings[1]).starts_with("🦀".as_bytes()));
    }

    #[test]
    fn tabs_and_newlines_in_long_values() {
        let text = "key=value;\tnext\n".repeat(40);
        let strings = round_trip(&text);
        assert!(strings
            .iter()
            .all(|s| !s.contains('\t') && !s.contains('\n')));
    }

    #[test]
    fn multi_string_txt_spans_lines_in_parentheses() {
        let lines = rdata_lines(&RData::Txt("z".repeat(600)));
        assert_eq!(lines.len(), 3);
        assert!(lines[0].starts_with("( \""));
        assert!(lines[1].starts_with("  \""));
        assert!(lines[2].ends_with("\" )"));
    }

    #[test]
    fn caa_and_srv_and_mx_presentation() {
        let caa = RData::Caa(Box::new(crate::check::ir::Caa {
            flags: 0,
            tag: "issuewild".into(),
            value: ";".into(),
        }));
        assert_eq!(rdata_lines(&caa), [r#"0 issuewild ";""#]);
        let srv = RData::Srv {
            priority: 0,
            weight: 0,
            port: 0,
            target: ".".into(),
        };
        assert_eq!(rdata_lines(&srv), ["0 0 0 ."]);
        let mx = RData::Mx {
            preference: 10,
            exchange: "mx1.example.com".into(),
        };
        assert_eq!(rdata_lines(&mx), ["10 mx1.example.com."]);
    }

    #[test]
    fn names() {
        assert_eq!(relative("example.com", "example.com"), "@");
        assert_eq!(relative("www.example.com", "example.com"), "www");
        assert_eq!(relative("badexample.com", "example.com"), "badexample.com.");
        assert_eq!(absolute("mx1.example.com"), "mx1.example.com.");
        assert_eq!(absolute("."), ".");
    }

    #[test]
    fn durations() {
        assert_eq!(human_duration(60), "1 minute");
        assert_eq!(human_duration(5400), "1 hour 30 minutes");
        assert_eq!(human_duration(1_209_600), "14 days");
    }
}
