//! Built-in AWS facts: regions, partitions, the region values Route 53's
//! API accepts (latency records, health checkers, CloudWatch alarms) and the
//! hosted-zone ids that alias records must name.
//!
//! The facts live in `data/*.json` (provenance in `data/SOURCES.md`) rather
//! than in Rust literals so that every value can be traced to the public code
//! it was copied from, and so that refreshing them is a data-only change. They
//! are compiled into the binary because steer must work offline and give the
//! same output for the same input on every machine: it never asks AWS.
//!
//! Every table is a `BTreeMap`, so anything that iterates them (listings,
//! suggestions, generated code) comes out in a stable order.

use serde::de::IgnoredAny;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::OnceLock;

const REGIONS_JSON: &str = include_str!("../data/aws-regions.json");
const ALIAS_ZONE_IDS_JSON: &str = include_str!("../data/aws-alias-zone-ids.json");
const ROUTE53_API_REGIONS_JSON: &str = include_str!("../data/route53-api-regions.json");
const REGION_LOCATIONS_JSON: &str = include_str!("../data/aws-region-locations.json");

// ---------------------------------------------------------------------------
// Raw shapes of the embedded JSON.
//
// `deny_unknown_fields` is deliberate: if someone adds a table or a field to
// the data without teaching this module about it, the tests fail instead of
// the new data being silently ignored. The `source` keys are provenance notes,
// not data, so they are accepted and thrown away.
// ---------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RegionsFile {
    partitions: BTreeMap<String, PartitionEntry>,
    regions: BTreeMap<String, RegionEntry>,
    // The same list as the API model's `HealthCheckRegion` in
    // route53-api-regions.json, copied from another SDK (aws-sdk-go-v2);
    // the lookups use the API file and the tests check the two agree.
    #[cfg_attr(not(test), allow(dead_code))]
    route53_health_checker_regions: Vec<String>,
    #[serde(rename = "source")]
    _source: IgnoredAny,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PartitionEntry {
    dns_suffix: String,
    // Only read by the consistency tests; `region` → `partition` is the
    // direction the lookups need.
    #[cfg_attr(not(test), allow(dead_code))]
    regions: Vec<String>,
    #[serde(rename = "name")]
    _name: IgnoredAny,
    #[serde(rename = "region_regex")]
    _region_regex: IgnoredAny,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RegionEntry {
    description: String,
    partition: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AliasZoneIdsFile {
    cloudfront: String,
    cloudfront_cn: String,
    global_accelerator: String,
    elb: BTreeMap<String, String>,
    nlb: BTreeMap<String, String>,
    s3_website: BTreeMap<String, S3WebsiteEntry>,
    apigateway_regional: BTreeMap<String, String>,
    elastic_beanstalk: BTreeMap<String, String>,
    #[serde(rename = "source")]
    _source: IgnoredAny,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct S3WebsiteEntry {
    zone_id: String,
    endpoint: String,
}

/// The enum values of four region fields of the Route 53 API model
/// (botocore `data/route53/2013-04-01/service-2.json`; version in the file's
/// `source`). The keys name the shape and the field they type, as in the
/// shared copy the file was taken from, so that it stays byte-identical.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Route53ApiRegionsFile {
    /// `ResourceRecordSetRegion`: a latency record's `Region`.
    #[serde(rename = "latency_regions (ResourceRecordSet.Region)")]
    latency_regions: Vec<String>,
    /// `HealthCheckRegion`: `HealthCheckConfig.Regions`.
    #[serde(rename = "health_checker_regions (HealthCheckConfig.Regions)")]
    health_checker_regions: Vec<String>,
    /// `CloudWatchRegion`: `AlarmIdentifier.Region`.
    #[serde(rename = "cloudwatch_alarm_regions (AlarmIdentifier.Region)")]
    cloudwatch_alarm_regions: Vec<String>,
    /// `VPCRegion`: the region of a private zone's VPC.
    #[serde(rename = "vpc_regions (VPC.VPCRegion, private zones)")]
    vpc_regions: Vec<String>,
    #[serde(rename = "source")]
    _source: IgnoredAny,
}

/// Parsed once and kept for the life of the process: the data is immutable
/// and every compile consults it, so re-parsing would be pure waste.
fn regions_file() -> &'static RegionsFile {
    static CELL: OnceLock<RegionsFile> = OnceLock::new();
    CELL.get_or_init(|| {
        // The JSON is part of the binary, so a parse failure is a build
        // defect that the tests catch, never a user error.
        serde_json::from_str(REGIONS_JSON).expect("embedded data/aws-regions.json is malformed")
    })
}

fn route53_api_file() -> &'static Route53ApiRegionsFile {
    static CELL: OnceLock<Route53ApiRegionsFile> = OnceLock::new();
    CELL.get_or_init(|| {
        serde_json::from_str(ROUTE53_API_REGIONS_JSON)
            .expect("embedded data/route53-api-regions.json is malformed")
    })
}

fn alias_file() -> &'static AliasZoneIdsFile {
    static CELL: OnceLock<AliasZoneIdsFile> = OnceLock::new();
    CELL.get_or_init(|| {
        serde_json::from_str(ALIAS_ZONE_IDS_JSON)
            .expect("embedded data/aws-alias-zone-ids.json is malformed")
    })
}

/// Where AWS regions are (`data/aws-region-locations.json`, source in
/// `data/SOURCES.md`): the point steer measures distances from for latency
/// and geoproximity routing, and the country of a client placed "in" a
/// region.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RegionLocationsFile {
    regions: BTreeMap<String, RegionLocation>,
    #[serde(rename = "source")]
    _source: IgnoredAny,
}

/// A region's location: a point in its metro area and its country.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionLocation {
    /// ISO 3166-1 alpha-2 code of the region's country.
    pub country: String,
    /// Degrees north.
    pub latitude: f64,
    /// Degrees east.
    pub longitude: f64,
    /// The city or area the point stands for.
    pub place: String,
}

