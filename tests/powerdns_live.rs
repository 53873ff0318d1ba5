//! Live drill of the seed scenario on a real PowerDNS: `steer build
//! --target powerdns` for a seed-shaped zone whose two regions are small
//! HTTP health servers on 127.0.0.2 (Ireland) and 127.0.0.3 (Frankfurt);
//! `pdns_server` on 127.0.0.1 on a free port, with the generated
//! `pdns.conf` and a 1 s check interval. Every 200 ms the test asks for
//! `www` and records the answer: Ireland while healthy, Frankfurt once
//! Ireland's health server stops, Ireland again once it is back, and never
//! SERVFAIL or an empty answer. It prints the measured failover and
//! failback times.

mod common;

use common::pdns::*;
use common::tools::require_tool;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

#[test]
fn seed_fails_over_to_frankfurt_and_back() {
    let Some(pdns) = require_tool("pdns_server") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let health_port = free_health_port_on(&[IRELAND, FRANKFURT]);
    let out = build_powerdns(dir.path(), &seed(health_port));

    let ireland = HealthServer::start((IRELAND, health_port).into());
    let frankfurt = HealthServer::start((FRANKFURT, health_port).into());
    let dns_port = free_port();
    let _server = start_pdns(&pdns, &out, dns_port);
    let server: SocketAddr = (Ipv4Addr::LOCALHOST, dns_port).into();
    let mut log = Vec::new();
    let mut id = 0;

    // The first query makes pdns start checking both addresses; until
    // the first checks have run it counts both as down, and answers as
    // Route 53 does with both down: Ireland, the primary. Wait for those
    // checks, so that the failover below is one pdns saw happen.
    let www = "www.shop.test";
    wait_for_pdns(server, www);
    let warmup = wait_for_first_checks([&ireland, &frankfurt]);
    until(server, www, &[IRELAND], &mut log, &mut id);

    drop(ireland);
    let failover = until(server, www, &[FRANKFURT], &mut log, &mut id);

    let _ireland = HealthServer::start((IRELAND, health_port).into());
    let failback = until(server, www, &[IRELAND], &mut log, &mut id);

    // Ireland stays the answer.
    for _ in 0..5 {
        std::thread::sleep(POLL);
        id = id.wrapping_add(1);
        let a = query(server, "www.shop.test", id).expect("an answer");
        assert_eq!(a.addresses, [IRELAND], "{}", log.join("\n"));
    }
    eprintln!("answers:\n{}", log.join("\n"));
    eprintln!(
        "first check: {} ms; failover to Frankfurt: {} ms; failback to Ireland: {} ms \
         (check interval 1 s, polled every {} ms)",
        warmup.as_millis(),
        failover.as_millis(),
        failback.as_millis(),
        POLL.as_millis()
    );
}

/// Failover with TCP checks (tests/fixtures/powerdns/tcp.steer, `db`):
/// the primary's two addresses (127.0.12.1 and .2) while their port
/// accepts connections, the secondary's (127.0.12.3) once both listeners
/// stop, the primary's again once they are back; polled every 200 ms with
/// no failure or empty answer on the way. PowerDNS 4.7's `ifportup` takes
/// one flat list, so the Lua asks it per address and walks the sets
/// (`lua::sets`); this proves that on a real pdns.
#[test]
fn tcp_failover_fails_over_and_back() {
    let Some(pdns) = require_tool("pdns_server") else {
        return;
    };
    const PRIMARY: [Ipv4Addr; 2] = [Ipv4Addr::new(127, 0, 12, 1), Ipv4Addr::new(127, 0, 12, 2)];
    const SECONDARY: Ipv4Addr = Ipv4Addr::new(127, 0, 12, 3);
    let dir = tempfile::tempdir().unwrap();
    let port = free_health_port_on(&[PRIMARY[0], PRIMARY[1], SECONDARY]);
    let out = build_powerdns(dir.path(), &fixture_on("tcp", port));
    // Listeners accept TCP connections (pdns's ifportup sends nothing).
    let listen = || PRIMARY.map(|a| HealthServer::start((a, port).into()));
    let primary = listen();
    let secondary = HealthServer::start((SECONDARY, port).into());
    let dns_port = free_port();
    let _server = start_pdns(&pdns, &out, dns_port);
    let server: SocketAddr = (Ipv4Addr::LOCALHOST, dns_port).into();
    let (mut log, mut id) = (Vec::new(), 0);
    // As in the seed drill: the first query starts the checks (all down
    // until they have run: the primary's addresses); wait for them.
    let db = "db.tcp.test";
    wait_for_pdns(server, db);
    let warmup = wait_for_first_checks(primary.iter().chain([&secondary]));
    until(server, db, &PRIMARY, &mut log, &mut id);
    drop(primary);
    let failover = until(server, db, &[SECONDARY], &mut log, &mut id);
    let _primary = listen();
    let failback = until(server, db, &PRIMARY, &mut log, &mut id);
    eprintln!("answers:\n{}", log.join("\n"));
    eprintln!(
        "tcp: first check: {} ms; failover to the secondary: {} ms; failback: {} ms \
         (check interval 1 s, polled every {} ms)",
        warmup.as_millis(),
        failover.as_millis(),
        failback.as_millis(),
        POLL.as_millis()
    );
}

