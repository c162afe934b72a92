error_table::include_error_table!("tests/ui/fixtures/statuses-admit-3xx.md", statuses = "200-599");

fn main() {}
