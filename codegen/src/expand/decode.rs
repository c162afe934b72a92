//! `from_message`: an error read back from a received code and message.

use proc_macro2::TokenStream;
use quote::quote;

use crate::settings::Settings;
use crate::template::Segment;
use crate::validate::CheckedRow;

use super::text::{WriteCode, parse};

/// Reading an error back from a received code and message.
pub(super) fn decode(rows: &[CheckedRow], settings: &Settings) -> TokenStream {
    let Settings {
        error_name,
        code_name,
        ..
    } = settings;
    let mut arms = String::new();
    for row in rows {
        arms.code(format_args!("{code_name}::{} => ", row.variant));
        decode_body(&mut arms, row);
        arms.push(',');
    }
    let arms = parse(&arms);
    // Short names for what every arm calls, imported in the function so
    // that nothing the user's module defines can stand in for them.
    let holes = rows.iter().any(|row| !row.fields.is_empty()).then(|| {
        quote!(
            use ::error_table::__private::holes as __holes;
        )
    });
    let owned = rows
        .iter()
        .any(|row| row.fields.iter().any(|field| field.ty.is_none()))
        .then(|| {
            quote!(
                use ::error_table::__private::owned as __owned;
            )
        });
    let some = (!rows.is_empty()).then(|| {
        quote!(
            use ::core::option::Option::Some;
        )
    });
    quote! {
        impl #error_name {
            /// The error that a response with `code` and `message` stands
            /// for, its fields read back from the message: for servers
            /// that send the spec's three members without the fields.
            ///
            /// `None` when the row has placeholders and `message` does not
            /// follow its template, as when the server runs another
            /// version of the table or sends another language; the code
            /// alone is still known.
            #[must_use]
            pub fn from_message(
                code: #code_name,
                message: &::core::primitive::str,
            ) -> ::core::option::Option<Self> {
                #holes
                #owned
                #some
                // An arm's fields may be named `code` or `message`: they
                // are bound after both are read.
                match code { #arms }
            }
        }

        #[automatically_derived]
        impl ::error_table::__private::Decode for #error_name {
            fn from_fields(
                code: #code_name,
                fields: &::error_table::__private::Fields<'_>,
            ) -> ::core::result::Result<Self, ::error_table::__private::FieldError> {
                Self::from_fields(code, fields)
            }

            fn from_message(
                code: #code_name,
                message: &::core::primitive::str,
            ) -> ::core::option::Option<Self> {
                Self::from_message(code, message)
            }
        }
    }
}

/// Writes the code that matches `message` against the row's template
/// with the runtime's `holes`: the literal text must be there, each hole
/// takes the text up to the next literal. Holes side by side cannot be
/// told apart, so such a row never decodes.
fn decode_body(out: &mut String, row: &CheckedRow) {
    if row.fields.is_empty() {
        // Nothing to read back: the code says it all, whatever the text.
        out.code(format_args!("Some(Self::{})", row.variant));
        return;
    }
    let segments = &row.spec.template.segments;
    let adjacent_holes = segments
        .windows(2)
        .any(|pair| matches!(pair, [Segment::Placeholder(_), Segment::Placeholder(_)]));
    if adjacent_holes {
        out.push_str("::core::option::Option::None");
        return;
    }
    // The literal text before, between and after the holes.
    let mut pieces = vec![String::new()];
    for segment in segments {
        match segment {
            Segment::Literal(text) => {
                if let Some(piece) = pieces.last_mut() {
                    piece.push_str(text);
                }
            }
            Segment::Placeholder(_) => pieces.push(String::new()),
        }
    }
    // The fields are the template's placeholders in order, each once.
    out.push_str("{ let [");
    for field in &row.fields {
        out.code(format_args!("{}, ", field.ident));
    }
    out.push_str("] = __holes(message, &[");
    for piece in &pieces {
        out.string(piece);
        out.push_str(", ");
    }
    out.code(format_args!("])?; Some(Self::{} {{ ", row.variant));
    for field in &row.fields {
        let ident = &field.ident;
        if field.ty.is_some() {
            out.code(format_args!(
                "{ident}: ::core::str::FromStr::from_str({ident}).ok()?, "
            ));
        } else {
            out.code(format_args!("{ident}: __owned({ident}), "));
        }
    }
    out.push_str("}) }");
}
