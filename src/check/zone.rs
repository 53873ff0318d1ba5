//! Files → zones, and the zone and region definitions themselves.
//!
//! A configuration may span files; each file belongs to one zone: the one
//! it declares (`zone "x" { ... }` or a bare `zone "x"`), or, when it
//! declares none, the only zone declared among the files of its unit (its
//! directory: docs/language.md §2) checked together.

use super::{ir, messages, records, Symbols};
use crate::diagnostic::{did_you_mean, Diagnostics};
use crate::dns_name;
use crate::source::{FileId, Span};
use crate::syntax::ast::{self, Item};
use std::collections::BTreeMap;

pub(super) struct ZoneGroup<'a> {
    /// Every `zone` line naming this zone, in source order.
    pub decls: Vec<&'a ast::ZoneDef>,
    /// Its regions, CIDR collections, inputs and pools.
    pub items: Vec<&'a Item>,
    /// The files whose records, checks and endpoints are this zone's
    /// (indices into the files grouped), in order: the check takes them
    /// from there, or from where they were taken out of the files (see
    /// `taken`).
    pub files: Vec<usize>,
}

/// `units[i]` is the unit (directory) of `files[i]`; a file without a zone
/// line joins the only zone declared in its unit. No units: one unit.
/// `taken[i]`, when given, is the first definition taken out of `files[i]`
/// (its records, checks and endpoints: `super::take_trees`): the file is
/// grouped as if they were still there.
pub(super) fn group<'a>(
    files: &'a [(FileId, ast::File)],
    taken: &[Option<Span>],
    units: &[u32],
    diagnostics: &mut Diagnostics,
) -> Vec<ZoneGroup<'a>> {
    let unit = |i: usize| units.get(i).copied().unwrap_or(0);
    let first_taken = |i: usize| taken.get(i).copied().flatten();
    let has_items = |i: usize| !files[i].1.items.is_empty() || first_taken(i).is_some();
    let mut groups: BTreeMap<String, ZoneGroup<'a>> = BTreeMap::new();
    // The zones each unit declares: (unit, zone key) → its first zone line.
    let mut declared: BTreeMap<(u32, String), &'a ast::ZoneDef> = BTreeMap::new();
    let mut homeless: Vec<(u32, usize, &'a ast::File)> = Vec::new();
    for (i, (_, file)) in files.iter().enumerate() {
        let decls: Vec<&ast::ZoneDef> = file
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Zone(z) => Some(&**z),
                _ => None,
            })
            .collect();
        let Some(first) = decls.first() else {
            if has_items(i) {
                homeless.push((unit(i), i, file));
            }
            continue;
        };
        for extra in &decls[1..] {
            diagnostics.push(messages::second_zone_in_file(extra.span, first.span));
        }
        let key = dns_name::zone_key(&first.name.value);
        declared.entry((unit(i), key.clone())).or_insert(first);
        let group = groups.entry(key).or_insert_with(|| ZoneGroup {
            decls: Vec::new(),
            items: Vec::new(),
            files: Vec::new(),
        });
        group.decls.push(first);
        add_items(group, i, file);
    }
    for (unit, i, file) in homeless {
        let here: Vec<(&String, &&ast::ZoneDef)> = declared
            .range((unit, String::new())..(unit + 1, String::new()))
            .map(|((_, key), def)| (key, def))
            .collect();
        match here.as_slice() {
            [(key, _)] => {
                let group = groups.get_mut(*key).expect("a declared zone has a group");
                add_items(group, i, file);
            }
            [] => {
                // Zones declared elsewhere (another directory) are not this
                // file's: say where they are rather than adopt one.
                let elsewhere: Vec<(&str, Span)> = groups
                    .values()
                    .map(|g| (g.decls[0].name.value.as_str(), g.decls[0].name.span))
                    .collect();
                diagnostics.push(messages::missing_zone(
                    first_item(file, first_taken(i)),
                    &elsewhere,
                ));
            }
            _ => {
                let names: Vec<&str> = here.iter().map(|(_, d)| d.name.value.as_str()).collect();
                diagnostics.push(messages::which_zone(
                    &names,
                    first_item(file, first_taken(i)),
                ));
            }
        }
    }
    // Nothing at all to check: say so, naming each empty file (an error
    // for `build`, which promotes it).
    if groups.is_empty() {
        for (i, (id, _)) in files.iter().enumerate() {
            if !has_items(i) {
                diagnostics.push(messages::no_zone(Span::new(*id, 0, 0)));
            }
        }
    }
    groups.into_values().collect()
}

