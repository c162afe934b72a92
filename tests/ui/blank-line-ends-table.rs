error_table::include_error_table!("tests/ui/fixtures/blank-line-ends-table.md");

fn main() {}
