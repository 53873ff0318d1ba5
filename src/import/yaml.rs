//! A YAML document as a tree with the place of every node, read with
//! yaml-rust2's event parser (a maintained, pure-Rust YAML 1.2 parser; its
//! marked events give each node's line and column, which serde-based
//! readers do not keep). Anchors and aliases are expanded within a budget,
//! so that a document of nested aliases cannot blow up.

use super::{messages, ImportError};
use crate::source::{FileId, Span};
use std::collections::HashMap;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// How many nodes aliases may copy in all: far more than any zone needs.
const ALIAS_BUDGET: usize = 1_000_000;

#[derive(Debug, Clone)]
pub enum Yaml {
    /// A scalar; `plain` when written without quotes (so `~`, `null` and
    /// nothing are null).
    Scalar {
        value: String,
        plain: bool,
    },
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

#[derive(Debug, Clone)]
pub struct Node {
    pub yaml: Yaml,
    pub span: Span,
}

impl Node {
    pub fn is_null(&self) -> bool {
        matches!(&self.yaml, Yaml::Scalar { value, plain: true } if value.is_empty() || value == "~" || value == "null" || value == "Null" || value == "NULL")
    }

    /// The value of `key` in a mapping (`None` for other nodes).
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.yaml {
            Yaml::Map(entries) => entries
                .iter()
                .find(|(k, _)| matches!(&k.yaml, Yaml::Scalar { value, .. } if value == key))
                .map(|(_, v)| v)
                .filter(|v| !v.is_null()),
            _ => None,
        }
    }

    pub fn map(&self, what: &str) -> Result<&[(Node, Node)], ImportError> {
        match &self.yaml {
            Yaml::Map(entries) => Ok(entries),
            _ => Err(messages::yaml_shape(self.span, what, "a mapping").into()),
        }
    }

    pub fn str(&self, what: &str) -> Result<&str, ImportError> {
        match &self.yaml {
            Yaml::Scalar { value, .. } if !self.is_null() => Ok(value),
            _ => Err(messages::yaml_shape(self.span, what, "a single value").into()),
        }
    }

    /// A whole number in `min..=max`.
    pub fn number(&self, what: &str, min: u64, max: u64) -> Result<u64, ImportError> {
        self.str(what)?
            .parse::<u64>()
            .ok()
            .filter(|n| (min..=max).contains(n))
            .ok_or_else(|| {
                messages::invalid_number(self.span, what, &format!("from {min} to {max}")).into()
            })
    }

    pub fn boolean(&self, what: &str) -> Result<bool, ImportError> {
        match self.str(what)? {
            "true" | "True" | "TRUE" => Ok(true),
            "false" | "False" | "FALSE" => Ok(false),
            _ => Err(messages::yaml_shape(self.span, what, "true or false").into()),
        }
    }

    /// A list's items, or the node itself when it is not a list (octoDNS
    /// takes `value: X` and `values: [X, ...]`).
    pub fn items(&self) -> Vec<&Node> {
        match &self.yaml {
            Yaml::Seq(items) => items.iter().collect(),
            _ => vec![self],
        }
    }
}

/// Parses `text` (file `file`) into its first document's root; `None` for
/// an empty stream.
pub fn parse(text: &str, file: FileId) -> Result<Option<Node>, ImportError> {
    let mut builder = Builder {
        text,
        file,
        lines: line_starts(text),
        stack: Vec::new(),
        anchors: HashMap::new(),
        root: None,
        budget: ALIAS_BUDGET,
        error: None,
    };
    let mut parser = Parser::new_from_str(text);
    if let Err(e) = parser.load(&mut builder, false) {
        let at = builder.offset(e.marker());
        let end = next_boundary(text, at);
        return Err(messages::yaml_syntax(Span::new(file, at, end), e.info()).into());
    }
    if let Some(e) = builder.error {
        return Err(e);
    }
    Ok(builder.root)
}

fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

/// The end of the character at `at` (or `at` at the end of the text).
fn next_boundary(text: &str, at: usize) -> usize {
    text[at..].chars().next().map_or(at, |c| at + c.len_utf8())
}

enum Open {
    Seq(Vec<Node>, Span, usize),
    Map(Vec<(Node, Node)>, Option<Node>, Span, usize),
}

struct Builder<'a> {
    text: &'a str,
    file: FileId,
    lines: Vec<usize>,
    stack: Vec<Open>,
    anchors: HashMap<usize, Node>,
    root: Option<Node>,
    budget: usize,
    error: Option<ImportError>,
}