/// Where a file's first definition is (the file is not empty), the first
/// taken out of it included.
fn first_item(file: &ast::File, first_taken: Option<Span>) -> Span {
    file.items
        .iter()
        .map(Item::span)
        .chain(first_taken)
        .min()
        .unwrap_or_default()
}

fn add_items<'a>(group: &mut ZoneGroup<'a>, index: usize, file: &'a ast::File) {
    group.files.push(index);
    for item in &file.items {
        match item {
            // Lowered from the files' trees, one at a time (`super::FileTrees`).
            Item::Zone(_) | Item::Record(_) | Item::Check(_) | Item::Endpoint(_) => {}
            other => group.items.push(other),
        }
    }
}

/// Route 53's defaults for a new hosted zone's SOA, so that zone files and
/// Route 53 agree unless the user says otherwise.
const SOA_REFRESH: u32 = 7200;
const SOA_RETRY: u32 = 900;
const SOA_EXPIRE: u32 = 1_209_600;
const SOA_MINIMUM: u32 = 86_400;
/// The Route 53 console's default TTL for new records.
const DEFAULT_TTL: u32 = 300;

pub(super) fn lower(
    group: &ZoneGroup,
    symbols: &super::Symbols,
    diagnostics: &mut Diagnostics,
) -> Option<ir::Zone> {
    let mut decls = group.decls.clone();
    decls.sort_by_key(|d| d.span);
    let with_body: Vec<&&ast::ZoneDef> = decls.iter().filter(|d| d.has_body).collect();
    for extra in with_body.iter().skip(1) {
        diagnostics.push(messages::duplicate_zone(
            &extra.name.value,
            extra.name.span,
            with_body[0].name.span,
        ));
    }
    let def: &ast::ZoneDef = with_body.first().map(|d| **d).unwrap_or(decls[0]);
    let mut ok = true;
    let name = match dns_name::to_ascii(&def.name.value) {
        Ok(n) => n,
        Err(e) => {
            diagnostics.push(messages::invalid_dns_name(
                &def.name.value,
                &e,
                def.name.span,
            ));
            return None;
        }
    };
    let ttl = match &def.ttl {
        Some(t) => records::ttl(t, diagnostics).unwrap_or_else(|| {
            ok = false;
            DEFAULT_TTL
        }),
        None => DEFAULT_TTL,
    };
    let mut nameservers = Vec::new();
    if let Some(ns) = &def.nameservers {
        for n in &ns.value {
            match dns_name::to_ascii(&n.value) {
                Ok(a) => nameservers.push(a),
                Err(e) => {
                    ok = false;
                    diagnostics.push(messages::invalid_dns_name(&n.value, &e, n.span));
                }
            }
        }
    }
    let hosted_zone = match (&def.hosted_zone_id, def.create) {
        (Some(id), Some(create)) => {
            ok = false;
            diagnostics.push(messages::create_and_hosted_zone_id(create, id.span()));
            ir::HostedZone::ByName
        }
        (Some(id), None) => {
            let id = symbols.lower_value(id, diagnostics, |id, diagnostics| {
                if valid_hosted_zone_id(&id.value) {
                    Some(id.value.clone())
                } else {
                    diagnostics.push(messages::invalid_hosted_zone_id(&id.value, id.span));
                    None
                }
            });
            match id {
                Some(id) => ir::HostedZone::Id(id),
                None => {
                    ok = false;
                    ir::HostedZone::ByName
                }
            }
        }
        (None, Some(_)) => ir::HostedZone::Create,
        (None, None) => ir::HostedZone::ByName,
    };
    let private = def
        .private
        .as_ref()
        .map(|p| lower_private(p, &hosted_zone, symbols, diagnostics));
    if let (Some(tags), false) = (&def.tags, hosted_zone == ir::HostedZone::Create) {
        diagnostics.push(messages::tags_on_existing_zone(tags.span));
    }
    let tags = super::tags::lower(None, None, def.tags.as_ref(), diagnostics);
    let soa = lower_soa(def.soa.as_ref(), &name, diagnostics, &mut ok);
    // Errors above are reported; the zone is still returned so that the
    // rest of its configuration is checked in the same run (the driver
    // drops a configuration that has any error).
    let _ = ok;
    Some(ir::Zone {
        name,
        display_name: def.name.value.trim_end_matches('.').to_string(),
        ttl,
        nameservers,
        hosted_zone,
        private,
        tags,
        soa,
        span: def.name.span,
    })
}

