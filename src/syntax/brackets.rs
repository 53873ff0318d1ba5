//! Brackets at a syntax error: the block left open when the parser stops
//! at the next item, at a closer of another kind, or at the end of the
//! file; and the bracket kind each routing policy takes.

use super::parse::ITEM_KEYWORDS;

/// An opening bracket left open, and where the parser noticed.
pub(super) struct Unclosed {
    /// Byte offset of the opening bracket.
    pub open: usize,
    pub bracket: char,
    /// What the bracket opens (`zone`, `weighted`, `a`), when known.
    pub owner: Option<String>,
    /// Where the missing closer was noticed: the next item's keyword, a
    /// closer of another kind, or the end of the file.
    pub noticed: usize,
}

/// Items whose own `{` follows their name.
const BLOCK_ITEMS: [&str; 6] = [
    "zone",
    "region",
    "check",
    "endpoint",
    "cidr_collection",
    "input",
];

/// The keywords that start a policy member; all but `cidr` (whose
/// collection name comes first) and `stay` take their bracket directly.
pub(super) const POLICY_KEYWORDS: [&str; 8] = [
    "failover",
    "latency",
    "geolocation",
    "weighted",
    "multivalue",
    "geoproximity",
    "cidr",
    "stay",
];

/// Other words whose brackets follow them directly (nested blocks, lists
/// of settings and values, calculated checks).
const BRACKET_WORDS: [&str; 10] = [
    "soa",
    "private",
    "tags",
    "from",
    "nameservers",
    "a",
    "aaaa",
    "all",
    "any",
    "at_least",
];

/// Scans the item that starts at `item_start` up to the error at `at`
/// (reading strings and comments as the grammar does) for a bracket left
/// open: one still open where a line starts with an item keyword, where a
/// closer of another kind stands, or at the end of the file.
pub(super) fn unclosed(text: &str, item_start: usize, at: usize) -> Option<Unclosed> {
    let bytes = text.as_bytes();
    let mut stack: Vec<(usize, u8)> = Vec::new();
    let noticed = |stack: &[(usize, u8)], pos: usize| {
        let &(open, b) = stack.last()?;
        Some(Unclosed {
            open,
            bracket: b as char,
            owner: owner(text, item_start, open, stack.len() == 1),
            noticed: pos,
        })
    };
    let mut i = item_start;
    while i < at.min(bytes.len()) {
        match bytes[i] {
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
                    i += 1;
                }
                continue;
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && !matches!(bytes[i], b'"' | b'\n' | b'\r') {
                    if bytes[i] == b'\\' && bytes.get(i + 1).is_some_and(|b| *b != b'\n') {
                        i += 1;
                    }
                    i += 1;
                }
            }
            b'\n' if !stack.is_empty() && starts_item(text, i + 1) => {
                return noticed(&stack, i + 1);
            }
            b @ (b'{' | b'[' | b'(') => stack.push((i, b)),
            b @ (b'}' | b']' | b')') => match stack.last() {
                Some(&(_, open)) if closer(open) == b => {
                    stack.pop();
                }
                Some(_) => return noticed(&stack, i),
                None => return None,
            },
            _ => {}
        }
        i += 1;
    }
    let rest = text.get(at..)?;
    let next = rest.trim_start().as_bytes().first().copied();
    match next {
        None => noticed(&stack, text.len()),
        Some(b @ (b'}' | b']' | b')')) => match stack.last() {
            Some(&(_, open)) if closer(open) != b => noticed(&stack, at),
            _ => None,
        },
        _ => None,
    }
}

fn closer(open: u8) -> u8 {
    match open {
        b'{' => b'}',
        b'[' => b']',
        _ => b')',
    }
}

/// Whether an item keyword starts at `pos`, in column 0.
pub(super) fn starts_item(text: &str, pos: usize) -> bool {
    let rest = &text[pos.min(text.len())..];
    ITEM_KEYWORDS.iter().any(|k| {
        rest.starts_with(k)
            && rest[k.len()..]
                .chars()
                .next()
                .is_none_or(|c| c.is_whitespace() || c == '{')
    })
}

/// What the bracket at `open` opens: the item (`zone "x" {`), or the word
/// before it (`weighted {`, `a [`, `cidr NAME {`).
fn owner(text: &str, item_start: usize, open: usize, outermost: bool) -> Option<String> {
    let item = first_word(&text[item_start..]);
    if outermost && text.as_bytes()[open] == b'{' && BLOCK_ITEMS.contains(&item) {
        return Some(item.to_string());
    }
    let before = word_before(text, open);
    if BRACKET_WORDS.contains(&before) || POLICY_KEYWORDS[..6].contains(&before) {
        return Some(before.to_string());
    }
    let start = before.as_ptr() as usize - text.as_ptr() as usize;
    (!before.is_empty() && word_before(text, start) == "cidr").then(|| "cidr".to_string())
}

fn first_word(text: &str) -> &str {
    let text = text.trim_start();
    let end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    &text[..end]
}

/// The word just before `pos`, skipping blanks (empty when something else
/// is there).
pub(super) fn word_before(text: &str, pos: usize) -> &str {
    let head = text[..pos].trim_end();
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '_'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &head[start..]
}

/// The brackets and an example of each routing policy.
pub(super) fn policy_form(keyword: &str) -> Option<(&'static str, &'static str)> {
    Some(match keyword {
        "failover" => ("{ ... }", "failover { primary a  secondary b }"),
        "latency" => ("[ ... ]", "latency [a, b]"),
        "geolocation" => ("{ ... }", "geolocation { continent EU => a  default => b }"),
        "weighted" => ("{ ... }", "weighted { a 3  b 1 }"),
        "multivalue" => ("[ ... ]", "multivalue [a, b]"),
        "geoproximity" => ("[ ... ]", "geoproximity [a, b bias 10]"),
        "cidr" => ("NAME { ... }", "cidr offices { hq => a  default => b }"),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(text: &str, at: usize) -> Option<(usize, char, Option<String>, usize)> {
        unclosed(text, 0, at).map(|u| (u.open, u.bracket, u.owner, u.noticed))
    }

    #[test]
    fn names_the_block_left_open_at_the_next_item() {
        let text = "zone \"x\" {\n  ttl 60s\n\nendpoint a { a [192.0.2.1] }\n";
        let at = text.find("endpoint").unwrap();
        assert_eq!(find(text, at), Some((9, '{', Some("zone".into()), at)));
    }

    #[test]
    fn names_a_list_closed_by_the_wrong_bracket() {
        let text = "endpoint a { a [192.0.2.1 }";
        let at = text.find('}').unwrap();
        assert_eq!(find(text, at), Some((15, '[', Some("a".into()), at)));
    }

    #[test]
    fn names_a_policy_open_at_the_end_of_the_file() {
        let text = "record www A = cidr offices { hq => a\n";
        assert_eq!(
            find(text, text.len()),
            Some((28, '{', Some("cidr".into()), text.len()))
        );
    }

    #[test]
    fn word_before_stops_at_any_character() {
        assert_eq!(word_before("a\u{feff}bc {", 7), "bc");
        assert_eq!(word_before("\u{feff}", 3), "");
    }

    #[test]
    fn ignores_brackets_in_strings_and_comments_and_closed_blocks() {
        let text = "zone \"{\" { # {\n ttl 60s }\nendpoint";
        assert_eq!(find(text, text.len()), None);
    }
}
