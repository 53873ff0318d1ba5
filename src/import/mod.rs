//! `steer import`: configurations teams already have, back to steer.

pub mod flat;
pub mod raise;
pub mod route53;
pub mod terraform;
