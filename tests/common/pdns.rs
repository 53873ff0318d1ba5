//! A real `pdns_server` for the live tests (tests/powerdns_live.rs,
//! tests/failover_doc.rs): starting it on 127.0.0.1 on a free port and
//! stopping it, HTTP health servers on loopback addresses, DNS queries
//! (with an EDNS client subnet when asked) and polling until an answer
//! changes, asserting that no answer on the way fails.

use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, UdpSocket};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

pub const IRELAND: Ipv4Addr = Ipv4Addr::new(127, 0, 0, 2);
pub const FRANKFURT: Ipv4Addr = Ipv4Addr::new(127, 0, 0, 3);
/// How long each phase may take before the drill fails.
pub const PHASE_LIMIT: Duration = Duration::from_secs(15);
pub const POLL: Duration = Duration::from_millis(200);

/// A `pdns_server` the test started; killed when dropped, also when the
/// test fails, and then its log (health checks declared up and down) is
/// printed, since the temporary directory holding it goes with the test.
pub struct Pdns {
    child: Child,
    log: std::path::PathBuf,
}

impl Drop for Pdns {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if std::thread::panicking() {
            let log = std::fs::read_to_string(&self.log).unwrap_or_default();
            eprintln!("pdns_server's log ({}):\n{log}", self.log.display());
        }
    }
}

/// An HTTP server answering `200 OK` with body `OK` on one address until
/// stopped (then the port refuses connections), counting the connections
/// (pdns's probes) it accepts.
pub struct HealthServer {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
    probes: Arc<AtomicUsize>,
}

impl HealthServer {
    pub fn start(addr: SocketAddr) -> HealthServer {
        let listener = TcpListener::bind(addr).expect("bind health server");
        listener.set_nonblocking(true).unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        let probes = Arc::new(AtomicUsize::new(0));
        let count = Arc::clone(&probes);
        let thread = std::thread::spawn(move || {
            while !flag.load(Ordering::Relaxed) {
                match listener.accept() {
                    Ok((mut conn, _)) => {
                        count.fetch_add(1, Ordering::Relaxed);
                        let _ = conn.set_nonblocking(false);
                        let _ = conn.set_read_timeout(Some(Duration::from_millis(500)));
                        // The whole request, so that closing with some of it
                        // unread does not reset the connection under the
                        // response.
                        let mut request = Vec::new();
                        let mut buf = [0u8; 2048];
                        while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                            match conn.read(&mut buf) {
                                Ok(0) | Err(_) => break,
                                Ok(n) => request.extend_from_slice(&buf[..n]),
                            }
                        }
                        let _ = conn.write_all(
                            b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nOK",
                        );
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(10)),
                }
            }
        });
        HealthServer {
            stop,
            thread: Some(thread),
            probes,
        }
    }

    /// How many connections (probes) it has accepted.
    pub fn probes(&self) -> usize {
        self.probes.load(Ordering::Relaxed)
    }
}

