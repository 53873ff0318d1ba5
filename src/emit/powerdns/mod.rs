//! The PowerDNS target: a zone file for PowerDNS's bind backend in which
//! routed names are LUA records that health-check and route
//! (<https://doc.powerdns.com/authoritative/lua-records/>), plus the
//! `named.conf` and `pdns.conf` that serve it. Plain records are written
//! as in the zone target (`zone::master_file`). All Lua text comes from
//! [`lua`].
//!
//! What it maps: failover of members whose checks send the same
//! http/https or tcp probe → the primary's address sets first and the
//! secondary's after them, walked in Lua, `ifurlup` or `ifportup` asked
//! per address, the first set answering when all are down, as Route 53
//! answers the primary ([`lua::sets`]); one set → `ifurlup`; multivalue
//! → `ifurlup` over all members' addresses (or plain records when no
//! member has a check); weighted over unchecked single addresses →
//! `pickwrandom`; CIDR → `netmask()` branches, longest block first (see
//! [`Lower::cidr`]); geolocation → subdivision (`country()` and
//! `region()`), `country()` then `continent()` branches
//! ([`Lower::geolocation`], with the geoip backend in pdns.conf); latency
//! → `pickclosest`, the nearest address naming its member
//! ([`Lower::nearest`]); geoproximity → biased great-circle distances from
//! the client's `latlon()` ([`Lower::geoproximity`]); simple routing →
//! plain records. Everything else composes from *health functions*, Lua
//! functions returning a policy's answer and whether it is healthy in
//! Route 53's sense ([`Expr::health`], [`lua::first_healthy`],
//! [`lua::weighted`], ...): members probed differently, policies nested
//! in any policy, `stay`; the meaning is the one `crate::semantics` gives
//! Route 53 (tests/powerdns_live.rs compares every answer with it).
//! What PowerDNS cannot serve is the error `powerdns-cannot-serve`,
//! naming the construct and the reason.

// One diagnostic per unservable record, returned once: size is no concern.
#![allow(clippy::result_large_err)]

pub mod lua;

use crate::check::ir::{
    self, Answer, HealthCheckKind, PolicyNode, Protocol, RData, RecordContent, RecordSet,
    RecordType, RoutingPolicy,
};
use crate::check::CheckOptions;
use crate::diagnostic::Diagnostic;
use crate::emit::messages;
use crate::emit::target::{EmitError, Emitted, OptionError, Options, Target};
use crate::emit::zone::master_file::{rdata_lines, relative};
use crate::emit::zone::{fnv1a32, soa_lines, FNV_OFFSET};
use crate::source::Span;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::net::IpAddr;

/// PowerDNS with the bind backend and LUA records.
#[derive(Debug)]
pub struct PowerDns;

/// pdns's own default for `lua-health-checks-interval`, in seconds, used
/// when the zone has no checks.
const DEFAULT_INTERVAL: u32 = 5;
/// The shortest `lua-health-checks-interval`: one second.
const MIN_INTERVAL: u32 = 1;

impl Target for PowerDns {
    fn name(&self) -> &'static str {
        "powerdns"
    }

    fn about(&self) -> &'static str {
        "PowerDNS with LUA records (`<zone>.zone`, `named.conf`, `pdns.conf`)"
    }

    fn file_name(&self, zone: &str) -> String {
        format!("{zone}.zone")
    }

    /// PowerDNS probes whatever it is given (loopback and private
    /// addresses of lab and self-hosted set-ups), at its own interval:
    /// Route 53's limits do not apply; its own are checked in `emit`.
    fn check_options(&self) -> CheckOptions {
        CheckOptions::SELF_HOSTED
    }

    fn validate_options(&self, options: &Options) -> Result<(), OptionError> {
        if !options.assume_down.is_empty() {
            return Err(OptionError(messages::POWERDNS_NO_ASSUME_DOWN.to_string()));
        }
        match options.import_ids {
            None => Ok(()),
            Some(_) => Err(OptionError(messages::import_ids_need_terraform())),
        }
    }

    /// The zone is made whole (its errors found, its serial hashed from
    /// its records), then written at once.
    fn emit(
        &self,
        config: &ir::Config,
        _options: &Options,
        out: &mut dyn std::io::Write,
    ) -> Result<Emitted, EmitError> {
        crate::emit::require_values(config, self.name(), true)?;
        let zone = &config.zone;
        if zone.nameservers.is_empty() {
            return Err(vec![messages::zone_needs_nameservers(zone)].into());
        }
        let mut errors = Vec::new();
        let mut body = String::new();
        for ns in &zone.nameservers {
            let _ = writeln!(body, "@\t{}\tNS\t{}.", zone.ttl, ns.trim_end_matches('.'));
        }
        let mut interval: Option<u32> = None;
        let mut uses_geoip = false;
        let mut probed = BTreeSet::new();
        for record in &config.records {
            let owner = relative(&record.fqdn, &zone.name);
            match &record.content {
                RecordContent::Plain(data) => plain(&mut body, &owner, record, data),
                RecordContent::Routed(node) => match routed(config, record, node) {
                    Ok(Routed::Plain(data)) => plain(&mut body, &owner, record, &data),
                    Ok(Routed::Lua {
                        code,
                        every,
                        geoip,
                        probed: checks,
                    }) => {
                        uses_geoip |= geoip;
                        // `extend`, not `append`: append rebuilds the
                        // whole set each time (quadratic over records).
                        probed.extend(checks);
                        if let Some(e) = every {
                            interval = Some(interval.map_or(e, |i| i.min(e)));
                        }
                        let _ = writeln!(
                            body,
                            "{owner}\t{}\tLUA\t{}",
                            record.ttl,
                            lua::record_data(record.record_type.as_str(), &code)
                        );
                    }
                    Err(e) => errors.push(e),
                },
            }
        }
        if !errors.is_empty() {
            return Err(errors.into());
        }
        let warnings = interval
            .map(|used| one_interval_warnings(config, &probed, used))
            .unwrap_or_default();
        let serial = zone
            .soa
            .serial
            .unwrap_or_else(|| fnv1a32(body.as_bytes(), FNV_OFFSET) % 2_147_483_647 + 1);
        let mut text = format!(
            "; {} for PowerDNS (bind backend, LUA records), written by steer.\n\
             ; Serve it with the pdns.conf and named.conf beside it.\n\
             ; The serial is a hash (FNV-1a) of the records unless the zone sets one.\n\
             $ORIGIN {}.\n$TTL {}\n@\t{}\tSOA\t",
            zone.display_name, zone.name, zone.ttl, zone.ttl
        );
        text.push_str(&soa_lines(zone, serial).join("\n"));
        text.push('\n');
        out.write_all(text.as_bytes())?;
        drop(text);
        out.write_all(body.as_bytes())?;
        Ok(Emitted {
            warnings,
            extra_files: vec![
                ("named.conf".to_string(), named_conf(zone)),
                (
                    "pdns.conf".to_string(),
                    pdns_conf(zone, interval.unwrap_or(DEFAULT_INTERVAL), uses_geoip),
                ),
            ],
        })
    }
}

