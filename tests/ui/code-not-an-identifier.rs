error_table::include_error_table!("tests/ui/fixtures/code-not-an-identifier.md");

fn main() {}