/// Every LUA record of the lab fixture answers once without a Lua error
/// (`pdnsutil check-zone` does not run Lua).
#[test]
fn every_lua_name_of_the_lab_fixture_answers() {
    let Some(pdns) = require_tool("pdns_server") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let fixture = common::root().join("tests/fixtures/powerdns/lab.steer");
    let built = common::steer(&[
        "build",
        fixture.to_str().unwrap(),
        "--target",
        "powerdns",
        "-o",
        dir.path().to_str().unwrap(),
    ]);
    assert!(built.status.success(), "{}", common::text(&built.stderr));
    let zone = std::fs::read_to_string(dir.path().join("lab.test.zone")).unwrap();
    let lua_names: Vec<&str> = zone
        .lines()
        .filter(|l| l.split('\t').nth(2) == Some("LUA"))
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    assert_eq!(lua_names, ["api", "app", "canary"]);
    let port = free_port();
    let _server = start_pdns(&pdns, dir.path(), port);
    let server: SocketAddr = (Ipv4Addr::LOCALHOST, port).into();
    wait_for_pdns(server, "site.lab.test");
    for (i, name) in lua_names.iter().enumerate() {
        let fqdn = format!("{name}.lab.test");
        let answer = query(server, &fqdn, 100 + u16::try_from(i).unwrap()).expect("an answer");
        assert_eq!(answer.rcode, 0, "{fqdn}: {answer:?}");
        assert!(!answer.addresses.is_empty(), "{fqdn}: {answer:?}");
    }
}

/// The examples PowerDNS serves (written for Route 53, on documentation
/// addresses: tests/powerdns_target.rs pins which): every LUA name of
/// each, A or AAAA, answers once without a Lua error. With the geoip
/// backend (geolocation), pdns reads the test GeoIP database.
#[test]
fn every_lua_name_of_the_served_examples_answers() {
    let Some(pdns) = require_tool("pdns_server") else {
        return;
    };
    for name in ["multivalue", "plain-records", "pools"] {
        let dir = tempfile::tempdir().unwrap();
        let example = common::root().join(format!("examples/{name}.steer"));
        let out = dir.path().join("out");
        let built = common::steer(&[
            "build",
            example.to_str().unwrap(),
            "--target",
            "powerdns",
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(built.status.success(), "{}", common::text(&built.stderr));
        let zone_file = std::fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|e| e == "zone"))
            .unwrap();
        let origin = zone_file.file_stem().unwrap().to_string_lossy().to_string();
        let zone = std::fs::read_to_string(&zone_file).unwrap();
        let lua: Vec<(String, u16)> = zone
            .lines()
            .filter(|l| l.split('\t').nth(2) == Some("LUA"))
            .map(|l| {
                let owner = l.split('\t').next().unwrap();
                let fqdn = if owner == "@" {
                    origin.clone()
                } else {
                    format!("{owner}.{origin}")
                };
                let data = l.split('\t').nth(3).unwrap();
                (
                    fqdn,
                    if data.starts_with("AAAA ") {
                        TYPE_AAAA
                    } else {
                        TYPE_A
                    },
                )
            })
            .collect();
        let mut settings = Vec::new();
        if std::fs::read_to_string(out.join("pdns.conf"))
            .unwrap()
            .contains("launch=bind,geoip")
        {
            let Some(python) = geoip_tools() else {
                return;
            };
            let db = dir.path().join("geo.mmdb");
            geoip_database(&python, &db, &[]);
            settings.push(format!("--geoip-database-files=mmdb:{}", db.display()));
        }
        let port = free_port();
        let _server = start_pdns_with(&pdns, &out, port, &settings);
        let server: SocketAddr = (Ipv4Addr::LOCALHOST, port).into();
        wait_for_pdns(server, &origin);
        for (i, (fqdn, qtype)) in lua.iter().enumerate() {
            let id = 200 + u16::try_from(i).unwrap();
            let answer = query_type(server, fqdn, *qtype, id, None).expect("an answer");
            assert_eq!(answer.rcode, 0, "{name}: {fqdn} {qtype}: {answer:?}");
            assert!(answer.records > 0, "{name}: {fqdn} {qtype}: {answer:?}");
        }
        eprintln!("{name}: {} LUA names answered", lua.len());
    }
}

