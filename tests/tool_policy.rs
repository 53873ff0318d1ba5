//! The rule for external validators: a missing tool fails the test in CI
//! and skips it (with a printed reason) elsewhere.

mod common;

use common::tools;

#[test]
fn a_missing_tool_fails_in_ci() {
    let result =
        std::panic::catch_unwind(|| tools::missing_under(true, "no-such-validator", "install it"));
    let message = *result
        .expect_err("must panic in CI")
        .downcast::<String>()
        .unwrap();
    assert!(
        message.contains("no-such-validator not installed"),
        "{message}"
    );
}

#[test]
fn a_missing_tool_is_skipped_locally() {
    assert_eq!(
        tools::missing_under(false, "no-such-validator", "install it"),
        None
    );
}

#[test]
fn ci_installs_every_validator() {
    // Under CI every tool the target tests use must be present: this test
    // fails there, loudly, if .ci/install-tools missed one.
    if !tools::in_ci() {
        eprintln!("skipping: not in CI");
        return;
    }
    for tool in [
        "named-checkzone",
        "kzonecheck",
        "cfn-lint",
        "hcl-check",
        "dot",
        "moto",
        "pdns_server",
        "dig",
        "groff",
    ] {
        assert!(tools::require_tool(tool).is_some(), "{tool}");
    }
}
