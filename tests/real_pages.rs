//! The pages of `tests/fixtures/real/`, in the shapes of real error-code
//! pages (see `tests/fixtures/README.md`): each one's generated rows and
//! its diagnostics, without a setting and with the setting line of the
//! README, pinned by a snapshot in `tests/snapshots/real_pages__*.snap`.
//!
//! One approach for every fixture: the setting line is parsed by the
//! macro's own parser (`MacroInput`), the pipeline runs as
//! `include_error_table!` runs it, and the snapshot holds each row
//! (variant, wire code, status, fields, heading, message) and each
//! diagnostic as `Diagnostic::render` writes it, the one rendering behind
//! both the macro's compile errors and `error-table check`. trybuild
//! cases would pin the same text, but not the rows of a page that builds,
//! and two dozen of them (a fixture with and without its setting) would
//! each compile a crate; the macro's wrapping of a rendering in a compile
//! error is pinned once by the cases of `tests/ui/`.

// A test fails loudly by design: `expect` says where.
#![allow(clippy::expect_used)]

use std::fmt::Write as _;

use error_table_codegen::settings::MacroInput;
use error_table_codegen::{SourceFile, generate};

/// What the macro makes of `fixture` with `settings` (the macro's
/// arguments after the path, as the README writes them): the rows it
/// generates and every diagnostic, in the order the macro reports them.
fn transcript(fixture: &str, settings: &str) -> String {
    let path = format!("tests/fixtures/real/{fixture}");
    let arguments = if settings.is_empty() {
        format!("{path:?}")
    } else {
        format!("{path:?}, {settings}")
    };
    let tokens = arguments.parse().expect("the setting line is Rust tokens");
    let input = MacroInput::parse(tokens)
        .unwrap_or_else(|problems| panic!("the setting line is read: {problems:?}"));
    let base = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let file = SourceFile::read(base, &path).expect("the fixture is readable");
    let generated = generate(&file, &input.settings);
    let mut out = format!(
        "settings: {}\n",
        if settings.is_empty() {
            "none"
        } else {
            settings
        }
    );
    let _ = writeln!(out, "rows: {}", generated.checked.rows.len());
    for row in &generated.checked.rows {
        let spec = &row.spec;
        let fields: Vec<String> = row
            .fields
            .iter()
            .map(|field| field.ident.to_string())
            .collect();
        let _ = write!(
            out,
            "  {} {:?} {} {{{}}}",
            row.variant,
            spec.code.wire,
            spec.status.value,
            fields.join(", ")
        );
        if let Some(section) = &spec.section {
            let _ = write!(out, " under {section:?}");
        }
        let _ = writeln!(out, "\n    message: {:?}", spec.template.text);
        if let Some(description) = &spec.description {
            let _ = writeln!(out, "    description: {description:?}");
        }
    }
    let _ = writeln!(out, "diagnostics:");
    for diagnostic in &generated.diagnostics {
        let _ = writeln!(out, "{}\n", diagnostic.render(Some(&file)));
    }
    for diagnostic in &generated.setting_diagnostics {
        let _ = writeln!(out, "{}\n", diagnostic.render(None));
    }
    out
}

fn pin(name: &str, fixture: &str, settings: &str) {
    insta::assert_snapshot!(name, transcript(fixture, settings));
}

#[test]
fn azure_storage_common_is_read_without_a_setting() {
    pin("azure_storage_common", "azure-storage-common.md", "");
}

#[test]
fn azure_blob_blank_lines_point_at_the_blank_line_that_ends_the_table() {
    pin("azure_blob_blank_lines", "azure-blob-blank-lines.md", "");
}

#[test]
fn aws_s3_needs_its_code_column_named() {
    pin("aws_s3_description", "aws-s3-description.md", "");
    pin(
        "aws_s3_description_with_columns",
        "aws-s3-description.md",
        r#"columns = { code = "Error code" }"#,
    );
}

#[test]
fn yandex_status_first_admits_3xx_with_statuses() {
    pin("yandex_status_first_3xx", "yandex-status-first-3xx.md", "");
    pin(
        "yandex_status_first_3xx_with_statuses",
        "yandex-status-first-3xx.md",
        r#"statuses = "300-599""#,
    );
}

#[test]
fn yandex_vars_warn_without_values_and_are_replaced_with_them() {
    pin("yandex_vars", "yandex-vars.md", "");
    pin(
        "yandex_vars_with_vars",
        "yandex-vars.md",
        r#"vars = { "objstorage-name" = "Object Storage", "cloud-name" = "Example Cloud", "link-console-quotas" = "https://console.example.com/quotas" }"#,
    );
}

#[test]
fn yandex_yfm_table_is_pointed_at() {
    pin("yandex_yfm_table", "yandex-yfm-table.md", "");
}

#[test]
fn r2_reads_its_tables_of_one_header_with_one_setting() {
    pin(
        "r2_numeric_several_tables",
        "r2-numeric-several-tables.md",
        "",
    );
    pin(
        "r2_numeric_several_tables_with_columns",
        "r2-numeric-several-tables.md",
        r#"columns = { code = "S3 Code", description = "Recommended Fix" }"#,
    );
    pin(
        "r2_numeric_several_tables_numeric_codes",
        "r2-numeric-several-tables.md",
        r#"columns = { code = "Error Code", name = "S3 Code" }"#,
    );
}

#[test]
fn manta_reads_its_tables_of_one_header_without_a_setting() {
    pin("manta_several_tables", "manta-several-tables.md", "");
}

#[test]
fn swedbank_needs_its_code_column_named() {
    pin("swedbank_payment_types", "swedbank-payment-types.md", "");
    pin(
        "swedbank_payment_types_with_columns",
        "swedbank-payment-types.md",
        r#"columns = { code = "Type" }"#,
    );
    pin(
        "swedbank_payment_types_with_columns_and_prefix",
        "swedbank-payment-types.md",
        r#"columns = { code = "Type" }, variant_prefix = "E""#,
    );
}

#[test]
fn notify_group_rows_are_named_in_the_note() {
    pin("notify_grouped_rows", "notify-grouped-rows.md", "");
}

#[test]
fn otc_html_table_is_pointed_at() {
    pin("otc_html_table", "otc-html-table.md", "");
}

#[test]
fn graph_tables_are_each_passed_over_with_the_reason() {
    pin("graph_status_and_codes", "graph-status-and-codes.md", "");
}

#[test]
fn entra_tables_without_statuses_are_each_passed_over() {
    pin("entra_no_status", "entra-no-status.md", "");
}

#[test]
fn doc_bugs_are_reported_at_their_lines() {
    pin("doc_bugs", "doc-bugs.md", "");
    pin(
        "doc_bugs_with_statuses",
        "doc-bugs.md",
        r#"statuses = "300-599""#,
    );
}
