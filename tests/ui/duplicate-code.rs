error_table::include_error_table!("tests/ui/fixtures/duplicate-code.md");

fn main() {}
