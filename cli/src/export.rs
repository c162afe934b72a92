//! `error-table export`: the table in other forms: JSON rows, CSV, and
//! OpenAPI components for the error responses.

use error_table::{WireFormat, openapi};
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
  error-table export spec/errors.md --format openapi --wire problem-details \
      --problem-type https://api.example.com/errors/

`--wire` and `--problem-type` are the macro's `wire` setting: the OpenAPI
components describe the body of that format.

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
    /// The wire format the OpenAPI components describe, as the macro's
    /// `wire` setting: `envelope` (with `metadata`), `plain-envelope` (the
    /// spec's three members) or `problem-details` (RFC 9457).
    #[arg(long, value_enum, default_value_t = Wire::Envelope)]
    wire: Wire,
    /// With `--wire problem-details`: the base URI of the problem types,
    /// each the base followed by its code (`about:blank` without it).
    #[arg(long, value_name = "URI")]
    problem_type: Option<String>,
    #[command(flatten)]
    table: TableArg,
}

/// `--wire`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Wire {
    Envelope,
    PlainEnvelope,
    ProblemDetails,
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
        Format::Openapi => {
            let Some(format) = wire_format(args) else {
                output.note("error: `--problem-type` needs `--wire problem-details`");
                return Ok(Status::Failed);
            };
            output.json(&openapi(rows, loaded.file.name(), format));
        }
    }
    Ok(Status::Clean)
}

/// The runtime's `WireFormat` of `--wire` and `--problem-type`; `None`
/// for a problem type without problem details.
fn wire_format(args: &Args) -> Option<WireFormat> {
    // The format holds a `&'static str`, as generated code writes it; one
    // base URI per run is leaked for it.
    let type_base = args
        .problem_type
        .clone()
        .map(|base| &*Box::leak(base.into_boxed_str()));
    match (args.wire, type_base) {
        (Wire::ProblemDetails, type_base) => Some(WireFormat::ProblemDetails { type_base }),
        (_, Some(_)) => None,
        (Wire::Envelope, None) => Some(WireFormat::Envelope),
        (Wire::PlainEnvelope, None) => Some(WireFormat::PlainEnvelope),
    }
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
fn openapi(rows: &[CheckedRow], source: &str, format: WireFormat) -> Document {
    let fields: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            row.fields
                .iter()
                .map(|field| field.ident.to_string())
                .collect()
        })
        .collect();
    let fields: Vec<Vec<&str>> = fields
        .iter()
        .map(|names| names.iter().map(String::as_str).collect())
        .collect();
    let rows = rows.iter().zip(&fields).map(|(checked, fields)| {
        let row = &checked.spec;
        let described = openapi::Row::new(&row.code.wire, row.status.value, &row.template.text)
            .with_fields(fields);
        match &row.section {
            Some(heading) => described.with_section(heading),
            None => described,
        }
    });
    Document {
        openapi: "3.1.0",
        info: Info {
            title: format!("Errors of {source}"),
            version: "1",
            description: format!("Generated by `error-table export {source} --format openapi`."),
        },
        components: openapi::components(rows, format),
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
