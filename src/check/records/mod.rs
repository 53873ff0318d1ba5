//! Record sets: the record head (owner name, type, TTL) in `head`, plain
//! record data in `rdata`, and conflicts between record sets in
//! `conflicts`.
//!
//! Conventions of the IR produced here:
//! - owner names: `name` is the zone-relative ASCII form (`@`, `www`,
//!   `*.dev`, `xn--bcher-kva`), `fqdn` the absolute ASCII form without the
//!   trailing dot;
//! - names inside record data (CNAME, MX, SRV, NS and PTR targets) are
//!   **absolute**, whether or not the user wrote a trailing dot. This is how
//!   Route 53 reads every name in a `Value` ("the trailing dot is optional;
//!   Route 53 assumes that the domain name is fully qualified", Supported DNS
//!   record types, Route 53 Developer Guide), and it is what the backends
//!   emit: zone-file targets must write them with a trailing dot. The only
//!   exception is the root `.`, kept verbatim for a null MX (RFC 7505) and an
//!   SRV "service not available here" target (RFC 2782).
//!
//! Limits enforced, with their sources:
//! - TTL 0..=2147483647 seconds: RFC 2181 §8, and Route 53's API model
//!   (`TTL`: long, min 0, max 2147483647);
//! - a Route 53 `ResourceRecord` `Value` is at most 4000 characters
//!   (Route 53 API reference, `ResourceRecord`); see `rdata::route53_txt_len` for
//!   how a TXT value is measured;
//! - Route 53 rejects a record set that repeats a value
//!   (`InvalidChangeBatch: Duplicate Resource Record`);
//! - Route 53 does not accept a wildcard name for NS records (API reference,
//!   `ResourceRecordSet.Name`).

mod conflicts;
mod head;
pub(crate) mod rdata;

pub(super) use conflicts::check_record_sets;
pub(super) use head::{lower_record_head, ttl};
pub(super) use rdata::lower_plain_record;

#[cfg(test)]
mod tests;
