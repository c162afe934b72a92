//! The locales of the table and the `Display` of each error in each of
//! them, falling back row by row to the canonical message.
//!
//! The translations are data, not code: per locale, an array of string
//! literals holding the runs of text of all its messages and one byte
//! string holding their pieces, which the runtime's `write_localized`
//! reads (its module documents the format). The code is one `match` arm
//! per row with fields, whatever the number of locales: as code (a `match`
//! arm per locale and row), twenty locales made `cargo check` of a
//! 2,000-row table 8 times slower (BENCHMARKS.md).

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::locale::Translation;
use crate::settings::Settings;
use crate::template::{Segment, Template};
use crate::validate::CheckedRow;

use super::display::field_index;
use super::error_enum::{pattern, scrutinee};
use super::text::{WriteCode, parse};

/// `LOCALES`, `localized` and the runtime's `Localize` for the error enum.
pub(super) fn localized(
    rows: &[CheckedRow],
    canonical_locale: &str,
    translations: &[Translation],
    settings: &Settings,
) -> TokenStream {
    let error_name = &settings.error_name;
    let locales = std::iter::once(canonical_locale).chain(
        translations
            .iter()
            .map(|translation| translation.locale.as_str()),
    );
    let (allow, body) = if translations.is_empty() {
        let body = quote! {
            let _ = locale;
            ::core::fmt::Display::fmt(self, __formatter)
        };
        (None, body)
    } else {
        // Rows with the same field names have the same arm, and there is
        // an arm per row with fields.
        let allow = quote! {
            #[allow(clippy::match_same_arms, clippy::too_many_lines, clippy::as_conversions)]
        };
        (Some(allow), translated_body(rows, translations))
    };
    quote! {
        impl #error_name {
            /// The locales of the messages, the canonical one first.
            pub const LOCALES: &'static [&'static ::core::primitive::str] = &[#(#locales),*];

            /// The message in the best of [`Self::LOCALES`] for
            /// `accept_language`: a language tag such as `sv-SE`, or an
            /// `Accept-Language` header value with q-weights. `Display`
            /// it; nothing is allocated.
            #[must_use]
            pub fn localized(
                &self,
                accept_language: &::core::primitive::str,
            ) -> ::error_table::__private::Localized<'_, Self> {
                ::error_table::__private::Localize::localized(self, accept_language)
            }
        }

        #[automatically_derived]
        impl ::error_table::__private::Localize for #error_name {
            const LOCALES: &'static [&'static ::core::primitive::str] = Self::LOCALES;

            #allow
            fn fmt_localized(
                &self,
                __formatter: &mut ::core::fmt::Formatter<'_>,
                locale: ::core::primitive::usize,
            ) -> ::core::fmt::Result {
                #body
            }
        }
    }
}

