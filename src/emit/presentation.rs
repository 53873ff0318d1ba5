//! Text inside record data, as targets write it: TXT data split into
//! character-strings and bytes escaped inside quoted strings.
//!
//! The forms differ by reader. Route 53 reads `\DDD` as *octal* (its "TXT
//! record format" documentation) and also limits a string to 255
//! characters as written; a zone file (RFC 1035 §5.1) reads `\DDD` as
//! *decimal* and limits only the 255 bytes of the string itself.

/// How bytes are escaped inside a quoted character-string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Escaping {
    /// Route 53 as it writes values back (what Terraform compares against):
    /// `"` as `\"`, bytes outside printable ASCII as `\` and three octal
    /// digits.
    Route53,
    /// Route 53 with `"` as `\042`, which Route 53 reads the same way and
    /// cfn-lint's TXT pattern (unlike `\"`) accepts.
    Route53OctalQuote,
    /// A zone file: `"` as `\"`, bytes outside printable ASCII as `\` and
    /// three decimal digits.
    MasterFile,
}

impl Escaping {
    /// Whether a string's escaped form must also fit in 255 characters.
    fn limits_escaped_length(self) -> bool {
        self != Escaping::MasterFile
    }
}

/// The largest character-string, in bytes (RFC 1035 §3.3).
const MAX_STRING: usize = 255;

/// Escapes bytes for a quoted string: `\` backslash-escaped, `"` and bytes
/// outside printable ASCII (controls, the bytes of UTF-8 characters) as
/// `escaping` says.
pub fn escape_quoted(bytes: &[u8], escaping: Escaping) -> String {
    let mut s = String::with_capacity(bytes.len());
    for &b in bytes {
        match b {
            b'"' if escaping == Escaping::Route53OctalQuote => s.push_str("\\042"),
            b'"' => s.push_str("\\\""),
            b'\\' => s.push_str("\\\\"),
            0x20..=0x7e => s.push(b as char),
            _ if escaping == Escaping::MasterFile => s.push_str(&format!("\\{b:03}")),
            _ => s.push_str(&format!("\\{b:03o}")),
        }
    }
    s
}

/// Splits TXT data into character-strings, each escaped with
/// [`escape_quoted`] (without the quotes). A string holds at most 255 bytes
/// and, for Route 53, at most 255 characters once escaped; splits fall on
/// UTF-8 character boundaries. Empty data is one empty string.
pub fn character_strings(text: &str, escaping: Escaping) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut raw_len = 0;
    for c in text.chars() {
        let mut buf = [0u8; 4];
        let escaped = escape_quoted(c.encode_utf8(&mut buf).as_bytes(), escaping);
        let too_long =
            escaping.limits_escaped_length() && current.len() + escaped.len() > MAX_STRING;
        if raw_len + c.len_utf8() > MAX_STRING || too_long {
            out.push(std::mem::take(&mut current));
            raw_len = 0;
        }
        raw_len += c.len_utf8();
        current.push_str(&escaped);
    }
    out.push(current);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn txt_splits_at_255_bytes_on_char_boundaries() {
        let long = "a".repeat(254) + "é" + &"b".repeat(10);
        let parts = character_strings(&long, Escaping::Route53);
        // "é" (2 bytes, 8 characters escaped) would cross 255: it starts
        // the second string.
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0], "a".repeat(254));
        assert_eq!(parts[1], format!("\\303\\251{}", "b".repeat(10)));
        // Escaped length counts too for Route 53: 64 escaped characters of
        // 4 bytes each; a zone file counts bytes only.
        let wide = "\u{1F600}".repeat(20);
        assert!(character_strings(&wide, Escaping::Route53OctalQuote)
            .iter()
            .all(|s| s.len() <= 255));
        assert_eq!(character_strings(&wide, Escaping::MasterFile).len(), 1);
        assert_eq!(character_strings("", Escaping::MasterFile), [""]);
    }

    #[test]
    fn route53_data_is_split_at_255_bytes_and_escaped_in_octal() {
        let txt = |s: &str| character_strings(s, Escaping::Route53);
        assert_eq!(txt(""), vec![String::new()]);
        assert_eq!(
            txt("say \"hi\" \\"),
            vec!["say \\\"hi\\\" \\\\".to_string()]
        );
        assert_eq!(txt("tab\there\n"), vec!["tab\\011here\\012".to_string()]);
        assert_eq!(txt("é"), vec!["\\303\\251".to_string()]);
        let long = "a".repeat(254) + "é" + &"b".repeat(300);
        let parts = txt(&long);
        // "é" (2 bytes) would cross 255: it starts the second string,
        // which is then full at 255 escaped characters.
        assert_eq!(parts[0], "a".repeat(254));
        assert_eq!(parts[1], format!("\\303\\251{}", "b".repeat(247)));
        assert_eq!(parts[2], "b".repeat(53));
    }

    #[test]
    fn quoted_strings_escape_quotes_backslashes_and_controls() {
        assert_eq!(
            escape_quoted(b"a\"b\\c\td", Escaping::Route53),
            "a\\\"b\\\\c\\011d"
        );
        assert_eq!(
            escape_quoted(b"a\"b", Escaping::Route53OctalQuote),
            "a\\042b"
        );
        assert_eq!(
            escape_quoted("a\"b\\c\td é".as_bytes(), Escaping::MasterFile),
            "a\\\"b\\\\c\\009d \\195\\169"
        );
    }
}
