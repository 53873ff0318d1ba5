//! Every bundled example checks clean (no errors and no warnings) and
//! builds for every target with exactly the warnings its header declares.

mod common;

use std::path::Path;

fn check_dir(dir: &Path) {
    let loaded = common::load(dir);
    let checked = steer::check_loaded(&loaded);
    assert!(
        checked.diagnostics.is_empty(),
        "{}:\n{}",
        dir.display(),
        common::render(&checked.diagnostics, &loaded)
    );
    assert!(!checked.configs.is_empty());
}

#[test]
fn examples_check_without_diagnostics() {
    // All example files at once (one configuration of several zones).
    check_dir(&common::root().join("examples"));
    for example in common::examples() {
        if example.path.is_dir() {
            check_dir(&example.path);
        }
    }
}

#[test]
fn each_example_file_checks_on_its_own() {
    for example in common::examples() {
        if example.path.is_file() {
            check_dir(&example.path);
        }
    }
}

#[test]
fn examples_build_with_exactly_the_warnings_their_headers_declare() {
    for example in common::examples() {
        // The powerdns target serves a subset (aliases and several policies
        // are `powerdns-cannot-serve`); its cases are in tests/diagnostics.
        for target in steer::emit::TARGETS
            .iter()
            .filter(|t| t.name() != "powerdns")
        {
            let (_, diagnostics) = common::build(&example, target.name());
            let codes: Vec<&str> = diagnostics.iter().map(|d| d.code).collect();
            assert_eq!(
                codes,
                example.directives.warnings(target.name()),
                "{} for {}: {diagnostics:#?}",
                example.display(),
                target.name()
            );
        }
    }
}