fn region_locations_file() -> &'static RegionLocationsFile {
    static CELL: OnceLock<RegionLocationsFile> = OnceLock::new();
    CELL.get_or_init(|| {
        serde_json::from_str(REGION_LOCATIONS_JSON)
            .expect("embedded data/aws-region-locations.json is malformed")
    })
}

/// Where the AWS region `code` is, if the table knows it (23 regions so
/// far; see the gaps in `data/SOURCES.md`).
pub fn region_location(code: &str) -> Option<&'static RegionLocation> {
    region_locations_file().regions.get(code)
}

// ---------------------------------------------------------------------------
// Regions and partitions
// ---------------------------------------------------------------------------

/// Accepts regions from every partition (China, GovCloud, ISO, EUSC), not just
/// the commercial one, because steer's users deploy there too and rejecting a
/// real region would be worse than a table gap reported later. Matching is
/// exact: AWS region codes are lowercase everywhere they appear in templates.
pub fn is_region(code: &str) -> bool {
    regions_file().regions.contains_key(code)
}

/// Sorted so that "did you mean" suggestions and listings are reproducible.
pub fn regions() -> impl Iterator<Item = &'static str> {
    regions_file().regions.keys().map(String::as_str)
}

/// The human name lets diagnostics say "Europe (Ireland)" next to a code the
/// user may not recognise at a glance.
pub fn region_description(code: &str) -> Option<&'static str> {
    regions_file()
        .regions
        .get(code)
        .map(|r| r.description.as_str())
}

/// Zone ids and endpoint domains differ between partitions (e.g. CloudFront
/// in China), so callers need to know which one a region belongs to.
pub fn partition_of(region: &str) -> Option<&'static str> {
    regions_file()
        .regions
        .get(region)
        .map(|r| r.partition.as_str())
}

/// Service hostnames end in the partition's suffix, not always
/// `amazonaws.com`; alias-target names are only recognised with the right one.
pub fn dns_suffix_of(region: &str) -> Option<&'static str> {
    let file = regions_file();
    let partition = &file.regions.get(region)?.partition;
    file.partitions
        .get(partition)
        .map(|p| p.dns_suffix.as_str())
}

/// Route 53 only runs health checkers from a fixed set of regions; any other
/// value in a health check's `regions` list is rejected by the API at apply
/// time, so steer checks it at compile time instead.
pub fn is_health_checker_region(code: &str) -> bool {
    health_checker_regions().binary_search(&code).is_ok()
}

/// The API's `HealthCheckRegion` enum (the type of
/// `HealthCheckConfig.Regions`). Sorted (the tests enforce it), which also
/// lets [`is_health_checker_region`] binary-search it.
pub fn health_checker_regions() -> &'static [&'static str] {
    static CELL: OnceLock<Vec<&'static str>> = OnceLock::new();
    CELL.get_or_init(|| as_strs(&route53_api_file().health_checker_regions))
}

/// Whether a latency record may name this region. The API types
/// `ResourceRecordSet.Region` with the enum `ResourceRecordSetRegion`
/// (API reference, `ResourceRecordSet`, "Region": "Valid Values: ..."),
/// which lists the commercial, China, GovCloud and EUSC regions but none of
/// the ISO partitions, so `us-iso-east-1` is an AWS region that a latency
/// record cannot use: Route 53 (and `terraform validate`) reject it.
pub fn is_latency_region(code: &str) -> bool {
    latency_regions().binary_search(&code).is_ok()
}

/// The API's `ResourceRecordSetRegion` enum, sorted.
pub fn latency_regions() -> &'static [&'static str] {
    static CELL: OnceLock<Vec<&'static str>> = OnceLock::new();
    CELL.get_or_init(|| as_strs(&route53_api_file().latency_regions))
}

/// Whether a CloudWatch-alarm health check may name this alarm region: the
/// API's `CloudWatchRegion` enum, the type of `AlarmIdentifier.Region`.
/// Today it holds every region steer knows, but it is a list of its own in
/// the API, so the check follows it rather than [`is_region`].
pub fn is_cloudwatch_alarm_region(code: &str) -> bool {
    cloudwatch_alarm_regions().binary_search(&code).is_ok()
}

/// The API's `CloudWatchRegion` enum, sorted.
pub fn cloudwatch_alarm_regions() -> &'static [&'static str] {
    static CELL: OnceLock<Vec<&'static str>> = OnceLock::new();
    CELL.get_or_init(|| as_strs(&route53_api_file().cloudwatch_alarm_regions))
}

/// Whether a private zone's VPC may be in this region: the API's
/// `VPCRegion` enum (API reference, `VPC`, "VPCRegion ... Valid Values").
pub fn is_vpc_region(code: &str) -> bool {
    vpc_regions().binary_search(&code).is_ok()
}

/// The API's `VPCRegion` enum, sorted.
pub fn vpc_regions() -> &'static [&'static str] {
    static CELL: OnceLock<Vec<&'static str>> = OnceLock::new();
    CELL.get_or_init(|| as_strs(&route53_api_file().vpc_regions))
}

fn as_strs(list: &'static [String]) -> Vec<&'static str> {
    list.iter().map(String::as_str).collect()
}

// ---------------------------------------------------------------------------
// Alias targets
// ---------------------------------------------------------------------------

/// The kinds of AWS resource a Route 53 alias record can point at whose
/// hosted-zone id steer can fill in by itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AliasKind {
    /// Classic and Application Load Balancers share one zone id per region.
    Elb,
    /// Network Load Balancers have their own zone ids, distinct from ALB's.
    Nlb,
    /// Also the right kind for edge-optimized API Gateway domains, which are
    /// CloudFront distributions under the hood.
    CloudFront,
    S3Website,
    /// Regional API Gateway custom domains (`d-xxxx.execute-api...`).
    ApiGateway,
    GlobalAccelerator,
    ElasticBeanstalk,
}

