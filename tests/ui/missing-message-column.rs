error_table::include_error_table!("tests/ui/fixtures/missing-message-column.md");

fn main() {}
