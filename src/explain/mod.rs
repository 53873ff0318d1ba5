//! `steer explain`: what Route 53 answers, and why, before deploying.
//!
//! - [`matrix`]: the failure matrix, every routed name's answers per
//!   client class for no failure, every single failure and every pair.

pub mod matrix;
