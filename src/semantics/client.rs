//! Who asks: a [`Client`] is what Route 53 knows about where a query comes
//! from, and so which geolocation rule, CIDR block and nearest region it
//! gets.
//!
//! A client can carry three independent facts, each used by the policies
//! that read it:
//!
//! - a **geolocation** (continent, country, US state): read by geolocation
//!   routing. A country implies its continent (Route 53's own mapping,
//!   [`crate::geo::country_continent`]), a state its country and continent.
//! - a **point** (latitude, longitude): read by latency and geoproximity
//!   routing, which steer models as "nearest by great-circle distance".
//! - an **IP address** or a **CIDR location**: read by CIDR routing.
//!
//! A client placed in an AWS region ([`Client::in_aws_region`]) has the
//! region's point and its country (`data/aws-region-locations.json`). An IP
//! address is *not* mapped to a location: that takes a GeoIP database,
//! which steer does not ship and will not fetch, so an address only selects
//! CIDR blocks. A country or continent has no point (steer has no table of
//! country centres), so it does not select a latency member.
//!
//! [`Client::parse`] reads the CLI's `--from WHERE`; its documentation
//! lists the accepted forms.

use crate::{aws, geo};
use std::fmt;
use std::net::IpAddr;

/// What Route 53 knows about where a query comes from. [`Client::unknown`]
/// knows nothing: it matches only `default` rules, is in no CIDR block and
/// is near no region.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Client {
    geo: Option<Place>,
    point: Option<Point>,
    ip: Option<IpAddr>,
    cidr_location: Option<(String, String)>,
}

/// A geolocation: a continent, and within it maybe a country, and within
/// that maybe a subdivision (codes as Route 53 writes them: `EU`, `DE`,
/// `CA`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Place {
    pub continent: String,
    pub country: Option<String>,
    pub subdivision: Option<String>,
}

/// A point on the globe, kept in millionths of a degree so that a client
/// can be compared and hashed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Point {
    lat_e6: i32,
    lon_e6: i32,
}

impl Point {
    /// The point at `latitude` (−90..=90) and `longitude` (−180..=180)
    /// degrees; `None` outside those ranges or for NaN.
    pub fn new(latitude: f64, longitude: f64) -> Option<Point> {
        if !(-90.0..=90.0).contains(&latitude) || !(-180.0..=180.0).contains(&longitude) {
            return None;
        }
        // In range, so the products fit an i32 (at most 180e6).
        Some(Point {
            lat_e6: (latitude * 1e6).round() as i32,
            lon_e6: (longitude * 1e6).round() as i32,
        })
    }

    pub fn latitude(self) -> f64 {
        f64::from(self.lat_e6) / 1e6
    }

    pub fn longitude(self) -> f64 {
        f64::from(self.lon_e6) / 1e6
    }

    /// The great-circle distance to `other` in kilometres (haversine
    /// formula on a sphere of the Earth's mean radius, 6371.0088 km).
    pub fn distance_km(self, other: Point) -> f64 {
        const EARTH_RADIUS_KM: f64 = 6371.0088;
        let (la1, lo1) = (self.latitude().to_radians(), self.longitude().to_radians());
        let (la2, lo2) = (
            other.latitude().to_radians(),
            other.longitude().to_radians(),
        );
        let h = ((la2 - la1) / 2.0).sin().powi(2)
            + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
        2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
    }
}

impl fmt::Display for Point {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "({}, {})", self.latitude(), self.longitude())
    }
}

/// The forms [`Client::parse`] accepts, for its error messages.
pub const WHERE_FORMS: &str = "a continent (EU), a country (DE), a US state (US-CA), \
    an AWS region (eu-west-1), an IP address (192.0.2.1, 2001:db8::1) or coordinates \
    (\"53.35,-6.26\" or \"(53.35, -6.26)\"); `continent:NA` or `country:NA` where a \
    code is both";

impl Client {
    /// A client Route 53 cannot place (no known location, in no CIDR
    /// block): what a zone file is flattened for.
    pub fn unknown() -> Self {
        Client::default()
    }

