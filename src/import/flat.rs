//! The shared intermediate of the Route 53 importers: record sets and
//! health checks as the Route 53 API describes them (`ResourceRecordSet`,
//! `HealthCheckConfig`), whatever they were read from. `steer import
//! route53` fills it from the JSON the AWS CLI prints, `steer import
//! terraform` from `aws_route53_*` resources; [`super::raise`] turns it
//! into a steer configuration, so both sources share one raise step.
//!
//! Field meanings are the API reference's:
//! [ResourceRecordSet](https://docs.aws.amazon.com/Route53/latest/APIReference/API_ResourceRecordSet.html),
//! [AliasTarget](https://docs.aws.amazon.com/Route53/latest/APIReference/API_AliasTarget.html),
//! [GeoLocation](https://docs.aws.amazon.com/Route53/latest/APIReference/API_GeoLocation.html),
//! [GeoProximityLocation](https://docs.aws.amazon.com/Route53/latest/APIReference/API_GeoProximityLocation.html),
//! [CidrRoutingConfig](https://docs.aws.amazon.com/Route53/latest/APIReference/API_CidrRoutingConfig.html),
//! [HealthCheckConfig](https://docs.aws.amazon.com/Route53/latest/APIReference/API_HealthCheckConfig.html).

/// A value: a literal, or a reference the importer cannot read statically
/// (a Terraform expression such as `aws_lb.eu.dns_name`), which becomes a
/// steer `input` with that `terraform` reference.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Val {
    Lit(String),
    /// A Terraform traversal, as written (`aws_lb.eu.dns_name`).
    Ref(String),
}

impl Val {
    pub fn lit(&self) -> Option<&str> {
        match self {
            Val::Lit(s) => Some(s),
            Val::Ref(_) => None,
        }
    }
}

/// Everything read from one source, for one zone.
#[derive(Debug, Default)]
pub struct Flat {
    /// The zone's name (ASCII, lower case, no trailing dot), when the
    /// source says it (`--zone`, the apex SOA, `aws_route53_zone`).
    pub zone: Option<String>,
    /// The hosted zone's id when known: aliases with this `HostedZoneId`
    /// point into the zone.
    pub zone_id: Option<Val>,
    /// The hosted zone's id as the configuration names it (written as the
    /// zone's `hosted_zone_id`): a literal, or a Terraform reference.
    pub hosted_zone_id: Option<Val>,
    /// The zone is created by the source (`aws_route53_zone`), not looked up.
    pub create_zone: bool,
    pub sets: Vec<FlatSet>,
    pub checks: Vec<FlatCheck>,
    pub collections: Vec<FlatCollection>,
    /// What the reader left out, with where and why.
    pub skipped: Vec<Skip>,
    /// What the reader knows of the inputs its references become, by
    /// reference (`var.region`): written with the input when it is used.
    pub inputs: BTreeMap<String, InputNote>,
    /// The record sets read from Traffic Flow policies
    /// ([`super::traffic`]), by their `location`: their set identifiers
    /// are the importer's (never written as `id`), and the endpoint a set
    /// answers with is named after the document's endpoint id, if any.
    pub traffic_flow: BTreeMap<String, Option<String>>,
}

/// What is known of an input: the Terraform variable's `description`, or
/// where a module's value came from; a comment (a variable's default).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InputNote {
    pub description: Option<String>,
    pub comment: Option<String>,
}

use std::collections::BTreeMap;

use super::Location;
pub use super::Skip;

/// One `ResourceRecordSet`.
#[derive(Debug, Clone)]
pub struct FlatSet {
    /// Fully qualified, lower case, no trailing dot; `\052` read as `*`.
    pub name: String,
    pub record_type: String,
    pub set_identifier: Option<String>,
    pub ttl: Option<u32>,
    pub answer: FlatAnswer,
    /// The key of a [`FlatCheck`] (its id, or its Terraform address).
    pub health_check: Option<String>,
    pub routing: FlatRouting,
    /// What it is, for messages: `record set NAME TYPE "ID"`, or the
    /// Terraform resource's address.
    pub location: String,
    /// Where it is in the input.
    pub at: Option<Location>,
}

#[derive(Debug, Clone)]
pub enum FlatAnswer {
    /// `ResourceRecords[].Value`, in Route 53's presentation form.
    Values(Vec<Val>),
    Alias {
        dns_name: Val,
        hosted_zone_id: Option<Val>,
        evaluate_target_health: bool,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum FlatRouting {
    Simple,
    /// `Failover`: true for `PRIMARY`.
    Failover(bool),
    /// `Region`.
    Latency(String),
    /// `GeoLocation`: continent, country (`*` the default), subdivision.
    Geolocation {
        continent: Option<String>,
        country: Option<String>,
        subdivision: Option<String>,
    },
    /// `Weight` (0 – 255).
    Weighted(i64),
    /// `MultiValueAnswer: true`.
    Multivalue,
    /// `GeoProximityLocation`.
    Geoproximity {
        aws_region: Option<String>,
        /// (latitude, longitude) as the API writes them (strings).
        coordinates: Option<(String, String)>,
        local_zone_group: Option<String>,
        bias: i64,
    },
    /// `CidrRoutingConfig`: the collection's key (its id or Terraform
    /// address) and the location (`*` the default).
    Cidr {
        collection: String,
        location: String,
    },
}

impl FlatRouting {
    /// The API field that sets this routing, for messages.
    pub fn field(&self) -> &'static str {
        match self {
            FlatRouting::Simple => "no routing field",
            FlatRouting::Failover(_) => "Failover",
            FlatRouting::Latency(_) => "Region",
            FlatRouting::Geolocation { .. } => "GeoLocation",
            FlatRouting::Weighted(_) => "Weight",
            FlatRouting::Multivalue => "MultiValueAnswer",
            FlatRouting::Geoproximity { .. } => "GeoProximityLocation",
            FlatRouting::Cidr { .. } => "CidrRoutingConfig",
        }
    }
}

/// One health check: `HealthCheckConfig` and its tags.
#[derive(Debug, Clone, Default)]
pub struct FlatCheck {
    /// What record sets and calculated checks refer to it by.
    pub key: String,
    /// The `Name` tag, which the Route 53 console lists checks by.
    pub name_tag: Option<String>,
    pub tags: Vec<(String, String)>,
    /// `Type`: HTTP, HTTPS, HTTP_STR_MATCH, HTTPS_STR_MATCH, TCP,
    /// CALCULATED, CLOUDWATCH_METRIC, RECOVERY_CONTROL.
    pub check_type: String,
    pub ip_address: Option<Val>,
    pub fqdn: Option<Val>,
    pub port: Option<i64>,
    pub resource_path: Option<String>,
    pub search_string: Option<String>,
    pub request_interval: Option<i64>,
    pub failure_threshold: Option<i64>,
    pub measure_latency: bool,
    pub inverted: bool,
    pub disabled: bool,
    pub enable_sni: Option<bool>,
    pub regions: Vec<String>,
    pub health_threshold: Option<i64>,
    /// Keys of the child checks.
    pub children: Vec<String>,
    pub alarm: Option<(Val, String)>,
    /// `Healthy`, `Unhealthy` or `LastKnownStatus`.
    pub insufficient_data: Option<String>,
    pub routing_control_arn: Option<Val>,
    /// What it is, for messages (`health check ID`, a resource address).
    pub location: String,
    pub at: Option<Location>,
}

/// A CIDR collection with its locations and blocks.
#[derive(Debug, Clone)]
pub struct FlatCollection {
    pub key: String,
    pub name: String,
    pub locations: Vec<(String, Vec<String>)>,
}
