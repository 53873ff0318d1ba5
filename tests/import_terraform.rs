//! `steer import terraform`: every example built for Terraform is imported
//! back from the `.tf` file steer wrote, checked and planned again, and
//! the Route 53 plan must be the same as the original's (record sets by
//! name, type and set identifier, routing, TTLs, answers, health-check
//! settings; inputs compared by what Terraform reads). Also: what cannot be
//! read statically is reported with its place and skipped, broken HCL is
//! an error with its place, and nothing panics. And every Terraform tree
//! under tests/import/terraform (locals, local modules, variables) imports
//! as its snapshots say, checks clean, and comes back from the Terraform
//! steer builds with the same plan.

mod common;

use common::route53_plan::{check_settings, same_plan};
use std::path::Path;

/// The checked zone of an input without values: its inputs stay inputs,
/// as in the Terraform steer writes.
fn unbound_config(input: &common::Input) -> steer::check::ir::Config {
    let loaded = common::load(&input.path);
    let checked = steer::check_loaded_with(
        &loaded,
        &Default::default(),
        steer::check::CheckOptions::ROUTE53,
    );
    common::only_config(checked, &loaded, &input.display())
}

fn import(args: &[&str]) -> (bool, String, String) {
    let mut all = vec!["import", "terraform"];
    all.extend_from_slice(args);
    let out = common::steer(&all);
    (
        out.status.success(),
        common::text(&out.stdout),
        common::text(&out.stderr),
    )
}

fn round_trip(input: &common::Input, dir: &Path) -> Result<(), String> {
    let original = unbound_config(input);
    let tf = common::output(input, "terraform");
    let sub = dir.join(&input.name);
    std::fs::create_dir_all(&sub).expect("a directory");
    std::fs::write(sub.join("main.tf"), &tf).expect("write");
    let (ok, text, summary) = import(&[&sub.to_string_lossy(), "--zone", &original.zone.name]);
    if !ok {
        return Err(format!(
            "{}: steer import terraform failed:\n{summary}",
            input.name
        ));
    }
    same_plan(&input.name, &original, &text, &summary, check_settings)
}

#[test]
fn every_example_round_trips_through_its_terraform() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut inputs = common::examples();
    inputs.push(common::fixture("real-world"));
    let failures: Vec<String> = inputs
        .iter()
        .filter_map(|input| round_trip(input, dir.path()).err())
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The checked zone of imported text, which must check with no
/// diagnostic at all (inputs unbound, as the import leaves them).
fn clean_config(name: &str, text: &str) -> steer::check::ir::Config {
    let loaded = common::load_source(text);
    let checked = steer::check_loaded_with(
        &loaded,
        &Default::default(),
        steer::check::CheckOptions::ROUTE53,
    );
    assert!(
        checked.diagnostics.is_empty(),
        "{name}: the import does not check clean:\n{}\n--- imported ---\n{text}",
        common::render(&checked.diagnostics, &loaded)
    );
    common::only_config(checked, &loaded, name)
}

/// Each directory under tests/import/terraform is a Terraform root module
/// (with local modules beside it): its import and summary are snapshots
/// (`terraform-tree-NAME`, `-summary`); the import checks clean, is in
/// `steer fmt`'s layout, and builds for Terraform; importing that `.tf`
/// again gives the same Route 53 plan.
#[test]
fn every_terraform_tree_imports_checks_clean_and_round_trips() {
    let root = common::root().join("tests/import/terraform");
    let mut trees: Vec<String> = std::fs::read_dir(&root)
        .expect("tests/import/terraform")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    trees.sort();
    assert!(!trees.is_empty());
    let dir = tempfile::tempdir().expect("a temporary directory");
    for tree in trees {
        let path = format!("tests/import/terraform/{tree}");
        let (ok, text, summary) = import(&[&path]);
        assert!(ok, "{tree}: steer import terraform failed:\n{summary}");
        insta::assert_snapshot!(format!("terraform-tree-{tree}"), text);
        insta::assert_snapshot!(format!("terraform-tree-{tree}-summary"), summary);
        assert_eq!(
            steer::fmt::format_source(&text).as_deref(),
            Some(text.as_str()),
            "{tree}: not in steer fmt's layout"
        );
        let config = clean_config(&tree, &text);
        let file = dir.path().join(format!("{tree}.steer"));
        std::fs::write(&file, &text).expect("write");
        let built = common::steer(&[
            "build",
            "-t",
            "terraform",
            "-o",
            "-",
            &file.to_string_lossy(),
        ]);
        assert!(
            built.status.success(),
            "{tree}: build -t terraform:\n{}",
            common::text(&built.stderr)
        );
        let sub = dir.path().join(&tree);
        std::fs::create_dir_all(&sub).expect("a directory");
        std::fs::write(sub.join("main.tf"), &built.stdout).expect("write");
        let (ok, again, again_summary) =
            import(&[&sub.to_string_lossy(), "--zone", &config.zone.name]);
        assert!(
            ok,
            "{tree}: the built Terraform does not import:\n{again_summary}"
        );
        if let Err(e) = same_plan(&tree, &config, &again, &again_summary, check_settings) {
            panic!("{e}");
        }
    }
}

/// Every prefix of each `.tf` file under tests/import/terraform (cut at
/// every character) imports or is a located error: locals and modules
/// cut anywhere make no panic and no endless loop.
#[test]
fn no_prefix_of_a_terraform_tree_makes_the_importer_panic() {
    let mut files = Vec::new();
    let mut dirs = vec![common::root().join("tests/import/terraform")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("a directory") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|x| x == "tf") {
                files.push(path);
            }
        }
    }
    assert!(files.len() >= 3, "{files:?}");
    for file in files {
        let text = std::fs::read_to_string(&file).expect("read");
        for (cut, _) in text.char_indices() {
            let mut sources = steer::source::SourceMap::new();
            let id = sources.add("prefix.tf", &text[..cut]);
            let result = steer::import::terraform::read(
                &mut sources,
                &[id],
                Some("example.com"),
                &mut steer::import::terraform::no_modules,
            )
            .and_then(|flat| steer::import::raise::raise(&flat, Some("example.com"), "prefix"));
            if let Err(e) = result {
                assert!(!e.diagnostics.is_empty());
                let _ = e.render(&sources, steer::diagnostic::Style::Plain);
            }
        }
    }
}
