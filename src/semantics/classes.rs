//! What a record set depends on: the classes of client it tells apart
//! ([`client_classes`]) and the health checks and CloudWatch alarms its
//! answers can turn on ([`checks_of`], [`alarms_of`]). `steer explain`
//! resolves one row per class, its failure matrix takes the failures of
//! these checks, and `steer diff` compares both between two
//! configurations.
//!
//! Both come from one walk over the record's routing tree that follows
//! aliases to other record sets of the zone (each record set once), so they
//! are linear in the size of what the record reaches.

use super::client::Client;
use super::rules;
use crate::check::ir::{self, PolicyNode, RecordContent, RecordSet, RecordType, RoutingPolicy};
use rustc_hash::FxHashSet;
use std::collections::BTreeSet;

/// A class of client a record set treats alike, with a client that stands
/// for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientClass {
    /// `EU`, `DE`, `US-CA` (geolocation rules), `cidr fibrelink` (a CIDR
    /// location), `nearest eu-west-1` (a latency or geoproximity member's
    /// region; `nearest NAME` for a geoproximity member at coordinates),
    /// `everyone else` (the client Route 53 cannot place), or `everyone`
    /// when the record tells no clients apart.
    pub label: String,
    /// A representative: resolving with it gives the class's answer.
    pub client: Client,
}

/// The label of the class of clients Route 53 cannot place, when the
/// record tells other classes apart.
pub const EVERYONE_ELSE: &str = "everyone else";
/// The label of the one class of a record that tells no clients apart.
pub const EVERYONE: &str = "everyone";

/// The distinct classes of client `record` distinguishes, in a fixed
/// order: one per geolocation rule (its continent, country or
/// subdivision), per CIDR location, per latency or geoproximity member's
/// location, for every policy the record reaches (nested policies and
/// aliases to record sets of the zone combined, duplicates by label
/// dropped), in the order the policies and their members are written in
/// the IR; then [`EVERYONE_ELSE`], the client with no known location (what
/// `default` rules and clients in no block get). A record that tells no
/// clients apart has one class, [`EVERYONE`].
///
/// A representative is as specific as steer can make it: a `nearest
/// eu-west-1` client is at the region's point and in its country, so a
/// geolocation policy above the latency policy sends it where a client
/// there would go. A latency or geoproximity member whose location steer
/// does not know (see `data/SOURCES.md`) gives no class.
pub fn client_classes(config: &ir::Config, record: &RecordSet) -> Vec<ClientClass> {
    let walk = Walk::run(config, record);
    let mut classes = walk.classes;
    let label = if classes.is_empty() {
        EVERYONE
    } else {
        EVERYONE_ELSE
    };
    classes.push(ClientClass {
        label: label.to_string(),
        client: Client::unknown(),
    });
    classes
}

/// The health checks (steer names, sorted, each once) whose status can
/// change `record`'s answers: the checks Route 53 consults for its record
/// sets ([`rules::member_health_check`]: none on a simple record or a
/// `stay` member; a check written for a use replaces the endpoint's) and
/// on the aliases to its nested members ([`rules::nested_member_check`]),
/// those of record sets it aliases in the zone, and the
/// children of calculated checks among them, recursively.
pub fn checks_of(config: &ir::Config, record: &RecordSet) -> Vec<String> {
    Walk::run(config, record).checks.into_iter().collect()
}

/// The CloudWatch alarms (names, sorted, each once) behind the
/// CloudWatch-alarm checks among [`checks_of`]: the names a scenario's
/// alarm states can set.
pub fn alarms_of(config: &ir::Config, record: &RecordSet) -> Vec<String> {
    Walk::run(config, record).alarms.into_iter().collect()
}

struct Walk<'c> {
    config: &'c ir::Config,
    seen_records: FxHashSet<(&'c str, RecordType)>,
    classes: Vec<ClientClass>,
    labels: FxHashSet<String>,
    checks: BTreeSet<String>,
    alarms: BTreeSet<String>,
}

