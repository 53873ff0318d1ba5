//! External validation tools for the integration tests.
//!
//! steer's output is checked with real third-party tools, installed by
//! `.ci/install-tools`:
//!
//! | tool              | checks                  | installed from                              |
//! |-------------------|-------------------------|---------------------------------------------|
//! | `named-checkzone` | BIND zone files         | apt `bind9-utils`                           |
//! | `kzonecheck`      | BIND zone files         | apt `knot-dnssecutils`                      |
//! | `cfn-lint`        | CloudFormation JSON     | pip, into `tools/venv/` (or anywhere on PATH) |
//! | `node` + hcl-check| Terraform HCL           | `npm ci --prefix tools/node`                |
//! | `pdns_server`, `pdnsutil` | serving zones   | apt `pdns-server` + `pdns-backend-bind`     |
//! | `dot`             | `steer graph`'s DOT     | apt `graphviz`                              |
//! | `groff`           | `steer man`'s pages     | apt `groff-base`                            |
//! | `dig`             | docs/failover.md's queries | apt `dnsutils`                           |
//! | `mmdb-writer`     | GeoIP databases for pdns| pip, into `tools/venv/` (its python is returned) |
//! | `geoip-backend`   | pdns's geoip backend    | apt `pdns-backend-geoip` (its library is returned) |
//! | `moto`            | deploying CloudFormation| pip `moto[server,cloudformation]` + boto3, into `tools/venv/` (its python is returned) |
//! | `pre-commit`      | .pre-commit-hooks.yaml  | pip, into `tools/venv/` (or anywhere on PATH) |
//! | `vim`             | editors/vim             | apt `vim`                                   |
//! | `tree-sitter`     | editors/tree-sitter-steer | `cargo install tree-sitter-cli --locked`  |
//! | `vscode-tools`    | editors/vscode          | `npm ci --prefix editors/vscode` (vscode-tmgrammar-test, @vscode/vsce; its directory is returned) |
//!
//! Every lookup follows one rule: in CI (`CI` set to `true`/`1`) a missing tool is
//! a test failure (panic with the install hint); locally the lookup prints
//! `skipping: <tool> not installed (<hint>)` to stderr and returns `None`, so the
//! test can `return` early. The line goes to the process's stderr directly, past
//! libtest's capture, so that it shows in a plain `cargo test` run beside the
//! test's `ok` (libtest has no way to mark a test ignored once it runs); the
//! summary of `tests/validators.rs` counts each missing tool as `ignored`.
//! `STEER_HIDE_TOOLS=dot,groff` makes tools look missing, to try this path:
//!
//! ```ignore
//! let Some(checkzone) = common::tools::require_tool("named-checkzone") else { return };
//! ```
#![allow(dead_code)]

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The crate root (where Cargo.toml, `.ci/` and `tools/` are).
pub fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// True when running under CI (`CI=true`, as `.ci/run` is invoked). Any value
/// other than empty, `0` or `false` counts.
pub fn in_ci() -> bool {
    match std::env::var("CI") {
        Ok(v) => {
            let v = v.trim();
            !(v.is_empty() || v == "0" || v.eq_ignore_ascii_case("false"))
        }
        Err(_) => false,
    }
}

/// How to install `name`, for the skip / failure message.
pub fn install_hint(name: &str) -> &'static str {
    match name {
        "named-checkzone" | "named-checkconf" => {
            "apt-get install bind9-utils, or run .ci/install-tools"
        }
        "kzonecheck" => "apt-get install knot-dnssecutils, or run .ci/install-tools",
        "cfn-lint" => {
            "run .ci/install-tools (pip installs a pinned cfn-lint into tools/venv/), or pip install cfn-lint"
        }
        "node" => "install Node.js >= 18 (Debian: apt-get install nodejs)",
        "hcl-check" | "@cdktf/hcl2json" | "@cdktf/hcl-tools" => {
            "run .ci/install-tools, or: npm ci --prefix tools/node"
        }
        "dot" => "apt-get install graphviz, or run .ci/install-tools",
        "groff" => "apt-get install groff-base, or run .ci/install-tools",
        "dig" => "apt-get install dnsutils, or run .ci/install-tools",
        "pdns_server" | "pdnsutil" => {
            "apt-get install pdns-server pdns-backend-bind, or run .ci/install-tools"
        }
        "mmdb-writer" => "run .ci/install-tools (pip installs a pinned mmdb-writer into tools/venv/)",
        "geoip-backend" => "apt-get install pdns-backend-geoip, or run .ci/install-tools",
        "moto" => {
            "run .ci/install-tools (pip installs a pinned moto[server,cloudformation] and boto3 into tools/venv/)"
        }
        "pre-commit" => {
            "run .ci/install-tools (pip installs a pinned pre-commit into tools/venv/), or pip install pre-commit"
        }
        "vim" => "apt-get install vim, or run .ci/install-tools",
        "tree-sitter" => {
            "cargo install tree-sitter-cli --locked --version 0.27.1, or run .ci/install-tools"
        }
        "vscode-tools" => "run .ci/install-tools, or: npm ci --prefix editors/vscode",
        _ => "see .ci/install-tools",
    }
}

