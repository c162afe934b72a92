error_table::include_error_table!("tests/ui/fixtures/table-zero.md", table = 0);

fn main() {}
