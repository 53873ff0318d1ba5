//! The seam between the compiler and its targets. A target owns everything
//! that is only about it: its name and file names, which [`Options`] it
//! reads and how it validates them, what the command line says after
//! building for it, and the writing itself. The command line, the library
//! entry point ([`crate::compile`]) and the tests reach targets only
//! through [`Target`] and the registry [`super::TARGETS`].

use crate::check::{ir, CheckOptions};
use crate::diagnostic::Diagnostic;

/// A target `steer build` can write.
pub trait Target: Sync + std::fmt::Debug {
    /// What `--target` takes (`terraform`).
    fn name(&self) -> &'static str;

    /// One line for `--help`, naming the file written.
    fn about(&self) -> &'static str;

    /// The file written for a zone, from its ASCII name (`example.com.tf`).
    fn file_name(&self, zone: &str) -> String;

    /// The rules the check stage applies for this target: Route 53's own
    /// health-check limits by default (the Route 53 targets, and the zone
    /// target, which documents Route 53's behaviour); a target that runs
    /// the checks itself turns them off and checks its own limits in
    /// [`Target::emit`].
    fn check_options(&self) -> CheckOptions {
        CheckOptions::ROUTE53
    }

    /// Whether [`Target::diagnose`] reads the zone's Route 53 plan
    /// ([`Diagnosed`]): `steer check` frees the plan once no target left
    /// to ask reads it, so that it is not held beside another target's
    /// own passes (together they were the peak of `steer check` at 100k
    /// records).
    fn reads_route53_plan(&self) -> bool {
        false
    }

    /// Rejects options this target does not read, before anything is
    /// loaded.
    fn validate_options(&self, options: &Options) -> Result<(), OptionError>;

    /// Checks options against the zones about to be built (every one of
    /// them checked without errors).
    fn validate(&self, _options: &Options, _configs: &[ir::Config]) -> Result<(), OptionError> {
        Ok(())
    }

    /// Notes for the command line to print after a successful build.
    fn notes(&self) -> &'static [&'static str] {
        &[]
    }

    /// Writes one checked zone's text to `out` as it is produced (a
    /// Route 53 target a block or a resource at a time, so the text is
    /// never held whole) and returns its warnings, or the errors that
    /// prevent it. Every error is found before anything is written: on
    /// [`EmitError::Invalid`] nothing has reached `out`.
    fn emit(
        &self,
        config: &ir::Config,
        options: &Options,
        out: &mut dyn std::io::Write,
    ) -> Result<Emitted, EmitError>;

    /// What [`Target::emit`] would report for one checked zone (its errors,
    /// or its warnings), without writing the text: what `steer check` asks
    /// each target. A target whose diagnostics are all found before it
    /// writes (the Route 53 targets: the plan and the resource names)
    /// answers without writing; the default emits and drops the text.
    /// What several targets derive alike is derived once per zone, in
    /// `zone` ([`Diagnosed`]).
    fn diagnose(&self, zone: &Diagnosed<'_>, options: &Options) -> Vec<Diagnostic> {
        match self.emit(zone.config, options, &mut std::io::sink()) {
            Ok(emitted) => emitted.warnings,
            Err(EmitError::Invalid(errors)) => errors,
            Err(EmitError::Write(_)) => unreachable!("the sink takes every write"),
        }
    }
}

/// One checked zone while `steer check` asks each target about it: the
/// Route 53 plan, which Terraform and CloudFormation both lower the zone
/// to, is made once for both (it was a sixth of `steer check`'s time on a
/// 10k-record zone when each target planned on its own).
#[derive(Debug)]
pub struct Diagnosed<'c> {
    pub config: &'c ir::Config,
    route53: std::sync::OnceLock<Result<super::route53::Plan<'c>, Vec<Diagnostic>>>,
}

impl<'c> Diagnosed<'c> {
    pub fn new(config: &'c ir::Config) -> Self {
        Diagnosed {
            config,
            route53: std::sync::OnceLock::new(),
        }
    }