fn plain(body: &mut String, owner: &str, record: &RecordSet, data: &[RData]) {
    for rdata in data {
        let lines = rdata_lines(rdata);
        let _ = writeln!(
            body,
            "{owner}\t{}\t{}\t{}",
            record.ttl,
            record.record_type.as_str(),
            lines.join("\n\t\t\t")
        );
    }
}

/// PowerDNS runs every check at one interval, `lua-health-checks-interval`
/// (<https://doc.powerdns.com/authoritative/settings.html#lua-health-checks-interval>):
/// a warning for each check the LUA records probe that asks for a longer
/// one than `used`, naming the check `used` comes from.
fn one_interval_warnings(
    config: &ir::Config,
    probed: &BTreeSet<String>,
    used: u32,
) -> Vec<Diagnostic> {
    let probes: Vec<(&ir::HealthCheck, u32)> = probed
        .iter()
        .filter_map(|name| {
            let check = config.checks.get(name)?;
            match &check.kind {
                HealthCheckKind::Endpoint(p) => Some((check, p.request_interval)),
                _ => None,
            }
        })
        .collect();
    let Some((by, _)) = probes.iter().find(|&&(_, every)| every == used) else {
        return Vec::new();
    };
    probes
        .iter()
        .filter(|&&(_, every)| every != used)
        .map(|&(check, every)| messages::powerdns_one_interval(check, every, used, &by.name))
        .collect()
}

/// The `named.conf` fragment: the zone and its file, relative to the
/// directory pdns runs in.
fn named_conf(zone: &ir::Zone) -> String {
    format!(
        "// The zones PowerDNS's bind backend serves (pdns.conf: bind-config), written by steer.\n\
         zone \"{name}\" {{\n  type master;\n  file \"{name}.zone\";\n}};\n",
        name = zone.name
    )
}

/// A minimal `pdns.conf`, every setting explained; with the geoip
/// backend when a LUA record asks for the client's country or continent.
fn pdns_conf(zone: &ir::Zone, interval: u32, geoip: bool) -> String {
    let launch = if geoip {
        "# Serve zone files with the bind backend, listed in named.conf beside this file,\n\
         # and look clients (and pickclosest's addresses) up for country(), continent()\n\
         # and pickclosest with the geoip backend (Debian: pdns-backend-geoip) in a\n\
         # GeoIP2 City database: set its path.\n\
         launch=bind,geoip\n\
         geoip-database-files=mmdb:/usr/share/GeoIP/GeoLite2-City.mmdb\n"
    } else {
        "# Serve zone files with the bind backend, listed in named.conf beside this file.\n\
         launch=bind\n"
    };
    format!(
        "# PowerDNS Authoritative Server settings for {name}, written by steer.\n\
         # Start it from this directory: pdns_server --config-dir=.\n\
         {launch}\
         bind-config=named.conf\n\
         # Run the LUA records (the routed names); PowerDNS leaves them off by default.\n\
         enable-lua-records=yes\n\
         # Seconds between health checks: the shortest `every` of the zone's checks.\n\
         lua-health-checks-interval={interval}\n\
         # Route by the client subnet a resolver forwards (EDNS Client Subnet), as\n\
         # Route 53 does, instead of by the resolver's own address.\n\
         edns-subnet-processing=yes\n\
         # Answer on loopback only; set the addresses to serve others.\n\
         local-address=127.0.0.1\n\
         # An unprivileged port (53 needs root or CAP_NET_BIND_SERVICE).\n\
         local-port=5300\n\
         # The control socket lives here instead of /var/run/pdns.\n\
         socket-dir=.\n\
         # Stay in the foreground, for a service manager or a terminal.\n\
         daemon=no\n\
         guardian=no\n",
        name = zone.name
    )
}

/// What a routed record becomes.
enum Routed {
    Plain(Vec<RData>),
    /// A LUA record, the interval of its checks, and whether it needs
    /// the geoip backend.
    Lua {
        code: String,
        every: Option<u32>,
        geoip: bool,
        /// The checks it probes, by name.
        probed: BTreeSet<String>,
    },
}

/// A routing node as Lua: what it answers, and whether health can change
/// it (what the policy around it needs in order to fall through).
#[derive(Debug, Clone)]
enum Expr {
    /// Always these addresses: no check, so always healthy.
    Static(Vec<String>),
    /// Ordered address sets, one probe: the first set with an address up
    /// ([`lua::sets`]). Unhealthy when every address is down, and then
    /// the first set.
    Sets {
        probe: lua::Probe,
        sets: Vec<Vec<String>>,
        every: u32,
    },
    /// Any other Lua (`pickwrandom`, a `pickclosest` script, a function
    /// called in place), with the interval of the checks in it if any,
    /// and its health function ([`lua::first_healthy`] and friends);
    /// `None` when it always answers from a healthy member.
    Code {
        code: String,
        every: Option<u32>,
        health: Option<String>,
    },
    /// Branches (condition, expression), the first whose condition holds
    /// answering, else `default` (or no answer): a script
    /// (`netmask()`, `country()` ... branches), with the interval of the
    /// checks in it; `always`: no check in it and never no answer.
    Branches {
        branches: Vec<(String, Expr)>,
        default: Option<Box<Expr>>,
        every: Option<u32>,
        always: bool,
    },
}

impl Expr {
    fn every(&self) -> Option<u32> {
        match self {
            Expr::Sets { every, .. } => Some(*every),
            Expr::Static(_) => None,
            Expr::Code { every, .. } | Expr::Branches { every, .. } => *every,
        }
    }

    /// An expression of a health function: its answer.
    fn of_health(health: String, every: Option<u32>) -> Expr {
        Expr::Code {
            code: lua::answer_of(&health),
            every,
            health: Some(health),
        }
    }

    /// The Lua expression. A script (`;if ... end return ...`, what
    /// geolocation and CIDR branches are) is not an expression: inside
    /// another policy it runs as a function called in place.
    fn code(&self) -> String {
        match self {
            Expr::Static(a) => lua::list(a),
            Expr::Sets { probe, sets, .. } => lua::sets(probe, sets),
            Expr::Code { code, .. } => match code.strip_prefix(';') {
                Some(script) => lua::called(script),
                None => code.clone(),
            },
            Expr::Branches { .. } => {
                let script = self.record_code();
                lua::called(script.strip_prefix(';').unwrap_or(&script))
            }
        }
    }

    /// The record's content: a script as it is, else the expression.
    fn record_code(&self) -> String {
        match self {
            Expr::Branches {
                branches, default, ..
            } => {
                // The branches at the end that answer as `default` add
                // nothing and go.
                let otherwise = default
                    .as_ref()
                    .map_or_else(|| lua::list(&[]), |d| d.code());
                let mut codes: Vec<(String, String)> = branches
                    .iter()
                    .map(|(c, e)| (c.clone(), e.code()))
                    .collect();
                while codes.last().is_some_and(|(_, c)| *c == otherwise) {
                    codes.pop();
                }
                lua::branches(&codes, &otherwise)
            }
            Expr::Code { code, .. } if code.starts_with(';') => code.clone(),
            e => e.code(),
        }
    }

