//! The unified diff `steer fmt --check` prints, bounded to linear work.
//!
//! Myers' algorithm (similar's default) costs O((N+M)·D): on a file whose
//! every line the formatter changes, D is the file's length and the diff
//! quadratic (the octoDNS kit's 10k-record zone, 50,000 lines, took 134 s).
//! So only regions small enough are diffed line by line; a larger region is
//! first cut at lines that occur exactly once on each side and in the same
//! order (patience anchors), and a piece still too large is one hunk that
//! replaces it whole. Every step is deterministic: the same input gives
//! the same diff. Inputs small enough get exactly similar's diff.

use similar::{Algorithm, DiffOp, DiffTag, DiffableStr};
use std::collections::HashMap;
use std::fmt::Write;
use std::ops::Range;

/// The largest region (old lines × new lines) diffed line by line.
const LINE_BY_LINE: usize = 4_000_000;

/// A unified diff from `before` to `after` with three lines of context,
/// in similar's format (`--- name`, `+++ name (formatted)`, `@@` hunks,
/// `\ No newline at end of file`).
pub fn unified(name: &str, before: &str, after: &str) -> String {
    unified_bounded(name, before, after, LINE_BY_LINE)
}

fn unified_bounded(name: &str, before: &str, after: &str, limit: usize) -> String {
    let old = before.tokenize_lines();
    let new = after.tokenize_lines();
    let ops = line_ops(&old, &new, limit);
    let mut out = String::new();
    for (i, group) in similar::group_diff_ops(ops, 3)
        .into_iter()
        .filter(|g| !g.is_empty())
        .enumerate()
    {
        if i == 0 {
            let _ = writeln!(out, "--- {name}");
            let _ = writeln!(out, "+++ {name} (formatted)");
        }
        hunk(&mut out, &group, &old, &new);
    }
    out
}

/// One hunk, as similar's `UnifiedDiffHunk` writes it.
fn hunk(out: &mut String, ops: &[DiffOp], old: &[&str], new: &[&str]) {
    let (first, last) = (ops[0], ops[ops.len() - 1]);
    let _ = writeln!(
        out,
        "@@ -{} +{} @@",
        HunkRange(first.old_range().start, last.old_range().end),
        HunkRange(first.new_range().start, last.new_range().end)
    );
    for op in ops {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        let lines: Vec<(char, &str)> = match tag {
            DiffTag::Equal => old[old_range].iter().map(|l| (' ', *l)).collect(),
            DiffTag::Delete => old[old_range].iter().map(|l| ('-', *l)).collect(),
            DiffTag::Insert => new[new_range].iter().map(|l| ('+', *l)).collect(),
            DiffTag::Replace => old[old_range]
                .iter()
                .map(|l| ('-', *l))
                .chain(new[new_range].iter().map(|l| ('+', *l)))
                .collect(),
        };
        for (sign, line) in lines {
            out.push(sign);
            out.push_str(line);
            if !line.ends_with_newline() {
                out.push_str("\n\\ No newline at end of file\n");
            }
        }
    }
}

/// `start,len` (1-based; an empty range starts at the line before it).
struct HunkRange(usize, usize);

impl std::fmt::Display for HunkRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let len = self.1.saturating_sub(self.0);
        match len {
            1 => write!(f, "{}", self.0 + 1),
            0 => write!(f, "{},0", self.0),
            _ => write!(f, "{},{len}", self.0 + 1),
        }
    }
}

