//! Names every target writes: DNS names in the forms record data and
//! sorting need, the identifiers targets derive from steer names, and what
//! catches two steer names deriving the same one: [`Claims`] for a target's
//! resource names (one buffer, collisions found by one sort), and
//! [`sorted_order`] for sorting many names held elsewhere (the Route 53
//! plan's sets, whose repeated set identifiers the same sort finds).
//!
//! Identifiers come from steer names only (a record's name as written, its
//! type, member labels, check and collection names), never from positions,
//! so that adding or reordering items never renames, and so never replaces,
//! another resource. Two steer names that derive the same identifier are an
//! error naming both, never a numeric suffix (which would depend on order).

/// `name.`: a name as record data writes it. The root stays `.`, and a name
/// that already ends in a dot is left alone.
/// A name that may be an input, absolute: an input without a value stays
/// `input.NAME` (targets that need the value refuse it earlier).
pub fn absolute_value(name: &crate::check::ir::Value<String>) -> String {
    name.bound()
        .map_or_else(|| name.to_string(), |n| absolute(n))
}

pub fn absolute(name: &str) -> String {
    if name.is_empty() || name == "." {
        ".".to_string()
    } else if name.ends_with('.') {
        name.to_string()
    } else {
        format!("{name}.")
    }
}

/// A name's labels from the root down, lowercased: sorting by this is DNS
/// canonical order (RFC 4034 §6.1) for ASCII names.
pub fn canonical(name: &str) -> Vec<String> {
    name.trim_end_matches('.')
        .rsplit('.')
        .map(str::to_ascii_lowercase)
        .collect()
}

/// Two names in DNS canonical order: as their [`canonical`] forms
/// compare, without making them (ranking 100k owners by their canonical
/// forms held a `String` per label).
pub fn cmp_canonical(a: &str, b: &str) -> std::cmp::Ordering {
    fn labels(name: &str) -> impl Iterator<Item = impl Iterator<Item = u8> + '_> {
        name.trim_end_matches('.')
            .rsplit('.')
            .map(|label| label.bytes().map(|b| b.to_ascii_lowercase()))
    }
    let (mut a, mut b) = (labels(a), labels(b));
    loop {
        match (a.next(), b.next()) {
            (Some(x), Some(y)) => match x.cmp(y) {
                std::cmp::Ordering::Equal => continue,
                unequal => return unequal,
            },
            (x, y) => return x.is_some().cmp(&y.is_some()),
        }
    }
}

/// The indexes of `names` in DNS canonical order ([`cmp_canonical`]),
/// equal names in the order they came. Each name's canonical form is
/// written once, into one buffer: its labels from the right, lowercased,
/// each ended by a 0 byte (which no label of a checked name holds), so
/// that the forms compare as bytes as the names compare label by label;
/// comparing the names themselves split them into labels at every
/// comparison (a twentieth of a Terraform build at 100k records).
pub fn canonical_order<'a>(names: impl Iterator<Item = &'a str>) -> Vec<u32> {
    let mut forms = Vec::new();
    let mut ends = Vec::new();
    for name in names {
        for label in name.trim_end_matches('.').rsplit('.') {
            forms.extend(label.bytes().map(|b| b.to_ascii_lowercase()));
            forms.push(0);
        }
        ends.push(forms.len());
    }
    let form = |i: u32| {
        let i = i as usize;
        &forms[i.checked_sub(1).map_or(0, |before| ends[before])..ends[i]]
    };
    let mut order: Vec<u32> = (0..ends.len())
        .map(|i| u32::try_from(i).expect("fewer than 2^32 names"))
        .collect();
    order.sort_unstable_by(|&a, &b| form(a).cmp(form(b)).then(a.cmp(&b)));
    order
}

/// A member label as a DNS label: lowercase; characters other than
/// letters, digits, `-` and `_` become `-`.
pub fn dns_label(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    push_dns_label(&mut out, label);
    out
}

/// The name the Route 53 plan generates for the nested policy a member
/// labelled `label` routes to, below `parent` (a fully qualified name):
/// `_<label>.<parent>`, where a wildcard parent's `*` becomes `_wildcard`
/// (a `*` may only be the leftmost label of a name). The import reads
/// such names back by the same rule.
pub fn generated_name(label: &str, parent: &str) -> String {
    let mut generated = String::with_capacity(label.len() + parent.len() + 11);
    generated.push('_');
    push_dns_label(&mut generated, label);
    generated.push('.');
    match parent.strip_prefix("*.") {
        Some(rest) => {
            generated.push_str("_wildcard.");
            generated.push_str(rest);
        }
        None => generated.push_str(parent),
    }
    generated
}

