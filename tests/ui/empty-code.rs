error_table::include_error_table!("tests/ui/fixtures/empty-code.md");

fn main() {}
