//! Comments in the syntax tree: every comment is kept once, with its text
//! and span, and attached where a printer would put it back.

mod common;

use std::path::PathBuf;
use steer::source::{FileId, Span};
use steer::syntax::ast::*;

fn parse(text: &str) -> File {
    let (file, diagnostics) = steer::syntax::parse_file(FileId(0), text);
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    file
}

/// The comments as (text, attachment), in order.
fn placed(file: &File) -> Vec<(&str, Attachment)> {
    file.comments
        .all()
        .iter()
        .map(|c| (c.text.as_str(), c.attachment))
        .collect()
}

/// The offset just after the first occurrence of `code` in `text`.
fn end_of(text: &str, code: &str) -> u32 {
    (text
        .find(code)
        .unwrap_or_else(|| panic!("{code:?} not in the text"))
        + code.len()) as u32
}

/// Every `.steer` file of the bundled examples.
fn example_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for example in common::examples() {
        if example.path.is_dir() {
            let mut inside: Vec<PathBuf> = std::fs::read_dir(&example.path)
                .unwrap()
                .map(|entry| entry.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "steer"))
                .collect();
            inside.sort();
            files.append(&mut inside);
        } else {
            files.push(example.path);
        }
    }
    files
}

#[test]
fn every_comment_of_every_example_is_kept_once() {
    for path in example_files() {
        let text = std::fs::read_to_string(&path).unwrap();
        let file = parse(&text);
        let comments = file.comments.all();
        // No example has a `#` in a string, so each line with a `#` holds
        // exactly one comment, running to the end of the line.
        let lines: Vec<&str> = text
            .lines()
            .filter_map(|l| l.find('#').map(|i| &l[i..]))
            .collect();
        let texts: Vec<&str> = comments.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, lines, "{}", path.display());
        for c in comments {
            assert_eq!(
                &text[c.span.start as usize..c.span.end as usize],
                c.text,
                "{}",
                path.display()
            );
        }
        // Each comment is found again, once, under its own attachment.
        let mut found = 0;
        for c in comments {
            let node = |end: u32| Span::new(FileId(0), 0, end as usize);
            let group: Vec<&Comment> = match c.attachment {
                Attachment::Leading(end) => file.comments.leading(node(end)).collect(),
                Attachment::Trailing(end) => {
                    file.comments.trailing(node(end)).into_iter().collect()
                }
                Attachment::Inner(end) => file.comments.inner(node(end)).collect(),
                Attachment::TopLevel => file.comments.top_level().collect(),
            };
            assert_eq!(group.iter().filter(|g| ***g == *c).count(), 1);
            found += 1;
        }
        assert_eq!(found, comments.len());
        // Blanking the comments out changes nothing else: they were
        // exactly the text the grammar skips.
        let mut blanked = text.clone().into_bytes();
        for c in comments {
            blanked[c.span.start as usize..c.span.end as usize].fill(b' ');
        }
        let blanked = parse(std::str::from_utf8(&blanked).unwrap());
        assert_eq!(
            format!("{:?}", blanked.items),
            format!("{:?}", file.items),
            "{}",
            path.display()
        );
    }
}

#[test]
fn myshop_comments_sit_above_after_and_outside_their_nodes() {
    let text = std::fs::read_to_string(common::example("myshop").path).unwrap();
    let file = parse(&text);
    let zone = match &file.items[0] {
        Item::Zone(z) => z,
        other => panic!("{other:?}"),
    };
    let check = match &file.items[3] {
        Item::Check(c) => c,
        other => panic!("{other:?}"),
    };
    let first_line = |it: &mut dyn Iterator<Item = &Comment>| it.next().map(|c| c.text.clone());

    // The file's header is set apart from the zone by a blank line.
    assert_eq!(file.comments.top_level().count(), 8);
    assert_eq!(file.comments.leading(zone.span).count(), 0);
    // Comments above settings, found through the spans the tree keeps.
    assert_eq!(
        first_line(&mut file.comments.leading(zone.ttl.as_ref().unwrap().span)).as_deref(),
        Some("# Short TTL so resolvers pick up a failover quickly. Alias answers")
    );
    assert_eq!(
        file.comments
            .leading(zone.ttl.as_ref().unwrap().span)
            .count(),
        2
    );
    assert_eq!(
        file.comments
            .leading(zone.nameservers.as_ref().unwrap().span)
            .count(),
        2
    );
    assert_eq!(file.comments.leading(check.span).count(), 2);
    assert_eq!(
        file.comments
            .trailing(check.rare().expect.as_ref().unwrap().span)
            .map(|c| c.text.as_str()),
        Some("# string match in the first 5 KiB of the body")
    );
    assert_eq!(
        file.comments
            .trailing(check.every.as_ref().unwrap().span)
            .map(|c| c.text.as_str()),
        Some("# fast checks: failover in ~30 s instead of ~90 s")
    );
    assert!(file
        .comments
        .trailing(check.unhealthy_after.as_ref().unwrap().span)
        .is_some());
    assert_eq!(
        file.comments
            .leading(check.rare().from.as_ref().unwrap().span)
            .count(),
        2
    );
    assert_eq!(file.comments.inner(check.span).count(), 0);
    // Every comment but the header belongs to a node.
    assert!(file
        .comments
        .all()
        .iter()
        .skip(8)
        .all(|c| c.attachment != Attachment::TopLevel));
}

