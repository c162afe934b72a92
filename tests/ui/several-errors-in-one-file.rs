error_table::include_error_table!("tests/ui/fixtures/several-errors-in-one-file.md");

fn main() {}
