//! The `steer` binary end to end: exit codes, output streams, formats.

mod common;

use common::{steer, text};
use std::io::Write;
use std::path::PathBuf;
use std::process::{Output, Stdio};

fn steer_stdin(args: &[&str], input: &[u8]) -> Output {
    with_stdin(&mut common::steer_command(args), input)
}

/// Runs `command` with `input` on its standard input.
fn with_stdin(command: &mut std::process::Command, input: &[u8]) -> Output {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run the command");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn case(name: &str) -> PathBuf {
    common::case_root().join(name)
}

#[test]
fn check_examples_succeeds() {
    let out = steer(&["check", "examples/"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("myshop.com"));
}

#[test]
fn invalid_input_exits_1_with_file_line_col() {
    let out = steer(&["check", case("unknown-reference.steer").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("unknown-reference.steer:3:24"), "{err}");
    assert!(err.contains("did you mean `ireland`?"), "{err}");
    assert!(err.contains("2 errors"), "{err}");
}

#[test]
fn io_errors_exit_2() {
    let out = steer(&["check", "does/not/exist.steer"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("cannot read does/not/exist.steer"));
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    assert_eq!(steer(&["check", "--no-such-flag"]).status.code(), Some(2));
    assert_eq!(steer(&["frobnicate"]).status.code(), Some(2));
    let help = steer(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(text(&help.stdout).contains("check"));
    let check_help = steer(&["check", "--help"]);
    assert_eq!(check_help.status.code(), Some(0));
    for flag in ["--format", "--deny-warnings", "PATH"] {
        assert!(
            text(&check_help.stdout).contains(flag),
            "check --help lacks {flag}"
        );
    }
}

#[test]
fn json_format_prints_one_object_per_line() {
    let out = steer(&[
        "check",
        "--format",
        "json",
        case("invalid-failover.steer").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    let mut lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 4, "{stdout}");
    let summary: serde_json::Value = serde_json::from_str(lines.pop().unwrap()).unwrap();
    assert_eq!(summary["kind"], "summary");
    assert_eq!(summary["errors"], 3);
    for line in lines {
        let v: serde_json::Value = serde_json::from_str(line).expect("valid JSON");
        assert_eq!(v["code"], "steer::invalid-failover");
        assert_eq!(v["severity"], "error");
        for key in [
            "message",
            "file",
            "line",
            "column",
            "byte_start",
            "byte_end",
            "hints",
        ] {
            assert!(v.get(key).is_some(), "missing {key} in {line}");
        }
    }
}

#[test]
fn stdin_is_read_with_a_dash() {
    let out = steer_stdin(
        &["check", "-", "--target", "terraform"],
        b"zone \"example.com\" { ttl 60s }\nrecord www A [192.0.2.1]\n",
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let bad = steer_stdin(
        &["check", "-"],
        b"zone \"example.com\" { ttl 60s }\nrecord www A [192.0.2.1\n",
    );
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        text(&bad.stderr).contains("<stdin>:"),
        "{}",
        text(&bad.stderr)
    );
}

#[test]
fn warnings_pass_unless_denied() {
    // (For Terraform: the case has no `nameservers`, which the zone target
    // needs.)
    let path = case("single-member.steer");
    let path = path.to_str().unwrap();
    assert_eq!(
        steer(&["check", "-t", "terraform", path]).status.code(),
        Some(0)
    );
    assert_eq!(
        steer(&["check", "-t", "terraform", "--deny-warnings", path])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn invalid_utf8_names_the_byte_offset() {
    let out = steer_stdin(
        &["check", "-"],
        b"zone \"example.com\" { ttl 60s }\n# \xff\n",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("invalid byte at offset 33"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn empty_directory_is_an_io_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = steer(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("contains no .steer files"));
}

// ----------------------------------------------------------------------------
// Inputs: --set and --values
// ----------------------------------------------------------------------------

const STACK_INPUTS: &str = "examples/stack-inputs.steer";
const STACK_VALUES: &str = "examples/stack-inputs.values.json";

#[test]
fn zone_builds_need_values_for_inputs_and_take_them_from_a_file_or_set() {
    let out = steer(&["build", STACK_INPUTS, "-t", "zone", "-o", "-"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("steer::missing-input"), "{err}");
    assert!(
        err.contains("`dublin_lb`, `status_eip`, `virginia_lb`"),
        "{err}"
    );

    let zone_file = |extra: &[&str]| {
        let args = [&["build", STACK_INPUTS, "-t", "zone", "-o", "-"][..], extra].concat();
        let out = steer(&args);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        text(&out.stdout)
    };
    let bound = zone_file(&["--values", STACK_VALUES]);
    assert!(
        bound.contains("IN CNAME brightcart-dublin-1234567890.eu-west-1.elb.amazonaws.com."),
        "{bound}"
    );
    // An Elastic IP input in an `a [...]` list is written as its value.
    assert!(bound.contains("status 60 IN A     34.251.18.7"), "{bound}");
    // --set wins over the file.
    let set = "dublin_lb=other-1.eu-west-1.elb.amazonaws.com";
    assert!(zone_file(&["--values", STACK_VALUES, "--set", set])
        .contains("IN CNAME other-1.eu-west-1.elb.amazonaws.com."));
}

#[test]
fn values_become_terraform_defaults_and_cloudformation_parameter_defaults() {
    let set = ["--set", "virginia_lb=v-1.us-east-1.elb.amazonaws.com"];
    let out = steer(
        &[
            &["build", STACK_INPUTS, "-t", "terraform", "-o", "-"][..],
            &set,
        ]
        .concat(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let tf = text(&out.stdout);
    assert!(
        tf.contains(
            "  type        = string\n  default     = \"v-1.us-east-1.elb.amazonaws.com\"\n"
        ),
        "{tf}"
    );
    let out = steer(
        &[
            &["build", STACK_INPUTS, "-t", "cloudformation", "-o", "-"][..],
            &set,
        ]
        .concat(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let template: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        template["Parameters"]["InputVirginiaLb"]["Default"],
        "v-1.us-east-1.elb.amazonaws.com"
    );
}

#[test]
fn values_for_unknown_inputs_and_unreadable_values_are_usage_errors() {
    for command in ["check", "build"] {
        let mut args = vec![command, STACK_INPUTS, "--set", "dublin_elb=x"];
        if command == "build" {
            args.extend(["-t", "terraform", "-o", "-"]);
        }
        let out = steer(&args);
        assert_eq!(out.status.code(), Some(2), "{command}");
        let err = text(&out.stderr);
        assert!(err.contains("a value was given for `dublin_elb`"), "{err}");
        assert!(err.contains("`dublin_lb`"), "{err}");
    }
    let out = steer(&["check", STACK_INPUTS, "--set", "no-equals-sign"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("expected NAME=VALUE"));
    let out = steer(&["check", STACK_INPUTS, "--values", "Cargo.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("not a JSON object of strings"));
}

#[test]
fn explain_shows_an_input_or_its_value() {
    let out = steer(&["explain", STACK_INPUTS, "www"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("input.dublin_lb"));
    let out = steer(&["explain", STACK_INPUTS, "www", "--values", STACK_VALUES]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let explained = text(&out.stdout);
    assert!(
        explained.contains("brightcart-dublin-1234567890"),
        "{explained}"
    );
    assert!(!explained.contains("input."), "{explained}");
}

#[test]
fn graph_draws_inputs() {
    let out = steer(&["graph", STACK_INPUTS, "--format", "mermaid", "-o", "-"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let graph = text(&out.stdout);
    assert!(graph.contains(">\"input virginia_lb\"]"), "{graph}");
    assert!(
        graph.contains("alarm input.checkout_alarm in eu-west-1"),
        "{graph}"
    );
    // The check that watches an alarm named by an input uses it.
    let input = graph
        .lines()
        .find(|l| l.contains(">\"input checkout_alarm\"]"))
        .and_then(|l| l.split('>').next())
        .map(str::trim)
        .expect("an input node");
    assert!(graph.contains(&format!("--> {input}")), "{graph}");
}

/// The JSON lines of one run: every line parses, the last is the summary,
/// and the summary counts what the lines before it say.
fn json_lines(what: &str, stream: &[u8], status: Option<i32>) -> Vec<serde_json::Value> {
    let stream = text(stream);
    let lines: Vec<serde_json::Value> = stream
        .lines()
        .map(|line| {
            serde_json::from_str(line)
                .unwrap_or_else(|e| panic!("{what}: not a JSON line ({e}): {line}\n{stream}"))
        })
        .collect();
    let summary = lines
        .last()
        .unwrap_or_else(|| panic!("{what}: no JSON lines"));
    assert_eq!(summary["kind"], "summary", "{what}: {stream}");
    assert_eq!(summary["format_version"], 1, "{what}");
    assert_eq!(
        summary["steer_version"],
        env!("CARGO_PKG_VERSION"),
        "{what}"
    );
    assert_eq!(
        summary["exit_code"].as_i64(),
        status.map(i64::from),
        "{what}"
    );
    let before = &lines[..lines.len() - 1];
    let count = |severity: &str| before.iter().filter(|l| l["severity"] == severity).count();
    assert_eq!(summary["errors"], count("error"), "{what}: {stream}");
    assert_eq!(summary["warnings"], count("warning"), "{what}: {stream}");
    assert!(
        summary["files"].is_u64() && summary["zones"].is_array(),
        "{what}"
    );
    for line in before {
        let kind = line.get("kind").and_then(|k| k.as_str());
        assert!(
            matches!(kind, None | Some("error") | Some("note")),
            "{what}: a summary before the end: {line}"
        );
        // Every error and diagnostic has a stable code.
        if line.get("severity").is_some() {
            assert!(
                line["code"].as_str().unwrap().starts_with("steer::"),
                "{line}"
            );
        }
    }
    lines
}

#[test]
fn every_json_output_is_json_lines_ending_with_a_summary() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("out");
    let out_dir = out_dir.to_str().unwrap();
    let bad = case("unknown-reference.steer");
    let bad = bad.to_str().unwrap();
    let myshop = "examples/myshop.steer";
    // (arguments, exit code, JSON lines on stdout (else on stderr), what
    // standard output carries besides: "json" for one JSON document)
    let runs: &[(&[&str], i32, bool, &str)] = &[
        (&["check", "examples/"], 0, true, ""),
        (&["check", bad], 1, true, ""),
        (&["check", "does/not/exist.steer"], 2, true, ""),
        (&["check", myshop, "--set", "nope=1"], 2, true, ""),
        (
            &["build", myshop, "-t", "terraform", "-o", out_dir],
            0,
            true,
            "",
        ),
        (
            &["build", bad, "-t", "terraform", "-o", out_dir],
            1,
            true,
            "",
        ),
        (
            &["build", "does/not/exist.steer", "-t", "zone"],
            2,
            true,
            "",
        ),
        (
            &["build", myshop, "-t", "zone", "-o", "-"],
            0,
            false,
            "zone",
        ),
        (&["build", bad, "-t", "zone", "-o", "-"], 1, false, ""),
        (
            &["build", "examples/", "-t", "zone", "-o", "-"],
            2,
            false,
            "",
        ),
        (&["explain", myshop, "www"], 0, false, "json"),
        (&["explain", myshop, "nowhere"], 2, false, ""),
        (&["explain", bad, "www"], 1, false, ""),
        (&["explain", "--matrix", myshop], 0, false, "json"),
        (&["diff", myshop, myshop], 0, false, "json"),
        (
            &["diff", myshop, "examples/latency.steer"],
            1,
            false,
            "json",
        ),
        (&["diff", bad, myshop], 3, false, ""),
    ];
    let mut kinds = std::collections::BTreeSet::new();
    for (args, code, on_stdout, stdout_carries) in runs {
        let mut args = args.to_vec();
        args.extend(["--format", "json"]);
        let what = args.join(" ");
        let out = steer(&args);
        assert_eq!(
            out.status.code(),
            Some(*code),
            "{what}: {}",
            text(&out.stderr)
        );
        let (stream, other) = if *on_stdout {
            (&out.stdout, &out.stderr)
        } else {
            (&out.stderr, &out.stdout)
        };
        for line in json_lines(&what, stream, out.status.code()) {
            kinds.insert(line.get("kind").map_or("diagnostic".to_string(), |k| {
                k.as_str().unwrap().to_string()
            }));
        }
        match *stdout_carries {
            "json" => {
                serde_json::from_slice::<serde_json::Value>(other)
                    .unwrap_or_else(|e| panic!("{what}: stdout is not one JSON document: {e}"));
            }
            "zone" => assert!(text(other).contains("$ORIGIN"), "{what}"),
            _ if *on_stdout => {
                // Only the files written are named on stderr.
                for line in text(other).lines() {
                    assert!(
                        line.starts_with("wrote ") || line.starts_with("unchanged "),
                        "{what}: {line}"
                    );
                }
            }
            _ => assert!(other.is_empty(), "{what}: {}", text(other)),
        }
    }
    let kinds: Vec<&str> = kinds.iter().map(String::as_str).collect();
    assert_eq!(kinds, ["diagnostic", "error", "note", "summary"]);
}

#[test]
fn json_errors_name_their_code_and_path() {
    let out = steer(&["check", "--format", "json", "does/not/exist.steer"]);
    let lines = json_lines("check", &out.stdout, out.status.code());
    assert_eq!(lines[0]["kind"], "error");
    assert_eq!(lines[0]["code"], "steer::io-error");
    assert_eq!(lines[0]["path"], "does/not/exist.steer");
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    let out = steer(&[
        "check",
        "--format",
        "json",
        "examples/myshop.steer",
        "--set",
        "nope=1",
    ]);
    let lines = json_lines("check --set", &out.stdout, out.status.code());
    assert_eq!(lines[0]["code"], "steer::usage-error");
    assert_eq!(lines[0]["path"], serde_json::Value::Null);
    assert!(
        lines[0]["message"].as_str().unwrap().contains("nope"),
        "{}",
        lines[0]
    );
}

/// The commands `steer --help` lists, in order.
fn commands() -> Vec<String> {
    let help = text(&steer(&["--help"]).stdout);
    help.lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect()
}

#[test]
fn every_help_is_snapshotted() {
    let commands = commands();
    assert!(commands.len() >= 8, "{commands:?}");
    let help = steer(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    insta::assert_snapshot!("help", text(&help.stdout));
    for command in commands.iter().filter(|c| *c != "help") {
        let out = steer(&[command, "--help"]);
        assert_eq!(out.status.code(), Some(0), "{command}");
        insta::assert_snapshot!(format!("help-{command}"), text(&out.stdout));
    }
}

#[test]
fn every_command_takes_color() {
    for command in commands().iter().filter(|c| *c != "help") {
        let out = steer(&[command, "--color", "never", "--help"]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{command}: {}",
            text(&out.stderr)
        );
    }
}

#[test]
fn colour_and_box_drawing_follow_the_flag_and_term() {
    let bad = case("unknown-reference.steer");
    let bad = bad.to_str().unwrap();
    let run = |color: &str, term: &str| {
        let out = common::steer_command(&["check", bad, "--color", color])
            .env("TERM", term)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        text(&out.stderr)
    };
    let fancy = run("always", "xterm");
    assert!(fancy.contains("\x1b[") && fancy.contains('╭'), "{fancy}");
    let never = run("never", "xterm");
    assert!(!never.contains('\x1b') && never.contains('╭'), "{never}");
    // Not a terminal: `auto` gives no colour.
    assert!(!run("auto", "xterm").contains('\x1b'));
    // TERM=dumb: ASCII drawing, colour only when forced.
    for color in ["auto", "never", "always"] {
        let dumb = run(color, "dumb");
        assert!(dumb.is_ascii(), "{color}: {dumb}");
        assert!(dumb.contains("unknown-reference.steer:3:24"), "{dumb}");
        assert_eq!(dumb.contains('\x1b'), color == "always", "{color}: {dumb}");
    }
}

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = steer(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let script = text(&out.stdout);
        for word in ["explain", "--target", "terraform"] {
            assert!(script.contains(word), "{shell} completion lacks {word}");
        }
    }
    assert_eq!(steer(&["completions", "tcsh"]).status.code(), Some(2));
    // bash parses its script.
    let script = steer(&["completions", "bash"]).stdout;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("steer.bash");
    std::fs::write(&path, script).unwrap();
    let out = std::process::Command::new("bash")
        .arg("-n")
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
}

#[test]
fn the_man_pages_render() {
    let Some(groff) = common::tools::require_tool("groff") else {
        return;
    };
    for page in ["", "check", "build", "explain"] {
        let args: Vec<&str> = ["man", page]
            .into_iter()
            .filter(|a| !a.is_empty())
            .collect();
        let out = steer(&args);
        assert_eq!(out.status.code(), Some(0), "{page}");
        let roff = text(&out.stdout);
        let title = if page.is_empty() {
            "steer".to_string()
        } else {
            format!("steer-{page}")
        };
        assert!(roff.contains(&format!(".TH {title} 1")), "{page}: {roff}");
        let rendered = with_stdin(
            std::process::Command::new(&groff)
                .args(["-k", "-man", "-Tutf8", "-ww", "-P-c", "-P-b", "-P-u"]),
            roff.as_bytes(),
        );
        assert!(
            rendered.status.success() && rendered.stderr.is_empty(),
            "{page}: {}",
            text(&rendered.stderr)
        );
        let shown = text(&rendered.stdout);
        assert!(
            shown.contains("SYNOPSIS") && shown.contains("--color"),
            "{page}: {shown}"
        );
    }
    assert_eq!(steer(&["man", "frobnicate"]).status.code(), Some(2));
}

#[test]
fn output_that_is_not_a_directory_names_the_path_the_operation_and_the_code() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("taken");
    std::fs::write(&file, "").unwrap();
    for output in [file.clone(), file.join("below")] {
        let out = steer(&[
            "build",
            "--target",
            "terraform",
            "-o",
            output.to_str().unwrap(),
            "examples/myshop.steer",
        ]);
        assert_eq!(out.status.code(), Some(2));
        let err = text(&out.stderr);
        assert!(
            err.contains(&format!(
                "steer::io-error: cannot create directory `{}`",
                output.display()
            )),
            "{err}"
        );
        assert!(
            err.contains("help: `-o` takes a directory (created when missing), or `-o -`"),
            "{err}"
        );
    }
}

#[test]
fn an_empty_file_is_a_warning_for_check_and_the_same_error_for_build() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.steer");
    std::fs::write(&empty, "").unwrap();
    let empty = empty.to_str().unwrap();
    let check = steer(&["check", empty]);
    assert_eq!(check.status.code(), Some(0));
    let err = text(&check.stderr);
    assert!(
        err.contains("steer::no-zone") && err.contains("empty.steer:1:1"),
        "{err}"
    );
    assert_eq!(
        steer(&["check", "--deny-warnings", empty]).status.code(),
        Some(1)
    );
    let build = steer(&["build", "--target", "zone", empty]);
    assert_eq!(build.status.code(), Some(1));
    let err = text(&build.stderr);
    assert!(
        err.contains("steer::no-zone") && err.contains("empty.steer:1:1"),
        "{err}"
    );
    assert!(err.contains("1 error; nothing was written"), "{err}");
}

/// The binary allocates with jemalloc, configured to return freed pages
/// after 100 ms (src/main.rs): jemalloc's own statistics, printed at exit when the
/// environment asks, name the options in force.
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[test]
fn the_binary_allocates_with_jemalloc_returning_freed_pages_soon() {
    let out = common::steer_command(&["check", "examples/myshop.steer"])
        .env("_RJEM_MALLOC_CONF", "stats_print:true")
        .output()
        .expect("run steer");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stats = text(&out.stderr);
    for option in ["opt.dirty_decay_ms: 100", "opt.muzzy_decay_ms: 0"] {
        assert!(
            stats.contains(option),
            "{option} not in jemalloc's statistics:\n{stats}"
        );
    }
}

/// A file of over a MiB has its text set aside while the targets run
/// (`SourceMap::set_aside`) and read again to show diagnostics: the
/// excerpts of the check's warnings and of the targets' errors are the
/// file's own lines, in `check` and in `build`.
#[test]
fn large_files_show_their_lines_after_the_targets_ran() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.steer");
    let padding = "# padding, ünïcode included, to pass the size at which texts are set aside\n";
    let lines = (1 << 20) / padding.len() + 1;
    let mut source = String::from("zone \"example.com\" { ttl 60s }\n");
    source.push_str(&padding.repeat(lines));
    source.push_str("endpoint main { a [192.0.2.10] }\nendpoint standby { a [192.0.2.20] }\n");
    source.push_str("record www A = failover { primary main  secondary standby }\n");
    assert!(source.len() > 1 << 20);
    std::fs::write(&path, &source).unwrap();
    let record_line = lines + 4;
    let arg = path.to_str().unwrap();

    // Without --target the zone target's error (no name servers) comes
    // from the targets' stage, the warning from the check.
    let out = steer(&["check", arg]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(err.contains("big.steer:1:6]"), "{err}");
    assert!(
        err.contains(" 1 │ zone \"example.com\" { ttl 60s }"),
        "{err}"
    );
    assert!(
        err.contains(&format!("big.steer:{record_line}:35]")),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{record_line} │ record www A = failover {{ primary main  secondary standby }}"
        )),
        "{err}"
    );
    assert!(!err.contains("changed while steer ran"), "{err}");

    let out_dir = dir.path().join("out");
    let out = steer(&[
        "build",
        "-t",
        "terraform",
        "-o",
        out_dir.to_str().unwrap(),
        arg,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(
        err.contains(&format!(
            "{record_line} │ record www A = failover {{ primary main  secondary standby }}"
        )),
        "{err}"
    );
    assert!(out_dir.join("example.com.tf").is_file());
}
