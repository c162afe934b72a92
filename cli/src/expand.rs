//! `error-table expand`: the Rust code the macro generates, formatted.

use error_table_codegen::readable::doc_line_per_attribute;
use error_table_codegen::{DiagnosticCode, SourceFile};
use syn::Ident;

use crate::input::{self, TableArg};
use crate::report::{self, Fatal, Format, Output, Status};

/// Print the Rust code that the macro generates for a spec, formatted.
#[derive(clap::Args)]
#[command(after_help = "\
Examples:
  error-table expand spec/errors.md
  error-table expand spec/errors.md --error ApiError --code ApiErrorCode
  error-table expand docs/api.md --table \"Error codes\"
  error-table expand spec/errors.md --locale 'spec/errors.*.md'

Rows with errors are left out, as in the build, and so are translated
messages that do not match their row; the diagnostics go to stderr and
the exit code is 1.")]
pub struct Args {
    /// The Markdown file, or `REV:path` for a file of a Git revision.
    spec: String,
    /// Name of the enum with fields, as the macro's `error` setting.
    #[arg(long, value_name = "NAME", default_value = "Error", value_parser = parse_ident)]
    error: String,
    /// Name of the fieldless enum, as the macro's `code` setting.
    #[arg(long, value_name = "NAME", default_value = "ErrorCode", value_parser = parse_ident)]
    code: String,
    /// Translations whose messages the code holds, as the macro's
    /// `locales` setting: files or glob patterns; repeat the option for
    /// more.
    #[arg(long = "locale", value_name = "FILE|GLOB")]
    locales: Vec<String>,
    #[command(flatten)]
    table: TableArg,
}

/// Checks a name here, so that a bad one is a usage error; clap needs a
/// `Send` value, which `Ident` is not.
fn parse_ident(value: &str) -> Result<String, String> {
    ident(value).map(|_| value.to_owned())
}

fn ident(value: &str) -> Result<Ident, String> {
    syn::parse_str::<Ident>(value).map_err(|_| format!("`{value}` is not a Rust identifier"))
}

fn usage(message: String) -> Fatal {
    Fatal::failed(
        DiagnosticCode::Usage,
        message,
        "name the enum with a Rust identifier, such as `ApiError`",
    )
}

pub fn run(args: &Args, output: &Output) -> Result<Status, Fatal> {
    if args.error == args.code {
        return Err(Fatal::failed(
            DiagnosticCode::Usage,
            "`--error` and `--code` name the same enum",
            "give them different names",
        ));
    }
    let mut settings = args.table.settings();
    settings.error_name = ident(&args.error).map_err(usage)?;
    settings.code_name = ident(&args.code).map_err(usage)?;
    let loaded = input::load_with_translations(&args.spec, &args.locales, &settings)?;
    let names: Vec<&str> = loaded.files().map(SourceFile::name).collect();
    let reports = loaded.reports();
    output.diagnostics(&names, &reports, Format::Human);
    let syntax: syn::File = syn::parse2(doc_line_per_attribute(loaded.generated.tokens.clone()))
        .map_err(|error| {
            Fatal::failed(
                DiagnosticCode::Internal,
                format!("the generated code does not parse as Rust: {error}"),
                "this is a bug in error-table; please report it with the spec",
            )
        })?;
    output.data(&prettyplease::unparse(&syntax));
    // A translation's errors fail the build too.
    let (errors, _) = report::count(&reports);
    Ok(Status::problems_if(errors > 0))
}
