//! Diagnostics shared by every stage. Each stage owns its own code enum
//! (`syntax::SyntaxCode`, `check::CheckCode`, ...) declared with
//! [`diagnostic_codes!`]; a [`Diagnostic`] carries the code's stable name,
//! its severity, the spans involved and hints. Rendering (miette for people,
//! JSON lines for tools) lives here so that every stage looks the same.

use crate::source::{SourceFile, SourceMap, Span};
use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// A stable diagnostic code, e.g. `steer::unknown-reference`.
pub trait Code: Copy {
    /// The stable name, without the `steer::` prefix.
    fn name(self) -> &'static str;
    fn severity(self) -> Severity;
    /// One sentence for docs/diagnostics.md and `--explain`-style listings.
    fn summary(self) -> &'static str;
}

/// Declares a stage's code enum: `Variant => ("name", Error|Warning, "summary")`.
#[macro_export]
macro_rules! diagnostic_codes {
    ($(#[$meta:meta])* $vis:vis enum $enum:ident {
        $($variant:ident => ($name:literal, $sev:ident, $summary:literal)),* $(,)?
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        $vis enum $enum { $($variant),* }

        impl $enum {
            pub const ALL: &'static [$enum] = &[$($enum::$variant),*];
        }

        impl $crate::diagnostic::Code for $enum {
            fn name(self) -> &'static str {
                match self { $($enum::$variant => $name),* }
            }
            fn severity(self) -> $crate::diagnostic::Severity {
                match self { $($enum::$variant => $crate::diagnostic::Severity::$sev),* }
            }
            fn summary(self) -> &'static str {
                match self { $($enum::$variant => $summary),* }
            }
        }
    };
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable name without the `steer::` prefix.
    pub code: &'static str,
    pub severity: Severity,
    pub message: String,
    /// The place the problem is; its message is shown under the underline.
    pub primary: Label,
    /// Other places involved ("first defined here").
    pub secondary: Vec<Label>,
    pub hints: Vec<String>,
}

impl Diagnostic {
    pub fn new(code: impl Code, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            code: code.name(),
            severity: code.severity(),
            message: message.into(),
            primary: Label {
                span,
                message: String::new(),
            },
            secondary: Vec::new(),
            hints: Vec::new(),
        }
    }

    /// The text shown under the primary underline.
    pub fn label(mut self, message: impl Into<String>) -> Self {
        self.primary.message = message.into();
        self
    }

    pub fn with_secondary(mut self, span: Span, message: impl Into<String>) -> Self {
        self.secondary.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    pub fn maybe_hint(self, hint: Option<String>) -> Self {
        match hint {
            Some(h) => self.hint(h),
            None => self,
        }
    }

    pub fn full_code(&self) -> String {
        format!("steer::{}", self.code)
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// The diagnostics a stage collects as it goes. It keeps a running count
/// of errors, so that a pass can ask whether it added errors
/// ([`Diagnostics::mark`], [`Diagnostics::has_errors_since`]) in constant
/// time however deep it is nested and however many diagnostics came
/// before. Reading goes through the slice it dereferences to.
#[derive(Debug, Clone, Default)]
pub struct Diagnostics {
    list: Vec<Diagnostic>,
    errors: usize,
}

/// A point in a [`Diagnostics`] collection: how many errors it held then.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark(usize);

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        if diagnostic.is_error() {
            self.errors += 1;
        }
        self.list.push(diagnostic);
    }

    pub fn error_count(&self) -> usize {
        self.errors
    }

    pub fn has_errors(&self) -> bool {
        self.errors > 0
    }

    /// The point to compare against after a pass.
    pub fn mark(&self) -> Mark {
        Mark(self.errors)
    }

    /// Adds a hint to every diagnostic pushed since the list held `len`
    /// diagnostics ([`Diagnostics::len`]).
    pub fn hint_since(&mut self, len: usize, hint: &str) {
        for d in self.list.iter_mut().skip(len) {
            d.hints.push(hint.to_string());
        }
    }

    /// Whether an error was pushed after `mark` was taken.
    pub fn has_errors_since(&self, mark: Mark) -> bool {
        self.errors > mark.0
    }

    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.list
    }

    /// Adds what another pass found (on another thread, say).
    pub fn append(&mut self, other: Diagnostics) {
        self.errors += other.errors;
        self.list.extend(other.list);
    }
}

