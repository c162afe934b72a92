//! `Display`: the `match` arms that write each row's message piece by
//! piece.

use proc_macro2::TokenStream;
use quote::quote;

use crate::settings::Settings;
use crate::template::{Placeholder, Segment, Template};
use crate::validate::{CheckedRow, Field};

use super::error_enum::{default_field_type, pattern, scrutinee};
use super::text::{WriteCode, parse};

/// From this many rows on, each row with placeholders is written by a
/// function of its own that the big `match` calls: one function holding
/// thousands of chains of `write_str(..)?` makes the optimizer's memory and
/// time grow faster than the table, past 24 GB at 10,000 rows. Smaller
/// tables keep their arms inline, where the call would only cost.
const OUT_OF_LINE_MIN_ROWS: usize = 1_024;

/// Where the code of a row's arm of the big `match` goes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Layout {
    /// In the arm.
    Inline,
    /// In a function of its own, for large tables.
    OutOfLine,
}

impl Layout {
    pub(super) fn for_rows(rows: usize) -> Self {
        if rows >= OUT_OF_LINE_MIN_ROWS {
            Self::OutOfLine
        } else {
            Self::Inline
        }
    }

    /// The name of the function that writes a row, `name()` being its
    /// unique name, when rows are written out of line.
    pub(super) fn function(self, name: impl FnOnce() -> String) -> Option<String> {
        (self == Self::OutOfLine).then(name)
    }
}

/// The code of the arms of a `match` and of the functions they call.
#[derive(Default)]
struct Dispatch {
    arms: String,
    functions: String,
    /// Whether a function takes a field of the default type.
    default_fields: bool,
}

impl Dispatch {
    /// The functions, after the short names their signatures use: with
    /// thousands of them, the signatures are a good part of the code.
    fn functions(&self) -> TokenStream {
        if self.functions.is_empty() {
            return TokenStream::new();
        }
        let functions = parse(&self.functions);
        let default_type = self.default_fields.then(|| {
            let ty = default_field_type();
            quote!(type __Str = #ty;)
        });
        quote! {
            use ::core::fmt::{Formatter as __Formatter, Result as __Result};
            #default_type
            #functions
        }
    }

    /// Writes the match arm that writes the row's `template` piece by
    /// piece: no format string parsing and no allocation at run time. Holes are filled by field name. With a
    /// `function` name, a row with more than one piece is written by that
    /// function, which the arm calls with the fields.
    fn write_arm(&mut self, row: &CheckedRow, template: &Template, function: Option<&str>) {
        let writes: Vec<String> = template
            .segments
            .iter()
            .filter_map(|segment| piece(row, segment))
            .collect();
        let body = if writes.is_empty() {
            "::core::result::Result::Ok(())".to_owned()
        } else {
            writes.join("?; ")
        };
        pattern(&mut self.arms, row, true);
        match function {
            Some(function) if writes.len() > 1 => self.call_function(row, function, &body),
            _ => {
                self.arms.push_str(" => { ");
                self.arms.push_str(&body);
                self.arms.push_str(" }");
            }
        }
    }

    /// Writes `function` with `body` and the arm's call of it.
    fn call_function(&mut self, row: &CheckedRow, function: &str, body: &str) {
        let functions = &mut self.functions;
        functions.code(format_args!(
            "#[inline(never)] fn {function}(__formatter: &mut __Formatter<'_>, "
        ));
        for field in &row.fields {
            if field.ty.is_some() {
                // The type, from the user's settings, is only needed to
                // display the value.
                functions.code(format_args!(
                    "{}: &impl ::core::fmt::Display, ",
                    field.ident
                ));
            } else {
                self.default_fields = true;
                functions.code(format_args!("{}: &__Str, ", field.ident));
            }
        }
        functions.push_str(") -> __Result { ");
        functions.push_str(body);
        functions.push_str(" }");
        let arms = &mut self.arms;
        arms.code(format_args!(" => {function}(__formatter, "));
        for field in &row.fields {
            arms.code(format_args!("{}, ", field.ident));
        }
        arms.push_str("),");
    }
}

/// The call that writes one piece of a message.
fn piece(row: &CheckedRow, segment: &Segment) -> Option<String> {
    let mut write = String::new();
    match segment {
        Segment::Literal(text) => {
            write.push_str("__formatter.write_str(");
            write.string(text);
            write.push(')');
        }
        Segment::Placeholder(placeholder) => {
            let field = field_of(row, placeholder)?;
            if field.ty.is_none() {
                // A string field is written as it is: no formatting flags
                // to honour, so no `Formatter::pad`.
                write.code(format_args!("__formatter.write_str({})", field.ident));
            } else {
                write.code(format_args!(
                    "::core::fmt::Display::fmt({}, __formatter)",
                    field.ident
                ));
            }
        }
    }
    Some(write)
}

/// The field that fills `placeholder`. There always is one: rows and
/// translations whose placeholders do not match their fields are left out
/// before expansion.
fn field_of<'row>(row: &'row CheckedRow, placeholder: &Placeholder) -> Option<&'row Field> {
    row.fields.get(field_index(row, placeholder)?)
}

/// The number of the field that fills `placeholder`, as [`field_of`].
pub(super) fn field_index(row: &CheckedRow, placeholder: &Placeholder) -> Option<usize> {
    row.fields
        .iter()
        .position(|field| field.placeholder.field == placeholder.field)
}

/// `Display` for the error enum: the row's message.
pub(super) fn display(rows: &[CheckedRow], settings: &Settings, layout: Layout) -> TokenStream {
    let error_name = &settings.error_name;
    let mut dispatch = Dispatch::default();
    for (index, row) in rows.iter().enumerate() {
        let function = layout.function(|| format!("__display_{index}"));
        dispatch.write_arm(row, &row.spec.template, function.as_deref());
    }
    let arms = parse(&dispatch.arms);
    let functions = dispatch.functions();
    let scrutinee = scrutinee(rows);
    quote! {
        #[automatically_derived]
        impl ::core::fmt::Display for #error_name {
            #[allow(
                clippy::match_same_arms,
                clippy::too_many_lines,
                clippy::too_many_arguments
            )]
            fn fmt(&self, __formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                #functions
                match #scrutinee { #arms }
            }
        }
    }
}