/// CIDR routing on a real PowerDNS, by EDNS client subnet: the
/// tests/fixtures/powerdns/cidr.steer fixture with health servers on
/// 127.0.6.2 (narrow's cache) and 127.0.6.3 (the default). Clients in the
/// narrow /24 get its cache, in the rest of the wide /16 theirs, in no
/// block or in `other` (no rule) the default; narrow's cache going down
/// sends its clients to the default. `only` answers `other` and nobody
/// else.
#[test]
fn cidr_routes_by_client_subnet() {
    // (name, client subnet, the addresses it gets)
    type Expected = (&'static str, Option<(Ipv4Addr, u8)>, &'static [Ipv4Addr]);
    let Some(pdns) = require_tool("pdns_server") else {
        return;
    };
    const NARROW: Ipv4Addr = Ipv4Addr::new(127, 0, 6, 2);
    const BACKUP: Ipv4Addr = Ipv4Addr::new(127, 0, 6, 3);
    let dir = tempfile::tempdir().unwrap();
    let port = free_health_port_on(&[NARROW, BACKUP]);
    let fixture = fixture_on("cidr", port);
    let out = build_powerdns(dir.path(), &fixture);
    let narrow = HealthServer::start((NARROW, port).into());
    let _backup = HealthServer::start((BACKUP, port).into());
    let dns_port = free_port();
    let _server = start_pdns(&pdns, &out, dns_port);
    let server: SocketAddr = (Ipv4Addr::LOCALHOST, dns_port).into();
    let ask = |name: &str, subnet: Option<(Ipv4Addr, u8)>| -> Answer {
        let fqdn = format!("{name}.cidr.test");
        let a = query_from(server, &fqdn, 7, subnet).expect("an answer");
        assert_eq!(a.rcode, 0, "{fqdn} from {subnet:?}: {a:?}");
        a
    };
    wait_for_pdns(server, "ns1.cidr.test");
    let in_narrow = Some((Ipv4Addr::new(81, 10, 128, 0), 24));
    let in_wide = Some((Ipv4Addr::new(81, 10, 7, 0), 24));
    let in_other = Some((Ipv4Addr::new(95, 89, 1, 0), 24));
    let nowhere = Some((Ipv4Addr::new(8, 8, 8, 0), 24));
    // How long until narrow's clients get `want`.
    const WIDE: [Ipv4Addr; 1] = [Ipv4Addr::new(127, 0, 6, 1)];
    const OTHER: [Ipv4Addr; 1] = [Ipv4Addr::new(127, 0, 6, 4)];
    // Every answer of the fixture while narrow's cache is `narrow`.
    let answers = |narrow: &'static [Ipv4Addr]| {
        let mut answers: Vec<Expected> = vec![
            ("dl", in_narrow, narrow),
            ("dl", Some((Ipv4Addr::new(81, 10, 128, 77), 32)), narrow),
            ("dl", in_wide, &WIDE),
            ("only", in_other, &OTHER),
        ];
        for subnet in [in_other, nowhere, None] {
            answers.push(("dl", subnet, &[BACKUP]));
        }
        for subnet in [in_narrow, in_wide, nowhere, None] {
            answers.push(("only", subnet, &[]));
        }
        answers
    };
    // How long until every answer is as `answers` says. pdns declares an
    // address down on one failed probe (4.7 has no failure threshold), so
    // a probe lost on a loaded machine flips an answer until the next
    // check a second later: poll the whole set until it agrees at once,
    // as cross_check does, rather than assert each answer once.
    let settled = |answers: Vec<Expected>| -> Duration {
        let started = Instant::now();
        loop {
            let differences: Vec<String> = answers
                .iter()
                .filter_map(|(name, subnet, want)| {
                    let got = ask(name, *subnet).addresses;
                    (got != *want).then(|| format!("{name} from {subnet:?}: {got:?}, not {want:?}"))
                })
                .collect();
            if differences.is_empty() {
                return started.elapsed();
            }
            assert!(
                started.elapsed() < PHASE_LIMIT,
                "within {PHASE_LIMIT:?}:\n{}",
                differences.join("\n")
            );
            std::thread::sleep(POLL);
        }
    };
    // Until the first checks every address counts as down.
    settled(answers(&[NARROW]));
    // narrow's cache goes down: its clients fall through to the default.
    drop(narrow);
    let fell = settled(answers(&[BACKUP]));
    eprintln!(
        "narrow's clients fell through to the default {} ms after its cache stopped",
        fell.as_millis()
    );
}

