error_table::include_error_table!("tests/ui/fixtures/code-with-zero-width-space.md");

fn main() {}
