//! Zones across files when only some files are named, as pre-commit names
//! the changed ones (docs/language.md §2): a named file brings the rest of
//! its zone from its directory, and a file without a zone line never joins
//! a zone of another directory.

mod common;

use std::path::Path;

fn copy_split_zone(into: &Path) {
    let from = common::root().join("examples/split-zone");
    for entry in std::fs::read_dir(from).expect("split-zone") {
        let entry = entry.expect("entry");
        std::fs::copy(entry.path(), into.join(entry.file_name())).expect("copy");
    }
}

fn steer_in(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = common::steer_command(args)
        .current_dir(dir)
        .output()
        .expect("run steer");
    (
        out.status.code().expect("exit code"),
        common::text(&out.stderr) + &common::text(&out.stdout),
    )
}

#[test]
fn one_file_of_a_split_zone_is_checked_with_its_whole_zone() {
    let tmp = tempfile::tempdir().expect("tempdir");
    copy_split_zone(tmp.path());
    for file in ["web.steer", "mail.steer", "zone.steer", "./web.steer"] {
        let (code, out) = steer_in(tmp.path(), &["check", file]);
        assert_eq!(code, 0, "{file}: {out}");
        assert!(
            out.contains("checked 3 files: acme-logistics.com (5 records)"),
            "{file}: {out}"
        );
    }
    // Named from elsewhere, with a path.
    let web = tmp.path().join("web.steer");
    let (code, out) = steer_in(common::root(), &["check", web.to_str().expect("utf-8")]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn an_error_in_an_unnamed_file_of_the_zone_is_reported() {
    let tmp = tempfile::tempdir().expect("tempdir");
    copy_split_zone(tmp.path());
    // zone.steer (not named) loses the region web.steer uses.
    let zone = tmp.path().join("zone.steer");
    let text = std::fs::read_to_string(&zone).expect("read");
    std::fs::write(&zone, text.replace("region ireland", "region dublin")).expect("write");
    let (code, out) = steer_in(tmp.path(), &["check", "mail.steer"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("unknown region `ireland`"), "{out}");
    assert!(out.contains("web.steer"), "{out}");
}

#[test]
fn files_of_other_zones_in_the_directory_are_not_brought_in() {
    let tmp = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        tmp.path().join("a.steer"),
        "zone \"a.example\" { ttl 60s  nameservers [\"ns1.a.example.net\"] }\nrecord www A 192.0.2.1\n",
    )
    .expect("write");
    std::fs::write(
        tmp.path().join("b.steer"),
        "zone \"b.example\"\nrecord { broken\n",
    )
    .expect("write");
    let (code, out) = steer_in(tmp.path(), &["check", "a.steer"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("checked 1 file: a.example"), "{out}");
    // A file without a zone line where the directory declares two zones:
    // ambiguous, as when the directory is checked.
    std::fs::write(tmp.path().join("b.steer"), "zone \"b.example\"\n").expect("write");
    std::fs::write(tmp.path().join("c.steer"), "record mail A 192.0.2.2\n").expect("write");
    let (code, out) = steer_in(tmp.path(), &["check", "c.steer", "a.steer"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("steer::ambiguous-zone"), "{out}");
    assert!(
        out.contains("its directory declares several (`a.example`, `b.example`)"),
        "{out}"
    );
}

#[test]
fn a_zoneless_file_never_joins_a_zone_of_another_directory() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let other = tmp.path().join("other");
    std::fs::create_dir(&other).expect("mkdir");
    let extra = other.join("extra.steer");
    std::fs::write(&extra, "record extra A 192.0.2.1\n").expect("write");
    let out_dir = tmp.path().join("out");
    let (code, out) = steer_in(
        common::root(),
        &[
            "build",
            "examples/myshop.steer",
            extra.to_str().expect("utf-8"),
            "--target",
            "terraform",
            "-o",
            out_dir.to_str().expect("utf-8"),
        ],
    );
    assert_eq!(code, 1, "{out}");
    // Both places: the file and the zone it does not join.
    assert!(out.contains("steer::missing-zone"), "{out}");
    assert!(out.contains("extra.steer:1:1"), "{out}");
    assert!(out.contains("examples/myshop.steer:10:6"), "{out}");
    assert!(
        out.contains("zone `myshop.com` is declared in another directory"),
        "{out}"
    );
    assert!(!out_dir.exists(), "nothing is written");
    // With its bare zone line it joins on purpose.
    std::fs::write(&extra, "zone \"myshop.com\"\nrecord extra A 192.0.2.1\n").expect("write");
    let (code, out) = steer_in(
        common::root(),
        &[
            "check",
            "examples/myshop.steer",
            extra.to_str().expect("utf-8"),
        ],
    );
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("myshop.com (8 records)"), "{out}");
}
