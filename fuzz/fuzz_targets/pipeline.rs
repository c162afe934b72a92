//! Bytes in, tokens or diagnostics out: the whole pipeline, as the macro
//! and the CLI run it, under three table selectors.
//!
//! Invariants, beyond "never panics":
//! - every diagnostic's span lies inside the text, on char boundaries;
//! - the `--> file:line:column` a rendering shows is the span's start, and
//!   lies inside the input;
//! - the same input gives byte-identical tokens and the same diagnostics;
//! - the tokens parse as a Rust file.

#![no_main]

mod check;

use error_table_codegen::settings::{Settings, TableSelector};
use error_table_codegen::{SourceFile, generate};
use libfuzzer_sys::fuzz_target;

/// The file name in renderings; no `:` so that `name:line:col` splits.
const NAME: &str = "fuzz.md";

fuzz_target!(|data: &[u8]| {
    match SourceFile::from_bytes(NAME, data) {
        Ok(file) => {
            run(&file, &Settings::default());
            // The other selectors reach other diagnostics; their
            // determinism is the default's, so one run each is enough.
            for table in [
                TableSelector::Index(2),
                TableSelector::Heading("Error codes".to_owned()),
            ] {
                let settings = Settings {
                    table,
                    ..Settings::default()
                };
                for diagnostic in &generate(&file, &settings).diagnostics {
                    check::diagnostic(&file, diagnostic);
                }
            }
        }
        Err(error) => {
            let lossy = error
                .lossy
                .as_deref()
                .expect("bytes that fail to decode come back decoded lossily");
            check::diagnostic(lossy, &error.diagnostic);
        }
    }
});

fn run(file: &SourceFile, settings: &Settings) {
    let first = generate(file, settings);
    let second = generate(file, settings);
    let tokens = first.tokens.to_string();
    assert_eq!(
        tokens,
        second.tokens.to_string(),
        "tokens differ between runs"
    );
    // Compared as printed: a diagnostic may hold a token, which has no
    // equality; these all point into the file.
    assert_eq!(
        format!("{:?}", first.diagnostics),
        format!("{:?}", second.diagnostics),
        "diagnostics differ between runs"
    );
    if let Err(error) = syn::parse2::<syn::File>(first.tokens) {
        panic!("generated tokens are not Rust: {error}\n{tokens}");
    }
    for diagnostic in &first.diagnostics {
        check::diagnostic(file, diagnostic);
    }
}
