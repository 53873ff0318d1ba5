//! A writer for the HCL the Terraform target needs, laid out exactly as
//! hclwrite (`terraform fmt`) lays it out. No crate does that: hcl-rs's
//! formatter (0.19.10) does not align `=` the way hclwrite does and cannot
//! carry comments. The rules this output needs:
//!
//! - two spaces of indentation per level of nesting;
//! - in a run of consecutive lines `key = value` whose value is complete on
//!   the line, the `=` signs are aligned one space after the longest key;
//!   any other line (blank, comment, block header or end, the first or last
//!   line of a multi-line value) ends the run;
//! - single spaces around `=`, after `,`, none inside `[ ]`;
//! - lists that would make a line longer than [`MAX_WIDTH`] are written one element
//!   per line with a trailing comma; objects always one entry per
//!   line.
//!
//! Blank lines and comments are kept where they are put: the builder puts a
//! blank line between top-level blocks and before nested blocks.

use super::target::Sink;

const INDENT: &str = "  ";
/// Lists longer than this on one line are written one element per line.
pub const MAX_WIDTH: usize = 100;

/// An expression; strings are escaped when written.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Str(String),
    Num(i64),
    Bool(bool),
    /// A reference (`aws_route53_health_check.web.id`), written as is.
    Ref(String),
    List(Vec<Expr>),
    Object(Vec<(String, Expr)>),
}

impl Expr {
    pub fn str(s: impl AsRef<str>) -> Expr {
        Expr::Str(s.as_ref().to_string())
    }

    /// The expression on one line, appended to `out`.
    fn write_inline(&self, out: &mut String) {
        match self {
            Expr::Str(s) => push_quoted(out, s),
            Expr::Num(n) => {
                use std::fmt::Write;
                write!(out, "{n}").expect("a String takes every write");
            }
            Expr::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Expr::Ref(r) => out.push_str(r),
            Expr::List(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    item.write_inline(out);
                }
                out.push(']');
            }
            Expr::Object(entries) => {
                out.push_str("{ ");
                for (i, (key, value)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    out.push_str(key);
                    out.push_str(" = ");
                    value.write_inline(out);
                }
                out.push_str(" }");
            }
        }
    }
}

/// Keys and block kinds are the provider's words, never text of the
/// configuration (an object's keys may be: they are `String`s).
#[derive(Debug, Clone)]
enum Item {
    Attr(&'static str, Expr),
    Block(Block),
    Blank,
}

#[derive(Debug, Clone)]
pub struct Block {
    kind: &'static str,
    labels: Vec<String>,
    body: Vec<Item>,
}

impl Block {
    pub fn new(kind: &'static str, labels: &[&str]) -> Block {
        Block {
            kind,
            labels: labels.iter().map(|l| l.to_string()).collect(),
            body: Vec::new(),
        }
    }

    pub fn attr(&mut self, key: &'static str, value: Expr) {
        self.body.push(Item::Attr(key, value));
    }

    /// A nested block, after a blank line unless it comes first.
    pub fn block(&mut self, block: Block) {
        self.blank();
        self.body.push(Item::Block(block));
    }

    /// A blank line, unless the body is empty or already ends in one.
    pub fn blank(&mut self) {
        if !matches!(self.body.last(), None | Some(Item::Blank)) {
            self.body.push(Item::Blank);
        }
    }
}

/// A file: top-level comments and blocks, written to a sink as they
/// come (a block's tree lives only until it is added, its text until a
/// chunk has gathered), so that a file of many blocks needs memory for one
/// block and one chunk, never the whole text.
#[derive(Debug)]
pub struct Document<'w> {
    sink: Sink<'w>,
    last: Last,
}

/// What the document ends with, for the blank lines between items.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Last {
    #[default]
    Nothing,
    Block,
    Other,
}

impl<'w> Document<'w> {
    /// A document written to `out`.
    pub fn new(out: &'w mut dyn std::io::Write) -> Self {
        Document {
            sink: Sink::new(out),
            last: Last::Nothing,
        }
    }

    /// A comment line; after a block, a blank line comes first.
    pub fn comment(&mut self, text: &str) {
        self.fragment().comment(text);
        self.last = Last::Other;
    }

    /// A block, after a blank line unless it follows a comment (which
    /// then belongs to it) or comes first.
    pub fn block(&mut self, block: Block) {
        self.fragment().block(block);
        self.sink.end_unit();
        self.last = Last::Block;
    }

