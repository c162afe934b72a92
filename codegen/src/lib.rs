//! The pipeline behind [`error-table`](https://docs.rs/error-table): it reads
//! the error table of a Markdown page and generates the Rust types for it.
//!
//! The stages, each a module, in the one direction data flows:
//!
//! | stage | takes | gives |
//! |---|---|---|
//! | [`source`] | bytes | [`SourceFile`]: UTF-8 text and a name |
//! | [`markdown`] | [`SourceFile`] | [`markdown::Document`]: headings and tables of text cells |
//! | [`model`] | [`markdown::Document`] | [`model::Table`]: codes, statuses, templates |
//! | [`validate`] | [`model::Table`] | [`validate::Checked`]: rows with Rust names |
//! | [`locale`] | a translated file and [`validate::Checked`] | [`locale::Translation`]: messages per row |
//! | [`expand`] | [`validate::Checked`] and translations | tokens |
//! | [`contract`] | [`validate::Checked`] | [`contract::Contract`]: codes, statuses, fields, for the lockfile and `diff` |
//!
//! Every stage records problems as [`Diagnostic`]s, with byte ranges into
//! the file or the token of a setting, and goes on, so that one run
//! reports all of them. No stage reads a file: the macro
//! ([`include_error_table`]) and the CLI read them (with
//! [`SourceFile::read`]) and are thin shells around [`generate`]. `ARCHITECTURE.md` at the repository's root says
//! where a new check or generated item goes.
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

// C-DEBUG: every public type can be printed, as tools and tests need.
#![warn(missing_debug_implementations)]

pub mod codes;
pub mod contract;
pub mod diagnostic;
pub mod expand;
mod include;
#[cfg(feature = "page-lint")]
pub mod lint;
pub mod lints;
pub mod locale;
mod lookalike;
pub mod markdown;
pub mod model;
pub mod readable;
pub mod settings;
pub mod source;
mod suggest;
pub mod template;
pub mod validate;

use proc_macro2::TokenStream;

pub use crate::codes::DiagnosticCode;
pub use crate::diagnostic::{Diagnostic, Severity};
pub use crate::include::include_error_table;
pub use crate::source::SourceFile;

use crate::diagnostic::Diagnostics;
use crate::settings::Settings;

/// What the pipeline made of a file.
#[derive(Debug)]
pub struct Generated {
    /// The enums and impls for every row without problems.
    pub tokens: TokenStream,
    /// Every problem found in the canonical file, in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// Every problem found in each translation, in the order the
    /// translations were given.
    pub translation_diagnostics: Vec<Vec<Diagnostic>>,
    /// Settings that do not fit the table, on the settings' tokens.
    pub setting_diagnostics: Vec<Diagnostic>,
    /// The rows without problems, for tools that read the table rather
    /// than compile it, such as the contract and the CLI.
    pub checked: validate::Checked,
}

impl Generated {
    /// Whether the canonical file has an error; warnings aside.
    #[must_use]
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|diagnostic| diagnostic.severity == Severity::Error)
    }

    /// The `lock` setting's check, for the macro and `error-table check`
    /// alike: this table, read from `spec`, against the lockfile that
    /// reading `lock_path` gave (`read`). A table with errors is not
    /// compared: its left-out rows would look removed.
    #[must_use]
    pub fn check_lock(
        &self,
        spec: &SourceFile,
        lock_path: &str,
        read: Result<SourceFile, Box<source::ReadError>>,
    ) -> contract::LockCheck {
        let table = (!self.has_errors()).then(|| contract::Contract::of(&self.checked));
        let update = contract::lockfile::lock_command(spec.name(), lock_path);
        contract::check_lock(read, table.as_ref(), &update)
    }
}

/// Runs the whole pipeline on `file`, without translations.
///
/// Tokens are produced even when there are problems: the rows that are
/// fine are generated, so that code using them does not fail for the
/// wrong reason while the problems are fixed.
#[must_use]
pub fn generate(file: &SourceFile, settings: &Settings) -> Generated {
    generate_with_translations(file, &[], settings)
}

/// Runs the whole pipeline on `file` and its `translations`.
///
/// Translations are checked once the canonical table has no errors: until
/// then, its rows are not settled enough to compare against.
#[must_use]
pub fn generate_with_translations(
    file: &SourceFile,
    translations: &[SourceFile],
    settings: &Settings,
) -> Generated {
    let mut diagnostics = Diagnostics::default();
    let document = markdown::parse(file);
    let mut setting_diagnostics = Diagnostics::default();
    let table = model::build(
        file,
        &document,
        settings,
        &mut diagnostics,
        &mut setting_diagnostics,
    );
    let parts = table.as_ref().map(|table| table.parts.clone());
    let checked = match table {
        Some(table) => validate::check(file, table, settings, &mut diagnostics),
        None => validate::Checked::default(),
    };
    // Field settings are only judged against a table without errors: a row
    // left out for a bad status would make its fields look unknown.
    if !diagnostics.has_errors() {
        validate::unknown_field_settings(&checked, settings, &mut setting_diagnostics);
    }
    let canonical_locale = locale::canonical_locale(&document);
    let mut locales = vec![canonical_locale.clone()];
    let mut translated = Vec::new();
    let mut translation_diagnostics = Vec::new();
    for translation_file in translations {
        let mut found = Diagnostics::default();
        if let (Some(parts), false) = (&parts, diagnostics.has_errors())
            && let Some(translation) = locale::check(
                translation_file,
                &checked,
                parts,
                settings,
                &locales,
                &mut found,
            )
        {
            locales.push(translation.locale.clone());
            translated.push(translation);
        }
        translation_diagnostics.push(found.into_sorted());
    }
    Generated {
        tokens: expand::expand(
            &checked,
            &canonical_locale,
            &translated,
            settings,
            file.name(),
        ),
        diagnostics: settings.lints.apply(diagnostics.into_sorted()),
        translation_diagnostics: translation_diagnostics
            .into_iter()
            .map(|found| settings.lints.apply(found))
            .collect(),
        setting_diagnostics: setting_diagnostics.into_sorted(),
        checked,
    }
}
