//! `from_code`: the variant of a received code string.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::validate::CheckedRow;

use super::text::{WriteCode, parse};

/// Tables up to this many rows look codes up with a `match`, which the
/// compiler turns into a switch on the length and a few compares; larger
/// ones with a perfect hash, whose cost does not grow with the table while
/// the `match` grows with the codes of each length.
const MATCH_LOOKUP_MAX_ROWS: usize = 64;

/// The body of `from_code`: a `match` on the code for small tables, a
/// perfect hash for the others.
pub(super) fn from_code(rows: &[CheckedRow], code_name: &syn::Ident) -> TokenStream {
    if rows.is_empty() {
        return quote! {
            let _ = code;
            ::core::option::Option::None
        };
    }
    if rows.len() <= MATCH_LOOKUP_MAX_ROWS {
        let mut arms = String::new();
        for row in rows {
            arms.string(&row.spec.code.wire);
            arms.code(format_args!(
                " => ::core::option::Option::Some(Self::{}),",
                row.variant
            ));
        }
        let arms = parse(&arms);
        return quote! {
            match code {
                #arms
                _ => ::core::option::Option::None,
            }
        };
    }
    let codes: Vec<&str> = rows.iter().map(|row| row.spec.code.wire.as_str()).collect();
    // The codes are distinct (duplicates were left out), so a placement
    // exists; the generator's seed is fixed, so builds are reproducible.
    let hash = phf_generator::generate_hash(&codes);
    let key = Literal::u64_suffixed(hash.key);
    let mut disps = String::new();
    for (first, second) in &hash.disps {
        disps.code(format_args!("({first}, {second}),"));
    }
    let mut entries = String::new();
    for row in hash.map.iter().filter_map(|&index| rows.get(index)) {
        entries.push('(');
        entries.string(&row.spec.code.wire);
        entries.code(format_args!(", {code_name}::{}),", row.variant));
    }
    let (disps, entries) = (parse(&disps), parse(&entries));
    quote! {
        #[allow(clippy::unreadable_literal)]
        static CODES: ::error_table::__private::CodeMap<#code_name> =
            ::error_table::__private::CodeMap {
                key: #key,
                disps: &[#disps],
                entries: &[#entries],
            };
        CODES.get(code)
    }
}
