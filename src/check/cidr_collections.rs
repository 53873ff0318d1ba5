//! CIDR collections: names and locations within Route 53's lengths, each
//! block a valid CIDR block Route 53 accepts, listed once in the
//! collection, and warnings for blocks no client is ever matched to.

use super::{ir, CheckCode, Symbols};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::source::Span;
use crate::syntax::ast;
use std::collections::{BTreeMap, HashMap};

pub(super) fn lower_collections(
    symbols: &Symbols,
    diagnostics: &mut Diagnostics,
) -> BTreeMap<String, ir::CidrCollection> {
    let mut out = BTreeMap::new();
    for def in symbols.collections.values() {
        if let Some(c) = lower_collection(def, diagnostics) {
            out.insert(c.name.clone(), c);
        }
    }
    out
}

fn lower_collection(
    def: &ast::CidrCollectionDef,
    diagnostics: &mut Diagnostics,
) -> Option<ir::CidrCollection> {
    let mut ok = true;
    if def.name.name.len() > 64 {
        ok = false;
        diagnostics.push(
            Diagnostic::new(
                CheckCode::TooLong,
                def.name.span,
                format!(
                    "collection name is {} characters long; Route 53 allows 64",
                    def.name.name.len()
                ),
            )
            .label("too long"),
        );
    }
    if def.locations.is_empty() {
        ok = false;
        diagnostics.push(
            Diagnostic::new(
                CheckCode::MissingSetting,
                def.name.span,
                format!("collection `{}` has no locations", def.name.name),
            )
            .label("empty collection")
            .hint("add locations: `office [198.51.100.0/24]`"),
        );
    }
    let mut locations: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut location_spans: HashMap<&str, Span> = HashMap::new();
    let mut block_spans: HashMap<String, Span> = HashMap::new();
    for loc in &def.locations {
        if let Some(first) = location_spans.get(loc.name.name.as_str()) {
            ok = false;
            diagnostics.push(
                Diagnostic::new(
                    CheckCode::DuplicateDefinition,
                    loc.name.span,
                    format!("location `{}` is defined more than once", loc.name.name),
                )
                .label("defined again here")
                .with_secondary(*first, "first defined here"),
            );
            continue;
        }
        location_spans.insert(&loc.name.name, loc.name.span);
        if loc.name.name.len() > 16 {
            ok = false;
            diagnostics.push(
                Diagnostic::new(
                    CheckCode::TooLong,
                    loc.name.span,
                    format!(
                        "location name is {} characters long; Route 53 allows 16",
                        loc.name.name.len()
                    ),
                )
                .label("too long"),
            );
        }
        if loc.blocks.is_empty() {
            ok = false;
            diagnostics.push(
                Diagnostic::new(
                    CheckCode::MissingSetting,
                    loc.name.span,
                    format!("location `{}` has no CIDR blocks", loc.name.name),
                )
                .label("empty location"),
            );
        }
        let mut blocks = Vec::new();
        for block in &loc.blocks {
            match cidr_block(&block.value) {
                Ok((canonical, network, prefix)) => {
                    if let Some(first) = block_spans.get(&canonical) {
                        ok = false;
                        diagnostics.push(
                            Diagnostic::new(
                                CheckCode::InvalidCidr,
                                block.span,
                                format!("block {canonical} is listed twice"),
                            )
                            .label("repeated")
                            .with_secondary(*first, "first listed here")
                            .hint("a block belongs to one location of a collection"),
                        );
                        continue;
                    }
                    if let Some(range) = crate::net_ranges::special_range_of_block(network, prefix)
                    {
                        diagnostics.push(never_matches(&canonical, range, &loc.name, block.span));
                    }
                    block_spans.insert(canonical.clone(), block.span);
                    blocks.push(canonical);
                }
                Err((message, hint)) => {
                    ok = false;
                    diagnostics.push(
                        Diagnostic::new(CheckCode::InvalidCidr, block.span, message)
                            .label("invalid block")
                            .maybe_hint(hint),
                    );
                }
            }
        }
        blocks.sort();
        locations.insert(loc.name.name.clone(), blocks);
    }
    ok.then(|| ir::CidrCollection {
        name: def.name.name.clone(),
        locations,
        span: def.name.span,
    })
}

