#[test]
fn dbg() {
    let loaded = steer::load::load(&[std::path::PathBuf::from(std::env::var("F").unwrap())]).unwrap();
    let checked = steer::check_loaded(&loaded);
    for d in &checked.diagnostics { println!("{}", steer::diagnostic::render(d, &loaded.sources, steer::diagnostic::Style::Plain)); }
    for c in &checked.configs {
        let plan = steer::emit::route53::plan(c).unwrap();
        for s in &plan.record_sets {
            println!("{:<40} {:<5} {:<22} {:?} hc={:?} ttl={:?} key={:?}\n    {:?}", s.name, s.record_type.as_str(), s.set_identifier.clone().unwrap_or_default(), s.routing, s.health_check, s.ttl, s.key, s.answer);
        }
    }
}