/// The test GeoIP database: (country, its subdivision if any,
/// continent, client subnet, latitude, longitude).
type GeoEntry = (
    &'static str,
    Option<&'static str>,
    &'static str,
    [u8; 4],
    f64,
    f64,
);
const GEO: [GeoEntry; 7] = [
    ("DE", None, "EU", [10, 1, 0, 0], 50.11, 8.68),
    ("US", None, "NA", [10, 2, 0, 0], 38.9, -77.04),
    ("JP", None, "AS", [10, 3, 0, 0], 35.68, 139.69),
    ("SG", None, "AS", [10, 4, 0, 0], 1.35, 103.82),
    ("US", Some("CA"), "NA", [10, 5, 0, 0], 37.77, -122.42),
    ("IE", None, "EU", [10, 6, 0, 0], 53.35, -6.26),
    ("AU", None, "OC", [10, 7, 0, 0], -33.87, 151.21),
];

/// Builds the test GeoIP database (a GeoIP2 City mmdb with country,
/// subdivision, continent and location for each /16 of [`GEO`], and a location for
/// each of `points`) with mmdb-writer. pdns reads a location only with
/// its `accuracy_radius`.
fn geoip_database(python: &Path, path: &Path, points: &[(Ipv4Addr, f64, f64)]) {
    let location = |lat: f64, lon: f64| {
        format!(
            "'location': {{'latitude': MmdbF64({lat}), 'longitude': MmdbF64({lon}), \
             'accuracy_radius': MmdbU16(20)}}"
        )
    };
    let points: String = points
        .iter()
        .map(|(ip, lat, lon)| {
            format!(
                "w.insert_network(IPSet(['{ip}/32']), {{{}}})\n",
                location(*lat, *lon)
            )
        })
        .collect();
    let inserts: String = GEO
        .iter()
        .map(|(country, subdivision, continent, [a, b, _, _], lat, lon)| {
            let subdivisions = subdivision
                .map(|s| format!("'subdivisions': [{{'iso_code': '{s}'}}], "))
                .unwrap_or_default();
            format!(
                "w.insert_network(IPSet(['{a}.{b}.0.0/16']), {{'country': {{'iso_code': '{country}'}}, \
                 {subdivisions}'continent': {{'code': '{continent}'}}, {}}})\n",
                location(*lat, *lon)
            )
        })
        .collect();
    let script = format!(
        "from netaddr import IPSet\n\
         from mmdb_writer import MMDBWriter, MmdbF64, MmdbU16\n\
         w = MMDBWriter(ip_version=6, ipv4_compatible=True, database_type='GeoIP2-City', languages=['en'])\n\
         {inserts}{points}w.to_db_file({:?})\n",
        path.display().to_string()
    );
    common::tools::assert_success(Command::new(python).args(["-c", &script]));
}

/// The client subnet of [`GEO`] for a client placed in a subdivision, a
/// country (outside its subdivisions), or on a continent (a country of it
/// that has no class of its own in `labels`, so that a country rule does
/// not catch it).
fn geo_subnet(place: &steer::semantics::Place, labels: &[&str]) -> (Ipv4Addr, u8) {
    GEO.iter()
        .find(
            |(country, sub, continent, ..)| match (&place.country, &place.subdivision) {
                (Some(c), Some(s)) => c == country && *sub == Some(s.as_str()),
                (Some(c), None) => c == country && sub.is_none(),
                (None, _) => {
                    place.continent == *continent && sub.is_none() && !labels.contains(country)
                }
            },
        )
        .map(|(_, _, _, [a, b, _, _], ..)| (Ipv4Addr::new(*a, *b, 2, 0), 24))
        .unwrap_or_else(|| panic!("no test subnet for {place:?}"))
}

