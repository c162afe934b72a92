error_table::include_error_table!("tests/ui/fixtures/code-in-two-tables.md", tables = ["Client errors", "Server errors"]);

fn main() {}
