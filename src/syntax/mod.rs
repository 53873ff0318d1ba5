//! Stage 1: source text → typed AST ([`ast::File`]) with spans.
//!
//! Parsing never gives up on a file: it reads one item at a time and, after
//! a syntax error, resumes at the next line that starts an item, so one typo
//! does not hide every other problem. The parser knows nothing of backends.
//!
//! - `parse.rs` drives pest: the pre-pass over the bytes (nesting guard,
//!   comment positions), item-by-item parsing, recovery;
//! - `build.rs` turns pest pairs into the tree and records the nodes
//!   comments can attach to;
//! - `comments.rs` attaches each comment to a node by position (the grammar
//!   skips comments; the tree keeps them, for printers);
//! - `duration.rs` reads duration tokens (the grammar's are permissive)
//!   and says what is wrong with `1h30m`, `1.5h` or `10sec`;
//! - `brackets.rs` finds the bracket left open at a syntax error and knows
//!   the brackets each policy takes, for hints;
//! - `messages.rs` words every diagnostic of this stage.

pub mod ast;
mod brackets;
mod build;
mod comments;
mod duration;
mod messages;
mod parse;

pub use parse::{
    decode_utf8, first_zone, grammar_matches, parse_file, parse_file_with, MAX_NESTING,
    PARALLEL_MIN_BYTES,
};

use crate::diagnostic_codes;

diagnostic_codes! {
    /// Codes of the syntax stage.
    pub enum SyntaxCode {
        InvalidUtf8 => ("invalid-utf8", Error,
            "The file is not valid UTF-8; the diagnostic names the first bad byte offset."),
        SyntaxError => ("syntax-error", Error,
            "The text does not follow the grammar: something else was expected at this point."),
        NestingTooDeep => ("nesting-too-deep", Error,
            "Brackets or policies are nested deeper than 48 levels, steer's limit."),
        InvalidEscape => ("invalid-escape", Error,
            "A string contains a backslash escape steer does not know, or a malformed `\\u{...}`."),
        DuplicateSetting => ("duplicate-setting", Error,
            "A setting that may appear once in a block is written twice."),
        InvalidNumber => ("invalid-number", Error,
            "An integer does not fit in 64 bits."),
        InvalidDuration => ("invalid-duration", Error,
            "A duration has an unknown unit, combines units, has a fraction, is negative, or is too large (units: s, m, h, d, w)."),
        InvalidAddress => ("invalid-address", Error,
            "A health check's unquoted target is not a valid IP address."),
    }
}

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/steer.pest"]
pub(crate) struct SteerParser;
