//! Valid-enough inputs all the way through every target: must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut loaded = steer::load::Loaded::default();
    loaded.add("fuzz.steer", data);
    let checked = steer::check_loaded(&loaded);
    for config in &checked.configs {
        for target in [steer::emit::Target::Terraform, steer::emit::Target::Cloudformation, steer::emit::Target::Zone] {
            let _ = steer::emit::build(config, target, &Default::default());
        }
    }
});
