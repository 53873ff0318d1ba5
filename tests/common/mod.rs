//! The harness every integration test shares: the inputs (the bundled
//! examples, the fixtures, the diagnostic cases) with what their headers
//! declare, the pipeline through `steer::compile`, and the `steer` binary.
//!
//! # Header directives
//!
//! An input's files may start with lines `# KEY: ARGS` that tell the tests
//! what to expect of it. They are comments, so they change no output; the
//! run of them at the very top of each file is read, up to the first other
//! line.
//!
//! - `# target: NAME`: a diagnostic case is also built for that target
//!   (for the codes only a target can report).
//! - `# warnings: TARGET CODE...`: building the input for `TARGET` gives
//!   exactly these warnings, in this order. Without one, none.
//! - `# values: FILE`: values for the input's `input`s (a `--values`
//!   file, relative to the directive's file), passed to the targets that
//!   need them (zone, PowerDNS), to diagnostic cases and to [`config`]
//!   (the checked zone the zone-file and semantics tests read); the Route
//!   53 targets are built without, as a stack that supplies them would be.
#![allow(dead_code)]

pub mod moto;
pub mod pdns;
pub mod route53_plan;
pub mod tools;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use steer::check::{ir, Checked};
use steer::diagnostic::{Diagnostic, Style};
use steer::emit::{Options, Target};
use steer::load::Loaded;
use steer::Compiled;

pub use tools::manifest_dir as root;

// ----------------------------------------------------------------------------
// Inputs
// ----------------------------------------------------------------------------

/// One configuration to test: a `.steer` file, or a directory of them.
#[derive(Debug, Clone)]
pub struct Input {
    /// The file stem or directory name, which also names its snapshots.
    pub name: String,
    pub path: PathBuf,
    pub directives: Directives,
}

impl Input {
    pub fn at(path: PathBuf) -> Input {
        let name = path
            .file_stem()
            .expect("a file name")
            .to_string_lossy()
            .into_owned();
        let directives = Directives::of(&path);
        Input {
            name,
            path,
            directives,
        }
    }

    /// The path from the repository root, for messages.
    pub fn display(&self) -> String {
        self.path
            .strip_prefix(root())
            .unwrap_or(&self.path)
            .display()
            .to_string()
    }
}

/// The `.steer` files and directories directly in `dir`, sorted by path.
fn inputs_in(dir: &Path) -> Vec<Input> {
    let mut inputs: Vec<Input> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|p| {
            (p.is_dir() && !p.ends_with("snapshots")) || p.extension().is_some_and(|e| e == "steer")
        })
        .map(Input::at)
        .collect();
    inputs.sort_by(|a, b| a.path.cmp(&b.path));
    inputs
}

/// Every bundled example: each `examples/*.steer` file, and each directory
/// under `examples/` (one configuration per directory).
pub fn examples() -> Vec<Input> {
    let examples = inputs_in(&root().join("examples"));
    assert!(examples.len() >= 10, "examples went missing: {examples:?}");
    examples
}

/// The example called `name`.
pub fn example(name: &str) -> Input {
    examples()
        .into_iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("no example {name}"))
}

/// `tests/fixtures/<name>.steer`: the escaping corpus is `escaping`.
pub fn fixture(name: &str) -> Input {
    Input::at(root().join("tests/fixtures").join(format!("{name}.steer")))
}

/// The diagnostic cases in `tests/diagnostics`, one per file or directory.
pub fn diagnostic_cases() -> Vec<Input> {
    inputs_in(&case_root())
}

pub fn case_root() -> PathBuf {
    root().join("tests/diagnostics")
}

/// What an input's header says (see the module documentation).
#[derive(Debug, Clone, Default)]
pub struct Directives {
    /// `# target: NAME`.
    pub target: Option<&'static dyn Target>,
    /// `# warnings: TARGET CODE...`, by target name.
    warnings: BTreeMap<String, Vec<String>>,
    /// `# values: FILE`, read.
    pub values: steer::check::InputValues,
}

impl Directives {
    /// The directives at the top of each of the input's files.
    pub fn of(path: &Path) -> Directives {
        let mut directives = Directives::default();
        for file in steer::load::expand(path).unwrap_or_default() {
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            for line in text.lines() {
                if !directives.read(line, &file) {
                    break;
                }
            }
        }
        directives
    }

