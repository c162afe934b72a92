error_table::include_error_table!("tests/ui/fixtures/table-without-status-column.md", table = 1);

fn main() {}
