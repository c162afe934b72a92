error_table::include_error_table!("tests/ui/fixtures/placeholder-composed-and-decomposed.md");

fn main() {}