/// The weighted choice that decided an answer: the record's policy, or
/// the one inside the member that answered (a failover's, a rule's, the
/// nearest member's).
fn weighted_within<'a, 'c>(
    trace: &'a steer::semantics::Trace<'c>,
) -> Option<&'a steer::semantics::resolve::WeightedChoice<'c>> {
    use steer::semantics::Trace;
    match trace {
        Trace::Weighted {
            choice: Some(choice),
            ..
        } => Some(choice),
        Trace::Failover { within, .. }
        | Trace::Checked { within, .. }
        | Trace::Stayed { within, .. }
        | Trace::Pool { within, .. }
        | Trace::Nearest { within, .. }
        | Trace::Rule {
            chosen: Some((_, within)),
            ..
        } => weighted_within(within),
        _ => None,
    }
}

/// The cross-check: `text` served by a real PowerDNS, one health server
/// per checked address, and for every down set the set-up can produce
/// ([`down_sets`]: every subset of the routed records' checks, none and
/// all of them down included) and every client class of every routed
/// record (`semantics::client_classes`; a CIDR location's class asks with
/// an EDNS client subnet of its first IPv4 block, everyone else without
/// one), the answer equals the one `steer explain` gives
/// (`semantics::Resolver`), exactly: also when every member of a policy
/// is down, where Route 53 takes them all as healthy and answers by its
/// routing (the primary, the most specific rule, by weight, the nearest,
/// all of a multivalue). Prints how many pairs were compared.
fn cross_check(text: &str, geoip: Option<&Path>) {
    use steer::check::ir::{Answer as IrAnswer, HealthCheckKind, RData, RecordContent};
    use steer::semantics::{self, Resolver, Scenario};
    // The A addresses of an answer, sorted.
    let addresses = |answer: &Option<semantics::Answer>| -> Vec<Ipv4Addr> {
        let mut v: Vec<Ipv4Addr> = match answer {
            None => Vec::new(),
            Some(semantics::Answer::Data(data)) => data
                .iter()
                .filter_map(|d| match d {
                    RData::A(a) => a.bound().copied(),
                    _ => None,
                })
                .collect(),
            Some(other) => panic!("{other:?}"),
        };
        v.sort();
        v
    };
    let Some(pdns) = require_tool("pdns_server") else {
        return;
    };
    let config = common::config_of_source_for(text, "powerdns");
    let dir = tempfile::tempdir().unwrap();
    let out = build_powerdns(dir.path(), text);

    // Each check stands for the addresses of the endpoints it checks.
    let mut addresses_of: std::collections::BTreeMap<&str, Vec<Ipv4Addr>> = Default::default();
    let mut port = None;
    for endpoint in config.endpoints.values() {
        let (Some(check), IrAnswer::Addresses { v4, .. }) =
            (endpoint.health_check.as_deref(), &endpoint.answer)
        else {
            continue;
        };
        addresses_of
            .entry(check)
            .or_default()
            .extend(v4.iter().filter_map(steer::check::ir::Value::bound));
        let HealthCheckKind::Endpoint(probe) = &config.checks[check].kind else {
            panic!("check {check} is not served live");
        };
        assert!(
            port.is_none_or(|p| p == probe.port),
            "one port for every check"
        );
        port = Some(probe.port);
    }
    let mut servers: std::collections::BTreeMap<Ipv4Addr, HealthServer> = Default::default();
    let dns_port = free_port();
    let settings: Vec<String> = geoip
        .map(|db| format!("--geoip-database-files=mmdb:{}", db.display()))
        .into_iter()
        .collect();
    let _server = start_pdns_with(&pdns, &out, dns_port, &settings);
    let server: SocketAddr = (Ipv4Addr::LOCALHOST, dns_port).into();

    // A records: loopback has one IPv6 address, so AAAA answers cannot
    // be told apart here.
    let routed: Vec<_> = config
        .records
        .iter()
        .filter(|r| matches!(r.content, RecordContent::Routed(_)))
        .filter(|r| r.record_type == steer::check::ir::RecordType::A)
        .collect();
    let mut checks: Vec<String> = routed
        .iter()
        .flat_map(|r| semantics::checks_of(&config, r))
        .collect();
    checks.sort();
    checks.dedup();
    // Every (record, client class) pair, with the EDNS client subnet it
    // asks with.
    let mut pairs = Vec::new();
    for record in &routed {
        let classes = semantics::client_classes(&config, record);
        let labels: Vec<&str> = classes.iter().map(|c| c.label.as_str()).collect();
        let subnets: Vec<Option<(Ipv4Addr, u8)>> = classes
            .iter()
            .map(|class| {
                let subnet = class.client.place().map(|place| geo_subnet(place, &labels));
                subnet.or_else(|| {
                    class.client.cidr_location().map(|(c, l)| {
                        config.cidr_collections[c].locations[l]
                            .iter()
                            .find_map(|b| {
                                let (net, len) = b.split_once('/')?;
                                Some((net.parse::<Ipv4Addr>().ok()?, len.parse::<u8>().ok()?))
                            })
                            .expect("an IPv4 block")
                    })
                })
            })
            .collect();
        pairs.extend(
            classes
                .into_iter()
                .zip(subnets)
                .map(|(c, s)| (*record, c, s)),
        );
    }
    // Every health server up; one query for each pair makes pdns start
    // checking what it asks, and until its first checks pdns counts every
    // address as down: wait for them, so that the first down set (none)
    // is not met by an all-down answer that happens to agree.
    for addresses in addresses_of.values() {
        for a in addresses {
            servers
                .entry(*a)
                .or_insert_with(|| HealthServer::start((*a, port.unwrap()).into()));
        }
    }
    wait_for_pdns(server, &config.zone.name);
    for (record, _, subnet) in &pairs {
        query_from(server, &record.fqdn, 8, *subnet).expect("an answer");
    }
    wait_for_first_checks(servers.values());
    let (mut compared, mut all_down, mut slowest) = (0, 0, Duration::ZERO);
    let down_sets = down_sets(&checks);
    let sets = down_sets.len();
    for down in down_sets {
        for (check, addresses) in &addresses_of {
            for a in addresses {
                if down.iter().any(|d| d == check) {
                    servers.remove(a);
                } else if !servers.contains_key(a) {
                    servers.insert(*a, HealthServer::start((*a, port.unwrap()).into()));
                }
            }
        }
        // pdns sees the change at its next checks (1 s apart): ask after
        // them, so that an answer from before the change cannot pass.
        let changed = Instant::now();
        std::thread::sleep(Duration::from_millis(1200));
        let scenario = Scenario::with_down(down.iter());
        // (record, class, subnet, Route 53's answers, whether a member was
        // up, whether pdns picks at random)
        let mut cases = Vec::new();
        for (record, class, subnet) in &pairs {
            let mut resolver = Resolver::new(&config, &scenario, class.client.clone());
            let resolution = resolver.record_set(record);
            let want = addresses(&resolution.answer);
            let healthy = resolution.answer.is_none() || resolution.healthy;
            // A weighted policy answers with any member that has a
            // share now (explain names the heaviest): each of their
            // answers is Route 53's, all down or not. pdns picks at
            // random, so such a case is asked 8 times in a row.
            let random = weighted_within(&resolution.trace).is_some();
            let wants = match weighted_within(&resolution.trace) {
                // Every member with a share answers as its resolution
                // says.
                Some(choice) => choice
                    .shares
                    .iter()
                    .filter(|s| s.share.0 > 0)
                    .map(|s| addresses(&resolver.member(s.member, record).answer))
                    .collect(),
                None => vec![want],
            };
            cases.push((
                record.fqdn.clone(),
                class.label.clone(),
                *subnet,
                wants,
                healthy,
                random,
            ));
        }
        // Then poll until every answer agrees, or fail with the differences.
        loop {
            let mut differences = Vec::new();
            for (fqdn, label, subnet, wants, _, random) in &cases {
                // Every one of 8 random picks must agree, in the same round.
                let asks = if *random { 8 } else { 1 };
                for _ in 0..asks {
                    let got = query_from(server, fqdn, 9, *subnet).map(|a| (a.rcode, a.addresses));
                    let agrees = matches!(&got, Some((0, got)) if wants.contains(got));
                    if !agrees {
                        differences.push(format!(
                            "{fqdn} for {label} ({subnet:?}), down {down:?}: explain {wants:?}, pdns {got:?}"
                        ));
                        break;
                    }
                }
            }
            if differences.is_empty() {
                break;
            }
            assert!(
                changed.elapsed() < PHASE_LIMIT,
                "pdns differs from steer explain:\n{}",
                differences.join("\n")
            );
            std::thread::sleep(POLL);
        }
        slowest = slowest.max(changed.elapsed());
        compared += cases.len();
        all_down += cases.iter().filter(|c| !c.4).count();
    }
    eprintln!(
        "{}: {compared} (record, client class, down set) answers over {sets} down sets equal \
         steer explain's exactly ({all_down} of them with no healthy answer, Route 53 taking \
         every member as healthy); slowest to settle after a change: {} ms",
        config.zone.name,
        slowest.as_millis()
    );
    assert!(compared > 0);
    assert!(all_down > 0, "no case with every member down");
}

