error_table::include_error_table!("tests/ui/fixtures/status-not-a-number.md");

fn main() {}
