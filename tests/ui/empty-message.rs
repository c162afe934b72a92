error_table::include_error_table!("tests/ui/fixtures/empty-message.md");

fn main() {}
