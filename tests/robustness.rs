//! No input makes steer panic, overflow its stack or hang: mutated
//! examples, random bytes, and pathological nesting all end in
//! diagnostics. (A small deterministic mutation fuzzer; the corpus is the
//! bundled examples and the diagnostic cases.)

mod common;

/// xorshift64*: deterministic, dependency-free randomness for mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Every example and diagnostic case that is one file.
fn corpus() -> Vec<Vec<u8>> {
    common::examples()
        .into_iter()
        .chain(common::diagnostic_cases())
        .filter(|input| input.path.is_file())
        .map(|input| std::fs::read(&input.path).unwrap())
        .collect()
}

const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "(",
    ")",
    "=>",
    "=",
    ",",
    "\"",
    "\\",
    "#",
    "@",
    "*",
    ".",
    "-",
    "0",
    "99999999999999999999999",
    "record",
    "zone",
    "check",
    "endpoint",
    "region",
    "failover",
    "primary",
    "secondary",
    "latency",
    "weighted",
    "geolocation",
    "continent",
    "country",
    "default",
    "multivalue",
    "geoproximity",
    "cidr",
    "alias",
    "elb",
    "ttl",
    "60s",
    "1.2.3.4",
    "::",
    "2001:db8::1/48",
    "\u{0}",
    "\u{feff}",
    "é",
    "\u{1F600}",
    "\n",
    "\r",
    "\t",
];

fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut v = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(v.len() + 1);
        match rng.below(5) {
            0 => {
                let end = (at + rng.below(40)).min(v.len());
                v.drain(at..end);
            }
            1 => {
                let t = TOKENS[rng.below(TOKENS.len())].as_bytes();
                v.splice(at..at, t.iter().copied());
            }
            2 if !v.is_empty() => {
                let i = rng.below(v.len());
                v[i] = rng.next() as u8;
            }
            3 => v.truncate(at),
            _ => {
                // Duplicate a slice: repeats definitions and brackets.
                let end = (at + rng.below(200)).min(v.len());
                let slice = v[at..end].to_vec();
                v.splice(at..at, slice);
            }
        }
    }
    v
}

fn run(bytes: &[u8]) {
    let mut loaded = steer::load::Loaded::default();
    loaded.add("fuzz.steer", bytes);
    let checked = steer::check_loaded(&loaded);
    for d in &checked.diagnostics {
        let _ = steer::diagnostic::render(d, &loaded.sources, steer::diagnostic::Style::Plain);
        let _ = steer::diagnostic::to_json_line(d, &loaded.sources);
    }
    // What checks clean goes on through every target and the routing
    // model (every routed name, client class and failure set).
    for config in &checked.configs {
        for target in steer::emit::TARGETS {
            let _ = steer::emit::build(config, *target, &Default::default());
        }
        let _ = steer::explain::matrix::matrices(config, &Default::default());
    }
    // What parses formats: idempotently, keeping every comment and the
    // meaning (the same IR, or the same diagnostics).
    if let Ok(text) = std::str::from_utf8(bytes) {
        same_on_two_threads(text);
        if let Err(e) = steer::fmt::verify::round_trip(text) {
            panic!("steer fmt on {text:?}: {e}");
        }
    }
}

/// Parsing on two threads (split at the first item past the middle, as
/// large files are) gives what parsing on one does.
fn same_on_two_threads(text: &str) {
    use steer::{source::FileId, syntax::parse_file_with};
    let one = parse_file_with(FileId(0), text, None);
    let two = parse_file_with(FileId(0), text, Some(text.len() / 2));
    assert_eq!(format!("{two:?}"), format!("{one:?}"), "{text:?}");
}

#[test]
fn mutated_inputs_never_panic() {
    let corpus = corpus();
    let mut rng = Rng(0x5EED_2026);
    for round in 0..4000 {
        let base = &corpus[round % corpus.len()];
        let input = mutate(&mut rng, base);
        let result = std::panic::catch_unwind(|| run(&input));
        assert!(
            result.is_ok(),
            "panic on input:\n{}",
            String::from_utf8_lossy(&input)
        );
    }
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = Rng(42);
    for _ in 0..500 {
        let len = rng.below(300);
        let input: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        run(&input);
    }
}

#[test]
fn pathological_nesting_is_a_diagnostic() {
    for opener in ["{", "[", "(", "weighted { ", "failover { primary "] {
        let input = format!(
            "zone \"a.com\" {{ ttl 60 }}\nrecord www A = {}",
            opener.repeat(100_000)
        );
        let checked = common::check_source(&input);
        assert!(
            checked
                .diagnostics
                .iter()
                .any(|d| d.code == "nesting-too-deep"),
            "{opener}"
        );
    }
}

#[test]
fn long_inputs_without_structure_finish() {
    for filler in ["a", "\"", "#", "record ", "1.", "{}"] {
        run(filler.repeat(200_000).as_bytes());
    }
}
