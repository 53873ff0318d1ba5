//! Valid-enough inputs all the way through every target and through the
//! routing model (every routed name, every client class, every failure
//! set): must never panic. What parses formats idempotently, keeping its
//! comments and meaning (the same IR, or the same diagnostics).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut loaded = steer::load::Loaded::default();
    loaded.add("fuzz.steer", data);
    let checked = steer::check_loaded(&loaded);
    for config in &checked.configs {
        for target in steer::emit::TARGETS {
            let _ = steer::emit::build(config, *target, &Default::default());
        }
        let _ = steer::explain::matrix::matrices(config, &Default::default());
    }
    if let Ok(text) = std::str::from_utf8(data) {
        if let Err(e) = steer::fmt::verify::round_trip(text) {
            panic!("steer fmt on {text:?}: {e}");
        }
    }
});