    /// Whether it always has an answer from a healthy member: no check
    /// in it, and never no answer.
    fn always_healthy(&self) -> bool {
        match self {
            Expr::Static(a) => !a.is_empty(),
            Expr::Sets { .. } => false,
            Expr::Code { health, .. } => health.is_none(),
            Expr::Branches { always, .. } => *always,
        }
    }

    /// Its health function (a function answering what it answers and
    /// whether that is healthy): always healthy without checks, and no
    /// answer is unhealthy.
    fn health(&self) -> String {
        match self {
            Expr::Static(a) if a.is_empty() => lua::health_of_nothing(),
            Expr::Static(a) => lua::health_of_static(&lua::list(a)),
            Expr::Sets { probe, sets, .. } => lua::health_of_sets(probe, sets),
            Expr::Code {
                health: Some(h), ..
            } => h.clone(),
            Expr::Code { health: None, .. } => lua::health_of_static(&self.code()),
            Expr::Branches { always: true, .. } => lua::health_of_static(&self.code()),
            Expr::Branches {
                branches, default, ..
            } => {
                let healths: Vec<(String, String)> = branches
                    .iter()
                    .map(|(c, e)| (c.clone(), e.health()))
                    .collect();
                let otherwise = default
                    .as_ref()
                    .map_or_else(lua::health_of_nothing, |d| d.health());
                lua::health_of_branches(&healths, &otherwise)
            }
        }
    }
}

/// The addresses of one simple-routing member, of the record's type.
struct Member<'c> {
    addresses: Vec<String>,
    check: Option<&'c ir::HealthCheck>,
}

/// Every continent code GeoIP knows: a client on none of them is one the
/// database cannot place.
const CONTINENTS: [&str; 7] = ["AF", "AN", "AS", "EU", "NA", "OC", "SA"];

fn cannot(span: Span, construct: &str, reason: &str) -> Diagnostic {
    messages::powerdns_cannot_serve(span, construct, reason)
}

fn routed(
    config: &ir::Config,
    record: &RecordSet,
    node: &PolicyNode,
) -> Result<Routed, Diagnostic> {
    let lower = Lower {
        config,
        record,
        geoip: std::cell::Cell::new(false),
        probed: std::cell::RefCell::new(BTreeSet::new()),
    };
    Ok(match lower.expr(node)? {
        Expr::Static(a) => Routed::Plain(addresses_rdata(&a)),
        e => Routed::Lua {
            code: e.record_code(),
            every: e.every(),
            geoip: lower.geoip.get(),
            probed: lower.probed.take(),
        },
    })
}

/// Lowers the routing tree of one record into Lua.
struct Lower<'c> {
    config: &'c ir::Config,
    record: &'c RecordSet,
    /// Whether the Lua asks the geoip backend.
    geoip: std::cell::Cell<bool>,
    /// The checks the Lua probes (for the one interval pdns runs them at).
    probed: std::cell::RefCell<BTreeSet<String>>,
}