impl AliasKind {
    /// Every kind, in declaration order, so that listings and "expected one
    /// of" messages do not drift from the enum.
    pub const ALL: [AliasKind; 7] = [
        AliasKind::Elb,
        AliasKind::Nlb,
        AliasKind::CloudFront,
        AliasKind::S3Website,
        AliasKind::ApiGateway,
        AliasKind::GlobalAccelerator,
        AliasKind::ElasticBeanstalk,
    ];

    /// The spelling used in steer source files; kept in one place so that
    /// parsing and diagnostics cannot disagree.
    pub fn keyword(self) -> &'static str {
        match self {
            AliasKind::Elb => "elb",
            AliasKind::Nlb => "nlb",
            AliasKind::CloudFront => "cloudfront",
            AliasKind::S3Website => "s3_website",
            AliasKind::ApiGateway => "api_gateway",
            AliasKind::GlobalAccelerator => "global_accelerator",
            AliasKind::ElasticBeanstalk => "elastic_beanstalk",
        }
    }

    /// Exact inverse of [`AliasKind::keyword`]; fuzzy matching for
    /// suggestions is the caller's business.
    pub fn from_keyword(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.keyword() == s)
    }

    /// A phrase for diagnostics, because the keywords alone (`elb` vs `nlb`)
    /// do not tell users which resource types they cover.
    pub fn describe(self) -> &'static str {
        match self {
            AliasKind::Elb => "Elastic Load Balancer (Classic or Application)",
            AliasKind::Nlb => "Network Load Balancer",
            AliasKind::CloudFront => "CloudFront distribution",
            AliasKind::S3Website => "S3 static website bucket",
            AliasKind::ApiGateway => "API Gateway regional custom domain",
            AliasKind::GlobalAccelerator => "Global Accelerator",
            AliasKind::ElasticBeanstalk => "Elastic Beanstalk environment",
        }
    }

    /// Regional kinds have a different hosted-zone id in every region, so a
    /// region must be known (given or inferred) before one can be chosen.
    pub fn is_regional(self) -> bool {
        !matches!(self, AliasKind::CloudFront | AliasKind::GlobalAccelerator)
    }

    /// The per-region zone-id table for regional kinds.
    fn zone_id_in(self, region: &str) -> Option<&'static str> {
        let f = alias_file();
        let table = match self {
            AliasKind::Elb => &f.elb,
            AliasKind::Nlb => &f.nlb,
            AliasKind::ApiGateway => &f.apigateway_regional,
            AliasKind::ElasticBeanstalk => &f.elastic_beanstalk,
            AliasKind::S3Website => {
                return f.s3_website.get(region).map(|e| e.zone_id.as_str());
            }
            AliasKind::CloudFront | AliasKind::GlobalAccelerator => return None,
        };
        table.get(region).map(String::as_str)
    }
}

impl fmt::Display for AliasKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.keyword())
    }
}

/// Why steer could not supply an alias target's hosted-zone id. The variants
/// are kept apart because the fixes differ: name a region, fix a typo, or
/// work around a hole in steer's own data.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AliasZoneError {
    #[error(
        "`{kind}` alias targets ({}) have a different hosted zone id in every region, \
         and no region was given or could be read from the target name",
        kind.describe()
    )]
    NeedsRegion { kind: AliasKind },
    #[error("`{region}` is not an AWS region known to steer (needed for a `{kind}` alias target)")]
    UnknownRegion { kind: AliasKind, region: String },
    #[error(
        "steer has no built-in hosted zone id for `{kind}` alias targets ({}) in {region}; \
         this is a known gap in steer's data, not a mistake in your file: \
         give the alias target's hosted zone id explicitly",
        kind.describe()
    )]
    NoKnownZoneId { kind: AliasKind, region: String },
}

/// The hosted-zone id Route 53 wants in `AliasTarget.HostedZoneId`. This is
/// the zone of the *target service* (e.g. the ELB zone for eu-west-1), not the
/// user's own zone, and a wrong value makes the change batch fail at apply
/// time, so steer supplies it from vetted data instead of asking users.
///
/// CloudFront and Global Accelerator use one global zone and ignore the
/// region, except that CloudFront in an `aws-cn` region uses the China zone.
/// An unrecognised region is ignored for them too: it cannot change the answer
/// outside China, and region validity is checked where the region is written.
pub fn alias_hosted_zone_id(
    kind: AliasKind,
    region: Option<&str>,
) -> Result<&'static str, AliasZoneError> {
    let f = alias_file();
    match kind {
        AliasKind::CloudFront => {
            if region.and_then(partition_of) == Some("aws-cn") {
                Ok(&f.cloudfront_cn)
            } else {
                Ok(&f.cloudfront)
            }
        }
        AliasKind::GlobalAccelerator => Ok(&f.global_accelerator),
        _ => {
            let region = region.ok_or(AliasZoneError::NeedsRegion { kind })?;
            if !is_region(region) {
                return Err(AliasZoneError::UnknownRegion {
                    kind,
                    region: region.to_owned(),
                });
            }
            kind.zone_id_in(region)
                .ok_or_else(|| AliasZoneError::NoKnownZoneId {
                    kind,
                    region: region.to_owned(),
                })
        }
    }
}

