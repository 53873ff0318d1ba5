//! Every piece of Lua text the PowerDNS target writes, in one place, with
//! every string escaped by [`string`]. The functions are PowerDNS's LUA
//! record functions (<https://doc.powerdns.com/authoritative/lua-records/functions.html>):
//! `ifurlup(url, addresses, options)` probes `url` against each address
//! (the URL's host is the Host header) and answers from the first set of
//! addresses with one up; `ifportup(port, addresses, options)` connects
//! to each address's TCP port, over one flat list (see [`sets`]);
//! `pickwrandom({{weight, address}, ...})` picks one address by weight.

/// A Lua string literal in single quotes: `'`, `"`, `\` and every byte
/// outside printable ASCII as `\DDD` (Lua's decimal escape, always three
/// digits so a following digit cannot join it). The literal then holds no
/// quote of either kind, and its only backslashes start escapes: PowerDNS
/// hands the text between a LUA record's quotes to Lua as it is, without
/// undoing master-file escapes (a `\"` there fails; tested live in
/// tests/powerdns_live.rs).
pub fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for &b in s.as_bytes() {
        match b {
            b'\'' | b'"' | b'\\' => out.push_str(&format!("\\{b:03}")),
            0x20..=0x7e => out.push(char::from(b)),
            _ => out.push_str(&format!("\\{b:03}")),
        }
    }
    out.push('\'');
    out
}

/// A Lua list of strings: `{'a', 'b'}`.
pub fn list(items: &[String]) -> String {
    let inner: Vec<String> = items.iter().map(|s| string(s)).collect();
    format!("{{{}}}", inner.join(", "))
}

/// What `ifurlup` probes and expects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlProbe {
    pub url: String,
    /// `stringmatch`: the body must contain it.
    pub stringmatch: Option<String>,
}

/// How PowerDNS probes an address: `ifurlup` with a URL, or `ifportup`
/// with a TCP port (a connection that establishes within the timeout is
/// up; nothing is sent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Probe {
    Url(UrlProbe),
    Tcp { port: u16 },
}

/// Every up address of the first set with one up; when every address is
/// down, the first set: Route 53's answer when no member is healthy
/// ("If no record is healthy, all records are healthy", then the routing
/// policy picks as usual: Developer Guide, "How Amazon Route 53 chooses
/// records when health checking is configured",
/// <https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/health-checks-how-route-53-chooses-records.html>):
/// the sets are a failover's primary then secondary, or a CIDR or
/// geolocation rule's member then the larger areas' and `default`'s, and
/// with all of them taken as healthy the first one answers (the primary,
/// the most specific rule; `crate::semantics`).
///
/// One set: `ifurlup(url, {{set}}, options)` (`selector='all'`,
/// `backupSelector='all'`: every address when all are down, which is the
/// set). Several sets, or a tcp probe: a function called in place walks
/// the sets ([`walk`]), each address asked on its own ([`up`]), since
/// `ifurlup` over several sets answers every address of every set when
/// all are down (`backupSelector` picks "from all addresses"), not the
/// first set; and PowerDNS 4.7's `ifportup` takes one flat list, not sets
/// (<https://doc.powerdns.com/authoritative/lua-records/functions.html#ifportup>;
/// `pdns/lua-record.cc` at tag auth-4.7.3).
pub fn sets(probe: &Probe, sets: &[Vec<String>]) -> String {
    match (probe, sets) {
        (Probe::Url(probe), [_]) => ifurlup_picking(probe, sets, "all"),
        _ => answer_of(&health_of_sets(probe, sets)),
    }
}

/// Whether the address in the Lua variable `var` is up by PowerDNS's
/// health check for `probe`: `ifurlup(url, {a, a}, options)` or
/// `ifportup(port, {a, a}, options)` with `selector='all'` and
/// `backupSelector='random'` lists the address twice, and answers every
/// available entry (`selector='all'`: both copies) when it is up, but one
/// entry picked at random from all of them (`backupSelector`) when every
/// one is down (the functions page: the selector picks "from the list of
/// available addresses", the backupSelector "from all addresses if all
/// addresses are down"; lua-record.cc at auth-4.7.3 keeps every listed
/// entry). So two entries mean up. Every call for a probe has the same
/// options, so PowerDNS keeps one check per address and probe.
fn up(probe: &Probe, var: &str) -> String {
    let mut options = vec![
        format!("selector={}", string("all")),
        format!("backupSelector={}", string("random")),
    ];
    let call = match probe {
        Probe::Url(p) => {
            if let Some(m) = &p.stringmatch {
                options.push(format!("stringmatch={}", string(m)));
            }
            format!("ifurlup({}", string(&p.url))
        }
        Probe::Tcp { port } => format!("ifportup({port}"),
    };
    format!(
        "#{call}, {{{var}, {var}}}, {{{}}}) == 2",
        options.join(", ")
    )
}