/// [`dns_label`], appended to `out`.
fn push_dns_label(out: &mut String, label: &str) {
    out.extend(label.chars().map(|c| match c {
        'A'..='Z' => c.to_ascii_lowercase(),
        'a'..='z' | '0'..='9' | '-' | '_' => c,
        _ => '-',
    }));
}

/// The word an identifier uses for a label no identifier can hold: `@`
/// (the apex) and `*` (a wildcard). The check stage allows these only as
/// whole labels.
fn spelled(label: &str) -> Option<&'static str> {
    match label {
        "@" => Some("apex"),
        "*" => Some("wildcard"),
        _ => None,
    }
}

/// A Terraform resource name from steer names, joined with `_`: lowercase
/// ASCII letters, digits, `_` and `-`; `@` is `apex`, `*` is `wildcard`,
/// anything else (`.`, non-ASCII) becomes `_`. It never starts with a digit
/// or `-`, which Terraform does not allow.
pub fn snake_identifier<'a>(parts: impl IntoIterator<Item = &'a str, IntoIter: Clone>) -> String {
    let parts = parts.into_iter();
    let mut out = String::with_capacity(capacity(parts.clone()));
    write_snake(&mut out, parts);
    out
}

/// [`snake_identifier`], appended to `out`.
fn write_snake<'a>(out: &mut String, parts: impl Iterator<Item = &'a str>) {
    let start = out.len();
    for (i, part) in parts.enumerate() {
        if i > 0 {
            out.push('_');
        }
        for (j, label) in part.split('.').enumerate() {
            if j > 0 {
                out.push('_');
            }
            match spelled(label) {
                Some(word) => out.push_str(word),
                None => push_snake_label(out, label),
            }
        }
    }
    let id = &out[start..];
    if id.is_empty() || id.starts_with(|c: char| c.is_ascii_digit() || c == '-') {
        out.insert(start, '_');
    }
}

/// One label of [`snake_identifier`]: its runs of characters a name may
/// hold copied whole, upper case lowered, any other character `_` (a
/// character at a time, 3% of `steer check`'s instructions on the kit's
/// zone, the Terraform target's names being checked for collisions).
fn push_snake_label(out: &mut String, label: &str) {
    let bytes = label.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        while i < bytes.len() && matches!(bytes[i], b'a'..=b'z' | b'0'..=b'9' | b'_' | b'-') {
            i += 1;
        }
        out.push_str(&label[start..i]);
        let Some(c) = label[i..].chars().next() else {
            break;
        };
        out.push(if c.is_ascii_uppercase() {
            c.to_ascii_lowercase()
        } else {
            '_'
        });
        i += c.len_utf8();
    }
}

/// `prefix` followed by each part in CamelCase, as CloudFormation logical
/// ids are written: every run of ASCII letters and digits is a word whose
/// first letter is upper-cased; everything else separates words. `@` is
/// `Apex`, a `*` label `Wildcard`.
pub fn camel_identifier<'a>(
    prefix: &str,
    parts: impl IntoIterator<Item = &'a str, IntoIter: Clone>,
) -> String {
    let parts = parts.into_iter();
    let mut id = String::with_capacity(prefix.len() + capacity(parts.clone()));
    write_camel(&mut id, prefix, parts);
    id
}

/// [`camel_identifier`], appended to `id`.
fn write_camel<'a>(id: &mut String, prefix: &str, parts: impl Iterator<Item = &'a str>) {
    id.push_str(prefix);
    for part in parts {
        for label in part.split('.') {
            if let Some(word) = spelled(label) {
                push_capitalized(id, word);
                continue;
            }
            // Each run of ASCII letters and digits, found by byte (by
            // character, through `split`, it was 3% of `steer check`'s
            // instructions on the kit's zone).
            let bytes = label.as_bytes();
            let mut i = 0;
            while i < bytes.len() {
                if !bytes[i].is_ascii_alphanumeric() {
                    i += 1;
                    continue;
                }
                let start = i;
                while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                    i += 1;
                }
                push_capitalized(id, &label[start..i]);
            }
        }
    }
}

/// `word` (ASCII letters and digits) with its first letter upper-cased.
fn push_capitalized(id: &mut String, word: &str) {
    id.push(char::from(word.as_bytes()[0].to_ascii_uppercase()));
    id.push_str(&word[1..]);
}

/// Room for an identifier made of `parts`: their length, a separator
/// each, and one more (an identifier is made once per record set, and
/// growing it was most of making it). More than the identifier needs
/// unless a label is `@` or `*`.
pub fn capacity<'a>(parts: impl Iterator<Item = &'a str>) -> usize {
    parts.map(|p| p.len() + 1).sum::<usize>() + 1
}