impl Builder<'_> {
    /// The byte offset of a marker (line from 1, column in characters
    /// from 0).
    fn offset(&self, mark: &Marker) -> usize {
        let line = mark.line().saturating_sub(1).min(self.lines.len() - 1);
        let start = self.lines[line];
        let rest = &self.text[start..];
        rest.char_indices()
            .nth(mark.col())
            .map_or(self.text.len(), |(i, _)| start + i)
    }

    /// The span of a scalar: from its start to the end of its text as
    /// written, within its line.
    fn scalar_span(&self, mark: &Marker, value: &str, style: TScalarStyle) -> Span {
        let start = self.offset(mark);
        let quotes = match style {
            TScalarStyle::SingleQuoted | TScalarStyle::DoubleQuoted => 2,
            _ => 0,
        };
        let line_end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        let mut end = (start + value.len() + quotes).min(line_end).max(start);
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        Span::new(self.file, start, end)
    }

    /// Where a mapping or list is shown: its `{` or `[`, or for the block
    /// form (whose start mark is not a place a reader would look) its
    /// first key or item.
    fn block_span(&self, start: Span, first: Option<Span>) -> Span {
        let opener = self.text.as_bytes().get(start.start as usize);
        match (opener, first) {
            (Some(b'{' | b'['), _) | (_, None) => start,
            (_, Some(first)) => first,
        }
    }

    fn add(&mut self, node: Node) {
        match self.stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(node);
                }
            }
            Some(Open::Seq(items, ..)) => items.push(node),
            Some(Open::Map(entries, key, ..)) => match key.take() {
                None => *key = Some(node),
                Some(k) => entries.push((k, node)),
            },
        }
    }

    fn anchor(&mut self, id: usize, node: &Node) {
        if id > 0 {
            self.anchors.insert(id, node.clone());
        }
    }
}

fn size(node: &Node) -> usize {
    match &node.yaml {
        Yaml::Scalar { .. } => 1,
        Yaml::Seq(items) => 1 + items.iter().map(size).sum::<usize>(),
        Yaml::Map(entries) => {
            1 + entries
                .iter()
                .map(|(k, v)| size(k) + size(v))
                .sum::<usize>()
        }
    }
}

impl MarkedEventReceiver for Builder<'_> {
    fn on_event(&mut self, event: Event, mark: Marker) {
        if self.error.is_some() {
            return;
        }
        match event {
            Event::Scalar(value, style, anchor, _) => {
                let span = self.scalar_span(&mark, &value, style);
                let node = Node {
                    yaml: Yaml::Scalar {
                        value,
                        plain: style == TScalarStyle::Plain,
                    },
                    span,
                };
                self.anchor(anchor, &node);
                self.add(node);
            }
            Event::SequenceStart(anchor, _) => {
                let at = self.offset(&mark);
                let span = Span::new(self.file, at, next_boundary(self.text, at));
                self.stack.push(Open::Seq(Vec::new(), span, anchor));
            }
            Event::MappingStart(anchor, _) => {
                let at = self.offset(&mark);
                let span = Span::new(self.file, at, next_boundary(self.text, at));
                self.stack.push(Open::Map(Vec::new(), None, span, anchor));
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (node, anchor) = match self.stack.pop() {
                    Some(Open::Seq(items, span, anchor)) => {
                        let span = self.block_span(span, items.first().map(|n| n.span));
                        (
                            Node {
                                yaml: Yaml::Seq(items),
                                span,
                            },
                            anchor,
                        )
                    }
                    Some(Open::Map(entries, _, span, anchor)) => {
                        let span = self.block_span(span, entries.first().map(|(k, _)| k.span));
                        (
                            Node {
                                yaml: Yaml::Map(entries),
                                span,
                            },
                            anchor,
                        )
                    }
                    None => return,
                };
                self.anchor(anchor, &node);
                self.add(node);
            }
            Event::Alias(id) => {
                let at = self.offset(&mark);
                let span = Span::new(self.file, at, next_boundary(self.text, at));
                let Some(node) = self.anchors.get(&id).cloned() else {
                    self.error =
                        Some(messages::yaml_syntax(span, "an alias to an unknown anchor").into());
                    return;
                };
                let n = size(&node);
                if n > self.budget {
                    self.error = Some(
                        messages::yaml_syntax(span, "aliases expand to too many nodes").into(),
                    );
                    return;
                }
                self.budget -= n;
                self.add(node);
            }
            Event::Nothing
            | Event::StreamStart
            | Event::StreamEnd
            | Event::DocumentStart
            | Event::DocumentEnd => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nodes_know_their_place() {
        let text = "a:\n  b: 'x y'\n  c: [1, 2]\nd: é\ne: *missing\n";
        let err = parse(text, FileId(0)).unwrap_err();
        // On the last line (which starts at byte 32: `é` is two bytes).
        assert!(err.diagnostics[0].primary.span.start >= 32, "{err:?}");
        let text = "a:\n  b: 'x y'\n  c: [1, 2]\nd: é\n";
        let root = parse(text, FileId(0)).unwrap().unwrap();
        let b = root.get("a").unwrap().get("b").unwrap();
        assert_eq!(&text[b.span.start as usize..b.span.end as usize], "'x y'");
        let d = root.get("d").unwrap();
        assert_eq!(&text[d.span.start as usize..d.span.end as usize], "é");
        assert_eq!(root.get("a").unwrap().get("c").unwrap().items().len(), 2);
    }

    #[test]
    fn aliases_are_expanded_within_a_budget() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let prev = i - 1;
            text.push_str(&format!("a{i}: &a{i} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"));
        }
        let err = parse(&text, FileId(0)).unwrap_err();
        assert!(err.diagnostics[0].message.contains("too many"), "{err:?}");
    }
}
