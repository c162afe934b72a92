error_table::include_error_table!("tests/ui/fixtures/no-table.md");

fn main() {}