/// The body of a Lua function that walks `sets` in order, each address
/// asked by [`up`]: it returns the up addresses of the first set with one
/// up and `true`, else the first set and `false` (Route 53's answer when
/// none is healthy, see [`sets`]). Every address is asked on every call,
/// as `ifurlup` asks all of its own: pdns starts checking an address when
/// it is first asked (and counts it down until that check has run), so
/// the secondary's checks run from the first query on and a failover
/// takes one check, not two.
fn walk(probe: &Probe, sets: &[Vec<String>]) -> String {
    let sets: Vec<String> = sets.iter().map(|s| list(s)).collect();
    format!(
        "local ss, hit = {{{}}}, nil for _, s in ipairs(ss) do local u = {{}} \
         for _, a in ipairs(s) do if {} then u[#u + 1] = a end end \
         if #u > 0 and not hit then hit = u end end \
         if hit then return hit, true end return ss[1], false",
        sets.join(", "),
        up(probe, "a")
    )
}

/// The address nearest the client (by GeoIP, `pickclosest`) among the
/// up ones of `addresses`, or among all of them when every one is down.
pub fn closest(probe: &Probe, addresses: &[String]) -> String {
    let picking = format!(
        "{{selector={p}, backupSelector={p}}}",
        p = string("pickclosest")
    );
    match probe {
        Probe::Url(probe) => ifurlup_picking(probe, &[addresses.to_vec()], "pickclosest"),
        Probe::Tcp { port } => format!("ifportup({port}, {}, {picking})", list(addresses)),
    }
}

/// `ifurlup(url, {{set 1}, ...}, options)` with `selector` for the up
/// addresses of the first set with one up and, when all are down, for
/// all of them: `'all'`, or `'pickclosest'`, the one nearest the client
/// by GeoIP.
fn ifurlup_picking(probe: &UrlProbe, sets: &[Vec<String>], selector: &str) -> String {
    let sets: Vec<String> = sets.iter().map(|s| list(s)).collect();
    let mut options = vec![
        format!("selector={}", string(selector)),
        format!("backupSelector={}", string(selector)),
    ];
    if let Some(m) = &probe.stringmatch {
        options.push(format!("stringmatch={}", string(m)));
    }
    format!(
        "ifurlup({}, {{{}}}, {{{}}})",
        string(&probe.url),
        sets.join(", "),
        options.join(", ")
    )
}

/// `pickwrandom({{weight, 'address'}, ...})`: one address, chosen with
/// probability proportional to its weight.
pub fn pickwrandom(members: &[(u8, String)]) -> String {
    let items: Vec<String> = members
        .iter()
        .map(|(w, a)| format!("{{{w}, {}}}", string(a)))
        .collect();
    format!("pickwrandom({{{}}})", items.join(", "))
}

// A *health function* is a Lua function of no arguments that returns a
// policy's answer and whether it is healthy, Route 53's sense
// (`crate::semantics`: a nested policy is healthy when it answers from a
// healthy member). Policies nested in others are composed through them.

/// The health function of an answer that is always healthy (no check).
pub fn health_of_static(answer: &str) -> String {
    format!("function() return {answer}, true end")
}

/// The health function of address sets probed by `probe` ([`walk`]).
pub fn health_of_sets(probe: &Probe, sets: &[Vec<String>]) -> String {
    format!("function() {} end", walk(probe, sets))
}

/// The answer of a health function, as an expression (the parentheses
/// keep its first value only).
pub fn answer_of(health: &str) -> String {
    format!("(({health})())")
}

/// Route 53's fall-through as a health function: `first`'s answer when
/// it is healthy, else `then`'s when that is, else `first`'s, unhealthy
/// (failover answers the primary when both are unhealthy; a CIDR or
/// geolocation rule answers its member when `default` is unhealthy too:
/// with no member healthy Route 53 takes all as healthy, see [`sets`]).
/// Both are asked on every call, so that pdns checks `then`'s addresses
/// from the first query on (see [`walk`]).
pub fn first_healthy(first: &str, then: &str) -> String {
    format!(
        "function() local a, u = ({first})() local b, v = ({then})() \
         if u then return a, true end if v then return b, true end return a, false end"
    )
}

