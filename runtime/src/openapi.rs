//! The table's error responses as OpenAPI 3.1 components (feature
//! `openapi`), as JSON.
//!
//! The one builder of these shapes: `error-table export --format openapi`
//! writes what [`components`] gives for the rows of a Markdown table, and
//! the `utoipa` feature reads the same JSON into utoipa's types for the
//! generated code enum, so that the two cannot drift.
//!
//! - schemas `ErrorCode` (a string enum of every code), `ErrorResponse`
//!   (the envelope) and `ErrorBody` (its `error` member);
//! - one response per status, named `Error400`, `Error404`, …: the
//!   envelope with its codes narrowed to those of the status, and an
//!   example per code whose message is the row's template.
//!
//! A response is named by its number, not by its reason phrase
//! (`BadRequest`), so that its name neither reads like one of the codes
//! (many tables have a `BadRequest` or `NotFound` code) nor changes when a
//! phrase is renamed (413 is "Content Too Large" since RFC 9110, "Payload
//! Too Large" before); the phrase is in its description.
//!
//! ```
//! error_table::include_error_table!("doc/payments.md");
//! use error_table::openapi::{self, Row};
//!
//! let components = openapi::components(ErrorCode::ALL.iter().copied().map(Row::from));
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
//! let gone = openapi::components([Row::new("Gone", 410, "The {item} is gone.")]);
//! assert_eq!(
//!     gone["responses"]["Error410"]["content"]["application/json"]["examples"]["Gone"]
//!         ["value"]["error"]["message"],
//!     "The {item} is gone.",
//! );
//! ```

use serde_json::{Map, Value, json};

use crate::Code;

/// The `target` of every example: a correlation ID as a server makes them.
const EXAMPLE_TARGET: &str = "43f4cb08-8fac-4b65-9db1-745c2ae65f3a";

/// A row of an error table, as the OpenAPI components show it: its code,
/// its status and its message template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Row<'a> {
    code: &'a str,
    status: u16,
    template: &'a str,
}

impl<'a> Row<'a> {
    /// The row of `code`, answered with `status`, whose message is
    /// `template` (with its `{placeholder}` holes).
    #[must_use]
    pub const fn new(code: &'a str, status: u16, template: &'a str) -> Self {
        Self {
            code,
            status,
            template,
        }
    }
}

impl<C: Code> From<C> for Row<'static> {
    fn from(code: C) -> Self {
        Self::new(code.as_str(), code.status(), code.template())
    }
}

/// The `components` of an OpenAPI 3.1 document for `rows`, in table order:
/// `{"schemas": {…}, "responses": {…}}`.
#[must_use]
pub fn components<'a>(rows: impl IntoIterator<Item = Row<'a>>) -> Value {
    let rows: Vec<Row<'a>> = rows.into_iter().collect();
    let responses: Map<String, Value> = statuses(&rows)
        .into_iter()
        .map(|status| (response_name(status), response(&rows, status)))
        .collect();
    json!({
        "schemas": schemas(&rows),
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

/// `ErrorCode`, and the envelope: `ErrorResponse` holding an `ErrorBody`.
fn schemas(rows: &[Row<'_>]) -> Value {
    let codes: Vec<&str> = rows.iter().map(|row| row.code).collect();
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
/// of the status, and an example per code. Every schema object says its
/// `type`, which utoipa needs to read it back.
fn response(rows: &[Row<'_>], status: u16) -> Value {
    let rows: Vec<&Row<'_>> = rows.iter().filter(|row| row.status == status).collect();
    let codes: Vec<&str> = rows.iter().map(|row| row.code).collect();
    let examples: Map<String, Value> = rows
        .iter()
        .map(|row| (row.code.to_owned(), example(row)))
        .collect();
    json!({
        "description": format!("{}: {}", reason(status), codes.join(", ")),
        "content": {
            "application/json": {
                "schema": {
                    "allOf": [
                        { "$ref": "#/components/schemas/ErrorResponse" },
                        {
                            "type": "object",
                            "properties": {
                                "error": {
                                    "type": "object",
                                    "properties": { "code": { "type": "string", "enum": codes } },
                                },
                            },
                        },
                    ],
                },
                "examples": examples,
            },
        },
    })
}

/// The example of a row: its envelope, whose message is the template with
/// each hole shown by its name, as `{the invalid hash}`.
fn example(row: &Row<'_>) -> Value {
    json!({
        "summary": row.template,
        "value": {
            "error": {
                "code": row.code,
                "message": row.template,
                "target": EXAMPLE_TARGET,
            },
        },
    })
}

/// The reason phrase of `status` (`Bad Request`), or `HTTP 499` for a
/// status that has none.
fn reason(status: u16) -> String {
    crate::wire::reason_phrase(status).map_or_else(|| format!("HTTP {status}"), str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::{Row, components, reason};

    #[test]
    fn a_status_without_a_reason_phrase_is_named_by_its_number() {
        assert_eq!(reason(404), "Not Found");
        assert_eq!(reason(499), "HTTP 499");
        let components = components([Row::new("ClientClosed", 499, "Closed.")]);
        assert_eq!(
            components["responses"]["Error499"]["description"],
            "HTTP 499: ClientClosed"
        );
    }

    #[test]
    fn each_response_narrows_the_codes_to_those_of_its_status() {
        let components = components([
            Row::new("A", 400, "a"),
            Row::new("B", 404, "b"),
            Row::new("C", 400, "c"),
        ]);
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