/// The names a target gives its resources, claimed one after another and
/// found to collide all at once ([`Claims::repeats`]): the Route 53
/// targets' resource names and logical ids, one per record set and health
/// check. Every name is in one buffer, found by its claim's index, and
/// what it names is found from the index too: a claim is its bytes and an
/// offset, not a `String`, a map node and an owner (on a zone of 100k
/// records, 460k record sets, those were the peak of a build).
#[derive(Debug)]
pub struct Claims {
    text: String,
    /// Where each claim's name starts in `text`, and where the last ends:
    /// claim `i` is `bounds[i]..bounds[i + 1]` (`u32`: half the room of
    /// `usize`, 2.2 MB at 100k records).
    bounds: Vec<u32>,
}

impl Default for Claims {
    fn default() -> Self {
        Claims::with_capacity(0, 0)
    }
}

/// What names are claimed into, in claim order: [`Claims`] keeps them,
/// [`NameHashes`] only a hash of each. Each writes a name into its text
/// (`name_text`) and then ends the claim (`end_claim`); the ways of
/// writing a name are the same for both.
pub trait Claimant {
    /// Where the name being claimed is written.
    fn name_text(&mut self) -> &mut String;
    /// Ends the claim of the name written into [`Claimant::name_text`];
    /// the claim's index.
    fn end_claim(&mut self) -> usize;
    /// How many claims there are.
    fn claims(&self) -> usize;

    /// Claims `name`; the claim's index.
    fn claim(&mut self, name: &str) -> usize {
        self.name_text().push_str(name);
        self.end_claim()
    }
    /// Claims [`snake_identifier`]`(parts)`; the claim's index.
    fn claim_snake<'a>(&mut self, parts: impl Iterator<Item = &'a str>) -> usize {
        write_snake(self.name_text(), parts);
        self.end_claim()
    }
    /// Claims [`camel_identifier`]`(prefix, parts)`; the claim's index.
    fn claim_camel<'a>(&mut self, prefix: &str, parts: impl Iterator<Item = &'a str>) -> usize {
        write_camel(self.name_text(), prefix, parts);
        self.end_claim()
    }
}

impl Claimant for Claims {
    fn name_text(&mut self) -> &mut String {
        &mut self.text
    }

    fn end_claim(&mut self) -> usize {
        let end = u32::try_from(self.text.len()).expect("names of under 4 GiB");
        self.bounds.push(end);
        self.bounds.len() - 2
    }

    fn claims(&self) -> usize {
        self.len()
    }
}

/// A hash of each name claimed and the longest name's length, the names
/// themselves not kept: enough to be sure that no two collide, which is
/// what `steer check` asks of a target's names (keeping every name, at
/// 100k records 20 MB a target, was the peak of `steer check` once the
/// two Route 53 targets were asked side by side). Matching hashes prove
/// nothing: the caller then makes the names ([`Claims`]) and compares.
#[derive(Debug, Default)]
pub struct NameHashes {
    hashes: Vec<u64>,
    /// The name being claimed.
    name: String,
    longest: usize,
}

/// Spreads a namespace's number over a hash's bits ([`NameHashes`]): the
/// 64-bit golden ratio, odd, so that distinct spaces differ in many bits.
const SPACE_MIX: u64 = 0x9E37_79B9_7F4A_7C15;

impl NameHashes {
    pub fn with_capacity(claims: usize) -> NameHashes {
        NameHashes {
            hashes: Vec::with_capacity(claims),
            ..NameHashes::default()
        }
    }

    /// The length of the longest name claimed, in bytes.
    pub fn longest(&self) -> usize {
        self.longest
    }

    /// Whether no two claims in one namespace (`space`, as for
    /// [`Claims::repeated`]) can have the same name: their hashes differ.
    ///
    /// Sorted, not hashed: a set of two million hashes (a million records)
    /// is a cache miss per insert, and sorting them takes about two fifths
    /// of the time. The namespace is mixed into each hash; two claims whose
    /// mixed hashes meet are reported as maybe the same, as matching
    /// hashes are.
    pub fn surely_distinct(&self, space: impl Fn(usize) -> Option<u8>) -> bool {
        let mut keys: Vec<u64> = self
            .hashes
            .iter()
            .enumerate()
            .filter_map(|(claim, &hash)| {
                space(claim).map(|space| hash ^ u64::from(space).wrapping_mul(SPACE_MIX))
            })
            .collect();
        keys.sort_unstable();
        keys.windows(2).all(|pair| pair[0] != pair[1])
    }
}