impl<'c> Walk<'c> {
    fn run(config: &'c ir::Config, record: &'c RecordSet) -> Walk<'c> {
        let mut walk = Walk {
            config,
            seen_records: FxHashSet::default(),
            classes: Vec::new(),
            labels: FxHashSet::default(),
            checks: BTreeSet::new(),
            alarms: BTreeSet::new(),
        };
        walk.record(record);
        walk
    }

    fn record(&mut self, record: &'c RecordSet) {
        if !self
            .seen_records
            .insert((record.fqdn.as_str(), record.record_type))
        {
            return;
        }
        if let RecordContent::Routed(root) = &record.content {
            let routed = rules::is_routed(root);
            self.node(root, record, routed);
        }
    }

    fn class(&mut self, label: String, client: Result<Client, String>) {
        if let Ok(client) = client {
            if self.labels.insert(label.clone()) {
                self.classes.push(ClientClass { label, client });
            }
        }
    }

    fn node(&mut self, node: &'c PolicyNode, record: &'c RecordSet, routed: bool) {
        // A check on the alias to a nested member (rules::nested_member_check).
        if let Some(check) = rules::nested_member_check(node) {
            self.check(check);
        }
        match &node.policy {
            RoutingPolicy::Endpoint(name) => {
                self.endpoint(name, node.use_check(), record, routed, node.stays())
            }
            RoutingPolicy::Multivalue(names) => {
                for name in names {
                    self.endpoint(name, node.endpoint_use_check(name), record, routed, false);
                }
            }
            RoutingPolicy::Geolocation(geo_rules) => {
                for rule in geo_rules {
                    let client = match &rule.location {
                        ir::GeoLocation::Continent(c) => Client::in_continent(c),
                        ir::GeoLocation::Country(c) => Client::in_country(c),
                        ir::GeoLocation::Subdivision(c, s) => Client::in_subdivision(c, s),
                        ir::GeoLocation::Default => continue,
                    };
                    let label = match &rule.location {
                        ir::GeoLocation::Continent(c) | ir::GeoLocation::Country(c) => c.clone(),
                        other => other.label(),
                    };
                    self.class(label, client);
                }
            }
            RoutingPolicy::Cidr(cidr) => {
                for location in cidr.rules.iter().filter_map(|r| r.location.as_deref()) {
                    let client = Client::in_cidr_location(&cidr.collection, location);
                    self.class(format!("cidr {location}"), Ok(client));
                }
            }
            RoutingPolicy::Latency(members) => {
                for m in members {
                    let client = Client::in_aws_region(&m.aws_region).or_else(|e| {
                        let at = self
                            .config
                            .regions
                            .get(&m.region)
                            .and_then(|r| r.coordinates.as_ref())
                            .ok_or(e)?;
                        at_coordinates(at)
                    });
                    self.class(format!("nearest {}", m.aws_region), client);
                }
            }
            RoutingPolicy::Geoproximity(members) => {
                for m in members {
                    match &m.location {
                        ir::GeoproximityLocation::AwsRegion(code) => {
                            self.class(format!("nearest {code}"), Client::in_aws_region(code));
                        }
                        ir::GeoproximityLocation::Coordinates(c) => {
                            self.class(format!("nearest {}", m.target.label()), at_coordinates(c));
                        }
                    }
                }
            }
            RoutingPolicy::Failover { .. }
            | RoutingPolicy::Weighted(_)
            | RoutingPolicy::Pool(_) => {}
        }
        for member in node.policy.children() {
            self.node(member, record, routed);
        }
    }

    fn endpoint(
        &mut self,
        name: &str,
        use_check: Option<&'c ir::UseCheck>,
        record: &'c RecordSet,
        routed: bool,
        stays: bool,
    ) {
        let config = self.config;
        let Some(endpoint) = config.endpoints.get(name) else {
            return;
        };
        if let Some(check) = rules::member_health_check(endpoint, use_check, routed, stays) {
            self.check(check);
        }
        if let ir::Answer::Alias(alias) = &endpoint.answer {
            if let (ir::AliasTargetKind::Record { record_type }, Some(name)) =
                (&alias.kind, alias.record_name())
            {
                let t = record_type.unwrap_or(record.record_type);
                if let Some(target) = super::record_set(config, name, t) {
                    self.record(target);
                }
            }
        }
    }

    /// A check and, for a calculated check, its children; for an alarm
    /// check, its alarm.
    fn check(&mut self, name: &str) {
        if !self.checks.insert(name.to_string()) {
            return;
        }
        let Some(check) = self.config.checks.get(name) else {
            return;
        };
        match &check.kind {
            ir::HealthCheckKind::Calculated { children, .. } => {
                for child in children {
                    self.check(child);
                }
            }
            ir::HealthCheckKind::CloudWatchAlarm { alarm_name, .. } => {
                self.alarms.insert(alarm_name.to_string());
            }
            ir::HealthCheckKind::Endpoint(_) | ir::HealthCheckKind::RecoveryControl { .. } => {}
        }
    }
}

