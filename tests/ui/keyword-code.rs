error_table::include_error_table!("tests/ui/fixtures/keyword-code.md");

fn main() {}
