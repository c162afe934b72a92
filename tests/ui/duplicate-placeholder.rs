error_table::include_error_table!("tests/ui/fixtures/duplicate-placeholder.md");

fn main() {}
