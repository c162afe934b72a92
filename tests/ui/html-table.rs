error_table::include_error_table!("tests/ui/fixtures/html-table.md");

fn main() {}
