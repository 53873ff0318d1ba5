//! `steer import`: each source's output checks clean and builds back to
//! what it was imported from; what it cannot import is reported with its
//! place; malformed input of each kind is a located error, never a panic.

mod common;

use common::tools::{assert_success, require_tool};
use std::path::{Path, PathBuf};
use std::process::Command;

/// A file under tests/import, relative to the repository root (where
/// `common::steer` runs), so that messages name it as a user would.
fn case(name: &str) -> PathBuf {
    Path::new("tests/import").join(name)
}

/// `steer import ARGS -o DIR/out.steer`: the file, and what went to stderr.
fn import(args: &[&str], dir: &Path) -> (String, String) {
    let out = dir.join("out.steer");
    let mut all: Vec<&str> = vec!["import"];
    all.extend(args);
    let out_arg = out.display().to_string();
    all.extend(["-o", &out_arg]);
    let result = common::steer(&all);
    let stderr = common::text(&result.stderr);
    assert!(result.status.success(), "steer {all:?}:\n{stderr}");
    (std::fs::read_to_string(&out).unwrap(), stderr)
}

/// BIND's canonical form of a zone (`named-compilezone -s full`), owner
/// names in lower case (DNS compares them so; BIND keeps the case written).
fn canonical(compilezone: &Path, origin: &str, file: &Path) -> String {
    let out = assert_success(
        Command::new(compilezone)
            .args(["-q", "-s", "full", "-o", "-", origin])
            .arg(file),
    );
    common::text(&out.stdout)
        .lines()
        .map(|line| match line.split_once(char::is_whitespace) {
            Some((owner, rest)) => format!("{} {}", owner.to_lowercase(), rest.trim_start()),
            None => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_bind_zone_with_every_type_imports_and_builds_back_to_the_same_zone() {
    let dir = tempfile::tempdir().unwrap();
    let original = common::root().join(case("every-type.zone"));
    let (steer_file, summary) = import(
        &[
            "zone",
            "tests/import/every-type.zone",
            "--origin",
            "example.com",
        ],
        dir.path(),
    );
    assert_eq!(summary, "imported: 1 zone, 20 records\n");
    let check = common::steer(&["check", &dir.path().join("out.steer").display().to_string()]);
    assert!(
        check.status.success(),
        "{}\n{steer_file}",
        common::text(&check.stderr)
    );
    assert!(
        !common::text(&check.stderr).contains("warning"),
        "{}",
        common::text(&check.stderr)
    );
    // The output is what `steer fmt` prints.
    assert_eq!(
        steer::fmt::format_source(&steer_file).as_deref(),
        Some(steer_file.as_str())
    );
    insta::assert_snapshot!("zone-every-type", steer_file);

    let built = common::steer(&[
        "build",
        "-t",
        "zone",
        "-o",
        "-",
        &dir.path().join("out.steer").display().to_string(),
    ]);
    assert!(built.status.success(), "{}", common::text(&built.stderr));
    let rebuilt = dir.path().join("rebuilt.zone");
    std::fs::write(&rebuilt, &built.stdout).unwrap();
    let Some(compilezone) = require_tool("named-compilezone") else {
        return;
    };
    assert_eq!(
        canonical(&compilezone, "example.com", &rebuilt),
        canonical(&compilezone, "example.com", &original),
    );
}

#[test]
fn what_a_zone_file_has_that_steer_does_not_write_is_reported_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let (steer_file, summary) = import(
        &[
            "zone",
            case("skips.zone").to_str().unwrap(),
            "--origin",
            "example.org.",
        ],
        dir.path(),
    );
    insta::assert_snapshot!("zone-skips-summary", summary);
    insta::assert_snapshot!("zone-skips", steer_file);
}

/// Every malformed input under tests/import/malformed gives exit 1 and a
/// located diagnostic with an import code (snapshots of each), writes no
/// file, and never panics.
#[test]
fn malformed_input_of_each_kind_is_a_located_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.steer");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(case("malformed"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    assert!(!cases.is_empty());
    for path in cases {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let relative = format!("tests/import/malformed/{name}");
        let args: Vec<&str> = if name.ends_with(".zone") {
            vec!["import", "zone", &relative, "--origin", "example.com", "-o"]
        } else {
            vec![
                "import",
                "octodns",
                &relative,
                "--zone",
                "example.com",
                "-o",
            ]
        };
        let mut args: Vec<String> = args.into_iter().map(str::to_string).collect();
        args.push(out.display().to_string());
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let result = common::steer(&args);
        let stderr = common::text(&result.stderr);
        assert_eq!(result.status.code(), Some(1), "{name}:\n{stderr}");
        assert!(stderr.contains("steer::import-"), "{name}:\n{stderr}");
        assert!(
            stderr.contains(&format!("[{relative}:")),
            "{name}: no location\n{stderr}"
        );
        assert!(!out.exists(), "{name}: a file was written");
        insta::assert_snapshot!(format!("malformed-{name}"), stderr);
    }
}

#[test]
fn every_import_code_is_documented() {
    use steer::diagnostic::Code;
    let docs = std::fs::read_to_string(common::root().join("docs/diagnostics.md")).unwrap();
    for code in steer::import::ImportCode::ALL {
        let name = code.name();
        assert!(
            docs.contains(&format!("## `steer::{name}`")),
            "{name} has no section"
        );
        assert!(
            docs.contains(&format!(
                "[`steer::{name}`](#steer{})",
                name.replace('-', "-")
            )),
            "{name} has no row"
        );
    }
}