    fn fragment(&mut self) -> Fragment<'_> {
        Fragment {
            text: self.sink.text(),
            last: self.last,
        }
    }

    /// Each of `units` written in order by `write`, which ends each with
    /// a block: the same text as written one by one, rendered on two
    /// threads when there are many ([`Sink::units_in_two`]).
    pub fn units_in_two<T: Sync>(&mut self, units: &[T], write: impl Fn(&T, &mut Fragment) + Sync) {
        let Some((first, rest)) = units.split_first() else {
            return;
        };
        // The first after whatever came before; every later one after a
        // block, so that it can be rendered apart from the document.
        let mut fragment = self.fragment();
        write(first, &mut fragment);
        debug_assert_eq!(fragment.last, Last::Block, "a unit ends with a block");
        self.sink.end_unit();
        self.last = Last::Block;
        self.sink.units_in_two(rest, |unit, text| {
            let mut fragment = Fragment {
                text,
                last: Last::Block,
            };
            write(unit, &mut fragment);
            debug_assert_eq!(fragment.last, Last::Block, "a unit ends with a block");
        });
    }

    /// A blank line (between comments).
    pub fn blank(&mut self) {
        self.sink.text().push('\n');
        self.last = Last::Other;
    }

    /// Writes the rest of the file: the first error of any write.
    pub fn finish(self) -> std::io::Result<()> {
        self.sink.finish()
    }
}

/// Comments and blocks written as a [`Document`] writes them, to text of
/// its own: a unit of [`Document::units_in_two`].
pub struct Fragment<'t> {
    text: &'t mut String,
    last: Last,
}

impl Fragment<'_> {
    /// A comment line; after a block, a blank line comes first.
    pub fn comment(&mut self, text: &str) {
        if self.last == Last::Block {
            self.text.push('\n');
        }
        write_comment(text, self.text);
        self.last = Last::Other;
    }

    /// A block, after a blank line unless it follows a comment (which
    /// then belongs to it) or comes first.
    pub fn block(&mut self, block: Block) {
        if self.last == Last::Block {
            self.text.push('\n');
        }
        write_block(&block, 0, self.text);
        self.last = Last::Block;
    }
}

/// A line of a body as the writer lays it out: a block's item or an
/// object's entry.
#[derive(Clone, Copy)]
enum Line<'a> {
    Attr(&'a str, &'a Expr),
    Block(&'a Block),
    Blank,
}

fn item_line(item: &Item) -> Line<'_> {
    match item {
        Item::Attr(key, value) => Line::Attr(key, value),
        Item::Block(block) => Line::Block(block),
        Item::Blank => Line::Blank,
    }
}

fn entry_line((key, value): &(String, Expr)) -> Line<'_> {
    Line::Attr(key, value)
}

/// The indentation of `depth` levels, borrowed up to eight (a body's
/// lines were each an allocation for it).
fn indent(depth: usize) -> std::borrow::Cow<'static, str> {
    const SPACES: &str = "                ";
    match SPACES.get(..INDENT.len() * depth) {
        Some(spaces) => spaces.into(),
        None => INDENT.repeat(depth).into(),
    }
}

/// The lines of a body written straight into `out`, attribute values
/// included; `scratch` holds a list while its width is measured.
fn write_body<'a, T>(items: &'a [T], line: fn(&'a T) -> Line<'a>, depth: usize, out: &mut String) {
    let indent = indent(depth);
    let mut scratch = String::new();
    let mut i = 0;
    while i < items.len() {
        // A run of one-line attributes: `=` aligned.
        let run = items[i..]
            .iter()
            .take_while(|item| match line(item) {
                Line::Attr(key, value) => on_one_line(key, value, depth, &mut scratch),
                _ => false,
            })
            .count();
        if run > 0 {
            let attrs = items[i..i + run]
                .iter()
                .filter_map(|item| match line(item) {
                    Line::Attr(key, value) => Some((key, value)),
                    _ => None,
                });
            let width = attrs.clone().map(|(key, _)| key.len()).max().unwrap_or(0);
            for (key, value) in attrs {
                out.push_str(&indent);
                out.push_str(key);
                // Padded as `{key:<width$}` pads: by characters.
                for _ in key.chars().count()..width {
                    out.push(' ');
                }
                out.push_str(" = ");
                value.write_inline(out);
                out.push('\n');
            }
            i += run;
            continue;
        }
        match line(&items[i]) {
            Line::Attr(key, value) => {
                out.push_str(&indent);
                out.push_str(key);
                out.push_str(" = ");
                write_multiline(value, depth, out);
                out.push('\n');
            }
            Line::Block(block) => write_block(block, depth, out),
            Line::Blank => out.push('\n'),
        }
        i += 1;
    }
}

