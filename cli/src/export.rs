//! `error-table export`: the table in other forms: JSON rows, CSV, and
//! OpenAPI components for the error responses.

use error_table::openapi;
use error_table_codegen::validate::CheckedRow;
use serde::Serialize;
use serde_json::Value;

use crate::input::{self, TableArg};
use crate::report::{Fatal, Format as DiagnosticFormat, Output, Report, Status};

/// Print the error table as JSON, CSV or OpenAPI 3.1 components.
#[derive(clap::Args)]
#[command(after_help = "\
Examples:
  error-table export spec/errors.md --format json > errors.json
  error-table export spec/errors.md --format csv > errors.csv
  error-table export spec/errors.md --format openapi > errors.openapi.json

A table with errors is not exported: the diagnostics go to stderr and the
exit code is 1.")]
pub struct Args {
    /// The Markdown file, or `REV:path` for a file of a Git revision.
    spec: String,
    /// `json`: an array of rows; `csv`: one line per row; `openapi`: an
    /// OpenAPI 3.1 document whose `components` hold the code enum, the
    /// envelope schema and one response per status.
    #[arg(long, value_enum)]
    format: Format,
    #[command(flatten)]
    table: TableArg,
}

/// `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Json,
    Csv,
    Openapi,
}

pub fn run(args: &Args, output: &Output) -> Result<Status, Fatal> {
    let loaded = input::load(&args.spec, &args.table.settings())?;
    let reports = Report::all(&loaded.generated.diagnostics, Some(&loaded.file));
    output.diagnostics(&[loaded.file.name()], &reports, DiagnosticFormat::Human);
    if loaded.has_errors() {
        // An export without the rows that have errors would look complete.
        output.note(&format!(
            "error: `{}` has errors; nothing exported",
            loaded.file.name()
        ));
        return Ok(Status::Problems);
    }
    let rows = &loaded.generated.checked.rows;
    match args.format {
        Format::Json => output.json(&rows.iter().map(JsonRow::from).collect::<Vec<_>>()),
        Format::Csv => match csv(rows) {
            Ok(text) => output.data(&text),
            Err(error) => output.note(&format!("error: cannot write CSV: {error}")),
        },
        Format::Openapi => output.json(&openapi(rows, loaded.file.name())),
    }
    Ok(Status::Clean)
}

/// A row of the table for other tools.
#[derive(Serialize)]
struct JsonRow<'a> {
    code: &'a str,
    status: u16,
    message: &'a str,
    placeholders: Vec<JsonPlaceholder<'a>>,
    description: Option<&'a str>,
    /// The heading of the row's table, when the `tables` setting reads
    /// several.
    #[serde(skip_serializing_if = "Option::is_none")]
    section: Option<&'a str>,
}

/// A `{placeholder}` and the field it becomes.
#[derive(Serialize)]
struct JsonPlaceholder<'a> {
    name: &'a str,
    field: &'a str,
}

impl<'a> From<&'a CheckedRow> for JsonRow<'a> {
    fn from(checked: &'a CheckedRow) -> Self {
        let row = &checked.spec;
        Self {
            code: &row.code.wire,
            status: row.status.value,
            message: &row.template.text,
            placeholders: row
                .template
                .placeholders()
                .map(|placeholder| JsonPlaceholder {
                    name: &placeholder.name,
                    field: &placeholder.field,
                })
                .collect(),
            description: row.description.as_deref(),
            section: row.section.as_deref(),
        }
    }
}

/// A row of the table as a CSV record: `fields` holds the placeholder
/// fields, separated by spaces.
#[derive(Serialize)]
struct CsvRow<'a> {
    code: &'a str,
    status: u16,
    message: &'a str,
    fields: String,
    description: Option<&'a str>,
    section: Option<&'a str>,
}

impl<'a> From<&'a CheckedRow> for CsvRow<'a> {
    fn from(checked: &'a CheckedRow) -> Self {
        let row = &checked.spec;
        let fields: Vec<&str> = row
            .template
            .placeholders()
            .map(|placeholder| placeholder.field.as_str())
            .collect();
        Self {
            code: &row.code.wire,
            status: row.status.value,
            message: &row.template.text,
            fields: fields.join(" "),
            description: row.description.as_deref(),
            section: row.section.as_deref(),
        }
    }
}

/// CSV with a header, quoted as RFC 4180 says where a cell must be, and
/// `\n` line ends.
fn csv(rows: &[CheckedRow]) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        writer.serialize(CsvRow::from(row))?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|error| csv::Error::from(error.into_error()))?;
    // Every cell is a `str`, so the bytes are UTF-8.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// An OpenAPI 3.1 document with only `components`, those of
/// [`error_table::openapi`]: schemas `ErrorCode`, `ErrorResponse` and
/// `ErrorBody`, and one response per status, with an example per code.
fn openapi(rows: &[CheckedRow], source: &str) -> Document {
    let rows = rows.iter().map(|checked| {
        let row = &checked.spec;
        openapi::Row::new(&row.code.wire, row.status.value, &row.template.text)
    });
    Document {
        openapi: "3.1.0",
        info: Info {
            title: format!("Errors of {source}"),
            version: "1",
            description: format!("Generated by `error-table export {source} --format openapi`."),
        },
        components: openapi::components(rows),
    }
}

/// An OpenAPI document, its fields in the order people expect to read
/// them (a `serde_json::Map` would sort them).
#[derive(Serialize)]
struct Document {
    openapi: &'static str,
    info: Info,
    components: Value,
}

#[derive(Serialize)]
struct Info {
    title: String,
    version: &'static str,
    description: String,
}