impl Claimant for NameHashes {
    fn name_text(&mut self) -> &mut String {
        &mut self.name
    }

    fn end_claim(&mut self) -> usize {
        use std::hash::BuildHasher;
        self.hashes
            .push(rustc_hash::FxBuildHasher.hash_one(self.name.as_bytes()));
        self.longest = self.longest.max(self.name.len());
        self.name.clear();
        self.hashes.len() - 1
    }

    fn claims(&self) -> usize {
        self.hashes.len()
    }
}

impl Claims {
    /// Room for `claims` names of `bytes` bytes in all.
    pub fn with_capacity(claims: usize, bytes: usize) -> Claims {
        let mut bounds = Vec::with_capacity(claims + 1);
        bounds.push(0);
        Claims {
            text: String::with_capacity(bytes),
            bounds,
        }
    }

    /// Gives back the room reserved beyond the names claimed (estimates
    /// reserve a little more than they need, once per claim).
    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.bounds.shrink_to_fit();
    }

    /// Where claim `index`'s name is in `text`.
    fn range(&self, index: usize) -> std::ops::Range<usize> {
        self.bounds[index] as usize..self.bounds[index + 1] as usize
    }

    /// The name of claim `index`.
    pub fn get(&self, index: usize) -> &str {
        &self.text[self.range(index)]
    }

    /// The name of claim `index` as bytes, which compare as the `str` does
    /// and without checking for the bounds of characters.
    fn bytes(&self, index: usize) -> &[u8] {
        &self.text.as_bytes()[self.range(index)]
    }

    pub fn len(&self) -> usize {
        self.bounds.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// [`repeats`] of these claims, each in the namespace `space` gives it
    /// (`None`: the claim does not take its name, e.g. one too long).
    pub fn repeats(&self, space: impl Fn(usize) -> Option<u8>) -> Repeats {
        repeats(self.len(), space, |i| self.bytes(i))
    }

    /// [`Repeats::repeated`] alone, for a target that does not write its
    /// claims in name order (or is only asked for its diagnostics): found
    /// by hashing the names, in one pass, where sorting them took
    /// `O(n log n)` comparisons of names far apart in the buffer (a
    /// twentieth of `steer check`'s time at 100k records, and growing).
    pub fn repeated(&self, space: impl Fn(usize) -> Option<u8>) -> Vec<(usize, usize)> {
        let spaces: Vec<Option<u8>> = (0..self.len()).map(space).collect();
        let hash = |claim: usize| {
            use std::hash::BuildHasher;
            rustc_hash::FxBuildHasher.hash_one((spaces[claim], self.bytes(claim)))
        };
        let taking = spaces.iter().filter(|s| s.is_some()).count();
        let mut first: hashbrown::HashTable<u32> = hashbrown::HashTable::with_capacity(taking);
        let mut repeated = Vec::new();
        for claim in 0..self.len() {
            if spaces[claim].is_none() {
                continue;
            }
            let same = |&other: &u32| {
                let other = other as usize;
                spaces[other] == spaces[claim] && self.bytes(other) == self.bytes(claim)
            };
            let hashed = hash(claim);
            match first.find(hashed, same) {
                Some(&other) => repeated.push((claim, other as usize)),
                None => {
                    let index = u32::try_from(claim).expect("a zone has fewer than 2^32 resources");
                    first.insert_unique(hashed, index, |&c| hash(c as usize));
                }
            }
        }
        repeated
    }
}

/// Claims of names found to collide ([`repeats`]).
#[derive(Debug, PartialEq, Eq)]
pub struct Repeats {
    /// Every claim that takes its name, by namespace, name, then claim:
    /// the order a target writes its resources in when they are sorted by
    /// name.
    pub order: Vec<u32>,
    /// Each claim of a name an earlier claim in its namespace has, with
    /// the first claim of that name, which keeps it; in claim order.
    pub repeated: Vec<(usize, usize)>,
}

