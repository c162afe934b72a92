//! Translations: the raw seed pages in `../shared/seeds/` must produce
//! exactly the pinned drift diagnostics, the repaired `spec/errors.*.md`
//! must pass cleanly, and every error must display in every locale.

// A test fails loudly by design: `expect` and indexing say where.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};

use error_table_codegen::settings::Settings;
use error_table_codegen::{Severity, SourceFile, generate_with_translations};

error_table::include_error_table!("spec/errors.md", locales = "spec/errors.*.md");

/// A table whose translation reorders typed fields and holds quotes,
/// `#`s and braces.
mod typed {
    error_table::include_error_table!(
        "tests/fixtures/typed.md",
        locales = "tests/fixtures/typed.de-DE.md",
        fields = { count: u32, limit: u16 },
    );
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn spec() -> SourceFile {
    SourceFile::read(root(), "spec/errors.md").expect("the spec")
}

/// Every diagnostic of `translation` against the spec, rendered as the
/// build shows it, with its severity.
fn check(translation: &SourceFile) -> String {
    let generated = generate_with_translations(
        &spec(),
        std::slice::from_ref(translation),
        &Settings::default(),
    );
    assert!(
        generated.diagnostics.is_empty(),
        "{:?}",
        generated.diagnostics
    );
    generated.translation_diagnostics[0]
        .iter()
        .map(|diagnostic| diagnostic.render(Some(translation)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A seed page as it is, or `None` (said on stderr) where `../shared` is
/// absent.
fn seed(locale: &str) -> Option<SourceFile> {
    let dir = root().join("../shared/seeds");
    let name = format!("common-errors.{locale}.md");
    if !dir.join(&name).exists() {
        eprintln!("skipped: {} is absent", dir.join(&name).display());
        return None;
    }
    Some(SourceFile::read(&dir, &name).expect("a readable seed"))
}

#[test]
fn swedish_seed_names_its_six_mangled_codes_with_suggestions() {
    let Some(seed) = seed("sv-SE") else { return };
    insta::assert_snapshot!(check(&seed));
}

#[test]
fn french_seed_flags_its_translated_codes_and_placeholders() {
    let Some(seed) = seed("fr-FR") else { return };
    insta::assert_snapshot!(check(&seed));
}

#[test]
fn korean_seed_flags_translated_placeholders_and_the_stale_message() {
    let Some(seed) = seed("ko-KR") else { return };
    insta::assert_snapshot!(check(&seed));
}

#[test]
fn chinese_seed_flags_translated_placeholders_and_the_stale_message() {
    let Some(seed) = seed("zh-TW") else { return };
    insta::assert_snapshot!(check(&seed));
}

#[test]
fn repaired_translations_pass_cleanly() {
    for locale in ["ko-KR", "zh-TW", "sv-SE", "fr-FR"] {
        let file = SourceFile::read(root(), &format!("spec/errors.{locale}.md")).unwrap();
        assert_eq!(check(&file), "", "{locale}");
    }
}

#[test]
fn stale_translations_are_warnings_unless_asked_otherwise() {
    let Some(seed) = seed("ko-KR") else { return };
    let mut settings = Settings::default();
    let severities = |settings: &Settings| -> Vec<Severity> {
        let generated = generate_with_translations(&spec(), std::slice::from_ref(&seed), settings);
        generated.translation_diagnostics[0]
            .iter()
            .filter(|d| d.message.starts_with("stale translation"))
            .map(|d| d.severity)
            .collect()
    };
    assert_eq!(severities(&settings), [Severity::Warning]);
    settings.translation_policy.stale = Severity::Error;
    assert_eq!(severities(&settings), [Severity::Error]);
}

#[test]
fn every_error_displays_in_every_locale() {
    let error = Error::InvalidHashValue {
        invalid_hash: "0xZZ".into(),
    };
    assert_eq!(
        Error::LOCALES,
        ["en-US", "fr-FR", "ko-KR", "sv-SE", "zh-TW"]
    );
    let shown: Vec<String> = Error::LOCALES
        .iter()
        .map(|locale| error.localized(locale).to_string())
        .collect();
    assert_eq!(
        shown,
        [
            "Hash value 0xZZ is invalid.",
            "La valeur de hachage 0xZZ n’est pas valide.",
            "해시 값 0xZZ가 잘못되었습니다.",
            "Hashvärdet 0xZZ är ogiltigt.",
            "雜湊值 0xZZ 無效。",
        ]
    );
}

#[test]
fn placeholder_values_fill_translated_templates_in_their_order() {
    let error = Error::ClientVersionNotSupported {
        requested_action: "Live response".into(),
        supported_client_version: "10.8040".into(),
    };
    assert_eq!(
        error.localized("zh-TW").to_string(),
        "用戶端版本 10.8040 和更新版本支援 Live response。"
    );
}

#[test]
fn typed_fields_and_any_text_fill_a_translation() {
    use typed::Error;
    let error = Error::TooManyRequests {
        count: 120,
        limit: 100,
    };
    assert_eq!(error.to_string(), "Sent 120 requests; the limit is 100.");
    assert_eq!(
        error.localized("de").to_string(),
        "Das Limit ist 100, gesendet: 120 \"#\"## Anfragen."
    );
    let error = Error::ValueNotAllowed { value: "x".into() };
    assert_eq!(
        error.localized("de-DE").to_string(),
        "Wert „x\" ist nicht erlaubt {sic}."
    );
    assert_eq!(
        Error::Failed.localized("de").to_string(),
        "Etwas ist schiefgelaufen."
    );
    assert_eq!(
        Error::Failed.localized("fr").to_string(),
        "Something went wrong."
    );
}

#[test]
fn accept_language_chooses_the_locale() {
    let error = Error::NotFound;
    let localized = error.localized("de-DE, sv;q=0.8, fr;q=0.9");
    assert_eq!(localized.locale(), "fr-FR");
    assert_eq!(
        localized.to_string(),
        "Message d’erreur général « introuvable »."
    );
    assert_eq!(error.localized("zh-Hant-TW").locale(), "zh-TW");
    assert_eq!(error.localized("sv").locale(), "sv-SE");
    assert_eq!(
        error.localized("ja").to_string(),
        "General Not Found error message."
    );
}

/// The translated rows of the generated rustdoc, from the expansion.
#[test]
fn variant_docs_list_the_translations() {
    let files: Vec<SourceFile> = ["fr-FR", "ko-KR"]
        .iter()
        .map(|locale| SourceFile::read(root(), &format!("spec/errors.{locale}.md")).unwrap())
        .collect();
    let tokens = generate_with_translations(&spec(), &files, &Settings::default())
        .tokens
        .to_string();
    assert!(
        tokens.contains("- `ko-KR`: `해시 값 {the invalid hash}가 잘못되었습니다.`"),
        "{tokens}"
    );
}

#[test]
fn a_missing_row_falls_back_to_the_canonical_message_when_allowed() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let text = std::fs::read_to_string(root().join("spec/errors.sv-SE.md")).unwrap();
    let without_not_found: String = text
        .split_inclusive('\n')
        .filter(|line| !line.starts_with("| NotFound "))
        .collect();
    std::fs::write(dir.join("errors.sv-SE.md"), without_not_found).unwrap();
    let file = SourceFile::read(&dir, "errors.sv-SE.md").unwrap();
    let mut settings = Settings::default();
    settings.translation_policy.missing = Severity::Warning;
    let generated = generate_with_translations(&spec(), &[file], &settings);
    let messages: Vec<(Severity, &str)> = generated.translation_diagnostics[0]
        .iter()
        .map(|d| (d.severity, d.message.as_str()))
        .collect();
    assert_eq!(
        messages,
        [(
            Severity::Warning,
            "the `sv-SE` translation has no row for `NotFound`"
        )]
    );
}
