//! Where output goes: data on stdout, diagnostics on stderr, rendered with
//! source snippets (in colour on a terminal) or as JSON.

use std::fmt::Write as _;
use std::io::{IsTerminal, Write};

use error_table_codegen::{Diagnostic, DiagnosticCode, Severity, SourceFile};
use serde::Serialize;

/// How a run ends; the discriminant is the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Nothing wrong.
    Clean = 0,
    /// The table has errors, or a diff found breaking changes.
    Problems = 1,
    /// A usage error, or a file that cannot be read or written.
    Failed = 2,
}

impl Status {
    /// `Problems` when `any`, else `Clean`.
    pub fn problems_if(any: bool) -> Self {
        if any { Self::Problems } else { Self::Clean }
    }
}

/// Why a command could not do its work at all.
pub struct Fatal {
    /// The exit status: `Failed` for I/O, `Problems` for a spec that is
    /// not UTF-8 or has errors that stop the command.
    pub status: Status,
    /// What went wrong; boxed, as are files, to keep `Result`s small.
    pub diagnostic: Box<Diagnostic>,
    /// The file the diagnostic points into, if any.
    pub file: Option<Box<SourceFile>>,
}

impl Fatal {
    /// An I/O or usage failure with a message and a hint.
    pub fn failed(
        code: DiagnosticCode,
        message: impl Into<String>,
        help: impl Into<String>,
    ) -> Self {
        Self {
            status: Status::Failed,
            diagnostic: Box::new(Diagnostic::error(code, message).help(help)),
            file: None,
        }
    }
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal, unless `NO_COLOR` is set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// `--format` of the commands that report diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Rendered with the source line, as the compiler shows them.
    Human,
    /// A JSON array on stdout, one object per diagnostic.
    Json,
    /// A SARIF 2.1.0 log on stdout, for GitHub code scanning and SARIF
    /// viewers.
    Sarif,
    /// GitHub Actions workflow commands on stdout: an annotation on the
    /// pull request's diff per diagnostic.
    Github,
    /// `JUnit` XML on stdout, for GitLab, Jenkins and other CI test reports.
    Junit,
}

/// The process's output streams.
pub struct Output {
    colour: bool,
    stdout: std::io::Stdout,
    stderr: std::io::Stderr,
}

impl Output {
    /// Diagnostics are coloured when `choice` says so; `auto` asks whether
    /// stderr, where they go, is a terminal, and honours `NO_COLOR`.
    pub fn new(choice: ColorChoice) -> Self {
        let colour = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                let no_color = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
                !no_color && std::io::stderr().is_terminal()
            }
        };
        Self {
            colour,
            stdout: std::io::stdout(),
            stderr: std::io::stderr(),
        }
    }

    /// Writes `text` to stdout as is.
    pub fn data(&self, text: &str) {
        // A closed pipe (`| head`) is the reader's choice, not an error.
        let _ = self.stdout.lock().write_all(text.as_bytes());
    }

    /// Writes a line to stderr.
    pub fn note(&self, line: &str) {
        let _ = writeln!(self.stderr.lock(), "{line}");
    }

    /// Renders `diagnostic` to stderr, with the line of `file` it points at.
    pub fn diagnostic(&self, diagnostic: &Diagnostic, file: Option<&SourceFile>) {
        let rendered = if self.colour {
            diagnostic.render_styled(file)
        } else {
            diagnostic.render(file)
        };
        let _ = writeln!(self.stderr.lock(), "{rendered}\n");
    }

    /// Every diagnostic of `reports`, rendered in `format`; `checked`
    /// names the files read, which `JUnit` lists even when they are clean.
    pub fn diagnostics(&self, checked: &[&str], reports: &[Report<'_>], format: Format) {
        match format {
            Format::Human => {
                for report in reports {
                    self.diagnostic(report.diagnostic, report.file);
                }
            }
            Format::Json => {
                let objects: Vec<JsonDiagnostic<'_>> =
                    reports.iter().map(JsonDiagnostic::from).collect();
                self.json(&objects);
            }
            Format::Sarif => self.data(&crate::sarif::render(reports)),
            Format::Github => self.data(&crate::github::render(reports)),
            Format::Junit => self.data(&crate::junit::render(checked, reports)),
        }
    }

    /// `value` as pretty JSON on stdout.
    pub fn json(&self, value: &impl Serialize) {
        match serde_json::to_string_pretty(value) {
            Ok(text) => self.data(&(text + "\n")),
            Err(error) => self.note(&format!("error: cannot write JSON: {error}")),
        }
    }

    /// Reports a fatal error and gives its status.
    pub fn fatal(&self, fatal: &Fatal) -> Status {
        self.diagnostic(&fatal.diagnostic, fatal.file.as_deref());
        fatal.status
    }
}

