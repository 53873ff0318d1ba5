//! Generated configurations shaped like real zones, shared by the
//! benchmarks (`benches/check.rs`) and the growth test (`tests/growth.rs`).
//! Each routed record has its own health checks and endpoints, as in a
//! real zone; the output is the same for the same size and shape.

/// What the routed records of a generated zone look like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Only plain records: A, AAAA, CNAME, MX, TXT (some over 255 bytes), SRV, CAA.
    Plain,
    /// `failover { primary … secondary … }` between two checked endpoints.
    Failover,
    /// `geolocation` whose members are failover pairs.
    GeoFailover,
    /// `weighted` pools of three checked endpoints.
    Weighted,
    /// `latency` over three regions.
    Latency,
    /// What `oct2steer.py` writes for the octoDNS peer kit: 20% routed,
    /// failover chains of weighted pools under geolocation, static
    /// fall-backs, checks with every option written out.
    Kit,
    /// Reusable pools: a failover pool every 8 records, each used by the
    /// geolocation of those 8 records.
    Pools,
    /// Every other record a `failover` whose secondary is an alias to the
    /// plain record before it (`endpoint … { alias record … A }`).
    Aliases,
}

impl Shape {
    pub const ALL: [Shape; 8] = [
        Shape::Plain,
        Shape::Failover,
        Shape::GeoFailover,
        Shape::Weighted,
        Shape::Latency,
        Shape::Kit,
        Shape::Pools,
        Shape::Aliases,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Shape::Plain => "plain",
            Shape::Failover => "failover",
            Shape::GeoFailover => "geo+failover",
            Shape::Weighted => "weighted",
            Shape::Latency => "latency",
            Shape::Kit => "peer kit",
            Shape::Pools => "pools",
            Shape::Aliases => "aliases",
        }
    }
}

const HEADER: &str = "zone \"example.com\" {\n  ttl 1h\n  nameservers [\"ns1.example.net.\", \"ns2.example.net.\"]\n}\n\
region virginia { aws \"us-east-1\" }\nregion ireland { aws \"eu-west-1\" }\nregion tokyo { aws \"ap-northeast-1\" }\n\
record @ MX \"10 mx1.example.net.\"\n";

/// A zone of `n` records: all of them routed for a routed shape (plain
/// for [`Shape::Plain`]), one in five for [`Shape::Kit`], one in two for
/// [`Shape::Aliases`].
pub fn zone(n: usize, shape: Shape) -> String {
    let mut s = String::with_capacity(n * 400);
    s.push_str(HEADER);
    for i in 0..n {
        match shape {
            Shape::Plain => plain(&mut s, i),
            Shape::Kit if i % 5 != 0 => plain(&mut s, i),
            Shape::Kit => kit(&mut s, i),
            Shape::Pools => pooled(&mut s, i),
            Shape::Aliases => aliased(&mut s, i),
            _ => routed(&mut s, i, shape),
        }
    }
    s
}

fn ip(i: usize, k: usize) -> String {
    let net = ["192.0.2", "198.51.100", "203.0.113"][(i + k) % 3];
    format!("{net}.{}", (i + k) % 250 + 1)
}

fn plain(s: &mut String, i: usize) {
    let line = match i % 8 {
        0 => format!("record web{i:06} A [{}, {}] ttl 300\n", ip(i, 0), ip(i, 1)),
        1 => format!("record ip{i:06} AAAA 2001:db8::{:x} ttl 3600\n", i + 1),
        2 => format!("record alias{i:06} CNAME \"edge{}.example.net.\"\n", i % 97),
        3 => format!("record mail{i:06} MX [\"10 mx1.example.net.\", \"20 mx2.example.net.\"]\n"),
        4 => format!("record txt{i:06} TXT \"site-verification={i:032x}\"\n"),
        5 => format!(
            "record spf{i:06} TXT \"v=spf1 {} ~all\"\n",
            (0..20)
                .map(|k| format!("ip4:{}/32", ip(i + k, k)))
                .collect::<Vec<_>>()
                .join(" ")
        ),
        6 => format!(
            "record _sip._tcp.svc{i:06} SRV [\"10 5 5060 lb{}.example.net.\"] ttl 86400\n",
            i % 50
        ),
        _ => format!("record caa{i:06} CAA \"0 issue \\\"letsencrypt.org\\\"\"\n"),
    };
    s.push_str(&line);
}

