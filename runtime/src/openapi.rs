//! The table's error responses as OpenAPI 3.1 components (feature
//! `openapi`), as JSON.
//!
//! The one builder of these shapes: `error-table export --format openapi`
//! writes what [`components`] gives for the rows of a Markdown table, and
//! the `utoipa` feature reads the same JSON into utoipa's types for the
//! generated code enum, so that the two cannot drift.
//!
//! The components describe the table's wire format ([`WireFormat`]):
//!
//! - schemas `ErrorCode` (a string enum of every code) and the body:
//!   `ErrorResponse` (the envelope) and `ErrorBody` (its `error` member,
//!   with `metadata` unless the format is the plain envelope), or
//!   `ProblemDetails` (RFC 9457, with the `code` and `metadata` extension
//!   members);
//! - one response per status, named `Error400`, `Error404`, …, of the
//!   format's media type: the body with its codes narrowed to those of the
//!   status, and an example per code whose message is the row's template
//!   and whose fields show their names (`"invalid_hash": "{invalid_hash}"`).
//!
//! A response is named by its number, not by its reason phrase
//! (`BadRequest`), so that its name neither reads like one of the codes
//! (many tables have a `BadRequest` or `NotFound` code) nor changes when a
//! phrase is renamed (413 is "Content Too Large" since RFC 9110, "Payload
//! Too Large" before); the phrase is in its description.
//!
//! ```
//! error_table::include_error_table!("doc/payments.md");
//! use error_table::WireFormat;
//! use error_table::openapi::{self, Row};
//!
//! let components = openapi::components(ErrorCode::ALL.iter().copied().map(Row::from), WireFormat::Envelope);
//! assert_eq!(
//!     components["responses"]["Error402"]["description"],
//!     "Payment Required: CARD_DECLINED",
//! );
//! assert_eq!(
//!     components["schemas"]["ErrorCode"]["enum"][0],
//!     "CARD_DECLINED",
//! );
//!
//! // Rows need not come from generated code.
//! let row = Row::new("Gone", 410, "The {item} is gone.").with_fields(&["item"]);
//! let gone = openapi::components([row], WireFormat::ProblemDetails { type_base: None });
//! assert_eq!(
//!     gone["responses"]["Error410"]["content"]["application/problem+json"]["examples"]["Gone"]
//!         ["value"]["metadata"]["item"],
//!     "{item}",
//! );
//! ```

use std::borrow::Cow;

use serde_json::{Map, Value, json};

use crate::{Code, Envelope, ErrorBody, Fields, Problem, WireFormat};

/// The `target` of every example: a correlation ID as a server makes them.
const EXAMPLE_TARGET: &str = "43f4cb08-8fac-4b65-9db1-745c2ae65f3a";

/// A row of an error table, as the OpenAPI components show it: its code,
/// its status, its message template, its fields and the heading of its
/// table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Row<'a> {
    code: &'a str,
    status: u16,
    template: &'a str,
    fields: &'a [&'a str],
    section: Option<&'a str>,
}

impl<'a> Row<'a> {
    /// The row of `code`, answered with `status`, whose message is
    /// `template` (with its `{placeholder}` holes), without fields.
    #[must_use]
    pub const fn new(code: &'a str, status: u16, template: &'a str) -> Self {
        Self {
            code,
            status,
            template,
            fields: &[],
            section: None,
        }
    }

    /// The same row with these fields, in the order of its message.
    #[must_use]
    pub const fn with_fields(self, fields: &'a [&'a str]) -> Self {
        Self { fields, ..self }
    }

    /// The same row under `heading`, the heading of its table when a page
    /// splits its errors over several: the `description` of its example,
    /// which OpenAPI tools show beside the example's summary.
    #[must_use]
    pub const fn with_section(self, heading: &'a str) -> Self {
        Self {
            section: Some(heading),
            ..self
        }
    }
}

impl<C: Code> From<C> for Row<'static> {
    fn from(code: C) -> Self {
        Self::new(code.as_str(), code.status(), code.template()).with_fields(code.field_names())
    }
}

/// The `components` of an OpenAPI 3.1 document for `rows`, in table order,
/// whose errors travel in `format`: `{"schemas": {…}, "responses": {…}}`.
#[must_use]
pub fn components<'a>(rows: impl IntoIterator<Item = Row<'a>>, format: WireFormat) -> Value {
    let rows: Vec<Row<'a>> = rows.into_iter().collect();
    let responses: Map<String, Value> = statuses(&rows)
        .into_iter()
        .map(|status| (response_name(status), response(&rows, status, format)))
        .collect();
    json!({
        "schemas": schemas(&rows, format),
        "responses": responses,
    })
}

