//! A translation of `spec/errors.md`: bytes in as the translated page,
//! checked against the canonical table as the `locales` setting does.
//!
//! Invariants, beyond "never panics": the canonical table stays free of
//! problems, every translation diagnostic points inside the translated
//! page (see `check.rs`), and the tokens, localized messages included, are
//! the same on a second run and parse as Rust.

#![no_main]

mod check;

use std::sync::LazyLock;

use error_table_codegen::settings::Settings;
use error_table_codegen::{SourceFile, generate_with_translations};
use libfuzzer_sys::fuzz_target;

static CANONICAL: LazyLock<SourceFile> = LazyLock::new(|| {
    SourceFile::from_bytes("errors.md", include_bytes!("../../spec/errors.md"))
        .expect("the spec is UTF-8")
});

fuzz_target!(|data: &[u8]| {
    // Invalid UTF-8 is the pipeline target's; here it ends before the
    // translation is compared.
    let Ok(translation) = SourceFile::from_bytes("errors.sv-SE.md", data) else {
        return;
    };
    let translations = std::slice::from_ref(&translation);
    let first = generate_with_translations(&CANONICAL, translations, &Settings::default());
    let second = generate_with_translations(&CANONICAL, translations, &Settings::default());
    assert!(first.diagnostics.is_empty(), "{:?}", first.diagnostics);
    let tokens = first.tokens.to_string();
    assert_eq!(
        tokens,
        second.tokens.to_string(),
        "tokens differ between runs"
    );
    // Compared as printed: a diagnostic may hold a token, which has no
    // equality; these all point into the translation.
    assert_eq!(
        format!("{:?}", first.translation_diagnostics),
        format!("{:?}", second.translation_diagnostics),
        "diagnostics differ between runs"
    );
    if let Err(error) = syn::parse2::<syn::File>(first.tokens) {
        panic!("generated tokens are not Rust: {error}\n{tokens}");
    }
    for diagnostic in first.translation_diagnostics.iter().flatten() {
        check::diagnostic(&translation, diagnostic);
    }
});
