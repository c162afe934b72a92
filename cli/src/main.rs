//! `error-table`: the checks of `include_error_table!` outside the build,
//! for a docs repository's CI, a pre-commit hook or a technical writer who
//! never compiles Rust; plus the contract lockfile, diffs between two
//! versions of a table, the generated Rust, exports, and a survey of the
//! tables of a page.
//!
//! Every subcommand runs the same pipeline as the macro
//! (`error-table-codegen`); there is no second parser.
//!
//! Exit codes: 0 when all is well, 1 when the table has errors (or a diff
//! has the changes `--fail-on` names, or `lock --check` finds the lockfile
//! out of date), 2 for a usage error or a file that cannot be read.

mod check;
mod diff;
mod expand;
mod explain;
mod export;
mod github;
mod input;
mod junit;
mod lock;
mod report;
mod sarif;
mod tables;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::report::{ColorChoice, Output};

const EXAMPLES: &str = "\
Examples:
  error-table check spec/errors.md                 every problem, with the line it is on
  error-table check spec/errors.md --format json   the same, for tools
  error-table lock spec/errors.md                  pin codes, statuses and placeholders
  error-table lock --check spec/errors.md          fail when the lockfile is out of date
  error-table diff HEAD:spec/errors.md spec/errors.md
                                                   what changed since the last commit
  error-table expand spec/errors.md                the Rust code the macro generates
  error-table export spec/errors.md --format openapi
  error-table tables docs/errors.md                every table, its columns, which are read and why
  error-table explain ET0304                       what a diagnostic code means, and the fix

Exit codes: 0 all well, 1 errors in the table, breaking changes (`diff`) or a
lockfile out of date (`lock --check`), 2 usage or I/O error.";

/// Check, lock, diff, expand and export the error table of a Markdown
/// page, as `error_table::include_error_table!` reads it, and survey the
/// tables of a page.
#[derive(Parser)]
#[command(name = "error-table", version, after_help = EXAMPLES)]
struct Cli {
    /// When to colour diagnostics: `auto` colours them on a terminal
    /// unless `NO_COLOR` is set.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    color: ColorChoice,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Check(check::Args),
    Lock(lock::Args),
    Diff(diff::Args),
    Expand(expand::Args),
    Export(export::Args),
    Tables(tables::Args),
    Explain(explain::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let output = Output::new(cli.color);
    let result = match &cli.command {
        Command::Check(args) => check::run(args, &output),
        Command::Lock(args) => lock::run(args, &output),
        Command::Diff(args) => diff::run(args, &output),
        Command::Expand(args) => expand::run(args, &output),
        Command::Export(args) => export::run(args, &output),
        Command::Tables(args) => tables::run(args, &output),
        Command::Explain(args) => explain::run(args, &output),
    };
    let status = result.unwrap_or_else(|fatal| output.fatal(&fatal));
    ExitCode::from(status as u8)
}
