//! Multivalue: address endpoints only, answered up to 8 at a time.

use super::{duplicate_endpoints, endpoint_leaf, keyword_span, Env};
use crate::check::{ir, CheckCode};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::syntax::ast::{self, PolicyKind};

/// A multivalue answer holds at most 8 healthy records.
const MULTIVALUE_ANSWERS: usize = 8;

pub(super) fn lower(
    p: &ast::Policy,
    members: &[ast::Policy],
    env: &Env,
    diagnostics: &mut Diagnostics,
) -> Option<Vec<String>> {
    let mut ok = duplicate_endpoints(members.iter(), "multivalue", diagnostics);
    let mut out = Vec::new();
    for m in members {
        if let Some(stay) = m.stay {
            ok = false;
            diagnostics.push(
                Diagnostic::new(
                    CheckCode::ConflictingSettings,
                    stay,
                    "`stay` does not apply to a multivalue member",
                )
                .label("not in a multivalue policy")
                .hint("a multivalue member without a health check is always answered: remove `check` from its endpoint instead"),
            );
        }
        let PolicyKind::Endpoint(name) = &m.kind else {
            ok = false;
            diagnostics.push(
                Diagnostic::new(
                    CheckCode::UnsupportedNesting,
                    keyword_span(m),
                    format!("a multivalue policy cannot contain a {} policy", m.kind.keyword()),
                )
                .label("nested policy")
                .hint("Route 53 multivalue answers are plain records, not aliases: list address endpoints only"),
            );
            continue;
        };
        let Some(leaf) = endpoint_leaf(name, env, diagnostics) else {
            ok = false;
            continue;
        };
        let endpoint = &env.endpoints[&leaf];
        if !matches!(endpoint.answer, ir::Answer::Addresses { .. }) {
            ok = false;
            diagnostics.push(
                Diagnostic::new(
                    CheckCode::UnsupportedNesting,
                    name.span,
                    format!("endpoint `{}` is not an address endpoint, which multivalue answers need", name.name),
                )
                .label("alias or CNAME endpoint")
                .with_secondary(endpoint.span, "endpoint defined here")
                .hint("Route 53 does not allow aliases or CNAMEs in multivalue answers; use `weighted` instead"),
            );
            continue;
        }
        out.push(leaf);
    }
    if ok && out.len() > MULTIVALUE_ANSWERS {
        diagnostics.push(
            Diagnostic::new(
                CheckCode::MultivalueOverEight,
                keyword_span(p),
                format!("this multivalue policy has {} members; Route 53 answers with at most 8 healthy ones", out.len()),
            )
            .label("more than 8")
            .hint("Route 53 answers each query with up to 8 healthy members picked at random, so all of them get some traffic; split the set if each answer must list every member"),
        );
    }
    out.sort();
    ok.then_some(out)
}