/// Branches (condition, health function) and `otherwise` as a health
/// function: the first branch whose condition holds answers.
pub fn health_of_branches(branches: &[(String, String)], otherwise: &str) -> String {
    let mut out = String::from("function() ");
    for (condition, health) in branches {
        out.push_str(&format!("if {condition} then return ({health})() end "));
    }
    out.push_str(&format!("return ({otherwise})() end"));
    out
}

/// A `stay` member's health function: healthy whenever `health` has an
/// answer.
pub fn stays(health: &str) -> String {
    format!("function() local a = ({health})() return a, next(a) ~= nil end")
}

/// The health function of no answer (a rule no client matches, a policy
/// without `default`): unhealthy, as a member without an answer is.
pub fn health_of_nothing() -> String {
    "function() return {}, false end".to_string()
}

/// A member of a weighted, multivalue, latency or geoproximity policy:
/// its weight (1 where there is none), the address `pickclosest` locates
/// it by (latency), and its health function.
#[derive(Debug, Clone)]
pub struct Member {
    pub weight: u8,
    pub locator: Option<String>,
    pub health: String,
}

/// `ms`, the members as a Lua table of `{weight, locator, health}`, and
/// `ans[i]` and `up[i]`, member i's answer and health.
fn members_prelude(members: &[Member]) -> String {
    let items: Vec<String> = members
        .iter()
        .map(|m| {
            let locator = m.locator.as_deref().map_or("''".to_string(), string);
            format!("{{{}, {locator}, {}}}", m.weight, m.health)
        })
        .collect();
    format!(
        "local ms = {{{}}} local ans, up = {{}}, {{}} \
         for i, m in ipairs(ms) do ans[i], up[i] = m[3]() end ",
        items.join(", ")
    )
}

/// The union of the healthy members' answers, or of all of them when none
/// is healthy (then unhealthy; with no member healthy Route 53 takes all
/// as healthy, see [`sets`]); of at most `limit` members with an answer,
/// the first ones in the policy's order, as `crate::semantics` counts
/// them (multivalue: eight).
fn union(limit: Option<usize>) -> String {
    let limit = limit.map_or("math.huge".to_string(), |l| l.to_string());
    format!(
        "local out, all, any, n, k = {{}}, {{}}, false, 0, 0 \
         for i in ipairs(ms) do any = any or up[i] end \
         for i in ipairs(ms) do if #ans[i] > 0 then \
         if up[i] and n < {limit} then n = n + 1 for _, a in ipairs(ans[i]) do out[#out + 1] = a end end \
         if k < {limit} then k = k + 1 for _, a in ipairs(ans[i]) do all[#all + 1] = a end end end end \
         if any then return out, true end return all, false"
    )
}

/// Weighted routing as a health function, as Route 53 picks (API
/// reference, `ResourceRecordSet.Weight`): by weight among the healthy
/// members above 0; else alike among the healthy weight-0 members; else
/// (none healthy) by weight among all above 0, or alike among all when
/// every weight is 0. `pickwrandom` picks a member's number by weight;
/// the member answers as its health function says.
pub fn weighted(members: &[Member]) -> String {
    format!(
        "function() {}\
         local function choose(f, weigh) local c = {{}} \
         for i, m in ipairs(ms) do if f(i, m) then c[#c + 1] = {{weigh and m[1] or 1, tostring(i)}} end end \
         if #c == 0 then return nil end return tonumber(pickwrandom(c)) end \
         local i = choose(function(i, m) return up[i] and m[1] > 0 end, true) \
         or choose(function(i) return up[i] end, false) \
         or choose(function(i, m) return m[1] > 0 end, true) \
         or choose(function() return true end, false) \
         return ans[i], up[i] end",
        members_prelude(members)
    )
}

/// Multivalue routing as a health function: every healthy member's
/// answer, or every answer when none is healthy, of at most `limit`
/// members (Developer Guide, "Multivalue answer routing": "up to eight
/// healthy records"; API reference, `ResourceRecordSet.MultiValueAnswer`:
/// "When all records are unhealthy, Route 53 responds ... with up to
/// eight unhealthy records").
pub fn multivalue(members: &[Member], limit: usize) -> String {
    format!(
        "function() {}{} end",
        members_prelude(members),
        union(Some(limit))
    )
}

