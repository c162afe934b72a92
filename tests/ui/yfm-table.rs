error_table::include_error_table!("tests/ui/fixtures/yfm-table.md");

fn main() {}
