//! `steer graph`: the DOT and Mermaid of the dependency graph. Snapshots of
//! the seed example and of the escaping cases; every example drawn by
//! Graphviz without a warning; the same output whatever the order of files
//! and items; the README's picture kept up to date; the command's exits.

mod common;

use common::{items, tools};
use std::path::{Path, PathBuf};
use std::process::Command;
use steer::graph_view::{self, dot, mermaid, Graph};

/// The graph of loaded files, which must check without errors.
fn graph_of(loaded: &steer::load::Loaded) -> Graph {
    let checked = steer::check_loaded(loaded);
    assert!(
        !checked.has_errors(),
        "{}",
        common::render(&checked.diagnostics, loaded)
    );
    graph_view::build(&checked.configs)
}

fn graph_at(path: &Path) -> Graph {
    graph_of(&common::load(path))
}

/// A configuration with everything that needs escaping: an IDN zone,
/// quotes, backslashes, `#`, `|`, `<`, `>` and `&` in strings, a nested
/// policy with `stay`, weights, locations and a calculated check.
const ESCAPING: &str = r#"
zone "bücher.example" { ttl 60s }
region dublin { aws "eu-west-1" }
region oregon { aws "us-west-2" }
check web {
  https "bücher.example" path "/health?a=1&b=<2>"
  expect "say \"OK\" | #1 \\ done"
}
check db { tcp "db.bücher.example" port 5432 }
check both = all(web, db)
endpoint dublin { region dublin  a [192.0.2.10]  check both }
endpoint oregon { region oregon  a [192.0.2.20] }
endpoint mirror { region oregon  cname "spiegel.bücher.example" }
record www A = geolocation {
  continent EU => stay failover { primary dublin  secondary oregon }
  default => weighted { dublin 3  oregon 1 }
}
record docs CNAME = mirror
"#;

#[test]
fn seed_example_as_dot_and_mermaid() {
    let graph = graph_at(&common::example("myshop").path);
    insta::assert_snapshot!("myshop.dot", dot::render(&graph));
    insta::assert_snapshot!("myshop.mermaid", mermaid::render(&graph));
}

/// A private zone's title names the VPCs that see it; a public zone's is
/// its name alone.
#[test]
fn a_private_zone_is_titled_with_its_vpcs_and_checks_with_their_names() {
    let private = graph_at(&common::example("private").path);
    assert_eq!(
        private.zones[0].name,
        "internal.corp (private: vpc-0a1b2c3d4e5f60718 in eu-west-1, vpc-0f1e2d3c4b5a69788 in eu-central-1)"
    );
    assert!(dot::render(&private).contains("label=\"internal.corp (private: vpc-0a1b"));
    assert!(mermaid::render(&private).contains("title: \"internal.corp (private: vpc-0a1b"));
    assert_eq!(
        graph_at(&common::example("myshop").path).zones[0].name,
        "myshop.com"
    );
}

#[test]
fn labels_are_escaped_for_dot_and_mermaid() {
    let graph = graph_of(&common::load_source(ESCAPING));
    let dot = dot::render(&graph);
    let mermaid = mermaid::render(&graph);
    insta::assert_snapshot!("escaping.dot", dot);
    insta::assert_snapshot!("escaping.mermaid", mermaid);
    // Mermaid would read these as syntax or HTML inside a label.
    for line in mermaid.lines().filter(|l| l.contains("check web")) {
        let label = &line[line.find('"').unwrap() + 1..line.rfind('"').unwrap()];
        let label = label.replace("<br>", "\n");
        assert!(!label.contains(['"', '|', '<', '>', '&']), "{line}");
    }
    if let Some(svg) = draw(&dot, "the escaping case") {
        // Graphviz read the escapes back as the label's text (the check's
        // string as written in the .steer file).
        assert!(
            svg.contains(r#"expect &quot;say \&quot;OK\&quot; | #1 \\ done&quot;"#),
            "{svg}"
        );
        assert!(svg.contains("bücher.example"), "{svg}");
    }
}

#[test]
fn a_member_in_two_roles_keeps_both_edges() {
    let graph = graph_of(&common::load_source(
        "zone \"a.example\" {}\nendpoint e { a [192.0.2.1] }\n\
         record www A = failover { primary e  secondary e }\n",
    ));
    let labels: Vec<Option<&str>> = graph.zones[0]
        .edges
        .iter()
        .map(|e| e.label.as_deref())
        .collect();
    assert_eq!(labels, [None, Some("primary"), Some("secondary")]);
}

/// Runs `dot -Tsvg` on `text`: the SVG, or `None` when Graphviz is not
/// installed (locally; under CI that is a failure). Panics when Graphviz
/// exits non-zero or writes anything to stderr (a warning included).
fn draw(text: &str, what: &str) -> Option<String> {
    let dot = tools::require_tool("dot")?;
    let mut child = Command::new(dot)
        .arg("-Tsvg")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run dot");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin.write_all(text.as_bytes()).expect("write to dot");
    }
    let out = child.wait_with_output().expect("dot's output");
    let stderr = common::text(&out.stderr);
    assert!(
        out.status.success() && stderr.is_empty(),
        "dot -Tsvg on {what} ({}):\n{stderr}\n--- input ---\n{text}",
        out.status
    );
    Some(common::text(&out.stdout))
}