impl<'c> Lower<'c> {
    /// An endpoint as a member; `use_check`: the check written for this
    /// use, which replaces the endpoint's (`rules::member_health_check`).
    fn member(
        &self,
        name: &str,
        use_check: Option<&ir::UseCheck>,
    ) -> Result<Member<'c>, Diagnostic> {
        let t = self.record.record_type;
        let endpoint = &self.config.endpoints[name];
        let addresses: Vec<String> = match (&endpoint.answer, t) {
            (Answer::Addresses { v4, .. }, RecordType::A) => {
                v4.iter().map(|a| a.to_string()).collect()
            }
            (Answer::Addresses { v6, .. }, RecordType::Aaaa) => {
                v6.iter().map(|a| a.to_string()).collect()
            }
            (Answer::Alias(a), _) => {
                return Err(cannot(
                    endpoint.span,
                    &format!("the alias `{}` of endpoint `{name}`", a.dns_name),
                    "alias answers are Route 53's own; PowerDNS needs the addresses",
                ))
            }
            _ => {
                return Err(cannot(
                    endpoint.span,
                    &format!("endpoint `{name}` in a routed {t} record"),
                    "LUA routing here answers with addresses only",
                ))
            }
        };
        let check = use_check
            .map(|c| c.name.as_str())
            .or(endpoint.health_check.as_deref())
            .map(|c| &self.config.checks[c]);
        Ok(Member { addresses, check })
    }

    /// The ifurlup probe of a member's check; the check must probe the
    /// member's own addresses (PowerDNS probes the addresses it answers).
    fn probe(&self, m: &Member, span: Span) -> Result<Option<(lua::Probe, u32)>, Diagnostic> {
        let Some(check) = m.check else {
            return Ok(None);
        };
        let what = format!("check `{}`", check.name);
        let HealthCheckKind::Endpoint(p) = &check.kind else {
            return Err(cannot(
                check.span,
                &what,
                "PowerDNS runs only http, https and tcp probes itself, not calculated, CloudWatch-alarm or recovery-control checks",
            ));
        };
        // pdns's `lua-health-checks-interval` is an integer number of
        // seconds (<https://doc.powerdns.com/authoritative/settings.html#lua-health-checks-interval>);
        // steer's durations are whole seconds, so only 0 is out of reach.
        if p.request_interval < MIN_INTERVAL {
            return Err(cannot(
                check.span,
                &what,
                "it asks for `every 0s`, and PowerDNS checks at most once a second (lua-health-checks-interval is a whole number of seconds, at least 1)",
            ));
        }
        if check.inverted || check.disabled {
            return Err(cannot(
                check.span,
                &what,
                "PowerDNS has no inverted or disabled checks",
            ));
        }
        if let Some(ip) = &p.ip_address {
            if !m.addresses.contains(&ip.to_string()) {
                return Err(cannot(
                    check.span,
                    &what,
                    "it probes an address the endpoint does not answer with, and PowerDNS probes the answered addresses",
                ));
            }
        }
        self.probed.borrow_mut().insert(check.name.clone());
        let scheme = match p.protocol {
            Protocol::Http => "http",
            Protocol::Https => "https",
            // PowerDNS connects to each answered address's port
            // (`ifportup`); the check's host name, if any, plays no part,
            // as with the Host header of an http probe.
            Protocol::Tcp => {
                return Ok(Some((lua::Probe::Tcp { port: p.port }, p.request_interval)))
            }
        };
        // Inputs are bound here (the missing-input check comes first).
        let host = match (&p.fqdn, p.ip_address.as_ref().and_then(ir::Value::bound)) {
            (Some(h), _) => h.to_string(),
            (None, Some(IpAddr::V6(ip))) => format!("[{ip}]"),
            (None, Some(ip)) => ip.to_string(),
            (None, None) => return Err(cannot(span, &what, "it has no target")),
        };
        let url = format!(
            "{scheme}://{host}:{}{}",
            p.port,
            p.resource_path.as_deref().unwrap_or("/")
        );
        Ok(Some((
            lua::Probe::Url(lua::UrlProbe {
                url,
                stringmatch: p.search_string().map(str::to_string),
            }),
            p.request_interval,
        )))
    }

    /// An endpoint as an expression: its addresses, probed when it has a
    /// check.
    fn endpoint(&self, node: &PolicyNode, name: &str) -> Result<Expr, Diagnostic> {
        let m = self.member(name, node.use_check())?;
        Ok(match self.probe(&m, node.span)? {
            None => Expr::Static(m.addresses),
            Some((probe, every)) => Expr::Sets {
                probe,
                sets: vec![m.addresses],
                every,
            },
        })
    }

    fn expr(&self, node: &PolicyNode) -> Result<Expr, Diagnostic> {
        if let (Some(check), Some(name)) = (
            node.use_check(),
            crate::semantics::nested_member_check(node),
        ) {
            return Err(cannot(
                check.span,
                &format!("check `{name}` on a nested `{}`", node.policy.keyword()),
                "ifurlup only probes the addresses it answers with, so a check on a whole nested policy has no place in the Lua; write the check after the policy's endpoints instead",
            ));
        }
        match &node.policy {
            RoutingPolicy::Endpoint(name) => self.endpoint(node, name),
            // A pool composes as its policy, wherever it is used.
            RoutingPolicy::Pool(pool) => self.expr(&pool.node),
            RoutingPolicy::Failover { primary, secondary } => {
                match (self.nested(primary)?, self.nested(secondary)?) {
                    (Expr::Static(_), Expr::Static(_)) => Err(cannot(
                        node.span,
                        "failover without checks",
                        "with no check the primary always answers: write a plain record",
                    )),
                    (p, s) => Ok(fall_through(p, s)),
                }
            }
            RoutingPolicy::Multivalue(names) => {
                let mut members = Vec::new();
                for name in names {
                    let m = self.member(name, node.endpoint_use_check(name))?;
                    let p = self.probe(&m, node.span)?;
                    members.push((m.addresses, p));
                }
                // Route 53 answers with at most eight members (the first
                // ones with an answer, as `crate::semantics` counts them).
                let limit = crate::semantics::rules::MULTIVALUE_MAX_ANSWERS;
                let first = members.first().and_then(|m| m.1.clone());
                let alike = members
                    .iter()
                    .all(|m| m.1.as_ref().map(|p| &p.0) == first.as_ref().map(|p| &p.0));
                match first {
                    // Without checks every member is healthy.
                    None if alike => {
                        let all = members.into_iter().filter(|m| !m.0.is_empty());
                        return Ok(Expr::Static(all.take(limit).flat_map(|m| m.0).collect()));
                    }
                    // One probe over at most eight members: one set.
                    Some((probe, every)) if alike && members.len() <= limit => {
                        let all = members.into_iter().flat_map(|m| m.0).collect();
                        return Ok(Expr::Sets {
                            probe,
                            sets: vec![all],
                            every,
                        });
                    }
                    _ => {}
                }
                // Probed differently (or more than eight members): each
                // member's health on its own, then every up member's
                // addresses, or all when none is up, of eight members at
                // most (Developer Guide, "Multivalue answer routing"; API
                // reference, `ResourceRecordSet.MultiValueAnswer`: "When all
                // records are unhealthy, Route 53 responds ... with up to
                // eight unhealthy records").
                let exprs: Vec<Expr> = members
                    .into_iter()
                    .map(|(addresses, p)| match p {
                        None => Expr::Static(addresses),
                        Some((probe, every)) => Expr::Sets {
                            probe,
                            sets: vec![addresses],
                            every,
                        },
                    })
                    .collect();
                let (members, every) = self.members(exprs.iter().map(|e| (1, None, e)));
                Ok(Expr::of_health(lua::multivalue(&members, limit), every))
            }
            RoutingPolicy::Weighted(members) => self.weighted(members),
            RoutingPolicy::Cidr(cidr) => self.cidr(&cidr.collection, &cidr.rules),
            RoutingPolicy::Geolocation(rules) => self.geolocation(rules),
            RoutingPolicy::Latency(members) => {
                self.nearest(node, members.iter().map(|m| &m.target).collect())
            }
            RoutingPolicy::Geoproximity(members) => self.geoproximity(members),
        }
    }

    /// Weighted routing (API reference, `ResourceRecordSet.Weight`: a
    /// member answers in proportion to its weight among the healthy ones
    /// above 0; weight-0 members only when every other is unhealthy, all
    /// equally when every weight is 0; with all of them when none is
    /// healthy). Members of one address and no check: `pickwrandom` over
    /// the members above 0 (all alike when every weight is 0). Otherwise
    /// each member (an endpoint or a nested policy) is its health function
    /// and [`lua::weighted`] picks as Route 53 does; the member answers
    /// with its own answer.
    fn weighted(&self, members: &[ir::WeightedMember]) -> Result<Expr, Diagnostic> {
        let mut picks = Vec::new();
        for w in members {
            picks.push((w.weight, self.nested(&w.target)?));
        }
        let all_zero = picks.iter().all(|p| p.0 == 0);
        let single: Option<Vec<(u8, String)>> = picks
            .iter()
            .filter(|p| all_zero || p.0 > 0)
            .map(|(w, e)| match e {
                Expr::Static(a) if a.len() == 1 => {
                    Some((if all_zero { 1 } else { *w }, a[0].clone()))
                }
                _ => None,
            })
            .collect();
        if let (Some(weighted), false) = (
            single,
            picks
                .iter()
                .any(|p| !matches!(&p.1, Expr::Static(a) if a.len() == 1)),
        ) {
            // Unchecked members above 0 are always healthy, so weight-0
            // ones never answer unless every weight is 0.
            return Ok(Expr::Code {
                code: lua::pickwrandom(&weighted),
                every: None,
                health: None,
            });
        }
        let (members, every) = self.members(picks.iter().map(|(w, e)| (*w, None, e)));
        Ok(Expr::of_health(lua::weighted(&members), every))
    }

    /// The members (weight, locator, expression) of a weighted,
    /// multivalue or latency policy as Lua members, each
    /// with its health function, and the shortest interval of their
    /// checks.
    fn members<'e>(
        &self,
        members: impl Iterator<Item = (u8, Option<String>, &'e Expr)>,
    ) -> (Vec<lua::Member>, Option<u32>) {
        let mut out = Vec::new();
        let mut every = None;
        for (weight, locator, e) in members {
            every = min_every(every, e.every());
            out.push(lua::Member {
                weight,
                locator,
                health: e.health(),
            });
        }
        (out, every)
    }

    /// The first address a policy answers with when everything in it is
    /// healthy (its primary's, its first member's or rule's): where
    /// `pickclosest` locates a latency or geoproximity member.
    fn first_address(&self, node: &PolicyNode) -> Option<String> {
        match &node.policy {
            RoutingPolicy::Endpoint(name) => {
                self.member(name, None).ok()?.addresses.into_iter().next()
            }
            RoutingPolicy::Pool(pool) => self.first_address(&pool.node),
            RoutingPolicy::Failover { primary, .. } => self.first_address(primary),
            RoutingPolicy::Multivalue(names) => names
                .iter()
                .find_map(|n| self.member(n, None).ok()?.addresses.into_iter().next()),
            RoutingPolicy::Weighted(ms) => ms.iter().find_map(|m| self.first_address(&m.target)),
            RoutingPolicy::Cidr(cidr) => cidr
                .rules
                .iter()
                .find_map(|r| self.first_address(&r.target)),
            RoutingPolicy::Geolocation(rules) => {
                rules.iter().find_map(|r| self.first_address(&r.target))
            }
            RoutingPolicy::Latency(ms) => ms.iter().find_map(|m| self.first_address(&m.target)),
            RoutingPolicy::Geoproximity(ms) => {
                ms.iter().find_map(|m| self.first_address(&m.target))
            }
        }
    }

    /// A member of a policy; a `stay` member is healthy whenever it has
    /// an answer.
    fn nested(&self, node: &PolicyNode) -> Result<Expr, Diagnostic> {
        let e = self.expr(node)?;
        if !node.stays() || e.every().is_none() {
            return Ok(e);
        }
        // `stay`: an endpoint is written without its check (all its
        // addresses, always); a nested policy keeps its checks inside
        // and is healthy to the policy around it whenever it has an
        // answer (language.md §10.11, crate::semantics).
        if let (RoutingPolicy::Endpoint(_), Expr::Sets { sets, .. }) = (&node.policy, &e) {
            return Ok(Expr::Static(sets.concat()));
        }
        let every = e.every();
        Ok(Expr::of_health(lua::stays(&e.health()), every))
    }

    /// Geolocation routing (API reference, `ResourceRecordSet.GeoLocation`:
    /// the smallest area that holds the client answers; `HealthCheckId`:
    /// an unhealthy one falls through to the larger area, then `default`):
    /// subdivision branches (`country()` and `region()`), then `country()`
    /// branches, then `continent()` branches, then `default` (or no
    /// answer), each rule's member falling through to its country's rule,
    /// its continent's and `default` as in [`crate::semantics`].
    /// `country()`, `region()` and `continent()` look the client (or its
    /// client subnet) up in the GeoIP database of pdns's geoip backend.
    fn geolocation(&self, rules: &[ir::GeoRule]) -> Result<Expr, Diagnostic> {
        use ir::GeoLocation as G;
        self.geoip.set(true);
        let nested = |location: &G| -> Result<Option<Expr>, Diagnostic> {
            match rules.iter().find(|r| &r.location == location) {
                Some(r) => Ok(Some(self.nested(&r.target)?)),
                None => Ok(None),
            }
        };
        let default = nested(&G::Default)?;
        // What a client in the areas of `chain` (smallest first) gets: the
        // first rule's member, falling through to the next rule's.
        let area = |chain: &[G]| -> Result<Expr, Diagnostic> {
            let mut larger = default.clone();
            for location in chain.iter().rev() {
                if let Some(e) = nested(location)? {
                    larger = Some(match larger {
                        Some(l) => fall_through(e, l),
                        None => e,
                    });
                }
            }
            Ok(larger.unwrap_or(Expr::Static(Vec::new())))
        };
        let continent_of = |country: &str| {
            crate::geo::country_continent(country).map(|k| G::Continent(k.to_string()))
        };
        // (condition, expression), subdivisions first, then countries,
        // then continents: the smallest area first.
        let mut areas: [Vec<(String, Expr)>; 3] = Default::default();
        for rule in rules {
            let (rank, condition, chain) = match &rule.location {
                G::Default => continue,
                G::Subdivision(c, sub) => (
                    0,
                    lua::subdivision(c, sub),
                    vec![
                        Some(rule.location.clone()),
                        Some(G::Country(c.clone())),
                        continent_of(c),
                    ],
                ),
                G::Country(c) => (
                    1,
                    lua::call("country", std::slice::from_ref(c)),
                    vec![Some(rule.location.clone()), continent_of(c)],
                ),
                G::Continent(c) => (
                    2,
                    lua::call("continent", std::slice::from_ref(c)),
                    vec![Some(rule.location.clone())],
                ),
            };
            let chain: Vec<G> = chain.into_iter().flatten().collect();
            areas[rank].push((condition, area(&chain)?));
        }
        Ok(branched(areas.into_iter().flatten().collect(), default))
    }

    /// Latency: `pickclosest`, the member whose address
    /// is nearest the client (or its client subnet), both located by the
    /// GeoIP database: distance, not measured latency, and where the
    /// database places the member's address, not its region. A client the
    /// database cannot place (on no continent) gets every healthy member,
    /// as in [`crate::semantics`].
    ///
    /// Endpoint members without checks, or all probed the same way:
    /// `pickclosest` (or `ifurlup`/`ifportup` with the pickclosest
    /// selector) over all their addresses, the nearest up address, or the
    /// nearest of all when all are down, as Route 53 answers the nearest
    /// when none is healthy. pickclosest picks one address: when a member
    /// has more, the one picked names its member, which answers with all
    /// its (up) addresses, as Route 53 answers with the member's record
    /// set; the database must place all of a member's addresses at its
    /// point.
    ///
    /// Members that are nested policies, or probed differently: each is
    /// its health function, located by its first address
    /// ([`Self::first_address`], which the database must place at the
    /// member's point, and which must differ between members), and
    /// [`lua::nearest`] picks the nearest healthy one.
    fn nearest(&self, node: &PolicyNode, members: Vec<&PolicyNode>) -> Result<Expr, Diagnostic> {
        self.geoip.set(true);
        let mut exprs = Vec::new();
        for m in &members {
            exprs.push(self.nested(m)?);
        }
        let endpoints = members
            .iter()
            .all(|m| matches!(m.policy, RoutingPolicy::Endpoint(_)));
        let located = lua::call("continent", &CONTINENTS.map(String::from));
        let mut locators = Vec::new();
        for m in &members {
            let first = self.first_address(m);
            if first.is_none() || locators.contains(&first) {
                return Err(cannot(
                    m.span,
                    &format!("`{}` members located by the same address, or by none", node.policy.keyword()),
                    "pickclosest locates a member by its first address, so each member needs one of its own",
                ));
            }
            locators.push(first);
        }
        let (members, every) = self.members(exprs.iter().zip(locators).map(|(e, l)| (1, l, e)));
        let health = lua::nearest(&located, &members);
        let probes: Vec<Option<&lua::Probe>> = exprs
            .iter()
            .map(|e| match e {
                Expr::Sets { probe, sets, .. } if sets.len() == 1 => Some(probe),
                _ => None,
            })
            .collect();
        let unchecked = exprs.iter().all(|e| matches!(e, Expr::Static(_)));
        let one_probe = probes.iter().all(|p| p.is_some() && *p == probes[0]);
        if !endpoints || !(unchecked || one_probe) {
            return Ok(Expr::of_health(health, every));
        }
        let all = |e: &Expr| match e {
            Expr::Static(a) => a.clone(),
            Expr::Sets { sets, .. } => sets.concat(),
            Expr::Code { .. } | Expr::Branches { .. } => Vec::new(),
        };
        let addresses: Vec<String> = exprs.iter().flat_map(all).collect();
        let (closest, everyone) = match probes[0] {
            Some(probe) if !unchecked => (
                lua::closest(probe, &addresses),
                lua::sets(probe, &[addresses]),
            ),
            _ => (lua::call("pickclosest", &addresses), lua::list(&addresses)),
        };
        let one_each = exprs.iter().all(|e| all(e).len() == 1);
        let script = if one_each {
            lua::branches(&[(located, closest)], &everyone)
        } else {
            // The nearest address names its member, which answers with
            // every (up) address of it.
            let members: Vec<(Vec<String>, String)> =
                exprs.iter().map(|e| (all(e), e.code())).collect();
            lua::nearest_member(&located, &closest, &members, &everyone)
        };
        Ok(Expr::Code {
            code: script,
            every,
            health: every.map(|_| health),
        })
    }

    /// Geoproximity ([`lua::geoproximity`]): the healthy member at the
    /// smallest biased distance from the client's GeoIP point to the
    /// member's point, its coordinates or its AWS region's
    /// (`data/aws-region-locations.json`), as `steer explain` places it.
    fn geoproximity(&self, members: &[ir::GeoproximityMember]) -> Result<Expr, Diagnostic> {
        self.geoip.set(true);
        let mut out = Vec::new();
        let mut every = None;
        for m in members {
            let point = match &m.location {
                ir::GeoproximityLocation::AwsRegion(code) => {
                    crate::aws::region_location(code).map(|at| (at.latitude, at.longitude))
                }
                ir::GeoproximityLocation::Coordinates(c) => {
                    c.latitude.parse().ok().zip(c.longitude.parse().ok())
                }
            };
            let Some((lat, lon)) = point else {
                return Err(cannot(
                    m.target.span,
                    "a geoproximity member whose point steer does not know",
                    "the Lua measures the distance to the member's coordinates or its AWS region's point",
                ));
            };
            let e = self.nested(&m.target)?;
            every = min_every(every, e.every());
            let member = lua::Member {
                weight: 1,
                locator: None,
                health: e.health(),
            };
            out.push((member, lat, lon, m.bias));
        }
        let located = lua::call("continent", &CONTINENTS.map(String::from));
        Ok(Expr::of_health(lua::geoproximity(&located, &out), every))
    }

    /// CIDR routing (Developer Guide, "IP-based routing": the longest
    /// block that holds the client's address or client subnet picks the
    /// location): one `netmask()` branch per location and prefix length,
    /// longest first, so the first match is the longest; blocks of
    /// locations without a rule, and clients in no block, get `default`
    /// (or no answer without one). A rule whose member is down falls
    /// through to `default`, as in [`crate::semantics`].
    fn cidr(&self, collection: &str, rules: &[ir::CidrRule]) -> Result<Expr, Diagnostic> {
        let default = match rules.iter().find(|r| r.location.is_none()) {
            Some(r) => Some(self.nested(&r.target)?),
            None => None,
        };
        let mut answers = std::collections::BTreeMap::new();
        for rule in rules {
            if let Some(location) = &rule.location {
                let e = self.nested(&rule.target)?;
                let e = match &default {
                    Some(d) => fall_through(e, d.clone()),
                    None => e,
                };
                answers.insert(location.as_str(), e);
            }
        }
        let otherwise = default.clone().unwrap_or(Expr::Static(Vec::new()));
        let mut blocks: Vec<(u8, &str, &str)> = Vec::new();
        for (location, list) in &self.config.cidr_collections[collection].locations {
            for block in list {
                let len = block
                    .rsplit_once('/')
                    .and_then(|(_, l)| l.parse().ok())
                    .unwrap_or(0);
                blocks.push((len, location, block));
            }
        }
        // Longest first; within a length, by location then block, for
        // deterministic output.
        blocks.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)).then(a.2.cmp(b.2)));
        let mut branches: Vec<(Vec<String>, String, &Expr)> = Vec::new();
        for (_, location, block) in &blocks {
            let e = answers.get(location).unwrap_or(&otherwise);
            let code = e.code();
            match branches.last_mut() {
                Some((masks, c, _)) if *c == code => masks.push((*block).to_string()),
                _ => branches.push((vec![(*block).to_string()], code, e)),
            }
        }
        let branches = branches
            .into_iter()
            .map(|(masks, _, e)| (lua::netmask(&masks), e.clone()))
            .collect();
        Ok(branched(branches, default))
    }
}

