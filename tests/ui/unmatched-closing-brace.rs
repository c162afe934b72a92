error_table::include_error_table!("tests/ui/fixtures/unmatched-closing-brace.md");

fn main() {}
