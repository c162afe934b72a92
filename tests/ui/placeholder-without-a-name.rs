error_table::include_error_table!("tests/ui/fixtures/placeholder-without-a-name.md");

fn main() {}