/// The name of the response of `status` in `#/components/responses`.
pub(crate) fn response_name(status: u16) -> String {
    format!("Error{status}")
}

/// The statuses of `rows`, ascending, each once.
pub(crate) fn statuses(rows: &[Row<'_>]) -> Vec<u16> {
    let mut statuses: Vec<u16> = rows.iter().map(|row| row.status).collect();
    statuses.sort_unstable();
    statuses.dedup();
    statuses
}

/// `ErrorCode`, and the body: `ErrorResponse` holding an `ErrorBody`, or
/// `ProblemDetails`.
fn schemas(rows: &[Row<'_>], format: WireFormat) -> Value {
    let codes: Vec<&str> = rows.iter().map(|row| row.code).collect();
    let code = json!({
        "type": "string",
        "description": "The error code: what programs match on.",
        "enum": codes,
    });
    let metadata = json!({
        "type": "object",
        "description": "The values of the error's fields by field name, as the message shows them: read them here, not out of the message.",
        "additionalProperties": { "type": "string" },
    });
    match format {
        WireFormat::ProblemDetails { .. } => json!({
            "ErrorCode": code,
            "ProblemDetails": {
                "type": "object",
                "description": "RFC 9457 problem details.",
                "required": ["type", "status", "detail", "code", "metadata"],
                "properties": {
                    "type": { "type": "string", "format": "uri-reference", "description": "The kind of problem." },
                    "title": { "type": "string", "description": "The reason phrase of the status." },
                    "status": { "type": "integer", "description": "The HTTP status." },
                    "detail": { "type": "string", "description": "The message, for people." },
                    "instance": { "type": "string", "description": "The correlation ID of the failed request." },
                    "code": { "$ref": "#/components/schemas/ErrorCode" },
                    "metadata": metadata,
                },
            },
        }),
        WireFormat::Envelope | WireFormat::PlainEnvelope => {
            let mut required = vec!["code", "message"];
            let mut properties = Map::new();
            properties.insert(
                "code".to_owned(),
                json!({ "$ref": "#/components/schemas/ErrorCode" }),
            );
            properties.insert(
                "message".to_owned(),
                json!({ "type": "string", "description": "The message, for people." }),
            );
            properties.insert(
                "target".to_owned(),
                json!({
                    "type": "string",
                    "description": "The correlation ID of the failed request.",
                }),
            );
            if format.carries_fields() {
                required.push("metadata");
                properties.insert("metadata".to_owned(), metadata);
            }
            let body = json!({
                "type": "object",
                "required": required,
                "properties": properties,
            });
            json!({
                "ErrorCode": code,
                "ErrorResponse": {
                    "type": "object",
                    "required": ["error"],
                    "properties": { "error": { "$ref": "#/components/schemas/ErrorBody" } },
                },
                "ErrorBody": body,
            })
        }
    }
}

/// The response of one status: the body, its codes narrowed to those of
/// the status, and an example per code. Every schema object says its
/// `type`, which utoipa needs to read it back.
fn response(rows: &[Row<'_>], status: u16, format: WireFormat) -> Value {
    let rows: Vec<&Row<'_>> = rows.iter().filter(|row| row.status == status).collect();
    let codes: Vec<&str> = rows.iter().map(|row| row.code).collect();
    let examples: Map<String, Value> = rows
        .iter()
        .map(|row| (row.code.to_owned(), example(row, format)))
        .collect();
    let narrowed_code = json!({ "type": "string", "enum": codes });
    let schema = match format {
        WireFormat::ProblemDetails { .. } => json!({
            "allOf": [
                { "$ref": "#/components/schemas/ProblemDetails" },
                { "type": "object", "properties": { "code": narrowed_code } },
            ],
        }),
        WireFormat::Envelope | WireFormat::PlainEnvelope => json!({
            "allOf": [
                { "$ref": "#/components/schemas/ErrorResponse" },
                {
                    "type": "object",
                    "properties": {
                        "error": { "type": "object", "properties": { "code": narrowed_code } },
                    },
                },
            ],
        }),
    };
    let mut content = Map::new();
    content.insert(
        format.content_type().to_owned(),
        json!({ "schema": schema, "examples": examples }),
    );
    json!({
        "description": format!("{}: {}", reason(status), codes.join(", ")),
        "content": content,
    })
}

/// The example of a row, written as a server writes it: its message is
/// the template with each hole shown by its name (`{the invalid hash}`),
/// each field's value its field name in braces (`{invalid_hash}`).
fn example(row: &Row<'_>, format: WireFormat) -> Value {
    let fields: Fields<'_> = row
        .fields
        .iter()
        .map(|field| (*field, format!("{{{field}}}")))
        .collect();
    let value = match format {
        WireFormat::ProblemDetails { type_base } => serde_json::to_value(
            Problem::new(
                row.code,
                row.status,
                row.template.to_owned(),
                Some(EXAMPLE_TARGET),
            )
            .with_type_base(type_base)
            .with_metadata(fields),
        ),
        WireFormat::Envelope | WireFormat::PlainEnvelope => {
            let mut body =
                ErrorBody::new(row.code, Cow::Borrowed(row.template)).with_target(EXAMPLE_TARGET);
            if format.carries_fields() {
                body = body.with_metadata(fields);
            }
            serde_json::to_value(Envelope::from(body))
        }
    };
    // Strings and numbers always serialize.
    let mut example = json!({ "summary": row.template, "value": value.unwrap_or_default() });
    if let (Some(section), Some(members)) = (row.section, example.as_object_mut()) {
        members.insert("description".to_owned(), Value::from(section));
    }
    example
}

/// The reason phrase of `status` (`Bad Request`), or `HTTP 499` for a
/// status that has none.
fn reason(status: u16) -> String {
    crate::wire::reason_phrase(status).map_or_else(|| format!("HTTP {status}"), str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::{Row, components, reason};
    use crate::WireFormat;

    #[test]
    fn a_status_without_a_reason_phrase_is_named_by_its_number() {
        assert_eq!(reason(404), "Not Found");
        assert_eq!(reason(499), "HTTP 499");
        let components = components(
            [Row::new("ClientClosed", 499, "Closed.")],
            WireFormat::Envelope,
        );
        assert_eq!(
            components["responses"]["Error499"]["description"],
            "HTTP 499: ClientClosed"
        );
    }

    #[test]
    fn the_heading_of_a_row_is_the_description_of_its_example() {
        let rows = [
            Row::new("BucketMissing", 404, "No such bucket.").with_section("Bucket errors"),
            Row::new("KeyMissing", 404, "No such key."),
        ];
        let components = components(rows, WireFormat::Envelope);
        let examples =
            &components["responses"]["Error404"]["content"]["application/json"]["examples"];
        assert_eq!(examples["BucketMissing"]["description"], "Bucket errors");
        assert!(examples["KeyMissing"].get("description").is_none());
    }

    #[test]
    fn each_format_has_its_body_schema_media_type_and_examples() {
        let rows = [Row::new("Gone", 410, "The {item} is gone.").with_fields(&["item"])];
        let envelope = components(rows, WireFormat::Envelope);
        assert_eq!(
            envelope["schemas"]["ErrorBody"]["required"],
            serde_json::json!(["code", "message", "metadata"])
        );
        assert_eq!(
            envelope["responses"]["Error410"]["content"]["application/json"]["examples"]["Gone"]["value"]
                ["error"]["metadata"],
            serde_json::json!({"item": "{item}"})
        );
        let plain = components(rows, WireFormat::PlainEnvelope);
        assert!(plain["schemas"]["ErrorBody"]["properties"]["metadata"].is_null());
        let problem = components(
            rows,
            WireFormat::ProblemDetails {
                type_base: Some("https://e.example/errors/"),
            },
        );
        assert!(problem["schemas"]["ErrorBody"].is_null());
        let example = &problem["responses"]["Error410"]["content"]["application/problem+json"]["examples"]
            ["Gone"]["value"];
        assert_eq!(example["type"], "https://e.example/errors/Gone");
        assert_eq!(example["title"], "Gone");
        assert_eq!(example["detail"], "The {item} is gone.");
    }

    #[test]
    fn each_response_narrows_the_codes_to_those_of_its_status() {
        let components = components(
            [
                Row::new("A", 400, "a"),
                Row::new("B", 404, "b"),
                Row::new("C", 400, "c"),
            ],
            WireFormat::PlainEnvelope,
        );
        let narrowed = &components["responses"]["Error400"]["content"]["application/json"]["schema"]
            ["allOf"][1]["properties"]["error"]["properties"]["code"]["enum"];
        assert_eq!(narrowed, &serde_json::json!(["A", "C"]));
        assert_eq!(
            components["responses"]["Error400"]["description"],
            "Bad Request: A, C"
        );
        assert_eq!(
            components["schemas"]["ErrorCode"]["enum"],
            serde_json::json!(["A", "B", "C"])
        );
    }
}
