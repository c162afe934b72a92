//! Every table the pipeline accepts gives code that compiles without a
//! warning. The tables are the fuzz corpus (`fuzz/run.sh seed`, grown by
//! fuzzing) when there is one, else the spec and the test fixtures; a
//! sample of them is included in one crate outside this workspace and
//! built with `cargo check`. A large translated table, laid out as the
//! macro lays out tables of thousands of rows, passes `cargo clippy` with
//! the pedantic lints. Slow, hence ignored: run them with
//! `cargo test --test accepted_tables_compile -- --ignored`.

// A test fails loudly by design: `expect` and indexing say where.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use error_table_codegen::settings::Settings;
use error_table_codegen::{SourceFile, generate};

/// How many accepted tables go into the crate at most.
const SAMPLE: usize = 300;

fn candidates(workspace: &Path) -> Vec<PathBuf> {
    let corpus = workspace.join("fuzz/corpus/pipeline");
    let dirs = if corpus.is_dir() {
        vec![corpus]
    } else {
        vec![
            workspace.join("spec"),
            workspace.join("tests/fixtures"),
            workspace.join("tests/ui/fixtures"),
        ]
    };
    let mut files: Vec<PathBuf> = dirs
        .iter()
        .flat_map(|dir| fs::read_dir(dir).unwrap())
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
}

/// Whether the pipeline accepts the file: rows generated, no problem.
fn accepted(path: &Path) -> bool {
    let Ok(file) = SourceFile::read(Path::new("/"), &path.to_string_lossy()) else {
        return false;
    };
    let generated = generate(&file, &Settings::default());
    // No table, or a table without rows, is a diagnostic too.
    generated.diagnostics.is_empty() && generated.setting_diagnostics.is_empty()
}

#[test]
#[ignore = "builds a crate with cargo: about a minute"]
fn every_accepted_table_compiles_without_warnings() {
    let workspace = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let tables: Vec<PathBuf> = candidates(&workspace)
        .into_iter()
        .filter(|path| accepted(path))
        .take(SAMPLE)
        .collect();
    assert!(!tables.is_empty(), "no accepted table to compile");
    let dir = user_crate(&workspace, "accepted-tables");
    // Copies, since a running fuzzer adds and removes corpus files.
    let _ = fs::remove_dir_all(dir.join("tables"));
    fs::create_dir_all(dir.join("tables")).unwrap();
    let mut lib = String::from("//! Accepted tables.\n#![deny(warnings, missing_docs)]\n");
    for (index, path) in tables.iter().enumerate() {
        fs::copy(path, dir.join(format!("tables/{index}.md"))).unwrap();
        writeln!(
            lib,
            "/// {}\npub mod t{index} {{ error_table::include_error_table!(\"tables/{index}.md\"); }}",
            path.file_name().unwrap().to_string_lossy().replace('\n', " "),
        )
        .unwrap();
    }
    fs::write(dir.join("src/lib.rs"), lib).unwrap();
    let output = cargo(&dir, &["check", "--quiet", "--offline"]);
    assert!(
        output.status.success(),
        "{} accepted tables, and the crate does not build:\n{}",
        tables.len(),
        String::from_utf8_lossy(&output.stderr)
    );
    eprintln!("{} accepted tables compile without warnings", tables.len());
}

/// Rows enough for every layout the macro keeps for large tables: a
/// perfect hash for `from_code`, a function per row for the messages.
const LARGE_ROWS: usize = 1_100;

#[test]
#[ignore = "builds a crate with cargo: about a minute"]
fn a_large_translated_table_passes_pedantic_clippy() {
    let workspace = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = user_crate(&workspace, "large-table");
    let mut table = String::from("| Code | Status | Message |\n|---|---|---|\n");
    let mut translated =
        String::from("---\nlocale: sv-SE\n---\n\n| Kod | Status | Meddelande |\n|---|---|---|\n");
    for row in 0..LARGE_ROWS {
        let (message, translation) = match row % 4 {
            0 => (format!("Plain {row}."), format!("Enkel {row}.")),
            1 => (
                format!("Item {{item}} of {row}."),
                format!("Sak {{item}} av {row}."),
            ),
            2 => (
                format!("Got {{count}} of {{item}} in {row}."),
                format!("Fick {{count}} av {{item}} i {row}."),
            ),
            _ => (format!("{{item}} and {row}"), format!("{{item}} och {row}")),
        };
        let status = 400 + row % 4;
        writeln!(table, "| Code{row} | {status} | {message} |").unwrap();
        // Every tenth row is left untranslated: those fall back.
        if row % 10 != 9 {
            writeln!(translated, "| Code{row} | {status} | {translation} |").unwrap();
        }
    }
    fs::create_dir_all(dir.join("tables")).unwrap();
    fs::write(dir.join("tables/large.md"), table).unwrap();
    fs::write(dir.join("tables/large.sv-SE.md"), translated).unwrap();
    fs::write(
        dir.join("src/lib.rs"),
        "//! A large table.\n#![warn(missing_docs, clippy::pedantic)]\n\
         error_table::include_error_table!(\n    \"tables/large.md\",\n    \
         locales = \"tables/large.sv-SE.md\",\n    \
         missing_translations = warn,\n    fields = { count: u32 },\n);\n",
    )
    .unwrap();
    let output = cargo(&dir, &["clippy", "--quiet", "--offline"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    // The untranslated rows are reported as warnings, on purpose; nothing
    // else may be.
    let unexpected: Vec<&str> = stderr
        .lines()
        .filter(|line| line.starts_with("warning") || line.starts_with("error"))
        .filter(|line| !line.contains("has no row for `Code"))
        .filter(|line| !line.ends_with("generated 110 warnings"))
        .collect();
    assert!(
        output.status.success() && unexpected.is_empty(),
        "the large table does not pass clippy:\n{stderr}"
    );
}

/// A new crate `name` outside the workspace that depends on `error-table`.
fn user_crate(workspace: &Path, name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    fs::create_dir_all(dir.join("src")).unwrap();
    fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\nerror-table = {{ path = {:?} }}\n\n[workspace]\n",
            workspace.join("runtime").display().to_string()
        ),
    )
    .unwrap();
    dir
}

fn cargo(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO"))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .env_remove("ERROR_TABLE_MANIFEST_DIR")
        .output()
        .unwrap()
}