/// The region encoded in an alias target DNS name, where the kind encodes one,
/// so users can write just the target name and let steer pick the zone id:
///
/// * `elb`: `*.REGION.elb.SUFFIX` (including the `dualstack.` prefix)
/// * `nlb`: `*.elb.REGION.SUFFIX`
/// * `api_gateway`: `*.execute-api.REGION.SUFFIX`
/// * `elastic_beanstalk`: `*.REGION.elasticbeanstalk.com`
/// * `s3_website`: `[BUCKET.]s3-website-REGION.SUFFIX` or
///   `[BUCKET.]s3-website.REGION.SUFFIX`
///
/// where SUFFIX is the region's partition DNS suffix (`amazonaws.com`,
/// `amazonaws.com.cn`, ...), so a China region with a `.com` name is refused
/// rather than guessed at. Case-insensitive, a trailing dot is allowed, and the
/// result is lowercase. `None` when the name does not have that shape, the
/// region is unknown, or the kind (CloudFront, Global Accelerator) has no
/// region in its names. Both S3 endpoint styles are accepted for every region:
/// this only infers the region, it does not validate the endpoint.
pub fn region_in_alias_target(kind: AliasKind, dns_name: &str) -> Option<String> {
    let name = dns_name.to_ascii_lowercase();
    let name = name.strip_suffix('.').unwrap_or(&name);
    let labels: Vec<&str> = name.split('.').collect();
    if labels.iter().any(|l| l.is_empty()) {
        return None;
    }
    match kind {
        AliasKind::Elb => find_region(&labels, &[], &["elb"], None, 1),
        AliasKind::Nlb => find_region(&labels, &["elb"], &[], None, 1),
        AliasKind::ApiGateway => find_region(&labels, &["execute-api"], &[], None, 1),
        AliasKind::ElasticBeanstalk => {
            find_region(&labels, &[], &[], Some("elasticbeanstalk.com"), 1)
        }
        AliasKind::S3Website => find_region(&labels, &["s3-website"], &[], None, 0).or_else(|| {
            // Dash style: the region is glued onto the `s3-website-` label.
            labels.iter().enumerate().find_map(|(i, label)| {
                let region = label.strip_prefix("s3-website-")?;
                let tail = labels[i + 1..].join(".");
                (is_region(region) && dns_suffix_of(region) == Some(tail.as_str()))
                    .then(|| region.to_owned())
            })
        }),
        AliasKind::CloudFront | AliasKind::GlobalAccelerator => None,
    }
}

/// Finds a label that is a known region, directly preceded by the labels
/// `before` (themselves preceded by at least `min_prefix` labels) and followed
/// by the labels `after` and then exactly the DNS suffix: `fixed_suffix`, or
/// else the region's own partition suffix.
fn find_region(
    labels: &[&str],
    before: &[&str],
    after: &[&str],
    fixed_suffix: Option<&str>,
    min_prefix: usize,
) -> Option<String> {
    (0..labels.len()).find_map(|i| {
        let region = labels[i];
        let start = i.checked_sub(before.len())?;
        if start < min_prefix || labels[start..i] != *before || !is_region(region) {
            return None;
        }
        let rest = &labels[i + 1..];
        if !rest.starts_with(after) {
            return None;
        }
        let suffix = fixed_suffix.or_else(|| dns_suffix_of(region))?;
        (rest[after.len()..].join(".") == suffix).then(|| region.to_owned())
    })
}

/// The S3 website endpoint domain for a region. Which of the two styles a
/// region uses (`s3-website-REGION` or `s3-website.REGION`) is historical
/// and cannot be derived from the code, so it comes from the table.
pub fn s3_website_endpoint(region: &str) -> Option<&'static str> {
    alias_file()
        .s3_website
        .get(region)
        .map(|e| e.endpoint.as_str())
}

#[cfg(test)]
mod tests {
    #[test]
    fn region_locations_are_known_regions_on_the_globe() {
        let file = super::region_locations_file();
        assert!(file.regions.len() >= 23);
        for (code, at) in &file.regions {
            assert!(super::is_region(code), "{code} is not a region");
            assert!(crate::geo::country_name(&at.country).is_some(), "{code}");
            assert!((-90.0..=90.0).contains(&at.latitude), "{code}");
            assert!((-180.0..=180.0).contains(&at.longitude), "{code}");
        }
        let dublin = super::region_location("eu-west-1").expect("eu-west-1");
        assert_eq!(dublin.country, "IE");
        assert!(super::region_location("mx-central-1").is_none());
    }

    use super::*;
    use serde_json::Value;
    use std::collections::BTreeSet;

