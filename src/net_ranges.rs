//! Special-purpose IP address ranges: the addresses Route 53 cannot
//! health-check, and the networks a CIDR collection never sees a client in.
//!
//! One table, [`SPECIAL_RANGES`], serves both rules:
//!
//! - A health check's `IPAddress`: the Route 53 API reference
//!   (`HealthCheckConfig`, `IPAddress`, "Constraints") says: "Route 53 can't
//!   check the health of endpoints for which the IP address is in local,
//!   private, non-routable, or multicast ranges. For more information about
//!   IP addresses for which you can't create health checks, see the following
//!   documents: RFC 5735, Special Use IPv4 Addresses; RFC 6598, IANA-Reserved
//!   IPv4 Prefix for Shared Address Space; RFC 5156, Special-Use IPv6
//!   Addresses" (<https://docs.aws.amazon.com/Route53/latest/APIReference/API_HealthCheckConfig.html>).
//! - A `cidr_collection` block: Route 53 matches the source address of the
//!   client's DNS resolver, or the truncated client address the resolver
//!   forwards in edns-client-subnet (Developer Guide, "How Amazon Route 53
//!   uses EDNS0 to estimate the location of a user",
//!   <https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy-edns0.html>;
//!   "IP-based routing", <https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy-ipbased.html>).
//!   Those reach Route 53 over the internet, and these ranges are not
//!   public networks: the RFCs below say most of them "should not appear on
//!   the public Internet", and 6to4 and Teredo addresses are reached only
//!   through relays.
//!
//! # Sources of the table
//!
//! - RFC 5735 section 4, "Summary Table": every block in it (RFC 3330's
//!   128.0.0.0/16, 191.255.0.0/16 and 223.255.255.0/24 are not in that table
//!   any more, so they count as public);
//! - RFC 6598 (100.64.0.0/10);
//! - RFC 5156 sections 2.1 to 2.13 (2.11, the default route `::/0`, is every
//!   address and not a range to reject; 2.12 refers to the IANA registry);
//! - three later ranges of the same kinds, which cannot be probed or match a
//!   client either: the NAT64 well-known prefix 64:ff9b::/96 (RFC 6052; it
//!   stands for an IPv4 address and only reaches it through a translator on
//!   the client's own network), IPv6 benchmarking 2001:2::/48 (RFC 5180) and
//!   the second IPv6 documentation prefix 3fff::/20 (RFC 9637).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// What a special range is for, as far as steer's hints care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeKind {
    /// Inside one host or one private network: private use, shared
    /// (carrier-grade NAT) space, loopback, link-local, unique-local, "this
    /// network", unspecified.
    Local,
    /// Reserved for documentation and examples.
    Documentation,
    /// An IPv6 form of an IPv4 address (mapped, compatible, NAT64).
    EmbedsIpv4,
    /// Multicast and broadcast.
    Multicast,
    /// Anything else that is not routed on the internet: benchmarking,
    /// protocol assignments, reserved, transition and overlay prefixes.
    NotRouted,
}

/// One special-purpose range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpecialRange {
    /// The range as its RFC writes it (`::ffff:0:0/96`).
    pub block: &'static str,
    pub network: IpAddr,
    pub prefix: u8,
    /// What the range is, in a few words ("private use", "documentation,
    /// TEST-NET-1").
    pub purpose: &'static str,
    /// The document that lists it ("RFC 5735").
    pub source: &'static str,
    pub kind: RangeKind,
}

impl SpecialRange {
    /// Whether `ip` is in the range.
    pub fn contains(&self, ip: IpAddr) -> bool {
        self.contains_block(ip, full_length(ip))
    }

    /// Whether the whole block `network/prefix` is inside the range.
    pub fn contains_block(&self, network: IpAddr, prefix: u8) -> bool {
        if prefix < self.prefix {
            return false;
        }
        match (self.network, network) {
            (IpAddr::V4(range), IpAddr::V4(ip)) => same_prefix(
                u32::from(range).into(),
                u32::from(ip).into(),
                32,
                self.prefix,
            ),
            (IpAddr::V6(range), IpAddr::V6(ip)) => {
                same_prefix(u128::from(range), u128::from(ip), 128, self.prefix)
            }
            _ => false,
        }
    }
}

fn full_length(ip: IpAddr) -> u8 {
    match ip {
        IpAddr::V4(_) => 32,
        IpAddr::V6(_) => 128,
    }
}

/// Whether the first `prefix` of `bits` bits of `a` and `b` agree.
fn same_prefix(a: u128, b: u128, bits: u32, prefix: u8) -> bool {
    let prefix = u32::from(prefix);
    if prefix == 0 {
        return true;
    }
    let shift = bits - prefix;
    (a >> shift) == (b >> shift)
}