/// Latency over members that are policies or are probed
/// differently, as a health function: for a client `located` (on a
/// continent), `pickclosest` among the locators of the healthy members
/// (of all when none is) names the member that answers; anyone else gets
/// the union of the healthy members' answers.
pub fn nearest(located: &str, members: &[Member]) -> String {
    format!(
        "function() {}if {located} then local c, every = {{}}, {{}} \
         for i, m in ipairs(ms) do every[#every + 1] = m[2] if up[i] then c[#c + 1] = m[2] end end \
         if #c == 0 then c = every end local p = pickclosest(c) \
         for i, m in ipairs(ms) do if m[2] == p then return ans[i], up[i] end end end {} end",
        members_prelude(members),
        union(None)
    )
}

/// Geoproximity as a health function, each member with its point
/// (latitude, longitude) and bias. Route 53 answers with the healthy
/// member at the smallest *biased* distance, "Biased distance = actual
/// distance * [1 - (bias/100)]" (Developer Guide, "Geoproximity
/// routing", "How Amazon Route 53 uses bias to route traffic":
/// <https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy-geoproximity.html>),
/// the nearest of all when none is healthy. pickclosest knows no bias,
/// so for a client `located` (on a continent) the Lua computes it: the
/// client's (or its client subnet's) point from GeoIP by `latlon()`
/// (<https://doc.powerdns.com/authoritative/lua-records/functions.html#latlon>:
/// "latitude longitude"), the great-circle (haversine) distance to each
/// member's point on a sphere of 6371.0088 km, as `steer explain`
/// measures, times `1 - bias/100`. Anyone else gets the union of the
/// healthy members' answers.
pub fn geoproximity(located: &str, members: &[(Member, f64, f64, i8)]) -> String {
    let only: Vec<Member> = members.iter().map(|m| m.0.clone()).collect();
    let points: Vec<String> = members
        .iter()
        .map(|(_, lat, lon, bias)| format!("{{{lat}, {lon}, {bias}}}"))
        .collect();
    format!(
        "function() {}local ps = {{{}}} if {located} then \
         local la, lo = string.match(latlon(), {}) la, lo = math.rad(tonumber(la)), math.rad(tonumber(lo)) \
         local any = false for i in ipairs(ms) do any = any or up[i] end local best, bd = nil, nil \
         for i, p in ipairs(ps) do if up[i] or not any then local pa, po = math.rad(p[1]), math.rad(p[2]) \
         local h = math.sin((pa - la) / 2) ^ 2 + math.cos(la) * math.cos(pa) * math.sin((po - lo) / 2) ^ 2 \
         local d = 2 * 6371.0088 * math.asin(math.min(1, math.sqrt(h))) * (1 - p[3] / 100) \
         if bd == nil or d < bd then best, bd = i, d end end end return ans[best], up[best] end {} end",
        members_prelude(&only),
        points.join(", "),
        string("^(%S+) (%S+)$"),
        union(None)
    )
}

/// `name({'a', ...})`: a function of a list of strings, such as
/// `country({'DE'})` or `continent({'EU'})`, whether the client's (or its
/// client subnet's) GeoIP country or continent is one of them.
pub fn call(name: &str, items: &[String]) -> String {
    format!("{name}({})", list(items))
}

/// `country({'US'}) and region({'CA'})`: whether the client is in the
/// subdivision `sub` of `country`. pdns's `region()` compares (ignoring
/// case) with the GeoIP database's first subdivision code, which is the
/// part of the ISO 3166-2 code after the country (`CA` of `US-CA`), as
/// Route 53's subdivision codes are; the country is asked too, since the
/// same code names subdivisions of other countries.
pub fn subdivision(country: &str, sub: &str) -> String {
    format!(
        "{} and {}",
        call("country", &[country.to_string()]),
        call("region", &[sub.to_string()])
    )
}

/// `netmask({'block', ...})`: whether the client's address, or the
/// client subnet it sent (with `edns-subnet-processing=yes`), is in one of
/// the blocks.
pub fn netmask(blocks: &[String]) -> String {
    call("netmask", blocks)
}

/// A script's statements as an expression: a function called in place,
/// so that a policy written as branches can stand inside another one.
pub fn called(statements: &str) -> String {
    format!("(function() {statements} end)()")
}

/// A Lua script (a record starting with `;` runs as a script, not as
/// one returned expression): the answer of the first branch whose
/// condition holds, else `otherwise`.
pub fn branches(branches: &[(String, String)], otherwise: &str) -> String {
    let mut out = String::from(";");
    for (condition, answer) in branches {
        out.push_str(&format!("if {condition} then return {answer} end "));
    }
    out.push_str(&format!("return {otherwise}"));
    out
}