fn at_coordinates(c: &ir::Coordinates) -> Result<Client, String> {
    let lat = c.latitude.parse().map_err(|_| c.latitude.clone())?;
    let lon = c.longitude.parse().map_err(|_| c.longitude.clone())?;
    Client::at_coordinates(lat, lon)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::semantics::testing::config;

    fn www(c: &ir::Config) -> &RecordSet {
        c.records.iter().find(|r| r.name == "www").expect("www")
    }

    fn labels(c: &ir::Config) -> Vec<String> {
        client_classes(c, www(c))
            .into_iter()
            .map(|k| k.label)
            .collect()
    }

    const ITEMS: &str = "check a { https \"a.ex.net\" }\n\
        check b { https \"b.ex.net\" }\n\
        check both { all(a, b) }\n\
        check alarmed { alarm \"queue-depth\" in eu-west-1 }\n\
        check unused { https \"u.ex.net\" }\n\
        endpoint d { region dublin  a [192.0.2.1]  check both }\n\
        endpoint v { region virginia  a [192.0.2.2]  check alarmed }\n\
        endpoint s { a [192.0.2.3]  check unused }\n\
        endpoint to_api { alias record api A }\n\
        record api A = latency [d, v]\n";

    #[test]
    fn classes_of_nested_policies_and_aliases() {
        let c = config(&format!(
            "{ITEMS}record www A = geolocation {{\n\
               subdivision US-CA => v\n  country DE => d\n  continent EU => to_api\n  default => v }}"
        ));
        assert_eq!(
            labels(&c),
            // Rules in the IR's order (continents, countries, subdivisions).
            [
                "EU",
                "DE",
                "US-CA",
                "nearest eu-west-1",
                "nearest us-east-1",
                EVERYONE_ELSE
            ]
        );
        // Each representative gets its class's answer.
        let classes = client_classes(&c, www(&c));
        let dublin = &classes[3].client;
        assert_eq!(dublin.place().unwrap().country.as_deref(), Some("IE"));
        assert!(dublin.point().is_some());
        assert!(classes[5].client.is_unknown());
    }

    #[test]
    fn a_record_that_tells_no_clients_apart_has_one_class() {
        let c = config(&format!(
            "{ITEMS}record www A = failover {{ primary d  secondary v }}"
        ));
        assert_eq!(labels(&c), [EVERYONE]);
    }

    #[test]
    fn classes_of_cidr_and_geoproximity() {
        let c = config(&format!(
            "{ITEMS}cidr_collection isps {{ one [81.10.0.0/16]  two [95.88.0.0/14] }}\n\
             record www A = cidr isps {{\n\
               one => geoproximity [(0, 1) => d, v bias 10]\n  default => s }}"
        ));
        assert_eq!(
            labels(&c),
            ["cidr one", "nearest d", "nearest us-east-1", EVERYONE_ELSE]
        );
    }

    #[test]
    fn checks_follow_calculated_children_and_aliases() {
        let c = config(&format!(
            "{ITEMS}record www A = weighted {{ to_api 1  s 1 }}"
        ));
        let record = www(&c);
        assert_eq!(
            checks_of(&c, record),
            ["a", "alarmed", "b", "both", "unused"]
        );
        assert_eq!(alarms_of(&c, record), ["queue-depth"]);
        // A simple record consults no health check.
        let c = config(&format!("{ITEMS}record www A = s"));
        assert!(checks_of(&c, www(&c)).is_empty());
    }
}
