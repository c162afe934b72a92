error_table::include_error_table!("tests/ui/fixtures/status-with-two-numbers.md");

fn main() {}
