//! The public API of the `error-table` crate, with every feature, pinned
//! by a snapshot: any change to it, wanted or not, fails this test and
//! shows as a diff of `tests/snapshots/public_api__*.snap`, to be reviewed
//! and accepted (`INSTA_UPDATE=always cargo test --test public_api`, or
//! `cargo insta review`).
//!
//! The list is that of `cargo public-api` (its library, `public-api`),
//! read from rustdoc's JSON output. That output is unstable: on a stable
//! toolchain `RUSTC_BOOTSTRAP=1` allows it, here for this one build, in a
//! target directory of its own. `#[doc(hidden)]` items (`__private` and
//! the macros generated code calls) are not in it, as rustdoc leaves them
//! out; nor are blanket impls (`impl<T> From<T> for T`), which say nothing
//! of this crate.

// A test fails loudly by design: `expect` says where.
#![allow(clippy::expect_used)]

use std::path::PathBuf;
use std::process::Command;

/// Builds the rustdoc JSON of `error-table` with every feature and gives
/// its path.
fn rustdoc_json() -> PathBuf {
    let target = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("public-api");
    let output = Command::new(env!("CARGO"))
        .args(["rustdoc", "--quiet", "--locked", "--offline"])
        .args(["--package", "error-table", "--lib", "--all-features"])
        .args(["--", "-Z", "unstable-options", "--output-format", "json"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("RUSTC_BOOTSTRAP", "1")
        .env("CARGO_TARGET_DIR", &target)
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "rustdoc JSON of error-table:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    target.join("doc/error_table.json")
}

#[test]
fn the_public_api_of_error_table_is_pinned() {
    let api = public_api::Builder::from_rustdoc_json(rustdoc_json())
        .omit_blanket_impls(true)
        .build()
        .unwrap_or_else(|error| {
            panic!(
                "{error}\n(public-api reads the rustdoc JSON of one format version: \
                 after a toolchain update, update public-api in Cargo.toml too)"
            )
        });
    insta::assert_snapshot!(api.to_string());
}
