error_table::include_error_table!("tests/ui/fixtures/colliding-placeholders.md");

fn main() {}