/// `count` checked endpoints `r{i}_{k}`, with their regions.
fn endpoints(s: &mut String, i: usize, count: usize) {
    for k in 0..count {
        let region = ["virginia", "ireland", "tokyo"][k % 3];
        s.push_str(&format!(
            "check r{i}_{k} {{ https \"n{k}.r{i}.origin.example.net\" path \"/health\" }}\n\
             endpoint r{i}_{k} {{ region {region}  a [{}]  check r{i}_{k} }}\n",
            ip(i, k)
        ));
    }
}

fn routed(s: &mut String, i: usize, shape: Shape) {
    let (count, policy) = match shape {
        Shape::Failover => (
            2,
            format!("failover {{ primary r{i}_0  secondary r{i}_1 }}"),
        ),
        Shape::GeoFailover => (
            4,
            format!(
                "geolocation {{ continent EU => failover {{ primary r{i}_0  secondary r{i}_1 }}  \
                 country US => failover {{ primary r{i}_2  secondary r{i}_3 }}  \
                 default => failover {{ primary r{i}_1  secondary r{i}_2 }} }}"
            ),
        ),
        Shape::Weighted => (3, format!("weighted {{ r{i}_0 50  r{i}_1 30  r{i}_2 20 }}")),
        Shape::Latency => (3, format!("latency [r{i}_0, r{i}_1, r{i}_2]")),
        Shape::Plain | Shape::Kit | Shape::Pools | Shape::Aliases => {
            unreachable!("not a routed shape")
        }
    };
    endpoints(s, i, count);
    s.push_str(&format!("record r{i:06} A = {policy}\n"));
}

/// A record routed to a pool shared with the 7 records around it; the
/// pool (a failover pair) is defined with the first of them.
fn pooled(s: &mut String, i: usize) {
    let p = i / 8;
    if i % 8 == 0 {
        endpoints(s, i, 2);
        s.push_str(&format!(
            "pool p{p} = failover {{ primary r{i}_0  secondary r{i}_1 }}\n"
        ));
    }
    endpoints(s, i + 1_000_000, 1);
    s.push_str(&format!(
        "record r{i:06} A = geolocation {{ continent EU => p{p}  default => r{}_0 }}\n",
        i + 1_000_000
    ));
}

/// Even `i`: a plain record; odd: a failover to a checked endpoint whose
/// secondary aliases that plain record.
fn aliased(s: &mut String, i: usize) {
    if i % 2 == 0 {
        s.push_str(&format!("record b{i:06} A [{}] ttl 60\n", ip(i, 0)));
        return;
    }
    endpoints(s, i, 1);
    s.push_str(&format!(
        "endpoint r{i}_to {{ alias record b{:06} A }}\n\
         record r{i:06} A = failover {{ primary r{i}_0  secondary r{i}_to }}\n",
        i - 1
    ));
}

/// One routed record as `oct2steer.py` writes it: checks with every
/// option, a static endpoint as the last fall-back, pools as weighted
/// policies, pool fall-back as nested failover.
fn kit(s: &mut String, i: usize) {
    // failover pair, geolocation over three pools, one weighted pool
    let pools = [2, 3, 1][i % 3];
    for k in 0..pools * 2 {
        s.push_str(&format!(
            "check r{i}_{k} {{ https \"n{k}.r{i}.origin.example.net\" path \"/_health\"  every 10s  unhealthy_after 6  measure_latency }}\n\
             endpoint r{i}_{k} {{ a {}  check r{i}_{k} }}\n",
            ip(i, k)
        ));
    }
    s.push_str(&format!(
        "endpoint r{i}_static {{ a [{}, {}] }}\n",
        ip(i, 7),
        ip(i, 8)
    ));
    let pool = |p: usize| format!("weighted {{ r{i}_{} 1  r{i}_{} 1 }}", 2 * p, 2 * p + 1);
    // the last pool falls back to the static values, every other pool to the last
    let last = format!(
        "failover {{ primary {}  secondary r{i}_static }}",
        pool(pools - 1)
    );
    let chain = |p: usize| format!("failover {{ primary {}  secondary {last} }}", pool(p));
    let policy = match i % 3 {
        0 => chain(0),
        1 => format!(
            "geolocation {{ continent EU => {}  country US => {}  default => {last} }}",
            chain(0),
            chain(1)
        ),
        _ => last.clone(),
    };
    s.push_str(&format!("record r{i:06} A = {policy} ttl 60\n"));
}