    /// A client on the continent `code` (`AF`, `AN`, `AS`, `EU`, `NA`,
    /// `OC`, `SA`; upper case).
    pub fn in_continent(code: &str) -> Result<Client, String> {
        geo::continent_name(code).ok_or_else(|| format!("`{code}` is not a continent code"))?;
        Ok(Client {
            geo: Some(Place {
                continent: code.to_string(),
                country: None,
                subdivision: None,
            }),
            ..Client::default()
        })
    }

    /// A client in the country `code` (ISO 3166-1 alpha-2, upper case), and
    /// so on its continent. Route 53 has no location data for a few codes
    /// (BV, CX, EH, HM): those are refused.
    pub fn in_country(code: &str) -> Result<Client, String> {
        let continent = geo::country_continent(code).ok_or_else(|| {
            if geo::country_name(code).is_some() {
                format!("Route 53 has no location data for country `{code}`")
            } else {
                match geo::suggest_country(code) {
                    Some(s) => format!("`{code}` is not a country code; did you mean `{s}`?"),
                    None => format!("`{code}` is not a country code"),
                }
            }
        })?;
        Ok(Client {
            geo: Some(Place {
                continent: continent.to_string(),
                country: Some(code.to_string()),
                subdivision: None,
            }),
            ..Client::default()
        })
    }

    /// A client in the subdivision `code` of `country` (`("US", "CA")`;
    /// Route 53 has subdivisions of `US` and `UA`), and so in that country
    /// and on its continent.
    pub fn in_subdivision(country: &str, code: &str) -> Result<Client, String> {
        geo::subdivision_name(country, code)
            .ok_or_else(|| format!("`{country}-{code}` is not a Route 53 subdivision"))?;
        let mut client = Client::in_country(country)?;
        if let Some(place) = &mut client.geo {
            place.subdivision = Some(code.to_string());
        }
        Ok(client)
    }

    /// A client at these coordinates (degrees). Route 53 would place it
    /// in a country too; steer cannot without a map, so it selects only
    /// latency and geoproximity members.
    pub fn at_coordinates(latitude: f64, longitude: f64) -> Result<Client, String> {
        let point = Point::new(latitude, longitude).ok_or_else(|| {
            format!(
                "({latitude}, {longitude}) is not a place: latitude is -90..90, longitude -180..180"
            )
        })?;
        Ok(Client {
            point: Some(point),
            ..Client::default()
        })
    }

    /// A client with this IP address (or, for Route 53, whose resolver
    /// sends this EDNS client subnet). It selects the longest matching
    /// block of a CIDR collection; steer does not map addresses to
    /// geolocations (that needs a GeoIP database), so it matches only
    /// `default` geolocation rules and is near no region.
    pub fn at_ip(ip: IpAddr) -> Client {
        Client {
            ip: Some(ip),
            ..Client::default()
        }
    }

    /// A client in the AWS region `code`: at the region's point, in its
    /// country and continent (`data/aws-region-locations.json`). Refused
    /// for a region whose location steer does not know.
    pub fn in_aws_region(code: &str) -> Result<Client, String> {
        if !aws::is_region(code) {
            return Err(format!("`{code}` is not an AWS region"));
        }
        let at = aws::region_location(code).ok_or_else(|| {
            format!("steer does not know where AWS region `{code}` is; give coordinates instead")
        })?;
        let mut client = Client::in_country(&at.country)?;
        client.point = Point::new(at.latitude, at.longitude);
        Ok(client)
    }

    /// A client Route 53 places in `location` of the CIDR collection
    /// `collection` (whatever its address), as a CIDR client class does.
    pub fn in_cidr_location(collection: &str, location: &str) -> Client {
        Client {
            cidr_location: Some((collection.to_string(), location.to_string())),
            ..Client::default()
        }
    }

