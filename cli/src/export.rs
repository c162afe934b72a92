//! `error-table export`: the table in other forms: JSON rows, CSV, and
//! OpenAPI components for the error responses.

use error_table_codegen::template::Segment;
use error_table_codegen::validate::CheckedRow;
use serde::Serialize;
use serde_json::{Map, Value, json};

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
    output.diagnostics(&reports, DiagnosticFormat::Human);
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

/// An OpenAPI 3.1 document with only `components`: schemas `ErrorCode`,
/// `ErrorResponse` and `ErrorBody`, and one response per status, with an
/// example per code.
fn openapi(rows: &[CheckedRow], source: &str) -> Document {
    let codes: Vec<&str> = rows.iter().map(|row| row.spec.code.wire.as_str()).collect();
    let mut statuses: Vec<u16> = rows.iter().map(|row| row.spec.status.value).collect();
    statuses.sort_unstable();
    statuses.dedup();
    let responses: Map<String, Value> = statuses
        .into_iter()
        .map(|status| (response_name(status), response(rows, status)))
        .collect();
    Document {
        openapi: "3.1.0",
        info: Info {
            title: format!("Errors of {source}"),
            version: "1",
            description: format!("Generated by `error-table export {source} --format openapi`."),
        },
        components: Components {
            schemas: schemas(&codes),
            responses,
        },
    }
}

/// An OpenAPI document, its fields in the order people expect to read
/// them (a `serde_json::Map` would sort them).
#[derive(Serialize)]
struct Document {
    openapi: &'static str,
    info: Info,
    components: Components,
}

#[derive(Serialize)]
struct Info {
    title: String,
    version: &'static str,
    description: String,
}

#[derive(Serialize)]
struct Components {
    schemas: Value,
    responses: Map<String, Value>,
}

/// `ErrorCode`, and the envelope: `ErrorResponse` holding an `ErrorBody`.
fn schemas(codes: &[&str]) -> Value {
    json!({
        "ErrorCode": {
            "type": "string",
            "description": "The error code: what programs match on.",
            "enum": codes,
        },
        "ErrorResponse": {
            "type": "object",
            "required": ["error"],
            "properties": { "error": { "$ref": "#/components/schemas/ErrorBody" } },
        },
        "ErrorBody": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {
                "code": { "$ref": "#/components/schemas/ErrorCode" },
                "message": { "type": "string", "description": "The message, for people." },
                "target": {
                    "type": "string",
                    "description": "The correlation ID of the failed request.",
                },
            },
        },
    })
}

/// The response of one status: the envelope, its codes narrowed to those
/// of the status, and an example per code.
fn response(rows: &[CheckedRow], status: u16) -> Value {
    let rows: Vec<&CheckedRow> = rows
        .iter()
        .filter(|row| row.spec.status.value == status)
        .collect();
    let codes: Vec<&str> = rows.iter().map(|row| row.spec.code.wire.as_str()).collect();
    let examples: Map<String, Value> = rows
        .iter()
        .map(|checked| {
            let row = &checked.spec;
            let example = json!({
                "summary": row.description.clone().unwrap_or_else(|| row.template.text.clone()),
                "value": {
                    "error": {
                        "code": row.code.wire,
                        "message": example_message(&row.template.segments),
                        "target": "43f4cb08-8fac-4b65-9db1-745c2ae65f3a",
                    },
                },
            });
            (row.code.wire.clone(), example)
        })
        .collect();
    let reason = reason(status).unwrap_or("Error");
    json!({
        "description": format!("{reason}: {}", codes.join(", ")),
        "content": {
            "application/json": {
                "schema": {
                    "allOf": [
                        { "$ref": "#/components/schemas/ErrorResponse" },
                        { "properties": { "error": { "properties": { "code": { "enum": codes } } } } },
                    ],
                },
                "examples": examples,
            },
        },
    })
}

/// The message with each hole shown by its name, as `{the invalid hash}`.
fn example_message(segments: &[Segment]) -> String {
    segments
        .iter()
        .map(|segment| match segment {
            Segment::Literal(text) => text.clone(),
            Segment::Placeholder(placeholder) => format!("{{{}}}", placeholder.name),
        })
        .collect()
}

/// `BadRequest` for 400: the reason phrase in `UpperCamelCase`, or
/// `Status499`; OpenAPI component names allow only `[A-Za-z0-9._-]`.
fn response_name(status: u16) -> String {
    let Some(reason) = reason(status) else {
        return format!("Status{status}");
    };
    reason
        .replace('\'', "")
        .split([' ', '-'])
        .flat_map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|first| first.to_ascii_uppercase())
                .into_iter()
                .chain(chars)
        })
        .collect()
}

/// The reason phrase of a status in the IANA HTTP status code registry.
fn reason(status: u16) -> Option<&'static str> {
    Some(match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        407 => "Proxy Authentication Required",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "Length Required",
        412 => "Precondition Failed",
        413 => "Content Too Large",
        414 => "URI Too Long",
        415 => "Unsupported Media Type",
        416 => "Range Not Satisfiable",
        417 => "Expectation Failed",
        418 => "I'm a teapot",
        421 => "Misdirected Request",
        422 => "Unprocessable Content",
        423 => "Locked",
        424 => "Failed Dependency",
        425 => "Too Early",
        426 => "Upgrade Required",
        428 => "Precondition Required",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        451 => "Unavailable For Legal Reasons",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        506 => "Variant Also Negotiates",
        507 => "Insufficient Storage",
        508 => "Loop Detected",
        511 => "Network Authentication Required",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn response_names_are_reason_phrases_without_spaces() {
        assert_eq!(response_name(400), "BadRequest");
        assert_eq!(response_name(418), "ImATeapot");
        assert_eq!(response_name(499), "Status499");
    }
}
