//! The table's error responses as OpenAPI 3.1 components for
//! [`utoipa`](https://docs.rs/utoipa) (feature `utoipa`).
//!
//! The components of [`crate::openapi`] for the generated code enum, read
//! into utoipa's types: the same document as `error-table export --format
//! openapi`, built at run time, so that the API docs a service serves list
//! exactly the errors it returns. Responses are named `Error400`,
//! `Error404`, …; [`responses`] refers an operation to them.
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

use ::utoipa::openapi::{Components, OpenApi, Ref, RefOr, Responses};

use crate::Code;
use crate::openapi::{Row, response_name, statuses};

/// The schemas of the body and the code enum, and one response per
/// status, of the table of `C` in its wire format:
/// [`crate::openapi::components`] as utoipa's types.
#[must_use]
pub fn components<C: Code>() -> Components {
    let json = crate::openapi::components(rows::<C>(), C::WIRE);
    // The builder writes only shapes that utoipa reads (each schema object
    // with its `type`), from strings and numbers; `tests/openapi.rs` of
    // the CLI reads the whole document back for a table.
    serde_json::from_value(json).unwrap_or_default()
}

/// For an operation: each status of the table, referring to its response
/// in [`components`] (`"404"` → `#/components/responses/Error404`).
#[must_use]
pub fn responses<C: Code>() -> Responses {
    let rows: Vec<Row<'static>> = rows::<C>().collect();
    let mut responses = Responses::new();
    responses.responses = statuses(&rows)
        .into_iter()
        .map(|status| {
            let reference = Ref::from_response_name(response_name(status));
            (status.to_string(), RefOr::Ref(reference))
        })
        .collect();
    responses
}

/// The rows of the table of `C`.
fn rows<C: Code>() -> impl Iterator<Item = Row<'static>> {
    C::ALL.iter().copied().map(Row::from)
}

/// A `utoipa::Modify` that adds the [`components`] of the table of `C` to
/// a document, for `#[openapi(modifiers(&ErrorResponses::<ErrorCode>::new()))]`.
#[derive(Debug, Clone, Copy)]
pub struct ErrorResponses<C>(PhantomData<C>);

impl<C> ErrorResponses<C> {
    /// The modifier.
    #[must_use]
    pub const fn new() -> Self {
        Self(PhantomData)
    }
}

// By hand: the derive would ask for `C: Default`, which no code enum is.
impl<C> Default for ErrorResponses<C> {
    fn default() -> Self {
        Self::new()
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
