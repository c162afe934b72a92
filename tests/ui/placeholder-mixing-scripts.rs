error_table::include_error_table!("tests/ui/fixtures/placeholder-mixing-scripts.md");

fn main() {}
