error_table::include_error_table!("tests/ui/fixtures/empty-placeholder.md");

fn main() {}
