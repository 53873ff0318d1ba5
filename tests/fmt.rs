//! `steer fmt`: the canonical layout (docs/formatting.md) is idempotent,
//! keeps every comment and changes no meaning (the checked IR, or the
//! diagnostics, are the same before and after) on every example, fixture
//! and diagnostic case; the messy corpus in tests/fmt/ shows the layout
//! (insta snapshots); the command rewrites, checks and reads stdin.

mod common;

use common::{steer, text};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;

/// Formats `text`, asserting the layout's promises
/// (`steer::fmt::verify::round_trip`); `None` when it does not parse.
fn format_checked(name: &str, text: &str) -> Option<String> {
    steer::fmt::verify::round_trip(text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The files of an input: one file, or a directory's `.steer` files.
fn files_of(path: &Path) -> Vec<PathBuf> {
    steer::load::expand(path).unwrap()
}

fn assert_meaning_kept(display: &str, path: &Path) -> bool {
    let mut before = Vec::new();
    let mut after = Vec::new();
    for file in files_of(path) {
        // A case that is not UTF-8 is not one to format.
        let Ok(text) = std::fs::read_to_string(&file) else {
            return false;
        };
        let Some(formatted) = format_checked(display, &text) else {
            return false;
        };
        before.push(text);
        after.push(formatted);
    }
    let before: Vec<&str> = before.iter().map(String::as_str).collect();
    let after: Vec<&str> = after.iter().map(String::as_str).collect();
    assert_eq!(
        steer::fmt::verify::meaning(&before),
        steer::fmt::verify::meaning(&after),
        "{display}: formatting changed the meaning"
    );
    true
}

#[test]
fn examples_and_fixtures_keep_their_meaning() {
    let inputs = common::examples()
        .into_iter()
        .chain(["escaping", "real-world"].map(common::fixture));
    for input in inputs {
        assert!(
            assert_meaning_kept(&input.display(), &input.path),
            "{} does not parse",
            input.display()
        );
    }
}

#[test]
fn diagnostic_cases_keep_their_meaning() {
    let mut formatted = 0;
    for input in common::diagnostic_cases() {
        if assert_meaning_kept(&input.display(), &input.path) {
            formatted += 1;
        }
    }
    // Most cases parse: their errors are the check stage's.
    assert!(formatted > 60, "only {formatted} cases parsed");
}

#[test]
fn messy_corpus_snapshots() {
    let dir = common::root().join("tests/fmt");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "steer"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 5, "the messy corpus went missing");
    for path in paths {
        let display = path
            .strip_prefix(common::root())
            .unwrap()
            .display()
            .to_string();
        assert!(
            assert_meaning_kept(&display, &path),
            "{display} does not parse"
        );
        let text = std::fs::read_to_string(&path).unwrap();
        let formatted = steer::fmt::format_source(&text).unwrap();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        insta::with_settings!({ snapshot_path => dir.join("snapshots"), prepend_module_to_snapshot => false, description => display.clone() }, {
            insta::assert_snapshot!(name, formatted);
        });
    }
}

/// The layout's examples in docs/formatting.md are formatted.
#[test]
fn the_documented_examples_are_formatted() {
    let doc = std::fs::read_to_string(common::root().join("docs/formatting.md")).unwrap();
    let blocks: Vec<&str> = doc
        .split("```steer\n")
        .skip(1)
        .map(|rest| &rest[..rest.find("```").unwrap()])
        .collect();
    assert!(blocks.len() >= 3);
    for block in blocks {
        let formatted = format_checked("docs/formatting.md", block).expect("parses");
        assert_eq!(
            formatted, block,
            "docs/formatting.md shows an unformatted layout"
        );
    }
}

/// CI runs this: the bundled examples are formatted.
#[test]
fn examples_are_formatted() {
    let out = steer(&["fmt", "--check", "examples/"]);
    assert!(
        out.status.success(),
        "run `steer fmt examples/ examples/*/`:\n{}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    for input in common::examples().into_iter().filter(|i| i.path.is_dir()) {
        let out = steer(&["fmt", "--check", &input.display()]);
        assert!(out.status.success(), "{}", text(&out.stdout));
    }
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("steer-fmt-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const MESSY: &str = "region  dublin{aws \"eu-west-1\"}\n";
const TIDY: &str = "region dublin { aws \"eu-west-1\" }\n";

#[test]
fn check_prints_a_diff_and_exits_1_and_writes_nothing() {
    let dir = temp_dir("check");
    let file = dir.join("a.steer");
    std::fs::write(&file, MESSY).unwrap();
    let out = steer(&["fmt", "--check", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let diff = text(&out.stdout);
    assert!(diff.contains("-region  dublin{aws"), "{diff}");
    assert!(diff.contains("+region dublin { aws"), "{diff}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), MESSY);
    std::fs::write(&file, TIDY).unwrap();
    let out = steer(&["fmt", "--check", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert!(out.stdout.is_empty());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn rewrites_changed_files_in_place_and_names_them() {
    let dir = temp_dir("write");
    std::fs::write(dir.join("a.steer"), MESSY).unwrap();
    std::fs::write(dir.join("b.steer"), TIDY).unwrap();
    let out = steer(&["fmt", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let said = text(&out.stderr);
    assert!(
        said.contains("formatted ") && said.contains("a.steer"),
        "{said}"
    );
    assert!(
        !said.contains("b.steer"),
        "an unchanged file is not rewritten: {said}"
    );
    assert_eq!(std::fs::read_to_string(dir.join("a.steer")).unwrap(), TIDY);
    let leftovers: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
    assert_eq!(leftovers.len(), 2, "no temporary file is left behind");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_syntax_error_is_reported_and_the_file_left_alone() {
    let dir = temp_dir("broken");
    let broken = "region dublin { aws \"eu-west-1\"\nrecord www A = \n";
    std::fs::write(dir.join("a.steer"), broken).unwrap();
    std::fs::write(dir.join("b.steer"), MESSY).unwrap();
    let out = steer(&["fmt", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let said = text(&out.stderr);
    assert!(
        said.contains("syntax-error") && said.contains("a.steer:"),
        "{said}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("a.steer")).unwrap(),
        broken
    );
    // The other file is still formatted.
    assert_eq!(std::fs::read_to_string(dir.join("b.steer")).unwrap(), TIDY);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_dash_formats_stdin_to_stdout() {
    let mut child = common::steer_command(&["fmt", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(MESSY.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout), TIDY);
}
