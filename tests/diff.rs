//! `steer diff OLD NEW`: the cases in `tests/diff/<case>/` (an `old` and a
//! `new` configuration, each a `.steer` file or a directory) with reviewed
//! snapshots of the text and the JSON, and the exit codes.

mod common;

use common::{examples, root, steer, text};
use std::path::{Path, PathBuf};

/// `tests/diff/<case>/` with its `old` and `new` side.
fn cases() -> Vec<(String, PathBuf, PathBuf)> {
    let dir = root().join("tests/diff");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/diff")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.is_dir() && !p.ends_with("snapshots"))
        .map(|p| {
            let side = |s: &str| {
                let file = p.join(format!("{s}.steer"));
                if file.exists() {
                    file
                } else {
                    p.join(s)
                }
            };
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, side("old"), side("new"))
        })
        .collect();
    cases.sort();
    assert!(cases.len() >= 4, "diff cases went missing: {cases:?}");
    cases
}

fn relative(p: &Path) -> &str {
    p.strip_prefix(root()).unwrap().to_str().unwrap()
}

fn diff(old: &Path, new: &Path, format: &str) -> std::process::Output {
    steer(&["diff", "--format", format, relative(old), relative(new)])
}

#[test]
fn cases_match_their_snapshots() {
    for (name, old, new) in cases() {
        for format in ["text", "json"] {
            let out = diff(&old, &new, format);
            assert_eq!(
                out.status.code(),
                Some(1),
                "{name} ({format}): a change exits 1\n{}",
                text(&out.stderr)
            );
            let stdout = text(&out.stdout);
            if format == "json" {
                let value: serde_json::Value = serde_json::from_str(&stdout).expect("one object");
                assert_eq!(value["changed"], true, "{name}");
                // Standard error: only the summary line (docs/json.md).
                let summary: serde_json::Value =
                    serde_json::from_slice(&out.stderr).expect("one JSON line");
                assert_eq!(summary["kind"], "summary", "{name}");
                assert_eq!(summary["exit_code"], 1, "{name}");
            } else {
                assert!(out.stderr.is_empty(), "{name}: {}", text(&out.stderr));
            }
            insta::with_settings!({ description => format!("steer diff {} {}", relative(&old), relative(&new)), omit_expression => true }, {
                insta::assert_snapshot!(format!("{name}-{format}"), stdout);
            });
        }
    }
}

/// Swapping the sides swaps added and removed, and still exits 1.
#[test]
fn reversed_cases_swap_added_and_removed() {
    let (_, old, new) = cases()
        .into_iter()
        .find(|(n, ..)| n == "failover-secondary")
        .unwrap();
    let forward = text(&diff(&old, &new, "text").stdout);
    let backward = diff(&new, &old, "text");
    assert_eq!(backward.status.code(), Some(1));
    let backward = text(&backward.stdout);
    assert!(
        forward.contains("+ www.myshop.com A [secondary]"),
        "{forward}"
    );
    assert!(
        backward.contains("- www.myshop.com A [secondary]"),
        "{backward}"
    );
    assert!(
        backward.contains("1 record set added, 2 removed"),
        "{backward}"
    );
}

#[test]
fn identical_inputs_have_no_changes() {
    for example in examples() {
        let path = relative(&example.path).to_string();
        let out = steer(&["diff", &path, &path]);
        assert_eq!(out.status.code(), Some(0), "{path}: {}", text(&out.stderr));
        assert_eq!(text(&out.stdout), "no changes\n", "{path}");
        let json = steer(&["diff", "--format", "json", &path, &path]);
        assert_eq!(json.status.code(), Some(0));
        let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
        assert_eq!(value, serde_json::json!({ "changed": false, "zones": [] }));
    }
}

