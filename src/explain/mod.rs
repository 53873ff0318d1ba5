//! `steer explain`: what one client gets for one name in one health
//! scenario, and the path that led there, from the semantics layer's
//! resolution. [`words`] renders a resolution's trace (shared with the
//! zone target's comments), [`json`] gives it a stable JSON shape.

pub mod words;
