//! The macro's argument tokens, read left to right.
//!
//! The arguments are a string literal and `name = value` settings whose
//! values are literals, words, lists and maps: a small grammar of tokens,
//! read here with `proc_macro2` alone, with `litrs` for the literals (it
//! reads escapes and raw strings as rustc does). The only Rust syntax a
//! setting holds, a field's type and a visibility, is passed on as its
//! tokens, for rustc to check where it was written. Without `syn`, the
//! macro's build does not wait for it to compile.

use std::fmt;

use proc_macro2::{Delimiter, Ident, Literal, Span, TokenStream, TokenTree};

use crate::codes::DiagnosticCode;
use crate::diagnostic::Diagnostic;

/// What reading a value gives: the value, or every problem found in it.
pub(crate) type Parsed<T> = Result<T, Vec<Diagnostic>>;

/// A setting's error at `span`.
pub(crate) fn diagnostic(span: Span, message: impl Into<String>) -> Diagnostic {
    Diagnostic::error(DiagnosticCode::Setting, message.into()).at_token(span)
}

/// [`diagnostic`] as the only problem of a value.
pub(crate) fn error<T>(span: Span, message: impl Into<String>) -> Parsed<T> {
    Err(vec![diagnostic(span, message)])
}

/// A string literal's value and where it was written.
#[derive(Clone)]
pub struct Text {
    value: String,
    span: Span,
}

impl Text {
    /// `value`, as if written at `span`.
    #[must_use]
    pub fn new(value: &str, span: Span) -> Self {
        Self {
            value: value.to_owned(),
            span,
        }
    }

    /// The text the literal stands for, escapes read.
    #[must_use]
    pub fn value(&self) -> &str {
        &self.value
    }

    /// Where the literal was written.
    #[must_use]
    pub fn span(&self) -> Span {
        self.span
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.value, f)
    }
}

/// The tokens of one level of the arguments: the top level, or the inside
/// of a `[…]`, `{…}` or `(…)`.
pub(crate) struct Tokens {
    tokens: std::vec::IntoIter<TokenTree>,
    /// Where a missing token is reported: the closing delimiter, or the
    /// macro call.
    end: Span,
}

