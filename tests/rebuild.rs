//! A crate outside this workspace, as a user would write it: it depends on
//! `error-table` by path, includes a copy of the spec and a translation,
//! is rebuilt when either changes, and sees translation warnings in the
//! build output.

// A test fails loudly by design: `expect` and indexing say where.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const MAIN: &str = r#"
#![deny(warnings, clippy::pedantic)]

error_table::include_error_table!("spec/errors.md", locales = "spec/errors.*.md");

fn main() {
    let error = Error::InvalidHashValue { invalid_hash: "0xZZ".into() };
    println!("{} {} {} {}", ErrorCode::ALL.len(), error.code(), error.status(), error);
    println!("{}", error.localized("sv"));
}
"#;

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().expect("a parent directory")).expect("create the directory");
    fs::write(path, text).expect("write the file");
}

/// Runs the user crate and returns what it printed, and what the build
/// printed.
fn run(dir: &Path) -> (String, String) {
    let output = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--offline"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .env_remove("ERROR_TABLE_MANIFEST_DIR")
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "the user crate failed:\n{stderr}");
    (
        String::from_utf8(output.stdout).expect("UTF-8 output"),
        stderr,
    )
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
    let swedish =
        fs::read_to_string(workspace.join("spec/errors.sv-SE.md")).expect("a translation");
    write(&dir.join("spec/errors.sv-SE.md"), &swedish);
    let (stdout, _) = run(&dir);
    assert_eq!(
        stdout,
        "20 InvalidHashValue 400 Hash value 0xZZ is invalid.\nHashvärdet 0xZZ är ogiltigt.\n"
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
    let edited_swedish = swedish
        .replace(
            "| BadRequest (400) | Hashvärdet {the invalid hash} är ogiltigt.",
            "| 422 | Ogiltig hash {the invalid hash}.",
        )
        .replace(
            "| TooManyRequests |",
            "| Teapot | 418 | Kort och tjock. |\n| TooManyRequests |",
        );
    write(&dir.join("spec/errors.sv-SE.md"), &edited_swedish);
    let (stdout, _) = run(&dir);
    assert_eq!(
        stdout,
        "21 InvalidHashValue 422 Hash 0xZZ is not a hash.\nOgiltig hash 0xZZ.\n"
    );

    // A stale translation is a warning that the build output shows, with
    // its place in the Markdown file.
    let stale = edited_swedish.replace(
        "| Kort och tjock. |",
        "| <span>Kort och tjock.</span><span class=\"sxs-lookup\"><span>Short.</span></span> |",
    );
    write(&dir.join("spec/errors.sv-SE.md"), &stale);
    write(
        &dir.join("src/main.rs"),
        &MAIN.replace("#![deny(warnings, clippy::pedantic)]", ""),
    );
    let (_, stderr) = run(&dir);
    assert!(
        stderr.contains("warning: use of deprecated unit struct"),
        "{stderr}"
    );
    assert!(stderr.contains("stale translation of `Teapot`"), "{stderr}");
    assert!(
        stderr.contains("--> spec/errors.sv-SE.md:30:24"),
        "{stderr}"
    );
}