/// The body of `fmt_localized` with translations: the messages of every
/// locale as data, and the error's row and fields handed to the runtime
/// with them.
fn translated_body(rows: &[CheckedRow], translations: &[Translation]) -> TokenStream {
    let messages = translations.iter().map(|translation| {
        let packed = Packed::new(rows, &translation.templates);
        let runs = runs_array(&packed.runs);
        let pieces = Literal::byte_string(&packed.pieces);
        quote!(::error_table::__private::Messages::new(#runs, #pieces))
    });
    let args = args(rows);
    quote! {
        use ::error_table::__private::Arg as __Arg;
        const __TRANSLATIONS: &[::error_table::__private::Messages] = &[#(#messages),*];
        // The code enum's variants have no explicit discriminants: they
        // are the rows' numbers.
        let __row = self.code() as ::core::primitive::usize;
        let __args: &[__Arg<'_>] = #args;
        ::error_table::__private::write_localized(
            __TRANSLATIONS, locale, __row, __args, self, __formatter,
        )
    }
}

/// The runs of text as an array of string literals, lexed in one go: one
/// parse per literal made the compiler register a source file for each
/// (tens of thousands for twenty locales of 2,000 rows).
fn runs_array(runs: &[&str]) -> TokenStream {
    let mut code = String::with_capacity(runs.iter().map(|run| run.len() + 4).sum::<usize>() + 3);
    code.push_str("&[");
    for run in runs {
        code.raw_string(run);
        code.push(',');
    }
    code.push(']');
    parse(&code)
}

/// The fields of the error as the runtime's `Arg`s, in field order: a
/// `match` with an arm per row with fields.
fn args(rows: &[CheckedRow]) -> TokenStream {
    let mut arms = String::new();
    for row in rows.iter().filter(|row| !row.fields.is_empty()) {
        pattern(&mut arms, row, true);
        arms.push_str(" => &[");
        for field in &row.fields {
            // A string field is written as it is, as `Display` does.
            let kind = if field.ty.is_some() { "Display" } else { "Str" };
            arms.code(format_args!("__Arg::{kind}({}),", field.ident));
        }
        arms.push_str("],");
    }
    if arms.is_empty() {
        return quote!(&[]);
    }
    if rows.iter().any(|row| row.fields.is_empty()) {
        arms.push_str("_ => &[],");
    }
    let arms = parse(&arms);
    let scrutinee = scrutinee(rows);
    quote!(match #scrutinee { #arms })
}

/// A locale's messages in the runtime's format: the runs of text of all
/// of them, and the table of their pieces.
struct Packed<'a> {
    runs: Vec<&'a str>,
    pieces: Vec<u8>,
}

/// The bit of a piece that makes it a field; a piece without it is the
/// row's next run of text.
const FIELD: u16 = 0x8000;

impl<'a> Packed<'a> {
    /// The messages `templates` (one per row, `None` where the row is not
    /// translated) of `rows`.
    fn new(rows: &[CheckedRow], templates: &'a [Option<Template>]) -> Self {
        let mut runs = Vec::new();
        let mut entries = Vec::new();
        let mut ends = Vec::with_capacity(rows.len());
        for (index, row) in rows.iter().enumerate() {
            if let Some(Some(template)) = templates.get(index) {
                push_u32(&mut entries, runs.len());
                for segment in &template.segments {
                    push_piece(&mut entries, &mut runs, row, segment);
                }
            }
            ends.push(entries.len());
        }
        // The header: the number of rows, then where each row's entry
        // starts and where the last one ends, counted from the start of
        // the table.
        let header = 4 * (rows.len() + 2);
        let mut pieces = Vec::with_capacity(header + entries.len());
        push_u32(&mut pieces, rows.len());
        for offset in std::iter::once(0).chain(ends) {
            push_u32(&mut pieces, header + offset);
        }
        pieces.extend(entries);
        Self { runs, pieces }
    }
}

/// Writes one piece of a row's message into its entry, and its run of
/// text; an empty run is no piece.
fn push_piece<'a>(
    entries: &mut Vec<u8>,
    runs: &mut Vec<&'a str>,
    row: &CheckedRow,
    segment: &'a Segment,
) {
    match segment {
        Segment::Literal(literal) if literal.is_empty() => {}
        Segment::Literal(literal) => {
            entries.extend_from_slice(&0u16.to_le_bytes());
            runs.push(literal);
        }
        Segment::Placeholder(placeholder) => {
            // There is a field: translations whose placeholders do not
            // match the row's are left out before expansion.
            let field = field_index(row, placeholder).and_then(|field| u16::try_from(field).ok());
            if let Some(field) = field.filter(|&field| field < FIELD) {
                entries.extend_from_slice(&(FIELD | field).to_le_bytes());
            }
        }
    }
}

/// Writes `value` as a little-endian `u32`; no table comes near 4 GiB.
/// From a slice: `extend` from an array's iterator goes byte by byte,
/// unoptimized in `cargo check`.
fn push_u32(out: &mut Vec<u8>, value: usize) {
    let value = u32::try_from(value).unwrap_or(u32::MAX);
    out.extend_from_slice(&value.to_le_bytes());
}

#[cfg(test)]
mod tests {
    use proc_macro2::TokenTree;

    use super::runs_array;

    #[test]
    fn runs_are_an_array_of_their_literals_in_order() {
        let runs = ["first", "a \"quoted\" one", "a carriage\rreturn"];
        let Some(TokenTree::Group(array)) = runs_array(&runs).into_iter().nth(1) else {
            panic!("`&` and an array");
        };
        let read: Vec<String> = array
            .stream()
            .into_iter()
            .filter(|token| !matches!(token, TokenTree::Punct(_)))
            .map(|literal| {
                crate::settings::string_literal_value(&literal).expect("a string literal")
            })
            .collect();
        assert_eq!(read, runs);
    }
}