/// Latency routing over members of several addresses: for a client on
/// one of the continents of `located`, the address `closest` picks (an
/// expression of one address, or of a list holding one) names its member
/// in `members` (its addresses, and the expression it answers with),
/// which answers; anyone else gets `everyone`.
pub fn nearest_member(
    located: &str,
    closest: &str,
    members: &[(Vec<String>, String)],
    everyone: &str,
) -> String {
    let mut out =
        format!(";if {located} then local c = {closest} if type(c) == 'table' then c = c[1] end ");
    if let Some(((_, last), rest)) = members.split_last() {
        for (addresses, answer) in rest {
            let picked: Vec<String> = addresses
                .iter()
                .map(|a| format!("c == {}", string(a)))
                .collect();
            out.push_str(&format!(
                "if {} then return {answer} end ",
                picked.join(" or ")
            ));
        }
        out.push_str(&format!("return {last} "));
    }
    out.push_str(&format!("end return {everyone}"));
    out
}

/// A LUA record's data in a master file: the answer type and the Lua
/// expression as one quoted string, as it is: every string in it came
/// from [`string`], so it holds no `"`.
pub fn record_data(answer_type: &str, code: &str) -> String {
    debug_assert!(!code.contains('"'), "{code}");
    format!("{answer_type} \"{code}\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bytes a Lua literal written by [`string`] stands for.
    fn unlua(s: &str) -> Vec<u8> {
        let inner = s.strip_prefix('\'').unwrap().strip_suffix('\'').unwrap();
        let b = inner.as_bytes();
        let (mut out, mut i) = (Vec::new(), 0);
        while i < b.len() {
            if b[i] == b'\\' {
                out.push(inner[i + 1..i + 4].parse::<u8>().unwrap());
                i += 4;
            } else {
                out.push(b[i]);
                i += 1;
            }
        }
        out
    }

    /// Every string of the escaping corpus survives, and the literal is
    /// printable ASCII with no unescaped quote.
    #[test]
    fn escaping_corpus_round_trips() {
        let corpus = include_str!("../../../tests/fixtures/escaping.steer");
        let mut strings: Vec<String> = corpus
            .split('"')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect();
        strings.extend(
            [
                "it's",
                "C:\\path",
                "tab\there\nnewline\r",
                "café 😀",
                "\u{0}\u{7f}",
                "]]--",
                "${json}&pct=%{x}",
            ]
            .map(String::from),
        );
        for s in &strings {
            let lit = string(s);
            assert!(lit.bytes().all(|b| (0x20..=0x7e).contains(&b)), "{lit}");
            let inner = &lit[1..lit.len() - 1];
            assert!(!inner.contains(['\'', '"']), "{lit}");
            // Every backslash starts a three-digit escape.
            assert!(
                inner.match_indices('\\').all(|(i, _)| inner[i + 1..]
                    .bytes()
                    .take(3)
                    .filter(u8::is_ascii_digit)
                    .count()
                    == 3),
                "{lit}"
            );
            assert_eq!(unlua(&lit), s.as_bytes(), "{lit}");
            // Through every generator that takes strings: each one is
            // that literal, and the text holds no `"`.
            let url = Probe::Url(UrlProbe {
                url: s.clone(),
                stringmatch: Some(s.clone()),
            });
            let tcp = Probe::Tcp { port: 1 };
            let one = [vec![s.clone()]];
            for code in [
                sets(&url, &one),
                sets(&tcp, &one),
                closest(&url, &one[0]),
                closest(&tcp, &one[0]),
                health_of_sets(&url, &one),
                first_healthy(
                    &health_of_sets(&tcp, &one),
                    &health_of_static(&list(&one[0])),
                ),
                stays(&health_of_sets(&url, &one)),
                health_of_branches(
                    &[(call("country", &one[0]), health_of_sets(&tcp, &one))],
                    &health_of_nothing(),
                ),
                weighted(&[Member {
                    weight: 1,
                    locator: None,
                    health: health_of_sets(&tcp, &one),
                }]),
                multivalue(
                    &[Member {
                        weight: 1,
                        locator: None,
                        health: health_of_sets(&url, &one),
                    }],
                    8,
                ),
                nearest(
                    "c",
                    &[Member {
                        weight: 1,
                        locator: Some(s.clone()),
                        health: health_of_static(&list(&one[0])),
                    }],
                ),
                pickwrandom(&[(1, s.clone())]),
                nearest_member("c", "p", &[(one[0].clone(), list(&one[0]))], "{}"),
                subdivision(s, s),
            ] {
                assert!(code.contains(&lit), "{code}");
                assert!(!code.contains('"'), "{code}");
            }
        }
    }

    /// PowerDNS 4.7's ifportup takes one flat list: the sets are walked
    /// in Lua, each address asked on its own (listed twice, up when both
    /// copies come back).
    #[test]
    fn tcp_sets_ask_ifportup_per_address() {
        let tcp = Probe::Tcp { port: 5432 };
        assert_eq!(
            sets(
                &tcp,
                &[
                    vec!["192.0.2.1".into(), "192.0.2.2".into()],
                    vec!["192.0.2.3".into()]
                ]
            ),
            "((function() local ss, hit = {{'192.0.2.1', '192.0.2.2'}, {'192.0.2.3'}}, nil for _, s in ipairs(ss) do \
             local u = {} for _, a in ipairs(s) do \
             if #ifportup(5432, {a, a}, {selector='all', backupSelector='random'}) == 2 then u[#u + 1] = a end end \
             if #u > 0 and not hit then hit = u end end \
             if hit then return hit, true end return ss[1], false end)())"
        );
        // One set is walked too (ifportup has no sets); all down, it is
        // the answer.
        assert!(sets(&tcp, &[vec!["192.0.2.1".into()]])
            .ends_with("if hit then return hit, true end return ss[1], false end)())"));
        assert_eq!(
            closest(&tcp, &["192.0.2.1".into(), "192.0.2.3".into()]),
            "ifportup(5432, {'192.0.2.1', '192.0.2.3'}, {selector='pickclosest', backupSelector='pickclosest'})"
        );
        // An http probe's health is asked the same way, its options kept.
        let url = Probe::Url(UrlProbe {
            url: "http://h/".into(),
            stringmatch: Some("OK".into()),
        });
        assert!(health_of_sets(&url, &[vec!["192.0.2.1".into()]]).contains(
            "#ifurlup('http://h/', {a, a}, {selector='all', backupSelector='random', stringmatch='OK'}) == 2"
        ));
    }

    #[test]
    fn digits_after_an_escape_stay_separate() {
        assert_eq!(string("\n1"), "'\\0101'");
        assert_eq!(unlua(&string("\n1")), b"\n1");
    }

    #[test]
    fn ifurlup_and_pickwrandom_text() {
        let probe = UrlProbe {
            url: "https://www.example/health".into(),
            stringmatch: Some("say \"OK\"".into()),
        };
        let probe = Probe::Url(probe);
        assert_eq!(
            sets(&probe, &[vec!["192.0.2.1".into(), "192.0.2.2".into()]]),
            "ifurlup('https://www.example/health', {{'192.0.2.1', '192.0.2.2'}}, \
             {selector='all', backupSelector='all', stringmatch='say \\034OK\\034'})"
        );
        // Several sets: all down, ifurlup would answer every address of
        // every set; the walk answers the first set, as Route 53 answers
        // the primary (or the most specific rule) when none is healthy.
        assert_eq!(
            sets(
                &probe,
                &[vec!["192.0.2.1".into()], vec!["192.0.2.2".into()]]
            ),
            "((function() local ss, hit = {{'192.0.2.1'}, {'192.0.2.2'}}, nil for _, s in ipairs(ss) do \
             local u = {} for _, a in ipairs(s) do \
             if #ifurlup('https://www.example/health', {a, a}, {selector='all', backupSelector='random', \
             stringmatch='say \\034OK\\034'}) == 2 then u[#u + 1] = a end end \
             if #u > 0 and not hit then hit = u end end \
             if hit then return hit, true end return ss[1], false end)())"
        );
        assert_eq!(
            pickwrandom(&[(3, "192.0.2.1".into()), (1, "192.0.2.2".into())]),
            "pickwrandom({{3, '192.0.2.1'}, {1, '192.0.2.2'}})"
        );
        assert_eq!(
            branches(
                &[(netmask(&["10.0.0.0/8".into()]), list(&["192.0.2.1".into()]))],
                "{}"
            ),
            ";if netmask({'10.0.0.0/8'}) then return {'192.0.2.1'} end return {}"
        );
        assert_eq!(
            record_data("A", &format!("f({})", string("it's \"x\" \\"))),
            r#"A "f('it\039s \034x\034 \092')""#
        );
    }
}
