//! Route 53 geolocation codes: continents, countries and subdivisions.
//!
//! All tables are static and sorted by code, so lookups are binary searches.
//! Codes are matched exactly: the caller passes upper-case codes (`"DE"`,
//! `"US"`, `"CA"`); [`suggest_country`] helps turn a near miss into a
//! did-you-mean.
//!
//! # Sources
//!
//! - Continent codes and the country → continent mapping: the Route 53
//!   Developer Guide, "Values for geolocation records", section "Location"
//!   (`awsdocs/amazon-route53-docs@0ff8bb6ddece2c1eee9f55a83ae818ad8998ce2a
//!   doc_source/resource-record-sets-values-geo.md`), which also says Route 53
//!   does not support BV, CX, EH and HM ("No data is available about IP
//!   addresses for these countries"). The continent codes agree with the API
//!   reference (`GeoLocation.ContinentCode`).
//! - Country codes and names: ISO 3166-1 alpha-2 as shipped by Debian
//!   `iso-codes` 4.15.0 (`/usr/share/iso-codes/json/iso_3166-1.json`), 249
//!   assigned codes. Route 53's continent lists cover exactly those 249 codes
//!   minus BV, CX, EH, HM, plus `XK` (Kosovo, a user-assigned code that Route 53
//!   lists under Europe and returns from `ListGeoLocations`).
//! - Subdivisions: `aws route53 list-geo-locations` output
//!   (`nelsonjchen/cloud-geoip-dns-testing@849782e11f23333524ede044e57916150d0eea22
//!   aws-geo-code-list.ts`, cross-checked against a second, independent dump
//!   of the same call in the public code index; both agree). For `US` it lists
//!   exactly the 50 states plus `DC`: no territories (PR, GU, VI, AS, MP, UM
//!   are countries in Route 53, see the guide's "Sublocation" section) and no
//!   military codes (AA, AE, AP). It also lists 24 subdivisions of Ukraine
//!   (`UA`), with numeric ISO 3166-2 style codes; these are in
//!   [`UA_SUBDIVISIONS`]. The API reference's `SubdivisionCode` text still
//!   says "only states of the United States", so treat the `UA` list as
//!   "returned by the API" rather than documented.

/// Route 53 continent codes, sorted by code.
pub const CONTINENTS: [(&str, &str); 7] = [
    ("AF", "Africa"),
    ("AN", "Antarctica"),
    ("AS", "Asia"),
    ("EU", "Europe"),
    ("NA", "North America"),
    ("OC", "Oceania"),
    ("SA", "South America"),
];

/// Codes Route 53 accepts as `CountryCode` that are not officially assigned
/// ISO 3166-1 codes (sorted).
pub const ROUTE53_EXTRA_COUNTRIES: [(&str, &str); 1] = [("XK", "Kosovo")];

/// ISO 3166-1 codes that Route 53 does not accept for geolocation records
/// (Developer Guide, "Values for geolocation records": no IP data for them).
pub const ROUTE53_UNSUPPORTED_COUNTRIES: [&str; 4] = ["BV", "CX", "EH", "HM"];

/// Route 53 `SubdivisionCode` values for `CountryCode` `US`: the 50 states and
/// the District of Columbia, as returned by `ListGeoLocations` (see the module
/// documentation for the source). Sorted by code.
pub const US_SUBDIVISIONS: [(&str, &str); 51] = [
    ("AK", "Alaska"),
    ("AL", "Alabama"),
    ("AR", "Arkansas"),
    ("AZ", "Arizona"),
    ("CA", "California"),
    ("CO", "Colorado"),
    ("CT", "Connecticut"),
    ("DC", "District of Columbia"),
    ("DE", "Delaware"),
    ("FL", "Florida"),
    ("GA", "Georgia"),
    ("HI", "Hawaii"),
    ("IA", "Iowa"),
    ("ID", "Idaho"),
    ("IL", "Illinois"),
    ("IN", "Indiana"),
    ("KS", "Kansas"),
    ("KY", "Kentucky"),
    ("LA", "Louisiana"),
    ("MA", "Massachusetts"),
    ("MD", "Maryland"),
    ("ME", "Maine"),
    ("MI", "Michigan"),
    ("MN", "Minnesota"),
    ("MO", "Missouri"),
    ("MS", "Mississippi"),
    ("MT", "Montana"),
    ("NC", "North Carolina"),
    ("ND", "North Dakota"),
    ("NE", "Nebraska"),
    ("NH", "New Hampshire"),
    ("NJ", "New Jersey"),
    ("NM", "New Mexico"),
    ("NV", "Nevada"),
    ("NY", "New York"),
    ("OH", "Ohio"),
    ("OK", "Oklahoma"),
    ("OR", "Oregon"),
    ("PA", "Pennsylvania"),
    ("RI", "Rhode Island"),
    ("SC", "South Carolina"),
    ("SD", "South Dakota"),
    ("TN", "Tennessee"),
    ("TX", "Texas"),
    ("UT", "Utah"),
    ("VA", "Virginia"),
    ("VT", "Vermont"),
    ("WA", "Washington"),
    ("WI", "Wisconsin"),
    ("WV", "West Virginia"),
    ("WY", "Wyoming"),
];