    /// Reads `--from WHERE`. Accepted, with surrounding spaces ignored and
    /// codes in any case:
    ///
    /// - a continent code: `EU`, `NA`, … ([`Client::in_continent`]);
    /// - a country code: `DE`, `IE`, … ([`Client::in_country`]);
    /// - `continent:CODE` or `country:CODE`: needed where a code is both a
    ///   continent and a country (`AF` Africa/Afghanistan, `AS` Asia/American
    ///   Samoa, `NA` North America/Namibia, `SA` South America/Saudi
    ///   Arabia), which is refused without the prefix;
    /// - `CC-SS`, a subdivision: `US-CA`, `UA-30` ([`Client::in_subdivision`]);
    /// - an AWS region code: `eu-west-1` ([`Client::in_aws_region`]);
    /// - an IPv4 or IPv6 address ([`Client::at_ip`]);
    /// - coordinates `LAT,LON` or `(LAT, LON)` in degrees
    ///   ([`Client::at_coordinates`]).
    pub fn parse(where_: &str) -> Result<Client, String> {
        let text = where_.trim();
        if text.is_empty() {
            return Err(format!("an empty place; give {WHERE_FORMS}"));
        }
        let lower = text.to_ascii_lowercase();
        if let Some(code) = lower.strip_prefix("continent:") {
            return Client::in_continent(&code.trim().to_ascii_uppercase());
        }
        if let Some(code) = lower.strip_prefix("country:") {
            return Client::in_country(&code.trim().to_ascii_uppercase());
        }
        if let Ok(ip) = text.parse::<IpAddr>() {
            return Ok(Client::at_ip(ip));
        }
        if text.contains(',') {
            let inner = text
                .strip_prefix('(')
                .and_then(|t| t.strip_suffix(')'))
                .unwrap_or(text);
            let (lat, lon) = inner.split_once(',').unwrap_or((inner, ""));
            return match (lat.trim().parse::<f64>(), lon.trim().parse::<f64>()) {
                (Ok(lat), Ok(lon)) => Client::at_coordinates(lat, lon),
                _ => Err(format!(
                    "`{text}` is not coordinates; write LAT,LON in degrees"
                )),
            };
        }
        if aws::is_region(&lower) {
            return Client::in_aws_region(&lower);
        }
        let upper = text.to_ascii_uppercase();
        if let Some((country, sub)) = upper.split_once('-') {
            if country.len() == 2 {
                return Client::in_subdivision(country, sub);
            }
        }
        if upper.len() == 2 {
            let continent = geo::continent_name(&upper).is_some();
            let country = geo::country_name(&upper).is_some();
            return match (continent, country) {
                (true, true) => Err(format!(
                    "`{upper}` is both a continent ({}) and a country ({}); write \
                     `continent:{upper}` or `country:{upper}`",
                    geo::continent_name(&upper).unwrap_or_default(),
                    geo::country_name(&upper).unwrap_or_default()
                )),
                (true, false) => Client::in_continent(&upper),
                _ => Client::in_country(&upper),
            };
        }
        Err(format!(
            "cannot read `{text}` as a place; give {WHERE_FORMS}"
        ))
    }

    /// Whether the client carries no fact at all (it is
    /// [`Client::unknown`]).
    pub fn is_unknown(&self) -> bool {
        *self == Client::unknown()
    }

    /// Its geolocation, if known.
    pub fn place(&self) -> Option<&Place> {
        self.geo.as_ref()
    }

    /// Its point, if known.
    pub fn point(&self) -> Option<Point> {
        self.point
    }

    /// Its IP address, if given.
    pub fn ip(&self) -> Option<IpAddr> {
        self.ip
    }

    /// The CIDR location it is placed in directly: (collection, location).
    pub fn cidr_location(&self) -> Option<(&str, &str)> {
        self.cidr_location
            .as_ref()
            .map(|(c, l)| (c.as_str(), l.as_str()))
    }
}

