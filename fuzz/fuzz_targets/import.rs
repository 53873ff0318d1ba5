//! Any bytes through every importer (the first byte picks the source:
//! BIND zone, octoDNS YAML, Route 53 listing or, with bit 4 set, Traffic
//! Flow policies, Terraform): an import either
//! fails with located diagnostics or gives a `.steer` file that is already
//! in `steer fmt`'s layout. Never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use steer::import::{self, Imported, ImportError};
use steer::source::SourceMap;

fuzz_target!(|data: &[u8]| {
    let Some((&which, bytes)) = data.split_first() else {
        return;
    };
    let mut sources = SourceMap::new();
    let Ok(file) = import::add_source(&mut sources, "fuzz", bytes) else {
        return;
    };
    let result: Result<Imported, ImportError> = match which % 4 {
        0 => import::zone::import(&sources, file, "example.com"),
        1 => import::octodns::import(&sources, file, "example.com"),
        // 6, 14, ...: the bytes are Traffic Flow policies, applied by one
        // instance at www.example.com.
        2 if which & 4 != 0 => traffic(&mut sources, file),
        2 => import::route53::read(&sources, file, None)
            .and_then(|flat| import::raise::raise(&flat, Some("example.com"), "fuzz")),
        _ => import::terraform::read(
            &mut sources,
            &[file],
            Some("example.com"),
            &mut import::terraform::no_modules,
        )
            .and_then(|flat| import::raise::raise(&flat, Some("example.com"), "fuzz")),
    };
    match result {
        Ok(imported) => {
            let formatted = steer::fmt::format_source(&imported.text);
            assert_eq!(
                formatted.as_deref(),
                Some(imported.text.as_str()),
                "an import is printed as steer fmt prints it"
            );
        }
        Err(e) => {
            // Rendering reads every span it points at.
            let _ = e.plain(&sources);
        }
    }
});

/// `policies` read as `--traffic-policies` beside an empty listing and one
/// instance (at www.example.com, type A) of the seed's policy version.
fn traffic(
    sources: &mut SourceMap,
    policies: steer::source::FileId,
) -> Result<Imported, ImportError> {
    let records = sources.add("records", r#"{"ResourceRecordSets": []}"#);
    let instances = sources.add(
        "instances",
        r#"{"TrafficPolicyInstances": [{"Id": "i", "Name": "www.example.com.", "TTL": 60,
            "TrafficPolicyId": "11111111-aaaa-bbbb-cccc-000000000001",
            "TrafficPolicyVersion": 2, "TrafficPolicyType": "A"}]}"#,
    );
    let mut flat = import::route53::read(sources, records, None)?;
    import::traffic::read(&mut flat, sources, &[policies], instances)?;
    import::raise::raise(&flat, Some("example.com"), "fuzz")
}