fn write_block(block: &Block, depth: usize, out: &mut String) {
    let indent = indent(depth);
    out.push_str(&indent);
    out.push_str(block.kind);
    for label in &block.labels {
        out.push(' ');
        push_quoted(out, label);
    }
    out.push_str(" {\n");
    write_body(&block.body, item_line, depth + 1, out);
    out.push_str(&indent);
    out.push_str("}\n");
}

/// A top-level comment line, kept on its line whatever it quotes, without
/// the trailing space hclwrite would remove.
fn write_comment(text: &str, out: &mut String) {
    // Written in place (a comment per record set: two strings each were a
    // tenth of the Terraform writer's time), trailing whitespace trimmed.
    let start = out.len();
    out.push_str("# ");
    // Most comments hold no control character: copied whole (a character
    // at a time this was 4.5% of a Terraform build's instructions on the
    // kit's zone).
    if text.bytes().all(starts_no_control) {
        out.push_str(text);
    } else {
        out.extend(text.chars().map(|c| if c.is_control() { ' ' } else { c }));
    }
    let kept = out[start..].trim_end().len();
    out.truncate(start + kept);
    out.push('\n');
}

/// Whether `key = value` goes on one line: not an object, nor a list
/// that would make the line longer than [`MAX_WIDTH`] (measured in
/// `scratch`).
fn on_one_line(key: &str, value: &Expr, depth: usize, scratch: &mut String) -> bool {
    match value {
        Expr::Object(_) => false,
        Expr::List(_) => {
            scratch.clear();
            value.write_inline(scratch);
            INDENT.len() * depth + key.len() + " = ".len() + scratch.len() <= MAX_WIDTH
        }
        _ => true,
    }
}

/// A list one element per line, or an object one entry per line; the
/// caller has written `key = ` and writes the final newline.
fn write_multiline(value: &Expr, depth: usize, out: &mut String) {
    let indent = indent(depth);
    match value {
        Expr::List(items) => {
            out.push_str("[\n");
            for item in items {
                out.push_str(&indent);
                out.push_str(INDENT);
                item.write_inline(out);
                out.push_str(",\n");
            }
            out.push_str(&indent);
            out.push(']');
        }
        Expr::Object(entries) => {
            out.push_str("{\n");
            write_body(entries, entry_line, depth + 1, out);
            out.push_str(&indent);
            out.push('}');
        }
        other => other.write_inline(out),
    }
}

/// An HCL quoted string: `\` `"` and control characters escaped, and
/// the template sequences `${` and `%{` written `$${` and `%%{` so they
/// stay literal text.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    push_quoted(&mut out, s);
    out
}

/// Whether byte `b` of UTF-8 text cannot begin a control character: those
/// are below 0x20, 0x7F, or U+0080..U+009F (0xC2 first in UTF-8, so
/// every character led by 0xC2 is sent to the caller's careful path).
fn starts_no_control(b: u8) -> bool {
    b >= 0x20 && b != 0x7f && b != 0xc2
}