#[test]
fn comments_above_policy_members_lead_them() {
    let text = std::fs::read_to_string(common::example("geo-failover").path).unwrap();
    let file = parse(&text);
    let rules = file
        .items
        .iter()
        .find_map(|item| match item {
            Item::Record(r) => match &r.value {
                RecordValue::Routed(p) => match &p.kind {
                    PolicyKind::Geolocation(rules) => Some(rules),
                    _ => None,
                },
                RecordValue::Plain(_) => None,
            },
            _ => None,
        })
        .unwrap();
    let leading: Vec<usize> = rules
        .iter()
        .map(|r| file.comments.leading(r.target.span).count())
        .collect();
    assert_eq!(leading, [5, 2, 2, 3]);
}

#[test]
fn settings_members_and_blocks() {
    let text = "\
# about the file

# about web
check web { # opens the block
  https \"web.example.com\" # the probe
  # above every
  every 10s
  from [eu-west-1, # first region
        us-east-1]

  # set apart
  # by a blank line above
}
record www A = latency [
  # above a
  a, # after a
  b
] # after the record
# at the end
";
    let file = parse(text);
    let every = end_of(text, "every 10s");
    let from = end_of(text, "us-east-1]");
    let check = end_of(text, "lank line above\n}");
    let a = end_of(text, "\n  a");
    let record = end_of(text, "\n]");
    use Attachment::*;
    assert_eq!(
        placed(&file),
        [
            ("# about the file", TopLevel),
            ("# about web", Leading(check)),
            ("# opens the block", Inner(check)),
            ("# the probe", Trailing(end_of(text, "\"web.example.com\""))),
            ("# above every", Leading(every)),
            ("# first region", Inner(from)),
            ("# set apart", Inner(check)),
            ("# by a blank line above", Inner(check)),
            ("# above a", Leading(a)),
            ("# after a", Trailing(a)),
            ("# after the record", Trailing(record)),
            ("# at the end", TopLevel),
        ]
    );
}

#[test]
fn a_hash_in_a_string_is_not_a_comment() {
    let text = "record x TXT [\"a#b\", \"say \\\"#1\\\"\"] # real\n";
    let file = parse(text);
    assert_eq!(
        placed(&file),
        [("# real", Attachment::Trailing(end_of(text, "]")))]
    );
    let Item::Record(r) = &file.items[0] else {
        panic!()
    };
    let RecordValue::Plain(values) = &r.value else {
        panic!()
    };
    assert_eq!(values[0].written(), "a#b");
    assert_eq!(values[1].written(), "say \"#1\"");
}

#[test]
fn line_breaks_are_not_part_of_a_comment() {
    let text = "# one\r\nrecord x A 192.0.2.1 # two\r\n";
    let file = parse(text);
    assert_eq!(
        placed(&file),
        [
            ("# one", Attachment::Leading(end_of(text, "192.0.2.1"))),
            ("# two", Attachment::Trailing(end_of(text, "192.0.2.1"))),
        ]
    );
}

#[test]
fn a_file_without_comments_has_none() {
    let file = parse("record x A 192.0.2.1\n");
    assert!(file.comments.all().is_empty());
}

#[test]
fn comments_in_broken_files_are_kept() {
    let text = "\
# header
record a A 192.0.2.1
# above the broken record
record b A = failover { # broken
  primary
}
# above c
record c A 192.0.2.3 # after c
";
    let (file, diagnostics) = steer::syntax::parse_file(FileId(0), text);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(file.items.len(), 2);
    let c = end_of(text, "192.0.2.3");
    use Attachment::*;
    assert_eq!(
        placed(&file),
        [
            ("# header", Leading(end_of(text, "192.0.2.1"))),
            ("# above the broken record", TopLevel),
            ("# broken", TopLevel),
            ("# above c", Leading(c)),
            ("# after c", Trailing(c)),
        ]
    );
}

#[test]
fn comments_in_files_nested_too_deep_are_kept() {
    let text = format!("# deep\nrecord x A = {}", "[".repeat(60));
    let (file, diagnostics) = steer::syntax::parse_file(FileId(0), &text);
    assert_eq!(diagnostics[0].code, "nesting-too-deep");
    assert_eq!(placed(&file), [("# deep", Attachment::TopLevel)]);
}
