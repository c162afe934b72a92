//! The one diagnostic type of the pipeline, shared by the macro and the CLI.
//!
//! A problem is in a file (the Markdown table, a translation, a lockfile)
//! or in the macro's arguments (a setting). Stages record problems in
//! files with byte ranges only; the line, the column and the source line
//! are worked out when a diagnostic is rendered. A problem in the macro's
//! arguments keeps the token it is about, where the compiler shows it.

use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use crate::codes::DiagnosticCode;
use crate::source::SourceFile;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The table cannot be used as written; the build fails.
    Error,
    /// The table works, but something deserves attention.
    Warning,
}

/// Where a problem is.
#[derive(Debug, Clone)]
pub enum Location {
    /// A byte range of the file's text ([`SourceFile::text`]).
    Text(Range<usize>),
    /// A token of the macro's arguments, such as a setting's name or
    /// value.
    Token(proc_macro2::Span),
}

/// A problem found in a file or in the macro's arguments.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// What kind of problem it is, with its stable identifier.
    pub code: DiagnosticCode,
    /// How bad it is.
    pub severity: Severity,
    /// One sentence saying what is wrong.
    pub message: String,
    /// Where it is; `None` for problems with a file as a whole.
    pub location: Option<Location>,
    /// A short text under the marked range.
    pub label: Option<String>,
    /// How to fix it.
    pub help: Option<String>,
    /// Further context, one line each.
    pub notes: Vec<String>,
}

impl Diagnostic {
    /// An error of the kind `code` about the whole file, to be narrowed
    /// with [`Diagnostic::at`].
    #[must_use]
    pub fn error(code: DiagnosticCode, message: impl Into<String>) -> Self {
        Self {
            code,
            severity: Severity::Error,
            message: message.into(),
            location: None,
            label: None,
            help: None,
            notes: Vec::new(),
        }
    }

    /// A warning about the whole file, to be narrowed with
    /// [`Diagnostic::at`].
    #[must_use]
    pub fn warning(code: DiagnosticCode, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(code, message)
        }
    }

    /// Points the diagnostic at a byte range of the file.
    #[must_use]
    pub fn at(mut self, span: Range<usize>) -> Self {
        self.location = Some(Location::Text(span));
        self
    }

    /// Points the diagnostic at a token of the macro's arguments.
    #[must_use]
    pub fn at_token(mut self, token: proc_macro2::Span) -> Self {
        self.location = Some(Location::Token(token));
        self
    }

    /// The byte range of the file it points at, if it points into a file.
    #[must_use]
    pub fn range(&self) -> Option<&Range<usize>> {
        match &self.location {
            Some(Location::Text(range)) => Some(range),
            Some(Location::Token(_)) | None => None,
        }
    }

    /// The token of the macro's arguments it points at, if any.
    #[must_use]
    pub fn token(&self) -> Option<proc_macro2::Span> {
        match &self.location {
            Some(Location::Token(token)) => Some(*token),
            Some(Location::Text(_)) | None => None,
        }
    }

    /// Sets the text shown under the marked range.
    #[must_use]
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Says how to fix the problem.
    #[must_use]
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a line of context.
    #[must_use]
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// Renders the diagnostic the way rustc does, without colour, showing
    /// the marked line of `file`:
    ///
    /// ```text
    /// error[ET0401]: duplicate error code `NotFound`
    ///  --> spec/errors.md:7:1
    ///   |
    /// 7 | NotFound | 404 | Gone.
    ///   | ^^^^^^^^ already defined on line 5
    /// ```
    #[must_use]
    pub fn render(&self, file: Option<&SourceFile>) -> String {
        Renderer::plain().render(&[self.group(file)])
    }

    /// The same rendering as [`Diagnostic::render`], with the terminal
    /// colours rustc uses, for a reader at a terminal.
    #[must_use]
    pub fn render_styled(&self, file: Option<&SourceFile>) -> String {
        Renderer::styled().render(&[self.group(file)])
    }

    /// The rendering with `[ET0401] ` in place of the leading
    /// `error[ET0401]: `, for messages that the compiler prefixes with the
    /// level itself.
    #[must_use]
    pub fn render_unprefixed(&self, file: Option<&SourceFile>) -> String {
        let rendered = self.render(file);
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let prefix = format!("{level}[{}]: ", self.code.id());
        match rendered.strip_prefix(&prefix) {
            Some(rest) => format!("[{}] {rest}", self.code.id()),
            None => rendered,
        }
    }

    /// Without a file, only the message, help and notes are shown; so for
    /// a token of the macro's arguments, which the compiler shows.
    fn group<'a>(&'a self, file: Option<&'a SourceFile>) -> Group<'a> {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let title = level
            .primary_title(self.message.as_str())
            .id(self.code.id());
        let mut group = match (file, &self.location) {
            (Some(file), Some(Location::Text(span))) => title.element(self.snippet(file, span)),
            (Some(file), None) => title.element(Origin::path(file.name())),
            (None, _) | (_, Some(Location::Token(_))) => Group::with_title(title),
        };
        if let Some(help) = &self.help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        for note in &self.notes {
            group = group.element(Level::NOTE.message(note.as_str()));
        }
        group
    }

    /// The marked line alone, so that rendering costs the same for a
    /// ten-line file and a ten-thousand-line one.
    fn snippet<'a>(
        &'a self,
        file: &'a SourceFile,
        span: &Range<usize>,
    ) -> Snippet<'a, annotate_snippets::Annotation<'a>> {
        let (number, line) = file.line_of(span.start);
        let text = file.text().get(line.clone()).unwrap_or_default();
        let start = span.start.clamp(line.start, line.end) - line.start;
        let end = span.end.clamp(line.start + start, line.end) - line.start;
        let mut annotation = AnnotationKind::Primary.span(start..end);
        if let Some(label) = &self.label {
            annotation = annotation.label(label.as_str());
        }
        Snippet::source(text)
            .line_start(number)
            .path(file.name())
            .fold(false)
            .annotation(annotation)
    }
}

