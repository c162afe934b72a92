#![deny(deprecated)]

error_table::include_error_table!("tests/ui/fixtures/several-error-tables.md");

fn main() {}
