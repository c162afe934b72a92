//! The code generated for `spec/errors.md`, for a table with a partial
//! translation and for one with retry delays, pinned. Review a change with
//! `cargo insta review` (or `INSTA_UPDATE=always`) and read the diff.

// A test fails loudly by design: `expect` and indexing say where.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]

use error_table_codegen::readable::doc_line_per_attribute;
use error_table_codegen::settings::Settings;
use error_table_codegen::{Severity, SourceFile, generate, generate_with_translations};

fn read(path: &str) -> SourceFile {
    let base = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    SourceFile::read(base, path).expect("the file is readable")
}

fn pretty(tokens: proc_macro2::TokenStream) -> String {
    let syntax: syn::File =
        syn::parse2(doc_line_per_attribute(tokens)).expect("the expansion parses as Rust");
    prettyplease::unparse(&syntax)
}

fn expand_file(path: &str, settings: &Settings) -> String {
    let generated = generate(&read(path), settings);
    assert!(
        generated.diagnostics.is_empty(),
        "{:?}",
        generated.diagnostics
    );
    pretty(generated.tokens)
}

#[test]
fn expansion_of_the_spec() {
    insta::assert_snapshot!(expand_file("spec/errors.md", &Settings::default()));
}

#[test]
fn expansion_with_retry_delays() {
    insta::assert_snapshot!(expand_file("tests/fixtures/retry.md", &Settings::default()));
}

#[test]
fn expansion_is_deterministic() {
    let settings = Settings::default();
    assert_eq!(
        expand_file("spec/errors.md", &settings),
        expand_file("spec/errors.md", &settings)
    );
}

#[test]
fn expansion_with_a_partial_translation() {
    let mut settings = Settings::default();
    settings.translation_policy.missing = Severity::Warning;
    let translation = read("tests/fixtures/translated.sv-SE.md");
    let generated = generate_with_translations(
        &read("tests/fixtures/translated.md"),
        &[translation],
        &settings,
    );
    assert!(
        generated.diagnostics.is_empty(),
        "{:?}",
        generated.diagnostics
    );
    let warnings: Vec<&str> = generated.translation_diagnostics[0]
        .iter()
        .map(|diagnostic| diagnostic.message.as_str())
        .collect();
    assert_eq!(warnings, ["the `sv-SE` translation has no row for `Gone`"]);
    insta::assert_snapshot!(pretty(generated.tokens));
}