/// Collects every problem of a run, so that the user sees them all at once.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    list: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Records a problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.list.push(diagnostic);
    }

    /// Whether any recorded problem is an error.
    #[must_use]
    pub fn has_errors(&self) -> bool {
        self.list
            .iter()
            .any(|diagnostic| diagnostic.severity == Severity::Error)
    }

    /// The problems in the order of their place in the file.
    #[must_use]
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.list
            .sort_by_key(|diagnostic| diagnostic.range().map(|span| (span.start, span.end)));
        self.list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rendering_shows_file_line_column_and_the_line() {
        let file = SourceFile::new(
            "spec/errors.md",
            "| Code | Status |\n|---|---|\n| Gone | 4x4 |\n",
        );
        let diagnostic = Diagnostic::error(DiagnosticCode::NoStatus, "no status code in `4x4`")
            .at(37..40)
            .label("expected a number such as 404")
            .help("write the status as `404` or `Not Found (404)`");
        insta::assert_snapshot!(diagnostic.render(Some(&file)), @r"
        error[ET0304]: no status code in `4x4`
         --> spec/errors.md:3:10
          |
        3 | | Gone | 4x4 |
          |          ^^^ expected a number such as 404
          |
          = help: write the status as `404` or `Not Found (404)`
        ");
    }

    #[test]
    fn a_file_level_problem_names_the_file() {
        let file = SourceFile::new("spec/errors.md", "# Errors\n");
        let diagnostic =
            Diagnostic::error(DiagnosticCode::NoErrorTable, "no error table").note("a note");
        insta::assert_snapshot!(diagnostic.render_unprefixed(Some(&file)), @r"
        [ET0201] no error table
        --> spec/errors.md
         = note: a note
        ");
    }

    #[test]
    fn a_problem_in_the_macro_arguments_keeps_its_token_and_shows_no_file_line() {
        let file = SourceFile::new("spec/errors.md", "| Code | Status |\n");
        let diagnostic = Diagnostic::error(DiagnosticCode::Setting, "first")
            .at_token(proc_macro2::Span::call_site())
            .help("a help");
        assert!(diagnostic.token().is_some() && diagnostic.range().is_none());
        insta::assert_snapshot!(diagnostic.render_unprefixed(Some(&file)), @"
        [ET0501] first
         |
         = help: a help
        ");
    }

    #[test]
    fn diagnostics_are_sorted_by_position_with_file_level_ones_first() {
        let mut diagnostics = Diagnostics::default();
        diagnostics.push(Diagnostic::error(DiagnosticCode::EmptyCode, "b").at(9..10));
        diagnostics.push(Diagnostic::error(DiagnosticCode::EmptyCode, "a").at(1..2));
        diagnostics.push(Diagnostic::error(DiagnosticCode::NoErrorTable, "file"));
        let order: Vec<String> = diagnostics
            .into_sorted()
            .into_iter()
            .map(|d| d.message)
            .collect();
        assert_eq!(order, ["file", "a", "b"]);
    }
}
