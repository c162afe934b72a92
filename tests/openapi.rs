//! The `utoipa` components of the spec in a document, through the
//! modifier, and the responses an operation refers to. That they are the
//! document `error-table export --format openapi` prints is tested with
//! the CLI, in `cli/tests/openapi.rs`.

// A test fails loudly by design: `expect` and indexing say where.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]
#![deny(warnings, clippy::pedantic)]

use utoipa::OpenApi as _;
use utoipa::openapi::RefOr;

error_table::include_error_table!("spec/errors.md");

#[test]
fn a_document_gets_the_responses_through_a_modifier() {
    const ERRORS: error_table::utoipa::ErrorResponses<ErrorCode> =
        error_table::utoipa::ErrorResponses::new();

    #[derive(utoipa::OpenApi)]
    #[openapi(modifiers(&ERRORS))]
    struct Api;

    let document = Api::openapi();
    let components = document.components.unwrap();
    assert_eq!(components.responses.len(), 6);
    assert_eq!(components.schemas.len(), 3);

    let responses = error_table::utoipa::responses::<ErrorCode>();
    let statuses: Vec<&String> = responses.responses.keys().collect();
    assert_eq!(statuses, ["400", "401", "403", "404", "429", "500"]);
    let RefOr::Ref(reference) = &responses.responses["404"] else {
        panic!("a reference");
    };
    assert_eq!(reference.ref_location, "#/components/responses/Error404");
    assert!(components.responses.contains_key("Error404"));
}

#[test]
fn the_modifier_is_default_for_a_code_enum_that_is_not() {
    let modifier = error_table::utoipa::ErrorResponses::<ErrorCode>::default();
    let mut document = utoipa::openapi::OpenApiBuilder::new().build();
    utoipa::Modify::modify(&modifier, &mut document);
    assert_eq!(document.components.unwrap().responses.len(), 6);
}