/// Waits until pdns has run its first check of every one of `servers`:
/// each has been probed twice (the second probe comes a check interval
/// after the first, whose result pdns has by then). Until its first
/// check pdns counts an address as down, so an answer before it proves
/// nothing about health. Returns how long it took.
pub fn wait_for_first_checks<'a>(servers: impl IntoIterator<Item = &'a HealthServer>) -> Duration {
    let servers: Vec<&HealthServer> = servers.into_iter().collect();
    let started = Instant::now();
    while servers.iter().any(|s| s.probes() < 2) {
        let probes: Vec<usize> = servers.iter().map(|s| s.probes()).collect();
        assert!(
            started.elapsed() < PHASE_LIMIT,
            "pdns did not probe every health server twice: {probes:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    started.elapsed()
}

impl Drop for HealthServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// One answer: the response code, the A records, and how many records
/// of the type asked for it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub rcode: u8,
    pub addresses: Vec<Ipv4Addr>,
    pub records: usize,
}

/// DNS type codes (RFC 1035, RFC 3596).
pub const TYPE_A: u16 = 1;
pub const TYPE_AAAA: u16 = 28;

/// Asks `server` for `name` A over UDP (a minimal RFC 1035 query).
pub fn query(server: SocketAddr, name: &str, id: u16) -> Option<Answer> {
    query_from(server, name, id, None)
}

/// [`query`], with an EDNS Client Subnet option (RFC 7871) for `subnet`
/// when given: an OPT record whose option 8 holds family 1 (IPv4), the
/// source prefix length, scope 0 and the prefix's bytes.
pub fn query_from(
    server: SocketAddr,
    name: &str,
    id: u16,
    subnet: Option<(Ipv4Addr, u8)>,
) -> Option<Answer> {
    query_type(server, name, TYPE_A, id, subnet)
}

/// [`query_from`] for records of type `qtype`.
pub fn query_type(
    server: SocketAddr,
    name: &str,
    qtype: u16,
    id: u16,
    subnet: Option<(Ipv4Addr, u8)>,
) -> Option<Answer> {
    let socket = UdpSocket::bind("127.0.0.1:0").ok()?;
    socket.set_read_timeout(Some(Duration::from_secs(1))).ok()?;
    let mut packet = Vec::new();
    packet.extend_from_slice(&id.to_be_bytes());
    let arcount = u8::from(subnet.is_some());
    packet.extend_from_slice(&[0, 0, 0, 1, 0, 0, 0, 0, 0, arcount]);
    for label in name.split('.') {
        packet.push(u8::try_from(label.len()).unwrap());
        packet.extend_from_slice(label.as_bytes());
    }
    packet.push(0);
    packet.extend_from_slice(&qtype.to_be_bytes());
    packet.extend_from_slice(&[0, 1]);
    if let Some((address, prefix)) = subnet {
        let bytes = &address.octets()[..usize::from(prefix.div_ceil(8))];
        let option_len = u16::try_from(4 + bytes.len()).unwrap();
        // Root name, type OPT (41), UDP size 1232, TTL 0.
        packet.extend_from_slice(&[0, 0, 41, 0x04, 0xd0, 0, 0, 0, 0]);
        packet.extend_from_slice(&(option_len + 4).to_be_bytes());
        packet.extend_from_slice(&[0, 8]);
        packet.extend_from_slice(&option_len.to_be_bytes());
        packet.extend_from_slice(&[0, 1, prefix, 0]);
        packet.extend_from_slice(bytes);
    }
    socket.send_to(&packet, server).ok()?;
    let mut buf = [0u8; 1500];
    let n = socket.recv(&mut buf).ok()?;
    parse(&buf[..n], id, qtype)
}

pub fn parse(msg: &[u8], id: u16, qtype: u16) -> Option<Answer> {
    if msg.len() < 12 || u16::from_be_bytes([msg[0], msg[1]]) != id {
        return None;
    }
    let rcode = msg[3] & 0x0f;
    let qd = u16::from_be_bytes([msg[4], msg[5]]);
    let an = u16::from_be_bytes([msg[6], msg[7]]);
    let mut at = 12;
    let skip_name = |mut at: usize| -> Option<usize> {
        loop {
            let len = *msg.get(at)?;
            if len & 0xc0 == 0xc0 {
                return Some(at + 2);
            }
            at += 1 + usize::from(len);
            if len == 0 {
                return Some(at);
            }
        }
    };
    for _ in 0..qd {
        at = skip_name(at)? + 4;
    }
    let mut addresses = Vec::new();
    let mut records = 0;
    for _ in 0..an {
        at = skip_name(at)?;
        let rtype = u16::from_be_bytes([*msg.get(at)?, *msg.get(at + 1)?]);
        let len = usize::from(u16::from_be_bytes([*msg.get(at + 8)?, *msg.get(at + 9)?]));
        let data = msg.get(at + 10..at + 10 + len)?;
        records += usize::from(rtype == qtype);
        if rtype == 1 && len == 4 {
            addresses.push(Ipv4Addr::new(data[0], data[1], data[2], data[3]));
        }
        at += 10 + len;
    }
    addresses.sort();
    Some(Answer {
        rcode,
        addresses,
        records,
    })
}

/// A port free for both UDP and TCP on 127.0.0.1.
pub fn free_port() -> u16 {
    for _ in 0..50 {
        let udp = UdpSocket::bind("127.0.0.1:0").unwrap();
        let port = udp.local_addr().unwrap().port();
        if TcpListener::bind(("127.0.0.1", port)).is_ok() {
            return port;
        }
    }
    panic!("no free port on 127.0.0.1");
}

/// A port free on every one of `addresses`.
pub fn free_health_port_on(addresses: &[Ipv4Addr]) -> u16 {
    for _ in 0..50 {
        let l = TcpListener::bind((addresses[0], 0)).unwrap();
        let port = l.local_addr().unwrap().port();
        if addresses[1..]
            .iter()
            .all(|a| TcpListener::bind((*a, port)).is_ok())
        {
            return port;
        }
    }
    panic!("no free port on {addresses:?}");
}

/// The seed scenario as docs/failover.md writes it (its `steer shop.steer`
/// block), with its checks on `port`: Ireland (127.0.0.2) primary,
/// Frankfurt (127.0.0.3) secondary, both checked over HTTP.
pub fn seed(port: u16) -> String {
    doc_file(&failover_doc(), "shop.steer").replace("port 8080", &format!("port {port}"))
}

/// docs/failover.md.
pub fn failover_doc() -> String {
    std::fs::read_to_string(super::root().join("docs/failover.md")).expect("docs/failover.md")
}

/// The text of the fenced block of `doc` whose info string is
/// `steer NAME` (a file the doc has its reader write).
pub fn doc_file(doc: &str, name: &str) -> String {
    let fence = format!("```steer {name}\n");
    let start = doc
        .find(&fence)
        .unwrap_or_else(|| panic!("no {fence:?} block"))
        + fence.len();
    let len = doc[start..].find("```").expect("a closing fence");
    doc[start..start + len].to_string()
}

/// Writes `text` into `dir` and builds it with `steer build --target
/// powerdns`; returns the output directory.
pub fn build_powerdns(dir: &Path, text: &str) -> std::path::PathBuf {
    std::fs::write(dir.join("zone.steer"), text).unwrap();
    let out = dir.join("out");
    let built = super::steer(&[
        "build",
        dir.join("zone.steer").to_str().unwrap(),
        "--target",
        "powerdns",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(built.status.success(), "{}", super::text(&built.stderr));
    out
}

/// tests/fixtures/powerdns/NAME.steer with its checks on `port`.
pub fn fixture_on(name: &str, port: u16) -> String {
    std::fs::read_to_string(super::root().join(format!("tests/fixtures/powerdns/{name}.steer")))
        .unwrap()
        .replace("port 8080", &format!("port {port}"))
}

/// Waits until the server answers `name`.
pub fn wait_for_pdns(server: SocketAddr, name: &str) {
    let started = Instant::now();
    while query(server, name, 1).is_none() {
        assert!(
            started.elapsed() < PHASE_LIMIT,
            "pdns_server did not answer"
        );
        std::thread::sleep(POLL);
    }
}

pub fn start_pdns(pdns: &Path, dir: &Path, port: u16) -> Pdns {
    start_pdns_with(pdns, dir, port, &[])
}

/// [`start_pdns`] with more command-line settings.
pub fn start_pdns_with(pdns: &Path, dir: &Path, port: u16, settings: &[String]) -> Pdns {
    let log = dir.join("pdns.log");
    let child = Command::new(pdns)
        .current_dir(dir)
        .args(settings)
        .arg("--config-dir=.")
        .arg(format!("--local-port={port}"))
        .arg("--lua-health-checks-interval=1")
        // Health checks declared up and down, for the log printed when a
        // test fails.
        .arg("--loglevel=6")
        // No security-status query to the system's resolver: a test talks to
        // loopback only.
        .arg("--security-poll-suffix=")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .expect("start pdns_server");
    Pdns { child, log }
}

/// Polls `name` every [`POLL`] until the answer is `want`, asserting on the way
/// that no answer is a failure or empty; returns how long it took and the
/// answers seen.
pub fn until(
    server: SocketAddr,
    name: &str,
    want: &[Ipv4Addr],
    log: &mut Vec<String>,
    id: &mut u16,
) -> Duration {
    let start = Instant::now();
    loop {
        *id = id.wrapping_add(1);
        let answer = query(server, name, *id);
        let t = start.elapsed();
        log.push(format!("{:>6} ms {answer:?}", t.as_millis()));
        if let Some(a) = &answer {
            assert_eq!(a.rcode, 0, "a failure answer:\n{}", log.join("\n"));
            assert!(
                !a.addresses.is_empty(),
                "an empty answer:\n{}",
                log.join("\n")
            );
            if a.addresses == want {
                return t;
            }
        }
        assert!(
            t < PHASE_LIMIT,
            "no {want:?} for {name} within {PHASE_LIMIT:?}:\n{}",
            log.join("\n")
        );
        std::thread::sleep(POLL);
    }
}
