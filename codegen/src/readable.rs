//! Generated code laid out for people to read, as `error-table expand`
//! prints it and the expansion snapshots pin it, rather than for the
//! compiler.

use proc_macro2::{Delimiter, Group, TokenStream, TokenTree};
use quote::quote;

/// `tokens` with each `#[doc]` attribute of several lines split into one
/// attribute per line, for code meant to be read: formatters print those
/// as `///` comments, and the others as `/** */` blocks. The macro emits
/// one attribute per item because it is cheaper to build and to compile.
#[must_use]
pub fn doc_line_per_attribute(tokens: TokenStream) -> TokenStream {
    let mut out = TokenStream::new();
    let mut tokens = tokens.into_iter().peekable();
    while let Some(token) = tokens.next() {
        match token {
            TokenTree::Punct(pound) if pound.as_char() == '#' => {
                let lines = match tokens.peek() {
                    Some(TokenTree::Group(attribute)) => multi_line_doc(attribute),
                    _ => None,
                };
                match lines {
                    Some(lines) => {
                        tokens.next();
                        out.extend(lines.iter().map(|line| quote!(#[doc = #line])));
                    }
                    None => out.extend([TokenTree::Punct(pound)]),
                }
            }
            TokenTree::Group(group) => {
                let mut split =
                    Group::new(group.delimiter(), doc_line_per_attribute(group.stream()));
                split.set_span(group.span());
                out.extend([TokenTree::Group(split)]);
            }
            token => out.extend([token]),
        }
    }
    out
}

/// The lines of `[doc = "…"]` when it has more than one.
fn multi_line_doc(attribute: &Group) -> Option<Vec<String>> {
    if attribute.delimiter() != Delimiter::Bracket {
        return None;
    }
    let tokens: Vec<TokenTree> = attribute.stream().into_iter().collect();
    let [TokenTree::Ident(name), TokenTree::Punct(equals), value] = tokens.as_slice() else {
        return None;
    };
    if name != "doc" || equals.as_char() != '=' {
        return None;
    }
    let text = crate::settings::string_literal_value(value)?;
    text.contains('\n')
        .then(|| text.lines().map(str::to_owned).collect())
}
