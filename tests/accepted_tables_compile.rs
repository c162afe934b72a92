//! Every table the pipeline accepts gives code that compiles without a
//! warning. The tables are the fuzz corpus (`fuzz/run.sh seed`, grown by
//! fuzzing) when there is one, else the spec and the test fixtures; a
//! sample of them is included in one crate outside this workspace and
//! built with `cargo check`. Slow, hence ignored: run it with
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
    generated.diagnostics.is_empty() && generated.setting_errors.is_none()
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
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("accepted-tables");
    fs::create_dir_all(dir.join("src")).unwrap();
    fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"accepted-tables\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\nerror-table = {{ path = {:?} }}\n\n[workspace]\n",
            workspace.join("runtime").display().to_string()
        ),
    )
    .unwrap();
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
    let output = Command::new(env!("CARGO"))
        .args(["check", "--quiet", "--offline"])
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .env_remove("ERROR_TABLE_MANIFEST_DIR")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{} accepted tables, and the crate does not build:\n{}",
        tables.len(),
        String::from_utf8_lossy(&output.stderr)
    );
    eprintln!("{} accepted tables compile without warnings", tables.len());
}