#[test]
fn graphviz_draws_every_example_without_a_warning() {
    for example in common::examples() {
        let graph = graph_at(&example.path);
        if draw(&dot::render(&graph), &example.display()).is_none() {
            return;
        }
    }
    // All of them at once: one cluster per zone.
    let all = graph_at(&common::root().join("examples"));
    assert!(all.zones.len() > 1);
    let text = dot::render(&all);
    assert_eq!(text.matches("subgraph cluster_").count(), all.zones.len());
    draw(&text, "examples/");
}

/// Loads files in this order, each with its items in reverse order when
/// asked, and draws them.
fn graph_of_files(files: &[PathBuf], reverse_items: bool) -> Graph {
    let mut loaded = steer::load::Loaded::default();
    for f in files {
        let text = std::fs::read_to_string(f).expect("example text");
        let text = if reverse_items {
            items(&text).into_iter().rev().collect::<String>()
        } else {
            text
        };
        loaded.add(f.display().to_string(), text.as_bytes());
    }
    graph_of(&loaded)
}

/// The same DOT and Mermaid from the files in order, in reverse order, and
/// in reverse order with their items reversed too.
fn assert_order_independent(files: &[PathBuf]) {
    let forward = graph_of_files(files, false);
    let reversed: Vec<PathBuf> = files.iter().rev().cloned().collect();
    for other in [
        graph_of_files(&reversed, false),
        graph_of_files(&reversed, true),
    ] {
        assert_eq!(dot::render(&forward), dot::render(&other), "{files:?}");
        assert_eq!(
            mermaid::render(&forward),
            mermaid::render(&other),
            "{files:?}"
        );
    }
}

#[test]
fn output_does_not_depend_on_the_order_of_files_or_items() {
    // Each example alone (a directory's files reversed).
    let examples = common::examples();
    for example in &examples {
        let mut files = steer::load::expand(&example.path).expect("example files");
        files.sort();
        assert_order_independent(&files);
    }
    // The one-file examples together: several zones, in reverse order.
    let files: Vec<PathBuf> = examples
        .iter()
        .map(|e| e.path.clone())
        .filter(|p| p.is_file())
        .collect();
    assert!(files.len() > 1);
    assert_order_independent(&files);
}

// ----------------------------------------------------------------------------
// The README's picture
// ----------------------------------------------------------------------------

/// The graphviz version an SVG says drew it.
fn graphviz_version(svg_or_v: &str) -> Option<&str> {
    let at = svg_or_v.find("graphviz version ")? + "graphviz version ".len();
    svg_or_v[at..].split_whitespace().next()
}