const fn v4(a: u8, b: u8, c: u8, d: u8) -> IpAddr {
    IpAddr::V4(Ipv4Addr::new(a, b, c, d))
}

#[allow(clippy::too_many_arguments)]
const fn v6(a: u16, b: u16, c: u16, d: u16, e: u16, f: u16, g: u16, h: u16) -> IpAddr {
    IpAddr::V6(Ipv6Addr::new(a, b, c, d, e, f, g, h))
}

const fn range(
    block: &'static str,
    network: IpAddr,
    prefix: u8,
    purpose: &'static str,
    source: &'static str,
    kind: RangeKind,
) -> SpecialRange {
    SpecialRange {
        block,
        network,
        prefix,
        purpose,
        source,
        kind,
    }
}

use RangeKind::{Documentation, EmbedsIpv4, Local, Multicast, NotRouted};

/// Every special-purpose range, IPv4 then IPv6, each in address order.
/// Some ranges nest (`::1/128` in `::/96`); lookups return the most specific.
#[rustfmt::skip]
pub const SPECIAL_RANGES: [SpecialRange; 32] = [
    // RFC 5735, section 4 ("Summary Table"), and RFC 6598.
    range("0.0.0.0/8", v4(0, 0, 0, 0), 8, "\"this\" network", "RFC 5735", Local),
    range("10.0.0.0/8", v4(10, 0, 0, 0), 8, "private use", "RFC 5735", Local),
    range("100.64.0.0/10", v4(100, 64, 0, 0), 10, "shared address space, carrier-grade NAT", "RFC 6598", Local),
    range("127.0.0.0/8", v4(127, 0, 0, 0), 8, "loopback", "RFC 5735", Local),
    range("169.254.0.0/16", v4(169, 254, 0, 0), 16, "link local", "RFC 5735", Local),
    range("172.16.0.0/12", v4(172, 16, 0, 0), 12, "private use", "RFC 5735", Local),
    range("192.0.0.0/24", v4(192, 0, 0, 0), 24, "IETF protocol assignments", "RFC 5735", NotRouted),
    range("192.0.2.0/24", v4(192, 0, 2, 0), 24, "documentation, TEST-NET-1", "RFC 5735", Documentation),
    range("192.88.99.0/24", v4(192, 88, 99, 0), 24, "6to4 relay anycast", "RFC 5735", NotRouted),
    range("192.168.0.0/16", v4(192, 168, 0, 0), 16, "private use", "RFC 5735", Local),
    range("198.18.0.0/15", v4(198, 18, 0, 0), 15, "benchmarking", "RFC 5735", NotRouted),
    range("198.51.100.0/24", v4(198, 51, 100, 0), 24, "documentation, TEST-NET-2", "RFC 5735", Documentation),
    range("203.0.113.0/24", v4(203, 0, 113, 0), 24, "documentation, TEST-NET-3", "RFC 5735", Documentation),
    range("224.0.0.0/4", v4(224, 0, 0, 0), 4, "multicast", "RFC 5735", Multicast),
    range("240.0.0.0/4", v4(240, 0, 0, 0), 4, "reserved for future use", "RFC 5735", NotRouted),
    range("255.255.255.255/32", v4(255, 255, 255, 255), 32, "limited broadcast", "RFC 5735", Multicast),
    // RFC 5156, sections 2.1 to 2.13, and later ranges of the same kinds.
    range("::/96", v6(0, 0, 0, 0, 0, 0, 0, 0), 96, "IPv4-compatible, deprecated", "RFC 5156", EmbedsIpv4),
    range("::/128", v6(0, 0, 0, 0, 0, 0, 0, 0), 128, "unspecified", "RFC 5156", Local),
    range("::1/128", v6(0, 0, 0, 0, 0, 0, 0, 1), 128, "loopback", "RFC 5156", Local),
    range("::ffff:0:0/96", v6(0, 0, 0, 0, 0, 0xffff, 0, 0), 96, "IPv4-mapped", "RFC 5156", EmbedsIpv4),
    range("64:ff9b::/96", v6(0x64, 0xff9b, 0, 0, 0, 0, 0, 0), 96, "NAT64 well-known prefix", "RFC 6052", EmbedsIpv4),
    range("2001::/32", v6(0x2001, 0, 0, 0, 0, 0, 0, 0), 32, "Teredo", "RFC 5156", NotRouted),
    range("2001:2::/48", v6(0x2001, 0x2, 0, 0, 0, 0, 0, 0), 48, "benchmarking", "RFC 5180", NotRouted),
    range("2001:10::/28", v6(0x2001, 0x10, 0, 0, 0, 0, 0, 0), 28, "ORCHID", "RFC 5156", NotRouted),
    range("2001:db8::/32", v6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0), 32, "documentation", "RFC 5156", Documentation),
    range("2002::/16", v6(0x2002, 0, 0, 0, 0, 0, 0, 0), 16, "6to4", "RFC 5156", NotRouted),
    range("3ffe::/16", v6(0x3ffe, 0, 0, 0, 0, 0, 0, 0), 16, "former 6bone, returned to IANA", "RFC 5156", NotRouted),
    range("3fff::/20", v6(0x3fff, 0, 0, 0, 0, 0, 0, 0), 20, "documentation", "RFC 9637", Documentation),
    range("5f00::/8", v6(0x5f00, 0, 0, 0, 0, 0, 0, 0), 8, "former 6bone, returned to IANA", "RFC 5156", NotRouted),
    range("fc00::/7", v6(0xfc00, 0, 0, 0, 0, 0, 0, 0), 7, "unique local", "RFC 5156", Local),
    range("fe80::/10", v6(0xfe80, 0, 0, 0, 0, 0, 0, 0), 10, "link local", "RFC 5156", Local),
    range("ff00::/8", v6(0xff00, 0, 0, 0, 0, 0, 0, 0), 8, "multicast", "RFC 5156", Multicast),
];

