//! The PowerDNS target: a zone file for PowerDNS's bind backend in which
//! routed names are LUA records that health-check and route
//! (<https://doc.powerdns.com/authoritative/lua-records/>), plus the
//! `named.conf` and `pdns.conf` that serve it. Plain records are written
//! as in the zone target (`zone::master_file`). All Lua text comes from
//! [`lua`].
//!
//! What it maps: failover of two address endpoints whose checks send the
//! same http/https probe → `ifurlup` with the primary's addresses as the
//! first set and the secondary's as the second; multivalue → `ifurlup`
//! over all members' addresses (or plain records when no member has a
//! check); weighted over address endpoints without checks →
//! `pickwrandom`; simple routing → plain records. Anything else is the
//! error `powerdns-cannot-serve`, naming the construct and the reason.

// One diagnostic per unservable record, returned once: size is no concern.
#![allow(clippy::result_large_err)]

pub mod lua;

use crate::check::ir::{
    self, Answer, HealthCheckKind, PolicyNode, Protocol, RData, RecordContent, RecordSet,
    RecordType, RoutingPolicy,
};
use crate::diagnostic::Diagnostic;
use crate::emit::messages;
use crate::emit::target::{Emitted, OptionError, Options, Target};
use crate::emit::zone::master_file::{rdata_lines, relative};
use crate::emit::zone::{fnv1a32, soa_lines, FNV_OFFSET};
use crate::source::Span;
use std::fmt::Write as _;
use std::net::IpAddr;

/// PowerDNS with the bind backend and LUA records.
#[derive(Debug)]
pub struct PowerDns;

