//! Generated code written as Rust text and parsed into tokens in one go.
//!
//! The parts of the expansion that grow with the table (match arms,
//! arrays, variants, their docs) are written this way. Built with
//! `quote!`, every token crosses the compiler's proc-macro bridge on its
//! own, and at 2,000 rows that costs `cargo check` more than the compiler
//! spends on the same code pasted in (BENCHMARKS.md, change 4); parsed from
//! text, the compiler's own lexer makes them, as it would for pasted code.
//! The fixed parts stay `quote!`, where the names the user gave keep their
//! spans.

extern crate proc_macro;

use std::fmt::{self, Write as _};

use proc_macro2::TokenStream;
use quote::quote;

/// Writing Rust code into a `String`.
pub(super) trait WriteCode {
    /// Writes formatted code.
    fn code(&mut self, code: fmt::Arguments<'_>);

    /// Writes `value` as a string literal.
    fn string(&mut self, value: &str);

    /// Writes `value` as a raw string literal where it can be one: for
    /// long text, which the compiler then takes as it is, where an escaped
    /// literal is written and unescaped `char` by `char`.
    fn raw_string(&mut self, value: &str);

    /// Writes `#[doc = "…"]` for `text`.
    fn doc(&mut self, text: &str);
}

impl WriteCode for String {
    fn code(&mut self, code: fmt::Arguments<'_>) {
        // Writing into a `String` does not fail.
        let _ = self.write_fmt(code);
    }

    /// `Debug` escapes a `str` the way a Rust string literal needs.
    fn string(&mut self, value: &str) {
        self.code(format_args!("{value:?}"));
    }

    /// A raw string cannot hold a carriage return, so a value with one is
    /// escaped. The searches are `<[u8]>::contains`, which the standard
    /// library's optimized build runs a word at a time: this runs
    /// unoptimized in `cargo check`, on megabytes of text with many
    /// locales.
    fn raw_string(&mut self, value: &str) {
        let bytes = value.as_bytes();
        if bytes.contains(&b'\r') {
            self.string(value);
            return;
        }
        let hashes = if bytes.contains(&b'"') {
            // One `#` more than the longest run of them after a quote.
            let longest = bytes
                .split(|&byte| byte == b'"')
                .skip(1)
                .map(|after| after.iter().take_while(|&&byte| byte == b'#').count())
                .max()
                .unwrap_or(0);
            "#".repeat(longest + 1)
        } else {
            String::new()
        };
        self.push('r');
        self.push_str(&hashes);
        self.push('"');
        self.push_str(value);
        self.push('"');
        self.push_str(&hashes);
    }

    fn doc(&mut self, text: &str) {
        self.push_str("#[doc = ");
        self.raw_string(&indent_doc(text));
        self.push(']');
    }
}

/// `code` as tokens. Only a bug here writes code that does not lex; the
/// build then says so rather than the compiler panic.
pub(super) fn parse(code: &str) -> TokenStream {
    // Inside the compiler, its lexer takes the code directly: proc-macro2's
    // `from_str` would first lex all of it again itself, to guard against
    // input that makes the compiler panic, and in a proc macro built
    // unoptimized that check costs more than the rest of the expansion.
    // The code is ours, and the tests lex all of it both ways.
    if proc_macro::is_available()
        && let Ok(tokens) = code.parse::<proc_macro::TokenStream>()
    {
        return tokens.into();
    }
    code.parse().unwrap_or_else(|error| {
        let message = format!(
            "error-table wrote code that does not lex ({error}); please report it with the table"
        );
        quote!(::core::compile_error!(#message);)
    })
}

/// Code written as text with tokens made otherwise in between, in order.
#[derive(Default)]
pub(super) struct Mixed {
    /// The code written since the last tokens.
    pub(super) code: String,
    tokens: TokenStream,
}

impl Mixed {
    /// Appends tokens after the code written so far, which must be whole
    /// token trees (no open delimiter).
    pub(super) fn tokens(&mut self, tokens: TokenStream) {
        self.flush();
        self.tokens.extend(tokens);
    }

    /// Everything written and appended, as tokens.
    pub(super) fn finish(mut self) -> TokenStream {
        self.flush();
        self.tokens
    }

    fn flush(&mut self) {
        if !self.code.is_empty() {
            self.tokens.extend(parse(&self.code));
            self.code.clear();
        }
    }
}

/// `text` with each line indented by a space, as `///` comments are.
pub(super) fn indent_doc(text: &str) -> String {
    let mut indented = String::with_capacity(text.len() + text.len() / 32 + 1);
    for (index, line) in text.lines().enumerate() {
        if index > 0 {
            indented.push('\n');
        }
        indented.push(' ');
        indented.push_str(line);
    }
    indented
}

#[cfg(test)]
mod tests {
    use super::{Mixed, WriteCode, parse};

    #[test]
    fn strings_are_escaped_as_rust_literals() {
        let value = "a \"quoted\" \\ path\nand {braces} — ünïcode\u{0}";
        let mut code = String::new();
        code.string(value);
        let literal = parse(&code).into_iter().next().expect("one token");
        let read = crate::settings::string_literal_value(&literal).expect("a string literal");
        assert_eq!(read, value);
    }

    #[test]
    fn any_text_is_one_raw_string_literal_of_itself() {
        for text in [
            "",
            "plain",
            "a \"quoted\" word",
            "ends with a quote\"",
            "r\"#\"## raw-looking \"###",
            "a carriage\rreturn",
            "\\ {braces} — ünïcode\u{0}",
        ] {
            let mut code = String::new();
            code.raw_string(text);
            let literal = parse(&code).into_iter().next().expect("one token");
            let read = crate::settings::string_literal_value(&literal).expect("a string literal");
            assert_eq!(read, text);
        }
    }

    #[test]
    fn code_that_does_not_lex_becomes_a_compile_error() {
        assert!(parse("match x {").to_string().contains("compile_error"));
    }

    #[test]
    fn appended_tokens_keep_their_place() {
        let mut mixed = Mixed::default();
        mixed.code.push_str("a,");
        mixed.tokens(quote::quote!(b,));
        mixed.code.push_str("c, d");
        assert_eq!(mixed.finish().to_string(), "a , b , c , d");
    }
}
