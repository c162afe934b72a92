//! A row added after locking is no broken contract.

error_table::include_error_table!(
    "tests/ui/fixtures/lock-added-row-passes.md",
    lock = "tests/ui/fixtures/lock-added-row-passes.lock",
);

fn main() {
    assert_eq!(ErrorCode::Teapot.status(), 418);
    assert_eq!(Error::NotFound { resource: "x".into() }.status(), 404);
}
