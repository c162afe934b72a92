error_table::include_error_table!("tests/ui/fixtures/pipe-lines-without-delimiter-row.md");

fn main() {}