/// Every down set of `checks` the live set-up can produce: each subset
/// (each check's health servers run or not), from none down to all of
/// them, in order of size. At most 6 checks (64 sets, each waited for).
fn down_sets(checks: &[String]) -> Vec<Vec<String>> {
    assert!(
        checks.len() <= 6,
        "{} checks: too many down sets",
        checks.len()
    );
    let mut sets: Vec<Vec<String>> = (0..1u32 << checks.len())
        .map(|bits| {
            checks
                .iter()
                .enumerate()
                .filter(|(i, _)| bits & (1 << i) != 0)
                .map(|(_, c)| c.clone())
                .collect()
        })
        .collect();
    sets.sort_by_key(Vec::len);
    sets
}

#[test]
fn cidr_fixture_answers_as_explain_says() {
    const ADDRESSES: [Ipv4Addr; 3] = [
        Ipv4Addr::new(127, 0, 6, 2),
        Ipv4Addr::new(127, 0, 6, 3),
        Ipv4Addr::new(127, 0, 6, 5),
    ];
    let port = free_health_port_on(&ADDRESSES);
    cross_check(&fixture_on("cidr", port), None);
}

/// Weighted routing over checked members (and unchecked ones, and a
/// weight-0 member): every answer is one of the members Route 53 answers
/// with in that down set.
#[test]
fn weighted_fixture_answers_as_explain_says() {
    let addresses: Vec<Ipv4Addr> = (1..=4).map(|i| Ipv4Addr::new(127, 0, 10, i)).collect();
    let port = free_health_port_on(&addresses);
    cross_check(&fixture_on("weighted", port), None);
}

