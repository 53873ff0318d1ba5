//! The graph as a Mermaid flowchart (GitHub and GitLab draw it in
//! Markdown). Every id is `n<N>`; every label is quoted and the characters
//! Mermaid would read as syntax or HTML are written as its entity codes
//! (`#34;` for `"`), which Mermaid turns back into the characters.

use super::{Graph, NodeKind, ZoneGraph};
use std::fmt::Write;

/// The Mermaid text of the graph: one subgraph per zone when there are
/// several, else the zone's name as the chart's title.
pub fn render(graph: &Graph) -> String {
    let mut out = String::new();
    if let [only] = graph.zones.as_slice() {
        // Front matter: the title is a YAML double-quoted string.
        let title = only.name.replace('\\', "\\\\").replace('"', "\\\"");
        let _ = writeln!(out, "---\ntitle: \"{title}\"\n---");
    }
    out.push_str("flowchart LR\n");
    if let [only] = graph.zones.as_slice() {
        nodes(&mut out, only, "  ");
    } else {
        for (i, z) in graph.zones.iter().enumerate() {
            let _ = writeln!(out, "  subgraph z{i}[{}]", quoted(&z.name));
            nodes(&mut out, z, "    ");
            out.push_str("  end\n");
        }
    }
    for z in &graph.zones {
        for e in &z.edges {
            let arrow = if e.stay { "==>" } else { "-->" };
            match &e.label {
                Some(label) => {
                    let _ = writeln!(out, "  {} {arrow}|{}| {}", e.from, quoted(label), e.to);
                }
                None => {
                    let _ = writeln!(out, "  {} {arrow} {}", e.from, e.to);
                }
            }
        }
    }
    for kind in KINDS {
        let (class, style) = class(kind);
        let _ = writeln!(out, "  classDef {class} {style}");
    }
    for kind in KINDS {
        let ids: Vec<&str> = graph
            .zones
            .iter()
            .flat_map(|z| &z.nodes)
            .filter(|n| n.kind == kind)
            .map(|n| n.id.as_str())
            .collect();
        if !ids.is_empty() {
            let _ = writeln!(out, "  class {} {}", ids.join(","), class(kind).0);
        }
    }
    out
}

const KINDS: [NodeKind; 8] = [
    NodeKind::Record,
    NodeKind::Policy,
    NodeKind::Pool,
    NodeKind::Endpoint,
    NodeKind::Check,
    NodeKind::Region,
    NodeKind::CidrCollection,
    NodeKind::Input,
];

fn nodes(out: &mut String, zone: &ZoneGraph, indent: &str) {
    for n in &zone.nodes {
        let label = quoted_lines(&n.lines);
        let _ = match n.kind {
            NodeKind::Record => writeln!(out, "{indent}{}[{label}]", n.id),
            NodeKind::Policy => writeln!(out, "{indent}{}([{label}])", n.id),
            NodeKind::Pool => writeln!(out, "{indent}{}[[{label}]]", n.id),
            NodeKind::Endpoint => writeln!(out, "{indent}{}({label})", n.id),
            NodeKind::Check => writeln!(out, "{indent}{}{{{{{label}}}}}", n.id),
            NodeKind::Region => writeln!(out, "{indent}{}[({label})]", n.id),
            NodeKind::CidrCollection => writeln!(out, "{indent}{}[/{label}/]", n.id),
            NodeKind::Input => writeln!(out, "{indent}{}>{label}]", n.id),
        };
    }
}

/// The class name and style of a kind of node (the DOT colours).
fn class(kind: NodeKind) -> (&'static str, &'static str) {
    match kind {
        NodeKind::Record => ("record", "fill:#dbeafe,stroke:#1e3a8a,stroke-width:2px"),
        NodeKind::Policy => ("policy", "fill:#fef3c7,stroke:#92400e"),
        NodeKind::Pool => ("pool", "fill:#fef3c7,stroke:#92400e,stroke-width:2px"),
        NodeKind::Endpoint => ("endpoint", "fill:#dcfce7,stroke:#166534"),
        NodeKind::Check => ("check", "fill:#fee2e2,stroke:#991b1b"),
        NodeKind::Region => ("region", "fill:#e5e7eb,stroke:#374151"),
        NodeKind::CidrCollection => ("collection", "fill:#ede9fe,stroke:#5b21b6"),
        NodeKind::Input => ("input", "fill:#fce7f3,stroke:#9d174d"),
    }
}

fn quoted_lines(lines: &[String]) -> String {
    let escaped: Vec<String> = lines.iter().map(|l| escape(l)).collect();
    format!("\"{}\"", escaped.join("<br>"))
}

/// A Mermaid quoted string of one line of text.
pub fn quoted(text: &str) -> String {
    format!("\"{}\"", escape(text))
}

/// Characters Mermaid reads as syntax (`"`, `|`, `#` of an entity code,
/// the backtick of a Markdown string) or as HTML (`<`, `>`, `&`) become
/// decimal entity codes; Unicode stands for itself.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' | '#' | '&' | '<' | '>' | '|' | '`' | '\n' => {
                let _ = write!(out, "#{};", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::quoted;

    #[test]
    fn syntax_and_html_characters_become_entity_codes() {
        assert_eq!(quoted(r#"expect "OK""#), "\"expect #34;OK#34;\"");
        assert_eq!(quoted("a|b <c> & #d;"), "\"a#124;b #60;c#62; #38; #35;d;\"");
        assert_eq!(quoted("bücher.de"), "\"bücher.de\"");
    }
}
