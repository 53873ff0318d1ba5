//! The pre-commit hooks of `.pre-commit-hooks.yaml`, run as a user runs
//! them: a temporary git repository uses this repository's hooks through
//! `pre-commit try-repo` (which builds steer with `cargo install`, as
//! `language: rust` says), on staged changes.
//!
//! `cargo install` is a release build, several minutes on two cores. Two
//! things keep it reasonable here, and neither changes what the hooks run:
//! - the cargo target directory and pre-commit's cache live in
//!   `target/tmp/pre-commit/` (CARGO_TARGET_TMPDIR), which survives between
//!   runs: dependencies are built once, and pre-commit reuses its
//!   environment while this repository's commit is the same;
//! - the release profile is built without optimisation
//!   (`CARGO_PROFILE_RELEASE_OPT_LEVEL=0`, incremental, many codegen units,
//!   no link-time optimisation, which Cargo.toml's release profile asks for):
//!   what is tested is the hooks' wiring (install, entry, files, exit code,
//!   output), not the optimiser.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

struct Repo {
    dir: tempfile::TempDir,
    pre_commit: PathBuf,
}

impl Repo {
    fn new(pre_commit: PathBuf) -> Repo {
        let dir = tempfile::tempdir().expect("tempdir");
        let repo = Repo { dir, pre_commit };
        repo.git(&["init", "-q"]);
        repo
    }

    fn path(&self, file: &str) -> PathBuf {
        self.dir.path().join(file)
    }

    fn git(&self, args: &[&str]) {
        let out = Command::new("git")
            .args(args)
            .current_dir(self.dir.path())
            .env("GIT_AUTHOR_NAME", "steer tests")
            .env("GIT_AUTHOR_EMAIL", "tests@steer.invalid")
            .env("GIT_COMMITTER_NAME", "steer tests")
            .env("GIT_COMMITTER_EMAIL", "tests@steer.invalid")
            .output()
            .expect("run git");
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            common::text(&out.stderr)
        );
    }

    fn write(&self, file: &str, text: &str) {
        let path = self.path(file);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }

    fn edit(&self, file: &str, from: &str, to: &str) {
        let text = std::fs::read_to_string(self.path(file)).expect("read");
        assert!(text.contains(from), "{file} has no `{from}`");
        self.write(file, &text.replacen(from, to, 1));
    }

    /// Stages everything and runs `hook` of this repository on the staged
    /// files: whether it passed, and everything it printed.
    fn run(&self, hook: &str) -> (bool, String) {
        self.git(&["add", "-A"]);
        let cache = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pre-commit");
        let out = Command::new(&self.pre_commit)
            .args([
                "try-repo",
                common::root().to_str().expect("utf-8"),
                hook,
                "--verbose",
            ])
            .current_dir(self.dir.path())
            .env("PRE_COMMIT_HOME", cache.join("home"))
            .env("CARGO_TARGET_DIR", cache.join("cargo"))
            .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0")
            .env("CARGO_PROFILE_RELEASE_INCREMENTAL", "true")
            .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "256")
            .env("CARGO_PROFILE_RELEASE_LTO", "false")
            .env("CARGO_PROFILE_RELEASE_DEBUG", "false")
            .env("PRE_COMMIT_COLOR", "never")
            .env("NO_COLOR", "1")
            .output()
            .expect("run pre-commit");
        let text = common::text(&out.stdout) + &common::text(&out.stderr);
        (out.status.success(), text)
    }

    /// `hook` fails on the staged change, saying each of `says`; the
    /// change is then dropped.
    fn blocked(&self, hook: &str, says: &[&str]) {
        let (passed, out) = self.run(hook);
        assert!(!passed, "{out}");
        for s in says {
            assert!(out.contains(s), "no `{s}` in:\n{out}");
        }
        self.git(&["reset", "-q", "--hard"]);
    }

    fn commit(&self) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", "change"]);
    }
}

fn example(path: &str) -> String {
    std::fs::read_to_string(common::root().join("examples").join(path)).expect("example")
}

/// Whether this steer has `fmt` (implemented in parallel; its case runs as
/// soon as it exists).
fn has_fmt() -> bool {
    common::steer(&["fmt", "--help"]).status.success()
}

#[test]
fn the_hooks_block_broken_files_and_check_whole_zones() {
    let Some(pre_commit) = common::tools::require_tool("pre-commit") else {
        return;
    };
    let repo = Repo::new(pre_commit);
    repo.write("myshop.steer", &example("myshop.steer"));
    for file in ["zone.steer", "web.steer", "mail.steer"] {
        repo.write(
            &format!("split-zone/{file}"),
            &example(&format!("split-zone/{file}")),
        );
    }
    repo.commit();

    // A good change passes; the one changed file of the split zone is
    // checked with its whole zone (the zone's 3 files, and myshop.steer).
    repo.write(
        "myshop.steer",
        &(example("myshop.steer") + "\nrecord status A 192.0.2.7\n"),
    );
    repo.edit("split-zone/mail.steer", "ttl 1h", "ttl 2h");
    let started = std::time::Instant::now();
    let (passed, out) = repo.run("steer-check");
    eprintln!("first hook run (builds steer): {:?}", started.elapsed());
    assert!(passed, "{out}");
    assert!(
        out.contains("checked 4 files: acme-logistics.com (5 records), myshop.com (8 records)"),
        "{out}"
    );
    repo.commit();

    // A broken file is blocked, with the diagnostic.
    repo.edit("myshop.steer", "secondary frankfurt", "secondary frankfrut");
    repo.blocked(
        "steer-check",
        &["steer::unknown-reference", "myshop.steer:"],
    );

    // A change that breaks an unchanged file of its zone is caught.
    repo.edit("split-zone/zone.steer", "region ireland", "region dublin");
    repo.blocked(
        "steer-check",
        &["unknown region `ireland`", "split-zone/web.steer:"],
    );

    // A badly formatted file is reported by steer-fmt.
    if !has_fmt() {
        eprintln!("skipping the steer-fmt case: this steer has no `fmt` command yet");
        return;
    }
    repo.edit(
        "myshop.steer",
        "record status A 192.0.2.7",
        "record   status  A   192.0.2.7",
    );
    repo.blocked("steer-fmt", &["myshop.steer"]);
}