/// A diagnostic and the file it points into.
#[derive(Clone, Copy)]
pub struct Report<'a> {
    /// The problem.
    pub diagnostic: &'a Diagnostic,
    /// Its file, to show the line and to name it.
    pub file: Option<&'a SourceFile>,
}

impl<'a> Report<'a> {
    /// Every diagnostic of `diagnostics`, in `file`.
    pub fn all(diagnostics: &'a [Diagnostic], file: Option<&'a SourceFile>) -> Vec<Self> {
        diagnostics
            .iter()
            .map(|diagnostic| Self { diagnostic, file })
            .collect()
    }
}

impl Report<'_> {
    /// The message, the label, the help and the notes as plain lines, for
    /// the formats that show no source line.
    pub fn plain_text(&self) -> String {
        let diagnostic = self.diagnostic;
        let mut text = diagnostic.message.clone();
        if let Some(label) = &diagnostic.label {
            let _ = write!(text, " ({label})");
        }
        if let Some(help) = &diagnostic.help {
            let _ = write!(text, "\nhelp: {help}");
        }
        for note in &diagnostic.notes {
            let _ = write!(text, "\nnote: {note}");
        }
        text
    }
}

/// Where a diagnostic points: 1-based, columns in characters, the end
/// exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    /// The first line.
    pub line: usize,
    /// The first column.
    pub column: usize,
    /// The last line.
    pub end_line: usize,
    /// The column after the last character.
    pub end_column: usize,
}

impl Region {
    /// The region of `report`, when it points into a file.
    pub fn of(report: &Report<'_>) -> Option<Self> {
        let file = report.file?;
        let span = report.diagnostic.range()?;
        let (line, column) = file.line_col(span.start);
        let (end_line, end_column) = file.line_col(span.end);
        Some(Self {
            line,
            column,
            end_line,
            end_column,
        })
    }
}

/// Counts errors and warnings of `reports`: "2 errors, 1 warning".
pub fn count(reports: &[Report<'_>]) -> (usize, usize) {
    let errors = reports
        .iter()
        .filter(|report| report.diagnostic.severity == Severity::Error)
        .count();
    (errors, reports.len() - errors)
}

/// `n thing` or `n things`.
pub fn plural(count: usize, thing: &str) -> String {
    if count == 1 {
        format!("{count} {thing}")
    } else {
        format!("{count} {thing}s")
    }
}

/// A diagnostic for tools: positions are 1-based, columns count
/// characters, and the end is exclusive.
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'static str,
    severity: &'static str,
    message: &'a str,
    file: Option<&'a str>,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    label: Option<&'a str>,
    help: Option<&'a str>,
    notes: &'a [String],
}

impl<'a> From<&Report<'a>> for JsonDiagnostic<'a> {
    fn from(report: &Report<'a>) -> Self {
        let diagnostic = report.diagnostic;
        let region = Region::of(report);
        Self {
            code: diagnostic.code.id(),
            severity: match diagnostic.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            message: &diagnostic.message,
            file: report.file.map(SourceFile::name),
            line: region.map(|region| region.line),
            column: region.map(|region| region.column),
            end_line: region.map(|region| region.end_line),
            end_column: region.map(|region| region.end_column),
            label: diagnostic.label.as_deref(),
            help: diagnostic.help.as_deref(),
            notes: &diagnostic.notes,
        }
    }
}