    /// Reads one header line; false when it is not a directive.
    fn read(&mut self, line: &str, file: &Path) -> bool {
        let Some((key, args)) = line
            .strip_prefix("# ")
            .and_then(|l| l.split_once(": "))
            .filter(|(key, _)| key.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
        else {
            return false;
        };
        let mut args = args.split_whitespace();
        let target = |name: Option<&str>| {
            let name = name.unwrap_or_default();
            steer::emit::target(name).unwrap_or_else(|| {
                panic!("{}: `# {key}:` names no target `{name}`", file.display())
            })
        };
        match key {
            "target" => self.target = Some(target(args.next())),
            "warnings" => {
                let name = target(args.next()).name();
                self.warnings
                    .entry(name.to_string())
                    .or_default()
                    .extend(args.map(str::to_string));
            }
            "values" => {
                let path = file
                    .parent()
                    .expect("a file's directory")
                    .join(args.next().unwrap_or_default());
                let text = std::fs::read_to_string(&path)
                    .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                self.values = steer::check::parse_values(&text)
                    .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            }
            _ => panic!("{}: unknown test directive `# {key}:`", file.display()),
        }
        true
    }

    /// The warning codes building for `target` gives, in order.
    pub fn warnings(&self, target: &str) -> &[String] {
        self.warnings.get(target).map_or(&[], Vec::as_slice)
    }
}

/// The text of each top-level item of a file that parses without a
/// diagnostic, with the comments before it: for tests that reorder items.
pub fn items(text: &str) -> Vec<String> {
    let (file, diagnostics) = steer::syntax::parse_file(steer::source::FileId(0), text);
    assert!(diagnostics.is_empty());
    let mut starts: Vec<usize> = file.items.iter().map(|i| i.span().start as usize).collect();
    starts.push(text.len());
    starts
        .windows(2)
        .map(|w| text[w[0]..w[1]].to_string())
        .collect()
}

// ----------------------------------------------------------------------------
// The pipeline
// ----------------------------------------------------------------------------

/// Loads the files a path stands for.
pub fn load(path: &Path) -> Loaded {
    let files = steer::load::expand(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    steer::load::load(&files).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// One file, `test.steer`, with this text.
pub fn load_source(text: &str) -> Loaded {
    let mut loaded = Loaded::default();
    loaded.add("test.steer", text.as_bytes());
    loaded
}

/// Parses and checks one file with this text.
pub fn check_source(text: &str) -> Checked {
    steer::check_loaded(&load_source(text))
}

/// Every diagnostic, rendered as a person sees it.
pub fn render(diagnostics: &[Diagnostic], loaded: &Loaded) -> String {
    diagnostics
        .iter()
        .map(|d| steer::diagnostic::render(d, &loaded.sources, Style::Plain))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The one zone of `loaded`, which must check without errors.
pub fn only_config(checked: Checked, loaded: &Loaded, what: &str) -> ir::Config {
    assert!(
        !checked.has_errors(),
        "{what}:\n{}",
        render(&checked.diagnostics, loaded)
    );
    assert_eq!(checked.configs.len(), 1, "{what}: one zone expected");
    checked.configs.into_iter().next().expect("one zone")
}

/// The checked zone of an input.
pub fn config(input: &Input) -> ir::Config {
    let loaded = load(&input.path);
    let checked = steer::check_loaded_with(
        &loaded,
        &input.directives.values,
        steer::check::CheckOptions::ROUTE53,
    );
    only_config(checked, &loaded, &input.display())
}

/// The checked zone of one file with this text.
pub fn config_of_source(text: &str) -> ir::Config {
    let loaded = load_source(text);
    only_config(steer::check_loaded(&loaded), &loaded, text)
}

/// The checked zone of one file with this text, with the rules of
/// `target` (`Target::check_options`: no Route 53 limits for powerdns).
pub fn config_of_source_for(text: &str, target_name: &str) -> ir::Config {
    let loaded = load_source(text);
    let checked = steer::check_loaded_with(
        &loaded,
        &Default::default(),
        target(target_name).check_options(),
    );
    only_config(checked, &loaded, text)
}

/// The target `--target` calls `name`.
pub fn target(name: &str) -> &'static dyn Target {
    steer::emit::target(name).unwrap_or_else(|| panic!("no target {name}"))
}

/// The options of a health scenario with these checks down
/// (`--assume-down`), every other check healthy.
pub fn assume_down(checks: &[&str]) -> Options {
    Options {
        assume_down: checks.iter().map(|c| c.to_string()).collect(),
        ..Options::default()
    }
}

/// An input compiled for a target, with the values its `# values:` header
/// names when the target needs them (zone, PowerDNS).
pub fn compile_input(input: &Input, target_name: &str) -> (Loaded, Compiled) {
    let loaded = load(&input.path);
    let options = Options {
        values: if matches!(target_name, "zone" | "powerdns") {
            input.directives.values.clone()
        } else {
            Default::default()
        },
        ..Options::default()
    };
    let compiled = steer::compile(&loaded, target(target_name), &options)
        .unwrap_or_else(|e| panic!("{target_name}: {e}"));
    (loaded, compiled)
}

/// Compiles loaded files for a target with default options.
pub fn compile(loaded: &Loaded, target_name: &str) -> Compiled {
    steer::compile(loaded, target(target_name), &Options::default())
        .unwrap_or_else(|e| panic!("{target_name}: {e}"))
}

/// An input compiled for a target, which must succeed: its one output, and
/// its warnings.
pub fn build(input: &Input, target_name: &str) -> (steer::emit::Output, Vec<Diagnostic>) {
    let (loaded, compiled) = compile_input(input, target_name);
    assert!(
        !compiled.has_errors(),
        "{} for {target_name}:\n{}",
        input.display(),
        render(&compiled.diagnostics, &loaded)
    );
    assert_eq!(
        compiled.outputs.len(),
        1,
        "{}: one zone expected",
        input.display()
    );
    let output = compiled.outputs.into_iter().next().expect("one output");
    (output, compiled.diagnostics)
}

/// The text an input compiles to for a target.
pub fn output(input: &Input, target_name: &str) -> String {
    build(input, target_name).0.text
}

/// One file with this text, which must check without errors, compiled for
/// a target: its output's text, or the errors that prevent it.
pub fn output_of_source(text: &str, target_name: &str) -> Result<String, Vec<Diagnostic>> {
    let loaded = load_source(text);
    let checked = steer::check_loaded(&loaded);
    assert!(
        !checked.has_errors(),
        "{}",
        render(&checked.diagnostics, &loaded)
    );
    let compiled = compile(&loaded, target_name);
    compiled.outputs_or_errors().map(|outputs| {
        let output = outputs.into_iter().next().expect("one zone");
        output.text
    })
}

// ----------------------------------------------------------------------------
// The binary
// ----------------------------------------------------------------------------

/// Runs `steer` in the repository root, without colour.
pub fn steer(args: &[&str]) -> Output {
    steer_command(args).output().expect("run steer")
}

/// The `steer` command, for tests that set up more (standard input).
pub fn steer_command(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_steer"));
    command.args(args).current_dir(root()).env("NO_COLOR", "1");
    command
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The keywords of grammar/steer.pest, for the editor grammars' tests: the
/// `k_*` rules and the words of `probe_protocol`, `calc_function` and
/// `boolean`.
pub fn pest_keywords() -> std::collections::BTreeSet<String> {
    let pest =
        std::fs::read_to_string(root().join("grammar/steer.pest")).expect("grammar/steer.pest");
    let mut words = std::collections::BTreeSet::new();
    for line in pest.lines() {
        let rule = line.split('=').next().unwrap_or_default().trim();
        if rule.starts_with("k_") || ["probe_protocol", "calc_function", "boolean"].contains(&rule)
        {
            let body = line.split_once('=').map(|(_, b)| b).unwrap_or_default();
            words.extend(body.split('"').skip(1).step_by(2).map(str::to_string));
        }
    }
    assert!(
        words.len() > 60,
        "too few keywords in grammar/steer.pest: {words:?}"
    );
    words
}

/// The `.steer` files of some inputs (a directory stands for its files).
pub fn steer_files(inputs: &[Input]) -> Vec<PathBuf> {
    inputs
        .iter()
        .flat_map(|input| {
            steer::load::expand(&input.path)
                .unwrap_or_else(|e| panic!("{}: {e}", input.path.display()))
        })
        .collect()
}
