//! `error-table check`: every diagnostic the build would report.

use std::path::Path;

use error_table_codegen::SourceFile;
use error_table_codegen::contract::LockCheck;
use error_table_codegen::lint;
use error_table_codegen::lints::Lints;

use crate::input::{self, LintArgs, Loaded, TableArg};
use crate::report::{self, Fatal, Format, Output, Report, Status};

/// Report every problem of a spec, as the build does.
///
/// Each diagnostic names the file, line and column and shows the line.
#[derive(clap::Args)]
#[command(after_help = "\
Examples:
  error-table check spec/errors.md
  error-table check spec/errors.md --lock spec/errors.lock
  error-table check spec/errors.md --locale 'spec/errors.*.md'
  error-table check spec/errors.md --format json | jq '.[].message'
  error-table check spec/errors.md --format github     annotations in a GitHub Actions job
  error-table check spec/errors.md --format sarif > errors.sarif
  error-table check HEAD:spec/errors.md
  error-table check spec/errors.md --locale 'spec/errors.*.md' -D ET0610 -A ET0611
  error-table check spec/errors.md --deny-warnings

`-D`, `-W` and `-A` set a diagnostic code to error, warning or off, as the
macro's `lints = { ET0610 = error }` does; `error-table explain CODE` says
what a code means.

Exit codes: 0 no errors (warnings allowed, unless --deny-warnings), 1 errors,
2 usage or I/O error.")]
pub struct Args {
    /// The Markdown file, or `REV:path` for a file of a Git revision.
    spec: String,
    /// Also check the table against this contract lockfile, as the
    /// macro's `lock` setting does.
    #[arg(long, value_name = "FILE")]
    lock: Option<String>,
    /// Translations to check against the spec, as the macro's `locales`
    /// setting does: files or glob patterns; repeat the option for more.
    #[arg(long = "locale", value_name = "FILE|GLOB")]
    locales: Vec<String>,
    #[command(flatten)]
    table: TableArg,
    #[command(flatten)]
    lints: LintArgs,
    /// Report every warning as an error, so that warnings fail the run.
    #[arg(long)]
    deny_warnings: bool,
    /// `human`: rendered with the source line, on stderr; `json`: an array
    /// of objects on stdout, with the code, severity, message, file, start
    /// and end line and column, label, help and notes of each; `sarif`,
    /// `github` (workflow commands) and `junit`: for CI, on stdout.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
}

pub fn run(args: &Args, output: &Output) -> Result<Status, Fatal> {
    let mut settings = args.table.settings();
    args.lints.apply_to(&mut settings.lints);
    settings.lints.deny_warnings = args.deny_warnings;
    let loaded = match input::load_with_translations(&args.spec, &args.locales, &settings) {
        Ok(loaded) => loaded,
        // For tools, even a file that cannot be read is reported in
        // their format, so that a tool reading stdout sees why.
        Err(fatal) if args.format != Format::Human => {
            let report = Report {
                diagnostic: &fatal.diagnostic,
                file: fatal.file.as_deref(),
            };
            output.diagnostics(&[args.spec.as_str()], &[report], args.format);
            return Ok(fatal.status);
        }
        Err(fatal) => return Err(fatal),
    };
    let lock_check = args
        .lock
        .as_deref()
        .map(|lock| check_lock(lock, &loaded, &settings.lints));
    let page_lints: Vec<Vec<_>> = loaded
        .files()
        .map(|file| {
            settings
                .lints
                .apply(lint::check(file, &loaded.generated.checked))
        })
        .collect();
    let mut reports = loaded.reports();
    for (file, diagnostics) in loaded.files().zip(&page_lints) {
        reports.extend(Report::all(diagnostics, Some(file)));
    }
    if let Some(lock_check) = &lock_check {
        let lock_file = lock_check.lock_file.as_ref();
        reports.extend(Report::all(&lock_check.lock_problems, lock_file));
        reports.extend(Report::all(&lock_check.broken, Some(&loaded.file)));
    }
    let mut checked: Vec<&str> = loaded.files().map(SourceFile::name).collect();
    if let Some(lock) = lock_check
        .as_ref()
        .and_then(|check| check.lock_file.as_ref())
    {
        checked.push(lock.name());
    }
    output.diagnostics(&checked, &reports, args.format);
    let (errors, warnings) = report::count(&reports);
    if args.format == Format::Human {
        output.note(&summary(&loaded, errors, warnings));
    }
    let unreadable_lock = lock_check
        .as_ref()
        .is_some_and(|lock_check| lock_check.lock_file.is_none());
    if unreadable_lock {
        return Ok(Status::Failed);
    }
    Ok(Status::problems_if(errors > 0))
}

/// The lockfile's check, as the macro's `lock` setting makes it.
fn check_lock(lock: &str, loaded: &Loaded, lints: &Lints) -> LockCheck {
    let read = SourceFile::read(Path::new(""), lock);
    let mut lock_check = loaded.generated.check_lock(&loaded.file, lock, read);
    lock_check.lock_problems = lints.apply(lock_check.lock_problems);
    lock_check.broken = lints.apply(lock_check.broken);
    if lock_check.lock_file.is_none() {
        // The macro's help says paths are relative to Cargo.toml; here
        // they are relative to where the command runs.
        for problem in &mut lock_check.lock_problems {
            problem.help = Some("the path is relative to the current directory".to_owned());
        }
    }
    lock_check
}

/// `spec/errors.md: 20 codes, no problems` or `spec/errors.md: 2 errors`.
fn summary(loaded: &Loaded, errors: usize, warnings: usize) -> String {
    let name = loaded.file.name();
    let codes = report::plural(loaded.generated.checked.rows.len(), "code");
    match (errors, warnings) {
        (0, 0) => format!("{name}: {codes}, no problems"),
        (0, _) => format!("{name}: {codes}, {}", report::plural(warnings, "warning")),
        (_, 0) => format!("{name}: {}", report::plural(errors, "error")),
        _ => format!(
            "{name}: {}, {}",
            report::plural(errors, "error"),
            report::plural(warnings, "warning")
        ),
    }
}
