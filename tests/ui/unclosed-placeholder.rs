error_table::include_error_table!("tests/ui/fixtures/unclosed-placeholder.md");

fn main() {}
