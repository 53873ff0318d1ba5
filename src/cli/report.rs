//! Where a command's diagnostics, errors and notes go, for people or as
//! JSON lines (the stable format of docs/json.md).
//!
//! With `--format json` every line is one JSON object: the diagnostics
//! (shape in docs/diagnostics.md), then errors that have no place in a
//! source file (`"kind": "error"`: a file that cannot be read or written,
//! a command line that asks for something impossible), notes
//! (`"kind": "note"`), and last one summary (`"kind": "summary"`). The
//! stream is standard output, unless standard output carries the command's
//! result (`build -o -`, `diff`, `explain`): then it is standard error.

use super::check::Format;
use super::EXIT_USAGE;
use crate::diagnostic::{self, Diagnostic, Severity, Style};
use crate::source::SourceMap;
use serde_json::json;
use std::io::Write;
use std::path::Path;

/// The version of the JSON-lines format: raised when a field changes
/// meaning or disappears (adding fields or kinds does not raise it).
pub const JSON_FORMAT_VERSION: u32 = 1;

/// What an error without a source place is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    /// A file or directory cannot be read or written.
    Io,
    /// The command line asks for something impossible (an unknown input
    /// in `--set`, `-o -` with several zones, an unknown name to explain).
    Usage,
}

impl ErrorCode {
    pub fn full_code(self) -> &'static str {
        match self {
            ErrorCode::Io => "steer::io-error",
            ErrorCode::Usage => "steer::usage-error",
        }
    }
}

/// An error without a source place, before it is reported.
#[derive(Debug)]
pub struct Failure {
    pub code: ErrorCode,
    /// The file it is about, when there is one.
    pub path: Option<String>,
    pub message: String,
    /// What to do about it, when the cause is a usual one.
    pub hint: Option<String>,
}

impl Failure {
    pub fn usage(message: impl std::fmt::Display) -> Self {
        Failure {
            code: ErrorCode::Usage,
            path: None,
            message: message.to_string(),
            hint: None,
        }
    }

    pub fn io(path: &Path, message: impl std::fmt::Display) -> Self {
        Failure {
            code: ErrorCode::Io,
            path: Some(path.display().to_string()),
            message: message.to_string(),
            hint: None,
        }
    }
}

/// An I/O error of the command's own output: its code, the path, the
/// operation and the hint, worded by [`IoError`]'s `Display`.
impl From<super::io_error::IoError> for Failure {
    fn from(e: super::io_error::IoError) -> Self {
        Failure {
            code: ErrorCode::Io,
            path: Some(e.path.display().to_string()),
            message: e.message(),
            hint: e.hint().map(str::to_string),
        }
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<crate::load::LoadError> for Failure {
    fn from(e: crate::load::LoadError) -> Self {
        Failure {
            code: ErrorCode::Io,
            path: Some(e.path().to_string()),
            message: e.to_string(),
            hint: None,
        }
    }
}

/// One command's report: counts what it prints, and prints the JSON
/// summary at the end.
pub struct Reporter {
    command: &'static str,
    format: Format,
    style: Style,
    to_stderr: bool,
    errors: usize,
    warnings: usize,
}

impl Reporter {
    /// `result_on_stdout`: standard output carries the command's result,
    /// so JSON lines go to standard error.
    pub fn new(
        command: &'static str,
        format: Format,
        style: Style,
        result_on_stdout: bool,
    ) -> Self {
        Reporter {
            command,
            format,
            style,
            to_stderr: result_on_stdout || format == Format::Human,
            errors: 0,
            warnings: 0,
        }
    }

    pub fn is_json(&self) -> bool {
        self.format == Format::Json
    }

    pub fn errors(&self) -> usize {
        self.errors
    }

    pub fn warnings(&self) -> usize {
        self.warnings
    }

    fn line(&self, text: &str) {
        if self.to_stderr {
            let _ = writeln!(std::io::stderr().lock(), "{text}");
        } else {
            let _ = writeln!(std::io::stdout().lock(), "{text}");
        }
    }

    /// Source diagnostics: rendered (human) or one JSON line each.
    pub fn diagnostics(&mut self, diagnostics: &[Diagnostic], sources: &SourceMap) {
        debug_assert!(
            diagnostics.is_empty() || !sources.has_set_aside(),
            "sources set aside: restore them first"
        );
        for d in diagnostics {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
            }
            match self.format {
                Format::Json => self.line(&diagnostic::to_json_line(d, sources)),
                Format::Human => {
                    eprintln!("{}", diagnostic::render(d, sources, self.style));
                }
            }
        }
    }

    /// An error with no place in a source file.
    pub fn error(&mut self, failure: impl Into<Failure>) {
        let f = failure.into();
        self.errors += 1;
        match self.format {
            Format::Human => {
                // An I/O error shows its code, as a diagnostic would.
                match f.code {
                    ErrorCode::Io => eprintln!("error: {}: {}", f.code.full_code(), f.message),
                    _ => eprintln!("error: {}", f.message),
                }
                if let Some(hint) = &f.hint {
                    eprintln!("  help: {hint}");
                }
            }
            Format::Json => self.line(
                &json!({
                    "kind": "error",
                    "code": f.code.full_code(),
                    "severity": "error",
                    "message": f.message,
                    "hint": f.hint,
                    "path": f.path,
                })
                .to_string(),
            ),
        }
    }

    /// Reports an error that ends the command with a usage or I/O exit
    /// (2), then the summary; returns the exit code.
    pub fn fail(&mut self, failure: impl Into<Failure>, files: usize) -> u8 {
        self.error(failure);
        self.summary(files, &[], EXIT_USAGE);
        EXIT_USAGE
    }

    /// Reads back the source texts set aside while the targets ran
    /// ([`SourceMap::set_aside`]) when there are diagnostics to show, with
    /// a note for a file that changed meanwhile (its excerpts are blank).
    pub fn restore_sources(&self, diagnostics: &[Diagnostic], sources: &mut SourceMap) {
        if diagnostics.is_empty() {
            return;
        }
        for name in sources.restore() {
            self.note(&format!(
                "{name} changed while steer ran: its excerpts below are left blank"
            ));
        }
    }

    /// A note (a target's remark on its output).
    pub fn note(&self, message: &str) {
        match self.format {
            Format::Human => eprintln!("note: {message}"),
            Format::Json => self.line(&json!({"kind": "note", "message": message}).to_string()),
        }
    }

    /// The last line of a JSON report: what was read, what was found, the
    /// exit code. Nothing for people (each command prints its own line).
    pub fn summary(&self, files: usize, zones: &[&str], exit_code: u8) {
        if self.format != Format::Json {
            return;
        }
        self.line(
            &json!({
                "kind": "summary",
                "format_version": JSON_FORMAT_VERSION,
                "steer_version": env!("CARGO_PKG_VERSION"),
                "command": self.command,
                "files": files,
                "zones": zones,
                "errors": self.errors,
                "warnings": self.warnings,
                "exit_code": exit_code,
            })
            .to_string(),
        );
    }
}