/// `cidr-never-matches`: a block inside a special-purpose range.
///
/// Route 53 matches a CIDR collection against the source address of the
/// client's DNS resolver, or the truncated client address the resolver sends
/// in edns-client-subnet (Developer Guide, "How Amazon Route 53 uses EDNS0 to
/// estimate the location of a user",
/// <https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy-edns0.html>,
/// which covers IP-based routing; "IP-based routing",
/// <https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy-ipbased.html>).
/// Queries reach Route 53 over the internet, and these ranges are not
/// public networks (RFC 5735 and RFC 5156: "should not appear on the public
/// Internet"), so no client is ever matched to the block. The ranges are in
/// [`crate::net_ranges`].
fn never_matches(
    block: &str,
    range: &crate::net_ranges::SpecialRange,
    location: &ast::Ident,
    span: Span,
) -> Diagnostic {
    let hint = match range.kind {
        crate::net_ranges::RangeKind::Documentation => {
            "a documentation range stands in for a real one: write the networks the location's \
             clients or their resolvers really use"
        }
        crate::net_ranges::RangeKind::Local => {
            "Route 53 sees a private network's queries from its resolver's public address (or \
             the public subnet the resolver forwards): list that public network instead"
        }
        _ => "list the public networks the location's clients or their resolvers use",
    };
    Diagnostic::new(
        CheckCode::CidrNeverMatches,
        span,
        format!(
            "CIDR block {block} is {} ({}, {}): no query reaches Route 53 from it, so it never \
             matches location `{}`",
            if block == range.block {
                "a special-purpose range".to_string()
            } else {
                format!("inside {}", range.block)
            },
            range.purpose,
            range.source,
            location.name
        ),
    )
    .label("not a public network")
    .hint(
        "Route 53 matches the public address of the client's DNS resolver, or the client \
         subnet the resolver forwards (EDNS0 client subnet)",
    )
    .hint(hint)
}

/// Validates a CIDR block for Route 53 (IPv4 /1–/24, IPv6 /1–/48, no host
/// bits set) and returns its canonical text, network address and prefix.
fn cidr_block(text: &str) -> Result<(String, std::net::IpAddr, u8), (String, Option<String>)> {
    let (addr, prefix) = text.split_once('/').ok_or_else(|| {
        (
            format!("`{text}` is not a CIDR block"),
            Some("e.g. `198.51.100.0/24`".to_string()),
        )
    })?;
    let prefix: u32 = prefix
        .parse()
        .map_err(|_| (format!("`{text}` has an invalid prefix length"), None))?;
    let ip: std::net::IpAddr = addr
        .parse()
        .map_err(|_| (format!("`{addr}` is not an IP address"), None))?;
    let (max, bits) = match ip {
        std::net::IpAddr::V4(_) => (24, 32),
        std::net::IpAddr::V6(_) => (48, 128),
    };
    if prefix == 0 || prefix > max {
        return Err((
            format!("prefix /{prefix} is out of range: Route 53 accepts /1 to /{max} for this address family"),
            Some(format!("split the block into /{max} blocks, or widen it")),
        ));
    }
    let network = match ip {
        std::net::IpAddr::V4(v4) => {
            let mask = u32::MAX << (bits - prefix);
            std::net::IpAddr::V4((u32::from(v4) & mask).into())
        }
        std::net::IpAddr::V6(v6) => {
            let mask = u128::MAX << (bits - prefix);
            std::net::IpAddr::V6((u128::from(v6) & mask).into())
        }
    };
    if network != ip {
        return Err((
            format!("`{text}` has host bits set"),
            Some(format!("the block is `{network}/{prefix}`")),
        ));
    }
    // `prefix` is at most 48 here.
    Ok((format!("{network}/{prefix}"), network, prefix as u8))
}
