error_table::include_error_table!("tests/ui/fixtures/no-such-file.md");

fn main() {}
