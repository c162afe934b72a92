//! The rustdoc of the generated items: each row's code, status, message,
//! description and translations, as Markdown.

use proc_macro2::TokenStream;
use quote::quote;

use crate::locale::Translation;
use crate::validate::{CheckedRow, Field};

use super::text;

/// A row's rustdoc: code, status, message, description and the heading of
/// its table when several are read, which both of the row's variants show;
/// then the translated messages, which only the error variant shows. On
/// both, twenty locales made the docs most of the expansion's text, which
/// the compiler lexes and keeps in the crate's metadata twice.
pub(super) struct RowDoc {
    text: String,
    /// Where the translations start in `text`.
    shared: usize,
}

impl RowDoc {
    /// The rustdoc of row `index`, translated in `translations`.
    pub(super) fn new(row: &CheckedRow, index: usize, translations: &[Translation]) -> Self {
        let spec = &row.spec;
        let mut text = format!(
            "{} — HTTP {}.\n\nMessage: {}",
            code_span(&spec.code.wire),
            spec.status.value,
            code_span(&spec.template.text)
        );
        if let Some(description) = &spec.description {
            text.push_str("\n\n");
            text.push_str(description);
        }
        if let Some(section) = &spec.section {
            text.push_str("\n\nSection: ");
            text.push_str(&code_span(section));
        }
        let shared = text.len();
        let mut translated = translations.iter().filter_map(|translation| {
            let template = translation.templates.get(index)?.as_ref()?;
            Some((&translation.locale, &template.text))
        });
        if let Some(first) = translated.next() {
            text.push_str("\n\nTranslations:\n");
            for (locale, message) in std::iter::once(first).chain(translated) {
                text.push_str("\n- `");
                text.push_str(locale);
                text.push_str("`: ");
                text.push_str(&code_span(message));
            }
        }
        Self { text, shared }
    }

    /// The rustdoc of the code variant.
    pub(super) fn code_variant(&self) -> &str {
        self.text.get(..self.shared).unwrap_or(&self.text)
    }

    /// The rustdoc of the error variant.
    pub(super) fn error_variant(&self) -> &str {
        &self.text
    }
}

/// The rustdoc of a field: the placeholder it fills.
pub(super) fn field_doc(field: &Field) -> String {
    format!(
        "Fills {} in the message.",
        code_span(&format!("{{{}}}", field.placeholder.name))
    )
}

/// `text` as a Markdown code span, with a fence longer than any run of
/// backticks inside it.
fn code_span(text: &str) -> String {
    // Most text has no backtick: found by `<[u8]>::contains`, a word at a
    // time in the standard library's optimized build, where the loop below
    // costs dozens of instructions a byte unoptimized in `cargo check`,
    // and twenty locales of 2,000 rows are 40,000 spans.
    if !text.as_bytes().contains(&b'`') {
        let mut span = String::with_capacity(text.len() + 2);
        span.push('`');
        span.push_str(text);
        span.push('`');
        return span;
    }
    let (mut longest, mut run) = (0, 0);
    for &byte in text.as_bytes() {
        run = if byte == b'`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// One `#[doc]` attribute for the whole text, each line indented by a
/// space as `///` comments are.
pub(super) fn doc(text: &str) -> TokenStream {
    let indented = text::indent_doc(text);
    quote!(#[doc = #indented])
}

/// `#[non_exhaustive]` and what it asks of a downstream `match`, unless
/// the `exhaustive` setting makes the enums exhaustive: the attribute
/// and the paragraph for the enum's rustdoc.
pub(super) fn growable(settings: &crate::settings::Settings) -> (TokenStream, &'static str) {
    if settings.exhaustive {
        (
            TokenStream::new(),
            "\n\nExhaustive (`exhaustive = true`): a row added to the table breaks every `match` without a wildcard arm.",
        )
    } else {
        (
            quote!(#[non_exhaustive]),
            "\n\n`#[non_exhaustive]`: rows may be added to the table, so a `match` in another crate needs a wildcard arm.",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::code_span;

    #[test]
    fn code_spans_fence_backticks_inside_them() {
        assert_eq!(code_span("plain"), "`plain`");
        assert_eq!(code_span("a `b` c"), "``a `b` c``");
        assert_eq!(code_span("`x`"), "`` `x` ``");
    }
}
