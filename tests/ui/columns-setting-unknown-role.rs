error_table::include_error_table!("tests/ui/fixtures/two-code-columns.md", columns = { wire = "S3 Code" });

fn main() {}