impl Tokens {
    /// The tokens of `stream`; problems at its end are reported at `end`.
    pub(crate) fn new(stream: TokenStream, end: Span) -> Self {
        Self {
            tokens: stream.into_iter().collect::<Vec<_>>().into_iter(),
            end,
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.tokens.as_slice().is_empty()
    }

    fn peek(&self) -> Option<&TokenTree> {
        self.tokens.as_slice().first()
    }

    /// Where the next token is, or the end.
    pub(crate) fn span(&self) -> Span {
        self.peek().map_or(self.end, TokenTree::span)
    }

    pub(crate) fn peek_punct(&self, punct: char) -> bool {
        matches!(self.peek(), Some(TokenTree::Punct(p)) if p.as_char() == punct)
    }

    /// Whether a string literal comes next.
    pub(crate) fn peek_string(&self) -> bool {
        matches!(self.peek(), Some(TokenTree::Literal(literal)) if string_value(literal).is_some())
    }

    pub(crate) fn peek_group(&self, delimiter: Delimiter) -> bool {
        matches!(self.peek(), Some(TokenTree::Group(group)) if group.delimiter() == delimiter)
    }

    /// The punctuation `punct`, or an error saying it was expected.
    pub(crate) fn punct(&mut self, punct: char) -> Parsed<()> {
        if self.peek_punct(punct) {
            self.tokens.next();
            return Ok(());
        }
        error(self.span(), format!("expected `{punct}`"))
    }

    /// A word; `expected` says what it stands for, when it is missing.
    pub(crate) fn ident(&mut self, expected: &str) -> Parsed<Ident> {
        match self.peek() {
            Some(TokenTree::Ident(ident)) => {
                let ident = ident.clone();
                self.tokens.next();
                Ok(ident)
            }
            _ => error(self.span(), expected),
        }
    }

    /// A string literal; `expected` says what it stands for, when another
    /// token is there.
    pub(crate) fn string(&mut self, expected: &str) -> Parsed<Text> {
        let text = match self.peek() {
            Some(TokenTree::Literal(literal)) => string_value(literal).map(|value| Text {
                value,
                span: literal.span(),
            }),
            _ => None,
        };
        match text {
            Some(text) => {
                self.tokens.next();
                Ok(text)
            }
            None => error(self.span(), expected),
        }
    }

    /// An integer literal without suffix, and where it is.
    pub(crate) fn integer(&mut self, expected: &str) -> Parsed<(u64, Span)> {
        let value = match self.peek() {
            Some(TokenTree::Literal(literal)) => match litrs::IntegerLit::try_from(literal) {
                Ok(integer) if integer.suffix().is_empty() => {
                    Some((integer.value::<u64>(), literal.span()))
                }
                _ => None,
            },
            _ => None,
        };
        match value {
            Some((Some(value), span)) => {
                self.tokens.next();
                Ok((value, span))
            }
            Some((None, span)) => error(span, "this number is too large"),
            None => error(self.span(), expected),
        }
    }

    /// `true` or `false`.
    pub(crate) fn boolean(&mut self) -> Parsed<bool> {
        let span = self.span();
        match self
            .ident("expected `true` or `false`")?
            .to_string()
            .as_str()
        {
            "true" => Ok(true),
            "false" => Ok(false),
            _ => error(span, "expected `true` or `false`"),
        }
    }

    /// The inside of a group with `delimiter`; `expected` says what it
    /// holds, when another token is there.
    pub(crate) fn group(&mut self, delimiter: Delimiter, expected: &str) -> Parsed<Self> {
        match self.peek() {
            Some(TokenTree::Group(group)) if group.delimiter() == delimiter => {
                let inside = Self::new(group.stream(), group.span_close());
                self.tokens.next();
                Ok(inside)
            }
            _ => error(self.span(), expected),
        }
    }

    /// The next token, whatever it is.
    pub(crate) fn token(&mut self) -> Option<TokenTree> {
        self.tokens.next()
    }

    /// The tokens up to the next `,` outside angle brackets (`HashMap<K,
    /// V>` is one), or to the end: a type, as written.
    pub(crate) fn until_comma(&mut self) -> TokenStream {
        let mut taken = TokenStream::new();
        let mut depth = 0_usize;
        let mut after_hyphen = false;
        while let Some(token) = self.peek() {
            let punct = match token {
                TokenTree::Punct(punct) => Some(punct.as_char()),
                _ => None,
            };
            match punct {
                Some(',') if depth == 0 => break,
                Some('<') => depth += 1,
                // The `>` of `->` in a function type closes nothing.
                Some('>') if !after_hyphen => depth = depth.saturating_sub(1),
                _ => {}
            }
            after_hyphen = punct == Some('-');
            taken.extend(self.tokens.next());
        }
        taken
    }

    /// Drops the tokens up to the next top-level `,`, so that reading can
    /// go on after a bad value.
    pub(crate) fn skip_to_comma(&mut self) {
        while !self.is_empty() && !self.peek_punct(',') {
            self.tokens.next();
        }
    }

    /// A `,` between entries, unless the end has come.
    pub(crate) fn separator(&mut self) -> Parsed<()> {
        if self.is_empty() {
            return Ok(());
        }
        self.punct(',')
    }
}

/// The value of a string literal (plain or raw, escapes read), or `None`
/// for another literal or one with a suffix.
fn string_value(literal: &Literal) -> Option<String> {
    let string = litrs::StringLit::try_from(literal).ok()?;
    string
        .suffix()
        .is_empty()
        .then(|| string.value().to_owned())
}

/// The value of `token` when it is a string literal: for reading
/// `doc = "…"` attributes back.
#[must_use]
pub fn string_literal_value(token: &TokenTree) -> Option<String> {
    match token {
        TokenTree::Literal(literal) => string_value(literal),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn tokens(stream: TokenStream) -> Tokens {
        Tokens::new(stream, Span::call_site())
    }

    #[test]
    fn strings_are_read_with_their_escapes_raw_or_not() {
        let mut input = tokens(quote!("a\n\"b\"" r#"c "d""#));
        assert_eq!(input.string("a string").unwrap().value(), "a\n\"b\"");
        assert_eq!(input.string("a string").unwrap().value(), "c \"d\"");
        assert!(input.is_empty());
    }

    #[test]
    fn a_suffixed_or_byte_string_is_not_a_string() {
        for stream in [quote!("a"suffix), quote!(b"a"), quote!(1), quote!(word)] {
            assert!(!tokens(stream.clone()).peek_string(), "{stream}");
            assert!(tokens(stream).string("a string").is_err());
        }
    }

    #[test]
    fn integers_are_read_without_suffix() {
        assert_eq!(tokens(quote!(0x10)).integer("n").unwrap().0, 16);
        assert!(tokens(quote!(1u8)).integer("n").is_err());
        assert!(tokens(quote!(1.5)).integer("n").is_err());
        let huge = tokens(quote!(100000000000000000000))
            .integer("n")
            .unwrap_err();
        assert_eq!(huge[0].message, "this number is too large");
    }

    #[test]
    fn a_type_runs_to_the_comma_outside_angle_brackets() {
        let mut input = tokens(quote!(HashMap<K, Vec<V>>, fn(u8) -> u8, next));
        assert_eq!(input.until_comma().to_string(), "HashMap < K , Vec < V >>");
        input.punct(',').unwrap();
        assert_eq!(input.until_comma().to_string(), "fn (u8) -> u8");
        input.punct(',').unwrap();
        assert_eq!(input.until_comma().to_string(), "next");
        assert!(input.is_empty());
    }

    #[test]
    fn a_missing_token_is_reported_where_it_was_expected() {
        let error = tokens(quote!(a)).punct('=').unwrap_err();
        assert_eq!(error[0].message, "expected `=`");
        let error = tokens(TokenStream::new())
            .ident("expected a name")
            .unwrap_err();
        assert_eq!(error[0].message, "expected a name");
    }
}
