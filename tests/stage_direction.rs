//! The pipeline runs one way: only the stages up to `check` may see the
//! syntax tree. Everything after it (the semantics layer, the targets, the
//! CLI) works on the IR, so a change to the surface syntax cannot reach a
//! target. This test reads the sources and fails on any `syntax::` or
//! `ast::` path outside the modules allowed to use them.

use std::path::{Path, PathBuf};

/// Modules (relative to `src/`) that come before or are the check stage.
/// A new module that loads or parses files belongs here; anything that
/// consumes checked configurations does not.
/// `fmt` prints the tree back as source, beside `syntax`; `lsp` maps an
/// editor's positions to names through the tree's spans.
const MAY_USE_THE_AST: &[&str] = &["syntax", "fmt", "check", "load.rs", "lib.rs", "lsp"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("readable source directory")
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Whether `line` names a path through `module::`, as a whole word.
fn names_module(line: &str, module: &str) -> bool {
    let pattern = format!("{module}::");
    line.match_indices(&pattern).any(|(at, _)| {
        !line[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

#[test]
fn nothing_after_check_uses_the_syntax_tree() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut offending = Vec::new();
    for path in &files {
        let relative = path.strip_prefix(&src).expect("under src");
        let top = relative
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .unwrap_or_default();
        if MAY_USE_THE_AST.contains(&top) {
            continue;
        }
        let text = std::fs::read_to_string(path).expect("readable source file");
        for (n, line) in text.lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            if names_module(line, "syntax") || names_module(line, "ast") {
                offending.push(format!(
                    "src/{}:{}: {}",
                    relative.display(),
                    n + 1,
                    line.trim()
                ));
            }
        }
    }
    assert!(
        offending.is_empty(),
        "these stages come after `check` and must use the IR (or \
         `crate::vocabulary`), not the syntax tree:\n{}",
        offending.join("\n")
    );
}

#[test]
fn the_pattern_finds_paths_and_ignores_longer_words() {
    assert!(names_module(
        "use crate::syntax::ast::FailoverRole;",
        "syntax"
    ));
    assert!(names_module("    ast::Item::Zone(z) => {}", "ast"));
    assert!(!names_module("use tokio::sync::broadcast::Sender;", "ast"));
    assert!(!names_module("let forecast = 1;", "ast"));
}
