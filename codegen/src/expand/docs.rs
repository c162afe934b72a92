//! The rustdoc of the generated items: each row's code, status, message,
//! description and translations, as Markdown.

use proc_macro2::TokenStream;
use quote::quote;

use crate::locale::Translation;
use crate::validate::{CheckedRow, Field};

use super::text;

/// The rustdoc shared by a row's code variant and error variant: code,
/// status, message, description, the heading of its table when several
/// are read, and the translated messages.
pub(super) fn row_doc(row: &CheckedRow, index: usize, translations: &[Translation]) -> String {
    let spec = &row.spec;
    let mut doc = format!(
        "{} — HTTP {}.\n\nMessage: {}",
        code_span(&spec.code.wire),
        spec.status.value,
        code_span(&spec.template.text)
    );
    if let Some(description) = &spec.description {
        doc.push_str("\n\n");
        doc.push_str(description);
    }
    if let Some(section) = &spec.section {
        doc.push_str("\n\nSection: ");
        doc.push_str(&code_span(section));
    }
    let translated: Vec<String> = translations
        .iter()
        .filter_map(|translation| {
            let template = translation.templates.get(index)?.as_ref()?;
            Some(format!(
                "- `{}`: {}",
                translation.locale,
                code_span(&template.text)
            ))
        })
        .collect();
    if !translated.is_empty() {
        doc.push_str("\n\nTranslations:\n\n");
        doc.push_str(&translated.join("\n"));
    }
    doc
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
    // Bytes, not `char`s: this runs for every row, unoptimized in `cargo
    // check`.
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
