//! Any bytes through load → parse → check → rendering: must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut loaded = steer::load::Loaded::default();
    loaded.add("fuzz.steer", data);
    let checked = steer::check_loaded(&loaded);
    for d in &checked.diagnostics {
        let _ = steer::diagnostic::render(d, &loaded.sources, steer::diagnostic::Style::Plain);
        let _ = steer::diagnostic::to_json_line(d, &loaded.sources);
    }
});
