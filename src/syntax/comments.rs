//! Placing comments. The parser's pre-pass finds every comment (it reads
//! strings, so a `#` inside one is not a comment); the builder records
//! where each node that can carry comments starts and ends; this module
//! gives each comment its [`Attachment`] from positions alone, in one pass
//! over both lists. It runs only for files that have comments.

use super::ast::{Attachment, Comment, Comments};
use crate::source::{FileId, Span};
use rustc_hash::FxHashMap;
use std::cmp::Reverse;
use std::ops::Range;

/// Attaches `found` (comment byte ranges, in order) to `nodes` (start and
/// end of every node, in any order).
pub(super) fn attach(
    file: FileId,
    text: &str,
    found: &[Range<usize>],
    mut nodes: Vec<(u32, u32)>,
) -> Comments {
    if found.is_empty() {
        return Comments::default();
    }
    // Where the code before each comment on its line ends, and where the
    // code after a comment alone on its line starts when it is on the next
    // line: only these positions are looked up among the nodes, so what
    // is kept of the nodes is the size of the comments, not of the file
    // (maps of every node's start and end were 29 MB of the parse's peak
    // for a 100k-record file with one comment).
    let code_before: Vec<Option<u32>> = found
        .iter()
        .map(|comment| line_before(text, comment.start).map(|end| end as u32))
        .collect();
    let code_below: Vec<Option<u32>> = found
        .iter()
        .zip(&code_before)
        .map(|(comment, before)| {
            if before.is_some() {
                return None;
            }
            let rest = &text[comment.end..];
            let next = comment.end + (rest.len() - trim_space(rest).len());
            (line_breaks(&text[comment.end..next]) == 1).then_some(next as u32)
        })
        .collect();
    let mut outermost_at: FxHashMap<u32, Option<u32>> =
        code_below.iter().flatten().map(|&at| (at, None)).collect();
    let mut ends: FxHashMap<u32, bool> = code_before
        .iter()
        .flatten()
        .map(|&at| (at, false))
        .collect();
    // Outer nodes before the nodes they contain.
    nodes.sort_unstable_by_key(|&(start, end)| (start, Reverse(end)));
    nodes.dedup();
    for &(start, end) in &nodes {
        if let Some(outermost) = outermost_at.get_mut(&start) {
            *outermost = (*outermost).max(Some(end));
        }
        if let Some(is_end) = ends.get_mut(&end) {
            *is_end = true;
        }
    }

    // A comment is leading when the line below it starts a node or holds a
    // leading comment, so these are found from the last comment back.
    let mut leading: Vec<Option<u32>> = vec![None; found.len()];
    for i in (0..found.len()).rev() {
        let Some(next) = code_below[i] else {
            continue;
        };
        leading[i] = match found.get(i + 1) {
            Some(below) if below.start == next as usize => leading[i + 1],
            _ => outermost_at.get(&next).copied().flatten(),
        };
    }

    // The nodes that contain the current comment, innermost last.
    let mut open: Vec<(u32, u32)> = Vec::new();
    let mut pending = nodes.iter().copied().peekable();
    let comments = found
        .iter()
        .zip(leading)
        .enumerate()
        .map(|(i, (range, leading))| {
            let at = range.start as u32;
            while let Some(node) = pending.next_if(|&(start, _)| start <= at) {
                close_before(&mut open, node.0);
                open.push(node);
            }
            close_before(&mut open, at);
            let trailing = code_before[i].filter(|end| ends[end]);
            let attachment = match (leading, trailing) {
                (Some(end), _) => Attachment::Leading(end),
                (None, Some(end)) => Attachment::Trailing(end),
                (None, None) => open
                    .last()
                    .map_or(Attachment::TopLevel, |&(_, end)| Attachment::Inner(end)),
            };
            Comment {
                text: text[range.clone()].to_string(),
                span: Span::new(file, range.start, range.end),
                attachment,
            }
        })
        .collect();
    Comments::new(comments)
}

/// Pops the nodes that end at or before `at`.
fn close_before(open: &mut Vec<(u32, u32)>, at: u32) {
    while open.last().is_some_and(|&(_, end)| end <= at) {
        open.pop();
    }
}

/// Where the code before a comment on its line ends (before a `,` that
/// separates it from the comment), or `None` for a comment on a line of
/// its own.
fn line_before(text: &str, comment_start: usize) -> Option<usize> {
    let line_start = text[..comment_start]
        .rfind(['\n', '\r'])
        .map_or(0, |i| i + 1);
    let before = trim_space_end(&text[line_start..comment_start]);
    if before.is_empty() {
        return None;
    }
    let before = before.strip_suffix(',').map_or(before, trim_space_end);
    Some(line_start + before.len())
}

/// The grammar's whitespace: spaces, tabs, line breaks and the BOM.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n' | '\u{FEFF}')
}

pub(super) fn trim_space(s: &str) -> &str {
    s.trim_start_matches(is_space)
}

fn trim_space_end(s: &str) -> &str {
    s.trim_end_matches(is_space)
}

/// How many lines end in `s` (`\n`, `\r\n` or a lone `\r`).
fn line_breaks(s: &str) -> usize {
    let bytes = s.as_bytes();
    bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count()
}
