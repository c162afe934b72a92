//! The code generated for `spec/errors.md`, pinned. Review a change with
//! `cargo insta review` (or `INSTA_UPDATE=always`) and read the diff.

// A test fails loudly by design: `expect` and indexing say where.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]

use error_table_codegen::settings::Settings;
use error_table_codegen::{SourceFile, generate};

fn expand_file(path: &str, settings: &Settings) -> String {
    let base = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let file = SourceFile::read(base, path).expect("the spec is readable");
    let generated = generate(&file, settings);
    assert!(
        generated.diagnostics.is_empty(),
        "{:?}",
        generated.diagnostics
    );
    let syntax: syn::File = syn::parse2(generated.tokens).expect("the expansion parses as Rust");
    prettyplease::unparse(&syntax)
}

#[test]
fn expansion_of_the_spec() {
    insta::assert_snapshot!(expand_file("spec/errors.md", &Settings::default()));
}

#[test]
fn expansion_is_deterministic() {
    let settings = Settings::default();
    assert_eq!(
        expand_file("spec/errors.md", &settings),
        expand_file("spec/errors.md", &settings)
    );
}