/// Finds an external validation tool. In CI (env CI=true) a missing tool is a
/// test failure (panic with the install hint); locally it returns None and prints
/// "skipping: <tool> not installed (<hint>)" to stderr so the test can return early.
///
/// Known names: `named-checkzone`, `kzonecheck`, `cfn-lint` and `pre-commit`
/// (tools/venv/bin first, then PATH), `node`, `pdns_server`, `pdnsutil` (PATH, then the sbin
/// directories, which a non-root PATH often lacks), `mmdb-writer` and `moto`
/// (tools/venv's python, when it imports them), and `hcl-check` (same as
/// [`hcl_check`]). Any other name is looked up on PATH.
pub fn require_tool(name: &str) -> Option<PathBuf> {
    if name == "hcl-check" || name == "hcl-check.mjs" {
        return hcl_check();
    }
    match locate(name) {
        Some(p) => Some(p),
        None => missing(name, install_hint(name)),
    }
}

/// Path of `tools/node/hcl-check.mjs` if `node` is found and the npm packages
/// are installed (tools/node/node_modules/@cdktf/hcl2json and .../hcl-tools);
/// otherwise the same CI-panic / local-skip behaviour as [`require_tool`].
/// Run it with [`hcl_check_command`] or `Command::new(node).arg(path)`.
pub fn hcl_check() -> Option<PathBuf> {
    locate("node").or_else(|| missing("node", install_hint("node")))?;
    let dir = manifest_dir().join("tools").join("node");
    let script = dir.join("hcl-check.mjs");
    if !script.is_file() {
        return missing(
            "tools/node/hcl-check.mjs",
            "it should be committed in the repository",
        );
    }
    for pkg in ["hcl2json", "hcl-tools"] {
        let pkg_json = dir
            .join("node_modules")
            .join("@cdktf")
            .join(pkg)
            .join("package.json");
        if !pkg_json.is_file() {
            return missing(&format!("@cdktf/{pkg}"), install_hint("hcl-check"));
        }
    }
    Some(script)
}

/// `node tools/node/hcl-check.mjs`, ready for `.args(files)`; None as [`hcl_check`].
///
/// `hcl-check.mjs [--json-out DIR] [--no-json] [--no-strict] FILE.tf...` exits 0
/// when every file parses (HCL syntax) and is hclwrite-formatted, 1 otherwise
/// (reasons on stderr, one `hcl-check: FILE: ...` block per failure), 2 on
/// usage/IO errors; stdout is the hcl2json JSON (one file: the document; several:
/// an object keyed by the paths as given).
pub fn hcl_check_command() -> Option<Command> {
    let script = hcl_check()?;
    let node = locate("node")?;
    let mut cmd = Command::new(node);
    cmd.arg(script);
    Some(cmd)
}