/// Multivalue routing over members probed differently, and with a member
/// without checks: every up member's addresses, or all when none is up.
#[test]
fn multivalue_fixture_answers_as_explain_says() {
    let addresses: Vec<Ipv4Addr> = (1..=4).map(|i| Ipv4Addr::new(127, 0, 11, i)).collect();
    let port = free_health_port_on(&addresses);
    cross_check(&fixture_on("multivalue", port), None);
}

/// TCP checks (`ifportup`, asked per address): failover over two and
/// three sets, a multivalue of a tcp and an http member, a weighted
/// policy of tcp members.
#[test]
fn tcp_fixture_answers_as_explain_says() {
    let addresses: Vec<Ipv4Addr> = (1..=5).map(|i| Ipv4Addr::new(127, 0, 12, i)).collect();
    let port = free_health_port_on(&addresses);
    cross_check(&fixture_on("tcp", port), None);
}

/// An example in lab form: every IPv4 address that is not loopback
/// becomes one of 127.0.`net`.N (the same address, the same N), https
/// checks become http (the health servers speak plain HTTP), and every
/// check probes `port`. The routing is the example's.
fn lab_form(text: &str, net: u8, port: u16) -> String {
    let mut mapped: Vec<Ipv4Addr> = Vec::new();
    let mut out = String::new();
    let mut run = String::new();
    let mut flush = |run: &mut String, out: &mut String| {
        match run.parse::<Ipv4Addr>() {
            Ok(ip) if !ip.is_loopback() => {
                let n = mapped.iter().position(|m| *m == ip).unwrap_or_else(|| {
                    mapped.push(ip);
                    mapped.len() - 1
                });
                out.push_str(&Ipv4Addr::new(127, 0, net, u8::try_from(n + 1).unwrap()).to_string());
            }
            _ => out.push_str(run),
        }
        run.clear();
    };
    for c in text.chars() {
        if c.is_ascii_digit() || c == '.' {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out.replace("https \"", "http \"")
        .lines()
        .map(|line| {
            let words: Vec<&str> = line.split(' ').collect();
            let mut line: String = words
                .iter()
                .enumerate()
                .map(|(i, w)| {
                    if i > 0 && words[i - 1] == "port" {
                        port.to_string()
                    } else {
                        (*w).to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join(" ");
            if line.starts_with("check ") && line.ends_with('}') && !line.contains(" port ") {
                line.truncate(line.len() - 1);
                line.push_str(&format!("port {port} }}"));
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The served examples with routed names (docs/targets.md §5), in lab
/// form ([`lab_form`]): every A answer equals `steer explain`'s in every
/// down set.
#[test]
fn served_examples_answer_as_explain_says() {
    let example = |name: &str| {
        std::fs::read_to_string(common::root().join(format!("examples/{name}.steer"))).unwrap()
    };
    let addresses: Vec<Ipv4Addr> = (1..=10).map(|i| Ipv4Addr::new(127, 0, 20, i)).collect();
    let port = free_health_port_on(&addresses);
    cross_check(&lab_form(&example("multivalue"), 20, port), None);
    cross_check_with_geoip(21, 4, |port| lab_form(&example("pools"), 21, port));
}

/// Nesting composed from health functions: failover between members
/// probed differently, weighted members that are failovers, a checked
/// weighted primary, a CIDR policy nested in a CIDR rule, `stay`.
#[test]
fn nested_fixture_answers_as_explain_says() {
    let addresses: Vec<Ipv4Addr> = (1..=5).map(|i| Ipv4Addr::new(127, 0, 15, i)).collect();
    let port = free_health_port_on(&addresses);
    cross_check(&fixture_on("nested", port), None);
}

#[test]
fn seed_answers_as_explain_says() {
    cross_check(&seed(free_health_port_on(&[IRELAND, FRANKFURT])), None);
}

/// mmdb-writer's python, when it and pdns's geoip backend are installed.
fn geoip_tools() -> Option<std::path::PathBuf> {
    let python = require_tool("mmdb-writer")?;
    require_tool("geoip-backend")?;
    Some(python)
}

/// Geolocation with pdns's geoip backend: Californian, European, American
/// and Asian clients (EDNS client subnets in the test GeoIP database) and everyone
/// else get what `steer explain` says, in every down set.
#[test]
fn geo_fixture_answers_as_explain_says() {
    cross_check_with_geoip(8, 6, |port| fixture_on("geo", port));
}

/// [`cross_check`] with the test GeoIP database (clients only) and a
/// health port free on 127.0.`net`.1 to .`count`, the text written for it.
fn cross_check_with_geoip(net: u8, count: u8, text: impl FnOnce(u16) -> String) {
    let Some(python) = geoip_tools() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("geo.mmdb");
    geoip_database(&python, &db, &[]);
    let addresses: Vec<Ipv4Addr> = (1..=count).map(|i| Ipv4Addr::new(127, 0, net, i)).collect();
    cross_check(&text(free_health_port_on(&addresses)), Some(&db));
}

/// Geoproximity with a bias, computed in Lua from the client's GeoIP
/// point (`latlon()`) and each member's AWS region: in every down set
/// each client class gets the member `steer explain` says, the bias
/// deciding where European clients go while their nearest member is down.
#[test]
fn geoproximity_fixture_answers_as_explain_says() {
    cross_check_with_geoip(16, 3, |port| fixture_on("geoproximity", port));
}

/// Latency with pickclosest: the test GeoIP database places each member's
/// addresses at its AWS region's point (`data/aws-region-locations.json`,
/// as `steer explain` does) and the clients in DE, US, JP and SG; each
/// gets the nearest up member, and a client the database cannot place
/// every healthy one, as `steer explain` says, in every down set.
#[test]
fn latency_fixture_answers_as_explain_says() {
    use steer::check::ir::Answer as IrAnswer;
    let Some(python) = geoip_tools() else {
        return;
    };
    let addresses: Vec<Ipv4Addr> = (1..=5).map(|i| Ipv4Addr::new(127, 0, 9, i)).collect();
    let port = free_health_port_on(&addresses);
    let text = fixture_on("latency", port);
    let config = common::config_of_source_for(&text, "powerdns");
    let points: Vec<(Ipv4Addr, f64, f64)> = config
        .endpoints
        .values()
        .filter_map(|e| {
            let IrAnswer::Addresses { v4, .. } = &e.answer else {
                return None;
            };
            let at = steer::aws::region_location(e.aws_region()?)?;
            Some(
                v4.iter()
                    .filter_map(steer::check::ir::Value::bound)
                    .map(move |a| (*a, at.latitude, at.longitude)),
            )
        })
        .flatten()
        .collect();
    assert_eq!(points.len(), 5);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("geo.mmdb");
    geoip_database(&python, &db, &points);
    cross_check(&text, Some(&db));
}
