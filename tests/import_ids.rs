//! `steer build --import-ids FILE` (docs/targets.md): what the command line
//! refuses. The written `import {}` blocks are in tests/terraform_target.rs.

mod common;

use common::{steer, text};

fn build_with(target: &str, imports: &str) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ids");
    std::fs::write(&file, imports).unwrap();
    let out_dir = dir.path().join("out");
    steer(&[
        "build",
        "--target",
        target,
        "--import-ids",
        file.to_str().unwrap(),
        "-o",
        out_dir.to_str().unwrap(),
        "examples/canary.steer",
    ])
}

#[test]
fn unknown_entries_are_errors_naming_every_one() {
    let out = build_with(
        "terraform",
        "zone ledgerly.com Z1\nrecord checkout.ledgerly.com A stable\nrecord nowhere.ledgerly.com A\ncheck stable_upp abc\nzone other.com Z2\n",
    );
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    for named in [
        "line 2: record checkout.ledgerly.com A stable",
        "line 3: record nowhere.ledgerly.com A",
        "line 4: check stable_upp",
        "line 5: zone other.com",
    ] {
        assert!(err.contains(named), "{named} missing from {err}");
    }
}

#[test]
fn a_record_needs_its_zone_id() {
    let out = build_with("terraform", "record checkout.ledgerly.com A standby\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("needs the id of zone ledgerly.com"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn malformed_lines_are_errors_with_their_line() {
    let out = build_with("terraform", "# ok\nzone ledgerly.com\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains(":2: `zone ledgerly.com` is not an import entry"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn only_terraform_takes_import_ids() {
    for target in ["cloudformation", "zone", "powerdns"] {
        let out = build_with(target, "zone ledgerly.com Z1\n");
        assert_eq!(out.status.code(), Some(2), "{target}");
        assert!(
            text(&out.stderr).contains("--import-ids applies only to --target terraform"),
            "{target}: {}",
            text(&out.stderr)
        );
    }
}