    /// Frees the zone's Route 53 plan (made again if it is asked for).
    pub fn release_route53_plan(&mut self) {
        self.route53.take();
    }

    /// The zone's Route 53 plan, made on first use (by one thread when
    /// several ask at once).
    pub(crate) fn route53_plan(&self) -> &Result<super::route53::Plan<'c>, Vec<Diagnostic>> {
        self.route53
            .get_or_init(|| super::route53::plan(self.config))
    }
}

/// Settings from the command line that some target reads; each target says
/// in [`Target::validate_options`] which it takes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// `--assume-down`: health checks the zone target flattens routing as
    /// failing (its health scenario).
    pub assume_down: Vec<String>,
    /// `--import-ids FILE`, read: the existing Route 53 objects the
    /// Terraform target writes `import {}` blocks for.
    pub import_ids: Option<super::imports::ImportIds>,
    /// `--set NAME=VALUE` and `--values FILE`: values for inputs, which
    /// every target reads (the zone and PowerDNS targets need them; the
    /// Route 53 targets make them defaults).
    pub values: crate::check::InputValues,
}

/// Options a target cannot take, or values it does not know: a usage
/// error, not a problem of the configuration.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct OptionError(pub String);

/// What a target reports for one zone besides the text it wrote.
#[derive(Debug)]
pub struct Emitted {
    pub warnings: Vec<Diagnostic>,
    /// Files a target writes beside its main one (file name, text), such
    /// as the server configuration of the PowerDNS target; most targets
    /// write none.
    pub extra_files: Vec<(String, String)>,
}

/// Why a target wrote no zone, or not all of it.
#[derive(Debug)]
pub enum EmitError {
    /// The zone cannot be written for this target; nothing was written.
    Invalid(Vec<Diagnostic>),
    /// Writing to the sink failed, perhaps after part of the text.
    Write(std::io::Error),
}

impl From<Vec<Diagnostic>> for EmitError {
    fn from(errors: Vec<Diagnostic>) -> Self {
        EmitError::Invalid(errors)
    }
}

impl From<std::io::Error> for EmitError {
    fn from(error: std::io::Error) -> Self {
        EmitError::Write(error)
    }
}

/// Text written to a sink as it is produced, in chunks: a writer appends a
/// unit (a block, a resource) to [`Sink::text`], then calls
/// [`Sink::end_unit`], which writes the text out once a chunk has gathered.
/// The first write error is kept and returned by [`Sink::finish`]; what
/// comes after it is dropped.
pub struct Sink<'w> {
    pending: String,
    out: &'w mut dyn std::io::Write,
    error: Option<std::io::Error>,
}

impl<'w> Sink<'w> {
    /// How much text gathers before it is written.
    const CHUNK: usize = 64 * 1024;

    /// How many units [`Sink::units_in_two`] hands to a thread at a time.
    pub const UNITS_PER_CHUNK: usize = 64;

    pub fn new(out: &'w mut dyn std::io::Write) -> Self {
        Sink {
            pending: String::with_capacity(Self::CHUNK),
            out,
            error: None,
        }
    }

    /// The text not written yet, to append to.
    pub fn text(&mut self) -> &mut String {
        &mut self.pending
    }

    /// The end of a unit: its text goes out once a chunk has gathered.
    pub fn end_unit(&mut self) {
        if self.pending.len() >= Self::CHUNK {
            self.write_pending();
        }
    }

