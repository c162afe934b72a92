error_table::include_error_table!("tests/ui/fixtures/table-in-code-block.md");

fn main() {}
