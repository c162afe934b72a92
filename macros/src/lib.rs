//! The `include_error_table!` macro of
//! [`error-table`](https://docs.rs/error-table). Depend on `error-table`,
//! which re-exports it with its documentation; this crate only hands the
//! macro's input to `error-table-codegen`.

use std::path::PathBuf;

use proc_macro::TokenStream;

/// Generates the error types of a Markdown error table. See the
/// `error-table` crate for the full documentation.
///
/// Spec paths are relative to the directory of the calling crate's
/// `Cargo.toml`. A test harness that builds code away from its crate, such
/// as trybuild, can set `ERROR_TABLE_MANIFEST_DIR` to that directory.
#[proc_macro]
pub fn include_error_table(input: TokenStream) -> TokenStream {
    let base_dir = std::env::var_os("ERROR_TABLE_MANIFEST_DIR")
        .or_else(|| std::env::var_os("CARGO_MANIFEST_DIR"))
        .map(PathBuf::from)
        .unwrap_or_default();
    error_table_codegen::include_error_table(input.into(), &base_dir).into()
}
