//! editors/vscode: the TextMate grammar's scope tests and example snapshots
//! (vscode-tmgrammar-test), the extension's own node tests, and `vsce
//! package` building a `.vsix` that carries the language client.
//!
//! Two checks need no tool: every scope the grammar names is asserted by
//! test/scopes.test.steer, and every keyword of grammar/steer.pest is in the
//! grammar, so that the two cannot drift apart unnoticed.

mod common;

use common::tools::{self, require_tool};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn extension() -> PathBuf {
    tools::manifest_dir().join("editors").join("vscode")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn grammar() -> serde_json::Value {
    let path = extension().join("syntaxes/steer.tmLanguage.json");
    serde_json::from_str(&read(&path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every scope named anywhere in a grammar (`name`, `contentName`).
fn scopes(value: &serde_json::Value, out: &mut BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, v) in map {
                match (key.as_str(), v) {
                    ("name" | "contentName", serde_json::Value::String(s)) => {
                        out.extend(s.split_whitespace().map(str::to_string));
                    }
                    _ => scopes(v, out),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| scopes(v, out)),
        _ => {}
    }
}

#[test]
fn every_scope_of_the_grammar_is_asserted() {
    let mut named = BTreeSet::new();
    scopes(&grammar()["repository"], &mut named);
    assert!(named.len() > 40, "too few scopes: {named:?}");
    let test = read(&extension().join("test/scopes.test.steer"));
    let asserted: BTreeSet<&str> = test
        .lines()
        .filter(|l| l.starts_with('#') && l[1..].trim_start().starts_with(['^', '<']))
        .flat_map(|l| l.split_whitespace().skip(2))
        .collect();
    let missing: Vec<&String> = named
        .iter()
        .filter(|s| !asserted.contains(s.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "scopes no assertion of editors/vscode/test/scopes.test.steer checks: {missing:?}"
    );
}

#[test]
fn every_keyword_of_the_pest_grammar_is_highlighted() {
    let text = grammar()["repository"].to_string();
    let missing: Vec<String> = common::pest_keywords()
        .into_iter()
        .filter(|w| {
            !text
                .match_indices(w.as_str())
                .any(|(i, _)| is_word_at(&text, i, w.len()))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "keywords of grammar/steer.pest that editors/vscode/syntaxes/steer.tmLanguage.json lacks: {missing:?}"
    );
}

/// `text[i..i + len]` is a whole word (in a regex alternation).
fn is_word_at(text: &str, i: usize, len: usize) -> bool {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
    !word(text[..i].chars().next_back()) && !word(text[i + len..].chars().next())
}

/// A snippet body with every placeholder at its default: `${1:www}` is
/// `www`, `${2|any,all|}` is `any`, `$0` is nothing.
fn expand(body: &str) -> String {
    let mut out = String::new();
    let mut rest = body;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        rest = &rest[at + 1..];
        if let Some(inner) = rest.strip_prefix('{') {
            let end = inner.find('}').expect("a closed placeholder");
            let placeholder = &inner[..end];
            let text = match placeholder.split_once(':') {
                Some((_, default)) => default,
                None => placeholder
                    .split('|')
                    .nth(1)
                    .and_then(|choices| choices.split(',').next())
                    .unwrap_or_default(),
            };
            out.push_str(text);
            rest = &inner[end + 1..];
        } else {
            rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
        }
    }
    out + rest
}

/// Every snippet, at its defaults, is steer that parses.
#[test]
fn every_snippet_expands_to_steer_that_parses() {
    let path = extension().join("snippets/steer.json");
    let snippets: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(&read(&path)).unwrap();
    assert!(snippets.len() >= 10, "{snippets:?}");
    for (name, snippet) in &snippets {
        let lines: Vec<&str> = snippet["body"]
            .as_array()
            .unwrap_or_else(|| panic!("{name}: no body"))
            .iter()
            .map(|l| l.as_str().unwrap())
            .collect();
        let text = expand(&lines.join("\n"));
        let (file, diagnostics) = steer::syntax::parse_file(steer::source::FileId(0), &text);
        assert!(
            diagnostics.is_empty() && file.items.len() == 1,
            "snippet {name:?} expands to\n{text}\nwhich steer reads as {} items: {diagnostics:?}",
            file.items.len()
        );
    }
}

/// Runs `program args` in editors/vscode and panics with its output on failure.
fn run(program: &Path, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .current_dir(extension())
        .output()
        .unwrap_or_else(|e| panic!("{}: {e}", program.display()));
    let text = format!("{}{}", common::text(&out.stdout), common::text(&out.stderr));
    assert!(
        out.status.success(),
        "{} {} failed ({}):\n{text}",
        program.display(),
        args.join(" "),
        out.status
    );
    text
}

fn bin(dir: &Path, name: &str) -> PathBuf {
    dir.join("node_modules").join(".bin").join(name)
}

#[test]
fn the_scope_tests_pass() {
    let Some(dir) = require_tool("vscode-tools") else {
        return;
    };
    let test = bin(&dir, "vscode-tmgrammar-test");
    let out = run(
        &test,
        &["-g", "syntaxes/steer.tmLanguage.json", "test/*.test.steer"],
    );
    assert!(out.contains("scopes.test.steer run successfuly"), "{out}");
    let out = run(
        &test,
        &[
            "-g",
            "syntaxes/steer.tmLanguage.json",
            "-g",
            "syntaxes/steer.markdown.tmLanguage.json",
            "test/*.test.md",
        ],
    );
    assert!(out.contains("markdown.test.md run successfuly"), "{out}");
}

#[test]
fn every_example_matches_its_snapshot() {
    let Some(_) = require_tool("vscode-tools") else {
        return;
    };
    let node = tools::locate("node").expect("vscode-tools needs node");
    let out = run(&node, &["test/snap.mjs"]);
    let want = format!(
        "{} examples match their snapshots",
        common::steer_files(&common::examples()).len()
    );
    assert!(out.contains(&want), "want `{want}` in:\n{out}");
}

#[test]
fn the_extension_finds_steer_and_its_language_server() {
    let Some(_) = require_tool("vscode-tools") else {
        return;
    };
    let node = tools::locate("node").expect("vscode-tools needs node");
    run(
        &node,
        &[
            "--test",
            "test/server.test.js",
            "test/language.test.js",
            "test/extension.test.js",
        ],
    );
}

/// `vsce package` works offline and the `.vsix` carries the grammar, the
/// snippets and the language client the extension requires.
#[test]
fn vsce_packages_the_extension() {
    let Some(dir) = require_tool("vscode-tools") else {
        return;
    };
    let out_dir = tempfile::tempdir().unwrap();
    let vsix = out_dir.path().join("steer.vsix");
    let vsix_arg = vsix.display().to_string();
    run(
        &bin(&dir, "vsce"),
        &[
            "package",
            "--allow-missing-repository",
            "--skip-license",
            "--out",
            &vsix_arg,
        ],
    );
    // A zip keeps its entries' names uncompressed.
    let bytes = std::fs::read(&vsix).unwrap();
    for entry in [
        "extension/package.json",
        "extension/extension.js",
        "extension/server.js",
        "extension/language-configuration.json",
        "extension/syntaxes/steer.tmLanguage.json",
        "extension/syntaxes/steer.markdown.tmLanguage.json",
        "extension/snippets/steer.json",
        "extension/node_modules/vscode-languageclient/node.js",
        "extension/node_modules/vscode-languageclient/lib/node/main.js",
        "extension/node_modules/vscode-jsonrpc/package.json",
    ] {
        assert!(
            bytes.windows(entry.len()).any(|w| w == entry.as_bytes()),
            "{entry} is not in the .vsix"
        );
    }
    for entry in ["extension/test/", "extension/node_modules/@vscode/vsce"] {
        assert!(
            !bytes.windows(entry.len()).any(|w| w == entry.as_bytes()),
            "{entry} should not be in the .vsix"
        );
    }
}
