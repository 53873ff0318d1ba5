//! Every bundled example checks clean: no errors and no warnings.

use std::path::Path;

fn check_dir(dir: &Path) {
    let files = steer::load::expand(dir).unwrap();
    let loaded = steer::load::load(&files).unwrap();
    let checked = steer::check_loaded(&loaded);
    let rendered: Vec<String> = checked
        .diagnostics
        .iter()
        .map(|d| steer::diagnostic::render(d, &loaded.sources, steer::diagnostic::Style::Plain))
        .collect();
    assert!(
        checked.diagnostics.is_empty(),
        "{}:\n{}",
        dir.display(),
        rendered.join("\n")
    );
    assert!(!checked.configs.is_empty());
}

#[test]
fn examples_check_without_diagnostics() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    check_dir(&root);
    for entry in std::fs::read_dir(&root).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            check_dir(&path);
        }
    }
}

#[test]
fn each_example_file_checks_on_its_own() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    for entry in std::fs::read_dir(&root).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "steer") {
            check_dir(&path);
        }
    }
}
