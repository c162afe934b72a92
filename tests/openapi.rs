//! The `utoipa` components of the spec, built at run time from the
//! generated `ErrorCode`, say what `error-table export --format openapi`
//! says (its output is pinned by a snapshot of the CLI's tests).

// A test fails loudly by design: `expect` and indexing say where.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]
#![deny(warnings, clippy::pedantic)]

use serde_json::Value;
use utoipa::OpenApi as _;
use utoipa::openapi::RefOr;

error_table::include_error_table!("spec/errors.md");

/// The `components` of the CLI's export of `spec/errors.md`.
fn exported_components() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/cli/tests/snapshots/cli__export_as_openapi_gives_components.snap"
    );
    let snapshot = std::fs::read_to_string(path).unwrap();
    // After the snapshot's own front matter.
    let json = snapshot.splitn(3, "---\n").nth(2).unwrap();
    let document: Value = serde_json::from_str(json).unwrap();
    document["components"].clone()
}

#[test]
fn the_schemas_are_those_of_the_cli_export() {
    let components = serde_json::to_value(error_table::utoipa::components::<ErrorCode>()).unwrap();
    assert_eq!(components["schemas"], exported_components()["schemas"]);
}

#[test]
fn each_status_has_the_response_of_the_cli_export() {
    let components = serde_json::to_value(error_table::utoipa::components::<ErrorCode>()).unwrap();
    let exported = exported_components();
    let contents = |responses: &Value| {
        let mut contents: Vec<String> = responses
            .as_object()
            .unwrap()
            .values()
            .map(|response| response["content"].to_string())
            .collect();
        contents.sort();
        contents
    };
    assert_eq!(
        contents(&components["responses"]),
        contents(&exported["responses"])
    );
    let names: Vec<&String> = components["responses"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(
        names,
        [
            "Error400", "Error401", "Error403", "Error404", "Error429", "Error500"
        ]
    );
    assert_eq!(
        components["responses"]["Error403"]["description"],
        "HTTP 403: Forbidden, DisabledFeature, DisallowedOperation"
    );
}

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
}