/// Route 53 `SubdivisionCode` values for `CountryCode` `UA`, as returned by
/// `ListGeoLocations` (names as Route 53 spells them). Sorted by code.
pub const UA_SUBDIVISIONS: [(&str, &str); 27] = [
    ("05", "Vinnytska oblast"),
    ("07", "Volynska oblast"),
    ("09", "Luhanska oblast"),
    ("11", "Crimea"),
    ("12", "Dnipropetrovska oblast"),
    ("14", "Donetska oblast"),
    ("18", "Zhytomyrska oblast"),
    ("20", "Sevastopol"),
    ("21", "Zakarpatska oblast"),
    ("23", "Zaporizka oblast"),
    ("26", "Ivano-Frankivska oblast"),
    ("30", "Kyiv"),
    ("32", "Kyivska oblast"),
    ("35", "Kirovohradska oblast"),
    ("46", "Lvivska oblast"),
    ("48", "Mykolaivska oblast"),
    ("51", "Odeska oblast"),
    ("53", "Poltavska oblast"),
    ("56", "Rivnenska oblast"),
    ("59", "Sumska oblast"),
    ("61", "Ternopilska oblast"),
    ("63", "Kharkivska oblast"),
    ("65", "Khersonska oblast"),
    ("68", "Khmelnytska oblast"),
    ("71", "Cherkaska oblast"),
    ("74", "Chernihivska oblast"),
    ("77", "Chernivetska oblast"),
];

/// Retired, reserved or commonly confused codes → the assigned ISO code the
/// user most likely meant. Sorted by the wrong code.
const COMMON_MISTAKES: [(&str, &str); 6] = [
    ("BU", "MM"), // Burma, retired 1989
    ("EL", "GR"), // Greece's code in EU institutions
    ("FX", "FR"), // "Metropolitan France", exceptionally reserved
    ("TP", "TL"), // East Timor, retired 2002
    ("UK", "GB"), // United Kingdom, exceptionally reserved
    ("ZR", "CD"), // Zaire, retired 1997
];

/// Binary search in a table sorted by its first column.
fn lookup<V: Copy>(table: &[(&'static str, V)], code: &str) -> Option<V> {
    table
        .binary_search_by(|(k, _)| (*k).cmp(code))
        .ok()
        .map(|i| table[i].1)
}

/// Full name of a Route 53 continent code (`"EU"` → `"Europe"`).
pub fn continent_name(code: &str) -> Option<&'static str> {
    lookup(&CONTINENTS, code)
}

/// English short name of an ISO 3166-1 alpha-2 code (all 249 assigned codes),
/// or of a code Route 53 accepts in addition (`XK`, Kosovo). Upper-case input
/// only; `"UK"` is not a code (see [`suggest_country`]).
pub fn country_name(code: &str) -> Option<&'static str> {
    lookup(&ISO_COUNTRIES, code).or_else(|| lookup(&ROUTE53_EXTRA_COUNTRIES, code))
}

/// Whether Route 53 accepts `code` as a geolocation `CountryCode`: every ISO
/// 3166-1 code except BV, CX, EH and HM, plus `XK`. (`UA`, which the API
/// reference singles out, is supported.) The `*` default location is not a
/// country and returns `false`.
pub fn route53_supports_country(code: &str) -> bool {
    country_continent(code).is_some()
}

/// The continent Route 53 files a country under (`"DE"` → `"EU"`,
/// `"TR"` → `"AS"`, `"GS"` → `"AN"`), or `None` if Route 53 does not support
/// the country. Useful to spot a country record shadowed by, or overlapping,
/// a continent record.
pub fn country_continent(code: &str) -> Option<&'static str> {
    lookup(&ROUTE53_COUNTRY_CONTINENT, code)
}

/// Name of a Route 53 subdivision of the United States (`"CA"` →
/// `"California"`): the 50 states and `DC`.
pub fn us_subdivision_name(code: &str) -> Option<&'static str> {
    lookup(&US_SUBDIVISIONS, code)
}

/// Name of a Route 53 subdivision of any country (`("US", "TX")`,
/// `("UA", "30")`). Only `US` and `UA` have subdivisions in Route 53.
pub fn subdivision_name(country: &str, code: &str) -> Option<&'static str> {
    match country {
        "US" => us_subdivision_name(code),
        "UA" => lookup(&UA_SUBDIVISIONS, code),
        _ => None,
    }
}

/// Did-you-mean for a country code that [`country_name`] rejects:
/// - common mistakes and retired codes: `UK` → `GB`, `EL` → `GR`, `ZR` → `CD`, …
/// - wrong case: `de` → `DE`
/// - ISO alpha-3 codes: `USA` → `US`, `deu` → `DE`
///
/// Returns `None` when the input is already a known code or nothing fits.
pub fn suggest_country(code: &str) -> Option<&'static str> {
    if country_name(code).is_some() {
        return None;
    }
    let upper = code.trim().to_ascii_uppercase();
    lookup(&COMMON_MISTAKES, &upper)
        .or_else(|| static_key(&ISO_COUNTRIES, &upper))
        .or_else(|| static_key(&ROUTE53_EXTRA_COUNTRIES, &upper))
        .or_else(|| lookup(&ALPHA3_TO_ALPHA2, &upper))
}

