//! Every diagnostic of the syntax stage, worded in one place: the parser
//! and the builder decide *that* something is wrong and where; these
//! constructors say it, so one code always reads the same way. Adding a
//! syntax diagnostic means a code in `SyntaxCode` (mod.rs) and a
//! constructor here.

use super::SyntaxCode;
use super::MAX_NESTING;
use crate::diagnostic::Diagnostic;
use crate::source::Span;

/// The file's bytes are not UTF-8; `offset` is the first bad byte.
pub(super) fn invalid_utf8(span: Span, offset: usize) -> Diagnostic {
    Diagnostic::new(
        SyntaxCode::InvalidUtf8,
        span,
        format!("the file is not valid UTF-8: invalid byte at offset {offset}"),
    )
    .label("not UTF-8")
    .hint("steer files must be UTF-8; re-save the file as UTF-8")
}

/// A bracket opens nesting level `depth`, beyond [`MAX_NESTING`].
pub(super) fn nesting_too_deep(span: Span, depth: usize) -> Diagnostic {
    Diagnostic::new(
        SyntaxCode::NestingTooDeep,
        span,
        format!("nesting deeper than {MAX_NESTING} levels"),
    )
    .label(format!("level {depth} starts here"))
    .hint(
        "name the inner parts (an endpoint, a calculated check) instead of nesting them this deep",
    )
}

/// The grammar stopped at `found` (empty at the end of the file), where it
/// would have accepted one of `expected` (already described for people,
/// sorted; may be empty).
pub(super) fn unexpected(
    span: Span,
    found: &str,
    expected: &[String],
    hint: Option<String>,
) -> Diagnostic {
    let found_text = if found.is_empty() {
        "end of file".to_string()
    } else {
        format!("`{found}`")
    };
    let message = if expected.is_empty() {
        format!("unexpected {found_text}")
    } else {
        format!("expected {}, found {found_text}", join_or(expected))
    };
    Diagnostic::new(SyntaxCode::SyntaxError, span, message)
        .label(if found.is_empty() {
            "the file ends here"
        } else {
            "unexpected here"
        })
        .maybe_hint(hint)
}

/// A bracket opened at `open` (line and column `at`) is not closed where
/// the parser noticed (`span`: the next item, a closer of another kind,
/// or the end of the file, when `found` is empty).
pub(super) fn unclosed(
    span: Span,
    open: Span,
    bracket: char,
    owner: Option<&str>,
    at: (usize, usize),
    found: &str,
) -> Diagnostic {
    let closer = match bracket {
        '{' => '}',
        '[' => ']',
        _ => ')',
    };
    let what = match (owner, bracket) {
        (Some(owner), '{') => format!("`{owner}` block"),
        (Some(owner), '[') => format!("`{owner}` list"),
        _ => format!("`{bracket}`"),
    };
    let (line, column) = at;
    let before = if found.is_empty() {
        "the end of the file".to_string()
    } else {
        format!("`{found}`")
    };
    Diagnostic::new(
        SyntaxCode::SyntaxError,
        span,
        format!("{what} opened at {line}:{column} is not closed"),
    )
    .label(format!("`{closer}` expected before this"))
    .with_secondary(open, format!("{what} opened here"))
    .hint(format!("add `{closer}` before {before}"))
}

/// After `policy` stood the wrong bracket: it takes `brackets`.
pub(super) fn policy_brackets_hint(policy: &str, brackets: &str, example: &str) -> String {
    format!("`{policy}` takes its members in `{brackets}`, e.g. `{example}`")
}

/// `weighted { a 95% }`.
pub(super) fn percent_weight_hint() -> String {
    "a weight is a whole number from 0 to 255, a share relative to the other members' \
     weights, not a percentage: drop the `%` (`a 3  b 1` sends three quarters to `a`)"
        .to_string()
}

/// `continent "EU"`.
pub(super) fn quoted_location_hint(kind: &str, code: &str) -> String {
    format!("location codes are bare words: write `{kind} {code}`")
}

/// "an item (`zone`, ...)" in expected-token lists.
pub(super) fn an_item(keywords: &[&str]) -> String {
    let listed: Vec<String> = keywords.iter().map(|k| format!("`{k}`")).collect();
    format!("an item ({})", listed.join(", "))
}

/// "a member" in expected-token lists: a name or a policy.
pub(super) fn a_member() -> String {
    "a member (an endpoint or pool name, or a policy: `failover`, `weighted`, ...)".to_string()
}

fn join_or(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {}", init.join(", "), last),
    }
}

/// A once-only setting `what` is written again at `span`.
pub(super) fn duplicate_setting(span: Span, what: &str) -> Diagnostic {
    Diagnostic::new(
        SyntaxCode::DuplicateSetting,
        span,
        format!("`{what}` is set more than once in this block"),
    )
    .label("set again here")
    .hint(format!("keep one `{what}`"))
}

/// `stay stay x`: the second `stay` is at `span`.
pub(super) fn duplicate_stay(span: Span) -> Diagnostic {
    Diagnostic::new(
        SyntaxCode::DuplicateSetting,
        span,
        "`stay` is written twice before this member",
    )
    .label("written again here")
    .hint("keep one `stay`")
}

