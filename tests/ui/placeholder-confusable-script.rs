error_table::include_error_table!("tests/ui/fixtures/placeholder-confusable-script.md");

fn main() {}
