//! The formatter's promises, checked on one input: shared by the tests
//! (tests/fmt.rs, tests/robustness.rs) and the fuzz target.

use crate::source::FileId;

/// Formats `text` and checks that the layout is idempotent, that every
/// comment is kept in order, and that checking gives the same result: the
/// same IR when `text` checks clean, else the same diagnostics (codes and
/// messages; spans move with the layout). `Ok(None)` when `text` does not
/// parse (there is nothing to format), `Ok(Some(formatted))` when every
/// promise holds.
pub fn round_trip(text: &str) -> Result<Option<String>, String> {
    let Some(once) = super::format_source(text) else {
        return Ok(None);
    };
    let twice = super::format_source(&once)
        .ok_or_else(|| format!("the formatted text does not parse:\n{once}"))?;
    if once != twice {
        return Err(format!(
            "formatting is not idempotent:\n{}",
            super::unified_diff("once", &once, &twice)
        ));
    }
    if comments(text) != comments(&once) {
        return Err(format!("comments lost or reordered:\n{once}"));
    }
    let (before, after) = (meaning(&[text]), meaning(&[once.as_str()]));
    if before != after {
        return Err(format!(
            "formatting changed the meaning:\n{}",
            super::unified_diff("before", &before, &after)
        ));
    }
    Ok(Some(once))
}

/// The comments' texts, in order.
fn comments(text: &str) -> Vec<String> {
    let (file, _) = crate::syntax::parse_file(FileId(0), text);
    file.comments
        .all()
        .iter()
        .map(|c| c.text.trim_end().to_string())
        .collect()
}

/// What checking the files together gives: every diagnostic's code and
/// message, then the IR (the serialized configurations, spans excluded,
/// and the dependency graph's edges).
pub fn meaning(files: &[&str]) -> String {
    let mut loaded = crate::load::Loaded::default();
    for (i, text) in files.iter().enumerate() {
        loaded.add(format!("{i}.steer"), text.as_bytes());
    }
    let checked = crate::check_loaded(&loaded);
    let mut out = String::new();
    for d in loaded.diagnostics.iter().chain(&checked.diagnostics) {
        out.push_str(&format!("{}: {}\n", d.code, d.message));
    }
    for config in &checked.configs {
        out.push_str(&serde_json::to_string_pretty(config).unwrap_or_default());
        for (a, b) in crate::check::dependency_graph(config).edges() {
            out.push_str(&format!("\n{a:?} -> {b:?}"));
        }
    }
    out
}