impl std::ops::Deref for Diagnostics {
    type Target = [Diagnostic];

    fn deref(&self) -> &[Diagnostic] {
        &self.list
    }
}

impl Extend<Diagnostic> for Diagnostics {
    fn extend<I: IntoIterator<Item = Diagnostic>>(&mut self, diagnostics: I) {
        for d in diagnostics {
            self.push(d);
        }
    }
}

impl From<Vec<Diagnostic>> for Diagnostics {
    fn from(list: Vec<Diagnostic>) -> Self {
        let errors = list.iter().filter(|d| d.is_error()).count();
        Diagnostics { list, errors }
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.list.iter()
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.list.into_iter()
    }
}

/// Sorts diagnostics into reading order (file, position, code) so output is
/// deterministic whatever order the passes found them in.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.primary.span, a.code, &a.message).cmp(&(b.primary.span, b.code, &b.message))
    });
}

/// "did you mean `ireland`?" for a misspelt name: the closest candidate by
/// Jaro-Winkler similarity (good at typos and transpositions in short
/// identifiers), only when it is close enough to be a plausible typo.
pub fn did_you_mean<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let wrong_lower = wrong.to_ascii_lowercase();
    let mut best: Option<(f64, &str)> = None;
    for candidate in candidates {
        let score = strsim::jaro_winkler(&wrong_lower, &candidate.to_ascii_lowercase());
        if score >= 0.8 && best.is_none_or(|(s, c)| score > s || (score == s && candidate < c)) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, c)| format!("did you mean `{c}`?"))
}

// ---------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------

/// How diagnostics are printed for people.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Colours and unicode box drawing, for terminals.
    Fancy,
    /// Unicode without colour: what snapshot tests and pipes get.
    Plain,
    /// ASCII drawing with colours: `--color always` on a `TERM=dumb` terminal.
    AsciiColour,
    /// ASCII drawing without colour: a `TERM=dumb` terminal.
    Ascii,
}

/// An owned miette report: miette borrows labels and source from the
/// diagnostic value, so everything it needs is gathered here first.
struct Report<'s> {
    message: String,
    code: Option<String>,
    severity: miette::Severity,
    help: Option<String>,
    labels: Vec<miette::LabeledSpan>,
    source: Excerpt<'s>,
    /// Places in other files ("first defined here"), each with its source.
    related: Vec<Report<'s>>,
}

/// A source file as miette reads it, without copying it: each span is read
/// from the lines around it ([`SourceFile::excerpt`]) and its line numbers
/// shifted, so a diagnostic costs its excerpt, not the whole file (miette
/// counts lines from the start of the text it is given).
struct Excerpt<'s>(&'s SourceFile);

impl miette::SourceCode for Excerpt<'_> {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let file = self.0;
        let text: &str = &file.text;
        let (from, to, lines) = file
            .excerpt(span.offset(), span.offset() + span.len(), before, after)
            .unwrap_or((0, text.len(), 0));
        let shifted = miette::SourceSpan::new((span.offset() - from).into(), span.len());
        let inner = text[from..to].read_span(&shifted, before, after)?;
        Ok(Box::new(miette::MietteSpanContents::new_named(
            file.name.clone(),
            inner.data(),
            miette::SourceSpan::new((inner.span().offset() + from).into(), inner.span().len()),
            inner.line() + lines,
            inner.column(),
            inner.line_count() + lines,
        )))
    }
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}
impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}
impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.code
            .as_ref()
            .map(|c| Box::new(c) as Box<dyn fmt::Display>)
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn miette::Diagnostic> + 'b>> {
        if self.related.is_empty() {
            None
        } else {
            Some(Box::new(
                self.related.iter().map(|r| r as &dyn miette::Diagnostic),
            ))
        }
    }
}

