//! Inputs at the edges: very long messages, very large tables, paths that
//! leave the crate, files that cannot be read. Each file is written into
//! `CARGO_TARGET_TMPDIR` and read the way the macro reads it.

// A test fails loudly by design: `expect` and indexing say where.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use error_table_codegen::settings::Settings;
use error_table_codegen::{SourceFile, generate};

const HEADER: &str = "| Error code | HTTP status code | Message |\n|---|---|---|\n";

/// A fresh directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("inputs")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Reads `relative` from `base` and runs the pipeline; the tokens must
/// parse as Rust.
fn read_and_generate(base: &Path, relative: &str) -> (SourceFile, error_table_codegen::Generated) {
    let file = SourceFile::read(base, relative).unwrap();
    let generated = generate(&file, &Settings::default());
    syn::parse2::<syn::File>(generated.tokens.clone()).expect("the expansion parses as Rust");
    (file, generated)
}

#[test]
fn a_ten_thousand_character_message_is_kept_whole() {
    let dir = scratch("long-message");
    let words = "All work and no play. ".repeat(500);
    let message = format!("{}{{the detail}}", &words[..9_990]);
    assert_eq!(message.chars().count(), 10_002);
    std::fs::write(
        dir.join("errors.md"),
        format!("{HEADER}| Long | 400 | {message} |\n"),
    )
    .unwrap();
    let (_, generated) = read_and_generate(&dir, "errors.md");
    assert!(
        generated.diagnostics.is_empty(),
        "{:?}",
        generated.diagnostics
    );
    let tokens = generated.tokens.to_string();
    assert!(tokens.contains(&words[..9_990]), "the message is cut");
    assert!(tokens.contains("detail"), "the placeholder is lost");
}

#[test]
fn a_five_thousand_row_table_generates_every_row() {
    let dir = scratch("large-table");
    let mut text = String::from(HEADER);
    for row in 0..5_000 {
        writeln!(
            text,
            "| Error{row} | {} | Row {row} failed on {{the item}}. |",
            400 + row % 200
        )
        .unwrap();
    }
    std::fs::write(dir.join("errors.md"), text).unwrap();
    let (_, generated) = read_and_generate(&dir, "errors.md");
    assert!(
        generated.diagnostics.is_empty(),
        "{:?}",
        generated.diagnostics
    );
    let syntax: syn::File = syn::parse2(generated.tokens).unwrap();
    let variants = syntax
        .items
        .iter()
        .find_map(|item| match item {
            syn::Item::Enum(item) if item.ident == "ErrorCode" => Some(item.variants.len()),
            _ => None,
        })
        .expect("an ErrorCode enum");
    assert_eq!(variants, 5_000);
}

#[test]
fn a_five_thousand_row_table_with_an_error_on_every_row_reports_them_all() {
    let dir = scratch("large-broken-table");
    let mut text = String::from(HEADER);
    for row in 0..5_000 {
        writeln!(text, "| Error{row} | 302 | Moved. |").unwrap();
    }
    std::fs::write(dir.join("errors.md"), text).unwrap();
    let (file, generated) = read_and_generate(&dir, "errors.md");
    assert_eq!(generated.diagnostics.len(), 5_000);
    let last = generated.diagnostics.last().unwrap().render(Some(&file));
    assert!(last.contains("--> errors.md:5002:"), "{last}");
}

#[test]
fn a_path_leaving_the_crate_with_dot_dot_is_read_and_shown_as_written() {
    let dir = scratch("outside");
    let crate_dir = dir.join("crate");
    std::fs::create_dir_all(&crate_dir).unwrap();
    std::fs::create_dir_all(dir.join("docs")).unwrap();
    std::fs::write(
        dir.join("docs/errors.md"),
        format!("{HEADER}| NotFound | 404 | Gone. |\n| Moved | 302 | Moved. |\n"),
    )
    .unwrap();
    let (file, generated) = read_and_generate(&crate_dir, "../docs/errors.md");
    assert!(generated.tokens.to_string().contains("NotFound"));
    let rendered: Vec<String> = generated
        .diagnostics
        .iter()
        .map(|diagnostic| diagnostic.render(Some(&file)))
        .collect();
    assert_eq!(rendered.len(), 1);
    assert!(
        rendered[0].contains("--> ../docs/errors.md:4:11"),
        "{}",
        rendered[0]
    );
}

#[test]
#[cfg(unix)]
fn an_unreadable_file_says_permission_denied() {
    use std::os::unix::fs::PermissionsExt;

    let dir = scratch("unreadable");
    let path = dir.join("errors.md");
    std::fs::write(&path, format!("{HEADER}| NotFound | 404 | Gone. |\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&path).is_ok() {
        // Root (as in CI containers) reads any file: nothing to test here.
        eprintln!("skipped: this user can read a file with mode 000");
        return;
    }
    let error = SourceFile::read(&dir, "errors.md").unwrap_err();
    assert_eq!(
        error.diagnostic.message,
        "cannot read `errors.md`: permission denied"
    );
    assert_eq!(
        error.diagnostic.help.as_deref(),
        Some("make the file readable")
    );
}
