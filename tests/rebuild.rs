//! A crate outside this workspace, as a user would write it: it depends on
//! `error-table` by path, includes a copy of the spec, and is rebuilt when
//! that copy changes.

// A test fails loudly by design: `expect` and indexing say where.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const MAIN: &str = r#"
#![deny(warnings, clippy::pedantic)]

error_table::include_error_table!("spec/errors.md");

fn main() {
    let error = Error::InvalidHashValue { invalid_hash: "0xZZ".into() };
    println!("{} {} {} {}", ErrorCode::ALL.len(), error.code(), error.status(), error);
}
"#;

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().expect("a parent directory")).expect("create the directory");
    fs::write(path, text).expect("write the file");
}

/// Runs the user crate and returns what it printed.
fn run(dir: &Path) -> String {
    let output = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--offline"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .env_remove("ERROR_TABLE_MANIFEST_DIR")
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "the user crate failed:\n{stderr}");
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

#[test]
fn a_user_crate_gets_every_row_and_rebuilds_when_the_spec_changes() {
    let workspace = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("user-crate");
    let runtime = workspace.join("runtime");
    write(
        &dir.join("Cargo.toml"),
        &format!(
            "[package]\nname = \"user-crate\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\nerror-table = {{ path = {:?} }}\n\n[workspace]\n",
            runtime.display().to_string()
        ),
    );
    write(&dir.join("src/main.rs"), MAIN);
    let spec = fs::read_to_string(workspace.join("spec/errors.md")).expect("the spec");
    write(&dir.join("spec/errors.md"), &spec);
    assert_eq!(
        run(&dir),
        "20 InvalidHashValue 400 Hash value 0xZZ is invalid.\n"
    );

    let edited = spec
        .replace(
            "| BadRequest (400) | Hash value {the invalid hash} is invalid.",
            "| BadRequest (422) | Hash {the invalid hash} is not a hash.",
        )
        .replace(
            "| TooManyRequests |",
            "| Teapot | I'm a teapot (418) | Short and stout. |\n| TooManyRequests |",
        );
    assert_ne!(edited, spec, "the edit applies");
    write(&dir.join("spec/errors.md"), &edited);
    assert_eq!(
        run(&dir),
        "21 InvalidHashValue 422 Hash 0xZZ is not a hash.\n"
    );
}