/// The claims `0..claims` of names, claim `i` taking `name(i)` in the
/// namespace `space(i)` (`None`: it takes no name), sorted once: a name
/// claimed again is next to its first claim. `O(n log n)` comparisons and,
/// while sorting, 25 bytes per claim (its namespace, and its index with
/// the first bytes of its name: [`sorted_order`]), where a map from names
/// to claims held a node, a key and an owner per claim.
pub fn repeats<'a>(
    claims: usize,
    space: impl Fn(usize) -> Option<u8>,
    name: impl Fn(usize) -> &'a [u8],
) -> Repeats {
    // Each claim's namespace, once.
    let spaces: Vec<Option<u8>> = (0..claims).map(space).collect();
    let taking = (0..claims).filter(|&i| spaces[i].is_some());
    // The namespace, then the name's first fifteen bytes: ordered as the
    // (namespace, name) pairs are where they differ.
    let prefix = |i: usize| Prefix::after(spaces[i].unwrap_or(0), prefix_key(name(i)));
    let key = |i: usize| (spaces[i], name(i));
    let order = sorted_order(taking, prefix, |a, b| key(a).cmp(&key(b)));
    let mut repeated = Vec::new();
    let mut first = 0;
    for k in 1..order.len() {
        if key(order[k] as usize) == key(order[k - 1] as usize) {
            repeated.push((order[k] as usize, order[first] as usize));
        } else {
            first = k;
        }
    }
    repeated.sort_unstable();
    Repeats { order, repeated }
}

/// A name's first sixteen bytes as a number (zeros after a shorter
/// name's end), which orders names as their bytes do wherever two keys
/// differ (equal keys say nothing: the names are compared then). For sorts
/// of many names held elsewhere, where comparing the names themselves reads
/// memory far apart at every step, a cache miss or two each that grew with
/// the zone. Sixteen bytes, not eight: generated names share long starts
/// (`weighted-000123`, `_sip._tcp.svc00`).
pub fn prefix_key(name: &[u8]) -> Prefix {
    let mut first = [0u8; 16];
    let n = name.len().min(16);
    first[..n].copy_from_slice(&name[..n]);
    let (high, low) = first.split_at(8);
    Prefix(
        u64::from_be_bytes(high.try_into().expect("eight bytes")),
        u64::from_be_bytes(low.try_into().expect("eight bytes")),
    )
}

/// The first bytes of a sort key as two numbers, compared in order (as a
/// `u128` would, without its 16-byte alignment: a sort keeps one beside
/// each of 460k indexes at 100k records).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Prefix(u64, u64);

impl Prefix {
    /// This prefix with `byte` before it (and its last byte dropped): a
    /// namespace put before a name.
    fn after(byte: u8, rest: Prefix) -> Prefix {
        Prefix(
            u64::from(byte) << 56 | rest.0 >> 8,
            rest.0 << 56 | rest.1 >> 8,
        )
    }
}

/// The `items` (indexes) in the order `cmp` gives, equals in the order they
/// came, as a stable sort would (the index is the last key). `key(i)` is
/// a key that orders items as `cmp` does wherever two keys differ (such as
/// [`prefix_key`] of the name `cmp` compares first, or that and the name
/// itself); it is kept beside each index (24 bytes an item while sorting
/// for a [`Prefix`]), so most comparisons read neither item.
pub fn sorted_order<K: Ord>(
    items: impl Iterator<Item = usize>,
    key: impl Fn(usize) -> K,
    cmp: impl Fn(usize, usize) -> std::cmp::Ordering,
) -> Vec<u32> {
    let mut keyed: Vec<(K, u32)> = items
        .map(|i| {
            let index = u32::try_from(i).expect("a zone has fewer than 2^32 resources");
            (key(i), index)
        })
        .collect();
    keyed.sort_unstable_by(|(ka, a), (kb, b)| {
        ka.cmp(kb)
            .then_with(|| cmp(*a as usize, *b as usize))
            .then(a.cmp(b))
    });
    keyed.into_iter().map(|(_, i)| i).collect()
}

