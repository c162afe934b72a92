error_table::include_error_table!("tests/ui/fixtures/no-table-under-heading.md", table = "Notes");

fn main() {}
