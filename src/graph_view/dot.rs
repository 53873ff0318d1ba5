//! The graph as Graphviz DOT (`dot -Tsvg` draws it). Every id is `n<N>`
//! and every label a quoted string, so only labels need escaping.

use super::{Graph, NodeKind, ZoneGraph};
use std::fmt::Write;

/// The DOT text of the graph: one cluster per zone when there are several,
/// else the zone's name as the graph's title.
pub fn render(graph: &Graph) -> String {
    let mut out = String::from("digraph steer {\n");
    out.push_str("  graph [rankdir=LR, fontname=\"Helvetica\", labelloc=t");
    if let [only] = graph.zones.as_slice() {
        let _ = write!(out, ", label={}", quoted(&only.name));
    }
    out.push_str("];\n");
    out.push_str("  node [fontname=\"Helvetica\", fontsize=11];\n");
    out.push_str("  edge [fontname=\"Helvetica\", fontsize=10];\n");
    if let [only] = graph.zones.as_slice() {
        zone(&mut out, only, "  ");
    } else {
        for (i, z) in graph.zones.iter().enumerate() {
            let _ = writeln!(out, "  subgraph cluster_{i} {{");
            let _ = writeln!(out, "    label={};", quoted(&z.name));
            zone(&mut out, z, "    ");
            out.push_str("  }\n");
        }
    }
    out.push_str("}\n");
    out
}

fn zone(out: &mut String, zone: &ZoneGraph, indent: &str) {
    for n in &zone.nodes {
        let _ = writeln!(
            out,
            "{indent}{} [label={}, {}];",
            n.id,
            quoted(&n.lines.join("\n")),
            node_style(n.kind)
        );
    }
    for e in &zone.edges {
        let mut attributes = Vec::new();
        if let Some(label) = &e.label {
            attributes.push(format!("label={}", quoted(label)));
        }
        if e.stay {
            attributes.push("style=bold".to_string());
        }
        let _ = write!(out, "{indent}{} -> {}", e.from, e.to);
        if !attributes.is_empty() {
            let _ = write!(out, " [{}]", attributes.join(", "));
        }
        out.push_str(";\n");
    }
}

fn node_style(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Record => "shape=box, style=\"filled,bold\", fillcolor=\"#dbeafe\"",
        NodeKind::Policy => "shape=ellipse, style=filled, fillcolor=\"#fef3c7\"",
        NodeKind::Pool => "shape=doubleoctagon, style=filled, fillcolor=\"#fef3c7\"",
        NodeKind::Endpoint => "shape=box, style=\"filled,rounded\", fillcolor=\"#dcfce7\"",
        NodeKind::Check => "shape=note, style=filled, fillcolor=\"#fee2e2\"",
        NodeKind::Region => "shape=folder, style=filled, fillcolor=\"#e5e7eb\"",
        NodeKind::CidrCollection => "shape=parallelogram, style=filled, fillcolor=\"#ede9fe\"",
        NodeKind::Input => "shape=cds, style=filled, fillcolor=\"#fce7f3\"",
    }
}

/// A DOT quoted string: `"` and `\` escaped (a backslash starts an escape
/// in a label: `\n`, `\N`, `\G`, …), a line break as `\n`. Anything else,
/// Unicode included, stands for itself (DOT's default charset is UTF-8).
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::quoted;

    #[test]
    fn quotes_backslashes_and_line_breaks_are_escaped() {
        assert_eq!(quoted(r#"expect "OK""#), r#""expect \"OK\"""#);
        assert_eq!(quoted(r"a\nb"), r#""a\\nb""#);
        assert_eq!(quoted("a\nb"), r#""a\nb""#);
        assert_eq!(quoted("bücher.de"), "\"bücher.de\"");
    }
}