/// A policy of branches (condition, expression), the first that holds
/// answering, else `default` (or no answer). Its script and its health
/// function are written when asked for ([`Expr::code`], [`Expr::health`]),
/// each from the branches' own, so that nesting stays linear.
fn branched(branches: Vec<(String, Expr)>, default: Option<Expr>) -> Expr {
    let every = branches
        .iter()
        .fold(default.as_ref().and_then(Expr::every), |every, (_, e)| {
            min_every(every, e.every())
        });
    let always = default.as_ref().is_some_and(Expr::always_healthy)
        && branches.iter().all(|(_, e)| e.always_healthy());
    Expr::Branches {
        branches,
        default: default.map(Box::new),
        every,
        always,
    }
}

fn min_every(a: Option<u32>, b: Option<u32>) -> Option<u32> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// `first`, or `then` when `first` is unhealthy: Route 53's failover,
/// and a CIDR or geolocation rule falling through. A member that always
/// answers from a healthy member (no checks in it, never no answer)
/// never falls through. Two address sets probed the same way are
/// one walk over the sets ([`lua::sets`]), the sets appended; anything
/// else is composed from health functions ([`lua::first_healthy`]).
/// Either way `first` answers when both are unhealthy, as Route 53 does
/// (with no member healthy it takes all as healthy: [`lua::sets`]).
fn fall_through(first: Expr, then: Expr) -> Expr {
    match (first, then) {
        (e, _) if e.always_healthy() => e,
        (
            Expr::Sets {
                probe,
                mut sets,
                every,
            },
            Expr::Sets {
                probe: p2,
                sets: s2,
                every: e2,
            },
        ) if probe == p2 => {
            // A set already walked is down when it comes again: only the
            // new ones are appended (the answer when all are down is the
            // first set either way).
            let seen: std::collections::HashSet<Vec<String>> = sets.iter().cloned().collect();
            sets.extend(s2.into_iter().filter(|s| !seen.contains(s)));
            Expr::Sets {
                probe,
                sets,
                every: every.min(e2),
            }
        }
        (first, then) => Expr::of_health(
            lua::first_healthy(&first.health(), &then.health()),
            min_every(first.every(), then.every()),
        ),
    }
}

