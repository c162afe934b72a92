//! `error-table tables`: every table of a page as the macro sees it, the
//! first thing to run when a page is not read as expected.

use std::fmt::Write as _;

use error_table_codegen::markdown;
use error_table_codegen::model::columns::{Mapped, Why};
use error_table_codegen::model::{self, Survey, TableReport};

use crate::input::{self, TableArg};
use crate::report::{self, Fatal, Output, Status};

/// List every table of a page: its line, its headers, how each column is
/// mapped, and which tables the macro reads and why.
#[derive(clap::Args)]
#[command(after_help = "\
Examples:
  error-table tables spec/errors.md
  error-table tables docs/errors.md --column code=\"S3 Code\" --tables all

Exit codes: 0 when the macro reads a table, 1 when it reads none, 2 usage
or I/O error.")]
pub struct Args {
    /// The Markdown file, or `REV:path` for a file of a Git revision.
    spec: String,
    #[command(flatten)]
    table: TableArg,
}

pub fn run(args: &Args, output: &Output) -> Result<Status, Fatal> {
    let file = input::read(&args.spec)?;
    let survey = model::survey(&file, &markdown::parse(&file), &args.table.settings());
    output.data(&render(file.name(), &survey));
    Ok(Status::problems_if(
        !survey.tables.iter().any(|table| table.read),
    ))
}

/// The survey as text, one block per table.
fn render(name: &str, survey: &Survey) -> String {
    let read: Vec<String> = survey
        .tables
        .iter()
        .filter(|table| table.read)
        .map(|table| table.number.to_string())
        .collect();
    let reads = match read.as_slice() {
        [] => "the macro reads no table".to_owned(),
        [one] => format!("the macro reads table {one}"),
        several => format!("the macro reads tables {}", several.join(", ")),
    };
    let mut text = format!(
        "{name}: {}; {reads}\n  which tables: {}\n",
        report::plural(survey.tables.len(), "table"),
        survey.rule
    );
    for table in &survey.tables {
        text.push('\n');
        text.push_str(&render_table(table));
    }
    if !survey.ignored.is_empty() {
        text.push('\n');
    }
    for (line, why) in &survey.ignored {
        let _ = writeln!(text, "line {line}: {why}");
    }
    text
}

/// `table 2, line 18, under `Errors`, 20 rows: read, because …` and a
/// line per column.
fn render_table(table: &TableReport) -> String {
    let under = table
        .heading
        .as_deref()
        .map(|heading| format!(", under `{heading}`"))
        .unwrap_or_default();
    let verdict = if table.read { "read" } else { "not read" };
    let mut text = format!(
        "table {}, line {}{under}, {}: {verdict}, {}\n",
        table.number,
        table.line,
        report::plural(table.rows, "row"),
        table.reason
    );
    let quoted: Vec<String> = table
        .headers
        .iter()
        .map(|header| format!("`{header}`"))
        .collect();
    let width = quoted.iter().map(|q| q.chars().count()).max().unwrap_or(0);
    for (header, mapped) in quoted.iter().zip(&table.mapping.columns) {
        let role = mapped.role.map_or("-", |role| role.as_str());
        let _ = writeln!(
            text,
            "  {header:width$}  {role:11}  {}",
            why(mapped, &table.headers)
        );
    }
    text
}

/// Why a column has its role, or none.
fn why(mapped: &Mapped, headers: &[String]) -> String {
    let header = |index: usize| headers.get(index).map_or("?", String::as_str);
    match mapped.why {
        Why::Setting => "named by the `columns` setting".to_owned(),
        Why::Word(word) => format!("the word `{word}`"),
        Why::DescriptionAsMessage => {
            "the word `description`, and no other column is the message".to_owned()
        }
        Why::Taken { role, by } => format!(
            "not read: a {role} word, but `{}` is the {role} column",
            header(by),
            role = role.as_str()
        ),
        Why::Ambiguous { role, with } => format!(
            "ambiguous: `{}` could be the {role} column too; say which with \
             `columns = {{ {role} = \"…\" }}`",
            header(with),
            role = role.as_str()
        ),
        Why::NoWord => "not read: its header has no word of a column".to_owned(),
    }
}