/// Moves `items` into `order` (position `k` takes the item at `order[k]`),
/// in place: each item moves once, along the cycles of the permutation,
/// with no buffer of items.
pub fn permute_in_place<T>(items: &mut [T], mut order: Vec<u32>) {
    debug_assert_eq!(items.len(), order.len());
    for start in 0..order.len() {
        let mut at = start;
        loop {
            let from = order[at] as usize;
            order[at] = at as u32;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    /// [`super::snake_identifier`] and [`super::camel_identifier`] as they
    /// were written character by character, against which the byte-wise
    /// ones are checked.
    mod by_character {
        pub fn snake(parts: &[&str]) -> String {
            let mut out = String::new();
            for (i, part) in parts.iter().enumerate() {
                if i > 0 {
                    out.push('_');
                }
                for (j, label) in part.split('.').enumerate() {
                    if j > 0 {
                        out.push('_');
                    }
                    if let Some(word) = super::super::spelled(label) {
                        out.push_str(word);
                        continue;
                    }
                    for c in label.chars() {
                        match c {
                            'A'..='Z' => out.push(c.to_ascii_lowercase()),
                            'a'..='z' | '0'..='9' | '_' | '-' => out.push(c),
                            _ => out.push('_'),
                        }
                    }
                }
            }
            if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit() || c == '-') {
                out.insert(0, '_');
            }
            out
        }

        pub fn camel(prefix: &str, parts: &[&str]) -> String {
            let mut id = prefix.to_string();
            let mut push_word = |word: &str| {
                let mut chars = word.chars();
                if let Some(first) = chars.next() {
                    id.push(first.to_ascii_uppercase());
                    id.push_str(chars.as_str());
                }
            };
            for part in parts {
                for label in part.split('.') {
                    match super::super::spelled(label) {
                        Some(word) => push_word(word),
                        None => label
                            .split(|c: char| !c.is_ascii_alphanumeric())
                            .for_each(&mut push_word),
                    }
                }
            }
            id
        }
    }

    /// Name hashes are sure of no collision exactly when the names have
    /// none, namespace by namespace (no two of these names share a hash),
    /// and they measure the longest name.
    #[test]
    fn name_hashes_are_sure_exactly_when_claims_repeat_nothing() {
        let words = ["a", "b", "a-b", "a_b", "a.b", "A", "x", "www.eu"];
        for n in 1..=words.len() {
            for rotation in 0..words.len() {
                let names: Vec<&str> = words
                    .iter()
                    .cycle()
                    .skip(rotation)
                    .take(n)
                    .copied()
                    .collect();
                let mut claims = Claims::default();
                let mut hashes = NameHashes::default();
                for name in &names {
                    claims.claim_snake([*name].into_iter());
                    hashes.claim_snake([*name].into_iter());
                }
                for space in [
                    (|_| Some(0)) as fn(usize) -> Option<u8>,
                    |claim| Some((claim % 2) as u8),
                    |claim| (claim % 3 != 0).then_some(1),
                ] {
                    assert_eq!(
                        hashes.surely_distinct(space),
                        claims.repeated(space).is_empty(),
                        "{names:?}"
                    );
                }
                let longest = (0..claims.len()).map(|c| claims.get(c).len()).max();
                assert_eq!(Some(hashes.longest()), longest);
            }
        }
    }

    #[test]
    fn identifiers_written_by_byte_are_those_written_by_character() {
        let labels = [
            "",
            "@",
            "*",
            "www",
            "WWW",
            "a-b",
            "a_b",
            "_sip._tcp",
            "9lives",
            "-x",
            "bücher",
            "ÄÖ-ü",
            "x.y",
            "über.ñ.Z",
            "a..b",
            "日本",
            "ǅ",
            "a b!c",
            "MiXeD-Case_9",
        ];
        let mut checked = 0;
        for a in labels {
            for b in labels {
                for parts in [vec![a], vec![a, b], vec![b, a, "eu"]] {
                    assert_eq!(
                        super::snake_identifier(parts.iter().copied()),
                        by_character::snake(&parts),
                        "{parts:?}"
                    );
                    assert_eq!(
                        super::camel_identifier("Record", parts.iter().copied()),
                        by_character::camel("Record", &parts),
                        "{parts:?}"
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 1000);
    }

    use super::*;

    #[test]
    fn sorting_in_place_keeps_equals_in_order() {
        let keys = [3u8, 1, 2, 1, 3, 0, 2, 1, 0, 3];
        let mut items: Vec<(u8, usize)> =
            keys.into_iter().enumerate().map(|(i, k)| (k, i)).collect();
        let mut expected = items.clone();
        expected.sort_by_key(|&(k, _)| k);
        let order = sorted_order(
            0..items.len(),
            |_| Prefix::default(),
            |a, b| keys[a].cmp(&keys[b]),
        );
        permute_in_place(&mut items, order);
        assert_eq!(items, expected);
        // A permutation that is one cycle through every position.
        let mut items: Vec<u8> = vec![4, 0, 3, 1, 2];
        let order = sorted_order(
            0..5,
            |i| prefix_key(&[items[i]]),
            |_, _| std::cmp::Ordering::Equal,
        );
        permute_in_place(&mut items, order);
        assert_eq!(items, [0, 1, 2, 3, 4]);
    }

    /// Where two names' keys differ, they order the names; a sort by key,
    /// then name, is a sort by name.
    #[test]
    fn prefix_keys_order_names_where_they_differ() {
        let names: Vec<&[u8]> = vec![
            b"",
            b"a",
            b"a\0",
            b"ab",
            b"abcdefgh",
            b"abcdefgh.",
            b"abcdefghi",
            b"abcdefg",
            b"_sip._tcp.a",
            b"_sip._tcp.b",
            b"b",
            b"\xff",
            b"zz",
            b"a.example.com",
        ];
        for a in &names {
            for b in &names {
                let (ka, kb) = (prefix_key(a), prefix_key(b));
                if ka != kb {
                    assert_eq!(ka.cmp(&kb), a.cmp(b), "{a:?} {b:?}");
                }
                // With a namespace before them, as `repeats` keys claims.
                for (sa, sb) in [(0, 0), (0, 1), (1, 0), (7, 7)] {
                    let (pa, pb) = (Prefix::after(sa, ka), Prefix::after(sb, kb));
                    if pa != pb {
                        assert_eq!(pa.cmp(&pb), (sa, *a).cmp(&(sb, *b)), "{a:?} {b:?}");
                    }
                }
            }
        }
        let order = sorted_order(
            0..names.len(),
            |i| prefix_key(names[i]),
            |a, b| names[a].cmp(names[b]),
        );
        let mut sorted = names.clone();
        sorted.sort();
        let by_key: Vec<&[u8]> = order.iter().map(|&i| names[i as usize]).collect();
        assert_eq!(by_key, sorted);
    }

    #[test]
    fn absolute_names_end_in_one_dot() {
        assert_eq!(absolute("mx.example.com"), "mx.example.com.");
        assert_eq!(absolute("mx.example.com."), "mx.example.com.");
        assert_eq!(absolute("."), ".");
        assert_eq!(absolute(""), ".");
    }

    #[test]
    fn canonical_order_compares_from_the_root() {
        assert_eq!(canonical("WWW.Example.com."), ["com", "example", "www"]);
        let mut names = [
            "b.example.com",
            "example.com",
            "a.b.example.com",
            "z.example.com",
        ];
        names.sort_by_key(|n| canonical(n));
        assert_eq!(
            names,
            [
                "example.com",
                "b.example.com",
                "a.b.example.com",
                "z.example.com"
            ]
        );
    }

    #[test]
    fn names_compare_in_canonical_order_without_their_canonical_forms() {
        let names = [
            "example.com",
            "Example.com.",
            "b.example.com",
            "a.b.example.com",
            "z.example.com",
            "Z.example.com",
            "za.example.com",
            "a-b.example.com",
            "a.example.org",
            "",
            ".",
            "com",
            "_x.example.com",
            "example.com..",
        ];
        for a in names {
            for b in names {
                assert_eq!(
                    cmp_canonical(a, b),
                    canonical(a).cmp(&canonical(b)),
                    "{a:?} {b:?}"
                );
            }
        }
    }

    /// [`canonical_order`] is the stable sort by [`cmp_canonical`], on
    /// names that differ only in case, in a label's end, in their number
    /// of labels, and repeated.
    #[test]
    fn canonical_order_is_the_stable_sort_by_cmp_canonical() {
        let names = [
            "www.example.com",
            "WWW.example.com",
            "a.example.com",
            "example.com",
            "example.com.",
            "ab.example.com",
            "a.b.example.com",
            "b.example.com",
            "a-b.example.com",
            "_x.example.com",
            "*.example.com",
            "a.example.org",
            "",
            ".",
            "com",
            "www.example.com",
            "example.com..",
            "z",
        ];
        let mut expected: Vec<u32> = (0..names.len() as u32).collect();
        expected.sort_by(|&a, &b| cmp_canonical(names[a as usize], names[b as usize]));
        assert_eq!(super::canonical_order(names.iter().copied()), expected);
    }

    #[test]
    fn generated_names_sit_below_their_parent_and_never_below_a_wildcard() {
        assert_eq!(
            generated_name("continent-EU", "www.example.com"),
            "_continent-eu.www.example.com"
        );
        assert_eq!(
            generated_name("primary", "*.dev.example.com"),
            "_primary._wildcard.dev.example.com"
        );
        assert_eq!(generated_name("a b", "example.com"), "_a-b.example.com");
    }

    #[test]
    fn labels_become_dns_labels() {
        assert_eq!(dns_label("continent-EU"), "continent-eu");
        assert_eq!(dns_label("US-CA"), "us-ca");
        assert_eq!(dns_label("failover-ireland_main"), "failover-ireland_main");
    }

    #[test]
    fn snake_identifiers_are_lowercase_terraform_names() {
        assert_eq!(snake_identifier(["www", "A", "primary"]), "www_a_primary");
        assert_eq!(snake_identifier(["@", "MX"]), "apex_mx");
        assert_eq!(
            snake_identifier(["*.preview", "CNAME"]),
            "wildcard_preview_cname"
        );
        assert_eq!(
            snake_identifier(["www", "A", "continent-EU", "primary"]),
            "www_a_continent-eu_primary"
        );
        assert_eq!(
            snake_identifier(["s2024._domainkey", "TXT"]),
            "s2024__domainkey_txt"
        );
        assert_eq!(
            snake_identifier(["xn--bcher-kva", "CNAME"]),
            "xn--bcher-kva_cname"
        );
        assert_eq!(snake_identifier(["1.origin", "A"]), "_1_origin_a");
        assert_eq!(snake_identifier(["myshop.com"]), "myshop_com");
        assert_eq!(snake_identifier(["büro"]), "b_ro");
    }

    #[test]
    fn camel_identifiers_are_cloudformation_logical_ids() {
        let id = |parts: &[&str]| camel_identifier("Record", parts.iter().copied());
        assert_eq!(
            id(&["www", "A", "continent-EU", "primary"]),
            "RecordWwwAContinentEUPrimary"
        );
        assert_eq!(id(&["@", "MX"]), "RecordApexMX");
        assert_eq!(id(&["*.preview", "CNAME"]), "RecordWildcardPreviewCNAME");
        assert_eq!(id(&["eu-west-1.origin", "A"]), "RecordEuWest1OriginA");
        assert_eq!(id(&["_imaps._tcp", "SRV"]), "RecordImapsTcpSRV");
        assert_eq!(id(&["xn--bcher-kva", "CNAME"]), "RecordXnBcherKvaCNAME");
        assert_eq!(id(&["api", "AAAA", "US-CA"]), "RecordApiAAAAUSCA");
        assert_eq!(
            camel_identifier("HealthCheck", ["ireland_up"]),
            "HealthCheckIrelandUp"
        );
    }

    #[test]
    fn claims_are_kept_in_one_buffer() {
        let mut claims = Claims::default();
        assert_eq!(claims.claim_snake(["www", "A", "primary"].into_iter()), 0);
        assert_eq!(claims.claim_camel("Record", ["@", "MX"].into_iter()), 1);
        assert_eq!(claims.claim(""), 2);
        assert_eq!(claims.claim_snake(["1.origin", "A"].into_iter()), 3);
        assert_eq!(claims.len(), 4);
        assert_eq!(claims.get(0), snake_identifier(["www", "A", "primary"]));
        assert_eq!(claims.get(1), camel_identifier("Record", ["@", "MX"]));
        assert_eq!(claims.get(2), "");
        // The `_` a name starting with a digit gets goes before it, not
        // before the buffer.
        assert_eq!(claims.get(3), "_1_origin_a");
    }

    #[test]
    fn repeated_claims_name_the_first_claimant_in_claim_order() {
        let mut claims = Claims::default();
        for name in ["b", "a", "c", "a", "b", "a", "x", "x", "c"] {
            claims.claim(name);
        }
        // Claim 6 takes no name (too long, say): claim 7 is the first `x`.
        // Claim 8 is in another namespace than claim 2.
        let repeats = claims.repeats(|i| match i {
            6 => None,
            8 => Some(1),
            _ => Some(0),
        });
        assert_eq!(repeats.repeated, [(3, 1), (4, 0), (5, 1)]);
        assert_eq!(repeats.order, [1, 3, 5, 0, 4, 2, 7, 8]);
        let none = claims.repeats(|i| Some(i as u8));
        assert!(none.repeated.is_empty());
        // Found by hashing, the same pairs in the same order.
        let space = |i| match i {
            6 => None,
            8 => Some(1),
            _ => Some(0),
        };
        assert_eq!(claims.repeated(space), repeats.repeated);
        assert!(claims.repeated(|i| Some(i as u8)).is_empty());
    }

    #[test]
    fn finding_repeats_is_not_quadratic() {
        // A name is looked at O(log n) times, not once per other name: a
        // scan of the names claimed before each claim looks 2^27 times.
        let n = 1 << 14;
        let names: Vec<String> = (0..n)
            .map(|i| format!("n{}", (i * 7919) % (n / 2)))
            .collect();
        let looks = std::cell::Cell::new(0u64);
        let repeats = repeats(
            n,
            |_| Some(0),
            |i| {
                looks.set(looks.get() + 1);
                names[i].as_bytes()
            },
        );
        let mut first = std::collections::HashMap::new();
        let expected: Vec<(usize, usize)> = (0..n)
            .filter_map(|i| match first.entry(&names[i]) {
                std::collections::hash_map::Entry::Occupied(f) => Some((i, *f.get())),
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert(i);
                    None
                }
            })
            .collect();
        assert_eq!(expected.len(), n / 2);
        assert_eq!(repeats.repeated, expected);
        let limit = 8 * n as u64 * u64::from(n.ilog2());
        assert!(looks.get() < limit, "{} looks at {n} names", looks.get());
    }
}
