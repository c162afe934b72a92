error_table::include_error_table!("tests/ui/fixtures/status-with-four-digits.md");

fn main() {}