/// `country DE (EU)`, `US-CA`, `192.0.2.1`, `(53.35, -6.26)`, `cidr
/// fibrelink`, `unknown`; facts joined by `, `.
impl fmt::Display for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if let Some(p) = &self.geo {
            parts.push(match (&p.country, &p.subdivision) {
                (Some(c), Some(s)) => format!("{c}-{s}"),
                (Some(c), None) => format!("country {c} ({})", p.continent),
                _ => format!("continent {}", p.continent),
            });
        }
        if let Some(point) = self.point {
            parts.push(point.to_string());
        }
        if let Some(ip) = self.ip {
            parts.push(ip.to_string());
        }
        if let Some((c, l)) = &self.cidr_location {
            parts.push(format!("cidr {c}/{l}"));
        }
        if parts.is_empty() {
            return f.write_str("unknown");
        }
        f.write_str(&parts.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_reads_every_form() {
        let eu = Client::parse("eu").unwrap();
        assert_eq!(eu.place().unwrap().continent, "EU");
        assert!(eu.place().unwrap().country.is_none());
        let de = Client::parse(" DE ").unwrap();
        let place = de.place().unwrap();
        assert_eq!(
            (place.continent.as_str(), place.country.as_deref()),
            ("EU", Some("DE"))
        );
        let ca = Client::parse("us-ca").unwrap();
        let place = ca.place().unwrap();
        assert_eq!(
            (
                place.continent.as_str(),
                place.country.as_deref(),
                place.subdivision.as_deref()
            ),
            ("NA", Some("US"), Some("CA"))
        );
        let dublin = Client::parse("eu-west-1").unwrap();
        assert_eq!(dublin.place().unwrap().country.as_deref(), Some("IE"));
        assert!(dublin.point().is_some());
        assert_eq!(
            Client::parse("192.0.2.7").unwrap().ip(),
            Some("192.0.2.7".parse().unwrap())
        );
        assert!(Client::parse("2001:db8::1").unwrap().ip().is_some());
        let p = Client::parse("(53.35, -6.26)").unwrap().point().unwrap();
        assert_eq!((p.latitude(), p.longitude()), (53.35, -6.26));
        assert_eq!(Client::parse("53.35,-6.26").unwrap().point(), Some(p));
    }

    #[test]
    fn parse_refuses_ambiguous_and_unknown_places() {
        for code in ["NA", "AF", "AS", "SA"] {
            let err = Client::parse(code).unwrap_err();
            assert!(err.contains("both a continent"), "{err}");
            let continent = Client::parse(&format!("continent:{code}")).unwrap();
            assert!(continent.place().unwrap().country.is_none());
            let country = Client::parse(&format!("country:{code}")).unwrap();
            assert_eq!(country.place().unwrap().country.as_deref(), Some(code));
        }
        assert!(Client::parse("UK")
            .unwrap_err()
            .contains("did you mean `GB`"));
        assert!(Client::parse("BV")
            .unwrap_err()
            .contains("no location data"));
        assert!(Client::parse("US-XX").is_err());
        assert!(Client::parse("91,0").is_err());
        assert!(Client::parse("mx-central-1")
            .unwrap_err()
            .contains("does not know where"));
        assert!(Client::parse("").is_err());
        assert!(Client::parse("somewhere").is_err());
    }

    #[test]
    fn distances_are_great_circle_kilometres() {
        let dublin = Point::new(53.35014, -6.266155).unwrap();
        let frankfurt = Point::new(50.110924, 8.682127).unwrap();
        let d = dublin.distance_km(frankfurt);
        assert!((1085.0..1095.0).contains(&d), "{d}");
        assert_eq!(dublin.distance_km(dublin), 0.0);
    }

    #[test]
    fn display_names_what_is_known() {
        assert_eq!(Client::unknown().to_string(), "unknown");
        assert_eq!(Client::parse("DE").unwrap().to_string(), "country DE (EU)");
        assert_eq!(Client::parse("US-CA").unwrap().to_string(), "US-CA");
        assert_eq!(
            Client::in_cidr_location("isps", "fibrelink").to_string(),
            "cidr isps/fibrelink"
        );
    }
}
