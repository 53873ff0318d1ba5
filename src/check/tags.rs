//! AWS tags on health checks and created zones (`name "..."`,
//! `tags { ... }`), against Route 53's limits: a key of 1 to 128
//! characters, a value of at most 256 (API reference, `Tag`), at most 50
//! tags on a resource, and no key starting with `aws:`, which AWS reserves
//! (Tagging AWS resources, "Tag naming limits and requirements").

use super::{ir, messages};
use crate::diagnostic::Diagnostics;
use crate::source::Span;
use crate::syntax::ast;
use std::collections::BTreeMap;

const MAX_KEY: usize = 128;
const MAX_VALUE: usize = 256;
const MAX_TAGS: usize = 50;

/// The tags of one resource: `name` (the `Name` tag, `default_name`
/// when neither it nor a `Name` key is written) and the `tags` block.
/// A `Name` tag equal to `default_name` is counted but not kept: the IR
/// derives it ([`ir::HealthCheck::tags`]).
pub(super) fn lower(
    name: Option<&ast::Str>,
    default_name: Option<&str>,
    tags: Option<&ast::TagsDef>,
    diagnostics: &mut Diagnostics,
) -> ir::Tags {
    let entries = tags.map_or(&[][..], |t| &t.entries[..]);
    let mut out = Vec::with_capacity(entries.len() + 1);
    // Only a `tags` block can repeat a key; without one (nearly every
    // health check) this map stays empty and allocates nothing.
    let mut seen: BTreeMap<&str, Span> = BTreeMap::new();
    if let Some(n) = name {
        if !entries.is_empty() {
            seen.insert("Name", n.span);
        }
        out.push(("Name".to_string(), n.value.clone()));
        check_value(n, diagnostics);
    }
    for (key, value) in entries {
        if let Some(first) = seen.insert(&key.value, key.span) {
            diagnostics.push(messages::tag_twice(&key.value, key.span, first));
            continue;
        }
        let chars = key.value.chars().count();
        if chars == 0 || chars > MAX_KEY {
            diagnostics.push(messages::tag_key_length(&key.value, chars, key.span));
        } else if key.value.to_ascii_lowercase().starts_with("aws:") {
            diagnostics.push(messages::tag_key_reserved(&key.value, key.span));
        }
        check_value(value, diagnostics);
        out.push((key.value.clone(), value.value.clone()));
    }
    let named = out.iter().any(|(k, _)| k == "Name");
    let count = out.len() + usize::from(default_name.is_some() && !named);
    if count > MAX_TAGS {
        let span = tags.map_or_else(|| name.map(|n| n.span).unwrap_or_default(), |t| t.span);
        diagnostics.push(messages::too_many_tags(count, span));
    }
    if let Some(default) = default_name {
        out.retain(|(k, v)| k != "Name" || v != default);
    }
    ir::Tags::from_unique(out)
}

fn check_value(value: &ast::Str, diagnostics: &mut Diagnostics) {
    let chars = value.value.chars().count();
    if chars > MAX_VALUE {
        diagnostics.push(messages::tag_value_too_long(chars, value.span));
    }
}