/// Runs `cmd` and panics, showing its command line, exit status, stdout and
/// stderr, unless it exits 0. Returns the output for further checks.
pub fn assert_success(cmd: &mut Command) -> Output {
    let out = run(cmd);
    if !out.status.success() {
        panic!(
            "{} failed ({})\n--- stdout ---\n{}\n--- stderr ---\n{}",
            describe(cmd),
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    out
}

/// Runs `cmd` and panics (with its output) unless it exits non-zero; for tests
/// that feed a tool something it must reject.
pub fn assert_failure(cmd: &mut Command) -> Output {
    let out = run(cmd);
    if out.status.success() {
        panic!(
            "{} unexpectedly succeeded\n--- stdout ---\n{}\n--- stderr ---\n{}",
            describe(cmd),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    out
}

fn run(cmd: &mut Command) -> Output {
    cmd.output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", describe(cmd)))
}

fn describe(cmd: &Command) -> String {
    let mut s = cmd.get_program().to_string_lossy().into_owned();
    for a in cmd.get_args() {
        s.push(' ');
        s.push_str(&a.to_string_lossy());
    }
    s
}

fn missing(tool: &str, hint: &str) -> Option<PathBuf> {
    missing_under(in_ci(), tool, hint)
}

/// The policy itself, with CI given explicitly so that it can be tested.
pub fn missing_under(ci: bool, tool: &str, hint: &str) -> Option<PathBuf> {
    if ci {
        panic!("{tool} not installed ({hint}); CI must run .ci/install-tools before the tests");
    }
    // Straight to the process's stderr: libtest captures `eprintln!` and
    // shows it only for failed tests (or with --nocapture), which would hide
    // the skip behind an `ok`.
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr().lock(),
        "skipping: {tool} not installed ({hint})"
    );
    None
}

/// Where `name` is, without the CI/skip policy.
pub fn locate(name: &str) -> Option<PathBuf> {
    // STEER_HIDE_TOOLS=dot,groff: act as if these were not installed, to see
    // the skip path (and tests/validators.rs's `ignored`) on a full machine.
    if std::env::var("STEER_HIDE_TOOLS").is_ok_and(|v| v.split(',').any(|t| t.trim() == name)) {
        return None;
    }
    // Python packages in tools/venv: the venv's python, when it imports them.
    let modules = match name {
        "mmdb-writer" => Some("import mmdb_writer"),
        "moto" => Some("import boto3, moto.server, moto.cloudformation"),
        _ => None,
    };
    if let Some(modules) = modules {
        let python = manifest_dir().join("tools/venv/bin/python");
        let imports = Command::new(&python)
            .args(["-c", modules])
            .output()
            .is_ok_and(|o| o.status.success());
        return imports.then_some(python);
    }
    // editors/vscode's npm packages: the directory, when they are installed.
    if name == "vscode-tools" {
        let dir = manifest_dir().join("editors").join("vscode");
        let bin = dir.join("node_modules").join(".bin");
        let ready = find_on_path("node").is_some()
            && ["vscode-tmgrammar-test", "vscode-tmgrammar-snap", "vsce"]
                .iter()
                .all(|b| bin.join(b).is_file());
        return ready.then_some(dir);
    }
    if name == "geoip-backend" {
        return [
            "/usr/lib/x86_64-linux-gnu/pdns",
            "/usr/lib/aarch64-linux-gnu/pdns",
            "/usr/lib/pdns",
        ]
        .iter()
        .map(|d| Path::new(d).join("libgeoipbackend.so"))
        .find(|p| p.is_file());
    }
    if name == "cfn-lint" || name == "pre-commit" {
        let venv = manifest_dir()
            .join("tools")
            .join("venv")
            .join("bin")
            .join(name);
        if is_executable(&venv) {
            return Some(venv);
        }
    }
    if let Some(p) = find_on_path(name) {
        return Some(p);
    }
    // pdns_server lives in /usr/sbin, which is not on every user's PATH.
    ["/usr/local/sbin", "/usr/sbin", "/sbin"]
        .iter()
        .map(|d| Path::new(d).join(name))
        .find(|p| is_executable(p))
}

/// Searches the directories of `PATH` for an executable file called `name`.
pub fn find_on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        if dir.as_os_str().is_empty() {
            continue;
        }
        let candidate = dir.join(name);
        if is_executable(&candidate) {
            return Some(candidate);
        }
        if cfg!(windows) && Path::new(name).extension().is_none() {
            for ext in ["exe", "cmd", "bat"] {
                let c = candidate.with_extension(ext);
                if is_executable(&c) {
                    return Some(c);
                }
            }
        }
    }
    None
}

#[cfg(unix)]
fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p)
        .map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        .unwrap_or(false)
}

#[cfg(not(unix))]
fn is_executable(p: &Path) -> bool {
    p.is_file()
}

/// Convenience: `Command::new(tool)` for a path from [`require_tool`].
pub fn command(tool: impl AsRef<OsStr>) -> Command {
    Command::new(tool)
}
