//! `error-table explain`: what a diagnostic code means, an example and
//! the fix, as rustc's `--explain` does.

use error_table_codegen::{DiagnosticCode, codes};

use crate::report::{Fatal, Output, Status};

/// Say what a diagnostic code means, with an example and the fix.
#[derive(clap::Args)]
#[command(after_help = "\
Examples:
  error-table explain ET0304
  error-table explain --all > CODES.md     the list of every code, as in the docs

Exit codes: 0 explained, 2 no such code.")]
pub struct Args {
    /// The code, as shown in a diagnostic: `error[ET0304]: …`.
    #[arg(required_unless_present = "all")]
    code: Option<String>,
    /// Every code, as the Markdown page of the docs.
    #[arg(long, conflicts_with = "code")]
    all: bool,
}

pub fn run(args: &Args, output: &Output) -> Result<Status, Fatal> {
    let Some(id) = args.code.as_deref().filter(|_| !args.all) else {
        output.data(&codes::page());
        return Ok(Status::Clean);
    };
    let code = DiagnosticCode::from_id(id).ok_or_else(|| {
        Fatal::failed(
            DiagnosticCode::Usage,
            format!("`{id}` is not a diagnostic code"),
            "codes look like `ET0304`; `error-table explain --all` lists them",
        )
    })?;
    output.data(&code.explanation());
    Ok(Status::Clean)
}
