error_table::include_error_table!("tests/ui/fixtures/table-index-past-end.md", table = 3);

fn main() {}
