error_table::include_error_table!("tests/ui/fixtures/code-with-no-break-space.md");

fn main() {}
