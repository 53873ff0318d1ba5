//! Definitions are order-independent: rewriting a file with its items in
//! another order (or split over several files) gives the same IR.

mod common;

use common::items;

/// The IR as a canonical string: the serialized configs (spans excluded)
/// and the dependency graph's sorted edges.
fn ir_of(files: &[(&str, String)]) -> String {
    let mut loaded = steer::load::Loaded::default();
    for (name, text) in files {
        loaded.add(*name, text.as_bytes());
    }
    let checked = steer::check_loaded(&loaded);
    assert!(!checked.has_errors(), "{:#?}", checked.diagnostics);
    let mut out = String::new();
    for config in &checked.configs {
        out.push_str(&serde_json::to_string_pretty(config).unwrap());
        for (a, b) in steer::check::dependency_graph(config).edges() {
            out.push_str(&format!("\n{a:?} -> {b:?}"));
        }
    }
    out
}

/// A deterministic permutation (no RNG crate needed): reverse, then
/// interleave halves.
fn shuffle<T: Clone>(v: &[T]) -> Vec<T> {
    let mut r: Vec<T> = v.iter().rev().cloned().collect();
    let half = r.len() / 2;
    let (a, b) = r.split_at_mut(half);
    let mut out = Vec::new();
    for i in 0..a.len().max(b.len()) {
        if let Some(x) = b.get(i) {
            out.push(x.clone());
        }
        if let Some(x) = a.get(i) {
            out.push(x.clone());
        }
    }
    out
}

/// The example files (a directory's items are split over files already).
fn examples() -> Vec<std::path::PathBuf> {
    common::examples()
        .into_iter()
        .map(|e| e.path)
        .filter(|p| p.is_file())
        .collect()
}

#[test]
fn reordering_items_does_not_change_the_ir() {
    for path in examples() {
        let text = std::fs::read_to_string(&path).unwrap();
        let original = ir_of(&[("a.steer", text.clone())]);
        let reordered: String = shuffle(&items(&text)).concat();
        assert_eq!(
            original,
            ir_of(&[("a.steer", reordered)]),
            "{}",
            path.display()
        );
    }
}

#[test]
fn splitting_a_zone_over_files_in_any_order_does_not_change_the_ir() {
    for path in examples() {
        let text = std::fs::read_to_string(&path).unwrap();
        let items = items(&text);
        let original = ir_of(&[("a.steer", text.clone())]);
        // The zone block stays in one file; the rest is spread over two
        // more files, which are then given in the other order.
        let (zone, rest): (Vec<String>, Vec<String>) = items
            .into_iter()
            .partition(|i| i.trim_start().lines().any(|l| l.starts_with("zone ")));
        type Numbered = Vec<(usize, String)>;
        let (odd, even): (Numbered, Numbered) =
            rest.into_iter().enumerate().partition(|(i, _)| i % 2 == 1);
        let join = |v: Numbered| v.into_iter().map(|(_, s)| s).collect::<String>();
        let files = [
            ("c.steer", join(odd)),
            ("b.steer", join(even)),
            ("a.steer", zone.concat()),
        ];
        assert_eq!(original, ir_of(&files), "{}", path.display());
    }
}