/// The same files under other names (so read in another order) in
/// another directory: no changes.
#[test]
fn directory_in_another_order_has_no_changes() {
    let dir = root().join("examples/split-zone");
    let files = steer::load::expand(&dir).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    for (i, f) in files.iter().enumerate() {
        // The first file becomes the last one read.
        let name = format!(
            "{}-{}",
            files.len() - i,
            f.file_name().unwrap().to_string_lossy()
        );
        std::fs::copy(f, tmp.path().join(name)).unwrap();
    }
    let out = steer(&["diff", dir.to_str().unwrap(), tmp.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "no changes\n");
}

/// Zones are matched by name: a zone on one side only is added or
/// removed with everything in it.
#[test]
fn zones_added_and_removed() {
    let out = steer(&["diff", "examples/myshop.steer", "examples/canary.steer"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("zone ledgerly.com: added"), "{stdout}");
    assert!(stdout.contains("zone myshop.com: removed"), "{stdout}");
    assert!(
        stdout.ends_with(
            "2 zones changed: 5 record sets added, 8 removed; 2 health checks added, 2 removed\n"
        ),
        "{stdout}"
    );
}

#[test]
fn output_is_deterministic() {
    for (name, old, new) in cases() {
        let first = diff(&old, &new, "json").stdout;
        for _ in 0..3 {
            assert_eq!(diff(&old, &new, "json").stdout, first, "{name}");
        }
    }
}

#[test]
fn invalid_input_on_either_side_exits_3_with_its_diagnostics() {
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("bad.steer");
    std::fs::write(
        &bad,
        "zone \"example.com\" { ttl 60s }\nrecord www A = nowhere\n",
    )
    .unwrap();
    let bad = bad.to_str().unwrap();
    for args in [
        ["diff", bad, "examples/myshop.steer"],
        ["diff", "examples/myshop.steer", bad],
    ] {
        let out = steer(&args);
        assert_eq!(out.status.code(), Some(3), "{args:?}");
        assert!(out.stdout.is_empty(), "nothing is compared");
        let stderr = text(&out.stderr);
        assert!(stderr.contains("steer::unknown-reference"), "{stderr}");
        assert!(stderr.contains("nothing was compared"), "{stderr}");
    }
    // JSON: the diagnostics as JSON lines on stderr, stdout empty.
    let out = steer(&["diff", "--format", "json", bad, "examples/myshop.steer"]);
    assert_eq!(out.status.code(), Some(3));
    assert!(out.stdout.is_empty());
    let first = text(&out.stderr).lines().next().unwrap().to_string();
    let line: serde_json::Value = serde_json::from_str(&first).unwrap();
    assert_eq!(line["code"], "steer::unknown-reference", "{first}");
}

#[test]
fn usage_and_io_errors_exit_2() {
    let missing = steer(&["diff", "examples/myshop.steer", "no/such/file.steer"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("cannot read no/such/file.steer"));
    assert_eq!(
        steer(&["diff", "examples/myshop.steer"]).status.code(),
        Some(2)
    );
    assert_eq!(steer(&["diff", "-", "-"]).status.code(), Some(2));
}

/// The answers section: a change that holds in every failure set is one
/// `always` line; one that depends on failures names them.
#[test]
fn answers_name_the_failures_they_depend_on() {
    let tmp = tempfile::tempdir().unwrap();
    let write = |name: &str, secondary: &str| {
        let path = tmp.path().join(name);
        std::fs::write(
            &path,
            format!(
                "zone \"ex.com\" {{ ttl 60s }}\n\
                 region a {{ aws \"eu-west-1\" }}\n\
                 check a_up {{ https \"a.ex.com\" }}\n\
                 check b_up {{ https \"b.ex.com\" }}\n\
                 endpoint a {{ region a  a [192.0.2.1]  check a_up }}\n\
                 endpoint b {{ region a  a [{secondary}]  check b_up }}\n\
                 record www A = failover {{ primary a  secondary b }}\n\
                 endpoint www_alias {{ alias record www A }}\n\
                 record web A = www_alias\n"
            ),
        )
        .unwrap();
        path
    };
    let old = write("old.steer", "192.0.2.2");
    let new = write("new.steer", "192.0.2.3");
    let out = steer(&["diff", old.to_str().unwrap(), new.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    // Only a_up down (b healthy) changes the answer.
    let expected = "  answers\n    web.ex.com A\n      everyone, a_up down: 192.0.2.2 → 192.0.2.3\n    www.ex.com A\n      everyone, a_up down: 192.0.2.2 → 192.0.2.3\n";
    assert!(stdout.contains(expected), "{stdout}");
    // An endpoint record whose addresses change: the same change in
    // every failure set, one `always` line.
    let changed = std::fs::read_to_string(&old)
        .unwrap()
        .replace("[192.0.2.2]", "[192.0.2.3]")
        + "record api A = b\n";
    std::fs::write(&new, changed).unwrap();
    let with_api = std::fs::read_to_string(&old).unwrap() + "record api A = b\n";
    std::fs::write(&old, with_api).unwrap();
    let out = steer(&["diff", old.to_str().unwrap(), new.to_str().unwrap()]);
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("    api.ex.com A\n      everyone, always: 192.0.2.2 → 192.0.2.3\n"),
        "{stdout}"
    );
}

/// An answer through an alias to an AWS resource reads as an alias, not as
/// a CNAME (the wording `steer explain` uses).
#[test]
fn alias_answers_read_as_aliases() {
    let tmp = tempfile::tempdir().unwrap();
    let write = |name: &str, lb: &str| {
        let path = tmp.path().join(name);
        std::fs::write(
            &path,
            format!(
                "zone \"ex.com\" {{ ttl 60s }}\n\
                 region a {{ aws \"eu-west-1\" }}\n\
                 check a_up {{ https \"a.ex.com\" }}\n\
                 endpoint a {{ region a  a [192.0.2.1]  check a_up }}\n\
                 endpoint lb {{ region a  alias elb \"dualstack.{lb}.eu-west-1.elb.amazonaws.com\" }}\n\
                 record www A = failover {{ primary a  secondary lb }}\n"
            ),
        )
        .unwrap();
        path
    };
    let old = write("old.steer", "old-1");
    let new = write("new.steer", "new-1");
    let out = steer(&["diff", old.to_str().unwrap(), new.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains(
            "everyone, a_up down: alias to dualstack.old-1.eu-west-1.elb.amazonaws.com. → alias to dualstack.new-1.eu-west-1.elb.amazonaws.com."
        ),
        "{stdout}"
    );
}
