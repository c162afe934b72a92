//! The locales of the table and the `Display` of each error in each of
//! them, falling back row by row to the canonical message.

use proc_macro2::TokenStream;
use quote::quote;

use crate::locale::Translation;
use crate::settings::Settings;
use crate::validate::CheckedRow;

use super::display::{Dispatch, Layout};
use super::text::{WriteCode, parse};

/// `LOCALES`, `localized` and the runtime's `Localize` for the error enum.
pub(super) fn localized(
    rows: &[CheckedRow],
    canonical_locale: &str,
    translations: &[Translation],
    settings: &Settings,
    layout: Layout,
) -> TokenStream {
    let error_name = &settings.error_name;
    let locales = std::iter::once(canonical_locale).chain(
        translations
            .iter()
            .map(|translation| translation.locale.as_str()),
    );
    let body = if translations.is_empty() {
        quote! {
            let _ = locale;
            ::core::fmt::Display::fmt(self, __formatter)
        }
    } else {
        translated_body(rows, translations, layout)
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

            #[allow(
                clippy::match_same_arms,
                clippy::too_many_lines,
                clippy::too_many_arguments
            )]
            fn fmt_localized(
                &self,
                locale: ::core::primitive::usize,
                __formatter: &mut ::core::fmt::Formatter<'_>,
            ) -> ::core::fmt::Result {
                #body
            }
        }
    }
}

/// The body of `fmt_localized` with translations: a `match` on the locale
/// of `match`es on the error, after the functions of all of them.
fn translated_body(
    rows: &[CheckedRow],
    translations: &[Translation],
    layout: Layout,
) -> TokenStream {
    let mut dispatch = Dispatch::default();
    let mut locale_arms = String::new();
    for (locale, translation) in translations.iter().enumerate() {
        let mut translated = 0;
        for (index, (row, template)) in rows.iter().zip(&translation.templates).enumerate() {
            let Some(template) = template else { continue };
            let function = layout.function(|| format!("__localized_{locale}_{index}"));
            dispatch.write_arm(row, template, function.as_deref());
            translated += 1;
        }
        locale_arms.code(format_args!("{} => match self {{ ", locale + 1));
        locale_arms.push_str(&dispatch.take_arms());
        // Rows without a translation show the canonical message.
        if translated < rows.len() {
            locale_arms.push_str("_ => ::core::fmt::Display::fmt(self, __formatter),");
        }
        locale_arms.push_str(" },");
    }
    let functions = dispatch.functions();
    let locale_arms = parse(&locale_arms);
    quote! {
        #functions
        match locale {
            #locale_arms
            _ => ::core::fmt::Display::fmt(self, __formatter),
        }
    }
}