    fn raw(json: &str) -> Value {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn embedded_data_parses() {
        assert_eq!(regions().count(), 46);
        assert!(!alias_file().elb.is_empty());
    }

    #[test]
    fn regions_cover_all_partitions() {
        for code in [
            "us-east-1",
            "eu-west-1",
            "cn-north-1",
            "cn-northwest-1",
            "us-gov-west-1",
            "us-gov-east-1",
            "us-iso-east-1",
            "us-isob-east-1",
            "us-isof-south-1",
            "eu-isoe-west-1",
            "eusc-de-east-1",
            "mx-central-1",
            "ap-southeast-7",
        ] {
            assert!(is_region(code), "{code} should be a region");
        }
        for code in [
            "",
            "eu-west",
            "EU-WEST-1",
            "eu-west-9",
            "global",
            "us-east-1 ",
        ] {
            assert!(!is_region(code), "{code:?} should not be a region");
        }
    }

    #[test]
    fn regions_are_sorted_and_unique() {
        let all: Vec<&str> = regions().collect();
        let mut sorted = all.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(all, sorted);
        assert_eq!(all.first(), Some(&"af-south-1"));
        assert_eq!(all.last(), Some(&"us-west-2"));
    }

    #[test]
    fn descriptions_and_partitions() {
        assert_eq!(region_description("eu-west-1"), Some("Europe (Ireland)"));
        assert_eq!(
            region_description("us-east-1"),
            Some("US East (N. Virginia)")
        );
        assert_eq!(region_description("nowhere-1"), None);
        assert_eq!(partition_of("eu-west-1"), Some("aws"));
        assert_eq!(partition_of("cn-north-1"), Some("aws-cn"));
        assert_eq!(partition_of("us-gov-west-1"), Some("aws-us-gov"));
        assert_eq!(partition_of("us-isob-east-1"), Some("aws-iso-b"));
        assert_eq!(partition_of("eusc-de-east-1"), Some("aws-eusc"));
        assert_eq!(partition_of("nowhere-1"), None);
        assert_eq!(dns_suffix_of("eu-west-1"), Some("amazonaws.com"));
        assert_eq!(dns_suffix_of("cn-northwest-1"), Some("amazonaws.com.cn"));
        assert_eq!(dns_suffix_of("us-gov-east-1"), Some("amazonaws.com"));
        assert_eq!(dns_suffix_of("us-isof-east-1"), Some("csp.hci.ic.gov"));
        assert_eq!(dns_suffix_of("nowhere-1"), None);
    }

    #[test]
    fn partition_lists_agree_with_region_entries() {
        let f = regions_file();
        let mut listed = BTreeSet::new();
        for (name, p) in &f.partitions {
            for r in &p.regions {
                assert_eq!(partition_of(r), Some(name.as_str()), "{r}");
                assert!(listed.insert(r.as_str()), "{r} listed twice");
            }
        }
        let all: BTreeSet<&str> = regions().collect();
        assert_eq!(listed, all);
    }

    #[test]
    fn health_checker_regions_are_the_eight() {
        let expected = [
            "ap-northeast-1",
            "ap-southeast-1",
            "ap-southeast-2",
            "eu-west-1",
            "sa-east-1",
            "us-east-1",
            "us-west-1",
            "us-west-2",
        ];
        assert_eq!(health_checker_regions(), expected);
        // The lookups use the API model's `HealthCheckRegion` list; the copy
        // in aws-regions.json (from aws-sdk-go-v2) must say the same.
        assert_eq!(
            health_checker_regions(),
            regions_file().route53_health_checker_regions
        );
        for r in expected {
            assert!(is_health_checker_region(r));
            assert!(is_region(r));
        }
        assert!(!is_health_checker_region("eu-central-1"));
        assert!(!is_health_checker_region("us-east-2"));
        assert!(!is_health_checker_region(""));
    }

    /// Each API list is sorted (the lookups binary-search it), has no
    /// repeats, and names only regions steer knows.
    #[test]
    fn route53_api_lists_are_sorted_known_regions() {
        let f = route53_api_file();
        for (name, list) in [
            ("latency", &f.latency_regions),
            ("health checker", &f.health_checker_regions),
            ("cloudwatch alarm", &f.cloudwatch_alarm_regions),
            ("vpc", &f.vpc_regions),
        ] {
            assert!(!list.is_empty(), "{name}");
            assert!(
                list.windows(2).all(|w| w[0] < w[1]),
                "{name} regions are not sorted and unique"
            );
            for r in list {
                assert!(is_region(r), "{name} region {r} is not a known region");
            }
        }
        let source = raw(ROUTE53_API_REGIONS_JSON)["source"].clone();
        assert!(
            source.as_str().is_some_and(|s| s.contains("botocore")),
            "{source}"
        );
    }

    /// `ResourceRecordSetRegion` has no value in any ISO partition, and
    /// every other region steer knows is one of its values.
    #[test]
    fn latency_regions_exclude_the_iso_partitions() {
        assert_eq!(latency_regions().len(), 39);
        for region in regions() {
            let iso = partition_of(region).unwrap().starts_with("aws-iso");
            assert_eq!(is_latency_region(region), !iso, "{region}");
        }
        for iso in [
            "us-iso-east-1",
            "us-iso-west-1",
            "us-isob-east-1",
            "us-isob-west-1",
            "us-isof-east-1",
            "us-isof-south-1",
            "eu-isoe-west-1",
        ] {
            assert!(is_region(iso), "{iso}");
            assert!(!is_latency_region(iso), "{iso}");
        }
        for ok in [
            "us-east-1",
            "eu-west-1",
            "cn-north-1",
            "us-gov-west-1",
            "eusc-de-east-1",
            "mx-central-1",
        ] {
            assert!(is_latency_region(ok), "{ok}");
        }
        assert!(!is_latency_region("EU-WEST-1"));
        assert!(!is_latency_region(""));
    }

    #[test]
    fn cloudwatch_alarm_regions_are_every_region() {
        // The API's CloudWatchRegion enum includes the ISO partitions.
        let all: Vec<&str> = regions().collect();
        assert_eq!(cloudwatch_alarm_regions(), all);
        assert!(is_cloudwatch_alarm_region("us-iso-east-1"));
        assert!(is_cloudwatch_alarm_region("eu-west-1"));
        assert!(!is_cloudwatch_alarm_region("eu-west-9"));
        let vpc: Vec<&str> = route53_api_file()
            .vpc_regions
            .iter()
            .map(String::as_str)
            .collect();
        assert_eq!(vpc, all);
    }

    #[test]
    fn keywords_round_trip() {
        let keywords: Vec<&str> = AliasKind::ALL.iter().map(|k| k.keyword()).collect();
        assert_eq!(
            keywords,
            [
                "elb",
                "nlb",
                "cloudfront",
                "s3_website",
                "api_gateway",
                "global_accelerator",
                "elastic_beanstalk"
            ]
        );
        for k in AliasKind::ALL {
            assert_eq!(AliasKind::from_keyword(k.keyword()), Some(k));
            assert_eq!(k.to_string(), k.keyword());
            assert!(!k.describe().is_empty());
        }
        assert_eq!(AliasKind::from_keyword("ELB"), None);
        assert_eq!(AliasKind::from_keyword("alb"), None);
        assert_eq!(
            AliasKind::Elb.describe(),
            "Elastic Load Balancer (Classic or Application)"
        );
        let mut sorted = AliasKind::ALL;
        sorted.sort();
        assert_eq!(sorted, AliasKind::ALL);
    }

    #[test]
    fn regional_kinds() {
        let global: Vec<AliasKind> = AliasKind::ALL
            .into_iter()
            .filter(|k| !k.is_regional())
            .collect();
        assert_eq!(
            global,
            [AliasKind::CloudFront, AliasKind::GlobalAccelerator]
        );
    }

    #[test]
    fn zone_ids_match_the_json() {
        use AliasKind::*;
        let json = raw(ALIAS_ZONE_IDS_JSON);
        assert_eq!(
            alias_hosted_zone_id(Elb, Some("eu-west-1")),
            Ok("Z32O12XQLNTSW2")
        );
        assert_eq!(
            alias_hosted_zone_id(Elb, Some("eu-west-1")).unwrap(),
            json["elb"]["eu-west-1"]
        );
        assert_eq!(
            alias_hosted_zone_id(Nlb, Some("eu-west-1")),
            Ok("Z2IFOLAFXWLO4F")
        );
        assert_eq!(
            alias_hosted_zone_id(Elb, Some("us-east-1")),
            Ok("Z35SXDOTRQ7X7K")
        );
        assert_eq!(
            alias_hosted_zone_id(Nlb, Some("us-east-1")),
            Ok("Z26RNL4JYFTOTI")
        );
        assert_eq!(
            alias_hosted_zone_id(S3Website, Some("us-east-1")),
            Ok("Z3AQBSTGFYJSTF")
        );
        assert_eq!(
            alias_hosted_zone_id(ApiGateway, Some("us-east-1")),
            Ok("Z1UJRXOUMOOFQ8")
        );
        assert_eq!(
            alias_hosted_zone_id(ElasticBeanstalk, Some("us-east-1")),
            Ok("Z117KPS5GTRQ2G")
        );
        assert_eq!(
            alias_hosted_zone_id(Elb, Some("cn-north-1")),
            Ok("Z1GDH35T77C1KE")
        );

        // Every table entry is reachable through the public function.
        let tables = [
            (Elb, "elb"),
            (Nlb, "nlb"),
            (ApiGateway, "apigateway_regional"),
            (ElasticBeanstalk, "elastic_beanstalk"),
        ];
        for (kind, key) in tables {
            for (region, id) in json[key].as_object().unwrap() {
                assert_eq!(alias_hosted_zone_id(kind, Some(region)).unwrap(), id);
            }
        }
        for (region, entry) in json["s3_website"].as_object().unwrap() {
            assert_eq!(
                alias_hosted_zone_id(S3Website, Some(region)).unwrap(),
                entry["zone_id"]
            );
            assert_eq!(s3_website_endpoint(region).unwrap(), entry["endpoint"]);
        }
    }

    #[test]
    fn cloudfront_and_global_accelerator_ignore_region() {
        use AliasKind::*;
        for region in [
            None,
            Some("us-east-1"),
            Some("eu-west-1"),
            Some("not-a-region"),
        ] {
            assert_eq!(
                alias_hosted_zone_id(CloudFront, region),
                Ok("Z2FDTNDATAQYW2")
            );
            assert_eq!(
                alias_hosted_zone_id(GlobalAccelerator, region),
                Ok("Z2BJ6XQ5FK7U4H")
            );
        }
        for cn in ["cn-north-1", "cn-northwest-1"] {
            assert_eq!(
                alias_hosted_zone_id(CloudFront, Some(cn)),
                Ok("Z3RFFRIM2A3IF5")
            );
            assert_eq!(
                alias_hosted_zone_id(GlobalAccelerator, Some(cn)),
                Ok("Z2BJ6XQ5FK7U4H")
            );
        }
        // GovCloud is not China: it keeps the global CloudFront zone.
        assert_eq!(
            alias_hosted_zone_id(CloudFront, Some("us-gov-west-1")),
            Ok("Z2FDTNDATAQYW2")
        );
    }

    #[test]
    fn regional_kinds_need_a_region() {
        for kind in AliasKind::ALL.into_iter().filter(|k| k.is_regional()) {
            assert_eq!(
                alias_hosted_zone_id(kind, None),
                Err(AliasZoneError::NeedsRegion { kind })
            );
        }
    }

    #[test]
    fn unknown_region_is_its_own_error() {
        let err = alias_hosted_zone_id(AliasKind::Elb, Some("eu-wset-1")).unwrap_err();
        assert_eq!(
            err,
            AliasZoneError::UnknownRegion {
                kind: AliasKind::Elb,
                region: "eu-wset-1".into()
            }
        );
        assert!(err.to_string().contains("eu-wset-1"));
        // Case matters: templates always use lowercase codes.
        assert!(matches!(
            alias_hosted_zone_id(AliasKind::Nlb, Some("EU-WEST-1")),
            Err(AliasZoneError::UnknownRegion { .. })
        ));
    }

    #[test]
    fn table_gaps_are_reported_as_gaps() {
        use AliasKind::*;
        let err = alias_hosted_zone_id(S3Website, Some("mx-central-1")).unwrap_err();
        assert_eq!(
            err,
            AliasZoneError::NoKnownZoneId {
                kind: S3Website,
                region: "mx-central-1".into()
            }
        );
        let msg = err.to_string();
        assert!(msg.contains("known gap"), "{msg}");
        assert!(msg.contains("explicitly"), "{msg}");
        assert!(msg.contains("mx-central-1"), "{msg}");
        assert!(msg.contains("s3_website"), "{msg}");

        for (kind, region) in [
            (S3Website, "ap-southeast-6"),
            (ApiGateway, "il-central-1"),
            (ApiGateway, "cn-north-1"),
            (ElasticBeanstalk, "ap-east-2"),
            (ElasticBeanstalk, "cn-northwest-1"),
            (Elb, "us-iso-east-1"),
            (Nlb, "eusc-de-east-1"),
        ] {
            assert!(
                matches!(
                    alias_hosted_zone_id(kind, Some(region)),
                    Err(AliasZoneError::NoKnownZoneId { .. })
                ),
                "{kind} in {region}"
            );
        }
        assert_eq!(s3_website_endpoint("mx-central-1"), None);
    }

    /// Two regions of one service with the same hosted-zone id is how a
    /// copied row shows (four Elastic Beanstalk ids once carried another
    /// region's id). A pair is only allowed when a cited source says the two
    /// regions really share a zone; no source says so today, so the list is
    /// empty. Entries: (table, region, region, where the source says so).
    const SHARED_ZONE_IDS: &[(&str, &str, &str, &str)] = &[];

    #[test]
    fn no_two_regions_of_a_service_share_a_zone_id() {
        let f = alias_file();
        let s3: BTreeMap<String, String> = f
            .s3_website
            .iter()
            .map(|(r, e)| (r.clone(), e.zone_id.clone()))
            .collect();
        let tables = [
            ("elb", &f.elb),
            ("nlb", &f.nlb),
            ("s3_website", &s3),
            ("apigateway_regional", &f.apigateway_regional),
            ("elastic_beanstalk", &f.elastic_beanstalk),
        ];
        let mut shared = Vec::new();
        for (table, map) in tables {
            let mut first: BTreeMap<&str, &str> = BTreeMap::new();
            for (region, id) in map {
                if let Some(other) = first.insert(id, region) {
                    let allowed = SHARED_ZONE_IDS.iter().any(|(t, a, b, _)| {
                        *t == table
                            && ((*a == other && *b == region) || (*a == region && *b == other))
                    });
                    if !allowed {
                        shared.push(format!("{table}: {other} and {region} both have {id}"));
                    }
                }
            }
        }
        assert!(shared.is_empty(), "{shared:#?}");
    }

    /// The four Elastic Beanstalk ids corrected from the AWS General
    /// Reference page "AWS Elastic Beanstalk endpoints and quotas"; before,
    /// they were the ids of ap-south-1, ap-northeast-1, eu-north-1 and
    /// sa-east-1.
    #[test]
    fn corrected_beanstalk_zone_ids() {
        use AliasKind::ElasticBeanstalk;
        for (region, id) in [
            ("ap-southeast-5", "Z01812971H0QCYWSL7WOH"),
            ("ap-southeast-7", "Z08384933QM5LSQCVMNZM"),
            ("eu-south-2", "Z0243492AO4B9S3KI68O"),
            ("me-central-1", "Z0650511N84AAKGW7QUK"),
        ] {
            assert_eq!(
                alias_hosted_zone_id(ElasticBeanstalk, Some(region)),
                Ok(id),
                "{region}"
            );
        }
    }

    #[test]
    fn table_sizes_match_sources_md() {
        let f = alias_file();
        assert_eq!(f.elb.len(), 38);
        assert_eq!(f.nlb.len(), 38);
        assert_eq!(f.s3_website.len(), 38);
        assert_eq!(f.apigateway_regional.len(), 25);
        assert_eq!(f.elastic_beanstalk.len(), 34);
    }

    #[test]
    fn every_alias_table_region_is_known() {
        let f = alias_file();
        let keys = f
            .elb
            .keys()
            .chain(f.nlb.keys())
            .chain(f.s3_website.keys())
            .chain(f.apigateway_regional.keys())
            .chain(f.elastic_beanstalk.keys());
        for region in keys {
            assert!(
                is_region(region),
                "{region} is in an alias table but not a region"
            );
        }
    }

    #[test]
    fn every_table_has_a_source() {
        let json = raw(ALIAS_ZONE_IDS_JSON);
        let obj = json.as_object().unwrap();
        let sources = obj["source"].as_object().unwrap();
        let tables: BTreeSet<&str> = obj
            .keys()
            .map(String::as_str)
            .filter(|k| *k != "source")
            .collect();
        let sourced: BTreeSet<&str> = sources.keys().map(String::as_str).collect();
        assert_eq!(tables, sourced);
        let regions_json = raw(REGIONS_JSON);
        let sources = regions_json["source"].as_object().unwrap();
        for key in ["partitions", "regions", "route53_health_checker_regions"] {
            assert!(sources.contains_key(key), "no source for {key}");
        }
    }

    #[test]
    fn zone_ids_look_like_zone_ids() {
        let f = alias_file();
        let all = f
            .elb
            .values()
            .chain(f.nlb.values())
            .chain(f.apigateway_regional.values())
            .chain(f.elastic_beanstalk.values())
            .chain(f.s3_website.values().map(|e| &e.zone_id))
            .chain([&f.cloudfront, &f.cloudfront_cn, &f.global_accelerator]);
        for id in all {
            assert!(id.starts_with('Z'), "{id}");
            assert!(
                id.bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()),
                "{id}"
            );
        }
    }

