error_table::include_error_table!("tests/ui/fixtures/reserved-field.md");

fn main() {}
