//! The impls for the HTTP frameworks that the runtime's features enable.
//!
//! The runtime writes them, through its `framework_impls!` macro: which
//! frameworks are on is known where `error-table` is compiled, not here.

use proc_macro2::TokenStream;
use quote::quote;

use crate::settings::Settings;

/// The call of the runtime's `framework_impls!` for both enums.
pub(super) fn framework_impls(settings: &Settings) -> TokenStream {
    let Settings {
        error_name,
        code_name,
        ..
    } = settings;
    quote! {
        ::error_table::__private::framework_impls!(#error_name, #code_name);
    }
}
