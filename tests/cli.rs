//! The `steer` binary end to end: exit codes, output streams, formats.

mod common;

use common::{steer, text};
use std::io::Write;
use std::path::PathBuf;
use std::process::{Output, Stdio};

fn steer_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = common::steer_command(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run steer");
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
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{stdout}");
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
        &["check", "-"],
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
    let path = case("single-member.steer");
    let path = path.to_str().unwrap();
    assert_eq!(steer(&["check", path]).status.code(), Some(0));
    assert_eq!(
        steer(&["check", "--deny-warnings", path]).status.code(),
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
    assert!(err.contains("`dublin_lb`, `virginia_lb`"), "{err}");

    let zone_file = |extra: &[&str]| {
        let args = [&["build", STACK_INPUTS, "-t", "zone", "-o", "-"][..], extra].concat();
        let out = steer(&args);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        text(&out.stdout)
    };
    assert!(zone_file(&["--values", STACK_VALUES])
        .contains("www 60 IN CNAME brightcart-dublin-1234567890.eu-west-1.elb.amazonaws.com."));
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