    /// Each of `units` rendered by `render` and appended in order, as if
    /// rendered one by one (each then ending a unit). When there are many,
    /// a second thread renders every other chunk of them while this one
    /// renders and writes the rest: rendering is most of a writer's time,
    /// and the text is the same, unit for unit. A chunk waits for this
    /// thread in a channel of one, and one string comes back for reuse, so
    /// the text held at once is a few chunks' (the one each thread renders,
    /// the one waiting, the one given back). If the second thread cannot be
    /// started, or stops, this thread renders its chunks.
    pub fn units_in_two<T: Sync>(&mut self, units: &[T], render: impl Fn(&T, &mut String) + Sync) {
        let render = &render;
        if units.len() < 2 * Self::UNITS_PER_CHUNK {
            self.render_each(units, render);
            return;
        }
        std::thread::scope(|scope| {
            let (done, chunks) = std::sync::mpsc::sync_channel::<String>(1);
            // Each chunk's string goes back to be rendered into again: the
            // allocations stay as few as when one thread renders.
            let (give_back, given_back) = std::sync::mpsc::sync_channel::<String>(1);
            // A failed spawn drops the sender: `recv` then fails at once.
            let _ = std::thread::Builder::new().spawn_scoped(scope, move || {
                for chunk in units.chunks(Self::UNITS_PER_CHUNK).skip(1).step_by(2) {
                    let mut text = given_back.try_recv().unwrap_or_default();
                    text.clear();
                    for unit in chunk {
                        render(unit, &mut text);
                    }
                    if done.send(text).is_err() {
                        return;
                    }
                }
            });
            for (k, chunk) in units.chunks(Self::UNITS_PER_CHUNK).enumerate() {
                match (k % 2 == 1).then(|| chunks.recv().ok()).flatten() {
                    Some(text) => {
                        self.text().push_str(&text);
                        self.end_unit();
                        let _ = give_back.try_send(text);
                    }
                    None => self.render_each(chunk, render),
                }
            }
        });
    }

    /// Each of `units` rendered here, one unit at a time.
    fn render_each<T>(&mut self, units: &[T], render: &impl Fn(&T, &mut String)) {
        for unit in units {
            render(unit, self.text());
            self.end_unit();
        }
    }

    fn write_pending(&mut self) {
        if self.error.is_none() {
            if let Err(e) = self.out.write_all(self.pending.as_bytes()) {
                self.error = Some(e);
            }
        }
        self.pending.clear();
    }

    /// Writes what is left; the first error of any write.
    pub fn finish(mut self) -> std::io::Result<()> {
        self.write_pending();
        match self.error.take() {
            Some(e) => Err(e),
            None => self.out.flush(),
        }
    }
}

impl std::fmt::Debug for Sink<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sink")
            .field("pending", &self.pending.len())
            .field("error", &self.error)
            .finish_non_exhaustive()
    }
}

/// One zone compiled for one target, its text in memory.
#[derive(Debug)]
pub struct Output {
    pub file_name: String,
    pub text: String,
    pub warnings: Vec<Diagnostic>,
    /// Further files beside `file_name`: (file name, text).
    pub extra_files: Vec<(String, String)>,
}

