//! A contract lockfile: bytes in as `spec/errors.lock`.
//!
//! Invariants, beyond "never panics": every diagnostic points inside the
//! file (see `check.rs`), and what was read writes back to text that reads
//! again to the same contracts, without a problem.

#![no_main]

mod check;

use error_table_codegen::SourceFile;
use error_table_codegen::contract::{Contract, lockfile};
use error_table_codegen::diagnostic::Diagnostics;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(file) = SourceFile::from_bytes("errors.lock", data) else {
        return;
    };
    let mut diagnostics = Diagnostics::default();
    let contract = lockfile::parse(&file, &mut diagnostics);
    for diagnostic in &diagnostics.into_sorted() {
        check::diagnostic(&file, diagnostic);
    }
    let written = SourceFile::new("errors.lock", lockfile::print(&contract));
    let mut again = Diagnostics::default();
    let reread = lockfile::parse(&written, &mut again);
    let again = again.into_sorted();
    assert!(
        again.is_empty(),
        "a written lock reads with problems: {again:?}\n{}",
        written.text()
    );
    let contracts = |contract: &Contract| -> Vec<(String, u16, Vec<String>)> {
        contract
            .entries
            .iter()
            .map(|entry| (entry.code.clone(), entry.status, entry.fields.clone()))
            .collect()
    };
    assert_eq!(
        contracts(&contract),
        contracts(&reread),
        "{}",
        written.text()
    );
});