    #[test]
    fn s3_endpoints_follow_the_documented_rule() {
        // SOURCES.md: these nine use `s3-website-REGION.amazonaws.com`,
        // everything else `s3-website.REGION.<partition suffix>`.
        let dash = [
            "ap-northeast-1",
            "ap-southeast-1",
            "ap-southeast-2",
            "eu-west-1",
            "sa-east-1",
            "us-east-1",
            "us-gov-west-1",
            "us-west-1",
            "us-west-2",
        ];
        for region in alias_file().s3_website.keys() {
            let expected = if dash.contains(&region.as_str()) {
                format!("s3-website-{region}.amazonaws.com")
            } else {
                format!("s3-website.{region}.{}", dns_suffix_of(region).unwrap())
            };
            assert_eq!(s3_website_endpoint(region), Some(expected.as_str()));
            // And the endpoint parses back to its own region.
            assert_eq!(
                region_in_alias_target(AliasKind::S3Website, &expected).as_deref(),
                Some(region.as_str())
            );
        }
        assert_eq!(
            s3_website_endpoint("eu-west-1"),
            Some("s3-website-eu-west-1.amazonaws.com")
        );
        assert_eq!(
            s3_website_endpoint("cn-north-1"),
            Some("s3-website.cn-north-1.amazonaws.com.cn")
        );
    }

