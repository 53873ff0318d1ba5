//! One trial per third-party validator the tests use, so that a missing
//! tool shows in `cargo test`'s summary as **ignored** (libtest cannot mark
//! a test ignored once it runs, so the tests that need a tool report `ok`
//! when they skip; this binary, run by libtest-mimic, decides before
//! running). Locally a missing tool is `ignored` with its install hint in
//! the trial's name; in CI (`CI=true`) it fails, as every tool test does.
//!
//! A new tool used by a test goes in [`TOOLS`] (a test in this file checks
//! that every `require_tool` call in tests/ names one of them).

mod common;

use common::tools;
use libtest_mimic::{Arguments, Failed, Trial};

/// Every tool `tests/` looks up, with what needs it.
const TOOLS: &[(&str, &str)] = &[
    (
        "named-checkzone",
        "zone and PowerDNS outputs (BIND's checker)",
    ),
    ("named-compilezone", "zone files with non-hostname owners"),
    ("kzonecheck", "zone outputs (Knot's checker)"),
    ("cfn-lint", "CloudFormation templates"),
    (
        "hcl-check",
        "Terraform HCL (HashiCorp's parser and formatter)",
    ),
    ("dot", "steer graph's DOT"),
    ("groff", "steer man's pages"),
    ("pdns_server", "PowerDNS outputs served live"),
    ("pdnsutil", "PowerDNS zone checks"),
    ("geoip-backend", "PowerDNS geolocation"),
    ("mmdb-writer", "GeoIP databases for PowerDNS"),
    ("moto", "deploying CloudFormation on a local AWS"),
    ("dig", "docs/failover.md's queries"),
    ("pre-commit", "the hooks of .pre-commit-hooks.yaml"),
    ("python3", "the moto and mmdb helpers"),
    ("vim", "editors/vim (highlighting, errorformat)"),
    (
        "tree-sitter",
        "editors/tree-sitter-steer (generate, test, parse)",
    ),
    (
        "vscode-tools",
        "editors/vscode (grammar tests, vsce package)",
    ),
];

/// Whether `name` is installed, without the skip message or CI panic.
fn installed(name: &str) -> bool {
    if name == "hcl-check" {
        let dir = tools::manifest_dir().join("tools").join("node");
        return tools::locate("node").is_some()
            && dir.join("hcl-check.mjs").is_file()
            && ["hcl2json", "hcl-tools"].iter().all(|pkg| {
                dir.join("node_modules/@cdktf")
                    .join(pkg)
                    .join("package.json")
                    .is_file()
            });
    }
    tools::locate(name).is_some()
}

/// Every tool a test requires is in [`TOOLS`].
fn every_required_tool_is_listed() -> Result<(), Failed> {
    let dir = tools::manifest_dir().join("tests");
    let mut unlisted = Vec::new();
    for entry in std::fs::read_dir(&dir).map_err(|e| e.to_string())? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).map_err(|e| e.to_string())?;
        for part in text.split("require_tool(\"").skip(1) {
            let name = part.split('"').next().unwrap_or_default();
            if !TOOLS.iter().any(|(t, _)| *t == name) {
                unlisted.push(format!("{name} ({})", path.display()));
            }
        }
    }
    if unlisted.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "not in tests/validators.rs's TOOLS: {}",
            unlisted.join(", ")
        )
        .into())
    }
}

fn main() {
    let args = Arguments::from_args();
    let ci = tools::in_ci();
    let mut trials = vec![Trial::test(
        "every_required_tool_is_listed",
        every_required_tool_is_listed,
    )];
    for &(name, what) in TOOLS {
        let present = installed(name);
        let title = if present {
            format!("validator {name} ({what})")
        } else {
            format!(
                "validator {name} ({what}): not installed, the tests that need it skip: {}",
                tools::install_hint(name)
            )
        };
        trials.push(
            Trial::test(title, move || {
                if present {
                    Ok(())
                } else {
                    Err(format!("{name} not installed ({})", tools::install_hint(name)).into())
                }
            })
            // Locally a missing tool is ignored (and counted so); in CI it fails.
            .with_ignored_flag(!present && !ci),
        );
    }
    libtest_mimic::run(&args, trials).exit();
}