/// `private { vpc ... }`. Route 53 creates a private zone with a VPC
/// (API reference, CreateHostedZone, `VPC`: required for a private zone),
/// typed by the `VPCRegion` enum (API reference, `VPC`;
/// data/route53-api-regions.json). steer associates VPCs only with a zone
/// it creates: an existing zone's associations are whoever made it's.
fn lower_private(
    def: &ast::PrivateDef,
    hosted_zone: &ir::HostedZone,
    symbols: &super::Symbols,
    diagnostics: &mut Diagnostics,
) -> Vec<ir::Vpc> {
    let creates = *hosted_zone == ir::HostedZone::Create;
    if creates && def.vpcs.is_empty() {
        diagnostics.push(messages::private_zone_without_vpc(def.span));
    }
    // By the id, or `input.NAME` for an input without a value.
    let mut seen: BTreeMap<String, Span> = BTreeMap::new();
    let mut vpcs = Vec::new();
    for vpc in &def.vpcs {
        if !creates {
            diagnostics.push(messages::vpc_on_existing_zone(vpc.span));
            continue;
        }
        let id = symbols.lower_value(&vpc.id, diagnostics, |id, diagnostics| {
            let hex = id.value.strip_prefix("vpc-");
            if hex.is_some_and(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_hexdigit())) {
                Some(id.value.clone())
            } else {
                diagnostics.push(messages::invalid_vpc_id(&id.value, id.span));
                None
            }
        });
        if let Some(id) = &id {
            let shown = id.to_string();
            if let Some(first) = seen.insert(shown.clone(), vpc.id.span()) {
                diagnostics.push(messages::vpc_twice(&shown, vpc.id.span(), first));
            }
        }
        let region = &vpc.region;
        if !crate::aws::is_region(&region.name) {
            let lower = region.name.to_ascii_lowercase();
            let hint = if crate::aws::is_region(&lower) {
                Some(messages::lowercase_region_code(&lower))
            } else {
                did_you_mean(&region.name, crate::aws::vpc_regions().iter().copied())
            };
            diagnostics.push(messages::unknown_aws_region(
                &region.name,
                hint,
                region.span,
            ));
        } else if !crate::aws::is_vpc_region(&region.name) {
            diagnostics.push(messages::not_a_vpc_region(&region.name, region.span));
        }
        let Some(id) = id else { continue };
        vpcs.push(ir::Vpc {
            id,
            region: region.name.clone(),
        });
    }
    vpcs
}

