//! `error-table export --format openapi` and the runtime's `utoipa`
//! components, built at run time from the generated `ErrorCode`, give the
//! same document for `spec/errors.md`: the CLI's output against utoipa's
//! types serialized, both from the one builder, `error_table::openapi`.

// A test fails loudly by design: `expect` and indexing say where.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]
#![deny(warnings, clippy::pedantic)]

use std::path::Path;
use std::process::Command;

use serde_json::Value;

error_table::include_error_table!("../spec/errors.md");

/// The `components` that `error-table export spec/errors.md --format
/// openapi` prints, with the `wire` arguments of `wire`.
fn exported_components_with(wire: &[&str]) -> Value {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace holds the cli crate");
    let output = Command::new(env!("CARGO_BIN_EXE_error-table"))
        .args(["export", "spec/errors.md", "--format", "openapi"])
        .args(wire)
        .current_dir(workspace)
        .output()
        .expect("the binary runs");
    assert!(output.status.success(), "{output:?}");
    let document: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    document["components"].clone()
}

/// The `components` of the default wire format.
fn exported_components() -> Value {
    exported_components_with(&[])
}

mod plain {
    error_table::include_error_table!("../spec/errors.md", wire = plain_envelope);
}

mod problem {
    error_table::include_error_table!(
        "../spec/errors.md",
        wire = problem_details("https://api.example.com/errors/"),
    );
}

#[test]
fn each_wire_format_is_described_alike_by_the_cli_and_utoipa() {
    let utoipa = serde_json::to_value(error_table::utoipa::components::<plain::ErrorCode>());
    let exported = exported_components_with(&["--wire", "plain-envelope"]);
    assert_eq!(utoipa.unwrap(), exported);
    assert!(exported["schemas"]["ErrorBody"]["properties"]["metadata"].is_null());

    let utoipa = serde_json::to_value(error_table::utoipa::components::<problem::ErrorCode>());
    let exported = exported_components_with(&[
        "--wire",
        "problem-details",
        "--problem-type",
        "https://api.example.com/errors/",
    ]);
    assert_eq!(utoipa.unwrap(), exported);
    let example = &exported["responses"]["Error400"]["content"]["application/problem+json"]["examples"]
        ["InvalidHashValue"]["value"];
    assert_eq!(
        example["type"],
        "https://api.example.com/errors/InvalidHashValue"
    );
    assert_eq!(example["metadata"]["invalid_hash"], "{invalid_hash}");
}

#[test]
fn the_utoipa_components_are_the_cli_export() {
    let exported = exported_components();
    let utoipa = serde_json::to_value(error_table::utoipa::components::<ErrorCode>()).unwrap();
    // Whole documents, so that a member utoipa drops or adds shows here.
    assert_eq!(utoipa, exported);
    let names: Vec<&String> = exported["responses"].as_object().unwrap().keys().collect();
    assert_eq!(
        names,
        [
            "Error400", "Error401", "Error403", "Error404", "Error429", "Error500"
        ]
    );
    assert_eq!(
        exported["responses"]["Error403"]["description"],
        "Forbidden: Forbidden, DisabledFeature, DisallowedOperation"
    );
}
