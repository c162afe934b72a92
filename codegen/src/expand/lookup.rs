//! `from_code`: the variant of a received code string.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::validate::CheckedRow;

use super::text::{WriteCode, parse};

/// Tables up to this many codes and aliases look codes up with a `match`,
/// which the compiler turns into a switch on the length and a few compares;
/// larger ones with a perfect hash, whose cost does not grow with the table
/// while the `match` grows with the codes of each length.
const MATCH_LOOKUP_MAX_CODES: usize = 64;

/// The body of `from_code`: a `match` on the code for small tables, a
/// perfect hash for the others. Each alias is one more key for its row,
/// so a table without aliases looks up exactly as before.
pub(super) fn from_code(rows: &[CheckedRow], code_name: &proc_macro2::Ident) -> TokenStream {
    let keys: Vec<(&str, &proc_macro2::Ident)> = rows
        .iter()
        .flat_map(|row| {
            let aliases = row.spec.aliases.iter().map(|alias| alias.wire.as_str());
            std::iter::once(row.spec.code.wire.as_str())
                .chain(aliases)
                .map(move |code| (code, &row.variant))
        })
        .collect();
    if keys.is_empty() {
        return quote! {
            let _ = code;
            ::core::option::Option::None
        };
    }
    if keys.len() <= MATCH_LOOKUP_MAX_CODES {
        let mut arms = String::new();
        for (code, variant) in &keys {
            arms.string(code);
            arms.code(format_args!(
                " => ::core::option::Option::Some(Self::{variant}),"
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
    let codes: Vec<&str> = keys.iter().map(|(code, _)| *code).collect();
    // The codes and aliases are distinct (duplicates were left out), so a
    // placement exists; the generator's seed is fixed, so builds are
    // reproducible.
    let hash = phf_generator::generate_hash(&codes);
    let key = Literal::u64_suffixed(hash.key);
    let mut disps = String::new();
    for (first, second) in &hash.disps {
        disps.code(format_args!("({first}, {second}),"));
    }
    let mut entries = String::new();
    for (code, variant) in hash.map.iter().filter_map(|&index| keys.get(index)) {
        entries.push('(');
        entries.string(code);
        entries.code(format_args!(", {code_name}::{variant}),"));
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
