//! Any bytes through load → parse → check → rendering: must never panic;
//! parsing on one thread and on two must agree, and pest alone
//! (`grammar_matches`) must accept exactly what parses without a syntax
//! error.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut loaded = steer::load::Loaded::default();
    loaded.add("fuzz.steer", data);
    let checked = steer::check_loaded(&loaded);
    // Parsing on two threads, split past the middle as large files are,
    // gives what parsing on one does.
    if let Ok(text) = std::str::from_utf8(data) {
        use steer::{source::FileId, syntax::parse_file_with};
        let one = parse_file_with(FileId(0), text, None);
        let two = parse_file_with(FileId(0), text, Some(text.len() / 2));
        assert_eq!(format!("{two:?}"), format!("{one:?}"));
        // The benchmark's measure of pest alone accepts exactly what the
        // parser reads without a syntax error.
        let syntax_ok = !one
            .1
            .iter()
            .any(|d| matches!(d.code, "syntax-error" | "nesting-too-deep"));
        assert_eq!(steer::syntax::grammar_matches(text), syntax_ok);
        // Loading reads every file's first zone this way.
        let _ = steer::syntax::first_zone(FileId(0), text);
    }
    for d in &checked.diagnostics {
        let _ = steer::diagnostic::render(d, &loaded.sources, steer::diagnostic::Style::Plain);
        let _ = steer::diagnostic::to_json_line(d, &loaded.sources);
    }
});
