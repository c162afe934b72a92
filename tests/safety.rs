//! What generated code does with hostile values: JSON stays valid and
//! escaped, `Display` never reads a value as a template, and the code
//! itself holds no `unsafe`.

// A test fails loudly by design: `expect` and indexing say where.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]

use proc_macro2::{TokenStream, TokenTree};

error_table::include_error_table!("spec/errors.md");

/// Values that break naive JSON writers, HTML pages or format strings.
const HOSTILE: &[&str] = &[
    "\"quoted\" and 'single'",
    "back\\slash \\\" \\u0041 \\n",
    "control \u{0} \u{1} \u{8} \t \n \r \u{1b}[31m \u{1f} \u{7f}",
    "</script><script>alert(1)</script>",
    "line\u{2028}separator\u{2029}paragraph",
    "right-to-left \u{202e}txt.exe",
    "emoji 🦀 and a lone surrogate's stand-in \u{fffd}",
    "",
];

#[test]
fn hostile_field_values_round_trip_through_valid_escaped_json() {
    for &value in HOSTILE {
        for target in [None, Some(value)] {
            let error = Error::InvalidHashValue {
                invalid_hash: value.into(),
            };
            let json = serde_json::to_string(&error.to_envelope(target)).unwrap();
            // Every character JSON requires escaped (U+0000 to U+001F) is:
            // the body is one line whatever the value holds. DEL is valid
            // JSON as it is.
            assert!(
                !json.chars().any(|c| c < ' '),
                "raw control character in {json:?}"
            );
            let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
            assert_eq!(
                parsed,
                serde_json::json!({"error": match target {
                    Some(target) => serde_json::json!({
                        "code": "InvalidHashValue",
                        "message": format!("Hash value {value} is invalid."),
                        "target": target,
                        "metadata": {"invalid_hash": value},
                    }),
                    None => serde_json::json!({
                        "code": "InvalidHashValue",
                        "message": format!("Hash value {value} is invalid."),
                        "metadata": {"invalid_hash": value},
                    }),
                }}),
                "{json}"
            );
            let decoded: error_table::Envelope<'_> = serde_json::from_str(&json).unwrap();
            assert_eq!(decoded, error.to_envelope(target));
        }
    }
}

#[test]
fn display_shows_values_verbatim_never_as_templates() {
    for value in [
        "{x}",
        "{{",
        "}}",
        "{}",
        "{0}",
        "{:?}",
        "{the invalid hash}",
        "{invalid_hash}",
        "%s %n %x",
        "${HOME}",
    ] {
        let error = Error::InvalidHashValue {
            invalid_hash: value.into(),
        };
        assert_eq!(error.to_string(), format!("Hash value {value} is invalid."));
        let error = Error::MaximumBatchSizeExceeded {
            batch_size_received: value.into(),
            batch_size_allowed: "{batch size received}".into(),
        };
        assert_eq!(
            error.to_string(),
            format!(
                "Maximum batch size exceeded. Received: {value}, allowed: {{batch size received}}."
            )
        );
    }
}

/// Every identifier of a token stream, groups included.
fn idents(tokens: TokenStream, out: &mut Vec<String>) {
    for token in tokens {
        match token {
            TokenTree::Ident(ident) => out.push(ident.to_string()),
            TokenTree::Group(group) => idents(group.stream(), out),
            TokenTree::Punct(_) | TokenTree::Literal(_) => {}
        }
    }
}

#[test]
fn generated_code_has_no_unsafe() {
    let base = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    for path in [
        "spec/errors.md",
        "tests/ui/fixtures/right-to-left-message.md",
    ] {
        let file = error_table_codegen::SourceFile::read(base, path).unwrap();
        let generated = error_table_codegen::generate(
            &file,
            &error_table_codegen::settings::Settings::default(),
        );
        let mut names = Vec::new();
        idents(generated.tokens, &mut names);
        assert!(
            names.len() > 100,
            "{path}: too few identifiers to mean anything"
        );
        assert!(
            !names.iter().any(|name| name == "unsafe"),
            "{path}: generated code uses `unsafe`"
        );
        checked += 1;
    }
    assert_eq!(checked, 2);
}
