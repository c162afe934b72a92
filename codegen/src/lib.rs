//! The pipeline behind [`error-table`](https://docs.rs/error-table): it reads
//! the error table of a Markdown page and generates the Rust types for it.
//!
//! Each module is one stage, and data flows one way:
//!
//! | stage | takes | gives |
//! |---|---|---|
//! | [`source`] | bytes | [`SourceFile`]: UTF-8 text and a name |
//! | [`markdown`] | [`SourceFile`] | [`markdown::Document`]: headings and tables of text cells |
//! | [`model`] | [`markdown::Document`] | [`model::Table`]: codes, statuses, templates |
//! | [`validate`] | [`model::Table`] | [`validate::Checked`]: rows with Rust names |
//! | [`expand`] | [`validate::Checked`] | tokens |
//!
//! Every stage records problems as [`Diagnostic`]s with byte ranges into
//! the file and goes on, so that one run reports all of them. The macro
//! crate and the CLI are thin shells around [`generate`].
//!
//! ```
//! use error_table_codegen::{generate, settings::Settings, SourceFile};
//!
//! let spec = SourceFile::new("errors.md", "\
//! | Error code | HTTP status code | Message |
//! |---|---|---|
//! | NotFound | 404 | Resource {the resource} was not found. |
//! | NotFound | 404 | Again. |
//! ");
//! let generated = generate(&spec, &Settings::default());
//! assert!(generated.tokens.to_string().contains("enum ErrorCode"));
//! assert_eq!(generated.diagnostics[0].message, "duplicate error code `NotFound`");
//! ```

pub mod diagnostic;
pub mod expand;
pub mod markdown;
pub mod model;
pub mod settings;
pub mod source;
mod suggest;
pub mod template;
pub mod validate;

use std::path::Path;

use proc_macro2::TokenStream;
use quote::quote;

pub use crate::diagnostic::{Diagnostic, Severity};
pub use crate::source::SourceFile;

use crate::diagnostic::Diagnostics;
use crate::settings::{MacroInput, Settings};

/// What the pipeline made of a file.
pub struct Generated {
    /// The enums and impls for every row without problems.
    pub tokens: TokenStream,
    /// Every problem found, in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// Settings that do not fit the table, on the settings' tokens.
    pub setting_errors: Option<syn::Error>,
}

/// Runs the whole pipeline on `file`.
///
/// Tokens are produced even when there are problems: the rows that are
/// fine are generated, so that code using them does not fail for the
/// wrong reason while the problems are fixed.
#[must_use]
pub fn generate(file: &SourceFile, settings: &Settings) -> Generated {
    let mut diagnostics = Diagnostics::default();
    let document = markdown::parse(file);
    let table = model::build(file, &document, &settings.table, &mut diagnostics);
    let (checked, setting_errors) = match table {
        Some(table) => validate::check(file, table, settings, &mut diagnostics),
        None => (validate::Checked::default(), None),
    };
    // Field settings are only judged against a table without errors: a row
    // left out for a bad status would make its fields look unknown.
    let setting_errors = setting_errors.filter(|_| !diagnostics.has_errors());
    Generated {
        tokens: expand::expand(&checked, settings, file.name()),
        diagnostics: diagnostics.into_sorted(),
        setting_errors,
    }
}

/// The whole `include_error_table!` macro: `input` is its argument tokens
/// and `base_dir` the directory spec paths are relative to.
#[must_use]
pub fn include_error_table(input: TokenStream, base_dir: &Path) -> TokenStream {
    let MacroInput { path, settings } = match MacroInput::parse(input) {
        Ok(input) => input,
        Err(error) => return error.to_compile_error(),
    };
    let relative = path.value();
    let file = match SourceFile::read(base_dir, &relative) {
        Ok(file) => file,
        Err(error) => {
            let message = error.diagnostic.render_unprefixed(error.lossy.as_deref());
            let fallback = expand::expand(&validate::Checked::default(), &settings, &relative);
            let error = syn::Error::new(path.span(), message).to_compile_error();
            return quote!(#fallback #error);
        }
    };
    let generated = generate(&file, &settings);
    // Including the file makes the compiler rebuild the crate when it
    // changes, which a proc macro cannot ask for otherwise on stable Rust.
    let tracked = base_dir.join(&relative).to_string_lossy().into_owned();
    let errors = generated.diagnostics.iter().map(|diagnostic| {
        syn::Error::new(path.span(), diagnostic.render_unprefixed(Some(&file))).to_compile_error()
    });
    let setting_errors = generated
        .setting_errors
        .map(|error| error.to_compile_error());
    let tokens = generated.tokens;
    quote! {
        const _: &[::core::primitive::u8] = ::core::include_bytes!(#tracked);
        #tokens
        #(#errors)*
        #setting_errors
    }
}
