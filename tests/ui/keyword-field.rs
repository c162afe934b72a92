error_table::include_error_table!("tests/ui/fixtures/keyword-field.md");

fn main() {}
