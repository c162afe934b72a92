//! The fields as data on the wire: `visit_fields()`, which a server sends in
//! `metadata`, `from_fields`, which a client reads them back with, and the
//! table's wire format.

use proc_macro2::TokenStream;
use quote::quote;

use crate::settings::{Settings, Wire};
use crate::validate::CheckedRow;

use super::error_enum::pattern;
use super::text::{WriteCode, parse};

/// The runtime's `WireFormat` of the `wire` setting.
pub(super) fn wire_format(wire: &Wire) -> TokenStream {
    match wire {
        Wire::Envelope => quote!(::error_table::__private::WireFormat::Envelope),
        Wire::PlainEnvelope => quote!(::error_table::__private::WireFormat::PlainEnvelope),
        Wire::ProblemDetails { type_base } => {
            let type_base = type_base.as_ref().map_or_else(
                || quote!(::core::option::Option::None),
                |base| quote!(::core::option::Option::Some(#base)),
            );
            quote!(::error_table::__private::WireFormat::ProblemDetails { type_base: #type_base })
        }
    }
}

/// The body of `visit_fields()`: each variant's fields by name, with the
/// value its `Display` writes.
pub(super) fn visit_fields_body(rows: &[CheckedRow]) -> TokenStream {
    if rows.is_empty() {
        return quote!(match *self {});
    }
    let mut arms = String::new();
    for row in rows {
        pattern(&mut arms, row, true);
        arms.push_str(" => __visit(&[");
        for field in &row.fields {
            arms.code(format_args!(
                "({:?}, {}), ",
                field.ident.to_string(),
                field.ident
            ));
        }
        arms.push_str("]),");
    }
    let arms = parse(&arms);
    quote!(match self { #arms })
}

/// `from_fields`: an error read back from its code and the values of its
/// fields, each parsed with `FromStr` when its type is not text.
pub(super) fn from_fields(rows: &[CheckedRow], settings: &Settings) -> TokenStream {
    let Settings {
        error_name,
        code_name,
        ..
    } = settings;
    let mut arms = String::new();
    for row in rows {
        arms.code(format_args!(
            "{code_name}::{} => Ok(Self::{}",
            row.variant, row.variant
        ));
        if !row.fields.is_empty() {
            arms.push_str(" { ");
            for field in &row.fields {
                let read = if field.ty.is_some() {
                    "__value"
                } else {
                    "__text"
                };
                arms.code(format_args!(
                    "{}: {read}(fields, __wire, {:?})?, ",
                    field.ident,
                    field.ident.to_string()
                ));
            }
            arms.push('}');
        }
        arms.push_str("),");
    }
    let arms = parse(&arms);
    let has_fields = |typed: bool| {
        rows.iter()
            .flat_map(|row| &row.fields)
            .any(|field| field.ty.is_some() == typed)
    };
    let text = has_fields(false).then(|| {
        quote!(
            use ::error_table::__private::field_text as __text;
        )
    });
    let value = has_fields(true).then(|| {
        quote!(
            use ::error_table::__private::field_value as __value;
        )
    });
    let wire = (has_fields(false) || has_fields(true)).then(|| {
        quote!(
            let __wire = code.as_str();
        )
    });
    let ok = (!rows.is_empty()).then(|| {
        quote!(
            use ::core::result::Result::Ok;
        )
    });
    let unused = rows.iter().all(|row| row.fields.is_empty()).then(|| {
        quote!(
            let _ = fields;
        )
    });
    quote! {
        impl #error_name {
            /// The error that a response with `code` stands for, its fields
            /// read from the values sent with it (`metadata` on the wire),
            /// whatever its message says.
            ///
            /// # Errors
            ///
            /// When a field of the row is missing from `fields`, or its
            /// value does not parse as the field's type.
            pub fn from_fields(
                code: #code_name,
                fields: &::error_table::__private::Fields<'_>,
            ) -> ::core::result::Result<Self, ::error_table::__private::FieldError> {
                #text
                #value
                #ok
                #unused
                #wire
                match code { #arms }
            }
        }
    }
}
