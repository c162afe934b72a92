error_table::include_error_table!("tests/ui/fixtures/status-outside-4xx-5xx.md");

fn main() {}
