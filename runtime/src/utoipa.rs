//! The table's error responses as OpenAPI 3.1 components for
//! [`utoipa`](https://docs.rs/utoipa) (feature `utoipa`).
//!
//! The same shapes as `error-table export --format openapi`, built at run
//! time from the generated code enum, so that the API docs a service
//! serves list exactly the errors it returns:
//!
//! - schemas `ErrorCode` (a string enum of every code), `ErrorResponse`
//!   (the envelope) and `ErrorBody` (its `error` member);
//! - one response per status, named `Error400`, `Error404`, …: the
//!   envelope with its codes narrowed to those of the status, and an
//!   example per code.
//!
//! ```
//! error_table::include_error_table!("doc/payments.md");
//! use utoipa::openapi::{InfoBuilder, OpenApiBuilder};
//!
//! let mut api = OpenApiBuilder::new()
//!     .info(InfoBuilder::new().title("Payments").version("1").build())
//!     .build();
//! utoipa::Modify::modify(&error_table::utoipa::ErrorResponses::<ErrorCode>::new(), &mut api);
//! let components = api.components.unwrap();
//! assert!(components.schemas.contains_key("ErrorCode"));
//! assert!(components.responses.contains_key("Error402"));
//!
//! // An operation refers to the responses of its statuses.
//! let responses = error_table::utoipa::responses::<ErrorCode>();
//! assert_eq!(responses.responses.len(), 5);
//! ```

use core::marker::PhantomData;
use std::collections::BTreeMap;

use ::utoipa::openapi::example::ExampleBuilder;
use ::utoipa::openapi::schema::{AllOfBuilder, ObjectBuilder, SchemaType};
use ::utoipa::openapi::{
    Components, ContentBuilder, OpenApi, Ref, RefOr, Response, ResponseBuilder, Responses, Schema,
};
use serde_json::json;

use crate::Code;

/// The schemas of the envelope and the code enum, and one response per
/// status, of the table of `C`.
#[must_use]
pub fn components<C: Code>() -> Components {
    let mut components = Components::new();
    components.schemas = schemas::<C>();
    components.responses = statuses::<C>()
        .into_iter()
        .map(|status| (response_name(status), RefOr::T(response::<C>(status))))
        .collect();
    components
}

/// For an operation: each status of the table, referring to its response
/// in [`components`] (`"404"` → `#/components/responses/Error404`).
#[must_use]
pub fn responses<C: Code>() -> Responses {
    let mut responses = Responses::new();
    responses.responses = statuses::<C>()
        .into_iter()
        .map(|status| {
            let reference = Ref::from_response_name(response_name(status));
            (status.to_string(), RefOr::Ref(reference))
        })
        .collect();
    responses
}

/// A `utoipa::Modify` that adds the [`components`] of the table of `C` to
/// a document, for `#[openapi(modifiers(&ErrorResponses::<ErrorCode>::new()))]`.
#[derive(Debug, Clone, Copy, Default)]
pub struct ErrorResponses<C>(PhantomData<C>);

impl<C> ErrorResponses<C> {
    /// The modifier.
    #[must_use]
    pub const fn new() -> Self {
        Self(PhantomData)
    }
}

impl<C: Code> ::utoipa::Modify for ErrorResponses<C> {
    fn modify(&self, openapi: &mut OpenApi) {
        let added = components::<C>();
        let components = openapi.components.get_or_insert_with(Components::new);
        components.schemas.extend(added.schemas);
        components.responses.extend(added.responses);
    }
}

/// The statuses of the table, ascending, each once.
fn statuses<C: Code>() -> Vec<u16> {
    let mut statuses: Vec<u16> = C::ALL.iter().map(|code| code.status()).collect();
    statuses.sort_unstable();
    statuses.dedup();
    statuses
}

fn response_name(status: u16) -> String {
    format!("Error{status}")
}

/// `ErrorCode`, and the envelope: `ErrorResponse` holding an `ErrorBody`.
fn schemas<C: Code>() -> BTreeMap<String, RefOr<Schema>> {
    let codes: Vec<&str> = C::ALL.iter().map(|code| code.as_str()).collect();
    let schemas = [
        (
            "ErrorCode",
            json!({
                "type": "string",
                "description": "The error code: what programs match on.",
                "enum": codes,
            }),
        ),
        (
            "ErrorResponse",
            json!({
                "type": "object",
                "required": ["error"],
                "properties": { "error": { "$ref": "#/components/schemas/ErrorBody" } },
            }),
        ),
        (
            "ErrorBody",
            json!({
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
            }),
        ),
    ];
    schemas
        .into_iter()
        .filter_map(|(name, schema)| {
            let schema: Schema = serde_json::from_value(schema).ok()?;
            Some((name.to_owned(), RefOr::T(schema)))
        })
        .collect()
}

/// The response of one status: the envelope, its codes narrowed to those
/// of the status, and an example per code whose message shows each hole by
/// its name (`{the invalid hash}`).
fn response<C: Code>(status: u16) -> Response {
    let codes: Vec<C> = C::ALL
        .iter()
        .copied()
        .filter(|code| code.status() == status)
        .collect();
    let names: Vec<&str> = codes.iter().map(|code| code.as_str()).collect();
    // Typeless objects: utoipa writes them without `type` but cannot read
    // them back from JSON, hence the builders.
    let typeless = || ObjectBuilder::new().schema_type(SchemaType::AnyValue);
    let narrowed = typeless().property(
        "error",
        typeless().property("code", typeless().enum_values(Some(names.iter().copied()))),
    );
    let schema = AllOfBuilder::new()
        .item(Ref::from_schema_name("ErrorResponse"))
        .item(narrowed);
    let examples = codes.iter().map(|code| {
        let value = json!({
            "error": {
                "code": code.as_str(),
                "message": code.template(),
                "target": "43f4cb08-8fac-4b65-9db1-745c2ae65f3a",
            },
        });
        let example = ExampleBuilder::new()
            .summary(code.template())
            .value(Some(value))
            .build();
        (code.as_str(), example)
    });
    let content = ContentBuilder::new()
        .schema(Some(schema))
        .examples_from_iter(examples)
        .build();
    ResponseBuilder::new()
        .description(format!("HTTP {status}: {}", names.join(", ")))
        .content("application/json", content)
        .build()
}