fn valid_hosted_zone_id(id: &str) -> bool {
    id.len() >= 2
        && id.len() <= 33
        && id.starts_with('Z')
        && id
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

fn lower_soa(
    def: Option<&ast::SoaDef>,
    zone: &str,
    diagnostics: &mut Diagnostics,
    ok: &mut bool,
) -> ir::Soa {
    let mut soa = ir::Soa {
        rname: format!("hostmaster.{zone}"),
        serial: None,
        refresh: SOA_REFRESH,
        retry: SOA_RETRY,
        expire: SOA_EXPIRE,
        minimum: SOA_MINIMUM,
    };
    let Some(def) = def else { return soa };
    if let Some(email) = &def.email {
        match email_to_rname(&email.value) {
            Some(r) => soa.rname = r,
            None => {
                *ok = false;
                diagnostics.push(messages::invalid_email(&email.value, email.span));
            }
        }
    }
    if let Some(serial) = &def.serial {
        match u32::try_from(serial.value) {
            Ok(s) if s > 0 => soa.serial = Some(s),
            _ => {
                *ok = false;
                diagnostics.push(messages::soa_serial_out_of_range(serial.value, serial.span));
            }
        }
    }
    for (slot, value) in [
        (&mut soa.refresh, &def.refresh),
        (&mut soa.retry, &def.retry),
        (&mut soa.expire, &def.expire),
        (&mut soa.minimum, &def.minimum),
    ] {
        if let Some(v) = value {
            match records::ttl(v, diagnostics) {
                Some(t) => *slot = t,
                None => *ok = false,
            }
        }
    }
    soa
}

/// `host.master@example.com` → `host\.master.example.com` (RFC 1035 §8).
fn email_to_rname(email: &str) -> Option<String> {
    let (local, domain) = email.rsplit_once('@')?;
    if local.is_empty() || local.contains(char::is_whitespace) {
        return None;
    }
    let domain = dns_name::to_ascii(domain).ok()?;
    Some(format!("{}.{}", local.replace('.', "\\."), domain))
}

pub(super) fn lower_regions(
    symbols: &Symbols,
    diagnostics: &mut Diagnostics,
) -> BTreeMap<String, ir::Region> {
    let mut regions = BTreeMap::new();
    for def in symbols.regions.values() {
        let mut ok = true;
        let aws = def.aws.as_ref().and_then(|code| {
            let found = aws_region(&code.value, code.span, diagnostics);
            ok &= found.is_some();
            found
        });
        let coordinates = def.at.as_ref().and_then(|c| {
            let found = coordinates(&c.value, diagnostics);
            ok &= found.is_some();
            found
        });
        if def.aws.is_none() && def.at.is_none() {
            ok = false;
            diagnostics.push(messages::empty_region(&def.name.name, def.name.span));
        }
        if ok {
            regions.insert(
                def.name.name.clone(),
                ir::Region {
                    name: def.name.name.clone(),
                    aws,
                    coordinates,
                    span: def.name.span,
                },
            );
        }
    }
    regions
}

/// Validates an AWS region code, suggesting the closest one.
pub(super) fn aws_region(code: &str, span: Span, diagnostics: &mut Diagnostics) -> Option<String> {
    if crate::aws::is_region(code) {
        return Some(code.to_string());
    }
    let lower = code.to_ascii_lowercase();
    let hint = if crate::aws::is_region(&lower) {
        Some(messages::lowercase_region_code(&lower))
    } else {
        did_you_mean(code, crate::aws::regions())
    };
    diagnostics.push(messages::unknown_aws_region(code, hint, span));
    None
}

/// Latitude −90..90 and longitude −180..180 with at most two decimals,
/// which is what Route 53 geoproximity accepts.
pub(super) fn coordinates(
    c: &ast::Coordinates,
    diagnostics: &mut Diagnostics,
) -> Option<ir::Coordinates> {
    let lat = coordinate(&c.latitude, "latitude", 90.0, diagnostics);
    let lon = coordinate(&c.longitude, "longitude", 180.0, diagnostics);
    Some(ir::Coordinates {
        latitude: lat?,
        longitude: lon?,
    })
}

fn coordinate(
    value: &ast::Str,
    what: &str,
    limit: f64,
    diagnostics: &mut Diagnostics,
) -> Option<String> {
    let text = value.value.as_str();
    let decimals = text.split_once('.').map_or(0, |(_, d)| d.len());
    let number: f64 = text.parse().ok()?;
    if !(-limit..=limit).contains(&number) {
        diagnostics.push(messages::coordinate_out_of_range(
            what, text, limit, value.span,
        ));
        return None;
    }
    if decimals > 2 {
        diagnostics.push(messages::coordinate_too_precise(
            what, text, decimals, value.span,
        ));
        return None;
    }
    // "-0" and "-0.00" mean 0; write them without the sign so output is canonical.
    if number == 0.0 {
        return Some(text.trim_start_matches('-').to_string());
    }
    Some(text.to_string())
}
