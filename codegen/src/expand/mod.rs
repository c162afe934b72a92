//! Stage 5: a [`Checked`] table and its translations become Rust tokens.
//!
//! The code refers to everything outside `core` through
//! `::error_table::__private`, so that it compiles in any module of a crate
//! that depends on `error-table`, whatever that module imports.
//!
//! One module per generated item or concern, in the order they are
//! emitted:
//!
//! | module | writes |
//! |---|---|
//! | `code_enum` | the fieldless code enum, its `as_str`/`status`/`template` and its traits |
//! | `lookup` | `from_code`: a code's variant from its wire string |
//! | `error_enum` | the error enum with one field per placeholder, and its traits |
//! | `display` | the `match` arms that write a message piece by piece, and `Display` |
//! | `localized` | the locales and the localized `Display` |
//! | `wire` | `fields()` and `from_fields`: the fields as data on the wire, and the wire format |
//! | `decode` | `from_message`: an error read back from its code and message, and `Decode` |
//! | `framework` | the HTTP framework impls, through the runtime's macro |
//! | `docs` | the rustdoc of the items |
//! | `text` | code written as Rust text and lexed in one go |

mod code_enum;
mod decode;
mod display;
mod docs;
mod error_enum;
mod framework;
mod localized;
mod lookup;
mod text;
mod wire;

use proc_macro2::TokenStream;
use quote::quote;

use crate::locale::Translation;
use crate::settings::Settings;
use crate::validate::Checked;

use self::display::Layout;

/// The tokens of both enums and their impls for `table`, which was read
/// from the file named `source` in `canonical_locale`, with its
/// `translations`.
#[must_use]
pub fn expand(
    table: &Checked,
    canonical_locale: &str,
    translations: &[Translation],
    settings: &Settings,
    source: &str,
) -> TokenStream {
    let rows = &table.rows;
    let docs: Vec<docs::RowDoc> = rows
        .iter()
        .enumerate()
        .map(|(index, row)| docs::RowDoc::new(row, index, translations))
        .collect();
    let layout = Layout::for_rows(rows.len());
    let code_enum = code_enum::code_enum(rows, &docs, settings, source);
    let code_traits = code_enum::code_traits(settings);
    let error_enum = error_enum::error_enum(rows, &docs, settings, source);
    let display = display::display(rows, settings, layout);
    let error_traits = error_enum::error_traits(rows, settings);
    let localized = localized::localized(rows, canonical_locale, translations, settings);
    let from_fields = wire::from_fields(rows, settings);
    let decode = decode::decode(rows, settings);
    let framework = framework::framework_impls(settings);
    quote! {
        #code_enum
        #code_traits
        #error_enum
        #display
        #error_traits
        #localized
        #from_fields
        #decode
        #framework
    }
}