fn all_ranges() -> impl Iterator<Item = &'static SpecialRange> {
    SPECIAL_RANGES.iter()
}

/// The most specific special range that contains `ip`, if any.
pub fn special_range(ip: IpAddr) -> Option<&'static SpecialRange> {
    all_ranges()
        .filter(|r| r.contains(ip))
        .max_by_key(|r| r.prefix)
}

/// The most specific special range that contains the whole block
/// `network/prefix`, if any. A block that only overlaps a special range
/// (`0.0.0.0/1` holds 10.0.0.0/8 but also public space) is not inside it.
pub fn special_range_of_block(network: IpAddr, prefix: u8) -> Option<&'static SpecialRange> {
    all_ranges()
        .filter(|r| r.contains_block(network, prefix))
        .max_by_key(|r| r.prefix)
}

/// The IPv4 address an IPv6 address of an [`RangeKind::EmbedsIpv4`] range
/// stands for (its last 32 bits).
pub fn embedded_ipv4(ip: Ipv6Addr) -> Ipv4Addr {
    let [.., a, b] = ip.segments();
    Ipv4Addr::from((u32::from(a) << 16) | u32::from(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(ip: &str) -> Option<(String, &'static str)> {
        special_range(ip.parse().unwrap()).map(|r| (r.block.to_string(), r.source))
    }

    #[test]
    fn every_range_is_a_network_address() {
        for r in all_ranges() {
            let (addr, bits) = match r.network {
                IpAddr::V4(a) => (u128::from(u32::from(a)), 32),
                IpAddr::V6(a) => (u128::from(a), 128),
            };
            let host_bits = bits - u32::from(r.prefix);
            let mask = if host_bits == 0 {
                0
            } else {
                u128::MAX >> (128 - host_bits)
            };
            assert_eq!(addr & mask, 0, "{} has host bits set", r.block);
            let (written, prefix) = r.block.split_once('/').unwrap();
            assert_eq!(written.parse::<IpAddr>().unwrap(), r.network, "{}", r.block);
            assert_eq!(prefix.parse::<u8>().unwrap(), r.prefix, "{}", r.block);
        }
    }

    #[test]
    fn the_table_is_sorted_by_address_within_a_family() {
        let key = |r: &SpecialRange| match r.network {
            IpAddr::V4(a) => (0, u128::from(u32::from(a)), r.prefix),
            IpAddr::V6(a) => (1, u128::from(a), r.prefix),
        };
        let keys: Vec<_> = all_ranges().map(key).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
    }

    #[test]
    fn addresses_in_special_ranges() {
        for (ip, block, source) in [
            ("0.1.2.3", "0.0.0.0/8", "RFC 5735"),
            ("10.1.2.3", "10.0.0.0/8", "RFC 5735"),
            ("100.64.0.1", "100.64.0.0/10", "RFC 6598"),
            ("100.127.255.255", "100.64.0.0/10", "RFC 6598"),
            ("127.0.0.1", "127.0.0.0/8", "RFC 5735"),
            ("169.254.169.254", "169.254.0.0/16", "RFC 5735"),
            ("172.31.255.255", "172.16.0.0/12", "RFC 5735"),
            ("192.0.0.8", "192.0.0.0/24", "RFC 5735"),
            ("192.0.2.1", "192.0.2.0/24", "RFC 5735"),
            ("192.88.99.1", "192.88.99.0/24", "RFC 5735"),
            ("192.168.1.1", "192.168.0.0/16", "RFC 5735"),
            ("198.19.255.1", "198.18.0.0/15", "RFC 5735"),
            ("198.51.100.7", "198.51.100.0/24", "RFC 5735"),
            ("203.0.113.50", "203.0.113.0/24", "RFC 5735"),
            ("239.1.1.1", "224.0.0.0/4", "RFC 5735"),
            ("250.0.0.1", "240.0.0.0/4", "RFC 5735"),
            ("255.255.255.255", "255.255.255.255/32", "RFC 5735"),
            ("::", "::/128", "RFC 5156"),
            ("::1", "::1/128", "RFC 5156"),
            ("::8.8.8.8", "::/96", "RFC 5156"),
            ("::ffff:8.8.8.8", "::ffff:0:0/96", "RFC 5156"),
            ("64:ff9b::808:808", "64:ff9b::/96", "RFC 6052"),
            ("2001::1", "2001::/32", "RFC 5156"),
            ("2001:2::1", "2001:2::/48", "RFC 5180"),
            ("2001:1f::1", "2001:10::/28", "RFC 5156"),
            ("2001:db8::1", "2001:db8::/32", "RFC 5156"),
            ("2002:c000:204::1", "2002::/16", "RFC 5156"),
            ("3ffe::1", "3ffe::/16", "RFC 5156"),
            ("3fff:fff::1", "3fff::/20", "RFC 9637"),
            ("5f00::1", "5f00::/8", "RFC 5156"),
            ("fd00::1", "fc00::/7", "RFC 5156"),
            ("fe80::1", "fe80::/10", "RFC 5156"),
            ("ff02::1", "ff00::/8", "RFC 5156"),
        ] {
            assert_eq!(of(ip), Some((block.to_string(), source)), "{ip}");
        }
    }

    #[test]
    fn public_addresses_and_range_edges() {
        for ip in [
            "1.1.1.1",
            "8.8.8.8",
            "9.255.255.255",
            "11.0.0.0",
            "100.63.255.255",
            "100.128.0.0",
            "126.255.255.255",
            "128.0.0.1",
            "172.15.255.255",
            "172.32.0.0",
            "191.255.0.1",
            "192.0.1.255",
            "192.0.3.0",
            "192.88.98.255",
            "192.169.0.0",
            "198.17.255.255",
            "198.20.0.0",
            "198.51.99.255",
            "198.51.101.0",
            "203.0.112.255",
            "203.0.114.0",
            "223.255.255.1",
            "2001:db9::1",
            "2001:4860:4860::8888",
            "2001:3::1",
            "2600:1f18::1",
            "2a00:1450::1",
            "3ffd:ffff::1",
            "3fff:1000::1",
            "::1:0:0:1",
        ] {
            assert_eq!(of(ip), None, "{ip}");
        }
    }

    #[test]
    fn blocks_inside_and_overlapping() {
        let block = |s: &str| -> Option<String> {
            let (a, p) = s.split_once('/').unwrap();
            special_range_of_block(a.parse().unwrap(), p.parse().unwrap())
                .map(|r| r.block.to_string())
        };
        assert_eq!(block("10.20.0.0/16").as_deref(), Some("10.0.0.0/8"));
        assert_eq!(block("10.0.0.0/8").as_deref(), Some("10.0.0.0/8"));
        assert_eq!(block("192.0.2.0/24").as_deref(), Some("192.0.2.0/24"));
        assert_eq!(
            block("2001:db8:1000::/36").as_deref(),
            Some("2001:db8::/32")
        );
        assert_eq!(block("fd12:3456::/32").as_deref(), Some("fc00::/7"));
        // Wider than the special range, or beside it: public space too.
        assert_eq!(block("10.0.0.0/7"), None);
        assert_eq!(block("0.0.0.0/1"), None);
        assert_eq!(block("192.0.0.0/16"), None);
        assert_eq!(block("2001:db8::/31"), None);
        assert_eq!(block("203.0.114.0/24"), None);
        assert_eq!(block("2a02:8100::/28"), None);
    }

    #[test]
    fn embedded_ipv4_is_the_last_32_bits() {
        assert_eq!(
            embedded_ipv4("::ffff:192.0.2.1".parse().unwrap()),
            Ipv4Addr::new(192, 0, 2, 1)
        );
        assert_eq!(
            embedded_ipv4("64:ff9b::808:808".parse().unwrap()),
            Ipv4Addr::new(8, 8, 8, 8)
        );
    }
}
