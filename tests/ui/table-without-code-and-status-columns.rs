error_table::include_error_table!("tests/ui/fixtures/table-without-code-and-status-columns.md");

fn main() {}