    fn region(kind: AliasKind, name: &str) -> Option<String> {
        region_in_alias_target(kind, name)
    }

    #[test]
    fn elb_names() {
        use AliasKind::Elb;
        let r = |s| region(Elb, s);
        assert_eq!(
            r("my-lb-1234567890.eu-west-1.elb.amazonaws.com").as_deref(),
            Some("eu-west-1")
        );
        assert_eq!(
            r("dualstack.my-lb-1234567890.us-west-2.elb.amazonaws.com").as_deref(),
            Some("us-west-2")
        );
        assert_eq!(
            r("internal-app-42.us-gov-west-1.elb.amazonaws.com.").as_deref(),
            Some("us-gov-west-1")
        );
        assert_eq!(
            r("DualStack.My-LB-1.EU-WEST-1.ELB.AMAZONAWS.COM.").as_deref(),
            Some("eu-west-1")
        );
        assert_eq!(
            r("my-lb-1.cn-north-1.elb.amazonaws.com.cn").as_deref(),
            Some("cn-north-1")
        );
        // Wrong partition suffix, unknown region, missing name, NLB shape.
        assert_eq!(r("my-lb-1.cn-north-1.elb.amazonaws.com"), None);
        assert_eq!(r("my-lb-1.eu-west-1.elb.amazonaws.com.cn"), None);
        assert_eq!(r("my-lb-1.eu-west-9.elb.amazonaws.com"), None);
        assert_eq!(r("eu-west-1.elb.amazonaws.com"), None);
        assert_eq!(r("my-nlb-1.elb.eu-west-1.amazonaws.com"), None);
        assert_eq!(r("my-lb..eu-west-1.elb.amazonaws.com"), None);
        assert_eq!(r(""), None);
        assert_eq!(r("."), None);
    }

