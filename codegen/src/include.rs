//! The `include_error_table!` macro as a function: reads the files the
//! call names, runs the pipeline and turns its diagnostics into compile
//! errors and warnings on the call's literals.

use std::path::Path;

use proc_macro2::{Delimiter, Group, Literal, Span, TokenStream, TokenTree};
use quote::{quote, quote_spanned};

use crate::codes::DiagnosticCode;
use crate::diagnostic::{Diagnostic, Severity};
use crate::lints::Lints;
use crate::settings::{MacroInput, Text};
use crate::source::SourceFile;
use crate::{Generated, expand, generate_with_translations, validate};

/// What the macro emits besides the generated code.
#[derive(Default)]
struct Output {
    /// Files the compiler must watch, as absolute paths.
    tracked: Vec<String>,
    /// Errors and warnings, ready to emit.
    messages: Vec<TokenStream>,
}

impl Output {
    fn track(&mut self, base_dir: &Path, relative: &str) {
        self.tracked
            .push(base_dir.join(relative).to_string_lossy().into_owned());
    }

    /// Reports `diagnostic` at its own token of the macro's arguments, or
    /// else at `span`, the argument that named `file`.
    fn report(&mut self, span: Span, diagnostic: &Diagnostic, file: Option<&SourceFile>) {
        let span = diagnostic.token().unwrap_or(span);
        let message = diagnostic.render_unprefixed(file);
        self.messages.push(match diagnostic.severity {
            Severity::Error => compile_error(span, &message),
            Severity::Warning => warning(span, &message),
        });
    }

    fn finish(self, tokens: &TokenStream) -> TokenStream {
        let Self { tracked, messages } = self;
        // Including a file makes the compiler rebuild the crate when it
        // changes, which a proc macro cannot ask for otherwise on stable.
        quote! {
            #(const _: &[::core::primitive::u8] = ::core::include_bytes!(#tracked);)*
            #tokens
            #(#messages)*
        }
    }
}

/// `::core::compile_error!{ "message" }` at `span`, as the compiler shows
/// an error of a macro's input.
fn compile_error(span: Span, message: &str) -> TokenStream {
    let mut literal = Literal::string(message);
    literal.set_span(span);
    let mut body = Group::new(
        Delimiter::Brace,
        TokenStream::from(TokenTree::Literal(literal)),
    );
    body.set_span(span);
    let mut tokens = quote_spanned!(span=> ::core::compile_error!);
    tokens.extend([TokenTree::Group(body)]);
    tokens
}

/// A warning on stable Rust, where a proc macro cannot emit one: the use
/// of a deprecated item, whose note is the message.
fn warning(span: Span, message: &str) -> TokenStream {
    quote_spanned! {span=>
        const _: () = {
            #[deprecated(note = #message)]
            struct ErrorTableWarning;
            let _ = ErrorTableWarning;
        };
    }
}

/// The whole `include_error_table!` macro: `input` is its argument tokens
/// and `base_dir` the directory spec paths are relative to.
#[must_use]
pub fn include_error_table(input: TokenStream, base_dir: &Path) -> TokenStream {
    let mut output = Output::default();
    let MacroInput { path, settings } = match MacroInput::parse(input) {
        Ok(input) => input,
        Err(diagnostics) => {
            for diagnostic in &diagnostics {
                output.report(Span::call_site(), diagnostic, None);
            }
            return output.finish(&TokenStream::new());
        }
    };
    let relative = path.value();
    let file = match SourceFile::read(base_dir, relative) {
        Ok(file) => file,
        Err(error) => {
            output.report(path.span(), &error.diagnostic, error.lossy.as_deref());
            let fallback =
                expand::expand(&validate::Checked::default(), "", &[], &settings, relative);
            return output.finish(&fallback);
        }
    };
    output.track(base_dir, relative);
    let translations = translation_files(base_dir, relative, &settings.locales, &mut output);
    let files: Vec<SourceFile> = translations.iter().map(|(file, _)| file.clone()).collect();
    let generated = generate_with_translations(&file, &files, &settings);
    for diagnostic in &generated.diagnostics {
        output.report(path.span(), diagnostic, Some(&file));
    }
    for ((file, span), diagnostics) in translations.iter().zip(&generated.translation_diagnostics) {
        for diagnostic in diagnostics {
            output.report(*span, diagnostic, Some(file));
        }
    }
    if let Some(lock) = &settings.lock {
        check_lock(
            base_dir,
            lock,
            &file,
            &generated,
            &settings.lints,
            &mut output,
        );
    }
    for diagnostic in &generated.setting_diagnostics {
        output.report(path.span(), diagnostic, None);
    }
    output.finish(&generated.tokens)
}

/// The `lock` setting at work: reads the lockfile `lock` names and reports
/// the contracts that the table in `generated`, read from `spec`, breaks.
fn check_lock(
    base_dir: &Path,
    lock: &Text,
    spec: &SourceFile,
    generated: &Generated,
    lints: &Lints,
    output: &mut Output,
) {
    let lock_path = lock.value();
    let checked = generated.check_lock(spec, lock_path, SourceFile::read(base_dir, lock_path));
    if checked.lock_file.is_some() {
        output.track(base_dir, lock_path);
    }
    for diagnostic in &lints.apply(checked.lock_problems) {
        output.report(lock.span(), diagnostic, checked.lock_file.as_ref());
    }
    for diagnostic in &lints.apply(checked.broken) {
        output.report(lock.span(), diagnostic, Some(spec));
    }
}

/// The translation files the `locales` setting names, each with the span
/// of the literal that named it. Patterns are expanded in sorted order, so
/// the output does not depend on the file system's.
fn translation_files(
    base_dir: &Path,
    spec: &str,
    patterns: &[Text],
    output: &mut Output,
) -> Vec<(SourceFile, Span)> {
    let mut files = Vec::new();
    for pattern in patterns {
        let paths = match crate::source::matching_paths(base_dir, pattern.value()) {
            Ok(paths) => paths,
            Err(message) => {
                output.report(
                    pattern.span(),
                    &Diagnostic::error(DiagnosticCode::NoMatchingFiles, message),
                    None,
                );
                continue;
            }
        };
        for relative in paths.into_iter().filter(|relative| relative != spec) {
            output.track(base_dir, &relative);
            match SourceFile::read(base_dir, &relative) {
                Ok(file) => files.push((file, pattern.span())),
                Err(error) => {
                    output.report(pattern.span(), &error.diagnostic, error.lossy.as_deref());
                }
            }
        }
    }
    files
}

#[cfg(test)]
mod tests {
    use proc_macro2::Span;

    use super::compile_error;

    #[test]
    fn a_compile_error_holds_the_message() {
        let tokens = compile_error(Span::call_site(), "bad \"input\"");
        assert_eq!(
            tokens.to_string(),
            r#":: core :: compile_error ! { "bad \"input\"" }"#
        );
    }
}