fn miette_span(span: Span) -> miette::SourceSpan {
    (span.start as usize, span.len()).into()
}

fn excerpt(sources: &SourceMap, span: Span) -> Excerpt<'_> {
    Excerpt(sources.get(span.file))
}

fn non_empty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

/// A secondary place, for the excerpt: a span over several lines (a whole
/// multi-line record, say) is cut to its first line, which is enough to
/// show *where* it is; all of it would print every line of the construct.
/// The JSON form keeps the full span.
fn place(span: Span, sources: &SourceMap) -> Span {
    let text = sources.text(span);
    match text.find('\n') {
        Some(newline) => {
            let first = text[..newline].trim_end();
            Span {
                end: span.start + first.len() as u32,
                ..span
            }
        }
        None => span,
    }
}

fn report<'s>(d: &Diagnostic, sources: &'s SourceMap) -> Report<'s> {
    let file = d.primary.span.file;
    let mut labels = vec![miette::LabeledSpan::new_primary_with_span(
        non_empty(&d.primary.message),
        miette_span(d.primary.span),
    )];
    let mut related = Vec::new();
    for l in &d.secondary {
        if l.span.file == file {
            labels.push(miette::LabeledSpan::new_with_span(
                non_empty(&l.message),
                miette_span(place(l.span, sources)),
            ));
        } else {
            related.push(Report {
                message: l.message.clone(),
                code: None,
                severity: miette::Severity::Advice,
                help: None,
                labels: vec![miette::LabeledSpan::new_primary_with_span(
                    None,
                    miette_span(place(l.span, sources)),
                )],
                source: excerpt(sources, l.span),
                related: Vec::new(),
            });
        }
    }
    Report {
        message: d.message.clone(),
        code: Some(d.full_code()),
        severity: match d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        },
        help: (!d.hints.is_empty()).then(|| d.hints.join("\n")),
        labels,
        source: excerpt(sources, d.primary.span),
        related,
    }
}

/// Renders one diagnostic for people: `file:line:col`, the source excerpt
/// with the span underlined, and hints.
pub fn render(diagnostic: &Diagnostic, sources: &SourceMap, style: Style) -> String {
    let theme = match style {
        Style::Fancy => miette::GraphicalTheme::unicode(),
        Style::Plain => miette::GraphicalTheme::unicode_nocolor(),
        Style::AsciiColour => miette::GraphicalTheme::ascii(),
        Style::Ascii => miette::GraphicalTheme::none(),
    };
    let handler = miette::GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_links(false);
    let mut out = String::new();
    if handler
        .render_report(&mut out, &report(diagnostic, sources))
        .is_err()
    {
        // A rendering failure must still tell the user what is wrong.
        out = plain_line(diagnostic, sources);
    }
    out
}

/// `file:line:col: severity[code]: message`, the one-line form used when a
/// terminal is not the reader (and as a fallback).
pub fn plain_line(d: &Diagnostic, sources: &SourceMap) -> String {
    let file = sources.get(d.primary.span.file);
    let (line, col) = file.line_col(d.primary.span.start as usize);
    let sev = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    format!(
        "{}:{}:{}: {}[{}]: {}\n",
        file.name,
        line,
        col,
        sev,
        d.full_code(),
        d.message
    )
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    byte_start: u32,
    byte_end: u32,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: String,
    severity: Severity,
    message: &'a str,
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    byte_start: u32,
    byte_end: u32,
    label: &'a str,
    hints: &'a [String],
    related: Vec<JsonLabel<'a>>,
}

