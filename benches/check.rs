//! Throughput of the front end (parse + check) and of each target, on
//! generated configurations of 1,000 to 100,000 records, 20% of them
//! routed (failover, geolocation or weighted, each with health checks) —
//! the same mix as the octoDNS comparison in ../shared/peers/octodns.
//!
//! Run: `cargo bench --bench check` (add `-- 100000` for one size).
//! Prints the median of several runs per size and stage.

use std::time::{Duration, Instant};

fn generate(n: usize) -> String {
    let mut s = String::with_capacity(n * 120);
    s.push_str("zone \"example.com\" {\n  ttl 300\n  nameservers [\"ns-1.awsdns-01.org\", \"ns-2.awsdns-02.net\"]\n}\n");
    s.push_str("region ireland { aws \"eu-west-1\" }\nregion frankfurt { aws \"eu-central-1\" }\n");
    let routed = n / 5;
    for i in 0..routed {
        let (a, b) = (i % 250 + 1, (i / 250) % 250 + 1);
        s.push_str(&format!(
            "check c{i}a {{ https \"a{i}.origin.example.net\" path \"/health\" }}\n\
             check c{i}b {{ https \"b{i}.origin.example.net\" path \"/health\" }}\n\
             endpoint e{i}a {{ region ireland  a [198.51.{a}.{b}]  check c{i}a }}\n\
             endpoint e{i}b {{ region frankfurt  a [203.0.{a}.{b}]  check c{i}b }}\n"
        ));
        let policy = match i % 3 {
            0 => format!("failover {{ primary e{i}a  secondary e{i}b }}"),
            1 => format!(
                "geolocation {{ continent EU => e{i}a  country US => e{i}b  default => e{i}b }}"
            ),
            _ => format!("weighted {{ e{i}a 90  e{i}b 10 }}"),
        };
        s.push_str(&format!("record r{i:06} A = {policy}\n"));
    }
    for i in routed..n {
        let line = match i % 5 {
            0 => format!(
                "record p{i:06} A [192.0.{}.{}]\n",
                i % 250 + 1,
                (i / 250) % 250 + 1
            ),
            1 => format!(
                "record p{i:06} AAAA [2001:db8::{:x}:{:x}]\n",
                i / 65536 + 1,
                i % 65536
            ),
            2 => format!("record p{i:06} CNAME \"edge{}.example.net.\"\n", i % 97),
            3 => format!("record p{i:06} TXT \"site-verification={i:032x}\"\n"),
            _ => format!("record p{i:06} MX [\"10 mx1.example.net.\", \"20 mx2.example.net.\"]\n"),
        };
        s.push_str(&line);
    }
    s
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed())
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![1_000, 10_000, 100_000]
    } else {
        sizes
    };
    println!("| records | stage | median | runs |");
    println!("|---:|---|---:|---:|");
    for n in sizes {
        let text = generate(n);
        let runs = if n >= 100_000 { 5 } else { 11 };
        let mut parse = Vec::new();
        let mut front = Vec::new();
        let mut lowering = Vec::new();
        for _ in 0..runs {
            let (checked, t) = time(|| {
                let mut loaded = steer::load::Loaded::default();
                loaded.add("bench.steer", text.as_bytes());
                steer::check_loaded(&loaded)
            });
            if checked.has_errors() {
                for d in checked.diagnostics.iter().take(3) {
                    eprintln!("{}", d.message);
                }
                panic!("generated input must be valid");
            }
            front.push(t);
            let (_, t) = time(|| steer::syntax::parse_file(steer::source::FileId(0), &text));
            parse.push(t);
            let (_, t) = time(|| {
                steer::emit::route53::plan(&checked.configs[0]).map(|p| p.record_sets.len())
            });
            lowering.push(t);
        }
        println!("| {n} | parse only | {:.1?} | {runs} |", median(parse));
        println!("| {n} | parse + check | {:.1?} | {runs} |", median(front));
        println!(
            "| {n} | Route 53 lowering | {:.1?} | {runs} |",
            median(lowering)
        );
    }
}
