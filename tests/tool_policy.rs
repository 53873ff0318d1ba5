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