/// [`quote`], appended to `out`.
pub fn push_quoted(out: &mut String, s: &str) {
    out.push('"');
    // Most strings (names, addresses) need no escape: copied whole. `$`
    // and `%` may start a template.
    let plain = |b: u8| starts_no_control(b) && !matches!(b, b'\\' | b'"' | b'$' | b'%');
    if s.bytes().all(plain) {
        out.push_str(s);
        out.push('"');
        return;
    }
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a document and a fragment both write.
    trait Writes {
        fn comment(&mut self, text: &str);
        fn block(&mut self, block: Block);
    }

    impl Writes for Document<'_> {
        fn comment(&mut self, text: &str) {
            Document::comment(self, text);
        }
        fn block(&mut self, block: Block) {
            Document::block(self, block);
        }
    }

    impl Writes for Fragment<'_> {
        fn comment(&mut self, text: &str) {
            Fragment::comment(self, text);
        }
        fn block(&mut self, block: Block) {
            Fragment::block(self, block);
        }
    }

    /// Unit `n`: every third with a comment before its block.
    fn unit(n: usize, out: &mut impl Writes) {
        if n % 3 == 0 {
            out.comment(&format!("record {n}"));
        }
        let mut b = Block::new("resource", &["aws_route53_record", &format!("r{n}")]);
        b.attr("name", Expr::str(format!("n{n}")));
        out.block(b);
    }

    /// Units written through `units_in_two` (on two threads, at this
    /// count) give the text the same comments and blocks give one by one,
    /// blank lines included, after a comment as after a block.
    #[test]
    fn units_in_two_write_what_one_by_one_writes() {
        let units: Vec<usize> = (0..2000).collect();
        for lead_comment in [true, false] {
            let write = |in_two: bool| {
                let mut out = Vec::new();
                let mut doc = Document::new(&mut out);
                if lead_comment {
                    doc.comment("lead");
                } else {
                    doc.block(Block::new("terraform", &[]));
                }
                if in_two {
                    doc.units_in_two(&units, |&n, fragment| unit(n, fragment));
                } else {
                    units.iter().for_each(|&n| unit(n, &mut doc));
                }
                doc.comment("end");
                doc.finish().unwrap();
                String::from_utf8(out).unwrap()
            };
            assert_eq!(write(true), write(false), "lead comment: {lead_comment}");
        }
    }

    #[test]
    fn hcl_strings_escape_quotes_backslashes_controls_and_templates() {
        assert_eq!(quote(r#"say "hi" \ bye"#), r#""say \"hi\" \\ bye""#);
        assert_eq!(quote("a\tb\nc\rd\u{1}"), r#""a\tb\nc\rd\u0001""#);
        assert_eq!(quote("${var} and %{ if x }"), r#""$${var} and %%{ if x }""#);
        // Already doubled: each `${` gets its own escape.
        assert_eq!(quote("$${literal} %%{x}"), r#""$$${literal} %%%{x}""#);
        // `$` and `%` not followed by `{` are literal in HCL.
        assert_eq!(quote("100% $5 a$"), r#""100% $5 a$""#);
        assert_eq!(quote("café 😀"), "\"café 😀\"");
        // C1 controls are controls too (U+0085 starts with 0xC2, as `Â`
        // U+00C2 does not, and a character of 0xC2 and above is kept).
        assert_eq!(quote("a\u{85}b"), r#""a\u0085b""#);
        assert_eq!(quote("\u{a0}Â\u{7f}"), "\"\u{a0}Â\\u007F\"");
        assert_eq!(quote("www.example.com"), r#""www.example.com""#);
        assert_eq!(quote(""), r#""""#);
    }

    #[test]
    fn comments_have_no_controls_and_no_trailing_space() {
        let mut out = String::from("x\n");
        write_comment("a\tb\u{85}c  ", &mut out);
        write_comment("", &mut out);
        write_comment(" \n", &mut out);
        // No control character: copied whole, still trimmed.
        write_comment("www A: failover primary → a  ", &mut out);
        assert_eq!(out, "x\n# a b c\n#\n#\n# www A: failover primary → a\n");
    }

    #[test]
    fn writer_aligns_runs_of_one_line_attributes() {
        let mut text = Vec::new();
        let mut doc = Document::new(&mut text);
        doc.comment("header");
        let mut b = Block::new("resource", &["t", "n"]);
        b.attr("a", Expr::Num(1));
        b.attr("longer", Expr::str("x"));
        b.attr("list", Expr::List(vec![Expr::str("y"); 30]));
        b.attr("c", Expr::Bool(true));
        b.blank();
        b.attr(
            "tags",
            Expr::Object(vec![
                ("Name".into(), Expr::str("n")),
                ("K".into(), Expr::Num(2)),
            ]),
        );
        let mut inner = Block::new("inner", &[]);
        inner.attr("k", Expr::Ref("x.y".into()));
        b.block(inner);
        doc.block(b);
        doc.block(Block::new("data", &["d", "e"]));
        doc.finish().expect("a vector takes every write");
        let list = format!("    {},\n", quote("y")).repeat(30);
        assert_eq!(
            String::from_utf8(text).expect("UTF-8"),
            format!(
                "# header\nresource \"t\" \"n\" {{\n  a      = 1\n  longer = \"x\"\n  list = [\n{list}  ]\n  c = true\n\n  tags = {{\n    Name = \"n\"\n    K    = 2\n  }}\n\n  inner {{\n    k = x.y\n  }}\n}}\n\ndata \"d\" \"e\" {{\n}}\n"
            )
        );
    }
}
