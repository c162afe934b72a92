error_table::include_error_table!("tests/ui/fixtures/short-row.md");

fn main() {}
