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

/// Positions in tests/vim/sample.steer, one per token class (and per
/// keyword): the syntax group, the standard group it links to, and patterns
/// whose match starts on such a token (`\V`, very nomagic; `\zs` marks the
/// start inside its context). An empty group: plain text (names).
const HIGHLIGHTS: &[(&str, &str, &[&str])] = &[
    ("steerComment", "Comment", &[r"# Every"]),
    ("steerTodo", "Todo", &[r"TODO"]),
    ("steerString", "Constant", &[r#""example.com""#]),
    (
        "steerEscape",
        "Special",
        &[r#"with a \zs\\""#, r"\zs\\u{e9}"],
    ),
    (
        "steerItem",
        "Statement",
        &[
            r#"zone "example.com""#,
            r"region ireland {",
            r"check web_up {",
            r"endpoint ireland",
            r"record www",
            r"pool eu",
            r"input lb_name",
            r"cidr_collection",
            r"eu = failover { primary ireland \zscheck",
        ],
    ),
    (
        "steerPolicy",
        "Type",
        &[
            r"failover {",
            r"latency [",
            r"geolocation {",
            r"weighted {",
            r"multivalue [",
            r"geoproximity [",
            r"cidr offices",
        ],
    ),
    (
        "steerRole",
        "Statement",
        &[
            r"primary ireland",
            r"secondary stay",
            r"continent EU",
            r"country DE",
            r"subdivision US-CA",
            r"default => eu",
        ],
    ),
    (
        "steerSuffix",
        "Type",
        &[r"stay cdn", r#"id "eu-2""#, r"alone", r"bias 10"],
    ),
    (
        "",
        "",
        &[r"web_up alone", r"www A = latency", r"country \zsDE"],
    ),
    (
        "steerSetting",
        "Identifier",
        &[
            r"ttl 60s",
            r"nameservers [",
            r"hosted_zone_id",
            r"create",
            r"private {",
            r"vpc input",
            r"tags {",
            r#"name "web""#,
            r"soa {",
            r"serial",
            r#"aws "eu-west-1""#,
            r"at (",
            r"port 443",
            r#"path "/health""#,
            r#"host "www"#,
            r"every 10s",
            r"unhealthy_after",
            r#"expect "OK""#,
            r"from [",
            r"measure_latency",
            r"sni true",
            r"inverted",
            r"disabled",
            r#"alarm "orders"#,
            r"in eu-west-1",
            r"insufficient_data",
            r"recovery_control",
            r"a [203",
            r"aaaa [",
            r#"cname "old"#,
            r"alias cloudfront",
            r"evaluate_target_health",
            r"description",
            r#"terraform "aws"#,
            r"cloudformation import",
            r"cloudformation \zsimport",
            r"ip input",
        ],
    ),
    (
        "steerProbe",
        "Type",
        &[r#"https "ireland"#, r"http 2001", r"tcp 203"],
    ),
    ("steerAliasKind", "Type", &[r"cloudfront ", r"elb input"]),
    ("steerConstant", "Constant", &[r"last_known"]),
    ("steerBoolean", "Constant", &[r"true"]),
    (
        "steerFunction",
        "Identifier",
        &[r"all(", r"any(", r"at_least("],
    ),
    ("steerDuration", "Constant", &[r"60s", r"15m", r"1w"]),
    (
        "steerNumber",
        "Constant",
        &[
            r"port \zs443",
            r"weighted { ireland \zs90",
            r"53.35",
            r"-6.26",
        ],
    ),
    (
        "steerAddress",
        "Constant",
        &[r"203.0.113.10,", r"2001:db8::1 ", r"2001:db8::10"],
    ),
    (
        "steerCidr",
        "Constant",
        &[r"198.51.100.0/24", r"2001:db8:1::/48"],
    ),
    (
        "steerInputRef",
        "PreProc",
        &[r"input.vpc_id", r"input.vpc_\zsid", r"input.lb_name hosted"],
    ),
    ("steerOperator", "Statement", &[r"=>"]),
    (
        "steerRecordType",
        "Type",
        &[
            r"www \zsA = latency",
            r"TXT",
            r"apex { alias record www \zsA",
            r#""_dmarc" \zsTXT"#,
        ],
    ),
    ("steerAwsRegion", "Special", &[r"eu-west-1 }", r"us-east-1"]),
];

#[test]
fn every_token_class_has_its_highlight_group() {
    let Some((vim, dir)) = vim_and_dir() else {
        return;
    };
    // (pattern, syntax group, linked group), one a position.
    let cases: Vec<(&str, &str, &str)> = HIGHLIGHTS
        .iter()
        .flat_map(|(group, linked, patterns)| patterns.iter().map(move |p| (*p, *group, *linked)))
        .collect();
    let patterns: Vec<String> = cases.iter().map(|(p, _, _)| vim_string(p)).collect();
    let script = format!(
        "edit {sample}\n\
         let out = &filetype ==# 'steer' ? [] : ['filetype: ' .. &filetype]\n\
         for pat in [{cases}]\n\
         \x20 call cursor(1, 1)\n\
         \x20 if search('\\V\\C' .. pat, 'cW') == 0\n\
         \x20   call add(out, 'not found')\n\
         \x20   continue\n\
         \x20 endif\n\
         \x20 let id = synID(line('.'), col('.'), 1)\n\
         \x20 call add(out, synIDattr(id, 'name') .. ' ' .. synIDattr(synIDtrans(id), 'name'))\n\
         endfor\n",
        sample = fnameescape(&sample()),
        cases = patterns.join(", "),
    );
    let lines = run_vim(&vim, dir.path(), &script);
    assert_eq!(lines.len(), cases.len(), "Vim wrote:\n{}", lines.join("\n"));
    let mut wrong = Vec::new();
    for ((pattern, group, linked), got) in cases.iter().zip(&lines) {
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
    let Some((vim, dir)) = vim_and_dir() else {
        return;
    };
    // The sample is laid out as `steer fmt` would; flattened and re-indented
    // with `=`, it must come back the same.
    let script = format!(
        "edit {sample}\n\
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
         endfor\n",
        sample = fnameescape(&sample()),
    );
    let lines = run_vim(&vim, dir.path(), &script);
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
/// ASCII (`TERM=dumb`), and `:make` (which runs it), give exactly the diagnostics `--format json` lists:
/// file, line, column, error or warning, and the whole message (wrapped in
/// the human output, joined here).
#[test]
fn the_errorformat_reads_steer_check_output() {
    let Some((vim, dir)) = vim_and_dir() else {
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

    // The quickfix list as "file:line:col:type:message".
    let quickfix = |fill: &str| {
        format!(
            "cd {root}\n\
             edit {input}\n\
             {fill}\n\
             let out = []\n\
             for e in getqflist()\n\
             \x20 let file = e.bufnr ? fnamemodify(bufname(e.bufnr), ':p') : ''\n\
             \x20 call add(out, file .. ':' .. e.lnum .. ':' .. e.col .. ':' .. e.type .. ':' \
                          .. substitute(e.text, '\\n', ' ', 'g'))\n\
             endfor\n",
            root = fnameescape(tools::manifest_dir()),
        )
    };
    for term in ["xterm-256color", "dumb"] {
        let human = common::steer_command(&["check", "--color", "never", input])
            .env("TERM", term)
            .output()
            .unwrap();
        let report = dir.path().join(format!("check-{term}.txt"));
        std::fs::write(&report, &human.stderr).unwrap();
        let fill = format!("cgetfile {}", fnameescape(&report));
        let got = run_vim(&vim, dir.path(), &quickfix(&fill));
        assert_eq!(
            got,
            want,
            "TERM={term}: the quickfix list from\n{}",
            common::text(&human.stderr)
        );
    }
    // And `:make` itself, with the steer under test first on PATH.
    let got = run_vim(&vim, dir.path(), &quickfix("silent make"));
    assert_eq!(got, want, "the quickfix list after :make");
}

/// PATH with the directory of the `steer` under test first, for `:make`.
fn path_with_steer() -> std::ffi::OsString {
    let bin = Path::new(env!("CARGO_BIN_EXE_steer")).parent().unwrap();
    let rest = std::env::var_os("PATH").unwrap_or_default();
    let dirs = std::iter::once(bin.to_path_buf()).chain(std::env::split_paths(&rest));
    std::env::join_paths(dirs).unwrap()
}

/// Vim (or None, when the test is skipped) and a directory for the script
/// and what it writes.
fn vim_and_dir() -> Option<(PathBuf, tempfile::TempDir)> {
    let vim = require_tool("vim")?;
    Some((vim, tempfile::tempdir().unwrap()))
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

/// Runs `script` in a headless Vim (no vimrc, no viminfo, no swap file),
/// after [`prelude`], and returns the lines it left in its list `out`.
fn run_vim(vim: &Path, dir: &Path, script: &str) -> Vec<String> {
    let out = dir.join("out.txt");
    let script = format!(
        "{}{script}call writefile(out, {})\nqall!\n",
        prelude(),
        vim_string(&out.display().to_string())
    );
    let file = dir.join("test.vim");
    std::fs::write(&file, &script).unwrap();
    let run = Command::new(vim)
        .args(["-N", "-u", "NONE", "-i", "NONE", "-n", "-es", "-S"])
        .arg(&file)
        .env("HOME", dir)
        .env("PATH", path_with_steer())
        .current_dir(dir)
        .output()
        .expect("run vim");
    let text = std::fs::read_to_string(&out).unwrap_or_else(|e| {
        panic!(
            "Vim wrote nothing to {} ({e}; {}): {}\n--- script ---\n{script}",
            out.display(),
            run.status,
            common::text(&run.stderr)
        )
    });
    text.lines().map(str::to_string).collect()
}