/// Compiles one checked zone for `target`, into memory: for the library's
/// callers (tests, editors); `steer build` writes each zone's text to its
/// file as it is produced instead ([`Target::emit`]).
pub fn build(
    config: &ir::Config,
    target: &dyn Target,
    options: &Options,
) -> Result<Output, Vec<Diagnostic>> {
    let mut bytes = Vec::new();
    let Emitted {
        warnings,
        extra_files,
    } = match target.emit(config, options, &mut bytes) {
        Ok(emitted) => emitted,
        Err(EmitError::Invalid(errors)) => return Err(errors),
        Err(EmitError::Write(_)) => unreachable!("a vector takes every write"),
    };
    // Targets write only `str`s.
    let text = String::from_utf8(bytes).expect("a target writes UTF-8");
    Ok(Output {
        file_name: target.file_name(&config.zone.name),
        text,
        warnings,
        extra_files,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Code;

    /// A unit's text: its number, as many times as its number mod 7 says,
    /// so that units differ in length and chunks in size.
    fn unit_text(n: &usize, text: &mut String) {
        for _ in 0..=n % 7 {
            text.push_str(&n.to_string());
            text.push(' ');
        }
        text.push('\n');
    }

    /// Rendered on two threads or one, the text is the one rendering unit
    /// by unit gives, at every count around the chunk size and its first
    /// multiples (two chunks: where the second thread starts).
    #[test]
    fn units_rendered_in_two_keep_their_order_and_text() {
        let chunk = Sink::UNITS_PER_CHUNK;
        let around = |n: usize| [n - 1, n, n + 1];
        let counts = [0, 1, 5000]
            .into_iter()
            .chain([1, 2, 3, 4].into_iter().flat_map(|k| around(k * chunk)));
        for count in counts {
            let units: Vec<usize> = (0..count).collect();
            let mut one_by_one = String::new();
            for n in &units {
                unit_text(n, &mut one_by_one);
            }
            let mut out = Vec::new();
            let mut sink = Sink::new(&mut out);
            sink.text().push_str("before\n");
            sink.units_in_two(&units, unit_text);
            sink.text().push_str("after\n");
            sink.finish().expect("a vector takes every write");
            assert_eq!(
                String::from_utf8(out).unwrap(),
                format!("before\n{one_by_one}after\n"),
                "{count} units"
            );
        }
    }

    /// A writer that fails part-way: the error is returned, not lost in a
    /// thread.
    #[test]
    fn units_rendered_in_two_report_a_failed_write() {
        struct FailsAfter(usize);
        impl std::io::Write for FailsAfter {
            fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
                if self.0 < buf.len() {
                    return Err(std::io::Error::other("disk full"));
                }
                self.0 -= buf.len();
                Ok(buf.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let units: Vec<usize> = (0..20_000).collect();
        let mut out = FailsAfter(100_000);
        let mut sink = Sink::new(&mut out);
        sink.units_in_two(&units, unit_text);
        let error = sink.finish().expect_err("the write fails");
        assert_eq!(error.to_string(), "disk full");
    }

    /// `diagnose` reports what `emit` reports, for every target, on the
    /// diagnostics cases of the emit stage (errors) and on a clean zone;
    /// a zone with errors writes nothing.
    #[test]
    fn diagnose_reports_what_emit_reports() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/diagnostics");
        let emit_codes: Vec<&str> = super::super::EmitCode::ALL
            .iter()
            .map(|c| c.name())
            .collect();
        let mut cases: Vec<(String, String)> = std::fs::read_dir(dir)
            .expect("tests/diagnostics")
            .map(|e| e.expect("an entry").path())
            .filter(|p| {
                let stem = p.file_stem().and_then(|s| s.to_str()).unwrap_or("");
                emit_codes.contains(&stem.split("--").next().unwrap_or(""))
            })
            .map(|p| {
                let text = std::fs::read_to_string(&p).expect("a case");
                (p.display().to_string(), text)
            })
            .collect();
        cases.push((
            "clean".into(),
            "zone \"example.com\" { ttl 60s nameservers [\"ns1.example.net.\"] }\nrecord www A [192.0.2.10]\n".into(),
        ));
        let mut compared = 0;
        for (name, source) in &cases {
            let mut loaded = crate::load::Loaded::default();
            loaded.add("case.steer", source.as_bytes());
            for target in super::super::TARGETS {
                let values = crate::check::InputValues::new();
                let checked = crate::check_loaded_with(&loaded, &values, target.check_options());
                for config in &checked.configs {
                    let options = Options::default();
                    let mut written = Vec::new();
                    let emitted = match target.emit(config, &options, &mut written) {
                        Ok(e) => e.warnings,
                        Err(EmitError::Invalid(e)) => {
                            // Every error is found before anything is written.
                            assert!(written.is_empty(), "{name}: {} wrote", target.name());
                            e
                        }
                        Err(EmitError::Write(e)) => panic!("{name}: {e}"),
                    };
                    assert_eq!(
                        target.diagnose(&Diagnosed::new(config), &options),
                        emitted,
                        "{name} for {}",
                        target.name()
                    );
                    compared += usize::from(!emitted.is_empty());
                }
            }
        }
        assert!(compared >= 10, "only {compared} cases with diagnostics");
    }
}