/// `stay x id "a"` inside another `id "b"`: one member, two identifiers.
pub(super) fn duplicate_set_id(span: Span, first: Span) -> Diagnostic {
    Diagnostic::new(
        SyntaxCode::DuplicateSetting,
        span,
        "this member's set identifier is written twice",
    )
    .label("written again here")
    .with_secondary(first, "first written here")
    .hint("keep one `id`")
}

/// `check a check b` after one member: one use, two checks.
pub(super) fn duplicate_use_check(span: Span, first: Span) -> Diagnostic {
    Diagnostic::new(
        SyntaxCode::DuplicateSetting,
        span,
        "this member's health check is written twice",
    )
    .label("written again here")
    .with_secondary(first, "first written here")
    .hint(
        "keep one `check`; to require several checks, declare `check both = all(a, b)` and use it",
    )
}

/// A backslash escape steer does not know, such as `\q`.
pub(super) fn unknown_escape(span: Span, escaped: char) -> Diagnostic {
    invalid_escape(
        span,
        format!("unknown escape `\\{escaped}`; known escapes are \\\" \\\\ \\n \\t \\r \\u{{...}}"),
    )
}

/// A `\u{...}` that does not name a Unicode scalar value.
pub(super) fn invalid_unicode_escape(span: Span) -> Diagnostic {
    invalid_escape(
        span,
        "`\\u{...}` needs 1 to 6 hex digits naming a Unicode scalar value".to_string(),
    )
}

fn invalid_escape(span: Span, message: String) -> Diagnostic {
    Diagnostic::new(SyntaxCode::InvalidEscape, span, message)
        .label("this escape")
        .hint("write a literal backslash as `\\\\`")
}

/// An integer that does not fit in 64 bits.
pub(super) fn number_too_large(span: Span, written: &str) -> Diagnostic {
    Diagnostic::new(
        SyntaxCode::InvalidNumber,
        span,
        format!("`{written}` is too large a number"),
    )
    .label("out of range")
}

pub(super) fn negative_duration(span: Span, written: &str) -> Diagnostic {
    Diagnostic::new(
        SyntaxCode::InvalidDuration,
        span,
        format!("`{written}` is negative; durations count seconds from zero"),
    )
    .label("negative")
}

pub(super) fn unknown_duration_unit(span: Span, unit: &str) -> Diagnostic {
    Diagnostic::new(
        SyntaxCode::InvalidDuration,
        span,
        format!("`{unit}` is not a duration unit"),
    )
    .label("unknown unit")
    .hint("use s (seconds), m (minutes), h (hours), d (days) or w (weeks), e.g. `5m`")
}

const DURATION_UNITS: &str = "one number and one unit: s, m, h, d or w";

/// A unit written as a word or in capitals (`10sec`); `written` is the
/// token written right, when there is an exact one.
pub(super) fn misspelled_duration_unit(
    span: Span,
    unit: &str,
    written: Option<String>,
) -> Diagnostic {
    Diagnostic::new(
        SyntaxCode::InvalidDuration,
        span,
        format!("`{unit}` is not a duration unit"),
    )
    .label("unknown unit")
    .hint(match written {
        Some(w) => format!("write `{w}` (a duration is {DURATION_UNITS})"),
        None => format!("a duration is {DURATION_UNITS}"),
    })
}

/// `1h30m`; `written` is the same duration in one unit.
pub(super) fn combined_duration(span: Span, text: &str, written: Option<String>) -> Diagnostic {
    Diagnostic::new(
        SyntaxCode::InvalidDuration,
        span,
        format!("`{text}` combines units; a duration is {DURATION_UNITS}"),
    )
    .label("several units")
    .hint(match written {
        Some(w) => format!("write `{w}`"),
        None => "write the whole duration in one unit, in whole seconds at least".to_string(),
    })
}

/// `1.5h`; `written` is the same duration in a whole number of one unit.
pub(super) fn fractional_duration(span: Span, text: &str, written: Option<String>) -> Diagnostic {
    Diagnostic::new(
        SyntaxCode::InvalidDuration,
        span,
        format!("`{text}` has a fraction; durations are whole numbers"),
    )
    .label("fraction")
    .hint(match written {
        Some(w) => format!("write `{w}`"),
        None => "durations count whole seconds: round it".to_string(),
    })
}

/// A duration whose seconds do not fit in 64 bits.
pub(super) fn duration_too_long(span: Span, written: &str) -> Diagnostic {
    Diagnostic::new(
        SyntaxCode::InvalidDuration,
        span,
        format!("`{written}` is too long a duration"),
    )
    .label("out of range")
}

/// A health check's unquoted target that is not an IP address.
pub(super) fn not_an_ip_address(span: Span, written: &str) -> Diagnostic {
    Diagnostic::new(
        SyntaxCode::InvalidAddress,
        span,
        format!("`{written}` is not an IP address"),
    )
    .label("not an IPv4 or IPv6 address")
    .hint(if written.chars().all(|c| c.is_ascii_digit() || c == '.') {
        "an IPv4 address is four numbers from 0 to 255, e.g. `203.0.113.10`"
    } else {
        "write a host name as a quoted string, e.g. `\"ireland.myshop.com\"`"
    })
}