    #[test]
    fn nlb_names() {
        use AliasKind::Nlb;
        let r = |s| region(Nlb, s);
        assert_eq!(
            r("my-nlb-0123456789abcdef.elb.eu-central-1.amazonaws.com").as_deref(),
            Some("eu-central-1")
        );
        assert_eq!(
            r("dualstack.my-nlb-0123.elb.us-east-1.amazonaws.com.").as_deref(),
            Some("us-east-1")
        );
        assert_eq!(
            r("my-nlb-0123.elb.cn-northwest-1.amazonaws.com.cn").as_deref(),
            Some("cn-northwest-1")
        );
        assert_eq!(r("my-lb-1.eu-west-1.elb.amazonaws.com"), None);
        assert_eq!(r("my-nlb.elb.eu-west-1.amazonaws.com.cn"), None);
        assert_eq!(r("elb.eu-west-1.amazonaws.com"), None);
        assert_eq!(r("my-nlb.elb.mars-north-1.amazonaws.com"), None);
    }

    #[test]
    fn api_gateway_and_beanstalk_names() {
        use AliasKind::{ApiGateway, ElasticBeanstalk};
        assert_eq!(
            region(
                ApiGateway,
                "d-abcdef1234.execute-api.ap-southeast-2.amazonaws.com"
            )
            .as_deref(),
            Some("ap-southeast-2")
        );
        assert_eq!(
            region(ApiGateway, "D-ABC.EXECUTE-API.US-EAST-1.AMAZONAWS.COM.").as_deref(),
            Some("us-east-1")
        );
        assert_eq!(
            region(ApiGateway, "execute-api.us-east-1.amazonaws.com"),
            None
        );
        assert_eq!(
            region(ApiGateway, "d-abc.execute-api.us-east-1.amazonaws.com.cn"),
            None
        );
        assert_eq!(
            region(
                ElasticBeanstalk,
                "myenv.eba-abc123.eu-west-2.elasticbeanstalk.com"
            )
            .as_deref(),
            Some("eu-west-2")
        );
        assert_eq!(
            region(ElasticBeanstalk, "myenv.us-west-2.elasticbeanstalk.com.").as_deref(),
            Some("us-west-2")
        );
        assert_eq!(region(ElasticBeanstalk, "myenv.elasticbeanstalk.com"), None);
        assert_eq!(
            region(ElasticBeanstalk, "us-west-2.elasticbeanstalk.com"),
            None
        );
        assert_eq!(
            region(ElasticBeanstalk, "myenv.us-west-2.elasticbeanstalk.com.cn"),
            None
        );
    }

    #[test]
    fn s3_website_names() {
        use AliasKind::S3Website;
        let r = |s| region(S3Website, s);
        assert_eq!(
            r("s3-website-us-east-1.amazonaws.com").as_deref(),
            Some("us-east-1")
        );
        assert_eq!(
            r("www.example.com.s3-website-eu-west-1.amazonaws.com.").as_deref(),
            Some("eu-west-1")
        );
        assert_eq!(
            r("my-bucket.s3-website.eu-central-1.amazonaws.com").as_deref(),
            Some("eu-central-1")
        );
        assert_eq!(
            r("S3-Website.CN-North-1.amazonaws.com.cn").as_deref(),
            Some("cn-north-1")
        );
        // Gap regions still yield their region, so the caller can report the
        // gap rather than "cannot infer region".
        assert_eq!(
            r("b.s3-website.mx-central-1.amazonaws.com").as_deref(),
            Some("mx-central-1")
        );
        // A bucket whose name looks like an endpoint does not confuse it.
        assert_eq!(
            r("s3-website-eu-west-1.s3-website-us-east-1.amazonaws.com").as_deref(),
            Some("us-east-1")
        );
        assert_eq!(
            r("s3-website.eu-west-1.s3-website.ca-central-1.amazonaws.com").as_deref(),
            Some("ca-central-1")
        );
        assert_eq!(r("s3-website.us-east-1.amazonaws.com.cn"), None);
        assert_eq!(r("s3-website-eu-west-9.amazonaws.com"), None);
        assert_eq!(r("s3.eu-west-1.amazonaws.com"), None);
        assert_eq!(r("bucket.s3.amazonaws.com"), None);
        assert_eq!(r("s3-website-.amazonaws.com"), None);
    }

    #[test]
    fn global_kinds_have_no_region_in_names() {
        assert_eq!(
            region(AliasKind::CloudFront, "d111111abcdef8.cloudfront.net"),
            None
        );
        assert_eq!(
            region(
                AliasKind::GlobalAccelerator,
                "a1234567890abcdef.awsglobalaccelerator.com"
            ),
            None
        );
        // Even a name that would parse for another kind.
        assert_eq!(
            region(AliasKind::CloudFront, "x.eu-west-1.elb.amazonaws.com"),
            None
        );
    }

    #[test]
    fn error_messages_name_the_kind() {
        let e = AliasZoneError::NeedsRegion {
            kind: AliasKind::Nlb,
        };
        let msg = e.to_string();
        assert!(msg.contains("`nlb`"), "{msg}");
        assert!(msg.contains("Network Load Balancer"), "{msg}");
    }
}
