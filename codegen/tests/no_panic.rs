//! The pipeline never panics: on the spec with any one byte removed,
//! every prefix of it, and every seed page.

// A test fails loudly by design: `expect` and indexing say where.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]

use error_table_codegen::settings::Settings;
use error_table_codegen::{SourceFile, generate};

const SPEC: &[u8] = include_bytes!("../../spec/errors.md");

/// Runs the whole pipeline, rendering every diagnostic as the macro does.
fn run(bytes: &[u8]) {
    match SourceFile::from_bytes("spec/errors.md", bytes) {
        Ok(file) => {
            let generated = generate(&file, &Settings::default());
            for diagnostic in &generated.diagnostics {
                let rendered = diagnostic.render(Some(&file));
                assert!(rendered.contains("spec/errors.md"), "{rendered}");
            }
        }
        Err(error) => {
            let lossy = error.lossy.as_deref();
            assert!(
                lossy.is_some(),
                "bytes that fail to decode come back decoded lossily"
            );
            assert!(error.diagnostic.render(lossy).contains("not valid UTF-8"));
        }
    }
}

#[test]
fn removing_any_one_byte_of_the_spec_never_panics() {
    for index in 0..SPEC.len() {
        let mut bytes = SPEC.to_vec();
        bytes.remove(index);
        run(&bytes);
    }
}

#[test]
fn every_prefix_of_the_spec_is_handled() {
    for end in 0..=SPEC.len() {
        run(&SPEC[..end]);
    }
}

#[test]
fn bytes_swapped_for_markdown_syntax_never_panic() {
    // Every 11th byte keeps the run short while reaching every line and
    // every kind of cell.
    for index in (0..SPEC.len()).step_by(11) {
        for replacement in [b'|', b'{', b'}', b'\\', b'`', b'\n', b'\xff', b'0'] {
            let mut bytes = SPEC.to_vec();
            bytes[index] = replacement;
            run(&bytes);
        }
    }
}

#[test]
fn seed_pages_never_panic() {
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/seeds");
    let Ok(entries) = std::fs::read_dir(&seeds) else {
        eprintln!("skipped: {} is absent", seeds.display());
        return;
    };
    for entry in entries {
        let bytes =
            std::fs::read(entry.expect("a directory entry").path()).expect("a readable seed");
        run(&bytes);
    }
}
