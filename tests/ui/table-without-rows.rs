error_table::include_error_table!("tests/ui/fixtures/table-without-rows.md");

fn main() {}
