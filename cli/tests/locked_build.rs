//! The lockfile round trip as a user lives it, with real processes: a
//! crate outside the workspace with `lock = "spec/errors.lock"`, locked by
//! the `error-table` binary; a changed status fails its build with the
//! contract and the command that accepts it; relocking passes; and an
//! edit of the lockfile alone reruns the check.

// A test fails loudly by design: `expect` and indexing say where.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const MAIN: &str = r#"
#![deny(warnings, clippy::pedantic)]

error_table::include_error_table!("spec/errors.md", lock = "spec/errors.lock");

fn main() {
    println!("{}", ErrorCode::InvalidInput.status());
}
"#;

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().expect("a parent directory")).expect("create the directory");
    fs::write(path, text).expect("write the file");
}

/// `cargo run` in the user crate. The target directory is the one of
/// `tests/rebuild.rs`'s user crate, so that the dependencies compile once.
fn cargo_run(dir: &Path) -> Output {
    let target = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("user-crate/target");
    Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--offline"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env_remove("ERROR_TABLE_MANIFEST_DIR")
        .output()
        .expect("cargo runs")
}

fn lock(dir: &Path) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_error-table"))
        .args(["lock", "spec/errors.md"])
        .current_dir(dir)
        .output()
        .expect("error-table runs");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stderr).expect("UTF-8")
}

fn passes(dir: &Path) -> String {
    let output = cargo_run(dir);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "the locked crate failed:\n{stderr}"
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

fn fails(dir: &Path) -> String {
    let output = cargo_run(dir);
    assert!(!output.status.success(), "the locked crate built");
    String::from_utf8(output.stderr).expect("UTF-8")
}

#[test]
fn a_changed_status_fails_the_build_until_relocked() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace")
        .to_path_buf();
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("locked-crate");
    let _ = fs::remove_dir_all(&dir);
    write(
        &dir.join("Cargo.toml"),
        &format!(
            "[package]\nname = \"locked-crate\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\nerror-table = {{ path = {:?} }}\n\n[workspace]\n",
            workspace.join("runtime").display().to_string()
        ),
    );
    write(&dir.join("src/main.rs"), MAIN);
    let spec = fs::read_to_string(workspace.join("spec/errors.md")).expect("the spec");
    write(&dir.join("spec/errors.md"), &spec);
    lock(&dir);
    assert_eq!(passes(&dir), "400\n");

    let row = "| InvalidInput | BadRequest (400) |";
    assert!(spec.contains(row));
    let changed = spec.replace(row, "| InvalidInput | Unprocessable Content (422) |");
    write(&dir.join("spec/errors.md"), &changed);
    let stderr = fails(&dir);
    for expected in [
        "error: [ET0703] the status of `InvalidInput` changed from 400 to 422, but the lockfile pins 400",
        "--> spec/errors.md:22:41",
        "accept the change on purpose with `error-table lock spec/errors.md`",
        "`spec/errors.lock` line 14 pins `InvalidInput 400 invalid_input`",
    ] {
        assert!(
            stderr.contains(expected),
            "`{expected}` is not in:\n{stderr}"
        );
    }

    assert!(lock(&dir).contains("accepted breaking change: `InvalidInput` status 400 → 422"));
    assert_eq!(passes(&dir), "422\n");

    // The lockfile is tracked: editing it alone reruns the check.
    let lock_path = dir.join("spec/errors.lock");
    let locked = fs::read_to_string(&lock_path).expect("the lockfile");
    write(
        &lock_path,
        &locked.replace(
            "InvalidInput 422 invalid_input",
            "InvalidInput 400 invalid_input",
        ),
    );
    let stderr = fails(&dir);
    assert!(
        stderr.contains("the status of `InvalidInput` changed from 400 to 422"),
        "{stderr}"
    );
}