/// The line operations from `old` to `new`.
fn line_ops(old: &[&str], new: &[&str], limit: usize) -> Vec<DiffOp> {
    if old.len().saturating_mul(new.len()) <= limit {
        return similar::capture_diff_slices(Algorithm::Myers, old, new);
    }
    let mut ops = Vec::new();
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(new[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    equal(&mut ops, 0, 0, prefix);
    let (old_mid, new_mid) = (prefix..old.len() - suffix, prefix..new.len() - suffix);
    let mut at = (old_mid.start, new_mid.start);
    for (a, b) in anchors(old, old_mid.clone(), new, new_mid.clone()) {
        region(&mut ops, old, at.0..a, new, at.1..b, limit);
        equal(&mut ops, a, b, 1);
        at = (a + 1, b + 1);
    }
    region(
        &mut ops,
        old,
        at.0..old_mid.end,
        new,
        at.1..new_mid.end,
        limit,
    );
    equal(&mut ops, old_mid.end, new_mid.end, suffix);
    ops
}

/// A region between anchors: diffed line by line when small enough, else
/// replaced whole.
fn region(
    ops: &mut Vec<DiffOp>,
    old: &[&str],
    old_range: Range<usize>,
    new: &[&str],
    new_range: Range<usize>,
    limit: usize,
) {
    let (m, n) = (old_range.len(), new_range.len());
    if m == 0 && n == 0 {
        return;
    }
    if m.saturating_mul(n) <= limit {
        for op in similar::capture_diff(Algorithm::Myers, old, old_range, new, new_range) {
            push(ops, op);
        }
        return;
    }
    push(
        ops,
        DiffOp::Replace {
            old_index: old_range.start,
            old_len: m,
            new_index: new_range.start,
            new_len: n,
        },
    );
}

fn equal(ops: &mut Vec<DiffOp>, old_index: usize, new_index: usize, len: usize) {
    if len > 0 {
        push(
            ops,
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            },
        );
    }
}

/// Appends `op`, merging it into the last one when both are equal runs.
fn push(ops: &mut Vec<DiffOp>, op: DiffOp) {
    if let (
        Some(DiffOp::Equal {
            old_index, len: l, ..
        }),
        DiffOp::Equal {
            old_index: next,
            len,
            ..
        },
    ) = (ops.last_mut(), op)
    {
        if *old_index + *l == next {
            *l += len;
            return;
        }
    }
    ops.push(op);
}

/// Lines that occur exactly once in each range, as (old, new) index
/// pairs, the longest run of them in the same order on both sides
/// (patience sorting: O(k log k) for k such lines).
fn anchors(
    old: &[&str],
    old_range: Range<usize>,
    new: &[&str],
    new_range: Range<usize>,
) -> Vec<(usize, usize)> {
    // line → (times in old, its index there, times in new, its index there)
    let mut seen: HashMap<&str, (u32, usize, u32, usize)> = HashMap::new();
    for i in old_range {
        let e = seen.entry(old[i]).or_insert((0, i, 0, 0));
        e.0 += 1;
        e.1 = i;
    }
    for j in new_range {
        if let Some(e) = seen.get_mut(new[j]) {
            e.2 += 1;
            e.3 = j;
        }
    }
    let mut pairs: Vec<(usize, usize)> = seen
        .into_values()
        .filter(|&(in_old, _, in_new, _)| in_old == 1 && in_new == 1)
        .map(|(_, i, _, j)| (i, j))
        .collect();
    pairs.sort_unstable();
    // Longest increasing subsequence of the new indices.
    let mut tails: Vec<usize> = Vec::new(); // index into pairs
    let mut before: Vec<Option<usize>> = vec![None; pairs.len()];
    for (k, &(_, j)) in pairs.iter().enumerate() {
        let at = tails.partition_point(|&t| pairs[t].1 < j);
        before[k] = at.checked_sub(1).map(|p| tails[p]);
        if at == tails.len() {
            tails.push(k);
        } else {
            tails[at] = k;
        }
    }
    let mut chain = Vec::with_capacity(tails.len());
    let mut k = tails.last().copied();
    while let Some(i) = k {
        chain.push(pairs[i]);
        k = before[i];
    }
    chain.reverse();
    chain
}

#[cfg(test)]
mod tests {
    use super::*;

    fn similars(name: &str, before: &str, after: &str) -> String {
        similar::TextDiff::from_lines(before, after)
            .unified_diff()
            .context_radius(3)
            .header(name, &format!("{name} (formatted)"))
            .to_string()
    }

    const CASES: &[(&str, &str)] = &[
        ("a\nb\nc\n", "a\nb\nc\n"),
        ("a\nb\nc\n", "a\nB\nc\n"),
        ("a\nb\nc", "a\nb\nc\n"),
        ("a\nb\nc\n", "a\nb\nc"),
        ("", "x\n"),
        ("x\n", ""),
        ("a\r\nb\r\n", "a\nb\n"),
        (
            "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n",
            "0\n1\n2\n3\n4\n5\nsix\n7\n8\n9\n10\n11\n12\n13\n",
        ),
    ];

    /// Below the bound the diff is similar's, byte for byte.
    #[test]
    fn small_inputs_get_similars_diff() {
        for (before, after) in CASES {
            assert_eq!(
                unified("f.steer", before, after),
                similars("f.steer", before, after),
                "{before:?} → {after:?}"
            );
        }
    }

    /// Above it (a bound of 0 forces the cut), the diff still takes
    /// `before` to `after`: applying it gives `after`.
    #[test]
    fn bounded_diffs_are_correct() {
        let mut many_old = String::new();
        let mut many_new = String::new();
        for i in 0..200 {
            let _ = writeln!(many_old, "record r{i} A 192.0.2.{}", i % 250);
            if i % 7 == 0 {
                let _ = writeln!(many_new, "record r{i} A [192.0.2.{}]", i % 250);
            } else {
                let _ = writeln!(many_new, "record r{i} A 192.0.2.{}", i % 250);
            }
        }
        let mut cases: Vec<(String, String)> = CASES
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        cases.push((many_old, many_new));
        for (before, after) in &cases {
            for limit in [0, 4, 100] {
                let diff = unified_bounded("f", before, after, limit);
                assert_eq!(apply(before, &diff), *after, "limit {limit}: {diff}");
            }
        }
    }

    /// Every line changed, 50,000 of them: one hunk, in linear work.
    #[test]
    fn a_file_changed_everywhere_is_one_hunk() {
        let before: String = (0..50_000).map(|i| format!("a{i}\n")).collect();
        let after: String = (0..50_000).map(|i| format!("b{i}\n")).collect();
        let diff = unified("f", &before, &after);
        assert!(diff.starts_with("--- f\n+++ f (formatted)\n@@ -1,50000 +1,50000 @@\n"));
        assert_eq!(diff.matches("\n@@").count(), 1);
        assert_eq!(apply(&before, &diff), after);
    }

    /// `before` with a unified diff applied (enough of patch(1) for these
    /// tests: hunks in order, no fuzz).
    fn apply(before: &str, diff: &str) -> String {
        let old = before.tokenize_lines();
        let mut out = String::new();
        let mut next = 0; // next old line not yet copied
        let mut lines = diff.split_inclusive('\n').skip(2).peekable();
        while let Some(header) = lines.next() {
            let start: usize = header
                .trim_start_matches("@@ -")
                .split([',', ' '])
                .next()
                .and_then(|s| s.parse().ok())
                .expect("a hunk header");
            let len_given = header.split(' ').nth(1).is_some_and(|r| r.contains(",0"));
            let start = if len_given {
                start
            } else {
                start.saturating_sub(1)
            };
            for line in &old[next..start.min(old.len())] {
                out.push_str(line);
            }
            next = start.max(next);
            while let Some(line) = lines.peek() {
                if line.starts_with("@@") {
                    break;
                }
                let line = lines.next().expect("peeked");
                let no_newline = lines.peek().is_some_and(|l| l.starts_with("\\ No newline"));
                let text = if no_newline {
                    lines.next();
                    line[1..].trim_end_matches('\n')
                } else {
                    &line[1..]
                };
                match line.as_bytes()[0] {
                    b' ' => {
                        out.push_str(text);
                        next += 1;
                    }
                    b'-' => next += 1,
                    b'+' => out.push_str(text),
                    _ => panic!("bad line {line:?}"),
                }
            }
        }
        for line in &old[next.min(old.len())..] {
            out.push_str(line);
        }
        out
    }
}
