//! CIDR collections: names and locations within Route 53's lengths, each
//! block a valid CIDR block Route 53 accepts, listed once in the
//! collection, and warnings for blocks no client is ever matched to.

use super::messages;
pub(crate) use super::messages::BadCidr;
use super::{ir, Symbols};
use crate::diagnostic::Diagnostics;
use crate::source::Span;
use crate::syntax::ast;
use std::collections::{BTreeMap, HashMap};

/// `CreateCidrCollection.Name` and `CidrCollectionChange.LocationName`, in
/// characters.
const MAX_COLLECTION_NAME_LEN: usize = 64;
const MAX_LOCATION_NAME_LEN: usize = 16;

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
    if def.name.name.len() > MAX_COLLECTION_NAME_LEN {
        ok = false;
        diagnostics.push(messages::collection_name_too_long(
            def.name.name.len(),
            MAX_COLLECTION_NAME_LEN,
            def.name.span,
        ));
    }
    if def.locations.is_empty() {
        ok = false;
        diagnostics.push(messages::collection_without_locations(
            &def.name.name,
            def.name.span,
        ));
    }
    let mut locations: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut location_spans: HashMap<&str, Span> = HashMap::new();
    let mut block_spans: HashMap<String, Span> = HashMap::new();
    for loc in &def.locations {
        if let Some(first) = location_spans.get(loc.name.name.as_str()) {
            ok = false;
            diagnostics.push(messages::duplicate_cidr_location(
                &loc.name.name,
                loc.name.span,
                *first,
            ));
            continue;
        }
        location_spans.insert(&loc.name.name, loc.name.span);
        if loc.name.name.len() > MAX_LOCATION_NAME_LEN {
            ok = false;
            diagnostics.push(messages::location_name_too_long(
                loc.name.name.len(),
                MAX_LOCATION_NAME_LEN,
                loc.name.span,
            ));
        }
        if loc.blocks.is_empty() {
            ok = false;
            diagnostics.push(messages::location_without_blocks(
                &loc.name.name,
                loc.name.span,
            ));
        }
        let mut blocks = Vec::new();
        for block in &loc.blocks {
            match cidr_block(&block.value) {
                Ok((canonical, network, prefix)) => {
                    if let Some(first) = block_spans.get(&canonical) {
                        ok = false;
                        diagnostics
                            .push(messages::cidr_block_twice(&canonical, block.span, *first));
                        continue;
                    }
                    if let Some(range) = crate::net_ranges::special_range_of_block(network, prefix)
                    {
                        diagnostics.push(messages::cidr_never_matches(
                            &canonical,
                            range,
                            &loc.name.name,
                            block.span,
                        ));
                    }
                    block_spans.insert(canonical.clone(), block.span);
                    blocks.push(canonical);
                }
                Err(problem) => {
                    ok = false;
                    diagnostics.push(messages::invalid_cidr(&block.value, problem, block.span));
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

/// Validates a CIDR block for Route 53 (IPv4 /1–/24, IPv6 /1–/48, no host
/// bits set) and returns its canonical text, network address and prefix.
pub(crate) fn cidr_block(text: &str) -> Result<(String, std::net::IpAddr, u8), BadCidr<'_>> {
    let (addr, prefix) = text.split_once('/').ok_or(BadCidr::NoPrefix)?;
    let prefix: u32 = prefix.parse().map_err(|_| BadCidr::BadPrefix)?;
    let ip: std::net::IpAddr = addr.parse().map_err(|_| BadCidr::BadAddress(addr))?;
    let (max, bits) = match ip {
        std::net::IpAddr::V4(_) => (24, 32),
        std::net::IpAddr::V6(_) => (48, 128),
    };
    if prefix == 0 || prefix > max {
        return Err(BadCidr::PrefixOutOfRange { prefix, max });
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
        return Err(BadCidr::HostBits { network, prefix });
    }
    // `prefix` is at most 48 here.
    Ok((format!("{network}/{prefix}"), network, prefix as u8))
}
