error_table::include_error_table!("tests/ui/fixtures/several-error-tables.md", table = 1, tables = all);

fn main() {}
