//! editors/vim in a headless Vim: the highlight group of every token class
//! of tests/vim/sample.steer, the filetype plugin's settings and indentation,
//! and the compiler's errorformat over what `steer check` really prints.
//!
//! Each test writes a Vim script, runs `vim -Nu NONE -es` with editors/vim on
//! 'runtimepath' (as a user's `set rtp+=` would), and reads what the script
//! wrote to a file.

mod common;

use common::tools::{self, require_tool};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Positions in tests/vim/sample.steer, one per token class: a pattern whose
/// match starts on the token (`\V`, very nomagic; `\zs` marks the start
/// inside its context), the syntax group there, and the standard group it
/// links to.
const HIGHLIGHTS: &[(&str, &str, &str)] = &[
    // Comments, with TODO inside them.
    (r"# Every", "steerComment", "Comment"),
    (r"TODO", "steerTodo", "Todo"),
    // Strings and their escapes.
    (r#""example.com""#, "steerString", "Constant"),
    (r#"with a \zs\\""#, "steerEscape", "Special"),
    (r"\zs\\u{e9}", "steerEscape", "Special"),
    // Items.
    (r#"zone "example.com""#, "steerItem", "Statement"),
    (r"region ireland {", "steerItem", "Statement"),
    (r"check web_up {", "steerItem", "Statement"),
    (r"endpoint ireland", "steerItem", "Statement"),
    (r"record www", "steerItem", "Statement"),
    (r"pool eu", "steerItem", "Statement"),
    (r"input lb_name", "steerItem", "Statement"),
    (r"cidr_collection", "steerItem", "Statement"),
    // Routing policies.
    (r"failover {", "steerPolicy", "Type"),
    (r"latency [", "steerPolicy", "Type"),
    (r"geolocation {", "steerPolicy", "Type"),
    (r"weighted {", "steerPolicy", "Type"),
    (r"multivalue [", "steerPolicy", "Type"),
    (r"geoproximity [", "steerPolicy", "Type"),
    (r"cidr offices", "steerPolicy", "Type"),
    // Member roles.
    (r"primary ireland", "steerRole", "Statement"),
    (r"secondary stay", "steerRole", "Statement"),
    (r"continent EU", "steerRole", "Statement"),
    (r"country DE", "steerRole", "Statement"),
    (r"subdivision US-CA", "steerRole", "Statement"),
    (r"default => eu", "steerRole", "Statement"),
    // Suffixes after a member.
    (r"stay cdn", "steerSuffix", "Type"),
    (r#"id "eu-2""#, "steerSuffix", "Type"),
    (r"alone", "steerSuffix", "Type"),
    (r"bias 10", "steerSuffix", "Type"),
    (r"web_up alone", "", ""),
    (
        r"eu = failover { primary ireland \zscheck",
        "steerItem",
        "Statement",
    ),
    // Settings.
    (r"ttl 60s", "steerSetting", "Identifier"),
    (r"nameservers [", "steerSetting", "Identifier"),
    (r"hosted_zone_id", "steerSetting", "Identifier"),
    (r"create", "steerSetting", "Identifier"),
    (r"private {", "steerSetting", "Identifier"),
    (r"vpc input", "steerSetting", "Identifier"),
    (r"tags {", "steerSetting", "Identifier"),
    (r#"name "web""#, "steerSetting", "Identifier"),
    (r"soa {", "steerSetting", "Identifier"),
    (r"serial", "steerSetting", "Identifier"),
    (r#"aws "eu-west-1""#, "steerSetting", "Identifier"),
    (r"at (", "steerSetting", "Identifier"),
    (r"port 443", "steerSetting", "Identifier"),
    (r#"path "/health""#, "steerSetting", "Identifier"),
    (r#"host "www"#, "steerSetting", "Identifier"),
    (r"every 10s", "steerSetting", "Identifier"),
    (r"unhealthy_after", "steerSetting", "Identifier"),
    (r#"expect "OK""#, "steerSetting", "Identifier"),
    (r"from [", "steerSetting", "Identifier"),
    (r"measure_latency", "steerSetting", "Identifier"),
    (r"sni true", "steerSetting", "Identifier"),
    (r"inverted", "steerSetting", "Identifier"),
    (r"disabled", "steerSetting", "Identifier"),
    (r#"alarm "orders"#, "steerSetting", "Identifier"),
    (r"in eu-west-1", "steerSetting", "Identifier"),
    (r"insufficient_data", "steerSetting", "Identifier"),
    (r"recovery_control", "steerSetting", "Identifier"),
    (r"a [203", "steerSetting", "Identifier"),
    (r"aaaa [", "steerSetting", "Identifier"),
    (r#"cname "old"#, "steerSetting", "Identifier"),
    (r"alias cloudfront", "steerSetting", "Identifier"),
    (r"evaluate_target_health", "steerSetting", "Identifier"),
    (r"description", "steerSetting", "Identifier"),
    (r#"terraform "aws"#, "steerSetting", "Identifier"),
    (r"cloudformation import", "steerSetting", "Identifier"),
    (r"cloudformation \zsimport", "steerSetting", "Identifier"),
    (r"ip input", "steerSetting", "Identifier"),
    // Probes, alias kinds, what insufficient data means, booleans.
    (r#"https "ireland"#, "steerProbe", "Type"),
    (r"http 2001", "steerProbe", "Type"),
    (r"tcp 203", "steerProbe", "Type"),
    (r"cloudfront ", "steerAliasKind", "Type"),
    (r"elb input", "steerAliasKind", "Type"),
    (r"last_known", "steerConstant", "Constant"),
    (r"true", "steerBoolean", "Constant"),
    // Calculated checks.
    (r"all(", "steerFunction", "Identifier"),
    (r"any(", "steerFunction", "Identifier"),
    (r"at_least(", "steerFunction", "Identifier"),
    // Durations, numbers, addresses, CIDR blocks.
    (r"60s", "steerDuration", "Constant"),
    (r"15m", "steerDuration", "Constant"),
    (r"1w", "steerDuration", "Constant"),
    (r"port \zs443", "steerNumber", "Constant"),
    (r"weighted { ireland \zs90", "steerNumber", "Constant"),
    (r"53.35", "steerNumber", "Constant"),
    (r"-6.26", "steerNumber", "Constant"),
    (r"203.0.113.10,", "steerAddress", "Constant"),
    (r"2001:db8::1 ", "steerAddress", "Constant"),
    (r"2001:db8::10", "steerAddress", "Constant"),
    (r"198.51.100.0/24", "steerCidr", "Constant"),
    (r"2001:db8:1::/48", "steerCidr", "Constant"),
    // Inputs: `input.NAME`, not the `input` item keyword.
    (r"input.vpc_id", "steerInputRef", "PreProc"),
    (r"input.vpc_\zsid", "steerInputRef", "PreProc"),
    (r"input.lb_name hosted", "steerInputRef", "PreProc"),
    // Operators, record types, AWS region codes; names stay plain.
    (r"=>", "steerOperator", "Statement"),
    (r"www A = latency", "", ""),
    (r"www \zsA = latency", "steerRecordType", "Type"),
    (r"TXT", "steerRecordType", "Type"),
    (r"eu-west-1 }", "steerAwsRegion", "Special"),
    (r"us-east-1", "steerAwsRegion", "Special"),
];

#[test]
fn every_token_class_has_its_highlight_group() {
    let Some(vim) = require_tool("vim") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("groups.txt");
    let cases: Vec<String> = HIGHLIGHTS
        .iter()
        .map(|(pattern, _, _)| vim_string(pattern))
        .collect();
    let script = format!(
        "{prelude}\
         edit {sample}\n\
         if &filetype !=# 'steer' | call writefile(['filetype: ' .. &filetype], {out}) | qall! | endif\n\
         let out = []\n\
         for pat in [{cases}]\n\
         \x20 call cursor(1, 1)\n\
         \x20 if search('\\V\\C' .. pat, 'cW') == 0\n\
         \x20   call add(out, 'not found')\n\
         \x20   continue\n\
         \x20 endif\n\
         \x20 let id = synID(line('.'), col('.'), 1)\n\
         \x20 call add(out, synIDattr(id, 'name') .. ' ' .. synIDattr(synIDtrans(id), 'name'))\n\
         endfor\n\
         call writefile(out, {out})\n\
         qall!\n",
        prelude = prelude(),
        sample = fnameescape(&sample()),
        out = vim_string(&out.display().to_string()),
        cases = cases.join(", "),
    );
    let lines = run_vim(&vim, dir.path(), &script, &out);
    assert_eq!(
        lines.len(),
        HIGHLIGHTS.len(),
        "Vim wrote:\n{}",
        lines.join("\n")
    );
    let mut wrong = Vec::new();
    for ((pattern, group, linked), got) in HIGHLIGHTS.iter().zip(&lines) {
        let want = format!("{group} {linked}");
        if got.trim() != want.trim() {
            wrong.push(format!("  {pattern:?}: want `{want}`, got `{got}`"));
        }
    }
    assert!(
        wrong.is_empty(),
        "highlight groups in tests/vim/sample.steer:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_filetype_plugin_sets_comments_indentation_and_make() {
    let Some(vim) = require_tool("vim") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("settings.txt");
    // The sample is laid out as `steer fmt` would; flattened and re-indented
    // with `=`, it must come back the same.
    let script = format!(
        "{prelude}\
         edit {sample}\n\
         let want = getline(1, '$')\n\
         let out = ['filetype=' .. &filetype, 'commentstring=' .. &commentstring, \
                    'comments=' .. &comments, 'shiftwidth=' .. &shiftwidth, \
                    'expandtab=' .. &expandtab, 'makeprg=' .. &makeprg]\n\
         silent %s/^\\s\\+//e\n\
         silent normal! gg=G\n\
         let got = getline(1, '$')\n\
         for i in range(len(want))\n\
         \x20 if got[i] !=# want[i]\n\
         \x20   call add(out, 'indent ' .. (i + 1) .. ': ' .. got[i])\n\
         \x20 endif\n\
         endfor\n\
         call writefile(out, {out})\n\
         qall!\n",
        prelude = prelude(),
        sample = fnameescape(&sample()),
        out = vim_string(&out.display().to_string()),
    );
    let lines = run_vim(&vim, dir.path(), &script, &out);
    assert_eq!(
        lines,
        [
            "filetype=steer",
            "commentstring=# %s",
            "comments=:#",
            "shiftwidth=2",
            "expandtab=1",
            "makeprg=steer check --color never %:S",
        ],
        "settings, then lines that `=` indents differently from the sample"
    );
}

/// `:cgetfile` over `steer check`'s real output, with box drawing and with
/// ASCII (`TERM=dumb`), gives exactly the diagnostics `--format json` lists:
/// file, line, column, error or warning, and the whole message (wrapped in
/// the human output, joined here).
#[test]
fn the_errorformat_reads_steer_check_output() {
    let Some(vim) = require_tool("vim") else {
        return;
    };
    let input = "tests/diagnostics/check-cannot-fail.steer";
    let json = common::steer_command(&["check", "--format", "json", input])
        .output()
        .unwrap();
    let mut want = Vec::new();
    for line in common::text(&json.stdout).lines() {
        let d: serde_json::Value = serde_json::from_str(line).unwrap();
        let Some(message) = d["message"].as_str() else {
            continue; // the summary
        };
        let kind = match d["severity"].as_str() {
            Some("error") => "E",
            Some("warning") => "W",
            other => panic!("severity {other:?}"),
        };
        let file = tools::manifest_dir().join(d["file"].as_str().unwrap());
        want.push(format!(
            "{}:{}:{}:{kind}:{message}",
            file.display(),
            d["line"],
            d["column"]
        ));
    }
    assert!(
        want.iter().any(|w| w.contains(":E:")) && want.iter().any(|w| w.contains(":W:")),
        "the input should give errors and warnings: {want:?}"
    );

    let dir = tempfile::tempdir().unwrap();
    for term in ["xterm-256color", "dumb"] {
        let human = common::steer_command(&["check", "--color", "never", input])
            .env("TERM", term)
            .output()
            .unwrap();
        let report = dir.path().join(format!("check-{term}.txt"));
        std::fs::write(&report, &human.stderr).unwrap();
        let out = dir.path().join(format!("qf-{term}.txt"));
        let script = format!(
            "{prelude}\
             cd {root}\n\
             edit {input}\n\
             cgetfile {report}\n\
             let out = []\n\
             for e in getqflist()\n\
             \x20 let file = e.bufnr ? fnamemodify(bufname(e.bufnr), ':p') : ''\n\
             \x20 call add(out, file .. ':' .. e.lnum .. ':' .. e.col .. ':' .. e.type .. ':' \
                          .. substitute(e.text, '\\n', ' ', 'g'))\n\
             endfor\n\
             call writefile(out, {out})\n\
             qall!\n",
            prelude = prelude(),
            root = fnameescape(tools::manifest_dir()),
            report = fnameescape(&report),
            out = vim_string(&out.display().to_string()),
        );
        let got = run_vim(&vim, dir.path(), &script, &out);
        assert_eq!(
            got,
            want,
            "TERM={term}: the quickfix list from\n{}",
            common::text(&human.stderr)
        );
    }
}

/// Starts every script: editors/vim on 'runtimepath', filetype detection,
/// plugins, indentation and syntax on, as a user's vimrc would.
fn prelude() -> String {
    let rtp = tools::manifest_dir().join("editors").join("vim");
    format!(
        "set runtimepath^={}\nfiletype plugin indent on\nsyntax on\n",
        rtp.display()
            .to_string()
            .replace(',', "\\,")
            .replace(' ', "\\ ")
    )
}

fn sample() -> PathBuf {
    tools::manifest_dir().join("tests/vim/sample.steer")
}

/// A Vim single-quoted string.
fn vim_string(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// A file name on an Ex command line.
fn fnameescape(p: &Path) -> String {
    let mut s = String::new();
    for c in p.display().to_string().chars() {
        if " \t\\%#|\"'".contains(c) {
            s.push('\\');
        }
        s.push(c);
    }
    s
}

/// Runs `script` in a headless Vim (no vimrc, no viminfo, no swap file) and
/// returns the lines it wrote to `out`.
fn run_vim(vim: &Path, dir: &Path, script: &str, out: &Path) -> Vec<String> {
    let file = dir.join("test.vim");
    std::fs::write(&file, script).unwrap();
    let run = Command::new(vim)
        .args(["-N", "-u", "NONE", "-i", "NONE", "-n", "-es", "-S"])
        .arg(&file)
        .env("HOME", dir)
        .current_dir(dir)
        .output()
        .expect("run vim");
    let text = std::fs::read_to_string(out).unwrap_or_else(|e| {
        panic!(
            "Vim wrote nothing to {} ({e}; {}): {}\n--- script ---\n{script}",
            out.display(),
            run.status,
            common::text(&run.stderr)
        )
    });
    text.lines().map(str::to_string).collect()
}
