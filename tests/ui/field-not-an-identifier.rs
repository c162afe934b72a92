error_table::include_error_table!("tests/ui/fixtures/field-not-an-identifier.md");

fn main() {}
