//! What the compiler does to a `match` in another crate when a row is
//! added, against what `error-table diff` and the lockfile say of it: an
//! API crate built from the older and then the newer revision of
//! `tests/fixtures/revisions/` (the newer adds `Gone`), and a client crate
//! that matches on its `ErrorCode`, both outside this workspace and built
//! with `cargo check`. With `#[non_exhaustive]` enums (the default) the
//! client needs a wildcard arm and the added row breaks nothing; with
//! `exhaustive = true` it may leave the wildcard out, and the added row
//! breaks its build. The contract's verdict on the added row is the same.
//! A client's `match` on a code that `renamed.md` renamed (listing the old
//! code as an alias) still compiles, with a deprecation warning.

// A test fails loudly by design: `expect` and indexing say where.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

use error_table_codegen::contract::{Contract, changes};
use error_table_codegen::settings::Settings;
use error_table_codegen::{SourceFile, generate};

/// The client's `match` on the five codes of the older revision, with or
/// without a wildcard arm.
fn client(wildcard: bool) -> String {
    let wildcard = if wildcard { "_ => \"another\"," } else { "" };
    format!(
        "//! A client of the API crate.\n\n\
         /// What the client makes of a code.\n\
         #[must_use]\n\
         pub fn describe(code: api::ErrorCode) -> &'static str {{\n\
         \x20   match code {{\n\
         \x20       api::ErrorCode::NotFound => \"not found\",\n\
         \x20       api::ErrorCode::InvalidName => \"invalid name\",\n\
         \x20       api::ErrorCode::RateLimited => \"rate limited\",\n\
         \x20       api::ErrorCode::Conflict => \"conflict\",\n\
         \x20       api::ErrorCode::Internal => \"internal\",\n\
         \x20       {wildcard}\n\
         \x20   }}\n\
         }}\n"
    )
}

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().expect("a parent directory")).expect("create the directory");
    fs::write(path, text).expect("write the file");
}

/// The fixture revision `name` (`older` or `newer`).
fn revision(name: &str) -> String {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/revisions/{name}.md"));
    fs::read_to_string(path).expect("the fixture")
}

/// Whether the client (with or without a wildcard arm) builds against the
/// API crate of revision `name`, its enums exhaustive or not; the
/// compiler's errors when it does not.
fn client_builds(dir: &Path, name: &str, exhaustive: bool, wildcard: bool) -> Result<(), String> {
    client_check(dir, name, exhaustive, wildcard).map(|_| ())
}

/// [`client_builds`], with what the compiler said when it built.
fn client_check(
    dir: &Path,
    name: &str,
    exhaustive: bool,
    wildcard: bool,
) -> Result<String, String> {
    // The tests' API crates share a name and a target directory, where
    // cargo gives them the same artifacts: one build at a time.
    static ONE_BUILD: Mutex<()> = Mutex::new(());
    let _build = ONE_BUILD
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let setting = if exhaustive {
        ", exhaustive = true"
    } else {
        ""
    };
    write(&dir.join("api/spec/errors.md"), &revision(name));
    write(
        &dir.join("api/src/lib.rs"),
        &format!(
            "//! The API's types.\n\n#![deny(warnings, clippy::pedantic)]\n\n\
             error_table::include_error_table!(\"spec/errors.md\"{setting});\n"
        ),
    );
    write(&dir.join("client/src/lib.rs"), &client(wildcard));
    let output = Command::new(env!("CARGO"))
        .args(["check", "--quiet", "--offline", "--package", "client"])
        .current_dir(dir)
        // Shared with the other user crate of the tests, for its built
        // dependencies.
        .env(
            "CARGO_TARGET_DIR",
            PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("user-crate/target"),
        )
        .env_remove("ERROR_TABLE_MANIFEST_DIR")
        .output()
        .expect("cargo runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    if output.status.success() {
        Ok(stderr)
    } else {
        Err(stderr)
    }
}

/// Whether the contract calls the row added from the older revision to
/// the newer breaking, for enums exhaustive or not.
fn added_row_breaks(exhaustive: bool) -> bool {
    let settings = Settings {
        exhaustive,
        ..Settings::default()
    };
    let contract = |name: &str| {
        let generated = generate(
            &SourceFile::new(format!("{name}.md"), revision(name)),
            &settings,
        );
        assert!(
            generated.diagnostics.is_empty(),
            "{:?}",
            generated.diagnostics
        );
        Contract::of(&generated.checked)
    };
    let (older, newer) = (contract("older"), contract("newer"));
    let changes = changes(&older, &newer);
    assert_eq!(changes.len(), 1, "one row added: {changes:?}");
    assert_eq!(changes[0].code(), "Gone");
    changes[0].is_breaking()
}

/// The downstream workspace in `CARGO_TARGET_TMPDIR/{name}`: an API crate
/// on the runtime and a client crate on the API crate.
fn downstream(name: &str) -> PathBuf {
    let workspace = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    write(
        &dir.join("Cargo.toml"),
        "[workspace]\nmembers = [\"api\", \"client\"]\nresolver = \"3\"\n",
    );
    write(
        &dir.join("api/Cargo.toml"),
        &format!(
            "[package]\nname = \"api\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\nerror-table = {{ path = {:?} }}\n",
            workspace.join("runtime").display().to_string()
        ),
    );
    write(
        &dir.join("client/Cargo.toml"),
        "[package]\nname = \"client\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
         [dependencies]\napi = { path = \"../api\" }\n",
    );
    dir
}

#[test]
fn a_downstream_match_breaks_on_an_added_row_exactly_when_the_contract_says_so() {
    let dir = downstream("downstream");

    // `#[non_exhaustive]`: the client needs its wildcard arm, and then the
    // added row breaks nothing, as the contract says.
    let error = client_builds(&dir, "older", false, false).unwrap_err();
    assert!(
        error.contains("error[E0004]: non-exhaustive patterns: `_` not covered"),
        "{error}"
    );
    client_builds(&dir, "older", false, true).unwrap();
    client_builds(&dir, "newer", false, true).unwrap();
    assert!(!added_row_breaks(false));

    // `exhaustive = true`: the client may leave the wildcard out, and the
    // added row breaks its build, as the contract says.
    client_builds(&dir, "older", true, false).unwrap();
    let error = client_builds(&dir, "newer", true, false).unwrap_err();
    assert!(
        error.contains("error[E0004]: non-exhaustive patterns: `ErrorCode::Gone` not covered"),
        "{error}"
    );
    assert!(added_row_breaks(true));
}

#[test]
fn a_downstream_match_on_a_renamed_code_still_compiles_with_a_deprecation_warning() {
    // The client's exhaustive `match` names `ErrorCode::Conflict`, which
    // `renamed.md` calls `VersionConflict` with `Conflict` as an alias: the
    // deprecated constant stands in for the variant, in the pattern and in
    // the exhaustiveness check, and the API crate itself stays warning-free.
    let dir = downstream("downstream-renamed");
    let warnings = client_check(&dir, "renamed", true, false).unwrap();
    assert!(
        warnings.contains("use of deprecated associated constant `api::ErrorCode::Conflict`")
            && warnings.contains(
                "the code `Conflict` was renamed to `VersionConflict`; use `VersionConflict`"
            ),
        "{warnings}"
    );
    assert!(!warnings.contains("api/src"), "{warnings}");
}
