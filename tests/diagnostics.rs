//! One input per diagnostic code, each with a snapshot of the rendered
//! message (what a user sees) and of its JSON form (what an editor sees).
//!
//! `tests/diagnostics/<code>.steer` (or `<code>--<variant>.steer`, or a
//! directory of that name for problems spanning files) must produce at
//! least one diagnostic with that code. A case whose header says
//! `# target: NAME` is also built for that target (for the codes only a
//! target can report; see the header directives in `tests/common`).

mod common;

use common::Input;
use std::path::Path;
use steer::diagnostic::{self, Code, Style};

/// Loads a case with file names relative to the case directory, so the
/// snapshots do not depend on where the repository is checked out.
fn load_case(path: &Path) -> steer::load::Loaded {
    let files = steer::load::expand(path).expect("case files");
    let mut loaded = steer::load::Loaded::default();
    for f in files {
        let bytes = std::fs::read(&f).expect("read case");
        let name = f
            .strip_prefix(common::case_root())
            .expect("inside the case root");
        loaded.add(name.display().to_string(), &bytes);
    }
    loaded
}

fn render_case(case: &Input) -> (String, Vec<String>) {
    let loaded = load_case(&case.path);
    // A case built for a target is checked with that target's rules
    // (Route 53's own limits are not applied for PowerDNS).
    let options = case
        .directives
        .target
        .map_or(steer::check::CheckOptions::ROUTE53, |t| t.check_options());
    let result = steer::check_loaded_with(&loaded, &case.directives.values, options);
    let mut diagnostics = result.diagnostics.clone();
    // Each zone's target diagnostics after the check stage's (unsorted,
    // unlike the command line, so that a snapshot reads stage by stage).
    if let (Some(target), false) = (case.directives.target, result.has_errors()) {
        for config in &result.configs {
            match steer::emit::build(config, target, &Default::default()) {
                Ok(output) => diagnostics.extend(output.warnings),
                Err(errors) => diagnostics.extend(errors),
            }
        }
    }
    let mut human = String::new();
    let mut codes = Vec::new();
    for d in &diagnostics {
        human.push_str(&diagnostic::render(d, &loaded.sources, Style::Plain));
        human.push_str(&diagnostic::to_json_line(d, &loaded.sources));
        human.push_str("\n\n");
        codes.push(d.code.to_string());
    }
    (human, codes)
}

fn cases() -> Vec<Input> {
    common::diagnostic_cases()
}

/// The code a case is about: its file name up to an optional `--variant`.
fn case_code(path: &Path) -> String {
    let stem = path
        .file_stem()
        .expect("stem")
        .to_string_lossy()
        .to_string();
    stem.split("--").next().expect("code").to_string()
}

#[test]
fn every_case_produces_its_code_and_matches_its_snapshot() {
    let cases = cases();
    assert!(!cases.is_empty());
    let mut wrong = Vec::new();
    for case in cases {
        let code = case_code(&case.path);
        let (rendered, codes) = render_case(&case);
        if !codes.contains(&code) {
            wrong.push(format!(
                "{} should produce steer::{code}, produced {codes:?}:\n{rendered}",
                case.display()
            ));
        }
        let name = case.name;
        insta::with_settings!({ snapshot_path => "diagnostics/snapshots", prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!(name, rendered);
        });
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The command line's check takes the syntax trees out of the loaded files
/// and frees each record's once lowered (`check_loaded_taking`): it finds
/// what the check that keeps them finds, for every case (the cases of
/// several files, whose records are taken file by file, included), and
/// leaves no trees behind.
#[test]
fn taking_the_trees_checks_the_same() {
    for case in cases() {
        let options = case
            .directives
            .target
            .map_or(steer::check::CheckOptions::ROUTE53, |t| t.check_options());
        let values = &case.directives.values;
        let loaded = load_case(&case.path);
        let kept = steer::check_loaded_with(&loaded, values, options);
        let mut taken_from = load_case(&case.path);
        let taken = steer::check_loaded_taking(&mut taken_from, values, options);
        assert!(taken_from.files.is_empty(), "{}", case.display());
        assert_eq!(kept.diagnostics, taken.diagnostics, "{}", case.display());
        assert_eq!(
            format!("{:?}", kept.configs),
            format!("{:?}", taken.configs),
            "{}",
            case.display()
        );
    }
}

fn all_codes() -> Vec<&'static str> {
    let syntax = steer::syntax::SyntaxCode::ALL.iter().map(|c| c.name());
    let check = steer::check::CheckCode::ALL.iter().map(|c| c.name());
    let emit = steer::emit::EmitCode::ALL.iter().map(|c| c.name());
    syntax.chain(check).chain(emit).collect()
}

#[test]
fn every_code_has_a_case() {
    let covered: std::collections::BTreeSet<String> =
        cases().iter().map(|c| case_code(&c.path)).collect();
    let mut missing = Vec::new();
    for code in all_codes() {
        if !covered.contains(code) {
            missing.push(code);
        }
    }
    assert!(
        missing.is_empty(),
        "codes without a case in tests/diagnostics: {missing:?}"
    );
}

#[test]
fn every_code_is_documented() {
    let docs = std::fs::read_to_string(common::root().join("docs/diagnostics.md"))
        .expect("docs/diagnostics.md");
    let missing: Vec<&str> = all_codes()
        .into_iter()
        .filter(|code| !docs.contains(&format!("## `steer::{code}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "codes missing a `## `steer::CODE`` section in docs/diagnostics.md: {missing:?}"
    );
}