/// pdns's own default for `lua-health-checks-interval`, in seconds, used
/// when the zone has no checks.
const DEFAULT_INTERVAL: u32 = 5;

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

    fn validate_options(&self, options: &Options) -> Result<(), OptionError> {
        if !options.assume_down.is_empty() {
            return Err(OptionError(messages::POWERDNS_NO_ASSUME_DOWN.to_string()));
        }
        match options.import_ids {
            None => Ok(()),
            Some(_) => Err(OptionError(messages::import_ids_need_terraform())),
        }
    }

    fn emit(&self, config: &ir::Config, _options: &Options) -> Result<Emitted, Vec<Diagnostic>> {
        let zone = &config.zone;
        if zone.nameservers.is_empty() {
            return Err(vec![messages::zone_needs_nameservers(zone)]);
        }
        let mut errors = Vec::new();
        let mut body = String::new();
        for ns in &zone.nameservers {
            let _ = writeln!(body, "@\t{}\tNS\t{}.", zone.ttl, ns.trim_end_matches('.'));
        }
        let mut interval: Option<u32> = None;
        for record in &config.records {
            let owner = relative(&record.fqdn, &zone.name);
            match &record.content {
                RecordContent::Plain(data) => plain(&mut body, &owner, record, data),
                RecordContent::Routed(node) => match routed(config, record, node) {
                    Ok(Routed::Plain(data)) => plain(&mut body, &owner, record, &data),
                    Ok(Routed::Lua { code, every }) => {
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
            return Err(errors);
        }
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
        text.push_str(&body);
        Ok(Emitted {
            text,
            warnings: Vec::new(),
            extra_files: vec![
                ("named.conf".to_string(), named_conf(zone)),
                (
                    "pdns.conf".to_string(),
                    pdns_conf(zone, interval.unwrap_or(DEFAULT_INTERVAL)),
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

/// The `named.conf` fragment: the zone and its file, relative to the
/// directory pdns runs in.
fn named_conf(zone: &ir::Zone) -> String {
    format!(
        "// The zones PowerDNS's bind backend serves (pdns.conf: bind-config), written by steer.\n\
         zone \"{name}\" {{\n  type master;\n  file \"{name}.zone\";\n}};\n",
        name = zone.name
    )
}

/// A minimal `pdns.conf`, every setting explained.
fn pdns_conf(zone: &ir::Zone, interval: u32) -> String {
    format!(
        "# PowerDNS Authoritative Server settings for {name}, written by steer.\n\
         # Start it from this directory: pdns_server --config-dir=.\n\
         # Serve zone files with the bind backend, listed in named.conf beside this file.\n\
         launch=bind\n\
         bind-config=named.conf\n\
         # Run the LUA records (the routed names); PowerDNS leaves them off by default.\n\
         enable-lua-records=yes\n\
         # Seconds between health checks: the shortest `every` of the zone's checks.\n\
         lua-health-checks-interval={interval}\n\
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
    /// A LUA record and the interval of its checks.
    Lua {
        code: String,
        every: Option<u32>,
    },
}

/// The addresses of one simple-routing member, of the record's type.
struct Member<'c> {
    addresses: Vec<String>,
    check: Option<&'c ir::HealthCheck>,
}

fn routed(
    config: &ir::Config,
    record: &RecordSet,
    node: &PolicyNode,
) -> Result<Routed, Diagnostic> {
    let t = record.record_type;
    let cannot = |span: Span, construct: &str, reason: &str| {
        messages::powerdns_cannot_serve(span, construct, reason)
    };
    let member = |node: &PolicyNode| -> Result<Member<'_>, Diagnostic> {
        let RoutingPolicy::Endpoint(name) = &node.policy else {
            return Err(cannot(
                node.span,
                &format!("a nested `{}` policy", node.policy.keyword()),
                "this target writes one LUA function per name and does not compose policies yet",
            ));
        };
        let endpoint = &config.endpoints[name];
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
        let check = endpoint.health_check.as_ref().map(|c| &config.checks[c]);
        Ok(Member { addresses, check })
    };
    // The ifurlup probe of a member's check; the check must probe the
    // member's own addresses (PowerDNS probes the addresses it answers).
    let probe = |m: &Member, span: Span| -> Result<Option<(lua::UrlProbe, u32)>, Diagnostic> {
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
        if check.inverted || check.disabled {
            return Err(cannot(
                check.span,
                &what,
                "PowerDNS has no inverted or disabled checks",
            ));
        }
        let scheme = match p.protocol {
            Protocol::Http => "http",
            Protocol::Https => "https",
            Protocol::Tcp => {
                return Err(cannot(
                    check.span,
                    &what,
                    "tcp probes in routed records are not written by this target yet (use http or https)",
                ))
            }
        };
        if let Some(ip) = p.ip_address {
            if !m.addresses.contains(&ip.to_string()) {
                return Err(cannot(
                    check.span,
                    &what,
                    "it probes an address the endpoint does not answer with, and PowerDNS probes the answered addresses",
                ));
            }
        }
        let host = match (&p.fqdn, p.ip_address) {
            (Some(h), _) => h.clone(),
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
            lua::UrlProbe {
                url,
                stringmatch: p.search_string.clone(),
            },
            p.request_interval,
        )))
    };
    // One probe shared by every member, as ifurlup takes one URL.
    let shared = |members: &[(Member, Span)]| -> Result<Option<(lua::UrlProbe, u32)>, Diagnostic> {
        let mut probes = Vec::new();
        for (m, span) in members {
            probes.push(probe(m, *span)?);
        }
        let first = probes[0].clone();
        if probes
            .iter()
            .any(|p| p.as_ref().map(|p| &p.0) != first.as_ref().map(|p| &p.0))
        {
            return Err(cannot(
                node.span,
                &format!("`{}` over members with different checks", node.policy.keyword()),
                "PowerDNS's ifurlup probes every address with one URL, so every member needs a check with the same probe",
            ));
        }
        Ok(first)
    };
    match &node.policy {
        RoutingPolicy::Endpoint(_) => {
            let m = member(node)?;
            Ok(Routed::Plain(addresses_rdata(&m.addresses)))
        }
        RoutingPolicy::Failover { primary, secondary } => {
            let members = [
                (member(primary)?, primary.span),
                (member(secondary)?, secondary.span),
            ];
            let Some((probe, every)) = shared(&members)? else {
                return Err(cannot(
                    node.span,
                    "failover without checks",
                    "with no check the primary always answers: write a plain record",
                ));
            };
            let sets: Vec<Vec<String>> = members.into_iter().map(|(m, _)| m.addresses).collect();
            Ok(Routed::Lua {
                code: lua::ifurlup(&probe, &sets),
                every: Some(every),
            })
        }
        RoutingPolicy::Multivalue(names) => {
            let mut members = Vec::new();
            for name in names {
                let n = PolicyNode {
                    policy: RoutingPolicy::Endpoint(name.clone()),
                    stay: None,
                    set_id: None,
                    member_set_ids: Default::default(),
                    span: node.span,
                };
                members.push((member(&n)?, node.span));
            }
            let shared = shared(&members)?;
            let all: Vec<String> = members.into_iter().flat_map(|(m, _)| m.addresses).collect();
            match shared {
                None => Ok(Routed::Plain(addresses_rdata(&all))),
                Some((probe, every)) => Ok(Routed::Lua {
                    code: lua::ifurlup(&probe, &[all]),
                    every: Some(every),
                }),
            }
        }
        RoutingPolicy::Weighted(members) => {
            let mut picks = Vec::new();
            for w in members {
                let m = member(&w.target)?;
                if m.check.is_some() || w.weight == 0 {
                    return Err(cannot(
                        w.target.span,
                        "a weighted member with a check or weight 0",
                        "pickwrandom neither checks health nor keeps weight-0 members as a fallback",
                    ));
                }
                picks.extend(m.addresses.into_iter().map(|a| (w.weight, a)));
            }
            Ok(Routed::Lua {
                code: lua::pickwrandom(&picks),
                every: None,
            })
        }
        other => Err(cannot(
            node.span,
            &format!("`{}` routing", other.keyword()),
            "this target does not write it yet",
        )),
    }
}

fn addresses_rdata(addresses: &[String]) -> Vec<RData> {
    addresses
        .iter()
        .filter_map(|a| match a.parse::<IpAddr>() {
            Ok(IpAddr::V4(v4)) => Some(RData::A(v4)),
            Ok(IpAddr::V6(v6)) => Some(RData::Aaaa(v6)),
            Err(_) => None,
        })
        .collect()
}
