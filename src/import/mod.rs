//! `steer import`: configurations teams already have (a BIND zone file, an
//! octoDNS zone, Route 53's own JSON, Terraform) → a `.steer` file.
//!
//! A stage of its own, beside the pipeline rather than in it: it reads a
//! foreign format and writes steer source text, which the rest of steer
//! then reads like any other file. Every source returns an [`Imported`]:
//! the file, formatted exactly as `steer fmt` prints it
//! ([`writer::Document`]), and a [`Summary`] of what was imported and what
//! was skipped, each skip with its place and the reason. Input a source
//! cannot read is an [`ImportError`]: diagnostics with stable codes
//! ([`ImportCode`], worded in [`messages`]) placed in the input file,
//! rendered like every other stage's. No partial file is produced.
//!
//! docs/import.md describes each source and the commands that produce its
//! input.

pub mod messages;
pub mod octodns;
pub mod writer;
pub mod yaml;
pub mod zone;
// Route 53 and Terraform: one intermediate, one raise step.
pub mod flat;
pub mod raise;
pub mod route53;
pub mod terraform;
pub mod traffic;

use crate::diagnostic::{self, Diagnostic, Style};
use crate::source::{SourceMap, Span};
use std::fmt;

crate::diagnostic_codes! {
    /// Codes of the import stage.
    pub enum ImportCode {
        Malformed => ("import-malformed", Error,
            "The input does not follow its format: a zone-file line or YAML that cannot be read, or a field of the wrong shape."),
        InvalidValue => ("import-invalid-value", Error,
            "A value in the input cannot be read as what its place needs: record data, a TTL, a geo code, a reference to a pool that does not exist."),
        Internal => ("import-internal", Error,
            "The importer wrote text that steer cannot read back: a bug in steer, never in the input."),
    }
}

/// What a source imported: the `.steer` file and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The `.steer` file, formatted as `steer fmt` prints it.
    pub text: String,
    pub summary: Summary,
}

/// What an import produced and what it left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// How many items of each kind the file holds, in section order.
    pub imported: Vec<(writer::Section, usize)>,
    /// What was not imported, in input order.
    pub skipped: Vec<Skip>,
}

/// One thing the importer left out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skip {
    /// Where it is in the input, when the input has lines.
    pub location: Option<Location>,
    /// What it is: `HINFO record host.example.com`.
    pub what: String,
    /// Why it was skipped, in words.
    pub reason: String,
}

/// A place in an input file: `file:line:col`, both 1-based.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    pub line: usize,
    pub column: usize,
}

impl Location {
    /// The place of `span`'s start.
    pub fn of(sources: &SourceMap, span: Span) -> Self {
        let file = sources.get(span.file);
        let (line, column) = file.line_col(span.start as usize);
        Location {
            file: file.name.clone(),
            line,
            column,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

impl Skip {
    pub fn at(sources: &SourceMap, span: Span, what: String, reason: String) -> Self {
        Skip {
            location: Some(Location::of(sources, span)),
            what,
            reason,
        }
    }
}

impl Summary {
    /// For people, on standard error: one line of counts, then one line
    /// per skip.
    ///
    /// ```text
    /// imported: 1 zone, 2 checks, 2 endpoints, 14 records
    /// skipped 1:
    ///   db.example:9:1: HINFO record host.example.com: steer has no HINFO records
    /// ```
    pub fn render(&self) -> String {
        let counts: Vec<String> = self
            .imported
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(section, n)| section.count(*n))
            .collect();
        let mut out = if counts.is_empty() {
            "imported: nothing\n".to_string()
        } else {
            format!("imported: {}\n", counts.join(", "))
        };
        if !self.skipped.is_empty() {
            out.push_str(&format!("skipped {}:\n", self.skipped.len()));
            for skip in &self.skipped {
                match &skip.location {
                    Some(at) => out.push_str(&format!("  {at}: {}: {}\n", skip.what, skip.reason)),
                    None => out.push_str(&format!("  {}: {}\n", skip.what, skip.reason)),
                }
            }
        }
        out
    }

    /// How many items of `section` were imported.
    pub fn count(&self, section: writer::Section) -> usize {
        self.imported
            .iter()
            .find(|(s, _)| *s == section)
            .map_or(0, |(_, n)| *n)
    }
}

/// Input an importer cannot read: one or more diagnostics placed in the
/// input files of a [`SourceMap`] the caller owns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub diagnostics: Vec<Diagnostic>,
}

impl ImportError {
    pub fn new(diagnostic: Diagnostic) -> Self {
        ImportError {
            diagnostics: vec![diagnostic],
        }
    }

    /// Every diagnostic for people (miette), as `steer check` shows its own.
    pub fn render(&self, sources: &SourceMap, style: Style) -> String {
        self.diagnostics
            .iter()
            .map(|d| diagnostic::render(d, sources, style))
            .collect()
    }

    /// `file:line:col: error[code]: message` lines, for tests and logs.
    pub fn plain(&self, sources: &SourceMap) -> String {
        self.diagnostics
            .iter()
            .map(|d| diagnostic::plain_line(d, sources))
            .collect()
    }
}

impl From<Diagnostic> for ImportError {
    fn from(d: Diagnostic) -> Self {
        ImportError::new(d)
    }
}

/// Reads input bytes as UTF-8 into `sources`: a file that is not is
/// `import-malformed` at the first bad byte.
pub fn add_source(
    sources: &mut SourceMap,
    name: &str,
    bytes: &[u8],
) -> Result<crate::source::FileId, ImportError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(sources.add(name, text)),
        Err(e) => {
            let good = e.valid_up_to();
            // The text is shown with U+FFFD (three bytes) in place of the
            // first bad byte, which is underlined.
            let text = String::from_utf8_lossy(bytes).into_owned();
            let id = sources.add(name, text);
            Err(messages::not_utf8(Span::new(id, good, good + 3)).into())
        }
    }
}