fn json_label<'a>(label: &'a Label, sources: &'a SourceMap) -> JsonLabel<'a> {
    let file = sources.get(label.span.file);
    let (line, column) = file.line_col(label.span.start as usize);
    let (end_line, end_column) = file.line_col(label.span.end as usize);
    JsonLabel {
        file: &file.name,
        line,
        column,
        end_line,
        end_column,
        byte_start: label.span.start,
        byte_end: label.span.end,
        message: &label.message,
    }
}

/// One JSON object on one line, for editors and CI annotations.
pub fn to_json_line(d: &Diagnostic, sources: &SourceMap) -> String {
    let p = json_label(&d.primary, sources);
    let json = JsonDiagnostic {
        code: d.full_code(),
        severity: d.severity,
        message: &d.message,
        file: p.file,
        line: p.line,
        column: p.column,
        end_line: p.end_line,
        end_column: p.end_column,
        byte_start: p.byte_start,
        byte_end: p.byte_end,
        label: p.message,
        hints: &d.hints,
        related: d.secondary.iter().map(|l| json_label(l, sources)).collect(),
    };
    serde_json::to_string(&json).expect("diagnostics serialize")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_excerpt_reads_every_span_as_miette_reads_the_whole_file() {
        use miette::SourceCode;
        let lf = "zone \"z\" {\n\n  ttl 1h\n}\nrecord a A [192.0.2.1]\n\n\nrecord ç A = x\n}\nend";
        for text in [lf.to_string(), lf.replace('\n', "\r\n")] {
            let file = SourceFile::new("t.steer", text.as_str());
            let excerpt = Excerpt(&file);
            for start in 0..=text.len() {
                for len in [0, 1, 7, 30] {
                    for context in [0, 1, 2] {
                        let span = (start, len).into();
                        let whole = text.as_str().read_span(&span, context, context);
                        let part = excerpt.read_span(&span, context, context);
                        match (whole, part) {
                            (Ok(w), Ok(p)) => assert_eq!(
                                (w.data(), w.span(), w.line(), w.column(), w.line_count()),
                                (p.data(), p.span(), p.line(), p.column(), p.line_count()),
                                "{start}+{len} with {context} lines of context"
                            ),
                            (Err(_), Err(_)) => {}
                            (w, p) => panic!("{start}+{len}: {:?} vs {:?}", w.is_ok(), p.is_ok()),
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn a_multi_line_secondary_place_is_cut_to_its_first_line() {
        let mut sources = SourceMap::default();
        let text = "check a {\n  x\n}\nrecord www A = failover {  \n  primary a\n}\n";
        let file = sources.add("t.steer", text);
        let record = Span::new(file, text.find("record").unwrap(), text.len() - 1);
        let placed = place(record, &sources);
        assert_eq!(sources.text(placed), "record www A = failover {");
        let one_line = Span::new(file, 0, 5);
        assert_eq!(place(one_line, &sources), one_line);
    }

    #[test]
    fn a_mark_tells_whether_errors_were_added_since() {
        let span = Span::default();
        let error = Diagnostic::new(crate::check::CheckCode::OutOfRange, span, "e");
        let warning = Diagnostic::new(crate::check::CheckCode::SingleMember, span, "w");
        let mut diagnostics = Diagnostics::from(vec![error.clone()]);
        let mark = diagnostics.mark();
        diagnostics.push(warning);
        assert!(!diagnostics.has_errors_since(mark));
        diagnostics.push(error);
        assert!(diagnostics.has_errors_since(mark));
        assert_eq!((diagnostics.error_count(), diagnostics.len()), (2, 3));
    }

    #[test]
    fn did_you_mean_picks_close_names_only() {
        let names = ["ireland", "frankfurt", "virginia"];
        assert_eq!(
            did_you_mean("irland", names),
            Some("did you mean `ireland`?".into())
        );
        assert_eq!(did_you_mean("tokyo", names), None);
    }
}
