error_table::include_error_table!("tests/ui/fixtures/long-row.md");

fn main() {}
