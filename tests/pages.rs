//! Pages shaped like real documentation: several error tables, translated
//! copies of them, and what the generated code makes of them. Each case
//! runs the pipeline the way the macro does.

// A test fails loudly by design: `expect` and indexing say where.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]

use error_table_codegen::settings::{Settings, TableSelector};
use error_table_codegen::{SourceFile, generate_with_translations};

fn read(path: &str) -> SourceFile {
    let base = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    SourceFile::read(base, path).expect("the fixture is readable")
}

mod several_tables {
    error_table::include_error_table!(
        "tests/fixtures/pages/several-tables.md",
        tables = all,
        locales = "tests/fixtures/pages/several-tables.sv-SE.md",
    );
}

#[test]
fn a_translation_is_read_from_the_tables_the_setting_chose() {
    use several_tables::Error;
    let missing = Error::Missing { path: "/a".into() };
    assert_eq!(missing.localized("sv-SE").to_string(), "Inget finns på /a.");
    let unavailable = Error::Unavailable { delay: "30".into() };
    assert_eq!(
        unavailable.localized("sv-SE").to_string(),
        "Försök igen om 30 sekunder."
    );
}

#[test]
fn translated_tables_are_found_by_their_english_heading_not_their_place() {
    // The translation has a table of its own first, so the error tables
    // are its second and third, not its first and third.
    let spec = read("tests/fixtures/pages/several-tables.md");
    let translation = read("tests/fixtures/pages/several-tables.sv-SE.md");
    let settings = Settings {
        table: TableSelector::All,
        ..Settings::default()
    };
    let generated = generate_with_translations(&spec, &[translation], &settings);
    assert!(
        generated.diagnostics.is_empty(),
        "{:?}",
        generated.diagnostics
    );
    assert!(
        generated.translation_diagnostics[0].is_empty(),
        "{:?}",
        generated.translation_diagnostics[0]
    );
}

#[test]
fn by_default_a_translation_reads_the_tables_with_the_header_of_its_first() {
    // One table split under two headings, in both pages: the rows of the
    // second table are translated too, so none lacks a translation.
    let spec = SourceFile::new(
        "errors.md",
        "## Client errors\n\n| Code | Status | Message |\n|---|---|---|\n\
         | Missing | 404 | Nothing is at {path}. |\n\n## Server errors\n\n\
         | Code | Status | Message |\n|---|---|---|\n| Unavailable | 503 | Try again later. |\n",
    );
    let translation = SourceFile::new(
        "errors.sv-SE.md",
        "## Klientfel\n\n| Code | Status | Message |\n|---|---|---|\n\
         | Missing | 404 | Inget finns på {path}. |\n\n## Serverfel\n\n\
         | Code | Status | Message |\n|---|---|---|\n| Unavailable | 503 | Försök igen senare. |\n",
    );
    let generated = generate_with_translations(&spec, &[translation], &Settings::default());
    assert!(
        generated.diagnostics.is_empty(),
        "{:?}",
        generated.diagnostics
    );
    let sections: Vec<Option<&str>> = generated
        .checked
        .rows
        .iter()
        .map(|row| row.spec.section.as_deref())
        .collect();
    assert_eq!(sections, [Some("Client errors"), Some("Server errors")]);
    assert!(
        generated.translation_diagnostics[0].is_empty(),
        "{:?}",
        generated.translation_diagnostics[0]
    );
}