fn addresses_rdata(addresses: &[String]) -> Vec<RData> {
    addresses
        .iter()
        .filter_map(|a| match a.parse::<IpAddr>() {
            Ok(IpAddr::V4(v4)) => Some(RData::A(ir::Value::Literal(v4))),
            Ok(IpAddr::V6(v6)) => Some(RData::Aaaa(ir::Value::Literal(v6))),
            Err(_) => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::semantics::testing::config;

    /// The LUA text of `www`, or the error's message.
    fn www(items: &str) -> Result<String, String> {
        let config = config(items);
        let record = config.records.iter().find(|r| r.name == "www").unwrap();
        let RecordContent::Routed(node) = &record.content else {
            panic!("www is not routed")
        };
        match routed(&config, record, node) {
            Ok(Routed::Lua { code, .. }) => Ok(code),
            Ok(Routed::Plain(data)) => Ok(format!("{data:?}")),
            Err(d) => Err(d.message),
        }
    }

    /// `lua::sets` for the http probe of `up1`/`up2` over these sets of
    /// one address each.
    fn h_sets(sets: &[&[&str]]) -> String {
        let probe = lua::Probe::Url(lua::UrlProbe {
            url: "http://h.ex.com:80/".into(),
            stringmatch: None,
        });
        let sets: Vec<Vec<String>> = sets
            .iter()
            .map(|s| s.iter().map(|a| a.to_string()).collect())
            .collect();
        lua::sets(&probe, &sets)
    }

    const ITEMS: &str = "cidr_collection isps { one [81.10.0.0/16]  two [95.88.0.0/14] }\n\
        check up1 { http \"h.ex.com\" path \"/\" }\n\
        check up2 { http \"h.ex.com\" path \"/\" }\n\
        check other { http \"o.ex.com\" path \"/\" }\n\
        endpoint a { a [192.0.2.1] check up1 }\n\
        endpoint b { a [192.0.2.2] check up2 }\n\
        endpoint c { a [192.0.2.3] check other }\n\
        endpoint d { a [192.0.2.4] }\n\
        endpoint e2 { a [192.0.2.5, 192.0.2.6] check up1 }\n\
        endpoint e3 { a [192.0.2.1, 192.0.2.7] check up2 }\n";

    #[test]
    fn a_failover_in_a_cidr_rule_falls_through_to_default_in_one_walk() {
        let code = www(&format!(
            "{ITEMS}record www A = cidr isps {{ one => failover {{ primary a  secondary b }}  default => b }}"
        ))
        .unwrap();
        // `default`'s set is the secondary's already: walked once.
        let (a, b) = ("192.0.2.1", "192.0.2.2");
        assert_eq!(
            code,
            format!(
                ";if netmask({{'81.10.0.0/16'}}) then return {} end return {}",
                h_sets(&[&[a], &[b]]),
                h_sets(&[&[b]])
            )
        );
        assert!(h_sets(&[&[b]]).starts_with("ifurlup('http://h.ex.com:80/', {{'192.0.2.2'}}"));
        assert!(h_sets(&[&[a], &[b]]).contains("return ss[1], false"));
    }

    #[test]
    fn a_nested_geolocation_runs_as_a_function_called_in_place() {
        // Unchecked endpoints: the nested script is always healthy.
        let code = www(&format!(
            "{ITEMS}endpoint s1 {{ a [192.0.2.21] }} endpoint s2 {{ a [192.0.2.22] }} \
             endpoint s3 {{ a [192.0.2.23] }} \
             record www A = geolocation {{ continent EU => geolocation {{ country DE => s1  default => s2 }}  default => s3 }}"
        ))
        .unwrap();
        assert_eq!(
            code,
            ";if continent({'EU'}) then return (function() if country({'DE'}) then \
             return {'192.0.2.21'} end return {'192.0.2.22'} end)() end return {'192.0.2.23'}"
        );
    }

    #[test]
    fn a_country_falls_through_to_its_continent_then_default() {
        let code = www(&format!(
            "{ITEMS}record www A = geolocation {{ continent EU => b  country DE => a  default => b }}"
        ))
        .unwrap();
        let (a, b) = ("192.0.2.1", "192.0.2.2");
        assert_eq!(
            code,
            // Europe's rule answers as `default` (b, falling through to
            // b): the branch goes.
            format!(
                ";if country({{'DE'}}) then return {} end return {}",
                h_sets(&[&[a], &[b]]),
                h_sets(&[&[b]])
            )
        );
    }

    #[test]
    fn a_subdivision_falls_through_to_its_country_then_continent_then_default() {
        let code = www(&format!(
            "{ITEMS}record www A = geolocation {{ continent NA => b  subdivision US-CA => a  \
             country US => e2  default => b }}"
        ))
        .unwrap();
        let (a, b, e2): (&[&str], &[&str], &[&str]) =
            (&["192.0.2.1"], &["192.0.2.2"], &["192.0.2.5", "192.0.2.6"]);
        assert_eq!(
            code,
            format!(
                ";if country({{'US'}}) and region({{'CA'}}) then return {} end \
                 if country({{'US'}}) then return {} end return {}",
                h_sets(&[a, e2, b]),
                h_sets(&[e2, b]),
                h_sets(&[b])
            )
        );
    }

    #[test]
    fn a_latency_member_of_two_addresses_answers_both_when_one_is_nearest() {
        let code = www(&format!(
            "{ITEMS}record www A = latency [dublin => a, virginia => e2]"
        ))
        .unwrap();
        let url = "'http://h.ex.com:80/'";
        let all = "{{'192.0.2.1', '192.0.2.5', '192.0.2.6'}}";
        assert_eq!(
            code,
            format!(
                ";if continent({{'AF', 'AN', 'AS', 'EU', 'NA', 'OC', 'SA'}}) then \
                 local c = ifurlup({url}, {all}, {{selector='pickclosest', backupSelector='pickclosest'}}) \
                 if type(c) == 'table' then c = c[1] end \
                 if c == '192.0.2.1' then return ifurlup({url}, {{{{'192.0.2.1'}}}}, {{selector='all', backupSelector='all'}}) end \
                 return ifurlup({url}, {{{{'192.0.2.5', '192.0.2.6'}}}}, {{selector='all', backupSelector='all'}}) \
                 end return ifurlup({url}, {all}, {{selector='all', backupSelector='all'}})"
            )
        );
    }

    /// What one `ifurlup` cannot do, health functions compose: falling
    /// through to another probe or to an unchecked member, nested CIDR,
    /// policies nested in weighted and latency members, members sharing an
    /// address, a single checked weighted member.
    #[test]
    fn what_ifurlup_cannot_fall_through_to_composes_from_health_functions() {
        for (record, has) in [
            ("cidr isps { one => a  default => c }", "local a, u = "),
            ("cidr isps { one => a  default => d }", "local a, u = "),
            ("failover { primary a  secondary d }", "local a, u = "),
            (
                "cidr isps { one => cidr isps { two => d }  default => d }",
                "local a, u = (function() if netmask({'81.10.0.0/16'}) then return (function() return {}, false end)()",
            ),
            (
                "geolocation { country DE => a  continent EU => d  default => b }",
                "local a, u = ",
            ),
            (
                "weighted { failover { primary a  secondary b } 1  d 1 }",
                "tonumber(pickwrandom(c))",
            ),
            ("weighted { a 1 }", "tonumber(pickwrandom(c))"),
            ("weighted { a 1  e3 1  b 0 }", "tonumber(pickwrandom(c))"),
            (
                "latency [dublin => failover { primary a  secondary b }, virginia => c]",
                "local p = pickclosest(c)",
            ),
            ("latency [dublin => a, virginia => c]", "local p = pickclosest(c)"),
        ] {
            let code = www(&format!("{ITEMS}record www A = {record}"))
                .unwrap_or_else(|e| panic!("{record}: {e}"));
            assert!(code.contains(has), "{record}: {code}");
            assert!(!code.contains('"'), "{record}: {code}");
        }
    }

    #[test]
    fn what_is_still_refused() {
        for (record, why) in [
            // A member in an AWS region without a known point.
            (
                "geoproximity [ iso => a bias 10,  (38.9, -77.0) => b ]",
                "whose point steer does not know",
            ),
            // Two latency members whose first address is the same.
            (
                "latency [dublin => a, virginia => e3]",
                "each member needs one of its own",
            ),
        ] {
            let err = www(&format!(
                "{ITEMS}region iso {{ aws \"us-iso-east-1\" }}\nrecord www A = {record}"
            ))
            .unwrap_err();
            assert!(err.contains(why), "{record}: {err}");
        }
    }

    /// Geoproximity measures biased distances in Lua (pickclosest has no
    /// bias): the members' points and biases are in the table, Route 53's
    /// `1 - bias/100` in the code.
    #[test]
    fn geoproximity_weighs_distances_by_bias() {
        let code = www(&format!(
            "{ITEMS}record www A = geoproximity [ (50.1, 8.7) => a bias 10,  (38.9, -77.0) => b bias -25 ]"
        ))
        .unwrap();
        assert!(
            code.contains("local ps = {{50.1, 8.7, 10}, {38.9, -77, -25}}"),
            "{code}"
        );
        assert!(code.contains("* (1 - p[3] / 100)"), "{code}");
        assert!(
            code.contains("string.match(latlon(), '^(%S+) (%S+)$')"),
            "{code}"
        );
    }

    #[test]
    fn tcp_checks_fail_over_through_ifportup_per_address() {
        let items = format!(
            "{ITEMS}check t1 {{ tcp \"t1.ex.com\" port 5432 }} check t2 {{ tcp \"t2.ex.com\" port 5432 }} \
             check t3 {{ tcp \"t3.ex.com\" port 6432 }} \
             endpoint p {{ a [192.0.2.8, 192.0.2.10] check t1 }} endpoint s {{ a [192.0.2.9] check t2 }} \
             endpoint o {{ a [192.0.2.11] check t3 }} "
        );
        let code = www(&format!(
            "{items}record www A = failover {{ primary p  secondary s }}"
        ))
        .unwrap();
        assert_eq!(
            code,
            lua::sets(
                &lua::Probe::Tcp { port: 5432 },
                &[
                    vec!["192.0.2.8".into(), "192.0.2.10".into()],
                    vec!["192.0.2.9".into()]
                ]
            )
        );
        assert!(code.contains("ifportup(5432, {a, a}"), "{code}");
        // Another port, or an http probe, is another probe: each side's
        // health is read on its own, then the primary's answer if healthy.
        for record in [
            "failover { primary p  secondary o }",
            "failover { primary p  secondary a }",
        ] {
            let code = www(&format!("{items}record www A = {record}")).unwrap();
            assert!(
                code.starts_with("((function() local a, u = (function() local ss, hit"),
                "{record}: {code}"
            );
        }
        // Members probed differently are each read on their own.
        let code = www(&format!("{items}record www A = multivalue [p, a]")).unwrap();
        assert!(
            code.contains("ifportup(5432") && code.contains("ifurlup('http://h.ex.com:80/'"),
            "{code}"
        );
    }

    #[test]
    fn a_check_written_for_a_use_is_the_probe_of_that_member() {
        // `d` has no check of its own; this use probes it with `up1`, and
        // `c`'s own check (`other`) is replaced by `up2`, the same probe.
        let code = www(&format!(
            "{ITEMS}record www A = failover {{ primary d check up1  secondary c check up2 }}"
        ))
        .unwrap();
        assert_eq!(code, h_sets(&[&["192.0.2.4"], &["192.0.2.3"]]));
        assert!(
            code.contains("#ifurlup('http://h.ex.com:80/', {a, a}"),
            "{code}"
        );
        // In a multivalue, per member.
        let code = www(&format!(
            "{ITEMS}record www A = multivalue [c check up1, d check up2]"
        ))
        .unwrap();
        assert!(code.contains("{'192.0.2.3', '192.0.2.4'}"), "{code}");
    }

    /// Route 53 answers with eight members at most, the first ones in
    /// the policy's order (`crate::semantics`): unchecked, the first
    /// eight; checked, through the health function with its limit.
    #[test]
    fn a_multivalue_answers_eight_members_at_most() {
        let endpoints: String = (1..=9)
            .map(|i| {
                format!(
                    "endpoint m{i} {{ a [198.51.100.{i}] }} endpoint c{i} {{ a [203.0.113.{i}] check up1 }} "
                )
            })
            .collect();
        let names = |p: &str| {
            (1..=9)
                .map(|i| format!("{p}{i}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let code = www(&format!(
            "{ITEMS}{endpoints}record www A = multivalue [{}]",
            names("m")
        ))
        .unwrap();
        let eight: Vec<RData> = (1..=8)
            .map(|i| RData::A(ir::Value::Literal(std::net::Ipv4Addr::new(198, 51, 100, i))))
            .collect();
        assert_eq!(code, format!("{eight:?}"));
        let code = www(&format!(
            "{ITEMS}{endpoints}record www A = multivalue [{}]",
            names("c")
        ))
        .unwrap();
        assert!(code.contains("if up[i] and n < 8 then"), "{code}");
        assert!(code.contains("if k < 8 then"), "{code}");
        // Eight members probed alike: one ifurlup.
        let eight: Vec<String> = (1..=8).map(|i| format!("c{i}")).collect();
        let code = www(&format!(
            "{ITEMS}{endpoints}record www A = multivalue [{}]",
            eight.join(", ")
        ))
        .unwrap();
        assert!(code.starts_with("ifurlup("), "{code}");
    }

    #[test]
    fn a_check_on_a_nested_policy_is_refused() {
        let err = www(&format!(
            "{ITEMS}record www A = cidr isps {{ one => failover {{ primary a  secondary b }} check other  default => b }}"
        ))
        .unwrap_err();
        assert!(
            err.contains("check `other` on a nested `failover`"),
            "{err}"
        );
        assert!(err.contains("ifurlup only probes the addresses"), "{err}");
    }
}