/// The table's own `'static` copy of `code`, if present.
fn static_key<V>(table: &[(&'static str, V)], code: &str) -> Option<&'static str> {
    table
        .binary_search_by(|(k, _)| (*k).cmp(code))
        .ok()
        .map(|i| table[i].0)
}

/// Every officially assigned ISO 3166-1 alpha-2 code (249), sorted by code.
///
/// Codes and base names: Debian `iso-codes` 4.15.0 (`iso_3166-1.json`); a few long
/// official forms are replaced by their common short names (e.g. `KR` "South Korea").
pub const ISO_COUNTRIES: [(&str, &str); 249] = [
    ("AD", "Andorra"),
    ("AE", "United Arab Emirates"),
    ("AF", "Afghanistan"),
    ("AG", "Antigua and Barbuda"),
    ("AI", "Anguilla"),
    ("AL", "Albania"),
    ("AM", "Armenia"),
    ("AO", "Angola"),
    ("AQ", "Antarctica"),
    ("AR", "Argentina"),
    ("AS", "American Samoa"),
    ("AT", "Austria"),
    ("AU", "Australia"),
    ("AW", "Aruba"),
    ("AX", "Åland Islands"),
    ("AZ", "Azerbaijan"),
    ("BA", "Bosnia and Herzegovina"),
    ("BB", "Barbados"),
    ("BD", "Bangladesh"),
    ("BE", "Belgium"),
    ("BF", "Burkina Faso"),
    ("BG", "Bulgaria"),
    ("BH", "Bahrain"),
    ("BI", "Burundi"),
    ("BJ", "Benin"),
    ("BL", "Saint Barthélemy"),
    ("BM", "Bermuda"),
    ("BN", "Brunei"),
    ("BO", "Bolivia"),
    ("BQ", "Bonaire, Sint Eustatius and Saba"),
    ("BR", "Brazil"),
    ("BS", "Bahamas"),
    ("BT", "Bhutan"),
    ("BV", "Bouvet Island"),
    ("BW", "Botswana"),
    ("BY", "Belarus"),
    ("BZ", "Belize"),
    ("CA", "Canada"),
    ("CC", "Cocos (Keeling) Islands"),
    ("CD", "Democratic Republic of the Congo"),
    ("CF", "Central African Republic"),
    ("CG", "Republic of the Congo"),
    ("CH", "Switzerland"),
    ("CI", "Côte d'Ivoire"),
    ("CK", "Cook Islands"),
    ("CL", "Chile"),
    ("CM", "Cameroon"),
    ("CN", "China"),
    ("CO", "Colombia"),
    ("CR", "Costa Rica"),
    ("CU", "Cuba"),
    ("CV", "Cabo Verde"),
    ("CW", "Curaçao"),
    ("CX", "Christmas Island"),
    ("CY", "Cyprus"),
    ("CZ", "Czechia"),
    ("DE", "Germany"),
    ("DJ", "Djibouti"),
    ("DK", "Denmark"),
    ("DM", "Dominica"),
    ("DO", "Dominican Republic"),
    ("DZ", "Algeria"),
    ("EC", "Ecuador"),
    ("EE", "Estonia"),
    ("EG", "Egypt"),
    ("EH", "Western Sahara"),
    ("ER", "Eritrea"),
    ("ES", "Spain"),
    ("ET", "Ethiopia"),
    ("FI", "Finland"),
    ("FJ", "Fiji"),
    ("FK", "Falkland Islands"),
    ("FM", "Micronesia"),
    ("FO", "Faroe Islands"),
    ("FR", "France"),
    ("GA", "Gabon"),
    ("GB", "United Kingdom"),
    ("GD", "Grenada"),
    ("GE", "Georgia"),
    ("GF", "French Guiana"),
    ("GG", "Guernsey"),
    ("GH", "Ghana"),
    ("GI", "Gibraltar"),
    ("GL", "Greenland"),
    ("GM", "Gambia"),
    ("GN", "Guinea"),
    ("GP", "Guadeloupe"),
    ("GQ", "Equatorial Guinea"),
    ("GR", "Greece"),
    ("GS", "South Georgia and the South Sandwich Islands"),
    ("GT", "Guatemala"),
    ("GU", "Guam"),
    ("GW", "Guinea-Bissau"),
    ("GY", "Guyana"),
    ("HK", "Hong Kong"),
    ("HM", "Heard Island and McDonald Islands"),
    ("HN", "Honduras"),
    ("HR", "Croatia"),
    ("HT", "Haiti"),
    ("HU", "Hungary"),
    ("ID", "Indonesia"),
    ("IE", "Ireland"),
    ("IL", "Israel"),
    ("IM", "Isle of Man"),
    ("IN", "India"),
    ("IO", "British Indian Ocean Territory"),
    ("IQ", "Iraq"),
    ("IR", "Iran"),
    ("IS", "Iceland"),
    ("IT", "Italy"),
    ("JE", "Jersey"),
    ("JM", "Jamaica"),
    ("JO", "Jordan"),
    ("JP", "Japan"),
    ("KE", "Kenya"),
    ("KG", "Kyrgyzstan"),
    ("KH", "Cambodia"),
    ("KI", "Kiribati"),
    ("KM", "Comoros"),
    ("KN", "Saint Kitts and Nevis"),
    ("KP", "North Korea"),
    ("KR", "South Korea"),
    ("KW", "Kuwait"),
    ("KY", "Cayman Islands"),
    ("KZ", "Kazakhstan"),
    ("LA", "Laos"),
    ("LB", "Lebanon"),
    ("LC", "Saint Lucia"),
    ("LI", "Liechtenstein"),
    ("LK", "Sri Lanka"),
    ("LR", "Liberia"),
    ("LS", "Lesotho"),
    ("LT", "Lithuania"),
    ("LU", "Luxembourg"),
    ("LV", "Latvia"),
    ("LY", "Libya"),
    ("MA", "Morocco"),
    ("MC", "Monaco"),
    ("MD", "Moldova"),
    ("ME", "Montenegro"),
    ("MF", "Saint Martin (French part)"),
    ("MG", "Madagascar"),
    ("MH", "Marshall Islands"),
    ("MK", "North Macedonia"),
    ("ML", "Mali"),
    ("MM", "Myanmar"),
    ("MN", "Mongolia"),
    ("MO", "Macao"),
    ("MP", "Northern Mariana Islands"),
    ("MQ", "Martinique"),
    ("MR", "Mauritania"),
    ("MS", "Montserrat"),
    ("MT", "Malta"),
    ("MU", "Mauritius"),
    ("MV", "Maldives"),
    ("MW", "Malawi"),
    ("MX", "Mexico"),
    ("MY", "Malaysia"),
    ("MZ", "Mozambique"),
    ("NA", "Namibia"),
    ("NC", "New Caledonia"),
    ("NE", "Niger"),
    ("NF", "Norfolk Island"),
    ("NG", "Nigeria"),
    ("NI", "Nicaragua"),
    ("NL", "Netherlands"),
    ("NO", "Norway"),
    ("NP", "Nepal"),
    ("NR", "Nauru"),
    ("NU", "Niue"),
    ("NZ", "New Zealand"),
    ("OM", "Oman"),
    ("PA", "Panama"),
    ("PE", "Peru"),
    ("PF", "French Polynesia"),
    ("PG", "Papua New Guinea"),
    ("PH", "Philippines"),
    ("PK", "Pakistan"),
    ("PL", "Poland"),
    ("PM", "Saint Pierre and Miquelon"),
    ("PN", "Pitcairn"),
    ("PR", "Puerto Rico"),
    ("PS", "Palestine"),
    ("PT", "Portugal"),
    ("PW", "Palau"),
    ("PY", "Paraguay"),
    ("QA", "Qatar"),
    ("RE", "Réunion"),
    ("RO", "Romania"),
    ("RS", "Serbia"),
    ("RU", "Russia"),
    ("RW", "Rwanda"),
    ("SA", "Saudi Arabia"),
    ("SB", "Solomon Islands"),
    ("SC", "Seychelles"),
    ("SD", "Sudan"),
    ("SE", "Sweden"),
    ("SG", "Singapore"),
    ("SH", "Saint Helena, Ascension and Tristan da Cunha"),
    ("SI", "Slovenia"),
    ("SJ", "Svalbard and Jan Mayen"),
    ("SK", "Slovakia"),
    ("SL", "Sierra Leone"),
    ("SM", "San Marino"),
    ("SN", "Senegal"),
    ("SO", "Somalia"),
    ("SR", "Suriname"),
    ("SS", "South Sudan"),
    ("ST", "Sao Tome and Principe"),
    ("SV", "El Salvador"),
    ("SX", "Sint Maarten (Dutch part)"),
    ("SY", "Syria"),
    ("SZ", "Eswatini"),
    ("TC", "Turks and Caicos Islands"),
    ("TD", "Chad"),
    ("TF", "French Southern Territories"),
    ("TG", "Togo"),
    ("TH", "Thailand"),
    ("TJ", "Tajikistan"),
    ("TK", "Tokelau"),
    ("TL", "Timor-Leste"),
    ("TM", "Turkmenistan"),
    ("TN", "Tunisia"),
    ("TO", "Tonga"),
    ("TR", "Türkiye"),
    ("TT", "Trinidad and Tobago"),
    ("TV", "Tuvalu"),
    ("TW", "Taiwan"),
    ("TZ", "Tanzania"),
    ("UA", "Ukraine"),
    ("UG", "Uganda"),
    ("UM", "United States Minor Outlying Islands"),
    ("US", "United States"),
    ("UY", "Uruguay"),
    ("UZ", "Uzbekistan"),
    ("VA", "Vatican City"),
    ("VC", "Saint Vincent and the Grenadines"),
    ("VE", "Venezuela"),
    ("VG", "British Virgin Islands"),
    ("VI", "U.S. Virgin Islands"),
    ("VN", "Vietnam"),
    ("VU", "Vanuatu"),
    ("WF", "Wallis and Futuna"),
    ("WS", "Samoa"),
    ("YE", "Yemen"),
    ("YT", "Mayotte"),
    ("ZA", "South Africa"),
    ("ZM", "Zambia"),
    ("ZW", "Zimbabwe"),
];

/// ISO 3166-1 alpha-3 code -> alpha-2 code (249), sorted by alpha-3; used by [`suggest_country`].
const ALPHA3_TO_ALPHA2: [(&str, &str); 249] = [
    ("ABW", "AW"),
    ("AFG", "AF"),
    ("AGO", "AO"),
    ("AIA", "AI"),
    ("ALA", "AX"),
    ("ALB", "AL"),
    ("AND", "AD"),
    ("ARE", "AE"),
    ("ARG", "AR"),
    ("ARM", "AM"),
    ("ASM", "AS"),
    ("ATA", "AQ"),
    ("ATF", "TF"),
    ("ATG", "AG"),
    ("AUS", "AU"),
    ("AUT", "AT"),
    ("AZE", "AZ"),
    ("BDI", "BI"),
    ("BEL", "BE"),
    ("BEN", "BJ"),
    ("BES", "BQ"),
    ("BFA", "BF"),
    ("BGD", "BD"),
    ("BGR", "BG"),
    ("BHR", "BH"),
    ("BHS", "BS"),
    ("BIH", "BA"),
    ("BLM", "BL"),
    ("BLR", "BY"),
    ("BLZ", "BZ"),
    ("BMU", "BM"),
    ("BOL", "BO"),
    ("BRA", "BR"),
    ("BRB", "BB"),
    ("BRN", "BN"),
    ("BTN", "BT"),
    ("BVT", "BV"),
    ("BWA", "BW"),
    ("CAF", "CF"),
    ("CAN", "CA"),
    ("CCK", "CC"),
    ("CHE", "CH"),
    ("CHL", "CL"),
    ("CHN", "CN"),
    ("CIV", "CI"),
    ("CMR", "CM"),
    ("COD", "CD"),
    ("COG", "CG"),
    ("COK", "CK"),
    ("COL", "CO"),
    ("COM", "KM"),
    ("CPV", "CV"),
    ("CRI", "CR"),
    ("CUB", "CU"),
    ("CUW", "CW"),
    ("CXR", "CX"),
    ("CYM", "KY"),
    ("CYP", "CY"),
    ("CZE", "CZ"),
    ("DEU", "DE"),
    ("DJI", "DJ"),
    ("DMA", "DM"),
    ("DNK", "DK"),
    ("DOM", "DO"),
    ("DZA", "DZ"),
    ("ECU", "EC"),
    ("EGY", "EG"),
    ("ERI", "ER"),
    ("ESH", "EH"),
    ("ESP", "ES"),
    ("EST", "EE"),
    ("ETH", "ET"),
    ("FIN", "FI"),
    ("FJI", "FJ"),
    ("FLK", "FK"),
    ("FRA", "FR"),
    ("FRO", "FO"),
    ("FSM", "FM"),
    ("GAB", "GA"),
    ("GBR", "GB"),
    ("GEO", "GE"),
    ("GGY", "GG"),
    ("GHA", "GH"),
    ("GIB", "GI"),
    ("GIN", "GN"),
    ("GLP", "GP"),
    ("GMB", "GM"),
    ("GNB", "GW"),
    ("GNQ", "GQ"),
    ("GRC", "GR"),
    ("GRD", "GD"),
    ("GRL", "GL"),
    ("GTM", "GT"),
    ("GUF", "GF"),
    ("GUM", "GU"),
    ("GUY", "GY"),
    ("HKG", "HK"),
    ("HMD", "HM"),
    ("HND", "HN"),
    ("HRV", "HR"),
    ("HTI", "HT"),
    ("HUN", "HU"),
    ("IDN", "ID"),
    ("IMN", "IM"),
    ("IND", "IN"),
    ("IOT", "IO"),
    ("IRL", "IE"),
    ("IRN", "IR"),
    ("IRQ", "IQ"),
    ("ISL", "IS"),
    ("ISR", "IL"),
    ("ITA", "IT"),
    ("JAM", "JM"),
    ("JEY", "JE"),
    ("JOR", "JO"),
    ("JPN", "JP"),
    ("KAZ", "KZ"),
    ("KEN", "KE"),
    ("KGZ", "KG"),
    ("KHM", "KH"),
    ("KIR", "KI"),
    ("KNA", "KN"),
    ("KOR", "KR"),
    ("KWT", "KW"),
    ("LAO", "LA"),
    ("LBN", "LB"),
    ("LBR", "LR"),
    ("LBY", "LY"),
    ("LCA", "LC"),
    ("LIE", "LI"),
    ("LKA", "LK"),
    ("LSO", "LS"),
    ("LTU", "LT"),
    ("LUX", "LU"),
    ("LVA", "LV"),
    ("MAC", "MO"),
    ("MAF", "MF"),
    ("MAR", "MA"),
    ("MCO", "MC"),
    ("MDA", "MD"),
    ("MDG", "MG"),
    ("MDV", "MV"),
    ("MEX", "MX"),
    ("MHL", "MH"),
    ("MKD", "MK"),
    ("MLI", "ML"),
    ("MLT", "MT"),
    ("MMR", "MM"),
    ("MNE", "ME"),
    ("MNG", "MN"),
    ("MNP", "MP"),
    ("MOZ", "MZ"),
    ("MRT", "MR"),
    ("MSR", "MS"),
    ("MTQ", "MQ"),
    ("MUS", "MU"),
    ("MWI", "MW"),
    ("MYS", "MY"),
    ("MYT", "YT"),
    ("NAM", "NA"),
    ("NCL", "NC"),
    ("NER", "NE"),
    ("NFK", "NF"),
    ("NGA", "NG"),
    ("NIC", "NI"),
    ("NIU", "NU"),
    ("NLD", "NL"),
    ("NOR", "NO"),
    ("NPL", "NP"),
    ("NRU", "NR"),
    ("NZL", "NZ"),
    ("OMN", "OM"),
    ("PAK", "PK"),
    ("PAN", "PA"),
    ("PCN", "PN"),
    ("PER", "PE"),
    ("PHL", "PH"),
    ("PLW", "PW"),
    ("PNG", "PG"),
    ("POL", "PL"),
    ("PRI", "PR"),
    ("PRK", "KP"),
    ("PRT", "PT"),
    ("PRY", "PY"),
    ("PSE", "PS"),
    ("PYF", "PF"),
    ("QAT", "QA"),
    ("REU", "RE"),
    ("ROU", "RO"),
    ("RUS", "RU"),
    ("RWA", "RW"),
    ("SAU", "SA"),
    ("SDN", "SD"),
    ("SEN", "SN"),
    ("SGP", "SG"),
    ("SGS", "GS"),
    ("SHN", "SH"),
    ("SJM", "SJ"),
    ("SLB", "SB"),
    ("SLE", "SL"),
    ("SLV", "SV"),
    ("SMR", "SM"),
    ("SOM", "SO"),
    ("SPM", "PM"),
    ("SRB", "RS"),
    ("SSD", "SS"),
    ("STP", "ST"),
    ("SUR", "SR"),
    ("SVK", "SK"),
    ("SVN", "SI"),
    ("SWE", "SE"),
    ("SWZ", "SZ"),
    ("SXM", "SX"),
    ("SYC", "SC"),
    ("SYR", "SY"),
    ("TCA", "TC"),
    ("TCD", "TD"),
    ("TGO", "TG"),
    ("THA", "TH"),
    ("TJK", "TJ"),
    ("TKL", "TK"),
    ("TKM", "TM"),
    ("TLS", "TL"),
    ("TON", "TO"),
    ("TTO", "TT"),
    ("TUN", "TN"),
    ("TUR", "TR"),
    ("TUV", "TV"),
    ("TWN", "TW"),
    ("TZA", "TZ"),
    ("UGA", "UG"),
    ("UKR", "UA"),
    ("UMI", "UM"),
    ("URY", "UY"),
    ("USA", "US"),
    ("UZB", "UZ"),
    ("VAT", "VA"),
    ("VCT", "VC"),
    ("VEN", "VE"),
    ("VGB", "VG"),
    ("VIR", "VI"),
    ("VNM", "VN"),
    ("VUT", "VU"),
    ("WLF", "WF"),
    ("WSM", "WS"),
    ("YEM", "YE"),
    ("ZAF", "ZA"),
    ("ZMB", "ZM"),
    ("ZWE", "ZW"),
];

/// Route 53 country code → continent code, from the Developer Guide lists (246
/// codes: ISO minus BV, CX, EH, HM, plus XK). Sorted by country code.
const ROUTE53_COUNTRY_CONTINENT: [(&str, &str); 246] = [
    ("AD", "EU"),
    ("AE", "AS"),
    ("AF", "AS"),
    ("AG", "NA"),
    ("AI", "NA"),
    ("AL", "EU"),
    ("AM", "AS"),
    ("AO", "AF"),
    ("AQ", "AN"),
    ("AR", "SA"),
    ("AS", "OC"),
    ("AT", "EU"),
    ("AU", "OC"),
    ("AW", "NA"),
    ("AX", "EU"),
    ("AZ", "AS"),
    ("BA", "EU"),
    ("BB", "NA"),
    ("BD", "AS"),
    ("BE", "EU"),
    ("BF", "AF"),
    ("BG", "EU"),
    ("BH", "AS"),
    ("BI", "AF"),
    ("BJ", "AF"),
    ("BL", "NA"),
    ("BM", "NA"),
    ("BN", "AS"),
    ("BO", "SA"),
    ("BQ", "NA"),
    ("BR", "SA"),
    ("BS", "NA"),
    ("BT", "AS"),
    ("BW", "AF"),
    ("BY", "EU"),
    ("BZ", "NA"),
    ("CA", "NA"),
    ("CC", "AS"),
    ("CD", "AF"),
    ("CF", "AF"),
    ("CG", "AF"),
    ("CH", "EU"),
    ("CI", "AF"),
    ("CK", "OC"),
    ("CL", "SA"),
    ("CM", "AF"),
    ("CN", "AS"),
    ("CO", "SA"),
    ("CR", "NA"),
    ("CU", "NA"),
    ("CV", "AF"),
    ("CW", "NA"),
    ("CY", "EU"),
    ("CZ", "EU"),
    ("DE", "EU"),
    ("DJ", "AF"),
    ("DK", "EU"),
    ("DM", "NA"),
    ("DO", "NA"),
    ("DZ", "AF"),
    ("EC", "SA"),
    ("EE", "EU"),
    ("EG", "AF"),
    ("ER", "AF"),
    ("ES", "EU"),
    ("ET", "AF"),
    ("FI", "EU"),
    ("FJ", "OC"),
    ("FK", "SA"),
    ("FM", "OC"),
    ("FO", "EU"),
    ("FR", "EU"),
    ("GA", "AF"),
    ("GB", "EU"),
    ("GD", "NA"),
    ("GE", "AS"),
    ("GF", "SA"),
    ("GG", "EU"),
    ("GH", "AF"),
    ("GI", "EU"),
    ("GL", "NA"),
    ("GM", "AF"),
    ("GN", "AF"),
    ("GP", "NA"),
    ("GQ", "AF"),
    ("GR", "EU"),
    ("GS", "AN"),
    ("GT", "NA"),
    ("GU", "OC"),
    ("GW", "AF"),
    ("GY", "SA"),
    ("HK", "AS"),
    ("HN", "NA"),
    ("HR", "EU"),
    ("HT", "NA"),
    ("HU", "EU"),
    ("ID", "AS"),
    ("IE", "EU"),
    ("IL", "AS"),
    ("IM", "EU"),
    ("IN", "AS"),
    ("IO", "AS"),
    ("IQ", "AS"),
    ("IR", "AS"),
    ("IS", "EU"),
    ("IT", "EU"),
    ("JE", "EU"),
    ("JM", "NA"),
    ("JO", "AS"),
    ("JP", "AS"),
    ("KE", "AF"),
    ("KG", "AS"),
    ("KH", "AS"),
    ("KI", "OC"),
    ("KM", "AF"),
    ("KN", "NA"),
    ("KP", "AS"),
    ("KR", "AS"),
    ("KW", "AS"),
    ("KY", "NA"),
    ("KZ", "AS"),
    ("LA", "AS"),
    ("LB", "AS"),
    ("LC", "NA"),
    ("LI", "EU"),
    ("LK", "AS"),
    ("LR", "AF"),
    ("LS", "AF"),
    ("LT", "EU"),
    ("LU", "EU"),
    ("LV", "EU"),
    ("LY", "AF"),
    ("MA", "AF"),
    ("MC", "EU"),
    ("MD", "EU"),
    ("ME", "EU"),
    ("MF", "NA"),
    ("MG", "AF"),
    ("MH", "OC"),
    ("MK", "EU"),
    ("ML", "AF"),
    ("MM", "AS"),
    ("MN", "AS"),
    ("MO", "AS"),
    ("MP", "OC"),
    ("MQ", "NA"),
    ("MR", "AF"),
    ("MS", "NA"),
    ("MT", "EU"),
    ("MU", "AF"),
    ("MV", "AS"),
    ("MW", "AF"),
    ("MX", "NA"),
    ("MY", "AS"),
    ("MZ", "AF"),
    ("NA", "AF"),
    ("NC", "OC"),
    ("NE", "AF"),
    ("NF", "OC"),
    ("NG", "AF"),
    ("NI", "NA"),
    ("NL", "EU"),
    ("NO", "EU"),
    ("NP", "AS"),
    ("NR", "OC"),
    ("NU", "OC"),
    ("NZ", "OC"),
    ("OM", "AS"),
    ("PA", "NA"),
    ("PE", "SA"),
    ("PF", "OC"),
    ("PG", "OC"),
    ("PH", "AS"),
    ("PK", "AS"),
    ("PL", "EU"),
    ("PM", "NA"),
    ("PN", "OC"),
    ("PR", "NA"),
    ("PS", "AS"),
    ("PT", "EU"),
    ("PW", "OC"),
    ("PY", "SA"),
    ("QA", "AS"),
    ("RE", "AF"),
    ("RO", "EU"),
    ("RS", "EU"),
    ("RU", "EU"),
    ("RW", "AF"),
    ("SA", "AS"),
    ("SB", "OC"),
    ("SC", "AF"),
    ("SD", "AF"),
    ("SE", "EU"),
    ("SG", "AS"),
    ("SH", "AF"),
    ("SI", "EU"),
    ("SJ", "EU"),
    ("SK", "EU"),
    ("SL", "AF"),
    ("SM", "EU"),
    ("SN", "AF"),
    ("SO", "AF"),
    ("SR", "SA"),
    ("SS", "AF"),
    ("ST", "AF"),
    ("SV", "NA"),
    ("SX", "NA"),
    ("SY", "AS"),
    ("SZ", "AF"),
    ("TC", "NA"),
    ("TD", "AF"),
    ("TF", "AN"),
    ("TG", "AF"),
    ("TH", "AS"),
    ("TJ", "AS"),
    ("TK", "OC"),
    ("TL", "OC"),
    ("TM", "AS"),
    ("TN", "AF"),
    ("TO", "OC"),
    ("TR", "AS"),
    ("TT", "NA"),
    ("TV", "OC"),
    ("TW", "AS"),
    ("TZ", "AF"),
    ("UA", "EU"),
    ("UG", "AF"),
    ("UM", "OC"),
    ("US", "NA"),
    ("UY", "SA"),
    ("UZ", "AS"),
    ("VA", "EU"),
    ("VC", "NA"),
    ("VE", "SA"),
    ("VG", "NA"),
    ("VI", "NA"),
    ("VN", "AS"),
    ("VU", "OC"),
    ("WF", "OC"),
    ("WS", "OC"),
    ("XK", "EU"),
    ("YE", "AS"),
    ("YT", "AF"),
    ("ZA", "AF"),
    ("ZM", "AF"),
    ("ZW", "AF"),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_sorted_unique<V>(name: &str, table: &[(&str, V)]) {
        for w in table.windows(2) {
            assert!(
                w[0].0 < w[1].0,
                "{name}: `{}` must sort before `{}`",
                w[0].0,
                w[1].0
            );
        }
    }

    fn assert_codes(name: &str, codes: impl IntoIterator<Item = &'static str>, len: usize) {
        for c in codes {
            assert!(
                c.len() == len
                    && c.bytes()
                        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()),
                "{name}: bad code `{c}`"
            );
        }
    }

    #[test]
    fn tables_are_sorted_and_unique() {
        assert_sorted_unique("CONTINENTS", &CONTINENTS);
        assert_sorted_unique("ISO_COUNTRIES", &ISO_COUNTRIES);
        assert_sorted_unique("ROUTE53_EXTRA_COUNTRIES", &ROUTE53_EXTRA_COUNTRIES);
        assert_sorted_unique("ROUTE53_COUNTRY_CONTINENT", &ROUTE53_COUNTRY_CONTINENT);
        assert_sorted_unique("US_SUBDIVISIONS", &US_SUBDIVISIONS);
        assert_sorted_unique("UA_SUBDIVISIONS", &UA_SUBDIVISIONS);
        assert_sorted_unique("COMMON_MISTAKES", &COMMON_MISTAKES);
        assert_sorted_unique("ALPHA3_TO_ALPHA2", &ALPHA3_TO_ALPHA2);
        assert_codes("ISO_COUNTRIES", ISO_COUNTRIES.iter().map(|r| r.0), 2);
        assert_codes("ALPHA3_TO_ALPHA2", ALPHA3_TO_ALPHA2.iter().map(|r| r.0), 3);
        assert_codes("US_SUBDIVISIONS", US_SUBDIVISIONS.iter().map(|r| r.0), 2);
        assert_codes("UA_SUBDIVISIONS", UA_SUBDIVISIONS.iter().map(|r| r.0), 2);
        for (_, name) in ISO_COUNTRIES.iter().chain(&US_SUBDIVISIONS) {
            assert!(!name.is_empty() && name.trim() == *name);
        }
    }

    #[test]
    fn counts() {
        assert_eq!(CONTINENTS.len(), 7);
        assert_eq!(ISO_COUNTRIES.len(), 249);
        assert_eq!(US_SUBDIVISIONS.len(), 51);
        let supported = ISO_COUNTRIES
            .iter()
            .chain(&ROUTE53_EXTRA_COUNTRIES)
            .filter(|(c, _)| route53_supports_country(c))
            .count();
        assert_eq!(supported, 249 - 4 + 1);
        assert_eq!(ROUTE53_COUNTRY_CONTINENT.len(), supported);
    }

    #[test]
    fn continents() {
        assert_eq!(continent_name("EU"), Some("Europe"));
        assert_eq!(continent_name("AN"), Some("Antarctica"));
        assert_eq!(continent_name("OC"), Some("Oceania"));
        assert_eq!(continent_name("eu"), None);
        assert_eq!(continent_name("AU"), None);
        assert_eq!(continent_name(""), None);
    }

    #[test]
    fn na_is_a_continent_and_a_country() {
        assert_eq!(continent_name("NA"), Some("North America"));
        assert_eq!(country_name("NA"), Some("Namibia"));
        assert!(route53_supports_country("NA"));
        assert_eq!(country_continent("NA"), Some("AF"));
        // AS and SA too.
        assert_eq!(country_name("AS"), Some("American Samoa"));
        assert_eq!(country_name("SA"), Some("Saudi Arabia"));
    }

    #[test]
    fn countries() {
        assert_eq!(country_name("DE"), Some("Germany"));
        assert_eq!(country_name("GB"), Some("United Kingdom"));
        assert_eq!(country_name("KR"), Some("South Korea"));
        assert_eq!(country_name("AX"), Some("Åland Islands"));
        assert_eq!(country_name("ZW"), Some("Zimbabwe"));
        assert_eq!(country_name("AD"), Some("Andorra"));
        assert_eq!(country_name("XK"), Some("Kosovo"));
        assert_eq!(country_name("de"), None, "upper-case only");
        assert_eq!(country_name("UK"), None);
        assert_eq!(country_name("EL"), None);
        assert_eq!(country_name("DEU"), None);
        assert_eq!(country_name("*"), None);
        assert_eq!(country_name(""), None);
    }

    #[test]
    fn route53_support() {
        for c in ROUTE53_UNSUPPORTED_COUNTRIES {
            assert!(country_name(c).is_some(), "{c} is an ISO code");
            assert!(!route53_supports_country(c), "{c} is not supported");
        }
        assert!(!route53_supports_country("BV"));
        assert!(route53_supports_country("UA"));
        assert!(route53_supports_country("XK"));
        assert!(route53_supports_country("US"));
        assert!(route53_supports_country("AQ"));
        assert!(!route53_supports_country("UK"));
        assert!(!route53_supports_country("*"));
        assert!(!route53_supports_country("us"));
        // Every supported code is a known country, and every ISO code other
        // than the four exceptions is supported.
        for (c, _) in ROUTE53_COUNTRY_CONTINENT {
            assert!(country_name(c).is_some(), "{c}");
        }
        for (c, _) in ISO_COUNTRIES {
            assert_eq!(
                route53_supports_country(c),
                !ROUTE53_UNSUPPORTED_COUNTRIES.contains(&c),
                "{c}"
            );
        }
    }

    #[test]
    fn country_continents() {
        for (c, cont) in ROUTE53_COUNTRY_CONTINENT {
            assert!(continent_name(cont).is_some(), "{c} -> {cont}");
        }
        assert_eq!(country_continent("DE"), Some("EU"));
        assert_eq!(country_continent("RU"), Some("EU"));
        assert_eq!(country_continent("TR"), Some("AS"));
        assert_eq!(country_continent("US"), Some("NA"));
        assert_eq!(country_continent("PR"), Some("NA"));
        assert_eq!(country_continent("BR"), Some("SA"));
        assert_eq!(country_continent("AU"), Some("OC"));
        assert_eq!(country_continent("AQ"), Some("AN"));
        assert_eq!(country_continent("EG"), Some("AF"));
        assert_eq!(country_continent("EH"), None);
        let per = |k: &str| {
            ROUTE53_COUNTRY_CONTINENT
                .iter()
                .filter(|(_, c)| *c == k)
                .count()
        };
        // Counts of the guide's per-continent lists.
        assert_eq!(
            [
                per("AF"),
                per("AN"),
                per("AS"),
                per("EU"),
                per("NA"),
                per("OC"),
                per("SA")
            ],
            [57, 3, 51, 53, 41, 27, 14]
        );
    }

    #[test]
    fn subdivisions() {
        assert_eq!(us_subdivision_name("CA"), Some("California"));
        assert_eq!(us_subdivision_name("DC"), Some("District of Columbia"));
        assert_eq!(us_subdivision_name("WY"), Some("Wyoming"));
        assert_eq!(us_subdivision_name("PR"), None, "territories are countries");
        assert_eq!(us_subdivision_name("AE"), None, "no military codes");
        assert_eq!(us_subdivision_name("ca"), None);
        assert_eq!(subdivision_name("US", "TX"), Some("Texas"));
        assert_eq!(subdivision_name("UA", "30"), Some("Kyiv"));
        assert_eq!(subdivision_name("UA", "CA"), None);
        assert_eq!(subdivision_name("CA", "ON"), None);
    }

    #[test]
    fn suggestions() {
        assert_eq!(suggest_country("UK"), Some("GB"));
        assert_eq!(suggest_country("uk"), Some("GB"));
        assert_eq!(suggest_country("EL"), Some("GR"));
        assert_eq!(suggest_country("de"), Some("DE"));
        assert_eq!(suggest_country("xk"), Some("XK"));
        assert_eq!(suggest_country("USA"), Some("US"));
        assert_eq!(suggest_country("deu"), Some("DE"));
        assert_eq!(suggest_country("GBR"), Some("GB"));
        assert_eq!(suggest_country("DE"), None, "already valid");
        assert_eq!(suggest_country("QQ"), None);
        assert_eq!(suggest_country(""), None);
        for (wrong, right) in COMMON_MISTAKES {
            assert!(country_name(wrong).is_none(), "{wrong}");
            assert!(country_name(right).is_some(), "{right}");
        }
        for (a3, a2) in ALPHA3_TO_ALPHA2 {
            assert!(country_name(a2).is_some(), "{a3} -> {a2}");
        }
    }
}
