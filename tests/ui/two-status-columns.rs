error_table::include_error_table!("tests/ui/fixtures/two-status-columns.md");

fn main() {}
