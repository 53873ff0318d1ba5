//! `steer build` end to end: every target for every example, byte-identical
//! output across runs and file orders, and no files at all on bad input.

mod common;

use common::{root, steer, text};
use std::path::{Path, PathBuf};

const TARGETS: [&str; 3] = ["terraform", "cloudformation", "zone"];

/// Every example, and the escaping corpus, with `--set` for the values
/// an example's `# values:` header names.
fn inputs() -> Vec<(PathBuf, Vec<String>)> {
    let mut inputs: Vec<(PathBuf, Vec<String>)> = common::examples()
        .into_iter()
        .map(|e| {
            let set = e
                .directives
                .values
                .iter()
                .flat_map(|(k, v)| ["--set".to_string(), format!("{k}={v}")])
                .collect();
            (e.path, set)
        })
        .collect();
    inputs.push((common::fixture("escaping").path, Vec::new()));
    inputs
}

fn files_in(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn every_example_builds_for_every_target_and_twice_identically() {
    for (example, set) in inputs() {
        for target in TARGETS {
            let a = tempfile::tempdir().unwrap();
            let b = tempfile::tempdir().unwrap();
            for dir in [&a, &b] {
                let mut args = vec![
                    "build",
                    example.to_str().unwrap(),
                    "--target",
                    target,
                    "-o",
                    dir.path().to_str().unwrap(),
                ];
                args.extend(set.iter().map(String::as_str));
                let out = steer(&args);
                assert_eq!(
                    out.status.code(),
                    Some(0),
                    "{} {target}: {}",
                    example.display(),
                    text(&out.stderr)
                );
            }
            let (fa, fb) = (files_in(a.path()), files_in(b.path()));
            assert_eq!(
                fa.len(),
                1,
                "{} {target}: {:?}",
                example.display(),
                fa.iter().map(|f| &f.0).collect::<Vec<_>>()
            );
            assert_eq!(fa, fb, "{} {target}: two builds differ", example.display());
        }
    }
}

#[test]
fn stdout_output_equals_the_written_file() {
    for target in TARGETS {
        let dir = tempfile::tempdir().unwrap();
        let path = "examples/myshop.steer";
        let written = steer(&[
            "build",
            path,
            "--target",
            target,
            "-o",
            dir.path().to_str().unwrap(),
        ]);
        assert_eq!(written.status.code(), Some(0));
        let printed = steer(&["build", path, "--target", target, "-o", "-"]);
        assert_eq!(printed.status.code(), Some(0), "{}", text(&printed.stderr));
        let files = files_in(dir.path());
        assert_eq!(printed.stdout, files[0].1, "{target}");
    }
}

#[test]
fn file_order_does_not_change_the_output() {
    // The same zone split over files, given in two different orders.
    let dir = root().join("examples/split-zone");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let forward: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
    let backward: Vec<String> = forward.iter().rev().cloned().collect();
    for target in TARGETS {
        let run = |paths: &[String]| {
            let mut args = vec!["build"];
            args.extend(paths.iter().map(String::as_str));
            args.extend(["--target", target, "-o", "-"]);
            let out = steer(&args);
            assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
            out.stdout
        };
        assert_eq!(run(&forward), run(&backward), "{target}");
    }
}

#[test]
fn invalid_input_writes_nothing_and_keeps_existing_files() {
    let dir = tempfile::tempdir().unwrap();
    let existing = dir.path().join("example.com.tf");
    std::fs::write(&existing, "# previous output\n").unwrap();
    let bad = root().join("tests/diagnostics/unknown-reference.steer");
    for target in TARGETS {
        let out = steer(&[
            "build",
            bad.to_str().unwrap(),
            "--target",
            target,
            "-o",
            dir.path().to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(1));
        assert!(
            text(&out.stderr).contains("nothing was written"),
            "{}",
            text(&out.stderr)
        );
    }
    assert_eq!(
        files_in(dir.path()),
        vec![(
            "example.com.tf".to_string(),
            b"# previous output\n".to_vec()
        )]
    );
}

#[test]
fn unchanged_output_is_not_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let args = [
        "build",
        "examples/myshop.steer",
        "--target",
        "zone",
        "-o",
        dir.path().to_str().unwrap(),
    ];
    assert!(text(&steer(&args).stderr).contains("wrote "));
    assert!(text(&steer(&args).stderr).contains("unchanged "));
}

#[test]
fn assume_down_is_validated() {
    let out = steer(&[
        "build",
        "examples/myshop.steer",
        "--target",
        "terraform",
        "--assume-down",
        "x",
        "-o",
        "-",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let out = steer(&[
        "build",
        "examples/myshop.steer",
        "--target",
        "zone",
        "--assume-down",
        "no_such_check",
        "-o",
        "-",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no health check of this name"));
}

#[test]
fn zone_target_says_routing_is_not_live() {
    let out = steer(&[
        "build",
        "examples/myshop.steer",
        "--target",
        "zone",
        "-o",
        "-",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        text(&out.stderr).matches("cannot route").count(),
        1,
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn json_diagnostics_do_not_mix_with_output_on_stdout() {
    // An example whose header declares a zone-file warning.
    let example = common::examples()
        .into_iter()
        .find(|e| !e.directives.warnings("zone").is_empty())
        .expect("an example with a zone-file warning");
    let path = example.path.to_str().unwrap();
    let printed = steer(&["build", path, "-t", "zone", "-o", "-", "--format", "json"]);
    assert_eq!(printed.status.code(), Some(0));
    let dir = tempfile::tempdir().unwrap();
    let written = steer(&[
        "build",
        path,
        "-t",
        "zone",
        "-o",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(written.status.code(), Some(0));
    assert_eq!(printed.stdout, files_in(dir.path())[0].1);
    let warning = text(&printed.stderr)
        .lines()
        .next()
        .unwrap_or_default()
        .to_string();
    let v: serde_json::Value = serde_json::from_str(&warning).expect("a JSON diagnostic on stderr");
    assert_eq!(
        v["code"],
        format!("steer::{}", example.directives.warnings("zone")[0])
    );
}

/// Each zone's text goes to its file as it is written: when a later zone
/// has errors only the target finds (the zone target needs name servers),
/// the files of the zones before it are removed, with the directories
/// made for them, and existing files are kept.
#[test]
fn a_zone_with_target_errors_leaves_no_file_of_the_others() {
    let src = tempfile::tempdir().unwrap();
    let zone = |name: &str, nameservers: &str| {
        format!("zone \"{name}\" {{ ttl 60s {nameservers} }}\nrecord www A [192.0.2.10]\n")
    };
    let ns = "nameservers [\"ns1.example.net.\"]";
    std::fs::write(src.path().join("a.steer"), zone("a.example", ns)).unwrap();
    std::fs::write(src.path().join("b.steer"), zone("b.example", "")).unwrap();
    std::fs::write(src.path().join("c.steer"), zone("c.example", ns)).unwrap();
    let out = tempfile::tempdir().unwrap();
    let existing = out.path().join("a.example");
    std::fs::create_dir(&existing).unwrap();
    std::fs::write(existing.join("a.example.zone"), "; previous\n").unwrap();
    let run = |dir: &Path| {
        steer(&[
            "build",
            src.path().to_str().unwrap(),
            "--target",
            "zone",
            "-o",
            dir.to_str().unwrap(),
        ])
    };
    for dir in [out.path().to_path_buf(), out.path().join("new/out")] {
        let result = run(&dir);
        assert_eq!(result.status.code(), Some(1), "{}", text(&result.stderr));
        let stderr = text(&result.stderr);
        assert!(stderr.contains("zone-needs-nameservers"), "{stderr}");
        assert!(stderr.contains("1 error; nothing was written"), "{stderr}");
    }
    let mut left: Vec<PathBuf> = walk(out.path());
    left.sort();
    assert_eq!(left, vec![existing.join("a.example.zone")]);
    assert_eq!(
        std::fs::read(existing.join("a.example.zone")).unwrap(),
        b"; previous\n"
    );
}

/// Every file and directory under `dir`, directories by themselves only
/// when empty.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            let inner = walk(&path);
            if inner.is_empty() {
                found.push(path);
            }
            found.extend(inner);
        } else {
            found.push(path);
        }
    }
    found
}
