//! docs/failover.md, run: its `steer shop.steer` block is written to a
//! temporary directory and every `$` line of its `console` blocks is run
//! there with bash, in order, its output (stdout and stderr) compared with
//! the lines the page shows after it. Port 8080 becomes a free health
//! port everywhere in the page, and 5300 a free DNS port in the commands. Commands ending
//! in `&` run in the background, in their own process group, stopped when
//! the test ends. Before each `dig`, the server is polled with
//! tests/common/pdns.rs until it answers what the page shows, failing on
//! any SERVFAIL or empty answer on the way; the times are printed.

mod common;

use common::pdns::{doc_file, failover_doc, free_health_port_on, free_port, until, PHASE_LIMIT};
use common::pdns::{FRANKFURT, IRELAND};
use common::tools::require_tool;
use std::net::{Ipv4Addr, SocketAddr};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// One `$` line of a `console` block and the output lines after it.
#[derive(Debug, PartialEq)]
struct Step {
    command: String,
    output: String,
}

/// The steps of every `console` block of `doc`, in order.
fn steps(doc: &str) -> Vec<Step> {
    let mut steps: Vec<Step> = Vec::new();
    let mut in_console = false;
    for line in doc.lines() {
        if line.starts_with("```") {
            in_console = !in_console && line == "```console";
            continue;
        }
        if !in_console {
            continue;
        }
        if let Some(command) = line.strip_prefix("$ ") {
            steps.push(Step {
                command: command.to_string(),
                output: String::new(),
            });
        } else {
            let step = steps.last_mut().expect("output before any command");
            step.output.push_str(line);
            step.output.push('\n');
        }
    }
    steps
}

/// A background command the test started, in its own process group;
/// the whole group is stopped when dropped.
struct Background(Child);

impl Drop for Background {
    fn drop(&mut self) {
        let group = format!("-{}", self.0.id());
        let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
        let _ = self.0.wait();
    }
}

/// `s` as one single-quoted shell word.
fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

fn bash(dir: &Path, path: &str, command: &str) -> Command {
    let mut bash = Command::new("bash");
    bash.args(["-c", command])
        .current_dir(dir)
        .env("PATH", path)
        .env("NO_COLOR", "1");
    bash
}

#[test]
fn the_steps_are_read_from_console_blocks() {
    let doc = "text\n```console\n$ a\nout 1\nout 2\n$ b &\n```\n```steer x\n$ not\n```\n";
    assert_eq!(
        steps(doc),
        [
            Step {
                command: "a".into(),
                output: "out 1\nout 2\n".into()
            },
            Step {
                command: "b &".into(),
                output: String::new()
            }
        ]
    );
}

#[test]
fn failover_doc_runs_as_written() {
    let (Some(pdns), Some(_dig), Some(_python)) = (
        require_tool("pdns_server"),
        require_tool("dig"),
        require_tool("python3"),
    ) else {
        return;
    };
    let health_port = free_health_port_on(&[IRELAND, FRANKFURT]);
    let dns_port = free_port();
    let doc = failover_doc().replace("8080", &health_port.to_string());
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("shop.steer"), doc_file(&doc, "shop.steer")).unwrap();
    let bin_dirs = [
        Path::new(env!("CARGO_BIN_EXE_steer")).parent().unwrap(),
        pdns.parent().unwrap(),
    ];
    let mut path: Vec<_> = bin_dirs.iter().map(|d| d.to_path_buf()).collect();
    path.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    let path = std::env::join_paths(path).unwrap();
    let path = path.to_str().unwrap();

    let server: SocketAddr = (Ipv4Addr::LOCALHOST, dns_port).into();
    let mut background = Vec::new();
    let (mut log, mut id, mut times) = (Vec::new(), 0, Vec::new());
    let steps = steps(&doc);
    assert!(steps.iter().any(|s| s.command.starts_with("dig ")));
    for step in &steps {
        let command = step.command.replace("5300", &dns_port.to_string());
        if let Some(command) = command.strip_suffix(" &") {
            assert!(step.output.is_empty(), "{}: output shown", step.command);
            let child = bash(dir.path(), path, command)
                .stdin(Stdio::null())
                .process_group(0)
                .spawn()
                .unwrap_or_else(|e| panic!("{command}: {e}"));
            background.push(Background(child));
            continue;
        }
        if command.starts_with("dig ") {
            let name = command.split(' ').next_back().unwrap();
            let want: Vec<Ipv4Addr> = step.output.lines().map(|l| l.parse().unwrap()).collect();
            let took = until(server, name, &want, &mut log, &mut id);
            times.push(format!("{want:?} after {} ms", took.as_millis()));
        }
        // A command that does not end (the page's wait for the first
        // checks, should pdns never probe) fails after PHASE_LIMIT.
        let limited = format!(
            "timeout {} bash -c {} 2>&1",
            PHASE_LIMIT.as_secs(),
            shell_quote(&command)
        );
        let out = bash(dir.path(), path, &limited).output().unwrap();
        let got = common::text(&out.stdout);
        assert!(out.status.success(), "{}:\n{got}", step.command);
        assert_eq!(got, step.output, "{}", step.command);
    }
    eprintln!("answers:\n{}", log.join("\n"));
    eprintln!(
        "docs/failover.md: {} commands ran as written; the answers became {} \
         (check interval 1 s, polled every 200 ms)",
        steps.len(),
        times.join(", then ")
    );
}
