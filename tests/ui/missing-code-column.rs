error_table::include_error_table!("tests/ui/fixtures/missing-code-column.md", table = 1);

fn main() {}
