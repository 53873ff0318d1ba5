//! Words of the routing domain that every stage uses as they are: the
//! syntax tree holds them as written, the IR as validated, and the targets
//! render them. They live below all stages so that no later stage has to
//! import the syntax tree to name them (the AST and the IR re-export them).

/// The role of a failover member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FailoverRole {
    Primary,
    Secondary,
}

/// What a health check probes with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Protocol {
    Http,
    Https,
    Tcp,
}

impl Protocol {
    /// The keyword that introduces a probe of this protocol.
    pub fn keyword(self) -> &'static str {
        match self {
            Protocol::Http => "http",
            Protocol::Https => "https",
            Protocol::Tcp => "tcp",
        }
    }
}
