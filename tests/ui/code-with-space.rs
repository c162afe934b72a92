error_table::include_error_table!("tests/ui/fixtures/code-with-space.md");

fn main() {}
