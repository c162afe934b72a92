error_table::include_error_table!("tests/ui/fixtures/numeric-codes.md", columns = { code = "Error Code" });

fn main() {}
