error_table::include_error_table!("tests/ui/fixtures/two-code-columns.md");

fn main() {}
