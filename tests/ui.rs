//! Compile-fail tests: each `tests/ui/*.rs` includes a broken table from
//! `tests/ui/fixtures/` and its `.stderr` pins the exact message. The cases
//! in `tests/ui/pass/` must build and run.

// A test fails loudly by design: `expect` and indexing say where.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]

#[test]
fn ui() {
    // trybuild compiles the cases in a crate of its own under `target/`;
    // spec paths in the cases stay relative to this crate.
    // SAFETY: `set_var` races with threads reading the environment; this
    // binary holds this one test, and trybuild has not started yet.
    #[allow(unsafe_code)]
    unsafe {
        std::env::set_var("ERROR_TABLE_MANIFEST_DIR", env!("CARGO_MANIFEST_DIR"));
    }
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
    // Inputs that must build and run, such as a table that only added rows
    // to its lockfile's contracts.
    cases.pass("tests/ui/pass/*.rs");
}