/// docs/myshop-graph.dot is the seed example's current DOT, and
/// docs/myshop-graph.svg is what Graphviz draws from it. Graphviz writes
/// its version into the SVG (and layout can change between versions), so
/// the SVG is compared byte for byte when the installed Graphviz is the
/// one that drew it, and otherwise checked to show every node. Run
/// `tools/regen-graph.sh` after a change.
#[test]
fn the_readme_picture_is_up_to_date() {
    let docs = common::root().join("docs");
    let stale = "stale: run tools/regen-graph.sh and commit docs/myshop-graph.*";
    let current = dot::render(&graph_at(&common::example("myshop").path));
    let committed = std::fs::read_to_string(docs.join("myshop-graph.dot")).expect("the DOT");
    assert_eq!(committed, current, "docs/myshop-graph.dot is {stale}");
    let svg = std::fs::read_to_string(docs.join("myshop-graph.svg")).expect("the SVG");
    let Some(drawn) = draw(&current, "docs/myshop-graph.dot") else {
        return;
    };
    let version = |text: &str| graphviz_version(text).map(str::to_string);
    if version(&drawn) == version(&svg) {
        assert!(drawn == svg, "docs/myshop-graph.svg is {stale}");
    } else {
        eprintln!(
            "note: Graphviz {:?} here, {:?} drew docs/myshop-graph.svg: checking its labels only",
            version(&drawn),
            version(&svg)
        );
        for line in current.lines().filter_map(|l| l.split_once("[label=\"")) {
            let first = line.1.split(['\\', '"']).next().unwrap_or_default();
            assert!(
                svg.contains(first),
                "`{first}` not in docs/myshop-graph.svg: {stale}"
            );
        }
    }
}

// ----------------------------------------------------------------------------
// The command
// ----------------------------------------------------------------------------

#[test]
fn the_command_prints_dot_or_mermaid_and_writes_a_file() {
    let out = common::steer(&["graph", "examples/myshop.steer"]);
    assert!(out.status.success(), "{}", common::text(&out.stderr));
    let graph = graph_at(&common::example("myshop").path);
    assert_eq!(common::text(&out.stdout), dot::render(&graph));

    let out = common::steer(&["graph", "examples/myshop.steer", "--format", "mermaid"]);
    assert!(out.status.success());
    assert_eq!(common::text(&out.stdout), mermaid::render(&graph));

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("g.dot");
    let out = common::steer(&[
        "graph",
        "examples/myshop.steer",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), dot::render(&graph));
}

#[test]
fn bad_input_is_diagnosed_with_exit_1_and_nothing_written() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.steer");
    std::fs::write(
        &bad,
        "zone \"a.example\" {}\nrecord www A = failover { primary nowhere  secondary none }\n",
    )
    .unwrap();
    let file = dir.path().join("g.dot");
    let out = common::steer(&["graph", bad.to_str().unwrap(), "-o", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = common::text(&out.stderr);
    assert!(stderr.contains("steer::unknown-reference"), "{stderr}");
    assert!(stderr.contains("2 errors"), "{stderr}");
    assert!(out.stdout.is_empty());
    assert!(!file.exists());
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["graph"][..],
        &["graph", "examples/myshop.steer", "--format", "png"],
        &["graph", "no/such/file.steer"],
        &["graph", "examples/myshop.steer", "-o", "no/such/dir/g.dot"],
    ] {
        let out = common::steer(args);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            common::text(&out.stderr)
        );
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

/// A check written for a use (language.md §10.12) is drawn on the member's
/// edge: after a leaf, after a nested policy (with `alone`), and per
/// multivalue member.
#[test]
fn checks_per_use_label_the_member_edges() {
    let graph = graph_of(&common::load_source(
        r#"
zone "example.com" { ttl 60s }
check a_up { https "a.example.net" }
check b_up { https "b.example.net" }
check gate { https "gate.example.net" }
endpoint a { a [192.0.2.10] }
endpoint b { a [192.0.2.20] check b_up }
endpoint c { a [192.0.2.30] }
record www A = weighted {
  failover { primary a check a_up  secondary b } check gate alone 1
  c 1
}
record mv A = multivalue [a check a_up, b]
"#,
    ));
    let labels: Vec<&str> = graph
        .zones
        .iter()
        .flat_map(|z| &z.edges)
        .filter_map(|e| e.label.as_deref())
        .collect();
    for want in [
        "weight 1, check gate alone",
        "primary, check a_up",
        "check a_up",
    ] {
        assert!(labels.contains(&want), "{want} not in {labels:?}");
    }
    assert!(!labels.contains(&"secondary, check b_up"), "{labels:?}");
}
